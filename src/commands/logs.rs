//! `rpod logs`: print containers' logs (podman's k8s-file format); with
//! several, each line carries its container's ID (or `--names`, its name).

use std::io::Write;

use clap::Args;
use libpod::container::logs::{self, ReadOptions};
use libpod::container::{Container, Status};

use super::Globals;

/// Arguments of `rpod logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The containers
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Output the container name in the log
    #[arg(short, long)]
    pub names: bool,
    /// Output the containers with different colors in the log.
    #[arg(verbatim_doc_comment)]
    #[arg(long)]
    pub color: bool,
    /// Follow log output.  The default is false
    #[arg(short, long)]
    pub follow: bool,
    /// Output the specified number of LINES at the end of the logs.  Defaults to -1, which prints all lines
    #[arg(long, value_name = "N")]
    pub tail: Option<i64>,
    /// Output the timestamps in the log
    #[arg(short, long)]
    pub timestamps: bool,
    /// Show logs since TIMESTAMP
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Show extra details provided to the logs (podman's hidden no-op, for Docker)
    #[arg(long, hide = true)]
    pub details: bool,
}

/// Runs `rpod logs`.
pub fn run(g: &Globals, args: LogsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let chosen: Vec<Container> = match (args.containers.is_empty(), args.latest) {
        (false, _) => args
            .containers
            .iter()
            .map(|n| engine.container(n).map_err(anyhow::Error::from))
            .collect::<anyhow::Result<_>>()?,
        (true, true) => vec![engine.latest_container()?],
        (true, false) => anyhow::bail!("specify at least one container name or ID to log"),
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
        since: time(&args.since, logs::Bound::Since, "--since")?,
        until: time(&args.until, logs::Bound::Until, "--until")?,
        timestamps: args.timestamps,
    };
    if let Some(c) = chosen.iter().find(|c| !c.config.log_driver.keeps_log()) {
        // podman's words.
        anyhow::bail!(
            "this container is using the '{}' log driver, cannot read logs: this container is not logging output",
            c.config.log_driver.as_str()
        );
    }
    // As podman: the prefix only when reading several containers.
    let multi = chosen.len() > 1;
    print_many(g, &chosen, &opts, args.follow, args.color, |c| {
        match (multi, args.names) {
            (false, _) => String::new(),
            (true, true) => format!("{} ", c.config.name),
            (true, false) => format!("{} ", c.short_id()),
        }
    })?;
    Ok(0)
}

/// podman's log colors (`--color`), by the container's place in the list.
const COLORS: [&str; 7] = [
    "\x1b[37m", "\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[35m", "\x1b[36m", "\x1b[32m",
];

/// Writes whole lines, each prefixed (and with `--color` colored), to a
/// shared stream.
struct Prefixed<'a> {
    prefix: String,
    color: Option<&'static str>,
    partial: Vec<u8>,
    out: &'a std::sync::Mutex<Box<dyn Write + Send>>,
}

impl Write for Prefixed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.prefix.is_empty() && self.color.is_none() {
            let mut o = self
                .out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            o.write_all(buf)?;
            o.flush()?;
            return Ok(buf.len());
        }
        self.partial.extend_from_slice(buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            let mut o = self
                .out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match self.color {
                // podman's: the color around the prefix and the line.
                Some(color) => {
                    let text = &line[..line.len() - 1];
                    o.write_all(color.as_bytes())?;
                    o.write_all(self.prefix.as_bytes())?;
                    o.write_all(text)?;
                    o.write_all(b"\x1b[0m\n")?;
                }
                None => {
                    o.write_all(self.prefix.as_bytes())?;
                    o.write_all(&line)?;
                }
            }
            o.flush()?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Prints the logs of `containers` (`logs`, `pod logs`), each line after
/// `prefix(container)` (and with `color`, in the container's color): one
/// after the other, or with `follow` side by side until each has exited.
pub(crate) fn print_many(
    g: &Globals,
    containers: &[Container],
    opts: &ReadOptions,
    follow: bool,
    color: bool,
    prefix: impl Fn(&Container) -> String + Sync,
) -> anyhow::Result<()> {
    let out: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stdout()));
    let err: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stderr()));
    let streams = |i: usize, c: &Container| {
        let p = prefix(c);
        let color = color.then(|| COLORS[i % COLORS.len()]);
        (
            Prefixed {
                prefix: p.clone(),
                color,
                partial: Vec::new(),
                out: &out,
            },
            Prefixed {
                prefix: p,
                color,
                partial: Vec::new(),
                out: &err,
            },
        )
    };
    let engine = g.engine(false)?;
    if !follow {
        for (i, c) in containers.iter().enumerate() {
            let (mut o, mut e) = streams(i, c);
            logs::read(&engine.log_path(c), opts, &mut o, &mut e)?;
        }
        return Ok(());
    }
    // -f: one reader per container, until each has exited.
    std::thread::scope(|s| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for (i, c) in containers.iter().enumerate() {
            let (mut o, mut e) = streams(i, c);
            let id = c.config.id.clone();
            let path = engine.log_path(c);
            let g = g.clone();
            handles.push(s.spawn(move || -> anyhow::Result<()> {
                let engine = g.engine(false)?;
                // As podman: --until ends a follow at that time, running or not.
                let until = opts.until;
                let mut running = || {
                    until.is_none_or(|u| std::time::SystemTime::now() < u)
                        && engine.container(&id).is_ok_and(|c| {
                            matches!(c.state.status, Status::Running | Status::Paused)
                        })
                };
                logs::follow(&path, opts, &mut o, &mut e, &mut running)?;
                Ok(())
            }));
        }
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a log reader failed"))??;
        }
        Ok(())
    })
}
