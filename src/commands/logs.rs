//! `rpod logs`: print a container's log (podman's k8s-file format).

use clap::Args;

use super::Globals;

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
    use libpod::container::logs::{self, Bound, ReadOptions};
    let engine = g.engine(false)?;
    let c = match (&args.container, args.latest) {
        (Some(name), _) => engine.container(name)?,
        (None, true) => engine.latest_container()?,
        (None, false) => anyhow::bail!("give a container name or ID, or --latest"),
    };
    let now = std::time::SystemTime::now();
    let time = |v: &Option<String>, bound, flag| -> anyhow::Result<_> {
        v.as_deref()
            .map(|s| logs::parse_time(s, now, bound))
            .transpose()
            .map_err(|e| anyhow::anyhow!("{flag}: {e}"))
    };
    let opts = ReadOptions {
        // podman: a negative --tail means all lines.
        tail: args.tail.and_then(|n| usize::try_from(n).ok()),
        since: time(&args.since, Bound::Since, "--since")?,
        until: time(&args.until, Bound::Until, "--until")?,
        timestamps: args.timestamps,
    };
    if c.config.log_driver == libpod::spec::LogDriver::None {
        // podman's words.
        anyhow::bail!(
            "this container is using the 'none' log driver, cannot read logs: this container is not logging output"
        );
    }
    let path = engine.log_path(&c);
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    if args.follow {
        let id = c.config.id.clone();
        let mut running = || {
            engine.container(&id).is_ok_and(|c| {
                matches!(
                    c.state.status,
                    libpod::container::Status::Running | libpod::container::Status::Paused
                )
            })
        };
        logs::follow(&path, &opts, &mut out, &mut err, &mut running)?;
    } else {
        logs::read(&path, &opts, &mut out, &mut err)?;
    }
    Ok(0)
}
