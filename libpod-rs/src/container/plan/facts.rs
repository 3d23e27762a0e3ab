//! What planning is told beforehand: the host's facts, and those of the
//! container or pod the new one joins.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use oci_spec::runtime::Mount;

use super::{ImageMountFacts, LocalTime};
use crate::config::Driver;
use crate::container::etc::KeepIdUser;
use crate::network::Mode;
use crate::spec::{self, Host, HostLimits, Ulimit};
use crate::userns::{self, IdMap, IdMappings};

/// What planning knows about the container whose network the new one
/// joins (`--network container:NAME`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetFacts {
    /// Its full ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its own network mode.
    pub network: Mode,
    /// Its uid mappings (from its runtime spec; empty rootful).
    pub uid_map: Vec<IdMap>,
    /// Its gid mappings.
    pub gid_map: Vec<IdMap>,
    /// Its `/etc/hosts` and `/etc/resolv.conf` bind mounts, which the new
    /// container shares.
    pub etc_mounts: Vec<Mount>,
}

/// What planning knows about the pod a new container joins.
#[derive(Debug, Clone, PartialEq)]
pub struct PodFacts {
    /// The pod's full ID (recorded in the container's config).
    pub id: String,
    /// Where the `/etc/hosts`, `/etc/resolv.conf` and `/etc/hostname` its
    /// members share are, when they share the network and UTS
    /// namespaces (`None`: the container has its own).
    pub etc_dir: Option<PathBuf>,
    /// The directory bind-mounted on `/dev/shm` of members when they share
    /// the IPC namespace, so that what one writes there the others see,
    /// also after it exits (podman's infra container keeps one).
    pub shm_dir: Option<PathBuf>,
}

/// Everything planning needs to know about the host, read beforehand.
#[derive(Debug, Clone)]
pub struct HostFacts {
    /// The new container's ID.
    pub id: String,
    /// Its creation time.
    pub created: DateTime<Utc>,
    /// Whether rpod runs unprivileged (containers get a user namespace).
    pub rootless: bool,
    /// rpod's id mapping (rootless: the user and its subordinate ranges).
    pub mappings: IdMappings,
    /// The calling user, for `--userns=keep-id` (read only then).
    pub user: Option<KeepIdUser>,
    /// `--hostuser`'s users, looked up on the host.
    pub host_users: Vec<KeepIdUser>,
    /// What the container's own id maps are computed from (its
    /// `rootless`, `uids`, `gids` and `user` are filled in by [`plan`]).
    pub id_facts: userns::idmap::IdFacts,
    /// The time zone (`--tz`, else containers.conf's `tz`) and how the
    /// container's `/etc/localtime` gets it.
    pub timezone: Option<(spec::Timezone, LocalTime)>,
    /// containers.conf `umask`.
    pub default_umask: Option<spec::Umask>,
    /// The container's directory (its `etc/` files are bind-mounted from there).
    pub container_dir: PathBuf,
    /// Where volumes live (`<dir>/NAME/_data`).
    pub volumes_dir: PathBuf,
    /// The `volume create -o` options of the existing volumes the request
    /// names (`type=tmpfs`, `type=bind,device=PATH`), by name.
    pub volume_options:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// The storage driver of the container's root file system.
    pub storage_driver: Driver,
    /// overlay's mount program, if not the kernel's overlay.
    pub mount_program: Option<PathBuf>,
    /// The default network mode, when the request leaves it to the host.
    pub default_network: Option<Mode>,
    /// containers.conf `default_ulimits`.
    pub default_ulimits: Vec<Ulimit>,
    /// containers.conf `env`.
    pub default_env: Vec<String>,
    /// mounts.conf's entries whose host path exists (host, container):
    /// bound read-only unless the request mounts something there.
    pub default_mounts: Vec<(PathBuf, PathBuf)>,
    /// The host's limits.
    pub limits: HostLimits,
    /// The machine, for seccomp profiles' conditions.
    pub seccomp_host: Host,
    /// The image's `/etc/passwd` (to resolve `--user` names).
    pub image_passwd: Option<String>,
    /// The image's `/etc/group`.
    pub image_group: Option<String>,
    /// The host's `/etc/resolv.conf`.
    pub host_resolv_conf: String,
    /// The hosts file `/etc/hosts` adds to (containers.conf's `base_hosts_file`).
    pub base_hosts: String,
    /// The container whose network the new one joins.
    pub network_target: Option<TargetFacts>,
    /// The pod the new container joins (`--pod`).
    pub pod: Option<PodFacts>,
    /// How the host's cgroups are mounted (`None`: no cgroup file system).
    pub cgroups: Option<crate::cgroups::Layout>,
    /// Major and minor numbers of the block devices the request's I/O
    /// limits name (read only then; a missing one is refused).
    pub block_devices: std::collections::BTreeMap<PathBuf, (i64, i64)>,
    /// The host's name (`--uts host`: the container's).
    pub host_name: String,
    /// Whether the host has an mqueue file system on /dev/mqueue (rootless
    /// `--ipc host` binds it).
    pub host_mqueue: bool,
    /// rpod's own `/proc/self/oom_score_adj` (rootless, the lowest a
    /// container can get).
    pub oom_score_adj: i32,
    /// The request's `--device`s, resolved on the host.
    pub devices: Vec<spec::HostDevice>,
    /// The stored secrets the request's `--secret`s name, in their order.
    pub secrets: Vec<crate::secret::Secret>,
    /// The host's proxy variables the container gets (`--http-proxy`;
    /// empty when off).
    pub proxy_env: Vec<spec::EnvVar>,
    /// The layers of the images the request's image mounts name.
    pub image_mounts: Vec<ImageMountFacts>,
    /// The files of the request's artifact mounts.
    pub artifact_mounts: Vec<ArtifactMountFacts>,
}

/// What an artifact mount (`--mount type=artifact`) binds: each file of
/// the artifact store at its path in the container.
#[derive(Debug, Clone, Default)]
pub struct ArtifactMountFacts {
    /// The mount's destination, as asked.
    pub destination: PathBuf,
    /// (blob in the store, path in the container), read-only binds.
    pub files: Vec<(PathBuf, PathBuf)>,
}
