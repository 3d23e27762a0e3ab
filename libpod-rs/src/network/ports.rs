//! Published ports: the `-p`/`--publish` grammar, `-P` (publish every
//! exposed port), the check that host ports are free before a helper binds
//! them, and podman's PORTS column (`0.0.0.0:8080->80/tcp`).
//!
//! Parsing is pure ([`parse_publish_spec`], [`publish_all`]); only choosing
//! free host ports ([`assign_free_ports`]) and [`check_free`] touch sockets.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::Error;
use crate::spec::Invalid;

/// Transport protocol of a published port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// TCP (the default when `-p` names none).
    Tcp,
    /// UDP.
    Udp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

impl FromStr for Protocol {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s.to_ascii_lowercase().as_str() {
            "tcp" => Ok(Protocol::Tcp),
            "udp" => Ok(Protocol::Udp),
            "sctp" => Err(Invalid::new(
                "sctp cannot be published by rootless networking (pasta, slirp4netns): use tcp or udp",
            )),
            _ => Err(Invalid::new(format!("unknown protocol {s:?}: use tcp or udp"))),
        }
    }
}

/// One host port forwarded to one container port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortMapping {
    /// The host address to bind; `None` binds every address.
    pub host_ip: Option<IpAddr>,
    /// The host port; 0 only before a free port is chosen.
    pub host_port: u16,
    /// The port inside the container.
    pub container_port: u16,
    /// TCP or UDP.
    pub protocol: Protocol,
}

fn fmt_ip(ip: Option<IpAddr>) -> String {
    match ip {
        None => "0.0.0.0".to_string(),
        Some(IpAddr::V4(a)) => a.to_string(),
        Some(IpAddr::V6(a)) => format!("[{a}]"),
    }
}

impl fmt::Display for PortMapping {
    /// podman's PORTS column form: `0.0.0.0:8080->80/tcp`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}->{}/{}",
            fmt_ip(self.host_ip),
            self.host_port,
            self.container_port,
            self.protocol
        )
    }
}

/// Consecutive mappings merged: `len` host ports from `host_port` to `len`
/// container ports from `container_port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRange {
    /// The host address to bind; `None` binds every address.
    pub host_ip: Option<IpAddr>,
    /// First host port.
    pub host_port: u16,
    /// First container port.
    pub container_port: u16,
    /// Number of ports (at least 1).
    pub len: u16,
    /// TCP or UDP.
    pub protocol: Protocol,
}

impl PortRange {
    /// Last host port of the range.
    pub fn host_end(&self) -> u16 {
        self.host_port + (self.len - 1)
    }

    /// Last container port of the range.
    pub fn container_end(&self) -> u16 {
        self.container_port + (self.len - 1)
    }
}

impl fmt::Display for PortRange {
    /// `0.0.0.0:8000-8010->8000-8010/tcp`, or the single-port form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.len == 1 {
            write!(
                f,
                "{}:{}->{}/{}",
                fmt_ip(self.host_ip),
                self.host_port,
                self.container_port,
                self.protocol
            )
        } else {
            write!(
                f,
                "{}:{}-{}->{}-{}/{}",
                fmt_ip(self.host_ip),
                self.host_port,
                self.host_end(),
                self.container_port,
                self.container_end(),
                self.protocol
            )
        }
    }
}

/// Merges mappings into ranges: sorted by protocol, address and host port,
/// then runs where host and container ports both go up by one are joined.
pub fn ranges(ports: &[PortMapping]) -> Vec<PortRange> {
    let mut sorted = ports.to_vec();
    sorted.sort_by_key(|p| (p.protocol, p.host_ip, p.host_port, p.container_port));
    sorted.dedup();
    let mut out: Vec<PortRange> = Vec::new();
    for p in sorted {
        if let Some(last) = out.last_mut() {
            if last.protocol == p.protocol
                && last.host_ip == p.host_ip
                && u32::from(last.host_end()) + 1 == u32::from(p.host_port)
                && u32::from(last.container_end()) + 1 == u32::from(p.container_port)
            {
                last.len += 1;
                continue;
            }
        }
        out.push(PortRange {
            host_ip: p.host_ip,
            host_port: p.host_port,
            container_port: p.container_port,
            len: 1,
            protocol: p.protocol,
        });
    }
    out
}

