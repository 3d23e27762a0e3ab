//! `rpod generate systemd`: systemd service text for an existing container,
//! in the shape podman's `generate systemd` writes (pure functions; the CLI
//! looks the container up and writes the files).
//!
//! Two shapes, as podman:
//!
//! * `--new`: the unit owns the container. `ExecStart` replays the
//!   container's original `run`/`create` arguments (its `CreateCommand`) as
//!   `rpod run --cidfile=%t/%n.ctr-id --cgroups=no-conmon --rm
//!   --sdnotify=conmon -d [--replace --name NAME] ...`; `ExecStop` and
//!   `ExecStopPost` stop and remove it through the cid file. `Type=notify`,
//!   `NotifyAccess=all`: rpod's monitor sends `MAINPID=<monitor>` and
//!   `READY=1` once the command runs.
//! * without `--new`: the unit starts and stops the existing container
//!   (`rpod start NAME`, `rpod stop -t T NAME`). Podman uses `Type=forking`
//!   with `PIDFile=` pointing at conmon's pid file; rpod keeps no pid file.
//!   So when the container was created with `--sdnotify=conmon` the unit is
//!   `Type=notify` with `NotifyAccess=all`: `rpod start` spawns the same
//!   monitor as `run -d`, and the monitor reports its PID as `MAINPID` with
//!   `READY=1`, so systemd tracks the monitor exactly and knows when the
//!   command runs (with `--sdnotify=container` the monitor reports its PID
//!   and relays the container's own `READY=1`). Otherwise (`--sdnotify=ignore`, rpod's default) nothing
//!   would report readiness, and the unit falls back to `Type=forking`
//!   without `PIDFile=`: systemd waits for `rpod start` to exit and guesses
//!   the main PID (the monitor is the only process left that it adopted);
//!   a warning suggests recreating with `--sdnotify=conmon` or using `--new`.

use std::path::Path;

use crate::container::Config;

/// Errors from generating a unit.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum GenerateError {
    /// `--template` on a pod (podman's refusal).
    #[error("--template is not supported for pods")]
    PodTemplate,
    /// `--restart-policy` is not one systemd knows.
    #[error("{0} is not a valid restart policy: use no, on-success, on-failure, on-abnormal, on-watchdog, on-abort or always")]
    RestartPolicy(String),
    /// `--new` on a container without a recorded create command.
    #[error("cannot use --new on container {0:?}: no create command recorded (it was created by an older rpod): recreate it, or generate without --new")]
    NoCreateCommand(String),
    /// The recorded create command has no `run`/`create` verb.
    #[error("container {0:?}: its create command {1:?} has no run or create verb: generate without --new")]
    BadCreateCommand(String, Vec<String>),
    /// `--new` on a pod not made by `pod create`.
    #[error("cannot use --new on pod {0:?}: it was not created by `rpod pod create` (no create command to replay): generate without --new")]
    PodCreateCommand(String),
}

/// The restart policies systemd's `Restart=` accepts.
pub const RESTART_POLICIES: &[&str] = &[
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
];

/// The stop timeout systemd gets on top of the container's own (podman's 60 s).
pub const MIN_TIMEOUT_STOP_SEC: u32 = 60;

/// Global flags of rpod that take a value (they may precede `run`).
const GLOBAL_VALUE_FLAGS: &[&str] = &[
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
];

/// Short flags of `rpod run`/`create` that take a value.
pub const RUN_VALUE_SHORT: &[char] = &['l', 'e', 'w', 'u', 'v', 'p', 'm', 'c', 'h', 'a'];

/// What the generator needs to know about a container.
#[derive(Debug, Clone, Default)]
pub struct GenerateInput {
    /// Full ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its stop timeout (seconds).
    pub stop_timeout: u32,
    /// Its restart policy name (`no`, `on-failure`, ...).
    pub restart: String,
    /// Its `--sdnotify` mode.
    pub sdnotify: String,
    /// The command line that created it (podman's `CreateCommand`).
    pub create_command: Vec<String>,
    /// Its process environment (`KEY=VALUE`), for `-e KEY` in the create command.
    pub env: Vec<String>,
    /// The store's graph root.
    pub graph_root: String,
    /// The store's run root.
    pub run_root: String,
}

impl GenerateInput {
    /// The input for a container record, its environment and the store's roots.
    pub fn from_config(c: &Config, env: Vec<String>, graph_root: &Path, run_root: &Path) -> Self {
        GenerateInput {
            id: c.id.clone(),
            name: c.name.clone(),
            stop_timeout: c.stop_timeout,
            restart: c.restart.name().to_string(),
            sdnotify: c.sdnotify.as_str().to_string(),
            create_command: c.create_command.clone(),
            env,
            graph_root: graph_root.display().to_string(),
            run_root: run_root.display().to_string(),
        }
    }
}

