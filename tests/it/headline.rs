//! The paths a user takes first, end to end: `rpod run --rm alpine echo
//! hello` (a short name, an implicit pull), `--pull` policies, an image
//! whose config sets everything `run` reads, the common `run` flags
//! (capabilities, env files, tmpfs, cid files, stop signals, restart
//! policies), `ps --filter` and `--format json`, `images -a`, and the
//! default store paths without `--root`.

use crate::fixtures::{self, full, Pusher};
use crate::harness::{columns, eventually, Env};
use crate::pull::{config_id, pull};
use crate::registry::{self, Shared};

fn setup() -> Option<(Env, &'static Shared)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    Some((env, shared))
}

#[test]
fn run_alpine_echo_hello_pulls_the_short_name() {
    let (env, shared) = require!(setup());
    env.search_registry(shared.addr());
    let out = env.rpod(["run", "--rm", "alpine", "echo", "hello"]).run();
    out.success().stdout_is("hello");
    let want = format!("{}/alpine:latest", shared.addr());
    assert!(
        out.stderr
            .starts_with(&format!("Trying to pull {want}...\n")),
        "{out}"
    );
    let images = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"])
        .run();
    images.success().stdout_is(&format!(
        "{want} {}",
        &config_id(shared, "alpine:latest")[..12]
    ));
    // The second run finds it: no pull.
    let out = env.rpod(["run", "--rm", "alpine", "echo", "again"]).run();
    out.success().stdout_is("again").stderr_is("");
    assert_eq!(env.rpod(["ps", "-aq"]).run().success().out(), "");
}

/// Pushes `marker(repo, tag, text)` to the shared registry.
fn push_marker(shared: &Shared, repo: &str, text: &str) {
    Pusher::new(shared.addr(), None)
        .push(&fixtures::marker(repo, "latest", text), None)
        .unwrap_or_else(|e| panic!("pushing {repo}: {e}"));
}

#[test]
fn pull_policies_missing_never_newer_always() {
    let (env, shared) = require!(setup());
    // A repository of this test's own, whose tag it moves.
    env.search_registry(shared.addr());
    let repo = format!(
        "policy-{}",
        env.dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_lowercase()
    );
    let reference = shared.reference(&format!("{repo}:latest"));
    let marker = |policy: &str| {
        env.rpod([
            "run",
            "--rm",
            &format!("--pull={policy}"),
            "--network",
            "none",
            &reference,
            "cat",
            "/marker",
        ])
        .run()
    };
    // never, with nothing local: an error, nothing pulled.
    marker("never")
        .error125()
        .stderr_has(&reference)
        .stderr_has("image not known");
    push_marker(shared, &repo, "one");
    marker("missing").success().stdout_is("one");
    // The tag moves on the registry.
    push_marker(shared, &repo, "two");
    marker("missing").success().stdout_is("one");
    marker("never").success().stdout_is("one");
    marker("newer").success().stdout_is("two");
    // newer with the same digest: nothing pulled, nothing said.
    marker("newer").success().stdout_is("two").stderr_is("");
    push_marker(shared, &repo, "three");
    marker("always").success().stdout_is("three");
    // The images the tag left are still there, untagged.
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    let mut names = out.lines();
    names.sort();
    assert_eq!(
        names,
        [reference.as_str(), "<none>:<none>", "<none>:<none>"],
        "{out}"
    );
    env.rpod(["run", "--rm", "--pull=bogus", &reference, "true"])
        .run()
        .code(125);
}

