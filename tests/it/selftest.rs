//! Checks of the harness itself (no rpod verbs): the registry serves the
//! fixtures, auth works, commands run as the test user.

use crate::fixtures;
use crate::harness::{is_hex, Env};
use crate::registry::{self, Registry};

fn get(url: &str, accept: &str, auth: Option<&str>) -> Result<(u16, Vec<u8>, String), String> {
    let mut r = ureq::get(url).set("Accept", accept);
    if let Some(a) = auth {
        r = r.set("Authorization", a);
    }
    match r.call() {
        Ok(resp) => {
            let ct = resp.header("Content-Type").unwrap_or_default().to_string();
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut resp.into_reader(), &mut body)
                .map_err(|e| e.to_string())?;
            Ok((200, body, ct))
        }
        Err(ureq::Error::Status(code, _)) => Ok((code, Vec::new(), String::new())),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn registry_serves_pushed_fixtures() {
    let shared = require!(registry::plain());
    let base = shared.registry.url();
    for f in shared.fixtures.values() {
        let accept = [
            fixtures::OCI_INDEX,
            fixtures::OCI_MANIFEST,
            fixtures::DOCKER_MANIFEST,
        ]
        .join(", ");
        let (code, body, ct) = get(
            &format!("{base}/v2/{}/manifests/{}", f.repo, f.tag),
            &accept,
            None,
        )
        .unwrap();
        assert_eq!(code, 200, "manifest {}", f.name());
        assert_eq!(
            fixtures::sha256(&body),
            f.digest(),
            "manifest digest of {}",
            f.name()
        );
        let want_ct = if f.index.is_some() {
            fixtures::OCI_INDEX.to_string()
        } else {
            f.images[0].manifest_type.clone()
        };
        assert_eq!(ct, want_ct, "content type of {}", f.name());
        for img in &f.images {
            let (code, body, _) = get(
                &format!("{base}/v2/{}/blobs/{}", f.repo, img.config.digest),
                "*/*",
                None,
            )
            .unwrap();
            assert_eq!(code, 200);
            assert_eq!(fixtures::sha256(&body), img.config.digest);
            for l in &img.layers {
                let (code, body, _) = get(
                    &format!("{base}/v2/{}/blobs/{}", f.repo, l.blob.digest),
                    "*/*",
                    None,
                )
                .unwrap();
                assert_eq!(code, 200, "layer {} of {}", l.blob.digest, f.name());
                let damaged = f.damage.iter().any(|(d, _)| d == &l.blob.digest);
                assert_eq!(
                    fixtures::sha256(&body) != l.blob.digest,
                    damaged,
                    "layer {} of {} (damaged: {damaged})",
                    l.blob.digest,
                    f.name()
                );
            }
        }
    }
    let (code, _, _) = get(
        &format!("{base}/v2/nosuch/manifests/latest"),
        fixtures::OCI_MANIFEST,
        None,
    )
    .unwrap();
    assert_eq!(code, 404);
}

#[test]
fn auth_registry_needs_credentials() {
    let shared = require!(registry::with_auth());
    let url = format!("{}/v2/busybox/manifests/latest", shared.registry.url());
    let (code, _, _) = get(&url, fixtures::OCI_MANIFEST, None).unwrap();
    assert_eq!(code, 401);
    use base64::Engine as _;
    let good = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("alice:secret")
    );
    let bad = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("alice:wrong")
    );
    assert_eq!(
        get(&url, fixtures::OCI_MANIFEST, Some(&good)).unwrap().0,
        200
    );
    assert_eq!(
        get(&url, fixtures::OCI_MANIFEST, Some(&bad)).unwrap().0,
        401
    );
}

#[test]
fn registry_stops_on_drop() {
    require!(registry::installed(false));
    let r = Registry::start(false).unwrap_or_else(|e| panic!("starting a registry: {e}"));
    let addr = r.addr.clone();
    assert!(get(&format!("http://{addr}/v2/"), "*/*", None).is_ok());
    drop(r);
    assert!(
        get(&format!("http://{addr}/v2/"), "*/*", None).is_err(),
        "registry still answers after drop"
    );
}

#[test]
fn commands_run_as_the_test_user() {
    let env = require!(Env::rootless());
    let user = env.user.clone().unwrap();
    let out = env.cmd("id").arg("-u").run();
    out.success();
    assert_eq!(out.out(), user.uid.to_string(), "{out}");
    let out = env
        .cmd("sh")
        .args([
            "-c",
            "echo $HOME $XDG_RUNTIME_DIR; stat -c %a $XDG_RUNTIME_DIR; touch $HOME/x",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![
            format!("{} {}", env.home.display(), env.runtime.display()),
            "700".to_string()
        ]
    );
    let out = env
        .cmd("sh")
        .args(["-c", "cat; exit 3"])
        .stdin("piped")
        .run();
    out.code(3).stdout_is("piped");
    assert!(is_hex(&"ab".repeat(32), 64));
    assert!(!is_hex(&"AB".repeat(32), 64) && !is_hex(&"ab".repeat(31), 64));
}

#[test]
fn test_user_can_run_the_copied_binary() {
    let env = require!(Env::rootless());
    let out = env
        .cmd("test")
        .arg("-x")
        .arg(crate::harness::rpod_bin())
        .run();
    out.success();
}

#[test]
fn fixture_tar_writer_produces_valid_archives() {
    require!(registry::installed(false));
    let tar = fixtures::base_tar();
    let mut archive = tar::Archive::new(&tar[..]);
    let mut seen = std::collections::BTreeMap::new();
    for e in archive.entries().unwrap() {
        let e = e.unwrap();
        let h = e.header();
        let name = e.path().unwrap().display().to_string();
        let link = e.link_name().unwrap().map(|l| l.display().to_string());
        seen.insert(
            name,
            (
                h.entry_type(),
                h.mode().unwrap(),
                h.uid().unwrap(),
                h.gid().unwrap(),
                link,
            ),
        );
    }
    let owned = &seen[fixtures::paths::OWNED];
    assert_eq!((owned.1, owned.2, owned.3), (0o640, 1000, 1000));
    assert_eq!(seen[fixtures::paths::SUID].1, 0o4755);
    assert!(seen[fixtures::paths::HARD_B].0.is_hard_link());
    assert_eq!(
        seen[fixtures::paths::HARD_B].4.as_deref(),
        Some(fixtures::paths::HARD_A)
    );
    assert_eq!(seen[fixtures::paths::SYMLINK].4.as_deref(), Some("file"));
    assert_eq!(seen["bin/sh"].4.as_deref(), Some("busybox"));
    assert_eq!(seen["tmp/"].1, 0o1777);

    // Long names go through GNU long-name entries.
    let long = format!("{}/file", "d".repeat(150));
    let mut t = fixtures::Tar::new();
    t.file(&long, b"x", 0o644).symlink("l", &"t".repeat(120));
    let bytes = t.finish();
    let mut a = tar::Archive::new(&bytes[..]);
    let names: Vec<(String, Option<String>)> = a
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.path().unwrap().display().to_string(),
                e.link_name().unwrap().map(|l| l.display().to_string()),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![(long, None), ("l".to_string(), Some("t".repeat(120)))]
    );
}
