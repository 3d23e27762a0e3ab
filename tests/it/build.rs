//! `rpod build`: the Node-app shape with an ignore file and a RUN
//! "install", the cache (a rebuild reuses every step and runs nothing;
//! touching one source file reuses every step before `COPY . .`), build
//! args, multi-stage builds with `--target` and `COPY --from` (of a RUN's
//! output too), standard input, RUN's forms, users, deletions, mounts and
//! networks, and failures (a failing RUN's code, nothing stored, nothing
//! left running).

use crate::harness::{is_hex, Env};
use crate::pull::busybox_env as setup;

fn write(env: &Env, dir: &std::path::Path, files: &[(&str, &str)]) {
    for (name, content) in files {
        env.write_file(&dir.join(name), content);
    }
}

fn cache_hits(out: &str) -> usize {
    out.lines()
        .filter(|l| l.starts_with("--> Using cache "))
        .count()
}

#[test]
fn node_app_shape_with_ignore_file_and_cache() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("app-ctx");
    let dockerfile = format!(
        "FROM {image}\nARG GREETING=hello\nENV APP_GREETING=$GREETING\nWORKDIR /app\nCOPY package*.json ./\nRUN echo INSTALLING && mkdir -p node_modules/dep && cp package.json node_modules/dep/ && echo done > node_modules/.installed\nCOPY . .\nEXPOSE 3000\nLABEL org.example.name=app\nCMD [\"sh\", \"-c\", \"echo $APP_GREETING; ls -a /app; ls /app/src; cat /app/node_modules/.installed\"]\n"
    );
    write(
        &env,
        &ctx,
        &[
            ("Dockerfile", &dockerfile),
            (".dockerignore", "node_modules\n*.log\n"),
            ("package.json", "{}\n"),
            ("package-lock.json", "{}\n"),
            ("src/index.js", "console.log(1)\n"),
            ("node_modules/dep/index.js", "x\n"),
            ("debug.log", "noise\n"),
        ],
    );
    let build = |extra: &[&str]| {
        let out = env.rpod(["build", "-t", "app"]).args(extra).arg(&ctx).run();
        out.success();
        out
    };
    let first = build(&[]);
    let text = first.out();
    assert!(
        text.starts_with(&format!("STEP 1/10: FROM {image}")),
        "{first}"
    );
    assert!(
        text.contains("STEP 7/10: COPY . .") && text.contains("\nCOMMIT app\n"),
        "{first}"
    );
    assert!(
        text.contains("Successfully tagged localhost/app:latest"),
        "{first}"
    );
    assert_eq!(cache_hits(text), 0, "{first}");
    // The RUN's output follows its step line, as podman prints it.
    assert!(
        text.contains("STEP 6/10: RUN echo INSTALLING && mkdir -p node_modules/dep && cp package.json node_modules/dep/ && echo done > node_modules/.installed\nINSTALLING\n"),
        "{first}"
    );
    let id = first.lines().last().unwrap().to_string();
    assert!(is_hex(&id, 64), "{first}");

    let out = env.rpod(["run", "--rm", "app"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines[0], "hello", "{out}");
    assert!(
        lines.contains(&"package.json") && lines.contains(&"index.js"),
        "{out}"
    );
    assert!(
        lines.contains(&"node_modules") && !lines.contains(&"debug.log"),
        "the RUN's node_modules is missing, or ignored files were copied\n{out}"
    );
    assert_eq!(*lines.last().unwrap(), "done", "{out}");
    // The context's node_modules (ignored) did not reach the image.
    let out = env
        .rpod(["run", "--rm", "app", "ls", "/app/node_modules/dep"])
        .run();
    assert_eq!(out.lines(), ["package.json"], "{out}");
    let i = env.inspect("app");
    assert_eq!(i["Config"]["WorkingDir"], serde_json::json!("/app"));
    assert!(i["Config"]["ExposedPorts"]["3000/tcp"].is_object(), "{i}");
    assert_eq!(
        i["Config"]["Labels"]["org.example.name"],
        serde_json::json!("app")
    );
    let hist = env
        .rpod(["history", "--no-trunc", "--format", "{{.CreatedBy}}", "app"])
        .run();
    assert!(
        hist.lines()[0].starts_with("/bin/sh -c #(nop) CMD"),
        "{hist}"
    );
    assert!(hist.out().contains("#(nop) COPY multi:"), "{hist}");

    // A rebuild reuses every step, runs nothing and gives the same image.
    let again = build(&[]);
    assert_eq!(cache_hits(again.out()), 9, "{again}");
    assert!(!again.out().contains("\nINSTALLING\n"), "{again}");
    assert_eq!(*again.lines().last().unwrap(), id);

    // A changed source reuses everything before `COPY . .`; a touched one changes nothing.
    let src = ctx.join("src/index.js");
    let f = std::fs::File::options().write(true).open(&src).unwrap();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000))
        .unwrap();
    drop(f);
    assert_eq!(
        cache_hits(build(&[]).out()),
        9,
        "touching a file is not a change"
    );
    env.write_file(&src, "console.log(2)\n");
    let changed = build(&[]);
    // Everything before `COPY . .`, the RUN "install" included, is reused.
    assert_eq!(cache_hits(changed.out()), 5, "{changed}");
    assert!(!changed.out().contains("\nINSTALLING\n"), "{changed}");
    assert_ne!(*changed.lines().last().unwrap(), id);

    // $BUILDAH_LAYERS=false turns the cache off, as podman; --layers wins.
    let out = env
        .rpod(["build", "-t", "app"])
        .env("BUILDAH_LAYERS", "false")
        .arg(&ctx)
        .run();
    out.success();
    assert_eq!(cache_hits(out.out()), 0, "{out}");
    let out = env
        .rpod(["build", "--layers=1", "-t", "app"])
        .env("BUILDAH_LAYERS", "false")
        .arg(&ctx)
        .run();
    assert_eq!(cache_hits(out.success().out()), 9, "{out}");

    // Build args, --no-cache, -q and --iidfile.
    let iid = ctx.join("iid");
    let out = env
        .rpod([
            "build",
            "-q",
            "--no-cache",
            "--build-arg",
            "GREETING=hi",
            "--iidfile",
        ])
        .arg(&iid)
        .args(["-t", "app2"])
        .arg(&ctx)
        .run();
    out.success();
    // -q: the ID alone (as docker; podman calls the RUN output buildah
    // still prints a bug, containers/podman#963).
    assert_eq!(out.lines().len(), 1, "{out}");
    assert!(is_hex(out.out(), 64), "{out}");
    assert_eq!(
        std::fs::read_to_string(&iid).unwrap(),
        format!("sha256:{}", out.out())
    );
    assert_eq!(env.rpod(["run", "--rm", "app2"]).run().lines()[0], "hi");
}

