//! Rootless networking end to end: a server in a container reached through
//! a published port (`-p`, and `-P` for an image that EXPOSEs one),
//! host.containers.internal to a server on the host's loopback, the
//! port-in-use error, /etc files, no helper left behind, and containers
//! that join another's network (`--network container:NAME`, `ns:PATH`).
//! Test servers listen on 127.0.0.1 only, but `-P`'s.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::harness::{alive, eventually_within, have, Env};
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String)> {
    if !have("pasta") || !have("slirp4netns") {
        return crate::harness::prerequisite("pasta (passt) and slirp4netns");
    }
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

fn free_port() -> u16 {
    crate::harness::port()
}

/// GET / from 127.0.0.1:port, retrying while the server starts.
pub fn http_get(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
            let mut body = String::new();
            let _ = s.read_to_string(&mut body);
            if body.contains("200 OK") {
                return body;
            }
        }
        assert!(
            Instant::now() < deadline,
            "nothing answered on 127.0.0.1:{port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// pids of pasta/slirp4netns processes attached to a container process.
fn helpers_of(container_pid: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        let args: Vec<String> = cmd
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let name = args
            .first()
            .map(|a| a.rsplit('/').next().unwrap_or("").to_string())
            .unwrap_or_default();
        if (name == "pasta" || name == "slirp4netns")
            && alive(i64::from(pid))
            && args.iter().any(|a| a == container_pid)
        {
            out.push(pid);
        }
    }
    out
}

const SERVE: &str =
    "mkdir -p /www && echo hello-web > /www/index.html && exec busybox httpd -f -p 80 -h /www";

#[test]
fn published_port_serves_and_helper_goes_with_the_container() {
    let (env, image) = require!(setup());
    for (mode, name) in [("pasta", "wp"), ("slirp4netns", "ws")] {
        let port = free_port();
        let publish = format!("127.0.0.1:{port}:80");
        env.rpod([
            "run",
            "-d",
            "--name",
            name,
            "--network",
            mode,
            "-p",
            &publish,
            &image,
            "sh",
            "-c",
            SERVE,
        ])
        .run()
        .success();
        assert!(http_get(port).contains("hello-web"), "{mode}");
        env.rpod(["port", name])
            .run()
            .success()
            .stdout_has(&format!("80/tcp -> 127.0.0.1:{port}"));
        let ps = env.rpod(["ps", "--format", "{{.Names}} {{.Ports}}"]).run();
        ps.stdout_has(&format!("{name} 127.0.0.1:{port}->80/tcp"));
        let j = env.rpod(["inspect", name]).run().json();
        assert_eq!(
            j[0]["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"],
            port.to_string()
        );
        let pid = env
            .rpod(["inspect", "--format", "{{.State.Pid}}", name])
            .run()
            .out()
            .to_string();
        assert_eq!(
            helpers_of(&pid).len(),
            1,
            "{mode}: one helper for the container"
        );
        // Stop: the helper ends with the container; start brings the port back.
        env.rpod(["stop", "-t", "0", name]).run().success();
        eventually_within(
            Duration::from_secs(10),
            &format!("the {mode} helper to end after stop"),
            || helpers_of(&pid).is_empty(),
        );
        env.rpod(["start", name]).run().success();
        assert!(http_get(port).contains("hello-web"), "{mode} after start");
        let pid = env
            .rpod(["inspect", "--format", "{{.State.Pid}}", name])
            .run()
            .out()
            .to_string();
        // kill -9 of the monitor: the container dies, and so does its helper.
        let monitor = env
            .rpod(["inspect", "--format", "{{.State.ConmonPid}}", name])
            .run()
            .out()
            .to_string();
        std::process::Command::new("kill")
            .args(["-9", &monitor])
            .status()
            .unwrap();
        env.rpod(["ps", "-a"]).run().success();
        eventually_within(
            Duration::from_secs(10),
            &format!("the {mode} helper to end after kill -9 of the monitor"),
            || helpers_of(&pid).is_empty(),
        );
        env.rpod(["rm", "-f", name]).run().success();
    }
}

#[test]
fn host_loopback_through_host_containers_internal() {
    let (env, image) = require!(setup());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            let mut s = s;
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nfrom-host\n");
        }
    });
    for mode in ["slirp4netns:allow_host_loopback=true", "pasta:--map-gw"] {
        let url = format!("http://host.containers.internal:{port}/");
        let out = env
            .rpod([
                "run",
                "--rm",
                "--network",
                mode,
                &image,
                "busybox",
                "wget",
                "-qO-",
                &url,
            ])
            .run();
        out.success();
        assert_eq!(out.out(), "from-host", "{mode}\n{out}");
    }
}

