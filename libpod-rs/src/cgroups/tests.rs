//! Layout detection from mount tables, and what is written where, on
//! scratch directories laid out as the kernel's (the real thing is
//! tests/cgroups.rs, as root).

use std::path::Path;

use super::*;
use crate::spec::resources::{ResourceFlags, Resources};

const HYBRID: &str = "\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
";

#[test]
fn hybrid_and_unified_layouts() {
    let Some(Layout::Legacy {
        controllers,
        unified,
    }) = Layout::from_mountinfo(HYBRID)
    else {
        panic!("not legacy");
    };
    assert_eq!(
        unified.as_deref(),
        Some(Path::new("/sys/fs/cgroup/unified"))
    );
    assert_eq!(
        controllers.keys().map(String::as_str).collect::<Vec<_>>(),
        ["cpu", "cpuacct", "freezer", "memory", "pids"]
    );
    assert_eq!(controllers["memory"], Path::new("/sys/fs/cgroup/memory"));

    let comounted = "30 23 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n";
    let l = Layout::from_mountinfo(comounted).unwrap();
    let cg = Cgroup::new(&l, Path::new("libpod_parent/libpod-x"));
    assert_eq!(
        cg.dirs().len(),
        1,
        "one directory for co-mounted controllers"
    );
    assert_eq!(
        cg.dir("cpuacct").unwrap(),
        Path::new("/sys/fs/cgroup/cpu,cpuacct/libpod_parent/libpod-x")
    );

    let v2 = "25 23 0:23 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
    assert_eq!(
        Layout::from_mountinfo(v2),
        Some(Layout::Unified {
            root: "/sys/fs/cgroup".into()
        })
    );
    assert_eq!(
        Layout::from_mountinfo("1 0 8:1 / / rw - ext4 /dev/vda rw\n"),
        None
    );
    let spaced = "25 23 0:23 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n";
    assert_eq!(
        Layout::from_mountinfo(spaced),
        Some(Layout::Unified {
            root: "/mnt/my cgroups".into()
        })
    );
}

#[test]
fn this_host_has_a_layout() {
    let l = Layout::detect().unwrap();
    assert!(matches!(l.version(), "v1" | "v2"));
}

#[test]
fn rootless_v1_has_no_cgroup_and_podmans_warning() {
    let l = Layout::from_mountinfo(HYBRID).unwrap();
    assert_eq!(
        plan(&l, true, None, "abc"),
        Plan::Unsupported {
            warning: "Resource limits are not supported and ignored on cgroups V1 rootless systems"
        }
    );
    let Plan::Managed(cg) = plan(&l, false, None, "abc") else {
        panic!("root gets a cgroup");
    };
    assert_eq!(cg.relative_path(), Path::new("libpod_parent/libpod-abc"));
    assert_eq!(
        cg.dir("memory").unwrap(),
        Path::new("/sys/fs/cgroup/memory/libpod_parent/libpod-abc")
    );
    let v2 = Layout::Unified {
        root: "/sys/fs/cgroup".into(),
    };
    assert_eq!(
        plan(&v2, true, None, "abc"),
        Plan::Unsupported {
            warning: V2_ROOTLESS_NO_PARENT
        }
    );
    let Plan::Managed(cg) = plan(&v2, true, Some("/user.slice/me"), "abc") else {
        panic!("v2 with a delegated parent");
    };
    assert_eq!(
        cg.dirs(),
        [Path::new("/sys/fs/cgroup/user.slice/me/libpod-abc")]
    );
}

/// Files as the kernel has them, so writes land somewhere readable.
fn touch(dir: &Path, files: &[(&str, &str)]) {
    fs_err::create_dir_all(dir).unwrap();
    for (f, content) in files {
        fs_err::write(dir.join(f), content).unwrap();
    }
}

fn get(dir: &Path, file: &str) -> String {
    fs_err::read_to_string(dir.join(file)).unwrap()
}

fn limits() -> Resources {
    let f = ResourceFlags {
        memory: Some("256m".into()),
        memory_reservation: Some("128m".into()),
        cpus: Some("1.5".into()),
        cpu_shares: Some("512".into()),
        cpuset_cpus: Some("0".into()),
        pids_limit: Some("100".into()),
        ..Default::default()
    };
    Resources::from_flags(&f).unwrap().0
}

