//! What a container is created from, and the OCI runtime spec made of it.
//!
//! [`ContainerSpec`] (podman's SpecGenerator) is the typed request that
//! `run`/`create` flags, compose, kube play, Quadlet and build's RUN steps
//! all build; its parts parse here, once ([`policy`], [`mounts`], [`env`],
//! [`caps`], [`user`], [`security_opt`], [`ulimit`], and the network modes
//! in [`crate::network`]). [`generate()`] turns a request, the image's
//! config and what planning resolved into the OCI spec, following Docker's
//! override rules and podman's defaults; [`exec`] builds the process of
//! `rpod exec`.
//!
//! This module computes data. Its file-system accesses are a
//! `--security-opt seccomp=FILE` profile and an `--env-file`, read when
//! the request is built, [`read_in_tree`] (the image's `/etc/passwd` for
//! planning, the container's for `exec`), the host's limits and kernel
//! version ([`HostLimits::current`], [`Host::current`]) and its device
//! nodes (`--device`, `--privileged`: [`devices`]), read as facts.

pub mod caps;
pub mod devices;
pub mod env;
mod exec;
pub mod flag;
pub mod generate;
pub mod idmap;
pub mod mounts;
pub mod namespaces;
pub mod policy;
pub mod process_env;
pub mod request;
pub mod resources;
pub mod rootfs;
mod seccomp;
mod seccomp_profile;
pub mod secret;
pub mod security_opt;
pub mod sysctl;
pub mod systemd;
pub mod ulimit;
pub mod user;

use std::path::{Path, PathBuf};

pub use caps::{Cap, CapRequest, CapSet, ALL_CAPS, DEFAULT_CAPS};
pub use devices::{DeviceRule, DeviceSpec, HostDevice};
pub use env::{merge_env, EnvVar};
pub use exec::{
    exec_process, init_ids, parse_environ, to_container_id, ExecOptions, ExecSeccomp, InitState,
};
pub use flag::{parse_flag, parse_flags, parse_opt_flag, with_flag, FlagError, Invalid};
pub use generate::{
    add_notify_socket, command_line, generate, join_namespace, mount, read_only_binds, Bind, Netns,
    Resolved, COPY_UP_ANNOTATION, ETC_MTAB_ANNOTATION, INIT_ANNOTATION, MASKED_PATHS,
    READONLY_PATHS, WORKDIR_GIVEN_ANNOTATION,
};
pub use idmap::{IdMapRequest, MapEntry};
pub use mounts::{MountSource, MountSpec};
pub use namespaces::{NamespaceSpec, Namespaces, NsKind, NsMode};
pub use policy::{
    parse_kill_signal, parse_signal, AutoOptions, KeepIdOptions, LogConfig, LogDriver, PullPolicy,
    RestartPolicy, SdNotifyMode, StopSignal, UsernsMode,
};
pub use process_env::{Personality, Timezone, Umask};
pub use request::{
    AccountsSpec, Conflict, ContainerSpec, FetchOptions, ImageSpec, NetworkSpec, PodMembership,
    ProcessSpec, SecuritySpec,
};
pub use rootfs::RootfsSpec;
pub use seccomp::{default_seccomp, default_seccomp_for, SeccompPolicy};
pub use seccomp_profile::{Host, SeccompProfile};
pub use secret::{SecretRequest, SecretUse};
pub use security_opt::{apply_security_opt, SECURITY_OPT_FORMS};
pub use sysctl::Sysctl;
pub use systemd::SystemdMode;
pub use ulimit::{display_limit, HostLimits, Ulimit, UNLIMITED};
pub use user::{resolve_user, GroupAdd, ResolvedUser, UserSpec, MAX_ID};

