//! Healthchecks as podman models them: the check a container runs
//! ([`HealthConfig`], Docker's and podman's `Healthcheck` shape, from
//! `--health-*` flags or the image's `HEALTHCHECK`), what to do when it
//! turns unhealthy ([`OnFailure`]), and the health state kept between
//! probes ([`HealthState`]: starting/healthy/unhealthy, the failing streak,
//! the last results), persisted in podman's `State.Health` JSON.
//!
//! This module decides and records; it runs nothing. The runner (a probe
//! exec'd into the container on a timer, killed at its timeout) lives with
//! the monitor and feeds [`HealthState::record`].

mod state;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use state::{go_rfc3339_nano, HealthLog, HealthState, HealthStatus, Outcome, ProbeResult};

/// podman's default interval between probes.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
/// podman's default probe timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// podman's default number of failures before unhealthy.
pub const DEFAULT_RETRIES: u32 = 3;
/// podman's default number of results kept (`--health-max-log-count`).
pub const DEFAULT_MAX_LOG_COUNT: u32 = 5;
/// podman's default length kept of a probe's output (`--health-max-log-size`).
pub const DEFAULT_MAX_LOG_SIZE: u32 = 500;

/// A healthcheck flag that does not parse or does not fit the others.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HealthError {
    /// One flag's value.
    #[error("invalid value for {flag} {value:?}: {reason}")]
    Invalid {
        /// The flag (`--health-interval`).
        flag: &'static str,
        /// The value as given.
        value: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// Flags that contradict each other, or a check without a command.
    #[error("{0}")]
    Conflict(String),
}

fn invalid(flag: &'static str, value: &str, reason: &str) -> HealthError {
    HealthError::Invalid {
        flag,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

/// Durations in JSON as Go writes `time.Duration`: integer nanoseconds.
mod nanos {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        // Negative (Docker's "disabled" -1) reads as zero.
        let n = i64::deserialize(d)?;
        Ok(Duration::from_nanos(n.max(0).unsigned_abs()))
    }
}

fn is_zero(d: &Duration) -> bool {
    d.is_zero()
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

/// A container's healthcheck, in the shape of an image config's and
/// podman's inspect `Healthcheck` (durations in nanoseconds; zero: unset).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    /// `["CMD", arg...]`, `["CMD-SHELL", command]` or `["NONE"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test: Vec<String>,
    /// Time between probes; zero: no timer (probes only on `healthcheck run`).
    #[serde(default, with = "nanos", skip_serializing_if = "is_zero")]
    pub interval: Duration,
    /// A probe running longer fails (and is killed).
    #[serde(default, with = "nanos", skip_serializing_if = "is_zero")]
    pub timeout: Duration,
    /// Failures during this time after the start do not count.
    #[serde(default, with = "nanos", skip_serializing_if = "is_zero")]
    pub start_period: Duration,
    /// Time between probes during the start period (Docker's; zero: `interval`).
    #[serde(default, with = "nanos", skip_serializing_if = "is_zero")]
    pub start_interval: Duration,
    /// Consecutive failures that make the container unhealthy.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub retries: u32,
}

impl HealthConfig {
    /// Whether there is a check to run (not absent, not `NONE`).
    pub fn is_enabled(&self) -> bool {
        self.probe_command().is_some()
    }

    /// The probe's argv, as podman runs it: `CMD` args as they are,
    /// `CMD-SHELL` through `/bin/sh -c`; `None` when there is no check.
    pub fn probe_command(&self) -> Option<Vec<String>> {
        let (first, rest) = self.test.split_first()?;
        let argv = match first.as_str() {
            "" | "NONE" => return None,
            "CMD" => rest.to_vec(),
            "CMD-SHELL" => vec!["/bin/sh".into(), "-c".into(), rest.join(" ")],
            _ => self.test.clone(),
        };
        argv.first().filter(|a| !a.is_empty())?;
        Some(argv)
    }

    /// When to probe next: `start_interval` during the start period when
    /// set, else `interval`; `None` when the timer is disabled.
    pub fn next_delay(&self, in_start_period: bool) -> Option<Duration> {
        if in_start_period && !self.start_interval.is_zero() {
            return Some(self.start_interval);
        }
        (!self.interval.is_zero()).then_some(self.interval)
    }

    /// Fills what is unset with podman's defaults (the interval only
    /// unless `keep_interval_zero`: "disable" left no timer).
    fn with_defaults(mut self, keep_interval_zero: bool) -> HealthConfig {
        if self.timeout.is_zero() {
            self.timeout = DEFAULT_TIMEOUT;
        }
        if self.interval.is_zero() && !keep_interval_zero {
            self.interval = DEFAULT_INTERVAL;
        }
        if self.retries == 0 {
            self.retries = DEFAULT_RETRIES;
        }
        self
    }
}

/// A startup healthcheck (`--health-startup-*`, podman's
/// `StartupHealthCheck`): run on its own interval after the start until it
/// passed `successes` times (0: once), then the regular check takes over;
/// `retries` failures (0: no limit) before that restart the container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupCheck {
    /// The check (its `retries`: failures before a restart, 0: none).
    #[serde(flatten)]
    pub check: HealthConfig,
    /// Successes in a row that pass it (0: one).
    #[serde(rename = "Successes", default, skip_serializing_if = "is_zero_u32")]
    pub successes: u32,
}

