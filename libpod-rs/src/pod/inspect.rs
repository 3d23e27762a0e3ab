//! `pod inspect`'s document, with podman 5's field names and order
//! (`libpod/define/pod_inspect.go`), built from a pod's record and its
//! members (pure).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Namespace, PodConfig, PodStatus};
use crate::container::Container;
use crate::network::Mode;

/// One pod, as `pod inspect` prints it.
#[derive(Debug, Clone, Serialize)]
#[allow(non_snake_case)]
pub struct PodInspect {
    /// Full ID.
    pub Id: String,
    /// Name.
    pub Name: String,
    /// Creation time.
    pub Created: DateTime<Utc>,
    /// The command line that created it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub CreateCommand: Vec<String>,
    /// `continue` or `stop`.
    pub ExitPolicy: String,
    /// Created, Running, Degraded, Paused, Exited, Stopped.
    pub State: String,
    /// Members' host name.
    pub Hostname: String,
    /// `--label`s.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub Labels: BTreeMap<String, String>,
    /// Whether the pod has a cgroup of its own (rootless on cgroup v1: no).
    pub CreateCgroup: bool,
    /// The cgroup the pod's cgroup is under (`/libpod_parent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub CgroupParent: Option<String>,
    /// The pod's cgroup, parent of its members' cgroups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub CgroupPath: Option<String>,
    /// podman's "has an infra container": here, whether members share
    /// namespaces (rpod runs no infra process).
    pub CreateInfra: bool,
    /// podman's infra container's ID: rpod has none, and shows the member
    /// holding the pod's namespaces (`engine::Pod::infra_id`), if one runs.
    pub InfraContainerID: String,
    /// podman's lock slot; rpod locks by file, not by slot: 0.
    pub LockNumber: u32,
    /// The pod's network settings (podman's infra configuration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub InfraConfig: Option<InfraConfig>,
    /// What members share, sorted (`ipc`, `net`, `uts` ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub SharedNamespaces: Vec<String>,
    /// How many containers it has.
    pub NumContainers: usize,
    /// Its containers.
    pub Containers: Vec<PodMember>,
    /// CFS period of the pod's cgroup (µs; `--cpus` uses 100000).
    #[serde(rename = "cpu_period", skip_serializing_if = "Option::is_none")]
    pub CPUPeriod: Option<u64>,
    /// CFS quota of the pod's cgroup (µs per period).
    #[serde(rename = "cpu_quota", skip_serializing_if = "Option::is_none")]
    pub CPUQuota: Option<i64>,
    /// `--cpu-shares`.
    #[serde(rename = "cpu_shares", skip_serializing_if = "Option::is_none")]
    pub CPUShares: Option<u64>,
    /// `--cpuset-cpus`.
    #[serde(rename = "cpuset_cpus", skip_serializing_if = "Option::is_none")]
    pub CPUSetCPUs: Option<String>,
    /// `--cpuset-mems`.
    #[serde(rename = "cpuset_mems", skip_serializing_if = "Option::is_none")]
    pub CPUSetMems: Option<String>,
    /// `--memory` in bytes.
    #[serde(rename = "memory_limit", skip_serializing_if = "Option::is_none")]
    pub MemoryLimit: Option<u64>,
    /// `--memory-swap` (memory plus swap) in bytes; -1: unlimited.
    #[serde(rename = "memory_swap", skip_serializing_if = "Option::is_none")]
    pub MemorySwap: Option<i64>,
    /// `--blkio-weight`.
    #[serde(rename = "blkio_weight", skip_serializing_if = "Option::is_none")]
    pub BlkioWeight: Option<u16>,
    /// podman's `--device-read-bps` limits: rpod pods take none, so never
    /// serialised (a template sees an empty list, as podman's nil slice).
    #[serde(rename = "device_read_bps", skip_serializing_if = "Option::is_none")]
    pub BlkioDeviceReadBps: Option<Vec<serde_json::Value>>,
    /// `--volume`: the mounts every member gets (podman's infra's).
    #[serde(rename = "mounts", skip_serializing_if = "Vec::is_empty")]
    pub Mounts: Vec<serde_json::Value>,
    /// `--device`: the devices every member gets.
    #[serde(rename = "devices", skip_serializing_if = "Vec::is_empty")]
    pub Devices: Vec<serde_json::Value>,
    /// `--volumes-from`.
    #[serde(rename = "volumes_from", skip_serializing_if = "Vec::is_empty")]
    pub VolumesFrom: Vec<String>,
    /// `--security-opt`.
    #[serde(rename = "security_opt", skip_serializing_if = "Vec::is_empty")]
    pub SecurityOpts: Vec<String>,
}

