//! Image mounts (`--mount type=image`, kube play's image volumes and its
//! automount annotation): an image's layers mounted at a destination, as
//! podman mounts an image volume. Read-only with one layer directory it is
//! a read-only bind mount of that directory; otherwise an overlay of the
//! layer directories (read-only: lower directories only; `rw=true`: with an
//! upper and work directory in the container's directory, created by the
//! runtime when it starts the container).

use std::path::{Path, PathBuf};

use oci_spec::runtime::Mount;

use super::CreateError;
use crate::spec::{self, Bind, MountSpec};

/// What planning knows about one image a mount names, read by the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageMountFacts {
    /// The image as the mount names it.
    pub image: String,
    /// The image's ID (hex).
    pub image_id: String,
    /// The mount's `subpath`, if any.
    pub subpath: Option<PathBuf>,
    /// The directories to stack, top first: the image's layer directories,
    /// or their `subpath` directories up to the first layer that hides the
    /// ones below.
    pub lower: Vec<PathBuf>,
}

/// Why kube play's automount annotation cannot be honoured.
#[derive(Debug, thiserror::Error)]
pub enum AutomountError {
    /// The image is not in local storage (podman's words).
    #[error("image {image} from container {container} does not exist in local storage, cannot automount: {message}")]
    NotLocal {
        /// The image.
        image: String,
        /// The container (its name in the YAML).
        container: String,
        /// The lookup's error.
        message: String,
    },
    /// The image's config cannot be read.
    #[error("cannot inspect image {image} to automount into container {container}: {message}")]
    Config {
        /// The image.
        image: String,
        /// The container.
        container: String,
        /// What went wrong.
        message: String,
    },
}

impl From<AutomountError> for CreateError {
    fn from(e: AutomountError) -> CreateError {
        CreateError::Automount(Box::new(e))
    }
}

/// How an image mount is made.
#[derive(Debug, Clone)]
pub(super) enum ImageMountPlan {
    /// A read-only bind mount of the one directory.
    Bind(Bind),
    /// An overlay mount.
    Overlay(Mount),
}

/// Plans image mount `m` (the `n`th mount of the container whose directory
/// is `container_dir`) from the engine's `facts`.
pub(super) fn plan_image_mount(
    m: &MountSpec,
    image: &str,
    subpath: Option<&Path>,
    n: usize,
    facts: &[ImageMountFacts],
    container_dir: &Path,
) -> Result<ImageMountPlan, CreateError> {
    let f = facts
        .iter()
        .find(|f| f.image == image && f.subpath.as_deref() == subpath)
        .ok_or(CreateError::MissingFact("an image mount's layers"))?;
    if f.lower.is_empty() {
        return Err(CreateError::ImageSubpath {
            image: image.to_string(),
            subpath: subpath.map(Path::to_path_buf).unwrap_or_default(),
        });
    }
    if m.read_only && f.lower.len() == 1 {
        return Ok(ImageMountPlan::Bind(Bind {
            source: f.lower[0].clone(),
            destination: m.destination.clone(),
            read_only: true,
            copy_up: false,
            keep_owner: false,
            options: vec!["nosuid".into(), "nodev".into()],
        }));
    }
    let lower: Vec<String> = f
        .lower
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut data = format!("lowerdir={}", lower.join(":"));
    if !m.read_only {
        let dir = container_dir.join("image-mounts").join(n.to_string());
        data.push_str(&format!(
            ",upperdir={},workdir={}",
            dir.join("upper").display(),
            dir.join("work").display()
        ));
    }
    let mode = if m.read_only { "ro" } else { "rw" };
    let mount = spec::mount(
        &m.destination.to_string_lossy(),
        "overlay",
        "overlay",
        &[mode, "nosuid", "nodev", &data],
    )?;
    Ok(ImageMountPlan::Overlay(mount))
}

