//! `rpod images`, `image inspect`, `history`, `tag`, `untag`, `rmi`,
//! `image prune`, `image exists` and the `rpod image ...` aliases, as podman.

use crate::harness::{columns, Env};
use crate::pull::{config_id, pull};
use crate::registry;

#[test]
fn images_table() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let out = env.rpod(["images"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(
        columns(lines[0]),
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
        "{out}"
    );
    assert_eq!(lines.len(), 2, "{out}");
    let row = columns(lines[1]);
    assert_eq!(row[0], format!("{}/busybox", shared.addr()), "{out}");
    assert_eq!(row[1], "latest", "{out}");
    assert_eq!(row[2], &id[..12], "{out}");
    assert_eq!(row.len(), 5, "{out}");
}

#[test]
fn images_empty_store_prints_header_only() {
    let env = require!(Env::rootless());
    let out = env.rpod(["images"]).run();
    out.success();
    assert_eq!(out.lines().len(), 1, "{out}");
    assert_eq!(
        columns(out.lines()[0]),
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
        "{out}"
    );
    env.rpod(["images", "-q"]).run().success();
}

#[test]
fn images_quiet_and_no_trunc() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.lines(), vec![&id[..12]], "{out}");
    let out = env.rpod(["images", "--no-trunc"]).run();
    out.success();
    let row = columns(out.lines()[1]);
    // podman: the full ID with its algorithm.
    assert_eq!(
        row[2],
        format!("sha256:{id}"),
        "--no-trunc shows the full ID\n{out}"
    );
    let out = env.rpod(["images", "-q", "--no-trunc"]).run();
    out.success().stdout_is(&format!("sha256:{id}"));
}

#[test]
fn images_digests_column() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let out = env.rpod(["images", "--digests"]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(
        columns(lines[0]),
        ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"],
        "{out}"
    );
    assert_eq!(
        columns(lines[1])[2],
        shared.fixture("busybox:latest").digest(),
        "{out}"
    );
}

#[test]
fn images_format_template() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![shared.reference("busybox:latest")],
        "{out}"
    );
    let out = env
        .rpod(["images", "--format", "{{.ID}} {{.Repository}}"])
        .run();
    out.success();
    assert_eq!(
        out.out(),
        format!("{} {}/busybox", &id[..12], shared.addr()),
        "{out}"
    );
}

#[test]
fn images_format_json() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let out = env.rpod(["images", "--format", "json"]).run();
    out.success();
    let v = out.json();
    let arr = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(arr.len(), 1, "{out}");
    let img = &arr[0];
    let digest = shared.fixture("busybox:latest").digest();
    assert_eq!(img["Id"], id.as_str(), "{out}");
    assert!(img.get("RepoTags").is_some(), "RepoTags key\n{out}");
    let names: Vec<&str> = img["Names"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(names, vec![shared.reference("busybox:latest")], "{out}");
    let rd: Vec<&str> = img["RepoDigests"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        rd.contains(&format!("{}/busybox@{digest}", shared.addr()).as_str()),
        "{out}"
    );
    assert_eq!(img["Digest"], digest, "{out}");
    assert!(img["Size"].as_u64().unwrap_or(0) > 1_000_000, "{out}");
    assert_eq!(
        img["Created"].as_i64(),
        Some(1_704_164_645),
        "Created is the config's time as unix seconds\n{out}"
    );
}

#[test]
fn images_filter_reference() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let busy = pull(&env, shared, "busybox:latest");
    let zstd = pull(&env, shared, "zstd:latest");
    let out = env
        .rpod(["images", "-q", "--filter"])
        .arg(format!("reference={}/busybox", shared.addr()))
        .run();
    out.success();
    assert_eq!(out.lines(), vec![&busy[..12]], "{out}");
    let out = env
        .rpod(["images", "-q", "--filter"])
        .arg(format!("reference={}", shared.reference("zstd:latest")))
        .run();
    out.success();
    assert_eq!(out.lines(), vec![&zstd[..12]], "{out}");
}

#[test]
fn images_filter_dangling() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let out = env
        .rpod(["images", "-q", "--filter", "dangling=true"])
        .run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    env.rpod(["untag", &id]).run().success();
    let out = env
        .rpod(["images", "-q", "--filter", "dangling=true"])
        .run();
    out.success();
    assert_eq!(out.lines(), vec![&id[..12]], "{out}");
    let out = env.rpod(["images"]).run();
    let row = columns(out.lines()[1]);
    assert_eq!(&row[..3], ["<none>", "<none>", &id[..12]], "{out}");
    let out = env
        .rpod(["images", "-q", "--filter", "dangling=false"])
        .run();
    assert_eq!(out.out(), "", "{out}");
}

