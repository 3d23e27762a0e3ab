//! sd_notify: tells the service manager that a unit is ready, and which
//! process is its main one, over the datagram socket named by
//! `NOTIFY_SOCKET` (a path, or `@name` for an abstract socket), as
//! sd_notify(3) describes. No libsystemd is needed.
//!
//! `--sdnotify=container` puts a [`Relay`] between the container and the
//! service manager, as podman does: the monitor binds its own socket, the
//! container sees it as `NOTIFY_SOCKET=/run/notify/notify.sock`, and every
//! message it sends there goes on to the outer socket from the monitor, with
//! `MAINPID=` rewritten to the monitor's PID (the process systemd tracks).

use fs_err::os::unix::fs::OpenOptionsExt;
use std::io::ErrorKind;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::linux::net::SocketAddrExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::path::{Path, PathBuf};

/// The directory the relay's socket is bind-mounted on in the container.
pub const CONTAINER_DIR: &str = "/run/notify";
/// The container's `NOTIFY_SOCKET` under `--sdnotify=container`.
pub const CONTAINER_SOCKET: &str = "/run/notify/notify.sock";
/// The socket's file name, in the relay's directory and in [`CONTAINER_DIR`].
const SOCKET_NAME: &str = "notify.sock";

/// Sends `state` (e.g. `MAINPID=42\nREADY=1`) to the socket `NOTIFY_SOCKET` names.
pub fn notify(socket: &str, state: &str) -> std::io::Result<()> {
    let addr = match socket.strip_prefix('@') {
        Some(name) => SocketAddr::from_abstract_name(name.as_bytes())?,
        None => SocketAddr::from_pathname(socket)?,
    };
    let sock = UnixDatagram::unbound()?;
    sock.send_to_addr(state.as_bytes(), &addr)?;
    Ok(())
}

