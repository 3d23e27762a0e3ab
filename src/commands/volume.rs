//! `rpod volume create|ls|inspect|rm|prune|exists|export|import|mount|unmount`:
//! named volumes. (The
//! verbs are small, so they share this file.)

use std::collections::BTreeMap;

use clap::{Args, Subcommand};

use super::Globals;
use crate::output;

/// `rpod volume ...`.
#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show volumes' details as JSON
    Inspect(InspectArgs),
    /// Remove volumes
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Remove all volumes no container uses
    Prune(PruneArgs),
    /// Exit 0 when the volume exists, 1 when not
    Exists(ExistsArgs),
    /// Write a volume's content as a tar archive
    Export(ExportArgs),
    /// Fill a volume from a tar archive
    Import(ImportArgs),
    /// Print a volume's mount point (rootless: inside `rpod unshare`)
    Mount(MountArgs),
    /// Undo `volume mount`
    #[command(visible_alias = "umount")]
    Unmount(MountArgs),
}

/// Arguments of `rpod volume export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub name: String,
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Arguments of `rpod volume import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub name: String,
    /// The tar archive (`-`: stdin)
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

/// Arguments of `rpod volume mount` and `unmount`.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// The volumes
    #[arg(value_name = "VOLUME", required = true)]
    pub names: Vec<String>,
}

/// Arguments of `rpod volume create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The name (a random one when omitted)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Set metadata for a volume (default [])
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Set driver specific options (default [])
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub opt: Vec<String>,
    /// Don't fail if volume already exists
    #[arg(long)]
    pub ignore: bool,
    /// Specify volume driver name
    #[arg(short, long, value_name = "DRIVER", default_value = "local")]
    pub driver: String,
    /// Set the UID of the volume owner
    #[arg(long, value_name = "UID")]
    pub uid: Option<u32>,
    /// Set the GID of the volume owner
    #[arg(long, value_name = "GID")]
    pub gid: Option<u32>,
}

/// Arguments of `rpod volume ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Print volume output in quiet mode
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print headers
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Filter volume output
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format volume output using Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod volume inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The volumes
    #[arg(value_name = "VOLUME")]
    pub names: Vec<String>,
    /// Inspect all volumes
    #[arg(short, long)]
    pub all: bool,
    /// Format volume output using Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod volume rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The volumes
    #[arg(value_name = "VOLUME")]
    pub names: Vec<String>,
    /// Remove all volumes
    #[arg(short, long)]
    pub all: bool,
    /// Remove a volume by force, even if it is being used by a container
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait for running containers to stop before killing the container
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
}

/// Arguments of `rpod volume prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

/// Arguments of `rpod volume exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub name: String,
}

