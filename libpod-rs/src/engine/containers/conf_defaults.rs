//! containers.conf's `[containers]` settings that are defaults of run
//! flags the request leaves open: `init`, `init_path`, `pids_limit`,
//! `default_capabilities`, `log_tag` and `netns`, with podman's rules for
//! when each applies.

use std::path::{Path, PathBuf};

use super::Engine;
use crate::config::Error as ConfError;
use crate::error::Result;
use crate::network::{self, Mode};
use crate::spec::{self, ContainerSpec};

impl Engine {
    /// containers.conf's `init`, `init_path`, `pids_limit` (as root only: podman's
    /// rootless cgroupfs manager sets none), `default_capabilities` and
    /// `log_tag` (not with json-file, as podman 5 warns), where the request
    /// gives none of its own.
    pub(super) fn conf_process_defaults(&self, spec: &mut ContainerSpec) -> Result<()> {
        let conf = &self.containers_conf;
        if spec.process.init.is_none() {
            spec.process.init = Some(conf.init());
        }
        if spec.process.init_path.is_none() {
            spec.process.init_path = conf.init_path().map(Path::to_path_buf);
        }
        if spec.resources.pids_limit.is_none() && !self.rootless && pids_controller() {
            let n = conf.pids_limit();
            if n != 0 {
                spec.resources.pids_limit = Some(n);
            }
        }
        if let Some(caps) = conf.default_capabilities() {
            let mut set = spec::caps::CapSet::EMPTY;
            for c in caps {
                let cap: spec::caps::Cap = c.parse().map_err(|e| ConfError::Setting {
                    section: "containers",
                    key: "default_capabilities",
                    value: c.clone(),
                    reason: format!("{e}"),
                })?;
                set.insert(cap);
            }
            spec.security.caps.base = Some(set);
        }
        if spec.log.tag.is_none() {
            if let Some(tag) = conf.log_tag() {
                if spec.log.driver == Some(spec::LogDriver::JsonFile) {
                    tracing::warn!("log_tag {tag:?} is not allowed with \"json-file\" log_driver");
                } else {
                    spec.log.tag = Some(tag.to_string());
                }
            }
        }
        Ok(())
    }

    /// The hosts file a container's `/etc/hosts` adds to, as its
    /// `--hosts-file` (`given`), else containers.conf's `base_hosts_file`, says (read when the file is
    /// written, as podman): empty, the host's `/etc/hosts` (none when it
    /// does not exist); `none`, nothing; `image`, the image's own
    /// (`image_layers`, top first: `None` without an image); else the
    /// absolute path of a file. A container's `--hosts-file` (`given`)
    /// comes first.
    pub(in crate::engine) fn base_hosts(
        &self,
        given: Option<&str>,
        image_layers: impl FnOnce() -> Option<Vec<PathBuf>>,
    ) -> Result<String> {
        let setting = given.unwrap_or(self.containers_conf.base_hosts_file());
        let action = if given.is_some() {
            "reading --hosts-file"
        } else {
            "reading containers.conf [containers] base_hosts_file"
        };
        let read = |path: &Path, missing_ok: bool| match fs_err::read_to_string(path) {
            Ok(text) => Ok(text),
            Err(e) if missing_ok && e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(source) => Err(ConfError::Io {
                action,
                path: path.to_path_buf(),
                source,
            }),
        };
        Ok(match setting {
            "" => read(Path::new("/etc/hosts"), true)?,
            "none" => String::new(),
            "image" => match image_layers() {
                Some(layers) => spec::read_from_layers(&layers, "etc/hosts")?.unwrap_or_default(),
                None => String::new(),
            },
            path if Path::new(path).is_absolute() => read(Path::new(path), false)?,
            other => {
                return Err(ConfError::Setting {
                    section: "containers",
                    key: "base_hosts_file",
                    value: other.to_string(),
                    reason:
                        "use an absolute path, \"none\" or \"image\" (empty: the host's /etc/hosts)"
                            .into(),
                }
                .into())
            }
        })
    }

    /// The layers of image `id`, top first (`None` when it is not there).
    pub(in crate::engine) fn image_layers(&self, id: &str) -> Option<Vec<PathBuf>> {
        let record = self.find_image(id).ok()?;
        Some(self.layer_dirs(&record))
    }

    /// containers.conf's `netns`: the network mode of a container or pod
    /// whose request names none (`None`: unset, empty, `private`,
    /// `default` or `bridge`, rpod's default mode).
    pub(in crate::engine) fn conf_netns(&self) -> Result<Option<Mode>> {
        let Some(v) = self.containers_conf.netns() else {
            return Ok(None);
        };
        Ok(
            network::parse_network_flags(&[v.to_string()]).map_err(|e| ConfError::Setting {
                section: "containers",
                key: "netns",
                value: v.to_string(),
                reason: format!(
                    "{e}: use a --network value such as none, host, pasta or a network's name"
                ),
            })?,
        )
    }
}

/// Whether the host has a pids controller a container's cgroup can use.
fn pids_controller() -> bool {
    crate::cgroups::Layout::detect().is_ok_and(|l| l.has_controller("pids"))
}
