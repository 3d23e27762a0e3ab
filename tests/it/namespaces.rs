//! `--pid`, `--ipc`, `--uts`, `--cgroupns`, `--device`,
//! `--device-cgroup-rule`, `--rootfs`, `--systemd` and `--preserve-fds`,
//! as the container sees them, with inspect's fields and the 125 errors.

use std::path::{Path, PathBuf};

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

fn setup(rootful: bool) -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = if rootful {
        Env::rootful()?
    } else {
        Env::rootless()?
    };
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

fn host_ns(name: &str) -> String {
    std::fs::read_link(format!("/proc/self/ns/{name}"))
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().trim().to_string()
}

#[test]
fn pid_host_sees_the_host_s_processes() {
    let (env, image) = require!(setup(false));
    let out = env
        .rpod(["run", "--rm", "--pid", "host", &image])
        .args(["sh", "-c", "readlink /proc/self/ns/pid; cat /proc/1/comm"])
        .run();
    out.success();
    let lines: Vec<&str> = out.out().lines().collect();
    assert_eq!(lines[0], host_ns("pid"), "{out}");
    // PID 1 is the host's init, not the container's shell.
    assert_ne!(lines[1], "sh", "{out}");
    assert_eq!(
        std::fs::read_to_string("/proc/1/comm").unwrap().trim(),
        lines[1]
    );
    // The default: a namespace of its own, where the command is PID 1.
    let out = env
        .rpod(["run", "--rm", &image])
        .args(["sh", "-c", "readlink /proc/self/ns/pid; cat /proc/1/comm"])
        .run();
    out.success();
    assert_ne!(out.out().lines().next(), Some(host_ns("pid").as_str()));
    env.rpod([
        "create", "--name", "c", "--pid", "host", "--uts", "host", &image,
    ])
    .arg("true")
    .run()
    .success();
    assert_eq!(
        inspect(
            &env,
            "c",
            "{{.HostConfig.PidMode}} {{.HostConfig.UTSMode}} {{.HostConfig.IpcMode}}"
        ),
        "host host shareable"
    );
}

#[test]
fn containers_share_ipc_uts_pid_and_cgroup_namespaces() {
    let (env, image) = require!(setup(false));
    env.rpod([
        "run",
        "-d",
        "--name",
        "a",
        "--ipc",
        "shareable",
        "--cgroupns",
        "private",
    ])
    .args([&image, "sleep", "1000"])
    .run()
    .success();
    let ns = |c: &str, name: &str| {
        let out = env
            .rpod(["exec", c, "readlink"])
            .arg(format!("/proc/self/ns/{name}"))
            .run();
        out.success();
        out.out().trim().to_string()
    };
    for (flag, name) in [
        ("--ipc", "ipc"),
        ("--pid", "pid"),
        ("--uts", "uts"),
        ("--cgroupns", "cgroup"),
    ] {
        let out = env
            .rpod(["run", "--rm", flag, "container:a", &image, "readlink"])
            .arg(format!("/proc/self/ns/{name}"))
            .run();
        out.success();
        assert_eq!(out.out().trim(), ns("a", name), "{flag}: {out}");
        assert_ne!(out.out().trim(), host_ns(name), "{flag}: {out}");
    }
    // Joining the PID namespace: a's sleep is visible.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pid",
            "container:a",
            &image,
            "cat",
            "/proc/1/comm",
        ])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "sleep", "{out}");
    // Recorded by ID; `a` cannot go while a dependent exists.
    env.rpod([
        "create",
        "--name",
        "b",
        "--ipc",
        "container:a",
        &image,
        "true",
    ])
    .run()
    .success();
    let id = inspect(&env, "a", "{{.Id}}");
    assert_eq!(
        inspect(&env, "b", "{{.HostConfig.IpcMode}}"),
        format!("container:{id}")
    );
    env.rpod(["rm", "-f", "-t", "0", "a"])
        .run()
        .code(125)
        .stderr_has("dependent containers");
    env.rpod(["rm", "-f", "b"]).run().success();
    env.rpod(["rm", "-f", "-t", "0", "a"]).run().success();
}

#[test]
fn uts_host_and_ipc_none() {
    let (env, image) = require!(setup(false));
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--uts",
            "host",
            &image,
            "cat",
            "/proc/sys/kernel/hostname",
        ])
        .run();
    out.success();
    assert_eq!(out.out().trim(), host.trim(), "{out}");
    let out = env
        .rpod(["run", "--rm", "--ipc", "none", &image])
        .args(["sh", "-c", "grep -c ' /dev/shm ' /proc/mounts || true"])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "0", "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--cgroupns",
            "host",
            &image,
            "readlink",
            "/proc/self/ns/cgroup",
        ])
        .run();
    out.success();
    assert_eq!(out.out().trim(), host_ns("cgroup"), "{out}");
}

