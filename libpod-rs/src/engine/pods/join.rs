//! Members joining a running pod: the namespaces of a running member (its
//! user namespace first), the PID holder of a pod that shares its PID
//! namespace, and the network helper handed from member to member.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::PathBuf;

use oci_spec::runtime::LinuxNamespaceType;

use crate::container::{Container, Status};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::network::{self, Mode};
use crate::pod::{self, Namespace, PodConfig};
use crate::spec;

/// What a member joins when it starts: the open namespace files (kept
/// until it has started) and whether the network is among them.
pub(in crate::engine) struct PodJoin {
    _held: Vec<OwnedFd>,
    /// The pod's `podpid` lock, while a member joins its PID holder.
    _lock: Option<crate::store::LockGuard>,
    /// The network namespace was joined (no helper of its own).
    pub net: bool,
}

impl Engine {
    /// A member that starts while another member runs joins that
    /// member's shared namespaces (its user namespace first); `None` when
    /// it is the first to run (it creates them) or shares nothing.
    pub(in crate::engine) fn join_pod(
        &self,
        c: &Container,
        oci: &mut oci_spec::runtime::Spec,
    ) -> Result<Option<PodJoin>> {
        let Some(pod_id) = &c.config.pod else {
            return Ok(None);
        };
        let p = match self.pod_records().load(pod_id) {
            Ok(p) => p,
            Err(pod::Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        // podman starts the infra with the first member; it runs on
        // (`pod ps` counts it) until `pod stop` or `pod kill`.
        if let Err(e) = pod::mark_infra_up(self.store.runroot(), &p) {
            tracing::warn!("recording that pod {} started: {e}", p.name);
        }
        let fd_path = |fd: &OwnedFd| PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        let open = |pid: i32, name: &str| -> Result<OwnedFd> {
            let path = PathBuf::from(format!("/proc/{pid}/ns/{name}"));
            fs_err::File::open(&path)
                .map(OwnedFd::from)
                .map_err(crate::sys::without_path)
                .map_err(|source| {
                    pod::Error::OpenNamespace {
                        path,
                        pod: p.name.clone(),
                        source,
                    }
                    .into()
                })
        };
        let mut join = PodJoin {
            _held: Vec::new(),
            _lock: None,
            net: false,
        };
        let mut user_joined = false;
        // A shared PID namespace is the holder's (its PID 1), joined with
        // the holder's user namespace; the lock keeps the holder from
        // leaving until this member's process exists.
        // Only where the member has the pod's (records of older rpods:
        // private, which then meant the pod's).
        let own = |kind: spec::NsKind| {
            matches!(
                c.config.namespaces.get(kind),
                spec::NsMode::Pod | spec::NsMode::Private
            ) && (c.config.namespaces.get(kind) == &spec::NsMode::Pod
                || c.config.namespaces == spec::Namespaces::default())
        };
        if p.shares(Namespace::Pid) && own(spec::NsKind::Pid) {
            let lock = self.store.lock(
                &format!("podpid-{}", p.id),
                crate::store::LockMode::Exclusive,
            )?;
            let holder = self.pid_holder(&p)?;
            if c.config.rootless {
                let u = open(holder, "user")?;
                spec::join_namespace(oci, LinuxNamespaceType::User, &fd_path(&u))?;
                join._held.push(u);
                user_joined = true;
            }
            let pidns = open(holder, "pid")?;
            spec::join_namespace(oci, LinuxNamespaceType::Pid, &fd_path(&pidns))?;
            join._held.push(pidns);
            join._lock = Some(lock);
        }
        let kinds: Vec<(LinuxNamespaceType, &str)> = [
            (Namespace::Net, LinuxNamespaceType::Network, "net"),
            (Namespace::Ipc, LinuxNamespaceType::Ipc, "ipc"),
            (Namespace::Uts, LinuxNamespaceType::Uts, "uts"),
        ]
        .into_iter()
        .filter(|(ns, _, _)| p.shares(*ns))
        .filter(|(ns, _, _)| match ns {
            Namespace::Ipc => own(spec::NsKind::Ipc),
            Namespace::Uts => own(spec::NsKind::Uts),
            _ => true,
        })
        // The host's network is joined by each member itself.
        .filter(|(ns, _, _)| *ns != Namespace::Net || p.network.mode != Some(Mode::Host))
        .map(|(_, typ, name)| (typ, name))
        .collect();
        // A member whose process ended before its exit is recorded (its
        // namespaces gone with it) is passed over for another.
        let mut passed: Vec<String> = vec![c.config.id.clone()];
        let (target, pid, user, opened) = loop {
            let target = if kinds.is_empty() {
                None
            } else {
                self.running_member(&p.id, &passed)?
            };
            let Some(target) = target else {
                // The first to run: it creates the other namespaces.
                self.wait_for_pod_helpers(&p, c, &kinds);
                return Ok((!join._held.is_empty()).then_some(join));
            };
            let pid = target.state.pid;
            let open_raw = |name: &str| {
                fs_err::File::open(format!("/proc/{pid}/ns/{name}")).map(OwnedFd::from)
            };
            let tried = (|| -> std::io::Result<_> {
                let user = if c.config.rootless && !user_joined {
                    Some(open_raw("user")?)
                } else {
                    None
                };
                let mut opened = Vec::new();
                for (typ, name) in &kinds {
                    opened.push((*typ, open_raw(name)?));
                }
                Ok((user, opened))
            })();
            match tried {
                Ok((user, opened)) => break (target, pid, user, opened),
                // Exited (a zombie has no namespaces): try another.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    passed.push(target.config.id.clone());
                }
                Err(source) => {
                    return Err(pod::Error::OpenMemberNamespaces {
                        pid,
                        pod: p.name.clone(),
                        source,
                    }
                    .into())
                }
            }
        };
        // The PID read before opening may have been reused since.
        let again = self.records().load(&target.config.id)?;
        if again.state.pid != pid
            || again.state.status != Status::Running
            || again.state.init_process().is_none()
        {
            // It stopped meanwhile: this member creates the namespaces.
            self.wait_for_pod_helpers(&p, c, &kinds);
            return Ok((!join._held.is_empty()).then_some(join));
        }
        if let Some(u) = user {
            spec::join_namespace(oci, LinuxNamespaceType::User, &fd_path(&u))?;
            join._held.push(u);
        }
        for (typ, fd) in opened {
            join.net |= typ == LinuxNamespaceType::Network;
            spec::join_namespace(oci, typ, &fd_path(&fd))?;
            join._held.push(fd);
        }
        if p.shares(Namespace::Uts) && own(spec::NsKind::Uts) {
            // The namespace's host name is set already (the same).
            oci.set_hostname(None);
        }
        Ok(Some(join))
    }

    /// The PID of the pod's PID holder, started when none runs (the
    /// caller holds the pod's `podpid` lock).
    fn pid_holder(&self, p: &PodConfig) -> Result<i32> {
        use crate::network::holder::Ready;
        let runroot = self.store.runroot();
        if let Some(pid) = pod::holder::running(runroot, &p.id) {
            return Ok(pid);
        }
        let (ours, theirs) = crate::sys::channel::channel::<(), Ready>().map_err(|source| {
            pod::Error::HolderChannel {
                pod: p.name.clone(),
                source,
            }
        })?;
        let theirs = OwnedFd::from(theirs);
        nix::fcntl::fcntl(
            theirs.as_raw_fd(),
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .map_err(pod::Error::HolderReadySocket)?;
        let mut child = std::process::Command::new("/proc/self/exe")
            .arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(runroot)
            .args(["internal", "pod-holder", "--ready-fd"])
            .arg(theirs.as_raw_fd().to_string())
            .arg(&p.id)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|source| Error::Exec {
                command: "rpod internal pod-holder".into(),
                code: crate::error::EXIT_RPOD,
                source,
            })?;
        drop(theirs);
        // It forks the holder and exits.
        let _ = child.wait();
        let pid = match ours.recv() {
            Ok(Some(Ready::Listening { pid })) => i32::try_from(pid).unwrap_or(0),
            Ok(Some(Ready::Failed(message))) => {
                return Err(pod::Error::HolderFailed {
                    pod: p.name.clone(),
                    message,
                }
                .into())
            }
            _ => return Err(pod::Error::HolderExited(p.name.clone()).into()),
        };
        pod::holder::record(runroot, &p.id, pid).map_err(|source| pod::Error::HolderRecord {
            pod: p.name.clone(),
            source,
        })?;
        Ok(pid)
    }

    /// `rpod internal pod-holder`: forks the PID holder of pod `pod_id`
    /// as a daemon in a new user (rootless) and PID namespace, reports its
    /// PID on `ready` and returns (see [`pod::holder`]).
    pub fn pod_holder(&self, pod_id: &str, ready: OwnedFd) -> Result<()> {
        use crate::network::holder::Ready;
        let mappings = self.rootless.then(|| self.mappings.clone());
        let lock = self
            .store
            .root()
            .join("locks")
            .join(format!("podpid-{pod_id}.lock"));
        crate::sys::process::daemon_then(move || {
            let ready: crate::sys::channel::Channel<Ready, ()> =
                crate::sys::channel::Channel::from_fd(ready);
            let started = (|| -> std::result::Result<u32, String> {
                if let Some(m) = &mappings {
                    crate::userns::enter(m, false).map_err(|e| e.to_string())?;
                }
                nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWPID)
                    .map_err(|e| format!("creating the PID namespace: {e}"))?;
                let pid = crate::sys::process::fork_then(|| pod::holder::pid1(&lock))
                    .map_err(|e| format!("forking the PID holder: {e}"))?;
                u32::try_from(pid.as_raw()).map_err(|e| e.to_string())
            })();
            match started {
                Ok(pid) => {
                    let _ = ready.send(&Ready::Listening { pid });
                    0
                }
                Err(m) => {
                    let _ = ready.send(&Ready::Failed(m));
                    1
                }
            }
        })
        .map_err(|e| pod::Error::HolderFork(e).into())
    }

