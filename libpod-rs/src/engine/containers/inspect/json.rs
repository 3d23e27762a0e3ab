//! The JSON pieces of a container's inspect document.

use crate::container;
use crate::{network, spec};

/// podman's `NetworkSettings.Networks`: per network joined, the interface
/// (addresses while it runs); the mode's name for pasta, slirp4netns, host
/// and none, as podman 5 (`map[pasta:…]`); `null` for a joined namespace.
pub(super) fn networks_json(c: &container::Container) -> serde_json::Value {
    use crate::network::Mode;
    let joined: Vec<(String, Vec<String>)> = match &c.config.network {
        Mode::Bridge(atts) => atts
            .iter()
            .map(|a| (a.network.clone(), c.network_aliases(a)))
            .collect(),
        Mode::Pasta { .. } => vec![("pasta".into(), Vec::new())],
        Mode::Slirp4netns(_) => vec![("slirp4netns".into(), Vec::new())],
        Mode::Host => vec![("host".into(), Vec::new())],
        Mode::None => vec![("none".into(), Vec::new())],
        Mode::Container(_) | Mode::Namespace(_) => return serde_json::Value::Null,
    };
    let mut out = serde_json::Map::new();
    for (name, aliases) in joined {
        let st = c.state.networks.iter().find(|s| s.name == name);
        let v4 = st.and_then(|s| s.addresses.iter().find(|x| x.ip.is_ipv4()));
        let v6 = st.and_then(|s| s.addresses.iter().find(|x| x.ip.is_ipv6()));
        let gw4 = st.and_then(|s| s.gateways.iter().find(|g| g.is_ipv4()));
        let gw6 = st.and_then(|s| s.gateways.iter().find(|g| g.is_ipv6()));
        let s = |v: Option<String>| v.unwrap_or_default();
        out.insert(
            name,
            serde_json::json!({
                "EndpointID": "",
                "Gateway": s(gw4.map(ToString::to_string)),
                "IPAddress": s(v4.map(|x| x.ip.to_string())),
                "IPPrefixLen": v4.map_or(0, |x| x.prefix),
                "IPv6Gateway": s(gw6.map(ToString::to_string)),
                "GlobalIPv6Address": s(v6.map(|x| x.ip.to_string())),
                "GlobalIPv6PrefixLen": v6.map_or(0, |x| x.prefix),
                "MacAddress": s(st.map(|x| x.mac.clone())),
                "NetworkID": s(st.map(|x| x.id.clone())),
                "DriverOpts": null,
                "IPAMConfig": null,
                "Links": null,
                "Aliases": aliases,
            }),
        );
    }
    serde_json::Value::Object(out)
}

/// podman's `NetworkSettings.Ports`: `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`.
pub(super) fn ports_json(ports: &[network::ports::PortMapping]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        let entry = serde_json::json!({
            "HostIp": p.host_ip.map(|i| i.to_string()).unwrap_or_default(),
            "HostPort": p.host_port.to_string(),
        });
        match map.get_mut(&key) {
            Some(serde_json::Value::Array(a)) => a.push(entry),
            _ => {
                map.insert(key, serde_json::Value::Array(vec![entry]));
            }
        }
    }
    serde_json::Value::Object(map)
}

/// podman's `HostConfig.SecurityOpt`, read from the container's spec:
/// `no-new-privileges` when set, `unmask=all` when nothing is masked
/// (`--security-opt unmask=all`, `--privileged`).
pub(super) fn security_opt(spec: Option<&oci_spec::runtime::Spec>) -> Vec<&'static str> {
    let Some(spec) = spec else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if spec.process().as_ref().and_then(|p| p.no_new_privileges()) == Some(true) {
        out.push("no-new-privileges");
    }
    let masked = spec
        .linux()
        .as_ref()
        .and_then(|l| l.masked_paths().as_ref());
    if masked.is_none_or(|m| m.is_empty()) {
        out.push("unmask=all");
    }
    out
}

