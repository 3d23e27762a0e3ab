//! Creating a container from a [`ContainerSpec`]: its image found (pulled
//! as the request's policy says), the host's facts gathered, the container
//! planned ([`container::plan`], pure), and the plan committed: volumes,
//! `:U`, free host ports, then, under the store's locks, the name, the
//! root file system directories, the `/etc` files and the record.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Engine, RemoveOptions};
use crate::container::etc::KeepIdUser;
use crate::container::plan::{CreatePlan, LocalTime, NameRequest, TargetFacts};
use crate::container::{self, Container, CreateError, HostFacts, State};
use crate::error::{Error, Result};
use crate::image::config::ImageConfig;
use crate::image::ImageRecord;
use crate::layer;
use crate::network::{self, Mode};
use crate::spec::{self, ContainerSpec, Host, HostLimits, PullPolicy, Ulimit, UsernsMode};
use crate::store::LockMode;
use crate::userns::{self, IdMap};

impl Engine {
    /// Creates a container record from a request (its image pulled first
    /// when the request's policy says so); nothing runs yet. `--cidfile`
    /// receives the new ID.
    pub fn create_container(&self, spec: &ContainerSpec) -> Result<Container> {
        self.create_container_warning(spec, &mut |w| tracing::warn!("{w}"))
    }

    /// [`Engine::create_container`], giving `warn` podman's warnings
    /// (limits ignored rootless on cgroup v1) before anything is written.
    pub fn create_container_warning(
        &self,
        spec: &ContainerSpec,
        warn: &mut dyn FnMut(&str),
    ) -> Result<Container> {
        if let Some(f) = &spec.cidfile {
            container::cidfile::ensure_free(f)?;
        }
        // containers.conf's annotations, under the container's own.
        let with_defaults;
        let spec = if self.containers_conf.annotations().is_empty() {
            spec
        } else {
            let mut s = spec.clone();
            for a in self.containers_conf.annotations() {
                let (k, v) = a.split_once('=').unwrap_or((a, ""));
                s.annotations
                    .entry(k.to_string())
                    .or_insert_with(|| v.to_string());
            }
            with_defaults = s;
            &with_defaults
        };
        let c = self.create_record(spec, warn)?;
        if let Some(f) = &spec.cidfile {
            if let Err(e) = container::cidfile::write(f, &c.config.id) {
                // Nothing half-made: without its cid file the container
                // would be unreachable for the unit that created it.
                let _ = self.remove_container(&c.config.id, RemoveOptions::everything());
                return Err(e.into());
            }
        }
        self.event_container(&c, crate::events::Status::Create);
        Ok(c)
    }

    /// Removes the `--cidfile` `path` when the container it names is gone
    /// (as podman's `rm --cidfile`: the next `run --cidfile` can write it
    /// again). Returns whether it was removed.
    pub fn remove_stale_cidfile(&self, path: &Path) -> Result<bool> {
        let Some(id) = container::cidfile::read(path)? else {
            return Ok(false);
        };
        if !self
            .container(&id)
            .is_err_and(|e| e.is_container_not_found())
        {
            return Ok(false);
        }
        fs_err::remove_file(path)
            .map(|()| true)
            .map_err(|e| Error::Message(format!("removing --cidfile: {e}")))
    }

