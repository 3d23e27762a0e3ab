//! `compose down` and the verbs that act on a project's existing
//! containers: start, stop, restart, kill, rm, build, pull.

use super::error::ProjectError;
use super::up::{build_service, pull_images, remove_containers, rpod_child, start_in_order};
use super::{is_oneoff, is_running, service_of, spec, Context, Kind, Step};
use crate::error::Result;

/// `down --rmi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveImages {
    /// Images built for services without an `image:` name.
    Local,
    /// Every service's image.
    All,
}

/// What `compose down` was asked for.
#[derive(Debug, Clone, Default)]
pub struct DownOptions {
    /// `--remove-orphans`.
    pub remove_orphans: bool,
    /// `-v`: named volumes of the project and anonymous volumes too.
    pub volumes: bool,
    /// `--rmi`.
    pub rmi: Option<RemoveImages>,
    /// `-t`: seconds to wait before killing.
    pub timeout: Option<u32>,
}

/// Stops and removes the project's containers, then its networks (and
/// volumes, images as asked).
pub fn down(ctx: &Context<'_>, opts: &DownOptions) -> Result<()> {
    let _lock = ctx.lock()?;
    let p = ctx.project;
    let all = ctx.containers()?;
    let (victims, orphans): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| {
        opts.remove_orphans || is_oneoff(c) || service_of(c).is_some_and(|s| ctx.knows(s))
    });
    remove_containers(ctx, &victims, opts.timeout, opts.volumes, false)?;
    if !orphans.is_empty() {
        let names: Vec<&str> = orphans.iter().map(|c| c.config.name.as_str()).collect();
        ctx.progress.warn(&format!(
            "Found orphan containers ({}) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.",
            names.join(", ")
        ));
    }
    for n in p.networks.values().filter(|n| !n.external) {
        if !ctx.engine.network_exists(&n.name)? {
            continue;
        }
        if orphans.is_empty() {
            ctx.engine.remove_network(&n.name, false, opts.timeout)?;
            ctx.progress.step(Kind::Network, &n.name, Step::Removed);
        }
    }
    // The secrets and configs compose wrote for the project's containers.
    let files = super::spec::project_files_dir(ctx);
    if files.exists() {
        fs_err::remove_dir_all(&files).map_err(ProjectError::RemoveFiles)?;
    }
    if opts.volumes {
        for v in p.volumes.values().filter(|v| !v.external) {
            match ctx.engine.remove_volume(&v.name, false, None) {
                Ok(()) => ctx.progress.step(Kind::Volume, &v.name, Step::Removed),
                Err(e) if e.is_volume_not_found() => {}
                Err(e) => return Err(e),
            }
        }
    }
    if let Some(rmi) = opts.rmi {
        let mut images: Vec<String> = p
            .services
            .iter()
            .filter(|(_, s)| rmi == RemoveImages::All || s.image.is_none())
            .map(|(name, s)| spec::image_name(&p.name, name, s))
            .collect();
        images.sort();
        images.dedup();
        for img in images {
            if !ctx.engine.image_exists(&img)? {
                continue;
            }
            let reports = match ctx.engine.remove_images(std::slice::from_ref(&img), false) {
                Ok(r) => r,
                Err(e) => {
                    ctx.progress.warn(&format!("removing image {img}: {e}"));
                    continue;
                }
            };
            for r in reports {
                match r.result {
                    Ok(_) => ctx.progress.step(Kind::Image, &img, Step::Removed),
                    Err(e) => ctx.progress.warn(&format!("removing image {img}: {e}")),
                }
            }
        }
    }
    Ok(())
}

/// `compose stop`: the services' running containers, all at once.
pub fn stop(ctx: &Context<'_>, services: &[String], timeout: Option<u32>) -> Result<()> {
    let _lock = ctx.lock()?;
    let list = ctx.service_containers(services)?;
    let ids: Vec<String> = list
        .iter()
        .filter(|c| is_running(c))
        .map(|c| c.config.id.clone())
        .collect();
    for r in ctx.engine.stop_containers(&ids, timeout) {
        let c = r?;
        ctx.progress
            .step(Kind::Container, &c.config.name, Step::Stopped);
    }
    Ok(())
}

/// `compose start`: the services' stopped containers, in dependency order.
pub fn start(ctx: &Context<'_>, services: &[String]) -> Result<()> {
    let _lock = ctx.lock()?;
    let selected = ctx.select(services, false)?;
    let mut to_start = std::collections::BTreeMap::new();
    let list = ctx.service_containers(services)?;
    if list.is_empty() {
        return Err(ProjectError::NothingToStart.into());
    }
    for c in list.iter().filter(|c| !is_running(c)) {
        if let Some(s) = service_of(c) {
            to_start
                .entry(s.to_string())
                .or_insert_with(Vec::new)
                .push(c.config.name.clone());
        }
    }
    start_in_order(ctx, &selected, &to_start)
}

