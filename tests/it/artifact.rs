//! `rpod artifact` end to end as the test user: add, ls, inspect, push to
//! the real registry, rm, pull back, extract gives the same bytes; append
//! and replace keep the store free of unreferenced blobs; and podman's
//! errors (a missing artifact, a name in use, a missing file, conflicting
//! flags) exit 125 with nothing written.

use std::path::{Path, PathBuf};

use crate::harness::{columns, is_hex, Env};
use crate::registry;

/// The files of the artifact store's blob directory.
fn blobs(env: &Env) -> Vec<String> {
    let dir = env.root().join("artifacts/blobs/sha256");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A directory the test user may write.
fn user_dir(env: &Env, name: &str) -> PathBuf {
    let dir = env.dir.join(name);
    env.cmd("mkdir").arg(&dir).run().success();
    dir
}

#[test]
fn added_artifacts_push_pull_back_and_extract_to_the_same_bytes() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let a = env.write_file(Path::new("a.txt"), "alpha\n");
    let b = env.write_file(Path::new("b.bin"), "\u{0}\u{1}beta");
    let name = format!("{}/art/files:1", shared.addr());

    let out = env
        .rpod(["artifact", "add", "--type", "application/x-test"])
        .args(["--annotation", "color=blue", &name])
        .arg(&a)
        .arg(&b)
        .run();
    out.success();
    let hex = out.out().to_string();
    assert!(is_hex(&hex, 64), "{out}");

    // ls: podman's columns, the digest cut to 12, the size of the files.
    let out = env.rpod(["artifact", "ls"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(
        columns(lines[0]),
        ["REPOSITORY", "TAG", "DIGEST", "CREATED", "SIZE"],
        "{out}"
    );
    let row = columns(lines[1]);
    assert_eq!(row[0], format!("{}/art/files", shared.addr()), "{out}");
    assert_eq!(row[1], "1");
    assert_eq!(row[2], &hex[..12]);
    assert_eq!(row[4], "12B");
    env.rpod(["artifact", "ls", "--noheading", "--no-trunc"])
        .args(["--format", "{{.Digest}} {{.VirtualSize}}"])
        .run()
        .success()
        .stdout_is(&format!("{hex} 12\n"));

    // inspect: podman's JSON, and templates over Go's field names.
    let out = env.rpod(["artifact", "inspect", &name]).run();
    let j = out.success().json();
    assert_eq!(j["Name"], name.as_str());
    assert_eq!(j["Digest"], format!("sha256:{hex}"));
    let m = &j["Manifest"];
    assert_eq!(m["artifactType"], "application/x-test");
    assert_eq!(
        m["config"]["mediaType"],
        "application/vnd.oci.empty.v1+json"
    );
    assert_eq!(m["annotations"]["color"], "blue");
    let created = m["annotations"]["org.opencontainers.image.created"]
        .as_str()
        .unwrap_or_default();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{out}"
    );
    let layers = m["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[0]["mediaType"], "text/plain; charset=utf-8");
    assert_eq!(
        layers[0]["annotations"]["org.opencontainers.image.title"],
        "a.txt"
    );
    assert_eq!(layers[0]["annotations"]["color"], "blue");
    assert_eq!(layers[1]["mediaType"], "application/octet-stream");
    assert_eq!(layers[1]["size"], 6);
    env.rpod(["artifact", "inspect", "--format"])
        .arg("{{len .Manifest.Layers}} {{.Manifest.ArtifactType}} {{(index .Manifest.Layers 1).Size}}")
        .arg(&name)
        .run()
        .success()
        .stdout_is("2 application/x-test 6\n");

    // `inspect` finds it by type, and as the last kind of object it tries.
    for args in [&["inspect", "--type", "artifact"][..], &["inspect"][..]] {
        env.rpod(args.iter().copied())
            .args(["--format", "{{.Name}} {{len .Manifest.Layers}}", &name])
            .run()
            .success()
            .stdout_is(&format!("{name} 2\n"));
    }
    let j = env
        .rpod(["inspect", "--type", "artifact", &name])
        .run()
        .success()
        .json();
    assert_eq!(j[0]["Digest"], format!("sha256:{hex}"));

    // Pushed, removed, pulled back: the same manifest digest.
    let out = env
        .rpod(["artifact", "push", "--tls-verify=false", &name])
        .run();
    out.success();
    out.stderr_has("Writing manifest to image destination");
    env.rpod(["artifact", "rm", &name])
        .run()
        .success()
        .stdout_is(&format!("{hex}\n"));
    assert!(blobs(&env).is_empty(), "{:?}", blobs(&env));
    env.rpod(["artifact", "ls", "--noheading"])
        .run()
        .success()
        .stdout_is("");
    // podman's artifact pull reports on stdout.
    env.rpod(["artifact", "pull", "--tls-verify=false", &name])
        .run()
        .success()
        .stdout_has("Copying blob ")
        .stdout_has("Writing manifest to image destination");
    env.rpod(["artifact", "inspect", "--format", "{{.Digest}}", &name])
        .run()
        .success()
        .stdout_is(&format!("sha256:{hex}\n"));

    // extract: all files into a directory, one by title (or the only one) to a file.
    let dir = user_dir(&env, "out");
    env.rpod(["artifact", "extract", &name])
        .arg(&dir)
        .run()
        .success();
    assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"alpha\n");
    assert_eq!(std::fs::read(dir.join("b.bin")).unwrap(), b"\x00\x01beta");
    let file = user_dir(&env, "single").join("picked");
    env.rpod(["artifact", "extract", "--title", "b.bin", &name])
        .arg(&file)
        .run()
        .success();
    assert_eq!(std::fs::read(&file).unwrap(), b"\x00\x01beta");
    let digest = layers[0]["digest"].as_str().unwrap();
    let by_digest = dir.join("by-digest");
    env.cmd("mkdir").arg(&by_digest).run().success();
    env.rpod(["artifact", "extract", "--digest", digest, &name])
        .arg(&by_digest)
        .run()
        .success();
    assert_eq!(
        std::fs::read(by_digest.join(digest.replace(':', "-"))).unwrap(),
        b"alpha\n"
    );
    env.rpod(["artifact", "extract", &name])
        .arg(dir.join("one-file"))
        .run()
        .error125()
        .stderr_has("consists of several blobs");
    env.rpod(["artifact", "extract", "--title", "nope", &name])
        .arg(&dir)
        .run()
        .error125()
        .stderr_has("no blob with the title \"nope\"");

    // rm --all by digest prints each one removed.
    env.rpod(["artifact", "rm", "--all"])
        .run()
        .success()
        .stdout_is(&format!("{hex}\n"));
    assert!(blobs(&env).is_empty(), "{:?}", blobs(&env));
}

#[test]
fn append_and_replace_keep_the_creation_time_and_no_stray_blobs() {
    let env = require!(Env::rootless());
    let a = env.write_file(Path::new("a.txt"), "one\n");
    let b = env.write_file(Path::new("b.txt"), "two\n");
    let name = "localhost/test/appended";
    let first = env.rpod(["artifact", "add", name]).arg(&a).run();
    first.success();
    let fmt = r#"{{index .Manifest.Annotations "org.opencontainers.image.created"}} {{len .Manifest.Layers}}"#;
    let before = env
        .rpod(["artifact", "inspect", "--format", fmt, name])
        .run()
        .success()
        .out()
        .to_string();
    assert!(before.ends_with(" 1"), "{before}");
    let second = env.rpod(["artifact", "add", "-a", name]).arg(&b).run();
    second.success();
    assert_ne!(first.out(), second.out());
    let after = env
        .rpod(["artifact", "inspect", "--format", fmt, name])
        .run()
        .success()
        .out()
        .to_string();
    let created = before.trim_end_matches(" 1");
    assert_eq!(after, format!("{created} 2"));
    // The first manifest went when the name moved: manifest, config, two files.
    assert_eq!(blobs(&env).len(), 4, "{:?}", blobs(&env));
    env.rpod(["artifact", "add", "--append", name])
        .arg(&b)
        .run()
        .error125()
        .stderr_is("Error: b.txt: file already exists in artifact\n");
    // --replace: a new artifact of one file; a.txt's blob is gone.
    let third = env
        .rpod(["artifact", "add", "--replace", name])
        .arg(&b)
        .run();
    third.success();
    env.rpod([
        "artifact",
        "inspect",
        "--format",
        "{{len .Manifest.Layers}}",
        name,
    ])
    .run()
    .success()
    .stdout_is("1\n");
    assert_eq!(blobs(&env).len(), 3, "{:?}", blobs(&env));
    // By digest prefix.
    env.rpod(["artifact", "rm", &third.out()[..10]])
        .run()
        .success()
        .stdout_is(&format!("{}\n", third.out()));
    assert!(blobs(&env).is_empty(), "{:?}", blobs(&env));
}

#[test]
fn artifact_errors_follow_podman_and_write_nothing() {
    let env = require!(Env::rootless());
    let a = env.write_file(Path::new("a.txt"), "one\n");
    env.rpod(["artifact", "inspect", "nosuch"])
        .run()
        .error125()
        .stderr_is("Error: nosuch: artifact does not exist\n");
    env.rpod(["artifact", "rm", "nosuch"])
        .run()
        .error125()
        .stderr_has("nosuch: artifact does not exist");
    env.rpod(["artifact", "rm", "--ignore", "nosuch"])
        .run()
        .success()
        .stdout_is("");
    env.rpod(["artifact", "extract", "nosuch"])
        .arg(&env.dir)
        .run()
        .error125()
        .stderr_has("nosuch: artifact does not exist");
    env.rpod([
        "artifact",
        "push",
        "--tls-verify=false",
        "127.0.0.1:1/nosuch",
    ])
    .run()
    .error125()
    .stderr_has("artifact does not exist");
    // A registry that is not there: retried as --retry says, then 125.
    let out = env
        .rpod(["artifact", "pull", "--retry", "1", "--retry-delay", "10ms"])
        .arg("127.0.0.1:1/nosuch/art:1")
        .run();
    out.error125().stderr_has("retrying in 10ms ... (1/1)");
    assert_eq!(out.stderr.matches("retrying").count(), 1, "{out}");
    // A missing file: nothing stored.
    env.rpod(["artifact", "add", "localhost/x"])
        .arg(&a)
        .arg(env.dir.join("missing.txt"))
        .run()
        .error125()
        .stderr_has("missing.txt: No such file or directory");
    env.rpod(["artifact", "ls", "--noheading"])
        .run()
        .success()
        .stdout_is("");
    assert!(blobs(&env).is_empty(), "{:?}", blobs(&env));
    // A name in use.
    env.rpod(["artifact", "add", "localhost/x"])
        .arg(&a)
        .run()
        .success();
    env.rpod(["artifact", "add", "localhost/x"])
        .arg(&a)
        .run()
        .error125()
        .stderr_is("Error: localhost/x: artifact already exists\n");
    // Flags podman refuses together.
    env.rpod(["artifact", "add", "--append", "--replace", "localhost/x"])
        .arg(&a)
        .run()
        .error125()
        .stderr_has("--append and --replace options cannot be used together");
    env.rpod([
        "artifact",
        "add",
        "--append",
        "--type",
        "t/x",
        "localhost/x",
    ])
    .arg(&a)
    .run()
    .error125()
    .stderr_has("append option is not compatible with type option");
    env.rpod(["artifact", "rm", "--all", "localhost/x"])
        .run()
        .error125()
        .stderr_has("when using the --all switch, you may not pass any artifact names or digests");
    env.rpod(["artifact", "rm"])
        .run()
        .error125()
        .stderr_has("at least one artifact name or digest must be specified");
    env.rpod([
        "artifact",
        "extract",
        "--digest",
        "x",
        "--title",
        "y",
        "localhost/x",
    ])
    .arg(&env.dir)
    .run()
    .error125()
    .stderr_has("cannot specify both digest and title");
}

#[test]
fn artifact_push_and_pull_use_credentials() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let a = env.write_file(Path::new("a.txt"), "secret stuff\n");
    let name = format!("{}/authed/art:1", shared.addr());
    env.rpod(["artifact", "add", &name]).arg(&a).run().success();
    env.rpod(["artifact", "push", "--tls-verify=false", &name])
        .run()
        .error125()
        .stderr_has("authentication required");
    env.rpod(["artifact", "push", "-q", "--tls-verify=false"])
        .args(["--creds", "alice:secret", &name])
        .run()
        .success()
        .stderr_is("");
    let other = require!(Env::rootless());
    other
        .rpod(["artifact", "pull", "--tls-verify=false", &name])
        .run()
        .error125()
        .stderr_has("authentication required");
    other
        .rpod(["artifact", "pull", "-q", "--tls-verify=false"])
        .args(["--creds", "alice:secret", &name])
        .run()
        .success();
    let dir = user_dir(&other, "out");
    other
        .rpod(["artifact", "extract", &name])
        .arg(&dir)
        .run()
        .success();
    assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"secret stuff\n");
}

