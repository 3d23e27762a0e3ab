//! The supervision loop shared by `rpod run` in the foreground and by the
//! detached per-container monitor (conmon's job): reads the container's
//! stdout and stderr (pipes) or its pty master, writes them to the log and,
//! in the foreground, to our own stdout and stderr; forwards SIGINT,
//! SIGTERM, SIGHUP and SIGQUIT to the container's PID 1; reaps it and
//! returns its exit code. Besides the loop: the attach socket, the start
//! report (`ready`), the restart policy's decisions (`restart`), and the
//! run of a container around [`supervise`] (`supervisor`: start, report,
//! supervise, record the exit, restart), which reads and writes the
//! container's record through the [`supervisor::Host`] the engine provides.

pub mod attach;
pub mod ready;
pub mod restart;
pub mod supervisor;
pub mod timer;

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::Pid;

use crate::container::logs::{self, LogWriter, Stream};
use crate::runtime::{self, Started};
use crate::systemd::notify::Relay;

/// What the monitor itself fails at (the engine's own errors pass through
/// [`supervisor::run`] unchanged).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Supervising the container's process (its exit code: the runtime's).
    #[error(transparent)]
    Runtime(#[from] runtime::Error),
    /// A pipe for the container's standard streams.
    #[error("creating a pipe: {0}")]
    Pipe(nix::errno::Errno),
    /// `/dev/null` for the container's stdin.
    #[error("opening /dev/null: {0}")]
    DevNull(std::io::Error),
    /// The foreground `run`'s container log.
    #[error("opening the container log: {0}")]
    Log(logs::Error),
    /// `run -it`: the CLI did not connect to the attach socket.
    #[error("no client attached to the monitor within 30 s")]
    NoClient,
    /// `--sdnotify=container`: the relay's socket.
    #[error("creating the notify socket for --sdnotify=container: {0}")]
    Notify(std::io::Error),
}

impl Error {
    /// The exit code this error gives (125 but for the runtime's 126/127).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Runtime(e) => e.exit_code(),
            _ => crate::error::EXIT_RPOD,
        }
    }
}

/// The container's PID 1 as [`supervise`] sees it: [`Started`], or a fake
/// in the supervisor's tests.
pub trait Process {
    /// Its PID, as seen from the host.
    fn pid(&self) -> i32;
    /// The signals blocked while it runs (read from a signalfd and relayed).
    fn signals(&self) -> &SigSet;
    /// Non-blocking reap: its exit code once it exited.
    fn try_wait(&mut self) -> Result<Option<u8>, runtime::Error>;
    /// The pty master (`-t`).
    fn take_master(&mut self) -> Option<OwnedFd>;
    /// Waits for it with our own stdio (or terminal) as its own.
    fn wait(self, io: runtime::Stdio) -> Result<u8, runtime::Error>;
}

impl Process for Started {
    fn pid(&self) -> i32 {
        Started::pid(self)
    }
    fn signals(&self) -> &SigSet {
        Started::signals(self)
    }
    fn try_wait(&mut self) -> Result<Option<u8>, runtime::Error> {
        Started::try_wait(self)
    }
    fn take_master(&mut self) -> Option<OwnedFd> {
        Started::take_master(self)
    }
    fn wait(self, io: runtime::Stdio) -> Result<u8, runtime::Error> {
        Started::wait(self, io)
    }
}

/// The container's output descriptors, read by [`supervise`].
#[derive(Debug, Default)]
pub struct Outputs {
    /// Read end of the container's stdout pipe.
    pub stdout: Option<OwnedFd>,
    /// Read end of the container's stderr pipe.
    pub stderr: Option<OwnedFd>,
    /// The pty master (`-t`): output is logged as stdout.
    pub master: Option<OwnedFd>,
}

/// Which of the container's output streams `rpod run` in the foreground
/// copies to its own (`--attach`/`-a`; both by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Echo {
    /// The container's stdout to ours.
    pub stdout: bool,
    /// The container's stderr to ours.
    pub stderr: bool,
}

impl Echo {
    /// Both streams (a foreground `run`).
    pub const ALL: Echo = Echo {
        stdout: true,
        stderr: true,
    };
    /// Neither (the detached monitor).
    pub const NONE: Echo = Echo {
        stdout: false,
        stderr: false,
    };
}

fn sys_err(step: &'static str) -> impl Fn(Errno) -> runtime::Error {
    move |errno| runtime::Error::Sys { step, errno }
}

