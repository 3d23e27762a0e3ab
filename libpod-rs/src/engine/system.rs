//! `rpod system df`, `rpod system prune` and `rpod system reset`: what the store's images,
//! containers and volumes take on disk, removing what nothing uses, and removing everything.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Engine;
use super::{PodRemoveOptions, RemoveOptions};
use crate::container::Container;
use crate::error::Result;
use crate::image::ImageIndex;
use crate::layer;
use crate::runtime::Rootfs;
use crate::store::LockMode;

/// One image's share of the store (`system df -v`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageUsage {
    /// Its first name's repository (`<none>` without one).
    pub repository: String,
    /// Its first name's tag (`<none>` without one).
    pub tag: String,
    /// The image ID.
    pub id: String,
    /// When it was built.
    pub created: Option<DateTime<Utc>>,
    /// The size of its layers.
    pub size: u64,
    /// The part of `size` in layers other images have too.
    pub shared_size: u64,
    /// The rest, with its config and manifest.
    pub unique_size: u64,
    /// How many containers use it.
    pub containers: usize,
}

/// One container's share of the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerUsage {
    /// The container ID.
    pub id: String,
    /// Its image's ID.
    pub image_id: String,
    /// Its command.
    pub command: Vec<String>,
    /// How many volumes it uses.
    pub local_volumes: usize,
    /// What its writable layer holds.
    pub rw_size: u64,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// Its state (`running`, `exited`, ...).
    pub status: String,
    /// Its name.
    pub name: String,
}

/// One volume's share.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeUsage {
    /// The volume's name.
    pub name: String,
    /// How many containers use it.
    pub links: usize,
    /// What its data takes.
    pub size: u64,
}

/// Everything `system df` reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DiskUsage {
    /// All layers, each counted once.
    pub images_size: u64,
    /// Per image.
    pub images: Vec<ImageUsage>,
    /// Per container.
    pub containers: Vec<ContainerUsage>,
    /// Per volume.
    pub volumes: Vec<VolumeUsage>,
}

/// `system prune`'s choices.
#[derive(Debug, Clone, Default)]
pub struct PruneOptions {
    /// `-a`: every image no container uses, not only dangling ones.
    pub all: bool,
    /// `--volumes`: volumes no container uses too.
    pub volumes: bool,
    /// `--filter label=…`, `label!=…`, `until=…` (containers, images, networks).
    pub filters: Vec<String>,
}

/// What `system prune` removed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PruneReport {
    /// Container IDs.
    pub containers: Vec<String>,
    /// Network names.
    pub networks: Vec<String>,
    /// Volume names.
    pub volumes: Vec<String>,
    /// Image IDs.
    pub images: Vec<String>,
    /// Bytes freed (what `system df` counted before and after).
    pub reclaimed: u64,
}

/// Why `system prune`'s filters or `system df` failed.
#[derive(Debug, thiserror::Error)]
pub enum SystemError {
    /// A `--filter` without `=`.
    #[error("invalid filter {item:?}: give KEY=VALUE")]
    FilterNotKeyValue {
        /// The filter as given.
        item: String,
    },
    /// A `--filter until=` that is no time.
    #[error(transparent)]
    Until(crate::container::logs::Error),
    /// A `--filter` key prune does not know.
    #[error("{key} is an invalid filter: use label, label! or until")]
    UnknownFilter {
        /// The key as given.
        key: String,
    },
    /// The process measuring the store could not run.
    #[error("measuring the store: {0}")]
    Measure(#[source] std::io::Error),
    /// The process measuring the store failed (its message).
    #[error("{0}")]
    MeasureInChild(String),
}

/// `--filter`s of prune verbs that look at labels and creation times.
#[derive(Debug, Default)]
struct Filter {
    labels: Vec<(String, Option<String>)>,
    not_labels: Vec<(String, Option<String>)>,
    until: Option<std::time::SystemTime>,
}

impl Filter {
    fn parse(filters: &[String]) -> Result<Filter> {
        let mut f = Filter::default();
        let now = std::time::SystemTime::now();
        for item in filters {
            let (k, v) = item
                .split_once('=')
                .ok_or_else(|| SystemError::FilterNotKeyValue { item: item.clone() })?;
            let kv = |v: &str| match v.split_once('=') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (v.to_string(), None),
            };
            match k {
                "label" => f.labels.push(kv(v)),
                "label!" => f.not_labels.push(kv(v)),
                "until" => {
                    f.until = Some(
                        crate::container::logs::parse_time(
                            v,
                            now,
                            crate::container::logs::Bound::Since,
                        )
                        .map_err(SystemError::Until)?,
                    );
                }
                _ => return Err(SystemError::UnknownFilter { key: k.to_string() }.into()),
            }
        }
        Ok(f)
    }

