//! Resource limits in their OCI form (`linux.resources`), device paths
//! resolved to major and minor numbers.

use std::path::Path;

use oci_spec::runtime::{
    LinuxBlockIo, LinuxCpu, LinuxMemory, LinuxMemoryBuilder, LinuxPids, LinuxResources,
    LinuxThrottleDevice, LinuxThrottleDeviceBuilder, LinuxWeightDeviceBuilder,
};

use super::{DeviceLimit, ResourceError, Resources, SwapLimit, DEFAULT_CPU_PERIOD};

impl Resources {
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
        if !self.unified.is_empty() {
            out.set_unified(Some(self.unified.clone().into_iter().collect()));
        }
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
