//! Smaller `run`/`create` flags, as podman has them: `--http-proxy`,
//! `--arch`/`--os`/`--variant`; `/run/.containerenv`; `-p` where the
//! network mode cannot publish; `--flag=BOOL`.

use crate::harness::Env;
use crate::pull::busybox_env as setup;
use crate::registry;

#[test]
fn http_proxy_passes_the_host_s_proxy_variables() {
    let (env, image) = require!(setup());
    let show = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[
            &image,
            "sh",
            "-c",
            "echo \"$http_proxy|$NO_PROXY|$https_proxy\"",
        ]);
        env.rpod(args)
            .env("http_proxy", "http://proxy.example:3128")
            .env("NO_PROXY", "localhost")
            .env("PATH_NOT_A_PROXY", "x")
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(show(&[]), "http://proxy.example:3128|localhost|");
    assert_eq!(
        show(&["--http-proxy"]),
        "http://proxy.example:3128|localhost|"
    );
    assert_eq!(show(&["--http-proxy=false"]), "||");
    // -e wins over the host's value.
    assert_eq!(show(&["-e", "http_proxy=mine"]), "mine|localhost|");
    // containers.conf http_proxy = false turns it off; the flag back on.
    env.containers_conf("[containers]\nhttp_proxy = false\n");
    assert_eq!(show(&[]), "||");
    assert_eq!(
        show(&["--http-proxy=true"]),
        "http://proxy.example:3128|localhost|"
    );
}

