//! Address leases (IPAM) of bridge networks: which container holds which
//! addresses and MAC address on a network. [`LeaseTable`] is the pure
//! allocator, following common's `netavark/ipam.go`: per subnet, the next
//! free address after the last one handed out (round robin, so a released
//! address is not reused at once), inside the lease range, skipping the
//! gateway, the network address and IPv4's broadcast address; a requested
//! static address is honoured or refused. MAC addresses are random,
//! locally administered unicast ones, as the kernel gives a veth that
//! netavark creates without one, and unique on the network.
//!
//! [`LeaseFile`] is the table on disk: one JSON file per network in the run
//! root's `networks/leases/`, read and replaced atomically under a flock
//! per network, so concurrent rpod invocations never hand out one address
//! twice. Leases belong to running containers, so the file is volatile like
//! podman's `ipam.db`: it records the boot it was written in, and a table
//! from an earlier boot reads as empty.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::config::Network;
use super::subnet::{self, IpNet};
use crate::store::lock::{self, LockGuard, LockMode};

/// Why an address cannot be leased.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IpamError {
    /// The static address is held by another container.
    #[error("IPAM error: requested ip address {ip} is already allocated to container ID {holder}")]
    Taken {
        /// The address.
        ip: IpAddr,
        /// Who holds it.
        holder: String,
    },
    /// The static address is in none of the network's subnets.
    #[error(
        "requested static ip {ip} not in any subnet on network {network}: choose one in {subnets}"
    )]
    Outside {
        /// The address.
        ip: IpAddr,
        /// The network.
        network: String,
        /// Its subnets.
        subnets: String,
    },
    /// The static address cannot be a container's (gateway, network, broadcast).
    #[error(
        "IPAM error: requested ip address {ip} is the {what} of network {network}: choose another"
    )]
    Reserved {
        /// The address.
        ip: IpAddr,
        /// `gateway`, `network address` or `broadcast address`.
        what: &'static str,
        /// The network.
        network: String,
    },
    /// Every address of the range is leased.
    #[error("IPAM error: failed to find free IP in range: {start} - {end}")]
    Exhausted {
        /// First address of the range.
        start: IpAddr,
        /// Last address of the range.
        end: IpAddr,
    },
    /// A `--mac-address` that cannot be a container's.
    #[error("invalid MAC address {0}: give six hexadecimal bytes (02:42:0a:59:00:02) of a unicast address other than 00:00:00:00:00:00")]
    BadMac(String),
    /// A well-formed MAC address no interface can have (all zeros,
    /// multicast): the kernel's EADDRNOTAVAIL, as podman reports it.
    #[error("MAC address {0} cannot be given to an interface: Cannot assign requested address (use a unicast address other than 00:00:00:00:00:00, such as 02:42:0a:59:00:02)")]
    UnusableMac(String),
    /// The MAC address is another container's on this network.
    #[error("MAC address {mac} is already used by container ID {holder} on network {network}")]
    MacTaken {
        /// The address.
        mac: String,
        /// Who holds it.
        holder: String,
        /// The network.
        network: String,
    },
    /// The container already has other addresses on the network.
    #[error("container {container} already has the addresses {ips} on network {network}: release them first")]
    AlreadyLeased {
        /// The container.
        container: String,
        /// What it holds.
        ips: String,
        /// The network.
        network: String,
    },
}

/// One container's addresses on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// The container's ID.
    pub container_id: String,
    /// One address per subnet of the network.
    pub ips: Vec<IpAddr>,
    /// Its interface's MAC address (`02:..`).
    pub mac: String,
    /// Its interface's name in the container (`eth0`).
    #[serde(default)]
    pub interface: String,
}

/// What a container asks for on a network (`--ip`, `--mac-address`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeaseRequest {
    /// Static addresses, at most one per subnet; the others are chosen.
    pub static_ips: Vec<IpAddr>,
    /// A static MAC address.
    pub static_mac: Option<String>,
    /// The interface's name in the container (`eth0` when empty).
    pub interface: String,
}

/// A network's leases (pure: no I/O).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseTable {
    /// The boot the table was written in (`/proc/sys/kernel/random/boot_id`).
    #[serde(default)]
    pub boot_id: String,
    /// The last address handed out, per subnet.
    #[serde(default)]
    pub last: BTreeMap<String, IpAddr>,
    /// The leases, in allocation order.
    #[serde(default)]
    pub leases: Vec<Lease>,
}

