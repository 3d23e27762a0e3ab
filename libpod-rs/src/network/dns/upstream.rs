//! The host's resolvers, from /etc/resolv.conf, that the DNS responder
//! forwards other names to. The responder runs in the rootless network
//! namespace, where the host's loopback is not reachable: loopback
//! resolvers (systemd-resolved's 127.0.0.53, a local dnsmasq) are skipped,
//! or mapped to the address at which the namespace's network helper
//! forwards DNS to the host (pasta's `--dns-forward`), or kept when the
//! responder shares the host's network namespace (tests).

use std::net::{IpAddr, SocketAddr, SocketAddrV6};

/// What to do with loopback resolvers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loopback {
    /// Leave them out (unreachable from the responder).
    Skip,
    /// Keep them (the responder shares the host's network namespace).
    Keep,
    /// Replace each by this address (a helper forwards it to the host's loopback).
    MapTo(IpAddr),
}

/// The DNS port.
pub const DNS_PORT: u16 = 53;

/// At most this many resolvers are used (aardvark-dns and glibc: three).
pub const MAX_RESOLVERS: usize = 3;

/// The resolvers of a resolv.conf text, in order, at most
/// [`MAX_RESOLVERS`], without duplicates.
pub fn parse_resolv_conf(text: &str, loopback: Loopback) -> Vec<SocketAddr> {
    let mut out: Vec<SocketAddr> = Vec::new();
    for line in text.lines() {
        let line = line.split(['#', ';']).next().unwrap_or("");
        let mut words = line.split_whitespace();
        if words.next() != Some("nameserver") {
            continue;
        }
        let Some(value) = words.next() else { continue };
        // A numeric IPv6 zone (`fe80::1%2`); named zones are not resolved here.
        let (addr, zone) = match value.split_once('%') {
            Some((a, z)) => match z.parse::<u32>() {
                Ok(z) => (a, z),
                Err(_) => continue,
            },
            None => (value, 0),
        };
        let Ok(ip) = addr.parse::<IpAddr>() else {
            continue;
        };
        let ip = if ip.is_loopback() {
            match loopback {
                Loopback::Skip => continue,
                Loopback::Keep => ip,
                Loopback::MapTo(m) => m,
            }
        } else {
            ip
        };
        let sa = match ip {
            IpAddr::V6(v6) => SocketAddr::V6(SocketAddrV6::new(v6, DNS_PORT, 0, zone)),
            v4 => SocketAddr::new(v4, DNS_PORT),
        };
        if !out.contains(&sa) {
            out.push(sa);
        }
        if out.len() == MAX_RESOLVERS {
            break;
        }
    }
    out
}

/// The host's resolvers from /etc/resolv.conf (none when unreadable).
pub fn host_resolvers(loopback: Loopback) -> Vec<SocketAddr> {
    fs_err::read_to_string("/etc/resolv.conf")
        .map(|t| parse_resolv_conf(&t, loopback))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_resolvers() {
        let text = "# generated\nsearch example.com\nnameserver 127.0.0.53\n\
                    nameserver 192.0.2.1 ; office\nnameserver fe80::1%2\nnameserver fe80::2%eth0\n\
                    nameserver 192.0.2.1\nnameserver bogus\noptions edns0\nnameserver 192.0.2.9\n";
        let addrs = |l| {
            parse_resolv_conf(text, l)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            addrs(Loopback::Skip),
            ["192.0.2.1:53", "[fe80::1%2]:53", "192.0.2.9:53"]
        );
        assert_eq!(
            addrs(Loopback::Keep),
            ["127.0.0.53:53", "192.0.2.1:53", "[fe80::1%2]:53"]
        );
        assert_eq!(
            addrs(Loopback::MapTo("169.254.1.1".parse().unwrap()))[0],
            "169.254.1.1:53"
        );
        assert!(parse_resolv_conf("", Loopback::Keep).is_empty());
    }
}
