//! `rpod info`: host, store and registry information in podman's shape:
//! YAML by default, `--format json`, or a Go template that reaches the
//! fields by podman's names (`{{.Store.GraphRoot}}`, `{{.Host.OCIRuntime.Name}}`).

use clap::Args;
use serde::Serialize;

use super::Globals;
use crate::output;
use crate::output::template::TValue;

/// Arguments of `rpod info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display additional debug information (does nothing, as in podman 2 and later)
    #[arg(short = 'D', long, hide = true)]
    pub debug: bool,
}

/// podman's `infoReport`: the engine's data and this build's version.
#[derive(Debug, Serialize)]
struct Report<'a> {
    host: &'a libpod::engine::HostInfo,
    store: &'a libpod::engine::StoreInfo,
    registries: &'a std::collections::BTreeMap<String, serde_json::Value>,
    plugins: &'a libpod::engine::Plugins,
    version: super::version::ClientVersion,
}

/// Runs `rpod info`.
pub fn run(g: &Globals, args: InfoArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let info = engine.info()?;
    let report = Report {
        host: &info.host,
        store: &info.store,
        registries: &info.registries,
        plugins: &info.plugins,
        version: super::version::client(),
    };
    match args.format.as_deref() {
        // podman: json.MarshalIndent with two spaces.
        Some(f) if output::template::is_json(f) => {
            output::println(&serde_json::to_string_pretty(&report)?);
        }
        Some(format) => {
            let data = output::template_value(&report, "*define.Info")?;
            output::print_template_value(format, &data)?;
        }
        None => output::print_yaml(&report)?,
    }
    Ok(0)
}

/// The report a `--format` template sees (shell completion of its fields).
pub fn format_sample(engine: &libpod::Engine) -> Option<TValue> {
    let info = engine.info().ok()?;
    let report = Report {
        host: &info.host,
        store: &info.store,
        registries: &info.registries,
        plugins: &info.plugins,
        version: super::version::client(),
    };
    TValue::from(&report).ok()
}