/// The PORTS column of `podman ps`: ranges merged, comma separated, e.g.
/// `0.0.0.0:8000-8002->8000-8002/tcp, 127.0.0.1:53->53/udp`.
pub fn format_ports(ports: &[PortMapping]) -> String {
    ranges(ports)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `N` or `N-M` → (first, count). `what` names the field for errors.
fn parse_range(s: &str, what: &str) -> Result<(u16, u16), Invalid> {
    let port = |p: &str| -> Result<u16, Invalid> {
        match p.parse::<u32>() {
            Ok(n) if (1..=65535).contains(&n) => Ok(n as u16),
            Ok(n) => Err(Invalid::new(format!(
                "invalid {what} {n}: ports are 1-65535"
            ))),
            Err(_) => Err(Invalid::new(format!(
                "invalid {what} {p:?}: expected a number 1-65535 or a range like 8000-8010"
            ))),
        }
    };
    match s.split_once('-') {
        None => Ok((port(s)?, 1)),
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if b < a {
                return Err(Invalid::new(format!(
                    "invalid {what} range {s}: the end is below the start"
                )));
            }
            Ok((a, b - a + 1))
        }
    }
}

/// Parses one `-p` value without choosing host ports: an omitted host port
/// stays 0. Grammar (podman's): `[[ip:][hostPort]:]containerPort[/proto]`,
/// where the ports may be ranges (`8000-8010`), an IPv6 address is written
/// in brackets (`[::1]:8080:80`) and proto is `tcp`, `udp` or `tcp,udp`.
pub fn parse_publish_spec(s: &str) -> Result<Vec<PortMapping>, Invalid> {
    if s.is_empty() {
        return Err(Invalid::new("empty port specification"));
    }
    let (rest, protos) = match s.rsplit_once('/') {
        Some((rest, p)) => {
            let mut protos = Vec::new();
            for one in p.split(',') {
                let proto: Protocol = one.parse()?;
                if !protos.contains(&proto) {
                    protos.push(proto);
                }
            }
            (rest, protos)
        }
        None => (s, vec![Protocol::Tcp]),
    };

    // Split off a bracketed IPv6 address first, then the colon fields.
    let (host_ip, fields): (Option<&str>, Vec<&str>) = if let Some(after) = rest.strip_prefix('[') {
        let (ip, tail) = after
            .split_once(']')
            .ok_or_else(|| Invalid::new("missing ']' after the IPv6 address"))?;
        let tail = tail
            .strip_prefix(':')
            .ok_or_else(|| Invalid::new("expected ':' after the bracketed address"))?;
        (Some(ip), tail.split(':').collect())
    } else {
        let parts: Vec<&str> = rest.split(':').collect();
        match parts.len() {
            1 | 2 => (None, parts),
            3 => (Some(parts[0]), parts[1..].to_vec()),
            _ => {
                return Err(Invalid::new(
                    "too many ':' fields: write IPv6 addresses in brackets, as [::1]:8080:80",
                ))
            }
        }
    };
    let (host, container) = match fields.as_slice() {
        [c] if host_ip.is_none() => (None, *c),
        [h, c] => (Some(*h).filter(|h| !h.is_empty()), *c),
        _ => return Err(Invalid::new("expected [ip:][hostPort:]containerPort")),
    };
    let host_ip = match host_ip.filter(|ip| !ip.is_empty()) {
        None => None,
        Some(ip) => Some(
            ip.parse::<IpAddr>()
                .map_err(|_| Invalid::new(format!("invalid host IP address {ip:?}")))?,
        ),
    };
    let host_ip = host_ip.filter(|ip| !ip.is_unspecified() || ip.is_ipv6());
    let (cport, clen) = parse_range(container, "container port")?;
    let (hport, hlen) = match host {
        Some(h) => parse_range(h, "host port")?,
        None => (0, clen),
    };
    if hlen != clen {
        return Err(Invalid::new(format!(
            "host and container port ranges have different lengths: {hlen} vs {clen}"
        )));
    }
    let mut out = Vec::with_capacity(usize::from(clen) * protos.len());
    for proto in protos {
        for i in 0..clen {
            out.push(PortMapping {
                host_ip,
                host_port: if hport == 0 { 0 } else { hport + i },
                container_port: cport + i,
                protocol: proto,
            });
        }
    }
    Ok(out)
}

