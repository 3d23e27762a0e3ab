//! The typed project the compose engine works from: services with their
//! long-syntax ports, volumes, networks, dependencies, healthchecks...
//!
//! It is read from the normalised model (the same tree `config` prints,
//! in its JSON shape), so what the engine acts on is exactly what
//! `rpod compose config` shows. Keys the engine does not type yet stay in
//! each service's `other`, so later code can refuse what it does not
//! support instead of ignoring it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use super::config::{parse_duration, printable, Format};
use super::yaml::{Node, Value};

/// A compose project: its services and the resources they use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// The project name (`-p`, `name:`, the directory).
    pub name: String,
    /// The enabled services by name.
    pub services: BTreeMap<String, Service>,
    /// Networks by name (`default` included when a service uses it).
    pub networks: BTreeMap<String, Network>,
    /// Named volumes.
    pub volumes: BTreeMap<String, Volume>,
    /// Secrets.
    pub secrets: BTreeMap<String, FileObject>,
    /// Configs.
    pub configs: BTreeMap<String, FileObject>,
}

/// One service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    /// Profiles that enable it (empty: always on).
    pub profiles: Vec<String>,
    /// How to build its image.
    pub build: Option<Build>,
    /// The image to run (or to tag the build with).
    pub image: Option<String>,
    /// Replaces the image's CMD.
    pub command: Option<Vec<String>>,
    /// Replaces the image's ENTRYPOINT.
    pub entrypoint: Option<Vec<String>>,
    /// Environment (`None`: declared without a value and unset).
    pub environment: BTreeMap<String, Option<String>>,
    /// Published ports, long syntax.
    pub ports: Vec<Port>,
    /// Exposed ports.
    pub expose: Vec<String>,
    /// Mounts, long syntax.
    pub volumes: Vec<ServiceVolume>,
    /// tmpfs mounts (`/path[:options]`).
    pub tmpfs: Vec<String>,
    /// Networks joined, with their per-service settings.
    pub networks: BTreeMap<String, Option<ServiceNetwork>>,
    /// `network_mode` (host, none, service:NAME, container:NAME).
    pub network_mode: Option<String>,
    /// Services started first, and how long to wait for them.
    pub depends_on: BTreeMap<String, Dependency>,
    /// Working directory.
    pub working_dir: Option<String>,
    /// User (and group).
    pub user: Option<String>,
    /// Host name.
    pub hostname: Option<String>,
    /// Domain name.
    pub domainname: Option<String>,
    /// DNS servers.
    pub dns: Vec<String>,
    /// DNS options.
    pub dns_opt: Vec<String>,
    /// DNS search domains.
    pub dns_search: Vec<String>,
    /// `host=ip` entries for /etc/hosts.
    pub extra_hosts: Vec<String>,
    /// Health check.
    pub healthcheck: Option<Healthcheck>,
    /// Restart policy (no, always, on-failure[:N], unless-stopped).
    pub restart: Option<String>,
    /// Signal to stop with.
    pub stop_signal: Option<String>,
    /// Time to wait before killing.
    #[serde(deserialize_with = "duration_opt")]
    pub stop_grace_period: Option<Duration>,
    /// Run an init as PID 1.
    pub init: Option<bool>,
    /// Allocate a terminal.
    pub tty: bool,
    /// Keep stdin open.
    pub stdin_open: bool,
    /// Container labels.
    pub labels: BTreeMap<String, String>,
    /// Log driver and options.
    pub logging: Option<Logging>,
    /// Resource limits by name (`nofile`...).
    pub ulimits: BTreeMap<String, Ulimit>,
    /// Capabilities added.
    pub cap_add: Vec<String>,
    /// Capabilities dropped.
    pub cap_drop: Vec<String>,
    /// Security options.
    pub security_opt: Vec<String>,
    /// Read-only root file system.
    pub read_only: bool,
    /// Privileged container.
    pub privileged: bool,
    /// Size of /dev/shm in bytes.
    #[serde(deserialize_with = "bytes_opt")]
    pub shm_size: Option<i64>,
    /// Kernel parameters.
    pub sysctls: BTreeMap<String, String>,
    /// Deployment settings (replicas, resource limits).
    pub deploy: Option<Deploy>,
    /// `scale` (same as deploy.replicas).
    pub scale: Option<i64>,
    /// A fixed container name.
    pub container_name: Option<String>,
    /// Secrets mounted.
    pub secrets: Vec<FileReference>,
    /// Configs mounted.
    pub configs: Vec<FileReference>,
    /// Pull policy (always, never, missing, build...).
    pub pull_policy: Option<String>,
    /// Platform (`linux/amd64`).
    pub platform: Option<String>,
    /// Memory limit in bytes.
    #[serde(deserialize_with = "bytes_opt")]
    pub mem_limit: Option<i64>,
    /// CPUs.
    pub cpus: Option<f64>,
    /// PIDs limit.
    pub pids_limit: Option<i64>,
    /// Devices (`source`, `target`, `permissions`).
    pub devices: Vec<Device>,
    /// Supplementary groups.
    pub group_add: Vec<String>,
    /// User namespace mode (`--userns`'s values).
    pub userns_mode: Option<String>,
    /// IPC mode.
    pub ipc: Option<String>,
    /// PID mode.
    pub pid: Option<String>,
    /// Every other key, as compose normalised it.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `build:` in long syntax.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Build {
    /// Absolute context directory (or a URL).
    pub context: String,
    /// Dockerfile, relative to the context.
    pub dockerfile: Option<String>,
    /// An inline Dockerfile.
    pub dockerfile_inline: Option<String>,
    /// Build arguments (`None`: unset).
    pub args: BTreeMap<String, Option<String>>,
    /// Target stage.
    pub target: Option<String>,
    /// Cache sources.
    pub cache_from: Vec<String>,
    /// Image labels.
    pub labels: BTreeMap<String, String>,
    /// Network for RUN.
    pub network: Option<String>,
    /// Extra tags.
    pub tags: Vec<String>,
    /// Extra hosts for RUN.
    pub extra_hosts: Vec<String>,
    /// Everything else.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// A published port, long syntax.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Port {
    /// `ingress` or `host`.
    pub mode: Option<String>,
    /// Host address to bind.
    pub host_ip: Option<String>,
    /// Container port.
    pub target: u32,
    /// Host port or range (`8080`, `8000-8010`); none: any free port.
    pub published: Option<String>,
    /// tcp, udp, sctp.
    pub protocol: Option<String>,
    /// Port name.
    pub name: Option<String>,
    /// Application protocol.
    pub app_protocol: Option<String>,
}

