//! `kube play --service-container`: the service container of a play's
//! pods, started before their members, stopped when none of them runs,
//! removed with the last of its pods.

use crate::engine::{Engine, RemoveOptions};
use crate::error::Result;
use crate::kube::Error as KubeError;
use crate::network::Mode;

impl Engine {
    /// The pods whose service container is `service_id`.
    pub(crate) fn pods_of_service(&self, service_id: &str) -> Result<Vec<crate::pod::PodConfig>> {
        Ok(self
            .pod_records()
            .list()?
            .into_iter()
            .filter(|p| p.service_container.as_deref() == Some(service_id))
            .collect())
    }

    /// podman's refusal to remove a service container its pods still name.
    pub(crate) fn check_service_removable(&self, c: &crate::container::Container) -> Result<()> {
        if !c.config.is_service {
            return Ok(());
        }
        let pods = self.pods_of_service(&c.config.id)?;
        if pods.is_empty() {
            return Ok(());
        }
        Err(KubeError::ServiceContainerInUse {
            id: c.config.id.clone(),
            pods: pods.into_iter().map(|p| p.id).collect(),
        }
        .into())
    }

    /// After a member of pod `pod_id` exited: when no member of any pod of
    /// its service container runs any more, the service container stops
    /// (podman stops it when its pods have all exited).
    pub(crate) fn stop_idle_service(&self, pod_id: &str) {
        let Ok(pod) = self.pod_records().load(pod_id) else {
            return;
        };
        let Some(sid) = pod.service_container else {
            return;
        };
        let live = || {
            self.pods_of_service(&sid).is_ok_and(|pods| {
                pods.iter().any(|p| {
                    self.pod(&p.id).is_ok_and(|p| {
                        p.members.iter().any(|c| {
                            matches!(
                                c.state.status,
                                crate::container::Status::Running
                                    | crate::container::Status::Paused
                                    | crate::container::Status::Stopping
                            )
                        })
                    })
                })
            })
        };
        if live() {
            return;
        }
        match self.container(&sid) {
            Ok(s)
                if matches!(
                    s.state.status,
                    crate::container::Status::Running | crate::container::Status::Paused
                ) =>
            {
                // --service-exit-code-propagation: the members' failures
                // kill the service container instead of stopping it.
                let policy = s.config.kube_exit_code_propagation.unwrap_or_default();
                let (failed, total) = self.service_members_failed(&sid);
                let stopped = if policy.fails(failed, total) {
                    self.kill_container(&sid, libc::SIGKILL).map(drop)
                } else {
                    self.stop_container(&sid, None).map(drop)
                };
                if let Err(e) = stopped {
                    tracing::warn!("stopping service container {sid}: {e}");
                }
                // A `pod start`/`restart` that found it still running may
                // have started members meanwhile: then it runs again.
                if live() {
                    if let Err(e) = self.start_detached(&sid) {
                        tracing::warn!("starting service container {sid}: {e}");
                    }
                }
            }
            _ => {}
        }
    }

    /// How many of the containers of the pods of service `sid` exited
    /// non-zero, of how many (podman's counts for exit-code propagation).
    fn service_members_failed(&self, sid: &str) -> (usize, usize) {
        let (mut failed, mut total) = (0, 0);
        for p in self.pods_of_service(sid).unwrap_or_default() {
            let Ok(pod) = self.pod(&p.id) else { continue };
            for c in &pod.members {
                total += 1;
                if c.state.exit_code != 0 {
                    failed += 1;
                }
            }
        }
        (failed, total)
    }

    /// Before pod `p`'s members start: its service container runs.
    pub(crate) fn start_service_of(&self, p: &crate::pod::PodConfig) -> Result<()> {
        let Some(sid) = &p.service_container else {
            return Ok(());
        };
        let s = self.container(sid)?;
        if !matches!(
            s.state.status,
            crate::container::Status::Running | crate::container::Status::Paused
        ) {
            self.start_detached(sid)?;
        }
        Ok(())
    }

    /// After pod `p`'s record is gone: its service container goes too once
    /// no other pod names it.
    pub(crate) fn remove_idle_service(&self, p: &crate::pod::PodConfig) {
        let Some(sid) = &p.service_container else {
            return;
        };
        if self.pods_of_service(sid).is_ok_and(|pods| pods.is_empty()) {
            match self.remove_container(sid, RemoveOptions::everything()) {
                Err(e) if !e.is_container_not_found() => {
                    tracing::warn!("removing service container {sid}: {e}");
                }
                _ => {}
            }
        }
    }

    /// `kube play --service-container`: makes and starts the service
    /// container `name` (from `image`, already local or pulled as the
    /// members' are): no network, read-only, its process rpod-init's pause.
    /// With `replace`, one of that name goes first.
    pub(super) fn play_service(
        &self,
        name: &str,
        image: &crate::spec::ImageSpec,
        replace: bool,
        propagation: crate::kube::ExitCodePropagation,
    ) -> Result<String> {
        if replace {
            match self.remove_container(name, RemoveOptions::everything()) {
                Err(e) if !e.is_container_not_found() => return Err(e),
                _ => {}
            }
        }
        let mut s = crate::spec::ContainerSpec {
            name: Some(name.to_string()),
            image: image.clone(),
            service: true,
            kube_exit_code_propagation: propagation,
            read_only: Some(true),
            ..Default::default()
        };
        s.network.mode = Some(Mode::None);
        s.process.command = vec!["rpod-pause".to_string()];
        s.process.entrypoint = Some(Vec::new());
        let c = self.create_container(&s)?;
        self.start_detached(&c.config.id)?;
        Ok(c.config.id)
    }
}
