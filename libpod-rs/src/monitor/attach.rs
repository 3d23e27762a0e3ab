//! The attach socket: a SOCK_SEQPACKET unix socket the monitor listens on
//! (`<runroot>/a/<short id>`), through which `attach`, `start -a` and
//! `run -it` clients see the container's output and feed its input.
//!
//! Each packet starts with a kind byte: monitor → client `1` stdout data,
//! `2` stderr data, `5` exit code (one byte, sent before closing); client →
//! monitor `0` stdin data, `3` window size (rows and columns, u16 big
//! endian), `4` end of stdin. Several clients may attach at once; output
//! goes to all, and a client too slow to take a packet loses it rather
//! than stalling the container. Detach keys are the client's business.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{
    bind, connect, listen, recv, send, socket, AddressFamily, Backlog, MsgFlags, SockFlag,
    SockType, UnixAddr,
};

use crate::container::logs::Stream;
use crate::runtime;

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const RESIZE: u8 = 3;
const STDIN_EOF: u8 = 4;
const EXIT: u8 = 5;

/// Errors of the attach socket.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A socket call failed.
    #[error("{step} {path}: {errno}")]
    Socket {
        /// What was being done.
        step: &'static str,
        /// The socket path.
        path: PathBuf,
        /// The error number.
        errno: Errno,
    },
}

fn sock_err(step: &'static str, path: &Path) -> impl Fn(Errno) -> Error {
    let path = path.to_path_buf();
    move |errno| Error::Socket {
        step,
        path: path.clone(),
        errno,
    }
}

/// The monitor's side: the listening socket and the attached clients.
pub struct Server {
    listener: OwnedFd,
    clients: Vec<OwnedFd>,
    /// Where client input goes: the pty master or the stdin pipe.
    input: Option<OwnedFd>,
    /// The pty master, for window sizes.
    master: Option<OwnedFd>,
}

impl Server {
    /// Listens at `path` (replacing a stale socket). `input` receives what
    /// clients type; `master` (a duplicate of the pty master) takes resizes.
    pub fn listen(
        path: &Path,
        input: Option<OwnedFd>,
        master: Option<OwnedFd>,
    ) -> Result<Server, Error> {
        let _ = fs_err::remove_file(path);
        let fd = socket(
            AddressFamily::Unix,
            SockType::SeqPacket,
            SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
            None,
        )
        .map_err(sock_err("creating", path))?;
        let addr = UnixAddr::new(path).map_err(sock_err("addressing", path))?;
        bind(fd.as_raw_fd(), &addr).map_err(sock_err("binding", path))?;
        listen(&fd, Backlog::new(16).unwrap_or(Backlog::MAXCONN))
            .map_err(sock_err("listening on", path))?;
        Ok(Server {
            listener: fd,
            clients: Vec::new(),
            input,
            master,
        })
    }

    /// Gives the server the container's input (pty master or stdin pipe)
    /// and pty master (for window sizes), after each start.
    pub fn set_io(&mut self, input: Option<OwnedFd>, master: Option<OwnedFd>) {
        self.input = input;
        self.master = master;
    }

    /// Waits (up to `timeout`) for the first client: `run -it` connects
    /// before the container starts, so that it sees all of its output.
    pub fn accept_first(&mut self, timeout: std::time::Duration) -> bool {
        let mut fds = [PollFd::new(self.listener.as_fd(), PollFlags::POLLIN)];
        let ms = u16::try_from(timeout.as_millis()).unwrap_or(u16::MAX);
        if poll(&mut fds, PollTimeout::from(ms)).unwrap_or(0) == 0 {
            return false;
        }
        self.handle(&[true]);
        !self.clients.is_empty()
    }

