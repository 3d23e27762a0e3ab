//! The facade the CLI calls: owns the configuration and the store, and
//! offers one method per user-visible operation. Batch operations return a
//! report per target (podman's `entities` reports), never print.

use std::path::{Path, PathBuf};

use crate::config::{
    AuthStore, ContainersConf, Credentials, Driver, Paths, RegistriesConf, StorageConf,
};
use crate::error::{Error, Result};
use crate::image::inspect::{self, HistoryEntry, ImageInspect};
use crate::image::pull::{self, PullOptions, PullReporter};
use crate::image::{ImageIndex, ImageRecord};
use crate::layer;
use crate::reference::Reference;
use crate::registry::manifest::Platform;
use crate::registry::{Client, ClientOptions};
use crate::store::{LockMode, Store};
use crate::userns::{self, IdMappings};
mod build;
mod changes;
mod containers;
mod events;
mod images_io;
mod info;
mod kube;
mod mounts;
mod networks;
mod pods;
mod secrets;
mod system;

pub use build::BuildOptions;
pub use changes::{Change, DiffType};
pub use containers::RunDefaults;
pub use images_io::{is_archive_reference, LoadSource, PushRequest, SaveTarget};
pub use info::{
    ContainerStore, CpuUsage, Distribution, DnsInfo, HostIdMappings, HostInfo, ImageStore, Info,
    NetworkBackendInfo, Plugins, ProgramInfo, RuntimeInfo, SecurityInfo, StoreInfo,
};
pub use system::{ContainerUsage, DiskUsage, ImageUsage, PruneOptions, PruneReport, VolumeUsage};

/// When an image is pulled (`--pull`); it lives with the container request.
pub use crate::spec::PullPolicy;
pub use containers::{
    CommitOptions, Committed, CopyOptions, ProbeVerdict, ProcessInfo, RemoveOptions, StatsReading,
    UpdateRequest, WaitCondition,
};
pub use kube::{check_authfile, DownReport, PlayReport, PlayRun, PlayedPod};
pub use networks::{NetAddress, NetInterface, NetworkContainer, NetworkInspect};
pub use pods::{Pod, PodAction, PodRemoveOptions, PodReport};

use crate::{runtime, spec};

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
        }
    }
}

