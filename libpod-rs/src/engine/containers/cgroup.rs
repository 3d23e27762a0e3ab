//! A container's cgroup as the engine uses it: made and limited before
//! its process is released ([`Engine::launch`] puts the process in it
//! between the clone and the go-ahead, so the user's command never runs
//! unlimited), and removed, with the OOM killer's count read first, when
//! the container has exited or is removed. Rootless on cgroup v1 there is
//! none ([`crate::cgroups::plan`]).

use std::time::{Duration, Instant};

use super::Engine;
use crate::cgroups::{self, Cgroup, Plan};
use crate::container::{self, Records, Status};
use crate::error::{Error, Result};

/// Why a container's cgroup could not be made, frozen or read.
#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    /// Making or limiting the container's cgroup failed.
    #[error("setting up the cgroup of container {id}: {source}")]
    Setup {
        /// The container's short ID.
        id: String,
        /// Why.
        source: cgroups::Error,
    },
    /// Rootless on cgroup v1 there is no cgroup to pause (podman's error).
    #[error("{}", cgroups::stats::ROOTLESS_V1_PAUSE)]
    RootlessV1Pause,
    /// The container has no cgroup to freeze (podman's error).
    #[error("can not pause this container: this container does not have a cgroup")]
    NoCgroupToPause,
    /// Freezing (`thaw`: thawing) the cgroup failed.
    #[error("{} container {id}: {source}", if *thaw { "unpausing" } else { "pausing" })]
    Freeze {
        /// Whether it was `unpause`.
        thaw: bool,
        /// The container's short ID.
        id: String,
        /// Why.
        source: cgroups::Error,
    },
    /// Rootless on cgroup v1 there are no statistics (podman's error).
    #[error("{}", cgroups::stats::ROOTLESS_V1_STATS)]
    RootlessV1Stats,
    /// A running container without a cgroup has no statistics.
    #[error("container {id}: it has no cgroup to read statistics from")]
    NoCgroupForStats {
        /// The container's short ID.
        id: String,
    },
    /// Reading the cgroup's counters failed.
    #[error("reading the statistics of container {id}: {source}")]
    Stats {
        /// The container's short ID.
        id: String,
        /// Why.
        source: cgroups::Error,
    },
    /// Changing a running container's limits failed (`update`).
    #[error("updating the cgroup of container {id}: {source}")]
    Update {
        /// The container's short ID.
        id: String,
        /// Why.
        source: cgroups::Error,
    },
}

impl Engine {
    /// The cgroup rpod manages for container `id` (under its
    /// `--cgroup-parent`, read from its record), if it may have one.
    pub(super) fn container_cgroup(&self, id: &str) -> Option<Cgroup> {
        let parent = self
            .records()
            .load(id)
            .ok()
            .and_then(|c| c.config.cgroup_parent);
        self.cgroup_under(id, parent.as_deref())
    }

    /// The cgroup of container `id` under `parent` (`None`: the default).
    pub(super) fn cgroup_under(&self, id: &str, parent: Option<&str>) -> Option<Cgroup> {
        let layout = cgroups::Layout::detect().ok()?;
        match cgroups::plan(&layout, self.rootless, parent, id) {
            Plan::Managed(cg) => Some(cg),
            Plan::Unsupported { .. } => None,
        }
    }

    /// Creates the container's cgroup with its limits (before its process
    /// exists); `None` where it has none.
    pub(super) fn prepare_cgroup(&self, c: &crate::container::Container) -> Result<Option<Cgroup>> {
        let Some(cg) = self.cgroup_under(&c.config.id, c.config.cgroup_parent.as_deref()) else {
            return Ok(None);
        };
        let rules: Vec<String> = c
            .config
            .device_rules
            .iter()
            .map(ToString::to_string)
            .collect();
        let made = cg.create().and_then(|()| {
            if !rules.is_empty() {
                cg.allow_devices(&rules)?;
            }
            cg.apply(&c.config.resources)
        });
        match made {
            Ok(warnings) => {
                for w in warnings {
                    tracing::warn!("{w}");
                }
                Ok(Some(cg))
            }
            Err(e) => {
                let _ = cg.remove();
                Err(CgroupError::Setup {
                    id: c.short_id().to_string(),
                    source: e,
                }
                .into())
            }
        }
    }

