//! Pods: containers that share namespaces (network, IPC, UTS, and on
//! request PID), as podman's pods, but without an infra container.
//!
//! A pod is a record ([`PodConfig`], `<root>/pods/<id>/config.json`) plus
//! the containers whose record names it ([`crate::container::Config::pod`]).
//! Nothing runs for a pod itself: the first member to start creates the
//! namespaces the pod shares (with the pod's network settings: mode,
//! published ports, DNS, hosts), and every member that starts while another
//! runs joins that member's namespaces, its user namespace first (as
//! `--network container:` does). The namespaces live as long as one member
//! runs; the network helper (pasta, slirp4netns) that publishes the pod's
//! ports is handed from member to member, so that it keeps answering when
//! the first member exits. The `/etc/hosts`, `/etc/resolv.conf` and
//! `/etc/hostname` that members bind-mount live in the pod's directory
//! (`<root>/pods/<id>/etc/`), so all members see the same files.
//!
//! This module owns the request ([`PodSpec`]), the record, the records'
//! storage ([`PodRecords`]) and podman's pod state computation
//! ([`PodStatus::of`]); the engine (`engine/pods/`) runs the verbs.

pub mod holder;
pub mod inspect;
mod records;

use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::container::Status;
use crate::network::{HostEntry, Mode, PortMapping};
use crate::spec::UsernsMode;

pub use inspect::PodInspect;
pub use records::PodRecords;

/// Errors about pods.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No pod has this name or ID.
    #[error("{0}: no such pod")]
    NotFound(String),
    /// An ID prefix matches several pods.
    #[error("more than one pod matches {0:?}: give more of the ID or the name")]
    Ambiguous(String),
    /// The name is taken by a pod.
    #[error("adding pod to state: name {0:?} is in use: pod already exists")]
    NameInUse(String),
    /// The name is taken by a container.
    #[error("adding pod to state: name {0:?} is in use: a container already has that name")]
    NameUsedByContainer(String),
    /// `--infra-name` is a name a container or another pod's infra holds
    /// (the name, and who holds it).
    #[error("creating infra container: the container name {0:?} is already in use by {1}. You have to remove that container to be able to reuse that name: that name is already in use")]
    InfraNameInUse(String, String),
    /// A name outside Docker's grammar.
    #[error(
        "running pod create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
    )]
    InvalidName(String),
    /// `--share` names a namespace rpod cannot share.
    #[error("invalid kernel namespace to share: {0}: use ipc, net, pid, uts or cgroup: invalid argument")]
    UnknownNamespace(String),
    /// `--userns`, `--uidmap` ... for a member of a pod with an infra
    /// container, whose user namespace is the pod's (podman's message).
    #[error(
        "cannot set user namespace mode when joining pod with infra container: invalid argument"
    )]
    UsernsInPod,
    /// A request whose parts contradict each other (the message names them).
    #[error("{0}")]
    Conflict(String),
    /// A setting `pod create` gives its members (`--volume`, `--device` ...)
    /// that does not parse; the message names the flag and what to write.
    #[error("{0}")]
    MemberSetting(String),
    /// The pod's record cannot be read or written.
    #[error("{op} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was done.
        op: &'static str,
        /// The file.
        path: std::path::PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A record that does not parse.
    #[error("pod record {path} is damaged ({source}): remove the pod with `rpod pod rm -f`")]
    Corrupt {
        /// The file.
        path: std::path::PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// The store's locks.
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    /// The pod's cgroup could not be made or given its limits.
    #[error("setting up the cgroup of pod {pod}: {source}")]
    Cgroup {
        /// The pod's short ID.
        pod: String,
        /// Why.
        source: crate::cgroups::Error,
    },
    /// A member sets a network setting the pod owns (`--network`, `-p`,
    /// `--dns` with a pod that shares its network).
    #[error(
        "invalid config provided: {0}: network cannot be configured when it is shared with a pod"
    )]
    NetworkShared(PodNetworkSetting),
    /// A member sets `--hostname` while joining the pod's UTS namespace.
    #[error("invalid config provided: cannot set hostname when joining the pod UTS namespace: invalid configuration")]
    HostnameShared,
    /// A namespace file of the pod's PID holder could not be opened.
    #[error("opening {} of pod {pod}: {source}", .path.display())]
    OpenNamespace {
        /// `/proc/PID/ns/NAME`.
        path: PathBuf,
        /// The pod's name.
        pod: String,
        /// Why.
        source: std::io::Error,
    },
    /// The namespaces of the running member to join could not be opened.
    #[error("opening the namespaces of {pid} (pod {pod}): {source}")]
    OpenMemberNamespaces {
        /// The member's PID.
        pid: i32,
        /// The pod's name.
        pod: String,
        /// Why.
        source: std::io::Error,
    },
    /// The PID holder's ready channel could not be made.
    #[error("starting the PID holder of pod {pod}: {source}")]
    HolderChannel {
        /// The pod's name.
        pod: String,
        /// Why.
        source: crate::sys::channel::Error,
    },
    /// The ready socket could not be passed to the PID holder.
    #[error("passing the ready socket: {0}")]
    HolderReadySocket(#[source] nix::errno::Errno),
    /// The PID holder reported a failure (its message: it comes from
    /// another process).
    #[error("starting the PID holder of pod {pod}: {message}")]
    HolderFailed {
        /// The pod's name.
        pod: String,
        /// What the holder said.
        message: String,
    },
    /// The PID holder exited without reporting.
    #[error("starting the PID holder of pod {0}: it exited")]
    HolderExited(String),
    /// The PID holder's PID could not be recorded.
    #[error("recording the PID holder of pod {pod}: {source}")]
    HolderRecord {
        /// The pod's name.
        pod: String,
        /// Why.
        source: std::io::Error,
    },
    /// The PID holder could not be forked.
    #[error("forking the PID holder: {0}")]
    HolderFork(#[source] nix::errno::Errno),
    /// `pod rm` without `-f` of a pod whose members run.
    #[error("not all containers could be removed from pod {pod}: removing pod containers{}", busy_text(.busy))]
    MembersRunning {
        /// The pod's ID.
        pod: String,
        /// The running members: ID and state.
        busy: Vec<(String, Status)>,
    },
}

/// The network setting a member of a pod that shares its network may not
/// set ([`Error::NetworkShared`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PodNetworkSetting {
    /// `-p`, `-P`.
    #[error("published or exposed ports must be defined when the pod is created")]
    Ports,
    /// `--network`.
    #[error("networks must be defined when the pod is created")]
    Networks,
    /// `--dns`, `--dns-search`, `--add-host`.
    #[error("--dns, --dns-search and --add-host must be given when the pod is created")]
    Dns,
}

