//! Unpacking a layer's tar stream into a directory.
//!
//! Runs as real root (rootful) or as root of rpod's user namespace
//! (rootless), so `chown` gives entries their owners under the mapping; ids
//! outside the mapping are squashed to 0 and counted. Whiteouts become
//! overlay whiteouts: `.wh.NAME` a 0/0 character device, `.wh..wh..opq` the
//! `user.overlay.opaque` (rootless, mounted with `userxattr`) or
//! `trusted.overlay.opaque` xattr.
//!
//! Nothing is ever written outside `dest`: names are made relative and
//! `..` that would climb out is refused; every parent directory is opened
//! with `openat2(RESOLVE_IN_ROOT)` relative to `dest`, so symlinks planted by
//! the layer resolve inside it; files are created with `O_EXCL|O_NOFOLLOW`
//! in that directory; hardlink targets are resolved the same way.
//!
//! Directory handles are owned (`OwnedFd`, shared through `Rc` by the
//! parent cache) and lent as `BorrowedFd`: a handle cannot be closed while
//! an entry still uses it, so a descriptor number can never be reused under
//! a delete (with layers unpacked in parallel, another thread's directory
//! could get it). A path named twice in one layer is refused, as podman does.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{
    fchmod, fstatat, futimens, makedev, mkdirat, mknodat, utimensat, Mode, SFlag, UtimensatFlags,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchownat, linkat, mkfifoat, symlinkat, unlinkat, Gid, Uid, UnlinkatFlags};
use tar::EntryType;

use super::Error;
use crate::sys;

/// How to unpack.
#[derive(Debug, Clone, Copy)]
pub struct UnpackOptions {
    /// Rootless: opaque directories use `user.overlay.opaque` (overlay `userxattr`).
    pub rootless: bool,
}

/// What an unpack did besides writing entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnpackReport {
    /// Entries read.
    pub entries: u64,
    /// Entries whose owner is outside the mapping (written as 0:0).
    pub squashed_owners: u64,
    /// Device nodes that could not be created (rootless), skipped as podman does.
    pub skipped_devices: u64,
    /// Extended attributes the kernel refused.
    pub skipped_xattrs: u64,
    /// Entries refused as unsafe (`..` escapes, links out of the layer).
    pub refused: Vec<String>,
}

/// Makes an entry name relative to the layer root; `None` when `..` climbs out.
fn sanitize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    Some(out)
}

fn entry_err<'a>(action: &'static str, entry: &'a Path) -> impl FnOnce(Errno) -> Error + 'a {
    move |e| Error::Entry {
        action,
        entry: entry.display().to_string(),
        source: io::Error::from(e),
    }
}

/// Opens (creating missing levels, mode 0755) a directory inside the root.
fn ensure_dir(root: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, Errno> {
    let flags = OFlag::O_PATH | OFlag::O_DIRECTORY;
    match sys::open_in_root(root.as_fd(), rel, flags) {
        Err(Errno::ENOENT) => {
            let parent = ensure_dir(root, rel.parent().unwrap_or(Path::new("")))?;
            let name = rel.file_name().ok_or(Errno::EINVAL)?;
            match mkdirat(
                Some(parent.as_raw_fd()),
                name,
                Mode::from_bits_truncate(0o755),
            ) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err(e),
            }
            sys::open_in_root(root.as_fd(), rel, flags)
        }
        other => other,
    }
}

/// Removes whatever is at `name` in `dir` (a tree, recursively, without following links).
pub(crate) fn remove_at(dir: BorrowedFd<'_>, name: &OsStr) -> Result<(), Errno> {
    let st = match fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) {
        Ok(st) => st,
        Err(Errno::ENOENT) => return Ok(()),
        Err(e) => return Err(e),
    };
    if st.st_mode & libc::S_IFMT != libc::S_IFDIR {
        return unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::NoRemoveDir);
    }
    let child = sys::fs::openat(
        dir.as_fd(),
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    for grandchild in super::vfs::names(child.as_fd())? {
        remove_at(child.as_fd(), &grandchild)?;
    }
    drop(child);
    unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::RemoveDir)
}

