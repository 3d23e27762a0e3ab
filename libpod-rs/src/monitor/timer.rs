//! Periodic work inside the supervision loop (healthchecks): what the
//! loop asks of it. The loop stays single-threaded: it polls until the
//! hook's next deadline, and calls the hook on every wake-up (a timer, a
//! child's SIGCHLD, output), so the hook reaps its own helper processes
//! without a thread or a descriptor of its own.

use std::os::fd::BorrowedFd;
use std::time::Instant;

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