/// What a pull needs besides the name.
#[derive(Debug, Clone, Default)]
pub struct PullRequest {
    /// `--platform` (or `--os`/`--arch`/`--variant`); the host's when `None`.
    pub platform: Option<Platform>,
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds`.
    pub credentials: Option<Credentials>,
    /// `--authfile`.
    pub auth_file: Option<PathBuf>,
    /// `--cert-dir`: certificates for every registry, instead of certs.d.
    pub cert_dir: Option<PathBuf>,
    /// `--retry`: retries after a failed attempt (containers.conf's, else 3).
    pub retry: Option<u32>,
    /// `--retry-delay`: the delay between retries (default: 2 s, doubling).
    pub retry_delay: Option<std::time::Duration>,
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
    /// command, as in podman.
    storage: std::result::Result<StorageConf, crate::config::Error>,
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
        None => Err(Error::Message(format!(
            "default OCI runtime \"{name}\" not found: invalid argument ({from}; rpod runs containers itself: leave it out)"
        ))),
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
                .ok_or_else(|| {
                    Error::Message(format!(
                        "RPOD_REGISTRY_TIMEOUT={v:?}: expected a number of seconds greater than 0"
                    ))
                })?,
        };
        let mut store = Store::open(&root, &runroot)?;
        let registries = RegistriesConf::load(&opts.paths)?;
        let containers_conf = ContainersConf::load(&opts.paths)?;
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
            Err(e @ crate::config::Error::Storage(_)) => Err(e),
            other => Ok(other?),
        };
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
            .map_err(|e| Error::Message(e.to_string()))?;
        Ok(match (storage.driver, &storage.mount_program) {
            (Driver::Vfs, _) => (Driver::Vfs, None),
            (Driver::Overlay, Some(program)) => {
                let found = crate::config::storage::find_program(program).ok_or_else(|| {
                    Error::Message(format!(
                        "overlay.mount_program {}: not found; install fuse-overlayfs or give its path",
                        program.display()
                    ))
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

    /// A registry client: `--tls-verify`, `--creds`, `--authfile`, `--cert-dir`.
    fn client(
        &self,
        tls_verify: Option<bool>,
        creds: Option<Credentials>,
        auth_file: Option<PathBuf>,
        cert_dir: Option<PathBuf>,
    ) -> Result<Client> {
        let auth = AuthStore::new(&self.paths, auth_file);
        Ok(Client::new(
            auth,
            crate::registry::tls::Trust::new(&self.paths, cert_dir),
            ClientOptions {
                tls_verify,
                credentials: creds,
                read_timeout: self.registry_timeout,
                ..ClientOptions::default()
            },
        )?)
    }

    fn index(&self) -> Result<ImageIndex> {
        Ok(self.store.read_record("images.json")?)
    }

    /// Pulls an image; `input` is what the user typed (`alpine`, `host/repo:tag@digest`).
    pub fn pull(
        &self,
        input: &str,
        req: PullRequest,
        reporter: &dyn PullReporter,
    ) -> Result<ImageRecord> {
        tracing::debug!("creating the registry client");
        AuthStore::new(&self.paths, req.auth_file.clone()).check_explicit()?;
        let client = self.client(req.tls_verify, req.credentials, req.auth_file, req.cert_dir)?;
        let (conf_count, conf_delay) = self.containers_conf.retry();
        tracing::debug!("registry client ready");
        let opts = PullOptions {
            platform: req.platform.unwrap_or_else(Platform::host),
            parallel: self.containers_conf.image_parallel_copies().max(1),
            rootless: self.rootless,
            retry: crate::registry::Retry {
                count: req.retry.or(conf_count).unwrap_or(3),
                delay: req.retry_delay.or(conf_delay),
            },
        };
        let pulled = pull::pull(
            &self.store,
            &client,
            &self.registries,
            input,
            &opts,
            reporter,
        );
        self.event_pull(input, &pulled);
        pulled.map_err(|e| {
            if crate::sys::is_no_space(&e) {
                // Nothing was stored; say what to do.
                Error::Message(format!(
                    "{e}\nthe file system of the store ({}) is full: free space there (e.g. `rpod image prune`) or move the store with --root",
                    self.store.root().display()
                ))
            } else {
                e.into()
            }
        })
    }

    /// Every image record, oldest first.
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        Ok(self.index()?.images)
    }

    /// The image the user means by `input`.
    pub fn find_image(&self, input: &str) -> Result<ImageRecord> {
        let index = self.index()?;
        let found = index.find(input, self.registries.search_registries())?;
        Ok(index.images[found.index].clone())
    }

    /// Whether `input` names a stored image.
    pub fn image_exists(&self, input: &str) -> Result<bool> {
        match self.find_image(input) {
            Ok(_) => Ok(true),
            Err(e) if e.is_image_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Inspect data of an image.
    pub fn inspect_image(&self, input: &str) -> Result<ImageInspect> {
        let record = self.find_image(input)?;
        Ok(inspect::inspect(&self.store, &record))
    }

    /// Build history of an image, newest first.
    pub fn history(&self, input: &str) -> Result<Vec<HistoryEntry>> {
        let record = self.find_image(input)?;
        Ok(inspect::history(&self.store, &record))
    }

    /// Normalises a name given to `tag`: short names go under `localhost/`, tag defaults to latest.
    pub fn normalize_new_name(name: &str) -> Result<String> {
        let qualified = if Reference::is_short_name(name) {
            format!("localhost/{name}")
        } else {
            name.to_string()
        };
        let reference = Reference::parse(&qualified)?;
        if reference.digest().is_some() {
            return Err(Error::Message(format!(
                "{name}: a tag cannot contain a digest; give NAME[:TAG]"
            )));
        }
        Ok(reference.with_default_tag().to_string())
    }

    /// Adds names to an image (`rpod tag`).
    pub fn tag(&self, input: &str, new_names: &[String]) -> Result<()> {
        let names = new_names
            .iter()
            .map(|n| Self::normalize_new_name(n))
            .collect::<Result<Vec<_>>>()?;
        let _lock = self.store.lock("store", LockMode::Exclusive)?;
        let mut index = self.index()?;
        let found = index.find(input, self.registries.search_registries())?;
        let id = index.images[found.index].id.clone();
        for name in names {
            index.remove_name(&name);
            let image = index
                .images
                .iter_mut()
                .find(|i| i.id == id)
                .expect("found above");
            image.names.insert(0, name);
        }
        self.store.write_record("images.json", &index)?;
        for name in new_names {
            self.event_image(crate::events::Status::Tag, &id, name);
        }
        Ok(())
    }

    /// Removes names from an image (`rpod untag`); all of them when `names` is empty.
    pub fn untag(&self, input: &str, names: &[String]) -> Result<Vec<String>> {
        let _lock = self.store.lock("store", LockMode::Exclusive)?;
        let mut index = self.index()?;
        let found = index.find(input, self.registries.search_registries())?;
        let image = &mut index.images[found.index];
        let (id, before) = (image.id.clone(), image.names.clone());
        let removed: Vec<String> = if names.is_empty() {
            std::mem::take(&mut image.names)
        } else {
            let mut removed = Vec::new();
            for n in names {
                // NAME:TAG@DIGEST is the name NAME@DIGEST, as a pull by it records.
                let full = match Reference::parse(n) {
                    Ok(r) => match r.digest() {
                        Some(d) => r.with_digest(d.clone()).to_string(),
                        None => Self::normalize_new_name(n)?,
                    },
                    Err(_) => Self::normalize_new_name(n)?,
                };
                let alt = Reference::parse(n)
                    .map(|r| r.with_default_tag().to_string())
                    .ok();
                let before = image.names.len();
                image
                    .names
                    .retain(|x| *x != full && Some(x) != alt.as_ref());
                if image.names.len() == before {
                    return Err(Error::Message(format!("{n}: tag not known")));
                }
                removed.push(n.clone());
            }
            removed
        };
        let after = index.images[found.index].names.clone();
        self.store.write_record("images.json", &index)?;
        for name in before.iter().filter(|n| !after.contains(n)) {
            self.event_image(crate::events::Status::Untag, &id, name);
        }
        Ok(removed)
    }

    /// Removes images (`rpod rmi`): one report per input, in order.
    ///
    /// A name removes only that name while the image has others; the image
    /// itself goes with its last name, or by ID (which needs `force` when it
    /// still has several names). Unused layers and blobs are then collected.
    pub fn remove_images(&self, inputs: &[String], force: bool) -> Result<Vec<Report>> {
        // Images that containers use: refused, or (force) their containers go first.
        let mut refused = std::collections::HashMap::new();
        for input in inputs {
            let Ok(image) = self.find_image(input) else {
                continue;
            };
            let by_id = image.id.starts_with(input.trim_start_matches("sha256:"));
            if image.names.len() > 1 && !by_id {
                continue; // only a name goes
            }
            for c in self.containers_using(&image.id)? {
                if force {
                    match self.remove_container(&c.config.id, RemoveOptions::everything()) {
                        Err(e) if !e.is_container_not_found() => return Err(e),
                        _ => {}
                    }
                } else {
                    refused.insert(input.clone(), c.config.id);
                }
            }
        }
        // Layers hold subordinate ids: removing them needs the namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        let mut reports = Vec::new();
        let mut events = Vec::new();
        {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            let mut index = self.index()?;
            for input in inputs {
                if let Some(container) = refused.remove(input) {
                    reports.push(Report {
                        raw_input: input.clone(),
                        result: Err(Error::ImageInUse { container }),
                    });
                    continue;
                }
                let image_id = (index.find(input, self.registries.search_registries()).ok())
                    .map(|f| index.images[f.index].id.clone());
                let result = remove_one(
                    &mut index,
                    input,
                    force,
                    self.registries.search_registries(),
                );
                if let (Ok(lines), Some(id)) = (&result, image_id) {
                    events.extend(removal_events(&id, input, lines));
                }
                reports.push(Report {
                    raw_input: input.clone(),
                    result,
                });
            }
            self.store.write_record("images.json", &index)?;
        }
        events.iter().for_each(|e| self.emit(e));
        self.collect_garbage_locked()?;
        Ok(reports)
    }

    /// Removes every image (`rmi -a`), whatever names each has; images that
    /// containers use are refused unless `force`.
    pub fn remove_all_images(&self, force: bool) -> Result<Vec<Report>> {
        let ids: Vec<String> = self.images()?.into_iter().map(|i| i.id).collect();
        self.remove_images(&ids, force)
    }

    /// Removes dangling images (all images with `all`); returns the removed IDs.
    pub fn prune_images(&self, all: bool) -> Result<Vec<String>> {
        self.prune_images_matching(all, &|_| true)
    }

    /// [`Self::prune_images`] for those `wanted` accepts.
    pub fn prune_images_matching(
        &self,
        all: bool,
        wanted: &dyn Fn(&ImageRecord) -> bool,
    ) -> Result<Vec<String>> {
        // Asked before any lock is taken (it may read the store).
        let wanted: std::collections::HashSet<String> = self
            .images()?
            .into_iter()
            .filter(|i| wanted(i))
            .map(|i| i.id)
            .collect();
        let in_use: std::collections::HashSet<String> = crate::container::Records::new(&self.store)
            .list()?
            .into_iter()
            .map(|c| c.config.image_id)
            .collect();
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        let removed = {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            let mut index = self.index()?;
            let (gone, kept): (Vec<_>, Vec<_>) = index.images.into_iter().partition(|i| {
                (all || i.is_dangling()) && !in_use.contains(&i.id) && wanted.contains(&i.id)
            });
            index.images = kept;
            self.store.write_record("images.json", &index)?;
            for image in &gone {
                image
                    .names
                    .iter()
                    .for_each(|n| self.event_image(crate::events::Status::Untag, &image.id, n));
                self.event_image(crate::events::Status::Remove, &image.id, "");
            }
            gone.into_iter().map(|i| i.id).collect()
        };
        self.collect_garbage_locked()?;
        Ok(removed)
    }

    /// Removes layers, blobs and scratch directories no image uses (hold `gc` exclusive).
    fn collect_garbage_locked(&self) -> Result<()> {
        let in_use = self.index()?.in_use();
        crate::store::gc::collect(&self.store, &in_use, |p| {
            layer::remove_tree(p).map_err(Error::from)
        })
    }

    /// Checks credentials against a registry and saves them (`rpod login`); returns the file written.
    pub fn login(
        &self,
        registry: &str,
        creds: &Credentials,
        tls_verify: Option<bool>,
        auth_file: Option<PathBuf>,
        cert_dir: Option<PathBuf>,
    ) -> Result<PathBuf> {
        let client = self.client(tls_verify, None, auth_file.clone(), cert_dir)?;
        let probe = Reference::parse(&format!("{registry}/library/probe"))?;
        let endpoint = self
            .registries
            .endpoints(&probe)?
            .into_iter()
            .rfind(|e| !e.mirror)
            .ok_or_else(|| Error::Message(format!("{registry}: no endpoint configured")))?;
        client.check_login(&endpoint.host, endpoint.insecure, creds)?;
        Ok(AuthStore::new(&self.paths, auth_file).save(registry, creds)?)
    }

    /// Forgets saved credentials (`rpod logout`); `None` forgets all of them.
    pub fn logout(&self, registry: Option<&str>, auth_file: Option<PathBuf>) -> Result<bool> {
        let auth = AuthStore::new(&self.paths, auth_file);
        auth.check_explicit()?;
        match registry {
            Some(r) => Ok(auth.remove(r)?),
            None => {
                auth.remove_all()?;
                Ok(true)
            }
        }
    }

    /// Removes every image, layer and blob (`rpod system reset`).
    pub fn reset(&self) -> Result<()> {
        // Containers first, from outside the namespace (their processes are
        // signalled by host pid), all stopped at once, then everything else
        // from inside it.
        let ids: Vec<String> = self
            .containers()?
            .into_iter()
            .map(|c| c.config.id)
            .collect();
        for r in self.remove_containers(&ids, RemoveOptions::everything()) {
            match r {
                Err(e) if !e.is_container_not_found() => return Err(e),
                _ => {}
            }
        }
        // Pods (their PID holders ended), after their containers.
        for p in self.pods()? {
            let how = PodRemoveOptions {
                force: true,
                ..PodRemoveOptions::default()
            };
            match self.remove_pod(&p.config.id, how) {
                Err(e) if !e.is_pod_not_found() => return Err(e),
                _ => {}
            }
        }
        self.remove_all_networks()?;
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            self.store
                .write_record("images.json", &ImageIndex::default())?;
        }
        self.collect_garbage_locked()?;
        let containers = self.store.containers_dir().to_path_buf();
        if containers.exists() {
            layer::remove_tree(&containers)?;
        }
        for dir in [
            "volumes",
            "secrets",
            "pods",
            "build-cache",
            layer::overlay::PROBE_FILE,
        ] {
            let path = self.store.root().join(dir);
            if path.exists() {
                layer::remove_tree(&path)?;
            }
        }
        Ok(())
    }

    /// Runs a command in the running container whose PID 1 has host pid
    /// `pid` (`rpod exec`): in the foreground it returns the command's exit
    /// code; with `opts.detach` it returns once the command started.
    /// The environment and default user are PID 1's; names for `--user` are
    /// looked up in the container's /etc/passwd and /etc/group.
    pub fn exec_in_pid(&self, pid: i32, opts: spec::ExecOptions) -> Result<ExecOutcome> {
        let target = crate::sys::pidfd::ProcessId::of(pid).ok_or_else(|| {
            Error::Message(format!(
                "container is not running: no process {pid} (start it first)"
            ))
        })?;
        self.exec_in_pid_with(target, opts, None, &|_| None)
    }

    /// [`Engine::exec_in_pid`], with the environment and default user taken
    /// from `process` (the container's spec) instead of PID 1, which may be
    /// `--init`'s init rather than the container's command; and where else
    /// to read the container's /etc files (`passwd`, `group`) when its root
    /// cannot be read from here (a fuse-overlayfs root refuses processes
    /// outside its user namespace).
    pub(crate) fn exec_in_pid_with(
        &self,
        target: crate::sys::pidfd::ProcessId,
        opts: spec::ExecOptions,
        process: Option<&oci_spec::runtime::Process>,
        etc_fallback: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ExecOutcome> {
        let pid = target.pid;
        let proc_dir = PathBuf::from(format!("/proc/{pid}"));
        let read = |rel: &str| fs_err::read(proc_dir.join(rel));
        let not_running = || {
            Error::Message(format!(
                "container is not running: no process {pid} (start it first)"
            ))
        };
        if pid <= 0 {
            return Err(not_running());
        }
        let text = |rel: &str| -> Result<String> {
            read(rel)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => not_running(),
                    _ => Error::Message(format!(
                        "reading {}: {}",
                        proc_dir.join(rel).display(),
                        crate::sys::os_text(&e)
                    )),
                })
        };
        // Read first: it also tells a process that is gone.
        let status = text("status")?;
        let (env, uid, gid, groups) = match process {
            // The container's own defaults (PID 1 may be `--init`'s init,
            // whose environ is not readable when it runs as another user).
            Some(p) => (
                p.env().clone().unwrap_or_default(),
                p.user().uid(),
                p.user().gid(),
                p.user().additional_gids().clone().unwrap_or_default(),
            ),
            None => {
                let (uid, gid, groups) =
                    spec::init_ids(&status, &text("uid_map")?, &text("gid_map")?).ok_or_else(
                        || {
                            Error::Message(format!(
                                "process {pid}: its ids are not mapped into our user namespace"
                            ))
                        },
                    )?;
                let environ = read("environ").map_err(|e| {
                    Error::Message(format!(
                        "reading {}: {}",
                        proc_dir.join("environ").display(),
                        crate::sys::os_text(&e)
                    ))
                })?;
                (spec::parse_environ(&environ), uid, gid, groups)
            }
        };
        let etc = |f: &str| {
            spec::read_in_tree(&proc_dir.join("root"), &format!("etc/{f}"))
                .or_else(|| etc_fallback(f))
        };
        let init = spec::InitState {
            env,
            uid,
            gid,
            groups,
            passwd: etc("passwd"),
            group: etc("group"),
        };
        if opts.detach && opts.tty {
            return Err(Error::Message(
                "exec: -t with -d is not supported yet (nothing would read the terminal)".into(),
            ));
        }
        // What was read above came from the recorded process only if it
        // still runs now (the runtime checks again once it holds the
        // namespaces).
        if !target.is_alive() {
            return Err(not_running());
        }
        let (process, seccomp) = spec::exec_process(&opts, &init)?;
        let result = if opts.detach {
            runtime::exec_detached(target, &process, seccomp.as_ref()).map(ExecOutcome::Started)
        } else {
            let io = runtime::Stdio {
                interactive: opts.interactive,
                tty: opts.tty,
                fds: None,
                preserve_fds: 0,
            };
            runtime::exec(target, &process, seccomp.as_ref(), io).map(ExecOutcome::Exited)
        };
        result.map_err(|e| match e {
            runtime::Error::NotRunning(_) => not_running(),
            other => other.into(),
        })
    }

    /// Pulls by running `rpod pull` as a child (keeps this process free of
    /// threads), with `pull`'s `flags` (`--authfile`, `--tls-verify`, `-q`
    /// ...); `quiet` silences its progress and errors (`--pull=newer` with
    /// a local image to fall back on).
    pub(crate) fn pull_child(&self, image: &str, quiet: bool, flags: &[String]) -> Result<()> {
        let mut cmd = std::process::Command::new("/proc/self/exe");
        cmd.arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(self.store.runroot())
            .args(self.events_flag())
            .arg("pull")
            .args(flags)
            .arg(image)
            .stdout(std::process::Stdio::null());
        if quiet {
            cmd.stderr(std::process::Stdio::null());
        }
        let status = cmd.status().map_err(|source| Error::Exec {
            command: "rpod pull".into(),
            code: crate::error::EXIT_RPOD,
            source,
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Message(format!(
                "{image}: pulling the image failed (see above)"
            )))
        }
    }

    /// Environment for `rpod unshare` commands (podman sets the same names).
    pub fn unshare_env(&self) -> Vec<(String, String)> {
        vec![
            (
                "CONTAINERS_GRAPHROOT".into(),
                self.store.root().display().to_string(),
            ),
            (
                "CONTAINERS_RUNROOT".into(),
                self.store.runroot().display().to_string(),
            ),
        ]
    }

    /// Runs a command (the user's `$SHELL` when empty) with the store's
    /// environment and waits for it (`rpod unshare`); returns its exit code,
    /// 126 when it cannot be run, 127 when it is not found, 128+N for signal N.
    pub fn run_command(&self, argv: &[String]) -> Result<u8> {
        use std::os::unix::process::ExitStatusExt;
        let argv: Vec<String> = if argv.is_empty() {
            vec![std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into())]
        } else {
            argv.to_vec()
        };
        let status = std::process::Command::new(&argv[0])
            .args(&argv[1..])
            .envs(self.unshare_env())
            .status();
        match status {
            Ok(s) => Ok(match (s.code(), s.signal()) {
                (Some(c), _) => u8::try_from(c).unwrap_or(1),
                (None, Some(sig)) => 128u8.saturating_add(u8::try_from(sig).unwrap_or(0)),
                _ => 1,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Exec {
                command: argv[0].clone(),
                code: crate::error::EXIT_NOT_FOUND,
                source: e,
            }),
            Err(e) => Err(Error::Exec {
                command: argv[0].clone(),
                code: crate::error::EXIT_CANNOT_INVOKE,
                source: e,
            }),
        }
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

fn remove_one(
    index: &mut ImageIndex,
    input: &str,
    force: bool,
    search: &[String],
) -> Result<Vec<String>> {
    let found = index.find(input, search)?;
    let image = &mut index.images[found.index];
    let mut lines = Vec::new();
    if let Some(name) = &found.name {
        if image.names.len() > 1 {
            image.names.retain(|n| n != name);
            return Ok(vec![format!("Untagged: {name}")]);
        }
    } else if image.names.len() > 1 && !force {
        return Err(Error::Message(format!(
            "unable to delete image {} by ID with more than one tag ({}): please force removal with `rpod rmi -f`",
            image.id,
            image.names.join(", ")
        )));
    }
    for name in &image.names {
        lines.push(format!("Untagged: {name}"));
    }
    lines.push(format!("Deleted: {}", image.id));
    index.images.remove(found.index);
    Ok(lines)
}

/// The events of one `rmi` target, from [`remove_one`]'s lines: an
/// `untag` per name dropped, then (as podman, even when only a name went)
/// `remove` named by what the user typed.
fn removal_events(id: &str, input: &str, lines: &[String]) -> Vec<crate::events::Event> {
    use crate::events::{Event, Status};
    let mut out: Vec<Event> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Untagged: "))
        .map(|name| Event::image(Status::Untag, id, name))
        .collect();
    out.push(Event::image(Status::Remove, id, input));
    out
}
