//! `rpod create`: create a container from an image without starting it.

use super::run::RunArgs;
use super::Globals;
use crate::output;

/// Runs `rpod create`: prints the new container's ID.
pub fn run(g: &Globals, args: RunArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        !args.detach,
        "create does not run the container, so -d makes no sense: use `rpod run -d`"
    );
    // `run`'s own flags, which podman's create does not know.
    let run_only = [
        ("--rmi", args.rmi),
        ("--sig-proxy", args.sig_proxy.is_some()),
        ("--preserve-fds", args.host.preserve_fds > 0),
    ];
    if let Some((flag, _)) = run_only.iter().find(|(_, given)| *given) {
        anyhow::bail!("unknown flag: {flag}\nSee 'rpod create --help'");
    }
    let (_engine, id) = super::run::create(g, &args)?;
    output::println(&id);
    Ok(0)
}