/// What happens when a container turns unhealthy (`--health-on-failure`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnFailure {
    /// Nothing.
    #[default]
    None,
    /// SIGKILL the container.
    Kill,
    /// Stop it, and let its restart start it again.
    Restart,
    /// Stop it.
    Stop,
}

impl OnFailure {
    /// podman's name (`none`, `kill`, `restart`, `stop`).
    pub fn as_str(self) -> &'static str {
        match self {
            OnFailure::None => "none",
            OnFailure::Kill => "kill",
            OnFailure::Restart => "restart",
            OnFailure::Stop => "stop",
        }
    }
}

impl FromStr for OnFailure {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "" | "none" => Ok(OnFailure::None),
            "kill" => Ok(OnFailure::Kill),
            "restart" => Ok(OnFailure::Restart),
            "stop" => Ok(OnFailure::Stop),
            _ => Err(format!(
                "invalid on-failure action {s:?} for health check: supported actions are none,kill,restart,stop"
            )),
        }
    }
}

impl fmt::Display for OnFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for OnFailure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OnFailure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The healthcheck flags of `run`/`create`, as the user wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthFlags {
    /// `--health-cmd`.
    pub cmd: Option<String>,
    /// `--health-interval` (a duration or `disable`).
    pub interval: Option<String>,
    /// `--health-timeout`.
    pub timeout: Option<String>,
    /// `--health-start-period`.
    pub start_period: Option<String>,
    /// `--health-start-interval`.
    pub start_interval: Option<String>,
    /// `--health-retries`.
    pub retries: Option<String>,
    /// `--health-on-failure`.
    pub on_failure: Option<String>,
    /// `--health-max-log-count` (0: keep all).
    pub max_log_count: Option<String>,
    /// `--health-max-log-size` (0: whole output).
    pub max_log_size: Option<String>,
    /// `--health-log-destination` (`local`, `events_logger` or a directory).
    pub log_destination: Option<String>,
    /// `--no-healthcheck`.
    pub no_healthcheck: bool,
    /// `--health-startup-cmd`.
    pub startup_cmd: Option<String>,
    /// `--health-startup-interval`.
    pub startup_interval: Option<String>,
    /// `--health-startup-timeout`.
    pub startup_timeout: Option<String>,
    /// `--health-startup-retries`.
    pub startup_retries: Option<String>,
    /// `--health-startup-success`.
    pub startup_success: Option<String>,
}

/// Which check a container gets, before the image is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `--health-cmd`: this check, whatever the image says.
    Explicit(HealthConfig),
    /// `--no-healthcheck` or `--health-cmd none`: none, whatever the image says.
    Disabled,
    /// The image's check (if any), with these values replaced when set.
    FromImage {
        /// `--health-interval` (`Some(ZERO)`: `disable`).
        interval: Option<Duration>,
        /// `--health-timeout`.
        timeout: Option<Duration>,
        /// `--health-start-period`.
        start_period: Option<Duration>,
        /// `--health-start-interval`.
        start_interval: Option<Duration>,
        /// `--health-retries`.
        retries: Option<u32>,
    },
}

/// A container's healthcheck request: the check and how it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthRequest {
    /// Which check.
    pub check: Check,
    /// `--health-on-failure`.
    pub on_failure: OnFailure,
    /// Results kept (0: all).
    pub max_log_count: u32,
    /// Output bytes kept per result (0: all).
    pub max_log_size: u32,
    /// Where the results are kept.
    pub log_destination: LogDestination,
    /// `--health-startup-*`: the startup check.
    pub startup: Option<StartupCheck>,
}

