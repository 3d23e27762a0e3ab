//! Records what `rpod version` reports about the build: when it was built
//! (`SOURCE_DATE_EPOCH` when set, for reproducible packages) and by which rustc.

// A build script has std only (no build-dependencies): its errors fail the build.
#![allow(clippy::disallowed_methods)]

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    // Rerun (and so refresh the build time) when rpod's own code changes,
    // not on every change to tests or docs.
    for path in ["src", "libpod-rs/src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let built = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    println!("cargo:rustc-env=RPOD_BUILT={built}");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=RPOD_RUSTC_VERSION={version}");
    help_examples();
}

/// Writes `$OUT_DIR/help_examples.rs`: the `$ rpod …` lines of each man page
/// source's `# EXAMPLES`, which `--help` shows as podman shows its examples.
fn help_examples() {
    println!("cargo:rerun-if-changed=man/src");
    let mut pages: Vec<(String, String)> = Vec::new();
    if let Ok(dir) = std::fs::read_dir("man/src") {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(page) = name.strip_suffix(".1.md") else {
                continue;
            };
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let body = if let Some(target) = text.trim().strip_prefix(".so man1/") {
                let target = target.trim_end_matches(".1");
                format!("HelpExamples::Alias({target:?})")
            } else {
                let mut lines = Vec::new();
                let mut in_examples = false;
                for line in text.lines() {
                    if let Some(h) = line.strip_prefix("# ") {
                        in_examples = h.trim() == "EXAMPLES";
                    } else if in_examples {
                        if let Some(cmd) = line.strip_prefix("$ ") {
                            lines.push(format!("{cmd:?}"));
                        }
                    }
                }
                format!("HelpExamples::Lines(&[{}])", lines.join(", "))
            };
            pages.push((page.to_string(), body));
        }
    }
    pages.sort();
    let mut out = String::from(
        "/// A man page's examples, or the page it is an alias of.\n\
         enum HelpExamples {\n    /// `$ rpod …` lines.\n    Lines(&'static [&'static str]),\n    \
         /// `.so man1/OTHER.1`.\n    Alias(&'static str),\n}\n\n\
         /// Examples by man page name (`rpod-container-ls`).\n\
         static HELP_EXAMPLES: &[(&str, HelpExamples)] = &[\n",
    );
    for (page, body) in pages {
        out.push_str(&format!("    ({page:?}, {body}),\n"));
    }
    out.push_str("];\n");
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("help_examples.rs");
    std::fs::write(dest, out).expect("writing help_examples.rs");
}