#[test]
fn an_image_config_sets_entrypoint_user_workdir_env_volumes_stop_signal_ports() {
    let (env, shared) = require!(setup());
    pull(&env, shared, "full:latest");
    let image = shared.reference("full:latest");
    // Entrypoint, then Cmd, as User (1000).
    env.rpod(["run", "--rm", "--network", "none", &image])
        .run()
        .success()
        .stdout_is("entry\n1000");
    // WorkingDir and Env; the arguments replace Cmd, not the Entrypoint.
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "pwd; echo $FULL; id -g",
    ])
    .run()
    .success()
    .stdout_is("entry\n/work\nyes\n1000");
    // The declared volume: an anonymous volume, filled from the image, gone with --rm.
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "grep -c \" /data \" /proc/self/mountinfo; cat /data/from-image",
    ])
    .run()
    .success()
    .stdout_is("entry\n1\nimage content");
    assert_eq!(env.rpod(["volume", "ls", "-q"]).run().success().out(), "");
    let out = env
        .rpod(["create", "--name", "kept", "--network", "none", &image])
        .run();
    out.success();
    let vols = env.rpod(["volume", "ls", "-q"]).run();
    assert_eq!(vols.lines().len(), 1, "{vols}");
    env.rpod(["rm", "-v", "kept"]).run().success();
    // The image's StopSignal (SIGUSR1) is what stop sends.
    env.rpod([
        "run",
        "-d",
        "--name",
        "sig",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "trap 'echo got-usr1; exit 0' USR1; echo ready; while :; do sleep 0.1; done",
    ])
    .run()
    .success();
    eventually("the container to be ready", || {
        env.rpod(["logs", "sig"]).run().lines() == ["entry", "ready"]
    });
    env.rpod(["stop", "sig"]).run().success().stdout_is("sig");
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.State.ExitCode}}", "sig"])
            .run()
            .out(),
        "0"
    );
    assert_eq!(
        env.rpod(["logs", "sig"]).run().lines(),
        ["entry", "ready", "got-usr1"]
    );
    // What inspect reports of the image's config.
    let v = env.inspect(&image);
    let c = &v["Config"];
    assert_eq!(
        c["Entrypoint"],
        serde_json::json!([full::ENTRYPOINT]),
        "{v:#}"
    );
    assert_eq!(c["Cmd"], serde_json::json!(full::CMD), "{v:#}");
    assert_eq!(c["User"], full::USER, "{v:#}");
    assert_eq!(c["WorkingDir"], full::WORKDIR, "{v:#}");
    assert_eq!(c["StopSignal"], full::STOP_SIGNAL, "{v:#}");
    assert_eq!(
        c["ExposedPorts"],
        serde_json::json!({full::PORT: {}}),
        "{v:#}"
    );
    assert_eq!(c["Volumes"], serde_json::json!({full::VOLUME: {}}), "{v:#}");
    // -P publishes the exposed port.
    if crate::harness::have("pasta") {
        env.rpod(["run", "-d", "-P", "--name", "p", &image, "sleep", "100"])
            .run()
            .success();
        let out = env.rpod(["port", "p"]).run();
        out.success();
        let re = regex::Regex::new(r"^8080/tcp -> 0\.0\.0\.0:\d+$").unwrap();
        assert!(re.is_match(out.out()), "{out}");
        env.rpod(["rm", "-f", "-t", "0", "p"]).run().success();
    } else {
        crate::harness::prerequisite::<()>("pasta (passt) for -P");
    }
}

/// CapEff of a container run with `flags`.
fn cap_eff(env: &Env, image: &str, flags: &[&str]) -> String {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[image, "grep", "^CapEff:", "/proc/self/status"]);
    let out = env.rpod(args).run();
    out.success();
    out.out()
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"))
        .to_string()
}