/// The network settings of a pod (podman's `InspectPodInfraConfig`).
#[derive(Debug, Clone, Serialize)]
#[allow(non_snake_case)]
pub struct InfraConfig {
    /// `CONTAINER-PORT/PROTOCOL` → host bindings.
    pub PortBindings: BTreeMap<String, Vec<PortBinding>>,
    /// `--network host`.
    pub HostNetwork: bool,
    /// `--ip` (rpod pods have none).
    pub StaticIP: String,
    /// `--mac-address` (rpod pods have none).
    pub StaticMAC: String,
    /// Whether /etc/resolv.conf is left alone.
    pub NoManageResolvConf: bool,
    /// `--dns`.
    pub DNSServer: Vec<String>,
    /// `--dns-search`.
    pub DNSSearch: Vec<String>,
    /// `--dns-option`.
    pub DNSOption: Vec<String>,
    /// `--no-hostname` (rpod pods always manage /etc/hostname).
    pub NoManageHostname: bool,
    /// `--no-hosts` (rpod pods always manage /etc/hosts).
    pub NoManageHosts: bool,
    /// `--hosts-file`: the base of the pod's /etc/hosts (empty: containers.conf's).
    pub HostsFile: String,
    /// `--add-host` as `NAME:IP`.
    pub HostAdd: Vec<String>,
    /// Networks joined by name.
    pub Networks: Vec<String>,
    /// Per-network options (none).
    pub NetworkOptions: Option<BTreeMap<String, Vec<String>>>,
    /// `container` when the PID namespace is shared, else `private`.
    pub pid_ns: String,
    /// The user namespace mode.
    pub userns: String,
    /// `container` when the UTS namespace is shared, else `private`.
    pub uts_ns: String,
    /// rpod's own: `--infra-name`, recorded only (podman shows it on its
    /// infra container; rpod has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub InfraName: Option<String>,
    /// rpod's own: `--infra-image`, recorded only (never pulled or run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub InfraImage: Option<String>,
    /// rpod's own: `--infra-command`, recorded only (never run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub InfraCommand: Option<String>,
}

/// One host binding of a published port.
#[derive(Debug, Clone, Serialize)]
#[allow(non_snake_case)]
pub struct PortBinding {
    /// Host address (empty: all).
    pub HostIp: String,
    /// Host port.
    pub HostPort: String,
}

/// One container of a pod.
#[derive(Debug, Clone, Serialize)]
#[allow(non_snake_case)]
pub struct PodMember {
    /// Full ID.
    pub Id: String,
    /// Name.
    pub Name: String,
    /// Its state word (`running`, `exited` ...).
    pub State: String,
}

/// The networks a pod joins by name (`--network NAME`).
pub fn network_names(p: &PodConfig) -> Vec<String> {
    match &p.network.mode {
        Some(Mode::Bridge(nets)) => nets.iter().map(|a| a.network.clone()).collect(),
        _ => Vec::new(),
    }
}

