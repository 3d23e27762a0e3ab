//! `rpod push` end to end as the test user against the real registry:
//! push then pull back into an empty store gives the same image, a second
//! push sends no layer, a blob in a sibling repository is mounted, basic
//! auth is asked for and used, and a committed image (a new layer) goes too.

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

/// "Copying blob ... done" lines: blobs actually sent.
fn sent(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("Copying blob") && l.ends_with(" done"))
        .count()
}

fn skipped(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.contains("skipped: already exists"))
        .count()
}

#[test]
fn pushed_images_pull_back_identical_and_a_second_push_sends_nothing() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    // A new layer on top, so that something must be uploaded.
    env.rpod(["run", "--name", "c", &shared.reference("busybox:latest")])
        .args(["sh", "-c", "echo pushed > /marker"])
        .run()
        .success();
    let out = env.rpod(["commit", "-q", "c", "committed:1"]).run();
    out.success();
    let committed = out.out().to_string();
    let dest = format!("{}/pushed/app:1", shared.addr());
    let digestfile = env.dir.join("digest");
    let out = env
        .rpod(["push", "--tls-verify=false", "--digestfile"])
        .arg(&digestfile)
        .args(["committed:1", &dest])
        .run();
    out.success();
    out.stderr_has("Writing manifest to image destination");
    let digest = std::fs::read_to_string(&digestfile).unwrap();
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest:?}"
    );
    // The base layer came from a sibling repository; the new one was sent.
    assert!(sent(&out.stderr) >= 1, "{out}");

    // Pulled back into an empty store: the same image, with the change.
    let other = require!(Env::rootless());
    let back = other
        .rpod(["pull", "-q", "--tls-verify=false", &dest])
        .run();
    back.success();
    assert_eq!(back.out(), committed, "{back}");
    let run = other.rpod(["run", "--rm", &dest, "cat", "/marker"]).run();
    run.success();
    assert_eq!(run.out(), "pushed", "{run}");
    let run = other
        .rpod(["image", "inspect", "--format", "{{.Digest}}", &dest])
        .run();
    run.success();
    assert_eq!(run.out(), digest, "{run}");

    // Again: every blob is there already.
    let again = env
        .rpod(["push", "--tls-verify=false", "committed:1", &dest])
        .run();
    again.success();
    assert_eq!(
        sent(&again.stderr),
        0,
        "a second push sent a layer\n{again}"
    );
    assert!(skipped(&again.stderr) >= 2, "{again}");

    // The pulled image into another repository: its layer is mounted
    // from the one it was pulled from, never sent.
    let mounted = env
        .rpod(["push", "--tls-verify=false"])
        .arg(shared.reference("busybox:latest"))
        .arg(format!("{}/elsewhere/bb:1", shared.addr()))
        .run();
    mounted.success();
    assert_eq!(sent(&mounted.stderr), 0, "{mounted}");
    assert!(skipped(&mounted.stderr) >= 1, "{mounted}");
    let back = other
        .rpod(["pull", "-q", "--tls-verify=false"])
        .arg(format!("{}/elsewhere/bb:1", shared.addr()))
        .run();
    back.success();
    assert_eq!(back.out(), id, "{back}");
}

#[test]
fn push_formats_and_compression() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    for (flags, repo) in [
        (vec!["--format", "v2s2"], "fmt/v2s2"),
        (
            vec!["--format", "oci", "--compression-format", "zstd"],
            "fmt/zstd",
        ),
    ] {
        let dest = format!("{}/{repo}:1", shared.addr());
        env.rpod(["push", "-q", "--tls-verify=false"])
            .args(&flags)
            .args([&shared.reference("busybox:latest"), &dest])
            .run()
            .success();
        let other = require!(Env::rootless());
        let back = other
            .rpod(["pull", "-q", "--tls-verify=false", &dest])
            .run();
        back.success();
        assert_eq!(back.out(), id, "{repo}\n{back}");
        let t = other
            .rpod(["image", "inspect", "--format", "{{.ManifestType}}", &dest])
            .run();
        t.success();
        let want = if repo.ends_with("v2s2") {
            "application/vnd.docker.distribution.manifest.v2+json"
        } else {
            "application/vnd.oci.image.manifest.v1+json"
        };
        assert_eq!(t.out(), want, "{t}");
    }
}

