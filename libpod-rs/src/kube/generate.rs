//! `kube generate`: containers (or a pod's members) → Kubernetes v1 YAML
//! as podman writes it: a header comment, then PersistentVolumeClaims,
//! Services, and the Pod (or Deployment, DaemonSet, Job), documents
//! separated by `---`. Pure: the engine gathers what each container is
//! ([`GenContainer`]) from its record, its OCI spec and its image.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::emit::to_yaml;
use crate::network::{PortMapping, Protocol};
use crate::spec::{MountSource, RestartPolicy};

/// One container as `kube generate` sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GenContainer {
    /// Its name (underscores are dropped, as Kubernetes names have none).
    pub name: String,
    /// The image's name.
    pub image: String,
    /// `command` (the entrypoint, when it differs from the image's).
    pub command: Option<Vec<String>>,
    /// `args` (the command after the entrypoint, when it differs from the image's `Cmd`).
    pub args: Option<Vec<String>>,
    /// `workingDir` (when it differs from the image's).
    pub working_dir: Option<String>,
    /// Variables that differ from the image's and rpod's defaults.
    pub env: Vec<(String, String)>,
    /// Published ports.
    pub ports: Vec<PortMapping>,
    /// Mounts: binds (with whether the host path is a directory), named
    /// volumes and tmpfs.
    pub mounts: Vec<GenMount>,
    /// Capabilities added to podman's defaults.
    pub cap_add: Vec<String>,
    /// Default capabilities dropped.
    pub cap_drop: Vec<String>,
    /// `--privileged`.
    pub privileged: bool,
    /// `--read-only`.
    pub read_only: bool,
    /// `no-new-privileges`.
    pub no_new_privileges: bool,
    /// `unmask=ALL`: nothing masked in /proc.
    pub unmasked: bool,
    /// `runAsUser`/`runAsGroup` (when `--user` was given).
    pub run_as: Option<(u32, u32)>,
    /// Memory limit in bytes.
    pub memory: Option<u64>,
    /// CPU limit in thousandths.
    pub cpu_milli: Option<u64>,
    /// The restart policy.
    pub restart: RestartPolicy,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub stdin: bool,
    /// Its host name when the user chose one.
    pub hostname: Option<String>,
    /// Its stop timeout when not the default 10 seconds.
    pub stop_timeout: Option<u32>,
    /// It runs in the host's network namespace.
    pub host_network: bool,
    /// `seLinuxOptions` from `--security-opt label=` (`type`, `level`,
    /// `filetype`), in podman's order.
    pub selinux: Vec<(String, String)>,
    /// Its annotations: the user's and podman's reserved ones (written as
    /// `KEY/NAME` pod annotations; the reserved only with `--podman-only`).
    pub annotations: Vec<(String, String)>,
}

/// Annotations podman sets itself at create and writes to YAML only with
/// `kube generate --podman-only` (podman's `IsReservedAnnotation`).
pub const RESERVED_ANNOTATIONS: &[&str] = &[
    "io.podman.annotations.cid-file",
    "io.podman.annotations.autoremove",
    "io.podman.annotations.privileged",
    "io.podman.annotations.publish-all",
    "io.podman.annotations.init",
    "io.podman.annotations.label",
    "io.podman.annotations.seccomp",
    "io.podman.annotations.apparmor",
    "io.podman.annotations.volumes-from",
    "TRUE",
    "FALSE",
];

/// One mount of a [`GenContainer`].
#[derive(Debug, Clone, PartialEq)]
pub struct GenMount {
    /// What is mounted.
    pub source: MountSource,
    /// Where.
    pub destination: String,
    /// Read-only.
    pub read_only: bool,
    /// A bind's host path is a directory (`None`: it does not exist).
    pub host_dir: Option<bool>,
}

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GenKind {
    /// `--type pod` (the default).
    #[default]
    Pod,
    /// `--type deployment`.
    Deployment,
    /// `--type daemonset`.
    DaemonSet,
    /// `--type job`.
    Job,
}

impl std::str::FromStr for GenKind {
    type Err = String;
    fn from_str(s: &str) -> Result<GenKind, String> {
        match s {
            "pod" => Ok(GenKind::Pod),
            "deployment" => Ok(GenKind::Deployment),
            "daemonset" => Ok(GenKind::DaemonSet),
            "job" => Ok(GenKind::Job),
            _ => Err(format!(
                "invalid type {s:?}: only pod, deployment, daemonset and job are supported"
            )),
        }
    }
}

