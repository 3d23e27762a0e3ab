//! The on-disk store: blobs, unpacked layers and image records.
//!
//! Layout under the graph root (`--root`, default `$XDG_DATA_HOME/rpod`, or
//! `/var/lib/rpod` for root):
//! ```text
//! blobs/sha256/<hex>          manifests, image configs and compressed
//!                             layer blobs, as pulled (or made by a commit)
//! layers/<diff-id hex>/diff/  one unpacked layer (an overlay lower dir)
//! layers/<diff-id hex>/layer.json   its size and compressed digest
//! layers/<diff-id hex>.tmp/   a layer being unpacked (under its lock)
//! layers/<diff-id hex>.removing-*/  a layer being deleted (renamed first)
//! images.json                 every image record, replaced atomically
//! locks/                      flock files (see `lock`)
//! ```
//! Layers are keyed by their diff id (the digest of the uncompressed tar):
//! with overlay every layer directory stands alone, so two images that
//! share a layer's content share its directory whatever their parents are.
//! A layer directory appears only by `rename` once complete and verified.

pub mod atomic;
pub mod gc;
pub mod lock;

use std::io;
use std::path::{Path, PathBuf};

use fs_err as fs;
use serde::{Deserialize, Serialize};

use crate::digest::Digest;
pub use atomic::write_atomic;
pub use lock::{LockGuard, LockMode};

/// Errors of the store, each naming the path involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A filesystem operation on the store failed.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done ("reading", "creating", ...).
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A record file does not parse.
    #[error("parsing {path}: {source}: the file is damaged; remove it or run `rpod system reset`")]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Metadata kept beside an unpacked layer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LayerMeta {
    /// Digest of the uncompressed tar stream.
    pub diff_id: Digest,
    /// Size of the uncompressed tar stream in bytes.
    pub size: u64,
    /// Digest of the blob it was unpacked from.
    pub compressed_digest: Option<Digest>,
}

