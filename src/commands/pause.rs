//! `rpod pause` and `rpod unpause`: freeze and thaw containers through
//! their cgroup's freezer.

use clap::Args;
use libpod::container::Status;

use super::{report, target_names, Globals, Targets};
use crate::output;

/// Arguments of `rpod pause` and `rpod unpause`.
#[derive(Debug, Args)]
pub struct PauseArgs {
    /// The containers
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// All running containers (`unpause`: all paused ones)
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container
    #[arg(short, long)]
    pub latest: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

/// Runs `rpod pause` (`unpause` when `thaw`): prints each container as
/// named (full IDs with `--all`), as podman does.
pub fn run(g: &Globals, args: PauseArgs, thaw: bool) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: false,
        latest: args.latest,
        cidfiles: &args.cidfile,
        ignore: false,
        running_only: true,
        filters: &args.filter,
    };
    let mut names = if args.containers.is_empty() && args.all && !args.latest {
        Vec::new()
    } else {
        target_names(&engine, &t)?
    };
    if args.all {
        let wanted = if thaw {
            Status::Paused
        } else {
            Status::Running
        };
        for c in engine.containers()? {
            if c.state.status == wanted {
                names.push(c.config.id);
            }
        }
    }
    report(
        &t,
        names.iter().map(|name| {
            engine.pause_container(name, thaw)?;
            output::println(name);
            Ok(())
        }),
    )
}
