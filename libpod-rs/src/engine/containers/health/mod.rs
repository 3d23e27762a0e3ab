//! Healthchecks run without systemd: a probe is the check's command exec'd
//! into the running container through rpod's own exec path, its stdout and
//! stderr captured, killed at its timeout; its result goes into the
//! container's health file under the container's lock, with a
//! `health_status` event, and `--health-on-failure` is acted on.
//!
//! Who runs probes: `rpod healthcheck run` in its own process, and the
//! container's supervisor (the monitor, or a foreground `rpod run`) on a
//! timer ([`HealthTimer`], a hook of the supervision loop). The supervisor
//! only schedules: each probe runs in a forked helper that does all of the
//! above and exits, so the long-lived monitor allocates nothing per probe
//! and touches no file. The helper forks once more for the probe itself
//! (joining the container's namespaces), so that it can kill it at the
//! timeout and still record the result.

mod probe;
mod timer;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::errno::Errno;

use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::error::Result;
use crate::health::{HealthConfig, HealthState, HealthStatus, OnFailure, StartupCheck};

pub(crate) use timer::HealthTimer;

/// Why a healthcheck could not be run or recorded.
#[derive(Debug, thiserror::Error)]
pub enum HealthcheckError {
    /// The container is not running.
    #[error("container {id} is not running")]
    NotRunning {
        /// The container's full ID.
        id: String,
    },
    /// The container has no healthcheck.
    #[error("container {id} has no defined healthcheck")]
    NoHealthcheck {
        /// The container's full ID.
        id: String,
    },
    /// The container's health file cannot be read.
    #[error("reading {}: {}", path.display(), crate::sys::os_text(source))]
    Read {
        /// The health file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The container's health file cannot be written.
    #[error("writing {}: {}", path.display(), crate::sys::os_text(source))]
    Write {
        /// The health file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The process running the probe could not be forked.
    #[error("forking the healthcheck: {0}")]
    Fork(#[source] Errno),
}

/// What one probe found (what `rpod healthcheck run` prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeVerdict {
    /// The command succeeded (prints nothing, exit 0).
    Healthy,
    /// It failed or timed out (`unhealthy`, exit 1), whatever the status.
    Unhealthy,
    /// The container stopped while it ran (`stopped`, exit 1).
    Stopped,
    /// The startup check failed (`starting`, exit 1).
    Starting,
}

impl ProbeVerdict {
    /// podman's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeVerdict::Healthy => "healthy",
            ProbeVerdict::Unhealthy => "unhealthy",
            ProbeVerdict::Stopped => "stopped",
            ProbeVerdict::Starting => "starting",
        }
    }
}

impl Engine {
    /// The health of a container (`ps`, `wait --condition`, compose's
    /// `depends_on: service_healthy`): `None` when it has no healthcheck;
    /// `starting` until a probe succeeded (or failed `retries` times).
    pub fn container_health(&self, name_or_id: &str) -> Result<Option<HealthState>> {
        let c = self.container(name_or_id)?;
        Ok(self.health_of(&c))
    }