/// A container's message as the monitor passes it on: `MAINPID=` lines
/// name `mainpid` instead (the container's PIDs mean nothing to systemd),
/// other lines are kept; `None` when nothing is left to send.
pub fn rewrite(message: &[u8], mainpid: u32) -> Option<String> {
    let text = String::from_utf8_lossy(message);
    let mut lines: Vec<String> = Vec::new();
    let mut pid_said = false;
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        if line.starts_with("MAINPID=") {
            if !pid_said {
                lines.push(format!("MAINPID={mainpid}"));
                pid_said = true;
            }
        } else {
            lines.push(line.to_string());
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The monitor's end of `--sdnotify=container`: a datagram socket in a
/// directory of its own (bind-mounted on [`CONTAINER_DIR`]) whose messages
/// [`Relay::forward`] passes on to the outer `NOTIFY_SOCKET`. Dropping it
/// removes the socket and its directory.
#[derive(Debug)]
pub struct Relay {
    sock: UnixDatagram,
    dir: PathBuf,
    outer: String,
    mainpid: u32,
}

impl Relay {
    /// Creates `dir` and binds the socket in it, writable by every id
    /// (the container's processes may run as any mapped id); messages go to
    /// `outer` with `mainpid` as `MAINPID`.
    pub fn bind(dir: &Path, outer: &str, mainpid: u32) -> std::io::Result<Relay> {
        let path = dir.join(SOCKET_NAME);
        let _ = fs_err::remove_file(&path);
        let _ = fs_err::remove_dir(dir);
        fs_err::create_dir_all(dir)?;
        fs_err::set_permissions(dir, std::fs::Permissions::from_mode(0o755))?;
        // Through the directory's descriptor: the full path may not fit in
        // sockaddr_un's 108 bytes (long run roots, 64-character IDs).
        let handle = fs_err::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC)
            .open(dir)
            .map_err(|e| with_path(e, "opening", dir))?;
        let short = format!("/proc/self/fd/{}/{SOCKET_NAME}", handle.as_raw_fd());
        let sock = UnixDatagram::bind(&short).map_err(|e| with_path(e, "binding", &path))?;
        drop(handle);
        sock.set_nonblocking(true)
            .map_err(|e| with_path(e, "configuring", &path))?;
        fs_err::set_permissions(&path, std::fs::Permissions::from_mode(0o777))?;
        Ok(Relay {
            sock,
            dir: dir.to_path_buf(),
            outer: outer.to_string(),
            mainpid,
        })
    }

    /// The directory holding the socket (the bind mount's source).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Passes every queued message on to the outer socket; returns how many
    /// were sent. Failures to send are logged, not returned: the container
    /// runs on whether or not systemd listens.
    pub fn forward(&self) -> usize {
        let mut buf = vec![0u8; 8192];
        let mut sent = 0;
        loop {
            match self.sock.recv(&mut buf) {
                Ok(n) => {
                    let Some(message) = rewrite(&buf[..n], self.mainpid) else {
                        continue;
                    };
                    match notify(&self.outer, &message) {
                        Ok(()) => sent += 1,
                        Err(e) => tracing::warn!("notifying systemd at {}: {e}", self.outer),
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return sent,
            }
        }
    }
}

impl AsFd for Relay {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.sock.as_fd()
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = fs_err::remove_file(self.dir.join(SOCKET_NAME));
        let _ = fs_err::remove_dir(&self.dir);
    }
}

fn with_path(e: std::io::Error, op: &str, path: &Path) -> std::io::Error {
    std::io::Error::new(
        e.kind(),
        format!("{op} {}: {}", path.display(), crate::sys::os_text(&e)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_to_a_path_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let server = UnixDatagram::bind(&path).unwrap();
        notify(path.to_str().unwrap(), "MAINPID=7\nREADY=1").unwrap();
        let mut buf = [0u8; 64];
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MAINPID=7\nREADY=1");
        assert!(notify(dir.path().join("none").to_str().unwrap(), "READY=1").is_err());
    }

    #[test]
    fn rewrites_the_main_pid() {
        assert_eq!(rewrite(b"READY=1", 9).as_deref(), Some("READY=1"));
        assert_eq!(
            rewrite(b"MAINPID=1\nREADY=1\nSTATUS=up\n", 9).as_deref(),
            Some("MAINPID=9\nREADY=1\nSTATUS=up")
        );
        assert_eq!(
            rewrite(b"READY=1\nMAINPID=1\nMAINPID=2", 9).as_deref(),
            Some("READY=1\nMAINPID=9")
        );
        assert_eq!(rewrite(b"\n\n", 9), None);
        assert_eq!(rewrite(b"", 9), None);
    }

    #[test]
    fn relays_with_a_long_directory_path() {
        let tmp = tempfile::tempdir().unwrap();
        // Longer than sockaddr_un allows once the socket name is added.
        let dir = tmp.path().join("d".repeat(100)).join("notify");
        assert!(dir.join(SOCKET_NAME).as_os_str().len() > 108);
        let outer_path = tmp.path().join("outer");
        let outer = UnixDatagram::bind(&outer_path).unwrap();
        let relay = Relay::bind(&dir, outer_path.to_str().unwrap(), 4242).unwrap();
        let mode = fs_err::metadata(dir.join(SOCKET_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o777);
        assert_eq!(relay.forward(), 0);
        let inner = UnixDatagram::unbound().unwrap();
        // The container's side: connect through a short path too.
        let handle = fs_err::File::open(&dir).unwrap();
        let short = format!("/proc/self/fd/{}/{SOCKET_NAME}", handle.as_raw_fd());
        inner.send_to(b"STATUS=starting", &short).unwrap();
        inner.send_to(b"MAINPID=1\nREADY=1", &short).unwrap();
        inner.send_to(b"\n", &short).unwrap();
        assert_eq!(relay.forward(), 2);
        let mut buf = [0u8; 64];
        let n = outer.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"STATUS=starting");
        let n = outer.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MAINPID=4242\nREADY=1");
        drop(relay);
        assert!(!dir.exists());
    }
}