    /// Descriptors to poll: the listener, then each client.
    pub fn poll_fds(&self) -> Vec<BorrowedFd<'_>> {
        let mut v = vec![self.listener.as_fd()];
        v.extend(self.clients.iter().map(AsFd::as_fd));
        v
    }

    /// Handles readiness, in [`Server::poll_fds`] order.
    pub fn handle(&mut self, ready: &[bool]) {
        if ready.first() == Some(&true) {
            while let Ok(fd) = crate::sys::net::accept(self.listener.as_fd()) {
                self.clients.push(fd);
            }
        }
        let mut gone = Vec::new();
        let mut buf = vec![0u8; 32 * 1024 + 1];
        for (i, c) in self.clients.iter().enumerate() {
            if ready.get(i + 1) != Some(&true) {
                continue;
            }
            match recv(c.as_raw_fd(), &mut buf, MsgFlags::MSG_DONTWAIT) {
                Ok(0) => gone.push(i),
                Ok(n) => match buf[0] {
                    STDIN => {
                        if let Some(fd) = &self.input {
                            let _ = crate::sys::write_all(fd.as_fd(), &buf[1..n]);
                        }
                    }
                    RESIZE if n >= 5 => {
                        if let Some(m) = &self.master {
                            let rows = u16::from_be_bytes([buf[1], buf[2]]);
                            let cols = u16::from_be_bytes([buf[3], buf[4]]);
                            let _ = runtime::set_terminal_size(m.as_fd(), rows, cols);
                        }
                    }
                    STDIN_EOF if self.master.is_none() => self.input = None,
                    _ => {}
                },
                Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => gone.push(i),
            }
        }
        for i in gone.into_iter().rev() {
            self.clients.remove(i);
        }
    }

    /// Sends output to every client.
    pub fn broadcast(&mut self, stream: Stream, data: &[u8]) {
        let mut packet = Vec::with_capacity(data.len() + 1);
        packet.push(if stream == Stream::Stdout {
            STDOUT
        } else {
            STDERR
        });
        packet.extend_from_slice(data);
        self.send_all(&packet);
    }

    fn send_all(&mut self, packet: &[u8]) {
        self.clients.retain(|c| {
            !matches!(
                send(c.as_raw_fd(), packet, MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_NOSIGNAL),
                Err(e) if e != Errno::EAGAIN
            )
        });
    }

    /// Tells the clients the exit code and disconnects them.
    pub fn finish(&mut self, code: u8) {
        self.send_all(&[EXIT, code]);
        // Closing with unread packets (a resize, typed input) would reset
        // the connection, and the client would see ECONNRESET first.
        let mut buf = [0u8; 4096];
        for c in &self.clients {
            while matches!(recv(c.as_raw_fd(), &mut buf, MsgFlags::MSG_DONTWAIT), Ok(n) if n > 0) {}
        }
        self.clients.clear();
    }
}

/// How an attach session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The user typed the detach keys; the container runs on.
    Detached,
    /// The container exited with this code.
    Exited(u8),
    /// The monitor went away without an exit code.
    Closed,
}

/// Parses podman's `--detach-keys` (`ctrl-p,ctrl-q`, `a`, `ctrl-@`); empty
/// disables detaching.
pub fn parse_detach_keys(spec: &str) -> Result<Vec<u8>, String> {
    let mut keys = Vec::new();
    for k in spec.split(',').filter(|k| !k.is_empty()) {
        let b = match k.strip_prefix("ctrl-") {
            Some(c) if c.len() == 1 => {
                let ch = c.as_bytes()[0];
                match ch {
                    b'a'..=b'z' => ch - b'a' + 1,
                    b'@' => 0,
                    b'[' => 27,
                    b'\\' => 28,
                    b']' => 29,
                    b'^' => 30,
                    b'_' => 31,
                    _ => return Err(format!("invalid detach key {k:?}")),
                }
            }
            None if k.len() == 1 => k.as_bytes()[0],
            _ => {
                return Err(format!(
                    "invalid detach key {k:?}: use a letter or ctrl-<letter>, e.g. ctrl-p,ctrl-q"
                ))
            }
        };
        keys.push(b);
    }
    Ok(keys)
}

/// Connects to the attach socket at `path`.
pub fn connect_to(path: &Path) -> Result<OwnedFd, Error> {
    let fd = socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(sock_err("creating", path))?;
    let addr = UnixAddr::new(path).map_err(sock_err("addressing", path))?;
    connect(fd.as_raw_fd(), &addr).map_err(sock_err("connecting to", path))?;
    Ok(fd)
}

/// Attaches our terminal (or stdio) to the container behind `path` until
/// it exits, the monitor goes away, or the detach keys are typed; `proxy`
/// receives the signals this process gets (`--sig-proxy`).
pub fn attach(
    path: &Path,
    stdin: bool,
    tty: bool,
    detach_keys: &[u8],
    proxy: Option<&dyn Fn(Signal)>,
) -> Result<End, Error> {
    let fd = connect_to(path)?;
    session(&fd, path, stdin, tty, detach_keys, proxy)
}

/// The signals `--sig-proxy` passes on: every catchable one but those
/// podman keeps (SIGCHLD, SIGURG, SIGWINCH: the terminal's size goes as
/// its own message) and SIGPIPE (a closed output of ours).
fn proxied_signals() -> impl Iterator<Item = Signal> {
    Signal::iterator().filter(|s| {
        !matches!(
            s,
            Signal::SIGKILL
                | Signal::SIGSTOP
                | Signal::SIGCHLD
                | Signal::SIGURG
                | Signal::SIGWINCH
                | Signal::SIGPIPE
                | Signal::SIGSEGV
                | Signal::SIGBUS
                | Signal::SIGILL
                | Signal::SIGFPE
        )
    })
}

