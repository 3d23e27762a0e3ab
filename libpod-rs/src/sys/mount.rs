//! Mounting onto descriptors: the new mount API (`open_tree`, `move_mount`,
//! Linux 5.2; `mount_setattr`, 5.12) and the `/proc/self/fd/N` form of a
//! target for `mount(2)`. A mount then lands on the object that was resolved
//! (inside the container's root, by descriptor), not on whatever a path
//! names by the time the kernel reads it.

use std::ffi::CString;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;

use super::owned_fd;

/// `OPEN_TREE_CLONE` (linux/mount.h): a detached copy of the tree.
const OPEN_TREE_CLONE: libc::c_uint = 1;
/// `MOVE_MOUNT_F_EMPTY_PATH`: the source is the descriptor itself.
const MOVE_MOUNT_F_EMPTY_PATH: libc::c_uint = 0x04;
/// `MOVE_MOUNT_T_EMPTY_PATH`: the target is the descriptor itself.
const MOVE_MOUNT_T_EMPTY_PATH: libc::c_uint = 0x40;

/// `MOUNT_ATTR_RDONLY`.
pub const ATTR_RDONLY: u64 = 0x01;
/// `MOUNT_ATTR_NOSUID`.
pub const ATTR_NOSUID: u64 = 0x02;
/// `MOUNT_ATTR_NODEV`.
pub const ATTR_NODEV: u64 = 0x04;
/// `MOUNT_ATTR_NOEXEC`.
pub const ATTR_NOEXEC: u64 = 0x08;
/// `MOUNT_ATTR__ATIME`: the mask of the access-time modes.
pub const ATTR_ATIME_MASK: u64 = 0x70;
/// `MOUNT_ATTR_NOATIME`.
pub const ATTR_NOATIME: u64 = 0x10;
/// `MOUNT_ATTR_STRICTATIME`.
pub const ATTR_STRICTATIME: u64 = 0x20;
/// `MOUNT_ATTR_NODIRATIME`.
pub const ATTR_NODIRATIME: u64 = 0x80;

static NO_NEW_API: AtomicBool = AtomicBool::new(false);

/// Whether the new mount API may be used: not after it answered ENOSYS, and
/// not when openat2 is disabled (`RPOD_NO_OPENAT2`, which stands for a kernel
/// older than 5.6 and so without `mount_setattr` either).
pub fn new_api() -> bool {
    !NO_NEW_API.load(Ordering::Relaxed) && !super::openat2_disabled()
}

fn note_enosys<T>(r: Result<T, Errno>) -> Result<T, Errno> {
    if r.as_ref().err() == Some(&Errno::ENOSYS) {
        NO_NEW_API.store(true, Ordering::Relaxed);
    }
    r
}

/// The magic-link path that names an open descriptor, for calls that take
/// only paths (`mount(2)`): the kernel resolves it to the open object itself.
pub fn fd_path(fd: BorrowedFd<'_>) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// How mount events cross into a mount namespace of one's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Propagation {
    /// Mounts made outside later still appear inside, none go out (`MS_SLAVE`).
    Slave,
    /// Nothing crosses either way (`MS_PRIVATE`).
    Private,
}

/// The step of [`own_namespace`] that failed, with its error number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{step}: {errno}")]
pub struct NamespaceStepFailed {
    /// What was being done ("creating a mount namespace", "making mounts private").
    pub step: &'static str,
    /// The error number.
    pub errno: Errno,
}

/// Moves the calling process into a mount namespace of its own whose
/// mounts do not propagate back to the one it came from (`unshare(CLONE_NEWNS)`
/// then `/` remounted recursively with `propagation`): the start of every
/// helper that mounts things only it should see.
pub fn own_namespace(propagation: Propagation) -> Result<(), NamespaceStepFailed> {
    let failed = |step| move |errno| NamespaceStepFailed { step, errno };
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
        .map_err(failed("creating a mount namespace"))?;
    let flag = match propagation {
        Propagation::Slave => nix::mount::MsFlags::MS_SLAVE,
        Propagation::Private => nix::mount::MsFlags::MS_PRIVATE,
    };
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        nix::mount::MsFlags::MS_REC | flag,
        None::<&str>,
    )
    .map_err(failed("making mounts private"))
}