#[test]
fn arch_and_os_choose_the_image_pulled_for_run() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("multi:latest");
    // An arm64 image cannot run here: create is enough to pull it.
    env.rpod([
        "create",
        "-q",
        "--tls-verify=false",
        "--arch",
        "arm64",
        "--os",
        "linux",
        &reference,
        "true",
    ])
    .run()
    .success();
    assert_eq!(env.inspect(&reference)["Architecture"], "arm64");
    env.rpod([
        "create",
        "--pull=always",
        "--tls-verify=false",
        "--arch",
        "mips64",
        &reference,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("linux/arm64");
    // --platform names the whole platform: with --arch or --os it is
    // podman's conflict, before the value is read.
    for (verb, flag) in [("create", "--arch"), ("pull", "--os")] {
        env.rpod([verb, "--platform=foo", &format!("{flag}=bar"), "sdfsdf"])
            .run()
            .error125()
            .stderr_is("Error: --platform option can not be specified with --arch or --os");
    }
}

#[test]
fn expose_adds_ports_that_publish_all_publishes() {
    let (env, image) = require!(setup());
    let id = env
        .rpod([
            "create",
            "--expose",
            "8080",
            "--expose",
            "9000-9001/udp",
            "-P",
            &image,
            "true",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let j = env.rpod(["inspect", &id]).run().json();
    let exposed = &j[0]["Config"]["ExposedPorts"];
    for k in ["8080/tcp", "9000/udp", "9001/udp"] {
        assert!(exposed.get(k).is_some(), "{k} in {exposed}");
    }
    let ports = &j[0]["NetworkSettings"]["Ports"];
    for k in ["8080/tcp", "9000/udp", "9001/udp"] {
        let host = ports[k][0]["HostPort"].as_str().unwrap_or("");
        assert!(host.parse::<u16>().is_ok_and(|p| p > 0), "{k}: {ports}");
    }
    env.rpod(["create", "--expose", "0", &image])
        .run()
        .error125()
        .stderr_has("--expose 0: invalid port \"0\"");
}

#[test]
fn timeout_kills_the_container_and_records_minus_one() {
    let (env, image) = require!(setup());
    // sleep 600 outlives the harness's limit: only the kill ends it in time.
    env.rpod([
        "run",
        "--name",
        "t1",
        "--timeout",
        "2",
        &image,
        "sleep",
        "600",
    ])
    .timeout(std::time::Duration::from_secs(60))
    .run()
    .code(255);
    env.rpod([
        "inspect",
        "--format",
        "{{.State.Status}} {{.State.ExitCode}}",
        "t1",
    ])
    .run()
    .success()
    .stdout_is("exited -1");
    // Detached, under the monitor.
    env.rpod([
        "run",
        "-d",
        "--name",
        "t2",
        "--timeout",
        "1",
        &image,
        "sleep",
        "600",
    ])
    .run()
    .success();
    env.rpod(["wait", "t2"])
        .timeout(std::time::Duration::from_secs(60))
        .run()
        .success()
        .stdout_is("-1");
    // A container that ends first is not touched.
    env.rpod([
        "run",
        "--rm",
        "--timeout",
        "100",
        &image,
        "sh",
        "-c",
        "exit 3",
    ])
    .run()
    .code(3);
}

#[test]
fn requires_starts_the_required_containers_first() {
    let (env, image) = require!(setup());
    for n in ["db", "cache"] {
        env.rpod(["create", "--name", n, &image, "sleep", "1000"])
            .run()
            .success();
    }
    env.rpod([
        "create",
        "--name",
        "app",
        "--requires",
        "db,cache",
        &image,
        "true",
    ])
    .run()
    .success();
    let deps = env
        .rpod(["inspect", "--format", "{{len .Dependencies}}", "app"])
        .run()
        .success()
        .out()
        .to_string();
    assert_eq!(deps, "2");
    env.rpod(["start", "-a", "app"]).run().success();
    for n in ["db", "cache"] {
        env.rpod(["inspect", "--format", "{{.State.Status}}", n])
            .run()
            .success()
            .stdout_is("running");
    }
    // Required containers cannot go first.
    env.rpod(["rm", "-f", "-t", "0", "db"])
        .run()
        .error125()
        .stderr_has("dependent");
    env.rpod(["rm", "app"]).run().success();
    env.rpod(["rm", "-f", "-t", "0", "db", "cache"])
        .run()
        .success();
    env.rpod(["create", "--requires", "nope", &image])
        .run()
        .error125()
        .stderr_has("\"nope\" is not a valid container, cannot be used as a dependency");
}

#[test]
fn attach_copies_only_the_streams_named() {
    let (env, image) = require!(setup());
    let script = "echo out; echo err >&2";
    let out = env
        .rpod([
            "run", "--name", "a1", "-a", "stdout", &image, "sh", "-c", script,
        ])
        .run();
    out.success().stdout_is("out");
    assert_eq!(out.stderr.trim(), "", "{out}");
    let out = env
        .rpod([
            "run", "--rm", "--attach", "stderr", &image, "sh", "-c", script,
        ])
        .run();
    out.success().stdout_is("");
    assert_eq!(out.stderr.trim(), "err", "{out}");
    // What is not attached is still logged.
    let logs = env.rpod(["logs", "a1"]).run();
    logs.success().stdout_has("out");
    assert!(logs.stderr.contains("err"), "{logs}");
    // Neither output attached: the ID, as podman prints it.
    let out = env
        .rpod([
            "run", "--name", "a2", "-a", "stdin", &image, "echo", "hello",
        ])
        .run();
    let id = env
        .rpod(["inspect", "--format", "{{.Id}}", "a2"])
        .run()
        .out()
        .to_string();
    out.success().stdout_is(&id);
    env.rpod(["run", "-a", "stdio", &image, "true"])
        .run()
        .error125()
        .stderr_has(
            "invalid stream \"stdio\" for --attach - must be one of stdin, stdout, or stderr",
        );
}

#[test]
fn containerenv_is_empty_or_has_the_privileged_container_s_facts() {
    let (env, image) = require!(setup());
    let size = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[&image, "stat", "-c", "%s", "/run/.containerenv"]);
        env.rpod(args).run().success().out().to_string()
    };
    for extra in [&[][..], &["--read-only"], &["--tmpfs", "/run"]] {
        assert_eq!(size(extra), "0", "{extra:?}");
    }
    // A bind mount on /run is the user's: nothing is added to it.
    let dir = env.write_file(std::path::Path::new("run-dir/keep"), "");
    env.rpod([
        "run",
        "--rm",
        "-v",
        &format!("{}:/run", dir.parent().unwrap().display()),
        &image,
        "test",
        "-e",
        "/run/.containerenv",
    ])
    .run()
    .code(1);
    let out = env
        .rpod([
            "run",
            "--rm",
            "--privileged",
            "--name",
            "envfacts",
            &image,
            "sh",
            "-c",
            ". /run/.containerenv; echo $engine $name $image $rootless; echo $id; echo $imageid",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let lines: Vec<&str> = out.lines().collect();
    let rootless = if env.rootless_mode() { "1" } else { "0" };
    assert_eq!(
        lines[0],
        format!(
            "rpod-{} envfacts {image} {rootless}",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(lines[1].len(), 64, "{out}");
    let iid = env.inspect(&image)["Id"].as_str().unwrap().to_string();
    assert_eq!(lines[2], iid.trim_start_matches("sha256:"));
}

#[test]
fn ports_are_discarded_with_a_warning_where_the_network_cannot_publish() {
    let (env, image) = require!(setup());
    for (net, kind) in [("host", "host"), ("none", "none")] {
        let out = env
            .rpod([
                "run",
                "--rm",
                "-p",
                "8080",
                "--network",
                net,
                &image,
                "echo",
                "ran",
            ])
            .run();
        out.success().stdout_is("ran").stderr_is(&format!(
            "Port mappings have been discarded because \"{kind}\" network namespace mode does not support them"
        ));
    }
    env.rpod(["run", "-d", "--name", "holder", &image, "sleep", "1000"])
        .run()
        .success();
    env.rpod([
        "run",
        "--rm",
        "-p",
        "8080",
        "--network",
        "container:holder",
        &image,
        "echo",
        "ran",
    ])
    .run()
    .success()
    .stdout_is("ran")
    .stderr_has("\"container\" network namespace mode does not support them");
    env.rpod(["rm", "-f", "-t0", "holder"]).run().success();
}

#[test]
fn boolean_flags_take_pflag_s_equals_value() {
    let (env, image) = require!(setup());
    // `-t=false`: no terminal, so no TERM in the container.
    env.rpod([
        "run",
        "-t=false",
        "--rm",
        &image,
        "sh",
        "-c",
        "echo \"[$TERM]\"",
    ])
    .run()
    .success()
    .stdout_is("[]");
    env.rpod(["run", "--rm=false", "--name", "kept", &image, "true"])
        .run()
        .success();
    env.rpod(["container", "exists", "kept"]).run().success();
    env.rpod(["rm", "--force=true", "kept"]).run().success();
    env.rpod(["container", "exists", "kept"]).run().code(1);
}

#[test]
fn a_name_with_docker_s_leading_slash_names_the_container() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "/slashed", &image, "true"])
        .run()
        .success();
    env.rpod([
        "ps",
        "-a",
        "--filter",
        "name=^/slashed$",
        "--format",
        "{{.Names}}",
    ])
    .run()
    .success()
    .stdout_is("slashed");
    env.rpod(["rm", "/slashed"]).run().success();
    env.rpod(["container", "exists", "slashed"]).run().code(1);
    for bad in ["slashed/", "a/b"] {
        env.rpod(["create", "--name", bad, &image, "true"])
            .run()
            .error125()
            .stderr_has("invalid container name");
    }
}

#[test]
fn entrypoint_takes_a_json_array() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "--rm",
        r#"--entrypoint=["/bin/echo","a  b"]"#,
        &image,
    ])
    .run()
    .success()
    .stdout_is("a  b");
    env.rpod(["run", "--rm", "--entrypoint", "/bin/echo", &image, "x"])
        .run()
        .success()
        .stdout_is("x");
}

