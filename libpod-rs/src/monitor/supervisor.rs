//! The run of a container under supervision, shared by `rpod run` in the
//! foreground and by the detached monitor (`rpod internal monitor`):
//! claim the container, start it, report the start (detached: on the
//! ready channel, and to systemd), [`supervise`] it, record its exit, and
//! (detached) start it again as its restart policy or its failed health
//! says, after the back-off. Every read or write of the container's record,
//! its health and its events goes through a [`Host`] (the engine; a fake in
//! the tests below), so the decisions are tested without a container.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{attach, ready, restart, supervise, timer, Echo, Error, Outputs, Process};
use crate::container::logs::{self, LogWriter};
use crate::container::Container;
use crate::runtime;
use crate::spec::SdNotifyMode;
use crate::systemd::notify;

/// How long `run -it` waits for the CLI to connect to the attach socket.
const ATTACH_FIRST_WAIT: Duration = Duration::from_secs(30);

/// What the supervision loop does to a container through its keeper.
pub trait Host {
    /// The keeper's error; the loop's own failures convert into it.
    type Error: From<Error> + std::fmt::Display;
    /// The container's PID 1 once launched.
    type Process: Process;
    /// The healthcheck timer run from the loop.
    type Health: Health;
    /// Marks the container as starting under this process; its record.
    fn claim(&self) -> Result<Container, Self::Error>;
    /// The container's record as it is now.
    fn record(&self) -> Result<Container, Self::Error>;
    /// Starts the container's process (`notify`: the `--sdnotify=container`
    /// relay's directory to mount); a failure is recorded by the keeper.
    fn launch(
        &self,
        c: &Container,
        io: runtime::Stdio,
        notify: Option<&Path>,
    ) -> Result<Self::Process, Self::Error>;
    /// The exit code an error gives (for the start report).
    fn exit_code(&self, e: &Self::Error) -> u8;
    /// Where the container's attach socket goes (`None`: nowhere).
    fn attach_path(&self, c: &Container) -> Option<PathBuf>;
    /// Removes the attach socket (the detached monitor is ending).
    fn remove_attach_socket(&self);
    /// The directory of the `--sdnotify=container` relay's socket.
    fn notify_dir(&self) -> PathBuf;
    /// Opens the container's log for appending.
    fn open_log(&self, c: &Container) -> Result<LogWriter, logs::Error>;
    /// The container's healthcheck timer (`None`: nothing to run).
    fn health(&self, c: &Container) -> Option<Self::Health>;
    /// The container's health starts afresh (before a restart shows).
    fn health_started(&self, c: &Container);
    /// Whether its health asks for a restart (`--health-on-failure=restart`
    /// while unhealthy, or a startup check that failed too often).
    fn health_restarts(&self) -> bool;
    /// Writes an event of the container.
    fn event(&self, c: &Container, event: Event);
    /// Records an exit that a restart follows (`code`, one more restart),
    /// after the run's poststop hooks.
    fn record_restart(&self, code: u8) -> Result<(), Self::Error>;
    /// Records the container's final exit (and removes a `--rm` one);
    /// whether its record still exists.
    fn record_exit(&self, code: i32) -> Result<bool, Self::Error>;
    /// Waits `pause` (the back-off before a restart).
    fn pause(&self, pause: Duration);
}

/// The healthcheck timer as the loop drives it.
pub trait Health: timer::Periodic {
    /// The container (re)started now.
    fn restarted(&mut self);
    /// `--sdnotify=healthy`: READY=1 to `socket` after the first passing probe.
    fn notify_when_healthy(&mut self, socket: String);
}

/// The container events the loop writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The foreground `run` is attached to it.
    Attach,
    /// Its process exited with this code.
    Died(u8),
    /// The restart policy starts it again.
    Restart,
}