    /// Ends the pod's PID holder, if one runs (`pod rm`).
    pub(super) fn end_pid_holder(&self, p: &PodConfig) {
        if let Some(pid) = pod::holder::running(self.store.runroot(), &p.id) {
            if let Ok(fd) = crate::sys::pidfd::PidFd::open(pid) {
                let _ = fd.signal(nix::sys::signal::Signal::SIGKILL);
            }
        }
        let _ = fs_err::remove_dir_all(self.store.runroot().join("pods").join(&p.id));
    }

    /// Before member `c` makes the pod's network anew: waits (up to 10 s)
    /// for the network helper of a member that has just exited to end, so
    /// that its host ports are free for `c`'s. The exiting member's monitor
    /// or the helper's guard ends it; until it has, the member's record
    /// keeps it (`record_exit_as`).
    fn wait_for_pod_helpers(
        &self,
        p: &PodConfig,
        c: &Container,
        kinds: &[(LinuxNamespaceType, &str)],
    ) {
        if !kinds.iter().any(|(t, _)| *t == LinuxNamespaceType::Network) {
            return;
        }
        let Ok(all) = self.containers() else {
            return;
        };
        let helpers: Vec<network::Helper> = all
            .into_iter()
            .filter(|m| {
                m.config.pod.as_deref() == Some(p.id.as_str()) && m.config.id != c.config.id
            })
            .filter_map(|m| m.state.network_helper)
            .collect();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        for h in helpers {
            while h.is_running() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// A running member of pod `pod_id` other than `except`, if any.
    fn running_member(&self, pod_id: &str, except: &[String]) -> Result<Option<Container>> {
        Ok(self.containers()?.into_iter().find(|m| {
            m.config.pod.as_deref() == Some(pod_id)
                && !except.contains(&m.config.id)
                && m.state.status == Status::Running
                && m.state.init_process().is_some()
        }))
    }

    /// The `/etc` directory a member's network files are written to: the
    /// pod's when its members share the network, else its own.
    pub(in crate::engine) fn member_etc_dir(&self, c: &Container) -> PathBuf {
        if let Some(p) = c
            .config
            .pod
            .as_ref()
            .and_then(|id| self.pod_records().load(id).ok())
            .filter(|p| p.shares(Namespace::Net))
        {
            return self.pod_records().etc_dir(&p.id);
        }
        self.records().dir(&c.config.id).join("etc")
    }

    /// Whether `c` is a member of a pod that shares its network with a
    /// member still running (its interfaces stay for that one).
    pub(in crate::engine) fn pod_network_in_use(&self, c: &Container) -> bool {
        let Some(pod_id) = &c.config.pod else {
            return false;
        };
        self.pod_records()
            .load(pod_id)
            .is_ok_and(|p| p.shares(Namespace::Net))
            && matches!(
                self.running_member(pod_id, std::slice::from_ref(&c.config.id)),
                Ok(Some(_))
            )
    }

    /// When a member that owns the pod's network helper exits while
    /// other members still run in its namespace: the helper goes to one
    /// of them (its guard follows the namespace's processes itself).
    /// Returns the helper back when nobody takes it (the caller stops it).
    pub(in crate::engine) fn hand_on_helper(
        &self,
        c: &Container,
        helper: network::Helper,
    ) -> Option<network::Helper> {
        let Some(pod_id) = &c.config.pod else {
            return Some(helper);
        };
        if !self
            .pod_records()
            .load(pod_id)
            .is_ok_and(|p| p.shares(Namespace::Net))
        {
            return Some(helper);
        }
        let Ok(Some(heir)) = self.running_member(pod_id, std::slice::from_ref(&c.config.id)) else {
            return Some(helper);
        };
        let mut given = Some(helper.clone());
        let r = self.update_state(&heir.config.id, |s| {
            if s.status == Status::Running && s.network_helper.is_none() {
                s.network_helper = given.take();
            }
        });
        match (r, given) {
            (Ok(_), None) => None,
            _ => Some(helper),
        }
    }
}
