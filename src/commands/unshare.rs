//! `rpod unshare`: run a command inside rpod's user namespace, to see the
//! store as rpod sees it (files owned by the subordinate ids show as theirs).

use clap::Args;

use super::Globals;

/// Arguments of `rpod unshare`.
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct UnshareArgs {
    /// The command and its arguments ($SHELL when omitted)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// Runs `rpod unshare`: exits with the command's code.
pub fn run(g: &Globals, args: UnshareArgs) -> anyhow::Result<u8> {
    let engine = g.engine(true)?;
    Ok(engine.run_command(&args.command)?)
}
