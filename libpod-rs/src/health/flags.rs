//! The healthcheck flags of `run`/`create` ([`HealthFlags`]) and what they
//! ask for ([`HealthRequest`]): each value parsed with the flag's name in
//! its error, the image's check completed with them.

use std::time::Duration;

use super::{
    invalid, HealthConfig, HealthError, HealthSettings, LogDestination, OnFailure, StartupCheck,
    DEFAULT_INTERVAL, DEFAULT_MAX_LOG_COUNT, DEFAULT_MAX_LOG_SIZE, DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
};

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

pub(super) fn duration(flag: &'static str, value: &str) -> Result<Duration, HealthError> {
    crate::config::parse_duration(value).ok_or_else(|| invalid(flag, value, DURATION_FORMS))
}

/// `--health-interval`: a duration, or `disable` (zero: no timer).
pub(super) fn interval(value: &str) -> Result<Duration, HealthError> {
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

pub(super) fn count(flag: &'static str, value: &str, what: &str) -> Result<u32, HealthError> {
    value.trim().parse().map_err(|_| invalid(flag, value, what))
}

pub(super) fn timeout(value: &str) -> Result<Duration, HealthError> {
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
pub(super) fn startup(f: &HealthFlags) -> Result<Option<StartupCheck>, HealthError> {
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
