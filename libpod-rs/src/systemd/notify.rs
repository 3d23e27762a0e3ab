//! sd_notify: tells the service manager that a unit is ready, and which
//! process is its main one, over the datagram socket named by
//! `NOTIFY_SOCKET` (a path, or `@name` for an abstract socket), as
//! sd_notify(3) describes. No libsystemd is needed.

use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};

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
}
