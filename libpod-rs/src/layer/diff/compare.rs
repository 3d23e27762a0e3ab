//! Full trees compared with the layers below them (vfs): the lower view
//! of what the layers hold, and what changed as a layer or a change list.

use std::collections::BTreeMap;
use std::ffi::OsString;
// from descriptors (or for flock): no path for fs_err to name
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::path::{Path, PathBuf};

use nix::fcntl::{readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, FileStat};

use super::{err, is_opaque_xattr, open_child, DiffOptions, DiffReport, Writer};
use crate::layer::Error;
use crate::sys;

/// What a path holds in the layers below a vfs tree.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    /// Which of the scanned layers it comes from (not compared).
    pub(super) layer: usize,
    pub(super) fmt: u32,
    pub(super) mode: u32,
    pub(super) uid: u32,
    pub(super) gid: u32,
    pub(super) size: i64,
    pub(super) mtime: (i64, i64),
    pub(super) rdev: u64,
    pub(super) link: Option<OsString>,
}

impl PartialEq for Seen {
    fn eq(&self, o: &Seen) -> bool {
        (
            self.fmt, self.mode, self.uid, self.gid, self.size, self.mtime, self.rdev,
        ) == (o.fmt, o.mode, o.uid, o.gid, o.size, o.mtime, o.rdev)
            && self.link == o.link
    }
}

impl Eq for Seen {}

impl Seen {
    fn of(st: &FileStat, link: Option<OsString>) -> Seen {
        Seen {
            layer: 0,
            fmt: st.st_mode & libc::S_IFMT,
            mode: st.st_mode & 0o7777,
            uid: st.st_uid,
            gid: st.st_gid,
            size: if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
                0
            } else {
                st.st_size
            },
            mtime: (st.st_mtime, st.st_mtime_nsec),
            rdev: st.st_rdev,
            link,
        }
    }
}

/// The merged view of unpacked layers (bottom first), as vfs copies them.
pub(super) fn lower_view(layers: &[PathBuf]) -> Result<BTreeMap<PathBuf, Seen>, Error> {
    let mut view: BTreeMap<PathBuf, Seen> = BTreeMap::new();
    add_layers(&mut view, layers, 0)?;
    Ok(view)
}

/// Scans `layers` (bottom first) on top of `view`, numbering them from `first`.
pub(super) fn add_layers(
    view: &mut BTreeMap<PathBuf, Seen>,
    layers: &[PathBuf],
    first: usize,
) -> Result<(), Error> {
    for (n, layer) in layers.iter().enumerate() {
        let root = sys::open_dir(layer).map_err(err("opening the layer", layer))?;
        scan_layer(root.as_fd(), Path::new(""), first + n, view)?;
    }
    Ok(())
}

pub(super) fn remove_under(view: &mut BTreeMap<PathBuf, Seen>, path: &Path, itself: bool) {
    let doomed: Vec<PathBuf> = view
        .range(path.to_path_buf()..)
        .take_while(|(p, _)| p.starts_with(path))
        .filter(|(p, _)| itself || p.as_path() != path)
        .map(|(p, _)| p.clone())
        .collect();
    for p in doomed {
        view.remove(&p);
    }
}

