//! The small policies of a container request, each a closed set of values
//! parsed once: when to pull (`--pull`), when to restart (`--restart`),
//! how readiness reaches systemd (`--sdnotify`), where output goes
//! (`--log-driver`, `--log-opt`), the user namespace (`--userns`) and the
//! stop signal (`--stop-signal`, the image's `StopSignal`).
//!
//! The types that are also stored in the container record serialise in the
//! shape older rpods wrote (strings, a signal number, `{name,
//! max_retries}`), so existing records still load.

use std::fmt;
use std::str::FromStr;

use nix::sys::signal::Signal;
use serde::{Deserialize, Serialize};

use super::Invalid;

/// When `run`/`create` pull the image (`--pull`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PullPolicy {
    /// Pull only when the image is not in the store.
    #[default]
    Missing,
    /// Always pull first.
    Always,
    /// Never pull; a missing image is an error.
    Never,
    /// Pull when the registry's image differs from the local one (podman's
    /// `newer`: digests compared); a local image is used when the
    /// registry cannot be reached.
    Newer,
}

impl FromStr for PullPolicy {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s.to_ascii_lowercase().as_str() {
            "missing" => Ok(PullPolicy::Missing),
            "always" => Ok(PullPolicy::Always),
            "never" => Ok(PullPolicy::Never),
            "newer" => Ok(PullPolicy::Newer),
            _ => Err(Invalid::new("use missing, always, never or newer")),
        }
    }
}

/// The restart policy (`--restart`), applied by the container's monitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "RestartRecord", into = "RestartRecord")]
pub enum RestartPolicy {
    /// Never restart.
    #[default]
    No,
    /// Restart after a non-zero exit, at most `max_retries` times (0: no limit).
    OnFailure {
        /// `on-failure:N`.
        max_retries: u32,
    },
    /// Restart after every exit, unless stopped by the user.
    Always,
    /// As `Always`; podman also skips it at boot when it was stopped.
    UnlessStopped,
}

impl RestartPolicy {
    /// podman's name for it (`no`, `on-failure`, `always`, `unless-stopped`).
    pub fn name(&self) -> &'static str {
        match self {
            RestartPolicy::No => "no",
            RestartPolicy::OnFailure { .. } => "on-failure",
            RestartPolicy::Always => "always",
            RestartPolicy::UnlessStopped => "unless-stopped",
        }
    }

    /// `on-failure:N`'s N (0 for every other policy, and for no limit).
    pub fn max_retries(&self) -> u32 {
        match self {
            RestartPolicy::OnFailure { max_retries } => *max_retries,
            _ => 0,
        }
    }

    /// Whether the container starts again after it exited with `code`,
    /// having been restarted `attempt` times so far; a stop by the user
    /// (`stopped_by_user`) never restarts it.
    pub fn restarts(&self, code: u8, attempt: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self {
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
            RestartPolicy::OnFailure { max_retries } => {
                code != 0 && (*max_retries == 0 || attempt < *max_retries)
            }
            RestartPolicy::No => false,
        }
    }
}

impl fmt::Display for RestartPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestartPolicy::OnFailure { max_retries } if *max_retries > 0 => {
                write!(f, "on-failure:{max_retries}")
            }
            p => f.write_str(p.name()),
        }
    }
}

impl FromStr for RestartPolicy {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        let (name, count) = match s.split_once(':') {
            Some((n, c)) => (n, Some(c)),
            None => (s, None),
        };
        let policy = match name {
            "" | "no" => RestartPolicy::No,
            "on-failure" => RestartPolicy::OnFailure { max_retries: 0 },
            "always" => RestartPolicy::Always,
            "unless-stopped" => RestartPolicy::UnlessStopped,
            other => {
                return Err(Invalid::new(format!(
                    "invalid restart policy {other:?}: use no, on-failure[:N], always or unless-stopped"
                )))
            }
        };
        match (policy, count) {
            (p, None) => Ok(p),
            (RestartPolicy::OnFailure { .. }, Some(c)) => Ok(RestartPolicy::OnFailure {
                max_retries: c.parse().map_err(|_| {
                    Invalid::new(format!("invalid restart count {c:?}: use a number"))
                })?,
            }),
            (p, Some(_)) => Err(Invalid::new(format!(
                "restart policy {} takes no count; only on-failure:N does",
                p.name()
            ))),
        }
    }
}

