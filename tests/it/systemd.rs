//! Quadlet units run as systemd would run them: the generated ExecStart
//! starts the container detached and its monitor reports MAINPID and
//! READY=1 on NOTIFY_SOCKET (or relays the container's own, with
//! `--sdnotify=container`); ExecStop stops and removes it. PID 1 is not
//! systemd on the test machines, so these tests play systemd's part with a
//! socket of their own, and one starts a real `systemd --user` for the test
//! user ([`UserManager`]).

use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::harness::{alive, eventually_within, Env};
use crate::pull::pull;
use crate::registry;

/// Splits a unit command line into words (double quotes, as systemd does).
pub(crate) fn words(line: &str) -> Vec<String> {
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
    // Not ready until the container says so: the next message, once the
    // container is told to send it, is the relayed one (a READY=1 of the
    // monitor's own would come first and fail the check below).
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
    // The monitor has ended: whatever it sent is queued by now.
    sock.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 4096];
    match sock.recv(&mut buf) {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!(
            "a message after READY=1: {:?}",
            other.map(|n| String::from_utf8_lossy(&buf[..n]).to_string())
        ),
    }

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

/// A `systemd --user` manager for the test user, started by the test itself
/// (PID 1 is not systemd on the test machines). As root: a cgroup of its
/// own, given to the user, in each hierarchy it uses (cgroup v2, or the v1
/// `name=systemd` one plus the unified one in hybrid mode); a private mount
/// namespace with a tmpfs on /run/systemd holding `system/` (which makes
/// systemd believe the system booted with it) and `user-generators/` with
/// rpod installed as `rpod-user-generator` (a directory systemd 252 reads
/// user generators from). Then `runuser` starts `systemd --user` with the
/// test's environment, so `systemctl --user` reaches it through
/// `$XDG_RUNTIME_DIR/systemd/private`. Dropping it exits the manager and
/// removes its cgroups.
struct UserManager<'a> {
    env: &'a Env,
    child: std::process::Child,
    cgroups: Vec<std::path::PathBuf>,
    log: std::path::PathBuf,
}

