//! `rpod update`: a container's limits, restart policy, healthcheck and
//! ulimits changed after create, only what is given (podman issue 24610);
//! a running container gets new cgroup limits at once (as root here),
//! its monitor follows a new restart policy and healthcheck; ulimits apply
//! at the next start; `--cgroup-parent` places the cgroup.

use std::path::{Path, PathBuf};

use crate::harness::{eventually, Env};
use crate::pull::pull;
use crate::registry;

const V1_ROOTLESS: &str =
    "Resource limits are not supported and ignored on cgroups V1 rootless systems";

/// The directory of cgroup `rel` in the v1 hierarchy of `controller`, or
/// the v2 one.
fn cgroup_file(controller: &str, rel: &str, file: &str) -> PathBuf {
    let v1 = Path::new("/sys/fs/cgroup").join(controller).join(rel);
    if v1.exists() {
        v1.join(file)
    } else {
        Path::new("/sys/fs/cgroup").join(rel).join(file)
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
        .trim()
        .to_string()
}

fn image(env: &Env) -> String {
    let shared = registry::plain().expect("the registry");
    pull(env, shared, "busybox:latest");
    shared.reference("busybox:latest")
}

#[test]
fn rootful_update_memory_reaches_the_running_cgroup_and_keeps_the_rest() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootful());
    let image = image(&env);
    let id = env
        .rpod([
            "run",
            "-d",
            "--name",
            "up",
            "--net",
            "none",
            "--pids-limit",
            "1024",
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let rel = format!("libpod_parent/libpod-{id}");
    let out = env.rpod(["update", "--memory", "100M", "up"]).run();
    out.success().stdout_is(&id);
    assert_eq!(
        read(&cgroup_file("memory", &rel, "memory.limit_in_bytes")),
        "104857600"
    );
    assert_eq!(read(&cgroup_file("pids", &rel, "pids.max")), "1024");
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.HostConfig.MemorySwap}}",
            "up",
        ])
        .run();
    out.success().stdout_is("104857600 1024 209715200");
    // `container update`, by the other limits; the memory stays.
    env.rpod([
        "container",
        "update",
        "--pids-limit",
        "200",
        "--cpu-shares",
        "512",
        "up",
    ])
    .run()
    .success();
    assert_eq!(read(&cgroup_file("pids", &rel, "pids.max")), "200");
    assert_eq!(read(&cgroup_file("cpu", &rel, "cpu.shares")), "512");
    assert_eq!(
        read(&cgroup_file("memory", &rel, "memory.limit_in_bytes")),
        "104857600"
    );
    // The event, as podman writes it.
    let events = env
        .rpod([
            "events",
            "--stream=false",
            "--filter",
            "event=update",
            "--format",
            "{{.Status}} {{.Name}}",
        ])
        .run();
    assert_eq!(events.success().lines(), ["update up", "update up"]);
    env.rpod(["rm", "-f", "-t0", "up"]).run().success();
}

#[test]
fn rootful_cgroup_parent_places_the_cgroup() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootful());
    let image = image(&env);
    let parent = format!("rpod-test-parent-{}", std::process::id());
    let id = env
        .rpod([
            "run",
            "-d",
            "--name",
            "parented",
            "--net",
            "none",
            "--cgroup-parent",
            &format!("/{parent}"),
            "--memory",
            "64m",
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let rel = format!("{parent}/libpod-{id}");
    assert_eq!(
        read(&cgroup_file("memory", &rel, "memory.limit_in_bytes")),
        (64u64 << 20).to_string()
    );
    let procs = read(&cgroup_file("memory", &rel, "cgroup.procs"));
    assert!(!procs.is_empty(), "the container runs in {rel}");
    env.rpod(["update", "--memory", "32m", "parented"])
        .run()
        .success();
    assert_eq!(
        read(&cgroup_file("memory", &rel, "memory.limit_in_bytes")),
        (32u64 << 20).to_string()
    );
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{.HostConfig.CgroupParent}}",
            "parented",
        ])
        .run();
    out.success().stdout_is(&format!("/{parent}"));
    env.rpod(["rm", "-f", "-t0", "parented"]).run().success();
    assert!(
        !cgroup_file("memory", &rel, "").exists(),
        "the container's cgroup went with it"
    );
    for c in [
        "memory", "cpu", "pids", "blkio", "cpuset", "freezer", "cpuacct",
    ] {
        let _ = std::fs::remove_dir(Path::new("/sys/fs/cgroup").join(c).join(&parent));
    }
    let _ = std::fs::remove_dir(Path::new("/sys/fs/cgroup").join(&parent));
}

