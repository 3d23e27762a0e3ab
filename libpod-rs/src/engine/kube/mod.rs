//! `kube play`, `kube down` and `kube generate` against the store: the
//! I/O around [`crate::kube`]'s pure plan and writer. Play checks
//! everything it can before it writes (pods that exist, host paths), then
//! creates volumes (with their ConfigMap/Secret files), builds images
//! (`--build`), creates each pod with [`Engine::create_pod`] and its
//! containers as members, runs init containers to completion, and starts
//! the rest. A pod whose containers cannot be created is removed again.

mod generate;
mod play;
mod service;

use std::path::{Path, PathBuf};

use super::{Engine, PodRemoveOptions};
use crate::error::Result;
use crate::kube::play::Plan;
use crate::kube::Error as KubeError;

/// How `kube play` runs a plan.
#[derive(Debug, Clone, Default)]
pub struct PlayRun {
    /// `--start` (default true): start the containers.
    pub start: bool,
    /// `--replace`: pods that exist are removed first.
    pub replace: bool,
    /// `--build`: `Some(true)` builds every image with a Containerfile in a
    /// directory named after it, `Some(false)` never builds, `None` builds
    /// only the images that are missing.
    pub build: Option<bool>,
    /// `--context-dir` (the working directory when `None`).
    pub context_dir: Option<PathBuf>,
    /// `--authfile`: must exist; the pulls and builds of the play use it.
    pub authfile: Option<PathBuf>,
    /// `--log-driver`, `--log-opt`: the containers' logging (`None`: the default).
    pub log: Option<crate::spec::LogConfig>,
    /// `--service-container`: the service container's name
    /// (`<first 12 hex of the YAML's sha256>-service`).
    pub service: Option<String>,
    /// `--service-exit-code-propagation`.
    pub exit_code_propagation: crate::kube::ExitCodePropagation,
}

/// One pod `kube play` made.
#[derive(Debug, Clone, Default)]
pub struct PlayedPod {
    /// The pod's ID.
    pub id: String,
    /// Its containers' IDs.
    pub containers: Vec<String>,
    /// Its init containers' IDs.
    pub init_containers: Vec<String>,
    /// Containers that did not start, with why.
    pub errors: Vec<String>,
}

/// What `kube play` made.
#[derive(Debug, Clone, Default)]
pub struct PlayReport {
    /// PersistentVolumeClaims' volumes.
    pub volumes: Vec<String>,
    /// The pods.
    pub pods: Vec<PlayedPod>,
    /// `--service-container`: the service container's ID.
    pub service: Option<String>,
}

/// What `kube down` removed.
#[derive(Debug, Clone, Default)]
pub struct DownReport {
    /// Pods stopped (IDs).
    pub stopped: Vec<String>,
    /// Pods removed (IDs).
    pub removed: Vec<String>,
    /// Volumes removed.
    pub volumes: Vec<String>,
    /// Pods that could not be removed, with why.
    pub errors: Vec<String>,
}

impl Engine {
    /// The store's secrets that the YAML uses without defining them, read
    /// as Kubernetes Secrets (for [`crate::kube::PlayOptions::stored_secrets`]);
    /// one not in the store is left to the plan (an error unless optional).
    pub fn kube_stored_secrets(
        &self,
        docs: &[crate::kube::Document],
    ) -> Result<Vec<crate::kube::model::Secret>> {
        let mut out = Vec::new();
        for name in crate::kube::undefined_secrets(docs) {
            match self.secret_data(&name) {
                Ok((_, data)) => out.push(crate::kube::stored_secret(&name, &data)?),
                Err(e) if e.is_secret_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// `kube play --down` / `kube down`: removes the plan's pods (stopping
    /// their containers), its emptyDir volumes, and with `force` its other
    /// volumes.
    pub fn kube_down(&self, plan: &Plan, force: bool) -> Result<DownReport> {
        let mut r = DownReport::default();
        for p in &plan.pods {
            let pod = match self.pod(&p.name) {
                Ok(pod) => pod,
                Err(e) if e.is_pod_not_found() => continue,
                Err(e) => return Err(e),
            };
            let running = pod.members.iter().any(|c| {
                matches!(
                    c.state.status,
                    crate::container::Status::Running | crate::container::Status::Paused
                )
            });
            let how = PodRemoveOptions {
                force: true,
                timeout: None,
                ignore: true,
            };
            match self.remove_pod(&pod.config.id, how) {
                Ok(id) => {
                    if running {
                        r.stopped.push(id.clone());
                    }
                    r.removed.push(id);
                }
                Err(e) => r.errors.push(format!("{}: {e}", p.name)),
            }
        }
        for v in &plan.volumes {
            if !(v.ephemeral || force) {
                continue;
            }
            match self.remove_volume(&v.name, false, None) {
                Ok(()) => r.volumes.push(v.name.clone()),
                Err(e) if e.is_volume_not_found() => {}
                Err(e) => r.errors.push(format!("volume {}: {e}", v.name)),
            }
        }
        Ok(r)
    }
}

/// `--authfile` must name a file that exists (podman's message).
pub fn check_authfile(f: &Path) -> Result<()> {
    if crate::config::auth::only_from_env(f) {
        return Ok(());
    }
    match fs_err::metadata(f) {
        Ok(_) => Ok(()),
        Err(error) => Err(KubeError::Authfile {
            path: f.to_path_buf(),
            error,
        }
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_missing_authfile_is_typed_with_podmans_text() {
        let e = check_authfile(Path::new("/no/such/auth.json")).unwrap_err();
        assert!(matches!(e, Error::Kube(KubeError::Authfile { .. })));
        assert_eq!(
            e.to_string(),
            "credential file is not accessible: faccessat /no/such/auth.json: no such file or directory"
        );
    }
}
