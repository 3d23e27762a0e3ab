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

use std::fmt;
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    LinuxBlockIo, LinuxCpu, LinuxMemory, LinuxMemoryBuilder, LinuxPids, LinuxResources,
    LinuxThrottleDevice, LinuxThrottleDeviceBuilder, LinuxWeightDeviceBuilder,
};
use serde::{Deserialize, Serialize};

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

fn invalid(flag: &'static str, value: &str, reason: impl Into<String>) -> ResourceError {
    ResourceError::Invalid {
        flag,
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// Parses podman's memory size syntax ([`crate::units::ram_in_bytes`]),
/// naming `flag` when it does not parse.
pub fn parse_size(flag: &'static str, value: &str) -> Result<u64, ResourceError> {
    crate::units::ram_in_bytes(value).map_err(|e| invalid(flag, value, e.to_string()))
}

fn parse_int<T: std::str::FromStr>(
    flag: &'static str,
    value: &str,
    what: &str,
) -> Result<T, ResourceError> {
    value.trim().parse().map_err(|_| invalid(flag, value, what))
}

/// Checks a cpuset list (`0-3,5,7-8`).
fn parse_cpuset(flag: &'static str, value: &str) -> Result<String, ResourceError> {
    let forms = "use a list of numbers and ranges such as 0-3 or 0,2,4-6";
    if value.is_empty() {
        return Err(invalid(flag, value, format!("empty list: {forms}")));
    }
    for part in value.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
            return Err(invalid(
                flag,
                value,
                format!("{part:?} is not a number or range: {forms}"),
            ));
        };
        if a > b {
            return Err(invalid(
                flag,
                value,
                format!("the range {part} runs backwards: {forms}"),
            ));
        }
    }
    Ok(value.to_string())
}

/// A block I/O limit or weight on one device (`/dev/sda:1mb`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceLimit {
    /// The device node on the host.
    pub path: PathBuf,
    /// Bytes or operations per second, or a weight.
    pub value: u64,
}

#[derive(Clone, Copy)]
enum DeviceValue {
    Bytes,
    Count,
    Weight,
}

fn parse_device(
    flag: &'static str,
    value: &str,
    kind: DeviceValue,
) -> Result<DeviceLimit, ResourceError> {
    let what = match kind {
        DeviceValue::Bytes => {
            "DEVICE:RATE with RATE a number with an optional unit kb, mb or gb, e.g. /dev/sda:1mb"
        }
        DeviceValue::Count => {
            "DEVICE:RATE with RATE a number of operations per second, e.g. /dev/sda:1000"
        }
        DeviceValue::Weight => "DEVICE:WEIGHT with WEIGHT 0 or from 10 to 1000, e.g. /dev/sda:200",
    };
    let Some((path, v)) = value.split_once(':') else {
        return Err(invalid(flag, value, format!("use {what}")));
    };
    if !path.starts_with("/dev/") {
        return Err(invalid(
            flag,
            value,
            format!("the device must be a path under /dev/: use {what}"),
        ));
    }
    let n = match kind {
        DeviceValue::Bytes => {
            parse_size(flag, v).map_err(|_| invalid(flag, value, format!("use {what}")))?
        }
        DeviceValue::Count | DeviceValue::Weight => v
            .parse::<u64>()
            .map_err(|_| invalid(flag, value, format!("use {what}")))?,
    };
    if matches!(kind, DeviceValue::Weight) && n != 0 && !(10..=1000).contains(&n) {
        return Err(invalid(flag, value, format!("use {what}")));
    }
    Ok(DeviceLimit {
        path: PathBuf::from(path),
        value: n,
    })
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
}

impl Resources {
    /// Parses and checks the flags; returns the limits and podman's warnings
    /// (`--kernel-memory` is ignored).
    pub fn from_flags(f: &ResourceFlags) -> Result<(Resources, Vec<String>), ResourceError> {
        let (r, warnings) = Resources::parse_flags(f)?;
        r.check()?;
        Ok((r, warnings))
    }

