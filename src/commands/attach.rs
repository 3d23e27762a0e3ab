//! `rpod attach`: connect the terminal to a running container's monitor;
//! detach again with the detach keys (default ctrl-p,ctrl-q).

use clap::Args;
use libpod::monitor::attach::{parse_detach_keys, End};

use super::Globals;

/// Arguments of `rpod attach`.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The container
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Select the key sequence for detaching a container. Format is a single character `[a-Z]` or a comma separated sequence of `ctrl-<value>`, where `<value>` is one of: `a-z`, `@`, `^`, `[`, `\`, `]`, `^` or `_`
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Do not attach STDIN. The default is false
    #[arg(long)]
    pub no_stdin: bool,
    /// Proxy received signals to the process
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    pub sig_proxy: bool,
}

/// Runs `rpod attach`: the container's exit code, or 0 when detached.
pub fn run(g: &Globals, args: AttachArgs) -> anyhow::Result<u8> {
    // podman's words (scripts and its tests match them).
    anyhow::ensure!(
        !(args.latest && args.container.is_some()),
        "--latest and containers cannot be used together"
    );
    let engine = g.engine(false)?;
    let keys =
        parse_detach_keys(&args.detach_keys).map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    let c = match &args.container {
        Some(name) => engine.container(name)?,
        None => engine.latest_container()?,
    };
    let stdin = c.config.interactive && !args.no_stdin;
    let end = engine.attach(&c.config.id, stdin, &keys, args.sig_proxy)?;
    finish(&engine, &c.config.id, end)
}

/// The exit code for how an attach session ended.
pub fn finish(engine: &libpod::Engine, id: &str, end: End) -> anyhow::Result<u8> {
    Ok(match end {
        End::Detached => 0,
        End::Exited(code) => {
            // Return once the monitor has recorded the exit (and cleaned up,
            // a `--rm` container removed).
            let _ = engine.wait_container(id, libpod::engine::WaitCondition::Stopped);
            engine.wait_auto_removed(id);
            code
        }
        End::Closed => {
            let code = engine.wait_container(id, libpod::engine::WaitCondition::Stopped)?;
            engine.wait_auto_removed(id);
            u8::try_from(code).unwrap_or(125)
        }
    })
}
