//! The PID holder of a pod that shares its PID namespace (`--share pid`):
//! the one place where a pod needs a process of its own, because the
//! kernel ends a PID namespace, and every process in it, when its PID 1
//! exits. The holder is that PID 1: it reaps the orphans the namespace
//! gives it and does nothing else. It lives while a member of the pod
//! runs, and exits once it has been alone in its namespace with the
//! pod's `podpid` lock free (a member that is starting holds the lock
//! from finding the holder until its process exists, so the holder never
//! leaves a starting member a dead namespace).
//!
//! Its PID and start time are recorded in `<run root>/pods/<id>/pid-holder`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

/// Where a pod's holder is recorded.
pub fn record_path(runroot: &Path, pod_id: &str) -> PathBuf {
    runroot.join("pods").join(pod_id).join("pid-holder")
}

/// The holder's PID recorded for a pod, if that process still runs
/// (the same process: its start time matches).
pub fn running(runroot: &Path, pod_id: &str) -> Option<i32> {
    let text = fs_err::read_to_string(record_path(runroot, pod_id)).ok()?;
    let (pid, start) = text.trim().split_once(' ')?;
    let (pid, start): (i32, u64) = (pid.parse().ok()?, start.parse().ok()?);
    (crate::sys::process_start_time(pid) == Some(start)).then_some(pid)
}

/// Records `pid` as the pod's holder (atomically).
pub fn record(runroot: &Path, pod_id: &str, pid: i32) -> std::io::Result<()> {
    let path = record_path(runroot, pod_id);
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    let start = crate::sys::process_start_time(pid).unwrap_or(0);
    crate::store::atomic::replace(&path, format!("{pid} {start}\n").as_bytes(), 0o600)
}

/// The identity (device, inode) of a process's PID namespace.
fn pid_namespace(proc_dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs_err::metadata(proc_dir.join("ns/pid"))
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// Whether a process other than `me` (host PID) lives in namespace `ns`.
fn others_in(ns: (u64, u64), me: u32) -> bool {
    let Ok(entries) = fs_err::read_dir("/proc") else {
        return true;
    };
    entries.flatten().any(|e| {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            return false;
        };
        pid != me && pid_namespace(&e.path()) == Some(ns)
    })
}

/// The holder's body, as PID 1 of the pod's new PID namespace: reaps,
/// and every second checks whether it is still needed. `lock` is the
/// pod's `podpid` lock file. Returns the exit code.
pub fn pid1(lock: &Path) -> u8 {
    let _ = nix::unistd::setsid();
    let _ = crate::sys::process::null_stdio();
    crate::sys::process::close_fds_except(&[]);
    crate::sys::process::unblock_signals();
    // Our PID as the host sees it (`getpid` says 1).
    let me: u32 = fs_err::read_link("/proc/self")
        .ok()
        .and_then(|p| p.to_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0);
    let Some(ns) = pid_namespace(Path::new("/proc/self")) else {
        return 1;
    };
    loop {
        while let Ok(s) = waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
            if matches!(s, WaitStatus::StillAlive) {
                break;
            }
        }
        std::thread::sleep(Duration::from_secs(1));
        if others_in(ns, me) {
            continue;
        }
        let free = fs_err::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock)
            .ok()
            .and_then(|f| {
                nix::fcntl::Flock::lock(f.into_file(), nix::fcntl::FlockArg::LockExclusiveNonblock)
                    .ok()
            });
        if let Some(held) = free {
            if !others_in(ns, me) {
                // Exiting with the lock held: a member that takes it next
                // finds this process gone and starts a new holder.
                std::mem::forget(held);
                return 0;
            }
        }
    }
}
