//! `rpod version`: podman's layout, with the Rust toolchain where podman
//! names its Go version.

use clap::Args;
use serde::Serialize;

use crate::output;

/// Arguments of `rpod version`.
#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// What `rpod version` reports (podman's `Client` fields; `RustVersion` for
/// its `GoVersion`); also `info`'s `version`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientVersion {
    #[serde(rename = "APIVersion")]
    api_version: &'static str,
    version: &'static str,
    rust_version: &'static str,
    git_commit: &'static str,
    built_time: String,
    built: i64,
    os_arch: String,
    os: &'static str,
}

/// `{"Client": …}`, as podman's version report.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct VersionReport {
    client: ClientVersion,
}

fn report() -> VersionReport {
    VersionReport { client: client() }
}

/// This build's version fields.
pub fn client() -> ClientVersion {
    let built: i64 = env!("RPOD_BUILT").parse().unwrap_or(0);
    // Go's time.ANSIC in local time, as podman prints it.
    let built_time = chrono::DateTime::from_timestamp(built, 0)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%a %b %e %H:%M:%S %Y")
                .to_string()
        })
        .unwrap_or_default();
    ClientVersion {
        api_version: env!("CARGO_PKG_VERSION"),
        version: env!("CARGO_PKG_VERSION"),
        rust_version: env!("RPOD_RUSTC_VERSION"),
        git_commit: "",
        built_time,
        built,
        os_arch: format!(
            "linux/{}",
            libpod::registry::manifest::Platform::host().architecture
        ),
        os: "linux",
    }
}

/// The default output: podman's `Key:<tab>Value` lines, aligned as its tabwriter does.
fn text(c: &ClientVersion) -> String {
    let rows = [
        ("Client", "rpod"),
        ("Version", c.version),
        ("API Version", c.api_version),
        ("Rust Version", c.rust_version),
        ("Built", &c.built_time),
        ("OS/Arch", &c.os_arch),
    ];
    let width = rows.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0) + 2;
    rows.iter()
        .map(|(k, v)| format!("{:<width$}{v}\n", format!("{k}:")))
        .collect()
}

/// Runs `rpod version`.
pub fn run(args: VersionArgs) -> anyhow::Result<u8> {
    let data = report();
    match args.format.as_deref() {
        // One line, as podman's json.MarshalToString.
        Some(f) if output::template::is_json(f) => output::println(&serde_json::to_string(&data)?),
        // podman tries the template on the whole report, then on the client
        // part (`{{.Version}}` as well as `{{.Client.Version}}`).
        Some(f) => {
            if output::print_template(f, &data, "types.SystemVersionReport").is_err() {
                output::print_template(
                    &f.replace(".Server.", "."),
                    &data.client,
                    "*define.Version",
                )?;
            }
        }
        None => output::print_raw(&text(&data.client)),
    }
    Ok(0)
}

/// The report a `--format` template sees (shell completion of its fields).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&report()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_aligns_values_as_podman() {
        let r = report();
        let t = text(&r.client);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Client:        rpod");
        assert_eq!(
            lines[1],
            format!("Version:       {}", env!("CARGO_PKG_VERSION"))
        );
        assert!(lines[3].starts_with("Rust Version:  rustc "), "{t}");
        assert_eq!(lines.len(), 6);
    }
}
