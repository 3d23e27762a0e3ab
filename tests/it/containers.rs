//! Container records and detached containers: create/start/ps/inspect/rm,
//! names, `run -d` under a monitor, logs, stop/kill/wait, restart policies,
//! `--rm`, and the fault cases (monitor killed), as the unprivileged user.

use std::time::Duration;

use crate::harness::{alive, columns, eventually, is_hex, Env, Terminal};
use crate::pull::busybox_env as setup;
use crate::pull::pull;
use crate::registry;

fn container_dirs(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.root().join("containers"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().to_string()
}

#[test]
fn create_start_ps_inspect_logs_rm() {
    let (env, image) = require!(setup());
    let out = env
        .rpod([
            "create",
            "--name",
            "c",
            &image,
            "sh",
            "-c",
            "echo hi; echo oops >&2; exit 3",
        ])
        .run();
    out.success();
    let id = out.out().to_string();
    assert!(is_hex(&id, 64), "{out}");

    let ps = env.rpod(["ps", "-a"]).run();
    ps.success();
    let lines = ps.lines();
    assert_eq!(
        columns(lines[0]),
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES"
        ],
        "{ps}"
    );
    let row = columns(lines[1]);
    assert_eq!(row[0], id[..12], "{ps}");
    assert!(row.contains(&"Created".to_string()), "{ps}");
    assert_eq!(row.last().map(String::as_str), Some("c"), "{ps}");
    // Not running: plain `ps` lists nothing but the header.
    assert_eq!(env.rpod(["ps"]).run().lines().len(), 1);

    let start = env.rpod(["start", "-a", "c"]).run();
    start.code(3);
    assert_eq!(start.out(), "hi", "{start}");
    start.stderr_has("oops");
    assert_eq!(
        inspect(&env, "c", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 3"
    );
    let ps = env
        .rpod(["ps", "-a", "--format", "{{.Names}}|{{.Status}}"])
        .run();
    assert!(ps.out().starts_with("c|Exited (3) "), "{ps}");

    let logs = env.rpod(["logs", "c"]).run();
    logs.success();
    assert_eq!(logs.out(), "hi", "{logs}");
    logs.stderr_has("oops");
    // The log file is podman's k8s-file format.
    let raw = std::fs::read_to_string(env.root().join("containers").join(&id).join("ctr.log"))
        .expect("log file");
    let re = regex::Regex::new(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}([+-]\d\d:\d\d|Z) (stdout|stderr) F (hi|oops)$",
    )
    .unwrap();
    assert_eq!(raw.lines().count(), 2, "{raw}");
    for l in raw.lines() {
        assert!(re.is_match(l), "not k8s-file: {l:?}");
    }

    let j = env.rpod(["container", "inspect", &id[..8]]).run().json();
    assert_eq!(j[0]["Name"], "c");
    assert_eq!(j[0]["Id"], id.as_str());
    assert_eq!(j[0]["Config"]["Cmd"][0], "sh");
    assert_eq!(j[0]["State"]["Running"], false);

    env.rpod(["container", "exists", "c"]).run().code(0);
    env.rpod(["rm", "c"]).run().success();
    env.rpod(["container", "exists", "c"]).run().code(1);
    assert!(env.rpod(["ps", "-aq"]).run().out().is_empty());
    assert!(
        container_dirs(&env).is_empty(),
        "{:?}",
        container_dirs(&env)
    );
}

#[test]
fn names_are_unique_generated_and_renamable() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "same", &image, "true"])
        .run()
        .success();
    env.rpod(["create", "--name", "same", &image, "true"])
        .run()
        .error125()
        .stderr_has("already in use");
    env.rpod(["create", "--name=-bad", &image, "true"])
        .run()
        .error125()
        .stderr_has("invalid container name");
    let id = env.rpod(["create", &image, "true"]).run().out().to_string();
    let name = inspect(&env, &id, "{{.Name}}");
    assert!(
        regex::Regex::new(r"^[a-z]+_[a-z]+$")
            .unwrap()
            .is_match(&name),
        "generated name {name:?}"
    );
    env.rpod(["rename", &id, "renamed"]).run().success();
    assert_eq!(inspect(&env, "renamed", "{{.Id}}"), id);
    env.rpod(["rename", "renamed", "same"]).run().error125();
    // --replace takes the name over.
    let new = env
        .rpod(["create", "--replace", "--name", "same", &image, "true"])
        .run()
        .out()
        .to_string();
    assert_eq!(inspect(&env, "same", "{{.Id}}"), new);
    // podman's exit codes: 1 for a missing container; `-i` and `-f`
    // ignore it silently.
    env.rpod(["rm", "nosuch"])
        .run()
        .code(1)
        .stderr_is("Error: no container with ID or name \"nosuch\" found: no such container");
    for flag in ["-i", "-f"] {
        env.rpod(["rm", flag, "nosuch"])
            .run()
            .success()
            .stdout_is("")
            .stderr_is("");
    }
    // Several names: the missing one is reported, the others removed, exit 1.
    let gone = env.rpod(["create", &image, "true"]).run().out().to_string();
    env.rpod(["rm", "nosuch", &gone])
        .run()
        .code(1)
        .stdout_is(&gone)
        .stderr_is("Error: no container with ID or name \"nosuch\" found: no such container");
    env.rpod(["rm", "-a"]).run().success();
    assert!(
        container_dirs(&env).is_empty(),
        "{:?}",
        container_dirs(&env)
    );
}

