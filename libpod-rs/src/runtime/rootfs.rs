//! The container's file system as the child builds it: before `pivot_root`
//! the spec's mounts (with volume copy-up), /dev and the working directory;
//! after it the masked and read-only paths.
//!
//! Everything under the container's root is hostile input: the image chose
//! its symlinks, and a container (or another one sharing a volume) may have
//! changed them since, even while we work. So every path inside the root is
//! resolved by descriptor inside it (`sys::resolve_in_root`: openat2
//! `RESOLVE_IN_ROOT`, or a component walk that never lets the kernel follow
//! a link), missing directories are made with `mkdirat` on the way, and
//! every mount lands on the descriptor so resolved (`move_mount`, or
//! `mount(2)` on its `/proc/self/fd/N`). Copy-up (`copy_up.rs`) writes
//! only relative to the volume's descriptor. Nothing outside the root (or
//! the volume) can be created, mounted on, chowned or written.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::mount::{mount, MsFlags};
use nix::sys::stat::{Mode, SFlag};
use nix::unistd::UnlinkatFlags;

use super::child::{fail, Failure, Plan, PlannedMount};
use crate::sys::{self as fsys, mount as m, Create};

/// The attributes bind mounts may carry, as `MOUNT_ATTR_*` bits to set and
/// to clear, from their `MS_*` flags.
fn bind_attrs(flags: MsFlags) -> (u64, u64) {
    let mut set = 0;
    let mut clear = 0;
    for (f, a) in [
        (MsFlags::MS_RDONLY, m::ATTR_RDONLY),
        (MsFlags::MS_NOSUID, m::ATTR_NOSUID),
        (MsFlags::MS_NODEV, m::ATTR_NODEV),
        (MsFlags::MS_NOEXEC, m::ATTR_NOEXEC),
        (MsFlags::MS_NODIRATIME, m::ATTR_NODIRATIME),
    ] {
        if flags.contains(f) {
            set |= a;
        }
    }
    for (f, a) in [
        (MsFlags::MS_NOATIME, m::ATTR_NOATIME),
        (MsFlags::MS_STRICTATIME, m::ATTR_STRICTATIME),
        (MsFlags::MS_RELATIME, 0),
    ] {
        if flags.contains(f) {
            set |= a;
            clear |= m::ATTR_ATIME_MASK;
        }
    }
    (set, clear)
}

/// The `MS_*` flags a bind remount changes (the rest are refused or
/// meaningless there).
const REMOUNT_FLAGS: MsFlags = MsFlags::MS_RDONLY
    .union(MsFlags::MS_NOSUID)
    .union(MsFlags::MS_NODEV)
    .union(MsFlags::MS_NOEXEC)
    .union(MsFlags::MS_NOATIME)
    .union(MsFlags::MS_NODIRATIME)
    .union(MsFlags::MS_RELATIME)
    .union(MsFlags::MS_STRICTATIME);