#[test]
fn multi_stage_target_from_and_stdin() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("ms-ctx");
    let dockerfile = format!(
        "FROM {image} AS base\nCOPY a.txt /a.txt\nFROM scratch AS out\nCOPY --from=base /a.txt /copied.txt\nFROM {image} AS unused\nCOPY missing /\nFROM {image}\nCOPY --from=out /copied.txt /final.txt\nCOPY <<EOF /heredoc.txt\nfrom a heredoc\nEOF\nCMD [\"cat\", \"/final.txt\", \"/heredoc.txt\"]\n"
    );
    write(
        &env,
        &ctx,
        &[("Containerfile", &dockerfile), ("a.txt", "stage content\n")],
    );
    let out = env
        .rpod(["build", "--target", "out", "-t", "only-out"])
        .arg(&ctx)
        .run();
    out.success();
    assert!(
        out.out()
            .contains("[2/2] STEP 2/2: COPY --from=base /a.txt /copied.txt"),
        "{out}"
    );
    assert_eq!(
        env.inspect("only-out")["RootFS"]["Layers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let out = env.rpod(["build", "-t", "final"]).arg(&ctx).run();
    out.success();
    assert!(
        !out.out().contains("COPY missing"),
        "the unused stage was built\n{out}"
    );
    let out = env.rpod(["run", "--rm", "final"]).run();
    assert_eq!(out.lines(), ["stage content", "from a heredoc"], "{out}");

    // The Dockerfile on standard input, with and without a context.
    let df = format!("FROM {image}\nENV FROM_STDIN=1\n");
    env.rpod(["build", "-t", "stdin1", "-"])
        .stdin(&df)
        .run()
        .success();
    env.rpod(["build", "-t", "stdin2", "-f", "-"])
        .arg(&ctx)
        .stdin(&df)
        .run()
        .success();
    let out = env
        .rpod(["run", "--rm", "stdin1", "sh", "-c", "echo $FROM_STDIN"])
        .run();
    assert_eq!(out.out(), "1");
}

#[test]
fn failing_run_and_bad_input() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("bad-ctx");
    // A failing RUN: its output, podman's message, its own exit code,
    // nothing stored, no container or scratch left.
    let images_before = env.rpod(["images", "-a", "-q"]).run().lines().len();
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN echo first > /f\nRUN echo out; echo err >&2; exit 3\n"),
        )],
    );
    let out = env.rpod(["build", "-t", "x"]).arg(&ctx).run();
    out.code(3).stdout_has("\nout\n").stderr_has("err\n").stderr_has(
        "Error: building at STEP \"RUN echo out; echo err >&2; exit 3\": while running runtime: exit status 3",
    );
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nRUN false\n"))],
    );
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .code(1)
        .stderr_has("Error: building at STEP \"RUN false\": while running runtime: exit status 1");
    env.rpod(["image", "exists", "x"]).run().code(1);
    assert_eq!(
        env.rpod(["images", "-a", "-q"]).run().lines().len(),
        images_before
    );
    assert!(env.rpod(["ps", "-a", "-q"]).run().out().is_empty());
    let tmp: Vec<_> = std::fs::read_dir(env.root().join("tmp"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(tmp.is_empty(), "scratch left behind: {tmp:?}");
    let left = env.leftovers();
    assert!(left.processes.is_empty(), "{left}");
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nCOPY nothere /x\n"))],
    );
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("building at STEP \"COPY nothere /x\"");
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nBOGUS x\n"))],
    );
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("line 2: unknown instruction: BOGUS");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nCOPY http://127.0.0.1:9/x /x\n"),
        )],
    );
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("source can't be a URL for COPY");
    std::fs::remove_file(ctx.join("Dockerfile")).unwrap();
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("no Containerfile or Dockerfile specified or found in context directory");
    write(&env, &ctx, &[("Dockerfile", &format!("FROM {image}\n"))]);
    env.rpod(["build", "--target", "nope", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("target stage \"nope\" could not be found");
}

#[test]
fn run_forms_users_deletions_and_workdir() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("run-ctx");
    let dockerfile = format!(
        "FROM {image}
ENV GREETING=hello
WORKDIR /work
RUN echo \"$GREETING from $(pwd)\" > /greeting && mkdir -p /stuff/sub && echo a > /stuff/a && echo b > /stuff/sub/b && echo x > /etc/gone-later
RUN [\"/bin/sh\", \"-c\", \"echo exec form > /exec.txt\"]
RUN rm /stuff/a && rm -rf /stuff/sub && mkdir /stuff/sub && echo c > /stuff/sub/c
RUN echo 'app:x:1234:1234::/home/app:/bin/sh' >> /etc/passwd && echo 'app:x:1234:' >> /etc/group && mkdir /home/app && chown app:app /home/app
USER app
RUN id -u > /home/app/uid && echo \"running as $(id -un)\"
USER root
RUN rm /etc/gone-later
RUN <<EOF
echo script heredoc > /heredoc1
EOF
RUN cat <<EOF > /heredoc2
$GREETING document
EOF
CMD [\"sh\", \"-c\", \"cat /greeting /exec.txt /home/app/uid /heredoc1 /heredoc2; ls /stuff; ls /stuff/sub; ls -n /home/app/uid; test -e /etc/gone-later && echo present || echo gone\"]
"
    );
    write(&env, &ctx, &[("Containerfile", &dockerfile)]);
    let out = env.rpod(["build", "-t", "runs"]).arg(&ctx).run();
    out.success();
    assert!(
        out.out().contains(
            "RUN id -u > /home/app/uid && echo \"running as $(id -un)\"\nrunning as app\n"
        ),
        "{out}"
    );
    let run = env.rpod(["run", "--rm", "runs"]).run();
    run.success();
    let lines = run.lines();
    assert_eq!(
        lines[..7],
        [
            "hello from /work",
            "exec form",
            "1234",
            "script heredoc",
            "hello document",
            "sub",
            "c",
        ],
        "{run}"
    );
    assert!(
        lines[7].contains(" 1234 ") && lines[7].contains("/home/app/uid"),
        "{run}"
    );
    assert_eq!(
        lines[8], "gone",
        "a file deleted by RUN is still there\n{run}"
    );
    // Each RUN is a layer; history shows its command as podman does.
    let hist = env
        .rpod([
            "history",
            "--no-trunc",
            "--format",
            "{{.CreatedBy}}",
            "runs",
        ])
        .run();
    assert!(
        hist.lines().contains(&"/bin/sh -c rm /etc/gone-later"),
        "{hist}"
    );
    assert!(env.rpod(["ps", "-a", "-q"]).run().out().is_empty());
    let left = env.leftovers();
    assert!(left.processes.is_empty(), "{left}");
}

#[test]
fn run_output_to_later_stage_mounts_and_networks() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("run-ms-ctx");
    let dockerfile = format!(
        "FROM {image} AS builder
RUN mkdir /out && echo built > /out/artifact
RUN --mount=type=bind,source=a.txt,target=/mnt/ctx/a.txt cat /mnt/ctx/a.txt > /out/from-bind
RUN --mount=type=cache,target=/cache echo run >> /cache/runs && wc -l < /cache/runs > /out/cache-runs
RUN --mount=type=tmpfs,target=/scratch echo t > /scratch/t && cat /scratch/t > /out/tmpfs
RUN --network=none ls /sys/class/net > /out/nets-none
FROM {image}
COPY --from=builder /out/ /out/
CMD [\"sh\", \"-c\", \"cat /out/artifact /out/from-bind /out/cache-runs /out/tmpfs /out/nets-none\"]
"
    );
    write(
        &env,
        &ctx,
        &[("Dockerfile", &dockerfile), ("a.txt", "from the context\n")],
    );
    env.rpod(["build", "-t", "ms"]).arg(&ctx).run().success();
    let run = env.rpod(["run", "--rm", "ms"]).run();
    assert_eq!(
        run.lines(),
        ["built", "from the context", "1", "t", "lo"],
        "{run}"
    );
    // The builder stage's mount points stay out of its layers.
    env.rpod(["build", "--target", "builder", "-t", "builder"])
        .arg(&ctx)
        .run()
        .success();
    env.rpod([
        "run",
        "--rm",
        "builder",
        "sh",
        "-c",
        "test ! -e /mnt/ctx && test ! -e /scratch && test ! -e /cache",
    ])
    .run()
    .success();
    // The cache mount outlives the build; a changed bound file reruns its step.
    env.write_file(&ctx.join("a.txt"), "changed\n");
    env.rpod(["build", "--no-cache", "-t", "ms"])
        .arg(&ctx)
        .run()
        .success();
    let run = env
        .rpod([
            "run",
            "--rm",
            "ms",
            "cat",
            "/out/from-bind",
            "/out/cache-runs",
        ])
        .run();
    assert_eq!(run.lines(), ["changed", "2"], "{run}");
    // The default network, and the host's, have more than the loopback interface.
    let df = format!(
        "FROM {image}\nRUN ls /sys/class/net | grep -v '^lo$'\nRUN --network=host ls /sys/class/net | grep -v '^lo$'\n"
    );
    env.rpod(["build", "-t", "net", "-"])
        .stdin(&df)
        .run()
        .success();
}

/// Processes whose command line is exactly `argv`.
fn processes_running(argv: &[&str]) -> usize {
    let want: Vec<u8> = argv
        .iter()
        .flat_map(|a| [a.as_bytes(), b"\0"].concat())
        .collect();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == want))
        .count()
}