#[test]
fn image_inspect_fields() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let reference = shared.reference("busybox:latest");
    let f = shared.fixture("busybox:latest");
    let v = env.inspect(&reference);
    assert_eq!(v["Id"], id.as_str(), "{v:#}");
    assert_eq!(v["Digest"], f.digest(), "{v:#}");
    assert_eq!(v["RepoTags"], serde_json::json!([reference]), "{v:#}");
    assert!(
        v["RepoDigests"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == &format!("{}/busybox@{}", shared.addr(), f.digest())),
        "{v:#}"
    );
    assert!(
        v["Created"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-01-02T03:04:05"),
        "{v:#}"
    );
    assert_eq!(v["Config"]["Cmd"], serde_json::json!(["sh"]), "{v:#}");
    assert_eq!(
        v["Config"]["Labels"]["org.rpod.fixture"], "busybox",
        "{v:#}"
    );
    assert_eq!(v["Architecture"], crate::fixtures::host_arch(), "{v:#}");
    assert_eq!(v["Os"], "linux", "{v:#}");
    assert!(v["Size"].as_u64().unwrap_or(0) > 1_000_000, "{v:#}");
    assert_eq!(v["RootFS"]["Type"], "layers", "{v:#}");
    let diff_ids: Vec<&str> = f
        .host_image()
        .layers
        .iter()
        .map(|l| l.diff_id.as_str())
        .collect();
    assert_eq!(v["RootFS"]["Layers"], serde_json::json!(diff_ids), "{v:#}");
    assert_eq!(v["History"].as_array().map(Vec::len), Some(1), "{v:#}");
    assert_eq!(v["GraphDriver"]["Name"], "overlay", "{v:#}");
    let upper = v["GraphDriver"]["Data"]["UpperDir"]
        .as_str()
        .unwrap_or_else(|| panic!("UpperDir {v:#}"));
    assert!(
        std::path::Path::new(upper).join("bin/busybox").exists(),
        "UpperDir {upper} holds the layer\n{v:#}"
    );

    let out = env
        .rpod(["image", "inspect", "--format", "{{.Id}}", &reference])
        .run();
    out.success();
    assert_eq!(out.out(), id, "{out}");
    // A short ID prefix names the image too.
    let out = env
        .rpod(["image", "inspect", "--format", "{{.Id}}", &id[..12]])
        .run();
    out.success();
    assert_eq!(out.out(), id, "{out}");
}

#[test]
fn image_inspect_layers_of_multi_layer_image() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "whiteout:latest");
    let v = env.inspect(&shared.reference("whiteout:latest"));
    let diff_ids: Vec<&str> = shared
        .fixture("whiteout:latest")
        .host_image()
        .layers
        .iter()
        .map(|l| l.diff_id.as_str())
        .collect();
    assert_eq!(v["RootFS"]["Layers"], serde_json::json!(diff_ids), "{v:#}");
    let dirs = env.layer_dirs(&shared.reference("whiteout:latest"));
    assert_eq!(dirs.len(), 3, "UpperDir + two LowerDir entries: {dirs:?}");
    assert!(
        dirs[0].join("wh/opaque/new").exists(),
        "UpperDir is the top layer: {dirs:?}"
    );
    assert!(
        dirs[2].join("bin/busybox").exists(),
        "the last LowerDir is the bottom layer: {dirs:?}"
    );
}

#[test]
fn image_inspect_unknown_fails() {
    let env = require!(Env::rootless());
    let out = env.rpod(["image", "inspect", "nosuchimage"]).run();
    out.error125().stderr_has("nosuchimage");
}

#[test]
fn history_columns() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "whiteout:latest");
    let reference = shared.reference("whiteout:latest");
    let out = env.rpod(["history", &reference]).run();
    out.success();
    let lines = out.lines();
    assert_eq!(
        columns(lines[0]),
        ["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"],
        "{out}"
    );
    assert_eq!(lines.len(), 4, "one row per history entry\n{out}");
    assert_eq!(
        columns(lines[1])[0],
        &id[..12],
        "the newest row carries the image ID\n{out}"
    );
    let out = env.rpod(["history", "--no-trunc", &reference]).run();
    out.success()
        .stdout_has("rpod fixture whiteout layer 2")
        .stdout_has("rpod fixture whiteout layer 0");
}

#[test]
fn tag_untag_and_rmi() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let reference = shared.reference("busybox:latest");
    let dirs = env.layer_dirs(&reference);
    env.rpod(["tag", &reference, "mybox:1"]).run().success();
    env.rpod(["tag", &id[..12], "mybox:2"]).run().success();
    let out = env.rpod(["images"]).run();
    out.success();
    let rows: Vec<Vec<String>> = out.lines()[1..].iter().map(|l| columns(l)).collect();
    assert!(
        rows.iter()
            .any(|r| r[0] == "localhost/mybox" && r[1] == "1" && r[2] == id[..12]),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "localhost/mybox" && r[1] == "2"),
        "{out}"
    );
    assert_eq!(rows.len(), 3, "{out}");

    env.rpod(["untag", &reference, "localhost/mybox:2"])
        .run()
        .success();
    let out = env
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    let mut names = out.lines();
    names.sort();
    assert_eq!(
        names,
        vec![reference.as_str(), "localhost/mybox:1"],
        "untag removes only the names given\n{out}"
    );

    let out = env.rpod(["rmi", "mybox:1"]).run();
    out.success();
    assert_eq!(out.lines(), vec!["Untagged: localhost/mybox:1"], "{out}");
    assert!(
        dirs.iter().all(|d| d.exists()),
        "layers stay while a name is left"
    );

    let out = env.rpod(["rmi", &reference]).run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![format!("Untagged: {reference}"), format!("Deleted: {id}")],
        "{out}"
    );
    assert!(
        dirs.iter().all(|d| !d.exists()),
        "layer dirs removed with the last image: {dirs:?}"
    );
    let out = env.rpod(["images", "-q"]).run();
    assert_eq!(out.out(), "", "{out}");
    // podman: exit 1 when an image to remove does not exist.
    env.rpod(["rmi", &reference])
        .run()
        .code(1)
        .stderr_has("Error: ")
        .stderr_has("busybox");
}

