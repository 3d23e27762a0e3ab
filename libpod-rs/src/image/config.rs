//! What an image's config blob says about running it (the OCI image
//! config's `config` object), read once into typed values.

use std::path::PathBuf;

use nix::sys::signal::Signal;
use serde::Deserialize;

/// An image as a container is planned from it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageConfig {
    /// The image's ID (hex digest of its config).
    pub id: String,
    /// Its full name (`docker.io/library/busybox:latest`), or empty.
    pub name: String,
    /// `Env`: `NAME=value` entries, as the image has them.
    pub env: Vec<String>,
    /// `Entrypoint`.
    pub entrypoint: Vec<String>,
    /// `Cmd`.
    pub cmd: Vec<String>,
    /// `WorkingDir` (empty means `/`).
    pub working_dir: String,
    /// `User` (empty means root).
    pub user: String,
    /// `StopSignal`, when it names a signal.
    pub stop_signal: Option<Signal>,
    /// `ExposedPorts` keys (`80/tcp`, `53/udp`), for `-P`.
    pub exposed_ports: Vec<String>,
    /// `Volumes`: paths that get an anonymous volume each.
    pub volumes: Vec<PathBuf>,
    /// `Labels`, which a container inherits under its own `--label`s.
    pub labels: std::collections::BTreeMap<String, String>,
    /// `Healthcheck` (`HEALTHCHECK`), when it has one.
    pub healthcheck: Option<crate::health::HealthConfig>,
}

/// The blob's shape (only what rpod reads; unknown keys are ignored).
#[derive(Deserialize, Default)]
struct Blob {
    #[serde(default)]
    config: Option<Run>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Run {
    #[serde(default)]
    env: Option<Vec<String>>,
    #[serde(default)]
    entrypoint: Option<Vec<String>>,
    #[serde(default)]
    cmd: Option<Vec<String>>,
    #[serde(default)]
    working_dir: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    stop_signal: Option<String>,
    #[serde(default)]
    exposed_ports: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    volumes: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    labels: Option<std::collections::BTreeMap<String, String>>,
    #[serde(default, alias = "healthcheck")]
    healthcheck: Option<serde_json::Value>,
}

impl ImageConfig {
    /// Reads the config blob `bytes` of image `id` named `name`.
    pub fn from_blob(id: &str, name: &str, bytes: &[u8]) -> Result<ImageConfig, serde_json::Error> {
        let blob: Blob = serde_json::from_slice(bytes)?;
        let c = blob.config.unwrap_or_default();
        let keys = |m: Option<std::collections::BTreeMap<String, serde_json::Value>>| {
            m.map(|m| m.into_keys().collect::<Vec<_>>())
                .unwrap_or_default()
        };
        Ok(ImageConfig {
            id: id.to_string(),
            name: name.to_string(),
            env: c.env.unwrap_or_default(),
            entrypoint: c.entrypoint.unwrap_or_default(),
            cmd: c.cmd.unwrap_or_default(),
            working_dir: c.working_dir.unwrap_or_default(),
            user: c.user.unwrap_or_default(),
            // A name rpod does not know is left to the default, as podman.
            stop_signal: c
                .stop_signal
                .and_then(|s| crate::spec::parse_signal(&s).ok()),
            exposed_ports: keys(c.exposed_ports),
            volumes: keys(c.volumes).into_iter().map(PathBuf::from).collect(),
            labels: c.labels.unwrap_or_default(),
            // One that does not parse is no check, as a missing one.
            healthcheck: c.healthcheck.and_then(|v| serde_json::from_value(v).ok()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_running_needs() {
        let blob = br#"{"architecture":"amd64","config":{
            "Env":["PATH=/bin","A=1"],"Entrypoint":["/ep"],"Cmd":null,
            "WorkingDir":"/srv","User":"app","StopSignal":"SIGUSR1",
            "ExposedPorts":{"80/tcp":{},"53/udp":{}},"Volumes":{"/data":{}},
            "Labels":{"x":"y"},"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":1000000000}}}"#;
        let c = ImageConfig::from_blob("abc", "img:1", blob).unwrap();
        assert_eq!(c.env, ["PATH=/bin", "A=1"]);
        assert_eq!(c.entrypoint, ["/ep"]);
        assert!(c.cmd.is_empty());
        assert_eq!((c.working_dir.as_str(), c.user.as_str()), ("/srv", "app"));
        assert_eq!(c.stop_signal, Some(Signal::SIGUSR1));
        assert_eq!(c.exposed_ports, ["53/udp", "80/tcp"]);
        assert_eq!(c.labels.get("x").map(String::as_str), Some("y"));
        assert_eq!(c.volumes, [PathBuf::from("/data")]);
        let hc = c.healthcheck.expect("the image's HEALTHCHECK");
        assert_eq!(hc.test, ["CMD-SHELL", "true"]);
        assert_eq!(hc.interval, std::time::Duration::from_secs(1));
        let bare = ImageConfig::from_blob("abc", "", b"{}").unwrap();
        assert!(bare.cmd.is_empty() && bare.stop_signal.is_none());
        let odd = ImageConfig::from_blob("a", "", br#"{"config":{"StopSignal":"SIGNOPE"}}"#);
        assert_eq!(odd.unwrap().stop_signal, None);
        assert!(ImageConfig::from_blob("a", "", b"[").is_err());
    }
}
