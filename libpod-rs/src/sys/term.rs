//! Terminals: window sizes, the controlling terminal, and the modes of the
//! terminal on our stdin (raw, no echo), saved and restored by a guard.
//! When to use them (a prompt, raw mode while attached) is the binary's
//! business.

use std::os::fd::BorrowedFd;

use nix::errno::Errno;
use rustix::termios::{self, LocalModes, OptionalActions, Termios, Winsize};

use super::errno;

/// A terminal's window size: (rows, columns).
pub fn window_size(fd: BorrowedFd<'_>) -> Result<(u16, u16), Errno> {
    let ws = termios::tcgetwinsize(fd).map_err(errno)?;
    Ok((ws.ws_row, ws.ws_col))
}

/// Sets a terminal's window size.
pub fn set_window_size(fd: BorrowedFd<'_>, rows: u16, cols: u16) -> Result<(), Errno> {
    let ws = Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    termios::tcsetwinsize(fd, ws).map_err(errno)
}

/// Makes `fd` (a terminal) the controlling terminal of this session.
pub fn set_controlling(fd: BorrowedFd<'_>) -> Result<(), Errno> {
    rustix::process::ioctl_tiocsctty(fd).map_err(errno)
}

/// Whether `fd` is a terminal.
pub fn is_terminal(fd: BorrowedFd<'_>) -> bool {
    termios::isatty(fd)
}

/// Whether our stdin, stdout or stderr is a terminal.
pub fn stdio_is_terminal() -> bool {
    use std::os::fd::AsFd;
    termios::isatty(std::io::stdin().as_fd())
        || termios::isatty(std::io::stdout().as_fd())
        || termios::isatty(std::io::stderr().as_fd())
}

/// How a [`Mode`] changes the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Raw: bytes as typed, no echo, no signals from keys (attach, `-t`).
    Raw,
    /// Lines as usual, but not echoed (a password prompt).
    NoEcho,
}

/// The terminal on `fd` changed as asked, restored when dropped (so on
/// every return path). Nothing is changed when `fd` is not a terminal.
#[derive(Debug)]
pub struct Mode {
    fd: BorrowedFd<'static>,
    saved: Option<Termios>,
}

impl Mode {
    /// Changes the terminal on our standard descriptor `fd` (0 or 1).
    pub fn enter(fd: BorrowedFd<'static>, change: Change) -> Mode {
        let saved = termios::tcgetattr(fd).ok();
        if let Some(t) = &saved {
            let mut new = t.clone();
            let how = match change {
                Change::Raw => {
                    new.make_raw();
                    OptionalActions::Drain
                }
                Change::NoEcho => {
                    new.local_modes.remove(LocalModes::ECHO);
                    new.local_modes.insert(LocalModes::ECHONL);
                    OptionalActions::Flush
                }
            };
            let _ = termios::tcsetattr(fd, how, &new);
        }
        Mode { fd, saved }
    }
}

impl Drop for Mode {
    fn drop(&mut self) {
        if let Some(t) = &self.saved {
            let _ = termios::tcsetattr(self.fd, OptionalActions::Drain, t);
        }
    }
}
