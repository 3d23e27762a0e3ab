//! `rpod image exists` and `rpod container exists`: exit 0 when the object exists, 1 when not.

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

/// Arguments of `rpod container exists`.
#[derive(Debug, Args)]
pub struct ContainerExistsArgs {
    /// The container (name or ID)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Check external storage containers as well as rpod containers
    #[arg(long)]
    pub external: bool,
}

/// Runs `rpod container exists`.
pub fn run_container(g: &Globals, args: ContainerExistsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    match engine.container(&args.container) {
        Ok(_) => Ok(0),
        Err(e) if e.is_container_not_found() => Ok(1),
        Err(e) => Err(e.into()),
    }
}
