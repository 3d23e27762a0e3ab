//! What a plan says to write: the record, the runtime spec, the files,
//! volumes and trees of a new container.

use std::path::PathBuf;

use oci_spec::runtime::Spec;

use crate::container::etc::{KeepIdFiles, NetworkFiles};
use crate::container::Config;

/// How the new container gets its name (decided under the store's lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameRequest {
    /// `--name` (already checked against the grammar).
    Given {
        /// The name.
        name: String,
        /// `--replace`: a container holding it is removed first.
        replace: bool,
    },
    /// A generated `adjective_noun` name no container holds.
    Generated,
}

/// A volume the container uses, to create when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeUse {
    /// Its name.
    pub name: String,
    /// Made for this container (`-v /path`, an image's volume).
    pub anonymous: bool,
}

/// A tree to give to the container's user (`:U`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Chown {
    /// The tree (a host path or a volume's directory).
    pub path: PathBuf,
    /// The uid inside the container.
    pub uid: u32,
    /// The gid inside the container.
    pub gid: u32,
}

/// How a container's `/etc/localtime` shows its time zone, as podman
/// makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTime {
    /// The image has the zone's file: `/etc/localtime` becomes a link to
    /// it (this relative target, `../usr/share/zoneinfo/NAME`), written
    /// into the container's root.
    Link(String),
    /// The image lacks it: a copy of the host's zone file, bind-mounted.
    Copy(Vec<u8>),
}

/// A `--secret` file to write into the container's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFile {
    /// The secret's ID (its data is read when the plan is committed).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The container's copy (bind-mounted read-only).
    pub path: PathBuf,
    /// The owner, as an id of rpod's user namespace (the container's uid
    /// mapped through both id maps; rootful: the uid itself).
    pub uid: u32,
    /// The group, likewise.
    pub gid: u32,
    /// The mode.
    pub mode: u32,
}

/// Where podman tells a container it runs in one.
pub const CONTAINERENV: &str = "/run/.containerenv";

/// What creating a container writes.
#[derive(Debug, Clone)]
pub struct CreatePlan {
    /// The record; its name is filled in by the commit ([`CreatePlan::name`]),
    /// and published ports with host port 0 get a free one then.
    pub config: Config,
    /// How the name is chosen.
    pub name: NameRequest,
    /// The OCI runtime spec.
    pub spec: Spec,
    /// `/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf` for `etc/`.
    pub etc: NetworkFiles,
    /// `/etc/passwd` and `/etc/group` with entries added (keep-id,
    /// `--hostuser`, a numeric `--user`) for `etc/`.
    pub keep_id: KeepIdFiles,
    /// The container's `/etc/localtime` (`--tz`).
    pub localtime: Option<LocalTime>,
    /// Volumes to create when missing, in order.
    pub volumes: Vec<VolumeUse>,
    /// Trees to chown.
    pub chown: Vec<Chown>,
    /// `--secret` files to write.
    pub secret_files: Vec<SecretFile>,
    /// Host paths that bind mounts need (they must exist).
    pub bind_sources: Vec<PathBuf>,
    /// Whether the record is synced to disk (not for `--rm` containers,
    /// which live for one run).
    pub durable: bool,
    /// What to tell the user (podman's: limits ignored rootless on cgroup v1).
    pub warnings: Vec<String>,
    /// `/run/.containerenv` to write into `etc/` (`None`: a mount of the
    /// user's covers it): empty, or with the container's facts when
    /// privileged (`Some(true)`), as podman writes it.
    pub containerenv: Option<bool>,
}
