//! Layer blobs going out of the store (`save`, `push`): the exact
//! uncompressed tar of a stored layer, played back from its tar-split
//! record (or decompressed from the blob a commit or build kept), checked
//! against the diff id as it streams; and compressed copies of it.
//!
//! Reading unpacked layers needs their owners' rights: run these as root,
//! or in rpod's user namespace rootless.

use fs_err::File;
use std::io::{self, BufReader, Read, Write};
use std::path::PathBuf;

use sha2::{Digest as _, Sha256};

use super::LayerRef;
use crate::digest::{Digest, DigestReader};
use crate::layer::{self, tarsplit, Compression};
use crate::store::Store;

/// How a layer's bytes can be had.
#[derive(Debug)]
pub enum Source {
    /// A blob file in the store, as it is (its digest, size and compression).
    Stored {
        /// The file.
        path: PathBuf,
        /// Its digest.
        digest: Digest,
        /// Its size.
        size: u64,
        /// How it is compressed.
        compression: Compression,
    },
    /// The tar-split record of the unpacked layer.
    Split(PathBuf),
}

/// Why a stored layer cannot be given back.
pub fn unavailable(layer: &LayerRef) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!(
            "layer {} was stored by an older rpod that kept nothing to rebuild its tar stream from: remove the image and pull (or load) it again",
            layer.diff_id
        ),
    )
}

/// The ways the layer can be given back, best first: a stored blob with
/// the wanted compression, then the tar-split record, then any stored blob.
pub fn sources(store: &Store, layer: &LayerRef) -> Vec<Source> {
    let mut out = Vec::new();
    let mut digests = vec![layer.digest.clone()];
    if let Ok(Some(meta)) = store.layer_meta(&layer.diff_id) {
        if let Some(d) = meta.compressed_digest {
            if !digests.contains(&d) {
                digests.push(d);
            }
        }
    }
    for d in digests {
        let path = store.blob_path(&d);
        if let Ok(m) = fs_err::metadata(&path) {
            let mut magic = [0u8; 4];
            let n = File::open(&path)
                .and_then(|mut f| f.read(&mut magic))
                .unwrap_or(0);
            out.push(Source::Stored {
                path,
                digest: d,
                size: m.len(),
                compression: Compression::sniff(&magic[..n]),
            });
        }
    }
    let split = store.layer_dir(&layer.diff_id).join(tarsplit::FILE_NAME);
    if split.exists() {
        out.push(Source::Split(split));
    }
    out
}

/// A stored blob of the layer compressed as `wanted`, if there is one.
pub fn stored_as(store: &Store, layer: &LayerRef, wanted: Compression) -> Option<Source> {
    sources(store, layer)
        .into_iter()
        .find(|s| matches!(s, Source::Stored { compression, .. } if *compression == wanted))
}

/// A reader that fails at its end when what it read does not have the
/// expected digest: a damaged store never leaves as a valid-looking stream.
pub struct Verified<R> {
    inner: DigestReader<R>,
    expected: Digest,
    what: String,
}

impl<R: Read> Verified<R> {
    /// Checks `inner` against `expected`; `what` names it in the error.
    pub fn new(inner: R, expected: Digest, what: String) -> Self {
        Verified {
            inner: DigestReader::new(inner),
            expected,
            what,
        }
    }
}

impl<R: Read> Read for Verified<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            let actual = self.inner.digest();
            if actual != self.expected {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{}: its content has digest {actual}, not {}: the store is damaged; remove the image and pull it again",
                        self.what, self.expected
                    ),
                ));
            }
        }
        Ok(n)
    }
}

/// The layer's exact uncompressed tar stream, verified against its diff id.
pub fn open_tar(store: &Store, layer: &LayerRef) -> io::Result<Box<dyn Read + Send>> {
    let what = format!("layer {}", layer.diff_id);
    // The record is cheapest: no decompression.
    let mut all = sources(store, layer);
    all.sort_by_key(|s| !matches!(s, Source::Split(_)));
    let Some(source) = all.into_iter().next() else {
        return Err(unavailable(layer));
    };
    let plain: Box<dyn Read + Send> = match source {
        Source::Split(record) => Box::new(tarsplit::Assembler::open(
            &record,
            &store.layer_diff(&layer.diff_id),
        )?),
        Source::Stored {
            path, compression, ..
        } => {
            let file = BufReader::with_capacity(1 << 20, File::open(&path)?);
            match compression {
                Compression::None => Box::new(file),
                Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
                Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
            }
        }
    };
    Ok(Box::new(Verified::new(plain, layer.diff_id.clone(), what)))
}

/// Counts and hashes what is written through it.
pub struct HashWriter<W> {
    inner: W,
    hash: Sha256,
    written: u64,
}

impl<W: Write> HashWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        HashWriter {
            inner,
            hash: Sha256::new(),
            written: 0,
        }
    }

    /// The digest and size of what was written, and the writer.
    pub fn finish(self) -> (Digest, u64, W) {
        (
            Digest::from_sha256(self.hash.finalize().into()),
            self.written,
            self.inner,
        )
    }
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

