//! `push`: a stored image to a registry.
//!
//! Each layer goes as a compressed blob, up to three layers at once. A
//! layer the destination has already (HEAD) is not sent; one it holds in
//! another repository of the same registry (known from the image's repo
//! digests) is mounted from there; otherwise a stored blob of the wanted
//! compression (the one a pull kept, or a commit or build wrote) is
//! streamed as it is in one PUT, so a pulled image goes out with the
//! source's digests; only a layer without one is compressed (on several
//! cores) into a scratch file first. The config follows, then the manifest: the stored one when its
//! layers are exactly those pushed (so the digest stays), else a new one.
//! Every step is idempotent: an interrupted push is simply repeated.

use fs_err::File;
use std::io::{self, BufReader, Read};

use serde_json::Value;

use super::archive::{manifest_bytes, LayerDesc};
use super::blobs::{self, Source};
use super::pull::{PullEvent, PullReporter};
use super::{author, ImageRecord, LayerRef};
use crate::config::Endpoint;
use crate::digest::Digest;
use crate::layer::Compression;
use crate::registry::push::Mounted;
use crate::registry::Client;
use crate::store::Store;

/// The manifest format to push (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    /// OCI image manifest.
    Oci,
    /// Docker schema 2.
    V2s2,
}

/// How to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// `--format`; the image's own format when `None`.
    pub format: Option<ManifestFormat>,
    /// `--compression-format` (gzip unless zstd).
    pub compression: Compression,
    /// `--compression-level`, for the layers that are compressed (a stored
    /// blob goes as it is); rpod's default when `None`.
    pub level: Option<i32>,
}

/// Errors of a push.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The registry refused or failed.
    #[error("pushing {reference}: {source}")]
    Registry {
        /// The destination.
        reference: String,
        /// The error.
        #[source]
        source: crate::registry::Error,
    },
    /// A layer could not be read or compressed.
    #[error("pushing {reference}: {what}: {source}")]
    Layer {
        /// The destination.
        reference: String,
        /// What was being done.
        what: String,
        /// The error.
        source: io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    /// Making the manifest failed.
    #[error(transparent)]
    Archive(#[from] super::archive::Error),
    /// Writing a scratch file failed.
    #[error(transparent)]
    Author(#[from] author::Error),
}

impl Error {
    /// Whether repeating the push may help (a network fault).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Registry { source, .. } if source.is_retryable())
    }
}

/// The stored manifest's layer descriptors (for their sizes).
fn stored_layers(store: &Store, record: &ImageRecord) -> Vec<Value> {
    store
        .get_blob(&record.manifest_digest)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| v["layers"].as_array().cloned())
        .unwrap_or_default()
}

/// Repositories on `host` that hold the image (from its repo digests).
fn sibling_repos(record: &ImageRecord, ep: &Endpoint) -> Vec<String> {
    record
        .repo_digests
        .iter()
        .filter_map(|rd| {
            let name = rd.split('@').next()?;
            let (host, repo) = name.split_once('/')?;
            (host == ep.host && repo != ep.repository).then(|| repo.to_string())
        })
        .collect()
}

/// Pushes `record` to `ep` under `tag_or_digest`; returns the manifest's digest.
#[allow(clippy::too_many_arguments)]
pub fn push(
    store: &Store,
    client: &Client,
    record: &ImageRecord,
    ep: &Endpoint,
    destination: &str,
    tag_or_digest: &str,
    opts: &PushOptions,
    reporter: &dyn PullReporter,
) -> Result<Digest, Error> {
    let reg = |source| Error::Registry {
        reference: destination.to_string(),
        source,
    };
    let oci = match opts.format {
        Some(ManifestFormat::Oci) => true,
        Some(ManifestFormat::V2s2) => false,
        None => record.manifest_type != author::DOCKER_MANIFEST,
    } || opts.compression == Compression::Zstd;
    let wanted = opts.compression;
    let media_type = blobs::layer_media_type(oci, wanted);
    let stored = stored_layers(store, record);
    let siblings = sibling_repos(record, ep);
    // One layer: the blob the image was pulled with when the registry has
    // it (here or in a sibling repository: nothing read or sent), else the
    // stored or compressed blob, uploaded.
    let one = |i: usize| -> Result<LayerDesc, Error> {
        let layer = &record.layers[i];
        let original_size = stored
            .get(i)
            .filter(|d| d["digest"].as_str() == Some(&layer.digest.to_string()))
            .and_then(|d| d["size"].as_u64());
        let same_kind = blobs::layer_media_type(oci, media_compression(&layer.media_type))
            == media_type
            && media_compression(&layer.media_type) == wanted;
        if let (Some(size), true) = (original_size, same_kind) {
            if reuse_remote(client, ep, &layer.digest, &siblings).map_err(reg)? {
                reporter.event(PullEvent::BlobDone {
                    digest: layer.digest.clone(),
                    skipped: true,
                });
                return Ok(LayerDesc {
                    media_type: media_type.to_string(),
                    digest: layer.digest.clone(),
                    size,
                });
            }
        }
        push_layer(
            store,
            client,
            ep,
            destination,
            layer,
            (wanted, opts.level),
            media_type,
            reporter,
        )
    };
    let descs = in_parallel(record.layers.len(), PARALLEL_LAYERS, &one)?;
    // The config.
    let config_digest = record.config_digest();
    let config = store.get_blob(&config_digest)?;
    if !client.blob_exists(ep, &config_digest).map_err(reg)? {
        let bytes = config.clone();
        client
            .upload_blob(ep, &config_digest, bytes.len() as u64, None, &move || {
                Ok(Box::new(io::Cursor::new(bytes.clone())) as Box<dyn Read + Send>)
            })
            .map_err(reg)?;
    }
    reporter.event(PullEvent::Config(config_digest));
    reporter.event(PullEvent::Writing);
    let manifest = manifest_bytes(store, record, oci, &descs)?;
    let manifest_type = if oci {
        author::OCI_MANIFEST
    } else {
        author::DOCKER_MANIFEST
    };
    client
        .put_manifest(ep, tag_or_digest, &manifest, manifest_type)
        .map_err(reg)?;
    Ok(Digest::sha256_of(&manifest))
}

