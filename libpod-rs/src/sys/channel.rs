//! The one way rpod's own processes talk to each other: a [`Channel`], a
//! connected pair of `SOCK_SEQPACKET` unix sockets carrying serde enums,
//! one JSON message per packet (the kernel keeps the boundaries, so no
//! length prefix is needed and a message is never read half), with an
//! optional descriptor passed beside a message (`SCM_RIGHTS`).
//!
//! Each side names what it sends and what it receives (`Channel<S, R>`),
//! so the parent and child of a fork cannot mix up their messages; the
//! enums themselves live beside the code that speaks them (the runtime
//! child's report, the monitor's start report, the network guard's). End
//! of file is a message too: [`Channel::recv`] returns `None` once every
//! copy of the other end is closed, which is how a parent learns that its
//! child exec'd (the ends are close-on-exec) or died.
//!
//! JSON because serde_json is already linked and these messages are a few
//! dozen bytes, a handful per container start: encoding them costs
//! microseconds, against milliseconds for the start itself.

use std::io::{IoSlice, IoSliceMut};
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::net::{
    AddressFamily, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags, SocketFlags, SocketType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The largest message a channel carries (an error report with a long path
/// fits many times over).
const MAX_MESSAGE: usize = 64 * 1024;

/// The most descriptors one message carries ([`Channel::send_with_fds`]).
pub const MAX_FDS: usize = 16;

/// Errors of a channel.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The socket call failed.
    #[error("{step}: {source}")]
    Io {
        /// `sending`, `receiving`, `creating`.
        step: &'static str,
        /// The error.
        source: std::io::Error,
    },
    /// The other side sent something that is not a message of this channel.
    #[error("an unreadable message from another rpod process: {0}")]
    Decode(serde_json::Error),
    /// A message over [`MAX_MESSAGE`] bytes.
    #[error("a message of {0} bytes is too long for a channel")]
    TooLong(usize),
}

impl Error {
    /// The error number behind this error (EIO when there is none: a
    /// message that could not be decoded or was too long).
    pub fn errno(&self) -> nix::errno::Errno {
        match self {
            Error::Io { source, .. } => {
                nix::errno::Errno::from_raw(source.raw_os_error().unwrap_or(libc::EIO))
            }
            _ => nix::errno::Errno::EIO,
        }
    }
}

fn io(step: &'static str) -> impl Fn(rustix::io::Errno) -> Error {
    move |e| Error::Io {
        step,
        source: e.into(),
    }
}

/// One end of a channel: sends `S`, receives `R`.
#[derive(Debug)]
pub struct Channel<S, R> {
    fd: OwnedFd,
    _messages: PhantomData<fn(S) -> R>,
}

/// Both ends of one channel: the first sends `A` and receives `B`.
pub type Pair<A, B> = (Channel<A, B>, Channel<B, A>);

/// A connected pair of channel ends (close-on-exec): the first sends `A`
/// and receives `B`, the second the other way round.
pub fn channel<A, B>() -> Result<Pair<A, B>, Error> {
    let (a, b) = rustix::net::socketpair(
        AddressFamily::UNIX,
        SocketType::SEQPACKET,
        SocketFlags::CLOEXEC,
        None,
    )
    .map_err(io("creating a channel"))?;
    Ok((Channel::from_fd(a), Channel::from_fd(b)))
}

impl<S, R> Channel<S, R> {
    /// A channel end on a descriptor this process was given for one (the
    /// monitor's `--ready-fd`).
    pub fn from_fd(fd: OwnedFd) -> Channel<S, R> {
        Channel {
            fd,
            _messages: PhantomData,
        }
    }
}

impl<S: Serialize, R: DeserializeOwned> Channel<S, R> {
    /// Sends `msg`.
    pub fn send(&self, msg: &S) -> Result<(), Error> {
        self.send_inner(msg, &[])
    }

    /// Sends `msg` with a descriptor attached (a pty master, a FUSE
    /// connection); the receiver gets its own copy.
    pub fn send_with_fd(&self, msg: &S, fd: BorrowedFd<'_>) -> Result<(), Error> {
        self.send_inner(msg, &[fd])
    }

    /// Sends `msg` with up to [`MAX_FDS`] descriptors attached, in order.
    pub fn send_with_fds(&self, msg: &S, fds: &[BorrowedFd<'_>]) -> Result<(), Error> {
        if fds.len() > MAX_FDS {
            return Err(Error::Io {
                step: "sending a message",
                source: std::io::Error::other(format!("more than {MAX_FDS} descriptors")),
            });
        }
        self.send_inner(msg, fds)
    }

    fn send_inner(&self, msg: &S, fds: &[BorrowedFd<'_>]) -> Result<(), Error> {
        let bytes = serde_json::to_vec(msg).map_err(Error::Decode)?;
        if bytes.len() > MAX_MESSAGE {
            return Err(Error::TooLong(bytes.len()));
        }
        let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
        let mut control = SendAncillaryBuffer::new(&mut space);
        if !fds.is_empty() {
            control.push(SendAncillaryMessage::ScmRights(fds));
        }
        loop {
            match rustix::net::sendmsg(
                &self.fd,
                &[IoSlice::new(&bytes)],
                &mut control,
                SendFlags::NOSIGNAL,
            ) {
                Err(rustix::io::Errno::INTR) => {}
                other => return other.map(drop).map_err(io("sending a message")),
            }
        }
    }

    /// Waits for the next message; `None` when the other side closed its
    /// end (exec'd or exited) without sending one.
    pub fn recv(&self) -> Result<Option<R>, Error> {
        Ok(self.recv_with_fd()?.map(|(msg, _)| msg))
    }

    /// [`Channel::recv`], with the descriptor that came with the message.
    pub fn recv_with_fd(&self) -> Result<Option<(R, Option<OwnedFd>)>, Error> {
        // Extra descriptors (none are ever sent) close when dropped.
        Ok(self
            .recv_with_fds()?
            .map(|(msg, fds)| (msg, fds.into_iter().next())))
    }

    /// [`Channel::recv`], with the descriptors that came with the message,
    /// in the order they were sent.
    pub fn recv_with_fds(&self) -> Result<Option<(R, Vec<OwnedFd>)>, Error> {
        let mut buf = vec![0u8; MAX_MESSAGE];
        let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
        let mut control = RecvAncillaryBuffer::new(&mut space);
        let got = loop {
            match rustix::net::recvmsg(
                &self.fd,
                &mut [IoSliceMut::new(&mut buf)],
                &mut control,
                RecvFlags::CMSG_CLOEXEC,
            ) {
                Err(rustix::io::Errno::INTR) => {}
                // The other end was closed with our message unread: as EOF.
                Err(rustix::io::Errno::CONNRESET) => return Ok(None),
                other => break other.map_err(io("receiving a message"))?,
            }
        };
        let mut fds = Vec::new();
        for m in control.drain() {
            if let RecvAncillaryMessage::ScmRights(got) = m {
                fds.extend(got);
            }
        }
        if got.bytes == 0 {
            return Ok(None);
        }
        if got.flags.contains(rustix::net::ReturnFlags::TRUNC) {
            return Err(Error::TooLong(got.bytes));
        }
        let msg = serde_json::from_slice(&buf[..got.bytes]).map_err(Error::Decode)?;
        Ok(Some((msg, fds)))
    }
}

impl<S, R> AsFd for Channel<S, R> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl<S, R> From<Channel<S, R>> for OwnedFd {
    fn from(c: Channel<S, R>) -> OwnedFd {
        c.fd
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Up {
        Ready { pid: i32 },
        Failed(String),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Down {
        Go,
    }

    #[test]
    fn messages_cross_both_ways_and_eof_is_none() {
        let (parent, child) = channel::<Down, Up>().unwrap();
        child.send(&Up::Ready { pid: 7 }).unwrap();
        child
            .send(&Up::Failed("a \"quoted\"\nline".into()))
            .unwrap();
        parent.send(&Down::Go).unwrap();
        assert_eq!(parent.recv().unwrap(), Some(Up::Ready { pid: 7 }));
        assert_eq!(
            parent.recv().unwrap(),
            Some(Up::Failed("a \"quoted\"\nline".into()))
        );
        assert_eq!(child.recv().unwrap(), Some(Down::Go));
        drop(child);
        assert_eq!(parent.recv().unwrap(), None);
    }

    #[test]
    fn a_descriptor_travels_with_its_message() {
        use std::io::{Read, Seek, Write};
        let (a, b) = channel::<Up, Up>().unwrap();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"passed").unwrap();
        a.send_with_fd(&Up::Ready { pid: 1 }, file.as_fd()).unwrap();
        a.send(&Up::Ready { pid: 2 }).unwrap();
        let (msg, fd) = b.recv_with_fd().unwrap().unwrap();
        assert_eq!(msg, Up::Ready { pid: 1 });
        let mut copy = std::fs::File::from(fd.expect("a descriptor"));
        copy.rewind().unwrap();
        let mut text = String::new();
        copy.read_to_string(&mut text).unwrap();
        assert_eq!(text, "passed");
        let (msg, fd) = b.recv_with_fd().unwrap().unwrap();
        assert_eq!(msg, Up::Ready { pid: 2 });
        assert!(fd.is_none());
    }

    #[test]
    fn garbage_is_an_error_not_a_message() {
        let (a, b) = channel::<Down, Up>().unwrap();
        rustix::io::write(&a, b"not json").unwrap();
        assert!(matches!(b.recv(), Err(Error::Decode(_))));
    }
}