/// How a restart policy is stored in a record (the shape older rpods wrote).
#[derive(Serialize, Deserialize)]
struct RestartRecord {
    #[serde(default)]
    name: String,
    #[serde(default)]
    max_retries: u32,
}

impl From<RestartRecord> for RestartPolicy {
    fn from(r: RestartRecord) -> Self {
        match r.name.as_str() {
            "on-failure" => RestartPolicy::OnFailure {
                max_retries: r.max_retries,
            },
            "always" => RestartPolicy::Always,
            "unless-stopped" => RestartPolicy::UnlessStopped,
            _ => RestartPolicy::No,
        }
    }
}

impl From<RestartPolicy> for RestartRecord {
    fn from(p: RestartPolicy) -> Self {
        RestartRecord {
            name: p.name().to_string(),
            max_retries: p.max_retries(),
        }
    }
}

/// How readiness reaches systemd's `NOTIFY_SOCKET` (`--sdnotify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SdNotifyMode {
    /// rpod's monitor reports READY=1 once the command runs.
    Conmon,
    /// The container gets its own NOTIFY_SOCKET and sends READY=1 itself;
    /// the monitor relays it.
    Container,
    /// rpod's monitor reports its PID once the command runs, and READY=1
    /// once the healthcheck first passes.
    Healthy,
    /// Nothing is sent (records of older rpods stored an empty string).
    #[default]
    #[serde(alias = "")]
    Ignore,
}

impl SdNotifyMode {
    /// The flag's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            SdNotifyMode::Conmon => "conmon",
            SdNotifyMode::Container => "container",
            SdNotifyMode::Healthy => "healthy",
            SdNotifyMode::Ignore => "ignore",
        }
    }
}

impl FromStr for SdNotifyMode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "conmon" => Ok(SdNotifyMode::Conmon),
            "container" => Ok(SdNotifyMode::Container),
            "ignore" | "" => Ok(SdNotifyMode::Ignore),
            "healthy" => Ok(SdNotifyMode::Healthy),
            _ => Err(Invalid::new("use conmon, container, healthy or ignore")),
        }
    }
}

/// Where the container's output is kept (`--log-driver`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LogDriver {
    /// The k8s-file log in the container's directory (`ctr.log`).
    #[default]
    #[serde(rename = "k8s-file", alias = "")]
    K8sFile,
    /// Not kept.
    #[serde(rename = "none")]
    None,
}

impl LogDriver {
    /// podman's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::None => "none",
        }
    }
}

impl FromStr for LogDriver {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "k8s-file" => Ok(LogDriver::K8sFile),
            "none" => Ok(LogDriver::None),
            _ => Err(Invalid::new("use k8s-file or none")),
        }
    }
}

/// Logging of the container's output (`--log-driver`, `--log-opt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogConfig {
    /// The driver.
    pub driver: LogDriver,
    /// `max-size`: the log is rotated beyond this many bytes.
    pub max_size: Option<u64>,
}

impl LogConfig {
    /// Applies one `--log-opt KEY=VALUE` (`max-size=SIZE`; `path`, `tag`
    /// and `max-file` are accepted and not used).
    pub fn apply_opt(&mut self, opt: &str) -> Result<(), Invalid> {
        match opt.split_once('=') {
            Some(("max-size", v)) => self.max_size = Some(parse_size(v)?),
            Some(("path" | "tag" | "max-file", _)) => {}
            _ => return Err(Invalid::new("unsupported; use max-size=SIZE")),
        }
        Ok(())
    }
}

