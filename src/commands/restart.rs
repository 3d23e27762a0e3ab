//! `rpod restart`: stop containers (if running) and start them again.

use clap::Args;

use super::{targets, Globals, Targets};
use crate::output;

/// Arguments of `rpod restart`.
#[derive(Debug, Args)]
pub struct RestartArgs {
    /// The containers to restart
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Restart all non-running containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Restart only running containers
    #[arg(long)]
    pub running: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
}

/// Runs `rpod restart`.
pub fn run(g: &Globals, args: RestartArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: args.all,
        latest: args.latest,
        cidfiles: &args.cidfile,
        ignore: false,
        running_only: args.running,
        filters: &args.filter,
    };
    targets(&engine, &t, |name| {
        engine.restart_container(name, args.time)?;
        output::println(name);
        Ok(())
    })
}