    fn matches(
        &self,
        labels: &dyn Fn(&str) -> Option<String>,
        created: Option<DateTime<Utc>>,
    ) -> bool {
        let has = |(k, v): &(String, Option<String>)| match (labels(k), v) {
            (Some(_), None) => true,
            (Some(a), Some(b)) => &a == b,
            (None, _) => false,
        };
        if !self.labels.iter().all(has) || self.not_labels.iter().any(has) {
            return false;
        }
        match (self.until, created) {
            (Some(until), Some(c)) => std::time::SystemTime::from(c) < until,
            _ => true,
        }
    }
}

/// What a tree's files take: regular files' and links' sizes, each inode
/// once (podman's `directory.Size`). The tree is a container's writable
/// layer: it is walked by descriptor, never following a symlink, so a
/// directory swapped for a link meanwhile cannot lead the walk outside.
fn tree_size(top: &Path) -> u64 {
    let Ok(root) = crate::sys::open_dir(top) else {
        return 0;
    };
    let mut seen = HashSet::new();
    dir_size(std::os::fd::AsFd::as_fd(&root), &mut seen)
}

/// [`tree_size`] of the directory open at `dir`: one descriptor per level
/// of depth is open at a time.
fn dir_size(dir: std::os::fd::BorrowedFd<'_>, seen: &mut HashSet<(u64, u64)>) -> u64 {
    use nix::fcntl::{AtFlags, OFlag};
    use nix::sys::stat::{fstatat, Mode, SFlag};
    use std::os::fd::{AsFd, AsRawFd};
    let Ok(names) = crate::sys::fs::dir_names(dir) else {
        return 0;
    };
    let mut total = 0;
    for name in names {
        let Ok(st) = fstatat(
            Some(dir.as_raw_fd()),
            name.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        ) else {
            continue;
        };
        if st.st_mode & SFlag::S_IFMT.bits() == SFlag::S_IFDIR.bits() {
            let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW;
            if let Ok(sub) = crate::sys::fs::openat(dir, name.as_os_str(), flags, Mode::empty()) {
                total += dir_size(sub.as_fd(), seen);
            }
        } else if seen.insert((st.st_dev, st.st_ino)) {
            total += u64::try_from(st.st_size).unwrap_or(0);
        }
    }
    total
}

impl Engine {
    /// The writable layer's directory of `c` and, for a vfs tree, what its
    /// image adds under it (subtracted).
    fn rw_dir(&self, c: &Container) -> Option<(PathBuf, u64)> {
        match self.rootfs(c).ok()? {
            Rootfs::Overlay(o) => Some((o.upper, 0)),
            Rootfs::Dir(d) => {
                let image = self.find_image(&c.config.image_id).ok()?;
                Some((d, image.size()))
            }
        }
    }

    /// `inspect --size`: what the container's writable layer takes
    /// (`SizeRw`) and that plus its image (`SizeRootFs`), in bytes.
    pub fn container_sizes(&self, name_or_id: &str) -> Result<(u64, u64)> {
        let c = self.container(name_or_id)?;
        let rw = match self.rw_dir(&c) {
            Some((dir, image_part)) => tree_size(&dir).saturating_sub(image_part),
            None => 0,
        };
        let image = self
            .find_image(&c.config.image_id)
            .map(|i| i.size())
            .unwrap_or(0);
        Ok((rw, rw + image))
    }

