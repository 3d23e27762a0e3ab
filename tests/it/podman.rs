//! Proof that the fixtures are valid images: podman pulls them as the test
//! user (ignored by default; `cargo test --test it podman -- --ignored`).

use crate::harness::{have, prerequisite, Env};
use crate::registry;

#[test]
#[ignore = "needs podman; checks the fixtures, not rpod"]
fn podman_accepts_the_fixtures() {
    if !have("podman") {
        return prerequisite::<()>("podman missing").unwrap_or(());
    }
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let podman = |args: &[&str]| {
        let mut c = env.cmd("podman");
        c.arg("--root")
            .arg(env.dir.join("podman-root"))
            .arg("--runroot")
            .arg(env.dir.join("podman-runroot"));
        c.args(["--storage-driver", "overlay"]).args(args);
        c.run()
    };
    for name in [
        "busybox:latest",
        "busybox:v2s2",
        "zstd:latest",
        "whiteout:latest",
        "multi:latest",
        "shared:latest",
    ] {
        let out = podman(&["pull", "-q", "--tls-verify=false", &shared.reference(name)]);
        out.success();
        let want = shared
            .fixture(name)
            .host_image()
            .config
            .digest
            .trim_start_matches("sha256:")
            .to_string();
        assert_eq!(out.out(), want, "{out}");
    }
    for name in ["bad-digest:latest", "bad-truncated:latest", "nosuch:latest"] {
        podman(&["pull", "-q", "--tls-verify=false", &shared.reference(name)]).error125();
    }
    let out = podman(&[
        "--runtime",
        "runc",
        "run",
        "--rm",
        "--net",
        "none",
        &shared.reference("whiteout:latest"),
        "sh",
        "-c",
        "ls /wh; ls /wh/opaque; stat -c %u:%g /home/user/owned",
    ]);
    out.success();
    assert_eq!(out.lines(), ["kept", "opaque", "new", "1000:1000"], "{out}");
    let _ = podman(&["rmi", "-af"]);
    let _ = env
        .cmd("podman")
        .args(["unshare", "rm", "-rf"])
        .arg(env.dir.join("podman-root"))
        .run();
}
