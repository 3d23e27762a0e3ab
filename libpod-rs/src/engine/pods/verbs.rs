//! The pod verbs as batches over the members: start, stop, restart,
//! kill, pause, unpause (one report per pod), rm and prune.

use super::{pod_event, PodAction, PodRemoveOptions, PodReport};
use crate::container::Status;
use crate::engine::{Engine, RemoveOptions};
use crate::error::Result;
use crate::pod;
use crate::pod::PodStatus;

impl Engine {
    /// Applies `action` to every member of a pod (creation order; stop
    /// and kill in reverse). A pod without members is an error for start
    /// (podman's "no containers in pod").
    pub fn pod_action(&self, name_or_id: &str, action: PodAction) -> Result<PodReport> {
        let pod = self.pod(name_or_id)?;
        let p = &pod.config;
        let _l = self.pod_records().lock(&p.id)?;
        let mut errors = Vec::new();
        let ids: Vec<String> = pod.members.iter().map(|c| c.config.id.clone()).collect();
        match action {
            PodAction::Start => {
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                // Init containers first, to completion, in creation order;
                // one that fails stops the start (podman's).
                self.run_init_containers(&pod)?;
                for c in pod.members.iter().filter(|c| c.config.init_ctr.is_none()) {
                    if !matches!(c.state.status, Status::Running | Status::Paused) {
                        if let Err(e) = self.start_detached(&c.config.id) {
                            errors.push(e);
                        }
                    }
                }
                // Once more: the last exit may have stopped it meanwhile.
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                self.emit(&pod_event(p, crate::events::Status::Start));
            }
            PodAction::Stop(t) => {
                pod::mark_infra_down(self.store.runroot(), p);
                for r in self.stop_containers(&ids, t) {
                    if let Err(e) = r {
                        errors.push(e);
                    }
                }
                self.emit(&pod_event(p, crate::events::Status::Stop));
            }
            PodAction::Restart(t) => {
                for r in self.stop_containers(&ids, t) {
                    if let Err(e) = r {
                        errors.push(e);
                    }
                }
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                // Init containers are not run again by restart (podman's).
                for c in pod.members.iter().filter(|c| c.config.init_ctr.is_none()) {
                    if let Err(e) = self.start_detached(&c.config.id) {
                        errors.push(e);
                    }
                }
                // Once more: the members' exits may have stopped it meanwhile.
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                self.emit(&pod_event(p, crate::events::Status::Restart));
            }
            PodAction::Kill(sig) => {
                pod::mark_infra_down(self.store.runroot(), p);
                for c in pod.members.iter().rev() {
                    if matches!(c.state.status, Status::Running | Status::Paused) {
                        if let Err(e) = self.kill_container(&c.config.id, sig) {
                            errors.push(e);
                        }
                    }
                }
                self.emit(&pod_event(p, crate::events::Status::Kill));
            }
            PodAction::Pause | PodAction::Unpause => {
                let thaw = action == PodAction::Unpause;
                let want = if thaw {
                    Status::Paused
                } else {
                    Status::Running
                };
                for c in pod.members.iter().filter(|c| c.state.status == want) {
                    if let Err(e) = self.pause_container(&c.config.id, thaw) {
                        errors.push(e);
                    }
                }
                self.emit(&pod_event(
                    p,
                    if thaw {
                        crate::events::Status::Unpause
                    } else {
                        crate::events::Status::Pause
                    },
                ));
            }
        }
        Ok(PodReport {
            id: p.id.clone(),
            errors,
        })
    }

    /// `pod start`'s first step: each init container (`create --init-ctr`)
    /// runs to completion in creation order; a non-zero exit is the
    /// error, and a `once` one is removed after it succeeded.
    fn run_init_containers(&self, pod: &crate::engine::Pod) -> Result<()> {
        for c in pod.members.iter().filter(|c| c.config.init_ctr.is_some()) {
            let id = &c.config.id;
            self.start_detached(id)?;
            let code = self.wait_container(id, crate::engine::WaitCondition::Stopped)?;
            if code != 0 {
                return Err(pod::Error::InitContainerFailed {
                    id: id.clone(),
                    code,
                }
                .into());
            }
            if c.config.init_ctr == Some(crate::spec::InitCtr::Once) {
                self.remove_container(id, RemoveOptions::default())?;
            }
        }
        Ok(())
    }

    /// Removes a pod and (with `force`, or when none runs) its members.
    pub fn remove_pod(&self, name_or_id: &str, how: PodRemoveOptions) -> Result<String> {
        let pod = self.pod(name_or_id)?;
        let p = &pod.config;
        let _l = self.pod_records().lock(&p.id)?;
        if !how.force {
            let busy: Vec<(String, Status)> = pod
                .members
                .iter()
                .filter(|c| {
                    matches!(
                        c.state.status,
                        Status::Running | Status::Paused | Status::Stopping
                    )
                })
                .map(|c| (c.config.id.clone(), c.state.status))
                .collect();
            if !busy.is_empty() {
                return Err(pod::Error::MembersRunning {
                    pod: p.id.clone(),
                    busy,
                }
                .into());
            }
        }
        let ids: Vec<String> = pod.members.iter().map(|c| c.config.id.clone()).collect();
        if how.force {
            for r in self.stop_containers(&ids, how.timeout) {
                if let Err(e) = r {
                    if !e.is_container_not_found() {
                        tracing::warn!("{e}");
                    }
                }
            }
        }
        for id in &ids {
            let opts = RemoveOptions {
                force: how.force,
                depend: true,
                stop_timeout: how.timeout,
                ..RemoveOptions::default()
            };
            match self.remove_container(id, opts) {
                Ok(_) => {}
                Err(e) if e.is_container_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        self.end_pid_holder(p);
        self.remove_pod_cgroup(p);
        let records = self.pod_records();
        let _all = records.lock_all()?;
        records.remove(&p.id)?;
        drop(_all);
        self.remove_idle_service(p);
        self.emit(&pod_event(p, crate::events::Status::Remove));
        Ok(p.id.clone())
    }

    /// Removes every Stopped or Exited pod (`pod prune`), as podman;
    /// returns their IDs.
    pub fn prune_pods(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for pod in self.pods()? {
            // podman's: only Stopped and Exited pods go (not Created,
            // Running, Degraded, Paused), removed as `pod rm -f` would.
            if matches!(pod.status(), PodStatus::Stopped | PodStatus::Exited) {
                let force = PodRemoveOptions {
                    force: true,
                    ..PodRemoveOptions::default()
                };
                out.push(self.remove_pod(&pod.config.id, force)?);
            }
        }
        Ok(out)
    }
}
