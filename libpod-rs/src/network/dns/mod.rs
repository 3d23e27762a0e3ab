//! The DNS responder of bridge networks (podman's aardvark-dns, in rpod).
//!
//! One [`Responder`] serves every network's gateway address from one
//! single-threaded process (it will live in the rootless network
//! namespace's holder, see docs/networks.md): a UDP socket per network,
//! polled together. It answers A, AAAA and PTR queries for the names in
//! each network's records file ([`records`]) with TTL 0, case-insensitively,
//! with or without the search domain `dns.podman`; a name known with no
//! address of the asked family gets an empty answer. Everything else is
//! forwarded, without blocking other queries, to the container's own
//! resolvers, else its networks', else the host's ([`upstream`]), one after
//! the other, each for its share of a five-second budget; when none
//! answers the client gets SERVFAIL (aardvark-dns sends nothing and lets
//! the client time out). Names under the search domain that are not
//! known, and every query from a container only on `--internal` networks,
//! get NXDOMAIN, as aardvark-dns does.
//!
//! Records change while the responder runs (containers start, stop, get new
//! addresses). Before each query it `stat`s each records file and re-reads
//! the ones whose inode, size or modification time changed: rpod replaces
//! the files by rename, so every update gives a new inode, and a stat costs
//! about a microsecond, cheaper than keeping an inotify watch per directory
//! in step with networks coming and going.

pub mod records;
pub mod upstream;

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use simple_dns::rdata::{RData, A, AAAA, PTR};
use simple_dns::{Name, Packet, PacketFlag, ResourceRecord, CLASS, OPCODE, QTYPE, RCODE, TYPE};

use records::{Backend, Records};

/// podman's search domain for container names.
pub const SEARCH_DOMAIN: &str = "dns.podman";
/// How long forwarding may take in all (aardvark-dns: 5 s, shared by the resolvers).
pub const FORWARD_TIMEOUT: Duration = Duration::from_secs(5);
/// Forwarded queries waiting at once; more get SERVFAIL at once.
const MAX_PENDING: usize = 512;

/// A network the responder serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedNetwork {
    /// Its name.
    pub name: String,
    /// Its records file.
    pub records: PathBuf,
    /// Whether it is `--internal` (no forwarding for its containers).
    pub internal: bool,
}

/// What identifies a version of a records file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_ns: i64,
}

struct Served {
    net: ServedNetwork,
    socket: UdpSocket,
    stamp: Option<Stamp>,
    records: Records,
}

struct Pending {
    served: usize,
    client: SocketAddr,
    query: Vec<u8>,
    id: u16,
    servers: Vec<SocketAddr>,
    next: usize,
    socket: Option<UdpSocket>,
    deadline: Instant,
}

/// The responder: served sockets, their records, forwarded queries.
pub struct Responder {
    search_domain: String,
    upstreams: Vec<SocketAddr>,
    timeout: Duration,
    served: Vec<Served>,
    backend: Backend,
    pending: Vec<Pending>,
}

/// What to do with a query.
enum Action {
    Reply(Vec<u8>),
    Forward(Vec<SocketAddr>),
    Drop,
}

fn stamp_of(path: &std::path::Path) -> Option<Stamp> {
    let m = fs_err::metadata(path).ok()?;
    Some(Stamp {
        dev: m.dev(),
        ino: m.ino(),
        len: m.len(),
        mtime: m.mtime(),
        mtime_ns: m.mtime_nsec(),
    })
}

/// An IP address from a PTR query name (`4.3.2.1.in-addr.arpa`,
/// nibbles `.ip6.arpa`).
pub fn reverse_name_to_ip(name: &str) -> Option<IpAddr> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if let Some(v4) = name.strip_suffix(".in-addr.arpa") {
        let parts: Vec<&str> = v4.split('.').rev().collect();
        if parts.len() != 4 {
            return None;
        }
        return parts.join(".").parse().ok();
    }
    let v6 = name.strip_suffix(".ip6.arpa")?;
    let nibbles: Vec<&str> = v6.split('.').rev().collect();
    if nibbles.len() != 32 || nibbles.iter().any(|n| n.len() != 1) {
        return None;
    }
    let hex: String = nibbles.concat();
    u128::from_str_radix(&hex, 16)
        .ok()
        .map(|v| IpAddr::V6(v.into()))
}

