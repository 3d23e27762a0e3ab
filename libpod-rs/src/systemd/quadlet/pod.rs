//! `.pod` files: a pod created and started with its member containers.

use std::path::Path;

use super::args::{global_prefix, networks, push2, storage_source, user_mappings};
use super::ctx::{parse_bool, Ctx};
use super::names::{service_name_of, split_name};
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::{join_words, unquote_value, UnitFile};

/// `[Pod]` keys rpod translates: all of podman-systemd.unit(5)'s.
const POD_KEYS: &[&str] = &[
    "Volume",
    "UIDMap",
    "SubUIDMap",
    "SubGIDMap",
    "ShmSize",
    "NetworkAlias",
    "IP6",
    "IP",
    "GIDMap",
    "ExitPolicy",
    "AddHost",
    "ContainersConfModule",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "GlobalArgs",
    "HostName",
    "Label",
    "Network",
    "PodName",
    "PodmanArgs",
    "PublishPort",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "ServiceName",
    "StopTimeout",
    "UserNS",
];

/// The service names of the `.container` units that join `pod_file` and start with it.
fn pod_members(opts: &QuadletOptions, pod_file: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in &opts.units {
        if !file.ends_with(".container") {
            continue;
        }
        let Ok(unit) = UnitFile::parse(file, text) else {
            continue;
        };
        let joins = unit
            .last("Container", "Pod")
            .is_some_and(|p| unquote_value(&p) == pod_file);
        let starts = unit
            .last("Container", "StartWithPod")
            .and_then(|v| parse_bool(&unquote_value(&v)))
            .unwrap_or(true);
        if joins && starts {
            let (stem, ext, _) = split_name(file);
            out.push(service_name_of(&unit, &stem, &ext, "Container"));
        }
    }
    out
}

/// A `.pod` file: `pod create` before start, `pod start`, then `pod stop` and `pod rm`.
pub(super) fn pod(
    ctx: &mut Ctx<'_>,
    stem: &str,
    file_name: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(POD_KEYS)?;
    let name = ctx
        .last("PodName")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("systemd-{stem}"));
    let base = Path::new(file_name)
        .file_name()
        .map(|b| b.to_string_lossy().into_owned())
        .unwrap_or_default();
    for svc in pod_members(opts, &base) {
        extra_unit.push(("Wants", svc.clone()));
        extra_unit.push(("Before", svc));
    }
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["pod", "create", "--replace", "--exit-policy"].map(String::from));
    a.push(ctx.last("ExitPolicy").unwrap_or_else(|| "stop".into()));
    user_mappings(ctx, &mut a, true)?;
    for p in ctx.all("PublishPort") {
        push2(&mut a, "--publish", p);
    }
    networks(ctx, opts, &["network"], &mut a, extra_unit)?;
    for (key, flag) in [
        ("AddHost", "--add-host"),
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
        ("NetworkAlias", "--network-alias"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }
    for (key, flag) in [("IP", "--ip"), ("IP6", "--ip6"), ("ShmSize", "--shm-size")] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    if let Some(h) = ctx.last("HostName") {
        push2(&mut a, "--hostname", h);
    }
    // The pod's volumes reach every member (rpod pod create -v).
    for v in ctx.all("Volume") {
        let mut parts: Vec<String> = v.splitn(3, ':').map(str::to_string).collect();
        if parts.len() >= 2 && !parts[0].is_empty() {
            parts[0] = storage_source(ctx, opts, &parts[0], false, extra_unit)?;
        }
        push2(&mut a, "-v", parts.join(":"));
    }
    a.extend(ctx.words("PodmanArgs")?);
    push2(&mut a, "--name", name.clone());

    let mut start = global.clone();
    start.extend(["pod", "start"].map(String::from));
    start.push(name.clone());
    let time = ctx.last("StopTimeout").unwrap_or_else(|| "10".into());
    let mut stop = global.clone();
    stop.extend(["pod", "stop", "--ignore"].map(String::from));
    stop.push(format!("--time={time}"));
    stop.push(name.clone());
    let mut rm = global;
    rm.extend(["pod", "rm", "--ignore", "--force"].map(String::from));
    rm.push(name);

    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("ExecStartPre".into(), join_words(&a)));
    service.push(("ExecStart".into(), join_words(&start)));
    service.push(("ExecStop".into(), join_words(&stop)));
    service.push(("ExecStopPost".into(), join_words(&rm)));
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}