#[test]
fn rootless_update_restart_always_restarts_the_running_container() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    // The shell outlives a killed sleep and exits 0.
    env.rpod([
        "run",
        "-d",
        "--name",
        "again",
        "--net",
        "none",
        &image,
        "sh",
        "-c",
        "sleep 1000; exit 0",
    ])
    .run()
    .success();
    let fmt = "{{.HostConfig.RestartPolicy.Name}}";
    env.rpod(["inspect", "--format", fmt, "again"])
        .run()
        .success()
        .stdout_is("no");
    env.rpod(["update", "--restart", "always", "again"])
        .run()
        .success();
    env.rpod(["inspect", "--format", fmt, "again"])
        .run()
        .success()
        .stdout_is("always");
    // `run -d` returns once the shell runs, maybe before it forked sleep.
    // Detached: the container's exit (the shell follows its sleep at once)
    // kills everything in its PID namespace, the exec'd shell too, which
    // may not have exited yet (a foreground exec then reports 137).
    env.rpod([
        "exec",
        "-d",
        "again",
        "sh",
        "-c",
        "until p=$(pidof sleep); do usleep 10000; done; kill $p",
    ])
    .run()
    .success();
    eventually("the container restarted", || {
        let v = env.rpod(["inspect", "again"]).run().json();
        v[0]["RestartCount"] == 1 && v[0]["State"]["Status"] == "running"
    });
    env.rpod(["rm", "-f", "-t0", "again"]).run().success();
}

#[test]
fn rootless_update_health_flags_change_inspect_and_the_running_monitor() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    env.rpod([
        "run", "-d", "--name", "hc", "--net", "none", &image, "sleep", "1000",
    ])
    .run()
    .success();
    // A timing flag needs a command.
    env.rpod(["update", "--health-interval", "10s", "hc"])
        .run()
        .error125()
        .stderr_has("healthcheck command is not set");
    env.rpod([
        "update",
        "--health-cmd",
        "echo hi",
        "--health-interval",
        "1s",
        "--health-retries",
        "2",
        "--health-on-failure",
        "kill",
        "hc",
    ])
    .run()
    .success();
    let config = env.rpod(["inspect", "hc"]).run().json()[0]["Config"].clone();
    let hc = &config["Healthcheck"];
    assert_eq!(
        hc["Test"],
        serde_json::json!(["CMD-SHELL", "echo hi"]),
        "{config}"
    );
    assert_eq!(hc["Interval"], 1_000_000_000u64);
    assert_eq!(hc["Retries"], 2);
    assert_eq!(config["HealthcheckOnFailureAction"], "kill");
    // The monitor, started without a check, runs the new one on its timer.
    eventually("the new healthcheck ran", || {
        let v = env.rpod(["inspect", "hc"]).run().json();
        v[0]["State"]["Health"]["Status"] == "healthy"
    });
    // Only the interval changes; the command stays.
    env.rpod(["update", "--health-interval", "2s", "hc"])
        .run()
        .success();
    let hc = env.rpod(["inspect", "hc"]).run().json()[0]["Config"]["Healthcheck"].clone();
    assert_eq!(hc["Test"], serde_json::json!(["CMD-SHELL", "echo hi"]));
    assert_eq!(hc["Interval"], 2_000_000_000u64);
    // Templates see podman's Go types: durations, a nil startup check.
    env.rpod([
        "inspect",
        "--format",
        "{{.Config.Healthcheck.Interval}} {{.Config.StartupHealthCheck}}",
        "hc",
    ])
    .run()
    .success()
    .stdout_is("2s <nil>");
    env.rpod(["update", "--no-healthcheck", "hc"])
        .run()
        .success();
    env.rpod(["inspect", "--format", "{{.Config.Healthcheck.Test}}", "hc"])
        .run()
        .success()
        .stdout_is("[NONE]");
    env.rpod(["rm", "-f", "-t0", "hc"]).run().success();
}

