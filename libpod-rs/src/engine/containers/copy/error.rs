//! What can go wrong in `cp` and `export`: each failure a variant a caller
//! can match, its text the one rpod has always printed (podman's where
//! podman has one).

use std::path::{Path, PathBuf};

use nix::errno::Errno;

/// An error of `cp` or `export`.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// A path in the container does not resolve (inside its root).
    #[error("\"{path}\" could not be found on container {container}: {}", io_text(*source))]
    NotFoundInContainer {
        /// The path as the user gave it.
        path: String,
        /// The container's name.
        container: String,
        /// Why it does not resolve.
        source: Errno,
    },
    /// The source on the host does not exist (or cannot be reached).
    #[error("\"{}\" could not be found on the host: {}", path.display(), lower(source))]
    NotFoundOnHost {
        /// The path as the user gave it.
        path: PathBuf,
        /// Why it cannot be resolved.
        source: std::io::Error,
    },
    /// A path (a container's root, a directory to unpack into, a mount
    /// point) cannot be opened.
    #[error("{}: {}", path.display(), io_text(*source))]
    Path {
        /// The path, in this process's view.
        path: PathBuf,
        /// Why.
        source: Errno,
    },
    /// A system call that sets up the copy failed (a pipe, a fork, a mount
    /// namespace, changing root).
    #[error("{step}: {source}")]
    System {
        /// What was being done.
        step: &'static str,
        /// The error.
        source: Errno,
    },
    /// A running container's namespace files cannot be opened.
    #[error("joining container {container}: {source}")]
    OpenNamespaces {
        /// The container's name.
        container: String,
        /// The error (it names the file).
        source: std::io::Error,
    },
    /// A running container's namespaces cannot be joined.
    #[error("joining container {container}: {source}")]
    JoinNamespaces {
        /// The container's name.
        container: String,
        /// The error.
        source: Errno,
    },
    /// A running container on fuse-overlayfs: its file system cannot be
    /// mounted a second time beside it.
    #[error(
        "container {container} is running on fuse-overlayfs: a second view of its file system \
         cannot be mounted beside it; stop it first"
    )]
    FuseRunning {
        /// The container's name.
        container: String,
    },
    /// The mount namespace fuse-overlayfs runs in was not kept open.
    #[error("no outer mount namespace")]
    NoOuterMountNamespace,
    /// fuse-overlayfs could not mount a stopped container's file system
    /// (the reason is the runtime's, which reports it as text).
    #[error("container {container}: {reason}")]
    FuseView {
        /// The container's name.
        container: String,
        /// Why, as the runtime says.
        reason: String,
    },
    /// The kernel's overlay could not mount a container's file system (the
    /// reason is the runtime's, which reports it as text).
    #[error("{reason}")]
    OverlayView {
        /// Why, as the runtime says.
        reason: String,
    },
    /// A volume or bind mount of a stopped container cannot be mounted
    /// into its file system for the copy.
    #[error("mounting {}: {source}", path.display())]
    Mount {
        /// The mount's destination in the container.
        path: PathBuf,
        /// The error.
        source: Errno,
    },
    /// The channel to a copy helper failed.
    #[error(transparent)]
    Channel(#[from] crate::sys::channel::Error),
    /// A copy helper (the process standing in the container's root)
    /// failed; what it reported.
    #[error(transparent)]
    Helper(HelperFailure),
    /// A copy helper ended without a report.
    #[error("the copy helper ended early: {status:?}")]
    HelperEnded {
        /// How it ended.
        status: Result<nix::sys::wait::WaitStatus, Errno>,
    },
    /// Writing a tree as a tar failed.
    #[error("archiving {}: {source}", path.display())]
    Archive {
        /// The tree, in this process's view.
        path: PathBuf,
        /// The error.
        source: crate::layer::Error,
    },
    /// Adding a file to an `export` archive failed.
    #[error("archiving {}: {source}", path.display())]
    Append {
        /// The file, in this process's view.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// Reading or writing the tar stream failed.
    #[error("{0}")]
    Stream(#[source] std::io::Error),
    /// A file on the host side (or the host's view of the container's
    /// files) could not be read, listed or removed.
    #[error("{0}")]
    File(#[source] std::io::Error),
    /// The input of `cp - CTR:PATH` could not be decompressed.
    #[error(transparent)]
    Decompress(crate::layer::Error),
    /// An archive entry whose path leads out of the destination.
    #[error("{dest}: archive entry {} leaves the destination", entry.display())]
    EntryOutside {
        /// The destination as the user gave it.
        dest: String,
        /// The entry's path.
        entry: PathBuf,
    },
    /// An archive entry that is not under the archive's top entry.
    #[error("{dest}: unexpected archive entry {}", entry.display())]
    UnexpectedEntry {
        /// The destination as the user gave it.
        dest: String,
        /// The entry's path.
        entry: PathBuf,
    },
    /// An archive entry's directory cannot be reached inside the
    /// destination (a symlink, not a directory ...).
    #[error("{dest}: {step} {}: {}", entry.display(), io_text(*source))]
    EntryParent {
        /// The destination as the user gave it.
        dest: String,
        /// `unpacking` or `linking`.
        step: &'static str,
        /// The entry, relative to the destination.
        entry: PathBuf,
        /// Why.
        source: Errno,
    },
    /// A hard link in the archive to the destination itself.
    #[error("{dest}: hard link to {}: the destination itself", entry.display())]
    HardLinkToTop {
        /// The destination as the user gave it.
        dest: String,
        /// The entry, relative to the destination.
        entry: PathBuf,
    },
    /// An archive entry could not be linked, replaced or given its owner.
    #[error("{dest}: {step} {}: {source}", entry.display())]
    EntryWrite {
        /// The destination as the user gave it.
        dest: String,
        /// `linking`, `replacing` or `chown`.
        step: &'static str,
        /// The entry, relative to the destination.
        entry: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// An archive entry could not be unpacked.
    #[error("{dest}: unpacking {}: {}", entry.display(), with_causes(source))]
    EntryUnpack {
        /// The destination as the user gave it.
        dest: String,
        /// The entry, relative to the destination.
        entry: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A destination on the host that names a directory (`PATH/`) is
    /// something else.
    #[error("{}: not a directory", path.display())]
    HostNotADirectory {
        /// The destination.
        path: PathBuf,
    },
    /// The directory a destination on the host would be made in is missing.
    #[error("{}: no such file or directory", path.display())]
    HostNoDirectory {
        /// The missing directory.
        path: PathBuf,
    },
    /// A destination with no name to give the copy (`..`, `/`).
    #[error("{}: not a valid destination", path.display())]
    InvalidDestination {
        /// The destination as the user gave it.
        path: PathBuf,
    },
    /// A name in the destination directory is taken by the other kind of
    /// file (podman's copier message).
    #[error(
        "copier: put: error creating \"{p}\": {call} {p}: file exists (use --overwrite)",
        p = path.display(),
        call = if *directory { "mkdir" } else { "creat" }
    )]
    NameTaken {
        /// The name, as the container (or host) sees it.
        path: PathBuf,
        /// Whether the copy is a directory.
        directory: bool,
    },
    /// A directory copied onto a file.
    #[error("destination must be a directory when copying a directory")]
    DirectoryOntoFile,
    /// A file replacing a directory (or the other way round) without
    /// `--overwrite`.
    #[error(
        "{}: cannot overwrite {} with {} (use --overwrite)",
        path.display(),
        if *directory { "directory" } else { "non-directory" },
        if *directory { "non-directory" } else { "directory" }
    )]
    CannotOverwrite {
        /// The destination as the user gave it.
        path: PathBuf,
        /// Whether what is there is a directory.
        directory: bool,
    },
    /// `cp - CTR:PATH` with a destination that is not a directory.
    #[error("destination must be a directory when copying from stdin")]
    StdinNeedsDirectory,
    /// `cp - CTR:PATH` with input that is not a tar archive.
    #[error("source must be a (compressed) tar archive when copying from stdin")]
    StdinNotTar,
}

impl CopyError {
    /// Whether this is a broken pipe: a writer whose reader went away (the
    /// reader's own error is the one to report).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            CopyError::Helper(h) => h.broken_pipe,
            e => chain_has_broken_pipe(e),
        }
    }
}

