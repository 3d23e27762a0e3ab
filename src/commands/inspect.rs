//! `rpod inspect` and `rpod image inspect`: show an object's configuration as JSON.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod image inspect`.
#[derive(Debug, Args)]
pub struct ImageInspectArgs {
    /// The images to inspect
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The objects to inspect
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only inspect objects of this type: container, image or all
    #[arg(short, long, value_name = "TYPE", default_value = "all", value_parser = ["container", "image", "all"])]
    pub r#type: String,
    /// Act on the latest container
    #[arg(short, long)]
    pub latest: bool,
    /// Show containers' sizes (SizeRw, SizeRootFs)
    #[arg(short, long)]
    pub size: bool,
}

/// Arguments of `rpod container inspect`.
#[derive(Debug, Args)]
pub struct ContainerInspectArgs {
    /// The containers to inspect
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container
    #[arg(short, long)]
    pub latest: bool,
    /// Show the containers' sizes (SizeRw, SizeRootFs)
    #[arg(short, long)]
    pub size: bool,
}

/// Runs `rpod inspect`: containers first, then images, as podman looks them up.
pub fn run(g: &Globals, args: InspectArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut names = args.names.clone();
    if args.latest {
        names.push(engine.latest_container()?.config.id);
    }
    anyhow::ensure!(
        !names.is_empty(),
        "give at least one name or ID (or --latest)"
    );
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &names {
        let container = if args.r#type == "image" {
            None
        } else {
            match engine.inspect_container(name) {
                Ok(mut v) if args.size => {
                    let (rw, rootfs) = engine.container_sizes(name)?;
                    if let Some(o) = v.as_object_mut() {
                        o.insert("SizeRw".into(), rw.into());
                        o.insert("SizeRootFs".into(), rootfs.into());
                    }
                    Some(v)
                }
                Ok(v) => Some(v),
                Err(e) if e.is_container_not_found() => None,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            }
        };
        if let Some(v) = container {
            found.push(v);
            continue;
        }
        if args.r#type == "container" {
            // podman's wording for `container inspect`.
            errors.push(libpod::Error::Message(format!(
                "no such container {name:?}"
            )));
            continue;
        }
        match engine.inspect_image(name) {
            Ok(data) => found.push(serde_json::to_value(data)?),
            Err(e) if e.is_image_not_found() && args.r#type == "all" => {
                errors.push(libpod::Error::Message(format!(
                    "no such object: {name:?}: no container or image has this name or ID"
                )))
            }
            Err(e) => errors.push(e),
        }
    }
    print(&found, args.format.as_deref())?;
    match errors.into_iter().next() {
        Some(first) => Err(first.into()),
        None => Ok(0),
    }
}

/// Runs `rpod container inspect`.
pub fn run_container(g: &Globals, args: ContainerInspectArgs) -> anyhow::Result<u8> {
    run(
        g,
        InspectArgs {
            names: args.containers,
            format: args.format,
            r#type: "container".into(),
            latest: args.latest,
            size: args.size,
        },
    )
}

fn print(found: &[serde_json::Value], format: Option<&str>) -> anyhow::Result<()> {
    match format {
        Some(format) if !output::template::is_json(format) => {
            let typed: Vec<serde_json::Value> = found.iter().cloned().map(go_typed).collect();
            output::print_rows(format, &typed, &[], false)?;
        }
        _ => output::print_json(&found)?,
    }
    Ok(())
}

/// What a template sees as podman's Go types do, where the JSON differs:
/// the healthchecks' durations (`time.Duration`, JSON nanoseconds) print
/// as `30s`, and a container without a startup check has a nil one.
fn go_typed(mut v: serde_json::Value) -> serde_json::Value {
    let is_container = v.get("State").is_some();
    if let Some(config) = v.get_mut("Config").and_then(|c| c.as_object_mut()) {
        for key in ["Healthcheck", "StartupHealthCheck"] {
            let Some(check) = config.get_mut(key).and_then(|c| c.as_object_mut()) else {
                continue;
            };
            for field in ["Interval", "Timeout", "StartPeriod", "StartInterval"] {
                if let Some(ns) = check.get(field).and_then(serde_json::Value::as_u64) {
                    let d = std::time::Duration::from_nanos(ns);
                    check.insert(field.into(), output::human::go_duration(d).into());
                }
            }
        }
        if is_container && !config.contains_key("StartupHealthCheck") {
            config.insert("StartupHealthCheck".into(), serde_json::Value::Null);
        }
    }
    v
}

/// Runs `rpod image inspect`: prints what it found, then fails for what it did not.
pub fn run_image(g: &Globals, args: ImageInspectArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &args.images {
        match engine.inspect_image(name) {
            Ok(data) => found.push(data),
            Err(e) => errors.push(e),
        }
    }
    match args.format.as_deref() {
        Some(format) if !output::template::is_json(format) => {
            output::print_rows(format, &found, &[], false)?;
        }
        _ => output::print_json(&found)?,
    }
    match errors.into_iter().next() {
        Some(first) => Err(first.into()),
        None => Ok(0),
    }
}
