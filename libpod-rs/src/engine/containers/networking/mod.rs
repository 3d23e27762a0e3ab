//! A container's network: the default mode, joining another container's
//! namespaces, and the helper (pasta, slirp4netns) attached at start.
//! Bridge networks go through the holder ([`holder`]: finding or starting
//! it, joining it) which attaches each container ([`bridge`]).

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use crate::container::etc::{EtcContent, NetworkFiles};
use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::error::Result;
use crate::network::{self, HostEntry};
use crate::spec;

mod bridge;
mod error;
mod holder;

pub use error::{BridgeUnreachable, ContainerNetworkError};
pub(crate) use holder::{Holder, RunningBridge};

impl Engine {
    /// The network mode a container gets when its request names none:
    /// rootless, pasta or slirp4netns, as containers.conf and what is
    /// installed say.
    pub(super) fn default_network(&self) -> Result<network::Mode> {
        Ok(if self.rootless {
            network::default_rootless(self.containers_conf.default_rootless_network_cmd())?
        } else {
            // Root: pasta drops to nobody and then cannot enter the
            // container's namespaces; slirp4netns runs as root fine.
            network::default_rootless(Some("slirp4netns"))?
        })
    }

    /// `--network container:` and `ns:`: points the spec's network namespace
    /// (and, rootless, its user namespace: the one that owns that network
    /// namespace) at the namespace to join. Returns the open namespace
    /// files, which the caller keeps until the container has started (the
    /// spec names them as `/proc/self/fd/N`, so the namespaces joined are
    /// the ones checked here, whatever happens to their processes).
    pub(super) fn join_network(
        &self,
        c: &Container,
        mode: &network::Mode,
        oci: &mut oci_spec::runtime::Spec,
    ) -> Result<Vec<OwnedFd>> {
        use oci_spec::runtime::LinuxNamespaceType;
        use std::os::fd::AsFd;
        let (path, target) = match mode {
            network::Mode::Container(id) => {
                let t = self.running_network_target(c, id)?;
                (
                    std::path::PathBuf::from(format!("/proc/{}/ns/net", t.state.pid)),
                    Some(t),
                )
            }
            network::Mode::Namespace(p) => (p.clone(), None),
            _ => return Ok(Vec::new()),
        };
        let net = fs_err::File::open(&path)
            .map_err(crate::sys::without_path)
            .map_err(|source| ContainerNetworkError::OpenNamespace {
                path: path.clone(),
                source,
            })?;
        if let Some(t) = target {
            // The pid read before opening may have been reused since.
            let again = self.records().load(&t.config.id)?;
            // The same recorded process, still running: the namespace
            // opened is its own.
            if again.state.pid != t.state.pid
                || again.state.status != Status::Running
                || again.state.init_process().is_none()
            {
                return Err(ContainerNetworkError::TargetStopped {
                    name: t.config.name,
                }
                .into());
            }
            self.name_in_shared_hosts(c, oci);
        }
        let net = OwnedFd::from(net);
        let fd_path =
            |fd: &OwnedFd| std::path::PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        spec::join_namespace(oci, LinuxNamespaceType::Network, &fd_path(&net))?;
        let mut held = Vec::new();
        if c.config.rootless {
            let owner = crate::sys::ns::owner(net.as_fd()).map_err(|source| {
                ContainerNetworkError::NamespaceOwner {
                    path: path.clone(),
                    source,
                }
            })?;
            let ino = |p: &Path| {
                use std::os::unix::fs::MetadataExt;
                fs_err::metadata(p).map(|m| (m.dev(), m.ino())).ok()
            };
            if ino(&fd_path(&owner)) == ino(Path::new("/proc/self/ns/user")) {
                return Err(ContainerNetworkError::HostUserNamespace {
                    mode: mode.clone(),
                    path,
                }
                .into());
            }
            spec::join_namespace(oci, LinuxNamespaceType::User, &fd_path(&owner))?;
            held.push(owner);
        }
        held.push(net);
        Ok(held)
    }

    /// The container whose network `c` joins (`container:ID`), which must
    /// be running.
    pub(super) fn running_network_target(&self, c: &Container, id: &str) -> Result<Container> {
        let t = self.container(id).map_err(|e| {
            if e.is_container_not_found() {
                ContainerNetworkError::TargetGone {
                    container: c.config.name.clone(),
                    target: id.to_string(),
                }
                .into()
            } else {
                e
            }
        })?;
        if t.state.status != Status::Running || t.state.init_process().is_none() {
            return Err(ContainerNetworkError::TargetNotRunning {
                name: t.config.name,
                status: t.state.status,
            }
            .into());
        }
        Ok(t)
    }

