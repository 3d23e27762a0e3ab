//! `rpod version`.

use clap::Args;

use crate::output;

/// Arguments of `rpod version`.
#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Runs `rpod version`.
pub fn run(args: VersionArgs) -> anyhow::Result<u8> {
    let data = serde_json::json!({
        "Client": {
            "Version": env!("CARGO_PKG_VERSION"),
            "OsArch": format!("linux/{}", libpod::registry::manifest::Platform::host().architecture),
        }
    });
    match args.format.as_deref() {
        Some("json") => output::print_json(&data)?,
        Some(f) => output::print_template(f, &data)?,
        None => {
            output::println(&format!("Version:      {}", env!("CARGO_PKG_VERSION")));
            output::println(&format!(
                "OS/Arch:      {}",
                data["Client"]["OsArch"].as_str().unwrap_or_default()
            ));
        }
    }
    Ok(0)
}