/// `compose restart`.
/// Services that depend on a restarted one with `restart: true` are
/// restarted after it, as Compose does.
pub fn restart(ctx: &Context<'_>, services: &[String], timeout: Option<u32>) -> Result<()> {
    let _lock = ctx.lock()?;
    let services = with_restart_dependents(ctx, services);
    for c in ctx.service_containers(&services)? {
        ctx.engine.restart_container(&c.config.id, timeout)?;
        ctx.progress
            .step(Kind::Container, &c.config.name, Step::Restarted);
    }
    Ok(())
}

/// `compose kill -s SIGNAL`: the running containers.
pub fn kill(ctx: &Context<'_>, services: &[String], signal: i32) -> Result<()> {
    let _lock = ctx.lock()?;
    for c in ctx.service_containers(services)? {
        if !is_running(&c) {
            continue;
        }
        ctx.engine.kill_container(&c.config.id, signal)?;
        ctx.progress
            .step(Kind::Container, &c.config.name, Step::Killed);
    }
    Ok(())
}

/// `compose rm`: stopped containers (with `stop`, running ones are
/// stopped first). Returns how many were removed.
pub fn rm(ctx: &Context<'_>, services: &[String], stop: bool, volumes: bool) -> Result<usize> {
    let _lock = ctx.lock()?;
    let list: Vec<_> = ctx
        .service_containers(services)?
        .into_iter()
        .filter(|c| stop || !is_running(c))
        .collect();
    remove_containers(ctx, &list, None, volumes, false)?;
    Ok(list.len())
}

/// `compose build`: the services that have a `build:` section.
pub fn build(ctx: &Context<'_>, services: &[String]) -> Result<()> {
    for name in ctx.select(services, false)? {
        let s = &ctx.project.services[&name];
        build_service(ctx, &name, s)?;
    }
    Ok(())
}

/// `compose pull`: the images of services that have no `build:` (or that
/// name an image too), in parallel. Failures are errors unless
/// `ignore_failures`.
pub fn pull(ctx: &Context<'_>, services: &[String], ignore_failures: bool) -> Result<()> {
    let p = ctx.project;
    let mut images = Vec::new();
    for name in ctx.select(services, false)? {
        let s = &p.services[&name];
        if s.build.is_some()
            && (s.image.is_none()
                || ctx
                    .engine
                    .image_exists(&spec::image_name(&p.name, &name, s))?)
        {
            continue;
        }
        let img = spec::image_name(&p.name, &name, s);
        if !images.contains(&img) {
            images.push(img);
        }
    }
    let failed = pull_images(ctx, &images, false)?;
    match failed.first() {
        Some(img) if !ignore_failures => Err(ProjectError::PullFailed(img.clone()).into()),
        _ => Ok(()),
    }
}

/// `compose push`: the images of services that name one (`image:`), with
/// `rpod push`, one after the other. Failures are errors unless
/// `ignore_failures`.
pub fn push(ctx: &Context<'_>, services: &[String], ignore_failures: bool) -> Result<()> {
    let p = ctx.project;
    for name in ctx.select(services, false)? {
        let s = &p.services[&name];
        let Some(img) = &s.image else {
            continue;
        };
        let status = rpod_child(ctx)
            .args(["push", img.as_str()])
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|source| ProjectError::Child {
                verb: "push",
                source,
            })?;
        if status.success() {
            ctx.progress.step(Kind::Image, img, Step::Pushed);
        } else if !ignore_failures {
            return Err(ProjectError::PushFailed {
                service: name.clone(),
                image: img.clone(),
            }
            .into());
        }
    }
    Ok(())
}

/// `services` plus, transitively, the services that depend on one of them
/// with `restart: true` (all services stay all services).
pub(super) fn with_restart_dependents(ctx: &Context<'_>, services: &[String]) -> Vec<String> {
    if services.is_empty() {
        return Vec::new();
    }
    let p = ctx.project;
    let mut want: Vec<String> = services.to_vec();
    let mut i = 0;
    while i < want.len() {
        let dep = want[i].clone();
        for (name, s) in &p.services {
            if !want.contains(name) && s.depends_on.get(&dep).is_some_and(|d| d.restart) {
                want.push(name.clone());
            }
        }
        i += 1;
    }
    want
}
