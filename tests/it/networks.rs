//! User-defined networks as the unprivileged user: `network create|ls|
//! inspect|rm|exists|prune`, their errors (nothing half-created), concurrent
//! creates that never share a subnet, concurrent address leases that never
//! share an address (through the hidden `internal network-lease`), and
//! `system reset`; containers on networks (the holder's data path): names
//! and aliases between containers, isolation, `--internal`, `-p` through the
//! relay, inspect, `--ip`/`--mac-address` on the default network `podman`,
//! and nothing left after the last container (stop, rm -f, kill -9 of its
//! monitor).

use std::collections::BTreeSet;

use crate::harness::{columns, is_hex, Env};

fn names_in_dir(env: &Env) -> BTreeSet<String> {
    std::fs::read_dir(env.root().join("networks"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn create_ls_inspect_exists_rm() {
    let env = require!(Env::rootless());
    let ls = env.rpod(["network", "ls"]).run();
    ls.success();
    assert_eq!(
        columns(ls.lines()[0]),
        ["NETWORK ID", "NAME", "DRIVER"],
        "{ls}"
    );
    assert_eq!(
        columns(ls.lines()[1]),
        ["2f259bab93aa", "podman", "bridge"],
        "{ls}"
    );
    let ls = env.rpod(["network", "list", "--noheading"]).run();
    assert_eq!(ls.lines().len(), 1, "{ls}");

    env.rpod(["network", "create", "appnet"])
        .run()
        .success()
        .stdout_has("appnet");
    env.rpod([
        "network",
        "create",
        "--subnet",
        "10.89.5.0/24",
        "--gateway",
        "10.89.5.1",
        "--internal",
        "--label",
        "tier=back",
        "-o",
        "mtu=1400",
        "backend",
    ])
    .run()
    .success();
    let q = env.rpod(["network", "ls", "-q"]).run();
    assert_eq!(q.lines(), ["appnet", "backend", "podman"], "{q}");

    // inspect prints podman 5's JSON: its keys in its order, 5-space indent.
    let out = env.rpod(["network", "inspect", "backend"]).run();
    out.success();
    let text = out.out();
    assert!(
        text.starts_with("[\n     {\n          \"name\": \"backend\",\n"),
        "{text}"
    );
    let keys = [
        "\"name\"",
        "\"id\"",
        "\"driver\"",
        "\"network_interface\"",
        "\"created\"",
        "\"subnets\"",
        "\"ipv6_enabled\"",
        "\"internal\"",
        "\"dns_enabled\"",
        "\"labels\"",
        "\"options\"",
        "\"ipam_options\"",
        "\"containers\"",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(k)
                .unwrap_or_else(|| panic!("{k} missing: {text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "keys out of order: {text}"
    );
    let j = out.json();
    let n = &j[0];
    assert!(is_hex(n["id"].as_str().unwrap(), 64), "{n}");
    assert_eq!(n["driver"], "bridge");
    assert_eq!(n["subnets"][0]["subnet"], "10.89.5.0/24");
    assert_eq!(n["subnets"][0]["gateway"], "10.89.5.1");
    assert_eq!(n["internal"], true);
    assert_eq!(n["dns_enabled"], true);
    assert_eq!(n["labels"]["tier"], "back");
    assert_eq!(n["options"]["mtu"], "1400");
    assert_eq!(n["ipam_options"]["driver"], "host-local");
    assert_eq!(n["containers"], serde_json::json!({}));
    let app = &env.rpod(["network", "inspect", "appnet"]).run().json()[0];
    assert_eq!(app["subnets"][0]["subnet"], "10.89.0.0/24");
    // podmanN, skipping names the host's interfaces already have.
    let bridge = |v: &serde_json::Value| v["network_interface"].as_str().unwrap().to_string();
    assert!(bridge(app).starts_with("podman") && bridge(n).starts_with("podman"));
    assert_ne!(bridge(n), bridge(app));
    // The definition file is podman's format too.
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.root().join("networks/backend.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(file["id"], n["id"]);
    // By ID prefix, and through a template with Go's names.
    let id = n["id"].as_str().unwrap();
    env.rpod([
        "network",
        "inspect",
        "--format",
        "{{.Name}} {{.NetworkInterface}} {{.IPv6Enabled}}",
        &id[..10],
    ])
    .run()
    .success()
    .stdout_has("backend podman2 false");
    env.rpod(["network", "inspect", "appnet", "nosuch"])
        .run()
        .error125()
        .stderr_has(
            "network nosuch: unable to find network with name or ID nosuch: network not found",
        )
        .stdout_has("\"appnet\"");

    env.rpod(["network", "exists", "appnet"]).run().success();
    env.rpod(["network", "exists", "nosuch"]).run().code(1);

    env.rpod(["network", "rm", "appnet", "backend"])
        .run()
        .success()
        .stdout_has("appnet");
    env.rpod(["network", "rm", "appnet"])
        .run()
        .code(1)
        .stderr_has("Error: unable to find network with name or ID appnet: network not found");
    let forced = env
        .rpod(["network", "rm", "-t", "-1", "--force", "appnet"])
        .run();
    forced.success();
    assert_eq!(forced.out(), "");
    env.rpod(["network", "rm", "podman"])
        .run()
        .error125()
        .stderr_has("default network podman cannot be removed");
    assert!(names_in_dir(&env).is_empty(), "{:?}", names_in_dir(&env));
}

#[test]
fn bad_creates_say_why_and_leave_nothing() {
    let env = require!(Env::rootless());
    env.rpod(["network", "create", "--subnet", "10.89.7.0/24", "taken"])
        .run()
        .success();
    let cases: &[(&[&str], &str)] = &[
        (
            &["taken"],
            "network name taken already used: network already exists",
        ),
        (
            &["--subnet", "10.89.7.128/25", "x"],
            "subnet 10.89.7.128/25 is already used on the host or by another config",
        ),
        (
            &["--subnet", "10.88.0.0/24", "x"],
            "subnet 10.88.0.0/24 is already used",
        ),
        (
            &["--subnet", "10.89.8.0/24", "--gateway", "10.89.9.1", "x"],
            "gateway 10.89.9.1 not in subnet 10.89.8.0/24",
        ),
        (
            &["--gateway", "10.89.9.1", "x"],
            "cannot set gateway or range without subnet",
        ),
        (
            &[
                "--subnet",
                "10.89.8.0/24",
                "--ip-range",
                "10.89.9.0/25",
                "x",
            ],
            "not in subnet 10.89.8.0/24",
        ),
        (
            &["--subnet", "10.89.8.0/33", "x"],
            "invalid CIDR address: 10.89.8.0/33",
        ),
        (&["bad/name"], "network name bad/name invalid"),
        (&["none"], "conflicts with a valid network mode"),
        (
            &["-d", "macvlan", "x"],
            "failed to find driver or plugin \"macvlan\"",
        ),
        (
            &["-o", "bogus=1", "x"],
            "unsupported bridge network option bogus",
        ),
    ];
    for (args, want) in cases {
        env.rpod(["network", "create"])
            .args(*args)
            .run()
            .error125()
            .stderr_has(want);
    }
    let taken = env.rpod(["network", "inspect", "taken"]).run().json();
    let bridge = taken[0]["network_interface"].as_str().unwrap().to_string();
    env.rpod(["network", "create", "--interface-name", &bridge, "x"])
        .run()
        .error125()
        .stderr_has(&format!("bridge name {bridge} already in use"));
    assert_eq!(
        names_in_dir(&env),
        BTreeSet::from(["taken.json".to_string()])
    );
    // --ignore returns the existing network.
    env.rpod(["network", "create", "--ignore", "taken"])
        .run()
        .success()
        .stdout_has("taken");
    // Connecting a container that does not exist.
    env.rpod(["network", "connect", "taken", "c"])
        .run()
        .error125()
        .stderr_has("no such container");
}

#[test]
fn concurrent_creates_never_share_a_subnet() {
    let env = require!(Env::rootless());
    let children: Vec<_> = (0..8)
        .map(|i| env.rpod(["network", "create", &format!("n{i}")]).spawn())
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut subnets = BTreeSet::new();
    let mut bridges = BTreeSet::new();
    for i in 0..8 {
        let j = env
            .rpod(["network", "inspect", &format!("n{i}")])
            .run()
            .json();
        assert!(
            subnets.insert(j[0]["subnets"][0]["subnet"].as_str().unwrap().to_string()),
            "{j}"
        );
        assert!(
            bridges.insert(j[0]["network_interface"].as_str().unwrap().to_string()),
            "{j}"
        );
    }
    assert_eq!(subnets.len(), 8);
}

#[test]
fn concurrent_leases_never_share_an_address() {
    let env = require!(Env::rootless());
    env.rpod(["network", "create", "--subnet", "10.89.3.0/26", "pool"])
        .run()
        .success();
    let children: Vec<_> = (0..12)
        .map(|i| {
            env.rpod(["internal", "network-lease", "pool", &format!("c{i}")])
                .spawn()
        })
        .collect();
    let mut ips = BTreeSet::new();
    let mut macs = BTreeSet::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let (ip, mac) = line.split_once(' ').unwrap();
        assert!(ip.starts_with("10.89.3.") && ip != "10.89.3.1", "{line}");
        assert!(ips.insert(ip.to_string()), "address handed out twice: {ip}");
        assert!(macs.insert(mac.to_string()), "MAC handed out twice: {mac}");
    }
    // A static address that is taken, or outside, is refused.
    let taken = ips.iter().next().unwrap().clone();
    env.rpod(["internal", "network-lease", "pool", "x", "--ip", &taken])
        .run()
        .error125()
        .stderr_has("is already allocated to container ID c");
    env.rpod([
        "internal",
        "network-lease",
        "pool",
        "x",
        "--ip",
        "10.89.4.5",
    ])
    .run()
    .error125()
    .stderr_has("not in any subnet on network pool");
    env.rpod([
        "internal",
        "network-lease",
        "pool",
        "x",
        "--ip",
        "10.89.3.40",
    ])
    .run()
    .success()
    .stdout_has("10.89.3.40 ");
    // Leases show in inspect and make the network busy.
    let j = env.rpod(["network", "inspect", "pool"]).run().json();
    assert_eq!(j[0]["containers"].as_object().unwrap().len(), 13, "{j}");
    assert_eq!(
        j[0]["containers"]["x"]["interfaces"]["eth0"]["subnets"][0]["ipnet"],
        "10.89.3.40/26"
    );
    env.rpod(["internal", "network-lease", "pool", "x", "--release"])
        .run()
        .success();
    env.rpod(["network", "rm", "pool"])
        .run()
        .code(2)
        .stderr_has("\"pool\" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used");
    env.rpod(["network", "prune", "-f"]).run().success();
    env.rpod(["network", "exists", "pool"]).run().success();
    env.rpod(["network", "rm", "-f", "pool"]).run().success();
    env.rpod(["network", "exists", "pool"]).run().code(1);
}

#[test]
fn ls_formats_filters_prune_and_reset() {
    let env = require!(Env::rootless());
    env.rpod(["network", "create", "--label", "app=web", "web1"])
        .run()
        .success();
    env.rpod([
        "network", "create", "--label", "app=web", "--label", "keep", "web2",
    ])
    .run()
    .success();
    env.rpod(["network", "create", "db"]).run().success();
    let json = env.rpod(["network", "ls", "--format", "json"]).run();
    assert!(
        json.out().starts_with("[\n  {\n    \"name\": \"db\""),
        "{json}"
    );
    assert_eq!(json.json().as_array().unwrap().len(), 4);
    let full = env
        .rpod([
            "network",
            "ls",
            "--no-trunc",
            "--format",
            "{{.ID}} {{.Name}} {{.Labels}}",
        ])
        .run();
    let line = full
        .lines()
        .into_iter()
        .find(|l| l.contains("web1"))
        .unwrap()
        .to_string();
    assert!(
        is_hex(line.split(' ').next().unwrap(), 64) && line.ends_with("web1 app=web"),
        "{full}"
    );
    let pick = |f: &[&str]| {
        let mut c = env.rpod(["network", "ls", "-q"]);
        for x in f {
            c.arg("--filter").arg(x);
        }
        let out = c.run();
        out.success();
        out.lines()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(pick(&["label=app=web"]), ["web1", "web2"]);
    assert_eq!(pick(&["name=^web", "label=keep"]), ["web2"]);
    assert_eq!(pick(&["name=db", "name=web1"]), ["db", "web1"]);
    assert_eq!(pick(&["driver=bridge", "dangling=false"]), ["podman"]);
    // Nothing was created an hour ago (the default network is made at each load).
    assert!(pick(&["until=1h"]).is_empty());
    env.rpod(["network", "ls", "--filter", "color=red"])
        .run()
        .error125()
        .stderr_has("invalid filter \"color\"");
    // prune keeps the default network and what the filter excludes.
    let pruned = env
        .rpod(["network", "prune", "-f", "--filter", "label!=keep"])
        .run();
    pruned.success();
    assert_eq!(pruned.lines(), ["db", "web1"], "{pruned}");
    assert_eq!(pick(&[]), ["podman", "web2"]);
    env.rpod(["system", "reset", "--force"]).run().success();
    assert_eq!(pick(&[]), ["podman"]);
    assert!(!env.root().join("networks").exists());
}

/// A rootless env with busybox pulled, or `None` (a missing prerequisite).
fn bridge_setup() -> Option<(Env, String)> {
    if !crate::harness::have("pasta") {
        return crate::harness::prerequisite("pasta (passt)");
    }
    let shared = crate::registry::plain()?;
    let env = Env::rootless()?;
    crate::pull::pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

/// The holder processes of `env` (their command line names its run root).
fn holders_of(env: &Env) -> Vec<u32> {
    let runroot = env.runroot().display().to_string();
    processes_with("network-holder")
        .into_iter()
        .filter(|p| {
            std::fs::read(format!("/proc/{p}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&runroot))
        })
        .collect()
}

/// The processes whose command line has `needle` (the holder: `network-holder`).
fn processes_with(needle: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmd).contains(needle) {
            out.push(pid);
        }
    }
    out
}

const HTTPD: &str =
    "mkdir -p /www && hostname > /www/index.html && exec busybox httpd -f -p 80 -h /www";

#[test]
fn bridge_containers_reach_each_other_by_name() {
    let (env, image) = require!(bridge_setup());
    let root = env.root().display().to_string();
    env.rpod(["network", "create", "n1"]).run().success();
    env.rpod([
        "run",
        "-d",
        "--name",
        "web",
        "--hostname",
        "webhost",
        "--network",
        "n1",
        "--network-alias",
        "www",
        &image,
        "sh",
        "-c",
        HTTPD,
    ])
    .run()
    .success();
    let holder = holders_of(&env);
    assert!(
        !holder.is_empty(),
        "a holder runs while a container is on a network"
    );
    let pasta_of = |h: u32| {
        processes_with("pasta").into_iter().filter(move |p| {
            std::fs::read(format!("/proc/{p}/cmdline"))
                .is_ok_and(|c| c.split(|b| *b == 0).any(|a| a == h.to_string().as_bytes()))
        })
    };
    assert_eq!(
        pasta_of(holder[0]).count(),
        1,
        "pasta is attached to the holder"
    );
    // Its address, gateway and resolv.conf.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "n1",
            &image,
            "sh",
            "-c",
            "ip -4 addr show eth0; ip route; cat /etc/resolv.conf",
        ])
        .run();
    out.success();
    out.stdout_has("inet 10.89.");
    out.stdout_has("default via 10.89.");
    out.stdout_has("search dns.podman");
    for name in ["web", "www", "web.dns.podman"] {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--network",
                "n1",
                &image,
                "busybox",
                "wget",
                "-q",
                "-O",
                "-",
                &format!("http://{name}/"),
            ])
            .run();
        out.success().stdout_has("webhost");
    }
    // A container started later is found by name, and one restarted too.
    env.rpod([
        "run",
        "-d",
        "--name",
        "late",
        "--hostname",
        "latehost",
        "--network",
        "n1",
        &image,
        "sh",
        "-c",
        HTTPD,
    ])
    .run()
    .success();
    env.rpod(["restart", "-t", "0", "web"]).run().success();
    for (name, answer) in [("late", "latehost"), ("web", "webhost")] {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--network",
                "n1",
                &image,
                "busybox",
                "wget",
                "-q",
                "-O",
                "-",
                &format!("http://{name}/"),
            ])
            .run();
        out.success().stdout_has(answer);
    }
    // Names of other networks are not known; others go upstream (a
    // name that does not exist anywhere fails, it does not hang).
    env.rpod(["network", "create", "other"]).run().success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "other",
            &image,
            "busybox",
            "nslookup",
            "web",
        ])
        .run();
    assert_ne!(out.code, 0, "web is not a name on network other");
    env.rpod(["rm", "-f", "web", "late"]).run().success();
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the holder to exit after the last container",
        || holder.iter().all(|p| !crate::harness::alive(i64::from(*p))),
    );
    assert!(
        !env.runroot().join("networks/holder.sock").exists(),
        "the holder's socket goes with it"
    );
    // And its pasta (attached to the holder's PID) with it.
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the holder's pasta to end with it",
        || holder.iter().all(|h| pasta_of(*h).count() == 0),
    );
    let leases =
        std::fs::read_to_string(env.runroot().join("networks/leases/n1.json")).unwrap_or_default();
    assert!(!leases.contains("container_id"), "no lease left: {leases}");
    let _ = root;
}

