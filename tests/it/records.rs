//! Container records against faults (issue 21): a recorded PID that now
//! belongs to another process, a full file system, what killed commands
//! leave behind, and many containers stopped at once. As the unprivileged
//! user, with the faults made deterministically.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Child;

use crate::harness::{alive, eventually, kill_group, Env};
use crate::pull::pull;
use crate::registry;

fn setup(env: Option<Env>) -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = env?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().to_string()
}

fn container_dirs(env: &Env) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(env.root().join("containers"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Field 22 of /proc/PID/stat: the process's start time.
fn start_time(pid: i64) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &stat[stat.rfind(')').unwrap() + 1..];
    rest.split_whitespace().nth(19).unwrap().parse().unwrap()
}

/// A sleeping process of the test user (the process whose PID a stale
/// record names); killed on drop.
struct Victim {
    child: Child,
    pid: i64,
    start: u64,
}

impl Victim {
    fn spawn(env: &Env) -> Victim {
        let mut child = env
            .cmd("sh")
            .args(["-c", "echo $$; exec sleep 1000"])
            .spawn();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let pid: i64 = line.trim().parse().unwrap();
        // Until it has exec'd sleep, its start time is already final.
        let start = start_time(pid);
        Victim { child, pid, start }
    }

    /// Still the same, sleeping process: never signalled.
    fn untouched(&self) -> bool {
        alive(self.pid) && start_time(self.pid) == self.start
    }
}

impl Drop for Victim {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.wait();
    }
}

fn state_path(env: &Env, id: &str) -> PathBuf {
    env.root().join("containers").join(id).join("state.json")
}

/// Rewrites a record as a stale one would read: running, its PID (and,
/// with `monitor_too`, its supervisor's) now the victim's, whose start
/// time differs from the one recorded.
fn point_at(env: &Env, id: &str, victim: &Victim, monitor_too: bool) {
    let path = state_path(env, id);
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    s["status"] = "running".into();
    s["pid"] = victim.pid.into();
    s["pid_start"] = (victim.start + 1).into();
    if monitor_too {
        s["monitor_pid"] = victim.pid.into();
        s["monitor_start"] = (victim.start + 1).into();
    }
    env.write_file(&path, &s.to_string());
}

fn recycled_pids_are_never_signalled_or_joined(env: Env) {
    let (env, image) = require!(setup(Some(env)));
    let victim = Victim::spawn(&env);
    // The container died with its monitor: both PIDs are free for reuse.
    env.rpod(["run", "-d", "--name", "v", &image, "sleep", "1000"])
        .run()
        .success();
    let id = inspect(&env, "v", "{{.Id}}");
    let pid: i64 = inspect(&env, "v", "{{.State.Pid}}").parse().unwrap();
    let monitor: i64 = inspect(&env, "v", "{{.State.ConmonPid}}").parse().unwrap();
    std::process::Command::new("kill")
        .args(["-9", &monitor.to_string()])
        .status()
        .unwrap();
    eventually("the monitor and the container to die", || {
        !alive(monitor) && !alive(pid)
    });
    // Every command that reads the record repairs it, and none signals or
    // joins the process that holds the PID now.
    for (args, code, says) in [
        (&["ps", "-a"][..], 0, ""),
        // As podman: the exit code died with the monitor (podman's conmon).
        (
            &["stop", "-t", "1", "v"][..],
            125,
            "conmon exited prematurely, exit code could not be retrieved",
        ),
        (&["kill", "v"][..], 125, "can only kill running containers"),
        (
            &["exec", "v", "true"][..],
            125,
            "can only create exec sessions on running containers",
        ),
        (&["wait", "v"][..], 0, ""),
    ] {
        point_at(&env, &id, &victim, true);
        let out = env.rpod(args).run();
        out.code(code).stderr_has(says);
        assert!(victim.untouched(), "{args:?} signalled the victim\n{out}");
        assert_eq!(
            inspect(&env, "v", "{{.State.Status}} {{.State.ExitCode}}"),
            "exited 137",
            "{args:?} left the record unrepaired"
        );
    }
    // A record written by an older rpod (no start time) is no different.
    point_at(&env, &id, &victim, true);
    let path = state_path(&env, &id);
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    s.as_object_mut().unwrap().remove("pid_start");
    s.as_object_mut().unwrap().remove("boot_id");
    env.write_file(&path, &s.to_string());
    env.rpod(["rm", "-f", "v"]).run().success();
    assert!(victim.untouched(), "rm -f signalled the victim");
    assert_eq!(container_dirs(&env), Vec::<String>::new());

    // Its monitor alive, but its PID 1 recorded as someone else's.
    env.rpod(["run", "-d", "--name", "w", &image, "sleep", "1000"])
        .run()
        .success();
    let id = inspect(&env, "w", "{{.Id}}");
    let real = std::fs::read_to_string(state_path(&env, &id)).unwrap();
    point_at(&env, &id, &victim, false);
    env.rpod(["kill", "w"])
        .run()
        .error125()
        .stderr_has("has exited (or the PID belongs to another process now)");
    env.rpod(["exec", "w", "true"])
        .run()
        .error125()
        .stderr_has("can only create exec sessions on running containers");
    env.rpod(["top", "w"]).run().error125();
    assert!(victim.untouched(), "kill/exec reached the victim");
    env.write_file(&state_path(&env, &id), &real);
    let out = env.rpod(["exec", "w", "cat", "/proc/1/cmdline"]).run();
    assert_eq!(out.stdout, "sleep\u{0}1000\u{0}", "{out}");
    env.rpod(["rm", "-f", "w"]).run().success();
    assert!(victim.untouched());
    assert_eq!(container_dirs(&env), Vec::<String>::new());
}

