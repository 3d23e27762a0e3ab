//! The facade the CLI calls: owns the configuration and the store, and
//! offers one method per user-visible operation. Batch operations return a
//! report per target (podman's `entities` reports), never print.

use std::path::{Path, PathBuf};

use crate::config::{ContainersConf, Driver, Paths, RegistriesConf, StorageConf};
use crate::error::Result;
use crate::layer;
use crate::store::Store;
use crate::userns::{self, IdMappings};
mod artifacts;
mod build;
mod changes;
mod containers;
mod events;
mod exec;
mod external;
mod images;
mod images_io;
mod info;
mod kube;
mod mounts;
mod networks;
mod pods;
mod secrets;
mod sign;
mod system;

pub use artifacts::ArtifactTransfer;
pub use build::{BuildError, BuildOptions};
pub use changes::{Change, DiffType};
pub use containers::RunDefaults;
pub use external::ExternalContainer;
pub use images::PullRequest;
pub use images_io::{is_archive_reference, ImageIoError, LoadSource, PushRequest, SaveTarget};
pub use info::{
    ContainerStore, CpuUsage, Distribution, DnsInfo, HostIdMappings, HostInfo, ImageStore, Info,
    NetworkBackendInfo, Plugins, ProgramInfo, RuntimeInfo, SecurityInfo, StoreInfo,
};
pub use sign::SignRequest;
pub use system::{ContainerUsage, DiskUsage, ImageUsage, PruneOptions, PruneReport, VolumeUsage};

/// When an image is pulled (`--pull`); it lives with the container request.
pub use crate::spec::PullPolicy;
pub use changes::DiffError;
pub use containers::{
    BridgeUnreachable, CommitOptions, Committed, ContainerNetworkError, CopyError, CopyOptions,
    CreateRequestError, HelperFailure, NamespaceError, NamespaceIds, ProbeVerdict, ProcessInfo,
    RemoveOptions, StatsReading, UpdateRequest, WaitCondition,
};
pub use containers::{
    BuildRunError, CgroupError, CommitError, HealthcheckError, LifecycleError, StopError, TopError,
    UpdateError, VolumeArchiveError,
};
pub use exec::ExecError;
pub use images::ImageOpError;
pub use kube::{check_authfile, DownReport, PlayReport, PlayRun, PlayedPod};
pub use mounts::MountError;
pub use networks::ConnectError;
pub use networks::{NetAddress, NetInterface, NetworkContainer, NetworkInspect};
pub use pods::{Pod, PodAction, PodRemoveOptions, PodReport};
pub use system::SystemError;

/// Why the engine could not be opened as configured.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// `--runtime` (or containers.conf's runtime) names a program that is
    /// not there (podman's error).
    #[error(
        "default OCI runtime \"{name}\" not found: invalid argument ({from}; rpod runs containers itself: leave it out)"
    )]
    RuntimeNotFound {
        /// The runtime's name.
        name: String,
        /// Where it was given (`--runtime`, containers.conf).
        from: String,
    },
    /// `RPOD_REGISTRY_TIMEOUT` is not a positive number of seconds.
    #[error("RPOD_REGISTRY_TIMEOUT={value:?}: expected a number of seconds greater than 0")]
    RegistryTimeout {
        /// The value as given.
        value: String,
    },
    /// overlay's `mount_program` is not there.
    #[error(
        "overlay.mount_program {}: not found; install fuse-overlayfs or give its path",
        program.display()
    )]
    MountProgramNotFound {
        /// The program as configured.
        program: PathBuf,
    },
    /// `--db-backend boltdb` (or containers.conf's `database_backend`):
    /// podman 5 creates no new BoltDB databases and rpod reads none
    /// (podman's message).
    #[error(
        "the BoltDB backend has been deprecated, no new BoltDB databases can be created: invalid argument"
    )]
    BoltDb,
    /// `--db-backend` names no database backend (podman's message).
    #[error("unsupported database backend: {value:?}")]
    DbBackend {
        /// The value as given.
        value: String,
    },
}

