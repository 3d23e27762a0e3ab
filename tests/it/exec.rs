//! `rpod internal exec --pid PID` (the runtime half of `rpod exec`): a
//! command run next to a container started with `rpod run` sees the same
//! host name, processes and files, runs under the container's security
//! settings, and exits with its own code.

use std::path::Path;
use std::process::Child;
use std::time::Duration;

use crate::harness::{kill_group, rpod_bin, wait_for_descendant, Env, Output, Terminal};
use crate::pull::pull;
use crate::registry;

/// A container running `sleep 60` in the background, killed on drop.
struct Running {
    child: Child,
    /// Host pid of the container's PID 1.
    pid: u32,
}

impl Drop for Running {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.wait();
    }
}

fn setup(rootful: bool) -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = if rootful {
        Env::rootful()?
    } else {
        Env::rootless()?
    };
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    Some((env, image))
}

/// Starts `rpod run --rm --hostname exectest IMAGE sleep 60` and finds its PID 1
/// (the `sleep` under the `rpod run` process).
fn start(env: &Env, image: &str) -> Running {
    let child = env
        .rpod([
            "run",
            "--rm",
            "--hostname",
            "exectest",
            image,
            "sleep",
            "60",
        ])
        .spawn();
    let root = child.id();
    let mut running = Running { child, pid: 0 };
    match wait_for_descendant(root, "sleep 60") {
        Some(pid) => running.pid = pid,
        None => {
            kill_group(root);
            let out = running.child.wait_with_output_lossy();
            panic!("the container's sleep did not start\n{out}");
        }
    }
    running
}

/// What a spawned `rpod run` printed, for failure messages.
trait LossyOutput {
    fn wait_with_output_lossy(&mut self) -> String;
}

impl LossyOutput for Child {
    fn wait_with_output_lossy(&mut self) -> String {
        use std::io::Read;
        let mut s = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        let _ = self.wait();
        s
    }
}

/// `rpod internal exec --pid PID FLAGS... -- ARGS...`
fn exec(env: &Env, c: &Running, flags: &[&str], args: &[&str]) -> Output {
    let mut cmd = env.rpod(["internal", "exec", "--pid", &c.pid.to_string()]);
    cmd.args(flags).arg("--").args(args);
    cmd.timeout(Duration::from_secs(60)).run()
}

fn exec_sees_the_container(env: &Env, c: &Running) {
    let out = exec(env, c, &[], &["busybox", "hostname"]);
    out.success();
    assert_eq!(out.out(), "exectest", "{out}");
    let out = exec(env, c, &[], &["cat", "/proc/1/cmdline"]);
    out.success();
    assert_eq!(out.stdout, "sleep\u{0}60\u{0}", "{out}");
    // Same root: a file written by one exec is seen by the next, not on the host.
    let marker = "/rpod-exec-marker";
    exec(env, c, &[], &["sh", "-c", &format!("echo hi > {marker}")]).success();
    let out = exec(env, c, &[], &["cat", marker]);
    out.success();
    assert_eq!(out.out(), "hi", "{out}");
    assert!(!Path::new(marker).exists(), "{marker} appeared on the host");
    // The host's files are not visible (the test dir exists on the host).
    exec(env, c, &[], &["test", "-e", &env.dir.display().to_string()]).code(1);
    exec(env, c, &[], &["test", "-e", "/bin/busybox"]).success();
}

#[test]
fn exec_joins_the_running_container() {
    let (env, image) = require!(setup(false));
    let c = start(&env, &image);
    exec_sees_the_container(&env, &c);
    // Same user namespace: root in the container is the test user.
    let user = crate::harness::rootless_user().expect("rootless user");
    let out = exec(&env, &c, &[], &["cat", "/proc/self/uid_map"]);
    out.success();
    let first: Vec<&str> = out.lines()[0].split_whitespace().collect();
    assert_eq!(first, ["0", user.uid.to_string().as_str(), "1"], "{out}");
    // Same security settings as `run`: seccomp filter, podman's capabilities.
    let out = exec(
        &env,
        &c,
        &[],
        &["grep", "-E", "^(Seccomp|CapEff):", "/proc/self/status"],
    );
    out.success();
    let fields: Vec<String> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(fields, ["CapEff: 00000000800405fb", "Seccomp: 2"], "{out}");
    let out = exec(
        &env,
        &c,
        &["--privileged"],
        &["grep", "^Seccomp:", "/proc/self/status"],
    );
    out.success();
    assert_eq!(
        out.out().split_whitespace().collect::<Vec<_>>(),
        ["Seccomp:", "0"],
        "{out}"
    );
    // The environment is the container's.
    let out = exec(&env, &c, &[], &["env"]);
    out.success();
    assert!(out.lines().contains(&"HOSTNAME=exectest"), "{out}");
    assert!(out.lines().contains(&"container=podman"), "{out}");
}

