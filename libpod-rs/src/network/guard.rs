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
//! The guard is a daemon ([`sys::process::daemon_then`]: double-forked, in
//! a session of its own), so it is nobody's zombie and no terminal signal
//! reaches it. It tells its starter its PID and the helper's over a
//! [`Channel`] ([`Report`]). The caller must be single-threaded (it forks).

use std::ffi::{CString, OsString};
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStringExt;
use std::time::Duration;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::Signal;
use serde::{Deserialize, Serialize};

use crate::sys::channel::{self, Channel};
use crate::sys::pidfd::{self, PidFd};
use crate::sys::{self as sys};

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
    Running(PidFd),
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

/// What the guard tells the process that started it, once.
#[derive(Debug, Serialize, Deserialize)]
enum Report {
    /// The guard runs (its PID) and watches the helper (the PID of the one
    /// it started, `None` for one that already ran).
    Guarding { guard: u32, helper: Option<u32> },
    /// The guard could not start the helper (the error number).
    Failed { errno: i32 },
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
    signal(pid, Signal::SIGTERM);
}

/// Sends `sig` to `pid` (nothing when there is no such process).
pub(crate) fn signal(pid: u32, sig: Signal) {
    if let Ok(pid) = i32::try_from(pid) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), sig);
    }
}

fn channel_err(e: channel::Error) -> io::Error {
    io::Error::other(e.to_string())
}

/// Starts the guard for `container` (a pidfd of the container process).
/// With [`Watched::Spawn`] the helper is started by the guard, and its PID
/// returned; with [`Watched::Running`] `helper_pid` is returned as given.
pub(crate) fn start(container: PidFd, watched: Watched, helper_pid: u32) -> io::Result<Spawned> {
    let (ours, theirs) = channel::channel::<(), Report>().map_err(channel_err)?;
    // The daemon's closure owns what it uses; our copies close when the
    // closure is dropped on this side of the fork.
    sys::process::daemon_then(move || guard(container, watched, theirs))
        .map_err(io::Error::from)?;
    match ours.recv().map_err(channel_err)? {
        Some(Report::Guarding { guard, helper }) => Ok(Spawned {
            guard,
            helper: helper.unwrap_or(helper_pid),
        }),
        Some(Report::Failed { errno }) => Err(io::Error::from_raw_os_error(errno)),
        None => Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the network guard exited before reporting",
        )),
    }
}

/// The guard itself, in the daemon: starts the helper if asked to, reports,
/// then waits for the container or the helper to exit.
fn guard(mut container: PidFd, watched: Watched, report: Channel<Report, ()>) -> u8 {
    // The network namespace the helper serves: when the container exits
    // while other processes still live in it (the other members of a
    // pod), the guard watches one of them instead.
    // Never the guard's own (the host's): there, every process would do.
    let own = i32::try_from(std::process::id())
        .ok()
        .and_then(|me| namespace_id(me, "net"));
    let netns = pidfd_pid(&container)
        .and_then(|pid| namespace_id(pid, "net"))
        .filter(|ns| Some(*ns) != own);
    // stdio on /dev/null (the caller's may be pipes someone reads to EOF,
    // or a terminal), a clean signal state: nothing blocked, default
    // actions, SIGPIPE ignored as in rpod itself (the helper inherits it).
    let _ = sys::process::null_stdio();
    sys::process::unblock_signals();
    sys::process::reset_signal_dispositions();
    sys::process::ignore_signal(Signal::SIGPIPE);

    let (helper, hold, child) = match watched {
        Watched::Running(fd) => (fd, None, None),
        Watched::Spawn { exec, hold } => match spawn(&exec) {
            Ok((pid, fd)) => (fd, Some(hold), Some(pid)),
            Err(e) => {
                let _ = report.send(&Report::Failed { errno: e as i32 });
                return 1;
            }
        },
    };
    let me = std::process::id();
    let helper_pid = child.and_then(|p| u32::try_from(p.as_raw()).ok());
    let helper_any = helper_pid
        .or_else(|| pidfd_pid(&helper).and_then(|p| u32::try_from(p).ok()))
        .unwrap_or(0);
    if report
        .send(&Report::Guarding {
            guard: me,
            helper: helper_pid,
        })
        .is_err()
    {
        // Nobody to tell: the starter is gone and will not record us.
        if child.is_some() {
            let _ = helper.signal(Signal::SIGKILL);
        }
    }
    drop(report);
    let mut keep: Vec<BorrowedFd<'_>> = vec![container.as_fd(), helper.as_fd()];
    keep.extend(hold.as_ref().map(AsFd::as_fd));
    sys::process::close_fds_except(&keep);
    drop(keep);

    loop {
        let mut fds = [
            PollFd::new(container.as_fd(), PollFlags::POLLIN),
            PollFd::new(helper.as_fd(), PollFlags::POLLIN),
        ];
        match nix::poll::poll(&mut fds, PollTimeout::NONE) {
            Err(Errno::EINTR) => continue,
            Err(_) => break,
            Ok(_) => {}
        }
        let ready = |i: usize| fds[i].revents().is_some_and(|r| !r.is_empty());
        if ready(1) {
            // The helper ended first: nothing left to guard.
            if let Some(pid) = child {
                let _ = sys::process::wait(pid);
            }
            return 0;
        }
        if ready(0) {
            let others = [me, helper_any];
            match netns.and_then(|ns| successor(ns, &others)) {
                Some(next) => container = next,
                None => break,
            }
        }
    }
    // The container has exited: end the helper.
    match hold {
        Some(h) => drop(h),
        // pasta: Debian 12's version ignores SIGTERM, and keeps no state.
        None => {
            let _ = helper.signal(Signal::SIGKILL);
        }
    }
    if pidfd::wait_any(&[&helper], Duration::from_secs(5)).is_empty() {
        let _ = helper.signal(Signal::SIGKILL);
    }
    if let Some(pid) = child {
        let _ = sys::process::wait(pid);
    }
    0
}

