//! `rpod untag`: remove names from a local image (all names when none are given).

use clap::Args;

use super::Globals;

/// Arguments of `rpod untag`.
#[derive(Debug, Args)]
pub struct UntagArgs {
    /// The image
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The names to remove; all of them when none are given
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

/// Runs `rpod untag`.
pub fn run(g: &Globals, args: UntagArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    engine.untag(&args.image, &args.names)?;
    Ok(0)
}
