//! The engine's pod operations: create (from a [`PodSpec`](crate::pod::PodSpec)), membership of
//! new containers (`--pod`, `--pod new:`), joining a running member's
//! namespaces at start, handing the network helper on when a member exits,
//! and the pod verbs (start, stop, restart, kill, pause, unpause, rm,
//! prune, top, stats) as batches over the members.
//!
//! See [`crate::pod`] for the design: no infra process; the namespaces
//! live while a member runs. Here: the pod and its reports; `create`
//! (records, cgroups, a new container's pod), `join` (namespaces, the PID
//! holder, the network helper), `verbs` (the batches, rm, prune).

mod create;
mod join;
mod verbs;

use super::Engine;
use crate::container::{Container, Status};
use crate::error::{Error, Result};
use crate::events::{Event, Type};
use crate::pod::{self, PodConfig, PodRecords, PodStatus};

/// A pod and its members (oldest first).
#[derive(Debug, Clone)]
pub struct Pod {
    /// The record.
    pub config: PodConfig,
    /// The containers that belong to it.
    pub members: Vec<Container>,
    /// Whether podman's infra container would be running ([`pod::infra_up`]).
    pub infra_up: bool,
}

impl Pod {
    /// `pod inspect`'s document.
    pub fn inspect(&self) -> pod::PodInspect {
        let mut doc = pod::PodInspect::of(&self.config, &self.members, self.infra_up);
        doc.InfraContainerID = self.infra_id().to_string();
        doc
    }

    /// What rpod shows as podman's infra container ID (`pod inspect`'s
    /// `InfraContainerID`, `pod ps`'s INFRA ID): the member whose
    /// namespaces the pod's members join now (the oldest running one, as
    /// `join_pod` picks it), so `inspect` of it gives the PID and
    /// `SandboxKey` of the pod's namespaces; empty when none runs or the
    /// pod shares nothing.
    pub fn infra_id(&self) -> &str {
        if !self.config.infra || self.config.share.is_empty() {
            return "";
        }
        self.members
            .iter()
            .find(|m| m.state.status == Status::Running && m.state.init_process().is_some())
            .map_or("", |m| m.config.id.as_str())
    }

    /// Its state, from its members' (podman's rules).
    pub fn status(&self) -> PodStatus {
        let states: Vec<Status> = self.members.iter().map(|c| c.state.status).collect();
        PodStatus::with_infra(&states, self.infra_up)
    }
}

/// How `pod rm` removes pods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PodRemoveOptions {
    /// `-f`: running members are stopped and removed.
    pub force: bool,
    /// `-t`: seconds to wait for members to stop before SIGKILL.
    pub timeout: Option<u32>,
    /// `-i`: a missing pod is not an error.
    pub ignore: bool,
}

/// The outcome of a pod verb for one pod: its ID, and the errors of the
/// members it could not act on (podman prints them, exit 125).
#[derive(Debug)]
pub struct PodReport {
    /// The pod's full ID.
    pub id: String,
    /// Per member that failed: why.
    pub errors: Vec<Error>,
}

/// A pod verb applied to every member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodAction {
    /// `pod start`.
    Start,
    /// `pod stop` (timeout in seconds; the members' own when `None`).
    Stop(Option<u32>),
    /// `pod restart`.
    Restart(Option<u32>),
    /// `pod kill` (signal number).
    Kill(i32),
    /// `pod pause`.
    Pause,
    /// `pod unpause`.
    Unpause,
}

/// The event of pod `p` with `status`.
fn pod_event(p: &PodConfig, status: crate::events::Status) -> Event {
    Event {
        id: p.id.clone(),
        name: p.name.clone(),
        ..Event::new(Type::Pod, status)
    }
}

impl Engine {
    /// The pod records of the store.
    pub(in crate::engine) fn pod_records(&self) -> PodRecords<'_> {
        PodRecords::new(&self.store)
    }

    /// Finds a pod by name, ID or ID prefix, with its members.
    pub fn pod(&self, name_or_id: &str) -> Result<Pod> {
        let config = self.pod_records().resolve(name_or_id)?;
        let members = self
            .containers()?
            .into_iter()
            .filter(|c| c.config.pod.as_deref() == Some(config.id.as_str()))
            .collect();
        let infra_up = pod::infra_up(self.store.runroot(), &config);
        Ok(Pod {
            config,
            members,
            infra_up,
        })
    }

    /// All pods, oldest first, with their members.
    pub fn pods(&self) -> Result<Vec<Pod>> {
        let configs = self.pod_records().list()?;
        let all = self.containers()?;
        Ok(configs
            .into_iter()
            .map(|config| {
                let members = all
                    .iter()
                    .filter(|c| c.config.pod.as_deref() == Some(config.id.as_str()))
                    .cloned()
                    .collect();
                let infra_up = pod::infra_up(self.store.runroot(), &config);
                Pod {
                    config,
                    members,
                    infra_up,
                }
            })
            .collect())
    }

    /// The newest pod (`--latest`); `NotFound("--latest")` when there is none.
    pub fn latest_pod(&self) -> Result<Pod> {
        self.pods()?
            .pop()
            .ok_or_else(|| pod::Error::NotFound("--latest".to_string()).into())
    }

    /// Whether a pod exists (`pod exists`).
    pub fn pod_exists(&self, name_or_id: &str) -> Result<bool> {
        match self.pod_records().resolve(name_or_id) {
            Ok(_) => Ok(true),
            Err(pod::Error::NotFound(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}
