//! What goes wrong in `save`, `load`, `import` and `push` before (or
//! around) the archive and push modules' own work.

use std::io;
use std::path::PathBuf;

/// Errors of the engine's image files and pushes.
#[derive(Debug, thiserror::Error)]
pub enum ImageIoError {
    /// `save` without an image.
    #[error("give at least one image to save")]
    NoImages,
    /// `save --format oci-dir|docker-dir` to standard output.
    #[error("--format oci-dir and docker-dir write a directory: give it with -o")]
    DirNeedsOutput,
    /// `save -o DIR` where DIR holds files.
    #[error("{}: the directory exists and is not empty ({source}): remove it or choose another", .path.display())]
    DirNotEmpty {
        /// The directory.
        path: PathBuf,
        /// Why it could not be removed.
        source: io::Error,
    },
    /// The input of `load` or `import` cannot be found or read.
    #[error("stat {}: {}", .path.display(), strip_os_error(.error))]
    Stat {
        /// The input.
        path: PathBuf,
        /// Why (not a `source`: the message words it as podman does, and
        /// the CLI would add its own text again).
        error: io::Error,
    },
    /// An `http(s)://` input could not be fetched.
    #[error("fetching {url}: {source}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        source: Box<ureq::Error>,
    },
    /// Spooling the input filled the store's file system.
    #[error("reading {what}: the file system of the store ({}) is full: free space there or move the store with --root", .root.display())]
    StoreFull {
        /// The input.
        what: String,
        /// The store's root.
        root: PathBuf,
        /// The write error (`ENOSPC`; not a `source`: the message says it).
        error: io::Error,
    },
    /// `docker-archive:PATH:NAME` where the archive has no image NAME.
    #[error("{reference}: the archive has no image named {name}")]
    NoSuchImageInArchive {
        /// The reference as given.
        reference: String,
        /// The name asked for.
        name: String,
    },
    /// The child that loads an archive reference could not be run.
    #[error("loading {path}: {source}")]
    LoadChild {
        /// The archive.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// The child that loads an archive reference failed (its message: it
    /// comes from another process).
    #[error("{0}")]
    LoadInChild(String),
    /// `import` of a directory.
    #[error("{}: is a directory: import takes a tarball (make one with `tar -C DIR -cf FILE .`)", .0.display())]
    ImportDirectory(PathBuf),
    /// A `--change` that does not parse (the parser's message).
    #[error("{0}")]
    InvalidChange(String),
    /// `push --all-tags REPO` where REPO does not parse.
    #[error("{repo}: {source}")]
    InvalidRepository {
        /// The repository as given.
        repo: String,
        /// Why.
        source: crate::reference::Error,
    },
    /// `push --all-tags` of a reference with a tag or digest.
    #[error("tag can't be used with --all-tags/-a")]
    TagWithAllTags,
    /// `push --all-tags REPO` where no stored image has a tag in REPO.
    #[error("{0}: no tagged image of this repository is stored")]
    NoTaggedImage(String),
    /// `push IMAGE dir:` without a path.
    #[error("{0}: give the path to write after the transport (e.g. dir:/tmp/image)")]
    NoPushPath(String),
    /// `push IMAGE containers-storage:…`.
    #[error("push to the containers-storage: transport is not supported: the image is in rpod's store already")]
    PushToStorage,
    /// A push destination that does not parse.
    #[error("{dest}: {source}")]
    InvalidDestination {
        /// The destination as given.
        dest: String,
        /// Why.
        source: crate::reference::Error,
    },
    /// A push destination without a registry.
    #[error("{0}: push needs a destination with a registry (e.g. localhost:5000/{0})")]
    ShortDestination(String),
    /// The registries configuration gives no (non-mirror) registry to push to.
    #[error("{0}: no registry to push to")]
    NoRegistry(String),
    /// `--compression-level` out of the format's range.
    #[error(transparent)]
    CompressionLevel(#[from] crate::image::blobs::LevelOutOfRange),
}

/// An I/O error's text without Rust's ` (os error N)` suffix (podman's wording).
fn strip_os_error(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_podmans() {
        let e = ImageIoError::Stat {
            path: "/no/such".into(),
            error: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(e.to_string(), "stat /no/such: entity not found");
        let e = ImageIoError::Stat {
            path: "/no/such".into(),
            error: io::Error::from_raw_os_error(libc::ENOENT),
        };
        assert_eq!(e.to_string(), "stat /no/such: no such file or directory");
        assert_eq!(
            ImageIoError::ShortDestination("alpine".into()).to_string(),
            "alpine: push needs a destination with a registry (e.g. localhost:5000/alpine)"
        );
    }
}
