//! Containers as records in the store: the immutable configuration chosen at
//! `create`, the mutable state (Created → Running → Exited, Paused), names,
//! lookup by name or ID prefix, and the liveness check that repairs a record
//! whose monitor died.
//!
//! Layout: `<root>/containers/<id>/` holds `config.json` (written once),
//! `spec.json` (the OCI runtime spec), `state.json` (replaced atomically on
//! every transition), `state.reserve` (room for one state write on a full
//! file system; not for `--rm` records), the overlay's `upper`, `work` and `merged` directories
//! (or, with the vfs driver, `rootfs`: a copy of the image's layers),
//! the generated `etc/` files, `ctr.log`, and `dependents/` (one empty file
//! per container that joins this one's network). Creating, renaming and removing
//! records take the store's `containers` lock (names are unique); state
//! transitions take `ctr-<id>`. Lock order: `gc` → `containers` → `ctr-<id>`
//! → `store`. This module does not run anything: engine and monitor do.

pub mod cidfile;
pub mod logs;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::atomic::{replace, write_atomic};
use crate::store::{LockGuard, LockMode, Store};
use crate::sys::pidfd::ProcessId;

/// Errors about container records.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No container has this name or ID.
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    /// An ID prefix matches several containers.
    #[error("more than one container matches {0:?}: give more of the ID or the name")]
    Ambiguous(String),
    /// The name is taken.
    #[error("the container name {0:?} is already in use by {1}. You have to remove (or rename) that container to be able to reuse that name: that name is already in use")]
    NameInUse(String, String),
    /// A name with characters Docker does not allow.
    #[error("invalid container name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    /// The operation does not fit the container's state.
    #[error("container {id} is {status}: {what}")]
    State {
        /// Container ID (short).
        id: String,
        /// Its current status.
        status: Status,
        /// What cannot be done and what to do instead.
        what: String,
    },
    /// A running container cannot be removed without force (podman's
    /// message; `rm` exits 2 for it, as podman does).
    #[error(
        "cannot remove container {id} as it is {status} - running or paused containers cannot \
         be removed without force: container state improper"
    )]
    Running {
        /// The container's full ID.
        id: String,
        /// Its status.
        status: Status,
    },
    /// What was asked cannot be done in the container's state (podman's
    /// `container state improper`, which `rm` reports with exit code 2).
    #[error("{0}: container state improper")]
    StateImproper(String),
    /// The container is being started by its supervisor (claimed, its
    /// process not running yet): removal waits for the start and stops it.
    #[error("container {0} is starting: stop it once it runs, then remove it")]
    Starting(String),
    /// Other containers join this one's namespaces (`--network
    /// container:`); podman's message, plus what to do.
    #[error(
        "container {id} has dependent containers which must be removed before it: \
         {dependents}: container already exists (remove them first, or use `rpod rm --depend`)"
    )]
    HasDependents {
        /// The container's full ID.
        id: String,
        /// The dependents' full IDs, comma-separated.
        dependents: String,
    },
    /// Reading or writing a record failed.
    #[error("{op} {path}: {source}")]
    Io {
        /// What was being done.
        op: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A record does not parse.
    #[error("container record {path} is damaged ({source}): remove it with `rpod rm -f`")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// Store-level failure (locks).
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

type Result<T, E = Error> = std::result::Result<T, E>;

/// A container's lifecycle state, named as podman names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Created, never started (or its start failed).
    #[default]
    Created,
    /// Its process runs.
    Running,
    /// Frozen.
    Paused,
    /// Being stopped.
    Stopping,
    /// Ran and exited.
    Exited,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopping => "stopping",
            Status::Exited => "exited",
        })
    }
}

/// The restart policy of `--restart`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RestartPolicy {
    /// `no`, `on-failure`, `always` or `unless-stopped`.
    pub name: String,
    /// For `on-failure:N`: at most N restarts (0: unlimited).
    pub max_retries: u32,
}

impl std::str::FromStr for RestartPolicy {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (name, n) = match s.split_once(':') {
            Some((n, c)) => (n, Some(c)),
            None => (s, None),
        };
        let name = match name {
            "" | "no" => "no",
            "on-failure" => "on-failure",
            "always" => "always",
            "unless-stopped" => "unless-stopped",
            other => {
                return Err(format!(
                    "invalid restart policy {other:?}: use no, on-failure[:N], always or unless-stopped"
                ))
            }
        };
        let max_retries = match n {
            None => 0,
            Some(c) if name == "on-failure" => c
                .parse()
                .map_err(|_| format!("invalid restart count {c:?}: use a number"))?,
            Some(_) => {
                return Err(format!(
                    "restart policy {name} takes no count; only on-failure:N does"
                ))
            }
        };
        Ok(RestartPolicy {
            name: name.to_string(),
            max_retries,
        })
    }
}

