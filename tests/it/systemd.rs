//! Quadlet units run as systemd would run them: the generated ExecStart
//! starts the container detached and its monitor reports MAINPID and
//! READY=1 on NOTIFY_SOCKET; ExecStop stops and removes it. (No systemd
//! user manager runs on the test machines: PID 1 is not systemd.)

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::harness::{alive, eventually_within, Env};
use crate::pull::pull;
use crate::registry;

/// Splits a unit command line into words (double quotes, as systemd does).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn quadlet_unit_commands_notify_and_clean_up() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let config = env.root().parent().unwrap().join("quadlet-config");
    env.write_file(
        &config.join("containers/systemd/web.container"),
        &format!("[Container]\nImage={image}\nExec=sh -c \"echo ready; exec sleep 300\"\n"),
    );
    let out = env
        .rpod(["quadlet", "--dryrun", "--user"])
        .env("XDG_CONFIG_HOME", config.display().to_string())
        .run();
    out.success();
    let line = |key: &str| -> Vec<String> {
        let l = out
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in\n{out}"));
        // Drop the binary (the harness supplies it) and expand %N.
        words(l.trim_start_matches('-'))[1..]
            .iter()
            .map(|w| w.replace("%N", "web"))
            .collect()
    };
    // The unit itself passes systemd's own checks.
    if crate::harness::have("systemd-analyze") {
        let text = out
            .stdout
            .split("---web.service---")
            .nth(1)
            .expect("web.service in the output");
        let unit = env.write_file(&config.join("web.service"), text.trim_start());
        env.cmd("systemd-analyze")
            .args(["verify", "--user", "--man=no"])
            .arg(&unit)
            .run()
            .success();
    } else {
        crate::harness::prerequisite::<()>("systemd-analyze (Debian package systemd)");
    }
    let start = line("ExecStart");
    let stop = line("ExecStop");
    assert!(
        start.contains(&"--sdnotify=conmon".to_string()),
        "{start:?}"
    );

    let sock_path = env.root().parent().unwrap().join("notify.sock");
    let sock = UnixDatagram::bind(&sock_path).expect("binding the notify socket");
    std::fs::set_permissions(&sock_path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();

    env.rpod(&start)
        .env("NOTIFY_SOCKET", sock_path.display().to_string())
        .run()
        .success();
    let mut buf = [0u8; 256];
    let n = sock.recv(&mut buf).expect("no notification arrived");
    let msg = String::from_utf8_lossy(&buf[..n]).to_string();
    let mainpid: i64 = msg
        .lines()
        .find_map(|l| l.strip_prefix("MAINPID="))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no MAINPID in {msg:?}"));
    assert!(msg.lines().any(|l| l == "READY=1"), "{msg:?}");
    let monitor = env
        .rpod(["inspect", "--format", "{{.State.ConmonPid}}", "systemd-web"])
        .run()
        .out()
        .parse::<i64>()
        .unwrap();
    assert_eq!(mainpid, monitor);
    assert!(alive(mainpid));
    eventually_within(Duration::from_secs(10), "the container to log", || {
        env.rpod(["logs", "systemd-web"]).run().out() == "ready"
    });
    env.rpod(&stop).run().success();
    env.rpod(["container", "exists", "systemd-web"])
        .run()
        .code(1);
    eventually_within(
        Duration::from_secs(10),
        "the monitor to end after ExecStop",
        || !alive(mainpid),
    );
    // ExecStopPost's `rm -i` of a container that is gone is not an error.
    env.rpod(&stop).run().success();
}

#[test]
fn unit_words() {
    assert_eq!(
        words(r#"run -d img sh -c "echo a; b""#),
        ["run", "-d", "img", "sh", "-c", "echo a; b"]
    );
}
