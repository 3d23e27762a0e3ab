//! `kill` and `stop`. A signal reaches a container's PID 1 only through a
//! pidfd opened for the recorded process (its PID and start time, see
//! [`State::init_process`]), so a PID that now belongs to someone else is
//! never signalled. Several containers stop at once: each gets its stop
//! signal, then one `poll` on all their pidfds waits for them (this process
//! stays single-threaded), and SIGKILL follows for each at its own timeout.

use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::Signal;

use crate::container::{self, Container, Records, State, Status};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::sys::pidfd::{self, PidFd};

/// Why a signal could not be sent or a container did not stop.
#[derive(Debug, thiserror::Error)]
pub enum StopError {
    /// `kill --signal` out of range.
    #[error("valid signals are 1 through 64")]
    InvalidSignal(i32),
    /// Sending the signal failed.
    #[error("sending signal {signal} to {id}: {source}")]
    Signal {
        /// The signal's number.
        signal: i32,
        /// The container's short ID.
        id: String,
        /// Why.
        source: Errno,
    },
    /// The container's process survived SIGKILL.
    #[error(
        "stopping container {name}: its process {pid} did not exit within {} s of SIGKILL",
        grace.as_secs()
    )]
    SurvivedKill {
        /// The container's name.
        name: String,
        /// Its PID 1.
        pid: i32,
        /// How long it was given.
        grace: Duration,
    },
    /// The container's process is gone but its live supervisor recorded
    /// no exit.
    #[error(
        "stopping container {name}: its recorded process {pid} is not running, and its \
         supervisor (process {monitor_pid}) did not record an exit: check it with `ps`, then \
         remove the container with `rpod rm -f {name}`"
    )]
    ExitUnrecorded {
        /// The container's name.
        name: String,
        /// Its recorded PID 1.
        pid: i32,
        /// Its supervisor's PID.
        monitor_pid: i32,
    },
    /// The supervisor died without recording the exit (podman's error
    /// when conmon did).
    #[error(
        "container {id} conmon exited prematurely, exit code could not be retrieved: conmon process killed"
    )]
    MonitorLost {
        /// The container's full ID.
        id: String,
    },
}

/// How long a process may take to go after SIGKILL.
const KILL_GRACE: Duration = Duration::from_secs(30);
/// How long `stop` waits for a supervisor to finish once its container's
/// process is gone (recording the exit, `--rm` cleanup). Under systemd
/// `stop` is the unit's ExecStop, and systemd kills a main process (the
/// monitor) that is still cleaning up when ExecStop returns.
const MONITOR_GRACE: Duration = Duration::from_secs(10);
/// How often a container whose PID 1 is not known yet (starting) is looked up again.
const RECHECK: Duration = Duration::from_millis(100);

/// One container on its way down.
struct Stopping {
    /// The record as read when the stop began.
    c: Container,
    /// Its PID 1, until it exits.
    init: Option<PidFd>,
    /// Its supervisor, until it ends.
    monitor: Option<PidFd>,
    /// Whether PID 1 was ever found (a container that is still starting
    /// gets its PID 1 recorded later).
    init_seen: bool,
    /// The signal sent first.
    signal: crate::spec::StopSignal,
    /// The grace period, in seconds (for the warning).
    grace: u32,
    /// When SIGKILL follows the stop signal.
    kill_at: Instant,
    /// Whether SIGKILL was sent.
    killed: bool,
    /// When to stop waiting for the current step.
    give_up_at: Instant,
    /// Whether a supervisor that died without recording the exit is an
    /// error (the `stop` verb's, as podman's).
    report_lost: bool,
}

/// Where a container's stop stands.
enum Step {
    /// Still waiting.
    Waiting,
    /// Finished, with the container's final record.
    Done(Box<Result<Container>>),
}

/// How a stop began.
enum Begun {
    /// Signalled; to be waited for.
    Stopping(Box<Stopping>),
    /// Nothing to wait for: the container's record.
    Done(Box<Result<Container>>),
}

