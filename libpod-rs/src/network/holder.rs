//! The holder: one process per user (and store) that owns the network
//! namespace where bridge networks live, and, rootless, the user namespace
//! that owns it and every bridge container's network namespace (see
//! docs/networks.md, "The rootless data path").
//!
//! It is alive exactly while a container on a bridge network runs, or an
//! rpod is joining one. rpod talks to it over a `SOCK_SEQPACKET` socket,
//! `<run root>/networks/holder.sock`, with [`Request`]s:
//! - [`Request::Hold`] keeps it alive while the connection is open and
//!   answers its PID (the joiner enters `/proc/PID/ns/user`);
//! - [`Request::Attach`], with the container's pidfd, its network
//!   namespace and the host ports' listening sockets, creates the bridges
//!   it lacks (addresses, netfilter rules, the DNS responder's socket),
//!   leases addresses, creates the veths by netlink, configures the
//!   container's side, writes the DNS records and starts the port relays.
//!
//! When a container's pidfd says it ended (and no other process, such as
//! another member of its pod, lives in its network namespace), the holder
//! releases its leases,
//! removes its records and stops its relays. With no container and no
//! connection left it takes `holder.lock` (which a joiner holds from "is
//! there a holder?" to "connected"), checks that nobody connected
//! meanwhile, removes its socket and exits; its namespaces have no bind
//! mount and die with it and the helper (pasta or slirp4netns, ended by
//! its guard).

use fs_err::File;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nix::fcntl::{Flock, FlockArg};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sched::CloneFlags;
use rustix::net::{AddressFamily, SocketAddrUnix, SocketFlags, SocketType};
use serde::{Deserialize, Serialize};

use super::config::Network;
use super::dns::records::{self, Entry};
use super::dns::{Responder, ServedNetwork, FORWARD_TIMEOUT};
use super::ipam::{LeaseFile, LeaseRequest};
use super::netlink;
use super::ports::PortMapping;
use super::{Error, Result};
use crate::sys::channel::Channel;

/// The control socket's file name in the networks' run directory.
const SOCKET: &str = "holder.sock";
/// The lock a joiner holds while it finds or starts the holder.
const LOCK: &str = "holder.lock";

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

/// A connection to the holder.
pub type Connection = Channel<Request, Reply>;

fn io(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let action = action.into();
    move |source| Error::Io { action, source }
}

fn errno(action: impl Into<String>) -> impl FnOnce(nix::errno::Errno) -> Error {
    let action = action.into();
    move |e| Error::Io {
        action,
        source: e.into(),
    }
}

/// Takes the joiners' lock (see the module doc).
pub fn lock(run_dir: &Path) -> Result<crate::store::lock::LockGuard> {
    crate::store::create_dir_private(run_dir)?;
    let path = run_dir.join(LOCK);
    crate::store::lock::lock(&path, crate::store::lock::LockMode::Exclusive)
        .map_err(io(format!("locking {}", path.display())))
}

/// Connects to the running holder, if there is one.
pub fn connect(run_dir: &Path) -> Option<Connection> {
    let fd = rustix::net::socket_with(
        AddressFamily::UNIX,
        SocketType::SEQPACKET,
        SocketFlags::CLOEXEC,
        None,
    )
    .ok()?;
    let addr = SocketAddrUnix::new(run_dir.join(SOCKET)).ok()?;
    rustix::net::connect(&fd, &addr).ok()?;
    Some(Channel::from_fd(fd))
}