/// The compression level rpod writes gzip layers with: zlib's default, as
/// podman's (a registry sees the same sizes).
pub const GZIP_LEVEL: u32 = 6;
/// The zstd level rpod writes zstd layers with (podman's default, 3).
pub const ZSTD_LEVEL: i32 = 3;

/// Copies `from` into `to` compressed as `c`; returns the digest and size
/// of what was written.
pub fn compress<W: Write>(from: &mut dyn Read, c: Compression, to: W) -> io::Result<(Digest, u64)> {
    compress_at(from, c, None, to)
}

/// Whether `level` is one `c` takes (`--compression-level`: gzip 1 to 9,
/// zstd 1 to 20, as containers/image accepts them); the error says which.
pub fn check_level(c: Compression, level: i32) -> Result<(), LevelOutOfRange> {
    let (format, range) = match c {
        Compression::Gzip => ("gzip", 1..=9),
        Compression::Zstd => ("zstd", 1..=20),
        Compression::None => return Ok(()),
    };
    if range.contains(&level) {
        Ok(())
    } else {
        Err(LevelOutOfRange {
            level,
            format,
            min: *range.start(),
            max: *range.end(),
        })
    }
}

/// A `--compression-level` outside the format's range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--compression-level {level}: {format} takes a level from {min} to {max}")]
pub struct LevelOutOfRange {
    /// The level given.
    pub level: i32,
    /// The compression format (`gzip`, `zstd`).
    pub format: &'static str,
    /// The lowest level it takes.
    pub min: i32,
    /// The highest.
    pub max: i32,
}

/// [`compress`] at `level` (gzip 1 to 9, zstd 1 to 20; rpod's default when
/// `None`).
pub fn compress_at<W: Write>(
    from: &mut dyn Read,
    c: Compression,
    level: Option<i32>,
    to: W,
) -> io::Result<(Digest, u64)> {
    let mut hw = HashWriter::new(io::BufWriter::with_capacity(1 << 20, to));
    match c {
        Compression::Gzip => {
            let level = level
                .and_then(|l| u32::try_from(l).ok())
                .unwrap_or(GZIP_LEVEL);
            layer::pgzip::compress(from, &mut hw, level, layer::pgzip::default_threads())?;
        }
        Compression::Zstd => {
            let mut z = zstd::stream::write::Encoder::new(&mut hw, level.unwrap_or(ZSTD_LEVEL))?;
            copy(from, &mut z)?;
            z.finish()?;
        }
        Compression::None => {
            copy(from, &mut hw)?;
        }
    }
    hw.flush()?;
    let (digest, size, _) = hw.finish();
    Ok((digest, size))
}

/// `io::copy` with a large buffer (files of layers are often big).
pub fn copy(from: &mut dyn Read, to: &mut dyn Write) -> io::Result<u64> {
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// The layer media type of `format` (`oci` or docker schema 2) for a blob compressed as `c`.
pub fn layer_media_type(oci: bool, c: Compression) -> &'static str {
    match (oci, c) {
        (true, Compression::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (true, Compression::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (true, Compression::None) => "application/vnd.oci.image.layer.v1.tar",
        (false, Compression::None) => "application/vnd.docker.image.rootfs.diff.tar",
        // Schema 2 has no zstd type; containers/image writes this one too.
        (false, _) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
    }
}

/// Decompresses a blob read from `r` whose compression is `c` (sniffed when `None`).
pub fn decompressed<'a>(
    r: impl Read + 'a,
    c: Option<Compression>,
) -> io::Result<Box<dyn Read + 'a>> {
    let mut buffered = BufReader::with_capacity(256 << 10, r);
    let c = match c {
        Some(c) => layer::ArchiveCompression::Layer(c),
        None => layer::ArchiveCompression::sniff(io::BufRead::fill_buf(&mut buffered)?),
    };
    layer::decompress_archive(buffered, c).map_err(|e| io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_out_of_range_is_typed() {
        assert!(check_level(Compression::Gzip, 9).is_ok());
        let e = check_level(Compression::Zstd, 21).unwrap_err();
        assert_eq!((e.format, e.min, e.max), ("zstd", 1, 20));
        assert_eq!(
            e.to_string(),
            "--compression-level 21: zstd takes a level from 1 to 20"
        );
    }

    #[test]
    fn a_verified_reader_fails_at_its_end_on_a_mismatch() {
        let mut ok = Verified::new(&b"abc"[..], Digest::sha256_of(b"abc"), "x".into());
        let mut out = Vec::new();
        ok.read_to_end(&mut out).unwrap();
        let mut bad = Verified::new(&b"abd"[..], Digest::sha256_of(b"abc"), "layer y".into());
        let err = bad.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("layer y"), "{err}");
    }

    #[test]
    fn compressed_copies_decompress_back() {
        for c in [Compression::Gzip, Compression::Zstd, Compression::None] {
            let data = vec![42u8; 100_000];
            let mut out = Vec::new();
            let (d, n) = compress(&mut &data[..], c, &mut out).unwrap();
            assert_eq!(d, Digest::sha256_of(&out));
            assert_eq!(n, out.len() as u64);
            let mut back = Vec::new();
            decompressed(&out[..], None)
                .unwrap()
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }
}