    fn create_record(&self, spec: &ContainerSpec, warn: &mut dyn FnMut(&str)) -> Result<Container> {
        // Networks and --volumes-from first: an unknown network or
        // container is refused before any pull.
        let spec = &self.resolve_networks(spec)?;
        let spec = &self.resolve_volumes_from(spec)?;
        let spec = &self.resolve_requires(spec)?;
        // An unknown secret is refused before any pull, too.
        let secrets = spec
            .secrets
            .iter()
            .map(|r| self.secret(&r.source))
            .collect::<Result<Vec<_>>>()?;
        let (image, source) = match &spec.rootfs {
            Some(r) => rootfs_image(r)?,
            None => {
                let record =
                    self.image_for(&spec.image.reference, spec.image.pull, &spec.image.fetch)?;
                let blob = self.store.get_blob(&record.config_digest())?;
                let image = ImageConfig::from_blob(
                    &record.id,
                    record.names.first().map_or("", String::as_str),
                    &blob,
                )
                .map_err(|source| CreateError::ImageConfig {
                    image: spec.image.reference.clone(),
                    source,
                })?;
                let layers = record
                    .layers
                    .iter()
                    .map(|l| self.store.layer_diff(&l.diff_id))
                    .collect();
                let name = record
                    .names
                    .first()
                    .map_or(record.id.as_str(), String::as_str)
                    .to_string();
                (image, RootSource { layers, name })
            }
        };
        let (mut spec, pod) = self.apply_pod(spec)?;
        // containers.conf `userns`, when the request leaves it to the host.
        if spec.userns == UsernsMode::Host && !spec.id_maps.is_set() {
            if let Some(u) = self.containers_conf.userns() {
                spec.userns = u
                    .parse()
                    .map_err(|e| Error::Message(format!("containers.conf userns {u:?}: {e}")))?;
            }
        }
        if spec.image_volume.is_none() {
            if let Some(m) = self.containers_conf.image_volume_mode() {
                spec.image_volume = Some(m.parse().map_err(|e| {
                    Error::Message(format!("containers.conf image_volume_mode: {e}"))
                })?);
            }
        }
        let made = (|| {
            // Again: the pod may have given the container its networks.
            let spec = &self.resolve_networks(&spec)?;
            // After the pod's: its sharing wins over containers.conf's defaults.
            let spec = &self.resolve_namespaces(spec)?;
            let mut facts = self.host_facts(spec, &image, &source.layers)?;
            facts.pod = pod.clone();
            facts.secrets = secrets;
            let plan = container::plan(spec, &image, &facts)?;
            for w in &plan.warnings {
                warn(w);
            }
            let own_maps = plan.config.id_mappings.is_some();
            if own_maps
                && plan.config.driver() == crate::config::Driver::Overlay
                && plan.config.mount_program.is_none()
                && crate::runtime::find_fuse_overlayfs().is_none()
            {
                warn("the container's user namespace differs from rpod's and fuse-overlayfs is not installed: the image's files show other owners inside (root's as the user's); install fuse-overlayfs");
            }
            self.commit_create(plan, &source)
        })();
        if let (Err(_), Some(spec::PodMembership::New(_)), Some(p)) = (&made, &spec.pod, &pod) {
            // `--pod new:`: the pod made for this container goes with it.
            let _ = self.remove_pod(&p.id, crate::engine::PodRemoveOptions::default());
        }
        made
    }

    /// `--volumes-from`: the named containers' volumes and bind mounts
    /// (not their tmpfs), at the same destinations, unless the request
    /// mounts something there itself; `ro`/`rw` override their mode.
    fn resolve_volumes_from(&self, spec: &ContainerSpec) -> Result<ContainerSpec> {
        let mut spec = spec.clone();
        for from in std::mem::take(&mut spec.volumes_from) {
            let other = self.container(&from.container)?;
            for m in &other.config.mounts {
                if matches!(m.source, spec::MountSource::Tmpfs)
                    || spec.mounts.iter().any(|o| o.targets(&m.destination))
                {
                    continue;
                }
                let mut m = m.clone();
                if let Some(ro) = from.read_only {
                    m.read_only = ro;
                }
                spec.mounts.push(m);
            }
        }
        Ok(spec)
    }

    /// `--requires`: each container looked up and recorded by full ID
    /// (podman's message for one that does not exist).
    fn resolve_requires(&self, spec: &ContainerSpec) -> Result<ContainerSpec> {
        let mut spec = spec.clone();
        for r in &mut spec.requires {
            let c = self.container(r).map_err(|e| {
                Error::Message(format!(
                    "{r:?} is not a valid container, cannot be used as a dependency: {e}"
                ))
            })?;
            *r = c.config.id;
        }
        Ok(spec)
    }

