//! The names a network's DNS responder answers: one file per network in the
//! run root's `networks/dns/`, in aardvark-dns's format (its `config.md`),
//! which rpod updates under a flock per network and replaces atomically:
//!
//! ```text
//! 10.89.0.1                              listen addresses [network resolvers]
//! <container id> <ipv4s> <ipv6s> <names> [resolvers]
//! ```
//! Lists are comma-separated; an empty list is an empty field. Names are
//! the container's name, its aliases and its short ID; lookups ignore case.
//! [`Backend`] is the lookup side: names to addresses and back, per network,
//! for the networks a requesting address belongs to.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use crate::network::{Error, Result};
use crate::store::lock::{self, LockMode};

/// One container on a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The container's ID.
    pub container_id: String,
    /// Its IPv4 addresses on the network.
    pub ipv4: Vec<Ipv4Addr>,
    /// Its IPv6 addresses on the network.
    pub ipv6: Vec<Ipv6Addr>,
    /// The names it answers to (name, aliases), lower case.
    pub names: Vec<String>,
    /// Resolvers for this container's other queries (`--dns`); the
    /// network's or the host's when empty.
    pub dns_servers: Vec<IpAddr>,
}

/// A network's records file, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// Where the responder listens (the network's gateways).
    pub listen: Vec<IpAddr>,
    /// The network's own resolvers (`network create --dns`).
    pub network_dns_servers: Vec<IpAddr>,
    /// Its containers.
    pub entries: Vec<Entry>,
}

fn join<T: ToString>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn split<T: std::str::FromStr>(field: &str, what: &str) -> std::result::Result<Vec<T>, String> {
    if field.is_empty() {
        return Ok(Vec::new());
    }
    field
        .split(',')
        .map(|s| s.parse().map_err(|_| format!("invalid {what} {s:?}")))
        .collect()
}

impl Records {
    /// Parses a records file.
    pub fn parse(text: &str) -> std::result::Result<Records, String> {
        let mut lines = text.split('\n').filter(|l| !l.is_empty());
        let mut r = Records::default();
        let Some(first) = lines.next() else {
            return Ok(r);
        };
        let mut head = first.split(' ');
        r.listen = split(head.next().unwrap_or(""), "listen address")?;
        r.network_dns_servers = split(head.next().unwrap_or(""), "network resolver")?;
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            if parts.len() < 4 || parts[3].is_empty() {
                return Err(format!(
                    "line {line:?} is improperly formatted: too few entries"
                ));
            }
            r.entries.push(Entry {
                container_id: parts[0].to_lowercase(),
                ipv4: split(parts[1], "IPv4 address")?,
                ipv6: split(parts[2], "IPv6 address")?,
                names: parts[3].split(',').map(str::to_lowercase).collect(),
                dns_servers: split(parts.get(4).copied().unwrap_or(""), "resolver")?,
            });
        }
        Ok(r)
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut s = join(&self.listen);
        if !self.network_dns_servers.is_empty() {
            s.push(' ');
            s.push_str(&join(&self.network_dns_servers));
        }
        s.push('\n');
        for e in &self.entries {
            s.push_str(&format!(
                "{} {} {} {}",
                e.container_id,
                join(&e.ipv4),
                join(&e.ipv6),
                e.names.join(",")
            ));
            if !e.dns_servers.is_empty() {
                s.push(' ');
                s.push_str(&join(&e.dns_servers));
            }
            s.push('\n');
        }
        s
    }
}

/// The records file of a network in a run directory's `networks/`.
pub fn records_file(run_dir: &Path, network: &str) -> PathBuf {
    run_dir.join("dns").join(network)
}

