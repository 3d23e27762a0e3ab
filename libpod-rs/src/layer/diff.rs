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

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, FileStat, Mode};
use tar::{EntryType, Header};

use super::Error;
use crate::sys;

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

struct Writer<'a, W: Write> {
    tar: tar::Builder<W>,
    opts: &'a DiffOptions,
    links: HashMap<(u64, u64), PathBuf>,
    report: DiffReport,
    buf: Vec<u8>,
    /// Files as they are: no whiteout or opaque marks (`cp`, not a layer).
    plain: bool,
    /// One entry at a time: a directory without its contents and without
    /// an opaque mark (the caller walks a merged view).
    flat: bool,
}

/// Decides, for an entry of a full tree, whether it is written (vfs diffs).
type Filter<'f> = dyn Fn(&Path, &FileStat) -> bool + 'f;

impl<'a, W: Write> Writer<'a, W> {
    fn new(out: W, opts: &'a DiffOptions) -> Self {
        let mut tar = tar::Builder::new(out);
        tar.mode(tar::HeaderMode::Complete);
        Writer {
            tar,
            opts,
            links: HashMap::new(),
            report: DiffReport::default(),
            buf: vec![0; 1 << 20],
            plain: false,
            flat: false,
        }
    }

    fn finish(&mut self) -> Result<(), Error> {
        self.tar.finish().map_err(Error::Stream)
    }

    fn header(&self, kind: EntryType, st: &FileStat, size: u64) -> Header {
        let mut h = Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(st.st_mode & 0o7777);
        let (uid, gid) = self.opts.owners.apply(st.st_uid, st.st_gid);
        h.set_uid(uid.into());
        h.set_gid(gid.into());
        let mtime = self.opts.mtime.unwrap_or(st.st_mtime).max(0);
        h.set_mtime(u64::try_from(mtime).unwrap_or(0));
        h.set_size(size);
        h
    }

    /// Writes a PAX record block for the entry's xattrs, if it has any.
    fn pax(&mut self, rel: &Path, xattrs: &[(String, Vec<u8>)]) -> Result<(), Error> {
        if xattrs.is_empty() {
            return Ok(());
        }
        let mut data = Vec::new();
        for (k, v) in xattrs {
            let mut rec = Vec::new();
            rec.extend_from_slice(b" SCHILY.xattr.");
            rec.extend_from_slice(k.as_bytes());
            rec.push(b'=');
            rec.extend_from_slice(v);
            rec.push(b'\n');
            // The length counts its own digits.
            let mut len = rec.len() + 1;
            while len.to_string().len() + rec.len() != len {
                len = len.to_string().len() + rec.len();
            }
            data.extend_from_slice(len.to_string().as_bytes());
            data.extend_from_slice(&rec);
        }
        let mut h = Header::new_ustar();
        h.set_entry_type(EntryType::XHeader);
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        let name = format!("PaxHeaders/{}", rel.display());
        let short: String = name.chars().take(99).collect();
        h.set_path(&short).map_err(Error::Stream)?;
        h.set_cksum();
        self.tar.append(&h, &data[..]).map_err(Error::Stream)
    }

    fn xattrs(fd: BorrowedFd<'_>) -> Vec<(String, Vec<u8>)> {
        let mut names = sys::flistxattr(fd).unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter(|n| !is_overlay_xattr(n))
            .filter_map(|n| sys::fgetxattr(fd, &n).ok().map(|v| (n, v)))
            .collect()
    }

    fn whiteout(&mut self, rel: &Path, st: &FileStat) -> Result<(), Error> {
        let name = rel.file_name().unwrap_or_default();
        let mut wh = OsString::from(WHITEOUT_PREFIX);
        wh.push(name);
        let path = rel.with_file_name(wh);
        let mut h = self.header(EntryType::Regular, st, 0);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        self.tar
            .append_data(&mut h, &path, io::empty())
            .map_err(Error::Stream)?;
        self.report.entries += 1;
        self.report.whiteouts += 1;
        Ok(())
    }

    /// Writes the entries of the directory open at `dir` (`rel` in the
    /// layer), sorted by name, recursing into directories.
    fn dir_contents(
        &mut self,
        dir: BorrowedFd<'_>,
        rel: &Path,
        keep: &Filter<'_>,
    ) -> Result<(), Error> {
        let mut names = sys::fs::dir_names(dir).map_err(err("listing", rel))?;
        names.sort();
        for name in names {
            let child = rel.join(&name);
            self.entry(dir, &name, &child, keep)?;
        }
        Ok(())
    }

