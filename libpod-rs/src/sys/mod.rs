//! Thin safe wrappers over the few system calls nix does not cover, and
//! path resolution confined to a root directory. The one place (with
//! `userns`) where `unsafe` is allowed.

#![allow(unsafe_code)]

mod clock;
pub mod mount;
pub mod pidfd;
mod root;

pub use clock::local_zone;

pub use root::{Create, Links};

use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::Mode;

mod sealed;
pub use sealed::{exec_fd, scrub_cmdline_and_environ, sealed_executable};

static NO_OPENAT2: AtomicBool = AtomicBool::new(false);

/// Forces the fallback resolver, as on kernels without openat2 (tests, `RPOD_NO_OPENAT2=1`).
pub fn disable_openat2(disabled: bool) {
    NO_OPENAT2.store(disabled, Ordering::Relaxed);
}

pub(crate) fn openat2_disabled() -> bool {
    NO_OPENAT2.load(Ordering::Relaxed) || std::env::var_os("RPOD_NO_OPENAT2").is_some()
}

fn cstr(p: &Path) -> Result<CString, Errno> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| Errno::EINVAL)
}

/// Opens `path` (relative, already free of `..` escapes) inside the tree
/// rooted at `root`: symlinks resolve as if `root` were `/`, never outside.
/// Without openat2 (or when disabled), [`walk_in_root`] resolves the same
/// way a component at a time by descriptor.
pub fn open_in_root(root: RawFd, path: &Path, flags: OFlag) -> Result<OwnedFd, Errno> {
    let flags = flags | OFlag::O_CLOEXEC;
    if path.as_os_str().is_empty() {
        return reopen(root, flags);
    }
    if !openat2_disabled() {
        let how = OpenHow::new()
            .flags(flags)
            .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS);
        match nix::fcntl::openat2(root, path, how) {
            // SAFETY: openat2 returned a fresh descriptor that nothing else owns.
            Ok(fd) => return Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
            Err(Errno::ENOSYS) => disable_openat2(true),
            Err(Errno::EAGAIN) => {} // racing rename; the walk below is fine
            Err(e) => return Err(e),
        }
    }
    walk_in_root(root, path, flags)
}

/// The fallback of [`open_in_root`]: the same resolution done a component
/// at a time by descriptor ([`resolve_in_root`]).
pub fn walk_in_root(root: RawFd, path: &Path, flags: OFlag) -> Result<OwnedFd, Errno> {
    root::resolve(root, path, flags, Create::Nothing, Links::InRoot)
}

/// Resolves `path` inside the tree at `root` (symlinks as if `root` were
/// `/`, by descriptor, never leaving it), creating what is missing as
/// `create` says, and opens the final object with `flags`. An existing path
/// is looked up with openat2 when the kernel has it.
pub fn resolve_in_root(
    root: RawFd,
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
    root::resolve(
        slash.as_raw_fd(),
        path,
        flags,
        Create::Nothing,
        Links::Refuse,
    )
}

