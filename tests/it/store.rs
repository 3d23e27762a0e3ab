//! The store under concurrency and crashes: concurrent pulls, SIGKILL at
//! several moments, layers shared between images.

use std::time::Duration;

use crate::harness::{kill_group, walk, Env};
use crate::pull::{config_id, pull};
use crate::registry;

/// How many unpacked copies of `rel` the store holds.
fn copies(env: &Env, rel: &str) -> usize {
    walk(&env.root())
        .into_iter()
        .filter(|p| p.ends_with(rel))
        .count()
}

#[test]
fn eight_concurrent_pulls_store_the_image_once() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("whiteout:latest");
    let children: Vec<_> = (0..8)
        .map(|_| {
            env.rpod(["pull", "-q", "--tls-verify=false", &reference])
                .spawn()
        })
        .collect();
    let id = config_id(shared, "whiteout:latest");
    for c in children {
        let out = c.wait_with_output().unwrap();
        let text = format!(
            "stdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "a concurrent pull failed\n{text}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), id, "{text}");
    }
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.lines(), vec![&id[..12]], "{out}");
    let dirs = env.layer_dirs(&reference);
    assert_eq!(dirs.len(), 3, "{dirs:?}");
    assert!(dirs.iter().all(|d| d.is_dir()), "{dirs:?}");
    assert_eq!(
        copies(&env, "bin/busybox"),
        1,
        "the base layer is unpacked once"
    );
    assert_eq!(
        copies(&env, "wh/opaque/new"),
        1,
        "the top layer is unpacked once"
    );
}

#[test]
fn sigkill_during_pull_then_pull_again() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("whiteout:latest");
    for ms in [20u64, 100, 300, 700] {
        let child = env
            .rpod(["pull", "-q", "--tls-verify=false", &reference])
            .spawn();
        std::thread::sleep(Duration::from_millis(ms));
        kill_group(child.id());
        let _ = child.wait_with_output();
        // In between: either no image, or a complete one.
        let out = env.rpod(["images", "-q"]).run();
        out.success();
        if !out.out().is_empty() {
            let dirs = env.layer_dirs(&reference);
            assert_eq!(
                dirs.len(),
                3,
                "after SIGKILL at {ms} ms an image is visible but incomplete: {dirs:?}"
            );
            assert!(
                dirs.iter().all(|d| d.is_dir()),
                "after SIGKILL at {ms} ms: missing layer dir {dirs:?}"
            );
            assert!(dirs[0].join("wh/opaque/new").exists() && dirs[2].join("bin/busybox").exists());
            env.rpod(["rmi", "-a"]).run().success();
        }
        let id = pull(&env, shared, "whiteout:latest");
        assert_eq!(id, config_id(shared, "whiteout:latest"));
        let dirs = env.layer_dirs(&reference);
        assert!(
            dirs[0].join("wh/opaque/new").exists() && dirs[2].join("bin/busybox").exists(),
            "after SIGKILL at {ms} ms and a new pull: {dirs:?}"
        );
        env.rpod(["rmi", "-a"]).run().success();
        assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
    }
}

#[test]
fn shared_layers_are_stored_once_and_survive_rmi() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    pull(&env, shared, "shared:latest");
    let a = env.layer_dirs(&shared.reference("busybox:latest"));
    let b = env.layer_dirs(&shared.reference("shared:latest"));
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 2);
    assert_eq!(
        a[0], b[1],
        "the base layer is one directory for both images"
    );
    assert_eq!(copies(&env, "bin/busybox"), 1);
    env.rpod(["rmi", &shared.reference("busybox:latest")])
        .run()
        .success();
    assert!(
        b.iter().all(|d| d.is_dir()),
        "layers of the remaining image survive: {b:?}"
    );
    assert!(b[1].join("bin/busybox").exists());
    env.rpod(["rmi", &shared.reference("shared:latest")])
        .run()
        .success();
    assert!(
        b.iter().all(|d| !d.exists()),
        "last user gone, layers gone: {b:?}"
    );
}

#[test]
fn second_pull_reuses_the_store() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let first = pull(&env, shared, "busybox:latest");
    let dirs = env.layer_dirs(&shared.reference("busybox:latest"));
    let inode = std::os::unix::fs::MetadataExt::ino(
        &std::fs::metadata(dirs[0].join("bin/busybox")).unwrap(),
    );
    let second = pull(&env, shared, "busybox:latest");
    assert_eq!(first, second);
    let again = std::os::unix::fs::MetadataExt::ino(
        &std::fs::metadata(dirs[0].join("bin/busybox")).unwrap(),
    );
    assert_eq!(inode, again, "the layer is not unpacked again");
}
