//! The container's descriptors as issue 17 asks for them: `--log-driver
//! passthrough` (the caller's own stdio, no log, no attach), `--preserve-fd`
//! and `--preserve-fds` for `run` and `exec`, and `exec`'s `--cidfile`,
//! `--no-session` and `--detach-keys`; with podman's refusals.

use std::path::Path;

use crate::harness::{Env, Terminal};
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().trim().to_string()
}

#[test]
fn passthrough_hands_the_callers_stdio_to_the_container() {
    let (env, image) = require!(setup());
    // The container's stdout is the very pipe the caller writes to (the
    // same inode), and its stdin is the caller's even without -i.
    let line = env.rpod_line(&format!(
        "run --log-driver passthrough {image} sh -c 'readlink /proc/self/fd/1; cat; echo to-stderr >&2'"
    ));
    let out = env
        .cmd("sh")
        .args(["-c", &format!("readlink /proc/self/fd/1; {line}")])
        .stdin("from-stdin\n")
        .run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("pipe:["), "{out}");
    assert_eq!(
        lines[0], lines[1],
        "the container's fd 1 is the caller's: {out}"
    );
    assert_eq!(lines[2], "from-stdin", "{out}");
    assert_eq!(out.stderr.trim(), "to-stderr", "{out}");
    // With the default driver (logged: not --rm) rpod copies the output
    // from a pipe of its own.
    let line = env.rpod_line(&format!("run {image} readlink /proc/self/fd/1"));
    let out = env
        .cmd("sh")
        .args(["-c", &format!("readlink /proc/self/fd/1; {line}")])
        .run();
    out.success();
    let lines = out.lines();
    assert_ne!(lines[0], lines[1], "{out}");
}

#[test]
fn passthrough_keeps_no_log_and_refuses_logs_and_attach() {
    let (env, image) = require!(setup());
    // create prints no ID then (its stdout belongs to the container).
    let out = env
        .rpod([
            "create",
            "--name",
            "pt",
            "--log-driver",
            "passthrough",
            &image,
        ])
        .args(["echo", "started-attached"])
        .run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    assert_eq!(
        inspect(&env, "pt", "{{.HostConfig.LogConfig.Type}}"),
        "passthrough"
    );
    assert_eq!(inspect(&env, "pt", "{{.LogPath}}"), "");
    assert_eq!(inspect(&env, "pt", "{{.HostConfig.LogConfig.Path}}"), "");
    let out = env.rpod(["start", "-a", "pt"]).run();
    out.success();
    assert_eq!(out.out().trim(), "started-attached", "{out}");
    let id = inspect(&env, "pt", "{{.Id}}");
    let dir = env.root().join("containers").join(&id);
    assert!(dir.is_dir(), "{}", dir.display());
    assert!(
        !dir.join("ctr.log").exists(),
        "no log file in {}",
        dir.display()
    );
    let out = env.rpod(["logs", "pt"]).run();
    out.error125().stderr_is(
        "Error: this container is using the 'passthrough' log driver, cannot read logs: this container is not logging output",
    );
    // Detached: the output still reaches the caller (who gets no ID), and
    // the caller's pipe closes when the container is done.
    let line = env.rpod_line(&format!(
        "run -d --name ptd --log-driver passthrough {image} sh -c 'echo detached-out; sleep 0.2; echo second'"
    ));
    let out = env.cmd("sh").args(["-c", &format!("{line} | cat")]).run();
    out.success();
    assert_eq!(out.stdout, "detached-out\nsecond\n", "{out}");
    // attach has nothing to attach to. (The container holds the stdout it
    // is given: a file here, which the harness does not wait on.)
    let file = env.root().join("ptl.out");
    let line = env.rpod_line(&format!(
        "run -d --name ptl --log-driver passthrough {image} sleep 100 >{} 2>&1",
        file.display()
    ));
    env.cmd("sh").args(["-c", &line]).run().success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "");
    let out = env.rpod(["attach", "ptl"]).run();
    out.error125().stderr_is(
        "Error: this container is using the 'passthrough' log driver, cannot attach: this container is not logging output",
    );
    env.rpod(["rm", "-f", "-t0", "ptl", "ptd", "pt"])
        .run()
        .success();
}

