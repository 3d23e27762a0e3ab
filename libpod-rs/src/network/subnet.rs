//! IP subnets (CIDR) and the arithmetic bridge networks need: containment,
//! overlap, the next subnet of a pool, first and last addresses; and the
//! subnets and interface names already in use on the host, which a new
//! network must avoid (podman's `GetUsedSubnets` and `GetFreeDeviceName`).
//! Addresses are computed as `u128` so IPv4 and IPv6 share one code path.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A subnet: its network address (host bits cleared) and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

/// Why a CIDR string does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid CIDR address: {0}")]
pub struct ParseError(pub String);

fn bits_of(ip: IpAddr) -> u8 {
    if ip.is_ipv4() {
        32
    } else {
        128
    }
}

/// An address as a number (IPv4 in the low 32 bits).
pub fn to_u128(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => u128::from(a),
    }
}

/// The address of the same family as `like` with numeric value `v`.
fn from_u128(v: u128, like: IpAddr) -> IpAddr {
    match like {
        // Only called with values that fit the family.
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(v as u32)),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(v)),
    }
}

fn mask(prefix: u8, bits: u8) -> u128 {
    let all: u128 = if bits == 32 {
        u128::from(u32::MAX)
    } else {
        u128::MAX
    };
    if prefix == 0 {
        0
    } else {
        all & !((1u128 << (bits - prefix)) - 1) & all
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) becomes IPv4, as Go's
/// `NormalizeIP` does; other addresses are unchanged.
pub fn normalize(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(a) => a.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Parses an address (normalised, see [`normalize`]).
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse().ok().map(normalize)
}

/// The address after `ip`, if any.
pub fn next_ip(ip: IpAddr) -> Option<IpAddr> {
    let v = to_u128(ip).checked_add(1)?;
    (bits_of(ip) == 128 || v <= u128::from(u32::MAX)).then(|| from_u128(v, ip))
}

/// The address before `ip`, if any.
pub fn prev_ip(ip: IpAddr) -> Option<IpAddr> {
    to_u128(ip).checked_sub(1).map(|v| from_u128(v, ip))
}

impl IpNet {
    /// The subnet of `addr` with `prefix` bits (host bits cleared); `None`
    /// when the prefix is longer than the address.
    pub fn new(addr: IpAddr, prefix: u8) -> Option<IpNet> {
        let addr = normalize(addr);
        let bits = bits_of(addr);
        (prefix <= bits).then(|| IpNet {
            addr: from_u128(to_u128(addr) & mask(prefix, bits), addr),
            prefix,
        })
    }

    /// The network address.
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether this is an IPv4 subnet.
    pub fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }

    /// Whether `ip` lies in this subnet (addresses of the other family never do).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = normalize(ip);
        ip.is_ipv4() == self.is_ipv4()
            && to_u128(ip) & mask(self.prefix, bits_of(ip)) == to_u128(self.addr)
    }

    /// Whether the two subnets share an address.
    pub fn overlaps(&self, other: &IpNet) -> bool {
        self.contains(other.addr) || other.contains(self.addr)
    }

    /// The first address after the network address (podman's default gateway).
    pub fn first(&self) -> IpAddr {
        next_ip(self.addr).unwrap_or(self.addr)
    }

    /// The last address of the subnet (the broadcast address for IPv4).
    pub fn last(&self) -> IpAddr {
        let bits = bits_of(self.addr);
        let host = !mask(self.prefix, bits) & mask(bits, bits);
        from_u128(to_u128(self.addr) | host, self.addr)
    }

    /// The next subnet of the same size, if the address space has one.
    pub fn next(&self) -> Option<IpNet> {
        if self.prefix == 0 {
            return None;
        }
        let step = 1u128 << (bits_of(self.addr) - self.prefix);
        let v = to_u128(self.addr).checked_add(step)?;
        if self.is_ipv4() && v > u128::from(u32::MAX) {
            return None;
        }
        Some(IpNet {
            addr: from_u128(v, self.addr),
            prefix: self.prefix,
        })
    }
}

impl FromStr for IpNet {
    type Err = ParseError;

