//! Removing containers: `rm`, auto-removal and what a crash left behind.

use nix::sys::signal::Signal;

use crate::container::{self, Container, Records, Status};
use crate::engine::containers::{stop, RemoveOptions};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::network;

impl Engine {
    /// Removes a container (`rm`); running ones need `force` (killed
    /// first, or stopped within `how.stop_timeout`); containers that join
    /// its namespaces must go first (`depend` removes them too). Returns
    /// the full IDs removed, the dependents first. Nothing is written
    /// before the record is gone, so this works on a full file system.
    pub fn remove_container(&self, name_or_id: &str, how: RemoveOptions) -> Result<Vec<String>> {
        let mut c = self.container(name_or_id)?;
        self.check_service_removable(&c)?;
        let mut removed = Vec::new();
        let dependents = self.records().dependents(&c.config.id)?;
        if how.depend {
            for d in dependents {
                match self.remove_container(&d, how) {
                    Ok(ids) => removed.extend(ids),
                    // Removed meanwhile (by another dependent's removal).
                    Err(e) if e.is_container_not_found() => {}
                    Err(e) => return Err(e),
                }
            }
        } else if !dependents.is_empty() {
            // Refused before anything is killed.
            return Err(container::Error::HasDependents {
                id: c.config.id.clone(),
                dependents: dependents.join(", "),
            }
            .into());
        }
        if is_running(&c) {
            if !how.force {
                return Err(container::Error::Running {
                    id: c.config.id.clone(),
                    status: c.state.status,
                }
                .into());
            }
            let kill = how.stop_timeout.unwrap_or(0) == 0;
            self.stop_all(vec![Ok(c.clone())], how.stop_timeout, kill, false)
                .pop()
                .expect("one result per container")?;
            c = match self.container(&c.config.id) {
                Ok(c) => c,
                // A `--rm` container removed itself.
                Err(e) if e.is_container_not_found() => {
                    removed.push(c.config.id);
                    return Ok(removed);
                }
                Err(e) => return Err(e),
            };
        }
        // A start may claim the container between the look above and the
        // lock below: then it is stopped (once its start is through) and
        // the removal tried again.
        for attempt in 0.. {
            let removal = {
                let _all = self.records().lock_all()?;
                match self.records().load(&c.config.id) {
                    Ok(c) => {
                        self.remove_locked_with(&c, how.force, how.volumes || c.config.auto_remove)
                    }
                    Err(container::Error::NotFound(_)) => Ok(()),
                    Err(e) => Err(e.into()),
                }
            };
            match removal {
                Err(Error::Container(container::Error::Starting(_))) if attempt < 20 => {
                    let kill = how.stop_timeout.unwrap_or(0) == 0;
                    let fresh = vec![self.container(&c.config.id)];
                    if let Some(Err(e)) = self.stop_all(fresh, how.stop_timeout, kill, false).pop()
                    {
                        if !e.is_container_not_found() {
                            return Err(e);
                        }
                    }
                }
                other => {
                    other?;
                    break;
                }
            }
        }
        // After the lock: a `--rm` monitor takes it for its own cleanup.
        stop::wait_monitor_gone(&c.state);
        removed.push(c.config.id);
        Ok(removed)
    }

    /// Removes several containers (`rm NAME...`, `rm -a`): one result per
    /// name, in order. With `force`, the running ones are stopped all at
    /// once first (see [`Engine::stop_containers`]). Afterwards, what
    /// killed commands left in the store is reclaimed.
    pub fn remove_containers(
        &self,
        names: &[String],
        how: RemoveOptions,
    ) -> Vec<Result<Vec<String>>> {
        let found: Vec<Result<Container>> = names.iter().map(|n| self.container(n)).collect();
        if how.force {
            let running: Vec<Result<Container>> = found
                .iter()
                .filter_map(|c| c.as_ref().ok())
                .filter(|c| is_running(c))
                // One that others join is refused before anything is killed.
                .filter(|c| {
                    how.depend
                        || self
                            .records()
                            .dependents(&c.config.id)
                            .is_ok_and(|d| d.is_empty())
                })
                .cloned()
                .map(Ok)
                .collect();
            if running.len() > 1 {
                let kill = how.stop_timeout.unwrap_or(0) == 0;
                // Failures show again, per container, in its removal below.
                let _ = self.stop_all(running, how.stop_timeout, kill, false);
            }
        }
        let results = found
            .into_iter()
            .map(|c| {
                let c = c?;
                match self.remove_container(&c.config.id, how) {
                    // Gone meanwhile: a `--rm` container stopped above
                    // removed itself, or a dependent went with `--depend`.
                    Err(e) if e.is_container_not_found() => Ok(vec![c.config.id]),
                    other => other,
                }
            })
            .collect();
        self.reclaim_leftovers();
        results
    }

