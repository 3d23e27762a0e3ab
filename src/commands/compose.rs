//! `rpod compose` (also `docker compose` with `alias docker=rpod`, and
//! podman's `podman compose`): Docker Compose v2's verbs and flags. The
//! project is loaded with `libpod::compose` and acted on by
//! `libpod::compose::project`; this file parses and prints only.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::{Args, Subcommand, ValueEnum};
use libpod::compose::project::{
    self, BuildPolicy, Context, DownOptions, Kind, RemoveImages, RunOptions, Step, UpOptions,
};
use libpod::compose::{self, Format, Loaded, Options};
use libpod::container::logs::ReadOptions;
use libpod::engine::ExecOutcome;
use libpod::spec::ExecOptions;
use serde::Serialize;

use super::Globals;
use crate::output;

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
/// Prints progress as Docker Compose v2 does, on stderr.
struct Printer;

impl project::Progress for Printer {
    fn step(&self, kind: Kind, name: &str, step: Step) {
        let mark = if step == Step::Error { "✘" } else { "✔" };
        output::eprintln(&format!(" {mark} {kind} {name}  {step}"));
    }
    fn warn(&self, message: &str) {
        output::warn(message);
    }
}

/// Runs `rpod compose ...`.
pub fn run(g: &Globals, args: ComposeArgs) -> anyhow::Result<u8> {
    let services = match &args.command {
        ComposeCommand::Config(c) => c.services.clone(),
        _ => Vec::new(),
    };
    let opts = Options {
        files: args.file,
        project_name: args.project_name,
        project_directory: args.project_directory,
        profiles: args.profile,
        env_files: args.env_file,
        services,
        cwd: std::env::current_dir()?,
        environment: std::env::vars().collect(),
        skip_consistency: matches!(&args.command, ComposeCommand::Config(c) if c.no_consistency),
    };
    let loaded = compose::load(&opts).map_err(libpod::Error::from)?;
    for w in &loaded.warnings {
        output::warn(w);
    }
    if let ComposeCommand::Config(config) = &args.command {
        return run_config(&loaded, config);
    }
    if let ComposeCommand::Ls = &args.command {
        return run_ls(g);
    }
    let engine = g.engine(false)?;
    if let Some(w) = engine.mapping_warning() {
        output::warn(w);
    }
    let ctx = Context::new(&engine, &loaded, &Printer);
    match args.command {
        ComposeCommand::Config(_) | ComposeCommand::Ls => unreachable!("handled above"),
        ComposeCommand::Up(a) => run_up(&ctx, a),
        ComposeCommand::Create(a) => {
            let opts = UpOptions {
                services: a.services,
                build: build_policy(a.build, a.no_build),
                force_recreate: a.force_recreate,
                no_recreate: a.no_recreate,
                remove_orphans: a.remove_orphans,
                no_start: true,
                ..UpOptions::default()
            };
            project::up(&ctx, &opts)?;
            Ok(0)
        }
        ComposeCommand::Down(a) => {
            let opts = DownOptions {
                remove_orphans: a.remove_orphans,
                volumes: a.volumes,
                rmi: a.rmi.map(|r| match r {
                    Rmi::Local => RemoveImages::Local,
                    Rmi::All => RemoveImages::All,
                }),
                timeout: a.timeout,
            };
            project::down(&ctx, &opts)?;
            Ok(0)
        }
        ComposeCommand::Ps(a) => run_ps(&ctx, a),
        ComposeCommand::Logs(a) => run_logs(&ctx, a),
        ComposeCommand::Build(a) => {
            project::build(&ctx, &a.services)?;
            Ok(0)
        }
        ComposeCommand::Pull(a) => {
            project::pull(&ctx, &a.services, a.ignore_pull_failures)?;
            Ok(0)
        }
        ComposeCommand::Start(a) => {
            project::start(&ctx, &a.services)?;
            Ok(0)
        }
        ComposeCommand::Stop(a) => {
            project::stop(&ctx, &a.services, a.timeout)?;
            Ok(0)
        }
        ComposeCommand::Restart(a) => {
            project::restart(&ctx, &a.services, a.timeout)?;
            Ok(0)
        }
        ComposeCommand::Pause(a) => run_pause(&ctx, &a.services, false),
        ComposeCommand::Unpause(a) => run_pause(&ctx, &a.services, true),
        ComposeCommand::Kill(a) => {
            let sig = libpod::spec::parse_signal(&a.signal)
                .map_err(|e| anyhow::anyhow!("--signal {}: {e}", a.signal))?;
            project::kill(&ctx, &a.services, sig as i32)?;
            Ok(0)
        }
        ComposeCommand::Rm(a) => {
            if project::rm(&ctx, &a.services, a.stop, a.volumes)? == 0 {
                output::eprintln("No stopped containers");
            }
            let _ = a.force;
            Ok(0)
        }
        ComposeCommand::Exec(a) => run_exec(&ctx, a),
        ComposeCommand::Run(a) => run_run(&ctx, a),
        ComposeCommand::Top(a) => run_top(&ctx, a),
        ComposeCommand::Port(a) => run_port(&ctx, a),
        ComposeCommand::Images(a) => run_images(&ctx, a),
        ComposeCommand::Push(a) => {
            project::push(&ctx, &a.services, a.ignore_push_failures)?;
            Ok(0)
        }
    }
}

