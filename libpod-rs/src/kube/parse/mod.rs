//! Kubernetes YAML → [`super::model`]: a multi-document stream parsed
//! with the YAML reader compose uses ([`crate::compose::yaml`], on
//! saphyr-parser), then each document read into rpod's typed subset.
//! Unknown fields are skipped, as the API server's lenient decoding does;
//! a field rpod reads with a value it cannot use is an error that names
//! the file, line, document and field (`spec.containers[0].ports[1].containerPort`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use base64::Engine as _;

use super::model::*;
use crate::compose::yaml::{self, Node, Value};

/// A document rpod cannot read, naming where and which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file (or `-` for stdin).
    pub file: String,
    /// 1-based line of the offending value (0: unknown).
    pub line: usize,
    /// 1-based document in the stream (0: the stream's syntax).
    pub document: usize,
    /// The object (`Pod "web"`), when known.
    pub object: String,
    /// The field path (`spec.containers[0].image`).
    pub field: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if self.document > 0 {
            write!(f, ": document {}", self.document)?;
            if !self.object.is_empty() {
                write!(f, " ({})", self.object)?;
            }
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ParseError {}

/// A field error before the document is known.
struct Fail {
    field: String,
    line: usize,
    message: String,
}

type R<T> = Result<T, Fail>;

/// A node with the path that led to it.
#[derive(Clone, Copy)]
struct At<'a> {
    node: &'a Node,
    path: &'a str,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> At<'a> {
    fn fail(&self, message: impl Into<String>) -> Fail {
        Fail {
            field: self.path.to_string(),
            line: self.node.pos.line,
            message: message.into(),
        }
    }

    fn map(&self) -> R<&'a yaml::Map> {
        match &self.node.value {
            Value::Map(m) => Ok(m),
            _ => Err(self.fail(format!("must be a mapping, not {}", self.node.kind_name()))),
        }
    }

    /// The value of `key` with its path, `None` when absent or null.
    fn get(&self, key: &str, path: &'a mut String) -> R<Option<At<'a>>> {
        let m = self.map()?;
        *path = join(self.path, key);
        Ok(m.get(key).filter(|n| !n.is_null()).map(|node| At {
            node,
            path: path.as_str(),
        }))
    }

    fn str(&self) -> R<String> {
        match &self.node.value {
            Value::Str(s) => Ok(s.clone()),
            // As sigs.k8s.io/yaml decodes a scalar into a string field.
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Ok(self.node.scalar_text().unwrap_or_default())
            }
            _ => Err(self.fail(format!("must be a string, not {}", self.node.kind_name()))),
        }
    }

    fn bool(&self) -> R<bool> {
        match &self.node.value {
            Value::Bool(b) => Ok(*b),
            Value::Str(s) if s == "true" || s == "false" => Ok(s == "true"),
            _ => Err(self.fail(format!(
                "must be true or false, not {}",
                self.node.kind_name()
            ))),
        }
    }

    fn int(&self, min: i64, max: i64) -> R<i64> {
        let n = match &self.node.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(self.fail(format!(
                "must be an integer from {min} to {max}, not {}",
                self.node
                    .scalar_text()
                    .unwrap_or_else(|| self.node.kind_name().to_string())
            ))),
        }
    }

    fn seq(&self) -> R<&'a [Node]> {
        match &self.node.value {
            Value::Seq(s) => Ok(s),
            _ => Err(self.fail(format!("must be a list, not {}", self.node.kind_name()))),
        }
    }

    fn strings(&self) -> R<Vec<String>> {
        let mut out = Vec::new();
        for (i, n) in self.seq()?.iter().enumerate() {
            let p = format!("{}[{i}]", self.path);
            out.push(At { node: n, path: &p }.str()?);
        }
        Ok(out)
    }

    fn string_map(&self) -> R<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for e in self.map()?.iter() {
            if e.value.is_null() {
                out.insert(e.key.clone(), String::new());
                continue;
            }
            let p = join(self.path, &e.key);
            out.insert(
                e.key.clone(),
                At {
                    node: &e.value,
                    path: &p,
                }
                .str()?,
            );
        }
        Ok(out)
    }
}

