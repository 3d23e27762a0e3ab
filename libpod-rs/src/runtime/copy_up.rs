//! Volume copy-up: an empty named volume receives the image's content at
//! its destination, the first time it is mounted (podman's behaviour).
//!
//! The volume may be shared with a running container that changes it while
//! we copy (it can plant `x -> /home/user/file` the moment the volume is no
//! longer empty), and the copy runs before `pivot_root`, where the host is
//! reachable. So it writes only through `*at` calls relative to the
//! volume's descriptor: directories with `mkdirat`, files created with
//! `O_EXCL|O_NOFOLLOW`, links with `symlinkat`, owners, modes and times set
//! on descriptors. An entry found in place is left alone, never written
//! through or followed.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::Mode;
use nix::unistd::{Gid, Uid};

use crate::sys as fsys;

fn io_errno(e: &std::io::Error) -> Errno {
    Errno::from_raw(crate::sys::os_code(e).unwrap_or(libc::EIO))
}

/// Volume copy-up: the image's directory at `dest` (resolved inside the
/// root) is copied into the empty volume directory `volume` (a descriptor
/// the parent opened, `O_PATH` will do: the directories above it may be
/// closed to the container's ids), owners, modes, times and symlinks kept;
/// the volume's root takes the directory's owner and mode. Nothing happens
/// when the image has no directory there, or the volume is no longer
/// empty. `hold` is a test hook: a fifo to wait on just before copying
/// (the race window the copy must survive).
pub(super) fn copy_up(
    root: BorrowedFd<'_>,
    dest: &Path,
    volume: BorrowedFd<'_>,
    hold: Option<&Path>,
) -> Result<(), Errno> {
    let from = match fsys::open_in_root(root, dest, OFlag::O_RDONLY | OFlag::O_DIRECTORY) {
        Ok(fd) => fd,
        Err(Errno::ENOENT | Errno::ENOTDIR) => return Ok(()),
        Err(e) => return Err(e),
    };
    let to = fsys::fs::openat(
        volume,
        ".",
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW,
        Mode::empty(),
    )?;
    if !is_empty(to.as_fd())? {
        return Ok(());
    }
    if let Some(fifo) = hold {
        wait_on_fifo(fifo);
    }
    copy_tree(from.as_fd(), to.as_fd())?;
    let st = nix::sys::stat::fstat(from.as_raw_fd())?;
    set_attrs(to.as_fd(), &st)
}

/// tmpfs copy-up (podman's `tmpcopyup`, the default for `--tmpfs` and
/// `--mount type=tmpfs`): what the image had at the destination (`from`,
/// opened before the tmpfs covered it) is copied into the fresh tmpfs at
/// `to`, owners, modes, times and symlinks kept; the tmpfs's root takes
/// the directory's owner and mode.
pub(super) fn copy_into_tmpfs(from: BorrowedFd<'_>, to: BorrowedFd<'_>) -> Result<(), Errno> {
    copy_tree(from, to)?;
    let st = nix::sys::stat::fstat(from.as_raw_fd())?;
    set_attrs(to, &st)
}

/// Blocks until the writer of the fifo at `path` closes it (test hook).
fn wait_on_fifo(path: &Path) {
    use std::io::Read;
    if let Ok(mut f) = fs_err::File::open(path) {
        let mut sink = Vec::new();
        let _ = f.read_to_end(&mut sink);
    }
}

fn is_empty(dir: BorrowedFd<'_>) -> Result<bool, Errno> {
    fsys::fs::dir_names(dir).map(|names| names.is_empty())
}

/// Owner, then mode (a chown clears set-id bits), then times.
fn set_attrs(fd: BorrowedFd<'_>, st: &nix::sys::stat::FileStat) -> Result<(), Errno> {
    let fd = fd.as_raw_fd();
    nix::unistd::fchown(
        fd,
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
    )?;
    nix::sys::stat::fchmod(fd, Mode::from_bits_truncate(st.st_mode & 0o7777))?;
    let at = nix::sys::time::TimeSpec::new(st.st_atime, st.st_atime_nsec);
    let mt = nix::sys::time::TimeSpec::new(st.st_mtime, st.st_mtime_nsec);
    nix::sys::stat::futimens(fd, &at, &mt)
}

/// Copies the entries of the directory open at `src` into the one open at
/// `dst`, recursively. Everything is created with `O_EXCL`/`mkdirat`/
/// `symlinkat` relative to `dst` and opened with `O_NOFOLLOW`: an entry that
/// appeared in the volume meanwhile (a symlink planted by a container that
/// shares it) is left alone, never written through.
fn copy_tree(src: BorrowedFd<'_>, dst: BorrowedFd<'_>) -> Result<(), Errno> {
    let names = fsys::fs::dir_names(src)?;
    let nofollow = OFlag::O_NOFOLLOW;
    for name in &names {
        let name = name.as_os_str();
        let st =
            nix::sys::stat::fstatat(Some(src.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => {
                match nix::sys::stat::mkdirat(
                    Some(dst.as_raw_fd()),
                    name,
                    Mode::from_bits_truncate(0o700),
                ) {
                    Ok(()) => {}
                    Err(Errno::EEXIST) => continue,
                    Err(e) => return Err(e),
                }
                let s = fsys::fs::openat(
                    src,
                    name,
                    OFlag::O_RDONLY | OFlag::O_DIRECTORY | nofollow,
                    Mode::empty(),
                )?;
                let d = match fsys::fs::openat(
                    dst,
                    name,
                    OFlag::O_RDONLY | OFlag::O_DIRECTORY | nofollow,
                    Mode::empty(),
                ) {
                    Ok(fd) => fd,
                    // Replaced since we made it: not ours to fill.
                    Err(Errno::ELOOP | Errno::ENOTDIR | Errno::ENOENT) => continue,
                    Err(e) => return Err(e),
                };
                copy_tree(s.as_fd(), d.as_fd())?;
                set_attrs(d.as_fd(), &st)?;
            }
            libc::S_IFLNK => {
                let target = nix::fcntl::readlinkat(Some(src.as_raw_fd()), name)?;
                match nix::unistd::symlinkat(target.as_os_str(), Some(dst.as_raw_fd()), name) {
                    Ok(()) => {}
                    Err(Errno::EEXIST) => continue,
                    Err(e) => return Err(e),
                }
                nix::unistd::fchownat(
                    Some(dst.as_raw_fd()),
                    name,
                    Some(Uid::from_raw(st.st_uid)),
                    Some(Gid::from_raw(st.st_gid)),
                    AtFlags::AT_SYMLINK_NOFOLLOW,
                )?;
            }
            libc::S_IFREG => {
                let s = fsys::fs::openat(src, name, OFlag::O_RDONLY | nofollow, Mode::empty())?;
                let d = match fsys::fs::openat(
                    dst,
                    name,
                    OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | nofollow,
                    Mode::from_bits_truncate(0o600),
                ) {
                    Ok(fd) => fd,
                    Err(Errno::EEXIST) => continue,
                    Err(e) => return Err(e),
                };
                let mut from = std::fs::File::from(s);
                let mut to = std::fs::File::from(d);
                std::io::copy(&mut from, &mut to).map_err(|e| io_errno(&e))?;
                set_attrs(to.as_fd(), &st)?;
            }
            // Devices, fifos and sockets are not copied, as podman.
            _ => {}
        }
    }
    Ok(())
}
