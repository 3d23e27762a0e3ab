//! The overlay driver's choice of mount: native overlayfs, which each
//! container mounts itself inside its user namespace (`userxattr`, since
//! Linux 5.11), or a mount program (fuse-overlayfs) where the kernel
//! refuses that, as podman's `overlay.mount_program`.
//!
//! Whether native overlay mounts is probed once per store: a forked child
//! enters a fresh user and mount namespace (rootless; a mount namespace
//! only as root), mounts overlay on a scratch tree under the graph root,
//! and, when the kernel refuses (EPERM, EINVAL, ENODEV), tries a FUSE
//! mount instead. The result is kept in `<graph root>/overlay-probe.json`,
//! so creating a container costs one small read, not a mount; other errors
//! are reported and not kept. `rpod system reset` forgets the result.
//!
//! Layers need nothing special for fuse-overlayfs: it reads the 0/0
//! character device whiteouts, and since 1.8 the `user.overlay.opaque`
//! (rootless) and `trusted.overlay.opaque` (root) xattrs that `unpack`
//! writes for opaque directories.

use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::MsFlags;
use serde::{Deserialize, Serialize};

use super::{remove_tree, Error};
use crate::config::storage::find_program;
use crate::userns::{IdMap, IdMappings};

/// The file under the graph root that keeps the probe's result.
pub const PROBE_FILE: &str = "overlay-probe.json";

/// The mount program rpod falls back to.
pub const FUSE_OVERLAYFS: &str = "fuse-overlayfs";

/// What the probe found out about this store's file system and kernel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// Native overlay mounts (in a user namespace, with `userxattr`, when rootless).
    pub native: bool,
    /// Why the kernel refused native overlay.
    #[serde(default)]
    pub native_error: String,
    /// A FUSE file system mounts (tried only when native overlay is refused).
    #[serde(default)]
    pub fuse: bool,
    /// Why the FUSE mount failed.
    #[serde(default)]
    pub fuse_error: String,
}

/// How a container's overlay is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    /// The kernel's overlayfs.
    Native,
    /// A FUSE mount program (fuse-overlayfs) at this path.
    Program(PathBuf),
}

/// The probe's result for the store at `root`: the kept one, else a new
/// probe (kept for next time).
pub fn probe_cached(root: &Path, rootless: bool) -> Result<Probe, Error> {
    let path = root.join(PROBE_FILE);
    if let Some(p) = fs_err::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
    {
        return Ok(p);
    }
    let p = probe(root, rootless)?;
    let bytes = serde_json::to_vec(&p).expect("probe results serialise");
    crate::store::atomic::replace(&path, &bytes, 0o644).map_err(|e| {
        Error::Driver(format!(
            "writing {}: {}",
            path.display(),
            crate::sys::os_text(&e)
        ))
    })?;
    Ok(p)
}

/// How overlay is to be mounted for the store at `root` (probing once):
/// native overlay when it works, else fuse-overlayfs when it is installed
/// and FUSE mounts, else an error that says what to do.
pub fn choose(root: &Path, rootless: bool) -> Result<Mount, Error> {
    let p = probe_cached(root, rootless)?;
    if p.native {
        return Ok(Mount::Native);
    }
    let program = find_program(Path::new(FUSE_OVERLAYFS));
    match program {
        Some(program) if p.fuse => {
            tracing::debug!(
                "native overlay refused ({}): using {}",
                p.native_error,
                program.display()
            );
            Ok(Mount::Program(program))
        }
        Some(program) => Err(Error::Driver(format!(
            "native overlay cannot be mounted here ({}) and {} cannot be used either ({}): use `--storage-driver vfs`",
            p.native_error,
            program.display(),
            p.fuse_error
        ))),
        None => Err(Error::Driver(format!(
            "native overlay cannot be mounted here ({}) and fuse-overlayfs is not installed: install it (e.g. `apt-get install fuse-overlayfs`) or use `--storage-driver vfs`",
            p.native_error
        ))),
    }
}

/// Probes native overlay (and FUSE when overlay is refused) on a scratch
/// tree under `root`, from a forked child in new namespaces.
pub fn probe(root: &Path, rootless: bool) -> Result<Probe, Error> {
    let scratch = root.join(format!("overlay-probe.{}", std::process::id()));
    remove_tree(&scratch)?;
    for d in ["lower", "upper", "work", "merged"] {
        let dir = scratch.join(d);
        fs_err::create_dir_all(&dir)
            .map_err(crate::sys::without_path)
            .map_err(|e| Error::Driver(format!("creating {}: {e}", dir.display())))?;
    }
    let ids = (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    );
    let result = crate::sys::in_fork(|| probe_in_child(&scratch, rootless, ids))
        .map_err(|e| Error::Driver(format!("forking the overlay probe: {e}")));
    let removed = remove_tree(&scratch);
    let report = result?.map_err(|e| Error::Driver(format!("probing overlay: {e}")))?;
    removed?;
    serde_json::from_str(&report)
        .map_err(|e| Error::Driver(format!("probing overlay: bad report {report:?}: {e}")))
}

