//! Path resolution inside a tree that someone else controls (a container's
//! root file system, a volume): each step is an `openat` relative to the
//! directory reached so far, with `O_NOFOLLOW`; symlinks are read and
//! resolved here as if the tree's top were `/`, and `..` never climbs above
//! it. The kernel never follows a link on our behalf, so nothing a container
//! plants (before or during the walk) leads outside the tree.
//!
//! This is what `openat2(RESOLVE_IN_ROOT)` does in the kernel; it serves as
//! that call's fallback (kernels before 5.6, or `RPOD_NO_OPENAT2=1`) and as
//! the way to create what is missing on the way (`mkdir -p` inside a root).

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

/// What to create where the path does not exist yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Create {
    /// Nothing: a missing component is ENOENT.
    Nothing,
    /// Directories (mode 0755 before the umask), the last one included.
    Dir,
    /// Directories on the way, and an empty regular file (0644) at the end.
    File,
}

/// How symlinks met on the way are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Resolved inside the root (absolute ones from the root, `..` stops
    /// there), as `RESOLVE_IN_ROOT` does.
    InRoot,
    /// Refused with ELOOP (paths that are known to hold none, such as the
    /// mount points listed in /proc/self/mountinfo).
    Refuse,
}

/// Symlinks followed in one resolution before giving up (the kernel's limit).
const MAX_LINKS: u32 = 40;
/// How often one component is created and looked up again when someone
/// else removes it in between.
const MAX_RETRIES: u32 = 8;

fn components(path: &Path) -> impl DoubleEndedIterator<Item = OsString> + '_ {
    path.components().filter_map(|c| match c {
        Component::Normal(n) => Some(n.to_os_string()),
        Component::ParentDir => Some(OsString::from("..")),
        Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
    })
}

fn openat(dir: BorrowedFd<'_>, name: &OsStr, flags: OFlag, mode: Mode) -> Result<OwnedFd, Errno> {
    super::fs::openat(dir, name, flags, mode)
}

