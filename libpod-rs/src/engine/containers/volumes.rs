//! `-v`/`--mount` values resolved into mounts, and the `volume` verbs.

use super::*;

impl Engine {
    /// Turns `-v`/`--mount` values into bind mounts and tmpfs entries of
    /// the run options, creating named and anonymous volumes on first use;
    /// then an anonymous volume for each of the image's declared volumes
    /// (`image_volumes`) that no value mounts over.
    pub(super) fn resolve_mounts(
        &self,
        values: &[String],
        image_volumes: &[String],
        opts: &mut spec::RunOptions,
    ) -> Result<ResolvedVolumes> {
        let vols = Volumes::new(&self.store);
        let mut out = ResolvedVolumes::default();
        let user_count = values.len();
        let mut values: Vec<String> = values.to_vec();
        for dest in image_volumes {
            let clean = |p: &str| p.trim_end_matches('/').to_string();
            let taken = opts.tmpfs.iter().any(|t| clean(t) == clean(dest))
                || values[..user_count].iter().any(|v| {
                    let req = if v.contains("target=")
                        || v.contains("type=")
                        || v.contains("destination=")
                        || v.contains("dst=")
                    {
                        volume::parse_mount_flag(v)
                    } else {
                        volume::parse_volume_flag(v)
                    };
                    req.is_ok_and(|r| clean(&r.destination) == clean(dest))
                });
            if !taken && dest.starts_with('/') {
                values.push(dest.clone());
            }
        }
        for v in &values {
            let req = if v.contains("target=")
                || v.contains("type=")
                || v.contains("destination=")
                || v.contains("dst=")
            {
                volume::parse_mount_flag(v)?
            } else {
                volume::parse_volume_flag(v)?
            };
            let source = match req.source {
                Source::Tmpfs => {
                    opts.tmpfs.push(req.destination.clone());
                    continue;
                }
                Source::Host(p) => {
                    let p = std::path::absolute(&p).unwrap_or(p);
                    if !p.exists() {
                        return Err(Error::Message(format!(
                            "-v {v:?}: the host path {} does not exist: create it first (rpod does not create bind sources)",
                            p.display()
                        )));
                    }
                    p
                }
                Source::Named(n) => {
                    let vol = vols.get_or_create(&n)?;
                    out.named.push(n);
                    vol.mountpoint
                }
                Source::Anonymous => {
                    let _l = vols.lock()?;
                    let vol = vols.create(None, Default::default(), Default::default())?;
                    self.event_volume(crate::events::Status::Create, &vol.name);
                    out.named.push(vol.name.clone());
                    out.anonymous.push(vol.name);
                    vol.mountpoint
                }
            };
            if req.chown {
                out.chown.push(source.clone());
            }
            opts.binds.push(spec::Bind {
                source,
                destination: req.destination.into(),
                read_only: req.read_only,
                copy_up: req.copy_up,
            });
        }
        Ok(out)
    }

    /// `:U`: gives a tree to the container's uid and gid (mapped through
    /// the user namespace when rootless).
    pub(super) fn chown_tree(&self, path: &Path, uid: u32, gid: u32) -> Result<()> {
        let walk = |p: &Path| volume::chown_tree(p, uid, gid);
        let ok = if self.rootless {
            userns::in_child(&self.mappings, || walk(path).is_ok())?
        } else {
            walk(path).is_ok()
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Message(format!(
                "-v …:U: could not change the owner of {} to {uid}:{gid} (in the container)",
                path.display()
            )))
        }
    }

    /// Creates a volume (`volume create`).
    pub fn create_volume(
        &self,
        name: Option<&str>,
        labels: std::collections::BTreeMap<String, String>,
        options: std::collections::BTreeMap<String, String>,
        ignore_existing: bool,
    ) -> Result<Volume> {
        let vols = Volumes::new(&self.store);
        let _l = vols.lock()?;
        match vols.create(name, labels, options) {
            Err(volume::Error::Exists(n)) if ignore_existing => Ok(vols.get(&n)?),
            other => {
                let v = other?;
                self.event_volume(crate::events::Status::Create, &v.name);
                Ok(v)
            }
        }
    }

    /// All volumes.
    pub fn volumes(&self) -> Result<Vec<Volume>> {
        Ok(Volumes::new(&self.store).list()?)
    }

    /// One volume.
    pub fn volume(&self, name: &str) -> Result<Volume> {
        Ok(Volumes::new(&self.store).get(name)?)
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
    /// containers first (as podman does).
    pub fn remove_volume(&self, name: &str, force: bool) -> Result<()> {
        let vols = Volumes::new(&self.store);
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
                match self.remove_container(&id, RemoveOptions::everything()) {
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

    /// Removes the volumes no container uses (`volume prune`); returns their names.
    pub fn prune_volumes(&self) -> Result<Vec<String>> {
        let used: std::collections::HashSet<String> = self
            .records()
            .list()?
            .into_iter()
            .flat_map(|c| c.config.volumes)
            .collect();
        let mut removed = Vec::new();
        for v in self.volumes()? {
            if !used.contains(&v.name) {
                self.remove_volume(&v.name, false)?;
                self.event_volume(crate::events::Status::Prune, &v.name);
                removed.push(v.name);
            }
        }
        Ok(removed)
    }
}

/// What [`Engine::resolve_mounts`] found.
#[derive(Debug, Default)]
pub(super) struct ResolvedVolumes {
    /// Volumes used (named and anonymous).
    pub(super) named: Vec<String>,
    /// Anonymous volumes created for this container.
    pub(super) anonymous: Vec<String>,
    /// Sources to chown (`:U`).
    pub(super) chown: Vec<std::path::PathBuf>,
}
