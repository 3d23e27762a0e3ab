//! `rpod run`: run a command in a new container, in the foreground.
//!
//! This first version runs the container and removes it when it exits
//! (as with `--rm`); container records (`ps`, `start`, `rm`), detached
//! containers and volumes come with the container-records work.

use anyhow::Context;
use clap::Args;
use libpod::engine::PullPolicy;
use libpod::spec::{Bind, Network, RunOptions};

use super::Globals;
use crate::output;

/// Arguments of `rpod run`.
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// The image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The command and its arguments (the image's default when omitted)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
    /// Remove the container when it exits (currently always done)
    #[arg(long)]
    pub rm: bool,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables (NAME=VALUE, or NAME to copy it from here)
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or UID[:GID]) to run as
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Override the image's entrypoint
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Container host name
    #[arg(long = "hostname", value_name = "NAME")]
    pub host_name: Option<String>,
    /// Mount the root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Mount a tmpfs on this path
    #[arg(long, value_name = "PATH")]
    pub tmpfs: Vec<String>,
    /// Bind mount: SRC:DST[:ro|rw|z|Z]
    #[arg(short, long, value_name = "SRC:DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Add a capability
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (or `all`)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities and devices access
    #[arg(long)]
    pub privileged: bool,
    /// Security options: no-new-privileges
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Network mode: none or host
    #[arg(
        long,
        visible_alias = "net",
        value_name = "MODE",
        default_value = "none"
    )]
    pub network: String,
    /// Run a minimal init as PID 1 that reaps zombies and forwards signals
    #[arg(long)]
    pub init: bool,
    /// Name of the container (accepted; records come later)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Pull the image: missing, always or never
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["missing", "always", "never"])]
    pub pull: String,
}

fn read_env_file(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading --env-file {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Turns the flags into run options (pure, apart from --env-file).
pub fn options(args: &RunArgs) -> anyhow::Result<RunOptions> {
    let mut env = Vec::new();
    for f in &args.env_file {
        env.extend(read_env_file(f)?);
    }
    env.extend(args.env.iter().cloned());
    // `-e NAME` copies NAME from rpod's environment, as podman does.
    let env = env
        .into_iter()
        .filter_map(|e| {
            if e.contains('=') {
                Some(e)
            } else {
                std::env::var(&e).ok().map(|v| format!("{e}={v}"))
            }
        })
        .collect();
    let mut binds = Vec::new();
    for v in &args.volume {
        let parts: Vec<&str> = v.split(':').collect();
        anyhow::ensure!(
            parts.len() >= 2 && parts[0].starts_with('/'),
            "-v {v:?}: expected /HOST/PATH:/CONTAINER/PATH[:ro]; named volumes are not supported yet"
        );
        let opts: Vec<&str> = parts
            .get(2)
            .map(|o| o.split(',').collect())
            .unwrap_or_default();
        for o in &opts {
            anyhow::ensure!(
                matches!(*o, "ro" | "rw" | "z" | "Z" | ""),
                "-v {v:?}: unknown option {o:?}; use ro, rw, z or Z"
            );
        }
        let source = std::path::PathBuf::from(parts[0]);
        anyhow::ensure!(
            source.exists(),
            "-v {v:?}: {}: no such file or directory",
            parts[0]
        );
        binds.push(Bind {
            source,
            destination: parts[1].into(),
            read_only: opts.contains(&"ro"),
        });
    }
    let network = match args.network.as_str() {
        "none" => Network::None,
        "host" => Network::Host,
        other => anyhow::bail!("--network {other:?}: only none and host are supported yet"),
    };
    let mut no_new_privileges = false;
    for o in &args.security_opt {
        match o.as_str() {
            "no-new-privileges" | "no-new-privileges=true" => no_new_privileges = true,
            other => anyhow::bail!("--security-opt {other:?}: unsupported; use no-new-privileges"),
        }
    }
    Ok(RunOptions {
        command: args.command.clone(),
        entrypoint: args.entrypoint.clone(),
        env,
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        hostname: args.host_name.clone(),
        read_only: args.read_only,
        tmpfs: args.tmpfs.clone(),
        binds,
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        no_new_privileges,
        network,
        init: args.init,
        tty: args.tty,
        interactive: args.interactive,
        ..RunOptions::default()
    })
}

/// Runs `rpod run`: exits with the container's code.
pub fn run(g: &Globals, args: RunArgs) -> anyhow::Result<u8> {
    let opts = options(&args)?;
    let pull = match args.pull.as_str() {
        "always" => PullPolicy::Always,
        "never" => PullPolicy::Never,
        _ => PullPolicy::Missing,
    };
    let engine = g.engine(false)?;
    if let Some(w) = engine.mapping_warning() {
        output::warn(w);
    }
    Ok(engine.run_container(&args.image, opts, pull)?)
}
