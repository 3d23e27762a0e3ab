//! Hostile layers, rootless and rootful: each pulls with its hostile entries
//! dropped or kept inside the layer (exactly which is pinned), and nothing is
//! ever written outside the layer directory.

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

/// The layer's entries: `NAME = TEXT` for a file, `NAME/` for a
/// directory, `NAME -> TARGET` for a symlink; sorted.
fn listing(layer: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(layer)
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(layer).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.file_type().is_symlink() {
                format!("{name} -> {}", std::fs::read_link(&p).unwrap().display())
            } else if meta.is_dir() {
                format!("{name}/")
            } else {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                format!("{name} = {}", text.trim_end())
            }
        })
        .collect();
    out.sort();
    out
}

/// Pulls the hostile fixture `case`: the pull succeeds (as podman's, whose
/// extraction stays inside the layer too), the layer holds exactly `want`
/// (the hostile entries dropped or kept inside), and nothing is written
/// outside the layer.
fn check(case: &str, rootful: bool, want: &[&str]) {
    let shared = require!(registry::plain());
    let env = require!(if rootful {
        Env::rootful()
    } else {
        Env::rootless()
    });
    sentinel();
    let reference = shared.reference(&format!("{case}:latest"));
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run();
    out.success();
    assert_eq!(
        out.out(),
        crate::pull::config_id(shared, &format!("{case}:latest")),
        "{out}"
    );
    let layer_dirs = env.layer_dirs(&reference);
    assert_eq!(layer_dirs.len(), 1, "{layer_dirs:?}");
    assert_eq!(listing(&layer_dirs[0]), want, "{case}: the layer's entries");
    nothing_outside(case, &env, &layer_dirs, &out);
    // The image runs, and its container sees the same files.
    let out = env
        .rpod(["run", "--rm", "--network", "none", &reference, "/ok"])
        .run();
    // `ok` is not executable: 126, podman's code for a command that cannot run.
    out.code(126);
}

/// Pulls the hostile fixture `case`, whose layer names a path twice: the
/// pull is refused (exit 125, as podman refuses it), nothing is stored and
/// nothing is written outside the store.
fn check_refused(case: &str, rootful: bool) {
    let shared = require!(registry::plain());
    let env = require!(if rootful {
        Env::rootful()
    } else {
        Env::rootless()
    });
    sentinel();
    let reference = shared.reference(&format!("{case}:latest"));
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run();
    out.error125()
        .stderr_has("the layer contains this path more than once");
    env.rpod(["images", "-q"]).run().success().stdout_is("");
    nothing_outside(case, &env, &[], &out);
}

/// Nothing of `case` appeared outside its layer directories.
fn nothing_outside(case: &str, env: &Env, layer_dirs: &[PathBuf], out: &impl std::fmt::Display) {
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
}

fn dotdot_entries(rootful: bool) {
    // `../` names are dropped.
    check("hostile-dotdot", rootful, &["ok = a normal file"]);
}

fn absolute_names(rootful: bool) {
    // An absolute name is taken relative to the layer's root.
    check(
        "hostile-abs",
        rootful,
        &[
            "ok = a normal file",
            "tmp/",
            "tmp/rpod-hostile-sentinel/",
            "tmp/rpod-hostile-sentinel/rpod-escaped-abs = escaped",
        ],
    );
}

fn write_through_symlink(rootful: bool) {
    // A file under a symlink that leaves the layer, then a file replacing
    // the symlink: the layer names `escfile` twice, which podman refuses.
    check_refused("hostile-symlink-write", rootful);
}

fn hardlink_to_outside(rootful: bool) {
    // Hardlinks to targets outside the layer, then files of the same
    // names: the layer names them twice, which podman refuses.
    check_refused("hostile-hardlink", rootful);
}

fn symlink_to_dotdot(rootful: bool) {
    // `dotdot -> ..` resolves inside the layer (its root's parent is the
    // root); `deep -> ../../..` leads outside, so its file is dropped.
    let deep = format!("deep -> {}{}", "../".repeat(24), &HOSTILE_SENTINEL[1..]);
    check(
        "hostile-symlink-dotdot",
        rootful,
        &[
            &deep,
            "dotdot -> ..",
            "ok = a normal file",
            "rpod-escaped-symlink-dotdot = escaped",
        ],
    );
}

/// Each case, rootless (as the test user) and rootful (as root).
macro_rules! both_modes {
    ($($name:ident),* $(,)?) => {
        mod rootless {
            $(#[test]
            fn $name() {
                super::$name(false)
            })*
        }
        mod rootful {
            $(#[test]
            fn $name() {
                super::$name(true)
            })*
        }
    };
}

both_modes!(
    dotdot_entries,
    absolute_names,
    write_through_symlink,
    hardlink_to_outside,
    symlink_to_dotdot,
);