fn build_policy(build: bool, no_build: bool) -> BuildPolicy {
    if build {
        BuildPolicy::Always
    } else if no_build {
        BuildPolicy::Never
    } else {
        BuildPolicy::Missing
    }
}

fn run_up(ctx: &Context<'_>, a: UpArgs) -> anyhow::Result<u8> {
    let mut scale = BTreeMap::new();
    for s in &a.scale {
        let (svc, n) = s
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--scale {s}: expected SERVICE=NUM"))?;
        let n: u32 = n
            .parse()
            .map_err(|_| anyhow::anyhow!("--scale {s}: {n:?} is not a number of containers"))?;
        scale.insert(svc.to_string(), n);
    }
    let opts = UpOptions {
        services: a.services.clone(),
        no_deps: a.no_deps,
        build: build_policy(a.build, a.no_build),
        force_recreate: a.force_recreate,
        no_recreate: a.no_recreate,
        remove_orphans: a.remove_orphans,
        wait: a.wait,
        scale,
        no_start: a.no_start,
    };
    let names = project::up(ctx, &opts)?;
    if a.detach || a.no_start || a.wait {
        return Ok(0);
    }
    // Attached: follow the containers' logs until they have all stopped.
    let containers: Vec<_> = names
        .iter()
        .filter_map(|n| ctx.engine.container(n).ok())
        .collect();
    let out: Mutex<std::io::Stdout> = Mutex::new(std::io::stdout());
    let notice = |m: &str| eprintln!("{m}");
    let ending = project::attached::follow(
        ctx,
        &containers,
        std::io::stdout().is_terminal(),
        &out,
        &notice,
    )?;
    Ok(match ending {
        project::attached::Ending::AllStopped => 0,
        project::attached::Ending::Interrupted => 130,
    })
}

/// A `compose ps` row (Docker Compose's field names).
#[derive(Serialize)]
#[allow(non_snake_case)]
struct PsRow {
    ID: String,
    Name: String,
    Image: String,
    Command: String,
    Project: String,
    Service: String,
    Created: i64,
    CreatedHuman: String,
    State: String,
    Status: String,
    ExitCode: i32,
    Ports: String,
    Labels: BTreeMap<String, String>,
}

const PS_HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Name", "NAME"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("Project", "PROJECT"),
    ("Service", "SERVICE"),
    ("CreatedHuman", "CREATED"),
    ("Created", "CREATED"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("ExitCode", "EXIT CODE"),
    ("Ports", "PORTS"),
    ("Labels", "LABELS"),
];

const PS_DEFAULT: &str = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}";

