//! `rpod artifact add|ls|inspect|rm|extract|push|pull`: OCI artifacts,
//! with podman 5's flags, output and exit codes. (The verbs are small, so
//! they share this file.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use libpod::artifact::{extract::Filter, AddOptions, Artifact, Descriptor, Manifest};
use libpod::engine::ArtifactTransfer;
use serde::Serialize;
use serde_json::{json, Value};

use super::pull::{parse_creds, CliReporter};
use super::Globals;
use crate::output;

/// `rpod artifact ...`.
#[derive(Debug, Subcommand)]
pub enum ArtifactCommand {
    /// Add an OCI artifact to the local store
    Add(AddArgs),
    /// Extract an OCI artifact to a local path
    Extract(ExtractArgs),
    /// Inspect an OCI artifact
    Inspect(InspectArgs),
    /// List OCI artifacts
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Pull an OCI artifact
    #[command(
        mut_arg("quiet", |a: clap::Arg| a.help("Suppress output information when pulling images")),
        mut_arg("retry", |a: clap::Arg| a.help("number of times to retry in case of failure when performing pull")),
        mut_arg("retry_delay", |a: clap::Arg| a.help("delay between retries in case of pull failures")),
        mut_arg("cert_dir", |a: clap::Arg| a.help("`Pathname` of a directory containing TLS certificates and keys"))
    )]
    Pull(PullArgs),
    /// Push an OCI artifact
    #[command(
        mut_arg("quiet", |a: clap::Arg| a.help("Suppress output information when pushing images")),
        mut_arg("retry", |a: clap::Arg| a.help("number of times to retry in case of failure when performing push")),
        mut_arg("retry_delay", |a: clap::Arg| a.help("delay between retries in case of push failures")),
        mut_arg("cert_dir", |a: clap::Arg| a.help("Path to a directory containing TLS certificates and keys"))
    )]
    Push(PushArgs),
    /// Remove one or more OCI artifacts
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

/// Arguments of `rpod artifact add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The artifact's name
    #[arg(value_name = "ARTIFACT")]
    pub name: String,
    /// The files to store, one layer each
    #[arg(value_name = "PATH", required = true)]
    pub files: Vec<PathBuf>,
    /// set an `annotation` for the specified files of artifact
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Append files to an existing artifact
    #[arg(short, long)]
    pub append: bool,
    /// Set file type to use for the artifact (layer)
    #[arg(long, value_name = "TYPE")]
    pub file_type: Option<String>,
    /// Replace an existing artifact
    #[arg(long)]
    pub replace: bool,
    /// Use type to describe an artifact
    #[arg(long = "type", value_name = "TYPE")]
    pub artifact_type: Option<String>,
}

/// Arguments of `rpod artifact extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The artifact (name or digest)
    #[arg(value_name = "ARTIFACT")]
    pub name: String,
    /// The file or directory to write
    #[arg(value_name = "PATH")]
    pub target: PathBuf,
    /// Only extract blob with the given digest
    #[arg(long, value_name = "DIGEST")]
    pub digest: Option<String>,
    /// Only extract blob with the given title
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

/// Arguments of `rpod artifact inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The artifact (name or digest)
    #[arg(value_name = "ARTIFACT")]
    pub name: String,
    /// Format volume output using JSON or a Go template
    #[arg(short, long, value_name = "FORMAT", default_value = "json")]
    pub format: String,
}

/// Arguments of `rpod artifact ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Format volume output using JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print headers
    #[arg(short, long)]
    pub noheading: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
}

/// The registry flags `artifact push` and `artifact pull` share.
#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Pathname of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// Credentials (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Suppress output information
    #[arg(short, long)]
    pub quiet: bool,
    /// Number of times to retry in case of failure (default 3, or containers.conf's engine.retry)
    #[arg(long, value_name = "ATTEMPTS")]
    pub retry: Option<u32>,
    /// Delay between retries in case of failures, e.g. 5s (default: 2s, doubling)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
}

impl RegistryArgs {
    fn transfer(&self) -> anyhow::Result<ArtifactTransfer> {
        if let Some(a) = &self.authfile {
            libpod::engine::check_authfile(a)?;
        }
        Ok(ArtifactTransfer {
            tls_verify: self.tls_verify,
            credentials: self.creds.as_deref().map(parse_creds).transpose()?,
            auth_file: self.authfile.clone(),
            cert_dir: self.cert_dir.clone(),
            retry: self.retry,
            retry_delay: self
                .retry_delay
                .as_deref()
                .map(|d| {
                    libpod::config::parse_duration(d)
                        .with_context(|| format!("time: invalid duration {d:?}"))
                })
                .transpose()?,
            sign_by: None,
        })
    }
}

/// Arguments of `rpod artifact pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// The artifact: REGISTRY/NAME[:TAG]
    #[arg(value_name = "ARTIFACT")]
    pub name: String,
    /// The registry flags
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// Key needed to decrypt the image (e.g. /path/to/key.pem)
    #[arg(long, value_name = "KEY")]
    pub decryption_key: Vec<String>,
}

