//! Planning `kube play`: parsed documents plus the command line's options
//! → what to create (volumes with their files, pods with their containers
//! as [`ContainerSpec`]s). Pure: nothing is read or written here; the
//! engine ([`crate::engine`]'s `kube` glue) checks host paths, builds or
//! pulls images and creates what the plan says, in order.
//!
//! Names follow podman: a Pod document's pod is `metadata.name`; a
//! Deployment's, DaemonSet's or Job's is `NAME-pod` (a Deployment with
//! more replicas adds `NAME-pod-1`, `NAME-pod-2` ... where podman runs
//! only one); each container is `POD-CONTAINER`. ConfigMap and Secret
//! volumes are named volumes called after the object, as podman makes them;
//! an `emptyDir` is the named volume `POD-VOLUME`, shared by the pod's
//! containers as Kubernetes shares it, and removed by `kube down`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::model::{self, *};
use crate::network::{Mode, PortMapping, Protocol};
use crate::spec::{
    CapSet, ContainerSpec, EnvVar as SpecEnv, MountSource, MountSpec, PullPolicy as SpecPull,
    RestartPolicy as SpecRestart, UserSpec,
};

/// What `kube play` was asked for besides the YAML.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// `--network`: the pods' network mode (rpod's default when `None`).
    pub network: Option<Mode>,
    /// `--publish`: more ports on every pod.
    pub publish: Vec<PortMapping>,
    /// `--publish-all`: every `containerPort` too, on the same host port.
    pub publish_all: bool,
    /// `--configmap` files, parsed: maps the YAML's workloads may use.
    pub config_maps: Vec<ConfigMap>,
    /// `--annotation KEY=VALUE`: added to every workload's annotations.
    pub annotations: BTreeMap<String, String>,
    /// `--userns`.
    pub userns: Option<crate::spec::UsernsMode>,
    /// Secrets of the store the YAML uses without defining them
    /// ([`super::undefined_secrets`], read with [`super::stored_secret`]).
    pub stored_secrets: Vec<Secret>,
}

/// A named volume to create (or reuse), with files to write into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumePlan {
    /// The volume's name.
    pub name: String,
    /// Files (path inside the volume, content, mode) written on each play.
    pub files: Vec<(String, Vec<u8>, u32)>,
    /// A PersistentVolumeClaim's volume (listed under `Volumes:`).
    pub claim: bool,
    /// An `emptyDir`'s volume: removed by `kube down`.
    pub ephemeral: bool,
}

/// A host path a `hostPath` volume needs, and what to do when it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPathPlan {
    /// The path.
    pub path: PathBuf,
    /// `hostPath.type`.
    pub kind: String,
    /// The field, for errors.
    pub field: String,
}

/// One pod to create.
#[derive(Debug, Clone, PartialEq)]
pub struct PodPlan {
    /// The pod's name.
    pub name: String,
    /// Which document it came from (`Deployment "web"`), for messages.
    pub origin: String,
    /// Its labels (the pod template's).
    pub labels: BTreeMap<String, String>,
    /// The host name of its containers (`spec.hostname`; the pod's name when `None`).
    pub hostname: Option<String>,
    /// `--userns` (rpod's default when `None`).
    pub userns: Option<crate::spec::UsernsMode>,
    /// Its network mode (`hostNetwork`, `--network`), `None`: the default.
    pub network: Option<Mode>,
    /// Its published ports (`hostPort`s, `--publish`).
    pub ports: Vec<PortMapping>,
    /// `initContainers`, run to completion in order before the others.
    pub init_containers: Vec<ContainerSpec>,
    /// `containers`; the first owns the pod's namespaces when the pod has
    /// no record of its own.
    pub containers: Vec<ContainerSpec>,
    /// Host paths to check or create first.
    pub host_paths: Vec<HostPathPlan>,
    /// The images of its image volumes, pulled as their `pullPolicy` says
    /// before its containers are made.
    pub image_pulls: Vec<(String, SpecPull)>,
}

/// Everything one `kube play` creates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Named volumes first (claims, ConfigMap and Secret volumes, emptyDirs).
    pub volumes: Vec<VolumePlan>,
    /// Then the pods.
    pub pods: Vec<PodPlan>,
    /// Documents skipped (`Service "web"`), for a note on stderr.
    pub ignored: Vec<String>,
}

