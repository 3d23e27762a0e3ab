//! Network definitions as podman 5 stores them (containers/common
//! `libnetwork/types.Network`, one JSON file per network), and the pure
//! planning of `network create`: validating what the user asked for and
//! filling in what podman fills in (name, interface, subnet, gateway, IPAM
//! driver), against the networks that exist and what the host uses. The
//! checks and their messages follow common's `netavark/config.go` and
//! `internal/util`, so scripts that grep podman's errors keep working.

use std::collections::BTreeMap;
use std::net::IpAddr;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::subnet::IpNet;

mod create;
mod options;

use create::validate_subnet;
pub use create::{free_device_name, plan_create, CreateRequest, Fresh, HostView};

/// The default network's name (podman's `podman`).
pub const DEFAULT_NETWORK: &str = "podman";
/// The default network's subnet.
pub const DEFAULT_SUBNET: &str = "10.88.0.0/16";
/// The default network's ID (fixed in podman: "Important do not change this ID").
pub const DEFAULT_ID: &str = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";
/// Bridge interfaces are named `podmanN` (N from 1; 0 is the default network's).
pub const BRIDGE_PREFIX: &str = "podman";
/// The only driver rpod implements.
pub const BRIDGE: &str = "bridge";
/// The longest interface name the kernel takes (IFNAMSIZ - 1).
pub const MAX_INTERFACE_NAME: usize = 15;
/// Names that are `--network` modes and so cannot name a network.
pub const RESERVED_NAMES: [&str; 9] = [
    "none",
    "host",
    "bridge",
    "private",
    "slirp4netns",
    "pasta",
    "container",
    "ns",
    "default",
];

/// Why a network cannot be created, found or removed; the messages are
/// podman's, with what to do added where podman says nothing useful.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The name does not match podman's grammar.
    #[error(
        "network name {0} invalid: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
    )]
    InvalidName(String),
    /// The name is a `--network` mode.
    #[error(
        "cannot create network with name {0:?} because it conflicts with a valid network mode"
    )]
    ReservedName(String),
    /// A network has this name already.
    #[error("network name {0} already used: network already exists")]
    Exists(String),
    /// No network has this name or ID (podman exits 1 for this in `rm`).
    #[error("unable to find network with name or ID {0}: network not found")]
    NotFound(String),
    /// An ID prefix matches several networks.
    #[error("more than one result for network ID {0}")]
    Ambiguous(String),
    /// Anything else wrong with the request: the message says what.
    #[error("{0}")]
    Invalid(String),
}

fn invalid(msg: impl Into<String>) -> ConfigError {
    ConfigError::Invalid(msg.into())
}

/// One subnet of a network (`subnets[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    /// The subnet.
    pub subnet: IpNet,
    /// The bridge's address, which containers route through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<IpAddr>,
    /// Where container addresses are leased from (`--ip-range`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_range: Option<LeaseRange>,
}

/// `subnets[].lease_range`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRange {
    /// The first address handed out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ip: Option<IpAddr>,
    /// The last address handed out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ip: Option<IpAddr>,
}

/// A static route given to the network's containers (`--route`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Where to.
    pub destination: IpNet,
    /// Through which address.
    pub gateway: IpAddr,
    /// Its metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<u32>,
}

/// A network definition, field for field and in the order of podman 5's
/// JSON (`network inspect` prints these, then `containers`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    /// The name (also the file name, `NAME.json`).
    pub name: String,
    /// 64 hexadecimal digits.
    pub id: String,
    /// Always `bridge` for rpod's networks.
    pub driver: String,
    /// The bridge interface's name (`podmanN`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub network_interface: String,
    /// When it was created, as Go writes times (RFC 3339, nanoseconds).
    #[serde(serialize_with = "go_time", deserialize_with = "parse_time")]
    pub created: DateTime<FixedOffset>,
    /// Its subnets, with gateways and lease ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    /// Static routes for its containers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// Whether it has an IPv6 subnet.
    #[serde(default)]
    pub ipv6_enabled: bool,
    /// Whether containers on it have no route out (`--internal`).
    #[serde(default)]
    pub internal: bool,
    /// Whether the gateway answers container names (`--disable-dns` clears it).
    #[serde(default)]
    pub dns_enabled: bool,
    /// Resolvers the DNS server forwards to instead of the host's (`--dns`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_dns_servers: Vec<String>,
    /// `--label`s.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// `-o` driver options (`mtu`, `isolate`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    /// IPAM settings (`driver: host-local`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ipam_options: BTreeMap<String, String>,
}