/// Where a container's health results are kept (`--health-log-destination`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LogDestination {
    /// In the container's own directory (podman's `local`).
    #[default]
    Local,
    /// podman's `events_logger`: kept locally too (rpod's events carry each result).
    EventsLogger,
    /// `DIR/ID-healthcheck.log`.
    Directory(std::path::PathBuf),
}

impl LogDestination {
    /// podman's word for it (inspect's `HealthLogDestination`).
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            LogDestination::Local => "local".into(),
            LogDestination::EventsLogger => "events_logger".into(),
            LogDestination::Directory(d) => d.to_string_lossy(),
        }
    }

    /// The results file of container `id`, whose own directory is `dir`.
    pub fn file(&self, dir: &std::path::Path, id: &str) -> std::path::PathBuf {
        match self {
            LogDestination::Directory(d) => d.join(format!("{id}-healthcheck.log")),
            _ => dir.join("healthcheck.log"),
        }
    }
}

impl FromStr for LogDestination {
    type Err = HealthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "" | "local" => Ok(LogDestination::Local),
            "events_logger" => Ok(LogDestination::EventsLogger),
            dir => {
                let p = std::path::Path::new(dir);
                if !p.is_absolute() || !p.is_dir() {
                    return Err(invalid(
                        "--health-log-destination",
                        s,
                        "use local, events_logger, or the absolute path of an existing directory",
                    ));
                }
                Ok(LogDestination::Directory(p.to_path_buf()))
            }
        }
    }
}

impl Serialize for LogDestination {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}

impl<'de> Deserialize<'de> for LogDestination {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Read back as written, without checking the directory again.
        Ok(match String::deserialize(d)?.as_str() {
            "" | "local" => LogDestination::Local,
            "events_logger" => LogDestination::EventsLogger,
            dir => LogDestination::Directory(dir.into()),
        })
    }
}

/// How a container's health results are acted on and kept: recorded with
/// the container whether or not it has a check (inspect shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthSettings {
    /// `--health-on-failure`.
    pub on_failure: OnFailure,
    /// Results kept (0: all).
    pub max_log_count: u32,
    /// Output bytes kept per result (0: all).
    pub max_log_size: u32,
    /// Where the results are kept.
    pub log_destination: LogDestination,
}

impl Default for HealthSettings {
    fn default() -> Self {
        HealthSettings {
            on_failure: OnFailure::None,
            max_log_count: DEFAULT_MAX_LOG_COUNT,
            max_log_size: DEFAULT_MAX_LOG_SIZE,
            log_destination: LogDestination::Local,
        }
    }
}

impl Default for HealthRequest {
    fn default() -> Self {
        HealthRequest {
            check: Check::FromImage {
                interval: None,
                timeout: None,
                start_period: None,
                start_interval: None,
                retries: None,
            },
            on_failure: OnFailure::None,
            max_log_count: DEFAULT_MAX_LOG_COUNT,
            max_log_size: DEFAULT_MAX_LOG_SIZE,
            log_destination: LogDestination::Local,
            startup: None,
        }
    }
}

const DURATION_FORMS: &str = "use a duration such as 30s, 1m30s or 500ms";

fn duration(flag: &'static str, value: &str) -> Result<Duration, HealthError> {
    crate::config::parse_duration(value).ok_or_else(|| invalid(flag, value, DURATION_FORMS))
}

/// `--health-interval`: a duration, or `disable` (zero: no timer).
fn interval(value: &str) -> Result<Duration, HealthError> {
    if value == "disable" {
        return Ok(Duration::ZERO);
    }
    crate::config::parse_duration(value).ok_or_else(|| {
        invalid(
            "--health-interval",
            value,
            "use a duration such as 30s, 1m30s or 500ms, or disable",
        )
    })
}

fn count(flag: &'static str, value: &str, what: &str) -> Result<u32, HealthError> {
    value.trim().parse().map_err(|_| invalid(flag, value, what))
}

fn timeout(value: &str) -> Result<Duration, HealthError> {
    let d = duration("--health-timeout", value)?;
    if d.is_zero() {
        return Err(invalid(
            "--health-timeout",
            value,
            "the timeout must be above zero, e.g. 30s",
        ));
    }
    Ok(d)
}