    /// `--network NAME`: each network looked up (by name, ID or ID prefix)
    /// and recorded by name; `--network-alias` names go to every network,
    /// as podman gives them.
    fn resolve_networks(&self, spec: &ContainerSpec) -> Result<ContainerSpec> {
        let mut spec = spec.clone();
        if let Some(Mode::Container(id)) = &spec.network.mode {
            // podman: the container must exist when this one is created.
            self.container(id)?;
        }
        if let Some(Mode::Bridge(nets)) = &mut spec.network.mode {
            for a in nets.iter_mut() {
                a.network = self.network(&a.network)?.name;
                for alias in &spec.network.aliases {
                    if !a.aliases.contains(alias) {
                        a.aliases.push(alias.clone());
                    }
                }
            }
            if let Some(first) = nets.first_mut() {
                if let Some(ip) = spec.network.ip {
                    if !first.static_ips.contains(&ip) {
                        first.static_ips.push(ip);
                    }
                }
                if first.mac.is_none() {
                    first.mac = spec.network.mac;
                }
            }
        } else if !spec.network.aliases.is_empty()
            || spec.network.ip.is_some()
            || spec.network.mac.is_some()
        {
            let flag = if !spec.network.aliases.is_empty() {
                "--network-alias"
            } else if spec.network.ip.is_some() {
                "--ip"
            } else {
                "--mac-address"
            };
            return Err(Error::Message(format!(
                "{flag} is only supported with user-defined networks: add --network NAME"
            )));
        }
        Ok(spec)
    }

    /// The image of a new container, pulled as `pull` says.
    pub(super) fn image_for(
        &self,
        reference: &str,
        pull: PullPolicy,
        fetch: &spec::FetchOptions,
    ) -> Result<ImageRecord> {
        Ok(match (self.find_image(reference), pull) {
            (Ok(r), PullPolicy::Missing | PullPolicy::Never) => {
                // podman writes a pull event for an image found locally too.
                self.event_image(crate::events::Status::Pull, &r.id, reference);
                r
            }
            // The pull fetches only what differs (nothing when the digest
            // is the same); if the registry cannot be asked, the local image.
            (Ok(r), PullPolicy::Newer) => {
                match self.pull_child(reference, true, &fetch.pull_args()) {
                    Ok(()) => self.find_image(reference)?,
                    Err(_) => r,
                }
            }
            (Err(e), PullPolicy::Never) => return Err(e),
            (Err(e), _) if !e.is_image_not_found() => return Err(e),
            _ => {
                self.pull_child(reference, false, &fetch.pull_args())?;
                self.find_image(reference)?
            }
        })
    }

    /// What planning needs to know, read now; only what the request needs
    /// is read (the caller's passwd entry for keep-id, the default network
    /// when none is given, the other container for `container:`).
    fn host_facts(
        &self,
        spec: &ContainerSpec,
        image: &ImageConfig,
        bottom_first: &[PathBuf],
    ) -> Result<HostFacts> {
        let id = container::new_id();
        let layers: Vec<PathBuf> = bottom_first.iter().rev().cloned().collect();
        let keep_id = spec.userns.is_keep_id();
        // Group names matter only when a user (or keep-id's files) is involved.
        let needs_group = keep_id
            || spec.process.user.is_some()
            || !image.user.is_empty()
            || !spec.process.group_add.is_empty()
            || !spec.accounts.host_users.is_empty()
            || spec.accounts.group_entry.is_some();
        let default_network = match &spec.network.mode {
            None => Some(self.default_network()?),
            Some(_) => None,
        };
        let network_target = match &spec.network.mode {
            Some(Mode::Container(name)) => Some(self.target_facts(name)?),
            _ => None,
        };
        // Before any lock: the first container of a store may probe overlay.
        let (storage_driver, mount_program) = self.storage_driver()?;
        let image_passwd =
            spec::read_from_layers(&layers, "etc/passwd").map_err(CreateError::Spec)?;
        let image_group = if needs_group || matches!(spec.userns, UsernsMode::Auto(_)) {
            spec::read_from_layers(&layers, "etc/group").map_err(CreateError::Spec)?
        } else {
            None
        };
        let id_facts = self.id_facts(spec, image_passwd.as_deref(), image_group.as_deref())?;
        Ok(HostFacts {
            container_dir: self.records().dir(&id),
            id,
            created: Utc::now(),
            rootless: self.rootless,
            mappings: self.mappings.clone(),
            user: if keep_id { Some(keep_id_user()) } else { None },
            host_users: spec
                .accounts
                .host_users
                .iter()
                .map(|u| host_user(u))
                .collect::<Result<_>>()?,
            id_facts,
            timezone: self.timezone(spec, &layers)?,
            default_umask: self.containers_conf.umask().map_err(Error::Message)?,
            volumes_dir: self.volume_store().base_dir(),
            volume_options: spec
                .mounts
                .iter()
                .filter_map(|m| match &m.source {
                    spec::MountSource::Volume(n) => self.volume(n).ok(),
                    _ => None,
                })
                .filter(|v| !v.options.is_empty())
                .map(|v| (v.name, v.options))
                .collect(),
            storage_driver,
            mount_program,
            default_network,
            default_ulimits: self.default_ulimits()?,
            default_env: self.containers_conf.env().to_vec(),
            default_mounts: self.default_mounts(),
            limits: HostLimits::current(self.rootless),
            seccomp_host: Host::current(),
            image_passwd,
            image_group,
            host_resolv_conf: fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default(),
            network_target,
            pod: None,
            cgroups: crate::cgroups::Layout::detect().ok(),
            block_devices: block_devices(&spec.resources)?,
            host_name: nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            devices: self.host_devices(spec)?,
            host_mqueue: std::path::Path::new("/dev/mqueue").is_dir(),
            oom_score_adj: crate::sys::process::own_oom_score_adj(),
            secrets: Vec::new(),
            proxy_env: if spec
                .process
                .http_proxy
                .unwrap_or(self.containers_conf.http_proxy())
            {
                spec::env::PROXY_VARS
                    .iter()
                    .filter_map(|k| Some(spec::EnvVar::new(*k, std::env::var(k).ok()?)))
                    .collect()
            } else {
                Vec::new()
            },
            image_mounts: self.image_mount_facts(spec)?,
        })
    }

