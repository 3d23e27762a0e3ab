//! `image sign`: GPG simple-signing signatures, made with the installed
//! `gpg` and a key the test generates in its own `GNUPGHOME`, checked with
//! `gpg --verify` and by reading the signed payload back.

use std::path::{Path, PathBuf};

use base64::Engine as _;

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

/// A policy.json: `default` rejects, `signed` wants `signedBy` with the
/// requirement `signed_by` (keyPath/keyData, identity), `open` takes anything.
fn policy(signed: &str, signed_by: &serde_json::Value, open: &str) -> String {
    serde_json::json!({
        "default": [{"type": "reject"}],
        "transports": {
            "docker": {
                signed: [signed_by],
                open: [{"type": "insecureAcceptAnything"}],
            },
            "docker-daemon": {"": [{"type": "insecureAcceptAnything"}]},
        },
    })
    .to_string()
}

#[test]
fn pull_verifies_signatures_as_the_policy_says() {
    let shared = require!(registry::plain());
    let (env, _home) = require!(env_with_key());
    env.search_registry(shared.addr());
    let id = crate::pull::pull(&env, shared, "busybox:latest");
    let addr = shared.addr();
    let signed = format!("{addr}/trust/signed");
    let open = format!("{addr}/trust/open");
    // Signatures go to (and are read from) this lookaside, registries.d says.
    let sigstore = env.dir.join("sigstore");
    env.write_file(&sigstore.join(".keep"), "");
    env.write_file(
        &env.config.join("containers/registries.d/test.yaml"),
        &format!(
            "docker:\n  {addr}:\n    lookaside: file://{}\n",
            sigstore.display()
        ),
    );
    // push --sign-by: podman's lines, and the signature in the lookaside.
    let out = env
        .rpod(["push", "--tls-verify=false", "--sign-by", KEY, &id])
        .arg(format!("{signed}:1"))
        .run();
    out.success()
        .stderr_has("Creating signature: Signing image using simple signing")
        .stderr_has("Storing signatures");
    for tag in ["2", "3"] {
        env.rpod([
            "push",
            "-q",
            "--tls-verify=false",
            "--remove-signatures",
            &id,
        ])
        .arg(format!("{signed}:{tag}"))
        .run()
        .success();
    }
    for dest in [format!("{open}:1"), format!("{addr}/trust/other:1")] {
        env.rpod(["push", "-q", "--tls-verify=false", &id])
            .arg(dest)
            .run()
            .success();
    }
    let digest = env
        .rpod(["inspect", "--format", "{{.Digest}}", &id])
        .run()
        .success()
        .out()
        .to_string();
    let sig_dir = sigstore.join(format!("trust/signed@{}", digest.replace(':', "=")));
    let payload = verify(&env, &sig_dir.join("signature-1"));
    assert_eq!(
        payload["critical"]["identity"]["docker-reference"],
        format!("{signed}:1").as_str()
    );
    let key = env.dir.join("key.gpg");
    env.cmd("gpg")
        .args(["--batch", "--export", "--output"])
        .arg(&key)
        .arg(KEY)
        .run()
        .success();
    let by_path = serde_json::json!({"type": "signedBy", "keyType": "GPGKeys", "keyPath": key});
    let policy_file = env.write_file(
        &env.dir.join("policy.json"),
        &policy(&signed, &by_path, &open),
    );
    let pull = |name: String| {
        env.rpod(["rmi", "-a", "-f"]).run();
        env.rpod(["pull", "-q", "--tls-verify=false", "--signature-policy"])
            .arg(&policy_file)
            .arg(name)
            .run()
    };
    // Signed by the key, for this name: accepted.
    assert_eq!(pull(format!("{signed}:1")).success().out(), id);
    // The same manifest under another tag: the signature names :1.
    pull(format!("{signed}:2")).error125().stderr_has(&format!(
        "Source image rejected: Signature for identity \"{signed}:1\" is not accepted"
    ));
    // By digest, matchRepoDigestOrExact takes any tag of the repository.
    pull(format!("{signed}@{digest}")).success();
    // The default rejects; the open scope takes anything.
    pull(format!("{addr}/trust/other:1"))
        .error125()
        .stderr_has(&format!(
        "Source image rejected: Running image docker://{addr}/trust/other:1 is rejected by policy."
    ));
    assert_eq!(pull(format!("{open}:1")).success().out(), id);
    // A tampered signature, then none at all.
    let sig = sig_dir.join("signature-1");
    let mut bytes = std::fs::read(&sig).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&sig, &bytes).unwrap();
    pull(format!("{signed}:1"))
        .error125()
        .stderr_has("Source image rejected: Invalid GPG signature");
    std::fs::remove_file(&sig).unwrap();
    pull(format!("{signed}:1"))
        .error125()
        .stderr_has("Source image rejected: A signature was required, but no signature exists");
    // Nothing was stored by the refused pulls.
    env.rpod(["images", "-q"]).run().success().stdout_is("");
    // The user's policy.json applies without the flag (and to run's pull);
    // keyData carries the key inline.
    assert_eq!(pull(format!("{open}:1")).success().out(), id);
    env.rpod(["push", "-q", "--tls-verify=false", "--sign-by", KEY, &id])
        .arg(format!("{signed}:1"))
        .run()
        .success();
    let by_data = serde_json::json!({
        "type": "signedBy", "keyType": "GPGKeys",
        "keyData": base64::engine::general_purpose::STANDARD.encode(std::fs::read(&key).unwrap()),
        "signedIdentity": {"type": "matchRepository"},
    });
    env.write_file(
        &env.config.join("containers/policy.json"),
        &policy(&signed, &by_data, &open),
    );
    env.rpod(["rmi", "-a", "-f"]).run();
    env.rpod(["pull", "-q", "--tls-verify=false"])
        .arg(format!("{signed}:3"))
        .run()
        .success();
    env.rpod(["run", "--rm", "--tls-verify=false"])
        .arg(format!("{addr}/trust/other:1"))
        .arg("true")
        .run()
        .error125()
        .stderr_has("is rejected by policy");
    // --signature-policy naming no file: Go's words.
    env.rpod(["pull", "--signature-policy", "/no/such/file"])
        .arg(format!("{open}:1"))
        .run()
        .error125()
        .stderr_has("open /no/such/file: no such file or directory");
    env.rpod(["create", "--pull=always", "--tls-verify=false"])
        .args(["--signature-policy", "/no/such/file"])
        .arg(format!("{open}:1"))
        .run()
        .error125()
        .stderr_has("open /no/such/file: no such file or directory");
    stop_agent(&env);
}

