//! The vfs driver: a container's root file system as a full copy of its
//! image's unpacked layers, applied bottom to top with overlay's rules: a
//! 0/0 character device (whiteout) deletes what lower layers put at its
//! name; an opaque directory (`user.overlay.opaque` or
//! `trusted.overlay.opaque`) hides its lower contents; a directory over a
//! non-directory, or a non-directory over anything, replaces it.
//!
//! Run it as root of rpod's user namespace (rootless) or as root, so that
//! owners are copied as they are. Every step goes through directory
//! descriptors opened with `O_NOFOLLOW`, and names only ever address one
//! level: a symlink planted by a lower layer is replaced, never followed,
//! so nothing is written outside the destination. Overlay's own xattrs
//! are not copied.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{readlinkat, AtFlags, OFlag};
use nix::sys::stat::{
    fchmod, fchmodat, fstatat, futimens, makedev, mkdirat, mknodat, utimensat, FchmodatFlags, Mode,
    SFlag, UtimensatFlags,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchownat, linkat, mkfifoat, symlinkat, unlinkat, Gid, Uid, UnlinkatFlags};

use super::unpack::remove_at;
use super::Error;
use crate::sys;

/// The xattrs that mark an opaque directory in a layer.
const OPAQUE_XATTRS: &[&str] = &["user.overlay.opaque", "trusted.overlay.opaque"];

/// Copies `layers` (unpacked layer directories, bottom first) into `dest`
/// (an existing, empty directory), applying whiteouts and opaque
/// directories.
pub fn assemble(layers: &[PathBuf], dest: &Path) -> Result<(), Error> {
    let dst = sys::open_dir(dest).map_err(err("opening", dest))?;
    let mut c = Copier {
        links: HashMap::new(),
    };
    for layer in layers {
        let src = sys::open_dir(layer).map_err(err("opening the layer", layer))?;
        c.links.clear();
        c.copy_dir(src.as_fd(), dst.as_fd(), Path::new(""), dst.as_fd())
            .map_err(|(rel, e)| Error::Entry {
                action: "copying",
                entry: format!("{} from layer {}", rel.display(), layer.display()),
                source: io::Error::from(e),
            })?;
    }
    Ok(())
}

fn err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(Errno) -> Error + 'a {
    move |e| Error::Entry {
        action,
        entry: path.display().to_string(),
        source: io::Error::from(e),
    }
}

/// The error of one entry: its path in the layer and the errno.
type EntryResult<T> = Result<T, (PathBuf, Errno)>;

struct Copier {
    /// Files of the current layer with more than one link: (dev, ino) ->
    /// the path of their first copy, relative to the destination root.
    links: HashMap<(u64, u64), PathBuf>,
}

