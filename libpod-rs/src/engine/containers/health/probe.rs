//! Running one probe: the check's command exec'd into the container, its
//! output captured and cut, killed at its timeout.

use std::os::fd::{AsFd, AsRawFd};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use super::HealthcheckError;
use crate::container::Container;
use crate::engine::containers::pipe;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::health::{go_rfc3339_nano, HealthConfig, Outcome, ProbeResult};
use crate::spec;
use crate::sys::pidfd::PidFd;

/// Output kept from a probe while it runs (podman keeps it all and cuts
/// it at `--health-max-log-size` afterwards; a runaway probe must not
/// fill our memory).
const OUTPUT_CAP: usize = 1 << 20;

impl Engine {
    /// Runs the check's command in the container with its stdout and
    /// stderr captured; kills it at the check's timeout.
    pub(super) fn run_probe(&self, c: &Container, check: &HealthConfig) -> Result<ProbeResult> {
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
