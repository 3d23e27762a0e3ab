//! rpod run as root with its own --root: no user namespace, ids as in the image.

use crate::fixtures::paths;
use crate::harness::{host_stat, Env};
use crate::layers::check_whiteouts;
use crate::pull::pull;
use crate::registry;

#[test]
fn rootful_pull_keeps_image_ids() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let reference = shared.reference("busybox:latest");
    assert_eq!(
        host_stat("%u:%g", &env.find_in_layers(&reference, paths::OWNED)),
        "1000:1000"
    );
    assert_eq!(
        host_stat("%u:%g", &env.find_in_layers(&reference, "bin/busybox")),
        "0:0"
    );
    assert_eq!(
        host_stat("%a", &env.find_in_layers(&reference, paths::SUID)),
        "4755"
    );
}

#[test]
fn rootful_whiteouts() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "whiteout:latest");
    check_whiteouts(
        &env,
        &shared.reference("whiteout:latest"),
        "trusted.overlay.opaque",
    );
}

#[test]
fn rootful_info() {
    let env = require!(Env::rootful());
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    let rootless = v["host"]["security"]["rootless"]
        .as_bool()
        .or(v["host"]["rootless"].as_bool());
    assert_eq!(rootless, Some(false), "{out}");
}

#[test]
fn rootful_container_network_shares_localhost() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod([
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "none",
        &image,
        "sh",
        "-c",
        "mkdir -p /www && echo hello-rootful > /www/index.html && \
         exec busybox httpd -f -p 127.0.0.1:8080 -h /www",
    ])
    .run()
    .success();
    // No user namespace to join as root: only the network namespace.
    let mut out = None;
    crate::harness::eventually("the server in web to answer its dependent", || {
        let o = env
            .rpod([
                "run",
                "--rm",
                "--network",
                "container:web",
                &image,
                "sh",
                "-c",
                "busybox wget -qO- http://127.0.0.1:8080/ && readlink /proc/self/ns/net",
            ])
            .run();
        let ok = o.code == 0;
        out = Some(o);
        ok
    });
    let out = out.unwrap();
    let lines = out.lines();
    assert_eq!(lines[0], "hello-rootful", "{out}");
    let web_net = env
        .rpod(["exec", "web", "readlink", "/proc/self/ns/net"])
        .run()
        .out()
        .to_string();
    assert_eq!(lines[1], web_net, "{out}");
    env.rpod(["rm", "-f", "--depend", "web"]).run().success();
}

/// As root, containers on a network (the same holder design, without a
/// user namespace; slirp4netns for the way out) find each other by name.
#[test]
fn rootful_bridge_network_names() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod(["network", "create", "rn"]).run().success();
    env.rpod([
        "run",
        "-d",
        "--name",
        "rweb",
        "--hostname",
        "rwebhost",
        "--network",
        "rn",
        &image,
        "sh",
        "-c",
        "mkdir -p /www && hostname > /www/index.html && exec busybox httpd -f -p 80 -h /www",
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "rn",
            &image,
            "busybox",
            "wget",
            "-q",
            "-O",
            "-",
            "http://rweb/",
        ])
        .run();
    out.success().stdout_has("rwebhost");
    env.rpod(["rm", "-f", "rweb"]).run().success();
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the holder's socket to go with the last container",
        || !env.runroot().join("networks/holder.sock").exists(),
    );
}