/// What was decided at `create` and never changes (but the name).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
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
    /// The command line the container runs (entrypoint + cmd).
    pub command: Vec<String>,
    /// When the record was created.
    pub created: DateTime<Utc>,
    /// `--rm`: remove the record when the container exits.
    pub auto_remove: bool,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// Signal number `stop` sends first.
    pub stop_signal: i32,
    /// Seconds `stop` waits before SIGKILL.
    pub stop_timeout: u32,
    /// `k8s-file` or `none`.
    pub log_driver: String,
    /// `--log-opt max-size` in bytes.
    pub log_max_size: Option<u64>,
    /// `--label`s.
    pub labels: BTreeMap<String, String>,
    /// The network mode, as given.
    pub network: String,
    /// Published ports, as given to `-p`.
    pub ports: Vec<String>,
    /// Volumes and binds (`SRC:DST[:OPTS]`), as given.
    pub mounts: Vec<String>,
    /// The host name.
    pub hostname: String,
    /// Whether rootless (the upper directory holds subordinate ids).
    pub rootless: bool,
    /// Published ports (`-p`, `-P`), host ports chosen.
    #[serde(default)]
    pub port_mappings: Vec<crate::network::ports::PortMapping>,
    /// `--dns` servers.
    #[serde(default)]
    pub dns: Vec<String>,
    /// `--dns-search` domains.
    #[serde(default)]
    pub dns_search: Vec<String>,
    /// `--add-host` entries: (name, address).
    #[serde(default)]
    pub add_hosts: Vec<(String, String)>,
    /// Volumes the container uses (named and anonymous).
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Anonymous volumes made for it (`rm -v` removes them).
    #[serde(default)]
    pub anonymous_volumes: Vec<String>,
    /// `--sdnotify`: `conmon` (the monitor reports READY), `container` (the
    /// monitor relays the container's own messages), or `ignore`.
    #[serde(default)]
    pub sdnotify: String,
    /// The command line that created it (podman's `CreateCommand`), replayed
    /// by `generate systemd --new`; empty for records from older rpods.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// The storage driver of its root file system: `overlay` (the
    /// `upper`, `work` and `merged` directories) or `vfs` (a copy of the
    /// layers in `rootfs`); empty in records from older rpods: overlay.
    #[serde(default)]
    pub storage_driver: String,
    /// overlay's mount program (fuse-overlayfs) when the kernel's overlay
    /// is not used; chosen at create, as the upper directory's format
    /// depends on it.
    #[serde(default)]
    pub mount_program: Option<PathBuf>,
}

impl Config {
    /// Its storage driver (records from older rpods used overlay).
    pub fn driver(&self) -> crate::config::Driver {
        if self.storage_driver == "vfs" {
            crate::config::Driver::Vfs
        } else {
            crate::config::Driver::Overlay
        }
    }
}

/// What changes as the container runs.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct State {
    /// Current status.
    pub status: Status,
    /// Host pid of the container's PID 1 while running.
    pub pid: i32,
    /// Its start time (clock ticks, /proc/PID/stat field 22), so that a
    /// recycled pid is never signalled or joined; 0 in records of older
    /// rpods (see [`State::init_process`]).
    #[serde(default)]
    pub pid_start: u64,
    /// Pid of the process supervising it (a monitor, or `rpod run` itself).
    pub monitor_pid: i32,
    /// The supervisor's start time (clock ticks, /proc/PID/stat field 22),
    /// so that a recycled pid is not taken for it.
    pub monitor_start: u64,
    /// The boot the recorded processes belong to
    /// ([`crate::sys::pidfd::boot_id`]): start times count from boot, so
    /// after a reboot every recorded process is gone. Empty in records of
    /// older rpods.
    #[serde(default)]
    pub boot_id: String,
    /// When it last started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it last exited.
    pub finished_at: Option<DateTime<Utc>>,
    /// Its last exit code.
    pub exit_code: i32,
    /// How often the restart policy restarted it.
    pub restart_count: u32,
    /// Set by `stop`, so that `unless-stopped`/`always` do not restart it.
    pub stopped_by_user: bool,
    /// Why the last start failed, if it did.
    pub error: String,
    /// The network helper (pasta or slirp4netns) while it runs.
    #[serde(default)]
    pub network_helper: Option<crate::network::Helper>,
    /// While `stopping`: the rpod process that stops it (PID), so that a
    /// stop that was killed half-way does not leave it `stopping` for ever.
    #[serde(default)]
    pub stopper_pid: i32,
    /// That process's start time (clock ticks, /proc/PID/stat field 22).
    #[serde(default)]
    pub stopper_start: u64,
}

impl State {
    /// Whether the recorded processes belong to the running kernel's boot.
    fn this_boot(&self) -> bool {
        self.boot_id.is_empty() || self.boot_id == crate::sys::pidfd::boot_id()
    }

    /// The recorded supervisor (monitor, or a foreground `rpod run`), if
    /// it still runs.
    pub fn monitor_process(&self) -> Option<ProcessId> {
        let p = ProcessId {
            pid: self.monitor_pid,
            start: self.monitor_start,
        };
        (self.monitor_pid > 0 && self.this_boot() && p.is_alive()).then_some(p)
    }

