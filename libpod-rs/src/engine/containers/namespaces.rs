//! `--pid`, `--ipc`, `--uts`, `--cgroupns`: the modes resolved when a
//! container is created (containers.conf's defaults, `container:NAME` by
//! ID), and the namespaces joined when it starts (`container:`, `ns:`),
//! rootless with the user namespace that owns them, as `--network
//! container:` joins its network.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{LinuxNamespaceType, Spec};

use super::create::CreateRequestError;
use super::Engine;
use crate::container::{Container, CreateError, Status};
use crate::error::Result;
use crate::spec::{self, ContainerSpec, NsKind, NsMode};

/// An error joining another container's (or a named) namespace at start
/// (`--pid`, `--ipc`, `--uts`, `--cgroupns` with `container:` or `ns:`).
#[derive(Debug, thiserror::Error)]
pub enum NamespaceError {
    /// The namespace file cannot be opened.
    #[error("{flag}: opening the namespace {}: {source}", path.display())]
    Open {
        /// The flag (`--pid` ...).
        flag: &'static str,
        /// The namespace file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The container whose namespace is joined stopped meanwhile.
    #[error(
        "{flag}: joining the namespace of container {name}: it stopped meanwhile: start it \
         again with `rpod start {name}`"
    )]
    TargetStopped {
        /// The flag.
        flag: &'static str,
        /// The other container's name.
        name: String,
    },
    /// The container whose namespace is joined does not run.
    #[error(
        "{flag}: joining the namespace of container {name}: it is {status}, not running: start \
         it first with `rpod start {name}`"
    )]
    TargetNotRunning {
        /// The flag.
        flag: &'static str,
        /// The other container's name.
        name: String,
        /// Its status.
        status: Status,
    },
    /// The container whose namespace is joined was removed.
    #[error(
        "{flag}: container {container} joins a namespace of container {target}, which no longer \
         exists: remove it and create it again"
    )]
    TargetGone {
        /// The flag.
        flag: &'static str,
        /// The joining container's name.
        container: String,
        /// The other container, as recorded.
        target: String,
    },
    /// The user namespace that owns the namespace cannot be found.
    #[error("{flag}: finding the user namespace that owns {}: {source}", path.display())]
    Owner {
        /// The flag.
        flag: &'static str,
        /// The namespace file.
        path: PathBuf,
        /// The error.
        source: nix::errno::Errno,
    },
    /// Rootless: a namespace of the host's user namespace.
    #[error(
        "{flag}: namespace {} belongs to the host's user namespace, which a rootless container \
         cannot enter: use {flag} host, or join a container's ({flag} container:NAME)",
        path.display()
    )]
    HostUserNamespace {
        /// The flag.
        flag: &'static str,
        /// The namespace file.
        path: PathBuf,
    },
    /// Rootless: namespaces of two user namespaces.
    #[error(
        "{flag}: namespace {} belongs to another user namespace than the other namespaces the \
         container joins: join namespaces of one container (or pod)",
        path.display()
    )]
    OtherUserNamespace {
        /// The flag.
        flag: &'static str,
        /// The namespace file.
        path: PathBuf,
    },
}

fn oci_type(kind: NsKind) -> LinuxNamespaceType {
    match kind {
        NsKind::Pid => LinuxNamespaceType::Pid,
        NsKind::Ipc => LinuxNamespaceType::Ipc,
        NsKind::Uts => LinuxNamespaceType::Uts,
        NsKind::Cgroup => LinuxNamespaceType::Cgroup,
    }
}

fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

fn inode(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs_err::metadata(p).map(|m| (m.dev(), m.ino())).ok()
}