/// podman's lines for the members `pod rm` cannot remove.
fn busy_text(busy: &[(String, Status)]) -> String {
    busy.iter()
        .map(|(id, status)| {
            format!(
                "\nError: cannot remove container {id} as it is {status} - running or paused \
                 containers cannot be removed without force: container state improper"
            )
        })
        .collect()
}

/// Result with this module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A namespace the members of a pod can share (`--share`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Namespace {
    /// The cgroup namespace.
    Cgroup,
    /// System V IPC and POSIX message queues.
    Ipc,
    /// The network namespace (interfaces, ports, `localhost`).
    Net,
    /// The PID namespace (members see each other's processes).
    Pid,
    /// Host name and domain name.
    Uts,
}

impl Namespace {
    /// Its name as `--share` and `pod inspect` spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Namespace::Cgroup => "cgroup",
            Namespace::Ipc => "ipc",
            Namespace::Net => "net",
            Namespace::Pid => "pid",
            Namespace::Uts => "uts",
        }
    }
}

impl fmt::Display for Namespace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Namespace {
    type Err = Error;
    fn from_str(s: &str) -> Result<Namespace> {
        Ok(match s {
            "cgroup" => Namespace::Cgroup,
            "ipc" => Namespace::Ipc,
            "net" => Namespace::Net,
            "pid" => Namespace::Pid,
            "uts" => Namespace::Uts,
            other => return Err(Error::UnknownNamespace(other.to_string())),
        })
    }
}

/// The namespaces podman's pods share by default (`--share`'s default).
pub const DEFAULT_SHARE: [Namespace; 3] = [Namespace::Ipc, Namespace::Net, Namespace::Uts];

