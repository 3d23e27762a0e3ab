//! Rootless networking end to end: a process in new user and network
//! namespaces (`unshare -rn`, as the unprivileged test user) stands for a
//! container; `examples/netattach` attaches pasta or slirp4netns to it as
//! that user; the test talks to it from the host and checks that nothing is
//! left once the process is gone.
//!
//! Run as root, commands go through `runuser -u rpodtest` (RPOD_TEST_USER
//! overrides). Missing prerequisites skip a test, or fail it when `CI` is
//! set.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use libpod::network::guard::start_time;
use libpod::network::ports::{self, PortMapping, Protocol};
use serde_json::Value;

const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const BUSYBOX: &str = "/bin/busybox";

fn prerequisite<T>(reason: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("missing prerequisite (CI is set, so this fails): {reason}");
    }
    eprintln!("SKIP: {reason}");
    None
}

macro_rules! require {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => return,
        }
    };
}

fn have(program: &str) -> bool {
    PATH.split(':').any(|d| Path::new(d).join(program).exists())
}

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// What every test needs: the user to run as (None: the current one) and
/// the example binary where that user can run it.
struct Env {
    user: Option<String>,
    bin: PathBuf,
}

fn env() -> Option<&'static Env> {
    static ENV: OnceLock<Result<Env, String>> = OnceLock::new();
    let r = ENV.get_or_init(|| {
        let user = if is_root() {
            if !have("runuser") {
                return Err("runuser missing (util-linux)".into());
            }
            let name = std::env::var("RPOD_TEST_USER").unwrap_or_else(|_| "rpodtest".into());
            let ok = Command::new("id").arg("-u").arg(&name).output();
            if !ok.map(|o| o.status.success()).unwrap_or(false) {
                return Err(format!("test user {name} missing (useradd -m {name})"));
            }
            Some(name)
        } else {
            None
        };
        for p in ["unshare"] {
            if !have(p) {
                return Err(format!("{p} missing (util-linux)"));
            }
        }
        if !Path::new(BUSYBOX).exists() {
            return Err("/bin/busybox missing (apt-get install busybox-static)".into());
        }
        let tun_ok = fs_err::metadata("/dev/net/tun")
            .map(|m| m.permissions().mode() & 0o666 == 0o666)
            .unwrap_or(false);
        if !tun_ok {
            return Err("/dev/net/tun missing or not mode 666 (chmod 666 /dev/net/tun)".into());
        }
        let bin = example_bin()?;
        let env = Env { user, bin };
        let probe = env.cmd("unshare", &["-rn", "--", BUSYBOX, "true"]).output();
        if !probe.map(|o| o.status.success()).unwrap_or(false) {
            return Err("unprivileged user namespaces unavailable (unshare -rn failed)".into());
        }
        Ok(env)
    });
    match r {
        Ok(e) => Some(e),
        Err(why) => prerequisite(why),
    }
}

/// target/debug/examples/netattach, copied into a world-readable directory.
fn example_bin() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let src = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("examples/netattach"))
        .filter(|p| p.exists())
        .ok_or(
            "examples/netattach not built: run the whole `cargo test -p libpod` (it builds \
             examples), or `cargo build -p libpod --example netattach` first",
        )?;
    let dir = PathBuf::from(format!("/tmp/rpod-net-bin-{}", std::process::id()));
    if let Ok(rd) = fs_err::read_dir("/tmp") {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(pid) = name.strip_prefix("rpod-net-bin-") {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = fs_err::remove_dir_all(e.path());
                }
            }
        }
    }
    fs_err::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    fs_err::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| e.to_string())?;
    let dst = dir.join("netattach");
    fs_err::copy(&src, &dst).map_err(|e| format!("copying {}: {e}", src.display()))?;
    fs_err::set_permissions(&dst, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| e.to_string())?;
    Ok(dst)
}

fn need(program: &str, package: &str) -> Option<()> {
    if have(program) {
        Some(())
    } else {
        prerequisite(&format!("{program} missing (apt-get install {package})"))
    }
}