    fn entry(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &OsStr,
        rel: &Path,
        keep: &Filter<'_>,
    ) -> Result<(), Error> {
        let st = fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)
            .map_err(err("reading", rel))?;
        let fmt = st.st_mode & libc::S_IFMT;
        let wanted = keep(rel, &st);
        // Whiteout files of a fuse-overlayfs upper are written as they are.
        let is_dir = fmt == libc::S_IFDIR;
        if !wanted && !is_dir {
            return Ok(());
        }
        if !self.plain && fmt == libc::S_IFCHR && st.st_rdev == 0 {
            return self.whiteout(rel, &st);
        }
        match fmt {
            libc::S_IFDIR => {
                let fd = open_child(dir, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
                    .map_err(err("opening", rel))?;
                if wanted {
                    let mut names = sys::flistxattr(fd.as_fd()).unwrap_or_default();
                    let opaque = !self.plain
                        && !self.flat
                        && names.iter().any(|n| {
                            is_opaque_xattr(n)
                                && sys::fgetxattr(fd.as_fd(), n).is_ok_and(|v| v == b"y")
                        });
                    names.clear();
                    let xattrs = Self::xattrs(fd.as_fd());
                    self.pax(rel, &xattrs)?;
                    let mut h = self.header(EntryType::Directory, &st, 0);
                    let mut path = rel.as_os_str().to_os_string();
                    path.push("/");
                    self.tar
                        .append_data(&mut h, Path::new(&path), io::empty())
                        .map_err(Error::Stream)?;
                    self.report.entries += 1;
                    if opaque {
                        let mut h = self.header(EntryType::Regular, &st, 0);
                        h.set_mode(0o644);
                        self.tar
                            .append_data(&mut h, rel.join(OPAQUE_MARKER), io::empty())
                            .map_err(Error::Stream)?;
                        self.report.entries += 1;
                    }
                }
                if !self.flat {
                    self.dir_contents(fd.as_fd(), rel, keep)?;
                }
            }
            libc::S_IFREG => {
                if st.st_nlink > 1 {
                    let key = (st.st_dev, st.st_ino);
                    if let Some(first) = self.links.get(&key).cloned() {
                        let mut h = self.header(EntryType::Link, &st, 0);
                        self.tar
                            .append_link(&mut h, rel, &first)
                            .map_err(Error::Stream)?;
                        self.report.entries += 1;
                        return Ok(());
                    }
                    self.links.insert(key, rel.to_path_buf());
                }
                let fd = open_child(dir, name, OFlag::O_RDONLY).map_err(err("opening", rel))?;
                let xattrs = Self::xattrs(fd.as_fd());
                self.pax(rel, &xattrs)?;
                let file = File::from(fd);
                let size = u64::try_from(st.st_size).unwrap_or(0);
                let mut h = self.header(EntryType::Regular, &st, size);
                // Exactly the size in the header, whatever happens to the file meanwhile.
                let reader = PaddedReader {
                    inner: io::BufReader::with_capacity(self.buf.len(), file),
                    left: size,
                };
                self.tar
                    .append_data(&mut h, rel, reader)
                    .map_err(io_err("writing", rel))?;
                self.report.entries += 1;
            }
            libc::S_IFLNK => {
                let target = readlinkat(Some(dir.as_raw_fd()), name)
                    .map_err(err("reading the link", rel))?;
                let mut h = self.header(EntryType::Symlink, &st, 0);
                self.tar
                    .append_link(&mut h, rel, Path::new(&target))
                    .map_err(Error::Stream)?;
                self.report.entries += 1;
            }
            libc::S_IFCHR | libc::S_IFBLK | libc::S_IFIFO => {
                let kind = match fmt {
                    libc::S_IFCHR => EntryType::Char,
                    libc::S_IFBLK => EntryType::Block,
                    _ => EntryType::Fifo,
                };
                let mut h = self.header(kind, &st, 0);
                if kind != EntryType::Fifo {
                    let (major, minor) = (libc::major(st.st_rdev), libc::minor(st.st_rdev));
                    h.set_device_major(major).map_err(Error::Stream)?;
                    h.set_device_minor(minor).map_err(Error::Stream)?;
                }
                self.tar
                    .append_data(&mut h, rel, io::empty())
                    .map_err(Error::Stream)?;
                self.report.entries += 1;
            }
            _ => tracing::debug!("skipping socket {}", rel.display()),
        }
        Ok(())
    }
}

fn open_child(dir: BorrowedFd<'_>, name: &OsStr, flags: OFlag) -> Result<OwnedFd, Errno> {
    sys::fs::openat(dir, name, flags | OFlag::O_NOFOLLOW, Mode::empty())
}

