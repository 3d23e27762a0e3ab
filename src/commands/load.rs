//! `rpod load` (`rpod image load`): images from an archive or a directory.

use std::io::IsTerminal;

use clap::Args;
use libpod::engine::LoadSource;

use super::pull::CliReporter;
use super::Globals;
use crate::output;

/// Arguments of `rpod load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read from specified archive file (default: stdin)
    #[arg(short, long, value_name = "PATH")]
    pub input: Option<String>,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `rpod load`: prints `Loaded image: NAME` for each name (or ID).
pub fn run(g: &Globals, args: LoadArgs) -> anyhow::Result<u8> {
    let source = match &args.input {
        Some(i) => LoadSource::parse(i),
        None => {
            anyhow::ensure!(
                !std::io::stdin().is_terminal(),
                "cannot read from terminal, use command-line redirection or the --input flag"
            );
            LoadSource::Stdin
        }
    };
    let engine = g.engine(false)?;
    let reporter = CliReporter::new(args.quiet);
    if !args.quiet {
        output::eprintln("Getting image source signatures");
    }
    let loaded = engine.load_images(&source, &reporter)?;
    reporter.finish();
    for image in loaded {
        if image.names.is_empty() {
            output::println(&format!("Loaded image: sha256:{}", image.id));
        }
        for name in &image.names {
            output::println(&format!("Loaded image: {name}"));
        }
    }
    Ok(0)
}
