//! `rpod container cleanup`: tidy up after stopped containers (their file
//! system mounts), optionally removing them and their images, as podman's.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod container cleanup`.
#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// The containers to clean up
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Cleans up all containers
    #[arg(short, long)]
    pub all: bool,
    /// Clean up the given exec session instead of the container
    #[arg(long, value_name = "SESSION")]
    pub exec: Option<String>,
    /// After cleanup, remove the container entirely
    #[arg(long)]
    pub rm: bool,
    /// After cleanup, remove the image entirely
    #[arg(long)]
    pub rmi: bool,
    /// Only cleanup when the container is in the stopped state
    #[arg(long, hide = true)]
    pub stopped_only: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Runs `rpod container cleanup`: for each stopped container, its file
/// system is unmounted if `rpod mount` left it mounted; `--rm` removes the
/// container, `--rmi` its image too (when no other container uses it).
/// A running container is refused, as podman refuses it. Prints what was
/// given (or the ID, with `--all`/`--latest`).
pub fn run(g: &Globals, args: CleanupArgs) -> anyhow::Result<u8> {
    // podman's checks and words, in its order.
    if let Some(session) = &args.exec {
        anyhow::ensure!(!args.all, "--all and --exec cannot be set together");
        anyhow::ensure!(
            args.containers.len() <= 1,
            "cannot use exec option when more than one container is given"
        );
        anyhow::ensure!(!args.rmi, "--exec and --rmi cannot be set together");
        let engine = g.engine(false)?;
        let name = match args.containers.first() {
            Some(n) => n.clone(),
            None if args.latest => engine.latest_container()?.config.id,
            None => anyhow::bail!("you must provide at least one name or id"),
        };
        let c = engine.container(&name)?;
        // rpod's `exec` waits for its process and tidies up itself: no
        // session outlives it.
        anyhow::bail!(
            "retrieving exec session {session} from container {}: no such exec session",
            c.config.id
        );
    }
    anyhow::ensure!(
        !args.all || args.containers.is_empty(),
        "no arguments are needed with --all"
    );
    anyhow::ensure!(
        args.all || args.latest || !args.containers.is_empty(),
        "you must provide at least one name or id"
    );
    let engine = g.engine(false)?;
    let mut targets = args.containers.clone();
    if args.all {
        targets.extend(engine.containers()?.into_iter().map(|c| c.config.id));
    }
    if args.latest {
        targets.push(engine.latest_container()?.config.id);
    }
    let mounted: Vec<String> = engine
        .mounted_containers()
        .unwrap_or_default()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut first: Option<anyhow::Error> = None;
    for name in &targets {
        let result = (|| -> anyhow::Result<()> {
            let c = engine.container(name)?;
            let running = matches!(
                c.state.status,
                libpod::container::Status::Running | libpod::container::Status::Paused
            );
            if running {
                if args.stopped_only {
                    return Ok(());
                }
                anyhow::bail!(
                    "container {} is running or paused, refusing to clean up: container state improper",
                    c.config.id
                );
            }
            if mounted.contains(&c.config.id) {
                engine.unmount_container(&c.config.id)?;
            }
            if args.rm || args.rmi {
                let how = libpod::engine::RemoveOptions {
                    force: false,
                    volumes: false,
                    depend: false,
                    stop_timeout: None,
                };
                engine
                    .remove_containers(std::slice::from_ref(&c.config.id), how)
                    .into_iter()
                    .next()
                    .transpose()?;
            }
            if args.rmi && !c.config.image_id.is_empty() {
                for r in engine.remove_images(std::slice::from_ref(&c.config.image_id), false)? {
                    r.result?;
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => output::println(name),
            Err(e) if first.is_none() => first = Some(e),
            Err(e) => output::print_error(&e),
        }
    }
    match first {
        Some(e) => Err(e),
        None => Ok(0),
    }
}
