//! `rpod run` in the foreground: output, exit codes, isolation as the
//! container sees it, a real terminal, signals, and nothing left behind.

use crate::harness::{rpod_bin, wait_for_descendant, Env, Terminal};
use crate::pull::pull;
use crate::registry::{self, Shared};

fn setup(rootful: bool) -> Option<(Env, &'static Shared, String)> {
    let shared = registry::plain()?;
    let env = if rootful {
        Env::rootful()?
    } else {
        Env::rootless()?
    };
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    Some((env, shared, image))
}

fn containers_left(env: &Env) -> Vec<String> {
    let dir = env.root().join("containers");
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn run_echo_prints_and_leaves_nothing(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    let out = env.rpod(["run", "--rm", &image, "echo", "hello"]).run();
    out.success();
    assert_eq!(out.out(), "hello", "{out}");
    assert!(
        containers_left(&env).is_empty(),
        "container dirs left: {:?}",
        containers_left(&env)
    );
}

fn run_exit_codes(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    env.rpod(["run", "--rm", &image, "sh", "-c", "exit 42"])
        .run()
        .code(42);
    env.rpod(["run", "--rm", &image, "false"]).run().code(1);
    env.rpod(["run", "--rm", &image, "nosuchcmd"])
        .run()
        .code(127)
        .stderr_has("nosuchcmd");
    env.rpod(["run", "--rm", &image, "/etc/passwd"])
        .run()
        .code(126);
    // A network that does not exist, in podman's words.
    env.rpod(["run", "--rm", "--network", "bogus", &image, "true"])
        .run()
        .error125()
        .stderr_has("unable to find network with name or ID bogus: network not found");
    assert!(containers_left(&env).is_empty());
}

fn run_isolation_as_the_container_sees_it(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    let script = "cat /proc/self/uid_map; echo host=$(busybox hostname); busybox ps -o pid,args; grep -E \" /proc/(timer_list|keys) \" /proc/self/mountinfo | cut -d\" \" -f5 | sed s/^/masked=/";
    let out = env.rpod(["run", "--rm", &image, "sh", "-c", script]).run();
    out.success();
    let text = out.out();
    let first: Vec<&str> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    if rootful {
        // Root's containers keep the host's ids.
        assert_eq!(first, ["0", "0", "4294967295"], "{out}");
    } else {
        // Container root is the user; 1..N are the subordinate range.
        let user = crate::harness::rootless_user().expect("rootless user");
        assert_eq!(first, ["0", user.uid.to_string().as_str(), "1"], "{out}");
        assert!(
            text.lines()
                .nth(1)
                .is_some_and(|l| l.split_whitespace().next() == Some("1")),
            "no subordinate range mapped\n{out}"
        );
    }
    let host = text
        .lines()
        .find_map(|l| l.strip_prefix("host="))
        .unwrap_or_default();
    assert!(
        host.len() == 12 && host.bytes().all(|b| b.is_ascii_hexdigit()),
        "hostname {host:?}\n{out}"
    );
    // The command is PID 1 and only the container's processes are visible.
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("sh -c")),
        "PID 1 is not the command\n{out}"
    );
    // podman's masked paths are mounts over the files (they read as empty);
    // /proc/kcore, the usual example, does not exist on every kernel.
    for path in ["/proc/timer_list", "/proc/keys"] {
        assert!(
            text.lines().any(|l| l == format!("masked={path}")),
            "{path} is not masked\n{out}"
        );
    }
    // The default seccomp filter is on and the capabilities are podman's set.
    let out = env
        .rpod([
            "run",
            "--rm",
            &image,
            "grep",
            "-E",
            "^(Seccomp|CapEff):",
            "/proc/self/status",
        ])
        .run();
    out.success();
    let status: Vec<String> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(status, ["CapEff: 00000000800405fb", "Seccomp: 2"], "{out}");
    // podman's profile leaves user namespaces to the kernel: a nested one
    // can be made, with the filter and without it (--privileged). What the
    // profile refuses is checked syscall by syscall in boundary.rs.
    for opts in [&[][..], &["--privileged"][..]] {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(opts);
        args.extend_from_slice(&[image.as_str(), "busybox", "unshare", "-r", "true"]);
        env.rpod(args).run().success();
    }
    // Only the container's own processes: `ps` as PID 1 sees itself alone.
    let out = env
        .rpod(["run", "--rm", &image, "busybox", "ps", "-o", "pid,args"])
        .run();
    out.success();
    let rows: Vec<&str> = out.lines().into_iter().skip(1).collect();
    assert_eq!(rows.len(), 1, "host processes visible\n{out}");
    assert!(rows[0].trim_start().starts_with("1 "), "{out}");
}