/// A handle on a store directory pair (graph root and run root).
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    runroot: PathBuf,
    /// Where container records live (`root/containers`, or under
    /// containers.conf's `static_dir`).
    containers: PathBuf,
    /// Additional image stores: other rpod graph roots, read only, whose
    /// images, blobs and layers are used where this store lacks them.
    additional: Vec<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the store at `root`, with volatile state in `runroot`.
    pub fn open(root: &Path, runroot: &Path) -> Result<Store, Error> {
        let store = Store {
            root: root.to_path_buf(),
            runroot: runroot.to_path_buf(),
            containers: root.join("containers"),
            additional: Vec::new(),
        };
        for dir in [
            store.root.clone(),
            store.root.join("blobs/sha256"),
            store.root.join("layers"),
            store.root.join("locks"),
        ] {
            create_dir_private(&dir)?;
        }
        Ok(store)
    }

    /// The graph root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Keeps container records under `dir` (containers.conf's
    /// `static_dir`, podman's libpod database directory) instead of the
    /// graph root: containers made with another `static_dir` are not seen.
    pub fn set_static_dir(&mut self, dir: &Path) {
        self.containers = dir.join("containers");
    }

    /// Reads images, their blobs and layers also from these graph roots of
    /// other rpod stores (`--storage-opt overlay.imagestore=`, storage.conf's
    /// `additionalimagestores`), which are never written.
    pub fn set_additional_image_stores(&mut self, roots: Vec<PathBuf>) {
        self.additional = roots;
    }

    /// The additional image stores, in the order they are searched.
    pub fn additional_image_stores(&self) -> &[PathBuf] {
        &self.additional
    }

    /// The directory of the container records.
    pub fn containers_dir(&self) -> &Path {
        &self.containers
    }

    /// The run root (sockets, pid files; may be on tmpfs).
    pub fn runroot(&self) -> &Path {
        &self.runroot
    }

    /// Takes one of the store's named locks (see the `lock` module for the order).
    pub fn lock(&self, name: &str, mode: LockMode) -> Result<LockGuard, Error> {
        let path = self.root.join("locks").join(format!("{name}.lock"));
        lock::lock(&path, mode).map_err(io_err("locking", &path))
    }

    /// Path of a stored blob.
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.root
            .join("blobs")
            .join(digest.algorithm())
            .join(digest.hex())
    }

    /// Stores a small blob (manifest, config) under its digest.
    pub fn put_blob(&self, digest: &Digest, bytes: &[u8]) -> Result<(), Error> {
        let path = self.blob_path(digest);
        if path.exists() {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            create_dir_private(dir)?;
        }
        atomic::replace(&path, bytes, 0o644).map_err(io_err("writing", &path))
    }

    /// Moves the file at `from` (complete, its digest checked by the
    /// caller, on the store's file system) into place as the blob `digest`,
    /// atomically (rename); when the store has that blob already, `from`
    /// is removed instead.
    pub fn adopt_blob(&self, from: &Path, digest: &Digest) -> Result<(), Error> {
        let path = self.blob_path(digest);
        if path.exists() {
            return fs::remove_file(from).map_err(io_err("removing", from));
        }
        if let Some(dir) = path.parent() {
            create_dir_private(dir)?;
        }
        fs::rename(from, &path).map_err(io_err("renaming into place", &path))
    }

    /// Reads a stored blob (from an additional image store when this
    /// store does not have it).
    pub fn get_blob(&self, digest: &Digest) -> Result<Vec<u8>, Error> {
        let mut path = self.blob_path(digest);
        if !path.exists() {
            let rel = Path::new("blobs")
                .join(digest.algorithm())
                .join(digest.hex());
            if let Some(other) = self
                .additional
                .iter()
                .map(|r| r.join(&rel))
                .find(|p| p.exists())
            {
                path = other;
            }
        }
        fs::read(&path).map_err(io_err("reading", &path))
    }

    /// Removes a stored blob if present.
    pub fn remove_blob(&self, digest: &Digest) -> Result<(), Error> {
        let path = self.blob_path(digest);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_err("removing", &path)(e)),
            _ => Ok(()),
        }
    }

    /// Directory of the layer with this diff id (it holds `diff/` and `layer.json`).
    pub fn layer_dir(&self, diff_id: &Digest) -> PathBuf {
        self.root.join("layers").join(diff_id.hex())
    }

    /// The unpacked content of a layer: the directory used as an overlay
    /// lower dir (an additional image store's when this store does not
    /// have the layer).
    pub fn layer_diff(&self, diff_id: &Digest) -> PathBuf {
        let own = self.layer_dir(diff_id);
        if !own.exists() {
            let rel = Path::new("layers").join(diff_id.hex());
            if let Some(other) = self
                .additional
                .iter()
                .map(|r| r.join(&rel))
                .find(|p| p.exists())
            {
                return other.join("diff");
            }
        }
        own.join("diff")
    }

    /// Reads a complete layer's metadata, or `None` when the layer is not in the store.
    pub fn layer_meta(&self, diff_id: &Digest) -> Result<Option<LayerMeta>, Error> {
        let path = self.layer_dir(diff_id).join("layer.json");
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|source| Error::Corrupt { path, source }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err("reading", &path)(e)),
        }
    }

    /// The scratch directory a layer is unpacked into before it is committed.
    pub fn layer_tmp(&self, diff_id: &Digest) -> PathBuf {
        self.root
            .join("layers")
            .join(format!("{}.tmp", diff_id.hex()))
    }

    /// Makes an unpacked scratch directory the layer, atomically (rename).
    /// What an interrupted removal left at the layer's place (a directory
    /// without `layer.json`) is moved aside first, for the next garbage
    /// collection to delete. Call it holding the layer's lock.
    pub fn commit_layer(&self, tmp: &Path, meta: &LayerMeta) -> Result<(), Error> {
        let meta_path = tmp.join("layer.json");
        let bytes = serde_json::to_vec(meta).expect("layer metadata serialises");
        atomic::replace(&meta_path, &bytes, 0o644).map_err(io_err("writing", &meta_path))?;
        let dest = self.layer_dir(&meta.diff_id);
        if self.layer_meta(&meta.diff_id)?.is_none() {
            self.doom_layer(&meta.diff_id)?;
        }
        fs::rename(tmp, &dest).map_err(io_err("renaming into place", &dest))
    }

    /// Renames a layer's directory out of the way (to a scratch name that
    /// [`Store::list_layer_scratch`] lists), so that a removal killed half-way
    /// never leaves a half-deleted layer at its place; returns the new path,
    /// or `None` when there was no such directory. Call it holding the
    /// layer's lock, then delete the returned tree.
    pub fn doom_layer(&self, diff_id: &Digest) -> Result<Option<PathBuf>, Error> {
        let dir = self.layer_dir(diff_id);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let doomed = self.root.join("layers").join(format!(
            "{}.removing-{}-{nanos}",
            diff_id.hex(),
            std::process::id()
        ));
        match fs::rename(&dir, &doomed) {
            Ok(()) => Ok(Some(doomed)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err("moving aside", &dir)(e)),
        }
    }

    /// Diff ids of every complete layer in the store.
    pub fn list_layers(&self) -> Result<Vec<Digest>, Error> {
        let dir = self.root.join("layers");
        let mut out = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_err("listing", &dir))? {
            let entry = entry.map_err(io_err("listing", &dir))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.len() == 64 && !name.contains('.') {
                if let Ok(d) = format!("sha256:{name}").parse::<Digest>() {
                    out.push(d);
                }
            }
        }
        Ok(out)
    }

    /// Scratch directories left by interrupted unpacks and removals (safe to remove under `gc` exclusive).
    pub fn list_layer_scratch(&self) -> Result<Vec<PathBuf>, Error> {
        let dir = self.root.join("layers");
        let mut out = Vec::new();
        for entry in fs::read_dir(&dir).map_err(io_err("listing", &dir))? {
            let entry = entry.map_err(io_err("listing", &dir))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".tmp") || name.contains(".removing-") {
                out.push(entry.path());
            }
        }
        Ok(out)
    }

    /// Reads a JSON record file of the store, or `T::default()` when absent.
    pub fn read_record<T: for<'de> Deserialize<'de> + Default>(
        &self,
        name: &str,
    ) -> Result<T, Error> {
        let path = self.root.join(name);
        match fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|source| Error::Corrupt { path, source })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(T::default()),
            Err(e) => Err(io_err("reading", &path)(e)),
        }
    }

    /// Replaces a JSON record file of the store atomically (hold `store` lock).
    pub fn write_record<T: Serialize>(&self, name: &str, value: &T) -> Result<(), Error> {
        let path = self.root.join(name);
        let bytes = serde_json::to_vec_pretty(value).expect("store records serialise");
        write_atomic(&path, &bytes, 0o600).map_err(io_err("writing", &path))
    }
}

