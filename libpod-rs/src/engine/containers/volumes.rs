//! Volumes: `:U` ownership for new containers, and the `volume` verbs.

use std::path::Path;

use super::{Engine, RemoveOptions};
use crate::container::Container;
use crate::container::CreateError;
use crate::error::Result;
use crate::userns;
use crate::volume::{self, Volume};

/// Why `volume export` or `volume import` failed.
#[derive(Debug, thiserror::Error)]
pub enum VolumeArchiveError {
    /// Writing the volume's content as a tar archive failed.
    #[error("exporting volume {name}: {source}")]
    Export {
        /// The volume.
        name: String,
        /// Why.
        source: std::io::Error,
    },
    /// Unpacking the archive into the volume failed.
    #[error("importing into volume {name}: {source}")]
    Import {
        /// The volume.
        name: String,
        /// Why.
        source: std::io::Error,
    },
}

impl Engine {
    /// `:U`: gives a tree to the container's uid and gid (mapped through
    /// the user namespace when rootless); `again` (a later start): only
    /// when its top has another owner now, as podman.
    pub(super) fn chown_tree(&self, path: &Path, uid: u32, gid: u32, again: bool) -> Result<()> {
        let walk = |p: &Path| {
            if again {
                volume::rechown_tree(p, uid, gid)
            } else {
                volume::chown_tree(p, uid, gid)
            }
        };
        let ok = if self.rootless {
            userns::in_child(&self.mappings, || walk(path).is_ok())?
        } else {
            walk(path).is_ok()
        };
        if ok {
            Ok(())
        } else {
            Err(CreateError::Chown {
                path: path.to_path_buf(),
                uid,
                gid,
            }
            .into())
        }
    }

    /// A container's uid and gid as [`Engine::chown_tree`] takes them:
    /// through the spec's maps (container -> host) and back through
    /// ours (rootless: the ids of rpod's user namespace), so that
    /// `--userns=auto` and `--uidmap` containers get files they own.
    /// Ids the maps do not cover stay as they are.
    pub(super) fn ids_for_chown(
        &self,
        oci: &oci_spec::runtime::Spec,
        uid: u32,
        gid: u32,
    ) -> (u32, u32) {
        let linux = oci.linux().as_ref();
        let through = |maps: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>,
                       ours: &[userns::IdMap],
                       id: u32| {
            let Some(maps) = maps.filter(|m| !m.is_empty()) else {
                return id;
            };
            let Some(host) = maps.iter().find_map(|m| {
                let off = id.checked_sub(m.container_id())?;
                (off < m.size()).then(|| m.host_id() + off)
            }) else {
                return id;
            };
            if !self.rootless {
                return host;
            }
            ours.iter()
                .find_map(|m| {
                    let off = host.checked_sub(m.host_id)?;
                    (off < m.size).then(|| m.container_id + off)
                })
                .unwrap_or(id)
        };
        (
            through(
                linux.and_then(|l| l.uid_mappings().as_ref()),
                &self.mappings.uids,
                uid,
            ),
            through(
                linux.and_then(|l| l.gid_mappings().as_ref()),
                &self.mappings.gids,
                gid,
            ),
        )
    }

    /// podman's `NeedsChown`: a local volume still empty is given to the
    /// container's user before it starts (its ids mapped to ours), so the
    /// user, and the container's root copying the image's content there
    /// (which then sets the image directory's owner), can write in it;
    /// `:U` and `idmap` mounts and volumes created with `uid=`/`gid=`
    /// keep their own rule.
    pub(super) fn chown_empty_volumes(
        &self,
        c: &Container,
        oci: &oci_spec::runtime::Spec,
    ) -> Result<()> {
        let (uid, gid) = oci
            .process()
            .as_ref()
            .map_or((0, 0), |p| (p.user().uid(), p.user().gid()));
        let (uid, gid) = self.ids_for_chown(oci, uid, gid);
        for m in &c.config.mounts {
            let crate::spec::MountSource::Volume(name) = &m.source else {
                continue;
            };
            if m.chown || m.options.iter().any(|o| o.starts_with("idmap")) {
                continue;
            }
            let Ok(v) = self.volume(name) else { continue };
            // `volume create -o uid=/gid=` chose the owner (podman's
            // WithVolumeNoChown).
            let chosen = v.options.contains_key("uid") || v.options.contains_key("gid");
            if !v.needs_chown || chosen || v.data_dir() != v.mountpoint {
                continue;
            }
            let owned = fs_err::symlink_metadata(&v.mountpoint).is_ok_and(|md| {
                use std::os::unix::fs::MetadataExt;
                self.host_ids(uid, gid) == (md.uid(), md.gid())
            });
            // Best effort: ids our namespace cannot map (no subordinate
            // range) leave the volume as it was, as before this rule.
            if !owned && self.chown_tree(&v.mountpoint, uid, gid, false).is_err() {
                tracing::debug!("volume {name}: not given to {uid}:{gid}");
            }
        }
        Ok(())
    }

    /// Ids as [`Engine::chown_tree`] takes them, as the host sees them.
    fn host_ids(&self, uid: u32, gid: u32) -> (u32, u32) {
        if !self.rootless {
            return (uid, gid);
        }
        let to_host = |maps: &[userns::IdMap], id: u32| {
            maps.iter()
                .find_map(|m| {
                    let off = id.checked_sub(m.container_id)?;
                    (off < m.size).then(|| m.host_id + off)
                })
                .unwrap_or(id)
        };
        (
            to_host(&self.mappings.uids, uid),
            to_host(&self.mappings.gids, gid),
        )
    }