    /// The container's recorded PID 1, if it still runs: the same PID and
    /// start time, in this boot. Records of older rpods have no start time:
    /// their PID is taken only while it is a child of the live supervisor
    /// (which reaps it, so the number cannot be reused meanwhile).
    pub fn init_process(&self) -> Option<ProcessId> {
        if self.pid <= 0 || !self.this_boot() {
            return None;
        }
        if self.pid_start != 0 {
            let p = ProcessId {
                pid: self.pid,
                start: self.pid_start,
            };
            return p.is_alive().then_some(p);
        }
        let monitor = self.monitor_process()?;
        match crate::sys::process_stat(self.pid) {
            Some((start, ppid)) if ppid == monitor.pid => Some(ProcessId {
                pid: self.pid,
                start,
            }),
            _ => None,
        }
    }

    /// Records `pid` (a child of this process, not yet reaped) as the
    /// container's PID 1, with its start time.
    pub fn set_init(&mut self, pid: i32) {
        self.pid = pid;
        // 0 only when it has already exited: then it counts as gone.
        self.pid_start = ProcessId::of(pid).map_or(0, |p| p.start);
    }

    /// Records this process as the container's supervisor, in this boot.
    pub fn set_monitor_to_self(&mut self) {
        self.monitor_pid = std::process::id() as i32;
        self.monitor_start = crate::sys::process_start_time(self.monitor_pid).unwrap_or(0);
        self.boot_id = crate::sys::pidfd::boot_id().to_string();
    }

    /// Marks it `stopping` by this process.
    pub fn set_stopping_by_self(&mut self) {
        self.status = Status::Stopping;
        self.stopper_pid = std::process::id() as i32;
        self.stopper_start = crate::sys::process_start_time(self.stopper_pid).unwrap_or(0);
    }

    /// Whether it is `stopping` but the process that stopped it is gone
    /// (killed half-way): it is still running then.
    pub fn stop_abandoned(&self) -> bool {
        self.status == Status::Stopping
            && !ProcessId {
                pid: self.stopper_pid,
                start: self.stopper_start,
            }
            .is_alive()
    }

    /// Forgets the container's PID 1 (it exited).
    pub fn clear_init(&mut self) {
        self.pid = 0;
        self.pid_start = 0;
    }
}

/// A container: its configuration and state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Container {
    /// The fixed part.
    pub config: Config,
    /// The changing part.
    pub state: State,
}

impl Container {
    /// The 12-character short ID.
    pub fn short_id(&self) -> &str {
        &self.config.id[..12]
    }
}

/// Access to the container records of a store.
pub struct Records<'a> {
    store: &'a Store,
}

impl<'a> Records<'a> {
    /// The records of `store`.
    pub fn new(store: &'a Store) -> Records<'a> {
        Records { store }
    }

    fn base(&self) -> PathBuf {
        self.store.root().join("containers")
    }

    /// The container's directory.
    pub fn dir(&self, id: &str) -> PathBuf {
        self.base().join(id)
    }

    /// The container's runtime directory (attach socket).
    pub fn run_dir(&self, id: &str) -> PathBuf {
        self.store.runroot().join("containers").join(id)
    }

    /// The container's log file.
    pub fn log_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("ctr.log")
    }

    /// Takes the lock that serialises record creation, renames and removal.
    pub fn lock_all(&self) -> Result<LockGuard> {
        Ok(self.store.lock("containers", LockMode::Exclusive)?)
    }

    /// Takes one container's state lock.
    pub fn lock(&self, id: &str) -> Result<LockGuard> {
        Ok(self.store.lock(&format!("ctr-{id}"), LockMode::Exclusive)?)
    }

    fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            op: "reading",
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_slice(&bytes).map_err(|source| Error::Corrupt {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Loads one container by full ID.
    pub fn load(&self, id: &str) -> Result<Container> {
        let dir = self.dir(id);
        let config: Config = match Self::read_json(&dir.join("config.json")) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound(id.to_string()))
            }
            other => other?,
        };
        let state = match Self::read_json(&dir.join("state.json")) {
            Ok(s) => s,
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                State::default()
            }
            Err(e) => return Err(e),
        };
        Ok(Container { config, state })
    }

    /// IDs of all records (directories with a config).
    pub fn ids(&self) -> Result<Vec<String>> {
        let base = self.base();
        let entries = match std::fs::read_dir(&base) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(Error::Io {
                    op: "listing",
                    path: base,
                    source,
                })
            }
        };
        let mut ids = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if is_id(&name) && e.path().join("config.json").exists() {
                ids.push(name);
            }
        }
        Ok(ids)
    }

    /// All containers, oldest first; damaged records are skipped.
    pub fn list(&self) -> Result<Vec<Container>> {
        let mut all: Vec<Container> = self
            .ids()?
            .iter()
            .filter_map(|id| match self.load(id) {
                Ok(c) => Some(c),
                Err(e) => {
                    tracing::warn!("{e}");
                    None
                }
            })
            .collect();
        all.sort_by_key(|c| c.config.created);
        Ok(all)
    }

    /// Finds a container by full ID, name, or unique ID prefix.
    pub fn resolve(&self, name_or_id: &str) -> Result<Container> {
        let needle = name_or_id.trim();
        // A full ID (what rpod passes itself: run, the monitor) is read
        // directly, without reading every record.
        if needle.len() == 64 && needle.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Ok(c) = self.load(needle) {
                return Ok(c);
            }
        }
        let all = self.list()?;
        if let Some(c) = all
            .iter()
            .find(|c| c.config.id == needle || c.config.name == needle)
        {
            return Ok(c.clone());
        }
        let hex = !needle.is_empty() && needle.bytes().all(|b| b.is_ascii_hexdigit());
        let matches: Vec<&Container> = if hex {
            all.iter()
                .filter(|c| c.config.id.starts_with(needle))
                .collect()
        } else {
            Vec::new()
        };
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::NotFound(needle.to_string())),
            _ => Err(Error::Ambiguous(needle.to_string())),
        }
    }

    /// The newest container (`--latest`).
    pub fn latest(&self) -> Result<Container> {
        self.list()?
            .pop()
            .ok_or_else(|| Error::NotFound("--latest".to_string()))
    }

    /// Checks a name and that no other container holds it (hold [`Records::lock_all`]).
    pub fn check_name(&self, name: &str) -> Result<()> {
        valid_name(name)?;
        if let Some(c) = self.list()?.iter().find(|c| c.config.name == name) {
            return Err(Error::NameInUse(name.to_string(), c.config.id.clone()));
        }
        Ok(())
    }

    /// A generated name no container holds (hold [`Records::lock_all`]).
    pub fn generate_name(&self) -> Result<String> {
        let taken: std::collections::HashSet<String> =
            self.list()?.into_iter().map(|c| c.config.name).collect();
        let mut seed = random_u64();
        loop {
            let name = generated_name(seed);
            if !taken.contains(&name) {
                return Ok(name);
            }
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
        }
    }

    /// Writes a new record (hold [`Records::lock_all`]); `durable` syncs it.
    pub fn create(&self, c: &Container, spec: &[u8], durable: bool) -> Result<()> {
        let dir = self.dir(&c.config.id);
        crate::store::create_dir_private(&dir)?;
        let write = if durable { write_atomic } else { replace };
        let io = |op, path: PathBuf| move |source| Error::Io { op, path, source };
        let p = dir.join("spec.json");
        write(&p, spec, 0o600).map_err(io("writing", p.clone()))?;
        self.save_state(&c.config.id, &c.state)?;
        if durable {
            // Records that outlive their run keep room for a state write.
            self.make_reserve(&c.config.id)?;
        }
        // The config goes last: a directory without it is not a record.
        let p = dir.join("config.json");
        let bytes = serde_json::to_vec_pretty(&c.config).expect("records serialise");
        write(&p, &bytes, 0o600).map_err(io("writing", p.clone()))
    }

    /// Notes that container `dependent` joins the namespaces of container
    /// `id` (`--network container:`), so that `id` is not removed before it
    /// (hold [`Records::lock_all`]). The note is an empty file named after
    /// the dependent in `id`'s `dependents/` directory.
    pub fn add_dependent(&self, id: &str, dependent: &str) -> Result<()> {
        let dir = self.dir(id).join("dependents");
        crate::store::create_dir_private(&dir)?;
        let p = dir.join(dependent);
        replace(&p, b"", 0o600).map_err(|source| Error::Io {
            op: "writing",
            path: p,
            source,
        })
    }

    /// Drops the note that `dependent` joins `id`'s namespaces (its record
    /// is being removed); a missing note or container is fine.
    pub fn remove_dependent(&self, id: &str, dependent: &str) {
        let _ = std::fs::remove_file(self.dir(id).join("dependents").join(dependent));
    }

    /// Full IDs of the existing containers that join `id`'s namespaces
    /// (notes left by records removed half-way are skipped).
    pub fn dependents(&self, id: &str) -> Result<Vec<String>> {
        let dir = self.dir(id).join("dependents");
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(Error::Io {
                    op: "reading",
                    path: dir,
                    source,
                })
            }
        };
        let mut out: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|d| self.dir(d).join("config.json").exists())
            .collect();
        out.sort();
        Ok(out)
    }

    /// Replaces the config (rename; hold [`Records::lock_all`]).
    pub fn save_config(&self, config: &Config) -> Result<()> {
        let p = self.dir(&config.id).join("config.json");
        let bytes = serde_json::to_vec_pretty(config).expect("records serialise");
        write_atomic(&p, &bytes, 0o600).map_err(|source| Error::Io {
            op: "writing",
            path: p,
            source,
        })
    }

    /// Replaces the state (hold the container's lock). On a full file
    /// system the new state goes into the container's reserve file (see
    /// [`Records::make_reserve`]), renamed over the old state: a container
    /// that filled the disk still gets its exit recorded.
    pub fn save_state(&self, id: &str, state: &State) -> Result<()> {
        let dir = self.dir(id);
        let p = dir.join("state.json");
        let bytes = serde_json::to_vec(state).expect("records serialise");
        match replace(&p, &bytes, 0o600) {
            Ok(()) => Ok(()),
            Err(source) if is_full(&source) => {
                match write_reserve(&dir.join(RESERVE), &bytes, &p) {
                    Ok(()) => {
                        // Best effort: the old state's space was just freed.
                        let _ = self.make_reserve(id);
                        Ok(())
                    }
                    Err(e) => {
                        tracing::debug!("container {id}: no reserve for its state: {e}");
                        Err(Error::Io {
                            op: "writing",
                            path: p,
                            source,
                        })
                    }
                }
            }
            Err(source) => Err(Error::Io {
                op: "writing",
                path: p,
                source,
            }),
        }
    }

    /// Makes the container's reserve (when missing): a file of
    /// [`RESERVE_SIZE`] bytes whose blocks are already allocated, which
    /// [`Records::save_state`] overwrites and renames into place when the
    /// file system is full.
    pub fn make_reserve(&self, id: &str) -> Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let p = self.dir(id).join(RESERVE);
        let made = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&p);
        let mut f = match made {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(()),
            Err(source) => {
                return Err(Error::Io {
                    op: "creating",
                    path: p,
                    source,
                })
            }
        };
        f.write_all(&[b' '; RESERVE_SIZE]).map_err(|source| {
            // A short reserve would need new blocks when used: none at all.
            let _ = std::fs::remove_file(&p);
            Error::Io {
                op: "writing",
                path: p.clone(),
                source,
            }
        })
    }

    /// Reads the stored OCI spec.
    pub fn spec_bytes(&self, id: &str) -> Result<Vec<u8>> {
        let p = self.dir(id).join("spec.json");
        std::fs::read(&p).map_err(|source| Error::Io {
            op: "reading",
            path: p,
            source,
        })
    }

    /// Whether a removal of container `id` has renamed its files aside
    /// and not yet deleted them.
    pub fn removing(&self, id: &str) -> bool {
        self.base().join(format!(".removing-{id}")).exists()
    }

    /// Makes a record invisible in one step, so a removal killed half-way
    /// never leaves a half-record; returns the directory to delete. The
    /// step is a rename to `.removing-ID`; where that needs space the file
    /// system does not have (a directory block on a full ext4), removing
    /// `config.json` is the step, and the directory is deleted in place.
    /// Nothing is written. Also removes what the container had outside
    /// its directory: its run directory, attach socket and lock file.
    pub fn unlink(&self, id: &str) -> Result<PathBuf> {
        let dir = self.dir(id);
        let gone = self.base().join(format!(".removing-{id}"));
        let removed = match std::fs::rename(&dir, &gone) {
            Ok(()) => gone,
            Err(e) if is_full(&e) => {
                let config = dir.join("config.json");
                std::fs::remove_file(&config).map_err(|source| Error::Io {
                    op: "removing",
                    path: config,
                    source,
                })?;
                dir
            }
            Err(source) => {
                return Err(Error::Io {
                    op: "removing",
                    path: dir,
                    source,
                })
            }
        };
        let _ = std::fs::remove_dir_all(self.run_dir(id));
        let _ = std::fs::remove_file(self.attach_socket(id));
        let _ = std::fs::remove_file(
            self.store
                .root()
                .join("locks")
                .join(format!("ctr-{id}.lock")),
        );
        Ok(removed)
    }

    /// Where the monitor of container `id` listens for attach clients
    /// (short, to fit the 108-byte limit of socket paths).
    pub fn attach_socket(&self, id: &str) -> PathBuf {
        self.store.runroot().join("a").join(&id[..12.min(id.len())])
    }

    /// What killed commands left behind (hold [`Records::lock_all`], under
    /// which no record is half-made): directories of interrupted removals
    /// (`.removing-ID`), of interrupted creations (an ID without
    /// `config.json`, which is written last), and attach sockets of
    /// containers that no longer exist, unless a process still listens
    /// there (a store given with `--root` alone shares the run root with
    /// the default store, whose monitors' sockets these may be).
    pub fn leftovers(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut ids = Vec::new();
        for e in std::fs::read_dir(self.base())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".removing-") {
                out.push(e.path());
            } else if is_id(&name) {
                if e.path().join("config.json").exists() {
                    ids.push(name);
                } else {
                    out.push(e.path());
                }
            }
        }
        let sockets = self.store.runroot().join("a");
        let mut bound: Option<String> = None;
        for e in std::fs::read_dir(sockets).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if ids.iter().any(|id| id.starts_with(&name)) {
                continue;
            }
            // Bound unix sockets are listed with their paths in
            // /proc/net/unix; read only when there is a candidate.
            let bound = bound.get_or_insert_with(|| {
                std::fs::read_to_string("/proc/net/unix").unwrap_or_default()
            });
            let path = e.path();
            let listened = bound
                .lines()
                .any(|l| l.ends_with(&format!(" {}", path.display())));
            if !listened {
                out.push(path);
            }
        }
        out
    }

    /// Whether the recorded supervisor is gone (the record needs repair).
    pub fn supervisor_gone(state: &State) -> bool {
        matches!(
            state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) && state.monitor_process().is_none()
    }
}

