//! `rpod import` (`rpod image import`): a root file system tarball as a one-layer image.

use clap::Args;
use libpod::engine::LoadSource;

use super::Globals;
use crate::output;

/// Arguments of `rpod import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The tarball: a file, `-` for stdin, or an http(s) URL (gzip and zstd are undone)
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The new image's name
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
    /// Set the architecture of the imported image
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
    #[arg(short, long = "change", value_name = "CHANGE")]
    pub change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short, long)]
    pub message: Option<String>,
    /// Set the OS of the imported image
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Set the variant of the imported image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Suppress output
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `rpod import`: prints the new image's ID.
pub fn run(g: &Globals, args: ImportArgs) -> anyhow::Result<u8> {
    let platform = if args.arch.is_some() || args.os.is_some() || args.variant.is_some() {
        let mut p = libpod::registry::manifest::Platform::host();
        if let Some(a) = &args.arch {
            p.architecture.clone_from(a);
            p.variant = None;
        }
        if let Some(o) = &args.os {
            p.os.clone_from(o);
        }
        if let Some(v) = &args.variant {
            p.variant = Some(v.clone());
        }
        Some(p)
    } else {
        None
    };
    let engine = g.engine(false)?;
    if !args.quiet {
        output::eprintln("Getting image source signatures");
    }
    let image = engine.import_image(
        &LoadSource::parse(&args.path),
        args.reference.as_deref(),
        &args.change,
        args.message,
        platform,
    )?;
    if !args.quiet {
        if let Some(l) = image.layers.last() {
            output::eprintln(&format!("Copying blob {}", l.digest.hex()));
        }
        output::eprintln(&format!("Copying config {}", image.id));
        output::eprintln("Writing manifest to image destination");
    }
    output::println(&format!("sha256:{}", image.id));
    Ok(0)
}
