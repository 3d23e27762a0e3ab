//! Creating a container from a [`ContainerSpec`]: its image found (pulled
//! as the request's policy says), the host's facts gathered, the container
//! planned ([`container::plan`], pure), and the plan committed: volumes,
//! `:U`, free host ports, then, under the store's locks, the name, the
//! root file system directories, the `/etc` files and the record.
//!
//! Here the request is resolved (networks, `--volumes-from`,
//! `--requires`, the image, containers.conf's defaults); [`facts`]
//! gathers what planning needs to know of the host; [`commit`] writes
//! the plan.

use std::path::{Path, PathBuf};

use super::{Engine, RemoveOptions};
use crate::container::{self, Container, CreateError};
use crate::error::Result;
use crate::image::config::ImageConfig;
use crate::image::ImageRecord;
use crate::network::Mode;
use crate::spec::{self, ContainerSpec, PullPolicy, UsernsMode};

mod commit;
mod error;
mod facts;

pub use error::CreateRequestError;
pub(super) use facts::block_devices;

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
            .map_err(|e| CreateRequestError::RemoveCidfile(e).into())
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
        if spec.init_ctr.is_some() {
            // podman: not into a running pod ("it creates confusion").
            let Some(p) = &pod else {
                return Err(crate::pod::Error::Conflict(
                    "init containers must be created in a pod: invalid argument".into(),
                )
                .into());
            };
            if self
                .pod(&p.id)?
                .members
                .iter()
                .any(|c| c.state.status == container::Status::Running)
            {
                return Err(crate::pod::Error::Conflict(
                    "cannot add init-ctr to a running pod: stop the pod first".into(),
                )
                .into());
            }
        }
        if spec.security.seccomp_source == spec::SeccompSource::Image {
            if let Some(p) = spec::seccomp_from_image_labels(
                &image.labels,
                &spec.security.seccomp,
                spec.security.privileged,
            )? {
                spec.security.seccomp = p;
            }
        }
        // containers.conf `netns`, unless the network is the pod's.
        if spec.network.mode.is_none() && spec.pod.is_none() {
            spec.network.mode = self.conf_netns()?;
        }
        // containers.conf `userns`, when the request leaves it to the host.
        if spec.userns == UsernsMode::Host && !spec.id_maps.is_set() {
            if let Some(u) = self.containers_conf.userns() {
                spec.userns = u.parse().map_err(|reason| CreateRequestError::ConfUserns {
                    value: u.to_string(),
                    reason,
                })?;
            }
        }
        if spec.image_volume.is_none() {
            if let Some(m) = self.containers_conf.image_volume_mode() {
                spec.image_volume =
                    Some(m.parse().map_err(CreateRequestError::ConfImageVolumeMode)?);
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
            let c = self
                .container(r)
                .map_err(|e| CreateRequestError::Requires {
                    name: r.clone(),
                    source: Box::new(e),
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
                let ip6 = spec.network.ip6.map(std::net::IpAddr::V6);
                for ip in spec.network.ip.into_iter().chain(ip6) {
                    if !first.static_ips.contains(&ip) {
                        first.static_ips.push(ip);
                    }
                }
                if first.mac.is_none() {
                    first.mac = spec.network.mac;
                }
            }
        } else if let Some(flag) = crate::network::address_flag(
            &spec.network.aliases,
            spec.network.ip.is_some(),
            spec.network.ip6.is_some(),
            spec.network.mac.is_some(),
        ) {
            return Err(CreateRequestError::NeedsNetwork { flag }.into());
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
        return Err(CreateRequestError::RootfsNotADirectory {
            path: r.path.clone(),
        }
        .into());
    }
    Ok((
        ImageConfig::default(),
        RootSource {
            layers: vec![r.path.clone()],
            name: r.path.display().to_string(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rootfs_that_is_not_a_directory_is_refused_by_name() {
        let r = spec::RootfsSpec {
            path: PathBuf::from("/proc/self/status"),
            overlay: false,
        };
        let Err(e) = rootfs_image(&r) else {
            panic!("a file taken for a --rootfs directory");
        };
        assert!(matches!(
            e,
            crate::error::Error::CreateRequest(CreateRequestError::RootfsNotADirectory { .. })
        ));
        assert_eq!(
            e.to_string(),
            "--rootfs /proc/self/status: not a directory: give the root file system's directory"
        );
    }
}
