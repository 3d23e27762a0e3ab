//! Layers as tar streams: decompression (gzip, zstd, plain), gzip on
//! several cores (`pgzip`), unpacking into
//! a directory safely and with owners preserved under the id mapping, and
//! removing unpacked trees; the storage drivers that turn unpacked layers
//! into a container's root file system (`overlay`: how overlay is mounted;
//! `vfs`: a full copy), and a new container's root directories (`rootfs`).

pub mod diff;
pub mod overlay;
pub mod pgzip;
pub mod rootfs;
pub mod tarsplit;
pub mod unpack;
pub mod vfs;

use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use unpack::{unpack, unpack_recorded, UnpackOptions, UnpackReport};

/// Errors of layer handling; each names the entry or path.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the tar stream failed (corrupt or truncated data).
    #[error("reading the layer stream: {0}")]
    Stream(#[source] io::Error),
    /// An entry could not be written.
    #[error("{action} {entry}: {}", crate::sys::os_text(source))]
    Entry {
        /// What was being done.
        action: &'static str,
        /// The entry's path in the layer.
        entry: String,
        /// The error.
        source: io::Error,
    },
    /// The layer names one path twice (podman refuses such layers too: the
    /// entries would hide each other, and tools reading the tar would not
    /// agree on the content).
    #[error("{0}: the layer contains this path more than once; rpod refuses such layers, as podman does: rebuild the image")]
    DuplicatePath(String),
    /// The storage driver cannot be used (what failed and what to do).
    #[error("{0}")]
    Driver(String),
    /// A container's root file system could not be prepared.
    #[error("{action} {}: {message}", path.display())]
    Rootfs {
        /// What was being done.
        action: &'static str,
        /// The directory.
        path: PathBuf,
        /// Why it failed.
        message: String,
    },
    /// A tree could not be removed.
    #[error("removing {path}: {}", crate::sys::os_text(source))]
    Remove {
        /// The path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// A plain tar.
    None,
    /// gzip.
    Gzip,
    /// zstd.
    Zstd,
}

impl Compression {
    /// From a layer media type, when it says.
    pub fn from_media_type(media_type: &str) -> Option<Compression> {
        if media_type.ends_with("+zstd") || media_type.ends_with(".zstd") {
            Some(Compression::Zstd)
        } else if media_type.ends_with("+gzip")
            || media_type.ends_with(".gzip")
            || media_type.ends_with("tar.gzip")
            || media_type == "application/vnd.docker.image.rootfs.diff.tar.gzip"
        {
            Some(Compression::Gzip)
        } else if media_type.ends_with(".tar") || media_type.ends_with("layer.v1.tar") {
            Some(Compression::None)
        } else {
            None
        }
    }

    /// From the first bytes of the blob.
    pub fn sniff(magic: &[u8]) -> Compression {
        if magic.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Wraps `r` in the decompressor for `c`.
pub fn decompress<'a, R: Read + 'a>(r: R, c: Compression) -> Result<Box<dyn Read + 'a>, Error> {
    Ok(match c {
        Compression::None => Box::new(r),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(
            io::BufReader::with_capacity(256 << 10, r),
        )),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(r).map_err(Error::Stream)?),
    })
}

/// How an archive a user hands over (ADD, `load`, `import`) is
/// compressed: what layers use, and also xz and bzip2 (which podman's
/// `load` and BuildKit's ADD read too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveCompression {
    /// None, gzip or zstd.
    Layer(Compression),
    /// xz (`rootfs.tar.xz`).
    Xz,
    /// bzip2.
    Bzip2,
}

/// The magic of an xz stream.
const XZ_MAGIC: &[u8] = &[0xFD, b'7', b'z', b'X', b'Z', 0x00];

impl ArchiveCompression {
    /// From the first bytes of the archive.
    pub fn sniff(magic: &[u8]) -> ArchiveCompression {
        if magic.starts_with(XZ_MAGIC) {
            ArchiveCompression::Xz
        } else if magic.len() >= 4 && magic.starts_with(b"BZh") && (b'1'..=b'9').contains(&magic[3])
        {
            ArchiveCompression::Bzip2
        } else {
            ArchiveCompression::Layer(Compression::sniff(magic))
        }
    }