/// Formats a MAC address as Go does (`02:42:ac:11:00:02`).
pub fn format_mac(b: [u8; 6]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Parses and checks a static MAC address: six bytes separated by `:` or
/// `-`, unicast, not all zeros. Returns it in canonical form.
pub fn parse_mac(s: &str) -> Result<String, IpamError> {
    let bad = || IpamError::BadMac(s.to_string());
    let parts: Vec<&str> = s.split([':', '-']).collect();
    if parts.len() != 6 || parts.iter().any(|p| p.len() != 2) {
        return Err(bad());
    }
    let mut b = [0u8; 6];
    for (i, p) in parts.iter().enumerate() {
        b[i] = u8::from_str_radix(p, 16).map_err(|_| bad())?;
    }
    if b[0] & 1 == 1 || b == [0; 6] {
        return Err(IpamError::UnusableMac(s.to_string()));
    }
    Ok(format_mac(b))
}

/// A random locally administered unicast MAC address from 6 random bytes
/// (the kernel's `eth_random_addr`).
pub fn random_mac(mut b: [u8; 6]) -> String {
    b[0] = (b[0] & 0xfe) | 0x02;
    format_mac(b)
}

/// Whether the network's addresses are leased by rpod (host-local IPAM
/// with subnets), as podman's `requiresIPAMAlloc`.
pub fn leases_addresses(n: &Network) -> bool {
    matches!(
        n.ipam_options.get("driver").map(String::as_str),
        None | Some("") | Some("host-local")
    ) && !n.subnets.is_empty()
}

fn cmp(a: IpAddr, b: IpAddr) -> std::cmp::Ordering {
    subnet::to_u128(a).cmp(&subnet::to_u128(b))
}

impl LeaseTable {
    /// The container's lease, if it has one.
    pub fn get(&self, container_id: &str) -> Option<&Lease> {
        self.leases.iter().find(|l| l.container_id == container_id)
    }

    fn holder_of(&self, ip: IpAddr) -> Option<&str> {
        self.leases
            .iter()
            .find(|l| l.ips.contains(&ip))
            .map(|l| l.container_id.as_str())
    }

    /// Leases addresses (and a MAC address) on `net` to a container.
    /// `random` gives random bytes for MAC addresses. A container that
    /// already holds a lease gets it back when it asks for nothing else.
    pub fn allocate(
        &mut self,
        net: &Network,
        container_id: &str,
        req: &LeaseRequest,
        random: &mut dyn FnMut() -> [u8; 6],
    ) -> Result<Lease, IpamError> {
        let static_ips: Vec<IpAddr> = req
            .static_ips
            .iter()
            .map(|i| subnet::normalize(*i))
            .collect();
        let static_mac = req.static_mac.as_deref().map(parse_mac).transpose()?;
        if let Some(old) = self.get(container_id) {
            let same_ips = static_ips.iter().all(|i| old.ips.contains(i));
            let same_mac = static_mac.as_ref().is_none_or(|m| *m == old.mac);
            if same_ips && same_mac {
                return Ok(old.clone());
            }
            return Err(IpamError::AlreadyLeased {
                container: container_id.to_string(),
                ips: old
                    .ips
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                network: net.name.clone(),
            });
        }
        let mut ips = Vec::new();
        let mut last_updates = Vec::new();
        if leases_addresses(net) {
            for ip in &static_ips {
                if !net.subnets.iter().any(|s| s.subnet.contains(*ip)) {
                    return Err(IpamError::Outside {
                        ip: *ip,
                        network: net.name.clone(),
                        subnets: net
                            .subnets
                            .iter()
                            .map(|s| s.subnet.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
            }
            for s in &net.subnets {
                let ip = match static_ips.iter().find(|i| s.subnet.contains(**i)) {
                    Some(&ip) => {
                        let reserved = if Some(ip) == s.gateway {
                            Some("gateway")
                        } else if ip == s.subnet.addr() {
                            Some("network address")
                        } else if s.subnet.is_ipv4() && ip == s.subnet.last() {
                            Some("broadcast address")
                        } else {
                            None
                        };
                        if let Some(what) = reserved {
                            return Err(IpamError::Reserved {
                                ip,
                                what,
                                network: net.name.clone(),
                            });
                        }
                        if let Some(holder) = self.holder_of(ip) {
                            return Err(IpamError::Taken {
                                ip,
                                holder: holder.to_string(),
                            });
                        }
                        ip
                    }
                    None => {
                        let ip = self.free_ip(s)?;
                        last_updates.push((s.subnet.to_string(), ip));
                        ip
                    }
                };
                ips.push(ip);
            }
        }
        let mac = match static_mac {
            Some(m) => {
                if let Some(l) = self.leases.iter().find(|l| l.mac == m) {
                    return Err(IpamError::MacTaken {
                        mac: m,
                        holder: l.container_id.clone(),
                        network: net.name.clone(),
                    });
                }
                m
            }
            None => loop {
                let m = random_mac(random());
                if !self.leases.iter().any(|l| l.mac == m) {
                    break m;
                }
            },
        };
        self.last.extend(last_updates);
        let lease = Lease {
            container_id: container_id.to_string(),
            ips,
            mac,
            interface: if req.interface.is_empty() {
                "eth0".to_string()
            } else {
                req.interface.clone()
            },
        };
        self.leases.push(lease.clone());
        Ok(lease)
    }

    /// The next free address of a subnet after the last one handed out.
    fn free_ip(&self, s: &super::config::Subnet) -> Result<IpAddr, IpamError> {
        let net: IpNet = s.subnet;
        let range = s.lease_range.as_ref();
        let mut start = range
            .and_then(|r| r.start_ip)
            .unwrap_or_else(|| net.first());
        if start == net.addr() {
            start = net.first();
        }
        let mut end = range.and_then(|r| r.end_ip).unwrap_or_else(|| net.last());
        if net.is_ipv4() && end == net.last() {
            end = subnet::prev_ip(end).unwrap_or(end);
        }
        let exhausted = || IpamError::Exhausted { start, end };
        if cmp(start, end).is_gt() {
            return Err(exhausted());
        }
        let first_try = match self.last.get(&net.to_string()) {
            Some(&last) if net.contains(last) => subnet::next_ip(last).unwrap_or(start),
            _ => start,
        };
        let mut cur = if cmp(first_try, start).is_lt() || cmp(first_try, end).is_gt() {
            start
        } else {
            first_try
        };
        let began = cur;
        loop {
            let free = Some(cur) != s.gateway && self.holder_of(cur).is_none();
            if free {
                return Ok(cur);
            }
            cur = match subnet::next_ip(cur) {
                Some(n) if !cmp(n, end).is_gt() => n,
                _ => start,
            };
            if cur == began {
                return Err(exhausted());
            }
        }
    }

    /// Releases a container's lease; returns it, or `None` when it had none.
    pub fn release(&mut self, container_id: &str) -> Option<Lease> {
        let i = self
            .leases
            .iter()
            .position(|l| l.container_id == container_id)?;
        Some(self.leases.remove(i))
    }
}

/// The lease file of a network in a run directory's `networks/`.
pub fn lease_file(run_dir: &Path, network: &str) -> PathBuf {
    run_dir.join("leases").join(format!("{network}.json"))
}

/// This boot's ID (empty when unreadable, which never matches a stored one).
pub fn boot_id() -> String {
    fs_err::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// A network's lease table read without its lock (for listing: the file
/// is replaced atomically, so a reader sees one whole version).
pub fn read_leases(run_dir: &Path, network: &str) -> super::Result<LeaseTable> {
    let path = lease_file(run_dir, network);
    match fs_err::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<LeaseTable>(&bytes) {
            Ok(t) if t.boot_id == boot_id() => Ok(t),
            Ok(_) => Ok(LeaseTable::default()),
            Err(e) => Err(super::Error::Io {
                action: format!("parsing {}", path.display()),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LeaseTable::default()),
        Err(source) => Err(super::Error::Io {
            action: format!("reading {}", path.display()),
            source,
        }),
    }
}

/// A network's lease table read under its lock; [`LeaseFile::commit`]
/// writes it back. The lock is held until the value is dropped.
#[derive(Debug)]
pub struct LeaseFile {
    path: PathBuf,
    _lock: LockGuard,
    /// The table as read.
    pub table: LeaseTable,
}

impl LeaseFile {
    /// Locks and reads the lease table of `network` in `run_dir`.
    pub fn open(run_dir: &Path, network: &str) -> super::Result<LeaseFile> {
        let path = lease_file(run_dir, network);
        let dir = path.parent().expect("lease files have a directory");
        crate::store::create_dir_private(dir)?;
        let lock_path = dir.join(format!("{network}.lock"));
        let guard =
            lock::lock(&lock_path, LockMode::Exclusive).map_err(|source| super::Error::Io {
                action: format!("locking {}", lock_path.display()),
                source,
            })?;
        let boot = boot_id();
        let table = match fs_err::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<LeaseTable>(&bytes) {
                Ok(t) if t.boot_id == boot => t,
                // From an earlier boot: its containers are gone.
                Ok(_) => LeaseTable::default(),
                Err(e) => {
                    return Err(super::Error::Io {
                        action: format!(
                        "parsing {}: remove the file (its network's containers lose their leases)",
                        path.display()
                    ),
                        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                    })
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => LeaseTable::default(),
            Err(source) => {
                return Err(super::Error::Io {
                    action: format!("reading {}", path.display()),
                    source,
                })
            }
        };
        Ok(LeaseFile {
            path,
            _lock: guard,
            table: LeaseTable {
                boot_id: boot,
                ..table
            },
        })
    }

    /// Writes the table back atomically (the lock is released on drop).
    pub fn commit(&self) -> super::Result<()> {
        let bytes = serde_json::to_vec_pretty(&self.table).expect("lease tables serialise");
        crate::store::atomic::replace(&self.path, &bytes, 0o600).map_err(|source| {
            super::Error::Io {
                action: format!("writing {}", self.path.display()),
                source,
            }
        })
    }

    /// Removes the file (the network goes away); the lock file stays, so a
    /// waiter never locks a different file than the holder did.
    pub fn remove(self) -> super::Result<()> {
        match fs_err::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(super::Error::Io {
                action: format!("removing {}", self.path.display()),
                source: e,
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::config::{self, LeaseRange, Subnet};

    fn net(subnets: &[&str]) -> Network {
        let mut n = config::default_network(crate::network::store::now());
        n.name = "t".into();
        n.subnets = subnets
            .iter()
            .map(|s| {
                let subnet: IpNet = s.parse().unwrap();
                Subnet {
                    gateway: Some(subnet.first()),
                    subnet,
                    lease_range: None,
                }
            })
            .collect();
        n
    }

    fn counter() -> impl FnMut() -> [u8; 6] {
        let mut i = 0u8;
        move || {
            i = i.wrapping_add(1);
            [i, 1, 2, 3, 4, 5]
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn addresses_go_round_robin_skipping_the_gateway() {
        let n = net(&["10.89.0.0/24"]);
        let mut t = LeaseTable::default();
        let mut r = counter();
        let a = t
            .allocate(&n, "a", &LeaseRequest::default(), &mut r)
            .unwrap();
        let b = t
            .allocate(&n, "b", &LeaseRequest::default(), &mut r)
            .unwrap();
        assert_eq!(a.ips, [ip("10.89.0.2")]);
        assert_eq!(b.ips, [ip("10.89.0.3")]);
        assert_eq!(a.mac, "02:01:02:03:04:05");
        assert_ne!(a.mac, b.mac);
        // Asking again gives the same lease.
        assert_eq!(
            t.allocate(&n, "a", &LeaseRequest::default(), &mut r)
                .unwrap(),
            a
        );
        assert_eq!(t.release("a"), Some(a));
        assert_eq!(t.release("a"), None);
        // The released address is not reused at once.
        let c = t
            .allocate(&n, "c", &LeaseRequest::default(), &mut r)
            .unwrap();
        assert_eq!(c.ips, [ip("10.89.0.4")]);
    }

    #[test]
    fn a_small_range_wraps_and_runs_out() {
        let mut n = net(&["10.89.0.0/29"]);
        n.subnets[0].lease_range = Some(LeaseRange {
            start_ip: Some(ip("10.89.0.0")),
            end_ip: Some(ip("10.89.0.7")),
        });
        let mut t = LeaseTable::default();
        let mut r = counter();
        let got: Vec<IpAddr> = (0..5)
            .map(|i| {
                t.allocate(&n, &format!("c{i}"), &LeaseRequest::default(), &mut r)
                    .unwrap()
                    .ips[0]
            })
            .collect();
        // .1 is the gateway, .0 the network, .7 the broadcast address.
        assert_eq!(
            got,
            [
                "10.89.0.2",
                "10.89.0.3",
                "10.89.0.4",
                "10.89.0.5",
                "10.89.0.6"
            ]
            .map(ip)
        );
        let e = t
            .allocate(&n, "x", &LeaseRequest::default(), &mut r)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "IPAM error: failed to find free IP in range: 10.89.0.1 - 10.89.0.6"
        );
        t.release("c1");
        let again = t
            .allocate(&n, "x", &LeaseRequest::default(), &mut r)
            .unwrap();
        assert_eq!(again.ips, [ip("10.89.0.3")]);
    }

    #[test]
    fn static_addresses_are_honoured_or_refused() {
        let n = net(&["10.89.0.0/24", "fd00::/64"]);
        let mut t = LeaseTable::default();
        let mut r = counter();
        let req = |ips: &[&str], mac: Option<&str>| LeaseRequest {
            static_ips: ips.iter().map(|i| ip(i)).collect(),
            static_mac: mac.map(String::from),
            interface: String::new(),
        };
        let a = t
            .allocate(
                &n,
                "a",
                &req(&["10.89.0.50"], Some("02:42:0A:59:00:32")),
                &mut r,
            )
            .unwrap();
        assert_eq!(a.ips, [ip("10.89.0.50"), ip("fd00::2")]);
        assert_eq!(a.mac, "02:42:0a:59:00:32");
        let cases = [
            (
                req(&["10.89.0.50"], None),
                "is already allocated to container ID a",
            ),
            (
                req(&["10.90.0.5"], None),
                "requested static ip 10.90.0.5 not in any subnet on network t",
            ),
            (req(&["10.89.0.1"], None), "is the gateway of network t"),
            (req(&["10.89.0.0"], None), "is the network address"),
            (req(&["10.89.0.255"], None), "is the broadcast address"),
            (
                req(&[], Some("02:42:0a:59:00:32")),
                "already used by container ID a",
            ),
            (
                req(&[], Some("00:00:00:00:00:00")),
                "Cannot assign requested address",
            ),
            (
                req(&[], Some("01:00:5e:00:00:01")),
                "Cannot assign requested address",
            ),
            (req(&[], Some("02:42:0a")), "invalid MAC address"),
        ];
        for (q, want) in cases {
            let e = t.allocate(&n, "b", &q, &mut r).unwrap_err().to_string();
            assert!(e.contains(want), "{q:?}: {e}");
        }
        assert!(t.get("b").is_none(), "a refused request leases nothing");
        let e = t
            .allocate(&n, "a", &req(&["10.89.0.9"], None), &mut r)
            .unwrap_err();
        assert!(matches!(e, IpamError::AlreadyLeased { .. }));
    }

    #[test]
    fn no_ipam_leases_only_a_mac() {
        let mut n = net(&[]);
        n.ipam_options.insert("driver".into(), "none".into());
        let mut t = LeaseTable::default();
        let l = t
            .allocate(&n, "a", &LeaseRequest::default(), &mut counter())
            .unwrap();
        assert!(l.ips.is_empty());
    }

    #[test]
    fn the_file_keeps_leases_of_this_boot_only() {
        let tmp = tempfile::tempdir().unwrap();
        let n = net(&["10.89.0.0/24"]);
        {
            let mut f = LeaseFile::open(tmp.path(), "t").unwrap();
            f.table
                .allocate(&n, "a", &LeaseRequest::default(), &mut counter())
                .unwrap();
            f.commit().unwrap();
        }
        let f = LeaseFile::open(tmp.path(), "t").unwrap();
        assert_eq!(f.table.leases.len(), 1);
        drop(f);
        let path = lease_file(tmp.path(), "t");
        let mut t: LeaseTable = serde_json::from_slice(&fs_err::read(&path).unwrap()).unwrap();
        t.boot_id = "another-boot".into();
        fs_err::write(&path, serde_json::to_vec(&t).unwrap()).unwrap();
        assert!(LeaseFile::open(tmp.path(), "t")
            .unwrap()
            .table
            .leases
            .is_empty());
        LeaseFile::open(tmp.path(), "t").unwrap().remove().unwrap();
        assert!(!path.exists());
    }
}
