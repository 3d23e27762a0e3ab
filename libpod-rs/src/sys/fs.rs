//! Files: opening by descriptor (every open returns an [`OwnedFd`], made
//! close-on-exec), path resolution confined to a root directory (openat2
//! `RESOLVE_IN_ROOT`, with the walk of `root.rs` as its fallback),
//! extended attributes and pipes.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;
use rustix::path::Arg;

use super::errno;
use super::root::{self, Create, Links};

static NO_OPENAT2: AtomicBool = AtomicBool::new(false);

/// Forces the fallback resolver, as on kernels without openat2 (tests, `RPOD_NO_OPENAT2=1`).
pub fn disable_openat2(disabled: bool) {
    NO_OPENAT2.store(disabled, Ordering::Relaxed);
}

pub(crate) fn openat2_disabled() -> bool {
    NO_OPENAT2.load(Ordering::Relaxed) || std::env::var_os("RPOD_NO_OPENAT2").is_some()
}

fn rflags(flags: OFlag) -> rustix::fs::OFlags {
    rustix::fs::OFlags::from_bits_retain((flags | OFlag::O_CLOEXEC).bits() as u32)
}

/// Opens `path` (close-on-exec), as open(2).
pub fn open<P: Arg>(path: P, flags: OFlag, mode: Mode) -> Result<OwnedFd, Errno> {
    rustix::fs::open(
        path,
        rflags(flags),
        rustix::fs::Mode::from_raw_mode(mode.bits()),
    )
    .map_err(errno)
}

/// Opens `path` relative to the directory open at `dir` (close-on-exec),
/// as openat(2).
pub fn openat<P: Arg>(
    dir: BorrowedFd<'_>,
    path: P,
    flags: OFlag,
    mode: Mode,
) -> Result<OwnedFd, Errno> {
    rustix::fs::openat(
        dir,
        path,
        rflags(flags),
        rustix::fs::Mode::from_raw_mode(mode.bits()),
    )
    .map_err(errno)
}

/// Points this process's stdout at `path` (created or truncated, as
/// podman's `--out`; `/dev/null` for `--noout`): what rpod and the
/// processes it starts print goes there.
pub fn redirect_stdout(path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let file = fs_err::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    let _ = std::io::stdout().flush();
    rustix::stdio::dup2_stdout(file.as_fd()).map_err(std::io::Error::from)?;
    Ok(())
}

/// Creates the directory `dir` (and its parents when `recursive`) with
/// `mode` set as it is made (less the umask), as mkdir(2); the error names
/// the directory.
pub fn create_dir_mode(dir: &Path, mode: u32, recursive: bool) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(recursive)
        .mode(mode)
        .create(dir)
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("failed to create directory `{}`: {e}", dir.display()),
            )
        })
}

/// A close-on-exec duplicate of `fd` numbered `min` or more.
pub fn dup_at_least(fd: BorrowedFd<'_>, min: i32) -> Result<OwnedFd, Errno> {
    rustix::io::fcntl_dupfd_cloexec(fd, min).map_err(errno)
}

/// Moves our stdin, stdout and stderr aside (close-on-exec duplicates,
/// returned) and puts `/dev/null` in their place: the detached monitor of
/// a `--log-driver passthrough` container hands the originals to the
/// container and writes nothing of its own to them.
pub fn take_stdio() -> std::io::Result<[OwnedFd; 3]> {
    let dup = |fd: BorrowedFd<'_>| dup_at_least(fd, 3).map_err(std::io::Error::from);
    let taken = [
        dup(std::io::stdin().as_fd())?,
        dup(std::io::stdout().as_fd())?,
        dup(std::io::stderr().as_fd())?,
    ];
    let null = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?;
    rustix::stdio::dup2_stdin(null.as_fd()).map_err(std::io::Error::from)?;
    rustix::stdio::dup2_stdout(null.as_fd()).map_err(std::io::Error::from)?;
    rustix::stdio::dup2_stderr(null.as_fd()).map_err(std::io::Error::from)?;
    Ok(taken)
}

/// A pipe (read end, write end), both ends close-on-exec.
pub fn pipe() -> Result<(OwnedFd, OwnedFd), Errno> {
    rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).map_err(errno)
}

