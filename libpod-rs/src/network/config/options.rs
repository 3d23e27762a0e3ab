//! `network create`'s option strings parsed: gateways, IP ranges, routes,
//! and the bridge driver's `--opt` keys.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::{invalid, ConfigError, LeaseRange, Route};
use crate::network::subnet::{self, IpNet};

pub(super) fn parse_gateway_ip(s: &str) -> Result<IpAddr, ConfigError> {
    // pflag's IPSlice: `invalid argument "x" for "--gateway" flag`.
    subnet::parse_ip(s.trim())
        .ok_or_else(|| invalid(format!("invalid argument {s:?} for \"--gateway\" flag: invalid string being converted to IP address: {s}")))
}

pub(super) fn parse_range(s: &str) -> Result<LeaseRange, ConfigError> {
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

pub(super) fn parse_route(s: &str) -> Result<Route, ConfigError> {
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
pub(super) fn bridge_options(
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
