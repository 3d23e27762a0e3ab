//! slirp4netns: connects a container's network namespace to the host
//! through a user-mode TCP/IP stack (libslirp) behind a tap device.
//!
//! Arguments, as podman: `--configure --mtu=65520` (tap0 gets 10.0.2.100,
//! gateway 10.0.2.2, DNS 10.0.2.3), `--disable-host-loopback` unless
//! `allow_host_loopback=true`, `--enable-ipv6` unless disabled,
//! `--exit-fd`/`--ready-fd`, `--api-socket`, then the container's PID
//! (slirp4netns joins that process's user and network namespaces) and
//! `tap0`. Podman's `--enable-sandbox`/`--enable-seccomp` are left out:
//! the sandbox hides the API socket's directory.
//!
//! Ports are published through the API socket (`add_hostfwd`, podman's
//! `port_handler=slirp4netns`), not podman's default rootlessport: no
//! extra process, at the cost of the container seeing connections come
//! from 10.0.2.2 instead of the client's address.
//!
//! slirp4netns is the guard's child: the guard holds the `--exit-fd`
//! pipe's only write end and closes it when the container process exits
//! (slirp4netns then exits); if the guard is killed the pipe closes too.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::UnixStream;
use std::path::Path;

use super::guard::{self, Exec, Watched};
use super::pasta::{open_pidfd, TempDir};
use super::ports::{self, PortMapping};
use super::{find_helper, Error, Helper, HelperKind, Result, SlirpOptions};

/// The program.
pub const PROGRAM: &str = "slirp4netns";
/// The Debian package that ships it.
pub const PACKAGE: &str = "slirp4netns";
/// tap0's network when `cidr=` is not given (slirp4netns's default, /24).
const DEFAULT_NETWORK: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 0);

/// Host number `n` of tap0's network (`cidr=`, else 10.0.2.0/24), as
/// slirp4netns numbers them: .2 the host (the gateway; its loopback only
/// with `allow_host_loopback`), .3 DNS, .100 the container.
fn address(opts: &SlirpOptions, n: u8) -> Ipv4Addr {
    let base = match opts.cidr.map(|c| c.addr()) {
        Some(std::net::IpAddr::V4(base)) => base,
        _ => DEFAULT_NETWORK,
    };
    Ipv4Addr::from(u32::from(base) + u32::from(n))
}

/// The container's address on tap0.
pub fn guest_addr(opts: &SlirpOptions) -> Ipv4Addr {
    address(opts, 100)
}

/// Resolves an `outbound_addr` given as an interface name to the
/// interface's first address of that family (podman's rule).
fn outbound(value: &str, v6: bool) -> Result<String> {
    if super::subnet::parse_ip(value).is_some() {
        return Ok(value.to_string());
    }
    let found = nix::ifaddrs::getifaddrs()
        .ok()
        .into_iter()
        .flatten()
        .filter(|i| i.interface_name == value)
        .find_map(|i| {
            let a = i.address?;
            if v6 {
                a.as_sockaddr_in6().map(|s| s.ip().to_string())
            } else {
                a.as_sockaddr_in().map(|s| s.ip().to_string())
            }
        });
    found.ok_or_else(|| Error::HelperFailed {
        program: PROGRAM,
        message: format!(
            "outbound_addr{}={value}: no interface of that name with an {} address",
            if v6 { "6" } else { "" },
            if v6 { "IPv6" } else { "IPv4" }
        ),
    })
}
/// How long slirp4netns may take to configure the namespace.
const READY_TIMEOUT_MS: u16 = 10_000;

/// slirp4netns's arguments (pure; `outbound_addr` interfaces resolved
/// first); the exit fd is 3 and the ready fd 4.
pub fn args(container_pid: u32, opts: &SlirpOptions, api_socket: &Path) -> Vec<String> {
    let mut a = vec!["--configure".to_string(), format!("--mtu={}", opts.mtu)];
    if !opts.allow_host_loopback {
        a.push("--disable-host-loopback".into());
    }
    if let Some(c) = &opts.cidr {
        a.push(format!("--cidr={c}"));
    }
    if opts.enable_ipv6 {
        a.push("--enable-ipv6".into());
    }
    if let Some(v) = &opts.outbound_addr {
        a.push(format!("--outbound-addr={v}"));
    }
    if let Some(v) = &opts.outbound_addr6 {
        a.push(format!("--outbound-addr6={v}"));
    }
    a.extend([
        "--exit-fd=3".to_string(),
        "--ready-fd=4".to_string(),
        "--api-socket".to_string(),
        api_socket.display().to_string(),
        container_pid.to_string(),
        "tap0".to_string(),
    ]);
    a
}

