//! `rpod stats`: CPU, memory, network, block I/O and PIDs of containers,
//! from their cgroups, with podman's columns.

use std::collections::HashMap;
use std::time::Duration;

use clap::Args;
use libpod::cgroups::{stats::physical_memory, Sample, StatsRow};
use libpod::container::Status;
use serde::Serialize;

use super::Globals;
use crate::output;

/// Arguments of `rpod stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The containers (all running ones when none is named)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Show all containers. Only running containers are shown by default. The default is false
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container
    #[arg(short, long)]
    pub latest: bool,
    /// Pretty-print container statistics to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Disable streaming stats and only pull the first result, default setting is false
    #[arg(long)]
    pub no_stream: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Disable resetting the screen between intervals
    #[arg(long)]
    pub no_reset: bool,
    /// Time in seconds between stats reports
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub interval: u64,
}

/// One row, with the names podman's templates use.
#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    ContainerID: String,
    Name: String,
    CPUPerc: String,
    AVGCPU: String,
    MemUsage: String,
    MemUsageBytes: String,
    MemPerc: String,
    NetIO: String,
    BlockIO: String,
    PIDS: String,
    UpTime: String,
    CPU: f64,
    MemLimit: u64,
}

/// `--format json`'s objects, as podman prints them.
#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    cpu_time: &'a str,
    cpu_percent: &'a str,
    avg_cpu: &'a str,
    mem_usage: &'a str,
    mem_percent: &'a str,
    net_io: &'a str,
    block_io: &'a str,
    pids: &'a str,
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("ContainerID", "ID"),
    ("Name", "NAME"),
    ("CPUPerc", "CPU %"),
    ("AVGCPU", "AVG CPU %"),
    ("MemUsage", "MEM USAGE / LIMIT"),
    ("MemUsageBytes", "MEM USAGE / LIMIT"),
    ("MemPerc", "MEM %"),
    ("NetIO", "NET IO"),
    ("BlockIO", "BLOCK IO"),
    ("PIDS", "PIDS"),
    ("UpTime", "CPU TIME"),
    ("CPU", "CPU"),
    ("MemLimit", "MEM LIMIT"),
];

const DEFAULT_FORMAT: &str = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}";

/// go-units' `BytesSize`: binary units (`1.5MiB`).
fn bytes_size(v: u64) -> String {
    const UNITS: &[&str] = &["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    #[allow(clippy::cast_precision_loss)]
    let mut f = v as f64;
    let mut i = 0;
    while f >= 1024.0 && i + 1 < UNITS.len() {
        f /= 1024.0;
        i += 1;
    }
    let s = format!("{f:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{}", UNITS[i])
}

fn row(r: &StatsRow, id: &str, name: &str, no_trunc: bool) -> Row {
    Row {
        ID: if no_trunc {
            id
        } else {
            &id[..12.min(id.len())]
        }
        .to_string(),
        ContainerID: id.to_string(),
        Name: name.to_string(),
        CPUPerc: r.cpu_perc(),
        AVGCPU: r.avg_cpu(),
        MemUsage: r.mem_usage(),
        MemUsageBytes: format!("{} / {}", bytes_size(r.mem_usage), bytes_size(r.mem_limit)),
        MemPerc: r.mem_perc(),
        NetIO: r.net_io(),
        BlockIO: r.block_io(),
        PIDS: r.pids(),
        UpTime: output::human::go_duration(r.cpu_time),
        CPU: r.cpu_percent,
        MemLimit: r.mem_limit,
    }
}

/// Runs `rpod stats`.
pub fn run(g: &Globals, args: StatsArgs) -> anyhow::Result<u8> {
    let given =
        usize::from(args.all) + usize::from(args.latest) + usize::from(!args.containers.is_empty());
    anyhow::ensure!(
        given <= 1,
        "--all, --latest and containers cannot be used together"
    );
    anyhow::ensure!(
        args.interval >= 1,
        "invalid interval, must be a positive number greater zero"
    );
    let engine = g.engine(false)?;
    engine.stats_supported()?;
    let physical = physical_memory();
    let mut previous: HashMap<String, Sample> = HashMap::new();
    let format = args.format.as_deref().unwrap_or(DEFAULT_FORMAT);
    loop {
        let names: Vec<String> = if args.latest {
            vec![engine.latest_container()?.config.id]
        } else if !args.containers.is_empty() {
            args.containers.clone()
        } else {
            engine
                .containers()?
                .into_iter()
                .filter(|c| args.all || matches!(c.state.status, Status::Running | Status::Paused))
                .map(|c| c.config.id)
                .collect()
        };
        let listed = args.containers.is_empty();
        let mut rows = Vec::new();
        for name in &names {
            let reading = match engine.container_sample(name) {
                Ok(r) => r,
                // Gone between the listing and the reading.
                Err(e) if listed && e.is_container_not_found() => continue,
                Err(e) => return Err(e.into()),
            };
            let stats = match &reading.sample {
                Some(cur) => {
                    let r = StatsRow::compute(
                        previous.get(&reading.id),
                        cur,
                        reading.started_ns,
                        physical,
                    );
                    previous.insert(reading.id.clone(), *cur);
                    r
                }
                None => StatsRow::compute(None, &Sample::default(), 0, 0),
            };
            rows.push(row(&stats, &reading.id, &reading.name, args.no_trunc));
        }
        if !args.no_stream && !args.no_reset {
            output::print_raw("\x1b[2J\x1b[H");
        }
        if format == "json" {
            let json: Vec<JsonRow<'_>> = rows
                .iter()
                .map(|r| JsonRow {
                    id: &r.ID,
                    name: &r.Name,
                    cpu_time: &r.UpTime,
                    cpu_percent: &r.CPUPerc,
                    avg_cpu: &r.AVGCPU,
                    mem_usage: &r.MemUsage,
                    mem_percent: &r.MemPerc,
                    net_io: &r.NetIO,
                    block_io: &r.BlockIO,
                    pids: &r.PIDS,
                })
                .collect();
            output::print_json(&json)?;
        } else {
            output::print_rows(format, &rows, HEADERS, false, "containers.containerStats")?;
        }
        if args.no_stream {
            return Ok(0);
        }
        std::thread::sleep(Duration::from_secs(args.interval));
    }
}

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Row::default()).ok()
}