impl Engine {
    /// Sends a signal to a running container's PID 1 (`kill`). A record
    /// whose process is gone (its PID taken by another process) is
    /// repaired, never signalled.
    pub fn kill_container(&self, name_or_id: &str, signal: i32) -> Result<Container> {
        let c = self.container(name_or_id)?;
        if !(1..=64).contains(&signal) {
            return Err(StopError::InvalidSignal(signal).into());
        }
        let not_running = |c: &Container, what: String| -> Error {
            container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what,
            }
            .into()
        };
        if !matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            return Err(not_running(&c, "can only kill running containers".into()));
        }
        let Some(fd) = c.state.init_process().and_then(|p| p.open()) else {
            return Err(not_running(
                &c,
                format!(
                    "its process {} has exited (or the PID belongs to another process now),                      and its monitor has not recorded the exit yet: can only kill running                      containers",
                    c.state.pid
                ),
            ));
        };
        // As podman: a killed container is one its user stopped (its
        // restart policy does not bring it back). Marked before the signal,
        // so that its monitor sees the mark when it exits.
        self.update_state(&c.config.id, |s| s.stopped_by_user = true)?;
        fd.signal_number(signal)
            .map_err(|source| StopError::Signal {
                signal,
                id: c.short_id().to_string(),
                source,
            })?;
        self.event_container(&c, crate::events::Status::Kill);
        if signal == Signal::SIGKILL as i32 && c.state.status == Status::Paused {
            // cgroup v1 holds even SIGKILL while frozen; v2 (and podman there) does not.
            self.thaw_after_signal(&c.config.id);
        }
        Ok(c)
    }

    /// Stops a container: its stop signal, then SIGKILL after `timeout`
    /// seconds (its own `--stop-timeout` when `None`); waits for the exit.
    pub fn stop_container(&self, name_or_id: &str, timeout: Option<u32>) -> Result<Container> {
        let found = vec![self.container(name_or_id)];
        self.stop_all(found, timeout, false, false)
            .pop()
            .expect("one result per container")
    }

    /// Stops several containers at once (`stop NAME...`, `stop -a`): one
    /// result per name, in order. Waits at most the longest timeout, plus
    /// the time their supervisors take to record the exits.
    pub fn stop_containers(
        &self,
        names: &[String],
        timeout: Option<u32>,
    ) -> Vec<Result<Container>> {
        let found = names.iter().map(|n| self.container_to_stop(n)).collect();
        self.stop_all(found, timeout, false, true)
    }

    /// A container `stop` was asked to stop; as podman, an error when it
    /// was running but its monitor (podman's conmon) had died: the exit
    /// code is lost (the container is killed and recorded as exited).
    fn container_to_stop(&self, name_or_id: &str) -> Result<Container> {
        let recorded = self.records().resolve(name_or_id)?;
        let lost = Records::supervisor_gone(&recorded.state);
        let c = self.container(name_or_id)?;
        if lost && c.state.status == Status::Exited {
            return Err(lost_exit(&c));
        }
        Ok(c)
    }

    /// Stops the containers `found` (or passes on why one was not found),
    /// all at once; with `kill`, SIGKILL is the first signal; with
    /// `report_lost`, a supervisor that died without recording the exit is
    /// an error (podman's "conmon exited prematurely").
    pub(super) fn stop_all(
        &self,
        found: Vec<Result<Container>>,
        timeout: Option<u32>,
        kill: bool,
        report_lost: bool,
    ) -> Vec<Result<Container>> {
        let mut results: Vec<Option<Result<Container>>> = Vec::new();
        let mut pending: Vec<(usize, Stopping)> = Vec::new();
        for (i, c) in found.into_iter().enumerate() {
            match c.map(|c| self.begin_stop(c, timeout, kill)) {
                Ok(Begun::Stopping(mut s)) => {
                    s.report_lost = report_lost;
                    results.push(None);
                    pending.push((i, *s));
                }
                Ok(Begun::Done(done)) => results.push(Some(*done)),
                Err(e) => results.push(Some(Err(e))),
            }
        }
        while !pending.is_empty() {
            let now = Instant::now();
            let mut still = Vec::new();
            for (i, mut s) in pending {
                match self.advance(&mut s, now) {
                    Step::Waiting => still.push((i, s)),
                    Step::Done(r) => results[i] = Some(*r),
                }
            }
            pending = still;
            if pending.is_empty() {
                break;
            }
            // Sleep until a process exits, the next SIGKILL is due, a wait
            // runs out, or (for containers without a known PID 1) the next
            // look at the record.
            let mut fds: Vec<&PidFd> = Vec::new();
            let mut wake = now + KILL_GRACE;
            for (_, s) in &pending {
                match (&s.init, &s.monitor) {
                    (Some(fd), _) => {
                        fds.push(fd);
                        if !s.killed {
                            wake = wake.min(s.kill_at);
                        }
                    }
                    (None, Some(fd)) => fds.push(fd),
                    (None, None) => {}
                }
                if s.init.is_none() && !s.init_seen {
                    wake = wake.min(now + RECHECK);
                }
                wake = wake.min(s.give_up_at);
            }
            pidfd::wait_any(&fds, wake.saturating_duration_since(Instant::now()));
        }
        results
            .into_iter()
            .map(|r| r.expect("every stop finished"))
            .collect()
    }

    /// Marks `c` as stopped by the user and sends the first signal.
    fn begin_stop(&self, c: Container, timeout: Option<u32>, kill: bool) -> Begun {
        let done = |r: Result<Container>| Begun::Done(Box::new(r));
        let running = |c: &Container| {
            matches!(
                c.state.status,
                Status::Running | Status::Paused | Status::Stopping
            )
        };
        if !running(&c) {
            return done(Ok(c));
        }
        // So that the restart policy does not start it again; `stopping`
        // until its supervisor records the exit.
        let paused = c.state.status == Status::Paused;
        let c = match self.update_state(&c.config.id, |s| {
            s.stopped_by_user = true;
            if matches!(
                s.status,
                Status::Running | Status::Stopping | Status::Paused
            ) {
                s.set_stopping_by_self();
            }
        }) {
            Ok(Some(fresh)) => fresh,
            Ok(None) => return done(Ok(c)),
            // A full disk: stop it anyway (and remove it, for `rm -f`).
            Err(e) if crate::sys::is_no_space(&e) => {
                tracing::warn!("{e}; stopping {} without noting it", c.config.name);
                c
            }
            Err(e) => return done(Err(e)),
        };
        if !running(&c) {
            return done(Ok(c));
        }
        let grace = timeout.unwrap_or(c.config.stop_timeout);
        let signal = if kill || grace == 0 {
            Signal::SIGKILL.into()
        } else {
            c.config.stop_signal
        };
        let sigkill: crate::spec::StopSignal = Signal::SIGKILL.into();
        let now = Instant::now();
        let kill_at = now + Duration::from_secs(u64::from(grace));
        let init = c.state.init_process().and_then(|p| p.open());
        let mut s = Stopping {
            monitor: c.state.monitor_process().and_then(|p| p.open()),
            init_seen: init.is_some(),
            init,
            signal,
            grace,
            kill_at,
            killed: signal == sigkill,
            report_lost: false,
            give_up_at: if signal == sigkill {
                now + KILL_GRACE
            } else {
                kill_at + KILL_GRACE
            },
            c,
        };
        if let Some(fd) = &s.init {
            let _ = fd.signal_number(signal.0);
            if paused {
                // A frozen process gets its signal once thawed (as podman).
                self.thaw_after_signal(&s.c.config.id);
            }
        } else {
            // No PID 1 to signal (still starting, or already gone): wait for
            // the supervisor, looking for a PID 1 until SIGKILL is due.
            s.give_up_at = s.kill_at + MONITOR_GRACE;
        }
        Begun::Stopping(Box::new(s))
    }

    /// Looks at one container being stopped: sends SIGKILL when due, and
    /// finishes once its process and supervisor are gone.
    fn advance(&self, s: &mut Stopping, now: Instant) -> Step {
        if let Some(fd) = &s.init {
            if fd.has_exited() {
                s.init = None;
                s.give_up_at = now + MONITOR_GRACE;
            } else if !s.killed && now >= s.kill_at {
                tracing::warn!(
                    "StopSignal {} failed to stop container {} in {} seconds, resorting to SIGKILL",
                    s.signal,
                    s.c.config.name,
                    s.grace
                );
                let _ = fd.signal(Signal::SIGKILL);
                s.killed = true;
                s.give_up_at = now + KILL_GRACE;
                return Step::Waiting;
            } else if now >= s.give_up_at {
                return Step::Done(Box::new(Err(StopError::SurvivedKill {
                    name: s.c.config.name.clone(),
                    pid: s.c.state.pid,
                    grace: KILL_GRACE,
                }
                .into())));
            } else {
                return Step::Waiting;
            }
        }
        if !s.init_seen {
            // Started meanwhile? Then it gets the signal now.
            match self.records().load(&s.c.config.id) {
                Ok(fresh) => {
                    if let Some(fd) = fresh.state.init_process().and_then(|p| p.open()) {
                        let sig = if now >= s.kill_at {
                            Signal::SIGKILL.into()
                        } else {
                            s.signal
                        };
                        let _ = fd.signal_number(sig.0);
                        s.killed |= sig == Signal::SIGKILL.into();
                        s.init = Some(fd);
                        s.init_seen = true;
                        s.give_up_at = s.kill_at.max(now) + KILL_GRACE;
                        return Step::Waiting;
                    }
                    if !matches!(
                        fresh.state.status,
                        Status::Running | Status::Paused | Status::Stopping
                    ) {
                        s.init_seen = true;
                    }
                }
                Err(container::Error::NotFound(_)) => return Step::Done(Box::new(Ok(s.c.clone()))),
                Err(e) => return Step::Done(Box::new(Err(e.into()))),
            }
        }
        let monitor_runs = s.monitor.as_ref().is_some_and(|m| !m.has_exited());
        if monitor_runs && now < s.give_up_at {
            return Step::Waiting;
        }
        Step::Done(Box::new(self.stopped(s)))
    }

    /// The record of a container whose stop has finished (repaired when
    /// its supervisor died without recording the exit).
    fn stopped(&self, s: &Stopping) -> Result<Container> {
        let c = match self.records().load(&s.c.config.id) {
            Ok(c) => c,
            // A `--rm` container removed itself.
            Err(container::Error::NotFound(_)) => return Ok(s.c.clone()),
            Err(e) => return Err(e.into()),
        };
        let lost = Records::supervisor_gone(&c.state);
        let Some(c) = self.repair(c)? else {
            return Ok(s.c.clone());
        };
        if lost && s.report_lost && c.state.status == Status::Exited {
            return Err(lost_exit(&c));
        }
        if matches!(c.state.status, Status::Running | Status::Stopping)
            && c.state.init_process().is_none()
        {
            return Err(StopError::ExitUnrecorded {
                name: c.config.name.clone(),
                pid: c.state.pid,
                monitor_pid: c.state.monitor_pid,
            }
            .into());
        }
        self.event_container(&c, crate::events::Status::Stop);
        Ok(c)
    }
}