/// The API request publishing one port to `guest` (pure).
pub fn hostfwd_request(p: &PortMapping, guest: Ipv4Addr) -> Result<String> {
    let host_addr = match p.host_ip {
        None => "0.0.0.0".to_string(),
        Some(IpAddr::V4(a)) => a.to_string(),
        Some(IpAddr::V6(_)) => {
            return Err(Error::Publish {
                spec: p.to_string(),
                reason: "slirp4netns publishes on IPv4 host addresses only: use --network pasta"
                    .into(),
            })
        }
    };
    Ok(serde_json::json!({
        "execute": "add_hostfwd",
        "arguments": {
            "proto": p.protocol.to_string(),
            "host_addr": host_addr,
            "host_port": p.host_port,
            "guest_addr": guest.to_string(),
            "guest_port": p.container_port,
        }
    })
    .to_string())
}

fn api_call(socket: &Path, request: &str) -> std::io::Result<serde_json::Value> {
    let mut s = UnixStream::connect(socket)?;
    s.write_all(request.as_bytes())?;
    s.shutdown(std::net::Shutdown::Write)?;
    let mut reply = String::new();
    s.read_to_string(&mut reply)?;
    serde_json::from_str(&reply).map_err(std::io::Error::other)
}

fn io_err(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let action = action.into();
    move |source| Error::Io { action, source }
}

/// Waits for slirp4netns's "1" on the ready pipe.
fn wait_ready(ready: OwnedFd) -> Result<std::result::Result<(), String>> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let mut fds = [PollFd::new(ready.as_fd(), PollFlags::POLLIN)];
    let n = poll(&mut fds, PollTimeout::from(READY_TIMEOUT_MS)).map_err(|e| Error::Io {
        action: "waiting for slirp4netns".into(),
        source: e.into(),
    })?;
    if n == 0 {
        return Ok(Err(format!(
            "not ready after {} s",
            READY_TIMEOUT_MS / 1000
        )));
    }
    let mut f = std::fs::File::from(ready);
    let mut b = [0u8; 1];
    match f.read(&mut b) {
        Ok(1) if b[0] == b'1' => Ok(Ok(())),
        Ok(_) => Ok(Err("exited before the namespace was configured".into())),
        Err(e) => Err(io_err("reading slirp4netns's ready pipe")(e)),
    }
}

/// Starts slirp4netns for the network namespace of `container_pid` (a
/// process in the container's own user and network namespaces), and
/// publishes `ports` through its API socket. Returns once the namespace
/// is configured and the ports are bound.
pub fn attach(container_pid: u32, ports: &[PortMapping], opts: &SlirpOptions) -> Result<Helper> {
    super::attach_with_udp_relay(container_pid, ports, |tcp| {
        attach_helper(container_pid, tcp, opts)
    })
}

