//! The runtime's raw syscall wrappers: the few calls `nix` does not cover
//! (fork-style `clone` with namespace flags, capability sets, `ioctl`s for
//! the loopback interface and terminals). Each wrapper is small and safe to
//! call; the unsafe code of the runtime lives here.
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, BorrowedFd};

use nix::errno::Errno;
use nix::unistd::Pid;

/// Outcome of [`clone_fork`].
pub(crate) enum Forked {
    /// We are the parent; this is the child's pid.
    Parent(Pid),
    /// We are the child.
    Child,
}

/// `clone(2)` with fork semantics (child continues on a copy of our stack)
/// and the given `CLONE_NEW*` flags; the child's exit signal is SIGCHLD.
///
/// The caller must be single-threaded (DESIGN.md "fork before threads").
pub(crate) fn clone_fork(ns_flags: libc::c_int) -> Result<Forked, Errno> {
    let flags = (ns_flags | libc::SIGCHLD) as libc::c_ulong;
    // SAFETY: clone with a null stack behaves like fork(2): the child gets a
    // copy-on-write copy of our address space and continues from here. The
    // process is single-threaded, so no lock is held by another thread.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone,
            flags,
            std::ptr::null_mut::<libc::c_void>(),
            std::ptr::null_mut::<libc::c_int>(),
            std::ptr::null_mut::<libc::c_int>(),
            0usize,
        )
    };
    match ret {
        -1 => Err(Errno::last()),
        0 => Ok(Forked::Child),
        pid => Ok(Forked::Parent(Pid::from_raw(pid as libc::pid_t))),
    }
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: libc::c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const LINUX_CAPABILITY_VERSION_3: u32 = 0x2008_0522;

/// Set the calling thread's effective, permitted and inheritable sets (bit masks).
pub(crate) fn capset(effective: u64, permitted: u64, inheritable: u64) -> Result<(), Errno> {
    let mut hdr = CapHeader {
        version: LINUX_CAPABILITY_VERSION_3,
        pid: 0,
    };
    let data = [
        CapData {
            effective: effective as u32,
            permitted: permitted as u32,
            inheritable: inheritable as u32,
        },
        CapData {
            effective: (effective >> 32) as u32,
            permitted: (permitted >> 32) as u32,
            inheritable: (inheritable >> 32) as u32,
        },
    ];
    // SAFETY: hdr and data are valid, correctly laid out (v3 takes two data
    // structs) and live across the call.
    let ret = unsafe { libc::syscall(libc::SYS_capset, &mut hdr as *mut CapHeader, data.as_ptr()) };
    Errno::result(ret).map(drop)
}

fn prctl(op: libc::c_int, a: libc::c_ulong, b: libc::c_ulong) -> Result<(), Errno> {
    // SAFETY: the prctl operations used here take integer arguments only.
    let ret = unsafe { libc::prctl(op, a, b, 0 as libc::c_ulong, 0 as libc::c_ulong) };
    Errno::result(ret).map(drop)
}

/// Drop one capability from the bounding set.
pub(crate) fn cap_bound_drop(cap: u32) -> Result<(), Errno> {
    prctl(libc::PR_CAPBSET_DROP, cap.into(), 0)
}

/// Whether the running kernel knows capability `cap`.
pub(crate) fn cap_known(cap: u32) -> bool {
    // SAFETY: PR_CAPBSET_READ takes an integer and only reads.
    unsafe { libc::prctl(libc::PR_CAPBSET_READ, cap as libc::c_ulong, 0, 0, 0) >= 0 }
}

/// Clear the ambient set.
pub(crate) fn cap_ambient_clear() -> Result<(), Errno> {
    prctl(
        libc::PR_CAP_AMBIENT,
        libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
        0,
    )
}

/// Raise one capability in the ambient set.
pub(crate) fn cap_ambient_raise(cap: u32) -> Result<(), Errno> {
    prctl(
        libc::PR_CAP_AMBIENT,
        libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
        cap.into(),
    )
}

/// Bring the loopback interface up in the current network namespace.
pub(crate) fn loopback_up() -> Result<(), Errno> {
    let sock = nix::sys::socket::socket(
        nix::sys::socket::AddressFamily::Inet,
        nix::sys::socket::SockType::Datagram,
        nix::sys::socket::SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    // SAFETY: ifreq is plain old data; all-zero is a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, s) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *d = *s as libc::c_char;
    }
    // SAFETY: the socket is open and req is a valid ifreq naming "lo".
    let ret = unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) };
    Errno::result(ret)?;
    // SAFETY: SIOCGIFFLAGS filled the flags member of the union.
    unsafe {
        req.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
    }
    // SAFETY: as above; the kernel reads the flags member.
    let ret = unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) };
    Errno::result(ret).map(drop)
}

/// Make `fd` (a terminal) the controlling terminal of this session.
pub(crate) fn set_controlling_tty(fd: BorrowedFd<'_>) -> Result<(), Errno> {
    // SAFETY: TIOCSCTTY takes an integer argument.
    let ret = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSCTTY, 0) };
    Errno::result(ret).map(drop)
}

/// A terminal's window size (rows, columns).
pub(crate) fn get_winsize(fd: BorrowedFd<'_>) -> Result<libc::winsize, Errno> {
    // SAFETY: winsize is plain old data.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: ws is a valid winsize the kernel writes into.
    let ret = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut ws) };
    Errno::result(ret).map(|_| ws)
}

/// Set a terminal's window size.
pub(crate) fn set_winsize(fd: BorrowedFd<'_>, ws: &libc::winsize) -> Result<(), Errno> {
    // SAFETY: ws is a valid winsize the kernel reads.
    let ret = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSWINSZ, ws) };
    Errno::result(ret).map(drop)
}

/// End this process at once (no atexit handlers, no stdio flush): the
/// only correct way out of a forked child.
pub(crate) fn exit_now(code: i32) -> ! {
    // SAFETY: _exit takes an integer and never returns.
    unsafe { libc::_exit(code) }
}

/// Borrow a descriptor the process keeps open for its whole life (0, 1, 2).
pub(crate) fn std_fd(fd: std::os::fd::RawFd) -> BorrowedFd<'static> {
    // SAFETY: callers pass only the standard descriptors, never closed.
    unsafe { BorrowedFd::borrow_raw(fd) }
}

/// Mark every descriptor from 3 up close-on-exec, so nothing the caller
/// inherited leaks into the container (our own pipes close at exec too).
pub(crate) fn cloexec_from_3() -> Result<(), Errno> {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets a flag on
    // descriptors; it closes nothing and touches no memory.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    Errno::result(ret).map(drop)
}

/// Close every descriptor from `first` up (a child about to exec, which
/// must pass on nothing else).
pub(crate) fn close_from(first: u32) {
    // SAFETY: closing descriptors touches no memory; callers own no
    // descriptor they still need from `first` up.
    unsafe {
        libc::syscall(libc::SYS_close_range, first, u32::MAX, 0u32);
    }
}

/// Reset every signal's disposition to the default, so the container does
/// not inherit signals our caller ignored (e.g. SIGINT in `cmd &`).
pub(crate) fn reset_signal_dispositions() {
    for sig in nix::sys::signal::Signal::iterator() {
        if matches!(
            sig,
            nix::sys::signal::Signal::SIGKILL | nix::sys::signal::Signal::SIGSTOP
        ) {
            continue;
        }
        // SAFETY: installing SIG_DFL runs no handler code; we are the only
        // thread of a freshly cloned child.
        unsafe {
            let _ = nix::sys::signal::signal(sig, nix::sys::signal::SigHandler::SigDfl);
        }
    }
}