#[test]
fn slirp4netns_cidr_moves_the_container_its_dns_and_published_ports() {
    let (env, image) = require!(setup());
    let port = free_port();
    let publish = format!("127.0.0.1:{port}:80");
    env.rpod([
        "run",
        "-d",
        "--name",
        "cidr",
        "--network",
        "slirp4netns:cidr=10.0.7.0/24,allow_host_loopback=true",
        "-p",
        &publish,
        &image,
        "sh",
        "-c",
        SERVE,
    ])
    .run()
    .success();
    // The published port reaches the container at its new address.
    assert!(http_get(port).contains("hello-web"));
    let out = env
        .rpod([
            "exec",
            "cidr",
            "sh",
            "-c",
            "ip -4 addr show tap0; grep nameserver /etc/resolv.conf; grep host.containers.internal /etc/hosts",
        ])
        .run();
    out.success()
        .stdout_has("inet 10.0.7.100/24")
        .stdout_has("nameserver 10.0.7.3")
        .stdout_has("10.0.7.2");
    env.rpod(["inspect", "--format", "{{.HostConfig.NetworkMode}}", "cidr"])
        .run()
        .success()
        .stdout_is("slirp4netns:allow_host_loopback=true,cidr=10.0.7.0/24");
    env.rpod(["rm", "-f", "-t0", "cidr"]).run().success();
    env.rpod([
        "run",
        "--rm",
        "--network",
        "slirp4netns:cidr=10.0.7.0/26",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("at most /25");
    env.rpod([
        "run",
        "--rm",
        "--network",
        "slirp4netns:outbound_addr=nosuchif0",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("nosuchif0");
}

#[test]
fn port_in_use_and_network_flags() {
    let (env, image) = require!(setup());
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    env.rpod([
        "run",
        "--rm",
        "-p",
        &format!("127.0.0.1:{port}:80"),
        &image,
        "true",
    ])
    .run()
    .code(126)
    .stderr_has(&format!("{port}/tcp: address already in use"));
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        "-p",
        "8080:80",
        &image,
        "true",
    ])
    .run()
    .success()
    .stderr_has("Port mappings have been discarded because \"none\" network namespace mode");
    env.rpod(["run", "--rm", "-p", "70000:80", &image, "true"])
        .run()
        .error125();
    env.rpod(["run", "--rm", "--network", "bogus", &image, "true"])
        .run()
        .error125()
        .stderr_has("bogus");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--dns",
            "10.0.0.1",
            "--dns-search",
            "corp",
            "--add-host",
            "db:10.1.2.3",
            "--hostname",
            "app",
            &image,
            "cat",
            "/etc/hosts",
            "/etc/resolv.conf",
        ])
        .run();
    out.success();
    for want in ["10.1.2.3\tdb", "app", "nameserver 10.0.0.1", "search corp"] {
        out.stdout_has(want);
    }
    // Default networking: an interface besides lo, and pasta's DNS forwarder.
    let out = env
        .rpod([
            "run",
            "--rm",
            &image,
            "sh",
            "-c",
            "cat /etc/resolv.conf; ls /sys/class/net",
        ])
        .run();
    out.success();
    out.stdout_has("nameserver 169.254.1.1");
    assert!(
        out.lines()
            .iter()
            .any(|l| *l != "lo" && !l.starts_with("nameserver")),
        "{out}"
    );
    // Without a helper the files written at create carry the flags.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "none",
            "--dns",
            "10.0.0.2",
            "--add-host",
            "x:10.9.9.9",
            &image,
            "cat",
            "/etc/hosts",
            "/etc/resolv.conf",
        ])
        .run();
    out.success();
    out.stdout_has("10.9.9.9\tx");
    out.stdout_has("nameserver 10.0.0.2");
    // --network none: only lo.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "none",
            &image,
            "ls",
            "/sys/class/net",
        ])
        .run();
    assert_eq!(out.out(), "lo", "{out}");
}