fn open_dir_at(dir: BorrowedFd<'_>, name: &OsStr) -> Result<OwnedFd, Errno> {
    sys::fs::openat(
        dir.as_fd(),
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
}

/// The names in a directory, without `.` and `..`.
pub(crate) fn names(dir: BorrowedFd<'_>) -> Result<Vec<OsString>, Errno> {
    let fd = open_dir_at(dir, OsStr::new("."))?;
    let mut d = nix::dir::Dir::from_fd(std::os::fd::IntoRawFd::into_raw_fd(fd))?;
    let mut out = Vec::new();
    for e in d.iter() {
        let e = e?;
        let n = e.file_name().to_bytes();
        if n != b"." && n != b".." {
            out.push(OsStr::from_bytes(n).to_os_string());
        }
    }
    Ok(out)
}

fn is_opaque(dir: BorrowedFd<'_>) -> bool {
    OPAQUE_XATTRS
        .iter()
        .any(|x| sys::fgetxattr(dir.as_fd(), x).is_ok_and(|v| v == b"y"))
}

/// Copies the extended attributes of `from` to `to` (open files), but overlay's.
fn copy_xattrs(from: BorrowedFd<'_>, to: BorrowedFd<'_>) {
    for name in sys::flistxattr(from.as_fd()).unwrap_or_default() {
        if name.starts_with("user.overlay.") || name.starts_with("trusted.overlay.") {
            continue;
        }
        if let Ok(value) = sys::fgetxattr(from.as_fd(), &name) {
            if let Err(e) = sys::fsetxattr(to.as_fd(), &name, &value) {
                tracing::debug!("not copying xattr {name}: {}", e.desc());
            }
        }
    }
}

fn times(st: &nix::sys::stat::FileStat) -> (TimeSpec, TimeSpec) {
    (
        TimeSpec::new(st.st_atime, st.st_atime_nsec),
        TimeSpec::new(st.st_mtime, st.st_mtime_nsec),
    )
}

impl Copier {
    /// Applies the contents of layer directory `src` onto destination
    /// directory `dst`; `rel` is their path (for errors and hardlinks).
    fn copy_dir(
        &mut self,
        src: BorrowedFd<'_>,
        dst: BorrowedFd<'_>,
        rel: &Path,
        root: BorrowedFd<'_>,
    ) -> EntryResult<()> {
        let at = |e: Errno| (rel.to_path_buf(), e);
        for name in names(src).map_err(at)? {
            let path = rel.join(&name);
            let at = |e: Errno| (path.clone(), e);
            let st = fstatat(
                Some(src.as_raw_fd()),
                name.as_os_str(),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            )
            .map_err(at)?;
            let kind = st.st_mode & libc::S_IFMT;
            if kind == libc::S_IFCHR && st.st_rdev == 0 {
                remove_at(dst, &name).map_err(at)?;
                continue;
            }
            if kind == libc::S_IFDIR {
                let existing = fstatat(
                    Some(dst.as_raw_fd()),
                    name.as_os_str(),
                    AtFlags::AT_SYMLINK_NOFOLLOW,
                );
                match existing {
                    Ok(d) if d.st_mode & libc::S_IFMT == libc::S_IFDIR => {}
                    Ok(_) => {
                        unlinkat(
                            Some(dst.as_raw_fd()),
                            name.as_os_str(),
                            UnlinkatFlags::NoRemoveDir,
                        )
                        .map_err(at)?;
                        mkdirat(
                            Some(dst.as_raw_fd()),
                            name.as_os_str(),
                            Mode::from_bits_truncate(0o700),
                        )
                        .map_err(at)?;
                    }
                    Err(Errno::ENOENT) => {
                        mkdirat(
                            Some(dst.as_raw_fd()),
                            name.as_os_str(),
                            Mode::from_bits_truncate(0o700),
                        )
                        .map_err(at)?;
                    }
                    Err(e) => return Err(at(e)),
                }
                let s = open_dir_at(src, &name).map_err(at)?;
                let d = open_dir_at(dst, &name).map_err(at)?;
                if is_opaque(s.as_fd()) {
                    for child in names(d.as_fd()).map_err(at)? {
                        remove_at(d.as_fd(), &child).map_err(at)?;
                    }
                }
                self.copy_dir(s.as_fd(), d.as_fd(), &path, root)?;
                nix::unistd::fchown(
                    d.as_raw_fd(),
                    Some(Uid::from_raw(st.st_uid)),
                    Some(Gid::from_raw(st.st_gid)),
                )
                .map_err(at)?;
                fchmod(d.as_raw_fd(), Mode::from_bits_truncate(st.st_mode & 0o7777)).map_err(at)?;
                copy_xattrs(s.as_fd(), d.as_fd());
                let (a, m) = times(&st);
                futimens(d.as_raw_fd(), &a, &m).map_err(at)?;
                continue;
            }
            remove_at(dst, &name).map_err(at)?;
            self.copy_entry(src, dst, &name, &path, &st, root)
                .map_err(at)?;
        }
        Ok(())
    }

    /// Copies one non-directory entry (the destination name is free).
    fn copy_entry(
        &mut self,
        src: BorrowedFd<'_>,
        dst: BorrowedFd<'_>,
        name: &OsStr,
        rel: &Path,
        st: &nix::sys::stat::FileStat,
        root: BorrowedFd<'_>,
    ) -> Result<(), Errno> {
        let kind = st.st_mode & libc::S_IFMT;
        let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
        let (a, m) = times(st);
        match kind {
            libc::S_IFREG => {
                let key = (st.st_dev, st.st_ino);
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&key) {
                        // resolves inside the destination whatever it holds
                        let f = sys::open_in_root(
                            root.as_fd(),
                            first,
                            OFlag::O_PATH | OFlag::O_NOFOLLOW,
                        )?;
                        let proc_path = format!("/proc/self/fd/{}", f.as_raw_fd());
                        return linkat(
                            None,
                            Path::new(&proc_path),
                            Some(dst.as_raw_fd()),
                            Path::new(name),
                            AtFlags::AT_SYMLINK_FOLLOW,
                        );
                    }
                    self.links.insert(key, rel.to_path_buf());
                }
                let from = sys::fs::openat(
                    src.as_fd(),
                    name,
                    OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )?;
                let to = sys::fs::openat(
                    dst.as_fd(),
                    name,
                    OFlag::O_CREAT
                        | OFlag::O_EXCL
                        | OFlag::O_WRONLY
                        | OFlag::O_NOFOLLOW
                        | OFlag::O_CLOEXEC,
                    Mode::from_bits_truncate(0o600),
                )?;
                let (mut from, mut to) = (File::from(from), File::from(to));
                // copy_file_range underneath: reflinks where the file system can.
                io::copy(&mut from, &mut to)
                    .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))?;
                nix::unistd::fchown(
                    to.as_raw_fd(),
                    Some(Uid::from_raw(st.st_uid)),
                    Some(Gid::from_raw(st.st_gid)),
                )?;
                fchmod(to.as_raw_fd(), mode)?;
                copy_xattrs(from.as_fd(), to.as_fd());
                futimens(to.as_raw_fd(), &a, &m)
            }
            libc::S_IFLNK => {
                let target = readlinkat(Some(src.as_raw_fd()), name)?;
                symlinkat(target.as_os_str(), Some(dst.as_raw_fd()), name)?;
                self.finish(dst, name, st, None)
            }
            libc::S_IFIFO => {
                mkfifoat(Some(dst.as_raw_fd()), name, mode)?;
                self.finish(dst, name, st, Some(mode))
            }
            libc::S_IFCHR | libc::S_IFBLK => {
                let sflag = if kind == libc::S_IFCHR {
                    SFlag::S_IFCHR
                } else {
                    SFlag::S_IFBLK
                };
                match mknodat(
                    Some(dst.as_raw_fd()),
                    name,
                    sflag,
                    mode,
                    makedev(
                        libc::major(st.st_rdev).into(),
                        libc::minor(st.st_rdev).into(),
                    ),
                ) {
                    Ok(()) => self.finish(dst, name, st, Some(mode)),
                    // As at unpack: device nodes cannot be made in a user namespace.
                    Err(Errno::EPERM) => Ok(()),
                    Err(e) => Err(e),
                }
            }
            _ => {
                tracing::debug!("not copying {} (a socket)", rel.display());
                Ok(())
            }
        }
    }

    /// Owner, mode (not for symlinks) and times of a new entry.
    fn finish(
        &self,
        dst: BorrowedFd<'_>,
        name: &OsStr,
        st: &nix::sys::stat::FileStat,
        mode: Option<Mode>,
    ) -> Result<(), Errno> {
        fchownat(
            Some(dst.as_raw_fd()),
            name,
            Some(Uid::from_raw(st.st_uid)),
            Some(Gid::from_raw(st.st_gid)),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )?;
        if let Some(mode) = mode {
            // Not a symlink: this entry was just made here.
            fchmodat(
                Some(dst.as_raw_fd()),
                name,
                mode,
                FchmodatFlags::FollowSymlink,
            )?;
        }
        let (a, m) = times(st);
        utimensat(
            Some(dst.as_raw_fd()),
            name,
            &a,
            &m,
            UtimensatFlags::NoFollowSymlink,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn layer(root: &Path, name: &str) -> PathBuf {
        let p = root.join(name);
        fs_err::create_dir_all(&p).unwrap();
        p
    }

    #[test]
    fn layers_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer(dir.path(), "l1");
        fs_err::create_dir_all(l1.join("etc")).unwrap();
        fs_err::write(l1.join("etc/passwd"), "root\n").unwrap();
        fs_err::write(l1.join("keep"), "1").unwrap();
        fs_err::write(l1.join("replace"), "old").unwrap();
        fs_err::create_dir_all(l1.join("dir/sub")).unwrap();
        fs_err::write(l1.join("dir/sub/f"), "x").unwrap();
        fs_err::os::unix::fs::symlink("/etc", l1.join("evil")).unwrap();
        fs_err::write(l1.join("a"), "A").unwrap();
        fs_err::hard_link(l1.join("a"), l1.join("b")).unwrap();
        fs_err::set_permissions(l1.join("etc"), std::fs::Permissions::from_mode(0o555)).unwrap();

        let l2 = layer(dir.path(), "l2");
        fs_err::write(l2.join("replace"), "new").unwrap();
        // A directory over a lower symlink replaces it; nothing goes through it.
        fs_err::create_dir_all(l2.join("evil")).unwrap();
        fs_err::write(l2.join("evil/planted"), "inside").unwrap();
        // A file over a lower directory replaces the whole tree.
        fs_err::write(l2.join("dir"), "now a file").unwrap();
        fs_err::create_dir_all(l2.join("etc")).unwrap();
        fs_err::write(l2.join("etc/group"), "root\n").unwrap();
        fs_err::set_permissions(l2.join("etc"), std::fs::Permissions::from_mode(0o755)).unwrap();

        let dest = layer(dir.path(), "dest");
        assemble(&[l1.clone(), l2.clone()], &dest).unwrap();
        let read = |p: &str| fs_err::read_to_string(dest.join(p)).unwrap();
        assert_eq!(read("keep"), "1");
        assert_eq!(read("replace"), "new");
        assert_eq!(read("etc/passwd"), "root\n");
        assert_eq!(read("etc/group"), "root\n");
        assert_eq!(read("dir"), "now a file");
        assert!(fs_err::symlink_metadata(dest.join("evil"))
            .unwrap()
            .is_dir());
        assert_eq!(read("evil/planted"), "inside");
        assert!(!Path::new("/etc/planted").exists());
        assert_eq!(
            fs_err::metadata(dest.join("etc"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o755
        );
        let (a, b) = (
            fs_err::metadata(dest.join("a")).unwrap(),
            fs_err::metadata(dest.join("b")).unwrap(),
        );
        assert_eq!(a.ino(), b.ino(), "hardlinks stay hardlinks");
        assert_eq!(
            fs_err::metadata(l1.join("a")).unwrap().mtime(),
            a.mtime(),
            "times are kept"
        );
    }

    #[test]
    fn whiteouts_and_opaque_dirs_apply() {
        if !nix::unistd::geteuid().is_root() {
            return; // 0/0 devices and trusted.* xattrs need root (rootless runs end to end)
        }
        let dir = tempfile::tempdir().unwrap();
        let l1 = layer(dir.path(), "l1");
        fs_err::create_dir_all(l1.join("wh/opaque")).unwrap();
        fs_err::write(l1.join("wh/gone"), "gone").unwrap();
        fs_err::write(l1.join("wh/kept"), "kept").unwrap();
        fs_err::write(l1.join("wh/opaque/old"), "old").unwrap();
        fs_err::create_dir_all(l1.join("tree/deep")).unwrap();
        let l2 = layer(dir.path(), "l2");
        fs_err::create_dir_all(l2.join("wh/opaque")).unwrap();
        fs_err::write(l2.join("wh/opaque/new"), "new").unwrap();
        nix::sys::stat::mknod(
            &l2.join("wh/gone"),
            SFlag::S_IFCHR,
            Mode::empty(),
            makedev(0, 0),
        )
        .unwrap();
        nix::sys::stat::mknod(
            &l2.join("tree"),
            SFlag::S_IFCHR,
            Mode::empty(),
            makedev(0, 0),
        )
        .unwrap();
        let fd = sys::open_dir(&l2.join("wh/opaque")).unwrap();
        sys::fsetxattr(fd.as_fd(), "trusted.overlay.opaque", b"y").unwrap();
        let dest = layer(dir.path(), "dest");
        assemble(&[l1, l2], &dest).unwrap();
        let mut names: Vec<_> = fs_err::read_dir(dest.join("wh"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["kept", "opaque"]);
        let opaque: Vec<_> = fs_err::read_dir(dest.join("wh/opaque"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(opaque, ["new"]);
        assert!(
            !dest.join("tree").exists(),
            "a whiteout removes a whole tree"
        );
        let fd = sys::open_dir(&dest.join("wh/opaque")).unwrap();
        assert!(
            sys::fgetxattr(fd.as_fd(), "trusted.overlay.opaque").is_err(),
            "overlay's xattrs are not copied"
        );
    }
}
