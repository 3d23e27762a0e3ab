//! `compose up` and `compose run`: networks and volumes created, images
//! built or pulled, each service's containers converged to the file
//! (created, kept, recreated when the config hash changed, scaled), then
//! started in dependency order, services with no dependency between them
//! in parallel.

use std::collections::{BTreeMap, BTreeSet};
use std::os::fd::AsFd;
use std::process::{Command, Stdio};
use std::sync::{Condvar, Mutex};

use super::error::{Cleanup, ProjectError};
use super::spec::{self, Instance, OneOff};
use super::{is_oneoff, is_running, labels, number_of, service_of, Context, Kind, Step};
use crate::compose::model::Service;
use crate::container::Container;
use crate::engine::{RemoveOptions, WaitCondition};
use crate::error::Result;
use crate::network::config::CreateRequest;

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

fn ensure_networks(ctx: &Context<'_>, selected: &[String]) -> Result<()> {
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

fn ensure_volumes(ctx: &Context<'_>, selected: &[String]) -> Result<()> {
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
pub(super) fn rpod_child(ctx: &Context<'_>) -> Command {
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
fn stderr_stdio() -> Stdio {
    std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map_or_else(|_| Stdio::null(), Stdio::from)
}

/// Builds the service's image with `rpod build` (same store).
pub(super) fn build_service(ctx: &Context<'_>, name: &str, s: &Service) -> Result<()> {
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
pub(super) fn pull_images(
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
fn ensure_images(
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pending,
    Started,
    Failed,
}

/// Starts the containers in `to_start`, each service once its
/// dependencies are satisfied; independent services in parallel.
pub(super) fn start_in_order(
    ctx: &Context<'_>,
    selected: &[String],
    to_start: &BTreeMap<String, Vec<String>>,
) -> Result<()> {
    let p = ctx.project;
    let phases: Mutex<BTreeMap<&str, Phase>> = Mutex::new(
        selected
            .iter()
            .map(|s| (s.as_str(), Phase::Pending))
            .collect(),
    );
    let changed = Condvar::new();
    let set = |svc: &str, ph: Phase| {
        if let Ok(mut m) = phases.lock() {
            m.insert(
                selected
                    .iter()
                    .find(|s| s.as_str() == svc)
                    .map_or("", String::as_str),
                ph,
            );
        }
        changed.notify_all();
    };
    let wait_for = |dep: &str| -> Phase {
        let mut m = phases.lock().expect("phases lock");
        loop {
            match m.get(dep).copied() {
                None => return Phase::Started,
                Some(Phase::Pending) => m = changed.wait(m).expect("phases lock"),
                Some(ph) => return ph,
            }
        }
    };
    let service_names = |svc: &str| -> Vec<String> {
        ctx.containers()
            .unwrap_or_default()
            .into_iter()
            .filter(|c| !is_oneoff(c) && service_of(c) == Some(svc))
            .map(|c| c.config.name)
            .collect()
    };
    let results: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = selected
            .iter()
            .map(|name| {
                let set = &set;
                let wait_for = &wait_for;
                let service_names = &service_names;
                scope.spawn(move || -> Result<()> {
                    let s = &p.services[name];
                    let run = || -> Result<()> {
                        for (dep, d) in &s.depends_on {
                            if !selected.contains(dep) {
                                continue;
                            }
                            let satisfied =
                                dependency_met(ctx, name, dep, d, wait_for, service_names);
                            match satisfied {
                                Ok(()) => {}
                                // `required: false`: Compose only warns.
                                Err(e) if !d.required => {
                                    let why = format!("optional dependency {dep:?}: {e}");
                                    ctx.progress
                                        .warn(&format!("service {name:?}: {why}; starting anyway"));
                                }
                                Err(e) => return Err(e),
                            }
                        }
                        for c in to_start.get(name).into_iter().flatten() {
                            ctx.engine
                                .start_detached(c)
                                .map_err(|e| ProjectError::Start {
                                    container: c.clone(),
                                    source: Box::new(e),
                                })?;
                            ctx.progress.step(Kind::Container, c, Step::Started);
                        }
                        Ok(())
                    };
                    let r = run();
                    set(
                        name,
                        if r.is_ok() {
                            Phase::Started
                        } else {
                            Phase::Failed
                        },
                    );
                    r
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(ProjectError::ThreadPanicked("start").into()))
            })
            .collect()
    });
    // The first error in service order (dependency failures follow from it).
    for r in results {
        r?;
    }
    Ok(())
}

/// Waits until dependency `dep` of service `name` meets its condition.
fn dependency_met(
    ctx: &Context<'_>,
    name: &str,
    dep: &str,
    d: &crate::compose::model::Dependency,
    wait_for: &dyn Fn(&str) -> Phase,
    service_names: &dyn Fn(&str) -> Vec<String>,
) -> Result<()> {
    if wait_for(dep) == Phase::Failed {
        return Err(ProjectError::DependencyFailed {
            service: name.to_string(),
            dependency: dep.to_string(),
        }
        .into());
    }
    if d.condition == "service_healthy" {
        for c in service_names(dep) {
            wait_healthy(ctx, &c)?;
            ctx.progress.step(Kind::Container, &c, Step::Healthy);
        }
    }
    if d.condition == "service_completed_successfully" {
        for c in service_names(dep) {
            let code = ctx.engine.wait_container(&c, WaitCondition::Stopped)?;
            if code != 0 {
                return Err(ProjectError::DependencyExitCode {
                    dependency: dep.to_string(),
                    code,
                }
                .into());
            }
            ctx.progress.step(Kind::Container, &c, Step::Exited);
        }
    }
    Ok(())
}

/// `--wait`: every named container must run, and be healthy if it has a
/// healthcheck.
fn wait_running(ctx: &Context<'_>, names: &[String]) -> Result<()> {
    for n in names {
        let c = ctx.engine.container(n)?;
        if !is_running(&c) {
            return Err(ProjectError::Exited {
                container: n.clone(),
                code: c.state.exit_code,
            }
            .into());
        }
        if c.config.healthcheck.is_some() {
            wait_healthy(ctx, n)?;
            ctx.progress.step(Kind::Container, n, Step::Healthy);
        } else {
            ctx.progress.step(Kind::Container, n, Step::Running);
        }
    }
    Ok(())
}

/// Waits until container `name`'s healthcheck passes (its monitor runs
/// it); fails when it turns unhealthy, exits, or has no healthcheck.
fn wait_healthy(ctx: &Context<'_>, name: &str) -> Result<()> {
    use crate::health::HealthStatus;
    loop {
        let c = ctx.engine.container(name)?;
        if c.config.healthcheck.is_none() {
            return Err(ProjectError::NoHealthcheck(name.to_string()).into());
        }
        if !is_running(&c) {
            return Err(ProjectError::DependencyExited {
                container: name.to_string(),
                code: c.state.exit_code,
            }
            .into());
        }
        match ctx.engine.health_of(&c).map(|h| h.status) {
            Some(HealthStatus::Healthy) => return Ok(()),
            Some(HealthStatus::Unhealthy) => {
                return Err(ProjectError::Unhealthy(name.to_string()).into())
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
}
