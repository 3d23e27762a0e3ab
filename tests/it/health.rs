//! Healthchecks as the unprivileged user, run by rpod's own monitor (no
//! systemd anywhere): a check that turns healthy, one that turns unhealthy
//! after its retries, the start period, a probe killed at its timeout,
//! `--health-on-failure`, `healthcheck run`'s exit codes, `ps`, `inspect`,
//! `wait --condition`, the image's HEALTHCHECK and the `health_status`
//! events, and a monitor whose memory does not grow with its probes. Timed
//! checks use 1 s intervals; the tests wait by polling
//! `inspect` up to a deadline, never by sleeping a fixed time.

use std::time::{Duration, Instant};

use crate::harness::Env;
use crate::pull::busybox_env as setup;
use crate::pull::pull;
use crate::registry;

/// `inspect NAME` as JSON.
fn inspect(env: &Env, name: &str) -> serde_json::Value {
    let out = env.rpod(["inspect", name]).run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(out.out()).expect("inspect JSON");
    v[0].clone()
}

/// Polls `inspect NAME` until `done` holds (at most 40 s); returns it.
fn until(
    env: &Env,
    name: &str,
    what: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let v = inspect(env, name);
        if done(&v) {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "{name}: timed out waiting for {what}; last State: {}",
            v["State"]
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn status(v: &serde_json::Value) -> &str {
    v["State"]["Health"]["Status"].as_str().unwrap_or("")
}

fn run_d(env: &Env, args: &[&str]) -> String {
    env.rpod(["run", "-d"])
        .args(args)
        .run()
        .success()
        .out()
        .to_string()
}

#[test]
fn a_check_turns_healthy_and_ps_inspect_wait_show_it() {
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "h",
            "--health-cmd",
            "test -e /ready",
            "--health-interval",
            "1s",
            "--health-retries",
            "1000",
            &image,
            "sleep",
            "300",
        ],
    );
    let v = inspect(&env, "h");
    let hc = &v["Config"]["Healthcheck"];
    assert_eq!(
        hc["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /ready"])
    );
    assert_eq!(hc["Interval"], 1_000_000_000u64);
    assert_eq!(hc["Retries"], 1000);
    assert_eq!(v["Config"]["HealthcheckOnFailureAction"], "none");
    assert_eq!(v["Config"]["HealthcheckMaxLogCount"], 5);
    // No success yet: starting, whatever the failures (within retries).
    assert_eq!(status(&v), "starting", "{}", v["State"]);
    let ps = env.rpod(["ps", "--format", "{{.Names}} {{.Status}}"]).run();
    ps.success().stdout_has("(starting)");
    env.rpod(["exec", "h", "touch", "/ready"]).run().success();
    let v = until(&env, "h", "healthy", |v| status(v) == "healthy");
    let log = v["State"]["Health"]["Log"].as_array().unwrap();
    assert_eq!(log.last().unwrap()["ExitCode"], 0);
    assert_eq!(v["State"]["Health"]["FailingStreak"], 0);
    env.rpod(["ps", "--format", "{{.Names}} {{.Status}}"])
        .run()
        .success()
        .stdout_has("(healthy)");
    let names = |filter: &str| {
        env.rpod(["ps", "--filter", filter, "--format", "{{.Names}}"])
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(names("health=healthy"), "h");
    assert_eq!(names("health=unhealthy"), "");
    // The template names podman's Go fields have.
    env.rpod(["inspect", "--format", "{{.State.Healthcheck.Status}}", "h"])
        .run()
        .success()
        .stdout_has("healthy");
    env.rpod(["wait", "--condition", "healthy", "h"])
        .timeout(Duration::from_secs(30))
        .run()
        .success();
    env.rpod(["rm", "-f", "-t", "0", "h"]).run().success();
}

