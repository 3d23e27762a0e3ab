//! `rpod system df` and `rpod system prune`.

use clap::Args;
use serde::Serialize;

use super::Globals;
use crate::output::{self, human};

/// Arguments of `rpod system df`.
#[derive(Debug, Args)]
pub struct DfArgs {
    /// Show detailed information on disk usage
    #[arg(short, long)]
    pub verbose: bool,
    /// Pretty-print images using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod system prune`.
#[derive(Debug, Args)]
pub struct SystemPruneArgs {
    /// Remove all unused data
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation.  The default is false
    #[arg(verbatim_doc_comment)]
    #[arg(short, long)]
    pub force: bool,
    /// Prune volumes
    #[arg(long)]
    pub volumes: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Remove build containers
    #[arg(long)]
    pub build: bool,
    /// Remove container data in storage not controlled by rpod
    #[arg(long)]
    pub external: bool,
}

/// One row of `system df`.
#[derive(Debug, Default, Serialize)]
#[allow(non_snake_case)]
struct Summary {
    Type: String,
    Total: usize,
    Active: usize,
    RawSize: u64,
    RawReclaimable: u64,
    Reclaimable: String,
    TotalCount: usize,
    Size: String,
}

impl Summary {
    fn new(kind: &str, total: usize, active: usize, size: u64, reclaimable: u64) -> Summary {
        let reclaimable = reclaimable.min(size);
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let percent = if size > 0 {
            (reclaimable as f64 / size as f64 * 100.0).round() as u64
        } else {
            0
        };
        Summary {
            Type: kind.into(),
            Total: total,
            Active: active,
            RawSize: size,
            RawReclaimable: reclaimable,
            Reclaimable: format!("{} ({percent}%)", human::go_size(reclaimable, 4)),
            TotalCount: total,
            Size: human::go_size(size, 4),
        }
    }
}

/// Runs `rpod system df`.
pub fn run_df(g: &Globals, args: DfArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let u = engine.disk_usage()?;
    if args.verbose {
        return verbose(&u);
    }
    let used: u64 = u
        .images
        .iter()
        .filter(|i| i.containers > 0)
        .map(|i| i.unique_size)
        .sum();
    let running = u.containers.iter().filter(|c| c.status == "running");
    let rows = vec![
        Summary::new(
            "Images",
            u.images.len(),
            u.images.iter().filter(|i| i.containers > 0).count(),
            u.images_size,
            u.images_size.saturating_sub(used),
        ),
        Summary::new(
            "Containers",
            u.containers.len(),
            running.count(),
            u.containers.iter().map(|c| c.rw_size).sum(),
            u.containers
                .iter()
                .filter(|c| c.status != "running")
                .map(|c| c.rw_size)
                .sum(),
        ),
        Summary::new(
            "Local Volumes",
            u.volumes.len(),
            u.volumes.iter().map(|v| v.links).sum(),
            u.volumes.iter().map(|v| v.size).sum(),
            u.volumes
                .iter()
                .filter(|v| v.links == 0)
                .map(|v| v.size)
                .sum(),
        ),
    ];
    let format = output::row_format(
        args.format.as_deref(),
        "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
    );
    if format.trim() == "json" {
        output::println(&serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    output::print_rows(
        format,
        &rows,
        &[
            ("Type", "TYPE"),
            ("Total", "TOTAL"),
            ("Active", "ACTIVE"),
            ("Size", "SIZE"),
            ("Reclaimable", "RECLAIMABLE"),
        ],
        false,
        "system.dfSummary",
    )
}

fn verbose(u: &libpod::engine::DiskUsage) -> anyhow::Result<u8> {
    let short = |id: &str| id.chars().take(12).collect::<String>();
    let mut text = String::from("Images space usage:\n\n");
    let mut lines = vec![
        "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS"
            .to_string(),
    ];
    for i in &u.images {
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i.repository,
            i.tag,
            short(&i.id),
            i.created.as_ref().map(human::since).unwrap_or_default(),
            human::go_size(i.size, 3),
            human::go_size(i.shared_size, 3),
            human::go_size(i.unique_size, 3),
            i.containers
        ));
    }
    text.push_str(&output::table::tabwriter(&(lines.join("\n") + "\n")));
    text.push_str("\nContainers space usage:\n\n");
    let mut lines = vec![
        "CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES".to_string(),
    ];
    for c in &u.containers {
        let mut command = c.command.join(" ");
        if command.chars().count() > 20 {
            command = command.chars().take(17).collect::<String>() + "...";
        }
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            short(&c.id),
            short(&c.image_id),
            command,
            c.local_volumes,
            human::go_size(c.rw_size, 3),
            human::since(&c.created),
            c.status,
            c.name
        ));
    }
    text.push_str(&output::table::tabwriter(&(lines.join("\n") + "\n")));
    text.push_str("\nLocal Volumes space usage:\n\n");
    let mut lines = vec!["VOLUME NAME\tLINKS\tSIZE".to_string()];
    for v in &u.volumes {
        lines.push(format!(
            "{}\t{}\t{}",
            v.name,
            v.links,
            human::go_size(v.size, 3)
        ));
    }
    text.push_str(&output::table::tabwriter(&(lines.join("\n") + "\n")));
    output::print_raw(&text);
    Ok(0)
}

/// Runs `rpod system prune`.
pub fn run_prune(g: &Globals, args: SystemPruneArgs) -> anyhow::Result<u8> {
    if !args.force {
        let mut what = String::from(
            "WARNING! This command removes:\n\t- all stopped containers\n\t- all networks not used by at least one container\n",
        );
        if args.volumes {
            what.push_str("\t- all volumes not used by at least one container\n");
        }
        what.push_str(if args.all {
            "\t- all images without at least one container associated with them\n"
        } else {
            "\t- all dangling images\n"
        });
        what.push_str("\t- all dangling build cache\n\nAre you sure you want to continue?");
        if !output::confirm(&what)? {
            return Ok(0);
        }
    }
    let engine = g.engine(false)?;
    let report = engine.system_prune(&libpod::engine::PruneOptions {
        all: args.all,
        volumes: args.volumes,
        filters: args.filter,
    })?;
    for (title, items) in [
        ("Deleted Containers", &report.containers),
        ("Deleted Networks", &report.networks),
        ("Deleted Volumes", &report.volumes),
        ("Deleted Images", &report.images),
    ] {
        if !items.is_empty() {
            output::println(title);
            for i in items {
                output::println(i);
            }
        }
    }
    output::println(&format!(
        "Total reclaimed space: {}",
        human::go_size(report.reclaimed, 4)
    ));
    Ok(0)
}

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Summary::default()).ok()
}
