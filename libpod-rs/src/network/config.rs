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

use super::subnet::{self, IpNet, Pool};

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

/// What `network create` was asked for, as the user wrote it; parsed and
/// checked by [`plan_create`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateRequest {
    /// The name (`podmanN` when empty).
    pub name: Option<String>,
    /// `--driver` (bridge when empty).
    pub driver: String,
    /// `--subnet`s.
    pub subnets: Vec<String>,
    /// `--gateway`s, one per subnet at most.
    pub gateways: Vec<String>,
    /// `--ip-range`s (`START-END` or a CIDR), one per subnet at most.
    pub ranges: Vec<String>,
    /// `--route`s: `DESTINATION,GATEWAY[,METRIC]`.
    pub routes: Vec<String>,
    /// `--internal`.
    pub internal: bool,
    /// `--disable-dns`.
    pub disable_dns: bool,
    /// `--ipv6`.
    pub ipv6: bool,
    /// `--interface-name`.
    pub interface_name: Option<String>,
    /// `--ipam-driver`.
    pub ipam_driver: Option<String>,
    /// `--dns` servers for the network's resolver.
    pub dns_servers: Vec<String>,
    /// `--label`s.
    pub labels: BTreeMap<String, String>,
    /// `-o`/`--opt`s.
    pub options: BTreeMap<String, String>,
}

/// What the host already uses, which a new network must avoid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostView {
    /// Subnets of the host's interfaces and routes.
    pub subnets: Vec<IpNet>,
    /// The host's interface names.
    pub interfaces: Vec<String>,
}

/// The values [`plan_create`] cannot choose purely.
#[derive(Debug, Clone)]
pub struct Fresh {
    /// The new network's ID.
    pub id: String,
    /// Its creation time.
    pub now: DateTime<FixedOffset>,
    /// Random bits for an IPv6 subnet.
    pub ipv6_random: [u8; 7],
    /// The pools subnets are chosen from.
    pub pools: Vec<Pool>,
}

fn parse_gateway_ip(s: &str) -> Result<IpAddr, ConfigError> {
    // pflag's IPSlice: `invalid argument "x" for "--gateway" flag`.
    subnet::parse_ip(s.trim())
        .ok_or_else(|| invalid(format!("invalid argument {s:?} for \"--gateway\" flag: invalid string being converted to IP address: {s}")))
}

fn parse_range(s: &str) -> Result<LeaseRange, ConfigError> {
    if let Some((a, b)) = s.split_once('-') {
        let start = subnet::parse_ip(a)
            .ok_or_else(|| invalid(format!("range start ip {a:?} is not a ip address")))?;
        let end = subnet::parse_ip(b)
            .ok_or_else(|| invalid(format!("range end ip {b:?} is not a ip address")))?;
        return Ok(LeaseRange {
            start_ip: Some(start),
            end_ip: Some(end),
        });
    }
    let net: IpNet = s
        .parse()
        .map_err(|e: subnet::ParseError| invalid(e.to_string()))?;
    // podman: the first and last addresses of the range's subnet (the
    // network and broadcast addresses are skipped at allocation).
    Ok(LeaseRange {
        start_ip: Some(net.first()),
        end_ip: Some(net.last()),
    })
}

fn parse_route(s: &str) -> Result<Route, ConfigError> {
    let parts: Vec<&str> = s.split(',').collect();
    if !(2..=3).contains(&parts.len()) {
        return Err(invalid(format!(
            "invalid route: {s}\nFormat: --route <destination in CIDR>,<gateway>,<metric (optional)>"
        )));
    }
    let destination: IpNet = parts[0]
        .parse()
        .map_err(|_| invalid(format!("invalid route destination {}", parts[0])))?;
    // A destination must be a network, not an address inside one.
    let written: IpAddr = parts[0]
        .split('/')
        .next()
        .and_then(subnet::parse_ip)
        .unwrap_or(destination.addr());
    if written != destination.addr() {
        return Err(invalid("route destination invalid"));
    }
    let gateway = subnet::parse_ip(parts[1])
        .ok_or_else(|| invalid(format!("invalid route gateway {}", parts[1])))?;
    let metric = match parts.get(2) {
        Some(m) => Some(
            m.parse::<u32>()
                .map_err(|_| invalid(format!("invalid route metric {m}")))?,
        ),
        None => None,
    };
    Ok(Route {
        destination,
        gateway,
        metric,
    })
}