/// The reserve file in a container's directory (see [`Records::make_reserve`]).
const RESERVE: &str = "state.reserve";

/// Bytes kept in reserve for a state write: a state record is a few hundred.
pub const RESERVE_SIZE: usize = 4096;

/// Whether an error means the file system has no room (ENOSPC, or the
/// user's quota, EDQUOT).
fn is_full(e: &std::io::Error) -> bool {
    crate::sys::is_no_space(e)
        || e.raw_os_error() == Some(libc::EDQUOT)
        || e.to_string().contains("os error 122")
}

/// Writes `bytes` into the reserve file at `reserve` (whose blocks exist,
/// so nothing is allocated) and renames it over `target`.
fn write_reserve(reserve: &Path, bytes: &[u8], target: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    if bytes.len() > RESERVE_SIZE {
        return Err(std::io::Error::other(format!(
            "the state ({} bytes) is larger than the reserve",
            bytes.len()
        )));
    }
    let f = std::fs::OpenOptions::new().write(true).open(reserve)?;
    if f.metadata()?.len() < RESERVE_SIZE as u64 {
        return Err(std::io::Error::other("the reserve is incomplete"));
    }
    f.write_all_at(bytes, 0)?;
    // Shrinking frees blocks and allocates none.
    f.set_len(bytes.len() as u64)?;
    drop(f);
    std::fs::rename(reserve, target)
}

