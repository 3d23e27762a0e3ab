//! Writing [`Resources`] into a cgroup's files: cgroup v1's per-controller
//! files and cgroup v2's unified ones, with the conversions runc and crun
//! use between the two (shares to `cpu.weight`, blkio weight to `io.weight`).

use std::path::{Path, PathBuf};

use super::{read, write, Cgroup, Error, Result};
use crate::spec::resources::{host_device, DeviceLimit, Resources, SwapLimit};

fn dir(cg: &Cgroup, controller: &'static str, what: &'static str) -> Result<PathBuf> {
    cg.dir(controller)
        .ok_or(Error::NoController { controller, what })
}

fn device_lines(
    flag: &'static str,
    list: &[DeviceLimit],
    fmt: impl Fn(i64, i64, u64) -> String,
) -> Result<Vec<String>> {
    list.iter()
        .map(|d| {
            let (major, minor) = host_device(&d.path).map_err(|e| {
                crate::spec::resources::ResourceError::Device {
                    flag,
                    path: d.path.clone(),
                    reason: format!("{e}: give an existing block device"),
                }
            })?;
            Ok(fmt(major, minor, d.value))
        })
        .collect()
}

/// Applies `r` to a cgroup v1.
pub(super) fn v1(cg: &Cgroup, r: &Resources) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    if r.memory.is_some()
        || r.memory_reservation.is_some()
        || r.memory_swappiness.is_some()
        || r.oom_kill_disable
    {
        let d = dir(cg, "memory", "--memory")?;
        let memsw = d.join("memory.memsw.limit_in_bytes");
        let has_swap = memsw.exists();
        // 0 is "no limit" (`--memory 0`), as runc and crun take it.
        if let Some(m) = r.memory.filter(|m| *m > 0) {
            // The limit may never exceed memory+swap: lift that first.
            if has_swap {
                write(&memsw, "-1")?;
            }
            write(&d.join("memory.limit_in_bytes"), &m.to_string())?;
            match (r.memory_swap, has_swap) {
                (Some(SwapLimit::Bytes(s)), true) => write(&memsw, &s.to_string())?,
                (Some(SwapLimit::Bytes(_)), false) => warnings.push(
                    "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.".into(),
                ),
                _ => {}
            }
        }
        if let Some(v) = r.memory_reservation {
            write(&d.join("memory.soft_limit_in_bytes"), &v.to_string())?;
        }
        if let Some(v) = r.memory_swappiness {
            write(&d.join("memory.swappiness"), &v.to_string())?;
        }
        if r.oom_kill_disable {
            write(&d.join("memory.oom_control"), "1")?;
        }
    }
    let (period, quota) = r.cfs();
    if r.cpu_shares.is_some() || period.is_some() || quota.is_some() {
        let d = dir(cg, "cpu", "--cpus")?;
        if let Some(v) = r.cpu_shares {
            write(&d.join("cpu.shares"), &v.to_string())?;
        }
        if let Some(v) = period {
            write(&d.join("cpu.cfs_period_us"), &v.to_string())?;
        }
        if let Some(v) = quota {
            write(&d.join("cpu.cfs_quota_us"), &v.to_string())?;
        }
    }
    realtime(cg, r)?;
    cpuset(cg, r)?;
    if let Some(v) = r.pids_limit {
        let d = dir(cg, "pids", "--pids-limit")?;
        write(&d.join("pids.max"), &pids_max(v))?;
    }
    let blkio_any = r.blkio_weight.is_some()
        || !r.blkio_weight_device.is_empty()
        || !r.device_read_bps.is_empty()
        || !r.device_write_bps.is_empty()
        || !r.device_read_iops.is_empty()
        || !r.device_write_iops.is_empty();
    if blkio_any {
        let d = dir(cg, "blkio", "--blkio-weight")?;
        // CFQ's files went with CFQ; BFQ names them blkio.bfq.*.
        let weight_file = |name: &str| -> Option<PathBuf> {
            [format!("blkio.{name}"), format!("blkio.bfq.{name}")]
                .into_iter()
                .map(|f| d.join(f))
                .find(|p| p.exists())
        };
        if let Some(w) = r.blkio_weight {
            match weight_file("weight") {
                Some(f) => write(&f, &w.to_string())?,
                None => warnings.push("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.".into()),
            }
        }
        if !r.blkio_weight_device.is_empty() {
            match weight_file("weight_device") {
                Some(f) => {
                    for line in device_lines("--blkio-weight-device", &r.blkio_weight_device, |a, b, v| format!("{a}:{b} {v}"))? {
                        write(&f, &line)?;
                    }
                }
                None => warnings.push("Your kernel does not support Block I/O weight_device or the cgroup is not mounted. Weight-device discarded.".into()),
            }
        }
        for (flag, list, file) in [
            (
                "--device-read-bps",
                &r.device_read_bps,
                "blkio.throttle.read_bps_device",
            ),
            (
                "--device-write-bps",
                &r.device_write_bps,
                "blkio.throttle.write_bps_device",
            ),
            (
                "--device-read-iops",
                &r.device_read_iops,
                "blkio.throttle.read_iops_device",
            ),
            (
                "--device-write-iops",
                &r.device_write_iops,
                "blkio.throttle.write_iops_device",
            ),
        ] {
            for line in device_lines(flag, list, |a, b, v| format!("{a}:{b} {v}"))? {
                write(&d.join(file), &line)?;
            }
        }
    }
    Ok(warnings)
}