/// The probe's child: new namespaces, then the mounts; returns the JSON report.
fn probe_in_child(
    scratch: &Path,
    rootless: bool,
    (uid, gid): (u32, u32),
) -> Result<String, String> {
    if rootless {
        // The user's own id is enough to try the mount, and needs no
        // setuid helper.
        let one = |id| {
            vec![IdMap {
                container_id: 0,
                host_id: id,
                size: 1,
            }]
        };
        let m = IdMappings {
            uids: one(uid),
            gids: one(gid),
        };
        crate::userns::enter(&m, true).map_err(|e| e.to_string())?;
    } else {
        crate::sys::mount::own_namespace(crate::sys::mount::Propagation::Private)
            .map_err(|f| format!("{}: {}", f.step, f.errno.desc()))?;
    }
    let merged = scratch.join("merged");
    let mut data = format!(
        "lowerdir={},upperdir={},workdir={}",
        scratch.join("lower").display(),
        scratch.join("upper").display(),
        scratch.join("work").display()
    );
    if rootless {
        data.push_str(",userxattr");
    }
    let mut probe = Probe::default();
    match nix::mount::mount(
        Some("overlay"),
        &merged,
        Some("overlay"),
        MsFlags::empty(),
        Some(data.as_str()),
    ) {
        Ok(()) => probe.native = true,
        Err(e @ (Errno::EPERM | Errno::EINVAL | Errno::ENODEV)) => {
            probe.native_error = format!("mounting overlay: {}", e.desc());
            match fuse_mount(&merged) {
                Ok(()) => probe.fuse = true,
                Err(e) => probe.fuse_error = e,
            }
        }
        Err(e) => {
            return Err(format!(
                "mounting overlay on {}: {}",
                merged.display(),
                e.desc()
            ))
        }
    }
    // The mounts go with this process's mount namespace.
    Ok(serde_json::to_string(&probe).expect("probe results serialise"))
}

/// Mounts an (unserved) FUSE file system on `target`, as a container's
/// rootfs would be for fuse-overlayfs.
fn fuse_mount(target: &Path) -> Result<(), String> {
    let dev = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .map_err(crate::sys::without_path)
        .map_err(|e| format!("opening /dev/fuse: {e}"))?;
    let data = fuse_mount_options(std::os::fd::AsRawFd::as_raw_fd(&dev));
    nix::mount::mount(
        Some(FUSE_OVERLAYFS),
        target,
        Some("fuse.fuse-overlayfs"),
        MsFlags::empty(),
        Some(data.as_str()),
    )
    .map_err(|e| format!("mounting a FUSE file system: {}", e.desc()))
}

/// The kernel's options for a FUSE mount served on descriptor `fd`: owned
/// by root of the mounting namespace, open to every user of the container,
/// permissions checked by the kernel (what fuse-overlayfs asks for when it
/// mounts by itself as root).
pub fn fuse_mount_options(fd: std::os::fd::RawFd) -> String {
    format!("fd={fd},rootmode=40000,user_id=0,group_id=0,default_permissions,allow_other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_result_is_used_without_probing() {
        let dir = tempfile::tempdir().unwrap();
        let refused = Probe {
            native: false,
            native_error: "mounting overlay: Operation not permitted".into(),
            fuse: true,
            fuse_error: String::new(),
        };
        fs_err::write(
            dir.path().join(PROBE_FILE),
            serde_json::to_vec(&refused).unwrap(),
        )
        .unwrap();
        assert_eq!(probe_cached(dir.path(), true).unwrap(), refused);
        match choose(dir.path(), true) {
            Ok(Mount::Program(p)) => assert!(p.ends_with(FUSE_OVERLAYFS)),
            Err(e) => assert!(
                e.to_string().contains("install it") && e.to_string().contains("vfs"),
                "{e}"
            ),
            Ok(Mount::Native) => panic!("native overlay chosen against the kept result"),
        }
        let neither = Probe {
            fuse: false,
            fuse_error: "opening /dev/fuse: No such file or directory".into(),
            ..refused
        };
        fs_err::write(
            dir.path().join(PROBE_FILE),
            serde_json::to_vec(&neither).unwrap(),
        )
        .unwrap();
        let e = choose(dir.path(), true).unwrap_err().to_string();
        assert!(e.contains("--storage-driver vfs"), "{e}");
    }

    #[test]
    fn probing_as_root_finds_native_overlay() {
        if !nix::unistd::geteuid().is_root() {
            return; // rootless probing is covered end to end
        }
        let dir = tempfile::tempdir().unwrap();
        let p = probe_cached(dir.path(), false).unwrap();
        assert!(p.native, "{p:?}");
        assert!(dir.path().join(PROBE_FILE).exists());
        let left: Vec<_> = fs_err::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from(PROBE_FILE)]);
        assert_eq!(choose(dir.path(), false).unwrap(), Mount::Native);
    }
}
