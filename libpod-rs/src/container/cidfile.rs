//! `--cidfile`: a file that holds a container's full ID, written by
//! `run`/`create` and read by `stop`, `rm`, `kill` (systemd units use it to
//! find the container they created), removed with the container.

use std::io::Write;
use std::path::Path;

/// Errors of cid files; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
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

/// Writes `id` to `path`, truncating a file already there (podman 4.4
/// and later: a systemd unit's restart finds its old file).
pub fn write(path: &Path, id: &str) -> Result<(), Error> {
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|source| Error::Io {
            op: "writing",
            path: path.display().to_string(),
            source,
        })?;
    f.write_all(id.as_bytes()).map_err(|source| Error::Io {
        op: "writing",
        path: path.display().to_string(),
        source,
    })
}

/// Removes `path` if it still holds `id` (the container it was written
/// for is removed, as podman removes it; a file another container has
/// written since stays).
pub fn remove_if_holds(path: &Path, id: &str) {
    if read(path).ok().flatten().as_deref() == Some(id) {
        let _ = fs_err::remove_file(path);
    }
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
        write(&p, "abcdef").unwrap();
        write(&p, "abc").unwrap();
        assert_eq!(read(&p).unwrap().as_deref(), Some("abc"));
        remove_if_holds(&p, "other");
        assert!(p.exists());
        remove_if_holds(&p, "abc");
        assert!(!p.exists());
    }
}