/// `--cpu-rt-period`/`--cpu-rt-runtime` on cgroup v1. A new cgroup gets no
/// real-time budget, and a child's runtime may not exceed its parent's:
/// the cgroups between the hierarchy's root and the container's (rpod's
/// `libpod_parent`, a `--cgroup-parent`) are raised to the runtime first,
/// top down, as far as the root's budget allows.
fn realtime(cg: &Cgroup, r: &Resources) -> Result<()> {
    if r.cpu_rt_period.is_none() && r.cpu_rt_runtime.is_none() {
        return Ok(());
    }
    let d = dir(cg, "cpu", "--cpu-rt-runtime")?;
    if !d.join("cpu.rt_runtime_us").exists() {
        return Err(Error::NoController {
            controller: "cpu (real-time group scheduling)",
            what: "--cpu-rt-runtime",
        });
    }
    if let Some(runtime) = r.cpu_rt_runtime.filter(|v| *v > 0) {
        let rel = cg.relative_path();
        let root = d
            .ancestors()
            .nth(rel.components().count())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let number =
            |file: PathBuf| -> Result<i64> { Ok(read(&file)?.trim().parse().unwrap_or(0)) };
        let period = match r.cpu_rt_period {
            Some(p) => i64::try_from(p).unwrap_or(i64::MAX),
            None => number(d.join("cpu.rt_period_us"))?,
        }
        .max(1);
        let mut dir = root;
        let parents = rel.components().count().saturating_sub(1);
        for part in rel.components().take(parents) {
            dir.push(part);
            // The same share of the parent's own period.
            let parent_period = number(dir.join("cpu.rt_period_us"))?;
            let needed = (runtime.saturating_mul(parent_period) + period - 1) / period;
            let current = number(dir.join("cpu.rt_runtime_us"))?;
            if current >= 0 && current < needed {
                write(&dir.join("cpu.rt_runtime_us"), &needed.to_string())?;
            }
        }
    }
    if let Some(v) = r.cpu_rt_period {
        write(&d.join("cpu.rt_period_us"), &v.to_string())?;
    }
    if let Some(v) = r.cpu_rt_runtime {
        write(&d.join("cpu.rt_runtime_us"), &v.to_string())?;
    }
    Ok(())
}

fn cpuset(cg: &Cgroup, r: &Resources) -> Result<()> {
    if r.cpuset_cpus.is_none() && r.cpuset_mems.is_none() {
        return Ok(());
    }
    let d = dir(cg, "cpuset", "--cpuset-cpus")?;
    if let Some(v) = &r.cpuset_cpus {
        write(&d.join("cpuset.cpus"), v)?;
    }
    if let Some(v) = &r.cpuset_mems {
        write(&d.join("cpuset.mems"), v)?;
    }
    Ok(())
}

fn pids_max(v: i64) -> String {
    if v > 0 {
        v.to_string()
    } else {
        "max".into()
    }
}

/// cgroup v1 CPU shares (2..262144) as a v2 `cpu.weight` (1..10000), as runc and crun convert.
pub fn shares_to_weight(shares: u64) -> u64 {
    if shares == 0 {
        return 100;
    }
    1 + (shares.clamp(2, 262_144) - 2) * 9999 / 262_142
}

/// A blkio weight (10..1000) as a v2 `io.weight` (1..10000), as crun converts.
pub fn blkio_to_io_weight(weight: u16) -> u64 {
    1 + (u64::from(weight.clamp(10, 1000)) - 10) * 9999 / 990
}

