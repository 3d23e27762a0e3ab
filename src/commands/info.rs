//! `rpod info`: host, store and registry information.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Runs `rpod info`: YAML by default, as podman.
pub fn run(g: &Globals, args: InfoArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let info = engine.info()?;
    match args.format.as_deref() {
        Some("json") => output::print_json(&info)?,
        Some(format) => output::print_template(format, &info)?,
        None => output::print_yaml(&info)?,
    }
    Ok(0)
}
