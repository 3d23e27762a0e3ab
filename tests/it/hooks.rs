//! OCI hooks (`--hooks-dir`, containers.conf `hooks_dir`, oci-hooks(5)) run
//! by rpod's own runtime, `wait` on a container its restart policy
//! restarts, and containers.conf's `static_dir`, as the unprivileged user,
//! compared with what podman documents.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::harness::{eventually, Env};
use crate::pull::busybox_env as setup;

/// A hook directory whose hooks append `STAGE STATE-JSON` lines to `log`:
/// one file per stage (`stages` as in oci-hooks(5)).
fn hook_dir(env: &Env, name: &str, stages: &[&str], when: &str) -> (PathBuf, PathBuf) {
    let dir = env.dir.join(name);
    let log = dir.join("log");
    let script = env.write_file(
        &dir.join("hook.sh"),
        &format!(
            "#!/bin/sh\nstate=$(cat)\necho \"$1 $state\" >> {}\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (i, stage) in stages.iter().enumerate() {
        env.write_file(
            &dir.join(format!("{i:02}-{stage}.json")),
            &format!(
                r#"{{"version": "1.0.0", "hook": {{"path": "{}", "args": ["hook.sh", "{stage}"]}}, "when": {when}, "stages": ["{stage}"]}}"#,
                script.display()
            ),
        );
    }
    (dir, log)
}

fn log_lines(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn hooks_run_at_their_stages_with_the_state_on_stdin() {
    let (env, image) = require!(setup());
    let (dir, log) = hook_dir(
        &env,
        "hooks",
        &["prestart", "poststart", "poststop"],
        r#"{"always": true}"#,
    );
    let id = {
        let out = env
            .rpod([
                "run",
                "--name",
                "h",
                "--hooks-dir",
                dir.to_str().unwrap(),
                "--annotation",
                "org.example.mark=yes",
                &image,
                "true",
            ])
            .run();
        out.success();
        env.rpod(["inspect", "--format", "{{.Id}}", "h"])
            .run()
            .out()
            .to_string()
    };
    let lines = log_lines(&log);
    let stages: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(stages, ["prestart", "poststart", "poststop"], "{lines:?}");
    // The OCI state: the container's id, its status at that stage, its
    // pid while it has one, and its annotations.
    let state = |i: usize| -> serde_json::Value {
        serde_json::from_str(lines[i].split_once(' ').unwrap().1).unwrap()
    };
    let pre = state(0);
    assert_eq!(pre["id"], id.as_str());
    assert_eq!(pre["status"], "created");
    assert!(pre["pid"].as_i64().unwrap() > 0, "{pre}");
    assert_eq!(pre["annotations"]["org.example.mark"], "yes");
    assert_eq!(state(1)["status"], "running");
    assert_eq!(state(2)["status"], "stopped");
    // Without --hooks-dir (and no hooks_dir in containers.conf) a rootless
    // container runs none.
    env.rpod(["run", "--rm", &image, "true"]).run().success();
    assert_eq!(log_lines(&log).len(), 3);
}

#[test]
fn hooks_follow_their_conditions_and_a_failing_prestart_stops_the_start() {
    let (env, image) = require!(setup());
    // Only for containers whose command is `echo`; containers.conf names
    // the directory.
    let (dir, log) = hook_dir(
        &env,
        "cmd",
        &["prestart"],
        r#"{"commands": ["^(/bin/)?echo$"]}"#,
    );
    env.containers_conf(&format!("[engine]\nhooks_dir = [\"{}\"]\n", dir.display()));
    env.rpod(["run", "--rm", &image, "true"]).run().success();
    assert!(log_lines(&log).is_empty());
    env.rpod(["run", "--rm", &image, "echo", "hi"])
        .run()
        .success()
        .stdout_is("hi");
    assert_eq!(log_lines(&log).len(), 1);
    // A prestart hook that fails: the command never runs.
    let bad = env.dir.join("bad");
    let script = env.write_file(&bad.join("fail.sh"), "#!/bin/sh\nexit 3\n");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_file(
        &bad.join("fail.json"),
        &format!(
            r#"{{"version": "1.0.0", "hook": {{"path": "{}"}}, "when": {{"always": true}}, "stages": ["prestart"]}}"#,
            script.display()
        ),
    );
    let marker = env.dir.join("ran");
    env.rpod([
        "run",
        "--name",
        "f",
        "--hooks-dir",
        bad.to_str().unwrap(),
        "-v",
        &format!("{}:/out", env.dir.display()),
        &image,
        "touch",
        "/out/ran",
    ])
    .run()
    .code(126)
    .stderr_has("fail.sh` (exit code: 3)");
    assert!(!marker.exists());
    // An invalid hook file is refused with its name.
    env.write_file(&bad.join("broken.json"), "{\"version\": \"9\"}");
    env.rpod(["start", "f"])
        .run()
        .code(125)
        .stderr_has("broken.json");
}

#[test]
fn restarts_run_the_hooks_again_and_wait_returns_when_a_run_ends() {
    let (env, image) = require!(setup());
    let (dir, log) = hook_dir(
        &env,
        "hooks",
        &["prestart", "poststop"],
        r#"{"always": true}"#,
    );
    env.rpod([
        "run",
        "-d",
        "--name",
        "r",
        "--restart",
        "on-failure:2",
        "--hooks-dir",
        dir.to_str().unwrap(),
        &image,
        "false",
    ])
    .run()
    .success();
    eventually("two restarts and the end", || {
        env.rpod([
            "inspect",
            "--format",
            "{{.State.Status}} {{.RestartCount}}",
            "r",
        ])
        .run()
        .out()
            == "exited 2"
    });
    // Three runs, each with its prestart and its poststop.
    let lines = log_lines(&log);
    let stages: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(stages, ["prestart", "poststop"].repeat(3), "{lines:?}");
    // podman's `wait` returns when the current run ends, even though the
    // policy starts the container again.
    env.rpod([
        "run",
        "-d",
        "--name",
        "a",
        "--restart",
        "always",
        &image,
        "sh",
        "-c",
        "exit 4",
    ])
    .run()
    .success();
    env.rpod(["wait", "a"]).run().success().stdout_is("4");
    env.rpod(["rm", "-f", "-t", "0", "a"]).run().success();
}

#[test]
fn static_dir_keeps_container_records_apart() {
    let (mut env, image) = require!(setup());
    let other = env.dir.join("static");
    let conf = env.write_file(
        Path::new("override.conf"),
        &format!("[engine]\nstatic_dir = \"{}\"\n", other.display()),
    );
    env.rpod(["create", "--name", "plain", &image, "true"])
        .run()
        .success();
    env.set_env("CONTAINERS_CONF_OVERRIDE", conf.to_str().unwrap());
    env.rpod(["run", "--name", "apart", &image, "true"])
        .run()
        .success();
    env.rpod(["container", "exists", "apart"]).run().success();
    env.rpod(["container", "exists", "plain"]).run().code(1);
    let id = env
        .rpod(["inspect", "--format", "{{.Id}}", "apart"])
        .run()
        .out()
        .to_string();
    assert!(other.join("containers").join(&id).is_dir());
    env.unset_env("CONTAINERS_CONF_OVERRIDE");
    env.rpod(["container", "exists", "apart"]).run().code(1);
    env.rpod(["container", "exists", "plain"]).run().success();
}
