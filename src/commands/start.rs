//! `rpod start`: start created or exited containers.

use clap::Args;

use libpod::container::Status;

use super::Globals;
use crate::output;

/// Arguments of `rpod start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// The containers to start
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "filter", "latest"])]
    pub containers: Vec<String>,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Start all containers regardless of their state or configuration
    #[arg(long)]
    pub all: bool,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Attach container's STDOUT and STDERR
    #[arg(short, long)]
    pub attach: bool,
    /// Make STDIN available to the contained process
    #[arg(short, long)]
    pub interactive: bool,
    /// Select the key sequence for detaching a container. Format is a single character `[a-Z]` or a comma separated sequence of `ctrl-<value>`, where `<value>` is one of: `a-z`, `@`, `^`, `[`, `\`, `]`, `^` or `_`
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Proxy received signals to the process
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
}

/// Runs `rpod start`.
pub fn run(g: &Globals, args: StartArgs) -> anyhow::Result<u8> {
    // podman's checks, in its order and words.
    anyhow::ensure!(
        !(args.all && args.latest),
        "--all and --latest cannot be used together"
    );
    anyhow::ensure!(
        !args.latest || args.containers.is_empty(),
        "--latest and containers cannot be used together"
    );
    anyhow::ensure!(
        !args.all || args.containers.is_empty(),
        "either start all containers or the container(s) provided in the arguments"
    );
    let sig_proxy = args.sig_proxy.unwrap_or(args.attach);
    if sig_proxy && !args.attach {
        return Err(libpod::spec::Conflict::SigProxyWithoutAttach.into());
    }
    let keys = libpod::monitor::attach::parse_detach_keys(&args.detach_keys)
        .map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    let engine = g.engine(false)?;
    let mut args = args;
    if args.latest {
        args.containers = vec![engine.latest_container()?.config.id];
    }
    if args.all || !args.filter.is_empty() {
        anyhow::ensure!(
            !args.attach,
            "--attach cannot be used with --all or --filter"
        );
        let filters = super::ps::parse_filters(&args.filter)?;
        let pods = super::ps::Pods::load(&engine)?;
        // The named ones (printed as named), else all (printed by ID).
        let mut chosen = Vec::new();
        if args.containers.is_empty() {
            for c in engine.containers()? {
                if super::ps::matches(&engine, &c, &filters, &pods)? {
                    chosen.push((c.config.id.clone(), c));
                }
            }
        } else {
            for name in &args.containers {
                let c = engine.container(name)?;
                if super::ps::matches(&engine, &c, &filters, &pods)? {
                    chosen.push((name.clone(), c));
                }
            }
        }
        let mut code = 0;
        for (shown, c) in chosen {
            if matches!(c.state.status, Status::Running | Status::Paused) {
                continue;
            }
            match engine.start_detached(&c.config.id) {
                Ok(_) => output::println(&shown),
                Err(e) => {
                    output::print_error(&e.into());
                    code = 125;
                }
            }
        }
        return Ok(code);
    }
    if args.attach {
        anyhow::ensure!(
            args.containers.len() == 1,
            "--attach takes one container; start the others separately"
        );
        let c = engine.container(&args.containers[0])?;
        let stdin = args.interactive || c.config.interactive;
        if matches!(c.state.status, Status::Running | Status::Paused) {
            // As podman: attach to a container that already runs.
            let end = engine.attach(&c.config.id, stdin, &keys, sig_proxy)?;
            return super::attach::finish(&engine, &c.config.id, end);
        }
        // Passthrough: our stdio are the container's, in the foreground.
        if (c.config.tty || !sig_proxy) && !c.config.log_driver.is_passthrough() {
            let end = engine.start_attached_via_monitor(&c.config.id, stdin, &keys, sig_proxy)?;
            return super::attach::finish(&engine, &c.config.id, end);
        }
        return Ok(engine.start_attached(&c.config.id)?);
    }
    let mut first_error = None;
    for name in &args.containers {
        match engine.start_detached(name) {
            Ok(_) => output::println(name),
            Err(e) if first_error.is_none() => first_error = Some(e),
            Err(e) => output::print_error(&e.into()),
        }
    }
    match first_error {
        // podman's start exits 125 whatever failed, a missing command
        // too (which `run` reports as 127).
        Some(e) if matches!(e.exit_code(), 126 | 127) => Err(anyhow::Error::msg(e.to_string())),
        Some(e) => Err(e.into()),
        None => Ok(0),
    }
}
