//! `image sign`: GPG simple-signing signatures, made with the installed
//! `gpg` and a key the test generates in its own `GNUPGHOME`, checked with
//! `gpg --verify` and by reading the signed payload back.

use std::path::{Path, PathBuf};

use crate::harness::{have, prerequisite, Env};
use crate::registry;

const KEY: &str = "rpod-sign-test@example.com";

/// A test environment with a fresh unprotected signing key in its own
/// GNUPGHOME (every later command sees it).
fn env_with_key() -> Option<(Env, PathBuf)> {
    if !have("gpg") {
        return prerequisite("image sign tests need gpg (apt-get install gnupg)");
    }
    let mut env = Env::rootless()?;
    let home = env.dir.join("gnupg");
    let params = env.write_file(
        &env.dir.join("keyparams"),
        &format!(
            "Key-Type: RSA\nKey-Length: 2048\nName-Real: Rpod Test\nName-Email: {KEY}\nExpire-Date: 0\n%no-protection\n%commit\n"
        ),
    );
    env.write_file(&home.join(".keep"), "");
    std::fs::set_permissions(&home, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .expect("chmod GNUPGHOME");
    env.set_env("GNUPGHOME", &home.display().to_string());
    env.cmd("gpg")
        .args(["--batch", "--gen-key"])
        .arg(&params)
        .run()
        .success();
    Some((env, home))
}

/// Ends the gpg-agent the test's gpg started (it names the test's directory).
fn stop_agent(env: &Env) {
    env.cmd("gpgconf").args(["--kill", "all"]).run();
}

/// `gpg --verify` of a signature, and its payload as JSON.
fn verify(env: &Env, file: &Path) -> serde_json::Value {
    env.cmd("gpg")
        .args(["--batch", "--verify"])
        .arg(file)
        .run()
        .success()
        .stderr_has(&format!("Good signature from \"Rpod Test <{KEY}>\""));
    let out = env
        .cmd("gpg")
        .args(["--batch", "--decrypt"])
        .arg(file)
        .run();
    out.success();
    serde_json::from_str(out.out()).unwrap_or_else(|e| panic!("payload is not JSON: {e}\n{out}"))
}

#[test]
fn signs_a_stored_image_into_a_directory() {
    let shared = require!(registry::plain());
    let (env, _home) = require!(env_with_key());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let digest = env
        .rpod(["inspect", "--format", "{{.Digest}}", &image])
        .run();
    let digest = digest.success().out().to_string();
    let dir = env.dir.join("sigs");
    env.write_file(&dir.join(".keep"), "");
    let sign = |what: &str| {
        env.rpod(["image", "sign", "--sign-by", KEY, "--directory"])
            .arg(&dir)
            .arg(what)
            .run()
    };
    sign(&format!("containers-storage:{image}"))
        .success()
        .stdout_is("");
    let sig_dir = dir.join(format!("busybox@{}", digest.replace(':', "=")));
    let payload = verify(&env, &sig_dir.join("signature-1"));
    assert_eq!(payload["critical"]["type"], "atomic container signature");
    assert_eq!(
        payload["critical"]["identity"]["docker-reference"],
        image.as_str()
    );
    assert_eq!(
        payload["critical"]["image"]["docker-manifest-digest"],
        digest.as_str()
    );
    assert!(payload["optional"]["timestamp"].is_i64(), "{payload}");
    // Another signature of the same image takes the next number.
    sign(&format!("containers-storage:{image}")).success();
    verify(&env, &sig_dir.join("signature-2"));
    // From the registry: the same manifest, so the same directory.
    env.search_registry(shared.addr());
    sign(&format!("docker://{image}")).success();
    let payload = verify(&env, &sig_dir.join("signature-3"));
    assert_eq!(
        payload["critical"]["image"]["docker-manifest-digest"],
        digest.as_str()
    );
    // --all wants a manifest list.
    env.rpod(["image", "sign", "--all", "--sign-by", KEY, "-d"])
        .arg(&dir)
        .arg(format!("containers-storage:{image}"))
        .run()
        .error125()
        .stderr_has("is not a multi-architecture image");
    // A key gpg does not have: gpg's words, and nothing written.
    env.rpod(["image", "sign", "--sign-by", "nobody@example.com", "-d"])
        .arg(&dir)
        .arg(format!("containers-storage:{image}"))
        .run()
        .error125()
        .stderr_has("No secret key");
    assert!(!sig_dir.join("signature-4").exists());
    // Without --directory only docker:// references have a place (registries.d).
    env.rpod(["image", "sign", "--sign-by", KEY])
        .arg(format!("containers-storage:{image}"))
        .run()
        .error125()
        .stderr_has("ref must be a dockerReference");
    stop_agent(&env);
}

#[test]
fn sign_errors_are_podmans() {
    let (env, _home) = require!(env_with_key());
    let dir = env.dir.join("sigs");
    env.write_file(&dir.join(".keep"), "");
    let d = dir.display().to_string();
    for (args, message) in [
        (
            vec!["image", "sign", "-d", &d, "docker://example.com/a"],
            "no identity provided",
        ),
        (
            vec!["image", "sign", "--sign-by", KEY, "-d", &d, "alpine"],
            "Invalid image name \"alpine\", expected colon-separated transport:reference",
        ),
        (
            vec![
                "image",
                "sign",
                "--sign-by",
                KEY,
                "-d",
                "/no/such/dir",
                "docker://a/b",
            ],
            "faccessat /no/such/dir: no such file or directory",
        ),
        (
            vec!["image", "sign", "--sign-by", KEY, "-d", &d, "nope:x"],
            "unknown transport \"nope\"",
        ),
    ] {
        env.rpod(args).run().error125().stderr_has(message);
    }
    stop_agent(&env);
}