/// Parses a size such as `10m`, `1.5k`, `2GB` or `4096` into bytes.
pub fn parse_size(s: &str) -> Result<u64, Invalid> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.trim_end_matches('b').trim_end_matches('i');
    let (num, mult) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1024u64),
        Some('m') => (&t[..t.len() - 1], 1024 * 1024),
        Some('g') => (&t[..t.len() - 1], 1024 * 1024 * 1024),
        _ => (t, 1),
    };
    let v: f64 = num.parse().map_err(|_| {
        Invalid::new(format!(
            "invalid size {s:?}: use a number with k, m or g, e.g. 10m"
        ))
    })?;
    if v < 0.0 {
        return Err(Invalid::new(format!(
            "invalid size {s:?}: must not be negative"
        )));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    Ok((v * mult as f64) as u64)
}

/// The container's user namespace (`--userns`).
///
/// Variants for podman's other modes (`auto`, `nomap`, explicit
/// `--uidmap`/`--gidmap`) belong here when they are implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UsernsMode {
    /// rpod's own mapping: rootless, container root is the user and 1..N
    /// the subordinate ids; rootful, the host's ids (`""`, `host`,
    /// `private`, which rootless rpod maps the same way).
    #[default]
    Host,
    /// The user's uid and gid are the same inside (rootless only).
    KeepId,
}

impl FromStr for UsernsMode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "" | "host" | "private" => Ok(UsernsMode::Host),
            "keep-id" => Ok(UsernsMode::KeepId),
            _ => Err(Invalid::new("rpod supports host, private and keep-id")),
        }
    }
}

/// Parses a signal name (`SIGTERM`, `TERM`, `term`) or number.
pub fn parse_signal(s: &str) -> Result<Signal, Invalid> {
    let s = s.trim();
    let unknown = || Invalid::new("unknown signal; use a name such as SIGTERM or a number");
    if let Ok(n) = s.parse::<i32>() {
        return Signal::try_from(n).map_err(|_| unknown());
    }
    let upper = s.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    name.parse::<Signal>().map_err(|_| unknown())
}

/// The signal `stop` sends first, as stored in a record: its number (as
/// older rpods stored it; real-time ones too: systemd mode's
/// `SIGRTMIN+3`); SIGTERM by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct StopSignal(pub i32);

impl StopSignal {
    /// systemd's stop signal (`SIGRTMIN+3`), systemd mode's default.
    pub fn rtmin_plus_3() -> StopSignal {
        StopSignal(libc::SIGRTMIN() + 3)
    }

    /// The signal, when it is not a real-time one.
    pub fn signal(self) -> Option<Signal> {
        Signal::try_from(self.0).ok()
    }
}

impl From<Signal> for StopSignal {
    fn from(s: Signal) -> StopSignal {
        StopSignal(s as i32)
    }
}

impl Default for StopSignal {
    fn default() -> Self {
        StopSignal(Signal::SIGTERM as i32)
    }
}

impl std::fmt::Display for StopSignal {
    /// Its name: `SIGTERM`, `SIGRTMIN+3`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.signal() {
            Some(s) => f.write_str(s.as_str()),
            None => write!(f, "SIGRTMIN+{}", self.0 - libc::SIGRTMIN()),
        }
    }
}

impl TryFrom<i32> for StopSignal {
    type Error = String;
    fn try_from(n: i32) -> Result<Self, String> {
        if Signal::try_from(n).is_ok() || (libc::SIGRTMIN()..=libc::SIGRTMAX()).contains(&n) {
            Ok(StopSignal(n))
        } else {
            Err(format!("unknown signal number {n}"))
        }
    }
}

