//! `ps --external`: the containers containers-storage holds for other
//! tools (buildah's working containers, podman's), which rpod neither made
//! nor controls. rpod's own store holds only its containers (its builds
//! keep no working containers: a RUN step's scratch directory goes with
//! the step), so these are read, never changed, from containers-storage's
//! `*-containers/containers.json` under its root.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::Engine;

/// A container of containers-storage that rpod does not control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalContainer {
    /// Its ID.
    pub id: String,
    /// Its names.
    pub names: Vec<String>,
    /// Its image's ID (empty for `scratch`).
    pub image_id: String,
    /// Its image's first name in containers-storage (`scratch` for a
    /// buildah container without image; empty when unknown).
    pub image_name: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// Made by buildah (its metadata says so).
    pub buildah: bool,
}

/// One entry of containers-storage's `images.json`.
#[derive(Deserialize)]
struct ImageEntry {
    id: String,
    #[serde(default)]
    names: Vec<String>,
}

/// One entry of containers-storage's `containers.json`.
#[derive(Deserialize)]
struct Entry {
    id: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    image: String,
    #[serde(default)]
    metadata: String,
    #[serde(default)]
    created: Option<DateTime<Utc>>,
}

impl Engine {
    /// containers-storage's root: storage.conf's, else its default.
    fn containers_storage_root(&self) -> PathBuf {
        if let Some(r) = self.storage.as_ref().ok().and_then(|s| s.graphroot.clone()) {
            return r;
        }
        if self.rootless {
            self.paths.xdg_data_home.join("containers/storage")
        } else {
            PathBuf::from("/var/lib/containers/storage")
        }
    }

    /// The containers containers-storage holds for other tools, oldest
    /// first (none when it has no store here).
    pub fn external_containers(&self) -> Vec<ExternalContainer> {
        let root = self.containers_storage_root();
        let mut out: Vec<ExternalContainer> = Vec::new();
        for driver in ["overlay", "vfs", "btrfs", "zfs"] {
            let images: Vec<ImageEntry> =
                fs_err::read_to_string(root.join(format!("{driver}-images/images.json")))
                    .ok()
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default();
            let file = root.join(format!("{driver}-containers/containers.json"));
            let Ok(text) = fs_err::read_to_string(&file) else {
                continue;
            };
            let entries: Vec<Entry> = match serde_json::from_str(&text) {
                Ok(e) => e,
                Err(e) => {
                    tracing::debug!("{}: {e}", file.display());
                    continue;
                }
            };
            out.extend(entries.into_iter().map(|e| {
                let buildah = e.metadata.contains("buildah");
                ExternalContainer {
                    buildah,
                    // podman: `scratch` for a buildah container only.
                    image_name: match images.iter().find(|i| i.id == e.image) {
                        Some(i) => i.names.first().cloned().unwrap_or_default(),
                        None if e.image.is_empty() && buildah => "scratch".into(),
                        None => String::new(),
                    },
                    id: e.id,
                    names: e.names,
                    image_id: e.image,
                    created: e.created.unwrap_or_default(),
                }
            }));
        }
        out.sort_by_key(|c| c.created);
        out
    }
}