/// `rpod generate systemd` options (podman's), plus what the caller knows
/// about itself.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// `--new`: create the container on start, remove it on stop.
    pub new: bool,
    /// `--template`: a template unit (`NAME@.service`), one container per
    /// instance, named `NAME-INSTANCE` (implies `new`; not for pods).
    pub template: bool,
    /// `--name`: the container's name, not its ID, in the unit name and commands.
    pub use_name: bool,
    /// `--restart-policy` (default on-failure).
    pub restart_policy: Option<String>,
    /// `--restart-sec`.
    pub restart_sec: Option<u32>,
    /// `--start-timeout`.
    pub start_timeout: Option<u32>,
    /// `--stop-timeout` / `--time`: overrides the container's stop timeout.
    pub stop_timeout: Option<u32>,
    /// `--container-prefix` (default `container`).
    pub container_prefix: String,
    /// `--separator` (default `-`).
    pub separator: String,
    /// `--after`.
    pub after: Vec<String>,
    /// `--wants`.
    pub wants: Vec<String>,
    /// `--requires`.
    pub requires: Vec<String>,
    /// `--env`: `KEY=VALUE` lines for the unit.
    pub env: Vec<String>,
    /// `--no-header`.
    pub no_header: bool,
    /// The rpod binary the unit runs.
    pub executable: String,
    /// rpod's version, for the header.
    pub version: String,
    /// The time for the header (omitted when `None`).
    pub timestamp: Option<String>,
    /// Global flags (`--root`, `--runroot`) for units without `--new`; with
    /// `--new` the create command's own global flags are used.
    pub root_flags: Vec<String>,
    /// The pod the container belongs to, when generating a pod's units.
    pub pod: Option<PodRef>,
}

/// A member's pod, as its unit refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodRef {
    /// The pod's service name without `.service` (`pod-app`).
    pub service: String,
    /// The pod's name (`--pod NAME` with `--new`).
    pub name: String,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            new: false,
            template: false,
            use_name: false,
            restart_policy: None,
            restart_sec: None,
            start_timeout: None,
            stop_timeout: None,
            container_prefix: "container".into(),
            separator: "-".into(),
            after: Vec::new(),
            wants: Vec::new(),
            requires: Vec::new(),
            env: Vec::new(),
            no_header: false,
            executable: "/usr/bin/rpod".into(),
            version: String::new(),
            timestamp: None,
            root_flags: Vec::new(),
            pod: None,
        }
    }
}

/// A generated service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerUnit {
    /// The service name without `.service` (`container-web`).
    pub service_name: String,
    /// The unit file text.
    pub text: String,
    /// Things the user should know (e.g. a policy that fights systemd's).
    pub warnings: Vec<String>,
}

/// The service name: `<prefix><separator><name>`, or the bare name when the
/// prefix is empty.
pub fn service_name(prefix: &str, separator: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}{separator}{name}")
    }
}

/// Escapes one word of an `Exec*=` line as podman does: `$` and `%` doubled,
/// words with blanks or quotes double-quoted with C escapes, lone
/// backslashes doubled.
pub fn escape_arg(arg: &str) -> String {
    let arg = arg.replace('$', "$$").replace('%', "%%");
    if arg.contains([' ', '\t', '"']) || arg.chars().any(char::is_control) {
        super::unit::double_quoted(&arg)
    } else {
        arg.replace('\\', "\\\\")
    }
}

