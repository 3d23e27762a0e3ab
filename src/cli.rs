//! The command-line definition: podman's global flags and verbs (clap derive).
//! Each verb's arguments live in its own file under `commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;

/// A daemonless, rootless container manager.
///
/// `version` carries the word "version" so that `rpod --version` prints
/// `rpod version 0.1.0`, as podman prints `podman version 5.0.0`.
#[derive(Debug, Parser)]
///
/// As podman, a single-value option given twice takes the last value
/// (`--name a --name b`): `args_override_self`.
#[command(
    name = "rpod",
    version = concat!("version ", env!("CARGO_PKG_VERSION")),
    // podman's words: `rpod --help`'s first line, which scripts check.
    about = "Manage pods, containers and images",
    long_about = None,
    disable_version_flag = true,
    args_override_self = true
)]
pub struct Cli {
    /// Print the version and exit
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    /// Send output (stdout) from rpod to a file
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Do not output to stdout
    #[arg(long, hide = true)]
    pub noout: bool,
    /// Docker compatibility, force setting of log-level
    #[arg(short = 'D', long, hide = true)]
    pub debug: bool,
    /// Path to the graph root directory where images, containers, etc. are stored
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub root: Option<PathBuf>,
    /// Path to the 'run directory' where all state information is stored
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub runroot: Option<PathBuf>,
    /// Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        default_value = "warn",
        value_name = "LEVEL"
    )]
    pub log_level: String,
    /// Output logging information to syslog as well as the console
    #[arg(long, global = true, help_heading = "Global Options")]
    pub syslog: bool,
    /// Select which storage driver is used to manage storage of images and containers
    #[arg(long, global = true, help_heading = "Global Options", value_name = "DRIVER", value_parser = ["overlay", "vfs"])]
    pub storage_driver: Option<String>,
    /// Used to pass an option to the storage driver (overlay.mount_program=PATH mounts overlay with that program, e.g. fuse-overlayfs; overlay.imagestore=PATH names an additional image store, checked and shown by info; replaces storage.conf's options)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "OPTION"
    )]
    pub storage_opt: Vec<String>,
    /// Path to the mounts.conf file (HOST:CONTAINER lines bound read-only into every container and build step)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub default_mounts_file: Option<std::path::PathBuf>,
    /// Path to the tmp directory for podman's runtime content (accepted; rpod keeps its scratch files in the store, for atomic renames)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub tmpdir: Option<std::path::PathBuf>,
    /// Path to the OCI runtime (rpod runs containers itself: another runtime is ignored with a warning)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub runtime: Option<String>,
    /// Add global flags for the container runtime (refused: rpod has no external runtime)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "FLAG"
    )]
    pub runtime_flag: Vec<String>,
    /// Path to the volume directory in which volume data is stored
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub volumepath: Option<std::path::PathBuf>,
    /// Set the OCI hooks directory path (may be set multiple times)
    #[arg(
        long,
        global = true,
        help_heading = "Global Options",
        value_name = "PATH"
    )]
    pub hooks_dir: Vec<PathBuf>,
    /// Events backend to use ("file"|"journald"|"none")
    #[arg(long, global = true, help_heading = "Global Options", value_name = "BACKEND", value_parser = ["file", "journald", "none"])]
    pub events_backend: Option<String>,
    /// Database backend to use (sqlite, json, boltdb; rpod keeps its own JSON records whatever the name, and refuses boltdb as podman 5 refuses a new BoltDB database)
    #[arg(long, global = true, hide = true, value_name = "BACKEND")]
    pub db_backend: Option<String>,
    /// Load the containers.conf(5) module (a path, or a name in the containers.conf.modules directories); before the command only
    #[arg(long, help_heading = "Global Options", value_name = "MODULE")]
    pub module: Vec<String>,
    /// The verb to run
    #[command(subcommand)]
    pub command: Command,
}