#[test]
fn run_flags_caps_env_file_tmpfs_cidfile_stop_signal() {
    let (env, shared) = require!(setup());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    // podman's default set, then changed: CHOWN is bit 0, NET_BIND_SERVICE
    // bit 10, SYS_ADMIN bit 21.
    assert_eq!(cap_eff(&env, &image, &[]), "00000000800405fb");
    assert_eq!(
        cap_eff(&env, &image, &["--cap-drop", "CHOWN"]),
        "00000000800405fa"
    );
    assert_eq!(
        cap_eff(&env, &image, &["--cap-add", "SYS_ADMIN"]),
        "00000000802405fb"
    );
    assert_eq!(
        cap_eff(
            &env,
            &image,
            &["--cap-drop", "all", "--cap-add", "NET_BIND_SERVICE"]
        ),
        "0000000000000400"
    );
    env.rpod(["run", "--rm", "--cap-add", "NO_SUCH_CAP", &image, "true"])
        .run()
        .error125()
        .stderr_has("NO_SUCH_CAP");

    // --env-file: NAME=VALUE lines; comments and blank lines skipped; -e wins.
    let file = env.write_file(
        std::path::Path::new("app.env"),
        "A=1\n# a comment\n\nB=two words\nC=from-file\n",
    );
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        "--env-file",
        &file.display().to_string(),
        "-e",
        "C=from-flag",
        &image,
        "sh",
        "-c",
        "echo \"$A|$B|$C\"",
    ])
    .run()
    .success()
    .stdout_is("1|two words|from-flag");

    // --tmpfs: a tmpfs, writable, gone with the container.
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        "--read-only",
        "--tmpfs",
        "/scratch",
        &image,
        "sh",
        "-c",
        "grep \" /scratch \" /proc/self/mountinfo | sed 's/.* - //' | cut -d' ' -f1; echo x > /scratch/f && cat /scratch/f",
    ])
    .run()
    .success()
    .stdout_is("tmpfs\nx");

    // --cidfile: the ID; an existing file is truncated and written again
    // (podman 4.4 and later), and goes with the container it names.
    let cid = env.dir.join("home/ctr.id");
    env.write_file(&cid, &"x".repeat(100));
    let create = || {
        let out = env
            .rpod([
                "create",
                "--cidfile",
                &cid.display().to_string(),
                &image,
                "true",
            ])
            .run();
        out.success();
        assert_eq!(std::fs::read_to_string(&cid).unwrap(), out.out());
        out.out().to_string()
    };
    let first = create();
    let second = create();
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.ContainerIDFile}}",
        &second,
    ])
    .run()
    .success()
    .stdout_is(&cid.display().to_string());
    // The first one's removal leaves the file that names the second.
    env.rpod(["rm", &first]).run().success();
    assert_eq!(std::fs::read_to_string(&cid).unwrap(), second);
    env.rpod(["rm", "--cidfile", &cid.display().to_string()])
        .run()
        .success()
        .stdout_is(&second);
    assert!(!cid.exists());
    // Removed with its container, whatever removes it.
    let third = create();
    env.rpod(["rm", &third]).run().success();
    assert!(!cid.exists());

    // --stop-signal: stop sends it (here SIGUSR2, which the command awaits).
    env.rpod([
        "run",
        "-d",
        "--name",
        "s",
        "--network",
        "none",
        "--stop-signal",
        "SIGUSR2",
        &image,
        "sh",
        "-c",
        "trap 'echo got-usr2; exit 4' USR2; echo ready; while :; do sleep 0.1; done",
    ])
    .run()
    .success();
    eventually("the container to be ready", || {
        env.rpod(["logs", "s"]).run().out() == "ready"
    });
    env.rpod(["stop", "s"]).run().success();
    assert_eq!(
        env.rpod([
            "inspect",
            "--format",
            "{{.State.ExitCode}} {{.Config.StopSignal}}",
            "s"
        ])
        .run()
        .out(),
        "4 SIGUSR2"
    );
    assert_eq!(env.rpod(["logs", "s"]).run().lines(), ["ready", "got-usr2"]);
}

#[test]
fn restart_always_and_unless_stopped() {
    let (env, shared) = require!(setup());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    for policy in ["always", "unless-stopped"] {
        let name = format!("r-{policy}");
        env.rpod([
            "run",
            "-d",
            "--name",
            &name,
            "--network",
            "none",
            "--restart",
            policy,
            &image,
            "sh",
            "-c",
            "echo run; exit 3",
        ])
        .run()
        .success();
        // Restarted after each exit, whatever the code.
        eventually(&format!("{policy}: two restarts"), || {
            env.rpod(["inspect", "--format", "{{.RestartCount}}", &name])
                .run()
                .out()
                .parse::<u32>()
                .is_ok_and(|n| n >= 2)
        });
        assert_eq!(
            env.rpod([
                "inspect",
                "--format",
                "{{.HostConfig.RestartPolicy.Name}}",
                &name
            ])
            .run()
            .out(),
            policy
        );
        // stop ends it for good: the count no longer moves.
        env.rpod(["stop", "-t", "0", &name]).run().success();
        let count = env
            .rpod([
                "inspect",
                "--format",
                "{{.State.Status}} {{.RestartCount}}",
                &name,
            ])
            .run()
            .out()
            .to_string();
        assert!(count.starts_with("exited "), "{count}");
        let monitor_gone = || {
            env.rpod(["inspect", "--format", "{{.State.ConmonPid}}", &name])
                .run()
                .out()
                .parse::<i64>()
                .is_ok_and(|p| !crate::harness::alive(p))
        };
        eventually("the monitor to end", monitor_gone);
        assert_eq!(
            env.rpod([
                "inspect",
                "--format",
                "{{.State.Status}} {{.RestartCount}}",
                &name
            ])
            .run()
            .out(),
            count
        );
        env.rpod(["rm", &name]).run().success();
    }
}