#[test]
fn rootless_update_ulimit_applies_at_the_next_start() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    env.rpod([
        "run",
        "-d",
        "--name",
        "ul",
        "--net",
        "none",
        &image,
        "sh",
        "-c",
        "echo nofile: $(ulimit -n) adj: $(cat /proc/self/oom_score_adj); sleep 1000",
    ])
    .run()
    .success();
    env.rpod([
        "update",
        "--ulimit",
        "nofile=1000:1000",
        "--oom-score-adj",
        "500",
        "ul",
    ])
    .run()
    .success();
    env.rpod(["restart", "-t0", "ul"]).run().success();
    eventually("the restarted container printed its limit", || {
        env.rpod(["logs", "ul"])
            .run()
            .stdout
            .contains("nofile: 1000 adj: 500")
    });
    env.rpod(["rm", "-f", "-t0", "ul"]).run().success();
}

#[test]
fn rootless_update_limits_are_ignored_with_podmans_warning() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    let id = env
        .rpod(["create", "--name", "rl", "--net", "none", &image, "true"])
        .run()
        .success()
        .out()
        .to_string();
    let out = env.rpod(["update", "--memory", "100m", "rl"]).run();
    if Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        return;
    }
    out.success().stdout_is(&id).stderr_has(V1_ROOTLESS);
    env.rpod(["inspect", "--format", "{{.HostConfig.Memory}}", "rl"])
        .run()
        .success()
        .stdout_is("0");
}

#[test]
fn bad_updates_fail_with_125_naming_the_flag_and_change_nothing() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    env.rpod(["create", "--name", "bad", "--net", "none", &image, "true"])
        .run()
        .success();
    let before = env.rpod(["inspect", "bad"]).run().json();
    for (flags, says) in [
        (&["--memory", "12x"][..], "--memory"),
        (&["--cpus", "0"], "--cpus"),
        (&["--pids-limit", "many"], "--pids-limit"),
        (&["--restart", "sometimes"], "--restart"),
        (&["--ulimit", "nofile:1024:1024"], "invalid ulimit argument"),
        (
            &["--ulimit", "nofile=2048:1024"],
            "ulimit soft limit must be less than or equal to hard limit",
        ),
        (
            &["--health-retries", "x", "--health-cmd", "true"],
            "--health-retries",
        ),
        (
            &["--device-read-bps", "/dev/zero:1mb"],
            "/dev/zero: not a block device",
        ),
        (
            &["--blkio-weight-device", "/dev/zero:100"],
            "/dev/zero: not a block device",
        ),
    ] {
        env.rpod(["update"])
            .args(flags)
            .arg("bad")
            .run()
            .error125()
            .stderr_has(says);
    }
    assert_eq!(env.rpod(["inspect", "bad"]).run().json(), before);
    env.rpod(["update", "--memory", "1g", "nonesuch"])
        .run()
        .error125()
        .stderr_has("nonesuch");
}