/// The PID a pidfd refers to (`Pid:` in its fdinfo).
fn pidfd_pid(fd: &PidFd) -> Option<i32> {
    use std::os::fd::AsRawFd;
    let info =
        fs_err::read_to_string(format!("/proc/self/fdinfo/{}", fd.as_fd().as_raw_fd())).ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pid:"))
        .and_then(|v| v.trim().parse().ok())
        .filter(|p: &i32| *p > 0)
}

/// The identity (device, inode) of namespace `kind` of process `pid`.
pub(crate) fn namespace_id(pid: i32, kind: &str) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs_err::metadata(format!("/proc/{pid}/ns/{kind}"))
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// A process (not one of `except`) that lives in network namespace
/// `netns`, as a pidfd: the namespace is still in use.
pub(crate) fn successor(netns: (u64, u64), except: &[u32]) -> Option<PidFd> {
    let entries = fs_err::read_dir("/proc").ok()?;
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if except.iter().any(|x| i64::from(*x) == i64::from(pid)) {
            continue;
        }
        if namespace_id(pid, "net") == Some(netns) {
            if let Ok(fd) = PidFd::open(pid) {
                // Still the same process, in the same namespace.
                if namespace_id(pid, "net") == Some(netns) {
                    return Some(fd);
                }
            }
        }
    }
    None
}

/// Forks and execs the helper with exactly its descriptors; returns its
/// PID and a pidfd for it (the child is ours and not reaped, so the pidfd
/// names it).
fn spawn(exec: &Exec) -> Result<(nix::unistd::Pid, PidFd), Errno> {
    let env: Vec<CString> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let mut kv: OsString = k;
            kv.push("=");
            kv.push(v);
            CString::new(kv.into_vec()).ok()
        })
        .collect();
    let fds: Vec<(BorrowedFd<'_>, RawFd)> = exec.fds.iter().map(|(f, t)| (f.as_fd(), *t)).collect();
    let pid = sys::process::fork_then(|| {
        let _ = sys::process::exec_with_fds(&exec.program, &exec.argv, &env, &fds);
        127
    })?;
    match PidFd::open(pid.as_raw()) {
        Ok(fd) => Ok((pid, fd)),
        Err(e) => {
            let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
            let _ = sys::process::wait(pid);
            Err(e)
        }
    }
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
    fn guard_follows_the_other_processes_of_the_namespace() {
        // Two processes in a network namespace of their own (a pod's
        // members): the guard ends the helper only when both have exited.
        // Needs `unshare -n` (root, or unprivileged user namespaces).
        let Ok(mut first) = std::process::Command::new("unshare")
            .args(["-n", "sh", "-c", "sleep 30 & exec sleep 30"])
            .spawn()
        else {
            return;
        };
        let pid = first.id() as i32;
        let mut other = None;
        for _ in 0..100 {
            let ns = namespace_id(pid, "net");
            if let Some(id) = ns.filter(|_| ns != namespace_id(std::process::id() as i32, "net")) {
                other = successor(id, &[pid as u32]);
                if other.is_some() {
                    break;
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let Some(other) = other else {
            let _ = first.kill();
            let _ = first.wait();
            return; // no namespace could be made here
        };
        let other_pid = pidfd_pid(&other).unwrap();
        let helper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let hpid = helper.id();
        let g = start(
            PidFd::open(pid).unwrap(),
            Watched::Running(PidFd::open(hpid as i32).unwrap()),
            hpid,
        )
        .unwrap();
        first.kill().unwrap();
        first.wait().unwrap();
        // The other process still lives: so do the helper and the guard.
        assert!(!other.has_exited());
        let mut helper = helper;
        assert!(helper.try_wait().unwrap().is_none(), "helper still runs");
        assert!(start_time(g.guard).is_some(), "guard still runs");
        let _ = other.signal(Signal::SIGKILL);
        let st = helper.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(st.signal(), Some(libc::SIGKILL), "other was {other_pid}");
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
            PidFd::open(container.id() as i32).unwrap(),
            Watched::Running(PidFd::open(hpid as i32).unwrap()),
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
