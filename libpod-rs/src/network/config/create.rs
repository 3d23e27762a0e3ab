//! The pure planning of `network create`: what the user asked for checked
//! and filled in (name, interface, subnet, gateway, IPAM driver) against
//! the networks that exist and what the host uses.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::options::{bridge_options, parse_gateway_ip, parse_range, parse_route};
use super::{invalid, valid_name, validate_interface_name, ConfigError, Network, Subnet};
use super::{BRIDGE, BRIDGE_PREFIX, RESERVED_NAMES};
use crate::network::subnet::{self, IpNet, Pool};

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
/// Checks a subnet and fills its gateway (podman's `ValidateSubnet`).
pub(super) fn validate_subnet(
    s: &mut Subnet,
    add_gateway: bool,
    used: &[IpNet],
) -> Result<(), ConfigError> {
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