    /// The limits after `update` with flags `f`: only what the flags give
    /// changes (podman issue 24610). `--memory` without `--memory-swap`
    /// sets swap to twice the new limit, as at create; `--cpus` replaces a
    /// period and quota, and `--cpu-period`/`--cpu-quota` replace `--cpus`
    /// (its quota kept unless given); a device limit replaces the one of
    /// the same device. The result is checked as a whole.
    pub fn updated(&self, f: &ResourceFlags) -> Result<(Resources, Vec<String>), ResourceError> {
        let (new, warnings) = Resources::parse_flags(f)?;
        let mut r = self.clone();
        if f.memory.is_some() {
            r.memory = new.memory;
        }
        if f.memory.is_some() || f.memory_swap.is_some() {
            r.memory_swap = new.memory_swap;
        }
        if f.memory_reservation.is_some() {
            r.memory_reservation = new.memory_reservation;
        }
        if f.memory_swappiness.is_some() {
            r.memory_swappiness = new.memory_swappiness;
        }
        if f.cpus.is_some() {
            r.nano_cpus = new.nano_cpus;
            r.cpu_period = None;
            r.cpu_quota = None;
        }
        if f.cpu_period.is_some() || f.cpu_quota.is_some() {
            let (period, quota) = r.cfs();
            r.nano_cpus = None;
            r.cpu_period = if f.cpu_period.is_some() {
                new.cpu_period
            } else {
                period
            };
            r.cpu_quota = if f.cpu_quota.is_some() {
                new.cpu_quota
            } else {
                quota
            };
        }
        if f.cpu_shares.is_some() {
            r.cpu_shares = new.cpu_shares;
        }
        if f.cpu_rt_period.is_some() {
            r.cpu_rt_period = new.cpu_rt_period;
        }
        if f.cpu_rt_runtime.is_some() {
            r.cpu_rt_runtime = new.cpu_rt_runtime;
        }
        if f.cpuset_cpus.is_some() {
            r.cpuset_cpus = new.cpuset_cpus;
        }
        if f.cpuset_mems.is_some() {
            r.cpuset_mems = new.cpuset_mems;
        }
        if f.pids_limit.is_some() {
            r.pids_limit = new.pids_limit;
        }
        if f.blkio_weight.is_some() {
            r.blkio_weight = new.blkio_weight;
        }
        if f.oom_kill_disable {
            r.oom_kill_disable = true;
        }
        if f.oom_score_adj.is_some() {
            r.oom_score_adj = new.oom_score_adj;
        }
        for (list, given) in [
            (&mut r.blkio_weight_device, new.blkio_weight_device),
            (&mut r.device_read_bps, new.device_read_bps),
            (&mut r.device_write_bps, new.device_write_bps),
            (&mut r.device_read_iops, new.device_read_iops),
            (&mut r.device_write_iops, new.device_write_iops),
        ] {
            for d in given {
                list.retain(|x| x.path != d.path);
                list.push(d);
            }
        }
        r.check()?;
        Ok((r, warnings))
    }

    /// Whether any resource flag is given (`update` changes nothing otherwise).
    pub fn flags_given(f: &ResourceFlags) -> bool {
        *f != ResourceFlags::default()
    }