/// A reply to `query` with no answers and `rcode`.
fn empty_reply(query: &Packet<'_>, rcode: RCODE) -> Option<Vec<u8>> {
    let mut reply = Packet::new_reply(query.id());
    if query.has_flags(PacketFlag::RECURSION_DESIRED) {
        reply.set_flags(PacketFlag::RECURSION_DESIRED);
    }
    reply.set_flags(PacketFlag::RECURSION_AVAILABLE);
    *reply.rcode_mut() = rcode;
    *reply.opcode_mut() = query.opcode();
    reply.questions = query.questions.clone();
    reply.build_bytes_vec().ok()
}

/// A SERVFAIL reply to the raw query `bytes` (when it parses).
fn servfail(bytes: &[u8]) -> Option<Vec<u8>> {
    let q = Packet::parse(bytes).ok()?;
    empty_reply(&q, RCODE::ServerFailure)
}

impl Responder {
    /// A responder forwarding unknown names to `upstreams` (the host's
    /// resolvers) within `timeout` in all.
    pub fn new(upstreams: Vec<SocketAddr>, timeout: Duration) -> Responder {
        Responder {
            search_domain: SEARCH_DOMAIN.to_string(),
            upstreams,
            timeout,
            served: Vec::new(),
            backend: Backend::default(),
            pending: Vec::new(),
        }
    }

    /// Replaces the resolvers unknown names are forwarded to when neither
    /// the container nor its network names any.
    pub fn set_upstreams(&mut self, upstreams: Vec<SocketAddr>) {
        self.upstreams = upstreams;
    }

    /// Starts answering on `socket` (bound to the network's gateway, port 53)
    /// for `net`.
    pub fn serve(&mut self, socket: UdpSocket, net: ServedNetwork) -> std::io::Result<()> {
        socket.set_nonblocking(true)?;
        self.served.retain(|s| s.net.name != net.name);
        self.served.push(Served {
            net,
            socket,
            stamp: None,
            records: Records::default(),
        });
        self.refresh();
        Ok(())
    }

    /// Stops serving a network (its socket is closed).
    pub fn stop_serving(&mut self, name: &str) {
        let Some(idx) = self.served.iter().position(|s| s.net.name == name) else {
            return;
        };
        self.served.remove(idx);
        self.pending.retain(|p| p.served != idx);
        for p in &mut self.pending {
            if p.served > idx {
                p.served -= 1;
            }
        }
        self.refresh_backend();
    }

    /// The names of the networks served.
    pub fn served(&self) -> Vec<String> {
        self.served.iter().map(|s| s.net.name.clone()).collect()
    }

    /// Re-reads records files that changed since they were last read; a
    /// file that is missing or does not parse counts as empty.
    pub fn refresh(&mut self) {
        let mut changed = false;
        for s in &mut self.served {
            let stamp = stamp_of(&s.net.records);
            if stamp != s.stamp || stamp.is_none() && !s.records.entries.is_empty() {
                s.records = fs_err::read_to_string(&s.net.records)
                    .ok()
                    .and_then(|t| Records::parse(&t).ok())
                    .unwrap_or_default();
                s.stamp = stamp;
                changed = true;
            }
        }
        if changed {
            self.refresh_backend();
        }
    }

    fn refresh_backend(&mut self) {
        self.backend = Backend::new(
            self.served
                .iter()
                .map(|s| (s.net.name.as_str(), &s.records)),
        );
    }

    /// The name asked, lower case, without the final dot and the search
    /// domain; whether it was under the search domain.
    fn local_name(&self, qname: &str) -> (String, bool) {
        let mut name = qname.trim_end_matches('.').to_ascii_lowercase();
        let suffix = format!(".{}", self.search_domain);
        if name == self.search_domain {
            return (String::new(), true);
        }
        if name.ends_with(&suffix) {
            name.truncate(name.len() - suffix.len());
            return (name, true);
        }
        (name, false)
    }