#[test]
fn no_hostname_leaves_the_image_s_etc_hostname() {
    let (env, image) = require!(setup());
    let hostname = |extra: &[&str]| {
        let mut args = vec!["run", "--rm", "--hostname", "given"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[&image, "sh", "-c", "cat /etc/hostname || echo none"]);
        env.rpod(args).run().success().out().trim().to_string()
    };
    assert_eq!(hostname(&[]), "given");
    // busybox has no /etc/hostname of its own.
    assert!(hostname(&["--no-hostname"]).ends_with("none"));
}

#[test]
fn conmon_pidfile_gets_the_monitor_s_pid_at_each_start() {
    let (env, image) = require!(setup());
    let pidfile = env.write_file(std::path::Path::new("monitor.pid"), "stale stale stale");
    let file = pidfile.display().to_string();
    env.rpod([
        "run",
        "-d",
        "--name",
        "watched",
        "--conmon-pidfile",
        &file,
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    let inspect = |f: &str| {
        env.rpod(["inspect", "--format", f, "watched"])
            .run()
            .success()
            .out()
            .trim()
            .to_string()
    };
    let pid = inspect("{{.State.ConmonPid}}");
    assert_ne!(pid, "0");
    assert_eq!(std::fs::read_to_string(&pidfile).unwrap().trim(), pid);
    assert_eq!(inspect("{{.ConmonPidFile}}"), file);
    env.rpod(["restart", "-t0", "watched"]).run().success();
    let again = inspect("{{.State.ConmonPid}}");
    assert_ne!(again, pid);
    assert_eq!(std::fs::read_to_string(&pidfile).unwrap().trim(), again);
    env.rpod(["rm", "-f", "-t0", "watched"]).run().success();
}

#[test]
fn syslog_is_a_global_flag_accepted_anywhere() {
    let (env, image) = require!(setup());
    env.rpod(["--syslog", "run", "--rm", &image, "true"])
        .run()
        .success();
    env.rpod(["run", "--syslog", "--rm", &image, "true"])
        .run()
        .success();
}

#[test]
fn a_workdir_given_must_exist_unless_on_a_mount() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--rm", "--workdir", "/i/do/not/exist", &image, "pwd"])
        .run()
        .code(126)
        .stderr_has(r#"workdir "/i/do/not/exist" does not exist on container"#);
    // A mount below it makes it.
    let dir = env.write_file(std::path::Path::new("wd/content"), "inside\n");
    env.rpod([
        "run",
        "--rm",
        "--workdir",
        "/notinimage",
        "-v",
        &format!("{}:/notinimage/sub", dir.parent().unwrap().display()),
        &image,
        "cat",
        "sub/content",
    ])
    .run()
    .success()
    .stdout_is("inside");
}

#[test]
fn commands_that_cannot_be_run_exit_126_or_127_with_podman_s_words() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--rm", &image, "/etc"])
        .run()
        .code(126)
        .stderr_has("`/etc`: Permission denied: OCI permission denied");
    for missing in ["/no/such/command", "nosuchcommand"] {
        env.rpod(["run", "--rm", &image, missing])
            .run()
            .code(127)
            .stderr_has(missing)
            .stderr_has(": OCI runtime attempted to invoke a command that was not found");
    }
}

#[test]
fn read_only_comes_from_containers_conf_and_keeps_tmpfs_writable() {
    let (env, image) = require!(setup());
    let touch = |extra: &[&str], files: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[&image, "touch"]);
        args.extend_from_slice(files);
        env.rpod(args).run()
    };
    let scratch = ["/tmp/a", "/var/tmp/b", "/run/c"];
    // --read-only: podman's writable tmpfs where programs write.
    touch(&["--read-only"], &["/root-file"])
        .code(1)
        .stderr_has("Read-only file system");
    touch(&["--read-only"], &scratch).success();
    touch(&["--read-only", "--read-only-tmpfs=false"], &scratch)
        .code(1)
        .stderr_has("/run/c: Read-only file system");
    env.containers_conf("[containers]\nread_only = true\n");
    touch(&[], &["/root-file"])
        .code(1)
        .stderr_has("Read-only file system");
    touch(&[], &scratch).success();
    touch(&["--read-only=false"], &["/root-file"]).success();
}