/// Moves output to the log (and to our stdout/stderr as `echo` says),
/// forwards signals and passes on `notify`'s messages (`--sdnotify=container`)
/// until the container exits; returns its exit code.
pub fn supervise(
    started: &mut impl Process,
    outputs: Outputs,
    mut log: Option<&mut LogWriter>,
    echo: Echo,
    mut attach: Option<&mut attach::Server>,
    notify: Option<&Relay>,
    mut periodic: Option<&mut dyn timer::Periodic>,
) -> Result<u8, runtime::Error> {
    let sfd = SignalFd::with_flags(
        started.signals(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .map_err(sys_err("creating the signal fd"))?;
    let pid = Pid::from_raw(started.pid());
    let mut sources: Vec<(OwnedFd, Stream)> = Vec::new();
    if let Some(fd) = outputs.master {
        sources.push((fd, Stream::Stdout));
    }
    if let Some(fd) = outputs.stdout {
        sources.push((fd, Stream::Stdout));
    }
    if let Some(fd) = outputs.stderr {
        sources.push((fd, Stream::Stderr));
    }
    let mut buf = vec![0u8; 32 * 1024];
    let mut exit = None;
    let mut last_deadline = None;
    loop {
        if exit.is_none() {
            exit = started.try_wait()?;
        }
        if exit.is_some() {
            // Drain what is buffered without waiting for writers that a
            // daemonized grandchild may still hold.
            for (fd, _) in &sources {
                let _ = nix::fcntl::fcntl(
                    fd.as_raw_fd(),
                    nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
                );
            }
        }
        let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        if let Some(r) = notify {
            fds.push(PollFd::new(r.as_fd(), PollFlags::POLLIN));
        }
        for (fd, _) in &sources {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
        }
        let attach_fds = attach
            .as_deref()
            .map(attach::Server::poll_fds)
            .unwrap_or_default();
        let n_attach = attach_fds.len();
        for fd in attach_fds {
            fds.push(PollFd::new(fd, PollFlags::POLLIN));
        }
        if let Some(fd) = periodic.as_deref().and_then(timer::Periodic::wake_fd) {
            fds.push(PollFd::new(fd, PollFlags::POLLIN));
        }
        let deadline = periodic.as_deref().and_then(timer::Periodic::deadline);
        if exit.is_none() && deadline != last_deadline {
            // The periodic work rescheduled itself (it started or reaped
            // a probe): give back the code pages this wake-up touched
            // before sleeping, so that a monitor probing every second
            // holds only what it uses while it waits.
            crate::sys::release_code_pages();
            last_deadline = deadline;
        }
        let timeout = if exit.is_some() {
            PollTimeout::ZERO
        } else {
            match deadline {
                Some(at) => {
                    let left = at.saturating_duration_since(std::time::Instant::now());
                    // Rounded up, so that the wake-up is not before it.
                    let ms = left.as_millis().saturating_add(1);
                    PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
                }
                None => PollTimeout::NONE,
            }
        };
        match poll(&mut fds, timeout) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(sys_err("waiting for the container")(e)),
        }
        let mut ready: Vec<bool> = fds
            .iter()
            .skip(1)
            .map(|f| !f.revents().unwrap_or(PollFlags::empty()).is_empty())
            .collect();
        let notify_ready = notify.is_some() && ready.remove(0);
        drop(fds);
        let attach_ready = ready[sources.len()..sources.len() + n_attach].to_vec();
        let mut closed = Vec::new();
        let mut progressed = false;
        for (i, (fd, stream)) in sources.iter().enumerate() {
            if !ready[i] {
                continue;
            }
            match nix::unistd::read(fd.as_raw_fd(), &mut buf) {
                Ok(0) | Err(Errno::EIO) => closed.push(i),
                Ok(n) => {
                    progressed = true;
                    let data = &buf[..n];
                    if let Some(w) = log.as_deref_mut() {
                        let _ = w.write(*stream, data);
                    }
                    if let Some(a) = attach.as_deref_mut() {
                        a.broadcast(*stream, data);
                    }
                    let _ = match stream {
                        Stream::Stdout if echo.stdout => {
                            let mut o = std::io::stdout().lock();
                            o.write_all(data).and_then(|()| o.flush())
                        }
                        Stream::Stderr if echo.stderr => std::io::stderr().lock().write_all(data),
                        _ => Ok(()),
                    };
                }
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                Err(_) => closed.push(i),
            }
        }
        for i in closed.into_iter().rev() {
            sources.remove(i);
        }
        if let Some(a) = attach.as_deref_mut() {
            a.handle(&attach_ready);
        }
        if let Some(r) = notify.filter(|_| notify_ready || exit.is_some()) {
            // Also drains what the container sent just before it exited.
            r.forward();
        }
        while let Ok(Some(info)) = sfd.read_signal() {
            let Ok(sig) = Signal::try_from(info.ssi_signo as i32) else {
                continue;
            };
            if matches!(
                sig,
                Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP | Signal::SIGQUIT
            ) {
                let _ = kill(pid, sig);
            }
        }
        if exit.is_none() {
            if let Some(p) = periodic.as_deref_mut() {
                p.tick(std::time::Instant::now(), pid);
            }
        }
        if let Some(code) = exit {
            if !progressed || sources.is_empty() {
                if let Some(a) = attach.as_deref_mut() {
                    a.finish(code);
                }
                return Ok(code);
            }
        }
    }
}
