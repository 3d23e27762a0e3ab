//! `rpod ps` (`container list`, `container ls`): list containers.

use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::Args;
use libpod::container::{Container, Status};
use serde::Serialize;

use super::Globals;
use crate::output;

/// Arguments of `rpod ps`.
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the numeric IDs of the containers only
    #[arg(short, long)]
    pub quiet: bool,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Print the n last created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Display the extended information
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print headers
    #[arg(long)]
    pub noheading: bool,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print containers to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Sort output by: command, created, id, image, names, runningfor, size, status
    #[arg(long, value_name = "SORT", value_parser = ["command", "created", "id", "image", "names", "runningfor", "size", "status"])]
    pub sort: Option<String>,
    /// Print the ID and name of the pod the containers are associated with
    #[arg(short, long)]
    pub pod: bool,
    /// Show containers in storage not controlled by rpod
    #[arg(long, alias = "storage")]
    pub external: bool,
    /// Display the total file sizes
    #[arg(short, long)]
    pub size: bool,
    /// Display namespace information
    #[arg(long = "ns", alias = "namespace")]
    pub namespace: bool,
    /// Sync container state with OCI runtime
    #[arg(long)]
    pub sync: bool,
    /// Watch the ps output on an interval in seconds
    #[arg(short, long, value_name = "SECONDS", default_value_t = 0)]
    pub watch: u64,
}

/// podman's `Namespaces` of a row (`ps --ns`).
#[derive(Debug, Serialize, Default)]
#[allow(non_snake_case)]
struct NsRow {
    Cgroup: String,
    IPC: String,
    MNT: String,
    NET: String,
    PIDNS: String,
    User: String,
    UTS: String,
}

/// One row; field names are podman's template names.
#[derive(Debug, Serialize, Default)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    Id: String,
    Image: String,
    ImageID: String,
    Command: String,
    CreatedHuman: String,
    CreatedAt: String,
    Created: i64,
    Status: String,
    State: String,
    Ports: String,
    Names: String,
    Labels: std::collections::BTreeMap<String, String>,
    Pid: i32,
    ExitCode: i32,
    Exited: bool,
    ExitedAt: i64,
    StartedAt: i64,
    AutoRemove: bool,
    Restarts: u32,
    Pod: String,
    PodName: String,
    /// `--size`: "RW (virtual ROOTFS)".
    Size: String,
    /// `--ns`: the namespaces, also as podman's methods below.
    Namespaces: NsRow,
    Cgroup: String,
    IPC: String,
    MNT: String,
    NET: String,
    PIDNS: String,
    User: String,
    UTS: String,
}

/// podman's STATUS column: "Up 3 seconds (healthy)", "Exited (1) 2
/// minutes ago", "Created"; `health` is the healthcheck's status word.
pub fn status_text(c: &Container, now: DateTime<Utc>, health: &str) -> String {
    match c.state.status {
        Status::Created => "Created".into(),
        Status::Running if !health.is_empty() => format!(
            "Up {} ({health})",
            output::human::duration(now - c.state.started_at.unwrap_or(now))
        ),
        Status::Running => format!(
            "Up {}",
            output::human::duration(now - c.state.started_at.unwrap_or(now))
        ),
        Status::Paused => "Paused".into(),
        Status::Stopping => "Stopping".into(),
        Status::Exited => format!(
            "Exited ({}) {} ago",
            c.state.exit_code,
            output::human::duration(now - c.state.finished_at.unwrap_or(now))
        ),
    }
}

fn row(c: &Container, no_trunc: bool, now: DateTime<Utc>, health: &str, pods: &Pods) -> Row {
    let (pod, pod_name) = pods.of(c);
    let mut command = c.config.command.join(" ");
    if !no_trunc && command.chars().count() > 17 {
        command = command.chars().take(17).collect::<String>() + "...";
    }
    Row {
        ID: if no_trunc {
            c.config.id.clone()
        } else {
            c.short_id().to_string()
        },
        Id: c.config.id.clone(),
        Image: c.config.image_name.clone(),
        ImageID: c.config.image_id.clone(),
        Command: command,
        CreatedHuman: output::human::since(&c.config.created),
        CreatedAt: output::human::go_time(&c.config.created),
        Created: c.config.created.timestamp(),
        Status: status_text(c, now, health),
        State: c.state.status.to_string(),
        Ports: libpod::network::ports::format_ports(&c.config.port_mappings),
        Names: c.config.name.clone(),
        Labels: c.config.labels.clone(),
        Pid: c.state.pid,
        ExitCode: c.state.exit_code,
        Exited: c.state.status == Status::Exited,
        ExitedAt: c.state.finished_at.map_or(0, |t| t.timestamp()),
        StartedAt: c.state.started_at.map_or(0, |t| t.timestamp()),
        AutoRemove: c.config.auto_remove,
        Restarts: c.state.restart_count,
        Pod: if no_trunc {
            pod.to_string()
        } else {
            pod[..12.min(pod.len())].to_string()
        },
        PodName: pod_name.to_string(),
        ..Row::default()
    }
}

