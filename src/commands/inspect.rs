//! `rpod inspect` and `rpod image inspect`: show an object's configuration as JSON.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod image inspect`.
#[derive(Debug, Args)]
pub struct ImageInspectArgs {
    /// The images to inspect
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The objects to inspect
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only inspect objects of this type: image or all
    #[arg(short, long, value_name = "TYPE", default_value = "all", value_parser = ["image", "all"])]
    pub r#type: String,
}

/// Runs `rpod inspect` (images only, until containers exist).
pub fn run(g: &Globals, args: InspectArgs) -> anyhow::Result<u8> {
    run_image(
        g,
        ImageInspectArgs {
            images: args.names,
            format: args.format,
        },
    )
}

/// Runs `rpod image inspect`: prints what it found, then fails for what it did not.
pub fn run_image(g: &Globals, args: ImageInspectArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &args.images {
        match engine.inspect_image(name) {
            Ok(data) => found.push(data),
            Err(e) => errors.push(e),
        }
    }
    match args.format.as_deref() {
        None | Some("json") => output::print_json(&found)?,
        Some(format) => {
            for item in &found {
                output::print_template(format, item)?;
            }
        }
    }
    match errors.into_iter().next() {
        Some(first) => Err(first.into()),
        None => Ok(0),
    }
}