#[test]
fn a_failing_check_turns_unhealthy_after_its_retries_with_events() {
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "u",
            "--health-cmd",
            "echo out; echo err >&2; exit 1",
            "--health-interval",
            "1s",
            "--health-retries",
            "3",
            &image,
            "sleep",
            "300",
        ],
    );
    let v = until(&env, "u", "unhealthy", |v| status(v) == "unhealthy");
    let h = &v["State"]["Health"];
    assert!(h["FailingStreak"].as_u64().unwrap() >= 3, "{h}");
    let log = h["Log"].as_array().unwrap();
    assert!(log.len() >= 3 && log.len() <= 5, "{h}");
    let last = log.last().unwrap();
    assert_eq!(last["ExitCode"], 1);
    assert_eq!(last["Output"], "out\nerr\n");
    assert!(last["Start"].as_str().unwrap() <= last["End"].as_str().unwrap());
    env.rpod(["wait", "--condition", "unhealthy", "u"])
        .timeout(Duration::from_secs(30))
        .run()
        .success();
    // One health_status event per probe, with the status after it.
    let out = env
        .rpod([
            "events",
            "--stream=false",
            "--filter",
            "container=u",
            "--filter",
            "event=health_status",
            "--format",
            "{{.HealthStatus}}",
        ])
        .timeout(Duration::from_secs(30))
        .run();
    let lines = out.success().lines();
    assert!(lines.len() >= 3, "{lines:?}");
    assert_eq!(lines[0], "starting", "{lines:?}");
    assert!(lines.contains(&"unhealthy"), "{lines:?}");
    env.rpod([
        "ps",
        "--filter",
        "health=unhealthy",
        "--format",
        "{{.Names}} {{.Status}}",
    ])
    .run()
    .success()
    .stdout_has("u Up")
    .stdout_has("(unhealthy)");
    env.rpod(["rm", "-f", "-t", "0", "u"]).run().success();
}

#[test]
fn failures_in_the_start_period_do_not_count() {
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "sp",
            "--health-cmd",
            "false",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
            "--health-start-period",
            "10m",
            &image,
            "sleep",
            "300",
        ],
    );
    let v = until(&env, "sp", "three probes", |v| {
        v["State"]["Health"]["Log"]
            .as_array()
            .is_some_and(|l| l.len() >= 3)
    });
    assert_eq!(status(&v), "starting", "{}", v["State"]);
    assert_eq!(v["State"]["Health"]["FailingStreak"], 0);
    env.rpod(["rm", "-f", "-t", "0", "sp"]).run().success();
}

#[test]
fn a_probe_is_killed_at_its_timeout() {
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "to",
            "--health-cmd",
            "sleep 77",
            "--health-timeout",
            "1s",
            "--health-interval",
            "disable",
            &image,
            "sleep",
            "300",
        ],
    );
    env.rpod(["healthcheck", "run", "to"])
        .timeout(Duration::from_secs(20))
        .run()
        .code(1)
        .stdout_has("unhealthy");
    let v = inspect(&env, "to");
    let log = v["State"]["Health"]["Log"].as_array().unwrap();
    assert_eq!(log.len(), 1, "{}", v["State"]);
    assert_eq!(log[0]["ExitCode"], -1);
    // The probe's process is gone from the container.
    let top = env.rpod(["top", "to"]).run();
    assert!(!top.success().out().contains("sleep 77"), "{}", top.out());
    env.rpod(["rm", "-f", "-t", "0", "to"]).run().success();
}

#[test]
fn healthcheck_run_exit_codes_and_messages() {
    let (env, image) = require!(setup());
    run_d(&env, &["--name", "none", &image, "sleep", "300"]);
    env.rpod(["healthcheck", "run", "none"])
        .run()
        .error125()
        .stderr_has("has no defined healthcheck");
    run_d(
        &env,
        &[
            "--name",
            "hr",
            "--health-cmd",
            "test ! -e /bad",
            "--health-interval",
            "disable",
            "--health-retries",
            "2",
            &image,
            "sleep",
            "300",
        ],
    );
    let ok = env.rpod(["healthcheck", "run", "hr"]).run();
    assert_eq!(ok.success().out(), "");
    env.rpod(["exec", "hr", "touch", "/bad"]).run().success();
    env.rpod(["healthcheck", "run", "hr"])
        .run()
        .code(1)
        .stdout_has("unhealthy");
    // One failure of two allowed: still healthy, streak 1.
    let v = inspect(&env, "hr");
    assert_eq!(status(&v), "healthy");
    assert_eq!(v["State"]["Health"]["FailingStreak"], 1);
    // A restart starts afresh.
    env.rpod(["restart", "-t", "0", "hr"]).run().success();
    let v = inspect(&env, "hr");
    assert_eq!(v["State"]["Health"]["FailingStreak"], 0, "{}", v["State"]);
    env.rpod(["stop", "-t", "0", "hr"]).run().success();
    env.rpod(["healthcheck", "run", "hr"])
        .run()
        .error125()
        .stderr_has("is not running");
    env.rpod(["healthcheck", "run", "nosuch"]).run().error125();
    env.rpod(["rm", "-f", "-t", "0", "none", "hr"])
        .run()
        .success();
}