/// Fills the `--ns` columns of a container's row.
fn add_namespaces(row: &mut Row, engine: &libpod::Engine, c: &Container) {
    let n = engine.container_namespace_ids(c);
    row.Namespaces = NsRow {
        Cgroup: n.cgroup.clone(),
        IPC: n.ipc.clone(),
        MNT: n.mnt.clone(),
        NET: n.net.clone(),
        PIDNS: n.pid.clone(),
        User: n.user.clone(),
        UTS: n.uts.clone(),
    };
    (row.Cgroup, row.IPC, row.MNT, row.NET) = (n.cgroup, n.ipc, n.mnt, n.net);
    (row.PIDNS, row.User, row.UTS) = (n.pid, n.user, n.uts);
}

/// Pod IDs and names, for the POD columns and the `pod=` filter.
pub(crate) struct Pods(std::collections::HashMap<String, String>);

impl Pods {
    /// Every pod's ID and name.
    pub(crate) fn load(engine: &libpod::Engine) -> anyhow::Result<Pods> {
        Ok(Pods(
            engine
                .pods()?
                .into_iter()
                .map(|p| (p.config.id, p.config.name))
                .collect(),
        ))
    }

    /// The container's pod: (full ID, name), empty when none.
    fn of<'a>(&'a self, c: &'a Container) -> (&'a str, &'a str) {
        match &c.config.pod {
            Some(id) => (id, self.0.get(id).map_or("", String::as_str)),
            None => ("", ""),
        }
    }
}

/// A container's health word for `ps`: empty without a healthcheck.
fn health(engine: &libpod::Engine, c: &Container) -> String {
    engine
        .health_of(c)
        .map(|h| h.status.as_str().to_string())
        .unwrap_or_default()
}

