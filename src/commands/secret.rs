//! `rpod secret create|ls|inspect|rm|exists`: the secret store, with
//! podman's output and exit codes. (The verbs are small, so they share
//! this file.)

use std::collections::BTreeMap;
use std::io::Read;

use clap::{Args, Subcommand};
use libpod::secret::{CreateOptions, Secret};
use serde::Serialize;

use super::Globals;
use crate::output;

/// `rpod secret ...`.
#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Create a new secret
    Create(CreateArgs),
    /// List secrets
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Inspect a secret
    Inspect(InspectArgs),
    /// Remove one or more secrets
    Rm(RmArgs),
    /// Check if a secret exists in local storage
    Exists(ExistsArgs),
}

/// Arguments of `rpod secret create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The secret's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The file holding the data, `-` for stdin (with --env: a variable's name)
    #[arg(value_name = "FILE|-")]
    pub file: String,
    /// Specify secret driver
    #[arg(short, long, value_name = "DRIVER", default_value = "file")]
    pub driver: String,
    /// Specify driver specific options
    #[arg(long, value_name = "KEY=VALUE")]
    pub driver_opts: Vec<String>,
    /// Read secret data from environment variable
    #[arg(long)]
    pub env: bool,
    /// If a secret with the same name exists, replace it
    #[arg(long)]
    pub replace: bool,
    /// If a secret with the same name exists, ignore and do not create a new secret
    #[arg(long)]
    pub ignore: bool,
    /// Specify labels on the secret
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
}

/// Arguments of `rpod secret ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Format secret output using Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Filter secret output
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Do not print headers
    #[arg(short, long)]
    pub noheading: bool,
    /// Print secret IDs only
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `rpod secret inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The secrets (names, IDs or ID prefixes)
    #[arg(value_name = "SECRET", required = true)]
    pub names: Vec<String>,
    /// Format inspect output using Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display the secret
    #[arg(long)]
    pub showsecret: bool,
    /// Print inspect output in human-readable format
    #[arg(long)]
    pub pretty: bool,
}

/// Arguments of `rpod secret rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The secrets (names, IDs or ID prefixes)
    #[arg(value_name = "SECRET")]
    pub names: Vec<String>,
    /// Remove all secrets
    #[arg(short, long)]
    pub all: bool,
    /// Ignore errors when a specified secret is missing
    #[arg(short, long)]
    pub ignore: bool,
}

/// Arguments of `rpod secret exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The secret
    #[arg(value_name = "SECRET")]
    pub name: String,
}

/// A row of `secret ls` (podman's SecretListReport).
#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    Name: String,
    Driver: String,
    CreatedAt: String,
    UpdatedAt: String,
}

/// `secret inspect`'s JSON (podman's SecretInfoReport).
#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Info {
    ID: String,
    CreatedAt: chrono::DateTime<chrono::Utc>,
    UpdatedAt: chrono::DateTime<chrono::Utc>,
    Spec: Spec,
    #[serde(skip_serializing_if = "String::is_empty")]
    SecretData: String,
}

#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Spec {
    Name: String,
    Driver: Driver,
    Labels: BTreeMap<String, String>,
}

#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Driver {
    Name: String,
    Options: BTreeMap<String, String>,
}

fn info(s: Secret, data: Option<Vec<u8>>) -> Info {
    Info {
        ID: s.id,
        CreatedAt: s.created_at,
        UpdatedAt: s.updated_at,
        Spec: Spec {
            Name: s.name,
            Driver: Driver {
                Name: s.driver,
                Options: s.driver_options,
            },
            Labels: s.labels,
        },
        SecretData: data
            .map(|d| String::from_utf8_lossy(&d).into_owned())
            .unwrap_or_default(),
    }
}