/// Whether `name` has the shape of a container ID (64 hex digits).
fn is_id(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks a container name against Docker's grammar.
pub fn valid_name(name: &str) -> Result<()> {
    let mut bytes = name.bytes();
    let ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName(name.to_string()))
    }
}

fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut b))
        .is_err()
    {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        return t.as_nanos() as u64 ^ u64::from(std::process::id());
    }
    u64::from_le_bytes(b)
}

/// A new random 64-hex container ID.
pub fn new_id() -> String {
    let mut s = String::with_capacity(64);
    for _ in 0..4 {
        s.push_str(&format!("{:016x}", random_u64()));
    }
    s
}

const ADJECTIVES: &[&str] = &[
    "admiring",
    "adoring",
    "affectionate",
    "agitated",
    "amazing",
    "angry",
    "awesome",
    "beautiful",
    "blissful",
    "bold",
    "boring",
    "brave",
    "busy",
    "charming",
    "clever",
    "compassionate",
    "competent",
    "condescending",
    "confident",
    "cool",
    "cranky",
    "crazy",
    "dazzling",
    "determined",
    "distracted",
    "dreamy",
    "eager",
    "ecstatic",
    "elastic",
    "elated",
    "elegant",
    "eloquent",
    "epic",
    "exciting",
    "fervent",
    "festive",
    "flamboyant",
    "focused",
    "friendly",
    "frosty",
    "funny",
    "gallant",
    "gifted",
    "goofy",
    "gracious",
    "great",
    "happy",
    "hardcore",
    "heuristic",
    "hopeful",
    "hungry",
    "infallible",
    "inspiring",
    "intelligent",
    "interesting",
    "jolly",
    "jovial",
    "keen",
    "kind",
    "laughing",
    "loving",
    "lucid",
    "magical",
    "modest",
    "musing",
    "mystifying",
    "naughty",
    "nervous",
    "nice",
    "nifty",
    "nostalgic",
    "objective",
    "optimistic",
    "peaceful",
    "pedantic",
    "pensive",
    "practical",
    "priceless",
    "quirky",
    "quizzical",
    "recursing",
    "relaxed",
    "reverent",
    "romantic",
    "sad",
    "serene",
    "sharp",
    "silly",
    "sleepy",
    "stoic",
    "strange",
    "stupefied",
    "suspicious",
    "sweet",
    "tender",
    "thirsty",
    "trusting",
    "unruffled",
    "upbeat",
    "vibrant",
    "vigilant",
    "vigorous",
    "wizardly",
    "wonderful",
    "xenodochial",
    "youthful",
    "zealous",
    "zen",
];

