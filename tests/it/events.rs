//! The events journal, as the unprivileged user: what a container's life,
//! a pull, tags, volumes and networks write, `rpod events` filtered and
//! formatted, two concurrent writers, following the journal while other
//! rpod processes write, SIGINT, rotation and `events_logger = "none"`.

use std::time::Duration;

use crate::harness::{Env, Output};
use crate::pull::busybox_env as setup;

/// `rpod events --stream=false` with `args`, as lines.
fn events(env: &Env, args: &[&str]) -> Vec<String> {
    let out = env
        .rpod(["events", "--stream=false"])
        .args(args)
        .timeout(Duration::from_secs(30))
        .run();
    out.success();
    out.lines().iter().map(|l| l.to_string()).collect()
}

/// Every line of the journal file parses as JSON (none torn).
fn journal_lines(env: &Env) -> Vec<serde_json::Value> {
    let path = env.runroot().join("events/events.log");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("torn line {l:?}: {e}")))
        .collect()
}

#[test]
fn a_containers_life_is_journaled() {
    let (env, image) = require!(setup());
    let fmt = "{{.Status}} {{.Name}}";
    // A foreground run that exits with 3, with a label.
    env.rpod([
        "run", "--name", "fg", "--label", "app=web", &image, "sh", "-c", "exit 3",
    ])
    .run()
    .code(3);
    let id = env
        .rpod(["run", "-d", "--name", "bg", &image, "sleep", "60"])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["exec", "bg", "sh", "-c", "exit 4"]).run().code(4);
    env.rpod(["stop", "-t", "0", "bg"]).run().success();
    env.rpod(["run", "-d", "--name", "k", &image, "sleep", "60"])
        .run()
        .success();
    env.rpod(["kill", "k"]).run().success();
    env.rpod(["wait", "k"]).run().success();
    env.rpod(["rm", "fg", "bg", "k"]).run().success();

    let fg = events(&env, &["--filter", "container=fg", "--format", fmt]);
    assert_eq!(
        fg,
        [
            "create fg",
            "init fg",
            "start fg",
            "attach fg",
            "died fg",
            "cleanup fg",
            "remove fg"
        ],
        "fg"
    );
    let bg = events(&env, &["--filter", "container=bg", "--format", fmt]);
    for (want, line) in ["create", "init", "start", "exec", "exec_died"]
        .iter()
        .zip(&bg)
    {
        assert_eq!(line, &format!("{want} bg"), "{bg:?}");
    }
    for want in ["died", "stop", "cleanup", "remove"] {
        assert!(bg.contains(&format!("{want} bg")), "{want} in {bg:?}");
    }
    let k = events(&env, &["--filter", "container=k", "--format", fmt]);
    for want in ["kill", "died", "remove"] {
        assert!(k.contains(&format!("{want} k")), "{want} in {k:?}");
    }
    // died carries the exit code and the labels; the default line is podman's.
    let died = events(
        &env,
        &[
            "--filter",
            "container=fg",
            "--filter",
            "event=die",
            "--format",
            "{{.ContainerExitCode}} {{.Attributes.app}} {{.Image}}",
        ],
    );
    assert_eq!(died, [format!("3 web {image}")]);
    let exec_died = events(
        &env,
        &[
            "--filter",
            "event=exec_died",
            "--format",
            "{{.ContainerExitCode}}",
        ],
    );
    assert_eq!(exec_died, ["4"]);
    let human = events(
        &env,
        &["--filter", "container=bg", "--filter", "event=start"],
    );
    assert_eq!(human.len(), 1, "{human:?}");
    assert!(
        human[0].contains(&format!(" container start {id} (image={image}, name=bg")),
        "{human:?}"
    );
    let short = events(
        &env,
        &[
            "--filter",
            "container=bg",
            "--filter",
            "event=start",
            "--no-trunc=false",
        ],
    );
    assert!(
        short[0].contains(&format!(" container start {} (image=", &id[..12])),
        "{short:?}"
    );
    // The journal is podman's format: one JSON object a line.
    let lines = journal_lines(&env);
    assert!(lines.iter().any(|e| e["Type"] == "container"
        && e["Status"] == "died"
        && e["ContainerExitCode"] == 3
        && e["Attributes"]["app"] == "web"));
}