/// Checks the database backend asked for (`--db-backend`, else
/// containers.conf's `database_backend`) against what rpod keeps: its own
/// JSON records, whatever podman's name. `sqlite` (podman's default),
/// `json` (what `info` reports, so a containers.conf written from it
/// works) and no value use them; `boltdb` is refused as podman 5 refuses a new BoltDB
/// database, unless `$CI_DESIRED_DATABASE` is `boltdb` (podman's escape
/// hatch for its own CI, honoured so scripts written for it run).
pub fn check_db_backend(value: Option<&str>, ci_desired: Option<&str>) -> Result<(), SetupError> {
    match value.unwrap_or("") {
        "" | "sqlite" | "json" => Ok(()),
        "boltdb" if ci_desired == Some("boltdb") => {
            tracing::debug!("Allowing deprecated database backend due to CI_DESIRED_DATABASE.");
            Ok(())
        }
        "boltdb" => Err(SetupError::BoltDb),
        other => Err(SetupError::DbBackend {
            value: other.to_string(),
        }),
    }
}

/// How `exec` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecOutcome {
    /// The command ran in the foreground and exited with this code.
    Exited(u8),
    /// `-d`: the command started; this is its host pid.
    Started(i32),
}

/// How to open the engine: podman's global flags and the environment.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// `--root`: the graph root.
    pub root: Option<PathBuf>,
    /// `--runroot`: volatile state.
    pub runroot: Option<PathBuf>,
    /// `--storage-driver` (`overlay` or `vfs`); storage.conf's when `None`.
    pub storage_driver: Option<String>,
    /// `--storage-opt` values (`overlay.mount_program=PATH`); when any is
    /// given, storage.conf's options are not used.
    pub storage_opts: Vec<String>,
    /// Where configuration files and XDG directories are.
    pub paths: Paths,
    /// /etc/subuid and /etc/subgid (parameters so tests can move them).
    pub subid_files: (PathBuf, PathBuf),
    /// `--events-backend` (`file`, `journald` or `none`); containers.conf's when `None`.
    pub events_backend: Option<String>,
    /// `--default-mounts-file`: the mounts.conf to use instead of the user's, /etc's and /usr/share's.
    pub default_mounts_file: Option<PathBuf>,
    /// `--runtime`: the OCI runtime podman would use (rpod runs containers itself; see [`check_runtime`]).
    pub runtime: Option<String>,
    /// `--volumepath`: where volumes live; containers.conf's, else the store's `volumes/`, when `None`.
    pub volume_path: Option<PathBuf>,
    /// `--hooks-dir`s: the OCI hook directories (later ones win);
    /// containers.conf's `hooks_dir`, else podman's defaults, when empty.
    pub hooks_dirs: Vec<PathBuf>,
    /// `$RPOD_REGISTRY_TIMEOUT`: seconds a registry may send nothing before
    /// a request or download fails (default 30), as given.
    pub registry_timeout: Option<String>,
    /// `--db-backend`: the database backend podman would use (see
    /// [`check_db_backend`]); containers.conf's when `None`.
    pub db_backend: Option<String>,
    /// `$CI_DESIRED_DATABASE`, podman's CI switch that allows a new BoltDB database.
    pub ci_desired_database: Option<String>,
}

impl EngineOptions {
    /// Options from the environment, with no flags given.
    pub fn from_env() -> EngineOptions {
        EngineOptions {
            root: None,
            runroot: None,
            storage_driver: None,
            storage_opts: Vec::new(),
            paths: Paths::from_env(),
            subid_files: ("/etc/subuid".into(), "/etc/subgid".into()),
            events_backend: None,
            default_mounts_file: None,
            runtime: None,
            volume_path: None,
            hooks_dirs: Vec::new(),
            registry_timeout: std::env::var("RPOD_REGISTRY_TIMEOUT")
                .ok()
                .filter(|v| !v.is_empty()),
            db_backend: None,
            ci_desired_database: std::env::var("CI_DESIRED_DATABASE").ok(),
        }
    }
}