/// Who supervises.
pub enum Mode {
    /// `rpod run` (or `start -a`) in the foreground: our stdio, no restarts.
    Foreground {
        /// Which of its streams go to ours.
        echo: Echo,
        /// `--preserve-fds`.
        preserve_fds: u32,
    },
    /// The detached monitor: reports its start, serves attach clients,
    /// applies the restart policy.
    Detached {
        /// Where the start report goes.
        ready: ready::MonitorEnd,
        /// `run -it`: wait for the CLI on the attach socket first.
        attach_first: bool,
        /// systemd's `NOTIFY_SOCKET`, when under systemd.
        notify_socket: Option<String>,
        /// `--log-driver passthrough`: the stdin, stdout and stderr of
        /// whoever started the monitor, which the container gets.
        passthrough: Option<[OwnedFd; 3]>,
        /// `run -d --preserve-fds`: the monitor's descriptors 3..3+N (the
        /// caller's) go on to the container.
        preserve_fds: u32,
    },
}

/// Whether a foreground run goes through [`supervise`] (else the container
/// has our stdio and is simply waited for): when its output is logged, a
/// healthcheck or `--timeout` runs from the loop, or only some streams are
/// echoed.
pub fn supervised(c: &Container, echo: Echo) -> bool {
    logged_in_foreground(c)
        || (c.config.healthcheck.is_some() && !c.config.tty)
        || c.config.timeout.is_some()
        || echo != Echo::ALL
}

/// Whether a foreground run logs: not when the container is removed
/// afterwards anyway, has `--log-driver none`, or a terminal.
fn logged_in_foreground(c: &Container) -> bool {
    !c.config.auto_remove && c.config.log_driver.keeps_log() && !c.config.tty
}