#[test]
fn v1_files() {
    let tmp = tempfile::tempdir().unwrap();
    let mut controllers = std::collections::BTreeMap::new();
    for c in ["cpu", "cpuset", "freezer", "memory", "pids"] {
        controllers.insert(c.to_string(), tmp.path().join(c));
    }
    let layout = Layout::Legacy {
        controllers,
        unified: None,
    };
    let cg = Cgroup::new(&layout, Path::new("libpod_parent/libpod-1"));
    let at = |c: &str| tmp.path().join(c).join("libpod_parent/libpod-1");
    touch(
        &tmp.path().join("cpuset"),
        &[("cpuset.cpus", "0-3\n"), ("cpuset.mems", "0\n")],
    );
    touch(
        &tmp.path().join("cpuset/libpod_parent"),
        &[("cpuset.cpus", ""), ("cpuset.mems", "")],
    );
    touch(
        &at("cpuset"),
        &[
            ("cpuset.cpus", "\n"),
            ("cpuset.mems", "\n"),
            ("cgroup.procs", ""),
        ],
    );
    touch(
        &at("memory"),
        &[
            ("memory.limit_in_bytes", "9223372036854771712\n"),
            ("memory.memsw.limit_in_bytes", ""),
            ("memory.soft_limit_in_bytes", ""),
            ("memory.usage_in_bytes", "3000000\n"),
            ("memory.stat", "cache 0\ntotal_inactive_file 1000000\n"),
            (
                "memory.oom_control",
                "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n",
            ),
            ("cgroup.procs", ""),
        ],
    );
    touch(
        &at("cpu"),
        &[
            ("cpu.shares", ""),
            ("cpu.cfs_period_us", ""),
            ("cpu.cfs_quota_us", ""),
            ("cgroup.procs", ""),
        ],
    );
    touch(
        &at("pids"),
        &[
            ("pids.max", ""),
            ("pids.current", "2\n"),
            ("cgroup.procs", ""),
        ],
    );
    touch(
        &at("freezer"),
        &[("freezer.state", "THAWED\n"), ("cgroup.procs", "")],
    );

    cg.create().unwrap();
    assert_eq!(
        get(&tmp.path().join("cpuset/libpod_parent"), "cpuset.cpus"),
        "0-3"
    );
    assert_eq!(get(&at("cpuset"), "cpuset.mems"), "0");

    assert_eq!(cg.apply(&limits()).unwrap(), Vec::<String>::new());
    assert_eq!(get(&at("memory"), "memory.limit_in_bytes"), "268435456");
    assert_eq!(
        get(&at("memory"), "memory.memsw.limit_in_bytes"),
        "536870912"
    );
    assert_eq!(
        get(&at("memory"), "memory.soft_limit_in_bytes"),
        "134217728"
    );
    assert_eq!(get(&at("cpu"), "cpu.shares"), "512");
    assert_eq!(get(&at("cpu"), "cpu.cfs_period_us"), "100000");
    assert_eq!(get(&at("cpu"), "cpu.cfs_quota_us"), "150000");
    assert_eq!(get(&at("cpuset"), "cpuset.cpus"), "0");
    assert_eq!(get(&at("pids"), "pids.max"), "100");

    cg.add_process(4242).unwrap();
    for c in ["cpu", "cpuset", "freezer", "memory", "pids"] {
        assert_eq!(get(&at(c), "cgroup.procs"), "4242", "{c}");
    }
    assert_eq!(cg.processes().unwrap(), [4242]);

    cg.freeze().unwrap();
    assert!(cg.is_frozen().unwrap());
    cg.thaw().unwrap();
    assert_eq!(get(&at("freezer"), "freezer.state"), "THAWED");

    let s = cg.stats().unwrap();
    assert_eq!(
        (s.memory_usage, s.memory_limit, s.pids),
        (2_000_000, Some(268_435_456), 2)
    );
    assert_eq!(cg.oom_kills().unwrap(), 2);

    // No blkio hierarchy: the limit cannot be applied, and the error says so.
    let f = ResourceFlags {
        blkio_weight: Some("100".into()),
        ..Default::default()
    };
    let e = cg
        .apply(&Resources::from_flags(&f).unwrap().0)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("blkio cgroup controller is not available"),
        "{e}"
    );
}

#[test]
fn v1_without_swap_accounting_warns() {
    let tmp = tempfile::tempdir().unwrap();
    let layout = Layout::Legacy {
        controllers: [("memory".to_string(), tmp.path().to_path_buf())].into(),
        unified: None,
    };
    let cg = Cgroup::new(&layout, Path::new("c"));
    touch(&tmp.path().join("c"), &[("memory.limit_in_bytes", "")]);
    let f = ResourceFlags {
        memory: Some("64m".into()),
        ..Default::default()
    };
    let w = cg.apply(&Resources::from_flags(&f).unwrap().0).unwrap();
    assert_eq!(w, ["Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap."]);
    assert_eq!(
        get(&tmp.path().join("c"), "memory.limit_in_bytes"),
        "67108864"
    );
}