#[test]
fn log_driver_json_file_is_the_file_log_and_none_refuses_logs() {
    let (env, image) = require!(setup());
    for driver in ["json-file", "k8s-file"] {
        let name = format!("log-{driver}");
        env.rpod([
            "run",
            "--name",
            &name,
            "--log-driver",
            driver,
            &image,
            "echo",
            "logged",
        ])
        .run()
        .success()
        .stdout_is("logged");
        let out = env
            .rpod([
                "inspect",
                "--format",
                "{{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Path}}",
                &name,
            ])
            .run()
            .success()
            .out()
            .to_string();
        let (ty, path) = out.trim().split_once(' ').expect("type and path");
        assert_eq!(ty, driver);
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.trim_end().ends_with(" stdout F logged"), "{text}");
        env.rpod(["logs", &name])
            .run()
            .success()
            .stdout_is("logged");
    }
    env.rpod([
        "run",
        "--name",
        "nolog",
        "--log-driver",
        "none",
        &image,
        "echo",
        "x",
    ])
    .run()
    .success();
    env.rpod([
        "inspect",
        "--format",
        "[{{.HostConfig.LogConfig.Path}}]",
        "nolog",
    ])
    .run()
    .success()
    .stdout_is("[]");
    env.rpod(["logs", "nolog"])
        .run()
        .error125()
        .stderr_has("this container is using the 'none' log driver, cannot read logs");
}

