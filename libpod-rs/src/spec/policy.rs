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
            // podman takes `never` (any case) as `no`
            n if n.eq_ignore_ascii_case("never") => RestartPolicy::No,
            "on-failure" => RestartPolicy::OnFailure { max_retries: 0 },
            "always" => RestartPolicy::Always,
            "unless-stopped" => RestartPolicy::UnlessStopped,
            other => {
                return Err(Invalid::new(format!(
                    "invalid restart policy {other:?}: use no (or never), on-failure[:N], always or unless-stopped"
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
    /// podman's `json-file`: the same k8s-file log, under Docker's name.
    #[serde(rename = "json-file")]
    JsonFile,
    /// The caller's own stdin, stdout and stderr handed to the container
    /// as they are: no log, nothing copied (refused on a terminal).
    #[serde(rename = "passthrough")]
    Passthrough,
    /// `passthrough`, allowed on a terminal too.
    #[serde(rename = "passthrough-tty")]
    PassthroughTty,
}

impl LogDriver {
    /// podman's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::None => "none",
            LogDriver::JsonFile => "json-file",
            LogDriver::Passthrough => "passthrough",
            LogDriver::PassthroughTty => "passthrough-tty",
        }
    }

    /// Whether the container's stdio are the caller's own (`passthrough`,
    /// `passthrough-tty`): no log, no attach.
    pub fn is_passthrough(self) -> bool {
        matches!(self, LogDriver::Passthrough | LogDriver::PassthroughTty)
    }

    /// Whether its output is kept in a log file `rpod logs` reads.
    pub fn keeps_log(self) -> bool {
        matches!(self, LogDriver::K8sFile | LogDriver::JsonFile)
    }
}

impl FromStr for LogDriver {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "k8s-file" => Ok(LogDriver::K8sFile),
            "none" => Ok(LogDriver::None),
            "json-file" => Ok(LogDriver::JsonFile),
            "passthrough" => Ok(LogDriver::Passthrough),
            "passthrough-tty" => Ok(LogDriver::PassthroughTty),
            _ => Err(Invalid::new(
                "use k8s-file, json-file, none, passthrough or passthrough-tty",
            )),
        }
    }
}

/// Logging of the container's output (`--log-driver`, `--log-opt`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogConfig {
    /// The driver (`None`: containers.conf's `log_driver`, else k8s-file).
    pub driver: Option<LogDriver>,
    /// `max-size`: the log is rotated beyond this many bytes.
    pub max_size: Option<u64>,
    /// `tag`: kept and shown by inspect (`None`: containers.conf's
    /// `log_tag`); rpod's log files, as podman's k8s-file, do not use it.
    pub tag: Option<String>,
}

impl LogConfig {
    /// Applies one `--log-opt KEY=VALUE` (`max-size=SIZE`, `tag=TAG`;
    /// `path` and `max-file` are accepted and not used).
    pub fn apply_opt(&mut self, opt: &str) -> Result<(), Invalid> {
        match opt.split_once('=') {
            Some(("max-size", v)) => self.max_size = Some(parse_size(v)?),
            Some(("tag", v)) => self.tag = Some(v.to_string()).filter(|t| !t.is_empty()),
            Some(("path" | "max-file", _)) => {}
            _ => return Err(Invalid::new("unsupported; use max-size=SIZE")),
        }
        Ok(())
    }
}

/// Parses `--log-opt max-size` as podman does (go-units' `FromHumanSize`:
/// `10m` is 10,000,000 bytes).
pub fn parse_size(s: &str) -> Result<u64, Invalid> {
    crate::units::human_size(s).map_err(|e| Invalid::new(format!("invalid size {s:?}: {e}")))
}