#[test]
fn artifact_push_signs_into_the_lookaside() {
    let shared = require!(registry::plain());
    let (env, _home) = require!(env_with_key());
    let addr = shared.addr();
    let sigstore = env.dir.join("sigstore");
    env.write_file(&sigstore.join(".keep"), "");
    env.write_file(
        &env.config.join("containers/registries.d/test.yaml"),
        &format!(
            "docker:\n  {addr}:\n    lookaside-staging: file://{}\n",
            sigstore.display()
        ),
    );
    let file = env.write_file(Path::new("a.txt"), "signed artifact\n");
    let name = format!("{addr}/art/signed:1");
    env.rpod(["artifact", "add", &name])
        .arg(&file)
        .run()
        .success();
    let digestfile = env.dir.join("digest");
    env.rpod(["artifact", "push", "--tls-verify=false", "--sign-by", KEY])
        .arg("--digestfile")
        .arg(&digestfile)
        .arg(&name)
        .run()
        .success()
        .stderr_has("Storing signatures");
    let digest = std::fs::read_to_string(&digestfile).unwrap();
    let sig = sigstore.join(format!(
        "art/signed@{}/signature-1",
        digest.replace(':', "=")
    ));
    let payload = verify(&env, &sig);
    assert_eq!(
        payload["critical"]["identity"]["docker-reference"],
        name.as_str()
    );
    assert_eq!(
        payload["critical"]["image"]["docker-manifest-digest"],
        digest.as_str()
    );
    stop_agent(&env);
}

/// Serves the files under `root` over plain HTTP (404 for anything else):
/// a lookaside web server.
fn file_server(root: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binding");
    let addr = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                match reader.read_line(&mut h) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if h.trim().is_empty() => break,
                    Ok(_) => {}
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let file = root.join(path.trim_start_matches('/'));
            let reply = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&reply);
        }
    });
    addr
}

#[test]
fn signatures_are_read_from_an_http_lookaside() {
    let shared = require!(registry::plain());
    let (env, _home) = require!(env_with_key());
    let id = crate::pull::pull(&env, shared, "busybox:latest");
    let addr = shared.addr();
    let signed = format!("{addr}/trust/web");
    let sigstore = env.dir.join("web-sigstore");
    env.write_file(&sigstore.join(".keep"), "");
    let web = file_server(sigstore.clone());
    // Written to the staging directory, read back from the web server.
    env.write_file(
        &env.config.join("containers/registries.d/web.yaml"),
        &format!(
            "docker:\n  {addr}/trust/web:\n    lookaside: http://{web}\n    lookaside-staging: file://{}\n",
            sigstore.display()
        ),
    );
    env.rpod(["push", "-q", "--tls-verify=false", "--sign-by", KEY, &id])
        .arg(format!("{signed}:1"))
        .run()
        .success();
    let key = env.dir.join("key.gpg");
    env.cmd("gpg")
        .args(["--batch", "--export", "--output"])
        .arg(&key)
        .arg(KEY)
        .run()
        .success();
    let by_path = serde_json::json!({"type": "signedBy", "keyType": "GPGKeys", "keyPath": key});
    let policy_file = env.write_file(
        &env.dir.join("policy.json"),
        &policy(&signed, &by_path, "unused.example.com"),
    );
    env.rpod(["rmi", "-a", "-f"]).run().success();
    let pull = || {
        env.rpod(["pull", "-q", "--tls-verify=false", "--signature-policy"])
            .arg(&policy_file)
            .arg(format!("{signed}:1"))
            .run()
    };
    assert_eq!(pull().success().out(), id);
    // Gone from the server: none found there.
    std::fs::remove_dir_all(sigstore.join("trust")).unwrap();
    env.rpod(["rmi", "-a", "-f"]).run().success();
    pull()
        .error125()
        .stderr_has("A signature was required, but no signature exists");
    stop_agent(&env);
}
