//! `rpod generate systemd`: the units' commands run as systemd would run
//! them (specifiers expanded, NOTIFY_SOCKET set): READY=1 and the monitor's
//! MAINPID arrive, ExecStop/ExecStopPost stop (and with --new remove) the
//! container and its monitor. No systemd manager runs on the test machines;
//! `systemd-analyze verify` checks the file where it is installed.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::time::Duration;

use libpod::systemd::unit::{split_words, UnitFile};

use crate::harness::{alive, eventually, have, rpod_bin, Env};
use crate::pull::busybox_env as setup;

const CMD: &str = "echo ready; exec sleep 300";

/// Expands the specifiers the units use (%t, %n, %%) and systemd's `$$`.
fn expand(word: &str, runtime: &Path, unit: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('t') => out.push_str(&runtime.display().to_string()),
                Some('n') => out.push_str(unit),
                Some('%') => out.push('%'),
                other => panic!("unexpected specifier %{other:?} in {word:?}"),
            },
            '$' => {
                assert_eq!(chars.next(), Some('$'), "lone $ in {word:?}");
                out.push('$');
            }
            c => out.push(c),
        }
    }
    out
}

/// One `Exec*=` line of a unit as arguments for the rpod binary (the
/// harness supplies the binary itself).
fn exec_line(unit: &UnitFile, key: &str, runtime: &Path, name: &str) -> Vec<String> {
    let line = unit
        .last("Service", key)
        .unwrap_or_else(|| panic!("no {key} in {unit:?}"));
    split_words(&line).expect("splitting the command")[1..]
        .iter()
        .map(|w| expand(w, runtime, name))
        .collect()
}

/// A datagram socket the test user can send to, as systemd's NOTIFY_SOCKET.
fn notify_socket(env: &Env) -> (UnixDatagram, PathBuf) {
    let path = env.root().parent().unwrap().join("notify.sock");
    let sock = UnixDatagram::bind(&path).expect("binding the notify socket");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    (sock, path)
}

/// Receives one notification and returns its MAINPID (asserting READY=1).
fn ready_mainpid(sock: &UnixDatagram) -> i64 {
    let mut buf = [0u8; 256];
    let n = sock.recv(&mut buf).expect("no notification arrived");
    let msg = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(msg.lines().any(|l| l == "READY=1"), "{msg:?}");
    msg.lines()
        .find_map(|l| l.strip_prefix("MAINPID="))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no MAINPID in {msg:?}"))
}

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().to_string()
}

/// `systemd-analyze verify --user FILE`, with the man page the unit's
/// `Documentation=` names looked up in the repository's man/ (a copy the
/// test user can read: [`crate::harness::man_dir`]) (or
/// `$RPOD_TEST_MANPATH`, e.g. an unpacked package's usr/share/man; empty: the system's).
pub(crate) fn verify(env: &Env, file: &Path) {
    for (program, package) in [("systemd-analyze", "systemd"), ("man", "man-db")] {
        if !have(program) {
            crate::harness::prerequisite::<()>(&format!(
                "{program} (Debian package {package}) to verify generated units"
            ));
            return;
        }
    }
    // An empty RPOD_TEST_MANPATH: the system's pages (an installed package).
    let manpath = std::env::var("RPOD_TEST_MANPATH")
        .unwrap_or_else(|_| crate::harness::man_dir().display().to_string());
    let mut cmd = env.cmd("systemd-analyze");
    cmd.args(["verify", "--user", "--man=yes"]).arg(file);
    if !manpath.is_empty() {
        cmd.env("MANPATH", &manpath);
    }
    cmd.run().success();
}