/// Splits `--health-cmd` as podman does: a JSON array is argv (`CMD`
/// prepended unless it starts with `CMD`, `CMD-SHELL` or `NONE`; one
/// element is a shell command); a string starting with `CMD` or `NONE` is
/// split on spaces; any other string is a `CMD-SHELL` command.
pub fn parse_health_cmd(value: &str) -> Result<Vec<String>, HealthError> {
    let array: Option<Vec<String>> = serde_json::from_str(value).ok();
    let is_array = array.is_some();
    let mut test = array.unwrap_or_else(|| value.splitn(2, ' ').map(str::to_string).collect());
    let Some(first) = test.first().map(|f| f.to_ascii_uppercase()) else {
        return Err(HealthError::Conflict(
            "--health-cmd []: must define a healthcheck command for all healthchecks".into(),
        ));
    };
    if first == "CMD" || first == "NONE" {
        if !is_array {
            test = value.split_whitespace().map(str::to_string).collect();
        }
    } else if first != "CMD-SHELL" {
        test = if is_array && test.len() > 1 {
            std::iter::once("CMD".to_string()).chain(test).collect()
        } else {
            vec!["CMD-SHELL".into(), test.join(" ")]
        };
    }
    if test[0].eq_ignore_ascii_case("NONE") {
        return Ok(vec!["NONE".into()]);
    }
    Ok(test)
}

/// The startup check of the flags (podman's: the same forms as the
/// regular one; interval and timeout 30 s, retries and successes 0).
fn startup(f: &HealthFlags) -> Result<Option<StartupCheck>, HealthError> {
    let Some(cmd) = f.startup_cmd.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if f.no_healthcheck {
        return Err(HealthError::Conflict(
            "cannot specify both --no-healthcheck and --health-startup-cmd".into(),
        ));
    }
    let test = parse_health_cmd(cmd)?;
    if test == ["NONE"] {
        return Ok(None);
    }
    let interval = match f.startup_interval.as_deref() {
        None => DEFAULT_INTERVAL,
        Some(v) => {
            let d = duration("--health-startup-interval", v)?;
            if d.is_zero() {
                return Err(invalid(
                    "--health-startup-interval",
                    v,
                    "the interval must be above zero, e.g. 1s",
                ));
            }
            d
        }
    };
    let timeout = match f.startup_timeout.as_deref() {
        None => DEFAULT_TIMEOUT,
        Some(v) => {
            let d = duration("--health-startup-timeout", v)?;
            if d.is_zero() {
                return Err(invalid(
                    "--health-startup-timeout",
                    v,
                    "the timeout must be above zero, e.g. 30s",
                ));
            }
            d
        }
    };
    let retries = f
        .startup_retries
        .as_deref()
        .map(|v| {
            count(
                "--health-startup-retries",
                v,
                "use a number of failures before a restart, or 0 for no limit",
            )
        })
        .transpose()?
        .unwrap_or(0);
    let successes = f
        .startup_success
        .as_deref()
        .map(|v| {
            count(
                "--health-startup-success",
                v,
                "use a number of successes in a row, or 0 for one",
            )
        })
        .transpose()?
        .unwrap_or(0);
    Ok(Some(StartupCheck {
        check: HealthConfig {
            test,
            interval,
            timeout,
            retries,
            ..HealthConfig::default()
        },
        successes,
    }))
}