/// What a copy helper reported: its error's text (an error crosses the
/// process boundary as text) and whether it was a broken pipe.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct HelperFailure {
    /// The helper's error, as it would have printed it.
    pub message: String,
    /// Whether it failed writing to a reader that went away.
    pub broken_pipe: bool,
}

impl HelperFailure {
    /// The report of a helper that failed with `e`.
    pub(super) fn of(e: &crate::error::Error) -> HelperFailure {
        HelperFailure {
            message: e.to_string(),
            broken_pipe: match e {
                crate::error::Error::Copy(c) => c.is_broken_pipe(),
                e => chain_has_broken_pipe(e),
            },
        }
    }
}

/// Whether an I/O error with `EPIPE` is among `e`'s causes.
fn chain_has_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                if chain_has_broken_pipe(inner) {
                    return true;
                }
            }
        }
        if e.downcast_ref::<Errno>() == Some(&Errno::EPIPE) {
            return true;
        }
        next = e.source();
    }
    false
}

/// A [`CopyError::System`] for `step`.
pub(super) fn system(step: &'static str) -> impl Fn(Errno) -> CopyError {
    move |source| CopyError::System { step, source }
}

/// A [`CopyError::Path`] for `path`.
pub(super) fn at_path(path: &Path) -> impl FnOnce(Errno) -> CopyError + '_ {
    move |source| CopyError::Path {
        path: path.to_path_buf(),
        source,
    }
}

