//! `rpod info` and `rpod system reset`.

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

#[test]
fn info_reports_rootless_mappings_and_store() {
    let env = require!(Env::rootless());
    let user = env.user.clone().unwrap();
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    let rootless = v["host"]["security"]["rootless"]
        .as_bool()
        .or(v["host"]["rootless"].as_bool());
    assert_eq!(rootless, Some(true), "host.security.rootless\n{out}");
    let (start, size) = user.subuid.unwrap();
    let want = serde_json::json!([
        {"container_id": 0, "host_id": user.uid, "size": 1},
        {"container_id": 1, "host_id": start, "size": size},
    ]);
    assert_eq!(v["host"]["idMappings"]["uidmap"], want, "{out}");
    let (gstart, gsize) = user.subgid.unwrap();
    let gwant = serde_json::json!([
        {"container_id": 0, "host_id": user.gid, "size": 1},
        {"container_id": 1, "host_id": gstart, "size": gsize},
    ]);
    assert_eq!(v["host"]["idMappings"]["gidmap"], gwant, "{out}");
    assert_eq!(
        v["store"]["graphRoot"],
        env.root().display().to_string().as_str(),
        "{out}"
    );
    assert_eq!(
        v["store"]["runRoot"],
        env.runroot().display().to_string().as_str(),
        "{out}"
    );
    let out = env.rpod(["info"]).run();
    out.success().stdout_has("rootless: true");
}

#[test]
fn system_reset_empties_the_store() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let dirs = env.layer_dirs(&shared.reference("busybox:latest"));
    let out = env.rpod(["system", "reset", "--force"]).run();
    out.success();
    assert!(dirs.iter().all(|d| !d.exists()), "{dirs:?}");
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    let left: Vec<_> = crate::harness::walk(&env.root())
        .into_iter()
        .filter(|p| p.ends_with("bin/busybox"))
        .collect();
    assert!(left.is_empty(), "layer content left after reset: {left:?}");
}

#[test]
fn every_verb_has_help() {
    let env = require!(Env::rootless());
    for verb in [
        &["pull"][..],
        &["images"],
        &["image", "inspect"],
        &["history"],
        &["tag"],
        &["untag"],
        &["rmi"],
        &["image", "prune"],
        &["image", "exists"],
        &["login"],
        &["logout"],
        &["unshare"],
        &["info"],
        &["system", "reset"],
    ] {
        let out = env.rpod(verb.iter().copied().chain(["--help"])).run();
        out.success();
        assert!(!out.stdout.is_empty(), "{out}");
    }
}