    /// `--device`s (after containers.conf's `devices`), resolved on the host.
    fn host_devices(&self, spec: &ContainerSpec) -> Result<Vec<spec::HostDevice>> {
        // --privileged: all of the host's first (planning leaves out
        // what podman leaves out), then the ones asked for.
        let mut out: Vec<spec::HostDevice> = if spec.security.privileged {
            spec::devices::host_devices()
        } else {
            Vec::new()
        };
        let conf = self.containers_conf.devices().iter().map(|d| {
            spec::parse_flag::<spec::DeviceSpec>("containers.conf devices", d)
                .map(|s| ("containers.conf devices", s))
        });
        let given = spec.devices.iter().map(|d| Ok(("--device", d.clone())));
        for d in conf.chain(given) {
            let (flag, d) = d.map_err(|e| Error::Message(e.to_string()))?;
            let resolved = spec::with_flag(flag, &d.host.display().to_string(), |_| {
                spec::devices::resolve_device(&d)
            })
            .map_err(|e| Error::Message(e.to_string()))?;
            for r in resolved {
                out.retain(|o| o.container != r.container);
                out.push(r);
            }
        }
        Ok(out)
    }

    /// containers.conf `default_ulimits`, parsed.
    pub(super) fn default_ulimits(&self) -> Result<Vec<Ulimit>> {
        let (values, file) = self.containers_conf.default_ulimits();
        let mut out = Vec::new();
        for v in values {
            out.extend(
                Ulimit::parse(v).map_err(|reason| CreateError::DefaultUlimits {
                    file: file
                        .map_or_else(|| "containers.conf".into(), |f| f.display().to_string()),
                    value: v.clone(),
                    reason,
                })?,
            );
        }
        Ok(out)
    }

    /// The container `name` whose network a new container joins: its ID,
    /// mode, id mappings and shared `/etc` files.
    fn target_facts(&self, name: &str) -> Result<TargetFacts> {
        let t = self.container(name)?;
        let theirs = self.load_spec(&t)?;
        let linux = theirs.linux().as_ref();
        let maps = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<IdMap> {
            v.into_iter()
                .flatten()
                .map(|m| IdMap {
                    container_id: m.container_id(),
                    host_id: m.host_id(),
                    size: m.size(),
                })
                .collect()
        };
        // Its /etc/hosts and /etc/resolv.conf: its own, or those it shares.
        let etc_mounts = theirs
            .mounts()
            .iter()
            .flatten()
            .filter(|m| {
                let dest = m.destination();
                dest == Path::new("/etc/hosts") || dest == Path::new("/etc/resolv.conf")
            })
            .cloned()
            .collect();
        Ok(TargetFacts {
            uid_map: maps(linux.and_then(|l| l.uid_mappings().as_ref())),
            gid_map: maps(linux.and_then(|l| l.gid_mappings().as_ref())),
            id: t.config.id,
            name: t.config.name,
            network: t.config.network,
            etc_mounts,
        })
    }