/// Runs the container until it exits for good: in the foreground once,
/// returning its exit code (255 when `--timeout` killed it); detached,
/// restarting it as its policy says, returning its last exit code.
pub fn run<H: Host>(host: &H, mode: Mode) -> Result<u8, H::Error> {
    let (echo, preserve_fds, mut ready, attach_first, notify_socket, passed) = match mode {
        Mode::Foreground { echo, preserve_fds } => (echo, preserve_fds, None, false, None, None),
        Mode::Detached {
            ready,
            attach_first,
            notify_socket,
            passthrough,
            preserve_fds,
        } => (
            Echo::NONE,
            preserve_fds,
            Some(ready),
            attach_first,
            notify_socket,
            passthrough,
        ),
    };
    let detached = ready.is_some();
    let c = match host.claim() {
        Ok(c) => c,
        Err(e) => return Err(refuse(host, &mut ready, e)),
    };
    // `--log-driver passthrough`: the container's stdio are those of
    // whoever runs it (the foreground's own, or those the monitor was
    // started with), handed on as they are: no pipes, no log, no attach.
    let passthrough: Option<[std::os::fd::RawFd; 3]> = if !c.config.log_driver.is_passthrough() {
        None
    } else if let Some(fds) = &passed {
        Some([fds[0].as_raw_fd(), fds[1].as_raw_fd(), fds[2].as_raw_fd()])
    } else if detached {
        None
    } else {
        Some([0, 1, 2])
    };
    let mut server = if detached && passthrough.is_none() {
        host.attach_path(&c).and_then(|path| {
            attach::Server::listen(&path, None, None)
                .map_err(|e| tracing::warn!("{e}"))
                .ok()
        })
    } else {
        None
    };
    // Fails the start before the container's first launch.
    let fail_early = |ready: &mut Option<ready::MonitorEnd>, e: H::Error| {
        let e = refuse(host, ready, e);
        host.remove_attach_socket();
        let _ = host.record_exit(125);
        e
    };
    if attach_first {
        // `run -it`: the CLI connects before the command runs.
        if let Some(r) = &ready {
            let _ = r.send(&ready::Report::Listening);
        }
        if !server
            .as_mut()
            .is_some_and(|s| s.accept_first(ATTACH_FIRST_WAIT))
        {
            return Err(fail_early(&mut ready, Error::NoClient.into()));
        }
    }
    // --sdnotify=container under systemd: the container gets a socket of
    // ours; this monitor is the main PID and relays its messages.
    let relay = match &notify_socket {
        Some(outer) if detached && c.config.sdnotify == SdNotifyMode::Container => {
            match notify::Relay::bind(&host.notify_dir(), outer, std::process::id()) {
                Ok(r) => Some(r),
                Err(e) => return Err(fail_early(&mut ready, Error::Notify(e).into())),
            }
        }
        _ => None,
    };
    let supervising = detached || supervised(&c, echo);
    // Kept across restarts, so that a probe still running is reaped.
    let mut health = if supervising { host.health(&c) } else { None };
    if let (Some(h), SdNotifyMode::Healthy, Some(socket)) =
        (health.as_mut(), c.config.sdnotify, &notify_socket)
    {
        h.notify_when_healthy(socket.clone());
    }
    // The foreground's first launch uses the record it claimed; the
    // monitor's reads it again (`update` may have changed it meanwhile).
    let mut claimed = (!detached).then(|| c.clone());
    let mut attempt = 0u32;
    loop {
        let current = match claimed.take() {
            Some(c) => c,
            None => host.record()?,
        };
        let streams = if supervising {
            Some(Streams::new(&c, detached, passthrough).map_err(H::Error::from)?)
        } else {
            None
        };
        let io = runtime::Stdio {
            // Passthrough: our stdin is the container's, `-i` or not.
            interactive: c.config.interactive || passthrough.is_some(),
            tty: c.config.tty,
            fds: streams.as_ref().and_then(Streams::fds),
            preserve_fds,
        };
        let launched = host.launch(&current, io, relay.as_ref().map(|r| r.dir()));
        let (outputs, mut stdin_keep) = match streams {
            Some(s) => s.after_launch(),
            None => (Outputs::default(), None),
        };
        let mut process = match launched {
            Ok(p) => p,
            Err(e) => {
                if ready.is_some() {
                    let e = refuse(host, &mut ready, e);
                    host.remove_attach_socket();
                    return Err(e);
                }
                if detached {
                    host.remove_attach_socket();
                }
                return Err(e);
            }
        };
        if !detached {
            host.event(&c, Event::Attach);
        }
        if !supervising {
            // The foreground without a loop: our stdio is the container's.
            let code = match process.wait(io) {
                Ok(code) => code,
                Err(e) => {
                    let _ = host.record_exit(125);
                    return Err(Error::Runtime(e).into());
                }
            };
            host.event(&c, Event::Died(code));
            host.record_exit(i32::from(code))?;
            return Ok(code);
        }
        // The foreground's container has pipes even with `-t`.
        let master = if detached {
            process.take_master()
        } else {
            None
        };
        if detached {
            // Attach clients write to the pty, or own the stdin pipe (so
            // that their end of input closes the container's stdin; with
            // no attach socket it is closed now).
            let input = match &master {
                Some(m) => m.try_clone().ok(),
                None => stdin_keep.take(),
            };
            if let Some(sv) = server.as_mut() {
                sv.set_io(input, master.as_ref().and_then(|m| m.try_clone().ok()));
            }
        }
        if let Some(r) = ready.take() {
            // systemd (Type=notify, NotifyAccess=all): this monitor is the
            // service's main process, ready once the command runs. Notify
            // before telling `rpod start`/`run -d` to exit: the datagram is
            // then queued before the service's first main process dies, and
            // systemd reads it first.
            let state =
                ready::systemd_state(c.config.sdnotify, relay.is_some(), std::process::id());
            if let (Some(state), Some(socket)) = (state, &notify_socket) {
                if let Err(e) = notify::notify(socket, &state) {
                    tracing::warn!("notifying systemd at {socket}: {e}");
                }
            }
            ready::send(&r, &ready::Report::Started);
        }
        let mut log = if detached {
            if !c.config.log_driver.keeps_log() {
                None
            } else {
                host.open_log(&c)
                    .map_err(|e| {
                        tracing::warn!("container {} runs without a log: {e}", c.config.id)
                    })
                    .ok()
            }
        } else if logged_in_foreground(&c) {
            Some(
                host.open_log(&c)
                    .map_err(|e| H::Error::from(Error::Log(e)))?,
            )
        } else {
            None
        };
        if let Some(h) = health.as_mut() {
            h.restarted();
        }
        if detached {
            // From here on only the supervision loop runs.
            crate::sys::release_idle_memory();
        }
        let mut timer = timer::Timeout::new(
            c.config.timeout.map(|t| Duration::from_secs(t.into())),
            health.as_mut().map(|h| h as &mut dyn timer::Periodic),
        );
        let supervised = supervise(
            &mut process,
            Outputs { master, ..outputs },
            log.as_mut(),
            echo,
            server.as_mut(),
            relay.as_ref(),
            Some(&mut timer),
        );
        let timed_out = timer.fired();
        let code = match supervised {
            Ok(code) => code,
            Err(_) if detached => 125,
            Err(e) => {
                let _ = host.record_exit(125);
                return Err(Error::Runtime(e).into());
            }
        };
        host.event(&current, Event::Died(code));
        drop(stdin_keep);
        // `--timeout` ran out: podman records -1, and `run` exits 255.
        let (recorded, exit) = if timed_out {
            (-1, 255)
        } else {
            (i32::from(code), code)
        };
        if !detached {
            host.record_exit(recorded)?;
            return Ok(exit);
        }
        // The record as it is now: `update` may have changed the policy.
        let now = host.record();
        let policy = now.as_ref().map_or(c.config.restart, |n| n.config.restart);
        let state = now.map(|c| c.state).unwrap_or_default();
        let again =
            restart::should_restart(&policy, &state, code, attempt) || host.health_restarts();
        if !again {
            host.remove_attach_socket();
            host.record_exit(recorded)?;
            return Ok(exit);
        }
        attempt += 1;
        // Its health starts afresh, before the restart shows (podman
        // clears it when it restarts a container).
        if let Ok(now) = host.record() {
            host.health_started(&now);
        }
        host.record_restart(code)?;
        host.pause(restart::backoff(attempt));
        if host.record().map_or(true, |c| c.state.stopped_by_user) {
            // Stopped (or removed) during the back-off.
            host.remove_attach_socket();
            host.record_exit(i32::from(code))?;
            return Ok(code);
        }
        host.event(&c, Event::Restart);
    }
}

