//! `rpod healthcheck run CONTAINER`: run a container's healthcheck now.

use clap::{Args, Subcommand};

use super::Globals;
use crate::output;

/// `rpod healthcheck ...`
#[derive(Debug, Subcommand)]
pub enum HealthcheckCommand {
    /// Run a container's healthcheck now; exit 0 when it passes, 1 when it fails
    Run(RunArgs),
}

/// Arguments of `rpod healthcheck run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// Runs `rpod healthcheck ...`: as podman, a passing check prints
/// nothing; a failing one prints `unhealthy` (or `stopped`) and exits 1.
pub fn run(g: &Globals, cmd: HealthcheckCommand) -> anyhow::Result<u8> {
    match cmd {
        HealthcheckCommand::Run(a) => {
            let engine = g.engine(false)?;
            match engine.healthcheck_run(&a.container)? {
                libpod::engine::ProbeVerdict::Healthy => Ok(0),
                v => {
                    output::println(v.as_str());
                    Ok(1)
                }
            }
        }
    }
}
