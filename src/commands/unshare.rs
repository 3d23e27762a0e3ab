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
    /// Join the rootless network namespace where bridge networks live (also spelled --rootless-cni)
    #[arg(long, alias = "rootless-cni")]
    pub rootless_netns: bool,
}

/// Runs `rpod unshare`: exits with the command's code.
pub fn run(g: &Globals, args: UnshareArgs) -> anyhow::Result<u8> {
    if args.rootless_netns {
        // Joined from the user's own namespace: the holder's is not rpod's.
        return Ok(g.engine(false)?.run_in_rootless_netns(&args.command)?);
    }
    let engine = g.engine(true)?;
    Ok(engine.unshare(&args.command)?)
}
