//! Committing a container's plan: volumes, `:U`, free host ports, then,
//! under the store's locks, the name, the root file system directories,
//! the `/etc` files, the secrets and the record.

use std::path::Path;

use super::{CreateRequestError, RootSource};
use crate::container::plan::{CreatePlan, LocalTime, NameRequest};
use crate::container::{self, Container, CreateError, State};
use crate::engine::Engine;
use crate::error::Result;
use crate::layer;
use crate::network;
use crate::spec;
use crate::store::LockMode;
use crate::userns;

impl Engine {
    /// Writes what the plan says; on failure the container's directory goes.
    pub(super) fn commit_create(
        &self,
        mut plan: CreatePlan,
        source: &RootSource,
    ) -> Result<Container> {
        plan.config.hooks_dirs.clone_from(&self.hooks_dirs);
        for (path, mount) in plan.bind_sources.iter().zip(bind_mounts(&plan)) {
            if !path.exists() {
                return Err(CreateError::BindSourceMissing {
                    mount: Box::new(mount),
                    path: path.clone(),
                }
                .into());
            }
        }
        network::ports::assign_free_ports(&mut plan.config.port_mappings)?;
        let vols = self.volume_store();
        for v in &plan.volumes {
            if v.anonymous {
                let _l = vols.lock()?;
                vols.create_anonymous(&v.name)?;
                self.event_volume(crate::events::Status::Create, &v.name);
            } else {
                vols.get_or_create(&v.name)?;
            }
        }
        for c in &plan.chown {
            let (uid, gid) = self.ids_for_chown(&plan.spec, c.uid, c.gid);
            self.chown_tree(&c.path, uid, gid, false)?;
        }
        let records = self.records();
        let id = plan.config.id.clone();
        let dir = records.dir(&id);
        // The image cannot be removed between the lookup and the record.
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let _all = records.lock_all()?;
        plan.config.name = match &plan.name {
            NameRequest::Given { name, replace } => {
                if let Ok(old) = records.resolve(name) {
                    if old.config.name == *name {
                        if *replace {
                            self.remove_locked(&old, true)?;
                        } else {
                            return Err(
                                container::Error::NameInUse(name.clone(), old.config.id).into()
                            );
                        }
                    }
                }
                // A pod's `--infra-name` is held as podman's infra container
                // holds it (`--replace` cannot take it: that needs `pod rm`).
                if let Some(p) = self
                    .pod_records()
                    .list()?
                    .iter()
                    .find(|p| p.infra_request.name.as_ref() == Some(name))
                {
                    return Err(container::Error::NameInUse(
                        name.clone(),
                        format!("the infra container of pod {}", p.id),
                    )
                    .into());
                }
                name.clone()
            }
            NameRequest::Generated => records.generate_name()?,
        };
        let made = (|| -> Result<Container> {
            let mappings = self.rootless.then_some(&self.mappings);
            match &plan.config.rootfs {
                // The directory itself is the root: only `etc` here.
                Some(r) if !r.overlay => crate::store::create_dir_private(&dir.join("etc"))
                    .map_err(|source| CreateRequestError::EtcDirectory {
                        path: dir.join("etc"),
                        source,
                    })?,
                _ => layer::rootfs::prepare(
                    &dir,
                    plan.config.driver(),
                    &source.layers,
                    mappings,
                    &source.name,
                )?,
            }
            let etc = dir.join("etc");
            plan.etc.write(&etc)?;
            if plan.keep_id.in_root {
                plan.keep_id
                    .write(&layer::rootfs::root_dir(&dir, plan.config.driver()))?;
            } else {
                plan.keep_id.write(&etc)?;
            }
            if let Some(privileged) = plan.containerenv {
                container::etc::write_containerenv(&etc, privileged.then_some(&plan.config))?;
            }
            if let Some(local) = &plan.localtime {
                write_localtime(&dir, plan.config.driver(), local)
                    .map_err(CreateRequestError::LocalTime)?;
            }
            for f in &plan.secret_files {
                self.write_secret_copy(f)?;
            }
            if !matches!(&plan.config.rootfs, Some(r) if !r.overlay) {
                layer::rootfs::set_root_mode(&dir, plan.config.driver(), &source.layers)?;
            }
            let ctr = Container {
                config: plan.config,
                state: State::default(),
            };
            let spec_bytes = serde_json::to_vec(&plan.spec).expect("specs serialise");
            let targets = ctr
                .config
                .network_target()
                .into_iter()
                .chain(
                    ctr.config
                        .namespaces
                        .targets()
                        .map(|(_, t)| t)
                        .filter(|t| Some(*t) != ctr.config.network_target()),
                )
                .chain(ctr.config.requires.iter().map(String::as_str));
            let mut seen = Vec::new();
            for t in targets {
                if seen.contains(&t) {
                    continue;
                }
                seen.push(t);
                // Under `lock_all`: the other container cannot go meanwhile,
                // and from here on it cannot go before this one.
                records.load(t)?;
                records.add_dependent(t, &id)?;
            }
            records.create(&ctr, &spec_bytes, plan.durable)?;
            Ok(ctr)
        })();
        if made.is_err() {
            self.remove_container_dir(&dir);
        }
        made
    }