#[test]
fn foreground_run_keeps_a_record_unless_rm() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "--name",
        "kept",
        &image,
        "sh",
        "-c",
        "echo out; exit 4",
    ])
    .run()
    .code(4)
    .stdout_has("out");
    assert_eq!(inspect(&env, "kept", "{{.State.ExitCode}}"), "4");
    assert_eq!(env.rpod(["logs", "kept"]).run().out(), "out");
    // A failed start of a --rm container leaves nothing; without --rm the
    // record stays as created, with the error.
    env.rpod(["run", "--rm", &image, "nosuchcmd"])
        .run()
        .code(127);
    env.rpod(["run", "--name", "bad", &image, "nosuchcmd"])
        .run()
        .code(127);
    assert_eq!(inspect(&env, "bad", "{{.State.Status}}"), "created");
    env.rpod(["run", "--rm", &image, "true"]).run().success();
    let names = env.rpod(["ps", "-a", "--format", "{{.Names}}"]).run();
    let mut names = names.lines();
    names.sort_unstable();
    assert_eq!(names, ["bad", "kept"]);
}

#[test]
fn detached_run_logs_stop_start_rm() {
    let (env, image) = require!(setup());
    let out = env
        .rpod([
            "run",
            "-d",
            "--name",
            "web",
            &image,
            "sh",
            "-c",
            // Notes SIGTERM in the log and goes on: only SIGKILL ends it.
            "trap 'echo got-term' TERM; echo started; while :; do sleep 0.1; done",
        ])
        .run();
    out.success();
    let id = out.out().to_string();
    assert!(is_hex(&id, 64), "{out}");
    let ps = env.rpod(["ps", "--format", "{{.Names}} {{.Status}}"]).run();
    assert!(ps.out().starts_with("web Up "), "{ps}");
    eventually("the log line", || {
        env.rpod(["logs", "web"]).run().out() == "started"
    });
    let pid: i64 = inspect(&env, "web", "{{.State.Pid}}").parse().unwrap();
    let monitor: i64 = inspect(&env, "web", "{{.State.ConmonPid}}")
        .parse()
        .unwrap();
    assert!(alive(pid) && alive(monitor), "pid {pid} monitor {monitor}");
    // The monitor is in its own session, not the CLI's.
    let stat = std::fs::read_to_string(format!("/proc/{monitor}/stat")).unwrap();
    let sid: i64 = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(sid, monitor, "monitor session");

    // A running container: exit 2 and podman's words.
    env.rpod(["rm", "web"]).run().code(2).stderr_is(&format!(
        "Error: cannot remove container {id} as it is running - running or paused containers cannot be removed without force: container state improper"
    ));
    // stop sends SIGTERM, which the container notes and survives; after
    // -t it sends SIGKILL: exit 137, with the note in the log.
    env.rpod(["stop", "-t", "1", "web"])
        .run()
        .success()
        .stdout_is("web");
    assert_eq!(
        inspect(&env, "web", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 137"
    );
    assert_eq!(
        env.rpod(["logs", "web"]).run().lines(),
        ["started", "got-term"]
    );
    assert!(!alive(pid) && !alive(monitor));

    // start again reuses the record (and its upper directory).
    env.rpod(["start", "web"]).run().success();
    assert_eq!(inspect(&env, "web", "{{.State.Status}}"), "running");
    eventually("the second start's log line", || {
        env.rpod(["logs", "web"]).run().lines() == ["started", "got-term", "started"]
    });
    let pid2: i64 = inspect(&env, "web", "{{.State.Pid}}").parse().unwrap();
    env.rpod(["kill", "-s", "KILL", "web"]).run().success();
    assert_eq!(env.rpod(["wait", "web"]).run().out(), "137");
    assert!(!alive(pid2));
    env.rpod(["rm", "web"]).run().success().stdout_is("web");
    assert_eq!(container_dirs(&env), Vec::<String>::new());
}

#[test]
fn detached_rm_restart_and_wait() {
    let (env, image) = require!(setup());
    // --rm: the record is gone once the container exits.
    let id = env
        .rpod(["run", "-d", "--rm", &image, "sleep", "1"])
        .run()
        .out()
        .to_string();
    assert!(is_hex(&id, 64));
    eventually("the --rm record to go", || {
        env.rpod(["container", "exists", &id]).run().code == 1
    });
    // wait prints the exit code.
    env.rpod([
        "run",
        "-d",
        "--name",
        "w",
        &image,
        "sh",
        "-c",
        "sleep 0.5; exit 5",
    ])
    .run()
    .success();
    assert_eq!(env.rpod(["wait", "w"]).run().out(), "5");
    // on-failure:2 restarts twice, then gives up.
    env.rpod([
        "run",
        "-d",
        "--name",
        "r",
        "--restart",
        "on-failure:2",
        &image,
        "sh",
        "-c",
        "echo try; exit 3",
    ])
    .run()
    .success();
    eventually("two restarts", || {
        inspect(&env, "r", "{{.State.Status}} {{.RestartCount}}") == "exited 2"
    });
    assert_eq!(inspect(&env, "r", "{{.State.ExitCode}}"), "3");
    assert_eq!(env.rpod(["logs", "r"]).run().lines(), ["try", "try", "try"]);
    env.rpod(["run", "--rm", "--restart", "always", &image, "true"])
        .run()
        .error125()
        .stderr_has("--rm");
    // A command that cannot run: the start error and its code.
    env.rpod(["run", "-d", "--name", "nf", &image, "nosuchcmd"])
        .run()
        .code(127)
        .stderr_has("nosuchcmd");
    env.rpod(["container", "prune", "-f"]).run().success();
    assert_eq!(env.rpod(["ps", "-aq"]).run().out(), "");
    assert_eq!(container_dirs(&env), Vec::<String>::new());
}

#[test]
fn killed_monitor_is_repaired() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "m", &image, "sleep", "60"])
        .run()
        .success();
    let pid: i64 = inspect(&env, "m", "{{.State.Pid}}").parse().unwrap();
    let monitor: i64 = inspect(&env, "m", "{{.State.ConmonPid}}").parse().unwrap();
    std::process::Command::new("kill")
        .args(["-9", &monitor.to_string()])
        .status()
        .unwrap();
    eventually("the monitor to die", || !alive(monitor));
    let ps = env
        .rpod(["ps", "-a", "--format", "{{.Names}} {{.State}}"])
        .run();
    assert_eq!(ps.out(), "m exited", "{ps}");
    eventually("the container to die", || !alive(pid));
    env.rpod(["rm", "m"]).run().success();
    assert_eq!(container_dirs(&env), Vec::<String>::new());
}

