//! `.container` files: `rpod run` with the keys translated to flags.

use std::path::Path;

use super::args::{dependency, global_prefix, networks, push2, user_mappings};
use super::ctx::{parse_bool, Ctx};
use super::names::{default_container_name, resolve_or_default, resolve_ref};
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::join_words;

const CONTAINER_KEYS: &[&str] = &[
    "AddCapability",
    "AddDevice",
    "AddHost",
    "Annotation",
    "ContainerName",
    "ContainersConfModule",
    "Pod",
    "StartWithPod",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "DropCapability",
    "Entrypoint",
    "Environment",
    "EnvironmentFile",
    "EnvironmentHost",
    "Exec",
    "ExposeHostPort",
    "GIDMap",
    "GlobalArgs",
    "Group",
    "GroupAdd",
    "HealthCmd",
    "HealthInterval",
    "HealthOnFailure",
    "HealthRetries",
    "HealthStartPeriod",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
    "HealthTimeout",
    "HostName",
    "HttpProxy",
    "IP",
    "IP6",
    "Image",
    "Label",
    "LogDriver",
    "LogOpt",
    "Mask",
    "Memory",
    "Mount",
    "Network",
    "NetworkAlias",
    "NoNewPrivileges",
    "Notify",
    "PidsLimit",
    "PodmanArgs",
    "PublishPort",
    "Pull",
    "ReadOnly",
    "ReadOnlyTmpfs",
    "ReloadCmd",
    "ReloadSignal",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "Retry",
    "RetryDelay",
    "Rootfs",
    "RunInit",
    "ServiceName",
    "SeccompProfile",
    "Secret",
    "SecurityLabelDisable",
    "SecurityLabelFileType",
    "SecurityLabelLevel",
    "SecurityLabelNested",
    "SecurityLabelType",
    "ShmSize",
    "StopSignal",
    "StopTimeout",
    "SubGIDMap",
    "SubUIDMap",
    "Sysctl",
    "Timezone",
    "Tmpfs",
    "UIDMap",
    "Ulimit",
    "Unmask",
    "User",
    "UserNS",
    "VolatileTmp",
    "Volume",
    "WorkingDir",
];