#[test]
fn interrupted_build_leaves_nothing() {
    use crate::harness::{eventually, kill_group};
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("int-ctx");
    let tmp = env.root().join("tmp");
    let scratch = || {
        std::fs::read_dir(&tmp)
            .map(|d| d.flatten().count())
            .unwrap_or(0)
    };
    for (signal, sleep) in [("INT", "6061"), ("KILL", "6062")] {
        write(
            &env,
            &ctx,
            &[(
                "Dockerfile",
                &format!("FROM {image}\nRUN exec sleep {sleep}\n"),
            )],
        );
        let child = env.rpod(["build", "-t", "never"]).arg(&ctx).spawn();
        eventually("the RUN step runs", || {
            processes_running(&["sleep", sleep]) == 1
        });
        let pgid = child.id();
        if signal == "INT" {
            // ctrl-c reaches the whole foreground group.
            let _ = std::process::Command::new("kill")
                .args(["-s", "INT", "--", &format!("-{pgid}")])
                .status();
        } else {
            kill_group(pgid);
        }
        let out = child.wait_with_output().unwrap();
        assert!(!out.status.success());
        eventually("the step's process is gone", || {
            processes_running(&["sleep", sleep]) == 0
        });
        if signal == "INT" {
            assert_eq!(scratch(), 0, "an interrupted build removes its scratch");
        } else {
            // The killed rpod itself is gone (its scratch names its pid).
            eventually("the killed build is gone", || {
                std::fs::read_dir(&tmp)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .all(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let pid = name.split('-').nth(1).and_then(|p| p.parse().ok());
                        !pid.is_some_and(crate::harness::alive)
                    })
            });
        }
        env.rpod(["image", "exists", "never"]).run().code(1);
        assert!(env.rpod(["ps", "-a", "-q"]).run().out().is_empty());
    }
    // The killed build's scratch goes with the next build.
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nRUN true\n"))],
    );
    env.rpod(["build", "-t", "after"]).arg(&ctx).run().success();
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "the killed build's scratch was not reclaimed: {left:?}"
    );
}

