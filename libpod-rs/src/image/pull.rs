//! The pull pipeline: resolve the name, fetch the manifest (choosing a
//! platform from an index), fetch the config, then fetch, verify and unpack
//! every missing layer concurrently, and record the image.
//!
//! Each layer streams from the network through two hashers (compressed and
//! uncompressed) and the decompressor straight into the tar unpacker, so
//! download, verification and unpacking overlap, and several layers
//! decompress on several cores at once. A layer is unpacked into a scratch
//! directory under its own lock and renamed into place only when both
//! digests match; the image record is written last. Whatever is killed
//! when, the store never shows a partial layer or image.
//!
//! Every blob must be the size its descriptor declares (a registry sending
//! more fails the pull at the first extra byte). A pull that fails on the
//! network (a broken or stalled download, a refused connection, 429, 5xx)
//! is retried whole, as podman retries it (`--retry`, `--retry-delay`), with
//! a warning; the layers it already stored are not fetched again.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use oci_spec::image::{Descriptor, ImageManifest};
use serde::Deserialize;

use super::{ImageIndex, ImageRecord, LayerRef};
use crate::config::{Endpoint, RegistriesConf};
use crate::digest::{Digest, DigestReader};
use crate::layer::{self, Compression, UnpackOptions};
use crate::reference::Reference;
use crate::registry::manifest::{self, Manifest, Platform};
use crate::registry::{Client, NetworkFault, Retry, MAX_MANIFEST};
use crate::store::{self, LayerMeta, LockMode, Store};

/// Largest config accepted (podman uses 4 MiB, as for manifests).
const MAX_CONFIG: usize = MAX_MANIFEST;

/// The parts of an image config a pull records. Not oci-spec's
/// `ImageConfiguration`, which requires fields the format leaves optional
/// (`history`): podman pulls configs without them, and so does rpod.
#[derive(Debug, Default, Deserialize)]
struct ConfigHead {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    rootfs: RootFsHead,
}

/// The config's `rootfs`.
#[derive(Debug, Default, Deserialize)]
struct RootFsHead {
    #[serde(default)]
    diff_ids: Vec<String>,
}

/// Errors of a pull; each names the reference and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The registry client failed.
    #[error("{reference}: {source}")]
    Registry {
        /// The reference being pulled.
        reference: String,
        /// The client's error.
        source: crate::registry::Error,
    },
    /// Every candidate of a short name failed.
    #[error("{input}: {}", .errors.join("; "))]
    AllCandidatesFailed {
        /// What the user typed.
        input: String,
        /// One message per candidate tried.
        errors: Vec<String>,
    },
    /// The manifest or config is not what the image format requires.
    #[error("{reference}: {message}")]
    BadImage {
        /// The reference being pulled.
        reference: String,
        /// What is wrong.
        message: String,
    },
    /// A blob's content does not match its digest.
    #[error("{reference}: {what} digest mismatch: expected {expected}, got {actual}; the registry served corrupt content, try again or ask its owner")]
    DigestMismatch {
        /// The reference being pulled.
        reference: String,
        /// Which digest ("layer sha256:…" or "uncompressed layer").
        what: String,
        /// The digest the manifest promised.
        expected: Digest,
        /// The digest of what arrived.
        actual: Digest,
    },
    /// Unpacking a layer failed.
    #[error("{reference}: unpacking layer {digest}: {source}")]
    Unpack {
        /// The reference being pulled.
        reference: String,
        /// The layer blob.
        digest: Digest,
        /// The unpacker's error.
        source: layer::Error,
    },
    /// Reading a layer from the network failed.
    #[error("{reference}: reading layer {digest}: {source}")]
    Read {
        /// The reference being pulled.
        reference: String,
        /// The layer blob.
        digest: Digest,
        /// The I/O error.
        source: io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The registries configuration refused the name.
    #[error(transparent)]
    Config(#[from] crate::config::Error),
}

impl Error {
    /// Whether pulling again may succeed (the network failed, not the image).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Registry { source, .. } => source.is_retryable(),
            Error::Read { .. } | Error::Unpack { .. } => NetworkFault::is_in(self),
            _ => false,
        }
    }
}

