//! `rpod build` (also `image build`, `buildx build`): build an image from
//! a Containerfile or Dockerfile, printing podman's progress lines.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;
use libpod::build::executor::{Event, Reporter};
use libpod::engine::{BuildOptions, PullPolicy};

use super::Globals;
use crate::output;

/// Arguments of `rpod build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The build context directory ("-" reads the Containerfile from standard input, with no context; default: the -f file's directory, else the current one)
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
    /// tagged `name` to apply to the built image
    #[arg(short, long = "tag", value_name = "NAME")]
    pub tag: Vec<String>,
    /// `pathname or URL` of a Dockerfile
    #[arg(short, long = "file", value_name = "PATH")]
    pub file: Vec<String>,
    /// `argument=value` to supply to the builder
    #[arg(long = "build-arg", value_name = "ARG")]
    pub build_arg: Vec<String>,
    /// `argfile.conf` containing lines of argument=value to supply to the builder
    #[arg(long = "build-arg-file", value_name = "FILE")]
    pub build_arg_file: Vec<PathBuf>,
    /// set the target build stage to build
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// do not use existing cached images for the container build. Build from the start with a new set of cached layers.
    #[arg(verbatim_doc_comment)]
    #[arg(long)]
    pub no_cache: bool,
    /// refrain from announcing build instructions and image read/write progress
    #[arg(short, long)]
    pub quiet: bool,
    /// `file` to write the image ID to
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// use intermediate layers during build. Use BUILDAH_LAYERS environment variable to override.
    #[arg(verbatim_doc_comment)]
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub layers: Option<bool>,
    /// `format` of the built image's manifest and metadata. Use BUILDAH_FORMAT environment variable to override.
    #[arg(verbatim_doc_comment)]
    #[arg(long, default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// Pull base images: missing, always, never, newer (default "missing")
    #[arg(long, num_args = 0..=1, default_missing_value = "always", value_name = "POLICY")]
    pub pull: Option<String>,
    /// do not pull the image, use the image present in store if available
    #[arg(long)]
    pub pull_never: bool,
    /// set the `OS/ARCH[/VARIANT]` of the image to the provided value instead of the current operating system and architecture of the host (for example "linux/arm")
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// path to an alternate .dockerignore file
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// squash all image layers into a single layer
    #[arg(long)]
    pub squash: bool,
    /// Squash all layers, the base image's too, into one
    #[arg(long)]
    pub squash_all: bool,
    /// secret file to expose to the build
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// SSH agent socket or keys to expose to the build. (format: default|<id>[=<socket>|<key>[,<key>]])
    #[arg(long, value_name = "ID[=SOCKET]")]
    pub ssh: Vec<String>,
    /// path of the authentication file.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// require HTTPS and verify certificates when accessing the registry
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// use `[username[:password]]` for accessing the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// use certificates at the specified path to access the registry
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// log to `file` instead of stdout/stderr
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// how many stages to run in parallel
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// ulimit options
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// add the specified capability when running (default [])
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// drop the specified capability when running (default [])
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// security options (default [])
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Network of RUN steps: none, host, or a network mode as `run --network` takes
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// bind mount a volume into the container
    #[arg(short, long, value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// set metadata for an image (default [])
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// set environment variable for the image
    #[arg(long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// unset environment variable from final image
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// set metadata for an image (default [])
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// set custom DNS servers or disable it completely by setting it to 'none', which prevents the automatic creation of `/etc/resolv.conf`.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// set custom DNS options
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// set custom DNS search domains
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// add additional groups to the primary container process. 'keep-groups' allows container processes to use supplementary groups.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// number of times to retry in case of failure when performing push/pull
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// delay between retries in case of push/pull failures
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// always remove intermediate containers after a build, even if the build is unsuccessful.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub force_rm: Option<bool>,
    /// set the ARCH of the image to the provided value instead of the architecture of the host
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// prefer `OS` instead of the running OS when pulling images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// override the `variant` of the specified image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

struct Printer {
    quiet: bool,
    /// The first `-t` as given (podman prints it so after COMMIT).
    name: String,
    /// `--logfile`: progress goes there instead of the terminal.
    log: Option<std::sync::Mutex<std::fs::File>>,
}

impl Printer {
    fn line(&self, text: &str) {
        match &self.log {
            Some(f) => {
                if let Ok(mut f) = f.lock() {
                    let _ = writeln!(f, "{text}");
                }
            }
            None => output::println(text),
        }
    }
}

impl Reporter for Printer {
    fn event(&self, e: Event) {
        match e {
            Event::Warning(w) if self.log.is_some() => self.line(&format!("[Warning] {w}")),
            Event::Warning(w) => output::eprintln(&format!("[Warning] {w}")),
            _ if self.quiet => {}
            Event::Step {
                prefix,
                n,
                total,
                text,
            } => self.line(&format!("{prefix}STEP {n}/{total}: {text}")),
            Event::UsingCache(id) => self.line(&format!("--> Using cache {id}")),
            Event::Done(id) => self.line(&format!("--> {}", &id[..12.min(id.len())])),
            Event::Commit(_) => self.line(format!("COMMIT {}", self.name).trim_end()),
        }
    }
}