    /// [`Engine::container_health`] of a record already read.
    pub fn health_of(&self, c: &Container) -> Option<HealthState> {
        c.config.healthcheck.as_ref()?;
        match HealthState::load(&self.health_path(c)) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!("reading the health of {}: {e}", c.config.name);
                Some(HealthState::default())
            }
        }
    }

    /// The file that holds a container's health state.
    pub(super) fn health_path(&self, c: &Container) -> PathBuf {
        c.config
            .health
            .log_destination
            .file(&self.records().dir(&c.config.id), &c.config.id)
    }

    /// A container with a healthcheck (re)started: `starting`, no results
    /// (podman clears them at each start).
    pub(super) fn health_started(&self, c: &Container) {
        if c.config.healthcheck.is_none() {
            return;
        }
        if c.config.startup_healthcheck.is_some() {
            let _ = self.update_state(&c.config.id, |s| {
                s.startup_hc_passed = false;
                s.startup_hc_successes = 0;
                s.startup_hc_failures = 0;
            });
        }
        let _l = self.records().lock(&c.config.id);
        let state = HealthState {
            status: HealthStatus::Starting,
            ..HealthState::default()
        };
        if let Err(e) = state.save(&self.health_path(c)) {
            tracing::warn!("writing the health of {}: {e}", c.config.name);
        }
    }

    /// `rpod healthcheck run`: one probe now, recorded and acted on as a
    /// timed one is; returns what it found.
    pub fn healthcheck_run(&self, name_or_id: &str) -> Result<ProbeVerdict> {
        let c = self.container(name_or_id)?;
        if !matches!(c.state.status, Status::Running) || c.state.init_process().is_none() {
            return Err(HealthcheckError::NotRunning {
                id: c.config.id.clone(),
            }
            .into());
        }
        if c.config.healthcheck.is_none() {
            return Err(HealthcheckError::NoHealthcheck {
                id: c.config.id.clone(),
            }
            .into());
        }
        self.run_due_check(&c).map(|(v, _)| v)
    }

    /// Runs the check that is due: the startup check until it passed,
    /// then the regular one. Returns the verdict and whether the startup
    /// check is still the one to run.
    fn run_due_check(&self, c: &Container) -> Result<(ProbeVerdict, bool)> {
        let Some(check) = c.config.healthcheck.clone() else {
            return Err(HealthcheckError::NoHealthcheck {
                id: c.config.id.clone(),
            }
            .into());
        };
        match &c.config.startup_healthcheck {
            Some(s) if !c.state.startup_hc_passed => self.probe_startup(c, s),
            _ => Ok((self.probe_record_act(c, &check)?, false)),
        }
    }

    /// Runs one probe, records it and acts on an unhealthy status.
    fn probe_record_act(&self, c: &Container, check: &HealthConfig) -> Result<ProbeVerdict> {
        // kube play's containers follow Kubernetes: no probe at all before
        // initialDelaySeconds (podman's answer: unhealthy, nothing run or logged).
        let delayed = c
            .config
            .annotations
            .contains_key(crate::kube::KUBE_HEALTH_CHECK_ANNOTATION)
            && c.state.started_at.is_some_and(|t| {
                let since = Utc::now().signed_duration_since(t);
                since.to_std().unwrap_or_default() < check.start_period
            });
        if delayed {
            return Ok(ProbeVerdict::Unhealthy);
        }
        let mut probe = self.run_probe(c, check)?;
        let records = self.records();
        let (state, verdict) = {
            let _l = records.lock(&c.config.id)?;
            let now = records.load(&c.config.id)?;
            let failed = probe.exit_code() != 0;
            probe.container_stopped = failed
                && (now.state.status != Status::Running || now.state.init_process().is_none());
            let in_start_period = now.state.started_at.is_some_and(|t| {
                let since = Utc::now().signed_duration_since(t);
                since.to_std().unwrap_or_default() < check.start_period
            });
            let path = self.health_path(&now);
            let mut state = HealthState::load(&path).map_err(|source| HealthcheckError::Read {
                path: path.clone(),
                source,
            })?;
            let settings = &now.config.health;
            state.record(
                &probe,
                in_start_period,
                check.retries.max(1),
                settings.max_log_count,
                settings.max_log_size,
            );
            state
                .save(&path)
                .map_err(|source| HealthcheckError::Write { path, source })?;
            let verdict = if !failed {
                ProbeVerdict::Healthy
            } else if probe.container_stopped {
                ProbeVerdict::Stopped
            } else {
                ProbeVerdict::Unhealthy
            };
            (state, verdict)
        };
        self.event_health(c, &state);
        if state.status == HealthStatus::Unhealthy {
            self.act_on_unhealthy(c)?;
        }
        Ok(verdict)
    }

    /// One probe of the startup check (`--health-startup-cmd`, podman's):
    /// recorded as a probe in the start period (failures do not count),
    /// with its event; enough successes pass it, too many failures restart
    /// the container (stopped, not by the user: its supervisor starts it
    /// again, see [`Engine::restart_startup_failed`]). Returns the verdict
    /// and whether the startup check is still the one to run.
    fn probe_startup(&self, c: &Container, startup: &StartupCheck) -> Result<(ProbeVerdict, bool)> {
        let probe = self.run_probe(c, &startup.check)?;
        let ok = probe.exit_code() == 0;
        let records = self.records();
        let (state, passed, restart) = {
            let _l = records.lock(&c.config.id)?;
            let mut now = records.load(&c.config.id)?;
            let path = self.health_path(&now);
            let mut state = HealthState::load(&path).map_err(|source| HealthcheckError::Read {
                path: path.clone(),
                source,
            })?;
            let settings = &now.config.health;
            state.record(
                &probe,
                true,
                1,
                settings.max_log_count,
                settings.max_log_size,
            );
            state
                .save(&path)
                .map_err(|source| HealthcheckError::Write { path, source })?;
            let s = &mut now.state;
            if ok {
                s.startup_hc_successes += 1;
                if s.startup_hc_successes >= startup.successes.max(1) {
                    s.startup_hc_passed = true;
                    s.startup_hc_successes = 0;
                    s.startup_hc_failures = 0;
                }
            } else {
                s.startup_hc_successes = 0;
                s.startup_hc_failures += 1;
            }
            let restart =
                !ok && startup.check.retries != 0 && s.startup_hc_failures >= startup.check.retries;
            let passed = s.startup_hc_passed;
            records.save_state(&c.config.id, s)?;
            (state, passed, restart)
        };
        self.event_health(c, &state);
        if restart {
            self.stop_for_restart(c);
        }
        let verdict = if ok {
            ProbeVerdict::Healthy
        } else {
            ProbeVerdict::Starting
        };
        Ok((verdict, !passed))
    }

    /// Whether a container that just exited is to start again because its
    /// startup check failed too often.
    pub(super) fn restart_startup_failed(&self, id: &str) -> bool {
        let Ok(c) = self.records().load(id) else {
            return false;
        };
        let s = &c.state;
        c.config.startup_healthcheck.as_ref().is_some_and(|st| {
            st.check.retries != 0
                && !s.startup_hc_passed
                && s.startup_hc_failures >= st.check.retries
                && !s.stopped_by_user
        })
    }

    /// Stops the container so that its supervisor starts it again (not
    /// marked stopped by the user): its stop signal, SIGKILL after its
    /// stop timeout.
    fn stop_for_restart(&self, c: &Container) {
        let Some(init) = c.state.init_process().and_then(|p| p.open()) else {
            return;
        };
        let _ = init.signal_number(c.config.stop_signal.0);
        let grace = Duration::from_secs(u64::from(c.config.stop_timeout));
        if crate::sys::pidfd::wait_any(&[&init], grace).is_empty() {
            let _ = init.signal(nix::sys::signal::Signal::SIGKILL);
        }
    }

    /// The `health_status` event of a probe (podman writes one per probe).
    fn event_health(&self, c: &Container, state: &HealthState) {
        let mut e = Self::container_event(c, crate::events::Status::HealthStatus);
        e.health_status = state.status.as_str().to_string();
        e.health_failing_streak = i64::from(state.failing_streak);
        if c.config.health.log_destination == crate::health::LogDestination::EventsLogger {
            if let Some(last) = state.log.last() {
                e.health_log = serde_json::to_string(last).unwrap_or_default();
            }
        }
        self.emit(&e);
    }

    /// `--health-on-failure`: kill, stop, or stop so that the supervisor
    /// starts it again (podman's restart: the supervisor sees the unhealthy
    /// status when the container exits, see [`Engine::restart_unhealthy`]).
    fn act_on_unhealthy(&self, c: &Container) -> Result<()> {
        match c.config.health.on_failure {
            OnFailure::None => Ok(()),
            OnFailure::Kill => {
                // As podman's kill: not restarted by its policy (kill marks
                // it stopped by its user), and gone (its exit recorded by
                // its supervisor) when this returns.
                self.kill_container(&c.config.id, nix::sys::signal::Signal::SIGKILL as i32)?;
                let deadline = Instant::now() + Duration::from_secs(30);
                while Instant::now() < deadline {
                    match self.records().load(&c.config.id) {
                        Ok(now)
                            if matches!(
                                now.state.status,
                                Status::Running | Status::Paused | Status::Stopping
                            ) && now.state.monitor_process().is_some() =>
                        {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        _ => break,
                    }
                }
                Ok(())
            }
            OnFailure::Stop => self.stop_container(&c.config.id, None).map(drop),
            OnFailure::Restart => {
                // Not marked stopped by the user: its supervisor restarts it.
                self.stop_for_restart(c);
                Ok(())
            }
        }
    }

    /// Whether a container that just exited is to start again because it
    /// was unhealthy with `--health-on-failure=restart`.
    pub(super) fn restart_unhealthy(&self, id: &str) -> bool {
        let Ok(c) = self.records().load(id) else {
            return false;
        };
        c.config.health.on_failure == OnFailure::Restart
            && !c.state.stopped_by_user
            && self
                .health_of(&c)
                .is_some_and(|s| s.status == HealthStatus::Unhealthy)
    }
}