#[test]
fn run_on_vfs_diffs_the_tree() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("vfs-ctx");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN mkdir /made && echo v > /made/f && echo x > /etc/gone\nRUN rm /etc/gone && echo again > /made/g\nCMD [\"sh\", \"-c\", \"cat /made/f /made/g; test -e /etc/gone && echo present || echo gone\"]\n"),
        )],
    );
    let vfs = ["--storage-driver", "vfs"];
    // The base image is pulled into this store again under vfs.
    env.rpod(vfs)
        .args(["build", "-t", "onvfs"])
        .arg(&ctx)
        .run()
        .success();
    let out = env.rpod(vfs).args(["run", "--rm", "onvfs"]).run();
    assert_eq!(out.lines(), ["v", "again", "gone"], "{out}");
    assert_eq!(
        env.inspect("onvfs")["RootFS"]["Layers"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// `--secret` reaches `RUN --mount=type=secret` (as a file and as a
/// variable) and never the image or the cache key; a missing required
/// secret fails naming it; `--ssh` binds an agent socket and sets
/// SSH_AUTH_SOCK; `-q` prints only the ID, and a failing step's output.
#[test]
fn secrets_ssh_agents_and_quiet() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("secret-ctx");
    let secret = env.root().parent().unwrap().join("token.txt");
    env.write_file(&secret, "s3cret");
    let dockerfile = format!(
        "FROM {image}\n\
         RUN --mount=type=secret,id=tok test \"$(cat /run/secrets/tok)\" = s3cret && stat -c %a /run/secrets/tok > /mode\n\
         RUN --mount=type=secret,id=tok,env=TOK,target=/etc/tok test \"$TOK\" = s3cret && test -f /etc/tok && echo checked > /checked\n\
         RUN --mount=type=secret,id=absent echo optional secrets are left out\n"
    );
    write(&env, &ctx, &[("Dockerfile", &dockerfile)]);
    let src = format!("id=tok,src={}", secret.display());
    let out = env
        .rpod(["build", "-t", "sec", "--secret", &src])
        .arg(&ctx)
        .run();
    out.success();
    let out = env
        .rpod(["run", "--rm", "sec", "sh", "-c"])
        .arg("cat /mode /checked; test ! -e /run/secrets/tok && test ! -s /etc/tok && echo gone")
        .run();
    assert_eq!(out.success().lines(), ["400", "checked", "gone"], "{out}");
    // Another value of the secret: the steps come from the cache.
    env.write_file(&secret, "other");
    let again = env
        .rpod(["build", "-t", "sec", "--secret", &src])
        .arg(&ctx)
        .run();
    again.success();
    assert_eq!(cache_hits(&again.stdout), 3, "{again}");

    let strict = env.root().parent().unwrap().join("strict-ctx");
    write(
        &env,
        &strict,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN --mount=type=secret,id=npmrc,required=true true\n"),
        )],
    );
    env.rpod(["build", &strict.to_string_lossy()])
        .run()
        .error125()
        .stderr_has("secret \"npmrc\" is required but was not given: pass it with --secret id=npmrc,src=FILE");
    env.rpod(["build", "--secret", "id=x,src=/nonexistent/file"])
        .arg(&strict)
        .run()
        .error125()
        .stderr_has("--secret x: reading /nonexistent/file");

    // An agent socket, bound where SSH_AUTH_SOCK says.
    let sock = env.root().parent().unwrap().join("agent.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    env.chown_to_user(&sock);
    let ssh_ctx = env.root().parent().unwrap().join("ssh-ctx");
    write(
        &env,
        &ssh_ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" && echo $SSH_AUTH_SOCK > /agent\n"),
        )],
    );
    env.rpod(["build", "-t", "ssh", "--ssh"])
        .arg(format!("default={}", sock.display()))
        .arg(&ssh_ctx)
        .run()
        .success();
    let out = env.rpod(["run", "--rm", "ssh", "cat", "/agent"]).run();
    assert_eq!(out.success().out(), "/run/buildkit/ssh_agent.0", "{out}");

    // -q: the ID alone on stdout; a failing step's output on stderr.
    let quiet = env.root().parent().unwrap().join("quiet-ctx");
    write(
        &env,
        &quiet,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN echo step-output-here\n"),
        )],
    );
    let out = env.rpod(["build", "-q", "--no-cache"]).arg(&quiet).run();
    out.success();
    assert!(is_hex(out.out(), 64), "{out}");
    assert!(!out.stderr.contains("step-output-here"), "{out}");
    write(
        &env,
        &quiet,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN echo why-it-failed; exit 3\n"),
        )],
    );
    let out = env.rpod(["build", "-q"]).arg(&quiet).run();
    out.code(3).stderr_has("why-it-failed");
    assert!(!out.stdout.contains("why-it-failed"), "{out}");
}

