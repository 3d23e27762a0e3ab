//! The engine's pod operations: create (from a [`PodSpec`]), membership of
//! new containers (`--pod`, `--pod new:`), joining a running member's
//! namespaces at start, handing the network helper on when a member exits,
//! and the pod verbs (start, stop, restart, kill, pause, unpause, rm,
//! prune, top, stats) as batches over the members.
//!
//! See [`crate::pod`] for the design: no infra process; the namespaces
//! live while a member runs.

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use chrono::Utc;
use oci_spec::runtime::LinuxNamespaceType;

use super::{Engine, RemoveOptions};
use crate::cgroups;
use crate::container::etc::{EtcContent, NetworkFiles};
use crate::container::plan::PodFacts;
use crate::container::{self, Container, Status};
use crate::error::{Error, Result};
use crate::events::{Event, Type};
use crate::network::{self, Mode};
use crate::pod::{self, Namespace, PodConfig, PodNetwork, PodRecords, PodSpec, PodStatus};
use crate::spec::{self, ContainerSpec, PodMembership};

/// A pod and its members (oldest first).
#[derive(Debug, Clone)]
pub struct Pod {
    /// The record.
    pub config: PodConfig,
    /// The containers that belong to it.
    pub members: Vec<Container>,
    /// Whether podman's infra container would be running ([`pod::infra_up`]).
    pub infra_up: bool,
}

impl Pod {
    /// `pod inspect`'s document.
    pub fn inspect(&self) -> pod::PodInspect {
        let mut doc = pod::PodInspect::of(&self.config, &self.members, self.infra_up);
        doc.InfraContainerID = self.infra_id().to_string();
        doc
    }

    /// What rpod shows as podman's infra container ID (`pod inspect`'s
    /// `InfraContainerID`, `pod ps`'s INFRA ID): the member whose
    /// namespaces the pod's members join now (the oldest running one, as
    /// `join_pod` picks it), so `inspect` of it gives the PID and
    /// `SandboxKey` of the pod's namespaces; empty when none runs or the
    /// pod shares nothing.
    pub fn infra_id(&self) -> &str {
        if !self.config.infra || self.config.share.is_empty() {
            return "";
        }
        self.members
            .iter()
            .find(|m| m.state.status == Status::Running && m.state.init_process().is_some())
            .map_or("", |m| m.config.id.as_str())
    }

    /// Its state, from its members' (podman's rules).
    pub fn status(&self) -> PodStatus {
        let states: Vec<Status> = self.members.iter().map(|c| c.state.status).collect();
        PodStatus::with_infra(&states, self.infra_up)
    }
}

/// How `pod rm` removes pods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PodRemoveOptions {
    /// `-f`: running members are stopped and removed.
    pub force: bool,
    /// `-t`: seconds to wait for members to stop before SIGKILL.
    pub timeout: Option<u32>,
    /// `-i`: a missing pod is not an error.
    pub ignore: bool,
}

/// The outcome of a pod verb for one pod: its ID, and the errors of the
/// members it could not act on (podman prints them, exit 125).
#[derive(Debug)]
pub struct PodReport {
    /// The pod's full ID.
    pub id: String,
    /// Per member that failed: why.
    pub errors: Vec<Error>,
}

/// A pod verb applied to every member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodAction {
    /// `pod start`.
    Start,
    /// `pod stop` (timeout in seconds; the members' own when `None`).
    Stop(Option<u32>),
    /// `pod restart`.
    Restart(Option<u32>),
    /// `pod kill` (signal number).
    Kill(i32),
    /// `pod pause`.
    Pause,
    /// `pod unpause`.
    Unpause,
}

/// What a member joins when it starts: the open namespace files (kept
/// until it has started) and whether the network is among them.
pub(super) struct PodJoin {
    _held: Vec<OwnedFd>,
    /// The pod's `podpid` lock, while a member joins its PID holder.
    _lock: Option<crate::store::LockGuard>,
    /// The network namespace was joined (no helper of its own).
    pub net: bool,
}

