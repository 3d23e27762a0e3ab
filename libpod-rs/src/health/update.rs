//! `update`'s health flags applied to a container's recorded check
//! ([`HealthParts`]).

use super::flags::{count, duration, interval, startup, timeout};
use super::{
    invalid, parse_health_cmd, HealthConfig, HealthError, HealthFlags, HealthSettings,
    StartupCheck, DEFAULT_INTERVAL, DEFAULT_RETRIES, DEFAULT_TIMEOUT,
};

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
