//! Finding containers (by name, ID or ID prefix; all; the newest), with
//! the repair of records whose supervisor died, and the verbs that act on
//! records alone: rename, prune, and who uses an image.

use chrono::Utc;
use nix::sys::signal::Signal;

use super::Engine;
use crate::container::{self, Container, Records, State, Status};
use crate::error::{Error, Result};

impl Engine {
    /// Looks a container up (name, ID or ID prefix), repairing its record
    /// when its supervisor died.
    pub fn container(&self, name_or_id: &str) -> Result<Container> {
        let c = self.records().resolve(name_or_id)?;
        // A `--rm` container whose supervisor died is removed by the repair.
        self.repair(c)?
            .ok_or_else(|| container::Error::NotFound(name_or_id.to_string()).into())
    }

    /// All containers, oldest first, with dead supervisors' records repaired.
    pub fn containers(&self) -> Result<Vec<Container>> {
        let mut out = Vec::new();
        for c in self.records().list()? {
            if let Some(c) = self.repair(c)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The newest container (`--latest`).
    pub fn latest_container(&self) -> Result<Container> {
        let c = self.records().latest()?;
        self.container(&c.config.id)
    }

    /// A record says running but its supervisor is gone: the container is
    /// killed (it may have outlived it) and recorded as exited; `--rm`
    /// records are removed (then `None`).
    pub(super) fn repair(&self, c: Container) -> Result<Option<Container>> {
        if !Records::supervisor_gone(&c.state) {
            if c.state.stop_abandoned() {
                // Whoever stopped it was killed: it runs on.
                let back = self.update_state(&c.config.id, |s| {
                    if s.stop_abandoned() {
                        s.status = Status::Running;
                    }
                });
                return match back {
                    Ok(fresh) => Ok(fresh),
                    // A full disk: the reader still gets the honest view.
                    Err(_) => Ok(Some(Container {
                        state: State {
                            status: Status::Running,
                            ..c.state
                        },
                        ..c
                    })),
                };
            }
            return Ok(Some(c));
        }
        let records = self.records();
        let _l = records.lock(&c.config.id)?;
        let mut c = match records.load(&c.config.id) {
            Ok(c) => c,
            Err(container::Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if !Records::supervisor_gone(&c.state) {
            return Ok(Some(c));
        }
        tracing::debug!(
            "container {} lost its supervisor; recording it as exited",
            c.short_id()
        );
        // Only the recorded process: its PID may belong to another by now.
        if let Some(fd) = c.state.init_process().and_then(|p| p.open()) {
            let _ = fd.signal(Signal::SIGKILL);
        }
        c.state.status = Status::Exited;
        c.state.exit_code = 137;
        c.state.clear_init();
        c.state.monitor_pid = 0;
        c.state.finished_at = Some(Utc::now());
        if let Err(e) = records.save_state(&c.config.id, &c.state) {
            // A full disk: the caller still gets the repaired view (and
            // `rm` still removes it); the next reader repairs it again.
            tracing::warn!("container {}: recording its exit: {e}", c.config.name);
        }
        self.event_container_exit(&c, crate::events::Status::Died, c.state.exit_code);
        // Its monitor's socket: nobody listens there any more.
        self.remove_attach_socket(&c.config.id);
        drop(_l);
        if c.config.auto_remove {
            self.auto_remove(&c)?;
            if !matches!(
                records.load(&c.config.id),
                Err(container::Error::NotFound(_))
            ) {
                return Ok(Some(c));
            }
            return Ok(None);
        }
        Ok(Some(c))
    }

    /// Renames a container.
    pub fn rename_container(&self, name_or_id: &str, new_name: &str) -> Result<()> {
        let c = self.container(name_or_id)?;
        let records = self.records();
        let _all = records.lock_all()?;
        records.check_name(new_name)?;
        let mut config = records.load(&c.config.id)?.config;
        config.name = new_name.to_string();
        records.save_config(&config)?;
        self.event_container(&Container { config, ..c }, crate::events::Status::Rename);
        Ok(())
    }

    /// Removes all containers that are not running (`container prune`); returns their IDs.
    pub fn prune_containers(&self) -> Result<Vec<String>> {
        self.prune_containers_matching(&|_| true)
    }

    /// [`Self::prune_containers`] for those `wanted` accepts.
    pub fn prune_containers_matching(
        &self,
        wanted: &dyn Fn(&Container) -> bool,
    ) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        // Newest first: containers that join another's namespaces are newer
        // than it, and go before it.
        for c in self.containers()?.into_iter().rev() {
            if matches!(c.state.status, Status::Created | Status::Exited) && wanted(&c) {
                let _all = self.records().lock_all()?;
                if let Ok(fresh) = self.records().load(&c.config.id) {
                    if matches!(fresh.state.status, Status::Created | Status::Exited)
                        && fresh.state.monitor_pid == 0
                    {
                        match self.remove_locked(&fresh, false) {
                            Ok(()) => removed.push(c.config.id),
                            // A running container still joins it: kept.
                            Err(Error::Container(container::Error::HasDependents { .. })) => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        self.reclaim_leftovers();
        Ok(removed)
    }

    /// Containers that use an image (by image ID): as their root file
    /// system or through an image mount.
    pub fn containers_using(&self, image_id: &str) -> Result<Vec<Container>> {
        Ok(self
            .records()
            .list()?
            .into_iter()
            .filter(|c| c.config.uses_image(image_id))
            .collect())
    }

    /// The log file of a container.
    pub fn log_path(&self, c: &Container) -> std::path::PathBuf {
        self.records().log_path(&c.config.id)
    }

    /// The stored OCI runtime spec of a container (for inspect and exec).
    pub fn container_spec(&self, c: &Container) -> Result<oci_spec::runtime::Spec> {
        self.load_spec(c)
    }
}
