//! The facts of a new container's image mounts (`--mount type=image`,
//! kube play's image volumes): each image looked up (it must be local) and
//! the directories to stack for it, read from its layers.

use std::path::{Path, PathBuf};

use super::Engine;
use crate::container::plan::{AutomountError, CreateError, ImageMountFacts};
use crate::error::Result;
use crate::image::config::ImageConfig;
use crate::spec::{ContainerSpec, FetchOptions, MountSource, MountSpec, PullPolicy};

/// podman's kube annotation (`…/CONTAINER: IMAGE[;IMAGE…]`): each image's
/// `VOLUME`s are mounted read-only from that image at the same paths.
pub const AUTOMOUNT_ANNOTATION: &str = "io.podman.annotations.kube.image.volumes.mount";

impl Engine {
    /// Makes sure `reference` (an image mount's) is local, pulled as
    /// `pull` says (kube play's image volumes and their `pullPolicy`).
    pub(crate) fn pull_mount_image(
        &self,
        reference: &str,
        pull: PullPolicy,
        fetch: &FetchOptions,
    ) -> Result<()> {
        self.image_for(reference, pull, fetch).map(|_| ())
    }

    /// podman's automount annotation for container `container` (its name
    /// in the YAML): each named image's `VOLUME`s become read-only image
    /// mounts of that path of the image, a later image's winning where two
    /// have the same path; paths the container already mounts are left.
    pub(crate) fn automount_images(&self, spec: &mut ContainerSpec, container: &str) -> Result<()> {
        let key = format!("{AUTOMOUNT_ANNOTATION}/{container}");
        let Some(list) = spec.annotations.get(&key).cloned() else {
            return Ok(());
        };
        let mut wanted: Vec<MountSpec> = Vec::new();
        for image in list.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            let record = self.find_image(image).map_err(|e| {
                CreateError::from(AutomountError::NotLocal {
                    image: image.to_string(),
                    container: container.to_string(),
                    message: e.to_string(),
                })
            })?;
            let config = self
                .store
                .get_blob(&record.config_digest())
                .map_err(|e| e.to_string())
                .and_then(|blob| {
                    ImageConfig::from_blob(&record.id, image, &blob).map_err(|e| e.to_string())
                })
                .map_err(|message| {
                    CreateError::from(AutomountError::Config {
                        image: image.to_string(),
                        container: container.to_string(),
                        message,
                    })
                })?;
            for dest in config.volumes.iter().filter(|d| d.is_absolute()) {
                wanted.retain(|m| !m.targets(dest));
                let mut m = MountSpec::new(
                    MountSource::Image {
                        image: record.id.clone(),
                        subpath: Some(dest.strip_prefix("/").unwrap_or(dest).to_path_buf()),
                    },
                    dest,
                );
                m.read_only = true;
                wanted.push(m);
            }
        }
        for m in wanted {
            if !spec.mounts.iter().any(|o| o.targets(&m.destination)) {
                spec.mounts.push(m);
            }
        }
        Ok(())
    }

    /// The layers of the images `spec`'s image mounts name, top first (or
    /// their `subpath` directories).
    pub(super) fn image_mount_facts(&self, spec: &ContainerSpec) -> Result<Vec<ImageMountFacts>> {
        let mut out: Vec<ImageMountFacts> = Vec::new();
        for m in &spec.mounts {
            let MountSource::Image { image, subpath } = &m.source else {
                continue;
            };
            if out
                .iter()
                .any(|f| &f.image == image && &f.subpath == subpath)
            {
                continue;
            }
            let record = self.find_image(image)?;
            let layers = self.layer_dirs(&record);
            let lower = match subpath {
                None => layers,
                Some(sub) => subpath_lowers(&layers, sub),
            };
            out.push(ImageMountFacts {
                image: image.clone(),
                image_id: record.id.clone(),
                subpath: subpath.clone(),
                lower,
            });
        }
        Ok(out)
    }
}

/// Whether directory `p` of a layer is opaque (hides what the layers
/// below have there).
fn opaque(p: &Path) -> bool {
    ["user.overlay.opaque", "trusted.overlay.opaque"]
        .iter()
        .any(|k| crate::sys::fs::lgetxattr(p, k).is_ok_and(|v| v == b"y"))
}

/// The directories `sub` of `layers` (top first) that an overlay of the
/// whole layers would show at `sub`: each layer's `sub` that is a directory,
/// down to the first layer that hides the ones below (a file, symlink or
/// whiteout on the way, or an opaque directory).
pub(crate) fn subpath_lowers(layers: &[PathBuf], sub: &Path) -> Vec<PathBuf> {
    let comps: Vec<_> = sub
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    let mut out = Vec::new();
    'layers: for layer in layers {
        let mut p = layer.clone();
        for (i, c) in comps.iter().enumerate() {
            p.push(c);
            match fs_err::symlink_metadata(&p) {
                // Not in this layer: the ones below decide.
                Err(_) => continue 'layers,
                Ok(md) if md.is_dir() => {
                    if opaque(&p) {
                        if i + 1 == comps.len() {
                            out.push(p);
                        }
                        break 'layers;
                    }
                }
                Ok(_) => break 'layers,
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subpath_stacks_until_a_layer_hides_the_rest() {
        let t = tempfile::tempdir().unwrap();
        let (top, mid, bottom) = (t.path().join("3"), t.path().join("2"), t.path().join("1"));
        fs_err::create_dir_all(top.join("a/b")).unwrap();
        fs_err::create_dir_all(mid.join("x")).unwrap();
        fs_err::create_dir_all(bottom.join("a/b")).unwrap();
        let layers = [top.clone(), mid.clone(), bottom.clone()];
        assert_eq!(
            subpath_lowers(&layers, Path::new("a/b")),
            vec![top.join("a/b"), bottom.join("a/b")]
        );
        // A file at `a` in the middle layer hides the bottom's `a/b`.
        fs_err::write(mid.join("a"), b"").unwrap();
        assert_eq!(
            subpath_lowers(&layers, Path::new("a/b")),
            vec![top.join("a/b")]
        );
        assert!(subpath_lowers(&layers, Path::new("nope")).is_empty());
    }
}
