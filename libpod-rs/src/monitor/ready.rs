//! The monitor's start report: what a detached monitor tells the rpod
//! that started it (`run -d`, `start`), over the [`Channel`] it was given
//! as `--ready-fd`. With `--attach-first` it first says that its attach
//! socket listens; then that the container's command runs, or why it could
//! not start. End of file before the report means the monitor died.

use std::os::fd::OwnedFd;

use serde::{Deserialize, Serialize};

use crate::sys::channel::{self, Channel};

/// The monitor's messages.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Report {
    /// (`--attach-first`) The attach socket listens: connect to it, then
    /// wait for the next report.
    Listening,
    /// The container's command runs.
    Started,
    /// The container could not start: the exit code to give (125, 126,
    /// 127) and what went wrong.
    Failed {
        /// The exit code.
        code: u8,
        /// The error's text.
        message: String,
    },
}

/// The monitor's end: it sends reports.
pub type MonitorEnd = Channel<Report, ()>;
/// The starter's end: it receives them.
pub type StarterEnd = Channel<(), Report>;

/// A channel for a monitor about to be started: (the starter's end, the
/// end for the monitor). Both are close-on-exec; the caller clears it on
/// the monitor's end when passing it on.
pub fn channel() -> Result<(StarterEnd, OwnedFd), channel::Error> {
    let (starter, monitor) = channel::channel::<(), Report>()?;
    Ok((starter, monitor.into()))
}

/// The monitor's end on the descriptor it inherited (`--ready-fd`).
pub fn monitor_end(fd: OwnedFd) -> MonitorEnd {
    Channel::from_fd(fd)
}

/// The next report; a monitor that ended without one (or sent something
/// unreadable) is reported as failed with 125.
pub fn next(starter: &StarterEnd) -> Report {
    match starter.recv() {
        Ok(Some(report)) => report,
        Ok(None) => Report::Failed {
            code: 125,
            message: "the monitor exited before starting the container".into(),
        },
        Err(e) => Report::Failed {
            code: 125,
            message: format!("reading the monitor's start report: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_cross_and_a_silent_monitor_failed() {
        let (starter, fd) = channel().unwrap();
        let monitor = monitor_end(fd);
        monitor.send(&Report::Listening).unwrap();
        monitor
            .send(&Report::Failed {
                code: 127,
                message: "nope: not found".into(),
            })
            .unwrap();
        assert_eq!(next(&starter), Report::Listening);
        assert_eq!(
            next(&starter),
            Report::Failed {
                code: 127,
                message: "nope: not found".into()
            }
        );
        drop(monitor);
        assert!(
            matches!(next(&starter), Report::Failed { code: 125, message } if message.contains("exited before"))
        );
    }
}
