//! `rpod save`, `rpod load` and `rpod import` end to end as the test user:
//! round trips through every format, several images in one archive,
//! compressed input on stdin, damaged archives that store nothing, and
//! archives exchanged with podman.

use std::path::Path;

use crate::harness::{have, is_hex, prerequisite, Env};
use crate::pull::{config_id, pull};
use crate::registry::{self, Shared};

fn setup() -> Option<(Env, &'static Shared)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    Some((env, shared))
}

/// The image IDs in the store, sorted.
fn ids(env: &Env) -> Vec<String> {
    let out = env.rpod(["images", "-q", "--no-trunc"]).run();
    out.success();
    let mut v: Vec<String> = out
        .lines()
        .iter()
        .map(|l| l.trim_start_matches("sha256:").to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn tar_names(env: &Env, archive: &Path) -> Vec<String> {
    let out = env.cmd("tar").arg("-tf").arg(archive).run();
    out.success();
    out.lines().iter().map(|s| s.to_string()).collect()
}

#[test]
fn save_then_load_round_trips_in_every_format() {
    let (env, shared) = require!(setup());
    let id = pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    env.rpod(["tag", &name, "bb:saved"]).run().success();
    for (format, out_name) in [
        ("docker-archive", "d.tar"),
        ("oci-archive", "o.tar"),
        ("oci-dir", "odir"),
        ("docker-dir", "ddir"),
    ] {
        let path = env.dir.join(out_name);
        let out = env
            .rpod(["save", "-q", "--format", format, "-o"])
            .arg(&path)
            .arg("bb:saved")
            .run();
        out.success();
        if format == "docker-archive" {
            // Docker 25's layout: an OCI layout with Docker's files beside it.
            let names = tar_names(&env, &path);
            for want in ["manifest.json", "index.json", "oci-layout", "repositories"] {
                assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
            }
        }
        env.rpod(["rmi", "-a", "-f"]).run().success();
        assert!(ids(&env).is_empty());
        let out = env.rpod(["load", "-q", "-i"]).arg(&path).run();
        out.success();
        assert_eq!(ids(&env), vec![id.clone()], "{format}\n{out}");
        if format == "docker-dir" {
            // A `dir:` layout carries no name: podman prints the ID.
            out.stdout_is(&format!("Loaded image: sha256:{id}"));
            env.rpod(["tag", &id, "bb:saved"]).run().success();
        } else {
            out.stdout_is("Loaded image: localhost/bb:saved");
        }
        let out = env
            .rpod(["run", "--rm", "bb:saved", "sh", "-c", "echo ran"])
            .run();
        out.success();
        assert_eq!(out.out(), "ran", "{format}\n{out}");
        // Saving the loaded image again gives the same layer bytes (the
        // diff ids are checked as the archive is written).
        let again = env.dir.join(format!("again-{out_name}"));
        env.rpod(["save", "-q", "--format", format, "-o"])
            .arg(&again)
            .arg("bb:saved")
            .run()
            .success();
    }
    // Each save and load is in the events journal, as podman records them.
    let out = env
        .rpod(["events", "--stream=false", "--filter", "type=image"])
        .args(["--format", "{{.Status}} {{.ID}}"])
        .run();
    out.success();
    let lines = out.lines();
    for status in ["save", "loadfromarchive"] {
        let n = lines
            .iter()
            .filter(|l| **l == format!("{status} {id}"))
            .count();
        assert_eq!(n, 4 + usize::from(status == "save") * 4, "{status}:\n{out}");
    }
}

#[test]
fn several_images_in_one_archive_keep_their_names() {
    let (env, shared) = require!(setup());
    let a = pull(&env, shared, "busybox:latest");
    let b = pull(&env, shared, "whiteout:latest");
    let path = env.dir.join("two.tar");
    env.rpod(["save", "-q", "-m", "-o"])
        .arg(&path)
        .arg(shared.reference("busybox:latest"))
        .arg(shared.reference("whiteout:latest"))
        .run()
        .success();
    env.rpod(["rmi", "-a", "-f"]).run().success();
    let out = env.rpod(["load", "-i"]).arg(&path).run();
    out.success();
    let mut want = vec![a, b];
    want.sort();
    assert_eq!(ids(&env), want, "{out}");
    out.stdout_has(&format!(
        "Loaded image: {}",
        shared.reference("busybox:latest")
    ));
    out.stdout_has(&format!(
        "Loaded image: {}",
        shared.reference("whiteout:latest")
    ));
    // The whiteout fixture's files are as pulled.
    let run = env
        .rpod(["run", "--rm", &shared.reference("whiteout:latest")])
        .args(["sh", "-c", "ls /wh; stat -c %u:%g /home/user/owned"])
        .run();
    run.success();
    assert_eq!(run.lines(), ["kept", "opaque", "1000:1000"], "{run}");
    // Without -m the other arguments are more names for the first image.
    env.rpod(["save", "-q", "-o"])
        .arg(env.dir.join("names.tar"))
        .args([&shared.reference("busybox:latest"), "extra:name"])
        .run()
        .success();
    env.rpod(["rmi", "-a", "-f"]).run().success();
    let out = env
        .rpod(["load", "-q", "-i"])
        .arg(env.dir.join("names.tar"))
        .run();
    out.success();
    out.stdout_has("Loaded image: localhost/extra:name");
}

#[test]
fn compressed_archives_load_from_stdin() {
    let (env, shared) = require!(setup());
    let id = pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    for (format, compress) in [
        ("oci-archive", "gzip"),
        ("docker-archive", "zstd"),
        ("docker-archive", "bzip2"),
        ("oci-archive", "xz"),
    ] {
        // save to stdout, then load it compressed from stdin.
        let file = env.dir.join(format!("{format}.tar"));
        let save = format!(
            "{} > {}",
            env.rpod_line(&format!("save --format {format} {name}")),
            file.display()
        );
        env.cmd("sh").args(["-c", &save]).run().success();
        env.rpod(["rmi", "-a", "-f"]).run().success();
        let line = format!(
            "{compress} -c {} | {}",
            file.display(),
            env.rpod_line("load -q")
        );
        let out = env.cmd("sh").args(["-c", &line]).run();
        out.success();
        out.stdout_is(&format!("Loaded image: {name}"));
        assert_eq!(ids(&env), vec![id.clone()], "{format} {compress}\n{out}");
    }
    // save to a terminal is refused; so is an unknown format.
    env.rpod(["save", "--format", "nope", &name])
        .run()
        .code(125);
    env.rpod(["save", "--compress", "-o"])
        .arg(env.dir.join("x"))
        .arg(&name)
        .run()
        .error125()
        .stderr_has("docker-dir");
}

#[test]
fn a_damaged_or_truncated_archive_stores_nothing() {
    let (env, shared) = require!(setup());
    pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    let path = env.dir.join("good.tar");
    env.rpod(["save", "-q", "--format", "docker-archive", "-o"])
        .arg(&path)
        .arg(&name)
        .run()
        .success();
    let bytes = std::fs::read(&path).unwrap();
    env.rpod(["rmi", "-a", "-f"]).run().success();

    // Truncated in the middle of the layer.
    let cut = env.dir.join("cut.tar");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    env.chown_to_user(&cut);
    let out = env.rpod(["load", "-i"]).arg(&cut).run();
    out.error125();
    assert!(
        ids(&env).is_empty(),
        "a truncated archive stored an image\n{out}"
    );

    // One byte of a layer's content changed: its digest no longer matches.
    let layer_at = find_big_file(&bytes);
    let mut bad = bytes.clone();
    bad[layer_at] ^= 0x55;
    let damaged = env.dir.join("bad.tar");
    std::fs::write(&damaged, &bad).unwrap();
    env.chown_to_user(&damaged);
    let out = env.rpod(["load", "-i"]).arg(&damaged).run();
    out.error125().stderr_has("digest");
    assert!(
        ids(&env).is_empty(),
        "a damaged archive stored an image\n{out}"
    );

    // Not an archive at all.
    let junk = env.write_file(Path::new("junk.tar"), "not an archive\n");
    env.rpod(["load", "-i"])
        .arg(&junk)
        .run()
        .error125()
        .stderr_has("payload does not match any of the supported image formats");
    env.rpod(["load", "-i"])
        .arg(env.dir.join("missing.tar"))
        .run()
        .error125()
        .stderr_has("no such file or directory");
    // The good archive still loads (nothing half-written in the way).
    env.rpod(["load", "-q", "-i"]).arg(&path).run().success();
    assert_eq!(ids(&env).len(), 1);
}

/// The offset of a byte well inside the archive's largest member's data.
fn find_big_file(tar: &[u8]) -> usize {
    let mut best = (0usize, 0usize);
    let mut at = 0usize;
    while at + 512 <= tar.len() {
        let h = &tar[at..at + 512];
        if h.iter().all(|b| *b == 0) {
            break;
        }
        let size_field = std::str::from_utf8(&h[124..136])
            .unwrap_or("0")
            .trim_matches(|c: char| c == '\0' || c == ' ');
        let size = usize::from_str_radix(size_field, 8).unwrap_or(0);
        if size > best.1 {
            best = (at + 512, size);
        }
        at += 512 + size.div_ceil(512) * 512;
    }
    assert!(best.1 > 1024, "no large member in the archive");
    best.0 + best.1 / 2
}

#[test]
fn import_makes_a_one_layer_image_of_a_tarball() {
    let env = require!(Env::rootless());
    // A root file system: the fixtures' busybox layer.
    let rootfs = env.dir.join("rootfs.tar");
    std::fs::write(&rootfs, crate::fixtures::base_tar()).unwrap();
    env.chown_to_user(&rootfs);
    let out = env
        .rpod([
            "import",
            "-q",
            "--change",
            r#"CMD ["sh", "-c", "echo imported"]"#,
        ])
        .args(["--message", "from a test"])
        .arg(&rootfs)
        .arg("flat:1")
        .run();
    out.success();
    let id = out.out().trim_start_matches("sha256:").to_string();
    assert!(is_hex(&id, 64), "{out}");
    let run = env.rpod(["run", "--rm", "flat:1"]).run();
    run.success();
    assert_eq!(run.out(), "imported", "{run}");
    let inspect = env.inspect("flat:1");
    assert_eq!(inspect["RootFS"]["Layers"].as_array().unwrap().len(), 1);
    let hist = env
        .rpod(["history", "--format", "{{.Comment}}", "flat:1"])
        .run();
    hist.success().stdout_has("from a test");
    // Compressed on stdin.
    for (n, compress) in ["gzip", "bzip2", "xz"].iter().enumerate() {
        let tag = format!("flat:c{n}");
        let line = format!(
            "{compress} -c {} | {}",
            rootfs.display(),
            env.rpod_line(&format!("import -q - {tag}"))
        );
        let out = env.cmd("sh").args(["-c", &line]).run();
        out.success();
        env.rpod(["run", "--rm", &tag, "echo", "ok"])
            .run()
            .success()
            .stdout_is("ok");
    }
    env.rpod(["import", "-"])
        .stdin("not a tarball at all, just text that goes on")
        .run()
        .error125();
}

fn podman(env: &Env, args: &[&str]) -> crate::harness::Output {
    let mut c = env.cmd("podman");
    c.arg("--root")
        .arg(env.dir.join("podman-root"))
        .arg("--runroot")
        .arg(env.dir.join("podman-runroot"))
        .args(["--storage-driver", "overlay", "--runtime", "runc"])
        .args(args);
    c.run()
}

#[test]
#[ignore = "needs podman; run by hand with --ignored"]
fn archives_move_between_rpod_and_podman() {
    if !have("podman") {
        return prerequisite::<()>("podman missing").unwrap_or(());
    }
    let (env, shared) = require!(setup());
    let id = pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    for format in ["docker-archive", "oci-archive"] {
        let ours = env.dir.join(format!("rpod-{format}.tar"));
        env.rpod(["save", "-q", "--format", format, "-o"])
            .arg(&ours)
            .arg(&name)
            .run()
            .success();
        let out = podman(&env, &["load", "-q", "-i", ours.to_str().unwrap()]);
        out.success();
        let got = podman(&env, &["images", "-q", "--no-trunc"]);
        got.success().stdout_has(&id);
        podman(&env, &["run", "--rm", "--net", "none", &name, "echo", "ok"])
            .success()
            .stdout_is("ok");
        let theirs = env.dir.join(format!("podman-{format}.tar"));
        podman(
            &env,
            &[
                "save",
                "-q",
                "--format",
                format,
                "-o",
                theirs.to_str().unwrap(),
                &name,
            ],
        )
        .success();
        env.rpod(["rmi", "-a", "-f"]).run().success();
        let out = env.rpod(["load", "-q", "-i"]).arg(&theirs).run();
        out.success();
        assert_eq!(ids(&env), [config_id(shared, "busybox:latest")], "{out}");
        env.rpod(["run", "--rm", &name, "echo", "ok"])
            .run()
            .success()
            .stdout_is("ok");
        let _ = podman(&env, &["rmi", "-a", "-f"]);
    }
    let _ = podman(&env, &["system", "reset", "-f"]);
}
