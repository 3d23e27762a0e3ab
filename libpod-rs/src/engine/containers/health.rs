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

use std::os::fd::{AsFd, AsRawFd};
use std::path::PathBuf;

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use std::time::{Duration, Instant};

use chrono::Utc;

use super::pipe;
use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::health::{
    go_rfc3339_nano, HealthConfig, HealthState, HealthStatus, OnFailure, Outcome, ProbeResult,
    StartupCheck,
};
use crate::monitor::timer::Periodic;
use crate::spec;
use crate::sys::pidfd::PidFd;

/// Output kept from a probe while it runs (podman keeps it all and cuts
/// it at `--health-max-log-size` afterwards; a runaway probe must not
/// fill our memory).
const OUTPUT_CAP: usize = 1 << 20;

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

    /// Runs the check's command in the container with its stdout and
    /// stderr captured; kills it at the check's timeout.
    fn run_probe(&self, c: &Container, check: &HealthConfig) -> Result<ProbeResult> {
        let argv = check.probe_command().ok_or_else(|| {
            Error::from(HealthcheckError::NoHealthcheck {
                id: c.config.id.clone(),
            })
        })?;
        let start = go_rfc3339_nano(&chrono::Local::now());
        let (out_r, out_w) = pipe()?;
        let child = crate::sys::process::fork_then(|| {
            // The supervisor's blocked signals are not the probe's.
            let _ = nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&nix::sys::signal::SigSet::empty()),
                None,
            );
            // The pipe's own descriptors are close-on-exec.
            let null = fs_err::File::open("/dev/null");
            if let Ok(null) = &null {
                let _ = nix::unistd::dup2(null.as_raw_fd(), 0);
            }
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 1);
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 2);
            let opts = spec::ExecOptions {
                args: argv,
                ..spec::ExecOptions::default()
            };
            match self.exec_in_container_with(&c.config.id, opts, false) {
                Ok(crate::engine::ExecOutcome::Exited(code)) => code,
                Ok(crate::engine::ExecOutcome::Started(_)) => 0,
                Err(e) => {
                    let _ = nix::unistd::write(std::io::stderr(), format!("{e}\n").as_bytes());
                    e.exit_code()
                }
            }
        })
        .map_err(HealthcheckError::Fork)?;
        drop(out_w);
        let deadline = Instant::now() + check.timeout.max(Duration::from_millis(1));
        let (output, outcome) = collect(child, &out_r, deadline);
        Ok(ProbeResult {
            start,
            end: go_rfc3339_nano(&chrono::Local::now()),
            outcome,
            output,
            container_stopped: false,
        })
    }
}

/// Reads the probe's output until it exits (or the deadline: then it is
/// killed, and what its own children still write is not waited for).
fn collect(child: Pid, out: &std::os::fd::OwnedFd, deadline: Instant) -> (Vec<u8>, Outcome) {
    let pidfd = PidFd::open(child.as_raw()).ok();
    let mut output = Vec::new();
    let mut buf = [0u8; 4096];
    let mut open = true;
    let status = loop {
        match waitpid(child, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(Errno::EINTR) => {}
            Ok(ws) => break Some(ws),
            Err(_) => break None,
        }
        let now = Instant::now();
        if now >= deadline {
            // The exec'd process dies with its parent (PR_SET_PDEATHSIG).
            let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
            let _ = crate::sys::process::wait(child);
            drain(out, &mut output, &mut buf);
            return (output, Outcome::TimedOut);
        }
        let left = deadline - now;
        let mut fds = Vec::new();
        if open {
            fds.push(PollFd::new(out.as_fd(), PollFlags::POLLIN));
        }
        if let Some(p) = &pidfd {
            fds.push(PollFd::new(p.as_fd(), PollFlags::POLLIN));
        }
        // Without a pidfd (old kernels), look again every 50 ms.
        let wait = if pidfd.is_some() {
            left
        } else {
            left.min(Duration::from_millis(50))
        };
        let timeout =
            PollTimeout::try_from(wait.as_millis().saturating_add(1)).unwrap_or(PollTimeout::MAX);
        let out_ready = match poll(&mut fds, timeout) {
            Ok(_) => open && fds[0].revents().is_some_and(|r| !r.is_empty()),
            Err(_) => false,
        };
        drop(fds);
        if out_ready {
            match nix::unistd::read(out.as_raw_fd(), &mut buf) {
                Ok(0) => open = false,
                Ok(n) => keep(&mut output, &buf[..n]),
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Err(_) => open = false,
            }
        }
    };
    drain(out, &mut output, &mut buf);
    let outcome = match status {
        Some(WaitStatus::Exited(_, code)) => match code {
            // rpod could not run it: no such command, not executable.
            126 | 127 => Outcome::NotRun,
            code => Outcome::Exited(code),
        },
        Some(WaitStatus::Signaled(_, sig, _)) => Outcome::Exited(128 + sig as i32),
        _ => Outcome::Error,
    };
    (output, outcome)
}

/// Reads what is left without waiting (a daemonized grandchild may hold
/// the pipe open for ever).
fn drain(out: &std::os::fd::OwnedFd, output: &mut Vec<u8>, buf: &mut [u8]) {
    let _ = nix::fcntl::fcntl(
        out.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
    );
    while let Ok(n) = nix::unistd::read(out.as_raw_fd(), buf) {
        if n == 0 {
            break;
        }
        keep(output, &buf[..n]);
    }
}

fn keep(output: &mut Vec<u8>, data: &[u8]) {
    let room = OUTPUT_CAP.saturating_sub(output.len());
    output.extend_from_slice(&data[..data.len().min(room)]);
}

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
pub(super) struct HealthTimer<'a> {
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
    pub(super) fn new(engine: &'a Engine, c: &Container) -> Option<HealthTimer<'a>> {
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
