//! A container on bridge networks attached through the holder: its
//! request, its published ports, its `/etc` files.

use super::error::ContainerNetworkError;
use super::holder::{Holder, HolderJoin, RunningBridge};
use crate::container::etc::{EtcContent, NetworkFiles};
use crate::container::Container;
use crate::engine::Engine;
use crate::error::Result;
use crate::network::{self, HostEntry};

impl Engine {
    /// are now, else `ethN` by position).
    fn attach_request(
        &self,
        c: &Container,
        keep_relays: bool,
    ) -> Result<network::holder::AttachRequest> {
        use network::holder::{AttachNetwork, AttachRequest};
        let mut networks = Vec::new();
        if let network::Mode::Bridge(atts) = &c.config.network {
            for (i, a) in atts.iter().enumerate() {
                let current = c
                    .state
                    .networks
                    .iter()
                    .find(|s| s.name == a.network)
                    .map(|s| s.interface.clone());
                networks.push(AttachNetwork {
                    network: self.network(&a.network)?,
                    static_ips: a.static_ips.clone(),
                    mac: a.mac.map(|m| m.to_string()),
                    aliases: c.network_aliases(a),
                    interface: a
                        .interface_name
                        .clone()
                        .or(current)
                        .unwrap_or_else(|| format!("eth{i}")),
                });
            }
        }
        Ok(AttachRequest {
            container_id: c.config.id.clone(),
            name: c.config.name.clone(),
            dns_servers: c.config.dns.clone(),
            networks,
            keep_relays,
        })
    }

    /// Hands the holder `c`'s published TCP ports (their listening
    /// sockets, bound here in the host's namespace), a message per
    /// [`crate::sys::channel::MAX_FDS`] ports.
    fn publish_ports(
        holder: &Holder,
        c: &Container,
        listeners: &[(network::ports::PortMapping, std::net::TcpListener)],
    ) -> Result<()> {
        use network::holder::{self, Request};
        use std::os::fd::AsFd;
        for chunk in listeners.chunks(crate::sys::channel::MAX_FDS) {
            let req = Request::Publish {
                container_id: c.config.id.clone(),
                ports: chunk.iter().map(|(p, _)| *p).collect(),
            };
            let fds: Vec<_> = chunk.iter().map(|(_, l)| l.as_fd()).collect();
            holder::call(&holder.conn, &req, &fds)?;
        }
        Ok(())
    }

    /// Connects a running container to its networks again, with the same
    /// addresses (a new holder after one was killed; `network reload`);
    /// with `keep_relays`, relays the holder still runs stay.
    pub(crate) fn reattach(
        &self,
        holder: &Holder,
        rb: &RunningBridge,
        keep_relays: bool,
    ) -> Result<Vec<network::holder::NetworkStatus>> {
        use network::holder::{self, Reply, Request};
        use std::os::fd::AsFd;
        let c = &rb.container;
        let req = self.attach_request(c, keep_relays)?;
        let fds = [rb.pidfd.as_fd(), rb.netns.as_fd()];
        let Reply::Attached { networks, relaying } =
            holder::call(&holder.conn, &Request::Attach(req), &fds)?
        else {
            return Err(ContainerNetworkError::HolderOutOfTurn.into());
        };
        if !relaying {
            let listeners = network::ports::bind_tcp(&c.config.port_mappings)?;
            Self::publish_ports(holder, c, &listeners)?;
        }
        self.write_bridge_etc(c, holder.host, &networks)?;
        Ok(networks)
    }

    /// Connects a container just created (PID `pid`) to its networks
    /// through the holder, and writes its /etc files.
    pub(in crate::engine::containers) fn attach_bridge(
        &self,
        c: &Container,
        join: &mut HolderJoin,
        pid: i32,
    ) -> Result<Vec<network::holder::NetworkStatus>> {
        use network::holder::{self, Reply, Request};
        use std::os::fd::AsFd;
        if !matches!(c.config.network, network::Mode::Bridge(_)) {
            return Ok(Vec::new());
        }
        let req = self.attach_request(c, false)?;
        // UDP: rpod's own relay into the container's namespace (as with
        // pasta), its host ports bound first so that a conflict is clear.
        let udp = network::ports::bind_udp(&c.config.port_mappings)?;
        let listeners = network::ports::bind_tcp(&c.config.port_mappings)?;
        let pidfd = crate::sys::pidfd::PidFd::open(pid)
            .map_err(|source| ContainerNetworkError::Pidfd { pid, source })?;
        let netns = fs_err::File::open(format!("/proc/{pid}/ns/net"))
            .map_err(|source| ContainerNetworkError::ProcessNamespace { pid, source })?;
        let fds = [pidfd.as_fd(), netns.as_fd()];
        let Reply::Attached {
            networks: statuses, ..
        } = holder::call(&join.holder.conn, &Request::Attach(req), &fds)?
        else {
            return Err(ContainerNetworkError::HolderOutOfTurn.into());
        };
        // A holder started for this container: pasta configured its way
        // out while the bridge and the container's interface were made.
        if let Some(p) = join.pending.take() {
            join.holder.host = p.finish(&join.holder.conn)?;
        }
        Self::publish_ports(&join.holder, c, &listeners)?;
        // It exits with the container.
        network::udp_proxy::spawn(u32::try_from(pid).unwrap_or(0), udp)?;
        self.write_bridge_etc(c, join.holder.host, &statuses)?;
        Ok(statuses)
    }

    /// Writes the /etc/resolv.conf and /etc/hosts of a container on bridge
    /// networks (`statuses`), in place (a running container sees them);
    /// a pod member's are the pod's.
    pub(crate) fn write_bridge_etc(
        &self,
        c: &Container,
        host: Option<std::net::IpAddr>,
        statuses: &[network::holder::NetworkStatus],
    ) -> Result<()> {
        let mut dns: Vec<std::net::IpAddr> = c.config.dns.clone();
        let mut search = c.config.dns_search.clone();
        if dns.is_empty() {
            dns = statuses
                .iter()
                .filter(|s| s.dns)
                .filter_map(|s| s.gateways.first().copied())
                .collect();
        }
        if statuses.iter().any(|s| s.dns) && search.is_empty() {
            search.push(network::dns::SEARCH_DOMAIN.to_string());
        }
        let mut hosts = c.config.add_hosts.clone();
        let internal_only = statuses.iter().all(|s| s.internal);
        if let (Some(addr), false) = (host, internal_only) {
            for name in ["host.containers.internal", "host.docker.internal"] {
                hosts.push(HostEntry {
                    name: name.to_string(),
                    addr,
                });
            }
        }
        for s in statuses {
            for a in &s.addresses {
                hosts.push(HostEntry {
                    name: format!("{} {}", c.config.hostname, c.config.name),
                    addr: a.ip,
                });
            }
        }
        let host_resolv = fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default();
        NetworkFiles::render(&EtcContent {
            hostname: &c.config.hostname,
            host_resolv: &host_resolv,
            dns: &dns,
            dns_search: &search,
            dns_options: &c.config.dns_options,
            hosts: &hosts,
            base_hosts: &self.base_hosts(c.config.hosts_file.as_deref(), || {
                self.image_layers(&c.config.image_id)
            })?,
        })
        // A pod's members all mount the pod's files.
        .write(&self.member_etc_dir(c))?;
        Ok(())
    }
}
