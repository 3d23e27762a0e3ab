//! What unpacked layers look like on the host and inside the user namespace:
//! ownership under the subuid mapping, setuid bits, hardlinks, symlinks,
//! whiteouts and opaque directories, and the merged overlay view.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::fixtures::{paths, whiteout};
use crate::harness::{have, host_stat, prerequisite, Env};
use crate::pull::pull;
use crate::registry;

/// Reads one xattr with getfattr (attr package).
pub fn xattr(p: &Path, name: &str) -> Option<String> {
    let out = std::process::Command::new("getfattr")
        .args(["--only-values", "--absolute-names", "-n", name])
        .arg(p)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn ownership_under_the_mapping() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let user = env.user.clone().unwrap();
    pull(&env, shared, "busybox:latest");
    let reference = shared.reference("busybox:latest");

    let owned = env.find_in_layers(&reference, paths::OWNED);
    let want = format!("{}:{}", user.host_uid(1000), user.host_gid(1000));
    assert_eq!(
        host_stat("%u:%g", &owned),
        want,
        "container 1000:1000 is subuid start + 999 on the host"
    );
    let out = env
        .rpod(["unshare", "stat", "-c", "%u:%g"])
        .arg(&owned)
        .run();
    out.success();
    assert_eq!(out.out(), "1000:1000", "{out}");
    let dir = env.find_in_layers(&reference, paths::OWNED_DIR);
    assert_eq!(host_stat("%u:%g", &dir), want);

    let busybox = env.find_in_layers(&reference, "bin/busybox");
    assert_eq!(
        host_stat("%u:%g", &busybox),
        format!("{}:{}", user.uid, user.gid),
        "container root is the user"
    );
    let out = env
        .rpod(["unshare", "stat", "-c", "%u:%g"])
        .arg(&busybox)
        .run();
    assert_eq!(out.out(), "0:0", "{out}");

    let suid = env.find_in_layers(&reference, paths::SUID);
    assert_eq!(host_stat("%a", &suid), "4755", "setuid bit kept");
    let owned_mode = host_stat("%a", &owned);
    assert_eq!(owned_mode, "640");

    let a = env.find_in_layers(&reference, paths::HARD_A);
    let b = env.find_in_layers(&reference, paths::HARD_B);
    let (ma, mb) = (
        std::fs::metadata(&a).unwrap(),
        std::fs::metadata(&b).unwrap(),
    );
    assert_eq!(ma.nlink(), 2, "hardlink count");
    assert_eq!(ma.ino(), mb.ino(), "hardlink shares the inode");

    let link = env.find_in_layers(&reference, paths::SYMLINK);
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        PathBuf::from(paths::SYMLINK_TARGET)
    );
    let applet = env.find_in_layers(&reference, "bin/sh");
    assert_eq!(
        std::fs::read_link(&applet).unwrap(),
        PathBuf::from("busybox")
    );
}

/// Checks whiteouts in the top layer of the whiteout fixture; `opaque_xattr`
/// is user.overlay.opaque rootless, trusted.overlay.opaque rootful.
pub fn check_whiteouts(env: &Env, reference: &str, opaque_xattr: &str) {
    let dirs = env.layer_dirs(reference);
    let top = &dirs[0];
    let gone = top.join(whiteout::GONE);
    assert_eq!(
        host_stat("%F %t:%T", &gone),
        "character special file 0:0",
        "whiteout for {}",
        whiteout::GONE
    );
    assert!(
        !top.join("wh/.wh.gone").exists(),
        "the .wh. entry itself is not stored"
    );
    assert!(
        !top.join("wh/opaque/.wh..wh..opq").exists(),
        "the opaque marker itself is not stored"
    );
    assert!(top.join(whiteout::OPAQUE_NEW).exists());
    if !have("getfattr") {
        prerequisite::<()>("getfattr missing (apt-get install attr)");
        return;
    }
    assert_eq!(
        xattr(&top.join(whiteout::OPAQUE_DIR), opaque_xattr).as_deref(),
        Some("y"),
        "{opaque_xattr} on the opaque dir"
    );
}

#[test]
fn whiteouts_and_opaque_dirs() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "whiteout:latest");
    check_whiteouts(
        &env,
        &shared.reference("whiteout:latest"),
        "user.overlay.opaque",
    );
}

#[test]
fn whiteouts_effective_in_the_merged_view() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "whiteout:latest");
    let dirs = env.layer_dirs(&shared.reference("whiteout:latest"));
    let lower: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let merged = env.dir.join("merged");
    let script = format!(
        "mkdir -p {m} && mount -t overlay overlay -o lowerdir={l},userxattr {m} && ls {m}/wh; echo --; ls {m}/wh/opaque; umount {m}",
        m = merged.display(),
        l = lower.join(":")
    );
    let out = env.rpod(["unshare", "sh", "-c", &script]).run();
    out.success();
    let text = out.out();
    let (wh, opaque) = text.split_once("--").unwrap_or_else(|| panic!("{out}"));
    let wh: Vec<&str> = wh.split_whitespace().collect();
    let opaque: Vec<&str> = opaque.split_whitespace().collect();
    assert_eq!(
        wh,
        ["kept", "opaque"],
        "wh/gone is deleted by the whiteout\n{out}"
    );
    assert_eq!(
        opaque,
        ["new"],
        "wh/opaque/old is hidden by the opaque dir\n{out}"
    );
}

#[test]
fn unshare_runs_as_root_in_the_namespace() {
    let env = require!(Env::rootless());
    let user = env.user.clone().unwrap();
    let out = env.rpod(["unshare", "cat", "/proc/self/uid_map"]).run();
    out.success();
    let rows: Vec<Vec<u64>> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().map(|n| n.parse().unwrap()).collect())
        .collect();
    let (start, size) = user.subuid.unwrap();
    assert_eq!(
        rows,
        vec![
            vec![0, u64::from(user.uid), 1],
            vec![1, u64::from(start), u64::from(size)]
        ],
        "{out}"
    );
    let out = env.rpod(["unshare", "id", "-u"]).run();
    assert_eq!(out.out(), "0", "{out}");
}
