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
        let net = fs_err::File::open(&path)
            .map_err(crate::sys::without_path)
            .map_err(|e| {
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
                fs_err::metadata(p).map(|m| (m.dev(), m.ino())).ok()
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
            base_hosts: &self.base_hosts(|| self.image_layers(&config.image_id))?,
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

/// A container joining the bridge networks' holder: the connection (which
/// keeps the holder alive until the container is attached) and, rootless,
/// the holder's user namespace, which the container joins.
pub(super) struct HolderJoin {
    holder: Holder,
    /// pasta still configuring a holder started for this container.
    pending: Option<OutsidePending>,
    _userns: Option<OwnedFd>,
}

/// pasta attached to a new holder and still configuring its way out: the
/// holder's bridge and the first container are set up meanwhile.
pub(super) struct OutsidePending {
    pasta: network::pasta::Pending,
    /// The holder's PID, ended if pasta fails.
    holder: u32,
    /// The holder lock, held until the holder has its way out: a
    /// container joining meanwhile waits for it, as it waited for the
    /// whole start before (its process must not run without a route out,
    /// nor its /etc/hosts miss the host's address).
    _lock: Option<crate::store::lock::LockGuard>,
}

impl OutsidePending {
    /// Waits for pasta, then tells the holder its resolvers and the host's
    /// address (returned, for the container's /etc/hosts).
    fn finish(self, conn: &network::holder::Connection) -> Result<Option<std::net::IpAddr>> {
        use network::holder::{self, Request};
        let helper = match self.pasta.finish() {
            Ok(h) => h,
            Err(e) => {
                kill_holder(self.holder);
                return Err(e.into());
            }
        };
        let host = helper.host_address();
        let outside = Request::Outside {
            dns: helper.dns_servers(),
            host,
        };
        holder::call(conn, &outside, &[])?;
        Ok(host)
    }
}

/// Ends a holder this rpod started and could not finish starting.
fn kill_holder(pid: u32) {
    if let Ok(fd) = crate::sys::pidfd::PidFd::open(i32::try_from(pid).unwrap_or(0)) {
        let _ = fd.signal(nix::sys::signal::SIGKILL);
    }
}

/// A connection to the holder, found or started.
pub(crate) struct Holder {
    /// The control connection (keeps the holder alive while open).
    pub(crate) conn: network::holder::Connection,
    /// The holder's PID.
    pub(crate) pid: u32,
    /// The host's address for containers (`host.containers.internal`).
    pub(crate) host: Option<std::net::IpAddr>,
    /// Whether this call started it (and re-attached the running
    /// containers of a holder that was killed).
    pub(crate) started: bool,
}

/// A running container on bridge networks, with descriptors of its PID 1
/// and network namespace (opened while the recorded process was checked
/// to be the one running).
pub(crate) struct RunningBridge {
    /// Its record.
    pub(crate) container: Container,
    pidfd: crate::sys::pidfd::PidFd,
    netns: OwnedFd,
}

impl RunningBridge {
    /// `c` if it is running (or paused) with its recorded PID 1.
    pub(crate) fn of(c: Container) -> Option<RunningBridge> {
        RunningBridge::check(c).ok()
    }

    /// [`RunningBridge::of`], with why not.
    pub(crate) fn check(c: Container) -> std::result::Result<RunningBridge, String> {
        if !matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            return Err(format!("it is {}", c.state.status));
        }
        let p = c
            .state
            .init_process()
            .ok_or("its recorded process is gone")?;
        let pidfd = p.open().ok_or("its recorded process is gone")?;
        let netns = fs_err::File::open(format!("/proc/{}/ns/net", p.pid))
            .map_err(|e| format!("opening its network namespace: {e}"))?;
        // Still the same process: the namespace is its own.
        if !p.is_alive() {
            return Err("its recorded process is gone".into());
        }
        Ok(RunningBridge {
            container: c,
            pidfd,
            netns: OwnedFd::from(netns),
        })
    }

    /// Its PID 1's pidfd.
    pub(crate) fn pidfd(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd;
        self.pidfd.as_fd()
    }

    /// Its network namespace.
    pub(crate) fn netns(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd;
        self.netns.as_fd()
    }

    fn user_namespace(&self) -> Option<OwnedFd> {
        let pid = self.container.state.pid;
        let f = fs_err::File::open(format!("/proc/{pid}/ns/user")).ok()?;
        self.container
            .state
            .init_process()
            .is_some()
            .then(|| OwnedFd::from(f))
    }
}

impl Engine {
    /// Finds the holder, or starts one; a new holder gets the running
    /// bridge containers back (those of a holder killed with SIGKILL:
    /// their interfaces, leases, names and port relays).
    pub(crate) fn holder(&self) -> Result<Holder> {
        Ok(self.holder_with(false)?.0)
    }

    /// [`Engine::holder`]; with `defer`, a holder started for the first
    /// container (none to re-attach) comes back before pasta has
    /// configured its way out, to be finished by the caller
    /// ([`OutsidePending::finish`]) once the container is attached.
    fn holder_with(&self, defer: bool) -> Result<(Holder, Option<OutsidePending>)> {
        use network::holder::{self, Reply, Request};
        let run_dir = self.networks_store().run_dir().to_path_buf();
        let lock = holder::lock(&run_dir)?;
        let (conn, mut pending, started) = match holder::connect(&run_dir) {
            Some(conn) => (conn, None, false),
            None => {
                let (conn, pending) = self.start_holder(&run_dir, defer)?;
                (conn, pending, true)
            }
        };
        let Reply::Held { pid, mut host } = holder::call(&conn, &Request::Hold, &[])? else {
            return Err(Error::Message(
                "the network holder answered out of turn".into(),
            ));
        };
        let running = if started {
            self.running_bridge_containers()
        } else {
            Vec::new()
        };
        // Re-attached containers need the way out at once.
        if !running.is_empty() {
            if let Some(p) = pending.take() {
                host = p.finish(&conn)?;
            }
        }
        let h = Holder {
            conn,
            pid,
            host,
            started,
        };
        for rb in running {
            if let Err(e) = self.reattach(&h, &rb, false) {
                tracing::warn!(
                    "reconnecting container {} to its networks: {e}",
                    rb.container.config.name
                );
            }
        }
        match pending.as_mut() {
            Some(p) => p._lock = Some(lock),
            None => drop(lock),
        }
        Ok((h, pending))
    }

    /// The running containers on bridge networks.
    pub(crate) fn running_bridge_containers(&self) -> Vec<RunningBridge> {
        self.records()
            .list()
            .unwrap_or_default()
            .into_iter()
            .filter(|c| matches!(c.config.network, network::Mode::Bridge(_)))
            .filter_map(RunningBridge::of)
            .collect()
    }

    /// `--network NAME`: finds (or starts) the holder and, rootless, points
    /// the spec's user namespace at the holder's.
    pub(super) fn join_holder(
        &self,
        c: &Container,
        oci: &mut oci_spec::runtime::Spec,
    ) -> Result<HolderJoin> {
        let (holder, pending) = self.holder_with(true)?;
        let mut userns = None;
        if c.config.rootless {
            let path = format!("/proc/{}/ns/user", holder.pid);
            let fd = OwnedFd::from(
                fs_err::File::open(&path)
                    .map_err(crate::sys::without_path)
                    .map_err(|e| {
                        Error::Message(format!("opening the network holder's {path}: {e}"))
                    })?,
            );
            spec::join_namespace(
                oci,
                oci_spec::runtime::LinuxNamespaceType::User,
                Path::new(&format!("/proc/self/fd/{}", fd.as_raw_fd())),
            )?;
            userns = Some(fd);
        }
        Ok(HolderJoin {
            holder,
            pending,
            _userns: userns,
        })
    }

    /// Starts the holder (`rpod internal network-holder`) and attaches the
    /// helper that connects it to the outside (rootless: the default of
    /// pasta or slirp4netns; root: slirp4netns). Rootless, it joins the
    /// user namespace of running bridge containers if there are any (a
    /// holder was killed: their network namespaces belong to that user
    /// namespace). The caller holds the holder lock. With `defer`, pasta
    /// is left configuring (see [`OutsidePending`]).
    fn start_holder(
        &self,
        run_dir: &Path,
        defer: bool,
    ) -> Result<(network::holder::Connection, Option<OutsidePending>)> {
        use network::holder::{self, Ready, Request};
        let (ours, theirs) = crate::sys::channel::channel::<(), Ready>()
            .map_err(|e| Error::Message(format!("starting the network holder: {e}")))?;
        let theirs = OwnedFd::from(theirs);
        let inherit = |fd: &OwnedFd| {
            nix::fcntl::fcntl(
                fd.as_raw_fd(),
                nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
            )
            .map_err(|e| Error::Message(format!("passing a descriptor to the holder: {e}")))
        };
        inherit(&theirs)?;
        let join = if self.rootless {
            self.running_bridge_containers()
                .iter()
                .find_map(RunningBridge::user_namespace)
        } else {
            None
        };
        if let Some(fd) = &join {
            inherit(fd)?;
        }
        let stderr = match std::env::var_os("RPOD_HOLDER_LOG") {
            Some(p) => fs_err::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map(|f| std::process::Stdio::from(f.into_file()))
                .unwrap_or_else(|_| std::process::Stdio::null()),
            None => std::process::Stdio::null(),
        };
        let mut cmd = std::process::Command::new("/proc/self/exe");
        cmd.arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(self.store.runroot())
            .args(["internal", "network-holder", "--ready-fd"])
            .arg(theirs.as_raw_fd().to_string());
        if let Some(fd) = &join {
            cmd.arg("--userns-fd").arg(fd.as_raw_fd().to_string());
        }
        let mut child = cmd
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|source| Error::Exec {
                command: "rpod internal network-holder".into(),
                code: crate::error::EXIT_RPOD,
                source,
            })?;
        drop(theirs);
        drop(join);
        // It forks the holder and exits.
        let _ = child.wait();
        let pid =
            match ours.recv() {
                Ok(Some(Ready::Listening { pid })) => pid,
                Ok(Some(Ready::Failed(m))) => {
                    return Err(Error::Message(format!("starting the network holder: {m}")))
                }
                _ => return Err(Error::Message(
                    "starting the network holder: it exited (set RPOD_HOLDER_LOG=FILE to see why)"
                        .into(),
                )),
            };
        let mode = if self.rootless {
            self.default_network()?
        } else {
            network::Mode::Slirp4netns(network::SlirpOptions::default())
        };
        let Some(conn) = holder::connect(run_dir) else {
            kill_holder(pid);
            return Err(Error::Message(
                "starting the network holder: it does not answer".into(),
            ));
        };
        let helper = match &mode {
            network::Mode::Pasta { .. } => {
                match network::pasta::spawn(pid, &[], &network::pasta::Options::default()) {
                    Ok(pasta) => {
                        let pending = OutsidePending {
                            pasta,
                            holder: pid,
                            _lock: None,
                        };
                        if defer {
                            return Ok((conn, Some(pending)));
                        }
                        pending.finish(&conn)?;
                        return Ok((conn, None));
                    }
                    Err(e) => Err(e),
                }
            }
            _ => network::slirp::attach(pid, &[], &network::SlirpOptions::default()),
        };
        let helper = match helper {
            Ok(h) => h,
            Err(e) => {
                kill_holder(pid);
                return Err(e.into());
            }
        };
        let outside = Request::Outside {
            dns: helper.dns_servers(),
            host: helper.host_address(),
        };
        holder::call(&conn, &outside, &[])?;
        Ok((conn, None))
    }

    /// The holder's request for `c`'s networks (interfaces named as they
    /// are now, else `ethN` by position).
    fn attach_request(
        &self,
        c: &Container,
        keep_relays: bool,
    ) -> Result<network::holder::AttachRequest> {
        use network::holder::{AttachNetwork, AttachRequest};
        let mut networks = Vec::new();
        if let network::Mode::Bridge(atts) = &c.config.network {
            for (i, a) in atts.iter().enumerate() {
                let current = c
                    .state
                    .networks
                    .iter()
                    .find(|s| s.name == a.network)
                    .map(|s| s.interface.clone());
                networks.push(AttachNetwork {
                    network: self.network(&a.network)?,
                    static_ips: a.static_ips.clone(),
                    mac: a.mac.map(|m| m.to_string()),
                    aliases: c.network_aliases(a),
                    interface: a
                        .interface_name
                        .clone()
                        .or(current)
                        .unwrap_or_else(|| format!("eth{i}")),
                });
            }
        }
        Ok(AttachRequest {
            container_id: c.config.id.clone(),
            name: c.config.name.clone(),
            dns_servers: c.config.dns.clone(),
            networks,
            keep_relays,
        })
    }

    /// Hands the holder `c`'s published TCP ports (their listening
    /// sockets, bound here in the host's namespace), a message per
    /// [`crate::sys::channel::MAX_FDS`] ports.
    fn publish_ports(
        holder: &Holder,
        c: &Container,
        listeners: &[(network::ports::PortMapping, std::net::TcpListener)],
    ) -> Result<()> {
        use network::holder::{self, Request};
        use std::os::fd::AsFd;
        for chunk in listeners.chunks(crate::sys::channel::MAX_FDS) {
            let req = Request::Publish {
                container_id: c.config.id.clone(),
                ports: chunk.iter().map(|(p, _)| *p).collect(),
            };
            let fds: Vec<_> = chunk.iter().map(|(_, l)| l.as_fd()).collect();
            holder::call(&holder.conn, &req, &fds)?;
        }
        Ok(())
    }

    /// Connects a running container to its networks again, with the same
    /// addresses (a new holder after one was killed; `network reload`);
    /// with `keep_relays`, relays the holder still runs stay.
    pub(crate) fn reattach(
        &self,
        holder: &Holder,
        rb: &RunningBridge,
        keep_relays: bool,
    ) -> Result<Vec<network::holder::NetworkStatus>> {
        use network::holder::{self, Reply, Request};
        use std::os::fd::AsFd;
        let c = &rb.container;
        let req = self.attach_request(c, keep_relays)?;
        let fds = [rb.pidfd.as_fd(), rb.netns.as_fd()];
        let Reply::Attached { networks, relaying } =
            holder::call(&holder.conn, &Request::Attach(req), &fds)?
        else {
            return Err(Error::Message(
                "the network holder answered out of turn".into(),
            ));
        };
        if !relaying {
            let listeners = network::ports::bind_tcp(&c.config.port_mappings)?;
            Self::publish_ports(holder, c, &listeners)?;
        }
        self.write_bridge_etc(c, holder.host, &networks)?;
        Ok(networks)
    }

    /// Connects a container just created (PID `pid`) to its networks
    /// through the holder, and writes its /etc files.
    pub(super) fn attach_bridge(
        &self,
        c: &Container,
        join: &mut HolderJoin,
        pid: i32,
    ) -> Result<Vec<network::holder::NetworkStatus>> {
        use network::holder::{self, Reply, Request};
        use std::os::fd::AsFd;
        if !matches!(c.config.network, network::Mode::Bridge(_)) {
            return Ok(Vec::new());
        }
        let req = self.attach_request(c, false)?;
        // UDP: rpod's own relay into the container's namespace (as with
        // pasta), its host ports bound first so that a conflict is clear.
        let udp = network::ports::bind_udp(&c.config.port_mappings)?;
        let listeners = network::ports::bind_tcp(&c.config.port_mappings)?;
        let pidfd = crate::sys::pidfd::PidFd::open(pid)
            .map_err(|e| Error::Message(format!("opening a pidfd for process {pid}: {e}")))?;
        let netns = fs_err::File::open(format!("/proc/{pid}/ns/net")).map_err(|e| {
            Error::Message(format!(
                "opening the network namespace of process {pid}: {e}"
            ))
        })?;
        let fds = [pidfd.as_fd(), netns.as_fd()];
        let Reply::Attached {
            networks: statuses, ..
        } = holder::call(&join.holder.conn, &Request::Attach(req), &fds)?
        else {
            return Err(Error::Message(
                "the network holder answered out of turn".into(),
            ));
        };
        // A holder started for this container: pasta configured its way
        // out while the bridge and the container's interface were made.
        if let Some(p) = join.pending.take() {
            join.holder.host = p.finish(&join.holder.conn)?;
        }
        Self::publish_ports(&join.holder, c, &listeners)?;
        // It exits with the container.
        network::udp_proxy::spawn(u32::try_from(pid).unwrap_or(0), udp)?;
        self.write_bridge_etc(c, join.holder.host, &statuses)?;
        Ok(statuses)
    }

    /// Writes the /etc/resolv.conf and /etc/hosts of a container on bridge
    /// networks (`statuses`), in place (a running container sees them);
    /// a pod member's are the pod's.
    pub(crate) fn write_bridge_etc(
        &self,
        c: &Container,
        host: Option<std::net::IpAddr>,
        statuses: &[network::holder::NetworkStatus],
    ) -> Result<()> {
        let mut dns: Vec<std::net::IpAddr> = c.config.dns.clone();
        let mut search = c.config.dns_search.clone();
        if dns.is_empty() {
            dns = statuses
                .iter()
                .filter(|s| s.dns)
                .filter_map(|s| s.gateways.first().copied())
                .collect();
        }
        if statuses.iter().any(|s| s.dns) && search.is_empty() {
            search.push(network::dns::SEARCH_DOMAIN.to_string());
        }
        let mut hosts = c.config.add_hosts.clone();
        let internal_only = statuses.iter().all(|s| s.internal);
        if let (Some(addr), false) = (host, internal_only) {
            for name in ["host.containers.internal", "host.docker.internal"] {
                hosts.push(HostEntry {
                    name: name.to_string(),
                    addr,
                });
            }
        }
        for s in statuses {
            for a in &s.addresses {
                hosts.push(HostEntry {
                    name: format!("{} {}", c.config.hostname, c.config.name),
                    addr: a.ip,
                });
            }
        }
        let host_resolv = fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default();
        NetworkFiles::render(&EtcContent {
            hostname: &c.config.hostname,
            host_resolv: &host_resolv,
            dns: &dns,
            dns_search: &search,
            dns_options: &c.config.dns_options,
            hosts: &hosts,
            base_hosts: &self.base_hosts(|| self.image_layers(&c.config.image_id))?,
        })
        // A pod's members all mount the pod's files.
        .write(&self.member_etc_dir(c))?;
        Ok(())
    }
}