fn pairs(v: &[String]) -> BTreeMap<String, String> {
    v.iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// Runs a `rpod volume` verb.
pub fn run(g: &Globals, cmd: VolumeCommand) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    match cmd {
        VolumeCommand::Create(a) => {
            engine.check_volume_driver(&a.driver)?;
            // Recorded as the uid=/gid= options: the volume's root is
            // theirs, and stays theirs at copy-up (podman's NoChown).
            let mut opts = pairs(&a.opt);
            if let Some(u) = a.uid {
                opts.insert("uid".into(), u.to_string());
            }
            if let Some(g) = a.gid {
                opts.insert("gid".into(), g.to_string());
            }
            let v = engine.create_volume(a.name.as_deref(), pairs(&a.label), opts, a.ignore)?;
            output::println(&v.name);
        }
        VolumeCommand::Ls(a) => {
            let mut list = Vec::new();
            for vol in engine.volumes()? {
                if volume_matches(&engine, &vol, &a.filter)? {
                    list.push(vol);
                }
            }
            if a.quiet {
                for v in &list {
                    output::println(&v.name);
                }
                return Ok(0);
            }
            if a.format.as_deref().is_some_and(output::template::is_json) {
                output::print_json(&list)?;
                return Ok(0);
            }
            let format = output::row_format(a.format.as_deref(), "table {{.Driver}}\t{{.Name}}");
            return output::print_rows(
                format,
                &list,
                &[
                    ("Driver", "DRIVER"),
                    ("Name", "VOLUME NAME"),
                    ("Mountpoint", "MOUNTPOINT"),
                    ("Scope", "SCOPE"),
                ],
                a.noheading,
                "types.VolumeListReport",
            );
        }
        VolumeCommand::Inspect(a) => {
            let mut found = Vec::new();
            let names: Vec<String> = if a.all {
                engine.volumes()?.into_iter().map(|v| v.name).collect()
            } else {
                a.names.clone()
            };
            // podman's words; `--all` with no volume prints none (`[]`).
            anyhow::ensure!(
                !names.is_empty() || a.all,
                "provide one or more volume names or use --all"
            );
            let mut first_err = None;
            for n in &names {
                match engine.volume(n) {
                    Ok(v) => found.push(v),
                    Err(e) if first_err.is_none() => first_err = Some(e),
                    Err(e) => output::print_error(&e.into()),
                }
            }
            match a.format.as_deref() {
                Some(f) if !output::template::is_json(f) => {
                    output::print_rows(f, &found, &[], false, "define.InspectVolumeData")?;
                }
                _ => output::print_json(&found)?,
            }
            if let Some(e) = first_err {
                return Err(e.into());
            }
        }
        VolumeCommand::Rm(a) => {
            anyhow::ensure!(
                a.names.is_empty() == a.all,
                "choose either one or more volumes or all"
            );
            let names: Vec<String> = if a.all {
                engine.volumes()?.into_iter().map(|v| v.name).collect()
            } else {
                a.names.clone()
            };
            let mut first_err = None;
            let stop_timeout = a.time.and_then(|t| u32::try_from(t).ok());
            for n in &names {
                match engine.remove_volume(n, a.force, stop_timeout) {
                    Ok(()) => output::println(n),
                    // As podman: --force ignores missing volumes.
                    Err(e) if a.force && e.is_volume_not_found() => {}
                    Err(e) if first_err.is_none() => first_err = Some(e),
                    Err(e) => output::print_error(&e.into()),
                }
            }
            if let Some(e) = first_err {
                // podman: 1 for "no such volume", 2 for "in use".
                let code = if e.is_volume_not_found() {
                    1
                } else if matches!(
                    e,
                    libpod::Error::Volume(libpod::volume::Error::InUse { .. })
                ) {
                    2
                } else {
                    125
                };
                output::print_error(&e.into());
                return Ok(code);
            }
        }
        VolumeCommand::Prune(a) => {
            // Check the filters before anything is asked or removed.
            for f in &a.filter {
                check_filter(f)?;
            }
            if !a.force {
                // As podman: the volumes that would go are listed first.
                output::println("WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:");
                let mut any = false;
                for vol in engine.volumes()? {
                    if engine.volume_users(&vol.name)?.is_empty()
                        && volume_matches(&engine, &vol, &a.filter)?
                    {
                        output::println(&vol.name);
                        any = true;
                    }
                }
                if !any {
                    output::println("No dangling volumes found");
                    return Ok(0);
                }
                if !output::confirm("Are you sure you want to continue?")? {
                    return Ok(0);
                }
            }
            let mut chosen = std::collections::HashSet::new();
            for vol in engine.volumes()? {
                if volume_matches(&engine, &vol, &a.filter)? {
                    chosen.insert(vol.name);
                }
            }
            for n in engine.prune_volumes(&|v| chosen.contains(&v.name))? {
                output::println(&n);
            }
        }
        VolumeCommand::Export(a) => export(&engine, &a)?,
        VolumeCommand::Import(a) => {
            if a.source == "-" {
                engine.import_volume(&a.name, &mut std::io::stdin().lock())?;
            } else {
                let mut f = fs_err::File::open(&a.source)
                    .map_err(libpod::sys::without_path)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", a.source))?;
                engine.import_volume(&a.name, &mut f)?;
            }
        }
        VolumeCommand::Mount(a) => {
            for n in &a.names {
                output::println(&engine.mount_volume(n)?.display().to_string());
            }
        }
        VolumeCommand::Unmount(a) => {
            for n in &a.names {
                engine.unmount_volume(n)?;
            }
        }
        VolumeCommand::Exists(a) => {
            return match engine.volume(&a.name) {
                Ok(_) => Ok(0),
                Err(e) if e.is_volume_not_found() => Ok(1),
                Err(e) => Err(e.into()),
            };
        }
    }
    Ok(0)
}

