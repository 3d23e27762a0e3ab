//! `rpod stop`: stop running containers (stop signal, then SIGKILL).

use clap::Args;

use super::{report, target_names, Globals, Targets};
use crate::output;

/// Arguments of `rpod stop`.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// The containers to stop
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Stop all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Ignore errors when a specified container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS", allow_negative_numbers = true, value_parser = parse_time)]
    pub time: Option<u32>,
}

/// Runs `rpod stop`.
pub fn run(g: &Globals, args: StopArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: args.all,
        latest: args.latest,
        cidfiles: &args.cidfile,
        ignore: args.ignore,
        running_only: true,
        filters: &args.filter,
    };
    let names = target_names(&engine, &t)?;
    // All at once: the slowest one sets the time.
    let results = engine.stop_containers(&names, args.time);
    report(
        &t,
        names.iter().zip(results).map(|(name, r)| {
            r?;
            output::println(name);
            Ok(())
        }),
    )
}

/// `-t SECONDS` of stop and rm: podman's -1 is "wait forever" (the
/// longest wait rpod can express).
pub(crate) fn parse_time(s: &str) -> Result<u32, String> {
    match s.parse::<i64>() {
        Ok(-1) => Ok(u32::MAX),
        Ok(n) => u32::try_from(n).map_err(|_| format!("{s}: use -1 or 0 to {}", u32::MAX)),
        Err(e) => Err(format!("{s}: {e}")),
    }
}