impl HealthRequest {
    /// Parses and checks the flags (podman's `MakeHealthCheckFromCli` and
    /// `GetHealthCheckOverrideConfig`).
    pub fn from_flags(f: &HealthFlags) -> Result<HealthRequest, HealthError> {
        let mut req = HealthRequest::default();
        if let Some(v) = &f.on_failure {
            req.on_failure = v.parse().map_err(|e: String| HealthError::Conflict(e))?;
        }
        if let Some(v) = &f.max_log_count {
            req.max_log_count = count(
                "--health-max-log-count",
                v,
                "use a number of results, or 0 for all",
            )?;
        }
        if let Some(v) = &f.max_log_size {
            req.max_log_size = count(
                "--health-max-log-size",
                v,
                "use a number of characters, or 0 for all",
            )?;
        }
        if let Some(v) = &f.log_destination {
            req.log_destination = v.parse()?;
        }
        req.startup = startup(f)?;
        let retries = f
            .retries
            .as_deref()
            .map(|v| {
                count(
                    "--health-retries",
                    v,
                    "use a number of consecutive failures, at least 1",
                )
            })
            .transpose()?;
        let cmd = f.cmd.as_deref().filter(|c| !c.is_empty());
        match cmd {
            Some(_) if f.no_healthcheck => {
                return Err(HealthError::Conflict(
                    "cannot specify both --no-healthcheck and --health-cmd".into(),
                ))
            }
            Some(cmd) => {
                let test = parse_health_cmd(cmd)?;
                if test == ["NONE"] {
                    req.check = Check::Disabled;
                    return Ok(req);
                }
                let retries = retries.unwrap_or(DEFAULT_RETRIES);
                if retries < 1 {
                    return Err(invalid(
                        "--health-retries",
                        "0",
                        "healthcheck-retries must be greater than 0",
                    ));
                }
                req.check = Check::Explicit(HealthConfig {
                    test,
                    interval: f
                        .interval
                        .as_deref()
                        .map_or(Ok(DEFAULT_INTERVAL), interval)?,
                    timeout: f.timeout.as_deref().map_or(Ok(DEFAULT_TIMEOUT), timeout)?,
                    start_period: f
                        .start_period
                        .as_deref()
                        .map_or(Ok(Duration::ZERO), |v| duration("--health-start-period", v))?,
                    start_interval: f
                        .start_interval
                        .as_deref()
                        .map_or(Ok(Duration::ZERO), |v| {
                            duration("--health-start-interval", v)
                        })?,
                    retries,
                });
            }
            None if f.no_healthcheck => req.check = Check::Disabled,
            None => {
                req.check = Check::FromImage {
                    interval: f.interval.as_deref().map(interval).transpose()?,
                    timeout: f.timeout.as_deref().map(timeout).transpose()?,
                    start_period: f
                        .start_period
                        .as_deref()
                        .map(|v| duration("--health-start-period", v))
                        .transpose()?,
                    start_interval: f
                        .start_interval
                        .as_deref()
                        .map(|v| duration("--health-start-interval", v))
                        .transpose()?,
                    retries: retries.filter(|r| *r > 0),
                };
            }
        }
        Ok(req)
    }

    /// How the results are acted on and kept.
    pub fn settings(&self) -> HealthSettings {
        HealthSettings {
            on_failure: self.on_failure,
            max_log_count: self.max_log_count,
            max_log_size: self.max_log_size,
            log_destination: self.log_destination.clone(),
        }
    }

    /// The check the container gets, given its image's (the image config's
    /// `Healthcheck`): `None` when there is none to run.
    pub fn resolve(&self, image: Option<&HealthConfig>) -> Option<HealthConfig> {
        match &self.check {
            Check::Disabled => None,
            Check::Explicit(c) => Some(c.clone()).filter(HealthConfig::is_enabled),
            Check::FromImage {
                interval,
                timeout,
                start_period,
                start_interval,
                retries,
            } => {
                let mut c = image.filter(|c| c.is_enabled())?.clone();
                let disabled = *interval == Some(Duration::ZERO);
                if let Some(v) = interval {
                    c.interval = *v;
                }
                if let Some(v) = timeout {
                    c.timeout = *v;
                }
                if let Some(v) = start_period.filter(|d| !d.is_zero()) {
                    c.start_period = v;
                }
                if let Some(v) = start_interval.filter(|d| !d.is_zero()) {
                    c.start_interval = v;
                }
                if let Some(v) = retries {
                    c.retries = *v;
                }
                Some(c.with_defaults(disabled))
            }
        }
    }
}

/// A container's recorded healthcheck: what `update` changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthParts {
    /// The regular check (`None`: none).
    pub check: Option<HealthConfig>,
    /// The startup check.
    pub startup: Option<StartupCheck>,
    /// How results are acted on and kept.
    pub settings: HealthSettings,
    /// Checks were turned off (inspect shows `Test: ["NONE"]`).
    pub disabled: bool,
}

impl HealthFlags {
    fn regular_given(&self) -> bool {
        self.cmd.is_some()
            || self.interval.is_some()
            || self.timeout.is_some()
            || self.start_period.is_some()
            || self.start_interval.is_some()
            || self.retries.is_some()
    }

    fn startup_given(&self) -> bool {
        self.startup_cmd.is_some()
            || self.startup_interval.is_some()
            || self.startup_timeout.is_some()
            || self.startup_retries.is_some()
            || self.startup_success.is_some()
    }
}

