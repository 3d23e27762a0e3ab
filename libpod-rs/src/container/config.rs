//! The fixed part of a container's record (`config.json`): what was decided
//! when it was created, as typed values that are read back without being
//! parsed again.
//!
//! Records written by older rpods still load: the network mode and the
//! mounts were strings as given (parsed once here, when such a record is
//! read: a bad one makes the record damaged, never a silent default); the
//! restart policy, stop signal, log driver and sdnotify mode have the same
//! shape as before; `ports` (the PORTS column as text, beside
//! `port_mappings`) is no longer written and is ignored.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::config::Driver;
use crate::network::{HostEntry, Mode, PortMapping};
use crate::spec::resources::Resources;
use crate::spec::{LogDriver, MountSpec, RestartPolicy, SdNotifyMode, StopSignal, UsernsMode};

/// A secret a container uses (`--secret`), as recorded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ContainerSecret {
    /// The secret's name.
    pub name: String,
    /// Its ID when the container was created.
    pub id: String,
    /// `Some(VAR)`: an environment variable; `None`: a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    /// The file's owner inside the container.
    #[serde(default)]
    pub uid: u32,
    /// The file's group inside the container.
    #[serde(default)]
    pub gid: u32,
    /// The file's mode.
    #[serde(default)]
    pub mode: u32,
}