/// Inserts the overlay `mounts` into `all` (the spec's mounts so far):
/// each before the first mount below its destination, so that mounts the
/// request puts inside an image mount land on it.
pub(super) fn insert_overlays(all: &mut Vec<Mount>, mounts: Vec<Mount>) {
    for m in mounts {
        let at = all
            .iter()
            .position(|o| {
                o.destination() != m.destination() && o.destination().starts_with(m.destination())
            })
            .unwrap_or(all.len());
        all.insert(at, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::MountSource;

    fn facts(n: usize) -> Vec<ImageMountFacts> {
        vec![ImageMountFacts {
            image: "img".into(),
            image_id: "0".repeat(64),
            subpath: None,
            lower: (0..n).map(|i| PathBuf::from(format!("/l/{i}"))).collect(),
        }]
    }

    #[test]
    fn image_mounts_parse_read_only_unless_rw() {
        let m = MountSpec::parse_mount("type=image,source=img,destination=/i").unwrap();
        assert!(m.read_only);
        assert_eq!(
            m.source,
            MountSource::Image {
                image: "img".into(),
                subpath: None
            }
        );
        let m = MountSpec::parse_mount("type=image,src=img,dst=/i,rw=true,subpath=/a/b").unwrap();
        assert!(!m.read_only);
        assert_eq!(
            m.source,
            MountSource::Image {
                image: "img".into(),
                subpath: Some("a/b".into())
            }
        );
        assert!(MountSpec::parse_mount("type=image,dst=/i").is_err());
        assert!(MountSpec::parse_mount("type=image,src=i,dst=/i,subpath=../x").is_err());
        assert!(MountSpec::parse_mount("type=bind,src=/h,dst=/i,subpath=x").is_err());
    }

    #[test]
    fn one_layer_binds_more_stack_and_rw_gets_an_upper() {
        let m = MountSpec::parse_mount("type=image,source=img,destination=/i").unwrap();
        let dir = Path::new("/c");
        match plan_image_mount(&m, "img", None, 0, &facts(1), dir).unwrap() {
            ImageMountPlan::Bind(b) => {
                assert_eq!(b.source, Path::new("/l/0"));
                assert!(b.read_only);
            }
            other => panic!("{other:?}"),
        }
        let ImageMountPlan::Overlay(o) =
            plan_image_mount(&m, "img", None, 0, &facts(2), dir).unwrap()
        else {
            panic!("not an overlay")
        };
        let opts = o.options().clone().unwrap();
        assert!(opts.contains(&"ro".to_string()));
        assert!(opts.contains(&"lowerdir=/l/0:/l/1".to_string()), "{opts:?}");
        let mut rw = m.clone();
        rw.read_only = false;
        let ImageMountPlan::Overlay(o) =
            plan_image_mount(&rw, "img", None, 3, &facts(1), dir).unwrap()
        else {
            panic!("not an overlay")
        };
        let opts = o.options().clone().unwrap();
        assert!(
            opts.contains(
                &"lowerdir=/l/0,upperdir=/c/image-mounts/3/upper,workdir=/c/image-mounts/3/work"
                    .to_string()
            ),
            "{opts:?}"
        );
        // No layer has the subpath: an error naming it.
        let mut none = facts(0);
        none[0].subpath = Some("x".into());
        let err = plan_image_mount(&m, "img", Some(Path::new("x")), 0, &none, dir).unwrap_err();
        assert!(
            err.to_string()
                .contains("x is not a directory in the image"),
            "{err}"
        );
    }

    #[test]
    fn overlays_go_before_mounts_below_them() {
        let mk = |d: &str| crate::spec::mount(d, "tmpfs", "tmpfs", &[]).unwrap();
        let mut all = vec![mk("/proc"), mk("/img/sub"), mk("/other")];
        insert_overlays(&mut all, vec![mk("/img")]);
        let dests: Vec<_> = all.iter().map(|m| m.destination().clone()).collect();
        assert_eq!(
            dests,
            ["/proc", "/img", "/img/sub", "/other"].map(PathBuf::from)
        );
    }
}
