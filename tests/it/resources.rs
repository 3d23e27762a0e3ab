//! Resource limits (`--memory`, `--cpus`, `--pids-limit` ...): parsed when
//! the container is created (a bad value fails with 125 naming the flag),
//! recorded and shown by `inspect` as podman shows them; rootless on this
//! cgroup v1 host accepted and ignored with podman's warning; as root
//! enforced by the kernel in the container's own cgroup, which goes when
//! the container has exited.

use std::path::{Path, PathBuf};

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

/// podman's warning when limits are given rootless on cgroup v1.
const V1_ROOTLESS: &str =
    "Resource limits are not supported and ignored on cgroups V1 rootless systems";

fn cgroup_v1() -> bool {
    !Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

/// The directories of container `id`'s cgroup that exist now.
fn cgroup_dirs(id: &str) -> Vec<PathBuf> {
    let name = format!("libpod_parent/libpod-{id}");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/sys/fs/cgroup") {
        for e in entries.flatten() {
            for p in [
                e.path().join(&name),
                Path::new("/sys/fs/cgroup").join(&name),
            ] {
                if p.exists() && !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

#[test]
fn bad_limits_fail_naming_the_flag() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    for (flags, says) in [
        (&["--memory", "12x"][..], "--memory"),
        (&["-m", "-5"], "--memory"),
        (&["--cpus", "0"], "--cpus"),
        (&["--cpu-shares", "1"], "--cpu-shares"),
        (&["--pids-limit", "many"], "--pids-limit"),
        (&["--memory-swappiness", "101"], "--memory-swappiness"),
        (&["--oom-score-adj", "1001"], "--oom-score-adj"),
        (&["--blkio-weight", "5"], "--blkio-weight"),
        (
            &["--memory", "64m", "--memory-swap", "32m"],
            "--memory-swap",
        ),
        (&["--cpus", "1", "--cpu-quota", "50000"], "--cpus"),
    ] {
        let out = env.rpod(["create"]).args(flags).arg(&image).run();
        out.error125().stderr_has(says);
        let ps = env.rpod(["ps", "-a", "-q"]).run();
        assert_eq!(ps.success().out(), "", "{flags:?} left a container");
    }
}

#[test]
fn rootless_limits_are_ignored_with_podmans_warning() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--net",
            "none",
            "-m",
            "32m",
            "--cpus",
            "1.5",
            "--pids-limit",
            "100",
            &image,
            "echo",
            "hello",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "hello", "{out}");
    // Created and inspected: dropped from the record, as podman drops them.
    let out = env
        .rpod([
            "create",
            "--name",
            "lim",
            "--memory",
            "32m",
            "--oom-score-adj",
            "100",
            &image,
        ])
        .run();
    out.success();
    let host = env.rpod(["inspect", "lim"]).run().json()[0]["HostConfig"].clone();
    assert_eq!(host["OomScoreAdj"], 100);
    if cgroup_v1() {
        out.stderr_has(V1_ROOTLESS);
        assert_eq!(host["Memory"], 0, "{host}");
    }
    // The OOM score is a process setting: applied rootless too.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--net",
            "none",
            "--oom-score-adj",
            "300",
            &image,
        ])
        .args(["cat", "/proc/self/oom_score_adj"])
        .run();
    assert_eq!(out.success().out(), "300", "{out}");
    // Without limits, no warning.
    let out = env.rpod(["create", &image]).run();
    out.success();
    assert!(!out.stderr.contains("Resource limits"), "{out}");
}