/// A duration as Go prints it (`2s`, `500ms`, `1m30s`), for podman's messages.
fn go_duration(d: std::time::Duration) -> String {
    let ms = d.as_millis();
    if ms == 0 {
        "0s".into()
    } else if ms < 1000 {
        format!("{ms}ms")
    } else if d.subsec_millis() != 0 {
        format!("{}s", d.as_secs_f64())
    } else {
        let s = d.as_secs();
        match (s / 3600, s / 60 % 60, s % 60) {
            (0, 0, sec) => format!("{sec}s"),
            (0, m, sec) => format!("{m}m{sec}s"),
            (h, m, sec) => format!("{h}h{m}m{sec}s"),
        }
    }
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct PullOptions {
    /// The platform to choose from an index.
    pub platform: Platform,
    /// How many layers to fetch at once.
    pub parallel: usize,
    /// Whether layers are unpacked in a user namespace (opaque xattr name).
    pub rootless: bool,
    /// How a pull that fails on the network is retried.
    pub retry: Retry,
}

/// Progress of a pull, for the CLI to render.
#[derive(Debug, Clone)]
pub enum PullEvent {
    /// A candidate reference is being tried.
    Trying(String),
    /// A layer blob is about to be copied.
    BlobStart {
        /// The blob.
        digest: Digest,
        /// Its size, when the manifest says.
        size: u64,
    },
    /// Bytes of a layer blob arrived (cumulative).
    BlobProgress {
        /// The blob.
        digest: Digest,
        /// Bytes so far.
        done: u64,
    },
    /// A layer blob is complete (`skipped` when the store already had it).
    BlobDone {
        /// The blob.
        digest: Digest,
        /// True when nothing was fetched.
        skipped: bool,
    },
    /// The config blob was fetched.
    Config(Digest),
    /// The image record is being written.
    Writing,
    /// A non-fatal remark (e.g. entries dropped from a hostile layer).
    Warning(String),
}

/// Receives pull progress; called from several threads.
pub trait PullReporter: Sync {
    /// Called for each event.
    fn event(&self, event: PullEvent);
}

/// A reporter that ignores everything.
pub struct NoProgress;

impl PullReporter for NoProgress {
    fn event(&self, _event: PullEvent) {}
}

/// Pulls `input` (short or full name, tag or digest) into the store.
pub fn pull(
    store: &Store,
    client: &Client,
    registries: &RegistriesConf,
    input: &str,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<ImageRecord, Error> {
    let candidates = registries.candidates(input)?;
    let mut errors = Vec::new();
    let mut first_error = None;
    for candidate in &candidates {
        for endpoint in registries.endpoints(candidate)? {
            reporter.event(PullEvent::Trying(candidate.to_string()));
            let mut retries = 0;
            let result = loop {
                match pull_one(store, client, candidate, &endpoint, opts, reporter) {
                    Err(e) if e.is_retryable() && retries < opts.retry.count => {
                        retries += 1;
                        let delay = opts.retry.delay_before(retries);
                        // podman's words, so that scripts reading them carry over.
                        reporter.event(PullEvent::Warning(format!(
                            "Failed, retrying in {} ... ({retries}/{}). Error: {e}",
                            go_duration(delay),
                            opts.retry.count
                        )));
                        std::thread::sleep(delay);
                    }
                    other => break other,
                }
            };
            match result {
                Ok(record) => return Ok(record),
                Err(e) => {
                    errors.push(e.to_string());
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    match (errors.len(), first_error) {
        (1, Some(e)) => Err(e),
        _ => Err(Error::AllCandidatesFailed {
            input: input.to_string(),
            errors,
        }),
    }
}

fn pull_one(
    store: &Store,
    client: &Client,
    reference: &Reference,
    endpoint: &Endpoint,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<ImageRecord, Error> {
    let name = reference.to_string();
    let reg = |source| Error::Registry {
        reference: name.clone(),
        source,
    };
    let bad = |message: String| Error::BadImage {
        reference: name.clone(),
        message,
    };
    let tag_or_digest = match (reference.digest(), reference.tag()) {
        (Some(d), _) => d.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "latest".to_string(),
    };
    let top = client
        .get_manifest(endpoint, &tag_or_digest, None)
        .map_err(reg)?;
    let mut fetched = top.clone();
    let mut parsed = manifest::parse(&top.bytes, &top.media_type).map_err(reg)?;
    if let Manifest::Index(index) = &parsed {
        let chosen = manifest::select(index, &opts.platform).map_err(reg)?;
        fetched = client
            .get_manifest(endpoint, chosen.digest().as_ref(), Some(chosen.size()))
            .map_err(reg)?;
        parsed = manifest::parse(&fetched.bytes, &fetched.media_type).map_err(reg)?;
    }
    let image_manifest: ImageManifest = match parsed {
        Manifest::Image(m) => m,
        Manifest::Index(_) => return Err(bad("an index points at another index".into())),
    };

    let config_digest = descriptor_digest(image_manifest.config(), &name, "config")?;
    tracing::debug!("fetching config {config_digest}");
    let config_bytes = client
        .get_blob_bytes(
            endpoint,
            &config_digest,
            image_manifest.config().size(),
            MAX_CONFIG,
        )
        .map_err(reg)?;
    reporter.event(PullEvent::Config(config_digest.clone()));
    let config: ConfigHead = serde_json::from_slice(&config_bytes)
        .map_err(|e| bad(format!("image config {config_digest}: {e}")))?;
    let diff_ids: Vec<Digest> = config
        .rootfs
        .diff_ids
        .iter()
        .map(|d| d.parse())
        .collect::<Result<_, _>>()
        .map_err(|e| bad(format!("image config diff_ids: {e}")))?;
    let descriptors = image_manifest.layers();
    let layer_digests = descriptors
        .iter()
        .map(|d| descriptor_digest(d, &name, "layer"))
        .collect::<Result<Vec<_>, _>>()?;
    if diff_ids.len() != descriptors.len() {
        return Err(bad(format!(
            "the manifest lists {} layers but the config {}",
            descriptors.len(),
            diff_ids.len()
        )));
    }

    // Hold `gc` shared until the record names our layers.
    let _gc = store.lock("gc", LockMode::Shared)?;
    let layer_sizes = fetch_layers(
        store,
        client,
        &name,
        endpoint,
        descriptors,
        &layer_digests,
        &diff_ids,
        opts,
        reporter,
    )?;

    tracing::debug!("layers done; writing the image record");
    reporter.event(PullEvent::Writing);
    store.put_blob(&config_digest, &config_bytes)?;
    store.put_blob(&fetched.digest, &fetched.bytes)?;
    if top.digest != fetched.digest {
        store.put_blob(&top.digest, &top.bytes)?;
    }
    let layers = descriptors
        .iter()
        .zip(layer_digests)
        .zip(&diff_ids)
        .zip(layer_sizes)
        .map(|(((desc, digest), diff_id), size)| LayerRef {
            diff_id: diff_id.clone(),
            digest,
            media_type: desc.media_type().to_string(),
            size,
        })
        .collect();
    let repo = reference.name();
    let mut repo_digests = vec![format!("{repo}@{}", top.digest)];
    if fetched.digest != top.digest {
        repo_digests.push(format!("{repo}@{}", fetched.digest));
    }
    // podman's names: repo:tag (tag defaults to latest), or repo@digest
    // when a digest is given (with a tag too, the digest wins, as podman).
    let names = match (reference.tag(), reference.digest()) {
        (_, Some(d)) => vec![format!("{repo}@{d}")],
        (tag, None) => vec![format!("{repo}:{}", tag.unwrap_or("latest"))],
    };
    let record = ImageRecord {
        id: config_digest.hex().to_string(),
        names,
        digest: top.digest.clone(),
        manifest_digest: fetched.digest.clone(),
        manifest_type: fetched.media_type.clone(),
        repo_digests,
        layers,
        created: config
            .created
            .as_deref()
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc)),
        pulled: Utc::now(),
        architecture: config.architecture.clone(),
        os: config.os.clone(),
    };
    let _lock = store.lock("store", LockMode::Exclusive)?;
    let mut index: ImageIndex = store.read_record("images.json")?;
    index.insert(record.clone());
    store.write_record("images.json", &index)?;
    tracing::debug!("image {} recorded", record.id);
    Ok(index
        .images
        .into_iter()
        .find(|i| i.id == record.id)
        .unwrap_or(record))
}

/// Fetches the missing layers, `opts.parallel` at a time; returns each layer's uncompressed size.
#[allow(clippy::too_many_arguments)]
fn fetch_layers(
    store: &Store,
    client: &Client,
    name: &str,
    endpoint: &Endpoint,
    descriptors: &[Descriptor],
    digests: &[Digest],
    diff_ids: &[Digest],
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<Vec<u64>, Error> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<u64, Error>>>> =
        Mutex::new((0..descriptors.len()).map(|_| None).collect());
    let workers = opts.parallel.clamp(1, descriptors.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= descriptors.len() {
                    break;
                }
                let result = fetch_layer(
                    store,
                    client,
                    name,
                    endpoint,
                    &descriptors[i],
                    &digests[i],
                    &diff_ids[i],
                    opts,
                    reporter,
                );
                let failed = result.is_err();
                results.lock().expect("no worker panics")[i] = Some(result);
                if failed {
                    // Stop handing out more layers; the pull fails anyway.
                    next.store(descriptors.len(), Ordering::SeqCst);
                }
            });
        }
    });
    let mut sizes = Vec::with_capacity(descriptors.len());
    for result in results.into_inner().expect("no worker panics") {
        match result {
            Some(r) => sizes.push(r?),
            None => continue,
        }
    }
    Ok(sizes)
}

#[allow(clippy::too_many_arguments)]
fn fetch_layer(
    store: &Store,
    client: &Client,
    name: &str,
    endpoint: &Endpoint,
    desc: &Descriptor,
    digest: &Digest,
    diff_id: &Digest,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<u64, Error> {
    let _lock = store.lock(&format!("layer-{}", diff_id.hex()), LockMode::Exclusive)?;
    if let Some(meta) = store.layer_meta(diff_id)? {
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: true,
        });
        return Ok(meta.size);
    }
    reporter.event(PullEvent::BlobStart {
        digest: digest.clone(),
        size: desc.size(),
    });
    match unpack_layer(
        store, client, name, endpoint, desc, digest, diff_id, opts, reporter,
    ) {
        Ok(size) => {
            reporter.event(PullEvent::BlobDone {
                digest: digest.clone(),
                skipped: false,
            });
            Ok(size)
        }
        Err(e) => {
            // Leave no scratch behind; a kill here is cleaned by the next pull.
            let _ = layer::remove_tree(&store.layer_tmp(diff_id));
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn unpack_layer(
    store: &Store,
    client: &Client,
    name: &str,
    endpoint: &Endpoint,
    desc: &Descriptor,
    digest: &Digest,
    diff_id: &Digest,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<u64, Error> {
    let tmp = store.layer_tmp(diff_id);
    if tmp.exists() {
        // Left by an interrupted pull; we hold the layer's lock, nobody else writes it.
        layer::remove_tree(&tmp).map_err(|source| Error::Unpack {
            reference: name.to_string(),
            digest: digest.clone(),
            source,
        })?;
    }
    let diff = tmp.join("diff");
    store::create_dir_private(&tmp)?;
    store::create_dir_private(&diff)?;
    let read_err = |source| Error::Read {
        reference: name.to_string(),
        digest: digest.clone(),
        source,
    };
    tracing::debug!("fetching layer {digest}");
    let blob = client
        .get_blob(endpoint, digest, desc.size())
        .map_err(|source| Error::Registry {
            reference: name.to_string(),
            source,
        })?;
    let progress = ProgressReader {
        inner: blob.reader,
        digest,
        done: 0,
        reported: 0,
        reporter,
    };
    // The compressed blob is kept as it arrives (see `KEPT_BLOB`).
    let kept = tmp.join(KEPT_BLOB);
    let keep = (Compression::from_media_type(desc.media_type().as_ref())
        != Some(Compression::None))
    .then(|| KeepWriter::create(&kept).ok())
    .flatten();
    let mut compressed = DigestReader::new(Tee {
        inner: progress,
        out: keep,
    });
    let (uncompressed_digest, size, compression) = {
        let mut buffered = BufReader::with_capacity(256 << 10, &mut compressed);
        let compression = match Compression::from_media_type(desc.media_type().as_ref()) {
            Some(c) => c,
            None => Compression::sniff(buffered.fill_buf().map_err(read_err)?),
        };
        let decompressed =
            layer::decompress(&mut buffered, compression).map_err(|source| Error::Unpack {
                reference: name.to_string(),
                digest: digest.clone(),
                source,
            })?;
        let mut plain = DigestReader::new(decompressed);
        // The exact stream stays reproducible for `save` and `push`.
        let split = tmp.join(layer::tarsplit::FILE_NAME);
        let recorder = layer::tarsplit::Recorder::new(
            &mut plain,
            layer::tarsplit::record_to(&split).map_err(read_err)?,
        );
        let report = layer::unpack_recorded(
            &recorder,
            &diff,
            &UnpackOptions {
                rootless: opts.rootless,
            },
        )
        .map_err(|source| Error::Unpack {
            reference: name.to_string(),
            digest: digest.clone(),
            source,
        })?;
        if !report.refused.is_empty() {
            reporter.event(PullEvent::Warning(format!(
                "layer {digest}: refused {} unsafe entries: {}",
                report.refused.len(),
                report.refused.join(", ")
            )));
        }
        // The tar reader may stop before the end of the stream (padding).
        io::copy(&mut &recorder, &mut io::sink()).map_err(read_err)?;
        recorder
            .finish()
            .and_then(zstd::stream::write::Encoder::finish)
            .map_err(|e| Error::Read {
                reference: name.to_string(),
                digest: digest.clone(),
                source: io::Error::new(e.kind(), format!("writing {}: {e}", split.display())),
            })?;
        let result = (plain.digest(), plain.bytes_read(), compression);
        drop(plain);
        io::copy(&mut buffered, &mut io::sink()).map_err(read_err)?;
        result
    };
    let actual = compressed.digest();
    let keep = compressed.into_inner().out;
    if actual != *digest {
        return Err(Error::DigestMismatch {
            reference: name.to_string(),
            what: format!("layer {digest}"),
            expected: digest.clone(),
            actual,
        });
    }
    if uncompressed_digest != *diff_id {
        return Err(Error::DigestMismatch {
            reference: name.to_string(),
            what: "uncompressed layer (diff id)".into(),
            expected: diff_id.clone(),
            actual: uncompressed_digest,
        });
    }
    // A plain tar is not kept: its tar-split record gives it back exactly.
    // Nor is a blob that could not be written whole (the layer itself is
    // complete: a push compresses it again).
    if let Some(keep) = keep {
        match keep.finish() {
            Ok(()) if compression != Compression::None => store.adopt_blob(&kept, digest)?,
            Ok(()) => {}
            Err(e) => tracing::debug!("not keeping blob {digest}: {e}"),
        }
        if kept.exists() {
            let _ = fs_err::remove_file(&kept);
        }
    }
    tracing::debug!("layer {digest} unpacked ({size} bytes); committing");
    store.commit_layer(
        &tmp,
        &LayerMeta {
            diff_id: diff_id.clone(),
            size,
            compressed_digest: Some(digest.clone()),
        },
    )?;
    Ok(size)
}

/// The digest a descriptor names, as rpod's type; a bad one means a broken image.
fn descriptor_digest(desc: &Descriptor, reference: &str, what: &str) -> Result<Digest, Error> {
    desc.digest()
        .to_string()
        .parse()
        .map_err(|e| Error::BadImage {
            reference: reference.to_string(),
            message: format!("{what} digest: {e}"),
        })
}

/// The file name, inside a layer's scratch directory, of the compressed
/// blob being kept. Pulled layers keep the blob they came in (beside the
/// unpacked tree and its tar-split record), so that pushing or saving the
/// image unchanged sends the very bytes and digests the source registry
/// has, without compressing anything again: the cost is the compressed
/// size on disk, as containerd's content store pays it.
const KEPT_BLOB: &str = "blob";

/// Where a kept blob is written as it arrives.
struct KeepWriter {
    out: io::BufWriter<std::fs::File>,
    failed: Option<io::Error>,
}

impl KeepWriter {
    fn create(path: &std::path::Path) -> io::Result<KeepWriter> {
        let file = fs_err::File::create(path)
            .map_err(crate::sys::without_path)
            .map_err(|e| io::Error::new(e.kind(), format!("creating {}: {e}", path.display())))?;
        Ok(KeepWriter {
            out: io::BufWriter::with_capacity(1 << 20, file.into_file()),
            failed: None,
        })
    }

    /// Flushes what was kept; the first write error, if any.
    fn finish(mut self) -> io::Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        io::Write::flush(&mut self.out)
    }
}

/// Copies what is read through it into a [`KeepWriter`]; a write error is
/// kept for [`KeepWriter::finish`] (the pull itself goes on reading).
struct Tee<R> {
    inner: R,
    out: Option<KeepWriter>,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(k) = self.out.as_mut().filter(|k| k.failed.is_none()) {
            if let Err(e) = io::Write::write_all(&mut k.out, &buf[..n]) {
                k.failed = Some(e);
            }
        }
        Ok(n)
    }
}

struct ProgressReader<'a, R> {
    inner: R,
    digest: &'a Digest,
    done: u64,
    reported: u64,
    reporter: &'a dyn PullReporter,
}

impl<R: Read> Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if self.done - self.reported >= 256 << 10 || n == 0 {
            self.reported = self.done;
            self.reporter.event(PullEvent::BlobProgress {
                digest: self.digest.clone(),
                done: self.done,
            });
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn durations_print_as_go_prints_them() {
        assert_eq!(go_duration(Duration::ZERO), "0s");
        assert_eq!(go_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(go_duration(Duration::from_secs(2)), "2s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(go_duration(Duration::from_secs(3600)), "1h0m0s");
    }
}