    /// What a container's own records take (its configuration, state and
    /// the files it gets bound in; not its log), as podman counts them.
    fn record_size(&self, c: &Container) -> u64 {
        let dir = self.records().dir(&c.config.id);
        let mut total = 0;
        for sub in [dir.clone(), dir.join("etc")] {
            let Ok(entries) = fs_err::read_dir(&sub) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name();
                if name == "ctr.log" || name == "state.reserve" {
                    continue;
                }
                if let Ok(m) = e.metadata() {
                    if m.is_file() {
                        total += m.len();
                    }
                }
            }
        }
        total
    }

    /// What the store's images, containers and volumes take (`system df`).
    pub fn disk_usage(&self) -> Result<DiskUsage> {
        let images = self.images()?;
        let containers = self.containers()?;
        let volumes = self.volumes()?;
        // Sizes of what other ids own are read in rpod's user namespace.
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut base: Vec<u64> = Vec::new();
        for c in &containers {
            let (d, b) = self.rw_dir(c).unwrap_or_default();
            dirs.push(d);
            base.push(b);
        }
        dirs.extend(volumes.iter().map(|v| v.mountpoint.clone()));
        let rootless = self.rootless;
        let sizes: Vec<u64> = crate::sys::in_fork(|| {
            if rootless {
                self.enter_userns().map_err(|e| e.to_string())?;
            }
            Ok(dirs
                .iter()
                .map(|d| {
                    if d.as_os_str().is_empty() {
                        0
                    } else {
                        tree_size(d)
                    }
                })
                .collect())
        })
        .map_err(SystemError::Measure)?
        .map_err(SystemError::MeasureInChild)?;

        let mut layer_users: HashMap<String, usize> = HashMap::new();
        let mut layer_size: HashMap<String, u64> = HashMap::new();
        for i in &images {
            let distinct: HashSet<String> =
                i.layers.iter().map(|l| l.diff_id.to_string()).collect();
            for l in &i.layers {
                layer_size.insert(l.diff_id.to_string(), l.size);
            }
            for d in distinct {
                *layer_users.entry(d).or_default() += 1;
            }
        }
        let mut per_image: HashMap<&str, usize> = HashMap::new();
        for c in &containers {
            *per_image.entry(c.config.image_id.as_str()).or_default() += 1;
        }
        let meta = |i: &crate::image::ImageRecord| -> u64 {
            [i.config_digest(), i.manifest_digest.clone()]
                .iter()
                .filter_map(|d| fs_err::metadata(self.store.blob_path(d)).ok())
                .map(|m| m.len())
                .sum()
        };
        let mut out = DiskUsage {
            images_size: layer_size.values().sum(),
            ..DiskUsage::default()
        };
        for i in &images {
            let (repository, tag) = i
                .names
                .first()
                .and_then(|n| {
                    let (r, t) = n.rsplit_once(':')?;
                    (!t.contains('/')).then(|| (r.to_string(), t.to_string()))
                })
                .unwrap_or_else(|| ("<none>".into(), "<none>".into()));
            let mut counted = HashSet::new();
            let (mut shared, mut unique) = (0, 0);
            for l in &i.layers {
                let d = l.diff_id.to_string();
                if !counted.insert(d.clone()) {
                    continue;
                }
                if layer_users.get(&d).copied().unwrap_or(0) > 1 {
                    shared += l.size;
                } else {
                    unique += l.size;
                }
            }
            out.images.push(ImageUsage {
                repository,
                tag,
                id: i.id.clone(),
                created: i.created,
                size: i.size(),
                shared_size: shared,
                unique_size: unique + meta(i),
                containers: per_image.get(i.id.as_str()).copied().unwrap_or(0),
            });
        }
        for (n, c) in containers.iter().enumerate() {
            out.containers.push(ContainerUsage {
                id: c.config.id.clone(),
                image_id: c.config.image_id.clone(),
                command: c.config.command.clone(),
                local_volumes: c.config.volumes.len(),
                rw_size: sizes[n].saturating_sub(base[n]) + self.record_size(c),
                created: c.config.created,
                status: c.state.status.to_string(),
                name: c.config.name.clone(),
            });
        }
        for (n, v) in volumes.iter().enumerate() {
            out.volumes.push(VolumeUsage {
                name: v.name.clone(),
                links: containers
                    .iter()
                    .filter(|c| c.config.volumes.contains(&v.name))
                    .count(),
                size: sizes[containers.len() + n],
            });
        }
        Ok(out)
    }

    /// `container prune --filter`: removes the stopped containers that
    /// match `label=`, `label!=` and `until=` (creation time).
    pub fn prune_containers_filtered(&self, filters: &[String]) -> Result<Vec<String>> {
        let f = Filter::parse(filters)?;
        self.prune_containers_matching(&|c: &Container| {
            f.matches(&|k| c.config.labels.get(k).cloned(), Some(c.config.created))
        })
    }

    /// `image prune --filter`: removes the dangling (with `all`, unused)
    /// images that match `label=`, `label!=` and `until=` (creation time).
    pub fn prune_images_filtered(&self, all: bool, filters: &[String]) -> Result<Vec<String>> {
        let f = Filter::parse(filters)?;
        self.prune_images_matching(all, &|i| {
            let labels = self
                .inspect_image(&i.id)
                .map(|x| x.labels)
                .unwrap_or_default();
            f.matches(
                &|k| labels.get(k).and_then(|v| v.as_str()).map(str::to_string),
                i.created,
            )
        })
    }

    /// `image prune --build-cache` (and `-a`): removes the directories
    /// builds keep for `RUN --mount=type=cache` (podman's CleanCacheMount).
    pub fn prune_build_cache(&self) -> Result<()> {
        let dir = self.store.root().join("build-cache").join("mounts");
        if dir.exists() {
            layer::remove_tree(&dir)?;
        }
        Ok(())
    }

    /// Removes stopped containers, unused networks, dangling (with `all`,
    /// unused) images and with `volumes` unused volumes (`system prune`).
    pub fn system_prune(&self, opts: &PruneOptions) -> Result<PruneReport> {
        let f = Filter::parse(&opts.filters)?;
        let total = |u: &DiskUsage| -> u64 {
            u.images_size
                + u.containers.iter().map(|c| c.rw_size).sum::<u64>()
                + u.volumes.iter().map(|v| v.size).sum::<u64>()
        };
        let before = self.disk_usage().map(|u| total(&u)).unwrap_or(0);
        let mut report = PruneReport {
            containers: self.prune_containers_matching(&|c: &Container| {
                f.matches(&|k| c.config.labels.get(k).cloned(), Some(c.config.created))
            })?,
            ..PruneReport::default()
        };
        report.networks = self.prune_networks(&opts.filters)?;
        if opts.volumes {
            report.volumes = self.prune_volumes(&|_| true)?;
        }
        report.images = self.prune_images_matching(opts.all, &|i| {
            let labels = self
                .inspect_image(&i.id)
                .map(|x| x.labels)
                .unwrap_or_default();
            f.matches(
                &|k| labels.get(k).and_then(|v| v.as_str()).map(str::to_string),
                i.created,
            )
        })?;
        let after = self.disk_usage().map(|u| total(&u)).unwrap_or(0);
        report.reclaimed = before.saturating_sub(after);
        Ok(report)
    }
}

