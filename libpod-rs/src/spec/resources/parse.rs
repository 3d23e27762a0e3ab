//! The resource flags parsed (sizes, CPU sets, per-device limits) and
//! checked across each other, as podman does.

use std::path::PathBuf;

use super::{DeviceLimit, ResourceError, ResourceFlags, Resources, SwapLimit};

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
        for kv in &f.cgroup_conf {
            let (k, v) = kv.split_once('=').ok_or_else(|| {
                ResourceError::Conflict("--cgroup-conf must be formatted KEY=VALUE".into())
            })?;
            // A file of the container's own cgroup directory, never a path.
            if k.is_empty() || k.contains('/') || k.starts_with('.') || !k.contains('.') {
                return Err(ResourceError::Invalid {
                    flag: "--cgroup-conf",
                    value: kv.clone(),
                    reason: "KEY must be a cgroup v2 file name such as memory.high".into(),
                });
            }
            r.unified.insert(k.to_string(), v.to_string());
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
}
