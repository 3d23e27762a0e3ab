//! `rpod inspect` and `rpod image inspect`: show an object's configuration as JSON.

use clap::Args;

use anyhow::Context;
use libpod::Engine;

use super::Globals;
use crate::output;
use crate::output::template::TValue;

/// Arguments of `rpod image inspect`.
#[derive(Debug, Args)]
pub struct ImageInspectArgs {
    /// The images to inspect
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
    /// Format the output to a Go template or json
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The objects to inspect
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Format the output to a Go template or json
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only inspect objects of this type: container, image, volume, network, pod, artifact or all
    #[arg(short, long, value_name = "TYPE", default_value = "all")]
    pub r#type: String,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Display total file size
    #[arg(short, long)]
    pub size: bool,
}

/// Arguments of `rpod container inspect`.
#[derive(Debug, Args)]
pub struct ContainerInspectArgs {
    /// The containers to inspect
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
    /// Format the output to a Go template or json
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Display total file size
    #[arg(short, long)]
    pub size: bool,
}

/// The object types `inspect --type` takes, in podman's order of its message.
const TYPES: [&str; 7] = [
    "image",
    "container",
    "pod",
    "network",
    "volume",
    "artifact",
    "all",
];

/// podman's Go types of what `inspect` templates see.
const IMAGE: &str = "*inspect.ImageData";
const VOLUME: &str = "define.InspectVolumeData";
const POD: &str = "*define.InspectPodData";

/// One inspected object: its JSON and what a template sees.
struct Found {
    json: serde_json::Value,
    value: TValue,
}

impl Found {
    /// A container's inspect data (JSON built by libpod).
    fn container(v: serde_json::Value) -> anyhow::Result<Found> {
        let value = container_value(&v)?;
        Ok(Found { json: v, value })
    }

    /// Any other object: its struct shaped as podman's Go type `go`.
    fn of<T: serde::Serialize>(data: &T, go: &'static str) -> anyhow::Result<Found> {
        let value = output::template_value(data, go)?;
        Ok(Found {
            json: serde_json::to_value(data)?,
            value,
        })
    }
}

/// Runs `rpod inspect`: with `--type all`, each name is looked up as a
/// container, an image, a volume, a network, then a pod (podman 5's order).
pub fn run(g: &Globals, args: InspectArgs) -> anyhow::Result<u8> {
    let kind = args.r#type.as_str();
    if !TYPES.contains(&kind) {
        anyhow::bail!(
            "invalid type {kind:?}: must be \"image\", \"container\", \"pod\", \"network\", \"volume\", \"artifact\", or \"all\""
        );
    }
    if kind == "image" && args.latest {
        anyhow::bail!("latest is not supported for type \"image\"");
    }
    if matches!(kind, "image" | "pod") && args.size {
        anyhow::bail!("size is not supported for type {kind:?}");
    }
    if args.names.is_empty() && !args.latest {
        anyhow::bail!("no names or ids specified");
    }
    if args.latest && !args.names.is_empty() {
        anyhow::bail!("--latest and arguments cannot be used together");
    }
    let engine = g.engine(false)?;
    let mut found: Vec<Found> = Vec::new();
    let mut errors: Vec<anyhow::Error> = Vec::new();
    if args.latest {
        // -l with --type all means the latest container, as podman.
        match kind {
            "pod" => {
                let pod = engine.pods()?.pop().context("no pods to inspect")?;
                found.push(Found::of(&pod.inspect(), POD)?);
            }
            _ => {
                let id = engine.latest_container()?.config.id;
                found.push(Found::container(container_json(&engine, &id, args.size)?)?);
            }
        }
    }
    for name in &args.names {
        let result = match kind {
            "container" => container_json(&engine, name, args.size).and_then(Found::container),
            "image" => engine
                .inspect_image(name)
                .map_err(anyhow::Error::from)
                .and_then(|d| Found::of(&d, IMAGE)),
            "volume" => match engine.volume(name) {
                Ok(v) => Found::of(&v, VOLUME),
                Err(e) if e.is_volume_not_found() => Err(anyhow::anyhow!("no such volume {name}")),
                Err(e) => Err(e.into()),
            },
            "network" => network(&engine, name).map_err(|e| anyhow::anyhow!("network {name}: {e}")),
            "pod" => match engine.pod(name) {
                Ok(p) => Found::of(&p.inspect(), POD),
                Err(e) if e.is_pod_not_found() => Err(anyhow::anyhow!("no such pod {name}")),
                Err(e) => Err(e.into()),
            },
            "artifact" => artifact(&engine, name),
            _ => any_object(&engine, name, args.size),
        };
        match result {
            Ok(f) => found.push(f),
            Err(e) => errors.push(e),
        }
    }
    print(&found, args.format.as_deref())?;
    let mut errors = errors.into_iter();
    match errors.next() {
        Some(first) => {
            for e in errors {
                output::eprintln(&format!("{e:#}"));
            }
            Err(first)
        }
        None => Ok(0),
    }
}

/// A container's inspect JSON, with its sizes when asked; podman's
/// "no such container" when there is none.
fn container_json(engine: &Engine, name: &str, size: bool) -> anyhow::Result<serde_json::Value> {
    let v = if size {
        engine.inspect_container_sized(name)
    } else {
        engine.inspect_container(name)
    };
    match v {
        Ok(v) => Ok(v),
        Err(e) if e.is_container_not_found() => anyhow::bail!("no such container {name:?}"),
        Err(e) => Err(e.into()),
    }
}

/// An artifact's inspect data (`artifact inspect`'s).
fn artifact(engine: &Engine, name: &str) -> anyhow::Result<Found> {
    let (json, template) = super::artifact::inspect_values(&engine.artifact(name)?)?;
    Ok(Found {
        json,
        value: TValue::from(&template).map_err(anyhow::Error::msg)?,
    })
}