/// Sends the failed start report (detached, before the first start);
/// gives the error back.
fn refuse<H: Host>(host: &H, ready: &mut Option<ready::MonitorEnd>, e: H::Error) -> H::Error {
    if let Some(r) = ready.take() {
        let report = ready::Report::of(Err((host.exit_code(&e), e.to_string())));
        ready::send(&r, &report);
    }
    e
}

/// The descriptors of one supervised launch: the container's stdin (ours,
/// `/dev/null`, or a pipe kept for attach clients) and its stdout and
/// stderr pipes; with a terminal (detached), the pty instead.
struct Streams {
    /// `--log-driver passthrough`: these, as they are.
    passthrough: Option<[std::os::fd::RawFd; 3]>,
    tty: bool,
    stdin_r: Option<OwnedFd>,
    stdin_keep: Option<OwnedFd>,
    null: Option<fs_err::File>,
    ours: bool,
    out: Option<(OwnedFd, OwnedFd)>,
    err: Option<(OwnedFd, OwnedFd)>,
}

impl Streams {
    /// The foreground passes on our stdin with `-i`; the detached monitor
    /// a pipe (`-i` without `-t`), else `/dev/null`.
    fn new(
        c: &Container,
        detached: bool,
        passthrough: Option<[std::os::fd::RawFd; 3]>,
    ) -> Result<Streams, Error> {
        if passthrough.is_some() {
            return Ok(Streams {
                passthrough,
                tty: false,
                stdin_r: None,
                stdin_keep: None,
                null: None,
                ours: false,
                out: None,
                err: None,
            });
        }
        let (stdin_r, stdin_keep) = if detached && c.config.interactive && !c.config.tty {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        } else {
            (None, None)
        };
        let ours = !detached && c.config.interactive;
        let null = if ours {
            None
        } else {
            Some(
                fs_err::File::open("/dev/null")
                    .map_err(crate::sys::without_path)
                    .map_err(Error::DevNull)?,
            )
        };
        Ok(Streams {
            passthrough: None,
            // Detached with a terminal: the pty, no pipes (the foreground
            // passes pipes even then).
            tty: detached && c.config.tty,
            stdin_r,
            stdin_keep,
            null,
            ours,
            out: Some(pipe()?),
            err: Some(pipe()?),
        })
    }