/// The container's user namespace (`--userns`), as podman names its modes.
/// Stored in records as its string (`keep-id:uid=1000`), which older rpods
/// wrote as `host` and `keep-id`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum UsernsMode {
    /// rpod's own mapping: rootless, container root is the user and 1..N
    /// the subordinate ids; rootful, the host's ids (`""`, `host`,
    /// `private`, which rootless rpod maps the same way).
    #[default]
    Host,
    /// `keep-id[:uid=N,gid=N,size=N]`: the user's uid and gid are `uid`
    /// and `gid` inside (their own numbers by default; rootless only).
    KeepId(KeepIdOptions),
    /// `nomap`: the user's own ids are not mapped at all; container root
    /// is the first subordinate id (rootless only).
    NoMap,
    /// `auto[:size=N,uidmapping=..,gidmapping=..]`: a range of ids no
    /// other `auto` container uses.
    Auto(AutoOptions),
    /// `ns:PATH`: the user namespace of this file (`/proc/PID/ns/user`)
    /// is joined, with its maps.
    Ns(std::path::PathBuf),
}

/// `--userns=keep-id`'s options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeepIdOptions {
    /// `uid=`: the user's uid inside (its own by default).
    pub uid: Option<u32>,
    /// `gid=`: the user's gid inside (its own by default).
    pub gid: Option<u32>,
    /// `size=`: how many ids are mapped at most.
    pub size: Option<u32>,
}

/// `--userns=auto`'s options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AutoOptions {
    /// `size=`: how many ids (default: 1024).
    pub size: Option<u32>,
    /// `uidmapping=`: ranges placed as given, beside the automatic ones.
    pub uidmapping: Vec<super::idmap::MapEntry>,
    /// `gidmapping=`.
    pub gidmapping: Vec<super::idmap::MapEntry>,
}

impl UsernsMode {
    /// Whether it is `keep-id` (with any options).
    pub fn is_keep_id(&self) -> bool {
        matches!(self, UsernsMode::KeepId(_))
    }

    /// podman's `HostConfig.UsernsMode`: empty for the default mapping,
    /// `private` for a namespace of the container's own, `ns:PATH` for a
    /// joined one.
    pub fn inspect_name(&self) -> String {
        match self {
            UsernsMode::Host => String::new(),
            UsernsMode::Ns(p) => format!("ns:{}", p.display()),
            _ => "private".into(),
        }
    }
}

fn opt_id(key: &str, v: &str) -> Result<u32, Invalid> {
    v.parse::<u32>()
        .ok()
        .filter(|n| *n <= super::MAX_ID)
        .ok_or_else(|| {
            Invalid::new(format!(
                "{key}={v}: expected a number from 0 to {}",
                super::MAX_ID
            ))
        })
}

impl FromStr for UsernsMode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        let (mode, opts) = s.split_once(':').unwrap_or((s, ""));
        let pairs = || {
            opts.split(',').filter(|o| !o.is_empty()).map(|o| {
                o.split_once('=')
                    .ok_or_else(|| Invalid::new(format!("option {o:?}: expected KEY=VALUE")))
            })
        };
        match mode {
            "" | "host" | "private" if opts.is_empty() => Ok(UsernsMode::Host),
            "nomap" if opts.is_empty() => Ok(UsernsMode::NoMap),
            "ns" if opts.starts_with('/') => Ok(UsernsMode::Ns(opts.into())),
            "ns" => Err(Invalid::new(
                "ns: needs the absolute path of a user namespace, e.g. ns:/proc/1234/ns/user",
            )),
            "keep-id" => {
                let mut k = KeepIdOptions::default();
                for p in pairs() {
                    let (key, v) = p?;
                    match key {
                        "uid" => k.uid = Some(opt_id(key, v)?),
                        "gid" => k.gid = Some(opt_id(key, v)?),
                        "size" => k.size = Some(opt_id(key, v)?).filter(|n| *n > 0),
                        _ => {
                            return Err(Invalid::new(format!(
                                "unknown keep-id option {key:?}: use uid=, gid= or size="
                            )))
                        }
                    }
                }
                Ok(UsernsMode::KeepId(k))
            }
            "auto" => {
                let mut a = AutoOptions::default();
                for p in pairs() {
                    let (key, v) = p?;
                    match key {
                        "size" => {
                            a.size = Some(opt_id(key, v)?)
                                .filter(|n| *n > 0)
                                .ok_or_else(|| Invalid::new("size=0: give at least one id"))
                                .map(Some)?;
                        }
                        "uidmapping" => a.uidmapping.push(
                            v.parse()
                                .map_err(|e| Invalid::new(format!("uidmapping={v}: {e}")))?,
                        ),
                        "gidmapping" => a.gidmapping.push(
                            v.parse()
                                .map_err(|e| Invalid::new(format!("gidmapping={v}: {e}")))?,
                        ),
                        _ => {
                            return Err(Invalid::new(format!(
                                "unknown auto option {key:?}: use size=, uidmapping= or gidmapping="
                            )))
                        }
                    }
                }
                Ok(UsernsMode::Auto(a))
            }
            _ => Err(Invalid::new(
                "rpod supports host, private, keep-id[:uid=N,gid=N,size=N], nomap, auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] and ns:PATH",
            )),
        }
    }
}

