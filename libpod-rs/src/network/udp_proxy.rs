//! rpod's own relay for published UDP ports, in the spirit of podman's
//! rootlessport.
//!
//! The network helpers of Debian 12 both lose UDP replies: pasta 2023-03
//! those for clients that are not on the host's loopback and those of a
//! port published to a lower container port (`6000:5300/udp`), libslirp
//! 4.7 those for clients on the host's loopback. So published UDP ports
//! are not given to the helper: rpod binds the host side itself, and a
//! small detached process (a fork, no exec) relays each client's
//! datagrams through a socket of its own that it creates inside the
//! container's network namespace, connected to `127.0.0.1:PORT` there.
//! The container sees its clients as coming from its loopback.
//!
//! The relay holds a pidfd of the container's process and exits when that
//! process does and no other process lives in its network namespace (the
//! other members of a pod), like the helpers' guard; a client's socket is
//! closed after a minute without traffic.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sched::CloneFlags;
use serde::{Deserialize, Serialize};

use super::ports::PortMapping;
use super::Error;
use crate::sys::channel::{self, Channel};
use crate::sys::pidfd::PidFd;

/// How long a client's relay socket lives without traffic.
const IDLE: Duration = Duration::from_secs(60);

/// What the relay tells the process that started it, once.
#[derive(Debug, Serialize, Deserialize)]
enum Report {
    /// The relay runs in the container's network namespace (its PID).
    Relaying { pid: u32 },
    /// It could not join the namespace (why).
    Failed { message: String },
}

/// Starts the relay of `sockets` (host sides bound by
/// [`super::ports::bind_udp`]) into the network namespace of
/// `container_pid`; returns the relay's PID (0 when there is nothing to
/// relay). The caller must be single-threaded: it forks.
pub fn spawn(container_pid: u32, sockets: Vec<(PortMapping, UdpSocket)>) -> Result<u32, Error> {
    if sockets.is_empty() {
        return Ok(0);
    }
    let fail = |what: &str, source: io::Error| Error::Io {
        action: format!("starting the UDP relay: {what}"),
        source,
    };
    let ns = |name: &str| {
        fs_err::File::open(format!("/proc/{container_pid}/ns/{name}"))
            .map(OwnedFd::from)
            .map_err(|e| fail(&format!("opening the container's {name} namespace"), e))
    };
    let net = ns("net")?;
    // Rootless, the container's network namespace belongs to its user
    // namespace: join that first (it grants the capability setns needs).
    let same_user = |p: &str| fs_err::metadata(p).map(|m| (m.dev(), m.ino())).ok();
    let user = if same_user("/proc/self/ns/user")
        == same_user(&format!("/proc/{container_pid}/ns/user"))
    {
        None
    } else {
        Some(ns("user")?)
    };
    let pidfd = i32::try_from(container_pid)
        .map_err(|_| nix::errno::Errno::ESRCH)
        .and_then(PidFd::open)
        .map_err(|e| fail("watching the container process", e.into()))?;
    for (_, s) in &sockets {
        s.set_nonblocking(true)
            .map_err(|e| fail("making a socket non-blocking", e))?;
    }
    let (ours, theirs) = channel::channel::<(), Report>()
        .map_err(|e| fail("a channel", io::Error::other(e.to_string())))?;
    // A daemon: the relay is no process's child, so nobody has to reap it.
    // Our copies of what it uses close when its closure is dropped here.
    crate::sys::process::daemon_then(move || relay(net, user, pidfd, sockets, theirs))
        .map_err(|e| fail("forking", e.into()))?;
    let joining = "joining the container's network namespace";
    match ours.recv() {
        Ok(Some(Report::Relaying { pid })) => Ok(pid),
        Ok(Some(Report::Failed { message })) => Err(fail(joining, io::Error::other(message))),
        Ok(None) => Err(fail(joining, io::Error::other("the relay died"))),
        Err(e) => Err(fail(joining, io::Error::other(e.to_string()))),
    }
}

