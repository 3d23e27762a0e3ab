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

mod container;
mod pod;

use pod::{plan_pod, push_volume};

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::model::*;
use crate::network::{Mode, PortMapping};
use crate::spec::{ContainerSpec, PullPolicy as SpecPull};

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
    /// `--ip`: its address on its network.
    pub static_ip: Option<std::net::IpAddr>,
    /// `--mac-address`: its MAC address on its network.
    pub static_mac: Option<crate::network::MacAddress>,
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
                        static_ip: None,
                        static_mac: None,
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
