//! `rpod tag`: add names to a local image.

use clap::Args;

use super::Globals;

/// Arguments of `rpod tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The image to name
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The new names: NAME[:TAG]
    #[arg(value_name = "TARGET_NAME", required = true)]
    pub targets: Vec<String>,
}

/// Runs `rpod tag`.
pub fn run(g: &Globals, args: TagArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    engine.tag(&args.image, &args.targets)?;
    Ok(0)
}
