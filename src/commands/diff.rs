//! `rpod diff`, `rpod container diff`, `rpod image diff`: the paths a
//! container or image added (A), changed (C) or deleted (D).

use clap::Args;
use libpod::engine::{Change, DiffType};
use libpod::layer::diff::ChangeKind;

use super::Globals;
use crate::output;

/// Arguments of `rpod diff` and `rpod container diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The container or image, and optionally a second one to compare it with
    #[arg(value_name = "CONTAINER|IMAGE", num_args = 0..=2)]
    pub names: Vec<String>,
    /// Change the output format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod image diff`.
#[derive(Debug, Args)]
pub struct ImageDiffArgs {
    /// The image, and optionally a second one to compare it with
    #[arg(value_name = "IMAGE", num_args = 1..=2, required = true)]
    pub names: Vec<String>,
    /// Change the output format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Runs `rpod diff` (`container` set: `rpod container diff`).
pub fn run(g: &Globals, args: DiffArgs, container: bool) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut names = args.names;
    if args.latest {
        anyhow::ensure!(
            names.len() <= 1,
            "--latest and containers cannot be used together"
        );
        names.insert(0, engine.latest_container()?.config.id);
    }
    anyhow::ensure!(
        !names.is_empty(),
        "{} requires a name or id",
        if container { "container diff" } else { "diff" }
    );
    let kind = if container {
        DiffType::Container
    } else {
        DiffType::All
    };
    let changes = engine.changes(&names[0], names.get(1).map(String::as_str), kind)?;
    print(&changes, args.format.as_deref())
}

/// Runs `rpod image diff`.
pub fn run_image(g: &Globals, args: ImageDiffArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let changes = engine.changes(
        &args.names[0],
        args.names.get(1).map(String::as_str),
        DiffType::Image,
    )?;
    print(&changes, args.format.as_deref())
}

fn print(changes: &[Change], format: Option<&str>) -> anyhow::Result<u8> {
    match format {
        None | Some("") => {
            for c in changes {
                let k = match c.kind {
                    ChangeKind::Added => 'A',
                    ChangeKind::Changed => 'C',
                    ChangeKind::Deleted => 'D',
                };
                output::println(&format!("{k} {}", c.path));
            }
        }
        Some(f) if f == "json" || f.replace(' ', "") == "{{json.}}" => {
            let mut report = serde_json::Map::new();
            for (key, kind) in [
                ("changed", ChangeKind::Changed),
                ("added", ChangeKind::Added),
                ("deleted", ChangeKind::Deleted),
            ] {
                let paths: Vec<&str> = changes
                    .iter()
                    .filter(|c| c.kind == kind)
                    .map(|c| c.path.as_str())
                    .collect();
                if !paths.is_empty() {
                    report.insert(key.into(), serde_json::json!(paths));
                }
            }
            output::println(&serde_json::to_string_pretty(&report)?);
        }
        Some(_) => anyhow::bail!("only supported value for '--format' is 'json'"),
    }
    Ok(0)
}