impl<'a> UserManager<'a> {
    /// Starts the manager, or None (skipped, with the reason) when it cannot run here.
    fn start(env: &'a Env) -> Option<UserManager<'a>> {
        use std::os::unix::process::CommandExt;
        if !crate::harness::is_root() {
            return crate::harness::prerequisite(
                "a systemd user manager needs root to prepare its cgroup",
            );
        }
        for p in ["/lib/systemd/systemd", "systemctl", "unshare", "runuser"] {
            if !crate::harness::have(p) {
                return crate::harness::prerequisite(&format!(
                    "{p} missing (Debian packages systemd, util-linux)"
                ));
            }
        }
        let user = env.user.clone()?;
        let root = std::path::Path::new("/sys/fs/cgroup");
        let bases: Vec<std::path::PathBuf> = if root.join("cgroup.controllers").exists() {
            vec![root.to_path_buf()]
        } else {
            ["systemd", "unified"]
                .iter()
                .map(|h| root.join(h))
                .filter(|h| h.join("cgroup.procs").exists())
                .collect()
        };
        if bases.is_empty() {
            return crate::harness::prerequisite(
                "no cgroup hierarchy for systemd in /sys/fs/cgroup",
            );
        }
        let slice = format!(
            "rpod-it-{}.slice",
            env.dir.file_name().unwrap().to_string_lossy()
        );
        let mut cgroups = Vec::new();
        let mut leaves = Vec::new();
        for b in &bases {
            let leaf = b.join(&slice).join(format!("user@{}.service", user.uid));
            if let Err(e) = std::fs::create_dir_all(&leaf) {
                return crate::harness::prerequisite(&format!(
                    "creating the cgroup {}: {e}",
                    leaf.display()
                ));
            }
            cgroups.push(b.join(&slice));
            for f in std::iter::once(leaf.clone()).chain(
                std::fs::read_dir(&leaf)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path()),
            ) {
                std::os::unix::fs::chown(&f, Some(user.uid), Some(user.gid)).unwrap();
            }
            leaves.push(leaf.display().to_string());
        }
        // The mount point of the namespace's own /run/systemd.
        std::fs::create_dir_all("/run/systemd").unwrap();
        let log = env.dir.join("user-manager.log");
        let log_file = std::fs::File::create(&log).unwrap();
        let script = r#"set -e
for c in $1; do echo $$ > "$c/cgroup.procs"; done
mount -t tmpfs -o mode=0755 tmpfs /run/systemd
mkdir /run/systemd/system /run/systemd/user-generators
ln -s "$2" /run/systemd/user-generators/rpod-user-generator
shift 2
exec runuser -u "$@""#;
        let mut cmd = std::process::Command::new("unshare");
        cmd.args([
            "-m",
            "--propagation",
            "private",
            "--",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .arg(leaves.join(" "))
        .arg(crate::harness::rpod_bin())
        .args([user.name.as_str(), "--", "env", "-i"])
        .args(env.base_env().iter().map(|(k, v)| format!("{k}={v}")))
        .args(["/lib/systemd/systemd", "--user"])
        .current_dir("/")
        .stdin(std::process::Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .process_group(0);
        let child = cmd.spawn().expect("spawning unshare");
        let mut m = UserManager {
            env,
            child,
            cgroups,
            log,
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let state = m.systemctl(&["show", "-p", "SystemState", "--value"]).run();
            if matches!(state.out(), "running" | "degraded") {
                return Some(m);
            }
            let exited = m.child.try_wait().ok().flatten().is_some();
            if exited || std::time::Instant::now() > deadline {
                let log = std::fs::read_to_string(&m.log).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(15).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                return crate::harness::prerequisite(&format!(
                    "systemd --user did not start (state {:?}):\n{}",
                    state.out(),
                    tail.join("\n")
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// `systemctl --user ARGS` against this manager, as the test user.
    fn systemctl(&self, args: &[&str]) -> crate::harness::Cmd {
        let mut c = self.env.cmd("systemctl");
        c.arg("--user").args(args.iter().copied());
        c
    }

    /// `systemctl --user show -p PROPERTY --value UNIT`.
    fn property(&self, unit: &str, property: &str) -> String {
        self.systemctl(&["show", "-p", property, "--value", unit])
            .run()
            .out()
            .to_string()
    }
}

impl Drop for UserManager<'_> {
    fn drop(&mut self) {
        let _ = self
            .systemctl(&["exit"])
            .timeout(Duration::from_secs(30))
            .run();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().ok().flatten().is_none() {
            if std::time::Instant::now() > deadline {
                crate::harness::kill_group(self.child.id());
                let _ = self.child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // Whatever is left in its cgroups (after a failed test), then the cgroups.
        for cg in &self.cgroups {
            for _ in 0..50 {
                let dirs: Vec<_> = walkdir(cg)
                    .into_iter()
                    .filter(|p| p.is_dir())
                    .chain(std::iter::once(cg.clone()))
                    .collect();
                let mut busy = false;
                for d in &dirs {
                    for pid in std::fs::read_to_string(d.join("cgroup.procs"))
                        .unwrap_or_default()
                        .lines()
                    {
                        busy = true;
                        let _ = std::process::Command::new("kill")
                            .args(["-s", "KILL", pid])
                            .status();
                    }
                }
                if !busy {
                    for d in &dirs {
                        let _ = std::fs::remove_dir(d);
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// A Quadlet `.container` (with `Notify=yes`) and a `generate systemd --new
/// --files` unit, run by a real `systemd --user`: `daemon-reload` runs rpod
/// as the user generator, `start` returns once the container reports
/// READY=1 (relayed by the monitor) or the monitor does (conmon mode), the
/// monitor is the unit's main PID, the container serves, and `stop`
/// removes it.
#[test]
fn user_manager_runs_quadlet_and_generated_units() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let manager = require!(UserManager::start(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let (qport, gport) = (registry::free_port(), registry::free_port());
    let site = env.dir.join("site");
    env.write_file(
        &site.join("quadlet.sh"),
        &format!(
            r#"echo quadlet > /tmp/index.html
busybox httpd -f -p 127.0.0.1:{qport} -h /tmp &
ln -s "$NOTIFY_SOCKET" /dev/log
m='header
STATUS=serving
READY=1'
busybox logger "$m"
wait
"#
        ),
    );
    env.write_file(
        &site.join("generated.sh"),
        &format!(
            "trap 'exit 0' TERM\necho generated > /tmp/index.html\nbusybox httpd -f -p 127.0.0.1:{gport} -h /tmp &\nwait\n"
        ),
    );
    let volume = format!("{}:/site:ro", site.display());
    env.write_file(
        &env.config.join("containers/systemd/qweb.container"),
        &format!(
            "[Container]\nImage={image}\nGlobalArgs=--root {} --runroot {}\nNetwork=host\nNotify=yes\nVolume={volume}\nExec=sh /site/quadlet.sh\n",
            env.root().display(),
            env.runroot().display()
        ),
    );
    env.rpod([
        "create",
        "--name",
        "gweb",
        "--network",
        "host",
        "-v",
        &volume,
        &image,
        "sh",
        "/site/generated.sh",
    ])
    .run()
    .success();
    let units = env.config.join("systemd/user");
    env.cmd("mkdir").arg("-p").arg(&units).run().success();
    // `--files` writes into the current directory.
    env.cmd("sh")
        .args(["-c", "cd \"$0\" && exec \"$@\""])
        .arg(&units)
        .arg(crate::harness::rpod_bin())
        .arg("--root")
        .arg(env.root())
        .arg("--runroot")
        .arg(env.runroot())
        .args(["generate", "systemd", "--new", "--files", "--name", "gweb"])
        .run()
        .success();
    assert!(units.join("container-gweb.service").exists());

    manager.systemctl(&["daemon-reload"]).run().success();
    assert_eq!(manager.property("qweb.service", "LoadState"), "loaded");
    assert_eq!(
        manager.property("container-gweb.service", "LoadState"),
        "loaded"
    );

    for (unit, container, port, body) in [
        ("qweb.service", "systemd-qweb", qport, "quadlet"),
        ("container-gweb.service", "gweb", gport, "generated"),
    ] {
        manager
            .systemctl(&["start", unit])
            .timeout(Duration::from_secs(120))
            .run()
            .success();
        assert_eq!(manager.property(unit, "ActiveState"), "active");
        let main: i64 = manager.property(unit, "MainPID").parse().unwrap();
        let monitor: i64 = env
            .rpod(["inspect", "--format", "{{.State.ConmonPid}}", container])
            .run()
            .out()
            .parse()
            .unwrap();
        assert_eq!(main, monitor, "{unit}: systemd's main PID is the monitor");
        if unit == "qweb.service" {
            // Relayed from the container with its READY=1.
            assert_eq!(manager.property(unit, "StatusText"), "serving");
        }
        let page = crate::network::http_get(port);
        assert!(page.contains(body), "{unit}: {page}");
        manager.systemctl(&["stop", unit]).run().success();
        assert_eq!(
            manager.property(unit, "ActiveState"),
            "inactive",
            "{unit} after stop: {}\n{}",
            manager
                .systemctl(&["show", "-p", "Result,ExecMainCode,ExecMainStatus", unit])
                .run(),
            std::fs::read_to_string(&manager.log).unwrap_or_default()
        );
        env.rpod(["container", "exists", container]).run().code(1);
        eventually_within(Duration::from_secs(10), "the monitor to end", || {
            !alive(monitor)
        });
    }
    drop(manager);
}

/// Quadlet `.pod` and `.kube` units under a real user manager: starting the pod's
/// unit creates the pod and starts its member (`Pod=`), whose page answers on the
/// pod's published port; stopping it stops the member and removes both. The `.kube`
/// unit plays its YAML on start and takes it down on stop.
#[test]
fn user_manager_runs_quadlet_pod_and_kube_units() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let manager = require!(UserManager::start(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let (pport, kport) = (registry::free_port(), registry::free_port());
    let global = format!(
        "GlobalArgs=--root {} --runroot {}\n",
        env.root().display(),
        env.runroot().display()
    );
    let dir = env.config.join("containers/systemd");
    env.write_file(
        &dir.join("app.pod"),
        &format!("[Pod]\nPodName=app\nPublishPort=127.0.0.1:{pport}:8000\n{global}"),
    );
    env.write_file(
        &dir.join("web.container"),
        &format!(
            "[Container]\nImage={image}\nPod=app.pod\n{global}Exec=sh -c \"echo from-pod > /tmp/index.html && exec busybox httpd -f -p 8000 -h /tmp\"\n"
        ),
    );
    env.write_file(
        &dir.join("site.kube"),
        &format!("[Kube]\nYaml=site.yaml\n{global}"),
    );
    let site_yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: site\nspec:\n  containers:\n  - name: web\n    image: {image}\n    command: [\"sh\", \"-c\", \"echo from-kube > /tmp/index.html && exec busybox httpd -f -p 8000 -h /tmp\"]\n    ports:\n    - containerPort: 8000\n      hostPort: {kport}\n"
    );
    env.write_file(&dir.join("site.yaml"), &site_yaml);
    let service = {
        use sha2::Digest;
        format!(
            "{}-service",
            &hex::encode(sha2::Sha256::digest(site_yaml.as_bytes()))[..12]
        )
    };
    manager.systemctl(&["daemon-reload"]).run().success();
    for unit in [
        "app-pod.service",
        "web.service",
        "site.service",
        "rpod-user-wait-network-online.service",
    ] {
        assert_eq!(manager.property(unit, "LoadState"), "loaded", "{unit}");
    }
    let log = || std::fs::read_to_string(&manager.log).unwrap_or_default();

    // The pod's unit pulls in its member (Wants=, Before=).
    manager
        .systemctl(&["start", "app-pod.service"])
        .timeout(Duration::from_secs(120))
        .run()
        .success();
    assert_eq!(
        manager.property("app-pod.service", "ActiveState"),
        "active",
        "{}",
        log()
    );
    // The units waited for the system's network through rpod's helper unit,
    // which finds no system manager here and is done at once.
    assert_eq!(
        manager.property("rpod-user-wait-network-online.service", "ActiveState"),
        "active",
        "{}",
        log()
    );
    // The member's start job runs after the pod's (After=), once the pod's has finished.
    eventually_within(Duration::from_secs(60), "web.service to be active", || {
        let state = manager.property("web.service", "ActiveState");
        assert!(
            state == "active" || state == "activating",
            "web.service {state}\n{}",
            log()
        );
        state == "active"
    });
    let page = crate::network::http_get(pport);
    assert!(page.contains("from-pod"), "{page}");
    let members = env
        .rpod(["ps", "--filter", "pod=app", "--format", "{{.Names}}"])
        .run()
        .out()
        .to_string();
    assert_eq!(members, "systemd-web");
    // Stopping the pod's unit stops the member (BindsTo=) and removes the pod.
    manager
        .systemctl(&["stop", "app-pod.service"])
        .run()
        .success();
    for unit in ["app-pod.service", "web.service"] {
        assert_eq!(
            manager.property(unit, "ActiveState"),
            "inactive",
            "{unit}\n{}",
            log()
        );
    }
    env.rpod(["pod", "exists", "app"]).run().code(1);
    env.rpod(["container", "exists", "systemd-web"])
        .run()
        .code(1);

    manager
        .systemctl(&["start", "site.service"])
        .timeout(Duration::from_secs(120))
        .run()
        .success();
    assert_eq!(
        manager.property("site.service", "ActiveState"),
        "active",
        "{}",
        log()
    );
    let page = crate::network::http_get(kport);
    assert!(page.contains("from-kube"), "{page}");
    // The unit's main process is the service container's monitor.
    let monitor = env
        .rpod([
            "container",
            "inspect",
            "--format",
            "{{.State.ConmonPid}}",
            &service,
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert_eq!(
        manager.property("site.service", "MainPID"),
        monitor,
        "{}",
        log()
    );
    manager.systemctl(&["stop", "site.service"]).run().success();
    env.rpod(["container", "exists", &service]).run().code(1);
    env.rpod(["pod", "exists", "site"]).run().code(1);
    env.rpod(["container", "exists", "site-web"]).run().code(1);
    drop(manager);
}

/// `generate systemd --new --files --name POD` under a real user manager: the pod's
/// unit and its member's pass `systemd-analyze verify`; starting the pod's unit
/// recreates the pod (`pod create --pod-id-file`) and starts the member
/// (`run --pod`), whose page answers on the pod's port; stopping it removes both.
#[test]
fn user_manager_runs_generated_pod_units() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let manager = require!(UserManager::start(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let port = registry::free_port();
    let publish = format!("127.0.0.1:{port}:8000");
    env.rpod(["pod", "create", "--name", "gpod", "-p", &publish])
        .run()
        .success();
    env.rpod([
        "create",
        "--pod",
        "gpod",
        "--name",
        "gmember",
        &image,
        "sh",
        "-c",
        "echo from-generated-pod > /tmp/index.html && exec busybox httpd -f -p 8000 -h /tmp",
    ])
    .run()
    .success();
    let units = env.config.join("systemd/user");
    env.cmd("mkdir").arg("-p").arg(&units).run().success();
    let out = env
        .cmd("sh")
        .args(["-c", "cd \"$0\" && exec \"$@\""])
        .arg(&units)
        .arg(crate::harness::rpod_bin())
        .arg("--root")
        .arg(env.root())
        .arg("--runroot")
        .arg(env.runroot())
        .args(["generate", "systemd", "--new", "--files", "--name", "gpod"])
        .run();
    out.success();
    let paths: Vec<&str> = out.out().lines().collect();
    assert_eq!(paths.len(), 2, "{out}");
    assert!(paths[0].ends_with("/container-gmember.service"), "{out}");
    assert!(paths[1].ends_with("/pod-gpod.service"), "{out}");
    let pod_unit = std::fs::read_to_string(units.join("pod-gpod.service")).unwrap();
    assert!(
        pod_unit.contains("\nWants=container-gmember.service\n"),
        "{pod_unit}"
    );
    assert!(
        pod_unit.contains("\nBefore=container-gmember.service\n"),
        "{pod_unit}"
    );
    let member_unit = std::fs::read_to_string(units.join("container-gmember.service")).unwrap();
    assert!(
        member_unit.contains("\nBindsTo=pod-gpod.service\n"),
        "{member_unit}"
    );
    assert!(
        member_unit.contains("\nAfter=pod-gpod.service\n"),
        "{member_unit}"
    );
    for p in &paths {
        crate::generate::verify(&env, std::path::Path::new(p));
    }
    // The units recreate both: remove the originals.
    env.rpod(["pod", "rm", "-f", "gpod"]).run().success();

    manager.systemctl(&["daemon-reload"]).run().success();
    let log = || std::fs::read_to_string(&manager.log).unwrap_or_default();
    manager
        .systemctl(&["start", "pod-gpod.service"])
        .timeout(Duration::from_secs(120))
        .run()
        .success();
    assert_eq!(
        manager.property("pod-gpod.service", "ActiveState"),
        "active",
        "{}",
        log()
    );
    eventually_within(
        Duration::from_secs(60),
        "the member's unit to be active",
        || {
            let state = manager.property("container-gmember.service", "ActiveState");
            assert!(
                state == "active" || state == "activating",
                "member {state}\n{}",
                log()
            );
            state == "active"
        },
    );
    let page = crate::network::http_get(port);
    assert!(page.contains("from-generated-pod"), "{page}");
    let members = env
        .rpod(["ps", "--filter", "pod=gpod", "--format", "{{.Names}}"])
        .run()
        .out()
        .to_string();
    assert_eq!(members, "gmember");
    manager
        .systemctl(&["stop", "pod-gpod.service"])
        .run()
        .success();
    for unit in ["pod-gpod.service", "container-gmember.service"] {
        assert_eq!(
            manager.property(unit, "ActiveState"),
            "inactive",
            "{unit}\n{}",
            log()
        );
    }
    env.rpod(["pod", "exists", "gpod"]).run().code(1);
    env.rpod(["container", "exists", "gmember"]).run().code(1);
    drop(manager);
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

/// The generated unit named `service` in `rpod quadlet --dryrun` output.
fn dryrun_unit<'a>(stdout: &'a str, service: &str) -> &'a str {
    stdout
        .split(&format!("---{service}---\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {service} in\n{stdout}"))
        .split("\n---")
        .next()
        .unwrap()
}

/// The words of the last `key=` line of a unit, the binary dropped and the
/// given specifiers expanded as systemd would.
fn unit_command(unit: &str, key: &str, specifiers: &[(&str, &str)]) -> Vec<String> {
    let line = unit
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{key}=")))
        .next_back()
        .unwrap_or_else(|| panic!("no {key} in\n{unit}"));
    words(line.trim_start_matches('-'))[1..]
        .iter()
        .map(|w| {
            specifiers
                .iter()
                .fold(w.clone(), |w, (s, v)| w.replace(s, v))
        })
        .collect()
}

/// A user's Quadlet directory with a template, an instance symlinked to it
/// and drop-ins at every level (`container.d`, the dash-prefix directory,
/// the template's and the instance's own): `rpod quadlet` merges them in
/// podman's order, and the instance's generated ExecStart runs a container
/// that has the merged settings. A file with an unknown key fails alone,
/// with podman's message, and the generator exits 1.
#[test]
fn quadlet_dropins_templates_and_instances() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let q = env.config.join("containers/systemd");
    env.write_file(
        &q.join("my-app@.container"),
        &format!(
            "[Container]\nImage={image}\nEnvironment=LEVEL=template\nExec=sleep 300\n\
             [Install]\nWantedBy=default.target\n"
        ),
    );
    std::os::unix::fs::symlink("my-app@.container", q.join("my-app@blue.container")).unwrap();
    // Broadest first; each later, more specific level overrides LEVEL.
    env.write_file(
        &q.join("container.d/10-all.conf"),
        "[Container]\nEnvironment=ALL=1\nLabel=scope=all\n",
    );
    env.write_file(
        &q.join("my-.container.d/20-prefix.conf"),
        "[Container]\nEnvironment=LEVEL=prefix\n",
    );
    env.write_file(
        &q.join("my-app@.container.d/30-template.conf"),
        "[Container]\nEnvironment=LEVEL=template-dropin\n",
    );
    // The same file name in a more specific directory replaces the broad one.
    env.write_file(
        &q.join("my-app@blue.container.d/10-all.conf"),
        "[Container]\nEnvironment=ALL=instance\n",
    );
    env.write_file(
        &q.join("my-app@blue.container.d/40-instance.conf"),
        "[Container]\nEnvironment=LEVEL=instance\nContainerName=blue-%i\n",
    );
    env.write_file(
        &q.join("broken.container"),
        "[Container]\nImage=localhost/x\nNoSuchKey=1\n",
    );
    let out = env.rpod(["quadlet", "--dryrun", "--user"]).run();
    out.code(1).stderr_has(&format!(
        "unsupported key 'NoSuchKey' in group 'Container' in {}",
        q.join("broken.container").display()
    ));
    assert!(!out.stdout.contains("---broken.service---"), "{out}");

    // The template: its own drop-ins, no [Install] link (no DefaultInstance).
    let template = dryrun_unit(&out.stdout, "my-app@.service");
    let start = unit_command(template, "ExecStart", &[]);
    assert!(
        start.windows(2).any(|w| w == ["--name", "systemd-%p_%i"]),
        "{start:?}"
    );
    assert!(
        start
            .windows(2)
            .any(|w| w == ["--env", "LEVEL=template-dropin"]),
        "{start:?}"
    );

    // The instance: every level merged, run as systemd would run it.
    let unit = dryrun_unit(&out.stdout, "my-app@blue.service");
    let spec = [
        ("%p", "my-app"),
        ("%i", "blue"),
        ("%N", "my-app@blue"),
        ("%n", "my-app@blue.service"),
    ];
    let start = unit_command(unit, "ExecStart", &spec);
    let stop = unit_command(unit, "ExecStop", &spec);
    env.rpod(&start).run().success();
    let envs = env
        .rpod(["inspect", "--format", "{{json .Config.Env}}", "blue-blue"])
        .run();
    let envs: Vec<String> = serde_json::from_str(envs.success().out()).unwrap();
    let last = |k: &str| {
        envs.iter()
            .filter_map(|e| e.strip_prefix(&format!("{k}=")))
            .next_back()
            .map(str::to_string)
    };
    assert_eq!(last("LEVEL").as_deref(), Some("instance"), "{envs:?}");
    assert_eq!(last("ALL").as_deref(), Some("instance"), "{envs:?}");
    env.rpod([
        "inspect",
        "--format",
        "{{index .Config.Labels \"scope\"}}",
        "blue-blue",
    ])
    .run()
    .stdout_is("");
    env.rpod(&stop).run().success();
    env.rpod(["container", "exists", "blue-blue"]).run().code(1);

    // Written to a generator directory: the instance is linked into
    // default.target, the template is not.
    let gen = env.dir.join("generator");
    env.rpod(["quadlet", "--user"])
        .arg(gen.display().to_string())
        .run()
        .code(1);
    let wants = gen.join("default.target.wants");
    assert_eq!(
        std::fs::read_link(wants.join("my-app@blue.service")).unwrap(),
        std::path::PathBuf::from("../my-app@blue.service")
    );
    assert!(!wants.join("my-app@.service").exists());
    assert!(gen.join("my-app@.service").is_file());
}

/// `QUADLET_UNIT_DIRS` replaces the search path (subdirectories included,
/// drop-ins beside the files), and the first directory holding a name wins.
#[test]
fn quadlet_unit_dirs_override_the_search_path() {
    let env = require!(Env::rootless());
    let a = env.dir.join("qa");
    let b = env.dir.join("qb");
    env.write_file(
        &a.join("sub/web.container"),
        "[Container]\nImage=localhost/first\n",
    );
    env.write_file(
        &b.join("web.container"),
        "[Container]\nImage=localhost/second\n",
    );
    env.write_file(
        &b.join("web.container.d/x.conf"),
        "[Container]\nPodmanArgs=--cpus=1\n",
    );
    // Not searched: the user's own directory.
    env.write_file(
        &env.config.join("containers/systemd/mine.container"),
        "[Container]\nImage=localhost/mine\n",
    );
    let out = env
        .rpod(["quadlet", "--dryrun", "--user"])
        .env(
            "QUADLET_UNIT_DIRS",
            format!("{}:{}", a.display(), b.display()),
        )
        .run();
    out.success();
    let unit = dryrun_unit(&out.stdout, "web.service");
    let start = unit_command(unit, "ExecStart", &[]);
    assert!(
        start.ends_with(&["--cpus=1".to_string(), "localhost/first".to_string()]),
        "{start:?}"
    );
    assert!(!out.stdout.contains("mine.service"), "{out}");
}

/// `.image` and `.build` units run as systemd would run them: the image
/// unit pulls, the build unit builds in its WorkingDirectory=, and the
/// containers naming them run the pulled and the built image.
#[test]
fn quadlet_image_and_build_units() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let remote = shared.reference("busybox:latest");
    let q = env.config.join("containers/systemd");
    env.write_file(
        &q.join("base.image"),
        &format!("[Image]\nImage={remote}\nTLSVerify=no\n"),
    );
    env.write_file(
        &q.join("app/Containerfile"),
        &format!("FROM {remote}\nRUN echo built-by-quadlet > /built\n"),
    );
    env.write_file(
        &q.join("app/app.build"),
        "[Build]\nImageTag=localhost/quadlet-built\nFile=Containerfile\n\
         SetWorkingDirectory=unit\nTLSVerify=no\n",
    );
    env.write_file(
        &q.join("pulled.container"),
        "[Container]\nImage=base.image\nExec=sleep 300\n",
    );
    env.write_file(
        &q.join("built.container"),
        "[Container]\nImage=app.build\nExec=sleep 300\n",
    );
    let out = env.rpod(["quadlet", "--dryrun", "--user"]).run();
    out.success();
    let image_unit = dryrun_unit(&out.stdout, "base-image.service");
    let build_unit = dryrun_unit(&out.stdout, "app-build.service");
    let pulled = dryrun_unit(&out.stdout, "pulled.service");
    let built = dryrun_unit(&out.stdout, "built.service");
    assert!(
        pulled.contains("\nRequires=base-image.service\n"),
        "{pulled}"
    );
    assert!(built.contains("\nRequires=app-build.service\n"), "{built}");
    let wd = build_unit
        .lines()
        .find_map(|l| l.strip_prefix("WorkingDirectory="))
        .unwrap_or_else(|| panic!("no WorkingDirectory in\n{build_unit}"));
    assert_eq!(std::path::Path::new(wd), q.join("app"));

    env.rpod(unit_command(image_unit, "ExecStart", &[]))
        .run()
        .success();
    env.rpod(unit_command(build_unit, "ExecStart", &[]))
        .current_dir(wd)
        .run()
        .success();
    for (unit, name) in [(pulled, "pulled"), (built, "built")] {
        let spec = [("%N", name), ("%n", "x.service")];
        env.rpod(unit_command(unit, "ExecStart", &spec))
            .run()
            .success();
    }
    env.rpod(["exec", "systemd-built", "cat", "/built"])
        .run()
        .stdout_is("built-by-quadlet");
    let img = env
        .rpod(["inspect", "--format", "{{.ImageName}}", "systemd-pulled"])
        .run();
    assert_eq!(img.success().out(), remote);
    for (unit, name) in [(pulled, "pulled"), (built, "built")] {
        let spec = [("%N", name)];
        env.rpod(unit_command(unit, "ExecStop", &spec))
            .run()
            .success();
    }
}

/// A `.pod` with ShmSize=, Volume=, UIDMap= and GIDMap=: the generated
/// unit's ExecStartPre really creates the pod with them, and a member then
/// sees the pod's volume, a /dev/shm of the pod's size and the pod's uid
/// map; the unit's ExecStopPost removes the pod.
#[test]
fn quadlet_pod_settings_reach_members() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let config = env.root().parent().unwrap().join("quadlet-podset");
    let vol = env.write_file(&env.dir.join("podset/hello"), "from-quadlet-pod\n");
    let vol = vol.parent().unwrap();
    env.write_file(
        &config.join("containers/systemd/app.pod"),
        &format!(
            "[Pod]\nShmSize=20m\nVolume={}:/shared:ro\nUIDMap=0:1:3000\nGIDMap=0:1:3000\n",
            vol.display()
        ),
    );
    let out = env
        .rpod(["quadlet", "--dryrun", "--user"])
        .env("XDG_CONFIG_HOME", config.display().to_string())
        .run();
    out.success();
    let unit = dryrun_unit(&out.stdout, "app-pod.service");
    let create = unit_command(
        unit,
        "ExecStartPre",
        &[("%N", "app-pod"), ("%n", "app-pod.service")],
    );
    env.rpod(&create).run().success();
    let probe = "cat /shared/hello; df -k /dev/shm | tail -1; cat /proc/self/uid_map";
    let member = env
        .rpod([
            "run",
            "--rm",
            "--pod",
            "systemd-app",
            &image,
            "sh",
            "-c",
            probe,
        ])
        .run();
    member.success();
    let text = member.out();
    assert!(text.contains("from-quadlet-pod"), "{member}");
    assert!(text.contains(" 20480 "), "a 20m /dev/shm: {member}");
    let map: Vec<&str> = text.lines().last().unwrap().split_whitespace().collect();
    assert_eq!(map[2], "3000", "{member}");
    let rm = unit_command(unit, "ExecStopPost", &[("%N", "app-pod")]);
    env.rpod(&rm).run().success();
    env.rpod(["pod", "exists", "systemd-app"]).run().code(1);
}

/// `rpod quadlet install|list|print|rm` with no systemd manager running (as
/// in a container or CI): files are installed into the user's Quadlet
/// directory and removed from it, with a warning that no manager was
/// reloaded; `list` shows them `Not loaded`, with their applications;
/// `print` shows a file as it is; a directory is an application removed
/// as a whole, a `.quadlets` file is split at `---` into the files its
/// `# FileName=` comments name; a file already there needs `--replace`.
#[test]
fn quadlet_verbs_without_a_manager() {
    let env = require!(Env::rootless());
    // No verb and no generator flags: podman's help, then its error.
    let out = env.rpod(["quadlet"]).run();
    out.code(125)
        .stderr_is("Error: missing command 'rpod quadlet COMMAND'");
    assert!(out.stdout.contains("Available Commands:"), "{out}");
    env.rpod(["quadlet", "NoSuchCommand"]).run().code(125).stderr_is(
        "Error: unrecognized command `rpod quadlet NoSuchCommand`\nTry 'rpod quadlet --help' for more information",
    );
    let qdir = env.config.join("containers/systemd");
    let web = "[Container]\nImage=localhost/none\nExec=sleep 1\n";
    let src = env.write_file(&env.dir.join("src/web.container"), web);
    env.write_file(
        &env.dir.join("src/app/one.container"),
        "[Container]\nImage=i\n",
    );
    env.write_file(&env.dir.join("src/app/one.conf"), "setting=1\n");
    env.write_file(
        &env.dir.join("src/stack.quadlets"),
        "# FileName=front\n[Container]\nImage=i\n---\n# FileName=data\n[Volume]\n",
    );
    let s = |p: &str| env.dir.join("src").join(p).display().to_string();
    let out = env
        .rpod(["quadlet", "install", &src.display().to_string()])
        .run();
    out.success()
        .stdout_is(&qdir.join("web.container").display().to_string())
        .stderr_has("no systemd user manager is running");
    env.rpod(["quadlet", "install", &s("web.container")])
        .run()
        .error125()
        .stderr_has("refusing to overwrite");
    env.rpod(["quadlet", "install", "--replace", &s("web.container")])
        .run()
        .success();
    env.rpod(["quadlet", "install", &s("app")]).run().success();
    env.rpod(["quadlet", "install", &s("stack.quadlets")])
        .run()
        .success();
    assert_eq!(
        std::fs::read_to_string(qdir.join("data.volume")).unwrap(),
        "# FileName=data\n[Volume]"
    );
    let list = env
        .rpod([
            "quadlet",
            "list",
            "--format",
            "{{.Name}} {{.UnitName}} {{.Status}} {{.App}}",
        ])
        .run();
    let mut rows: Vec<String> = list
        .success()
        .lines()
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            "NAME UNIT NAME STATUS APPLICATION",
            "data.volume data-volume.service Not loaded .stack.app",
            "front.container front.service Not loaded .stack.app",
            "one.container one.service Not loaded .app.app",
            "web.container web.service Not loaded",
        ]
        .map(String::from),
        "{list}"
    );
    env.rpod(["quadlet", "list", "--filter", "name=^f", "--format", "json"])
        .run()
        .success()
        .stdout_has("\"front.container\"");
    env.rpod(["quadlet", "print", "web.container"])
        .run()
        .success()
        .stdout_is(web.trim_end());
    // One file of an application removes the application.
    env.rpod(["quadlet", "rm", "one.container"])
        .run()
        .success()
        .stdout_is("one.container");
    assert!(!qdir.join("one.conf").exists());
    assert!(!qdir.join(".app.app").exists());
    env.rpod(["quadlet", "rm", "gone.container"])
        .run()
        .error125()
        .stderr_has("could not locate quadlet");
    env.rpod(["quadlet", "rm", "--ignore", "gone.container"])
        .run()
        .success();
    env.rpod(["quadlet", "rm", ".stack.app"]).run().success();
    env.rpod(["quadlet", "rm", "--all"]).run().success();
    let left: Vec<_> = std::fs::read_dir(&qdir).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
    // Without a verb `rpod quadlet` is still the generator.
    env.rpod(["quadlet", "--dryrun", "--user"]).run().success();
}

/// `rpod quadlet install` under a real user manager reloads it, so the
/// unit is loaded at once; `list` shows systemd's state; `rm` refuses a
/// running unit without --force, and with it stops the unit, removes the
/// file and reloads, so the unit is gone.
#[test]
fn quadlet_verbs_with_a_user_manager() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let manager = require!(UserManager::start(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let global = format!(
        "GlobalArgs=--root {} --runroot {}\n",
        env.root().display(),
        env.runroot().display()
    );
    let src = env.write_file(
        &env.dir.join("src/lived.container"),
        &format!("[Container]\nImage={image}\n{global}Exec=sleep 300\n"),
    );
    let install = env
        .rpod(["quadlet", "install", &src.display().to_string()])
        .run();
    install.success();
    assert_eq!(
        manager.property("lived.service", "LoadState"),
        "loaded",
        "{install}\n{}",
        std::fs::read_to_string(&manager.log).unwrap_or_default()
    );
    env.rpod(["quadlet", "list", "--format", "{{.Status}}"])
        .run()
        .success()
        .stdout_is("STATUS\ninactive/dead");
    manager
        .systemctl(&["start", "lived.service"])
        .timeout(Duration::from_secs(120))
        .run()
        .success();
    env.rpod(["quadlet", "rm", "lived.container"])
        .run()
        .error125()
        .stderr_has("is running and force is not set");
    assert_eq!(manager.property("lived.service", "ActiveState"), "active");
    env.rpod(["quadlet", "rm", "--force", "lived.container"])
        .run()
        .success()
        .stdout_is("lived.container");
    assert_eq!(manager.property("lived.service", "LoadState"), "not-found");
    env.rpod(["container", "exists", "systemd-lived"])
        .run()
        .code(1);
    drop(manager);
}

/// `.kube` ExitCodePropagation= (`kube play --service-exit-code-propagation`)
/// under a real user manager: with `any`, the pod's container exiting 3
/// kills the service container (exit 137), whose monitor, the unit's main
/// process, fails the unit; with `none` the same play leaves the unit
/// stopped cleanly.
#[test]
fn kube_exit_code_propagation_fails_the_unit() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let manager = require!(UserManager::start(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let global = format!(
        "GlobalArgs=--root {} --runroot {}\n",
        env.root().display(),
        env.runroot().display()
    );
    let dir = env.config.join("containers/systemd");
    for (name, policy) in [("failing", "any"), ("quiet", "none")] {
        env.write_file(
            &dir.join(format!("{name}.yaml")),
            &format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: job\n    image: {image}\n    command: [\"sh\", \"-c\", \"exit 3\"]\n"
            ),
        );
        env.write_file(
            &dir.join(format!("{name}.kube")),
            &format!("[Kube]\nYaml={name}.yaml\nExitCodePropagation={policy}\n{global}"),
        );
    }
    manager.systemctl(&["daemon-reload"]).run().success();
    let log = || std::fs::read_to_string(&manager.log).unwrap_or_default();
    for (unit, want) in [("failing.service", "failed"), ("quiet.service", "inactive")] {
        // The start job returns once the service container is ready; the
        // pod's container exits at once after.
        let _ = manager
            .systemctl(&["start", unit])
            .timeout(Duration::from_secs(120))
            .run();
        eventually_within(Duration::from_secs(60), "the unit to end", || {
            let state = manager.property(unit, "ActiveState");
            state == "failed" || state == "inactive"
        });
        assert_eq!(
            manager.property(unit, "ActiveState"),
            want,
            "{unit}\n{}",
            log()
        );
    }
    assert_eq!(
        manager.property("failing.service", "ExecMainStatus"),
        "137",
        "{}",
        log()
    );
    drop(manager);
}

/// An `.artifact` unit and a `.container` whose `Mount=type=artifact` names
/// it, run as systemd would run them: the artifact unit's ExecStart pulls the
/// artifact from the registry, and the container's sees its file.
#[test]
fn quadlet_artifact_unit_and_mount() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    // An artifact in the registry, not in the store.
    let name = format!("{}/art/quadlet:{}", shared.addr(), std::process::id());
    let file = env.write_file(std::path::Path::new("model.txt"), "weights-v1\n");
    env.rpod(["artifact", "add", &name])
        .arg(&file)
        .run()
        .success();
    env.rpod(["artifact", "push", "--tls-verify=false", &name])
        .run()
        .success();
    env.rpod(["artifact", "rm", &name]).run().success();
    let q = env.config.join("containers/systemd");
    env.write_file(
        &q.join("model.artifact"),
        &format!("[Artifact]\nArtifact={name}\nTLSVerify=no\nQuiet=yes\n"),
    );
    env.write_file(
        &q.join("reader.container"),
        &format!(
            "[Container]\nImage={image}\nMount=type=artifact,source=model.artifact,destination=/model.txt\nExec=sleep 300\n"
        ),
    );
    let out = env.rpod(["quadlet", "--dryrun", "--user"]).run();
    out.success();
    let art = dryrun_unit(&out.stdout, "model-artifact.service");
    let reader = dryrun_unit(&out.stdout, "reader.service");
    assert!(
        reader.contains("\nRequires=model-artifact.service\n"),
        "{reader}"
    );
    env.rpod(unit_command(art, "ExecStart", &[]))
        .run()
        .success();
    env.rpod(["artifact", "inspect", &name]).run().success();
    let spec = [("%N", "reader"), ("%n", "reader.service")];
    env.rpod(unit_command(reader, "ExecStart", &spec))
        .run()
        .success();
    env.rpod(["exec", "systemd-reader", "cat", "/model.txt"])
        .run()
        .success()
        .stdout_is("weights-v1");
    env.rpod(["rm", "-f", "-t", "0", "systemd-reader"])
        .run()
        .success();
}
