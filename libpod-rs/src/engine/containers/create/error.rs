//! What can go wrong resolving a create request against the host and
//! containers.conf (before planning), and writing the files planning does
//! not own. Planning's own errors are [`crate::container::CreateError`].

use std::path::PathBuf;

use crate::spec::{FlagError, Invalid, Timezone};

/// An error creating a container outside its plan.
#[derive(Debug, thiserror::Error)]
pub enum CreateRequestError {
    /// containers.conf `log_driver` names a driver rpod does not have.
    #[error(
        "containers.conf [containers] log_driver = {value:?}: rpod logs to k8s-file, json-file, \
         none, passthrough or passthrough-tty; set one of them there or give --log-driver"
    )]
    ConfLogDriver {
        /// The value.
        value: String,
    },
    /// `--init-path` names no file (podman's words).
    #[error("container-init binary not found on the host: stat {}: {reason}", path.display())]
    InitPath {
        /// The path given.
        path: PathBuf,
        /// Why, in Go's words (`no such file or directory`).
        reason: String,
    },
    /// `--log-driver passthrough` while a standard stream is a terminal
    /// (podman's words: a terminal handed on is open to TIOCSTI).
    #[error(
        "the '--log-driver passthrough' option cannot be used on a TTY.  If you really want it, \
         use '--log-driver passthrough-tty'"
    )]
    PassthroughOnTty,
    /// `--tty` with a passthrough log driver: the container's stdio are
    /// the caller's own, there is no terminal of its own to give it.
    #[error(
        "--tty cannot be used with --log-driver {driver}: the container's stdin, stdout and \
         stderr are the caller's own; drop --tty (or use another log driver)"
    )]
    PassthroughWithTty {
        /// The driver.
        driver: &'static str,
    },
    /// A containers.conf `default_sysctls` entry does not parse.
    #[error("containers.conf [containers] default_sysctls {value:?}: {reason}")]
    ConfSysctl {
        /// The entry.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// A containers.conf `volumes` entry does not parse.
    #[error("containers.conf [containers] volumes {value:?}: {reason}")]
    ConfVolume {
        /// The entry.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// containers.conf `pidns`, `ipcns`, `utsns` or `cgroupns` does not parse.
    #[error("containers.conf [containers] {key} = {value:?}: {reason}")]
    ConfNamespace {
        /// The key.
        key: &'static str,
        /// The value.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// A containers.conf `dns_servers` entry is not an address.
    #[error("containers.conf [containers] dns_servers {value:?}: not an IP address")]
    ConfDnsServer {
        /// The entry.
        value: String,
    },
    /// containers.conf `userns` does not parse.
    #[error("containers.conf userns {value:?}: {reason}")]
    ConfUserns {
        /// The value.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// containers.conf `image_volume_mode` does not parse.
    #[error("containers.conf image_volume_mode: {0}")]
    ConfImageVolumeMode(Invalid),
    /// containers.conf `tz` does not parse.
    #[error("containers.conf tz {value:?}: {reason}")]
    ConfTimezone {
        /// The value.
        value: String,
        /// Why.
        reason: Invalid,
    },
    /// containers.conf `umask` does not parse (the configuration reports
    /// it in its own words, naming the setting).
    #[error("{0}")]
    ConfUmask(String),
    /// A `--device` (or containers.conf `devices` entry) that does not
    /// parse or does not exist on the host.
    #[error(transparent)]
    Device(#[from] FlagError),
    /// `--tz local` on a host whose time zone cannot be found.
    #[error("--tz local: finding the host's time zone: {0}")]
    LocalTimezone(#[source] std::io::Error),
    /// The zone file of `--tz` cannot be read.
    #[error("--tz {tz}: {source}: check the zone name")]
    ZoneFile {
        /// The zone.
        tz: Timezone,
        /// The error.
        source: std::io::Error,
    },
    /// A `--requires` container that does not exist (podman's message).
    #[error("{name:?} is not a valid container, cannot be used as a dependency: {source}")]
    Requires {
        /// The container as given.
        name: String,
        /// Why it is not one.
        source: Box<crate::error::Error>,
    },
    /// `--network-alias`, `--ip` or `--mac-address` without a network of
    /// rpod's own.
    #[error("{flag} is only supported with user-defined networks: add --network NAME")]
    NeedsNetwork {
        /// The flag.
        flag: &'static str,
    },
    /// `--rootfs` names something other than a directory.
    #[error(
        "--rootfs {}: not a directory: give the root file system's directory",
        path.display()
    )]
    RootfsNotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// A stale `--cidfile` cannot be removed.
    #[error("removing --cidfile: {0}")]
    RemoveCidfile(#[source] std::io::Error),
    /// The `etc` directory of a `--rootfs` container cannot be made.
    #[error("creating {}: {source}", path.display())]
    EtcDirectory {
        /// The directory.
        path: PathBuf,
        /// The error.
        source: crate::store::Error,
    },
    /// The container's `/etc/localtime` cannot be written.
    #[error("writing the container's localtime: {0}")]
    LocalTime(#[source] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_without_a_network_is_matched_and_named() {
        let e = crate::error::Error::from(CreateRequestError::NeedsNetwork { flag: "--ip" });
        assert!(matches!(
            e,
            crate::error::Error::CreateRequest(CreateRequestError::NeedsNetwork { flag: "--ip" })
        ));
        assert_eq!(
            e.to_string(),
            "--ip is only supported with user-defined networks: add --network NAME"
        );
    }

    #[test]
    fn conf_values_name_the_setting() {
        let e = CreateRequestError::ConfNamespace {
            key: "pidns",
            value: "bogus".into(),
            reason: Invalid("unknown mode".into()),
        };
        assert_eq!(
            e.to_string(),
            "containers.conf [containers] pidns = \"bogus\": unknown mode"
        );
    }
}