const NOUNS: &[&str] = &[
    "agnesi",
    "albattani",
    "allen",
    "archimedes",
    "babbage",
    "banach",
    "bardeen",
    "bell",
    "bhabha",
    "blackwell",
    "bohr",
    "booth",
    "borg",
    "bose",
    "brahmagupta",
    "brattain",
    "brown",
    "carson",
    "cerf",
    "chandrasekhar",
    "clarke",
    "curie",
    "darwin",
    "davinci",
    "dijkstra",
    "driscoll",
    "einstein",
    "elion",
    "engelbart",
    "euclid",
    "euler",
    "faraday",
    "fermat",
    "fermi",
    "feynman",
    "franklin",
    "galileo",
    "gates",
    "goldberg",
    "goodall",
    "hamilton",
    "hawking",
    "heisenberg",
    "hermann",
    "hodgkin",
    "hopper",
    "hypatia",
    "jackson",
    "jang",
    "jennings",
    "johnson",
    "kalam",
    "kare",
    "keller",
    "kepler",
    "khorana",
    "knuth",
    "lamarr",
    "lamport",
    "leakey",
    "leavitt",
    "lovelace",
    "lumiere",
    "mahavira",
    "mayer",
    "mccarthy",
    "mcclintock",
    "meitner",
    "mendel",
    "mirzakhani",
    "morse",
    "napier",
    "nash",
    "newton",
    "nobel",
    "noether",
    "pascal",
    "pasteur",
    "payne",
    "perlman",
    "pike",
    "poincare",
    "ptolemy",
    "raman",
    "ramanujan",
    "ride",
    "ritchie",
    "roentgen",
    "rosalind",
    "saha",
    "sammet",
    "shannon",
    "shockley",
    "sinoussi",
    "snyder",
    "stonebraker",
    "swartz",
    "tesla",
    "thompson",
    "torvalds",
    "turing",
    "varahamihira",
    "visvesvaraya",
    "wilbur",
    "wiles",
    "williams",
    "wilson",
    "wing",
    "wozniak",
    "wright",
    "yalow",
    "yonath",
];

