//! `rpod commit`: a changed container becomes an image that runs, with the
//! changes (new files and owners, deletions, a replaced directory), the
//! `--change`s, and the history and inspect data podman shows.

use crate::harness::is_hex;
use crate::pull::busybox_env as setup;

const CHANGES: &str = "echo hi > /data/new && chown 1000:1000 /data/new && rm /etc/group \
     && rm -r /home/user && mkdir /home/user && echo fresh > /home/user/only \
     && ln -s /data/new /data/link";

const CHECK: &str = "test ! -e /etc/group && echo group-gone; ls /home/user; \
     stat -c %u:%g /data/new; readlink /data/link; cat /etc/passwd | head -1";

fn committed_image_has_the_changes(driver: &str) {
    let (env, image) = require!(setup());
    let name = format!("c-{driver}");
    let tag = format!("committed-{driver}");
    env.rpod([
        "--storage-driver",
        driver,
        "run",
        "--name",
        &name,
        "-e",
        "FROM_RUN=1",
        &image,
    ])
    .args(["sh", "-c", CHANGES])
    .run()
    .success();
    let out = env
        .rpod([
            "commit",
            "-q",
            "--change",
            r#"CMD ["cat", "/data/new"]"#,
            "--change",
            "ENV ADDED=yes",
        ])
        .args([&name, &tag])
        .run();
    out.success();
    let id = out.out().to_string();
    assert!(is_hex(&id, 64), "commit -q printed {id:?}\n{out}");

    // The image runs, with its new command and the changes.
    let out = env.rpod(["run", "--rm", &tag]).run();
    out.success();
    assert_eq!(out.out(), "hi", "{out}");
    let out = env.rpod(["run", "--rm", &tag, "sh", "-c", CHECK]).run();
    out.success();
    assert_eq!(
        out.lines(),
        [
            "group-gone",
            "only",
            "1000:1000",
            "/data/new",
            "root:x:0:0:root:/root:/bin/sh"
        ],
        "{out}"
    );
    let out = env
        .rpod(["run", "--rm", &tag, "sh", "-c", "echo $FROM_RUN $ADDED"])
        .run();
    assert_eq!(
        out.out(),
        "1 yes",
        "the container's env and --change ENV\n{out}"
    );

    // inspect: the config and one more layer than the base.
    let base = env.inspect(&image);
    let new = env.inspect(&tag);
    assert_eq!(new["Id"], serde_json::json!(id));
    assert_eq!(
        new["Config"]["Cmd"],
        serde_json::json!(["cat", "/data/new"])
    );
    let layers = |v: &serde_json::Value| v["RootFS"]["Layers"].as_array().map_or(0, Vec::len);
    assert_eq!(layers(&new), layers(&base) + 1, "{new}");
    assert_eq!(
        new["RepoTags"],
        serde_json::json!([format!("localhost/{tag}:latest")])
    );

    // history: the new step on top, with the image's ID; the base's steps below.
    let out = env
        .rpod([
            "history",
            "--no-trunc",
            "--format",
            "{{.ID}}|{{.CreatedBy}}",
            &tag,
        ])
        .run();
    out.success();
    let lines = out.lines();
    assert_eq!(lines[0], format!("{id}|sh -c {CHANGES}"), "{out}");
    let base_rows = env.rpod(["history", "-q", &image]).run();
    assert_eq!(
        lines.len(),
        base_rows.lines().len() + 1,
        "{out}\n{base_rows}"
    );
    env.rpod(["rm", &name]).run().success();
}

#[test]
fn commit_of_an_overlay_container() {
    committed_image_has_the_changes("overlay");
}

#[test]
fn commit_of_a_vfs_container() {
    committed_image_has_the_changes("vfs");
}

#[test]
fn commit_messages_formats_and_bad_changes() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--name", "m", &image, "touch", "/x"])
        .run()
        .success();
    env.rpod(["commit", "-m", "msg", "m", "img"])
        .run()
        .error125()
        .stderr_has("messages are only compatible with the docker image format (-f docker)");
    env.rpod(["commit", "--change", "RUN true", "m", "img"])
        .run()
        .error125()
        .stderr_has("invalid instruction RUN");
    let out = env
        .rpod([
            "commit",
            "--format",
            "docker",
            "-m",
            "a message",
            "--author",
            "me",
            "m",
            "img",
        ])
        .run();
    out.success()
        .stderr_has("Writing manifest to image destination");
    let id = out.lines().last().copied().unwrap_or_default().to_string();
    assert!(is_hex(&id, 64), "{out}");
    let i = env.inspect("img");
    assert_eq!(i["Comment"], serde_json::json!("a message"));
    assert_eq!(i["Author"], serde_json::json!("me"));
    assert_eq!(
        i["ManifestType"],
        serde_json::json!("application/vnd.docker.distribution.manifest.v2+json")
    );
    let out = env
        .rpod(["history", "--format", "{{.Comment}}", "img"])
        .run();
    assert_eq!(out.lines()[0], "a message", "{out}");
    // The image can go, and its layer with it, while the container stays.
    env.rpod(["rmi", "img"]).run().success();
    env.rpod(["commit", "nosuch", "x"]).run().error125();
}
