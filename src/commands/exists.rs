//! `rpod image exists`: exit 0 when the image is in local storage, 1 when not.

use clap::Args;

use super::Globals;

/// Arguments of `rpod image exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The image
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

/// Runs `rpod image exists`.
pub fn run(g: &Globals, args: ExistsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    Ok(if engine.image_exists(&args.image)? {
        0
    } else {
        1
    })
}