    /// Writes a container's copy of a `--secret` file: the data, the
    /// mode, then the owner (rootless, from a child in rpod's user
    /// namespace when the owner is not the user itself).
    fn write_secret_copy(&self, f: &container::plan::SecretFile) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let fail = |message: String| CreateError::SecretFile {
            name: f.name.clone(),
            path: f.path.clone(),
            message,
        };
        let (_, data) = self.secret_data(&f.id)?;
        if let Some(dir) = f.path.parent() {
            crate::store::create_dir_private(dir)?;
        }
        crate::store::atomic::replace(&f.path, &data, 0o600).map_err(|e| fail(e.to_string()))?;
        fs_err::set_permissions(&f.path, std::fs::Permissions::from_mode(f.mode))
            .map_err(|e| fail(e.to_string()))?;
        let chown = || fs_err::os::unix::fs::lchown(&f.path, Some(f.uid), Some(f.gid)).is_ok();
        let ok = match (self.rootless, f.uid, f.gid) {
            (true, 0, 0) => true,
            (true, _, _) => userns::in_child(&self.mappings, chown)?,
            (false, _, _) => chown(),
        };
        if ok {
            Ok(())
        } else {
            Err(fail(format!("changing its owner to {}:{}", f.uid, f.gid)).into())
        }
    }
}

/// The plan's bind mounts, in the order of [`CreatePlan::bind_sources`].
fn bind_mounts(plan: &CreatePlan) -> Vec<spec::MountSpec> {
    plan.config
        .mounts
        .iter()
        .filter(|m| matches!(m.source, spec::MountSource::Bind(_)))
        .cloned()
        .collect()
}

/// Writes the container's `/etc/localtime`: a copy beside its other
/// `/etc` files (bind-mounted), or a link in its root (the image's /etc
/// merges with it; an image's own localtime is replaced).
fn write_localtime(
    dir: &Path,
    driver: crate::config::Driver,
    l: &LocalTime,
) -> std::io::Result<()> {
    match l {
        LocalTime::Copy(bytes) => fs_err::write(dir.join("etc").join("localtime"), bytes),
        LocalTime::Link(target) => {
            let etc = layer::rootfs::root_dir(dir, driver).join("etc");
            if !etc.is_dir() {
                fs_err::create_dir(&etc)?;
                use std::os::unix::fs::PermissionsExt;
                fs_err::set_permissions(&etc, std::fs::Permissions::from_mode(0o755))?;
            }
            let link = etc.join("localtime");
            match fs_err::remove_file(&link) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            fs_err::os::unix::fs::symlink(target, &link)
        }
    }
}
