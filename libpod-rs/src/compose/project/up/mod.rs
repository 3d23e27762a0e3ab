//! `compose up` and `compose run`: networks and volumes created, images
//! built or pulled, each service's containers converged to the file
//! (created, kept, recreated when the config hash changed, scaled), then
//! started in dependency order, services with no dependency between them
//! in parallel.

use std::collections::{BTreeMap, BTreeSet};

use super::error::{Cleanup, ProjectError};
use super::spec::{self, Instance, OneOff};
use super::{is_oneoff, is_running, labels, number_of, service_of, Context, Kind, Step};
use crate::compose::model::Service;
use crate::container::Container;
use crate::engine::RemoveOptions;
use crate::error::Result;

mod resources;
mod start;

pub(super) use resources::{build_service, pull_images, rpod_child};
use resources::{ensure_images, ensure_networks, ensure_volumes};
pub(super) use start::start_in_order;
use start::wait_running;

/// When `up` builds images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BuildPolicy {
    /// Build the images that are missing.
    #[default]
    Missing,
    /// `--build`: build every service that has a `build:` section.
    Always,
    /// `--no-build`: never build; a missing image is an error.
    Never,
}

/// What `compose up` was asked for.
#[derive(Debug, Clone, Default)]
pub struct UpOptions {
    /// Only these services (and, unless `no_deps`, what they depend on).
    pub services: Vec<String>,
    /// `--no-deps`.
    pub no_deps: bool,
    /// `--build` / `--no-build`.
    pub build: BuildPolicy,
    /// `--force-recreate`.
    pub force_recreate: bool,
    /// `--no-recreate`.
    pub no_recreate: bool,
    /// `--remove-orphans`.
    pub remove_orphans: bool,
    /// `--wait`: fail unless every container runs at the end.
    pub wait: bool,
    /// `--scale SERVICE=N`.
    pub scale: BTreeMap<String, u32>,
    /// `--no-start` (`compose create`): create only.
    pub no_start: bool,
}

/// What `compose run` was asked for.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The service.
    pub service: String,
    /// The command (empty: the service's).
    pub command: Vec<String>,
    /// `--rm`.
    pub remove: bool,
    /// `--no-deps`.
    pub no_deps: bool,
    /// `-e NAME=VALUE`.
    pub env: Vec<String>,
    /// `--entrypoint`.
    pub entrypoint: Option<String>,
    /// `--name`.
    pub name: Option<String>,
    /// A terminal is allocated (`-T` not given and stdin is one).
    pub tty: bool,
}

/// Brings the project up; returns the names of the selected services'
/// containers.
pub fn up(ctx: &Context<'_>, opts: &UpOptions) -> Result<Vec<String>> {
    let _lock = ctx.lock()?;
    up_locked(ctx, opts)
}

