//! rpod's one syscall layer: thin safe wrappers over the system calls,
//! split by kernel area, and the only place where `unsafe` is allowed.
//! Every fork and clone of the crate goes through [`process`]; every
//! descriptor comes back as an [`OwnedFd`] (or is borrowed as a
//! `BorrowedFd`), never minted from a bare integer elsewhere.
//!
//! Most wrappers use rustix, whose calls return owned descriptors and
//! need no `unsafe` here (capabilities, terminal ioctls, xattrs, pidfds,
//! pipes, dup, sockets with descriptor passing); nix stays where the rest
//! of the crate already uses its safe API (mounts, signals, wait, poll).
//! What neither covers (mount_setattr, NS_GET_USERNS, SIOCSIFFLAGS,
//! close_range, seccomp, clone with namespace flags) is a raw call here,
//! each with its `SAFETY` argument.

#![allow(unsafe_code)]
// The syscall layer keeps std's own errors (their errno); fs_err is for the rest.
#![allow(clippy::disallowed_methods)]

pub mod caps;
pub mod channel;
mod clock;
pub mod fs;
pub mod mount;
pub mod net;
pub mod ns;
pub mod pidfd;
pub mod process;
mod root;
mod sealed;
pub mod term;

pub use clock::local_zone;
pub(crate) use fs::openat2_disabled;
pub use fs::{
    disable_openat2, fgetxattr, flistxattr, fsetxattr, lgetxattr, open_dir, open_in_root,
    open_no_symlinks, read_in_root, redirect_stdout, resolve_in_root, walk_in_root, write_all,
};
pub use process::{
    at_exit, in_fork, inherited_fd, process_start_time, process_stat, release_idle_memory,
};
pub use root::{resolve, Create, Links};
pub use sealed::{exec_fd, scrub_cmdline_and_environ, sealed_executable};

use std::os::fd::{FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;

/// The nix error number of a rustix error.
fn errno(e: rustix::io::Errno) -> Errno {
    Errno::from_raw(e.raw_os_error())
}

/// Takes ownership of a descriptor a raw system call just returned.
///
/// # Safety
/// `fd` must be a descriptor freshly returned by a successful system call
/// and owned by nothing else.
unsafe fn owned_fd(fd: RawFd) -> OwnedFd {
    // SAFETY: the caller's contract.
    unsafe { OwnedFd::from_raw_fd(fd) }
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