#[test]
fn bad_namespace_and_device_flags_are_125_and_named() {
    let (env, image) = require!(setup(false));
    for (args, want) in [
        (vec!["--pid", "bogus"], "--pid bogus"),
        (vec!["--ipc", "ns:relative"], "--ipc ns:relative"),
        (vec!["--uts", "shareable"], "--uts shareable"),
        (
            vec!["--uts", "host", "--hostname", "x"],
            "cannot set hostname",
        ),
        (
            vec!["--ipc", "none", "--shm-size", "1m"],
            "cannot set shmsize",
        ),
        (vec!["--device", "dev/null"], "--device dev/null"),
        (
            vec!["--device", "/dev/null:/dev/n:rx"],
            "invalid device mode",
        ),
        (
            vec!["--device", "/dev/rpod-none"],
            "--device /dev/rpod-none",
        ),
        (
            vec!["--device-cgroup-rule", "c 1:2 rX"],
            "--device-cgroup-rule c 1:2 rX: invalid device access in device-access-add: X",
        ),
        (
            vec!["--device-cgroup-rule", "c 1:3 r"],
            "Error: device cgroup rules are not supported in rootless mode or in a user namespace\n",
        ),
        (vec!["--systemd", "maybe"], "--systemd maybe"),
        (vec!["--pid", "container:nosuch"], "nosuch"),
    ] {
        let out = env
            .rpod(["create"])
            .args(&args)
            .args([&image, "true"])
            .run();
        out.code(125);
        out.stderr_has(want);
    }
    env.rpod(["ps", "-a", "-q"]).run().success().stdout_is("");
}

#[test]
fn a_device_appears_in_the_container() {
    let (env, image) = require!(setup(false));
    if !Path::new("/dev/fuse").exists() {
        require!(crate::harness::prerequisite::<()>("/dev/fuse is missing"));
    }
    let out = env
        .rpod([
            "run",
            "--rm",
            "--device",
            "/dev/fuse",
            "--device",
            "/dev/null:/dev/mynull:rw",
        ])
        .args([
            &image,
            "sh",
            "-c",
            "test -c /dev/fuse && test -c /dev/mynull && echo x > /dev/mynull && echo ok",
        ])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "ok", "{out}");
    env.rpod([
        "create",
        "--name",
        "d",
        "--device",
        "/dev/fuse:/dev/f2:r",
        &image,
        "true",
    ])
    .run()
    .success();
    assert_eq!(
        inspect(
            &env,
            "d",
            "{{range .HostConfig.Devices}}{{.PathOnHost}}>{{.PathInContainer}}{{end}}"
        ),
        "/dev/fuse>/dev/f2"
    );
}

#[test]
fn privileged_gives_the_host_s_devices_but_terminals() {
    let (env, image) = require!(setup(false));
    if !Path::new("/dev/kmsg").exists() {
        require!(crate::harness::prerequisite::<()>("/dev/kmsg is missing"));
    }
    let out = env
        .rpod(["run", "--rm", "--privileged", &image])
        .args([
            "sh",
            "-c",
            "test -c /dev/kmsg && echo kmsg; ls /dev | grep -c '^tty[0-9]' || true",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "kmsg\n0", "{out}");
    let out = env
        .rpod(["run", "--rm", &image, "test", "-e", "/dev/kmsg"])
        .run();
    out.code(1);
}

/// A root file system of busybox alone, owned by the test user.
fn busybox_dir(env: &Env, name: &str) -> PathBuf {
    let root = env.dir.join(name);
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::copy("/bin/busybox", root.join("bin/busybox")).unwrap();
    std::os::unix::fs::symlink("busybox", root.join("bin/sh")).unwrap();
    for d in ["etc", "tmp", "proc", "sys", "dev"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(root.join("etc/marker"), "from the directory\n").unwrap();
    let walk = std::process::Command::new("chown")
        .args(["-R", "-h"])
        .arg(match env_user(env) {
            Some(u) => u,
            None => "0:0".into(),
        })
        .arg(&root)
        .status()
        .unwrap();
    assert!(walk.success());
    root
}

fn env_user(env: &Env) -> Option<String> {
    env.rootless_mode().then(|| {
        let u = crate::harness::rootless_user().expect("the test user");
        format!("{}:{}", u.uid, u.gid)
    })
}

#[test]
fn rootfs_runs_a_directory() {
    let (env, _image) = require!(setup(false));
    let root = busybox_dir(&env, "bb");
    let out = env
        .rpod(["run", "--rm", "--rootfs"])
        .arg(&root)
        .args(["/bin/sh", "-c", "cat /etc/marker; echo new > /etc/written"])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "from the directory", "{out}");
    // Without :O the directory itself is the root: the write is there.
    assert_eq!(
        std::fs::read_to_string(root.join("etc/written")).unwrap(),
        "new\n"
    );
    // With :O an overlay takes the changes; the directory stays as it was.
    let out = env
        .rpod(["run", "--name", "o", "--rootfs"])
        .arg(format!("{}:O", root.display()))
        .args([
            "/bin/sh",
            "-c",
            "echo changed > /etc/marker; rm /etc/written; cat /etc/marker",
        ])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "changed", "{out}");
    assert_eq!(
        std::fs::read_to_string(root.join("etc/marker")).unwrap(),
        "from the directory\n"
    );
    assert!(root.join("etc/written").exists());
    assert_eq!(
        inspect(&env, "o", "{{.Rootfs}}|{{.ImageName}}"),
        format!("{}|", root.display())
    );
    env.rpod(["rm", "o"]).run().success();
    let out = env
        .rpod(["run", "--rm", "--rootfs", "/nonexistent-rpod", "/bin/sh"])
        .run();
    out.code(125);
    out.stderr_has("--rootfs /nonexistent-rpod");
}