impl Env {
    fn cmd(&self, program: &str, args: &[&str]) -> Command {
        let mut c = match &self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--", "env", &format!("PATH={PATH}"), program]);
                c
            }
            None => Command::new(program),
        };
        c.args(args).env("PATH", PATH).env_remove("XDG_RUNTIME_DIR");
        c
    }

    /// A "container": `sh -c SCRIPT` in new user and network namespaces;
    /// the script's first line of output must be its PID (`echo $$`).
    fn container(&self, script: &str) -> Ns {
        let mut child = self
            .cmd("unshare", &["-rn", "--", BUSYBOX, "sh", "-c", script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("starting unshare");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("reading the namespace pid");
        let pid = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("pid line {line:?}"));
        Ns {
            child,
            pid,
            stdin,
            stdout,
        }
    }

    fn attach(&self, network: &str, pid: u32, extra: &[&str]) -> Output {
        let mut args = vec!["attach", network];
        let pid = pid.to_string();
        args.push(&pid);
        args.extend_from_slice(extra);
        self.cmd(self.bin.to_str().unwrap(), &args)
            .stdin(Stdio::null())
            .output()
            .expect("running netattach")
    }

    /// Attaches and returns the helper's JSON; panics with the output on
    /// failure.
    fn attached(&self, network: &str, pid: u32, extra: &[&str]) -> Value {
        let out = self.attach(network, pid, extra);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "netattach {network} {pid} {extra:?}: {}\nstdout: {stdout}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(stdout.lines().next().unwrap_or_default())
            .unwrap_or_else(|e| panic!("netattach printed {stdout:?}: {e}"))
    }
}

/// The namespace process; killed on drop.
struct Ns {
    child: Child,
    pid: u32,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Ns {
    /// Kills the namespace process and checks that the helper and its
    /// guard exit too.
    fn end_and_check_cleanup(mut self, helper: &Value) {
        let pid = helper["pid"].as_u64().expect("helper pid") as u32;
        let guard = helper["guard_pid"].as_u64().expect("guard pid") as u32;
        assert!(
            start_time(pid).is_some(),
            "helper {pid} runs while the namespace lives"
        );
        assert!(
            start_time(guard).is_some(),
            "guard {guard} runs while the namespace lives"
        );
        self.kill();
        wait_gone(pid, "helper");
        wait_gone(guard, "guard");
    }

    fn kill(&mut self) {
        let pid = nix::unistd::Pid::from_raw(self.pid as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = self.child.wait();
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        self.kill();
    }
}

fn wait_gone(pid: u32, what: &str) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(10) {
        if start_time(pid).is_none() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let comm = fs_err::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    panic!(
        "{what} {pid} ({}) still runs after its namespace ended",
        comm.trim()
    );
}

/// The host port of the only published port, from the PORTS text.
fn host_port(helper: &Value) -> u16 {
    let text = helper["ports"].as_str().expect("ports");
    let after = text.rsplit_once(':').expect("ip:port").1;
    after
        .split("->")
        .next()
        .unwrap()
        .parse()
        .expect("host port")
}

/// Connects to 127.0.0.1:port until the namespace's server answers.
fn read_tcp(port: u16) -> String {
    let t = Instant::now();
    let mut last = String::new();
    while t.elapsed() < Duration::from_secs(10) {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut s) => {
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut got = String::new();
                let _ = s.read_to_string(&mut got);
                if !got.is_empty() {
                    return got;
                }
                last = "connected, but no data".into();
            }
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nothing from 127.0.0.1:{port}: {last}");
}

fn publishes_tcp(network: &str, program: &str, package: &str, omit_host_port: bool) {
    let env = require!(env());
    require!(need(program, package));
    let ns = env.container(&format!(
        "echo $$; exec {BUSYBOX} nc -ll -p 80 -e {BUSYBOX} echo hello-from-{program}"
    ));
    let spec = if omit_host_port {
        "127.0.0.1::80".to_string()
    } else {
        let hp = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        format!("127.0.0.1:{hp}:80")
    };
    let helper = env.attached(network, ns.pid, &["-p", &spec]);
    let hp = host_port(&helper);
    assert_ne!(hp, 0);
    assert_eq!(helper["ports"], format!("127.0.0.1:{hp}->80/tcp"));
    assert_eq!(read_tcp(hp), format!("hello-from-{program}\n"));
    ns.end_and_check_cleanup(&helper);
}

#[test]
fn pasta_publishes_a_tcp_port() {
    publishes_tcp("pasta", "pasta", "passt", false);
}

#[test]
fn pasta_publishes_on_a_free_port_when_the_host_port_is_omitted() {
    publishes_tcp("pasta", "pasta", "passt", true);
}

#[test]
fn slirp4netns_publishes_a_tcp_port() {
    publishes_tcp("slirp4netns", "slirp4netns", "slirp4netns", false);
}

/// A UDP echo published from a high host port to the container's port 53,
/// answered to a client on the host's loopback and to one on its own
/// address. The helpers of Debian 12 lose some of these replies (pasta
/// 2023-03 all of them here, libslirp 4.7 the loopback ones): rpod's own
/// relay carries published UDP ports, for both helpers.
fn publishes_udp(network: &str, program: &str, package: &str) {
    let env = require!(env());
    require!(need(program, package));
    let hp = UdpSocket::bind("0.0.0.0:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut ns = env.container(&format!(
        "echo $$; read go; exec {} udp-echo 53",
        env.bin.display()
    ));
    let helper = env.attached(network, ns.pid, &["-p", &format!("{hp}:53/udp")]);
    assert_eq!(helper["ports"], format!("0.0.0.0:{hp}->53/udp"));
    let relay = helper["udp_relay_pid"].as_u64().expect("relay pid") as u32;
    assert!(start_time(relay).is_some(), "no UDP relay: {helper}");
    // The server starts once the helper is attached, as a container's
    // command does.
    writeln!(ns.stdin.as_mut().unwrap(), "go").unwrap();
    let probe = UdpSocket::bind("0.0.0.0:0").unwrap();
    probe.connect("192.0.2.123:9").unwrap();
    let host_address = probe.local_addr().unwrap().ip();
    for client in [std::net::IpAddr::from([127, 0, 0, 1]), host_address] {
        let sock = UdpSocket::bind((client, 0)).unwrap();
        sock.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let t = Instant::now();
        let mut buf = [0u8; 64];
        let reply = loop {
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "no UDP echo through {network} for a client on {client}"
            );
            sock.send_to(b"ping-udp", (client, hp)).unwrap();
            if let Ok((n, _)) = sock.recv_from(&mut buf) {
                break buf[..n].to_vec();
            }
        };
        assert_eq!(reply, b"ping-udp", "client on {client}");
    }
    ns.end_and_check_cleanup(&helper);
    wait_gone(relay, "UDP relay");
}