/// [`attach`] without the UDP relay: the helper alone, publishing `ports`.
fn attach_helper(container_pid: u32, ports: &[PortMapping], opts: &SlirpOptions) -> Result<Helper> {
    let path = find_helper(PROGRAM, PACKAGE)?;
    ports::check_free(ports)?;
    let requests = ports
        .iter()
        .map(|p| hostfwd_request(p, guest_addr(opts)))
        .collect::<Result<Vec<_>>>()?;
    let mut opts = opts.clone();
    if let Some(v) = &opts.outbound_addr {
        opts.outbound_addr = Some(outbound(v, false)?);
    }
    if let Some(v) = &opts.outbound_addr6 {
        opts.outbound_addr6 = Some(outbound(v, true)?);
    }
    let opts = &opts;
    let container = open_pidfd(container_pid)?;
    let dir = TempDir::new("slirp")?;
    let api_socket = dir.0.join("api.sock");
    let log_path = dir.0.join("log");
    let log = fs_err::OpenOptions::new()
        .create(true)
        .truncate(true)
        .read(true)
        .write(true)
        .open(&log_path)
        .map_err(io_err(format!("creating {}", log_path.display())))?;
    let null_in = fs_err::File::open("/dev/null").map_err(io_err("opening /dev/null"))?;
    let null_out = fs_err::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .map_err(io_err("opening /dev/null"))?;
    let (exit_r, exit_w) =
        crate::sys::fs::pipe().map_err(|e| io_err("creating a pipe")(e.into()))?;
    let (ready_r, ready_w) =
        crate::sys::fs::pipe().map_err(|e| io_err("creating a pipe")(e.into()))?;

    let cstr = |s: &[u8]| {
        std::ffi::CString::new(s).map_err(|_| Error::HelperFailed {
            program: PROGRAM,
            message: "an argument contains a NUL byte".into(),
        })
    };
    let mut argv = vec![cstr(PROGRAM.as_bytes())?];
    for a in args(container_pid, opts, &api_socket) {
        argv.push(cstr(a.as_bytes())?);
    }
    let log_for_child: OwnedFd = log
        .try_clone()
        .map_err(io_err("duplicating the log descriptor"))?
        .into();
    let exec = Exec {
        program: cstr(path.as_os_str().as_bytes())?,
        argv,
        fds: vec![
            (null_in.into(), 0),
            (null_out.into(), 1),
            (log_for_child, 2),
            (exit_r, 3),
            (ready_w, 4),
        ],
    };
    let spawned = guard::start(container, Watched::Spawn { exec, hold: exit_w }, 0)
        .map_err(io_err("starting slirp4netns under its guard"))?;
    let pid = spawned.helper;
    let fail = |message: String| {
        guard::terminate(pid);
        Error::HelperFailed {
            program: PROGRAM,
            message,
        }
    };
    if let Err(why) = wait_ready(ready_r)? {
        let mut text = String::new();
        let _ = fs_err::File::open(&log_path).and_then(|mut f| f.read_to_string(&mut text));
        let text = text.trim();
        return Err(fail(if text.is_empty() {
            why
        } else {
            format!("{why}: {}", text.lines().collect::<Vec<_>>().join("; "))
        }));
    }
    for (p, req) in ports.iter().zip(&requests) {
        let reply = api_call(&api_socket, req).map_err(|e| {
            fail(format!(
                "publishing {p} through {}: {e}",
                api_socket.display()
            ))
        })?;
        if let Some(err) = reply.get("error") {
            let desc = err
                .get("desc")
                .and_then(|d| d.as_str())
                .unwrap_or("unknown error");
            return Err(fail(format!("publishing {p}: {desc}")));
        }
    }
    let start_time = guard::start_time(pid).ok_or_else(|| Error::HelperFailed {
        program: PROGRAM,
        message: format!("slirp4netns (pid {pid}) exited right after starting"),
    })?;
    Ok(Helper {
        pid,
        kind: HelperKind::Slirp4netns,
        start_time,
        guard_pid: spawned.guard,
        udp_relay_pid: 0,
        dns: vec![address(opts, 3).into()],
        host: opts.allow_host_loopback.then_some(address(opts, 2).into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_mirror_podman() {
        let a = args(42, &SlirpOptions::default(), Path::new("/run/x/api.sock"));
        assert_eq!(
            a.join(" "),
            "--configure --mtu=65520 --disable-host-loopback --enable-ipv6 --exit-fd=3 \
             --ready-fd=4 --api-socket /run/x/api.sock 42 tap0"
        );
        let o = SlirpOptions {
            allow_host_loopback: true,
            mtu: 1500,
            enable_ipv6: false,
            cidr: Some("10.0.5.0/24".parse().unwrap()),
            outbound_addr: Some("192.0.2.1".into()),
            outbound_addr6: None,
        };
        let a = args(7, &o, Path::new("/s"));
        assert!(a.contains(&"--mtu=1500".to_string()));
        assert!(a.contains(&"--cidr=10.0.5.0/24".to_string()));
        assert!(a.contains(&"--outbound-addr=192.0.2.1".to_string()));
        assert_eq!(guest_addr(&o).to_string(), "10.0.5.100");
        assert_eq!(address(&o, 3).to_string(), "10.0.5.3");
        assert_eq!(
            guest_addr(&SlirpOptions::default()),
            Ipv4Addr::new(10, 0, 2, 100)
        );
        assert!(!a
            .iter()
            .any(|x| x == "--disable-host-loopback" || x == "--enable-ipv6"));
    }

    #[test]
    fn hostfwd_requests() {
        let p = ports::parse_publish_spec("127.0.0.1:8080:80/udp").unwrap()[0];
        let v: serde_json::Value = serde_json::from_str(
            &hostfwd_request(&p, guest_addr(&SlirpOptions::default())).unwrap(),
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"execute": "add_hostfwd", "arguments": {"proto": "udp",
                "host_addr": "127.0.0.1", "host_port": 8080, "guest_addr": "10.0.2.100",
                "guest_port": 80}})
        );
        let p6 = ports::parse_publish_spec("[::1]:8080:80").unwrap()[0];
        assert!(hostfwd_request(&p6, guest_addr(&SlirpOptions::default()))
            .unwrap_err()
            .to_string()
            .contains("IPv4 host addresses only"));
    }
}
