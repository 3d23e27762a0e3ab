//! `rpod port`: a container's published ports (`--all`: every running
//! container's, each line after its short ID).

use clap::Args;
use libpod::container::Status;

use super::Globals;
use crate::output;

/// Arguments of `rpod port`.
#[derive(Debug, Args)]
pub struct PortArgs {
    /// The container (with --latest: the port)
    #[arg(value_name = "CONTAINER")]
    pub container: Option<String>,
    /// Show only this container port: PORT[/PROTOCOL]
    #[arg(value_name = "PRIVATE_PORT")]
    pub port: Option<String>,
    /// Display port information for all containers
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Runs `rpod port`: `80/tcp -> 0.0.0.0:8080` lines, as podman prints them.
pub fn run(g: &Globals, args: PortArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    // podman's reading of the arguments.
    let (container, port) = if args.latest {
        (None, args.container.clone())
    } else {
        (args.container.clone(), args.port.clone())
    };
    let chosen = if args.all {
        engine
            .containers()?
            .into_iter()
            .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
            .collect()
    } else if args.latest {
        vec![engine.latest_container()?]
    } else {
        match &container {
            Some(name) => vec![engine.container(name.trim_start_matches('/'))?],
            None => anyhow::bail!("you must supply a running container name or id"),
        }
    };
    for c in &chosen {
        let prefix = if args.all {
            format!("{}\t", c.short_id())
        } else {
            String::new()
        };
        let mut shown = 0;
        for p in &c.config.port_mappings {
            let key = format!("{}/{}", p.container_port, p.protocol);
            if let Some(want) = &port {
                if *want != key && *want != p.container_port.to_string() {
                    continue;
                }
            }
            let ip = p
                .host_ip
                .map_or_else(|| "0.0.0.0".to_string(), |i| i.to_string());
            if port.is_some() {
                output::println(&format!("{prefix}{ip}:{}", p.host_port));
            } else {
                output::println(&format!("{prefix}{key} -> {ip}:{}", p.host_port));
            }
            shown += 1;
        }
        if let Some(want) = &port {
            anyhow::ensure!(
                shown > 0,
                "no public port {want} published for {}",
                container.as_deref().unwrap_or(&c.config.name)
            );
        }
    }
    Ok(0)
}
