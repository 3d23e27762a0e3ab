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
        ("--preserve-fd", !args.host.preserve_fd.is_empty()),
    ];
    if let Some((flag, _)) = run_only.iter().find(|(_, given)| *given) {
        anyhow::bail!("unknown flag: {flag}\nSee 'rpod create --help'");
    }
    let (_engine, c) = super::run::create(g, &args)?;
    // Passthrough: the container's output goes to whoever starts it; as
    // podman, create prints no ID then.
    if !c.config.log_driver.is_passthrough() {
        output::println(&c.config.id);
    }
    Ok(0)
}