pub(super) fn scan_layer(
    dir: BorrowedFd<'_>,
    rel: &Path,
    layer: usize,
    view: &mut BTreeMap<PathBuf, Seen>,
) -> Result<(), Error> {
    let names = sys::fs::dir_names(dir).map_err(err("listing", rel))?;
    for name in names {
        let child = rel.join(&name);
        let st = fstatat(
            Some(dir.as_raw_fd()),
            name.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )
        .map_err(err("reading", &child))?;
        let fmt = st.st_mode & libc::S_IFMT;
        if fmt == libc::S_IFCHR && st.st_rdev == 0 {
            remove_under(view, &child, true);
            continue;
        }
        if fmt == libc::S_IFDIR {
            let sub = open_child(dir, &name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
                .map_err(err("opening", &child))?;
            let opaque = sys::flistxattr(sub.as_fd())
                .unwrap_or_default()
                .iter()
                .any(|n| is_opaque_xattr(n));
            if opaque || view.get(&child).is_some_and(|s| s.fmt != libc::S_IFDIR) {
                remove_under(view, &child, true);
            }
            view.insert(
                child.clone(),
                Seen {
                    layer,
                    ..Seen::of(&st, None)
                },
            );
            scan_layer(sub.as_fd(), &child, layer, view)?;
            continue;
        }
        remove_under(view, &child, true);
        let link = if fmt == libc::S_IFLNK {
            Some(
                readlinkat(Some(dir.as_raw_fd()), name.as_os_str())
                    .map_err(err("reading the link", &child))?,
            )
        } else {
            None
        };
        view.insert(
            child,
            Seen {
                layer,
                ..Seen::of(&st, link)
            },
        );
    }
    Ok(())
}

/// Writes the tar stream of how the full tree `tree` differs from the
/// unpacked `layers` below it (bottom first): new and changed entries
/// (type, mode, owner, size, mtime or link target differ), and whiteouts
/// for what is gone (one for a removed directory, not for its contents).
pub fn tree_to_tar<W: Write>(
    layers: &[PathBuf],
    tree: &Path,
    out: W,
    opts: &DiffOptions,
) -> Result<DiffReport, Error> {
    let lower = lower_view(layers)?;
    let root = sys::open_dir(tree).map_err(err("opening", tree))?;
    // What the tree has now, to find deletions.
    let mut now: BTreeMap<PathBuf, Seen> = BTreeMap::new();
    scan_layer(root.as_fd(), Path::new(""), 0, &mut now)?;
    let mut w = Writer::new(out, opts);
    // Deletions: a whiteout at the top of each removed subtree. Written
    // first, with the additions after them in path order.
    let mut gone: Vec<&PathBuf> = Vec::new();
    for path in lower.keys() {
        if now.contains_key(path) || gone.last().is_some_and(|g| path.starts_with(g)) {
            continue;
        }
        gone.push(path);
    }
    for path in gone {
        let st =
            fstatat(Some(root.as_raw_fd()), ".", AtFlags::empty()).map_err(err("reading", tree))?;
        w.whiteout(path, &st)?;
    }
    let keep = |rel: &Path, st: &FileStat| -> bool {
        let link = if st.st_mode & libc::S_IFMT == libc::S_IFLNK {
            fs_err::read_link(tree.join(rel))
                .ok()
                .map(PathBuf::into_os_string)
        } else {
            None
        };
        lower.get(rel) != Some(&Seen::of(st, link))
    };
    w.dir_contents(root.as_fd(), Path::new(""), &keep)?;
    w.finish()?;
    Ok(w.report)
}

/// Writes one layer's tar stream with the effect of `layers` (unpacked,
/// bottom first) on top of `base` (unpacked, bottom first; empty for a
/// layer that holds everything): `build --squash`. Each entry is taken
/// from the topmost layer that holds it; what `layers` removed from
/// `base` becomes a whiteout at the top of each removed subtree (none
/// below a path that is no longer a directory).
pub fn layers_to_tar<W: Write>(
    base: &[PathBuf],
    layers: &[PathBuf],
    out: W,
    opts: &DiffOptions,
) -> Result<DiffReport, Error> {
    let lower = lower_view(base)?;
    // The base is scanned once: the new layers go on top of a copy.
    let mut merged = lower.clone();
    add_layers(&mut merged, layers, base.len())?;
    let mut all = base.to_vec();
    all.extend_from_slice(layers);
    let roots = all
        .iter()
        .map(|l| sys::open_dir(l).map_err(err("opening the layer", l)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut w = Writer::new(out, opts);
    w.flat = true;
    let mut gone: Vec<&PathBuf> = Vec::new();
    for path in lower.keys() {
        if merged.contains_key(path) || gone.last().is_some_and(|g| path.starts_with(g)) {
            continue;
        }
        let under_non_dir = path
            .ancestors()
            .skip(1)
            .any(|a| merged.get(a).is_some_and(|s| s.fmt != libc::S_IFDIR));
        if !under_non_dir {
            gone.push(path);
        }
    }
    if !gone.is_empty() {
        let st = fstatat(Some(roots[0].as_raw_fd()), ".", AtFlags::empty())
            .map_err(err("reading", &all[0]))?;
        for path in gone {
            w.whiteout(path, &st)?;
        }
    }
    for (rel, seen) in &merged {
        if lower.get(rel) == Some(seen) {
            continue;
        }
        let root = &roots[seen.layer];
        let (parent, name) = match (rel.parent(), rel.file_name()) {
            (Some(p), Some(n)) if !p.as_os_str().is_empty() => (
                Some(
                    // The layer's own directory of it, resolved inside the
                    // layer (its content came from a container).
                    sys::fs::open_in_root(
                        root.as_fd(),
                        p,
                        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
                    )
                    .map_err(err("opening", p))?,
                ),
                n,
            ),
            (_, Some(n)) => (None, n),
            _ => continue,
        };
        let dir = parent.as_ref().map_or(root.as_fd(), AsFd::as_fd);
        w.entry(dir, name, rel, &|_, _| true)?;
    }
    w.finish()?;
    Ok(w.report)
}

/// How a path differs between two views of a file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ChangeKind {
    /// New in the second view.
    Added,
    /// In both, with another type, mode, owner, size, time or link target.
    Changed,
    /// Gone in the second view (only the top of a removed tree is listed).
    Deleted,
}

/// The paths (relative, sorted) that differ between the merged view of
/// `old` and that of `new` (unpacked layers, overlay upper directories or
/// full trees, each list bottom first). Run where the owners read right.
pub fn changes(old: &[PathBuf], new: &[PathBuf]) -> Result<Vec<(ChangeKind, PathBuf)>, Error> {
    let before = lower_view(old)?;
    let after = lower_view(new)?;
    let mut out = Vec::new();
    let mut gone: Option<&PathBuf> = None;
    for (path, seen) in &before {
        match after.get(path) {
            None => {
                if gone.is_some_and(|g| path.starts_with(g)) {
                    continue;
                }
                gone = Some(path);
                out.push((ChangeKind::Deleted, path.clone()));
            }
            Some(now) if now != seen => out.push((ChangeKind::Changed, path.clone())),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            out.push((ChangeKind::Added, path.clone()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}
