//! `rpod system reset`: remove every image, layer and container.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod system reset`.
#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

/// Runs `rpod system reset`.
pub fn run(g: &Globals, args: ResetArgs) -> anyhow::Result<u8> {
    if !args.force
        && !output::confirm(
            "WARNING! This will remove:\n        - all containers\n        - all images\n        - all volumes\nAre you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    let engine = g.engine(false)?;
    engine.reset()?;
    Ok(0)
}