/// The limits as podman's `HostConfig` shows them (0 when unset; swappiness
/// -1 when memory is limited without it; `NanoCpus` from quota and period
/// when the period is 100 ms, as podman derives it).
pub(super) fn resources_json(
    r: &spec::resources::Resources,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    let (period, quota) = r.cfs();
    let period = period.unwrap_or(0);
    let quota = quota.unwrap_or(0);
    let memory_section = r.memory.is_some()
        || r.memory_reservation.is_some()
        || r.memory_swap.is_some()
        || r.oom_kill_disable;
    let swappiness = match r.memory_swappiness {
        Some(v) => json!(v),
        None if memory_section => json!(-1),
        None => json!(0),
    };
    let devices = |list: &[spec::resources::DeviceLimit], key: &str| {
        list.iter()
            .map(|d| json!({"Path": d.path, key: d.value}))
            .collect::<Vec<_>>()
    };
    let map = json!({
        "Memory": r.memory.unwrap_or(0),
        "MemoryReservation": r.memory_reservation.unwrap_or(0),
        "MemorySwap": r.swap_total().unwrap_or(0),
        "MemorySwappiness": swappiness,
        "OomKillDisable": r.oom_kill_disable,
        "OomScoreAdj": r.oom_score_adj.unwrap_or(0),
        "NanoCpus": if period == 100_000 { 10_000 * quota } else { 0 },
        "CpuShares": r.cpu_shares.unwrap_or(0),
        "CpuPeriod": period,
        "CpuQuota": quota,
        "CpuRealtimePeriod": r.cpu_rt_period.unwrap_or(0),
        "CpuRealtimeRuntime": r.cpu_rt_runtime.unwrap_or(0),
        "CpusetCpus": r.cpuset_cpus.clone().unwrap_or_default(),
        "CpusetMems": r.cpuset_mems.clone().unwrap_or_default(),
        "PidsLimit": r.pids_limit.unwrap_or(0),
        "BlkioWeight": r.blkio_weight.unwrap_or(0),
        "BlkioWeightDevice": devices(&r.blkio_weight_device, "Weight"),
        "BlkioDeviceReadBps": devices(&r.device_read_bps, "Rate"),
        "BlkioDeviceWriteBps": devices(&r.device_write_bps, "Rate"),
        "BlkioDeviceReadIOps": devices(&r.device_read_iops, "Rate"),
        "BlkioDeviceWriteIOps": devices(&r.device_write_iops, "Rate"),
    });
    match map {
        serde_json::Value::Object(m) => m,
        _ => unreachable!("a JSON object literal"),
    }
}

/// podman's namespace modes and devices of `HostConfig`.
pub(super) fn namespaces_json(c: &container::Config) -> serde_json::Map<String, serde_json::Value> {
    let n = &c.namespaces;
    let devices: Vec<serde_json::Value> = c
        .devices
        .iter()
        .map(|d| {
            serde_json::json!({
                "PathOnHost": d.host.display().to_string(),
                "PathInContainer": d.container.display().to_string(),
                "CgroupPermissions": d.permissions,
            })
        })
        .collect();
    let mut m = serde_json::Map::new();
    m.insert("PidMode".into(), n.pid.to_string().into());
    m.insert("IpcMode".into(), n.ipc.to_string().into());
    m.insert("UTSMode".into(), n.uts.to_string().into());
    m.insert("CgroupMode".into(), n.cgroup.to_string().into());
    // Docker's name of the same.
    m.insert("CgroupnsMode".into(), n.cgroup.to_string().into());
    m.insert("Devices".into(), devices.into());
    m
}

/// podman's `Dependencies` (`--requires`), `Config.Secrets` (the file
/// secrets: name, ID, owner, mode), for env secrets `NAME=*******` in
/// `Config.Env`, and `Config.ExposedPorts` (the image's and `--expose`'s).
pub(super) fn inspect_secrets_and_ports(c: &container::Container, v: &mut serde_json::Value) {
    if let Some(top) = v.as_object_mut() {
        top.insert("Dependencies".into(), serde_json::json!(c.config.requires));
    }
    let Some(config) = v.get_mut("Config").and_then(|x| x.as_object_mut()) else {
        return;
    };
    let files: Vec<serde_json::Value> = c
        .config
        .secrets
        .iter()
        .filter(|s| s.env.is_none())
        .map(|s| {
            serde_json::json!({
                "Name": s.name, "ID": s.id, "UID": s.uid, "GID": s.gid, "Mode": s.mode,
            })
        })
        .collect();
    if !files.is_empty() {
        config.insert("Secrets".into(), files.into());
    }
    if !c.config.exposed_ports.is_empty() {
        let ports: serde_json::Map<String, serde_json::Value> = c
            .config
            .exposed_ports
            .iter()
            .map(|p| (p.clone(), serde_json::json!({})))
            .collect();
        config.insert("ExposedPorts".into(), ports.into());
    }
    if let Some(env) = config.get_mut("Env").and_then(|e| e.as_array_mut()) {
        for var in c.config.secrets.iter().filter_map(|s| s.env.as_ref()) {
            env.push(format!("{var}=*******").into());
        }
    }
}