#[test]
fn bridge_isolation_internal_ports_inspect_and_cleanup() {
    let (env, image) = require!(bridge_setup());
    for n in [
        &["network", "create", "na"][..],
        &["network", "create", "nb"],
        &["network", "create", "--internal", "ni"],
    ] {
        env.rpod(n.iter().copied()).run().success();
    }
    let port = crate::harness::port();
    let publish = format!("127.0.0.1:{port}:80");
    env.rpod([
        "run",
        "-d",
        "--name",
        "a",
        "--hostname",
        "ahost",
        "--network",
        "na:alias=first",
        "-p",
        &publish,
        &image,
        "sh",
        "-c",
        HTTPD,
    ])
    .run()
    .success();
    // -p answers on the host's loopback, through the holder's relay.
    assert!(crate::network::http_get(port).contains("ahost"));
    // UDP -p: rpod's UDP relay into the container's namespace holds the
    // host port for the container's life (busybox has no UDP server to
    // answer through it).
    let uport = crate::harness::port();
    let upublish = format!("127.0.0.1:{uport}:5300/udp");
    env.rpod([
        "run",
        "-d",
        "--name",
        "u",
        "--network",
        "na",
        "-p",
        &upublish,
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    assert!(
        std::net::UdpSocket::bind(("127.0.0.1", uport)).is_err(),
        "the relay holds 127.0.0.1:{uport}/udp"
    );
    env.rpod(["rm", "-f", "u"]).run().success();
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the UDP relay to free its port after rm -f",
        || std::net::UdpSocket::bind(("127.0.0.1", uport)).is_ok(),
    );
    let j = env.rpod(["inspect", "a"]).run().json();
    let n = &j[0]["NetworkSettings"]["Networks"]["na"];
    let ip = n["IPAddress"].as_str().unwrap().to_string();
    assert!(ip.starts_with("10.89."), "{n}");
    assert!(n["Gateway"].as_str().unwrap().ends_with(".1"), "{n}");
    assert_eq!(n["MacAddress"].as_str().unwrap().len(), 17, "{n}");
    assert_eq!(n["Aliases"][0], "first");
    let id = env.rpod(["network", "inspect", "na"]).run().json()[0]["id"].clone();
    assert_eq!(n["NetworkID"], id);
    // The way out (masquerade, then pasta): the host's resolver over TCP,
    // when it is not on the host's loopback.
    let resolver = std::fs::read_to_string("/etc/resolv.conf")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("nameserver "))
        .map(|a| a.trim().to_string())
        .find(|a| {
            a.parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| !ip.is_loopback())
        });
    if let Some(r) = resolver {
        env.rpod([
            "run",
            "--rm",
            "--network",
            "na",
            &image,
            "sh",
            "-c",
            &format!("busybox nc -w 3 {r} 53 </dev/null"),
        ])
        .run()
        .success();
    }
    // Another network cannot reach it; an internal one has no route out.
    let wget = |net: &str| {
        env.rpod([
            "run",
            "--rm",
            "--network",
            net,
            &image,
            "busybox",
            "wget",
            "-q",
            "-T",
            "2",
            "-O",
            "-",
            &format!("http://{ip}/"),
        ])
        .run()
    };
    assert_ne!(wget("nb").code, 0, "networks are isolated");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "ni",
            &image,
            "busybox",
            "ip",
            "route",
        ])
        .run();
    out.success();
    assert!(
        !out.out().contains("default"),
        "--internal: no default route: {}",
        out.out()
    );
    // In use: refused without -f.
    let out = env.rpod(["network", "rm", "na"]).run();
    assert_ne!(out.code, 0);
    out.stderr_has("associated containers");
    // kill -9 of the monitor: the container dies, its lease goes, and the
    // holder exits.
    let holder = holders_of(&env);
    assert!(!holder.is_empty());
    let monitor = env
        .rpod(["inspect", "--format", "{{.State.ConmonPid}}", "a"])
        .run()
        .out()
        .to_string();
    std::process::Command::new("kill")
        .args(["-9", &monitor])
        .status()
        .unwrap();
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the holder to exit after kill -9 of the last container's monitor",
        || holder.iter().all(|p| !crate::harness::alive(i64::from(*p))),
    );
    let leases =
        std::fs::read_to_string(env.runroot().join("networks/leases/na.json")).unwrap_or_default();
    assert!(!leases.contains("container_id"), "no lease left: {leases}");
    env.rpod(["network", "rm", "-f", "na"]).run().success();
    // connect/disconnect while stopped (running: see connect_disconnect_running_and_holder_recovery).
    env.rpod([
        "create",
        "--name",
        "cc",
        "--network",
        "nb",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    env.rpod(["network", "connect", "--alias", "ccc", "ni", "cc"])
        .run()
        .success();
    env.rpod(["network", "disconnect", "nb", "cc"])
        .run()
        .success();
    env.rpod(["start", "cc"]).run().success();
    let j = env.rpod(["inspect", "cc"]).run().json();
    let nets = &j[0]["NetworkSettings"]["Networks"];
    assert!(
        nets["nb"].is_null()
            && nets["ni"]["IPAddress"]
                .as_str()
                .unwrap()
                .starts_with("10.89."),
        "{nets}"
    );
    assert_eq!(nets["ni"]["Aliases"][0], "ccc");
    env.rpod(["network", "connect", "ni", "cc"])
        .run()
        .error125()
        .stderr_has("network is already connected");
    env.rpod(["rm", "-f", "cc"]).run().success();
    // The default network, a fixed address and MAC address.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "podman",
            "--ip",
            "10.88.0.50",
            "--mac-address",
            "02:11:22:33:44:55",
            &image,
            "busybox",
            "ip",
            "addr",
            "show",
            "eth0",
        ])
        .run();
    out.success()
        .stdout_has("inet 10.88.0.50/16 brd 10.88.255.255");
    out.stdout_has("02:11:22:33:44:55");
    env.rpod(["container", "exists", "a"]).run();
    assert_ne!(
        env.rpod(["container", "exists", "a"]).run().code,
        0,
        "rm -f removed a"
    );
}