    /// The container's stdin, stdout and stderr.
    fn fds(&self) -> Option<[std::os::fd::RawFd; 3]> {
        if self.passthrough.is_some() {
            return self.passthrough;
        }
        if self.tty {
            return None;
        }
        let stdin = match (&self.stdin_r, &self.null) {
            (Some(r), _) => r.as_raw_fd(),
            (None, Some(null)) => null.as_raw_fd(),
            (None, None) => {
                debug_assert!(self.ours);
                0
            }
        };
        let (out, err) = (self.out.as_ref()?, self.err.as_ref()?);
        Some([stdin, out.1.as_raw_fd(), err.1.as_raw_fd()])
    }

    /// Closes the container's ends; our ends of its output, and the stdin
    /// pipe's write end.
    fn after_launch(self) -> (Outputs, Option<OwnedFd>) {
        let outputs = if self.tty {
            Outputs::default()
        } else {
            Outputs {
                stdout: self.out.map(|p| p.0),
                stderr: self.err.map(|p| p.0),
                master: None,
            }
        };
        (outputs, self.stdin_keep)
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd), Error> {
    crate::sys::fs::pipe().map_err(Error::Pipe)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use nix::sys::signal::SigSet;

    use super::*;
    use crate::spec::RestartPolicy;

    /// What the loop did, in order.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Call {
        Launch,
        Wait,
        Event(Event),
        HealthStarted,
        RecordRestart(u8),
        Pause(Duration),
        RemoveSocket,
        RecordExit(i32),
    }

    /// One launch as the test scripts it.
    #[derive(Clone, Copy)]
    struct Run {
        /// The exit code (`None`: reaping it fails).
        code: Option<u8>,
        /// The user stops the container while it runs.
        stop: bool,
        /// Its health then asks for a restart.
        unhealthy: bool,
    }

    fn exits(code: u8) -> Run {
        Run {
            code: Some(code),
            stop: false,
            unhealthy: false,
        }
    }

    #[derive(Debug)]
    struct FakeError(String, u8);

    impl std::fmt::Display for FakeError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl From<Error> for FakeError {
        fn from(e: Error) -> FakeError {
            let code = e.exit_code();
            FakeError(e.to_string(), code)
        }
    }

    struct FakeProcess {
        code: Option<u8>,
        mask: SigSet,
    }

    impl FakeProcess {
        fn exit(&self) -> Result<u8, runtime::Error> {
            self.code.ok_or(runtime::Error::Sys {
                step: "reaping the container",
                errno: nix::errno::Errno::ECHILD,
            })
        }
    }

    impl Process for FakeProcess {
        fn pid(&self) -> i32 {
            // Never signalled: its signal set is empty.
            i32::MAX
        }
        fn signals(&self) -> &SigSet {
            &self.mask
        }
        fn try_wait(&mut self) -> Result<Option<u8>, runtime::Error> {
            self.exit().map(Some)
        }
        fn take_master(&mut self) -> Option<OwnedFd> {
            None
        }
        fn wait(self, _io: runtime::Stdio) -> Result<u8, runtime::Error> {
            self.exit()
        }
    }

    struct NoHealth;

    impl timer::Periodic for NoHealth {
        fn deadline(&self) -> Option<std::time::Instant> {
            None
        }
        fn tick(&mut self, _now: std::time::Instant, _container: nix::unistd::Pid) {}
    }

    impl Health for NoHealth {
        fn restarted(&mut self) {}
        fn notify_when_healthy(&mut self, _socket: String) {}
    }