/// A detached copy of the mount tree at `path` (relative to `dir`, or the
/// descriptor itself when `path` is empty), with its submounts when
/// `recursive`: the source of a bind mount that is not attached yet.
pub fn clone_tree(dir: BorrowedFd<'_>, path: &Path, recursive: bool) -> Result<OwnedFd, Errno> {
    let p = CString::new(path.as_os_str().as_bytes()).map_err(|_| Errno::EINVAL)?;
    let mut flags = OPEN_TREE_CLONE | libc::O_CLOEXEC as libc::c_uint;
    if path.as_os_str().is_empty() {
        flags |= libc::AT_EMPTY_PATH as libc::c_uint;
    }
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    // SAFETY: open_tree reads the C string and returns a new descriptor or -1.
    let r = unsafe { libc::syscall(libc::SYS_open_tree, dir.as_raw_fd(), p.as_ptr(), flags) };
    note_enosys(Errno::result(r)).map(|fd| {
        // SAFETY: open_tree returned a fresh descriptor that nothing else owns.
        unsafe { owned_fd(fd as i32) }
    })
}

/// Attaches the detached tree `tree` on the object open at `target`.
pub fn move_mount_onto(tree: BorrowedFd<'_>, target: BorrowedFd<'_>) -> Result<(), Errno> {
    let empty = c"";
    // SAFETY: both paths are valid empty C strings; the descriptors are open.
    let r = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            tree.as_raw_fd(),
            empty.as_ptr(),
            target.as_raw_fd(),
            empty.as_ptr(),
            MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH,
        )
    };
    note_enosys(Errno::result(r)).map(drop)
}

/// `struct mount_attr` (linux/mount.h, version 0).
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// Sets (`set`) and clears (`clear`) `MOUNT_ATTR_*` flags and, when not
/// zero, the propagation (`MS_SHARED`, `MS_SLAVE`, `MS_PRIVATE`,
/// `MS_UNBINDABLE`) of the mount whose root is open at `fd` (attached or
/// not), and of every mount below it when `recursive`.
pub fn set_attrs(
    fd: BorrowedFd<'_>,
    recursive: bool,
    set: u64,
    clear: u64,
    propagation: u64,
) -> Result<(), Errno> {
    let mut attr = MountAttr {
        attr_set: set,
        attr_clr: clear,
        propagation,
        userns_fd: 0,
    };
    let mut flags = libc::AT_EMPTY_PATH as libc::c_uint;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    let empty = c"";
    // SAFETY: attr is a valid mount_attr for the size passed; the path is an
    // empty C string and fd is open.
    let r = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            fd.as_raw_fd(),
            empty.as_ptr(),
            flags,
            &mut attr as *mut MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    note_enosys(Errno::result(r)).map(drop)
}

/// Undoes the octal escapes of a /proc/self/mountinfo field (`\040` for a
/// space, `\011`, `\012`, `\134`).
pub fn unescape_mountinfo(field: &str) -> PathBuf {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = u32::from(b[i + 1] - b'0') * 64
                + u32::from(b[i + 2] - b'0') * 8
                + u32::from(b[i + 3] - b'0');
            out.push(v as u8);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    PathBuf::from(std::ffi::OsStr::from_bytes(&out))
}

/// The mount points strictly below `top` in this process's mount
/// namespace (from /proc/self/mountinfo), parents before children.
pub fn submounts_below(top: &Path) -> std::io::Result<Vec<PathBuf>> {
    let text = std::fs::read_to_string("/proc/self/mountinfo")?;
    Ok(text
        .lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(unescape_mountinfo)
        .filter(|p| p != top && p.starts_with(top))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mountinfo_escapes() {
        assert_eq!(
            unescape_mountinfo("/a\\040b\\134c"),
            PathBuf::from("/a b\\c")
        );
        assert_eq!(unescape_mountinfo("/plain\\"), PathBuf::from("/plain\\"));
    }

    #[test]
    fn submounts_of_root_include_proc() {
        let below = submounts_below(Path::new("/")).unwrap();
        assert!(below.iter().any(|p| p == Path::new("/proc")), "{below:?}");
        assert!(!below.iter().any(|p| p == Path::new("/")));
    }
}