    /// Parses `ADDR/PREFIX`; host bits are cleared (`10.89.5.7/24` is
    /// `10.89.5.0/24`), as podman's validation does.
    fn from_str(s: &str) -> Result<IpNet, ParseError> {
        let bad = || ParseError(s.to_string());
        let (a, p) = s.split_once('/').ok_or_else(bad)?;
        let addr: IpAddr = a.parse().map_err(|_| bad())?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let prefix: u8 = p.parse().map_err(|_| bad())?;
        // The prefix applies to the address as written: `::ffff:a.b.c.d/120`
        // is an IPv6 form and stays one.
        if prefix > bits_of(addr) {
            return Err(bad());
        }
        let prefix = match (addr, normalize(addr)) {
            (IpAddr::V6(_), IpAddr::V4(_)) if prefix >= 96 => prefix - 96,
            (IpAddr::V6(_), IpAddr::V4(_)) => return Err(bad()),
            _ => prefix,
        };
        IpNet::new(addr, prefix).ok_or_else(bad)
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl Serialize for IpNet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IpNet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IpNet, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A range of subnets new networks take theirs from: subnets of `size`
/// bits inside `base` (containers.conf `default_subnet_pools`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pool {
    /// The range.
    pub base: IpNet,
    /// The prefix length of each subnet handed out.
    pub size: u8,
}

/// podman's default pools: 10.89.0.0/24 up to 10.255.255.0/24.
pub fn default_pools() -> Vec<Pool> {
    [
        ("10.89.0.0/16", 24),
        ("10.90.0.0/15", 24),
        ("10.92.0.0/14", 24),
        ("10.96.0.0/11", 24),
        ("10.128.0.0/9", 24),
    ]
    .into_iter()
    .map(|(b, size)| Pool {
        base: b.parse().expect("constant pools parse"),
        size,
    })
    .collect()
}

/// The first IPv4 subnet of the pools, in order, that overlaps none of `used`.
pub fn free_ipv4_subnet(used: &[IpNet], pools: &[Pool]) -> Option<IpNet> {
    for pool in pools.iter().filter(|p| p.base.is_ipv4()) {
        let mut candidate = IpNet::new(pool.base.addr(), pool.size)?;
        while pool.base.contains(candidate.addr()) {
            if !used.iter().any(|u| u.overlaps(&candidate)) {
                return Some(candidate);
            }
            match candidate.next() {
                Some(n) => candidate = n,
                None => break,
            }
        }
    }
    None
}

/// A unique local IPv6 /64 (RFC 4193: `fd` and 56 random bits), chosen at
/// random as RFC 4193 asks, not in sequence.
pub fn random_ipv6_subnet(random: [u8; 7]) -> IpNet {
    let mut b = [0u8; 16];
    b[0] = 0xfd;
    b[1..8].copy_from_slice(&random);
    IpNet::new(IpAddr::V6(Ipv6Addr::from(b)), 64).expect("/64 fits IPv6")
}

/// Subnets of `/proc/net/route` (IPv4; hexadecimal, little-endian), except
/// the default route.
pub fn parse_proc_route(text: &str) -> Vec<IpNet> {
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            let prefix = u8::try_from(mask.count_ones()).ok()?;
            let addr = Ipv4Addr::from(u32::from_be(dest));
            (prefix > 0).then(|| IpNet::new(IpAddr::V4(addr), prefix))?
        })
        .collect()
}

/// Subnets of `/proc/net/ipv6_route`, except the default route, multicast
/// and link-local ones.
pub fn parse_proc_ipv6_route(text: &str) -> Vec<IpNet> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u128::from_str_radix(f.first()?, 16).ok()?;
            let prefix = u8::from_str_radix(f.get(1)?, 16).ok()?;
            let addr = Ipv6Addr::from(dest);
            let skip = prefix == 0
                || addr.segments()[0] & 0xff00 == 0xff00
                || addr.segments()[0] & 0xffc0 == 0xfe80;
            (!skip).then(|| IpNet::new(IpAddr::V6(addr), prefix))?
        })
        .collect()
}