#[test]
fn recycled_pids_are_never_signalled_or_joined_rootless() {
    recycled_pids_are_never_signalled_or_joined(require!(Env::rootless()));
}

#[test]
fn recycled_pids_are_never_signalled_or_joined_rootful() {
    recycled_pids_are_never_signalled_or_joined(require!(Env::rootful()));
}

/// A tmpfs mounted over a store, unmounted on drop (declare it after the
/// `Env`: it is unmounted first, and the Env's clean-up then checks that
/// nothing of the test is left, its mounts included).
struct Tmpfs(Option<PathBuf>);

impl Tmpfs {
    fn mount(&mut self, at: &Path, size: &str, env: &Env) {
        std::fs::create_dir_all(at).unwrap();
        let user = env.user.as_ref().expect("a rootless env");
        let opts = format!("size={size},mode=0700,uid={},gid={}", user.uid, user.gid);
        let st = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &opts, "tmpfs"])
            .arg(at)
            .status()
            .unwrap();
        assert!(st.success(), "mounting a tmpfs on {}", at.display());
        self.0 = Some(at.to_path_buf());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(p)
                .status();
        }
    }
}

/// Bytes an unprivileged user may still write on the file system at `p`.
fn available(p: &Path) -> u64 {
    let out = std::process::Command::new("stat")
        .args(["-f", "-c", "%a %S"])
        .arg(p)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut f = text.split_whitespace().map(|v| v.parse::<u64>().unwrap());
    f.next().unwrap() * f.next().unwrap()
}