/// The host port of `rpod port NAME`'s line for `container_port`
/// (`80/tcp -> 0.0.0.0:40123`).
fn published_port(env: &Env, name: &str, container_port: &str) -> u16 {
    let out = env.rpod(["port", name]).run();
    out.success();
    let line = out
        .lines()
        .into_iter()
        .find(|l| l.starts_with(&format!("{container_port} -> ")))
        .unwrap_or_else(|| panic!("no {container_port} in `rpod port {name}`\n{out}"))
        .to_string();
    line.rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no host port in {line:?}"))
}

#[test]
fn publish_all_serves_the_images_exposed_port() {
    let (env, _) = require!(setup());
    let shared = require!(registry::plain());
    pull(&env, shared, "web:latest");
    let web = shared.reference("web:latest");
    // The image EXPOSEs 80/tcp and runs `httpd -f -p 80 -h /www`.
    env.rpod(["run", "-d", "-P", "--name", "pa", &web])
        .run()
        .success();
    let port = published_port(&env, "pa", "80/tcp");
    assert!(port >= 1024, "an unprivileged host port, not {port}");
    assert!(http_get(port).contains("hello from the web fixture"));
    env.rpod(["ps", "--format", "{{.Names}} {{.Ports}}"])
        .run()
        .success()
        .stdout_has(&format!("pa 0.0.0.0:{port}->80/tcp"));
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "pa"])
        .run()
        .out()
        .to_string();
    assert_eq!(helpers_of(&pid).len(), 1, "one helper for the container");
    env.rpod(["stop", "-t", "0", "pa"]).run().success();
    env.rpod(["rm", "pa"]).run().success();
    eventually_within(
        Duration::from_secs(10),
        "the helper to end after stop and rm",
        || helpers_of(&pid).is_empty(),
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still answers after rm"
    );
    // Without -P the exposed port is not published.
    env.rpod(["create", "--name", "np", &web]).run().success();
    assert_eq!(env.rpod(["port", "np"]).run().success().out(), "");
}