#[test]
fn pasta_publishes_a_udp_port() {
    publishes_udp("pasta", "pasta", "passt");
}

#[test]
fn slirp4netns_publishes_a_udp_port() {
    publishes_udp("slirp4netns", "slirp4netns", "slirp4netns");
}

/// From inside, connects to a server on the host's 127.0.0.1 through the
/// helper's host address.
fn reaches_host_loopback(network: &str, program: &str, package: &str, want_host: Option<&str>) {
    let env = require!(env());
    require!(need(program, package));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let _ = s.write_all(b"hello-from-host\n");
        }
    });
    let mut ns = env.container(&format!(
        "echo $$; read addr; exec {BUSYBOX} nc -w 5 $addr {port} </dev/null"
    ));
    let helper = env.attached(network, ns.pid, &[]);
    let host = helper["host_address"]
        .as_str()
        .unwrap_or_else(|| panic!("{network} gives no host address: {helper}"))
        .to_string();
    if let Some(want) = want_host {
        assert_eq!(host, want);
    }
    writeln!(ns.stdin.as_mut().unwrap(), "{host}").unwrap();
    let mut line = String::new();
    ns.stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "hello-from-host\n", "through {host}:{port}");
    ns.end_and_check_cleanup(&helper);
}

/// From inside, asks a UDP server on the host's 127.0.0.1 through the
/// helper's host address (outbound UDP).
fn asks_host_loopback_over_udp(network: &str, program: &str, package: &str) {
    let env = require!(env());
    require!(need(program, package));
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = server.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut buf = [0u8; 64];
        while let Ok((n, from)) = server.recv_from(&mut buf) {
            let mut reply = b"host-got-".to_vec();
            reply.extend_from_slice(&buf[..n]);
            let _ = server.send_to(&reply, from);
        }
    });
    let mut ns = env.container(&format!(
        "echo $$; read addr; exec {} udp-ask $addr {port}",
        env.bin.display()
    ));
    let helper = env.attached(network, ns.pid, &[]);
    let host = helper["host_address"]
        .as_str()
        .unwrap_or_else(|| panic!("{network} gives no host address: {helper}"))
        .to_string();
    writeln!(ns.stdin.as_mut().unwrap(), "{host}").unwrap();
    let mut line = String::new();
    ns.stdout.read_line(&mut line).unwrap();
    assert_eq!(
        line, "host-got-ping-from-container\n",
        "through {host}:{port}/udp"
    );
    ns.end_and_check_cleanup(&helper);
}