#[test]
fn a_container_that_fills_the_disk_can_be_listed_stopped_and_removed() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let mut tmpfs = Tmpfs(None);
    if !crate::harness::is_root() {
        crate::harness::prerequisite::<()>("root, to mount a small tmpfs as the store");
        return;
    }
    tmpfs.mount(&env.root(), "16m", &env);
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let run_d = |name: &str, script: &str| {
        env.rpod(["run", "-d", "--name", name, &image, "sh", "-c", script])
            .run()
            .success();
    };
    // Three running before the disk fills: stop, rm -f and rm -af each get one.
    run_d("h1", "trap 'exit 7' TERM; while :; do sleep 0.1; done");
    run_d("h2", "sleep 1000");
    run_d("h3", "sleep 1000");
    // The disk fills only once "hi" is in the log: a monitor slower than
    // dd (a loaded machine) would otherwise find no room to log it.
    run_d(
        "filler",
        "echo hi; while ! test -e /go; do sleep 0.1; done; dd if=/dev/zero of=/fill bs=64k; echo done; exit 3",
    );
    crate::harness::eventually("filler's first line is logged", || {
        env.rpod(["logs", "filler"]).run().stdout.starts_with("hi")
    });
    env.rpod(["exec", "filler", "touch", "/go"]).run().success();
    let out = env.rpod(["wait", "filler"]).run();
    assert_eq!(
        out.out(),
        "3",
        "the exit code as the monitor recorded it\n{out}"
    );
    assert!(
        available(&env.root()) < 64 * 1024,
        "the store is not full: {} bytes free",
        available(&env.root())
    );
    // Listing and logs write nothing.
    let ps = env
        .rpod(["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
        .run();
    ps.success();
    assert!(
        ps.lines()
            .iter()
            .any(|l| l.starts_with("filler Exited (3)")),
        "{ps}"
    );
    assert!(
        env.rpod(["logs", "filler"])
            .run()
            .success()
            .out()
            .starts_with("hi"),
        "logs of filler"
    );
    assert_eq!(inspect(&env, "filler", "{{.State.ExitCode}}"), "3");
    // stop records the real exit code, rm -f and rm -af remove.
    env.rpod(["stop", "-t", "5", "h1"]).run().success();
    assert_eq!(
        inspect(&env, "h1", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 7"
    );
    env.rpod(["rm", "-f", "h2"]).run().success();
    env.rpod(["rm", "filler"]).run().success();
    env.rpod(["rm", "-af"]).run().success();
    assert_eq!(env.rpod(["ps", "-aq"]).run().success().out(), "");
    assert_eq!(container_dirs(&env), Vec::<String>::new());
    // The space is back, and the store works.
    assert!(
        available(&env.root()) > 8 << 20,
        "space not freed: {} bytes free",
        available(&env.root())
    );
    let out = env.rpod(["run", "--rm", &image, "echo", "ok"]).run();
    assert_eq!(out.success().out(), "ok");
}

#[test]
fn what_killed_commands_leave_is_reclaimed() {
    let (env, image) = require!(setup(Env::rootless()));
    let sockets = env.runroot().join("a");
    let socket = |name: &str| sockets.join(&inspect(&env, name, "{{.Id}}")[..12]);
    // A detached container that exits: its monitor removes its socket.
    env.rpod(["run", "-d", "--name", "d", &image, "true"])
        .run()
        .success();
    env.rpod(["wait", "d"]).run().success();
    assert!(
        !socket("d").exists(),
        "the attach socket of an exited container"
    );
    // A monitor killed: the repair removes the socket it left.
    env.rpod(["run", "-d", "--name", "k", &image, "sleep", "1000"])
        .run()
        .success();
    let k_socket = socket("k");
    assert!(k_socket.exists());
    let monitor = inspect(&env, "k", "{{.State.ConmonPid}}");
    std::process::Command::new("kill")
        .args(["-9", &monitor])
        .status()
        .unwrap();
    eventually("the monitor to die", || !alive(monitor.parse().unwrap()));
    env.rpod(["ps", "-a"]).run().success();
    assert!(!k_socket.exists(), "the socket of a dead monitor");
    // What a create killed before its last write leaves (a directory
    // without config.json), and a removal killed after its first step
    // (`.removing-ID`), both with files of a subordinate id inside.
    let files = "mkdir /tmp/d && touch /tmp/d/f";
    for name in ["half", "gone"] {
        env.rpod([
            "run", "--name", name, "--user", "1000", &image, "sh", "-c", files,
        ])
        .run()
        .success();
    }
    let half = inspect(&env, "half", "{{.Id}}");
    let gone = inspect(&env, "gone", "{{.Id}}");
    let containers = env.root().join("containers");
    std::fs::remove_file(containers.join(&half).join("config.json")).unwrap();
    std::fs::rename(
        containers.join(&gone),
        containers.join(format!(".removing-{gone}")),
    )
    .unwrap();
    // A socket of a container long gone.
    env.write_file(&sockets.join("0123456789ab"), "");
    // The network helper's directory of an `rpod run` killed while pasta
    // started (a PID that no longer runs), and one of a live process.
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    assert!(!alive(i64::from(dead_pid)));
    let stale = env.runtime.join(format!("rpod-pasta-{dead_pid}-0"));
    env.write_file(&stale.join("pasta.pid"), "1\n");
    let live = env
        .runtime
        .join(format!("rpod-pasta-{}-0", std::process::id()));
    env.write_file(&live.join("pasta.pid"), "1\n");
    let k = inspect(&env, "k", "{{.Id}}");
    let mut before = vec![
        inspect(&env, "d", "{{.Id}}"),
        k.clone(),
        half.clone(),
        format!(".removing-{gone}"),
    ];
    before.sort();
    assert_eq!(container_dirs(&env), before);

    // The next rm reclaims all of it, under the store's lock.
    env.rpod(["rm", "d"]).run().success();
    assert_eq!(container_dirs(&env), vec![k], "only k's record is left");
    assert!(!sockets.join("0123456789ab").exists());
    assert!(!stale.exists(), "the helper's directory of a dead rpod run");
    assert!(live.exists(), "the helper's directory of a live process");
    env.rpod(["rm", "k"]).run().success();
    assert_eq!(container_dirs(&env), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&live);
}

#[test]
fn many_containers_stop_at_once() {
    let (env, image) = require!(setup(Env::rootless()));
    let names = ["s1", "s2", "s3", "s4"];
    let start_all = || {
        for n in names {
            env.rpod([
                "run",
                "-d",
                "--name",
                n,
                &image,
                "sh",
                "-c",
                "trap '' TERM; echo up; while :; do sleep 0.1; done",
            ])
            .run()
            .success();
        }
        for n in names {
            eventually("the trap to be set", || {
                env.rpod(["logs", n]).run().out() == "up"
            });
        }
    };
    start_all();
    let mut args = vec!["stop", "-t", "1"];
    args.extend(names);
    let out = env.rpod(args.clone()).run();
    out.success();
    assert_eq!(out.lines(), names, "{out}");
    for n in names {
        out.stderr_has(&format!(
            "StopSignal SIGTERM failed to stop container {n} in 1 seconds, resorting to SIGKILL"
        ));
        assert_eq!(
            inspect(&env, n, "{{.State.Status}} {{.State.ExitCode}}"),
            "exited 137"
        );
    }
    // rm -a with a --rm container among them, which removes itself.
    for n in names {
        env.rpod(["rm", n]).run().success();
    }
    start_all();
    env.rpod(["run", "-d", "--rm", "--name", "r", &image, "sleep", "1000"])
        .run()
        .success();
    env.rpod(["rm", "s1"]).run().code(2).stderr_has(
        "running or paused containers cannot be removed without force: container state improper",
    );
    let out = env.rpod(["rm", "-af", "-t", "1"]).run();
    out.success();
    assert_eq!(out.lines().len(), 5, "{out}");
    assert_eq!(env.rpod(["ps", "-aq"]).run().success().out(), "");
    assert_eq!(container_dirs(&env), Vec::<String>::new());
    // podman's exit codes for missing containers.
    env.rpod(["rm", "nosuch"])
        .run()
        .code(1)
        .stderr_has("no container with ID or name \"nosuch\" found: no such container");
    let out = env.rpod(["rm", "-f", "nosuch"]).run();
    assert_eq!(out.success().out(), "");
    assert_eq!(
        env.rpod(["wait", "--ignore", "nosuch"])
            .run()
            .success()
            .out(),
        "-1"
    );
}

#[test]
fn a_stopping_container_says_so_and_can_be_killed() {
    let (env, image) = require!(setup(Env::rootless()));
    env.rpod([
        "run",
        "-d",
        "--name",
        "slow",
        &image,
        "sh",
        "-c",
        "trap '' TERM; echo up; while :; do sleep 0.1; done",
    ])
    .run()
    .success();
    eventually("the trap to be set", || {
        env.rpod(["logs", "slow"]).run().out() == "up"
    });
    let stop = env.rpod(["stop", "-t", "600", "slow"]).spawn();
    eventually("the stopping state", || {
        inspect(&env, "slow", "{{.State.Status}}") == "stopping"
    });
    env.rpod(["exec", "slow", "true"])
        .run()
        .error125()
        .stderr_has("can only create exec sessions on running containers");
    env.rpod(["kill", "slow"]).run().success();
    let out = stop.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        inspect(&env, "slow", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
}
