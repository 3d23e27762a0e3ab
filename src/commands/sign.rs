//! `rpod image sign`: GPG "simple signing" signatures of images.

use clap::Args;

use super::Globals;

/// Arguments of `rpod image sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The images: containers-storage:NAME or docker://REFERENCE
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Sign all the manifests of the multi-architecture image
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Pathname of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Define an alternate directory to store signatures
    #[arg(short, long, value_name = "DIR")]
    pub directory: Option<std::path::PathBuf>,
    /// Name of the signing key
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
}

/// Runs `rpod image sign`: prints nothing on success, as podman.
pub fn run(g: &Globals, args: SignArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let req = libpod::engine::SignRequest {
        sign_by: args.sign_by.unwrap_or_default(),
        directory: args.directory,
        all: args.all,
        cert_dir: args.cert_dir,
        auth_file: args.authfile,
    };
    for file in engine.sign_images(&args.images, &req)? {
        tracing::debug!("wrote signature {}", file.display());
    }
    Ok(0)
}