#[test]
fn fifty_detached_containers_leave_nothing() {
    let (env, image) = require!(setup());
    let mut pids = Vec::new();
    for i in 0..50 {
        env.rpod([
            "run",
            "-d",
            "--name",
            &format!("n{i}"),
            &image,
            "sleep",
            "120",
        ])
        .run()
        .success();
    }
    let ps = env.rpod(["ps", "-q"]).run();
    assert_eq!(ps.lines().len(), 50, "{ps}");
    for i in 0..50 {
        let name = format!("n{i}");
        pids.push(
            inspect(&env, &name, "{{.State.Pid}}")
                .parse::<i64>()
                .unwrap(),
        );
        pids.push(
            inspect(&env, &name, "{{.State.ConmonPid}}")
                .parse::<i64>()
                .unwrap(),
        );
    }
    env.rpod(["stop", "-a", "-t", "0"]).run().success();
    assert_eq!(env.rpod(["ps", "-q"]).run().out(), "");
    env.rpod(["rm", "-a"]).run().success();
    assert_eq!(env.rpod(["ps", "-aq"]).run().out(), "");
    assert_eq!(container_dirs(&env), Vec::<String>::new());
    let left: Vec<i64> = pids.into_iter().filter(|p| alive(*p)).collect();
    assert!(left.is_empty(), "processes left: {left:?}");
}