/// Creates a directory and its parents with mode 0700 (rootless stores stay private).
pub fn create_dir_private(dir: &Path) -> Result<(), Error> {
    match crate::sys::fs::create_dir_mode(dir, 0o700, true) {
        Ok(()) => Ok(()),
        Err(e) => Err(io_err("creating", dir)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(c: char) -> Digest {
        format!("sha256:{}", c.to_string().repeat(64))
            .parse()
            .unwrap()
    }

    #[test]
    fn a_layer_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let id = d('a');
        assert_eq!(store.layer_meta(&id).unwrap(), None);
        let tmp = store.layer_tmp(&id);
        fs::create_dir_all(tmp.join("diff")).unwrap();
        fs::write(tmp.join("diff/file"), b"x").unwrap();
        assert!(store.list_layers().unwrap().is_empty());
        assert_eq!(store.list_layer_scratch().unwrap(), vec![tmp.clone()]);
        let meta = LayerMeta {
            diff_id: id.clone(),
            size: 1,
            compressed_digest: None,
        };
        store.commit_layer(&tmp, &meta).unwrap();
        assert_eq!(store.layer_meta(&id).unwrap(), Some(meta));
        assert_eq!(store.list_layers().unwrap(), vec![id.clone()]);
        assert!(store.layer_diff(&id).join("file").exists());
    }

    #[test]
    fn blobs_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let digest = Digest::sha256_of(b"hello");
        store.put_blob(&digest, b"hello").unwrap();
        assert_eq!(store.get_blob(&digest).unwrap(), b"hello");
        store.remove_blob(&digest).unwrap();
        assert!(store.get_blob(&digest).is_err());
    }
}
