//! The engine's container operations: create, run in the foreground, start
//! detached under a monitor, stop, kill, wait, remove, rename, prune, and
//! the repair of records whose supervisor died.
//!
//! A container is supervised by exactly one process at a time: `rpod run`
//! itself in the foreground, or a detached monitor (`rpod internal monitor`,
//! started with setsid). The supervisor is the parent of the container's
//! PID 1, writes its log and records its exit. Every other invocation acts
//! through the record and signals.
//!
//! A container created with `--network container:NAME` depends on NAME: it
//! joins NAME's network (and, rootless, user) namespace at each start, which
//! needs NAME running, shares NAME's /etc/hosts and /etc/resolv.conf, and
//! keeps NAME from being removed before it (`rm --depend` removes both).
//!
//! This file holds the start path's record plumbing (claim, launch, record
//! the exit); the children hold the rest: `create` (plan and commit a new
//! container), `lookup` (find, list, repair, rename, prune), `lifecycle`
//! (start, monitor, stop, kill, wait, rm), `networking`, `volumes`,
//! `attach` (attach and exec) and `inspect` (inspect and top).

use std::os::fd::OwnedFd;
use std::path::Path;

use chrono::Utc;

use super::Engine;
use crate::config::Driver;
use crate::container::{self, Container, Records, State, Status};
use crate::error::Result;

use crate::{layer, network, runtime, spec, userns};

mod attach;
mod build_run;
mod cgroup;
mod commit;
mod conf_defaults;
mod copy;
mod create;
mod health;
mod hooks;
mod image_mounts;
mod inspect;
mod lifecycle;
mod lookup;
mod namespaces;
pub(crate) mod networking;
mod stop;
mod top;
mod update;
mod volumes;

pub use build_run::BuildRunError;
pub use build_run::RunDefaults;
pub use cgroup::CgroupError;
pub use cgroup::StatsReading;
pub use commit::CommitError;
pub use commit::{CommitOptions, Committed};
pub use copy::{CopyError, CopyOptions, HelperFailure};
pub use create::CreateRequestError;
pub use health::{HealthcheckError, ProbeVerdict};
pub use lifecycle::LifecycleError;
pub use namespaces::NamespaceError;
pub use networking::{BridgeUnreachable, ContainerNetworkError};
pub use stop::StopError;
pub use top::TopError;
pub use update::UpdateError;
pub use update::UpdateRequest;
pub use volumes::VolumeArchiveError;

pub use inspect::{NamespaceIds, ProcessInfo};

/// How `rm` removes a container.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemoveOptions {
    /// `-f`: running containers are killed first.
    pub force: bool,
    /// `-v`: its anonymous volumes go too.
    pub volumes: bool,
    /// `--depend`: containers that join its namespaces go first.
    pub depend: bool,
    /// `-t` with `-f`: stop running containers gracefully first, killing
    /// them after this many seconds.
    pub stop_timeout: Option<u32>,
}

impl RemoveOptions {
    /// What removing everything in the way needs (`rmi -f`, `volume rm -f`,
    /// `system reset`): kill, and remove dependents first.
    pub fn everything() -> RemoveOptions {
        RemoveOptions {
            force: true,
            depend: true,
            ..RemoveOptions::default()
        }
    }
}

/// `wait --condition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    /// Until it is not running (the default).
    Stopped,
    /// Until it runs.
    Running,
    /// Until its healthcheck says healthy.
    Healthy,
    /// Until its healthcheck says unhealthy.
    Unhealthy,
    /// Until it is created and not started (or exited).
    Created,
    /// Until it is paused.
    Paused,
    /// Until a stop is waiting for it to exit.
    Stopping,
    /// Until it is removed (`--rm`, `rm`): its last exit code then.
    Removing,
}