impl PodInspect {
    /// The document for pod `p` with members `members` (`infra_up`: see
    /// [`super::infra_up`]).
    pub fn of(p: &PodConfig, members: &[Container], infra_up: bool) -> PodInspect {
        let states: Vec<_> = members.iter().map(|c| c.state.status).collect();
        let n = &p.network;
        let mut bindings: BTreeMap<String, Vec<PortBinding>> = BTreeMap::new();
        for m in &n.ports {
            bindings
                .entry(format!("{}/{}", m.container_port, m.protocol))
                .or_default()
                .push(PortBinding {
                    // podman shows an unset address as 0.0.0.0 here
                    HostIp: m
                        .host_ip
                        .map_or_else(|| "0.0.0.0".to_string(), |i| i.to_string()),
                    HostPort: m.host_port.to_string(),
                });
        }
        let r = &p.resources;
        let cfs = r.cfs();
        let ns_mode =
            |ns: Namespace| if p.shares(ns) { "container" } else { "private" }.to_string();
        PodInspect {
            Id: p.id.clone(),
            Name: p.name.clone(),
            Created: p.created,
            CreateCommand: p.create_command.clone(),
            ExitPolicy: p.exit_policy.as_str().to_string(),
            State: PodStatus::with_infra(&states, infra_up).to_string(),
            Hostname: p.hostname.clone(),
            Labels: p.labels.clone(),
            CreateCgroup: p.cgroup_path.is_some(),
            CgroupParent: p.cgroup_parent.clone(),
            CgroupPath: p.cgroup_path.clone(),
            CreateInfra: p.infra,
            InfraContainerID: String::new(),
            LockNumber: 0,
            InfraConfig: p.infra.then(|| InfraConfig {
                PortBindings: bindings,
                HostNetwork: n.mode == Some(Mode::Host),
                StaticIP: n.ip.map(|ip| ip.to_string()).unwrap_or_default(),
                StaticMAC: n.mac.map(|m| m.to_string()).unwrap_or_default(),
                NoManageResolvConf: false,
                DNSServer: n.dns.iter().map(ToString::to_string).collect(),
                DNSSearch: n.dns_search.clone(),
                DNSOption: n.dns_options.clone(),
                NoManageHostname: p.members.no_hostname,
                NoManageHosts: p.members.no_hosts,
                HostsFile: n.hosts_file.clone().unwrap_or_default(),
                HostAdd: n
                    .add_hosts
                    .iter()
                    .map(|h| format!("{}:{}", h.name, h.addr))
                    .collect(),
                Networks: network_names(p),
                NetworkOptions: None,
                pid_ns: p
                    .members
                    .pid
                    .clone()
                    .unwrap_or_else(|| ns_mode(Namespace::Pid)),
                userns: format!("{:?}", p.userns).to_lowercase(),
                uts_ns: p
                    .members
                    .uts
                    .clone()
                    .unwrap_or_else(|| ns_mode(Namespace::Uts)),
                InfraName: p.infra_request.name.clone(),
                InfraImage: p.infra_request.image.clone(),
                InfraCommand: p.infra_request.command.clone(),
            }),
            SharedNamespaces: p.share.iter().map(ToString::to_string).collect(),
            NumContainers: members.len(),
            Containers: members
                .iter()
                .map(|c| PodMember {
                    Id: c.config.id.clone(),
                    Name: c.config.name.clone(),
                    State: c.state.status.to_string(),
                })
                .collect(),
            CPUPeriod: cfs.0,
            CPUQuota: cfs.1,
            CPUShares: r.cpu_shares,
            CPUSetCPUs: r.cpuset_cpus.clone(),
            CPUSetMems: r.cpuset_mems.clone(),
            MemoryLimit: r.memory,
            MemorySwap: r.swap_total(),
            BlkioWeight: r.blkio_weight,
            BlkioDeviceReadBps: None,
            Mounts: p
                .members
                .volumes
                .iter()
                .filter_map(|v| mount_json(v))
                .collect(),
            Devices: p
                .members
                .devices
                .iter()
                .filter_map(|d| d.parse::<crate::spec::DeviceSpec>().ok())
                .map(|d| {
                    serde_json::json!({
                        "PathOnHost": d.host,
                        "PathInContainer": d.container,
                        "CgroupPermissions": d.permissions,
                    })
                })
                .collect(),
            VolumesFrom: p.members.volumes_from.clone(),
            SecurityOpts: p.members.security_opt.clone(),
        }
    }
}

/// A pod's `--volume` as podman's inspect shows a mount.
fn mount_json(v: &str) -> Option<serde_json::Value> {
    use crate::spec::{MountSource, MountSpec};
    let m = MountSpec::parse_volume(v).ok()?;
    let (kind, name, source) = match &m.source {
        MountSource::Bind(p) => ("bind", String::new(), p.to_string_lossy().into_owned()),
        MountSource::Volume(n) => ("volume", n.clone(), String::new()),
        _ => ("volume", String::new(), String::new()),
    };
    Some(serde_json::json!({
        "Type": kind,
        "Name": name,
        "Source": source,
        "Destination": m.destination,
        "Driver": if kind == "volume" { "local" } else { "" },
        "Mode": "",
        "Options": m.options,
        "RW": !m.read_only,
        "Propagation": if kind == "bind" { "rprivate" } else { "" },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_fields_in_podmans_order() {
        let mut spec_ports = crate::network::ports::parse_publish_spec("8080:80").unwrap();
        spec_ports[0].host_port = 8080;
        let p = PodConfig {
            id: "ab".repeat(32),
            name: "web".into(),
            created: chrono::Utc::now(),
            share: super::super::DEFAULT_SHARE.to_vec(),
            infra: true,
            hostname: "web".into(),
            userns: Default::default(),
            network: super::super::PodNetwork {
                ports: spec_ports,
                ..Default::default()
            },
            labels: [("a".to_string(), "b".to_string())].into(),
            create_command: vec![],
            exit_policy: Default::default(),
            restart: None,
            infra_request: Default::default(),
            resources: Default::default(),
            cgroup_parent: None,
            cgroup_path: None,
            service_container: None,
            members: Default::default(),
        };
        let text = serde_json::to_string(&PodInspect::of(&p, &[], false)).unwrap();
        let keys = [
            "\"Id\"",
            "\"Name\"",
            "\"Created\"",
            "\"ExitPolicy\":\"continue\"",
            "\"State\":\"Created\"",
            "\"Hostname\":\"web\"",
            "\"Labels\"",
            "\"CreateInfra\":true",
            "\"InfraConfig\"",
            "\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"}]}",
            "\"SharedNamespaces\":[\"ipc\",\"net\",\"uts\"]",
            "\"NumContainers\":0",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                text.find(k)
                    .unwrap_or_else(|| panic!("{k} missing: {text}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "order: {text}");
        assert!(!text.contains("CreateCommand"), "empty fields are left out");
    }
}