/// Every verb rpod knows.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum Command {
    /// Pull an image from a registry
    Pull(commands::pull::PullArgs),
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<commands::build::BuildArgs>),
    /// Docker's spelling of build: `buildx build`
    #[command(subcommand)]
    Buildx(BuildxCommand),
    /// The container verbs (also under `rpod container`)
    #[command(flatten)]
    Ctr(ContainerVerb),
    /// List containers
    Ps(commands::ps::PsArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(commands::volume::VolumeCommand),
    /// Manage secrets
    #[command(subcommand)]
    Secret(commands::secret::SecretCommand),
    /// Manage OCI artifacts
    #[command(subcommand)]
    Artifact(commands::artifact::ArtifactCommand),
    /// Manage pods
    #[command(subcommand)]
    Pod(commands::pod::PodCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(commands::network::NetworkCommand),
    /// Run container healthchecks
    #[command(subcommand)]
    Healthcheck(commands::healthcheck::HealthcheckCommand),
    /// List images in local storage
    #[command(visible_alias = "image-ls")]
    Images(commands::images::ImagesArgs),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Display the configuration of an object
    Inspect(commands::inspect::InspectArgs),
    /// Show the history of an image
    History(commands::history::HistoryArgs),
    /// Add an additional name to a local image
    Tag(commands::tag::TagArgs),
    /// Remove a name from a local image
    Untag(commands::untag::UntagArgs),
    /// Remove one or more images from local storage
    Rmi(commands::rmi::RmiArgs),
    /// Save images to an archive or a directory
    Save(commands::save::SaveArgs),
    /// Load images from an archive or a directory
    Load(commands::load::LoadArgs),
    /// Import a tarball as a one-layer image
    Import(commands::import::ImportArgs),
    /// Push an image to a registry
    Push(commands::push::PushArgs),
    /// Inspect changes to a container's or image's file systems
    Diff(commands::diff::DiffArgs),
    /// Mount a working container's root filesystem
    Mount(commands::mount::MountArgs),
    /// Unmount working containers' root filesystems
    #[command(visible_alias = "unmount")]
    Umount(commands::mount::UmountArgs),
    /// Log in to a container registry
    Login(commands::login::LoginArgs),
    /// Log out of a container registry
    Logout(commands::logout::LogoutArgs),
    /// Run a command in a modified user namespace
    Unshare(commands::unshare::UnshareArgs),
    /// Display rpod system information
    Info(commands::info::InfoArgs),
    /// Show rpod events
    Events(commands::events::EventsArgs),
    /// Manage rpod
    #[command(subcommand)]
    System(SystemCommand),
    /// Display the rpod version information
    Version(commands::version::VersionArgs),
    /// Generate shell autocompletions
    Completion(commands::completion::CompletionArgs),
    /// Generate systemd units from Quadlet files; install, list, print and remove Quadlet files
    Quadlet(commands::quadlet::QuadletArgs),
    /// Define and run multi-container applications (Docker Compose's verbs)
    Compose(commands::compose::ComposeArgs),
    /// Generate structured data (systemd units, Kubernetes YAML) from containers and pods
    #[command(subcommand)]
    Generate(GenerateCommand),
    /// Play and generate Kubernetes YAML
    #[command(subcommand)]
    Kube(commands::kube::KubeCommand),
    /// Play Kubernetes YAML (podman's older spelling of `kube play`)
    #[command(subcommand)]
    Play(commands::kube::PlayCommand),
    /// Internal commands for rpod's own build and tests
    #[command(hide = true, subcommand)]
    Internal(InternalCommand),
}

/// `rpod buildx ...`
#[derive(Debug, Subcommand)]
pub enum BuildxCommand {
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<commands::build::BuildArgs>),
    /// Show the version of the builder (rpod's own)
    Version,
}