/// Parses `--share` (`net,ipc`, `+pid`: the default plus pid, `none` or
/// empty: nothing) into a sorted set without duplicates.
pub fn parse_share(value: &str) -> Result<Vec<Namespace>> {
    let (mut out, list) = match value.strip_prefix('+') {
        Some(rest) => (DEFAULT_SHARE.to_vec(), rest),
        None => (Vec::new(), value),
    };
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part == "none" {
            continue;
        }
        out.push(part.parse()?);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The pod's network settings, used by whichever member creates the
/// shared network namespace.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PodNetwork {
    /// `--network` (`None`: the default mode, decided by each member's
    /// create as for a lone container).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// `-p`: host port 0 means "a free one", chosen when the pod is created.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PortMapping>,
    /// `--dns`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns: Vec<IpAddr>,
    /// `--dns-search`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_search: Vec<String>,
    /// `--dns-option` (resolv.conf `options`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_options: Vec<String>,
    /// `--add-host`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_hosts: Vec<HostEntry>,
    /// `--hosts-file`: the base of the pod's /etc/hosts (a path, `none`,
    /// `image`); containers.conf's `base_hosts_file` when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosts_file: Option<String>,
    /// `--network-alias`: the pod's names on its networks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `--ip`: its address on the first network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// `--ip6`: its IPv6 address on the first network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip6: Option<std::net::Ipv6Addr>,
    /// `--mac-address`: its MAC address on the first network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<crate::network::MacAddress>,
}

impl PodNetwork {
    /// The flag of the first address setting (`--network-alias`, `--ip`,
    /// `--ip6`, `--mac-address`) given, if any: they need a network by name.
    pub fn address_flag(&self) -> Option<&'static str> {
        crate::network::address_flag(
            &self.aliases,
            self.ip.is_some(),
            self.ip6.is_some(),
            self.mac.is_some(),
        )
    }
}

/// Everything a pod is created from (`pod create` flags, `run --pod
/// new:NAME`, kube play).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodSpec {
    /// `--name` (a generated `adjective_noun` when `None`).
    pub name: Option<String>,
    /// `--share`: what members share (empty with `infra: false`).
    pub share: Vec<Namespace>,
    /// `--infra`: false means members share nothing (podman's pods without
    /// an infra container); rpod never runs an infra process either way.
    pub infra: bool,
    /// `--hostname` (the pod's name when `None` and UTS is shared).
    pub hostname: Option<String>,
    /// `--userns`: every member gets it.
    pub userns: UsernsMode,
    /// The network (needs `net` shared, except the default).
    pub network: PodNetwork,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// `--replace`: a pod holding the name is removed first (with its members).
    pub replace: bool,
    /// `--exit-policy`.
    pub exit_policy: ExitPolicy,
    /// `--restart`: the restart policy of members that set none.
    pub restart: Option<crate::spec::RestartPolicy>,
    /// The command line that created it; empty when it was not a command line.
    pub create_command: Vec<String>,
    /// `--infra-name`, `--infra-image`, `--infra-command`: recorded, never run.
    pub infra_request: InfraRequest,
    /// `--cpus`, `--memory` ...: the limits of the pod's cgroup, which
    /// holds its members' cgroups.
    pub resources: crate::spec::resources::Resources,
    /// `--cgroup-parent` (`None`: podman's `/libpod_parent`).
    pub cgroup_parent: Option<String>,
    /// `kube play --service-container`: the service container's ID.
    pub service_container: Option<String>,
    /// `--volume`, `--shm-size`, `--uidmap` ...: what every member gets.
    pub members: MemberDefaults,
}

/// What `pod create` sets for every member: podman gives these to its infra
/// container, whose volumes, `/dev/shm`, user namespace mapping ... the
/// members inherit; rpod has no infra, so they are recorded on the pod and
/// applied to each member when it is created (a member's own setting at the
/// same place wins, as with podman). Values are kept as the flags gave them
/// (checked at `pod create`) and parsed again for each member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemberDefaults {
    /// `--volume`/`-v` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<String>,
    /// `--volumes-from` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes_from: Vec<String>,
    /// `--shm-size` in bytes: the size of each member's `/dev/shm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size: Option<u64>,
    /// `--shm-size-systemd` in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size_systemd: Option<u64>,
    /// `--sysctl` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sysctls: Vec<String>,
    /// `--uidmap` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uid_map: Vec<String>,
    /// `--gidmap` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gid_map: Vec<String>,
    /// `--subuidname`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subuidname: Option<String>,
    /// `--subgidname`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subgidname: Option<String>,
    /// `--device` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<String>,
    /// `--security-opt` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_opt: Vec<String>,
    /// `--no-hosts`: members keep their image's `/etc/hosts`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
    /// `--no-hostname`: members keep their image's `/etc/hostname`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_hostname: bool,
    /// `--pid` mode of members that set none (instead of the pod's sharing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<String>,
    /// `--uts` mode of members that set none (instead of the pod's sharing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uts: Option<String>,
    /// `--share-parent=false`: members' cgroups do not go under the pod's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_share_parent: bool,
}