impl Engine {
    pub(in crate::engine) fn records(&self) -> Records<'_> {
        Records::new(&self.store)
    }

    /// The root file system of container `c`, as its record describes it.
    pub(in crate::engine) fn rootfs(&self, c: &Container) -> Result<runtime::Rootfs> {
        let dir = self.records().dir(&c.config.id);
        let lower = match &c.config.rootfs {
            Some(r) if !r.overlay => return Ok(runtime::Rootfs::Dir(r.path.clone())),
            Some(r) if c.config.driver() == Driver::Overlay => Some(vec![r.path.clone()]),
            _ => None,
        };
        if c.config.driver() == Driver::Vfs {
            return Ok(runtime::Rootfs::Dir(dir.join("rootfs")));
        }
        let lower = match lower {
            Some(l) => l,
            None => {
                let image = self.find_image(&c.config.image_id).map_err(|_| {
                    LifecycleError::ImageRemoved {
                        id: c.short_id().to_string(),
                        image: c.config.image_id[..12.min(c.config.image_id.len())].to_string(),
                    }
                })?;
                self.layer_dirs(&image)
            }
        };
        Ok(runtime::Rootfs::Overlay(runtime::Overlay {
            lower,
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: dir.join("merged"),
            // The upper directory of a --rm container is discarded: skip overlay's syncs.
            volatile: c.config.auto_remove,
            mount_program: c.config.mount_program.clone(),
            storage_maps: Some(if self.rootless {
                (self.mappings.uids.clone(), self.mappings.gids.clone())
            } else {
                let id = crate::userns::IdMappings::identity_root();
                (id.uids, id.gids)
            }),
        }))
    }

    /// The directories whose union is container `name`'s root file system,
    /// top first (its upper directory, then its image's layers): read
    /// without mounting it (shell completion of `cp CONTAINER:PATH`).
    pub fn container_layer_dirs(&self, name: &str) -> Result<Vec<std::path::PathBuf>> {
        let c = self.container(name)?;
        Ok(match self.rootfs(&c)? {
            runtime::Rootfs::Dir(d) => vec![d],
            runtime::Rootfs::Overlay(o) => std::iter::once(o.upper).chain(o.lower).collect(),
        })
    }

    fn load_spec(&self, c: &Container) -> Result<oci_spec::runtime::Spec> {
        let bytes = self.records().spec_bytes(&c.config.id)?;
        serde_json::from_slice(&bytes).map_err(|source| {
            LifecycleError::SpecDamaged {
                id: c.short_id().to_string(),
                source,
            }
            .into()
        })
    }

    /// Marks a container as starting under this process: checks its state,
    /// and records this process as its supervisor.
    fn claim(&self, id: &str) -> Result<Container> {
        let records = self.records();
        let _l = records.lock(id)?;
        let mut c = records.load(id)?;
        if Records::supervisor_gone(&c.state) {
            c.state.status = Status::Exited;
        }
        match c.state.status {
            Status::Created | Status::Exited => {}
            s => {
                return Err(container::Error::State {
                    id: c.short_id().to_string(),
                    status: s,
                    what: "it is already running; stop it first with `rpod stop`".into(),
                }
                .into())
            }
        }
        c.state.status = Status::Running;
        c.state.clear_init();
        c.state.set_monitor_to_self();
        c.state.stopped_by_user = false;
        c.state.error.clear();
        if let Some(f) = &c.config.conmon_pidfile {
            // As conmon writes its own: replaced whole at each start.
            crate::store::atomic::replace(f, c.state.monitor_pid.to_string().as_bytes(), 0o644)
                .map_err(|source| LifecycleError::ConmonPidfile {
                    path: f.clone(),
                    source,
                })?;
        }
        records.save_state(id, &c.state)?;
        if !c.config.auto_remove {
            // Records of older rpods have no reserve yet.
            let _ = records.make_reserve(id);
        }
        Ok(c)
    }

    /// Records a state change under the container's lock.
    pub(in crate::engine) fn update_state(
        &self,
        id: &str,
        f: impl FnOnce(&mut State),
    ) -> Result<Option<Container>> {
        let records = self.records();
        let _l = records.lock(id)?;
        let mut c = match records.load(id) {
            Ok(c) => c,
            Err(container::Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        f(&mut c.state);
        records.save_state(id, &c.state)?;
        Ok(Some(c))
    }

    /// Starts the container's process under this process (with `notify`,
    /// the `--sdnotify=container` relay socket's directory, mounted in); on
    /// failure the record goes back to its previous status with the error
    /// noted.
    fn launch(
        &self,
        c: &Container,
        io: runtime::Stdio,
        notify: Option<&Path>,
    ) -> Result<runtime::Started> {
        let mut helper = None;
        let mut networks = Vec::new();
        let result = (|| -> Result<runtime::Started> {
            let mut oci = self.load_spec(c)?;
            // `:U` again: what changed owner since is the container's user's.
            for ch in &c.config.chown {
                let (uid, gid) = self.ids_for_chown(&oci, ch.uid, ch.gid);
                self.chown_tree(&ch.path, uid, gid, true)?;
            }
            self.chown_empty_volumes(c, &oci)?;
            // podman's default limits, from the starting process: kept in
            // the stored spec (inspect shows them, exec uses them).
            spec::ulimit::apply_start_defaults(&mut oci, &spec::HostLimits::current(self.rootless));
            let bytes = serde_json::to_vec(&oci).expect("specs serialise");
            self.records().save_spec(&c.config.id, &bytes)?;
            self.add_env_secrets(c, &mut oci)?;
            if let Some(dir) = notify {
                spec::add_notify_socket(&mut oci, dir)?;
            }
            let rootfs = self.rootfs(c)?;
            let mode = &c.config.network;
            // A pod member joins a running member's namespaces; the
            // first to run creates them, with the pod's network.
            let pod = self.join_pod(c, &mut oci)?;
            let pod_net = pod.as_ref().is_some_and(|p| p.net);
            let _joined = if pod_net {
                Vec::new()
            } else {
                self.join_network(c, mode, &mut oci)?
            };
            let _joined_ns = self.join_namespaces(c, &mut oci)?;
            let cgroup = self.prepare_cgroup(c)?;
            let mut bridge = match mode {
                network::Mode::Bridge(_) if !pod_net => Some(self.join_holder(c, &mut oci)?),
                _ => None,
            };
            let mut net_error = None;
            let mut prestart = self.hook_programs(c, &oci, runtime::hooks::Stage::Prestart)?;
            prestart.extend(self.hook_programs(c, &oci, runtime::hooks::Stage::StartContainer)?);
            let started = runtime::start(&oci, &rootfs, io, &mut |pid| {
                // Limited before it is released to run the user's command.
                if let Some(cg) = &cgroup {
                    cg.add_process(pid).map_err(|e| runtime::Error::Container {
                        code: 125,
                        message: format!("joining the container's cgroup: {e}"),
                    })?;
                }
                let attached = match &mut bridge {
                    Some(join) => self.attach_bridge(c, join, pid).map(|s| networks = s),
                    None if pod_net => Ok(()),
                    None => self.attach_network(c, mode, pid).map(|h| helper = h),
                };
                attached.map_err(|e| {
                    let message = e.to_string();
                    net_error = Some(e);
                    runtime::Error::Container { code: 125, message }
                })?;
                // Its namespaces exist, its command has not run yet.
                self.run_hooks(c, &prestart, "created", pid).map_err(|e| {
                    runtime::Error::Container {
                        code: 126,
                        message: e.to_string(),
                    }
                })
            });
            match (started, net_error) {
                (Err(_), Some(e)) => Err(e),
                (started, _) => Ok(started?),
            }
        })();
        match result {
            Ok(started) => {
                let pid = started.pid();
                self.update_state(&c.config.id, |s| {
                    s.set_init(pid);
                    s.started_at = Some(Utc::now());
                    s.network_helper = helper;
                    s.networks = networks;
                    s.oom_killed = false;
                })?;
                if let Some(f) = &c.config.pidfile {
                    // As conmon's --container-pidfile: replaced whole at each
                    // start. The container runs by now: a file that cannot
                    // be written is reported, not fatal.
                    if let Err(e) =
                        crate::store::atomic::replace(f, pid.to_string().as_bytes(), 0o644)
                    {
                        tracing::warn!("--pidfile {}: {}", f.display(), crate::sys::os_text(&e));
                    }
                }
                self.health_started(c);
                self.event_container(c, crate::events::Status::Init);
                self.event_container(c, crate::events::Status::Start);
                self.run_late_hooks(c, runtime::hooks::Stage::Poststart, pid);
                Ok(started)
            }
            Err(e) => {
                if let Some(h) = &helper {
                    h.stop();
                }
                self.release_networks(&c.config.id, &networks);
                self.release_cgroup(&c.config.id);
                let msg = e.to_string();
                let code = e.exit_code();
                let had_run = c.state.started_at.is_some();
                let c = self.update_state(&c.config.id, |s| {
                    s.status = if had_run {
                        Status::Exited
                    } else {
                        Status::Created
                    };
                    s.clear_init();
                    s.monitor_pid = 0;
                    s.exit_code = i32::from(code);
                    s.error = msg;
                })?;
                if let Some(c) = c.filter(|c| c.config.auto_remove) {
                    let _ = self.auto_remove(&c);
                }
                Err(e)
            }
        }
    }

    /// Records an exit with the code to record (`--timeout`: -1, as
    /// podman); removes `--rm` containers. Returns whether the record
    /// still exists.
    fn record_exit(&self, id: &str, code: i32) -> Result<bool> {
        if let Ok(c) = self.records().load(id) {
            self.run_late_hooks(&c, runtime::hooks::Stage::Poststop, 0);
        }
        let mut released = Vec::new();
        let oom_killed = self.release_cgroup(id);
        // A pod member's helper serves the members still running.
        let mut helper = None;
        let pod_member = self
            .records()
            .load(id)
            .is_ok_and(|c| c.config.pod.is_some());
        let recorded = self.update_state(id, |s| {
            // A pod member's record keeps its helper until the helper is
            // handed on or stopped: a member that starts meanwhile and
            // makes the pod's network anew waits for it to free the host
            // ports (`Engine::wait_for_pod_helpers`).
            helper = s.network_helper.clone();
            if !pod_member {
                s.network_helper = None;
            }
            s.status = Status::Exited;
            s.oom_killed = oom_killed;
            s.exit_code = code;
            s.clear_init();
            s.monitor_pid = 0;
            s.finished_at = Some(Utc::now());
            released = std::mem::take(&mut s.networks);
        });
        if let (Some(h), Ok(Some(c))) = (helper, &recorded) {
            // The helper's guard ends it too; this is just sooner.
            if let Some(h) = self.hand_on_helper(c, h.clone()) {
                h.stop();
            }
            if pod_member {
                let _ = self.update_state(id, |s| {
                    if s.network_helper.as_ref() == Some(&h) {
                        s.network_helper = None;
                    }
                });
            }
        }
        // A pod's members share the first one's interfaces: the holder
        // releases them when the last member is gone.
        if !matches!(&recorded, Ok(Some(c)) if self.pod_network_in_use(c)) {
            self.release_networks(id, &released);
        }
        let c = match recorded {
            Ok(c) => c,
            Err(e) => {
                // Not even the reserve had room: a `--rm` container goes
                // anyway (removal writes nothing).
                match self.records().load(id) {
                    Ok(c) if c.config.auto_remove => {
                        self.auto_remove(&c)?;
                        return Ok(self.records().load(id).is_ok());
                    }
                    _ => return Err(e),
                }
            }
        };
        if let Some(c) = &c {
            self.event_container(c, crate::events::Status::Cleanup);
            if let Some(pod) = &c.config.pod {
                self.stop_idle_service(pod);
            }
        }
        match c {
            Some(c) if c.config.auto_remove => {
                self.auto_remove(&c)?;
                Ok(self.records().load(id).is_ok())
            }
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }

    /// Frees a container's leases and DNS names on bridge networks (the
    /// holder frees them too when it sees the container end; this makes it
    /// happen before `run`, `stop` or `rm` return).
    fn release_networks(&self, id: &str, networks: &[network::holder::NetworkStatus]) {
        if networks.is_empty() {
            return;
        }
        let names: Vec<String> = networks.iter().map(|n| n.name.clone()).collect();
        network::holder::release(self.networks_store().run_dir(), id, &names);
    }

    /// Removes a container's directory; rootless, from a child in the user
    /// namespace, since the upper directory (or the vfs copy) holds files of
    /// subordinate ids.
    pub(super) fn remove_container_dir(&self, dir: &Path) {
        // Most containers only write as their root, which is us: try
        // without the user namespace first (forking one costs newuidmap).
        let gone = layer::remove_tree(dir).is_ok()
            || (self.rootless
                && userns::in_child(&self.mappings, || layer::remove_tree(dir).is_ok())
                    .unwrap_or(false));
        if !gone {
            tracing::warn!(
                "could not remove {}; `rpod system reset` cleans it",
                dir.display()
            );
        }
    }
}

/// [`crate::sys::fs::pipe`] with the engine's error.
fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(crate::sys::fs::pipe().map_err(LifecycleError::Pipe)?)
}
