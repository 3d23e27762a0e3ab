//! `rpod login` / `logout` and pulls from a registry with htpasswd basic auth.

use std::os::unix::fs::PermissionsExt;

use crate::harness::Env;
use crate::pull::config_id;
use crate::registry::{self, PASSWORD, USER};

fn login(env: &Env, addr: &str, password: &str) -> crate::harness::Output {
    env.rpod([
        "login",
        "-u",
        USER,
        "--password-stdin",
        "--tls-verify=false",
        addr,
    ])
    .stdin(format!("{password}\n"))
    .run()
}

fn auth_json(env: &Env) -> std::path::PathBuf {
    env.runtime.join("containers/auth.json")
}

#[test]
fn pull_without_login_fails_and_says_how_to_log_in() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let out = env
        .rpod(["pull", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run();
    out.error125().stderr_has("rpod login");
    assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
}

#[test]
fn login_saves_credentials_and_pull_works() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let out = login(&env, shared.addr(), PASSWORD);
    out.success();
    assert_eq!(out.out(), "Login Succeeded!", "{out}");
    let path = auth_json(&env);
    let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "auth.json mode");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    use base64::Engine as _;
    let want = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    assert_eq!(v["auths"][shared.addr()]["auth"], want.as_str(), "{v:#}");

    let out = env
        .rpod(["pull", "-q", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
}

#[test]
fn login_with_wrong_password_fails_and_writes_nothing() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let out = login(&env, shared.addr(), "wrong");
    out.error125().stderr_has(shared.addr());
    let path = auth_json(&env);
    if path.exists() {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert!(
            v["auths"].get(shared.addr()).is_none(),
            "failed login stored credentials: {v:#}"
        );
    }
}

#[test]
fn logout_removes_credentials() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    login(&env, shared.addr(), PASSWORD).success();
    let out = env.rpod(["logout", shared.addr()]).run();
    out.success();
    assert_eq!(
        out.out(),
        format!("Removed login credentials for {}", shared.addr()),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(auth_json(&env)).unwrap()).unwrap();
    assert!(v["auths"].get(shared.addr()).is_none(), "{v:#}");
    env.rpod(["pull", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run()
        .error125();
    // Logging out again: podman says it was not logged in and exits 125.
    env.rpod(["logout", shared.addr()]).run().error125();
}

#[test]
fn logout_all() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    login(&env, shared.addr(), PASSWORD).success();
    let out = env.rpod(["logout", "-a"]).run();
    out.success();
    assert_eq!(
        out.out(),
        "Removed login credentials for all registries",
        "{out}"
    );
    if let Ok(bytes) = std::fs::read(auth_json(&env)) {
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(v["auths"].as_object().is_none_or(|m| m.is_empty()), "{v:#}");
    }
}

#[test]
fn registry_auth_file_is_honoured() {
    let shared = require!(registry::with_auth());
    let mut env = require!(Env::rootless());
    let file = env.dir.join("home/my-auth.json");
    env.set_env("REGISTRY_AUTH_FILE", &file.display().to_string());
    login(&env, shared.addr(), PASSWORD).success();
    assert!(file.exists(), "login writes $REGISTRY_AUTH_FILE");
    assert!(!auth_json(&env).exists(), "and not the default file");
    env.rpod(["pull", "-q", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run()
        .success();
}

#[test]
fn credentials_from_docker_config_json() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    use base64::Engine as _;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    env.write_file(
        &env.home.join(".docker/config.json"),
        &format!(
            "{{\"auths\":{{\"{}\":{{\"auth\":\"{auth}\"}}}}}}",
            shared.addr()
        ),
    );
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
}

#[test]
fn credential_helpers_from_cred_helpers_and_creds_store() {
    let shared = require!(registry::with_auth());
    let mut env = require!(Env::rootless());
    // Docker's credential-helper protocol: `get`, the server on stdin,
    // JSON on stdout. This helper answers only for the test registry and
    // logs what it was asked.
    let bin = env.home.join("bin");
    let log = env.home.join("helper.log");
    env.write_file(
        &bin.join("docker-credential-rpodtest"),
        &format!(
            "#!/bin/sh\nread server\necho \"$1 $server\" >> {}\n\
             if [ \"$server\" = \"{}\" ]; then echo '{{\"ServerURL\":\"'$server'\",\"Username\":\"{USER}\",\"Secret\":\"{PASSWORD}\"}}'; \
             else echo 'credentials not found in native keychain'; exit 1; fi\n",
            log.display(),
            shared.addr()
        ),
    );
    std::fs::set_permissions(
        bin.join("docker-credential-rpodtest"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    env.set_env(
        "PATH",
        &format!("{}:{}", bin.display(), crate::harness::PATH),
    );
    let pull = |env: &Env| {
        env.rpod(["pull", "-q", "--tls-verify=false"])
            .arg(shared.reference("busybox:latest"))
            .run()
    };
    let config = env.config.join("containers/auth.json");
    for doc in [
        format!("{{\"credHelpers\":{{\"{}\":\"rpodtest\"}}}}", shared.addr()),
        "{\"credsStore\":\"rpodtest\"}".to_string(),
    ] {
        env.write_file(&config, &doc);
        let out = pull(&env);
        out.success();
        assert_eq!(
            out.out(),
            config_id(shared, "busybox:latest"),
            "{doc}\n{out}"
        );
        env.rpod(["rmi", "-a"]).run().success();
    }
    let asked = std::fs::read_to_string(&log).unwrap();
    assert!(
        asked.starts_with(&format!("get {}\n", shared.addr())),
        "{asked}"
    );
    // A helper that is not installed is a clear error naming it and the file.
    env.write_file(
        &config,
        &format!("{{\"credHelpers\":{{\"{}\":\"missing\"}}}}", shared.addr()),
    );
    pull(&env)
        .error125()
        .stderr_has("docker-credential-missing")
        .stderr_has("auth.json");
}

#[test]
fn login_prompts_on_a_terminal_without_echoing_the_password() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let login = env.rpod_line(&format!("login --tls-verify=false {}", shared.addr()));
    let mut term = require!(crate::harness::Terminal::start(&env, &login));
    term.expect("Username: ");
    term.send(&format!("{USER}\n"));
    term.expect("Password: ");
    term.send(&format!("{PASSWORD}\n"));
    let out = term.finish();
    out.success();
    assert!(out.stdout.contains("Login Succeeded!"), "{out}");
    assert!(
        !out.stdout.contains(PASSWORD),
        "the password was echoed\n{out}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(auth_json(&env)).unwrap()).unwrap();
    assert!(v["auths"][shared.addr()]["auth"].is_string(), "{v:#}");
    // Without a terminal there is no prompt: a clear error instead.
    env.rpod(["login", "--tls-verify=false", shared.addr()])
        .run()
        .error125()
        .stderr_has("a username is required");
}
