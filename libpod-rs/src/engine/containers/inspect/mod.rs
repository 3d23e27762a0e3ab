//! `inspect` and `top` of containers.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;

use super::{Engine, TopError};
use crate::container::{self, Status};
use crate::error::Result;
use crate::{network, spec};

impl Engine {
    /// `inspect --size` data for a container: [`Engine::inspect_container`]
    /// with `SizeRw` and `SizeRootFs`.
    pub fn inspect_container_sized(&self, name_or_id: &str) -> Result<serde_json::Value> {
        let mut v = self.inspect_container(name_or_id)?;
        let (rw, rootfs) = self.container_sizes(name_or_id)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("SizeRw".into(), rw.into());
            o.insert("SizeRootFs".into(), rootfs.into());
        }
        Ok(v)
    }

    /// `inspect` data for a container, with podman's field names.
    pub fn inspect_container(&self, name_or_id: &str) -> Result<serde_json::Value> {
        let c = self.container(name_or_id)?;
        let spec = self.load_spec(&c).ok();
        let image_digest = if c.config.image_id.is_empty() {
            String::new()
        } else {
            self.find_image(&c.config.image_id)
                .map(|r| r.digest.to_string())
                .unwrap_or_default()
        };
        let process = spec.as_ref().and_then(|s| s.process().clone());
        let env = process
            .as_ref()
            .and_then(|p| p.env().clone())
            .unwrap_or_default();
        // As podman: the rlimits of the stored runtime spec, by name.
        let ulimits: Vec<serde_json::Value> = process
            .as_ref()
            .and_then(|p| p.rlimits().clone())
            .unwrap_or_default()
            .iter()
            .map(|r| {
                serde_json::json!({
                    "Name": format!(
                        "RLIMIT_{}",
                        spec::Ulimit { resource: r.typ(), soft: 0, hard: 0 }.name().to_uppercase()
                    ),
                    // podman's int64: unlimited shows as -1.
                    "Soft": r.soft() as i64,
                    "Hard": r.hard() as i64,
                })
            })
            .collect();
        let cwd = process
            .as_ref()
            .map(|p| p.cwd().display().to_string())
            .unwrap_or_default();
        // podman's: the user as given (`--user`, else the image's; empty
        // for neither).
        let user = c.config.user.clone();
        let mounts: Vec<serde_json::Value> = spec
            .as_ref()
            .and_then(|s| s.mounts().clone())
            .unwrap_or_default()
            .iter()
            .filter(|m| m.typ().as_deref() == Some("bind") && !m.source().as_ref().is_some_and(|s| s.starts_with(self.records().dir(&c.config.id))))
            .map(|m| {
                let opts = m.options().clone().unwrap_or_default();
                serde_json::json!({
                    "Type": "bind",
                    "Source": m.source().as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
                    "Destination": m.destination().display().to_string(),
                    "Driver": "",
                    "Mode": "",
                    "Options": opts.clone(),
                    "RW": !opts.iter().any(|o| o == "ro"),
                    "Propagation": "rprivate",
                })
            })
            .collect();
        // The file mounted at /etc/NAME: the container's own, or the one it
        // shares with the container whose network it joins.
        let etc_path = |name: &str| {
            let dest = Path::new("/etc").join(name);
            spec.as_ref()
                .and_then(|s| s.mounts().as_ref())
                .and_then(|m| m.iter().find(|m| m.destination() == &dest))
                .and_then(|m| m.source().clone())
                .unwrap_or_else(|| self.records().dir(&c.config.id).join("etc").join(name))
        };
        let time = |t: &Option<chrono::DateTime<Utc>>| {
            t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
                .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
        };
        let s = &c.state;
        let running = matches!(s.status, Status::Running | Status::Paused);
        let stop_signal = c.config.stop_signal.to_string();
        let mut v = serde_json::json!({
            "Id": c.config.id,
            "Created": c.config.created.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            "Path": c.config.command.first().cloned().unwrap_or_default(),
            "Args": c.config.command.iter().skip(1).collect::<Vec<_>>(),
            "State": {
                "OciVersion": "1.0.2",
                "Status": s.status.to_string(),
                "Running": running,
                "Paused": s.status == Status::Paused,
                "Restarting": false,
                "OOMKilled": s.oom_killed,
                "Dead": false,
                "StoppedByUser": s.stopped_by_user,
                "Pid": s.pid,
                "ConmonPid": s.monitor_pid,
                "ExitCode": s.exit_code,
                "Error": s.error,
                "StartedAt": time(&s.started_at),
                "FinishedAt": time(&s.finished_at),
            },
            "Image": c.config.image_id,
            "ImageName": c.config.image_name,
            // podman's: the digest the image was pulled by (one of its
            // RepoDigests' digests); empty without an image.
            "ImageDigest": image_digest,
            "Rootfs": c.config.rootfs.as_ref().map(|r| r.path.display().to_string()).unwrap_or_default(),
            "ResolvConfPath": etc_path("resolv.conf"),
            "HostnamePath": etc_path("hostname"),
            "HostsPath": etc_path("hosts"),
            "LogPath": self.records().log_path(&c.config.id),
            "ConmonPidFile": c.config.conmon_pidfile.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            "Name": c.config.name,
            "Pod": c.config.pod.clone().unwrap_or_default(),
            "IsInfra": false,
            "IsService": c.config.is_service,
            "RestartCount": s.restart_count,
            "Driver": c.config.driver().as_str(),
            "MountLabel": "",
            "ProcessLabel": "",
            "Mounts": mounts,
            "Config": {
                "Hostname": c.config.hostname,
                "User": user,
                "Env": env,
                "Cmd": c.config.command,
                "Image": c.config.image_name,
                "WorkingDir": cwd,
                "Labels": c.config.labels,
                "Annotations": c.config.annotations,
                "StopSignal": stop_signal,
                "StopTimeout": c.config.stop_timeout,
                "Timezone": c.config.timezone.as_ref().map(ToString::to_string).unwrap_or_default(),
                "Umask": c.config.umask.to_string(),
                "Passwd": true,
                "Tty": c.config.tty,
                "OpenStdin": c.config.interactive,
                "CreateCommand": if c.config.create_command.is_empty() {
                    serde_json::Value::Null
                } else {
                    serde_json::json!(c.config.create_command)
                },
            },
            "HostConfig": {
                "AutoRemove": c.config.auto_remove,
                "Privileged": c.config.privileged,
                "ReadonlyRootfs": spec
                    .as_ref()
                    .and_then(|s| s.root().as_ref())
                    .is_some_and(|r| r.readonly() == Some(true)),
                "RestartPolicy": {
                    "Name": c.config.restart.name(),
                    "MaximumRetryCount": c.config.restart.max_retries(),
                },
                "ContainerIDFile": c.config.cidfile.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
                "Init": spec.as_ref().and_then(|s| s.annotations().as_ref()).is_some_and(|a| a.contains_key(spec::generate::INIT_ANNOTATION)),
                "LogConfig": {
                    "Type": c.config.log_driver.as_str(),
                    "Config": null,
                    "Tag": c.config.log_tag.clone().unwrap_or_default(),
                    "Path": if c.config.log_driver == spec::LogDriver::None {
                        String::new()
                    } else {
                        self.log_path(&c).display().to_string()
                    },
                    "Size": human_size(c.config.log_max_size.unwrap_or(0)),
                },
                "NetworkMode": c.config.network.to_string(),
                "SecurityOpt": security_opt(spec.as_ref()),
                "Binds": c.config.binds(),
                "CgroupParent": match (&c.config.cgroup_parent, c.config.rootless) {
                    (Some(p), _) => p.clone(),
                    (None, false) => format!("/{}", crate::cgroups::DEFAULT_PARENT),
                    (None, true) => String::new(),
                },
                "ShmSize": c.config.shm_size.unwrap_or(spec::generate::DEFAULT_SHM_SIZE),
                "Sysctls": c.config.sysctls,
                "Ulimits": ulimits,
                "GroupAdd": c.config.group_add,
                "UsernsMode": if c.config.id_mappings.is_some() {
                    "private".to_string()
                } else {
                    c.config.userns.inspect_name()
                },
            },
            "NetworkSettings": {
                "Ports": ports_json(&c.config.port_mappings),
                "Networks": networks_json(&c),
                "SandboxKey": match (&c.config.network, c.state.status) {
                    (network::Mode::Host, _) => String::new(),
                    (_, Status::Running | Status::Paused) if c.state.pid > 0 => {
                        format!("/proc/{}/ns/net", c.state.pid)
                    }
                    _ => String::new(),
                },
            },
        });
        if let Some(host) = v["HostConfig"].as_object_mut() {
            host.extend(resources_json(&c.config.resources));
            host.extend(namespaces_json(&c.config));
            if let Some((uids, gids)) = &c.config.id_mappings {
                let show = |maps: &[crate::userns::IdMap]| {
                    maps.iter()
                        .map(|m| format!("{}:{}:{}", m.container_id, m.host_id, m.size))
                        .collect::<Vec<_>>()
                };
                host.insert(
                    "IDMappings".into(),
                    serde_json::json!({"UidMap": show(uids), "GidMap": show(gids)}),
                );
            }
        }
        if c.config.systemd {
            if let Some(config) = v["Config"].as_object_mut() {
                config.insert("SystemdMode".into(), true.into());
            }
        }
        self.inspect_health(&c, &mut v);
        inspect_secrets_and_ports(&c, &mut v);
        Ok(v)
    }

    /// podman's healthcheck fields: `Config.Healthcheck` and the settings
    /// (always), `State.Health` (with a check).
    fn inspect_health(&self, c: &container::Container, v: &mut serde_json::Value) {
        let h = &c.config.health;
        if let Some(config) = v.get_mut("Config").and_then(|x| x.as_object_mut()) {
            if let Some(check) = &c.config.healthcheck {
                config.insert("Healthcheck".into(), serde_json::json!(check));
            } else if c.config.healthcheck_disabled {
                config.insert("Healthcheck".into(), serde_json::json!({"Test": ["NONE"]}));
            }
            if let Some(check) = &c.config.startup_healthcheck {
                config.insert("StartupHealthCheck".into(), serde_json::json!(check));
            }
            config.insert(
                "HealthcheckOnFailureAction".into(),
                h.on_failure.as_str().into(),
            );
            config.insert(
                "HealthLogDestination".into(),
                h.log_destination.as_str().into(),
            );
            config.insert("HealthcheckMaxLogCount".into(), h.max_log_count.into());
            config.insert("HealthcheckMaxLogSize".into(), h.max_log_size.into());
        }
        if let (Some(health), Some(state)) = (
            self.health_of(c),
            v.get_mut("State").and_then(|x| x.as_object_mut()),
        ) {
            state.insert("Health".into(), serde_json::json!(health));
        }
    }

    /// The processes in a container's PID namespace (`top`), PID 1 first.
    pub fn container_processes(&self, name_or_id: &str) -> Result<Vec<ProcessInfo>> {
        let c = self.container(name_or_id)?;
        if c.state.status != Status::Running || c.state.init_process().is_none() {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "top needs a running container; start it first".into(),
            }
            .into());
        }
        let ns = |pid: &str| fs_err::read_link(format!("/proc/{pid}/ns/pid")).ok();
        let target = ns(&c.state.pid.to_string()).ok_or_else(|| TopError::NotRunning {
            id: c.short_id().to_string(),
        })?;
        let root = PathBuf::from(format!("/proc/{}/root", c.state.pid));
        let passwd = spec::read_in_tree(&root, "etc/passwd")
            .or_else(|| self.etc_from_layers(&c, "passwd"))
            .unwrap_or_default();
        let group = spec::read_in_tree(&root, "etc/group")
            .or_else(|| self.etc_from_layers(&c, "group"))
            .unwrap_or_default();
        let host_passwd = fs_err::read_to_string("/etc/passwd").unwrap_or_default();
        let host_group = fs_err::read_to_string("/etc/group").unwrap_or_default();
        let uid_map =
            fs_err::read_to_string(format!("/proc/{}/uid_map", c.state.pid)).unwrap_or_default();
        let gid_map =
            fs_err::read_to_string(format!("/proc/{}/gid_map", c.state.pid)).unwrap_or_default();
        let ticks = 100.0f64; // USER_HZ on Linux
        let uptime: f64 = fs_err::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
            .unwrap_or(0.0);
        let mut out = Vec::new();
        for e in fs_err::read_dir("/proc")
            .map_err(TopError::ReadProc)?
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.bytes().all(|b| b.is_ascii_digit()) || ns(&name).as_ref() != Some(&target) {
                continue;
            }
            let Ok(status) = fs_err::read_to_string(format!("/proc/{name}/status")) else {
                continue;
            };
            let Ok(stat) = fs_err::read_to_string(format!("/proc/{name}/stat")) else {
                continue;
            };
            let field = |key: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let nspid: Vec<String> = field("NSpid:");
            let ids = |key: &str, which: usize| -> u32 {
                field(key)
                    .get(which)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            };
            // Effective and real ids, on the host and mapped back inside.
            let (host_uid, host_ruid) = (ids("Uid:", 1), ids("Uid:", 0));
            let (host_gid, host_rgid) = (ids("Gid:", 1), ids("Gid:", 0));
            let uid = map_back(&uid_map, host_uid);
            let gid = map_back(&gid_map, host_gid);
            let comm = stat
                .get(stat.find('(').map_or(0, |i| i + 1)..stat.rfind(')').unwrap_or(0))
                .unwrap_or_default()
                .to_string();
            let rest: Vec<&str> = stat[stat.rfind(')').unwrap_or(0) + 2..]
                .split_whitespace()
                .collect();
            let num = |i: usize| {
                rest.get(i)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            let tty_nr = num(4) as u64;
            let cpu = (num(11) + num(12)) / ticks;
            let elapsed = (uptime - num(19) / ticks).max(0.0);
            let ppid_host = num(1) as i64;
            let ppid = fs_err::read_to_string(format!("/proc/{ppid_host}/status"))
                .ok()
                .filter(|_| ns(&ppid_host.to_string()).as_ref() == Some(&target))
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("NSpid:"))
                        .and_then(|v| v.split_whitespace().last().map(str::to_string))
                })
                .unwrap_or_else(|| "0".into());
            let cmdline = fs_err::read(format!("/proc/{name}/cmdline")).unwrap_or_default();
            let command = String::from_utf8_lossy(&cmdline)
                .trim_end_matches('\0')
                .replace('\0', " ");
            let one = |key: &str| field(key).first().cloned().unwrap_or_default();
            let label = fs_err::read_to_string(format!("/proc/{name}/attr/current"))
                .map(|l| l.trim_end_matches(['\0', '\n']).to_string())
                .unwrap_or_default();
            out.push(ProcessInfo {
                user: id_name(&passwd, uid),
                ruser: id_name(&passwd, map_back(&uid_map, host_ruid)),
                uid,
                group: id_name(&group, gid),
                rgroup: id_name(&group, map_back(&gid_map, host_rgid)),
                groups: field("Groups:")
                    .iter()
                    .filter_map(|g| g.parse().ok())
                    .map(|g| id_name(&group, map_back(&gid_map, g)))
                    .collect(),
                pid: nspid.last().cloned().unwrap_or(name.clone()),
                ppid,
                pgid: rest.get(2).map_or_else(String::new, |v| (*v).to_string()),
                host_pid: name.clone(),
                host_uid,
                host_user: id_name(&host_passwd, host_uid),
                host_group: id_name(&host_group, host_gid),
                cpu_percent: if elapsed > 0.0 {
                    cpu / elapsed * 100.0
                } else {
                    0.0
                },
                elapsed: Duration::from_secs_f64(elapsed),
                started: chrono::Local::now()
                    - chrono::Duration::milliseconds((elapsed * 1000.0) as i64),
                cpu_time: Duration::from_secs_f64(cpu),
                tty: if tty_nr == 0 {
                    "?".into()
                } else {
                    format!("pts/{}", (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00))
                },
                command,
                comm,
                nice: rest.get(16).map_or_else(String::new, |v| (*v).to_string()),
                state: rest.first().map_or_else(String::new, |v| (*v).to_string()),
                vsz_kib: (num(20) as u64) / 1024,
                rss_kib: one("VmRSS:").parse().unwrap_or(0),
                caps: [
                    one("CapAmb:"),
                    one("CapInh:"),
                    one("CapPrm:"),
                    one("CapEff:"),
                    one("CapBnd:"),
                ]
                .map(|m| u64::from_str_radix(&m, 16).unwrap_or(0)),
                seccomp: one("Seccomp:").parse().ok(),
                label,
            });
        }
        out.sort_by_key(|p| p.pid.parse::<u64>().unwrap_or(u64::MAX));
        Ok(out)
    }
}