/// The base-image pattern: `FROM scratch` + `ADD rootfs.tar.xz /` (an
/// exported container's file system, xz-compressed) gives a runnable image.
#[test]
fn from_scratch_add_rootfs_tar_xz_and_bz2() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "src", &image])
        .run()
        .success();
    for (tool, ext) in [("xz", "xz"), ("bzip2", "bz2")] {
        let ctx = env.root().parent().unwrap().join(format!("{ext}-ctx"));
        std::fs::create_dir_all(&ctx).unwrap();
        env.chown_to_user(&ctx);
        let tar = ctx.join("rootfs.tar");
        env.rpod(["export", "-o"])
            .arg(&tar)
            .arg("src")
            .run()
            .success();
        let st = std::process::Command::new(tool)
            .arg("-1")
            .arg(&tar)
            .status()
            .unwrap();
        assert!(st.success());
        let packed = format!("rootfs.tar.{ext}");
        env.chown_to_user(&ctx.join(&packed));
        let dockerfile = format!(
            "FROM scratch\nADD {packed} /\nCMD [\"/bin/sh\", \"-c\", \"echo from-{ext}\"]\n"
        );
        write(&env, &ctx, &[("Dockerfile", &dockerfile)]);
        let tag = format!("from{ext}");
        env.rpod(["build", "-t", &tag]).arg(&ctx).run().success();
        let out = env.rpod(["run", "--rm", &tag]).run();
        assert_eq!(out.success().out(), format!("from-{ext}"), "{out}");
    }
}

