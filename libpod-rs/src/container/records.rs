//! Access to the container records of a store: loading, listing and
//! resolving them by name or ID prefix, creating and unlinking them, their
//! state writes (with a reserve for a full disk), dependents, and what
//! killed commands left behind.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{names, Container, Error, Result, State, Status};
use crate::container::config::Config;
use crate::store::atomic::{replace, write_atomic};
use crate::store::{LockGuard, LockMode, Store};

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
        self.store.containers_dir().to_path_buf()
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
        let bytes = fs_err::read(path).map_err(|source| Error::Io {
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
        let entries = match fs_err::read_dir(&base) {
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
        // Docker's `/NAME` is the name too, as podman takes it.
        let name = needle.strip_prefix('/').unwrap_or(needle);
        if let Some(c) = all
            .iter()
            .find(|c| c.config.id == needle || c.config.name == name)
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
        names::valid_name(name)?;
        if let Some(c) = self.list()?.iter().find(|c| c.config.name == name) {
            return Err(Error::NameInUse(name.to_string(), c.config.id.clone()));
        }
        Ok(())
    }

    /// A generated name no container holds (hold [`Records::lock_all`]).
    pub fn generate_name(&self) -> Result<String> {
        let taken: std::collections::HashSet<String> =
            self.list()?.into_iter().map(|c| c.config.name).collect();
        let mut seed = names::random_u64();
        loop {
            let name = names::generated_name(seed);
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
        let _ = fs_err::remove_file(self.dir(id).join("dependents").join(dependent));
    }

    /// Full IDs of the existing containers that join `id`'s namespaces
    /// (notes left by records removed half-way are skipped).
    pub fn dependents(&self, id: &str) -> Result<Vec<String>> {
        let dir = self.dir(id).join("dependents");
        let entries = match fs_err::read_dir(&dir) {
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

    /// Replaces the stored OCI spec (`update`; rename, synced; hold the
    /// container's lock).
    pub fn save_spec(&self, id: &str, spec: &[u8]) -> Result<()> {
        let p = self.dir(id).join("spec.json");
        write_atomic(&p, spec, 0o600).map_err(|source| Error::Io {
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
        use fs_err::os::unix::fs::OpenOptionsExt;
        use std::io::Write;
        let p = self.dir(id).join(RESERVE);
        let made = fs_err::OpenOptions::new()
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
            let _ = fs_err::remove_file(&p);
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
        fs_err::read(&p).map_err(|source| Error::Io {
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
        let removed = match fs_err::rename(&dir, &gone) {
            Ok(()) => gone,
            Err(e) if is_full(&e) => {
                let config = dir.join("config.json");
                fs_err::remove_file(&config).map_err(|source| Error::Io {
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
        let _ = fs_err::remove_dir_all(self.run_dir(id));
        let _ = fs_err::remove_file(self.attach_socket(id));
        let _ = fs_err::remove_file(
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
        for e in fs_err::read_dir(self.base())
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
        for e in fs_err::read_dir(sockets).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if ids.iter().any(|id| id.starts_with(&name)) {
                continue;
            }
            // Bound unix sockets are listed with their paths in
            // /proc/net/unix; read only when there is a candidate.
            let bound = bound.get_or_insert_with(|| {
                fs_err::read_to_string("/proc/net/unix").unwrap_or_default()
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
    use fs_err::os::unix::fs::FileExt;
    if bytes.len() > RESERVE_SIZE {
        return Err(std::io::Error::other(format!(
            "the state ({} bytes) is larger than the reserve",
            bytes.len()
        )));
    }
    let f = fs_err::OpenOptions::new().write(true).open(reserve)?;
    if f.metadata()?.len() < RESERVE_SIZE as u64 {
        return Err(std::io::Error::other("the reserve is incomplete"));
    }
    f.write_all_at(bytes, 0)?;
    // Shrinking frees blocks and allocates none.
    f.set_len(bytes.len() as u64)?;
    drop(f);
    fs_err::rename(reserve, target)
}

/// Whether `name` has the shape of a container ID (64 hex digits).
fn is_id(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

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
            fs_err::metadata(&reserve).unwrap().len(),
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
        fs_err::write(&reserve, b"short").unwrap();
        assert!(write_reserve(&reserve, &bytes, &dir.join("state.json")).is_err());
        fs_err::remove_file(&reserve).unwrap();
        r.make_reserve(&a.config.id).unwrap();
        r.make_reserve(&a.config.id).unwrap();
        assert_eq!(
            fs_err::metadata(&reserve).unwrap().len(),
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
        fs_err::remove_file(r.dir(&half.config.id).join("config.json")).unwrap();
        let gone = record('c', "gone");
        r.create(&gone, b"{}", false).unwrap();
        let removing = r.unlink(&gone.config.id).unwrap();
        // Attach sockets: the live container's stays, the others go.
        let sockets = store.runroot().join("a");
        fs_err::create_dir_all(&sockets).unwrap();
        for id in [&live.config.id, &half.config.id] {
            fs_err::write(r.attach_socket(id), b"").unwrap();
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