fn pod_event(p: &PodConfig, status: crate::events::Status) -> Event {
    Event {
        id: p.id.clone(),
        name: p.name.clone(),
        ..Event::new(Type::Pod, status)
    }
}

impl Engine {
    /// The pod records of the store.
    pub(super) fn pod_records(&self) -> PodRecords<'_> {
        PodRecords::new(&self.store)
    }

    /// Creates a pod; nothing runs until a member starts.
    pub fn create_pod(&self, spec: &PodSpec) -> Result<PodConfig> {
        spec.validate()?;
        let mut net = spec.network.clone();
        if let Some(Mode::Bridge(nets)) = &mut net.mode {
            for a in nets.iter_mut() {
                a.network = self.network(&a.network)?.name;
            }
        }
        network::ports::assign_free_ports(&mut net.ports)?;
        let records = self.pod_records();
        let _all = records.lock_all()?;
        let name = match &spec.name {
            Some(n) => {
                if let Ok(old) = records.resolve(n) {
                    if old.name == *n {
                        if !spec.replace {
                            return Err(pod::Error::NameInUse(n.clone()).into());
                        }
                        drop(_all);
                        self.remove_pod(
                            &old.id,
                            PodRemoveOptions {
                                force: true,
                                ..Default::default()
                            },
                        )?;
                        return self.create_pod(&PodSpec {
                            replace: false,
                            ..spec.clone()
                        });
                    }
                }
                if self.records().list()?.iter().any(|c| c.config.name == *n) {
                    return Err(pod::Error::NameUsedByContainer(n.clone()).into());
                }
                n.clone()
            }
            None => {
                let taken: Vec<String> = records.list()?.into_iter().map(|p| p.name).collect();
                loop {
                    let n = self.records().generate_name()?;
                    if !taken.contains(&n) {
                        break n;
                    }
                }
            }
        };
        // podman's infra container holds `--infra-name`: rpod has none, but
        // keeps the name as podman would, from containers and other pods.
        if let Some(n) = &spec.infra_request.name {
            if let Some(c) = self.records().list()?.iter().find(|c| c.config.name == *n) {
                return Err(pod::Error::InfraNameInUse(n.clone(), c.config.id.clone()).into());
            }
            if let Some(p) = records
                .list()?
                .iter()
                .find(|p| p.infra_request.name.as_ref() == Some(n))
            {
                return Err(pod::Error::InfraNameInUse(
                    n.clone(),
                    format!("the infra container of pod {}", p.id),
                )
                .into());
            }
        }
        let share = if spec.infra {
            spec.share.clone()
        } else {
            Vec::new()
        };
        let mut config = PodConfig {
            id: container::new_id(),
            hostname: spec.hostname.clone().unwrap_or_else(|| name.clone()),
            name,
            created: Utc::now(),
            share,
            infra: spec.infra,
            userns: spec.userns.clone(),
            network: net,
            labels: spec.labels.clone(),
            create_command: spec.create_command.clone(),
            exit_policy: spec.exit_policy,
            restart: spec.restart,
            infra_request: spec.infra_request.clone(),
            resources: spec.resources.clone(),
            cgroup_parent: None,
            cgroup_path: None,
            service_container: spec.service_container.clone(),
        };
        let cgroup = self.make_pod_cgroup(&mut config, spec.cgroup_parent.as_deref())?;
        let made = (|| -> Result<()> {
            let etc = records.make_dir(&config.id)?;
            self.write_pod_etc(&config, &etc, None)?;
            records.create(&config)?;
            Ok(())
        })();
        if let Err(e) = made {
            let _ = fs_err::remove_dir_all(records.dir(&config.id));
            if let Some(cg) = cgroup {
                let _ = cg.remove();
            }
            return Err(e);
        }
        self.emit(&pod_event(&config, crate::events::Status::Create));
        Ok(config)
    }

    /// Makes the pod's cgroup with its limits, where rpod manages cgroups
    /// (podman's `<parent>/<pod-id>`), and records where it is; rootless on
    /// cgroup v1 there is none, and limits are dropped with podman's warning.
    fn make_pod_cgroup(
        &self,
        config: &mut PodConfig,
        parent: Option<&str>,
    ) -> Result<Option<cgroups::Cgroup>> {
        let Ok(layout) = cgroups::Layout::detect() else {
            return Ok(None);
        };
        match cgroups::pod_plan(&layout, self.rootless, parent, &config.id) {
            cgroups::Plan::Managed(cg) => {
                let made = cg.create().and_then(|()| cg.apply(&config.resources));
                match made {
                    Ok(warnings) => {
                        for w in warnings {
                            tracing::warn!("{w}");
                        }
                    }
                    Err(e) => {
                        let _ = cg.remove();
                        return Err(Error::Message(format!(
                            "setting up the cgroup of pod {}: {e}",
                            config.short_id()
                        )));
                    }
                }
                let parent = format!(
                    "/{}",
                    parent.unwrap_or(cgroups::DEFAULT_PARENT).trim_matches('/')
                );
                config.cgroup_path = Some(format!("{parent}/{}", config.id));
                config.cgroup_parent = Some(parent);
                Ok(Some(cg))
            }
            cgroups::Plan::Unsupported { warning } => {
                if !config.resources.is_empty() {
                    tracing::warn!("{warning}");
                    config.resources = Default::default();
                }
                Ok(None)
            }
        }
    }

    /// Removes the pod's cgroup (its members' are gone by then).
    fn remove_pod_cgroup(&self, p: &PodConfig) {
        let (Some(path), Ok(layout)) = (&p.cgroup_path, cgroups::Layout::detect()) else {
            return;
        };
        let cg = cgroups::Cgroup::new(&layout, Path::new(path.trim_start_matches('/')));
        if let Err(e) = cg.remove() {
            tracing::warn!("removing the cgroup of pod {}: {e}", p.id);
        }
    }

    /// Writes the pod's shared `/etc` files; `helper`: what the network
    /// helper of the member that created the namespace says (its DNS
    /// forwarder, the host's address).
    fn write_pod_etc(
        &self,
        p: &PodConfig,
        dir: &Path,
        helper: Option<&network::Helper>,
    ) -> Result<()> {
        let mut dns = p.network.dns.clone();
        let mut hosts = p.network.add_hosts.clone();
        if let Some(h) = helper {
            if dns.is_empty() {
                dns = h.dns_servers();
            }
            if let Some(addr) = h.host_address() {
                for name in ["host.containers.internal", "host.docker.internal"] {
                    hosts.push(network::HostEntry {
                        name: name.to_string(),
                        addr,
                    });
                }
            }
        }
        let host_resolv = fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default();
        NetworkFiles::render(&EtcContent {
            hostname: &p.hostname,
            host_resolv: &host_resolv,
            dns: &dns,
            dns_search: &p.network.dns_search,
            dns_options: &[],
            hosts: &hosts,
        })
        .write(dir)?;
        Ok(())
    }

    /// Finds a pod by name, ID or ID prefix, with its members.
    pub fn pod(&self, name_or_id: &str) -> Result<Pod> {
        let config = self.pod_records().resolve(name_or_id)?;
        let members = self
            .containers()?
            .into_iter()
            .filter(|c| c.config.pod.as_deref() == Some(config.id.as_str()))
            .collect();
        let infra_up = pod::infra_up(self.store.runroot(), &config);
        Ok(Pod {
            config,
            members,
            infra_up,
        })
    }

    /// All pods, oldest first, with their members.
    pub fn pods(&self) -> Result<Vec<Pod>> {
        let configs = self.pod_records().list()?;
        let all = self.containers()?;
        Ok(configs
            .into_iter()
            .map(|config| {
                let members = all
                    .iter()
                    .filter(|c| c.config.pod.as_deref() == Some(config.id.as_str()))
                    .cloned()
                    .collect();
                let infra_up = pod::infra_up(self.store.runroot(), &config);
                Pod {
                    config,
                    members,
                    infra_up,
                }
            })
            .collect())
    }

    /// Whether a pod exists (`pod exists`).
    pub fn pod_exists(&self, name_or_id: &str) -> Result<bool> {
        match self.pod_records().resolve(name_or_id) {
            Ok(_) => Ok(true),
            Err(pod::Error::NotFound(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The pod a new container joins, applied to its request: `new:NAME`
    /// creates the pod (taking the container's ports, DNS and hosts
    /// settings); the pod's network, host name and user namespace replace
    /// the container's, which may not set its own (podman's messages).
    /// Returns the request to plan and the facts for planning.
    pub(super) fn apply_pod(
        &self,
        spec: &ContainerSpec,
    ) -> Result<(ContainerSpec, Option<PodFacts>)> {
        let Some(membership) = &spec.pod else {
            return Ok((spec.clone(), None));
        };
        let mut spec = spec.clone();
        let n = &spec.network;
        let p = match membership {
            PodMembership::Existing(name) => self.pod_records().resolve(name)?,
            PodMembership::New(name) => {
                let mut ps = PodSpec::named(name.clone());
                ps.network = PodNetwork {
                    mode: n.mode.clone(),
                    ports: n.ports.clone(),
                    dns: n.dns.clone(),
                    dns_search: n.dns_search.clone(),
                    add_hosts: n.add_hosts.clone(),
                };
                ps.userns = spec.userns.clone();
                ps.create_command = spec.create_command.clone();
                spec.network.ports.clear();
                spec.network.dns.clear();
                spec.network.dns_search.clear();
                spec.network.add_hosts.clear();
                spec.network.mode = None;
                let made = self.create_pod(&ps)?;
                // The container's own --hostname names the new pod's host.
                if let Some(h) = spec.hostname.take() {
                    return self.finish_apply(spec, made, Some(h));
                }
                made
            }
        };
        self.finish_apply(spec, p, None)
    }

    fn finish_apply(
        &self,
        mut spec: ContainerSpec,
        p: PodConfig,
        hostname: Option<String>,
    ) -> Result<(ContainerSpec, Option<PodFacts>)> {
        let invalid = |what: &str| {
            Error::Message(format!(
                "invalid config provided: {what}: network cannot be configured when it is shared \
                 with a pod"
            ))
        };
        if p.shares(Namespace::Net) {
            let n = &spec.network;
            if !n.ports.is_empty() || n.publish_all {
                return Err(invalid(
                    "published or exposed ports must be defined when the pod is created",
                ));
            }
            if n.mode.is_some() {
                return Err(invalid("networks must be defined when the pod is created"));
            }
            if !n.dns.is_empty() || !n.dns_search.is_empty() || !n.add_hosts.is_empty() {
                return Err(invalid(
                    "--dns, --dns-search and --add-host must be given when the pod is created",
                ));
            }
            spec.network.mode = p.network.mode.clone();
            spec.network.ports = p.network.ports.clone();
            spec.network.dns = p.network.dns.clone();
            spec.network.dns_search = p.network.dns_search.clone();
            spec.network.add_hosts = p.network.add_hosts.clone();
        }
        // A namespace mode given explicitly (--pid, --ipc, --uts) wins
        // over the pod's sharing, as in podman.
        if p.shares(Namespace::Uts) && spec.namespaces.uts.is_none() {
            if spec.hostname.is_some() {
                return Err(Error::Message(
                    "invalid config provided: cannot set hostname when joining the pod UTS \
                     namespace: invalid configuration"
                        .into(),
                ));
            }
            spec.hostname = Some(hostname.unwrap_or_else(|| p.hostname.clone()));
        }
        // The namespaces it shares from the pod, unless the request gives
        // a mode of its own.
        for (ns, kind) in [
            (Namespace::Pid, spec::NsKind::Pid),
            (Namespace::Ipc, spec::NsKind::Ipc),
            (Namespace::Uts, spec::NsKind::Uts),
        ] {
            let slot = spec.namespaces.get_mut(kind);
            if p.shares(ns) && slot.is_none() {
                *slot = Some(spec::NsMode::Pod);
            }
        }
        if spec.userns == spec::UsernsMode::default() {
            spec.userns = p.userns.clone();
        }
        if let (Some(r), spec::RestartPolicy::No) = (p.restart, spec.restart) {
            spec.restart = r;
        }
        // Members' cgroups go under the pod's (podman's --share-parent).
        if spec.cgroup_parent.is_none() {
            spec.cgroup_parent.clone_from(&p.cgroup_path);
        }
        let etc_dir = p
            .shares(Namespace::Net)
            .then(|| self.pod_records().etc_dir(&p.id));
        let shm_dir = (spec.namespaces.ipc == Some(spec::NsMode::Pod))
            .then(|| self.pod_records().shm_dir(&p.id));
        Ok((
            spec,
            Some(PodFacts {
                id: p.id,
                etc_dir,
                shm_dir,
            }),
        ))
    }

    /// A member that starts while another member runs joins that
    /// member's shared namespaces (its user namespace first); `None` when
    /// it is the first to run (it creates them) or shares nothing.
    pub(super) fn join_pod(
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
            let path = format!("/proc/{pid}/ns/{name}");
            fs_err::File::open(&path)
                .map(OwnedFd::from)
                .map_err(crate::sys::without_path)
                .map_err(|e| Error::Message(format!("opening {path} of pod {}: {e}", p.name)))
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
                Err(e) => {
                    return Err(Error::Message(format!(
                        "opening the namespaces of {pid} (pod {}): {e}",
                        p.name
                    )))
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
        let (ours, theirs) = crate::sys::channel::channel::<(), Ready>().map_err(|e| {
            Error::Message(format!("starting the PID holder of pod {}: {e}", p.name))
        })?;
        let theirs = OwnedFd::from(theirs);
        nix::fcntl::fcntl(
            theirs.as_raw_fd(),
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .map_err(|e| Error::Message(format!("passing the ready socket: {e}")))?;
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
            Ok(Some(Ready::Failed(m))) => {
                return Err(Error::Message(format!(
                    "starting the PID holder of pod {}: {m}",
                    p.name
                )))
            }
            _ => {
                return Err(Error::Message(format!(
                    "starting the PID holder of pod {}: it exited",
                    p.name
                )))
            }
        };
        pod::holder::record(runroot, &p.id, pid).map_err(|e| {
            Error::Message(format!("recording the PID holder of pod {}: {e}", p.name))
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
        .map_err(|e| Error::Message(format!("forking the PID holder: {e}")))
    }

    /// Ends the pod's PID holder, if one runs (`pod rm`).
    fn end_pid_holder(&self, p: &PodConfig) {
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
    pub(super) fn member_etc_dir(&self, c: &Container) -> PathBuf {
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
    pub(super) fn pod_network_in_use(&self, c: &Container) -> bool {
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
    pub(super) fn hand_on_helper(
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

    /// Applies `action` to every member of a pod (creation order; stop
    /// and kill in reverse). A pod without members is an error for start
    /// (podman's "no containers in pod").
    pub fn pod_action(&self, name_or_id: &str, action: PodAction) -> Result<PodReport> {
        let pod = self.pod(name_or_id)?;
        let p = &pod.config;
        let _l = self.pod_records().lock(&p.id)?;
        let mut errors = Vec::new();
        let ids: Vec<String> = pod.members.iter().map(|c| c.config.id.clone()).collect();
        match action {
            PodAction::Start => {
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                for c in &pod.members {
                    if !matches!(c.state.status, Status::Running | Status::Paused) {
                        if let Err(e) = self.start_detached(&c.config.id) {
                            errors.push(e);
                        }
                    }
                }
                // Once more: the last exit may have stopped it meanwhile.
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                self.emit(&pod_event(p, crate::events::Status::Start));
            }
            PodAction::Stop(t) => {
                pod::mark_infra_down(self.store.runroot(), p);
                for r in self.stop_containers(&ids, t) {
                    if let Err(e) = r {
                        errors.push(e);
                    }
                }
                self.emit(&pod_event(p, crate::events::Status::Stop));
            }
            PodAction::Restart(t) => {
                for r in self.stop_containers(&ids, t) {
                    if let Err(e) = r {
                        errors.push(e);
                    }
                }
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                for id in &ids {
                    if let Err(e) = self.start_detached(id) {
                        errors.push(e);
                    }
                }
                // Once more: the members' exits may have stopped it meanwhile.
                if let Err(e) = self.start_service_of(p) {
                    errors.push(e);
                }
                self.emit(&pod_event(p, crate::events::Status::Restart));
            }
            PodAction::Kill(sig) => {
                pod::mark_infra_down(self.store.runroot(), p);
                for c in pod.members.iter().rev() {
                    if matches!(c.state.status, Status::Running | Status::Paused) {
                        if let Err(e) = self.kill_container(&c.config.id, sig) {
                            errors.push(e);
                        }
                    }
                }
                self.emit(&pod_event(p, crate::events::Status::Kill));
            }
            PodAction::Pause | PodAction::Unpause => {
                let thaw = action == PodAction::Unpause;
                let want = if thaw {
                    Status::Paused
                } else {
                    Status::Running
                };
                for c in pod.members.iter().filter(|c| c.state.status == want) {
                    if let Err(e) = self.pause_container(&c.config.id, thaw) {
                        errors.push(e);
                    }
                }
                self.emit(&pod_event(
                    p,
                    if thaw {
                        crate::events::Status::Unpause
                    } else {
                        crate::events::Status::Pause
                    },
                ));
            }
        }
        Ok(PodReport {
            id: p.id.clone(),
            errors,
        })
    }

    /// Removes a pod and (with `force`, or when none runs) its members.
    pub fn remove_pod(&self, name_or_id: &str, how: PodRemoveOptions) -> Result<String> {
        let pod = self.pod(name_or_id)?;
        let p = &pod.config;
        let _l = self.pod_records().lock(&p.id)?;
        if !how.force {
            let busy: Vec<String> = pod
                .members
                .iter()
                .filter(|c| {
                    matches!(
                        c.state.status,
                        Status::Running | Status::Paused | Status::Stopping
                    )
                })
                .map(|c| {
                    format!(
                        "\nError: cannot remove container {} as it is {} - running or paused \
                         containers cannot be removed without force: container state improper",
                        c.config.id, c.state.status
                    )
                })
                .collect();
            if !busy.is_empty() {
                return Err(Error::Message(format!(
                    "not all containers could be removed from pod {}: removing pod containers{}",
                    p.id,
                    busy.concat()
                )));
            }
        }
        let ids: Vec<String> = pod.members.iter().map(|c| c.config.id.clone()).collect();
        if how.force {
            for r in self.stop_containers(&ids, how.timeout) {
                if let Err(e) = r {
                    if !e.is_container_not_found() {
                        tracing::warn!("{e}");
                    }
                }
            }
        }
        for id in &ids {
            let opts = RemoveOptions {
                force: how.force,
                depend: true,
                stop_timeout: how.timeout,
                ..RemoveOptions::default()
            };
            match self.remove_container(id, opts) {
                Ok(_) => {}
                Err(e) if e.is_container_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        self.end_pid_holder(p);
        self.remove_pod_cgroup(p);
        let records = self.pod_records();
        let _all = records.lock_all()?;
        records.remove(&p.id)?;
        drop(_all);
        self.remove_idle_service(p);
        self.emit(&pod_event(p, crate::events::Status::Remove));
        Ok(p.id.clone())
    }

    /// Removes every Stopped or Exited pod (`pod prune`), as podman;
    /// returns their IDs.
    pub fn prune_pods(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for pod in self.pods()? {
            // podman's: only Stopped and Exited pods go (not Created,
            // Running, Degraded, Paused), removed as `pod rm -f` would.
            if matches!(pod.status(), PodStatus::Stopped | PodStatus::Exited) {
                let force = PodRemoveOptions {
                    force: true,
                    ..PodRemoveOptions::default()
                };
                out.push(self.remove_pod(&pod.config.id, force)?);
            }
        }
        Ok(out)
    }
}