/// wget of `http://NAME/` from a new container on `net`: its output, or
/// `None` when it failed (within 10 seconds: busybox's `timeout` signals
/// the command it execs, which must not be the container's PID 1, immune
/// to signals from inside, hence the shell with a command after it).
fn wget_on(env: &Env, image: &str, net: &str, name: &str) -> Option<String> {
    let url = format!("http://{name}/");
    let script = format!("busybox timeout 10 busybox wget -q -O - '{url}'; exit $?");
    let out = env
        .rpod(["run", "--rm", "--network", net, image, "sh", "-c", &script])
        .run();
    if out.code != 0 {
        eprintln!("wget of {url} on {net}: {out}");
    }
    (out.code == 0).then(|| out.out().to_string())
}

#[test]
fn connect_disconnect_running_and_holder_recovery() {
    let (env, image) = require!(bridge_setup());
    env.rpod(["network", "create", "l1"]).run().success();
    env.rpod(["network", "create", "l2"]).run().success();
    let port = crate::harness::port();
    let publish = format!("127.0.0.1:{port}:80");
    let id = env
        .rpod([
            "run",
            "-d",
            "--name",
            "srv",
            "--hostname",
            "srvhost",
            "--network",
            "l1",
            "-p",
            &publish,
            &image,
            "sh",
            "-c",
            HTTPD,
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert!(crate::network::http_get(port).contains("srvhost"));
    assert!(
        wget_on(&env, &image, "l2", "srv").is_none(),
        "srv is not on l2 yet"
    );
    // Connected while running: found on l2 at once, by name and alias.
    env.rpod(["network", "connect", "--alias", "srvalias", "l2", "srv"])
        .run()
        .success();
    for name in ["srv", "srvalias"] {
        let got = wget_on(&env, &image, "l2", name);
        assert!(
            got.as_deref().is_some_and(|o| o.contains("srvhost")),
            "{name} on l2 after connect: {got:?}"
        );
    }
    let j = env.rpod(["inspect", "srv"]).run().json();
    let nets = &j[0]["NetworkSettings"]["Networks"];
    let ip2 = nets["l2"]["IPAddress"].as_str().unwrap().to_string();
    // podman's aliases: the user's, the short ID, the host name.
    assert_eq!(
        nets["l2"]["Aliases"],
        serde_json::json!(["srvalias", &id[..12], "srvhost"]),
        "{nets}"
    );
    assert!(
        nets["l1"]["IPAddress"].is_string() && ip2.starts_with("10.89."),
        "{nets}"
    );
    let hosts = env.rpod(["exec", "srv", "cat", "/etc/hosts"]).run();
    hosts.success().stdout_has(&ip2);
    // network inspect's templates: Go names, and podman's JSON in `json`.
    let out = env
        .rpod([
            "network",
            "inspect",
            "--format",
            "{{.Name}} {{.NetworkInterface}} {{.DNSEnabled}} {{.IPv6Enabled}} {{json .Containers}}",
            "l2",
        ])
        .run();
    out.success().stdout_has(&format!(
        "{{\"{id}\":{{\"name\":\"srv\",\"interfaces\":{{\"eth1\":{{\"subnets\":[{{\"ipnet\":\"{ip2}/24\",\"gateway\":"
    ));
    assert!(out.out().starts_with("l2 podman2 true false {"), "{out}");
    let out = env
        .rpod(["network", "inspect", "--format", "{{json .}}", "l2"])
        .run();
    out.success()
        .stdout_has("{\"name\":\"l2\",\"id\":\"")
        .stdout_has("\"network_interface\":\"podman2\"");
    env.rpod(["network", "connect", "l2", "srv"])
        .run()
        .error125()
        .stderr_has(&format!(
            "container {id} is already connected to network \"l2\": network is already connected"
        ));
    // Disconnected while running: gone from l2 at once; l1 and -p stay.
    env.rpod(["network", "disconnect", "l2", "srv"])
        .run()
        .success();
    assert!(
        wget_on(&env, &image, "l2", "srv").is_none(),
        "srv no longer answers on l2"
    );
    let hosts = env.rpod(["exec", "srv", "cat", "/etc/hosts"]).run();
    assert!(!hosts.success().out().contains(&ip2), "{hosts}");
    let links = env
        .rpod(["exec", "srv", "busybox", "ip", "-o", "link"])
        .run();
    assert!(!links.success().out().contains("eth1"), "{links}");
    assert!(crate::network::http_get(port).contains("srvhost"));
    env.rpod(["network", "disconnect", "l2", "srv"])
        .run()
        .error125()
        .stderr_has("container srv is not connected to network l2");
    // Off every network and back while running: -p follows.
    env.rpod(["network", "disconnect", "l1", "srv"])
        .run()
        .success();
    let j = env.rpod(["inspect", "srv"]).run().json();
    assert_eq!(
        j[0]["NetworkSettings"]["Networks"],
        serde_json::json!({}),
        "no network left"
    );
    env.rpod(["network", "connect", "l1", "srv"])
        .run()
        .success();
    assert!(crate::network::http_get(port).contains("srvhost"));
    env.rpod(["network", "connect", "l2", "srv"])
        .run()
        .success();

    // The holder killed with SIGKILL while containers run: the next run
    // on a network brings their networks back (addresses, names, -p).
    env.rpod([
        "run",
        "-d",
        "--name",
        "cli",
        "--network",
        "l2",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    let holder = holders_of(&env);
    assert_eq!(holder.len(), 1, "one holder: {holder:?}");
    let ip_before = env
        .rpod([
            "inspect",
            "--format",
            "{{(index .NetworkSettings.Networks \"l1\").IPAddress}}",
            "srv",
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    let killed = std::process::Command::new("kill")
        .args(["-9", &holder[0].to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    crate::harness::eventually_within(
        std::time::Duration::from_secs(10),
        "the killed holder to be gone",
        || !crate::harness::alive(i64::from(holder[0])),
    );
    let wget = |c: &str, name: &str| {
        env.rpod([
            "exec",
            c,
            "busybox",
            "timeout",
            "10",
            "busybox",
            "wget",
            "-q",
            "-O",
            "-",
            &format!("http://{name}/"),
        ])
        .run()
    };
    assert_ne!(
        wget("cli", "srv").code,
        0,
        "no network while no holder runs"
    );
    let got = wget_on(&env, &image, "l2", "srv");
    assert!(
        got.as_deref().is_some_and(|o| o.contains("srvhost")),
        "a new run on l2 reaches srv: {got:?}"
    );
    wget("cli", "srv").success().stdout_has("srvhost");
    assert!(crate::network::http_get(port).contains("srvhost"));
    let ip_after = env
        .rpod([
            "inspect",
            "--format",
            "{{(index .NetworkSettings.Networks \"l1\").IPAddress}}",
            "srv",
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert_eq!(
        ip_before, ip_after,
        "the same address after the holder came back"
    );
    // network reload: the IDs, the same addresses, -p still answers.
    let out = env.rpod(["network", "reload", "srv"]).run();
    assert_eq!(out.success().out().trim(), id, "{out}");
    let out = env.rpod(["network", "reload", "--all"]).run();
    assert_eq!(out.success().lines().len(), 2, "{out}");
    assert!(crate::network::http_get(port).contains("srvhost"));
    wget("cli", "srv").success().stdout_has("srvhost");
    env.rpod(["network", "reload"])
        .run()
        .error125()
        .stderr_has("you must provide at least one name or id");
    env.rpod(["rm", "-f", "-t", "0", "srv", "cli"])
        .run()
        .success();
}

#[test]
fn unknown_network_is_refused_before_any_pull() {
    let env = require!(Env::rootless());
    // A "registry" that records whether anyone connected.
    let registry = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    registry.set_nonblocking(true).unwrap();
    let image = format!("{}/nosuch/image:latest", registry.local_addr().unwrap());
    for verb in ["run", "create"] {
        env.rpod([verb, "--network", "bogus", &image, "true"])
            .run()
            .error125()
            .stderr_has("unable to find network with name or ID bogus: network not found");
    }
    env.rpod(["run", "--network", "container:nosuch", &image, "true"])
        .run()
        .error125()
        .stderr_has("no container with name or ID \"nosuch\" found");
    env.rpod(["run", "--network", "bogus:mode", &image, "true"])
        .run()
        .error125();
    assert!(
        matches!(registry.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the registry was contacted"
    );
    let ps = env.rpod(["ps", "-aq"]).run();
    assert_eq!(ps.success().out().trim(), "", "nothing created: {ps}");
}

#[test]
fn ipv6_networks_answer_at_once_and_are_isolated() {
    let (env, image) = require!(bridge_setup());
    env.rpod(["network", "create", "--ipv6", "v61"])
        .run()
        .success();
    env.rpod(["network", "create", "--ipv6", "v62"])
        .run()
        .success();
    env.rpod([
        "run",
        "-d",
        "--name",
        "a6",
        "--hostname",
        "a6host",
        "--network",
        "v61",
        &image,
        "sh",
        "-c",
        HTTPD,
    ])
    .run()
    .success();
    let a6 = env
        .rpod([
            "inspect",
            "--format",
            "{{(index .NetworkSettings.Networks \"v61\").GlobalIPv6Address}}",
            "a6",
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert!(a6.starts_with("fd"), "an IPv6 address: {a6:?}");
    let host = format!("[{a6}]");
    // At once: no duplicate address detection holds the addresses back.
    let got = wget_on(&env, &image, "v61", &host);
    assert!(
        got.as_deref().is_some_and(|o| o.contains("a6host")),
        "a6 over IPv6 on its network: {got:?}"
    );
    // ip6tables: no forwarding between networks over IPv6 either.
    assert!(
        wget_on(&env, &image, "v62", &host).is_none(),
        "a6 is not reachable over IPv6 from another network"
    );
    env.rpod(["rm", "-f", "-t", "0", "a6"]).run().success();
}

#[test]
fn more_than_sixteen_published_ports_on_a_network() {
    let (env, image) = require!(bridge_setup());
    env.rpod(["network", "create", "pn"]).run().success();
    // More listening sockets than one message carries (16 descriptors).
    let ports: Vec<u16> = (0..20).map(|_| crate::harness::port()).collect();
    let mut args: Vec<String> = ["run", "-d", "--name", "many", "--hostname", "manyhost"]
        .iter()
        .map(ToString::to_string)
        .collect();
    args.extend(["--network".into(), "pn".into()]);
    for p in &ports {
        args.extend(["-p".into(), format!("127.0.0.1:{p}:80")]);
    }
    args.extend([image, "sh".into(), "-c".into(), HTTPD.into()]);
    env.rpod(args.iter().map(String::as_str)).run().success();
    for p in [ports[0], ports[15], ports[16], ports[19]] {
        assert!(
            crate::network::http_get(p).contains("manyhost"),
            "port {p} answers"
        );
    }
    env.rpod(["rm", "-f", "-t", "0", "many"]).run().success();
}

/// `run --ip6` (Quadlet's `IP6=`) fixes the IPv6 address on the first
/// network joined, beside `--ip`'s IPv4 one; an IPv4 value is refused.
#[test]
fn run_ip6_fixes_the_ipv6_address() {
    let (env, image) = require!(bridge_setup());
    env.rpod([
        "network",
        "create",
        "--ipv6",
        "--subnet",
        "10.77.0.0/24",
        "--subnet",
        "fd77::/64",
        "v6fixed",
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "v6fixed",
            "--ip",
            "10.77.0.9",
            "--ip6",
            "fd77::9",
            &image,
            "busybox",
            "ip",
            "addr",
            "show",
            "eth0",
        ])
        .run();
    out.success().stdout_has("inet 10.77.0.9/24");
    out.stdout_has("inet6 fd77::9/64");
    env.rpod([
        "run",
        "--rm",
        "--network",
        "v6fixed",
        "--ip6",
        "10.77.0.10",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("--ip6");
}