#[test]
fn push_with_basic_auth_asks_for_a_login_then_works() {
    let shared = require!(registry::with_auth());
    let plain = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, plain, "busybox:latest");
    let dest = format!("{}/authed/bb:1", shared.addr());
    let out = env
        .rpod(["push", "--tls-verify=false"])
        .args([&plain.reference("busybox:latest"), &dest])
        .run();
    out.error125().stderr_has("rpod login");
    env.rpod([
        "push",
        "-q",
        "--tls-verify=false",
        "--creds",
        "alice:secret",
    ])
    .args([&plain.reference("busybox:latest"), &dest])
    .run()
    .success();
    let out = env
        .rpod(["push", "--tls-verify=false", "--creds", "alice:wrong"])
        .args([&plain.reference("busybox:latest"), &dest])
        .run();
    out.error125();
    // Bad input: an unknown image, a destination without a registry.
    env.rpod(["push", "nosuch:image", &dest])
        .run()
        .error125()
        .stderr_has("nosuch");
    env.rpod(["push", &plain.reference("busybox:latest"), "justaname"])
        .run()
        .error125()
        .stderr_has("registry");
}

#[test]
fn all_tags_of_a_repository_are_pushed() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    for tag in ["multi:1", "multi:2"] {
        env.rpod(["tag", &id, tag]).run().success();
    }
    let dest = format!("{}/alltags/multi", shared.addr());
    // A tag on the repository given is refused, as podman does.
    let out = env
        .rpod(["push", "--tls-verify=false", "--all-tags", "multi:1", &dest])
        .run();
    out.error125()
        .stderr_has("tag can't be used with --all-tags/-a");
    env.rpod(["push", "--tls-verify=false", "--all-tags", "multi", &dest])
        .run()
        .success();
    let other = require!(Env::rootless());
    for tag in ["1", "2"] {
        let back = other
            .rpod(["pull", "-q", "--tls-verify=false", &format!("{dest}:{tag}")])
            .run();
        back.success();
        assert_eq!(back.out(), id, "{back}");
    }
}

/// Whether the registry at `addr` has blob `digest` in `repo` (HEAD).
fn has_blob(addr: &str, repo: &str, digest: &str) -> bool {
    ureq::head(&format!("http://{addr}/v2/{repo}/blobs/{digest}"))
        .call()
        .is_ok()
}

#[test]
fn a_pulled_image_pushed_to_another_registry_keeps_its_digests() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    // An empty registry: nothing can be mounted or skipped, every layer is sent.
    let second = crate::registry::Registry::start(false).expect("a second registry");
    for name in ["whiteout:latest", "busybox:v2s2"] {
        let id = pull(&env, shared, name);
        let img = shared.fixture(name).host_image();
        let repo = format!("copy/{}", name.split(':').next().unwrap());
        let dest = format!("{}/{repo}:1", second.addr);
        let digestfile = env.dir.join("digest");
        let out = env
            .rpod(["push", "--tls-verify=false", "--digestfile"])
            .arg(&digestfile)
            .args([&shared.reference(name), &dest])
            .run();
        out.success();
        assert_eq!(sent(&out.stderr), img.layers.len(), "{name}\n{out}");
        // The very blobs the source registry has (kept from the pull, not
        // compressed again), so the manifest is the source's too.
        for l in &img.layers {
            assert!(
                has_blob(&second.addr, &repo, &l.blob.digest),
                "{name}: layer {} is not in the second registry\n{out}",
                l.blob.digest
            );
        }
        assert_eq!(
            std::fs::read_to_string(&digestfile).unwrap(),
            img.digest,
            "{name}: the pushed manifest differs from the source's"
        );
        let other = require!(Env::rootless());
        let back = other
            .rpod(["pull", "-q", "--tls-verify=false", &dest])
            .run();
        back.success();
        assert_eq!(back.out(), id, "{name}\n{back}");
    }
}