/// Arguments of `rpod artifact push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The artifact: REGISTRY/NAME[:TAG], pushed under its own name
    #[arg(value_name = "ARTIFACT")]
    pub name: String,
    /// The registry flags
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// Write the digest of the pushed image to the specified file
    #[arg(long, value_name = "PATH")]
    pub digestfile: Option<PathBuf>,
    /// Add a signature at the destination using the specified key
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
}

/// Arguments of `rpod artifact rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The artifacts (names, digests or digest prefixes)
    #[arg(value_name = "ARTIFACT")]
    pub names: Vec<String>,
    /// Remove all artifacts
    #[arg(short, long)]
    pub all: bool,
    /// Ignore error if artifact does not exist
    #[arg(short, long)]
    pub ignore: bool,
}

/// A row of `artifact ls` (podman's artifactListOutput).
#[derive(Serialize, Default)]
#[allow(non_snake_case)]
struct Row {
    Repository: String,
    Tag: String,
    Digest: String,
    Created: String,
    CreatedAt: String,
    Size: String,
    VirtualSize: String,
}

fn row(a: &Artifact, no_trunc: bool) -> Row {
    let (repository, tag) = a.repository_and_tag();
    let hex = a.digest.hex();
    let created = a
        .manifest
        .annotations
        .get(libpod::artifact::ANNOTATION_CREATED)
        .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
        .map(|c| c.with_timezone(&chrono::Utc));
    Row {
        Repository: repository,
        Tag: tag,
        Digest: if no_trunc {
            hex.to_string()
        } else {
            hex[..12].to_string()
        },
        Created: created
            .as_ref()
            .map(output::human::since)
            .unwrap_or_default(),
        CreatedAt: created
            .as_ref()
            .map(|c| {
                // Go's time.String: nanoseconds when there are any.
                let nanos = c.timestamp_subsec_nanos();
                let frac = if nanos == 0 {
                    String::new()
                } else {
                    format!(".{nanos:09}").trim_end_matches('0').to_string()
                };
                format!("{}{frac} +0000 UTC", c.format("%Y-%m-%d %H:%M:%S"))
            })
            .unwrap_or_default(),
        Size: output::human::go_size(a.total_size(), 4),
        VirtualSize: a.total_size().to_string(),
    }
}

/// A descriptor with Go's field names, as a template sees it.
fn go_descriptor(d: &Descriptor) -> Value {
    let mut v = json!({
        "MediaType": d.media_type,
        "Digest": d.digest.to_string(),
        "Size": d.size,
        "URLs": d.urls,
        "Annotations": d.annotations,
        "Data": d.data,
        "Platform": d.platform,
        "ArtifactType": d.artifact_type,
    });
    if d.annotations.is_empty() {
        v["Annotations"] = Value::Null;
    }
    v
}

/// A manifest with Go's field names, as a template sees it.
fn go_manifest(m: &Manifest) -> Value {
    json!({
        "SchemaVersion": m.schema_version,
        "MediaType": m.media_type,
        "ArtifactType": m.artifact_type,
        "Config": go_descriptor(&m.config),
        "Layers": m.layers.iter().map(go_descriptor).collect::<Vec<_>>(),
        "Subject": m.subject.as_ref().map(go_descriptor),
        "Annotations": m.annotations,
    })
}

/// `artifact inspect`'s JSON (podman's ArtifactInspectReport).
#[derive(Serialize)]
#[allow(non_snake_case)]
struct Inspect<'a> {
    Manifest: &'a Manifest,
    Name: &'a str,
    Digest: String,
}

/// An artifact as `inspect` shows it: podman's JSON, and the value a Go
/// template sees (Go's field names, `.Artifact`, `.TotalSizeBytes`).
pub fn inspect_values(found: &Artifact) -> anyhow::Result<(Value, Value)> {
    let report = Inspect {
        Manifest: &found.manifest,
        Name: &found.name,
        Digest: found.digest.to_string(),
    };
    let manifest = go_manifest(&found.manifest);
    let template = json!({
        "Artifact": {"Manifest": manifest, "Name": found.name},
        "Manifest": manifest,
        "Name": found.name,
        "Digest": found.digest.to_string(),
        "TotalSizeBytes": found.total_size(),
    });
    Ok((serde_json::to_value(&report)?, template))
}

/// The fields `artifact ls` (or, with `inspect`, `artifact inspect`)
/// templates see, for `--format` completion.
pub fn format_sample(inspect: bool) -> Option<crate::output::template::TValue> {
    if inspect {
        let manifest = json!({
            "SchemaVersion": 2, "MediaType": "", "ArtifactType": "",
            "Config": {}, "Layers": [], "Subject": null, "Annotations": {},
        });
        crate::output::template::TValue::from(&json!({
            "Artifact": {"Manifest": manifest, "Name": ""},
            "Manifest": manifest,
            "Name": "",
            "Digest": "",
            "TotalSizeBytes": 0,
        }))
        .ok()
    } else {
        crate::output::template::TValue::from(&Row::default()).ok()
    }
}