#[test]
fn systemd_always_mounts_tmpfs_on_run() {
    let (env, image) = require!(setup(false));
    let out = env
        .rpod(["run", "--name", "s", "--systemd", "always", "--shm-size-systemd", "10m", &image])
        .args(["sh", "-c", "grep -E ' /(run|run/lock|tmp|var/log/journal) ' /proc/mounts | cut -d' ' -f2,3; echo uuid=$container_uuid"])
        .run();
    out.success();
    let text = out.out();
    for m in [
        "/run tmpfs",
        "/run/lock tmpfs",
        "/tmp tmpfs",
        "/var/log/journal tmpfs",
    ] {
        assert!(text.lines().any(|l| l == m), "{m}: {out}");
    }
    let id = inspect(&env, "s", "{{.Id}}");
    assert!(text.contains(&format!("uuid={}", &id[..32])), "{out}");
    assert_eq!(inspect(&env, "s", "{{.Config.SystemdMode}}"), "true");
    assert_eq!(inspect(&env, "s", "{{.Config.StopSignal}}"), "SIGRTMIN+3");
    // `stop` sends it: a trap for signal 37 (SIGRTMIN+3 with glibc) ends PID 1.
    env.rpod(["run", "-d", "--name", "t", "--systemd", "always", &image])
        .args([
            "sh",
            "-c",
            "trap 'exit 7' 37; echo ready; while :; do sleep 0.1; done",
        ])
        .run()
        .success();
    let ready = (0..200).any(|_| {
        let out = env.rpod(["logs", "t"]).run();
        if out.out().contains("ready") {
            return true;
        }
        std::thread::park_timeout(std::time::Duration::from_millis(50));
        false
    });
    assert!(ready, "the trap was never set");
    env.rpod(["stop", "-t", "30", "t"]).run().success();
    assert_eq!(inspect(&env, "t", "{{.State.ExitCode}}"), "7");
    // --systemd false, or a command that is not an init: nothing of it.
    let out = env
        .rpod(["run", "--rm", &image])
        .args(["sh", "-c", "grep -c ' /run ' /proc/mounts || true"])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "0", "{out}");
}

#[test]
fn preserve_fds_passes_descriptors_on() {
    let (env, image) = require!(setup(false));
    let file = env.write_file(Path::new("fd3.txt"), "through fd 3\n");
    let line = env.rpod_line(&format!(
        "run --rm --preserve-fds 1 {image} cat /proc/self/fd/3"
    ));
    let out = env
        .cmd("sh")
        .args(["-c", &format!("exec 3<{}; {line}", file.display())])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "through fd 3", "{out}");
    // Without it, descriptor 3 is not the container's.
    let line = env.rpod_line(&format!("run --rm {image} cat /proc/self/fd/3"));
    let out = env
        .cmd("sh")
        .args(["-c", &format!("exec 3<{}; {line}", file.display())])
        .run();
    assert_ne!(out.out().trim(), "through fd 3", "{out}");
    // Detached too (as podman): the monitor holds it for the container,
    // whose output (passthrough) the caller reads until it exits.
    let line = env.rpod_line(&format!(
        "run -d --log-driver passthrough --preserve-fds 1 {image} cat /proc/self/fd/3"
    ));
    let out = env
        .cmd("sh")
        .args(["-c", &format!("exec 3<{}; {line}", file.display())])
        .run();
    out.success();
    assert_eq!(out.stdout, "through fd 3\n", "{out}");
}

