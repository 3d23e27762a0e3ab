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

mod command;
mod container;
mod pod;

use command::parse_create_command;
pub use command::{RUN_VALUE_LONG, RUN_VALUE_SHORT};
pub use container::container_unit;
pub use pod::{pod_units, PodInput, POD_NO_VALUE_LONG, POD_OPTIONAL_VALUE_LONG};

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

/// The `[Unit]` lines of `--wants`, `--after` and `--requires` (each a
/// space-separated list), under podman's comment; empty when none is given.
fn user_dependencies(opts: &GenerateOptions) -> String {
    let lists = [
        ("Wants", &opts.wants),
        ("After", &opts.after),
        ("Requires", &opts.requires),
    ];
    let mut s = String::new();
    for (key, list) in lists.iter().filter(|(_, l)| !l.is_empty()) {
        if s.is_empty() {
            s.push_str("\n# User-defined dependencies\n");
        }
        s.push_str(&format!("{key}={}\n", list.join(" ")));
    }
    s
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

#[cfg(test)]
mod tests;
