//! The subset of Kubernetes' API objects that `kube play` runs and `kube
//! generate` writes, as rpod's own typed values (k8s-openapi was weighed:
//! its generated types are several megabytes of code for the handful of
//! fields a local run needs). Fields rpod does not act on are not kept;
//! [`super::parse`] fills these from YAML and names the field of any
//! value it cannot use.

use std::collections::BTreeMap;

/// `metadata` of an object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
}

/// One document of a Kubernetes YAML stream, as far as rpod reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// A workload: Pod, Deployment, DaemonSet or Job.
    Workload(Workload),
    /// A ConfigMap (env and volumes of the workloads).
    ConfigMap(ConfigMap),
    /// A Secret (env and volumes of the workloads).
    Secret(Secret),
    /// A PersistentVolumeClaim: a named volume.
    Claim(Claim),
    /// A kind rpod does not run (a Service, an Ingress ...): noted, skipped.
    Ignored {
        /// Its `kind`.
        kind: String,
        /// Its `metadata.name`.
        name: String,
    },
}

/// A parsed document with where it was in the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 1-based position in the stream (empty documents count).
    pub index: usize,
    /// What it holds.
    pub object: Object,
}

/// Which workload kind a [`Workload`] was written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadKind {
    /// `kind: Pod`.
    Pod,
    /// `kind: Deployment` (apps/v1).
    Deployment,
    /// `kind: DaemonSet` (apps/v1): one pod on a single node.
    DaemonSet,
    /// `kind: Job` (batch/v1).
    Job,
}

impl WorkloadKind {
    /// The `kind:` text.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Pod => "Pod",
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::Job => "Job",
        }
    }
}

/// A Pod, or a controller with a pod template.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The kind.
    pub kind: WorkloadKind,
    /// The object's own metadata.
    pub meta: Meta,
    /// `spec.replicas` of a Deployment (1 when absent; 1 for other kinds).
    pub replicas: u32,
    /// The pod's metadata: a Pod's own, a controller's `spec.template.metadata`.
    pub pod_meta: Meta,
    /// The pod's spec.
    pub spec: PodSpec,
}

/// A pod's `spec`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PodSpec {
    /// `containers`.
    pub containers: Vec<Container>,
    /// `initContainers`: run to completion, in order, before `containers`.
    pub init_containers: Vec<Container>,
    /// `volumes`.
    pub volumes: Vec<Volume>,
    /// `restartPolicy` (`Always` when absent).
    pub restart_policy: Option<RestartPolicy>,
    /// `hostNetwork`.
    pub host_network: bool,
    /// `hostname`.
    pub hostname: Option<String>,
    /// `securityContext`: the defaults of every container (boxed: rarely
    /// given, and it keeps `Object`'s variants near one size).
    pub security: Box<PodSecurityContext>,
    /// `terminationGracePeriodSeconds`: the containers' stop timeout.
    pub termination_grace_period: Option<u32>,
}

/// `restartPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestartPolicy {
    /// `Always`.
    Always,
    /// `OnFailure`.
    OnFailure,
    /// `Never`.
    Never,
}

impl RestartPolicy {
    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RestartPolicy::Always => "Always",
            RestartPolicy::OnFailure => "OnFailure",
            RestartPolicy::Never => "Never",
        }
    }
}

/// One container of a pod.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Container {
    /// `name`.
    pub name: String,
    /// `image`.
    pub image: String,
    /// `imagePullPolicy`.
    pub pull_policy: Option<PullPolicy>,
    /// `command`: replaces the image's entrypoint (and its `Cmd`).
    pub command: Option<Vec<String>>,
    /// `args`: replaces the image's `Cmd`.
    pub args: Option<Vec<String>>,
    /// `workingDir`.
    pub working_dir: Option<String>,
    /// `env`, in order.
    pub env: Vec<EnvVar>,
    /// `envFrom`, in order.
    pub env_from: Vec<EnvFrom>,
    /// `ports`.
    pub ports: Vec<Port>,
    /// `volumeMounts`.
    pub volume_mounts: Vec<VolumeMount>,
    /// `securityContext`.
    pub security: SecurityContext,
    /// `resources`.
    pub resources: ResourceRequirements,
    /// `stdin`.
    pub stdin: bool,
    /// `tty`.
    pub tty: bool,
    /// `livenessProbe`: the container's healthcheck.
    pub liveness: Option<Probe>,
    /// `startupProbe`: the container's startup healthcheck (podman's
    /// mapping; `readinessProbe` is ignored, as podman ignores it).
    pub startup: Option<Probe>,
}

/// A `livenessProbe`, as the healthcheck podman makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// `["CMD", ...]` (`exec`) or `["CMD-SHELL", ...]` (`httpGet`, `tcpSocket`).
    pub test: Vec<String>,
    /// `periodSeconds` (10 when absent).
    pub period: u32,
    /// `failureThreshold` (3 when absent).
    pub failure_threshold: u32,
    /// `timeoutSeconds` (1 when absent).
    pub timeout: u32,
    /// `initialDelaySeconds`.
    pub initial_delay: u32,
    /// `successThreshold` (0 when absent: one success).
    pub success_threshold: u32,
}

/// `imagePullPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    /// `Always`.
    Always,
    /// `IfNotPresent`.
    IfNotPresent,
    /// `Never`.
    Never,
}

/// One `env` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVar {
    /// `name`.
    pub name: String,
    /// `value` or `valueFrom`.
    pub value: EnvValue,
}