    /// The engine's part played by a script: the record, the runs to
    /// come, and a log of what the loop asked for.
    struct Fake {
        record: RefCell<Container>,
        runs: RefCell<VecDeque<Run>>,
        unhealthy: RefCell<bool>,
        /// The launch fails (as the engine's, with this exit code).
        launch_fails: Option<u8>,
        /// The user stops the container during the back-off.
        stop_in_pause: bool,
        calls: RefCell<Vec<Call>>,
        dir: tempfile::TempDir,
    }

    impl Fake {
        fn new(configure: impl FnOnce(&mut Container), runs: &[Run]) -> Fake {
            let mut c = Container {
                config: crate::container::Config::default(),
                state: crate::container::State::default(),
            };
            c.config.id = "c0ffee".into();
            configure(&mut c);
            Fake {
                record: RefCell::new(c),
                runs: RefCell::new(runs.iter().copied().collect()),
                unhealthy: RefCell::new(false),
                launch_fails: None,
                stop_in_pause: false,
                calls: RefCell::new(Vec::new()),
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn call(&self, call: Call) {
            self.calls.borrow_mut().push(call);
        }

        fn calls(&self) -> Vec<Call> {
            self.calls.borrow().clone()
        }
    }

    impl Host for Fake {
        type Error = FakeError;
        type Process = FakeProcess;
        type Health = NoHealth;

        fn claim(&self) -> Result<Container, FakeError> {
            Ok(self.record.borrow().clone())
        }
        fn record(&self) -> Result<Container, FakeError> {
            Ok(self.record.borrow().clone())
        }
        fn launch(
            &self,
            _c: &Container,
            io: runtime::Stdio,
            _notify: Option<&Path>,
        ) -> Result<FakeProcess, FakeError> {
            self.call(Call::Launch);
            if let Some(code) = self.launch_fails {
                return Err(FakeError("nope: command not found".into(), code));
            }
            let run = self.runs.borrow_mut().pop_front().expect("a run scripted");
            if io.fds.is_none() {
                self.call(Call::Wait);
            }
            self.record.borrow_mut().state.stopped_by_user |= run.stop;
            *self.unhealthy.borrow_mut() = run.unhealthy;
            Ok(FakeProcess {
                code: run.code,
                mask: SigSet::empty(),
            })
        }
        fn exit_code(&self, e: &FakeError) -> u8 {
            e.1
        }
        fn attach_path(&self, _c: &Container) -> Option<PathBuf> {
            None
        }
        fn remove_attach_socket(&self) {
            self.call(Call::RemoveSocket);
        }
        fn notify_dir(&self) -> PathBuf {
            self.dir.path().join("notify")
        }
        fn open_log(&self, c: &Container) -> Result<LogWriter, logs::Error> {
            LogWriter::open(&self.dir.path().join("ctr.log"), c.config.log_max_size)
        }
        fn health(&self, _c: &Container) -> Option<NoHealth> {
            Some(NoHealth)
        }
        fn health_started(&self, _c: &Container) {
            self.call(Call::HealthStarted);
        }
        fn health_restarts(&self) -> bool {
            *self.unhealthy.borrow()
        }
        fn event(&self, _c: &Container, event: Event) {
            self.call(Call::Event(event));
        }
        fn record_restart(&self, code: u8) -> Result<(), FakeError> {
            self.call(Call::RecordRestart(code));
            let mut c = self.record.borrow_mut();
            c.state.exit_code = i32::from(code);
            c.state.restart_count += 1;
            Ok(())
        }
        fn record_exit(&self, code: i32) -> Result<bool, FakeError> {
            self.call(Call::RecordExit(code));
            self.record.borrow_mut().state.exit_code = code;
            Ok(true)
        }
        fn pause(&self, pause: Duration) {
            self.call(Call::Pause(pause));
            self.record.borrow_mut().state.stopped_by_user |= self.stop_in_pause;
        }
    }

    fn policy(p: &str) -> impl FnOnce(&mut Container) + '_ {
        move |c: &mut Container| c.config.restart = p.parse::<RestartPolicy>().unwrap()
    }