#[test]
fn pasta_with_map_gw_asks_the_host_loopback_over_udp() {
    asks_host_loopback_over_udp("pasta:--map-gw", "pasta", "passt");
}

#[test]
fn slirp4netns_with_allow_host_loopback_asks_the_host_loopback_over_udp() {
    asks_host_loopback_over_udp(
        "slirp4netns:allow_host_loopback=true",
        "slirp4netns",
        "slirp4netns",
    );
}

#[test]
fn pasta_with_map_gw_reaches_the_host_loopback() {
    reaches_host_loopback("pasta:--map-gw", "pasta", "passt", None);
}

#[test]
fn slirp4netns_with_allow_host_loopback_reaches_the_host_loopback() {
    reaches_host_loopback(
        "slirp4netns:allow_host_loopback=true",
        "slirp4netns",
        "slirp4netns",
        Some("10.0.2.2"),
    );
}

#[test]
fn helpers_report_dns_and_no_host_address_by_default() {
    let env = require!(env());
    for (network, program, package, dns) in [
        ("pasta", "pasta", "passt", "169.254.1.1"),
        ("slirp4netns", "slirp4netns", "slirp4netns", "10.0.2.3"),
    ] {
        require!(need(program, package));
        let ns = env.container(&format!("echo $$; exec {BUSYBOX} sleep 60"));
        let helper = env.attached(network, ns.pid, &[]);
        assert_eq!(helper["dns_servers"], serde_json::json!([dns]), "{network}");
        // pasta on Debian 12 has no --map-guest-addr; newer pasta maps it.
        let host = &helper["host_address"];
        assert!(
            host.is_null() || host == "169.254.1.2",
            "{network} host address {host}"
        );
        ns.end_and_check_cleanup(&helper);
    }
}

#[test]
fn stop_ends_the_helper_and_its_guard() {
    let env = require!(env());
    for (network, program, package) in [
        ("pasta", "pasta", "passt"),
        ("slirp4netns", "slirp4netns", "slirp4netns"),
    ] {
        require!(need(program, package));
        let ns = env.container(&format!("echo $$; exec {BUSYBOX} sleep 60"));
        let out = env.attach(network, ns.pid, &["--then-stop"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{network}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let helper: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
        assert_eq!(stdout.lines().nth(1), Some("stopped"), "{network}");
        wait_gone(helper["pid"].as_u64().unwrap() as u32, "helper");
        wait_gone(helper["guard_pid"].as_u64().unwrap() as u32, "guard");
        assert!(
            start_time(ns.pid).is_some(),
            "the namespace process is left alone"
        );
    }
}

#[test]
fn attach_refuses_a_host_port_in_use() {
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let mapping = PortMapping {
        host_ip: Some("127.0.0.1".parse().unwrap()),
        host_port: port,
        container_port: 80,
        protocol: Protocol::Tcp,
    };
    let e = ports::check_free(&[mapping]).unwrap_err().to_string();
    assert_eq!(
        e,
        format!("host port 127.0.0.1:{port}/tcp: address already in use: choose another with -p HOST:CONTAINER")
    );

    let env = require!(env());
    require!(need("pasta", "passt"));
    let ns = env.container(&format!("echo $$; exec {BUSYBOX} sleep 60"));
    let out = env.attach("pasta", ns.pid, &["-p", &format!("127.0.0.1:{port}:80")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&e), "{stderr}");
    drop(held);
}

#[test]
fn attach_to_an_exited_process_fails_clearly() {
    let env = require!(env());
    require!(need("pasta", "passt"));
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let out = env.attach("pasta", pid, &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "setting up the network of process {pid}: the process has exited"
        )),
        "{stderr}"
    );
}
