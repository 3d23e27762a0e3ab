//! `rpod port`: a container's published ports.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod port`.
#[derive(Debug, Args)]
pub struct PortArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Show only this container port: PORT[/PROTOCOL]
    #[arg(value_name = "PRIVATE_PORT")]
    pub port: Option<String>,
}

/// Runs `rpod port`: `80/tcp -> 0.0.0.0:8080` lines, as podman prints them.
pub fn run(g: &Globals, args: PortArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let ports = engine.container_ports(&args.container)?;
    let mut shown = 0;
    for p in &ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        if let Some(want) = &args.port {
            if *want != key && *want != p.container_port.to_string() {
                continue;
            }
        }
        let ip = p
            .host_ip
            .map_or_else(|| "0.0.0.0".to_string(), |i| i.to_string());
        if args.port.is_some() {
            output::println(&format!("{ip}:{}", p.host_port));
        } else {
            output::println(&format!("{key} -> {ip}:{}", p.host_port));
        }
        shown += 1;
    }
    if let Some(want) = &args.port {
        anyhow::ensure!(
            shown > 0,
            "no public port {want} published for {}",
            args.container
        );
    }
    Ok(0)
}