/// Reads exactly `left` bytes: a file that shrank is padded with zeros,
/// one that grew is cut, so the stream always matches its headers.
struct PaddedReader<R> {
    inner: R,
    left: u64,
}

impl<R: io::Read> io::Read for PaddedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = match self.inner.read(&mut buf[..want])? {
            0 => {
                buf[..want].fill(0);
                want
            }
            n => n,
        };
        self.left -= n as u64;
        Ok(n)
    }
}

/// What a path holds in the layers below a vfs tree.
#[derive(Debug, Clone)]
struct Seen {
    /// Which of the scanned layers it comes from (not compared).
    layer: usize,
    fmt: u32,
    mode: u32,
    uid: u32,
    gid: u32,
    size: i64,
    mtime: (i64, i64),
    rdev: u64,
    link: Option<OsString>,
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
fn lower_view(layers: &[PathBuf]) -> Result<BTreeMap<PathBuf, Seen>, Error> {
    let mut view: BTreeMap<PathBuf, Seen> = BTreeMap::new();
    add_layers(&mut view, layers, 0)?;
    Ok(view)
}

/// Scans `layers` (bottom first) on top of `view`, numbering them from `first`.
fn add_layers(
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

fn remove_under(view: &mut BTreeMap<PathBuf, Seen>, path: &Path, itself: bool) {
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

fn scan_layer(
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

#[cfg(test)]
mod tests {
    use super::*;
    use fs_err::os::unix::fs::symlink;
    use std::io::Read;

    fn entries(tar: &[u8]) -> Vec<(String, EntryType, u32, u64, String)> {
        let mut a = tar::Archive::new(tar);
        a.entries()
            .unwrap()
            .map(|e| {
                let mut e = e.unwrap();
                let h = e.header().clone();
                let mut data = String::new();
                e.read_to_string(&mut data).unwrap();
                (
                    e.path().unwrap().display().to_string(),
                    h.entry_type(),
                    h.mode().unwrap(),
                    h.mtime().unwrap(),
                    data,
                )
            })
            .collect()
    }

    fn touch_all(dir: &Path, t: i64) {
        let ts = nix::sys::time::TimeSpec::new(t, 0);
        for e in walk(dir) {
            nix::sys::stat::utimensat(
                None,
                &e,
                &ts,
                &ts,
                nix::sys::stat::UtimensatFlags::NoFollowSymlink,
            )
            .unwrap();
        }
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = vec![dir.to_path_buf()];
        for e in fs_err::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if fs_err::symlink_metadata(&p).unwrap().is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn an_upper_dir_becomes_a_sorted_deterministic_stream() {
        let d = tempfile::tempdir().unwrap();
        let up = d.path().join("upper");
        fs_err::create_dir_all(up.join("etc/b")).unwrap();
        fs_err::write(up.join("etc/z.conf"), "z").unwrap();
        fs_err::write(up.join("etc/a.conf"), "a").unwrap();
        fs_err::write(up.join("top"), "t").unwrap();
        fs_err::hard_link(up.join("top"), up.join("etc/b/hard")).unwrap();
        symlink("../top", up.join("etc/link")).unwrap();
        touch_all(&up, 1_000_000);
        let opts = DiffOptions::default();
        let mut one = Vec::new();
        upper_to_tar(&up, &mut one, &opts).unwrap();
        let mut two = Vec::new();
        upper_to_tar(&up, &mut two, &opts).unwrap();
        assert_eq!(one, two, "two writes of one tree differ");
        let e = entries(&one);
        let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "etc/",
                "etc/a.conf",
                "etc/b/",
                "etc/b/hard",
                "etc/link",
                "etc/z.conf",
                "top"
            ]
        );
        assert_eq!(e[3].1, EntryType::Regular);
        assert_eq!(
            e[6].1,
            EntryType::Link,
            "the second name of a file is a hardlink"
        );
        assert_eq!(e[4].1, EntryType::Symlink);
        assert!(e.iter().all(|x| x.3 == 1_000_000));
        // A fixed time replaces them all.
        let mut fixed = Vec::new();
        upper_to_tar(
            &up,
            &mut fixed,
            &DiffOptions {
                mtime: Some(42),
                ..DiffOptions::default()
            },
        )
        .unwrap();
        assert!(entries(&fixed).iter().all(|x| x.3 == 42));
        // Mapped owners.
        let m = OwnerMap {
            uids: vec![(0, 1000, 1)],
            gids: vec![],
        };
        assert_eq!(m.apply(0, 0), (1000, 0));
        assert_eq!(m.apply(5, 5), (65534, 5));
    }

    #[test]
    fn squashed_layers_keep_the_top_of_each_path_and_whiteout_what_went() {
        if !nix::unistd::geteuid().is_root() {
            return; // 0/0 devices and trusted.* xattrs need root here (rootless is covered end to end)
        }
        let d = tempfile::tempdir().unwrap();
        let l = |n: &str| d.path().join(n);
        let wh = |p: &Path| {
            nix::sys::stat::mknod(p, nix::sys::stat::SFlag::S_IFCHR, Mode::empty(), 0).unwrap()
        };
        // base: a/x, a/y, keep, olddir/f, tofile/f
        for f in ["a/x", "a/y", "keep", "olddir/f", "tofile/f"] {
            let p = l("base").join(f);
            fs_err::create_dir_all(p.parent().unwrap()).unwrap();
            fs_err::write(&p, "base").unwrap();
        }
        // one: changes a/x, adds new, removes olddir, tofile becomes a file.
        fs_err::create_dir_all(l("one/a")).unwrap();
        fs_err::write(l("one/a/x"), "one").unwrap();
        fs_err::write(l("one/new"), "one").unwrap();
        fs_err::write(l("one/tofile"), "file").unwrap();
        wh(&l("one/olddir"));
        // two: changes new again, removes a/y, opaque dir op with a child.
        fs_err::create_dir_all(l("two/a")).unwrap();
        fs_err::write(l("two/new"), "two").unwrap();
        wh(&l("two/a/y"));
        fs_err::create_dir_all(l("two/op")).unwrap();
        fs_err::write(l("two/op/in"), "two").unwrap();
        let op = sys::open_dir(&l("two/op")).unwrap();
        sys::fsetxattr(op.as_fd(), "trusted.overlay.opaque", b"y").unwrap();

        let opts = DiffOptions::default();
        let mut out = Vec::new();
        let r = layers_to_tar(&[l("base")], &[l("one"), l("two")], &mut out, &opts).unwrap();
        assert_eq!(r.whiteouts, 2);
        let e = entries(&out);
        let got: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.4.as_str())).collect();
        assert!(got.contains(&("a/x", "one")), "{got:?}");
        assert!(got.contains(&("new", "two")), "{got:?}");
        assert!(got.contains(&("tofile", "file")), "{got:?}");
        assert!(got.contains(&("op/in", "two")), "{got:?}");
        assert!(got.contains(&("a/.wh.y", "")), "{got:?}");
        assert!(got.contains(&(".wh.olddir", "")), "{got:?}");
        // Unchanged, and no whiteout below what is now a file, no opaque mark.
        for absent in ["keep", "a/y", "tofile/.wh.f", "op/.wh..wh..opq"] {
            assert!(!got.iter().any(|(p, _)| *p == absent), "{absent}: {got:?}");
        }
        // Everything squashed: the merged tree, without any whiteout.
        let mut out = Vec::new();
        let r = layers_to_tar(&[], &[l("base"), l("one"), l("two")], &mut out, &opts).unwrap();
        assert_eq!(r.whiteouts, 0);
        let mut names: Vec<String> = entries(&out)
            .into_iter()
            .filter(|x| x.1 != EntryType::Directory)
            .map(|x| x.0)
            .collect();
        names.sort();
        assert_eq!(names, ["a/x", "keep", "new", "op/in", "tofile"]);
    }

    #[test]
    fn whiteouts_and_opaque_directories() {
        if !nix::unistd::geteuid().is_root() {
            return; // 0/0 devices and trusted.* xattrs need root here (rootless is covered end to end)
        }
        let d = tempfile::tempdir().unwrap();
        let up = d.path().join("upper");
        fs_err::create_dir_all(up.join("opq")).unwrap();
        fs_err::write(up.join("opq/new"), "n").unwrap();
        nix::sys::stat::mknod(
            &up.join("gone"),
            nix::sys::stat::SFlag::S_IFCHR,
            Mode::empty(),
            0,
        )
        .unwrap();
        let dir = sys::open_dir(&up.join("opq")).unwrap();
        sys::fsetxattr(dir.as_fd(), "trusted.overlay.opaque", b"y").unwrap();
        sys::fsetxattr(dir.as_fd(), "user.keep", b"v").unwrap();
        let mut out = Vec::new();
        let r = upper_to_tar(&up, &mut out, &DiffOptions::default()).unwrap();
        assert_eq!(r.whiteouts, 1);
        let e = entries(&out);
        let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec![".wh.gone", "opq/", "opq/.wh..wh..opq", "opq/new"]
        );
        // The xattr went into a PAX record, overlay's did not.
        let mut a = tar::Archive::new(&out[..]);
        let mut found = Vec::new();
        for e in a.entries().unwrap() {
            let mut e = e.unwrap();
            if let Ok(Some(exts)) = e.pax_extensions() {
                for x in exts {
                    found.push(x.unwrap().key().unwrap().to_string());
                }
            }
        }
        assert_eq!(found, vec!["SCHILY.xattr.user.keep"]);
        // The stream unpacks back into overlay's form.
        let back = d.path().join("back");
        fs_err::create_dir(&back).unwrap();
        super::super::unpack(
            &out[..],
            &back,
            &super::super::UnpackOptions { rootless: false },
        )
        .unwrap();
        assert_eq!(fs_err::read(back.join("opq/new")).unwrap(), b"n");
        assert_eq!(
            sys::lgetxattr(&back.join("opq"), "trusted.overlay.opaque").unwrap(),
            b"y"
        );
    }