/// Reads an optional field with a closure over its node.
fn opt<T>(at: &At<'_>, key: &str, f: impl FnOnce(At<'_>) -> R<T>) -> R<Option<T>> {
    let mut p = String::new();
    match at.get(key, &mut p)? {
        Some(a) => f(a).map(Some),
        None => Ok(None),
    }
}

/// Reads a required field.
fn req<T>(at: &At<'_>, key: &str, f: impl FnOnce(At<'_>) -> R<T>) -> R<T> {
    match opt(at, key, f)? {
        Some(v) => Ok(v),
        None => Err(Fail {
            field: join(at.path, key),
            line: at.node.pos.line,
            message: "required, but missing".into(),
        }),
    }
}

/// Reads each element of an optional list field.
fn list<T>(at: &At<'_>, key: &str, mut f: impl FnMut(At<'_>) -> R<T>) -> R<Vec<T>> {
    let mut p = String::new();
    let Some(a) = at.get(key, &mut p)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, n) in a.seq()?.iter().enumerate() {
        let ip = format!("{}[{i}]", a.path);
        out.push(f(At { node: n, path: &ip })?);
    }
    Ok(out)
}

/// Parses a Kubernetes YAML stream. `file` names it in errors. Empty
/// documents are skipped (they still count for the numbering).
pub fn parse(text: &str, file: &str) -> Result<Vec<Document>, ParseError> {
    let name: Arc<str> = Arc::from(file);
    let nodes = yaml::parse_documents(text, &name).map_err(|e| ParseError {
        file: file.to_string(),
        line: e.pos.line,
        document: 0,
        object: String::new(),
        field: String::new(),
        message: e.message,
    })?;
    let mut docs = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.is_null() {
            continue;
        }
        let index = i + 1;
        let mut object = String::new();
        let read = read_document(node, &mut object);
        match read {
            Ok(object) => docs.push(Document { index, object }),
            Err(f) => {
                return Err(ParseError {
                    file: file.to_string(),
                    line: f.line,
                    document: index,
                    object,
                    field: f.field,
                    message: f.message,
                })
            }
        }
    }
    Ok(docs)
}

fn read_document(node: &Node, object: &mut String) -> R<Object> {
    let root = At { node, path: "" };
    root.map()?;
    let kind = req(&root, "kind", |a| a.str())?;
    let meta = opt(&root, "metadata", |a| read_meta(&a))?.unwrap_or_default();
    *object = if meta.name.is_empty() {
        kind.clone()
    } else {
        format!("{kind} {:?}", meta.name)
    };
    let workload = |k: WorkloadKind| -> R<Object> {
        if meta.name.is_empty() {
            return Err(Fail {
                field: "metadata.name".into(),
                line: node.pos.line,
                message: "required, but missing: every object needs a name".into(),
            });
        }
        read_workload(&root, k, meta.clone()).map(Object::Workload)
    };
    match kind.as_str() {
        "Pod" => workload(WorkloadKind::Pod),
        "Deployment" => workload(WorkloadKind::Deployment),
        "DaemonSet" => workload(WorkloadKind::DaemonSet),
        "Job" => workload(WorkloadKind::Job),
        "ConfigMap" | "Secret" | "PersistentVolumeClaim" => {
            if meta.name.is_empty() {
                return Err(Fail {
                    field: "metadata.name".into(),
                    line: node.pos.line,
                    message: "required, but missing: every object needs a name".into(),
                });
            }
            match kind.as_str() {
                "ConfigMap" => read_config_map(&root, meta).map(Object::ConfigMap),
                "Secret" => read_secret(&root, meta).map(Object::Secret),
                _ => Ok(Object::Claim(Claim { meta })),
            }
        }
        _ => Ok(Object::Ignored {
            kind,
            name: meta.name,
        }),
    }
}

fn read_meta(at: &At<'_>) -> R<Meta> {
    Ok(Meta {
        name: opt(at, "name", |a| a.str())?.unwrap_or_default(),
        labels: opt(at, "labels", |a| a.string_map())?.unwrap_or_default(),
        annotations: opt(at, "annotations", |a| a.string_map())?.unwrap_or_default(),
    })
}