fn pretty(i: &Info) -> String {
    let mut out = format!(
        "ID:              {}\nName:              {}\n",
        i.ID, i.Spec.Name
    );
    if !i.Spec.Labels.is_empty() {
        out.push_str("Labels:\n");
        for (k, v) in &i.Spec.Labels {
            if v.is_empty() {
                out.push_str(&format!(" - {k}\n"));
            } else {
                out.push_str(&format!(" - {k}={v}\n"));
            }
        }
    }
    out.push_str(&format!(
        "Driver:            {}\nCreated at:        {}\nUpdated at:        {}",
        i.Spec.Driver.Name,
        output::human::go_time(&i.CreatedAt),
        output::human::go_time(&i.UpdatedAt)
    ));
    out
}

/// The data `secret create` stores: a file, stdin, or a variable.
fn read_data(a: &CreateArgs) -> anyhow::Result<Vec<u8>> {
    if a.env {
        return match std::env::var_os(&a.file) {
            Some(v) if !v.is_empty() => Ok(v.into_encoded_bytes()),
            _ => anyhow::bail!(
                "cannot create store secret data: environment variable {} is not set",
                a.file
            ),
        };
    }
    let mut data = Vec::new();
    // One byte past the limit is enough to refuse it.
    let limit = libpod::secret::MAX_SIZE as u64;
    if a.file == "-" || a.file == "/dev/stdin" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut data)
            .map_err(|e| anyhow::anyhow!("reading the secret from stdin: {e}"))?;
    } else {
        fs_err::File::open(&a.file)
            .and_then(|f| f.take(limit).read_to_end(&mut data))
            .map_err(|e| anyhow::anyhow!("open {}: {}", a.file, libpod::sys::os_text(&e)))?;
    }
    Ok(data)
}

/// `name=REGEX` / `id=REGEX` filters, as podman's (values of one key are
/// alternatives; different keys must all match).
fn filters(list: &[String]) -> anyhow::Result<Vec<(String, Vec<regex::Regex>)>> {
    let mut by_key: BTreeMap<String, Vec<regex::Regex>> = BTreeMap::new();
    for f in list {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("invalid filter {f:?}: use KEY=VALUE"))?;
        let k = k.to_lowercase();
        anyhow::ensure!(k == "name" || k == "id", "invalid filter {k:?}");
        let re = regex::Regex::new(v).map_err(|e| anyhow::anyhow!("--filter {f}: {e}"))?;
        by_key.entry(k).or_default().push(re);
    }
    Ok(by_key.into_iter().collect())
}

