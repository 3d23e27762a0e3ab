//! `rpod rm` (`container rm`): remove containers.

use clap::Args;

use super::{report, target_names, Globals, Targets};
use crate::output;

/// Arguments of `rpod rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The containers to remove
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Force removal of a running or unusable container
    #[arg(short, long)]
    pub force: bool,
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Filter output based on conditions given
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Ignore errors when a specified container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short, long)]
    pub volumes: bool,
    /// Remove container and all containers that depend on the selected container
    #[arg(long)]
    pub depend: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS", allow_negative_numbers = true, value_parser = crate::commands::stop::parse_time)]
    pub time: Option<u32>,
}

/// Runs `rpod rm`. Exit codes as podman's: 1 when a container does not
/// exist, 2 when one runs (without `--force`), 125 for other errors; `-f`
/// ignores missing containers, as podman's `--force` implies `--ignore`.
pub fn run(g: &Globals, args: RmArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: args.all,
        latest: args.latest,
        cidfiles: &args.cidfile,
        ignore: args.ignore || args.force,
        running_only: false,
        filters: &args.filter,
    };
    let how = libpod::engine::RemoveOptions {
        force: args.force,
        volumes: args.volumes,
        depend: args.depend,
        stop_timeout: args.time.filter(|_| args.force),
    };
    // podman's exit codes for rm: 1 when a container is missing (wins),
    // 2 when one is running and --force was not given, else 125.
    let mut exit = None;
    let code = target_names(&engine, &t).and_then(|names| {
        // Running ones (with --force) are stopped all at once.
        let results = engine.remove_containers(&names, how);
        report(
            &t,
            names.iter().zip(results).map(|(name, r)| {
                let removed = match r {
                    Ok(removed) => removed,
                    // As podman: --force also ignores missing containers.
                    Err(e) if e.is_container_not_found() && (args.force || args.ignore) => {
                        return Ok(())
                    }
                    Err(e) if e.is_container_not_found() => {
                        exit = Some(1);
                        anyhow::bail!(
                            "no container with ID or name {name:?} found: no such container"
                        )
                    }
                    Err(e) => {
                        if e.is_state_improper() {
                            exit = exit.or(Some(2));
                        }
                        return Err(e.into());
                    }
                };
                // The dependents `--depend` removed first, by ID as podman prints them.
                for id in removed.iter().take(removed.len().saturating_sub(1)) {
                    output::println(id);
                }
                output::println(name);
                Ok(())
            }),
        )
    });
    let code = match (code, exit) {
        (Err(e), Some(exit)) => {
            output::print_error(&e);
            Ok(exit)
        }
        (code, _) => code,
    };
    // As podman: a cid file whose container is gone is removed, so the next
    // `run --cidfile` (a systemd unit's restart) can write it again.
    for f in &args.cidfile {
        if let Err(e) = engine.remove_stale_cidfile(f) {
            output::warn(&e.to_string());
        }
    }
    code
}
