//! The health state between probes (podman's `HealthCheckResults`), its
//! transitions (`updateHealthCheckLog`), and its file.

use std::path::Path;

use chrono::{DateTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize};

/// A container's health, as `inspect` and `ps` show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HealthStatus {
    /// No result yet (no file).
    #[default]
    #[serde(rename = "")]
    Unset,
    /// Started, no success yet (or failing within the retries).
    #[serde(rename = "starting")]
    Starting,
    /// The last probe succeeded (or failures are still within the retries).
    #[serde(rename = "healthy")]
    Healthy,
    /// `retries` probes in a row failed.
    #[serde(rename = "unhealthy")]
    Unhealthy,
    /// The container stopped while a probe ran.
    #[serde(rename = "stopped")]
    Stopped,
    /// The container was restarted: results cleared.
    #[serde(rename = "reset")]
    Reset,
}

impl HealthStatus {
    /// podman's word (`healthy`), empty for [`HealthStatus::Unset`].
    pub fn as_str(self) -> &'static str {
        match self {
            HealthStatus::Unset => "",
            HealthStatus::Starting => "starting",
            HealthStatus::Healthy => "healthy",
            HealthStatus::Unhealthy => "unhealthy",
            HealthStatus::Stopped => "stopped",
            HealthStatus::Reset => "reset",
        }
    }
}

/// One probe's record in the log (podman's `HealthCheckLog`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLog {
    /// When it started (Go's RFC 3339 with nanoseconds).
    pub start: String,
    /// When it ended.
    pub end: String,
    /// 0 success, 1 failure, -1 timeout, 125 could not run.
    pub exit_code: i32,
    /// Its stdout and stderr, cut at the container's maximum size.
    pub output: String,
}

/// How a probe ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It exited with this code.
    Exited(i32),
    /// It ran past the timeout and was killed.
    TimedOut,
    /// It could not be started (no such command: podman counts it a plain failure).
    NotRun,
    /// rpod failed running it (podman's 125).
    Error,
}

/// One probe's result, from the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    /// When it started ([`go_rfc3339_nano`]).
    pub start: String,
    /// When it ended.
    pub end: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Its stdout and stderr, interleaved.
    pub output: Vec<u8>,
    /// The container was found stopped after a failed probe.
    pub container_stopped: bool,
}

impl ProbeResult {
    /// podman's log exit code for the outcome.
    pub fn exit_code(&self) -> i32 {
        match self.outcome {
            Outcome::Exited(0) => 0,
            Outcome::Exited(_) | Outcome::NotRun => 1,
            Outcome::TimedOut => -1,
            Outcome::Error => 125,
        }
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<HealthLog>, D::Error> {
    Ok(Option::<Vec<HealthLog>>::deserialize(d)?.unwrap_or_default())
}

/// The health state kept between probes (inspect's `State.Health`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthState {
    /// The status.
    pub status: HealthStatus,
    /// Failures in a row (outside the start period).
    pub failing_streak: u32,
    /// The last results, oldest first.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub log: Vec<HealthLog>,
}

/// Cuts `s` to at most `max` bytes on a character boundary (0: no limit).
fn truncate(s: &str, max: u32) -> &str {
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    if max == 0 || s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl HealthState {
    /// The state after a restart: results cleared (podman writes `reset`).
    pub fn reset() -> HealthState {
        HealthState {
            status: HealthStatus::Reset,
            ..HealthState::default()
        }
    }

    /// The container (re)started: `starting`, keeping the log.
    pub fn on_start(&mut self) {
        self.status = HealthStatus::Starting;
    }

    /// Records a probe (podman's `updateHealthCheckLog`): a success makes
    /// it healthy and clears the streak; a failure outside the start period
    /// adds to the streak, and `retries` in a row make it unhealthy; a
    /// failure because the container stopped makes it `stopped`. Keeps the
    /// last `max_count` results (0: all) with at most `max_size` bytes of
    /// output (0: all). Returns whether the status changed (a
    /// `health_status` event).
    pub fn record(
        &mut self,
        probe: &ProbeResult,
        in_start_period: bool,
        retries: u32,
        max_count: u32,
        max_size: u32,
    ) -> bool {
        let before = self.status;
        let exit_code = probe.exit_code();
        if exit_code == 0 {
            self.status = HealthStatus::Healthy;
            self.failing_streak = 0;
        } else {
            if self.status == HealthStatus::Unset {
                self.status = HealthStatus::Healthy;
            }
            if probe.container_stopped {
                self.status = HealthStatus::Stopped;
            } else if !in_start_period {
                self.failing_streak += 1;
                if self.failing_streak >= retries {
                    self.status = HealthStatus::Unhealthy;
                }
            }
        }
        let output = String::from_utf8_lossy(&probe.output);
        self.log.push(HealthLog {
            start: probe.start.clone(),
            end: probe.end.clone(),
            exit_code,
            output: truncate(&output, max_size).to_string(),
        });
        let max = usize::try_from(max_count).unwrap_or(usize::MAX);
        if max != 0 && self.log.len() > max {
            let extra = self.log.len() - max;
            self.log.drain(..extra);
        }
        self.status != before
    }

    /// Reads the state file; a missing file is the [`HealthStatus::Unset`] state.
    pub fn load(path: &Path) -> std::io::Result<HealthState> {
        match fs_err::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HealthState::default()),
            Err(e) => Err(e),
        }
    }

    /// Replaces the state file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::store::atomic::replace(path, &json, 0o600)
    }
}

/// A time as Go's `time.RFC3339Nano` writes it: fraction without trailing
/// zeros, `Z` for UTC, else the offset (`2024-05-01T12:00:00.5+02:00`).
pub fn go_rfc3339_nano<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let base = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = t.timestamp_subsec_nanos() % 1_000_000_000;
    let frac = if nanos == 0 {
        String::new()
    } else {
        format!(".{nanos:09}").trim_end_matches('0').to_string()
    };
    let offset = t.format("%:z").to_string();
    let offset = if offset == "+00:00" {
        "Z".to_string()
    } else {
        offset
    };
    format!("{base}{frac}{offset}")
}