#[test]
fn bad_flags_are_refused_naming_them() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--health-on-failure=kill", &image])
        .run()
        .error125()
        .stderr_has("cannot set on-failure action to kill without a health check");
    env.rpod([
        "create",
        "--health-cmd",
        "true",
        "--health-interval",
        "soon",
        &image,
    ])
    .run()
    .error125()
    .stderr_has("--health-interval");
    env.rpod([
        "create",
        "--health-cmd",
        "true",
        "--health-on-failure",
        "explode",
        &image,
    ])
    .run()
    .error125()
    .stderr_has("on-failure");
    env.rpod(["create", "--health-cmd", "true", "--no-healthcheck", &image])
        .run()
        .error125()
        .stderr_has("--no-healthcheck");
}

#[test]
fn on_failure_kill_and_restart_are_acted_on_by_the_monitor() {
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "k",
            "--health-cmd",
            "test ! -e /bad",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
            "--health-on-failure",
            "kill",
            &image,
            "sleep",
            "300",
        ],
    );
    until(&env, "k", "healthy", |v| status(v) == "healthy");
    env.rpod(["exec", "k", "touch", "/bad"]).run().success();
    let v = until(&env, "k", "killed", |v| v["State"]["Status"] == "exited");
    assert_eq!(v["State"]["ExitCode"], 137, "{}", v["State"]);

    // restart: the failure marker lives on a tmpfs, gone at the restart.
    run_d(
        &env,
        &[
            "--name",
            "r",
            "--tmpfs",
            "/t",
            "--health-cmd",
            "test ! -e /t/bad",
            "--health-interval",
            "1s",
            "--health-retries",
            "1",
            "--health-on-failure",
            "restart",
            &image,
            "sleep",
            "300",
        ],
    );
    until(&env, "r", "healthy", |v| status(v) == "healthy");
    env.rpod(["exec", "r", "touch", "/t/bad"]).run().success();
    let v = until(&env, "r", "restarted and healthy", |v| {
        v["RestartCount"].as_u64() >= Some(1)
            && v["State"]["Status"] == "running"
            && status(v) == "healthy"
    });
    assert_eq!(v["State"]["Health"]["FailingStreak"], 0);
    env.rpod(["rm", "-f", "-t", "0", "k", "r"]).run().success();
}

#[test]
fn the_images_healthcheck_runs_unless_disabled() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "hc:latest");
    let image = shared.reference("hc:latest");
    run_d(&env, &["--name", "img", &image, "sleep", "300"]);
    let v = inspect(&env, "img");
    assert_eq!(
        v["Config"]["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /ready"])
    );
    env.rpod(["exec", "img", "touch", "/ready"]).run().success();
    until(&env, "img", "healthy", |v| status(v) == "healthy");
    // --health-retries replaces only that value of the image's check.
    run_d(
        &env,
        &[
            "--name",
            "over",
            "--health-retries",
            "7",
            &image,
            "sleep",
            "300",
        ],
    );
    let v = inspect(&env, "over");
    assert_eq!(v["Config"]["Healthcheck"]["Retries"], 7);
    assert_eq!(
        v["Config"]["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /ready"])
    );
    run_d(
        &env,
        &["--name", "off", "--no-healthcheck", &image, "sleep", "300"],
    );
    let v = inspect(&env, "off");
    // As podman's: the check is there, as NONE.
    assert_eq!(
        v["Config"]["Healthcheck"],
        serde_json::json!({"Test": ["NONE"]}),
        "{}",
        v["Config"]
    );
    assert!(v["State"].get("Health").is_none(), "{}", v["State"]);
    env.rpod(["rm", "-f", "-t", "0", "img", "over", "off"])
        .run()
        .success();
}

