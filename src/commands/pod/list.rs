//! `rpod pod ps` and `rpod pod inspect`: podman's columns, templates,
//! filters and JSON.

use std::collections::BTreeMap;

use anyhow::Context;
use libpod::container::Status;
use libpod::engine::Pod;
use libpod::Engine;
use serde::Serialize;

use super::{InspectArgs, PsArgs};
use crate::output;

/// One `pod ps` row, with podman's template names.
#[derive(Default, Serialize)]
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
    libpod::pod::inspect::network_names(&p.config)
}

/// podman's `FilterID`: a hex value is an ID prefix, anything else a
/// regular expression.
fn id_matches(id: &str, re: &regex::Regex, v: &str) -> bool {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        id.starts_with(&v.to_ascii_lowercase())
    } else {
        re.is_match(id)
    }
}

fn pod_matches(p: &Pod, filters: &[(String, regex::Regex, String)]) -> anyhow::Result<bool> {
    // podman: values of one key are ORed, keys ANDed; IDs and names match
    // as regular expressions.
    let mut keys: BTreeMap<&str, Vec<(&regex::Regex, &str)>> = BTreeMap::new();
    for (k, re, v) in filters {
        keys.entry(k.as_str()).or_default().push((re, v.as_str()));
    }
    for (k, values) in keys {
        let one = |re: &regex::Regex, v: &str| -> anyhow::Result<bool> {
            Ok(match k {
                "id" => id_matches(&p.config.id, re, v),
                "name" => p.config.name == v || re.is_match(&p.config.name),
                "label" => match v.split_once('=') {
                    Some((lk, lv)) => p.config.labels.get(lk).is_some_and(|x| x == lv),
                    None => p.config.labels.contains_key(v),
                },
                "status" => {
                    let valid = [
                        "stopped", "running", "paused", "exited", "dead", "created", "degraded",
                    ];
                    anyhow::ensure!(
                        valid.contains(&v),
                        "{v} is not a valid status: use {}",
                        valid.join(", ")
                    );
                    p.status().to_string().to_lowercase() == v
                }
                "ctr-names" => p
                    .members
                    .iter()
                    .any(|c| c.config.name == v || re.is_match(&c.config.name)),
                "ctr-ids" => p
                    .members
                    .iter()
                    .any(|c| id_matches(&c.config.id, re, v)),
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
        for (re, v) in values {
            any |= one(re, v)?;
        }
        if !any {
            return Ok(false);
        }
    }
    Ok(true)
}

pub(super) fn ps(engine: &Engine, a: &PsArgs) -> anyhow::Result<u8> {
    if a.quiet && a.format.is_some() {
        anyhow::bail!("quiet and format cannot be used together");
    }
    let mut filters = Vec::new();
    for f in &a.filter {
        let (k, v) = f.split_once('=').with_context(|| {
            format!("filter input must be in the form of filter=value: {f} is invalid")
        })?;
        // A value that is not a valid expression matches as itself.
        let re = regex::Regex::new(v)
            .or_else(|_| regex::Regex::new(&regex::escape(v)))
            .expect("an escaped value is a valid expression");
        filters.push((k.to_string(), re, v.to_string()));
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
        _ => list.sort_by_key(|p| std::cmp::Reverse(p.config.created)),
    }
    if a.latest {
        list.sort_by_key(|p| std::cmp::Reverse(p.config.created));
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
                    "InfraId": p.infra_id(),
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
                InfraID: short(p.infra_id(), a.no_trunc),
                InfraId: short(p.infra_id(), a.no_trunc),
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
    output::print_rows(
        format,
        &rows,
        PS_HEADERS,
        a.noheading,
        "pods.ListPodReporter",
    )
}

pub(super) fn inspect(engine: &Engine, a: &InspectArgs) -> anyhow::Result<u8> {
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
            Ok(p) => docs.push(p.inspect()),
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    match a.format.as_deref() {
        Some(f) if !output::template::is_json(f) => {
            for d in &docs {
                let v = output::template_value(d, "*define.InspectPodData")?;
                output::print_template_value(&crate::commands::inspect::id_as_go(f), &v)?;
            }
        }
        _ => output::print_json(&docs)?,
    }
    Ok(code)
}

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Row::default()).ok()
}
