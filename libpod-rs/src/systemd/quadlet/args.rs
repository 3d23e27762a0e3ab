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

/// The end of a oneshot unit that pulls or creates `name` (`.image`,
/// `.artifact`, `.volume`): `PodmanArgs`, the name, then the service keys.
pub(super) fn oneshot_exec(
    ctx: &mut Ctx<'_>,
    mut args: Vec<String>,
    name: String,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    args.extend(ctx.words("PodmanArgs")?);
    args.push(name);
    service.push(("ExecStart".into(), crate::systemd::unit::join_words(&args)));
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

pub(super) fn dependency(name: &str, extra_unit: &mut Vec<(&str, String)>) {
    extra_unit.push(("Requires", name.to_string()));
    extra_unit.push(("After", name.to_string()));
}

/// The `UserNS`/`UIDMap`/`GIDMap`/`SubUIDMap`/`SubGIDMap` keys as
/// `--userns`/`--uidmap`/`--gidmap`/`--subuidname`/`--subgidname`, or else the
/// deprecated `RemapUsers`/`RemapUid`/`RemapGid`/`RemapUidSize` as `--userns`
/// (`manual` only where `manual` allows it), with podman's errors.
pub(super) fn user_mappings(
    ctx: &mut Ctx<'_>,
    a: &mut Vec<String>,
    manual: bool,
) -> Result<(), QuadletError> {
    let mut defined = false;
    if let Some(v) = ctx.last("UserNS").filter(|v| !v.is_empty()) {
        push2(a, "--userns", v);
        defined = true;
    }
    for (key, flag) in [("UIDMap", "--uidmap"), ("GIDMap", "--gidmap")] {
        for m in ctx.words(key)? {
            push2(a, flag, m);
            defined = true;
        }
    }
    for (key, flag) in [("SubUIDMap", "--subuidname"), ("SubGIDMap", "--subgidname")] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(a, flag, v);
            defined = true;
        }
    }
    let remap = ctx.last("RemapUsers");
    if defined {
        if ctx.last("RemapUid").is_some() || ctx.last("RemapGid").is_some() || remap.is_some() {
            return Err(ctx.err("deprecated Remap keys are set along with explicit mapping keys"));
        }
        return Ok(());
    }
    let uids = ctx.words("RemapUid")?;
    let gids = ctx.words("RemapGid")?;
    match remap.as_deref().unwrap_or("") {
        "" => {
            if !uids.is_empty() {
                return Err(ctx.err("UidMap set without RemapUsers"));
            }
            if !gids.is_empty() {
                return Err(ctx.err("GidMap set without RemapUsers"));
            }
        }
        "manual" if !manual => return Err(ctx.err("RemapUsers=manual is not supported")),
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
            let size = ctx
                .last("RemapUidSize")
                .and_then(|s| s.parse::<u32>().ok())
                .unwrap_or(0);
            if size > 0 {
                o.push(format!("size={size}"));
            }
            push2(a, "--userns", userns_opts("auto", &o));
        }
        "keep-id" => {
            if uids.len() > 1 {
                return Err(
                    ctx.err("RemapUsers=keep-id supports only a single value for UID mapping")
                );
            }
            if gids.len() > 1 {
                return Err(
                    ctx.err("RemapUsers=keep-id supports only a single value for GID mapping")
                );
            }
            let mut o: Vec<String> = uids.iter().map(|u| format!("uid={u}")).collect();
            o.extend(gids.iter().map(|g| format!("gid={g}")));
            push2(a, "--userns", userns_opts("keep-id", &o));
        }
        other => return Err(ctx.err(format!("unsupported RemapUsers option '{other}'"))),
    }
    Ok(())
}

/// `KIND` or `KIND:OPT,OPT…`.
fn userns_opts(kind: &str, opts: &[String]) -> String {
    if opts.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}:{}", opts.join(","))
    }
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

/// A `RequiresMountsFor=` value the way podman writes a path: as is, or
/// double-quoted with systemd escapes (a space as `\x20`) when it needs them.
pub(super) fn escaped_value(v: &str) -> String {
    let needs = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\');
    if !v.chars().any(needs) {
        return v.to_string();
    }
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            ' ' => out.push_str("\\x20"),
            c if needs(c) && c != '\'' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Resolves the source of a `Volume=` or `Mount=`: a path starting with `.`
/// becomes absolute (relative to the Quadlet file), an absolute path adds
/// `RequiresMountsFor=`, a `.volume` unit (and with `images`, an `.image` or
/// `.build` unit) becomes its resource name and a dependency on its service.
pub(super) fn storage_source(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    source: &str,
    images: bool,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<String, QuadletError> {
    if source.is_empty() {
        return Err(ctx.err("source cannot be empty"));
    }
    let mut source = source.to_string();
    if source.starts_with('.') {
        source = ctx.host_path(&source);
    }
    let unit_ref = source.ends_with(".volume")
        || source.ends_with(".artifact")
        || (images && (source.ends_with(".image") || source.ends_with(".build")));
    if source.starts_with('/') {
        extra_unit.push(("RequiresMountsFor", escaped_value(&source)));
    } else if unit_ref {
        let Some((name, svc)) = resolve_ref(opts, &source) else {
            return Err(ctx.err(format!("requested Quadlet source {source} was not found")));
        };
        dependency(&svc, extra_unit);
        source = name;
    }
    Ok(source)
}

/// Whether `p` ends like a port or port range, optionally with `/tcp` or
/// `/udp` (podman's unanchored check of `ExposeHostPort=`: a digit before
/// the protocol is enough).
pub(super) fn is_port_range(p: &str) -> bool {
    p.strip_suffix("/udp")
        .or_else(|| p.strip_suffix("/tcp"))
        .unwrap_or(p)
        .bytes()
        .last()
        .is_some_and(|c| c.is_ascii_digit())
}

/// An `Image=` value: a `.image` or `.build` unit becomes the image it pulls
/// or builds and a dependency on its service; any other value stays.
pub(super) fn image_source(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    image: &str,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<String, QuadletError> {
    if !image.ends_with(".image") && !image.ends_with(".build") {
        return Ok(image.to_string());
    }
    let Some((name, svc)) = resolve_ref(opts, image) else {
        return Err(ctx.err(format!("requested Quadlet image {image} was not found")));
    };
    dependency(&svc, extra_unit);
    Ok(name)
}
