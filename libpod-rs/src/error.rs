//! The crate's top-level error: every module's own error, plus the exit code
//! the CLI should use for it (podman's `define/exec_codes.go`).

/// Exit code for an error of rpod itself.
pub const EXIT_RPOD: u8 = 125;
/// Exit code when the container's command exists but cannot be invoked.
pub const EXIT_CANNOT_INVOKE: u8 = 126;
/// Exit code when the container's command is not found.
pub const EXIT_NOT_FOUND: u8 = 127;

/// Any error libpod returns; each variant wraps one module's typed error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An image reference does not parse.
    #[error(transparent)]
    Reference(#[from] crate::reference::Error),
    /// Compose files.
    #[error(transparent)]
    Compose(#[from] crate::compose::Error),
    /// A file read on the user's behalf (too large, unreadable).
    #[error(transparent)]
    UserFile(#[from] crate::userfile::Error),
    /// Configuration files or paths.
    #[error(transparent)]
    Config(#[from] crate::config::Error),
    /// Talking to a registry.
    #[error(transparent)]
    Registry(#[from] crate::registry::Error),
    /// The on-disk store.
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    /// Image lookup and records.
    #[error(transparent)]
    Image(#[from] crate::image::Error),
    /// A pull.
    #[error(transparent)]
    Pull(#[from] crate::image::pull::Error),
    /// Writing new layers and images.
    #[error(transparent)]
    Author(#[from] crate::image::author::Error),
    /// Saving, loading and importing images.
    #[error(transparent)]
    Archive(#[from] crate::image::archive::Error),
    /// Pushing an image.
    #[error(transparent)]
    Push(#[from] crate::image::push::Error),
    /// Signing an image (`image sign`).
    #[error(transparent)]
    Sign(#[from] crate::image::sign::Error),
    /// Unpacking or removing layers.
    #[error(transparent)]
    Layer(#[from] crate::layer::Error),
    /// User namespaces and id mappings.
    #[error(transparent)]
    Userns(#[from] crate::userns::Error),
    /// Building the container's OCI spec.
    #[error(transparent)]
    Spec(#[from] crate::spec::Error),
    /// Container records.
    #[error(transparent)]
    Container(#[from] crate::container::Error),
    /// Creating a container (planning it, committing the plan).
    #[error(transparent)]
    Create(#[from] crate::container::CreateError),
    /// `--cidfile` files.
    #[error(transparent)]
    Cidfile(#[from] crate::container::cidfile::Error),
    /// Volumes and `-v`/`--mount` values.
    #[error(transparent)]
    Volume(#[from] crate::volume::Error),
    /// The artifact store.
    #[error(transparent)]
    Artifact(#[from] crate::artifact::Error),
    /// The secret store.
    #[error(transparent)]
    Secret(#[from] crate::secret::Error),
    /// The events journal.
    #[error(transparent)]
    Events(#[from] crate::events::Error),
    /// Network modes, published ports and network helpers.
    #[error(transparent)]
    Network(#[from] crate::network::Error),
    /// Pods.
    #[error(transparent)]
    Pod(#[from] crate::pod::Error),
    /// Running a container (126/127 when its command cannot be run).
    #[error(transparent)]
    Runtime(#[from] crate::runtime::Error),
    /// The supervision of a container (its own failures: pipes, the
    /// attach client, the notify relay, the log).
    #[error(transparent)]
    Monitor(crate::monitor::Error),
    /// A command could not be started (`unshare`, later `run` and `exec`).
    #[error("{command}: {source}")]
    Exec {
        /// The command.
        command: String,
        /// 126 (cannot invoke) or 127 (not found).
        code: u8,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// An image cannot be removed: a container uses it (`rmi` exits 2).
    #[error("image used by {container}: image is in use by a container: consider listing external containers and force-removing image")]
    ImageInUse {
        /// The container's ID.
        container: String,
    },
    /// `cp` and `export`.
    #[error(transparent)]
    Copy(#[from] crate::engine::CopyError),
    /// Giving a container its network (joining a namespace, the holder).
    #[error(transparent)]
    ContainerNetwork(#[from] crate::engine::ContainerNetworkError),
    /// Joining another container's namespaces at start.
    #[error(transparent)]
    Namespace(#[from] crate::engine::NamespaceError),
    /// Resolving a create request against the host and containers.conf.
    #[error(transparent)]
    CreateRequest(#[from] crate::engine::CreateRequestError),
    /// Running or recording a healthcheck.
    #[error(transparent)]
    Healthcheck(#[from] crate::engine::HealthcheckError),
    /// `top`'s ps(1).
    #[error(transparent)]
    Top(#[from] crate::engine::TopError),
    /// A container's cgroup (pause, stats, limits).
    #[error(transparent)]
    ContainerCgroup(#[from] crate::engine::CgroupError),
    /// `kill` and `stop`.
    #[error(transparent)]
    Stop(#[from] crate::engine::StopError),
    /// `update`.
    #[error(transparent)]
    Update(#[from] crate::engine::UpdateError),
    /// Starting, attaching to and waiting for containers.
    #[error(transparent)]
    Lifecycle(#[from] crate::engine::LifecycleError),
    /// `volume export` and `volume import`.
    #[error(transparent)]
    VolumeArchive(#[from] crate::engine::VolumeArchiveError),
    /// Setting up a build's RUN step.
    #[error(transparent)]
    BuildRun(#[from] crate::engine::BuildRunError),
    /// A container's OCI hooks (loading them, running one).
    #[error(transparent)]
    Hook(#[from] crate::runtime::hooks::Error),
    /// `commit`.
    #[error(transparent)]
    Commit(#[from] crate::engine::CommitError),
    /// Opening the engine as configured.
    #[error(transparent)]
    Setup(#[from] crate::engine::SetupError),
    /// Image verbs (pull, tag, untag, login, rmi).
    #[error(transparent)]
    ImageOp(#[from] crate::engine::ImageOpError),
    /// Running a command in a container's namespaces.
    #[error(transparent)]
    ContainerExec(#[from] crate::engine::ExecError),
    /// `mount` and `image mount`.
    #[error(transparent)]
    Mount(#[from] crate::engine::MountError),
    /// `system prune` filters and `system df`.
    #[error(transparent)]
    System(#[from] crate::engine::SystemError),
    /// `network connect`, `disconnect` and `reload`.
    #[error(transparent)]
    Connect(#[from] crate::engine::ConnectError),
    /// `diff`.
    #[error(transparent)]
    Diff(#[from] crate::engine::DiffError),
    /// Kubernetes YAML: `kube play`, `kube down`, `kube generate`.
    #[error(transparent)]
    Kube(#[from] crate::kube::Error),
    /// The engine's `save`, `load`, `import` and `push`.
    #[error(transparent)]
    ImageIo(#[from] crate::engine::ImageIoError),
    /// `build`: its inputs, or a step of rpod's own failing.
    #[error(transparent)]
    Build(#[from] crate::engine::BuildError),
    /// Running a compose project (up, run, down, start, pull, push, logs).
    #[error(transparent)]
    ComposeProject(#[from] crate::compose::project::ProjectError),
}

impl From<crate::monitor::Error> for Error {
    fn from(e: crate::monitor::Error) -> Error {
        match e {
            // As before the loop moved: a runtime error is the runtime's.
            crate::monitor::Error::Runtime(e) => Error::Runtime(e),
            e => Error::Monitor(e),
        }
    }
}

impl Error {
    /// The process exit code the CLI should return for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Exec { code, .. } => *code,
            Error::Runtime(e) => e.exit_code(),
            Error::Monitor(e) => e.exit_code(),
            // podman: the container could not be started (126).
            Error::Network(crate::network::Error::PortInUse { .. }) => 126,
            // podman: a user or group missing from the container's files
            // is found when the container starts (126).
            Error::Create(
                crate::container::CreateError::Spec(crate::spec::Error::UnknownUser { .. })
                | crate::container::CreateError::UnknownHostUser(_),
            ) => 126,
            // podman: the runtime finds no command to run (127).
            Error::Create(crate::container::CreateError::Spec(
                crate::spec::Error::RootfsNoCommand,
            )) => 127,
            _ => EXIT_RPOD,
        }
    }

    /// Whether this error means "no such container".
    pub fn is_container_not_found(&self) -> bool {
        matches!(self, Error::Container(crate::container::Error::NotFound(_)))
    }

    /// Whether this error means "the container's state does not allow
    /// this" (podman's `container state improper`).
    pub fn is_state_improper(&self) -> bool {
        matches!(
            self,
            Error::Container(
                crate::container::Error::Running { .. } | crate::container::Error::StateImproper(_)
            )
        )
    }

    /// Whether this error means "no such pod".
    pub fn is_pod_not_found(&self) -> bool {
        matches!(self, Error::Pod(crate::pod::Error::NotFound(_)))
    }

    /// Whether this error means "no such volume".
    pub fn is_volume_not_found(&self) -> bool {
        matches!(self, Error::Volume(crate::volume::Error::NotFound(_)))
    }

    /// Whether this error means "no such artifact".
    pub fn is_artifact_not_found(&self) -> bool {
        matches!(self, Error::Artifact(e) if e.is_not_found())
    }

    /// Whether this error means "no such secret".
    pub fn is_secret_not_found(&self) -> bool {
        matches!(self, Error::Secret(crate::secret::Error::NotFound(_)))
    }

    /// Whether this error means "no such network".
    pub fn is_network_not_found(&self) -> bool {
        matches!(
            self,
            Error::Network(crate::network::Error::Definition(
                crate::network::config::ConfigError::NotFound(_)
            ))
        )
    }

    /// Whether this error means "network in use" (`network rm` exits 2).
    pub fn is_network_in_use(&self) -> bool {
        matches!(self, Error::Network(crate::network::Error::InUse { .. }))
    }

    /// Whether this error means "no such image" (for `image exists` and friends).
    pub fn is_image_not_found(&self) -> bool {
        matches!(self, Error::Image(crate::image::Error::NotFound(_)))
    }
}

/// Result with libpod's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
