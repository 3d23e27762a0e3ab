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
    /// `--config FILE` cannot be read or is not a JSON object.
    #[error(
        "--config: {path}: {message}: give a file holding a Docker schema2 container config (JSON)"
    )]
    ConfigFile {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Reads `commit --config FILE`: a Docker schema2 config, a JSON object
/// (empty: nothing to merge, as podman's decoder allows).
pub fn read_override_config(path: &std::path::Path) -> Result<Value> {
    let fail = |message: String| CommitError::ConfigFile {
        path: path.to_path_buf(),
        message,
    };
    let text = fs_err::read_to_string(path)
        .map_err(|e| fail(crate::sys::os_text(&crate::sys::without_path(e))))?;
    if text.trim().is_empty() {
        return Ok(json!({}));
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(fail("not a JSON object".into()).into()),
        Err(e) => Err(fail(e.to_string()).into()),
    }
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
    /// `--squash`: the image is one layer, the container's whole file
    /// system, instead of the parent's layers plus the changes.
    pub squash: bool,
    /// `--include-volumes`: every volume and bind destination the user
    /// gave becomes an image volume (without it: anonymous volumes only).
    pub include_volumes: bool,
    /// `--config FILE`: a Docker schema2 config (JSON) merged over the
    /// image's, as buildah's override does.
    pub override_config: Option<Value>,
}

/// Merges a Docker schema2 config over an image config (`commit
/// --config`), as buildah's `OverrideOCI`: `User`, `WorkingDir` replace
/// when set; `Entrypoint`/`Cmd` replace together when either is set;
/// `Env` entries replace by name (a bare `NAME` takes this process's
/// value); `ExposedPorts`, `Volumes`, `Labels` are added to; `StopSignal`
/// is always taken (cleared when the file has none).
pub fn override_config(cfg: &mut Value, o: &Value) {
    let text = |k: &str| o[k].as_str().filter(|s| !s.is_empty());
    if let Some(u) = text("User") {
        cfg["User"] = json!(u);
    }
    if let Some(w) = text("WorkingDir") {
        cfg["WorkingDir"] = json!(w);
    }
    let list = |k: &str| o[k].as_array().filter(|a| !a.is_empty()).cloned();
    if list("Entrypoint").is_some() || list("Cmd").is_some() {
        cfg["Entrypoint"] = list("Entrypoint").map_or(Value::Null, Value::Array);
        cfg["Cmd"] = list("Cmd").map_or(Value::Null, Value::Array);
    }
    for e in strings(&o["Env"]) {
        match e.split_once('=') {
            Some((k, v)) => change::set_env(cfg, k, v),
            None => change::set_env(cfg, &e, &std::env::var(&e).unwrap_or_default()),
        }
    }
    for key in ["ExposedPorts", "Volumes", "Labels"] {
        if let Some(m) = o[key].as_object().filter(|m| !m.is_empty()) {
            if !cfg[key].is_object() {
                cfg[key] = json!({});
            }
            for (k, v) in m {
                cfg[key][k] = v.clone();
            }
        }
    }
    match text("StopSignal") {
        Some(s) => cfg["StopSignal"] = json!(s),
        None => {
            if let Some(m) = cfg.as_object_mut() {
                m.remove("StopSignal");
            }
        }
    }
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
        // Volumes: the anonymous ones the user added, or with
        // --include-volumes every volume and bind destination (podman's
        // UserVolumes).
        for m in &c.config.mounts {
            let wanted = match &m.source {
                crate::spec::MountSource::Bind(_) => opts.include_volumes,
                crate::spec::MountSource::Volume(name) => {
                    opts.include_volumes || self.volume(name).is_ok_and(|v| v.anonymous)
                }
                _ => false,
            };
            if wanted {
                if !cfg["Volumes"].is_object() {
                    cfg["Volumes"] = json!({});
                }
                cfg["Volumes"][m.destination.to_string_lossy().as_ref()] = json!({});
            }
        }
        change::apply(&mut cfg, &changes);
        if let Some(o) = &opts.override_config {
            override_config(&mut cfg, o);
        }
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
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let compression = opts.compression.unwrap_or(layer::Compression::Gzip);
        let (parent_layers, new_layer) = if opts.squash {
            // One layer: the whole merged tree against nothing.
            config["rootfs"] = json!({"type": "layers", "diff_ids": []});
            config["history"] = json!([]);
            let root = self.container_root(&c.config.id)?;
            let tree = std::path::PathBuf::from(format!(
                "/proc/self/fd/{}",
                std::os::fd::AsRawFd::as_raw_fd(&root.dir)
            ));
            let layer = author::store_layer(&self.store, compression, self.rootless, |w| {
                diff::tree_to_tar(&[], &tree, w, &dopts).map(drop)
            })?;
            (Vec::new(), layer)
        } else {
            (
                parent_layers,
                self.new_layer(&c, &parent, compression, &dopts)?,
            )
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

    /// The container's changes as a new layer: its overlay upper
    /// directory, or its vfs tree against the image's layers.
    fn new_layer(
        &self,
        c: &crate::container::Container,
        parent: &ImageRecord,
        compression: layer::Compression,
        dopts: &diff::DiffOptions,
    ) -> Result<author::NewLayer> {
        let dir = self.records().dir(&c.config.id);
        Ok(match c.config.driver() {
            Driver::Overlay => {
                let upper = dir.join("upper");
                author::store_layer(&self.store, compression, self.rootless, |w| {
                    diff::upper_to_tar(&upper, w, dopts).map(drop)
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
                    diff::tree_to_tar(&lowers, &tree, w, dopts).map(drop)
                })?
            }
        })
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
