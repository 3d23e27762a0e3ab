//! Rootless networking: the `--network` modes, published ports, and the
//! user-mode helpers (pasta, slirp4netns) that connect a container's own
//! network namespace to the host.
//!
//! The runtime creates the container in new user and network namespaces,
//! then calls [`pasta::attach`] or [`slirp::attach`] with the PID of a
//! process inside them. The helper is started, configured and ready when
//! `attach` returns; a small guard process ends it when that PID exits (see
//! [`guard`]), so no helper outlives its container even when rpod itself has
//! long exited. [`Helper`] is serialisable, for the container's state file.
//! Published TCP ports go to the helper; published UDP ports to rpod's own
//! relay ([`udp_proxy`]), since Debian 12's helpers lose UDP replies.
//!
//! User-defined bridge networks: their definitions in podman 5's format
//! ([`config`], stored by [`store`]), subnets ([`subnet`]), address leases
//! ([`ipam`]) and the DNS responder of their gateways ([`dns`]). The
//! rootless data path that will connect containers to them is designed in
//! docs/networks.md.

pub mod config;
pub mod dns;
pub mod filter;
pub mod guard;
pub mod holder;
pub mod ipam;
mod mode;
pub mod netlink;
pub mod pasta;
pub mod ports;
pub mod slirp;
pub mod store;
pub mod subnet;
pub mod udp_proxy;

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use mode::{
    parse_network_flags, Attachment, HostEntry, MacAddress, Mode, SlirpOptions, DEFAULT_NAMES,
};
pub use ports::{PortMapping, Protocol};

