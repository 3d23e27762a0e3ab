//! `rpod pod create|ps|inspect|top|logs|stats|start|stop|restart|kill|
//! pause|unpause|rm|prune|exists`: pods, with podman's flags, output and
//! exit codes. (The verbs are small, so they share this file.)

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Context;
use clap::{Args, Subcommand};
use libpod::container::Status;
use libpod::engine::{Pod, PodAction, PodRemoveOptions};
use libpod::network::parse_network_flags;
use libpod::network::ports::parse_publish_spec;
use libpod::pod::{parse_share, PodSpec};
use libpod::spec::{parse_flag, parse_flags, parse_signal, with_flag};
use libpod::Engine;
use serde::Serialize;

use super::Globals;
use crate::output;

/// `rpod pod ...`.
#[derive(Debug, Subcommand)]
pub enum PodCommand {
    /// Create a new empty pod
    Create(CreateArgs),
    /// List pods
    #[command(visible_aliases = ["ls", "list"])]
    Ps(PsArgs),
    /// Show pods' details as JSON
    Inspect(InspectArgs),
    /// Display the running processes of the containers in a pod
    Top(TopArgs),
    /// Print the logs of the containers in a pod
    Logs(LogsArgs),
    /// Display resource usage of the containers in pods
    Stats(StatsArgs),
    /// Start the containers of pods
    Start(VerbArgs),
    /// Stop the containers of pods
    Stop(StopArgs),
    /// Restart the containers of pods
    Restart(VerbArgs),
    /// Send a signal to the containers of pods
    Kill(KillArgs),
    /// Pause the containers of pods
    Pause(VerbArgs),
    /// Unpause the containers of pods
    Unpause(VerbArgs),
    /// Remove pods and their containers
    Rm(RmArgs),
    /// Remove all pods none of whose containers runs
    Prune(PruneArgs),
    /// Exit 0 when the pod exists, 1 when not
    Exists(ExistsArgs),
}

/// Arguments of `rpod pod create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The pod's name (also `--name`)
    #[arg(value_name = "NAME")]
    pub pod_name: Option<String>,
    /// Assign a name to the pod
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// Publish a port of the pod's containers: [[IP:][HOST-PORT]:]CONTAINER-PORT[/PROTOCOL]
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// Kernel namespaces the containers share: cgroup, ipc, net, pid, uts or none (+NS adds to the default)
    #[arg(long, value_name = "NAMESPACES", default_value = "cgroup,ipc,net,uts")]
    pub share: String,
    /// Let containers share namespaces (false: each container has its own; rpod never runs an infra process)
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub infra: bool,
    /// The pod's network: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, or networks by name
    #[arg(long, value_name = "NETWORK")]
    pub network: Vec<String>,
    /// User namespace of the pod's containers: host, private or keep-id
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Set metadata: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// The pod's host name (default: its name)
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Add a line to /etc/hosts: HOST:IP
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Nameserver for /etc/resolv.conf
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Search domain for /etc/resolv.conf
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Replace a pod of the same name
    #[arg(long)]
    pub replace: bool,
    /// Write the pod's ID to this file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
}

/// Arguments of `rpod pod ps`.
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Print only pod IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print column headings
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Do not truncate pod and container IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the names of the pods' containers
    #[arg(long)]
    pub ctr_names: bool,
    /// Show the IDs of the pods' containers
    #[arg(long)]
    pub ctr_ids: bool,
    /// Show the states of the pods' containers
    #[arg(long)]
    pub ctr_status: bool,
    /// Filter: id=, name=, label=, status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Sort by created, id, name, number or status
    #[arg(long, value_name = "SORT", default_value = "created", value_parser = ["created", "id", "name", "number", "status"])]
    pub sort: String,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Format the output with a Go template or as `json`
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// The pod
    #[arg(value_name = "POD")]
    pub pod: String,
}

