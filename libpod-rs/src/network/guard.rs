//! The guard: a tiny detached process (a fork of the caller, no exec) that
//! ties a network helper's life to the container's.
//!
//! It holds a pidfd of the container process and one of the helper, and
//! waits on both. When the container process exits it ends the helper
//! (slirp4netns: by closing the `--exit-fd` pipe it holds, then SIGKILL if
//! needed; pasta: SIGKILL); when the helper exits first, the guard exits.
//! Neither the installed pasta (2023-03) nor slirp4netns notices on its own
//! that a namespace given by PID is gone, and rpod has no daemon or monitor
//! to clean up after them: the guard is that cleanup, and it costs one
//! sleeping process per networked container.
//!
//! The guard is double-forked and calls `setsid`, so it is nobody's zombie
//! and no terminal signal reaches it. Between `fork` and `_exit` only
//! async-signal-safe calls are made (the caller may have threads):
//! everything, argv included, is prepared before the fork.

#![allow(unsafe_code)]

use std::ffi::{CString, OsString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStringExt;

/// A program for the guard to start as its child, with its descriptors.
pub(crate) struct Exec {
    /// Path of the program.
    pub program: CString,
    /// argv, argv[0] included.
    pub argv: Vec<CString>,
    /// (descriptor, number it gets in the child), for 0, 1, 2 and any
    /// more; every other descriptor is closed before exec.
    pub fds: Vec<(OwnedFd, RawFd)>,
}

/// What the guard watches besides the container.
pub(crate) enum Watched {
    /// A helper that already runs (pasta, daemonized): SIGKILL it.
    Running(OwnedFd),
    /// A helper the guard starts; `hold` is kept open by the guard only,
    /// and closed when the container exits (slirp4netns `--exit-fd`).
    Spawn { exec: Exec, hold: OwnedFd },
}

/// The guard's PID and the helper's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spawned {
    pub guard: u32,
    pub helper: u32,
}

/// Opens a pidfd for `pid`.
pub(crate) fn pidfd_open(pid: u32) -> io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0u32) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fd is a new descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// The start time of a live (not zombie) process, field 22 of its stat
/// ([`crate::sys::process_start_time`] for the helpers' `u32` pids).
pub fn start_time(pid: u32) -> Option<u64> {
    i32::try_from(pid)
        .ok()
        .and_then(crate::sys::process_start_time)
}

/// Sends SIGTERM to `pid`.
pub(crate) fn terminate(pid: u32) {
    signal(pid, libc::SIGTERM);
}

/// Sends `sig` to `pid`.
pub(crate) fn signal(pid: u32, sig: libc::c_int) {
    // SAFETY: kill has no memory effects.
    unsafe {
        libc::kill(pid as libc::pid_t, sig);
    }
}

fn cvec(v: &[CString]) -> Vec<*const libc::c_char> {
    v.iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

/// A duplicate of `fd` numbered 10 or more, so that dup2 onto 0..9 in the
/// child never overwrites a descriptor still to be moved.
fn dup_high(fd: &OwnedFd) -> io::Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor or -1.
    let n = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 10) };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: n is new and ours.
    Ok(unsafe { OwnedFd::from_raw_fd(n) })
}

fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both are new and ours.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Starts the guard for `container` (a pidfd of the container process).
/// With [`Watched::Spawn`] the helper is started by the guard, and its PID
/// returned; with [`Watched::Running`] `helper_pid` is returned as given.
pub(crate) fn start(container: OwnedFd, watched: Watched, helper_pid: u32) -> io::Result<Spawned> {
    let (report_r, report_w) = pipe()?;
    // The guard's stdin, stdout and stderr: the caller's may be pipes that
    // someone reads to EOF, or a terminal.
    let null: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?
        .into();
    let null = dup_high(&null)?;
    // Everything the children use is made before fork.
    let container = dup_high(&container)?;
    let (running, hold, exec) = match watched {
        Watched::Running(fd) => (Some(dup_high(&fd)?), None, None),
        Watched::Spawn { exec, hold } => {
            let mut fds = Vec::with_capacity(exec.fds.len());
            for (fd, target) in exec.fds {
                fds.push((dup_high(&fd)?, target));
            }
            let envp: Vec<CString> = std::env::vars_os()
                .filter_map(|(k, v)| {
                    let mut kv: OsString = k;
                    kv.push("=");
                    kv.push(v);
                    CString::new(kv.into_vec()).ok()
                })
                .collect();
            (
                None,
                Some(dup_high(&hold)?),
                Some((exec.program, exec.argv, envp, fds)),
            )
        }
    };
    let exec_ptrs = exec.as_ref().map(|(_, argv, envp, fds)| {
        (
            cvec(argv),
            cvec(envp),
            fds.iter()
                .map(|(f, t)| (f.as_raw_fd(), *t))
                .collect::<Vec<_>>(),
        )
    });

    // SAFETY: the child branches below only make async-signal-safe calls
    // on memory prepared above, and end in _exit or execve.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(io::Error::last_os_error());
    }
    if child == 0 {
        // SAFETY: see above.
        unsafe {
            libc::setsid();
            let g = libc::fork();
            if g > 0 {
                // The guard reports its own PID: writing it here could race
                // with the guard's next report.
                libc::_exit(0);
            }
            if g < 0 {
                write_i32(report_w.as_raw_fd(), -1);
                libc::_exit(1);
            }
            let exec_args = match (&exec, &exec_ptrs) {
                (Some((program, _, _, _)), Some((argv, envp, fds))) => Some((
                    program.as_ptr(),
                    argv.as_ptr(),
                    envp.as_ptr(),
                    fds.as_slice(),
                )),
                _ => None,
            };
            for std_fd in 0..3 {
                libc::dup2(null.as_raw_fd(), std_fd);
            }
            guard_body(
                container.as_raw_fd(),
                running.as_ref().map(|f| f.as_raw_fd()),
                hold.as_ref().map(|f| f.as_raw_fd()),
                exec_args,
                report_w.as_raw_fd(),
            )
        }
    }
    drop(report_w);
    drop(null);
    drop(container);
    drop(running);
    drop(hold);
    drop(exec_ptrs);
    drop(exec);
    let mut status = 0;
    // SAFETY: waits for our own child.
    unsafe { libc::waitpid(child, &mut status, 0) };
    let guard = read_i32(&report_r)?;
    if guard <= 0 {
        return Err(io::Error::other("forking the network guard failed"));
    }
    let helper = if helper_pid == 0 {
        let h = read_i32(&report_r)?;
        if h <= 0 {
            return Err(io::Error::from_raw_os_error(-h));
        }
        h as u32
    } else {
        helper_pid
    };
    Ok(Spawned {
        guard: guard as u32,
        helper,
    })
}

fn read_i32(fd: &OwnedFd) -> io::Result<i32> {
    let mut b = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        // SAFETY: reads into the rest of the buffer.
        let n = unsafe { libc::read(fd.as_raw_fd(), b[got..].as_mut_ptr().cast(), 4 - got) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the network guard exited before reporting",
            ));
        }
        got += n as usize;
    }
    Ok(i32::from_ne_bytes(b))
}

/// Async-signal-safe write of one i32.
unsafe fn write_i32(fd: RawFd, v: i32) {
    let b = v.to_ne_bytes();
    libc::write(fd, b.as_ptr().cast(), 4);
}

/// Closes every descriptor from 3 up except those in `keep` (-1 = none).
unsafe fn close_except(mut keep: [RawFd; 3]) {
    keep.sort_unstable();
    let mut lo: u32 = 3;
    for k in keep {
        if k < lo as RawFd {
            continue;
        }
        if k as u32 > lo {
            close_range(lo, k as u32 - 1);
        }
        lo = k as u32 + 1;
    }
    close_range(lo, u32::MAX);
}

unsafe fn close_range(lo: u32, hi: u32) {
    if libc::syscall(libc::SYS_close_range, lo, hi, 0u32) == 0 {
        return;
    }
    // Kernels before 5.9: close one by one up to a sane limit.
    let top = hi.min(65535);
    let mut fd = lo;
    while fd <= top {
        libc::close(fd as RawFd);
        fd += 1;
    }
}