#[test]
fn rootful_inspect_shows_the_limits() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod([
        "create",
        "--name",
        "lim",
        "--memory",
        "32m",
        "--memory-reservation",
        "16m",
        "--cpus",
        "1.5",
        "--cpu-shares",
        "512",
        "--pids-limit",
        "100",
        "--cpuset-cpus",
        "0",
        "--memory-swappiness",
        "10",
        "--oom-score-adj",
        "-5",
        &image,
    ])
    .run()
    .success();
    let host = env.rpod(["inspect", "lim"]).run().json()[0]["HostConfig"].clone();
    assert_eq!(host["Memory"], 32 << 20, "{host}");
    assert_eq!(host["MemoryReservation"], 16 << 20);
    assert_eq!(host["MemorySwap"], 64 << 20);
    assert_eq!(host["MemorySwappiness"], 10);
    assert_eq!(host["NanoCpus"], 1_500_000_000u64);
    assert_eq!(host["CpuPeriod"], 100_000);
    assert_eq!(host["CpuQuota"], 150_000);
    assert_eq!(host["CpuShares"], 512);
    assert_eq!(host["CpusetCpus"], "0");
    assert_eq!(host["PidsLimit"], 100);
    assert_eq!(host["OomScoreAdj"], -5);
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}",
            "lim",
        ])
        .run();
    assert_eq!(out.success().out(), "33554432 100");
}

#[test]
fn rootful_memory_limit_kills_and_is_recorded() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    // dd's 256 MiB buffer is filled from /dev/zero: far past 32 MiB.
    let out = env
        .rpod([
            "run",
            "--name",
            "hog",
            "--net",
            "none",
            "--memory",
            "32m",
            "--memory-swap",
            "32m",
            &image,
            "busybox",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=256M",
            "count=1",
        ])
        .run();
    out.code(137);
    let v = env.rpod(["inspect", "hog"]).run().json();
    assert_eq!(v[0]["State"]["OOMKilled"], true, "{out}");
    assert_eq!(v[0]["State"]["ExitCode"], 137);
    let id = v[0]["Id"].as_str().unwrap().to_string();
    assert_eq!(
        cgroup_dirs(&id),
        Vec::<PathBuf>::new(),
        "the cgroup was left"
    );
    // Within the limit it runs, and OOMKilled is false again.
    let out = env
        .rpod([
            "run",
            "--name",
            "fits",
            "--net",
            "none",
            "--memory",
            "64m",
            &image,
            "busybox",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=4M",
            "count=1",
        ])
        .run();
    out.success();
    let v = env.rpod(["inspect", "fits"]).run().json();
    assert_eq!(v[0]["State"]["OOMKilled"], false);
}

#[test]
fn rootful_pids_limit_stops_forks_and_the_cgroup_goes() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    // A loop of forks hits the limit: busybox sh gives up with exit 2.
    let out = env
        .rpod([
            "run",
            "--name",
            "forks",
            "--net",
            "none",
            "--pids-limit",
            "6",
            &image,
            "sh",
            "-c",
            "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 600 & done; echo forked",
        ])
        .run();
    out.code(2).stderr_has("can't fork");
    assert!(!out.stdout.contains("forked"), "{out}");
    let id = env.rpod(["inspect", "--format", "{{.Id}}", "forks"]).run();
    assert_eq!(
        cgroup_dirs(id.out()),
        Vec::<PathBuf>::new(),
        "the cgroup was left"
    );
    // While it runs, the limit is in its cgroup; removed with it.
    let out = env
        .rpod([
            "run",
            "-d",
            "--name",
            "sleeper",
            "--net",
            "none",
            "--pids-limit",
            "6",
            &image,
            "sleep",
            "600",
        ])
        .run();
    out.success();
    let id = out.out().to_string();
    let dirs = cgroup_dirs(&id);
    let pids = dirs
        .iter()
        .map(|d| d.join("pids.max"))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no pids cgroup for {id} in {dirs:?}"));
    assert_eq!(std::fs::read_to_string(&pids).unwrap().trim(), "6");
    // An exec'd process joins the container's cgroup (its limits count it).
    let cg = env
        .rpod(["exec", "sleeper", "cat", "/proc/self/cgroup"])
        .run();
    cg.success();
    let mine = format!("libpod_parent/libpod-{id}");
    let lines: Vec<&str> = cg
        .lines()
        .into_iter()
        .filter(|l| l.contains("pids"))
        .collect();
    assert!(
        !lines.is_empty() && lines.iter().all(|l| l.ends_with(&mine)),
        "{cg}"
    );
    let adj = env
        .rpod(["exec", "sleeper", "cat", "/proc/1/oom_score_adj"])
        .run();
    assert_eq!(adj.success().out(), "0", "{adj}");
    env.rpod(["rm", "-f", "-t", "0", "sleeper"]).run().success();
    // (Lowering it needs CAP_SYS_RESOURCE, which this CI machine's root lacks.)
    let out = env
        .rpod([
            "run",
            "--rm",
            "--net",
            "none",
            "--oom-score-adj",
            "500",
            &image,
        ])
        .args(["cat", "/proc/self/oom_score_adj"])
        .run();
    assert_eq!(out.success().out(), "500", "{out}");
    assert_eq!(
        cgroup_dirs(&id),
        Vec::<PathBuf>::new(),
        "the cgroup was left"
    );
}

