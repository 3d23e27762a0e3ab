//! Files rpod reads on the user's behalf (env files, seccomp profiles,
//! configuration and auth files, cidfiles, certificates, Quadlet units) and
//! files an image supplies (its `/etc/passwd`): every such read is bounded.
//!
//! A path the user types may name `/dev/zero`, a FIFO fed by `yes`, or a
//! multi-gigabyte log by mistake; an image may make `/etc/passwd` a symlink to
//! `/dev/zero`. Reading any of them whole would grow rpod without bound. So
//! each kind of file has a limit far above what a real one needs, and a file
//! that goes past it fails with an error naming the file, its kind and the
//! limit, without reading further than one byte past the limit.

use std::io::Read;
use std::path::{Path, PathBuf};

/// A kind of file, with the most rpod reads of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// What the file is, for messages ("env file").
    pub what: &'static str,
    /// The largest size accepted, in bytes.
    pub limit: u64,
}

/// `--env-file` files (a process's whole environment is limited to a few MiB by the kernel).
pub const ENV_FILE: Kind = Kind {
    what: "env file",
    limit: 4 << 20,
};
/// `--security-opt seccomp=PROFILE.json` (podman's default profile is about 20 KiB).
pub const SECCOMP_PROFILE: Kind = Kind {
    what: "seccomp profile",
    limit: 4 << 20,
};
/// containers.conf, registries.conf (and drop-ins), storage.conf, short-name-aliases.conf.
pub const CONFIG_FILE: Kind = Kind {
    what: "configuration file",
    limit: 4 << 20,
};
/// auth.json and Docker's config.json.
pub const AUTH_FILE: Kind = Kind {
    what: "auth file",
    limit: 4 << 20,
};
/// `--cidfile` files (a container ID and a newline).
pub const CIDFILE: Kind = Kind {
    what: "cidfile",
    limit: 64 << 10,
};
/// CA bundles, certs.d certificates and keys.
pub const CERTIFICATE: Kind = Kind {
    what: "certificate file",
    limit: 4 << 20,
};
/// Quadlet unit files (`.container`, `.volume`, ...).
pub const QUADLET_UNIT: Kind = Kind {
    what: "Quadlet unit file",
    limit: 4 << 20,
};
/// A text file inside an image (`/etc/passwd`, `/etc/group`).
pub const IMAGE_TEXT: Kind = Kind {
    what: "image file",
    limit: 16 << 20,
};

/// Why a bounded read failed; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Opening or reading failed.
    #[error("reading {what} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// The kind of file.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is larger than its kind allows (or never ends, as `/dev/zero`).
    #[error("{what} {path} is larger than {}, the most rpod reads of it: check that it names the file you meant", human(*.limit))]
    TooLarge {
        /// The kind of file.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A text file holds bytes that are not UTF-8.
    #[error("{what} {path} is not UTF-8 text: check that it names the file you meant")]
    NotText {
        /// The kind of file.
        what: &'static str,
        /// The file.
        path: PathBuf,
    },
}

impl Error {
    /// Whether the file does not exist (for callers where that is allowed).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// "4 MiB", "64 KiB", "100 bytes".
fn human(n: u64) -> String {
    if n >= 1 << 20 && n.trailing_zeros() >= 20 {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.trailing_zeros() >= 10 {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Reads all of `path`, failing past `kind.limit`.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    let file = fs_err::File::open(path).map_err(|source| Error::Io {
        what: kind.what,
        path: path.to_path_buf(),
        source,
    })?;
    read_from(file, path, kind)
}

/// Reads all of an open file (or pipe); `path` names it in errors.
pub fn read_from(reader: impl Read, path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(kind.limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            what: kind.what,
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > kind.limit {
        return Err(Error::TooLarge {
            what: kind.what,
            path: path.to_path_buf(),
            limit: kind.limit,
        });
    }
    Ok(bytes)
}

/// Reads all of `path` as UTF-8 text, failing past `kind.limit`.
pub fn read_string(path: &Path, kind: Kind) -> Result<String, Error> {
    text(read(path, kind)?, path, kind)
}

/// [`read_string`], `None` when the file does not exist (any other failure,
/// such as a symlink loop or a permission error, is an error).
pub fn read_string_if_exists(path: &Path, kind: Kind) -> Result<Option<String>, Error> {
    match read_string(path, kind) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Bytes as UTF-8 text, or [`Error::NotText`] naming the file.
pub fn text(bytes: Vec<u8>, path: &Path, kind: Kind) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|_| Error::NotText {
        what: kind.what,
        path: path.to_path_buf(),
    })
}

/// Whether `path` exists: `false` only when it (or a directory on the way)
/// is missing; a symlink loop or a permission error is an error, never
/// taken for "no file".
pub fn exists(path: &Path, kind: Kind) -> Result<bool, Error> {
    match fs_err::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(Error::Io {
            what: kind.what,
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Kind = Kind {
        what: "test file",
        limit: 10,
    };

    #[test]
    fn reads_up_to_the_limit_and_names_the_file_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs_err::write(&p, b"0123456789").unwrap();
        assert_eq!(read(&p, SMALL).unwrap(), b"0123456789");
        fs_err::write(&p, b"0123456789x").unwrap();
        let e = read(&p, SMALL).unwrap_err().to_string();
        assert!(
            e.contains("test file")
                && e.contains(&p.display().to_string())
                && e.contains("10 bytes"),
            "{e}"
        );
    }

    #[test]
    fn an_endless_device_fails_without_growing() {
        let e = read(Path::new("/dev/zero"), ENV_FILE).unwrap_err();
        assert!(
            matches!(e, Error::TooLarge { limit, .. } if limit == 4 << 20),
            "{e}"
        );
        assert!(e.to_string().contains("4 MiB"), "{e}");
    }

    #[test]
    fn missing_loops_and_non_text() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        assert_eq!(read_string_if_exists(&missing, SMALL).unwrap(), None);
        assert!(!exists(&missing, SMALL).unwrap());
        let a = dir.path().join("a");
        fs_err::os::unix::fs::symlink("b", &a).unwrap();
        fs_err::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let e = read_string_if_exists(&a, SMALL).unwrap_err().to_string();
        assert!(e.contains("symbolic links"), "{e}");
        assert!(exists(&a, SMALL).is_err());
        let bin = dir.path().join("bin");
        fs_err::write(&bin, [0xff, 0xfe]).unwrap();
        let e = read_string(&bin, SMALL).unwrap_err().to_string();
        assert!(e.contains("not UTF-8"), "{e}");
    }
}
