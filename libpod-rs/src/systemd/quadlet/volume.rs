//! `.volume` files: `rpod volume create` as a oneshot service.

use super::args::{global_prefix, image_source, oneshot_exec, push2};
use super::ctx::Ctx;
use super::names::default_resource_name;
use super::{QuadletError, QuadletOptions};

const VOLUME_KEYS: &[&str] = &[
    "ContainersConfModule",
    "Copy",
    "Device",
    "Driver",
    "GID",
    "GlobalArgs",
    "Group",
    "Image",
    "Label",
    "Options",
    "PodmanArgs",
    "ServiceName",
    "Type",
    "UID",
    "User",
    "VolumeName",
];

pub(super) fn volume(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(VOLUME_KEYS)?;
    let name = ctx
        .last("VolumeName")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default_resource_name(stem));
    let mut a = global_prefix(ctx, &opts.rpod_path)?;
    a.extend(["volume", "create", "--ignore"].map(String::from));
    let driver = ctx.last("Driver");
    if let Some(d) = &driver {
        push2(&mut a, "--driver", d.clone());
    }
    if driver.as_deref() == Some("image") {
        let Some(img) = ctx.last("Image") else {
            return Err(ctx.err_key(
                "Driver",
                "the key Image is mandatory when using the image driver",
            ));
        };
        let img = image_source(ctx, opts, &img, extra_unit)?;
        push2(&mut a, "--opt", format!("image={img}"));
    }
    if let Some(u) = ctx.last("UID") {
        push2(&mut a, "--uid", u);
    }
    if let Some(g) = ctx.last("GID") {
        push2(&mut a, "--gid", g);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    if let Some(t) = ctx.last("Type") {
        push2(&mut a, "--opt", format!("type={t}"));
    }
    if let Some(d) = ctx.last("Device") {
        if d.starts_with('/') {
            extra_unit.push(("RequiresMountsFor", d.clone()));
        }
        push2(&mut a, "--opt", format!("device={d}"));
    }
    if ctx.bool("Copy")? == Some(false) {
        push2(&mut a, "--opt", "nocopy");
    }
    let mut o = Vec::new();
    if let Some(u) = ctx.last("User") {
        o.push(format!("uid={}", uid_of(ctx, &u, "User")?));
    }
    if let Some(g) = ctx.last("Group") {
        o.push(format!("gid={}", uid_of(ctx, &g, "Group")?));
    }
    if let Some(opt) = ctx.last("Options") {
        o.push(opt);
    }
    if !o.is_empty() {
        push2(&mut a, "--opt", format!("o={}", o.join(",")));
    }
    oneshot_exec(ctx, a, name, service)
}

fn uid_of(ctx: &Ctx<'_>, v: &str, what: &str) -> Result<String, QuadletError> {
    if v.chars().all(|c| c.is_ascii_digit()) {
        return Ok(v.into());
    }
    if v == "root" {
        return Ok("0".into());
    }
    Err(ctx.err(format!(
        "{what} {v:?}: only numeric ids and root are supported; use the numeric id"
    )))
}
