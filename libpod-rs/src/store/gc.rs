//! Garbage collection of the store: removes the unpacked layers and blobs
//! that no image record uses any more, and the scratch left by unpacks,
//! removals, commits and builds that were interrupted.
//!
//! The caller holds the `gc` lock exclusive (pulls and builds hold it
//! shared from their first layer until their record names it) and says
//! what is in use ([`InUse`], from the image records). Removing a tree is
//! passed in ([`crate::layer::remove_tree`]: layers hold read-only
//! directories), as `layer` sits beside `store` and builds on it.

use std::collections::HashSet;
use std::path::Path;

use super::{LockMode, Store};

/// What the image records use: layer diff ids and blob digests (hex).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InUse {
    /// Diff ids (hex) of the layers images are made of.
    pub layers: HashSet<String>,
    /// Digests (hex) of the blobs they keep: manifests, configs, and the
    /// compressed layers of built and committed images.
    pub blobs: HashSet<String>,
}

/// Removes every layer, blob and scratch directory of `store` that is not
/// in `in_use`, with `remove_tree` for directories. Hold `gc` exclusive.
/// A layer is renamed aside before it is removed, under its own lock, so a
/// removal killed half-way leaves scratch (removed next time), never a
/// half-deleted layer under the layer's name.
pub fn collect<E: From<super::Error>>(
    store: &Store,
    in_use: &InUse,
    remove_tree: impl Fn(&Path) -> Result<(), E>,
) -> Result<(), E> {
    for layer_id in store.list_layers()? {
        if !in_use.layers.contains(layer_id.hex()) {
            let _l = store.lock(&format!("layer-{}", layer_id.hex()), LockMode::Exclusive)?;
            if let Some(doomed) = store.doom_layer(&layer_id)? {
                remove_tree(&doomed)?;
            }
        }
    }
    for scratch in store.list_layer_scratch()? {
        remove_tree(&scratch)?;
    }
    // Scratch files of interrupted commits and builds.
    remove_tree(&store.root().join("tmp"))?;
    let blobs = store.root().join("blobs/sha256");
    if let Ok(entries) = fs_err::read_dir(&blobs) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !in_use.blobs.contains(&name) {
                let _ = fs_err::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::LayerMeta;
    use super::*;
    use crate::digest::Digest;

    fn layer(store: &Store, content: &[u8]) -> Digest {
        let id = Digest::sha256_of(content);
        let tmp = store.layer_tmp(&id);
        fs_err::create_dir_all(tmp.join("diff")).unwrap();
        fs_err::write(tmp.join("diff/file"), content).unwrap();
        let meta = LayerMeta {
            diff_id: id.clone(),
            size: content.len() as u64,
            compressed_digest: None,
        };
        store.commit_layer(&tmp, &meta).unwrap();
        id
    }

    #[test]
    fn what_no_image_uses_goes_and_the_rest_stays() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let kept = layer(&store, b"kept");
        let gone = layer(&store, b"gone");
        // An unpack that was interrupted.
        let scratch = store.layer_tmp(&Digest::sha256_of(b"half"));
        fs_err::create_dir_all(scratch.join("diff")).unwrap();
        let (keep_blob, drop_blob) = (Digest::sha256_of(b"k"), Digest::sha256_of(b"d"));
        store.put_blob(&keep_blob, b"k").unwrap();
        store.put_blob(&drop_blob, b"d").unwrap();
        fs_err::create_dir_all(store.root().join("tmp/build-1")).unwrap();

        let in_use = InUse {
            layers: [kept.hex().to_string()].into(),
            blobs: [keep_blob.hex().to_string()].into(),
        };
        let removed = std::cell::RefCell::new(Vec::new());
        collect::<super::super::Error>(&store, &in_use, |p| {
            removed.borrow_mut().push(p.to_path_buf());
            let _ = fs_err::remove_dir_all(p);
            Ok(())
        })
        .unwrap();

        assert_eq!(store.list_layers().unwrap(), vec![kept.clone()]);
        assert!(store.layer_diff(&kept).join("file").exists());
        assert!(!store.layer_dir(&gone).exists());
        assert!(store.list_layer_scratch().unwrap().is_empty());
        assert!(removed.borrow().contains(&scratch));
        assert!(!store.root().join("tmp").exists());
        assert_eq!(store.get_blob(&keep_blob).unwrap(), b"k");
        assert!(store.get_blob(&drop_blob).is_err());
    }
}
