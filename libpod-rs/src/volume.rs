//! Named volumes (the `local` driver): a directory `_data` under
//! `<root>/volumes/<name>/` that containers bind-mount, with its record
//! `volume.json` beside it. Creating and removing take the store's
//! `volumes` lock; a volume appears only once its record is renamed into
//! place. This module never mounts anything: the runtime binds `_data`.
//! (The `-v` and `--mount` grammars are [`crate::spec::mounts`]'s.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::atomic::write_atomic;
use crate::store::{LockGuard, LockMode, Store};

/// Errors about volumes and volume flags.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No volume has this name.
    #[error("no volume with name {0:?} found: no such volume")]
    NotFound(String),
    /// The name is taken (`volume create`).
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
    /// A name Docker would not accept.
    #[error("invalid volume name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    /// `volume create --driver NAME` names no configured volume plugin (podman's message).
    #[error("no volume plugin with name {0} available: required plugin missing")]
    MissingPlugin(String),
    /// `volume create --driver NAME` names a plugin of containers.conf's
    /// `engine.volume_plugins`: rpod lists them but does not talk to them.
    #[error("volume plugin {name} (socket {socket}, from containers.conf's engine.volume_plugins): rpod does not talk to volume plugins; use the local driver")]
    PluginUnsupported {
        /// The plugin's name.
        name: String,
        /// Its socket, as configured.
        socket: String,
    },
    /// A `volume create -o` the local driver refuses (podman's messages).
    #[error("{0}")]
    InvalidOption(String),
    /// Containers still use the volume.
    #[error("volume {name} is being used by the following container(s): {containers}: volume is being used")]
    InUse {
        /// The volume.
        name: String,
        /// IDs of the containers using it.
        containers: String,
    },
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

