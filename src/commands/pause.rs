//! `rpod pause` and `rpod unpause`: freeze and thaw containers.

use clap::Args;

use super::Globals;

/// Arguments of `rpod pause` and `rpod unpause`.
#[derive(Debug, Args)]
pub struct PauseArgs {
    /// The containers
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// All running containers
    #[arg(short, long)]
    pub all: bool,
}

/// Runs `rpod pause` (`unpause` when `thaw`).
pub fn run(g: &Globals, args: PauseArgs, thaw: bool) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    for name in &args.containers {
        engine.pause_container(name, thaw)?;
    }
    Ok(0)
}