struct Unpacker<'m> {
    root: OwnedFd,
    /// Told where regular files' contents are read (tar-split recording).
    marks: Option<&'m dyn super::tarsplit::Marks>,
    opts: UnpackOptions,
    report: UnpackReport,
    /// Directories whose mode and mtime are set last (after their contents).
    dirs: Vec<(PathBuf, u32, i64)>,
    /// The last parent directory opened, reused by consecutive regular
    /// files; shared so that clearing it never closes a handle in use.
    parent_cache: Option<(PathBuf, Rc<OwnedFd>)>,
    /// Every path seen so far, to refuse a layer that names one twice.
    seen: HashSet<PathBuf>,
    /// Copy buffer: large writes keep the syscall count low for big files.
    buf: Vec<u8>,
}

/// Copies an entry's data with one large buffer (io::copy uses 8 KiB).
fn copy_data(from: &mut impl Read, to: &mut File, buf: &mut [u8]) -> io::Result<()> {
    use std::io::Write;
    loop {
        // Fill as much of the buffer as the stream gives before each write.
        let mut filled = 0;
        while filled < buf.len() {
            match from.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if filled == 0 {
            return Ok(());
        }
        to.write_all(&buf[..filled])?;
        if filled < buf.len() {
            return Ok(());
        }
    }
}

impl Unpacker<'_> {
    /// The entry's parent directory, created if missing; `None` when it
    /// cannot exist inside the root (a symlink on the way points at nothing
    /// inside it, or at a non-directory): the entry is then refused.
    fn parent(&mut self, rel: &Path) -> Result<Option<Rc<OwnedFd>>, Error> {
        let parent = rel.parent().unwrap_or(Path::new("")).to_path_buf();
        if self.parent_cache.as_ref().is_none_or(|(p, _)| *p != parent) {
            match ensure_dir(self.root.as_fd(), &parent) {
                Ok(fd) => self.parent_cache = Some((parent, Rc::new(fd))),
                Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP | Errno::EXDEV) => {
                    self.report.refused.push(format!(
                        "{} (its directory resolves outside the layer)",
                        rel.display()
                    ));
                    return Ok(None);
                }
                Err(e) => return Err(entry_err("creating the parent directory of", rel)(e)),
            }
        }
        Ok(Some(Rc::clone(
            &self.parent_cache.as_ref().expect("set above").1,
        )))
    }

    fn chown(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &OsStr,
        uid: u32,
        gid: u32,
        rel: &Path,
    ) -> Result<(), Error> {
        let r = fchownat(
            Some(dir.as_raw_fd()),
            name,
            Some(Uid::from_raw(uid)),
            Some(Gid::from_raw(gid)),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        );
        match r {
            Ok(()) => Ok(()),
            Err(Errno::EINVAL) => {
                // The id is not mapped in this namespace: squash to root.
                self.report.squashed_owners += 1;
                fchownat(
                    Some(dir.as_raw_fd()),
                    name,
                    Some(Uid::from_raw(0)),
                    Some(Gid::from_raw(0)),
                    AtFlags::AT_SYMLINK_NOFOLLOW,
                )
                .map_err(entry_err("setting the owner of", rel))
            }
            Err(e) => Err(entry_err("setting the owner of", rel)(e)),
        }
    }

    fn xattrs(&mut self, fd: BorrowedFd<'_>, xattrs: &[(String, Vec<u8>)]) {
        for (name, value) in xattrs {
            if sys::fsetxattr(fd.as_fd(), name, value).is_err() {
                self.report.skipped_xattrs += 1;
            }
        }
    }

    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<(), Error> {
        let kind = entry.header().entry_type();
        if matches!(
            kind,
            EntryType::XHeader
                | EntryType::XGlobalHeader
                | EntryType::GNULongName
                | EntryType::GNULongLink
        ) {
            return Ok(());
        }
        self.report.entries += 1;
        let raw = entry.path().map_err(Error::Stream)?.into_owned();
        let Some(rel) = sanitize(&raw) else {
            self.report.refused.push(raw.display().to_string());
            return Ok(());
        };
        if !rel.as_os_str().is_empty() && !self.seen.insert(rel.clone()) {
            return Err(Error::DuplicatePath(rel.display().to_string()));
        }
        let header = entry.header().clone();
        let mode = header.mode().map_err(Error::Stream)? & 0o7777;
        let uid = u32::try_from(header.uid().map_err(Error::Stream)?).unwrap_or(0);
        let gid = u32::try_from(header.gid().map_err(Error::Stream)?).unwrap_or(0);
        let mtime = i64::try_from(header.mtime().map_err(Error::Stream)?).unwrap_or(0);
        let mut xattrs = Vec::new();
        if let Ok(Some(exts)) = entry.pax_extensions() {
            for ext in exts.flatten() {
                if let Ok(key) = ext.key() {
                    if let Some(name) = key.strip_prefix("SCHILY.xattr.") {
                        xattrs.push((name.to_string(), ext.value_bytes().to_vec()));
                    }
                }
            }
        }
        let Some(name) = rel.file_name().map(OsStr::to_os_string) else {
            // The layer's root directory itself ("./").
            if kind == EntryType::Directory {
                self.dirs.push((PathBuf::new(), mode, mtime));
            }
            return Ok(());
        };
        let name_str = name.to_string_lossy();

        // Whiteouts.
        if let Some(target) = name_str.strip_prefix(".wh.") {
            self.parent_cache = None;
            let Some(parent) = self.parent(&rel)? else {
                return Ok(());
            };
            let dir = parent.as_fd();
            if target == ".wh..opq" {
                let parent = rel.parent().unwrap_or(Path::new(""));
                let fd = sys::open_in_root(
                    self.root.as_fd(),
                    parent,
                    OFlag::O_RDONLY | OFlag::O_DIRECTORY,
                )
                .map_err(entry_err("opening the opaque directory", &rel))?;
                let key = if self.opts.rootless {
                    "user.overlay.opaque"
                } else {
                    "trusted.overlay.opaque"
                };
                sys::fsetxattr(fd.as_fd(), key, b"y").map_err(entry_err("marking opaque", &rel))?;
            } else {
                let target = OsStr::new(target);
                remove_at(dir, target).map_err(entry_err("removing for a whiteout", &rel))?;
                mknodat(Some(dir.as_raw_fd()), target, SFlag::S_IFCHR, Mode::empty(), makedev(0, 0)).map_err(|e| Error::Entry {
                    action: "creating the whiteout (a 0/0 character device; the kernel must allow it in user namespaces, Linux >= 5.11)",
                    entry: rel.display().to_string(),
                    source: io::Error::from(e),
                })?;
            }
            return Ok(());
        }

        if kind != EntryType::Regular && kind != EntryType::Continuous {
            self.parent_cache = None;
        }
        let Some(parent) = self.parent(&rel)? else {
            return Ok(());
        };
        let dir = parent.as_fd();
        let times = TimeSpec::new(mtime, 0);
        match kind {
            EntryType::Directory => {
                match mkdirat(
                    Some(dir.as_raw_fd()),
                    name.as_os_str(),
                    Mode::from_bits_truncate(0o700),
                ) {
                    Ok(()) => {}
                    Err(Errno::EEXIST) => {
                        match fstatat(
                            Some(dir.as_raw_fd()),
                            name.as_os_str(),
                            AtFlags::AT_SYMLINK_NOFOLLOW,
                        ) {
                            Ok(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {}
                            _ => {
                                unlinkat(
                                    Some(dir.as_raw_fd()),
                                    name.as_os_str(),
                                    UnlinkatFlags::NoRemoveDir,
                                )
                                .map_err(entry_err("replacing", &rel))?;
                                mkdirat(
                                    Some(dir.as_raw_fd()),
                                    name.as_os_str(),
                                    Mode::from_bits_truncate(0o700),
                                )
                                .map_err(entry_err("creating directory", &rel))?;
                            }
                        }
                    }
                    Err(e) => return Err(entry_err("creating directory", &rel)(e)),
                }
                self.chown(dir, &name, uid, gid, &rel)?;
                if !xattrs.is_empty() {
                    let fd = sys::fs::openat(
                        dir,
                        name.as_os_str(),
                        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                        Mode::empty(),
                    )
                    .map_err(entry_err("opening directory", &rel))?;
                    let file = File::from(fd);
                    self.xattrs(file.as_fd(), &xattrs);
                }
                self.dirs.push((rel.clone(), mode, mtime));
            }
            EntryType::Regular | EntryType::Continuous => {
                let create = |dir: BorrowedFd<'_>| {
                    sys::fs::openat(
                        dir,
                        name.as_os_str(),
                        OFlag::O_CREAT
                            | OFlag::O_EXCL
                            | OFlag::O_WRONLY
                            | OFlag::O_NOFOLLOW
                            | OFlag::O_CLOEXEC,
                        Mode::from_bits_truncate(0o600),
                    )
                };
                // Usually nothing is there yet: try first, replace on EEXIST.
                let fd = match create(dir) {
                    Err(Errno::EEXIST) => {
                        // `parent` keeps the directory open whatever the cache does.
                        remove_at(dir, &name).map_err(entry_err("replacing", &rel))?;
                        create(dir)
                    }
                    other => other,
                }
                .map_err(entry_err("creating file", &rel))?;
                let mut file = File::from(fd);
                if let Some(m) = self.marks {
                    m.begin_file(&rel);
                }
                let copied = copy_data(entry, &mut file, &mut self.buf);
                if let Some(m) = self.marks {
                    m.end_file();
                }
                copied.map_err(Error::Stream)?;
                match nix::unistd::fchown(
                    file.as_raw_fd(),
                    Some(Uid::from_raw(uid)),
                    Some(Gid::from_raw(gid)),
                ) {
                    Ok(()) => {}
                    Err(Errno::EINVAL) => self.report.squashed_owners += 1,
                    Err(e) => return Err(entry_err("setting the owner of", &rel)(e)),
                }
                fchmod(file.as_raw_fd(), Mode::from_bits_truncate(mode))
                    .map_err(entry_err("setting the mode of", &rel))?;
                self.xattrs(file.as_fd(), &xattrs);
                futimens(file.as_raw_fd(), &times, &times)
                    .map_err(entry_err("setting the time of", &rel))?;
            }
            EntryType::Symlink => {
                let target =
                    entry
                        .link_name()
                        .map_err(Error::Stream)?
                        .ok_or_else(|| Error::Entry {
                            action: "reading the target of",
                            entry: rel.display().to_string(),
                            source: io::Error::new(
                                io::ErrorKind::InvalidData,
                                "symlink without target",
                            ),
                        })?;
                remove_at(dir, &name).map_err(entry_err("replacing", &rel))?;
                symlinkat(target.as_ref(), Some(dir.as_raw_fd()), name.as_os_str())
                    .map_err(entry_err("creating symlink", &rel))?;
                self.chown(dir, &name, uid, gid, &rel)?;
                utimensat(
                    Some(dir.as_raw_fd()),
                    name.as_os_str(),
                    &times,
                    &times,
                    UtimensatFlags::NoFollowSymlink,
                )
                .map_err(entry_err("setting the time of", &rel))?;
            }
            EntryType::Link => {
                let target_raw = entry
                    .link_name()
                    .map_err(Error::Stream)?
                    .map(|t| t.into_owned())
                    .unwrap_or_default();
                let Some(target) = sanitize(&target_raw).filter(|t| !t.as_os_str().is_empty())
                else {
                    self.report.refused.push(format!(
                        "{} (hardlink to {})",
                        raw.display(),
                        target_raw.display()
                    ));
                    return Ok(());
                };
                if target == rel {
                    return Ok(());
                }
                let tfd = match sys::open_in_root(
                    self.root.as_fd(),
                    &target,
                    OFlag::O_PATH | OFlag::O_NOFOLLOW,
                ) {
                    Ok(fd) => fd,
                    Err(_) => {
                        self.report.refused.push(format!(
                            "{} (hardlink to missing {})",
                            raw.display(),
                            target_raw.display()
                        ));
                        return Ok(());
                    }
                };
                remove_at(dir, &name).map_err(entry_err("replacing", &rel))?;
                let proc_path = format!("/proc/self/fd/{}", tfd.as_raw_fd());
                match linkat(
                    None,
                    Path::new(&proc_path),
                    Some(dir.as_raw_fd()),
                    Path::new(&name),
                    AtFlags::AT_SYMLINK_FOLLOW,
                ) {
                    Ok(()) => {}
                    Err(Errno::EPERM) => {
                        self.report.refused.push(format!(
                            "{} (hardlink to a directory or special file {})",
                            raw.display(),
                            target_raw.display()
                        ));
                    }
                    Err(e) => return Err(entry_err("creating hardlink", &rel)(e)),
                }
            }
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                remove_at(dir, &name).map_err(entry_err("replacing", &rel))?;
                let created = if kind == EntryType::Fifo {
                    mkfifoat(
                        Some(dir.as_raw_fd()),
                        name.as_os_str(),
                        Mode::from_bits_truncate(mode),
                    )
                } else {
                    let major = header.device_major().ok().flatten().unwrap_or(0);
                    let minor = header.device_minor().ok().flatten().unwrap_or(0);
                    let sflag = if kind == EntryType::Char {
                        SFlag::S_IFCHR
                    } else {
                        SFlag::S_IFBLK
                    };
                    mknodat(
                        Some(dir.as_raw_fd()),
                        name.as_os_str(),
                        sflag,
                        Mode::from_bits_truncate(mode),
                        makedev(major.into(), minor.into()),
                    )
                };
                match created {
                    Ok(()) => {
                        self.chown(dir, &name, uid, gid, &rel)?;
                        let _ = nix::sys::stat::fchmodat(
                            Some(dir.as_raw_fd()),
                            name.as_os_str(),
                            Mode::from_bits_truncate(mode),
                            nix::sys::stat::FchmodatFlags::FollowSymlink,
                        );
                    }
                    Err(Errno::EPERM) => {
                        tracing::debug!(
                            "skipping device node {} (not permitted in a user namespace)",
                            rel.display()
                        );
                        self.report.skipped_devices += 1;
                    }
                    Err(e) => return Err(entry_err("creating device node", &rel)(e)),
                }
            }
            other => {
                tracing::debug!(
                    "skipping {} of unsupported tar type {:?}",
                    rel.display(),
                    other
                );
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Error> {
        self.parent_cache = None;
        for (rel, mode, mtime) in self.dirs.iter().rev() {
            let fd = sys::open_in_root(
                self.root.as_fd(),
                rel,
                OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
            )
            .map_err(entry_err("opening directory", rel))?;
            fchmod(fd.as_raw_fd(), Mode::from_bits_truncate(*mode))
                .map_err(entry_err("setting the mode of", rel))?;
            let t = TimeSpec::new(*mtime, 0);
            futimens(fd.as_raw_fd(), &t, &t).map_err(entry_err("setting the time of", rel))?;
        }
        Ok(())
    }
}

/// Unpacks the tar stream `tar` into the (existing, empty) directory `dest`.
pub fn unpack<R: Read>(tar: R, dest: &Path, opts: &UnpackOptions) -> Result<UnpackReport, Error> {
    unpack_with(tar, dest, opts, None)
}

/// [`unpack`] through a tar-split [`Recorder`](super::tarsplit::Recorder),
/// which is told where the files' contents are; read the rest of the
/// stream through it afterwards, then finish it.
pub fn unpack_recorded<R: Read, W: std::io::Write>(
    recorder: &super::tarsplit::Recorder<R, W>,
    dest: &Path,
    opts: &UnpackOptions,
) -> Result<UnpackReport, Error> {
    unpack_with(recorder, dest, opts, Some(recorder))
}

fn unpack_with<R: Read>(
    tar: R,
    dest: &Path,
    opts: &UnpackOptions,
    marks: Option<&dyn super::tarsplit::Marks>,
) -> Result<UnpackReport, Error> {
    let root = sys::open_dir(dest).map_err(|e| Error::Entry {
        action: "opening the layer directory",
        entry: dest.display().to_string(),
        source: io::Error::from(e),
    })?;
    let mut u = Unpacker {
        root,
        marks,
        opts: *opts,
        report: UnpackReport::default(),
        dirs: Vec::new(),
        parent_cache: None,
        seen: HashSet::new(),
        buf: vec![0; 1 << 20],
    };
    let mut archive = tar::Archive::new(tar);
    for entry in archive.entries().map_err(Error::Stream)? {
        let mut entry = entry.map_err(Error::Stream)?;
        u.entry(&mut entry)?;
    }
    u.finish()?;
    Ok(u.report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    /// A tar built entry by entry with the `tar` crate (raw names, so hostile ones too).
    struct T(tar::Builder<Vec<u8>>);

    impl T {
        fn new() -> T {
            T(tar::Builder::new(Vec::new()))
        }
        fn header(kind: EntryType, mode: u32, size: u64) -> tar::Header {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_mode(mode);
            h.set_size(size);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(1_000_000);
            h
        }
        fn raw_name(h: &mut tar::Header, name: &str) {
            let bytes = name.as_bytes();
            h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            h.set_cksum();
        }
        fn file(mut self, name: &str, data: &[u8], mode: u32) -> T {
            let mut h = Self::header(EntryType::Regular, mode, data.len() as u64);
            Self::raw_name(&mut h, name);
            self.0.append(&h, data).unwrap();
            self
        }
        fn dir(mut self, name: &str) -> T {
            let mut h = Self::header(EntryType::Directory, 0o755, 0);
            Self::raw_name(&mut h, name);
            self.0.append(&h, &[][..]).unwrap();
            self
        }
        fn link(mut self, kind: EntryType, name: &str, target: &str) -> T {
            let mut h = Self::header(kind, 0o777, 0);
            h.as_old_mut().linkname[..target.len()].copy_from_slice(target.as_bytes());
            Self::raw_name(&mut h, name);
            self.0.append(&h, &[][..]).unwrap();
            self
        }
        fn bytes(self) -> Vec<u8> {
            self.0.into_inner().unwrap()
        }
    }

    fn unpack_into(tar: &[u8]) -> (tempfile::TempDir, PathBuf, UnpackReport) {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("layer");
        fs_err::create_dir(&dest).unwrap();
        let report = unpack(tar, &dest, &UnpackOptions { rootless: false }).unwrap();
        (dir, dest, report)
    }

    #[test]
    fn files_dirs_links_and_modes() {
        let tar = T::new()
            .dir("etc/")
            .file("etc/passwd", b"root:x:0:0::/root:/bin/sh\n", 0o644)
            .file("bin/tool", b"#!", 0o4755)
            .link(EntryType::Symlink, "bin/sh", "tool")
            .link(EntryType::Link, "bin/tool2", "bin/tool")
            .bytes();
        let (_d, dest, report) = unpack_into(&tar);
        assert!(report.refused.is_empty(), "{report:?}");
        assert_eq!(
            fs_err::read(dest.join("etc/passwd")).unwrap(),
            b"root:x:0:0::/root:/bin/sh\n"
        );
        assert_eq!(
            fs_err::read_link(dest.join("bin/sh")).unwrap(),
            Path::new("tool")
        );
        let m = fs_err::metadata(dest.join("bin/tool")).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o4755);
        assert_eq!(m.nlink(), 2);
        assert_eq!(m.mtime(), 1_000_000);
        assert_eq!(
            fs_err::metadata(dest.join("etc"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o755
        );
    }

    #[test]
    fn hostile_entries_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs_err::create_dir(&outside).unwrap();
        fs_err::write(outside.join("victim"), b"original").unwrap();
        let out = outside.display().to_string();
        let tar = T::new()
            .file("../escape", b"x", 0o644)
            .file("a/../../escape2", b"x", 0o644)
            .file("/abs", b"inside", 0o644)
            .link(EntryType::Symlink, "evil", &out)
            .file("evil/planted", b"x", 0o644)
            .link(EntryType::Symlink, "up", "..")
            .file("up/through-up", b"inside", 0o644)
            .link(EntryType::Link, "hard", &format!("{out}/victim"))
            .link(EntryType::Link, "hard2", "../outside/victim")
            .file("ok", b"ok", 0o644)
            .bytes();
        let dest = dir.path().join("layer");
        fs_err::create_dir(&dest).unwrap();
        let report = unpack(&tar[..], &dest, &UnpackOptions { rootless: false }).unwrap();
        assert_eq!(
            fs_err::read_dir(&outside).unwrap().count(),
            1,
            "something was written outside"
        );
        assert_eq!(fs_err::read(outside.join("victim")).unwrap(), b"original");
        assert!(!dir.path().join("escape").exists() && !dir.path().join("escape2").exists());
        assert_eq!(fs_err::read(dest.join("abs")).unwrap(), b"inside");
        assert_eq!(fs_err::read(dest.join("through-up")).unwrap(), b"inside");
        assert_eq!(fs_err::read(dest.join("ok")).unwrap(), b"ok");
        assert!(
            report.refused.iter().any(|r| r.contains("escape")),
            "{report:?}"
        );
        assert!(!dest.join("hard2").exists());
    }

    #[test]
    fn whiteouts_and_opaque_dirs() {
        if !nix::unistd::geteuid().is_root() {
            return; // trusted.* xattrs and 0/0 devices need root (rootless is covered end to end)
        }
        let tar = T::new()
            .dir("d/")
            .file("d/.wh..wh..opq", b"", 0o644)
            .file(".wh.gone", b"", 0o644)
            .bytes();
        let (_d, dest, _r) = unpack_into(&tar);
        let m = fs_err::symlink_metadata(dest.join("gone")).unwrap();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(
            &m.file_type()
        ));
        assert_eq!(m.rdev(), 0);
        assert_eq!(
            sys::lgetxattr(&dest.join("d"), "trusted.overlay.opaque").unwrap(),
            b"y"
        );
    }

    #[test]
    fn duplicate_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for tar in [
            T::new()
                .file("etc/file", b"one", 0o644)
                .file("etc/file", b"two", 0o644)
                .bytes(),
            T::new()
                .dir("etc/")
                .file("x", b"", 0o644)
                .dir("./etc")
                .bytes(),
        ] {
            let dest = tempfile::tempdir_in(dir.path()).unwrap();
            let e = unpack(&tar[..], dest.path(), &UnpackOptions { rootless: false }).unwrap_err();
            assert!(
                matches!(&e, Error::DuplicatePath(p) if p == "etc/file" || p == "etc"),
                "{e}"
            );
            assert!(e.to_string().contains("as podman does"), "{e}");
        }
    }

    #[test]
    fn replacing_a_file_keeps_its_directory_open() {
        // `a` leads back to the root, so `a/b` names the file `b` already
        // written: the unpacker replaces it through the directory handle it
        // holds (it once closed that handle first: EBADF, or with parallel
        // unpacks another thread's directory under the same number).
        let tar = T::new()
            .file("b", b"one", 0o644)
            .link(EntryType::Symlink, "a", ".")
            .file("a/b", b"two", 0o600)
            .file("c", b"three", 0o644)
            .bytes();
        let (_d, dest, report) = unpack_into(&tar);
        assert!(report.refused.is_empty(), "{report:?}");
        assert_eq!(fs_err::read(dest.join("b")).unwrap(), b"two");
        assert_eq!(fs_err::read(dest.join("c")).unwrap(), b"three");
        let m = fs_err::metadata(dest.join("b")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn sanitize_names() {
        assert_eq!(sanitize(Path::new("/a/./b")), Some(PathBuf::from("a/b")));
        assert_eq!(sanitize(Path::new("a/../b")), Some(PathBuf::from("b")));
        assert_eq!(sanitize(Path::new("../x")), None);
        assert_eq!(sanitize(Path::new("a/../../x")), None);
    }
}
