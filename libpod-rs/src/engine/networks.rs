//! The engine's network verbs: `network create|ls|inspect|rm|exists|prune`
//! over [`crate::network::store::Networks`], and address leases.
//!
//! Which containers use a network comes from two places: container records
//! that name it ([`Engine::network_containers`]), and leases on it (a lease
//! is a running container's address).

use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::Serialize;

use super::containers::networking::RunningBridge;
use super::{Engine, RemoveOptions};
use crate::container::{Container, Status};
use crate::error::{Error, Result};
use crate::network::config::{CreateRequest, HostView, Network};
use crate::network::filter::Filters;
use crate::network::ipam::{read_leases, Lease, LeaseFile, LeaseRequest};
use crate::network::store::Networks;
use crate::network::{self, subnet};

/// Why `network connect`, `disconnect` or `reload` failed for a container.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The network holder could not be forked.
    #[error("forking the network holder: {0}")]
    ForkHolder(#[source] nix::errno::Errno),
    /// The container is on that network already (podman's error).
    #[error(
        "container {id} is already connected to network {network:?}: network is already connected"
    )]
    AlreadyConnected {
        /// The container's full ID.
        id: String,
        /// The network.
        network: String,
    },
    /// The running container's namespaces cannot be reached.
    #[error("unable to connect {container} to {network}: {why}")]
    Unreachable {
        /// The container as given.
        container: String,
        /// The network.
        network: String,
        /// Why.
        why: crate::engine::BridgeUnreachable,
    },
    /// The network holder's reply does not answer the request.
    #[error("the network holder answered out of turn")]
    OutOfTurn,
    /// `disconnect` from a network the container is not on.
    #[error("container {container} is not connected to network {network}")]
    NotConnected {
        /// The container as given.
        container: String,
        /// The network.
        network: String,
    },
    /// `reload` of a container that is not running on bridge networks (podman's error).
    #[error(
        "container {id} network is not configured, refusing to reload: container state improper"
    )]
    NotConfigured {
        /// The container's full ID.
        id: String,
    },
    /// The container's network mode has no networks by name (podman's error).
    #[error("{mode:?} is not supported: invalid network mode")]
    NotByName {
        /// The mode, as `--network` takes it.
        mode: String,
    },
}

/// `network inspect`'s object: the definition, then the containers on it
/// (podman's `NetworkInspectReport`).
#[derive(Debug, Clone, Serialize)]
pub struct NetworkInspect {
    /// The definition's fields, in podman's order.
    #[serde(flatten)]
    pub network: Network,
    /// Containers on the network, by ID.
    pub containers: BTreeMap<String, NetworkContainer>,
}

/// A container on a network (`containers.ID`).
#[derive(Debug, Clone, Serialize)]
pub struct NetworkContainer {
    /// Its name.
    pub name: String,
    /// Its interfaces on the network, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub interfaces: BTreeMap<String, NetInterface>,
}

/// An interface of a container on a network.
#[derive(Debug, Clone, Serialize)]
pub struct NetInterface {
    /// Its addresses with their gateways.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<NetAddress>,
    /// Its MAC address.
    pub mac_address: String,
}

/// An address of an interface (`ADDRESS/PREFIX`) and its gateway.
#[derive(Debug, Clone, Serialize)]
pub struct NetAddress {
    /// The address with its subnet's prefix length.
    pub ipnet: String,
    /// The subnet's gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<IpAddr>,
}

impl Engine {
    /// The network definitions and their run directory.
    pub(crate) fn networks_store(&self) -> Networks {
        Networks::new(self.store.root(), self.store.runroot())
    }

    /// Creates a network (`network create`); with `ignore`, an existing
    /// one of that name is returned instead of an error.
    pub fn create_network(&self, req: &CreateRequest, ignore: bool) -> Result<Network> {
        let host = HostView {
            subnets: subnet::host_subnets(),
            interfaces: subnet::host_interfaces(),
        };
        let (n, created) =
            self.networks_store()
                .create(req, &host, subnet::default_pools(), ignore)?;
        if created {
            self.event_network(crate::events::Status::Create, &n);
        }
        Ok(n)
    }

