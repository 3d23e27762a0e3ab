//! What can go wrong giving a container its network: joining another
//! container's (or a named) network namespace, and reaching the bridge
//! networks' holder.

use std::path::PathBuf;

use nix::errno::Errno;

use crate::container::Status;
use crate::network::Mode;

/// An error connecting a container to its network.
#[derive(Debug, thiserror::Error)]
pub enum ContainerNetworkError {
    /// The network namespace to join cannot be opened.
    #[error("opening network namespace {}: {source}", path.display())]
    OpenNamespace {
        /// The namespace file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The container whose network is joined stopped while it was joined.
    #[error(
        "joining the network namespace of container {name}: it stopped meanwhile: start it \
         again with `rpod start {name}`"
    )]
    TargetStopped {
        /// The other container's name.
        name: String,
    },
    /// The container whose network is joined does not run.
    #[error(
        "joining the network namespace of container {name}: it is {status}, not running: \
         start it first with `rpod start {name}`"
    )]
    TargetNotRunning {
        /// The other container's name.
        name: String,
        /// Its status.
        status: Status,
    },
    /// The container whose network is joined was removed.
    #[error(
        "container {container} joins the network of container {target}, which no longer exists: \
         remove it and create it again"
    )]
    TargetGone {
        /// The joining container's name.
        container: String,
        /// The other container, as recorded.
        target: String,
    },
    /// The user namespace that owns a network namespace cannot be found.
    #[error("finding the user namespace that owns network namespace {}: {source}", path.display())]
    NamespaceOwner {
        /// The namespace file.
        path: PathBuf,
        /// The error.
        source: Errno,
    },
    /// Rootless: a network namespace of the host's user namespace.
    #[error(
        "--network {mode}: network namespace {} belongs to the host's user namespace, which a \
         rootless container cannot enter: join a container's network (--network \
         container:NAME), or use --network host",
        path.display()
    )]
    HostUserNamespace {
        /// The mode asked for.
        mode: Mode,
        /// The namespace file.
        path: PathBuf,
    },
    /// The holder answered a request with the reply to another.
    #[error("the network holder answered out of turn")]
    HolderOutOfTurn,
    /// The channel to a new holder cannot be made.
    #[error("starting the network holder: {0}")]
    HolderChannel(#[source] crate::sys::channel::Error),
    /// A descriptor cannot be passed to a new holder.
    #[error("passing a descriptor to the holder: {0}")]
    HolderDescriptor(#[source] Errno),
    /// A new holder reported that it failed (its own words: the report
    /// comes from another process).
    #[error("starting the network holder: {reason}")]
    HolderFailed {
        /// What the holder reported.
        reason: String,
    },
    /// A new holder exited without a report.
    #[error("starting the network holder: it exited (set RPOD_HOLDER_LOG=FILE to see why)")]
    HolderExited,
    /// A new holder does not answer on its socket.
    #[error("starting the network holder: it does not answer")]
    HolderSilent,
    /// The holder's user namespace cannot be opened.
    #[error("opening the network holder's {path}: {source}")]
    HolderUserNamespace {
        /// The namespace file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A new container's process cannot be held by a pidfd.
    #[error("opening a pidfd for process {pid}: {source}")]
    Pidfd {
        /// The process.
        pid: i32,
        /// The error.
        source: Errno,
    },
    /// A new container's network namespace cannot be opened.
    #[error("opening the network namespace of process {pid}: {source}")]
    ProcessNamespace {
        /// The process.
        pid: i32,
        /// The error.
        source: std::io::Error,
    },
}

/// Why a container on bridge networks cannot be reached (it does not run
/// with its recorded process).
#[derive(Debug, thiserror::Error)]
pub enum BridgeUnreachable {
    /// It is not running.
    #[error("it is {0}")]
    NotRunning(Status),
    /// Its recorded process has gone.
    #[error("its recorded process is gone")]
    ProcessGone,
    /// Its network namespace cannot be opened.
    #[error("opening its network namespace: {0}")]
    Namespace(#[source] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_target_names_itself_and_the_way_out() {
        let e = crate::error::Error::from(ContainerNetworkError::TargetNotRunning {
            name: "db".into(),
            status: Status::Exited,
        });
        assert!(matches!(
            e,
            crate::error::Error::ContainerNetwork(ContainerNetworkError::TargetNotRunning { .. })
        ));
        assert_eq!(
            e.to_string(),
            "joining the network namespace of container db: it is exited, not running: start it \
             first with `rpod start db`"
        );
        assert_eq!(e.exit_code(), crate::error::EXIT_RPOD);
    }
}
