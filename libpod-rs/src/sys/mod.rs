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
    at_exit, fd_inherited, in_fork, inherited_fd, process_start_time, process_stat,
    release_code_pages, release_idle_memory,
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

// Outside sys/, file system calls go through fs_err (clippy.toml), whose
// errors name the path; these read such an error back, for messages that
// name the path themselves and for errno checks.

/// The errno of an I/O error, also for an `fs_err` error (whose wrapper
/// hides it from `raw_os_error`): std writes an OS error as
/// "DESCRIPTION (os error N)", and `fs_err` keeps that text at the end.
pub fn os_code(e: &std::io::Error) -> Option<i32> {
    if let Some(code) = e.raw_os_error() {
        return Some(code);
    }
    e.get_ref()?;
    let text = e.to_string();
    if !text.starts_with("failed to ") {
        return None;
    }
    text.strip_suffix(')')
        .and_then(|t| t.rsplit_once(" (os error "))
        .and_then(|(_, n)| n.parse::<i32>().ok())
}

/// The text of an I/O error without the "failed to … `PATH`: " that
/// `fs_err` puts before it: for messages that name the path themselves.
/// Any other error's text is its own.
pub fn os_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    if e.raw_os_error().is_some() || e.get_ref().is_none() || !text.starts_with("failed to ") {
        return text;
    }
    if let Some(code) = os_code(e) {
        return std::io::Error::from_raw_os_error(code).to_string();
    }
    match text.find("`: ") {
        Some(i) => text[i + 3..].to_owned(),
        None => text,
    }
}

/// The OS error under an `fs_err` error, without the "failed to … `PATH`: "
/// that `fs_err` puts before it: for messages that name the path
/// themselves (so it is not said twice) and for callers that need the
/// errno. Any other error comes back unchanged.
pub fn without_path(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() || e.get_ref().is_none() {
        return e;
    }
    if let Some(code) = os_code(&e) {
        return std::io::Error::from_raw_os_error(code);
    }
    let text = e.to_string();
    match text.find("`: ") {
        Some(i) if text.starts_with("failed to ") => {
            std::io::Error::new(e.kind(), text[i + 3..].to_owned())
        }
        _ => e,
    }
}

#[cfg(test)]
mod fs_err_tests {
    use super::without_path;

    #[test]
    fn without_path_gives_back_the_os_error() {
        let e = fs_err::read("/nonexistent/rpod-without-path").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/rpod-without-path"));
        assert_eq!(e.raw_os_error(), None);
        let bare = without_path(e);
        assert_eq!(bare.raw_os_error(), Some(libc::ENOENT));
        assert_eq!(bare.kind(), std::io::ErrorKind::NotFound);
        assert!(!bare.to_string().contains("rpod-without-path"));
    }

    #[test]
    fn without_path_keeps_other_errors() {
        let e = std::io::Error::other("failed to parse: x");
        assert_eq!(without_path(e).to_string(), "failed to parse: x");
        let e = std::io::Error::from_raw_os_error(libc::EACCES);
        assert_eq!(without_path(e).raw_os_error(), Some(libc::EACCES));
    }

    #[test]
    fn without_path_strips_read_errors() {
        let e = fs_err::File::open("/").unwrap();
        let mut buf = [0u8; 1];
        let err = std::io::Read::read(&mut { e }, &mut buf).unwrap_err();
        let bare = without_path(err);
        assert!(!bare.to_string().contains("failed to"), "{bare}");
    }
}
