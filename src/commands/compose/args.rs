//! `rpod compose`'s verbs and flags (Docker Compose v2's).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// `rpod compose [-f FILE]... [-p NAME] [--profile P]... [--env-file F]... VERB`
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Compose configuration files (default: compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml, found upwards)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Vec<PathBuf>,
    /// Project name (default: `name:` in the file, else the directory's name)
    #[arg(short = 'p', long = "project-name", value_name = "NAME", global = true)]
    pub project_name: Option<String>,
    /// Enable services of this profile (also COMPOSE_PROFILES)
    #[arg(long, value_name = "PROFILE", global = true)]
    pub profile: Vec<String>,
    /// Read variables for interpolation from this file instead of the project's .env
    #[arg(long = "env-file", value_name = "FILE", global = true)]
    pub env_file: Vec<PathBuf>,
    /// The project directory (default: the first compose file's directory)
    #[arg(long = "project-directory", value_name = "DIR", global = true)]
    pub project_directory: Option<PathBuf>,
    /// The compose verb
    #[command(subcommand)]
    pub command: ComposeCommand,
}

/// Output formats of `compose config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigFormat {
    /// YAML, as `docker compose config` prints it
    Yaml,
    /// JSON
    Json,
}

/// `rpod compose config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Only these services (and what they depend on)
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Print the service names, one per line
    #[arg(long = "services")]
    pub list_services: bool,
    /// Print the volume names, one per line
    #[arg(long = "volumes")]
    pub list_volumes: bool,
    /// Print the network names, one per line
    #[arg(long = "networks")]
    pub list_networks: bool,
    /// Print the profile names, one per line
    #[arg(long = "profiles")]
    pub list_profiles: bool,
    /// Only validate the configuration, print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "yaml", value_name = "FORMAT")]
    pub format: ConfigFormat,
    /// Don't check model consistency (may print an invalid project)
    #[arg(long)]
    pub no_consistency: bool,
}

/// `compose up`.
#[derive(Debug, Args)]
pub struct UpArgs {
    /// Only these services (and what they depend on)
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Detached mode: run containers in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Build images before starting containers
    #[arg(long, conflicts_with = "no_build")]
    pub build: bool,
    /// Don't build an image, even if it's missing
    #[arg(long)]
    pub no_build: bool,
    /// Recreate containers even if their configuration hasn't changed
    #[arg(long, conflicts_with = "no_recreate")]
    pub force_recreate: bool,
    /// If containers already exist, don't recreate them
    #[arg(long)]
    pub no_recreate: bool,
    /// Remove containers for services not defined in the Compose file
    #[arg(long)]
    pub remove_orphans: bool,
    /// Wait for services to be running
    #[arg(long)]
    pub wait: bool,
    /// Scale SERVICE to NUM instances (overrides `scale` and `deploy.replicas`)
    #[arg(long, value_name = "SERVICE=NUM")]
    pub scale: Vec<String>,
    /// Don't start linked services
    #[arg(long)]
    pub no_deps: bool,
    /// Don't start the services after creating them
    #[arg(long)]
    pub no_start: bool,
    /// Don't print anything to stdout (accepted)
    #[arg(long)]
    pub quiet_pull: bool,
    /// Use this timeout in seconds for container shutdown when attached or when containers are already running
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
}

/// `compose create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Build images before creating containers
    #[arg(long)]
    pub build: bool,
    /// Don't build an image, even if it's missing
    #[arg(long)]
    pub no_build: bool,
    /// Recreate containers even if their configuration hasn't changed
    #[arg(long)]
    pub force_recreate: bool,
    /// If containers already exist, don't recreate them
    #[arg(long)]
    pub no_recreate: bool,
    /// Remove containers for services not defined in the Compose file
    #[arg(long)]
    pub remove_orphans: bool,
}

/// `--rmi` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Rmi {
    /// Images without a custom name (`image:`)
    Local,
    /// Every image the services use
    All,
}

/// `compose down`.
#[derive(Debug, Args)]
pub struct DownArgs {
    /// Remove named volumes declared in the volumes section and anonymous volumes
    #[arg(short, long)]
    pub volumes: bool,
    /// Remove images used by services
    #[arg(long, value_enum, value_name = "TYPE")]
    pub rmi: Option<Rmi>,
    /// Remove containers for services not defined in the Compose file
    #[arg(long)]
    pub remove_orphans: bool,
    /// Seconds to wait before killing
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
}

/// `compose ps`.
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Show all containers, stopped ones included
    #[arg(short, long)]
    pub all: bool,
    /// Format: table (default), json, or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only display IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Display services
    #[arg(long)]
    pub services_only: bool,
}