/// Sends a request and waits for its answer; a [`Reply::Failed`] becomes
/// an error.
pub fn call(conn: &Connection, req: &Request, fds: &[BorrowedFd<'_>]) -> Result<Reply> {
    let failed = |e: crate::sys::channel::Error| Error::HelperFailed {
        program: "the network holder",
        message: e.to_string(),
    };
    conn.send_with_fds(req, fds).map_err(failed)?;
    match conn.recv().map_err(failed)? {
        Some(Reply::Failed(message)) => Err(Error::HelperFailed {
            program: "the network holder",
            message,
        }),
        Some(r) => Ok(r),
        None => Err(Error::HelperFailed {
            program: "the network holder",
            message: "it exited (see `rpod internal network-holder`)".into(),
        }),
    }
}

/// Releases a container's leases and DNS records on `networks` (the
/// holder does it when the container ends; rpod too, when it records the
/// exit, so that the addresses are free when `run`/`stop` return).
pub fn release(run_dir: &Path, container_id: &str, networks: &[String]) {
    for name in networks {
        match LeaseFile::open(run_dir, name) {
            Ok(mut f) => {
                if f.table.release(container_id).is_some() {
                    if let Err(e) = f.commit() {
                        tracing::warn!("releasing the lease of {container_id} on {name}: {e}");
                    }
                }
            }
            Err(e) => tracing::warn!("releasing the lease of {container_id} on {name}: {e}"),
        }
        let file = records::records_file(run_dir, name);
        if file.exists() {
            if let Err(e) = records::remove_entry(run_dir, name, container_id) {
                tracing::warn!("removing {container_id} from the names of {name}: {e}");
            }
        }
    }
}

/// Finds `program` (iptables-restore, ip6tables-restore) in $PATH or the
/// sbin directories, which an unprivileged user's $PATH often lacks.
fn find_sbin(program: &'static str) -> Result<PathBuf> {
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
fn restore(program: &'static str, rules: &str, network: &str) -> Result<()> {
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
fn bridge_name(net: &Network) -> String {
    if net.network_interface.is_empty() {
        "podman0".into()
    } else {
        net.network_interface.clone()
    }
}

fn parse_mac(mac: &str) -> Option<[u8; 6]> {
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

fn random6() -> [u8; 6] {
    let mut b = [0u8; 6];
    let _ = super::store::random_bytes(&mut b);
    b
}

/// A bridge the holder made.
struct Bridge {
    name: String,
    index: u32,
}

/// A network namespace's identity (device, inode), from a descriptor.
fn netns_id(fd: &impl std::os::fd::AsRawFd) -> Option<(u64, u64)> {
    nix::sys::stat::fstat(fd.as_raw_fd())
        .ok()
        .map(|st| (st.st_dev, st.st_ino))
}

/// A connected container.
struct Attached {
    pidfd: OwnedFd,
    /// Its network namespace (device, inode): when the process ends while
    /// others live in the namespace (the other members of a pod), the
    /// holder watches one of them instead.
    netns: Option<(u64, u64)>,
    /// Its interfaces, in order.
    networks: Vec<NetworkStatus>,
    /// The relays' listening sockets (shut down to stop them).
    listeners: Vec<OwnedFd>,
    /// Where the relays send connections: the first address of the first
    /// network (changes with `connect`/`disconnect`).
    target: RelayTarget,
}

/// The container address the relays of a container connect to.
type RelayTarget = Arc<Mutex<Option<IpAddr>>>;

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

/// The holder's state.
struct Holder {
    run_dir: PathBuf,
    nl: netlink::Socket,
    bridges: BTreeMap<String, Bridge>,
    containers: BTreeMap<String, Attached>,
    conns: Vec<Channel<Reply, Request>>,
    responder: Responder,
    host: Option<IpAddr>,
}

/// The holder's body (`rpod internal network-holder`): enters a user
/// namespace (rootless, when `mappings` is given: `join`, the one that
/// running bridge containers of a killed holder keep alive, else a new
/// one) and a new network namespace, listens, reports on `ready`, and
/// serves until nothing needs it.
pub fn serve(
    run_dir: &Path,
    mappings: Option<&crate::userns::IdMappings>,
    join: Option<OwnedFd>,
    ready: Channel<Ready, ()>,
) -> Result<()> {
    let started = (|| -> Result<rustix::fd::OwnedFd> {
        match (mappings, join) {
            (Some(_), Some(userns)) => {
                nix::sched::setns(userns.as_fd(), CloneFlags::CLONE_NEWUSER).map_err(errno(
                    "joining the user namespace of the running containers",
                ))?;
                nix::unistd::setresgid(0.into(), 0.into(), 0.into())
                    .map_err(errno("becoming gid 0 in the user namespace"))?;
                nix::unistd::setresuid(0.into(), 0.into(), 0.into())
                    .map_err(errno("becoming uid 0 in the user namespace"))?;
            }
            (Some(m), None) => {
                crate::userns::enter(m, false).map_err(|e| Error::HelperFailed {
                    program: "the network holder",
                    message: e.to_string(),
                })?;
            }
            (None, _) => {}
        }
        nix::sched::unshare(CloneFlags::CLONE_NEWNET)
            .map_err(errno("creating the network namespace"))?;
        crate::sys::net::loopback_up().map_err(errno("bringing lo up"))?;
        fs_err::write("/proc/sys/net/ipv4/ip_forward", b"1")
            .map_err(io("enabling IPv4 forwarding"))?;
        let _ = fs_err::write("/proc/sys/net/ipv6/conf/all/forwarding", b"1");
        let path = run_dir.join(SOCKET);
        let _ = fs_err::remove_file(&path);
        let fd = rustix::net::socket_with(
            AddressFamily::UNIX,
            SocketType::SEQPACKET,
            SocketFlags::CLOEXEC,
            None,
        )
        .map_err(|e| io("creating the control socket")(e.into()))?;
        let addr = SocketAddrUnix::new(&path)
            .map_err(|e| io(format!("binding {}", path.display()))(e.into()))?;
        rustix::net::bind(&fd, &addr)
            .map_err(|e| io(format!("binding {}", path.display()))(e.into()))?;
        rustix::net::listen(&fd, 64).map_err(|e| io("listening")(e.into()))?;
        Ok(fd)
    })();
    let listener = match started {
        Ok(v) => v,
        Err(e) => {
            let _ = ready.send(&Ready::Failed(e.to_string()));
            return Err(e);
        }
    };
    let nl = netlink::Socket::open().map_err(errno("opening a netlink socket"))?;
    let _ = ready.send(&Ready::Listening {
        pid: std::process::id(),
    });
    drop(ready);
    let mut h = Holder {
        run_dir: run_dir.to_path_buf(),
        nl,
        bridges: BTreeMap::new(),
        containers: BTreeMap::new(),
        conns: Vec::new(),
        responder: Responder::new(Vec::new(), FORWARD_TIMEOUT),
        host: None,
    };
    h.run(&listener)
}

impl Holder {
    fn run(&mut self, listener: &OwnedFd) -> Result<()> {
        loop {
            let (accept, conn_ready, ended) = {
                let mut fds: Vec<BorrowedFd<'_>> = vec![listener.as_fd()];
                fds.extend(self.conns.iter().map(AsFd::as_fd));
                fds.extend(self.containers.values().map(|c| c.pidfd.as_fd()));
                fds.extend(self.responder.fds());
                let mut pfds: Vec<PollFd<'_>> = fds
                    .iter()
                    .map(|fd| PollFd::new(*fd, PollFlags::POLLIN))
                    .collect();
                let idle = self.containers.is_empty() && self.conns.is_empty();
                let wait = self
                    .responder
                    .next_deadline()
                    .unwrap_or(Duration::from_secs(1))
                    .min(if idle {
                        Duration::from_millis(20)
                    } else {
                        Duration::from_secs(1)
                    });
                let ms = u16::try_from(wait.as_millis()).unwrap_or(1000);
                match poll(&mut pfds, PollTimeout::from(ms)) {
                    Ok(_) | Err(nix::errno::Errno::EINTR) => {}
                    Err(e) => return Err(errno("polling")(e)),
                }
                let hit = |p: &PollFd<'_>| p.revents().is_some_and(|r| !r.is_empty());
                let n = self.conns.len();
                let accept = hit(&pfds[0]);
                let conn_ready: Vec<bool> = pfds[1..1 + n].iter().map(hit).collect();
                let ended: Vec<bool> = pfds[1 + n..1 + n + self.containers.len()]
                    .iter()
                    .map(hit)
                    .collect();
                (accept, conn_ready, ended)
            };
            let ended_ids: Vec<String> = self
                .containers
                .keys()
                .zip(ended)
                .filter(|(_, e)| *e)
                .map(|(k, _)| k.clone())
                .collect();
            for id in ended_ids {
                let next = self
                    .containers
                    .get(&id)
                    .and_then(|c| c.netns)
                    .and_then(|ns| super::guard::successor(ns, &[std::process::id()]));
                match (next, self.containers.get_mut(&id)) {
                    (Some(fd), Some(c)) => c.pidfd = fd.into(),
                    _ => self.detach(&id),
                }
            }
            let mut i = conn_ready.len();
            while i > 0 {
                i -= 1;
                if conn_ready[i] && !self.serve_one(i) {
                    self.conns.remove(i);
                }
            }
            if accept {
                if let Ok(fd) = crate::sys::net::accept(listener.as_fd()) {
                    self.conns.push(Channel::from_fd(fd));
                }
            }
            self.responder.process();
            if self.containers.is_empty() && self.conns.is_empty() && self.may_exit(listener) {
                return Ok(());
            }
        }
    }

    /// Whether to exit now: with the joiners' lock (not waited for: a
    /// joiner holding it is about to connect), nobody waiting to connect.
    /// Then the socket is gone before the lock is released (at exit).
    fn may_exit(&self, listener: &OwnedFd) -> bool {
        let Ok(file) = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.run_dir.join(LOCK))
        else {
            return false;
        };
        let Ok(lock) = Flock::lock(file.into_file(), FlockArg::LockExclusiveNonblock) else {
            return false;
        };
        let mut pfd = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
        if poll(&mut pfd, PollTimeout::ZERO).unwrap_or(1) > 0 {
            return false;
        }
        let _ = fs_err::remove_file(self.run_dir.join(SOCKET));
        // Held until the process exits.
        std::mem::forget(lock);
        true
    }

    /// Serves one request on connection `i`; false when it closed.
    fn serve_one(&mut self, i: usize) -> bool {
        let (req, fds) = match self.conns[i].recv_with_fds() {
            Ok(Some(m)) => m,
            _ => return false,
        };
        let reply = match req {
            Request::Hold => Reply::Held {
                pid: std::process::id(),
                host: self.host,
            },
            Request::Outside { dns, host } => {
                self.responder
                    .set_upstreams(dns.into_iter().map(|ip| SocketAddr::new(ip, 53)).collect());
                self.host = host;
                Reply::Done
            }
            Request::Attach(req) => match self.attach(&req, fds) {
                Ok((networks, relaying)) => Reply::Attached { networks, relaying },
                Err(e) => Reply::Failed(e.to_string()),
            },
            Request::Publish {
                container_id,
                ports,
            } => match self.publish(&container_id, &ports, fds) {
                Ok(()) => Reply::Done,
                Err(e) => Reply::Failed(e.to_string()),
            },
            Request::Connect(req) => match self.connect(&req, fds) {
                Ok(s) => Reply::Connected(s),
                Err(e) => Reply::Failed(e.to_string()),
            },
            Request::Disconnect {
                container_id,
                network,
                interface,
            } => match self.disconnect(&container_id, &network, &interface, fds) {
                Ok(()) => Reply::Done,
                Err(e) => Reply::Failed(e.to_string()),
            },
        };
        self.conns[i].send(&reply).is_ok()
    }

    /// The bridge of `net`, created with its addresses, rules and DNS
    /// socket when it is the first container's.
    fn bridge(&mut self, net: &Network) -> Result<u32> {
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

    fn attach(
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
    fn publish(&mut self, id: &str, ports: &[PortMapping], fds: Vec<OwnedFd>) -> Result<()> {
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
    fn connect(&mut self, req: &ConnectRequest, fds: Vec<OwnedFd>) -> Result<NetworkStatus> {
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
    fn disconnect(
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

    /// Connects a container to one network: bridge, lease, veth (an
    /// interface of the same name in the container is replaced), its
    /// addresses and routes, its DNS names.
    fn attach_one(
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
        let _ = super::store::random_bytes(&mut host);
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
    fn in_netns<T: Send>(
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

    /// A container ended: its leases, records and relays go.
    fn detach(&mut self, id: &str) {
        if let Some(c) = self.containers.remove(id) {
            stop_relays(&c.listeners);
            release(&self.run_dir, id, &c.names());
        }
    }
}

fn missing_fds() -> Error {
    Error::HelperFailed {
        program: "the network holder",
        message: "a request without the container's descriptors".into(),
    }
}

fn stop_relays(listeners: &[OwnedFd]) {
    for l in listeners {
        let _ = rustix::net::shutdown(l, rustix::net::Shutdown::Both);
    }
}

/// Relays each connection accepted on `listener` (a host socket) to
/// `port` at the container's current address (`target`, reached from the
/// holder's namespace), until the listener is shut down.
fn spawn_relay(listener: OwnedFd, target: RelayTarget, port: u16) {
    let listener = TcpListener::from(listener);
    let _ = listener.set_nonblocking(false);
    std::thread::spawn(move || {
        while let Ok((client, _)) = listener.accept() {
            let ip = *target
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let Some(ip) = ip else {
                // No network left: refused, as a closed port.
                continue;
            };
            let target = SocketAddr::new(ip, port);
            std::thread::spawn(move || {
                let Ok(server) = TcpStream::connect_timeout(&target, Duration::from_secs(5)) else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (Ok(mut c2), Ok(mut s2)) = (client.try_clone(), server.try_clone()) else {
                    return;
                };
                let up = std::thread::spawn(move || {
                    let mut c = &client;
                    let mut s = &server;
                    let _ = std::io::copy(&mut c, &mut s);
                    let _ = server.shutdown(std::net::Shutdown::Write);
                });
                let _ = std::io::copy(&mut s2, &mut c2);
                let _ = c2.shutdown(std::net::Shutdown::Write);
                let _ = up.join();
            });
        }
    });
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