#[test]
fn a_built_image_with_a_large_layer_round_trips() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    // Several MiB, so that compression runs on several threads: random
    // bytes and text (compressible) in one layer.
    env.rpod(["run", "--name", "c", &shared.reference("busybox:latest")])
        .args([
            "sh",
            "-c",
            "head -c 3000000 /dev/urandom > /big && seq 1 600000 > /text && md5sum /big /text > /sums",
        ])
        .run()
        .success();
    let out = env.rpod(["commit", "-q", "c", "built:1"]).run();
    out.success();
    let built = out.out().to_string();
    let sums = env.rpod(["run", "--rm", "built:1", "cat", "/sums"]).run();
    sums.success();
    let second = crate::registry::Registry::start(false).expect("a second registry");
    let dest = format!("{}/built/app:1", second.addr);
    env.rpod(["push", "-q", "--tls-verify=false", "built:1", &dest])
        .run()
        .success();
    // Removed, then pulled back: the same image, the same files.
    env.rpod(["rm", "-f", "c"]).run().success();
    env.rpod(["rmi", "built:1"]).run().success();
    env.rpod(["image", "exists", &built]).run().code(1);
    let back = env.rpod(["pull", "-q", "--tls-verify=false", &dest]).run();
    back.success();
    assert_eq!(back.out(), built, "{back}");
    let check = env
        .rpod(["run", "--rm", &dest, "sh", "-c", "md5sum /big /text"])
        .run();
    check.success();
    assert_eq!(check.out(), sums.out(), "{check}");
}

#[test]
fn compression_levels_are_checked_and_used() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let source = shared.reference("busybox:latest");
    for (flags, range) in [
        (
            ["--compression-level", "10"],
            "gzip takes a level from 1 to 9",
        ),
        (
            ["--compression-level", "0"],
            "gzip takes a level from 1 to 9",
        ),
    ] {
        env.rpod(["push", "--tls-verify=false"])
            .args(flags)
            .args([&source, &format!("{}/level/bad:1", shared.addr())])
            .run()
            .error125()
            .stderr_has(range);
    }
    env.rpod(["push", "--tls-verify=false", "--compression-format", "zstd"])
        .args(["--compression-level", "21", &source])
        .arg(format!("{}/level/bad:1", shared.addr()))
        .run()
        .error125()
        .stderr_has("zstd takes a level from 1 to 20");
    // The gzip layer must become zstd: compressed here, at the level given.
    let dest = format!("{}/level/zstd:1", shared.addr());
    env.rpod([
        "push",
        "-q",
        "--tls-verify=false",
        "--compression-format",
        "zstd",
    ])
    .args(["--compression-level", "19", &source, &dest])
    .run()
    .success();
    let other = require!(Env::rootless());
    let back = other
        .rpod(["pull", "-q", "--tls-verify=false", &dest])
        .run();
    back.success();
    assert_eq!(back.out(), id, "{back}");
}

/// containers.conf's `engine.compression_format` and `compression_level`
/// are push's defaults (a flag still wins), and `push --help` shows them
/// as podman's does.
#[test]
fn containers_conf_compression_is_pushs_default() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:v2s2");
    let source = shared.reference("busybox:v2s2");
    let help = env.rpod(["push", "--help"]).run();
    help.success()
        .stdout_has("compression format to use (default \"gzip\")");
    assert!(
        !help.out().contains("compression level to use (default"),
        "{help}"
    );
    env.containers_conf(
        "[engine]\ncompression_format = \"zstd:chunked\"\ncompression_level = 21\n",
    );
    let help = env.rpod(["push", "--help"]).run();
    help.success()
        .stdout_has("compression format to use (default \"zstd:chunked\")")
        .stdout_has("compression level to use (default 21)");
    // The level is containers.conf's: out of zstd's range.
    let dest = format!("{}/conf/zstd:1", shared.addr());
    env.rpod(["push", "--tls-verify=false", &source, &dest])
        .run()
        .error125()
        .stderr_has("zstd takes a level from 1 to 20");
    env.containers_conf("[engine]\ncompression_format = \"zstd\"\ncompression_level = 3\n");
    env.rpod(["push", "-q", "--tls-verify=false", &source, &dest])
        .run()
        .success();
    // A flag wins over the file: gzip keeps the image's own v2s2 manifest.
    let kept = format!("{}/conf/gzip:1", shared.addr());
    env.rpod([
        "push",
        "-q",
        "--tls-verify=false",
        "--compression-format",
        "gzip",
    ])
    .args(["--compression-level", "9", &source, &kept])
    .run()
    .success();
    for (dest, want) in [
        (&dest, "application/vnd.oci.image.manifest.v1+json"),
        (
            &kept,
            "application/vnd.docker.distribution.manifest.v2+json",
        ),
    ] {
        let other = require!(Env::rootless());
        let back = other.rpod(["pull", "-q", "--tls-verify=false", dest]).run();
        back.success();
        assert_eq!(back.out(), id, "{back}");
        let t = other
            .rpod(["image", "inspect", "--format", "{{.ManifestType}}", dest])
            .run();
        assert_eq!(t.success().out(), want, "{dest}: {t}");
    }
}
