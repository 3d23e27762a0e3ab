//! The bridge networks' holder: found or started (its way out attached:
//! pasta or slirp4netns), running bridge containers re-attached to a new
//! one, and a new container pointed at its user namespace.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::Path;

use super::error::{BridgeUnreachable, ContainerNetworkError};
use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::network;
use crate::spec;

/// A container joining the bridge networks' holder: the connection (which
/// keeps the holder alive until the container is attached) and, rootless,
/// the holder's user namespace, which the container joins.
pub(in crate::engine::containers) struct HolderJoin {
    /// The holder.
    pub(super) holder: Holder,
    /// pasta still configuring a holder started for this container.
    pub(super) pending: Option<OutsidePending>,
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
    pub(super) fn finish(
        self,
        conn: &network::holder::Connection,
    ) -> Result<Option<std::net::IpAddr>> {
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
    pub(super) pidfd: crate::sys::pidfd::PidFd,
    pub(super) netns: OwnedFd,
}

impl RunningBridge {
    /// `c` if it is running (or paused) with its recorded PID 1.
    pub(crate) fn of(c: Container) -> Option<RunningBridge> {
        RunningBridge::check(c).ok()
    }

    /// [`RunningBridge::of`], with why not.
    pub(crate) fn check(c: Container) -> std::result::Result<RunningBridge, BridgeUnreachable> {
        if !matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            return Err(BridgeUnreachable::NotRunning(c.state.status));
        }
        let p = c
            .state
            .init_process()
            .ok_or(BridgeUnreachable::ProcessGone)?;
        let pidfd = p.open().ok_or(BridgeUnreachable::ProcessGone)?;
        let netns = fs_err::File::open(format!("/proc/{}/ns/net", p.pid))
            .map_err(BridgeUnreachable::Namespace)?;
        // Still the same process: the namespace is its own.
        if !p.is_alive() {
            return Err(BridgeUnreachable::ProcessGone);
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
            return Err(ContainerNetworkError::HolderOutOfTurn.into());
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
    pub(in crate::engine::containers) fn join_holder(
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
                    .map_err(|source| ContainerNetworkError::HolderUserNamespace {
                        path: path.clone(),
                        source,
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
            .map_err(ContainerNetworkError::HolderChannel)?;
        let theirs = OwnedFd::from(theirs);
        let inherit = |fd: &OwnedFd| {
            nix::fcntl::fcntl(
                fd.as_raw_fd(),
                nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
            )
            .map_err(ContainerNetworkError::HolderDescriptor)
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
        let pid = match ours.recv() {
            Ok(Some(Ready::Listening { pid })) => pid,
            Ok(Some(Ready::Failed(reason))) => {
                return Err(ContainerNetworkError::HolderFailed { reason }.into())
            }
            _ => return Err(ContainerNetworkError::HolderExited.into()),
        };
        let mode = if self.rootless {
            self.default_network()?
        } else {
            network::Mode::Slirp4netns(network::SlirpOptions::default())
        };
        let Some(conn) = holder::connect(run_dir) else {
            kill_holder(pid);
            return Err(ContainerNetworkError::HolderSilent.into());
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
}