impl Engine {
    /// The request's namespace modes with containers.conf's defaults
    /// (`pidns`, `ipcns`, `utsns`, `cgroupns`) where it gives none, and
    /// `container:NAME` by the other container's ID (or `host`, when that
    /// container uses the host's). Also containers.conf's other defaults
    /// for what the request leaves open: `log_size_max`, `log_driver`,
    /// `oom_score_adj`, `read_only`, `privileged` and `env_host` (the
    /// host's environment, under `--env-file` and `-e`).
    pub(super) fn resolve_namespaces(&self, spec: &ContainerSpec) -> Result<ContainerSpec> {
        let mut spec = spec.clone();
        if !spec.security.privileged_given && self.containers_conf.privileged() {
            spec.security.privileged = true;
        }
        if spec
            .process
            .env_host
            .unwrap_or_else(|| self.containers_conf.env_host())
        {
            let host = std::env::vars().map(|(k, v)| spec::EnvVar::new(k, v));
            spec.process.env.splice(0..0, host);
            // Everything passes, the proxy variables included (as podman).
            spec.process.http_proxy = Some(false);
        }
        if spec.log.max_size.is_none() {
            spec.log.max_size = self.containers_conf.log_size_max();
        }
        if spec.log.driver.is_none() {
            if let Some(d) = self.containers_conf.log_driver() {
                spec.log.driver =
                    Some(d.parse().map_err(|_| CreateRequestError::ConfLogDriver {
                        value: d.to_string(),
                    })?);
            }
        }
        if let Some(d) = spec.log.driver.filter(|d| d.is_passthrough()) {
            if spec.process.tty {
                return Err(CreateRequestError::PassthroughWithTty { driver: d.as_str() }.into());
            }
            if d == spec::LogDriver::Passthrough && crate::sys::term::stdio_is_terminal() {
                return Err(CreateRequestError::PassthroughOnTty.into());
            }
        }
        if spec.resources.oom_score_adj.is_none() {
            spec.resources.oom_score_adj = self.containers_conf.oom_score_adj();
        }
        self.conf_process_defaults(&mut spec)?;
        if let (Some(true), Some(path)) = (spec.process.init, &spec.process.init_path) {
            // podman's words.
            if let Err(e) = fs_err::metadata(path) {
                let reason = crate::sys::os_code(&e).map_or_else(
                    || crate::sys::os_text(&e),
                    |n| nix::errno::Errno::from_raw(n).desc().to_lowercase(),
                );
                return Err(CreateRequestError::InitPath {
                    path: path.clone(),
                    reason,
                }
                .into());
            }
        }
        self.conf_network_defaults(&mut spec)?;
        // Defaults apply where the namespaces are the container's own (a
        // flag there would be refused; a default is left out, as podman).
        let own_ipc = !matches!(
            spec.namespaces.ipc,
            Some(NsMode::Host | NsMode::None | NsMode::Container(_) | NsMode::Path(_))
        );
        let own_net = !matches!(
            spec.network.mode,
            Some(crate::network::Mode::Host | crate::network::Mode::Container(_))
        );
        if spec.shm_size.is_none() && own_ipc {
            if let Some(v) = self.containers_conf.shm_size() {
                spec.shm_size = Some(
                    spec::resources::parse_size("containers.conf [containers] shm_size", v)
                        .map_err(CreateError::Resources)?,
                );
            }
        }
        // Its sysctls first: the request's own win.
        let defaults = self
            .containers_conf
            .default_list("default_sysctls")
            .iter()
            .map(|v| {
                v.parse::<spec::sysctl::Sysctl>()
                    .map_err(|reason| CreateRequestError::ConfSysctl {
                        value: v.clone(),
                        reason,
                    })
            })
            .collect::<std::result::Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|d| if d.is_net() { own_net } else { own_ipc });
        spec.sysctls.splice(0..0, defaults);
        // Every container's volumes, unless it mounts something there itself.
        for v in self.containers_conf.default_list("volumes") {
            let m = spec::MountSpec::parse_volume(v).map_err(|reason| {
                CreateRequestError::ConfVolume {
                    value: v.clone(),
                    reason,
                }
            })?;
            if !spec.mounts.iter().any(|o| o.destination == m.destination) {
                spec.mounts.push(m);
            }
        }
        spec.read_only = Some(
            spec.read_only
                .unwrap_or_else(|| self.containers_conf.read_only()),
        );
        for kind in NsKind::ALL {
            let slot = spec.namespaces.get_mut(kind);
            if slot.is_none() {
                let key = kind.conf_key();
                if let Some(v) = self.containers_conf.namespace(key) {
                    *slot = NsMode::parse(kind, v).map_err(|reason| {
                        CreateRequestError::ConfNamespace {
                            key,
                            value: v.to_string(),
                            reason,
                        }
                    })?;
                }
            }
            if let Some(NsMode::Container(name)) = slot.clone() {
                let t = self.container(&name)?;
                *slot = Some(match t.config.namespaces.get(kind) {
                    NsMode::Host => NsMode::Host,
                    _ => NsMode::Container(t.config.id.clone()),
                });
            }
        }
        Ok(spec)
    }

    /// containers.conf's `dns_servers`, `dns_searches`, `dns_options` and
    /// `no_hosts`, where the request gives none of its own.
    fn conf_network_defaults(&self, spec: &mut ContainerSpec) -> Result<()> {
        let conf = &self.containers_conf;
        // Another container's /etc files are shared as they are.
        if matches!(spec.network.mode, Some(crate::network::Mode::Container(_))) {
            return Ok(());
        }
        if spec.network.dns.is_empty() {
            for v in conf.default_list("dns_servers") {
                spec.network.dns.push(
                    v.parse()
                        .map_err(|_| CreateRequestError::ConfDnsServer { value: v.clone() })?,
                );
            }
        }
        if spec.network.dns_search.is_empty() {
            spec.network.dns_search = conf.default_list("dns_searches").to_vec();
        }
        if spec.network.dns_options.is_empty() {
            spec.network.dns_options = conf.default_list("dns_options").to_vec();
        }
        spec.network.no_hosts |= conf.no_hosts() && spec.network.add_hosts.is_empty();
        Ok(())
    }

    /// At start: points the spec's namespaces of `container:` and `ns:`
    /// modes at the namespaces to join (rootless, with the user namespace
    /// that owns them). Returns the open files, which the caller keeps
    /// until the container has started.
    pub(super) fn join_namespaces(&self, c: &Container, oci: &mut Spec) -> Result<Vec<OwnedFd>> {
        let mut held = Vec::new();
        for kind in NsKind::ALL {
            let flag = kind.flag();
            let (path, target) = match c.config.namespaces.get(kind) {
                NsMode::Container(id) => {
                    let t = self.running_ns_target(c, flag, id)?;
                    let p = PathBuf::from(format!("/proc/{}/ns/{}", t.state.pid, kind.proc_name()));
                    (p, Some(t))
                }
                NsMode::Path(p) => (p.clone(), None),
                _ => continue,
            };
            let fd = OwnedFd::from(
                fs_err::File::open(&path)
                    .map_err(crate::sys::without_path)
                    .map_err(|source| NamespaceError::Open {
                        flag,
                        path: path.clone(),
                        source,
                    })?,
            );
            if let Some(t) = &target {
                let again = self.records().load(&t.config.id)?;
                if again.state.pid != t.state.pid
                    || again.state.status != Status::Running
                    || again.state.init_process().is_none()
                {
                    return Err(NamespaceError::TargetStopped {
                        flag,
                        name: t.config.name.clone(),
                    }
                    .into());
                }
            }
            if c.config.rootless {
                held.push(self.join_owner(oci, flag, &path, &fd)?);
            }
            spec::join_namespace(oci, oci_type(kind), &fd_path(&fd))?;
            if kind == NsKind::Uts {
                // The namespace has its host name already.
                oci.set_hostname(None);
            }
            held.push(fd);
        }
        Ok(held)
    }

    /// Rootless: the container joins the user namespace that owns the
    /// namespace at `fd`, the same one any other joined namespace needs.
    fn join_owner(
        &self,
        oci: &mut Spec,
        flag: &'static str,
        path: &Path,
        fd: &OwnedFd,
    ) -> Result<OwnedFd> {
        let owner = crate::sys::ns::owner(fd.as_fd()).map_err(|source| NamespaceError::Owner {
            flag,
            path: path.to_path_buf(),
            source,
        })?;
        let owner_ino = inode(&fd_path(&owner));
        if owner_ino == inode(Path::new("/proc/self/ns/user")) {
            return Err(NamespaceError::HostUserNamespace {
                flag,
                path: path.to_path_buf(),
            }
            .into());
        }
        let joined_user = oci
            .linux()
            .as_ref()
            .and_then(|l| l.namespaces().as_ref())
            .and_then(|ns| {
                ns.iter()
                    .find(|n| n.typ() == LinuxNamespaceType::User)
                    .and_then(|n| n.path().clone())
            });
        if let Some(p) = joined_user {
            if inode(&p) != owner_ino {
                return Err(NamespaceError::OtherUserNamespace {
                    flag,
                    path: path.to_path_buf(),
                }
                .into());
            }
        }
        spec::join_namespace(oci, LinuxNamespaceType::User, &fd_path(&owner))?;
        Ok(owner)
    }

    /// The container whose namespace `c` joins, which must be running.
    fn running_ns_target(&self, c: &Container, flag: &'static str, id: &str) -> Result<Container> {
        let t = self.container(id).map_err(|e| {
            if e.is_container_not_found() {
                NamespaceError::TargetGone {
                    flag,
                    container: c.config.name.clone(),
                    target: id.to_string(),
                }
                .into()
            } else {
                e
            }
        })?;
        if t.state.status != Status::Running || t.state.init_process().is_none() {
            return Err(NamespaceError::TargetNotRunning {
                flag,
                name: t.config.name,
                status: t.state.status,
            }
            .into());
        }
        Ok(t)
    }
}