fn run_ps(ctx: &Context<'_>, a: PsArgs) -> anyhow::Result<u8> {
    let entries = project::ps(ctx, &a.services, a.all)?;
    if a.services_only {
        let mut seen = Vec::new();
        for e in &entries {
            if !seen.contains(&e.service) {
                output::println(&e.service);
                seen.push(e.service.clone());
            }
        }
        return Ok(0);
    }
    if a.quiet {
        for e in &entries {
            output::println(&e.container.config.id);
        }
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let rows: Vec<PsRow> = entries
        .iter()
        .map(|e| {
            let c = &e.container;
            let mut command = c.config.command.join(" ");
            if command.chars().count() > 20 {
                command = command.chars().take(17).collect::<String>() + "...";
            }
            PsRow {
                ID: c.config.id.clone(),
                Name: c.config.name.clone(),
                Image: c.config.image_name.clone(),
                Command: format!("\"{command}\""),
                Project: ctx.project.name.clone(),
                Service: e.service.clone(),
                Created: c.config.created.timestamp(),
                CreatedHuman: output::human::since(&c.config.created),
                State: c.state.status.to_string(),
                Status: super::ps::status_text(
                    c,
                    now,
                    &ctx.engine
                        .health_of(c)
                        .map(|h| h.status.as_str().to_string())
                        .unwrap_or_default(),
                ),
                ExitCode: c.state.exit_code,
                Ports: libpod::network::ports::format_ports(&c.config.port_mappings),
                Labels: c.config.labels.clone(),
            }
        })
        .collect();
    let format = output::row_format(a.format.as_deref(), PS_DEFAULT);
    output::print_rows(format, &rows, PS_HEADERS, false)
}

fn run_logs(ctx: &Context<'_>, a: LogsArgs) -> anyhow::Result<u8> {
    let containers = ctx.service_containers(&a.services)?;
    let tail = match a.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => usize::try_from(
            n.parse::<i64>()
                .map_err(|_| anyhow::anyhow!("--tail {n}: expected a number or all"))?,
        )
        .ok(),
    };
    let opts = ReadOptions {
        tail,
        timestamps: a.timestamps,
        ..ReadOptions::default()
    };
    let out: Mutex<std::io::Stdout> = Mutex::new(std::io::stdout());
    if a.no_log_prefix {
        let mut o = std::io::stdout();
        let mut e = std::io::stdout();
        for c in &containers {
            libpod::container::logs::read(&ctx.engine.log_path(c), &opts, &mut o, &mut e)?;
        }
        return Ok(0);
    }
    let colour = !a.no_color && std::io::stdout().is_terminal();
    project::logs::show(ctx.engine, &containers, &opts, a.follow, colour, &out)?;
    Ok(0)
}

fn run_pause(ctx: &Context<'_>, services: &[String], thaw: bool) -> anyhow::Result<u8> {
    for c in ctx.service_containers(services)? {
        ctx.engine.pause_container(&c.config.id, thaw)?;
        let word = if thaw { "Unpaused" } else { "Paused" };
        output::eprintln(&format!(" ✔ Container {}  {word}", c.config.name));
    }
    Ok(0)
}

/// The container `--index` of a service.
fn indexed(
    ctx: &Context<'_>,
    service: &str,
    index: u32,
) -> anyhow::Result<libpod::container::Container> {
    let list = ctx.service_containers(&[service.to_string()])?;
    list.into_iter()
        .find(|c| project::number_of(c) == index)
        .ok_or_else(|| anyhow::anyhow!("service {service:?} is not running: no container with index {index} (start it with `rpod compose up -d {service}`)"))
}

fn run_exec(ctx: &Context<'_>, a: ExecArgs) -> anyhow::Result<u8> {
    let c = indexed(ctx, &a.service, a.index)?;
    let tty = !a.no_tty && std::io::stdin().is_terminal();
    let opts = ExecOptions {
        args: a.command,
        env: super::exec::env_flags(a.env),
        user: a.user,
        workdir: a.workdir,
        tty,
        interactive: !a.detach,
        privileged: a.privileged,
        detach: a.detach,
        ..ExecOptions::default()
    };
    match ctx.engine.exec_in_container(&c.config.id, opts)? {
        ExecOutcome::Exited(code) => Ok(code),
        ExecOutcome::Started(_) => Ok(0),
    }
}

