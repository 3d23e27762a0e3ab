//! Driver for `libpod::network`, used by tests/network.rs as the
//! unprivileged user:
//!
//! - `netattach attach NETWORK PID [-p SPEC]... [--then-stop]`: starts the
//!   helper for PID's namespaces, prints the helper as JSON (with
//!   `dns_servers` and `host_address`), and exits (the helper stays, under
//!   its guard). `--then-stop` stops it and prints `stopped` once gone.
//! - `netattach udp-echo PORT`: echoes UDP datagrams on 0.0.0.0:PORT
//!   (busybox has no UDP server), for running inside a namespace.
//! - `netattach udp-ask ADDR PORT`: sends one datagram and prints the
//!   reply (busybox has no UDP client either), retrying for 10 s.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use libpod::network::{self, ports, Mode};

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("Error: {msg}");
            ExitCode::from(125)
        }
    }
}

fn real_main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("attach") => attach(&args[1..]),
        Some("udp-echo") => udp_echo(args.get(1).ok_or("udp-echo PORT")?),
        Some("udp-ask") => udp_ask(
            args.get(1).ok_or("udp-ask ADDR PORT")?,
            args.get(2).ok_or("udp-ask ADDR PORT")?,
        ),
        _ => Err("usage: netattach attach NETWORK PID [-p SPEC]... | udp-echo PORT".into()),
    }
}

fn attach(args: &[String]) -> Result<(), String> {
    let [network, pid, rest @ ..] = args else {
        return Err("attach NETWORK PID [-p SPEC]... [--then-stop]".into());
    };
    let mode: Mode = network
        .parse()
        .map_err(|e: libpod::spec::Invalid| e.to_string())?;
    let pid: u32 = pid.parse().map_err(|_| format!("bad pid {pid}"))?;
    let mut published = Vec::new();
    let mut then_stop = false;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-p" => {
                let spec = it.next().ok_or("-p needs a value")?;
                published.extend(ports::parse_publish_spec(spec).map_err(|e| e.to_string())?);
            }
            "--then-stop" => then_stop = true,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    // Host port 0 (`-p IP::PORT`) means a free one, chosen now as create does.
    ports::assign_free_ports(&mut published).map_err(|e| e.to_string())?;
    let helper = match &mode {
        Mode::Pasta { extra_args } => network::pasta::attach(
            pid,
            &published,
            &network::pasta::Options {
                extra_args: extra_args.clone(),
            },
        ),
        Mode::Slirp4netns(o) => network::slirp::attach(pid, &published, o),
        m => return Err(format!("--network {m} needs no helper")),
    }
    .map_err(|e| e.to_string())?;
    let mut v = serde_json::to_value(&helper).map_err(|e| e.to_string())?;
    v["dns_servers"] = serde_json::json!(helper.dns_servers());
    v["host_address"] = serde_json::json!(helper.host_address());
    v["ports"] = serde_json::json!(ports::format_ports(&published));
    println!("{v}");
    if then_stop {
        helper.stop();
        for _ in 0..250 {
            if !helper.is_running() {
                println!("stopped");
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        return Err(format!("helper {} still runs after stop", helper.pid));
    }
    Ok(())
}

fn udp_echo(port: &str) -> Result<(), String> {
    let sock = std::net::UdpSocket::bind(format!("0.0.0.0:{port}")).map_err(|e| e.to_string())?;
    let mut buf = [0u8; 2048];
    loop {
        let (n, from) = sock.recv_from(&mut buf).map_err(|e| e.to_string())?;
        sock.send_to(&buf[..n], from).map_err(|e| e.to_string())?;
    }
}

fn udp_ask(addr: &str, port: &str) -> Result<(), String> {
    let sock = std::net::UdpSocket::bind("0.0.0.0:0").map_err(|e| e.to_string())?;
    sock.set_read_timeout(Some(std::time::Duration::from_millis(200)))
        .map_err(|e| e.to_string())?;
    let to = format!("{addr}:{port}");
    let mut buf = [0u8; 2048];
    for _ in 0..50 {
        sock.send_to(b"ping-from-container", &to)
            .map_err(|e| e.to_string())?;
        if let Ok((n, _)) = sock.recv_from(&mut buf) {
            println!("{}", String::from_utf8_lossy(&buf[..n]));
            return Ok(());
        }
    }
    Err(format!("no reply from {to}"))
}
