//! A pull's layers: fetched several at once, each streamed through its
//! hashers and decompressor into the unpacker, its compressed blob kept.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use oci_spec::image::Descriptor;

use crate::config::Endpoint;
use crate::digest::{Digest, DigestReader};
use crate::layer::{self, Compression, UnpackOptions};
use crate::registry::Client;
use crate::store::{self, LayerMeta, LockMode, Store};

use super::{Error, PullEvent, PullOptions, PullReporter};

/// Fetches the missing layers, `opts.parallel` at a time; returns each layer's uncompressed size.
#[allow(clippy::too_many_arguments)]
pub(super) fn fetch_layers(
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
