//! [`HealthTimer`]: the supervisor's healthcheck timer.

use std::os::fd::AsFd;
use std::time::Instant;

use nix::errno::Errno;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use super::ProbeVerdict;
use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::health::{HealthConfig, StartupCheck};
use crate::monitor::timer::Periodic;

/// H's exit code for a probe that passed / failed; plus
/// [`STILL_STARTING`] while the startup check is the one to run.
const PROBE_PASSED: i32 = 0;
/// Added to the exit code while the startup check has not passed.
const STILL_STARTING: i32 = 10;

/// The supervisor's healthcheck timer: starts a probe helper when one is
/// due and reaps it. Probes never overlap; the next is due `interval`
/// (during the start period `start_interval`, when set) after the last
/// one ended; while a startup check (`--health-startup-*`) has not
/// passed, its own interval. Holds no buffers: the helper does the work,
/// and says in its exit code whether the probe passed and whether the
/// startup check is still due.
///
/// `rpod update` may change the check of a running container: the timer
/// watches the record's directory (inotify) for a new `config.json` and
/// then takes the new check, its timer reset (podman: "changing this
/// setting resets the timer"); a probe reads the record itself, so its
/// command, timeout and retries are always the current ones.
pub(crate) struct HealthTimer<'a> {
    engine: &'a Engine,
    id: String,
    check: Option<HealthConfig>,
    /// A watch on the record's directory (`None`: inotify unavailable).
    watch: Option<nix::sys::inotify::Inotify>,
    startup: Option<StartupCheck>,
    started: Instant,
    next: Option<Instant>,
    running: Option<Pid>,
    /// `--sdnotify=healthy`: systemd's socket, until READY=1 was sent.
    notify: Option<String>,
    /// The startup check is still the one to run.
    starting: bool,
}

impl<'a> HealthTimer<'a> {
    /// The timer of container `c` (idle while it has no healthcheck on a
    /// timer, until `update` gives it one).
    pub(crate) fn new(engine: &'a Engine, c: &Container) -> Option<HealthTimer<'a>> {
        use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
        let check = c.config.healthcheck.clone();
        let startup = c.config.startup_healthcheck.clone();
        let watch = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC)
            .and_then(|i| {
                i.add_watch(
                    &engine.records().dir(&c.config.id),
                    AddWatchFlags::IN_MOVED_TO,
                )
                .map(|_| i)
            })
            .map_err(|e| tracing::debug!("watching the record of {}: {e}", c.config.name))
            .ok();
        if watch.is_none()
            && check.as_ref().and_then(|c| c.next_delay(true)).is_none()
            && startup.is_none()
        {
            return None;
        }
        let mut t = HealthTimer {
            engine,
            id: c.config.id.clone(),
            check,
            watch,
            startup,
            started: Instant::now(),
            next: None,
            running: None,
            notify: None,
            starting: false,
        };
        crate::monitor::supervisor::Health::restarted(&mut t);
        Some(t)
    }

    fn in_start_period(&self, now: Instant) -> bool {
        self.check
            .as_ref()
            .is_some_and(|c| now < self.started + c.start_period)
    }

    /// Takes the record's check when `update` replaced its config.
    fn reload_if_changed(&mut self, now: Instant) {
        let Some(watch) = &self.watch else {
            return;
        };
        let mut changed = false;
        while let Ok(events) = watch.read_events() {
            if events.is_empty() {
                break;
            }
            changed |= events
                .iter()
                .any(|e| e.name.as_deref() == Some(std::ffi::OsStr::new("config.json")));
        }
        if !changed {
            return;
        }
        let Ok(c) = self.engine.records().load(&self.id) else {
            return;
        };
        if c.config.healthcheck == self.check && c.config.startup_healthcheck == self.startup {
            return;
        }
        if c.config.startup_healthcheck != self.startup {
            self.startup = c.config.startup_healthcheck;
            self.starting = self.startup.is_some() && !c.state.startup_hc_passed;
        }
        self.check = c.config.healthcheck;
        if self.running.is_none() {
            self.schedule(now);
        }
    }

    fn spawn(&mut self) {
        let engine = self.engine;
        let id = self.id.clone();
        let child = crate::sys::process::fork_then(|| {
            let Ok(c) = engine.records().load(&id) else {
                return 0;
            };
            if c.state.status != Status::Running {
                return 0;
            }
            match engine.run_due_check(&c) {
                Ok((verdict, starting)) => {
                    let code = i32::from(verdict != ProbeVerdict::Healthy)
                        + if starting { STILL_STARTING } else { 0 };
                    u8::try_from(code).unwrap_or(1)
                }
                Err(e) => {
                    tracing::warn!("healthcheck of {}: {e}", c.config.name);
                    125
                }
            }
        });
        match child {
            Ok(pid) => self.running = Some(pid),
            Err(e) => {
                tracing::warn!("forking a healthcheck: {e}");
                self.schedule(Instant::now());
            }
        }
    }

    fn schedule(&mut self, now: Instant) {
        self.next = match (&self.startup, self.starting) {
            (Some(s), true) => Some(now + s.check.interval),
            _ => self
                .check
                .as_ref()
                .and_then(|c| c.next_delay(self.in_start_period(now)))
                .map(|d| now + d),
        };
    }
}

impl crate::monitor::supervisor::Health for HealthTimer<'_> {
    /// The container (re)started now: the first probe after one delay.
    fn restarted(&mut self) {
        let now = Instant::now();
        self.started = now;
        self.starting = self.startup.is_some();
        self.schedule(now);
    }

    fn notify_when_healthy(&mut self, socket: String) {
        self.notify = Some(socket);
    }
}

impl Periodic for HealthTimer<'_> {
    fn deadline(&self) -> Option<Instant> {
        // While a probe runs, its SIGCHLD wakes the loop.
        if self.running.is_some() {
            return None;
        }
        self.next
    }

    fn wake_fd(&self) -> Option<std::os::fd::BorrowedFd<'_>> {
        self.watch.as_ref().map(AsFd::as_fd)
    }

    fn tick(&mut self, now: Instant, _container: Pid) {
        self.reload_if_changed(now);
        if let Some(pid) = self.running {
            match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) | Err(Errno::EINTR) => return,
                status => {
                    self.running = None;
                    let code = match status {
                        Ok(WaitStatus::Exited(_, code)) => code,
                        _ => 125,
                    };
                    if code % STILL_STARTING == PROBE_PASSED && code < 2 * STILL_STARTING {
                        if let Some(socket) = self.notify.take() {
                            if let Err(e) = crate::systemd::notify::notify(&socket, "READY=1") {
                                tracing::warn!("notifying systemd at {socket}: {e}");
                            }
                        }
                    }
                    // 125 (rpod's error) leaves the phase as it was.
                    if code < 2 * STILL_STARTING {
                        self.starting = code >= STILL_STARTING;
                    }
                    self.schedule(now);
                }
            }
        }
        if self.next.is_some_and(|at| now >= at) {
            self.spawn();
        }
    }
}