/// Arguments of `rpod pod logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The pod
    #[arg(value_name = "POD")]
    pub pod: String,
    /// Keep printing new lines until the containers exit
    #[arg(short, long)]
    pub follow: bool,
    /// Only the logs of this container of the pod
    #[arg(short, long, value_name = "CONTAINER")]
    pub container: Option<String>,
    /// Prefix lines with the container's name instead of its ID
    #[arg(long)]
    pub names: bool,
    /// Show only the last N lines of each container
    #[arg(long, value_name = "N")]
    pub tail: Option<i64>,
    /// Prefix each line with its time stamp
    #[arg(short, long)]
    pub timestamps: bool,
}

/// Arguments of `rpod pod stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The pods (all when none is named)
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Format with a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print one reading and exit
    #[arg(long)]
    pub no_stream: bool,
    /// Do not clear the screen between readings
    #[arg(long)]
    pub no_reset: bool,
}

/// Arguments of `rpod pod start|restart|pause|unpause`.
#[derive(Debug, Args)]
pub struct VerbArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod stop`.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Ignore pods that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait before killing the containers
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<i64>,
}

/// Arguments of `rpod pod kill`.
#[derive(Debug, Args)]
pub struct KillArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// The signal to send
    #[arg(short, long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
}

/// Arguments of `rpod pod rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Stop and remove running containers first
    #[arg(short, long)]
    pub force: bool,
    /// Ignore pods that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Seconds to wait for containers to stop before killing them (with --force)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<i64>,
    /// Read the pod's ID from this file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Vec<std::path::PathBuf>,
}

/// Arguments of `rpod pod prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

/// Arguments of `rpod pod exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The pod
    #[arg(value_name = "POD")]
    pub pod: String,
}

/// Runs a `rpod pod` verb.
pub fn run(g: &Globals, cmd: PodCommand) -> anyhow::Result<u8> {
    match cmd {
        PodCommand::Create(a) => create(g, a),
        PodCommand::Ps(a) => ps(&g.engine(false)?, &a),
        PodCommand::Inspect(a) => inspect(&g.engine(false)?, &a),
        PodCommand::Top(a) => top(&g.engine(false)?, &a),
        PodCommand::Logs(a) => logs(g, &a),
        PodCommand::Stats(a) => stats(g, a),
        PodCommand::Start(a) => verb(g, &a.pods, a.all, a.latest, false, PodAction::Start),
        PodCommand::Restart(a) => {
            verb(g, &a.pods, a.all, a.latest, false, PodAction::Restart(None))
        }
        PodCommand::Pause(a) => verb(g, &a.pods, a.all, a.latest, false, PodAction::Pause),
        PodCommand::Unpause(a) => verb(g, &a.pods, a.all, a.latest, false, PodAction::Unpause),
        PodCommand::Stop(a) => {
            let t = a.time.map(|t| u32::try_from(t.max(0)).unwrap_or(u32::MAX));
            verb(g, &a.pods, a.all, a.latest, a.ignore, PodAction::Stop(t))
        }
        PodCommand::Kill(a) => {
            let sig = parse_signal(&a.signal)
                .with_context(|| format!("invalid signal {:?}", a.signal))?;
            verb(
                g,
                &a.pods,
                a.all,
                a.latest,
                false,
                PodAction::Kill(sig as i32),
            )
        }
        PodCommand::Rm(a) => rm(g, a),
        PodCommand::Prune(a) => {
            let engine = g.engine(false)?;
            if !a.force
                && !output::confirm(
                    "WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue? [y/N] ",
                )?
            {
                return Ok(0);
            }
            for id in engine.prune_pods()? {
                output::println(&id);
            }
            Ok(0)
        }
        PodCommand::Exists(a) => Ok(if g.engine(false)?.pod_exists(&a.pod)? {
            0
        } else {
            1
        }),
    }
}