/// A network's inspect data.
fn network(engine: &Engine, name: &str) -> anyhow::Result<Found> {
    let n = engine.inspect_network(name)?;
    Ok(Found {
        json: serde_json::to_value(&n)?,
        value: super::network::inspect_value(&n)?,
    })
}

/// `inspect NAME` without `--type`: the first kind of object with this
/// name, in podman 5's order (container, image, volume, network, pod, artifact).
fn any_object(engine: &Engine, name: &str, size: bool) -> anyhow::Result<Found> {
    match engine.inspect_container(name) {
        Ok(_) => return Found::container(container_json(engine, name, size)?),
        Err(e) if e.is_container_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    match engine.inspect_image(name) {
        Ok(d) => return Found::of(&d, IMAGE),
        Err(e) if e.is_image_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    match engine.volume(name) {
        Ok(v) => return Found::of(&v, VOLUME),
        Err(e) if e.is_volume_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    match engine.inspect_network(name) {
        Ok(n) => {
            return Ok(Found {
                json: serde_json::to_value(&n)?,
                value: super::network::inspect_value(&n)?,
            })
        }
        Err(e) if e.is_network_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    match engine.pod(name) {
        Ok(p) => return Found::of(&p.inspect(), POD),
        Err(e) if e.is_pod_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    match engine.artifact(name) {
        Ok(_) => return artifact(engine, name),
        Err(e) if e.is_artifact_not_found() => {}
        Err(e) => return Err(e.into()),
    }
    anyhow::bail!(
        "no such object: {name:?}: no container, image, volume, network, pod or artifact has this name or ID"
    )
}

/// What a `--format` template sees for an object of `kind` (`container`,
/// `image`, `volume`, `network`, `pod`; `all`: whatever `name` is, a
/// container when no name is given): the object `name`, else the first one
/// there is. For shell completion of template fields.
pub fn template_sample(engine: &Engine, kind: &str, name: Option<&str>) -> Option<TValue> {
    if let Some(v) = name.and_then(|n| sample_of(engine, kind, n)) {
        return Some(v);
    }
    let first = |names: Vec<String>| names.into_iter().next();
    let name = match kind {
        "image" => first(engine.images().ok()?.into_iter().map(|i| i.id).collect())?,
        "volume" => first(engine.volumes().ok()?.into_iter().map(|v| v.name).collect())?,
        "network" => first(
            engine
                .networks()
                .ok()?
                .into_iter()
                .map(|n| n.name)
                .collect(),
        )?,
        "pod" => first(
            engine
                .pods()
                .ok()?
                .into_iter()
                .map(|p| p.config.id)
                .collect(),
        )?,
        _ => first(
            engine
                .containers()
                .ok()?
                .into_iter()
                .map(|c| c.config.id)
                .collect(),
        )?,
    };
    sample_of(engine, kind, &name)
}

/// The template value of object `name` of `kind`.
fn sample_of(engine: &Engine, kind: &str, name: &str) -> Option<TValue> {
    let name = name.to_string();
    let found = match kind {
        "container" => Found::container(container_json(engine, &name, false).ok()?),
        "image" => Found::of(&engine.inspect_image(&name).ok()?, IMAGE),
        "volume" => Found::of(&engine.volume(&name).ok()?, VOLUME),
        "network" => network(engine, &name),
        "pod" => Found::of(&engine.pod(&name).ok()?.inspect(), POD),
        _ => any_object(engine, &name, false),
    };
    found.ok().map(|f| f.value)
}

/// The kind of object `typed` names or begins the name of, in podman's
/// order (container, image, volume, pod, network); container when none.
pub fn kind_of(engine: &Engine, typed: &str) -> &'static str {
    use libpod::complete::{self as c, Names};
    let some = |r: libpod::Result<Vec<String>>| r.is_ok_and(|v| !v.is_empty());
    if some(c::containers(engine, typed, &[], Names::Default)) {
        "container"
    } else if some(c::images(engine, typed)) {
        "image"
    } else if some(c::volumes(engine, typed)) {
        "volume"
    } else if some(c::pods(engine, typed, &[], Names::Default)) {
        "pod"
    } else if some(c::networks(engine, typed, Names::Default)) {
        "network"
    } else {
        "container"
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

fn print(found: &[Found], format: Option<&str>) -> anyhow::Result<()> {
    match format {
        Some(format) if !output::template::is_json(format) => {
            let values: Vec<TValue> = found.iter().map(|f| f.value.clone()).collect();
            output::print_values(&id_as_go(format), values)?;
        }
        _ => {
            let json: Vec<&serde_json::Value> = found.iter().map(|f| &f.json).collect();
            output::print_json(&json)?;
        }
    }
    Ok(())
}

/// podman's inspect reads an action that is only `.Id` as `.ID` (the Go
/// field of the JSON key `Id`); `.Id` anywhere else is an unknown field.
pub(crate) fn id_as_go(format: &str) -> String {
    static ID: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    ID.get_or_init(|| regex::Regex::new(r"\{\{\s*\.Id\s*\}\}").expect("valid regex"))
        .replace_all(format, "{{.ID}}")
        .into_owned()
}

/// What a template sees of a container's inspect JSON: podman's
/// `*define.InspectContainerData` (see [`output::template::schema`]).
fn container_value(v: &serde_json::Value) -> anyhow::Result<TValue> {
    output::template_value(v, "*define.InspectContainerData")
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
            output::print_rows(&id_as_go(format), &found, &[], false, IMAGE)?;
        }
        _ => output::print_json(&found)?,
    }
    match errors.into_iter().next() {
        Some(first) => Err(first.into()),
        None => Ok(0),
    }
}