/// `compose logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Number of lines to show from the end of the logs for each container
    #[arg(short = 'n', long, value_name = "N")]
    pub tail: Option<String>,
    /// Show timestamps
    #[arg(short, long)]
    pub timestamps: bool,
    /// Produce monochrome output
    #[arg(long)]
    pub no_color: bool,
    /// Don't print prefix in logs
    #[arg(long)]
    pub no_log_prefix: bool,
}

/// Verbs that take services only (`start`, `pause`, `top`, `images`...).
#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
}

/// `compose stop` and `compose restart`.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Seconds to wait before killing
    #[arg(short, long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
}

/// `compose kill`.
#[derive(Debug, Args)]
pub struct KillArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Signal to send
    #[arg(short, long, value_name = "SIGNAL", default_value = "SIGKILL")]
    pub signal: String,
    /// Remove containers for services not defined in the Compose file (accepted)
    #[arg(long)]
    pub remove_orphans: bool,
}

/// `compose rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Don't ask to confirm removal
    #[arg(short, long)]
    pub force: bool,
    /// Stop the containers, if required, before removing
    #[arg(short, long)]
    pub stop: bool,
    /// Remove any anonymous volumes attached to containers
    #[arg(short, long)]
    pub volumes: bool,
}

/// `compose exec`.
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct ExecArgs {
    /// Detached mode: run the command in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Index of the container if the service has several replicas
    #[arg(long, default_value = "1", value_name = "N")]
    pub index: u32,
    /// Disable pseudo-TTY allocation (default: a TTY when stdin is one)
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    /// Give extended privileges to the process
    #[arg(long)]
    pub privileged: bool,
    /// Run the command as this user
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Path to workdir directory for this command
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// The service
    #[arg(value_name = "SERVICE")]
    pub service: String,
    /// The command and its arguments
    #[arg(value_name = "COMMAND", required = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// `compose run`.
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// Run the container in the background and print its name
    #[arg(short, long)]
    pub detach: bool,
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Set environment variables
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Override the entrypoint of the image
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Don't start linked services
    #[arg(long)]
    pub no_deps: bool,
    /// Disable pseudo-TTY allocation (default: a TTY when stdin is one)
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    /// The service
    #[arg(value_name = "SERVICE")]
    pub service: String,
    /// The command and its arguments (the service's when omitted)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// `compose pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Pull what it can and ignore images with pull failures
    #[arg(long)]
    pub ignore_pull_failures: bool,
    /// Pull without printing progress information (accepted)
    #[arg(short, long)]
    pub quiet: bool,
}

/// `compose push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// Only these services
    #[arg(value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Push what it can and ignore images with push failures
    #[arg(long)]
    pub ignore_push_failures: bool,
}

/// `compose port`.
#[derive(Debug, Args)]
pub struct PortArgs {
    /// The service
    #[arg(value_name = "SERVICE")]
    pub service: String,
    /// The private port
    #[arg(value_name = "PRIVATE_PORT")]
    pub port: u16,
    /// Index of the container if the service has several replicas
    #[arg(long, default_value = "1", value_name = "N")]
    pub index: u32,
}

/// The compose verbs.
#[derive(Debug, Subcommand)]
pub enum ComposeCommand {
    /// Parse, resolve and render the compose file in canonical format
    Config(ConfigArgs),
    /// Create and start containers
    Up(UpArgs),
    /// Stop and remove containers, networks
    Down(DownArgs),
    /// List containers
    Ps(PsArgs),
    /// View output from containers
    Logs(LogsArgs),
    /// Build or rebuild services
    Build(ServicesArgs),
    /// Pull service images
    Pull(PullArgs),
    /// Creates containers for a service
    Create(CreateArgs),
    /// Start services
    Start(ServicesArgs),
    /// Stop services
    Stop(StopArgs),
    /// Restart service containers
    Restart(StopArgs),
    /// Pause services
    Pause(ServicesArgs),
    /// Unpause services
    Unpause(ServicesArgs),
    /// Force stop service containers
    Kill(KillArgs),
    /// Removes stopped service containers
    Rm(RmArgs),
    /// Execute a command in a running container
    Exec(ExecArgs),
    /// Run a one-off command on a service
    Run(RunArgs),
    /// Display the running processes
    Top(ServicesArgs),
    /// Print the public port for a port binding
    Port(PortArgs),
    /// List images used by the created containers
    Images(ServicesArgs),
    /// List running compose projects
    Ls,
    /// Push service images
    Push(PushArgs),
}