fn parse_bool(v: &str) -> Option<bool> {
    // Go's strconv.ParseBool.
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Checks and normalises the bridge driver's `-o` options (podman's list).
fn bridge_options(
    options: &mut BTreeMap<String, String>,
    iface: &mut Option<String>,
) -> Result<(), ConfigError> {
    // Docker's names for two of them.
    if let Some(mtu) = options.remove("com.docker.network.driver.mtu") {
        options.insert("mtu".into(), mtu);
    }
    if let Some(name) = options.remove("com.docker.network.bridge.name") {
        *iface = Some(name);
    }
    for (key, value) in options.iter_mut() {
        match key.as_str() {
            "mtu" => {
                if !value.is_empty() {
                    let m: i64 = value.parse().map_err(|_| {
                        invalid(format!("strconv.Atoi: parsing {value:?}: invalid syntax"))
                    })?;
                    if m < 0 {
                        return Err(invalid(format!("mtu {m} is less than zero")));
                    }
                }
            }
            "vlan" => {
                if !value.is_empty() {
                    let v: i64 = value.parse().map_err(|_| {
                        invalid(format!("strconv.Atoi: parsing {value:?}: invalid syntax"))
                    })?;
                    if !(0..=4094).contains(&v) {
                        return Err(invalid(format!("vlan ID {v} must be between 0 and 4094")));
                    }
                }
            }
            "isolate" => {
                *value = match value.as_str() {
                    "" => "false".into(),
                    "strict" => "strict".into(),
                    v => parse_bool(v)
                        .ok_or_else(|| {
                            invalid(format!("failed to parse isolate option: strconv.ParseBool: parsing {v:?}: invalid syntax"))
                        })?
                        .to_string(),
                }
            }
            "metric" => {
                value.parse::<u32>().map_err(|_| {
                    invalid(format!("strconv.ParseUint: parsing {value:?}: invalid syntax"))
                })?;
            }
            "no_default_route" => {
                *value = parse_bool(value)
                    .ok_or_else(|| {
                        invalid(format!("strconv.ParseBool: parsing {value:?}: invalid syntax"))
                    })?
                    .to_string();
            }
            "vrf" => {
                if value.is_empty() {
                    return Err(invalid("invalid vrf name"));
                }
            }
            "mode" => match value.as_str() {
                "managed" | "unmanaged" => {}
                other => return Err(invalid(format!("unknown bridge mode {other:?}"))),
            },
            other => {
                return Err(invalid(format!(
                    "unsupported bridge network option {other}: rpod's bridge takes mtu, isolate, metric, no_default_route, vlan, vrf and mode"
                )))
            }
        }
    }
    Ok(())
}