impl Engine {
    /// Removes every image, layer and blob (`rpod system reset`).
    pub fn reset(&self) -> Result<()> {
        // Containers first, from outside the namespace (their processes are
        // signalled by host pid), all stopped at once, then everything else
        // from inside it.
        let ids: Vec<String> = self
            .containers()?
            .into_iter()
            .map(|c| c.config.id)
            .collect();
        for r in self.remove_containers(&ids, RemoveOptions::everything()) {
            match r {
                Err(e) if !e.is_container_not_found() => return Err(e),
                _ => {}
            }
        }
        // Pods (their PID holders ended), after their containers.
        for p in self.pods()? {
            let how = PodRemoveOptions {
                force: true,
                ..PodRemoveOptions::default()
            };
            match self.remove_pod(&p.config.id, how) {
                Err(e) if !e.is_pod_not_found() => return Err(e),
                _ => {}
            }
        }
        self.remove_all_networks()?;
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            self.store
                .write_record("images.json", &ImageIndex::default())?;
        }
        self.collect_garbage_locked()?;
        let containers = self.store.containers_dir().to_path_buf();
        if containers.exists() {
            layer::remove_tree(&containers)?;
        }
        for dir in [
            "volumes",
            "secrets",
            "artifacts",
            "pods",
            "build-cache",
            layer::overlay::PROBE_FILE,
        ] {
            let path = self.store.root().join(dir);
            if path.exists() {
                layer::remove_tree(&path)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn prune_filters_fail_with_variants_a_caller_can_match() {
        let err = Filter::parse(&["label".into()]).unwrap_err();
        assert!(
            matches!(err, Error::System(SystemError::FilterNotKeyValue { .. })),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "invalid filter \"label\": give KEY=VALUE");
        let err = Filter::parse(&["dangling=true".into()]).unwrap_err();
        assert!(
            matches!(&err, Error::System(SystemError::UnknownFilter { key }) if key == "dangling"),
            "{err:?}"
        );
        let err = Filter::parse(&["until=not-a-time".into()]).unwrap_err();
        assert!(
            matches!(err, Error::System(SystemError::Until(_))),
            "{err:?}"
        );
        assert!(Filter::parse(&["label=a=b".into(), "until=10m".into()]).is_ok());
    }
}