/// A document the plan cannot run: names the object and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {field}: {message}")]
pub struct PlanError {
    /// `document 2 (Pod "web")`.
    pub origin: String,
    /// The field path.
    pub field: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// The pod names a workload makes (see the module's header).
pub fn pod_names(w: &Workload) -> Vec<String> {
    if w.kind == WorkloadKind::Pod {
        return vec![w.meta.name.clone()];
    }
    let base = format!("{}-pod", w.meta.name);
    (0..w.replicas.max(1))
        .map(|i| {
            if i == 0 {
                base.clone()
            } else {
                format!("{base}-{i}")
            }
        })
        .collect()
}

/// Plans a play of `docs`.
pub fn plan(docs: &[Document], opts: &PlayOptions) -> Result<Plan, PlanError> {
    let mut maps: Vec<&ConfigMap> = Vec::new();
    let mut secrets: Vec<&Secret> = Vec::new();
    let mut out = Plan::default();
    for d in docs {
        match &d.object {
            Object::ConfigMap(c) => maps.push(c),
            Object::Secret(s) => secrets.push(s),
            Object::Claim(c) => out.volumes.push(VolumePlan {
                name: c.meta.name.clone(),
                files: Vec::new(),
                claim: true,
                ephemeral: false,
            }),
            Object::Ignored { kind, name } => out.ignored.push(format!("{kind} {name:?}")),
            Object::Workload(_) => {}
        }
    }
    for c in &opts.config_maps {
        if maps.iter().any(|m| m.meta.name == c.meta.name) {
            return Err(PlanError {
                origin: "--configmap".into(),
                field: "metadata.name".into(),
                message: format!(
                    "ambiguous configuration: the config map {:?} is in the YAML and in a --configmap file; keep one",
                    c.meta.name
                ),
            });
        }
        maps.push(c);
    }
    for s in &opts.stored_secrets {
        if !secrets.iter().any(|y| y.meta.name == s.meta.name) {
            secrets.push(s);
        }
    }
    let refs = Refs {
        maps: &maps,
        secrets: &secrets,
    };
    let mut workloads = 0;
    for d in docs {
        let Object::Workload(w) = &d.object else {
            continue;
        };
        workloads += 1;
        let origin = format!(
            "document {} ({} {:?})",
            d.index,
            w.kind.as_str(),
            w.meta.name
        );
        let base = if w.kind == WorkloadKind::Pod {
            "spec"
        } else {
            "spec.template.spec"
        };
        let names = pod_names(w);
        if names.len() > 1 {
            let published = w
                .spec
                .containers
                .iter()
                .any(|c| c.ports.iter().any(|p| p.host_port.is_some()))
                || !opts.publish.is_empty();
            if published {
                return Err(PlanError {
                    origin,
                    field: "spec.replicas".into(),
                    message: format!(
                        "{} replicas cannot all publish the same host ports: use one replica, or drop hostPort and --publish",
                        names.len()
                    ),
                });
            }
        }
        for name in names {
            let pod = plan_pod(&name, &origin, base, w, &refs, opts, &mut out.volumes)?;
            if out.pods.iter().any(|p| p.name == pod.name) {
                return Err(PlanError {
                    origin,
                    field: "metadata.name".into(),
                    message: format!("the pod {:?} is defined twice in the YAML", pod.name),
                });
            }
            out.pods.push(pod);
        }
    }
    if workloads == 0 && out.volumes.is_empty() && secrets.is_empty() {
        return Err(PlanError {
            origin: "YAML".into(),
            field: "kind".into(),
            message: if maps.is_empty() {
                "the YAML has no kind rpod runs: use Pod, Deployment, DaemonSet, Job or PersistentVolumeClaim".into()
            } else {
                "ConfigMaps are not a standalone object: use them from a container".into()
            },
        });
    }
    Ok(out)
}

struct Refs<'a> {
    maps: &'a [&'a ConfigMap],
    secrets: &'a [&'a Secret],
}

impl Refs<'_> {
    fn map(&self, name: &str) -> Option<&BTreeMap<String, Vec<u8>>> {
        self.maps
            .iter()
            .find(|m| m.meta.name == name)
            .map(|m| &m.data)
    }
    fn secret(&self, name: &str) -> Option<&BTreeMap<String, Vec<u8>>> {
        self.secrets
            .iter()
            .find(|m| m.meta.name == name)
            .map(|m| &m.data)
    }
}