    /// Removes what killed commands left behind (see
    /// [`Records::leftovers`], and the network helpers' temporary
    /// directories of dead processes). Cheap when there is nothing: a few
    /// directory listings.
    pub(crate) fn reclaim_leftovers(&self) {
        let records = self.records();
        let Ok(_all) = records.lock_all() else {
            return;
        };
        for p in records.leftovers() {
            match fs_err::symlink_metadata(&p) {
                Ok(m) if m.is_dir() => self.remove_container_dir(&p),
                Ok(_) => {
                    let _ = fs_err::remove_file(&p);
                }
                Err(_) => {}
            }
        }
        network::pasta::reclaim_temp_dirs();
    }

    /// Removes an exited `--rm` container (the monitor, a failed start, a
    /// repaired record). One that other containers still join stays, as
    /// exited: `rpod rm` removes it after them.
    pub(crate) fn auto_remove(&self, c: &Container) -> Result<()> {
        {
            let _all = self.records().lock_all()?;
            match self.remove_locked(c, true) {
                Err(Error::Container(e @ container::Error::HasDependents { .. })) => {
                    tracing::warn!("not removing --rm container {}: {e}", c.config.name);
                    return Ok(());
                }
                other => other?,
            }
        }
        if c.config.remove_image {
            self.remove_image_of(c);
        }
        Ok(())
    }

    /// `--rmi`: removes the image `c` ran (by the name it was run by), as
    /// podman, with a warning when that fails (another container uses it).
    fn remove_image_of(&self, c: &Container) {
        let name = if c.config.image_name.is_empty() {
            &c.config.image_id
        } else {
            &c.config.image_name
        };
        if name.is_empty() {
            return;
        }
        let failed = match self.remove_images(std::slice::from_ref(name), false) {
            Ok(reports) => reports.into_iter().find_map(|r| r.result.err()),
            Err(e) => Some(e),
        };
        if let Some(e) = failed {
            tracing::warn!("Failed to remove image: {e}");
        }
    }

    /// Removes a stopped container's record and files (hold `lock_all`).
    pub(crate) fn remove_locked(&self, c: &Container, force: bool) -> Result<()> {
        self.remove_locked_with(c, force, c.config.auto_remove)
    }

    /// [`Engine::remove_locked`], also removing the container's anonymous
    /// volumes when `remove_volumes` (`rm -v`, and always for `--rm`).
    /// Refused while other containers join its namespaces.
    pub(crate) fn remove_locked_with(
        &self,
        c: &Container,
        force: bool,
        remove_volumes: bool,
    ) -> Result<()> {
        let records = self.records();
        let dependents = records.dependents(&c.config.id)?;
        if !dependents.is_empty() {
            return Err(container::Error::HasDependents {
                id: c.config.id.clone(),
                dependents: dependents.join(", "),
            }
            .into());
        }
        let _l = records.lock(&c.config.id)?;
        let fresh = records.load(&c.config.id)?;
        if is_running(&fresh) && !Records::supervisor_gone(&fresh.state) {
            if !force {
                return Err(container::Error::Running {
                    id: c.config.id.clone(),
                    status: fresh.state.status,
                }
                .into());
            }
            match fresh.state.init_process() {
                Some(p) => {
                    if let Some(fd) = p.open() {
                        let _ = fd.signal(Signal::SIGKILL);
                    }
                }
                // Its supervisor is setting it up (mounts, network): the
                // files must stay until it runs and can be stopped.
                None => return Err(container::Error::Starting(c.config.id.clone()).into()),
            }
        }
        let gone = records.unlink(&c.config.id)?;
        // Left behind by a supervisor that was killed.
        self.release_cgroup(&c.config.id);
        if let Some(target) = fresh.config.network_target() {
            records.remove_dependent(target, &c.config.id);
            self.name_out_of_shared_hosts(&fresh, target);
        }
        for required in &fresh.config.requires {
            records.remove_dependent(required, &c.config.id);
        }
        self.remove_container_dir(&gone);
        if let Some(f) = &fresh.config.cidfile {
            container::cidfile::remove_if_holds(f, &fresh.config.id);
        }
        if let crate::health::LogDestination::Directory(_) = &fresh.config.health.log_destination {
            // Kept outside the container's directory: goes with it.
            let path = self.health_path(&fresh);
            let _ = fs_err::remove_file(path);
        }
        self.event_container_removed(&fresh);
        if remove_volumes {
            for v in &fresh.config.anonymous_volumes {
                if let Err(e) = self.remove_volume(v, false, None) {
                    tracing::warn!("removing anonymous volume {v}: {e}");
                }
            }
        }
        Ok(())
    }
}

/// Whether the record says the container runs (or is being stopped).
fn is_running(c: &Container) -> bool {
    matches!(
        c.state.status,
        Status::Running | Status::Paused | Status::Stopping
    )
}
