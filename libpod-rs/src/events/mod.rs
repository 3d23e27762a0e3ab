//! The events journal: what happened to containers, images, volumes and
//! networks, written as podman's `file` events backend writes it, and read
//! back by `rpod events`.
//!
//! There is no daemon to collect events: every rpod invocation appends the
//! events of what it did, and a container's supervisor (the monitor, or a
//! foreground `run`) appends the container's death. The journal is one file
//! of JSON lines in podman's format (`journal`), written under a lock so
//! that concurrent writers neither interleave nor lose lines, and cut in
//! half when it would grow past its limit (podman's rotation, with its
//! `log-rotation` markers). Readers (`read`) follow it with inotify, across
//! rotations, without showing an event twice. The line formats `rpod
//! events` prints (human, `--format json`, Go template data) are in
//! `format`; `--filter`, `--since` and `--until` in `filter`.
//!
//! Writing an event never fails an operation: the engine logs a failed
//! write and goes on, as podman does.

mod clock;
mod filter;
mod format;
mod journal;
mod read;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use clock::{go_time_string, now, rfc3339_nano};
pub use filter::Filters;
pub use journal::{Backend, Journal, DEFAULT_MAX_SIZE};
pub use read::{read, Item, ReadOptions};

/// Errors of the events journal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A `--filter`, `--since` or `--until` value is not understood.
    #[error("failed to parse event filters: {0}")]
    Filter(String),
    /// `events_logger = "none"`: there is nothing to read.
    #[error("cannot read events with the \"none\" backend")]
    NoneBackend,
    /// A file operation on the journal failed.
    #[error("{op} {}: {}", path.display(), crate::sys::os_text(source))]
    Io {
        /// What was being done.
        op: &'static str,
        /// The file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(
        op: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::Io { op, path, source }
    }
}

/// What an event is about (podman's event types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    /// A container.
    Container,
    /// An image.
    Image,
    /// A network.
    Network,
    /// A pod.
    Pod,
    /// The engine as a whole (log rotation).
    System,
    /// A volume.
    Volume,
    /// A podman machine (never written by rpod; read for compatibility).
    Machine,
    /// A secret.
    Secret,
}

impl Type {
    /// The word podman writes (`container`, `image` ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Container => "container",
            Type::Image => "image",
            Type::Network => "network",
            Type::Pod => "pod",
            Type::System => "system",
            Type::Volume => "volume",
            Type::Machine => "machine",
            Type::Secret => "secret",
        }
    }
}

macro_rules! statuses {
    ($($variant:ident => $word:literal, $doc:literal;)*) => {
        /// What happened (podman's event statuses); statuses of newer
        /// podmans read from a journal are kept as [`Status::Other`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Status {
            $(#[doc = $doc] $variant,)*
            /// A status this rpod does not know.
            Other(String),
        }

        impl Status {
            /// The word podman writes (`start`, `died`, `pull-error` ...).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Status::$variant => $word,)*
                    Status::Other(s) => s,
                }
            }

            /// The status named by `word`.
            pub fn from_word(word: &str) -> Status {
                match word {
                    $($word => Status::$variant,)*
                    other => Status::Other(other.to_string()),
                }
            }
        }
    };
}

