//! What `--format` templates print for each kind of Go value, as podman 5's
//! types make Go print them: a nil slice `[]`, a nil map `map[]`, a nil
//! pointer `<nil>`, a missing string ``, a struct `{a b}` in Go's field
//! order, a time `2006-01-02 15:04:05 +0000 UTC`, a duration `30s`, a
//! missing map key `<no value>`; `json` keeps the JSON; as the
//! unprivileged user.

use crate::pull::busybox_env as setup;

/// Whether `s` is a time as Go's `time.Time.String()` prints a UTC one.
fn go_utc_time(s: &str) -> bool {
    regex::Regex::new(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC$")
        .expect("valid regex")
        .is_match(s)
}

#[test]
fn container_inspect_fields_print_as_podmans_go_types() {
    let (env, image) = require!(setup());
    env.rpod([
        "create",
        "--name",
        "t1",
        "--restart",
        "on-failure:3",
        "--ulimit",
        "nofile=100:200",
        "--health-cmd",
        "true",
        "--health-interval",
        "30s",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    let fmt = |f: &str| {
        env.rpod(["inspect", "--format", f, "t1"])
            .run()
            .success()
            .stdout
            .trim_end_matches('\n')
            .to_string()
    };
    // Nil slices and maps, a nil pointer, empty strings, a missing key.
    assert_eq!(
        fmt("{{.HostConfig.Links}}|{{.HostConfig.VolumesFrom}}|{{.Config.Volumes}}|{{.HostConfig.CgroupConf}}"),
        "[]|[]|map[]|map[]"
    );
    assert_eq!(fmt("{{json .HostConfig.Links}}"), "null");
    assert_eq!(
        fmt("[{{.Config.DomainName}}]|{{.Config.Labels.nope}}|{{.State.ExitCode}}|{{.State.Running}}"),
        "[]|<no value>|0|false"
    );
    // Structs print as `{a b}` in Go's field order; a slice of them too.
    assert_eq!(fmt("{{.HostConfig.RestartPolicy}}"), "{on-failure 3}");
    let limits = fmt("{{.HostConfig.Ulimits}}");
    assert!(
        limits.starts_with("[{") && limits.contains("{RLIMIT_NOFILE 100 200}"),
        "{limits}"
    );
    // Times as time.Time.String(), JSON as RFC 3339; a zero time.
    let started = fmt("{{.State.FinishedAt}}");
    assert_eq!(started, "0001-01-01 00:00:00 +0000 UTC");
    let created = fmt("{{.Created}}");
    assert!(go_utc_time(&created), "{created}");
    let json = fmt("{{json .Created}}");
    assert!(json.starts_with('"') && json.contains('T'), "{json}");
    // Durations as time.Duration prints them, JSON in nanoseconds.
    assert_eq!(fmt("{{.Config.Healthcheck.Interval}}"), "30s");
    assert_eq!(fmt("{{json .Config.Healthcheck.Interval}}"), "30000000000");
    // A struct printed whole: its pointers inside as addresses, nil ones `<nil>`.
    let state = fmt("{{.State}}");
    assert!(
        state.starts_with('{') && state.contains(" created false ") && state.ends_with('}'),
        "{state}"
    );
    // `json` of a struct keeps podman's JSON names.
    assert!(fmt("{{json .State}}").contains("\"Status\":\"created\""));
    // podman's method `Healthcheck` returns `Health`.
    let health = fmt("{{.State.Health}}");
    assert!(health.starts_with('{'), "{health}");
    assert_eq!(fmt("{{.State.Healthcheck}}"), health);
    // An unknown field is Go's error, naming podman's type; podman 5's
    // Go name is `DomainName` (its JSON key `Domainname`).
    env.rpod(["inspect", "--format", "{{.Config.Domainname}}", "t1"])
        .run()
        .error125();
    env.rpod(["inspect", "--format", "{{.Nope}}", "t1"])
        .run()
        .error125()
        .stderr_has("can't evaluate field Nope in type *define.InspectContainerData");
}

#[test]
fn list_and_other_inspect_templates_print_go_zero_values() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "t2", &image, "true"])
        .run()
        .success();
    env.rpod(["volume", "create", "tv"]).run().success();
    // ps: ListContainer's fields rpod has no value for are Go's zero values.
    env.rpod([
        "ps",
        "-a",
        "--format",
        "{{.Mounts}}|{{.IsInfra}}|[{{.CIDFile}}]|{{.Labels.nope}}|{{.Names}}",
    ])
    .run()
    .success()
    .stdout_is("[]|false|[]|<no value>|t2");
    let created = env
        .rpod(["ps", "-a", "--format", "{{.Created}}"])
        .run()
        .success()
        .stdout
        .trim()
        .to_string();
    assert!(go_utc_time(&created), "{created}");
    // images: ImageSummary's ints, its config's labels, a missing one.
    env.rpod([
        "images",
        "--format",
        "{{.SharedSize}}|{{.Labels.nope}}|{{.Dangling}}",
    ])
    .run()
    .success()
    .stdout_is("0|<no value>|false");
    // volumes: maps, a time.
    env.rpod([
        "volume",
        "inspect",
        "--format",
        "{{.Options}}|{{.Anonymous}}",
        "tv",
    ])
    .run()
    .success()
    .stdout_is("map[]|false");
    let at = env
        .rpod(["volume", "inspect", "--format", "{{.CreatedAt}}", "tv"])
        .run()
        .success()
        .stdout
        .trim()
        .to_string();
    assert!(go_utc_time(&at), "{at}");
    // image inspect: a nil map inside a struct pointer, `.Id` as podman reads it.
    env.rpod([
        "image",
        "inspect",
        "--format",
        "{{.Config.Volumes}}|{{len .Id}}",
        &image,
    ])
    .run()
    .error125();
    env.rpod([
        "image",
        "inspect",
        "--format",
        "{{.Config.Volumes}}|{{.Config.StopSignal}}|{{.HealthCheck}}",
        &image,
    ])
    .run()
    .success()
    .stdout_is("map[]||<nil>");
}
