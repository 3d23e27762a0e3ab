//! Periodic work inside the supervision loop (healthchecks): what the
//! loop asks of it. The loop stays single-threaded: it polls until the
//! hook's next deadline, and calls the hook on every wake-up (a timer, a
//! child's SIGCHLD, output), so the hook reaps its own helper processes
//! without a thread or a descriptor of its own.

use std::os::fd::BorrowedFd;
use std::time::{Duration, Instant};

use nix::unistd::Pid;

/// Work the supervision loop does besides moving output.
pub trait Periodic {
    /// When the loop must wake up next for it (`None`: nothing scheduled).
    fn deadline(&self) -> Option<Instant>;
    /// Called after every wake-up of the loop, with the container's PID 1;
    /// does what is due (and reaps its children, non-blocking).
    fn tick(&mut self, now: Instant, container: Pid);
    /// A descriptor whose readability wakes the loop (then [`Periodic::tick`]
    /// runs), such as a watch on the container's record.
    fn wake_fd(&self) -> Option<BorrowedFd<'_>> {
        None
    }
}

/// `--timeout`: SIGKILLs the container's PID 1 once its time is up
/// (conmon's `--timeout`), besides another hook's work (the healthcheck).
pub struct Timeout<'a> {
    at: Option<Instant>,
    fired: bool,
    inner: Option<&'a mut dyn Periodic>,
}

impl<'a> Timeout<'a> {
    /// A timeout `after` from now (none: only `inner`'s work).
    pub fn new(after: Option<Duration>, inner: Option<&'a mut dyn Periodic>) -> Timeout<'a> {
        Timeout {
            at: after.map(|d| Instant::now() + d),
            fired: false,
            inner,
        }
    }

    /// Whether the container was killed for its timeout.
    pub fn fired(&self) -> bool {
        self.fired
    }
}

impl Periodic for Timeout<'_> {
    fn deadline(&self) -> Option<Instant> {
        let mine = self.at.filter(|_| !self.fired);
        let theirs = self.inner.as_deref().and_then(Periodic::deadline);
        match (mine, theirs) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn tick(&mut self, now: Instant, container: Pid) {
        if let Some(at) = self.at {
            if !self.fired && now >= at {
                let _ = nix::sys::signal::kill(container, nix::sys::signal::Signal::SIGKILL);
                self.fired = true;
            }
        }
        if let Some(p) = self.inner.as_deref_mut() {
            p.tick(now, container);
        }
    }

    fn wake_fd(&self) -> Option<BorrowedFd<'_>> {
        self.inner.as_deref().and_then(Periodic::wake_fd)
    }
}
