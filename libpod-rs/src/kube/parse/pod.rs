//! A workload's pod spec: containers, probes, environment, ports,
//! security context and volumes.

use crate::kube::model::{
    Container, EnvFrom, EnvValue, EnvVar, KeyFiles, Meta, PodSecurityContext, PodSpec, Port, Probe,
    PullPolicy, RestartPolicy, SecurityContext, Volume, VolumeMount, VolumeSource, Workload,
    WorkloadKind,
};

use super::at::{join, list, opt, req, At, Fail, R};
use super::read_meta;
use super::resources::read_resources;

pub(super) fn read_workload(root: &At<'_>, kind: WorkloadKind, meta: Meta) -> R<Workload> {
    if kind == WorkloadKind::Pod {
        let spec = req(root, "spec", |a| read_pod_spec(&a))?;
        return Ok(Workload {
            kind,
            pod_meta: meta.clone(),
            meta,
            replicas: 1,
            spec,
        });
    }
    req(root, "spec", |spec| {
        let replicas = if kind == WorkloadKind::Deployment {
            opt(&spec, "replicas", |a| a.int(0, 1000))?.unwrap_or(1) as u32
        } else {
            1
        };
        let (pod_meta, pod_spec) = req(&spec, "template", |t| {
            let m = opt(&t, "metadata", |a| read_meta(&a))?.unwrap_or_default();
            let s = req(&t, "spec", |a| read_pod_spec(&a))?;
            Ok((m, s))
        })?;
        Ok(Workload {
            kind,
            meta: meta.clone(),
            replicas,
            pod_meta,
            spec: pod_spec,
        })
    })
}

