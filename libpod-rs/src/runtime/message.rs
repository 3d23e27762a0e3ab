//! What rpod and the processes it forks to start a container (or an
//! exec'd process) tell each other, over one [`Channel`]: the child's
//! reports (the PID a helper cloned, the pty master and FUSE connection it
//! opened, the error that stopped it) and the parent's go-aheads.
//!
//! The child's end is close-on-exec: once it execs rpod-init the parent
//! reads end of file. rpod-init then reports a command it cannot exec on a
//! pipe of its own (a tiny static program without serde: its fixed format
//! is decoded by `entry::describe`), closed when the command starts.

use std::io::Read;
use std::os::fd::OwnedFd;

use serde::{Deserialize, Serialize};

use super::{entry, Error};
use crate::sys::channel::Channel;

/// The child's messages.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum FromChild {
    /// A helper that joined existing namespaces cloned the process: its
    /// PID (in rpod's PID namespace; it is rpod's child, `CLONE_PARENT`).
    Cloned { pid: i32 },
    /// The pty master the child opened in the container's devpts
    /// (attached to the message).
    Terminal,
    /// The /dev/fuse connection the child mounted the root with (attached):
    /// the parent starts fuse-overlayfs on it.
    Fuse,
    /// Setup failed: the exit code to use (125 setup, 126 cannot invoke,
    /// 127 not found) and what went wrong.
    Failed { code: u8, message: String },
}

/// The parent's messages.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum FromParent {
    /// The id maps are written and the network is attached: go on.
    Proceed,
    /// Whether fuse-overlayfs serves the connection (when it does not,
    /// the parent knows why and reports that instead of the child).
    Fuse { serving: bool },
}

/// The parent's end.
pub(crate) type ParentEnd = Channel<FromParent, FromChild>;
/// The child's end.
pub(crate) type ChildEnd = Channel<FromChild, FromParent>;

/// A channel between the parent and the child it is about to fork.
pub(crate) fn channel() -> Result<(ParentEnd, ChildEnd), Error> {
    crate::sys::channel::channel().map_err(Error::Channel)
}

/// The parent's side once the child runs its setup: answers its requests
/// (`fuse` starts the daemon for a FUSE connection, or says why it could
/// not) until the child has exec'd rpod-init, then waits for rpod-init to
/// exec the command. Returns the pty master when the child sent one, or
/// the error that stopped the child or rpod-init.
pub(crate) fn until_exec(
    chan: &ParentEnd,
    init_report: OwnedFd,
    mut fuse: impl FnMut(OwnedFd) -> Result<(), String>,
) -> Result<Option<OwnedFd>, Error> {
    let mut master = None;
    let mut fuse_error = None;
    loop {
        match chan.recv_with_fd().map_err(Error::Channel)? {
            None => break,
            Some((FromChild::Terminal, fd)) => master = fd,
            Some((FromChild::Fuse, fd)) => {
                let serving = match fd.map(&mut fuse) {
                    Some(Ok(())) => true,
                    Some(Err(message)) => {
                        fuse_error = Some(message);
                        false
                    }
                    None => false,
                };
                // The child may be gone already: its report (or EOF) follows.
                let _ = chan.send(&FromParent::Fuse { serving });
            }
            Some((FromChild::Failed { code, message }, _)) => {
                return Err(Error::Container {
                    code,
                    // The child only saw that the daemon did not start; we know why.
                    message: fuse_error.unwrap_or(message),
                });
            }
            Some((FromChild::Cloned { .. }, _)) => {}
        }
    }
    let mut report = Vec::new();
    let _ = std::fs::File::from(init_report).read_to_end(&mut report);
    match report.split_first() {
        None => Ok(master),
        Some((&code, msg)) => Err(Error::Container {
            code,
            message: entry::describe(msg),
        }),
    }
}

/// The PID a helper sends once it cloned the process, or the error that
/// stopped it (`None`: it died without a word).
pub(crate) fn cloned_pid(chan: &ParentEnd) -> Result<Option<i32>, Error> {
    match chan.recv().map_err(Error::Channel)? {
        Some(FromChild::Cloned { pid }) => Ok(Some(pid)),
        Some(FromChild::Failed { code, message }) => Err(Error::Container { code, message }),
        Some(_) | None => Ok(None),
    }
}