fn update(run_dir: &Path, network: &str, f: impl FnOnce(&mut Records)) -> Result<()> {
    let path = records_file(run_dir, network);
    let dir = path.parent().expect("records files have a directory");
    crate::store::create_dir_private(dir)?;
    let lock_path = dir.join(format!(".{network}.lock"));
    let _lock = lock::lock(&lock_path, LockMode::Exclusive).map_err(|source| Error::Io {
        action: format!("locking {}", lock_path.display()),
        source,
    })?;
    let mut records = match fs_err::read_to_string(&path) {
        Ok(t) => Records::parse(&t).map_err(|e| Error::Io {
            action: format!("parsing {}", path.display()),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Records::default(),
        Err(source) => {
            return Err(Error::Io {
                action: format!("reading {}", path.display()),
                source,
            })
        }
    };
    f(&mut records);
    crate::store::atomic::replace(&path, records.render().as_bytes(), 0o600).map_err(|source| {
        Error::Io {
            action: format!("writing {}", path.display()),
            source,
        }
    })
}

/// Adds or replaces a container's entry (the network's listen addresses
/// and resolvers are written too, for the first line).
pub fn set_entry(
    run_dir: &Path,
    network: &str,
    listen: &[IpAddr],
    network_dns_servers: &[IpAddr],
    entry: Entry,
) -> Result<()> {
    update(run_dir, network, |r| {
        r.listen = listen.to_vec();
        r.network_dns_servers = network_dns_servers.to_vec();
        r.entries.retain(|e| e.container_id != entry.container_id);
        r.entries.push(entry);
    })
}

/// Removes a container's entry, if any.
pub fn remove_entry(run_dir: &Path, network: &str, container_id: &str) -> Result<()> {
    update(run_dir, network, |r| {
        r.entries.retain(|e| e.container_id != container_id);
    })
}

/// Names and addresses of the served networks, for lookups.
#[derive(Debug, Clone, Default)]
pub struct Backend {
    /// Per network: lower-case name to addresses.
    names: BTreeMap<String, BTreeMap<String, Vec<IpAddr>>>,
    /// Per network: address to names.
    reverse: BTreeMap<String, BTreeMap<IpAddr, Vec<String>>>,
    /// Address to the networks it is on.
    member_of: BTreeMap<IpAddr, Vec<String>>,
    /// Address to its container's own resolvers.
    ctr_dns: BTreeMap<IpAddr, Vec<IpAddr>>,
    /// Per network: its resolvers.
    net_dns: BTreeMap<String, Vec<IpAddr>>,
}

impl Backend {
    /// Builds the lookup tables from each network's records.
    pub fn new<'a>(networks: impl IntoIterator<Item = (&'a str, &'a Records)>) -> Backend {
        let mut b = Backend::default();
        for (net, records) in networks {
            let names = b.names.entry(net.to_string()).or_default();
            let reverse = b.reverse.entry(net.to_string()).or_default();
            b.net_dns
                .insert(net.to_string(), records.network_dns_servers.clone());
            for e in &records.entries {
                let ips: Vec<IpAddr> = e
                    .ipv4
                    .iter()
                    .map(|a| IpAddr::V4(*a))
                    .chain(e.ipv6.iter().map(|a| IpAddr::V6(*a)))
                    .collect();
                for n in &e.names {
                    names
                        .entry(n.clone())
                        .or_default()
                        .extend(ips.iter().copied());
                }
                for ip in &ips {
                    reverse
                        .entry(*ip)
                        .or_default()
                        .extend(e.names.iter().cloned());
                    let nets = b.member_of.entry(*ip).or_default();
                    if !nets.iter().any(|x| x == net) {
                        nets.push(net.to_string());
                    }
                    if !e.dns_servers.is_empty() {
                        b.ctr_dns.insert(*ip, e.dns_servers.clone());
                    }
                }
            }
        }
        b
    }

    /// The networks a requester is on; an unknown requester (the host)
    /// sees the network it asked on, as in aardvark-dns.
    fn networks_of(&self, requester: IpAddr, asked_on: &str) -> Vec<String> {
        self.member_of
            .get(&requester)
            .cloned()
            .unwrap_or_else(|| vec![asked_on.to_string()])
    }

    /// Whether the requester is known: a container on a served network.
    pub fn knows(&self, requester: IpAddr) -> bool {
        self.member_of.contains_key(&requester)
    }

    /// The addresses of `name` (already lower case, without the search
    /// domain and the final dot) on the requester's networks; `None` when
    /// no such name exists there.
    pub fn lookup(&self, requester: IpAddr, asked_on: &str, name: &str) -> Option<Vec<IpAddr>> {
        let mut out = Vec::new();
        let mut found = false;
        for net in self.networks_of(requester, asked_on) {
            if let Some(ips) = self.names.get(&net).and_then(|m| m.get(name)) {
                found = true;
                for ip in ips {
                    if !out.contains(ip) {
                        out.push(*ip);
                    }
                }
            }
        }
        found.then_some(out)
    }

    /// The names of an address on the requester's networks.
    pub fn reverse(&self, requester: IpAddr, asked_on: &str, ip: IpAddr) -> Option<Vec<String>> {
        self.networks_of(requester, asked_on)
            .iter()
            .find_map(|net| self.reverse.get(net).and_then(|m| m.get(&ip)).cloned())
    }

    /// The resolvers the requester's other queries go to: its own, else its
    /// networks', else none (the host's then).
    pub fn resolvers_for(&self, requester: IpAddr, asked_on: &str) -> Vec<IpAddr> {
        if let Some(own) = self.ctr_dns.get(&requester) {
            return own.clone();
        }
        let mut out = Vec::new();
        for net in self.networks_of(requester, asked_on) {
            for s in self.net_dns.get(&net).into_iter().flatten() {
                if !out.contains(s) {
                    out.push(*s);
                }
            }
        }
        out
    }

    /// The networks a requester is on (for the internal check).
    pub fn networks_of_requester(&self, requester: IpAddr, asked_on: &str) -> Vec<String> {
        self.networks_of(requester, asked_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "10.89.0.1 9.9.9.9\n\
        aaaa 10.89.0.2  web,WWW\n\
        bbbb 10.89.0.3 fd00::3 db 1.1.1.1,8.8.8.8\n";

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_renders_aardvark_s_format() {
        let r = Records::parse(FILE).unwrap();
        assert_eq!(r.listen, [ip("10.89.0.1")]);
        assert_eq!(r.network_dns_servers, [ip("9.9.9.9")]);
        assert_eq!(r.entries[0].names, ["web", "www"]);
        assert!(r.entries[0].ipv6.is_empty());
        assert_eq!(r.entries[1].dns_servers.len(), 2);
        assert_eq!(r.render(), FILE.replace("WWW", "www"));
        assert!(Records::parse("10.89.0.1\nx 10.0.0.1\n").is_err());
        assert!(Records::parse("10.89.0.1\nx 10.0.0.300  n\n").is_err());
        assert_eq!(Records::parse("").unwrap(), Records::default());
    }

    #[test]
    fn lookups_follow_the_requester_s_networks() {
        let a = Records::parse(FILE).unwrap();
        let b = Records::parse("10.90.0.1\ncccc 10.90.0.2  other\ndddd 10.90.0.3  db\n").unwrap();
        let be = Backend::new([("a", &a), ("b", &b)]);
        // A container on network a sees a's names only.
        assert_eq!(
            be.lookup(ip("10.89.0.2"), "a", "db"),
            Some(vec![ip("10.89.0.3"), ip("fd00::3")])
        );
        assert_eq!(be.lookup(ip("10.89.0.2"), "a", "other"), None);
        // An unknown requester sees the network it asked on.
        assert_eq!(
            be.lookup(ip("10.0.0.9"), "b", "db"),
            Some(vec![ip("10.90.0.3")])
        );
        assert_eq!(
            be.reverse(ip("10.89.0.3"), "a", ip("10.89.0.2")),
            Some(vec!["web".into(), "www".into()])
        );
        assert_eq!(be.reverse(ip("10.89.0.3"), "a", ip("10.90.0.2")), None);
        assert_eq!(
            be.resolvers_for(ip("10.89.0.3"), "a"),
            [ip("1.1.1.1"), ip("8.8.8.8")]
        );
        assert_eq!(be.resolvers_for(ip("10.89.0.2"), "a"), [ip("9.9.9.9")]);
        assert!(be.resolvers_for(ip("10.90.0.2"), "b").is_empty());
        assert!(be.knows(ip("10.90.0.2")) && !be.knows(ip("10.0.0.9")));
    }

    #[test]
    fn entries_are_set_and_removed_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let e = |id: &str, addr: &str, name: &str| Entry {
            container_id: id.into(),
            ipv4: vec![addr.parse().unwrap()],
            ipv6: vec![],
            names: vec![name.into()],
            dns_servers: vec![],
        };
        let gw = [ip("10.89.0.1")];
        set_entry(tmp.path(), "n", &gw, &[], e("a", "10.89.0.2", "web")).unwrap();
        set_entry(tmp.path(), "n", &gw, &[], e("b", "10.89.0.3", "db")).unwrap();
        set_entry(tmp.path(), "n", &gw, &[], e("a", "10.89.0.4", "web")).unwrap();
        remove_entry(tmp.path(), "n", "b").unwrap();
        let text = fs_err::read_to_string(records_file(tmp.path(), "n")).unwrap();
        assert_eq!(text, "10.89.0.1\na 10.89.0.4  web\n");
    }
}