/// An error number's text as podman prints it: lower case, without
/// "(os error N)".
pub(super) fn io_text(e: Errno) -> String {
    std::io::Error::from_raw_os_error(e as i32)
        .to_string()
        .split(" (os error")
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

/// An I/O error's text as podman prints it ([`io_text`] when it has an
/// error number).
fn lower(e: &std::io::Error) -> String {
    crate::sys::os_code(e)
        .map(|n| io_text(Errno::from_raw(n)))
        .unwrap_or_else(|| e.to_string())
}

/// An error's text followed by its causes', `: ` between them.
fn with_causes(e: &std::io::Error) -> String {
    let mut text = e.to_string();
    let mut next = std::error::Error::source(e);
    while let Some(s) = next {
        text = format!("{text}: {s}");
        next = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_ones_users_know() {
        let e = CopyError::NotFoundInContainer {
            path: "/nope".into(),
            container: "web".into(),
            source: Errno::ENOENT,
        };
        assert_eq!(
            e.to_string(),
            "\"/nope\" could not be found on container web: no such file or directory"
        );
        let e = CopyError::CannotOverwrite {
            path: "/d".into(),
            directory: true,
        };
        assert_eq!(
            e.to_string(),
            "/d: cannot overwrite directory with non-directory (use --overwrite)"
        );
        let e = CopyError::NameTaken {
            path: "/a/b".into(),
            directory: false,
        };
        assert_eq!(
            e.to_string(),
            "copier: put: error creating \"/a/b\": creat /a/b: file exists (use --overwrite)"
        );
    }

    #[test]
    fn a_broken_pipe_is_recognised_through_its_causes() {
        let pipe = std::io::Error::from_raw_os_error(libc::EPIPE);
        let e = CopyError::Archive {
            path: "/x".into(),
            source: crate::layer::Error::Stream(pipe),
        };
        assert!(e.is_broken_pipe());
        let wrapped = std::io::Error::other(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(CopyError::Stream(wrapped).is_broken_pipe());
        assert!(!CopyError::StdinNotTar.is_broken_pipe());
        let via_helper = HelperFailure::of(&crate::error::Error::Copy(CopyError::Stream(
            std::io::Error::from_raw_os_error(libc::EPIPE),
        )));
        assert!(via_helper.broken_pipe);
        assert!(CopyError::Helper(via_helper).is_broken_pipe());
    }
}
