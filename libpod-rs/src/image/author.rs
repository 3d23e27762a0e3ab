//! The authoring side of the store: new layers from tar streams, and new
//! images (config, manifest, record) on top of a parent image.
//!
//! A layer is written once as a plain tar to a scratch file under
//! `tmp/`, which gives its diff id; under the layer's lock it is then
//! compressed into its blob (gzip or zstd, hashed while written) and
//! unpacked with the pull path's unpacker into the layer's scratch
//! directory, which is renamed into place. The image's config and
//! manifest blobs go in next, and the record last, under the `store`
//! lock: whatever is killed when, no half-made layer or image is visible
//! (scratch is collected by the next `rmi`/`prune`). Callers hold the
//! `gc` lock shared from the first layer to the record.

use fs_err::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use super::{ImageIndex, ImageRecord, LayerRef};
use crate::digest::Digest;
use crate::layer::{self, UnpackOptions};
use crate::store::{self, LayerMeta, LockMode, Store};

/// OCI manifest media type.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// Docker schema 2 manifest media type.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// Errors of writing layers and images.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A scratch or blob file failed.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// Making or unpacking the layer failed.
    #[error(transparent)]
    Layer(#[from] layer::Error),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The parent image's stored data is unusable.
    #[error("{0}")]
    Parent(String),
}

/// The image format: OCI (podman's default) or Docker schema 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// OCI image manifest and config.
    #[default]
    Oci,
    /// Docker schema 2 (needed for a config `comment`, HEALTHCHECK and friends).
    Docker,
}

impl Format {
    fn manifest_type(self) -> &'static str {
        match self {
            Format::Oci => OCI_MANIFEST,
            Format::Docker => DOCKER_MANIFEST,
        }
    }

    fn config_type(self) -> &'static str {
        match self {
            Format::Oci => "application/vnd.oci.image.config.v1+json",
            Format::Docker => "application/vnd.docker.container.image.v1+json",
        }
    }

    fn layer_type(self, c: layer::Compression) -> &'static str {
        match (self, c) {
            (Format::Oci, layer::Compression::Gzip) => {
                "application/vnd.oci.image.layer.v1.tar+gzip"
            }
            (Format::Oci, layer::Compression::Zstd) => {
                "application/vnd.oci.image.layer.v1.tar+zstd"
            }
            (Format::Oci, layer::Compression::None) => "application/vnd.oci.image.layer.v1.tar",
            (Format::Docker, layer::Compression::Zstd) => {
                "application/vnd.oci.image.layer.v1.tar+zstd"
            }
            (Format::Docker, _) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
        }
    }

    /// A layer media type of the other format, turned into this one's.
    fn convert_layer_type(self, t: &str) -> String {
        let c = layer::Compression::from_media_type(t).unwrap_or(layer::Compression::Gzip);
        self.layer_type(c).to_string()
    }
}

/// A layer of a new image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLayer {
    /// Digest of the uncompressed tar.
    pub diff_id: Digest,
    /// Size of the uncompressed tar.
    pub size: u64,
    /// Digest of the compressed blob.
    pub digest: Digest,
    /// Size of the compressed blob.
    pub compressed_size: u64,
    /// How the blob is compressed.
    pub compression: layer::Compression,
}

/// Hashes and counts what goes through it.
struct HashWriter<W> {
    inner: W,
    hash: Sha256,
    written: u64,
}

impl<W: Write> Write for HashWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A new scratch file under the store's `tmp/` (collected by the next
/// garbage collection if left behind; hold `gc` shared while using it).
pub(crate) fn scratch_file(store: &Store, what: &str) -> Result<(PathBuf, File), Error> {
    let dir = store.root().join("tmp");
    store::create_dir_private(&dir)?;
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{what}-{}-{n}", std::process::id()));
    let f = File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| Error::Io {
            action: "creating",
            path: path.clone(),
            source,
        })?;
    Ok((path, f))
}

/// Removes a scratch file when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs_err::remove_file(&self.0);
    }
}