/// Receives the next notification on `sock` (at most 20 s), as lines.
fn notification(sock: &std::os::unix::net::UnixDatagram) -> Vec<String> {
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).expect("no notification arrived");
    String::from_utf8_lossy(&buf[..n])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn sdnotify_healthy_sends_ready_once_the_check_passes() {
    use std::os::unix::fs::PermissionsExt;
    let (env, image) = require!(setup());
    env.rpod(["create", "--sdnotify=healthy", &image])
        .run()
        .error125()
        .stderr_has("sdnotify policy \"healthy\" requires a healthcheck");
    let path = env.root().parent().unwrap().join("notify.sock");
    let sock = std::os::unix::net::UnixDatagram::bind(&path).expect("binding the notify socket");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    env.rpod([
        "run",
        "-d",
        "--name",
        "sd",
        "--sdnotify=healthy",
        "--health-cmd",
        "test -e /ready",
        "--health-interval",
        "1s",
        "--health-retries",
        "1000",
        &image,
        "sleep",
        "300",
    ])
    .env("NOTIFY_SOCKET", path.display().to_string())
    .run()
    .success();
    // The monitor's PID first, without READY=1: the check has not passed.
    let first = notification(&sock);
    assert!(first.iter().any(|l| l.starts_with("MAINPID=")), "{first:?}");
    assert!(!first.iter().any(|l| l == "READY=1"), "{first:?}");
    let v = inspect(&env, "sd");
    assert_ne!(status(&v), "healthy", "{}", v["State"]);
    env.rpod(["exec", "sd", "touch", "/ready"]).run().success();
    let ready = notification(&sock);
    assert_eq!(ready, ["READY=1"]);
    assert_eq!(status(&inspect(&env, "sd")), "healthy");
    env.rpod(["rm", "-f", "-t", "0", "sd"]).run().success();
}

#[test]
fn a_startup_check_runs_first_then_hands_over_or_restarts() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--health-startup-cmd", "true", &image])
        .run()
        .error125()
        .stderr_has("--health-startup-cmd");
    run_d(
        &env,
        &[
            "--name",
            "st",
            "--health-startup-cmd",
            "test -e /started",
            "--health-startup-interval",
            "1s",
            "--health-cmd",
            "echo regular",
            "--health-interval",
            "1s",
            &image,
            "sleep",
            "300",
        ],
    );
    let v = inspect(&env, "st");
    assert_eq!(
        v["Config"]["StartupHealthCheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "test -e /started"])
    );
    // The startup check fails (without counting) until /started exists.
    let v = until(&env, "st", "a failed startup probe", |v| {
        v["State"]["Health"]["Log"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    });
    assert_eq!(v["State"]["Health"]["Log"][0]["ExitCode"], 1);
    assert_eq!(status(&v), "starting");
    assert_eq!(v["State"]["Health"]["FailingStreak"], 0);
    env.rpod(["exec", "st", "touch", "/started"])
        .run()
        .success();
    // Then the regular check runs.
    until(&env, "st", "the regular check's output", |v| {
        v["State"]["Health"]["Log"]
            .as_array()
            .and_then(|l| l.last())
            .is_some_and(|e| e["Output"] == "regular\n")
            && status(v) == "healthy"
    });

    // Too many startup failures restart it (the marker is on a tmpfs).
    run_d(
        &env,
        &[
            "--name",
            "sr",
            "--tmpfs",
            "/t",
            "--stop-timeout",
            "1",
            "--health-startup-cmd",
            "test -e /t/ok",
            "--health-startup-interval",
            "1s",
            "--health-startup-retries",
            "2",
            "--health-cmd",
            "true",
            "--health-interval",
            "1s",
            &image,
            "sleep",
            "300",
        ],
    );
    until(&env, "sr", "a restart", |v| {
        v["RestartCount"].as_u64() >= Some(1)
    });
    env.rpod(["rm", "-f", "-t", "0", "st", "sr"])
        .run()
        .success();
}

#[test]
fn a_foreground_run_with_rm_runs_its_healthcheck_too() {
    let (env, image) = require!(setup());
    // The command ends once a probe ran (it leaves a file behind).
    env.rpod([
        "run",
        "--rm",
        "--health-cmd",
        "touch /probed",
        "--health-interval",
        "1s",
        &image,
        "sh",
        "-c",
        "until test -e /probed; do sleep 0.1; done; echo probed",
    ])
    .timeout(Duration::from_secs(40))
    .run()
    .success()
    .stdout_has("probed");
    // A check's results in a directory go with the container.
    let dir = env.root().parent().unwrap().join("hclogs");
    std::fs::create_dir_all(&dir).unwrap();
    env.chown_to_user(&dir);
    let id = run_d(
        &env,
        &[
            "--name",
            "dest",
            "--health-cmd",
            "echo in-dir",
            "--health-interval",
            "disable",
            "--health-log-destination",
            dir.to_str().unwrap(),
            &image,
            "sleep",
            "300",
        ],
    );
    env.rpod(["healthcheck", "run", "dest"]).run().success();
    let file = dir.join(format!("{id}-healthcheck.log"));
    let text = std::fs::read_to_string(&file).expect("the health file in the directory");
    assert!(text.contains("in-dir"), "{text}");
    env.rpod(["rm", "-f", "-t", "0", "dest"]).run().success();
    assert!(!file.exists(), "{} left behind", file.display());
}

/// `RssAnon` of a process, in kB, from `/proc/PID/status`.
fn rss_anon_kb(pid: i64) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the monitor's status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no RssAnon in {status}"))
}

