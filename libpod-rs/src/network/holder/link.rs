//! One container's link to one bridge: the veth pair made by netlink and
//! the container's side configured in its namespace.

use std::net::IpAddr;
use std::os::fd::{AsFd, OwnedFd};

use nix::sched::CloneFlags;

use super::{errno, parse_mac, random6, AttachNetwork, Holder, IfAddress, NetworkStatus};
use crate::network::dns::records::{self, Entry};
use crate::network::ipam::{LeaseFile, LeaseRequest};
use crate::network::netlink;
use crate::network::Result;

impl Holder {
    /// Connects a container to one network: bridge, lease, veth (an
    /// interface of the same name in the container is replaced), its
    /// addresses and routes, its DNS names.
    pub(super) fn attach_one(
        &mut self,
        container_id: &str,
        container_name: &str,
        container_dns: &[IpAddr],
        a: &AttachNetwork,
        netns: &OwnedFd,
        default_route: bool,
    ) -> Result<NetworkStatus> {
        let net = &a.network;
        let index = self.bridge(net)?;
        let lease = {
            let mut f = LeaseFile::open(&self.run_dir, &net.name)?;
            let lease = f.table.allocate(
                net,
                container_id,
                &LeaseRequest {
                    static_ips: a.static_ips.clone(),
                    static_mac: a.mac.clone(),
                    interface: a.interface.clone(),
                },
                &mut random6,
            )?;
            f.commit()?;
            lease
        };
        let mac = parse_mac(&lease.mac).unwrap_or_else(|| {
            let mut b = random6();
            b[0] = (b[0] & 0xfe) | 0x02;
            b
        });
        let mut host = [0u8; 4];
        let _ = crate::network::store::random_bytes(&mut host);
        let host_name = format!("veth{}", hex::encode(host));
        let mtu = net.options.get("mtu").and_then(|m| m.parse().ok());
        // An interface of that name already (reload, or re-attaching after
        // a holder restart): replaced.
        self.in_netns(netns, || {
            let nl = netlink::Socket::open()?;
            match netlink::index(&a.interface) {
                Ok(idx) => nl.del_link(idx),
                Err(_) => Ok(()),
            }
        })
        .map_err(errno(format!(
            "replacing the interface of {container_name} on network {}",
            net.name
        )))?;
        self.nl
            .add_veth(&host_name, index, mtu, &a.interface, mac, netns.as_fd())
            .map_err(errno(format!(
                "creating the interface of {container_name} on network {}",
                net.name
            )))?;
        let addresses: Vec<IfAddress> = lease
            .ips
            .iter()
            .map(|ip| IfAddress {
                ip: *ip,
                prefix: net
                    .subnets
                    .iter()
                    .find(|s| s.subnet.contains(*ip))
                    .map_or(32, |s| s.subnet.prefix()),
            })
            .collect();
        let gateways: Vec<IpAddr> = net.subnets.iter().filter_map(|s| s.gateway).collect();
        let default_route = default_route && !net.internal;
        self.in_netns(netns, || {
            let nl = netlink::Socket::open()?;
            crate::sys::net::loopback_up()?;
            let idx = netlink::index(&a.interface)?;
            if addresses.iter().any(|x| x.ip.is_ipv6()) {
                // No duplicate address detection (as netavark): the
                // addresses are leased, and usable at once.
                let _ = fs_err::write(
                    format!("/proc/sys/net/ipv6/conf/{}/accept_dad", a.interface),
                    b"0",
                );
            }
            for addr in &addresses {
                nl.add_address(idx, addr.ip, addr.prefix)?;
            }
            nl.link_up(idx)?;
            if default_route {
                let v4 = gateways.iter().find(|g| g.is_ipv4());
                let v6 = gateways.iter().find(|g| g.is_ipv6());
                if let Some(g) = v4 {
                    nl.add_route(IpAddr::from([0u8, 0, 0, 0]), 0, *g, None)?;
                }
                if let Some(g) = v6 {
                    // Best effort: a kernel without IPv6 on the interface.
                    let _ = nl.add_route(std::net::Ipv6Addr::UNSPECIFIED.into(), 0, *g, None);
                }
            }
            for r in &net.routes {
                nl.add_route(
                    r.destination.addr(),
                    r.destination.prefix(),
                    r.gateway,
                    r.metric,
                )?;
            }
            Ok(())
        })
        .map_err(errno(format!(
            "configuring the interface of {container_name} on network {}",
            net.name
        )))?;
        if net.dns_enabled {
            let mut names = vec![container_name.to_ascii_lowercase()];
            names.extend(a.aliases.iter().map(|x| x.to_ascii_lowercase()));
            names.dedup();
            let dns_servers: Vec<IpAddr> = net
                .network_dns_servers
                .iter()
                .filter_map(|s| s.parse().ok())
                .collect();
            records::set_entry(
                &self.run_dir,
                &net.name,
                &gateways,
                &dns_servers,
                Entry {
                    container_id: container_id.to_string(),
                    ipv4: lease
                        .ips
                        .iter()
                        .filter_map(|i| match i {
                            IpAddr::V4(v) => Some(*v),
                            IpAddr::V6(_) => None,
                        })
                        .collect(),
                    ipv6: lease
                        .ips
                        .iter()
                        .filter_map(|i| match i {
                            IpAddr::V6(v) => Some(*v),
                            IpAddr::V4(_) => None,
                        })
                        .collect(),
                    names,
                    dns_servers: container_dns.to_vec(),
                },
            )?;
        }
        Ok(NetworkStatus {
            name: net.name.clone(),
            id: net.id.clone(),
            interface: a.interface.clone(),
            addresses,
            gateways,
            mac: lease.mac.clone(),
            aliases: a.aliases.clone(),
            dns: net.dns_enabled,
            internal: net.internal,
        })
    }

    /// Runs `f` in the network namespace `netns`, on a thread of its own:
    /// the main thread stays in the holder's namespace, so
    /// `/proc/HOLDER/ns/net` (the main thread's) is the holder's for
    /// whoever opens it meanwhile: pasta attaching to a new holder runs
    /// while the first container is attached, and on this thread it once
    /// joined the container's namespace instead (`Failed to open tun socket
    /// in namespace`, its interface name taken by the container's eth0).
    pub(super) fn in_netns<T: Send>(
        &self,
        netns: &OwnedFd,
        f: impl FnOnce() -> std::result::Result<T, nix::errno::Errno> + Send,
    ) -> std::result::Result<T, nix::errno::Errno> {
        let fd = netns.as_fd();
        std::thread::scope(|s| {
            s.spawn(move || {
                nix::sched::setns(fd, CloneFlags::CLONE_NEWNET)?;
                f()
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}