/// Whether `c` passes the `--filter`s (podman's `ps` filters, and
/// `restart-policy`, which `start --filter` uses). As podman: values of
/// one key are alternatives (`status=created --filter status=exited`),
/// different keys must all hold; `label` values must all hold, and
/// `label!` fails a container that has them all.
pub(crate) fn matches(
    engine: &libpod::Engine,
    c: &Container,
    filters: &[(String, String)],
    pods: &Pods,
) -> anyhow::Result<bool> {
    let mut keys: Vec<&str> = filters.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let mut values = filters.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        let ok = match key {
            "label" => values.all(|v| label_matches(c, v)),
            "label!" => !values.all(|v| label_matches(c, v)),
            // podman's: exactly one time; created before it.
            "until" => {
                let all: Vec<&String> = values.collect();
                let [v] = all.as_slice() else {
                    anyhow::bail!("specify exactly one timestamp for until");
                };
                c.config.created < super::volume::until(v)?
            }
            _ => {
                let mut any = false;
                for v in values {
                    if matches_one(engine, c, key, v, pods)? {
                        any = true;
                        break;
                    }
                }
                any
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `label=KEY` or `label=KEY=VALUE` against `c`'s labels.
fn label_matches(c: &Container, v: &str) -> bool {
    match v.split_once('=') {
        Some((lk, lv)) => c.config.labels.get(lk).is_some_and(|x| x == lv),
        None => c.config.labels.contains_key(v),
    }
}

/// Whether `c` passes one `--filter KEY=VALUE`.
fn matches_one(
    engine: &libpod::Engine,
    c: &Container,
    k: &str,
    v: &String,
    pods: &Pods,
) -> anyhow::Result<bool> {
    {
        let ok = match k {
            "pod" => {
                let (id, name) = pods.of(c);
                !id.is_empty() && (name == v || id.starts_with(v.as_str()))
            }
            // podman's FilterID: hex digits are a prefix (either case),
            // anything else a regular expression.
            "id" if v.chars().all(|ch| ch.is_ascii_hexdigit()) => {
                c.config.id.starts_with(&v.to_ascii_lowercase())
            }
            "id" => regex::Regex::new(v).is_ok_and(|re| re.is_match(&c.config.id)),
            // podman's: slashes dropped, then the name or a regex.
            "name" => {
                let v = v.replace('/', "");
                c.config.name == v
                    || regex::Regex::new(&v).map_or_else(
                        |_| c.config.name.contains(&v),
                        |re| re.is_match(&c.config.name),
                    )
            }
            // podman's: `stopped` is another word for exited.
            "status" => {
                let want = if v == "stopped" { "exited" } else { v.as_str() };
                c.state.status.to_string() == want
            }
            "exited" => c.state.status == Status::Exited && c.state.exit_code.to_string() == *v,
            "ancestor" => {
                c.config.image == *v
                    || c.config.image_name == *v
                    || c.config.image_id.starts_with(v.as_str())
                    || c.config.image_name.starts_with(&format!("{v}:"))
                    || c.config.image_name.contains(&format!("/{v}:"))
            }
            "health" => match v.as_str() {
                "healthy" | "unhealthy" | "starting" => health(engine, c) == *v,
                "none" => c.config.healthcheck.is_none(),
                _ => anyhow::bail!(
                    "--filter health={v}: unknown health status; use healthy, unhealthy, starting or none"
                ),
            },
            "restart-policy" => {
                let want = match v.as_str() {
                    "none" => "no",
                    other => other
                        .parse::<libpod::spec::RestartPolicy>()
                        .map_err(|_| anyhow::anyhow!("{v} invalid restart policy"))?
                        .name(),
                };
                c.config.restart.name() == want
            }
            // podman's ParseBool values and words.
            "should-start-on-boot" => {
                let want = match v.as_str() {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    _ => anyhow::bail!("strconv.ParseBool: parsing {v:?}: invalid syntax"),
                };
                c.should_start_on_boot() == want
            }
            // Created before or after the named container.
            "before" => c.config.created < engine.container(v)?.config.created,
            "since" => c.config.created > engine.container(v)?.config.created,
            // podman's: the command's first word matches the regex (found
            // anywhere in it; a bad regex matches nothing).
            "command" => c.config.command.first().is_some_and(|first| {
                regex::Regex::new(v).is_ok_and(|re| re.is_match(first))
            }),
            // A volume's name, a bind's host path, or a mount's destination.
            "network" => network_matches(engine, c, v)?,
            "volume" => c.config.mounts.iter().any(|m| {
                let want = Path::new(v.trim_end_matches('/'));
                m.destination == want
                    || match &m.source {
                        libpod::spec::MountSource::Volume(name) => name == v,
                        libpod::spec::MountSource::Bind(p) => p == want,
                        _ => false,
                    }
            }),
            other => return Err(unsupported(other, v)),
        };
        Ok(ok)
    }
}

/// podman's `network=`: a network (by name, ID or ID prefix; one that
/// does not exist matches nothing) the container is on, or
/// `container:NAME` for a container sharing that container's network.
fn network_matches(engine: &libpod::Engine, c: &Container, v: &str) -> anyhow::Result<bool> {
    use libpod::network::Mode;
    if let Some(other) = v.strip_prefix("container:") {
        return Ok(match &c.config.network {
            Mode::Container(id) => engine.container(other).is_ok_and(|o| o.config.id == *id),
            _ => false,
        });
    }
    let name = match engine.network(v) {
        Ok(n) => n.name,
        Err(e) if e.is_network_not_found() => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    Ok(match &c.config.network {
        Mode::Bridge(nets) => nets.iter().any(|a| a.network == name),
        _ => false,
    })
}

/// The filter keys [`matches`] knows.
const FILTER_KEYS: &[&str] = &[
    "id",
    "name",
    "status",
    "exited",
    "ancestor",
    "health",
    "label",
    "label!",
    "before",
    "since",
    "command",
    "pod",
    "volume",
    "restart-policy",
    "should-start-on-boot",
    "network",
    "until",
];

fn unsupported(key: &str, value: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "--filter {key}={value}: unsupported filter; use {}",
        FILTER_KEYS.join(", ")
    )
}

/// Fails on a filter key [`matches`] does not know, before any container
/// is looked at (podman refuses it even when nothing is listed).
pub(crate) fn check_filter_keys(filters: &[(String, String)]) -> anyhow::Result<()> {
    match filters
        .iter()
        .find(|(k, _)| !FILTER_KEYS.contains(&k.as_str()))
    {
        Some((k, v)) => Err(unsupported(k, v)),
        None => Ok(()),
    }
}

/// `--filter KEY=VALUE` flags as pairs.
pub(crate) fn parse_filters(flags: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    flags
        .iter()
        .map(|f| {
            let (k, v) = f.split_once('=').with_context(|| {
                format!("--filter {f:?}: expected KEY=VALUE, e.g. status=exited")
            })?;
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// A row for a container of containers-storage rpod does not control
/// (`--external`), as podman shows one: status `Storage`, command
/// `buildah` or `storage`.
fn external_row(e: &libpod::engine::ExternalContainer, no_trunc: bool) -> Row {
    Row {
        ID: if no_trunc {
            e.id.clone()
        } else {
            e.id[..12.min(e.id.len())].to_string()
        },
        Id: e.id.clone(),
        Image: e.image_name.clone(),
        ImageID: e.image_id.clone(),
        Command: if e.buildah { "buildah" } else { "storage" }.into(),
        CreatedHuman: output::human::since(&e.created),
        CreatedAt: output::human::go_time(&e.created),
        Created: e.created.timestamp(),
        Status: "Storage".into(),
        State: "storage".into(),
        Ports: String::new(),
        Names: e
            .names
            .first()
            .map_or("unknown", String::as_str)
            .to_string(),
        Labels: Default::default(),
        Pid: 0,
        ExitCode: 0,
        Exited: false,
        ExitedAt: 0,
        StartedAt: 0,
        AutoRemove: false,
        Restarts: 0,
        Pod: String::new(),
        PodName: String::new(),
        ..Row::default()
    }
}

/// An external container in `ps --format json`, with the keys of rpod's
/// own (podman lists both as one kind of entry).
fn external_json(e: &libpod::engine::ExternalContainer) -> serde_json::Value {
    serde_json::json!({
        "AutoRemove": false,
        "Pod": "",
        "PodName": "",
        "Command": [if e.buildah { "buildah" } else { "storage" }],
        "Created": e.created.timestamp(),
        "CreatedAt": output::human::since(&e.created),
        "Exited": false,
        "ExitedAt": 0,
        "ExitCode": 0,
        "Id": e.id,
        "Image": e.image_name,
        "ImageID": e.image_id,
        "Labels": null,
        "Names": [e.names.first().map_or("unknown", String::as_str)],
        "Pid": 0,
        "Ports": null,
        "Restarts": 0,
        "StartedAt": 0,
        "State": "storage",
        "Status": "Storage",
    })
}

/// Whether external container `e` passes the `--filter`s, as podman
/// filters them (`GenerateExternalContainerFilterFuncs`): `id`, `name`,
/// `command` (`buildah` or `storage`), `ancestor`, `before`/`since` (by
/// another external container's name), `until`; `status`, `exited`,
/// `label`, `pod` and `network` never match one (it has none of them).
/// `all` is every external container (for `before`/`since`).
fn external_matches(
    e: &libpod::engine::ExternalContainer,
    filters: &[(String, String)],
    all: &[libpod::engine::ExternalContainer],
) -> anyhow::Result<bool> {
    let regex_any = |pattern: &str, texts: &[&str]| {
        regex::Regex::new(pattern).is_ok_and(|re| texts.iter().any(|t| re.is_match(t)))
    };
    // The oldest external container named one of the values.
    let named = |values: &[&String]| {
        all.iter()
            .filter(|o| values.iter().any(|v| o.names.contains(v)))
            .map(|o| o.created)
            .min()
    };
    let mut keys: Vec<&str> = filters.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let values: Vec<&String> = filters
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .collect();
        let names: Vec<&str> = e.names.iter().map(String::as_str).collect();
        let ok = match key {
            "id" => values.iter().any(|v| e.id.starts_with(v.as_str())),
            "name" => values
                .iter()
                .any(|v| regex_any(&v.replace('/', ""), &names)),
            "command" => {
                let command = if e.buildah { "buildah" } else { "storage" };
                values.iter().any(|v| regex_any(v, &[command]))
            }
            "ancestor" => values.iter().any(|v| {
                let untagged = e.image_name.strip_suffix(":latest").unwrap_or_default();
                e.image_id.contains(v.as_str())
                    || regex_any(v, &[&e.image_name])
                    || (!untagged.is_empty() && regex_any(v, &[untagged]))
            }),
            "before" => named(&values).is_some_and(|t| e.created < t),
            "since" => named(&values).is_none_or(|t| e.created > t),
            "until" => {
                let [v] = values.as_slice() else {
                    anyhow::bail!("specify exactly one timestamp for until");
                };
                e.created < super::volume::until(v)?
            }
            "status" | "exited" | "label" | "label!" | "pod" | "network" => false,
            other => return Err(unsupported(other, values[0])),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Runs `rpod ps` (with `--watch`, again every so many seconds).
pub fn run(g: &Globals, args: PsArgs) -> anyhow::Result<u8> {
    // podman's checks and words.
    if args.last.is_some() && args.latest {
        anyhow::bail!("last and latest are mutually exclusive");
    }
    if args.quiet && (args.size || args.namespace) {
        anyhow::bail!("quiet conflicts with size and namespace");
    }
    if args.size && args.namespace {
        anyhow::bail!("size and namespace options conflict");
    }
    if args.watch > 0 && args.latest {
        anyhow::bail!("the watch and latest flags cannot be used together");
    }
    let engine = g.engine(false)?;
    if args.watch == 0 {
        return list(&engine, &args);
    }
    loop {
        // podman's ClearScreen: clear, cursor home.
        output::print_raw("\x1b[2J\x1b[1;1H");
        list(&engine, &args)?;
        std::thread::sleep(std::time::Duration::from_secs(args.watch));
    }
}

/// One listing of `rpod ps`.
fn list(engine: &libpod::Engine, args: &PsArgs) -> anyhow::Result<u8> {
    let filters = parse_filters(&args.filter)?;
    check_filter_keys(&filters)?;
    let all = args.all
        || args.external
        || args.latest
        || args.last.is_some()
        || filters.iter().any(|(k, _)| k == "status" || k == "exited");
    let pods = Pods::load(engine)?;
    let mut list: Vec<Container> = Vec::new();
    for c in engine.containers()? {
        if (all || c.state.status == Status::Running) && matches(engine, &c, &filters, &pods)? {
            list.push(c);
        }
    }
    // Newest first, as podman lists them.
    list.reverse();
    if args.latest {
        list.truncate(1);
    }
    if let Some(n) = args.last {
        list.truncate(n);
    }
    // Sizes once per container, when shown or sorted by.
    let sizes: std::collections::HashMap<String, (u64, u64)> =
        if args.size || args.sort.as_deref() == Some("size") {
            list.iter()
                .map(|c| Ok((c.config.id.clone(), engine.container_sizes(&c.config.id)?)))
                .collect::<anyhow::Result<_>>()?
        } else {
            Default::default()
        };
    if let Some(by) = &args.sort {
        sort_containers(&mut list, by, &sizes);
    }
    // --external: containers-storage's containers of other tools, after
    // rpod's own (not for --latest/--last), through the filters podman
    // applies to them.
    let external: Vec<libpod::engine::ExternalContainer> =
        if args.external && !args.latest && args.last.is_none() {
            if let Some((k, _)) = filters
                .iter()
                .find(|(k, _)| matches!(k.as_str(), "restart-policy" | "volume" | "health"))
            {
                anyhow::bail!("filter {k} is not applicable for external containers");
            }
            let all = engine.external_containers();
            let mut kept = Vec::new();
            for e in &all {
                if external_matches(e, &filters, &all)? {
                    kept.push(e.clone());
                }
            }
            kept
        } else {
            Vec::new()
        };
    let external_rows = || external.iter().map(|e| external_row(e, args.no_trunc));
    if args.quiet {
        for c in &list {
            output::println(if args.no_trunc {
                &c.config.id
            } else {
                c.short_id()
            });
        }
        for r in external_rows() {
            output::println(&r.ID);
        }
        return Ok(0);
    }
    let now = Utc::now();
    if args
        .format
        .as_deref()
        .is_some_and(output::template::is_json)
    {
        let json: Vec<serde_json::Value> = list
            .iter()
            .map(|c| {
                serde_json::json!({
                    "AutoRemove": c.config.auto_remove,
                    "Pod": pods.of(c).0,
                    "PodName": pods.of(c).1,
                    "Command": c.config.command,
                    "Created": c.config.created.timestamp(),
                    "CreatedAt": output::human::since(&c.config.created),
                    "Exited": c.state.status == Status::Exited,
                    "ExitedAt": c.state.finished_at.map_or(0, |t| t.timestamp()),
                    "ExitCode": c.state.exit_code,
                    "Id": c.config.id,
                    "Image": c.config.image_name,
                    "ImageID": c.config.image_id,
                    "Labels": c.config.labels,
                    "Names": [c.config.name],
                    "Pid": c.state.pid,
                    "Ports": null,
                    "Restarts": c.state.restart_count,
                    "StartedAt": c.state.started_at.map_or(0, |t| t.timestamp()),
                    "State": c.state.status.to_string(),
                    "Status": status_text(c, now, &health(engine, c)),
                    "Size": sizes.get(&c.config.id).map(|(rw, rootfs)| {
                        serde_json::json!({"rootFsSize": rootfs, "rwSize": rw})
                    }),
                })
            })
            .chain(external.iter().map(external_json))
            .collect();
        output::print_json(&json)?;
        return Ok(0);
    }
    let mut rows: Vec<Row> = Vec::new();
    for c in &list {
        let mut r = row(c, args.no_trunc, now, &health(engine, c), &pods);
        if let Some((rw, rootfs)) = sizes.get(&c.config.id).filter(|_| args.size) {
            r.Size = format!(
                "{} (virtual {})",
                output::human::go_size(*rw, 3),
                output::human::go_size(*rootfs, 3)
            );
        }
        if args.namespace {
            add_namespaces(&mut r, engine, c);
        }
        rows.push(r);
    }
    rows.extend(external_rows());
    // podman's default table, with its --ns, --pod and --size columns.
    let mut default = String::from("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}");
    if args.namespace {
        default = "table {{.ID}}\t{{.Names}}\t{{.Pid}}\t{{.Cgroup}}\t{{.IPC}}\t{{.MNT}}\t{{.NET}}\t{{.PIDNS}}\t{{.User}}\t{{.UTS}}".into();
    } else {
        if args.pod {
            default.push_str("\t{{.Pod}}\t{{.PodName}}");
        }
        if args.size {
            default.push_str("\t{{.Size}}");
        }
    }
    let format = output::row_format(args.format.as_deref(), &default);
    output::print_rows(
        format,
        &rows,
        HEADERS,
        args.noheading,
        "containers.psReporter",
    )
}

/// Orders containers as podman's `ps --sort` does: ascending by the
/// field (`created` oldest first, `runningfor` by start time); a stable
/// sort, so equal keys keep the listing's order.
fn sort_containers(
    list: &mut [Container],
    by: &str,
    sizes: &std::collections::HashMap<String, (u64, u64)>,
) {
    list.sort_by(|a, b| match by {
        "command" => a.config.command.join(" ").cmp(&b.config.command.join(" ")),
        "id" => a.config.id.cmp(&b.config.id),
        "image" => a.config.image_name.cmp(&b.config.image_name),
        "names" => a.config.name.cmp(&b.config.name),
        "runningfor" => a.state.started_at.cmp(&b.state.started_at),
        "status" => a.state.status.to_string().cmp(&b.state.status.to_string()),
        // podman's: by the writable layer's size.
        "size" => {
            let rw = |c: &Container| sizes.get(&c.config.id).map_or(0, |s| s.0);
            rw(a).cmp(&rw(b))
        }
        _ => a.config.created.cmp(&b.config.created),
    });
}

/// Column titles for template fields, as podman prints them.
const HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Id", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("ImageID", "IMAGE ID"),
    ("Command", "COMMAND"),
    ("CreatedHuman", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Created", "CREATED"),
    ("Status", "STATUS"),
    ("State", "STATE"),
    ("Ports", "PORTS"),
    ("Names", "NAMES"),
    ("Labels", "LABELS"),
    ("Size", "SIZE"),
    ("Cgroup", "CGROUPNS"),
    ("IPC", "IPC"),
    ("MNT", "MNT"),
    ("NET", "NET"),
    ("PIDNS", "PIDNS"),
    ("User", "USERNS"),
    ("UTS", "UTS"),
    ("Pid", "PID"),
    ("ExitCode", "EXIT CODE"),
    ("Restarts", "RESTARTS"),
    ("Pod", "POD ID"),
    ("PodName", "PODNAME"),
];

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Row::default()).ok()
}