#[test]
fn logs_follow_tail_timestamps_since() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "l",
        &image,
        "sh",
        "-c",
        "for i in 1 2 3; do echo line$i; sleep 0.3; done; echo err >&2",
    ])
    .run()
    .success();
    // -f returns once the container exits, with every line.
    let f = env.rpod(["logs", "-f", "l"]).run();
    f.success();
    assert_eq!(f.lines(), ["line1", "line2", "line3"], "{f}");
    f.stderr_has("err");
    assert_eq!(
        env.rpod(["logs", "--tail", "1", "l"]).run().stderr.trim(),
        "err"
    );
    let t = env.rpod(["logs", "-t", "--tail", "2", "l"]).run();
    let re = regex::Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) line3$")
        .unwrap();
    assert!(t.lines().len() == 1 && re.is_match(t.lines()[0]), "{t}");
    assert_eq!(
        env.rpod(["logs", "--since", "1h", "l"]).run().lines().len(),
        3
    );
    // podman: a duration given to --until counts forward from now.
    assert_eq!(
        env.rpod(["logs", "--until", "1h", "l"])
            .run()
            .success()
            .lines(),
        ["line1", "line2", "line3"]
    );
    assert_eq!(
        env.rpod(["logs", "--until", "2000-01-01T00:00:00Z", "l"])
            .run()
            .success()
            .out(),
        ""
    );
    assert_eq!(
        env.rpod(["logs", "--since", "2099-01-01T00:00:00Z", "l"])
            .run()
            .out(),
        ""
    );
    env.rpod(["logs", "--since", "yesterday-ish", "l"])
        .run()
        .error125()
        .stderr_has("--since");
    // --log-driver none: nothing is logged.
    env.rpod([
        "run",
        "--name",
        "quiet",
        "--log-driver",
        "none",
        &image,
        "echo",
        "x",
    ])
    .run()
    .success()
    .stdout_is("x");
    assert_eq!(env.rpod(["logs", "quiet"]).run().out(), "");
}

#[test]
fn rmi_refuses_images_in_use() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "user", &image, "true"])
        .run()
        .success();
    env.rpod(["rmi", &image])
        .run()
        .code(2)
        .stderr_has("in use by a container");
    env.rpod(["image", "prune", "-af"]).run().success();
    env.rpod(["image", "exists", &image]).run().code(0);
    env.rpod(["rmi", "-f", &image]).run().success();
    env.rpod(["container", "exists", "user"]).run().code(1);
    env.rpod(["image", "exists", &image]).run().code(1);
}

#[test]
fn top_restart_and_pause() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "t",
        &image,
        "sh",
        "-c",
        "sleep 100 & exec sleep 200",
    ])
    .run()
    .success();
    eventually("two processes", || {
        env.rpod(["top", "t"]).run().lines().len() == 3
    });
    let top = env.rpod(["top", "t"]).run();
    let lines = top.lines();
    assert_eq!(
        columns(lines[0]),
        ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"],
        "{top}"
    );
    let first = columns(lines[1]);
    assert_eq!(
        (first[0].as_str(), first[1].as_str()),
        ("root", "1"),
        "{top}"
    );
    assert_eq!(first.last().map(String::as_str), Some("sleep 200"), "{top}");
    assert!(lines[2].ends_with("sleep 100"), "{top}");
    let pid: i64 = inspect(&env, "t", "{{.State.Pid}}").parse().unwrap();
    env.rpod(["restart", "-t", "0", "t"])
        .run()
        .success()
        .stdout_is("t");
    let pid2: i64 = inspect(&env, "t", "{{.State.Pid}}").parse().unwrap();
    assert!(pid2 != pid && alive(pid2) && !alive(pid), "{pid} -> {pid2}");
    // Rootless on this cgroup v1 machine there is no cgroup to freeze:
    // podman's error (resources.rs pauses for real as root).
    env.rpod(["pause", "t"])
        .run()
        .error125()
        .stderr_has("can not pause containers on rootless containers with cgroup V1");
    env.rpod(["rm", "-f", "t"]).run().success();
    env.rpod(["top", "t"])
        .run()
        .error125()
        .stderr_has("no such container");
}

#[test]
fn exec_by_name() {
    let (env, image) = require!(setup());
    let id = env
        .rpod([
            "run",
            "-d",
            "--name",
            "x",
            "-w",
            "/tmp",
            "-e",
            "FROM_RUN=1",
            &image,
            "sleep",
            "60",
        ])
        .run()
        .out()
        .to_string();
    let out = env
        .rpod([
            "exec",
            "x",
            "sh",
            "-c",
            "busybox hostname; pwd; echo $FROM_RUN $X",
        ])
        .run();
    out.success();
    assert_eq!(out.lines(), [&id[..12], "/tmp", "1"], "{out}");
    let out = env
        .rpod([
            "exec",
            "-e",
            "X=2",
            "-w",
            "/",
            "x",
            "sh",
            "-c",
            "pwd; echo $X",
        ])
        .run();
    assert_eq!(out.lines(), ["/", "2"], "{out}");
    env.rpod(["exec", "x", "sh", "-c", "exit 42"])
        .run()
        .code(42);
    env.rpod(["exec", "-l", "true"]).run().success();
    env.rpod(["stop", "-t", "0", "x"]).run().success();
    env.rpod(["exec", "x", "true"]).run().code(125).stderr_is(
        "Error: can only create exec sessions on running containers: container state improper",
    );
    env.rpod(["exec", "nosuch", "true"])
        .run()
        .code(125)
        .stderr_is("Error: no container with name or ID \"nosuch\" found: no such container");
}