/// `update`'s health flags applied to a container's check (podman's
/// `GetNewHealthCheckConfig`): only what is given changes; a timing flag
/// needs a check to change (on the container or `--health-cmd`/
/// `--health-startup-cmd` with it); `--no-healthcheck` removes both checks.
pub fn update(current: &HealthParts, f: &HealthFlags) -> Result<HealthParts, HealthError> {
    let mut out = current.clone();
    if f.no_healthcheck {
        if f.regular_given() || f.startup_given() {
            return Err(HealthError::Conflict(
                "cannot specify both --no-healthcheck and other HealthCheck flags".into(),
            ));
        }
        out.check = None;
        out.startup = None;
        out.disabled = true;
    }
    if f.regular_given() {
        let base = match (&current.check, &f.cmd) {
            (Some(c), _) => c.clone(),
            (None, Some(_)) => HealthConfig {
                interval: DEFAULT_INTERVAL,
                timeout: DEFAULT_TIMEOUT,
                retries: DEFAULT_RETRIES,
                ..HealthConfig::default()
            },
            (None, None) => return Err(HealthError::Conflict(
                "healthcheck command is not set: give --health-cmd with the other --health-* flags"
                    .into(),
            )),
        };
        let mut c = base;
        if let Some(v) = f.cmd.as_deref() {
            c.test = parse_health_cmd(v)?;
        }
        if let Some(v) = f.interval.as_deref() {
            c.interval = interval(v)?;
        }
        if let Some(v) = f.timeout.as_deref() {
            c.timeout = timeout(v)?;
        }
        if let Some(v) = f.start_period.as_deref() {
            c.start_period = duration("--health-start-period", v)?;
        }
        if let Some(v) = f.start_interval.as_deref() {
            c.start_interval = duration("--health-start-interval", v)?;
        }
        if let Some(v) = f.retries.as_deref() {
            let n = count(
                "--health-retries",
                v,
                "use a number of consecutive failures, at least 1",
            )?;
            if n < 1 {
                return Err(invalid(
                    "--health-retries",
                    v,
                    "healthcheck-retries must be greater than 0",
                ));
            }
            c.retries = n;
        }
        if c.test == ["NONE"] {
            out.check = None;
            out.disabled = true;
        } else {
            out.check = Some(c);
            out.disabled = false;
        }
    }
    if f.startup_given() {
        let Some(base) = current.startup.clone().or_else(|| {
            f.startup_cmd.as_ref().map(|_| StartupCheck {
                check: HealthConfig {
                    interval: DEFAULT_INTERVAL,
                    timeout: DEFAULT_TIMEOUT,
                    ..HealthConfig::default()
                },
                successes: 0,
            })
        }) else {
            return Err(HealthError::Conflict(
                "startup healthcheck command is not set: give --health-startup-cmd with the other --health-startup-* flags".into(),
            ));
        };
        // The same parsing as at create, over the current values.
        let current_cmd = base.check.test.clone();
        let merged = HealthFlags {
            startup_cmd: Some(
                f.startup_cmd
                    .clone()
                    .unwrap_or_else(|| serde_json::to_string(&current_cmd).unwrap_or_default()),
            ),
            startup_interval: f
                .startup_interval
                .clone()
                .or_else(|| Some(format!("{}ms", base.check.interval.as_millis()))),
            startup_timeout: f
                .startup_timeout
                .clone()
                .or_else(|| Some(format!("{}ms", base.check.timeout.as_millis()))),
            startup_retries: f
                .startup_retries
                .clone()
                .or_else(|| Some(base.check.retries.to_string())),
            startup_success: f
                .startup_success
                .clone()
                .or_else(|| Some(base.successes.to_string())),
            ..HealthFlags::default()
        };
        out.startup = startup(&merged)?;
    }
    if let Some(v) = &f.on_failure {
        out.settings.on_failure = v.parse().map_err(|e: String| HealthError::Conflict(e))?;
    }
    if let Some(v) = &f.max_log_count {
        out.settings.max_log_count = count(
            "--health-max-log-count",
            v,
            "use a number of results, or 0 for all",
        )?;
    }
    if let Some(v) = &f.max_log_size {
        out.settings.max_log_size = count(
            "--health-max-log-size",
            v,
            "use a number of characters, or 0 for all",
        )?;
    }
    if let Some(v) = &f.log_destination {
        out.settings.log_destination = v.parse()?;
    }
    Ok(out)
}

/// The image config's `Healthcheck`, from the config JSON's `config` object
/// (`None` when it has none).
pub fn from_image_config(config: &serde_json::Value) -> Option<HealthConfig> {
    let hc = config
        .get("Healthcheck")
        .or_else(|| config.get("healthcheck"))?;
    serde_json::from_value(hc.clone()).ok()
}

#[cfg(test)]
mod tests;