/// `--expose PORT[-END][/PROTOCOL]`: ports the container says it uses
/// (besides the image's `EXPOSE`), which `-P` publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expose {
    /// The first port.
    pub start: u16,
    /// The last port (`start` for one).
    pub end: u16,
    /// tcp (the default) or udp.
    pub protocol: Protocol,
}

impl Expose {
    /// The ports as image-config keys (`80/tcp`), one per port.
    pub fn keys(&self) -> Vec<String> {
        (self.start..=self.end)
            .map(|p| format!("{p}/{}", self.protocol))
            .collect()
    }
}

impl FromStr for Expose {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Expose, Invalid> {
        let (ports, proto) = s.split_once('/').unwrap_or((s, "tcp"));
        let protocol: Protocol = proto.parse()?;
        let port = |p: &str| {
            p.trim()
                .parse::<u16>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    Invalid::new(format!("invalid port {p:?}: give a number from 1 to 65535"))
                })
        };
        let (start, end) = match ports.split_once('-') {
            Some((a, b)) => (port(a)?, port(b)?),
            None => (port(ports)?, port(ports)?),
        };
        if end < start {
            return Err(Invalid::new(format!(
                "invalid range {ports}: the end is below the start"
            )));
        }
        Ok(Expose {
            start,
            end,
            protocol,
        })
    }
}

/// `-P`: every port the image exposes (EXPOSE keys such as `80/tcp`,
/// `53/udp`, `8000-8002/tcp`; a bare `80` is TCP), host ports to be chosen
/// (0, see [`assign_free_ports`]).
pub fn publish_all(exposed: &[String]) -> Result<Vec<PortMapping>, Invalid> {
    let mut ports = Vec::new();
    for key in exposed {
        let (port, proto) = key.split_once('/').unwrap_or((key.as_str(), "tcp"));
        let spec = format!("{port}/{proto}");
        ports.extend(
            parse_publish_spec(&spec)
                .map_err(|e| Invalid::new(format!("exposed port {key}: {e}")))?,
        );
    }
    Ok(ports)
}

fn bind_addr(ip: Option<IpAddr>, port: u16) -> SocketAddr {
    SocketAddr::new(ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)), port)
}

enum Held {
    // Kept open until every port is chosen, so two mappings never get the
    // same port.
    Tcp(TcpListener),
    Udp(UdpSocket),
}

fn bind(p: &PortMapping, port: u16) -> io::Result<Held> {
    let addr = bind_addr(p.host_ip, port);
    Ok(match p.protocol {
        Protocol::Tcp => Held::Tcp(TcpListener::bind(addr)?),
        Protocol::Udp => Held::Udp(UdpSocket::bind(addr)?),
    })
}

fn local_port(h: &Held) -> io::Result<u16> {
    Ok(match h {
        Held::Tcp(l) => l.local_addr()?.port(),
        Held::Udp(u) => u.local_addr()?.port(),
    })
}

/// Gives every mapping whose host port is 0 a free ephemeral port, chosen by
/// the kernel (bind to port 0).
pub fn assign_free_ports(ports: &mut [PortMapping]) -> Result<(), Error> {
    let mut held = Vec::new();
    for p in ports.iter_mut().filter(|p| p.host_port == 0) {
        let h = bind(p, 0).map_err(|source| Error::Io {
            action: format!(
                "choosing a free host port for container port {}/{}",
                p.container_port, p.protocol
            ),
            source,
        })?;
        p.host_port = local_port(&h).map_err(|source| Error::Io {
            action: "reading the chosen host port".into(),
            source,
        })?;
        held.push(h);
    }
    Ok(())
}