    /// Adds `c` to the /etc/hosts it shares with the container whose
    /// network it joins (`127.0.0.1 HOSTNAME NAME`, as podman does), so
    /// that its own host name resolves.
    pub(super) fn name_in_shared_hosts(&self, c: &Container, oci: &oci_spec::runtime::Spec) {
        let hosts = oci
            .mounts()
            .iter()
            .flatten()
            .find(|m| m.destination() == Path::new("/etc/hosts"))
            .and_then(|m| m.source().clone());
        if let Some(hosts) = hosts.filter(|h| !h.starts_with(self.records().dir(&c.config.id))) {
            let line = format!("127.0.0.1\t{} {}\n", c.config.hostname, c.config.name);
            let present = fs_err::read_to_string(&hosts).is_ok_and(|t| t.contains(&line));
            if !present {
                use std::io::Write;
                let appended = fs_err::OpenOptions::new()
                    .append(true)
                    .open(&hosts)
                    .and_then(|mut f| f.write_all(line.as_bytes()));
                if let Err(e) = appended {
                    tracing::warn!(
                        "adding {} to {}: {}",
                        c.config.name,
                        hosts.display(),
                        crate::sys::os_text(&e)
                    );
                }
            }
        }
    }

    /// Takes `c`'s line (see [`Engine::name_in_shared_hosts`]) out of the
    /// /etc/hosts of `target`, whose network it joined, when `c` goes.
    pub(super) fn name_out_of_shared_hosts(&self, c: &Container, target: &str) {
        let hosts = self.records().dir(target).join("etc/hosts");
        let line = format!("127.0.0.1\t{} {}\n", c.config.hostname, c.config.name);
        let Ok(text) = fs_err::read_to_string(&hosts) else {
            return;
        };
        if text.contains(&line) {
            // In place (not a rename): the running target has the file
            // bind-mounted, and a new inode would not reach it.
            if let Err(e) = fs_err::write(&hosts, text.replacen(&line, "", 1)) {
                tracing::warn!(
                    "removing {} from {}: {}",
                    c.config.name,
                    hosts.display(),
                    crate::sys::os_text(&e)
                );
            }
        }
    }

    /// Starts the network helper for a container process that was just
    /// created (pasta or slirp4netns modes), and writes the /etc files
    /// that point at it.
    pub(super) fn attach_network(
        &self,
        c: &Container,
        mode: &network::Mode,
        pid: i32,
    ) -> Result<Option<network::Helper>> {
        let etc = self.member_etc_dir(c);
        self.attach_network_at(&c.config, mode, pid, &etc)
    }

    /// [`Engine::attach_network`] for a container described by `config`
    /// whose /etc files are in `etc` (build's RUN steps have no record).
    pub(super) fn attach_network_at(
        &self,
        config: &crate::container::Config,
        mode: &network::Mode,
        pid: i32,
        etc: &Path,
    ) -> Result<Option<network::Helper>> {
        let pid_u32 = u32::try_from(pid).unwrap_or(0);
        let helper = match mode {
            network::Mode::Pasta { extra_args } => Some(network::pasta::attach(
                pid_u32,
                &config.port_mappings,
                &network::pasta::Options {
                    extra_args: extra_args.clone(),
                },
            )?),
            network::Mode::Slirp4netns(o) => {
                Some(network::slirp::attach(pid_u32, &config.port_mappings, o)?)
            }
            _ => None,
        };
        // Without a helper, the files written at create are already right.
        let Some(h) = &helper else {
            return Ok(None);
        };
        let mut dns = config.dns.clone();
        let mut hosts = config.add_hosts.clone();
        if dns.is_empty() {
            dns = h.dns_servers();
        }
        if let Some(addr) = h.host_address() {
            for name in ["host.containers.internal", "host.docker.internal"] {
                hosts.push(HostEntry {
                    name: name.to_string(),
                    addr,
                });
            }
        }
        let host_resolv = fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default();
        let written = NetworkFiles::render(&EtcContent {
            hostname: &config.hostname,
            host_resolv: &host_resolv,
            dns: &dns,
            dns_search: &config.dns_search,
            dns_options: &config.dns_options,
            hosts: &hosts,
            base_hosts: &self.base_hosts(config.hosts_file.as_deref(), || {
                self.image_layers(&config.image_id)
            })?,
        })
        .write(etc);
        if let Err(e) = written {
            h.stop();
            return Err(e.into());
        }
        Ok(helper)
    }

    /// Published ports of a container (`rpod port`).
    pub fn container_ports(&self, name_or_id: &str) -> Result<Vec<network::ports::PortMapping>> {
        Ok(self.container(name_or_id)?.config.port_mappings)
    }
}
