//! A container's cgroup as the engine uses it: made and limited before
//! its process is released ([`Engine::launch`] puts the process in it
//! between the clone and the go-ahead, so the user's command never runs
//! unlimited), and removed, with the OOM killer's count read first, when
//! the container has exited or is removed. Rootless on cgroup v1 there is
//! none ([`crate::cgroups::plan`]).

use super::Engine;
use crate::cgroups::{self, Cgroup, Plan};
use crate::error::{Error, Result};
use std::time::{Duration, Instant};

impl Engine {
    /// The cgroup rpod manages for container `id`, if it may have one.
    pub(super) fn container_cgroup(&self, id: &str) -> Option<Cgroup> {
        let layout = cgroups::Layout::detect().ok()?;
        match cgroups::plan(&layout, self.rootless, None, id) {
            Plan::Managed(cg) => Some(cg),
            Plan::Unsupported { .. } => None,
        }
    }

    /// Creates the container's cgroup with its limits (before its process
    /// exists); `None` where it has none.
    pub(super) fn prepare_cgroup(&self, c: &crate::container::Container) -> Result<Option<Cgroup>> {
        let Some(cg) = self.container_cgroup(&c.config.id) else {
            return Ok(None);
        };
        let made = cg.create().and_then(|()| cg.apply(&c.config.resources));
        match made {
            Ok(warnings) => {
                for w in warnings {
                    tracing::warn!("{w}");
                }
                Ok(Some(cg))
            }
            Err(e) => {
                let _ = cg.remove();
                Err(Error::Message(format!(
                    "setting up the cgroup of container {}: {e}",
                    c.short_id()
                )))
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
}
