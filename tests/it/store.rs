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
                .start()
        })
        .collect();
    let id = config_id(shared, "whiteout:latest");
    for c in children {
        let out = c.finish(Duration::from_secs(300));
        out.success().stdout_is(&id);
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
    // Killed at observed moments, not after guessed delays: at once, once
    // rpod runs, once a blob has arrived, once a layer is being unpacked.
    let stages = [
        "at once",
        "rpod running",
        "a blob stored",
        "a layer unpacking",
    ];
    for ms in stages {
        let child = env
            .rpod(["pull", "-q", "--tls-verify=false", &reference])
            .start();
        let root = env.root();
        let seen = |dir: &str| {
            walk(&root.join(dir))
                .iter()
                .any(|p| p.is_file() || p.join("diff").exists())
        };
        match ms {
            "at once" => {}
            "rpod running" => {
                crate::harness::wait_for_descendant(
                    child.pid(),
                    &format!("{} ", crate::harness::rpod_bin().display()),
                );
            }
            "a blob stored" => wait_or_done(&child, || seen("blobs")),
            _ => wait_or_done(&child, || seen("layers")),
        }
        kill_group(child.pid());
        let _ = child.finish(Duration::from_secs(60));
        // In between: either no image, or a complete one.
        let out = env.rpod(["images", "-q"]).run();
        out.success();
        if !out.out().is_empty() {
            let dirs = env.layer_dirs(&reference);
            assert_eq!(
                dirs.len(),
                3,
                "after SIGKILL ({ms}) an image is visible but incomplete: {dirs:?}"
            );
            assert!(
                dirs.iter().all(|d| d.is_dir()),
                "after SIGKILL ({ms}): missing layer dir {dirs:?}"
            );
            assert!(dirs[0].join("wh/opaque/new").exists() && dirs[2].join("bin/busybox").exists());
            env.rpod(["rmi", "-a"]).run().success();
        }
        let id = pull(&env, shared, "whiteout:latest");
        assert_eq!(id, config_id(shared, "whiteout:latest"));
        let dirs = env.layer_dirs(&reference);
        assert!(
            dirs[0].join("wh/opaque/new").exists() && dirs[2].join("bin/busybox").exists(),
            "after SIGKILL ({ms}) and a new pull: {dirs:?}"
        );
        env.rpod(["rmi", "-a"]).run().success();
        assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
    }
}

/// Waits until `cond` holds or the command has ended (a fast pull may
/// finish before the moment comes; killing it then is still a case).
fn wait_or_done(child: &crate::harness::Spawned, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !cond() && !child.exited() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
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
