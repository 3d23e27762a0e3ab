//! `rpod update`: changes a container's resource limits, restart policy,
//! healthcheck and ulimits after it was created, as podman 5's `update`.
//! Only what is given changes (podman issue 24610). The record (and the
//! stored OCI spec) is rewritten atomically under the container's lock;
//! a running container's cgroup gets the new limits at once. Its
//! supervisor reads the record again when the container exits (restart
//! policy) and when its health timer fires or the record changes
//! ([`super::health::HealthTimer`]); ulimits apply from the next start.

use super::cgroup::CgroupError;
use crate::container::{Container, Records, Status};
use crate::engine::Engine;
use crate::error::Result;
use crate::health::{HealthError, HealthFlags, HealthParts};
use crate::spec::resources::{ResourceFlags, Resources};
use crate::spec::RestartPolicy;
use crate::spec::{HostLimits, Ulimit};

/// Why `update` refused or failed (a cgroup that would not take the new
/// limits is a [`CgroupError::Update`]).
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// A `--rm` container cannot get a restart policy.
    #[error(
        "container {id} is removed when it exits (--rm): it cannot have restart policy {policy}"
    )]
    RestartWithRm {
        /// The container's short ID.
        id: String,
        /// The policy asked for.
        policy: RestartPolicy,
    },
    /// The healthcheck flags do not fit together.
    #[error(transparent)]
    Health(HealthError),
    /// The stored runtime spec has no process to change.
    #[error("container {id}: its runtime spec has no process")]
    NoProcess {
        /// The container's short ID.
        id: String,
    },
}

/// What `update` changes; what is left at its default stays as it is.
#[derive(Debug, Clone, Default)]
pub struct UpdateRequest {
    /// The resource flags as given (`--memory`, `--cpus` ...).
    pub resources: ResourceFlags,
    /// `--restart`.
    pub restart: Option<RestartPolicy>,
    /// The `--health-*` flags and `--no-healthcheck`.
    pub health: HealthFlags,
    /// `--ulimit` (empty: unchanged), applied from the next start.
    pub ulimits: Vec<Ulimit>,
    /// `--env`: variables set (or replaced) from the next start.
    pub env: Vec<crate::spec::EnvVar>,
    /// `--unsetenv`: variables removed from the next start.
    pub unset_env: Vec<String>,
}