    /// Parses the flags one by one, without the checks across them.
    fn parse_flags(f: &ResourceFlags) -> Result<(Resources, Vec<String>), ResourceError> {
        let mut warnings = Vec::new();
        let mut r = Resources::default();
        // Conflicts first, as podman reports them before any value.
        if f.cpus.is_some() && f.cpu_period.is_some() {
            return Err(ResourceError::Conflict(
                "--cpu-period and --cpus cannot be set together".into(),
            ));
        }
        if f.cpus.is_some() && f.cpu_quota.is_some() {
            return Err(ResourceError::Conflict(
                "--cpu-quota and --cpus cannot be set together".into(),
            ));
        }
        if f.kernel_memory.is_some() {
            warnings.push(
                "The --kernel-memory flag is no longer supported. This flag is a noop.".into(),
            );
        }
        if let Some(v) = &f.memory {
            r.memory = Some(parse_size("--memory", v)?);
        }
        if let Some(v) = &f.memory_reservation {
            r.memory_reservation = Some(parse_size("--memory-reservation", v)?);
        }
        match f.memory_swap.as_deref() {
            Some("-1") => r.memory_swap = Some(SwapLimit::Unlimited),
            Some(v) => r.memory_swap = Some(SwapLimit::Bytes(parse_size("--memory-swap", v)?)),
            None => {
                // podman: memory alone allows as much swap again.
                r.memory_swap = r.memory.map(|m| SwapLimit::Bytes(m.saturating_mul(2)));
            }
        }
        if let Some(v) = &f.memory_swappiness {
            let n: i64 = parse_int(
                "--memory-swappiness",
                v,
                "use a number from 0 to 100, or -1 for the system's default",
            )?;
            match n {
                -1 => {}
                0..=100 => r.memory_swappiness = Some(n.unsigned_abs()),
                _ => {
                    return Err(invalid(
                        "--memory-swappiness",
                        v,
                        "use a number from 0 to 100, or -1 for the system's default",
                    ))
                }
            }
        }
        r.oom_kill_disable = f.oom_kill_disable;

        if let Some(v) = &f.cpus {
            let what = "use a number of CPUs such as 1.5 (at least 0.01)";
            let n: f64 = parse_int("--cpus", v, what)?;
            if !n.is_finite() || n < 0.01 {
                return Err(invalid("--cpus", v, what));
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let nano = (n * 1e9).round() as u64;
            r.nano_cpus = Some(nano);
        }
        if let Some(v) = &f.cpu_shares {
            let what = "use a relative weight from 2 to 262144 (1024 is the default)";
            let n: u64 = parse_int("--cpu-shares", v, what)?;
            if n != 0 {
                if !(2..=262_144).contains(&n) {
                    return Err(invalid("--cpu-shares", v, what));
                }
                r.cpu_shares = Some(n);
            }
        }
        if let Some(v) = &f.cpu_period {
            let what = "use microseconds from 1000 (1ms) to 1000000 (1s)";
            let n: u64 = parse_int("--cpu-period", v, what)?;
            if n != 0 {
                if !(1000..=1_000_000).contains(&n) {
                    return Err(invalid("--cpu-period", v, what));
                }
                r.cpu_period = Some(n);
            }
        }
        if let Some(v) = &f.cpu_quota {
            let what = "use microseconds per period, at least 1000 (1ms)";
            let n: i64 = parse_int("--cpu-quota", v, what)?;
            if n > 0 {
                if n < 1000 {
                    return Err(invalid("--cpu-quota", v, what));
                }
                r.cpu_quota = Some(n);
            } else if n < 0 && n != -1 {
                return Err(invalid("--cpu-quota", v, what));
            }
        }
        if let Some(v) = &f.cpu_rt_period {
            let what = "use microseconds from 1000 (1ms) to 1000000 (1s)";
            let n: u64 = parse_int("--cpu-rt-period", v, what)?;
            if n != 0 {
                if !(1000..=1_000_000).contains(&n) {
                    return Err(invalid("--cpu-rt-period", v, what));
                }
                r.cpu_rt_period = Some(n);
            }
        }
        if let Some(v) = &f.cpu_rt_runtime {
            let what = "use microseconds per period (at most the period), or -1 for no limit";
            let n: i64 = parse_int("--cpu-rt-runtime", v, what)?;
            if !(-1..=1_000_000).contains(&n) {
                return Err(invalid("--cpu-rt-runtime", v, what));
            }
            if n != 0 {
                r.cpu_rt_runtime = Some(n);
            }
        }
        if let Some(v) = &f.cpuset_cpus {
            r.cpuset_cpus = Some(parse_cpuset("--cpuset-cpus", v)?);
        }
        if let Some(v) = &f.cpuset_mems {
            r.cpuset_mems = Some(parse_cpuset("--cpuset-mems", v)?);
        }
        if let Some(v) = &f.pids_limit {
            let n: i64 = parse_int(
                "--pids-limit",
                v,
                "use a number of processes, or -1 for no limit",
            )?;
            if n < -1 || n > i64::from(i32::MAX) {
                return Err(invalid(
                    "--pids-limit",
                    v,
                    "use a number of processes, or -1 for no limit",
                ));
            }
            r.pids_limit = Some(n);
        }
        if let Some(v) = &f.blkio_weight {
            let what = "use a weight from 10 to 1000";
            let n: u16 = parse_int("--blkio-weight", v, what)?;
            if !(10..=1000).contains(&n) {
                return Err(invalid("--blkio-weight", v, what));
            }
            r.blkio_weight = Some(n);
        }
        let devices = |flag: &'static str, list: &[String], kind: DeviceValue| {
            list.iter()
                .map(|v| parse_device(flag, v, kind))
                .collect::<Result<Vec<_>, _>>()
        };
        r.blkio_weight_device = devices(
            "--blkio-weight-device",
            &f.blkio_weight_device,
            DeviceValue::Weight,
        )?;
        r.device_read_bps = devices("--device-read-bps", &f.device_read_bps, DeviceValue::Bytes)?;
        r.device_write_bps = devices(
            "--device-write-bps",
            &f.device_write_bps,
            DeviceValue::Bytes,
        )?;
        r.device_read_iops = devices(
            "--device-read-iops",
            &f.device_read_iops,
            DeviceValue::Count,
        )?;
        r.device_write_iops = devices(
            "--device-write-iops",
            &f.device_write_iops,
            DeviceValue::Count,
        )?;
        if let Some(v) = &f.oom_score_adj {
            let what = "use a number from -1000 to 1000";
            let n: i32 = parse_int("--oom-score-adj", v, what)?;
            if !(-1000..=1000).contains(&n) {
                return Err(invalid("--oom-score-adj", v, what));
            }
            r.oom_score_adj = Some(n);
        }
        Ok((r, warnings))
    }