    /// Every network, by name, the default one included.
    pub fn networks(&self) -> Result<Vec<Network>> {
        let (list, warnings) = self.networks_store().load()?;
        for w in warnings {
            tracing::warn!("{w}");
        }
        Ok(list)
    }

    /// One network, by name or ID prefix.
    pub fn network(&self, name_or_id: &str) -> Result<Network> {
        Ok(network::store::lookup(&self.networks()?, name_or_id)
            .map_err(network::Error::from)?
            .clone())
    }

    /// Whether a network exists (`network exists`).
    pub fn network_exists(&self, name_or_id: &str) -> Result<bool> {
        match self.network(name_or_id) {
            Ok(_) => Ok(true),
            Err(e) if e.is_network_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Containers whose records put them on `network` (IDs), running or not.
    pub fn network_containers(&self, network: &Network) -> Result<Vec<String>> {
        Ok(self
            .records()
            .list()?
            .into_iter()
            .filter(|c| match &c.config.network {
                network::Mode::Bridge(atts) => atts.iter().any(|a| a.network == network.name),
                _ => false,
            })
            .map(|c| c.config.id)
            .collect())
    }

    /// The leases on a network.
    fn network_leases(&self, network: &Network) -> Result<Vec<Lease>> {
        Ok(read_leases(self.networks_store().run_dir(), &network.name)?.leases)
    }

    /// Whether containers use a network (records or leases).
    fn network_in_use(&self, network: &Network) -> Result<bool> {
        Ok(!self.network_containers(network)?.is_empty()
            || !self.network_leases(network)?.is_empty())
    }

    /// Parses `--filter` values; `prune` allows only prune's keys.
    fn network_filters(&self, filters: &[String], prune: bool) -> Result<Filters> {
        let now = std::time::SystemTime::now();
        let until = |s: &str| {
            crate::container::logs::parse_time(s, now, crate::container::logs::Bound::Since)
                .map_err(|e| e.to_string())
        };
        Ok(Filters::parse(filters, prune, &until).map_err(network::Error::from)?)
    }

    /// The networks that pass `--filter`s (`network ls`).
    pub fn list_networks(&self, filters: &[String]) -> Result<Vec<Network>> {
        let f = self.network_filters(filters, false)?;
        let mut out = Vec::new();
        for n in self.networks()? {
            let used = self.network_in_use(&n)?;
            if f.matches(&n, &|_| used) {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// `network inspect` data of one network.
    pub fn inspect_network(&self, name_or_id: &str) -> Result<NetworkInspect> {
        let network = self.network(name_or_id)?;
        let mut containers = BTreeMap::new();
        for lease in self.network_leases(&network)? {
            let name = self
                .container(&lease.container_id)
                .map(|c| c.config.name)
                .unwrap_or_default();
            let subnets = lease
                .ips
                .iter()
                .filter_map(|ip| {
                    let s = network.subnets.iter().find(|s| s.subnet.contains(*ip))?;
                    Some(NetAddress {
                        ipnet: format!("{ip}/{}", s.subnet.prefix()),
                        gateway: s.gateway,
                    })
                })
                .collect();
            containers.insert(
                lease.container_id.clone(),
                NetworkContainer {
                    name,
                    interfaces: BTreeMap::from([(
                        lease.interface.clone(),
                        NetInterface {
                            subnets,
                            mac_address: lease.mac.clone(),
                        },
                    )]),
                },
            );
        }
        Ok(NetworkInspect {
            network,
            containers,
        })
    }

    /// Removes a network (`network rm`). Without `force`, a network in use
    /// is refused; with it, the containers using it are removed first
    /// (stopped within `stop_timeout` seconds) and its leases dropped.
    pub fn remove_network(
        &self,
        name_or_id: &str,
        force: bool,
        stop_timeout: Option<u32>,
    ) -> Result<Network> {
        let store = self.networks_store();
        let network = self.network(name_or_id)?;
        let users = self.network_containers(&network)?;
        if !users.is_empty() {
            if !force {
                return Err(network::Error::InUse {
                    name: network.name,
                    containers: users,
                }
                .into());
            }
            for id in users {
                let how = RemoveOptions {
                    stop_timeout,
                    ..RemoveOptions::everything()
                };
                match self.remove_container(&id, how) {
                    Err(e) if !e.is_container_not_found() => return Err(e),
                    _ => {}
                }
            }
        }
        let _lock = store.lock()?;
        let removed = store.remove_locked(&network.id, force)?;
        self.event_network(crate::events::Status::Remove, &removed);
        Ok(removed)
    }

    /// Removes the unused networks that pass prune's `--filter`s
    /// (`network prune`); returns their names.
    pub fn prune_networks(&self, filters: &[String]) -> Result<Vec<String>> {
        let f = self.network_filters(filters, true)?;
        let store = self.networks_store();
        let _lock = store.lock()?;
        let mut removed = Vec::new();
        for n in store.list()? {
            if n.name == network::config::DEFAULT_NETWORK || !f.matches(&n, &|_| false) {
                continue;
            }
            if !self.network_containers(&n)?.is_empty() {
                continue;
            }
            match store.remove_locked(&n.name, false) {
                Ok(gone) => {
                    self.event_network(crate::events::Status::Remove, &gone);
                    removed.push(n.name);
                }
                Err(network::Error::InUse { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(removed)
    }

    /// Leases addresses on a network to a container (the network must
    /// exist while the lease is given).
    pub fn lease_address(
        &self,
        name_or_id: &str,
        container_id: &str,
        req: &LeaseRequest,
    ) -> Result<Lease> {
        let network = self.network(name_or_id)?;
        let store = self.networks_store();
        let mut file = LeaseFile::open(store.run_dir(), &network.name)?;
        // Removal takes this lock too: under it the network still exists.
        self.network(&network.name)?;
        let mut random = || {
            let mut b = [0u8; 6];
            // /dev/urandom does not fail; a fixed value would still be unique-checked.
            let _ = network::store::random_bytes(&mut b);
            b
        };
        let lease = file
            .table
            .allocate(&network, container_id, req, &mut random)
            .map_err(network::Error::from)?;
        file.commit()?;
        Ok(lease)
    }

    /// Releases a container's lease on a network; returns it, if it had one.
    pub fn release_address(&self, name_or_id: &str, container_id: &str) -> Result<Option<Lease>> {
        let network = self.network(name_or_id)?;
        let mut file = LeaseFile::open(self.networks_store().run_dir(), &network.name)?;
        let lease = file.table.release(container_id);
        if lease.is_some() {
            file.commit()?;
        }
        Ok(lease)
    }

    /// Removes every network and its state (`system reset`).
    pub(crate) fn remove_all_networks(&self) -> Result<()> {
        Ok(self.networks_store().remove_all()?)
    }
}

impl Engine {
    /// `rpod internal network-holder`: forks the holder of bridge networks
    /// as a daemon (see [`network::holder`]) and returns; it reports on
    /// `ready`. Rootless, it joins the user namespace `join` when given
    /// (the one that running bridge containers of a killed holder share).
    pub fn network_holder(
        &self,
        ready: std::os::fd::OwnedFd,
        join: Option<std::os::fd::OwnedFd>,
    ) -> Result<()> {
        let store = self.networks_store();
        let run_dir = store.run_dir().to_path_buf();
        let mappings = self.rootless.then(|| self.mappings.clone());
        crate::sys::process::daemon_then(move || {
            let ready = crate::sys::channel::Channel::from_fd(ready);
            match network::holder::serve(&run_dir, mappings.as_ref(), join, ready) {
                Ok(()) => 0,
                Err(e) => {
                    tracing::error!("rpod network holder: {e}");
                    1
                }
            }
        })
        .map_err(|e| ConnectError::ForkHolder(e).into())
    }
}

/// What `network reload` did for one container.
#[derive(Debug)]
pub struct ReloadReport {
    /// The container's full ID.
    pub id: String,
    /// Why it could not be reloaded.
    pub error: Option<crate::error::Error>,
}

impl Engine {
    /// `network connect`: adds a network to a container. A running one is
    /// connected at once (interface, address, names); a created one joins
    /// when it starts; for an exited one that is already connected it is
    /// nothing (podman's Docker compatibility).
    pub fn connect_network(&self, container: &str, mut att: network::Attachment) -> Result<()> {
        att.network = self.network(&att.network)?.name;
        let net_name = att.network.clone();
        let records = self.records();
        let id = self.container(container)?.config.id;
        let _all = records.lock_all()?;
        let _one = records.lock(&id)?;
        let mut c = records.load(&id)?;
        let mut nets = self.named_networks(&c)?;
        let running = is_running(&c);
        if nets.iter().any(|a| a.network == att.network) {
            if c.state.status == Status::Exited {
                return Ok(());
            }
            return Err(ConnectError::AlreadyConnected {
                id: c.config.id.clone(),
                network: att.network.clone(),
            }
            .into());
        }
        if running {
            if !matches!(c.config.network, network::Mode::Bridge(_)) {
                return Err(not_bridge(&c));
            }
            let rb = RunningBridge::check(c.clone()).map_err(|why| ConnectError::Unreachable {
                container: container.to_string(),
                network: att.network.clone(),
                why,
            })?;
            let holder = self.holder()?;
            let used: Vec<&str> = c
                .state
                .networks
                .iter()
                .map(|s| s.interface.as_str())
                .collect();
            let interface = att.interface_name.clone().unwrap_or_else(|| {
                (0..)
                    .map(|i| format!("eth{i}"))
                    .find(|n| !used.contains(&n.as_str()))
                    .unwrap_or_default()
            });
            let req = network::holder::ConnectRequest {
                container_id: c.config.id.clone(),
                name: c.config.name.clone(),
                dns_servers: c.config.dns.clone(),
                network: network::holder::AttachNetwork {
                    network: self.network(&att.network)?,
                    static_ips: att.static_ips.clone(),
                    mac: att.mac.map(|m| m.to_string()),
                    aliases: c.network_aliases(&att),
                    interface: interface.clone(),
                },
                default_route: c.state.networks.is_empty(),
            };
            let fds = [rb.pidfd(), rb.netns()];
            let network::holder::Reply::Connected(status) = network::holder::call(
                &holder.conn,
                &network::holder::Request::Connect(Box::new(req)),
                &fds,
            )?
            else {
                return Err(ConnectError::OutOfTurn.into());
            };
            c.state.networks.push(status);
            att.interface_name = Some(interface);
            nets.push(att);
            c.config.network = network::Mode::Bridge(nets);
            records.save_config(&c.config)?;
            records.save_state(&id, &c.state)?;
            self.write_bridge_etc(&c, holder.host, &c.state.networks)?;
            self.event_network_container(crate::events::Status::Connect, &c, &net_name);
            return Ok(());
        }
        nets.push(att);
        c.config.network = network::Mode::Bridge(nets);
        records.save_config(&c.config)?;
        self.event_network_container(crate::events::Status::Connect, &c, &net_name);
        Ok(())
    }

    /// `network disconnect`: takes a network from a container; a running
    /// one loses its interface, address and names on it at once.
    pub fn disconnect_network(&self, container: &str, network_name: &str) -> Result<()> {
        let name = self.network(network_name)?.name;
        let records = self.records();
        let id = self.container(container)?.config.id;
        let _all = records.lock_all()?;
        let _one = records.lock(&id)?;
        let mut c = records.load(&id)?;
        let mut nets = self.named_networks(&c)?;
        let before = nets.len();
        nets.retain(|a| a.network != name);
        if nets.len() == before {
            return Err(ConnectError::NotConnected {
                container: container.to_string(),
                network: name,
            }
            .into());
        }
        if is_running(&c) {
            let status = c.state.networks.iter().find(|s| s.name == name).cloned();
            if let (Some(status), Some(rb)) = (status, RunningBridge::of(c.clone())) {
                let holder = self.holder()?;
                let req = network::holder::Request::Disconnect {
                    container_id: c.config.id.clone(),
                    network: name.clone(),
                    interface: status.interface.clone(),
                };
                network::holder::call(&holder.conn, &req, &[rb.netns()])?;
                c.state.networks.retain(|s| s.name != name);
                records.save_state(&id, &c.state)?;
                self.write_bridge_etc(&c, holder.host, &c.state.networks)?;
            }
        }
        // Still on networks by name, none for now (podman's bridge mode).
        c.config.network = network::Mode::Bridge(nets);
        records.save_config(&c.config)?;
        self.event_network_container(crate::events::Status::Disconnect, &c, &name);
        Ok(())
    }

    /// The networks a container is on by name (none for `--network none`);
    /// other modes are podman's "invalid network mode".
    fn named_networks(&self, c: &Container) -> Result<Vec<network::Attachment>> {
        match &c.config.network {
            network::Mode::Bridge(n) => Ok(n.clone()),
            network::Mode::None if !is_running(c) => Ok(Vec::new()),
            _ => Err(not_bridge(c)),
        }
    }

    /// `network reload`: connects running bridge containers to their
    /// networks again (a holder killed meanwhile is replaced, and gives
    /// them back their interfaces, addresses, names and port relays), with
    /// the same addresses. `all` skips the containers that cannot be
    /// reloaded (not running, not on bridge networks).
    pub fn reload_networks(&self, names: &[String], all: bool) -> Result<Vec<ReloadReport>> {
        let targets: Vec<Container> = if all {
            self.records().list()?
        } else {
            names
                .iter()
                .map(|n| self.container(n))
                .collect::<Result<_>>()?
        };
        let mut holder: Option<super::containers::networking::Holder> = None;
        let mut reports = Vec::new();
        for c in targets {
            let id = c.config.id.clone();
            let rb = if is_running(&c) {
                RunningBridge::of(c.clone())
            } else {
                None
            };
            let error = match rb {
                None => Some(ConnectError::NotConfigured { id: id.clone() }.into()),
                Some(_) if !matches!(c.config.network, network::Mode::Bridge(_)) => {
                    Some(not_bridge(&c))
                }
                Some(rb) => {
                    let h = match holder.take() {
                        Some(h) => h,
                        None => self.holder()?,
                    };
                    let r = if h.started {
                        // Just re-attached by the new holder.
                        Ok(())
                    } else {
                        self.reattach(&h, &rb, true).and_then(|networks| {
                            let records = self.records();
                            let _l = records.lock(&id)?;
                            let mut again = records.load(&id)?;
                            again.state.networks = networks;
                            Ok(records.save_state(&id, &again.state)?)
                        })
                    };
                    holder = Some(h);
                    r.err()
                }
            };
            if all && error.is_some() {
                continue;
            }
            reports.push(ReloadReport { id, error });
        }
        Ok(reports)
    }
}

fn is_running(c: &Container) -> bool {
    matches!(
        c.state.status,
        Status::Running | Status::Paused | Status::Stopping
    )
}

/// podman's error for a verb that needs networks by name.
fn not_bridge(c: &Container) -> Error {
    ConnectError::NotByName {
        mode: c.config.network.to_string(),
    }
    .into()
}
