//! `rpod diff`, `container diff`, `image diff`: which paths a container's
//! writable layer or an image's top layer added, changed or deleted, or
//! how two images or containers differ.

use std::path::PathBuf;

use super::Engine;
use crate::error::Result;
use crate::layer::diff::ChangeKind;
use crate::runtime::Rootfs;

/// Why `diff` failed.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// No image or container has that name (podman's error).
    #[error("{name} not found: no such image or container")]
    NotFound {
        /// The name as given.
        name: String,
    },
    /// The process comparing the trees could not run.
    #[error("comparing file systems: {0}")]
    Fork(#[source] std::io::Error),
    /// Comparing the trees failed (the comparing process's message).
    #[error("{0}")]
    InChild(String),
}

/// What `diff` may take a name for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffType {
    /// An image if one is named so, else a container (podman's `all`).
    #[default]
    All,
    /// Containers only.
    Container,
    /// Images only.
    Image,
}

/// One changed path: `A`, `C` or `D` and the path in the container.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// What happened to it.
    pub kind: ChangeKind,
    /// Its absolute path.
    pub path: String,
}

/// Paths rpod (like podman) makes in every container: never listed.
const INIT_INODES: &[&str] = &[
    "/dev",
    "/etc/hostname",
    "/etc/hosts",
    "/etc/resolv.conf",
    "/proc",
    "/run",
    "/run/notify",
    "/run/.containerenv",
    "/run/secrets",
    "/sys",
    "/etc/mtab",
];

impl Engine {
    /// The layer directories (bottom first) whose merged view is `name`'s
    /// file system, and the same for what it is compared with by default
    /// (an image's layers without the top one; a container's image).
    fn diff_views(&self, name: &str, kind: DiffType) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
        let image_layers = |id: &str| -> Result<Vec<PathBuf>> {
            let image = self.find_image(id)?;
            Ok(image
                .layers
                .iter()
                .map(|l| self.store.layer_diff(&l.diff_id))
                .collect())
        };
        if kind != DiffType::Container {
            match self.find_image(name) {
                Ok(_) => {
                    let all = image_layers(name)?;
                    let below = all[..all.len().saturating_sub(1)].to_vec();
                    return Ok((all, below));
                }
                Err(e) if kind == DiffType::Image || !e.is_image_not_found() => return Err(e),
                Err(_) => {}
            }
        }
        let c = self.container(name).map_err(|e| {
            if kind == DiffType::All && e.is_container_not_found() {
                DiffError::NotFound {
                    name: name.to_string(),
                }
                .into()
            } else {
                e
            }
        })?;
        let below = image_layers(&c.config.image_id)?;
        let all = match self.rootfs(&c)? {
            Rootfs::Dir(tree) => vec![tree],
            Rootfs::Overlay(o) => {
                let mut v = below.clone();
                v.push(o.upper);
                v
            }
        };
        Ok((all, below))
    }

    /// How `name` (a container or image, as `kind` allows) differs from
    /// its base, or from `from` when given; sorted by path.
    pub fn changes(&self, name: &str, from: Option<&str>, kind: DiffType) -> Result<Vec<Change>> {
        let (new, base) = self.diff_views(name, kind)?;
        let old = match from {
            Some(f) => self.diff_views(f, kind)?.0,
            None => base,
        };
        let rootless = self.rootless;
        let found = crate::sys::in_fork(|| {
            if rootless {
                self.enter_userns().map_err(|e| e.to_string())?;
            }
            crate::layer::diff::changes(&old, &new).map_err(|e| e.to_string())
        })
        .map_err(DiffError::Fork)?
        .map_err(DiffError::InChild)?;
        Ok(found
            .into_iter()
            .map(|(kind, p)| Change {
                kind,
                path: format!("/{}", p.display()),
            })
            .filter(|c| !INIT_INODES.contains(&c.path.as_str()))
            .collect())
    }
}