/// One process of a container, as `top` shows it (what podman's psgo
/// descriptors read).
#[derive(Debug, Clone)]
pub struct ProcessInfo {
    /// Effective user name (or uid) inside the container.
    pub user: String,
    /// Real user name (or uid) inside the container.
    pub ruser: String,
    /// Effective uid inside the container.
    pub uid: u32,
    /// Effective group name (or gid) inside the container.
    pub group: String,
    /// Real group name (or gid) inside the container.
    pub rgroup: String,
    /// Supplementary groups (names or gids) inside the container.
    pub groups: Vec<String>,
    /// PID inside the container.
    pub pid: String,
    /// Parent PID inside the container (0 outside it).
    pub ppid: String,
    /// Process group ID.
    pub pgid: String,
    /// PID on the host.
    pub host_pid: String,
    /// Effective uid on the host.
    pub host_uid: u32,
    /// Effective user name (or uid) on the host.
    pub host_user: String,
    /// Effective group name (or gid) on the host.
    pub host_group: String,
    /// CPU use over its lifetime, in percent.
    pub cpu_percent: f64,
    /// Time since it started.
    pub elapsed: Duration,
    /// When it started.
    pub started: chrono::DateTime<chrono::Local>,
    /// CPU time used.
    pub cpu_time: Duration,
    /// Its terminal, or `?`.
    pub tty: String,
    /// Its command line.
    pub command: String,
    /// Its command name (`comm`).
    pub comm: String,
    /// Its nice value.
    pub nice: String,
    /// Its state letter (R, S, D, Z, …).
    pub state: String,
    /// Virtual memory size in KiB.
    pub vsz_kib: u64,
    /// Resident set size in KiB.
    pub rss_kib: u64,
    /// Capability masks: ambient, inheritable, permitted, effective, bounding.
    pub caps: [u64; 5],
    /// Seccomp mode (0 disabled, 1 strict, 2 filter).
    pub seccomp: Option<u8>,
    /// Its security label (SELinux or AppArmor), if any.
    pub label: String,
}

