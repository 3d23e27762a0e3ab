//! `rpod top`: the processes running in a container.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// Runs `rpod top`: podman's default columns.
pub fn run(g: &Globals, args: TopArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let procs = engine.container_processes(&args.container)?;
    let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
    for p in procs {
        lines.push(format!(
            "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
            p.user,
            p.pid,
            p.ppid,
            p.cpu_percent,
            output::human::go_duration(p.elapsed),
            p.tty,
            output::human::go_duration(p.cpu_time),
            p.command
        ));
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}