pub(super) fn container(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(CONTAINER_KEYS)?;
    let image = ctx.last("Image");
    let rootfs = ctx.last("Rootfs");
    if image.is_none() && rootfs.is_none() {
        return Err(ctx.err("no Image or Rootfs key specified"));
    }
    if image.is_some() && rootfs.is_some() {
        return Err(ctx.err("the Image and Rootfs keys conflict: keep only one"));
    }
    if let Some(img) = &image {
        if img.ends_with(".image") || img.ends_with(".build") {
            return Err(ctx.err(format!(
                "image {img}: references to Quadlet .image/.build units are not supported yet"
            )));
        }
    }
    let pod = match ctx.last("Pod").filter(|p| !p.is_empty()) {
        None => None,
        Some(p) if !p.ends_with(".pod") => {
            return Err(ctx.err_key("Pod", format!("pod {p} is not Quadlet based")))
        }
        Some(p) => match resolve_ref(opts, &p) {
            Some((name, svc)) => {
                extra_unit.push(("BindsTo", svc.clone()));
                extra_unit.push(("After", svc));
                Some(name)
            }
            None => return Err(ctx.err_key("Pod", format!("quadlet pod unit {p} does not exist"))),
        },
    };
    ctx.bool("StartWithPod")?;
    let name = ctx
        .last("ContainerName")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default_container_name(stem));
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let user_type = ctx.unit.last("Service", "Type");
    let oneshot = user_type.as_deref() == Some("oneshot");

    let mut a: Vec<String> = global.clone();
    a.push("run".into());
    push2(&mut a, "--name", name.clone());
    for f in ["--replace", "--rm", "--cgroups=split"] {
        a.push(f.into());
    }
    if !oneshot {
        let notify = match ctx.last("Notify") {
            None => "conmon".to_string(),
            Some(v) if v.eq_ignore_ascii_case("healthy") => "healthy".into(),
            Some(v) => match parse_bool(&v) {
                Some(true) => "container".into(),
                Some(false) => "conmon".into(),
                None => return Err(ctx.err(format!("invalid Notify value {v:?}"))),
            },
        };
        a.push(format!("--sdnotify={notify}"));
    }
    a.push("-d".into());
    if let Some(p) = pod {
        push2(&mut a, "--pod", p);
    }

    // Simple single-valued flags.
    for (key, flag) in [
        ("HostName", "--hostname"),
        ("WorkingDir", "-w"),
        ("PidsLimit", "--pids-limit"),
        ("ShmSize", "--shm-size"),
        ("StopSignal", "--stop-signal"),
        ("StopTimeout", "--stop-timeout"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
        ("Pull", "--pull"),
        ("LogDriver", "--log-driver"),
        ("Memory", "--memory"),
        ("IP", "--ip"),
        ("IP6", "--ip6"),
        ("HealthCmd", "--health-cmd"),
        ("HealthInterval", "--health-interval"),
        ("HealthOnFailure", "--health-on-failure"),
        ("HealthRetries", "--health-retries"),
        ("HealthStartPeriod", "--health-start-period"),
        ("HealthTimeout", "--health-timeout"),
        ("HealthStartupCmd", "--health-startup-cmd"),
        ("HealthStartupInterval", "--health-startup-interval"),
        ("HealthStartupRetries", "--health-startup-retries"),
        ("HealthStartupSuccess", "--health-startup-success"),
        ("HealthStartupTimeout", "--health-startup-timeout"),
    ] {
        if let Some(v) = ctx.last(key) {
            push2(&mut a, flag, v);
        }
    }
    if let Some(tz) = ctx.last("Timezone") {
        if !tz.is_empty() {
            a.push(format!("--tz={tz}"));
        }
    }
    if ctx.bool("RunInit")? == Some(true) {
        a.push("--init".into());
    }
    if let Some(v) = ctx.last("Entrypoint") {
        a.push(format!("--entrypoint={v}"));
    }
    if let Some(b) = ctx.bool("HttpProxy")? {
        a.push(format!("--http-proxy={b}"));
    }
    if ctx.bool("EnvironmentHost")? == Some(true) {
        a.push("--env-host".into());
    }
    if ctx.bool("NoNewPrivileges")? == Some(true) {
        push2(&mut a, "--security-opt", "no-new-privileges");
    }
    if ctx.bool("SecurityLabelDisable")? == Some(true) {
        push2(&mut a, "--security-opt", "label=disable");
    }
    if ctx.bool("SecurityLabelNested")? == Some(true) {
        push2(&mut a, "--security-opt", "label=nested");
    }
    for (key, pre) in [
        ("SecurityLabelType", "label=type:"),
        ("SecurityLabelFileType", "label=filetype:"),
        ("SecurityLabelLevel", "label=level:"),
        ("SeccompProfile", "seccomp="),
    ] {
        if let Some(v) = ctx.last(key) {
            push2(&mut a, "--security-opt", format!("{pre}{v}"));
        }
    }
    for m in ctx.all("Mask") {
        push2(&mut a, "--security-opt", format!("mask={m}"));
    }
    for m in ctx.all("Unmask") {
        push2(&mut a, "--security-opt", format!("unmask={m}"));
    }

    // User, group and ID mappings.
    let user = ctx.last("User");
    let group = ctx.last("Group");
    match (user, group) {
        (Some(u), Some(g)) => push2(&mut a, "--user", format!("{u}:{g}")),
        (Some(u), None) => push2(&mut a, "--user", u),
        (None, Some(_)) => return Err(ctx.err_key("Group", "Group set without User: add User=")),
        (None, None) => {}
    }
    user_mappings(ctx, &mut a, true)?;
    for (key, flag) in [
        ("UIDMap", "--uidmap"),
        ("GIDMap", "--gidmap"),
        ("SubUIDMap", "--subuidname"),
        ("SubGIDMap", "--subgidname"),
        ("GroupAdd", "--group-add"),
        ("AddHost", "--add-host"),
        ("DNS", "--dns"),
        ("DNSSearch", "--dns-search"),
        ("DNSOption", "--dns-option"),
        ("Secret", "--secret"),
        ("Ulimit", "--ulimit"),
        ("ExposeHostPort", "--expose"),
        ("PublishPort", "--publish"),
        ("Tmpfs", "--tmpfs"),
        ("NetworkAlias", "--network-alias"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }

    // Read-only root and /tmp.
    let read_only = ctx.bool("ReadOnly")?;
    match read_only {
        Some(true) => a.push("--read-only".into()),
        Some(false) => a.push("--read-only=false".into()),
        None => {}
    }
    if read_only == Some(true) {
        match ctx.bool("ReadOnlyTmpfs")? {
            Some(true) => a.push("--read-only-tmpfs".into()),
            Some(false) => a.push("--read-only-tmpfs=false".into()),
            None => {}
        }
    }
    if ctx.bool("VolatileTmp")? == Some(true) && read_only != Some(true) {
        push2(&mut a, "--tmpfs", "/tmp:rw,size=512M,mode=1777");
    }

    for c in ctx.words("AddCapability")? {
        push2(&mut a, "--cap-add", c.to_ascii_lowercase());
    }
    for c in ctx.words("DropCapability")? {
        push2(&mut a, "--cap-drop", c.to_ascii_lowercase());
    }
    for d in ctx.all("AddDevice") {
        match d.strip_prefix('-') {
            Some(opt) => {
                let host = opt.split(':').next().unwrap_or_default();
                if Path::new(host).exists() {
                    push2(&mut a, "--device", opt);
                }
            }
            None => push2(&mut a, "--device", d),
        }
    }
    for s in ctx.words("Sysctl")? {
        push2(&mut a, "--sysctl", s);
    }
    for e in ctx.words("Environment")? {
        push2(&mut a, "--env", e);
    }
    for f in ctx.all("EnvironmentFile") {
        let p = ctx.host_path(&f);
        push2(&mut a, "--env-file", p);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    for l in ctx.words("Annotation")? {
        push2(&mut a, "--annotation", l);
    }
    for l in ctx.words("LogOpt")? {
        push2(&mut a, "--log-opt", l);
    }
    networks(ctx, opts, &["network", "container"], &mut a, extra_unit)?;
    for v in ctx.all("Volume") {
        let mut parts: Vec<String> = v.split(':').map(str::to_string).collect();
        if parts.len() >= 2 {
            let src = parts[0].clone();
            if src.starts_with('.') || src.starts_with('/') {
                parts[0] = ctx.host_path(&src);
                if parts[0].starts_with('/') {
                    extra_unit.push(("RequiresMountsFor", parts[0].clone()));
                }
            } else if src.ends_with(".volume") {
                let (name, svc) = resolve_or_default(opts, &src);
                dependency(&svc, extra_unit);
                parts[0] = name;
            }
        }
        push2(&mut a, "-v", parts.join(":"));
    }
    for m in ctx.words("Mount")? {
        let m = mount_arg(ctx, opts, &m, extra_unit)?;
        push2(&mut a, "--mount", m);
    }
    a.extend(ctx.words("PodmanArgs")?);
    if let Some(img) = image {
        a.push(img);
    } else if let Some(r) = rootfs {
        push2(&mut a, "--rootfs", r);
    }
    a.extend(ctx.words_of_last("Exec")?);

    // Reload.
    let reload_cmd = ctx.words_of_last("ReloadCmd")?;
    let reload_sig = ctx.last("ReloadSignal");
    if !reload_cmd.is_empty() && reload_sig.is_some() {
        return Err(ctx.err_key(
            "ReloadSignal",
            "ReloadCmd and ReloadSignal are mutually exclusive but both are set",
        ));
    }
    let mut rm = global.clone();
    rm.extend(["rm", "-v", "-f", "-i"].map(String::from));
    rm.push(name.clone());

    let _ = stem;
    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("KillMode".into(), "mixed".into()));
    service.push(("ExecStop".into(), join_words(&rm)));
    service.push(("ExecStopPost".into(), format!("-{}", join_words(&rm))));
    service.push(("ExecStart".into(), join_words(&a)));
    if !reload_cmd.is_empty() {
        let mut r = global.clone();
        r.push("exec".into());
        r.push(name.clone());
        r.extend(reload_cmd);
        service.push(("ExecReload".into(), join_words(&r)));
    } else if let Some(sig) = reload_sig {
        let mut r = global.clone();
        r.extend(["kill", "--signal"].map(String::from));
        r.push(sig);
        r.push(name.clone());
        service.push(("ExecReload".into(), join_words(&r)));
    }
    service.push(("Delegate".into(), "yes".into()));
    service.push(("Type".into(), "notify".into()));
    service.push(("NotifyAccess".into(), "all".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

/// Splits a CSV mount spec, honouring double quotes.
fn csv_fields(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    for c in s.chars() {
        match c {
            '"' => q = !q,
            ',' if !q => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn mount_arg(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    spec: &str,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<String, QuadletError> {
    let fields = csv_fields(spec);
    let kind = fields
        .iter()
        .find_map(|f| f.strip_prefix("type="))
        .unwrap_or("volume")
        .to_string();
    if kind == "artifact" {
        return Err(ctx.err("artifact mounts are not supported yet"));
    }
    let mut out = Vec::new();
    for f in fields {
        let (k, v) = match f.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (f.clone(), None),
        };
        let field = match (k.as_str(), v) {
            ("source" | "src", Some(v)) => {
                let v = if kind == "bind" {
                    let p = ctx.host_path(&v);
                    extra_unit.push(("RequiresMountsFor", p.clone()));
                    p
                } else if kind == "volume" && v.ends_with(".volume") {
                    let (name, svc) = resolve_or_default(opts, &v);
                    dependency(&svc, extra_unit);
                    name
                } else {
                    v
                };
                format!("source={v}")
            }
            (_, Some(v)) => format!("{k}={v}"),
            (_, None) => k,
        };
        if field.contains(',') || field.contains('"') {
            out.push(format!("\"{}\"", field.replace('"', "\"\"")));
        } else {
            out.push(field);
        }
    }
    Ok(out.join(","))
}
