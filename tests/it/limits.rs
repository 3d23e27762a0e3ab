//! Files rpod reads for the user (and files an image supplies) are read with
//! a limit: an endless one (`/dev/zero`) or a FIFO fails at once with 125 and
//! a message naming the file and the limit, instead of growing rpod to
//! gigabytes or hanging, and nothing is left behind.

use std::time::Duration;

use crate::fixtures::{self, Compression};
use crate::harness::Env;
use crate::pull_faults::{base_layer, config_for, image_from, push_image};
use crate::registry;

/// Asserts no container record was left.
#[track_caller]
fn no_containers(env: &Env) {
    let out = env.rpod(["ps", "-a", "-q"]).run();
    out.success();
    assert_eq!(out.out(), "", "a container was left\n{out}");
}

#[test]
fn an_endless_env_file_fails_at_its_limit() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = shared.reference("busybox:latest");
    env.rpod(["pull", "-q", "--tls-verify=false", &image])
        .run()
        .success();
    env.rpod([
        "run",
        "--rm",
        "--net",
        "none",
        "--env-file",
        "/dev/zero",
        &image,
        "true",
    ])
    .timeout(Duration::from_secs(60))
    .run()
    .error125()
    .stderr_has("env file /dev/zero is larger than 4 MiB");
    no_containers(&env);
    // A real env file still works, read whole.
    let file = env.write_file(
        std::path::Path::new("vars.env"),
        &format!("# comment\nA=1\nLONG={}\n", "y".repeat(100_000)),
    );
    let out = env
        .rpod(["run", "--rm", "--net", "none", "--env-file"])
        .arg(&file)
        .args([&image, "sh", "-c", "echo $A ${#LONG}"])
        .run();
    out.success();
    assert_eq!(out.out(), "1 100000", "{out}");
}

#[test]
fn an_endless_seccomp_profile_and_cidfile_fail_at_their_limits() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let image = shared.reference("busybox:latest");
    env.rpod(["pull", "-q", "--tls-verify=false", &image])
        .run()
        .success();
    // podman 4.3.1 reads this one forever.
    env.rpod([
        "run",
        "--rm",
        "--net",
        "none",
        "--security-opt",
        "seccomp=/dev/zero",
        &image,
        "true",
    ])
    .timeout(Duration::from_secs(60))
    .run()
    .error125()
    .stderr_has("seccomp profile /dev/zero is larger than 4 MiB");
    no_containers(&env);
    env.rpod(["rm", "--cidfile", "/dev/zero"])
        .timeout(Duration::from_secs(60))
        .run()
        .error125()
        .stderr_has("cidfile /dev/zero is larger than 64 KiB");
}

#[test]
fn endless_configuration_files_fail_every_command_clearly() {
    let mut env = require!(Env::rootless());
    // The user's files, not the test's stand-ins for /etc/containers.
    for v in [
        "CONTAINERS_CONF",
        "CONTAINERS_REGISTRIES_CONF",
        "CONTAINERS_STORAGE_CONF",
    ] {
        env.unset_env(v);
    }
    let dir = env.config.join("containers");
    env.write_file(&dir.join("placeholder"), "");
    for name in ["registries.conf", "containers.conf", "storage.conf"] {
        let link = dir.join(name);
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        env.rpod(["images"])
            .timeout(Duration::from_secs(60))
            .run()
            .error125()
            .stderr_has(&format!(
                "configuration file {} is larger than 4 MiB",
                link.display()
            ));
        std::fs::remove_file(&link).expect("removing the link");
    }
    env.rpod(["images"]).run().success();
}

#[test]
fn an_endless_auth_file_and_password_fail_at_their_limits() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    // The registry asks for credentials, so the auth file is read.
    env.rpod(["pull", "--tls-verify=false", "--authfile", "/dev/zero"])
        .arg(shared.reference("busybox:latest"))
        .timeout(Duration::from_secs(60))
        .run()
        .error125()
        .stderr_has("auth file /dev/zero is larger than 4 MiB");
    env.rpod([
        "login",
        "--tls-verify=false",
        "-u",
        "alice",
        "--password-stdin",
        shared.addr(),
    ])
    .stdin(vec![b'p'; 100 << 10])
    .run()
    .error125()
    .stderr_has("password (stdin) is larger than 64 KiB");
}

#[test]
fn an_image_whose_passwd_is_a_fifo_fails_instead_of_hanging() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Fifo);
    h.set_path("etc/passwd").expect("path");
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(1_700_000_000);
    h.set_size(0);
    h.set_cksum();
    b.append(&h, &[][..]).expect("tar");
    let top = fixtures::layer(&b.into_inner().expect("tar"), Compression::Gzip, false);
    let layers = vec![base_layer(), top];
    let config = config_for(&layers, true);
    let image = push_image(shared, "passwd-fifo", image_from(layers, config, |n| n));
    env.rpod(["pull", "-q", "--tls-verify=false", &image])
        .run()
        .success();
    env.rpod([
        "run", "--rm", "--net", "none", "--user", "nobody", &image, "true",
    ])
    .timeout(Duration::from_secs(60))
    .run()
    .error125()
    .stderr_has("image file /etc/passwd")
    .stderr_has("not a regular file");
    no_containers(&env);
}