/// Subnets in use on the host: those of its interfaces' addresses and of
/// its routes (a VPN's route counts too). Unreadable sources are skipped.
pub fn host_subnets() -> Vec<IpNet> {
    let mut out = Vec::new();
    if let Ok(addrs) = nix::ifaddrs::getifaddrs() {
        for a in addrs {
            let (Some(addr), Some(mask)) = (a.address, a.netmask) else {
                continue;
            };
            let pair = match (addr.as_sockaddr_in(), mask.as_sockaddr_in()) {
                (Some(a), Some(m)) => Some((IpAddr::V4(a.ip()), m.ip().to_bits().count_ones())),
                _ => match (addr.as_sockaddr_in6(), mask.as_sockaddr_in6()) {
                    (Some(a), Some(m)) => {
                        Some((IpAddr::V6(a.ip()), u128::from(m.ip()).count_ones()))
                    }
                    _ => None,
                },
            };
            if let Some((ip, ones)) = pair {
                if let Some(n) = u8::try_from(ones).ok().and_then(|p| IpNet::new(ip, p)) {
                    out.push(n);
                }
            }
        }
    }
    if let Ok(t) = fs_err::read_to_string("/proc/net/route") {
        out.extend(parse_proc_route(&t));
    }
    if let Ok(t) = fs_err::read_to_string("/proc/net/ipv6_route") {
        out.extend(parse_proc_ipv6_route(&t));
    }
    out.sort();
    out.dedup();
    out
}

/// Names of the host's network interfaces.
pub fn host_interfaces() -> Vec<String> {
    let mut names: Vec<String> = fs_err::read_dir("/sys/class/net")
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_normalises_cidrs() {
        assert_eq!(n("10.89.5.7/24").to_string(), "10.89.5.0/24");
        assert_eq!(n("fd00:1:2:3::9/64").to_string(), "fd00:1:2:3::/64");
        assert_eq!(n("::ffff:10.1.2.3/120").to_string(), "10.1.2.0/24");
        assert_eq!(n("0.0.0.0/0").to_string(), "0.0.0.0/0");
        for bad in [
            "10.0.0/24",
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "x/8",
            "fd00::/129",
        ] {
            assert_eq!(
                bad.parse::<IpNet>().unwrap_err().to_string(),
                format!("invalid CIDR address: {bad}")
            );
        }
    }

    #[test]
    fn containment_overlap_and_bounds() {
        let s = n("10.89.0.0/24");
        assert!(s.contains(ip("10.89.0.255")) && !s.contains(ip("10.89.1.0")));
        assert!(!s.contains(ip("fd00::1")));
        assert!(s.contains(ip("::ffff:10.89.0.3")));
        assert!(s.overlaps(&n("10.89.0.128/25")) && s.overlaps(&n("10.0.0.0/8")));
        assert!(!s.overlaps(&n("10.89.1.0/24")));
        assert_eq!(s.first(), ip("10.89.0.1"));
        assert_eq!(s.last(), ip("10.89.0.255"));
        assert_eq!(n("fd00::/64").last(), ip("fd00::ffff:ffff:ffff:ffff"));
        assert_eq!(s.next(), Some(n("10.89.1.0/24")));
        assert_eq!(n("255.255.255.0/24").next(), None);
        assert_eq!(next_ip(ip("10.0.0.255")), Some(ip("10.0.1.0")));
        assert_eq!(next_ip(ip("255.255.255.255")), None);
        assert_eq!(prev_ip(ip("10.0.1.0")), Some(ip("10.0.0.255")));
    }

    #[test]
    fn free_subnets_skip_used_ones_in_pool_order() {
        let pools = default_pools();
        assert_eq!(free_ipv4_subnet(&[], &pools), Some(n("10.89.0.0/24")));
        let used = [n("10.88.0.0/16"), n("10.89.0.0/24"), n("10.89.2.0/23")];
        assert_eq!(free_ipv4_subnet(&used, &pools), Some(n("10.89.1.0/24")));
        let used = [n("10.89.0.0/16")];
        assert_eq!(free_ipv4_subnet(&used, &pools), Some(n("10.90.0.0/24")));
        // A host route covering everything leaves nothing.
        assert_eq!(free_ipv4_subnet(&[n("10.0.0.0/8")], &pools), None);
        let v6 = random_ipv6_subnet([1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(v6.to_string(), "fd01:203:405:607::/64");
    }

    #[test]
    fn proc_route_tables() {
        let v4 =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                  eth0\t00000000\t0102000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                  eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                  tun0\t0000590A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n";
        assert_eq!(
            parse_proc_route(v4),
            vec![n("10.0.2.0/24"), n("10.89.0.0/16")]
        );
        let v6 = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n\
                  fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n\
                  00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00200200       lo\n";
        assert_eq!(parse_proc_ipv6_route(v6), vec![n("fd00::/64")]);
    }

    #[test]
    fn host_view_includes_loopback() {
        assert!(host_subnets().iter().any(|s| s.contains(ip("127.0.0.1"))));
        assert!(host_interfaces().iter().any(|i| i == "lo"));
    }
}
