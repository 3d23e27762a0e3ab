//! Starting, supervising, stopping and removing containers: the
//! foreground and detached starts, the monitor's body, kill/stop/wait/rm.

mod remove;
mod supervised;

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use super::WaitCondition;
use crate::container::{self, Container, Status};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::monitor;
use crate::monitor::{ready, supervisor};

use supervised::Supervised;

/// Why a container could not be started, attached to or waited for.
#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    /// Connecting to (or talking with) the container's monitor failed.
    #[error("attaching to {name}: {source}")]
    Attach {
        /// The container's name.
        name: String,
        /// Why.
        source: monitor::attach::Error,
    },
    /// The channel on which the monitor reports could not be made.
    #[error("creating the monitor's channel: {0}")]
    MonitorChannel(#[source] crate::sys::channel::Error),
    /// The monitor's end of that channel could not be made inheritable.
    #[error("passing the ready pipe: {0}")]
    ReadyPipe(#[source] nix::errno::Errno),
    /// `wait --condition healthy|unhealthy` on a container without a healthcheck.
    #[error("cannot use condition {:?}: container {id} has no healthcheck", condition.as_str())]
    NoHealthcheck {
        /// The condition asked for.
        condition: crate::health::HealthStatus,
        /// The container's full ID.
        id: String,
    },
    /// The image of a container's overlay root file system was removed.
    #[error("container {id}: its image {image} was removed; recreate the container")]
    ImageRemoved {
        /// The container's short ID.
        id: String,
        /// The image's short ID.
        image: String,
    },
    /// The container's stored runtime spec does not parse.
    #[error("container {id}: its runtime spec is damaged ({source}); remove it with `rpod rm -f`")]
    SpecDamaged {
        /// The container's short ID.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
    /// `--conmon-pidfile` could not be written.
    #[error("--conmon-pidfile {}: {}", path.display(), crate::sys::os_text(source))]
    ConmonPidfile {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A pipe could not be made.
    #[error("creating a pipe: {0}")]
    Pipe(#[source] nix::errno::Errno),
    /// `attach` to a container whose stdio are those of whoever started it
    /// (podman's words).
    #[error("this container is using the '{driver}' log driver, cannot attach: this container is not logging output")]
    NoAttach {
        /// The log driver.
        driver: &'static str,
    },
    /// The monitor of a `--log-driver passthrough` container could not
    /// take its stdio for the container.
    #[error("passing stdin, stdout and stderr to the container (--log-driver passthrough): {0}")]
    PassthroughStdio(#[source] std::io::Error),
}

impl Engine {
    /// Runs a created (or exited) container in the foreground, attached to
    /// our terminal; returns its exit code. Output is also logged unless the
    /// container is removed afterwards anyway or has `--log-driver none`
    /// (or a terminal: pty output is relayed but not logged yet).
    pub fn start_attached(&self, name_or_id: &str) -> Result<u8> {
        self.start_attached_with(name_or_id, monitor::Echo::ALL, 0)
    }

    /// [`Engine::start_attached`], copying only the container's streams
    /// `echo` names to ours (`run --attach`; the rest is still logged) and
    /// passing our descriptors 3..3+`preserve_fds` on to its command
    /// (`run --preserve-fds`).
    pub fn start_attached_with(
        &self,
        name_or_id: &str,
        echo: monitor::Echo,
        preserve_fds: u32,
    ) -> Result<u8> {
        let c = self.container(name_or_id)?;
        self.start_required(&c)?;
        let host = Supervised::new(self, &c.config.id);
        supervisor::run(&host, supervisor::Mode::Foreground { echo, preserve_fds })
    }

    /// `--requires`: the containers `c` requires, started first (in the
    /// background) unless they run.
    fn start_required(&self, c: &Container) -> Result<()> {
        for id in &c.config.requires {
            let dep = self.container(id)?;
            if !matches!(dep.state.status, Status::Running | Status::Paused) {
                self.start_detached(id)?;
            }
        }
        Ok(())
    }

    /// Stops a container (if it runs) and starts it again in the
    /// background (`rpod restart`); `timeout` as for `stop`.
    pub fn restart_container(&self, name_or_id: &str, timeout: Option<u32>) -> Result<Container> {
        let c = self.container(name_or_id)?;
        self.event_container(&c, crate::events::Status::Restart);
        self.stop_container(&c.config.id, timeout)?;
        self.start_detached(&c.config.id)
    }

    /// Starts a container in the background under a new monitor process
    /// and returns once its command runs (or with why it could not start).
    pub fn start_detached(&self, name_or_id: &str) -> Result<Container> {
        self.start_detached_with(name_or_id, 0)
    }

    /// [`Engine::start_detached`], passing our descriptors 3..3+`preserve_fds`
    /// on to its command (`run -d --preserve-fds`): its monitor holds them
    /// while it runs.
    pub fn start_detached_with(&self, name_or_id: &str, preserve_fds: u32) -> Result<Container> {
        let c = self.container(name_or_id)?;
        if matches!(c.state.status, Status::Running | Status::Paused) {
            return Ok(c);
        }
        self.start_required(&c)?;
        let ready = self.spawn_monitor(&c, false, preserve_fds)?;
        started(ready::next(&ready))?;
        self.container(&c.config.id)
    }

    /// Starts a container under a new monitor with our terminal attached
    /// before its command runs (`run -it`, `start -a` on a terminal); ends
    /// like [`Engine::attach`].
    pub fn start_attached_via_monitor(
        &self,
        name_or_id: &str,
        stdin: bool,
        detach_keys: &[u8],
        sig_proxy: bool,
    ) -> Result<monitor::attach::End> {
        let c = self.container(name_or_id)?;
        if matches!(c.state.status, Status::Running | Status::Paused) {
            return Ok(monitor::attach::End::Closed);
        }
        self.start_required(&c)?;
        let ready = self.spawn_monitor(&c, true, 0)?;
        // Listening first, then connect, then the start report.
        match ready::next(&ready) {
            ready::Report::Listening => {}
            other => {
                started(other)?;
                return Ok(monitor::attach::End::Closed);
            }
        }
        let path = self.attach_path(&c)?;
        let attach_err = |source| LifecycleError::Attach {
            name: c.config.name.clone(),
            source,
        };
        let fd = monitor::attach::connect_to(&path).map_err(attach_err)?;
        started(ready::next(&ready))?;
        self.event_container(&c, crate::events::Status::Attach);
        let forward = |sig| self.proxy_signal(&c.config.id, sig);
        let proxy: Option<&dyn Fn(nix::sys::signal::Signal)> = sig_proxy.then_some(&forward);
        Ok(
            monitor::attach::session(&fd, &path, stdin, c.config.tty, detach_keys, proxy)
                .map_err(attach_err)?,
        )
    }

    /// Spawns the monitor for `c` and returns the channel on which it
    /// reports (with `attach_first`: [`ready::Report::Listening`] before
    /// the start report). The monitor lives on after reporting (setsid,
    /// reparented to init when we exit); it is not waited for. It inherits
    /// what we were passed (not close-on-exec), and passes descriptors
    /// 3..3+`preserve_fds` on to the container.
    pub(super) fn spawn_monitor(
        &self,
        c: &Container,
        attach_first: bool,
        preserve_fds: u32,
    ) -> Result<ready::StarterEnd> {
        // The monitor's end is inheritable while the monitor is spawned: a
        // monitor spawned meanwhile by another thread (compose starts
        // services in parallel) would inherit it too and hold our end
        // open for ever. One spawn at a time, that end closed before the next.
        static SPAWNING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = SPAWNING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (ready_r, ready_w) = ready::channel().map_err(LifecycleError::MonitorChannel)?;
        // Only the monitor's end goes to the monitor.
        nix::fcntl::fcntl(
            ready_w.as_raw_fd(),
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .map_err(LifecycleError::ReadyPipe)?;
        // `--log-driver passthrough`: the monitor gets our stdio, for the
        // container; else nothing of ours.
        let passthrough = c.config.log_driver.is_passthrough();
        let stdio = || {
            if passthrough {
                std::process::Stdio::inherit()
            } else {
                std::process::Stdio::null()
            }
        };
        std::process::Command::new("/proc/self/exe")
            .arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(self.store.runroot())
            .args(self.events_flag())
            .args(["internal", "monitor", "--ready-fd"])
            .arg(ready_w.as_raw_fd().to_string())
            .args(attach_first.then_some("--attach-first"))
            .args(passthrough.then_some("--passthrough"))
            .args(
                (preserve_fds > 0)
                    .then(|| ["--preserve-fds".to_string(), preserve_fds.to_string()])
                    .into_iter()
                    .flatten(),
            )
            .arg(&c.config.id)
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio())
            .spawn()
            .map_err(|source| Error::Exec {
                command: "rpod internal monitor".into(),
                code: crate::error::EXIT_RPOD,
                source,
            })?;
        Ok(ready_r)
    }

    /// The monitor's body (`rpod internal monitor`): starts the container,
    /// reports on `ready`, then supervises it, applying the restart policy,
    /// until it exits for good (see [`supervisor::run`]). `passthrough`:
    /// the container gets the stdio the monitor was started with (which
    /// the monitor itself then leaves to `/dev/null`); `preserve_fds`: its
    /// descriptors 3..3+N go on to the container (`run -d --preserve-fds`).
    pub fn monitor(
        &self,
        id: &str,
        ready: OwnedFd,
        attach_first: bool,
        passthrough: bool,
        preserve_fds: u32,
    ) -> Result<()> {
        // A daemon holds none of its caller's other descriptors (a
        // script's fd 3, a pipe someone reads to EOF) for the container's
        // lifetime: only the ready channel and the preserved ones stay.
        crate::sys::process::close_fds_from_except(
            3u32.saturating_add(preserve_fds),
            &[ready.as_fd()],
        );
        let ready = ready::monitor_end(ready);
        let passthrough = if passthrough {
            Some(crate::sys::fs::take_stdio().map_err(LifecycleError::PassthroughStdio)?)
        } else {
            None
        };
        // Leave the CLI's session and terminal: killing or closing them
        // must not reach the container.
        nix::unistd::setsid().ok();
        let host = Supervised::new(self, id);
        let mode = supervisor::Mode::Detached {
            ready,
            attach_first,
            notify_socket: std::env::var("NOTIFY_SOCKET").ok(),
            passthrough,
            preserve_fds,
        };
        supervisor::run(&host, mode).map(drop)
    }

    /// For a `--rm` container that has exited: waits (at most 10 s) until
    /// its monitor has removed it, so that `run --rm -it` returns with the
    /// container gone, as podman's does (its name free for the next run).
    pub fn wait_auto_removed(&self, name_or_id: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut id = None;
        while let Ok(c) = self.container(name_or_id) {
            if !c.config.auto_remove || Instant::now() >= deadline {
                return;
            }
            id = Some(c.config.id);
            std::thread::sleep(Duration::from_millis(10));
        }
        // The record is gone; its files go next (the monitor's removal
        // renamed them aside and deletes them).
        if let Some(id) = id {
            while self.records().removing(&id) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// Waits for a container to reach a condition; returns its exit code
    /// (`wait`), or -1 when its record vanished (`--rm`).
    pub fn wait_container(&self, name_or_id: &str, cond: WaitCondition) -> Result<i32> {
        self.wait_container_every(name_or_id, cond, Duration::from_millis(20))
    }

    /// [`Engine::wait_container`], looking at the container's state every
    /// `interval` (`wait --interval`).
    pub fn wait_container_every(
        &self,
        name_or_id: &str,
        cond: WaitCondition,
        interval: Duration,
    ) -> Result<i32> {
        let c = self.container(name_or_id)?;
        let id = c.config.id;
        // `removing`: the exit code, if the exit was seen before the
        // record went; else podman's "no such container".
        let mut exited = (c.state.status == Status::Exited).then_some(c.state.exit_code);
        // A restart policy keeps the monitor across runs; podman's `wait`
        // returns when the current run ends (its conmon exits), so a run
        // that ends while this waits counts as stopped; between two runs,
        // the next one is waited for.
        let restarts_at_start = c.state.restart_count;
        loop {
            match self.records().load(&id) {
                Ok(c) => {
                    if c.state.status == Status::Exited {
                        exited = Some(c.state.exit_code);
                    }
                    let c = match self.repair(c)? {
                        Some(c) => c,
                        None if cond == WaitCondition::Removing => {
                            return exited
                                .ok_or_else(|| container::Error::NotFound(id.clone()).into())
                        }
                        None => return Ok(-1),
                    };
                    // With its process: between the runs of a restart
                    // (policy, --health-on-failure=restart) it has none.
                    let running = matches!(c.state.status, Status::Running | Status::Paused)
                        && c.state.init_process().is_some();
                    match cond {
                        WaitCondition::Running if running => return Ok(c.state.exit_code),
                        WaitCondition::Stopped if c.state.status == Status::Exited => {
                            return Ok(c.state.exit_code);
                        }
                        // A run ended since (the policy restarts it).
                        WaitCondition::Stopped if c.state.restart_count > restarts_at_start => {
                            return Ok(c.state.exit_code);
                        }
                        // As podman: a container that never ran is not
                        // waited for (its exit code is 0).
                        WaitCondition::Stopped if c.state.status == Status::Created => {
                            return Ok(c.state.exit_code);
                        }
                        WaitCondition::Created if c.state.status == Status::Created => {
                            return Ok(c.state.exit_code);
                        }
                        WaitCondition::Paused if c.state.status == Status::Paused => {
                            return Ok(c.state.exit_code);
                        }
                        WaitCondition::Stopping if c.state.status == Status::Stopping => {
                            return Ok(c.state.exit_code);
                        }
                        WaitCondition::Healthy | WaitCondition::Unhealthy => {
                            let want = if cond == WaitCondition::Healthy {
                                crate::health::HealthStatus::Healthy
                            } else {
                                crate::health::HealthStatus::Unhealthy
                            };
                            match self.health_of(&c) {
                                Some(h) if h.status == want => return Ok(c.state.exit_code),
                                Some(_) => {}
                                None => {
                                    return Err(LifecycleError::NoHealthcheck {
                                        condition: want,
                                        id: c.config.id.clone(),
                                    }
                                    .into())
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Err(e @ container::Error::NotFound(_)) if cond == WaitCondition::Removing => {
                    return exited.ok_or_else(|| e.into())
                }
                Err(container::Error::NotFound(_)) => return Ok(-1),
                Err(e) => return Err(e.into()),
            }
            std::thread::sleep(interval);
        }
    }
}

/// The monitor's start report as a result.
fn started(report: ready::Report) -> Result<()> {
    report.into_result().map_err(Error::Runtime)
}
