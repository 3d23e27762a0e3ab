//! `rpod network create|ls|inspect|rm|exists|prune` (and, for now, the
//! verbs that need containers on bridge networks as clear errors): user
//! defined networks in podman 5's format. The verbs are small, so they
//! share this file; the logic is in libpod's `network` module.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;

use super::Globals;
use crate::output;
use libpod::network::config::{format_go_time, CreateRequest, Network};

/// `rpod network ...`.
#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Create a network
    Create(CreateArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show networks' configuration as JSON
    Inspect(InspectArgs),
    /// Remove networks
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Exit 0 when the network exists, 1 when not
    Exists(ExistsArgs),
    /// Remove networks no container uses
    Prune(PruneArgs),
    /// Reconnect containers to their networks (port relays and rules again, the same addresses)
    Reload(ReloadArgs),
    /// Connect a container to a network (a running one at once)
    Connect(ConnectArgs),
    /// Disconnect a container from a network (a running one at once)
    Disconnect(DisconnectArgs),
}

/// Arguments of `rpod network create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The name (podmanN when omitted)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// driver to manage the network
    #[arg(short, long, value_name = "DRIVER", default_value = "bridge")]
    pub driver: String,
    /// Set driver specific options (default [])
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// IPv4 or IPv6 gateway for the subnet (one per --subnet)
    #[arg(long, value_name = "IP")]
    pub gateway: Vec<String>,
    /// restrict external access from this network
    #[arg(long)]
    pub internal: bool,
    /// allocate container IP from range
    #[arg(long, value_name = "RANGE")]
    pub ip_range: Vec<String>,
    /// set metadata on a network
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// IP Address Management Driver
    #[arg(long, value_name = "DRIVER")]
    pub ipam_driver: Option<String>,
    /// enable IPv6 networking
    #[arg(long)]
    pub ipv6: bool,
    /// subnets in CIDR format
    #[arg(long, value_name = "CIDR")]
    pub subnet: Vec<String>,
    /// static routes
    #[arg(long, value_name = "ROUTE")]
    pub route: Vec<String>,
    /// interface name which is used by the driver
    #[arg(long, value_name = "NAME")]
    pub interface_name: Option<String>,
    /// disable dns plugin
    #[arg(long)]
    pub disable_dns: bool,
    /// Don't fail if network already exists
    #[arg(long)]
    pub ignore: bool,
    /// DNS servers this network will use
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns: Vec<String>,
}

/// Arguments of `rpod network ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Pretty-print networks to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// display only names
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate the network ID
    #[arg(long)]
    pub no_trunc: bool,
    /// Provide filter values (e.g. 'name=rpod')
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Do not print headers
    #[arg(short = 'n', long)]
    pub noheading: bool,
}

/// Arguments of `rpod network inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The networks
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
    /// Pretty-print network to JSON or using a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod network rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The networks
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
    /// remove any containers using network
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait for running containers to stop before killing the container
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
}

/// Arguments of `rpod network exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The network
    #[arg(value_name = "NETWORK")]
    pub name: String,
}

/// Arguments of `rpod network prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

