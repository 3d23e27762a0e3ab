//! The secret store (podman's `file` driver): small blobs of sensitive
//! data that containers get at `/run/secrets/NAME` or as an environment
//! variable, kept out of images.
//!
//! Layout under the graph root:
//! ```text
//! secrets/secrets.json   every secret's record (no data), replaced atomically
//! secrets/data/<ID>      one secret's bytes, mode 0600
//! ```
//! Creating and removing take the store's `secrets` lock and re-read the
//! records under it, so of two creates of one name exactly one wins. A
//! secret's data is written before the record that names it and removed
//! after it, so a reader (which takes no lock) never finds a record without
//! its data, and a process killed half-way leaves at worst a data file no
//! record names, which the next create or removal sweeps. Everything here is
//! 0700/0600: only the owner of the store reads secrets.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::atomic::write_atomic;
use crate::store::{LockGuard, LockMode, Store};

/// podman's limit: data must be shorter than this many bytes.
pub const MAX_SIZE: usize = 512_000;

/// Length of a secret's ID (hex digits), as podman's.
pub const ID_LEN: usize = 25;

/// The one driver rpod has.
pub const FILE_DRIVER: &str = "file";

/// Errors of the secret store, with podman's messages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No secret has this name, ID or ID prefix.
    #[error("no secret with name or id {0:?}: no such secret")]
    NotFound(String),
    /// An ID prefix names several secrets.
    #[error("more than one result secret with prefix {0}: secret is ambiguous")]
    Ambiguous(String),
    /// The name is taken (`secret create` without `--replace`).
    #[error("{0}: secret name in use")]
    NameInUse(String),
    /// A name podman would not accept.
    #[error("secret name {0:?} can not include '=', '/', ',', or the '\\0' (NULL) and be between 1 and 253 characters: invalid secret name")]
    InvalidName(String),
    /// Empty data, or too much.
    #[error("secret data must be larger than 0 and less than 512000 bytes")]
    DataSize,
    /// A driver rpod does not have.
    #[error("invalid driver {0:?}: rpod stores secrets with the file driver only")]
    Driver(String),
    /// File system trouble.
    #[error("{op} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        op: &'static str,
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Store-level failure (locks).
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

type Result<T, E = Error> = std::result::Result<T, E>;

/// A secret's record (its data lives apart), as podman's secrets database
/// writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Secret {
    /// The name.
    pub name: String,
    /// The ID (25 hex digits).
    pub id: String,
    /// `--label`s.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// When it was first created (kept by `--replace`).
    pub created_at: DateTime<Utc>,
    /// When its data was last set.
    pub updated_at: DateTime<Utc>,
    /// Always `file`.
    pub driver: String,
    /// The driver's options (`path`: where the data lives).
    #[serde(default)]
    pub driver_options: BTreeMap<String, String>,
}

/// `secret create`'s options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateOptions {
    /// `--label`s.
    pub labels: BTreeMap<String, String>,
    /// `--replace`: a secret of that name gets the new data (and a new ID).
    pub replace: bool,
    /// `--ignore`: a secret of that name is returned as it is.
    pub ignore: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Db {
    secrets: Vec<Secret>,
}

/// Checks a name against podman's rule.
pub fn valid_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 253 || name.contains([',', '/', '=', '\0']) {
        return Err(Error::InvalidName(name.to_string()));
    }
    Ok(())
}

/// The secrets of a store.
pub struct Secrets<'a> {
    store: &'a Store,
}