#[test]
fn images_volumes_and_networks_are_journaled() {
    let (env, image) = require!(setup());
    let id = env.inspect(&image)["Id"].as_str().unwrap().to_string();
    env.rpod(["tag", &image, "localhost/mine"]).run().success();
    env.rpod(["untag", &image, "localhost/mine"])
        .run()
        .success();
    // push to a directory transport and save -o name their output.
    let dir = env.dir.join("pushed");
    let dir_ref = format!("dir:{}", dir.display());
    env.rpod(["push", "-q", &image, &dir_ref]).run().success();
    assert!(dir.join("manifest.json").is_file());
    let tarball = env.dir.join("ball.tar");
    env.rpod(["save", "-q", "-o"])
        .arg(&tarball)
        .arg(&image)
        .run()
        .success();
    // load names the archive; pull from it is a pull of that reference.
    env.rpod(["load", "-q", "-i"]).arg(&tarball).run().success();
    let archive_ref = format!("docker-archive:{}", tarball.display());
    let pulled = env.rpod(["pull", "-q", &archive_ref]).run();
    assert_eq!(pulled.success().out(), id, "pull prints the image's ID");
    env.rpod(["volume", "create", "vol1"]).run().success();
    env.rpod(["volume", "rm", "vol1"]).run().success();
    env.rpod(["volume", "create", "vol2"]).run().success();
    env.rpod(["volume", "prune", "-f"]).run().success();
    env.rpod(["network", "create", "net1"]).run().success();
    env.rpod(["network", "rm", "net1"]).run().success();
    env.rpod(["pull", "--retry", "0", "localhost:1/nosuch"])
        .run()
        .code(125);
    env.rpod(["rmi", &id]).run().success();

    let images = events(
        &env,
        &[
            "--filter",
            "type=image",
            "--format",
            "{{.Status}}--{{.Name}}",
        ],
    );
    assert_eq!(
        images,
        [
            format!("pull--{image}"),
            "tag--localhost/mine".to_string(),
            "untag--localhost/mine:latest".to_string(),
            format!("push--{dir_ref}"),
            format!("save--{}", tarball.display()),
            format!("loadfromarchive--{}", tarball.display()),
            format!("pull--{archive_ref}"),
            "pull-error--localhost:1/nosuch".to_string(),
            format!("untag--{image}"),
            format!("remove--{id}"),
        ]
    );
    let volumes = events(&env, &["--filter", "volume=vol"]);
    let tail: Vec<String> = volumes
        .iter()
        .map(|l| l.split(" volume ").nth(1).unwrap_or(l).to_string())
        .collect();
    assert_eq!(
        tail,
        [
            "create vol1",
            "remove vol1",
            "create vol2",
            "remove vol2",
            "prune vol2"
        ]
    );
    let nets = events(&env, &["--filter", "type=network"]);
    assert_eq!(nets.len(), 2, "{nets:?}");
    assert!(nets[0].contains(" network create ") && nets[0].ends_with("(name=net1, type=bridge)"));
    assert!(nets[1].contains(" network remove "), "{nets:?}");
    // Same keys OR, different keys AND.
    let or = events(
        &env,
        &[
            "--filter",
            "volume=vol1",
            "--filter",
            "volume=vol2",
            "--filter",
            "event=create",
            "--format",
            "{{.Name}}",
        ],
    );
    assert_eq!(or, ["vol1", "vol2"]);
    // json: podman's keys with Unix times.
    let json = events(&env, &["--filter", "event=tag", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(v["ID"], id.as_str());
    assert_eq!(v["Name"], "localhost/mine");
    assert!(v["time"].as_i64().unwrap() > 1_600_000_000 && v["timeNano"].is_i64());
    let same = events(&env, &["--filter", "event=tag", "--format", "{{json .}}"]);
    assert_eq!(same, json);
}

#[test]
fn since_and_until_bound_what_is_read() {
    let (env, _) = require!(setup());
    env.rpod(["volume", "create", "early"]).run().success();
    let t = events(
        &env,
        &["--filter", "volume=early", "--format", "{{.TimeNano}}"],
    );
    let nanos: i64 = t[0].parse().unwrap();
    // The event's own time, to the nanosecond (RFC 3339): both bounds
    // are strict.
    let at = chrono::DateTime::from_timestamp_nanos(nanos)
        .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    env.rpod(["volume", "create", "late"]).run().success();
    let names = |args: &[&str]| {
        let mut a = vec!["--filter", "type=volume", "--format", "{{.Name}}"];
        a.extend_from_slice(args);
        events(&env, &a)
    };
    assert_eq!(names(&["--since", &at]), ["late"]);
    assert_eq!(names(&["--until", &at]), Vec::<String>::new());
    // Durations, Unix seconds, dates.
    assert_eq!(names(&["--since", "1h"]), ["early", "late"]);
    assert_eq!(names(&["--until=-1h"]), Vec::<String>::new());
    let second_before = (nanos / 1_000_000_000 - 1).to_string();
    assert_eq!(names(&["--since", &second_before]), ["early", "late"]);
    assert_eq!(names(&["--until", &second_before]), Vec::<String>::new());
    assert_eq!(names(&["--until", "2000-01-01"]), Vec::<String>::new());
    env.rpod(["events", "--since", "the dawn of time...ish"])
        .run()
        .error125()
        .stderr_has("failed to parse event filters");
    env.rpod(["events", "--filter", "colour=red"])
        .run()
        .error125();
}

#[test]
fn concurrent_writers_lose_and_tear_nothing() {
    let (env, _) = require!(setup());
    let script = |tag: &str| {
        format!(
            "for i in 1 2 3 4 5 6 7 8 9 10; do {} volume create {tag}$i >/dev/null || exit 1; done",
            env.rpod_line("")
        )
    };
    let a = env.cmd("sh").args(["-c", &script("a")]).start();
    let b = env.cmd("sh").args(["-c", &script("b")]).start();
    a.finish(Duration::from_secs(120)).success();
    b.finish(Duration::from_secs(120)).success();
    let lines = journal_lines(&env);
    let created: Vec<&str> = lines
        .iter()
        .filter(|e| e["Type"] == "volume" && e["Status"] == "create")
        .filter_map(|e| e["Name"].as_str())
        .collect();
    assert_eq!(created.len(), 20, "{created:?}");
    for tag in ["a", "b"] {
        let order: Vec<&str> = created
            .iter()
            .copied()
            .filter(|n| n.starts_with(tag))
            .collect();
        let want: Vec<String> = (1..=10).map(|i| format!("{tag}{i}")).collect();
        assert_eq!(order, want);
    }
}

/// `rpod events` following the journal: sees what other rpod processes
/// write, and ends promptly on SIGINT.
#[test]
fn following_shows_other_writers_and_stops_on_sigint() {
    let (env, _) = require!(setup());
    let follower = env
        .rpod([
            "events",
            "--filter",
            "type=volume",
            "--format",
            "{{.Status}} {{.Name}}",
        ])
        .start();
    // Following starts at the end: write until the follower shows one
    // (it may not have opened the journal for the first).
    let mut n = 0;
    crate::harness::eventually("the follower to show a new volume", || {
        n += 1;
        env.rpod(["volume", "create", &format!("f{n}")])
            .run()
            .success();
        follower.stdout().contains(&format!("create f{n}\n"))
    });
    env.rpod(["volume", "rm", &format!("f{n}")]).run().success();
    follower.wait_for_stdout(&format!("remove f{n}\n"), Duration::from_secs(20));
    // SIGINT to the group (runuser and rpod): it ends without waiting for
    // another event.
    let sent = std::process::Command::new("kill")
        .args(["-s", "INT", "--", &format!("-{}", follower.pid())])
        .status()
        .unwrap();
    assert!(sent.success());
    let out: Output = follower.finish(Duration::from_secs(10));
    assert!(!out.stderr.contains("[harness: killed"), "{out}");
    assert!(
        out.stdout
            .lines()
            .all(|l| l.starts_with("create f") || l.starts_with("remove f")),
        "{out}"
    );
}

#[test]
fn rotation_bounds_the_journal() {
    let (env, image) = require!(setup());
    env.containers_conf("[engine]\nevents_logfile_max_size = \"4k\"\n");
    for i in 0..20 {
        env.rpod(["create", "--name", &format!("r{i}"), &image, "true"])
            .run()
            .success();
    }
    let path = env.runroot().join("events/events.log");
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 4000, "{size}");
    let lines = journal_lines(&env);
    assert_eq!(lines[0]["Status"], "log-rotation");
    assert_eq!(lines.last().unwrap()["Name"], "r19");
    // What is left reads back, newest last.
    let names = events(&env, &["--filter", "event=create", "--format", "{{.Name}}"]);
    assert_eq!(names.last().map(String::as_str), Some("r19"));
    env.rpod(["rm", "-a"]).run().success();
}

#[test]
fn the_none_logger_writes_and_reads_nothing() {
    let (env, _) = require!(setup());
    let before = std::fs::read_to_string(env.runroot().join("events/events.log")).unwrap();
    env.containers_conf("[engine]\nevents_logger = \"none\"\n");
    env.rpod(["volume", "create", "quiet"]).run().success();
    let after = std::fs::read_to_string(env.runroot().join("events/events.log")).unwrap();
    assert_eq!(before, after);
    for args in [&["events"][..], &["events", "--stream=false"]] {
        env.rpod(args)
            .run()
            .error125()
            .stderr_is("Error: cannot read events with the \"none\" backend");
    }
    // --events-backend wins over containers.conf.
    env.rpod(["--events-backend", "file", "volume", "rm", "quiet"])
        .run()
        .success();
    let out = env
        .rpod([
            "--events-backend",
            "file",
            "events",
            "--stream=false",
            "--filter",
            "volume=quiet",
            "--format",
            "{{.Status}}",
        ])
        .run();
    assert_eq!(out.success().lines(), ["remove"]);
}

#[test]
fn create_events_carry_the_inspect_data_when_asked() {
    let (env, image) = require!(setup());
    let data = |name: &str| {
        events(
            &env,
            &[
                "--filter",
                &format!("container={name}"),
                "--filter",
                "event=create",
                "--format",
                "{{.ContainerInspectData}}",
            ],
        )
    };
    // Not by default.
    env.rpod(["create", "--name", "plain", &image, "true"])
        .run()
        .success();
    let plain = events(
        &env,
        &[
            "--filter",
            "container=plain",
            "--filter",
            "event=create",
            "--format",
            "{{.Name}}:{{.ContainerInspectData}}",
        ],
    );
    assert_eq!(plain, ["plain:"]);
    env.containers_conf("[engine]\nevents_container_create_inspect_data = true\n");
    env.rpod(["create", "--name", "rich", &image, "true"])
        .run()
        .success();
    let lines = data("rich");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let event: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    // What `inspect --size` prints, as podman's create event carries it.
    let out = env
        .rpod(["container", "inspect", "--size", "rich"])
        .run()
        .success()
        .out()
        .to_string();
    let inspect: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(event, inspect[0]);
    assert!(event["SizeRootFs"].as_u64().unwrap() > 0, "{event}");
    env.rpod(["rm", "plain", "rich"]).run().success();
}