/// The relay process: joins the container's network namespace, reports,
/// and relays until the container process exits.
fn relay(
    net: OwnedFd,
    user: Option<OwnedFd>,
    pidfd: PidFd,
    sockets: Vec<(PortMapping, UdpSocket)>,
    report: Channel<Report, ()>,
) -> u8 {
    // It must hold nothing of its parent's (pipes, terminals, logs).
    let _ = crate::sys::process::null_stdio();
    let mut keep: Vec<BorrowedFd<'_>> = vec![net.as_fd(), pidfd.as_fd(), report.as_fd()];
    keep.extend(user.as_ref().map(AsFd::as_fd));
    keep.extend(sockets.iter().map(|(_, s)| s.as_fd()));
    crate::sys::process::close_fds_except(&keep);
    drop(keep);
    // The caller may block signals around the container's start.
    crate::sys::process::unblock_signals();
    let joined = user
        .as_ref()
        .map_or(Ok(()), |u| nix::sched::setns(u, CloneFlags::CLONE_NEWUSER))
        .and_then(|()| nix::sched::setns(&net, CloneFlags::CLONE_NEWNET));
    let msg = match joined {
        Ok(()) => Report::Relaying {
            pid: std::process::id(),
        },
        Err(e) => Report::Failed {
            message: format!("setns: {}", e.desc()),
        },
    };
    let _ = report.send(&msg);
    drop((report, net, user));
    if joined.is_err() {
        return 1;
    }
    serve(pidfd, &sockets);
    0
}

/// One client of one published port: its socket inside the container.
struct Client {
    inner: UdpSocket,
    port: usize,
    peer: SocketAddr,
    last: Instant,
}

/// The relay loop, inside the container's network namespace; returns when
/// the container process exits and no other process (another member of
/// its pod) lives in the namespace.
fn serve(mut pidfd: PidFd, ports: &[(PortMapping, UdpSocket)]) {
    let me = std::process::id();
    let netns = i32::try_from(me)
        .ok()
        .and_then(|p| super::guard::namespace_id(p, "net"));
    let mut clients: HashMap<(usize, SocketAddr), Client> = HashMap::new();
    let mut buf = vec![0u8; 65536];
    loop {
        let keys: Vec<(usize, SocketAddr)> = clients.keys().copied().collect();
        let mut fds = vec![PollFd::new(pidfd.as_fd(), PollFlags::POLLIN)];
        fds.extend(
            ports
                .iter()
                .map(|(_, s)| PollFd::new(s.as_fd(), PollFlags::POLLIN)),
        );
        fds.extend(
            keys.iter()
                .map(|k| PollFd::new(clients[k].inner.as_fd(), PollFlags::POLLIN)),
        );
        match nix::poll::poll(&mut fds, PollTimeout::from(10_000u16)) {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            Err(_) => return,
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        drop(fds);
        if ready[0] {
            // The container process exited: follow another one in the
            // namespace, if any.
            match netns.and_then(|ns| super::guard::successor(ns, &[me])) {
                Some(next) => {
                    pidfd = next;
                    continue;
                }
                None => return,
            }
        }
        for (i, (p, host)) in ports.iter().enumerate() {
            if !ready[1 + i] {
                continue;
            }
            while let Ok((n, peer)) = host.recv_from(&mut buf) {
                let c = match clients.entry((i, peer)) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        match connect_inside(p.container_port) {
                            Ok(inner) => e.insert(Client {
                                inner,
                                port: i,
                                peer,
                                last: Instant::now(),
                            }),
                            Err(_) => continue,
                        }
                    }
                };
                c.last = Instant::now();
                // Nothing listening yet: the datagram is lost, as it would
                // be without a relay.
                let _ = c.inner.send(&buf[..n]);
            }
        }
        for (j, key) in keys.iter().enumerate() {
            if !ready[1 + ports.len() + j] {
                continue;
            }
            let Some(c) = clients.get_mut(key) else {
                continue;
            };
            while let Ok(n) = c.inner.recv(&mut buf) {
                c.last = Instant::now();
                let _ = ports[c.port].1.send_to(&buf[..n], c.peer);
            }
        }
        clients.retain(|_, c| c.last.elapsed() < IDLE);
    }
}

/// A socket in the container's namespace, connected to its loopback port.
fn connect_inside(port: u16) -> io::Result<UdpSocket> {
    let s = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))?;
    s.connect((Ipv4Addr::LOCALHOST, port))?;
    s.set_nonblocking(true)?;
    Ok(s)
}
