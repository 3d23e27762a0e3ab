//! `rpod commit`: make an image of a container's changes.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod commit`.
#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// The new image's name
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Set the author for the image committed
    #[arg(short, long)]
    pub author: Option<String>,
    /// Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
    #[arg(short, long = "change", value_name = "CHANGE")]
    pub change: Vec<String>,
    /// `Format` of the image manifest and metadata
    #[arg(short, long, default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// `file` to write the image ID to
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<std::path::PathBuf>,
    /// Set commit message for imported image
    #[arg(short, long)]
    pub message: Option<String>,
    /// Pause container during commit
    #[arg(short, long, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set, default_value_t = false)]
    pub pause: bool,
    /// Suppress output
    #[arg(short, long)]
    pub quiet: bool,
    /// squash newly built layers into a single new layer
    #[arg(short, long)]
    pub squash: bool,
    /// Include container volumes as image volumes
    #[arg(long)]
    pub include_volumes: bool,
    /// `file` containing a container configuration to merge into the image
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
}

/// Runs `rpod commit`.
pub fn run(g: &Globals, args: CommitArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let format = match args.format.as_str() {
        "docker" => libpod::image::author::Format::Docker,
        _ => libpod::image::author::Format::Oci,
    };
    if !args.quiet {
        output::eprintln("Getting image source signatures");
    }
    let done = engine.commit_container(
        &args.container,
        args.image.as_deref(),
        libpod::engine::CommitOptions {
            changes: args.change,
            message: args.message,
            author: args.author,
            pause: args.pause,
            format,
            compression: None,
            squash: args.squash,
            include_volumes: args.include_volumes,
            override_config: args
                .config
                .as_deref()
                .map(libpod::engine::read_override_config)
                .transpose()?,
        },
    )?;
    for w in &done.warnings {
        output::warn(w);
    }
    let image = &done.image;
    if !args.quiet {
        if let Some(l) = image.layers.last() {
            output::eprintln(&format!("Copying blob {}", l.digest.hex()));
        }
        output::eprintln(&format!("Copying config {}", image.id));
        output::eprintln("Writing manifest to image destination");
    }
    if let Some(f) = &args.iidfile {
        fs_err::write(f, format!("sha256:{}", image.id))
            .map_err(libpod::sys::without_path)
            .map_err(|e| anyhow::anyhow!("writing --iidfile {}: {e}", f.display()))?;
    }
    output::println(&image.id);
    Ok(0)
}