/// A mount, long syntax.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceVolume {
    /// bind, volume, tmpfs, image, npipe, cluster.
    #[serde(rename = "type")]
    pub kind: String,
    /// Host path (absolute) or volume name; none for anonymous volumes.
    pub source: Option<String>,
    /// Path in the container.
    pub target: String,
    /// Mounted read-only.
    pub read_only: bool,
    /// Bind options.
    pub bind: Option<BindOptions>,
    /// Volume options.
    pub volume: Option<VolumeOptions>,
    /// tmpfs options.
    pub tmpfs: Option<TmpfsOptions>,
}

/// Options of a bind mount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BindOptions {
    /// Propagation (rprivate, shared...).
    pub propagation: Option<String>,
    /// Create the host path when missing.
    pub create_host_path: bool,
    /// SELinux relabelling (z, Z).
    pub selinux: Option<String>,
}

/// Options of a volume mount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeOptions {
    /// Do not copy the image's content into an empty volume.
    pub nocopy: bool,
    /// Mount a sub-path of the volume.
    pub subpath: Option<String>,
}

/// Options of a tmpfs mount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TmpfsOptions {
    /// Size in bytes.
    #[serde(deserialize_with = "bytes_opt")]
    pub size: Option<i64>,
    /// File mode.
    pub mode: Option<u32>,
}

/// A service's settings on one network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceNetwork {
    /// Extra names on that network.
    pub aliases: Vec<String>,
    /// Static IPv4 address.
    pub ipv4_address: Option<String>,
    /// Static IPv6 address.
    pub ipv6_address: Option<String>,
    /// MAC address.
    pub mac_address: Option<String>,
    /// Priority among the service's networks.
    pub priority: i64,
}

/// A dependency of a service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dependency {
    /// service_started, service_healthy, service_completed_successfully.
    pub condition: String,
    /// Restart this service when the dependency is restarted.
    pub restart: bool,
    /// Fail when the dependency is missing (else just warn).
    pub required: bool,
}

/// A healthcheck.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Healthcheck {
    /// `[CMD, ...]`, `[CMD-SHELL, "..."]` or `[NONE]`.
    pub test: Vec<String>,
    /// Between checks.
    #[serde(deserialize_with = "duration_opt")]
    pub interval: Option<Duration>,
    /// For one check.
    #[serde(deserialize_with = "duration_opt")]
    pub timeout: Option<Duration>,
    /// Failures before unhealthy.
    pub retries: Option<u64>,
    /// Grace period after start.
    #[serde(deserialize_with = "duration_opt")]
    pub start_period: Option<Duration>,
    /// Interval during the start period.
    #[serde(deserialize_with = "duration_opt")]
    pub start_interval: Option<Duration>,
    /// Disable the image's healthcheck.
    pub disable: bool,
}

/// Logging settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Logging {
    /// Driver.
    pub driver: Option<String>,
    /// Driver options.
    pub options: BTreeMap<String, String>,
}

/// A ulimit: one value for soft and hard, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Ulimit {
    /// Soft = hard.
    Single(i64),
    /// Separate soft and hard limits.
    Pair {
        /// Soft limit.
        #[serde(default)]
        soft: i64,
        /// Hard limit.
        #[serde(default)]
        hard: i64,
    },
}

