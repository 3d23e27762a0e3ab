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
//!
//! Files: `config` (the check, the startup check, the image's), `flags`
//! (`run`/`create`'s flags and the request they make), `update` (`update`'s
//! flags on a recorded check), `settings` (on-failure action, where results
//! go, log limits), `state` (the kept state and a probe's result).

mod config;
mod flags;
mod settings;
mod state;
mod update;

use std::time::Duration;

pub use config::{from_image_config, HealthConfig, StartupCheck};
pub use flags::{parse_health_cmd, Check, HealthFlags, HealthRequest};
pub use settings::{HealthSettings, LogDestination, OnFailure};
pub use state::{go_rfc3339_nano, HealthLog, HealthState, HealthStatus, Outcome, ProbeResult};
pub use update::{update, HealthParts};

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

#[cfg(test)]
mod tests;
