//! Layers made from changes: a directory holding only what changed (an
//! overlay upper directory, or the output of a COPY) or a full tree
//! compared with the layers below it (vfs) becomes a layer tar stream.
//!
//! The stream is deterministic: entries in byte order of their paths, a
//! directory before what it holds; no access or change times; user and
//! group names left empty; times as found unless a fixed time is asked
//! for. Overlay's marks become the layer format's: a 0/0 character device
//! is a whiteout `.wh.NAME`, an opaque directory (`*.overlay.opaque`, or
//! fuse-overlayfs' `user.fuseoverlayfs.opaque`) is followed by its
//! `.wh..wh..opq`; overlay's own xattrs are not written, other xattrs go
//! into PAX records. Run it where the owners read right: as root, or in
//! rpod's user namespace rootless; [`OwnerMap`] maps them further (a
//! container with its own id mapping).
//!
//! Everything under the directory is reached through directory
//! descriptors opened with `O_NOFOLLOW`: a container's symlinks are
//! written as symlinks, never followed.

use std::ffi::OsStr;
// from descriptors (or for flock): no path for fs_err to name
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::path::Path;

use nix::errno::Errno;

use super::Error;
use crate::sys;

mod compare;
mod writer;

pub use compare::{changes, layers_to_tar, tree_to_tar, ChangeKind};
use writer::{open_child, Writer};

/// Xattrs that are overlay's bookkeeping, never part of a layer.
fn is_overlay_xattr(name: &str) -> bool {
    name.starts_with("trusted.overlay.")
        || name.starts_with("user.overlay.")
        || name.starts_with("user.fuseoverlayfs.")
        || name == "security.selinux"
}

fn is_opaque_xattr(name: &str) -> bool {
    matches!(
        name,
        "trusted.overlay.opaque" | "user.overlay.opaque" | "user.fuseoverlayfs.opaque"
    )
}

/// Maps owners as read here to the owners written in the layer.
#[derive(Debug, Clone, Default)]
pub struct OwnerMap {
    /// (id here, id in the layer, count) ranges for users; empty: unchanged.
    pub uids: Vec<(u32, u32, u32)>,
    /// The same for groups.
    pub gids: Vec<(u32, u32, u32)>,
}

impl OwnerMap {
    fn map(ranges: &[(u32, u32, u32)], id: u32) -> u32 {
        if ranges.is_empty() {
            return id;
        }
        ranges
            .iter()
            .find(|(from, _, n)| id >= *from && id - from < *n)
            .map_or(65534, |(from, to, _)| to + (id - from))
    }

    fn apply(&self, uid: u32, gid: u32) -> (u32, u32) {
        (Self::map(&self.uids, uid), Self::map(&self.gids, gid))
    }
}

/// How to write a layer.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Every entry gets this modification time (seconds), when set.
    pub mtime: Option<i64>,
    /// No entry gets a modification time later than this (seconds), when set
    /// (`build --rewrite-timestamp`).
    pub clamp_mtime: Option<i64>,
    /// Owner translation.
    pub owners: OwnerMap,
}

/// What a diff wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffReport {
    /// Entries written (whiteouts included).
    pub entries: u64,
    /// Whiteouts written.
    pub whiteouts: u64,
}

/// The layer format's whiteout prefix.
pub const WHITEOUT_PREFIX: &str = ".wh.";
/// The layer format's opaque-directory marker.
pub const OPAQUE_MARKER: &str = ".wh..wh..opq";

fn err<'a>(action: &'static str, entry: &'a Path) -> impl FnOnce(Errno) -> Error + 'a {
    move |e| Error::Entry {
        action,
        entry: entry.display().to_string(),
        source: io::Error::from(e),
    }
}

fn io_err<'a>(action: &'static str, entry: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::Entry {
        action,
        entry: entry.display().to_string(),
        source,
    }
}

/// Writes the tar stream of the changes in `upper` (an overlay upper
/// directory, or any directory of new files) to `out`.
pub fn upper_to_tar<W: Write>(
    upper: &Path,
    out: W,
    opts: &DiffOptions,
) -> Result<DiffReport, Error> {
    let root = sys::open_dir(upper).map_err(err("opening", upper))?;
    let mut w = Writer::new(out, opts);
    w.dir_contents(root.as_fd(), Path::new(""), &|_, _| true)?;
    w.finish()?;
    Ok(w.report)
}

/// Writes `path` (a file, a symlink itself, or a directory with all it
/// holds) to `out` as a tar stream whose top entry is named `as_name`:
/// files as they are (a 0/0 character device stays one), hard links
/// within it as links, modes, owners, times and xattrs kept. `cp`'s
/// archive, not a layer.
pub fn path_to_tar<W: Write>(
    path: &Path,
    as_name: &Path,
    out: W,
    opts: &DiffOptions,
) -> Result<DiffReport, Error> {
    let (parent, name) = match (path.parent(), path.file_name()) {
        (Some(p), Some(n)) => (
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            },
            n,
        ),
        _ => (path, OsStr::new(".")),
    };
    let dir = sys::open_dir(parent).map_err(err("opening", parent))?;
    let mut w = Writer::new(out, opts);
    w.plain = true;
    w.entry(dir.as_fd(), name, as_name, &|_, _| true)?;
    w.finish()?;
    Ok(w.report)
}

#[cfg(test)]
mod tests;
