//! One layer of an archive: checked against its digests while it is
//! unpacked into a scratch directory, then renamed into place.

use std::io::{self, BufRead, BufReader, Read};

use crate::digest::{Digest, DigestReader};
use crate::image::archive::Error;
use crate::image::pull::{PullEvent, PullReporter};
use crate::layer::{self, tarsplit, Compression, UnpackOptions};
use crate::store::{self, LayerMeta, LockMode, Store};

use super::bundle::Bundle;
use super::formats::PlannedLayer;
use super::LoadOptions;

/// What ingesting a layer found.
#[derive(Debug, Clone)]
pub(super) struct IngestedLayer {
    pub(super) size: u64,
    pub(super) digest: Digest,
    pub(super) blob_size: u64,
    pub(super) compression: Compression,
}

pub(super) fn ingest_layer(
    store: &Store,
    b: &dyn Bundle,
    l: &PlannedLayer,
    opts: &LoadOptions,
    reporter: &dyn PullReporter,
) -> Result<IngestedLayer, Error> {
    let what = format!("layer {}", l.path);
    let serr = |source: io::Error| Error::Stream {
        what: format!("reading {what}"),
        source,
    };
    // By the bytes, not the media type: containers/image's `dir:` layout
    // calls uncompressed layers `tar.gzip`.
    let compression_of = |r: &mut BufReader<Box<dyn Read + Send + '_>>| -> io::Result<Compression> {
        Ok(Compression::sniff(r.fill_buf()?))
    };
    let check_blob = |actual: Digest| match &l.digest {
        Some(d) if *d != actual => Err(Error::Invalid(format!(
            "{what}: its content has digest {actual}, not {d}: the archive is damaged"
        ))),
        _ => Ok(()),
    };
    let _lock = store.lock(&format!("layer-{}", l.diff_id.hex()), LockMode::Exclusive)?;
    let mut raw = DigestReader::new(b.open(&l.path).map_err(serr)?);
    if let Some(meta) = store.layer_meta(&l.diff_id)? {
        // Stored already: only check the blob (and learn its digest).
        let mut buffered =
            BufReader::with_capacity(256 << 10, Box::new(&mut raw) as Box<dyn Read + Send>);
        let compression = compression_of(&mut buffered).map_err(serr)?;
        io::copy(&mut buffered, &mut io::sink()).map_err(serr)?;
        drop(buffered);
        let digest = raw.digest();
        check_blob(digest.clone())?;
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: true,
        });
        return Ok(IngestedLayer {
            size: meta.size,
            blob_size: raw.bytes_read(),
            digest,
            compression,
        });
    }
    reporter.event(PullEvent::BlobStart {
        digest: l.digest.clone().unwrap_or_else(|| l.diff_id.clone()),
        size: 0,
    });
    let tmp = store.layer_tmp(&l.diff_id);
    if tmp.exists() {
        layer::remove_tree(&tmp)?;
    }
    let result = (|| -> Result<IngestedLayer, Error> {
        let diff = tmp.join("diff");
        store::create_dir_private(&tmp)?;
        store::create_dir_private(&diff)?;
        let mut buffered =
            BufReader::with_capacity(256 << 10, Box::new(&mut raw) as Box<dyn Read + Send>);
        let compression = compression_of(&mut buffered).map_err(serr)?;
        let decompressed = layer::decompress(&mut buffered, compression)?;
        let mut plain = DigestReader::new(decompressed);
        let split = tmp.join(tarsplit::FILE_NAME);
        let recorder = tarsplit::Recorder::new(
            &mut plain,
            tarsplit::record_to(&split).map_err(|source| Error::Io {
                action: "creating",
                path: split.clone(),
                source,
            })?,
        );
        let report = layer::unpack_recorded(
            &recorder,
            &diff,
            &UnpackOptions {
                rootless: opts.rootless,
            },
        )?;
        if !report.refused.is_empty() {
            reporter.event(PullEvent::Warning(format!(
                "{what}: refused {} unsafe entries: {}",
                report.refused.len(),
                report.refused.join(", ")
            )));
        }
        io::copy(&mut &recorder, &mut io::sink()).map_err(serr)?;
        recorder
            .finish()
            .and_then(zstd::stream::write::Encoder::finish)
            .map_err(|source| Error::Io {
                action: "writing",
                path: split.clone(),
                source,
            })?;
        let (diff_digest, size) = (plain.digest(), plain.bytes_read());
        drop(plain);
        io::copy(&mut buffered, &mut io::sink()).map_err(serr)?;
        drop(buffered);
        let digest = raw.digest();
        check_blob(digest.clone())?;
        if diff_digest != l.diff_id {
            return Err(Error::Invalid(format!(
                "{what}: its uncompressed content has digest {diff_digest}, but the config says {}: the archive is damaged",
                l.diff_id
            )));
        }
        store.commit_layer(
            &tmp,
            &LayerMeta {
                diff_id: l.diff_id.clone(),
                size,
                compressed_digest: (compression != Compression::None).then(|| digest.clone()),
            },
        )?;
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: false,
        });
        Ok(IngestedLayer {
            size,
            blob_size: raw.bytes_read(),
            digest,
            compression,
        })
    })();
    if result.is_err() {
        let _ = layer::remove_tree(&tmp);
    }
    result
}
