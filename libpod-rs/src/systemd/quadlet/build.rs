//! `.build` files: `rpod build` of an image tagged `ImageTag=`, a oneshot
//! service other units depend on when their `Image=` names the file.

use std::path::Path;

use super::args::{global_prefix, networks, push2, storage_source};
use super::ctx::{clean_path, Ctx};
use super::{QuadletError, QuadletOptions};
use crate::systemd::unit::join_words;

const BUILD_KEYS: &[&str] = &[
    "Annotation",
    "Arch",
    "AuthFile",
    "BuildArg",
    "ContainersConfModule",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "Environment",
    "File",
    "ForceRM",
    "GlobalArgs",
    "GroupAdd",
    "IgnoreFile",
    "ImageTag",
    "Label",
    "Network",
    "PodmanArgs",
    "Pull",
    "Retry",
    "RetryDelay",
    "Secret",
    "ServiceName",
    "SetWorkingDirectory",
    "Target",
    "TLSVerify",
    "Variant",
    "Volume",
];

/// Whether a `File=` or context value is a URL, as podman's pattern has it
/// (starts with `http` or `git://`, or holds `github.com/`).
fn is_url(v: &str) -> bool {
    v.starts_with("http") || v.starts_with("git://") || v.contains("github.com/")
}

pub(super) fn build(
    ctx: &mut Ctx<'_>,
    file_name: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(BUILD_KEYS)?;
    let tags = ctx.all("ImageTag");
    if tags.is_empty() {
        return Err(ctx.err("no ImageTag key specified"));
    }
    let mut a = global_prefix(ctx, &opts.rpod_path)?;
    a.push("build".into());
    if let Some(p) = ctx.last("Pull").filter(|p| !p.is_empty()) {
        a.push(format!("--pull={p}"));
    }
    for (key, flag) in [
        ("Arch", "--arch"),
        ("AuthFile", "--authfile"),
        ("IgnoreFile", "--ignorefile"),
        ("Target", "--target"),
        ("Variant", "--variant"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    for (key, flag) in [("TLSVerify", "--tls-verify"), ("ForceRM", "--force-rm")] {
        match ctx.bool(key)? {
            Some(true) => a.push(flag.into()),
            Some(false) => a.push(format!("{flag}=false")),
            None => {}
        }
    }
    for (key, flag) in [
        ("DNS", "--dns"),
        ("DNSOption", "--dns-option"),
        ("DNSSearch", "--dns-search"),
        ("GroupAdd", "--group-add"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }
    for t in &tags {
        push2(&mut a, "--tag", t.clone());
    }
    for (key, flag) in [
        ("BuildArg", "--build-arg"),
        ("Environment", "--env"),
        ("Label", "--label"),
        ("Annotation", "--annotation"),
    ] {
        for v in ctx.words(key)? {
            push2(&mut a, flag, v);
        }
    }
    networks(ctx, opts, &["network"], &mut a, extra_unit)?;
    for s in ctx.words("Secret")? {
        push2(&mut a, "--secret", s);
    }
    for v in ctx.all("Volume") {
        let mut parts: Vec<String> = v.splitn(3, ':').map(str::to_string).collect();
        if parts.len() >= 2 && !parts[0].is_empty() {
            parts[0] = storage_source(ctx, opts, &parts[0], false, extra_unit)?;
        }
        push2(&mut a, "-v", parts.join(":"));
    }

    // The build context: SetWorkingDirectory= (file, unit, a path or URL),
    // else the service's WorkingDirectory=.
    let user_wd = ctx
        .unit
        .last("Service", "WorkingDirectory")
        .filter(|w| !w.is_empty());
    let file = ctx.last("File").filter(|f| !f.is_empty());
    let mut context = String::new();
    let mut relative_to: Option<String> = None;
    match ctx.last("SetWorkingDirectory").filter(|v| !v.is_empty()) {
        None => {}
        Some(v) => match v.to_ascii_lowercase().as_str() {
            "yaml" => {
                return Err(ctx.err(format!(
                    "SetWorkingDirectory={v} is only supported in .kube files"
                )))
            }
            "file" => match &file {
                Some(f) => relative_to = Some(f.clone()),
                None => return Err(ctx.err("no File key specified")),
            },
            "unit" => relative_to = Some(file_name.to_string()),
            _ => {
                if !v.starts_with('/') {
                    relative_to = Some(file_name.to_string());
                }
                context = v;
            }
        },
    }
    let mut wd = user_wd.clone();
    if let Some(rel) = relative_to.filter(|_| !is_url(&context)) {
        if user_wd.is_some() {
            // podman keeps the user's WorkingDirectory= and drops the context.
            context.clear();
        } else {
            let abs = ctx.host_path(&rel);
            let dir = Path::new(&abs).parent().map(clean_path).unwrap_or_default();
            service.push(("WorkingDirectory".into(), dir.clone()));
            wd = Some(dir);
        }
    }
    if wd.is_none() && file.is_none() && context.is_empty() {
        return Err(ctx.err("neither SetWorkingDirectory, nor File key specified"));
    }
    if let Some(f) = &file {
        push2(&mut a, "--file", f.clone());
    }
    a.extend(ctx.words("PodmanArgs")?);
    if !context.is_empty() {
        a.push(context);
    } else if let Some(f) = &file {
        let specifier = f.starts_with('%') && !f.starts_with("%%");
        if !specifier && !f.starts_with('/') && !is_url(f) {
            match &wd {
                Some(w) => a.push(w.clone()),
                None => {
                    return Err(ctx.err(
                        "relative path in File key requires SetWorkingDirectory key to be set",
                    ))
                }
            }
        }
    }
    service.push(("ExecStart".into(), join_words(&a)));
    service.push(("Type".into(), "oneshot".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}
