//! `rpod pull`: fetch an image from a registry into local storage.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;

use anyhow::Context;
use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use libpod::config::Credentials;
use libpod::engine::PullRequest;
use libpod::image::pull::{PullEvent, PullReporter};
use libpod::registry::manifest::Platform;

use super::Globals;
use crate::output;

/// Arguments of `rpod pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// The images to pull: NAME[:TAG|@DIGEST]
    #[arg(value_name = "IMAGE", required = true, num_args = 1..)]
    pub images: Vec<String>,
    /// All tagged images in the repository will be pulled
    #[arg(short = 'a', long)]
    pub all_tags: bool,
    /// Specify the platform for selecting the image.  (Conflicts with arch and os)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long)]
    pub disable_content_trust: bool,
    /// Use `ARCH` instead of the architecture of the machine for choosing images
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Use `OS` instead of the running OS for choosing images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Use VARIANT instead of the running architecture variant for choosing images
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// `Credentials` (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// `Pathname` of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// number of times to retry in case of failure when performing pull
    #[arg(long, value_name = "ATTEMPTS")]
    pub retry: Option<u32>,
    /// delay between retries in case of pull failures
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Key needed to decrypt the image (e.g. /path/to/key.pem)
    #[arg(long, value_name = "KEY[:PASSPHRASE]")]
    pub decryption_key: Vec<String>,
    /// Pathname of signature policy file (not usually used)
    #[arg(long, value_name = "PATHNAME", hide = true)]
    pub signature_policy: Option<std::path::PathBuf>,
    /// Pull image policy ("always"|"missing"|"never"|"newer")
    #[arg(long, value_name = "POLICY", default_value = "always")]
    pub policy: String,
}

/// Parses `--creds USER[:PASSWORD]`.
pub fn parse_creds(s: &str) -> anyhow::Result<Credentials> {
    let (user, pass) = s.split_once(':').unwrap_or((s, ""));
    anyhow::ensure!(
        !user.is_empty(),
        "--creds {s:?}: the username is empty; give USERNAME[:PASSWORD]"
    );
    Ok(Credentials {
        username: user.to_string(),
        password: pass.to_string(),
    })
}

/// Works out the platform from `--platform`, `--os`, `--arch`, `--variant`.
pub fn platform(args: &PullArgs) -> anyhow::Result<Option<Platform>> {
    platform_from(
        args.platform.as_deref(),
        args.os.as_deref(),
        args.arch.as_deref(),
        args.variant.as_deref(),
    )
}

/// The platform `--platform` names, or the host's with `--os`, `--arch`
/// and `--variant` replacing its parts; `None` when none is given.
/// `--platform` with `--arch` or `--os` is podman's conflict.
pub fn platform_from(
    platform: Option<&str>,
    os: Option<&str>,
    arch: Option<&str>,
    variant: Option<&str>,
) -> anyhow::Result<Option<Platform>> {
    anyhow::ensure!(
        platform.is_none() || (os.is_none() && arch.is_none()),
        "--platform option can not be specified with --arch or --os"
    );
    let mut p = match platform {
        Some(s) => s.parse::<Platform>().with_context(|| {
            format!("--platform {s:?}: expected OS/ARCH[/VARIANT], e.g. linux/arm64")
        })?,
        None if os.is_none() && arch.is_none() && variant.is_none() => return Ok(None),
        None => Platform::host(),
    };
    if let Some(os) = os {
        p.os = os.to_string();
    }
    if let Some(arch) = arch {
        p.architecture = arch.to_string();
        if variant.is_none() {
            p.variant = None;
        }
    }
    if let Some(v) = variant {
        p.variant = Some(v.to_string());
    }
    Ok(Some(p))
}