/// Runs a `rpod secret` verb.
pub fn run(g: &Globals, cmd: SecretCommand) -> anyhow::Result<u8> {
    match cmd {
        SecretCommand::Create(a) => {
            anyhow::ensure!(
                !(a.ignore && a.replace),
                "cannot use --ignore and --replace flags together"
            );
            anyhow::ensure!(
                a.driver == libpod::secret::FILE_DRIVER,
                libpod::secret::Error::Driver(a.driver.clone())
            );
            anyhow::ensure!(
                a.driver_opts.is_empty(),
                "--driver-opts: the file driver takes no options in rpod"
            );
            let mut labels = BTreeMap::new();
            for l in &a.label {
                let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
                labels.insert(k.to_string(), v.to_string());
            }
            let data = read_data(&a)?;
            let engine = g.engine(false)?;
            let id = engine.create_secret(
                &a.name,
                &data,
                &CreateOptions {
                    labels,
                    replace: a.replace,
                    ignore: a.ignore,
                },
            )?;
            output::println(&id);
        }
        SecretCommand::Ls(a) => {
            let engine = g.engine(false)?;
            let filters = filters(&a.filter)?;
            let list: Vec<Secret> = engine
                .secrets()?
                .into_iter()
                .filter(|s| {
                    filters.iter().all(|(k, res)| {
                        let v = if k == "name" { &s.name } else { &s.id };
                        res.iter().any(|re| re.is_match(v))
                    })
                })
                .collect();
            if a.quiet && a.format.is_none() {
                for s in &list {
                    output::println(&s.id);
                }
                return Ok(0);
            }
            let rows: Vec<Row> = list
                .into_iter()
                .map(|s| Row {
                    CreatedAt: output::human::since(&s.created_at),
                    UpdatedAt: output::human::since(&s.updated_at),
                    ID: s.id,
                    Name: s.name,
                    Driver: s.driver,
                })
                .collect();
            let format = output::row_format(
                a.format.as_deref(),
                "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}",
            );
            return output::print_rows(
                format,
                &rows,
                &[
                    ("ID", "ID"),
                    ("Name", "NAME"),
                    ("Driver", "DRIVER"),
                    ("CreatedAt", "CREATED"),
                    ("UpdatedAt", "UPDATED"),
                ],
                a.noheading,
                "types.SecretListReport",
            );
        }
        SecretCommand::Inspect(a) => {
            let engine = g.engine(false)?;
            let mut found = Vec::new();
            let mut errors = Vec::new();
            for n in &a.names {
                let got = if a.showsecret {
                    engine.secret_data(n).map(|(s, d)| info(s, Some(d)))
                } else {
                    engine.secret(n).map(|s| info(s, None))
                };
                match got {
                    Ok(i) => found.push(i),
                    Err(e) if e.is_secret_not_found() => errors.push(e),
                    Err(e) => return Err(anyhow::anyhow!("inspecting secret {n}: {e}")),
                }
            }
            if a.pretty {
                let text: Vec<String> = found.iter().map(pretty).collect();
                if !text.is_empty() {
                    output::println(&text.join("\n"));
                }
            } else {
                match a.format.as_deref() {
                    Some(f) if !output::template::is_json(f) => {
                        // A template sees SecretData (empty) even when
                        // JSON leaves it out, as podman's struct field.
                        let mut rows = Vec::new();
                        for i in &found {
                            let mut v = serde_json::to_value(i)?;
                            if let Some(o) = v.as_object_mut() {
                                o.entry("SecretData").or_insert_with(|| "".into());
                            }
                            rows.push(v);
                        }
                        output::print_rows(f, &rows, &[], false, "*types.SecretInfoReport")?;
                    }
                    _ => output::print_json(&found)?,
                }
            }
            let mut errors = errors.into_iter();
            if let Some(first) = errors.next() {
                for e in errors {
                    output::eprintln(&format!("error inspecting secret: {e}"));
                }
                anyhow::bail!("inspecting secret: {first}");
            }
        }
        SecretCommand::Rm(a) => {
            anyhow::ensure!(
                a.names.is_empty() == a.all,
                "`rpod secret rm` requires one argument, or the --all flag"
            );
            let engine = g.engine(false)?;
            let names: Vec<String> = if a.all {
                engine.secrets()?.into_iter().map(|s| s.id).collect()
            } else {
                a.names.clone()
            };
            let mut last_err = None;
            for n in &names {
                match engine.remove_secret(n) {
                    Ok(id) => output::println(&id),
                    Err(e) if a.ignore && e.is_secret_not_found() => {}
                    Err(e) => {
                        if let Some(prev) = last_err.replace(e) {
                            output::print_error(&prev.into());
                        }
                    }
                }
            }
            if let Some(e) = last_err {
                return Err(e.into());
            }
        }
        SecretCommand::Exists(a) => {
            let engine = g.engine(false)?;
            return match engine.secret(&a.name) {
                Ok(_) => Ok(0),
                Err(e) if e.is_secret_not_found() => Ok(1),
                Err(e) => Err(e.into()),
            };
        }
    }
    Ok(0)
}

/// An empty row of `secret ls` (`inspect`: of `secret inspect`): the
/// fields a `--format` template can use (shell completion).
pub fn format_sample(inspect: bool) -> Option<crate::output::template::TValue> {
    if inspect {
        crate::output::template::TValue::from(&Info::default()).ok()
    } else {
        crate::output::template::TValue::from(&Row::default()).ok()
    }
}
