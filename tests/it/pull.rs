//! `rpod pull`: output, short names through registries.conf, aliases, mirrors,
//! manifest kinds, platforms, and errors (exit 125, nothing stored).

use crate::fixtures::{self, host_arch};
use crate::harness::{is_hex, walk, Env};
use crate::registry::{self, free_port, Shared};

/// The set-up most modules share: a rootless environment with busybox
/// pulled from the shared plain registry, and that image's reference.
pub fn busybox_env() -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

/// Pulls `ADDR/name` quietly and returns the image ID (asserting success).
pub fn pull(env: &Env, shared: &Shared, name: &str) -> String {
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false"])
        .arg(shared.reference(name))
        .run();
    out.success();
    let id = out.out().to_string();
    assert!(
        is_hex(&id, 64),
        "pull -q printed {id:?}, not a 64-hex image ID\n{out}"
    );
    id
}

/// The image ID podman gives a fixture: the hex of its config digest.
pub fn config_id(shared: &Shared, name: &str) -> String {
    shared
        .fixture(name)
        .host_image()
        .config
        .digest
        .trim_start_matches("sha256:")
        .to_string()
}

/// Asserts the store holds no image and no unpacked content of `marker`
/// (a path inside the image's layer, such as "bad/file").
#[track_caller]
pub fn assert_nothing_stored(env: &Env, marker: &str) {
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.out(), "", "images -q after a failed pull\n{out}");
    let leftovers: Vec<_> = walk(&env.root())
        .into_iter()
        .filter(|p| p.ends_with(marker))
        .collect();
    assert!(
        leftovers.is_empty(),
        "unpacked content left in the store after a failed pull: {leftovers:?}"
    );
}

#[test]
fn pull_prints_the_image_id_on_stdout() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let out = env
        .rpod(["pull", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![config_id(shared, "busybox:latest")],
        "stdout must be the image ID only (progress goes to stderr)\n{out}"
    );
}

#[test]
fn pull_quiet_prints_only_the_id() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
    assert!(
        !out.stderr.contains("Copying"),
        "-q must not print progress\n{out}"
    );
}

#[test]
fn pull_short_name_through_search_registries() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    env.search_registry(shared.addr());
    let out = env.rpod(["pull", "-q", "busybox"]).run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![shared.reference("busybox:latest")],
        "{out}"
    );
}

#[test]
fn pull_short_name_alias() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let addr = shared.addr();
    env.registries_conf(&format!(
        "unqualified-search-registries = [\"127.0.0.1:1\"]\n\n[aliases]\n\"mybusy\" = \"{addr}/busybox\"\n\n[[registry]]\nlocation = \"{addr}\"\ninsecure = true\n"
    ));
    let out = env.rpod(["pull", "-q", "mybusy"]).run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    assert_eq!(out.lines(), vec![format!("{addr}/busybox:latest")], "{out}");
}

#[test]
fn pull_through_a_mirror() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    // The primary is a closed port: only the mirror can serve the image.
    let primary = format!("127.0.0.1:{}", free_port());
    env.registries_conf(&format!(
        "[[registry]]\nlocation = \"{primary}\"\ninsecure = true\n\n[[registry.mirror]]\nlocation = \"{}\"\ninsecure = true\n",
        shared.addr()
    ));
    let out = env
        .rpod(["pull", "-q"])
        .arg(format!("{primary}/busybox:latest"))
        .run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    assert_eq!(
        out.lines(),
        vec![format!("{primary}/busybox:latest")],
        "the image keeps the name asked for\n{out}"
    );
}

#[test]
fn pull_docker_v2s2_manifest() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:v2s2");
    assert_eq!(id, config_id(shared, "busybox:v2s2"));
    let p = env.find_in_layers(&shared.reference("busybox:v2s2"), "bin/busybox");
    assert_eq!(
        std::fs::metadata(&p).unwrap().len(),
        std::fs::metadata(fixtures::BUSYBOX).unwrap().len()
    );
}

#[test]
fn pull_zstd_layer() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "zstd:latest");
    let p = env.find_in_layers(&shared.reference("zstd:latest"), "zstd/file");
    assert_eq!(std::fs::read_to_string(p).unwrap(), "zstd content\n");
}

#[test]
fn pull_by_digest() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let digest = shared.fixture("busybox:latest").digest().to_string();
    let reference = format!("{}/busybox@{digest}", shared.addr());
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:latest"), "{out}");
    let v = env.inspect(&reference);
    assert_eq!(v["Digest"], digest.as_str(), "{v:#}");
}