/// What was decided at `create` and never changes (but the name).
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Config {
    /// Full 64-hex ID.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// The image as the user wrote it.
    pub image: String,
    /// The image's ID (hex).
    pub image_id: String,
    /// The image's full name (`docker.io/library/busybox:latest`).
    pub image_name: String,
    /// The IDs (hex) of the images its image mounts use (`--mount
    /// type=image`, kube image volumes): `rmi` refuses them as it refuses
    /// `image_id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_mount_ids: Vec<String>,
    /// The command line the container runs (entrypoint + cmd).
    pub command: Vec<String>,
    /// The entrypoint part of `command` (`--entrypoint`, else the image's):
    /// inspect's `Config.Entrypoint`, its rest `Config.Cmd`, as podman's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entrypoint: Vec<String>,
    /// The user as given (`--user`, else the image's `User`; empty for
    /// neither): inspect's `Config.User`, as podman's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    /// When the record was created.
    pub created: DateTime<Utc>,
    /// `--rm`: remove the record when the container exits.
    pub auto_remove: bool,
    /// `--rmi`: with the record, remove its image unless another
    /// container uses it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove_image: bool,
    /// `--passwd=false`: no entries added to /etc/passwd and /etc/group.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_passwd: bool,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// The signal `stop` sends first.
    pub stop_signal: StopSignal,
    /// Seconds `stop` waits before SIGKILL.
    pub stop_timeout: u32,
    /// Where output is kept.
    pub log_driver: LogDriver,
    /// `--log-opt max-size` in bytes.
    pub log_max_size: Option<u64>,
    /// `--cidfile`, removed with the container (when it still holds its ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidfile: Option<std::path::PathBuf>,
    /// `--log-opt tag=` (or containers.conf's `log_tag`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_tag: Option<String>,
    /// `--label`s.
    pub labels: BTreeMap<String, String>,
    /// The network mode (`container:` with the other container's full ID).
    #[serde(deserialize_with = "network_mode")]
    pub network: Mode,
    /// Mounts: binds, volumes (by name; anonymous ones named) and tmpfs.
    #[serde(deserialize_with = "mounts")]
    pub mounts: Vec<MountSpec>,
    /// The host name.
    pub hostname: String,
    /// Whether rootless (the upper directory holds subordinate ids).
    pub rootless: bool,
    /// Published ports (`-p`, `-P`), host ports chosen.
    #[serde(default)]
    pub port_mappings: Vec<PortMapping>,
    /// `--dns` servers.
    #[serde(default)]
    pub dns: Vec<IpAddr>,
    /// `--dns-search` domains.
    #[serde(default)]
    pub dns_search: Vec<String>,
    /// `--dns-option` resolver options.
    #[serde(default)]
    pub dns_options: Vec<String>,
    /// `--add-host` entries.
    #[serde(default)]
    pub add_hosts: Vec<HostEntry>,
    /// `--hosts-file`: the base of /etc/hosts (a path, `none`, `image`),
    /// when given; containers.conf's `base_hosts_file` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_hosts_file: Option<String>,
    /// Volumes the container uses (named and anonymous).
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Anonymous volumes made for it (`rm -v` removes them).
    #[serde(default)]
    pub anonymous_volumes: Vec<String>,
    /// `--sdnotify`.
    #[serde(default)]
    pub sdnotify: SdNotifyMode,
    /// `--userns`.
    #[serde(default)]
    pub userns: UsernsMode,
    /// The command line that created it (podman's `CreateCommand`), replayed
    /// by `generate systemd --new`; empty for records from older rpods.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// The storage driver of its root file system: overlay (the `upper`,
    /// `work` and `merged` directories) or vfs (a copy of the layers in
    /// `rootfs`); records from older rpods without one used overlay.
    #[serde(default)]
    pub storage_driver: Driver,
    /// overlay's mount program (fuse-overlayfs) when the kernel's overlay
    /// is not used; chosen at create, as the upper directory's format
    /// depends on it.
    #[serde(default)]
    pub mount_program: Option<PathBuf>,
    /// The healthcheck it runs (`--health-*` merged with the image's
    /// `HEALTHCHECK`); `None`: none.
    #[serde(default)]
    pub healthcheck: Option<crate::health::HealthConfig>,
    /// How its health results are acted on and kept.
    #[serde(default)]
    pub health: crate::health::HealthSettings,
    /// Its startup healthcheck (`--health-startup-*`), if any.
    #[serde(default)]
    pub startup_healthcheck: Option<crate::health::StartupCheck>,
    /// Its resource limits (empty: none, or dropped rootless on cgroup v1
    /// as podman drops them); records from older rpods have none.
    #[serde(default)]
    pub resources: Resources,
    /// `--cgroup-parent`: the cgroup its own goes under (`None`: podman's
    /// cgroupfs default, `libpod_parent`).
    #[serde(default)]
    pub cgroup_parent: Option<String>,
    /// Healthchecks were turned off (`--no-healthcheck`, `--health-cmd
    /// none`, `update --no-healthcheck`): inspect's `Healthcheck` is
    /// `{"Test": ["NONE"]}` as podman's.
    #[serde(default)]
    pub healthcheck_disabled: bool,
    /// `--shm-size` in bytes (`None`: the default, 64 MB).
    #[serde(default)]
    pub shm_size: Option<u64>,
    /// `--sysctl` settings, by key.
    #[serde(default)]
    pub sysctls: BTreeMap<String, String>,
    /// The container's own id maps (intermediate ids: what inspect's
    /// `HostConfig.IDMappings` shows); `None`: rpod's default mapping.
    #[serde(default)]
    pub id_mappings: Option<(Vec<crate::userns::IdMap>, Vec<crate::userns::IdMap>)>,
    /// `--group-add` as given.
    #[serde(default)]
    pub group_add: Vec<String>,
    /// The process's umask.
    #[serde(default)]
    pub umask: crate::spec::Umask,
    /// `--tz` (or containers.conf's `tz`).
    #[serde(default)]
    pub timezone: Option<crate::spec::Timezone>,
    /// `--hostuser`.
    #[serde(default)]
    pub host_users: Vec<String>,
    /// `--passwd-entry`.
    #[serde(default)]
    pub passwd_entry: Option<String>,
    /// `--group-entry`.
    #[serde(default)]
    pub group_entry: Option<String>,
    /// `--annotation`s.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// `--secret`s: file secrets were copied into the container's
    /// directory when it was created; env secrets are read at each start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<ContainerSecret>,
    /// `:U` trees, given to the container's user again at every start
    /// (as podman: files changed meanwhile are chowned back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chown: Vec<super::plan::Chown>,
    /// `--requires`: full IDs of the containers started before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// `--conmon-pidfile`: written with the monitor's pid at each start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conmon_pidfile: Option<PathBuf>,
    /// `--chrootdirs`: directories that get the container's /etc/hosts and
    /// /etc/resolv.conf too (inspect's `Config.ChrootDirs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chroot_dirs: Vec<PathBuf>,
    /// `--pidfile`: written with the container's pid at each start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pidfile: Option<PathBuf>,
    /// `--timeout`: seconds after which the container is killed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// The image's exposed ports and `--expose`'s (`80/tcp`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed_ports: Vec<String>,
    /// The pod it belongs to (`--pod`), by full ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// A `kube play --service-container`'s container (inspect `.IsService`):
    /// it pauses while its pods run; their records name it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_service: bool,
    /// A service container's `--service-exit-code-propagation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kube_exit_code_propagation: Option<crate::kube::ExitCodePropagation>,
    /// Its PID, IPC, UTS and cgroup namespace modes (records of older
    /// rpods: all private).
    #[serde(default)]
    pub namespaces: crate::spec::Namespaces,
    /// `--device`s, one per device node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<crate::spec::DeviceSpec>,
    /// The device cgroup's allow list (`--device-cgroup-rule`, rootful);
    /// empty: the device cgroup is left alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub device_rules: Vec<crate::spec::DeviceRule>,
    /// `--rootfs`: the directory it runs from instead of an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rootfs: Option<crate::spec::RootfsSpec>,
    /// It runs in systemd mode (`--systemd`).
    #[serde(default)]
    pub systemd: bool,
    /// `--shm-size-systemd` in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size_systemd: Option<u64>,
    /// `--privileged` (or containers.conf's `privileged`), for inspect.
    #[serde(default)]
    pub privileged: bool,
    /// The OCI hook directories (`--hooks-dir`, containers.conf's
    /// `hooks_dir`) as they were when it was created: its hooks are read
    /// from them at every start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hooks_dirs: Vec<PathBuf>,
}

