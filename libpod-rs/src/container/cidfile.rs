//! `--cidfile`: a file that holds a container's full ID, written by
//! `run`/`create` and read by `stop`, `rm`, `kill` (systemd units use it to
//! find the container they created).

use std::io::Write;
use std::path::Path;

/// Errors of cid files; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file exists already (another container's, or a stale one).
    #[error("--cidfile {0}: the file exists; remove it or choose another")]
    Exists(String),
    /// Reading or writing failed.
    #[error("{op} --cidfile {path}: {}", crate::sys::os_text(source))]
    Io {
        /// "reading" or "writing".
        op: &'static str,
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is too large or not text.
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
}

/// Fails when `path` exists: `run --cidfile` refuses to overwrite one.
pub fn ensure_free(path: &Path) -> Result<(), Error> {
    if fs_err::symlink_metadata(path).is_ok() {
        return Err(Error::Exists(path.display().to_string()));
    }
    Ok(())
}

/// Writes `id` to a new file at `path` (never over an existing one: two
/// units given the same file cannot both claim it).
pub fn write(path: &Path, id: &str) -> Result<(), Error> {
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.display().to_string()),
            _ => Error::Io {
                op: "writing",
                path: path.display().to_string(),
                source,
            },
        })?;
    f.write_all(id.as_bytes()).map_err(|source| Error::Io {
        op: "writing",
        path: path.display().to_string(),
        source,
    })
}

/// The ID in `path`; `None` when the file does not exist.
pub fn read(path: &Path) -> Result<Option<String>, Error> {
    use crate::userfile::{self, CIDFILE};
    Ok(userfile::read_string_if_exists(path, CIDFILE)?.map(|s| s.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_once_read_back() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("cid");
        assert_eq!(read(&p).unwrap(), None);
        ensure_free(&p).unwrap();
        write(&p, "abc").unwrap();
        assert!(matches!(ensure_free(&p), Err(Error::Exists(_))));
        assert!(matches!(write(&p, "def"), Err(Error::Exists(_))));
        assert_eq!(read(&p).unwrap().as_deref(), Some("abc"));
    }
}
