//! The monitor's start report: what a detached monitor tells the rpod
//! that started it (`run -d`, `start`), over the [`Channel`] it was given
//! as `--ready-fd`. With `--attach-first` it first says that its attach
//! socket listens; then that the container's command runs, or why it could
//! not start. End of file before the report means the monitor died.

use std::os::fd::OwnedFd;

use serde::{Deserialize, Serialize};

use crate::runtime;
use crate::spec::SdNotifyMode;
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

impl Report {
    /// The start report of a monitor whose start ended with `result`:
    /// started, or failed with the exit code and text given.
    pub fn of(result: Result<(), (u8, String)>) -> Report {
        match result {
            Ok(()) => Report::Started,
            Err((code, message)) => Report::Failed { code, message },
        }
    }

    /// The start report as the starter's result (`Listening` out of turn
    /// is taken as a monitor that did not start the container).
    pub fn into_result(self) -> Result<(), runtime::Error> {
        let (code, message) = match self {
            Report::Started => return Ok(()),
            Report::Failed { code, message } => (code, message),
            Report::Listening => (
                125,
                "the monitor exited before starting the container".into(),
            ),
        };
        Err(runtime::Error::Container { code, message })
    }
}

/// Sends the start report; a starter that is gone (killed) is no error:
/// the container runs regardless.
pub fn send(monitor: &MonitorEnd, report: &Report) {
    let _ = monitor.send(report);
}

/// What the monitor (PID `pid`) tells systemd once the container's command
/// runs, under `--sdnotify=mode` (`relay`: it relays the container's own
/// messages, `--sdnotify=container` under systemd); `None`: nothing.
pub fn systemd_state(mode: SdNotifyMode, relay: bool, pid: u32) -> Option<String> {
    match mode {
        SdNotifyMode::Conmon => Some(format!("MAINPID={pid}\nREADY=1")),
        // --sdnotify=container: only the main PID now, READY=1 when the
        // container says so.
        SdNotifyMode::Container if relay => Some(format!("MAINPID={pid}")),
        // READY=1 follows from the health timer.
        SdNotifyMode::Healthy => Some(format!("MAINPID={pid}")),
        _ => None,
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

    #[test]
    fn reports_as_results() {
        assert_eq!(Report::of(Ok(())), Report::Started);
        assert!(Report::Started.into_result().is_ok());
        let failed = Report::of(Err((127, "nope: not found".into())));
        assert!(matches!(
            failed.into_result(),
            Err(runtime::Error::Container { code: 127, message }) if message == "nope: not found"
        ));
        assert!(matches!(
            Report::Listening.into_result(),
            Err(runtime::Error::Container { code: 125, .. })
        ));
    }

    #[test]
    fn systemd_is_told_as_the_mode_says() {
        assert_eq!(
            systemd_state(SdNotifyMode::Conmon, false, 7).as_deref(),
            Some("MAINPID=7\nREADY=1")
        );
        assert_eq!(
            systemd_state(SdNotifyMode::Container, true, 7).as_deref(),
            Some("MAINPID=7")
        );
        assert_eq!(systemd_state(SdNotifyMode::Container, false, 7), None);
        assert_eq!(
            systemd_state(SdNotifyMode::Healthy, false, 7).as_deref(),
            Some("MAINPID=7")
        );
        assert_eq!(systemd_state(SdNotifyMode::Ignore, true, 7), None);
    }
}
