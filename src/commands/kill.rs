//! `rpod kill`: send a signal to running containers.

use clap::Args;

use super::{targets, Globals, Targets};
use crate::output;

/// Arguments of `rpod kill`.
#[derive(Debug, Args)]
pub struct KillArgs {
    /// The containers to signal
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Signal to send to the container
    #[arg(
        short,
        long,
        value_name = "SIGNAL",
        default_value = "KILL",
        allow_hyphen_values = true
    )]
    pub signal: String,
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
}

/// Runs `rpod kill`.
pub fn run(g: &Globals, args: KillArgs) -> anyhow::Result<u8> {
    let sig = libpod::spec::parse_kill_signal(&args.signal)?;
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: args.all,
        latest: args.latest,
        cidfiles: &args.cidfile,
        ignore: false,
        running_only: true,
        filters: &[],
    };
    targets(&engine, &t, |name| {
        engine.kill_container(name, sig)?;
        output::println(name);
        Ok(())
    })
}