/// How to write it.
#[derive(Debug, Clone, Default)]
pub struct GenOptions {
    /// Pod, Deployment, DaemonSet or Job.
    pub kind: GenKind,
    /// `--replicas` of a Deployment (written when above 1).
    pub replicas: u32,
    /// `--service`: a NodePort Service too, and no `hostPort`s.
    pub service: bool,
    /// `metadata.creationTimestamp` (RFC 3339, UTC).
    pub timestamp: String,
    /// The version in the header (`Created with rpod-VERSION`).
    pub version: String,
    /// Where the Service's node ports start (30000-32767 are drawn from it).
    pub node_port_seed: u64,
    /// `--podman-only`: podman's reserved annotations are written too.
    pub podman_only: bool,
}

/// A named volume for a PersistentVolumeClaim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenVolume {
    /// Its name.
    pub name: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
}

/// A group of containers to write as one pod.
#[derive(Debug, Clone, Default)]
pub struct GenPod {
    /// The pod's name (`None`: the first container's, `-pod` added when a
    /// container has the same name, as podman does).
    pub name: Option<String>,
    /// Its containers, in order.
    pub containers: Vec<GenContainer>,
    /// Ports published by the pod itself (written on the first container).
    pub ports: Vec<PortMapping>,
}

/// A request that cannot be written as Kubernetes YAML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GenError(pub String);

/// Kubernetes names: no underscores (podman drops them).
pub fn kube_name(s: &str) -> String {
    s.replace('_', "")
}

/// A volume name from a path or volume name (`/Upper/Case_Path/` → `upper-case-path`).
fn volume_name(source: &str) -> String {
    let t = source.trim_matches('/');
    if t.is_empty() {
        return "root".into();
    }
    t.replace(['/', '_'], "-").to_ascii_lowercase()
}

/// Writes the YAML for `pods` and `volumes`.
pub fn generate(
    pods: &[GenPod],
    volumes: &[GenVolume],
    opts: &GenOptions,
) -> Result<String, GenError> {
    let mut docs: Vec<Value> = Vec::new();
    for v in volumes {
        docs.push(pvc(v, opts));
    }
    let mut workloads = Vec::new();
    let mut ports_seen = 0u64;
    for p in pods {
        let pod = pod_object(p, opts)?;
        if opts.service {
            docs.push(service(&pod, opts.node_port_seed, &mut ports_seen));
        }
        workloads.push(wrap(pod, opts)?);
    }
    docs.extend(workloads);
    let mut out = format!(
        "# Save the output of this file and use kubectl create -f to import\n# it into Kubernetes.\n#\n# Created with rpod-{}\n",
        opts.version
    );
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_yaml(d));
    }
    Ok(out)
}

fn pvc(v: &GenVolume, opts: &GenOptions) -> Value {
    let mut meta = json!({
        "name": v.name,
        "creationTimestamp": opts.timestamp,
        "annotations": {"volume.podman.io/driver": "local"},
    });
    if !v.labels.is_empty() {
        meta["labels"] = json!(v.labels);
    }
    json!({
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": meta,
        "spec": {
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": "1Gi"}},
        },
        "status": {},
    })
}

fn port_json(p: &PortMapping, host: bool) -> Value {
    let mut o = Map::new();
    o.insert("containerPort".into(), json!(p.container_port));
    if host {
        o.insert("hostPort".into(), json!(p.host_port));
    }
    if let Some(ip) = p.host_ip {
        o.insert("hostIP".into(), json!(ip.to_string()));
    }
    if p.protocol == Protocol::Udp {
        o.insert("protocol".into(), json!("UDP"));
    }
    Value::Object(o)
}

