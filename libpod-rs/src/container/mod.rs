//! Containers as records in the store: the immutable configuration chosen at
//! `create`, the mutable state (Created → Running → Exited, Paused), names,
//! lookup by name or ID prefix, and the liveness check that repairs a record
//! whose monitor died.
//!
//! Layout: `<root>/containers/<id>/` holds `config.json` (written once),
//! `spec.json` (the OCI runtime spec), `state.json` (replaced atomically on
//! every transition), `state.reserve` (room for one state write on a full
//! file system; not for `--rm` records), the overlay's `upper`, `work` and `merged` directories
//! (or, with the vfs driver, `rootfs`: a copy of the image's layers),
//! the generated `etc/` files, `ctr.log`, and `dependents/` (one empty file
//! per container that joins this one's network). Creating, renaming and removing
//! records take the store's `containers` lock (names are unique); state
//! transitions take `ctr-<id>`. Lock order: `gc` → `containers` → `ctr-<id>`
//! → `store`. This module does not run anything: engine and monitor do.
//!
//! Creating a container is planned first ([`plan`]: pure, from the request,
//! the image's config and the host's facts), then committed by the engine,
//! which writes what the plan says: the generated `/etc` files ([`etc`]),
//! the record ([`Records::create`]).

pub mod cidfile;
mod config;
pub mod etc;
pub mod logs;
pub(crate) mod names;
pub mod plan;
mod records;
mod state;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use config::{Config, ContainerSecret};
pub use names::{generated_name, new_id, valid_name};
pub use plan::{plan, CreateError, CreatePlan, HostFacts};
pub use records::{Records, RESERVE_SIZE};
pub use state::{State, Status};

/// Errors about container records.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No container has this name or ID.
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    /// An ID prefix matches several containers.
    #[error("more than one container matches {0:?}: give more of the ID or the name")]
    Ambiguous(String),
    /// The name is taken (podman's storage error, with the hint its CLI adds).
    #[error("creating container storage: the container name {0:?} is already in use by {1}. You have to remove that container to be able to reuse that name: that name is already in use, or use --replace to instruct Podman to do so.")]
    NameInUse(String, String),
    /// A name with characters Docker does not allow.
    #[error("invalid container name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    /// The operation does not fit the container's state.
    #[error("container {id} is {status}: {what}")]
    State {
        /// Container ID (short).
        id: String,
        /// Its current status.
        status: Status,
        /// What cannot be done and what to do instead.
        what: String,
    },
    /// A running container cannot be removed without force (podman's
    /// message; `rm` exits 2 for it, as podman does).
    #[error(
        "cannot remove container {id} as it is {status} - running or paused containers cannot \
         be removed without force: container state improper"
    )]
    Running {
        /// The container's full ID.
        id: String,
        /// Its status.
        status: Status,
    },
    /// What was asked cannot be done in the container's state (podman's
    /// `container state improper`, which `rm` reports with exit code 2).
    #[error("{0}: container state improper")]
    StateImproper(String),
    /// The container is being started by its supervisor (claimed, its
    /// process not running yet): removal waits for the start and stops it.
    #[error("container {0} is starting: stop it once it runs, then remove it")]
    Starting(String),
    /// Other containers join this one's namespaces (`--network
    /// container:`); podman's message, plus what to do.
    #[error(
        "container {id} has dependent containers which must be removed before it: \
         {dependents}: container already exists (remove them first, or use `rpod rm --depend`)"
    )]
    HasDependents {
        /// The container's full ID.
        id: String,
        /// The dependents' full IDs, comma-separated.
        dependents: String,
    },
    /// Reading or writing a record failed.
    #[error("{op} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        op: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A record does not parse.
    #[error("container record {path} is damaged ({source}): remove it with `rpod rm -f`")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// Store-level failure (locks).
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

/// A container: its configuration and state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Container {
    /// The fixed part.
    pub config: Config,
    /// The changing part.
    pub state: State,
}

impl Container {
    /// Whether a boot-time service (`podman-restart.service`) would start
    /// it again, as podman decides: it has run, and its restart policy is
    /// `always`, or `unless-stopped` and the user did not stop it.
    pub fn should_start_on_boot(&self) -> bool {
        if self.state.status == Status::Created {
            return false;
        }
        match self.config.restart {
            crate::spec::RestartPolicy::Always => true,
            crate::spec::RestartPolicy::UnlessStopped => !self.state.stopped_by_user,
            _ => false,
        }
    }

    /// The names a container has on a network besides its own (podman's
    /// `Aliases`): the `alias=`/`--network-alias` names, then its short ID
    /// and its host name, as podman adds them for Docker compatibility.
    pub fn network_aliases(&self, att: &crate::network::Attachment) -> Vec<String> {
        let mut out = att.aliases.clone();
        for extra in [self.short_id(), self.config.hostname.as_str()] {
            if !extra.is_empty() && !out.iter().any(|a| a == extra) {
                out.push(extra.to_string());
            }
        }
        out
    }

    /// The 12-character short ID.
    pub fn short_id(&self) -> &str {
        &self.config.id[..12]
    }
}
