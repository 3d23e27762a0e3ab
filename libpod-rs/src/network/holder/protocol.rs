//! What rpod and the holder say to each other: [`Request`]s and
//! [`Reply`]s over the holder's socket.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::network::config::Network;
use crate::network::ports::PortMapping;

/// What rpod asks the holder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// Stay alive while this connection is open; answers [`Reply::Held`].
    Hold,
    /// What the helper (pasta, slirp4netns) gives, sent once by whoever
    /// started the holder.
    Outside {
        /// The resolvers the DNS responder forwards other names to (the
        /// helper's forwarder).
        dns: Vec<IpAddr>,
        /// The address at which containers reach the host
        /// (`host.containers.internal`), if any.
        host: Option<IpAddr>,
    },
    /// Connect a container to its networks (descriptors: its pidfd, then
    /// its network namespace). Interfaces of the same names are replaced
    /// (`network reload`, and re-attaching the running containers after a
    /// holder was killed); the leases stay the same.
    Attach(AttachRequest),
    /// Relay published TCP ports of an attached container (descriptors: one
    /// listening socket per port, in order; at most
    /// [`crate::sys::channel::MAX_FDS`] per message, so several messages
    /// for many ports).
    Publish {
        /// The container's full ID.
        container_id: String,
        /// The ports, one per socket sent.
        ports: Vec<PortMapping>,
    },
    /// Connect a running container to one more network (`network
    /// connect`; descriptors: its pidfd, then its network namespace).
    Connect(Box<ConnectRequest>),
    /// Disconnect a running container from a network (`network
    /// disconnect`; descriptor: its network namespace).
    Disconnect {
        /// The container's full ID.
        container_id: String,
        /// The network's name.
        network: String,
        /// The interface's name in the container.
        interface: String,
    },
}

/// A running container to connect to one more network ([`Request::Connect`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectRequest {
    /// Its full ID.
    pub container_id: String,
    /// Its name.
    pub name: String,
    /// Its `--dns` resolvers.
    pub dns_servers: Vec<IpAddr>,
    /// The network.
    pub network: AttachNetwork,
    /// Whether the interface gets the default route (the container has no
    /// other network).
    pub default_route: bool,
}

/// A container to connect ([`Request::Attach`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttachRequest {
    /// Its full ID.
    pub container_id: String,
    /// Its name (the DNS name other containers find it by).
    pub name: String,
    /// Its `--dns` resolvers, for the names the responder does not know.
    pub dns_servers: Vec<IpAddr>,
    /// The networks, in order (the first gets the default route).
    pub networks: Vec<AttachNetwork>,
    /// Whether relays of a container the holder already knows stay as
    /// they are (`network reload`); otherwise they stop.
    pub keep_relays: bool,
}

/// One network of an [`AttachRequest`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttachNetwork {
    /// The definition.
    pub network: Network,
    /// `ip=`/`--ip` addresses.
    pub static_ips: Vec<IpAddr>,
    /// `mac=`/`--mac-address`.
    pub mac: Option<String>,
    /// `alias=`/`--network-alias` names.
    pub aliases: Vec<String>,
    /// The interface's name in the container.
    pub interface: String,
}

/// An address with its prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IfAddress {
    /// The address.
    pub ip: IpAddr,
    /// Its subnet's prefix length.
    pub prefix: u8,
}

/// A container's interface on one network, as set up (recorded in its
/// state for `inspect`, /etc/hosts and /etc/resolv.conf).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkStatus {
    /// The network's name.
    pub name: String,
    /// The network's ID.
    pub id: String,
    /// The interface's name in the container.
    pub interface: String,
    /// Its addresses.
    pub addresses: Vec<IfAddress>,
    /// The subnets' gateways.
    pub gateways: Vec<IpAddr>,
    /// Its MAC address.
    pub mac: String,
    /// The names it has on the network besides its own.
    pub aliases: Vec<String>,
    /// Whether the gateways answer names (`dns_enabled`).
    pub dns: bool,
    /// Whether the network is `--internal`.
    pub internal: bool,
}

/// What the holder answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    /// [`Request::Hold`]: its PID.
    Held {
        /// The holder's PID.
        pid: u32,
        /// The host's address for containers ([`Request::Outside`]).
        host: Option<IpAddr>,
    },
    /// Done ([`Request::Outside`]).
    Done,
    /// [`Request::Attach`]: the interfaces, and whether the container's
    /// ports are still relayed (kept relays: no [`Request::Publish`]).
    Attached {
        /// The interfaces, in the request's order.
        networks: Vec<NetworkStatus>,
        /// Whether relays were kept.
        relaying: bool,
    },
    /// [`Request::Connect`]: the new interface.
    Connected(NetworkStatus),
    /// Why a request failed.
    Failed(String),
}

/// What the holder reports on its ready descriptor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Ready {
    /// Its namespaces exist and it listens.
    Listening {
        /// Its PID.
        pid: u32,
    },
    /// It could not start.
    Failed(String),
}