#[test]
fn rootful_detached_lifecycle() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod([
        "run",
        "-d",
        "--name",
        "r",
        &image,
        "sh",
        "-c",
        "echo up; exec sleep 60",
    ])
    .run()
    .success();
    eventually("the log line", || {
        env.rpod(["logs", "r"]).run().out() == "up"
    });
    assert_eq!(
        env.rpod(["exec", "r", "cat", "/proc/1/cmdline"])
            .run()
            .stdout,
        "sleep\u{0}60\u{0}"
    );
    env.rpod(["stop", "-t", "0", "r"]).run().success();
    assert_eq!(inspect(&env, "r", "{{.State.Status}}"), "exited");
    env.rpod(["rm", "r"]).run().success();
    assert_eq!(container_dirs(&env), Vec::<String>::new());
}

#[test]
fn run_it_detach_keys_and_attach() {
    let (env, image) = require!(setup());
    let rpod = |args: &str| env.rpod_line(args);
    // A command typed into a real terminal once the container's shell
    // prompts, then ctrl-p ctrl-q once its output shows (rpod has the
    // terminal in raw mode by then: the line discipline would eat ctrl-q
    // as XON otherwise).
    let mut term = require!(Terminal::start(
        &env,
        &rpod(&format!("run -it --name s {image} sh"))
    ));
    term.expect("/ # ");
    term.send("echo hello-$((1+1))\n");
    term.expect("hello-2");
    term.send("\u{10}\u{11}");
    let out = term.finish();
    out.success();
    assert_eq!(inspect(&env, "s", "{{.State.Status}}"), "running", "{out}");
    eventually("the tty output in the log", || {
        env.rpod(["logs", "s"]).run().stdout.contains("hello-2")
    });
    // attach returns to it; the container's exit code comes back.
    let mut term = require!(Terminal::start(&env, &rpod("attach s")));
    term.send("echo again-$((2+2))\n");
    term.expect("again-4");
    term.send("exit 7\n");
    let out = term.finish();
    out.code(7);
    assert_eq!(
        inspect(&env, "s", "{{.State.Status}} {{.State.ExitCode}}"),
        "exited 7"
    );
    env.rpod(["attach", "s"])
        .run()
        .error125()
        .stderr_has("can only attach to running containers");
    // --rm with -it: the exit code survives the record.
    let term = require!(Terminal::start(
        &env,
        &rpod(&format!("run --rm -it {image} sh -c 'exit 9'"))
    ));
    term.finish().code(9);
    assert_eq!(env.rpod(["ps", "-aq"]).run().lines().len(), 1);
}

#[test]
fn killing_the_cli_group_leaves_the_container_running() {
    let (env, image) = require!(setup());
    let child = env
        .rpod([
            "run",
            "-d",
            "--name",
            "k",
            &image,
            "sh",
            "-c",
            "while true; do echo tick; sleep 0.1; done",
        ])
        .start();
    child.wait_for_stdout("\n", Duration::from_secs(60));
    // SIGKILL to the CLI's whole process group (runuser and rpod): the
    // monitor is in a session of its own and is not hit.
    crate::harness::kill_group(child.pid());
    let out = child.finish(Duration::from_secs(60));
    assert!(is_hex(out.out(), 64), "{out}");
    let lines = || env.rpod(["logs", "k"]).run().lines().len();
    let before = lines();
    eventually("more log lines", || lines() > before + 3);
    assert_eq!(inspect(&env, "k", "{{.State.Status}}"), "running");
    env.rpod(["rm", "-f", "k"]).run().success();
}

#[test]
fn log_max_size_rotates() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "chatty",
        "--log-opt",
        "max-size=4k",
        &image,
        "sh",
        "-c",
        "i=0; while [ $i -lt 400 ]; do i=$((i+1)); echo line-$i; done",
    ])
    .run()
    .success();
    env.rpod(["wait", "chatty"]).run().success();
    let path = inspect(&env, "chatty", "{{.LogPath}}");
    let size = std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .len();
    assert!(size <= 4096, "log of {size} bytes past max-size=4k");
    // The newest records are kept, the oldest rotated away.
    let out = env.rpod(["logs", "chatty"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines.last(), Some(&"line-400"), "{out}");
    assert!(!lines.contains(&"line-1"), "{out}");
    assert!(lines.len() < 400 && lines.len() > 10, "{out}");
    env.rpod(["rm", "chatty"]).run().success();
}