impl MemberDefaults {
    /// Whether the pod sets its members' user namespace mapping.
    pub fn has_id_maps(&self) -> bool {
        !self.uid_map.is_empty()
            || !self.gid_map.is_empty()
            || self.subuidname.is_some()
            || self.subgidname.is_some()
    }

    /// Checks every value as the member's flag would (at `pod create`, so
    /// that a bad value fails there and not at each member).
    pub fn check(&self) -> Result<()> {
        self.apply(&mut crate::spec::ContainerSpec::default())
    }

    /// Gives `spec` (a new member's request) what the pod sets for its
    /// members; the member's own mount at a destination, device at a path,
    /// `--shm-size`, `--sysctl`, seccomp profile and namespace modes win.
    pub fn apply(&self, spec: &mut crate::spec::ContainerSpec) -> Result<()> {
        use crate::spec::{self, parse_flag, with_flag, MountSpec, NsKind, NsMode};
        let bad = |e: spec::FlagError| Error::MemberSetting(e.to_string());
        for v in &self.volumes {
            let m = with_flag("--volume", v, MountSpec::parse_volume).map_err(bad)?;
            if !spec.mounts.iter().any(|o| o.destination == m.destination) {
                spec.mounts.push(m);
            }
        }
        for v in &self.volumes_from {
            spec.volumes_from
                .push(parse_flag("--volumes-from", v).map_err(bad)?);
        }
        spec.shm_size = spec.shm_size.or(self.shm_size);
        spec.shm_size_systemd = spec.shm_size_systemd.or(self.shm_size_systemd);
        let mut sysctls: Vec<spec::Sysctl> =
            spec::parse_flags("--sysctl", &self.sysctls).map_err(bad)?;
        sysctls.append(&mut spec.sysctls);
        spec.sysctls = sysctls;
        if self.has_id_maps() {
            spec.id_maps = spec::IdMapRequest {
                uid_map: spec::parse_flags("--uidmap", &self.uid_map).map_err(bad)?,
                gid_map: spec::parse_flags("--gidmap", &self.gid_map).map_err(bad)?,
                subuidname: self.subuidname.clone(),
                subgidname: self.subgidname.clone(),
            };
        }
        for d in &self.devices {
            let d: spec::DeviceSpec = parse_flag("--device", d).map_err(bad)?;
            if !spec.devices.iter().any(|o| o.container == d.container) {
                spec.devices.push(d);
            }
        }
        let mut pod_sec = spec::SecuritySpec::default();
        for o in &self.security_opt {
            spec::apply_security_opt(&mut pod_sec, o)
                .map_err(|e| Error::MemberSetting(format!("--security-opt {o}: {e}")))?;
        }
        let sec = &mut spec.security;
        sec.no_new_privileges |= pod_sec.no_new_privileges;
        if sec.seccomp == spec::SeccompPolicy::default() {
            sec.seccomp = pod_sec.seccomp;
        }
        sec.mask.extend(pod_sec.mask);
        sec.unmask.extend(pod_sec.unmask);
        if sec.labels.is_empty() {
            sec.labels = pod_sec.labels;
        }
        spec.network.no_hosts |= self.no_hosts;
        spec.network.no_hostname |= self.no_hostname;
        for (kind, v) in [(NsKind::Pid, &self.pid), (NsKind::Uts, &self.uts)] {
            if let Some(v) = v {
                let mode: Option<NsMode> =
                    with_flag(kind.flag(), v, |v| NsMode::parse(kind, v)).map_err(bad)?;
                let slot = spec.namespaces.get_mut(kind);
                if slot.is_none() {
                    *slot = mode;
                }
            }
        }
        Ok(())
    }
}

/// What `--infra-name`, `--infra-image` and `--infra-command` asked of an
/// infra container. rpod runs none, so nothing is created, pulled or run:
/// the values are recorded in the pod's record and shown by `pod inspect`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InfraRequest {
    /// `--infra-name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `--infra-image`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `--infra-command`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl InfraRequest {
    /// Whether none of the flags was given.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.image.is_none() && self.command.is_none()
    }
}