/// A free `podmanN` name: not a network's name, not a bridge's, not a host
/// interface's (podman's `GetFreeDeviceName`).
pub fn free_device_name(existing: &[Network], host_interfaces: &[String]) -> String {
    let taken = |n: &str| {
        existing
            .iter()
            .any(|e| e.name == n || e.network_interface == n)
            || host_interfaces.iter().any(|i| i == n)
    };
    (1u32..)
        .map(|i| format!("{BRIDGE_PREFIX}{i}"))
        .find(|n| !taken(n))
        .expect("some podmanN is free")
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

/// Checks a subnet and fills its gateway (podman's `ValidateSubnet`).
fn validate_subnet(s: &mut Subnet, add_gateway: bool, used: &[IpNet]) -> Result<(), ConfigError> {
    if used.iter().any(|u| u.overlaps(&s.subnet)) {
        return Err(invalid(format!(
            "subnet {} is already used on the host or by another config: choose another with --subnet, or omit it to get a free one",
            s.subnet
        )));
    }
    match s.gateway {
        Some(g) if !s.subnet.contains(g) => {
            return Err(invalid(format!("gateway {g} not in subnet {}", s.subnet)))
        }
        Some(g) => s.gateway = Some(subnet::normalize(g)),
        None if add_gateway => s.gateway = Some(s.subnet.first()),
        None => {}
    }
    if let Some(r) = &mut s.lease_range {
        for (what, ip) in [("start", &mut r.start_ip), ("end", &mut r.end_ip)] {
            if let Some(i) = ip {
                if !s.subnet.contains(*i) {
                    return Err(invalid(format!(
                        "lease range {what} ip {i} not in subnet {}",
                        s.subnet
                    )));
                }
                *i = subnet::normalize(*i);
            }
        }
    }
    Ok(())
}

/// Turns a create request into the network to store, or says what is wrong
/// with it. `existing` includes the default network; `host` is what the
/// host uses. Nothing is written here.
pub fn plan_create(
    req: &CreateRequest,
    existing: &[Network],
    host: &HostView,
    fresh: Fresh,
) -> Result<Network, ConfigError> {
    // What podman's CLI checks before its engine.
    let labels = req.labels.clone();
    let mut options = req.options.clone();
    if req.gateways.len() > req.subnets.len() && !req.subnets.is_empty() {
        return Err(invalid("cannot set more gateways than subnets"));
    }
    if req.ranges.len() > req.subnets.len() && !req.subnets.is_empty() {
        return Err(invalid("cannot set more ranges than subnets"));
    }
    if req.subnets.is_empty() && (!req.gateways.is_empty() || !req.ranges.is_empty()) {
        return Err(invalid("cannot set gateway or range without subnet"));
    }
    let mut subnets = Vec::new();
    for (i, s) in req.subnets.iter().enumerate() {
        let subnet: IpNet = s
            .parse()
            .map_err(|e: subnet::ParseError| invalid(e.to_string()))?;
        subnets.push(Subnet {
            subnet,
            gateway: req
                .gateways
                .get(i)
                .map(|g| parse_gateway_ip(g))
                .transpose()?,
            lease_range: req.ranges.get(i).map(|r| parse_range(r)).transpose()?,
        });
    }
    let routes = req
        .routes
        .iter()
        .map(|r| parse_route(r))
        .collect::<Result<Vec<_>, _>>()?;

    // The engine's checks.
    let name = req.name.clone().filter(|n| !n.is_empty());
    if let Some(n) = &name {
        if RESERVED_NAMES.contains(&n.as_str()) {
            return Err(ConfigError::ReservedName(n.clone()));
        }
    }
    let driver = if req.driver.is_empty() {
        BRIDGE.to_string()
    } else {
        req.driver.clone()
    };
    if driver != BRIDGE {
        return Err(invalid(format!(
            "failed to find driver or plugin {driver:?}: rpod supports the bridge driver only (--driver bridge)"
        )));
    }
    let mut interface = req.interface_name.clone().filter(|i| !i.is_empty());
    let name = match name {
        Some(n) => {
            if !valid_name(&n) {
                return Err(ConfigError::InvalidName(n));
            }
            if existing.iter().any(|e| e.name == n) {
                return Err(ConfigError::Exists(n));
            }
            n
        }
        None => {
            let n = free_device_name(existing, &host.interfaces);
            interface.get_or_insert_with(|| n.clone());
            n
        }
    };
    if let Some(i) = &interface {
        validate_interface_name(i)
            .map_err(|e| invalid(format!("network interface name {i} invalid: {e}")))?;
    }
    let mut ipam_options = BTreeMap::new();
    match req.ipam_driver.as_deref() {
        None => {}
        Some(d @ ("" | "host-local" | "none")) => {
            ipam_options.insert("driver".to_string(), d.to_string());
        }
        Some("dhcp") => {
            return Err(invalid(
                "ipam driver dhcp is not supported by rpod's rootless bridge: use host-local (the default) or none",
            ))
        }
        Some(other) => return Err(invalid(format!("unsupported ipam driver {other:?}"))),
    }
    if ipam_options.get("driver").is_some_and(|d| d == "none") && !subnets.is_empty() {
        return Err(invalid("none ipam driver is set but subnets are given"));
    }

    // Subnets in use: other networks' and the host's.
    let mut used: Vec<IpNet> = existing
        .iter()
        .flat_map(|e| e.subnets.iter().map(|s| s.subnet))
        .collect();
    used.extend(host.subnets.iter().copied());

    bridge_options(&mut options, &mut interface)?;
    let network_interface = match interface {
        Some(i) if req.name.as_deref().filter(|n| !n.is_empty()).is_none() && i == name => i,
        Some(i) => {
            if existing
                .iter()
                .any(|e| e.driver == BRIDGE && e.network_interface == i)
            {
                return Err(invalid(format!(
                    "bridge name {i} already in use: choose another with --interface-name"
                )));
            }
            if !valid_name(&i) {
                return Err(invalid(format!(
                    "bridge name {i} invalid: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
                )));
            }
            i
        }
        None => free_device_name(existing, &host.interfaces),
    };

    let ipam_driver = ipam_options.get("driver").cloned().unwrap_or_default();
    let mut ipv6_enabled = req.ipv6;
    if ipam_driver.is_empty() || ipam_driver == "host-local" {
        let no_free =
            || invalid("could not find free subnet from subnet pools: give one with --subnet");
        if subnets.is_empty() {
            subnets.push(Subnet {
                subnet: subnet::free_ipv4_subnet(&used, &fresh.pools).ok_or_else(no_free)?,
                gateway: None,
                lease_range: None,
            });
        }
        if req.ipv6 {
            if !subnets.iter().any(|s| s.subnet.is_ipv4()) {
                subnets.push(Subnet {
                    subnet: subnet::free_ipv4_subnet(&used, &fresh.pools).ok_or_else(no_free)?,
                    gateway: None,
                    lease_range: None,
                });
            }
            if !subnets.iter().any(|s| !s.subnet.is_ipv4()) {
                let v6 = subnet::random_ipv6_subnet(fresh.ipv6_random);
                if used.iter().any(|u| u.overlaps(&v6)) {
                    return Err(invalid("failed to get random ipv6 subnet"));
                }
                subnets.push(Subnet {
                    subnet: v6,
                    gateway: None,
                    lease_range: None,
                });
            }
        }
        ipam_options.insert("driver".into(), "host-local".into());
    }

    let mut dns_enabled = !req.disable_dns;
    if ipam_options.get("driver").is_some_and(|d| d == "none") {
        dns_enabled = false;
    }
    if !req.dns_servers.is_empty() && !dns_enabled {
        return Err(invalid(
            "cannot set NetworkDNSServers if DNS is not enabled for the network: invalid argument",
        ));
    }
    for s in &req.dns_servers {
        if subnet::parse_ip(s).is_none() {
            return Err(invalid(format!(
                "unable to parse ip {s} specified in NetworkDNSServers: invalid argument"
            )));
        }
    }

    // A gateway is added unless the network is internal without DNS.
    let add_gateway = !req.internal || dns_enabled;
    for s in &mut subnets {
        validate_subnet(s, add_gateway, &used)?;
        // Two subnets of one network must not overlap either.
        used.push(s.subnet);
        if !s.subnet.is_ipv4() {
            ipv6_enabled = true;
        }
    }

    Ok(Network {
        name,
        id: fresh.id,
        driver,
        network_interface,
        created: fresh.now,
        subnets,
        routes,
        ipv6_enabled,
        internal: req.internal,
        dns_enabled,
        network_dns_servers: req.dns_servers.clone(),
        labels,
        options,
        ipam_options,
    })
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
mod tests {
    use super::*;

    fn fresh() -> Fresh {
        Fresh {
            id: "a".repeat(64),
            now: DateTime::parse_from_rfc3339("2024-05-01T10:00:00.120000+02:00").unwrap(),
            ipv6_random: [0xaa; 7],
            pools: subnet::default_pools(),
        }
    }

    fn base() -> Vec<Network> {
        vec![default_network(fresh().now)]
    }

    fn create(req: &CreateRequest, existing: &[Network]) -> Result<Network, ConfigError> {
        plan_create(req, existing, &HostView::default(), fresh())
    }

    fn named(name: &str) -> CreateRequest {
        CreateRequest {
            name: Some(name.into()),
            ..CreateRequest::default()
        }
    }

    #[test]
    fn a_plain_network_gets_podman_s_defaults() {
        let n = create(&named("appnet"), &base()).unwrap();
        assert_eq!(n.name, "appnet");
        assert_eq!(n.driver, "bridge");
        assert_eq!(n.network_interface, "podman1");
        assert_eq!(n.subnets.len(), 1);
        assert_eq!(n.subnets[0].subnet.to_string(), "10.89.0.0/24");
        assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.0.1");
        assert!(n.dns_enabled && !n.internal && !n.ipv6_enabled);
        assert_eq!(n.ipam_options["driver"], "host-local");
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(
            json,
            format!(
                "{{\"name\":\"appnet\",\"id\":\"{}\",\"driver\":\"bridge\",\"network_interface\":\"podman1\",\"created\":\"2024-05-01T10:00:00.12+02:00\",\"subnets\":[{{\"subnet\":\"10.89.0.0/24\",\"gateway\":\"10.89.0.1\"}}],\"ipv6_enabled\":false,\"internal\":false,\"dns_enabled\":true,\"ipam_options\":{{\"driver\":\"host-local\"}}}}",
                "a".repeat(64)
            )
        );
        let back: Network = serde_json::from_str(&json).unwrap();
        assert_eq!(back, n);
    }

    #[test]
    fn go_times() {
        let t = |s| format_go_time(&DateTime::parse_from_rfc3339(s).unwrap());
        assert_eq!(t("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
        assert_eq!(
            t("2024-05-01T10:00:00.5-07:00"),
            "2024-05-01T10:00:00.5-07:00"
        );
        assert_eq!(
            t("2024-05-01T10:00:00.123456789+00:00"),
            "2024-05-01T10:00:00.123456789Z"
        );
    }

    #[test]
    fn subnets_are_chosen_around_used_ones() {
        let mut existing = base();
        existing.push(create(&named("a"), &existing).unwrap());
        let host = HostView {
            subnets: vec!["10.89.1.0/24".parse().unwrap()],
            interfaces: vec!["podman2".into()],
        };
        let n = plan_create(&named("b"), &existing, &host, fresh()).unwrap();
        assert_eq!(n.subnets[0].subnet.to_string(), "10.89.2.0/24");
        assert_eq!(n.network_interface, "podman3");
        // An unnamed network takes the interface's name.
        let n = plan_create(&CreateRequest::default(), &existing, &host, fresh()).unwrap();
        assert_eq!(
            (n.name.as_str(), n.network_interface.as_str()),
            ("podman3", "podman3")
        );
    }

    #[test]
    fn explicit_subnet_gateway_range_and_ipv6() {
        let req = CreateRequest {
            subnets: vec!["10.89.5.7/24".into(), "fd10::/64".into()],
            gateways: vec!["10.89.5.254".into()],
            ranges: vec!["10.89.5.128/25".into(), "fd10::10-fd10::20".into()],
            internal: true,
            ..named("backend")
        };
        let n = create(&req, &base()).unwrap();
        assert_eq!(n.subnets[0].subnet.to_string(), "10.89.5.0/24");
        assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.5.254");
        let r = n.subnets[0].lease_range.as_ref().unwrap();
        assert_eq!(
            (
                r.start_ip.unwrap().to_string(),
                r.end_ip.unwrap().to_string()
            ),
            ("10.89.5.129".into(), "10.89.5.255".into())
        );
        assert_eq!(n.subnets[1].gateway.unwrap().to_string(), "fd10::1");
        assert!(n.ipv6_enabled && n.internal && n.dns_enabled);
        // --ipv6 alone adds both families.
        let n = create(
            &CreateRequest {
                ipv6: true,
                ..named("dual")
            },
            &base(),
        )
        .unwrap();
        assert_eq!(n.subnets[0].subnet.to_string(), "10.89.0.0/24");
        assert_eq!(n.subnets[1].subnet.to_string(), "fdaa:aaaa:aaaa:aaaa::/64");
        // Internal without DNS has no gateway.
        let n = create(
            &CreateRequest {
                internal: true,
                disable_dns: true,
                ..named("quiet")
            },
            &base(),
        )
        .unwrap();
        assert_eq!(n.subnets[0].gateway, None);
        assert!(!n.dns_enabled);
    }

    #[test]
    fn options_are_checked_and_normalised() {
        let mut req = named("o");
        req.options = BTreeMap::from([
            ("mtu".to_string(), "1400".to_string()),
            ("isolate".to_string(), "1".to_string()),
            (
                "com.docker.network.bridge.name".to_string(),
                "br-o".to_string(),
            ),
        ]);
        let n = create(&req, &base()).unwrap();
        assert_eq!(n.options["isolate"], "true");
        assert_eq!(n.options["mtu"], "1400");
        assert_eq!(n.network_interface, "br-o");
        for (k, v, want) in [
            ("mtu", "x", "invalid syntax"),
            ("mtu", "-1", "less than zero"),
            ("isolate", "maybe", "failed to parse isolate option"),
            ("vlan", "5000", "between 0 and 4094"),
            ("mode", "weird", "unknown bridge mode"),
            ("bogus", "1", "unsupported bridge network option bogus"),
        ] {
            let mut req = named("o");
            req.options = BTreeMap::from([(k.to_string(), v.to_string())]);
            let e = create(&req, &base()).unwrap_err().to_string();
            assert!(e.contains(want), "{k}={v}: {e}");
        }
    }

    #[test]
    fn bad_requests_say_what_is_wrong() {
        let mut existing = base();
        existing.push(
            create(
                &CreateRequest {
                    subnets: vec!["10.89.7.0/24".into()],
                    ..named("taken")
                },
                &existing,
            )
            .unwrap(),
        );
        let cases: Vec<(CreateRequest, &str)> = vec![
            (
                named("taken"),
                "network name taken already used: network already exists",
            ),
            (named("-x"), "network name -x invalid: names must match"),
            (
                named("bridge"),
                "cannot create network with name \"bridge\" because it conflicts",
            ),
            (
                CreateRequest {
                    driver: "macvlan".into(),
                    ..named("m")
                },
                "failed to find driver or plugin \"macvlan\"",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.7.128/25".into()],
                    ..named("o")
                },
                "subnet 10.89.7.128/25 is already used on the host or by another config",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.88.3.0/24".into()],
                    ..named("o")
                },
                "subnet 10.88.3.0/24 is already used",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.9.0/24".into()],
                    gateways: vec!["10.89.10.1".into()],
                    ..named("o")
                },
                "gateway 10.89.10.1 not in subnet 10.89.9.0/24",
            ),
            (
                CreateRequest {
                    gateways: vec!["10.89.10.1".into()],
                    ..named("o")
                },
                "cannot set gateway or range without subnet",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.9.0/24".into()],
                    gateways: vec!["10.89.9.1".into(), "10.89.9.2".into()],
                    ..named("o")
                },
                "cannot set more gateways than subnets",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.9.0/24".into()],
                    ranges: vec!["10.89.8.0/25".into()],
                    ..named("o")
                },
                "lease range start ip 10.89.8.1 not in subnet 10.89.9.0/24",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.9.0/33".into()],
                    ..named("o")
                },
                "invalid CIDR address: 10.89.9.0/33",
            ),
            (
                CreateRequest {
                    subnets: vec!["10.89.9.0/24".into(), "10.89.9.0/25".into()],
                    ..named("o")
                },
                "subnet 10.89.9.0/25 is already used",
            ),
            (
                CreateRequest {
                    interface_name: Some("podman1".into()),
                    ..named("o")
                },
                "bridge name podman1 already in use",
            ),
            (
                CreateRequest {
                    interface_name: Some("a-very-long-name0".into()),
                    ..named("o")
                },
                "interface name is too long",
            ),
            (
                CreateRequest {
                    disable_dns: true,
                    dns_servers: vec!["1.1.1.1".into()],
                    ..named("o")
                },
                "cannot set NetworkDNSServers if DNS is not enabled",
            ),
            (
                CreateRequest {
                    routes: vec!["10.0.0.1/8,10.89.0.1".into()],
                    ..named("o")
                },
                "route destination invalid",
            ),
            (
                CreateRequest {
                    ipam_driver: Some("dhcp".into()),
                    ..named("o")
                },
                "ipam driver dhcp is not supported",
            ),
        ];
        for (req, want) in cases {
            let e = create(&req, &existing).unwrap_err().to_string();
            assert!(e.contains(want), "{req:?}: {e}");
        }
    }

    #[test]
    fn loaded_files_are_checked() {
        let mut n = create(&named("x"), &base()).unwrap();
        n.subnets[0].gateway = None;
        check_loaded(&mut n, "x").unwrap();
        assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.0.1");
        assert!(check_loaded(&mut n.clone(), "y").is_err());
        let mut bad = n.clone();
        bad.id = "12".into();
        assert!(check_loaded(&mut bad, "x")
            .unwrap_err()
            .contains("invalid network ID"));
    }
}
