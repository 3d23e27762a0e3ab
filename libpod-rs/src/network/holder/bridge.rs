//! Bridges in the holder's namespace: their devices, addresses and
//! netfilter rules (restored with `iptables-restore`).

use std::io::Write;
use std::net::UdpSocket;
use std::path::PathBuf;

use super::{errno, io, Holder};
use crate::network::config::Network;
use crate::network::dns::records::{self};
use crate::network::dns::ServedNetwork;
use crate::network::netlink;
use crate::network::{Error, Result};

/// Finds `program` (iptables-restore, ip6tables-restore) in $PATH or the
/// sbin directories, which an unprivileged user's $PATH often lacks.
pub(super) fn find_sbin(program: &'static str) -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(
            ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
                .iter()
                .map(PathBuf::from),
        )
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .ok_or(Error::MissingHelper {
            program,
            package: "iptables",
            dirs: "/usr/sbin, /sbin".into(),
        })
}

/// Loads netfilter `rules` with `program --noflush` (in the holder's
/// namespace).
pub(super) fn restore(program: &'static str, rules: &str, network: &str) -> Result<()> {
    let program_path = find_sbin(program)?;
    let mut child = std::process::Command::new(&program_path)
        .arg("--noflush")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(io(format!("running {}", program_path.display())))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(rules.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(io(format!("running {}", program_path.display())))?;
    if !out.status.success() {
        return Err(Error::HelperFailed {
            program,
            message: format!(
                "setting the rules of network {network}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    Ok(())
}

/// The netfilter rules of a bridge (for `iptables-restore --noflush`, or
/// with `ipv6` `ip6tables-restore`): masquerade out of its subnets of that
/// family unless internal; no forwarding between it and the other bridges
/// (`others`), nor anywhere for an internal one.
pub fn rules(net: &Network, bridge: &str, others: &[String], ipv6: bool) -> String {
    let mut nat = String::new();
    if !net.internal {
        for s in net
            .subnets
            .iter()
            .filter(|s| s.subnet.addr().is_ipv6() == ipv6)
        {
            let sub = s.subnet.to_string();
            nat.push_str(&format!(
                "-A POSTROUTING -s {sub} ! -d {sub} -j MASQUERADE\n"
            ));
        }
    }
    let mut filter = format!("-A FORWARD -i {bridge} -o {bridge} -j ACCEPT\n");
    for o in others {
        filter.push_str(&format!("-A FORWARD -i {bridge} -o {o} -j DROP\n"));
        filter.push_str(&format!("-A FORWARD -i {o} -o {bridge} -j DROP\n"));
    }
    if net.internal {
        filter.push_str(&format!("-A FORWARD -i {bridge} -j DROP\n"));
        filter.push_str(&format!("-A FORWARD -o {bridge} -j DROP\n"));
    }
    format!("*nat\n{nat}COMMIT\n*filter\n{filter}COMMIT\n")
}

/// The name of a bridge's interface: the definition's, else `podman0`.
pub(super) fn bridge_name(net: &Network) -> String {
    if net.network_interface.is_empty() {
        "podman0".into()
    } else {
        net.network_interface.clone()
    }
}

pub(super) fn parse_mac(mac: &str) -> Option<[u8; 6]> {
    let mut b = [0u8; 6];
    let parts: Vec<&str> = mac.split(':').collect();
    if parts.len() != 6 {
        return None;
    }
    for (i, p) in parts.iter().enumerate() {
        b[i] = u8::from_str_radix(p, 16).ok()?;
    }
    Some(b)
}

pub(super) fn random6() -> [u8; 6] {
    let mut b = [0u8; 6];
    let _ = crate::network::store::random_bytes(&mut b);
    b
}

/// A bridge the holder made.
pub(super) struct Bridge {
    pub(super) name: String,
    pub(super) index: u32,
}

/// A network namespace's identity (device, inode), from a descriptor.
pub(super) fn netns_id(fd: &impl std::os::fd::AsRawFd) -> Option<(u64, u64)> {
    nix::sys::stat::fstat(fd.as_raw_fd())
        .ok()
        .map(|st| (st.st_dev, st.st_ino))
}

impl Holder {
    /// The bridge of `net`, created with its addresses, rules and DNS
    /// socket when it is the first container's.
    pub(super) fn bridge(&mut self, net: &Network) -> Result<u32> {
        if let Some(b) = self.bridges.get(&net.name) {
            return Ok(b.index);
        }
        let name = bridge_name(net);
        let mtu = net.options.get("mtu").and_then(|m| m.parse().ok());
        let fail = |what: &str| {
            let what = format!("{what} of network {}", net.name);
            move |e: nix::errno::Errno| errno(what)(e)
        };
        self.nl
            .add_bridge(&name, mtu)
            .map_err(fail("creating the bridge"))?;
        let index = netlink::index(&name).map_err(fail("finding the bridge"))?;
        for s in &net.subnets {
            if let Some(gw) = s.gateway {
                self.nl
                    .add_address(index, gw, s.subnet.prefix())
                    .map_err(fail("adding the gateway address"))?;
            }
        }
        self.nl
            .link_up(index)
            .map_err(fail("bringing up the bridge"))?;
        let others: Vec<String> = self.bridges.values().map(|b| b.name.clone()).collect();
        restore(
            "iptables-restore",
            &rules(net, &name, &others, false),
            &net.name,
        )?;
        // IPv6: masquerade for its IPv6 subnets, and the same isolation
        // (an IPv6 address is on every bridge once the kernel gives it a
        // link-local one); best effort without ip6tables.
        if let Err(e) = restore(
            "ip6tables-restore",
            &rules(net, &name, &others, true),
            &net.name,
        ) {
            let v6 = net.subnets.iter().any(|s| s.subnet.addr().is_ipv6());
            if v6 {
                return Err(e);
            }
            tracing::warn!("{e}");
        }
        if net.dns_enabled {
            for gw in net.subnets.iter().filter_map(|s| s.gateway).take(1) {
                match UdpSocket::bind((gw, 53)) {
                    Ok(sock) => {
                        let served = ServedNetwork {
                            name: net.name.clone(),
                            records: records::records_file(&self.run_dir, &net.name),
                            internal: net.internal,
                        };
                        if let Err(e) = self.responder.serve(sock, served) {
                            tracing::warn!("serving names on {}: {e}", net.name);
                        }
                    }
                    Err(e) => tracing::warn!("binding {gw}:53 for network {}: {e}", net.name),
                }
            }
        }
        self.bridges
            .insert(net.name.clone(), Bridge { name, index });
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_masquerade_and_isolate() {
        let mut net = crate::network::config::default_network(crate::network::store::now());
        let r = rules(&net, "podman0", &["podman1".into()], false);
        assert!(r.contains("-A POSTROUTING -s 10.88.0.0/16 ! -d 10.88.0.0/16 -j MASQUERADE"));
        assert!(r.contains("-A FORWARD -i podman0 -o podman1 -j DROP"));
        assert!(r.contains("-A FORWARD -i podman1 -o podman0 -j DROP"));
        net.internal = true;
        let r = rules(&net, "podman0", &[], false);
        assert!(!r.contains("MASQUERADE"));
        assert!(r.contains("-A FORWARD -i podman0 -j DROP"));
    }

    #[test]
    fn ipv6_rules_masquerade_v6_subnets_only() {
        let mut net = crate::network::config::default_network(crate::network::store::now());
        net.subnets.push(crate::network::config::Subnet {
            subnet: "fd00:1::/64".parse().unwrap(),
            gateway: Some("fd00:1::1".parse().unwrap()),
            lease_range: None,
        });
        let r = rules(&net, "podman0", &["podman1".into()], true);
        assert!(r.contains("-A POSTROUTING -s fd00:1::/64 ! -d fd00:1::/64 -j MASQUERADE"));
        assert!(!r.contains("10.88.0.0/16"));
        assert!(r.contains("-A FORWARD -i podman0 -o podman1 -j DROP"));
        let r = rules(&net, "podman0", &[], false);
        assert!(!r.contains("fd00:1::/64"));
    }

    #[test]
    fn macs_parse() {
        assert_eq!(
            parse_mac("02:42:ac:11:00:02"),
            Some([2, 0x42, 0xac, 0x11, 0, 2])
        );
        assert_eq!(parse_mac("nope"), None);
    }
}