impl Default for PodSpec {
    fn default() -> PodSpec {
        PodSpec {
            name: None,
            share: DEFAULT_SHARE.to_vec(),
            infra: true,
            hostname: None,
            userns: UsernsMode::default(),
            network: PodNetwork::default(),
            labels: BTreeMap::new(),
            replace: false,
            exit_policy: ExitPolicy::default(),
            restart: None,
            create_command: Vec::new(),
            infra_request: InfraRequest::default(),
            service_container: None,
            resources: Default::default(),
            cgroup_parent: None,
            members: MemberDefaults::default(),
        }
    }
}

impl PodSpec {
    /// A request for pod `name` with podman's defaults.
    pub fn named(name: impl Into<String>) -> PodSpec {
        PodSpec {
            name: Some(name.into()),
            ..PodSpec::default()
        }
    }

    /// Checks what needs several fields, with podman's messages.
    pub fn validate(&self) -> Result<()> {
        if let Some(n) = &self.name {
            if crate::container::valid_name(n).is_err() {
                return Err(Error::InvalidName(n.clone()));
            }
        }
        let net = self.share.contains(&Namespace::Net);
        let n = &self.network;
        // The mode alone is allowed without `net` shared (podman records
        // it for its infra container; members keep their own).
        let configured = !n.ports.is_empty()
            || !n.dns.is_empty()
            || !n.dns_search.is_empty()
            || !n.dns_options.is_empty()
            || !n.add_hosts.is_empty()
            || n.address_flag().is_some();
        if !self.infra {
            if !self.share.is_empty() && self.share != DEFAULT_SHARE {
                return Err(Error::Conflict(
                    "you must have an infra container to share namespaces: remove --share or \
                     --infra=false"
                        .into(),
                ));
            }
            if !n.ports.is_empty() {
                return Err(Error::Conflict(
                    "you must have an infra container to publish port bindings to the host: \
                     remove -p or --infra=false"
                        .into(),
                ));
            }
            if configured || n.mode.is_some() {
                return Err(Error::Conflict(
                    "cannot set network options for a pod without an infra container: remove \
                     them or --infra=false"
                        .into(),
                ));
            }
        } else if configured && !net {
            return Err(Error::Conflict(
                "cannot set network options for a pod that does not share its network \
                 namespace: add net to --share"
                    .into(),
            ));
        }
        if let Some(m) = &n.mode {
            if !n.ports.is_empty() && !m.has_helper() && !matches!(m, Mode::Bridge(_)) {
                return Err(Error::Conflict(format!(
                    "-p: ports can only be published with --network pasta, slirp4netns or a \
                     network name, not {m}"
                )));
            }
            if m.joins() {
                return Err(Error::Conflict(format!(
                    "--network {m}: a pod cannot join another container's network: members \
                     share the pod's own"
                )));
            }
        }
        if let Some(n) = &self.infra_request.name {
            if !self.infra {
                return Err(Error::Conflict(
                    "cannot set infra-name without an infra container".into(),
                ));
            }
            if crate::container::valid_name(n).is_err() {
                return Err(Error::Conflict(format!(
                    "--infra-name {n:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"
                )));
            }
        }
        self.members.check()?;
        if self.hostname.is_some() && !self.share.contains(&Namespace::Uts) && self.infra {
            return Err(Error::Conflict(
                "--hostname: the pod does not share its UTS namespace: add uts to --share".into(),
            ));
        }
        Ok(())
    }
}

/// A pod's record (`config.json`): what was decided at `pod create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PodConfig {
    /// Full 64-hex ID.
    pub id: String,
    /// Unique name (among pods and containers).
    pub name: String,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// Shared namespaces (empty without infra).
    pub share: Vec<Namespace>,
    /// Whether it was created with an infra (`--infra`, default true).
    pub infra: bool,
    /// The host name of members (when UTS is shared).
    pub hostname: String,
    /// `--userns` of every member.
    #[serde(default)]
    pub userns: UsernsMode,
    /// Network settings (host ports chosen).
    #[serde(default)]
    pub network: PodNetwork,
    /// `--label`s.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The command line that created it.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// `--exit-policy`.
    #[serde(default)]
    pub exit_policy: ExitPolicy,
    /// `--restart` for members that set none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<crate::spec::RestartPolicy>,
    /// `--infra-name`, `--infra-image`, `--infra-command` (nothing runs them).
    #[serde(default, skip_serializing_if = "InfraRequest::is_empty")]
    pub infra_request: InfraRequest,
    /// The limits given at `pod create` (applied to the pod's cgroup when
    /// it has one).
    #[serde(
        default,
        skip_serializing_if = "crate::spec::resources::Resources::is_empty"
    )]
    pub resources: crate::spec::resources::Resources,
    /// The cgroup under which the pod's cgroup was made (`/libpod_parent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cgroup_parent: Option<String>,
    /// The pod's own cgroup (`/libpod_parent/<id>`), parent of its members'
    /// cgroups; `None` where rpod can make none (rootless on cgroup v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cgroup_path: Option<String>,
    /// `kube play --service-container`: the ID of the container that runs
    /// while the pods of that play do (podman's `ServiceContainer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_container: Option<String>,
    /// `--volume`, `--shm-size`, `--uidmap` ...: what every member gets.
    #[serde(default)]
    pub members: MemberDefaults,
}

