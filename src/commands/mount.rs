//! `rpod mount`/`umount` (`container mount`/`umount`) and `rpod image
//! mount`/`umount`. Rootless they work inside `rpod unshare`, as podman's do.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod mount`.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// The containers to mount (none: list what is mounted)
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Mount all containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted containers in specified format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not truncate output
    #[arg(long = "no-trunc", alias = "notruncate")]
    pub notruncate: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod umount`.
#[derive(Debug, Args)]
pub struct UmountArgs {
    /// The containers to unmount
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Unmount all mounted containers
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even if other processes use the mount (always so in rpod)
    #[arg(short, long)]
    pub force: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod image mount`.
#[derive(Debug, Args)]
pub struct ImageMountArgs {
    /// The images to mount (none: list what is mounted)
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Mount all images
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted images in specified format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod image umount`.
#[derive(Debug, Args)]
pub struct ImageUmountArgs {
    /// The images to unmount
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Unmount all mounted images
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even if other processes use the mount (always so in rpod)
    #[arg(short, long)]
    pub force: bool,
}

/// Runs `rpod mount`.
pub fn run(g: &Globals, args: MountArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut names = args.containers;
    if args.latest {
        names.push(engine.latest_container()?.config.id);
    }
    if args.all {
        names = engine
            .containers()?
            .into_iter()
            .map(|c| c.config.id)
            .collect();
    }
    let json = args.format.as_deref().is_some_and(|f| f.trim() == "json");
    if names.is_empty() || args.all {
        if args.all {
            for n in &names {
                engine.mount_container(n)?;
            }
        }
        let mounted = engine.mounted_containers()?;
        if json {
            let rows: Vec<_> = mounted
                .iter()
                .map(|(id, p)| {
                    let names = engine
                        .container(id)
                        .map(|c| vec![c.config.name])
                        .unwrap_or_default();
                    serde_json::json!({"id": id, "Names": names, "mountpoint": p})
                })
                .collect();
            output::println(&serde_json::to_string_pretty(&rows)?);
        } else {
            for (id, p) in mounted {
                let id = if args.notruncate { &id[..] } else { &id[..12] };
                output::println(&format!("{id} {}", p.display()));
            }
        }
        return Ok(0);
    }
    for n in &names {
        output::println(&engine.mount_container(n)?.display().to_string());
    }
    Ok(0)
}

/// Runs `rpod umount`.
pub fn run_umount(g: &Globals, args: UmountArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut names = args.containers;
    if args.latest {
        names.push(engine.latest_container()?.config.id);
    }
    if args.all {
        names = engine
            .mounted_containers()?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    }
    anyhow::ensure!(
        !names.is_empty() || args.all,
        "when not using the --all or --latest option, you must specify at least one container"
    );
    for n in &names {
        engine.unmount_container(n)?;
        output::println(n);
    }
    Ok(0)
}

/// Runs `rpod image mount`.
pub fn run_image(g: &Globals, args: ImageMountArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let json = args.format.as_deref().is_some_and(|f| f.trim() == "json");
    let mut mounted = Vec::new();
    if args.all {
        for i in engine.images()? {
            mounted.push(engine.mount_image(&i.id)?);
        }
    } else if args.images.is_empty() {
        mounted = engine.mounted_images()?;
    } else {
        for n in &args.images {
            let (_, at) = engine.mount_image(n)?;
            output::println(&at.display().to_string());
        }
        return Ok(0);
    }
    if json {
        let rows: Vec<_> = mounted
            .iter()
            .map(|(i, p)| serde_json::json!({"id": i.id, "Names": i.names, "Repositories": i.names, "mountpoint": p}))
            .collect();
        output::println(&serde_json::to_string_pretty(&rows)?);
    } else {
        for (i, p) in mounted {
            let name = i.names.first().cloned().unwrap_or_else(|| i.id.clone());
            output::println(&format!("{name} {}", p.display()));
        }
    }
    Ok(0)
}

/// Runs `rpod image umount`.
pub fn run_image_umount(g: &Globals, args: ImageUmountArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let names: Vec<String> = if args.all {
        engine
            .mounted_images()?
            .into_iter()
            .map(|(i, _)| i.id)
            .collect()
    } else {
        args.images
    };
    anyhow::ensure!(
        !names.is_empty() || args.all,
        "when not using the --all option you must specify at least one image"
    );
    for n in &names {
        if let Some(id) = engine.unmount_image(n)? {
            output::println(&id);
        }
    }
    Ok(0)
}
