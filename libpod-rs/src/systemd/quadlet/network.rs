//! `.network` files: `rpod network create` as a oneshot service.

use super::args::{global_prefix, push2};
use super::ctx::Ctx;
use super::names::default_resource_name;
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::join_words;

const NETWORK_KEYS: &[&str] = &[
    "ContainersConfModule",
    "DNS",
    "DisableDNS",
    "Driver",
    "Gateway",
    "GlobalArgs",
    "IPAMDriver",
    "IPRange",
    "IPv6",
    "InterfaceName",
    "Internal",
    "Label",
    "NetworkDeleteOnStop",
    "NetworkName",
    "Options",
    "PodmanArgs",
    "ServiceName",
    "Subnet",
];

pub(super) fn network(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(NETWORK_KEYS)?;
    let name = ctx
        .last("NetworkName")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default_resource_name(stem));
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["network", "create", "--ignore"].map(String::from));
    for (key, flag) in [
        ("DisableDNS", "--disable-dns"),
        ("Internal", "--internal"),
        ("IPv6", "--ipv6"),
    ] {
        // false is network create's default (which takes no `--flag=false`).
        if ctx.bool(key)? == Some(true) {
            a.push(flag.into());
        }
    }
    for d in ctx.all("DNS") {
        push2(&mut a, "--dns", d);
    }
    if let Some(d) = ctx.last("Driver") {
        push2(&mut a, "--driver", d);
    }
    for (key, flag) in [
        ("IPAMDriver", "--ipam-driver"),
        ("InterfaceName", "--interface-name"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    let subnets = ctx.all("Subnet");
    let gateways = ctx.all("Gateway");
    let ranges = ctx.all("IPRange");
    if subnets.is_empty() && (!gateways.is_empty() || !ranges.is_empty()) {
        return Err(ctx.err_key(
            "Gateway",
            "cannot set gateway or range without subnet: add Subnet=",
        ));
    }
    if gateways.len() > subnets.len() {
        return Err(ctx.err_key("Gateway", "cannot set more gateways than subnets"));
    }
    if ranges.len() > subnets.len() {
        return Err(ctx.err_key("IPRange", "cannot set more ranges than subnets"));
    }
    for (i, s) in subnets.iter().enumerate() {
        push2(&mut a, "--subnet", s.clone());
        if let Some(g) = gateways.get(i) {
            push2(&mut a, "--gateway", g.clone());
        }
        if let Some(r) = ranges.get(i) {
            push2(&mut a, "--ip-range", r.clone());
        }
    }
    for o in ctx.words("Options")? {
        push2(&mut a, "--opt", o);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    a.extend(ctx.words("PodmanArgs")?);
    a.push(name.clone());
    service.push(("ExecStart".into(), join_words(&a)));
    if ctx.bool("NetworkDeleteOnStop")? == Some(true) {
        let mut r = global;
        r.extend(["network", "rm"].map(String::from));
        r.push(name);
        service.push(("ExecStopPost".into(), join_words(&r)));
    }
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}