/// Go's `time.Time` JSON: RFC 3339 with up to nine fraction digits,
/// trailing zeros dropped, `Z` for UTC.
fn go_time<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_go_time(t))
}

/// Formats a time as Go's `time.RFC3339Nano` does.
pub fn format_go_time(t: &DateTime<FixedOffset>) -> String {
    let text = t.to_rfc3339_opts(SecondsFormat::Nanos, true);
    // Split off the zone, trim the fraction's trailing zeros.
    let zone_at = text
        .rfind(['Z', '+'])
        .or_else(|| text.rfind('-').filter(|&i| i > 10))
        .unwrap_or(text.len());
    let (stamp, zone) = text.split_at(zone_at);
    let stamp = match stamp.split_once('.') {
        Some((whole, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                whole.to_string()
            } else {
                format!("{whole}.{frac}")
            }
        }
        None => stamp.to_string(),
    };
    format!("{stamp}{zone}")
}

fn parse_time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let s = String::deserialize(d)?;
    DateTime::parse_from_rfc3339(&s).map_err(serde::de::Error::custom)
}

/// Whether `name` matches podman's name grammar `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn valid_name(name: &str) -> bool {
    let mut b = name.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// Checks an interface name as the kernel would take it.
pub fn validate_interface_name(name: &str) -> Result<(), String> {
    if name.len() > MAX_INTERFACE_NAME {
        return Err(format!("interface name is too long: interface names must be {MAX_INTERFACE_NAME} characters or less: invalid argument"));
    }
    if name == "." || name == ".." {
        return Err("interface name is . or ..: invalid argument".into());
    }
    if name
        .chars()
        .any(|c| c == '/' || c == ':' || c.is_whitespace())
    {
        return Err(
            "interface name contains / or : or whitespace characters: invalid argument".into(),
        );
    }
    Ok(())
}

/// The default network, which exists without a file (podman creates it in
/// memory on every load: its creation time is the time of the load).
pub fn default_network(now: DateTime<FixedOffset>) -> Network {
    let subnet: IpNet = DEFAULT_SUBNET.parse().expect("constant subnet parses");
    Network {
        name: DEFAULT_NETWORK.into(),
        id: DEFAULT_ID.into(),
        driver: BRIDGE.into(),
        network_interface: format!("{BRIDGE_PREFIX}0"),
        created: now,
        subnets: vec![Subnet {
            gateway: Some(subnet.first()),
            subnet,
            lease_range: None,
        }],
        routes: Vec::new(),
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        network_dns_servers: Vec::new(),
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        ipam_options: BTreeMap::from([("driver".to_string(), "host-local".to_string())]),
    }
}

/// Checks a definition read from disk as podman does before using it;
/// fills defaults (gateways) the same way.
pub fn check_loaded(n: &mut Network, file_stem: &str) -> Result<(), String> {
    if n.name != file_stem {
        return Err(format!(
            "network config name {:?} does not match file name {file_stem:?}.json",
            n.name
        ));
    }
    if !valid_name(&n.name) {
        return Err(format!("network config has invalid name {:?}", n.name));
    }
    if n.id.len() != 64 || !n.id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("invalid network ID {:?}", n.id));
    }
    let add_gateway = !n.internal || n.dns_enabled;
    for s in &mut n.subnets {
        validate_subnet(s, add_gateway, &[]).map_err(|e| e.to_string())?;
        if !s.subnet.is_ipv4() {
            n.ipv6_enabled = true;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
