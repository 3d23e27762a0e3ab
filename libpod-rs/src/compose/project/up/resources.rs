//! What services need before their containers: networks and volumes
//! created, images built or pulled (by child `rpod` processes).

use std::collections::{BTreeMap, BTreeSet};
use std::os::fd::AsFd;
use std::process::{Command, Stdio};

use super::BuildPolicy;
use crate::compose::model::Service;
use crate::compose::project::error::ProjectError;
use crate::compose::project::spec::{self};
use crate::compose::project::{Context, Kind, Step};
use crate::error::Result;
use crate::network::config::CreateRequest;

pub(in crate::compose::project) fn ensure_networks(
    ctx: &Context<'_>,
    selected: &[String],
) -> Result<()> {
    let p = ctx.project;
    let used: BTreeSet<&String> = selected
        .iter()
        .filter(|s| p.services[*s].network_mode.is_none())
        .flat_map(|s| p.services[s].networks.keys())
        .collect();
    for key in used {
        let Some(n) = p.networks.get(key) else {
            continue;
        };
        if ctx.engine.network_exists(&n.name)? {
            continue;
        }
        if n.external {
            return Err(ProjectError::ExternalNetworkMissing(n.name.clone()).into());
        }
        let mut req = CreateRequest {
            name: Some(n.name.clone()),
            driver: n.driver.clone().unwrap_or_default(),
            internal: n.internal,
            ipv6: n.enable_ipv6.unwrap_or(false),
            labels: n.labels.clone(),
            options: n.driver_opts.clone(),
            ..CreateRequest::default()
        };
        req.labels
            .extend(spec::resource_labels(&p.name, "network", key));
        for pool in &n.ipam.config {
            if let Some(s) = &pool.subnet {
                req.subnets.push(s.clone());
            }
            if let Some(g) = &pool.gateway {
                req.gateways.push(g.clone());
            }
            if let Some(r) = &pool.ip_range {
                req.ranges.push(r.clone());
            }
        }
        ctx.engine.create_network(&req, true)?;
        ctx.progress.step(Kind::Network, &n.name, Step::Created);
    }
    Ok(())
}

pub(in crate::compose::project) fn ensure_volumes(
    ctx: &Context<'_>,
    selected: &[String],
) -> Result<()> {
    let p = ctx.project;
    let used: BTreeSet<&str> = selected
        .iter()
        .flat_map(|s| p.services[s].volumes.iter())
        .filter(|v| v.kind == "volume")
        .filter_map(|v| v.source.as_deref())
        .collect();
    for key in used {
        let Some(v) = p.volumes.get(key) else {
            continue;
        };
        match ctx.engine.volume(&v.name) {
            Ok(_) => continue,
            Err(e) if !e.is_volume_not_found() => return Err(e),
            Err(_) => {}
        }
        if v.external {
            return Err(ProjectError::ExternalVolumeMissing(v.name.clone()).into());
        }
        let mut labels = v.labels.clone();
        labels.extend(spec::resource_labels(&p.name, "volume", key));
        ctx.engine
            .create_volume(Some(&v.name), labels, v.driver_opts.clone(), true)?;
        ctx.progress.step(Kind::Volume, &v.name, Step::Created);
    }
    Ok(())
}

/// A child `rpod` with this engine's store (for build and pull, which
/// enter the user namespace or use threads: a child keeps us free of both).
pub(in crate::compose::project) fn rpod_child(ctx: &Context<'_>) -> Command {
    let e = ctx.engine;
    let mut cmd = Command::new("/proc/self/exe");
    cmd.arg("--root")
        .arg(e.store().root())
        .arg("--runroot")
        .arg(e.store().runroot())
        .args(e.events_flag());
    cmd
}

/// Our stderr, for a child's output (keeps our stdout for results).
pub(in crate::compose::project) fn stderr_stdio() -> Stdio {
    std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map_or_else(|_| Stdio::null(), Stdio::from)
}

