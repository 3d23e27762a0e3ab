//! `inspect` and `top` of containers: the inspect document here, `top`'s
//! processes in [`processes`], the JSON pieces of the document in [`json`].

mod json;
mod podman5;
mod processes;

use std::path::Path;

use chrono::Utc;

use super::Engine;
use crate::container::{self, Status};
use crate::error::Result;
use crate::{network, spec};

use json::{
    inspect_secrets_and_ports, namespaces_json, networks_json, ports_json, resources_json,
    security_opt,
};

pub use processes::{NamespaceIds, ProcessInfo};

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
            // podman: no log file, no path (`none`, `passthrough`).
            "LogPath": if c.config.log_driver.keeps_log() {
                self.records().log_path(&c.config.id).display().to_string()
            } else {
                String::new()
            },
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
                "Passwd": !c.config.no_passwd,
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
                    "Path": if !c.config.log_driver.keeps_log() {
                        String::new()
                    } else {
                        self.log_path(&c).display().to_string()
                    },
                    "Size": crate::units::go_human_size(c.config.log_max_size.unwrap_or(0)),
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
        self.inspect_podman5_fields(&c, spec.as_ref(), &mut v);
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
}