/// Reads a regular file at `rel` inside the tree at `root` (resolved as
/// [`open_in_root`] does), at most `limit` bytes: for files of a container
/// or an image that rpod reads on the host (`/etc/passwd`). Not a regular
/// file (a fifo, a device) is EINVAL; longer than `limit` is EFBIG.
pub fn read_in_root(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, Errno> {
    use std::io::Read;
    let dir = nix::fcntl::open(
        root,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map(owned)?;
    let fd = open_in_root(
        dir.as_raw_fd(),
        rel,
        OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY,
    )?;
    let st = nix::sys::stat::fstat(fd.as_raw_fd())?;
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

fn reopen(fd: RawFd, flags: OFlag) -> Result<OwnedFd, Errno> {
    let fd = nix::fcntl::openat(Some(fd), ".", flags | OFlag::O_CLOEXEC, Mode::empty())?;
    // SAFETY: openat returned a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Sets an extended attribute on an open file.
pub fn fsetxattr(fd: RawFd, name: &str, value: &[u8]) -> Result<(), Errno> {
    let name = CString::new(name).map_err(|_| Errno::EINVAL)?;
    // SAFETY: name is a valid C string, value a valid slice for its length.
    let r = unsafe { libc::fsetxattr(fd, name.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
    Errno::result(r).map(drop)
}

/// Reads an extended attribute of a path without following a final symlink.
pub fn lgetxattr(path: &Path, name: &str) -> Result<Vec<u8>, Errno> {
    let p = cstr(path)?;
    let name = CString::new(name).map_err(|_| Errno::EINVAL)?;
    let mut buf = vec![0u8; 4096];
    // SAFETY: both strings are valid C strings and buf is writable for its length.
    let r = unsafe {
        libc::lgetxattr(
            p.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    let n = Errno::result(r)?;
    buf.truncate(usize::try_from(n).unwrap_or(0));
    Ok(buf)
}

/// Reads an extended attribute of an open file.
pub fn fgetxattr(fd: RawFd, name: &str) -> Result<Vec<u8>, Errno> {
    let name = CString::new(name).map_err(|_| Errno::EINVAL)?;
    let mut buf = vec![0u8; 4096];
    // SAFETY: name is a valid C string and buf is writable for its length.
    let r = unsafe { libc::fgetxattr(fd, name.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    let n = Errno::result(r)?;
    buf.truncate(usize::try_from(n).unwrap_or(0));
    Ok(buf)
}

/// The names of an open file's extended attributes (those we may see).
pub fn flistxattr(fd: RawFd) -> Result<Vec<String>, Errno> {
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: buf is writable for its length.
        let r = unsafe { libc::flistxattr(fd, buf.as_mut_ptr().cast(), buf.len()) };
        match Errno::result(r) {
            Ok(n) => {
                buf.truncate(usize::try_from(n).unwrap_or(0));
                return Ok(buf
                    .split(|b| *b == 0)
                    .filter(|n| !n.is_empty())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect());
            }
            Err(Errno::ERANGE) if buf.len() < 1 << 20 => buf.resize(buf.len() * 4, 0),
            Err(e) => return Err(e),
        }
    }
}

/// Runs `work` in a forked child and returns what it returned (its text,
/// or its error text, crosses a pipe). For work that must change the
/// process for good, such as entering a user or mount namespace, without
/// changing the caller.
///
/// The caller must be single-threaded (DESIGN.md "fork before threads").
pub fn in_fork(
    work: impl FnOnce() -> Result<String, String>,
) -> std::io::Result<Result<String, String>> {
    use std::io::{Read, Write};
    let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
    // SAFETY: the caller is single-threaded (documented precondition), so the
    // child may allocate; it leaves with _exit, never returning here.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let (code, tag, text) = match work() {
                Ok(text) => (0, b'o', text),
                Err(text) => (1, b'e', text),
            };
            let mut w = std::fs::File::from(w);
            let _ = w
                .write_all(&[tag])
                .and_then(|()| w.write_all(text.as_bytes()));
            // SAFETY: _exit skips the parent's atexit handlers, as a fork child must.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let mut out = Vec::new();
            let _ = std::fs::File::from(r).read_to_end(&mut out);
            let status = loop {
                match nix::sys::wait::waitpid(child, None) {
                    Err(Errno::EINTR) => {}
                    other => break other?,
                }
            };
            let text = String::from_utf8_lossy(out.get(1..).unwrap_or_default()).into_owned();
            Ok(match (out.first(), status) {
                (Some(b'o'), nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(text),
                (Some(b'e'), _) => Err(text),
                (_, other) => Err(format!("the helper process ended early: {other:?}")),
            })
        }
    }
}

/// Opens a directory for use as a root (O_PATH is not enough for some *at calls).
pub fn open_dir(path: &Path) -> Result<OwnedFd, Errno> {
    let fd = nix::fcntl::open(
        path,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    // SAFETY: open returned a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The user namespace that owns the namespace open at `fd`
/// (`ioctl(NS_GET_USERNS)`, ioctl_ns(2)), opened close-on-exec.
pub fn namespace_owner(fd: std::os::fd::BorrowedFd<'_>) -> Result<OwnedFd, Errno> {
    // _IO(0xb7, 0x1) from <linux/nsfs.h>.
    const NS_GET_USERNS: libc::c_ulong = 0xb701;
    // SAFETY: NS_GET_USERNS takes no argument and only returns a new
    // descriptor (or -1); `fd` is open for the duration of the call.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), NS_GET_USERNS as _) };
    let owner = Errno::result(r)?;
    // SAFETY: the ioctl returned a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(owner) })
}

/// Takes ownership of a descriptor a nix call just returned.
pub fn owned(fd: RawFd) -> OwnedFd {
    // SAFETY: callers pass a descriptor freshly returned by a successful
    // system call, owned by nothing else.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

/// Takes ownership of a descriptor inherited from the parent process for a
/// stated purpose (e.g. `--ready-fd`); fails when it is not open. It is
/// made close-on-exec so it does not leak further.
pub fn inherited_fd(fd: i32) -> std::io::Result<OwnedFd> {
    use nix::fcntl::{fcntl, FcntlArg, FdFlag};
    fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(std::io::Error::from)?;
    // SAFETY: the descriptor is open (checked above) and was handed to this
    // process for this use only; nothing else in the process owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Shrinks a long-lived helper's resident set to what its loop uses (the
/// monitor): returns freed heap to the kernel and drops this process's
/// mappings of read-only file pages (its executable and shared libraries;
/// they stay in the page cache, and the few the loop touches fault back in).
/// Returns the bytes of mappings released.
pub fn release_idle_memory() -> usize {
    // SAFETY: malloc_trim only returns free heap memory to the kernel.
    unsafe { libc::malloc_trim(0) };
    // smaps, so that mappings with copied-on-write pages (RELRO data that
    // the loader relocated, then made read-only) are left alone: dropping
    // those would reload unrelocated bytes.
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return 0;
    };
    let mut candidates: Vec<(usize, usize, bool)> = Vec::new();
    for line in smaps.lines() {
        if let Some(kb) = line.strip_prefix("Anonymous:") {
            if kb.trim().trim_end_matches("kB").trim() != "0" {
                if let Some(last) = candidates.last_mut() {
                    last.2 = false;
                }
            }
            continue;
        }
        let mut f = line.split_whitespace();
        let (Some(range), Some(perms)) = (f.next(), f.next()) else {
            continue;
        };
        let Some((a, b)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
        else {
            continue;
        };
        // Header lines: range perms offset dev inode [path]; a file path
        // starts with '/' ([heap], [stack], [vdso] and anonymous ones do not).
        let file = f.nth(3).is_some_and(|path| path.starts_with('/'));
        candidates.push((
            start,
            end,
            file && !perms.contains('w') && perms.ends_with('p'),
        ));
    }
    let mut released = 0;
    for (start, end, ok) in candidates {
        if !ok {
            continue;
        }
        // SAFETY: a read-only private file mapping with no copied-on-write
        // page: after MADV_DONTNEED its pages read back from the file,
        // identical, so nothing the process relies on changes.
        let r =
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
        if r == 0 {
            released += end - start;
        }
    }
    released
}

/// Runs `f` when the process exits normally (returns from main or calls
/// `exit`), after everything else: the end-to-end test harness prints its
/// passed/failed/skipped line so, after libtest's own summary. Returns
/// false when the C library's table of exit handlers is full.
pub fn at_exit(f: extern "C" fn()) -> bool {
    // SAFETY: atexit only stores the pointer; `f` is a plain function that
    // lives as long as the program, and an `extern "C"` function that
    // panics aborts instead of unwinding into the C library.
    unsafe { libc::atexit(f) == 0 }
}

/// Whether an error, or one of its sources, is ENOSPC ("No space left on
/// device"), so that callers can say which file system is full.
pub fn is_no_space(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.raw_os_error() == Some(libc::ENOSPC) {
                return true;
            }
        }
        if err.to_string().contains("os error 28") {
            return true;
        }
        cur = err.source();
    }
    false
}

/// Borrows a descriptor the caller keeps open for the borrow's use (poll
/// lists over descriptors owned elsewhere).
pub fn borrow(fd: RawFd) -> std::os::fd::BorrowedFd<'static> {
    // SAFETY: callers pass descriptors that stay open while the borrow is
    // used (documented contract); BorrowedFd never closes them.
    unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }
}

/// Start time (clock ticks since boot, field 22 of `/proc/PID/stat`) of a
/// live process; `None` when it is gone or a zombie. Recorded beside a pid,
/// it tells a recycled pid from the process that was meant.
pub fn process_start_time(pid: i32) -> Option<u64> {
    process_stat(pid).map(|(start, _)| start)
}

/// The start time and parent PID of a live (not zombie) process, from
/// `/proc/PID/stat` (fields 22 and 4).
pub fn process_stat(pid: i32) -> Option<(u64, i32)> {
    if pid <= 0 {
        return None;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces and parentheses: split after the last ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    if matches!(fields.next()?, "Z" | "X") {
        return None;
    }
    let ppid = fields.next()?.parse().ok()?;
    Some((fields.nth(17)?.parse().ok()?, ppid))
}

/// Writes all of `data` to `fd`, retrying short writes and EINTR.
pub fn write_all(fd: std::os::fd::BorrowedFd<'_>, mut data: &[u8]) -> Result<(), Errno> {
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

    #[test]
    fn namespace_owner_is_a_user_namespace() {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let net = std::fs::File::open("/proc/self/ns/net").unwrap();
        let owner = std::fs::File::from(namespace_owner(net.as_fd()).unwrap());
        // Our network namespace is owned by our user namespace or by one of
        // its ancestors: either way a user namespace, not the network one.
        let link = std::fs::read_link(format!("/proc/self/fd/{}", owner.as_raw_fd())).unwrap();
        assert!(link.to_string_lossy().starts_with("user:["), "{link:?}");
        assert_ne!(
            owner.metadata().unwrap().ino(),
            net.metadata().unwrap().ino()
        );
        let plain = tempfile::tempfile().unwrap();
        assert_eq!(namespace_owner(plain.as_fd()).err(), Some(Errno::ENOTTY));
    }

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
            rootfd.as_raw_fd(),
            Path::new("up/a"),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
        )
        .unwrap();
        let target = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap();
        assert_eq!(target, root.join("a"));
        assert!(open_in_root(
            rootfd.as_raw_fd(),
            Path::new("a/out"),
            OFlag::O_PATH | OFlag::O_DIRECTORY
        )
        .is_err());
        // The fallback walk resolves the same way, by descriptor.
        let fd = walk_in_root(
            rootfd.as_raw_fd(),
            Path::new("up/a"),
            OFlag::O_PATH | OFlag::O_DIRECTORY,
        )
        .unwrap();
        let target = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap();
        assert_eq!(target, root.join("a"));
        assert!(walk_in_root(
            rootfd.as_raw_fd(),
            Path::new("a/out"),
            OFlag::O_PATH | OFlag::O_DIRECTORY
        )
        .is_err());
    }
}