#[test]
fn rootless_cgroup_parent_is_checked_and_shown() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    for bad in ["machine.slice", "/a/../b", ""] {
        env.rpod(["create", "--cgroup-parent", bad, &image, "true"])
            .run()
            .error125()
            .stderr_has("--cgroup-parent");
    }
    env.rpod(["ps", "-a", "-q"]).run().success().stdout_is("");
    env.rpod([
        "create",
        "--name",
        "cp",
        "--cgroup-parent",
        "/mine",
        &image,
        "true",
    ])
    .run()
    .success();
    env.rpod(["inspect", "--format", "{{.HostConfig.CgroupParent}}", "cp"])
        .run()
        .success()
        .stdout_is("/mine");
    env.rpod(["create", "--name", "nocp", &image, "true"])
        .run()
        .success();
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.CgroupParent}}",
        "nocp",
    ])
    .run()
    .success()
    .stdout_is("");
}

#[test]
fn rootless_update_env_and_unsetenv_apply_at_the_next_start() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    env.rpod([
        "create",
        "--name",
        "ue",
        "--net",
        "none",
        "-e",
        "KEEP=1",
        "-e",
        "CHANGE=old",
        "-e",
        "GONE=x",
        &image,
        "sh",
        "-c",
        "echo \"$KEEP $CHANGE ${GONE-unset} $NEW\"",
    ])
    .run()
    .success();
    env.rpod([
        "update",
        "--env",
        "CHANGE=new",
        "-e",
        "NEW=a=b",
        "--unsetenv",
        "GONE",
        "ue",
    ])
    .run()
    .success();
    env.rpod(["start", "-a", "ue"])
        .run()
        .success()
        .stdout_is("1 new unset a=b");
    let out = env
        .rpod(["inspect", "--format", "{{json .Config.Env}}", "ue"])
        .run()
        .success()
        .out()
        .to_string();
    assert!(
        out.contains("\"CHANGE=new\"") && !out.contains("GONE"),
        "{out}"
    );
    env.rpod(["update", "--env", "=x", "ue"])
        .run()
        .error125()
        .stderr_has("--env");
}

#[test]
fn rootless_inspect_shows_the_ulimits_as_podman_names_them() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = image(&env);
    env.rpod([
        "create",
        "--name",
        "ulim",
        "--net",
        "none",
        "--ulimit",
        "nofile=100:200",
        &image,
        "true",
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}} {{end}}",
            "ulim",
        ])
        .run()
        .success()
        .out()
        .to_string();
    assert!(out.contains("RLIMIT_NOFILE=100:200"), "{out}");
}

#[test]
fn rootful_cpu_rt_limits_reach_the_cgroup_and_update_changes_them() {
    let _ = require!(registry::plain());
    let env = require!(Env::rootful());
    if !Path::new("/sys/fs/cgroup/cpu/cpu.rt_runtime_us").exists() {
        eprintln!("skipped: no cgroup v1 real-time group scheduling here");
        return;
    }
    let image = image(&env);
    let id = env
        .rpod([
            "run",
            "-d",
            "--name",
            "rt",
            "--net",
            "none",
            "--cpu-rt-period",
            "100000",
            "--cpu-rt-runtime",
            "50000",
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let rel = format!("libpod_parent/libpod-{id}");
    assert_eq!(
        read(&cgroup_file("cpu", &rel, "cpu.rt_period_us")),
        "100000"
    );
    assert_eq!(
        read(&cgroup_file("cpu", &rel, "cpu.rt_runtime_us")),
        "50000"
    );
    env.rpod(["update", "--cpu-rt-runtime", "20000", "rt"])
        .run()
        .success();
    assert_eq!(
        read(&cgroup_file("cpu", &rel, "cpu.rt_runtime_us")),
        "20000"
    );
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.CpuRealtimePeriod}} {{.HostConfig.CpuRealtimeRuntime}}",
        "rt",
    ])
    .run()
    .success()
    .stdout_is("100000 20000");
    env.rpod(["update", "--cpu-rt-runtime", "200000", "rt"])
        .run()
        .error125()
        .stderr_has("--cpu-rt-runtime");
    env.rpod(["rm", "-f", "-t0", "rt"]).run().success();
}