#[test]
fn passthrough_refusals_and_terminals() {
    let (env, image) = require!(setup());
    let out = env
        .rpod([
            "run",
            "--rm",
            "-t",
            "--log-driver",
            "passthrough",
            &image,
            "true",
        ])
        .run();
    out.error125()
        .stderr_has("--tty cannot be used with --log-driver passthrough");
    let out = env
        .rpod([
            "run",
            "--rm",
            "-a",
            "stdout",
            "--log-driver",
            "passthrough",
            &image,
        ])
        .arg("true")
        .run();
    out.error125().stderr_is(
        "Error: cannot specify --attach with --log-driver=passthrough: invalid argument",
    );
    // On a terminal: refused, unless passthrough-tty.
    let line = env.rpod_line(&format!(
        "run --rm --log-driver passthrough {image} echo never; echo exit=$?"
    ));
    let t = require!(Terminal::start(&env, &line));
    let screen = t.finish();
    assert!(
        screen.out().contains(
            "the '--log-driver passthrough' option cannot be used on a TTY.  If you really want it, use '--log-driver passthrough-tty'"
        ),
        "{screen}"
    );
    assert!(screen.out().contains("exit=125"), "{screen}");
    assert!(!screen.out().contains("never"), "{screen}");
    let line = env.rpod_line(&format!(
        "run --rm --log-driver passthrough-tty -v /dev/pts:/dev/pts {image} sh -c 'tty; echo on-tty'"
    ));
    let t = require!(Terminal::start(&env, &line));
    let screen = t.finish();
    assert!(screen.out().contains("/dev/pts/"), "{screen}");
    assert!(screen.out().contains("on-tty"), "{screen}");
}

#[test]
fn passthrough_from_containers_conf() {
    let (env, image) = require!(setup());
    env.containers_conf("[containers]\nlog_driver = \"passthrough\"\n");
    let out = env
        .rpod(["create", "--name", "conf", &image, "echo", "hi"])
        .run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    assert_eq!(
        inspect(&env, "conf", "{{.HostConfig.LogConfig.Type}}"),
        "passthrough"
    );
    let out = env
        .rpod([
            "run",
            "--rm",
            "--log-driver",
            "k8s-file",
            &image,
            "echo",
            "logged",
        ])
        .run();
    out.success().stdout_is("logged\n");
}

/// `bash -c` as the test user (dash takes one-digit descriptors only):
/// the descriptors of `redirects`, then `line`.
fn with_fds(env: &Env, redirects: &str, line: &str) -> crate::harness::Output {
    env.cmd("bash")
        .args(["-c", &format!("exec {redirects}; {line}")])
        .run()
}

#[test]
fn preserve_fd_passes_only_the_listed_descriptors() {
    let (env, image) = require!(setup());
    let f9 = env.write_file(Path::new("nine"), "through fd 9\n");
    let f40 = env.write_file(Path::new("forty"), "through fd 40\n");
    let redirects = format!("9<{} 40<{} 10</dev/null", f9.display(), f40.display());
    let line = env.rpod_line(&format!(
        "run --rm --preserve-fd 9,40 {image} sh -c 'ls /proc/self/fd | tr \"\\n\" \" \"; echo; cat <&9; cat <&40'"
    ));
    let out = with_fds(&env, &redirects, &line);
    out.success();
    let lines = out.lines();
    let fds: Vec<u32> = lines[0]
        .split_whitespace()
        .map(|f| f.parse().unwrap())
        .collect();
    assert!(fds.contains(&9) && fds.contains(&40), "{out}");
    assert!(
        !fds.iter().any(|f| (10..40).contains(f)),
        "fd 10 (open in the caller, not listed) must not pass: {out}"
    );
    assert_eq!(&lines[1..], ["through fd 9", "through fd 40"], "{out}");
    // Repeated, beside --preserve-fds: the union.
    let line = env.rpod_line(&format!(
        "run --rm --preserve-fds 1 --preserve-fd 9 --preserve-fd 40 {image} sh -c 'cat <&3; cat <&9; cat <&40'"
    ));
    let out = with_fds(&env, &format!("3<{} {redirects}", f40.display()), &line);
    out.success();
    assert_eq!(
        out.lines(),
        ["through fd 40", "through fd 9", "through fd 40"],
        "{out}"
    );
}