/// `KEY=VALUE` annotations, as podman's ParseAnnotations reads them.
fn annotations(list: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for a in list {
        let (k, v) = a
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("no value given for annotation {a:?}"))?;
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// Runs a `rpod artifact` verb.
pub fn run(g: &Globals, cmd: ArtifactCommand) -> anyhow::Result<u8> {
    match cmd {
        ArtifactCommand::Add(a) => {
            anyhow::ensure!(
                !(a.append && a.replace),
                libpod::artifact::Error::AppendWithReplace
            );
            let opts = AddOptions {
                annotations: annotations(&a.annotation)?,
                artifact_type: a.artifact_type.unwrap_or_default(),
                append: a.append,
                replace: a.replace,
                file_type: a.file_type.unwrap_or_default(),
            };
            let engine = g.engine(false)?;
            let digest = engine.add_artifact(&a.name, &a.files, &opts)?;
            output::println(digest.hex());
        }
        ArtifactCommand::Ls(a) => {
            let engine = g.engine(false)?;
            let rows: Vec<Row> = engine
                .artifacts()?
                .iter()
                .map(|x| row(x, a.no_trunc))
                .collect();
            let format = output::row_format(
                a.format.as_deref(),
                "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.Created}}\t{{.Size}}",
            );
            return output::print_rows(
                format,
                &rows,
                &[
                    ("Repository", "REPOSITORY"),
                    ("Tag", "TAG"),
                    ("Digest", "DIGEST"),
                    ("Created", "CREATED"),
                    ("CreatedAt", "CREATED AT"),
                    ("Size", "SIZE"),
                    ("VirtualSize", "VIRTUAL SIZE"),
                ],
                a.noheading,
                "",
            );
        }
        ArtifactCommand::Inspect(a) => {
            let engine = g.engine(false)?;
            let found = engine.artifact(&a.name)?;
            let (report, template) = inspect_values(&found)?;
            if a.format.is_empty() || output::template::is_json(&a.format) {
                // podman's PrintGenericJSON: five spaces, a final newline.
                let mut buf = Vec::new();
                let fmt = serde_json::ser::PrettyFormatter::with_indent(b"     ");
                let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
                report.serialize(&mut ser)?;
                output::println(&String::from_utf8(buf)?);
            } else {
                output::print_rows(&a.format, &[template], &[], false, "")?;
            }
        }
        ArtifactCommand::Rm(a) => {
            if a.all && !a.names.is_empty() {
                anyhow::bail!(
                    "when using the --all switch, you may not pass any artifact names or digests"
                );
            }
            if !a.all && a.names.is_empty() {
                anyhow::bail!("at least one artifact name or digest must be specified");
            }
            let engine = g.engine(false)?;
            let names: Vec<String> = if a.all {
                engine
                    .artifacts()?
                    .into_iter()
                    .map(|x| x.digest.hex().to_string())
                    .collect()
            } else {
                a.names.clone()
            };
            // As podman: the first failure stops, after printing what went.
            for n in &names {
                match engine.remove_artifact(n) {
                    Ok(d) => output::println(d.hex()),
                    Err(e) if a.ignore && e.is_artifact_not_found() => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        ArtifactCommand::Extract(a) => {
            let filter = Filter {
                digest: a.digest.unwrap_or_default(),
                title: a.title.unwrap_or_default(),
            };
            let engine = g.engine(false)?;
            engine.extract_artifact(&a.name, &a.target, &filter)?;
        }
        ArtifactCommand::Push(a) => {
            let mut transfer = a.registry.transfer()?;
            transfer.sign_by = a.sign_by.clone().filter(|k| !k.is_empty());
            let engine = g.engine(false)?;
            let reporter = CliReporter::new(a.registry.quiet);
            if !a.registry.quiet {
                output::eprintln("Getting image source signatures");
            }
            let digest = engine.push_artifact(&a.name, &transfer, &reporter)?;
            reporter.finish();
            if let Some(path) = &a.digestfile {
                fs_err::write(path, digest.to_string())
                    .with_context(|| format!("writing the digest to {}", path.display()))?;
            }
        }
        ArtifactCommand::Pull(a) => {
            anyhow::ensure!(
                a.decryption_key.is_empty(),
                "--decryption-key: rpod does not decrypt artifacts"
            );
            let transfer = a.registry.transfer()?;
            let engine = g.engine(false)?;
            // podman's artifact pull reports on stdout (push on stderr).
            let reporter = CliReporter::on_stdout(a.registry.quiet);
            reporter.say("Getting image source signatures");
            engine.pull_artifact(&a.name, &transfer, &reporter)?;
            reporter.finish();
        }
    }
    Ok(0)
}
