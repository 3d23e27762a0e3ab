//! Why a container cannot be created: variants a caller can match, whose
//! messages name the flags involved and say what to do.

use std::path::PathBuf;

use crate::network::{Attachment, Mode};
use crate::spec::{self, Invalid, MountSpec};

/// Why creating a container failed (planning it, or committing the plan).
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// `--cgroup-conf` on a host whose controllers are cgroup v1 (podman's message).
    #[error("cannot use --cgroup-conf without cgroup v2: this host's cgroups are v1; set the limit with the --memory, --cpus ... flags instead")]
    CgroupConfV1,
    /// Fields of the request contradict each other.
    #[error(transparent)]
    Conflict(#[from] spec::Conflict),
    /// The runtime spec cannot be built (no command, unknown user, limits).
    #[error(transparent)]
    Spec(#[from] spec::Error),
    /// The name is not valid.
    #[error(transparent)]
    Name(#[from] super::super::Error),
    /// Rootless `--network NAME` with `--userns` other than the default.
    #[error(
        "--network {}: rootless containers on networks share one user namespace with rpod's \
         own mapping: remove --userns",
        .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(" --network ")
    )]
    BridgeUserns(Vec<Attachment>),
    /// Rootless `--network container:NAME` with another user namespace.
    #[error(
        "--network {mode}: container {name} has other uid/gid mappings (--userns): a rootless \
         container that joins its network joins its user namespace too, so give both the same \
         --userns"
    )]
    TargetOtherMappings {
        /// The mode as recorded.
        mode: Mode,
        /// The other container.
        name: String,
    },
    /// A `--hostuser` the host does not know (podman finds it when the
    /// container starts: exit 126).
    #[error("--hostuser {0}: no such user on this host: give a user name or uid from the host's passwd database")]
    UnknownHostUser(String),
    /// The container's own id maps cannot be made (`--userns`,
    /// `--uidmap` ...): the message names the flag.
    #[error("{0}")]
    IdMaps(String),
    /// `-P` with an image whose exposed ports do not parse.
    #[error("-P: {0}")]
    ExposedPorts(Invalid),
    /// A volume created with `-o type=` rpod cannot mount.
    #[error("volume {0}: type={1} is not supported: rpod mounts local volumes of type bind or tmpfs (or none)")]
    VolumeType(String, String),
    /// Two different mounts at one destination (podman's message).
    #[error("{0}: duplicate mount destination")]
    DuplicateDestination(String),
    /// A bind source given relative (the caller makes them absolute).
    #[error("-v {0}: the host path must be absolute")]
    RelativeBind(Box<MountSpec>),
    /// A seccomp profile that could not be installed.
    #[error("seccomp profile {}: {message}", path.display())]
    Seccomp {
        /// The profile file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// `--health-on-failure` without a check to act on (podman's message).
    #[error("cannot set on-failure action to {0} without a health check")]
    OnFailureWithoutCheck(crate::health::OnFailure),
    /// `--health-startup-cmd` without a regular check to hand over to.
    #[error(
        "--health-startup-cmd: a startup healthcheck hands over to a regular one: give \
         --health-cmd too (or use an image with a HEALTHCHECK)"
    )]
    StartupWithoutCheck,
    /// `--sdnotify=healthy` without a check (podman's message).
    #[error("sdnotify policy \"healthy\" requires a healthcheck to be set")]
    SdNotifyHealthyWithoutCheck,
    /// A resource limit that cannot be written into the spec (a block
    /// device of an I/O limit).
    #[error(transparent)]
    Resources(crate::spec::resources::ResourceError),
    /// An image mount's `subpath` that is not a directory of the image.
    #[error(
        "--mount type=image,source={image}: {} is not a directory in the image: name one that is",
        subpath.display()
    )]
    ImageSubpath {
        /// The image.
        image: String,
        /// The subpath.
        subpath: PathBuf,
    },
    /// kube play's automount annotation cannot be honoured.
    #[error(transparent)]
    Automount(Box<super::image_mounts::AutomountError>),
    /// A fact planning needs was not gathered (a bug in the caller).
    #[error("planning the container: {0} is unknown")]
    MissingFact(&'static str),
    /// A bind mount's host path does not exist.
    #[error(
        "-v {mount}: the host path {} does not exist: create it first (rpod does not create bind \
         sources)",
        path.display()
    )]
    BindSourceMissing {
        /// The mount.
        mount: Box<MountSpec>,
        /// Its source.
        path: PathBuf,
    },
    /// `:U` could not give a tree to the container's user.
    #[error("-v …:U: could not change the owner of {} to {uid}:{gid} (in the container)", path.display())]
    Chown {
        /// The tree.
        path: PathBuf,
        /// The uid.
        uid: u32,
        /// The gid.
        gid: u32,
    },
    /// The image's config blob does not parse.
    #[error("{image}: reading the image config: {source}")]
    ImageConfig {
        /// The image as asked for.
        image: String,
        /// The parse error.
        source: serde_json::Error,
    },
    /// containers.conf `default_ulimits` has a bad entry.
    #[error("{file}: containers.default_ulimits {value}: {reason}")]
    DefaultUlimits {
        /// The file (or `containers.conf`).
        file: String,
        /// The entry.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// A `--secret` file's owner is not mapped in the container's user
    /// namespace.
    #[error("--secret {name}: unable to extract secret: uid {uid} or gid {gid} is not mapped in the container's user namespace")]
    SecretOwner {
        /// The secret.
        name: String,
        /// The uid asked for.
        uid: u32,
        /// The gid asked for.
        gid: u32,
    },
    /// A `--secret` file could not be written into the container's directory.
    #[error("--secret {name}: unable to create {}: {message}", path.display())]
    SecretFile {
        /// The secret.
        name: String,
        /// The container's copy.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}
