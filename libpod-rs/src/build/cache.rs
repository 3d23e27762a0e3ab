//! The build cache index: `<graph root>/build-cache/<key>.json`, one small
//! file per step, named by the step's cache key (`plan::step_key`). It
//! holds the image config after the step and the layer the step made, if
//! any. A lookup is one file read and, for a layer, two `stat`s (its
//! unpacked directory and its blob are still there): no copy, no scan of
//! the store. Entries whose layer was removed since (`rmi`, `prune`) are
//! misses. Entries are written atomically; a stale or damaged one is a miss.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::digest::Digest;
use crate::image::author::NewLayer;
use crate::layer::Compression;
use crate::store::Store;

/// A step's layer as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedLayer {
    /// Digest of the uncompressed tar.
    pub diff_id: Digest,
    /// Its size.
    pub size: u64,
    /// Digest of the blob.
    pub digest: Digest,
    /// Size of the blob.
    pub compressed_size: u64,
    /// `gzip`, `zstd` or `none`.
    pub compression: String,
}

impl From<&NewLayer> for CachedLayer {
    fn from(l: &NewLayer) -> CachedLayer {
        CachedLayer {
            diff_id: l.diff_id.clone(),
            size: l.size,
            digest: l.digest.clone(),
            compressed_size: l.compressed_size,
            compression: match l.compression {
                Compression::Gzip => "gzip",
                Compression::Zstd => "zstd",
                Compression::None => "none",
            }
            .into(),
        }
    }
}

impl CachedLayer {
    /// Back to the author's type.
    pub fn to_layer(&self) -> NewLayer {
        NewLayer {
            diff_id: self.diff_id.clone(),
            size: self.size,
            digest: self.digest.clone(),
            compressed_size: self.compressed_size,
            compression: match self.compression.as_str() {
                "zstd" => Compression::Zstd,
                "none" => Compression::None,
                _ => Compression::Gzip,
            },
        }
    }
}

/// What a step produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The image config after the step.
    pub config: Value,
    /// The layer it made.
    pub layer: Option<CachedLayer>,
}

/// The cache index of a store.
pub struct Cache<'a> {
    store: &'a Store,
}

impl<'a> Cache<'a> {
    /// The index of `store`.
    pub fn new(store: &'a Store) -> Cache<'a> {
        Cache { store }
    }

    fn path(&self, key: &Digest) -> PathBuf {
        self.store
            .root()
            .join("build-cache")
            .join(format!("{}.json", key.hex()))
    }

    /// The entry for `key`, when there is one whose layer still exists.
    pub fn get(&self, key: &Digest, ttl: Option<std::time::Duration>) -> Option<Entry> {
        let path = self.path(key);
        if let Some(ttl) = ttl {
            // An entry is written once, when its step ran: its age is the step's.
            let age = fs_err::metadata(&path)
                .ok()?
                .modified()
                .ok()?
                .elapsed()
                .ok()?;
            if age > ttl {
                return None;
            }
        }
        let bytes = fs_err::read(&path).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if let Some(l) = &entry.layer {
            if !self.store.layer_diff(&l.diff_id).is_dir()
                || !self.store.blob_path(&l.digest).is_file()
            {
                return None;
            }
        }
        Some(entry)
    }

    /// Records what the step with `key` produced.
    pub fn put(&self, key: &Digest, entry: &Entry) -> std::io::Result<()> {
        let path = self.path(key);
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir)?;
        }
        let bytes = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        crate::store::atomic::replace(&path, &bytes, 0o600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_go_stale_with_their_layer() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let cache = Cache::new(&store);
        let key = Digest::sha256_of(b"key");
        assert!(cache.get(&key, None).is_none());
        let meta = Entry {
            config: serde_json::json!({"config": {"Cmd": ["sh"]}}),
            layer: None,
        };
        cache.put(&key, &meta).unwrap();
        assert_eq!(cache.get(&key, None), Some(meta));
        let l = CachedLayer {
            diff_id: Digest::sha256_of(b"tar"),
            size: 10,
            digest: Digest::sha256_of(b"blob"),
            compressed_size: 4,
            compression: "gzip".into(),
        };
        let with = Entry {
            config: serde_json::json!({}),
            layer: Some(l.clone()),
        };
        let key2 = Digest::sha256_of(b"key2");
        cache.put(&key2, &with).unwrap();
        assert!(
            cache.get(&key2, None).is_none(),
            "its layer is not in the store"
        );
        fs_err::create_dir_all(store.layer_diff(&l.diff_id)).unwrap();
        store.put_blob(&l.digest, b"blob").unwrap();
        assert_eq!(cache.get(&key2, None), Some(with));
        assert_eq!(l.to_layer().compression, Compression::Gzip);
        fs_err::write(cache.path(&key), b"{broken").unwrap();
        assert!(cache.get(&key, None).is_none());
    }
}