/// The lowest port an unprivileged user may bind.
fn unprivileged_port_start() -> u16 {
    fs_err::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024)
}

/// Checks that every host port can be bound now, by binding it briefly, so
/// a conflict is reported before a helper starts, naming the port.
pub fn check_free(ports: &[PortMapping]) -> Result<(), Error> {
    for p in ports {
        bind_checked(p)?;
    }
    Ok(())
}

/// Binds the host side of UDP mappings and keeps the sockets (for rpod's
/// own UDP relay, see `udp_proxy`); errors name the port as
/// [`check_free`]'s do.
pub fn bind_udp(ports: &[PortMapping]) -> Result<Vec<(PortMapping, UdpSocket)>, Error> {
    let mut out = Vec::new();
    for p in ports.iter().filter(|p| p.protocol == Protocol::Udp) {
        if let Held::Udp(s) = bind_checked(p)? {
            out.push((*p, s));
        }
    }
    Ok(out)
}

/// Binds the host side of TCP mappings and keeps the listeners (for the
/// bridge networks' relay in the holder); errors name the port as
/// [`check_free`]'s do.
pub fn bind_tcp(ports: &[PortMapping]) -> Result<Vec<(PortMapping, TcpListener)>, Error> {
    let mut out = Vec::new();
    for p in ports.iter().filter(|p| p.protocol == Protocol::Tcp) {
        if let Held::Tcp(l) = bind_checked(p)? {
            out.push((*p, l));
        }
    }
    Ok(out)
}