#[test]
fn preserve_fd_refusals() {
    let (env, image) = require!(setup());
    let out = env
        .rpod(["run", "--rm", "--preserve-fd", "77", &image, "true"])
        .run();
    out.error125().stderr_is(
        "Error: file descriptor 77 is not available - the preserve-fd option requires that file descriptors must be passed",
    );
    let out = env
        .rpod(["run", "--rm", "--preserve-fds", "2", &image, "true"])
        .run();
    out.error125().stderr_is(
        "Error: file descriptor 3 is not available - the preserve-fds option requires that file descriptors must be passed",
    );
    let out = env
        .rpod(["run", "--rm", "--preserve-fd", "1", &image, "true"])
        .run();
    out.error125().stderr_is(
        "Error: cannot preserve FD 1, consider using the passthrough log-driver to pass STDIO streams into the container: invalid argument",
    );
    let out = env
        .rpod(["run", "--rm", "--preserve-fd", "3,x", &image, "true"])
        .run();
    out.error125().stderr_is(
        "Error: invalid argument \"3,x\" for \"--preserve-fd\" flag: strconv.ParseUint: parsing \"x\": invalid syntax",
    );
    let out = env
        .rpod(["create", "--preserve-fd", "3", &image, "true"])
        .run();
    out.error125().stderr_has("unknown flag: --preserve-fd");
}

#[test]
fn exec_preserve_fds_cidfile_and_no_session() {
    let (env, image) = require!(setup());
    let cidfile = env.root().join("cid");
    env.rpod(["run", "-d", "--name", "ex", "--cidfile"])
        .arg(&cidfile)
        .args([image.as_str(), "sleep", "100"])
        .run()
        .success();
    let f = env.write_file(Path::new("exec-fd"), "exec through fd\n");
    let line = env.rpod_line(
        "exec --preserve-fd 7 ex sh -c 'cat <&7; ls /proc/self/fd/4 2>&1 || echo no-fd-4'",
    );
    let out = with_fds(&env, &format!("7<{} 4</dev/null", f.display()), &line);
    out.success();
    assert_eq!(
        out.lines(),
        [
            "exec through fd",
            "ls: /proc/self/fd/4: No such file or directory",
            "no-fd-4"
        ],
        "{out}"
    );
    let line = env.rpod_line("exec --preserve-fds 1 ex cat /proc/self/fd/3");
    let out = with_fds(&env, &format!("3<{}", f.display()), &line);
    out.success().stdout_is("exec through fd\n");
    let out = env.rpod(["exec", "--preserve-fd", "2", "ex", "true"]).run();
    out.error125().stderr_has("cannot preserve FD 2");
    // --cidfile: every argument is the command.
    let out = env
        .rpod(["exec", "--cidfile"])
        .arg(&cidfile)
        .args(["echo", "by-cidfile"])
        .run();
    out.success().stdout_is("by-cidfile\n");
    let out = env
        .rpod(["exec", "--cidfile", "/nonexistent/cid", "echo"])
        .run();
    out.error125()
        .stderr_is("Error: reading CIDFile: open /nonexistent/cid: no such file or directory");
    let out = env
        .rpod(["exec", "-l", "--cidfile"])
        .arg(&cidfile)
        .arg("true")
        .run();
    out.error125()
        .stderr_is("Error: --latest and --cidfile can not be used together");
    // No command (podman's words), after the container is found.
    let out = env.rpod(["exec", "--cidfile"]).arg(&cidfile).run();
    out.error125().stderr_is(
        "Error: must provide a non-empty command to start an exec session: invalid argument",
    );
    let out = env.rpod(["exec", "nosuch"]).run();
    out.error125().stderr_has("nosuch");
    // A detached exec that cannot start: 125 (the foreground one: 127).
    env.rpod(["exec", "ex", "nosuchcmd"]).run().code(127);
    env.rpod(["exec", "-d", "ex", "nosuchcmd"]).run().error125();
    let out = env.rpod(["exec"]).run();
    out.error125().stderr_is(
        "Error: exec requires the name or ID of a container or the --latest or --cidfile flag",
    );
    // --no-session: the same process, the same result.
    let out = env
        .rpod([
            "exec",
            "--no-session",
            "ex",
            "sh",
            "-c",
            "echo same; exit 3",
        ])
        .run();
    out.code(3).stdout_is("same\n");
    for extra in [["-d"].as_slice(), ["--detach-keys", "ctrl-a"].as_slice()] {
        let out = env
            .rpod(["exec", "--no-session"])
            .args(extra)
            .args(["ex", "true"])
            .run();
        out.error125()
            .stderr_is("Error: --no-session cannot be used with --detach or --detach-keys");
    }
    let out = env
        .rpod(["exec", "--detach-keys", "ctrl-pp", "ex", "true"])
        .run();
    out.error125().stderr_has("--detach-keys");
    env.rpod(["exec", "--detach-keys", "ctrl-a", "ex", "true"])
        .run()
        .success();
    env.rpod(["rm", "-f", "-t0", "ex"]).run().success();
}