#[test]
fn several_attach_clients_and_start_a_of_a_running_container() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "m",
        &image,
        "sh",
        "-c",
        "while [ ! -e /tmp/go ]; do echo tick; sleep 0.1; done; echo fin-$((2+3)); exit 5",
    ])
    .run()
    .success();
    // Each client is connected once it has seen a tick; then the
    // container is told to finish.
    let clients: Vec<_> = (0..2)
        .map(|_| env.rpod(["attach", "--no-stdin", "m"]).start())
        .chain([env.rpod(["start", "-a", "m"]).start()])
        .collect();
    for c in &clients {
        c.wait_for_stdout("tick\n", Duration::from_secs(60));
    }
    env.rpod(["exec", "m", "touch", "/tmp/go"]).run().success();
    for c in clients {
        let out = c.finish(Duration::from_secs(60));
        out.code(5);
        let lines = out.lines();
        assert_eq!(lines.last(), Some(&"fin-5"), "{out}");
        assert!(
            lines[..lines.len() - 1].iter().all(|l| *l == "tick"),
            "{out}"
        );
    }
    env.rpod(["rm", "m"]).run().success();
}

#[test]
fn attach_follows_the_terminal_size() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-dit", "--name", "s", &image, "sh"])
        .run()
        .success();
    let attach = env.rpod_line("attach s");
    // In a real terminal of 21x77: attach (in the background, on the
    // terminal), ask the container's shell for its size; once the test
    // says so (a file), resize the terminal to 33x111 (the kernel sends
    // SIGWINCH to the foreground group, attach among it), ask again, then
    // detach.
    let go = env.dir.join("resize");
    let done = env.dir.join("resized");
    let inner = format!(
        "stty rows 21 cols 77; {attach} </dev/tty & while [ ! -e {go} ]; do sleep 0.05; done; \
         stty rows 33 cols 111; touch {done}; wait $!",
        go = go.display(),
        done = done.display()
    );
    let mut term = require!(Terminal::start(&env, &inner));
    term.send("stty size\n");
    term.expect("21 77");
    env.write_file(&go, "");
    crate::harness::eventually("the terminal to be resized", || done.exists());
    // The resize travels to the container beside the keys: ask until it
    // has arrived.
    crate::harness::eventually("the container to see 33 111", || {
        term.send("stty size\n");
        let seen = term.screen().contains("33 111");
        if !seen {
            std::thread::sleep(Duration::from_millis(200));
        }
        seen
    });
    term.send("\u{10}\u{11}");
    let out = term.finish();
    out.success();
    assert_eq!(inspect(&env, "s", "{{.State.Status}}"), "running");
    env.rpod(["rm", "-f", "s"]).run().success();
}

/// `start --all` and `start --filter` (podman's 045-start): every stopped
/// container, or those the filters pass, `restart-policy` among them.
#[test]
fn start_all_and_filtered() {
    let (env, image) = require!(setup());
    let id = |name: &str| {
        env.rpod(["create", "--name", name, "--net", "none"])
            .args(if name == "al" {
                &["--restart=always"][..]
            } else {
                &[]
            })
            .args([&image, "true"])
            .run()
            .success()
            .out()
            .to_string()
    };
    let (a, b) = (id("al"), id("pl"));
    let out = env
        .rpod(["start", "--filter", "restart-policy=always"])
        .run();
    out.success().stdout_is(&a);
    env.rpod(["start", "--filter", "restart-policy=none", "pl"])
        .run()
        .success()
        .stdout_is("pl");
    env.rpod(["wait", "pl"]).run().success();
    let out = env.rpod(["start", "--all"]).run();
    out.success();
    assert!(out.out().contains(&b), "{out}");
    env.rpod(["start", "--all", "pl"])
        .run()
        .error125()
        .stderr_is(
            "Error: either start all containers or the container(s) provided in the arguments",
        );
    env.rpod(["start", "--filter", "restart-policy=fakepolicy", "pl"])
        .run()
        .error125()
        .stderr_is("Error: fakepolicy invalid restart policy");
    env.rpod(["rm", "-f", "-t0", "al", "pl"]).run().success();
}

