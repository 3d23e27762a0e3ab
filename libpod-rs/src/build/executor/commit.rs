//! Layers from a step's changes, `--squash`, and the commit of the final
//! stage as an image.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{fail, record_step, strings, BuildError, Builder, Changes, Event, Squash, State};
use crate::image::author::{self, NewImage, NewLayer};
use crate::image::ImageRecord;
use crate::layer::diff;

impl Builder<'_> {
    pub(super) fn layer_from(&self, dir: &Path) -> Result<NewLayer, author::Error> {
        let opts = self.diff_options();
        author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
            diff::upper_to_tar(dir, w, &opts).map(drop)
        })
    }

    /// The layer of a RUN step's changes.
    pub(super) fn layer_of(
        &self,
        changes: &Changes,
        lowers: &[PathBuf],
    ) -> Result<NewLayer, author::Error> {
        match changes {
            Changes::Upper(dir) => self.layer_from(dir),
            Changes::Tree(tree) => {
                let opts = self.diff_options();
                author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
                    diff::tree_to_tar(lowers, tree, w, &opts).map(drop)
                })
            }
        }
    }
}

/// The label that says which builder made the image (`--identity-label`).
pub const IDENTITY_LABEL: &str = "io.buildah.version";
/// The manifest annotation with the image's creation time (`--created-annotation`).
pub const CREATED_ANNOTATION: &str = "org.opencontainers.image.created";

impl Builder<'_> {
    /// The manifest's annotations: the base image's (`--inherit-annotations`),
    /// the creation time (`--created-annotation`), `--annotation`s, less
    /// `--unsetannotation`s.
    fn annotations(
        &self,
        base: Option<&ImageRecord>,
        config: &Value,
    ) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        if self.req.shaping.inherit_annotations {
            let manifest: Option<Value> = base
                .and_then(|b| self.store.get_blob(&b.manifest_digest).ok())
                .and_then(|m| serde_json::from_slice(&m).ok());
            if let Some(a) = manifest.as_ref().and_then(|m| m["annotations"].as_object()) {
                for (k, v) in a {
                    if let Some(v) = v.as_str() {
                        out.insert(k.clone(), v.to_string());
                    }
                }
            }
        }
        if self.req.shaping.created_annotation {
            if let Some(c) = config["created"].as_str() {
                out.insert(CREATED_ANNOTATION.to_string(), c.to_string());
            }
        }
        out.extend(self.req.annotations.clone());
        for k in &self.req.shaping.unset_annotations {
            out.remove(k);
        }
        out
    }

    /// Replaces the stage's new layers (with [`Squash::All`], all its
    /// layers) by one that holds their merged result, and its history by
    /// one entry for it after the base's (none of the base's with `All`),
    /// as buildah squashes.
    pub(super) fn squash(
        &self,
        state: &mut State,
        parent_layers: &mut Vec<author::ParentLayer>,
    ) -> Result<(), BuildError> {
        let all = state.layer_dirs(self.store);
        let kept = match self.req.squash {
            Squash::All => 0,
            _ => parent_layers.len(),
        };
        if all.len() == kept {
            return Ok(()); // nothing new to squash
        }
        let (base, top) = all.split_at(kept);
        let opts = self.diff_options();
        let layer = author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
            diff::layers_to_tar(base, top, w, &opts).map(drop)
        })
        .map_err(|e| fail(None, e))?;
        let history = state.config["history"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let base_steps = match self.req.squash {
            Squash::All => 0,
            _ => state
                .base
                .as_ref()
                .and_then(|b| {
                    let c: Value =
                        serde_json::from_slice(&self.store.get_blob(&b.config_digest()).ok()?)
                            .ok()?;
                    c["history"].as_array().map(Vec::len)
                })
                .unwrap_or(0),
        };
        let created_by = history
            .last()
            .and_then(|h| h["created_by"].as_str())
            .unwrap_or_default()
            .to_string();
        let mut ids: Vec<Value> = state.config["rootfs"]["diff_ids"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ids.truncate(kept);
        state.config["history"] = json!(history[..base_steps.min(history.len())]);
        state.config["rootfs"] = json!({"type": "layers", "diff_ids": ids});
        record_step(&mut state.config, self.now(), created_by, Some(&layer));
        parent_layers.truncate(kept);
        state.layers = vec![layer];
        Ok(())
    }

    pub(super) fn commit(&mut self, state: State) -> Result<ImageRecord, BuildError> {
        let name = self.req.names.first().cloned().unwrap_or_default();
        self.reporter.event(Event::Commit(name));
        let (_, mut parent_layers) =
            author::parent_parts(self.store, state.base.as_ref()).map_err(|e| fail(None, e))?;
        let mut state = state;
        if self.req.squash != Squash::No {
            self.squash(&mut state, &mut parent_layers)?;
        }
        let mut config = state.config;
        for (k, v) in &self.req.labels {
            config["config"]["Labels"][k] = json!(v);
        }
        if self.req.shaping.identity_label {
            config["config"]["Labels"][IDENTITY_LABEL] = json!(env!("CARGO_PKG_VERSION"));
        }
        if let Some(labels) = config["config"]["Labels"].as_object_mut() {
            for k in &self.req.shaping.unset_labels {
                labels.remove(k);
            }
        }
        if !self.req.env.is_empty() {
            let env = strings(&config["config"]["Env"]);
            let merged = crate::spec::merge_env(&env, &self.req.env)
                .map_err(|e| fail(None, format!("--env: {e}")))?;
            config["config"]["Env"] = json!(merged);
        }
        if !self.req.unset_env.is_empty() {
            let env: Vec<String> = strings(&config["config"]["Env"])
                .into_iter()
                .filter(|e| {
                    let name = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
                    !self.req.unset_env.iter().any(|u| u == name)
                })
                .collect();
            config["config"]["Env"] = json!(env);
        }
        config["architecture"] = json!(self.req.platform.architecture);
        config["os"] = json!(self.req.platform.os);
        if !self.req.shaping.os_features.is_empty() {
            config["os.features"] = json!(self.req.shaping.os_features);
        }
        if let Some(v) = &self.req.shaping.os_version {
            config["os.version"] = json!(v);
        }
        if self.req.shaping.omit_history {
            if let Some(obj) = config.as_object_mut() {
                obj.remove("history");
            }
        }
        let annotations = self.annotations(state.base.as_ref(), &config);
        author::write_image(
            self.store,
            NewImage {
                config,
                parent_layers,
                layers: state.layers,
                names: self.req.names.clone(),
                format: self.req.format,
                annotations,
            },
        )
        .map_err(|e| fail(None, e))
    }
}
