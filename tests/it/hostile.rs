//! Hostile layers: each either pulls with the bad entries dropped or fails with
//! 125, and nothing is ever written outside the layer directory.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Once;

use crate::fixtures::{HOSTILE_HARDLINK_TARGET, HOSTILE_SENTINEL};
use crate::harness::{walk, Env};
use crate::registry;

/// Creates the sentinel dir (world-writable, so an escape would succeed) and
/// the hardlink target (world-writable).
fn sentinel() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(HOSTILE_SENTINEL).expect("creating sentinel");
        let _ = std::fs::set_permissions(HOSTILE_SENTINEL, std::fs::Permissions::from_mode(0o777));
        if !Path::new(HOSTILE_HARDLINK_TARGET).exists() {
            std::fs::write(HOSTILE_HARDLINK_TARGET, "original\n").expect("writing hardlink target");
        }
        let _ = std::fs::set_permissions(
            HOSTILE_HARDLINK_TARGET,
            std::fs::Permissions::from_mode(0o666),
        );
    });
}

fn escaped(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("rpod-escaped"))
}

fn check(case: &str) {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    sentinel();
    let reference = shared.reference(&format!("{case}:latest"));
    let out = env.rpod(["pull", "--tls-verify=false", &reference]).run();
    assert!(
        out.code == 0 || out.code == 125,
        "hostile pull must succeed or fail with 125\n{out}"
    );
    let layer_dirs: Vec<PathBuf> = if out.code == 0 {
        let dirs = env.layer_dirs(&reference);
        assert!(
            dirs[0].join("ok").exists(),
            "the benign entry is kept: {dirs:?}"
        );
        dirs
    } else {
        out.error125();
        Vec::new()
    };
    let outside: Vec<PathBuf> = walk(Path::new(HOSTILE_SENTINEL))
        .into_iter()
        .chain(
            walk(&env.dir)
                .into_iter()
                .filter(|p| !layer_dirs.iter().any(|d| p.starts_with(d))),
        )
        .chain(
            std::fs::read_dir("/tmp")
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        )
        .filter(|p| escaped(p))
        .collect();
    assert!(
        outside.is_empty(),
        "{case}: files written outside the layer: {outside:?}\n{out}"
    );
    assert_eq!(
        std::fs::read_to_string(HOSTILE_HARDLINK_TARGET).unwrap(),
        "original\n",
        "{case}: hardlink target overwritten"
    );
    assert_eq!(
        std::fs::metadata(HOSTILE_HARDLINK_TARGET).unwrap().nlink(),
        1,
        "{case}: hardlink made to a file outside"
    );
    // Whatever the outcome, the store stays usable.
    env.rpod(["images"]).run().success();
}

#[test]
fn hostile_dotdot_entries() {
    check("hostile-dotdot");
}

#[test]
fn hostile_absolute_names() {
    check("hostile-abs");
}

#[test]
fn hostile_write_through_symlink() {
    check("hostile-symlink-write");
}

#[test]
fn hostile_hardlink_to_outside() {
    check("hostile-hardlink");
}

#[test]
fn hostile_symlink_to_dotdot() {
    check("hostile-symlink-dotdot");
}
