//! `commit`: a container's changes (its overlay upper directory, or its
//! vfs tree compared with the image's layers) become a layer on top of its
//! image, with the container's command, environment, ports, labels and
//! working directory in the new config (as podman's `container_commit.go`),
//! then the `--change`s.

use chrono::Utc;
use serde_json::{json, Value};

use super::super::Engine;
use crate::build::change;
use crate::config::Driver;
use crate::container::Status;
use crate::error::Result;
use crate::image::author::{self, Format, History, NewImage};
use crate::image::ImageRecord;
use crate::layer::{self, diff};
use crate::store::LockMode;
use crate::userns::IdMap;

/// Why `commit` refused.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// A `--change` instruction does not parse (its own message).
    #[error("{0}")]
    Change(String),
    /// `-m` with an OCI image.
    #[error("messages are only compatible with the docker image format (-f docker)")]
    MessageNeedsDocker,
    /// The container's image is gone.
    #[error(
        "container {name}: its image {image} was removed, so its changes have nothing to sit on"
    )]
    ImageRemoved {
        /// The container's name.
        name: String,
        /// The image's short ID.
        image: String,
    },
}

/// What `commit` was asked for.
#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// `--change` instructions.
    pub changes: Vec<String>,
    /// `-m`: the commit message (Docker format only).
    pub message: Option<String>,
    /// `--author`.
    pub author: Option<String>,
    /// `--pause`: freeze a running container while committing.
    pub pause: bool,
    /// `--format`.
    pub format: Format,
    /// How the new layer is compressed.
    pub compression: Option<layer::Compression>,
}

/// What `commit` did.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The new image.
    pub image: ImageRecord,
    /// Things to tell the user (a running container that could not be paused).
    pub warnings: Vec<String>,
}

