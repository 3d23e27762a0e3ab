//! `rpod images` (`rpod image ls`): list images in local storage.

use anyhow::Context;
use clap::Args;
use libpod::image::{split_name, ImageRecord};
use serde::Serialize;
use serde_json::json;

use super::Globals;
use crate::output;

/// Arguments of `rpod images`.
#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Show only images matching this name
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
    /// Show all images (default hides intermediate images)
    #[arg(short, long)]
    pub all: bool,
    /// Display only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print column headings
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Filter output based on conditions provided (default [])
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Sort by created, id, repository, size, tag
    #[arg(long, value_name = "SORT", default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"], hide_default_value = true)]
    pub sort: String,
    /// Display the image name history
    #[arg(long)]
    pub history: bool,
}

/// One row of the listing; field names are podman's template names.
#[derive(Debug, Clone, Default, Serialize)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    Id: String,
    Repository: String,
    Tag: String,
    Digest: String,
    /// podman's `Created` method: how long ago, as `CreatedSince`.
    Created: String,
    CreatedAt: String,
    CreatedSince: String,
    CreatedTime: String,
    Size: String,
    /// podman's `ImageSummary` fields, in bytes.
    VirtualSize: i64,
    SharedSize: i64,
    UniqueSize: String,
    Names: Vec<String>,
    RepoTags: Vec<String>,
    RepoDigests: Vec<String>,
    Dangling: bool,
    Containers: u64,
    ReadOnly: bool,
    /// podman's `History` method: the names the image has had, joined.
    History: String,
    /// The image config's labels (null when it has none, as podman's nil map).
    Labels: serde_json::Value,
}

fn created(image: &ImageRecord) -> chrono::DateTime<chrono::Utc> {
    image.created.unwrap_or(image.pulled)
}

/// The labels of an image's config (null when it has none or cannot be read).
fn labels(engine: &libpod::Engine, image: &ImageRecord) -> serde_json::Value {
    engine
        .inspect_image(&image.id)
        .map(|i| i.labels)
        .unwrap_or(serde_json::Value::Null)
}

fn rows(image: &ImageRecord, no_trunc: bool, labels: &serde_json::Value) -> Vec<Row> {
    let id = if no_trunc {
        format!("sha256:{}", image.id)
    } else {
        image.id[..12].to_string()
    };
    let names: Vec<(String, String)> = if image.names.is_empty() {
        vec![("<none>".into(), "<none>".into())]
    } else {
        image.names.iter().map(|n| split_name(n)).collect()
    };
    let when = created(image);
    names
        .into_iter()
        .map(|(repo, tag)| Row {
            ID: id.clone(),
            Id: image.id.clone(),
            Repository: repo,
            Tag: tag,
            Digest: image.digest.to_string(),
            Created: output::human::since(&when),
            CreatedAt: output::human::go_time(&when),
            CreatedSince: output::human::since(&when),
            CreatedTime: output::human::go_time(&when),
            Size: output::human::size(image.size()),
            VirtualSize: i64::try_from(image.size()).unwrap_or(i64::MAX),
            SharedSize: 0,
            UniqueSize: output::human::size(image.size()),
            Names: image.names.clone(),
            RepoTags: image.names.clone(),
            RepoDigests: image.repo_digests.clone(),
            Dangling: image.is_dangling(),
            Containers: 0,
            ReadOnly: image.read_only,
            History: image.names.join(", "),
            Labels: labels.clone(),
        })
        .collect()
}