/// Applies `r` to a cgroup v2.
pub(super) fn v2(cg: &Cgroup, r: &Resources) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let d = cg.dir("").unwrap_or_default();
    let has = |file: &str| d.join(file).exists();
    let need = |file: &str, controller: &'static str, what: &'static str| -> Result<PathBuf> {
        let p = d.join(file);
        if p.exists() {
            Ok(p)
        } else {
            Err(Error::NoController { controller, what })
        }
    };
    if let Some(m) = r.memory.filter(|m| *m > 0) {
        write(&need("memory.max", "memory", "--memory")?, &m.to_string())?;
        match r.memory_swap {
            Some(s) if has("memory.swap.max") => {
                // OCI's swap is memory plus swap; v2 limits swap alone.
                let v = match s {
                    SwapLimit::Unlimited => "max".to_string(),
                    SwapLimit::Bytes(total) => total.saturating_sub(m).to_string(),
                };
                write(&d.join("memory.swap.max"), &v)?;
            }
            Some(SwapLimit::Bytes(_)) => warnings.push(
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.".into(),
            ),
            _ => {}
        }
    }
    if let Some(v) = r.memory_reservation {
        write(
            &need("memory.low", "memory", "--memory-reservation")?,
            &v.to_string(),
        )?;
    }
    if r.memory_swappiness.is_some() {
        warnings
            .push("--memory-swappiness is not supported on cgroups V2 systems: discarded".into());
    }
    if r.oom_kill_disable {
        warnings
            .push("--oom-kill-disable is not supported on cgroups V2 systems: discarded".into());
    }
    if r.cpu_rt_period.is_some() {
        warnings.push("Realtime period not supported on cgroups V2 systems".into());
    }
    if r.cpu_rt_runtime.is_some() {
        warnings.push("Realtime runtime not supported on cgroups V2 systems".into());
    }
    if let Some(s) = r.cpu_shares {
        write(
            &need("cpu.weight", "cpu", "--cpu-shares")?,
            &shares_to_weight(s).to_string(),
        )?;
    }
    let (period, quota) = r.cfs();
    if period.is_some() || quota.is_some() {
        let file = need("cpu.max", "cpu", "--cpus")?;
        let current = read(&file)?;
        let old_period = current
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(crate::spec::resources::DEFAULT_CPU_PERIOD);
        let q = match quota {
            Some(q) if q > 0 => q.to_string(),
            _ => "max".into(),
        };
        write(&file, &format!("{q} {}", period.unwrap_or(old_period)))?;
    }
    if let Some(v) = &r.cpuset_cpus {
        write(&need("cpuset.cpus", "cpuset", "--cpuset-cpus")?, v)?;
    }
    if let Some(v) = &r.cpuset_mems {
        write(&need("cpuset.mems", "cpuset", "--cpuset-mems")?, v)?;
    }
    if let Some(v) = r.pids_limit {
        write(&need("pids.max", "pids", "--pids-limit")?, &pids_max(v))?;
    }
    if let Some(w) = r.blkio_weight {
        if has("io.bfq.weight") {
            write(&d.join("io.bfq.weight"), &format!("default {w}"))?;
        } else {
            let f = need("io.weight", "io", "--blkio-weight")?;
            write(&f, &format!("default {}", blkio_to_io_weight(w)))?;
        }
    }
    for line in device_lines(
        "--blkio-weight-device",
        &r.blkio_weight_device,
        |a, b, v| format!("{a}:{b} {v}"),
    )? {
        let f = if has("io.bfq.weight") {
            d.join("io.bfq.weight")
        } else {
            need("io.weight", "io", "--blkio-weight-device")?
        };
        write(&f, &line)?;
    }
    for (flag, list, key) in [
        ("--device-read-bps", &r.device_read_bps, "rbps"),
        ("--device-write-bps", &r.device_write_bps, "wbps"),
        ("--device-read-iops", &r.device_read_iops, "riops"),
        ("--device-write-iops", &r.device_write_iops, "wiops"),
    ] {
        for line in device_lines(flag, list, |a, b, v| format!("{a}:{b} {key}={v}"))? {
            write(&need("io.max", "io", flag)?, &line)?;
        }
    }
    // --cgroup-conf: files of this cgroup only (the names were checked
    // when parsed: no `/`); a file the kernel lacks is an error, as crun's.
    for (file, value) in &r.unified {
        write(&d.join(file), value)?;
    }
    Ok(warnings)
}

/// How cgroup v1 says "no memory limit": the largest page-aligned i64.
const V1_UNLIMITED: u64 = 0x7FFF_FFFF_FFFF_F000;

/// The memory limit set on a cgroup directory (`None`: unlimited).
pub fn memory_limit(dir: &Path, v2: bool) -> Result<Option<u64>> {
    let file = dir.join(if v2 {
        "memory.max"
    } else {
        "memory.limit_in_bytes"
    });
    let text = read(&file)?;
    let t = text.trim();
    if t == "max" {
        return Ok(None);
    }
    let v: u64 = t.parse().map_err(|_| Error::Parse {
        path: file,
        content: text.clone(),
    })?;
    Ok((v < V1_UNLIMITED).then_some(v))
}