fn up_locked(ctx: &Context<'_>, opts: &UpOptions) -> Result<Vec<String>> {
    let p = ctx.project;
    let selected = ctx.select(&opts.services, !opts.no_deps)?;
    for s in opts.scale.keys() {
        if !p.services.contains_key(s) {
            return Err(ProjectError::ScaleNoSuchService(s.clone()).into());
        }
    }
    warn_unsupported(ctx, &selected);
    ensure_networks(ctx, &selected)?;
    ensure_volumes(ctx, &selected)?;
    let images = ensure_images(ctx, &selected, opts.build)?;

    let all = ctx.containers()?;
    orphans(ctx, &all, opts.remove_orphans)?;

    // Converge: what to remove (scaled down, or replaced), what to create.
    let mut doomed: Vec<Container> = Vec::new();
    let mut creates: Vec<(String, u32, bool)> = Vec::new();
    let mut to_start: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut hashes = BTreeMap::new();
    for name in &selected {
        let s = &p.services[name];
        let want = opts
            .scale
            .get(name)
            .copied()
            .unwrap_or_else(|| u32::try_from(s.replicas().max(0)).unwrap_or(0));
        if s.container_name.is_some() && want > 1 {
            return Err(ProjectError::NamedServiceScaled {
                service: name.clone(),
                replicas: want,
            }
            .into());
        }
        let hash = spec::config_hash(s, &images[name]);
        hashes.insert(name.clone(), hash.clone());
        let mut existing: Vec<&Container> = all
            .iter()
            .filter(|c| !is_oneoff(c) && service_of(c) == Some(name.as_str()))
            .collect();
        existing.sort_by_key(|c| number_of(c));
        let starts = to_start.entry(name.clone()).or_default();
        for c in &existing {
            if number_of(c) > want {
                doomed.push((*c).clone());
            }
        }
        for n in 1..=want {
            match existing.iter().find(|c| number_of(c) == n) {
                Some(c) => {
                    let stale = c.config.labels.get(labels::HASH) != Some(&hash);
                    names.push(c.config.name.clone());
                    if (stale || opts.force_recreate) && !opts.no_recreate {
                        doomed.push((*c).clone());
                        creates.push((name.clone(), n, true));
                    } else if is_running(c) {
                        ctx.progress
                            .step(Kind::Container, &c.config.name, Step::Running);
                    } else {
                        starts.push(c.config.name.clone());
                    }
                }
                None => {
                    names.push(container_name(ctx, name, s, n));
                    creates.push((name.clone(), n, false));
                }
            }
        }
    }
    remove_containers(ctx, &doomed, None, false, true)?;

    // From here on, a failure stops what this `up` started.
    let existing_to_start: Vec<String> = to_start.values().flatten().cloned().collect();
    let mut created: Vec<String> = Vec::new();
    let converge = || -> Result<()> {
        let mut to_start = to_start;
        for (name, n, recreated) in &creates {
            let s = &p.services[name];
            let inst = Instance {
                name: container_name(ctx, name, s, *n),
                number: *n,
                oneoff: None,
            };
            create(ctx, name, s, &inst, &hashes[name])?;
            created.push(inst.name.clone());
            let step = if *recreated {
                Step::Recreated
            } else {
                Step::Created
            };
            ctx.progress.step(Kind::Container, &inst.name, step);
            to_start.entry(name.clone()).or_default().push(inst.name);
        }
        if opts.no_start {
            return Ok(());
        }
        start_in_order(ctx, &selected, &to_start)?;
        restart_dependents(ctx, &selected, &creates, &to_start)?;
        if opts.wait {
            wait_running(ctx, &names)?;
        }
        Ok(())
    };
    let converged = converge();
    if let Err(e) = converged {
        let touched: Vec<String> = created.into_iter().chain(existing_to_start).collect();
        let cleanup = stop_started(ctx, &touched);
        return Err(ProjectError::Up {
            source: Box::new(e),
            cleanup,
        }
        .into());
    }
    Ok(names)
}

/// Restarts the running containers, left alone by this `up`, of services
/// that depend with `restart: true` on a service it recreated.
fn restart_dependents(
    ctx: &Context<'_>,
    selected: &[String],
    creates: &[(String, u32, bool)],
    started: &BTreeMap<String, Vec<String>>,
) -> Result<()> {
    let recreated: BTreeSet<&str> = creates
        .iter()
        .filter(|c| c.2)
        .map(|c| c.0.as_str())
        .collect();
    if recreated.is_empty() {
        return Ok(());
    }
    for name in selected {
        let s = &ctx.project.services[name];
        if recreated.contains(name.as_str())
            || !s
                .depends_on
                .iter()
                .any(|(dep, d)| d.restart && recreated.contains(dep.as_str()))
        {
            continue;
        }
        for c in ctx.service_containers(std::slice::from_ref(name))? {
            let just_started = started
                .get(name)
                .is_some_and(|v| v.contains(&c.config.name));
            if is_running(&c) && !just_started {
                ctx.engine.restart_container(&c.config.id, None)?;
                ctx.progress
                    .step(Kind::Container, &c.config.name, Step::Restarted);
            }
        }
    }
    Ok(())
}

/// After a failed `up`: stops what it started (nothing half-started is
/// left running); the containers stay, for `compose logs` to say why.
/// Returns a suffix for the error.
fn stop_started(ctx: &Context<'_>, touched: &[String]) -> Cleanup {
    let running: Vec<String> = touched
        .iter()
        .filter(|n| ctx.engine.container(n).is_ok_and(|c| is_running(&c)))
        .cloned()
        .collect();
    if running.is_empty() {
        return Cleanup::Nothing;
    }
    let mut problems = Vec::new();
    for r in ctx.engine.stop_containers(&running, None) {
        match r {
            Ok(c) => ctx
                .progress
                .step(Kind::Container, &c.config.name, Step::Stopped),
            Err(e) => problems.push(e.to_string()),
        }
    }
    if problems.is_empty() {
        Cleanup::Stopped(running)
    } else {
        Cleanup::StopFailed(problems)
    }
}

