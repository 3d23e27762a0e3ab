//! What goes wrong reading Kubernetes YAML and acting on it (`kube play`,
//! `kube down`, `kube generate`): one variant per failure, with the text
//! podman gives (or rpod's own, naming the object and the next step).

use std::io;
use std::path::PathBuf;

use super::parse::ParseError;

/// Errors of `kube play`, `kube down` and `kube generate`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A YAML file does not parse, or holds what rpod does not know.
    #[error(transparent)]
    Parse(Box<ParseError>),
    /// Standard input (`-`) could not be read.
    #[error("reading the YAML from standard input: {0}")]
    ReadStdin(#[source] io::Error),
    /// A YAML file (or `--configmap` file) could not be read.
    #[error("{source}")]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why (its text names the file).
        source: io::Error,
    },
    /// A `--configmap` file holds a document of another kind.
    #[error("--configmap {file}: document {document} is not a ConfigMap: the file may hold ConfigMaps only")]
    NotAConfigMap {
        /// The file as given.
        file: String,
        /// The document's number in it.
        document: usize,
    },
    /// A stored secret's JSON holds a value that is not base64.
    #[error("secret {name}: key {key:?} is not base64: {source}")]
    SecretNotBase64 {
        /// The secret.
        name: String,
        /// The key whose value is bad.
        key: String,
        /// The decoder's error.
        source: base64::DecodeError,
    },
    /// A stored secret holds no Kubernetes Secret.
    #[error("secret {name} is not valid JSON/YAML: {reason}: only secrets holding a Kubernetes Secret (e.g. `rpod secret create {name} secret.yaml`) can be used by kube play")]
    SecretNotKube {
        /// The secret.
        name: String,
        /// What is wrong with its data.
        reason: SecretDataError,
    },
    /// `kube generate -f FILE` where FILE exists (podman refuses).
    #[error("cannot write to {:?}: file exists", .0.display().to_string())]
    OutputExists(PathBuf),
    /// `kube generate -f FILE`: FILE could not be created.
    #[error("creating {}: {}", .path.display(), crate::sys::os_text(.source))]
    CreateOutput {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `kube generate -f FILE`: FILE could not be written.
    #[error("writing {}: {}", .path.display(), crate::sys::os_text(.source))]
    WriteOutput {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `--ip`/`--mac-address` for a pod not on exactly one network by name.
    #[error("{0}")]
    StaticAddress(String),
    /// `--service-container=true` with `--start=false`.
    #[error("running a service container requires starting the pod(s)")]
    ServiceNeedsStart,
    /// A pod of the YAML exists (without `--replace`).
    #[error("{origin}: adding pod to state: name \"{name}\" is in use: pod already exists")]
    PodExists {
        /// The document (`document 1 (Pod "web")`).
        origin: String,
        /// The pod's name.
        name: String,
    },
    /// A container name of the YAML is taken (without `--replace`).
    #[error(
        "{origin}: the container name \"{name}\" is already in use: remove it, or use --replace"
    )]
    ContainerNameInUse {
        /// The document.
        origin: String,
        /// The container's name.
        name: String,
    },
    /// A `hostPath` volume fails its `type` check.
    #[error("{origin}: {field}: {problem}")]
    HostPath {
        /// The document.
        origin: String,
        /// The field path of the volume.
        field: String,
        /// What is wrong.
        problem: HostPathError,
    },
    /// A ConfigMap or Secret file could not be written into its volume.
    #[error("writing {path} into volume {volume}: {source}")]
    VolumeFile {
        /// The file, relative to the volume.
        path: String,
        /// The volume.
        volume: String,
        /// Why.
        source: io::Error,
    },
    /// `--build` without `--context-dir`: the working directory is unknown.
    #[error("finding the working directory: {0}")]
    WorkingDir(#[source] io::Error),
    /// `--build`: `rpod build` could not be run.
    #[error("running rpod build: {0}")]
    RunBuild(#[source] io::Error),
    /// `--build`: the build of an image failed (its output said why).
    #[error("building {image} from {}: rpod build failed", .dir.display())]
    BuildFailed {
        /// The image.
        image: String,
        /// The directory with its Containerfile.
        dir: PathBuf,
    },
    /// The service container could not be made or started.
    #[error("creating service container: {0}")]
    ServiceContainer(#[source] Box<crate::Error>),
    /// Making a pod of the YAML failed (the pod is removed again).
    #[error("{origin}: {source}")]
    InPod {
        /// The document.
        origin: String,
        /// Why.
        source: Box<crate::Error>,
    },
    /// An init container exited with a code other than 0.
    #[error("init container {name} exited with code {code}")]
    InitContainerFailed {
        /// The init container's name.
        name: String,
        /// Its exit code.
        code: i32,
    },
    /// `--wait`: the signals could not be blocked.
    #[error("blocking signals: {0}")]
    BlockSignals(#[source] nix::errno::Errno),
    /// `--wait`: `rpod wait` could not be run.
    #[error("running rpod wait: {0}")]
    RunWait(#[source] io::Error),
    /// `--wait`: waiting for signals failed.
    #[error("waiting for signals: {0}")]
    WaitSignals(#[source] nix::errno::Errno),
    /// `kube generate` of a container that is a pod's member.
    #[error("container {id} is associated with pod {pod}: use generate on the pod itself")]
    GenerateMember {
        /// The container's ID.
        id: String,
        /// Its pod.
        pod: String,
    },
    /// `kube generate` of a pod without members.
    #[error("pod {0} only has an infra container")]
    GenerateEmptyPod(String),
    /// `kube generate` of a name that is no container, pod or volume.
    #[error("name or ID {0:?} not found")]
    GenerateNotFound(String),
    /// `--authfile` names no file.
    #[error("credential file is not accessible: faccessat {}: {}", .path.display(), authfile_reason(.error))]
    Authfile {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read (not a `source`: the message words it
        /// as podman does, and the CLI would add its own text again).
        error: io::Error,
    },
    /// `rm` of a service container its pods still name.
    #[error("container {id} is the service container of pod(s) {} and cannot be removed without removing the pod(s)", .pods.join(","))]
    ServiceContainerInUse {
        /// The service container's ID.
        id: String,
        /// The pods' IDs.
        pods: Vec<String>,
    },
}

/// Why a stored secret cannot be read as a Kubernetes Secret.
#[derive(Debug, thiserror::Error)]
pub enum SecretDataError {
    /// It is not text.
    #[error("{0}")]
    NotText(#[from] std::str::Utf8Error),
    /// It is not YAML rpod can read.
    #[error("{0}")]
    Parse(Box<ParseError>),
    /// Its YAML holds no Secret (or more than one document).
    #[error("it holds no Secret")]
    NoSecret,
}

impl From<ParseError> for Error {
    fn from(e: ParseError) -> Error {
        Error::Parse(Box::new(e))
    }
}

impl From<ParseError> for SecretDataError {
    fn from(e: ParseError) -> SecretDataError {
        SecretDataError::Parse(Box::new(e))
    }
}

/// What is wrong with a `hostPath` volume (Kubernetes' `type` checks).
#[derive(Debug, thiserror::Error)]
pub enum HostPathError {
    /// `DirectoryOrCreate`: the directory could not be made.
    #[error("creating {}: {source}", .path.display())]
    Create {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `FileOrCreate`: the file or its directory could not be made (the
    /// error names the path).
    #[error("{0}")]
    CreateFile(#[source] io::Error),
    /// `Directory`: the path is no directory.
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// `File`: the path is no file.
    #[error("{} is not a file", .0.display())]
    NotAFile(PathBuf),
    /// The path does not exist, and the type does not create it.
    #[error("{} does not exist: create it, or set type: DirectoryOrCreate", .0.display())]
    Missing(PathBuf),
}

/// podman's wording of why `--authfile` cannot be read.
fn authfile_reason(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        "no such file or directory".to_string()
    } else {
        e.to_string()
    }
}