    /// Whether the archive is compressed at all.
    pub fn is_compressed(self) -> bool {
        self != ArchiveCompression::Layer(Compression::None)
    }
}

/// Wraps `r` in the decompressor for the archive compression `c`
/// (concatenated streams read as one, as the command-line tools do).
pub fn decompress_archive<'a, R: Read + 'a>(
    r: R,
    c: ArchiveCompression,
) -> Result<Box<dyn Read + 'a>, Error> {
    Ok(match c {
        ArchiveCompression::Layer(c) => decompress(r, c)?,
        ArchiveCompression::Xz => Box::new(xz2::read::XzDecoder::new_multi_decoder(
            io::BufReader::with_capacity(256 << 10, r),
        )),
        ArchiveCompression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(
            io::BufReader::with_capacity(256 << 10, r),
        )),
    })
}

/// Removes a tree, making read-only directories writable on the way; never follows symlinks.
pub fn remove_tree(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Remove { path: p, source }
    };
    let meta = match fs_err::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(err(path)(e)),
    };
    if !meta.is_dir() {
        return fs_err::remove_file(path).map_err(err(path));
    }
    if meta.permissions().mode() & 0o700 != 0o700 {
        fs_err::set_permissions(path, std::fs::Permissions::from_mode(0o700)).map_err(err(path))?;
    }
    match fs_err::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            // A read-only directory inside: fix modes one level down and retry.
            for entry in fs_err::read_dir(path).map_err(err(path))? {
                let entry = entry.map_err(err(path))?;
                remove_tree(&entry.path())?;
            }
            fs_err::remove_dir(path).map_err(err(path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn archives_of_every_compression_read_back() {
        let data = b"tar bytes, or anything".repeat(1000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&data).unwrap();
        let mut xz = xz2::write::XzEncoder::new(Vec::new(), 1);
        xz.write_all(&data).unwrap();
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        bz.write_all(&data).unwrap();
        for (packed, want) in [
            (data.clone(), ArchiveCompression::Layer(Compression::None)),
            (
                gz.finish().unwrap(),
                ArchiveCompression::Layer(Compression::Gzip),
            ),
            (
                zstd::encode_all(&data[..], 1).unwrap(),
                ArchiveCompression::Layer(Compression::Zstd),
            ),
            (xz.finish().unwrap(), ArchiveCompression::Xz),
            (bz.finish().unwrap(), ArchiveCompression::Bzip2),
        ] {
            let c = ArchiveCompression::sniff(&packed);
            assert_eq!(c, want);
            let mut back = Vec::new();
            decompress_archive(&packed[..], c)
                .unwrap()
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data, "{want:?}");
        }
        // "BZh" alone is not bzip2's magic.
        assert!(!ArchiveCompression::sniff(b"BZhello").is_compressed());
    }

    #[test]
    fn compression_from_media_type_and_magic() {
        assert_eq!(
            Compression::from_media_type("application/vnd.oci.image.layer.v1.tar+gzip"),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::from_media_type("application/vnd.oci.image.layer.v1.tar+zstd"),
            Some(Compression::Zstd)
        );
        assert_eq!(
            Compression::from_media_type("application/vnd.docker.image.rootfs.diff.tar.gzip"),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::from_media_type("application/vnd.oci.image.layer.v1.tar"),
            Some(Compression::None)
        );
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"ustar"), Compression::None);
    }

    #[test]
    fn decompresses_gzip_and_zstd() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"hello").unwrap();
        let gz = gz.finish().unwrap();
        let mut out = String::new();
        decompress(&gz[..], Compression::Gzip)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "hello");
        let zs = zstd::encode_all(&b"world"[..], 3).unwrap();
        let mut out = String::new();
        decompress(&zs[..], Compression::Zstd)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "world");
    }

    #[test]
    fn removes_read_only_trees() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("t");
        fs_err::create_dir_all(t.join("ro/sub")).unwrap();
        fs_err::write(t.join("ro/sub/f"), b"x").unwrap();
        fs_err::set_permissions(t.join("ro/sub"), std::fs::Permissions::from_mode(0o555)).unwrap();
        fs_err::set_permissions(t.join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
        remove_tree(&t).unwrap();
        assert!(!t.exists());
    }
}