unsafe fn pidfd_signal(pidfd: RawFd, sig: libc::c_int) {
    libc::syscall(
        libc::SYS_pidfd_send_signal,
        pidfd,
        sig,
        std::ptr::null::<libc::siginfo_t>(),
        0u32,
    );
}

type ExecArgs<'a> = (
    *const libc::c_char,
    *const *const libc::c_char,
    *const *const libc::c_char,
    &'a [(RawFd, RawFd)],
);

/// The guard itself; never returns.
unsafe fn guard_body(
    container: RawFd,
    running: Option<RawFd>,
    hold: Option<RawFd>,
    exec: Option<ExecArgs<'_>>,
    report: RawFd,
) -> ! {
    write_i32(report, libc::getpid());
    // A clean signal state: nothing blocked, default actions.
    let mut set: libc::sigset_t = std::mem::zeroed();
    libc::sigemptyset(&mut set);
    libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGCHLD] {
        libc::signal(sig, libc::SIG_DFL);
    }
    libc::signal(libc::SIGPIPE, libc::SIG_IGN);

    let mut child: libc::pid_t = 0;
    let helper = match (running, exec) {
        (Some(fd), _) => fd,
        (None, Some((program, argv, envp, fds))) => {
            child = libc::fork();
            if child == 0 {
                for &(from, to) in fds {
                    libc::dup2(from, to);
                }
                let top = fds.iter().map(|&(_, to)| to).max().unwrap_or(2);
                close_range(top as u32 + 1, u32::MAX);
                libc::execve(program, argv, envp);
                libc::_exit(127);
            }
            if child < 0 {
                write_i32(report, -*libc::__errno_location());
                libc::_exit(1);
            }
            let fd = libc::syscall(libc::SYS_pidfd_open, child, 0u32);
            if fd < 0 {
                write_i32(report, -*libc::__errno_location());
                libc::kill(child, libc::SIGKILL);
                libc::_exit(1);
            }
            write_i32(report, child);
            fd as RawFd
        }
        (None, None) => libc::_exit(1),
    };
    close_except([container, helper, hold.unwrap_or(-1)]);

    let mut fds = [
        libc::pollfd {
            fd: container,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: helper,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    loop {
        let n = libc::poll(fds.as_mut_ptr(), 2, -1);
        if n < 0 {
            if *libc::__errno_location() == libc::EINTR {
                continue;
            }
            break;
        }
        if fds[1].revents != 0 {
            // The helper ended first: nothing left to guard.
            if child > 0 {
                libc::waitpid(child, std::ptr::null_mut(), 0);
            }
            libc::_exit(0);
        }
        if fds[0].revents != 0 {
            break;
        }
    }
    // The container has exited: end the helper.
    match hold {
        Some(h) => {
            libc::close(h);
        }
        // pasta: Debian 12's version ignores SIGTERM, and keeps no state.
        None => pidfd_signal(helper, libc::SIGKILL),
    }
    let mut one = [libc::pollfd {
        fd: helper,
        events: libc::POLLIN,
        revents: 0,
    }];
    if libc::poll(one.as_mut_ptr(), 1, 5000) == 0 {
        pidfd_signal(helper, libc::SIGKILL);
    }
    if child > 0 {
        libc::waitpid(child, std::ptr::null_mut(), 0);
    }
    libc::_exit(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_time_is_stable_and_none_for_missing_processes() {
        let me = std::process::id();
        let t = start_time(me).expect("own start time");
        assert_eq!(start_time(me), Some(t));
        assert_eq!(start_time(u32::MAX - 1), None);
    }

    #[test]
    fn guard_ends_a_helper_when_the_container_exits() {
        // "container" and "helper" are two sleeps; killing the first must
        // make the guard end the second.
        let mut container = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let helper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let hpid = helper.id();
        let g = start(
            pidfd_open(container.id()).unwrap(),
            Watched::Running(pidfd_open(hpid).unwrap()),
            hpid,
        )
        .unwrap();
        assert!(start_time(g.guard).is_some(), "guard runs");
        container.kill().unwrap();
        container.wait().unwrap();
        let mut helper = helper;
        let st = helper.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(st.signal(), Some(libc::SIGKILL));
        for _ in 0..100 {
            if start_time(g.guard).is_none() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("guard {} still runs", g.guard);
    }
}
