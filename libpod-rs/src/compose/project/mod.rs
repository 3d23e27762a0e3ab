//! The compose engine: a loaded [`Project`] brought to life through the
//! engine's own APIs (containers from [`crate::spec::ContainerSpec`],
//! networks, volumes, build, pull), with Docker Compose v2's names
//! (`PROJECT-SERVICE-N`, `PROJECT_NET`, `PROJECT_VOL`) and
//! `com.docker.compose.*` labels, so that the store alone says which
//! containers belong to which project and service: there is no state of
//! its own besides a lock file.
//!
//! Nothing here prints: progress goes to a [`Progress`] the CLI renders.
//! Threads exist only while containers are started and waited for (the
//! start path spawns the monitor with `posix_spawn`-like `Command`s);
//! everything that may fork (creating, removing, building) runs while
//! the process is single-threaded (DESIGN.md, "fork before threads").

pub mod attached;
mod down;
mod error;
pub mod logs;
pub mod spec;
mod up;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::model::Project;
use super::Loaded;
use crate::container::{Container, Status as CStatus};
use crate::error::Result;
use crate::store::{LockGuard, LockMode};
use crate::Engine;

pub use down::{
    build, down, kill, pull, push, restart, rm, start, stop, DownOptions, RemoveImages,
};
pub use error::{Cleanup, ProjectError};
pub use up::{run, up, BuildPolicy, RunOptions, UpOptions};

/// The labels Compose v2 puts on what it creates.
pub mod labels {
    /// The project name.
    pub const PROJECT: &str = "com.docker.compose.project";
    /// The service name.
    pub const SERVICE: &str = "com.docker.compose.service";
    /// The replica number (1-based).
    pub const NUMBER: &str = "com.docker.compose.container-number";
    /// The hash of the service's configuration.
    pub const HASH: &str = "com.docker.compose.config-hash";
    /// `True` for `compose run` containers.
    pub const ONEOFF: &str = "com.docker.compose.oneoff";
    /// `svc:condition:restart,...`.
    pub const DEPENDS_ON: &str = "com.docker.compose.depends_on";
    /// The project directory.
    pub const WORKING_DIR: &str = "com.docker.compose.project.working_dir";
    /// The compose files, comma-separated.
    pub const CONFIG_FILES: &str = "com.docker.compose.project.config_files";
    /// The Compose version (rpod's own).
    pub const VERSION: &str = "com.docker.compose.version";
}

/// What a progress line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A container.
    Container,
    /// A network.
    Network,
    /// A volume.
    Volume,
    /// An image.
    Image,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Container => "Container",
            Kind::Network => "Network",
            Kind::Volume => "Volume",
            Kind::Image => "Image",
        })
    }
}

/// Where a resource got to (Compose v2's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Created.
    Created,
    /// Replaced by a new container (its configuration changed).
    Recreated,
    /// Started.
    Started,
    /// Already running, left alone.
    Running,
    /// Stopped.
    Stopped,
    /// Removed.
    Removed,
    /// Exited (a dependency that had to complete).
    Exited,
    /// Healthy.
    Healthy,
    /// Waiting for a dependency.
    Waiting,
    /// Built.
    Built,
    /// Pulled.
    Pulled,
    /// Pushed.
    Pushed,
    /// Killed.
    Killed,
    /// Restarted.
    Restarted,
    /// Failed (the error follows).
    Error,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Created => "Created",
            Step::Recreated => "Recreated",
            Step::Started => "Started",
            Step::Running => "Running",
            Step::Stopped => "Stopped",
            Step::Removed => "Removed",
            Step::Exited => "Exited",
            Step::Healthy => "Healthy",
            Step::Waiting => "Waiting",
            Step::Built => "Built",
            Step::Pulled => "Pulled",
            Step::Pushed => "Pushed",
            Step::Killed => "Killed",
            Step::Restarted => "Restarted",
            Step::Error => "Error",
        })
    }
}

/// Receives progress; the CLI prints it (`✔ Container proj-db-1  Started`).
pub trait Progress: Sync {
    /// `kind` `name` reached `step`.
    fn step(&self, kind: Kind, name: &str, step: Step);
    /// A warning for the user.
    fn warn(&self, message: &str);
}

/// A progress sink that drops everything (tests, quiet callers).
pub struct Silent;

impl Progress for Silent {
    fn step(&self, _: Kind, _: &str, _: Step) {}
    fn warn(&self, _: &str) {}
}

/// Everything an operation on a project needs.
pub struct Context<'a> {
    /// The engine.
    pub engine: &'a Engine,
    /// The typed project.
    pub project: &'a Project,
    /// The project directory.
    pub working_dir: &'a Path,
    /// The compose files.
    pub files: &'a [PathBuf],
    /// Services of the file left out by profiles (their containers are
    /// not orphans; `down` removes them too).
    pub disabled: &'a [String],
    /// Where progress goes.
    pub progress: &'a dyn Progress,
    /// The environment the file was interpolated with (process, then
    /// `.env`): secrets and configs given by `environment` read it.
    pub environment: &'a std::collections::BTreeMap<String, String>,
}

impl<'a> Context<'a> {
    /// The context of a loaded project.
    pub fn new(engine: &'a Engine, loaded: &'a Loaded, progress: &'a dyn Progress) -> Self {
        Context {
            engine,
            project: &loaded.project,
            working_dir: &loaded.working_dir,
            files: &loaded.files,
            disabled: &loaded.disabled_services,
            progress,
            environment: &loaded.environment,
        }
    }

    /// A variable of the project's environment.
    pub fn project_env(&self, name: &str) -> Option<&str> {
        self.environment.get(name).map(String::as_str)
    }

