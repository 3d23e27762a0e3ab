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

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::Duration;

use fs_err::File;
use nix::fcntl::{Flock, FlockArg};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sched::CloneFlags;
use rustix::net::{AddressFamily, SocketAddrUnix, SocketFlags, SocketType};

use super::dns::records;
use super::dns::{Responder, FORWARD_TIMEOUT};
use super::ipam::LeaseFile;
use super::netlink;
use super::{Error, Result};
use crate::sys::channel::Channel;

mod attach;
mod bridge;
mod link;
mod protocol;
mod relay;

use attach::{Attached, RelayTarget};
pub use bridge::rules;
use bridge::{netns_id, parse_mac, random6, Bridge};
pub use protocol::{
    AttachNetwork, AttachRequest, ConnectRequest, IfAddress, NetworkStatus, Ready, Reply, Request,
};
use relay::{spawn_relay, stop_relays};

/// The control socket's file name in the networks' run directory.
const SOCKET: &str = "holder.sock";
/// The lock a joiner holds while it finds or starts the holder.
const LOCK: &str = "holder.lock";

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
}