#[test]
fn pull_index_picks_the_host_platform() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "multi:latest");
    let v = env.inspect(&shared.reference("multi:latest"));
    assert_eq!(v["Architecture"], host_arch(), "{v:#}");
    assert_eq!(v["Os"], "linux", "{v:#}");
}

#[test]
fn pull_platform_arm64_from_index() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("multi:latest");
    let out = env
        .rpod([
            "pull",
            "-q",
            "--tls-verify=false",
            "--platform",
            "linux/arm64",
            &reference,
        ])
        .run();
    out.success();
    let arm = shared
        .fixture("multi:latest")
        .images
        .iter()
        .find(|i| i.arch == "arm64")
        .unwrap();
    assert_eq!(
        out.out(),
        arm.config.digest.trim_start_matches("sha256:"),
        "{out}"
    );
    let v = env.inspect(&reference);
    assert_eq!(v["Architecture"], "arm64", "{v:#}");
    let p = env.find_in_layers(&reference, "arch");
    assert_eq!(std::fs::read_to_string(p).unwrap(), "arm64\n");
}

#[test]
fn pull_platform_missing_lists_available() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("multi:latest");
    let out = env
        .rpod([
            "pull",
            "--tls-verify=false",
            "--platform",
            "linux/s390x",
            &reference,
        ])
        .run();
    out.error125()
        .stderr_has("linux/amd64")
        .stderr_has("linux/arm64");
    assert_nothing_stored(&env, "bin/busybox");
}

fn pull_fails(name_or_ref: &str, mentions: &str, marker: &str) {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = if name_or_ref.starts_with("127.") {
        name_or_ref.to_string()
    } else {
        shared.reference(name_or_ref)
    };
    let out = env.rpod(["pull", "--tls-verify=false", &reference]).run();
    out.error125();
    let mentions = if mentions.is_empty() {
        reference.clone()
    } else {
        mentions.to_string()
    };
    out.stderr_has(&mentions);
    assert_nothing_stored(&env, marker);
}

#[test]
fn pull_unknown_repository_fails() {
    let shared = require!(registry::plain());
    pull_fails(
        "nosuch:latest",
        &format!("{}/nosuch", shared.addr()),
        "bin/busybox",
    );
}

#[test]
fn pull_unknown_tag_fails() {
    pull_fails("busybox:nosuchtag", "nosuchtag", "bin/busybox");
}

#[test]
fn pull_digest_mismatch_fails() {
    pull_fails("bad-digest:latest", "bad-digest", "bad/file");
}

#[test]
fn pull_truncated_blob_fails() {
    pull_fails("bad-truncated:latest", "bad-truncated", "bad/file");
}

#[test]
fn pull_unreachable_registry_fails() {
    let addr = format!("127.0.0.1:{}", free_port());
    pull_fails(&format!("{addr}/busybox:latest"), &addr, "bin/busybox");
}

/// A layer whose uncompressed digest is not the config's diff ID is refused
/// (podman 5 checks it too; podman 4.3 did not): 125, nothing stored.
#[test]
fn pull_diff_id_mismatch_fails() {
    pull_fails("bad-diffid:latest", "bad-diffid", "bad/diffid");
}

#[test]
fn pull_help_works() {
    let env = require!(Env::rootless());
    let out = env.rpod(["pull", "--help"]).run();
    out.success().stderr_is("");
    assert!(
        out.stdout.starts_with("Pull an image from a registry\n"),
        "{out}"
    );
    assert!(
        out.lines()
            .iter()
            .any(|l| l.trim_start().starts_with("--platform string ")),
        "{out}"
    );
}

#[test]
fn pull_arch_flag_selects_from_index() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("multi:latest");
    let out = env
        .rpod([
            "pull",
            "-q",
            "--tls-verify=false",
            "--arch",
            "arm64",
            "--os",
            "linux",
            &reference,
        ])
        .run();
    out.success();
    assert_eq!(env.inspect(&reference)["Architecture"], "arm64");
}

#[test]
fn pull_short_name_through_a_drop_in() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let addr = shared.addr();
    // The main file names the registry; the drop-in adds the search list.
    env.registries_conf(&format!(
        "[[registry]]\nlocation = \"{addr}\"\ninsecure = true\n"
    ));
    env.write_file(
        &env.config.join("containers/registries.conf.d/50-test.conf"),
        &format!("unqualified-search-registries = [\"{addr}\"]\n"),
    );
    let out = env.rpod(["pull", "-q", "busybox:v2s2"]).run();
    out.success();
    assert_eq!(out.out(), config_id(shared, "busybox:v2s2"), "{out}");
}