/// What happens when a pod's last running member exits (`--exit-policy`).
/// podman's infra container keeps running under `continue`, so such a pod
/// is `Degraded` until `pod stop`/`pod kill`; under `stop` it is `Exited`.
/// rpod runs no infra but reports the same states (see [`infra_up`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExitPolicy {
    /// The pod stays as it is (podman's default).
    #[default]
    Continue,
    /// The pod is stopped (kube play's).
    Stop,
}

impl ExitPolicy {
    /// Its name as `--exit-policy` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExitPolicy::Continue => "continue",
            ExitPolicy::Stop => "stop",
        }
    }
}

impl FromStr for ExitPolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExitPolicy> {
        match s {
            "continue" | "" => Ok(ExitPolicy::Continue),
            "stop" => Ok(ExitPolicy::Stop),
            other => Err(Error::Conflict(format!(
                "running pod create option: invalid pod exit policy: {other:?}"
            ))),
        }
    }
}

impl PodConfig {
    /// Whether members share namespace `ns`.
    pub fn shares(&self, ns: Namespace) -> bool {
        self.share.contains(&ns)
    }

    /// The 12-character short ID.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(12)]
    }
}

/// Where the mark of a pod whose infra container podman would keep
/// running is: `<run root>/pods/<id>/infra-up` (gone at reboot, as podman's
/// infra is stopped then).
fn infra_up_path(runroot: &Path, pod_id: &str) -> PathBuf {
    runroot.join("pods").join(pod_id).join("infra-up")
}

/// Whether podman's infra container would be running in pod `p`: it has an
/// infra, `--exit-policy continue`, and a member started since the last
/// `pod stop`/`pod kill`. No process runs for it; the pod's state counts it
/// as a running container, so a pod whose members exited on their own is
/// `Degraded`, as podman shows it.
pub fn infra_up(runroot: &Path, p: &PodConfig) -> bool {
    p.infra && p.exit_policy == ExitPolicy::Continue && infra_up_path(runroot, &p.id).exists()
}

/// Marks podman's infra as started in pod `p` (a member starts).
pub fn mark_infra_up(runroot: &Path, p: &PodConfig) -> std::io::Result<()> {
    if !(p.infra && p.exit_policy == ExitPolicy::Continue) {
        return Ok(());
    }
    let path = infra_up_path(runroot, &p.id);
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    fs_err::write(&path, b"")
}

/// Marks podman's infra as stopped in pod `p` (`pod stop`, `pod kill`).
pub fn mark_infra_down(runroot: &Path, p: &PodConfig) {
    let _ = fs_err::remove_file(infra_up_path(runroot, &p.id));
}

/// A pod's state, computed from its members' as podman computes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PodStatus {
    /// No member, or none started.
    Created,
    /// Every member runs.
    Running,
    /// Some members run, others not.
    Degraded,
    /// Every member is paused.
    Paused,
    /// Every member has exited.
    Exited,
    /// Some members have exited, none runs.
    Stopped,
    /// A member in a state podman counts as an error.
    Error,
}

impl PodStatus {
    /// The state of a pod whose members are in `members`, counting podman's
    /// infra container as running when `infra_up`.
    pub fn with_infra(members: &[Status], infra_up: bool) -> PodStatus {
        if !infra_up {
            return PodStatus::of(members);
        }
        let mut all = members.to_vec();
        all.push(Status::Running);
        PodStatus::of(&all)
    }