fn read_pod_spec(at: &At<'_>) -> R<PodSpec> {
    let containers = list(at, "containers", |a| read_container(&a))?;
    if containers.is_empty() {
        return Err(Fail {
            field: join(at.path, "containers"),
            line: at.node.pos.line,
            message: "required, but missing: a pod needs at least one container".into(),
        });
    }
    let security = opt(at, "securityContext", |s| {
        Ok(Box::new(PodSecurityContext {
            run_as_user: opt(&s, "runAsUser", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
            run_as_group: opt(&s, "runAsGroup", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
            selinux_labels: read_selinux(&s)?,
        }))
    })?
    .unwrap_or_default();
    Ok(PodSpec {
        containers,
        init_containers: list(at, "initContainers", |a| read_container(&a))?,
        volumes: list(at, "volumes", |a| read_volume(&a))?,
        restart_policy: opt(at, "restartPolicy", |a| match a.str()?.as_str() {
            "Always" => Ok(RestartPolicy::Always),
            "OnFailure" => Ok(RestartPolicy::OnFailure),
            "Never" => Ok(RestartPolicy::Never),
            other => Err(a.fail(format!(
                "{other:?} is not a restart policy: use Always, OnFailure or Never"
            ))),
        })?,
        host_network: opt(at, "hostNetwork", |a| a.bool())?.unwrap_or(false),
        hostname: opt(at, "hostname", |a| a.str())?,
        security,
        termination_grace_period: opt(at, "terminationGracePeriodSeconds", |a| {
            a.int(0, u32::MAX.into())
        })?
        .map(|n| n as u32),
    })
}

fn read_container(at: &At<'_>) -> R<Container> {
    let name = req(at, "name", |a| a.str())?;
    if !valid_dns_label(&name) {
        return Err(Fail {
            field: join(at.path, "name"),
            line: at.node.pos.line,
            message: format!(
                "{name:?} is not a valid container name: use lower-case letters, digits and '-', starting and ending with a letter or digit"
            ),
        });
    }
    Ok(Container {
        name,
        image: req(at, "image", |a| a.str())?,
        pull_policy: opt(at, "imagePullPolicy", read_pull_policy)?,
        command: opt(at, "command", |a| a.strings())?,
        args: opt(at, "args", |a| a.strings())?,
        working_dir: opt(at, "workingDir", |a| a.str())?,
        env: list(at, "env", |a| read_env(&a))?,
        env_from: list(at, "envFrom", |a| read_env_from(&a))?,
        ports: list(at, "ports", |a| read_port(&a))?,
        volume_mounts: list(at, "volumeMounts", |a| {
            Ok(VolumeMount {
                name: req(&a, "name", |a| a.str())?,
                mount_path: req(&a, "mountPath", |a| a.str())?,
                read_only: opt(&a, "readOnly", |a| a.bool())?.unwrap_or(false),
                sub_path: opt(&a, "subPath", |a| a.str())?.filter(|s| !s.is_empty()),
            })
        })?,
        security: opt(at, "securityContext", |a| read_security(&a))?.unwrap_or_default(),
        resources: opt(at, "resources", |a| read_resources(&a))?.unwrap_or_default(),
        stdin: opt(at, "stdin", |a| a.bool())?.unwrap_or(false),
        tty: opt(at, "tty", |a| a.bool())?.unwrap_or(false),
        liveness: opt(at, "livenessProbe", |a| read_probe(&a, at))?.flatten(),
        startup: opt(at, "startupProbe", |a| read_probe(&a, at))?.flatten(),
    })
}

/// A probe's port: a number, or the name of one of the container's ports.
fn probe_port(a: &At<'_>, container: &At<'_>) -> R<u16> {
    if let Ok(n) = a.int(1, 65535) {
        return Ok(n as u16);
    }
    let name = a.str()?;
    let named = list(container, "ports", |p| {
        Ok((
            opt(&p, "name", |n| n.str())?.unwrap_or_default(),
            opt(&p, "containerPort", |n| n.int(1, 65535))?.unwrap_or(0) as u16,
        ))
    })?;
    named
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p)
        .ok_or_else(|| a.fail(format!("unknown port: {name}")))
}

/// A `livenessProbe` or `startupProbe` with podman's defaults; `None`
/// without a handler.
fn read_probe(at: &At<'_>, container: &At<'_>) -> R<Option<Probe>> {
    let secs = |key: &str, default: u32| -> R<u32> {
        Ok(opt(at, key, |a| a.int(0, i64::from(i32::MAX)))?
            .map(|n| n as u32)
            .filter(|n| *n >= 1)
            .unwrap_or(default))
    };
    let test = if let Some(cmd) = opt(at, "exec", |e| req(&e, "command", |c| c.strings()))? {
        std::iter::once("CMD".to_string()).chain(cmd).collect()
    } else if let Some(shell) = opt(at, "httpGet", |h| {
        let scheme = opt(&h, "scheme", |a| a.str())?.unwrap_or_else(|| "HTTP".into());
        let host = opt(&h, "host", |a| a.str())?.unwrap_or_else(|| "localhost".into());
        let path = opt(&h, "path", |a| a.str())?.unwrap_or_else(|| "/".into());
        let port = req(&h, "port", |a| probe_port(&a, container))?;
        Ok(format!(
            "curl -f {}://{host}:{port}{path} || exit 1",
            scheme.to_ascii_lowercase()
        ))
    })? {
        vec!["CMD-SHELL".to_string(), shell]
    } else if let Some(shell) = opt(at, "tcpSocket", |t| {
        let host = opt(&t, "host", |a| a.str())?.unwrap_or_else(|| "localhost".into());
        let port = req(&t, "port", |a| probe_port(&a, container))?;
        Ok(format!("nc -z -v {host} {port} || exit 1"))
    })? {
        vec!["CMD-SHELL".to_string(), shell]
    } else {
        return Ok(None);
    };
    Ok(Some(Probe {
        test,
        period: secs("periodSeconds", 10)?,
        failure_threshold: secs("failureThreshold", 3)?,
        timeout: secs("timeoutSeconds", 1)?,
        initial_delay: opt(at, "initialDelaySeconds", |a| a.int(0, i64::from(i32::MAX)))?
            .unwrap_or(0) as u32,
        success_threshold: opt(at, "successThreshold", |a| a.int(0, i64::from(i32::MAX)))?
            .unwrap_or(0) as u32,
    }))
}

/// A DNS-1123 label, as Kubernetes requires of container names.
pub fn valid_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn read_env(at: &At<'_>) -> R<EnvVar> {
    let name = req(at, "name", |a| a.str())?;
    let from = opt(at, "valueFrom", |v| {
        if let Some(r) = opt(&v, "configMapKeyRef", |r| {
            Ok(EnvValue::ConfigMapKey {
                name: req(&r, "name", |a| a.str())?,
                key: req(&r, "key", |a| a.str())?,
                optional: opt(&r, "optional", |a| a.bool())?.unwrap_or(false),
            })
        })? {
            return Ok(r);
        }
        if let Some(r) = opt(&v, "secretKeyRef", |r| {
            Ok(EnvValue::SecretKey {
                name: req(&r, "name", |a| a.str())?,
                key: req(&r, "key", |a| a.str())?,
                optional: opt(&r, "optional", |a| a.bool())?.unwrap_or(false),
            })
        })? {
            return Ok(r);
        }
        if let Some(r) = opt(&v, "fieldRef", |r| {
            req(&r, "fieldPath", |a| a.str()).map(EnvValue::Field)
        })? {
            return Ok(r);
        }
        if let Some(r) = opt(&v, "resourceFieldRef", |r| {
            req(&r, "resource", |a| a.str()).map(EnvValue::Resource)
        })? {
            return Ok(r);
        }
        Err(v.fail("needs one of configMapKeyRef, secretKeyRef, fieldRef or resourceFieldRef"))
    })?;
    let value = match from {
        Some(v) => v,
        None => EnvValue::Literal(opt(at, "value", |a| a.str())?.unwrap_or_default()),
    };
    Ok(EnvVar { name, value })
}

fn read_env_from(at: &At<'_>) -> R<EnvFrom> {
    let prefix = opt(at, "prefix", |a| a.str())?.unwrap_or_default();
    for (key, config_map) in [("configMapRef", true), ("secretRef", false)] {
        if let Some((name, optional)) = opt(at, key, |r| {
            Ok((
                req(&r, "name", |a| a.str())?,
                opt(&r, "optional", |a| a.bool())?.unwrap_or(false),
            ))
        })? {
            return Ok(EnvFrom {
                config_map,
                name,
                prefix,
                optional,
            });
        }
    }
    Err(at.fail("needs configMapRef or secretRef"))
}

fn read_port(at: &At<'_>) -> R<Port> {
    let host_port = opt(at, "hostPort", |a| a.int(0, 65535))?
        .map(|n| n as u16)
        .filter(|p| *p != 0);
    // podman takes a lone hostPort as the container's port too.
    let container_port = match (opt(at, "containerPort", |a| a.int(1, 65535))?, host_port) {
        (Some(p), _) => p as u16,
        (None, Some(h)) => h,
        (None, None) => req(at, "containerPort", |a| a.int(1, 65535))? as u16,
    };
    Ok(Port {
        container_port,
        host_port,
        host_ip: opt(at, "hostIP", |a| {
            let s = a.str()?;
            s.parse()
                .map_err(|_| a.fail(format!("{s:?} is not an IP address")))
        })?,
        udp: opt(at, "protocol", |a| match a.str()?.as_str() {
            "TCP" => Ok(false),
            "UDP" => Ok(true),
            other => Err(a.fail(format!("{other:?} is not supported: use TCP or UDP"))),
        })?
        .unwrap_or(false),
    })
}

fn read_security(at: &At<'_>) -> R<SecurityContext> {
    let (cap_add, cap_drop) = opt(at, "capabilities", |c| {
        Ok((
            opt(&c, "add", |a| a.strings())?.unwrap_or_default(),
            opt(&c, "drop", |a| a.strings())?.unwrap_or_default(),
        ))
    })?
    .unwrap_or_default();
    Ok(SecurityContext {
        privileged: opt(at, "privileged", |a| a.bool())?.unwrap_or(false),
        run_as_user: opt(at, "runAsUser", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
        run_as_group: opt(at, "runAsGroup", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
        read_only_root: opt(at, "readOnlyRootFilesystem", |a| a.bool())?,
        no_new_privileges: !opt(at, "allowPrivilegeEscalation", |a| a.bool())?.unwrap_or(true),
        cap_add,
        cap_drop,
        proc_unmasked: opt(at, "procMount", |a| a.str())?.as_deref() == Some("Unmasked"),
        selinux_labels: read_selinux(at)?,
    })
}

/// `seLinuxOptions` (of a pod's or a container's `securityContext`
/// `at`) as `--security-opt label=` values.
fn read_selinux(at: &At<'_>) -> R<Option<Vec<String>>> {
    opt(at, "seLinuxOptions", |s| {
        let mut out = Vec::new();
        // podman's order and its `filetype` key.
        for key in ["user", "role", "type", "level", "filetype"] {
            if let Some(v) = opt(&s, key, |a| a.str())?.filter(|v| !v.is_empty()) {
                out.push(format!("{key}:{v}"));
            }
        }
        Ok(out)
    })
}

/// `imagePullPolicy` (a container's) or `pullPolicy` (an image volume's).
fn read_pull_policy(a: At<'_>) -> R<PullPolicy> {
    match a.str()?.as_str() {
        "Always" => Ok(PullPolicy::Always),
        "IfNotPresent" => Ok(PullPolicy::IfNotPresent),
        "Never" => Ok(PullPolicy::Never),
        other => Err(a.fail(format!(
            "{other:?} is not a pull policy: use Always, IfNotPresent or Never"
        ))),
    }
}

fn read_volume(at: &At<'_>) -> R<Volume> {
    let name = req(at, "name", |a| a.str())?;
    let key_files = |v: At<'_>, name_key: &str| -> R<KeyFiles> {
        Ok(KeyFiles {
            name: req(&v, name_key, |a| a.str())?,
            items: list(&v, "items", |i| {
                Ok((req(&i, "key", |a| a.str())?, req(&i, "path", |a| a.str())?))
            })?,
            default_mode: opt(&v, "defaultMode", |a| a.int(0, 0o777))?.unwrap_or(0o644) as u32,
            optional: opt(&v, "optional", |a| a.bool())?.unwrap_or(false),
        })
    };
    let source = if let Some(s) = opt(at, "hostPath", |h| {
        Ok(VolumeSource::HostPath {
            path: req(&h, "path", |a| a.str())?,
            kind: opt(&h, "type", |a| a.str())?.unwrap_or_default(),
        })
    })? {
        s
    } else if let Some(s) = opt(at, "emptyDir", |e| {
        Ok(VolumeSource::EmptyDir {
            memory: opt(&e, "medium", |a| a.str())?.as_deref() == Some("Memory"),
        })
    })? {
        s
    } else if let Some(s) = opt(at, "configMap", |v| key_files(v, "name"))? {
        VolumeSource::ConfigMap(s)
    } else if let Some(s) = opt(at, "secret", |v| key_files(v, "secretName"))? {
        VolumeSource::Secret(s)
    } else if let Some(s) = opt(at, "persistentVolumeClaim", |c| {
        Ok(VolumeSource::Claim {
            claim_name: req(&c, "claimName", |a| a.str())?,
            read_only: opt(&c, "readOnly", |a| a.bool())?.unwrap_or(false),
        })
    })? {
        s
    } else if let Some(s) = opt(at, "image", |i| {
        Ok(VolumeSource::Image {
            reference: req(&i, "reference", |a| a.str())?,
            pull_policy: opt(&i, "pullPolicy", read_pull_policy)?,
        })
    })? {
        s
    } else if at.map()?.contains("emptyDir") {
        // `emptyDir: {}` is an empty mapping, `emptyDir:` alone is null.
        VolumeSource::EmptyDir { memory: false }
    } else {
        return Err(at.fail(format!(
            "volume {name:?}: rpod supports hostPath, emptyDir, configMap, secret, image and persistentVolumeClaim volumes"
        )));
    };
    Ok(Volume { name, source })
}
