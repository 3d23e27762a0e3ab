use std::path::Path;

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