    /// podman's `createPodStatusResults` over the members' states.
    pub fn of(members: &[Status]) -> PodStatus {
        let n = members.len();
        if n == 0 {
            return PodStatus::Created;
        }
        let count = |f: &dyn Fn(&Status) -> bool| members.iter().filter(|s| f(s)).count();
        let running = count(&|s| *s == Status::Running);
        let paused = count(&|s| *s == Status::Paused);
        let stopped = count(&|s| *s == Status::Exited);
        let errored = count(&|s| *s == Status::Stopping);
        if running == n {
            PodStatus::Running
        } else if running > 0 {
            PodStatus::Degraded
        } else if paused == n {
            PodStatus::Paused
        } else if stopped == n {
            PodStatus::Exited
        } else if stopped > 0 {
            PodStatus::Stopped
        } else if errored > 0 {
            PodStatus::Error
        } else {
            PodStatus::Created
        }
    }
}

impl fmt::Display for PodStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PodStatus::Created => "Created",
            PodStatus::Running => "Running",
            PodStatus::Degraded => "Degraded",
            PodStatus::Paused => "Paused",
            PodStatus::Exited => "Exited",
            PodStatus::Stopped => "Stopped",
            PodStatus::Error => "Error",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_rm_of_running_members_gives_podmans_text() {
        let e = Error::MembersRunning {
            pod: "p1".into(),
            busy: vec![
                ("c1".into(), Status::Running),
                ("c2".into(), Status::Paused),
            ],
        };
        assert_eq!(
            e.to_string(),
            "not all containers could be removed from pod p1: removing pod containers\
             \nError: cannot remove container c1 as it is running - running or paused containers cannot be removed without force: container state improper\
             \nError: cannot remove container c2 as it is paused - running or paused containers cannot be removed without force: container state improper"
        );
        assert_eq!(
            Error::NetworkShared(PodNetworkSetting::Ports).to_string(),
            "invalid config provided: published or exposed ports must be defined when the pod is created: network cannot be configured when it is shared with a pod"
        );
    }

    #[test]
    fn status_as_podman_computes_it() {
        use Status::*;
        let t = |m: &[Status]| PodStatus::of(m).to_string();
        assert_eq!(t(&[]), "Created");
        assert_eq!(t(&[Created, Created]), "Created");
        assert_eq!(t(&[Running, Running]), "Running");
        assert_eq!(t(&[Running, Exited]), "Degraded");
        let i = |m: &[Status]| PodStatus::with_infra(m, true).to_string();
        assert_eq!(i(&[Exited]), "Degraded");
        assert_eq!(i(&[Running]), "Running");
        assert_eq!(i(&[]), "Running");
        assert_eq!(
            PodStatus::with_infra(&[Exited], false).to_string(),
            "Exited"
        );
        assert_eq!(t(&[Running, Created]), "Degraded");
        assert_eq!(t(&[Paused, Paused]), "Paused");
        assert_eq!(t(&[Paused, Exited]), "Stopped");
        assert_eq!(t(&[Exited, Exited]), "Exited");
        assert_eq!(t(&[Exited, Created]), "Stopped");
        assert_eq!(t(&[Paused, Created]), "Created");
    }

    #[test]
    fn share_grammar() {
        use Namespace::*;
        assert_eq!(parse_share("net,ipc").unwrap(), vec![Ipc, Net]);
        assert_eq!(parse_share("+pid").unwrap(), vec![Ipc, Net, Pid, Uts]);
        assert_eq!(parse_share("cgroup").unwrap(), vec![Cgroup]);
        assert_eq!(parse_share("none").unwrap(), vec![]);
        assert_eq!(parse_share("").unwrap(), vec![]);
        let e = parse_share("net,mnt").unwrap_err().to_string();
        assert!(e.contains("mnt"), "{e}");
    }

    #[test]
    fn validation_names_the_flags() {
        let mut s = PodSpec::named("p");
        s.validate().unwrap();
        s.infra = false;
        s.network.ports = crate::network::ports::parse_publish_spec("8080:80").unwrap();
        assert!(s.validate().unwrap_err().to_string().contains("infra"));
        s.infra = true;
        s.share = vec![Namespace::Ipc];
        assert!(s.validate().unwrap_err().to_string().contains("--share"));
        s.share = DEFAULT_SHARE.to_vec();
        s.validate().unwrap();
        s.name = Some("-bad".into());
        assert!(s.validate().is_err());
    }
}
