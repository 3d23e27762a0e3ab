//! `rpod compose`: Docker Compose v2's verbs and flags. `config` works: it
//! loads the project with `libpod::compose` and prints the normalised model.
//!
//! TEMPORARY (issue 15, engine half): every verb that creates or touches
//! containers (`up`, `down`, `ps`, ...) is accepted by name and exits 125
//! with "not implemented yet", until the compose engine exists.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use libpod::compose::{self, Format, Loaded, Options};

use crate::output;

/// `rpod compose [-f FILE]... [-p NAME] [--profile P]... [--env-file F]... VERB`
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Compose configuration files (default: compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml, found upwards)
    #[arg(short = 'f', long = "file", value_name = "FILE", global = true)]
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

/// Arguments of a verb that is not implemented yet (accepted so the message is clear).
#[derive(Debug, Args)]
pub struct PendingArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    args: Vec<String>,
}

/// The compose verbs.
#[derive(Debug, Subcommand)]
pub enum ComposeCommand {
    /// Parse, resolve and render the compose file in canonical format
    Config(ConfigArgs),
    /// Create and start containers (not implemented yet)
    #[command(hide = true)]
    Up(PendingArgs),
    /// Stop and remove containers, networks (not implemented yet)
    #[command(hide = true)]
    Down(PendingArgs),
    /// List containers (not implemented yet)
    #[command(hide = true)]
    Ps(PendingArgs),
    /// View output from containers (not implemented yet)
    #[command(hide = true)]
    Logs(PendingArgs),
    /// Build or rebuild services (not implemented yet)
    #[command(hide = true)]
    Build(PendingArgs),
    /// Pull service images (not implemented yet)
    #[command(hide = true)]
    Pull(PendingArgs),
    /// Push service images (not implemented yet)
    #[command(hide = true)]
    Push(PendingArgs),
    /// Create containers for a service (not implemented yet)
    #[command(hide = true)]
    Create(PendingArgs),
    /// Start services (not implemented yet)
    #[command(hide = true)]
    Start(PendingArgs),
    /// Stop services (not implemented yet)
    #[command(hide = true)]
    Stop(PendingArgs),
    /// Restart service containers (not implemented yet)
    #[command(hide = true)]
    Restart(PendingArgs),
    /// Pause services (not implemented yet)
    #[command(hide = true)]
    Pause(PendingArgs),
    /// Unpause services (not implemented yet)
    #[command(hide = true)]
    Unpause(PendingArgs),
    /// Force stop service containers (not implemented yet)
    #[command(hide = true)]
    Kill(PendingArgs),
    /// Remove stopped service containers (not implemented yet)
    #[command(hide = true)]
    Rm(PendingArgs),
    /// Execute a command in a running container (not implemented yet)
    #[command(hide = true)]
    Exec(PendingArgs),
    /// Run a one-off command on a service (not implemented yet)
    #[command(hide = true)]
    Run(PendingArgs),
    /// Display the running processes (not implemented yet)
    #[command(hide = true)]
    Top(PendingArgs),
    /// Print the public port for a port binding (not implemented yet)
    #[command(hide = true)]
    Port(PendingArgs),
    /// List images used by the created containers (not implemented yet)
    #[command(hide = true)]
    Images(PendingArgs),
    /// List running compose projects (not implemented yet)
    #[command(hide = true)]
    Ls(PendingArgs),
}

impl ComposeCommand {
    fn pending_name(&self) -> Option<&'static str> {
        Some(match self {
            ComposeCommand::Config(_) => return None,
            ComposeCommand::Up(_) => "up",
            ComposeCommand::Down(_) => "down",
            ComposeCommand::Ps(_) => "ps",
            ComposeCommand::Logs(_) => "logs",
            ComposeCommand::Build(_) => "build",
            ComposeCommand::Pull(_) => "pull",
            ComposeCommand::Push(_) => "push",
            ComposeCommand::Create(_) => "create",
            ComposeCommand::Start(_) => "start",
            ComposeCommand::Stop(_) => "stop",
            ComposeCommand::Restart(_) => "restart",
            ComposeCommand::Pause(_) => "pause",
            ComposeCommand::Unpause(_) => "unpause",
            ComposeCommand::Kill(_) => "kill",
            ComposeCommand::Rm(_) => "rm",
            ComposeCommand::Exec(_) => "exec",
            ComposeCommand::Run(_) => "run",
            ComposeCommand::Top(_) => "top",
            ComposeCommand::Port(_) => "port",
            ComposeCommand::Images(_) => "images",
            ComposeCommand::Ls(_) => "ls",
        })
    }
}

/// Runs `rpod compose ...`.
pub fn run(args: ComposeArgs) -> anyhow::Result<u8> {
    if let Some(verb) = args.command.pending_name() {
        anyhow::bail!(
            "rpod compose {verb} is not implemented yet: this version only has `rpod compose config` (the compose engine is still to come)"
        );
    }
    let ComposeCommand::Config(config) = args.command else {
        unreachable!("pending verbs returned above")
    };
    let opts = Options {
        files: args.file,
        project_name: args.project_name,
        project_directory: args.project_directory,
        profiles: args.profile,
        env_files: args.env_file,
        services: config.services.clone(),
        cwd: std::env::current_dir()?,
        environment: std::env::vars().collect(),
        skip_consistency: config.no_consistency,
    };
    let loaded = compose::load(&opts).map_err(libpod::Error::from)?;
    for w in &loaded.warnings {
        output::warn(w);
    }
    run_config(&loaded, &config)
}

fn run_config(loaded: &Loaded, args: &ConfigArgs) -> anyhow::Result<u8> {
    let p = &loaded.project;
    if args.list_services {
        for name in p.service_order() {
            output::println(&name);
        }
    } else if args.list_volumes {
        for name in p.volumes.keys() {
            output::println(name);
        }
    } else if args.list_networks {
        for name in p.networks.keys() {
            output::println(name);
        }
    } else if args.list_profiles {
        for name in &loaded.profiles {
            output::println(name);
        }
    } else {
        let format = match args.format {
            ConfigFormat::Yaml => Format::Yaml,
            ConfigFormat::Json => Format::Json,
        };
        let text = compose::render(loaded, format).map_err(libpod::Error::from)?;
        if !args.quiet {
            output::print_raw(&text);
        }
    }
    Ok(0)
}
