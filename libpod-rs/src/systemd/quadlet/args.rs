//! Command-line pieces several Quadlet kinds share: the global rpod prefix,
//! dependencies, user namespace mappings and `Network=` flags.

use super::ctx::Ctx;
use super::names::resolve_ref;
use super::{QuadletError, QuadletOptions};

pub(super) fn global_prefix(ctx: &mut Ctx<'_>, rpod: &str) -> Result<Vec<String>, QuadletError> {
    let mut cmd = vec![rpod.to_string()];
    for m in ctx.all("ContainersConfModule") {
        cmd.push(format!("--module={m}"));
    }
    cmd.extend(ctx.words("GlobalArgs")?);
    Ok(cmd)
}

pub(super) fn push2(args: &mut Vec<String>, flag: &str, v: impl Into<String>) {
    args.push(flag.to_string());
    args.push(v.into());
}

pub(super) fn dependency(name: &str, extra_unit: &mut Vec<(&str, String)>) {
    extra_unit.push(("Requires", name.to_string()));
    extra_unit.push(("After", name.to_string()));
}

/// The `RemapUsers`/`UserNS`/`UIDMap`… keys as `--userns`/`--uidmap`/`--gidmap` flags.
pub(super) fn user_mappings(
    ctx: &Ctx<'_>,
    a: &mut Vec<String>,
    manual: bool,
) -> Result<(), QuadletError> {
    let remap = ctx.last("RemapUsers");
    let explicit = ["UserNS", "UIDMap", "GIDMap", "SubUIDMap", "SubGIDMap"]
        .iter()
        .any(|k| ctx.last(k).is_some());
    if remap.is_some() && explicit {
        return Err(ctx.err_key(
            "RemapUsers",
            "deprecated Remap keys are set along with explicit mapping keys: use only UserNS/UIDMap/GIDMap",
        ));
    }
    if let Some(mode) = remap {
        let uids = ctx.all("RemapUid");
        let gids = ctx.all("RemapGid");
        match mode.as_str() {
            "manual" if !manual => {
                return Err(ctx.err_key("RemapUsers", "RemapUsers=manual is not supported"))
            }
            "manual" => {
                for u in uids {
                    push2(a, "--uidmap", u);
                }
                for g in gids {
                    push2(a, "--gidmap", g);
                }
            }
            "auto" => {
                let mut o: Vec<String> = uids.iter().map(|u| format!("uidmapping={u}")).collect();
                o.extend(gids.iter().map(|g| format!("gidmapping={g}")));
                if let Some(s) = ctx.last("RemapUidSize") {
                    o.push(format!("size={s}"));
                }
                let v = if o.is_empty() {
                    "auto".to_string()
                } else {
                    format!("auto:{}", o.join(","))
                };
                push2(a, "--userns", v);
            }
            "keep-id" => {
                let mut o: Vec<String> = uids.iter().map(|u| format!("uid={u}")).collect();
                o.extend(gids.iter().map(|g| format!("gid={g}")));
                let v = if o.is_empty() {
                    "keep-id".to_string()
                } else {
                    format!("keep-id:{}", o.join(","))
                };
                push2(a, "--userns", v);
            }
            other => return Err(ctx.err(format!("unsupported RemapUsers value {other:?}"))),
        }
    }
    if let Some(v) = ctx.last("UserNS") {
        push2(a, "--userns", v);
    }
    Ok(())
}

/// The Quadlet unit kinds a `Network=` value can name (by file suffix).
const NETWORK_REFERENCE_KINDS: [&str; 3] = ["network", "container", "pod"];

/// `Network=` values as `--network` flags; a value naming a Quadlet unit of
/// a kind in `accepted` becomes that unit's resource and a dependency on its
/// service, one of another kind is refused. podman-systemd.unit(5): every
/// kind accepts `.network` units (as the network's name), `[Container]`
/// also `.container` units (as `container:NAME`, joining its network
/// namespace, without extra options, as podman refuses them).
pub(super) fn networks(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    accepted: &[&str],
    a: &mut Vec<String>,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<(), QuadletError> {
    for n in ctx.all("Network") {
        let (net, rest) = match n.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (n.clone(), None),
        };
        let kind = NETWORK_REFERENCE_KINDS
            .into_iter()
            .find(|k| net.strip_suffix(k).is_some_and(|s| s.ends_with('.')));
        let net = match kind {
            None => net,
            Some(k) if !accepted.contains(&k) => {
                let kinds: Vec<String> = accepted.iter().map(|k| format!(".{k}")).collect();
                return Err(ctx.err_key(
                    "Network",
                    format!(
                        "network {net}: only {} units can be referenced here",
                        kinds.join(" and ")
                    ),
                ));
            }
            Some(_) => {
                let Some((name, svc)) = resolve_ref(opts, &net) else {
                    return Err(ctx.err(format!("requested Quadlet unit {net} was not found")));
                };
                if name.is_empty() {
                    return Err(ctx.err(format!("cannot get the resource name of {net}")));
                }
                dependency(&svc, extra_unit);
                if kind == Some("container") {
                    if rest.is_some() {
                        return Err(ctx.err(
                            "extra options are not supported when joining another container's network",
                        ));
                    }
                    format!("container:{name}")
                } else {
                    name
                }
            }
        };
        match rest {
            Some(r) => push2(a, "--network", format!("{net}:{r}")),
            None => push2(a, "--network", net),
        }
    }
    Ok(())
}
