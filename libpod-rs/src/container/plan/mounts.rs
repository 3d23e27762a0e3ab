//! `-v`, `--mount`, `--tmpfs`, the image's volumes and mounts.conf: the
//! mounts a plan resolves, the volumes it uses and the trees to chown.

use std::path::{Path, PathBuf};

use oci_spec::runtime::Mount;

use super::{image_mounts, CreateError, HostFacts, VolumeUse};
use crate::image::config::ImageConfig;
use crate::spec::{mounts::ImageVolumeMode, Bind, ContainerSpec, MountSource, MountSpec};

/// The name of the anonymous volume for the `n`th mount of container `id`
/// (64 hex digits, unique as the container's ID is).
pub fn anonymous_volume_name(id: &str, n: usize) -> String {
    crate::digest::Digest::sha256_of(format!("{id}\n{n}").as_bytes())
        .hex()
        .to_string()
}

/// The request's mounts (then an anonymous volume for each of the image's
/// `Volumes` that no mount covers, as podman's `--image-volume=anonymous`)
/// with their sources resolved.
#[derive(Debug, Default)]
pub(super) struct ResolvedMounts {
    /// Bind mounts for the spec (tmpfs mounts stay in the request).
    pub(super) binds: Vec<Bind>,
    /// The mounts as recorded (anonymous volumes named).
    pub(super) record: Vec<MountSpec>,
    /// Volumes used, in order.
    pub(super) volumes: Vec<VolumeUse>,
    /// `:U` trees.
    pub(super) chown: Vec<PathBuf>,
    /// Bind sources that must exist.
    pub(super) bind_sources: Vec<PathBuf>,
    /// tmpfs mounts the request does not list (`--image-volume tmpfs`).
    pub(super) tmpfs: Vec<MountSpec>,
    /// Image mounts made with overlay (placed among the spec's mounts).
    pub(super) overlays: Vec<Mount>,
}