/// `kill -s` with podman's signal syntax, real-time signals included
/// (podman's 130-kill), and its messages for bad ones.
#[test]
fn kill_sends_named_numbered_and_realtime_signals() {
    let (env, image) = require!(setup());
    env.rpod([
        "run", "-d", "--name", "sig", "--net", "none", &image, "sh", "-c",
    ])
    .arg(
        "for i in 10 12 37 64; do trap \"echo got: $i\" $i; done; echo READY; \
             while ! test -e /stop; do sleep 0.1; done",
    )
    .run()
    .success();
    crate::harness::eventually("the traps are set", || {
        env.rpod(["logs", "sig"]).run().stdout.contains("READY")
    });
    for (flag, n) in [
        ("-SIGUSR1", 10),
        ("USR2", 12),
        ("SIGRTMIN+3", 37),
        ("64", 64),
    ] {
        env.rpod(["kill", "-s", flag, "sig"])
            .run()
            .success()
            .stdout_is("sig");
        crate::harness::eventually(&format!("the container got {n}"), || {
            env.rpod(["logs", "sig"])
                .run()
                .stdout
                .contains(&format!("got: {n}"))
        });
    }
    env.rpod(["kill", "-s", "BADSIG", "sig"])
        .run()
        .error125()
        .stderr_is("Error: invalid signal: BADSIG");
    env.rpod(["kill", "-s", "65", "sig"])
        .run()
        .error125()
        .stderr_is("Error: valid signals are 1 through 64");
    env.rpod(["pod", "kill", "-s", "0", "nosuchpod"])
        .run()
        .error125()
        .stderr_is("Error: invalid signal: 0");
    env.rpod(["rm", "-f", "-t0", "sig"]).run().success();
    // A killed container counts as stopped by its user: --restart=always
    // does not bring it back (podman's "kill - no restart").
    env.rpod([
        "run",
        "-d",
        "--name",
        "again",
        "--restart=always",
        "--net",
        "none",
        &image,
    ])
    .args([
        "sh",
        "-c",
        "trap 'exit 42' TERM; echo READY; while :; do sleep 0.2; done",
    ])
    .run()
    .success();
    let fmt = "{{.State.StoppedByUser}}";
    env.rpod(["inspect", "--format", fmt, "again"])
        .run()
        .success()
        .stdout_is("false");
    crate::harness::eventually("the trap is set", || {
        env.rpod(["logs", "again"]).run().stdout.contains("READY")
    });
    env.rpod(["kill", "-s=TERM", "again"]).run().success();
    env.rpod(["wait", "again"]).run().success().stdout_is("42");
    env.rpod([
        "inspect",
        "--format",
        "{{.State.StoppedByUser}} {{.State.Status}} {{.RestartCount}}",
        "again",
    ])
    .run()
    .success()
    .stdout_is("true exited 0");
    env.rpod(["rm", "again"]).run().success();
}

/// `inspect --size`: the writable layer's size and that plus the image's.
#[test]
fn inspect_size_counts_the_writable_layer() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--name", "big", "--net", "none", &image, "sh", "-c"])
        .arg("dd if=/dev/zero of=/blob bs=1k count=300 2>/dev/null")
        .run()
        .success();
    let out = env
        .rpod([
            "container",
            "inspect",
            "--size",
            "--format",
            "{{.SizeRw}} {{.SizeRootFs}}",
            "big",
        ])
        .run();
    out.success();
    let sizes: Vec<u64> = out.out().split(' ').map(|v| v.parse().unwrap()).collect();
    assert!(sizes[0] >= 300 * 1024 && sizes[0] < 400 * 1024, "{out}");
    assert!(sizes[1] > sizes[0], "{out}");
    // Without --size, no sizes (podman leaves them out).
    let v = env.rpod(["inspect", "big"]).run().json();
    assert!(v[0].get("SizeRw").is_none(), "{v}");
}