/// `deploy:` (the parts a single host uses).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deploy {
    /// Number of containers.
    pub replicas: Option<i64>,
    /// Resources.
    pub resources: Resources,
    /// Labels of the service.
    pub labels: BTreeMap<String, String>,
    /// Everything else (update_config, placement...).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `deploy.resources`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resources {
    /// Limits.
    pub limits: Option<Resource>,
    /// Reservations.
    pub reservations: Option<Resource>,
}

/// A resource limit or reservation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resource {
    /// CPUs.
    pub cpus: Option<f64>,
    /// Memory in bytes.
    #[serde(deserialize_with = "bytes_opt")]
    pub memory: Option<i64>,
    /// PIDs.
    pub pids: Option<i64>,
}

/// A device mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Device {
    /// Host device.
    pub source: String,
    /// Path in the container.
    pub target: String,
    /// cgroup permissions (rwm).
    pub permissions: Option<String>,
}

/// A secret or config a service mounts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileReference {
    /// The top-level secret or config.
    pub source: String,
    /// Where it is mounted.
    pub target: Option<String>,
    /// Owner.
    pub uid: Option<String>,
    /// Group.
    pub gid: Option<String>,
    /// Mode, in octal (`0440`).
    pub mode: Option<String>,
}

/// A top-level network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Network {
    /// The real name (`PROJECT_KEY` unless set or external).
    pub name: String,
    /// Driver.
    pub driver: Option<String>,
    /// Driver options.
    pub driver_opts: BTreeMap<String, String>,
    /// Not created by compose.
    pub external: bool,
    /// No outside access.
    pub internal: bool,
    /// Labels.
    pub labels: BTreeMap<String, String>,
    /// IPv6.
    pub enable_ipv6: Option<bool>,
    /// IP address management.
    pub ipam: Ipam,
}

/// IP address management of a network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ipam {
    /// Driver.
    pub driver: Option<String>,
    /// Subnets.
    pub config: Vec<IpamPool>,
}

/// One subnet of a network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpamPool {
    /// CIDR.
    pub subnet: Option<String>,
    /// Gateway.
    pub gateway: Option<String>,
    /// Range for dynamic addresses.
    pub ip_range: Option<String>,
}

/// A top-level named volume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Volume {
    /// The real name (`PROJECT_KEY` unless set or external).
    pub name: String,
    /// Driver.
    pub driver: Option<String>,
    /// Driver options.
    pub driver_opts: BTreeMap<String, String>,
    /// Not created by compose.
    pub external: bool,
    /// Labels.
    pub labels: BTreeMap<String, String>,
}

/// A top-level secret or config.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileObject {
    /// The real name.
    pub name: String,
    /// File with the content (absolute).
    pub file: Option<String>,
    /// Environment variable with the content.
    pub environment: Option<String>,
    /// Inline content (configs).
    pub content: Option<String>,
    /// Not created by compose.
    pub external: bool,
}

fn duration_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    match s {
        None => Ok(None),
        Some(s) => {
            let nanos = parse_duration(&s).map_err(serde::de::Error::custom)?;
            Ok(Some(Duration::from_nanos(nanos.max(0) as u64)))
        }
    }
}

fn bytes_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v: Option<serde_json::Value> = Option::deserialize(d)?;
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => Ok(n.as_i64()),
        Some(serde_json::Value::String(s)) => super::config::ram_in_bytes(&s)
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(other) => Err(serde::de::Error::custom(format!("invalid size {other}"))),
    }
}

/// A tree as a JSON value.
pub fn to_json(n: &Node) -> serde_json::Value {
    match &n.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => serde_json::Value::from(*f),
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(m) => serde_json::Value::Object(
            m.iter()
                .map(|e| (e.key.clone(), to_json(&e.value)))
                .collect(),
        ),
    }
}

impl Project {
    /// Reads the typed project from a normalised model.
    pub fn from_model(model: &Node) -> Result<Project, String> {
        let tree =
            printable(model, Format::Json).map_err(|e| format!("{}: {}", e.path, e.message))?;
        serde_json::from_value(to_json(&tree))
            .map_err(|e| format!("reading the compose model: {e}"))
    }

    /// Service names in dependency order (dependencies first, then by name).
    pub fn service_order(&self) -> Vec<String> {
        let mut done: Vec<String> = Vec::new();
        fn visit(p: &Project, name: &str, done: &mut Vec<String>, seen: &mut Vec<String>) {
            if done.iter().any(|d| d == name) || seen.iter().any(|s| s == name) {
                return;
            }
            seen.push(name.to_string());
            if let Some(s) = p.services.get(name) {
                for dep in s.depends_on.keys() {
                    visit(p, dep, done, seen);
                }
            }
            if p.services.contains_key(name) {
                done.push(name.to_string());
            }
        }
        let mut seen = Vec::new();
        for name in self.services.keys() {
            visit(self, name, &mut done, &mut seen);
        }
        done
    }
}

impl Service {
    /// How many containers the service runs (`scale`, else `deploy.replicas`, else 1).
    pub fn replicas(&self) -> i64 {
        self.scale
            .or_else(|| self.deploy.as_ref().and_then(|d| d.replicas))
            .unwrap_or(1)
    }
}