    /// Takes the project's lock (a file under the run root), so that two
    /// compose commands on one project do not interleave; held until dropped.
    pub fn lock(&self) -> Result<LockGuard> {
        let dir = self.engine.store().runroot().join("compose");
        fs_err::create_dir_all(&dir)
            .map_err(crate::sys::without_path)
            .map_err(|source| ProjectError::LockDir {
                dir: dir.clone(),
                source,
            })?;
        let path = dir.join(format!("{}.lock", self.project.name));
        crate::store::lock::lock(&path, LockMode::Exclusive).map_err(|source| {
            ProjectError::Lock {
                path: path.clone(),
                source,
            }
            .into()
        })
    }

    /// Whether `service` is in the file (enabled or not).
    pub fn knows(&self, service: &str) -> bool {
        self.project.services.contains_key(service) || self.disabled.iter().any(|d| d == service)
    }

    /// Every container of the project (services, one-offs, orphans), by name.
    pub fn containers(&self) -> Result<Vec<Container>> {
        project_containers(self.engine, &self.project.name)
    }

    /// The services named, or all, in dependency order; with `deps`, what
    /// they depend on too. An unknown name is an error.
    pub fn select(&self, names: &[String], deps: bool) -> Result<Vec<String>> {
        let p = self.project;
        for n in names {
            if !p.services.contains_key(n) {
                return Err(ProjectError::NoSuchService(n.clone()).into());
            }
        }
        if names.is_empty() {
            return Ok(p.service_order());
        }
        let mut want: BTreeSet<String> = names.iter().cloned().collect();
        if deps {
            let mut stack: Vec<String> = names.to_vec();
            while let Some(n) = stack.pop() {
                if let Some(s) = p.services.get(&n) {
                    for d in s.depends_on.keys() {
                        if p.services.contains_key(d) && want.insert(d.clone()) {
                            stack.push(d.clone());
                        }
                    }
                }
            }
        }
        Ok(p.service_order()
            .into_iter()
            .filter(|s| want.contains(s))
            .collect())
    }

    /// The containers of `services` (all services when empty), one-offs
    /// left out, in service order then by number.
    pub fn service_containers(&self, services: &[String]) -> Result<Vec<Container>> {
        let order = self.select(services, false)?;
        let all = self.containers()?;
        let mut out = Vec::new();
        for s in &order {
            let mut mine: Vec<Container> = all
                .iter()
                .filter(|c| !is_oneoff(c) && service_of(c) == Some(s.as_str()))
                .cloned()
                .collect();
            mine.sort_by_key(number_of);
            out.extend(mine);
        }
        Ok(out)
    }
}

/// The containers labelled as `project`'s, sorted by name.
pub fn project_containers(engine: &Engine, project: &str) -> Result<Vec<Container>> {
    let mut list: Vec<Container> = engine
        .containers()?
        .into_iter()
        .filter(|c| c.config.labels.get(labels::PROJECT).map(String::as_str) == Some(project))
        .collect();
    list.sort_by(|a, b| a.config.name.cmp(&b.config.name));
    Ok(list)
}

/// The service a container belongs to.
pub fn service_of(c: &Container) -> Option<&str> {
    c.config.labels.get(labels::SERVICE).map(String::as_str)
}

/// A container's replica number (0 when unlabelled).
pub fn number_of(c: &Container) -> u32 {
    c.config
        .labels
        .get(labels::NUMBER)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Whether a container is a `compose run` one-off.
pub fn is_oneoff(c: &Container) -> bool {
    c.config
        .labels
        .get(labels::ONEOFF)
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Whether a container's process runs (or is paused).
pub fn is_running(c: &Container) -> bool {
    matches!(c.state.status, CStatus::Running | CStatus::Paused)
}

/// The Compose labels of one container of service `name`.
pub fn container_labels(
    ctx: &Context<'_>,
    name: &str,
    s: &super::model::Service,
    number: u32,
    hash: &str,
    oneoff: bool,
) -> Vec<(String, String)> {
    vec![
        (labels::PROJECT.into(), ctx.project.name.clone()),
        (labels::SERVICE.into(), name.to_string()),
        (labels::NUMBER.into(), number.to_string()),
        (labels::HASH.into(), hash.to_string()),
        (
            labels::ONEOFF.into(),
            if oneoff { "True" } else { "False" }.into(),
        ),
        (labels::DEPENDS_ON.into(), spec::depends_on_label(s)),
        (
            labels::WORKING_DIR.into(),
            ctx.working_dir.display().to_string(),
        ),
        (
            labels::CONFIG_FILES.into(),
            ctx.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        (labels::VERSION.into(), "2.24.0".into()),
    ]
}

/// One row of `compose ps`.
#[derive(Debug, Clone)]
pub struct PsEntry {
    /// The container.
    pub container: Container,
    /// Its service.
    pub service: String,
}

/// The containers `compose ps` lists: the project's services' containers
/// (one-offs too with `all`), running ones only unless `all`.
pub fn ps(ctx: &Context<'_>, services: &[String], all: bool) -> Result<Vec<PsEntry>> {
    let wanted = ctx.select(services, false)?;
    let named = !services.is_empty();
    Ok(ctx
        .containers()?
        .into_iter()
        .filter(|c| all || is_running(c))
        .filter(|c| all || !is_oneoff(c))
        .filter_map(|c| {
            let svc = service_of(&c)?.to_string();
            (!named || wanted.contains(&svc)).then_some(PsEntry {
                container: c,
                service: svc,
            })
        })
        .collect())
}