/// Ranges mapping ids as rpod's user namespace shows them to ids in a
/// container's own namespace (both given as container→host ranges);
/// empty when the two are the same mapping.
pub(crate) fn owner_ranges(ours: &[IdMap], theirs: &[(u32, u32, u32)]) -> Vec<(u32, u32, u32)> {
    let same = ours.len() == theirs.len()
        && ours
            .iter()
            .zip(theirs)
            .all(|(a, b)| (a.container_id, a.host_id, a.size) == *b);
    if same || theirs.is_empty() || ours.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for o in ours {
        for &(t_cid, t_host, t_size) in theirs {
            let lo = o.host_id.max(t_host);
            let hi = (u64::from(o.host_id) + u64::from(o.size))
                .min(u64::from(t_host) + u64::from(t_size));
            if u64::from(lo) < hi {
                let n = u32::try_from(hi - u64::from(lo)).unwrap_or(u32::MAX);
                out.push((o.container_id + (lo - o.host_id), t_cid + (lo - t_host), n));
            }
        }
    }
    out
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Engine {
    /// Makes an image of a container's changes (`rpod commit`); `name`
    /// is the new image's name, if any.
    pub fn commit_container(
        &self,
        name_or_id: &str,
        name: Option<&str>,
        opts: CommitOptions,
    ) -> Result<Committed> {
        let changes = change::parse_changes(&opts.changes).map_err(CommitError::Change)?;
        if opts.message.is_some() && opts.format != Format::Docker {
            return Err(CommitError::MessageNeedsDocker.into());
        }
        let names = match name {
            Some(n) => vec![Engine::normalize_new_name(n)?],
            None => Vec::new(),
        };
        let c = self.container(name_or_id)?;
        let mut warnings = Vec::new();
        if opts.pause && matches!(c.state.status, Status::Running) {
            if let Err(e) = self.pause_container(&c.config.id, false) {
                warnings.push(format!("committing {} while it runs: {e}", c.config.name));
            }
        }
        let parent =
            self.find_image(&c.config.image_id)
                .map_err(|_| CommitError::ImageRemoved {
                    name: c.config.name.clone(),
                    image: c.config.image_id[..12.min(c.config.image_id.len())].to_string(),
                })?;
        let spec = self.load_spec(&c)?;
        // Layers hold subordinate ids: read them as root of rpod's namespace.
        self.enter_userns()?;

        let (mut config, parent_layers) = author::parent_parts(&self.store, Some(&parent))?;
        let image_cfg = config["config"].clone();
        let mut cfg = if image_cfg.is_object() {
            image_cfg
        } else {
            json!({})
        };
        // Entrypoint and command: the image's entrypoint stays when the
        // container's command starts with it; the rest is the command.
        let entrypoint = strings(&cfg["Entrypoint"]);
        let command = &c.config.command;
        let cmd: Vec<String> = if !entrypoint.is_empty() && command.starts_with(&entrypoint) {
            command[entrypoint.len()..].to_vec()
        } else {
            if !entrypoint.is_empty() {
                cfg["Entrypoint"] = Value::Null;
            }
            command.clone()
        };
        cfg["Cmd"] = json!(cmd);
        if let Some(p) = spec.process() {
            let image_env = strings(&cfg["Env"]);
            for e in p.env().clone().unwrap_or_default() {
                let (k, v) = e.split_once('=').unwrap_or((e.as_str(), ""));
                // rpod's own defaults go unless the image had them.
                let ours = matches!(k, "container" | "HOSTNAME" | "TERM" | "HOME");
                if !ours || image_env.iter().any(|i| i.split('=').next() == Some(k)) {
                    change::set_env(&mut cfg, k, v);
                }
            }
            let cwd = p.cwd().display().to_string();
            if cwd != "/" || cfg["WorkingDir"].as_str().is_some_and(|w| !w.is_empty()) {
                cfg["WorkingDir"] = json!(cwd);
            }
        }
        for m in &c.config.port_mappings {
            let key = format!("{}/{}", m.container_port, m.protocol);
            if !cfg["ExposedPorts"].is_object() {
                cfg["ExposedPorts"] = json!({});
            }
            cfg["ExposedPorts"][key] = json!({});
        }
        if !c.config.labels.is_empty() {
            if !cfg["Labels"].is_object() {
                cfg["Labels"] = json!({});
            }
            for (k, v) in &c.config.labels {
                cfg["Labels"][k] = json!(v);
            }
        }
        change::apply(&mut cfg, &changes);
        config["config"] = cfg;
        if let Some(a) = &opts.author {
            config["author"] = json!(a);
        }
        if let Some(m) = &opts.message {
            config["comment"] = json!(m);
        }

        let tuples = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<(u32, u32, u32)> {
            v.map(|m| {
                m.iter()
                    .map(|x| (x.container_id(), x.host_id(), x.size()))
                    .collect()
            })
            .unwrap_or_default()
        };
        let linux = spec.linux().as_ref();
        let owners = if self.rootless {
            diff::OwnerMap {
                uids: owner_ranges(
                    &self.mappings.uids,
                    &tuples(linux.and_then(|l| l.uid_mappings().as_ref())),
                ),
                gids: owner_ranges(
                    &self.mappings.gids,
                    &tuples(linux.and_then(|l| l.gid_mappings().as_ref())),
                ),
            }
        } else {
            diff::OwnerMap::default()
        };
        let dopts = diff::DiffOptions {
            owners,
            ..Default::default()
        };
        let dir = self.records().dir(&c.config.id);
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let compression = opts.compression.unwrap_or(layer::Compression::Gzip);
        let new_layer = match c.config.driver() {
            Driver::Overlay => {
                let upper = dir.join("upper");
                author::store_layer(&self.store, compression, self.rootless, |w| {
                    diff::upper_to_tar(&upper, w, &dopts).map(drop)
                })?
            }
            Driver::Vfs => {
                let tree = dir.join("rootfs");
                let lowers: Vec<_> = parent
                    .layers
                    .iter()
                    .map(|l| self.store.layer_diff(&l.diff_id))
                    .collect();
                author::store_layer(&self.store, compression, self.rootless, |w| {
                    diff::tree_to_tar(&lowers, &tree, w, &dopts).map(drop)
                })?
            }
        };
        author::add_step(
            &mut config,
            Utc::now(),
            &History {
                created_by: c.config.command.join(" "),
                comment: opts.message.clone().unwrap_or_default(),
                author: opts.author.clone().unwrap_or_default(),
                empty_layer: false,
            },
            Some(&new_layer.diff_id),
        );
        let image = author::write_image(
            &self.store,
            NewImage {
                config,
                parent_layers,
                layers: vec![new_layer],
                names,
                format: opts.format,
                annotations: Default::default(),
            },
        )?;
        self.event_container(&c, crate::events::Status::Commit);
        Ok(Committed { image, warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: u32, h: u32, n: u32) -> IdMap {
        IdMap {
            container_id: c,
            host_id: h,
            size: n,
        }
    }

    #[test]
    fn owners_map_back_through_the_containers_namespace() {
        let ours = vec![m(0, 1000, 1), m(1, 100000, 65536)];
        // Same mapping: nothing to do.
        assert!(owner_ranges(&ours, &[(0, 1000, 1), (1, 100000, 65536)]).is_empty());
        // keep-id: the user is 1000 inside, the subordinate ids shift around it.
        let keep = [(0, 100000, 1000), (1000, 1000, 1), (1001, 101000, 64536)];
        let r = owner_ranges(&ours, &keep);
        assert!(r.contains(&(0, 1000, 1)), "{r:?}");
        assert!(r.contains(&(1, 0, 1000)), "{r:?}");
        assert!(r.contains(&(1001, 1001, 64536)), "{r:?}");
    }
}