    /// Decides what to do with one query from `src` on served network `idx`.
    fn answer(&self, idx: usize, src: SocketAddr, bytes: &[u8]) -> Action {
        let Ok(query) = Packet::parse(bytes) else {
            return Action::Drop;
        };
        if query.has_flags(PacketFlag::RESPONSE) {
            return Action::Drop;
        }
        let reply = |p: Option<Vec<u8>>| p.map_or(Action::Drop, Action::Reply);
        if query.opcode() != OPCODE::StandardQuery {
            return reply(empty_reply(&query, RCODE::NotImplemented));
        }
        let Some(q) = query.questions.first() else {
            return reply(empty_reply(&query, RCODE::FormatError));
        };
        let net = &self.served[idx].net;
        let requester = match src.ip() {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(src.ip(), IpAddr::V4),
            v4 => v4,
        };
        let qname = q.qname.to_string();
        let (name, in_domain) = self.local_name(&qname);
        let mut answers: Vec<ResourceRecord<'_>> = Vec::new();
        let mut known = false;
        match q.qtype {
            QTYPE::TYPE(t @ (TYPE::A | TYPE::AAAA)) => {
                if let Some(ips) = self.backend.lookup(requester, &net.name, &name) {
                    known = true;
                    for ip in ips {
                        let rdata = match (t, ip) {
                            (TYPE::A, IpAddr::V4(a)) => RData::A(A::from(a)),
                            (TYPE::AAAA, IpAddr::V6(a)) => RData::AAAA(AAAA::from(a)),
                            _ => continue,
                        };
                        answers.push(ResourceRecord::new(q.qname.clone(), CLASS::IN, 0, rdata));
                    }
                }
            }
            QTYPE::TYPE(TYPE::PTR) => {
                if let Some(names) = reverse_name_to_ip(&qname)
                    .and_then(|ip| self.backend.reverse(requester, &net.name, ip))
                {
                    known = true;
                    for n in names {
                        if let Ok(target) = Name::new(&n) {
                            answers.push(ResourceRecord::new(
                                q.qname.clone(),
                                CLASS::IN,
                                0,
                                RData::PTR(PTR(target.into_owned())),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
        if known {
            let mut r = Packet::new_reply(query.id());
            if query.has_flags(PacketFlag::RECURSION_DESIRED) {
                r.set_flags(PacketFlag::RECURSION_DESIRED);
            }
            r.set_flags(PacketFlag::RECURSION_AVAILABLE);
            r.questions.push(q.clone());
            r.answers = answers;
            return reply(r.build_bytes_vec().ok());
        }
        // Not ours: forward, unless the name is under the search domain or
        // the requester may not reach out.
        let only_internal = self
            .backend
            .networks_of_requester(requester, &net.name)
            .iter()
            .all(|n| {
                self.served
                    .iter()
                    .find(|s| s.net.name == *n)
                    .is_some_and(|s| s.net.internal)
            });
        if in_domain || only_internal {
            return reply(empty_reply(&query, RCODE::NameError));
        }
        let own = self.backend.resolvers_for(requester, &net.name);
        let servers: Vec<SocketAddr> = if own.is_empty() {
            self.upstreams.clone()
        } else {
            own.into_iter()
                .map(|ip| SocketAddr::new(ip, upstream::DNS_PORT))
                .collect()
        };
        if servers.is_empty() || self.pending.len() >= MAX_PENDING {
            return reply(empty_reply(&query, RCODE::ServerFailure));
        }
        Action::Forward(servers)
    }

    /// Sends a pending query to its next resolver; false when none is left.
    fn send_next(&mut self, i: usize) -> bool {
        let per_server =
            self.timeout / u32::try_from(self.pending[i].servers.len().max(1)).unwrap_or(1);
        while self.pending[i].next < self.pending[i].servers.len() {
            let p = &mut self.pending[i];
            let server = p.servers[p.next];
            p.next += 1;
            let bind: SocketAddr = if server.is_ipv4() {
                "0.0.0.0:0".parse().expect("constant")
            } else {
                "[::]:0".parse().expect("constant")
            };
            let sent = UdpSocket::bind(bind).and_then(|s| {
                s.connect(server)?;
                s.set_nonblocking(true)?;
                s.send(&p.query)?;
                Ok(s)
            });
            if let Ok(s) = sent {
                p.socket = Some(s);
                p.deadline = Instant::now() + per_server;
                return true;
            }
        }
        false
    }

    fn reply_to(&self, served: usize, client: SocketAddr, bytes: &[u8]) {
        if let Some(s) = self.served.get(served) {
            // A client that is gone is not our problem.
            let _ = s.socket.send_to(bytes, client);
        }
    }

    /// Handles whatever is ready, without blocking: queries on the served
    /// sockets, answers from resolvers, forwarding deadlines.
    pub fn process(&mut self) {
        let mut buf = vec![0u8; 4096];
        let mut incoming = Vec::new();
        for (i, s) in self.served.iter().enumerate() {
            while let Ok((n, src)) = s.socket.recv_from(&mut buf) {
                incoming.push((i, src, buf[..n].to_vec()));
            }
        }
        if !incoming.is_empty() {
            self.refresh();
        }
        for (i, src, bytes) in incoming {
            match self.answer(i, src, &bytes) {
                Action::Reply(r) => self.reply_to(i, src, &r),
                Action::Drop => {}
                Action::Forward(servers) => {
                    let id = u16::from_be_bytes([bytes[0], bytes[1]]);
                    self.pending.push(Pending {
                        served: i,
                        client: src,
                        query: bytes,
                        id,
                        servers,
                        next: 0,
                        socket: None,
                        deadline: Instant::now(),
                    });
                    let last = self.pending.len() - 1;
                    if !self.send_next(last) {
                        let p = self.pending.remove(last);
                        if let Some(r) = servfail(&p.query) {
                            self.reply_to(p.served, p.client, &r);
                        }
                    }
                }
            }
        }
        // Answers and deadlines of forwarded queries.
        let now = Instant::now();
        let mut i = 0;
        while i < self.pending.len() {
            let mut done = false;
            if let Some(sock) = &self.pending[i].socket {
                while let Ok(n) = sock.recv(&mut buf) {
                    if n >= 2 && u16::from_be_bytes([buf[0], buf[1]]) == self.pending[i].id {
                        let (served, client) = (self.pending[i].served, self.pending[i].client);
                        self.reply_to(served, client, &buf[..n]);
                        done = true;
                        break;
                    }
                }
            }
            if !done && now >= self.pending[i].deadline && !self.send_next(i) {
                if let Some(r) = servfail(&self.pending[i].query) {
                    let p = &self.pending[i];
                    self.reply_to(p.served, p.client, &r);
                }
                done = true;
            }
            if done {
                self.pending.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// How long until the next forwarding deadline, if any.
    pub fn next_deadline(&self) -> Option<Duration> {
        let now = Instant::now();
        self.pending
            .iter()
            .map(|p| p.deadline.saturating_duration_since(now))
            .min()
    }

    /// The descriptors to poll for input: served sockets and resolvers'.
    pub fn fds(&self) -> Vec<std::os::fd::BorrowedFd<'_>> {
        self.served
            .iter()
            .map(|s| s.socket.as_fd())
            .chain(
                self.pending
                    .iter()
                    .filter_map(|p| p.socket.as_ref().map(AsFd::as_fd)),
            )
            .collect()
    }

    /// Serves until `stop` is set (checked at least every 100 ms).
    pub fn run(&mut self, stop: &AtomicBool) -> std::io::Result<()> {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        while !stop.load(Ordering::Relaxed) {
            let wait = self
                .next_deadline()
                .unwrap_or(Duration::from_millis(100))
                .min(Duration::from_millis(100));
            let ms = u16::try_from(wait.as_millis()).unwrap_or(100);
            {
                let fds = self.fds();
                let mut pfds: Vec<PollFd<'_>> = fds
                    .iter()
                    .map(|fd| PollFd::new(*fd, PollFlags::POLLIN))
                    .collect();
                match poll(&mut pfds, PollTimeout::from(ms)) {
                    Ok(_) | Err(nix::errno::Errno::EINTR) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            self.process();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name_to_ip("2.0.89.10.in-addr.arpa."),
            Some("10.89.0.2".parse().unwrap())
        );
        let v6 = "3.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa";
        assert_eq!(reverse_name_to_ip(v6), Some("fd00::3".parse().unwrap()));
        assert_eq!(reverse_name_to_ip("0.89.10.in-addr.arpa"), None);
        assert_eq!(reverse_name_to_ip("example.com"), None);
    }

    #[test]
    fn names_lose_the_search_domain() {
        let r = Responder::new(vec![], FORWARD_TIMEOUT);
        assert_eq!(r.local_name("Web.DNS.podman."), ("web".into(), true));
        assert_eq!(r.local_name("web"), ("web".into(), false));
        assert_eq!(
            r.local_name("webdns.podman"),
            ("webdns.podman".into(), false)
        );
        assert_eq!(r.local_name("dns.podman"), (String::new(), true));
    }
}