fn plan_pod(
    name: &str,
    origin: &str,
    base: &str,
    w: &Workload,
    refs: &Refs<'_>,
    opts: &PlayOptions,
    volumes: &mut Vec<VolumePlan>,
) -> Result<PodPlan, PlanError> {
    let err = |field: String, message: String| PlanError {
        origin: origin.to_string(),
        field,
        message,
    };
    let spec = &w.spec;
    if w.kind == WorkloadKind::Job && spec.restart_policy == Some(RestartPolicy::Always) {
        return Err(err(
            format!("{base}.restartPolicy"),
            "a Job's pods cannot restart Always: use OnFailure or Never".into(),
        ));
    }
    let restart = match spec.restart_policy {
        Some(RestartPolicy::Always) => SpecRestart::Always,
        Some(RestartPolicy::OnFailure) => SpecRestart::OnFailure { max_retries: 0 },
        Some(RestartPolicy::Never) => SpecRestart::No,
        None if w.kind == WorkloadKind::Job => SpecRestart::No,
        None => SpecRestart::Always,
    };
    let mut annotations = w.pod_meta.annotations.clone();
    annotations.extend(w.meta.annotations.clone());
    annotations.extend(opts.annotations.clone());

    // The pod's volumes, as mounts a container can take.
    let mut pod_volumes: BTreeMap<&str, (MountSource, Vec<String>, bool)> = BTreeMap::new();
    let mut host_paths = Vec::new();
    let mut image_pulls = Vec::new();
    for (i, v) in spec.volumes.iter().enumerate() {
        let field = format!("{base}.volumes[{i}]");
        let entry = match &v.source {
            VolumeSource::HostPath { path, kind } => {
                if !path.starts_with('/') {
                    return Err(err(
                        format!("{field}.hostPath.path"),
                        format!("{path:?} is not an absolute path"),
                    ));
                }
                host_paths.push(HostPathPlan {
                    path: PathBuf::from(path),
                    kind: kind.clone(),
                    field: format!("{field}.hostPath"),
                });
                (MountSource::Bind(PathBuf::from(path)), Vec::new(), false)
            }
            VolumeSource::EmptyDir { memory: true } => (MountSource::Tmpfs, Vec::new(), false),
            VolumeSource::Image {
                reference,
                pull_policy,
            } => {
                image_pulls.push((reference.clone(), pull_for(reference, *pull_policy)));
                let image = MountSource::Image {
                    image: reference.clone(),
                    subpath: None,
                };
                (image, Vec::new(), true)
            }
            VolumeSource::EmptyDir { memory: false } => {
                let vol = format!("{name}-{}", v.name);
                push_volume(volumes, vol.clone(), Vec::new(), false, true);
                (MountSource::Volume(vol), Vec::new(), false)
            }
            VolumeSource::ConfigMap(k) | VolumeSource::Secret(k) => {
                let is_map = matches!(v.source, VolumeSource::ConfigMap(_));
                let data = if is_map {
                    refs.map(&k.name)
                } else {
                    refs.secret(&k.name)
                };
                let Some(data) = data else {
                    if k.optional {
                        continue;
                    }
                    return Err(err(
                        field,
                        format!(
                            "{} {:?} is not defined: add it to the YAML{}, or mark the volume optional",
                            if is_map { "config map" } else { "secret" },
                            k.name,
                            if is_map {
                                " or pass it with --configmap"
                            } else {
                                " or the secret store (`rpod secret create`)"
                            }
                        ),
                    ));
                };
                let mut files = Vec::new();
                if k.items.is_empty() {
                    for (key, value) in data {
                        files.push((key.clone(), value.clone(), k.default_mode));
                    }
                } else {
                    for (key, path) in &k.items {
                        let Some(value) = data.get(key) else {
                            return Err(err(
                                format!("{field}.items"),
                                format!("key {key:?} is not in {:?}", k.name),
                            ));
                        };
                        if path.starts_with('/') || path.split('/').any(|c| c == "..") {
                            return Err(err(
                                format!("{field}.items"),
                                format!(
                                    "path {path:?} must be relative and stay inside the volume"
                                ),
                            ));
                        }
                        files.push((path.clone(), value.clone(), k.default_mode));
                    }
                }
                push_volume(volumes, k.name.clone(), files, false, false);
                // Secrets and config maps are read-only in Kubernetes.
                (MountSource::Volume(k.name.clone()), Vec::new(), true)
            }
            VolumeSource::Claim {
                claim_name,
                read_only,
            } => {
                if !volumes.iter().any(|p| &p.name == claim_name) {
                    push_volume(volumes, claim_name.clone(), Vec::new(), true, false);
                }
                (
                    MountSource::Volume(claim_name.clone()),
                    Vec::new(),
                    *read_only,
                )
            }
        };
        pod_volumes.insert(&v.name, entry);
    }

    let user_default = (spec.run_as_user, spec.run_as_group);
    let mut containers = Vec::new();
    let mut init_containers = Vec::new();
    for (list_name, list, out) in [
        (
            "initContainers",
            &spec.init_containers,
            &mut init_containers,
        ),
        ("containers", &spec.containers, &mut containers),
    ] {
        for (i, c) in list.iter().enumerate() {
            let field = format!("{base}.{list_name}[{i}]");
            let cs = container_spec(
                name,
                &field,
                c,
                w,
                refs,
                &pod_volumes,
                user_default,
                &annotations,
            )
            .map_err(|(f, m)| err(f, m))?;
            out.push(cs);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for c in spec.init_containers.iter().chain(&spec.containers) {
        if !seen.insert(&c.name) {
            return Err(err(
                format!("{base}.containers"),
                format!("the container name {:?} is used twice in the pod", c.name),
            ));
        }
    }
    for c in &mut init_containers {
        c.restart = SpecRestart::No;
    }
    for c in &mut containers {
        c.restart = restart;
        if let Some(t) = spec.termination_grace_period {
            c.stop_timeout = Some(t);
        }
    }

    let mut ports = Vec::new();
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, p) in c.ports.iter().enumerate() {
            let host_port = match (p.host_port, opts.publish_all) {
                (Some(h), _) => h,
                (None, true) => p.container_port,
                (None, false) => continue,
            };
            let m = PortMapping {
                host_ip: p.host_ip,
                host_port,
                container_port: p.container_port,
                protocol: if p.udp { Protocol::Udp } else { Protocol::Tcp },
            };
            if ports
                .iter()
                .any(|o: &PortMapping| o.host_port == m.host_port && o.protocol == m.protocol)
            {
                return Err(err(
                    format!("{base}.containers[{i}].ports[{j}].hostPort"),
                    format!("host port {host_port} is published twice in the pod"),
                ));
            }
            ports.push(m);
        }
    }
    for p in &opts.publish {
        if !ports
            .iter()
            .any(|o| o.host_port == p.host_port && o.protocol == p.protocol)
        {
            ports.push(*p);
        }
    }
    let network = if spec.host_network {
        Some(Mode::Host)
    } else {
        opts.network.clone()
    };
    Ok(PodPlan {
        name: name.to_string(),
        origin: origin.to_string(),
        labels: w.pod_meta.labels.clone(),
        hostname: spec.hostname.clone(),
        userns: opts.userns.clone(),
        network,
        ports,
        init_containers,
        containers,
        image_pulls,
        host_paths,
    })
}

