//! `rpod create`: create a container from an image without starting it.

use super::run::RunArgs;
use super::Globals;
use crate::output;

/// Runs `rpod create`: prints the new container's ID.
pub fn run(g: &Globals, args: RunArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        !args.detach,
        "create does not run the container, so -d makes no sense: use `rpod run -d`"
    );
    let (_engine, id) = super::run::create(g, &args)?;
    output::println(&id);
    Ok(0)
}
