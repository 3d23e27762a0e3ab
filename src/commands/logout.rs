//! `rpod logout`: forget saved credentials.

use clap::Args;

use super::login::registry_host;
use super::Globals;
use crate::output;

/// Arguments of `rpod logout`.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The registry
    #[arg(value_name = "REGISTRY", required_unless_present = "all")]
    pub registry: Option<String>,
    /// Remove the cached credentials for all registries in the auth file
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Path of a Docker-compatible config file to update instead
    #[arg(long, value_name = "PATH")]
    pub compat_auth_file: Option<std::path::PathBuf>,
}

/// Runs `rpod logout`.
pub fn run(g: &Globals, args: LogoutArgs) -> anyhow::Result<u8> {
    let file = super::login::auth_file(args.authfile, args.compat_auth_file)?;
    let engine = g.engine(false)?;
    if args.all {
        engine.logout(None, file)?;
        output::println("Removed login credentials for all registries");
        return Ok(0);
    }
    let registry = registry_host(args.registry.as_deref().unwrap_or_default());
    if engine.logout(Some(&registry), file)? {
        output::println(&format!("Removed login credentials for {registry}"));
        Ok(0)
    } else {
        anyhow::bail!("not logged into {registry}")
    }
}