/// `wget` of 127.0.0.1:8080 from a container joined to `web`'s network,
/// retried while the server starts; the last output.
fn wget_through(env: &Env, image: &str, network: &str) -> crate::harness::Output {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--network",
                network,
                image,
                "busybox",
                "wget",
                "-qO-",
                "http://127.0.0.1:8080/",
            ])
            .run();
        if out.code == 0 || Instant::now() > deadline {
            return out;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn container_network_shares_localhost_and_holds_its_target() {
    let (env, image) = require!(setup());
    // A server on web's loopback only: reachable from containers in its
    // network namespace, from nowhere else.
    env.rpod([
        "run",
        "-d",
        "--name",
        "web",
        "--hostname",
        "webhost",
        &image,
        "sh",
        "-c",
        "mkdir -p /www && echo hello-shared > /www/index.html && \
         exec busybox httpd -f -p 127.0.0.1:8080 -h /www",
    ])
    .run()
    .success();
    let out = wget_through(&env, &image, "container:web");
    out.success();
    assert_eq!(out.out(), "hello-shared", "{out}");

    // A running dependent: web's interfaces and /etc files, its own host name.
    env.rpod([
        "run",
        "-d",
        "--name",
        "dep",
        "--network",
        "container:web",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    let seen = |name: &str, what: &str| {
        let out = env.rpod(["exec", name, "sh", "-c", what]).run();
        out.success();
        out.out().to_string()
    };
    let both = "cat /etc/resolv.conf; ls /sys/class/net; readlink /proc/self/ns/net";
    assert_eq!(seen("dep", both), seen("web", both));
    assert_eq!(seen("web", "cat /proc/sys/kernel/hostname"), "webhost");
    let dep_host = seen("dep", "cat /proc/sys/kernel/hostname");
    assert_ne!(dep_host, "webhost", "dep keeps a UTS namespace of its own");
    let hosts = seen("web", "cat /etc/hosts");
    assert!(
        hosts.contains(&format!("127.0.0.1\t{dep_host} dep")),
        "web's /etc/hosts, shared with dep, names dep:\n{hosts}"
    );
    assert_eq!(seen("dep", "cat /etc/hosts"), hosts);
    // A dependent that goes takes its line with it.
    env.rpod([
        "run",
        "--rm",
        "--name",
        "brief",
        "--network",
        "container:web",
        &image,
        "grep",
        "-c",
        " brief$",
        "/etc/hosts",
    ])
    .run()
    .success()
    .stdout_is("1");
    assert_eq!(seen("web", "cat /etc/hosts"), hosts, "brief's line stayed");
    let out = env
        .rpod([
            "exec",
            "dep",
            "busybox",
            "wget",
            "-qO-",
            "http://127.0.0.1:8080/",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "hello-shared");
    let web_id = env
        .rpod(["inspect", "--format", "{{.Id}}", "web"])
        .run()
        .out()
        .to_string();
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.HostConfig.NetworkMode}}", "dep"])
            .run()
            .out(),
        format!("container:{web_id}")
    );
    assert_eq!(env.rpod(["port", "dep"]).run().success().out(), "");
    for (field, file) in [
        ("{{.HostsPath}}", "/etc/hosts"),
        ("{{.ResolvConfPath}}", "/etc/resolv.conf"),
    ] {
        let web = env.rpod(["inspect", "--format", field, "web"]).run();
        assert!(web.out().ends_with(file), "{web}");
        assert_eq!(
            env.rpod(["inspect", "--format", field, "dep"]).run().out(),
            web.out()
        );
    }

    // web cannot go while dep joins it, -f or not (as podman); it keeps running.
    for rm in [&["rm", "web"][..], &["rm", "-f", "web"][..]] {
        env.rpod(rm.iter().copied())
            .run()
            .error125()
            .stderr_has("has dependent containers which must be removed before it")
            .stderr_has("--depend");
    }
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.State.Status}}", "web"])
            .run()
            .out(),
        "running"
    );

    // The same namespace by path: ns:/proc/PID/ns/net.
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "web"])
        .run()
        .out()
        .to_string();
    let out = wget_through(&env, &image, &format!("ns:/proc/{pid}/ns/net"));
    out.success();
    assert_eq!(out.out(), "hello-shared", "{out}");
    // The host's network namespace: not for a rootless container.
    env.rpod([
        "run",
        "--rm",
        "--network",
        "ns:/proc/self/ns/net",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("belongs to the host's user namespace");

    // A target that is not running: a clear error, at start.
    env.rpod(["stop", "-t", "0", "dep"]).run().success();
    env.rpod(["stop", "-t", "0", "web"]).run().success();
    env.rpod(["start", "dep"])
        .run()
        .error125()
        .stderr_has("joining the network namespace of container web: it is exited")
        .stderr_has("rpod start web");
    env.rpod(["run", "--rm", "--network", "container:web", &image, "true"])
        .run()
        .error125()
        .stderr_has("start it first with `rpod start web`");
    // Started again: dep joins web's new namespace.
    env.rpod(["start", "web"]).run().success();
    env.rpod(["start", "dep"]).run().success();
    assert_eq!(seen("dep", both), seen("web", both));

    // Unknown targets and conflicting flags: refused at create.
    env.rpod([
        "run",
        "--rm",
        "--network",
        "container:nosuch",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("no container with name or ID \"nosuch\" found");
    env.rpod([
        "create",
        "--network",
        "container:web",
        "--dns",
        "10.0.0.1",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("conflicting options: dns and the network mode");
    env.rpod([
        "run",
        "--rm",
        "--network",
        "container:web",
        "-p",
        "8081:80",
        &image,
        "true",
    ])
    .run()
    .success()
    .stderr_has("Port mappings have been discarded because \"container\" network namespace mode");
    env.rpod(["create", "--network", "ns:relative/path", &image])
        .run()
        .error125()
        .stderr_has("absolute path");

    // --depend removes the dependents first, then the container.
    let dep_id = env
        .rpod(["inspect", "--format", "{{.Id}}", "dep"])
        .run()
        .out()
        .to_string();
    let out = env.rpod(["rm", "-f", "--depend", "web"]).run();
    out.success();
    assert_eq!(out.lines(), vec![dep_id.as_str(), "web"], "{out}");
    assert_eq!(env.rpod(["ps", "-aq"]).run().success().out(), "");

    // rm -a and prune take dependents before their targets.
    for verb in [&["rm", "-a"][..], &["container", "prune", "-f"][..]] {
        env.rpod(["create", "--name", "t", &image, "true"])
            .run()
            .success();
        env.rpod(["create", "--network", "container:t", &image, "true"])
            .run()
            .success();
        env.rpod(verb.iter().copied()).run().success();
        assert_eq!(
            env.rpod(["ps", "-aq"]).run().success().out(),
            "",
            "{verb:?}"
        );
    }
}

/// The pid of the UDP relay recorded in a container's state (0: none).
fn udp_relay_of(env: &Env, name: &str) -> i64 {
    let id = env
        .rpod(["inspect", "--format", "{{.Id}}", name])
        .run()
        .out()
        .to_string();
    let state: serde_json::Value = serde_json::from_slice(
        &std::fs::read(env.root().join("containers").join(id).join("state.json")).unwrap(),
    )
    .unwrap();
    state["network_helper"]["udp_relay_pid"]
        .as_i64()
        .unwrap_or(0)
}

/// Published UDP ports are relayed by rpod (the forwarding itself is
/// tested with a UDP echo in libpod's tests/network.rs: busybox has no UDP
/// server): the relay lives exactly as long as the container.
#[test]
fn published_udp_port_has_a_relay_for_the_containers_life() {
    let (env, image) = require!(setup());
    for (mode, name) in [("pasta", "up"), ("slirp4netns", "us")] {
        let publish = format!("127.0.0.1:{}:53/udp", free_port());
        env.rpod([
            "run",
            "-d",
            "--name",
            name,
            "--network",
            mode,
            "-p",
            &publish,
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success();
        env.rpod(["port", name])
            .run()
            .success()
            .stdout_has(&format!(
                "53/udp -> {}",
                publish.trim_end_matches(":53/udp")
            ));
        let relay = udp_relay_of(&env, name);
        assert!(relay > 0 && alive(relay), "{mode}: no UDP relay running");
        env.rpod(["stop", "-t", "0", name]).run().success();
        eventually_within(
            Duration::from_secs(10),
            &format!("the {mode} UDP relay to end after stop"),
            || !alive(relay),
        );
        env.rpod(["start", name]).run().success();
        let again = udp_relay_of(&env, name);
        assert!(again > 0 && again != relay && alive(again), "{mode}");
        env.rpod(["rm", "-f", "-t", "0", name]).run().success();
        eventually_within(
            Duration::from_secs(10),
            &format!("the {mode} UDP relay to end after rm -f"),
            || !alive(again),
        );
    }
}

/// `--no-hosts`: rpod writes no /etc/hosts (the image's stays: the test
/// image has none), and it cannot be combined with `--add-host`.
#[test]
fn no_hosts_leaves_the_images_etc_hosts() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--rm", "--net", "none", &image, "cat", "/etc/hosts"])
        .run()
        .success()
        .stdout_has("localhost");
    env.rpod(["run", "--rm", "--no-hosts", &image, "sh", "-c"])
        .arg("test -e /etc/hosts && echo present || echo absent")
        .run()
        .success()
        .stdout_is("absent");
    for flags in [
        ["--no-hosts", "--add-host=foo:1.1.1.1"],
        ["--add-host=foo:1.1.1.1", "--no-hosts"],
    ] {
        env.rpod(["create"])
            .args(flags)
            .arg(&image)
            .run()
            .error125()
            .stderr_is("Error: --no-hosts and --add-host cannot be set together");
    }
}