/// Unmounts a tmpfs when the test ends, however it ends.
struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_full_disk_stores_nothing_and_says_so() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    if !crate::harness::is_root() {
        crate::harness::prerequisite::<()>("root, to mount a small tmpfs as the store");
        return;
    }
    // The store on a 1.5 MB file system: busybox's layer (2 MB unpacked)
    // does not fit.
    let root = env.root();
    std::fs::create_dir_all(&root).unwrap();
    let user = crate::harness::rootless_user().unwrap();
    let opts = format!("size=1500k,mode=0700,uid={},gid={}", user.uid, user.gid);
    let st = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &opts, "tmpfs"])
        .arg(&root)
        .status()
        .unwrap();
    assert!(st.success(), "mounting a tmpfs on {}", root.display());
    let _unmount = Unmount(root.clone());
    let reference = shared.reference("busybox:latest");
    let out = env
        .rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run();
    out.error125()
        .stderr_has(&reference)
        .stderr_has("No space left on device")
        .stderr_has("is full: free space there");
    assert_nothing_stored(&env, "bin/busybox");
    // Once there is room, the same store takes the pull.
    let st = std::process::Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&root)
        .status()
        .unwrap();
    assert!(st.success());
    pull(&env, shared, "busybox:latest");
    env.rpod(["run", "--rm", &reference, "true"])
        .run()
        .success();
}

#[test]
fn progress_bars_on_a_terminal_plain_lines_otherwise() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("busybox:latest");
    let line = env.rpod_line(&format!("pull --tls-verify=false {reference}"));
    let out = require!(crate::harness::Terminal::start(&env, &line)).finish();
    out.success();
    // A bar that redraws (cursor movements) with byte counts, then "done".
    assert!(out.stdout.contains("Copying blob"), "{out}");
    assert!(out.stdout.contains("\u{1b}["), "no terminal redraw\n{out}");
    let counts = regex::Regex::new(r"[0-9.]+ (B|KiB|MiB)/[0-9.]+ MiB \(").unwrap();
    assert!(counts.is_match(&out.stdout), "no byte counts\n{out}");
    assert!(out.stdout.contains("done"), "{out}");
    // Not a terminal: plain lines, no escape sequences.
    env.rpod(["rmi", "-a"]).run().success();
    let out = env.rpod(["pull", "--tls-verify=false", &reference]).run();
    out.success();
    assert!(out.stderr.contains("Copying blob"), "{out}");
    assert!(!out.stderr.contains('\u{1b}'), "{out}");
}

/// `pull --policy`: `never` fails without a local image and pulls
/// nothing; `missing` pulls once, then takes the local image (it prints
/// the ID, with no "Trying to pull" line); `newer` takes the local image
/// when the registry cannot be reached; a bad policy is rpod's error.
#[test]
fn pull_policy_missing_never_newer() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("busybox:latest");
    let id = config_id(shared, "busybox:latest");
    env.rpod(["pull", "--tls-verify=false", "--policy", "never"])
        .arg(&reference)
        .run()
        .error125();
    env.rpod(["images", "-q"]).run().success().stdout_is("");
    let out = env
        .rpod(["pull", "--tls-verify=false", "--policy", "missing"])
        .arg(&reference)
        .run();
    assert!(out.success().stderr.contains("Trying to pull"), "{out}");
    let out = env
        .rpod(["pull", "--tls-verify=false", "--policy", "missing"])
        .arg(&reference)
        .run();
    assert_eq!(out.success().out(), id, "{out}");
    assert!(!out.stderr.contains("Trying to pull"), "{out}");
    env.rpod(["pull", "--policy", "never"])
        .arg(&reference)
        .run()
        .success()
        .stdout_is(&id);
    // The image under a name whose registry is not there.
    let addr = format!("127.0.0.1:{}", free_port());
    let gone = format!("{addr}/busybox:latest");
    env.rpod(["tag", &reference, &gone]).run().success();
    env.rpod(["pull", "--retry", "0", "--policy", "newer", &gone])
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["pull", "--retry", "0", "--policy", "always", &gone])
        .run()
        .error125();
    env.rpod(["pull", "--policy", "sometimes", &reference])
        .run()
        .error125()
        .stderr_has("--policy");
}
