//! A container's network: the default mode, joining another container's
//! namespaces, and the helper (pasta, slirp4netns) attached at start.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use super::Engine;
use crate::container::etc::{EtcContent, NetworkFiles};
use crate::container::{Container, Status};
use crate::error::{Error, Result};
use crate::network::{self, HostEntry};
use crate::spec;

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
        let net = std::fs::File::open(&path).map_err(|e| {
            Error::Message(format!("opening network namespace {}: {e}", path.display()))
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
                return Err(Error::Message(format!(
                    "joining the network namespace of container {}: it stopped meanwhile: start it \
                     again with `rpod start {}`",
                    t.config.name, t.config.name
                )));
            }
            self.name_in_shared_hosts(c, oci);
        }
        let net = OwnedFd::from(net);
        let fd_path =
            |fd: &OwnedFd| std::path::PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        spec::join_namespace(oci, LinuxNamespaceType::Network, &fd_path(&net))?;
        let mut held = Vec::new();
        if c.config.rootless {
            let owner = crate::sys::ns::owner(net.as_fd()).map_err(|e| {
                Error::Message(format!(
                    "finding the user namespace that owns network namespace {}: {e}",
                    path.display()
                ))
            })?;
            let ino = |p: &Path| {
                use std::os::unix::fs::MetadataExt;
                std::fs::metadata(p).map(|m| (m.dev(), m.ino())).ok()
            };
            if ino(&fd_path(&owner)) == ino(Path::new("/proc/self/ns/user")) {
                return Err(Error::Message(format!(
                    "--network {mode}: network namespace {} belongs to the host's user namespace, \
                     which a rootless container cannot enter: join a container's network \
                     (--network container:NAME), or use --network host",
                    path.display()
                )));
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
                Error::Message(format!(
                    "container {} joins the network of container {id}, which no longer exists: \
                     remove it and create it again",
                    c.config.name
                ))
            } else {
                e
            }
        })?;
        if t.state.status != Status::Running || t.state.init_process().is_none() {
            return Err(Error::Message(format!(
                "joining the network namespace of container {name}: it is {status}, not running: \
                 start it first with `rpod start {name}`",
                name = t.config.name,
                status = t.state.status
            )));
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
            let present = std::fs::read_to_string(&hosts).is_ok_and(|t| t.contains(&line));
            if !present {
                use std::io::Write;
                let appended = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&hosts)
                    .and_then(|mut f| f.write_all(line.as_bytes()));
                if let Err(e) = appended {
                    tracing::warn!("adding {} to {}: {e}", c.config.name, hosts.display());
                }
            }
        }
    }

    /// Takes `c`'s line (see [`Engine::name_in_shared_hosts`]) out of the
    /// /etc/hosts of `target`, whose network it joined, when `c` goes.
    pub(super) fn name_out_of_shared_hosts(&self, c: &Container, target: &str) {
        let hosts = self.records().dir(target).join("etc/hosts");
        let line = format!("127.0.0.1\t{} {}\n", c.config.hostname, c.config.name);
        let Ok(text) = std::fs::read_to_string(&hosts) else {
            return;
        };
        if text.contains(&line) {
            // In place (not a rename): the running target has the file
            // bind-mounted, and a new inode would not reach it.
            if let Err(e) = std::fs::write(&hosts, text.replacen(&line, "", 1)) {
                tracing::warn!("removing {} from {}: {e}", c.config.name, hosts.display());
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
        let etc = self.records().dir(&c.config.id).join("etc");
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
            hosts: &hosts,
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