#[test]
fn oom_score_adj_from_containers_conf_and_clamped_rootless() {
    let (env, image) = require!(setup());
    let score = |extra: &[&str]| {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[&image, "cat", "/proc/self/oom_score_adj"]);
        env.rpod(args).run()
    };
    let current: i32 = score(&[]).success().out().trim().parse().unwrap();
    if env.rootless_mode() && current > -1000 {
        let out = score(&["--oom-score-adj=-1000"]);
        out.success()
            .stdout_is(&current.to_string())
            .stderr_has(&format!(
                "Requested oom_score_adj=-1000 is lower than the current one, changing to {current}"
            ));
    }
    let conf = (current + 2).min(1000);
    env.containers_conf(&format!("[containers]\noom_score_adj = {conf}\n"));
    score(&[]).success().stdout_is(&conf.to_string());
    let flag = (current + 3).min(1000).to_string();
    score(&["--oom-score-adj", &flag])
        .success()
        .stdout_is(&flag);
}

#[test]
fn log_size_prints_as_podman_and_comes_from_containers_conf() {
    let (env, image) = require!(setup());
    let size = |name: &str| {
        env.rpod([
            "inspect",
            "--format",
            "{{.HostConfig.LogConfig.Size}}",
            name,
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string()
    };
    env.rpod(["create", "--name", "nolimit", &image, "true"])
        .run()
        .success();
    assert_eq!(size("nolimit"), "0B");
    env.rpod([
        "create",
        "--name",
        "opt",
        "--log-opt",
        "max-size=1.025m",
        &image,
        "true",
    ])
    .run()
    .success();
    assert_eq!(size("opt"), "1.025MB");
    env.containers_conf("[containers]\nlog_size_max = 400000000\n");
    env.rpod(["create", "--name", "conf", &image, "true"])
        .run()
        .success();
    assert_eq!(size("conf"), "400MB");
    env.rpod([
        "create",
        "--name",
        "flag",
        "--log-opt",
        "max-size=8000",
        &image,
        "true",
    ])
    .run()
    .success();
    assert_eq!(size("flag"), "8kB");
}

#[test]
fn stop_and_rm_take_minus_one_as_time() {
    let (env, image) = require!(setup());
    env.rpod(["rm", "-t", "-1", "-f", "never-was"])
        .run()
        .success();
    env.rpod([
        "run",
        "-d",
        "--name",
        "termed",
        &image,
        "sh",
        "-c",
        "trap 'exit 0' TERM; while :; do sleep 0.1; done",
    ])
    .run()
    .success();
    env.rpod(["stop", "-t", "-1", "termed"])
        .run()
        .success()
        .stdout_is("termed");
    env.rpod(["rm", "-t", "-2", "termed"]).run().error125();
    env.rpod(["rm", "termed"]).run().success();
}