/// `compose run`: brings up the service's dependencies (unless
/// `no_deps`), then creates the one-off container; returns its ID for the
/// caller to start attached.
pub fn run(ctx: &Context<'_>, opts: &RunOptions) -> Result<String> {
    let p = ctx.project;
    let s = p
        .services
        .get(&opts.service)
        .ok_or_else(|| ProjectError::NoSuchService(opts.service.clone()))?;
    let _lock = ctx.lock()?;
    let deps: Vec<String> = s
        .depends_on
        .keys()
        .filter(|d| p.services.contains_key(*d))
        .cloned()
        .collect();
    if !opts.no_deps && !deps.is_empty() {
        up_locked(
            ctx,
            &UpOptions {
                services: deps,
                ..UpOptions::default()
            },
        )?;
    }
    let one = [opts.service.clone()];
    ensure_networks(ctx, &one)?;
    ensure_volumes(ctx, &one)?;
    let images = ensure_images(ctx, &one, BuildPolicy::Missing)?;
    let hash = spec::config_hash(s, &images[&opts.service]);
    let id = crate::container::names::new_id();
    let suffix = &id[..12];
    let inst = Instance {
        name: opts
            .name
            .clone()
            .unwrap_or_else(|| format!("{}-{}-run-{suffix}", p.name, opts.service)),
        number: 1,
        oneoff: Some(OneOff {
            command: &opts.command,
            remove: opts.remove,
            env: &opts.env,
            entrypoint: opts.entrypoint.as_deref(),
            tty: opts.tty,
        }),
    };
    let c = create(ctx, &opts.service, s, &inst, &hash)?;
    Ok(c.config.id)
}

fn container_name(ctx: &Context<'_>, name: &str, s: &Service, n: u32) -> String {
    s.container_name
        .clone()
        .unwrap_or_else(|| format!("{}-{name}-{n}", ctx.project.name))
}

fn warn_unsupported(ctx: &Context<'_>, selected: &[String]) {
    let p = ctx.project;
    for name in selected {
        let s = &p.services[name];
        for key in spec::unsupported_keys(s) {
            ctx.progress.warn(&format!(
                "service {name:?}: {key} is not supported by rpod yet and is ignored"
            ));
        }
    }
}

fn orphans(ctx: &Context<'_>, all: &[Container], remove: bool) -> Result<()> {
    let orphans: Vec<Container> = all
        .iter()
        .filter(|c| !is_oneoff(c))
        .filter(|c| service_of(c).is_some_and(|s| !ctx.knows(s)))
        .cloned()
        .collect();
    if orphans.is_empty() {
        return Ok(());
    }
    if remove {
        return remove_containers(ctx, &orphans, None, false, true);
    }
    let names: Vec<&str> = orphans.iter().map(|c| c.config.name.as_str()).collect();
    ctx.progress.warn(&format!(
        "Found orphan containers ({}) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.",
        names.join(", ")
    ));
    Ok(())
}

/// Stops the running ones among `list` at once, then removes them all.
pub(super) fn remove_containers(
    ctx: &Context<'_>,
    list: &[Container],
    timeout: Option<u32>,
    volumes: bool,
    quiet_stop: bool,
) -> Result<()> {
    let e = ctx.engine;
    let running: Vec<String> = list
        .iter()
        .filter(|c| is_running(c))
        .map(|c| c.config.id.clone())
        .collect();
    for r in e.stop_containers(&running, timeout) {
        match r {
            Ok(c) if !quiet_stop => {
                ctx.progress
                    .step(Kind::Container, &c.config.name, Step::Stopped)
            }
            Ok(_) => {}
            Err(err) if err.is_container_not_found() => {}
            Err(err) => return Err(err),
        }
    }
    for c in list {
        let how = RemoveOptions {
            force: true,
            volumes,
            ..RemoveOptions::default()
        };
        match e.remove_container(&c.config.id, how) {
            Ok(_) => ctx
                .progress
                .step(Kind::Container, &c.config.name, Step::Removed),
            Err(err) if err.is_container_not_found() => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// Creates one container of service `name`.
fn create(
    ctx: &Context<'_>,
    name: &str,
    s: &Service,
    inst: &Instance<'_>,
    hash: &str,
) -> Result<Container> {
    let mode = spec::network_mode(ctx, name, s)?;
    let spec = spec::container_spec(ctx, name, s, inst, hash, mode)?;
    ctx.engine.create_container(&spec)
}
