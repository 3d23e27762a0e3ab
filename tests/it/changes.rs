//! `rpod diff` / `container diff` / `image diff`, `mount`/`umount` inside
//! `rpod unshare`, `system df` and `system prune`, as the test user.

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    let id = pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest"), id))
}

#[test]
fn diff_lists_what_changed() {
    let (env, image, _) = require!(setup());
    let script = "mkdir /d && echo x > /d/f && touch /added && rm /etc/passwd";
    env.rpod(["run", "--name", "c", &image, "sh", "-c", script])
        .run()
        .success();
    let out = env.rpod(["diff", "c"]).run();
    out.success();
    assert_eq!(
        out.lines(),
        ["A /added", "A /d", "A /d/f", "C /etc", "D /etc/passwd"],
        "{out}"
    );
    let out = env
        .rpod(["container", "diff", "--format", "json", "c"])
        .run();
    out.success();
    let v = out.json();
    assert_eq!(
        v["added"],
        serde_json::json!(["/added", "/d", "/d/f"]),
        "{out}"
    );
    assert_eq!(v["changed"], serde_json::json!(["/etc"]), "{out}");
    assert_eq!(v["deleted"], serde_json::json!(["/etc/passwd"]), "{out}");
    // The same changes, committed: the first image compared with the second.
    env.rpod(["commit", "-q", "c", "changed:1"]).run().success();
    let out = env.rpod(["image", "diff", "changed:1", &image]).run();
    out.success();
    assert_eq!(
        out.lines(),
        ["A /added", "A /d", "A /d/f", "C /etc", "D /etc/passwd"],
        "{out}"
    );
    let out = env.rpod(["image", "diff", &image, "changed:1"]).run();
    assert_eq!(
        out.lines(),
        ["D /added", "D /d", "C /etc", "A /etc/passwd"],
        "{out}"
    );
    // The -l shorthand, and an image name where only containers count.
    let out = env.rpod(["diff", "-l"]).run();
    assert_eq!(out.lines().len(), 5, "{out}");
    let out = env.rpod(["container", "diff", "changed:1"]).run();
    out.error125().stderr_has("no such container");
    let out = env.rpod(["diff", "--format", "yaml", "c"]).run();
    out.error125()
        .stderr_has("only supported value for '--format' is 'json'");
}

#[test]
fn mount_works_inside_unshare() {
    let (env, image, _) = require!(setup());
    env.rpod(["run", "--name", "c", &image, "sh", "-c", "echo inside > /f"])
        .run()
        .success();
    let out = env.rpod(["mount", "c"]).run();
    out.error125().stderr_has(
        "cannot run command \"rpod mount\" in rootless mode, must execute `rpod unshare` first",
    );
    let rpod = env.rpod_line("");
    let script = format!(
        "m=$({rpod} mount c) && cat $m/f && {rpod} mount --notruncate && {rpod} umount c && \
         test ! -e $m/f && echo gone && i=$({rpod} image mount {image}) && test -x $i/bin/busybox && \
         {rpod} image mount && {rpod} image umount {image} && test -z \"$({rpod} image mount)\" && echo done"
    );
    let out = env.rpod(["unshare", "sh", "-c", &script]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines[0], "inside", "{out}");
    let id = env.rpod(["inspect", "--format", "{{.Id}}", "c"]).run();
    assert!(lines[1].starts_with(&format!("{} /", id.out())), "{out}");
    assert_eq!(lines[2], "c", "{out}");
    assert_eq!(lines[3], "gone", "{out}");
    assert!(lines[4].starts_with(&format!("{image} /")), "{out}");
    assert_eq!(lines.last(), Some(&"done"), "{out}");
}

#[test]
fn system_df_counts_and_prune_keeps_what_is_used() {
    let (env, image, id) = require!(setup());
    let out = env
        .rpod([
            "system",
            "df",
            "--format",
            "{{.Type}}:{{.Total}}:{{.Active}}",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        ["Images:1:0", "Containers:0:0", "Local Volumes:0:0"],
        "{out}"
    );
    env.rpod(["run", "--name", "stopped", "-v", "/anon", &image, "true"])
        .run()
        .success();
    env.rpod([
        "run",
        "-d",
        "--name",
        "up",
        "-v",
        "kept:/data",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    env.rpod(["volume", "create", "unused"]).run().success();
    // A dangling image: a commit whose name is then taken away.
    env.rpod(["commit", "-q", "stopped", "dangling:1"])
        .run()
        .success();
    env.rpod(["untag", "dangling:1"]).run().success();
    let out = env.rpod(["system", "df", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v[0]["Type"], "Images", "{out}");
    assert_eq!(v[0]["Total"], 2, "{out}");
    assert_eq!(v[0]["Active"], 1, "{out}");
    let raw = env
        .rpod(["image", "inspect", "--format", "{{.Size}}", &image])
        .run();
    assert!(
        v[0]["RawSize"].as_u64().unwrap() >= raw.out().parse::<u64>().unwrap(),
        "{out}"
    );
    assert_eq!(v[1]["Total"], 2, "{out}");
    assert_eq!(v[1]["Active"], 1, "{out}");
    assert_eq!(v[2]["Total"], 3, "{out}");
    assert_eq!(v[2]["Active"], 2, "{out}");
    let out = env.rpod(["system", "df", "-v"]).run();
    out.success();
    let text = out.out();
    assert!(text.contains("Images space usage:"), "{out}");
    assert!(
        out.lines()
            .iter()
            .any(|l| l.starts_with(&id[..12]) || l.contains(&id[..12])),
        "{out}"
    );
    assert!(out.lines().iter().any(|l| l.ends_with(" up")), "{out}");
    assert!(
        out.lines().iter().any(|l| l.starts_with("unused ")),
        "{out}"
    );

    // Prune: the stopped container and the dangling image go; the running
    // container, its image and (without --volumes) every volume stay.
    let out = env.rpod(["system", "prune", "-f"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines[0], "Deleted Containers", "{out}");
    assert!(lines.contains(&"Deleted Images"), "{out}");
    assert!(
        lines.last().unwrap().starts_with("Total reclaimed space: "),
        "{out}"
    );
    let ps = env.rpod(["ps", "-a", "--format", "{{.Names}}"]).run();
    assert_eq!(ps.lines(), ["up"], "{ps}");
    let images = env.rpod(["images", "-q", "--no-trunc"]).run();
    assert_eq!(images.lines().len(), 1, "{images}");
    assert!(images.out().contains(&id), "{images}");
    let vols = env.rpod(["volume", "ls", "-q"]).run();
    assert_eq!(vols.lines().len(), 3, "{vols}");
    // --volumes -a: unused volumes go; what the running container uses stays.
    let out = env.rpod(["system", "prune", "-f", "-a", "--volumes"]).run();
    out.success();
    out.stdout_has("Deleted Volumes");
    let vols = env.rpod(["volume", "ls", "-q"]).run();
    assert_eq!(vols.lines(), ["kept"], "{vols}");
    let images = env.rpod(["images", "-q", "--no-trunc"]).run();
    assert!(images.out().contains(&id), "{images}");
    // A filter that matches nothing removes nothing.
    env.rpod(["rm", "-f", "-t", "0", "up"]).run().success();
    let out = env
        .rpod(["system", "prune", "-f", "-a", "--filter", "label=nosuch"])
        .run();
    out.success();
    assert_eq!(out.lines(), ["Total reclaimed space: 0B"], "{out}");
    let out = env
        .rpod(["system", "prune", "-f", "--filter", "bogus=1"])
        .run();
    out.error125().stderr_has("bogus is an invalid filter");
}