fn create(g: &Globals, a: CreateArgs) -> anyhow::Result<u8> {
    let name = match (&a.pod_name, &a.name) {
        (Some(_), Some(_)) => anyhow::bail!("cannot specify --name and NAME at the same time"),
        (Some(n), None) | (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    let mut spec = PodSpec {
        name,
        infra: a.infra,
        hostname: a.hostname.clone(),
        replace: a.replace,
        ..PodSpec::default()
    };
    spec.share = parse_share(&a.share).map_err(|e| match e {
        libpod::pod::Error::UnknownNamespace(ns) => anyhow::anyhow!(
            "invalid kernel namespace to share: {ns}. Options are: cgroup, ipc, net, pid, uts or none"
        ),
        e => e.into(),
    })?;
    if !a.infra && a.share != "cgroup,ipc,net,uts" {
        anyhow::bail!(
            "cannot set share({}) namespaces without an infra container",
            a.share
        );
    }
    if !a.infra && !a.publish.is_empty() {
        anyhow::bail!("you must have an infra container to publish port bindings to the host");
    }
    if let Some(u) = &a.userns {
        spec.userns = parse_flag("--userns", u)?;
    }
    let n = &mut spec.network;
    n.mode = with_flag("--network", &a.network.join(" "), |_| {
        parse_network_flags(&a.network)
    })?;
    for p in &a.publish {
        n.ports.extend(with_flag("-p", p, parse_publish_spec)?);
    }
    n.dns = parse_flags("--dns", &a.dns)?;
    n.dns_search.clone_from(&a.dns_search);
    n.add_hosts = parse_flags("--add-host", &a.add_host)?;
    spec.labels = pairs(&a.label);
    spec.create_command = std::env::args().collect();
    let engine = g.engine(false)?;
    let pod = engine.create_pod(&spec)?;
    if let Some(f) = &a.pod_id_file {
        std::fs::write(f, &pod.id)
            .with_context(|| format!("failed to write pod ID to file {}", f.display()))?;
    }
    output::println(&pod.id);
    Ok(0)
}

fn pairs(v: &[String]) -> BTreeMap<String, String> {
    v.iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// The pods a batch verb acts on: those named, all, or the latest.
fn targets(
    engine: &Engine,
    names: &[String],
    all: bool,
    latest: bool,
) -> anyhow::Result<Vec<String>> {
    if all || latest {
        anyhow::ensure!(
            names.is_empty(),
            "--all and --latest cannot be used with pod names"
        );
        let mut ids: Vec<String> = engine.pods()?.into_iter().map(|p| p.config.id).collect();
        if latest {
            ids = ids.pop().into_iter().collect();
        }
        return Ok(ids);
    }
    anyhow::ensure!(
        !names.is_empty(),
        "you must provide at least one pod name or id"
    );
    Ok(names.to_vec())
}

/// A pod verb over several pods: podman prints what the user typed for
/// start and stop, the full ID for the others; errors of members are
/// printed and make the exit code 125.
fn verb(
    g: &Globals,
    names: &[String],
    all: bool,
    latest: bool,
    ignore: bool,
    action: PodAction,
) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let list = targets(&engine, names, all, latest)?;
    let mut code = 0;
    for name in &list {
        match engine.pod_action(name, action) {
            Ok(r) if r.errors.is_empty() => {
                let raw = matches!(action, PodAction::Start | PodAction::Stop(_));
                output::println(if raw && !all && !latest { name } else { &r.id });
            }
            Ok(r) => {
                for e in &r.errors {
                    output::eprintln(&format!("Error: {e}"));
                }
                if action == PodAction::Start && !r.errors.is_empty() {
                    output::eprintln(&format!("Error: starting container in pod {}", r.id));
                }
                code = 125;
            }
            Err(e) if ignore && e.is_pod_not_found() => {}
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    Ok(code)
}

fn rm(g: &Globals, a: RmArgs) -> anyhow::Result<u8> {
    if a.time.is_some() && !a.force {
        anyhow::bail!("--force option must be specified to use the --time option");
    }
    let engine = g.engine(false)?;
    let mut names = a.pods.clone();
    let mut id_files = Vec::new();
    for f in &a.pod_id_file {
        let id = std::fs::read_to_string(f)
            .with_context(|| format!("reading pod ID from file {}", f.display()))?;
        names.push(id.trim().to_string());
        id_files.push(f.clone());
    }
    let list = if a.all || a.latest || names.is_empty() {
        targets(&engine, &names, a.all, a.latest)?
    } else {
        names
    };
    let how = PodRemoveOptions {
        force: a.force,
        timeout: a.time.map(|t| u32::try_from(t.max(0)).unwrap_or(u32::MAX)),
        ignore: a.ignore || a.force,
    };
    let mut code = 0;
    for name in &list {
        match engine.remove_pod(name, how) {
            Ok(id) => output::println(&id),
            Err(e) if e.is_pod_not_found() => {
                if !how.ignore {
                    output::eprintln(&format!("Error: {e}"));
                    code = code.max(1);
                }
            }
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    if code == 0 {
        for f in id_files {
            let _ = std::fs::remove_file(f);
        }
    }
    Ok(code)
}

/// One `pod ps` row, with podman's template names.
#[derive(Serialize)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    Id: String,
    Name: String,
    Status: String,
    Created: String,
    InfraID: String,
    InfraId: String,
    NumberOfContainers: usize,
    ContainerIds: String,
    ContainerNames: String,
    ContainerStatuses: String,
    Labels: BTreeMap<String, String>,
    Networks: String,
    Cgroup: String,
    Namespace: String,
    Restarts: String,
}

const PS_HEADERS: &[(&str, &str)] = &[
    ("ID", "POD ID"),
    ("Id", "POD ID"),
    ("Name", "NAME"),
    ("Status", "STATUS"),
    ("Labels", "LABELS"),
    ("NumberOfContainers", "# OF CONTAINERS"),
    ("Created", "CREATED"),
    ("InfraID", "INFRA ID"),
    ("InfraId", "INFRA ID"),
    ("ContainerIds", "IDS"),
    ("ContainerNames", "NAMES"),
    ("ContainerStatuses", "STATUS"),
    ("Cgroup", "CGROUP"),
    ("Namespace", "NAMESPACES"),
    ("Restarts", "RESTARTS"),
    ("Networks", "NETWORKS"),
];

fn short(id: &str, no_trunc: bool) -> String {
    if no_trunc {
        id.to_string()
    } else {
        id[..12.min(id.len())].to_string()
    }
}

/// A member's state word as podman's pod listing shows it.
fn member_state(s: Status) -> String {
    s.to_string()
}

fn networks(p: &Pod) -> Vec<String> {
    match &p.config.network.mode {
        Some(libpod::network::Mode::Bridge(nets)) => {
            nets.iter().map(|a| a.network.clone()).collect()
        }
        _ => Vec::new(),
    }
}

fn pod_matches(p: &Pod, filters: &[(String, String)]) -> anyhow::Result<bool> {
    // podman: values of one key are ORed, keys ANDed.
    let mut keys: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in filters {
        keys.entry(k.as_str()).or_default().push(v.as_str());
    }
    for (k, values) in keys {
        let one = |v: &str| -> anyhow::Result<bool> {
            Ok(match k {
                "id" => p.config.id.starts_with(v),
                "name" => {
                    p.config.name == v
                        || regex_lite_contains(&p.config.name, v)
                }
                "label" => match v.split_once('=') {
                    Some((lk, lv)) => p.config.labels.get(lk).is_some_and(|x| x == lv),
                    None => p.config.labels.contains_key(v),
                },
                "status" => {
                    let valid = ["stopped", "running", "paused", "exited", "dead", "created", "degraded"];
                    anyhow::ensure!(
                        valid.contains(&v),
                        "{v} is not a valid status: use {}",
                        valid.join(", ")
                    );
                    p.status().to_string().to_lowercase() == v
                }
                "ctr-names" => p.members.iter().any(|c| c.config.name == v),
                "ctr-ids" => p.members.iter().any(|c| c.config.id.starts_with(v)),
                "ctr-status" => p.members.iter().any(|c| c.state.status.to_string() == v),
                "ctr-number" => v
                    .parse::<usize>()
                    .map(|n| n == p.members.len())
                    .with_context(|| format!("--filter ctr-number={v}: not a number"))?,
                "network" => networks(p).iter().any(|n| n == v),
                other => anyhow::bail!(
                    "{other} is an invalid filter: use id, name, label, status, ctr-names, ctr-ids, ctr-status, ctr-number or network"
                ),
            })
        };
        let mut any = false;
        for v in values {
            any |= one(v)?;
        }
        if !any {
            return Ok(false);
        }
    }
    Ok(true)
}

/// podman matches `name=` as a regular expression; rpod supports the
/// plain substring and `^`/`$` anchors.
fn regex_lite_contains(name: &str, pattern: &str) -> bool {
    match (pattern.strip_prefix('^'), pattern.strip_suffix('$')) {
        (Some(rest), _) if rest.ends_with('$') => name == &rest[..rest.len() - 1],
        (Some(rest), _) => name.starts_with(rest),
        (None, Some(rest)) => name.ends_with(rest),
        (None, None) => name.contains(pattern),
    }
}

fn ps(engine: &Engine, a: &PsArgs) -> anyhow::Result<u8> {
    if a.quiet && a.format.is_some() {
        anyhow::bail!("quiet and format cannot be used together");
    }
    let mut filters = Vec::new();
    for f in &a.filter {
        let (k, v) = f.split_once('=').with_context(|| {
            format!("filter input must be in the form of filter=value: {f} is invalid")
        })?;
        filters.push((k.to_string(), v.to_string()));
    }
    let mut list = Vec::new();
    for p in engine.pods()? {
        if pod_matches(&p, &filters)? {
            list.push(p);
        }
    }
    match a.sort.as_str() {
        "id" => list.sort_by(|x, y| x.config.id.cmp(&y.config.id)),
        "name" => list.sort_by(|x, y| x.config.name.cmp(&y.config.name)),
        "number" => list.sort_by_key(|p| p.members.len()),
        "status" => list.sort_by_key(|p| p.status().to_string()),
        _ => list.sort_by(|x, y| y.config.created.cmp(&x.config.created)),
    }
    if a.latest {
        list.sort_by(|x, y| y.config.created.cmp(&x.config.created));
        list.truncate(1);
    }
    if a.format.as_deref().is_some_and(output::template::is_json) {
        let json: Vec<serde_json::Value> = list
            .iter()
            .map(|p| {
                serde_json::json!({
                    "Cgroup": "",
                    "Containers": p.members.iter().map(|c| serde_json::json!({
                        "Id": c.config.id,
                        "Names": c.config.name,
                        "Status": member_state(c.state.status),
                        "RestartCount": c.state.restart_count,
                    })).collect::<Vec<_>>(),
                    "Created": output::human::go_time(&p.config.created),
                    "Id": p.config.id,
                    "InfraId": "",
                    "Name": p.config.name,
                    "Namespace": "",
                    "Networks": networks(p),
                    "Status": p.status().to_string(),
                    "Labels": p.config.labels,
                })
            })
            .collect();
        output::print_json(&json)?;
        return Ok(0);
    }
    if a.quiet {
        for p in &list {
            output::println(&short(&p.config.id, a.no_trunc));
        }
        return Ok(0);
    }
    let rows: Vec<Row> = list
        .iter()
        .map(|p| {
            let id = short(&p.config.id, a.no_trunc);
            let join = |f: &dyn Fn(&libpod::container::Container) -> String| {
                p.members.iter().map(f).collect::<Vec<_>>().join(",")
            };
            Row {
                ID: id.clone(),
                Id: id,
                Name: p.config.name.clone(),
                Status: p.status().to_string(),
                Created: output::human::since(&p.config.created),
                InfraID: String::new(),
                InfraId: String::new(),
                NumberOfContainers: p.members.len(),
                ContainerIds: join(&|c| short(&c.config.id, a.no_trunc)),
                ContainerNames: join(&|c| c.config.name.clone()),
                ContainerStatuses: join(&|c| member_state(c.state.status)),
                Labels: p.config.labels.clone(),
                Networks: networks(p).join(","),
                Cgroup: String::new(),
                Namespace: String::new(),
                Restarts: p
                    .members
                    .iter()
                    .map(|c| c.state.restart_count)
                    .sum::<u32>()
                    .to_string(),
            }
        })
        .collect();
    let mut default =
        String::from("table {{.ID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}");
    if a.ctr_ids {
        default.push_str("\t{{.ContainerIds}}");
    }
    if a.ctr_names {
        default.push_str("\t{{.ContainerNames}}");
    }
    if a.ctr_status {
        default.push_str("\t{{.ContainerStatuses}}");
    }
    if !a.ctr_ids && !a.ctr_names && !a.ctr_status {
        default.push_str("\t{{.NumberOfContainers}}");
    }
    let format = output::row_format(a.format.as_deref(), &default);
    output::print_rows(format, &rows, PS_HEADERS, a.noheading)
}

/// `pod inspect`'s document for one pod, with podman 5's field names.
fn inspect_value(p: &Pod) -> serde_json::Value {
    let c = &p.config;
    let net = &c.network;
    let mut bindings = serde_json::Map::new();
    for m in &net.ports {
        let key = format!("{}/{}", m.container_port, m.protocol);
        let entry = bindings.entry(key).or_insert_with(|| serde_json::json!([]));
        if let Some(list) = entry.as_array_mut() {
            list.push(serde_json::json!({
                "HostIp": m.host_ip.map(|i| i.to_string()).unwrap_or_default(),
                "HostPort": m.host_port.to_string(),
            }));
        }
    }
    let host_network = matches!(net.mode, Some(libpod::network::Mode::Host));
    serde_json::json!({
        "Id": c.id,
        "Name": c.name,
        "Created": c.created,
        "CreateCommand": c.create_command,
        "ExitPolicy": "continue",
        "State": p.status().to_string(),
        "Hostname": c.hostname,
        "Labels": c.labels,
        "CreateCgroup": false,
        "CreateInfra": c.infra,
        "InfraContainerID": "",
        "InfraConfig": if c.infra { serde_json::json!({
            "PortBindings": bindings,
            "HostNetwork": host_network,
            "StaticIP": "",
            "StaticMAC": "",
            "NoManageResolvConf": false,
            "DNSServer": net.dns.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "DNSSearch": net.dns_search,
            "HostAdd": net.add_hosts.iter().map(|h| format!("{}:{}", h.name, h.addr)).collect::<Vec<_>>(),
            "Networks": networks(p),
            "NetworkOptions": null,
            "pid_ns": if c.shares(libpod::pod::Namespace::Pid) { "container" } else { "private" },
            "userns": format!("{:?}", c.userns).to_lowercase(),
            "uts_ns": if c.shares(libpod::pod::Namespace::Uts) { "container" } else { "private" },
        }) } else { serde_json::Value::Null },
        "SharedNamespaces": c.share.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "NumContainers": p.members.len(),
        "Containers": p.members.iter().map(|m| serde_json::json!({
            "Id": m.config.id,
            "Name": m.config.name,
            "State": m.state.status.to_string(),
        })).collect::<Vec<_>>(),
    })
}

fn inspect(engine: &Engine, a: &InspectArgs) -> anyhow::Result<u8> {
    let names = if a.latest {
        let latest = engine.pods()?.pop().context("no pods to inspect")?;
        vec![latest.config.id]
    } else {
        anyhow::ensure!(
            !a.pods.is_empty(),
            "you must provide at least one pod name or id"
        );
        a.pods.clone()
    };
    let mut docs = Vec::new();
    let mut code = 0;
    for n in &names {
        match engine.pod(n) {
            Ok(p) => docs.push(inspect_value(&p)),
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    match a.format.as_deref() {
        Some(f) if !output::template::is_json(f) => {
            for d in &docs {
                output::print_template(f, d)?;
            }
        }
        _ => output::print_json(&docs)?,
    }
    Ok(code)
}

fn top(engine: &Engine, a: &TopArgs) -> anyhow::Result<u8> {
    let pod = engine.pod(&a.pod)?;
    let running: Vec<_> = pod
        .members
        .iter()
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .collect();
    anyhow::ensure!(
        !running.is_empty(),
        "pod {} is not running: no containers in pod {} are running",
        pod.config.id,
        pod.config.id
    );
    let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
    for c in running {
        for p in engine.container_processes(&c.config.id)? {
            lines.push(format!(
                "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
                p.user,
                p.pid,
                p.ppid,
                p.cpu_percent,
                output::human::go_duration(p.elapsed),
                p.tty,
                output::human::go_duration(p.cpu_time),
                p.command
            ));
        }
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

/// Writes whole lines, each prefixed, to a shared stream.
struct Prefixed<'a> {
    prefix: String,
    partial: Vec<u8>,
    out: &'a std::sync::Mutex<Box<dyn Write + Send>>,
}

impl Write for Prefixed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            let mut o = self
                .out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            o.write_all(self.prefix.as_bytes())?;
            o.write_all(&line)?;
            o.flush()?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs(g: &Globals, a: &LogsArgs) -> anyhow::Result<u8> {
    use libpod::container::logs::{self, ReadOptions};
    let engine = &g.engine(false)?;
    let pod = engine.pod(&a.pod)?;
    let mut members = pod.members.clone();
    if let Some(only) = &a.container {
        members.retain(|c| c.config.name == *only || c.config.id.starts_with(only.as_str()));
        anyhow::ensure!(
            !members.is_empty(),
            "container {only} is not in pod {}: no such container",
            pod.config.name
        );
    }
    let opts = ReadOptions {
        tail: a.tail.and_then(|n| usize::try_from(n).ok()),
        since: None,
        until: None,
        timestamps: a.timestamps,
    };
    let out: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stdout()));
    let err: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stderr()));
    let prefix = |c: &libpod::container::Container| {
        if a.names {
            format!("{} ", c.config.name)
        } else {
            format!("{} ", c.short_id())
        }
    };
    if !a.follow {
        for c in &members {
            let mut o = Prefixed {
                prefix: prefix(c),
                partial: Vec::new(),
                out: &out,
            };
            let mut e = Prefixed {
                prefix: prefix(c),
                partial: Vec::new(),
                out: &err,
            };
            logs::read(&engine.log_path(c), &opts, &mut o, &mut e)?;
        }
        return Ok(0);
    }
    // -f: one reader per member, until each has exited.
    std::thread::scope(|s| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for c in &members {
            let (out, err, opts) = (&out, &err, &opts);
            let path = engine.log_path(c);
            let id = c.config.id.clone();
            let p = prefix(c);
            let g = g.clone();
            handles.push(s.spawn(move || -> anyhow::Result<()> {
                let engine = g.engine(false)?;
                let mut o = Prefixed {
                    prefix: p.clone(),
                    partial: Vec::new(),
                    out,
                };
                let mut e = Prefixed {
                    prefix: p,
                    partial: Vec::new(),
                    out: err,
                };
                let mut running = || {
                    engine
                        .container(&id)
                        .is_ok_and(|c| matches!(c.state.status, Status::Running | Status::Paused))
                };
                logs::follow(&path, opts, &mut o, &mut e, &mut running)?;
                Ok(())
            }));
        }
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a log reader failed"))??;
        }
        Ok(())
    })?;
    Ok(0)
}

fn stats(g: &Globals, a: StatsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let pods: Vec<Pod> = if a.pods.is_empty() {
        engine.pods()?
    } else {
        a.pods
            .iter()
            .map(|n| engine.pod(n))
            .collect::<Result<_, _>>()?
    };
    let containers: Vec<String> = pods
        .iter()
        .flat_map(|p| p.members.iter())
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .map(|c| c.config.id.clone())
        .collect();
    if containers.is_empty() {
        return Ok(0);
    }
    drop(engine);
    super::stats::run(
        g,
        super::stats::StatsArgs {
            containers,
            all: false,
            latest: false,
            format: a.format,
            no_stream: a.no_stream,
            no_trunc: false,
            no_reset: a.no_reset,
            interval: 5,
        },
    )
}