#[test]
fn exec_exit_codes() {
    let (env, image) = require!(setup(false));
    let c = start(&env, &image);
    exec(&env, &c, &[], &["true"]).success();
    exec(&env, &c, &[], &["sh", "-c", "exit 42"]).code(42);
    exec(&env, &c, &[], &["nosuchcmd"])
        .code(127)
        .stderr_has("nosuchcmd");
    exec(&env, &c, &[], &["/etc/passwd"]).code(126);
    exec(&env, &c, &["-w", "/nonexistent"], &["true"])
        .error125()
        .stderr_has("/nonexistent");
    exec(&env, &c, &["-u", "nosuchuser"], &["true"])
        .error125()
        .stderr_has("nosuchuser");
    // A pid that cannot exist (above any pid_max).
    env.rpod(["internal", "exec", "--pid", "2147483647", "--", "true"])
        .run()
        .error125()
        .stderr_has("container is not running");
}

#[test]
fn exec_user_workdir_env() {
    let (env, image) = require!(setup(false));
    let c = start(&env, &image);
    let out = exec(&env, &c, &["-u", "nobody"], &["sh", "-c", "id -u; id -g"]);
    out.success();
    assert_eq!(out.lines(), ["65534", "65534"], "{out}");
    let out = exec(&env, &c, &["-u", "1000:1000"], &["id", "-u"]);
    out.success();
    assert_eq!(out.out(), "1000", "{out}");
    let out = exec(&env, &c, &["-w", "/tmp"], &["sh", "-c", "pwd"]);
    out.success();
    assert_eq!(out.out(), "/tmp", "{out}");
    let out = exec(
        &env,
        &c,
        &["-e", "X=1", "--env", "HOSTNAME=other"],
        &["sh", "-c", "echo $X $HOSTNAME"],
    );
    out.success();
    assert_eq!(out.out(), "1 other", "{out}");
}

#[test]
fn exec_interactive_tty_and_detach() {
    let (env, image) = require!(setup(false));
    let c = start(&env, &image);
    let out = env
        .rpod([
            "internal",
            "exec",
            "-i",
            "--pid",
            &c.pid.to_string(),
            "--",
            "cat",
        ])
        .stdin("data\n")
        .run();
    out.success();
    assert_eq!(out.out(), "data", "{out}");
    // Without -i stdin is /dev/null.
    let out = env
        .rpod(["internal", "exec", "--pid", &c.pid.to_string(), "--", "cat"])
        .stdin("data\n")
        .run();
    out.success();
    assert_eq!(out.out(), "", "{out}");

    // -t: a pty from the container's devpts, relayed through a real one.
    let line = env.rpod_line(&format!(
        "internal exec -t --pid {} -- sh -c 'busybox tty; exit 3'",
        c.pid
    ));
    let out = require!(Terminal::start(&env, &line)).finish();
    out.code(3);
    assert!(
        regex::Regex::new(r"^/dev/pts/\d+$")
            .unwrap()
            .is_match(out.out()),
        "{out}"
    );

    let out = exec(&env, &c, &["-d"], &["sh", "-c", "echo detached > /tmp/d"]);
    out.success();
    assert!(out.out().parse::<u32>().is_ok(), "-d prints a pid\n{out}");
    crate::harness::eventually("the detached exec's file", || {
        let out = exec(&env, &c, &[], &["cat", "/tmp/d"]);
        out.code == 0 && out.out() == "detached"
    });
}

#[test]
fn exec_forwards_signals() {
    let (env, image) = require!(setup(false));
    let c = start(&env, &image);
    let mut cmd = env.rpod(["internal", "exec", "--pid", &c.pid.to_string()]);
    cmd.args(["--", "sleep", "30"]);
    let running = cmd.start();
    let group = running.pid();
    // The exec'd sleep is the `rpod internal exec` process's child.
    let rpod = wait_for_descendant(group, &format!("{} ", rpod_bin().display()));
    let sleeper = rpod.and_then(|p| wait_for_descendant(p, "sleep 30"));
    let (Some(rpod), Some(_)) = (rpod, sleeper) else {
        panic!("exec'd sleep not found under {group}");
    };
    let _ = std::process::Command::new("kill")
        .args(["-s", "TERM", &rpod.to_string()])
        .status();
    let out = running.finish(Duration::from_secs(60));
    assert_eq!(out.code, 143, "SIGTERM not forwarded\n{out}");
}

#[test]
fn rootful_exec() {
    let (env, image) = require!(setup(true));
    let c = start(&env, &image);
    exec_sees_the_container(&env, &c);
    let out = exec(&env, &c, &["-u", "nobody"], &["id", "-u"]);
    out.success();
    assert_eq!(out.out(), "65534", "{out}");
}

#[test]
fn exec_under_init_takes_the_containers_env_and_user() {
    let (env, image) = require!(setup(false));
    env.rpod([
        "run",
        "-d",
        "--init",
        "--name",
        "i",
        "-u",
        "1000:1000",
        "-e",
        "FOO=bar",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    // PID 1 is the init (root); exec's defaults are the container's
    // command's, as podman.
    let out = env
        .rpod(["exec", "i", "sh", "-c", "id -u; id -g; env"])
        .run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines[..2], ["1000", "1000"], "{out}");
    assert!(lines.contains(&"FOO=bar"), "{out}");
    assert!(
        !lines.iter().any(|l| l.starts_with("XDG_RUNTIME_DIR=")),
        "the host's environment leaked into exec\n{out}"
    );
    env.rpod(["rm", "-f", "-t", "0", "i"]).run().success();
}