fn pod_object(p: &GenPod, opts: &GenOptions) -> Result<Value, GenError> {
    let Some(first) = p.containers.first() else {
        return Err(GenError("the pod has no containers to write".into()));
    };
    let names: Vec<String> = p.containers.iter().map(|c| kube_name(&c.name)).collect();
    let name = match &p.name {
        Some(n) => kube_name(n),
        None => {
            let n = kube_name(&first.name);
            if names.contains(&n) {
                format!("{n}-pod")
            } else {
                n
            }
        }
    };
    let mut containers = Vec::new();
    let mut volumes: Vec<Value> = Vec::new();
    for (i, c) in p.containers.iter().enumerate() {
        let mut ports: Vec<&PortMapping> = Vec::new();
        if i == 0 {
            ports.extend(&p.ports);
        }
        ports.extend(&c.ports);
        containers.push(container_json(c, &ports, opts.service, &mut volumes));
    }
    let mut spec = Map::new();
    spec.insert("containers".into(), Value::Array(containers));
    if !volumes.is_empty() {
        spec.insert("volumes".into(), Value::Array(volumes));
    }
    if let Some(h) = p.containers.iter().find_map(|c| c.hostname.clone()) {
        spec.insert("hostname".into(), json!(h));
    }
    if p.containers.iter().all(|c| c.host_network) {
        spec.insert("hostNetwork".into(), json!(true));
    }
    if let Some(t) = p.containers.iter().find_map(|c| c.stop_timeout) {
        spec.insert("terminationGracePeriodSeconds".into(), json!(t));
    }
    let policy = match first.restart {
        RestartPolicy::No => None,
        RestartPolicy::Always | RestartPolicy::UnlessStopped => Some("Always"),
        RestartPolicy::OnFailure { .. } => Some("OnFailure"),
    };
    // podman writes Never for containers created with --restart=no
    // explicitly; rpod does not tell "no" from unset, and Kubernetes'
    // default (Always) would change what runs: Never keeps it.
    spec.insert("restartPolicy".into(), json!(policy.unwrap_or("Never")));
    let mut metadata = json!({
        "creationTimestamp": opts.timestamp,
        "labels": {"app": name},
        "name": name,
    });
    let mut annotations = Map::new();
    for c in &p.containers {
        for (k, v) in &c.annotations {
            if opts.podman_only || !RESERVED_ANNOTATIONS.contains(&k.as_str()) {
                annotations.insert(format!("{k}/{}", c.name.replace('_', "")), json!(v));
            }
        }
    }
    if !annotations.is_empty() {
        metadata["annotations"] = Value::Object(annotations);
    }
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": metadata,
        "spec": spec,
    }))
}

fn container_json(
    c: &GenContainer,
    ports: &[&PortMapping],
    service: bool,
    volumes: &mut Vec<Value>,
) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(kube_name(&c.name)));
    o.insert("image".into(), json!(c.image));
    if let Some(cmd) = &c.command {
        o.insert("command".into(), json!(cmd));
    }
    if let Some(a) = c.args.as_ref().filter(|a| !a.is_empty()) {
        o.insert("args".into(), json!(a));
    }
    if let Some(w) = &c.working_dir {
        o.insert("workingDir".into(), json!(w));
    }
    if !c.env.is_empty() {
        let env: Vec<Value> = c
            .env
            .iter()
            .map(|(k, v)| json!({"name": k, "value": v}))
            .collect();
        o.insert("env".into(), Value::Array(env));
    }
    if !ports.is_empty() {
        let ps: Vec<Value> = ports.iter().map(|p| port_json(p, !service)).collect();
        o.insert("ports".into(), Value::Array(ps));
    }
    let mut mounts = Vec::new();
    for (i, m) in c.mounts.iter().enumerate() {
        let (name, volume) = match &m.source {
            MountSource::Bind(path) => {
                let name = format!("{}-host-{i}", volume_name(&path.to_string_lossy()));
                let kind = match m.host_dir {
                    Some(true) => "Directory",
                    Some(false) => "File",
                    None => "DirectoryOrCreate",
                };
                let v = json!({"name": name, "hostPath": {"path": path, "type": kind}});
                (name, v)
            }
            MountSource::Volume(v) => {
                let name = format!("{}-pvc", volume_name(v));
                let mut claim = json!({"claimName": v});
                if m.read_only {
                    claim["readOnly"] = json!(true);
                }
                let vol = json!({"name": name, "persistentVolumeClaim": claim});
                (name, vol)
            }
            // Kubernetes has no artifact volumes.
            MountSource::AnonymousVolume | MountSource::Artifact { .. } => continue,
            MountSource::Image { image, .. } => {
                let name = format!("image-{i}");
                (
                    name.clone(),
                    json!({"name": name, "image": {"reference": image}}),
                )
            }
            MountSource::Tmpfs => {
                let name = format!("tmp-{i}");
                let v = json!({"name": name, "emptyDir": {"medium": "Memory"}});
                (name, v)
            }
        };
        let mut vm = json!({"name": name, "mountPath": m.destination});
        if let MountSource::Image {
            subpath: Some(sub), ..
        } = &m.source
        {
            vm["subPath"] = json!(sub);
        }
        if m.read_only {
            vm["readOnly"] = json!(true);
        }
        mounts.push(vm);
        if !volumes.iter().any(|v| v["name"] == volume["name"]) {
            volumes.push(volume);
        }
    }
    if !mounts.is_empty() {
        o.insert("volumeMounts".into(), Value::Array(mounts));
    }
    let mut sc = Map::new();
    if !c.privileged && (!c.cap_add.is_empty() || !c.cap_drop.is_empty()) {
        let mut caps = Map::new();
        if !c.cap_add.is_empty() {
            caps.insert("add".into(), json!(c.cap_add));
        }
        if !c.cap_drop.is_empty() {
            caps.insert("drop".into(), json!(c.cap_drop));
        }
        sc.insert("capabilities".into(), Value::Object(caps));
    }
    if c.privileged {
        sc.insert("privileged".into(), json!(true));
    }
    if c.read_only {
        sc.insert("readOnlyRootFilesystem".into(), json!(true));
    }
    if c.no_new_privileges {
        sc.insert("allowPrivilegeEscalation".into(), json!(false));
    }
    if c.unmasked {
        sc.insert("procMount".into(), json!("Unmasked"));
    }
    if !c.selinux.is_empty() {
        let opts: Map<String, Value> = c
            .selinux
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        sc.insert("seLinuxOptions".into(), Value::Object(opts));
    }
    if let Some((u, g)) = c.run_as {
        sc.insert("runAsUser".into(), json!(u));
        sc.insert("runAsGroup".into(), json!(g));
    }
    if !sc.is_empty() {
        o.insert("securityContext".into(), Value::Object(sc));
    }
    let mut limits = Map::new();
    if let Some(m) = c.memory {
        limits.insert("memory".into(), json!(memory_quantity(m)));
    }
    if let Some(m) = c.cpu_milli {
        limits.insert("cpu".into(), json!(cpu_quantity(m)));
    }
    if !limits.is_empty() {
        o.insert("resources".into(), json!({"limits": limits}));
    }
    if c.tty {
        o.insert("tty".into(), json!(true));
    }
    if c.stdin {
        o.insert("stdin".into(), json!(true));
    }
    Value::Object(o)
}