/// `KEY=VALUE` flags as a map (a bare KEY has an empty value, as podman).
fn key_values(flag: &str, values: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for v in values {
        let (k, val) = v.split_once('=').unwrap_or((v.as_str(), ""));
        anyhow::ensure!(!k.is_empty(), "{flag} {v}: the key is empty: use KEY=VALUE");
        out.insert(k.to_string(), val.to_string());
    }
    Ok(out)
}

/// The RUN steps' container settings from the flags, each value checked.
fn run_defaults(args: &BuildArgs) -> anyhow::Result<libpod::engine::RunDefaults> {
    use libpod::spec::{parse_flag, parse_flags, CapSet, MountSpec, Ulimit};
    let mut d = libpod::engine::RunDefaults::default();
    for u in &args.ulimit {
        d.ulimits
            .extend(Ulimit::parse(u).map_err(|e| anyhow::anyhow!("--ulimit {u}: {e}"))?);
    }
    for c in parse_flags::<CapSet>("--cap-add", &args.cap_add)? {
        d.cap_add = d.cap_add.with(c);
    }
    for c in parse_flags::<CapSet>("--cap-drop", &args.cap_drop)? {
        d.cap_drop = d.cap_drop.with(c);
    }
    d.security_opts.clone_from(&args.security_opt);
    d.network = args
        .network
        .as_deref()
        .map(|n| parse_flag("--network", n))
        .transpose()?;
    for v in &args.volume {
        let m = MountSpec::parse_volume(v).map_err(|e| anyhow::anyhow!("--volume {v}: {e}"))?;
        anyhow::ensure!(
            matches!(m.source, libpod::spec::MountSource::Bind(_)),
            "--volume {v}: build takes bind mounts only (HOST-PATH:CONTAINER-PATH)"
        );
        d.volumes.push(m);
    }
    d.dns = parse_flags("--dns", &args.dns)?;
    d.dns_search.clone_from(&args.dns_search);
    d.dns_options.clone_from(&args.dns_option);
    d.group_add = parse_flags("--group-add", &args.group_add)?;
    Ok(d)
}

/// How base images are pulled (`--authfile` checked at once, as podman).
fn fetch_options(args: &BuildArgs) -> anyhow::Result<libpod::spec::FetchOptions> {
    if let Some(a) = &args.authfile {
        libpod::engine::check_authfile(a)?;
    }
    Ok(libpod::spec::FetchOptions {
        authfile: args.authfile.clone(),
        tls_verify: args.tls_verify,
        creds: args.creds.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args.retry_delay.clone(),
        ..libpod::spec::FetchOptions::default()
    })
}

fn build_args(args: &BuildArgs) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut add = |a: &str| match a.split_once('=') {
        Some((k, v)) => {
            out.insert(k.to_string(), v.to_string());
        }
        None => {
            // NAME alone takes the value from the environment, if set.
            if let Ok(v) = std::env::var(a) {
                out.insert(a.to_string(), v);
            }
        }
    };
    for f in &args.build_arg_file {
        let text = fs_err::read_to_string(f)
            .map_err(libpod::sys::without_path)
            .map_err(|e| anyhow::anyhow!("reading --build-arg-file {}: {e}", f.display()))?;
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            add(line);
        }
    }
    for a in &args.build_arg {
        add(a);
    }
    Ok(out)
}

/// `--layers`, else `$BUILDAH_LAYERS` (as podman), else true.
fn layers(flag: Option<bool>) -> bool {
    flag.unwrap_or_else(|| {
        std::env::var("BUILDAH_LAYERS").map_or(true, |v| {
            !matches!(
                v.to_ascii_lowercase().as_str(),
                "false" | "0" | "no" | "off"
            )
        })
    })
}