#[test]
fn the_monitor_does_not_grow_with_its_probes() {
    let (env, image) = require!(setup());
    // A failing check with retries to spare: FailingStreak counts the probes.
    run_d(
        &env,
        &[
            "--name",
            "mem",
            "--health-cmd",
            "false",
            "--health-interval",
            "1s",
            "--health-retries",
            "100000",
            &image,
            "sleep",
            "300",
        ],
    );
    let streak =
        |v: &serde_json::Value| v["State"]["Health"]["FailingStreak"].as_u64().unwrap_or(0);
    let v = until(&env, "mem", "3 probes", |v| streak(v) >= 3);
    let pid = v["State"]["ConmonPid"].as_i64().expect("the monitor's PID");
    let settled = rss_anon_kb(pid);
    until(&env, "mem", "15 probes", |v| streak(v) >= 15);
    let later = rss_anon_kb(pid);
    // The monitor forks a helper per probe and keeps nothing of it: 12
    // probes later its private memory is what it was (a page or two of
    // noise allowed, not a few hundred bytes per probe).
    assert!(
        later <= settled + 32,
        "the monitor's RssAnon grew from {settled} kB to {later} kB over 12 probes"
    );
    env.rpod(["rm", "-f", "-t", "0", "mem"]).run().success();
}

#[test]
fn the_monitor_still_supervises_after_giving_back_its_code_pages() {
    // Between probes the monitor drops its mappings of code and constants
    // (sys::release_code_pages); a wrong page dropped (relocated data)
    // crashes it or corrupts what it does next. After several probes it
    // must still log the container's output, run probes and record the
    // container's own exit code on stop.
    let (env, image) = require!(setup());
    run_d(
        &env,
        &[
            "--name",
            "gb",
            "--health-cmd",
            "false",
            "--health-interval",
            "1s",
            "--health-retries",
            "100000",
            &image,
            "sh",
            "-c",
            "trap 'exit 7' TERM; while :; do sleep 0.1; done",
        ],
    );
    let streak =
        |v: &serde_json::Value| v["State"]["Health"]["FailingStreak"].as_u64().unwrap_or(0);
    let v = until(&env, "gb", "3 probes", |v| streak(v) >= 3);
    let monitor = v["State"]["ConmonPid"].as_i64().expect("the monitor's PID");
    // Output written now reaches the log only through the monitor's loop.
    env.rpod(["exec", "gb", "sh", "-c", "echo late-line > /proc/1/fd/1"])
        .run()
        .success();
    let deadline = Instant::now() + Duration::from_secs(40);
    while !env
        .rpod(["logs", "gb"])
        .run()
        .success()
        .out()
        .contains("late-line")
    {
        assert!(
            Instant::now() < deadline,
            "the line written after 3 probes never reached the log"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    until(&env, "gb", "3 more probes", |v| streak(v) >= 6);
    assert!(
        std::path::Path::new(&format!("/proc/{monitor}")).exists(),
        "the monitor ({monitor}) is gone"
    );
    env.rpod(["stop", "-t", "10", "gb"]).run().success();
    let v = inspect(&env, "gb");
    assert_eq!(v["State"]["Status"], "exited", "{}", v["State"]);
    assert_eq!(v["State"]["ExitCode"], 7, "{}", v["State"]);
    env.rpod(["rm", "gb"]).run().success();
}