/// Builds the service's image with `rpod build` (same store).
pub(in crate::compose::project) fn build_service(
    ctx: &Context<'_>,
    name: &str,
    s: &Service,
) -> Result<()> {
    let Some(b) = &s.build else {
        return Ok(());
    };
    let image = spec::image_name(&ctx.project.name, name, s);
    let mut cmd = rpod_child(ctx);
    cmd.arg("build").arg("-t").arg(&image);
    for t in &b.tags {
        cmd.arg("-t").arg(t);
    }
    if b.dockerfile_inline.is_some() {
        // `-f -`: the Dockerfile comes on stdin.
        cmd.arg("-f").arg("-");
    } else if let Some(f) = &b.dockerfile {
        let path = std::path::Path::new(&b.context).join(f);
        cmd.arg("-f").arg(path);
    }
    for (k, v) in &b.args {
        match v {
            Some(v) => cmd.arg("--build-arg").arg(format!("{k}={v}")),
            None => cmd.arg("--build-arg").arg(k),
        };
    }
    if let Some(t) = &b.target {
        cmd.arg("--target").arg(t);
    }
    cmd.arg(&b.context);
    let status = if let Some(text) = &b.dockerfile_inline {
        use std::io::Write;
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(stderr_stdio())
            .spawn()
            .map_err(|source| ProjectError::Child {
                verb: "build",
                source,
            })?;
        if let Some(mut i) = child.stdin.take() {
            let _ = i.write_all(text.as_bytes());
        }
        child.wait()
    } else {
        cmd.stdout(stderr_stdio()).status()
    }
    .map_err(|source| ProjectError::Child {
        verb: "build",
        source,
    })?;
    if !status.success() {
        return Err(ProjectError::BuildFailed {
            service: name.to_string(),
            code: status.code().unwrap_or(1),
        }
        .into());
    }
    ctx.progress.step(Kind::Image, &image, Step::Built);
    Ok(())
}

/// Pulls images in parallel (one child `rpod pull` each); `quiet` hides
/// their progress. Returns the names that failed.
pub(in crate::compose::project) fn pull_images(
    ctx: &Context<'_>,
    images: &[String],
    quiet: bool,
) -> Result<Vec<String>> {
    let mut children = Vec::new();
    for img in images {
        let mut cmd = rpod_child(ctx);
        cmd.args(["pull", "--quiet", img]).stdout(Stdio::null());
        if quiet {
            cmd.stderr(Stdio::null());
        }
        let child = cmd.spawn().map_err(|source| ProjectError::Child {
            verb: "pull",
            source,
        })?;
        children.push((img.clone(), child));
    }
    let mut failed = Vec::new();
    for (img, mut child) in children {
        let ok = child.wait().is_ok_and(|s| s.success());
        if ok {
            ctx.progress.step(Kind::Image, &img, Step::Pulled);
        } else {
            failed.push(img);
        }
    }
    Ok(failed)
}

/// Every selected service's image, built or pulled as needed; returns
/// the image ID per service.
pub(in crate::compose::project) fn ensure_images(
    ctx: &Context<'_>,
    selected: &[String],
    policy: BuildPolicy,
) -> Result<BTreeMap<String, String>> {
    let p = ctx.project;
    let e = ctx.engine;
    let mut to_pull = Vec::new();
    for name in selected {
        let s = &p.services[name];
        let image = spec::image_name(&p.name, name, s);
        let present = e.image_exists(&image)?;
        match (&s.build, policy) {
            (Some(_), BuildPolicy::Always) => build_service(ctx, name, s)?,
            (Some(_), BuildPolicy::Missing) if !present => build_service(ctx, name, s)?,
            (Some(_), BuildPolicy::Never) if !present => {
                return Err(ProjectError::NotBuilt {
                    service: name.clone(),
                    image,
                }
                .into())
            }
            (None, _) if !present || s.pull_policy.as_deref() == Some("always") => {
                if s.pull_policy.as_deref() == Some("never") {
                    return Err(ProjectError::PullPolicyNever {
                        service: name.clone(),
                        image,
                    }
                    .into());
                }
                if !to_pull.contains(&image) {
                    to_pull.push(image);
                }
            }
            _ => {}
        }
    }
    let failed = pull_images(ctx, &to_pull, false)?;
    if let Some(img) = failed.first() {
        return Err(ProjectError::PullFailed(img.clone()).into());
    }
    let mut ids = BTreeMap::new();
    for name in selected {
        let s = &p.services[name];
        let image = spec::image_name(&p.name, name, s);
        ids.insert(name.clone(), e.find_image(&image)?.id);
    }
    Ok(ids)
}