/// The outcome of one target of a batch operation (`rmi a b c`).
#[derive(Debug)]
pub struct Report {
    /// What the user typed for this target.
    pub raw_input: String,
    /// Lines to show for it (`Untagged: …`, `Deleted: …`), or why it failed.
    pub result: Result<Vec<String>>,
}

/// The single entry point of libpod for the CLI.
pub struct Engine {
    paths: Paths,
    store: Store,
    registries: RegistriesConf,
    containers_conf: ContainersConf,
    rootless: bool,
    mappings: IdMappings,
    mapping_warning: Option<String>,
    /// How long a registry may send nothing.
    registry_timeout: std::time::Duration,
    /// Kept as read: a driver or option rpod cannot use (in storage.conf or
    /// a flag) fails what creates containers (and `info`), so that the
    /// others can still be listed and removed. A storage.conf that cannot be
    /// read or parsed, or has a value of the wrong type, fails every
    /// command, as in podman. The error is [`crate::config::Error::Storage`]'s message.
    storage: std::result::Result<StorageConf, String>,
    /// The events journal (see `engine::events`).
    events: crate::events::Journal,
    /// Where volumes live (`--volumepath`, containers.conf, else the store's `volumes/`).
    volume_path: PathBuf,
    /// Why `--runtime` (or containers.conf's `runtime`) is ignored, to say once.
    runtime_warning: Option<String>,
    /// `--default-mounts-file`, when given.
    default_mounts_file: Option<PathBuf>,
    /// The OCI hook directories new containers use.
    hooks_dirs: Vec<PathBuf>,
}

/// Checks an OCI runtime named by `--runtime` or containers.conf's
/// `engine.runtime` (`from` says which). rpod is its own runtime: `rpod`
/// (or this very program) is taken as it is; another runtime that exists
/// is ignored with the warning returned; one that does not exist is
/// podman's error.
pub fn check_runtime(name: &str, from: &str) -> Result<Option<String>> {
    check_runtime_at(name, from, None)
}

/// [`check_runtime`], `name` being looked up in `paths` (containers.conf's
/// `[engine.runtimes]` entry for it) when given, else in `$PATH`.
fn check_runtime_at(name: &str, from: &str, paths: Option<&[String]>) -> Result<Option<String>> {
    let this = std::env::current_exe().ok();
    let found = match paths {
        Some(list) => list.iter().map(PathBuf::from).find(|p| p.is_file()),
        None => crate::config::storage::find_program(Path::new(name)),
    };
    if name == "rpod"
        || (found.is_some() && found.as_ref().and_then(|f| fs_err::canonicalize(f).ok()) == this)
    {
        return Ok(None);
    }
    match found {
        Some(path) => Ok(Some(format!(
            "rpod runs containers itself, without an OCI runtime: {from} {name} ({}) is ignored",
            path.display()
        ))),
        None => Err(SetupError::RuntimeNotFound {
            name: name.to_string(),
            from: from.to_string(),
        }
        .into()),
    }
}

