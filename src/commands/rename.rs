//! `rpod rename`: give a container a new name.

use clap::Args;

use super::Globals;

/// Arguments of `rpod rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Its new name
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// Runs `rpod rename`.
pub fn run(g: &Globals, args: RenameArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    engine.rename_container(&args.container, &args.name)?;
    Ok(0)
}