fn read_workload(root: &At<'_>, kind: WorkloadKind, meta: Meta) -> R<Workload> {
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
    let (run_as_user, run_as_group) = opt(at, "securityContext", |s| {
        Ok((
            opt(&s, "runAsUser", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
            opt(&s, "runAsGroup", |a| a.int(0, u32::MAX.into()))?.map(|n| n as u32),
        ))
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
        run_as_user,
        run_as_group,
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
        pull_policy: opt(at, "imagePullPolicy", |a| match a.str()?.as_str() {
            "Always" => Ok(PullPolicy::Always),
            "IfNotPresent" => Ok(PullPolicy::IfNotPresent),
            "Never" => Ok(PullPolicy::Never),
            other => Err(a.fail(format!(
                "{other:?} is not a pull policy: use Always, IfNotPresent or Never"
            ))),
        })?,
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
    })
}

fn read_resources(at: &At<'_>) -> R<ResourceRequirements> {
    let mut r = ResourceRequirements::default();
    for (key, mem, cpu) in [
        ("limits", &mut r.limit_memory, &mut r.limit_cpu_milli),
        ("requests", &mut r.request_memory, &mut r.request_cpu_milli),
    ] {
        if let Some((m, c)) = opt(at, key, |l| {
            Ok((
                opt(&l, "memory", |a| quantity(&a, false))?,
                opt(&l, "cpu", |a| quantity(&a, true))?,
            ))
        })? {
            *mem = m;
            *cpu = c;
        }
    }
    Ok(r)
}

/// A Kubernetes quantity: memory in bytes (`128Mi`, `1G`, `1e6`), or CPU
/// in thousandths (`500m`, `0.5`, `2`).
fn quantity(at: &At<'_>, cpu: bool) -> R<u64> {
    let text = at
        .node
        .scalar_text()
        .filter(|_| !matches!(at.node.value, Value::Bool(_)))
        .ok_or_else(|| at.fail("must be a quantity such as 128Mi or 500m"))?;
    parse_quantity(&text, cpu).ok_or_else(|| {
        at.fail(format!(
            "{text:?} is not a quantity: write {}",
            if cpu {
                "CPUs as 2, 0.5 or 500m"
            } else {
                "bytes as 134217728, 128Mi or 1G"
            }
        ))
    })
}

/// Parses a Kubernetes quantity into bytes, or thousandths for CPUs.
pub fn parse_quantity(text: &str, cpu: bool) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match suffix {
        "" => 1.0,
        "m" => 0.001,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    let v = n * mult * if cpu { 1000.0 } else { 1.0 };
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some(v.ceil() as u64)
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
    } else if at.map()?.contains("emptyDir") {
        // `emptyDir: {}` is an empty mapping, `emptyDir:` alone is null.
        VolumeSource::EmptyDir { memory: false }
    } else {
        return Err(at.fail(format!(
            "volume {name:?}: rpod supports hostPath, emptyDir, configMap, secret and persistentVolumeClaim volumes"
        )));
    };
    Ok(Volume { name, source })
}

fn read_config_map(root: &At<'_>, meta: Meta) -> R<ConfigMap> {
    let mut data: BTreeMap<String, Vec<u8>> = opt(root, "data", |a| a.string_map())?
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.into_bytes()))
        .collect();
    data.extend(decoded(root, "binaryData")?);
    Ok(ConfigMap { meta, data })
}

fn read_secret(root: &At<'_>, meta: Meta) -> R<Secret> {
    let mut data = decoded(root, "data")?;
    for (k, v) in opt(root, "stringData", |a| a.string_map())?.unwrap_or_default() {
        data.insert(k, v.into_bytes());
    }
    Ok(Secret { meta, data })
}

fn decoded(root: &At<'_>, key: &str) -> R<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut p = String::new();
    let Some(at) = root.get(key, &mut p)? else {
        return Ok(out);
    };
    for e in at.map()?.iter() {
        let ep = join(at.path, &e.key);
        let a = At {
            node: &e.value,
            path: &ep,
        };
        let text = if e.value.is_null() {
            String::new()
        } else {
            a.str()?
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|err| {
                a.fail(format!(
                    "not base64 ({err}): put plain text under stringData"
                ))
            })?;
        out.insert(e.key.clone(), bytes);
    }
    Ok(out)
}