/// Joins already-escaped words, breaking the line before each option as
/// podman does (`cmd \` newline tab `--flag value`).
fn format_command(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else if w.starts_with('-') {
            out.push_str(" \\\n\t");
            out.push_str(w);
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// A create command taken apart.
#[derive(Debug, Default, PartialEq, Eq)]
struct CreateCommand {
    /// Global flags before the verb (and `container` when it was used).
    root_flags: Vec<String>,
    /// The run flags kept for the unit.
    flags: Vec<String>,
    /// The image, its command and arguments.
    positional: Vec<String>,
    /// `--name`.
    name: Option<String>,
    /// `--restart`.
    restart: Option<String>,
    /// `-e NAME` without a value (copied from the caller's environment).
    env_names: Vec<String>,
}

/// Flags the unit sets itself, removed from the replayed command.
const STRIPPED_LONG: &[&str] = &[
    "detach", "rm", "replace", "name", "cidfile", "sdnotify", "cgroups", "restart", "pod",
];

/// Takes a `run`/`create` command line apart: drops the flags the unit sets
/// itself, notes `--name`, `--restart` and value-less `-e`.
fn parse_create_command(argv: &[String]) -> Option<CreateCommand> {
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

/// Generates the service for one container.
pub fn container_unit(
    c: &GenerateInput,
    opts: &GenerateOptions,
) -> Result<ContainerUnit, GenerateError> {
    let mut warnings = Vec::new();
    let mut restart = "on-failure".to_string();
    if let Some(p) = &opts.restart_policy {
        if !RESTART_POLICIES.contains(&p.as_str()) {
            return Err(GenerateError::RestartPolicy(p.clone()));
        }
        restart.clone_from(p);
    }
    let stop_timeout = opts.stop_timeout.unwrap_or(c.stop_timeout);
    let name_or_id = if opts.use_name { &c.name } else { &c.id };
    let service = service_name(&opts.container_prefix, &opts.separator, name_or_id);
    let exe = escape_arg(&opts.executable);
    let t = stop_timeout.to_string();
    let mut extra_env = Vec::new();
    let mut start_limit_burst = None;

    let (kind, notify_access, start, stop, stop_post) = if opts.new {
        if c.create_command.is_empty() {
            return Err(GenerateError::NoCreateCommand(name_or_id.clone()));
        }
        let cc = parse_create_command(&c.create_command).ok_or_else(|| {
            GenerateError::BadCreateCommand(name_or_id.clone(), c.create_command.clone())
        })?;
        let root: Vec<String> = cc.root_flags.iter().map(|a| escape_arg(a)).collect();
        let cmd = |verb: &[&str]| -> Vec<String> {
            let mut v = vec![exe.clone()];
            v.extend(root.iter().cloned());
            v.extend(verb.iter().map(|s| s.to_string()));
            v
        };
        let mut start = cmd(&[
            "run",
            "--cidfile=%t/%n.ctr-id",
            "--cgroups=no-conmon",
            "--rm",
            "--sdnotify=conmon",
            "-d",
        ]);
        if let Some(p) = &opts.pod {
            start.push("--pod".into());
            start.push(escape_arg(&p.name));
        }
        match (&cc.name, opts.template) {
            (Some(n), template) => {
                start.push("--replace".into());
                start.push("--name".into());
                // Each instance's container is NAME-INSTANCE (podman's).
                let suffix = if template { "-%i" } else { "" };
                start.push(format!("{}{suffix}", escape_arg(n)));
            }
            (None, true) => start.push(format!("--name={service}-%i")),
            (None, false) => {}
        }
        start.extend(cc.flags.iter().map(|a| escape_arg(a)));
        start.extend(cc.positional.iter().map(|a| escape_arg(a)));
        let mut stop = cmd(&["stop", "--ignore", "-t"]);
        stop.extend([t.clone(), "--cidfile=%t/%n.ctr-id".into()]);
        let mut post = cmd(&["rm", "-f", "--ignore", "-t"]);
        post.extend([t.clone(), "--cidfile=%t/%n.ctr-id".into()]);
        if opts.restart_policy.is_none() {
            if let Some(r) = &cc.restart {
                let (name, count) = r.split_once(':').unwrap_or((r, ""));
                restart = match name {
                    "unless-stopped" => "always".into(),
                    "" => "no".into(),
                    n => n.into(),
                };
                if !count.is_empty() {
                    start_limit_burst = Some(count.to_string());
                }
            }
        }
        for key in &cc.env_names {
            if let Some(kv) = c
                .env
                .iter()
                .find(|kv| kv.split_once('=').is_some_and(|(k, _)| k == key))
            {
                extra_env.push(escape_arg(kv));
            }
        }
        ("notify", Some("all"), start, stop, post)
    } else {
        if !matches!(c.restart.as_str(), "" | "no") {
            warnings.push(format!(
                "container {} has restart policy {:?} which can lead to issues on shutdown: consider recreating the container without a restart policy and use systemd's restart mechanism instead",
                c.id, c.restart
            ));
        }
        let notify = matches!(c.sdnotify.as_str(), "conmon" | "container" | "healthy");
        if !notify {
            warnings.push(format!(
                "container {} was not created with --sdnotify=conmon: the unit is Type=forking and systemd guesses its main PID; recreate the container with --sdnotify=conmon, or use --new",
                c.id
            ));
        }
        let root: Vec<String> = opts.root_flags.iter().map(|a| escape_arg(a)).collect();
        let cmd = |rest: &[&str]| -> Vec<String> {
            let mut v = vec![exe.clone()];
            v.extend(root.iter().cloned());
            v.extend(rest.iter().map(|s| s.to_string()));
            v
        };
        let start = cmd(&["start", name_or_id]);
        let stop = cmd(&["stop", "-t", &t, name_or_id]);
        let post = stop.clone();
        if notify {
            ("notify", Some("all"), start, stop, post)
        } else {
            ("forking", None, start, stop, post)
        }
    };

    let (at, for_instance, instance) = if opts.template {
        ("@", " for %I", "-%i")
    } else {
        ("", "", "")
    };
    let mut s = String::new();
    s.push_str(&format!("# {service}{at}.service\n"));
    if !opts.no_header {
        s.push_str(&format!("# autogenerated by rpod {}\n", opts.version));
        if let Some(ts) = &opts.timestamp {
            s.push_str(&format!("# {ts}\n"));
        }
    }
    s.push_str("\n[Unit]\n");
    s.push_str(&format!(
        "Description=rpod {service}.service{for_instance}\n"
    ));
    s.push_str("Documentation=man:rpod-generate-systemd(1)\n");
    s.push_str("Wants=network-online.target\n");
    s.push_str("After=network-online.target\n");
    s.push_str(&format!(
        "RequiresMountsFor={} {}\n",
        escape_arg(&c.graph_root),
        escape_arg(&c.run_root)
    ));
    if let Some(p) = &opts.pod {
        s.push_str(&format!("BindsTo={}.service\n", p.service));
        s.push_str(&format!("After={}.service\n", p.service));
    }
    if !opts.wants.is_empty() || !opts.after.is_empty() || !opts.requires.is_empty() {
        s.push_str("\n# User-defined dependencies\n");
    }
    for (key, list) in [
        ("Wants", &opts.wants),
        ("After", &opts.after),
        ("Requires", &opts.requires),
    ] {
        if !list.is_empty() {
            s.push_str(&format!("{key}={}\n", list.join(" ")));
        }
    }
    s.push_str("\n[Service]\n");
    s.push_str(&format!("Environment=PODMAN_SYSTEMD_UNIT=%n{instance}\n"));
    if !extra_env.is_empty() {
        s.push_str(&format!("Environment={}\n", extra_env.join(" ")));
    }
    for e in &opts.env {
        s.push_str(&format!("Environment={}\n", escape_arg(e)));
    }
    s.push_str(&format!("Restart={restart}\n"));
    if let Some(sec) = opts.restart_sec.filter(|s| *s != 0) {
        s.push_str(&format!("RestartSec={sec}\n"));
    }
    if let Some(b) = start_limit_burst {
        s.push_str(&format!("StartLimitBurst={b}\n"));
    }
    if let Some(t) = opts.start_timeout.filter(|t| *t != 0) {
        s.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    s.push_str(&format!(
        "TimeoutStopSec={}\n",
        MIN_TIMEOUT_STOP_SEC + stop_timeout
    ));
    s.push_str(&format!("ExecStart={}\n", format_command(&start)));
    s.push_str(&format!("ExecStop={}\n", format_command(&stop)));
    s.push_str(&format!("ExecStopPost={}\n", format_command(&stop_post)));
    s.push_str(&format!("Type={kind}\n"));
    if let Some(a) = notify_access {
        s.push_str(&format!("NotifyAccess={a}\n"));
    }
    s.push_str("\n[Install]\nWantedBy=default.target\n");
    Ok(ContainerUnit {
        service_name: service,
        text: s,
        warnings,
    })
}

/// What the generator needs to know about a pod.
#[derive(Debug, Clone, Default)]
pub struct PodInput {
    /// Full ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// The command line that created it (`rpod pod create …`).
    pub create_command: Vec<String>,
    /// The store's graph root.
    pub graph_root: String,
    /// The store's run root.
    pub run_root: String,
}

/// Pod create flags the unit sets itself, removed from the replayed command.
const POD_STRIPPED_LONG: &[&str] = &[
    "name",
    "replace",
    "pod-id-file",
    "exit-policy",
    "infra-conmon-pidfile",
];

/// `pod create` flags that take no value (the binary's unit test checks
/// this against its clap definition).
pub const POD_NO_VALUE_LONG: &[&str] = &["replace", "oom-kill-disable"];

/// `pod create` flags whose value, if any, follows `=` (`--infra`,
/// `--infra=false`).
pub const POD_OPTIONAL_VALUE_LONG: &[&str] = &["infra"];

/// Takes a `pod create` command line apart: (global flags, kept flags, name).
fn parse_pod_create(argv: &[String]) -> Option<(Vec<String>, Vec<String>, Option<String>)> {
    let verb = argv
        .windows(2)
        .position(|w| w[0] == "pod" && w[1] == "create")?;
    let root = argv.get(1..verb)?.to_vec();
    let (mut flags, mut name) = (Vec::new(), None);
    let mut i = verb + 2;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        let (flag, inline) = if let Some(long) = a.strip_prefix("--") {
            match long.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            }
        } else if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            let (f, v) = short.split_at(1);
            let long = match f {
                "n" => "name",
                "p" => "publish",
                "l" => "label",
                other => other,
            };
            (long.to_string(), (!v.is_empty()).then(|| v.to_string()))
        } else {
            name = Some(a.clone());
            continue;
        };
        let value = if POD_NO_VALUE_LONG.contains(&flag.as_str()) {
            None
        } else {
            match inline {
                Some(v) => Some(v),
                None if POD_OPTIONAL_VALUE_LONG.contains(&flag.as_str()) => None,
                None => {
                    i += 1;
                    Some(argv.get(i - 1)?.clone())
                }
            }
        };
        if flag == "name" {
            name = value;
        } else if !POD_STRIPPED_LONG.contains(&flag.as_str()) {
            match value {
                // Kept as one word: `--infra false` would read `false` as the pod's name.
                Some(v) if POD_OPTIONAL_VALUE_LONG.contains(&flag.as_str()) => {
                    flags.push(format!("--{flag}={v}"));
                }
                v => {
                    flags.push(format!("--{flag}"));
                    flags.extend(v);
                }
            }
        }
    }
    Some((root, flags, name))
}

/// Generates the units of a pod: one per member, then the pod's, which `Wants=` and comes `Before=` its
/// members', then one per member (`BindsTo=` and `After=` the pod's). rpod's pods
/// have no infra container, so the pod's unit is `Type=oneshot` with
/// `RemainAfterExit=yes`: it creates (with `--new`) and starts the pod, and stays
/// active while the members run.
pub fn pod_units(
    pod: &PodInput,
    members: &[GenerateInput],
    opts: &GenerateOptions,
    pod_prefix: &str,
) -> Result<Vec<ContainerUnit>, GenerateError> {
    if opts.template {
        return Err(GenerateError::PodTemplate);
    }
    // The members' units take the policy; the pod's is Type=oneshot, which
    // systemd (before 254) refuses a Restart= for.
    if let Some(p) = &opts.restart_policy {
        if !RESTART_POLICIES.contains(&p.as_str()) {
            return Err(GenerateError::RestartPolicy(p.clone()));
        }
    }
    let name_or_id = if opts.use_name { &pod.name } else { &pod.id };
    let service = service_name(pod_prefix, &opts.separator, name_or_id);
    let member_opts = GenerateOptions {
        pod: Some(PodRef {
            service: service.clone(),
            name: pod.name.clone(),
        }),
        ..opts.clone()
    };
    let mut units = Vec::new();
    for m in members {
        units.push(container_unit(m, &member_opts)?);
    }
    let stop_timeout = opts.stop_timeout.unwrap_or(10);
    let exe = escape_arg(&opts.executable);
    let id_file = format!("%t/{service}.pod-id");
    let (root, pre) = if opts.new {
        let (root, flags, _) = parse_pod_create(&pod.create_command)
            .ok_or_else(|| GenerateError::PodCreateCommand(name_or_id.clone()))?;
        let root: Vec<String> = root.iter().map(|a| escape_arg(a)).collect();
        let mut create = vec![exe.clone()];
        create.extend(root.iter().cloned());
        create.extend(
            [
                "pod",
                "create",
                "--pod-id-file",
                &id_file,
                "--exit-policy=stop",
                "--replace",
                "--name",
            ]
            .map(String::from),
        );
        create.push(escape_arg(&pod.name));
        create.extend(flags.iter().map(|a| escape_arg(a)));
        (
            root,
            vec![format!("/bin/rm -f {id_file}"), format_command(&create)],
        )
    } else {
        (
            opts.root_flags.iter().map(|a| escape_arg(a)).collect(),
            Vec::new(),
        )
    };
    let cmd = |rest: &[&str]| -> Vec<String> {
        let mut v = vec![exe.clone()];
        v.extend(root.iter().cloned());
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    let target = escape_arg(if opts.new { &pod.name } else { name_or_id });
    let t = stop_timeout.to_string();
    let start = cmd(&["pod", "start", &target]);
    let stop = cmd(&["pod", "stop", "--ignore", "-t", &t, &target]);
    let post = if opts.new {
        Some(cmd(&[
            "pod",
            "rm",
            "--ignore",
            "-f",
            "--pod-id-file",
            &id_file,
        ]))
    } else {
        None
    };

    let services: Vec<String> = units
        .iter()
        .map(|u| format!("{}.service", u.service_name))
        .collect();
    let mut s = String::new();
    s.push_str(&format!("# {service}.service\n"));
    if !opts.no_header {
        s.push_str(&format!("# autogenerated by rpod {}\n", opts.version));
        if let Some(ts) = &opts.timestamp {
            s.push_str(&format!("# {ts}\n"));
        }
    }
    s.push_str("\n[Unit]\n");
    s.push_str(&format!("Description=rpod {service}.service\n"));
    s.push_str("Documentation=man:rpod-generate-systemd(1)\n");
    s.push_str("Wants=network-online.target\n");
    s.push_str("After=network-online.target\n");
    s.push_str(&format!(
        "RequiresMountsFor={} {}\n",
        escape_arg(&pod.graph_root),
        escape_arg(&pod.run_root)
    ));
    if !services.is_empty() {
        s.push_str(&format!("Wants={}\n", services.join(" ")));
        s.push_str(&format!("Before={}\n", services.join(" ")));
    }
    if !opts.wants.is_empty() || !opts.after.is_empty() || !opts.requires.is_empty() {
        s.push_str("\n# User-defined dependencies\n");
    }
    for (key, list) in [
        ("Wants", &opts.wants),
        ("After", &opts.after),
        ("Requires", &opts.requires),
    ] {
        if !list.is_empty() {
            s.push_str(&format!("{key}={}\n", list.join(" ")));
        }
    }
    s.push_str("\n[Service]\n");
    s.push_str("Environment=PODMAN_SYSTEMD_UNIT=%n\n");
    for e in &opts.env {
        s.push_str(&format!("Environment={}\n", escape_arg(e)));
    }
    if let Some(t) = opts.start_timeout.filter(|t| *t != 0) {
        s.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    s.push_str(&format!(
        "TimeoutStopSec={}\n",
        MIN_TIMEOUT_STOP_SEC + stop_timeout
    ));
    for p in &pre {
        s.push_str(&format!("ExecStartPre={p}\n"));
    }
    s.push_str(&format!("ExecStart={}\n", format_command(&start)));
    s.push_str(&format!("ExecStop={}\n", format_command(&stop)));
    if let Some(p) = post {
        s.push_str(&format!("ExecStopPost={}\n", format_command(&p)));
    }
    s.push_str("Type=oneshot\nRemainAfterExit=yes\n");
    s.push_str("\n[Install]\nWantedBy=default.target\n");
    units.push(ContainerUnit {
        service_name: service,
        text: s,
        warnings: Vec::new(),
    });
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn input() -> GenerateInput {
        GenerateInput {
            id: "0123456789abcdef".into(),
            name: "web".into(),
            stop_timeout: 10,
            restart: "no".into(),
            sdnotify: "conmon".into(),
            create_command: words(&[
                "/usr/bin/rpod",
                "run",
                "-d",
                "--name",
                "web",
                "-e",
                "FOO",
                "--hostname",
                "h",
                "img",
                "sh",
                "-c",
                "echo a b; x=$HOME",
            ]),
            env: words(&["PATH=/bin", "FOO=from here"]),
            graph_root: "/home/u/.local/share/rpod/storage".into(),
            run_root: "/run/user/1000/rpod".into(),
        }
    }

    fn opts() -> GenerateOptions {
        GenerateOptions {
            version: "1.0".into(),
            timestamp: Some("Thu Jan  1 00:00:00 UTC 1970".into()),
            ..GenerateOptions::default()
        }
    }

    #[test]
    fn existing_container_unit() {
        let o = GenerateOptions {
            use_name: true,
            ..opts()
        };
        let u = container_unit(&input(), &o).unwrap();
        assert_eq!(u.service_name, "container-web");
        assert!(u.warnings.is_empty(), "{:?}", u.warnings);
        assert_eq!(
            u.text,
            "# container-web.service
# autogenerated by rpod 1.0
# Thu Jan  1 00:00:00 UTC 1970

[Unit]
Description=rpod container-web.service
Documentation=man:rpod-generate-systemd(1)
Wants=network-online.target
After=network-online.target
RequiresMountsFor=/home/u/.local/share/rpod/storage /run/user/1000/rpod

[Service]
Environment=PODMAN_SYSTEMD_UNIT=%n
Restart=on-failure
TimeoutStopSec=70
ExecStart=/usr/bin/rpod start web
ExecStop=/usr/bin/rpod stop \\
\t-t 10 web
ExecStopPost=/usr/bin/rpod stop \\
\t-t 10 web
Type=notify
NotifyAccess=all

[Install]
WantedBy=default.target
"
        );
    }

    #[test]
    fn new_unit_replays_the_create_command() {
        let o = GenerateOptions {
            new: true,
            ..opts()
        };
        let u = container_unit(&input(), &o).unwrap();
        // Without --name the unit is named after the ID.
        assert_eq!(u.service_name, "container-0123456789abcdef");
        let exec = |key: &str| {
            let unit = crate::systemd::unit::UnitFile::parse("u", &u.text).unwrap();
            crate::systemd::unit::split_words(&unit.last("Service", key).unwrap()).unwrap()
        };
        assert_eq!(
            exec("ExecStart"),
            words(&[
                "/usr/bin/rpod",
                "run",
                "--cidfile=%t/%n.ctr-id",
                "--cgroups=no-conmon",
                "--rm",
                "--sdnotify=conmon",
                "-d",
                "--replace",
                "--name",
                "web",
                "-e",
                "FOO",
                "--hostname",
                "h",
                "img",
                "sh",
                "-c",
                // $ and % are doubled for systemd; split_words leaves them.
                "echo a b; x=$$HOME",
            ])
        );
        assert_eq!(
            exec("ExecStop"),
            words(&[
                "/usr/bin/rpod",
                "stop",
                "--ignore",
                "-t",
                "10",
                "--cidfile=%t/%n.ctr-id"
            ])
        );
        assert_eq!(
            exec("ExecStopPost"),
            words(&[
                "/usr/bin/rpod",
                "rm",
                "-f",
                "--ignore",
                "-t",
                "10",
                "--cidfile=%t/%n.ctr-id"
            ])
        );
        assert!(u.text.contains("\nType=notify\nNotifyAccess=all\n"));
        // `-e FOO` without a value: the unit carries the container's value.
        assert!(
            u.text.contains("\nEnvironment=\"FOO=from here\"\n"),
            "{}",
            u.text
        );
        assert!(u.text.contains(
            "ExecStart=/usr/bin/rpod run \\\n\t--cidfile=%t/%n.ctr-id \\\n\t--cgroups=no-conmon \\\n"
        ));
    }

    #[test]
    fn create_command_flags_are_stripped_and_global_flags_kept() {
        let cc = parse_create_command(&words(&[
            "rpod",
            "--root",
            "/r",
            "container",
            "create",
            "-dit",
            "--rm",
            "--replace",
            "--cidfile=/x",
            "--sdnotify",
            "ignore",
            "--cgroups=split",
            "--restart=on-failure:5",
            "--name=web",
            "-eA=1",
            "-v",
            "/a:/b",
            "--",
            "img",
            "--rm",
        ]))
        .unwrap();
        assert_eq!(cc.root_flags, words(&["--root", "/r", "container"]));
        assert_eq!(cc.flags, words(&["-it", "-eA=1", "-v", "/a:/b"]));
        assert_eq!(cc.positional, words(&["img", "--rm"]));
        assert_eq!(cc.name.as_deref(), Some("web"));
        assert_eq!(cc.restart.as_deref(), Some("on-failure:5"));
        // The image's own arguments are never taken for flags.
        let cc =
            parse_create_command(&words(&["rpod", "run", "img", "-d", "--name", "x"])).unwrap();
        assert!(cc.flags.is_empty() && cc.name.is_none());
        assert_eq!(cc.positional, words(&["img", "-d", "--name", "x"]));
        assert!(parse_create_command(&words(&["rpod", "start", "x"])).is_none());
    }

    #[test]
    fn restart_policy_from_create_command_and_options() {
        let mut i = input();
        i.create_command = words(&["rpod", "run", "--restart", "on-failure:5", "img"]);
        let new = GenerateOptions {
            new: true,
            ..opts()
        };
        let u = container_unit(&i, &new).unwrap();
        assert!(u.text.contains("\nRestart=on-failure\nStartLimitBurst=5\n"));
        assert!(!u.text.contains("--restart"));
        i.create_command = words(&["rpod", "run", "--restart=unless-stopped", "img"]);
        let u = container_unit(&i, &new).unwrap();
        assert!(u.text.contains("\nRestart=always\n"));
        // --restart-policy wins.
        let o = GenerateOptions {
            restart_policy: Some("no".into()),
            ..new.clone()
        };
        assert!(container_unit(&i, &o)
            .unwrap()
            .text
            .contains("\nRestart=no\n"));
        let o = GenerateOptions {
            restart_policy: Some("sometimes".into()),
            ..new
        };
        assert_eq!(
            container_unit(&i, &o),
            Err(GenerateError::RestartPolicy("sometimes".into()))
        );
    }

    #[test]
    fn options_change_what_podman_changes() {
        let o = GenerateOptions {
            use_name: true,
            restart_sec: Some(15),
            start_timeout: Some(90),
            stop_timeout: Some(5),
            container_prefix: "ctr".into(),
            separator: "_".into(),
            after: words(&["a.service", "b.service"]),
            wants: words(&["w.service"]),
            requires: words(&["r.service"]),
            env: words(&["A=1", "B=x y"]),
            no_header: true,
            executable: "/opt/my rpod".into(),
            root_flags: words(&["--root", "/r"]),
            ..opts()
        };
        let u = container_unit(&input(), &o).unwrap();
        assert_eq!(u.service_name, "ctr_web");
        let t = &u.text;
        assert!(t.starts_with("# ctr_web.service\n\n[Unit]\n"), "{t}");
        assert!(!t.contains("autogenerated") && !t.contains("1970"));
        assert!(t.contains(
            "\n# User-defined dependencies\nWants=w.service\nAfter=a.service b.service\nRequires=r.service\n"
        ), "{t}");
        assert!(
            t.contains("\nEnvironment=A=1\nEnvironment=\"B=x y\"\n"),
            "{t}"
        );
        assert!(t.contains("\nRestartSec=15\n"));
        assert!(t.contains("\nTimeoutStartSec=90\nTimeoutStopSec=65\n"));
        assert!(
            t.contains("\nExecStart=\"/opt/my rpod\" \\\n\t--root /r start web\n"),
            "{t}"
        );
        assert!(t.contains("-t 5 web\n"));
        // Empty prefix: the bare name, no separator.
        let o = GenerateOptions {
            container_prefix: String::new(),
            ..opts()
        };
        assert_eq!(
            container_unit(&input(), &o).unwrap().service_name,
            "0123456789abcdef"
        );
    }

    #[test]
    fn existing_container_without_sdnotify_forks_and_warns() {
        let mut i = input();
        i.sdnotify = "ignore".into();
        i.restart = "always".into();
        let u = container_unit(&i, &opts()).unwrap();
        assert!(u.text.contains("\nType=forking\n\n[Install]"), "{}", u.text);
        assert!(!u.text.contains("NotifyAccess"));
        assert_eq!(u.warnings.len(), 2, "{:?}", u.warnings);
        // --new always notifies.
        let o = GenerateOptions {
            new: true,
            ..opts()
        };
        assert!(container_unit(&i, &o).unwrap().text.contains("Type=notify"));
        // The container reports readiness itself, relayed by the monitor.
        i.sdnotify = "container".into();
        let u = container_unit(&i, &opts()).unwrap();
        assert!(
            u.text.contains("\nType=notify\nNotifyAccess=all\n"),
            "{}",
            u.text
        );
    }

    #[test]
    fn new_needs_a_create_command() {
        let mut i = input();
        i.create_command.clear();
        let o = GenerateOptions {
            new: true,
            ..opts()
        };
        assert!(matches!(
            container_unit(&i, &o),
            Err(GenerateError::NoCreateCommand(_))
        ));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_arg("plain"), "plain");
        assert_eq!(escape_arg("50%$x"), "50%%$$x");
        assert_eq!(escape_arg("a b"), "\"a b\"");
        assert_eq!(escape_arg("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(escape_arg("a\\b"), "a\\\\b");
    }

    #[test]
    fn pod_create_replayed_without_the_flags_the_unit_sets() {
        let argv = words(&[
            "/usr/bin/rpod",
            "--root",
            "/r",
            "pod",
            "create",
            "--name",
            "app",
            "-p",
            "8080:80",
            "--replace",
            "--label=a=b",
            "--exit-policy",
            "continue",
            "--pod-id-file",
            "/x",
        ]);
        let (root, flags, name) = parse_pod_create(&argv).unwrap();
        assert_eq!(root, words(&["--root", "/r"]));
        assert_eq!(flags, words(&["--publish", "8080:80", "--label", "a=b"]));
        assert_eq!(name.as_deref(), Some("app"));
        assert!(parse_pod_create(&words(&["/usr/bin/rpod", "run", "--pod", "new:x"])).is_none());
        // Flags without a value, or with an optional `=value`, do not eat
        // the next word (the pod's name here).
        let argv = words(&[
            "/usr/bin/rpod",
            "pod",
            "create",
            "--infra",
            "--oom-kill-disable",
            "--infra=false",
            "mypod",
        ]);
        let (_, flags, name) = parse_pod_create(&argv).unwrap();
        assert_eq!(
            flags,
            words(&["--infra", "--oom-kill-disable", "--infra=false"])
        );
        assert_eq!(name.as_deref(), Some("mypod"));
    }

    #[test]
    fn pod_units_bind_members_to_the_pod() {
        let pod = PodInput {
            id: "feedbeef".into(),
            name: "app".into(),
            ..Default::default()
        };
        let opts = GenerateOptions {
            use_name: true,
            ..Default::default()
        };
        let units = pod_units(&pod, &[input()], &opts, "pod").unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].service_name, "container-web");
        assert!(units[0]
            .text
            .contains("\nBindsTo=pod-app.service\nAfter=pod-app.service\n"));
        assert!(units[0]
            .text
            .contains("ExecStart=/usr/bin/rpod start web\n"));
        let p = &units[1];
        assert_eq!(p.service_name, "pod-app");
        assert!(p
            .text
            .contains("\nWants=container-web.service\nBefore=container-web.service\n"));
        assert!(p.text.contains("ExecStart=/usr/bin/rpod pod start app\n"));
        assert!(p.text.contains("Type=oneshot\nRemainAfterExit=yes\n"));
        assert!(!p.text.contains("ExecStartPre"));
        let new = GenerateOptions { new: true, ..opts };
        assert_eq!(
            pod_units(&pod, &[], &new, "pod"),
            Err(GenerateError::PodCreateCommand("app".into()))
        );
    }
}
