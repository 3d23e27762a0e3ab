//! Attached `compose up`: the containers' logs followed until all have
//! stopped, as Docker Compose v2 does it. The first SIGINT (ctrl-c) or
//! SIGTERM stops the containers gracefully ("Gracefully stopping...");
//! a second one kills them.
//!
//! The signals are blocked before the log threads exist (threads inherit
//! the mask) and read from a signalfd by a watcher thread, which a pipe
//! wakes when the logs end on their own. Stopping forks nothing, so it
//! may run beside the log threads.

use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};

use super::error::ProjectError;
use super::{is_running, Context, Kind, Step};
use crate::container::logs::ReadOptions;
use crate::container::Container;
use crate::error::Result;

/// How an attached `up` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every container stopped by itself.
    AllStopped,
    /// A signal asked us to stop them (exit 130, as Docker Compose).
    Interrupted,
}

/// Follows the logs of `containers` until all have stopped; SIGINT or
/// SIGTERM stops them (a second one kills them). `notice` is told when
/// the graceful stop begins and when the containers are being killed.
pub fn follow(
    ctx: &Context<'_>,
    containers: &[Container],
    colour: bool,
    out: &Mutex<dyn Write + Send>,
    notice: &(dyn Fn(&str) + Sync),
) -> Result<Ending> {
    let mut mask = SigSet::empty();
    mask.add(Signal::SIGINT);
    mask.add(Signal::SIGTERM);
    let mut old = SigSet::empty();
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&mask), Some(&mut old))
        .map_err(ProjectError::BlockSignals)?;
    let restore = || {
        let _ = nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
    };
    let sfd = match SignalFd::with_flags(&mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK) {
        Ok(s) => s,
        Err(e) => {
            restore();
            return Err(ProjectError::SignalFd(e).into());
        }
    };
    let (wake_r, wake_w) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(p) => p,
        Err(e) => {
            restore();
            return Err(ProjectError::Pipe(e).into());
        }
    };
    let interrupted = AtomicBool::new(false);
    let ids: Vec<String> = containers.iter().map(|c| c.config.id.clone()).collect();
    let shown = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| watch(ctx, &sfd, &wake_r, &ids, &interrupted, notice));
        let shown = super::logs::show(
            ctx.engine,
            containers,
            &ReadOptions::default(),
            true,
            colour,
            out,
        );
        wake(&wake_w);
        let _ = watcher.join();
        shown
    });
    // Signals that came after the watcher left are read, not delivered.
    while let Ok(Some(_)) = sfd.read_signal() {}
    restore();
    shown?;
    Ok(if interrupted.load(Ordering::SeqCst) {
        Ending::Interrupted
    } else {
        Ending::AllStopped
    })
}

fn wake(w: &OwnedFd) {
    let _ = nix::unistd::write(w, b"x");
}

/// The watcher: a first signal stops the containers (in a thread of its
/// own, so that a second signal is still read), a second kills them.
fn watch(
    ctx: &Context<'_>,
    sfd: &SignalFd,
    wake_r: &OwnedFd,
    ids: &[String],
    interrupted: &AtomicBool,
    notice: &(dyn Fn(&str) + Sync),
) {
    std::thread::scope(|scope| {
        let mut signals = 0;
        loop {
            let mut fds = [
                PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
                PollFd::new(wake_r.as_fd(), PollFlags::POLLIN),
            ];
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return,
            }
            if fds[1].any().unwrap_or(false) {
                return;
            }
            while let Ok(Some(_)) = sfd.read_signal() {
                signals += 1;
                interrupted.store(true, Ordering::SeqCst);
                if signals == 1 {
                    notice("Gracefully stopping... (press Ctrl+C again to force)");
                    scope.spawn(move || {
                        for c in ctx.engine.stop_containers(ids, None).into_iter().flatten() {
                            ctx.progress
                                .step(Kind::Container, &c.config.name, Step::Stopped);
                        }
                    });
                } else if signals == 2 {
                    notice("Killing...");
                    for id in ids {
                        if let Ok(c) = ctx.engine.container(id) {
                            if is_running(&c) && ctx.engine.kill_container(id, 9).is_ok() {
                                ctx.progress
                                    .step(Kind::Container, &c.config.name, Step::Killed);
                            }
                        }
                    }
                }
            }
        }
    });
}