fn matches(
    image: &ImageRecord,
    filters: &[(String, String)],
    all: &[ImageRecord],
) -> anyhow::Result<bool> {
    for (key, value) in filters {
        let ok = match key.as_str() {
            "reference" => image.names.iter().any(|n| {
                let (repo, tag) = split_name(n);
                glob(value, n) || glob(value, &repo) || glob(value, &format!("{repo}:{tag}"))
                    || repo.rsplit('/').next().is_some_and(|last| glob(value, last) || glob(value, &format!("{last}:{tag}")))
            }),
            "dangling" => image.is_dangling() == matches!(value.as_str(), "true" | "1"),
            "readonly" => image.read_only == matches!(value.as_str(), "true" | "1"),
            "id" => image.id.starts_with(value.trim_start_matches("sha256:")),
            "before" | "since" => {
                let other = all
                    .iter()
                    .find(|o| o.id.starts_with(value.as_str()) || o.names.iter().any(|n| n == value || split_name(n).0.ends_with(&format!("/{value}"))))
                    .with_context(|| format!("--filter {key}={value}: image not known"))?;
                if key == "before" {
                    created(image) < created(other)
                } else {
                    created(image) > created(other)
                }
            }
            other => anyhow::bail!("--filter {other}={value}: unsupported filter; use reference, dangling, readonly, id, before or since"),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Shell-style wildcard match (`*`, `?`), as podman's reference filter.
fn glob(pattern: &str, text: &str) -> bool {
    fn rec(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => rec(&p[1..], t) || (!t.is_empty() && rec(p, &t[1..])),
            (Some(b'?'), Some(_)) => rec(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => rec(&p[1..], &t[1..]),
            _ => false,
        }
    }
    rec(pattern.as_bytes(), text.as_bytes())
}

/// Runs `rpod images`.
pub fn run(g: &Globals, args: ImagesArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut filters: Vec<(String, String)> = Vec::new();
    for f in &args.filter {
        let (k, v) = f
            .split_once('=')
            .with_context(|| format!("--filter {f:?}: expected KEY=VALUE, e.g. dangling=true"))?;
        filters.push((k.to_string(), v.to_string()));
    }
    if let Some(image) = &args.image {
        filters.push(("reference".into(), image.clone()));
    }
    let all = engine.images()?;
    let mut selected = Vec::new();
    for image in &all {
        if matches(image, &filters, &all)? {
            selected.push(image.clone());
        }
    }
    selected.sort_by_key(|i| std::cmp::Reverse(created(i)));
    let mut rows: Vec<(u64, Row)> = selected
        .iter()
        .flat_map(|i| {
            rows(i, args.no_trunc, &labels(&engine, i))
                .into_iter()
                .map(|r| (i.size(), r))
        })
        .collect();
    sort_rows(&mut rows, &args.sort);
    let rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();

    if args.quiet {
        let mut seen = std::collections::HashSet::new();
        for row in &rows {
            if seen.insert(row.Id.clone()) {
                // podman: the full ID with its algorithm, as in the table.
                output::println(&row.ID);
            }
        }
        return Ok(0);
    }
    if args
        .format
        .as_deref()
        .is_some_and(output::template::is_json)
    {
        let list: Vec<_> = selected
            .iter()
            .map(|i| {
                let mut v = json!({
                    "Id": i.id,
                    "ParentId": "",
                    "RepoTags": i.names,
                    "RepoDigests": i.repo_digests,
                    "Size": i.size(),
                    "SharedSize": 0,
                    "VirtualSize": i.size(),
                    "Labels": labels(&engine, i),
                    "Containers": 0,
                    "Names": i.names,
                    "Digest": i.digest.to_string(),
                    "History": i.names,
                    "Created": created(i).timestamp(),
                    "CreatedAt": created(i).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                });
                // podman's `ReadOnly bool json:",omitempty"`.
                if i.read_only {
                    v["ReadOnly"] = json!(true);
                }
                v
            })
            .collect();
        output::print_json(&list)?;
        return Ok(0);
    }
    let mut default = String::from(if args.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    });
    if args.history {
        default.push_str("\t{{if .History}}{{.History}}{{else}}<none>{{end}}");
    }
    let format = output::row_format(args.format.as_deref(), &default);
    output::print_rows(
        format,
        &rows,
        HEADERS,
        args.noheading,
        "images.imageReporter",
    )
}

/// Orders the rows as podman's `--sort` does (a stable sort; `created`
/// newest first, the others ascending; `repository` then by tag).
fn sort_rows(rows: &mut [(u64, Row)], by: &str) {
    rows.sort_by(|(sa, a), (sb, b)| match by {
        "id" => a.Id.cmp(&b.Id),
        "repository" => a
            .Repository
            .cmp(&b.Repository)
            .then_with(|| a.Tag.cmp(&b.Tag)),
        "size" => sa.cmp(sb),
        "tag" => a.Tag.cmp(&b.Tag),
        _ => b.Created.cmp(&a.Created),
    });
}

/// Column titles for template fields, as podman prints them.
const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Id", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Created", "CREATED"),
    ("Size", "SIZE"),
    ("VirtualSize", "VIRTUAL SIZE"),
    ("SharedSize", "SHARED SIZE"),
    ("UniqueSize", "UNIQUE SIZE"),
    ("ReadOnly", "R/O"),
];

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Row::default()).ok()
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn wildcards() {
        assert!(glob("busy*", "busybox"));
        assert!(glob("*box:latest", "busybox:latest"));
        assert!(!glob("busy", "busybox"));
        assert!(glob("b?sybox", "busybox"));
    }
}