impl Engine {
    /// Opens the store and reads configuration; enters no namespace yet.
    pub fn open(opts: EngineOptions) -> Result<Engine> {
        let rootless = userns::is_rootless();
        let (uid, gid, user) = userns::current_user()?;
        let (mappings, mapping_warning) = if rootless {
            IdMappings::rootless(uid, gid, &user, &opts.subid_files.0, &opts.subid_files.1)?
        } else {
            (IdMappings::identity_root(), None)
        };
        // Inside `rpod unshare` (root of the user's namespace): the user's
        // store, which the session names as podman's does.
        let unshared = |var: &str| {
            (!rootless && userns::in_user_namespace())
                .then(|| std::env::var_os(var))
                .flatten()
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let root = opts
            .root
            .clone()
            .or_else(|| unshared("CONTAINERS_GRAPHROOT"))
            .unwrap_or_else(|| {
                if rootless {
                    opts.paths.xdg_data_home.join("rpod")
                } else {
                    PathBuf::from("/var/lib/rpod")
                }
            });
        let runroot = opts
            .runroot
            .clone()
            .or_else(|| unshared("CONTAINERS_RUNROOT"))
            .unwrap_or_else(|| {
                if rootless {
                    opts.paths.runtime_dir().join("rpod")
                } else {
                    PathBuf::from("/run/rpod")
                }
            });
        let registry_timeout = match &opts.registry_timeout {
            None => crate::registry::DEFAULT_READ_TIMEOUT,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .map(std::time::Duration::from_secs)
                .ok_or_else(|| SetupError::RegistryTimeout { value: v.clone() })?,
        };
        let containers_conf = ContainersConf::load(&opts.paths)?;
        // Before the store is made: a refused backend leaves nothing behind.
        check_db_backend(
            opts.db_backend
                .as_deref()
                .or(containers_conf.database_backend()),
            opts.ci_desired_database.as_deref(),
        )?;
        let mut store = Store::open(&root, &runroot)?;
        let registries = RegistriesConf::load(&opts.paths)?;
        if let Some(dir) = containers_conf.static_dir() {
            store.set_static_dir(dir);
        }
        let events =
            events::open_journal(&containers_conf, &runroot, opts.events_backend.as_deref());
        let storage = match StorageConf::load(
            &opts.paths,
            rootless,
            opts.storage_driver.as_deref(),
            &opts.storage_opts,
        ) {
            Err(crate::config::Error::Storage(why)) => Err(why),
            other => Ok(other?),
        };
        if let Ok(conf) = &storage {
            store.set_additional_image_stores(conf.additional_image_stores());
        }
        let runtime_warning = match (&opts.runtime, containers_conf.runtime()) {
            (Some(r), _) => check_runtime(r, "--runtime")?,
            // A system-wide setting meant for podman: not worth a warning
            // on every command.
            (None, Some(r)) => {
                let paths = containers_conf.runtime_paths(r);
                if let Some(w) = check_runtime_at(r, "containers.conf's engine.runtime", paths)? {
                    tracing::debug!("{w}");
                }
                None
            }
            (None, None) => None,
        };
        let volume_path = opts
            .volume_path
            .clone()
            .or_else(|| containers_conf.volume_path().map(Path::to_path_buf))
            .unwrap_or_else(|| store.root().join("volumes"));
        // As podman: with none configured, only root reads the default
        // directories.
        let hooks_dirs = match (opts.hooks_dirs.is_empty(), containers_conf.hooks_dir()) {
            (false, _) => opts
                .hooks_dirs
                .iter()
                .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.clone()))
                .collect(),
            (true, Some(dirs)) => dirs.to_vec(),
            (true, None) if rootless => Vec::new(),
            (true, None) => crate::runtime::hooks::DEFAULT_DIRS
                .iter()
                .map(PathBuf::from)
                .collect(),
        };
        Ok(Engine {
            hooks_dirs,
            default_mounts_file: opts.default_mounts_file.clone(),
            runtime_warning,
            volume_path,
            registry_timeout,
            storage,
            paths: opts.paths,
            store,
            registries,
            containers_conf,
            rootless,
            mappings,
            mapping_warning,
            events,
        })
    }

    /// Whether rpod runs unprivileged (a user namespace is used for file work).
    pub fn is_rootless(&self) -> bool {
        self.rootless
    }

    /// A warning to show once when `--runtime` names another runtime.
    pub fn runtime_warning(&self) -> Option<&str> {
        self.runtime_warning.as_deref()
    }

    /// A warning to show once when the user has no subordinate id range.
    pub fn mapping_warning(&self) -> Option<&str> {
        self.mapping_warning.as_deref()
    }

    /// Enters the user (and mount) namespace when rootless; call before any thread starts.
    pub fn enter_userns(&self) -> Result<()> {
        if self.rootless && !userns::in_user_namespace() {
            tracing::debug!("entering the user namespace");
            userns::enter(&self.mappings, true)?;
            tracing::debug!("in the user namespace");
        }
        Ok(())
    }

    /// The unqualified-search registries from registries.conf.
    pub fn search_registries(&self) -> &[String] {
        self.registries.search_registries()
    }

    /// The store this engine works on.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// mounts.conf's entries whose host path exists, as (host, container)
    /// pairs: `--default-mounts-file`, else the user's file (rootless),
    /// /etc's and /usr/share's, the first entry for a destination winning.
    /// A missing file or a missing host path is skipped silently, as podman.
    pub fn default_mounts(&self) -> Vec<(PathBuf, PathBuf)> {
        let files = match &self.default_mounts_file {
            Some(f) => vec![f.clone()],
            None => {
                let mut v = Vec::new();
                if self.rootless {
                    v.push(self.paths.user_config_dir().join("mounts.conf"));
                }
                v.push(self.paths.system_dir.join("mounts.conf"));
                v.push(self.paths.vendor_dir.join("mounts.conf"));
                v
            }
        };
        let mut out: Vec<(PathBuf, PathBuf)> = Vec::new();
        for file in files {
            let Ok(text) = fs_err::read_to_string(&file) else {
                continue;
            };
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (host, ctr) = line.split_once(':').unwrap_or((line, line));
                let (host, ctr) = (PathBuf::from(host), PathBuf::from(ctr));
                if !host.is_absolute() || !ctr.is_absolute() || !host.exists() {
                    continue;
                }
                if !out.iter().any(|(_, c)| *c == ctr) {
                    out.push((host, ctr));
                }
            }
        }
        out
    }

    /// The volumes, where `--volumepath` (or containers.conf) puts them.
    pub fn volume_store(&self) -> crate::volume::Volumes<'_> {
        crate::volume::Volumes::at(&self.store, self.volume_path.clone())
    }

    /// The storage driver new containers get, with overlay's mount program
    /// (`None`: the kernel's overlay): the configured one, else, when
    /// native overlay is refused here (probed once per store), fuse-overlayfs.
    pub fn storage_driver(&self) -> Result<(Driver, Option<PathBuf>)> {
        let storage = self
            .storage
            .as_ref()
            .map_err(|why| crate::config::Error::Storage(why.clone()))?;
        Ok(match (storage.driver, &storage.mount_program) {
            (Driver::Vfs, _) => (Driver::Vfs, None),
            (Driver::Overlay, Some(program)) => {
                let found = crate::config::storage::find_program(program).ok_or_else(|| {
                    SetupError::MountProgramNotFound {
                        program: program.clone(),
                    }
                })?;
                (Driver::Overlay, Some(found))
            }
            (Driver::Overlay, None) => {
                match layer::overlay::choose(self.store.root(), self.rootless)? {
                    layer::overlay::Mount::Native => (Driver::Overlay, None),
                    layer::overlay::Mount::Program(p) => (Driver::Overlay, Some(p)),
                }
            }
        })
    }

    /// The paths the engine was opened with.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The root directory of the store.
    pub fn root(&self) -> &Path {
        self.store.root()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_runtime_that_is_not_there_is_a_setup_error() {
        let err = check_runtime_at("rpod-no-such-runtime", "--runtime", Some(&[])).unwrap_err();
        assert!(
            matches!(&err, Error::Setup(SetupError::RuntimeNotFound { name, .. }) if name == "rpod-no-such-runtime"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "default OCI runtime \"rpod-no-such-runtime\" not found: invalid argument (--runtime; rpod runs containers itself: leave it out)"
        );
    }

    #[test]
    fn database_backends() {
        for ok in [None, Some(""), Some("sqlite"), Some("json")] {
            assert!(check_db_backend(ok, None).is_ok(), "{ok:?}");
        }
        assert!(matches!(
            check_db_backend(Some("boltdb"), None),
            Err(SetupError::BoltDb)
        ));
        assert!(matches!(
            check_db_backend(Some("boltdb"), Some("sqlite")),
            Err(SetupError::BoltDb)
        ));
        assert!(check_db_backend(Some("boltdb"), Some("boltdb")).is_ok());
        assert!(matches!(
            check_db_backend(Some("BoltDB"), None),
            Err(SetupError::DbBackend { value }) if value == "BoltDB"
        ));
    }

    #[test]
    fn a_tag_with_a_digest_is_refused_by_variant() {
        let err = Engine::normalize_new_name(
            "example.com/a@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::ImageOp(ImageOpError::TagWithDigest { .. })),
            "{err:?}"
        );
    }
}
