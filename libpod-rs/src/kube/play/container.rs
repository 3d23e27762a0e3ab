//! One container of a pod as a [`ContainerSpec`]: image and pull policy,
//! command, environment (with ConfigMap, Secret and downward API
//! references), mounts, security context, resources, probes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Refs;
use crate::kube::model::{self, *};
use crate::spec::{
    CapSet, ContainerSpec, EnvVar as SpecEnv, MountSource, MountSpec, PullPolicy as SpecPull,
    UserSpec,
};

/// A field path and what is wrong with it.
pub(super) type Fail = (String, String);

#[allow(clippy::too_many_arguments)]
pub(super) fn container_spec(
    pod: &str,
    field: &str,
    c: &model::Container,
    w: &Workload,
    refs: &Refs<'_>,
    pod_volumes: &BTreeMap<&str, (MountSource, Vec<String>, bool)>,
    pod_security: &model::PodSecurityContext,
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
    // podman: the container's seLinuxOptions, else the pod's.
    sec.labels = sc
        .selinux_labels
        .clone()
        .or_else(|| pod_security.selinux_labels.clone())
        .unwrap_or_default();
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
    let uid = sc.run_as_user.or(pod_security.run_as_user);
    let gid = sc.run_as_group.or(pod_security.run_as_group);
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
    s.annotations.insert(
        crate::kube::KUBE_HEALTH_CHECK_ANNOTATION.into(),
        "true".into(),
    );
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

/// How `image` is pulled under a Kubernetes pull policy (a container's
/// or an image volume's).
pub(super) fn pull_for(image: &str, policy: Option<PullPolicy>) -> SpecPull {
    match policy {
        Some(PullPolicy::Always) => SpecPull::Always,
        Some(PullPolicy::Never) => SpecPull::Never,
        Some(PullPolicy::IfNotPresent) => SpecPull::Missing,
        // podman: `newer` for `:latest` (or no tag), else `missing`.
        None if is_latest(image) => SpecPull::Newer,
        None => SpecPull::Missing,
    }
}

/// Whether an image reference names the `latest` tag (or none).
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