/// Opens `path` (relative, already free of `..` escapes) inside the tree
/// rooted at `root`: symlinks resolve as if `root` were `/`, never outside.
/// Without openat2 (or when disabled), [`walk_in_root`] resolves the same
/// way a component at a time by descriptor.
pub fn open_in_root(root: BorrowedFd<'_>, path: &Path, flags: OFlag) -> Result<OwnedFd, Errno> {
    let flags = flags | OFlag::O_CLOEXEC;
    if path.as_os_str().is_empty() {
        return openat(root, ".", flags, Mode::empty());
    }
    if !openat2_disabled() {
        let resolve = rustix::fs::ResolveFlags::IN_ROOT | rustix::fs::ResolveFlags::NO_MAGICLINKS;
        match rustix::fs::openat2(
            root,
            path,
            rflags(flags),
            rustix::fs::Mode::empty(),
            resolve,
        )
        .map_err(errno)
        {
            Ok(fd) => return Ok(fd),
            Err(Errno::ENOSYS) => disable_openat2(true),
            Err(Errno::EAGAIN) => {} // racing rename; the walk below is fine
            Err(e) => return Err(e),
        }
    }
    walk_in_root(root, path, flags)
}

/// The fallback of [`open_in_root`]: the same resolution done a component
/// at a time by descriptor ([`resolve_in_root`]).
pub fn walk_in_root(root: BorrowedFd<'_>, path: &Path, flags: OFlag) -> Result<OwnedFd, Errno> {
    root::resolve(root, path, flags, Create::Nothing, Links::InRoot)
}

/// Resolves `path` inside the tree at `root` (symlinks as if `root` were
/// `/`, by descriptor, never leaving it), creating what is missing as
/// `create` says, and opens the final object with `flags`. An existing path
/// is looked up with openat2 when the kernel has it.
pub fn resolve_in_root(
    root: BorrowedFd<'_>,
    path: &Path,
    flags: OFlag,
    create: Create,
) -> Result<OwnedFd, Errno> {
    if create == Create::Nothing || !openat2_disabled() {
        match open_in_root(root, path, flags) {
            Err(Errno::ENOENT) if create != Create::Nothing => {}
            other => return other,
        }
    }
    root::resolve(root, path, flags, create, Links::InRoot)
}

/// Opens an absolute `path` from `/` refusing any symlink on the way (ELOOP):
/// for paths known to hold none, such as mount points, where a link can only
/// be something planted since.
pub fn open_no_symlinks(path: &Path, flags: OFlag) -> Result<OwnedFd, Errno> {
    let slash = open_dir(Path::new("/"))?;
    root::resolve(slash.as_fd(), path, flags, Create::Nothing, Links::Refuse)
}

/// Reads a regular file at `rel` inside the tree at `root` (resolved as
/// [`open_in_root`] does), at most `limit` bytes: for files of a container
/// or an image that rpod reads on the host (`/etc/passwd`). Not a regular
/// file (a fifo, a device) is EINVAL; longer than `limit` is EFBIG.
pub fn read_in_root(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, Errno> {
    use std::io::Read;
    let dir = open(root, OFlag::O_PATH | OFlag::O_DIRECTORY, Mode::empty())?;
    let fd = open_in_root(
        dir.as_fd(),
        rel,
        OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY,
    )?;
    let st = nix::sys::stat::fstat(std::os::fd::AsRawFd::as_raw_fd(&fd))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFREG {
        return Err(Errno::EINVAL);
    }
    let mut out = Vec::new();
    std::fs::File::from(fd)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))?;
    if out.len() as u64 > limit {
        return Err(Errno::EFBIG);
    }
    Ok(out)
}

/// Opens a directory for use as a root (O_PATH is not enough for some *at calls).
pub fn open_dir(path: &Path) -> Result<OwnedFd, Errno> {
    open(path, OFlag::O_RDONLY | OFlag::O_DIRECTORY, Mode::empty())
}

