//! `rpod wait`: block until containers stop; print their exit codes.

use clap::Args;
use libpod::engine::WaitCondition;

use super::{targets, Globals, Targets};
use crate::output;

/// Arguments of `rpod wait`.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The containers to wait for
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Condition to wait on
    #[arg(long, value_name = "STATE", default_value = "stopped", value_parser = ["stopped", "exited", "running", "created", "paused", "stopping", "removing", "healthy", "unhealthy"])]
    pub condition: String,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Ignore if a container does not exist
    #[arg(long)]
    pub ignore: bool,
    /// Time Interval to wait before polling for completion
    #[arg(short = 'i', long, value_name = "INTERVAL")]
    pub interval: Option<String>,
    /// Wait for exit of first container which matches conditions, ignore other ones
    #[arg(long)]
    pub exit_first_match: bool,
}

/// Runs `rpod wait`.
pub fn run(g: &Globals, args: WaitArgs) -> anyhow::Result<u8> {
    let cond = match args.condition.as_str() {
        "running" => WaitCondition::Running,
        "healthy" => WaitCondition::Healthy,
        "unhealthy" => WaitCondition::Unhealthy,
        "created" => WaitCondition::Created,
        "paused" => WaitCondition::Paused,
        "stopping" => WaitCondition::Stopping,
        "removing" => WaitCondition::Removing,
        _ => WaitCondition::Stopped,
    };
    let interval = match &args.interval {
        None => std::time::Duration::from_millis(20),
        Some(given) => {
            // podman's: a bare number is milliseconds.
            let spelled = if given.parse::<u64>().is_ok() {
                format!("{given}ms")
            } else {
                given.clone()
            };
            libpod::config::parse_duration(&spelled)
                .filter(|d| !d.is_zero())
                .ok_or_else(|| anyhow::anyhow!("time: invalid duration {given:?}"))?
        }
    };
    let engine = g.engine(false)?;
    let t = Targets {
        names: &args.containers,
        all: false,
        latest: args.latest,
        cidfiles: &[],
        ignore: args.ignore,
        running_only: false,
        filters: &[],
    };
    if args.exit_first_match {
        return first_match(
            g,
            &super::target_names(&engine, &t)?,
            cond,
            interval,
            args.ignore,
        );
    }
    targets(&engine, &t, |name| {
        let code = match engine.wait_container_every(name, cond, interval) {
            Ok(code) => code,
            // As podman: with --ignore a missing container shows as -1.
            Err(e) if args.ignore && e.is_container_not_found() => -1,
            Err(e) => return Err(e.into()),
        };
        output::println(&code.to_string());
        Ok(())
    })
}

/// `--exit-first-match`: waits for all of `names` at once and prints the
/// exit code of the first that meets the condition (the others are left).
fn first_match(
    g: &Globals,
    names: &[String],
    cond: WaitCondition,
    interval: std::time::Duration,
    ignore: bool,
) -> anyhow::Result<u8> {
    let (tx, rx) = std::sync::mpsc::channel();
    for name in names {
        let (tx, g, name) = (tx.clone(), g.clone(), name.clone());
        // Detached: once one answers, this process exits with the others
        // still waiting.
        std::thread::spawn(move || {
            let result = g.engine(false).and_then(|engine| {
                match engine.wait_container_every(&name, cond, interval) {
                    Ok(code) => Ok(code),
                    Err(e) if ignore && e.is_container_not_found() => Ok(-1),
                    Err(e) => Err(e.into()),
                }
            });
            let _ = tx.send(result);
        });
    }
    drop(tx);
    match rx.recv() {
        Ok(result) => {
            output::println(&result?.to_string());
            Ok(0)
        }
        Err(_) => Ok(0),
    }
}