    /// Runs `fake` as the detached monitor; the start report it sent.
    fn detached(fake: &Fake, attach_first: bool) -> (Result<u8, FakeError>, Vec<ready::Report>) {
        let (starter, fd) = ready::channel().unwrap();
        let mode = Mode::Detached {
            ready: ready::monitor_end(fd),
            attach_first,
            notify_socket: None,
            passthrough: None,
            preserve_fds: 0,
        };
        let result = run(fake, mode);
        let mut reports = Vec::new();
        loop {
            match ready::next(&starter) {
                ready::Report::Failed { code: 125, message }
                    if message.contains("exited before") =>
                {
                    break
                }
                r => reports.push(r),
            }
        }
        (result, reports)
    }

    fn foreground(fake: &Fake) -> Result<u8, FakeError> {
        let mode = Mode::Foreground {
            echo: Echo::ALL,
            preserve_fds: 0,
        };
        run(fake, mode)
    }

    /// A run of the detached monitor: launched, exited with `code`.
    fn ran(code: u8) -> [Call; 2] {
        [Call::Launch, Call::Event(Event::Died(code))]
    }

    /// What a restart after exit `code` records, with back-off `ms`.
    fn restarted(code: u8, ms: u64) -> [Call; 4] {
        [
            Call::HealthStarted,
            Call::RecordRestart(code),
            Call::Pause(Duration::from_millis(ms)),
            Call::Event(Event::Restart),
        ]
    }

    #[test]
    fn on_failure_restarts_with_a_doubling_backoff_until_its_limit() {
        let fake = Fake::new(policy("on-failure:2"), &[exits(1), exits(1), exits(1)]);
        let (result, reports) = detached(&fake, false);
        assert_eq!(result.unwrap(), 1);
        // One start report, after the first launch only.
        assert_eq!(reports, vec![ready::Report::Started]);
        let want: Vec<Call> = [&ran(1)[..], &restarted(1, 200), &ran(1), &restarted(1, 400)]
            .concat()
            .into_iter()
            .chain(ran(1))
            .chain([Call::RemoveSocket, Call::RecordExit(1)])
            .collect();
        assert_eq!(fake.calls(), want);
        assert_eq!(fake.record.borrow().state.restart_count, 2);
    }