/// Runs `rpod build`.
pub fn run(g: &Globals, args: BuildArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        !(args.squash && args.squash_all),
        "cannot specify --squash-all with --squash"
    );
    let mut stdin_text = None;
    let stdin_context = args.context.as_deref() == Some("-");
    let first_file = args.file.first().map(String::as_str);
    if stdin_context || first_file == Some("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| anyhow::anyhow!("reading the Containerfile from standard input: {e}"))?;
        stdin_text = Some(text);
    }
    let context = if stdin_context {
        None
    } else {
        // No context: the directory of the Containerfile given with -f
        // (podman's rule), else the current one.
        Some(match (&args.context, first_file) {
            (Some(c), _) => PathBuf::from(c),
            (None, Some(f)) if f != "-" && !f.contains("://") => std::path::Path::new(f)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf),
            (None, _) => PathBuf::from("."),
        })
    };
    let pull = match (args.pull_never, args.pull.as_deref()) {
        (true, _) | (_, Some("never" | "false")) => PullPolicy::Never,
        (_, Some("always" | "true" | "newer")) => PullPolicy::Always,
        (_, Some("missing") | None) => PullPolicy::Missing,
        (_, Some(other)) => anyhow::bail!("--pull={other}: use missing, always, never or newer"),
    };
    let mut platform = match &args.platform {
        Some(p) => Some(libpod::build::args::parse_platform(p).map_err(anyhow::Error::msg)?),
        None => None,
    };
    // --os/--arch/--variant replace those parts of --platform (or the host's).
    if args.os.is_some() || args.arch.is_some() || args.variant.is_some() {
        let mut p = platform.unwrap_or_else(libpod::registry::manifest::Platform::host);
        if let Some(os) = &args.os {
            p.os.clone_from(os);
        }
        if let Some(arch) = &args.arch {
            if *arch != p.architecture {
                p.variant = None;
            }
            p.architecture.clone_from(arch);
        }
        if let Some(v) = &args.variant {
            p.variant = Some(v.clone());
        }
        platform = Some(p);
    }
    if !args.annotation.is_empty() && args.format == "docker" {
        output::eprintln(
            "WARN[0000] annotations are not supported by the docker image format; ignored",
        );
    }
    if args.file.len() > 1 {
        // Several Containerfiles: their texts one after the other (each
        // path as the first is found: here, else in the context).
        let mut text = String::new();
        for f in &args.file {
            let here = PathBuf::from(f);
            let path = match &context {
                Some(c) if !here.exists() => c.join(f),
                _ => here,
            };
            let part = fs_err::read_to_string(&path)
                .map_err(libpod::sys::without_path)
                .map_err(|e| anyhow::anyhow!("the Containerfile {f}: {e}"))?;
            text.push_str(&part);
            text.push('\n');
        }
        stdin_text = Some(text);
    }
    let opts = BuildOptions {
        file: first_file
            .filter(|f| *f != "-" && args.file.len() == 1)
            .map(PathBuf::from),
        text: stdin_text,
        context,
        ignorefile: args.ignorefile.clone(),
        tags: args.tag.clone(),
        build_args: build_args(&args)?,
        target: args.target.clone(),
        no_cache: args.no_cache || !layers(args.layers),
        pull,
        format: if args.format == "docker" {
            libpod::image::author::Format::Docker
        } else {
            libpod::image::author::Format::Oci
        },
        platform,
        secrets: args
            .secret
            .iter()
            .map(|v| {
                libpod::build::args::parse_secret(v)
                    .map_err(|e| anyhow::anyhow!("--secret {v}: {e}"))
            })
            .collect::<anyhow::Result<_>>()?,
        ssh: args
            .ssh
            .iter()
            .map(|v| {
                libpod::build::args::parse_ssh(v).map_err(|e| anyhow::anyhow!("--ssh {v}: {e}"))
            })
            .collect::<anyhow::Result<_>>()?,
        output: match (&args.logfile, args.quiet) {
            (Some(f), _) => libpod::build::executor::RunOutput::File(f.clone()),
            (None, true) => libpod::build::executor::RunOutput::Quiet,
            (None, false) => libpod::build::executor::RunOutput::Terminal,
        },
        labels: key_values("--label", &args.label)?,
        unset_env: args.unsetenv.clone(),
        annotations: key_values("--annotation", &args.annotation)?,
        env: args
            .env
            .iter()
            .map(|e| {
                anyhow::ensure!(e.contains('='), "--env {e}: use KEY=VALUE");
                Ok(e.clone())
            })
            .collect::<anyhow::Result<_>>()?,
        squash: match (args.squash, args.squash_all) {
            (true, _) => libpod::build::executor::Squash::New,
            (_, true) => libpod::build::executor::Squash::All,
            _ => libpod::build::executor::Squash::No,
        },
        run: run_defaults(&args)?,
        fetch: fetch_options(&args)?,
    };
    let log = match &args.logfile {
        Some(f) => Some(std::sync::Mutex::new(
            fs_err::OpenOptions::new()
                .create(true)
                .append(true)
                .open(f)
                .map(fs_err::File::into_file)
                .map_err(libpod::sys::without_path)
                .map_err(|e| anyhow::anyhow!("--logfile {}: {e}", f.display()))?,
        )),
        None => None,
    };
    let engine = g.engine(true)?;
    let printer = Printer {
        quiet: args.quiet,
        name: args.tag.first().cloned().unwrap_or_default(),
        log,
    };
    let image = engine.build(opts, &printer)?;
    if !args.quiet {
        printer.line(&format!("--> {}", &image.id[..12]));
        for n in &image.names {
            if args
                .tag
                .iter()
                .any(|t| libpod::Engine::normalize_new_name(t).ok().as_ref() == Some(n))
            {
                printer.line(&format!("Successfully tagged {n}"));
            }
        }
    }
    if let Some(f) = &args.iidfile {
        fs_err::write(f, format!("sha256:{}", image.id))
            .map_err(libpod::sys::without_path)
            .map_err(|e| anyhow::anyhow!("writing --iidfile {}: {e}", f.display()))?;
    }
    output::println(&image.id);
    Ok(0)
}