#[test]
fn v2_files() {
    let tmp = tempfile::tempdir().unwrap();
    let layout = Layout::Unified {
        root: tmp.path().to_path_buf(),
    };
    let cg = Cgroup::new(&layout, Path::new("libpod_parent/libpod-2"));
    let dir = tmp.path().join("libpod_parent/libpod-2");
    touch(
        tmp.path(),
        &[
            ("cgroup.controllers", "cpuset cpu io memory hugetlb pids\n"),
            ("cgroup.subtree_control", "memory\n"),
        ],
    );
    touch(
        &tmp.path().join("libpod_parent"),
        &[
            ("cgroup.controllers", "cpu memory pids\n"),
            ("cgroup.subtree_control", "cpu memory pids\n"),
        ],
    );
    touch(
        &dir,
        &[
            ("memory.max", "max\n"),
            ("memory.swap.max", "max\n"),
            ("memory.low", "0\n"),
            ("cpu.weight", "100\n"),
            ("cpu.max", "max 100000\n"),
            ("cpuset.cpus", ""),
            ("pids.max", "max\n"),
            ("cgroup.procs", ""),
            ("cgroup.freeze", "0\n"),
            ("cgroup.events", "populated 1\nfrozen 0\n"),
            ("memory.current", "5000\n"),
            ("memory.stat", "anon 4000\ninactive_file 1000\n"),
            (
                "cpu.stat",
                "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n",
            ),
            ("pids.current", "1\n"),
            ("io.stat", "8:0 rbytes=10 wbytes=20 rios=1 wios=1\n"),
        ],
    );
    cg.create().unwrap();
    // The root delegated what it had and did not yet delegate.
    assert_eq!(
        get(tmp.path(), "cgroup.subtree_control"),
        "+cpuset +cpu +io +pids"
    );

    assert_eq!(cg.apply(&limits()).unwrap(), Vec::<String>::new());
    assert_eq!(get(&dir, "memory.max"), "268435456");
    assert_eq!(
        get(&dir, "memory.swap.max"),
        "268435456",
        "swap alone, not memory+swap"
    );
    assert_eq!(get(&dir, "memory.low"), "134217728");
    assert_eq!(get(&dir, "cpu.weight"), "20");
    assert_eq!(get(&dir, "cpu.max"), "150000 100000");
    assert_eq!(get(&dir, "pids.max"), "100");

    cg.add_process(77).unwrap();
    assert_eq!(get(&dir, "cgroup.procs"), "77");
    let s = cg.stats().unwrap();
    assert_eq!(
        (
            s.memory_usage,
            s.memory_limit,
            s.cpu_usage_ns,
            s.cpu_system_ns,
            s.pids,
            s.block_read,
            s.block_write
        ),
        (4000, Some(268_435_456), 1_500_000, 500_000, 1, 10, 20)
    );

    let f = ResourceFlags {
        memory: Some("64m".into()),
        memory_swap: Some("-1".into()),
        memory_swappiness: Some("10".into()),
        ..Default::default()
    };
    let w = cg.apply(&Resources::from_flags(&f).unwrap().0).unwrap();
    assert_eq!(get(&dir, "memory.swap.max"), "max");
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("--memory-swappiness"), "{w:?}");
}

#[test]
fn weight_conversions_match_crun() {
    use super::apply::{blkio_to_io_weight, shares_to_weight};
    assert_eq!(shares_to_weight(2), 1);
    assert_eq!(shares_to_weight(1024), 39);
    assert_eq!(shares_to_weight(262_144), 10_000);
    assert_eq!(blkio_to_io_weight(10), 1);
    assert_eq!(blkio_to_io_weight(500), 4950);
    assert_eq!(blkio_to_io_weight(1000), 10_000);
}

#[test]
fn removing_a_missing_cgroup_is_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let layout = Layout::Unified {
        root: tmp.path().to_path_buf(),
    };
    let cg = Cgroup::new(&layout, Path::new("gone"));
    cg.remove().unwrap();
    fs_err::create_dir(tmp.path().join("gone")).unwrap();
    cg.remove().unwrap();
    assert!(!tmp.path().join("gone").exists());
}

#[test]
fn cgroup_parents_as_podmans_cgroupfs_manager_takes_them() {
    assert_eq!(super::parse_parent("/mygroup").unwrap(), "/mygroup");
    assert_eq!(super::parse_parent("a/b").unwrap(), "a/b");
    for bad in ["", "/", "/a/../b", "a//b", "machine.slice", "/x/user.slice"] {
        assert!(super::parse_parent(bad).is_err(), "{bad}");
    }
    let e = super::parse_parent("machine.slice").unwrap_err();
    assert!(
        e.starts_with("systemd slice received as cgroup parent when using cgroupfs"),
        "{e}"
    );
}