/// `rpod image ...`
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<commands::build::BuildArgs>),
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(commands::images::ImagesArgs),
    /// Pull an image from a registry
    Pull(commands::pull::PullArgs),
    /// Remove one or more images from local storage
    Rm(commands::rmi::RmiArgs),
    /// Add an additional name to a local image
    Tag(commands::tag::TagArgs),
    /// Remove a name from a local image
    Untag(commands::untag::UntagArgs),
    /// Display the configuration of an image
    Inspect(commands::inspect::ImageInspectArgs),
    /// Show the history of an image
    History(commands::history::HistoryArgs),
    /// Remove unused images
    Prune(commands::prune::ImagePruneArgs),
    /// Check if an image exists in local storage
    Exists(commands::exists::ExistsArgs),
    /// Save images to an archive or a directory
    Save(commands::save::SaveArgs),
    /// Load images from an archive or a directory
    Load(commands::load::LoadArgs),
    /// Import a tarball as a one-layer image
    Import(commands::import::ImportArgs),
    /// Push an image to a registry
    Push(commands::push::PushArgs),
    /// Inspect changes to an image's file system
    Diff(commands::diff::ImageDiffArgs),
    /// Mount an image's root filesystem
    Mount(commands::mount::ImageMountArgs),
    /// Unmount images' root filesystems
    #[command(visible_alias = "unmount")]
    Umount(commands::mount::ImageUmountArgs),
    /// Sign an image
    Sign(commands::sign::SignArgs),
}

/// `rpod generate ...`
#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// Generate systemd service files for a container or a pod
    ///
    /// Without --new the unit starts and stops the existing container (`rpod start`,
    /// `rpod stop`). With --new the unit creates a fresh container from the original
    /// `run`/`create` arguments on every start and removes it on stop, which is what
    /// you want for a service.
    ///
    /// For a pod: one unit per container and one for the pod (pod-NAME.service), which
    /// starts its containers' units; with --new it recreates the pod (`pod create`).
    ///
    /// Copy the file to ~/.config/systemd/user/ (or /etc/systemd/system/ as root),
    /// then run `systemctl --user daemon-reload` and
    /// `systemctl --user enable --now container-NAME.service`. A user's services stop
    /// when the user's last login session ends unless lingering is enabled: run
    /// `loginctl enable-linger $USER` for services that should outlive the login
    /// session and start at boot.
    Systemd(commands::generate::GenerateSystemdArgs),
    /// Generate Kubernetes YAML from containers, pods or volumes (as `kube generate`)
    Kube(commands::kube::GenerateKubeArgs),
}

/// The container verbs podman offers both at the top level (`rpod stop`)
/// and under their noun (`rpod container stop`).
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum ContainerVerb {
    /// Run a command in a new container
    // `create`'s own flag is not `run`'s: hidden there, refused when given.
    #[command(mut_arg("init_ctr", |a: clap::Arg| a.hide(true)))]
    Run(commands::run::RunArgs),
    /// Create a container without starting it
    // The flags only `run` has are not `create`'s (as podman's): hidden
    // here, and refused when given (`commands::create`).
    #[command(
        mut_arg("rmi", |a: clap::Arg| a.hide(true)),
        mut_arg("sig_proxy", |a: clap::Arg| a.hide(true)),
        mut_arg("detach_keys", |a: clap::Arg| a.hide(true)),
        mut_arg("preserve_fds", |a: clap::Arg| a.hide(true)),
        mut_arg("preserve_fd", |a: clap::Arg| a.hide(true)),
        mut_arg("detach", |a: clap::Arg| a.hide(true))
    )]
    Create(commands::run::RunArgs),
    /// Start created or exited containers
    Start(commands::start::StartArgs),
    /// Stop running containers
    Stop(commands::stop::StopArgs),
    /// Send a signal to running containers
    Kill(commands::kill::KillArgs),
    /// Wait for containers to stop and print their exit codes
    Wait(commands::wait::WaitArgs),
    /// Remove containers
    Rm(commands::rm::RmArgs),
    /// Show a container's output
    Logs(commands::logs::LogsArgs),
    /// Rename a container
    Rename(commands::rename::RenameArgs),
    /// Update an existing container's resource limits, restart policy and healthcheck
    Update(commands::update::UpdateArgs),
    /// Stop and start containers again
    Restart(commands::restart::RestartArgs),
    /// Pause all the processes in containers
    #[command(mut_arg("all", |a: clap::Arg| a.help("Pause all running containers")))]
    Pause(commands::pause::PauseArgs),
    /// Unpause the processes in paused containers
    #[command(mut_arg("all", |a: clap::Arg| a.help("Unpause all paused containers")))]
    Unpause(commands::pause::PauseArgs),
    /// Show the processes running in a container
    Top(commands::top::TopArgs),
    /// Display a live stream of container resource usage statistics
    Stats(commands::stats::StatsArgs),
    /// Run a command in a running container
    Exec(commands::exec::UserExecArgs),
    /// Attach to a running container (detach with ctrl-p,ctrl-q)
    Attach(commands::attach::AttachArgs),
    /// List a container's published ports
    Port(commands::port::PortArgs),
    /// Create a new image from a container's changes
    Commit(commands::commit::CommitArgs),
    /// Copy files between a container and the host
    Cp(commands::cp::CpArgs),
    /// Export a container's file system as a tar archive
    Export(commands::export::ExportArgs),
}

