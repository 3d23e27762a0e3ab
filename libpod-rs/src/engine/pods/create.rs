//! Making pods: the record, its cgroup and shared `/etc` files; and the
//! pod a new container joins (`--pod`, `--pod new:`) applied to its request.

use std::path::Path;

use chrono::Utc;

use super::{pod_event, PodRemoveOptions};
use crate::cgroups;
use crate::container;
use crate::container::etc::{EtcContent, NetworkFiles};
use crate::container::plan::PodFacts;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::network::{self, Mode};
use crate::pod::{self, Namespace, PodConfig, PodNetwork, PodSpec};
use crate::spec::{self, ContainerSpec, PodMembership};

impl Engine {
    /// Creates a pod; nothing runs until a member starts.
    pub fn create_pod(&self, spec: &PodSpec) -> Result<PodConfig> {
        spec.validate()?;
        let mut net = spec.network.clone();
        if net.mode.is_none() {
            net.mode = self.conf_netns()?;
        }
        if let Some(Mode::Bridge(nets)) = &mut net.mode {
            for a in nets.iter_mut() {
                a.network = self.network(&a.network)?.name;
            }
        } else if let Some(flag) = net.address_flag() {
            return Err(crate::engine::CreateRequestError::NeedsNetwork { flag }.into());
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
            members: spec.members.clone(),
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
                        return Err(pod::Error::Cgroup {
                            pod: config.short_id().to_string(),
                            source: e,
                        }
                        .into());
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
    pub(super) fn remove_pod_cgroup(&self, p: &PodConfig) {
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
            dns_options: &p.network.dns_options,
            hosts: &hosts,
            base_hosts: &self.base_hosts(p.network.hosts_file.as_deref(), || None)?,
        })
        .write(dir)?;
        Ok(())
    }

    /// The pod a new container joins, applied to its request: `new:NAME`
    /// creates the pod (taking the container's ports, DNS and hosts
    /// settings); the pod's network, host name and user namespace replace
    /// the container's, which may not set its own (podman's messages).
    /// Returns the request to plan and the facts for planning.
    pub(in crate::engine) fn apply_pod(
        &self,
        spec: &ContainerSpec,
    ) -> Result<(ContainerSpec, Option<PodFacts>)> {
        let Some(membership) = &spec.pod else {
            return Ok((spec.clone(), None));
        };
        let mut spec = spec.clone();
        let n = &spec.network;
        let p = match membership {
            PodMembership::Existing(name) => {
                let p = self.pod_records().resolve(name)?;
                // The pod's user namespace is its members' (podman allows
                // only modes that make none of their own).
                if p.infra && (spec.id_maps.is_set() || spec.userns != spec::UsernsMode::default())
                {
                    return Err(pod::Error::UsernsInPod.into());
                }
                p
            }
            PodMembership::New(name) => {
                let mut ps = PodSpec::named(name.clone());
                ps.network = PodNetwork {
                    mode: n.mode.clone(),
                    ports: n.ports.clone(),
                    dns: n.dns.clone(),
                    dns_search: n.dns_search.clone(),
                    dns_options: n.dns_options.clone(),
                    add_hosts: n.add_hosts.clone(),
                    hosts_file: n.hosts_file.clone(),
                    aliases: n.aliases.clone(),
                    ip: n.ip,
                    ip6: n.ip6,
                    mac: n.mac,
                };
                ps.userns = spec.userns.clone();
                ps.create_command = spec.create_command.clone();
                spec.network.ports.clear();
                spec.network.dns.clear();
                spec.network.dns_search.clear();
                spec.network.dns_options.clear();
                spec.network.add_hosts.clear();
                spec.network.hosts_file = None;
                spec.network.aliases.clear();
                spec.network.ip = None;
                spec.network.ip6 = None;
                spec.network.mac = None;
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
        let invalid = |what: pod::PodNetworkSetting| Error::from(pod::Error::NetworkShared(what));
        if p.shares(Namespace::Net) {
            let n = &spec.network;
            if !n.ports.is_empty() || n.publish_all {
                return Err(invalid(pod::PodNetworkSetting::Ports));
            }
            if n.mode.is_some()
                || !n.aliases.is_empty()
                || n.ip.is_some()
                || n.ip6.is_some()
                || n.mac.is_some()
            {
                return Err(invalid(pod::PodNetworkSetting::Networks));
            }
            if !n.dns.is_empty()
                || !n.dns_search.is_empty()
                || !n.dns_options.is_empty()
                || !n.add_hosts.is_empty()
            {
                return Err(invalid(pod::PodNetworkSetting::Dns));
            }
            spec.network.mode = p.network.mode.clone();
            spec.network.ports = p.network.ports.clone();
            spec.network.dns = p.network.dns.clone();
            spec.network.dns_search = p.network.dns_search.clone();
            spec.network.dns_options = p.network.dns_options.clone();
            spec.network.add_hosts = p.network.add_hosts.clone();
            spec.network.aliases = p.network.aliases.clone();
            spec.network.ip = p.network.ip;
            spec.network.ip6 = p.network.ip6;
            spec.network.mac = p.network.mac;
        }
        // The pod's own --pid/--uts modes come before its sharing.
        for (kind, v) in [
            (spec::NsKind::Pid, &p.members.pid),
            (spec::NsKind::Uts, &p.members.uts),
        ] {
            if let (Some(v), true) = (v, spec.namespaces.get_mut(kind).is_none()) {
                *spec.namespaces.get_mut(kind) = spec::NsMode::parse(kind, v)
                    .map_err(|e| pod::Error::MemberSetting(format!("{} {v}: {e}", kind.flag())))?;
            }
        }
        // A namespace mode given explicitly (--pid, --ipc, --uts) wins
        // over the pod's sharing, as in podman.
        if p.shares(Namespace::Uts) && spec.namespaces.uts.is_none() {
            if spec.hostname.is_some() {
                return Err(pod::Error::HostnameShared.into());
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
        // What podman's infra would hand on: volumes, /dev/shm size, the
        // user namespace mapping ... (a pid/uts mode replaces sharing).
        p.members.apply(&mut spec)?;
        if let (Some(r), spec::RestartPolicy::No) = (p.restart, spec.restart) {
            spec.restart = r;
        }
        // Members' cgroups go under the pod's (podman's --share-parent).
        if spec.cgroup_parent.is_none() && !p.members.no_share_parent {
            spec.cgroup_parent.clone_from(&p.cgroup_path);
        }
        let etc_dir = p
            .shares(Namespace::Net)
            .then(|| self.pod_records().etc_dir(&p.id));
        // With the pod's --shm-size each member has a tmpfs of that size.
        let shm_dir = (spec.namespaces.ipc == Some(spec::NsMode::Pod)
            && p.members.shm_size.is_none())
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
}
