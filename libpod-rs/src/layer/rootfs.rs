//! A new container's root file system directories: overlay's `upper`,
//! `work` and `merged` (mounted at each start), or, with the vfs driver,
//! `rootfs`: a copy of the image's layers made once, now.

use std::path::{Path, PathBuf};

use super::Error;
use crate::config::Driver;
use crate::userns::{self, IdMappings};

/// The directory holding the container's root (overlay's upper directory,
/// or the vfs copy) in the container directory `dir`.
pub fn root_dir(dir: &Path, driver: Driver) -> PathBuf {
    dir.join(match driver {
        Driver::Overlay => "upper",
        Driver::Vfs => "rootfs",
    })
}

/// Makes the root file system directories of a new container in its
/// directory `dir` (and its `etc`): for vfs, `layers` (unpacked layer
/// directories, bottom first) are copied into `rootfs`; rootless
/// (`mappings`), as root of the user namespace, so owners are copied as
/// they are. `image` names the image in errors.
pub fn prepare(
    dir: &Path,
    driver: Driver,
    layers: &[PathBuf],
    mappings: Option<&IdMappings>,
    image: &str,
) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let dirs: &[&str] = match driver {
        Driver::Overlay => &["upper", "work", "merged", "etc"],
        Driver::Vfs => &["rootfs", "etc"],
    };
    for d in dirs {
        crate::store::create_dir_private(&dir.join(d)).map_err(|e| Error::Rootfs {
            action: "creating",
            path: dir.join(d),
            message: e.to_string(),
        })?;
    }
    // The root takes this directory's mode: 0755 while rpod writes its
    // files there (the image root's, [`set_root_mode`], comes after), or
    // users other than root cannot even reach /bin (the container
    // directory itself stays 0700).
    let root = root_dir(dir, driver);
    fs_err::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).map_err(|e| {
        Error::Rootfs {
            action: "setting the mode of",
            path: root.clone(),
            message: e.to_string(),
        }
    })?;
    if driver == Driver::Vfs {
        let copy = || {
            super::vfs::assemble(layers, &root)
                .map(|()| String::new())
                .map_err(|e| e.to_string())
        };
        let copied = match mappings {
            Some(m) => crate::sys::in_fork(|| {
                userns::enter(m, false).map_err(|e| e.to_string())?;
                copy()
            })
            .map_err(|e| Error::Rootfs {
                action: "forking to copy the layers of the image into",
                path: root.clone(),
                message: e.to_string(),
            })?,
            None => copy(),
        };
        copied.map_err(|message| Error::Rootfs {
            action: "vfs: copying the layers of the image into",
            path: root.clone(),
            message: format!("{image}: {message}"),
        })?;
    }
    Ok(())
}

/// The mode of the image's root directory, as containers/storage gives
/// it: each layer's root starts with its parent's mode and a `./` entry
/// changes it, so the topmost layer whose root a `./` entry set wins;
/// without one, 0755. (rpod unpacks a layer into a 0700 directory, so a
/// root still 0700 is taken as unset.)
pub fn image_root_mode(layers: &[PathBuf]) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    layers
        .iter()
        .rev()
        .filter_map(|l| fs_err::metadata(l).ok())
        .map(|m| m.permissions().mode() & 0o7777)
        .find(|m| *m != 0o700)
        .unwrap_or(0o755)
}

/// Gives the container's root directory the image root's mode
/// ([`image_root_mode`]; podman's `/` is, say, 0555 when the image's is).
/// Called once rpod has written what it puts into the root, which a
/// read-only root would refuse it.
pub fn set_root_mode(dir: &Path, driver: Driver, layers: &[PathBuf]) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let root = root_dir(dir, driver);
    let mode = image_root_mode(layers);
    fs_err::set_permissions(&root, std::fs::Permissions::from_mode(mode)).map_err(|e| {
        Error::Rootfs {
            action: "setting the mode of",
            path: root.clone(),
            message: e.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_gets_its_directories_and_a_reachable_root() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        prepare(&dir, Driver::Overlay, &[], None, "img").unwrap();
        for d in ["upper", "work", "merged", "etc"] {
            assert!(dir.join(d).is_dir(), "{d}");
        }
        let mode = fs_err::metadata(dir.join("upper"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o755);
        assert_eq!(root_dir(&dir, Driver::Vfs), dir.join("rootfs"));
    }

    #[test]
    fn vfs_copies_the_layers() {
        let tmp = tempfile::tempdir().unwrap();
        let layer = tmp.path().join("l1");
        fs_err::create_dir_all(layer.join("etc")).unwrap();
        fs_err::write(layer.join("etc/hostname"), "x").unwrap();
        let dir = tmp.path().join("c");
        prepare(&dir, Driver::Vfs, &[layer], None, "img").unwrap();
        assert_eq!(
            fs_err::read_to_string(dir.join("rootfs/etc/hostname")).unwrap(),
            "x"
        );
    }
}