impl fmt::Display for UsernsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |parts: Vec<String>, name: &str| {
            if parts.is_empty() {
                name.to_string()
            } else {
                format!("{name}:{}", parts.join(","))
            }
        };
        let s = match self {
            UsernsMode::Host => "host".to_string(),
            UsernsMode::NoMap => "nomap".to_string(),
            UsernsMode::Ns(p) => format!("ns:{}", p.display()),
            UsernsMode::KeepId(k) => {
                let mut parts = Vec::new();
                for (key, v) in [("uid", k.uid), ("gid", k.gid), ("size", k.size)] {
                    if let Some(v) = v {
                        parts.push(format!("{key}={v}"));
                    }
                }
                join(parts, "keep-id")
            }
            UsernsMode::Auto(a) => {
                let mut parts = Vec::new();
                if let Some(n) = a.size {
                    parts.push(format!("size={n}"));
                }
                parts.extend(a.uidmapping.iter().map(|m| format!("uidmapping={m}")));
                parts.extend(a.gidmapping.iter().map(|m| format!("gidmapping={m}")));
                join(parts, "auto")
            }
        };
        f.write_str(&s)
    }
}

impl TryFrom<String> for UsernsMode {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        s.parse()
    }
}

impl From<UsernsMode> for String {
    fn from(m: UsernsMode) -> String {
        m.to_string()
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

/// A signal as `kill -s` and `pod kill -s` take it, with podman's
/// (docker's `ParseSignal`) rules and messages: a number 1-64, or a name
/// with or without `SIG` (`RTMIN+3` and `RTMAX-1` too); a leading `-` is
/// dropped.
pub fn parse_kill_signal(s: &str) -> Result<i32, Invalid> {
    let s = s.strip_prefix('-').unwrap_or(s);
    let invalid = || Invalid::new(format!("invalid signal: {s}"));
    if let Ok(n) = s.parse::<u64>() {
        return match n {
            0 => Err(invalid()),
            1..=64 => Ok(i32::try_from(n).expect("small")),
            _ => Err(Invalid::new("valid signals are 1 through 64")),
        };
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let rt = |base: i32, rest: &str, sign: i32| -> Result<i32, Invalid> {
        let k: i32 = if rest.is_empty() {
            0
        } else {
            rest.parse().map_err(|_| invalid())?
        };
        let n = base + sign * k;
        if (34..=64).contains(&n) {
            Ok(n)
        } else {
            Err(invalid())
        }
    };
    if let Some(rest) = name.strip_prefix("RTMIN") {
        return rt(34, rest.strip_prefix('+').unwrap_or(rest), 1);
    }
    if let Some(rest) = name.strip_prefix("RTMAX") {
        return rt(64, rest.strip_prefix('-').unwrap_or(rest), -1);
    }
    if name.is_empty() {
        return Err(invalid());
    }
    format!("SIG{name}")
        .parse::<Signal>()
        .map(|sig| sig as i32)
        .map_err(|_| invalid())
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
        assert_eq!("Never".parse(), Ok(RestartPolicy::No));
        for bad in ["always:3", "sometimes", "on-failure:x", "never:2"] {
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
        for d in [LogDriver::Passthrough, LogDriver::PassthroughTty] {
            assert_eq!(d.as_str().parse::<LogDriver>().unwrap(), d);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("{:?}", d.as_str()));
            assert!(d.is_passthrough() && !d.keeps_log());
        }
        assert!(LogDriver::JsonFile.keeps_log() && !LogDriver::None.keeps_log());
        assert!("journald".parse::<LogDriver>().is_err());
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
    fn kill_signals_as_podman_parses_them() {
        for (s, n) in [
            ("1", 1),
            ("-1", 1),
            ("-INT", 2),
            ("FPE", 8),
            ("-SIGUSR1", 10),
            ("SIGUSR2", 12),
            ("64", 64),
            ("RTMIN", 34),
            ("SIGRTMIN+3", 37),
            ("rtmax-1", 63),
        ] {
            assert_eq!(parse_kill_signal(s), Ok(n), "{s}");
        }
        for s in [
            "0",
            "-0",
            "SIGBADSIG",
            "SIG",
            "BADSIG",
            "%%",
            "!",
            "''",
            " ",
            "-",
            "RTMIN+40",
        ] {
            let e = parse_kill_signal(s).unwrap_err().to_string();
            assert_eq!(
                e,
                format!("invalid signal: {}", s.strip_prefix('-').unwrap_or(s)),
                "{s}"
            );
        }
        for s in ["65", "-65", "96", "99999999"] {
            assert_eq!(
                parse_kill_signal(s).unwrap_err().to_string(),
                "valid signals are 1 through 64"
            );
        }
    }

    #[test]
    fn signals_sizes_and_small_enums() {
        assert_eq!(parse_signal("TERM"), Ok(Signal::SIGTERM));
        assert_eq!(parse_signal("sigkill"), Ok(Signal::SIGKILL));
        assert_eq!(parse_signal("1"), Ok(Signal::SIGHUP));
        assert!(parse_signal("NOPE").is_err());
        assert!(parse_signal("999").is_err());
        assert_eq!(parse_size("4096"), Ok(4096));
        // Powers of 1000, as podman's FromHumanSize.
        assert_eq!(parse_size("10k"), Ok(10_000));
        assert_eq!(parse_size("1m"), Ok(1_000_000));
        assert_eq!(parse_size("2MB"), Ok(2_000_000));
        assert!(parse_size("lots").is_err());
        let mut log = LogConfig::default();
        log.apply_opt("max-size=1k").unwrap();
        log.apply_opt("tag=x").unwrap();
        assert_eq!(log.max_size, Some(1000));
        assert_eq!(log.tag.as_deref(), Some("x"));
        assert!(log.apply_opt("color=blue").is_err());
        assert_eq!("never".parse(), Ok(PullPolicy::Never));
        assert!("sometimes".parse::<PullPolicy>().is_err());
        assert_eq!(
            "keep-id".parse(),
            Ok(UsernsMode::KeepId(KeepIdOptions::default()))
        );
        assert_eq!("".parse(), Ok(UsernsMode::Host));
        let k: UsernsMode = "keep-id:uid=200,gid=210".parse().unwrap();
        assert_eq!(k.to_string(), "keep-id:uid=200,gid=210");
        assert_eq!(k.to_string().parse::<UsernsMode>(), Ok(k));
        let a: UsernsMode = "auto:size=500,uidmapping=0:@1000:1".parse().unwrap();
        assert_eq!(a.to_string(), "auto:size=500,uidmapping=0:@1000:1");
        assert_eq!("nomap".parse(), Ok(UsernsMode::NoMap));
        assert_eq!(
            "ns:/proc/1/ns/user"
                .parse::<UsernsMode>()
                .unwrap()
                .to_string(),
            "ns:/proc/1/ns/user"
        );
        for bad in [
            "keep-id:uid=x",
            "keep-id:bogus=1",
            "auto:size=0",
            "ns:x",
            "nomap:x=1",
        ] {
            assert!(bad.parse::<UsernsMode>().is_err(), "{bad}");
        }
        // Records written by older rpods.
        let old: UsernsMode = serde_json::from_str("\"keep-id\"").unwrap();
        assert!(old.is_keep_id());
        assert_eq!("healthy".parse(), Ok(SdNotifyMode::Healthy));
        assert!("sometimes".parse::<SdNotifyMode>().is_err());
    }
}