    /// podman's checks across flags: swap at least the memory limit and
    /// only with one, a reservation at most the limit.
    pub fn check(&self) -> Result<(), ResourceError> {
        match (self.memory, self.memory_swap) {
            (None, Some(SwapLimit::Bytes(_))) => {
                return Err(ResourceError::Conflict(
                    "--memory-swap needs a memory limit: give --memory too (--memory-swap is memory plus swap)".into(),
                ))
            }
            (Some(m), Some(SwapLimit::Bytes(s))) if s < m => {
                return Err(ResourceError::Conflict(format!(
                    "--memory-swap {s} is below --memory {m}: --memory-swap is memory plus swap, so it must be at least the memory limit (or -1 for unlimited swap)"
                )))
            }
            _ => {}
        }
        if let (Some(p), Some(r)) = (self.cpu_rt_period, self.cpu_rt_runtime) {
            if r > 0 && r.unsigned_abs() > p {
                return Err(ResourceError::Conflict(format!(
                    "--cpu-rt-runtime {r} is above --cpu-rt-period {p}: the real-time runtime is a share of the period"
                )));
            }
        }
        if let (Some(m), Some(r)) = (self.memory, self.memory_reservation) {
            if r > m {
                return Err(ResourceError::Conflict(format!(
                    "--memory-reservation {r} is above --memory {m}: the soft limit must not exceed the memory limit"
                )));
            }
        }
        Ok(())
    }

    /// Whether any limit is set (anything for a cgroup to do).
    pub fn is_empty(&self) -> bool {
        Resources {
            oom_score_adj: None,
            ..self.clone()
        } == Resources::default()
    }

    /// The CFS period and quota in microseconds: `--cpus` converted as
    /// podman does (over a 100 ms period), else `--cpu-period`/`--cpu-quota`.
    pub fn cfs(&self) -> (Option<u64>, Option<i64>) {
        match self.nano_cpus {
            Some(nano) => {
                let quota = nano.saturating_mul(DEFAULT_CPU_PERIOD) / 1_000_000_000;
                (Some(DEFAULT_CPU_PERIOD), i64::try_from(quota).ok())
            }
            None => (self.cpu_period, self.cpu_quota),
        }
    }

    /// The memory limit with swap, for cgroup v1's `memory.memsw.limit_in_bytes`
    /// (-1: unlimited).
    pub fn swap_total(&self) -> Option<i64> {
        self.memory_swap.map(|s| match s {
            SwapLimit::Unlimited => -1,
            SwapLimit::Bytes(b) => i64::try_from(b).unwrap_or(i64::MAX),
        })
    }