#[test]
fn generate_new_unit_runs_notifies_and_cleans_up() {
    let (env, image) = require!(setup());
    // sh as PID 1 ignores SIGTERM: a short stop timeout, replayed by the unit.
    env.rpod([
        "create",
        "--name",
        "web",
        "--stop-timeout",
        "2",
        &image,
        "sh",
        "-c",
        CMD,
    ])
    .run()
    .success();
    let j = env.rpod(["container", "inspect", "web"]).run().json();
    let create = &j[0]["Config"]["CreateCommand"];
    assert_eq!(
        create[create.as_array().unwrap().len() - 1],
        CMD,
        "{create}"
    );

    let dir = env.root().parent().unwrap().join("units");
    std::fs::create_dir(&dir).unwrap();
    env.chown_to_user(&dir);
    let out = env
        .cmd("sh")
        .args(["-c", "cd \"$1\" && shift && exec \"$@\"", "sh"])
        .arg(&dir)
        .arg(rpod_bin())
        .arg("--root")
        .arg(env.root())
        .arg("--runroot")
        .arg(env.runroot())
        .args(["generate", "systemd", "--new", "--name", "--files", "web"])
        .run();
    out.success();
    let file = dir.join("container-web.service");
    assert_eq!(out.out(), file.display().to_string(), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    let unit = UnitFile::parse("container-web.service", &text).unwrap();
    assert_eq!(unit.last("Service", "Type").as_deref(), Some("notify"));
    assert_eq!(unit.last("Service", "NotifyAccess").as_deref(), Some("all"));
    assert_eq!(
        unit.last("Service", "TimeoutStopSec").as_deref(),
        Some("62")
    );
    verify(&env, &file);

    let name = "container-web.service";
    let start = exec_line(&unit, "ExecStart", &env.runtime, name);
    let stop = exec_line(&unit, "ExecStop", &env.runtime, name);
    let stop_post = exec_line(&unit, "ExecStopPost", &env.runtime, name);
    let cidfile = env.runtime.join(format!("{name}.ctr-id"));

    let (sock, sock_path) = notify_socket(&env);
    // The created container holds the name: --replace takes it over.
    env.cmd(rpod_bin())
        .args(&start)
        .env("NOTIFY_SOCKET", sock_path.display().to_string())
        .run()
        .success();
    let mainpid = ready_mainpid(&sock);
    let monitor: i64 = inspect(&env, "web", "{{.State.ConmonPid}}")
        .parse()
        .unwrap();
    assert_eq!(mainpid, monitor);
    assert!(alive(mainpid));
    assert_eq!(
        std::fs::read_to_string(&cidfile).expect("the cid file"),
        inspect(&env, "web", "{{.Id}}")
    );
    eventually("the container logs ready", || {
        env.rpod(["logs", "web"]).run().out() == "ready"
    });

    env.cmd(rpod_bin()).args(&stop).run().success();
    env.cmd(rpod_bin()).args(&stop_post).run().success();
    env.rpod(["container", "exists", "web"]).run().code(1);
    eventually("the monitor exits", || !alive(mainpid));
    assert!(!cidfile.exists(), "ExecStopPost left {}", cidfile.display());
    // A second stop (systemd runs ExecStopPost after failures too) is not an error.
    env.cmd(rpod_bin()).args(&stop).run().success();
    env.cmd(rpod_bin()).args(&stop_post).run().success();

    // The unit starts again (as on a restart) with the cid file gone.
    env.cmd(rpod_bin())
        .args(&start)
        .env("NOTIFY_SOCKET", sock_path.display().to_string())
        .run()
        .success();
    let again = ready_mainpid(&sock);
    assert!(alive(again));
    env.cmd(rpod_bin()).args(&stop_post).run().success();
    eventually("the second monitor exits", || !alive(again));
    assert!(!cidfile.exists());
}

#[test]
fn generate_unit_for_an_existing_container() {
    let (env, image) = require!(setup());
    env.rpod([
        "create",
        "--name",
        "web2",
        "--sdnotify=conmon",
        &image,
        "sh",
        "-c",
        CMD,
    ])
    .run()
    .success();
    let out = env
        .rpod(["generate", "systemd", "--name", "-t", "3", "web2"])
        .run();
    out.success();
    assert!(
        out.stdout.starts_with("# container-web2.service\n"),
        "{out}"
    );
    let unit = UnitFile::parse("container-web2.service", &out.stdout).unwrap();
    assert_eq!(unit.last("Service", "Type").as_deref(), Some("notify"));
    assert_eq!(
        unit.last("Service", "TimeoutStopSec").as_deref(),
        Some("63")
    );
    let file = env.write_file(Path::new("container-web2.service"), &out.stdout);
    verify(&env, &file);

    let name = "container-web2.service";
    let start = exec_line(&unit, "ExecStart", &env.runtime, name);
    let stop = exec_line(&unit, "ExecStop", &env.runtime, name);
    let stop_post = exec_line(&unit, "ExecStopPost", &env.runtime, name);
    assert!(start.ends_with(&["start".to_string(), "web2".to_string()]));

    let (sock, sock_path) = notify_socket(&env);
    for round in 0..2 {
        env.cmd(rpod_bin())
            .args(&start)
            .env("NOTIFY_SOCKET", sock_path.display().to_string())
            .run()
            .success();
        let mainpid = ready_mainpid(&sock);
        let monitor: i64 = inspect(&env, "web2", "{{.State.ConmonPid}}")
            .parse()
            .unwrap();
        assert_eq!(mainpid, monitor, "round {round}");
        eventually("the container runs", || {
            inspect(&env, "web2", "{{.State.Status}}") == "running"
        });
        env.cmd(rpod_bin()).args(&stop).run().success();
        env.cmd(rpod_bin()).args(&stop_post).run().success();
        eventually("the monitor exits", || !alive(mainpid));
        // Without --new the container stays, stopped.
        assert_eq!(inspect(&env, "web2", "{{.State.Status}}"), "exited");
    }
}

#[test]
fn generate_template_units_run_one_container_per_instance() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "tpl", &image, "sleep", "300"])
        .run()
        .success();
    let dir = env.root().parent().unwrap().join("tunits");
    std::fs::create_dir(&dir).unwrap();
    env.chown_to_user(&dir);
    let out = env
        .cmd("sh")
        .args(["-c", "cd \"$1\" && shift && exec \"$@\"", "sh"])
        .arg(&dir)
        .arg(rpod_bin())
        .arg("--root")
        .arg(env.root())
        .arg("--runroot")
        .arg(env.runroot())
        .args([
            "generate",
            "systemd",
            "--template",
            "--name",
            "--files",
            "tpl",
        ])
        .run();
    out.success();
    let file = dir.join("container-tpl@.service");
    assert_eq!(out.out(), file.display().to_string(), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# container-tpl@.service\n"), "{text}");
    let unit = UnitFile::parse("container-tpl@.service", &text).unwrap();
    assert_eq!(
        unit.last("Unit", "Description").as_deref(),
        Some("rpod container-tpl.service for %I")
    );
    assert_eq!(
        unit.last("Service", "Environment").as_deref(),
        Some("PODMAN_SYSTEMD_UNIT=%n-%i")
    );
    // Two instances run side by side, each its own container.
    let lines = |instance: &str| {
        let name = format!("container-tpl@{instance}.service");
        let line = |key: &str| -> Vec<String> {
            let l = unit.last("Service", key).unwrap();
            split_words(&l).unwrap()[1..]
                .iter()
                .map(|w| expand(&w.replace("%i", instance), &env.runtime, &name))
                .collect()
        };
        (line("ExecStart"), line("ExecStopPost"))
    };
    let (start_a, post_a) = lines("a");
    let (start_b, post_b) = lines("b");
    assert!(start_a.iter().any(|w| w == "tpl-a"), "{start_a:?}");
    for start in [&start_a, &start_b] {
        env.cmd(rpod_bin()).args(start).run().success();
    }
    assert_eq!(inspect(&env, "tpl-a", "{{.State.Status}}"), "running");
    assert_eq!(inspect(&env, "tpl-b", "{{.State.Status}}"), "running");
    for post in [&post_a, &post_b] {
        env.cmd(rpod_bin()).args(post).run().success();
    }
    env.rpod(["container", "exists", "tpl-a"]).run().code(1);
    env.rpod(["container", "exists", "tpl-b"]).run().code(1);
    // Pods: podman's refusal; a bad policy fails even for an empty pod.
    env.rpod(["pod", "create", "--name", "tp"]).run().success();
    env.rpod(["generate", "systemd", "--template", "tp"])
        .run()
        .error125()
        .stderr_has("--template is not supported for pods");
    env.rpod(["generate", "systemd", "--restart-policy", "sometimes", "tp"])
        .run()
        .error125()
        .stderr_has("sometimes is not a valid restart policy");
    env.rpod(["rm", "-f", "tpl"]).run().success();
    env.rpod(["pod", "rm", "-f", "tp"]).run().success();
}
