//! `rpod update` (`rpod container update`): change a container's resource
//! limits, restart policy, healthcheck, ulimits and environment; prints
//! its ID.

use clap::Args;
use libpod::spec::{parse_flag, with_flag, Ulimit};

use super::run::{HealthArgs, ResourceArgs};
use super::Globals;
use crate::output;

/// Arguments of `rpod update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The container
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
    /// Act on the latest container rpod created
    #[arg(short, long)]
    pub latest: bool,
    /// Restart policy to apply when a container exits ("always"|"no"|"never"|"on-failure"|"unless-stopped")
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Ulimit options
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Set environment variables in container
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Unset environment default variables in container
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Healthcheck flags (a running container's monitor takes them at once)
    #[command(flatten)]
    pub health: HealthArgs,
    /// Resource limits (a running container gets them at once)
    #[command(flatten)]
    pub resources: ResourceArgs,
}

/// Runs `rpod update`.
pub fn run(g: &Globals, args: UpdateArgs) -> anyhow::Result<u8> {
    let mut req = libpod::engine::UpdateRequest {
        resources: args.resources.flags(),
        health: args.health.flags(),
        ..Default::default()
    };
    if let Some(p) = &args.restart {
        req.restart = Some(parse_flag("--restart", p)?);
    }
    for e in &args.env {
        req.env.extend(with_flag("--env", e, |v| {
            libpod::spec::EnvVar::parse_with(v, |n| std::env::var(n).ok())
        })?);
    }
    req.unset_env.clone_from(&args.unsetenv);
    for u in &args.ulimit {
        req.ulimits.extend(with_flag("--ulimit", u, Ulimit::parse)?);
    }
    let engine = g.engine(false)?;
    let target = match (&args.container, args.latest) {
        (Some(c), false) => c.trim_start_matches('/').to_string(),
        (None, true) => engine.latest_container()?.config.id,
        _ => anyhow::bail!("--latest and a container cannot be given together"),
    };
    let (id, warnings) = engine.update_container(&target, &req)?;
    for w in warnings {
        output::eprintln(&w);
    }
    output::println(&id);
    Ok(0)
}