fn run_writes_vanish_and_read_only_refuses(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    env.rpod([
        "run",
        "--rm",
        &image,
        "sh",
        "-c",
        "echo x > /newfile && cat /newfile",
    ])
    .run()
    .success();
    env.rpod(["run", "--rm", &image, "ls", "/newfile"])
        .run()
        .code(1);
    env.rpod(["run", "--rm", "--read-only", &image, "touch", "/x"])
        .run()
        .code(1)
        .stderr_has("Read-only file system");
}

fn run_interactive_pipes_stdin(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    let out = env
        .rpod(["run", "--rm", "-i", &image, "cat"])
        .stdin("data\n")
        .run();
    out.success();
    assert_eq!(out.out(), "data", "{out}");
}

fn run_env_workdir_user_and_entrypoint(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    let out = env
        .rpod([
            "run",
            "--rm",
            "-e",
            "A=1",
            "-w",
            "/tmp",
            "-u",
            "1000:1000",
            "--entrypoint",
            "sh",
            &image,
        ])
        .args(["-c", "echo $A; pwd; id -u; id -g"])
        .run();
    out.success();
    assert_eq!(out.lines(), ["1", "/tmp", "1000", "1000"], "{out}");
}

#[test]
fn rootful_run() {
    let (env, _s, image) = require!(setup(true));
    let out = env
        .rpod(["run", "--rm", &image, "sh", "-c", "id -u; echo ok"])
        .run();
    out.success();
    assert_eq!(out.lines(), ["0", "ok"], "{out}");
    assert!(containers_left(&env).is_empty());
}

#[test]
fn run_forwards_sigterm_to_the_container() {
    let (env, _s, image) = require!(setup(false));
    for args in [
        vec!["run", "--rm", "--init", image.as_str(), "sleep", "30"],
        vec![
            "run",
            "--rm",
            image.as_str(),
            "sh",
            "-c",
            "trap 'exit 143' TERM; sleep 30 & wait",
        ],
    ] {
        let running = env.rpod(&args).start();
        let rpod = wait_for_descendant(running.pid(), &format!("{} ", rpod_bin().display()))
            .expect("rpod under runuser");
        // The container's `sleep 30` runs once the init (or the trap) is in
        // place: then terminate rpod as a user would.
        wait_for_descendant(rpod, "sleep 30").expect("the container's sleep");
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &rpod.to_string()])
            .status();
        let out = running.finish(std::time::Duration::from_secs(60));
        assert_eq!(out.code, 143, "{args:?}\n{out}");
    }
    assert!(containers_left(&env).is_empty());
}

#[test]
fn run_it_terminal_ctrl_c_and_raw_mode() {
    let (env, _s, image) = require!(setup(false));
    let run = env.rpod_line(&format!("run --rm -it {image} sh"));
    // The terminal's settings before and after, around the run: raw mode
    // must be undone. Inside: ctrl-c interrupts a long sleep but not the
    // shell, which goes on to report its terminal and exit with 3.
    let inner = format!(
        "stty -g > /tmp/before.$$; {run}; c=$?; stty -g | cmp -s - /tmp/before.$$ && echo restored; rm /tmp/before.$$; exit $c"
    );
    let mut term = require!(Terminal::start(&env, &inner));
    term.expect("/ # ");
    term.send("sleep 100\n");
    wait_for_descendant(term.pid(), "sleep 100").expect("the container's sleep");
    term.send("\u{3}");
    term.expect_times("/ # ", 2);
    term.send("echo after-$((1+1)) $(tty)\n");
    term.expect("after-2 /dev/pts/0");
    term.send("exit 3\n");
    let out = term.finish();
    out.code(3);
    assert!(out.stdout.contains("after-2 /dev/pts/0"), "{out}");
    assert!(out.stdout.contains("restored"), "{out}");
    assert!(containers_left(&env).is_empty());
}