fn push_volume(
    volumes: &mut Vec<VolumePlan>,
    name: String,
    files: Vec<(String, Vec<u8>, u32)>,
    claim: bool,
    ephemeral: bool,
) {
    match volumes.iter_mut().find(|v| v.name == name) {
        Some(v) => {
            for f in files {
                if !v.files.iter().any(|o| o.0 == f.0) {
                    v.files.push(f);
                }
            }
        }
        None => volumes.push(VolumePlan {
            name,
            files,
            claim,
            ephemeral,
        }),
    }
}

type Fail = (String, String);

#[allow(clippy::too_many_arguments)]
fn container_spec(
    pod: &str,
    field: &str,
    c: &model::Container,
    w: &Workload,
    refs: &Refs<'_>,
    pod_volumes: &BTreeMap<&str, (MountSource, Vec<String>, bool)>,
    user_default: (Option<u32>, Option<u32>),
    annotations: &BTreeMap<String, String>,
) -> Result<ContainerSpec, Fail> {
    let mut s = ContainerSpec::new(c.image.clone());
    s.image.pull = pull_for(&c.image, c.pull_policy);
    s.name = Some(format!("{pod}-{}", c.name));
    let pr = &mut s.process;
    if let Some(cmd) = &c.command {
        pr.entrypoint = Some(cmd.clone());
    }
    if let Some(args) = &c.args {
        pr.command = args.clone();
    }
    pr.workdir = c.working_dir.as_ref().map(PathBuf::from);
    pr.tty = c.tty;
    pr.interactive = c.stdin;

    // envFrom first, then env (which wins), as the kubelet orders them.
    for (i, e) in c.env_from.iter().enumerate() {
        let data = if e.config_map {
            refs.map(&e.name)
        } else {
            refs.secret(&e.name)
        };
        let Some(data) = data else {
            if e.optional {
                continue;
            }
            return Err((
                format!("{field}.envFrom[{i}]"),
                format!(
                    "{} {:?} is not defined: add it to the YAML, or mark it optional",
                    if e.config_map { "config map" } else { "secret" },
                    e.name
                ),
            ));
        };
        for (k, v) in data {
            pr.env.push(SpecEnv::new(
                format!("{}{k}", e.prefix),
                String::from_utf8_lossy(v).into_owned(),
            ));
        }
    }
    for (i, e) in c.env.iter().enumerate() {
        let at = format!("{field}.env[{i}]");
        let value = match &e.value {
            EnvValue::Literal(v) => Some(v.clone()),
            EnvValue::ConfigMapKey {
                name,
                key,
                optional,
            }
            | EnvValue::SecretKey {
                name,
                key,
                optional,
            } => {
                let is_map = matches!(e.value, EnvValue::ConfigMapKey { .. });
                let data = if is_map {
                    refs.map(name)
                } else {
                    refs.secret(name)
                };
                match data.and_then(|d| d.get(key)) {
                    Some(v) => Some(String::from_utf8_lossy(v).into_owned()),
                    None if *optional => None,
                    None => {
                        return Err((
                            format!("{at}.valueFrom"),
                            format!(
                                "{} {name:?} {}: add it to the YAML{}, or mark it optional",
                                if is_map { "config map" } else { "secret" },
                                if data.is_some() {
                                    format!("has no key {key:?}")
                                } else {
                                    "is not defined".to_string()
                                },
                                if is_map {
                                    " or pass it with --configmap"
                                } else {
                                    " or the secret store (`rpod secret create`)"
                                }
                            ),
                        ))
                    }
                }
            }
            EnvValue::Field(path) => Some(field_ref(pod, w, annotations, path).ok_or_else(|| {
                (
                    format!("{at}.valueFrom.fieldRef.fieldPath"),
                    format!("{path:?} is not supported: use metadata.name, metadata.namespace, metadata.labels['KEY'] or metadata.annotations['KEY']"),
                )
            })?),
            EnvValue::Resource(r) => Some(resource_ref(&c.resources, r).ok_or_else(|| {
                (
                    format!("{at}.valueFrom.resourceFieldRef.resource"),
                    format!("{r:?} is not set or not supported: use limits.memory, limits.cpu, requests.memory or requests.cpu"),
                )
            })?),
        };
        if let Some(v) = value {
            pr.env.push(SpecEnv::new(e.name.clone(), v));
        }
    }

    for (i, m) in c.volume_mounts.iter().enumerate() {
        let at = format!("{field}.volumeMounts[{i}]");
        if !m.mount_path.starts_with('/') {
            return Err((
                format!("{at}.mountPath"),
                format!("{:?} is not an absolute path", m.mount_path),
            ));
        }
        let Some((source, options, ro)) = pod_volumes.get(m.name.as_str()) else {
            // An optional ConfigMap or Secret that is missing mounts nothing.
            if w.spec.volumes.iter().any(|v| v.name == m.name) {
                continue;
            }
            return Err((
                format!("{at}.name"),
                format!("no volume {:?} in the pod's volumes", m.name),
            ));
        };
        let source = match (&m.sub_path, source) {
            (None, s) => s.clone(),
            (Some(sub), MountSource::Bind(p)) => {
                if sub.starts_with('/') || sub.split('/').any(|c| c == "..") {
                    return Err((
                        format!("{at}.subPath"),
                        format!("{sub:?} must be relative and stay inside the volume"),
                    ));
                }
                MountSource::Bind(p.join(sub))
            }
            (Some(sub), MountSource::Image { image, .. }) => {
                if sub.starts_with('/') || sub.split('/').any(|c| c == "..") {
                    return Err((
                        format!("{at}.subPath"),
                        format!("{sub:?} must be relative and stay inside the image"),
                    ));
                }
                MountSource::Image {
                    image: image.clone(),
                    subpath: Some(PathBuf::from(sub)),
                }
            }
            (Some(_), _) => {
                return Err((
                    format!("{at}.subPath"),
                    "rpod supports subPath only on hostPath and image volumes".into(),
                ))
            }
        };
        let mut ms = MountSpec::new(source, &m.mount_path);
        ms.read_only = m.read_only || *ro;
        ms.options.clone_from(options);
        s.mounts.push(ms);
    }

    let sc = &c.security;
    let sec = &mut s.security;
    sec.privileged = sc.privileged
        || annotations
            .get(&format!("io.podman.annotations.privileged/{}", c.name))
            .is_some_and(|v| v == "true");
    sec.labels.clone_from(&sc.selinux_labels);
    for (key, names, set) in [
        ("add", &sc.cap_add, &mut sec.caps.add),
        ("drop", &sc.cap_drop, &mut sec.caps.drop),
    ] {
        for (j, n) in names.iter().enumerate() {
            let caps: CapSet = n.parse().map_err(|e: crate::spec::Invalid| {
                (
                    format!("{field}.securityContext.capabilities.{key}[{j}]"),
                    e.to_string(),
                )
            })?;
            *set = set.with(caps);
        }
    }
    sec.no_new_privileges = sc.no_new_privileges;
    if sc.proc_unmasked {
        sec.unmask = vec!["ALL".into()];
    }
    // podman: /tmp, /var/tmp and /run are writable tmpfs in every kube
    // container, read-only or not.
    s.read_write_tmpfs = true;
    // podman: the annotation makes it read-only, else an explicit
    // `readOnlyRootFilesystem` wins over containers.conf's `read_only`.
    s.read_only = if annotations
        .get(&format!("io.podman.annotations.readonly/{}", c.name))
        .is_some_and(|v| v == "true")
    {
        Some(true)
    } else {
        sc.read_only_root
    };
    let uid = sc.run_as_user.or(user_default.0);
    let gid = sc.run_as_group.or(user_default.1);
    s.process.user = match (uid, gid) {
        (Some(u), g) => Some(UserSpec {
            user: u.to_string(),
            group: g.map(|g| g.to_string()),
        }),
        (None, Some(g)) => Some(UserSpec {
            user: "0".into(),
            group: Some(g.to_string()),
        }),
        (None, None) => None,
    };

    let r = &c.resources;
    let res = &mut s.resources;
    res.memory = r.limit_memory;
    res.memory_reservation = r.request_memory;
    if let Some(milli) = r.limit_cpu_milli {
        res.cpu_period = Some(crate::spec::resources::DEFAULT_CPU_PERIOD);
        res.cpu_quota = Some(
            i64::try_from(milli * crate::spec::resources::DEFAULT_CPU_PERIOD / 1000)
                .unwrap_or(i64::MAX)
                .max(1000),
        );
    }
    if let Some(milli) = r.request_cpu_milli {
        // The kubelet's conversion of a CPU request to shares.
        res.cpu_shares = Some((milli * 1024 / 1000).max(2));
    }

    let config = |p: &Probe, test: Vec<String>| {
        let secs = |n: u32| std::time::Duration::from_secs(u64::from(n));
        crate::health::HealthConfig {
            test,
            interval: secs(p.period),
            timeout: secs(p.timeout),
            start_period: secs(p.initial_delay),
            start_interval: std::time::Duration::ZERO,
            retries: p.failure_threshold,
        }
    };
    if let Some(p) = &c.liveness {
        s.health.check = crate::health::Check::Explicit(config(p, p.test.clone()));
    }
    if let Some(p) = &c.startup {
        // podman: a startup check needs a healthcheck to hand over to; without
        // a livenessProbe it is `exit 0` on the startup probe's timings.
        if c.liveness.is_none() {
            let pass = vec!["CMD-SHELL".to_string(), "exit 0".to_string()];
            s.health.check = crate::health::Check::Explicit(config(p, pass));
        }
        s.health.startup = Some(crate::health::StartupCheck {
            check: config(p, p.test.clone()),
            successes: p.success_threshold,
        });
    }
    // As podman: a restarting pod restarts a container that fails a probe.
    if (c.liveness.is_some() || c.startup.is_some())
        && !matches!(w.spec.restart_policy, Some(RestartPolicy::Never))
        && w.kind != WorkloadKind::Job
    {
        s.health.on_failure = crate::health::OnFailure::Restart;
    }
    // podman gives every container the pod's annotations (and --annotation),
    // and marks it as kube's: no probe before initialDelaySeconds.
    s.annotations.extend(annotations.clone());
    s.annotations
        .insert(super::KUBE_HEALTH_CHECK_ANNOTATION.into(), "true".into());
    s.labels = w.pod_meta.labels.clone();
    Ok(s)
}

