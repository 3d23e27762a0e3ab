//! Starting services in dependency order (independent ones in parallel),
//! waiting for each dependency's condition, and `--wait`.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

use crate::compose::project::error::ProjectError;
use crate::compose::project::{is_oneoff, is_running, service_of, Context, Kind, Step};
use crate::engine::WaitCondition;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Pending,
    Started,
    Failed,
}

/// Starts the containers in `to_start`, each service once its
/// dependencies are satisfied; independent services in parallel.
pub(in crate::compose::project) fn start_in_order(
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
pub(in crate::compose::project) fn dependency_met(
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
pub(in crate::compose::project) fn wait_running(ctx: &Context<'_>, names: &[String]) -> Result<()> {
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
pub(in crate::compose::project) fn wait_healthy(ctx: &Context<'_>, name: &str) -> Result<()> {
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