fn run_run(ctx: &Context<'_>, a: RunArgs) -> anyhow::Result<u8> {
    let tty = !a.no_tty && !a.detach && std::io::stdin().is_terminal();
    let opts = RunOptions {
        service: a.service,
        command: a.command,
        remove: a.rm,
        no_deps: a.no_deps,
        env: super::exec::env_flags(a.env),
        entrypoint: a.entrypoint,
        name: a.name,
        tty,
    };
    let id = project::run(ctx, &opts)?;
    let engine = ctx.engine;
    if a.detach {
        let c = engine.start_detached(&id)?;
        output::println(&c.config.name);
        return Ok(0);
    }
    if tty {
        let keys = libpod::monitor::attach::parse_detach_keys("ctrl-p,ctrl-q")
            .map_err(|e| anyhow::anyhow!("detach keys: {e}"))?;
        let end = engine.start_attached_via_monitor(&id, true, &keys)?;
        return super::attach::finish(engine, &id, end);
    }
    Ok(engine.start_attached(&id)?)
}

fn run_top(ctx: &Context<'_>, a: ServicesArgs) -> anyhow::Result<u8> {
    for c in ctx.service_containers(&a.services)? {
        if !project::is_running(&c) {
            continue;
        }
        output::println(&c.config.name);
        let procs = ctx.engine.container_processes(&c.config.id)?;
        let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
        for p in procs {
            lines.push(format!(
                "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
                p.user,
                p.pid,
                p.ppid,
                p.cpu_percent,
                output::human::go_duration(p.elapsed),
                p.tty,
                output::human::go_duration(p.cpu_time),
                p.command
            ));
        }
        output::print_raw(&output::table::align(&lines));
        output::println("");
    }
    Ok(0)
}

fn run_port(ctx: &Context<'_>, a: PortArgs) -> anyhow::Result<u8> {
    let c = indexed(ctx, &a.service, a.index)?;
    let ports = ctx.engine.container_ports(&c.config.id)?;
    match ports.iter().find(|p| p.container_port == a.port) {
        Some(p) => {
            let ip = p
                .host_ip
                .map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string());
            output::println(&format!("{ip}:{}", p.host_port));
            Ok(0)
        }
        None => anyhow::bail!("no port {} published for service {:?}", a.port, a.service),
    }
}

fn run_images(ctx: &Context<'_>, a: ServicesArgs) -> anyhow::Result<u8> {
    let mut lines = vec!["CONTAINER\tREPOSITORY\tTAG\tIMAGE ID\tSIZE".to_string()];
    for c in ctx.service_containers(&a.services)? {
        let name = &c.config.image_name;
        let (repo, tag) = match name.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => (r.to_string(), t.to_string()),
            _ => (name.clone(), "latest".to_string()),
        };
        let size = ctx
            .engine
            .find_image(&c.config.image_id)
            .map(|i| output::human::size(i.size()))
            .unwrap_or_default();
        let id: String = c.config.image_id.chars().take(12).collect();
        lines.push(format!("{}\t{repo}\t{tag}\t{id}\t{size}", c.config.name));
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

fn run_ls(g: &Globals) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut projects: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    for c in engine.containers()? {
        let Some(p) = c.config.labels.get(project::labels::PROJECT) else {
            continue;
        };
        let e = projects.entry(p.clone()).or_insert((0, 0, String::new()));
        e.0 += 1;
        if project::is_running(&c) {
            e.1 += 1;
        }
        if let Some(f) = c.config.labels.get(project::labels::CONFIG_FILES) {
            e.2.clone_from(f);
        }
    }
    let mut lines = vec!["NAME\tSTATUS\tCONFIG FILES".to_string()];
    for (name, (all, running, files)) in projects {
        let status = if running == all {
            format!("running({running})")
        } else {
            format!("running({running}), exited({})", all - running)
        };
        lines.push(format!("{name}\t{status}\t{files}"));
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
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