/// The freezer state of container `id`'s cgroup (v1 `freezer.state`, v2
/// `cgroup.events`' frozen line).
fn frozen(id: &str) -> bool {
    cgroup_dirs(id).iter().any(|d| {
        std::fs::read_to_string(d.join("freezer.state")).is_ok_and(|s| s.trim() == "FROZEN")
            || std::fs::read_to_string(d.join("cgroup.events"))
                .is_ok_and(|s| s.lines().any(|l| l == "frozen 1"))
    })
}

fn status(env: &Env, name: &str) -> String {
    let out = env
        .rpod(["inspect", "--format", "{{.State.Status}}", name])
        .run();
    out.success().out().to_string()
}

#[test]
fn rootful_pause_unpause_stop_and_kill() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let out = env
        .rpod([
            "run", "-d", "--name", "p", "--net", "none", &image, "sleep", "600",
        ])
        .run();
    let id = out.success().out().to_string();
    env.rpod(["pause", "p"]).run().success().stdout_is("p");
    assert!(frozen(&id), "not frozen after pause");
    assert_eq!(status(&env, "p"), "paused");
    let ps = env
        .rpod(["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
        .run();
    ps.success().stdout_has("p Paused");
    // Twice: podman's error.
    env.rpod(["pause", "p"])
        .run()
        .error125()
        .stderr_has("is already paused: container state improper");
    let events = env
        .rpod(["events", "--stream=false", "--filter", "container=p"])
        .args(["--format", "{{.Status}}"])
        .run();
    assert_eq!(
        events.success().lines().last().copied(),
        Some("pause"),
        "{events}"
    );
    env.rpod(["unpause", &id[..12]])
        .run()
        .success()
        .stdout_is(&id[..12]);
    assert!(!frozen(&id));
    assert_eq!(status(&env, "p"), "running");
    let events = env
        .rpod(["events", "--stream=false", "--filter", "container=p"])
        .args(["--format", "{{.Status}}"])
        .run();
    assert_eq!(
        events.success().lines().last().copied(),
        Some("unpause"),
        "{events}"
    );
    env.rpod(["unpause", "p"])
        .run()
        .error125()
        .stderr_has("is not paused, can't unpause: container state improper");
    // A paused container stops (thawed once signalled), and its cgroup goes.
    env.rpod(["pause", "p"]).run().success();
    env.rpod(["stop", "-t", "1", "p"]).run().success();
    assert_eq!(status(&env, "p"), "exited");
    assert_eq!(
        cgroup_dirs(&id),
        Vec::<PathBuf>::new(),
        "the cgroup was left"
    );
    env.rpod(["pause", "p"])
        .run()
        .error125()
        .stderr_has("\"exited\" is not running, can't pause");
    // kill (SIGKILL) of a paused one ends it too; unpause --all thaws the rest.
    let out = env
        .rpod([
            "run", "-d", "--name", "k", "--net", "none", &image, "sleep", "600",
        ])
        .run();
    let killed = out.success().out().to_string();
    let out = env
        .rpod([
            "run", "-d", "--name", "u", "--net", "none", &image, "sleep", "600",
        ])
        .run();
    let other = out.success().out().to_string();
    env.rpod(["pause", "--all"]).run().success();
    assert!(frozen(&killed) && frozen(&other));
    env.rpod(["kill", "k"]).run().success();
    env.rpod(["wait", "k"]).run().success().stdout_is("137");
    env.rpod(["unpause", "--all"])
        .run()
        .success()
        .stdout_is(&other);
    assert_eq!(status(&env, "u"), "running");
    env.rpod(["rm", "-f", "-t", "0", "u", "k", "p"])
        .run()
        .success();
    for id in [&killed, &other] {
        assert_eq!(
            cgroup_dirs(id),
            Vec::<PathBuf>::new(),
            "the cgroup was left"
        );
    }
}

#[test]
fn rootless_pause_on_cgroup_v1_fails_as_podman() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod(["create", "--name", "c", &image, "sleep", "600"])
        .run()
        .success();
    env.rpod(["pause", "c"])
        .run()
        .error125()
        .stderr_has("\"created\" is not running, can't pause: container state improper");
    if !cgroup_v1() {
        return;
    }
    env.rpod(["start", "c"]).run().success();
    env.rpod(["pause", "c"]).run().error125().stderr_has(
        "can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup",
    );
    assert_eq!(status(&env, "c"), "running");
    env.rpod(["rm", "-f", "-t", "0", "c"]).run().success();
}