impl From<StopSignal> for i32 {
    fn from(s: StopSignal) -> i32 {
        s.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policies() {
        let p: RestartPolicy = "on-failure:3".parse().unwrap();
        assert_eq!(p, RestartPolicy::OnFailure { max_retries: 3 });
        assert_eq!((p.name(), p.max_retries()), ("on-failure", 3));
        assert_eq!("always".parse(), Ok(RestartPolicy::Always));
        assert_eq!("".parse(), Ok(RestartPolicy::No));
        for bad in ["always:3", "sometimes", "on-failure:x"] {
            assert!(bad.parse::<RestartPolicy>().is_err(), "{bad}");
        }
        assert_eq!(p.to_string(), "on-failure:3");
    }

    #[test]
    fn restart_decisions() {
        let p = RestartPolicy::OnFailure { max_retries: 2 };
        assert!(p.restarts(1, 0, false));
        assert!(p.restarts(1, 1, false));
        assert!(!p.restarts(1, 2, false));
        assert!(!p.restarts(0, 0, false));
        assert!(RestartPolicy::Always.restarts(0, 100, false));
        assert!(!RestartPolicy::Always.restarts(0, 0, true));
        assert!(!RestartPolicy::No.restarts(1, 0, false));
        assert!(RestartPolicy::OnFailure { max_retries: 0 }.restarts(1, 1000, false));
    }

    #[test]
    fn stored_shapes_are_those_of_older_records() {
        let p = RestartPolicy::OnFailure { max_retries: 5 };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"name":"on-failure","max_retries":5}"#);
        assert_eq!(serde_json::from_str::<RestartPolicy>(&json).unwrap(), p);
        let old: RestartPolicy = serde_json::from_str(r#"{"name":"","max_retries":0}"#).unwrap();
        assert_eq!(old, RestartPolicy::No);
        assert_eq!(
            serde_json::from_str::<SdNotifyMode>(r#""""#).unwrap(),
            SdNotifyMode::Ignore
        );
        assert_eq!(
            serde_json::from_str::<SdNotifyMode>(r#""container""#).unwrap(),
            SdNotifyMode::Container
        );
        assert_eq!(
            serde_json::from_str::<LogDriver>(r#""k8s-file""#).unwrap(),
            LogDriver::K8sFile
        );
        assert_eq!(
            serde_json::to_string(&LogDriver::None).unwrap(),
            r#""none""#
        );
        assert_eq!(serde_json::to_string(&StopSignal::default()).unwrap(), "15");
        assert_eq!(
            serde_json::from_str::<StopSignal>("10").unwrap(),
            StopSignal::from(Signal::SIGUSR1)
        );
        assert!(serde_json::from_str::<StopSignal>("999").is_err());
        let rt = StopSignal::rtmin_plus_3();
        assert_eq!(rt.to_string(), "SIGRTMIN+3");
        assert_eq!(rt.signal(), None);
        let json = serde_json::to_string(&rt).unwrap();
        assert_eq!(serde_json::from_str::<StopSignal>(&json).unwrap(), rt);
    }

    #[test]
    fn signals_sizes_and_small_enums() {
        assert_eq!(parse_signal("TERM"), Ok(Signal::SIGTERM));
        assert_eq!(parse_signal("sigkill"), Ok(Signal::SIGKILL));
        assert_eq!(parse_signal("1"), Ok(Signal::SIGHUP));
        assert!(parse_signal("NOPE").is_err());
        assert!(parse_signal("999").is_err());
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("10k"), Ok(10240));
        assert_eq!(parse_size("1m"), Ok(1 << 20));
        assert_eq!(parse_size("2MB"), Ok(2 << 20));
        assert!(parse_size("lots").is_err());
        let mut log = LogConfig::default();
        log.apply_opt("max-size=1k").unwrap();
        log.apply_opt("tag=x").unwrap();
        assert_eq!(log.max_size, Some(1024));
        assert!(log.apply_opt("color=blue").is_err());
        assert_eq!("never".parse(), Ok(PullPolicy::Never));
        assert!("sometimes".parse::<PullPolicy>().is_err());
        assert_eq!("keep-id".parse(), Ok(UsernsMode::KeepId));
        assert_eq!("".parse(), Ok(UsernsMode::Host));
        assert!("auto".parse::<UsernsMode>().is_err());
        assert_eq!("healthy".parse(), Ok(SdNotifyMode::Healthy));
        assert!("sometimes".parse::<SdNotifyMode>().is_err());
    }
}