/// Makes a layer from the tar stream `write_tar` produces: its blob
/// (compressed as asked), and its unpacked directory for running. A layer
/// already in the store with the same diff id is reused.
pub fn store_layer(
    store: &Store,
    compression: layer::Compression,
    rootless: bool,
    write_tar: impl FnOnce(&mut dyn Write) -> Result<(), layer::Error>,
) -> Result<NewLayer, Error> {
    let (tar_path, file) = scratch_file(store, "layer.tar")?;
    let _tar_guard = Scratch(tar_path.clone());
    let io_err = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    let mut w = HashWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        hash: Sha256::new(),
        written: 0,
    };
    write_tar(&mut w)?;
    w.flush().map_err(io_err("writing", &tar_path))?;
    let diff_id = Digest::from_sha256(w.hash.finalize().into());
    let size = w.written;
    let mut file = w
        .inner
        .into_inner()
        .map_err(|e| io_err("writing", &tar_path)(e.into_error()))?;

    let _lock = store.lock(&format!("layer-{}", diff_id.hex()), LockMode::Exclusive)?;
    if let Some(meta) = store.layer_meta(&diff_id)? {
        if let Some(d) = &meta.compressed_digest {
            if let Ok(m) = fs_err::metadata(store.blob_path(d)) {
                return Ok(NewLayer {
                    diff_id,
                    size,
                    digest: d.clone(),
                    compressed_size: m.len(),
                    compression: layer::Compression::sniff(&blob_magic(&store.blob_path(d))),
                });
            }
        }
    }

    // The blob.
    file.rewind().map_err(io_err("reading", &tar_path))?;
    let (blob_tmp, blob_file) = scratch_file(store, "blob")?;
    let blob_guard = Scratch(blob_tmp.clone());
    let mut hw = HashWriter {
        inner: BufWriter::with_capacity(1 << 20, blob_file),
        hash: Sha256::new(),
        written: 0,
    };
    {
        let mut reader = BufReader::with_capacity(1 << 20, &mut file);
        match compression {
            layer::Compression::Gzip => {
                layer::pgzip::compress(
                    &mut reader,
                    &mut hw,
                    super::blobs::GZIP_LEVEL,
                    layer::pgzip::default_threads(),
                )
                .map_err(io_err("compressing", &blob_tmp))?;
            }
            layer::Compression::Zstd => {
                let mut z = zstd::stream::write::Encoder::new(&mut hw, super::blobs::ZSTD_LEVEL)
                    .map_err(io_err("compressing", &blob_tmp))?;
                io::copy(&mut reader, &mut z).map_err(io_err("compressing", &blob_tmp))?;
                z.finish().map_err(io_err("compressing", &blob_tmp))?;
            }
            layer::Compression::None => {
                io::copy(&mut reader, &mut hw).map_err(io_err("writing", &blob_tmp))?;
            }
        }
    }
    hw.flush().map_err(io_err("writing", &blob_tmp))?;
    let digest = Digest::from_sha256(hw.hash.finalize().into());
    let compressed_size = hw.written;
    let blob_file = hw
        .inner
        .into_inner()
        .map_err(|e| io_err("writing", &blob_tmp)(e.into_error()))?;
    blob_file.sync_all().map_err(io_err("syncing", &blob_tmp))?;
    let blob = store.blob_path(&digest);
    fs_err::rename(&blob_tmp, &blob).map_err(io_err("renaming into place", &blob))?;
    std::mem::forget(blob_guard);

    // The unpacked layer, unless a pull made it meanwhile.
    if store.layer_meta(&diff_id)?.is_none() {
        let tmp = store.layer_tmp(&diff_id);
        if tmp.exists() {
            layer::remove_tree(&tmp)?;
        }
        let diff = tmp.join("diff");
        store::create_dir_private(&tmp)?;
        store::create_dir_private(&diff)?;
        file.rewind().map_err(io_err("reading", &tar_path))?;
        let unpacked = layer::unpack(
            BufReader::with_capacity(1 << 20, &mut file),
            &diff,
            &UnpackOptions { rootless },
        );
        if let Err(e) = unpacked {
            let _ = layer::remove_tree(&tmp);
            return Err(e.into());
        }
        store.commit_layer(
            &tmp,
            &LayerMeta {
                diff_id: diff_id.clone(),
                size,
                compressed_digest: Some(digest.clone()),
            },
        )?;
    }
    Ok(NewLayer {
        diff_id,
        size,
        digest,
        compressed_size,
        compression,
    })
}

fn blob_magic(path: &Path) -> Vec<u8> {
    let mut magic = vec![0u8; 4];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .unwrap_or(0);
    magic.truncate(n);
    magic
}

/// A layer of the parent image as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentLayer {
    /// The record's view (diff id, uncompressed size).
    pub layer: LayerRef,
    /// The blob's size from the manifest.
    pub compressed_size: u64,
}