pub(super) fn resolve_mounts(
    spec: &ContainerSpec,
    image: &ImageConfig,
    host: &HostFacts,
) -> Result<ResolvedMounts, CreateError> {
    // The same mount twice is one mount; two different ones at one place
    // are an error, as in podman.
    let mut all: Vec<MountSpec> = Vec::new();
    for m in &spec.mounts {
        match all.iter().find(|x| x.targets(&m.destination)) {
            Some(x) if x == m => {}
            Some(_) => {
                return Err(CreateError::DuplicateDestination(
                    m.destination.to_string_lossy().into_owned(),
                ))
            }
            None => all.push(m.clone()),
        }
    }
    let mut out = ResolvedMounts::default();
    for dest in &image.volumes {
        let taken = spec.mounts.iter().any(|m| m.targets(dest));
        if taken || !dest.is_absolute() {
            continue;
        }
        match spec.image_volume.unwrap_or_default() {
            ImageVolumeMode::Anonymous => {
                all.push(MountSpec::new(MountSource::AnonymousVolume, dest.clone()))
            }
            ImageVolumeMode::Tmpfs => {
                let t = MountSpec::new(MountSource::Tmpfs, dest.clone());
                out.tmpfs.push(t.clone());
                all.push(t);
            }
            ImageVolumeMode::Ignore => {}
        }
    }
    let volume_dir = |name: &str| volume_path(&host.volumes_dir, name);
    for (n, m) in all.into_iter().enumerate() {
        let (source, record) = match &m.source {
            MountSource::Tmpfs => {
                out.record.push(m);
                continue;
            }
            MountSource::Image { image, subpath } => {
                match image_mounts::plan_image_mount(
                    &m,
                    image,
                    subpath.as_deref(),
                    n,
                    &host.image_mounts,
                    &host.container_dir,
                )? {
                    image_mounts::ImageMountPlan::Bind(b) => out.binds.push(b),
                    image_mounts::ImageMountPlan::Overlay(o) => out.overlays.push(o),
                }
                out.record.push(m);
                continue;
            }
            MountSource::Artifact { .. } => {
                let files = host
                    .artifact_mounts
                    .iter()
                    .find(|a| a.destination == m.destination)
                    .map(|a| a.files.as_slice())
                    .unwrap_or_default();
                for (source, destination) in files {
                    out.binds.push(Bind {
                        source: source.clone(),
                        destination: destination.clone(),
                        read_only: true,
                        copy_up: false,
                        keep_owner: false,
                        options: Vec::new(),
                    });
                }
                out.record.push(m);
                continue;
            }
            MountSource::Bind(p) => {
                if p.is_relative() {
                    return Err(CreateError::RelativeBind(Box::new(m.clone())));
                }
                out.bind_sources.push(p.clone());
                (p.clone(), m.clone())
            }
            MountSource::Volume(name) => {
                out.volumes.push(VolumeUse {
                    name: name.clone(),
                    anonymous: false,
                });
                let opts = host.volume_options.get(name);
                let opt = |k: &str| opts.and_then(|o| o.get(k)).map(String::as_str);
                match opt("type").unwrap_or("") {
                    "" | "none" if opt("device").is_none() => (volume_dir(name), m.clone()),
                    // A bind volume: its device, mounted as -v would.
                    "bind" | "none" | "" => {
                        let device = PathBuf::from(opt("device").unwrap_or_default());
                        out.bind_sources.push(device.clone());
                        (device, m.clone())
                    }
                    // A tmpfs volume: a tmpfs with its `o=` options.
                    "tmpfs" => {
                        let mut t = MountSpec::new(MountSource::Tmpfs, m.destination.clone());
                        t.read_only = m.read_only;
                        t.options = opt("o")
                            .unwrap_or_default()
                            .split(',')
                            .filter(|o| !o.is_empty())
                            .map(str::to_string)
                            .collect();
                        if !m.copy_up {
                            t.options.push("notmpcopyup".into());
                        }
                        if m.read_only {
                            t.options.push("ro".into());
                        }
                        out.tmpfs.push(t);
                        out.record.push(m.clone());
                        continue;
                    }
                    other => return Err(CreateError::VolumeType(name.clone(), other.to_string())),
                }
            }
            MountSource::AnonymousVolume => {
                let name = anonymous_volume_name(&host.id, n);
                out.volumes.push(VolumeUse {
                    name: name.clone(),
                    anonymous: true,
                });
                let record = MountSpec {
                    source: MountSource::Volume(name.clone()),
                    ..m.clone()
                };
                (volume_dir(&name), record)
            }
        };
        if m.chown {
            out.chown.push(source.clone());
        }
        // A volume made with an owner (`--uid`/`--gid`, `-o uid=`) keeps
        // it at copy-up (podman's NoChown), not the image directory's.
        let keep_owner = match &m.source {
            MountSource::Volume(name) => host
                .volume_options
                .get(name)
                .is_some_and(|o| o.contains_key("uid") || o.contains_key("gid")),
            _ => false,
        };
        out.binds.push(Bind {
            source,
            destination: m.destination.clone(),
            read_only: m.read_only,
            copy_up: m.copy_up,
            keep_owner,
            options: m.options.clone(),
        });
        out.record.push(record);
    }
    // mounts.conf: not part of the record (inspect does not show them, as
    // podman), read-only (podman copies them; a read-only bind keeps the
    // host's files as safe without the copy).
    for (source, destination) in &host.default_mounts {
        if spec.mounts.iter().any(|m| m.targets(destination))
            || out.binds.iter().any(|b| b.destination == *destination)
        {
            continue;
        }
        out.binds.push(Bind {
            source: source.clone(),
            destination: destination.clone(),
            read_only: true,
            copy_up: false,
            keep_owner: false,
            options: Vec::new(),
        });
    }
    Ok(out)
}

/// The directory of volume `name` in `volumes_dir` (`NAME/_data`).
pub fn volume_path(volumes_dir: &Path, name: &str) -> PathBuf {
    volumes_dir.join(name).join("_data")
}
