//! The check itself: [`HealthConfig`] (Docker's and podman's `Healthcheck`
//! shape, durations as Go's nanoseconds in JSON), the startup check, and
//! the one an image config carries.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{DEFAULT_INTERVAL, DEFAULT_RETRIES, DEFAULT_TIMEOUT};

/// Durations in JSON as Go writes `time.Duration`: integer nanoseconds.
mod nanos {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

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
    pub(super) fn with_defaults(mut self, keep_interval_zero: bool) -> HealthConfig {
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

/// The image config's `Healthcheck`, from the config JSON's `config` object
/// (`None` when it has none).
pub fn from_image_config(config: &serde_json::Value) -> Option<HealthConfig> {
    let hc = config
        .get("Healthcheck")
        .or_else(|| config.get("healthcheck"))?;
    serde_json::from_value(hc.clone()).ok()
}