/// Arguments of `rpod network reload`.
#[derive(Debug, Args)]
pub struct ReloadArgs {
    /// The containers
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Reload network configuration of all containers
    #[arg(short, long)]
    pub all: bool,
    /// The latest container
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod network connect`.
#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// The network
    #[arg(value_name = "NETWORK")]
    pub network: String,
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// network scoped alias for container
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// Specify a static IPv4 address for the container
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Specify a static IPv6 address for the container
    #[arg(long, value_name = "IP")]
    pub ip6: Option<String>,
    /// set a static mac address for this container network
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
}

/// Arguments of `rpod network disconnect`.
#[derive(Debug, Args)]
pub struct DisconnectArgs {
    /// The network
    #[arg(value_name = "NETWORK")]
    pub network: String,
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// force removal of container from network
    #[arg(short, long)]
    pub force: bool,
}

/// Arguments of `rpod internal network-lease` (hidden, for tests and the
/// container side to come): lease or release addresses on a network.
#[derive(Debug, Args)]
pub struct LeaseArgs {
    /// The network
    #[arg(value_name = "NETWORK")]
    pub network: String,
    /// The container ID the lease is for
    #[arg(value_name = "CONTAINER_ID")]
    pub container_id: String,
    /// A static address
    #[arg(long, value_name = "IP")]
    pub ip: Vec<String>,
    /// A static MAC address
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Release the container's lease instead
    #[arg(long)]
    pub release: bool,
}

fn pairs(v: &[String]) -> BTreeMap<String, String> {
    v.iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// JSON with Go's `MarshalIndent`/encoder indentation (`indent` spaces).
fn json_text<T: Serialize + ?Sized>(value: &T, indent: usize) -> anyhow::Result<String> {
    let mut buf = Vec::new();
    let pad = " ".repeat(indent);
    let fmt = serde_json::ser::PrettyFormatter::with_indent(pad.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value.serialize(&mut ser)?;
    buf.push(b'\n');
    Ok(String::from_utf8(buf)?)
}

/// Go's field name for a JSON key of the network types (templates see Go
/// names: `{{.Name}}`, `{{.Subnets}}`, `{{.IPv6Enabled}}`).
fn go_name(key: &str) -> String {
    match key {
        "id" => "ID".into(),
        "ipv6_enabled" => "IPv6Enabled".into(),
        "dns_enabled" => "DNSEnabled".into(),
        "network_dns_servers" => "NetworkDNSServers".into(),
        "ipam_options" => "IPAMOptions".into(),
        "start_ip" => "StartIP".into(),
        "end_ip" => "EndIP".into(),
        "ipnet" => "IPNet".into(),
        other => other
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect(),
    }
}

/// Renames struct keys to Go's names, leaving the keys of maps (labels,
/// options, containers, interfaces) alone.
fn go_names(v: Value) -> Value {
    const MAPS: [&str; 5] = [
        "labels",
        "options",
        "ipam_options",
        "containers",
        "interfaces",
    ];
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let v = if MAPS.contains(&k.as_str()) {
                        match v {
                            Value::Object(m) => Value::Object(
                                m.into_iter().map(|(mk, mv)| (mk, go_names(mv))).collect(),
                            ),
                            other => other,
                        }
                    } else {
                        go_names(v)
                    };
                    (go_name(&k), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(go_names).collect()),
        other => other,
    }
}

/// What a `network inspect` template sees: the definition's fields (Go
/// names for `{{.NetworkInterface}}`, JSON names for `{{json .}}`), then
/// `Containers`.
pub(crate) fn inspect_value(
    n: &libpod::engine::NetworkInspect,
) -> anyhow::Result<output::template::TValue> {
    use output::template::TValue;
    let mut v = TValue::from(&n.network).map_err(|e| anyhow::anyhow!(e))?;
    let containers = TValue::from(&n.containers).map_err(|e| anyhow::anyhow!(e))?;
    if let TValue::Struct { fields, .. } = &mut v {
        fields.push(("containers", containers));
    }
    Ok(output::template::schema::typed(
        v,
        "types.NetworkInspectReport",
    ))
}

/// A row of `network ls`: the network with Go's names, `ID` truncated and
/// `Labels` as `k=v,...` (podman's `ListPrintReports`).
fn ls_row(n: &Network, no_trunc: bool) -> anyhow::Result<Value> {
    let mut v = go_names(serde_json::to_value(n)?);
    if let Value::Object(o) = &mut v {
        let id = if no_trunc {
            n.id.clone()
        } else {
            n.id[..12].to_string()
        };
        o.insert("ID".into(), Value::String(id));
        let labels: Vec<String> = n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
        o.insert("Labels".into(), Value::String(labels.join(",")));
        o.insert("Created".into(), Value::String(format_go_time(&n.created)));
    }
    Ok(v)
}

/// `network reload`: prints the IDs of the containers reloaded; errors
/// for the others (exit 125).
fn reload(g: &Globals, a: ReloadArgs) -> anyhow::Result<u8> {
    if a.all && a.latest {
        anyhow::bail!("--all and --latest cannot be used together");
    }
    if a.all && !a.containers.is_empty() {
        anyhow::bail!("no arguments are needed with --all");
    }
    if a.latest && !a.containers.is_empty() {
        anyhow::bail!("--latest and containers cannot be used together");
    }
    if !a.all && !a.latest && a.containers.is_empty() {
        anyhow::bail!("you must provide at least one name or id");
    }
    let engine = g.engine(false)?;
    let mut names = a.containers;
    if a.latest {
        names.push(engine.latest_container()?.config.id);
    }
    let mut code = 0;
    for r in engine.reload_networks(&names, a.all)? {
        match r.error {
            None => output::println(&r.id),
            Some(e) => {
                output::print_error(&anyhow::Error::from(e));
                code = 125;
            }
        }
    }
    Ok(code)
}

/// `network connect`: the network joins a container that is not running.
fn connect(g: &Globals, a: ConnectArgs) -> anyhow::Result<u8> {
    let mut att = libpod::network::Attachment {
        network: a.network.clone(),
        aliases: a.alias.clone(),
        ..Default::default()
    };
    for (flag, v) in [("--ip", &a.ip), ("--ip6", &a.ip6)] {
        if let Some(v) = v {
            att.static_ips.push(
                v.parse()
                    .map_err(|_| anyhow::anyhow!("{flag} {v:?}: not an IP address"))?,
            );
        }
    }
    if let Some(m) = &a.mac_address {
        att.mac = Some(
            m.parse()
                .map_err(|e| anyhow::anyhow!("--mac-address: {e}"))?,
        );
    }
    g.engine(false)?.connect_network(&a.container, att)?;
    Ok(0)
}

/// Runs a `rpod network` verb.
pub fn run(g: &Globals, cmd: NetworkCommand) -> anyhow::Result<u8> {
    match cmd {
        NetworkCommand::Reload(a) => return reload(g, a),
        NetworkCommand::Connect(a) => return connect(g, a),
        NetworkCommand::Disconnect(a) => {
            g.engine(false)?
                .disconnect_network(&a.container, &a.network)?;
            return Ok(0);
        }
        _ => {}
    }
    let engine = g.engine(false)?;
    match cmd {
        NetworkCommand::Create(a) => {
            let req = CreateRequest {
                name: a.name,
                driver: a.driver,
                subnets: a.subnet,
                gateways: a.gateway,
                ranges: a.ip_range,
                routes: a.route,
                internal: a.internal,
                disable_dns: a.disable_dns,
                ipv6: a.ipv6,
                interface_name: a.interface_name,
                ipam_driver: a.ipam_driver,
                dns_servers: a.dns,
                labels: pairs(&a.label),
                options: pairs(&a.opt),
            };
            let n = engine.create_network(&req, a.ignore)?;
            output::println(&n.name);
        }
        NetworkCommand::Ls(a) => {
            let list = engine.list_networks(&a.filter)?;
            if a.quiet {
                for n in &list {
                    output::println(&n.name);
                }
            } else if a.format.as_deref().is_some_and(output::template::is_json) {
                output::print_raw(&json_text(&list, 2)?);
            } else {
                let rows = list
                    .iter()
                    .map(|n| ls_row(n, a.no_trunc))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let format = output::row_format(
                    a.format.as_deref(),
                    "table {{.ID}}\t{{.Name}}\t{{.Driver}}",
                );
                return output::print_rows(
                    format,
                    &rows,
                    &[
                        ("ID", "NETWORK ID"),
                        ("Name", "NAME"),
                        ("Driver", "DRIVER"),
                        ("Labels", "LABELS"),
                        ("NetworkInterface", "NETWORK INTERFACE"),
                        ("Created", "CREATED"),
                    ],
                    a.noheading,
                    "network.ListPrintReports",
                );
            }
        }
        NetworkCommand::Inspect(a) => {
            let mut found = Vec::new();
            let mut errors = Vec::new();
            for n in &a.names {
                match engine.inspect_network(n) {
                    Ok(v) => found.push(v),
                    Err(e) if e.is_network_not_found() => {
                        errors.push(anyhow::anyhow!("network {n}: {e}"))
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            match a.format.as_deref() {
                Some(f) if !output::template::is_json(f) => {
                    let values = found
                        .iter()
                        .map(inspect_value)
                        .collect::<anyhow::Result<Vec<_>>>()?;
                    let t = output::template::Template::for_rows(f)?;
                    output::print_raw(&t.render_value(&output::template::TValue::List(values))?);
                }
                _ => output::print_raw(&json_text(&found, 5)?),
            }
            let mut errors = errors.into_iter();
            if let Some(first) = errors.next() {
                for e in errors {
                    output::eprintln(&e.to_string());
                }
                return Err(first);
            }
        }
        NetworkCommand::Rm(a) => {
            if a.time.is_some() && !a.force {
                anyhow::bail!("--force option must be specified to use the --time option");
            }
            let timeout = a.time.map(|t| u32::try_from(t.max(0)).unwrap_or(u32::MAX));
            let mut code = 0;
            let mut errors = Vec::new();
            for n in &a.names {
                match engine.remove_network(n, a.force, timeout) {
                    Ok(_) => output::println(n),
                    Err(e) if a.force && e.is_network_not_found() => {}
                    Err(e) => {
                        // podman: 1 for "no such network", 2 for "in use".
                        code = if e.is_network_not_found() {
                            1
                        } else if e.is_network_in_use() {
                            2
                        } else {
                            125
                        };
                        errors.push(anyhow::Error::from(e));
                    }
                }
            }
            for e in &errors {
                output::print_error(e);
            }
            return Ok(code);
        }
        NetworkCommand::Exists(a) => {
            return Ok(if engine.network_exists(&a.name)? {
                0
            } else {
                1
            });
        }
        NetworkCommand::Prune(a) => {
            if !a.force
                && !output::confirm(
                    "WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue?",
                )?
            {
                return Ok(0);
            }
            for n in engine.prune_networks(&a.filter)? {
                output::println(&n);
            }
        }
        NetworkCommand::Reload(_) | NetworkCommand::Connect(_) | NetworkCommand::Disconnect(_) => {
            unreachable!("answered above")
        }
    }
    Ok(0)
}

/// Runs `rpod internal network-lease`: prints the addresses (comma
/// separated) and the MAC address leased, or releases.
pub fn run_lease(g: &Globals, a: LeaseArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    if a.release {
        let gone = engine.release_address(&a.network, &a.container_id)?;
        return Ok(if gone.is_some() { 0 } else { 1 });
    }
    let static_ips =
        a.ip.iter()
            .map(|s| {
                libpod::network::subnet::parse_ip(s)
                    .ok_or_else(|| anyhow::anyhow!("--ip {s}: not an IP address"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
    let req = libpod::network::ipam::LeaseRequest {
        static_ips,
        static_mac: a.mac_address,
        interface: String::new(),
    };
    let lease = engine.lease_address(&a.network, &a.container_id, &req)?;
    let ips: Vec<String> = lease.ips.iter().map(ToString::to_string).collect();
    output::println(&format!("{} {}", ips.join(","), lease.mac));
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_see_go_names() {
        let v = serde_json::json!({
            "name": "n", "id": "x", "ipv6_enabled": true, "network_interface": "podman1",
            "labels": {"a_b": "1"}, "subnets": [{"subnet": "10.0.0.0/24", "lease_range": {"start_ip": "10.0.0.2"}}],
            "containers": {"abc": {"name": "c", "interfaces": {"eth0": {"mac_address": "m"}}}}
        });
        let g = go_names(v);
        assert_eq!(g["Name"], "n");
        assert_eq!(g["ID"], "x");
        assert_eq!(g["IPv6Enabled"], true);
        assert_eq!(g["NetworkInterface"], "podman1");
        assert_eq!(g["Labels"]["a_b"], "1");
        assert_eq!(g["Subnets"][0]["LeaseRange"]["StartIP"], "10.0.0.2");
        assert_eq!(
            g["Containers"]["abc"]["Interfaces"]["eth0"]["MacAddress"],
            "m"
        );
    }
}
