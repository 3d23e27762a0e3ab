//! The parent's side of `-t`: receives the pty master the child opened in
//! the container's devpts, puts our terminal in raw mode (restored on drop,
//! so on every return path), relays bytes both ways and follows SIGWINCH.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::poll::{PollFd, PollFlags};
use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg, Termios};

use crate::sys;

/// Copies bytes between our terminal and the container's pty.
pub(crate) struct Relay {
    master: OwnedFd,
    master_open: bool,
    stdin_open: bool,
    _raw: RawTerminal,
}

impl Relay {
    /// Start relaying; our stdin goes raw when it is a terminal.
    pub(crate) fn new(master: OwnedFd, interactive: bool) -> Relay {
        let r = Relay {
            master,
            master_open: true,
            stdin_open: interactive,
            _raw: RawTerminal::enter(),
        };
        r.resize();
        r
    }

    /// Copy our terminal's size to the pty.
    pub(crate) fn resize(&self) {
        if let Some((rows, cols)) = terminal_size() {
            let _ = sys::term::set_window_size(self.master.as_fd(), rows, cols);
        }
    }

    /// Add the descriptors to watch (master first, then stdin).
    pub(crate) fn poll_fds<'a>(&'a self, fds: &mut Vec<PollFd<'a>>) {
        if self.master_open {
            fds.push(PollFd::new(self.master.as_fd(), PollFlags::POLLIN));
        }
        if self.stdin_open {
            if let Some(stdin) = sys::process::stdio(0) {
                fds.push(PollFd::new(stdin, PollFlags::POLLIN));
            }
        }
    }

    /// Act on the poll results, in [`Relay::poll_fds`] order.
    pub(crate) fn handle(&mut self, revents: &[PollFlags]) {
        let mut it = revents.iter();
        if self.master_open {
            if let Some(r) = it.next() {
                if !r.is_empty() {
                    self.master_open = copy_out(self.master.as_fd());
                }
            }
        }
        if self.stdin_open {
            if let Some(r) = it.next() {
                if !r.is_empty() {
                    let mut buf = [0u8; 8192];
                    match nix::unistd::read(0, &mut buf) {
                        Ok(0) | Err(Errno::EIO) | Err(Errno::EBADF) => self.stdin_open = false,
                        Ok(n) => {
                            if crate::sys::write_all(self.master.as_fd(), &buf[..n]).is_err() {
                                self.stdin_open = false;
                            }
                        }
                        Err(_) => {}
                    }
                }
            }
        }
    }

    /// Copy what is left in the pty after the container exited.
    pub(crate) fn drain(&mut self) {
        if !self.master_open {
            return;
        }
        let _ = fcntl(
            self.master.as_raw_fd(),
            FcntlArg::F_SETFL(OFlag::O_NONBLOCK),
        );
        while copy_out(self.master.as_fd()) {}
        self.master_open = false;
    }
}

/// Copy one chunk from `fd` to our stdout; false at EOF or error.
fn copy_out(fd: BorrowedFd<'_>) -> bool {
    let mut buf = [0u8; 16384];
    match nix::unistd::read(fd.as_raw_fd(), &mut buf) {
        Ok(0) => false,
        Ok(n) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf[..n]).is_ok() && out.flush().is_ok()
        }
        Err(Errno::EINTR) => true,
        Err(_) => false,
    }
}

/// Our terminal in raw mode (when stdin is one), restored when dropped.
pub struct RawTerminal {
    saved: Option<Termios>,
}

impl RawTerminal {
    /// Puts stdin in raw mode if it is a terminal.
    pub fn enter() -> RawTerminal {
        let stdin = std::io::stdin();
        let saved = tcgetattr(stdin.as_fd()).ok();
        if let Some(t) = &saved {
            let mut raw = t.clone();
            cfmakeraw(&mut raw);
            let _ = tcsetattr(stdin.as_fd(), SetArg::TCSADRAIN, &raw);
        }
        RawTerminal { saved }
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        if let Some(t) = &self.saved {
            let _ = tcsetattr(std::io::stdin().as_fd(), SetArg::TCSADRAIN, t);
        }
    }
}

/// Whether stdin is a terminal (so that a prompt can be answered).
pub fn stdin_is_terminal() -> bool {
    tcgetattr(std::io::stdin().as_fd()).is_ok()
}

/// Prompts on stderr and reads one line from the terminal on stdin; with
/// `hidden` the terminal does not echo it (a password). The terminal's
/// settings are restored on every path.
pub fn prompt_line(prompt: &str, hidden: bool) -> std::io::Result<String> {
    let stdin = std::io::stdin();
    let saved = tcgetattr(stdin.as_fd()).ok();
    if let (true, Some(t)) = (hidden, &saved) {
        let mut quiet = t.clone();
        quiet
            .local_flags
            .remove(nix::sys::termios::LocalFlags::ECHO);
        quiet
            .local_flags
            .insert(nix::sys::termios::LocalFlags::ECHONL);
        let _ = tcsetattr(stdin.as_fd(), SetArg::TCSAFLUSH, &quiet);
    }
    let mut err = std::io::stderr();
    let _ = err.write_all(prompt.as_bytes());
    let _ = err.flush();
    let mut line = String::new();
    let read = stdin.read_line(&mut line);
    if let (true, Some(t)) = (hidden, &saved) {
        let _ = tcsetattr(stdin.as_fd(), SetArg::TCSAFLUSH, t);
    }
    read?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// The size (rows, columns) of our terminal, from stdin or stdout.
pub fn terminal_size() -> Option<(u16, u16)> {
    let size = |n| sys::process::stdio(n).map(sys::term::window_size);
    match size(0) {
        Some(Ok(s)) => Some(s),
        _ => size(1)?.ok(),
    }
}

/// Sets the window size of a pty.
pub fn set_terminal_size(fd: BorrowedFd<'_>, rows: u16, cols: u16) -> Result<(), Errno> {
    sys::term::set_window_size(fd, rows, cols)
}
