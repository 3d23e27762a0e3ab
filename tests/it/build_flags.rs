//! `rpod build`'s podman flags beyond the basics (issue 17): additional
//! build contexts, `--output`, reproducible timestamps, history, labels and
//! annotations, RUN steps' hosts, proxy, namespaces and devices, stage
//! selection, `--from`, `--stdin`, `--cache-ttl`, cpp, and the flags rpod
//! refuses with what to do instead.

use crate::harness::{host_stat, Env};
use crate::pull::busybox_env as setup;

fn write(env: &Env, dir: &std::path::Path, files: &[(&str, &str)]) {
    for (name, content) in files {
        env.write_file(&dir.join(name), content);
    }
}

fn image_id(env: &Env, name: &str) -> String {
    let out = env
        .rpod(["image", "inspect", "--format", "{{.Id}}", name])
        .run();
    out.success().out().to_string()
}

fn label(env: &Env, image: &str, key: &str) -> String {
    let v = env.inspect(image);
    v["Labels"][key].as_str().unwrap_or("<none>").to_string()
}

fn annotation(env: &Env, image: &str, key: &str) -> String {
    let v = env.inspect(image);
    v["Annotations"][key]
        .as_str()
        .unwrap_or("<none>")
        .to_string()
}

#[test]
fn build_contexts_from_directories_and_images_and_outputs() {
    let (env, image) = require!(setup());
    let base = env.root().parent().unwrap().to_path_buf();
    let ctx = base.join("bc-ctx");
    let extra = base.join("bc-extra");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            "FROM base\n\
             COPY --from=extra data.txt /from-extra.txt\n\
             RUN --mount=type=bind,from=extra,target=/x cat /x/data.txt > /mounted.txt\n\
             COPY --from=tools /bin/busybox /copied-busybox\n",
        )],
    );
    write(
        &env,
        &extra,
        &[
            ("data.txt", "first\n"),
            (".containerignore", "secret.txt\n"),
            ("secret.txt", "hidden\n"),
        ],
    );
    let extra_arg = format!("extra={}", extra.display());
    let base_arg = format!("base=container-image://{image}");
    let tools_arg = format!("tools=docker-image://{image}");
    let build = |extra_args: &[&str]| {
        env.rpod([
            "build",
            "-t",
            "bc",
            "--build-context",
            &extra_arg,
            "--build-context",
            &base_arg,
            "--build-context",
            &tools_arg,
        ])
        .args(extra_args)
        .arg(&ctx)
        .run()
    };
    build(&[]).success();
    let cat = || {
        env.rpod(["run", "--rm", "bc", "sh", "-c"])
            .arg("cat /from-extra.txt /mounted.txt; test -x /copied-busybox && echo busybox-copied")
            .run()
    };
    assert_eq!(
        cat().success().lines(),
        ["first", "first", "busybox-copied"]
    );
    // The context's files are in the cache key by content.
    env.write_file(&extra.join("data.txt"), "second\n");
    build(&[]).success();
    assert_eq!(
        cat().success().lines(),
        ["second", "second", "busybox-copied"]
    );
    // Its own ignore file applies.
    env.write_file(
        &ctx.join("Dockerfile"),
        "FROM base\nCOPY --from=extra secret.txt /s\n",
    );
    build(&[]).error125().stderr_has("secret.txt");

    // --output: the image's files as a directory, a tar file, a tar on stdout.
    env.write_file(
        &ctx.join("Dockerfile"),
        "FROM scratch\nCOPY --from=extra data.txt /out/data.txt\n",
    );
    let dest = base.join("bc-out");
    let tar = base.join("bc-out.tar");
    let local = format!("type=local,dest={}", dest.display());
    let tarred = format!("type=tar,dest={}", tar.display());
    build(&["-o", &local, "--output", &tarred]).success();
    assert_eq!(
        std::fs::read_to_string(dest.join("out/data.txt")).unwrap(),
        "second\n"
    );
    // Rootless, the user owns what the build wrote out (podman's rule).
    if env.rootless_mode() {
        assert_eq!(
            host_stat("%U", &dest.join("out/data.txt")),
            host_stat("%U", &extra.join("data.txt"))
        );
    }
    let listing = env.cmd("tar").arg("-tf").arg(&tar).run();
    assert!(
        listing
            .success()
            .lines()
            .iter()
            .any(|l| l.trim_end_matches('/') == "out/data.txt"),
        "{listing}"
    );
    let out = build(&["-o", "-"]);
    out.success();
    assert!(
        out.stdout.contains("out/data.txt") && out.stdout.contains("ustar"),
        "{out}"
    );
    assert!(
        !out.stdout.contains("STEP 1/"),
        "progress went to the tar: {out}"
    );

    // Bad input: a directory as FROM, a form without '=', an unknown output.
    env.write_file(&ctx.join("Dockerfile"), "FROM extra\nRUN true\n");
    build(&[])
        .error125()
        .stderr_has("--build-context extra=container-image://IMAGE");
    env.rpod(["build", "--build-context", "nothing"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--build-context nothing");
    env.rpod(["build", "--build-context", "u=http://127.0.0.1:9/x.tar"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--build-context u=http://127.0.0.1:9/x.tar: downloading");

    // An http:// context: a tar archive, downloaded and unpacked.
    let web = base.join("bc-web");
    write(&env, &web, &[("served.txt", "from-the-web\n")]);
    let archive = base.join("bc-web.tar.gz");
    env.cmd("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(&web)
        .arg(".")
        .run()
        .success();
    let bytes = std::fs::read(&archive).unwrap();
    let port = crate::harness::port();
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = conn.read(&mut buf);
        let head = format!(
            "HTTP/1.0 200 OK\r\nContent-Length: {}\r\nContent-Type: application/gzip\r\n\r\n",
            bytes.len()
        );
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(&bytes).unwrap();
    });
    env.write_file(
        &ctx.join("Dockerfile"),
        "FROM base\nCOPY --from=web served.txt /web.txt\n",
    );
    let web_arg = format!("web=http://127.0.0.1:{port}/ctx.tar.gz");
    env.rpod(["build", "-q", "-t", "bc-web", "--build-context", &web_arg])
        .args(["--build-context", &base_arg])
        .arg(&ctx)
        .run()
        .success();
    server.join().unwrap();
    let left: Vec<_> = std::fs::read_dir(env.root().join("tmp"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("build-"))
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "the downloaded context stays: {left:?}");
    env.rpod(["run", "--rm", "bc-web", "cat", "/web.txt"])
        .run()
        .success()
        .stdout_is("from-the-web");
    env.rpod(["build", "-o", "type=registry,dest=x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("type=registry");
}

#[test]
fn timestamps_make_builds_reproducible() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("ts-ctx");
    write(
        &env,
        &ctx,
        &[
            (
                "Dockerfile",
                &format!(
                    "FROM {image}\nARG SOURCE_DATE_EPOCH\nRUN echo hi > /f && echo ${{SOURCE_DATE_EPOCH:-none}} > /sde\nCOPY a.txt /a.txt\nLABEL x=y\n"
                ),
            ),
            ("a.txt", "a\n"),
        ],
    );
    let build = |tag: &str, extra: &[&str]| {
        env.rpod(["build", "-q", "--no-cache", "-t", tag])
            .args(extra)
            .arg(&ctx)
            .run()
            .success()
            .out()
            .to_string()
    };
    let a = build("ts-a", &["--timestamp", "0"]);
    let b = build("ts-b", &["--timestamp", "0"]);
    assert_eq!(a, b, "--timestamp: two builds, one image ID");
    let c = build("ts-c", &[]);
    assert_ne!(a, c);
    // A reproducible build gets no identity label unless asked.
    assert_eq!(label(&env, "ts-a", "io.buildah.version"), "<none>");
    assert_eq!(
        label(&env, "ts-c", "io.buildah.version"),
        env!("CARGO_PKG_VERSION")
    );
    let v = env.inspect("ts-a");
    assert!(
        v["Created"]
            .as_str()
            .unwrap()
            .starts_with("1970-01-01T00:00:00"),
        "{v:#}"
    );
    env.rpod(["run", "--rm", "ts-a", "stat", "-c", "%Y", "/a.txt", "/f"])
        .run()
        .success()
        .stdout_is("0\n0");

    // --source-date-epoch: the times of the image, not of its files, unless
    // --rewrite-timestamp clamps them; SOURCE_DATE_EPOCH as a build arg.
    let sde = ["--source-date-epoch", "1700000000", "--rewrite-timestamp"];
    let d = build("ts-d", &sde);
    let e = build("ts-e", &sde);
    assert_eq!(
        d, e,
        "--source-date-epoch --rewrite-timestamp: one image ID"
    );
    assert!(env.inspect("ts-d")["Created"]
        .as_str()
        .unwrap()
        .starts_with("2023-11-14T22:13:20"));
    env.rpod(["run", "--rm", "ts-d", "sh", "-c", "cat /sde; stat -c %Y /f"])
        .run()
        .success()
        .stdout_is("1700000000\n1700000000");
    // The environment variable is the flag's default.
    let f = env
        .rpod([
            "build",
            "-q",
            "--no-cache",
            "-t",
            "ts-f",
            "--rewrite-timestamp",
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg(&ctx)
        .run();
    assert_eq!(f.success().out(), d);
    env.rpod(["build", "--timestamp", "1", "--source-date-epoch", "2"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("conflict");

    // --omit-history: no history in the image.
    build("ts-nohist", &["--omit-history"]);
    let v = env.inspect("ts-nohist");
    assert!(
        v["History"].as_array().is_none_or(Vec::is_empty),
        "{:#}",
        v["History"]
    );
    assert!(!env.inspect("ts-c")["History"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn labels_and_annotations_inherited_unset_and_added() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("lbl-ctx");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nLABEL base.a=1 base.b=2\n"),
        )],
    );
    env.rpod([
        "build",
        "-q",
        "-t",
        "lbl-base",
        "--annotation",
        "base.note=kept",
    ])
    .arg(&ctx)
    .run()
    .success();
    assert_eq!(
        label(&env, "lbl-base", "io.buildah.version"),
        env!("CARGO_PKG_VERSION")
    );
    assert!(annotation(&env, "lbl-base", "org.opencontainers.image.created").starts_with("20"));
    let child = env.root().parent().unwrap().join("lbl-child");
    write(
        &env,
        &child,
        &[("Dockerfile", "FROM lbl-base\nLABEL child=3\n")],
    );
    let build = |tag: &str, extra: &[&str]| {
        env.rpod(["build", "-q", "-t", tag])
            .args(extra)
            .arg(&child)
            .run()
            .success();
    };
    build("lbl-1", &[]);
    assert_eq!(label(&env, "lbl-1", "base.a"), "1");
    assert_eq!(label(&env, "lbl-1", "child"), "3");
    assert_eq!(annotation(&env, "lbl-1", "base.note"), "kept");
    build(
        "lbl-2",
        &[
            "--unsetlabel",
            "base.a",
            "--unsetannotation",
            "base.note",
            "--identity-label=false",
        ],
    );
    assert_eq!(label(&env, "lbl-2", "base.a"), "<none>");
    assert_eq!(label(&env, "lbl-2", "base.b"), "2");
    // =false does not take the base's label away (podman's rule).
    assert_eq!(
        label(&env, "lbl-2", "io.buildah.version"),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(annotation(&env, "lbl-2", "base.note"), "<none>");
    build(
        "lbl-3",
        &[
            "--inherit-labels=false",
            "--inherit-annotations=false",
            "--created-annotation=false",
            "--layer-label",
            "stage=x",
        ],
    );
    assert_eq!(label(&env, "lbl-3", "base.b"), "<none>");
    assert_eq!(label(&env, "lbl-3", "child"), "3");
    let v = env.inspect("lbl-3");
    assert!(
        v["Annotations"].as_object().is_none_or(|a| a.is_empty()),
        "{:#}",
        v["Annotations"]
    );
    // The default build is still cached apart from --inherit-labels=false.
    build("lbl-4", &[]);
    assert_eq!(label(&env, "lbl-4", "base.a"), "1");
}

#[test]
fn run_steps_hosts_proxy_namespaces_devices_and_stdin() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("runf-ctx");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!(
                "FROM {image}\n\
                 RUN (cat /etc/hosts 2>/dev/null || echo no-hosts) > /hosts; \
                 (cat /etc/hostname 2>/dev/null || echo no-hostname) > /hostname; \
                 echo \"${{http_proxy:-unset}}\" > /proxy; hostname > /uts; \
                 grep ' /dev/shm ' /proc/mounts > /shm; \
                 (test -c /dev/mynull && echo device) > /dev-seen || true\n"
            ),
        )],
    );
    env.rpod([
        "build",
        "-q",
        "-t",
        "runf-1",
        "--add-host",
        "myhost.test:192.0.2.7",
        "--shm-size",
        "7m",
        "--device",
        "/dev/null:/dev/mynull",
        "--uts",
        "host",
        "--memory",
        "512m",
        "--cpu-shares",
        "512",
        "--ipc",
        "private",
        "--isolation",
        "chroot",
        "--rm=false",
        "--compress",
        "--disable-compression=false",
        "--disable-content-trust",
        "--cache-from",
        "localhost/cache",
        "--cache-to",
        "localhost/cache",
    ])
    .env("http_proxy", "http://proxy.test:3128")
    .arg(&ctx)
    .run()
    .success();
    let show = |img: &str| {
        env.rpod([
            "run",
            "--rm",
            img,
            "cat",
            "/hosts",
            "/hostname",
            "/proxy",
            "/uts",
            "/shm",
            "/dev-seen",
        ])
        .run()
        .success()
        .out()
        .to_string()
    };
    let text = show("runf-1");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert!(text.contains("192.0.2.7\tmyhost.test"), "{text}");
    assert!(text.contains("http://proxy.test:3128"), "{text}");
    assert!(text.lines().any(|l| l == host.trim()), "--uts host: {text}");
    assert!(text.contains("size=7168k"), "{text}");
    assert!(text.lines().any(|l| l == "device"), "{text}");
    // The proxy is the step's, not the image's.
    let env_out = env.rpod(["run", "--rm", "runf-1", "env"]).run();
    assert!(!env_out.success().out().contains("proxy.test"), "{env_out}");

    env.rpod([
        "build",
        "-q",
        "--no-cache",
        "-t",
        "runf-2",
        "--no-hosts",
        "--no-hostname",
        "--http-proxy=false",
    ])
    .env("http_proxy", "http://proxy.test:3128")
    .arg(&ctx)
    .run()
    .success();
    let text = show("runf-2");
    assert!(!text.contains("myhost.test"), "{text}");
    assert!(text.contains("no-hostname"), "{text}");
    assert!(text.lines().any(|l| l == "unset"), "{text}");

    env.rpod(["build", "--no-hosts", "--add-host", "a:192.0.2.1"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--no-hosts");
    env.rpod(["build", "--pid", "bogus"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--pid");

    // --stdin: RUN reads what the build was given; without it, nothing.
    let sctx = env.root().parent().unwrap().join("stdin-ctx");
    write(
        &env,
        &sctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN read line; echo \"got:$line\" > /got\n"),
        )],
    );
    let got = |extra: &[&str], tag: &str| {
        env.rpod(["build", "-q", "--no-cache", "-t", tag])
            .args(extra)
            .arg(&sctx)
            .stdin("typed\n")
            .run()
            .success();
        env.rpod(["run", "--rm", tag, "cat", "/got"])
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(got(&["--stdin"], "stdin-1"), "got:typed");
    assert_eq!(got(&[], "stdin-2"), "got:");
}

#[test]
fn stages_from_override_cache_ttl_cpp_and_refusals() {
    let (env, image) = require!(setup());
    let base = env.root().parent().unwrap().to_path_buf();
    let ctx = base.join("st-ctx");
    write(
        &env,
        &ctx,
        &[
            (
                "Dockerfile",
                &format!(
                    "FROM {image} AS unused\nRUN echo UNUSED-STAGE-RAN\nFROM scratch\nCOPY a.txt /a.txt\n"
                ),
            ),
            ("a.txt", "a\n"),
        ],
    );
    let out = env.rpod(["build", "-t", "st-1"]).arg(&ctx).run();
    assert!(!out.success().stdout.contains("UNUSED-STAGE-RAN"), "{out}");
    let out = env
        .rpod([
            "build",
            "--no-cache",
            "-t",
            "st-2",
            "--skip-unused-stages=false",
        ])
        .arg(&ctx)
        .run();
    assert!(out.success().stdout.contains("UNUSED-STAGE-RAN"), "{out}");
    // --from replaces the first FROM only: the last stage stays FROM scratch.
    env.write_file(&ctx.join("Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\n");
    env.rpod(["build", "-q", "-t", "st-from", "--from"])
        .arg(&image)
        .arg(&ctx)
        .run()
        .success();
    env.rpod(["run", "--rm", "st-from", "cat", "/a.txt"])
        .run()
        .success()
        .stdout_is("a");

    // --cache-ttl: a long one uses the cache, 0 does not.
    let hits = |extra: &[&str]| {
        let out = env
            .rpod(["build", "-t", "st-from", "--from"])
            .arg(&image)
            .args(extra)
            .arg(&ctx)
            .run();
        out.success()
            .stdout
            .lines()
            .filter(|l| l.starts_with("--> Using cache"))
            .count()
    };
    assert_eq!(hits(&["--cache-ttl", "1h"]), 1);
    assert_eq!(hits(&["--cache-ttl", "0"]), 0);
    assert_eq!(hits(&["--cache-ttl", "1ns"]), 0);
    env.rpod(["build", "--cache-ttl", "soon"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--cache-ttl soon");

    // A Containerfile.in goes through cpp (#include, --cpp-flag -D).
    if crate::harness::have("cpp") {
        let cctx = base.join("cpp-ctx");
        write(
            &env,
            &cctx,
            &[
                (
                    "Containerfile.in",
                    &format!("FROM {image}\n#include \"common.inc\"\nRUN echo GREETING > /greet\n"),
                ),
                ("common.inc", "RUN echo included > /inc\n"),
            ],
        );
        env.rpod([
            "build",
            "-q",
            "-t",
            "cpp",
            "--cpp-flag",
            "-DGREETING=hello",
            "-f",
        ])
        .arg(cctx.join("Containerfile.in"))
        .arg(&cctx)
        .run()
        .success();
        env.rpod(["run", "--rm", "cpp", "cat", "/inc", "/greet"])
            .run()
            .success()
            .stdout_is("included\nhello");
    }

    // --logsplit: the platform's log in LOGFILE_OS_ARCH.
    let log = base.join("st-build.log");
    env.rpod([
        "build",
        "--logsplit",
        "--platform",
        "linux/amd64",
        "--logfile",
    ])
    .arg(&log)
    .args(["--from", &image])
    .arg(&ctx)
    .run()
    .success();
    let split = base.join("st-build.log_linux_amd64");
    assert!(
        std::fs::read_to_string(&split)
            .unwrap()
            .contains("COPY a.txt"),
        "{}",
        split.display()
    );

    // --os-feature and --os-version go into the config.
    env.rpod([
        "build",
        "-q",
        "-t",
        "st-os",
        "--os-feature",
        "sse4",
        "--os-version",
        "10.0.1",
    ])
    .args(["--from", &image])
    .arg(&ctx)
    .run()
    .success();
    let id = image_id(&env, "st-os");
    let blob = env.root().join("blobs/sha256").join(&id);
    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(&blob).unwrap()).unwrap();
    assert_eq!(config["os.version"], "10.0.1", "{config:#}");
    assert_eq!(config["os.features"], serde_json::json!(["sse4"]));

    // --compat-volumes: RUN's changes under a VOLUME are undone.
    let vctx = base.join("vol-ctx");
    write(
        &env,
        &vctx,
        &[(
            "Dockerfile",
            &format!(
                "FROM {image}\nRUN mkdir -p /vol && echo keep > /vol/a\nVOLUME /vol\nRUN echo changed > /vol/a && echo new > /vol/b\nRUN cat /vol/a > /seen\n"
            ),
        )],
    );
    let vol = |extra: &[&str], tag: &str| {
        env.rpod(["build", "-q", "-t", tag])
            .args(extra)
            .arg(&vctx)
            .run()
            .success();
        env.rpod(["run", "--rm", "--entrypoint", "sh", tag, "-c"])
            .arg("cat /seen; ls /vol")
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(vol(&["--compat-volumes"], "vol-1"), "keep\na");
    assert_eq!(vol(&[], "vol-2"), "changed\na\nb");

    // What rpod cannot do: refused, naming the flag and what to do.
    for (args, says) in [
        (vec!["--manifest", "list"], "--manifest list"),
        (vec!["--all-platforms"], "--all-platforms"),
        (vec!["--sign-by", "ABCD"], "rpod image sign"),
        (vec!["--sbom", "syft"], "--sbom syft"),
        (vec!["--sbom-output", "x"], "--sbom-output"),
        (vec!["--userns-uid-map", "0:1:1"], "--userns-uid-map"),
        (vec!["--userns", "keep-id"], "--userns keep-id"),
        (vec!["--decryption-key", "k.pem"], "--decryption-key k.pem"),
        (vec!["--cw", "type=sev"], "--cw"),
        (vec!["--isolation", "vm"], "--isolation vm"),
        (vec!["--logsplit"], "--logsplit needs --logfile"),
    ] {
        env.rpod(["build"])
            .args(&args)
            .arg(&ctx)
            .run()
            .error125()
            .stderr_has(says);
    }
}