    /// Writes what the plan says; on failure the container's directory goes.
    fn commit_create(&self, mut plan: CreatePlan, source: &RootSource) -> Result<Container> {
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
            self.chown_tree(&c.path, c.uid, c.gid, false)?;
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
                    .map_err(|e| {
                        Error::Message(format!("creating {}: {e}", dir.join("etc").display()))
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
                write_localtime(&dir, plan.config.driver(), local).map_err(|e| {
                    Error::Message(format!("writing the container's localtime: {e}"))
                })?;
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
}

/// What a new container's root file system is made of: image layers
/// (bottom first) or a `--rootfs` directory, and its name for errors.
struct RootSource {
    layers: Vec<PathBuf>,
    name: String,
}

/// `--rootfs`: no image; the directory is the only "layer" (the lower
/// directory of `:O`'s overlay).
fn rootfs_image(r: &spec::RootfsSpec) -> Result<(ImageConfig, RootSource)> {
    if !r.path.is_dir() {
        return Err(Error::Message(format!(
            "--rootfs {}: not a directory: give the root file system's directory",
            r.path.display()
        )));
    }
    Ok((
        ImageConfig::default(),
        RootSource {
            layers: vec![r.path.clone()],
            name: r.path.display().to_string(),
        },
    ))
}

impl Engine {
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

/// The major and minor numbers of the devices the I/O limits name.
pub(super) fn block_devices(
    r: &crate::spec::resources::Resources,
) -> Result<std::collections::BTreeMap<PathBuf, (i64, i64)>> {
    let lists = [
        ("--blkio-weight-device", &r.blkio_weight_device),
        ("--device-read-bps", &r.device_read_bps),
        ("--device-write-bps", &r.device_write_bps),
        ("--device-read-iops", &r.device_read_iops),
        ("--device-write-iops", &r.device_write_iops),
    ];
    let mut out = std::collections::BTreeMap::new();
    for (flag, list) in lists {
        for d in list {
            let numbers = crate::spec::resources::host_device(&d.path).map_err(|e| {
                CreateError::Resources(crate::spec::resources::ResourceError::Device {
                    flag,
                    path: d.path.clone(),
                    reason: format!("{e}: give an existing block device"),
                })
            })?;
            out.insert(d.path.clone(), numbers);
        }
    }
    Ok(out)
}

/// The calling user, as `--userns=keep-id` adds it to the container's files.
fn keep_id_user() -> KeepIdUser {
    let uid = nix::unistd::Uid::current();
    let user = nix::unistd::User::from_uid(uid).ok().flatten();
    // podman takes the primary group from the passwd entry (the process's
    // own gid only for a user without one).
    let gid = user
        .as_ref()
        .map_or_else(nix::unistd::Gid::current, |u| u.gid);
    let name = user
        .as_ref()
        .map_or_else(|| uid.to_string(), |u| u.name.clone());
    KeepIdUser {
        home: user
            .as_ref()
            .map_or_else(|| "/".into(), |u| u.dir.to_string_lossy().into_owned()),
        gecos: user.as_ref().map(gecos).unwrap_or_default(),
        group: nix::unistd::Group::from_gid(gid)
            .ok()
            .flatten()
            .map_or_else(|| name.clone(), |g| g.name),
        name,
        uid: uid.as_raw(),
        gid: gid.as_raw(),
    }
}

/// A user's passwd comment up to its first comma (Go's `user.User.Name`,
/// which podman writes into the entries it adds).
fn gecos(u: &nix::unistd::User) -> String {
    let g = u.gecos.to_string_lossy();
    g.split(',').next().unwrap_or_default().to_string()
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

/// A `--hostuser` (a name or a uid) as the host's user database has it.
fn host_user(given: &str) -> Result<KeepIdUser> {
    let found = match given.parse::<u32>() {
        Ok(n) => nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(n)),
        Err(_) => nix::unistd::User::from_name(given),
    };
    let u = found
        .ok()
        .flatten()
        .ok_or_else(|| CreateError::UnknownHostUser(given.to_string()))?;
    Ok(KeepIdUser {
        home: u.dir.to_string_lossy().into_owned(),
        gecos: gecos(&u),
        group: nix::unistd::Group::from_gid(u.gid)
            .ok()
            .flatten()
            .map_or_else(|| u.name.clone(), |g| g.name),
        name: u.name,
        uid: u.uid.as_raw(),
        gid: u.gid.as_raw(),
    })
}

/// The largest id an image's passwd or group file names, beside
/// nobody's (65534) and -1's neighbours, for `--userns=auto`'s size.
fn max_file_id(files: &[Option<&str>]) -> u32 {
    files
        .iter()
        .flatten()
        .flat_map(|t| t.lines())
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let ids = [f.get(2), f.get(3).filter(|_| f.len() >= 7)];
            ids.into_iter()
                .flatten()
                .filter_map(|v| v.parse::<u32>().ok())
                .max()
        })
        .filter(|&n| n < 65534)
        .max()
        .unwrap_or(0)
}

impl Engine {
    /// What a container's own id maps are computed from: `--subuidname`'s
    /// ranges, the ranges other `--userns=auto` containers hold, the
    /// image's largest id.
    fn id_facts(
        &self,
        spec: &ContainerSpec,
        passwd: Option<&str>,
        group: Option<&str>,
    ) -> Result<crate::userns::idmap::IdFacts> {
        let req = spec.id_maps.completed();
        let ranges = |name: &Option<String>, file: &str| -> Result<Vec<(u32, u32)>> {
            let Some(name) = name else {
                return Ok(Vec::new());
            };
            let text = fs_err::read_to_string(file).unwrap_or_default();
            let id = nix::unistd::User::from_name(name)
                .ok()
                .flatten()
                .map_or(u32::MAX, |u| u.uid.as_raw());
            Ok(crate::userns::subid_ranges(&text, name, id))
        };
        let mut auto_taken = Vec::new();
        if matches!(spec.userns, UsernsMode::Auto(_)) {
            for c in self.containers()? {
                if !matches!(c.config.userns, UsernsMode::Auto(_)) {
                    continue;
                }
                for m in c.config.id_mappings.iter().flat_map(|(u, _)| u) {
                    // The user's own id (0) is never part of an auto block.
                    if m.host_id > 0 {
                        auto_taken.push((m.host_id, m.size));
                    }
                }
            }
        }
        Ok(crate::userns::idmap::IdFacts {
            subuid_ranges: ranges(&req.subuidname, "/etc/subuid")?,
            subgid_ranges: ranges(&req.subgidname, "/etc/subgid")?,
            auto_taken,
            image_max_id: max_file_id(&[passwd, group]),
            ..Default::default()
        })
    }

    /// The container's time zone (`--tz`, else containers.conf's `tz`)
    /// and its zone file's content.
    fn timezone(
        &self,
        spec: &ContainerSpec,
        layers: &[PathBuf],
    ) -> Result<Option<(spec::Timezone, LocalTime)>> {
        let tz = match &spec.process.timezone {
            Some(t) => t.clone(),
            None => match self.containers_conf.tz() {
                Some(t) => t
                    .parse()
                    .map_err(|e| Error::Message(format!("containers.conf tz {t:?}: {e}")))?,
                None => return Ok(None),
            },
        };
        // The zone's path in the image: its name under /usr/share/zoneinfo
        // (for local, where the host's /etc/localtime leads).
        let file = tz.host_file();
        let zone_path = if tz.is_local() {
            fs_err::canonicalize(&file).map_err(|e| {
                Error::Message(format!("--tz local: finding the host's time zone: {e}"))
            })?
        } else {
            Path::new("/usr/share/zoneinfo").join(tz.as_str())
        };
        let rel = zone_path.strip_prefix("/").unwrap_or(&zone_path);
        let in_image = zone_path.starts_with("/usr/share/zoneinfo/")
            && spec::read_from_layers(layers, &rel.to_string_lossy())
                .ok()
                .flatten()
                .is_some();
        if in_image {
            return Ok(Some((
                tz,
                LocalTime::Link(format!("..{}", zone_path.display())),
            )));
        }
        let bytes = fs_err::read(&file)
            .map_err(crate::sys::without_path)
            .map_err(|e| Error::Message(format!("--tz {tz}: {e}: check the zone name")))?;
        Ok(Some((tz, LocalTime::Copy(bytes))))
    }
}