    #[test]
    fn a_vfs_tree_is_compared_with_its_layers() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base");
        fs_err::create_dir_all(base.join("etc/sub")).unwrap();
        fs_err::create_dir_all(base.join("var/cache")).unwrap();
        fs_err::write(base.join("etc/keep"), "k").unwrap();
        fs_err::write(base.join("etc/change"), "old").unwrap();
        fs_err::write(base.join("etc/sub/x"), "x").unwrap();
        fs_err::write(base.join("var/cache/y"), "y").unwrap();
        touch_all(&base, 1_000_000);
        // The container's copy, then its changes.
        let tree = d.path().join("tree");
        let status = std::process::Command::new("cp")
            .arg("-a")
            .arg(&base)
            .arg(&tree)
            .status()
            .unwrap();
        assert!(status.success());
        fs_err::write(tree.join("etc/change"), "new!").unwrap();
        fs_err::remove_dir_all(tree.join("var/cache")).unwrap();
        fs_err::remove_file(tree.join("etc/sub/x")).unwrap();
        fs_err::write(tree.join("added"), "a").unwrap();
        let mut out = Vec::new();
        let r = tree_to_tar(
            std::slice::from_ref(&base),
            &tree,
            &mut out,
            &DiffOptions::default(),
        )
        .unwrap();
        let e = entries(&out);
        let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "etc/sub/.wh.x",
                "var/.wh.cache",
                "added",
                "etc/change",
                "etc/sub/",
                "var/"
            ]
        );
        assert_eq!(r.whiteouts, 2);
        assert_eq!(e[3].4, "new!");
    }

    #[test]
    fn changes_between_views_and_a_plain_archive() {
        let d = tempfile::tempdir().unwrap();
        let (low, up) = (d.path().join("low"), d.path().join("up"));
        fs_err::create_dir_all(low.join("etc/sub")).unwrap();
        fs_err::write(low.join("etc/passwd"), "root").unwrap();
        fs_err::write(low.join("etc/sub/x"), "x").unwrap();
        fs_err::write(low.join("keep"), "k").unwrap();
        touch_all(&low, 1_000);
        // The upper layer: a new file, a changed file, a removed tree
        // (an overlay whiteout needs privileges: a full tree stands in).
        fs_err::create_dir_all(up.join("etc")).unwrap();
        fs_err::write(up.join("etc/passwd"), "root:x").unwrap();
        fs_err::write(up.join("new"), "n").unwrap();
        fs_err::write(up.join("keep"), "k").unwrap();
        touch_all(&up, 1_000);
        let found = changes(std::slice::from_ref(&low), std::slice::from_ref(&up)).unwrap();
        let shown: Vec<(ChangeKind, String)> = found
            .into_iter()
            .map(|(k, p)| (k, p.display().to_string()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (ChangeKind::Changed, "etc/passwd".into()),
                (ChangeKind::Deleted, "etc/sub".into()),
                (ChangeKind::Added, "new".into()),
            ]
        );

        // path_to_tar: the top renamed, hard links kept, a 0/0-free tree.
        fs_err::hard_link(up.join("new"), up.join("new2")).unwrap();
        let mut tar = Vec::new();
        path_to_tar(&up, Path::new("x"), &mut tar, &DiffOptions::default()).unwrap();
        let mut a = tar::Archive::new(&tar[..]);
        let names: Vec<(String, EntryType)> = a
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().unwrap().display().to_string(),
                    e.header().entry_type(),
                )
            })
            .collect();
        assert_eq!(names[0], ("x/".into(), EntryType::Directory));
        assert!(
            names.contains(&("x/new".into(), EntryType::Regular)),
            "{names:?}"
        );
        assert!(
            names.contains(&("x/new2".into(), EntryType::Link)),
            "{names:?}"
        );
    }
}