    /// The OCI `linux.resources` of these limits (`None` when there are
    /// none); `device` gives a device path's major and minor numbers
    /// ([`host_device`] reads them from the host).
    pub fn to_oci(
        &self,
        device: impl Fn(&Path) -> std::io::Result<(i64, i64)>,
    ) -> Result<Option<LinuxResources>, ResourceError> {
        if self.is_empty() {
            return Ok(None);
        }
        let bytes = |b: u64| i64::try_from(b).unwrap_or(i64::MAX);
        let mut out = LinuxResources::default();
        if self.memory.is_some()
            || self.memory_reservation.is_some()
            || self.memory_swap.is_some()
            || self.memory_swappiness.is_some()
            || self.oom_kill_disable
        {
            let mut m = LinuxMemoryBuilder::default();
            if let Some(v) = self.memory {
                m = m.limit(bytes(v));
            }
            if let Some(v) = self.memory_reservation {
                m = m.reservation(bytes(v));
            }
            if let Some(v) = self.swap_total() {
                m = m.swap(v);
            }
            if let Some(v) = self.memory_swappiness {
                m = m.swappiness(v);
            }
            if self.oom_kill_disable {
                m = m.disable_oom_killer(true);
            }
            let m: LinuxMemory = m.build().expect("every field is optional");
            out.set_memory(Some(m));
        }
        let (period, quota) = self.cfs();
        if self.cpu_shares.is_some()
            || period.is_some()
            || quota.is_some()
            || self.cpu_rt_period.is_some()
            || self.cpu_rt_runtime.is_some()
            || self.cpuset_cpus.is_some()
            || self.cpuset_mems.is_some()
        {
            let mut c = LinuxCpu::default();
            c.set_shares(self.cpu_shares);
            c.set_period(period);
            c.set_quota(quota);
            c.set_cpus(self.cpuset_cpus.clone());
            c.set_mems(self.cpuset_mems.clone());
            c.set_realtime_period(self.cpu_rt_period);
            c.set_realtime_runtime(self.cpu_rt_runtime);
            out.set_cpu(Some(c));
        }
        if let Some(limit) = self.pids_limit {
            let mut p = LinuxPids::default();
            p.set_limit(limit);
            out.set_pids(Some(p));
        }
        let throttle = |flag: &'static str, list: &[DeviceLimit]| {
            list.iter()
                .map(|d| {
                    let (major, minor) = resolve(flag, &d.path, &device)?;
                    Ok(LinuxThrottleDeviceBuilder::default()
                        .major(major)
                        .minor(minor)
                        .rate(d.value)
                        .build()
                        .expect("every field is set"))
                })
                .collect::<Result<Vec<_>, ResourceError>>()
        };
        let some = |v: Vec<LinuxThrottleDevice>| (!v.is_empty()).then_some(v);
        if self.blkio_weight.is_some()
            || !self.blkio_weight_device.is_empty()
            || !self.device_read_bps.is_empty()
            || !self.device_write_bps.is_empty()
            || !self.device_read_iops.is_empty()
            || !self.device_write_iops.is_empty()
        {
            let mut b = LinuxBlockIo::default();
            b.set_weight(self.blkio_weight);
            let weights = self
                .blkio_weight_device
                .iter()
                .map(|d| {
                    let (major, minor) = resolve("--blkio-weight-device", &d.path, &device)?;
                    let mut w = LinuxWeightDeviceBuilder::default()
                        .major(major)
                        .minor(minor);
                    if let Ok(weight) = u16::try_from(d.value) {
                        w = w.weight(weight);
                    }
                    Ok(w.build().expect("every field is set"))
                })
                .collect::<Result<Vec<_>, ResourceError>>()?;
            b.set_weight_device((!weights.is_empty()).then_some(weights));
            b.set_throttle_read_bps_device(some(throttle(
                "--device-read-bps",
                &self.device_read_bps,
            )?));
            b.set_throttle_write_bps_device(some(throttle(
                "--device-write-bps",
                &self.device_write_bps,
            )?));
            b.set_throttle_read_iops_device(some(throttle(
                "--device-read-iops",
                &self.device_read_iops,
            )?));
            b.set_throttle_write_iops_device(some(throttle(
                "--device-write-iops",
                &self.device_write_iops,
            )?));
            out.set_block_io(Some(b));
        }
        Ok(Some(out))
    }
}

fn resolve(
    flag: &'static str,
    path: &Path,
    device: &impl Fn(&Path) -> std::io::Result<(i64, i64)>,
) -> Result<(i64, i64), ResourceError> {
    device(path).map_err(|e| ResourceError::Device {
        flag,
        path: path.to_path_buf(),
        reason: format!("{e}: give an existing block device"),
    })
}

/// A block device's major and minor numbers, read from the host's node.
pub fn host_device(path: &Path) -> std::io::Result<(i64, i64)> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let meta = fs_err::metadata(path)?;
    if !meta.file_type().is_block_device() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a block device",
        ));
    }
    let rdev = meta.rdev();
    let major = i64::from(nix::sys::stat::major(rdev) as u32);
    let minor = i64::from(nix::sys::stat::minor(rdev) as u32);
    Ok((major, minor))
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
mod tests {
    use super::*;

    fn parse(set: impl FnOnce(&mut ResourceFlags)) -> Result<Resources, ResourceError> {
        let mut f = ResourceFlags::default();
        set(&mut f);
        Resources::from_flags(&f).map(|(r, _)| r)
    }

    fn fake_device(p: &Path) -> std::io::Result<(i64, i64)> {
        match p.to_str() {
            Some("/dev/sda") => Ok((8, 0)),
            Some("/dev/vdb") => Ok((254, 16)),
            _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        }
    }