/// `rpod container ...`: the container verbs under their noun.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum ContainerCommand {
    /// The verbs that also stand at the top level
    #[command(flatten)]
    Verb(ContainerVerb),
    /// List containers
    // podman's name is `list` (`ls` its alias; `ps` a twin command).
    #[command(name = "list", visible_alias = "ls", visible_alias = "ps")]
    Ls(commands::ps::PsArgs),
    /// Show containers' configuration and state as JSON
    Inspect(commands::inspect::ContainerInspectArgs),
    /// Clean up network and mountpoints of one or more containers
    Cleanup(commands::cleanup::CleanupArgs),
    /// Exit 0 when the container exists, 1 when not
    Exists(commands::exists::ContainerExistsArgs),
    /// Remove all stopped containers
    Prune(commands::container_prune::ContainerPruneArgs),
    /// Inspect changes to a container's file system
    Diff(commands::diff::DiffArgs),
    /// Mount a working container's root filesystem
    Mount(commands::mount::MountArgs),
    /// Unmount working containers' root filesystems
    #[command(visible_alias = "unmount")]
    Umount(commands::mount::UmountArgs),
}

/// `rpod system ...`
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Show rpod events
    Events(commands::events::EventsArgs),
    /// Display rpod system information
    Info(commands::info::InfoArgs),
    /// Reset rpod storage: remove all images, layers and containers
    Reset(commands::reset::ResetArgs),
    /// Show rpod disk usage
    Df(commands::system::DfArgs),
    /// Remove unused data: stopped containers, unused networks, dangling images
    Prune(commands::system::SystemPruneArgs),
}

/// `rpod internal ...` (hidden)
#[derive(Debug, Subcommand)]
pub enum InternalCommand {
    /// Supervise one container (started by `run -d` and `start`)
    Monitor(commands::monitor::MonitorArgs),
    /// Write or check the man pages and shell completions generated from this CLI
    GenDocs(commands::completion::GenDocsArgs),
    /// Run a command in a running container, given the host pid of its PID 1 (for tests)
    Exec(commands::exec::ExecArgs),
    /// Lease (or release) addresses on a network for a container ID (for tests)
    NetworkLease(commands::network::LeaseArgs),
    /// Hold the namespace of bridge networks while containers use them (started by `run`)
    NetworkHolder(commands::monitor::HolderArgs),
    /// Be PID 1 of a pod's shared PID namespace while its containers run (started by `start`)
    PodHolder(commands::monitor::PodHolderArgs),
}