/// Flags a bind remount must keep (the kernel refuses to clear locked ones).
fn locked_flags(fd: BorrowedFd<'_>) -> MsFlags {
    use nix::sys::statvfs::FsFlags;
    let mut out = MsFlags::empty();
    if let Ok(st) = nix::sys::statvfs::fstatvfs(fd) {
        let f = st.flags();
        for (s, m) in [
            (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
            (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
            (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
            (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
            (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
            (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
        ] {
            if f.contains(s) {
                out |= m;
            }
        }
    }
    out
}

/// Remounts the bind mount whose root is open at `fd` with `flags` added.
fn remount(fd: BorrowedFd<'_>, flags: MsFlags) -> Result<(), Errno> {
    let all = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | flags | locked_flags(fd);
    mount(
        None::<&str>,
        &m::fd_path(fd),
        None::<&str>,
        all,
        None::<&str>,
    )
}

/// Remounts the mount open at `top` and, when `recursive`, every mount
/// below it, adding `flags`: what `mount_setattr(AT_RECURSIVE)` does, for
/// kernels without it. The submounts are found in /proc/self/mountinfo and
/// opened refusing symlinks (mount points have none).
fn remount_tree(top: BorrowedFd<'_>, flags: MsFlags, recursive: bool) -> Result<(), Errno> {
    remount(top, flags)?;
    if !recursive {
        return Ok(());
    }
    let top_path = fs_err::read_link(m::fd_path(top)).map_err(|e| io_errno(&e))?;
    for sub in m::submounts_below(&top_path).map_err(|e| io_errno(&e))? {
        let fd = match fsys::open_no_symlinks(&sub, OFlag::O_PATH) {
            Ok(fd) => fd,
            // Covered by a later mount, or gone: nothing to make read-only.
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(e),
        };
        match remount(fd.as_fd(), flags) {
            // Not the root of a mount (a path mounted over since).
            Ok(()) | Err(Errno::EINVAL) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Bind-mounts the object open at `src` on the one open at `target` (with
/// its submounts when `recursive`), with `flags`' attributes on every mount
/// of the new tree, then `propagation`. `reopen` opens the target again
/// once mounted on (the legacy path's way to reach the new mount).
fn bind(
    src: BorrowedFd<'_>,
    target: BorrowedFd<'_>,
    recursive: bool,
    flags: MsFlags,
    propagation: MsFlags,
    reopen: &dyn Fn() -> Result<OwnedFd, Errno>,
) -> Result<(), Errno> {
    let (set, clear) = bind_attrs(flags);
    if m::new_api() {
        match m::clone_tree(src, Path::new(""), recursive) {
            Ok(tree) => {
                if set != 0 || clear != 0 {
                    m::set_attrs(tree.as_fd(), recursive, set, clear, 0)?;
                }
                m::move_mount_onto(tree.as_fd(), target)?;
                if !propagation.is_empty() {
                    let rec = propagation.contains(MsFlags::MS_REC);
                    let p = (propagation & !MsFlags::MS_REC).bits();
                    m::set_attrs(tree.as_fd(), rec, 0, 0, p)?;
                }
                return Ok(());
            }
            Err(Errno::ENOSYS) => {}
            Err(e) => return Err(e),
        }
    }
    let rec = if recursive {
        MsFlags::MS_REC
    } else {
        MsFlags::empty()
    };
    mount(
        Some(&m::fd_path(src)),
        &m::fd_path(target),
        None::<&str>,
        MsFlags::MS_BIND | rec,
        None::<&str>,
    )?;
    let extra = flags & REMOUNT_FLAGS;
    if extra.is_empty() && propagation.is_empty() {
        return Ok(());
    }
    let top = reopen()?;
    if !extra.is_empty() {
        remount_tree(top.as_fd(), extra, recursive)?;
    }
    if !propagation.is_empty() {
        mount(
            None::<&str>,
            &m::fd_path(top.as_fd()),
            None::<&str>,
            propagation,
            None::<&str>,
        )?;
    }
    Ok(())
}

fn io_errno(e: &std::io::Error) -> Errno {
    Errno::from_raw(crate::sys::os_code(e).unwrap_or(libc::EIO))
}

fn open_path(p: &Path) -> Result<OwnedFd, Errno> {
    fsys::fs::open(p, OFlag::O_PATH, Mode::empty())
}

/// The part of a destination below the root (`/a/b` → `a/b`).
fn rel(dest: &str) -> &Path {
    Path::new(dest.trim_start_matches('/'))
}

/// Builds the file system before `pivot_root`: the spec's mounts in order
/// (with copy-up), /dev right after its own mount (or at the end when the
/// spec has none), and the working directory.
pub(super) fn build(
    plan: &Plan,
    root: BorrowedFd<'_>,
    sources: &[Option<OwnedFd>],
) -> Result<(), Failure> {
    let mut dev_done = false;
    for (i, pm) in plan.mounts.iter().enumerate() {
        let opened = sources.get(i).and_then(Option::as_ref);
        do_mount(plan, pm, root, opened.map(AsFd::as_fd))?;
        if pm.destination == "/dev" && !dev_done {
            setup_dev(plan, root)?;
            dev_done = true;
        }
    }
    if !dev_done {
        setup_dev(plan, root)?;
    }
    if !plan.cwd.as_os_str().is_empty() {
        // A missing working directory is made when it is the image's (as
        // podman does); one that cannot be is reported by the chdir after
        // pivot_root. The user's must exist (or be on a mount).
        let cwd = plan.cwd.to_string_lossy();
        let missing = || {
            matches!(
                fsys::resolve_in_root(root, rel(&cwd), OFlag::O_PATH, Create::Nothing),
                Err(Errno::ENOENT)
            )
        };
        // Through a symlink, podman leaves it to the runtime, which makes it.
        if plan.workdir_must_exist && missing() && !through_symlink(root, rel(&cwd)) {
            return Err(Failure {
                code: 126,
                msg: format!("workdir {cwd:?} does not exist on container"),
            });
        }
        let _ = fsys::resolve_in_root(root, rel(&cwd), OFlag::O_PATH, Create::Dir);
    }
    Ok(())
}

/// Whether a component of `path` (below `root`) is a symlink. Each prefix
/// is looked at only after its parents were found to be real directories,
/// so no symlink is followed on the way.
fn through_symlink(root: BorrowedFd<'_>, path: &Path) -> bool {
    let mut prefix = std::path::PathBuf::new();
    for c in path.components() {
        prefix.push(c);
        match nix::sys::stat::fstatat(
            Some(root.as_raw_fd()),
            &prefix,
            AtFlags::AT_SYMLINK_NOFOLLOW,
        ) {
            Ok(st) if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFLNK => {
                return true
            }
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

/// The bind mounts' sources, opened now (one entry per planned mount):
/// for a child about to become an id that cannot reach them.
pub(super) fn open_bind_sources(plan: &Plan) -> Result<Vec<Option<OwnedFd>>, Failure> {
    plan.mounts
        .iter()
        .map(|pm| match (&pm.source, pm.bind) {
            (Some(src), true) => open_path(src).map(Some).map_err(|e| {
                fail(
                    format!("opening {} to mount on {}", src.display(), pm.destination),
                    e,
                )
            }),
            _ => Ok(None),
        })
        .collect()
}

fn do_mount(
    plan: &Plan,
    pm: &PlannedMount,
    root: BorrowedFd<'_>,
    opened: Option<BorrowedFd<'_>>,
) -> Result<(), Failure> {
    let step = |what: &str| format!("{what} {}", pm.destination);
    let dest = rel(&pm.destination);
    if pm.bind && pm.copy_up {
        if let Some(src) = &pm.source {
            let owned;
            let volume = match opened {
                Some(fd) => fd,
                None => {
                    owned = open_path(src)
                        .map_err(|e| fail(step("opening the volume to mount on"), e))?;
                    owned.as_fd()
                }
            };
            super::copy_up::copy_up(root, dest, volume, plan.copy_up_hold.as_deref())
                .map_err(|e| fail(step("copying the image's content into the volume at"), e))?;
        }
    }
    let kind = if pm.bind && pm.source_is_file {
        Create::File
    } else {
        Create::Dir
    };
    let target = fsys::resolve_in_root(root, dest, OFlag::O_PATH, kind)
        .map_err(|e| fail(step("creating mount point"), e))?;
    let reopen = || fsys::open_in_root(root, dest, OFlag::O_PATH);
    if pm.bind {
        let source = pm.source.as_deref().unwrap_or(Path::new(""));
        let owned;
        let src = match opened {
            Some(fd) => fd,
            None => {
                owned = open_path(source).map_err(|e| {
                    fail(
                        format!(
                            "opening {} to mount on {}",
                            source.display(),
                            pm.destination
                        ),
                        e,
                    )
                })?;
                owned.as_fd()
            }
        };
        let recursive = pm.flags.contains(MsFlags::MS_REC);
        let flags = pm.flags & !(MsFlags::MS_BIND | MsFlags::MS_REC);
        return bind(
            src.as_fd(),
            target.as_fd(),
            recursive,
            flags,
            pm.propagation,
            &reopen,
        )
        .map_err(|e| fail(step("bind mounting"), e));
    }
    // tmpfs copy-up: the image's directory there, opened before it is covered.
    let under = if pm.copy_up {
        fsys::open_in_root(root, dest, OFlag::O_RDONLY | OFlag::O_DIRECTORY).ok()
    } else {
        None
    };
    let data = (!pm.data.is_empty()).then_some(pm.data.as_str());
    let r = mount(
        pm.source.as_deref(),
        &m::fd_path(target.as_fd()),
        pm.fstype.as_deref(),
        pm.flags,
        data,
    );
    match r {
        Ok(()) => {}
        // sysfs in a user namespace that does not own the network
        // namespace (or a kernel that refuses it): bind the host's, with
        // its submounts, all read-only.
        Err(Errno::EPERM) if pm.fstype.as_deref() == Some("sysfs") => {
            let host = open_path(Path::new("/sys")).map_err(|e| fail("opening /sys", e))?;
            return bind(
                host.as_fd(),
                target.as_fd(),
                true,
                pm.flags | MsFlags::MS_RDONLY,
                pm.propagation,
                &reopen,
            )
            .map_err(|e| fail(step("bind mounting /sys on"), e));
        }
        Err(e) => {
            return Err(fail(
                format!(
                    "mounting {} on {}",
                    pm.fstype.as_deref().unwrap_or("?"),
                    pm.destination
                ),
                e,
            ))
        }
    }
    if let Some(from) = under {
        let to = fsys::open_in_root(root, dest, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
            .map_err(|e| fail(step("opening the new mount at"), e))?;
        super::copy_up::copy_into_tmpfs(from.as_fd(), to.as_fd())
            .map_err(|e| fail(step("copying the image's content into the tmpfs at"), e))?;
    }
    if !pm.propagation.is_empty() {
        let top = reopen().map_err(|e| fail(step("opening the new mount at"), e))?;
        mount(
            None::<&str>,
            &m::fd_path(top.as_fd()),
            None::<&str>,
            pm.propagation,
            None::<&str>,
        )
        .map_err(|e| fail(step("setting propagation of"), e))?;
    }
    Ok(())
}

const DEVICES: &[(&str, u64, u64)] = &[
    ("null", 1, 3),
    ("zero", 1, 5),
    ("full", 1, 7),
    ("random", 1, 8),
    ("urandom", 1, 9),
    ("tty", 5, 0),
];

/// Removes whatever is at `name` in `dir` that is not of the wanted kind
/// (an image's /dev may hold a symlink or a directory there).
fn clear_entry(dir: BorrowedFd<'_>, name: &str, keep: impl Fn(u32) -> bool) -> Result<(), Errno> {
    let st =
        match nix::sys::stat::fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(Errno::ENOENT) => return Ok(()),
            Err(e) => return Err(e),
        };
    let kind = st.st_mode & libc::S_IFMT;
    if keep(kind) {
        return Ok(());
    }
    let how = if kind == libc::S_IFDIR {
        UnlinkatFlags::RemoveDir
    } else {
        UnlinkatFlags::NoRemoveDir
    };
    match nix::unistd::unlinkat(Some(dir.as_raw_fd()), name, how) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(e) => Err(e),
    }
}

fn setup_dev(plan: &Plan, root: BorrowedFd<'_>) -> Result<(), Failure> {
    let dev = fsys::resolve_in_root(root, Path::new("dev"), OFlag::O_PATH, Create::Dir)
        .map_err(|e| fail("creating /dev", e))?;
    let dev = dev.as_fd();
    for (name, major, minor) in DEVICES {
        if plan.userns {
            // A user namespace cannot make device nodes: bind the host's
            // on an empty file.
            let made = clear_entry(dev, name, |k| k == libc::S_IFREG || k == libc::S_IFCHR)
                .and_then(|()| {
                    match fsys::fs::openat(
                        dev,
                        *name,
                        OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW,
                        Mode::from_bits_truncate(0o644),
                    ) {
                        Ok(fd) => {
                            drop(fd);
                            Ok(())
                        }
                        Err(Errno::EEXIST) => Ok(()),
                        Err(e) => Err(e),
                    }
                })
                .and_then(|()| {
                    fsys::fs::openat(dev, *name, OFlag::O_PATH | OFlag::O_NOFOLLOW, Mode::empty())
                });
            let target = made.map_err(|e| fail(format!("creating /dev/{name}"), e))?;
            let host = open_path(&Path::new("/dev").join(name))
                .map_err(|e| fail(format!("opening the host's /dev/{name}"), e))?;
            let reopen = || Err(Errno::EINVAL);
            bind(
                host.as_fd(),
                target.as_fd(),
                false,
                MsFlags::empty(),
                MsFlags::empty(),
                &reopen,
            )
            .map_err(|e| fail(format!("bind mounting /dev/{name}"), e))?;
        } else {
            clear_entry(dev, name, |_| false)
                .map_err(|e| fail(format!("removing /dev/{name}"), e))?;
            // mknod honours the umask: lift it for the call.
            let old = nix::sys::stat::umask(Mode::empty());
            let r = nix::sys::stat::mknodat(
                Some(dev.as_raw_fd()),
                *name,
                SFlag::S_IFCHR,
                Mode::from_bits_truncate(0o666),
                nix::sys::stat::makedev(*major, *minor),
            );
            nix::sys::stat::umask(old);
            r.map_err(|e| fail(format!("creating device /dev/{name}"), e))?;
        }
    }
    for d in &plan.devices {
        make_device(root, d)?;
    }
    for (link, to) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("ptmx", "pts/ptmx"),
        ("core", "/proc/kcore"),
    ] {
        let _ = nix::unistd::symlinkat(to, Some(dev.as_raw_fd()), link);
    }
    Ok(())
}

/// Makes one of the spec's device nodes (rootful: a user namespace cannot),
/// its directories first, owned and moded as the spec says.
fn make_device(root: BorrowedFd<'_>, d: &super::child::PlannedDevice) -> Result<(), Failure> {
    let shown = format!("/{}", d.path.display());
    let (Some(parent), Some(name)) = (d.path.parent(), d.path.file_name()) else {
        return Err(fail(format!("creating device {shown}"), Errno::EINVAL));
    };
    let dir = fsys::resolve_in_root(root, parent, OFlag::O_PATH, Create::Dir)
        .map_err(|e| fail(format!("creating the directory of {shown}"), e))?;
    let name = name.to_string_lossy();
    clear_entry(dir.as_fd(), &name, |_| false).map_err(|e| fail(format!("removing {shown}"), e))?;
    let old = nix::sys::stat::umask(Mode::empty());
    let r = nix::sys::stat::mknodat(
        Some(dir.as_raw_fd()),
        name.as_ref(),
        d.kind,
        Mode::from_bits_truncate(d.mode),
        d.rdev,
    );
    nix::sys::stat::umask(old);
    r.map_err(|e| fail(format!("creating device {shown}"), e))?;
    nix::unistd::fchownat(
        Some(dir.as_raw_fd()),
        name.as_ref(),
        Some(nix::unistd::Uid::from_raw(d.uid)),
        Some(nix::unistd::Gid::from_raw(d.gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )
    .map_err(|e| fail(format!("changing the owner of {shown}"), e))
}

/// After `pivot_root`: masks (an empty read-only tmpfs over directories,
/// the container's /dev/null over files) and read-only paths (recursively),
/// each resolved inside the new root; then the root itself read-only when
/// asked.
pub(super) fn finish(plan: &Plan) -> Result<(), Failure> {
    let root = fsys::fs::open("/", OFlag::O_PATH | OFlag::O_DIRECTORY, Mode::empty())
        .map_err(|e| fail("opening the container's root", e))?;
    let root = root.as_fd();
    let mut null: Option<OwnedFd> = None;
    for p in &plan.masked {
        let path = rel(p);
        let fd = match fsys::open_in_root(root, path, OFlag::O_PATH) {
            Ok(fd) => fd,
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(fail(format!("masking {p}"), e)),
        };
        let st =
            nix::sys::stat::fstat(fd.as_raw_fd()).map_err(|e| fail(format!("masking {p}"), e))?;
        let r = if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
            mount(
                Some("tmpfs"),
                &m::fd_path(fd.as_fd()),
                Some("tmpfs"),
                MsFlags::MS_RDONLY,
                Some("size=0"),
            )
        } else {
            if null.is_none() {
                null = Some(dev_null(root)?);
            }
            let reopen = || Err(Errno::EINVAL);
            let src = null.as_ref().map(|n| n.as_fd()).ok_or(Errno::EBADF);
            src.and_then(|src| {
                bind(
                    src,
                    fd.as_fd(),
                    false,
                    MsFlags::empty(),
                    MsFlags::empty(),
                    &reopen,
                )
            })
        };
        match r {
            Ok(()) | Err(Errno::ENOENT) => {}
            Err(e) => return Err(fail(format!("masking {p}"), e)),
        }
    }
    for p in &plan.readonly {
        let path = rel(p);
        let fd = match fsys::open_in_root(root, path, OFlag::O_PATH) {
            Ok(fd) => fd,
            Err(Errno::ENOENT) => continue,
            Err(e) => return Err(fail(format!("opening read-only path {p}"), e)),
        };
        let reopen = || fsys::open_in_root(root, path, OFlag::O_PATH);
        match bind(
            fd.as_fd(),
            fd.as_fd(),
            true,
            MsFlags::MS_RDONLY,
            MsFlags::empty(),
            &reopen,
        ) {
            Ok(()) | Err(Errno::ENOENT) => {}
            Err(e) => return Err(fail(format!("making {p} read-only"), e)),
        }
    }
    if plan.readonly_root {
        // Only the root's own mount: volumes and tmpfs mounts stay
        // writable. By path: "/" is the container's own now.
        let flags =
            MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | locked_flags(root);
        mount(None::<&str>, "/", None::<&str>, flags, None::<&str>)
            .map_err(|e| fail("remounting / read-only", e))?;
    }
    Ok(())
}

/// The container's /dev/null (bound from the host's or made by us), checked
/// to be the null device: the source for masking files.
fn dev_null(root: BorrowedFd<'_>) -> Result<OwnedFd, Failure> {
    let fd = fsys::open_in_root(
        root,
        Path::new("dev/null"),
        OFlag::O_PATH | OFlag::O_NOFOLLOW,
    )
    .map_err(|e| fail("opening /dev/null", e))?;
    let st = nix::sys::stat::fstat(fd.as_raw_fd()).map_err(|e| fail("opening /dev/null", e))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFCHR || st.st_rdev != nix::sys::stat::makedev(1, 3) {
        return Err(fail("/dev/null is not the null device", Errno::EINVAL));
    }
    Ok(fd)
}