/// A `fieldRef.fieldPath` of the downward API.
fn field_ref(
    pod: &str,
    w: &Workload,
    annotations: &BTreeMap<String, String>,
    path: &str,
) -> Option<String> {
    let bracket = |prefix: &str| -> Option<String> {
        path.strip_prefix(prefix)?
            .strip_suffix("']")
            .map(str::to_string)
    };
    match path {
        "metadata.name" => Some(pod.to_string()),
        "metadata.namespace" => Some("default".into()),
        "spec.nodeName" => Some(w.spec.hostname.clone().unwrap_or_else(|| pod.to_string())),
        _ => {
            if let Some(k) = bracket("metadata.labels['") {
                return Some(w.pod_meta.labels.get(&k).cloned().unwrap_or_default());
            }
            if let Some(k) = bracket("metadata.annotations['") {
                return Some(annotations.get(&k).cloned().unwrap_or_default());
            }
            None
        }
    }
}

/// A `resourceFieldRef.resource` (memory in bytes, CPUs rounded up).
fn resource_ref(r: &ResourceRequirements, name: &str) -> Option<String> {
    let cpu = |m: Option<u64>| m.map(|m| m.div_ceil(1000).to_string());
    match name {
        "limits.memory" => r.limit_memory.map(|m| m.to_string()),
        "requests.memory" => r.request_memory.map(|m| m.to_string()),
        "limits.cpu" => cpu(r.limit_cpu_milli),
        "requests.cpu" => cpu(r.request_cpu_milli),
        _ => None,
    }
}