impl<'a> Secrets<'a> {
    /// The secrets of `store`.
    pub fn new(store: &'a Store) -> Secrets<'a> {
        Secrets { store }
    }

    fn base(&self) -> PathBuf {
        self.store.root().join("secrets")
    }

    fn db_path(&self) -> PathBuf {
        self.base().join("secrets.json")
    }

    /// Where the data files live (the file driver's `path`).
    pub fn data_dir(&self) -> PathBuf {
        self.base().join("data")
    }

    fn lock(&self) -> Result<LockGuard> {
        Ok(self.store.lock("secrets", LockMode::Exclusive)?)
    }

    fn load(&self) -> Result<Db> {
        let p = self.db_path();
        match fs_err::read(&p) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Io {
                op: "parsing",
                path: p,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Db::default()),
            Err(source) => Err(Error::Io {
                op: "reading",
                path: p,
                source,
            }),
        }
    }

    fn save(&self, db: &Db) -> Result<()> {
        let p = self.db_path();
        let bytes = serde_json::to_vec_pretty(db).expect("records serialise");
        write_atomic(&p, &bytes, 0o600).map_err(|source| Error::Io {
            op: "writing",
            path: p,
            source,
        })
    }

    /// Every secret, by name.
    pub fn list(&self) -> Result<Vec<Secret>> {
        let mut all = self.load()?.secrets;
        all.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(all)
    }

    /// The secret with this name or ID, or the one whose ID starts so.
    pub fn get(&self, name_or_id: &str) -> Result<Secret> {
        find(&self.load()?.secrets, name_or_id).cloned()
    }

    /// A secret's record and data.
    pub fn get_with_data(&self, name_or_id: &str) -> Result<(Secret, Vec<u8>)> {
        let s = self.get(name_or_id)?;
        let p = self.data_dir().join(&s.id);
        match fs_err::read(&p) {
            Ok(data) => Ok((s, data)),
            // Removed since the record was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::NotFound(name_or_id.to_string()))
            }
            Err(source) => Err(Error::Io {
                op: "reading",
                path: p,
                source,
            }),
        }
    }

    /// Stores a secret; returns its ID.
    pub fn create(&self, name: &str, data: &[u8], opts: &CreateOptions) -> Result<String> {
        valid_name(name)?;
        if data.is_empty() || data.len() >= MAX_SIZE {
            return Err(Error::DataSize);
        }
        let _l = self.lock()?;
        let mut db = self.load()?;
        let old = db.secrets.iter().position(|s| s.name == name);
        if let Some(i) = old {
            if opts.ignore {
                return Ok(db.secrets[i].id.clone());
            }
            if !opts.replace {
                return Err(Error::NameInUse(name.to_string()));
            }
        }
        let dir = self.data_dir();
        crate::store::create_dir_private(&dir)?;
        let id = loop {
            let id = crate::container::new_id()[..ID_LEN].to_string();
            if find(&db.secrets, &id).is_err() {
                break id;
            }
        };
        let path = dir.join(&id);
        write_atomic(&path, data, 0o600).map_err(|source| Error::Io {
            op: "writing",
            path: path.clone(),
            source,
        })?;
        let now = Utc::now();
        let replaced = old.map(|i| db.secrets.remove(i));
        db.secrets.push(Secret {
            name: name.to_string(),
            id: id.clone(),
            labels: opts.labels.clone(),
            created_at: replaced.as_ref().map_or(now, |s| s.created_at),
            updated_at: now,
            driver: FILE_DRIVER.to_string(),
            driver_options: BTreeMap::from([(
                "path".to_string(),
                dir.to_string_lossy().into_owned(),
            )]),
        });
        if let Err(e) = self.save(&db) {
            let _ = fs_err::remove_file(&path);
            return Err(e);
        }
        self.sweep(&db);
        Ok(id)
    }

    /// Removes a secret (by name, ID or ID prefix); returns its ID.
    pub fn remove(&self, name_or_id: &str) -> Result<String> {
        let _l = self.lock()?;
        let mut db = self.load()?;
        let id = find(&db.secrets, name_or_id)?.id.clone();
        db.secrets.retain(|s| s.id != id);
        self.save(&db)?;
        self.sweep(&db);
        Ok(id)
    }

    /// Removes data files no record names (a replaced secret's, or one
    /// left by a killed process). Hold the lock.
    fn sweep(&self, db: &Db) {
        let Ok(dir) = fs_err::read_dir(self.data_dir()) else {
            return;
        };
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !db.secrets.iter().any(|s| s.id == name) {
                let _ = fs_err::remove_file(e.path());
            }
        }
    }
}

