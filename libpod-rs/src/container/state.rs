//! The lifecycle states of a container and the mutable part of its record:
//! its processes (PID plus start time, in this boot), exit, restarts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sys::pidfd::ProcessId;

/// A container's lifecycle state, named as podman names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Created, never started (or its start failed).
    #[default]
    Created,
    /// Its process runs.
    Running,
    /// Frozen.
    Paused,
    /// Being stopped.
    Stopping,
    /// Ran and exited.
    Exited,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stopping => "stopping",
            Status::Exited => "exited",
        })
    }
}

/// What changes as the container runs.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct State {
    /// Current status.
    pub status: Status,
    /// Host pid of the container's PID 1 while running.
    pub pid: i32,
    /// Its start time (clock ticks, /proc/PID/stat field 22), so that a
    /// recycled pid is never signalled or joined; 0 in records of older
    /// rpods (see [`State::init_process`]).
    #[serde(default)]
    pub pid_start: u64,
    /// Pid of the process supervising it (a monitor, or `rpod run` itself).
    pub monitor_pid: i32,
    /// The supervisor's start time (clock ticks, /proc/PID/stat field 22),
    /// so that a recycled pid is not taken for it.
    pub monitor_start: u64,
    /// The boot the recorded processes belong to
    /// ([`crate::sys::pidfd::boot_id`]): start times count from boot, so
    /// after a reboot every recorded process is gone. Empty in records of
    /// older rpods.
    #[serde(default)]
    pub boot_id: String,
    /// When it last started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it last exited.
    pub finished_at: Option<DateTime<Utc>>,
    /// Its last exit code.
    pub exit_code: i32,
    /// How often the restart policy restarted it.
    pub restart_count: u32,
    /// Set by `stop`, so that `unless-stopped`/`always` do not restart it.
    pub stopped_by_user: bool,
    /// Why the last start failed, if it did.
    pub error: String,
    /// The network helper (pasta or slirp4netns) while it runs.
    #[serde(default)]
    pub network_helper: Option<crate::network::Helper>,
    /// Its interfaces on bridge networks while it runs (`--network NAME`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<crate::network::holder::NetworkStatus>,
    /// While `stopping`: the rpod process that stops it (PID), so that a
    /// stop that was killed half-way does not leave it `stopping` for ever.
    #[serde(default)]
    pub stopper_pid: i32,
    /// That process's start time (clock ticks, /proc/PID/stat field 22).
    #[serde(default)]
    pub stopper_start: u64,
    /// The kernel's OOM killer killed a process of its last run (read
    /// from its cgroup when it exited; inspect's `State.OOMKilled`).
    #[serde(default)]
    pub oom_killed: bool,
    /// Its startup healthcheck passed in this run (podman's `StartupHCPassed`).
    #[serde(default)]
    pub startup_hc_passed: bool,
    /// The startup healthcheck's successes in a row in this run.
    #[serde(default)]
    pub startup_hc_successes: u32,
    /// The startup healthcheck's failures in this run.
    #[serde(default)]
    pub startup_hc_failures: u32,
}

impl State {
    /// Whether the recorded processes belong to the running kernel's boot.
    fn this_boot(&self) -> bool {
        self.boot_id.is_empty() || self.boot_id == crate::sys::pidfd::boot_id()
    }

    /// The recorded supervisor (monitor, or a foreground `rpod run`), if
    /// it still runs.
    pub fn monitor_process(&self) -> Option<ProcessId> {
        let p = ProcessId {
            pid: self.monitor_pid,
            start: self.monitor_start,
        };
        (self.monitor_pid > 0 && self.this_boot() && p.is_alive()).then_some(p)
    }

    /// The container's recorded PID 1, if it still runs: the same PID and
    /// start time, in this boot. Records of older rpods have no start time:
    /// their PID is taken only while it is a child of the live supervisor
    /// (which reaps it, so the number cannot be reused meanwhile).
    pub fn init_process(&self) -> Option<ProcessId> {
        if self.pid <= 0 || !self.this_boot() {
            return None;
        }
        if self.pid_start != 0 {
            let p = ProcessId {
                pid: self.pid,
                start: self.pid_start,
            };
            return p.is_alive().then_some(p);
        }
        let monitor = self.monitor_process()?;
        match crate::sys::process_stat(self.pid) {
            Some((start, ppid)) if ppid == monitor.pid => Some(ProcessId {
                pid: self.pid,
                start,
            }),
            _ => None,
        }
    }

    /// Records `pid` (a child of this process, not yet reaped) as the
    /// container's PID 1, with its start time.
    pub fn set_init(&mut self, pid: i32) {
        self.pid = pid;
        // 0 only when it has already exited: then it counts as gone.
        self.pid_start = ProcessId::of(pid).map_or(0, |p| p.start);
    }

    /// Records this process as the container's supervisor, in this boot.
    pub fn set_monitor_to_self(&mut self) {
        self.monitor_pid = std::process::id() as i32;
        self.monitor_start = crate::sys::process_start_time(self.monitor_pid).unwrap_or(0);
        self.boot_id = crate::sys::pidfd::boot_id().to_string();
    }

    /// Marks it `stopping` by this process.
    pub fn set_stopping_by_self(&mut self) {
        self.status = Status::Stopping;
        self.stopper_pid = std::process::id() as i32;
        self.stopper_start = crate::sys::process_start_time(self.stopper_pid).unwrap_or(0);
    }

    /// Whether it is `stopping` but the process that stopped it is gone
    /// (killed half-way): it is still running then.
    pub fn stop_abandoned(&self) -> bool {
        self.status == Status::Stopping
            && !ProcessId {
                pid: self.stopper_pid,
                start: self.stopper_start,
            }
            .is_alive()
    }

    /// Forgets the container's PID 1 (it exited).
    pub fn clear_init(&mut self) {
        self.pid = 0;
        self.pid_start = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::Records;

    #[test]
    fn recorded_processes_are_checked_by_start_time_and_boot() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let mut s = State {
            status: Status::Running,
            ..State::default()
        };
        s.set_monitor_to_self();
        s.set_init(pid);
        assert_eq!(s.init_process().map(|p| p.pid), Some(pid));
        assert!(s.monitor_process().is_some());
        // The same PID with another start time: someone else.
        let mut other = s.clone();
        other.pid_start += 1;
        assert!(other.init_process().is_none());
        // Another boot: nothing recorded runs any more.
        let mut rebooted = s.clone();
        rebooted.boot_id = "another-boot".into();
        assert!(rebooted.init_process().is_none());
        assert!(rebooted.monitor_process().is_none());
        assert!(Records::supervisor_gone(&rebooted));
        // Records of older rpods: the PID counts only as the supervisor's child.
        let mut legacy = s.clone();
        legacy.pid_start = 0;
        assert!(legacy.init_process().is_some());
        legacy.monitor_pid = 1;
        legacy.monitor_start = crate::sys::process_start_time(1).unwrap_or(0);
        assert!(legacy.init_process().is_none());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(s.init_process().is_none());
    }
}
