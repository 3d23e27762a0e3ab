//! `attach` and `exec` into running containers.

use std::path::Path;

use super::LifecycleError;
use crate::container::{self, Container, Status};
use crate::engine::Engine;
use crate::error::Result;
use crate::{monitor, runtime, spec};

impl Engine {
    /// Where a container's monitor listens for attach clients (short, to
    /// fit the 108-byte limit of socket paths).
    pub(super) fn attach_path(&self, c: &Container) -> Result<std::path::PathBuf> {
        let path = self.records().attach_socket(&c.config.id);
        if let Some(dir) = path.parent() {
            crate::store::create_dir_private(dir)?;
        }
        Ok(path)
    }

    /// Removes a container's attach socket: its monitor is about to record
    /// the exit (before that, so that the next start's monitor cannot lose
    /// its new socket to this one).
    pub(super) fn remove_attach_socket(&self, id: &str) {
        let _ = fs_err::remove_file(self.records().attach_socket(id));
    }

    /// Attaches to a running container's monitor (`attach`, `start -a` and
    /// `run -it`): until it exits (its code), or the detach keys;
    /// `sig_proxy` passes the signals this process gets on to it.
    pub fn attach(
        &self,
        name_or_id: &str,
        stdin: bool,
        detach_keys: &[u8],
        sig_proxy: bool,
    ) -> Result<monitor::attach::End> {
        let c = self.container(name_or_id)?;
        if !matches!(c.state.status, Status::Running | Status::Paused) {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "can only attach to running containers; start it with `rpod start -a`".into(),
            }
            .into());
        }
        if c.config.log_driver.is_passthrough() {
            return Err(LifecycleError::NoAttach {
                driver: c.config.log_driver.as_str(),
            }
            .into());
        }
        let path = self.attach_path(&c)?;
        self.event_container(&c, crate::events::Status::Attach);
        let proxy = |sig: nix::sys::signal::Signal| self.proxy_signal(&c.config.id, sig);
        let proxy: Option<&dyn Fn(nix::sys::signal::Signal)> = sig_proxy.then_some(&proxy);
        monitor::attach::attach(&path, stdin, c.config.tty, detach_keys, proxy).map_err(|source| {
            LifecycleError::Attach {
                name: c.config.name.clone(),
                source,
            }
            .into()
        })
    }

    /// `--sig-proxy`: sends `sig` to container `id` (a container that has
    /// just exited has nothing to receive it: ignored).
    pub(in crate::engine) fn proxy_signal(&self, id: &str, sig: nix::sys::signal::Signal) {
        if let Err(e) = self.kill_container(id, sig as i32) {
            tracing::debug!("proxying {sig} to {id}: {e}");
        }
    }

    /// Runs a command in a running container (`rpod exec`); the working
    /// directory defaults to the container's, the environment to its own
    /// plus `opts.env`; privileged as containers.conf's `privileged` says
    /// unless `opts.privileged_given`.
    pub fn exec_in_container(
        &self,
        name_or_id: &str,
        mut opts: spec::ExecOptions,
    ) -> Result<crate::engine::ExecOutcome> {
        if !opts.privileged_given && self.containers_conf.privileged() {
            opts.privileged = true;
        }
        self.exec_in_container_with(name_or_id, opts, true)
    }

    /// [`Engine::exec_in_container`]; `events`: whether it writes `exec`
    /// and `exec_died` events (not for healthcheck probes, whose result is
    /// the `health_status` event).
    pub(super) fn exec_in_container_with(
        &self,
        name_or_id: &str,
        mut opts: spec::ExecOptions,
        events: bool,
    ) -> Result<crate::engine::ExecOutcome> {
        let c = self.container(name_or_id)?;
        // Only the recorded process: its PID may belong to another by now.
        let target = match c.state.init_process() {
            Some(p) if c.state.status == Status::Running => p,
            // podman's words (scripts match them); `rpod start` is the remedy.
            _ => {
                return Err(container::Error::StateImproper(
                    "can only create exec sessions on running containers".into(),
                )
                .into())
            }
        };
        let mut spec = self.load_spec(&c)?;
        // As podman: `--secret ...,type=env` variables in exec sessions too.
        self.add_env_secrets(&c, &mut spec)?;
        // As podman: the container's seccomp filter and limits apply to
        // the new process too.
        opts.seccomp =
            spec::ExecSeccomp::Container(spec.linux().as_ref().and_then(|l| l.seccomp().clone()));
        if let Some(process) = spec.process() {
            opts.rlimits = process.rlimits().clone().unwrap_or_default();
            if opts.workdir.is_none() {
                opts.workdir = Some(process.cwd().display().to_string());
            }
        }
        // The environment and user are the container's (its spec), not
        // PID 1's: with --init, PID 1 is the init.
        if events {
            self.event_container(&c, crate::events::Status::Exec);
        }
        let outcome = self.exec_in_pid_with(target, opts, spec.process().as_ref(), &|f| {
            self.etc_from_layers(&c, f)
        });
        if let (true, Ok(crate::engine::ExecOutcome::Exited(code))) = (events, &outcome) {
            let code = *code;
            self.event_container_exit(&c, crate::events::Status::ExecDied, i32::from(code));
        }
        outcome
    }

    /// A file of the container's /etc read from its overlay's directories
    /// (upper first, then the image's layers), for when its root cannot be
    /// read through /proc: fuse-overlayfs serves only the container's user
    /// namespace. `None` when deleted, absent, or not an overlay container.
    pub(super) fn etc_from_layers(&self, c: &Container, name: &str) -> Option<String> {
        let Ok(runtime::Rootfs::Overlay(o)) = self.rootfs(c) else {
            return None;
        };
        let rel = Path::new("etc").join(name);
        for dir in std::iter::once(&o.upper).chain(&o.lower) {
            // Resolved inside each directory by descriptor: the upper one is
            // the container's to change (`etc/passwd -> /etc/shadow`).
            match crate::sys::read_in_root(dir, &rel, spec::ETC_FILE_LIMIT) {
                Ok(b) => return Some(String::from_utf8_lossy(&b).into_owned()),
                // Not a regular file: a whiteout (deleted in the container)
                // or nothing rpod should read.
                Err(nix::errno::Errno::EINVAL) => return None,
                Err(_) => {}
            }
        }
        None
    }
}