/// Errors of rootless networking; each names what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A `--network` value rpod does not understand.
    #[error("invalid --network {value:?}: {reason}")]
    Mode {
        /// What the user wrote.
        value: String,
        /// Why, and what is accepted.
        reason: String,
    },
    /// A `-p`/`--publish` value rpod does not understand.
    #[error("invalid --publish {spec:?}: {reason}")]
    Publish {
        /// What the user wrote.
        spec: String,
        /// Why, and what is accepted.
        reason: String,
    },
    /// A host port is taken.
    #[error("host port {port}: address already in use: choose another with -p HOST:CONTAINER")]
    PortInUse {
        /// `8080/tcp` or `127.0.0.1:8080/tcp`.
        port: String,
    },
    /// A host port below the unprivileged start.
    #[error(
        "host port {port} needs privileges: rootless containers can publish ports from {start} \
         up (sysctl net.ipv4.ip_unprivileged_port_start)"
    )]
    PortPrivileged {
        /// `80/tcp`.
        port: String,
        /// The sysctl's value.
        start: u16,
    },
    /// A host address that is not on this machine.
    #[error("host port {port}: the address is not on this host: {source}")]
    PortAddress {
        /// `192.0.2.9:8080/tcp`.
        port: String,
        /// The bind error.
        source: std::io::Error,
    },
    /// The helper program is not installed.
    #[error("{program} not found in $PATH or {dirs}: install it (apt-get install {package})")]
    MissingHelper {
        /// `pasta` or `slirp4netns`.
        program: &'static str,
        /// The Debian package that ships it.
        package: &'static str,
        /// The directories searched besides $PATH.
        dirs: String,
    },
    /// Neither helper is installed.
    #[error(
        "rootless networking needs pasta or slirp4netns, and neither is installed: \
         apt-get install passt (or slirp4netns), or use --network none or host"
    )]
    NoHelper,
    /// The helper ran and failed.
    #[error("{program} failed: {message}")]
    HelperFailed {
        /// `pasta` or `slirp4netns`.
        program: &'static str,
        /// Its own message, or what happened.
        message: String,
    },
    /// The container process is gone before its network could be set up.
    #[error("setting up the network of process {pid}: the process has exited")]
    NoProcess {
        /// The PID given.
        pid: u32,
    },
    /// A network definition that cannot be created, found or removed.
    #[error(transparent)]
    Definition(#[from] config::ConfigError),
    /// An address lease that cannot be given.
    #[error(transparent)]
    Ipam(#[from] ipam::IpamError),
    /// Containers use the network (`network rm` without `-f`; exit 2).
    #[error("{name:?} has associated containers with it. Use -f to forcibly delete containers and pods: network is being used")]
    InUse {
        /// The network.
        name: String,
        /// The containers (IDs) using it.
        containers: Vec<String>,
    },
    /// The store's directories or locks.
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    /// Any other I/O error, with what was being done.
    #[error("{action}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Result with this module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Directories searched for helpers after $PATH (podman's default
/// `helper_binaries_dir`, then /usr/bin for a PATH without it).
const HELPER_DIRS: [&str; 4] = [
    "/usr/local/libexec/podman",
    "/usr/libexec/podman",
    "/usr/local/bin",
    "/usr/bin",
];

/// The first of `--network-alias`, `--ip`, `--ip6`, `--mac-address` that is
/// set, if any: they need a network by name (for a container, or a pod).
pub fn address_flag(aliases: &[String], ip: bool, ip6: bool, mac: bool) -> Option<&'static str> {
    if !aliases.is_empty() {
        Some("--network-alias")
    } else if ip {
        Some("--ip")
    } else if ip6 {
        Some("--ip6")
    } else if mac {
        Some("--mac-address")
    } else {
        None
    }
}

/// Finds a helper program in $PATH, then the podman helper directories.
pub fn find_helper(program: &'static str, package: &'static str) -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(HELPER_DIRS.iter().map(PathBuf::from))
        .map(|d| d.join(program))
        .find(|p| is_executable(p))
        .ok_or_else(|| Error::MissingHelper {
            program,
            package,
            dirs: HELPER_DIRS.join(", "),
        })
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs_err::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// The rootless default network: containers.conf's
/// `default_rootless_network_cmd` when set (`pasta` or `slirp4netns`; its
/// helper must be installed), else pasta when installed, else slirp4netns.
pub fn default_rootless(containers_conf_choice: Option<&str>) -> Result<Mode> {
    match containers_conf_choice.filter(|c| !c.is_empty()) {
        Some("pasta") => {
            find_helper(pasta::PROGRAM, pasta::PACKAGE)?;
            Ok(Mode::Pasta { extra_args: vec![] })
        }
        Some("slirp4netns") => {
            find_helper(slirp::PROGRAM, slirp::PACKAGE)?;
            Ok(Mode::Slirp4netns(SlirpOptions::default()))
        }
        Some(other) => Err(Error::Mode {
            value: other.to_string(),
            reason: "containers.conf default_rootless_network_cmd must be pasta or slirp4netns"
                .into(),
        }),
        None => {
            if find_helper(pasta::PROGRAM, pasta::PACKAGE).is_ok() {
                Ok(Mode::Pasta { extra_args: vec![] })
            } else if find_helper(slirp::PROGRAM, slirp::PACKAGE).is_ok() {
                Ok(Mode::Slirp4netns(SlirpOptions::default()))
            } else {
                Err(Error::NoHelper)
            }
        }
    }
}

/// Which helper program a [`Helper`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HelperKind {
    /// pasta (passt).
    Pasta,
    /// slirp4netns.
    Slirp4netns,
}

/// A running network helper: what to record in the container's state, and
/// what the container's /etc/resolv.conf and /etc/hosts should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helper {
    /// The helper's PID.
    pub pid: u32,
    /// pasta or slirp4netns.
    pub kind: HelperKind,
    /// The helper's start time (field 22 of /proc/PID/stat), so a reused
    /// PID is never signalled.
    pub start_time: u64,
    /// The guard process that ends the helper when the container ends.
    pub guard_pid: u32,
    /// rpod's relay for the published UDP ports (0: none), see [`udp_proxy`].
    #[serde(default)]
    pub udp_relay_pid: u32,
    dns: Vec<IpAddr>,
    host: Option<IpAddr>,
}

