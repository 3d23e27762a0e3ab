//! `--security-opt` (seccomp profiles, unconfined, masks) and `--ulimit`,
//! as the container sees them: what a denied syscall answers, what
//! /proc/self/status and `ulimit` print, and the 125 errors for mistakes.

use std::path::Path;

use crate::harness::{Env, Output};
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

/// Allows everything but `mkdir`/`mkdirat`, which answer EPERM.
const DENY_MKDIR: &str = r#"{
  "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [
    {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1,
     "comment": "no new directories"}
  ]
}"#;

/// What busybox's sh, touch and mkdir and rpod's last setup steps need;
/// everything else (mkdir included) gets the default answer, ENOSYS.
const ALLOWED: &[&str] = &[
    "access",
    "arch_prctl",
    "brk",
    "capget",
    "capset",
    "chdir",
    "clock_gettime",
    "clock_nanosleep",
    "clone",
    "clone3",
    "close",
    "close_range",
    "dup",
    "dup2",
    "dup3",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "faccessat",
    "faccessat2",
    "fchdir",
    "fchmod",
    "fchown",
    "fcntl",
    "fork",
    "fstat",
    "fstatfs",
    "futex",
    "getcwd",
    "getdents64",
    "getegid",
    "geteuid",
    "getgid",
    "getgroups",
    "getpgid",
    "getpgrp",
    "getpid",
    "getppid",
    "getrandom",
    "getresgid",
    "getresuid",
    "getrlimit",
    "gettid",
    "gettimeofday",
    "getuid",
    "ioctl",
    "kill",
    "lseek",
    "lstat",
    "madvise",
    "mmap",
    "mprotect",
    "mremap",
    "munmap",
    "nanosleep",
    "newfstatat",
    "open",
    "openat",
    "pipe",
    "pipe2",
    "poll",
    "ppoll",
    "prctl",
    "pread64",
    "prlimit64",
    "read",
    "readlink",
    "readlinkat",
    "readv",
    "rseq",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "rt_sigsuspend",
    "select",
    "set_robust_list",
    "set_tid_address",
    "setgroups",
    "setpgid",
    "setresgid",
    "setresuid",
    "setrlimit",
    "setsid",
    "sigaltstack",
    "stat",
    "statfs",
    "statx",
    "sysinfo",
    "tgkill",
    "time",
    "umask",
    "uname",
    "utimensat",
    "vfork",
    "wait4",
    "waitid",
    "write",
    "writev",
];

fn allow_list_profile() -> String {
    let names: Vec<String> = ALLOWED.iter().map(|n| format!("\"{n}\"")).collect();
    format!(
        r#"{{
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 38,
  "archMap": [{{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}}],
  "syscalls": [
    {{"names": [{}], "action": "SCMP_ACT_ALLOW", "args": [], "includes": {{}}, "excludes": {{}}}}
  ]
}}"#,
        names.join(", ")
    )
}

/// The fields of `/proc/self/status` lines starting with `key`, spaces collapsed.
fn status_line(out: &Output, key: &str) -> String {
    out.lines()
        .iter()
        .find(|l| l.starts_with(key))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| panic!("no {key} line\n{out}"))
}

fn seccomp_mode(env: &Env, image: &str, opts: &[&str]) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(opts);
    args.extend_from_slice(&[image, "grep", "^Seccomp:", "/proc/self/status"]);
    let out = env.rpod(args).run();
    out.success();
    status_line(&out, "Seccomp:")
}

#[test]
fn seccomp_unconfined_and_default() {
    let (env, image) = require!(setup(false));
    assert_eq!(seccomp_mode(&env, &image, &[]), "Seccomp: 2");
    assert_eq!(
        seccomp_mode(&env, &image, &["--security-opt", "seccomp=unconfined"]),
        "Seccomp: 0"
    );
    // Without the default filter, unshare of a user namespace works.
    env.rpod([
        "run",
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        &image,
        "busybox",
        "unshare",
        "-r",
        "true",
    ])
    .run()
    .success();
}

#[test]
fn a_profile_denies_what_it_names() {
    let (env, image) = require!(setup(false));
    let profile = env.write_file(Path::new("deny-mkdir.json"), DENY_MKDIR);
    let opt = format!("seccomp={}", profile.display());
    let out = env
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            &opt,
            &image,
            "sh",
            "-c",
            "touch /tmp/file && echo touched; grep ^Seccomp: /proc/self/status; mkdir /tmp/x",
        ])
        .run();
    out.code(1).stdout_has("touched");
    assert_eq!(status_line(&out, "Seccomp:"), "Seccomp: 2", "{out}");
    out.stderr_has("Operation not permitted");
}

#[test]
fn a_profile_is_read_at_create_time_relative_to_the_cwd() {
    let (env, image) = require!(setup(false));
    let profile = env.write_file(Path::new("profiles/deny-mkdir.json"), DENY_MKDIR);
    let dir = profile.parent().expect("parent").to_path_buf();
    env.rpod([
        "create",
        "--name",
        "c",
        "--security-opt",
        "seccomp=deny-mkdir.json",
        &image,
        "mkdir",
        "/tmp/x",
    ])
    .current_dir(&dir)
    .run()
    .success();
    std::fs::remove_file(&profile).expect("removing the profile");
    env.rpod(["start", "-a", "c"])
        .run()
        .code(1)
        .stderr_has("Operation not permitted");
}