#[test]
fn rootful_stats_with_podmans_columns() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let out = env
        .rpod([
            "run",
            "-d",
            "--name",
            "busy",
            "--net",
            "none",
            "-m",
            "64m",
            &image,
            "sh",
            "-c",
            "sleep 600 & sleep 600 & wait",
        ])
        .run();
    let id = out.success().out().to_string();
    env.rpod(["create", "--name", "idle", &image])
        .run()
        .success();
    let out = env.rpod(["stats", "--no-stream"]).run();
    out.success();
    let lines = out.lines();
    let head = crate::harness::columns(lines[0]);
    assert_eq!(
        head,
        [
            "ID",
            "NAME",
            "CPU %",
            "MEM USAGE / LIMIT",
            "MEM %",
            "NET IO",
            "BLOCK IO",
            "PIDS",
            "CPU TIME",
            "AVG CPU %"
        ],
        "{out}"
    );
    assert_eq!(lines.len(), 2, "only the running one\n{out}");
    let row = crate::harness::columns(lines[1]);
    assert_eq!(row[0], id[..12]);
    assert_eq!(row[1], "busy");
    assert!(row[3].ends_with(" / 67.11MB"), "the limit: {}", row[3]);
    // sh, two sleeps (and rpod-init when it stays).
    let pids: u32 = row[7].parse().unwrap();
    assert!((3..=4).contains(&pids), "{out}");
    let out = env
        .rpod([
            "stats",
            "--no-stream",
            "--format",
            "{{.Name}} {{.PIDS}}",
            "busy",
        ])
        .run();
    out.success().stdout_is(&format!("busy {pids}"));
    let out = env
        .rpod(["stats", "--no-stream", "-a", "--format", "json"])
        .run();
    let v = out.success().json();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"busy") && names.contains(&"idle"), "{out}");
    env.rpod(["rm", "-f", "-t", "0", "busy"]).run().success();
}

#[test]
fn rootless_stats_on_cgroup_v1_fails_as_podman() {
    if !cgroup_v1() {
        return;
    }
    let env = require!(Env::rootless());
    env.rpod(["stats", "--no-stream"])
        .run()
        .error125()
        .stderr_has("stats is not supported in rootless mode without cgroups v2");
}

/// The directories of the cgroup at `rel` (below each hierarchy's root) that exist now.
fn dirs_at(rel: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let root = Path::new("/sys/fs/cgroup");
    let mut candidates = vec![root.join(rel)];
    if let Ok(entries) = std::fs::read_dir(root) {
        candidates.extend(entries.flatten().map(|e| e.path().join(rel)));
    }
    for p in candidates {
        let real = p.canonicalize().unwrap_or(p);
        if real.exists() && !out.contains(&real) {
            out.push(real);
        }
    }
    out
}

/// The content of cgroup file `file` in whichever directory of `rel` has it.
fn cgroup_file(rel: &str, file: &str) -> String {
    let dirs = dirs_at(rel);
    let path = dirs
        .iter()
        .map(|d| d.join(file))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no {file} for {rel} in {dirs:?}"));
    std::fs::read_to_string(path).unwrap().trim().to_string()
}