/// Each run test, rootless (as the test user) and rootful (as root).
macro_rules! both_modes {
    ($($name:ident),* $(,)?) => {
        mod rootless {
            $(#[test]
            fn $name() {
                super::$name(false)
            })*
        }
        mod rootful {
            $(#[test]
            fn $name() {
                super::$name(true)
            })*
        }
    };
}

both_modes!(
    run_echo_prints_and_leaves_nothing,
    run_exit_codes,
    run_isolation_as_the_container_sees_it,
    run_writes_vanish_and_read_only_refuses,
    run_interactive_pipes_stdin,
    run_env_workdir_user_and_entrypoint,
);

/// `--shm-size` sizes /dev/shm, `--sysctl` sets namespaced parameters in
/// the container's own namespaces (the host's stay as they were), both
/// shown by inspect; a parameter outside a namespace, or a `net.*` one in
/// the host's network, is refused with 125.
fn shm_size_and_sysctls(rootful: bool) {
    let (env, _s, image) = require!(setup(rootful));
    let host_start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .unwrap()
        .trim()
        .to_string();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--shm-size",
            "128m",
            "--sysctl",
            "net.ipv4.ip_unprivileged_port_start=77",
            "--sysctl",
            "kernel.shmmax=123456",
            &image,
            "sh",
            "-c",
            "cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shmmax; df -k /dev/shm | tail -1",
        ])
        .run();
    out.success();
    let lines = out.lines();
    assert_eq!(&lines[..2], ["77", "123456"], "{out}");
    let shm: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(shm[1], "131072", "{out}");
    assert_eq!(
        std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
            .unwrap()
            .trim(),
        host_start
    );
    // On a user-defined network too (the holder made its namespace).
    env.rpod(["network", "create", "sysnet"]).run().success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "sysnet",
            "--sysctl",
            "net.ipv4.ip_unprivileged_port_start=78",
            &image,
            "cat",
            "/proc/sys/net/ipv4/ip_unprivileged_port_start",
        ])
        .run();
    assert_eq!(out.success().out(), "78", "{out}");
    env.rpod(["network", "rm", "sysnet"]).run().success();
    // The default: podman's 65536000 bytes.
    let out = env
        .rpod([
            "run",
            "--rm",
            &image,
            "sh",
            "-c",
            "df -k /dev/shm | tail -1",
        ])
        .run();
    out.success();
    assert_eq!(out.out().split_whitespace().nth(1), Some("64000"), "{out}");

    env.rpod([
        "create",
        "--name",
        "sys",
        "--shm-size",
        "1g",
        "--sysctl",
        "net.core.somaxconn=1024",
        &image,
    ])
    .run()
    .success();
    let host = env.rpod(["inspect", "sys"]).run().json()[0]["HostConfig"].clone();
    assert_eq!(host["ShmSize"], 1u64 << 30, "{host}");
    assert_eq!(host["Sysctls"]["net.core.somaxconn"], "1024", "{host}");

    env.rpod(["run", "--rm", "--sysctl", "kernel.panic=1", &image, "true"])
        .run()
        .error125()
        .stderr_has("--sysctl kernel.panic=1: sysctl \"kernel.panic\" is not allowed");
    env.rpod([
        "run",
        "--rm",
        "--network",
        "host",
        "--sysctl",
        "net.ipv4.ip_forward=1",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("sysctl net.ipv4.ip_forward=1 can't be set since Network Namespace set to host");
    env.rpod(["run", "--rm", "--shm-size", "lots", &image, "true"])
        .run()
        .error125()
        .stderr_has("--shm-size");
}

#[test]
fn rootless_shm_size_and_sysctls() {
    shm_size_and_sysctls(false);
}

#[test]
fn rootful_shm_size_and_sysctls() {
    shm_size_and_sysctls(true);
}

/// `--env-host` passes rpod's environment (the image's loses, `-e` wins),
/// `--unsetenv`/`--unsetenv-all` leave defaults out, `--label-file` reads
/// labels (`--label` wins), `--annotation` (not in rpod's own namespace),
/// `--dns-option` replaces resolv.conf's options.
#[test]
fn env_host_unsetenv_and_label_file() {
    let (env, _s, image) = require!(setup(false));
    let out = env
        .rpod(["run", "--rm", "--env-host", "-e", "FROM_FLAG=flag"])
        .env("HOST_ONLY", "from-host")
        .env("FROM_FLAG", "host-loses")
        .args([&image, "/bin/sh", "-c", "echo $HOST_ONLY $FROM_FLAG"])
        .run();
    assert_eq!(out.success().out(), "from-host flag", "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--unsetenv",
            "HOSTNAME",
            "--unsetenv",
            "container",
        ])
        .args([&image, "/bin/env"])
        .run();
    out.success();
    let names: Vec<&str> = out
        .lines()
        .iter()
        .map(|l| l.split('=').next().unwrap_or(""))
        .collect();
    assert!(
        !names.contains(&"HOSTNAME") && !names.contains(&"container"),
        "{out}"
    );
    assert!(names.contains(&"HOME") && names.contains(&"PATH"), "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--unsetenv-all",
            "-e",
            "ONLY=me",
            &image,
            "/bin/env",
        ])
        .run();
    assert_eq!(out.success().out(), "ONLY=me", "{out}");
    let labels = env.write_file(
        &env.dir.join("labels"),
        "# comment\napp=web\ntier=front\n\n",
    );
    env.rpod(["create", "--name", "lab", "--label-file"])
        .arg(&labels)
        .args(["--label", "tier=back", &image])
        .run()
        .success();
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{.Config.Labels.app}} {{.Config.Labels.tier}}",
            "lab",
        ])
        .run();
    assert_eq!(out.success().out(), "web back", "{out}");
    env.rpod([
        "create",
        "--name",
        "ann",
        "--annotation",
        "org.example/team=core",
        &image,
    ])
    .run()
    .success();
    let out = env
        .rpod(["inspect", "--format", "{{json .Config.Annotations}}", "ann"])
        .run();
    assert_eq!(
        out.success().out(),
        r#"{"org.example/team":"core"}"#,
        "{out}"
    );
    env.rpod(["create", "--annotation", "io.rpod.init=true", &image])
        .run()
        .error125()
        .stderr_has("the io.rpod. prefix is rpod's own");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--dns-option",
            "ndots:3",
            "--dns-opt",
            "edns0",
        ])
        .args([&image, "grep", "^options", "/etc/resolv.conf"])
        .run();
    assert_eq!(out.success().out(), "options ndots:3 edns0", "{out}");
    env.rpod(["create", "--label-file", "/nonexistent/labels", &image])
        .run()
        .error125()
        .stderr_has("--label-file /nonexistent/labels");
}

/// `run` pulls a missing image with `pull`'s flags: `--tls-verify=false`
/// reaches the plain-HTTP registry (no registries.conf entry for it), `-q`
/// leaves only the container's output, `--authfile` must exist (podman's
/// 125 at once).
#[test]
fn run_pulls_quietly_with_pull_flags() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = shared.reference("busybox:latest");
    let out = env
        .rpod([
            "run",
            "--rm",
            "-q",
            "--tls-verify=false",
            &image,
            "echo",
            "hi",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "hi", "{out}");
    assert!(
        !out.stderr.contains("Trying to pull") && !out.stderr.contains("Copying blob"),
        "{out}"
    );
    // Without -q the pull's progress shows (so the check above can fail).
    let loud = require!(Env::rootless());
    let out = loud
        .rpod(["run", "--rm", "--tls-verify=false", &image, "echo", "hi"])
        .run();
    out.success().stderr_has("Copying blob");
    env.rpod([
        "run",
        "--rm",
        "--authfile",
        "/nonexistent/auth.json",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("/nonexistent/auth.json: no such file or directory");
}
