//! The data `image inspect` and `history` show, shaped and named as podman's.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::ImageRecord;
use crate::store::Store;

/// `rpod image inspect` output for one image (podman's keys, in podman's order).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageInspect {
    /// Image ID (config digest hex).
    pub id: String,
    /// Digest of the manifest the image was pulled by.
    pub digest: String,
    /// Names of the image.
    pub repo_tags: Vec<String>,
    /// `repository@digest` references.
    pub repo_digests: Vec<String>,
    /// Parent image (always empty for pulled images).
    pub parent: String,
    /// Comment from the config.
    pub comment: String,
    /// Build time.
    pub created: Option<DateTime<Utc>>,
    /// The config's `config` object (Env, Cmd, Entrypoint, ...).
    pub config: Value,
    /// Builder version.
    pub version: String,
    /// Author from the config.
    pub author: String,
    /// CPU architecture.
    pub architecture: String,
    /// Operating system.
    pub os: String,
    /// Unpacked size in bytes.
    pub size: u64,
    /// Same as `size` (podman keeps both).
    pub virtual_size: u64,
    /// Where the layers are on disk.
    pub graph_driver: GraphDriver,
    /// The layers' diff ids.
    #[serde(rename = "RootFS")]
    pub root_fs: RootFs,
    /// Labels from the config.
    pub labels: Value,
    /// Annotations from the manifest.
    pub annotations: Value,
    /// Media type of the image manifest.
    pub manifest_type: String,
    /// Default user.
    pub user: String,
    /// Build history from the config.
    pub history: Value,
    /// Names this image has had.
    pub names_history: Vec<String>,
}

/// Storage driver and layer directories of an image.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GraphDriver {
    /// Driver name (`overlay`).
    pub name: String,
    /// `UpperDir` (top layer) and `LowerDir` (the rest, top to bottom, `:`-joined).
    pub data: serde_json::Map<String, Value>,
}

/// The `RootFS` block of inspect.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RootFs {
    /// Always `layers`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// Diff ids, bottom first.
    pub layers: Vec<String>,
}

/// One row of `rpod history`, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// The image ID for the top row, `<missing>` for the others (as podman).
    pub id: String,
    /// When the step ran.
    pub created: Option<DateTime<Utc>>,
    /// The command of the step.
    pub created_by: String,
    /// Size of the layer the step made (0 for empty layers).
    pub size: u64,
    /// Comment of the step.
    pub comment: String,
    /// Whether the step made no layer.
    pub empty_layer: bool,
}

fn config_json(store: &Store, record: &ImageRecord) -> Value {
    store
        .get_blob(&record.config_digest())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null)
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Builds inspect data for an image from its record and stored config/manifest.
pub fn inspect(store: &Store, record: &ImageRecord) -> ImageInspect {
    let config = config_json(store, record);
    let inner = config.get("config").cloned().unwrap_or(Value::Null);
    let manifest: Value = store
        .get_blob(&record.manifest_digest)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let mut data = serde_json::Map::new();
    let mut dirs: Vec<String> = record
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_diff(&l.diff_id).display().to_string())
        .collect();
    if !dirs.is_empty() {
        data.insert("UpperDir".into(), Value::String(dirs.remove(0)));
    }
    if !dirs.is_empty() {
        data.insert("LowerDir".into(), Value::String(dirs.join(":")));
    }
    ImageInspect {
        id: record.id.clone(),
        digest: record.digest.to_string(),
        repo_tags: record.names.clone(),
        repo_digests: record.repo_digests.clone(),
        parent: String::new(),
        comment: text(&config, "comment"),
        created: record.created,
        user: text(&inner, "User"),
        labels: inner.get("Labels").cloned().unwrap_or(Value::Null),
        config: inner,
        version: text(&config, "docker_version"),
        author: text(&config, "author"),
        architecture: record.architecture.clone(),
        os: record.os.clone(),
        size: record.size(),
        virtual_size: record.size(),
        graph_driver: GraphDriver {
            name: "overlay".into(),
            data,
        },
        root_fs: RootFs {
            kind: "layers".into(),
            layers: record
                .layers
                .iter()
                .map(|l| l.diff_id.to_string())
                .collect(),
        },
        annotations: manifest
            .get("annotations")
            .cloned()
            .unwrap_or(Value::Object(Default::default())),
        manifest_type: record.manifest_type.clone(),
        history: config
            .get("history")
            .cloned()
            .unwrap_or(Value::Array(vec![])),
        names_history: record.names.clone(),
    }
}

/// The build history of an image, newest step first, each step with its layer's size.
pub fn history(store: &Store, record: &ImageRecord) -> Vec<HistoryEntry> {
    let config = config_json(store, record);
    let steps = config
        .get("history")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut layers = record.layers.iter();
    let mut rows: Vec<HistoryEntry> = Vec::new();
    if steps.is_empty() {
        // No history in the config: one row per layer, as podman shows.
        for layer in layers {
            rows.push(HistoryEntry {
                id: "<missing>".into(),
                created: record.created,
                created_by: String::new(),
                size: layer.size,
                comment: String::new(),
                empty_layer: false,
            });
        }
    } else {
        for step in &steps {
            let empty = step
                .get("empty_layer")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let size = if empty {
                0
            } else {
                layers.next().map_or(0, |l| l.size)
            };
            rows.push(HistoryEntry {
                id: "<missing>".into(),
                created: step
                    .get("created")
                    .and_then(Value::as_str)
                    .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
                    .map(|c| c.with_timezone(&Utc)),
                created_by: text(step, "created_by"),
                size,
                comment: text(step, "comment"),
                empty_layer: empty,
            });
        }
    }
    rows.reverse();
    if let Some(top) = rows.first_mut() {
        top.id = record.id.clone();
    }
    rows
}