#[test]
fn rmi_all() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let a = pull(&env, shared, "busybox:latest");
    let b = pull(&env, shared, "zstd:latest");
    let out = env.rpod(["rmi", "-a"]).run();
    out.success()
        .stdout_has(&format!("Deleted: {a}"))
        .stdout_has(&format!("Deleted: {b}"));
    assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
}

#[test]
fn image_prune_removes_dangling() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let a = pull(&env, shared, "busybox:latest");
    let b = pull(&env, shared, "zstd:latest");
    env.rpod(["untag", &a]).run().success();
    let out = env.rpod(["image", "prune", "-f"]).run();
    out.success();
    assert_eq!(
        out.lines(),
        vec![a.as_str()],
        "prune prints the removed IDs\n{out}"
    );
    assert_eq!(env.rpod(["images", "-q"]).run().lines(), vec![&b[..12]]);
}

#[test]
fn image_exists_exit_codes() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    env.rpod(["image", "exists", &shared.reference("busybox:latest")])
        .run()
        .success();
    let out = env.rpod(["image", "exists", "nosuchimage"]).run();
    out.code(1);
    assert_eq!(out.out(), "", "{out}");
}

#[test]
fn image_subcommand_aliases() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let reference = shared.reference("busybox:latest");
    let out = env
        .rpod(["image", "pull", "-q", "--tls-verify=false", &reference])
        .run();
    out.success();
    let id = out.out().to_string();
    assert_eq!(id, config_id(shared, "busybox:latest"));
    let out = env.rpod(["image", "ls", "-q"]).run();
    assert_eq!(out.lines(), vec![&id[..12]], "{out}");
    let out = env.rpod(["image", "list", "-q"]).run();
    assert_eq!(out.lines(), vec![&id[..12]], "{out}");
    env.rpod(["image", "tag", &reference, "alias:1"])
        .run()
        .success();
    let out = env.rpod(["image", "rm", "alias:1"]).run();
    out.success();
    assert_eq!(out.lines(), vec!["Untagged: localhost/alias:1"], "{out}");
    let out = env.rpod(["image", "rm", &reference]).run();
    out.success()
        .stdout_is(&format!("Untagged: {reference}\nDeleted: {id}"));
}

/// `pull NAME:TAG@DIGEST` (podman's 001-basic): the digest wins, the image
/// gets the name `NAME@DIGEST` beside its tag, `images` still shows one
/// image, and `untag NAME NAME:TAG@DIGEST` removes that name only.
#[test]
fn pull_by_tag_and_digest_then_untag_it() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    let digest = env
        .rpod(["inspect", "--format", "{{.Digest}}", &name])
        .run()
        .success()
        .out()
        .to_string();
    let both = format!("{name}@{digest}");
    env.rpod(["pull", "-q", "--tls-verify=false", &both])
        .run()
        .success();
    assert_eq!(env.rpod(["images", "-q"]).run().success().lines().len(), 1);
    env.rpod(["untag", &name, &both]).run().success();
    env.rpod(["image", "exists", &name]).run().success();
    let names = env
        .rpod([
            "inspect",
            "--format",
            "{{json .RepoTags}} {{json .RepoDigests}}",
            &name,
        ])
        .run()
        .success()
        .out()
        .to_string();
    assert!(names.contains(&format!("\"{name}\"")), "{names}");
}

/// podman's 020-tag: `{{.ID}}` names an image's ID in templates, untag
/// of a name the image lacks is "NAME: tag not known", and untag by ID
/// alone removes every name.
#[test]
fn untag_by_id_and_unknown_tags() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = pull(&env, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    env.rpod(["image", "inspect", "--format", "{{.ID}}", &name])
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["tag", &name, "extra/one", "extra/two"])
        .run()
        .success();
    env.rpod(["untag", &name, "bogus.nxdomain/foo:bar"])
        .run()
        .error125()
        .stderr_is("Error: bogus.nxdomain/foo:bar: tag not known");
    env.rpod(["untag", &id]).run().success();
    env.rpod(["image", "inspect", "--format", "{{.RepoTags}}", &id])
        .run()
        .success()
        .stdout_is("[]");
}