#[test]
fn an_allow_list_profile_answers_its_default_to_the_rest() {
    let (env, image) = require!(setup(false));
    let profile = env.write_file(Path::new("allow-list.json"), &allow_list_profile());
    let opt = format!("seccomp={}", profile.display());
    let out = env
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            &opt,
            &image,
            "sh",
            "-c",
            "touch /tmp/file && echo touched; mkdir /tmp/x",
        ])
        .run();
    out.code(1)
        .stdout_has("touched")
        .stderr_has("Function not implemented");
}

#[test]
fn exec_gets_the_containers_profile_and_limits() {
    let (env, image) = require!(setup(false));
    let profile = env.write_file(Path::new("deny-mkdir.json"), DENY_MKDIR);
    let opt = format!("seccomp={}", profile.display());
    env.rpod([
        "run",
        "-d",
        "--name",
        "x",
        "--security-opt",
        &opt,
        "--ulimit",
        "nofile=100:200",
        &image,
        "sleep",
        "60",
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "exec",
            "x",
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn; mkdir /tmp/x",
        ])
        .run();
    out.code(1).stderr_has("Operation not permitted");
    assert_eq!(out.lines(), ["100", "200"], "{out}");
    env.rpod(["rm", "-f", "x"]).run().success();
}

#[test]
fn profile_mistakes_are_125_and_name_the_file() {
    let (env, image) = require!(setup(false));
    let broken = env.write_file(Path::new("broken.json"), "{\"defaultAction\": ");
    let notify = env.write_file(
        Path::new("notify.json"),
        r#"{"defaultAction": "SCMP_ACT_ALLOW",
            "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}"#,
    );
    let missing = env.dir.join("missing.json");
    for (file, what) in [
        (&broken, "invalid JSON"),
        (
            &notify,
            "syscalls[0] (mkdir): action SCMP_ACT_NOTIFY is not supported",
        ),
        (&missing, "No such file or directory"),
    ] {
        let opt = format!("seccomp={}", file.display());
        env.rpod(["run", "--rm", "--security-opt", &opt, &image, "true"])
            .run()
            .error125()
            .stderr_has(&file.display().to_string())
            .stderr_has(what);
    }
    env.rpod(["run", "--rm", "--security-opt", "bogus=1", &image, "true"])
        .run()
        .error125()
        .stderr_has("bogus=1")
        .stderr_has("seccomp=unconfined|PROFILE.json");
    let ps = env.rpod(["ps", "-a", "-q"]).run();
    assert_eq!(ps.out(), "", "containers left\n{ps}");
}

#[test]
fn other_security_opts_are_accepted() {
    let (env, image) = require!(setup(false));
    let out = env
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            "label=disable",
            "--security-opt",
            "label=type:spc_t",
            "--security-opt",
            "apparmor=unconfined",
            "--security-opt",
            "no-new-privileges=true",
            "--security-opt",
            "mask=/proc/cpuinfo",
            "--security-opt",
            "unmask=/proc/timer_list",
            &image,
            "sh",
            "-c",
            "grep ^NoNewPrivs: /proc/self/status; wc -c < /proc/cpuinfo; \
             grep -E \" /proc/(timer_list|keys) \" /proc/self/mountinfo | cut -d\" \" -f5",
        ])
        .run();
    out.success();
    assert_eq!(status_line(&out, "NoNewPrivs:"), "NoNewPrivs: 1", "{out}");
    assert_eq!(out.lines()[1..], ["0", "/proc/keys"], "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            "unmask=ALL",
            &image,
            "sh",
            "-c",
            "grep -cE \" /proc/(timer_list|keys|sys) \" /proc/self/mountinfo",
        ])
        .run();
    assert_eq!(out.out(), "0", "{out}");
}

/// `unmask=all` in any case means ALL (podman's `strings.ToLower`), and
/// inspect's `HostConfig.SecurityOpt` says what the spec holds, as podman
/// reads it back: `no-new-privileges`, and `unmask=all` when nothing is
/// masked; `kube generate` writes such a container's `procMount: Unmasked`.
#[test]
fn security_opt_in_inspect_and_unmask_all() {
    let (env, image) = require!(setup(false));
    let sec = |name: &str| {
        env.rpod(["inspect", "--format", "{{.HostConfig.SecurityOpt}}", name])
            .run()
            .success()
            .out()
            .to_string()
    };
    for (name, opts) in [
        ("plain", vec![]),
        ("unm", vec!["--security-opt", "unmask=all"]),
        ("nnp", vec!["--security-opt", "no-new-privileges"]),
    ] {
        let mut args = vec!["create", "--name", name];
        args.extend(opts);
        args.push(&image);
        env.rpod(args).run().success();
    }
    assert_eq!(sec("plain"), "[]");
    assert_eq!(sec("unm"), "[unmask=all]");
    assert_eq!(sec("nnp"), "[no-new-privileges]");
    let out = env.rpod(["kube", "generate", "unm"]).run();
    out.success();
    assert!(out.out().contains("procMount: Unmasked"), "{out}");
    let out = env.rpod(["kube", "generate", "plain"]).run();
    out.success();
    assert!(!out.out().contains("procMount"), "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            "unmask=All",
            &image,
            "sh",
            "-c",
            "grep -cE \" /proc/(timer_list|keys|sys) \" /proc/self/mountinfo",
        ])
        .run();
    assert_eq!(out.out(), "0", "{out}");
}

