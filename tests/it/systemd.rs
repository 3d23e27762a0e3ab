//! Quadlet units run as systemd would run them: the generated ExecStart
//! starts the container detached and its monitor reports MAINPID and
//! READY=1 on NOTIFY_SOCKET; ExecStop stops and removes it. (No systemd
//! user manager runs on the test machines: PID 1 is not systemd.)

use std::io::ErrorKind;
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

/// Binds a datagram socket for rpod to notify (writable by the test user).
fn notify_listener(env: &Env) -> (UnixDatagram, std::path::PathBuf) {
    let path = env.dir.join("notify.sock");
    let sock = UnixDatagram::bind(&path).expect("binding the notify socket");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    (sock, path)
}

/// The next datagram on `sock` as lines, or None when none comes within `wait`.
fn next_message(sock: &UnixDatagram, wait: Duration) -> Option<Vec<String>> {
    sock.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 4096];
    match sock.recv(&mut buf) {
        Ok(n) => Some(
            String::from_utf8_lossy(&buf[..n])
                .lines()
                .map(str::to_string)
                .collect(),
        ),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => None,
        Err(e) => panic!("receiving a notification: {e}"),
    }
}

/// `--sdnotify=container` (Quadlet's `Notify=yes`): the container gets a
/// socket of the monitor's as NOTIFY_SOCKET; systemd hears MAINPID=<monitor>
/// at once and READY=1 only when the container sends it, relayed by the
/// monitor with the container's MAINPID replaced by its own.
#[test]
fn sdnotify_container_relays_the_containers_messages() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let (sock, sock_path) = notify_listener(&env);
    let trigger = env.dir.join("trigger");
    std::fs::create_dir(&trigger).unwrap();
    env.chown_to_user(&trigger);
    // busybox has no systemd-notify and its nc knows no unix sockets, but
    // its logger sends one datagram to /dev/log: root points that at
    // $NOTIFY_SOCKET once `su` (which logs too) has become uid 1000, a
    // mapped id on the host, so the socket must be writable by others. The
    // syslog header makes a first line that systemd ignores. The sender
    // waits for the test before it reports ready.
    let script = r#"echo "$NOTIFY_SOCKET"
m='header
MAINPID=1
STATUS=serving
READY=1'
export m
busybox su -p user -c 'touch /tmp/su
while [ ! -e /trigger/go ]; do sleep 0.1; done
busybox logger "$m"' &
while [ ! -e /tmp/su ]; do sleep 0.1; done
ln -s "$NOTIFY_SOCKET" /dev/log
wait
exec sleep 100"#;
    let volume = format!("{}:/trigger", trigger.display());
    env.rpod([
        "run",
        "-d",
        "--name",
        "notifier",
        "--sdnotify=container",
        "-v",
        &volume,
        &image,
        "sh",
        "-c",
        script,
    ])
    .env("NOTIFY_SOCKET", sock_path.display().to_string())
    .run()
    .success();
    let monitor: i64 = env
        .rpod(["inspect", "--format", "{{.State.ConmonPid}}", "notifier"])
        .run()
        .out()
        .parse()
        .unwrap();
    assert!(alive(monitor));
    let first = next_message(&sock, Duration::from_secs(20)).expect("no MAINPID arrived");
    assert_eq!(first, [format!("MAINPID={monitor}")]);
    eventually_within(Duration::from_secs(10), "the container to start", || {
        env.rpod(["logs", "notifier"]).run().out() == "/run/notify/notify.sock"
    });
    // Not ready until the container says so.
    assert_eq!(next_message(&sock, Duration::from_secs(1)), None);
    std::fs::write(trigger.join("go"), "").unwrap();
    let ready = next_message(&sock, Duration::from_secs(20)).unwrap_or_else(|| {
        let logs = env.rpod(["logs", "notifier"]).run();
        panic!("READY=1 was not relayed; container log:\n{logs}")
    });
    assert_eq!(
        ready[1..],
        [
            format!("MAINPID={monitor}"),
            "STATUS=serving".to_string(),
            "READY=1".to_string()
        ],
        "{ready:?}"
    );

    env.rpod(["stop", "-t", "1", "notifier"]).run().success();
    env.rpod(["rm", "notifier"]).run().success();
    eventually_within(Duration::from_secs(10), "the monitor to end", || {
        !alive(monitor)
    });
    let left: Vec<_> = walkdir(&env.runroot())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("notify"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_eq!(next_message(&sock, Duration::from_millis(200)), None);

    // Without NOTIFY_SOCKET the mode changes nothing.
    env.rpod([
        "run",
        "-d",
        "--name",
        "plain",
        "--sdnotify=container",
        &image,
        "sh",
        "-c",
        "echo \"${NOTIFY_SOCKET-unset}\"; ls /run/notify",
    ])
    .run()
    .success();
    env.rpod(["wait", "plain"]).run().success();
    let logs = env.rpod(["logs", "plain"]).run();
    assert!(logs.stdout.starts_with("unset\n"), "{logs}");
    assert!(logs.stderr.contains("No such file"), "{logs}");
}

/// Every path under `dir`, recursively.
fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walkdir(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn unit_words() {
    assert_eq!(
        words(r#"run -d img sh -c "echo a; b""#),
        ["run", "-d", "img", "sh", "-c", "echo a; b"]
    );
}