/// Runs `rpod pull`: each image in turn; a failure is reported and the
/// next image tried, as podman does (exit 125 when any failed).
pub fn run(g: &Globals, args: PullArgs) -> anyhow::Result<u8> {
    let policy: libpod::spec::PullPolicy = libpod::spec::parse_flag("--policy", &args.policy)?;
    let req = PullRequest {
        platform: platform(&args)?,
        tls_verify: args.tls_verify,
        credentials: args.creds.as_deref().map(parse_creds).transpose()?,
        auth_file: args.authfile.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args
            .retry_delay
            .as_deref()
            .map(|d| {
                // podman's (Go's) words: scripts and podman's tests match them.
                libpod::config::parse_duration(d)
                    .with_context(|| format!("time: invalid duration {d:?}"))
            })
            .transpose()?,
        signature_policy: args.signature_policy.clone(),
        decryption_keys: args.decryption_key.clone(),
    };
    let engine = g.engine(true)?;
    let reporter = CliReporter::new(args.quiet);
    let mut failed = None;
    for image in &args.images {
        match pull_one(&engine, image, &args, policy, &req, &reporter) {
            Ok(ids) => ids.iter().for_each(|id| output::println(id)),
            Err(e) => {
                if let Some(previous) = failed.replace(e) {
                    output::print_error(&previous);
                }
            }
        }
    }
    reporter.finish();
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// Pulls one image under `--policy` (or every tag of it with
/// `--all-tags`); returns the IDs to print.
fn pull_one(
    engine: &libpod::engine::Engine,
    image: &str,
    args: &PullArgs,
    policy: libpod::spec::PullPolicy,
    req: &PullRequest,
    reporter: &CliReporter,
) -> anyhow::Result<Vec<String>> {
    if args.all_tags {
        let pulled = engine.pull_all_tags(image, req.clone(), reporter)?;
        return Ok(pulled.into_iter().map(|r| r.id).collect());
    }
    // --policy: missing and never take a local image as it is (never
    // fails without one); newer falls back on it when the pull fails.
    if matches!(
        policy,
        libpod::spec::PullPolicy::Missing | libpod::spec::PullPolicy::Never
    ) {
        match engine.find_image(image) {
            Ok(r) => return Ok(vec![r.id]),
            Err(e) if policy == libpod::spec::PullPolicy::Never || !e.is_image_not_found() => {
                return Err(e.into())
            }
            Err(_) => {}
        }
    }
    let record = match engine.pull(image, req.clone(), reporter) {
        Ok(r) => r,
        Err(e) if policy == libpod::spec::PullPolicy::Newer => match engine.find_image(image) {
            Ok(r) => r,
            Err(_) => return Err(e.into()),
        },
        Err(e) => return Err(e.into()),
    };
    Ok(vec![record.id])
}

/// Renders pull progress: bars on a terminal, podman's plain lines otherwise.
pub struct CliReporter {
    quiet: bool,
    /// Lines go to stdout (podman's `artifact pull`), without bars.
    stdout: bool,
    bars: Option<MultiProgress>,
    state: Mutex<HashMap<String, ProgressBar>>,
}

impl CliReporter {
    /// A reporter; `quiet` prints nothing.
    pub fn new(quiet: bool) -> Self {
        let bars = (!quiet && std::io::stderr().is_terminal()).then(MultiProgress::new);
        CliReporter {
            quiet,
            stdout: false,
            bars,
            state: Mutex::new(HashMap::new()),
        }
    }

    /// A reporter printing plain lines on stdout, as podman's `artifact
    /// pull` does; `quiet` prints nothing.
    pub fn on_stdout(quiet: bool) -> Self {
        CliReporter {
            quiet,
            stdout: true,
            bars: None,
            state: Mutex::new(HashMap::new()),
        }
    }

    /// Prints a progress line where this reporter prints them.
    pub fn say(&self, text: &str) {
        if !self.quiet {
            self.line(text);
        }
    }

    /// Clears the bars.
    pub fn finish(&self) {
        if let Some(bars) = &self.bars {
            let _ = bars.clear();
        }
    }

    fn line(&self, text: &str) {
        match &self.bars {
            Some(bars) => {
                let _ = bars.println(text);
            }
            None if self.stdout => output::println(text),
            None => output::eprintln(text),
        }
    }
}

fn short(d: &libpod::digest::Digest) -> String {
    d.hex()[..12].to_string()
}

impl PullReporter for CliReporter {
    fn event(&self, event: PullEvent) {
        // Warnings (retries, dropped entries) show even with -q, as podman's do.
        if let PullEvent::Warning(w) = &event {
            output::warn(w);
            return;
        }
        if self.quiet {
            return;
        }
        match event {
            PullEvent::Trying(r) => {
                self.line(&format!("Trying to pull {r}..."));
                self.line("Getting image source signatures");
            }
            PullEvent::BlobStart { digest, size } => {
                if let Some(bars) = &self.bars {
                    let bar = bars.add(ProgressBar::new(size));
                    bar.set_style(
                        ProgressStyle::with_template(
                            "Copying blob {msg} {bar:30} {bytes}/{total_bytes} ({bytes_per_sec})",
                        )
                        .expect("static template"),
                    );
                    bar.set_message(short(&digest));
                    self.state
                        .lock()
                        .expect("reporter lock")
                        .insert(digest.to_string(), bar);
                }
            }
            PullEvent::BlobProgress { digest, done } => {
                if let Some(bar) = self
                    .state
                    .lock()
                    .expect("reporter lock")
                    .get(&digest.to_string())
                {
                    bar.set_position(done);
                }
            }
            PullEvent::BlobDone { digest, skipped } => {
                let bar = self
                    .state
                    .lock()
                    .expect("reporter lock")
                    .remove(&digest.to_string());
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
                if skipped {
                    self.line(&format!(
                        "Copying blob {} skipped: already exists",
                        short(&digest)
                    ));
                } else {
                    self.line(&format!("Copying blob {} done", short(&digest)));
                }
            }
            PullEvent::Config(d) => self.line(&format!("Copying config {} done", short(&d))),
            PullEvent::Writing => self.line("Writing manifest to image destination"),
            PullEvent::Note(text) => self.line(&text),
            PullEvent::Warning(_) => {}
        }
    }
}
