use std::time::Duration;

use chrono::{FixedOffset, TimeZone, Utc};

use super::*;

fn s(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn flags(set: impl FnOnce(&mut HealthFlags)) -> Result<HealthRequest, HealthError> {
    let mut f = HealthFlags::default();
    set(&mut f);
    HealthRequest::from_flags(&f)
}

#[test]
fn health_cmd_forms_as_podman_splits_them() {
    let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for (input, want) in [
        (
            "pg_isready -U postgres",
            v(&["CMD-SHELL", "pg_isready -U postgres"]),
        ),
        ("true", v(&["CMD-SHELL", "true"])),
        (r#"["ls", "-l", "/"]"#, v(&["CMD", "ls", "-l", "/"])),
        (r#"["ls -l"]"#, v(&["CMD-SHELL", "ls -l"])),
        (r#"["CMD", "a b"]"#, v(&["CMD", "a b"])),
        ("CMD ls  -l", v(&["CMD", "ls", "-l"])),
        (
            "CMD-SHELL echo hi there",
            v(&["CMD-SHELL", "echo hi there"]),
        ),
        ("none", v(&["NONE"])),
        ("NONE", v(&["NONE"])),
        (r#"["NONE"]"#, v(&["NONE"])),
    ] {
        assert_eq!(parse_health_cmd(input).unwrap(), want, "{input}");
    }
    let e = parse_health_cmd("[]").unwrap_err().to_string();
    assert!(e.contains("must define a healthcheck command"), "{e}");
}

#[test]
fn probe_commands() {
    let c = |t: &[&str]| HealthConfig {
        test: t.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    assert_eq!(
        c(&["CMD-SHELL", "curl -f localhost"])
            .probe_command()
            .unwrap(),
        ["/bin/sh", "-c", "curl -f localhost"]
    );
    assert_eq!(c(&["CMD", "ls", "/"]).probe_command().unwrap(), ["ls", "/"]);
    assert_eq!(c(&["NONE"]).probe_command(), None);
    assert_eq!(c(&["CMD"]).probe_command(), None);
    assert_eq!(c(&[]).probe_command(), None);
    assert!(!c(&["NONE"]).is_enabled());
}

#[test]
fn explicit_check_with_podmans_defaults() {
    let r = flags(|f| {
        f.cmd = Some("pg_isready".into());
        f.interval = Some("2s".into());
        f.retries = Some("5".into());
        f.start_period = Some("10s".into());
        f.on_failure = Some("restart".into());
    })
    .unwrap();
    assert_eq!(r.on_failure, OnFailure::Restart);
    assert_eq!((r.max_log_count, r.max_log_size), (5, 500));
    let c = r.resolve(None).unwrap();
    assert_eq!(
        c,
        HealthConfig {
            test: vec!["CMD-SHELL".into(), "pg_isready".into()],
            interval: s(2),
            timeout: s(30),
            start_period: s(10),
            start_interval: Duration::ZERO,
            retries: 5,
        }
    );
    assert_eq!(c.next_delay(true), Some(s(2)));
    // The image's check does not matter then.
    let image = HealthConfig {
        test: vec!["CMD".into(), "other".into()],
        ..Default::default()
    };
    assert_eq!(r.resolve(Some(&image)).unwrap().test[1], "pg_isready");

    let c = flags(|f| {
        f.cmd = Some("true".into());
        f.interval = Some("disable".into());
        f.start_interval = Some("1s".into());
    })
    .unwrap()
    .resolve(None)
    .unwrap();
    assert_eq!(c.interval, Duration::ZERO);
    assert_eq!(c.next_delay(false), None, "disable: no timer");
    assert_eq!(c.next_delay(true), Some(s(1)));
}

#[test]
fn disabling() {
    let image = HealthConfig {
        test: vec!["CMD".into(), "x".into()],
        ..Default::default()
    };
    for r in [
        flags(|f| f.no_healthcheck = true).unwrap(),
        flags(|f| f.cmd = Some("none".into())).unwrap(),
    ] {
        assert_eq!(r.check, Check::Disabled);
        assert_eq!(r.resolve(Some(&image)), None);
    }
    let e = flags(|f| {
        f.no_healthcheck = true;
        f.cmd = Some("true".into());
    })
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot specify both --no-healthcheck and --health-cmd"
    );
}

#[test]
fn image_check_with_overrides_and_defaults() {
    let image_json = serde_json::json!({
        "Env": ["PATH=/bin"],
        "Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"], "Interval": 5_000_000_000u64, "Retries": 2}
    });
    let image = from_image_config(&image_json).unwrap();
    assert_eq!(image.interval, s(5));
    assert!(from_image_config(&serde_json::json!({"Env": []})).is_none());

    let c = HealthRequest::default().resolve(Some(&image)).unwrap();
    assert_eq!(
        (c.interval, c.timeout, c.retries, c.start_period),
        (s(5), s(30), 2, Duration::ZERO)
    );

    let r = flags(|f| {
        f.timeout = Some("3s".into());
        f.retries = Some("7".into());
        f.start_period = Some("1m".into());
    })
    .unwrap();
    let c = r.resolve(Some(&image)).unwrap();
    assert_eq!(
        (c.interval, c.timeout, c.retries, c.start_period),
        (s(5), s(3), 7, s(60))
    );
    let c = flags(|f| f.interval = Some("disable".into()))
        .unwrap()
        .resolve(Some(&image))
        .unwrap();
    assert_eq!(c.interval, Duration::ZERO);
    // Without an image check, overrides alone make none.
    assert_eq!(r.resolve(None), None);
    // An image that disables its parent's check: none.
    let none = HealthConfig {
        test: vec!["NONE".into()],
        ..Default::default()
    };
    assert_eq!(HealthRequest::default().resolve(Some(&none)), None);
}

#[test]
fn bad_values_name_the_flag() {
    for (set, flag, want) in [
        (("interval", "soon"), "--health-interval", "or disable"),
        (("timeout", "0s"), "--health-timeout", "above zero"),
        (("timeout", "10"), "--health-timeout", "such as 30s"),
        (
            ("start_period", "-1s"),
            "--health-start-period",
            "such as 30s",
        ),
        (("retries", "-1"), "--health-retries", "at least 1"),
        (
            ("max_log_count", "x"),
            "--health-max-log-count",
            "number of results",
        ),
    ] {
        let e = flags(|f| {
            f.cmd = Some("true".into());
            let v = Some(set.1.to_string());
            match set.0 {
                "interval" => f.interval = v,
                "timeout" => f.timeout = v,
                "start_period" => f.start_period = v,
                "retries" => f.retries = v,
                _ => f.max_log_count = v,
            }
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(&format!("invalid value for {flag} {:?}: ", set.1)) && e.contains(want),
            "{e}"
        );
    }
    let e = flags(|f| {
        f.cmd = Some("true".into());
        f.retries = Some("0".into());
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("healthcheck-retries must be greater than 0"),
        "{e}"
    );
    let e = flags(|f| f.on_failure = Some("explode".into()))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "invalid on-failure action \"explode\" for health check: supported actions are none,kill,restart,stop"
    );
}

fn probe(outcome: Outcome, output: &str) -> ProbeResult {
    ProbeResult {
        start: "2026-01-01T00:00:00.1Z".into(),
        end: "2026-01-01T00:00:00.2Z".into(),
        outcome,
        output: output.as_bytes().to_vec(),
        container_stopped: false,
    }
}

#[test]
fn state_machine_as_podman() {
    let mut h = HealthState::reset();
    h.on_start();
    assert_eq!(h.status, HealthStatus::Starting);
    // Failures inside the start period leave it starting and do not count.
    assert!(!h.record(&probe(Outcome::Exited(3), "no"), true, 3, 5, 500));
    assert_eq!((h.status, h.failing_streak), (HealthStatus::Starting, 0));
    assert_eq!(h.log[0].exit_code, 1, "podman logs any failure as 1");
    // A success: healthy.
    assert!(h.record(&probe(Outcome::Exited(0), "ok\n"), false, 3, 5, 500));
    assert_eq!((h.status, h.failing_streak), (HealthStatus::Healthy, 0));
    // Failures below the retries keep it healthy, with a streak.
    assert!(!h.record(&probe(Outcome::Exited(1), ""), false, 3, 5, 500));
    assert!(!h.record(&probe(Outcome::TimedOut, ""), false, 3, 5, 500));
    assert_eq!((h.status, h.failing_streak), (HealthStatus::Healthy, 2));
    assert_eq!(h.log.last().unwrap().exit_code, -1, "a timeout is -1");
    // The third: unhealthy.
    assert!(h.record(&probe(Outcome::Exited(1), ""), false, 3, 5, 500));
    assert_eq!((h.status, h.failing_streak), (HealthStatus::Unhealthy, 3));
    // Only the last 5 are kept, oldest first.
    assert_eq!(h.log.len(), 5);
    assert!(!h.record(&probe(Outcome::Error, ""), false, 3, 5, 500));
    assert_eq!(h.log.len(), 5);
    assert_eq!(h.log.last().unwrap().exit_code, 125);
    assert_eq!(h.log[0].output, "ok\n");
    // Recovery.
    assert!(!h.record(&probe(Outcome::NotRun, ""), false, 3, 0, 500));
    assert!(h.record(&probe(Outcome::Exited(0), ""), false, 3, 0, 500));
    assert_eq!((h.status, h.failing_streak), (HealthStatus::Healthy, 0));
    assert_eq!(h.log.len(), 7, "0 keeps every result");
    // A failure because the container stopped.
    let mut stopped = probe(Outcome::Exited(137), "");
    stopped.container_stopped = true;
    assert!(h.record(&stopped, false, 3, 5, 500));
    assert_eq!(h.status, HealthStatus::Stopped);
}

#[test]
fn output_is_cut_at_the_maximum_size() {
    let mut h = HealthState::default();
    let long = "é".repeat(400); // 800 bytes
    h.record(&probe(Outcome::Exited(0), &long), false, 3, 5, 500);
    assert_eq!(h.log[0].output.len(), 500);
    h.record(&probe(Outcome::Exited(0), &long), false, 3, 5, 7);
    assert_eq!(h.log[1].output, "ééé", "cut on a character boundary");
    h.record(&probe(Outcome::Exited(0), &long), false, 3, 5, 0);
    assert_eq!(h.log[2].output.len(), 800);
}

#[test]
fn inspect_shape_and_file() {
    let mut h = HealthState::default();
    h.on_start();
    h.record(
        &probe(Outcome::Exited(0), "Life is Good\n"),
        false,
        3,
        5,
        500,
    );
    let json = serde_json::to_value(&h).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "Status": "healthy",
            "FailingStreak": 0,
            "Log": [{"Start": "2026-01-01T00:00:00.1Z", "End": "2026-01-01T00:00:00.2Z", "ExitCode": 0, "Output": "Life is Good\n"}]
        })
    );
    // podman's file after a restart has a null log.
    let reset: HealthState =
        serde_json::from_str(r#"{"Status":"reset","FailingStreak":0,"Log":null}"#).unwrap();
    assert_eq!(reset, HealthState::reset());

    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("healthcheck.log");
    assert_eq!(
        HealthState::load(&path).unwrap().status,
        HealthStatus::Unset
    );
    h.save(&path).unwrap();
    assert_eq!(HealthState::load(&path).unwrap(), h);
    fs_err::write(&path, "{torn").unwrap();
    let e = HealthState::load(&path).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
}

#[test]
fn config_json_as_podman_inspects_it() {
    let c = HealthConfig {
        test: vec!["CMD-SHELL".into(), "true".into()],
        interval: s(30),
        timeout: s(30),
        start_period: Duration::ZERO,
        start_interval: Duration::ZERO,
        retries: 3,
    };
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        serde_json::json!({"Test": ["CMD-SHELL", "true"], "Interval": 30_000_000_000u64, "Timeout": 30_000_000_000u64, "Retries": 3})
    );
    let docker: HealthConfig =
        serde_json::from_str(r#"{"Test":["CMD","x"],"Interval":-1}"#).unwrap();
    assert_eq!(docker.interval, Duration::ZERO);
    assert_eq!(serde_json::to_string(&OnFailure::Kill).unwrap(), "\"kill\"");
}

#[test]
fn go_time_format() {
    let t = Utc.timestamp_opt(1_700_000_000, 120_000_000).unwrap();
    assert_eq!(go_rfc3339_nano(&t), "2023-11-14T22:13:20.12Z");
    let t = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    assert_eq!(go_rfc3339_nano(&t), "2023-11-14T22:13:20Z");
    let t = FixedOffset::east_opt(7200)
        .unwrap()
        .timestamp_opt(1_700_000_000, 1)
        .unwrap();
    assert_eq!(go_rfc3339_nano(&t), "2023-11-15T00:13:20.000000001+02:00");
}

#[test]
fn log_destination_and_settings() {
    assert_eq!("local".parse(), Ok(LogDestination::Local));
    assert_eq!("".parse(), Ok(LogDestination::Local));
    assert_eq!("events_logger".parse(), Ok(LogDestination::EventsLogger));
    let dir = std::env::temp_dir();
    let d: LogDestination = dir.to_str().unwrap().parse().unwrap();
    assert_eq!(
        d.file(std::path::Path::new("/ctr"), "abc"),
        dir.join("abc-healthcheck.log")
    );
    assert_eq!(
        LogDestination::Local.file(std::path::Path::new("/ctr"), "abc"),
        std::path::Path::new("/ctr/healthcheck.log")
    );
    for bad in ["relative/dir", "/no/such/dir/for/rpod"] {
        let e = bad.parse::<LogDestination>().unwrap_err().to_string();
        assert!(e.contains("--health-log-destination"), "{e}");
    }
    // Records without the settings read podman's defaults.
    let s: HealthSettings = serde_json::from_str("{}").unwrap();
    assert_eq!(s, HealthSettings::default());
    assert_eq!((s.max_log_count, s.max_log_size), (5, 500));
    let r = flags(|f| {
        f.cmd = Some("true".into());
        f.on_failure = Some("restart".into());
        f.max_log_count = Some("0".into());
        f.log_destination = Some("events_logger".into());
    })
    .unwrap();
    let s = r.settings();
    assert_eq!(s.on_failure, OnFailure::Restart);
    assert_eq!(s.max_log_count, 0);
    assert_eq!(s.log_destination, LogDestination::EventsLogger);
    let back: HealthSettings = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn startup_check_flags() {
    let r = flags(|f| {
        f.cmd = Some("true".into());
        f.startup_cmd = Some("test -e /ok".into());
        f.startup_interval = Some("2s".into());
        f.startup_retries = Some("4".into());
        f.startup_success = Some("2".into());
    })
    .unwrap();
    let s = r.startup.expect("a startup check");
    assert_eq!(s.check.test, ["CMD-SHELL", "test -e /ok"]);
    assert_eq!((s.check.interval, s.check.timeout), (s2(2), s2(30)));
    assert_eq!((s.check.retries, s.successes), (4, 2));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["Successes"], 2);
    assert_eq!(json["Test"][0], "CMD-SHELL");
    assert_eq!(serde_json::from_value::<StartupCheck>(json).unwrap(), s);
    let e = flags(|f| {
        f.startup_cmd = Some("true".into());
        f.no_healthcheck = true;
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("--health-startup-cmd"), "{e}");
    let e = flags(|f| {
        f.startup_cmd = Some("true".into());
        f.startup_interval = Some("0s".into());
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("--health-startup-interval"), "{e}");
}

fn s2(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn update_changes_only_what_is_given() {
    let none = HealthParts::default();
    let upd = |cur: &HealthParts, set: &dyn Fn(&mut HealthFlags)| {
        let mut f = HealthFlags::default();
        set(&mut f);
        update(cur, &f)
    };
    // Timing flags need a check.
    let e = upd(&none, &|f| f.interval = Some("10s".into())).unwrap_err();
    assert!(
        e.to_string().contains("healthcheck command is not set"),
        "{e}"
    );
    let e = upd(&none, &|f| f.startup_retries = Some("3".into())).unwrap_err();
    assert!(
        e.to_string()
            .contains("startup healthcheck command is not set"),
        "{e}"
    );
    // A command alone gets podman's defaults.
    let p = upd(&none, &|f| f.cmd = Some("echo hi".into())).unwrap();
    let c = p.check.clone().unwrap();
    assert_eq!(c.test, ["CMD-SHELL", "echo hi"]);
    assert_eq!((c.interval, c.timeout, c.retries), (s(30), s(30), 3));
    // Then the interval alone: the command stays.
    let q = upd(&p, &|f| f.interval = Some("2s".into())).unwrap();
    let c = q.check.clone().unwrap();
    assert_eq!((c.test.len(), c.interval), (2, s(2)));
    let e = upd(&p, &|f| f.retries = Some("0".into())).unwrap_err();
    assert!(e.to_string().contains("--health-retries"), "{e}");
    // The startup check, then only its successes.
    let r = upd(&q, &|f| {
        f.startup_cmd = Some("true".into());
        f.startup_interval = Some("5s".into());
    })
    .unwrap();
    let r = upd(&r, &|f| f.startup_success = Some("4".into())).unwrap();
    let st = r.startup.clone().unwrap();
    assert_eq!((st.check.interval, st.successes), (s(5), 4));
    assert_eq!(st.check.test, ["CMD-SHELL", "true"]);
    // --no-healthcheck removes both, and refuses other check flags.
    let n = upd(&r, &|f| f.no_healthcheck = true).unwrap();
    assert!(n.check.is_none() && n.startup.is_none() && n.disabled);
    assert!(upd(&r, &|f| {
        f.no_healthcheck = true;
        f.cmd = Some("true".into());
    })
    .is_err());
    // Settings alone; `--health-cmd none` disables.
    let o = upd(&q, &|f| f.on_failure = Some("restart".into())).unwrap();
    assert_eq!(
        (o.settings.on_failure, o.check),
        (OnFailure::Restart, q.check.clone())
    );
    let d = upd(&q, &|f| f.cmd = Some("none".into())).unwrap();
    assert!(d.check.is_none() && d.disabled);
}
