//! Processes named the way rpod records them, and held by pidfd.
//!
//! A PID alone names whatever process holds that number now: after the
//! process exits (and after a reboot) the number goes to someone else. rpod
//! records a PID together with the process's start time (field 22 of
//! `/proc/PID/stat`, clock ticks since boot; crun does the same in
//! `status.c`) and the boot it belongs to, so a [`ProcessId`] either names
//! the recorded process or nothing.
//!
//! Signals and waits go through a pidfd ([`PidFd`]), opened first and
//! checked after: a pidfd keeps naming the process it was opened for, so
//! once the check passes no later reuse of the number can redirect a signal.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::Signal;

/// A process as rpod records it: its PID and its start time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessId {
    /// The PID (in rpod's PID namespace).
    pub pid: i32,
    /// Field 22 of `/proc/PID/stat` (clock ticks after boot).
    pub start: u64,
}

impl ProcessId {
    /// The live process that has `pid` now; `None` when there is none, or
    /// only a zombie.
    pub fn of(pid: i32) -> Option<ProcessId> {
        super::process_start_time(pid).map(|start| ProcessId { pid, start })
    }

    /// Whether the recorded process still runs: a process with this PID
    /// and this start time, not a zombie.
    pub fn is_alive(&self) -> bool {
        self.start != 0 && super::process_start_time(self.pid) == Some(self.start)
    }

    /// A pidfd for the recorded process, if it still runs. The descriptor
    /// is opened before the start time is checked, so it names the
    /// recorded process and no other.
    pub fn open(&self) -> Option<PidFd> {
        if self.pid <= 0 || self.start == 0 {
            return None;
        }
        let fd = PidFd::open(self.pid).ok()?;
        self.is_alive().then_some(fd)
    }
}

/// The identity of the running kernel (`/proc/sys/kernel/random/boot_id`),
/// read once; empty when unreadable. Start times count from boot, so they
/// are only compared within one boot.
pub fn boot_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    })
}

/// A pidfd (pidfd_open(2)): a descriptor naming one process, which signals
/// reach only while it runs and which turns readable when it exits.
#[derive(Debug)]
pub struct PidFd(OwnedFd);

impl PidFd {
    /// Opens a pidfd for whatever process has `pid` now (see
    /// [`ProcessId::open`] for the recorded one).
    pub fn open(pid: i32) -> Result<PidFd, Errno> {
        let pid = rustix::process::Pid::from_raw(pid).ok_or(Errno::ESRCH)?;
        rustix::process::pidfd_open(pid, rustix::process::PidfdFlags::empty())
            .map(PidFd)
            .map_err(super::errno)
    }

    /// Sends `signal` to the process (ESRCH once it has exited).
    pub fn signal(&self, signal: Signal) -> Result<(), Errno> {
        let sig = rustix::process::Signal::from_named_raw(signal as i32).ok_or(Errno::EINVAL)?;
        rustix::process::pidfd_send_signal(&self.0, sig).map_err(super::errno)
    }

    /// Sends signal number `signal` (also a real-time one, `SIGRTMIN+3`,
    /// which [`Signal`] cannot name) to the process.
    pub fn signal_number(&self, signal: i32) -> Result<(), Errno> {
        // SAFETY: pidfd_send_signal(2) with a null siginfo and no flags
        // reads no memory of ours; the descriptor is open for the call.
        let r = unsafe {
            libc::syscall(
                libc::SYS_pidfd_send_signal,
                self.0.as_raw_fd(),
                signal,
                std::ptr::null::<libc::siginfo_t>(),
                0u32,
            )
        };
        Errno::result(r).map(drop)
    }

    /// Whether the process has exited (it may not be reaped yet).
    pub fn has_exited(&self) -> bool {
        let mut fds = [PollFd::new(self.0.as_fd(), PollFlags::POLLIN)];
        matches!(nix::poll::poll(&mut fds, PollTimeout::ZERO), Ok(n) if n > 0)
    }
}

impl From<PidFd> for OwnedFd {
    fn from(fd: PidFd) -> OwnedFd {
        fd.0
    }
}

impl AsFd for PidFd {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.0.as_fd()
    }
}

/// Waits until one of `fds` turns readable (its process exited) or
/// `timeout` has passed; returns the indexes of the exited ones (empty on
/// timeout). With no descriptors it just waits out the timeout.
pub fn wait_any(fds: &[&PidFd], timeout: Duration) -> Vec<usize> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let ms = u16::try_from(left.as_millis()).unwrap_or(u16::MAX);
        if fds.is_empty() {
            std::thread::sleep(left);
            return Vec::new();
        }
        let mut polled: Vec<PollFd<'_>> = fds
            .iter()
            .map(|f| PollFd::new(f.as_fd(), PollFlags::POLLIN))
            .collect();
        match nix::poll::poll(&mut polled, PollTimeout::from(ms)) {
            Ok(0) if Instant::now() >= deadline => return Vec::new(),
            Ok(0) | Err(Errno::EINTR) => {}
            Ok(_) => {
                return polled
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.revents().is_some_and(|r| !r.is_empty()))
                    .map(|(i, _)| i)
                    .collect()
            }
            // A descriptor poll cannot wait on: do not spin.
            Err(_) => {
                std::thread::sleep(left.min(Duration::from_millis(20)));
                return Vec::new();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_process_is_its_pid_and_start_time() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let me = ProcessId::of(child.id() as i32).expect("a live child");
        assert!(me.is_alive());
        // The same PID with another start time is someone else.
        let other = ProcessId {
            start: me.start + 1,
            ..me
        };
        assert!(!other.is_alive());
        assert!(other.open().is_none());
        assert!(ProcessId { start: 0, ..me }.open().is_none());
        let fd = me.open().expect("a pidfd for the recorded process");
        assert!(!fd.has_exited());
        assert!(wait_any(&[&fd], Duration::from_millis(10)).is_empty());
        fd.signal(Signal::SIGKILL).unwrap();
        assert_eq!(wait_any(&[&fd], Duration::from_secs(10)), vec![0]);
        assert!(fd.has_exited());
        // A zombie is not alive; signalling it through the pidfd is harmless.
        assert!(!me.is_alive());
        child.wait().unwrap();
        assert_eq!(fd.signal(Signal::SIGKILL), Err(Errno::ESRCH));
        assert!(me.open().is_none());
        assert!(!boot_id().is_empty());
    }
}
