//! `rpod save` (`rpod image save`): images into an archive or a directory.

use std::io::IsTerminal;

use clap::Args;
use libpod::engine::SaveTarget;
use libpod::image::archive::{save::SaveOptions, Format};

use super::pull::CliReporter;
use super::Globals;
use crate::output;

/// Arguments of `rpod save`.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// The image, then more names for it (or more images with -m)
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Compress tarball image layers when saving to a directory using the 'dir' transport. (default is same compression type as source)
    #[arg(long)]
    pub compress: bool,
    /// Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)
    #[arg(long, default_value = "docker-archive", value_parser = ["docker-archive", "oci-archive", "oci-dir", "docker-dir"])]
    pub format: String,
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<std::path::PathBuf>,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
    /// Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)
    #[arg(short = 'm', long)]
    pub multi_image_archive: bool,
    /// Accept uncompressed layers when copying OCI images
    #[arg(long)]
    pub uncompressed: bool,
}

/// Runs `rpod save`.
pub fn run(g: &Globals, args: SaveArgs) -> anyhow::Result<u8> {
    let format: Format = args.format.parse().map_err(anyhow::Error::msg)?;
    anyhow::ensure!(
        !args.compress || format == Format::DockerDir,
        "--compress can only be set when --format is 'docker-dir'"
    );
    anyhow::ensure!(
        !args.multi_image_archive || format == Format::DockerArchive,
        "--multi-image-archive can only be used with --format docker-archive"
    );
    let opts = SaveOptions {
        format,
        uncompressed: args.uncompressed,
        compress: args.compress,
    };
    let engine = g.engine(false)?;
    match &args.output {
        Some(path) => {
            let reporter = CliReporter::new(args.quiet);
            if !args.quiet {
                output::eprintln("Getting image source signatures");
            }
            engine.save_images(
                &args.images,
                args.multi_image_archive,
                opts,
                SaveTarget::Path(path.clone()),
                &reporter,
            )?;
            reporter.finish();
        }
        None => {
            let stdout = std::io::stdout();
            anyhow::ensure!(
                !stdout.is_terminal(),
                "refusing to save to terminal. Use -o flag or redirect"
            );
            let reporter = CliReporter::new(true);
            let mut lock = stdout.lock();
            engine.save_images(
                &args.images,
                args.multi_image_archive,
                opts,
                SaveTarget::Stream(&mut lock),
                &reporter,
            )?;
        }
    }
    Ok(0)
}