    #[test]
    fn on_failure_does_not_restart_a_success() {
        let fake = Fake::new(policy("on-failure"), &[exits(0)]);
        let (result, _) = detached(&fake, false);
        assert_eq!(result.unwrap(), 0);
        let want: Vec<Call> = ran(0)
            .into_iter()
            .chain([Call::RemoveSocket, Call::RecordExit(0)])
            .collect();
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn a_container_stopped_by_its_user_is_not_restarted() {
        let stopped = Run {
            stop: true,
            ..exits(143)
        };
        let fake = Fake::new(policy("always"), &[stopped]);
        let (result, _) = detached(&fake, false);
        assert_eq!(result.unwrap(), 143);
        let want: Vec<Call> = ran(143)
            .into_iter()
            .chain([Call::RemoveSocket, Call::RecordExit(143)])
            .collect();
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn a_stop_during_the_backoff_ends_the_restarts() {
        let mut fake = Fake::new(policy("always"), &[exits(3)]);
        fake.stop_in_pause = true;
        let (result, _) = detached(&fake, false);
        assert_eq!(result.unwrap(), 3);
        let restart = restarted(3, 200);
        let want: Vec<Call> = ran(3)
            .into_iter()
            .chain(restart[..3].iter().cloned())
            .chain([Call::RemoveSocket, Call::RecordExit(3)])
            .collect();
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn an_unhealthy_container_restarts_without_a_policy() {
        let unhealthy = Run {
            unhealthy: true,
            ..exits(137)
        };
        let fake = Fake::new(|_| {}, &[unhealthy, exits(0)]);
        let (result, _) = detached(&fake, false);
        assert_eq!(result.unwrap(), 0);
        let want: Vec<Call> = [&ran(137)[..], &restarted(137, 200), &ran(0)]
            .concat()
            .into_iter()
            .chain([Call::RemoveSocket, Call::RecordExit(0)])
            .collect();
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn a_failed_launch_is_reported_with_its_exit_code() {
        let mut fake = Fake::new(policy("always"), &[]);
        fake.launch_fails = Some(127);
        let (result, reports) = detached(&fake, false);
        assert_eq!(result.unwrap_err().1, 127);
        assert_eq!(
            reports,
            vec![ready::Report::Failed {
                code: 127,
                message: "nope: command not found".into()
            }]
        );
        // The engine's launch recorded the failure itself.
        assert_eq!(fake.calls(), vec![Call::Launch, Call::RemoveSocket]);
    }

    #[test]
    fn attach_first_without_a_socket_fails_before_launching() {
        let fake = Fake::new(|_| {}, &[]);
        let (result, reports) = detached(&fake, true);
        let e = result.unwrap_err();
        assert_eq!(e.0, "no client attached to the monitor within 30 s");
        assert_eq!(
            reports,
            vec![
                ready::Report::Listening,
                ready::Report::Failed {
                    code: 125,
                    message: e.0.clone()
                }
            ]
        );
        assert_eq!(
            fake.calls(),
            vec![Call::RemoveSocket, Call::RecordExit(125)]
        );
    }

    #[test]
    fn a_supervision_error_is_an_exit_with_125_when_detached() {
        let lost = Run {
            code: None,
            ..exits(0)
        };
        let fake = Fake::new(|_| {}, &[lost]);
        let (result, _) = detached(&fake, false);
        assert_eq!(result.unwrap(), 125);
        let want: Vec<Call> = ran(125)
            .into_iter()
            .chain([Call::RemoveSocket, Call::RecordExit(125)])
            .collect();
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn the_foreground_records_one_exit_and_never_restarts() {
        // Logged: supervised, through pipes.
        let fake = Fake::new(policy("always"), &[exits(2)]);
        assert_eq!(foreground(&fake).unwrap(), 2);
        let want = vec![
            Call::Launch,
            Call::Event(Event::Attach),
            Call::Event(Event::Died(2)),
            Call::RecordExit(2),
        ];
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn the_foreground_waits_when_nothing_needs_the_loop() {
        let fake = Fake::new(|c| c.config.auto_remove = true, &[exits(7)]);
        assert_eq!(foreground(&fake).unwrap(), 7);
        let want = vec![
            Call::Launch,
            Call::Wait,
            Call::Event(Event::Attach),
            Call::Event(Event::Died(7)),
            Call::RecordExit(7),
        ];
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn a_supervision_error_fails_the_foreground() {
        let lost = Run {
            code: None,
            ..exits(0)
        };
        let fake = Fake::new(|_| {}, &[lost]);
        let e = foreground(&fake).unwrap_err();
        assert!(e.0.contains("reaping the container"), "{e}");
        let want = vec![
            Call::Launch,
            Call::Event(Event::Attach),
            Call::RecordExit(125),
        ];
        assert_eq!(fake.calls(), want);
    }

    #[test]
    fn what_the_foreground_supervises() {
        let mut c = Container {
            config: crate::container::Config::default(),
            state: crate::container::State::default(),
        };
        // Logged by default.
        assert!(supervised(&c, Echo::ALL));
        c.config.auto_remove = true;
        assert!(!supervised(&c, Echo::ALL));
        assert!(supervised(&c, Echo::NONE));
        c.config.timeout = Some(5);
        assert!(supervised(&c, Echo::ALL));
        c.config.timeout = None;
        c.config.auto_remove = false;
        c.config.tty = true;
        assert!(!supervised(&c, Echo::ALL));
        c.config.log_driver = crate::spec::LogDriver::None;
        c.config.tty = false;
        assert!(!supervised(&c, Echo::ALL));
    }
}