#[test]
fn artifact_mounts_bind_the_files_read_only_where_podman_puts_them() {
    let (env, image) = require!(crate::pull::busybox_env());
    let a = env.write_file(Path::new("a.txt"), "alpha\n");
    let b = env.write_file(Path::new("b.txt"), "beta\n");
    env.rpod(["artifact", "add", "localhost/multi"])
        .arg(&a)
        .arg(&b)
        .run()
        .success();
    env.rpod(["artifact", "add", "localhost/single"])
        .arg(&a)
        .run()
        .success();
    // Several files: under the destination directory, by title.
    let out = env
        .rpod(["run", "--rm", "--mount"])
        .arg("type=artifact,source=localhost/multi,destination=/data")
        .args([
            &image,
            "sh",
            "-c",
            "cat /data/a.txt /data/b.txt; echo x > /data/a.txt || echo refused",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "alpha\nbeta\nrefused", "{out}");
    // One file on a path the image lacks: the path is the file.
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=artifact,src=localhost/single,dst=/etc/app.conf")
        .args([&image, "cat", "/etc/app.conf"])
        .run()
        .success()
        .stdout_is("alpha\n");
    // title= picks one; name= renames it under an existing directory.
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=artifact,src=localhost/multi,dst=/tmp,title=b.txt,name=picked")
        .args([&image, "cat", "/tmp/picked"])
        .run()
        .success()
        .stdout_is("beta\n");
    // Several files onto a file of the image: podman's error.
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=artifact,src=localhost/multi,dst=/etc/passwd")
        .args([&image, "true"])
        .run()
        .error125()
        .stderr_has("contains more than one blob and container path \"/etc/passwd\" is a file");
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=artifact,src=localhost/nosuch,dst=/data")
        .args([&image, "true"])
        .run()
        .error125()
        .stderr_has("localhost/nosuch: artifact does not exist");
}

#[test]
fn concurrent_adds_all_land_in_the_index() {
    let env = require!(Env::rootless());
    let files: Vec<PathBuf> = (0..6)
        .map(|i| env.write_file(Path::new(&format!("f{i}.txt")), &format!("file {i}\n")))
        .collect();
    let children: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            env.rpod(["artifact", "add", &format!("localhost/c{i}")])
                .arg(f)
                .spawn()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = env
        .rpod(["artifact", "ls", "--format", "{{.Repository}}"])
        .run();
    out.success();
    let mut names: Vec<&str> = out.lines();
    names.sort_unstable();
    let want: Vec<String> = (0..6).map(|i| format!("localhost/c{i}")).collect();
    assert_eq!(names, want, "{out}");
    // Six files, one shared config, six manifests: nothing more, nothing torn.
    assert_eq!(blobs(&env).len(), 13, "{:?}", blobs(&env));
    // `system reset` removes them with the rest of the store, as podman's.
    env.rpod(["system", "reset", "--force"]).run().success();
    assert!(!env.root().join("artifacts").exists());
    env.rpod(["artifact", "ls", "--noheading"])
        .run()
        .success()
        .stdout_is("");
}

#[test]
fn a_directory_among_the_files_stores_nothing() {
    let env = require!(Env::rootless());
    let a = env.write_file(Path::new("fresh.txt"), "never stored\n");
    let dir = user_dir(&env, "adir");
    env.rpod(["artifact", "add", "localhost/d"])
        .arg(&a)
        .arg(&dir)
        .run()
        .error125()
        .stderr_has("Is a directory");
    assert!(blobs(&env).is_empty(), "{:?}", blobs(&env));
}