#[test]
fn personality_sets_the_execution_domain() {
    let (env, image) = require!(setup());
    let out = env
        .rpod([
            "run",
            "--rm",
            "--personality",
            "LINUX32",
            &image,
            "uname",
            "-m",
        ])
        .run();
    out.success();
    if std::env::consts::ARCH == "x86_64" {
        assert_eq!(out.out().trim(), "i686", "{out}");
    }
    let native = env.rpod(["run", "--rm", &image, "uname", "-m"]).run();
    native.success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--personality",
            "LINUX",
            &image,
            "uname",
            "-m",
        ])
        .run();
    out.success().stdout_is(native.out());
    let out = env
        .rpod(["run", "--rm", "--personality", "LINUX64", &image, "true"])
        .run();
    out.error125()
        .stderr_has("--personality")
        .stderr_has("unknown persona specified `LINUX64`");
}

#[test]
fn init_path_is_pid_one_at_run_podman_init() {
    let (env, image) = require!(setup());
    let init = env.write_file(
        Path::new("my-init"),
        "#!/bin/sh\necho \"init-pid=$$ args=$*\"\nshift\nexec \"$@\"\n",
    );
    std::fs::set_permissions(&init, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = env
        .rpod(["run", "--name", "ip", "--init", "--init-path"])
        .arg(&init)
        .args([
            image.as_str(),
            "sh",
            "-c",
            "echo cmd; grep podman-init /proc/mounts | cut -d' ' -f2,4 | cut -d, -f1",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        [
            "init-pid=1 args=-- sh -c echo cmd; grep podman-init /proc/mounts | cut -d' ' -f2,4 | cut -d, -f1",
            "cmd",
            "/run/podman-init ro"
        ],
        "{out}"
    );
    assert_eq!(inspect(&env, "ip", "{{.HostConfig.Init}}"), "true");
    // Without --init it is not used (as podman).
    let out = env
        .rpod(["run", "--rm", "--init-path"])
        .arg(&init)
        .args([image.as_str(), "sh", "-c", "echo $$"])
        .run();
    out.success().stdout_is("1\n");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--init",
            "--init-path",
            "/nonexistent/init",
            &image,
            "true",
        ])
        .run();
    out.error125().stderr_is(
        "Error: container-init binary not found on the host: stat /nonexistent/init: no such file or directory",
    );
    // containers.conf's init_path, unless --init-path is given.
    env.containers_conf(&format!(
        "[containers]\ninit = true\ninit_path = \"{}\"\n",
        init.display()
    ));
    let out = env
        .rpod(["run", "--rm", image.as_str(), "echo", "conf"])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        ["init-pid=1 args=-- echo conf", "conf"],
        "{out}"
    );
}

#[test]
fn chrootdirs_get_the_containers_hosts_and_resolv_conf() {
    let (env, image) = require!(setup());
    let out = env
        .rpod(["run", "--name", "cr", "--add-host", "chrooted.test:10.1.2.3"])
        .args(["--chrootdirs", "/srv/jail", "--chrootdirs", "other", &image])
        .args([
            "sh",
            "-c",
            "cmp /etc/hosts /srv/jail/etc/hosts && cmp /etc/resolv.conf /other/etc/resolv.conf && grep chrooted /srv/jail/etc/hosts",
        ])
        .run();
    out.success();
    assert!(out.out().contains("10.1.2.3"), "{out}");
    assert_eq!(
        inspect(&env, "cr", "{{.Config.ChrootDirs}}"),
        "[/srv/jail /other]"
    );
    // --no-hosts: only resolv.conf follows.
    let out = env
        .rpod(["run", "--rm", "--no-hosts", "--chrootdirs", "/j", &image])
        .args(["sh", "-c", "ls /j/etc"])
        .run();
    out.success().stdout_is("resolv.conf\n");
}

#[test]
fn detached_monitor_keeps_none_of_the_callers_descriptors() {
    let (env, image) = require!(setup());
    // A script's descriptor (fd 7 here, bats' fd 3, a pipe someone reads
    // to EOF) must not stay open in the monitor for the container's life.
    let held = env.write_file(Path::new("held"), "x\n");
    let line = env.rpod_line(&format!("run -d --name keeper {image} sleep 1000"));
    with_fds(&env, &format!("7<{}", held.display()), &line).success();
    let pid = inspect(&env, "keeper", "{{.State.ConmonPid}}");
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).expect("the monitor's descriptors");
    let targets: Vec<_> = fds
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .collect();
    assert!(!targets.is_empty(), "monitor {pid} has descriptors");
    assert!(
        !targets.iter().any(|t| t == &held),
        "the monitor holds the caller's fd 7: {targets:?}"
    );
    env.rpod(["rm", "-f", "-t", "0", "keeper"]).run().success();
}
