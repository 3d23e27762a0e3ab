//! `rpod logs`: print a container's log (podman's k8s-file format).

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: Option<String>,
    /// Keep printing new lines until the container exits
    #[arg(short, long)]
    pub follow: bool,
    /// Show only the last N lines
    #[arg(long, value_name = "N")]
    pub tail: Option<i64>,
    /// Prefix each line with its time stamp
    #[arg(short, long)]
    pub timestamps: bool,
    /// Show lines since this time (RFC 3339, Unix time, or a duration such as 5m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show lines until this time (RFC 3339, Unix time, or a duration such as 5m)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Act on the latest container
    #[arg(short, long)]
    pub latest: bool,
}

/// Runs `rpod logs`.
pub fn run(g: &Globals, args: LogsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let c = match (&args.container, args.latest) {
        (Some(name), _) => engine.container(name)?,
        (None, true) => engine.latest_container()?,
        (None, false) => anyhow::bail!("give a container name or ID, or --latest"),
    };
    let text = std::fs::read_to_string(engine.log_path(&c)).unwrap_or_default();
    let mut out = String::new();
    for line in text.lines() {
        let mut parts = line.splitn(4, ' ');
        let (Some(ts), Some(_stream), Some(flag), Some(body)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if args.timestamps {
            out.push_str(ts);
            out.push(' ');
        }
        out.push_str(body);
        if flag == "F" {
            out.push('\n');
        }
    }
    output::print_raw(&out);
    Ok(0)
}