/// podman's error when the monitor (its conmon) died without recording
/// the container's exit.
fn lost_exit(c: &Container) -> Error {
    StopError::MonitorLost {
        id: c.config.id.clone(),
    }
    .into()
}

/// Waits (at most 10 s) until the supervisor recorded in `state` (read
/// while the container ran) has ended: `stop` and `rm -f` return only
/// then (see [`MONITOR_GRACE`]).
pub(super) fn wait_monitor_gone(state: &State) {
    let Some(fd) = state.monitor_process().and_then(|p| p.open()) else {
        return;
    };
    if state.monitor_pid == std::process::id() as i32 {
        return;
    }
    pidfd::wait_any(&[&fd], MONITOR_GRACE);
}

#[cfg(test)]
mod tests {
    use super::StopError;
    use crate::error::Error;

    #[test]
    fn stop_errors_keep_their_messages() {
        let err = Error::from(StopError::ExitUnrecorded {
            name: "web".into(),
            pid: 10,
            monitor_pid: 9,
        });
        assert_eq!(
            err.to_string(),
            "stopping container web: its recorded process 10 is not running, and its supervisor \
             (process 9) did not record an exit: check it with `ps`, then remove the container \
             with `rpod rm -f web`"
        );
        assert!(matches!(
            err,
            Error::Stop(StopError::ExitUnrecorded { pid: 10, .. })
        ));
        let err = StopError::SurvivedKill {
            name: "web".into(),
            pid: 10,
            grace: super::KILL_GRACE,
        };
        assert_eq!(
            err.to_string(),
            "stopping container web: its process 10 did not exit within 30 s of SIGKILL"
        );
    }
}
