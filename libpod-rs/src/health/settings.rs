//! How a container's health results are acted on and kept:
//! `--health-on-failure` ([`OnFailure`]), `--health-log-destination`
//! ([`LogDestination`]) and the limits of the kept log ([`HealthSettings`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{invalid, HealthError, DEFAULT_MAX_LOG_COUNT, DEFAULT_MAX_LOG_SIZE};

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
