//! Port relays: a thread per published host socket that forwards to the
//! container's address.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::OwnedFd;
use std::time::Duration;

use super::RelayTarget;

pub(super) fn stop_relays(listeners: &[OwnedFd]) {
    for l in listeners {
        let _ = rustix::net::shutdown(l, rustix::net::Shutdown::Both);
    }
}

/// Relays each connection accepted on `listener` (a host socket) to
/// `port` at the container's current address (`target`, reached from the
/// holder's namespace), until the listener is shut down.
pub(super) fn spawn_relay(listener: OwnedFd, target: RelayTarget, port: u16) {
    let listener = TcpListener::from(listener);
    let _ = listener.set_nonblocking(false);
    std::thread::spawn(move || {
        while let Ok((client, _)) = listener.accept() {
            let ip = *target
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let Some(ip) = ip else {
                // No network left: refused, as a closed port.
                continue;
            };
            let target = SocketAddr::new(ip, port);
            std::thread::spawn(move || {
                let Ok(server) = TcpStream::connect_timeout(&target, Duration::from_secs(5)) else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (Ok(mut c2), Ok(mut s2)) = (client.try_clone(), server.try_clone()) else {
                    return;
                };
                let up = std::thread::spawn(move || {
                    let mut c = &client;
                    let mut s = &server;
                    let _ = std::io::copy(&mut c, &mut s);
                    let _ = server.shutdown(std::net::Shutdown::Write);
                });
                let _ = std::io::copy(&mut s2, &mut c2);
                let _ = c2.shutdown(std::net::Shutdown::Write);
                let _ = up.join();
            });
        }
    });
}
