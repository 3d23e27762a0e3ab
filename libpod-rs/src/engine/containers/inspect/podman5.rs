//! The fields of podman 5's container inspect document that rpod either
//! derives from the container's record and spec (capabilities, DNS, the
//! storage directories, the entrypoint) or holds at podman's zero value
//! (checkpoints, Windows-only limits), so that every path podman prints is
//! there for `--format` and for `jq`.

use serde_json::{json, Map, Value};

use super::json::ports_json;
use crate::container::{self, Status};
use crate::engine::Engine;
use crate::{network, runtime, spec};

/// podman's zero time, printed for a checkpoint that never happened.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// Names of an OCI capability set, sorted as podman prints them.
fn cap_names(set: Option<&oci_spec::runtime::Capabilities>) -> Vec<String> {
    let mut names: Vec<String> = set
        .map(|s| {
            s.iter()
                .filter_map(|c| spec::Cap::from_oci(*c))
                .map(|c| c.name().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Inserts each `(key, value)` that `obj` lacks (fields rpod already
/// fills keep their value).
fn add_missing(obj: Option<&mut Value>, fields: Vec<(&str, Value)>) {
    if let Some(Value::Object(m)) = obj {
        for (k, v) in fields {
            m.entry(k.to_string()).or_insert(v);
        }
    }
}

/// podman's `InspectBasicNetworkConfig` with nothing set.
fn empty_basic_network() -> Vec<(&'static str, Value)> {
    vec![
        ("EndpointID", json!("")),
        ("Gateway", json!("")),
        ("IPAddress", json!("")),
        ("IPPrefixLen", json!(0)),
        ("IPv6Gateway", json!("")),
        ("GlobalIPv6Address", json!("")),
        ("GlobalIPv6PrefixLen", json!(0)),
        ("MacAddress", json!("")),
        ("Bridge", json!("")),
        ("SandboxID", json!("")),
        ("HairpinMode", json!(false)),
        ("LinkLocalIPv6Address", json!("")),
        ("LinkLocalIPv6PrefixLen", json!(0)),
        ("SecondaryIPAddresses", Value::Null),
        ("SecondaryIPv6Addresses", Value::Null),
    ]
}

impl Engine {
    /// Adds the podman 5 fields rpod's own document lacks to `v`, the
    /// inspect document of `c` (`spec`: its runtime spec, when readable).
    pub(super) fn inspect_podman5_fields(
        &self,
        c: &container::Container,
        spec: Option<&oci_spec::runtime::Spec>,
        v: &mut Value,
    ) {
        let process = spec.and_then(|s| s.process().as_ref());
        let caps = process.and_then(|p| p.capabilities().as_ref());
        let bounding = cap_names(caps.and_then(|c| c.bounding().as_ref()));
        let effective = cap_names(caps.and_then(|c| c.effective().as_ref()));
        let annotations = spec
            .and_then(|s| s.annotations().clone())
            .unwrap_or_default();
        let dir = self.records().dir(&c.config.id);
        add_missing(
            Some(v),
            vec![
                ("StaticDir", json!(dir.display().to_string())),
                (
                    "OCIConfigPath",
                    json!(dir.join("spec.json").display().to_string()),
                ),
                ("OCIRuntime", json!("rpod")),
                (
                    "PidFile",
                    json!(c
                        .config
                        .pidfile
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()),
                ),
                (
                    "AppArmorProfile",
                    json!(process
                        .and_then(|p| p.apparmor_profile().clone())
                        .unwrap_or_default()),
                ),
                ("EffectiveCaps", json!(effective)),
                ("BoundingCaps", json!(bounding)),
                ("ExecIDs", json!([])),
                ("GraphDriver", self.graph_driver_json(c)),
                ("Namespace", json!("")),
                (
                    "KubeExitCodePropagation",
                    json!(c
                        .config
                        .kube_exit_code_propagation
                        .map_or("invalid", |p| p.as_str())),
                ),
                ("lockNumber", json!(0)),
                ("UseImageHosts", json!(false)),
                ("UseImageHostname", json!(false)),
            ],
        );
        add_missing(
            v.get_mut("State"),
            vec![
                ("CheckpointedAt", json!(ZERO_TIME)),
                ("RestoredAt", json!(ZERO_TIME)),
            ],
        );
        add_missing(v.get_mut("NetworkSettings"), self.basic_network_json(c));
        let (entrypoint, cmd) = split_command(&c.config);
        if let Some(Value::Object(config)) = v.get_mut("Config") {
            config.insert("Entrypoint".into(), entrypoint);
            config.insert("Cmd".into(), cmd);
            // podman: omitted when empty.
            if !c.config.chroot_dirs.is_empty() {
                config.insert("ChrootDirs".into(), json!(c.config.chroot_dirs));
            }
        }
        add_missing(
            v.get_mut("Config"),
            vec![
                ("Domainname", json!("")),
                ("AttachStdin", json!(false)),
                ("AttachStdout", json!(false)),
                ("AttachStderr", json!(false)),
                ("StdinOnce", json!(false)),
                ("Volumes", Value::Null),
                ("OnBuild", Value::Null),
                ("Timeout", json!(c.config.timeout.unwrap_or(0))),
            ],
        );
        let (cap_add, cap_drop) = self.cap_changes(&bounding, c.config.privileged);
        let tmpfs: Map<String, Value> = c
            .config
            .mounts
            .iter()
            .filter(|m| m.is_tmpfs())
            .map(|m| {
                (
                    m.destination.display().to_string(),
                    json!(m.options.join(",")),
                )
            })
            .collect();
        let own_netns = !matches!(
            c.config.network,
            network::Mode::Container(_) | network::Mode::Namespace(_)
        );
        add_missing(
            v.get_mut("HostConfig"),
            vec![
                ("CapAdd", json!(cap_add)),
                ("CapDrop", json!(cap_drop)),
                (
                    "Dns",
                    json!(c
                        .config
                        .dns
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()),
                ),
                ("DnsOptions", json!(c.config.dns_options)),
                ("DnsSearch", json!(c.config.dns_search)),
                (
                    "ExtraHosts",
                    json!(c
                        .config
                        .add_hosts
                        .iter()
                        .map(|h| format!("{}:{}", h.name, h.addr))
                        .collect::<Vec<_>>()),
                ),
                (
                    "HostsFile",
                    json!(c.config.base_hosts_file.clone().unwrap_or_default()),
                ),
                (
                    "PortBindings",
                    if own_netns {
                        ports_json(&c.config.port_mappings)
                    } else {
                        json!({})
                    },
                ),
                ("AutoRemoveImage", json!(c.config.remove_image)),
                (
                    "Annotations",
                    if annotations.is_empty() {
                        Value::Null
                    } else {
                        json!(annotations)
                    },
                ),
                ("VolumeDriver", json!("")),
                ("VolumesFrom", Value::Null),
                ("Cgroup", json!("")),
                ("Cgroups", json!("default")),
                ("Links", Value::Null),
                ("PublishAllPorts", json!(false)),
                ("Tmpfs", Value::Object(tmpfs)),
                ("Runtime", json!("oci")),
                ("ConsoleSize", json!([0, 0])),
                ("Isolation", json!("")),
                ("DiskQuota", json!(0)),
                ("KernelMemory", json!(0)),
                ("CpuCount", json!(0)),
                ("CpuPercent", json!(0)),
                ("IOMaximumIOps", json!(0)),
                ("IOMaximumBandwidth", json!(0)),
                ("CgroupConf", Value::Null),
            ],
        );
    }

    /// podman's `HostConfig.CapAdd` and `CapDrop`: the bounding set against
    /// the default one (every capability when privileged).
    fn cap_changes(&self, bounding: &[String], privileged: bool) -> (Vec<String>, Vec<String>) {
        let defaults: Vec<String> = if privileged {
            spec::ALL_CAPS.iter().map(ToString::to_string).collect()
        } else {
            // containers.conf may spell them without `CAP_`.
            match self.containers_conf.default_capabilities() {
                Some(list) => list
                    .iter()
                    .filter_map(|n| n.parse::<spec::Cap>().ok())
                    .map(|c| c.name().to_string())
                    .collect(),
                None => spec::DEFAULT_CAPS.iter().map(ToString::to_string).collect(),
            }
        };
        let add = bounding
            .iter()
            .filter(|c| !defaults.contains(c))
            .cloned()
            .collect();
        let mut drop: Vec<String> = defaults
            .into_iter()
            .filter(|c| !bounding.contains(c))
            .collect();
        drop.sort();
        (add, drop)
    }

    /// podman's `GraphDriver`: the driver and, for overlay, the layer,
    /// upper, work and (while running) merged directories.
    fn graph_driver_json(&self, c: &container::Container) -> Value {
        match self.rootfs(c) {
            Ok(runtime::Rootfs::Overlay(o)) => {
                let lower: Vec<String> = o.lower.iter().map(|p| p.display().to_string()).collect();
                let mut data = json!({
                    "LowerDir": lower.join(":"),
                    "UpperDir": o.upper.display().to_string(),
                    "WorkDir": o.work.display().to_string(),
                });
                if matches!(c.state.status, Status::Running | Status::Paused) {
                    data["MergedDir"] = json!(o.merged.display().to_string());
                }
                json!({"Name": "overlay", "Data": data})
            }
            Ok(runtime::Rootfs::Dir(_)) | Err(_) => {
                json!({"Name": c.config.driver().as_str(), "Data": null})
            }
        }
    }

    /// podman's top-level `NetworkSettings` addresses: those of the one
    /// network when the container joined only the default network (as
    /// podman fills them), else empty.
    fn basic_network_json(&self, c: &container::Container) -> Vec<(&'static str, Value)> {
        let mut fields = empty_basic_network();
        let network::Mode::Bridge(atts) = &c.config.network else {
            return fields;
        };
        if atts.len() != 1 || atts[0].network != network::config::DEFAULT_NETWORK {
            return fields;
        }
        let Some(st) = c.state.networks.iter().find(|s| s.name == atts[0].network) else {
            return fields;
        };
        let v4 = st.addresses.iter().find(|x| x.ip.is_ipv4());
        let v6 = st.addresses.iter().find(|x| x.ip.is_ipv6());
        let gw4 = st.gateways.iter().find(|g| g.is_ipv4());
        let gw6 = st.gateways.iter().find(|g| g.is_ipv6());
        for (k, v) in fields.iter_mut() {
            *v = match *k {
                "Gateway" => json!(gw4.map(ToString::to_string).unwrap_or_default()),
                "IPAddress" => json!(v4.map(|x| x.ip.to_string()).unwrap_or_default()),
                "IPPrefixLen" => json!(v4.map_or(0, |x| x.prefix)),
                "IPv6Gateway" => json!(gw6.map(ToString::to_string).unwrap_or_default()),
                "GlobalIPv6Address" => json!(v6.map(|x| x.ip.to_string()).unwrap_or_default()),
                "GlobalIPv6PrefixLen" => json!(v6.map_or(0, |x| x.prefix)),
                "MacAddress" => json!(st.mac),
                _ => continue,
            };
        }
        fields
    }
}

/// `Config.Entrypoint` and `Config.Cmd` as podman keeps them apart: the
/// entrypoint (`null` without one) and the rest of the command line.
fn split_command(c: &container::Config) -> (Value, Value) {
    let e = &c.entrypoint;
    if !e.is_empty() && c.command.starts_with(e) {
        let rest = &c.command[e.len()..];
        let cmd = if rest.is_empty() {
            Value::Null
        } else {
            json!(rest)
        };
        (json!(e), cmd)
    } else {
        (Value::Null, json!(c.command))
    }
}
