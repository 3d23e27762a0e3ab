//! The create command a container was made with: which flags take values
//! (rpod's own table, the CLI checks it is complete) and the words
//! `generate systemd --new` keeps or strips.

/// Global flags of rpod that take a value (they may precede `run`).
pub(super) const GLOBAL_VALUE_FLAGS: &[&str] = &[
    "--root",
    "--runroot",
    "--log-level",
    "--storage-driver",
    "--storage-opt",
];

/// Long flags of `rpod run`/`create` that take a value (a test in the CLI
/// checks this list against the clap definition).
pub const RUN_VALUE_LONG: &[&str] = &[
    "conmon-pidfile",
    "pidfile",
    "env-merge",
    "hosts-file",
    "gpus",
    "restart",
    "image-volume",
    "log-driver",
    "log-opt",
    "label",
    "stop-signal",
    "stop-timeout",
    "sdnotify",
    "cgroups",
    "cgroup-parent",
    "cidfile",
    "env",
    "env-file",
    "workdir",
    "user",
    "entrypoint",
    "hostname",
    "tmpfs",
    "volume",
    "cap-add",
    "cap-drop",
    "security-opt",
    "network",
    "net",
    "name",
    "pull",
    "mount",
    "userns",
    "detach-keys",
    "publish",
    "dns",
    "dns-search",
    "add-host",
    "hosts-file",
    "ulimit",
    "memory",
    "memory-reservation",
    "memory-swap",
    "memory-swappiness",
    "kernel-memory",
    "cpus",
    "cpu-shares",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpuset-cpus",
    "cpuset-mems",
    "pids-limit",
    "blkio-weight",
    "blkio-weight-device",
    "device-read-bps",
    "device-write-bps",
    "device-read-iops",
    "device-write-iops",
    "oom-score-adj",
    "network-alias",
    "ip",
    "ip6",
    "mac-address",
    "health-cmd",
    "health-interval",
    "health-retries",
    "health-timeout",
    "health-start-period",
    "health-start-interval",
    "health-on-failure",
    "health-log-destination",
    "health-max-log-count",
    "health-max-log-size",
    "health-startup-cmd",
    "health-startup-interval",
    "health-startup-retries",
    "health-startup-success",
    "health-startup-timeout",
    "shm-size",
    "sysctl",
    "uidmap",
    "gidmap",
    "subuidname",
    "subgidname",
    "group-add",
    "hostuser",
    "passwd-entry",
    "group-entry",
    "umask",
    "tz",
    "volumes-from",
    "pod",
    "pod-id-file",
    "unsetenv",
    "label-file",
    "authfile",
    "creds",
    "cert-dir",
    "decryption-key",
    "signature-policy",
    "retry",
    "retry-delay",
    "platform",
    "arch",
    "os",
    "variant",
    "annotation",
    "secret",
    "expose",
    "timeout",
    "requires",
    "attach",
    "dns-option",
    "dns-opt",
    "pid",
    "ipc",
    "uts",
    "cgroupns",
    "device",
    "device-cgroup-rule",
    "systemd",
    "shm-size-systemd",
    "preserve-fds",
    "preserve-fd",
    "init-path",
    "personality",
    "chrootdirs",
];

/// Short flags of `rpod run`/`create` that take a value.
pub const RUN_VALUE_SHORT: &[char] = &['l', 'e', 'w', 'u', 'v', 'p', 'm', 'c', 'h', 'a'];

/// A create command taken apart.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct CreateCommand {
    /// Global flags before the verb (and `container` when it was used).
    pub(super) root_flags: Vec<String>,
    /// The run flags kept for the unit.
    pub(super) flags: Vec<String>,
    /// The image, its command and arguments.
    pub(super) positional: Vec<String>,
    /// `--name`.
    pub(super) name: Option<String>,
    /// `--restart`.
    pub(super) restart: Option<String>,
    /// `-e NAME` without a value (copied from the caller's environment).
    pub(super) env_names: Vec<String>,
}

/// Flags the unit sets itself, removed from the replayed command.
pub(super) const STRIPPED_LONG: &[&str] = &[
    "detach", "rm", "replace", "name", "cidfile", "sdnotify", "cgroups", "restart", "pod",
];

/// Takes a `run`/`create` command line apart: drops the flags the unit sets
/// itself, notes `--name`, `--restart` and value-less `-e`.
pub(super) fn parse_create_command(argv: &[String]) -> Option<CreateCommand> {
    let mut cc = CreateCommand::default();
    let mut i = 1;
    // Global flags up to the verb.
    loop {
        let a = argv.get(i)?;
        i += 1;
        if a == "run" || a == "create" {
            break;
        }
        cc.root_flags.push(a.clone());
        if GLOBAL_VALUE_FLAGS.contains(&a.as_str()) {
            cc.root_flags.push(argv.get(i)?.clone());
            i += 1;
        }
    }
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            cc.positional.extend(argv[i..].iter().cloned());
            return Some(cc);
        }
        if let Some(long) = a.strip_prefix("--") {
            let (flag, inline) = match long.split_once('=') {
                Some((f, v)) => (f, Some(v.to_string())),
                None => (long, None),
            };
            let value = if RUN_VALUE_LONG.contains(&flag) {
                match inline {
                    Some(v) => Some(v),
                    None => {
                        let v = argv.get(i).cloned();
                        i += 1;
                        v
                    }
                }
            } else {
                inline
            };
            match flag {
                "name" => cc.name = value,
                "restart" => cc.restart = value,
                f if STRIPPED_LONG.contains(&f) => {}
                f => {
                    if f == "env" {
                        if let Some(v) = value.as_ref().filter(|v| !v.contains('=')) {
                            cc.env_names.push(v.clone());
                        }
                    }
                    match value {
                        Some(v) if a.contains('=') => cc.flags.push(format!("--{f}={v}")),
                        Some(v) => {
                            cc.flags.push(a.clone());
                            cc.flags.push(v);
                        }
                        None => cc.flags.push(a.clone()),
                    }
                }
            }
            continue;
        }
        if let Some(cluster) = a.strip_prefix('-').filter(|c| !c.is_empty()) {
            // Short flags, possibly clustered (`-dit`, `-eA=1`).
            let mut kept = String::new();
            let mut value = None;
            for (pos, ch) in cluster.char_indices() {
                if RUN_VALUE_SHORT.contains(&ch) {
                    kept.push(ch);
                    let rest = &cluster[pos + ch.len_utf8()..];
                    let rest = rest.strip_prefix('=').unwrap_or(rest);
                    value = Some(if rest.is_empty() {
                        let v = argv.get(i).cloned().unwrap_or_default();
                        i += 1;
                        (v, false)
                    } else {
                        (rest.to_string(), true)
                    });
                    if ch == 'e' {
                        if let Some((v, _)) = value.as_ref().filter(|(v, _)| !v.contains('=')) {
                            cc.env_names.push(v.clone());
                        }
                    }
                    break;
                }
                if ch != 'd' {
                    kept.push(ch);
                }
            }
            match (kept.is_empty(), value) {
                (true, _) => {}
                (false, None) => cc.flags.push(format!("-{kept}")),
                (false, Some((v, true))) => cc.flags.push(format!("-{kept}{v}")),
                (false, Some((v, false))) => {
                    cc.flags.push(format!("-{kept}"));
                    cc.flags.push(v);
                }
            }
            continue;
        }
        // The image: everything from here on is the container's command.
        cc.positional.extend(argv[i - 1..].iter().cloned());
        break;
    }
    Some(cc)
}