/// Whether an image reference names the `latest` tag (or none).
/// How `image` is pulled under a Kubernetes pull policy (a container's
/// or an image volume's).
fn pull_for(image: &str, policy: Option<PullPolicy>) -> SpecPull {
    match policy {
        Some(PullPolicy::Always) => SpecPull::Always,
        Some(PullPolicy::Never) => SpecPull::Never,
        Some(PullPolicy::IfNotPresent) => SpecPull::Missing,
        // podman: `newer` for `:latest` (or no tag), else `missing`.
        None if is_latest(image) => SpecPull::Newer,
        None => SpecPull::Missing,
    }
}

fn is_latest(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

/// What `kube down` removes for `docs`: each workload's pods by name,
/// the claims' volumes, the ConfigMap and Secret volumes and the emptyDir
/// volumes. Unlike [`plan`], nothing is resolved, so a YAML whose config
/// maps came from `--configmap` comes down without them.
pub fn down_plan(docs: &[Document]) -> Plan {
    let mut out = Plan::default();
    for d in docs {
        match &d.object {
            Object::Claim(c) => push_volume(
                &mut out.volumes,
                c.meta.name.clone(),
                Vec::new(),
                true,
                false,
            ),
            Object::Workload(w) => {
                for name in pod_names(w) {
                    for v in &w.spec.volumes {
                        match &v.source {
                            VolumeSource::EmptyDir { memory: false } => push_volume(
                                &mut out.volumes,
                                format!("{name}-{}", v.name),
                                Vec::new(),
                                false,
                                true,
                            ),
                            VolumeSource::ConfigMap(k) | VolumeSource::Secret(k) => push_volume(
                                &mut out.volumes,
                                k.name.clone(),
                                Vec::new(),
                                false,
                                false,
                            ),
                            _ => {}
                        }
                    }
                    out.pods.push(PodPlan {
                        name,
                        origin: format!(
                            "document {} ({} {:?})",
                            d.index,
                            w.kind.as_str(),
                            w.meta.name
                        ),
                        labels: BTreeMap::new(),
                        hostname: None,
                        userns: None,
                        network: None,
                        ports: Vec::new(),
                        init_containers: Vec::new(),
                        containers: Vec::new(),
                        host_paths: Vec::new(),
                        image_pulls: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The directory `--build` looks in for an image's Containerfile: the
/// image's name without registry, path and tag (`localhost/app:1` → `app`).
pub fn build_dir_name(image: &str) -> String {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last).to_string()
}
