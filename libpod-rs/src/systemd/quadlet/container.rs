//! `.container` files: `rpod run` with the keys translated to flags.

use std::path::Path;

use super::args::{
    global_prefix, image_source, is_port_range, networks, push2, storage_source, user_mappings,
};
use super::ctx::{parse_bool, Ctx};
use super::names::{default_container_name, resolve_ref};
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::join_words;

const CONTAINER_KEYS: &[&str] = &[
    "HealthMaxLogSize",
    "HealthMaxLogCount",
    "HealthLogDestination",
    "CgroupsMode",
    "AutoUpdate",
    "AppArmor",
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
    let image = ctx.last("Image").filter(|i| !i.is_empty());
    let rootfs = ctx.last("Rootfs").filter(|r| !r.is_empty());
    if image.is_none() && rootfs.is_none() {
        return Err(ctx.err("no Image or Rootfs key specified"));
    }
    if image.is_some() && rootfs.is_some() {
        return Err(ctx.err("the Image And Rootfs keys conflict can not be specified together"));
    }
    let image = match image {
        Some(img) => Some(image_source(ctx, opts, &img, extra_unit)?),
        None => None,
    };
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
    if let Some(t) = user_type
        .as_deref()
        .filter(|t| !matches!(*t, "notify" | "oneshot"))
    {
        return Err(ctx.err(format!("invalid service Type '{t}'")));
    }
    if let Some(k) = ctx
        .unit
        .last("Service", "KillMode")
        .filter(|k| !matches!(k.as_str(), "mixed" | "control-group"))
    {
        return Err(ctx.err(format!("invalid KillMode '{k}'")));
    }
    let oneshot = user_type.as_deref() == Some("oneshot");

    let mut a: Vec<String> = global.clone();
    a.push("run".into());
    push2(&mut a, "--name", name.clone());
    a.push("--replace".into());
    a.push("--rm".into());
    if let Some(d) = ctx.last("LogDriver") {
        push2(&mut a, "--log-driver", d);
    }
    for l in ctx.words("LogOpt")? {
        push2(&mut a, "--log-opt", l);
    }
    match ctx.last("CgroupsMode").filter(|m| !m.is_empty()) {
        Some(m) => push2(&mut a, "--cgroups", m),
        None => a.push("--cgroups=split".into()),
    }
    if let Some(v) = ctx.last("Entrypoint") {
        a.push(format!("--entrypoint={v}"));
    }
    // Single-valued flags, left out when empty.
    for (key, flag) in [
        ("Timezone", "--tz"),
        ("PidsLimit", "--pids-limit"),
        ("ShmSize", "--shm-size"),
        ("WorkingDir", "--workdir"),
        ("IP", "--ip"),
        ("IP6", "--ip6"),
        ("HostName", "--hostname"),
        ("StopSignal", "--stop-signal"),
        ("StopTimeout", "--stop-timeout"),
        ("Pull", "--pull"),
        ("Memory", "--memory"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    for (key, flag) in [
        ("NetworkAlias", "--network-alias"),
        ("Ulimit", "--ulimit"),
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
        ("GroupAdd", "--group-add"),
        ("AddHost", "--add-host"),
        ("Tmpfs", "--tmpfs"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }
    // Booleans: `--flag` when true, `--flag=false` when false.
    for (key, flag) in [
        ("RunInit", "--init"),
        ("EnvironmentHost", "--env-host"),
        ("HttpProxy", "--http-proxy"),
        ("ReadOnlyTmpfs", "--read-only-tmpfs"),
    ] {
        match ctx.bool(key)? {
            Some(true) => a.push(flag.into()),
            Some(false) => a.push(format!("{flag}=false")),
            None => {}
        }
    }
    networks(ctx, opts, &["network", "container"], &mut a, extra_unit)?;
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
        a.push("-d".into());
    }
    if ctx.bool("NoNewPrivileges")? == Some(true) {
        a.push("--security-opt=no-new-privileges".into());
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
        ("AppArmor", "apparmor="),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, "--security-opt", format!("{pre}{v}"));
        }
    }
    for d in ctx.words("AddDevice")? {
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
    if let Some(v) = ctx.last("SeccompProfile") {
        push2(&mut a, "--security-opt", format!("seccomp={v}"));
    }
    for c in ctx.words("DropCapability")? {
        push2(&mut a, "--cap-drop", c.to_ascii_lowercase());
    }
    for c in ctx.words("AddCapability")? {
        push2(&mut a, "--cap-add", c.to_ascii_lowercase());
    }
    for s in ctx.words("Sysctl")? {
        push2(&mut a, "--sysctl", s);
    }
    let read_only = ctx.bool("ReadOnly")?;
    match read_only {
        Some(true) => a.push("--read-only".into()),
        Some(false) => a.push("--read-only=false".into()),
        None => {}
    }
    if ctx.bool("VolatileTmp")? == Some(true) && read_only != Some(true) {
        push2(&mut a, "--tmpfs", "/tmp:rw,size=512M,mode=1777");
    }

    // User, group and ID mappings.
    let user = ctx.last("User").filter(|u| !u.is_empty());
    let group = ctx.last("Group").filter(|g| !g.is_empty());
    match (user, group) {
        (Some(u), Some(g)) => push2(&mut a, "--user", format!("{u}:{g}")),
        (Some(u), None) => push2(&mut a, "--user", u),
        (None, Some(_)) => return Err(ctx.err("invalid Group set without User")),
        (None, None) => {}
    }
    user_mappings(ctx, &mut a, true)?;
    for v in ctx.all("Volume") {
        let mut parts: Vec<String> = v.splitn(3, ':').map(str::to_string).collect();
        if parts.len() >= 2 && !parts[0].is_empty() {
            parts[0] = storage_source(ctx, opts, &parts[0], false, extra_unit)?;
        }
        push2(&mut a, "-v", parts.join(":"));
    }
    if let Some(u) = ctx.last("AutoUpdate").filter(|u| !u.is_empty()) {
        push2(&mut a, "--label", format!("io.containers.autoupdate={u}"));
    }
    for p in ctx.all("ExposeHostPort") {
        let p = p.trim().to_string();
        if !is_port_range(&p) {
            return Err(ctx.err(format!("invalid port format '{p}'")));
        }
        push2(&mut a, "--expose", p);
    }
    for p in ctx.all("PublishPort") {
        push2(&mut a, "--publish", p);
    }
    for e in ctx.words("Environment")? {
        push2(&mut a, "--env", e);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    for l in ctx.words("Annotation")? {
        push2(&mut a, "--annotation", l);
    }
    for m in ctx.words("Mask")? {
        push2(&mut a, "--security-opt", format!("mask={m}"));
    }
    for m in ctx.words("Unmask")? {
        push2(&mut a, "--security-opt", format!("unmask={m}"));
    }
    for f in ctx.words("EnvironmentFile")? {
        let p = ctx.host_path(&f);
        push2(&mut a, "--env-file", p);
    }
    for s in ctx.words("Secret")? {
        push2(&mut a, "--secret", s);
    }
    for m in ctx.words("Mount")? {
        let m = mount_arg(ctx, opts, &m, extra_unit)?;
        push2(&mut a, "--mount", m);
    }
    for (key, flag) in [
        ("HealthCmd", "--health-cmd"),
        ("HealthInterval", "--health-interval"),
        ("HealthOnFailure", "--health-on-failure"),
        ("HealthLogDestination", "--health-log-destination"),
        ("HealthMaxLogCount", "--health-max-log-count"),
        ("HealthMaxLogSize", "--health-max-log-size"),
        ("HealthRetries", "--health-retries"),
        ("HealthStartPeriod", "--health-start-period"),
        ("HealthTimeout", "--health-timeout"),
        ("HealthStartupCmd", "--health-startup-cmd"),
        ("HealthStartupInterval", "--health-startup-interval"),
        ("HealthStartupRetries", "--health-startup-retries"),
        ("HealthStartupSuccess", "--health-startup-success"),
        ("HealthStartupTimeout", "--health-startup-timeout"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    if let Some(p) = pod {
        push2(&mut a, "--pod", p);
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
    let reload_sig = ctx.last("ReloadSignal").filter(|s| !s.is_empty());
    if !reload_cmd.is_empty() && reload_sig.is_some() {
        return Err(ctx.err_key(
            "ReloadSignal",
            "ReloadCmd and ReloadSignal are mutually exclusive but both are set",
        ));
    }
    let mut rm = global.clone();
    rm.extend(["rm", "-v", "-f", "-i"].map(String::from));
    rm.push(name.clone());

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

/// A `Mount=` value with its source resolved (see [`storage_source`]) for
/// the kinds that have one, `src=` written `source=`, `type=` first.
fn mount_arg(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    spec: &str,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<String, QuadletError> {
    let mut kind = "volume".to_string();
    let mut tokens = Vec::new();
    for f in csv_fields(spec) {
        match f.strip_prefix("type=") {
            Some(t) => kind = t.to_string(),
            None => tokens.push(f),
        }
    }
    if !matches!(
        kind.as_str(),
        "volume" | "bind" | "glob" | "image" | "artifact"
    ) {
        return Ok(spec.to_string());
    }
    for t in tokens.iter_mut() {
        let (k, v) = t.split_once('=').unwrap_or((t.as_str(), ""));
        if k == "source" || k == "src" {
            if !t.contains('=') {
                return Err(ctx.err("source parameter does not include a value"));
            }
            let v = storage_source(ctx, opts, v, true, extra_unit)?;
            *t = format!("source={v}");
        }
    }
    tokens.insert(0, format!("type={kind}"));
    Ok(tokens
        .into_iter()
        .map(|f| {
            if f.contains(',') || f.contains('"') || f.contains('\n') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join(","))
}