const FILTERS: &[&str] = &[
    "name",
    "label",
    "label!",
    "driver",
    "scope",
    "opt",
    "dangling",
    "anonymous",
    "until",
];

/// Checks one `--filter KEY=VALUE` of the volume verbs.
fn check_filter(f: &str) -> anyhow::Result<()> {
    let (k, _) = f.split_once('=').unwrap_or((f, ""));
    anyhow::ensure!(
        FILTERS.contains(&k),
        "invalid filter {k:?}: use one of {}",
        FILTERS.join(", ")
    );
    Ok(())
}

/// Whether a volume passes every `--filter` (podman's semantics: `name` is
/// an unanchored regular expression, values of one key are alternatives).
fn volume_matches(
    engine: &libpod::Engine,
    vol: &libpod::volume::Volume,
    filters: &[String],
) -> anyhow::Result<bool> {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in filters {
        check_filter(f)?;
        let (k, v) = f.split_once('=').unwrap_or((f.as_str(), ""));
        by_key.entry(k).or_default().push(v);
    }
    let label = |v: &str| match v.split_once('=') {
        Some((lk, lv)) => vol.labels.get(lk).is_some_and(|x| x == lv),
        None => vol.labels.contains_key(v),
    };
    for (k, values) in by_key {
        let ok = match k {
            "name" => values.iter().any(|v| match regex::Regex::new(v) {
                Ok(re) => re.is_match(&vol.name),
                Err(_) => vol.name == *v,
            }),
            "label" => values.iter().all(|v| label(v)),
            "label!" => !values.iter().any(|v| label(v)),
            "driver" => values.iter().any(|v| vol.driver == *v),
            "scope" => values.iter().any(|v| vol.scope == *v),
            "opt" => values.iter().any(|v| match v.split_once('=') {
                Some((ok, ov)) => vol.options.get(ok).is_some_and(|x| x == ov),
                None => vol.options.contains_key(*v),
            }),
            "anonymous" => values.iter().any(|v| vol.anonymous == (*v == "true")),
            "dangling" => {
                let unused = engine.volume_users(&vol.name)?.is_empty();
                values.iter().any(|v| unused == (*v == "true"))
            }
            "until" => {
                let mut any = false;
                for v in values {
                    any |= vol.created_at < until(v)?;
                }
                any
            }
            _ => unreachable!("checked"),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `until=`: podman's time forms (a duration is taken back from now).
pub(crate) fn until(v: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    use libpod::container::logs::{parse_time, Bound};
    let t = parse_time(v, std::time::SystemTime::now(), Bound::Since)?;
    Ok(chrono::DateTime::<chrono::Utc>::from(t))
}

/// `volume export`: to a file (written beside it and renamed) or stdout.
fn export(engine: &libpod::Engine, a: &ExportArgs) -> anyhow::Result<()> {
    // A missing volume is reported before any file is made.
    engine.volume(&a.name)?;
    super::export::write_tar(
        a.output.as_deref(),
        "cannot write to terminal, use command-line redirection or the --output flag",
        |w| Ok(engine.export_volume(&a.name, w)?),
    )
}