/// A volume's record, with podman's inspect field names.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    /// The name.
    pub name: String,
    /// Always `local`.
    pub driver: String,
    /// Where its data lives on the host.
    pub mountpoint: PathBuf,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// `--label`s.
    pub labels: BTreeMap<String, String>,
    /// Always `local`.
    pub scope: String,
    /// `--opt`s (accepted, not interpreted).
    pub options: BTreeMap<String, String>,
    /// Created by `-v /path` without a name: removed with `rm -v`.
    #[serde(default)]
    pub anonymous: bool,
    /// Whether the next container to mount it still copies the image's
    /// content there: while it is empty (computed when read, not stored).
    #[serde(default, skip_deserializing)]
    pub needs_copy_up: bool,
    /// Whether it is still to be given to the first container's user: as
    /// podman, until content arrives (computed with `needs_copy_up`).
    #[serde(default, skip_deserializing)]
    pub needs_chown: bool,
    /// How many running containers mount it (podman's field; rpod keeps
    /// no mount count: 0).
    #[serde(default, skip_deserializing)]
    pub mount_count: u32,
    /// podman's lock slot; rpod locks by file, not by slot: 0.
    #[serde(default, skip_deserializing)]
    pub lock_number: u32,
    /// The owner `uid=` (`--uid`) chose, as containers see it (podman's
    /// `UID`, left out when 0; computed from the options when read).
    #[serde(
        rename = "UID",
        default,
        skip_deserializing,
        skip_serializing_if = "is_zero"
    )]
    pub uid: u32,
    /// The group `gid=` (`--gid`) chose (podman's `GID`, as `UID`).
    #[serde(
        rename = "GID",
        default,
        skip_deserializing,
        skip_serializing_if = "is_zero"
    )]
    pub gid: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Volume {
    /// Where its content is: a `type=bind` volume's `device`, else its
    /// mount point.
    pub fn data_dir(&self) -> PathBuf {
        match (
            self.options.get("type").map(String::as_str),
            self.options.get("device"),
        ) {
            (Some("bind") | Some("none") | None, Some(d)) => PathBuf::from(d),
            _ => self.mountpoint.clone(),
        }
    }

    /// Fills the fields computed from the volume's directory.
    fn with_state(mut self) -> Volume {
        let empty = fs_err::read_dir(&self.mountpoint).is_ok_and(|mut d| d.next().is_none());
        self.needs_copy_up = empty;
        self.needs_chown = empty;
        let id = |k: &str| {
            self.options
                .get(k)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (self.uid, self.gid) = (id("uid"), id("gid"));
        self
    }
}

/// `:U`: gives the tree at `path` (the top followed, as a bind mount does)
/// to `uid`:`gid`. The tree may be a volume that a running container
/// changes meanwhile, so the walk goes by descriptor: entries are chowned
/// with `AT_SYMLINK_NOFOLLOW` and entered with `O_NOFOLLOW`, and a symlink
/// planted anywhere in it (`x -> /home/user`) is chowned itself, never what
/// it points at.
pub fn chown_tree(path: &Path, uid: u32, gid: u32) -> std::result::Result<(), nix::errno::Errno> {
    use nix::fcntl::{AtFlags, OFlag};
    use nix::sys::stat::Mode;
    use nix::unistd::{Gid, Uid};
    use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
    fn walk(dir: BorrowedFd<'_>, uid: Uid, gid: Gid) -> nix::Result<()> {
        for name in crate::sys::fs::dir_names(dir)? {
            match nix::unistd::fchownat(
                Some(dir.as_raw_fd()),
                name.as_os_str(),
                Some(uid),
                Some(gid),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            ) {
                Ok(()) => {}
                Err(nix::errno::Errno::ENOENT) => continue,
                Err(e) => return Err(e),
            }
            let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW;
            match crate::sys::fs::openat(dir, name.as_os_str(), flags, Mode::empty()) {
                Ok(fd) => walk(fd.as_fd(), uid, gid)?,
                // Not a directory (or a symlink, or gone): nothing below.
                Err(
                    nix::errno::Errno::ENOTDIR
                    | nix::errno::Errno::ELOOP
                    | nix::errno::Errno::ENOENT,
                ) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    let (uid, gid) = (Uid::from_raw(uid), Gid::from_raw(gid));
    let dir = OFlag::O_RDONLY | OFlag::O_DIRECTORY;
    match crate::sys::fs::open(path, dir, Mode::empty()) {
        Ok(fd) => {
            nix::unistd::fchown(fd.as_raw_fd(), Some(uid), Some(gid))?;
            walk(fd.as_fd(), uid, gid)
        }
        Err(nix::errno::Errno::ENOTDIR) => {
            let fd = crate::sys::fs::open(path, OFlag::O_PATH, Mode::empty())?;
            let empty = AtFlags::AT_EMPTY_PATH;
            nix::unistd::fchownat(Some(fd.as_raw_fd()), "", Some(uid), Some(gid), empty)
        }
        Err(e) => Err(e),
    }
}

/// [`chown_tree`] at a later start, as podman: nothing when the top already
/// belongs to `uid`:`gid` (a file chowned inside it meanwhile stays so).
pub fn rechown_tree(path: &Path, uid: u32, gid: u32) -> std::result::Result<(), nix::errno::Errno> {
    let st = nix::sys::stat::stat(path)?;
    if st.st_uid == uid && st.st_gid == gid {
        return Ok(());
    }
    chown_tree(path, uid, gid)
}

/// Checks `volume create -o` options as podman's local driver does: known
/// keys only, and a `type=bind` volume's `device` must exist.
pub fn check_options(options: &BTreeMap<String, String>) -> Result<()> {
    for (k, v) in options {
        match k.to_lowercase().as_str() {
            "device" => {
                let bind = options
                    .get("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("bind"));
                if bind {
                    let exists = nix::unistd::access(Path::new(v), nix::unistd::AccessFlags::F_OK);
                    if let Err(e) = exists {
                        // Go's text of the errno: lower case.
                        let desc = e.desc();
                        let mut text = desc[..1].to_lowercase();
                        text.push_str(&desc[1..]);
                        return Err(Error::InvalidOption(format!(
                            "invalid volume option device for driver 'local': faccessat {v}: {text}"
                        )));
                    }
                }
            }
            "uid" | "gid" => {
                if v.parse::<u32>().is_err() {
                    return Err(Error::InvalidOption(format!(
                        "cannot convert {k} {v} to integer: give a number"
                    )));
                }
            }
            "o" | "type" | "size" | "inodes" | "noquota" | "copy" | "nocopy" => {}
            _ => {
                return Err(Error::InvalidOption(format!(
                    "invalid mount option {k} for driver 'local': invalid argument"
                )))
            }
        }
    }
    Ok(())
}

/// Checks a volume name against Docker's grammar.
pub fn valid_name(name: &str) -> Result<()> {
    crate::spec::mounts::valid_volume_name(name).map_err(|_| Error::InvalidName(name.to_string()))
}

/// The volumes of a store.
pub struct Volumes<'a> {
    store: &'a Store,
    base: PathBuf,
}

impl<'a> Volumes<'a> {
    /// The volumes of `store`, in its `volumes/` directory.
    pub fn new(store: &'a Store) -> Volumes<'a> {
        Volumes::at(store, store.root().join("volumes"))
    }

    /// The volumes of `store` kept in `base` (`--volumepath`, containers.conf's
    /// `volume_path`); the store's locks still guard them.
    pub fn at(store: &'a Store, base: PathBuf) -> Volumes<'a> {
        Volumes { store, base }
    }

    fn base(&self) -> PathBuf {
        self.base.clone()
    }

    /// The directory volumes live in (each `NAME/_data`).
    pub fn base_dir(&self) -> PathBuf {
        self.base()
    }

    /// Takes the lock for creating and removing volumes.
    pub fn lock(&self) -> Result<LockGuard> {
        Ok(self.store.lock("volumes", LockMode::Exclusive)?)
    }

    /// Reads one volume.
    pub fn get(&self, name: &str) -> Result<Volume> {
        let p = self.base().join(name).join("volume.json");
        let bytes = fs_err::read(&p).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound(name.to_string())
            } else {
                Error::Io {
                    op: "reading",
                    path: p.clone(),
                    source,
                }
            }
        })?;
        serde_json::from_slice::<Volume>(&bytes)
            .map(Volume::with_state)
            .map_err(|e| Error::Io {
                op: "parsing",
                path: p,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })
    }

    /// All volumes, by name.
    pub fn list(&self) -> Result<Vec<Volume>> {
        let mut out = Vec::new();
        if let Ok(d) = fs_err::read_dir(self.base()) {
            for e in d.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    if let Ok(v) = self.get(&name) {
                        out.push(v);
                    }
                }
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Creates a volume (hold [`Volumes::lock`]); `name` None makes an
    /// anonymous one with a random 64-hex name.
    pub fn create(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
    ) -> Result<Volume> {
        match name {
            Some(n) => {
                valid_name(n)?;
                self.make(n.to_string(), false, labels, options)
            }
            None => self.make(crate::container::new_id(), true, labels, options),
        }
    }

    /// Creates the anonymous volume `name` for a container (hold
    /// [`Volumes::lock`]); an existing one is returned as it is.
    pub fn create_anonymous(&self, name: &str) -> Result<Volume> {
        valid_name(name)?;
        match self.make(name.to_string(), true, BTreeMap::new(), BTreeMap::new()) {
            Err(Error::Exists(_)) => self.get(name),
            other => other,
        }
    }

    fn make(
        &self,
        name: String,
        anonymous: bool,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
    ) -> Result<Volume> {
        let dir = self.base().join(&name);
        if dir.join("volume.json").exists() {
            return Err(Error::Exists(name));
        }
        let tmp = self.base().join(format!(".new-{name}"));
        let _ = fs_err::remove_dir_all(&tmp);
        crate::store::create_dir_private(&tmp.join("_data"))?;
        // Containers' users (other ids) must reach _data: 0755, like podman.
        use std::os::unix::fs::PermissionsExt;
        let io = |op, path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { op, path, source }
        };
        fs_err::set_permissions(tmp.join("_data"), std::fs::Permissions::from_mode(0o755))
            .map_err(io("setting the mode of", &tmp))?;
        fs_err::set_permissions(&tmp, std::fs::Permissions::from_mode(0o700))
            .map_err(io("setting the mode of", &tmp))?;
        let v = Volume {
            name: name.clone(),
            driver: "local".into(),
            mountpoint: dir.join("_data"),
            created_at: Utc::now(),
            labels,
            scope: "local".into(),
            options,
            anonymous,
            ..Volume::default()
        };
        let bytes = serde_json::to_vec_pretty(&v).expect("records serialise");
        write_atomic(&tmp.join("volume.json"), &bytes, 0o600).map_err(io("writing", &tmp))?;
        fs_err::rename(&tmp, &dir).map_err(io("creating", &dir))?;
        Ok(v.with_state())
    }

    /// Gets a volume, creating it when missing (for `-v name:/path`).
    pub fn get_or_create(&self, name: &str) -> Result<Volume> {
        match self.get(name) {
            Err(Error::NotFound(_)) => {
                let _l = self.lock()?;
                match self.get(name) {
                    Err(Error::NotFound(_)) => {
                        self.create(Some(name), BTreeMap::new(), BTreeMap::new())
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    /// Makes a volume invisible (hold [`Volumes::lock`]); returns the
    /// directory to delete.
    pub fn unlink(&self, name: &str) -> Result<PathBuf> {
        let dir = self.base().join(name);
        if !dir.join("volume.json").exists() {
            return Err(Error::NotFound(name.to_string()));
        }
        let gone = self.base().join(format!(".removing-{name}"));
        fs_err::rename(&dir, &gone).map_err(|source| Error::Io {
            op: "removing",
            path: dir,
            source,
        })?;
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_list_remove() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(&tmp.path().join("root"), &tmp.path().join("run")).unwrap();
        let vols = Volumes::new(&store);
        let v = vols
            .create(Some("data"), BTreeMap::new(), BTreeMap::new())
            .unwrap();
        assert!(v.mountpoint.is_dir());
        assert!(matches!(
            vols.create(Some("data"), BTreeMap::new(), BTreeMap::new()),
            Err(Error::Exists(_))
        ));
        let anon = vols.create(None, BTreeMap::new(), BTreeMap::new()).unwrap();
        assert!(anon.anonymous && anon.name.len() == 64);
        let named = vols.create_anonymous(&"a".repeat(64)).unwrap();
        assert!(named.anonymous);
        assert_eq!(vols.create_anonymous(&"a".repeat(64)).unwrap(), named);
        assert_eq!(
            named.mountpoint,
            vols.base_dir().join(&named.name).join("_data")
        );
        assert_eq!(vols.get_or_create("other").unwrap().name, "other");
        assert_eq!(vols.list().unwrap().len(), 4);
        let gone = vols.unlink("data").unwrap();
        assert!(gone.exists());
        assert!(matches!(vols.get("data"), Err(Error::NotFound(_))));
        assert_eq!(vols.list().unwrap().len(), 3);
    }
}