/// Bytes as Kubernetes writes a binary quantity (`128Mi`, else bytes).
pub fn memory_quantity(b: u64) -> String {
    for (suffix, unit) in [
        ("Ti", 1u64 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
    ] {
        if b >= unit && b.is_multiple_of(unit) {
            return format!("{}{suffix}", b / unit);
        }
    }
    b.to_string()
}

/// Thousandths of a CPU as Kubernetes writes them (`2`, `500m`).
pub fn cpu_quantity(m: u64) -> String {
    if m.is_multiple_of(1000) {
        (m / 1000).to_string()
    } else {
        format!("{m}m")
    }
}

fn service(pod: &Value, seed: u64, used: &mut u64) -> Value {
    let mut ports = Vec::new();
    for c in pod["spec"]["containers"].as_array().into_iter().flatten() {
        for p in c["ports"].as_array().into_iter().flatten() {
            let port = p["containerPort"].as_u64().unwrap_or(0);
            let node = 30000 + (seed.wrapping_add(*used * 7919)) % 2768;
            *used += 1;
            let mut sp = json!({
                "name": port.to_string(),
                "port": port,
                "targetPort": port,
                "nodePort": node,
            });
            if let Some(proto) = p.get("protocol") {
                sp["protocol"] = proto.clone();
            }
            ports.push(sp);
        }
    }
    let mut meta = pod["metadata"].clone();
    if let Some(m) = meta.as_object_mut() {
        m.remove("annotations");
    }
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta,
        "spec": {
            "ports": ports,
            "selector": {"app": pod["metadata"]["labels"]["app"]},
            "type": "NodePort",
        },
    })
}

fn wrap(pod: Value, opts: &GenOptions) -> Result<Value, GenError> {
    let name = pod["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (api, kind, suffix) = match opts.kind {
        GenKind::Pod => return Ok(pod),
        GenKind::Deployment => ("apps/v1", "Deployment", "deployment"),
        GenKind::DaemonSet => ("apps/v1", "DaemonSet", "daemonset"),
        GenKind::Job => ("batch/v1", "Job", "job"),
    };
    let mut spec = pod["spec"].clone();
    let policy = spec["restartPolicy"].as_str().unwrap_or("").to_string();
    match opts.kind {
        GenKind::Deployment | GenKind::DaemonSet if policy != "Always" => {
            // Kubernetes accepts nothing else for these kinds.
            spec["restartPolicy"] = json!("Always");
        }
        GenKind::Job if policy == "Always" => {
            return Err(GenError(
                "k8s Jobs can not have restartPolicy set to Always; only Never and OnFailure policies allowed".into(),
            ))
        }
        _ => {}
    }
    let mut template_meta = pod["metadata"].clone();
    if let Some(m) = template_meta.as_object_mut() {
        m.remove("name");
    }
    let mut wspec = json!({
        "template": {"metadata": template_meta, "spec": spec},
    });
    if kind != "Job" {
        wspec["selector"] = json!({"matchLabels": {"app": name}});
    }
    if kind == "Deployment" && opts.replicas > 1 {
        wspec["replicas"] = json!(opts.replicas);
    }
    Ok(json!({
        "apiVersion": api,
        "kind": kind,
        "metadata": {
            "creationTimestamp": opts.timestamp,
            "labels": {"app": name},
            "name": format!("{name}-{suffix}"),
        },
        "spec": wspec,
    }))
}
