//! One pod of a workload: its volumes (ConfigMap, Secret, emptyDir,
//! claims, hostPath), its init containers and containers, the pod-level
//! settings (network, ports, host name, user namespace).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::container::{container_spec, pull_for};
use super::{HostPathPlan, PlanError, PlayOptions, PodPlan, Refs, VolumePlan};
use crate::kube::model::*;
use crate::network::{Mode, PortMapping, Protocol};
use crate::spec::{MountSource, RestartPolicy as SpecRestart};

/// The plan of one pod of workload `w` (named `name`; `base` names its
/// volumes), adding the volumes it uses to `volumes`.
pub(super) fn plan_pod(
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

    let pod_security = &spec.security;
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
                pod_security,
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
        static_ip: None,
        static_mac: None,
        init_containers,
        containers,
        image_pulls,
        host_paths,
    })
}

pub(super) fn push_volume(
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
