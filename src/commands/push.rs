//! `rpod push` (`rpod image push`): a stored image to a registry.

use anyhow::Context;
use clap::Args;
use libpod::engine::PushRequest;
use libpod::image::push::ManifestFormat;

use super::pull::{parse_creds, CliReporter};
use super::Globals;
use crate::output;

/// Arguments of `rpod push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The image to push
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Where to push it: [docker://]REGISTRY/NAME[:TAG] (default: the image's name)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
    /// Push every tagged image of the repository (IMAGE and DESTINATION without a tag)
    #[arg(short = 'a', long)]
    pub all_tags: bool,
    /// This is a Docker specific option and is a NOOP
    #[arg(long)]
    pub disable_content_trust: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Path to a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// compression format to use
    #[arg(long, value_name = "FORMAT", value_parser = libpod::config::COMPRESSION_FORMATS)]
    pub compression_format: Option<String>,
    /// compression level to use
    #[arg(long, value_name = "LEVEL", allow_negative_numbers = true)]
    pub compression_level: Option<i32>,
    /// `Credentials` (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Write the digest of the pushed image to the specified file
    #[arg(long, value_name = "PATH")]
    pub digestfile: Option<std::path::PathBuf>,
    /// Manifest type (oci, v2s2, or v2s1) to use in the destination (default is manifest type of source, with fallbacks)
    #[arg(short, long, value_name = "FORMAT", value_parser = ["oci", "v2s2", "docker"])]
    pub format: Option<String>,
    /// Suppress output information when pushing images
    #[arg(short, long)]
    pub quiet: bool,
    /// number of times to retry in case of failure when performing push
    #[arg(long, value_name = "ATTEMPTS")]
    pub retry: Option<u32>,
    /// delay between retries in case of push failures
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Discard any pre-existing signatures in the image
    #[arg(long)]
    pub remove_signatures: bool,
    /// Add a signature at the destination using the specified key
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Key with the encryption protocol to use to encrypt the image (e.g. jwe:/path/to/key.pem)
    #[arg(long, value_name = "KEY")]
    pub encryption_key: Vec<String>,
    /// Layers to encrypt, 0-indexed layer indices with support for negative indexing (e.g. 0 is the first layer, -1 is the last layer). If not defined, will encrypt all layers if encryption-key flag is specified
    #[arg(
        long,
        value_name = "INDEX",
        value_delimiter = ',',
        allow_negative_numbers = true
    )]
    pub encrypt_layer: Vec<i64>,
    /// Path to a signature-policy file
    #[arg(long, value_name = "PATH", hide = true)]
    pub signature_policy: Option<std::path::PathBuf>,
}

/// Runs `rpod push`.
pub fn run(g: &Globals, args: PushArgs) -> anyhow::Result<u8> {
    // Before any output, as podman.
    if let Some(a) = &args.authfile {
        libpod::engine::check_authfile(a)?;
    }
    let req = PushRequest {
        tls_verify: args.tls_verify,
        credentials: args.creds.as_deref().map(parse_creds).transpose()?,
        auth_file: args.authfile.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args
            .retry_delay
            .as_deref()
            .map(|d| {
                libpod::config::parse_duration(d)
                    .with_context(|| format!("time: invalid duration {d:?}"))
            })
            .transpose()?,
        format: match args.format.as_deref() {
            Some("oci") => Some(ManifestFormat::Oci),
            Some(_) => Some(ManifestFormat::V2s2),
            None => None,
        },
        compression_format: args.compression_format.clone(),
        compression_level: args.compression_level,
        sign_by: args.sign_by.clone().filter(|k| !k.is_empty()),
    };
    if let Some(p) = &args.signature_policy {
        libpod::image::trust::Policy::load(p)?;
    }
    // rpod keeps no signatures with stored images: --remove-signatures has
    // nothing to drop. Layers are not encrypted yet.
    anyhow::ensure!(
        args.encryption_key.is_empty() && args.encrypt_layer.is_empty(),
        "--encryption-key, --encrypt-layer: rpod cannot encrypt image layers (ocicrypt) yet; push without them, or encrypt with skopeo copy --encryption-key"
    );
    let engine = g.engine(true)?;
    let reporter = CliReporter::new(args.quiet);
    if !args.quiet {
        output::eprintln("Getting image source signatures");
    }
    if args.all_tags {
        anyhow::ensure!(
            args.digestfile.is_none(),
            "--digestfile and --all-tags cannot be used together"
        );
        let dest = args
            .destination
            .as_deref()
            .map(|d| d.strip_prefix("docker://").unwrap_or(d));
        if let Some(d) = dest {
            let r = libpod::reference::Reference::parse(d)
                .with_context(|| format!("invalid destination {d}"))?;
            anyhow::ensure!(
                r.tag().is_none() && r.digest().is_none(),
                "tag can't be used with --all-tags/-a"
            );
        }
        for name in engine.repository_tags(&args.image)? {
            let tag = libpod::reference::Reference::parse(&name)?
                .tag()
                .unwrap_or("latest")
                .to_string();
            let to = dest.map(|d| format!("{d}:{tag}"));
            engine.push_image(&name, to.as_deref(), req.clone(), &reporter)?;
        }
        reporter.finish();
        return Ok(0);
    }
    let digest = engine.push_image(&args.image, args.destination.as_deref(), req, &reporter)?;
    reporter.finish();
    if let Some(path) = &args.digestfile {
        fs_err::write(path, digest.to_string())
            .with_context(|| format!("writing the digest to {}", path.display()))?;
    }
    Ok(0)
}
