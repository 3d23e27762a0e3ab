//! `rpod image prune`: remove dangling (or, with -a, all unused) images.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod image prune`.
#[derive(Debug, Args)]
pub struct ImagePruneArgs {
    /// Remove all images not in use by containers, not just dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Remove persistent build cache created by --mount=type=cache
    #[arg(long)]
    pub build_cache: bool,
    /// Remove images even when they are used by external containers (e.g., by build containers)
    #[arg(long)]
    pub external: bool,
}

/// Runs `rpod image prune`: prints each removed image ID.
pub fn run(g: &Globals, args: ImagePruneArgs) -> anyhow::Result<u8> {
    if !args.force {
        let what = if args.all {
            "all images not in use"
        } else {
            "all dangling images"
        };
        if !output::confirm(&format!(
            "WARNING! This command removes {what}.\nAre you sure you want to continue?"
        ))? {
            return Ok(0);
        }
    }
    let engine = g.engine(true)?;
    for id in engine.prune_images_filtered(args.all, &args.filter)? {
        output::println(&id);
    }
    if args.build_cache || args.all {
        engine.prune_build_cache()?;
    }
    Ok(0)
}