impl Config {
    /// Its storage driver.
    pub fn driver(&self) -> Driver {
        self.storage_driver
    }

    /// The container whose network it joins (`--network container:`), by ID.
    pub fn network_target(&self) -> Option<&str> {
        match &self.network {
            Mode::Container(id) => Some(id),
            _ => None,
        }
    }

    /// Whether it uses image `image_id` (hex): as its root file system or
    /// through an image mount.
    pub fn uses_image(&self, image_id: &str) -> bool {
        self.image_id == image_id || self.image_mount_ids.iter().any(|i| i == image_id)
    }

    /// Its bind and volume mounts in the `-v` form (inspect's `Binds`).
    pub fn binds(&self) -> Vec<String> {
        self.mounts
            .iter()
            .filter(|m| !m.is_tmpfs())
            .map(ToString::to_string)
            .collect()
    }
}

/// The network mode: typed, or (older records) the `--network` string.
fn network_mode<'de, D: Deserializer<'de>>(d: D) -> Result<Mode, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Typed(Mode),
        Legacy(String),
    }
    match Stored::deserialize(d)? {
        Stored::Typed(m) => Ok(m),
        Stored::Legacy(s) => s
            .parse()
            .map_err(|e| serde::de::Error::custom(format!("network mode {s:?}: {e}"))),
    }
}

/// The mounts: typed, or (older records) the `-v`/`--mount` values as given.
fn mounts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<MountSpec>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Typed(Vec<MountSpec>),
        Legacy(Vec<String>),
    }
    match Stored::deserialize(d)? {
        Stored::Typed(m) => Ok(m),
        Stored::Legacy(v) => v
            .iter()
            .map(|s| {
                let mount_form = ["target=", "type=", "destination=", "dst="]
                    .iter()
                    .any(|k| s.contains(k));
                if mount_form {
                    MountSpec::parse_mount(s)
                } else {
                    MountSpec::parse_volume(s)
                }
                .map_err(|e| serde::de::Error::custom(format!("mount {s:?}: {e}")))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::MountSource;

    /// A record as rpod wrote it before the request was typed.
    const OLDER: &str = r#"{
        "id": "aaaa", "name": "web", "image": "busybox", "image_id": "ff",
        "image_name": "docker.io/library/busybox:latest", "command": ["sh"],
        "created": "2024-01-01T00:00:00Z", "auto_remove": false, "tty": false,
        "interactive": false, "restart": {"name": "on-failure", "max_retries": 3},
        "stop_signal": 10, "stop_timeout": 10, "log_driver": "k8s-file",
        "log_max_size": null, "labels": {}, "network": "container:bbbb",
        "ports": ["0.0.0.0:8080->80/tcp"], "mounts": ["data:/data:ro", "/anon",
        "type=bind,source=/h,target=/c"], "hostname": "aaaa", "rootless": true,
        "port_mappings": [], "dns": ["10.0.0.1"], "add_hosts": [["db", "10.1.2.3"]],
        "sdnotify": "", "storage_driver": ""
    }"#;

    #[test]
    fn records_of_older_rpods_load_typed() {
        let c: Config = serde_json::from_str(OLDER).unwrap();
        assert_eq!(c.network, Mode::Container("bbbb".into()));
        assert_eq!(c.network_target(), Some("bbbb"));
        assert_eq!(c.restart, RestartPolicy::OnFailure { max_retries: 3 });
        assert_eq!(
            c.stop_signal.signal(),
            Some(nix::sys::signal::Signal::SIGUSR1)
        );
        assert_eq!(c.sdnotify, SdNotifyMode::Ignore);
        assert_eq!(c.storage_driver, Driver::Overlay);
        assert_eq!(c.mounts[0].source, MountSource::Volume("data".into()));
        assert!(c.mounts[0].read_only);
        assert_eq!(c.mounts[1].source, MountSource::AnonymousVolume);
        assert_eq!(c.mounts[2].source, MountSource::Bind("/h".into()));
        assert_eq!(c.binds(), ["data:/data:ro", "/anon", "/h:/c"]);
        assert_eq!(c.add_hosts[0].name, "db");
        assert_eq!(c.dns, ["10.0.0.1".parse::<IpAddr>().unwrap()]);
        // Written back typed, and read again the same.
        let again: Config = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn a_bad_stored_mode_is_a_damaged_record_not_a_default() {
        let bad = OLDER.replace("container:bbbb", "container:");
        let e = serde_json::from_str::<Config>(&bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("network mode"), "{e}");
    }
}