/// How many layers are pushed at once (containers/image copies up to 6;
/// each also compresses on several threads when it has to).
const PARALLEL_LAYERS: usize = 3;

/// Runs `work(0..n)` on up to `workers` threads; the results in order, or
/// the first error (no new item starts once one failed).
fn in_parallel<T: Send, E: Send>(
    n: usize,
    workers: usize,
    work: &(dyn Fn(usize) -> Result<T, E> + Sync),
) -> Result<Vec<T>, E> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T, E>>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, n.max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= n {
                    break;
                }
                let r = work(i);
                let failed = r.is_err();
                results.lock().expect("no worker panics")[i] = Some(r);
                if failed {
                    next.store(n, Ordering::SeqCst);
                }
            });
        }
    });
    let mut out = Vec::with_capacity(n);
    for r in results.into_inner().expect("no worker panics") {
        match r {
            Some(r) => out.push(r?),
            None => continue,
        }
    }
    Ok(out)
}

/// The compression a layer media type names.
fn media_compression(media_type: &str) -> Compression {
    if media_type.ends_with("zstd") {
        Compression::Zstd
    } else if media_type.ends_with("gzip") {
        Compression::Gzip
    } else {
        Compression::None
    }
}

/// Whether the destination has `digest`, after mounting it from a sibling
/// repository if need be.
fn reuse_remote(
    client: &Client,
    ep: &Endpoint,
    digest: &Digest,
    siblings: &[String],
) -> Result<bool, crate::registry::Error> {
    if client.blob_exists(ep, digest)? {
        return Ok(true);
    }
    for from in siblings {
        if let Mounted::Done = client.mount_blob(ep, digest, from)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[allow(clippy::too_many_arguments)]
fn push_layer(
    store: &Store,
    client: &Client,
    ep: &Endpoint,
    destination: &str,
    layer: &LayerRef,
    (wanted, level): (Compression, Option<i32>),
    media_type: &str,
    reporter: &dyn PullReporter,
) -> Result<LayerDesc, Error> {
    let lerr = |what: String| {
        let reference = destination.to_string();
        move |source| Error::Layer {
            reference,
            what,
            source,
        }
    };
    // A stored blob as it is, else a compressed scratch copy.
    let mut scratch = None;
    let (path, digest, size) = match blobs::stored_as(store, layer, wanted) {
        Some(Source::Stored {
            path, digest, size, ..
        }) => (path, digest, size),
        _ => {
            let (path, file) = author::scratch_file(store, "push-layer")?;
            scratch = Some(Scratch(path.clone()));
            let what = format!("compressing layer {}", layer.diff_id);
            let mut tar = blobs::open_tar(store, layer).map_err(lerr(what.clone()))?;
            let (digest, size) =
                blobs::compress_at(&mut tar, wanted, level, file).map_err(lerr(what))?;
            (path, digest, size)
        }
    };
    let reg = |source| Error::Registry {
        reference: destination.to_string(),
        source,
    };
    if client.blob_exists(ep, &digest).map_err(reg)? {
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: true,
        });
    } else {
        reporter.event(PullEvent::BlobStart {
            digest: digest.clone(),
            size,
        });
        let open_path = path.clone();
        let expected = digest.clone();
        client
            .upload_blob(ep, &digest, size, None, &move || {
                let f = File::open(&open_path)?;
                Ok(Box::new(blobs::Verified::new(
                    BufReader::with_capacity(1 << 20, f),
                    expected.clone(),
                    format!("layer blob {expected}"),
                )) as Box<dyn Read + Send>)
            })
            .map_err(reg)?;
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: false,
        });
    }
    drop(scratch);
    Ok(LayerDesc {
        media_type: media_type.to_string(),
        digest,
        size,
    })
}

/// Removes a scratch file when dropped.
struct Scratch(std::path::PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs_err::remove_file(&self.0);
    }
}