/// Binds one mapping's host port, turning failures into errors that name it.
fn bind_checked(p: &PortMapping) -> Result<Held, Error> {
    let shown = match p.host_ip {
        None => format!("{}/{}", p.host_port, p.protocol),
        Some(ip) => format!("{}:{}/{}", fmt_ip(Some(ip)), p.host_port, p.protocol),
    };
    bind(p, p.host_port).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => Error::PortInUse { port: shown },
        io::ErrorKind::PermissionDenied => Error::PortPrivileged {
            port: shown,
            start: unprivileged_port_start(),
        },
        io::ErrorKind::AddrNotAvailable => Error::PortAddress {
            port: shown,
            source: e,
        },
        _ => Error::Io {
            action: format!("checking host port {shown}"),
            source: e,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expose_grammar() {
        let e: Expose = "8000-8002/udp".parse().unwrap();
        assert_eq!(e.keys(), ["8000/udp", "8001/udp", "8002/udp"]);
        assert_eq!("80".parse::<Expose>().unwrap().keys(), ["80/tcp"]);
        assert!("0".parse::<Expose>().is_err());
        assert!("9-8".parse::<Expose>().is_err());
        assert!("80/sctpx".parse::<Expose>().is_err());
    }

    fn m(ip: Option<&str>, h: u16, c: u16, p: Protocol) -> PortMapping {
        PortMapping {
            host_ip: ip.map(|i| i.parse().unwrap()),
            host_port: h,
            container_port: c,
            protocol: p,
        }
    }
    use Protocol::{Tcp, Udp};

    #[test]
    fn parses_every_publish_form() {
        let cases: &[(&str, Vec<PortMapping>)] = &[
            ("80", vec![m(None, 0, 80, Tcp)]),
            ("8080:80", vec![m(None, 8080, 80, Tcp)]),
            ("8080:80/udp", vec![m(None, 8080, 80, Udp)]),
            ("8080:80/TCP", vec![m(None, 8080, 80, Tcp)]),
            (
                "127.0.0.1:8080:80",
                vec![m(Some("127.0.0.1"), 8080, 80, Tcp)],
            ),
            ("127.0.0.1::80", vec![m(Some("127.0.0.1"), 0, 80, Tcp)]),
            ("0.0.0.0:8080:80", vec![m(None, 8080, 80, Tcp)]),
            ("[::1]:8080:80", vec![m(Some("::1"), 8080, 80, Tcp)]),
            ("[::1]::80/udp", vec![m(Some("::1"), 0, 80, Udp)]),
            (
                "8000-8002:9000-9002",
                vec![
                    m(None, 8000, 9000, Tcp),
                    m(None, 8001, 9001, Tcp),
                    m(None, 8002, 9002, Tcp),
                ],
            ),
            (
                "53:53/tcp,udp",
                vec![m(None, 53, 53, Tcp), m(None, 53, 53, Udp)],
            ),
            ("1-2", vec![m(None, 0, 1, Tcp), m(None, 0, 2, Tcp)]),
        ];
        for (spec, want) in cases {
            assert_eq!(&parse_publish_spec(spec).unwrap(), want, "{spec}");
        }
    }

    #[test]
    fn rejects_bad_publish_values() {
        let cases: &[(&str, &str)] = &[
            ("70000", "invalid container port 70000: ports are 1-65535"),
            ("70000:80", "invalid host port 70000"),
            ("abc", "invalid container port \"abc\""),
            ("0", "invalid container port 0"),
            ("8000-8010:80-81", "different lengths: 11 vs 2"),
            ("8080:80-81", "different lengths: 1 vs 2"),
            ("90-80", "the end is below the start"),
            ("80/sctp", "sctp cannot be published"),
            ("80/icmp", "unknown protocol"),
            ("::1:8080:80", "write IPv6 addresses in brackets"),
            ("[::1:8080:80", "missing ']'"),
            ("nonsense:8080:80", "invalid host IP address"),
            ("", "empty"),
        ];
        for (spec, want) in cases {
            let e = parse_publish_spec(spec).unwrap_err().to_string();
            assert!(e.contains(want), "{spec}: {e}");
        }
    }

    #[test]
    fn omitted_host_ports_get_distinct_free_ports() {
        let mut ports = parse_publish_spec("127.0.0.1::7000-7004").unwrap();
        assign_free_ports(&mut ports).unwrap();
        assert_eq!(ports.len(), 5);
        let mut hosts: Vec<u16> = ports.iter().map(|p| p.host_port).collect();
        assert!(hosts.iter().all(|&h| h != 0));
        hosts.sort();
        hosts.dedup();
        assert_eq!(hosts.len(), 5);
    }

    #[test]
    fn publish_all_takes_image_expose_keys() {
        let ports = publish_all(&["80/tcp".into(), "53/udp".into(), "9000".into()]).unwrap();
        let got: Vec<(u16, Protocol)> = ports
            .iter()
            .map(|p| (p.container_port, p.protocol))
            .collect();
        assert_eq!(got, vec![(80, Tcp), (53, Udp), (9000, Tcp)]);
        assert!(ports
            .iter()
            .all(|p| p.host_port == 0 && p.host_ip.is_none()));
        assert!(publish_all(&["x/tcp".into()]).is_err());
    }

    #[test]
    fn formats_like_podman_ps() {
        assert_eq!(m(None, 8080, 80, Tcp).to_string(), "0.0.0.0:8080->80/tcp");
        assert_eq!(
            m(Some("::1"), 8080, 80, Udp).to_string(),
            "[::1]:8080->80/udp"
        );
        let ports = [
            m(Some("127.0.0.1"), 53, 53, Udp),
            m(None, 8001, 8001, Tcp),
            m(None, 8000, 8000, Tcp),
            m(None, 8002, 8002, Tcp),
            m(None, 9000, 80, Tcp),
            m(None, 9001, 90, Tcp),
        ];
        assert_eq!(
            format_ports(&ports),
            "0.0.0.0:8000-8002->8000-8002/tcp, 0.0.0.0:9000->80/tcp, \
             0.0.0.0:9001->90/tcp, 127.0.0.1:53->53/udp"
        );
        assert_eq!(format_ports(&[]), "");
    }

    #[test]
    fn check_free_names_a_port_in_use() {
        let held = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = held.local_addr().unwrap().port();
        let e = check_free(&[m(Some("127.0.0.1"), port, 80, Tcp)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "host port 127.0.0.1:{port}/tcp: address already in use: choose another with -p HOST:CONTAINER"
            )
        );
        drop(held);
        check_free(&[m(Some("127.0.0.1"), port, 80, Tcp)]).unwrap();
    }
}