/// The config of `parent` (or an empty one for `scratch`), and its layers with their blob sizes.
pub fn parent_parts(
    store: &Store,
    parent: Option<&ImageRecord>,
) -> Result<(Value, Vec<ParentLayer>), Error> {
    let Some(parent) = parent else {
        let p = crate::registry::manifest::Platform::host();
        return Ok((
            json!({"architecture": p.architecture, "os": p.os, "config": {}, "rootfs": {"type": "layers", "diff_ids": []}, "history": []}),
            Vec::new(),
        ));
    };
    let bad = |what: String| {
        Error::Parent(format!(
            "image {}: {what}; pull or build it again",
            &parent.id[..12.min(parent.id.len())]
        ))
    };
    let config: Value = serde_json::from_slice(&store.get_blob(&parent.config_digest())?)
        .map_err(|e| bad(format!("its config does not parse: {e}")))?;
    let manifest: Value = serde_json::from_slice(&store.get_blob(&parent.manifest_digest)?)
        .map_err(|e| bad(format!("its manifest does not parse: {e}")))?;
    let sizes: Vec<(String, u64)> = manifest["layers"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|l| {
                    (
                        l["digest"].as_str().unwrap_or("").to_string(),
                        l["size"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let layers = parent
        .layers
        .iter()
        .map(|l| {
            let compressed_size = sizes
                .iter()
                .find(|(d, _)| *d == l.digest.to_string())
                .map(|(_, s)| *s)
                .ok_or_else(|| bad(format!("layer {} is not in its manifest", l.digest)))?;
            Ok(ParentLayer {
                layer: l.clone(),
                compressed_size,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok((config, layers))
}

/// One step of history, as podman and buildah write it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// What made the step (`/bin/sh -c #(nop) CMD ["sh"]`).
    pub created_by: String,
    /// A comment (`commit -m`).
    pub comment: String,
    /// The author.
    pub author: String,
    /// Whether the step made no layer.
    pub empty_layer: bool,
}

/// Appends a step to an image config: its history entry, and its layer's diff id when it has one.
pub fn add_step(
    config: &mut Value,
    created: DateTime<Utc>,
    history: &History,
    layer: Option<&Digest>,
) {
    let mut entry = json!({"created": created.to_rfc3339_opts(SecondsFormat::Nanos, true)});
    if !history.created_by.is_empty() {
        entry["created_by"] = json!(history.created_by);
    }
    if !history.author.is_empty() {
        entry["author"] = json!(history.author);
    }
    if !history.comment.is_empty() {
        entry["comment"] = json!(history.comment);
    }
    if history.empty_layer {
        entry["empty_layer"] = json!(true);
    }
    let mut list = config["history"].as_array().cloned().unwrap_or_default();
    list.push(entry);
    config["history"] = json!(list);
    if let Some(d) = layer {
        let mut ids = config["rootfs"]["diff_ids"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ids.push(json!(d.to_string()));
        config["rootfs"] = json!({"type": "layers", "diff_ids": ids});
    }
    config["created"] = json!(created.to_rfc3339_opts(SecondsFormat::Nanos, true));
}

/// What a new image is made of.
#[derive(Debug, Clone)]
pub struct NewImage {
    /// The complete config (rootfs and history filled with [`add_step`]).
    pub config: Value,
    /// The parent's layers.
    pub parent_layers: Vec<ParentLayer>,
    /// The new layers, in order.
    pub layers: Vec<NewLayer>,
    /// Full names to give it (`localhost/app:latest`); may be empty.
    pub names: Vec<String>,
    /// Its format.
    pub format: Format,
    /// `build --annotation`: the OCI manifest's annotations (an OCI manifest only).
    pub annotations: std::collections::BTreeMap<String, String>,
}

/// Writes the config and manifest blobs and the image record; returns the record.
pub fn write_image(store: &Store, image: NewImage) -> Result<ImageRecord, Error> {
    let mut config = image.config;
    if image.format == Format::Oci {
        // Docker-only keys have no place in an OCI config.
        if let Some(obj) = config.as_object_mut() {
            obj.remove("container_config");
            obj.remove("container");
            obj.remove("docker_version");
        }
    }
    let config_bytes = serde_json::to_vec(&config).expect("configs serialise");
    let config_digest = Digest::sha256_of(&config_bytes);
    let mut descriptors = Vec::new();
    let mut refs = Vec::new();
    for p in &image.parent_layers {
        let media_type = image.format.convert_layer_type(&p.layer.media_type);
        descriptors.push(json!({"mediaType": media_type, "digest": p.layer.digest.to_string(), "size": p.compressed_size}));
        refs.push(LayerRef {
            media_type,
            ..p.layer.clone()
        });
    }
    for l in &image.layers {
        let media_type = image.format.layer_type(l.compression).to_string();
        descriptors.push(json!({"mediaType": media_type, "digest": l.digest.to_string(), "size": l.compressed_size}));
        refs.push(LayerRef {
            diff_id: l.diff_id.clone(),
            digest: l.digest.clone(),
            media_type,
            size: l.size,
        });
    }
    let mut manifest = json!({
        "schemaVersion": 2,
        "mediaType": image.format.manifest_type(),
        "config": {"mediaType": image.format.config_type(), "digest": config_digest.to_string(), "size": config_bytes.len()},
        "layers": descriptors,
    });
    if image.format == Format::Oci && !image.annotations.is_empty() {
        manifest["annotations"] = json!(image.annotations);
    }
    let manifest_bytes = serde_json::to_vec(&manifest).expect("manifests serialise");
    let manifest_digest = Digest::sha256_of(&manifest_bytes);
    store.put_blob(&config_digest, &config_bytes)?;
    store.put_blob(&manifest_digest, &manifest_bytes)?;
    let created = config["created"]
        .as_str()
        .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&Utc));
    let record = ImageRecord {
        id: config_digest.hex().to_string(),
        names: image.names,
        digest: manifest_digest.clone(),
        manifest_digest,
        manifest_type: image.format.manifest_type().to_string(),
        repo_digests: Vec::new(),
        layers: refs,
        created,
        pulled: Utc::now(),
        architecture: config["architecture"]
            .as_str()
            .unwrap_or("amd64")
            .to_string(),
        os: config["os"].as_str().unwrap_or("linux").to_string(),
        read_only: false,
    };
    let _lock = store.lock("store", LockMode::Exclusive)?;
    let mut index: ImageIndex = store.read_record("images.json")?;
    index.insert(record.clone());
    store.write_record("images.json", &index)?;
    Ok(index
        .images
        .into_iter()
        .find(|i| i.id == record.id)
        .unwrap_or(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layer_and_an_image_on_top_of_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        let src = dir.path().join("src");
        fs_err::create_dir_all(src.join("app")).unwrap();
        fs_err::write(src.join("app/hello"), "hi\n").unwrap();
        let opts = layer::diff::DiffOptions {
            mtime: Some(1_700_000_000),
            ..Default::default()
        };
        let write = |w: &mut dyn Write| layer::diff::upper_to_tar(&src, w, &opts).map(drop);
        let l = store_layer(&store, layer::Compression::Gzip, false, write).unwrap();
        assert_eq!(
            fs_err::read(store.layer_diff(&l.diff_id).join("app/hello")).unwrap(),
            b"hi\n"
        );
        assert_eq!(
            store
                .layer_meta(&l.diff_id)
                .unwrap()
                .unwrap()
                .compressed_digest
                .as_ref(),
            Some(&l.digest)
        );
        let blob = fs_err::read(store.blob_path(&l.digest)).unwrap();
        assert_eq!(Digest::sha256_of(&blob), l.digest);
        assert_eq!(blob.len() as u64, l.compressed_size);
        // The same content again is the same layer, stored once.
        let again = store_layer(
            &store,
            layer::Compression::Gzip,
            false,
            |w: &mut dyn Write| layer::diff::upper_to_tar(&src, w, &opts).map(drop),
        )
        .unwrap();
        assert_eq!(again, l);
        assert_eq!(
            fs_err::read_dir(store.root().join("tmp")).unwrap().count(),
            0,
            "scratch left behind"
        );

        let (mut config, parents) = parent_parts(&store, None).unwrap();
        let t = DateTime::parse_from_rfc3339("2024-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&Utc);
        add_step(
            &mut config,
            t,
            &History {
                created_by: "/bin/sh -c #(nop) COPY dir:x in /app".into(),
                ..Default::default()
            },
            Some(&l.diff_id),
        );
        add_step(
            &mut config,
            t,
            &History {
                created_by: "/bin/sh -c #(nop) CMD [\"sh\"]".into(),
                empty_layer: true,
                ..Default::default()
            },
            None,
        );
        let rec = write_image(
            &store,
            NewImage {
                config,
                parent_layers: parents,
                layers: vec![l.clone()],
                names: vec!["localhost/t:latest".into()],
                format: Format::Oci,
                annotations: Default::default(),
            },
        )
        .unwrap();
        let index: ImageIndex = store.read_record("images.json").unwrap();
        assert_eq!(index.images.len(), 1);
        assert_eq!(rec.layers[0].diff_id, l.diff_id);
        let cfg: Value =
            serde_json::from_slice(&store.get_blob(&rec.config_digest()).unwrap()).unwrap();
        assert_eq!(cfg["rootfs"]["diff_ids"][0], json!(l.diff_id.to_string()));
        assert_eq!(cfg["history"][1]["empty_layer"], json!(true));
        let manifest: Value =
            serde_json::from_slice(&store.get_blob(&rec.manifest_digest).unwrap()).unwrap();
        assert_eq!(manifest["layers"][0]["size"], json!(l.compressed_size));
        // A child image lists the parent's layer with its blob size.
        let (_, parents) = parent_parts(&store, Some(&rec)).unwrap();
        assert_eq!(parents[0].compressed_size, l.compressed_size);
        let hist = super::super::inspect::history(&store, &rec);
        assert_eq!(hist[1].created_by, "/bin/sh -c #(nop) COPY dir:x in /app");
        assert_eq!(hist[1].size, l.size);
    }
}
