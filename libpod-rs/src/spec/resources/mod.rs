//! Resource limits of a container (`--memory`, `--cpus`, `--pids-limit`,
//! `--blkio-weight`, `--device-read-bps` ...) as podman parses them, the
//! checks podman makes across them, and their OCI form
//! (`linux.resources`).
//!
//! [`ResourceFlags`] holds the flags as the user wrote them;
//! [`Resources::from_flags`] parses and checks them once, into typed
//! values that nothing re-parses. Device paths stay paths until
//! [`Resources::to_oci`], which needs their major and minor numbers.
//! Whether the limits can be applied at all (rootless on cgroup v1 they
//! cannot) is [`crate::cgroups`]'s question, not this module's.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

mod oci;
mod parse;

pub use oci::host_device;
pub use parse::parse_size;

/// The CFS period `--cpus` uses, in microseconds (podman's and Kubernetes' 100 ms).
pub const DEFAULT_CPU_PERIOD: u64 = 100_000;

/// A resource flag whose value does not parse or does not fit the others.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourceError {
    /// One flag's value is malformed or out of range.
    #[error("invalid value for {flag} {value:?}: {reason}")]
    Invalid {
        /// The flag (`--memory`).
        flag: &'static str,
        /// The value as given.
        value: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// Flags that contradict each other.
    #[error("{0}")]
    Conflict(String),
    /// A device named by a block I/O flag cannot be used.
    #[error("{flag} {path}: {reason}")]
    Device {
        /// The flag (`--device-read-bps`).
        flag: &'static str,
        /// The device path.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// A block I/O limit or weight on one device (`/dev/sda:1mb`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceLimit {
    /// The device node on the host.
    pub path: PathBuf,
    /// Bytes or operations per second, or a weight.
    pub value: u64,
}

/// `--memory-swap`: memory plus swap, or no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SwapLimit {
    /// `-1`: swap is not limited.
    Unlimited,
    /// Memory plus swap, in bytes.
    Bytes(u64),
}

/// The resource flags of `run`/`create`/`update`, as the user wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceFlags {
    /// `--memory`/`-m`.
    pub memory: Option<String>,
    /// `--memory-reservation`.
    pub memory_reservation: Option<String>,
    /// `--memory-swap`.
    pub memory_swap: Option<String>,
    /// `--memory-swappiness`.
    pub memory_swappiness: Option<String>,
    /// `--kernel-memory` (accepted and ignored, as podman 5 does).
    pub kernel_memory: Option<String>,
    /// `--cpus`.
    pub cpus: Option<String>,
    /// `--cpu-shares`/`-c`.
    pub cpu_shares: Option<String>,
    /// `--cpu-period`.
    pub cpu_period: Option<String>,
    /// `--cpu-quota`.
    pub cpu_quota: Option<String>,
    /// `--cpu-rt-period`.
    pub cpu_rt_period: Option<String>,
    /// `--cpu-rt-runtime`.
    pub cpu_rt_runtime: Option<String>,
    /// `--cpuset-cpus`.
    pub cpuset_cpus: Option<String>,
    /// `--cpuset-mems`.
    pub cpuset_mems: Option<String>,
    /// `--pids-limit`.
    pub pids_limit: Option<String>,
    /// `--blkio-weight`.
    pub blkio_weight: Option<String>,
    /// `--blkio-weight-device` (repeated).
    pub blkio_weight_device: Vec<String>,
    /// `--device-read-bps` (repeated).
    pub device_read_bps: Vec<String>,
    /// `--device-write-bps` (repeated).
    pub device_write_bps: Vec<String>,
    /// `--device-read-iops` (repeated).
    pub device_read_iops: Vec<String>,
    /// `--device-write-iops` (repeated).
    pub device_write_iops: Vec<String>,
    /// `--oom-kill-disable`.
    pub oom_kill_disable: bool,
    /// `--oom-score-adj`.
    pub oom_score_adj: Option<String>,
    /// `--cgroup-conf KEY=VALUE` (repeated): cgroup v2 files to write.
    pub cgroup_conf: Vec<String>,
}

/// A container's resource limits, parsed and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resources {
    /// Memory limit in bytes.
    pub memory: Option<u64>,
    /// Memory soft limit in bytes.
    pub memory_reservation: Option<u64>,
    /// Memory plus swap (twice `memory` when only `memory` is given, as podman).
    pub memory_swap: Option<SwapLimit>,
    /// Swappiness 0-100 (`None`: the system's).
    pub memory_swappiness: Option<u64>,
    /// The OOM killer is disabled for the container.
    pub oom_kill_disable: bool,
    /// `--cpus` in billionths of a CPU (Docker's `NanoCpus`).
    pub nano_cpus: Option<u64>,
    /// Relative CPU weight (cgroup v1 shares, 2-262144).
    pub cpu_shares: Option<u64>,
    /// CFS period in microseconds.
    pub cpu_period: Option<u64>,
    /// CFS quota in microseconds per period.
    pub cpu_quota: Option<i64>,
    /// Real-time scheduler period in microseconds (cgroup v1 only).
    pub cpu_rt_period: Option<u64>,
    /// Real-time runtime in microseconds per period (-1: no limit; cgroup v1 only).
    pub cpu_rt_runtime: Option<i64>,
    /// CPUs the container may run on (`0-3,5`).
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use.
    pub cpuset_mems: Option<String>,
    /// Maximum number of processes; 0 or negative: no limit.
    pub pids_limit: Option<i64>,
    /// Block I/O weight 10-1000.
    pub blkio_weight: Option<u16>,
    /// Per-device block I/O weights.
    pub blkio_weight_device: Vec<DeviceLimit>,
    /// Per-device read limits in bytes per second.
    pub device_read_bps: Vec<DeviceLimit>,
    /// Per-device write limits in bytes per second.
    pub device_write_bps: Vec<DeviceLimit>,
    /// Per-device read limits in operations per second.
    pub device_read_iops: Vec<DeviceLimit>,
    /// Per-device write limits in operations per second.
    pub device_write_iops: Vec<DeviceLimit>,
    /// The OOM score adjustment of the container's processes (-1000..=1000;
    /// the process's `oomScoreAdj`, not a cgroup setting).
    pub oom_score_adj: Option<i32>,
    /// `--cgroup-conf`: cgroup v2 file name to the value written there
    /// (OCI's `linux.resources.unified`).
    pub unified: std::collections::BTreeMap<String, String>,
}

impl fmt::Display for SwapLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SwapLimit::Unlimited => f.write_str("-1"),
            SwapLimit::Bytes(b) => write!(f, "{b}"),
        }
    }
}

#[cfg(test)]
mod tests;
