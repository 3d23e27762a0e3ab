//! `rpod internal monitor`: the detached supervisor of one container
//! (started by `run -d` and `start`; not for users), and `rpod internal
//! network-holder`, the holder of bridge networks (started by `run`), and
//! `rpod internal pod-holder`, PID 1 of a pod's shared PID namespace.

use clap::Args;

use super::Globals;

/// Arguments of `rpod internal monitor`.
#[derive(Debug, Args)]
pub struct MonitorArgs {
    /// Descriptor on which to report that the container started
    #[arg(long, value_name = "FD")]
    pub ready_fd: i32,
    /// Wait for one attach client before starting the command (`run -it`)
    #[arg(long)]
    pub attach_first: bool,
    /// The container gets the monitor's stdin, stdout and stderr (`--log-driver passthrough`)
    #[arg(long)]
    pub passthrough: bool,
    /// The monitor's descriptors 3..3+N go on to the container (`run -d --preserve-fds`)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// The container's full ID
    #[arg(value_name = "ID")]
    pub id: String,
}

/// Runs the monitor until the container exits for good.
pub fn run(g: &Globals, args: MonitorArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(args.ready_fd > 2, "--ready-fd must be above 2");
    let engine = g.engine(false)?;
    // The descriptor was inherited from the starting rpod for this purpose.
    let ready = libpod::sys::inherited_fd(args.ready_fd)
        .map_err(|e| anyhow::anyhow!("--ready-fd {}: {e}", args.ready_fd))?;
    engine.monitor(
        &args.id,
        ready,
        args.attach_first,
        args.passthrough,
        args.preserve_fds,
    )?;
    // A kube play service container whose pods' failures it propagates
    // (it was killed for them): its monitor, a systemd unit's main
    // process, fails with its exit code.
    Ok(match engine.container(&args.id) {
        Ok(c)
            if c.config
                .kube_exit_code_propagation
                .is_some_and(|p| p != libpod::kube::ExitCodePropagation::None) =>
        {
            u8::try_from(c.state.exit_code).unwrap_or(1)
        }
        _ => 0,
    })
}

/// Arguments of `rpod internal network-holder`.
#[derive(Debug, Args)]
pub struct HolderArgs {
    /// Descriptor on which to report that the holder listens
    #[arg(long, value_name = "FD")]
    pub ready_fd: i32,
    /// Descriptor of a user namespace to join instead of creating one
    #[arg(long, value_name = "FD")]
    pub userns_fd: Option<i32>,
}

/// Forks the holder (detached) and exits; the holder serves until no
/// container uses a bridge network.
pub fn run_holder(g: &Globals, args: HolderArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(args.ready_fd > 2, "--ready-fd must be above 2");
    let engine = g.engine(false)?;
    let ready = libpod::sys::inherited_fd(args.ready_fd)
        .map_err(|e| anyhow::anyhow!("--ready-fd {}: {e}", args.ready_fd))?;
    let join = match args.userns_fd {
        Some(fd) => {
            anyhow::ensure!(fd > 2, "--userns-fd must be above 2");
            Some(
                libpod::sys::inherited_fd(fd)
                    .map_err(|e| anyhow::anyhow!("--userns-fd {fd}: {e}"))?,
            )
        }
        None => None,
    };
    engine.network_holder(ready, join)?;
    Ok(0)
}

/// Arguments of `rpod internal pod-holder`.
#[derive(Debug, Args)]
pub struct PodHolderArgs {
    /// Descriptor on which to report the holder's PID
    #[arg(long, value_name = "FD")]
    pub ready_fd: i32,
    /// The pod's full ID
    #[arg(value_name = "POD")]
    pub pod: String,
}

/// Forks the pod's PID holder (detached) and exits; the holder lives
/// while containers of the pod run.
pub fn run_pod_holder(g: &Globals, args: PodHolderArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(args.ready_fd > 2, "--ready-fd must be above 2");
    let engine = g.engine(false)?;
    let ready = libpod::sys::inherited_fd(args.ready_fd)
        .map_err(|e| anyhow::anyhow!("--ready-fd {}: {e}", args.ready_fd))?;
    engine.pod_holder(&args.pod, ready)?;
    Ok(0)
}