#[test]
fn containers_conf_namespaces_and_devices() {
    let (env, image) = require!(setup(false));
    env.containers_conf(
        "[containers]\npidns = \"host\"\ndevices = [\"/dev/null:/dev/confnull\"]\n",
    );
    let out = env
        .rpod(["run", "--rm", &image])
        .args([
            "sh",
            "-c",
            "readlink /proc/self/ns/pid; test -c /dev/confnull && echo dev",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), format!("{}\ndev", host_ns("pid")), "{out}");
    // The flag wins.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pid",
            "private",
            &image,
            "readlink",
            "/proc/self/ns/pid",
        ])
        .run();
    out.success();
    assert_ne!(out.out().trim(), host_ns("pid"));
    env.containers_conf("[containers]\nutsns = \"sideways\"\n");
    let out = env.rpod(["run", "--rm", &image, "true"]).run();
    out.code(125);
    out.stderr_has("utsns");
}

#[test]
fn rootful_device_cgroup_rules_and_nodes() {
    let (env, image) = require!(setup(true));
    let cg_v1 = Path::new("/sys/fs/cgroup/devices").is_dir();
    if cg_v1 {
        // 42:* allowed, everything else denied: the open of 42:1 reaches
        // the (absent) driver, the open of 43:1 is refused by the cgroup.
        let out = env
            .rpod([
                "run",
                "--rm",
                "--cap-add",
                "mknod",
                "--device-cgroup-rule",
                "c 42:* rwm",
                &image,
            ])
            .args([
                "sh",
                "-c",
                "mknod /tmp/a c 42 1; mknod /tmp/b c 43 1; cat /tmp/a; cat /tmp/b; true",
            ])
            .run();
        out.success();
        let err = &out.stderr;
        assert!(err.contains("'/tmp/a': No such device or address"), "{out}");
        assert!(err.contains("'/tmp/b': Operation not permitted"), "{out}");
    }
    // A device node made by the runtime (mknod), readable and writable.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--device",
            "/dev/null:/dev/sub/mynull",
            &image,
        ])
        .args([
            "sh",
            "-c",
            "ls -l /dev/sub/mynull; echo x > /dev/sub/mynull && echo ok",
        ])
        .run();
    out.success();
    assert!(out.out().starts_with('c'), "{out}");
    assert!(out.out().trim_end().ends_with("ok"), "{out}");
    // --privileged: the host's nodes, made; in systemd mode without the
    // virtual consoles.
    if Path::new("/dev/tty1").exists() {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--privileged",
                &image,
                "test",
                "-c",
                "/dev/tty1",
            ])
            .run();
        out.success();
        let out = env
            .rpod(["run", "--rm", "--privileged", "--systemd", "always", &image])
            .args(["test", "-e", "/dev/tty1"])
            .run();
        out.code(1);
    }
}

#[test]
fn a_pod_member_s_own_mode_wins_over_the_pod_s_sharing() {
    let (env, image) = require!(setup(false));
    env.rpod(["pod", "create", "--name", "p", "--share", "pid,ipc,uts"])
        .run()
        .success();
    env.rpod([
        "run", "-d", "--name", "m1", "--pod", "p", &image, "sleep", "1000",
    ])
    .run()
    .success();
    let ns = |args: &[&str], name: &str| {
        let out = env
            .rpod(["run", "--rm", "--pod", "p"])
            .args(args)
            .args([image.as_str(), "readlink"])
            .arg(format!("/proc/self/ns/{name}"))
            .run();
        out.success();
        out.out().trim().to_string()
    };
    let member = |name: &str| {
        let out = env
            .rpod(["exec", "m1", "readlink"])
            .arg(format!("/proc/self/ns/{name}"))
            .run();
        out.success();
        out.out().trim().to_string()
    };
    // The pod's sharing by default.
    assert_eq!(ns(&[], "ipc"), member("ipc"));
    assert_eq!(ns(&[], "pid"), member("pid"));
    // An explicit mode wins: the host's, or a namespace of its own.
    assert_eq!(ns(&["--pid", "host"], "pid"), host_ns("pid"));
    let own = ns(&["--ipc", "private"], "ipc");
    assert_ne!(own, member("ipc"));
    assert_ne!(own, host_ns("ipc"));
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pod",
            "p",
            "--uts",
            "private",
            "--hostname",
            "mine",
            &image,
        ])
        .args(["cat", "/proc/sys/kernel/hostname"])
        .run();
    out.success();
    assert_eq!(out.out().trim(), "mine", "{out}");
    env.rpod(["pod", "rm", "-f", "-t", "0", "p"])
        .run()
        .success();
}
