//! `rpod container prune`: remove all stopped containers.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod container prune`.
#[derive(Debug, Args)]
pub struct ContainerPruneArgs {
    /// Do not prompt for confirmation.  The default is false
    #[arg(verbatim_doc_comment)]
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

/// Runs `rpod container prune`: prints each removed container ID.
pub fn run(g: &Globals, args: ContainerPruneArgs) -> anyhow::Result<u8> {
    if !args.force
        && !output::confirm(
            "WARNING! This will remove all non running containers.\nAre you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    let engine = g.engine(false)?;
    for id in engine.prune_containers_filtered(&args.filter)? {
        output::println(&id);
    }
    Ok(0)
}