impl Engine {
    /// `rpod update`: applies `req` to container `name_or_id`; returns its
    /// full ID and podman's warnings (limits ignored rootless on cgroup v1).
    pub fn update_container(
        &self,
        name_or_id: &str,
        req: &UpdateRequest,
    ) -> Result<(String, Vec<String>)> {
        let id = self.container(name_or_id)?.config.id;
        let records = self.records();
        let mut warnings = Vec::new();
        let (c, health_added) = {
            // As `rename` and `network connect`: the store's lock, then the
            // container's (the config is replaced whole).
            let _all = records.lock_all()?;
            let _l = records.lock(&id)?;
            let mut c = records.load(&id)?;
            if Records::supervisor_gone(&c.state) {
                c.state.status = Status::Exited;
            }
            let mut spec_changed = false;
            let mut oci = self.load_spec(&c)?;

            if Resources::flags_given(&req.resources) {
                let (r, w) = c
                    .config
                    .resources
                    .updated(&req.resources)
                    .map_err(crate::container::CreateError::Resources)?;
                warnings.extend(w);
                // Named devices must be block devices, managed cgroup or not.
                let devices = super::create::block_devices(&r)?;
                match self.cgroup_under(&id, c.config.cgroup_parent.as_deref()) {
                    Some(cg) => {
                        let running = matches!(c.state.status, Status::Running | Status::Paused)
                            && c.state.init_process().is_some();
                        if running {
                            let w = cg.apply(&r).map_err(|source| CgroupError::Update {
                                id: c.short_id().to_string(),
                                source,
                            })?;
                            warnings.extend(w);
                        }
                        let limits = r
                            .to_oci(|p| {
                                devices.get(p).copied().ok_or_else(|| {
                                    std::io::Error::from(std::io::ErrorKind::NotFound)
                                })
                            })
                            .map_err(crate::container::CreateError::Resources)?;
                        if let Some(linux) = oci.linux_mut() {
                            let mut res = linux.resources().clone().unwrap_or_default();
                            let limits = limits.unwrap_or_default();
                            res.set_memory(*limits.memory());
                            res.set_cpu(limits.cpu().clone());
                            res.set_pids(*limits.pids());
                            res.set_block_io(limits.block_io().clone());
                            linux.set_resources(Some(res));
                            spec_changed = true;
                        }
                        c.config.resources = r;
                    }
                    None => {
                        // As `run`: accepted, and dropped with podman's warning.
                        let unified =
                            crate::cgroups::Layout::detect().is_ok_and(|l| l.is_unified());
                        warnings.push(
                            if self.rootless && !unified {
                                crate::cgroups::V1_ROOTLESS_WARNING
                            } else if self.rootless {
                                crate::cgroups::V2_ROOTLESS_NO_PARENT
                            } else {
                                "Resource limits are ignored: this host has no cgroup file system mounted"
                            }
                            .to_string(),
                        );
                    }
                }
            }

            if let Some(v) = &req.resources.oom_score_adj {
                // A process setting, from the next start (limits or not).
                let (r, _) = Resources::from_flags(&ResourceFlags {
                    oom_score_adj: Some(v.clone()),
                    ..Default::default()
                })
                .map_err(crate::container::CreateError::Resources)?;
                c.config.resources.oom_score_adj = r.oom_score_adj;
                if let Some(p) = oci.process_mut() {
                    p.set_oom_score_adj(r.oom_score_adj);
                    spec_changed = true;
                }
            }

            if let Some(p) = req.restart {
                if c.config.auto_remove && p != RestartPolicy::No {
                    return Err(UpdateError::RestartWithRm {
                        id: c.short_id().to_string(),
                        policy: p,
                    }
                    .into());
                }
                c.config.restart = p;
            }

            let had_check = c.config.healthcheck.is_some();
            if req.health != HealthFlags::default() {
                let parts = crate::health::update(
                    &HealthParts {
                        check: c.config.healthcheck.clone(),
                        startup: c.config.startup_healthcheck.clone(),
                        settings: c.config.health.clone(),
                        disabled: c.config.healthcheck_disabled,
                    },
                    &req.health,
                )
                .map_err(UpdateError::Health)?;
                c.config.healthcheck = parts.check;
                c.config.startup_healthcheck = parts.startup;
                c.config.health = parts.settings;
                c.config.healthcheck_disabled = parts.disabled;
            }

            if !req.ulimits.is_empty() {
                let limits = HostLimits::current(self.rootless);
                let given: Vec<Ulimit> = req
                    .ulimits
                    .iter()
                    .map(|u| clamp_ulimit(*u, &limits))
                    .collect();
                let process = process_of(&mut oci, &c)?;
                let current: Vec<Ulimit> = process
                    .rlimits()
                    .iter()
                    .flatten()
                    .map(|r| Ulimit {
                        resource: r.typ(),
                        soft: r.soft(),
                        hard: r.hard(),
                    })
                    .collect();
                let merged = crate::spec::ulimit::merge(&[&current, &given])
                    .iter()
                    .map(|u| {
                        oci_spec::runtime::PosixRlimitBuilder::default()
                            .typ(u.resource)
                            .soft(u.soft)
                            .hard(u.hard)
                            .build()
                            .expect("every field is set")
                    })
                    .collect();
                process.set_rlimits(Some(merged));
                crate::spec::ulimit::keep_given(&mut oci, &given);
                spec_changed = true;
            }

            if !req.env.is_empty() || !req.unset_env.is_empty() {
                let process = process_of(&mut oci, &c)?;
                let current = process.env().clone().unwrap_or_default();
                process.set_env(Some(updated_env(&current, &req.env, &req.unset_env)));
                spec_changed = true;
            }

            if spec_changed {
                let bytes = serde_json::to_vec(&oci).expect("specs serialise");
                records.save_spec(&id, &bytes)?;
            }
            records.save_config(&c.config)?;
            let running = matches!(c.state.status, Status::Running | Status::Paused);
            (c, running && !had_check)
        };
        if health_added && c.config.healthcheck.is_some() {
            self.health_started(&c);
        }
        self.event_container(&c, crate::events::Status::Update);
        Ok((id, warnings))
    }
}

/// The stored spec's process, which `--ulimit` and `--env` change.
fn process_of<'a>(
    oci: &'a mut oci_spec::runtime::Spec,
    c: &Container,
) -> Result<&'a mut oci_spec::runtime::Process> {
    oci.process_mut().as_mut().ok_or_else(|| {
        UpdateError::NoProcess {
            id: c.short_id().to_string(),
        }
        .into()
    })
}

/// The environment after `update --env`/`--unsetenv`: a given variable
/// replaces one of the same name in place (or is added at the end), then
/// the unset names go, as podman updates the spec's list.
fn updated_env(current: &[String], set: &[crate::spec::EnvVar], unset: &[String]) -> Vec<String> {
    let name = |e: &str| e.split_once('=').map_or(e, |(n, _)| n).to_string();
    let mut out: Vec<String> = current.to_vec();
    for v in set {
        match out.iter_mut().find(|e| name(e) == v.name) {
            Some(e) => *e = v.to_string(),
            None => out.push(v.to_string()),
        }
    }
    out.retain(|e| !unset.contains(&name(e)));
    out
}

/// Rootless (no CAP_SYS_RESOURCE) a hard limit cannot be raised: it is
/// lowered to ours, as podman clamps it.
fn clamp_ulimit(u: Ulimit, limits: &HostLimits) -> Ulimit {
    if limits.can_raise {
        return u;
    }
    let hard = u.hard.min(limits.hard(u.resource));
    Ulimit {
        soft: u.soft.min(hard),
        hard,
        ..u
    }
}

#[cfg(test)]
mod tests {
    use super::updated_env;
    use crate::spec::EnvVar;

    #[test]
    fn env_replaced_in_place_added_and_unset() {
        let current = vec!["PATH=/bin".to_string(), "A=1".into(), "B=2".into()];
        let out = updated_env(
            &current,
            &[EnvVar::new("A", "x=y"), EnvVar::new("C", "")],
            &["B".to_string(), "NOPE".into()],
        );
        assert_eq!(out, ["PATH=/bin", "A=x=y", "C="]);
    }
}