/// podman's lookup: an exact ID, an exact name, then a unique ID prefix.
fn find<'s>(all: &'s [Secret], name_or_id: &str) -> Result<&'s Secret> {
    if let Some(s) = all
        .iter()
        .find(|s| s.id == name_or_id)
        .or_else(|| all.iter().find(|s| s.name == name_or_id))
    {
        return Ok(s);
    }
    if name_or_id.is_empty() || name_or_id.len() > ID_LEN {
        return Err(Error::NotFound(name_or_id.to_string()));
    }
    let mut matches = all.iter().filter(|s| s.id.starts_with(name_or_id));
    match (matches.next(), matches.next()) {
        (Some(s), None) => Ok(s),
        (Some(_), Some(_)) => Err(Error::Ambiguous(name_or_id.to_string())),
        _ => Err(Error::NotFound(name_or_id.to_string())),
    }
}

/// The path of a container's copy of a secret (`<container dir>/secrets/NAME`).
pub fn container_copy(container_dir: &Path, name: &str) -> PathBuf {
    container_dir.join("secrets").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        (tmp, store)
    }

    #[test]
    fn create_lookup_replace_remove() {
        let (_t, store) = store();
        let s = Secrets::new(&store);
        let opts = CreateOptions::default();
        let id = s.create("db", b"pw", &opts).unwrap();
        assert_eq!(id.len(), ID_LEN);
        assert!(matches!(
            s.create("db", b"x", &opts),
            Err(Error::NameInUse(_))
        ));
        let ignore = CreateOptions {
            ignore: true,
            ..CreateOptions::default()
        };
        assert_eq!(s.create("db", b"x", &ignore).unwrap(), id);
        assert_eq!(s.get(&id[..6]).unwrap().name, "db");
        let (rec, data) = s.get_with_data("db").unwrap();
        assert_eq!(
            (rec.id.as_str(), data.as_slice()),
            (id.as_str(), &b"pw"[..])
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = fs_err::metadata(s.data_dir().join(&id))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);

        let replace = CreateOptions {
            replace: true,
            ..CreateOptions::default()
        };
        let id2 = s.create("db", b"new", &replace).unwrap();
        assert_ne!(id2, id);
        let (rec2, data) = s.get_with_data("db").unwrap();
        assert_eq!(data, b"new");
        assert_eq!(rec2.created_at, rec.created_at);
        assert!(!s.data_dir().join(&id).exists(), "old data swept");
        assert!(matches!(s.get(&id), Err(Error::NotFound(_))));

        assert_eq!(s.remove("db").unwrap(), id2);
        assert!(s.list().unwrap().is_empty());
        assert!(!s.data_dir().join(&id2).exists());
        assert_eq!(
            s.remove("db").unwrap_err().to_string(),
            "no secret with name or id \"db\": no such secret"
        );
    }

    #[test]
    fn names_and_sizes_are_checked() {
        let (_t, store) = store();
        let s = Secrets::new(&store);
        let o = CreateOptions::default();
        for bad in ["", "a/b", "a=b", "a,b", &"x".repeat(254)] {
            assert!(matches!(
                s.create(bad, b"x", &o),
                Err(Error::InvalidName(_))
            ));
        }
        assert!(matches!(s.create("e", b"", &o), Err(Error::DataSize)));
        assert!(matches!(
            s.create("big", &vec![b'x'; MAX_SIZE], &o),
            Err(Error::DataSize)
        ));
        s.create("ok", &vec![b'x'; MAX_SIZE - 1], &o).unwrap();
    }
}
