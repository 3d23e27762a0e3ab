//! `.kube` files: `kube play` with a service container, `kube down` after stop.

use std::path::Path;

use super::args::{global_prefix, networks, push2, user_mappings};
use super::ctx::{clean_path, Ctx};
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::join_words;

/// `[Kube]` keys rpod translates: all of podman-systemd.unit(5)'s.
const KUBE_KEYS: &[&str] = &[
    "AutoUpdate",
    "ExitCodePropagation",
    "LogDriver",
    "LogOpt",
    "ConfigMap",
    "ContainersConfModule",
    "GlobalArgs",
    "KubeDownForce",
    "Network",
    "PodmanArgs",
    "PublishPort",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "ServiceName",
    "SetWorkingDirectory",
    "UserNS",
    "Yaml",
];

/// A `.kube` file: `kube play --replace` on start, `kube down` after stop.
pub(super) fn kube(
    ctx: &mut Ctx<'_>,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(KUBE_KEYS)?;
    if let Some(k) = ctx
        .unit
        .last("Service", "KillMode")
        .filter(|k| !matches!(k.as_str(), "mixed" | "control-group"))
    {
        return Err(ctx.err(format!("invalid KillMode '{k}'")));
    }
    let yamls: Vec<String> = ctx
        .words("Yaml")?
        .iter()
        .map(|y| ctx.host_path(y))
        .collect();
    if yamls.is_empty() {
        return Err(ctx.err("no Yaml key specified"));
    }
    // As podman: a service container's monitor is the main process
    // (Type=notify); `Type=oneshot` plays without one (a YAML of volumes).
    let oneshot = match ctx.unit.last("Service", "Type").as_deref() {
        None | Some("notify") => false,
        Some("oneshot") => true,
        Some(t) => return Err(ctx.err(format!("invalid service Type '{t}'"))),
    };
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["kube", "play", "--replace"].map(String::from));
    if !oneshot {
        a.push("--service-container=true".into());
    }
    if let Some(p) = ctx.last("ExitCodePropagation").filter(|p| !p.is_empty()) {
        a.push(format!("--service-exit-code-propagation={p}"));
    }
    if let Some(d) = ctx.last("LogDriver") {
        push2(&mut a, "--log-driver", d);
    }
    for l in ctx.words("LogOpt")? {
        push2(&mut a, "--log-opt", l);
    }
    user_mappings(ctx, &mut a, false)?;
    networks(ctx, opts, &["network"], &mut a, extra_unit)?;
    // AutoUpdate=TYPE or AutoUpdate=CONTAINER/TYPE: the auto-update annotation.
    for u in ctx.words("AutoUpdate")? {
        match u.split_once('/') {
            Some((c, t)) => a.push(format!("--annotation=io.containers.autoupdate/{c}={t}")),
            None => a.push(format!("--annotation=io.containers.autoupdate={u}")),
        }
    }
    for c in ctx.words("ConfigMap")? {
        let p = ctx.host_path(&c);
        push2(&mut a, "--configmap", p);
    }
    for p in ctx.all("PublishPort") {
        push2(&mut a, "--publish", p);
    }
    a.extend(ctx.words("PodmanArgs")?);
    a.extend(yamls.iter().cloned());

    let mut down = global;
    down.extend(["kube", "down"].map(String::from));
    // `KubeDownForce=no` is the default of `kube down` (which takes no `--force=false`).
    if ctx.bool("KubeDownForce")? == Some(true) {
        down.push("--force".into());
    }
    down.extend(yamls.iter().cloned());

    match ctx.last("SetWorkingDirectory").as_deref() {
        None | Some("") => {}
        Some("yaml") => {
            if yamls.len() != 1 {
                return Err(ctx.err(
                    "SetWorkingDirectory=yaml is only supported when a single Yaml key is provided",
                ));
            }
            let dir = Path::new(&yamls[0])
                .parent()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default();
            service.push(("WorkingDirectory".into(), dir));
        }
        Some("unit") => service.push(("WorkingDirectory".into(), clean_path(&ctx.dir))),
        Some(v) if v.eq_ignore_ascii_case("file") => {
            return Err(ctx.err(format!(
                "SetWorkingDirectory={v} is only supported in .build files"
            )))
        }
        Some(v) => return Err(ctx.err(format!("unsupported value for WorkingDirectory: {v} "))),
    }
    service.push(("KillMode".into(), "mixed".into()));
    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("ExecStart".into(), join_words(&a)));
    service.push(("ExecStopPost".into(), join_words(&down)));
    if oneshot {
        service.push(("Type".into(), "oneshot".into()));
        service.push(("RemainAfterExit".into(), "yes".into()));
    } else {
        service.push(("Type".into(), "notify".into()));
        service.push(("NotifyAccess".into(), "all".into()));
    }
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}