    #[test]
    fn sizes_as_podman_reads_them() {
        for (s, want) in [
            ("0", 0),
            ("512", 512),
            ("10b", 10),
            ("1k", 1024),
            ("1K", 1024),
            ("1kb", 1024),
            ("1KiB", 1024),
            ("256m", 256 << 20),
            ("1.5g", 3 << 29),
            ("2 g", 2 << 30),
            ("1t", 1 << 40),
        ] {
            assert_eq!(parse_size("--memory", s).unwrap(), want, "{s}");
        }
        for s in ["", "abc", "-1", "1x", "1kk", "1bb", "1gib2", "m", "1e3"] {
            let e = parse_size("--memory", s).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("invalid value for --memory {s:?}"))
                    && e.contains("b, k, m or g"),
                "{s}: {e}"
            );
        }
    }

    #[test]
    fn memory_alone_allows_as_much_swap_again() {
        let r = parse(|f| f.memory = Some("256m".into())).unwrap();
        assert_eq!(r.memory, Some(256 << 20));
        assert_eq!(r.memory_swap, Some(SwapLimit::Bytes(512 << 20)));
        let r = parse(|f| {
            f.memory = Some("256m".into());
            f.memory_swap = Some("-1".into());
        })
        .unwrap();
        assert_eq!(r.memory_swap, Some(SwapLimit::Unlimited));
        assert_eq!(r.swap_total(), Some(-1));
    }

    #[test]
    fn swap_below_memory_or_without_it_is_refused() {
        let e = parse(|f| {
            f.memory = Some("512m".into());
            f.memory_swap = Some("256m".into());
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("--memory-swap") && e.contains("at least the memory limit"),
            "{e}"
        );
        let e = parse(|f| f.memory_swap = Some("1g".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("give --memory too"), "{e}");
        // Equal is fine: no swap at all.
        parse(|f| {
            f.memory = Some("512m".into());
            f.memory_swap = Some("512m".into());
        })
        .unwrap();
        let e = parse(|f| {
            f.memory = Some("128m".into());
            f.memory_reservation = Some("256m".into());
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("--memory-reservation"), "{e}");
    }

    #[test]
    fn kernel_memory_is_a_noop_with_a_warning() {
        let mut f = ResourceFlags {
            kernel_memory: Some("100m".into()),
            ..Default::default()
        };
        let (r, w) = Resources::from_flags(&f).unwrap();
        assert!(r.is_empty());
        assert_eq!(
            w,
            ["The --kernel-memory flag is no longer supported. This flag is a noop."]
        );
        f.kernel_memory = None;
        assert!(Resources::from_flags(&f).unwrap().1.is_empty());
    }

    #[test]
    fn realtime_period_and_runtime() {
        let r = parse(|f| {
            f.cpu_rt_period = Some("100000".into());
            f.cpu_rt_runtime = Some("95000".into());
        })
        .unwrap();
        assert_eq!(
            (r.cpu_rt_period, r.cpu_rt_runtime),
            (Some(100_000), Some(95_000))
        );
        let cpu = r
            .to_oci(|_| Ok((0, 0)))
            .unwrap()
            .unwrap()
            .cpu()
            .clone()
            .unwrap();
        assert_eq!(cpu.realtime_period(), Some(100_000));
        assert_eq!(cpu.realtime_runtime(), Some(95_000));
        assert_eq!(
            parse(|f| f.cpu_rt_runtime = Some("-1".into()))
                .unwrap()
                .cpu_rt_runtime,
            Some(-1)
        );
        for (period, runtime, want) in [
            ("10", "", "--cpu-rt-period"),
            ("", "-2", "--cpu-rt-runtime"),
            ("", "x", "--cpu-rt-runtime"),
            ("100000", "200000", "above --cpu-rt-period"),
        ] {
            let e = parse(|f| {
                f.cpu_rt_period = (!period.is_empty()).then(|| period.into());
                f.cpu_rt_runtime = (!runtime.is_empty()).then(|| runtime.into());
            })
            .unwrap_err()
            .to_string();
            assert!(e.contains(want), "{period} {runtime}: {e}");
        }
        // `update` changes only what it is given.
        let (u, _) = r
            .updated(&ResourceFlags {
                cpu_rt_runtime: Some("20000".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            (u.cpu_rt_period, u.cpu_rt_runtime),
            (Some(100_000), Some(20_000))
        );
    }

    #[test]
    fn cpus_become_a_quota_over_100ms() {
        let r = parse(|f| f.cpus = Some("1.5".into())).unwrap();
        assert_eq!(r.nano_cpus, Some(1_500_000_000));
        assert_eq!(r.cfs(), (Some(100_000), Some(150_000)));
        let r = parse(|f| {
            f.cpu_period = Some("50000".into());
            f.cpu_quota = Some("25000".into());
            f.cpu_shares = Some("512".into());
        })
        .unwrap();
        assert_eq!(r.cfs(), (Some(50_000), Some(25_000)));
        assert_eq!(r.cpu_shares, Some(512));
        for (set, want) in [
            (("--cpus", "0"), "at least 0.01"),
            (("--cpus", "many"), "number of CPUs"),
            (("--cpu-period", "10"), "from 1000"),
            (("--cpu-quota", "10"), "at least 1000"),
            (("--cpu-shares", "1"), "from 2 to 262144"),
        ] {
            let e = parse(|f| {
                let v = Some(set.1.to_string());
                match set.0 {
                    "--cpus" => f.cpus = v,
                    "--cpu-period" => f.cpu_period = v,
                    "--cpu-quota" => f.cpu_quota = v,
                    _ => f.cpu_shares = v,
                }
            })
            .unwrap_err()
            .to_string();
            assert!(e.contains(set.0) && e.contains(want), "{set:?}: {e}");
        }
        let e = parse(|f| {
            f.cpus = Some("1".into());
            f.cpu_quota = Some("5000".into());
        })
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "--cpu-quota and --cpus cannot be set together"
        );
    }

    #[test]
    fn cpusets_pids_swappiness_oom() {
        let r = parse(|f| {
            f.cpuset_cpus = Some("0-1,3".into());
            f.cpuset_mems = Some("0".into());
            f.pids_limit = Some("100".into());
            f.memory_swappiness = Some("10".into());
            f.oom_score_adj = Some("-500".into());
            f.oom_kill_disable = true;
        })
        .unwrap();
        assert_eq!(r.cpuset_cpus.as_deref(), Some("0-1,3"));
        assert_eq!(
            (r.pids_limit, r.memory_swappiness, r.oom_score_adj),
            (Some(100), Some(10), Some(-500))
        );
        assert!(parse(|f| f.memory_swappiness = Some("-1".into()))
            .unwrap()
            .is_empty());
        assert_eq!(
            parse(|f| f.pids_limit = Some("-1".into()))
                .unwrap()
                .pids_limit,
            Some(-1)
        );
        for (flag, v) in [
            ("--cpuset-cpus", "3-1"),
            ("--cpuset-cpus", "a"),
            ("--memory-swappiness", "101"),
            ("--pids-limit", "-2"),
            ("--oom-score-adj", "1001"),
        ] {
            let e = parse(|f| {
                let s = Some(v.to_string());
                match flag {
                    "--cpuset-cpus" => f.cpuset_cpus = s,
                    "--memory-swappiness" => f.memory_swappiness = s,
                    "--pids-limit" => f.pids_limit = s,
                    _ => f.oom_score_adj = s,
                }
            })
            .unwrap_err()
            .to_string();
            assert!(
                e.starts_with(&format!("invalid value for {flag} {v:?}: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn block_io_devices() {
        let r = parse(|f| {
            f.blkio_weight = Some("300".into());
            f.blkio_weight_device = vec!["/dev/sda:200".into()];
            f.device_read_bps = vec!["/dev/sda:1mb".into()];
            f.device_write_iops = vec!["/dev/vdb:1000".into()];
        })
        .unwrap();
        assert_eq!(r.device_read_bps[0].value, 1 << 20);
        let oci = r.to_oci(fake_device).unwrap().unwrap();
        let b = oci.block_io().as_ref().unwrap();
        assert_eq!(b.weight(), Some(300));
        let w = &b.weight_device().as_ref().unwrap()[0];
        assert_eq!((w.major(), w.minor(), w.weight()), (8, 0, Some(200)));
        let t = &b.throttle_read_bps_device().as_ref().unwrap()[0];
        assert_eq!((t.major(), t.minor(), t.rate()), (8, 0, 1 << 20));
        let t = &b.throttle_write_iops_device().as_ref().unwrap()[0];
        assert_eq!((t.major(), t.minor(), t.rate()), (254, 16, 1000));
        assert!(b.throttle_write_bps_device().is_none());

        for (flag, v, want) in [
            ("--blkio-weight", "5", "from 10 to 1000"),
            (
                "--blkio-weight-device",
                "/dev/sda:5",
                "0 or from 10 to 1000",
            ),
            ("--blkio-weight-device", "sda:100", "under /dev/"),
            ("--device-read-bps", "/dev/sda", "DEVICE:RATE"),
            ("--device-read-bps", "/dev/sda:fast", "kb, mb or gb"),
            (
                "--device-write-iops",
                "/dev/sda:1k",
                "operations per second",
            ),
        ] {
            let e = parse(|f| {
                let s = v.to_string();
                match flag {
                    "--blkio-weight" => f.blkio_weight = Some(s),
                    "--blkio-weight-device" => f.blkio_weight_device = vec![s],
                    "--device-read-bps" => f.device_read_bps = vec![s],
                    _ => f.device_write_iops = vec![s],
                }
            })
            .unwrap_err()
            .to_string();
            assert!(e.contains(flag) && e.contains(want), "{flag} {v}: {e}");
        }
        let e = parse(|f| f.device_read_bps = vec!["/dev/nonesuch:1m".into()])
            .unwrap()
            .to_oci(fake_device)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("--device-read-bps /dev/nonesuch: ") && e.contains("block device"),
            "{e}"
        );
    }

    #[test]
    fn oci_form() {
        assert_eq!(Resources::default().to_oci(fake_device).unwrap(), None);
        // --oom-score-adj belongs to the process, not to a cgroup.
        assert_eq!(
            parse(|f| f.oom_score_adj = Some("5".into()))
                .unwrap()
                .to_oci(fake_device)
                .unwrap(),
            None
        );
        let r = parse(|f| {
            f.memory = Some("256m".into());
            f.memory_reservation = Some("128m".into());
            f.cpus = Some("0.5".into());
            f.cpu_shares = Some("512".into());
            f.cpuset_cpus = Some("0".into());
            f.pids_limit = Some("100".into());
            f.oom_kill_disable = true;
        })
        .unwrap();
        let oci = r.to_oci(fake_device).unwrap().unwrap();
        let json = serde_json::to_value(&oci).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "memory": {"limit": 268435456, "reservation": 134217728, "swap": 536870912, "disableOOMKiller": true},
                "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0"},
                "pids": {"limit": 100}
            })
        );
    }

    #[test]
    fn update_changes_only_what_is_given() {
        let before = parse(|f| {
            f.memory = Some("256m".into());
            f.pids_limit = Some("1024".into());
            f.cpus = Some("1.5".into());
            f.device_read_bps = vec!["/dev/sda:1mb".into()];
        })
        .unwrap();
        let flags = ResourceFlags {
            memory: Some("100m".into()),
            ..Default::default()
        };
        let (after, _) = before.updated(&flags).unwrap();
        assert_eq!(after.memory, Some(100 << 20));
        assert_eq!(after.memory_swap, Some(SwapLimit::Bytes(200 << 20)));
        assert_eq!(after.pids_limit, Some(1024));
        assert_eq!(after.nano_cpus, before.nano_cpus);
        assert_eq!(after.device_read_bps, before.device_read_bps);
        // Swap alone, against the recorded memory limit.
        let flags = ResourceFlags {
            memory_swap: Some("1g".into()),
            ..Default::default()
        };
        let (after, _) = before.updated(&flags).unwrap();
        assert_eq!(after.memory_swap, Some(SwapLimit::Bytes(1 << 30)));
        let flags = ResourceFlags {
            memory_swap: Some("1m".into()),
            ..Default::default()
        };
        assert!(before
            .updated(&flags)
            .unwrap_err()
            .to_string()
            .contains("--memory-swap"));
        // A quota replaces --cpus, keeping its period.
        let flags = ResourceFlags {
            cpu_quota: Some("50000".into()),
            ..Default::default()
        };
        let (after, _) = before.updated(&flags).unwrap();
        assert_eq!(
            (after.nano_cpus, after.cfs()),
            (None, (Some(100_000), Some(50_000)))
        );
        // A device's limit replaces its old one; others are added.
        let flags = ResourceFlags {
            device_read_bps: vec!["/dev/sda:2mb".into(), "/dev/vdb:1kb".into()],
            ..Default::default()
        };
        let (after, _) = before.updated(&flags).unwrap();
        let got: Vec<_> = after.device_read_bps.iter().map(|d| d.value).collect();
        assert_eq!(got, [2 << 20, 1 << 10]);
        assert_eq!(before.updated(&ResourceFlags::default()).unwrap().0, before);
    }

    #[test]
    fn host_devices_must_be_block_devices() {
        let e = host_device(Path::new("/dev/null")).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(host_device(Path::new("/dev/nonesuch-rpod")).is_err());
    }

    #[test]
    fn serialises_for_the_container_record() {
        let r = parse(|f| {
            f.memory = Some("1g".into());
            f.device_read_bps = vec!["/dev/sda:1mb".into()];
        })
        .unwrap();
        let back: Resources = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        let empty: Resources = serde_json::from_str("{}").unwrap();
        assert!(empty.is_empty());
    }
}