/// Sets an extended attribute on an open file.
pub fn fsetxattr(fd: BorrowedFd<'_>, name: &str, value: &[u8]) -> Result<(), Errno> {
    rustix::fs::fsetxattr(fd, name, value, rustix::fs::XattrFlags::empty()).map_err(errno)
}

/// Reads an extended attribute of a path without following a final symlink.
pub fn lgetxattr(path: &Path, name: &str) -> Result<Vec<u8>, Errno> {
    let mut buf = vec![0u8; 4096];
    let n = rustix::fs::lgetxattr(path, name, &mut buf[..]).map_err(errno)?;
    buf.truncate(n);
    Ok(buf)
}

/// Reads an extended attribute of an open file.
pub fn fgetxattr(fd: BorrowedFd<'_>, name: &str) -> Result<Vec<u8>, Errno> {
    let mut buf = vec![0u8; 4096];
    let n = rustix::fs::fgetxattr(fd, name, &mut buf[..]).map_err(errno)?;
    buf.truncate(n);
    Ok(buf)
}

/// The names of an open file's extended attributes (those we may see).
pub fn flistxattr(fd: BorrowedFd<'_>) -> Result<Vec<String>, Errno> {
    let mut buf = vec![0u8; 4096];
    loop {
        match rustix::fs::flistxattr(fd, &mut buf[..]) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf
                    .split(|b| *b == 0)
                    .filter(|n| !n.is_empty())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect());
            }
            Err(rustix::io::Errno::RANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            Err(e) => return Err(errno(e)),
        }
    }
}

/// The names in the directory open at `dir` (not `.` and `..`), in the
/// order the file system lists them; the listing reads a duplicate of
/// `dir`, which stays usable for `*at` calls.
pub fn dir_names(dir: BorrowedFd<'_>) -> Result<Vec<std::ffi::OsString>, Errno> {
    use std::os::unix::ffi::OsStrExt;
    let mut names = Vec::new();
    for entry in rustix::fs::Dir::read_from(dir).map_err(errno)? {
        let entry = entry.map_err(errno)?;
        let name = entry.file_name().to_bytes();
        if name != b"." && name != b".." {
            names.push(std::ffi::OsStr::from_bytes(name).to_os_string());
        }
    }
    Ok(names)
}

/// Writes all of `data` to `fd`, retrying short writes and EINTR.
pub fn write_all(fd: BorrowedFd<'_>, mut data: &[u8]) -> Result<(), Errno> {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn symlinks_stay_inside_the_root_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        std::os::unix::fs::symlink("/", root.join("up")).unwrap();
        std::os::unix::fs::symlink("../../outside", root.join("a/out")).unwrap();
        let rootfd = open_dir(&root).unwrap();
        // openat2: "/" and ".." resolve to the root itself, so "up/a" is root/a.
        let fd = open_in_root(
            rootfd.as_fd(),
            Path::new("up/a"),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
        )
        .unwrap();
        let target = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap();
        assert_eq!(target, root.join("a"));
        assert!(open_in_root(
            rootfd.as_fd(),
            Path::new("a/out"),
            OFlag::O_PATH | OFlag::O_DIRECTORY
        )
        .is_err());
        // The fallback walk resolves the same way, by descriptor.
        let fd = walk_in_root(
            rootfd.as_fd(),
            Path::new("up/a"),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
        )
        .unwrap();
        let target = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap();
        assert_eq!(target, root.join("a"));
        assert!(walk_in_root(
            rootfd.as_fd(),
            Path::new("a/out"),
            OFlag::O_PATH | OFlag::O_DIRECTORY
        )
        .is_err());
    }

    #[test]
    fn opens_are_close_on_exec() {
        let fd = open("/dev/null", OFlag::O_RDONLY, Mode::empty()).unwrap();
        let flags = nix::fcntl::fcntl(fd.as_raw_fd(), nix::fcntl::FcntlArg::F_GETFD).unwrap();
        assert_ne!(flags & libc::FD_CLOEXEC, 0);
        let (r, w) = pipe().unwrap();
        write_all(w.as_fd(), b"x").unwrap();
        let high = dup_at_least(r.as_fd(), 100).unwrap();
        assert!(high.as_raw_fd() >= 100);
    }
}