/// Errors building a runtime spec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The container has nothing to run.
    #[error("no command specified: give one after the image name or use --entrypoint")]
    NoCommand,
    /// `--rootfs` without a command: nothing to execute (podman's runtime error, exit 127).
    #[error("executable file `` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found (--rootfs needs a command after the directory)")]
    RootfsNoCommand,
    /// A `--user` name is not in the container's passwd or group file.
    #[error(
        "unable to find {kind} {user}: no matching entries in {base} file (the container's {file})",
        kind = if file.ends_with("group") { "group" } else { "user" },
        base = file.trim_start_matches("/etc/")
    )]
    UnknownUser {
        /// The name asked for.
        user: String,
        /// `/etc/passwd` or `/etc/group`.
        file: &'static str,
    },
    /// A uid or gid outside 0..=2147483647 (4294967295 is -1 to the
    /// kernel: "leave unchanged", which would keep the container root).
    #[error("invalid user {user:?}: {what} {id} is out of range: uids and gids must be in range 0-{max}", max = MAX_ID)]
    IdOutOfRange {
        /// The `--user` value (or the image's `User`).
        user: String,
        /// `uid` or `gid`.
        what: &'static str,
        /// The number as written.
        id: String,
    },
    /// A bind destination is not absolute (an image's volume path).
    #[error("invalid mount destination {0:?}: must be an absolute path")]
    RelativeDestination(String),
    /// An environment entry has no name.
    #[error("{0}")]
    InvalidEnv(String),
    /// oci-spec refused a value.
    #[error("building the runtime spec: {0}")]
    Oci(#[from] oci_spec::OciSpecError),
    /// A seccomp profile file cannot be read.
    #[error(
        "reading seccomp profile {path}: {}: check the path given to --security-opt seccomp=",
        crate::sys::os_text(source)
    )]
    SeccompProfileRead {
        /// The profile file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file read for the container (a seccomp profile, the image's
    /// /etc/passwd) is too large or not a regular file.
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
    /// A seccomp profile is malformed or asks for something unsupported.
    #[error("seccomp profile {path}: {message}")]
    SeccompProfile {
        /// The profile file.
        path: PathBuf,
        /// What is wrong, naming the entry.
        message: String,
    },
    /// A `--security-opt` value is not understood.
    #[error("--security-opt {opt:?}: {message}")]
    SecurityOpt {
        /// The value as given.
        opt: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// A hard limit above rpod's own, which it cannot raise.
    #[error("ulimit {name}: the hard limit {requested} is above the current hard limit {current}, which cannot be raised without CAP_SYS_RESOURCE (never held rootless): use at most {current}, or raise the calling shell's limit first")]
    UlimitAboveHard {
        /// podman's name for the limit (`nofile`).
        name: &'static str,
        /// The hard limit asked for.
        requested: String,
        /// Our current hard limit.
        current: String,
    },
}

/// Result with this module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The most rpod reads of a container's or an image's /etc file.
pub const ETC_FILE_LIMIT: u64 = 16 << 20;

/// A file of a container's or an image's tree (`etc/passwd`) read on the
/// host: resolved inside `root` by descriptor, so that a symlink planted
/// there (`etc/passwd -> /home/user/.ssh/id_rsa`) stays inside the tree; a
/// regular file only, at most [`ETC_FILE_LIMIT`] bytes. `None` when it
/// cannot be read so.
pub fn read_in_tree(root: &Path, rel: &str) -> Option<String> {
    crate::sys::read_in_root(root, Path::new(rel), ETC_FILE_LIMIT)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The first file `rel` (e.g. `etc/passwd`) found in the layers, top first.
/// Each layer's symlinks resolve inside that layer (never on the host), and
/// the read is bounded: an image whose /etc/passwd is a device, a FIFO or
/// endless fails with a clear error instead of hanging or exhausting memory.
pub fn read_from_layers(layers: &[PathBuf], rel: &str) -> Result<Option<String>> {
    let shown = Path::new("/").join(rel);
    let kind = crate::userfile::IMAGE_TEXT;
    for layer in layers {
        match crate::sys::read_in_root(layer, Path::new(rel), kind.limit) {
            Ok(bytes) => return Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(nix::errno::Errno::EINVAL) => {
                return Err(Error::File(crate::userfile::Error::Io {
                    what: kind.what,
                    path: shown,
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "not a regular file in the image",
                    ),
                }))
            }
            Err(nix::errno::Errno::EFBIG) => {
                return Err(Error::File(crate::userfile::Error::TooLarge {
                    what: kind.what,
                    path: shown,
                    limit: kind.limit,
                }))
            }
            Err(_) => {}
        }
    }
    Ok(None)
}
