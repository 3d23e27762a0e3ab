//! `rpod build` for Dockerfiles without RUN: the Node-app shape with an
//! ignore file, the cache (a rebuild reuses every step; touching one
//! source file reuses every step before `COPY . .`), build args,
//! multi-stage builds with `--target` and `COPY --from`, standard input,
//! and the clear refusal of RUN.

use crate::harness::{is_hex, Env};
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

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
        "FROM {image}\nARG GREETING=hello\nENV APP_GREETING=$GREETING\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nEXPOSE 3000\nLABEL org.example.name=app\nCMD [\"sh\", \"-c\", \"echo $APP_GREETING; ls -a /app; ls /app/src\"]\n"
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
        text.starts_with(&format!("STEP 1/9: FROM {image}")),
        "{first}"
    );
    assert!(
        text.contains("STEP 6/9: COPY . .") && text.contains("\nCOMMIT app\n"),
        "{first}"
    );
    assert!(
        text.contains("Successfully tagged localhost/app:latest"),
        "{first}"
    );
    assert_eq!(cache_hits(text), 0, "{first}");
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
        !lines.contains(&"node_modules") && !lines.contains(&"debug.log"),
        "ignored files were copied\n{out}"
    );
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

    // A rebuild reuses every step and gives the same image.
    let again = build(&[]);
    assert_eq!(cache_hits(again.out()), 8, "{again}");
    assert_eq!(*again.lines().last().unwrap(), id);

    // A changed source reuses everything before `COPY . .`; a touched one changes nothing.
    let src = ctx.join("src/index.js");
    let f = std::fs::File::options().write(true).open(&src).unwrap();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000))
        .unwrap();
    drop(f);
    assert_eq!(
        cache_hits(build(&[]).out()),
        8,
        "touching a file is not a change"
    );
    env.write_file(&src, "console.log(2)\n");
    let changed = build(&[]);
    assert_eq!(cache_hits(changed.out()), 4, "{changed}");
    assert_ne!(*changed.lines().last().unwrap(), id);

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
    assert_eq!(out.lines().len(), 1, "-q prints the ID only\n{out}");
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
fn run_and_bad_input_are_refused_clearly() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("bad-ctx");
    write(
        &env,
        &ctx,
        &[("Dockerfile", &format!("FROM {image}\nRUN echo hi\n"))],
    );
    env.rpod(["build", "-t", "x"])
        .arg(&ctx)
        .run()
        .error125()
        .stderr_has("RUN is not supported yet");
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