/// `ulimit -Hn` as the test user outside any container.
fn host_hard_nofile(env: &Env) -> u64 {
    let out = env.cmd("sh").args(["-c", "ulimit -Hn"]).run();
    out.success();
    out.out()
        .parse()
        .unwrap_or_else(|_| panic!("ulimit -Hn\n{out}"))
}

#[test]
fn ulimits_rootless() {
    let (env, image) = require!(setup(false));
    let show = ["sh", "-c", "ulimit -n; ulimit -Hn"];
    let run = |opts: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(opts);
        args.push(&image);
        args.extend_from_slice(&show);
        env.rpod(args).run()
    };
    let out = run(&["--ulimit", "nofile=100:200"]);
    out.success();
    assert_eq!(out.lines(), ["100", "200"], "{out}");

    let hard = host_hard_nofile(&env);
    let out = run(&["--ulimit", "host"]);
    out.success();
    assert_eq!(out.lines()[1], hard.to_string(), "{out}");

    let too_high = format!("nofile=1024:{}", hard + 1);
    run(&["--ulimit", &too_high])
        .error125()
        .stderr_has("ulimit nofile")
        .stderr_has(&format!("current hard limit {hard}"));
    run(&["--ulimit", "foo=1"])
        .error125()
        .stderr_has("foo=1")
        .stderr_has("unknown limit");
    run(&["--ulimit", "nofile=200:100"])
        .error125()
        .stderr_is("Error: ulimit option \"nofile=200:100\" requires name=SOFT:HARD, failed to be parsed: ulimit soft limit must be less than or equal to hard limit: soft: 200, hard: 100");
}

#[test]
fn containers_conf_default_ulimits() {
    let (env, image) = require!(setup(false));
    env.containers_conf("[containers]\ndefault_ulimits = [\"nofile=300:400\"]\n");
    let out = env
        .rpod(["run", "--rm", &image, "sh", "-c", "ulimit -n; ulimit -Hn"])
        .run();
    out.success();
    assert_eq!(out.lines(), ["300", "400"], "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--ulimit",
            "nofile=100:200",
            &image,
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn",
        ])
        .run();
    out.success();
    assert_eq!(out.lines(), ["100", "200"], "{out}");
    env.containers_conf("[containers]\ndefault_ulimits = [\"bogus=1\"]\n");
    env.rpod(["run", "--rm", &image, "true"])
        .run()
        .error125()
        .stderr_has("containers.conf")
        .stderr_has("bogus=1");
}

#[test]
fn ulimits_and_profiles_rootful() {
    let (env, image) = require!(setup(true));
    // Root may raise its hard limit (within fs.nr_open), if it holds
    // CAP_SYS_RESOURCE (a root in a container may not).
    let (_, hard) = own_nofile();
    let nr_open: u64 = std::fs::read_to_string("/proc/sys/fs/nr_open")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1_048_576);
    let raised = (hard + 1).min(nr_open);
    let opt = format!("nofile=100:{raised}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--ulimit",
            &opt,
            &image,
            "sh",
            "-c",
            "ulimit -n; ulimit -Hn",
        ])
        .run();
    if holds_cap_sys_resource() || raised == hard {
        out.success();
        assert_eq!(
            out.lines(),
            ["100".to_string(), raised.to_string()],
            "{out}"
        );
    } else {
        out.error125()
            .stderr_has(&format!("current hard limit {hard}"));
    }
    let profile = env.write_file(Path::new("deny-mkdir.json"), DENY_MKDIR);
    let opt = format!("seccomp={}", profile.display());
    env.rpod([
        "run",
        "--rm",
        "--security-opt",
        &opt,
        &image,
        "mkdir",
        "/tmp/x",
    ])
    .run()
    .code(1)
    .stderr_has("Operation not permitted");
    assert_eq!(
        seccomp_mode(&env, &image, &["--security-opt", "seccomp=unconfined"]),
        "Seccomp: 0"
    );
}

/// Whether this process holds CAP_SYS_RESOURCE.
fn holds_cap_sys_resource() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        })
        .is_some_and(|m| m & (1 << 24) != 0)
}

/// This process's RLIMIT_NOFILE (soft, hard), from /proc/self/limits.
fn own_nofile() -> (u64, u64) {
    let limits = std::fs::read_to_string("/proc/self/limits").expect("reading /proc/self/limits");
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .expect("Max open files line");
    let f: Vec<u64> = line
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (f[0], f[1])
}