#[test]
fn ps_filter_and_format_json() {
    let (env, shared) = require!(setup());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let up = env
        .rpod([
            "run",
            "-d",
            "--name",
            "up",
            "--label",
            "tier=web",
            "--network",
            "none",
            &image,
            "sleep",
            "100",
        ])
        .run()
        .out()
        .to_string();
    env.rpod([
        "run",
        "--name",
        "done",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "exit 3",
    ])
    .run()
    .code(3);
    let created = env
        .rpod(["create", "--name", "new", &image, "true"])
        .run()
        .out()
        .to_string();
    let names = |filter: &str| {
        let out = env
            .rpod(["ps", "-a", "--filter", filter, "--format", "{{.Names}}"])
            .run();
        out.success();
        let mut n: Vec<String> = out.lines().iter().map(|s| s.to_string()).collect();
        n.sort();
        n
    };
    assert_eq!(names("status=running"), ["up"]);
    assert_eq!(names("status=exited"), ["done"]);
    assert_eq!(names("status=created"), ["new"]);
    assert_eq!(names("name=do"), ["done"]);
    assert_eq!(names("label=tier=web"), ["up"]);
    assert_eq!(names("exited=3"), ["done"]);
    assert_eq!(names(&format!("id={}", &created[..12])), ["new"]);
    assert_eq!(names(&format!("ancestor={image}")), ["done", "new", "up"]);
    env.rpod(["ps", "--filter", "bogus=1"]).run().error125();

    let out = env.rpod(["ps", "-a", "--format", "json"]).run();
    out.success();
    let v = out.json();
    let arr = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(arr.len(), 3, "{out}");
    let up_row = arr
        .iter()
        .find(|c| c["Names"] == serde_json::json!(["up"]))
        .unwrap_or_else(|| panic!("no up\n{out}"));
    assert_eq!(up_row["Id"], up.as_str(), "{out}");
    assert_eq!(up_row["Image"], image.as_str(), "{out}");
    assert_eq!(up_row["State"], "running", "{out}");
    assert_eq!(
        up_row["Command"],
        serde_json::json!(["sleep", "100"]),
        "{out}"
    );
    assert_eq!(up_row["Labels"]["tier"], "web", "{out}");
    let done_row = arr
        .iter()
        .find(|c| c["Names"] == serde_json::json!(["done"]))
        .unwrap_or_else(|| panic!("no done\n{out}"));
    assert_eq!(done_row["State"], "exited", "{out}");
    assert_eq!(done_row["ExitCode"], 3, "{out}");
    assert_eq!(done_row["Exited"], true, "{out}");
    env.rpod(["rm", "-af", "-t", "0"]).run().success();
}

#[test]
fn images_all_lists_what_images_lists() {
    let (env, shared) = require!(setup());
    let a = pull(&env, shared, "busybox:latest");
    let b = pull(&env, shared, "shared:latest");
    let out = env.rpod(["images", "-a"]).run();
    out.success();
    let rows: Vec<Vec<String>> = out.lines()[1..].iter().map(|l| columns(l)).collect();
    let mut ids: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    ids.sort();
    let mut want = vec![&a[..12], &b[..12]];
    want.sort();
    // Pulled images have no intermediate images: -a adds nothing.
    assert_eq!(ids, want, "{out}");
    assert_eq!(
        env.rpod(["images", "-a", "-q"]).run().lines().len(),
        env.rpod(["images", "-q"]).run().lines().len()
    );
}

#[test]
fn default_store_paths_without_root() {
    let (env, shared) = require!(setup());
    // No --root/--runroot: rootless rpod keeps its store under
    // $XDG_DATA_HOME/rpod and its run state under $XDG_RUNTIME_DIR/rpod
    // (DESIGN.md: its own, beside podman's containers/storage, whose
    // format it does not share).
    let graph = env.data.join("rpod");
    let run = env.runtime.join("rpod");
    let out = env.rpod_bare(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(
        v["store"]["graphRoot"],
        graph.display().to_string(),
        "{out}"
    );
    assert_eq!(v["store"]["runRoot"], run.display().to_string(), "{out}");
    let reference = shared.reference("busybox:latest");
    env.rpod_bare(["pull", "-q", "--tls-verify=false", &reference])
        .run()
        .success()
        .stdout_is(&config_id(shared, "busybox:latest"));
    env.rpod_bare(["run", "--rm", "--network", "none", &reference, "echo", "ok"])
        .run()
        .success()
        .stdout_is("ok");
    assert!(
        crate::harness::walk(&graph)
            .iter()
            .any(|p| p.ends_with("bin/busybox")),
        "no layer under {}",
        graph.display()
    );
    // The --root store knows nothing of it.
    assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
    env.rpod_bare(["rmi", "-a"]).run().success();
}
