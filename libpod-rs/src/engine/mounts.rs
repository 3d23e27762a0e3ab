//! `rpod mount`/`umount` and `rpod image mount`/`umount`: a container's or
//! an image's file system mounted where the caller can read it. Rootless,
//! a mount is only possible (and only visible) inside rpod's user and
//! mount namespaces, so these verbs work inside `rpod unshare`, as
//! podman's do; the mount lasts as long as that session's namespace.

use std::path::{Path, PathBuf};

use super::Engine;
use crate::error::Result;
use crate::image::ImageRecord;
use crate::runtime::Rootfs;

/// Whether `path` is a mount point in this process's mount namespace.
fn is_mount_point(path: &Path) -> bool {
    fs_err::read_to_string("/proc/self/mountinfo").is_ok_and(|text| {
        text.lines()
            .filter_map(|l| l.split(' ').nth(4))
            .any(|p| crate::sys::mount::unescape_mountinfo(p) == path)
    })
}

/// Why a container or image could not be mounted or unmounted.
#[derive(Debug, thiserror::Error)]
pub enum MountError {
    /// Rootless outside `rpod unshare`.
    #[error(
        "cannot run command \"rpod {verb}\" in rootless mode, must execute `rpod unshare` first"
    )]
    NeedsUnshare {
        /// The verb (`mount`, `image umount` ...).
        verb: String,
    },
    /// A container whose root is mounted by fuse-overlayfs.
    #[error("container {name}: mounting a fuse-overlayfs container is not supported")]
    FuseOverlay {
        /// The container's name.
        name: String,
    },
    /// Mounting the container's overlay failed (the runtime's message).
    #[error("{0}")]
    View(String),
    /// Unmounting the container's file system failed.
    #[error("unmounting the container's file system: {0}")]
    UnmountContainer(#[source] nix::errno::Errno),
    /// The image's mount point cannot be made.
    #[error("{}: {source}", path.display())]
    MountPoint {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An image without layers.
    #[error("image {name} has no layers to mount")]
    NoLayers {
        /// The image as given.
        name: String,
    },
    /// Mounting the image failed.
    #[error("mounting the image: {0}")]
    MountImage(#[source] nix::errno::Errno),
    /// Unmounting the image failed.
    #[error("unmounting the image: {0}")]
    UnmountImage(#[source] nix::errno::Errno),
}

impl Engine {
    /// Refuses a mount verb outside rpod's user namespace when rootless.
    pub(super) fn mount_allowed(&self, verb: &str) -> Result<()> {
        if self.rootless && !crate::userns::in_user_namespace() {
            return Err(MountError::NeedsUnshare {
                verb: verb.to_string(),
            }
            .into());
        }
        Ok(())
    }

    /// Mounts container `name_or_id`'s file system (once) and returns where.
    pub fn mount_container(&self, name_or_id: &str) -> Result<PathBuf> {
        self.mount_allowed("mount")?;
        let c = self.container(name_or_id)?;
        match self.rootfs(&c)? {
            Rootfs::Dir(d) => Ok(d),
            Rootfs::Overlay(o) => {
                if is_mount_point(&o.merged) {
                    return Ok(o.merged);
                }
                if o.mount_program.is_some() {
                    return Err(MountError::FuseOverlay {
                        name: c.config.name.clone(),
                    }
                    .into());
                }
                o.mount_view(
                    self.rootless,
                    matches!(c.state.status, crate::container::Status::Running),
                )
                .map_err(MountError::View)?;
                Ok(o.merged)
            }
        }
    }

    /// Unmounts container `name_or_id`'s file system; whether it was mounted.
    pub fn unmount_container(&self, name_or_id: &str) -> Result<bool> {
        self.mount_allowed("umount")?;
        let c = self.container(name_or_id)?;
        match self.rootfs(&c)? {
            Rootfs::Dir(_) => Ok(false),
            Rootfs::Overlay(o) => {
                if !is_mount_point(&o.merged) {
                    return Ok(false);
                }
                nix::mount::umount2(&o.merged, nix::mount::MntFlags::MNT_DETACH)
                    .map_err(MountError::UnmountContainer)?;
                Ok(true)
            }
        }
    }

    /// The containers whose file systems are mounted here: (ID, where).
    pub fn mounted_containers(&self) -> Result<Vec<(String, PathBuf)>> {
        let mut out = Vec::new();
        for c in self.containers()? {
            if let Ok(Rootfs::Overlay(o)) = self.rootfs(&c) {
                if is_mount_point(&o.merged) {
                    out.push((c.config.id.clone(), o.merged));
                }
            }
        }
        Ok(out)
    }

    fn image_mount_dir(&self, id: &str) -> PathBuf {
        self.store.root().join("image-mounts").join(id)
    }

    /// Mounts image `name`'s file system read-only (once) and returns where.
    pub fn mount_image(&self, name: &str) -> Result<(ImageRecord, PathBuf)> {
        self.mount_allowed("image mount")?;
        let image = self.find_image(name)?;
        let at = self.image_mount_dir(&image.id);
        if is_mount_point(&at) {
            return Ok((image, at));
        }
        fs_err::create_dir_all(&at)
            .map_err(crate::sys::without_path)
            .map_err(|source| MountError::MountPoint {
                path: at.clone(),
                source,
            })?;
        let lower = self.layer_dirs(&image);
        let ro = nix::mount::MsFlags::MS_RDONLY;
        match lower.as_slice() {
            [] => {
                return Err(MountError::NoLayers {
                    name: name.to_string(),
                }
                .into())
            }
            [only] => {
                nix::mount::mount(
                    Some(only.as_path()),
                    &at,
                    None::<&str>,
                    nix::mount::MsFlags::MS_BIND,
                    None::<&str>,
                )
                .map_err(MountError::MountImage)?;
                let _ = nix::mount::mount(
                    None::<&str>,
                    &at,
                    None::<&str>,
                    nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REMOUNT | ro,
                    None::<&str>,
                );
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                let mut data = format!("lowerdir={}", list.join(":"));
                if self.rootless {
                    data.push_str(",userxattr");
                }
                nix::mount::mount(
                    Some("overlay"),
                    &at,
                    Some("overlay"),
                    ro,
                    Some(data.as_str()),
                )
                .map_err(MountError::MountImage)?;
            }
        }
        Ok((image, at))
    }

    /// Unmounts image `name`; its ID when it was mounted.
    pub fn unmount_image(&self, name: &str) -> Result<Option<String>> {
        self.mount_allowed("image umount")?;
        let image = self.find_image(name)?;
        let at = self.image_mount_dir(&image.id);
        if !is_mount_point(&at) {
            return Ok(None);
        }
        nix::mount::umount2(&at, nix::mount::MntFlags::MNT_DETACH)
            .map_err(MountError::UnmountImage)?;
        let _ = fs_err::remove_dir(&at);
        Ok(Some(image.id))
    }

    /// The images mounted here, with where.
    pub fn mounted_images(&self) -> Result<Vec<(ImageRecord, PathBuf)>> {
        Ok(self
            .images()?
            .into_iter()
            .filter_map(|i| {
                let at = self.image_mount_dir(&i.id);
                is_mount_point(&at).then_some((i, at))
            })
            .collect())
    }
}
