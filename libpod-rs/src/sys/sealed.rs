//! What keeps rpod's own process out of a container's reach: sealed
//! in-memory executables (the image a container's entry point is exec'd
//! from, which nothing can write back to) and wiping a forked process's
//! view of rpod's command line and environment before it joins a container.

use std::ffi::CStr;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, SealFlag};
use nix::sys::memfd::{memfd_create, MemFdCreateFlag};

/// `MFD_EXEC` (Linux 6.3): an executable memfd even where
/// `vm.memfd_noexec` makes them non-executable by default.
const MFD_EXEC: libc::c_uint = 0x10;

/// A close-on-exec memfd named `name` holding `bytes`, executable and
/// sealed against every change (writes, resizing, mode changes where the
/// kernel has `F_SEAL_EXEC`, further seals). Exec'd with `execveat`, its
/// process's `/proc/PID/exe` leads to this copy, not to a file on the host.
pub fn sealed_executable(name: &CStr, bytes: &[u8]) -> Result<OwnedFd, Errno> {
    let flags = MemFdCreateFlag::MFD_CLOEXEC | MemFdCreateFlag::MFD_ALLOW_SEALING;
    let fd = match memfd_create(name, flags | MemFdCreateFlag::from_bits_retain(MFD_EXEC)) {
        // Kernels before 6.3 do not know MFD_EXEC; their memfds are executable.
        Err(Errno::EINVAL) => memfd_create(name, flags)?,
        other => other?,
    };
    super::write_all(fd.as_fd(), bytes)?;
    let seals = SealFlag::F_SEAL_SHRINK | SealFlag::F_SEAL_GROW | SealFlag::F_SEAL_WRITE;
    let exec = SealFlag::from_bits_retain(libc::F_SEAL_EXEC);
    if fcntl(fd.as_raw_fd(), FcntlArg::F_ADD_SEALS(seals | exec)).is_err() {
        // F_SEAL_EXEC is from Linux 6.3 too.
        fcntl(fd.as_raw_fd(), FcntlArg::F_ADD_SEALS(seals))?;
    }
    fcntl(fd.as_raw_fd(), FcntlArg::F_ADD_SEALS(SealFlag::F_SEAL_SEAL))?;
    Ok(fd)
}

/// Execs the executable open at `fd` (`execveat` with `AT_EMPTY_PATH`, or
/// `/proc/self/fd/N` where that call is refused, e.g. by a seccomp
/// profile); returns only the error.
pub fn exec_fd<A: AsRef<CStr>, E: AsRef<CStr>>(fd: BorrowedFd<'_>, args: &[A], env: &[E]) -> Errno {
    let empty = c"";
    let Err(e) = nix::unistd::execveat(
        Some(fd.as_raw_fd()),
        empty,
        args,
        env,
        nix::fcntl::AtFlags::AT_EMPTY_PATH,
    );
    let Ok(path) = std::ffi::CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())) else {
        return e;
    };
    match nix::unistd::execve(&path, args, env) {
        Err(Errno::ENOENT) => e,
        Err(other) => other,
    }
}

/// Overwrites this process's argument and environment strings with zeros,
/// so that `/proc/PID/cmdline` (readable by anyone who can see the process)
/// and `/proc/PID/environ` show nothing of the rpod invocation it was
/// forked from. For a forked child that is about to enter a container and
/// will not read its arguments or environment again (`std::env` then sees
/// empty strings).
pub fn scrub_cmdline_and_environ() {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return;
    };
    // Fields after the command name (which may hold spaces and parentheses).
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return;
    };
    let fields: Vec<usize> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // proc(5) numbers fields from 1, the state (field 3) being rest's first:
    // arg_start 48, arg_end 49, env_start 50, env_end 51.
    let field = |n: usize| fields.get(n - 3).copied().unwrap_or(0);
    for (start, end) in [(field(48), field(49)), (field(50), field(51))] {
        if start == 0 || end <= start {
            continue;
        }
        // SAFETY: [start, end) is the argument (or environment) area the
        // kernel laid out at exec, on this process's stack: mapped and
        // writable for the process's whole life. Nothing in Rust holds a
        // reference into it (std reads the arguments and environment
        // through raw pointers, on demand); the caller reads neither again.
        unsafe { std::ptr::write_bytes(start as *mut u8, 0, end - start) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_executable_cannot_be_changed() {
        let fd = sealed_executable(c"rpod-test", b"#!/bin/sh\nexit 0\n").unwrap();
        let seals = fcntl(fd.as_raw_fd(), FcntlArg::F_GET_SEALS).unwrap();
        let seals = SealFlag::from_bits_retain(seals);
        assert!(seals.contains(SealFlag::F_SEAL_WRITE | SealFlag::F_SEAL_SEAL));
        // Reopened for writing through /proc, as a container would try.
        let path = format!("/proc/self/fd/{}", fd.as_raw_fd());
        let e = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"x"))
            .unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::EPERM), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"#!/bin/sh\nexit 0\n");
    }
}