/// The flags podman's build takes for its RUN steps and its image:
/// `--ulimit`, `--security-opt seccomp=unconfined`, `--cap-drop`,
/// `--network none`, `-v`, `--label`, `--env`, `--logfile`, `--jobs`,
/// and `--authfile` (a missing file fails at once, as podman).
#[test]
fn run_step_and_image_flags() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("flags-ctx");
    let shared = env.root().parent().unwrap().join("shared-dir");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("in.txt"), "from-the-host\n").unwrap();
    env.chown_to_user(&shared);
    env.chown_to_user(&shared.join("in.txt"));
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!(
                "FROM {image}\n\
                 RUN grep 'Max open files' /proc/self/limits | awk '{{print $4\":\"$5}}' > /limits\n\
                 RUN grep Seccomp: /proc/self/status | awk '{{print $2}}' > /seccomp\n\
                 RUN grep CapEff /proc/self/status | awk '{{print $2}}' > /capeff\n\
                 RUN ls /sys/class/net > /nets\n\
                 RUN cat /shared/in.txt > /from-volume\n"
            ),
        )],
    );
    let log = env.root().parent().unwrap().join("build.log");
    let volume = format!("{}:/shared:ro", shared.display());
    let out = env
        .rpod([
            "build",
            "-t",
            "flags",
            "--ulimit",
            "nofile=101:102",
            "--security-opt",
            "seccomp=unconfined",
            "--cap-drop",
            "all",
            "--network",
            "none",
            "-v",
            &volume,
            "--label",
            "org.example.rev=abc123",
            "--env",
            "BUILT_WITH=rpod",
            "--jobs",
            "2",
            "--logfile",
        ])
        .arg(&log)
        .arg(&ctx)
        .run();
    out.success();
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("COMMIT flags"), "{logged}");
    assert!(!out.stdout.contains("STEP 1/"), "{out}");
    let out = env
        .rpod(["run", "--rm", "flags", "sh", "-c"])
        .arg("cat /limits /seccomp /capeff /nets /from-volume; echo $BUILT_WITH")
        .run();
    assert_eq!(
        out.success().lines(),
        [
            "101:102",
            "0",
            "0000000000000000",
            "lo",
            "from-the-host",
            "rpod"
        ],
        "{out}"
    );
    let label = env
        .rpod([
            "image",
            "inspect",
            "--format",
            "{{index .Labels \"org.example.rev\"}}",
            "flags",
        ])
        .run();
    assert_eq!(label.success().out(), "abc123", "{label}");

    env.rpod(["build", "--authfile=/tmp/bogus-authfile", "-"])
        .stdin("FROM scratch\n")
        .run()
        .error125()
        .stderr_has("/tmp/bogus-authfile: no such file or directory");
    env.rpod(["build", "--security-opt", "bogus=1"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--security-opt bogus=1");
}

/// A context holding a directory the user cannot list (a context that is
/// `$HOME` or `/tmp`): builds that do not copy it work; copying it fails
/// naming it.
#[test]
fn unreadable_directories_in_the_context_matter_only_when_copied() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("unreadable-ctx");
    write(
        &env,
        &ctx,
        &[
            ("app.txt", "app\n"),
            (
                "Dockerfile",
                &format!("FROM {image}\nCOPY app.txt /app.txt\n"),
            ),
        ],
    );
    let private = ctx.join("root-only");
    std::fs::create_dir_all(private.join("inner")).unwrap();
    std::fs::set_permissions(
        &private,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    env.rpod(["build", "-t", "partial"])
        .arg(&ctx)
        .run()
        .success();
    let out = env
        .rpod(["run", "--rm", "partial", "cat", "/app.txt"])
        .run();
    assert_eq!(out.success().out(), "app");
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nCOPY . /all/\n"))],
    );
    env.rpod(["build"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("root-only: Permission denied");
}

#[test]
fn squash_merges_the_new_layers_and_squash_all_every_layer() {
    let (env, image) = require!(setup());
    let base_layers: usize = env
        .rpod(["inspect", "--format", "{{len .RootFS.Layers}}", &image])
        .run()
        .success()
        .out()
        .parse()
        .unwrap();
    let ctx = env.root().parent().unwrap().join("squash-ctx");
    let dockerfile = format!(
        "FROM {image}
RUN mkdir -p /d/sub && echo one > /d/a && echo one > /d/sub/b && echo tmp > /tmp-file
RUN echo two > /d/a && rm -rf /d/sub && rm /tmp-file && rm -rf /data
RUN mkdir /d/sub && echo three > /d/sub/c
CMD [\"sh\", \"-c\", \"cat /d/a /d/sub/*; ls /d/sub; test -e /tmp-file && echo tmp || echo no-tmp; test -e /data && echo data || echo no-data\"]
"
    );
    write(&env, &ctx, &[("Containerfile", &dockerfile)]);
    let want = ["two", "three", "c", "no-tmp", "no-data"];
    for (flag, layers) in [("--squash", base_layers + 1), ("--squash-all", 1)] {
        let tag = format!("sq{flag}");
        env.rpod(["build", flag, "-t", &tag])
            .arg(&ctx)
            .run()
            .success();
        env.rpod(["inspect", "--format", "{{len .RootFS.Layers}}", &tag])
            .run()
            .success()
            .stdout_is(&layers.to_string());
        let run = env.rpod(["run", "--rm", "--net", "none", &tag]).run();
        run.success();
        assert_eq!(run.lines(), want, "{flag}\n{run}");
        // One history entry with a layer: the squashed one.
        let hist = env
            .rpod(["history", "--format", "{{.CreatedBy}}|{{.Size}}", &tag])
            .run();
        hist.success();
        let with_layers = hist.lines().iter().filter(|l| !l.ends_with("|0B")).count();
        assert_eq!(with_layers, layers, "{flag}\n{hist}");
    }
    env.rpod(["build", "--squash", "--squash-all", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("cannot specify --squash-all with --squash");
}

/// `build -f DIR/Containerfile` without a context directory: the
/// Containerfile's directory is the context (podman's rule), wherever the
/// command runs.
#[test]
fn without_a_context_the_containerfiles_directory_is_the_context() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("f-ctx");
    let dockerfile =
        format!("FROM {image}\nCOPY data.txt /data.txt\nCMD [\"cat\", \"/data.txt\"]\n");
    write(
        &env,
        &ctx,
        &[
            ("Containerfile", &dockerfile),
            ("data.txt", "from the context\n"),
        ],
    );
    env.rpod(["build", "-t", "fctx", "-f"])
        .arg(ctx.join("Containerfile"))
        .run()
        .success();
    env.rpod(["run", "--rm", "--net", "none", "fctx"])
        .run()
        .success()
        .stdout_is("from the context");
    // Two -f: read as one Containerfile, in order (the second's CMD wins).
    write(&env, &ctx, &[("More", "CMD [\"echo\", \"second file\"]\n")]);
    env.rpod(["build", "-t", "fctx2", "-f"])
        .arg(ctx.join("Containerfile"))
        .arg("-f")
        .arg("More")
        .arg(&ctx)
        .run()
        .success();
    env.rpod(["run", "--rm", "--net", "none", "fctx2"])
        .run()
        .success()
        .stdout_is("second file");
}

/// The RUN steps' resolver and groups (`--dns`, `--dns-option`,
/// `--dns-search`, `--group-add`), the manifest's `--annotation`s, and the
/// platform and pull flags podman's build takes (`--arch`, `--os`,
/// `--force-rm`, `--retry`, `--retry-delay`); a bad `--dns` is rpod's error.
#[test]
fn resolver_groups_annotations_and_platform_flags() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("dns-ctx");
    write(
        &env,
        &ctx,
        &[(
            "Dockerfile",
            &format!("FROM {image}\nRUN cat /etc/resolv.conf > /resolv && id -G > /groups\n"),
        )],
    );
    env.rpod([
        "build",
        "-q",
        "-t",
        "dnsflags",
        "--dns",
        "192.0.2.53",
        "--dns-option",
        "ndots:3",
        "--dns-search",
        "example.test",
        "--group-add",
        "1234",
        "--annotation",
        "org.example.note=built-here",
        "--arch",
        "amd64",
        "--os",
        "linux",
        "--force-rm",
        "--retry",
        "1",
        "--retry-delay",
        "1s",
    ])
    .arg(&ctx)
    .run()
    .success();
    let out = env
        .rpod(["run", "--rm", "dnsflags", "cat", "/resolv", "/groups"])
        .run();
    let text = out.success().out();
    assert!(text.contains("nameserver 192.0.2.53"), "{out}");
    assert!(text.contains("search example.test"), "{out}");
    assert!(text.contains("ndots:3"), "{out}");
    assert!(
        text.lines().last().unwrap().split(' ').any(|g| g == "1234"),
        "{out}"
    );
    env.rpod([
        "image",
        "inspect",
        "--format",
        "{{index .Annotations \"org.example.note\"}} {{.Architecture}}",
        "dnsflags",
    ])
    .run()
    .success()
    .stdout_is("built-here amd64");
    env.rpod(["build", "--dns", "not-an-ip", "-t", "nodns"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("--dns");
}
