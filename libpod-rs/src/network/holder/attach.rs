//! Containers on the holder's bridges: attaching (leases, DNS records,
//! port relays), connecting, disconnecting and detaching when they end.

use std::net::IpAddr;
use std::os::fd::OwnedFd;
use std::sync::{Arc, Mutex};

use super::{
    errno, netns_id, release, spawn_relay, stop_relays, AttachRequest, ConnectRequest, Holder,
    NetworkStatus,
};
use crate::network::netlink;
use crate::network::ports::PortMapping;
use crate::network::{Error, Result};

/// A connected container.
pub(super) struct Attached {
    pub(super) pidfd: OwnedFd,
    /// Its network namespace (device, inode): when the process ends while
    /// others live in the namespace (the other members of a pod), the
    /// holder watches one of them instead.
    pub(super) netns: Option<(u64, u64)>,
    /// Its interfaces, in order.
    pub(super) networks: Vec<NetworkStatus>,
    /// The relays' listening sockets (shut down to stop them).
    pub(super) listeners: Vec<OwnedFd>,
    /// Where the relays send connections: the first address of the first
    /// network (changes with `connect`/`disconnect`).
    pub(super) target: RelayTarget,
}

/// The container address the relays of a container connect to.
pub(super) type RelayTarget = Arc<Mutex<Option<IpAddr>>>;

impl Attached {
    /// Points the relays at the first address of the first network.
    fn retarget(&self) {
        let ip = self.networks.first().and_then(|s| {
            s.addresses
                .iter()
                .find(|a| a.ip.is_ipv4())
                .or(s.addresses.first())
                .map(|a| a.ip)
        });
        *self
            .target
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = ip;
    }

    fn names(&self) -> Vec<String> {
        self.networks.iter().map(|n| n.name.clone()).collect()
    }
}

impl Holder {
    pub(super) fn attach(
        &mut self,
        req: &AttachRequest,
        fds: Vec<OwnedFd>,
    ) -> Result<(Vec<NetworkStatus>, bool)> {
        let mut fds = fds.into_iter();
        let (Some(pidfd), Some(netns)) = (fds.next(), fds.next()) else {
            return Err(missing_fds());
        };
        // A restarted container's earlier run (its end not seen yet), or
        // a reload.
        let old = self.containers.remove(&req.container_id);
        let (listeners, target, relaying) = match old {
            Some(old) if req.keep_relays => (old.listeners, old.target, true),
            Some(old) => {
                stop_relays(&old.listeners);
                (Vec::new(), RelayTarget::default(), false)
            }
            None => (Vec::new(), RelayTarget::default(), false),
        };
        let mut statuses: Vec<NetworkStatus> = Vec::new();
        for (n, a) in req.networks.iter().enumerate() {
            let default_route = n == 0;
            match self.attach_one(
                &req.container_id,
                &req.name,
                &req.dns_servers,
                a,
                &netns,
                default_route,
            ) {
                Ok(s) => statuses.push(s),
                Err(e) => {
                    stop_relays(&listeners);
                    let mut done: Vec<String> = statuses.iter().map(|s| s.name.clone()).collect();
                    done.push(a.network.name.clone());
                    release(&self.run_dir, &req.container_id, &done);
                    return Err(e);
                }
            }
        }
        let attached = Attached {
            pidfd,
            netns: netns_id(&netns),
            networks: statuses.clone(),
            listeners,
            target,
        };
        attached.retarget();
        self.containers.insert(req.container_id.clone(), attached);
        Ok((statuses, relaying))
    }

    /// Starts relays for an attached container's published ports.
    pub(super) fn publish(
        &mut self,
        id: &str,
        ports: &[PortMapping],
        fds: Vec<OwnedFd>,
    ) -> Result<()> {
        let Some(c) = self.containers.get_mut(id) else {
            return Err(Error::HelperFailed {
                program: "the network holder",
                message: format!("container {id} is not attached"),
            });
        };
        for (l, p) in fds.into_iter().zip(ports) {
            if let Ok(dup) = l.try_clone() {
                c.listeners.push(dup);
            }
            spawn_relay(l, c.target.clone(), p.container_port);
        }
        Ok(())
    }

    /// `network connect` of a running container.
    pub(super) fn connect(
        &mut self,
        req: &ConnectRequest,
        fds: Vec<OwnedFd>,
    ) -> Result<NetworkStatus> {
        let mut fds = fds.into_iter();
        let (Some(pidfd), Some(netns)) = (fds.next(), fds.next()) else {
            return Err(missing_fds());
        };
        if self.containers.get(&req.container_id).is_some_and(|c| {
            c.networks
                .iter()
                .any(|n| n.name == req.network.network.name)
        }) {
            return Err(Error::HelperFailed {
                program: "the network holder",
                message: format!(
                    "container {} is already connected to network {:?}: network is already connected",
                    req.container_id, req.network.network.name
                ),
            });
        }
        let status = match self.attach_one(
            &req.container_id,
            &req.name,
            &req.dns_servers,
            &req.network,
            &netns,
            req.default_route,
        ) {
            Ok(s) => s,
            Err(e) => {
                release(
                    &self.run_dir,
                    &req.container_id,
                    std::slice::from_ref(&req.network.network.name),
                );
                return Err(e);
            }
        };
        let c = self
            .containers
            .entry(req.container_id.clone())
            .or_insert_with(|| Attached {
                pidfd,
                netns: netns_id(&netns),
                networks: Vec::new(),
                listeners: Vec::new(),
                target: RelayTarget::default(),
            });
        c.networks.push(status.clone());
        c.retarget();
        Ok(status)
    }

    /// `network disconnect` of a running container: its interface, lease
    /// and names on the network go.
    pub(super) fn disconnect(
        &mut self,
        id: &str,
        network: &str,
        interface: &str,
        fds: Vec<OwnedFd>,
    ) -> Result<()> {
        let Some(netns) = fds.into_iter().next() else {
            return Err(missing_fds());
        };
        self.in_netns(&netns, || {
            let nl = netlink::Socket::open()?;
            match netlink::index(interface) {
                Ok(idx) => nl.del_link(idx),
                Err(nix::errno::Errno::ENODEV) => Ok(()),
                Err(e) => Err(e),
            }
        })
        .map_err(errno(format!(
            "removing the interface {interface} of container {id} on network {network}"
        )))?;
        release(&self.run_dir, id, &[network.to_string()]);
        if let Some(c) = self.containers.get_mut(id) {
            c.networks.retain(|n| n.name != network);
            c.retarget();
        }
        Ok(())
    }
}

impl Holder {
    /// A container ended: its leases, records and relays go.
    pub(super) fn detach(&mut self, id: &str) {
        if let Some(c) = self.containers.remove(id) {
            stop_relays(&c.listeners);
            release(&self.run_dir, id, &c.names());
        }
    }
}

pub(super) fn missing_fds() -> Error {
    Error::HelperFailed {
        program: "the network holder",
        message: "a request without the container's descriptors".into(),
    }
}