#[test]
fn rootless_pod_limits_are_ignored_with_podmans_warning() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let out = env
        .rpod([
            "pod", "create", "--name", "lim", "--memory", "32m", "--cpus", "1",
        ])
        .run();
    out.success();
    if cgroup_v1() {
        out.stderr_has(V1_ROOTLESS);
        env.rpod([
            "pod",
            "inspect",
            "--format",
            "{{.CreateCgroup}} [{{.CgroupPath}}] {{.MemoryLimit}} {{.CPUQuota}}",
            "lim",
        ])
        .run()
        .success()
        .stdout_is("false [] 0 0");
    }
    // Its members run as usual.
    env.rpod(["run", "--rm", "--pod", "lim", &image, "echo", "in-pod"])
        .run()
        .success()
        .stdout_is("in-pod");
    // A bad value fails naming the flag, nothing is made.
    env.rpod(["pod", "create", "--name", "bad", "--cpus", "lots"])
        .run()
        .error125()
        .stderr_has("--cpus");
    env.rpod(["pod", "exists", "bad"]).run().code(1);
    env.rpod(["pod", "create", "--oom-score-adj", "10"])
        .run()
        .error125()
        .stderr_has("--oom-score-adj");
    env.rpod(["pod", "rm", "-f", "lim"]).run().success();
}

#[test]
fn rootful_pod_cgroup_holds_its_members_under_its_limits() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let pod = env
        .rpod([
            "pod",
            "create",
            "--name",
            "lp",
            "--network",
            "none",
            "--memory",
            "64m",
            "--cpus",
            "1.5",
            "--cpu-shares",
            "512",
        ])
        .run();
    pod.success();
    let pod_id = pod.out().to_string();
    let rel = format!("libpod_parent/{pod_id}");
    env.rpod([
        "pod",
        "inspect",
        "--format",
        "{{.CreateCgroup}} {{.CgroupParent}} {{.CgroupPath}} {{.CPUPeriod}} {{.CPUQuota}} {{.CPUShares}} {{.MemoryLimit}}",
        "lp",
    ])
    .run()
    .success()
    .stdout_is(&format!(
        "true /libpod_parent /{rel} 100000 150000 512 67108864"
    ));
    // The pod's cgroup exists with its limits before any member runs.
    assert_eq!(cgroup_file(&rel, "memory.limit_in_bytes"), "67108864");
    if cgroup_v1() {
        assert_eq!(cgroup_file(&rel, "cpu.cfs_quota_us"), "150000");
        assert_eq!(cgroup_file(&rel, "cpu.shares"), "512");
    } else {
        assert_eq!(cgroup_file(&rel, "cpu.max"), "150000 100000");
    }
    // A member's cgroup sits under the pod's.
    let out = env
        .rpod([
            "run", "-d", "--pod", "lp", "--name", "member", &image, "sleep", "600",
        ])
        .run();
    out.success();
    let cid = out.out().to_string();
    let mine = format!("{rel}/libpod-{cid}");
    let cg = env
        .rpod(["exec", "member", "cat", "/proc/self/cgroup"])
        .run();
    cg.success();
    let memory: Vec<&str> = cg
        .lines()
        .into_iter()
        .filter(|l| l.contains(":memory:") || (l.starts_with("0::") && !cgroup_v1()))
        .collect();
    assert!(
        !memory.is_empty() && memory.iter().all(|l| l.ends_with(&mine)),
        "{cg}"
    );
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.CgroupParent}}",
        "member",
    ])
    .run()
    .success()
    .stdout_is(&format!("/{rel}"));
    // pod rm -f takes the members' cgroups and the pod's.
    env.rpod(["pod", "rm", "-f", "-t", "0", "lp"])
        .run()
        .success();
    assert_eq!(dirs_at(&mine), Vec::<PathBuf>::new(), "member cgroup left");
    assert_eq!(dirs_at(&rel), Vec::<PathBuf>::new(), "pod cgroup left");
}