/// Starts a helper with `start` for the TCP mappings of `ports`, and
/// rpod's own relay for the UDP ones (the helpers of Debian 12 lose UDP
/// replies, see [`udp_proxy`]). The UDP host ports are bound first, so a
/// conflict is reported before anything starts.
pub(crate) fn attach_with_udp_relay(
    container_pid: u32,
    ports: &[PortMapping],
    start: impl FnOnce(&[PortMapping]) -> Result<Helper>,
) -> Result<Helper> {
    let (udp, tcp): (Vec<PortMapping>, Vec<PortMapping>) = ports
        .iter()
        .partition(|p| p.protocol == ports::Protocol::Udp);
    let sockets = ports::bind_udp(&udp)?;
    let mut helper = start(&tcp)?;
    match udp_proxy::spawn(container_pid, sockets) {
        Ok(pid) => helper.udp_relay_pid = pid,
        Err(e) => {
            helper.stop();
            return Err(e);
        }
    }
    Ok(helper)
}

impl Helper {
    /// Nameservers for the container's /etc/resolv.conf.
    pub fn dns_servers(&self) -> Vec<IpAddr> {
        self.dns.clone()
    }

    /// The address at which the container reaches the host, for
    /// `host.containers.internal`; `None` when this mode gives no way to it.
    pub fn host_address(&self) -> Option<IpAddr> {
        self.host
    }

    /// Whether the helper process is still running.
    pub fn is_running(&self) -> bool {
        guard::start_time(self.pid).is_some_and(|t| t == self.start_time)
    }

    /// Ends the helper (SIGTERM) if it is still the process that was
    /// started; its guard then exits too. Stopping a stopped helper is a
    /// no-op.
    pub fn stop(&self) {
        if !self.is_running() {
            return;
        }
        // pasta (the 2023 version in Debian 12) ignores SIGTERM and keeps no
        // state: kill it. Then wait until the helper is gone, so that its
        // host ports are free when `stop`/`rm` return.
        if self.kind == HelperKind::Pasta {
            guard::signal(self.pid, nix::sys::signal::Signal::SIGKILL);
        } else {
            guard::terminate(self.pid);
        }
        let wait = |ms: u64| {
            let deadline = std::time::Instant::now() + std::time::Duration::from_millis(ms);
            while self.is_running() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        };
        wait(50);
        if self.is_running() {
            guard::signal(self.pid, nix::sys::signal::Signal::SIGKILL);
            wait(1000);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rootless_follows_containers_conf_and_installed_helpers() {
        let e = default_rootless(Some("cni")).unwrap_err().to_string();
        assert!(e.contains("pasta or slirp4netns"), "{e}");
        // Whatever is installed here, the answer matches find_helper.
        let pasta = find_helper(pasta::PROGRAM, pasta::PACKAGE).is_ok();
        let slirp = find_helper(slirp::PROGRAM, slirp::PACKAGE).is_ok();
        match default_rootless(None) {
            Ok(Mode::Pasta { .. }) => assert!(pasta),
            Ok(Mode::Slirp4netns(_)) => assert!(!pasta && slirp),
            Ok(m) => panic!("unexpected default {m:?}"),
            Err(e) => {
                assert!(!pasta && !slirp);
                assert!(e.to_string().contains("apt-get install passt"));
            }
        }
        match default_rootless(Some("slirp4netns")) {
            Ok(m) => assert!(slirp && matches!(m, Mode::Slirp4netns(_))),
            Err(e) => assert!(e.to_string().contains("apt-get install slirp4netns"), "{e}"),
        }
    }

    #[test]
    fn missing_helper_names_the_debian_package() {
        let e = find_helper("rpod-no-such-helper", "passt")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("rpod-no-such-helper not found in $PATH"),
            "{e}"
        );
        assert!(e.ends_with("install it (apt-get install passt)"), "{e}");
    }
}