/// Opens `path` inside the tree at `root`, creating what `create` asks for,
/// and returns the final object opened with `flags` (`O_NOFOLLOW` in `flags`
/// leaves a final symlink unfollowed, as `open` does).
pub fn resolve(
    root: BorrowedFd<'_>,
    path: &Path,
    flags: OFlag,
    create: Create,
    links: Links,
) -> Result<OwnedFd, Errno> {
    // The directories walked into, the root excluded: `..` pops one.
    let mut dirs: Vec<OwnedFd> = Vec::new();
    let mut pending: Vec<OsString> = components(path).rev().collect();
    let mut followed = 0;
    let mut retries = 0;
    let final_nofollow = flags.contains(OFlag::O_NOFOLLOW);
    while let Some(name) = pending.pop() {
        let cur = dirs.last().map_or(root, AsFd::as_fd);
        if name == ".." {
            dirs.pop();
            continue;
        }
        let last = pending.is_empty();
        let fd = match openat(cur, &name, OFlag::O_PATH | OFlag::O_NOFOLLOW, Mode::empty()) {
            Ok(fd) => fd,
            Err(Errno::ENOENT) if create != Create::Nothing && retries < MAX_RETRIES => {
                retries += 1;
                let made = if last && create == Create::File {
                    openat(
                        cur,
                        &name,
                        OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW,
                        Mode::from_bits_truncate(0o644),
                    )
                    .map(drop)
                } else {
                    nix::sys::stat::mkdirat(
                        Some(cur.as_raw_fd()),
                        name.as_os_str(),
                        Mode::from_bits_truncate(0o755),
                    )
                };
                match made {
                    Ok(()) | Err(Errno::EEXIST) => {}
                    Err(e) => return Err(e),
                }
                pending.push(name);
                continue;
            }
            Err(e) => return Err(e),
        };
        retries = 0;
        let st = nix::sys::stat::fstat(fd.as_raw_fd())?;
        match st.st_mode & libc::S_IFMT {
            libc::S_IFLNK if !(last && final_nofollow) => {
                if links == Links::Refuse {
                    return Err(Errno::ELOOP);
                }
                followed += 1;
                if followed > MAX_LINKS {
                    return Err(Errno::ELOOP);
                }
                // An O_PATH descriptor of the link itself: readlinkat(fd, "").
                let target = nix::fcntl::readlinkat(Some(fd.as_raw_fd()), "")?;
                let target = Path::new(&target);
                if target.as_os_str().as_bytes().first() == Some(&b'/') {
                    dirs.clear();
                }
                pending.extend(components(target).rev());
            }
            libc::S_IFDIR if !last => dirs.push(fd),
            _ if !last => return Err(Errno::ENOTDIR),
            _ => {
                if flags.contains(OFlag::O_PATH) && final_nofollow {
                    return Ok(fd);
                }
                // Reopened by name, never following: a swap since the
                // look-up gives ELOOP rather than another file.
                return openat(cur, &name, flags | OFlag::O_NOFOLLOW, Mode::empty());
            }
        }
    }
    // The path ended on a directory reached through `..` or a link to one.
    let cur = dirs.last().map_or(root, AsFd::as_fd);
    openat(
        cur,
        OsStr::new("."),
        flags & !OFlag::O_NOFOLLOW,
        Mode::empty(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn target_of(fd: &OwnedFd) -> std::path::PathBuf {
        std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap()
    }

    fn setup() -> (tempfile::TempDir, std::path::PathBuf, OwnedFd) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        std::fs::write(root.join("a/file"), "in").unwrap();
        symlink("/a", root.join("abs")).unwrap();
        symlink("../../../../outside", root.join("a/up")).unwrap();
        symlink("/outside/new", root.join("dangling")).unwrap();
        symlink("loop2", root.join("loop1")).unwrap();
        symlink("loop1", root.join("loop2")).unwrap();
        symlink("file", root.join("a/tofile")).unwrap();
        let fd = super::super::fs::open_dir(&root).unwrap();
        (dir, root, fd)
    }

    #[test]
    fn links_resolve_inside_the_root() {
        let (_d, root, fd) = setup();
        let r = |p: &str| {
            resolve(
                fd.as_fd(),
                Path::new(p),
                OFlag::O_PATH,
                Create::Nothing,
                Links::InRoot,
            )
        };
        assert_eq!(target_of(&r("abs/b").unwrap()), root.join("a/b"));
        assert_eq!(target_of(&r("/a/../../../a/b/..").unwrap()), root.join("a"));
        // "../../../../outside" climbs to the root and stops: root/outside.
        assert_eq!(r("a/up").err(), Some(Errno::ENOENT));
        assert_eq!(r("loop1").err(), Some(Errno::ELOOP));
        assert_eq!(r("a/file/x").err(), Some(Errno::ENOTDIR));
        assert_eq!(target_of(&r("a/tofile").unwrap()), root.join("a/file"));
        // O_NOFOLLOW: the final link itself.
        let l = resolve(
            fd.as_fd(),
            Path::new("a/tofile"),
            OFlag::O_PATH | OFlag::O_NOFOLLOW,
            Create::Nothing,
            Links::InRoot,
        )
        .unwrap();
        assert_eq!(target_of(&l), root.join("a/tofile"));
        // Refuse: any link on the way is ELOOP.
        let refuse = resolve(
            fd.as_fd(),
            Path::new("abs/b"),
            OFlag::O_PATH,
            Create::Nothing,
            Links::Refuse,
        );
        assert_eq!(refuse.err(), Some(Errno::ELOOP));
        // Reading through the final open.
        let f = resolve(
            fd.as_fd(),
            Path::new("abs/tofile"),
            OFlag::O_RDONLY,
            Create::Nothing,
            Links::InRoot,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(format!("/proc/self/fd/{}", f.as_raw_fd())).unwrap(),
            "in"
        );
    }

    #[test]
    fn creation_follows_links_inside_and_never_outside() {
        let (d, root, fd) = setup();
        let c = |p: &str, k| resolve(fd.as_fd(), Path::new(p), OFlag::O_PATH, k, Links::InRoot);
        // A dangling absolute link is created at its target inside the root.
        let made = c("dangling/x", Create::Dir).unwrap();
        assert_eq!(target_of(&made), root.join("outside/new/x"));
        let file = c("a/up/f", Create::File).unwrap();
        assert_eq!(target_of(&file), root.join("outside/f"));
        assert!(root.join("outside/f").is_file());
        assert_eq!(
            std::fs::read_dir(d.path().join("outside")).unwrap().count(),
            0
        );
        // Deep paths: every level is made.
        let deep = c("a/1/2/3/4/5/6/7/8/9/10/11/12", Create::Dir).unwrap();
        assert_eq!(target_of(&deep), root.join("a/1/2/3/4/5/6/7/8/9/10/11/12"));
        // Something not a directory on the way stays an error.
        assert_eq!(c("a/file/x", Create::Dir).err(), Some(Errno::ENOTDIR));
    }
}