    /// Removes container `id`'s cgroup once its processes are gone (they
    /// may take a moment to leave it after PID 1 was reaped); returns
    /// whether the OOM killer killed one of them.
    pub(super) fn release_cgroup(&self, id: &str) -> bool {
        let Some(cg) = self.container_cgroup(id) else {
            return false;
        };
        let oom = cg.oom_kills().is_ok_and(|n| n > 0);
        // Killed while paused: on cgroup v1 its processes die only once thawed.
        if cg.is_frozen().unwrap_or(false) {
            let _ = cg.thaw();
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut delay = Duration::from_millis(1);
        loop {
            match cg.remove() {
                Ok(()) => break,
                Err(cgroups::Error::Busy { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(50));
                }
                Err(e) => {
                    tracing::warn!("removing the cgroup of container {id}: {e}");
                    break;
                }
            }
        }
        oom
    }

    /// `pause` (`thaw`: `unpause`): freezes or thaws every process of a
    /// running container through its cgroup's freezer, with podman's
    /// errors (a container in another state; rootless on cgroup v1, which
    /// has no cgroup for it).
    pub fn pause_container(&self, name_or_id: &str, thaw: bool) -> Result<()> {
        let id = self.container(name_or_id)?.config.id;
        let records = self.records();
        let _l = records.lock(&id)?;
        let mut c = records.load(&id)?;
        if Records::supervisor_gone(&c.state) {
            c.state.status = Status::Exited;
        }
        let improper = |what: String| Error::from(container::Error::StateImproper(what));
        match (thaw, c.state.status) {
            (true, Status::Paused) | (false, Status::Running) => {}
            (true, _) => return Err(improper(format!("{id:?} is not paused, can't unpause"))),
            (false, Status::Paused) => return Err(improper(format!("{id:?} is already paused"))),
            (false, s) => return Err(improper(format!("\"{s}\" is not running, can't pause"))),
        }
        let Some(cg) = self.container_cgroup(&id) else {
            let layout = cgroups::Layout::detect().ok();
            return Err(
                if self.rootless && !layout.is_some_and(|l| l.is_unified()) {
                    CgroupError::RootlessV1Pause
                } else {
                    CgroupError::NoCgroupToPause
                }
                .into(),
            );
        };
        let done = if thaw { cg.thaw() } else { cg.freeze() };
        done.map_err(|source| CgroupError::Freeze {
            thaw,
            id: c.short_id().to_string(),
            source,
        })?;
        c.state.status = if thaw {
            Status::Running
        } else {
            Status::Paused
        };
        records.save_state(&id, &c.state)?;
        drop(_l);
        let event = if thaw {
            crate::events::Status::Unpause
        } else {
            crate::events::Status::Pause
        };
        self.event_container(&c, event);
        Ok(())
    }

    /// Thaws a paused container's cgroup after a signal was sent to it,
    /// so that the signal is delivered (stop and kill of a paused one).
    pub(super) fn thaw_after_signal(&self, id: &str) {
        if let Some(cg) = self.container_cgroup(id) {
            if let Err(e) = cg.thaw() {
                tracing::warn!("thawing container {id} to deliver a signal: {e}");
            }
        }
    }

    /// Whether `stats` can work here: podman's error rootless on cgroup v1.
    pub fn stats_supported(&self) -> Result<()> {
        let v1 = !cgroups::Layout::detect().is_ok_and(|l| l.is_unified());
        if self.rootless && v1 {
            return Err(CgroupError::RootlessV1Stats.into());
        }
        Ok(())
    }

    /// One `stats` reading of a container: its counters now, or `None`
    /// when it does not run (podman shows zeros then).
    pub fn container_sample(&self, name_or_id: &str) -> Result<StatsReading> {
        let c = self.container(name_or_id)?;
        let started_ns = c
            .state
            .started_at
            .and_then(|t| t.timestamp_nanos_opt())
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        let mut reading = StatsReading {
            id: c.config.id.clone(),
            name: c.config.name.clone(),
            started_ns,
            sample: None,
        };
        let pid = match c.state.init_process() {
            Some(p) if matches!(c.state.status, Status::Running | Status::Paused) => p.pid,
            _ => return Ok(reading),
        };
        let Some(cg) = self.container_cgroup(&c.config.id) else {
            return Err(CgroupError::NoCgroupForStats {
                id: c.short_id().to_string(),
            }
            .into());
        };
        let counters = match cg.stats() {
            Ok(s) => s,
            // Exited meanwhile: its cgroup went with it.
            Err(_) if c.state.init_process().is_none() => return Ok(reading),
            Err(e) => {
                return Err(CgroupError::Stats {
                    id: c.short_id().to_string(),
                    source: e,
                }
                .into())
            }
        };
        let (net_rx, net_tx) = cgroups::stats::net_io(pid).unwrap_or((0, 0));
        let at_ns = chrono::Utc::now()
            .timestamp_nanos_opt()
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        reading.sample = Some(cgroups::Sample {
            at_ns,
            cgroup: counters,
            net_rx,
            net_tx,
        });
        Ok(reading)
    }
}

/// One reading of a container for `stats`.
#[derive(Debug, Clone)]
pub struct StatsReading {
    /// Its full ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When it started, in nanoseconds since the epoch (0: never).
    pub started_ns: u64,
    /// Its counters; `None` when it does not run.
    pub sample: Option<cgroups::Sample>,
}