statuses! {
    Attach => "attach", "A client attached to a container.";
    AutoUpdate => "auto-update", "An auto-update ran.";
    Build => "build", "An image was built.";
    Checkpoint => "checkpoint", "A container was checkpointed.";
    Cleanup => "cleanup", "A stopped container's resources were released.";
    Commit => "commit", "A container was committed to an image.";
    Copy => "copy", "Files were copied.";
    Create => "create", "Something was created.";
    Exec => "exec", "A process was started in a container.";
    ExecDied => "exec_died", "A process started in a container ended.";
    Died => "died", "A container's process ended.";
    Export => "export", "A container was exported.";
    HealthStatus => "health_status", "A healthcheck ran.";
    History => "history", "An image's history was read.";
    Import => "import", "An image was imported.";
    Init => "init", "A container's process was created.";
    Kill => "kill", "A container was sent a signal.";
    LoadFromArchive => "loadfromarchive", "An image was loaded from an archive.";
    Mount => "mount", "A container or image was mounted.";
    Connect => "connect", "A container joined a network.";
    Disconnect => "disconnect", "A container left a network.";
    Pause => "pause", "A container was paused.";
    Prune => "prune", "Something was pruned.";
    Pull => "pull", "An image was pulled.";
    PullError => "pull-error", "A pull failed.";
    Push => "push", "An image was pushed.";
    Refresh => "refresh", "State was refreshed after a reboot.";
    Remove => "remove", "Something was removed.";
    Rename => "rename", "A container was renamed.";
    Renumber => "renumber", "Locks were renumbered.";
    Restart => "restart", "A container was restarted.";
    Restore => "restore", "A container was restored.";
    Rotate => "log-rotation", "The events journal was rotated.";
    Save => "save", "An image was saved to an archive.";
    Start => "start", "A container's process was started.";
    Stop => "stop", "A container was stopped.";
    Sync => "sync", "A container's state was synced.";
    Tag => "tag", "An image got a name.";
    Unmount => "unmount", "A container or image was unmounted.";
    Unpause => "unpause", "A container was unpaused.";
    Untag => "untag", "An image lost a name.";
    Update => "update", "A container's configuration changed.";
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        let word = String::deserialize(d)?;
        Ok(Status::from_word(&word))
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The attribute of rotation markers, and its values.
pub const ROTATE_ATTRIBUTE: &str = "io.podman.event.rotate";

/// One event, with podman's field names and order (its `libpod/events`
/// `Event`): the journal's line format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The exit code of a container that died (or of an exec session).
    #[serde(
        rename = "ContainerExitCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub container_exit_code: Option<i64>,
    /// The container's, image's or network's ID.
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The image a container was created from.
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    /// The name of what the event is about (container, image reference, volume).
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The network's name, in network events.
    #[serde(rename = "network", default, skip_serializing_if = "String::is_empty")]
    pub network: String,
    /// What happened.
    #[serde(rename = "Status")]
    pub status: Status,
    /// When, in the writer's local time.
    #[serde(rename = "Time", with = "clock::serde_rfc3339")]
    pub time: DateTime<FixedOffset>,
    /// What it happened to.
    #[serde(rename = "Type")]
    pub kind: Type,
    /// A healthcheck's result (`healthy`, `unhealthy`, `starting`).
    #[serde(
        rename = "health_status",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub health_status: String,
    /// The last healthcheck log entry, as JSON.
    #[serde(
        rename = "health_log",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub health_log: String,
    /// How many healthchecks failed in a row.
    #[serde(
        rename = "health_failing_streak",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub health_failing_streak: i64,
    /// Why an operation failed (`pull-error`).
    #[serde(rename = "error", default, skip_serializing_if = "String::is_empty")]
    pub error: String,
    /// The container's inspect JSON, in create events when configured.
    #[serde(
        rename = "ContainerInspectData",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub container_inspect_data: String,
    /// The pod of the container.
    #[serde(rename = "PodID", default, skip_serializing_if = "String::is_empty")]
    pub pod_id: String,
    /// The container's labels, a network's driver, rotation markers; `null`
    /// when none were set (podman writes `"Attributes":null` then).
    #[serde(rename = "Attributes", default)]
    pub attributes: Option<BTreeMap<String, String>>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl Event {
    /// An event of `kind` and `status` happening now, with nothing else set.
    pub fn new(kind: Type, status: Status) -> Event {
        Event {
            container_exit_code: None,
            id: String::new(),
            image: String::new(),
            name: String::new(),
            network: String::new(),
            status,
            time: now(),
            kind,
            health_status: String::new(),
            health_log: String::new(),
            health_failing_streak: 0,
            error: String::new(),
            container_inspect_data: String::new(),
            pod_id: String::new(),
            attributes: None,
        }
    }

    /// A container event: its ID, name, image and labels (as podman's
    /// `newContainerEvent`; the labels are always a map, maybe empty).
    pub fn container(
        status: Status,
        id: &str,
        name: &str,
        image: &str,
        labels: &BTreeMap<String, String>,
    ) -> Event {
        Event {
            id: id.to_string(),
            name: name.to_string(),
            image: image.to_string(),
            attributes: Some(labels.clone()),
            ..Event::new(Type::Container, status)
        }
    }

    /// An image event (`pull`, `tag`, `remove` ...): the image's ID and the
    /// name the operation used.
    pub fn image(status: Status, id: &str, name: &str) -> Event {
        Event {
            id: id.to_string(),
            name: name.to_string(),
            ..Event::new(Type::Image, status)
        }
    }

    /// A failed pull of `name`, with why.
    pub fn pull_error(name: &str, error: &str) -> Event {
        Event {
            name: name.to_string(),
            error: error.to_string(),
            ..Event::new(Type::Image, Status::PullError)
        }
    }

    /// A secret created or removed: its ID, as podman writes it.
    pub fn secret(status: Status, id: &str) -> Event {
        Event {
            id: id.to_string(),
            ..Event::new(Type::Secret, status)
        }
    }

    /// A volume event.
    pub fn volume(status: Status, name: &str) -> Event {
        Event {
            name: name.to_string(),
            ..Event::new(Type::Volume, status)
        }
    }

    /// A network created or removed: its name, ID and driver.
    pub fn network(status: Status, name: &str, id: &str, driver: &str) -> Event {
        Event {
            id: id.to_string(),
            network: name.to_string(),
            attributes: Some(BTreeMap::from([("driver".to_string(), driver.to_string())])),
            ..Event::new(Type::Network, status)
        }
    }

    /// A container connected to or disconnected from a network.
    pub fn network_container(
        status: Status,
        container_id: &str,
        container_name: &str,
        network: &str,
    ) -> Event {
        Event {
            id: container_id.to_string(),
            name: container_name.to_string(),
            network: network.to_string(),
            ..Event::new(Type::Network, status)
        }
    }

    /// A rotation marker of the journal at `path` (`begin` or `end`).
    pub fn rotation(path: &std::path::Path, begin: bool) -> Event {
        Event {
            name: path.display().to_string(),
            attributes: Some(BTreeMap::from([(
                ROTATE_ATTRIBUTE.to_string(),
                if begin { "begin" } else { "end" }.to_string(),
            )])),
            ..Event::new(Type::System, Status::Rotate)
        }
    }

    /// Whether this is a rotation marker, and which: `Some(true)` begin,
    /// `Some(false)` end.
    pub fn rotation_marker(&self) -> Option<bool> {
        if self.kind != Type::System || self.status != Status::Rotate {
            return None;
        }
        match self.attributes.as_ref()?.get(ROTATE_ATTRIBUTE)?.as_str() {
            "begin" => Some(true),
            "end" => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