    /// Checks `volume create --driver`: `local` is rpod's; a plugin that
    /// containers.conf's `engine.volume_plugins` names is refused with a
    /// message saying rpod does not use plugins; any other name is
    /// refused as podman refuses an unknown plugin.
    pub fn check_volume_driver(&self, driver: &str) -> Result<()> {
        if driver.is_empty() || driver == "local" {
            return Ok(());
        }
        Err(match self.containers_conf.volume_plugins().get(driver) {
            Some(socket) => volume::Error::PluginUnsupported {
                name: driver.to_string(),
                socket: socket.clone(),
            },
            None => volume::Error::MissingPlugin(driver.to_string()),
        }
        .into())
    }

    /// Creates a volume (`volume create`).
    pub fn create_volume(
        &self,
        name: Option<&str>,
        labels: std::collections::BTreeMap<String, String>,
        options: std::collections::BTreeMap<String, String>,
        ignore_existing: bool,
    ) -> Result<Volume> {
        volume::check_options(&options)?;
        let ids = |k: &str| options.get(k).and_then(|v| v.parse::<u32>().ok());
        let (uid, gid) = (ids("uid"), ids("gid"));
        let vols = self.volume_store();
        let _l = vols.lock()?;
        match vols.create(name, labels, options) {
            Err(volume::Error::Exists(n)) if ignore_existing => Ok(vols.get(&n)?),
            other => {
                let v = other?;
                // uid=/gid=: its directory belongs to them (ids as
                // containers see them).
                if uid.is_some() || gid.is_some() {
                    let made =
                        self.chown_tree(&v.mountpoint, uid.unwrap_or(0), gid.unwrap_or(0), false);
                    if let Err(e) = made {
                        let gone = vols.unlink(&v.name)?;
                        self.remove_container_dir(&gone);
                        return Err(e);
                    }
                }
                self.event_volume(crate::events::Status::Create, &v.name);
                Ok(v)
            }
        }
    }

    /// All volumes.
    pub fn volumes(&self) -> Result<Vec<Volume>> {
        Ok(self.volume_store().list()?)
    }

    /// One volume.
    pub fn volume(&self, name: &str) -> Result<Volume> {
        Ok(self.volume_store().get(name)?)
    }

    /// IDs of the containers that use a volume.
    pub fn volume_users(&self, name: &str) -> Result<Vec<String>> {
        Ok(self
            .records()
            .list()?
            .into_iter()
            .filter(|c| c.config.volumes.iter().any(|v| v == name))
            .map(|c| c.config.id)
            .collect())
    }

    /// Removes a volume; one in use needs `force`, which removes its
    /// containers first (as podman does), stopping running ones with
    /// `stop_timeout` seconds of grace (None: killed at once).
    pub fn remove_volume(&self, name: &str, force: bool, stop_timeout: Option<u32>) -> Result<()> {
        let vols = self.volume_store();
        vols.get(name)?;
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            if !force {
                return Err(volume::Error::InUse {
                    name: name.to_string(),
                    containers: users.join(", "),
                }
                .into());
            }
            for id in users {
                let how = RemoveOptions {
                    stop_timeout,
                    ..RemoveOptions::everything()
                };
                match self.remove_container(&id, how) {
                    Err(e) if !e.is_container_not_found() => return Err(e),
                    _ => {}
                }
            }
        }
        let gone = {
            let _l = vols.lock()?;
            vols.unlink(name)?
        };
        self.event_volume(crate::events::Status::Remove, name);
        self.remove_container_dir(&gone);
        Ok(())
    }

    /// Removes the volumes no container uses that `keep` accepts (`volume
    /// prune [--filter]`); returns their names.
    pub fn prune_volumes(&self, keep: &dyn Fn(&Volume) -> bool) -> Result<Vec<String>> {
        let used: std::collections::HashSet<String> = self
            .records()
            .list()?
            .into_iter()
            .flat_map(|c| c.config.volumes)
            .collect();
        let mut removed = Vec::new();
        for v in self.volumes()? {
            if !used.contains(&v.name) && keep(&v) {
                self.remove_volume(&v.name, false, None)?;
                self.event_volume(crate::events::Status::Prune, &v.name);
                removed.push(v.name);
            }
        }
        Ok(removed)
    }

    /// Writes a volume's content as a tar archive (`volume export`).
    pub fn export_volume(&self, name: &str, out: &mut dyn std::io::Write) -> Result<()> {
        let v = self.volume(name)?;
        let mut b = tar::Builder::new(out);
        b.follow_symlinks(false);
        b.mode(tar::HeaderMode::Complete);
        let fail = |source| VolumeArchiveError::Export {
            name: name.to_string(),
            source,
        };
        b.append_dir_all(".", v.data_dir()).map_err(fail)?;
        Ok(b.finish().map_err(fail)?)
    }

    /// Unpacks a tar archive into a volume (`volume import`); entries that
    /// would land outside it are refused.
    pub fn import_volume(&self, name: &str, input: &mut dyn std::io::Read) -> Result<()> {
        let v = self.volume(name)?;
        let mut a = tar::Archive::new(input);
        a.set_preserve_permissions(true);
        a.set_overwrite(true);
        Ok(a.unpack(v.data_dir())
            .map_err(|source| VolumeArchiveError::Import {
                name: name.to_string(),
                source,
            })?)
    }

    /// `volume mount`: a local volume's data is its directory; rootless,
    /// only inside `rpod unshare`, as podman.
    pub fn mount_volume(&self, name: &str) -> Result<std::path::PathBuf> {
        self.mount_allowed("volume mount")?;
        Ok(self.volume(name)?.data_dir())
    }

    /// `volume unmount`: nothing to undo for a local volume.
    pub fn unmount_volume(&self, name: &str) -> Result<()> {
        self.mount_allowed("volume unmount")?;
        self.volume(name).map(drop)
    }
}
