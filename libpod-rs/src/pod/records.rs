//! Pod records in the store: `<root>/pods/<id>/config.json` (written once,
//! atomically, last: a directory without it is not a record) and `etc/`
//! (the members' shared `/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`).
//! Creating and removing records take the store's `pods` lock (names are
//! unique); verbs on one pod take `pod-<id>` around their members'
//! operations; a member joining the pod's PID holder takes `podpid-<id>`
//! (the holder only tries it). Lock order: `pod-<id>` → `pods`, and
//! `pod-<id>` → `containers` → `ctr-<id>`; `pods` is never held while a
//! container lock is taken.

use std::path::{Path, PathBuf};

use super::{Error, PodConfig, Result};
use crate::store::atomic::write_atomic;
use crate::store::{LockGuard, LockMode, Store};

/// Access to the pod records of a store.
pub struct PodRecords<'a> {
    store: &'a Store,
}

impl<'a> PodRecords<'a> {
    /// The pod records of `store`.
    pub fn new(store: &'a Store) -> PodRecords<'a> {
        PodRecords { store }
    }

    fn base(&self) -> PathBuf {
        self.store.root().join("pods")
    }

    /// The pod's directory.
    pub fn dir(&self, id: &str) -> PathBuf {
        self.base().join(id)
    }

    /// The directory of the `/etc` files the pod's members share.
    pub fn etc_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("etc")
    }

    /// The directory members that share IPC see as `/dev/shm`.
    pub fn shm_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("shm")
    }

    /// Takes the lock that serialises pod creation and removal.
    pub fn lock_all(&self) -> Result<LockGuard> {
        Ok(self.store.lock("pods", LockMode::Exclusive)?)
    }

    /// Takes one pod's lock (held while its members are started or
    /// stopped together, so that two `pod start`s do not interleave).
    pub fn lock(&self, id: &str) -> Result<LockGuard> {
        Ok(self.store.lock(&format!("pod-{id}"), LockMode::Exclusive)?)
    }

    /// Loads one pod by full ID.
    pub fn load(&self, id: &str) -> Result<PodConfig> {
        let path = self.dir(id).join("config.json");
        let bytes = match fs_err::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound(id.to_string()))
            }
            Err(source) => {
                return Err(Error::Io {
                    op: "reading",
                    path,
                    source,
                })
            }
        };
        serde_json::from_slice(&bytes).map_err(|source| Error::Corrupt { path, source })
    }

    /// All pods, oldest first; damaged records are skipped with a warning.
    pub fn list(&self) -> Result<Vec<PodConfig>> {
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
        let mut all = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !is_id(&name) {
                continue;
            }
            match self.load(&name) {
                Ok(p) => all.push(p),
                Err(Error::NotFound(_)) => {}
                Err(e) => tracing::warn!("{e}"),
            }
        }
        all.sort_by_key(|p| p.created);
        Ok(all)
    }

    /// Finds a pod by full ID, name, or unique ID prefix.
    pub fn resolve(&self, name_or_id: &str) -> Result<PodConfig> {
        let needle = name_or_id.trim();
        if is_id(needle) {
            if let Ok(p) = self.load(needle) {
                return Ok(p);
            }
        }
        let all = self.list()?;
        if let Some(p) = all.iter().find(|p| p.name == needle) {
            return Ok(p.clone());
        }
        let hex = !needle.is_empty() && needle.bytes().all(|b| b.is_ascii_hexdigit());
        let matches: Vec<&PodConfig> = if hex {
            all.iter().filter(|p| p.id.starts_with(needle)).collect()
        } else {
            Vec::new()
        };
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::NotFound(needle.to_string())),
            _ => Err(Error::Ambiguous(needle.to_string())),
        }
    }

    /// Writes a new record (hold [`PodRecords::lock_all`]); the `etc/`
    /// files are written by the caller into [`PodRecords::etc_dir`] first.
    pub fn create(&self, pod: &PodConfig) -> Result<()> {
        let dir = self.dir(&pod.id);
        crate::store::create_dir_private(&dir)?;
        let path = dir.join("config.json");
        let bytes = serde_json::to_vec_pretty(pod).expect("records serialise");
        write_atomic(&path, &bytes, 0o600).map_err(|source| Error::Io {
            op: "writing",
            path,
            source,
        })
    }

    /// Creates the pod's directory (before its `etc/` files are written)
    /// with `etc/` and a world-writable, sticky `shm/`; returns `etc/`.
    pub fn make_dir(&self, id: &str) -> Result<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let dir = self.etc_dir(id);
        crate::store::create_dir_private(&dir)?;
        let shm = self.shm_dir(id);
        crate::store::create_dir_private(&shm)?;
        fs_err::set_permissions(&shm, std::fs::Permissions::from_mode(0o1777)).map_err(
            |source| Error::Io {
                op: "setting the mode of",
                path: shm.clone(),
                source,
            },
        )?;
        Ok(dir)
    }

    /// Removes a record: first renamed aside (so that a removal killed
    /// half-way never leaves a half-record), then deleted.
    pub fn remove(&self, id: &str) -> Result<()> {
        let dir = self.dir(id);
        let gone = self.base().join(format!(".removing-{id}"));
        match fs_err::rename(&dir, &gone) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(Error::Io {
                    op: "removing",
                    path: dir,
                    source,
                })
            }
        }
        remove_tree(&gone);
        let _ = fs_err::remove_file(
            self.store
                .root()
                .join("locks")
                .join(format!("pod-{id}.lock")),
        );
        Ok(())
    }

    /// Deletes directories of removals that were killed half-way, and of
    /// creations that never wrote their record.
    pub fn reclaim(&self) {
        let Ok(entries) = fs_err::read_dir(self.base()) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let half_made = is_id(&name) && !e.path().join("config.json").exists();
            if name.starts_with(".removing-") || half_made {
                remove_tree(&e.path());
            }
        }
    }
}

fn remove_tree(p: &Path) {
    if let Err(e) = fs_err::remove_dir_all(p) {
        tracing::warn!("removing {}: {}", p.display(), crate::sys::os_text(&e));
    }
}

fn is_id(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let r = PodRecords::new(&store);
        let pod = PodConfig {
            id: "ab".repeat(32),
            name: "web".into(),
            created: chrono::Utc::now(),
            share: super::super::DEFAULT_SHARE.to_vec(),
            infra: true,
            hostname: "web".into(),
            userns: Default::default(),
            network: Default::default(),
            labels: Default::default(),
            create_command: vec![],
            exit_policy: Default::default(),
            restart: None,
            infra_request: Default::default(),
            resources: Default::default(),
            cgroup_parent: None,
            cgroup_path: None,
            service_container: None,
            members: Default::default(),
        };
        let _l = r.lock_all().unwrap();
        r.make_dir(&pod.id).unwrap();
        r.create(&pod).unwrap();
        assert_eq!(r.resolve("web").unwrap(), pod);
        assert_eq!(r.resolve("abab").unwrap(), pod);
        assert!(matches!(r.resolve("cd"), Err(Error::NotFound(_))));
        r.remove(&pod.id).unwrap();
        assert!(r.list().unwrap().is_empty());
    }
}
