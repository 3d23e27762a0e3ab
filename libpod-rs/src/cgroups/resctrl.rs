//! `--rdt-class`: Intel RDT's resctrl file system, where a class of service
//! (a cache share) is a directory the administrator made under
//! `/sys/fs/resctrl`, and a process joins it by writing its PID to the
//! class's `tasks` file (crun's `intelrdt.c` does the same, with the same
//! messages). Writing there needs root: rootless it fails as crun's does.

use std::path::{Path, PathBuf};

use super::{Error, Result};

/// Where the resctrl file system is mounted.
pub const MOUNT_POINT: &str = "/sys/fs/resctrl";

/// The resctrl file system's magic number (`RDTGROUP_SUPER_MAGIC`).
const RDTGROUP_SUPER_MAGIC: i64 = 0x7655821;

/// Checks a class name: one directory of the resctrl tree, never a path.
pub fn check_class(class: &str) -> std::result::Result<(), String> {
    if class.is_empty() || class.contains('/') || class == "." || class == ".." {
        return Err("use the name of a class of service: a directory under /sys/fs/resctrl".into());
    }
    Ok(())
}

/// Moves process `pid` into class of service `class` (created beforehand
/// by the administrator); `root` is the resctrl mount point.
pub fn assign(root: &Path, class: &str, pid: i32) -> Result<()> {
    let unsupported = |m: String| Error::Unsupported(m);
    match nix::sys::statfs::statfs(root) {
        Err(e) => {
            return Err(unsupported(format!(
                "statfs `{}`: {}: --rdt-class needs the resctrl file system (mount -t resctrl resctrl {MOUNT_POINT}, as root)",
                root.display(),
                e.desc()
            )))
        }
        Ok(s) if s.filesystem_type().0 != RDTGROUP_SUPER_MAGIC => {
            return Err(unsupported(format!(
                "the resctl file system is not mounted: mount -t resctrl resctrl {MOUNT_POINT} (as root) to use --rdt-class"
            )))
        }
        Ok(_) => {}
    }
    let dir: PathBuf = root.join(class);
    if !dir.is_dir() {
        return Err(unsupported(format!(
            "the resctl group `{class}` does not exist: create {} (as root) before using --rdt-class",
            dir.display()
        )));
    }
    super::write(&dir.join("tasks"), &pid.to_string())
}