/// The Docker-style `adjective_noun` name for a seed.
pub fn generated_name(seed: u64) -> String {
    let a = ADJECTIVES[(seed % ADJECTIVES.len() as u64) as usize];
    let n = NOUNS[((seed >> 32) % NOUNS.len() as u64) as usize];
    format!("{a}_{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id_char: char, name: &str) -> Container {
        Container {
            config: Config {
                id: id_char.to_string().repeat(64),
                name: name.into(),
                created: Utc::now(),
                ..Config::default()
            },
            state: State::default(),
        }
    }

    #[test]
    fn restart_policies() {
        let p: RestartPolicy = "on-failure:3".parse().unwrap();
        assert_eq!((p.name.as_str(), p.max_retries), ("on-failure", 3));
        assert_eq!("always".parse::<RestartPolicy>().unwrap().name, "always");
        assert!("always:3".parse::<RestartPolicy>().is_err());
        assert!("sometimes".parse::<RestartPolicy>().is_err());
        assert!("on-failure:x".parse::<RestartPolicy>().is_err());
    }

    #[test]
    fn names() {
        assert!(valid_name("web-1.a_b").is_ok());
        assert!(valid_name("-web").is_err());
        assert!(valid_name("").is_err());
        assert!(valid_name("a b").is_err());
        let n = generated_name(12345);
        let (a, b) = n.split_once('_').unwrap();
        assert!(ADJECTIVES.contains(&a) && NOUNS.contains(&b), "{n}");
        assert_ne!(generated_name(1), generated_name(1 << 32 | 2));
    }

    #[test]
    fn records_roundtrip_and_lookup() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        let r = Records::new(&store);
        let a = record('a', "web");
        let mut b = record('b', "db");
        b.config.id = format!("ab{}", "c".repeat(62));
        r.create(&a, b"{}", false).unwrap();
        r.create(&b, b"{}", true).unwrap();
        assert_eq!(r.resolve("web").unwrap().config.id, a.config.id);
        assert_eq!(r.resolve("abc").unwrap().config.name, "db");
        assert!(matches!(r.resolve("a"), Err(Error::Ambiguous(_))));
        assert!(matches!(r.resolve("nope"), Err(Error::NotFound(_))));
        assert!(matches!(r.check_name("web"), Err(Error::NameInUse(..))));
        r.check_name("other").unwrap();
        let mut s = State {
            status: Status::Running,
            pid: 1,
            monitor_pid: i32::MAX,
            ..State::default()
        };
        r.save_state(&a.config.id, &s).unwrap();
        assert_eq!(r.load(&a.config.id).unwrap().state.status, Status::Running);
        assert!(Records::supervisor_gone(&s));
        s.monitor_pid = std::process::id() as i32;
        s.monitor_start = crate::sys::process_start_time(s.monitor_pid).unwrap();
        assert!(!Records::supervisor_gone(&s));
        let gone = r.unlink(&a.config.id).unwrap();
        assert!(gone.exists());
        assert_eq!(r.ids().unwrap(), vec![b.config.id.clone()]);
        assert_eq!(r.leftovers(), vec![gone]);
    }

    #[test]
    fn the_reserve_takes_a_state_write_without_new_space() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        let r = Records::new(&store);
        let a = record('a', "web");
        r.create(&a, b"{}", true).unwrap();
        let dir = r.dir(&a.config.id);
        let reserve = dir.join(RESERVE);
        assert_eq!(
            std::fs::metadata(&reserve).unwrap().len(),
            RESERVE_SIZE as u64
        );
        // What save_state does once replace() found no room.
        let state = State {
            status: Status::Exited,
            exit_code: 3,
            ..State::default()
        };
        let bytes = serde_json::to_vec(&state).unwrap();
        write_reserve(&reserve, &bytes, &dir.join("state.json")).unwrap();
        assert!(!reserve.exists());
        let back = r.load(&a.config.id).unwrap().state;
        assert_eq!((back.status, back.exit_code), (Status::Exited, 3));
        // Without a complete reserve there is nothing to fall back on.
        assert!(write_reserve(&reserve, &bytes, &dir.join("state.json")).is_err());
        std::fs::write(&reserve, b"short").unwrap();
        assert!(write_reserve(&reserve, &bytes, &dir.join("state.json")).is_err());
        std::fs::remove_file(&reserve).unwrap();
        r.make_reserve(&a.config.id).unwrap();
        r.make_reserve(&a.config.id).unwrap();
        assert_eq!(
            std::fs::metadata(&reserve).unwrap().len(),
            RESERVE_SIZE as u64
        );
        // --rm records (not durable) keep no reserve.
        let b = record('b', "tmp");
        r.create(&b, b"{}", false).unwrap();
        assert!(!r.dir(&b.config.id).join(RESERVE).exists());
    }

    #[test]
    fn leftovers_of_killed_commands_are_found() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        let r = Records::new(&store);
        let live = record('a', "live");
        r.create(&live, b"{}", false).unwrap();
        // A create killed before its config; a removal killed after its rename.
        let half = record('b', "half");
        r.create(&half, b"{}", false).unwrap();
        std::fs::remove_file(r.dir(&half.config.id).join("config.json")).unwrap();
        let gone = record('c', "gone");
        r.create(&gone, b"{}", false).unwrap();
        let removing = r.unlink(&gone.config.id).unwrap();
        // Attach sockets: the live container's stays, the others go.
        let sockets = store.runroot().join("a");
        std::fs::create_dir_all(&sockets).unwrap();
        for id in [&live.config.id, &half.config.id] {
            std::fs::write(r.attach_socket(id), b"").unwrap();
        }
        // A socket someone listens on (another store's monitor) stays.
        let _listener =
            std::os::unix::net::UnixListener::bind(sockets.join("fedcba987654")).unwrap();
        let mut found = r.leftovers();
        found.sort();
        let mut want = vec![
            r.dir(&half.config.id),
            removing,
            r.attach_socket(&half.config.id),
        ];
        want.sort();
        assert_eq!(found, want);
        assert_eq!(r.ids().unwrap(), vec![live.config.id.clone()]);
    }

    #[test]
    fn recorded_processes_are_checked_by_start_time_and_boot() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let mut s = State {
            status: Status::Running,
            ..State::default()
        };
        s.set_monitor_to_self();
        s.set_init(pid);
        assert_eq!(s.init_process().map(|p| p.pid), Some(pid));
        assert!(s.monitor_process().is_some());
        // The same PID with another start time: someone else.
        let mut other = s.clone();
        other.pid_start += 1;
        assert!(other.init_process().is_none());
        // Another boot: nothing recorded runs any more.
        let mut rebooted = s.clone();
        rebooted.boot_id = "another-boot".into();
        assert!(rebooted.init_process().is_none());
        assert!(rebooted.monitor_process().is_none());
        assert!(Records::supervisor_gone(&rebooted));
        // Records of older rpods: the PID counts only as the supervisor's child.
        let mut legacy = s.clone();
        legacy.pid_start = 0;
        assert!(legacy.init_process().is_some());
        legacy.monitor_pid = 1;
        legacy.monitor_start = crate::sys::process_start_time(1).unwrap_or(0);
        assert!(legacy.init_process().is_none());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(s.init_process().is_none());
    }

    #[test]
    fn dependents_are_noted_and_forgotten() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        let r = Records::new(&store);
        let (web, a, b) = (record('1', "web"), record('2', "a"), record('3', "b"));
        for c in [&web, &a, &b] {
            r.create(c, b"{}", false).unwrap();
        }
        let id = &web.config.id;
        assert!(r.dependents(id).unwrap().is_empty());
        r.add_dependent(id, &b.config.id).unwrap();
        r.add_dependent(id, &a.config.id).unwrap();
        assert_eq!(
            r.dependents(id).unwrap(),
            vec![a.config.id.clone(), b.config.id.clone()]
        );
        // A dependent whose record is gone no longer counts, noted or not.
        r.unlink(&b.config.id).unwrap();
        assert_eq!(r.dependents(id).unwrap(), vec![a.config.id.clone()]);
        r.remove_dependent(id, &a.config.id);
        r.remove_dependent(id, &a.config.id);
        assert!(r.dependents(id).unwrap().is_empty());
        let e = Error::HasDependents {
            id: id.clone(),
            dependents: a.config.id.clone(),
        };
        assert!(e
            .to_string()
            .contains("has dependent containers which must be removed before it"));
    }
}