/// The name of `id` in a passwd or group file's text, else the number.
fn id_name(file: &str, id: u32) -> String {
    let id = id.to_string();
    file.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == id).then(|| f[0].to_string())
        })
        .unwrap_or(id)
}

/// Maps a host uid back into a namespace through its `uid_map` text.
pub(super) fn map_back(uid_map: &str, host: u32) -> u32 {
    for l in uid_map.lines() {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if let [inside, outside, len] = f[..] {
            let h = u64::from(host);
            if h >= outside && h < outside + len {
                return u32::try_from(inside + h - outside).unwrap_or(host);
            }
        }
    }
    host
}

/// podman's `NetworkSettings.Networks`: per network joined, the interface
/// (addresses while it runs); the mode's name for pasta, slirp4netns, host
/// and none, as podman 5 (`map[pasta:…]`); `null` for a joined namespace.
fn networks_json(c: &container::Container) -> serde_json::Value {
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
fn security_opt(spec: Option<&oci_spec::runtime::Spec>) -> Vec<&'static str> {
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
fn resources_json(r: &spec::resources::Resources) -> serde_json::Map<String, serde_json::Value> {
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
fn namespaces_json(c: &container::Config) -> serde_json::Map<String, serde_json::Value> {
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
fn inspect_secrets_and_ports(c: &container::Container, v: &mut serde_json::Value) {
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
/// A size as podman prints it (go-units' HumanSize: decimal units, four
/// significant digits): `0B`, `8kB`, `1.025MB`, `400MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1000.0 && unit < UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    let digits = if size >= 1.0 {
        size.log10().floor() as usize + 1
    } else {
        1
    };
    let mut text = format!("{size:.*}", 4usize.saturating_sub(digits));
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{text}{}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_print_as_podman_prints_them() {
        use super::human_size as h;
        assert_eq!(h(0), "0B");
        assert_eq!(h(8000), "8kB");
        assert_eq!(h(1_025_000), "1.025MB");
        assert_eq!(h(5_017_000), "5.017MB");
        assert_eq!(h(400_000_000), "400MB");
        assert_eq!(h(1_024_999), "1.025MB");
        assert_eq!(h(999), "999B");
    }
}