/// Where an `env` entry's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvValue {
    /// `value:` (empty when absent).
    Literal(String),
    /// `valueFrom.configMapKeyRef`.
    ConfigMapKey {
        /// The ConfigMap.
        name: String,
        /// Its key.
        key: String,
        /// `optional: true`: a missing map or key leaves the variable unset.
        optional: bool,
    },
    /// `valueFrom.secretKeyRef`.
    SecretKey {
        /// The Secret.
        name: String,
        /// Its key.
        key: String,
        /// `optional: true`.
        optional: bool,
    },
    /// `valueFrom.fieldRef.fieldPath` (`metadata.name`, `metadata.labels['x']` ...).
    Field(String),
    /// `valueFrom.resourceFieldRef.resource` (`limits.memory`, `limits.cpu` ...).
    Resource(String),
}

/// One `envFrom` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFrom {
    /// `configMapRef` (true) or `secretRef` (false).
    pub config_map: bool,
    /// The object's name.
    pub name: String,
    /// `prefix` put before every key.
    pub prefix: String,
    /// `optional`.
    pub optional: bool,
}

/// One `ports` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    /// `containerPort`.
    pub container_port: u16,
    /// `hostPort` (published only when set).
    pub host_port: Option<u16>,
    /// `hostIP`.
    pub host_ip: Option<std::net::IpAddr>,
    /// `protocol` is `UDP`.
    pub udp: bool,
}

/// One `volumeMounts` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeMount {
    /// `name`: a volume of the pod.
    pub name: String,
    /// `mountPath`.
    pub mount_path: String,
    /// `readOnly`.
    pub read_only: bool,
    /// `subPath`.
    pub sub_path: Option<String>,
}

/// `securityContext` of a pod: what a container's own leaves unsaid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PodSecurityContext {
    /// `runAsUser`.
    pub run_as_user: Option<u32>,
    /// `runAsGroup`.
    pub run_as_group: Option<u32>,
    /// `seLinuxOptions` as `--security-opt label=` values, for containers
    /// without `seLinuxOptions` of their own.
    pub selinux_labels: Option<Vec<String>>,
}

/// `securityContext` of a container.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityContext {
    /// `privileged`.
    pub privileged: bool,
    /// `runAsUser`.
    pub run_as_user: Option<u32>,
    /// `runAsGroup`.
    pub run_as_group: Option<u32>,
    /// `readOnlyRootFilesystem` (`None`: not given, containers.conf decides).
    pub read_only_root: Option<bool>,
    /// `allowPrivilegeEscalation: false`: no new privileges.
    pub no_new_privileges: bool,
    /// `capabilities.add` (as written, `NET_ADMIN` or `CAP_NET_ADMIN`).
    pub cap_add: Vec<String>,
    /// `capabilities.drop`.
    pub cap_drop: Vec<String>,
    /// `procMount: Unmasked`.
    pub proc_unmasked: bool,
    /// `seLinuxOptions` as `--security-opt label=` values (`type:T` …);
    /// `None` without `seLinuxOptions` (the pod's apply, as podman's).
    pub selinux_labels: Option<Vec<String>>,
}

/// `resources` of a container, converted from Kubernetes quantities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResourceRequirements {
    /// `limits.memory` in bytes.
    pub limit_memory: Option<u64>,
    /// `limits.cpu` in thousandths of a CPU.
    pub limit_cpu_milli: Option<u64>,
    /// `requests.memory` in bytes.
    pub request_memory: Option<u64>,
    /// `requests.cpu` in thousandths of a CPU.
    pub request_cpu_milli: Option<u64>,
}

/// One `volumes` entry of a pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// `name`.
    pub name: String,
    /// Its source.
    pub source: VolumeSource,
}

/// What a pod volume is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeSource {
    /// `hostPath`.
    HostPath {
        /// `path`.
        path: String,
        /// `type` (`""`, `Directory`, `DirectoryOrCreate`, `File`, `FileOrCreate` ...).
        kind: String,
    },
    /// `emptyDir` (`medium: Memory`: a tmpfs).
    EmptyDir {
        /// `medium: Memory`.
        memory: bool,
    },
    /// `configMap`.
    ConfigMap(KeyFiles),
    /// `secret` (`secretName`).
    Secret(KeyFiles),
    /// `image`: an image's file system, read-only.
    Image {
        /// `reference`.
        reference: String,
        /// `pullPolicy`.
        pull_policy: Option<PullPolicy>,
    },
    /// `persistentVolumeClaim`.
    Claim {
        /// `claimName`: the named volume.
        claim_name: String,
        /// `readOnly`.
        read_only: bool,
    },
}

/// A ConfigMap or Secret volume: which keys become which files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFiles {
    /// The object's name.
    pub name: String,
    /// `items` (`key` → `path`); every key when empty.
    pub items: Vec<(String, String)>,
    /// `defaultMode` (0644 when absent).
    pub default_mode: u32,
    /// `optional`.
    pub optional: bool,
}

/// A ConfigMap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConfigMap {
    /// Its metadata.
    pub meta: Meta,
    /// `data` and (decoded) `binaryData`.
    pub data: BTreeMap<String, Vec<u8>>,
}

/// A Secret (`data` decoded from base64, `stringData` as written).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Secret {
    /// Its metadata.
    pub meta: Meta,
    /// The values.
    pub data: BTreeMap<String, Vec<u8>>,
}

/// A PersistentVolumeClaim.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claim {
    /// Its metadata (the name is the volume's).
    pub meta: Meta,
}