/// Relays between our stdio and a connected attach socket (see [`attach`]).
pub fn session(
    fd: &OwnedFd,
    path: &Path,
    stdin: bool,
    tty: bool,
    detach_keys: &[u8],
    proxy: Option<&dyn Fn(Signal)>,
) -> Result<End, Error> {
    let _raw = tty.then(runtime::RawTerminal::enter);
    let mut mask = SigSet::empty();
    mask.add(Signal::SIGWINCH);
    if proxy.is_some() {
        for s in proxied_signals() {
            mask.add(s);
        }
    }
    let mut old = SigSet::empty();
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), Some(&mut old));
    let sfd = SignalFd::with_flags(&mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK).ok();
    let send_size = |fd: &OwnedFd| {
        if let Some((r, c)) = runtime::terminal_size() {
            let mut p = vec![RESIZE];
            p.extend_from_slice(&r.to_be_bytes());
            p.extend_from_slice(&c.to_be_bytes());
            let _ = send(fd.as_raw_fd(), &p, MsgFlags::MSG_NOSIGNAL);
        }
    };
    if tty {
        send_size(fd);
    }
    let mut stdin_open = stdin;
    let mut matched = 0usize;
    let mut buf = vec![0u8; 32 * 1024 + 1];
    let end = loop {
        let stdin_fd = std::io::stdin();
        let mut fds = vec![PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(stdin_fd.as_fd(), PollFlags::POLLIN));
        }
        if let Some(s) = &sfd {
            fds.push(PollFd::new(s.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(sock_err("waiting on", path)(e)),
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| !f.revents().unwrap_or(PollFlags::empty()).is_empty())
            .collect();
        drop(fds);
        if ready[0] {
            match recv(fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
                Ok(0) => break End::Closed,
                // A reset is reported before the packets still queued (the
                // exit code among them); the next read returns those.
                Err(Errno::ECONNRESET) => continue,
                Err(e) => {
                    tracing::debug!("attach socket: {e}");
                    break End::Closed;
                }
                Ok(n) => match buf[0] {
                    STDOUT => {
                        let mut o = std::io::stdout().lock();
                        let _ = o.write_all(&buf[1..n]).and_then(|()| o.flush());
                    }
                    STDERR => {
                        let _ = std::io::stderr().lock().write_all(&buf[1..n]);
                    }
                    EXIT if n >= 2 => break End::Exited(buf[1]),
                    _ => {}
                },
            }
        }
        if stdin_open && ready.get(1) == Some(&true) {
            let mut input = [0u8; 8192];
            match nix::unistd::read(0, &mut input) {
                Ok(0) | Err(Errno::EIO | Errno::EBADF) => {
                    stdin_open = false;
                    let _ = send(fd.as_raw_fd(), &[STDIN_EOF], MsgFlags::MSG_NOSIGNAL);
                }
                Ok(n) => {
                    // Hold back bytes that may start the detach sequence.
                    let mut out = vec![STDIN];
                    let mut detached = false;
                    for &b in &input[..n] {
                        if !detach_keys.is_empty() && b == detach_keys[matched] {
                            matched += 1;
                            if matched == detach_keys.len() {
                                detached = true;
                                break;
                            }
                        } else {
                            out.extend_from_slice(&detach_keys[..matched]);
                            matched = 0;
                            if !detach_keys.is_empty() && b == detach_keys[0] {
                                matched = 1;
                            } else {
                                out.push(b);
                            }
                        }
                    }
                    if out.len() > 1 {
                        let _ = send(fd.as_raw_fd(), &out, MsgFlags::MSG_NOSIGNAL);
                    }
                    if detached {
                        break End::Detached;
                    }
                }
                Err(_) => {}
            }
        }
        if let Some(s) = &sfd {
            if ready.last() == Some(&true) {
                let mut resized = false;
                while let Ok(Some(info)) = s.read_signal() {
                    match Signal::try_from(info.ssi_signo as i32) {
                        Ok(Signal::SIGWINCH) => resized = true,
                        Ok(sig) => {
                            if let Some(p) = proxy {
                                p(sig);
                            }
                        }
                        Err(_) => {}
                    }
                }
                if tty && resized {
                    send_size(fd);
                }
            }
        }
    };
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys() {
        assert_eq!(parse_detach_keys("ctrl-p,ctrl-q").unwrap(), [16, 17]);
        assert_eq!(parse_detach_keys("a,ctrl-@").unwrap(), [b'a', 0]);
        assert_eq!(parse_detach_keys("").unwrap(), Vec::<u8>::new());
        assert!(parse_detach_keys("ctrl-pp").is_err());
        assert!(parse_detach_keys("ab").is_err());
    }
}