/// `ps --external` lists containers-storage's containers (buildah's
/// working containers) after rpod's own, as podman's: status `Storage`,
/// command `buildah`, the image's name from containers-storage; without
/// `--external` they are not listed.
#[test]
fn ps_external_lists_containers_storage_containers() {
    let env = require!(Env::rootless());
    let cs = env.root().parent().unwrap().join("cs-root");
    env.write_file(
        &cs.join("overlay-containers/containers.json"),
        r#"[{"id":"aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa1111bbbb2222","names":["working-ctr"],"image":"1234","layer":"x","metadata":"{\"Type\":\"buildah 0.0.1\"}","created":"2026-01-02T03:04:05Z"},
            {"id":"bbbb1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa1111bbbb2222","names":["other-tool"],"image":"","layer":"y","metadata":"","created":"2026-01-03T03:04:05Z"}]"#,
    );
    env.write_file(
        &cs.join("overlay-images/images.json"),
        r#"[{"id":"1234","names":["quay.io/libpod/testimage:20241011"]}]"#,
    );
    let conf = env.write_file(
        std::path::Path::new("storage-cs.conf"),
        &format!(
            "[storage]\ndriver = \"overlay\"\nrootless_storage_path = \"{}\"\n",
            cs.display()
        ),
    );
    let ps = |args: &[&str]| {
        let out = env
            .rpod([
                "ps",
                "-a",
                "--format",
                "{{.Names}}|{{.Status}}|{{.Command}}|{{.Image}}",
            ])
            .args(args)
            .env("CONTAINERS_STORAGE_CONF", conf.display().to_string())
            .run();
        out.success();
        out.out().to_string()
    };
    assert_eq!(
        ps(&["--external"]),
        "working-ctr|Storage|buildah|quay.io/libpod/testimage:20241011\nother-tool|Storage|storage|"
    );
    assert_eq!(ps(&[]), "");
    // Filters apply to them as podman's external filters do.
    let names = |filter: &str| {
        let out = env
            .rpod([
                "ps",
                "--external",
                "--format",
                "{{.Names}}",
                "--filter",
                filter,
            ])
            .env("CONTAINERS_STORAGE_CONF", conf.display().to_string())
            .run();
        out.success();
        out.out().to_string()
    };
    assert_eq!(names("name=working"), "working-ctr");
    assert_eq!(names("id=bbbb"), "other-tool");
    assert_eq!(names("command=storage"), "other-tool");
    assert_eq!(names("ancestor=testimage"), "working-ctr");
    assert_eq!(names("before=other-tool"), "working-ctr");
    assert_eq!(names("since=working-ctr"), "other-tool");
    assert_eq!(names("status=running"), "");
    let out = env
        .rpod(["ps", "--external", "--filter", "health=healthy"])
        .env("CONTAINERS_STORAGE_CONF", conf.display().to_string())
        .run();
    out.error125()
        .stderr_has("filter health is not applicable for external containers");
    // --format json lists them too, with rpod's keys.
    let out = env
        .rpod(["ps", "--external", "--format", "json"])
        .env("CONTAINERS_STORAGE_CONF", conf.display().to_string())
        .run();
    out.success();
    let v = out.json();
    let list = v.as_array().expect("a list");
    assert_eq!(list.len(), 2, "{v}");
    assert_eq!(list[0]["Names"][0], "working-ctr", "{v}");
    assert_eq!(list[0]["State"], "storage", "{v}");
    assert_eq!(list[0]["Command"][0], "buildah", "{v}");
    assert_eq!(list[1]["Id"].as_str().unwrap().len(), 64, "{v}");
    let out = env
        .rpod([
            "ps",
            "--external",
            "--format",
            "json",
            "--filter",
            "name=other",
        ])
        .env("CONTAINERS_STORAGE_CONF", conf.display().to_string())
        .run();
    out.success();
    assert_eq!(out.json().as_array().map(Vec::len), Some(1), "{out}");
}

/// `ps --filter should-start-on-boot`: containers that have run with
/// restart policy `always`, or `unless-stopped` and not stopped by the user
/// (podman's `ShouldStartOnBoot`); never-started ones are not.
#[test]
fn ps_filter_should_start_on_boot() {
    let (env, image) = require!(setup());
    let run = |name: &str, policy: &str| {
        env.rpod([
            "run",
            "-d",
            "--net",
            "none",
            "--name",
            name,
            "--restart",
            policy,
        ])
        .args([image.as_str(), "sleep", "1000"])
        .run()
        .success();
    };
    run("boot-always", "always");
    run("boot-unless", "unless-stopped");
    run("boot-stopped", "unless-stopped");
    run("boot-no", "no");
    env.rpod(["create", "--name", "boot-created", "--restart", "always"])
        .arg(&image)
        .run()
        .success();
    env.rpod(["stop", "-t", "0", "boot-stopped"])
        .run()
        .success();
    let names = |value: &str| {
        let out = env
            .rpod(["ps", "-a", "--format", "{{.Names}}", "--filter"])
            .arg(format!("should-start-on-boot={value}"))
            .run();
        out.success();
        let mut names: Vec<String> = out.lines().iter().map(|l| l.to_string()).collect();
        names.sort();
        names
    };
    assert_eq!(names("true"), ["boot-always", "boot-unless"]);
    assert_eq!(names("0"), ["boot-created", "boot-no", "boot-stopped"]);
    env.rpod(["ps", "--filter", "should-start-on-boot=maybe"])
        .run()
        .error125()
        .stderr_has("parsing \"maybe\": invalid syntax");
    env.rpod([
        "rm",
        "-f",
        "-t0",
        "boot-always",
        "boot-unless",
        "boot-stopped",
        "boot-no",
        "boot-created",
    ])
    .run()
    .success();
}
