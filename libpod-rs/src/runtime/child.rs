//! What the cloned child does between `clone` and `execve`: wait for its id
//! maps, build the container's file system (overlay, mounts, /dev, masked
//! and read-only paths, pivot_root), then set hostname, rlimits, terminal,
//! user, capabilities and no_new_privs, and exec the command.
//!
//! Everything it needs was computed by the parent in a [`Plan`]; failures are
//! reported to the parent over the close-on-exec channel (`message.rs`) and
//! end the child with the exit code they carry (the fork primitive's
//! `_exit`).

use std::ffi::CString;
use std::fmt::Display;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use fs_err::os::unix::fs::OpenOptionsExt;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use nix::sys::resource::{setrlimit, Resource};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::stat::Mode;
use nix::unistd::{self, Gid, Uid};

use super::message::{ChildEnd, FromChild, FromParent};
use crate::sys::{self, caps};

/// A mount to perform; its destination is resolved inside the root by the
/// child (`rootfs.rs`), by descriptor.
#[derive(Debug, Clone)]
pub(crate) struct PlannedMount {
    pub source: Option<PathBuf>,
    pub destination: String,
    pub fstype: Option<String>,
    pub flags: MsFlags,
    pub data: String,
    pub bind: bool,
    pub source_is_file: bool,
    pub propagation: MsFlags,
    /// Copy the rootfs's content at the destination into the (empty)
    /// source directory before mounting (a volume), or into the new mount
    /// once made (a tmpfs with `tmpcopyup`).
    pub copy_up: bool,
}

/// A device node the child makes (`linux.devices`).
#[derive(Debug, Clone)]
pub(crate) struct PlannedDevice {
    /// Its path below the container's root (`dev/fuse`).
    pub path: PathBuf,
    /// `S_IFCHR` or `S_IFBLK`.
    pub kind: nix::sys::stat::SFlag,
    /// `makedev(major, minor)`.
    pub rdev: u64,
    /// Permission bits.
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
}

/// How the child mounts the root file system on `Plan::merged`.
#[derive(Debug)]
pub(crate) enum RootMount {
    /// The kernel's overlayfs, with these options.
    Overlay(String),
    /// A FUSE mount that the parent has fuse-overlayfs serve.
    Fuse,
    /// A bind mount of the directory onto itself (vfs).
    Bind,
}

/// Everything the child needs, prepared before `clone`.
#[derive(Debug)]
pub(crate) struct Plan {
    pub userns: bool,
    /// The caller's own uid or gid is not mapped in the new user namespace
    /// (`--userns=nomap`/`auto`, `--uidmap 0:1:N`): what needs the caller's
    /// access to its store (mounting the root, opening bind sources) is
    /// done before the child becomes root there, as crun does for podman.
    pub late_root: bool,
    pub new_netns: bool,
    pub merged: PathBuf,
    pub root_mount: RootMount,
    /// The daemon the parent starts for `RootMount::Fuse`.
    pub fuse: Option<super::fuse::Daemon>,
    pub mounts: Vec<PlannedMount>,
    pub masked: Vec<String>,
    pub readonly: Vec<String>,
    pub readonly_root: bool,
    /// Test hook (`RPOD_TEST_COPY_UP_HOLD`): a fifo the child waits on right
    /// before a copy-up, so that a test can change the volume in between.
    pub copy_up_hold: Option<PathBuf>,
    pub hostname: Option<String>,
    /// Make `/etc/mtab` a link to `/proc/mounts` when it is missing.
    pub etc_mtab: bool,
    /// `linux.sysctl`: `/proc/sys` files and their values.
    pub sysctls: Vec<(String, String)>,
    /// `linux.devices`: nodes made in the container (rootful).
    pub devices: Vec<PlannedDevice>,
    pub rlimits: Vec<(Resource, u64, u64)>,
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    /// Keep the supplementary groups we were started with (crun's
    /// `run.oci.keep_original_groups`, `--group-add keep-groups`).
    pub keep_groups: bool,
    /// `process.user.umask`.
    pub umask: Option<u32>,
    pub cwd: PathBuf,
    /// The working directory was given by the user (`--workdir`): it is
    /// not made when missing, as podman makes only the image's.
    pub workdir_must_exist: bool,
    pub bounding: u64,
    pub effective: u64,
    pub permitted: u64,
    pub inheritable: u64,
    pub ambient: u64,
    pub no_new_privs: bool,
    pub terminal: bool,
    pub stdin_null: bool,
    pub stdio: Option<[std::os::fd::RawFd; 3]>,
    /// Descriptors 3..3+N are left open for the command (`--preserve-fds`).
    pub preserve_fds: u32,
    pub init: bool,
    /// `linux.personality` (`--personality`): the persona set before exec.
    pub personality: Option<libc::c_ulong>,
    /// rpod-init pauses instead of running the command (a kube service
    /// container's process).
    pub pause: bool,
    pub args: Vec<CString>,
    pub env: Vec<CString>,
    pub old_sigmask: SigSet,
    pub seccomp: super::seccomp::Compiled,
}

/// What the child keeps of the parent's: its end of the channel, the pipe
/// rpod-init reports on, and rpod-init itself.
pub(crate) struct ChildFds {
    pub chan: ChildEnd,
    /// The write end of rpod-init's report pipe (its descriptor 3).
    pub init_report: OwnedFd,
    /// The sealed rpod-init image the command is exec'd through.
    pub entry: OwnedFd,
}

/// An existing namespace to join, opened by the parent.
pub(crate) struct Join {
    /// `user`, `network`, ... for messages.
    pub name: &'static str,
    /// Its `CLONE_NEW*` flag.
    pub flag: nix::sched::CloneFlags,
    /// The open namespace file.
    pub file: std::fs::File,
}

/// A failure in the child: exit code and message for the parent.
pub(crate) struct Failure {
    pub(super) code: u8,
    pub(super) msg: String,
}

pub(super) fn fail(step: impl Display, e: Errno) -> Failure {
    Failure {
        code: 125,
        msg: format!("{step}: {}", e.desc()),
    }
}

/// The child's side: sets the container up and execs its command; returns
/// (with the exit code to end with) only after reporting a failure.
pub(crate) fn run(plan: &Plan, fds: &ChildFds) -> u8 {
    let f = match setup_and_exec(plan, fds) {
        Ok(never) => match never {},
        Err(f) => f,
    };
    report(f, &fds.chan)
}

/// Sends a failure to the parent; returns the exit code to end with.
pub(super) fn report(f: Failure, chan: &ChildEnd) -> u8 {
    let _ = chan.send(&FromChild::Failed {
        code: f.code,
        message: f.msg,
    });
    f.code
}

/// The helper between the parent and a container that joins existing
/// namespaces: joins them (the user namespace first, which grants the
/// capabilities the others need), clones the container with the remaining
/// `CLONE_NEW*` flags as a sibling (`CLONE_PARENT`, so the parent reaps it)
/// and sends its pid. Returns the helper's exit code.
pub(crate) fn join_then_run(
    plan: &Plan,
    flags: nix::sched::CloneFlags,
    joins: &[Join],
    fds: &ChildFds,
) -> u8 {
    for j in joins {
        if let Err(e) = nix::sched::setns(j.file.as_fd(), j.flag) {
            return report(
                fail(format!("joining the {} namespace", j.name), e),
                &fds.chan,
            );
        }
    }
    let flags = flags | nix::sched::CloneFlags::CLONE_PARENT;
    match sys::process::clone_then(flags, || run(plan, fds)) {
        Err(e) => report(fail("cloning the container process", e), &fds.chan),
        Ok(pid) => {
            let _ = fds.chan.send(&FromChild::Cloned { pid: pid.as_raw() });
            0
        }
    }
}

fn mnt(
    source: Option<&Path>,
    target: &Path,
    fstype: Option<&str>,
    flags: MsFlags,
    data: Option<&str>,
) -> Result<(), Errno> {
    mount(source, target, fstype, flags, data)
}

pub(super) fn setup_terminal(plan: &Plan, chan: &ChildEnd) -> Result<(), Failure> {
    if plan.terminal {
        unistd::setsid().map_err(|e| fail("creating session", e))?;
        let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
            .map_err(|e| fail("opening /dev/ptmx", e))?;
        nix::pty::grantpt(&master).map_err(|e| fail("grantpt", e))?;
        nix::pty::unlockpt(&master).map_err(|e| fail("unlockpt", e))?;
        let name = nix::pty::ptsname_r(&master).map_err(|e| fail("ptsname", e))?;
        let slave = fs_err::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(&name)
            .map_err(|e| fail(format!("opening {name}"), io_errno(&e)))?;
        sys::term::set_controlling(slave.as_fd())
            .map_err(|e| fail("setting the controlling terminal", e))?;
        chan.send_with_fd(&FromChild::Terminal, master.as_fd())
            .map_err(|e| fail(format!("sending the terminal to rpod: {e}"), Errno::EPIPE))?;
        for fd in 0..3 {
            unistd::dup2(slave.as_raw_fd(), fd).map_err(|e| fail("dup2 terminal", e))?;
        }
        drop(slave);
        drop(master);
    } else if let Some(fds) = plan.stdio {
        for (target, fd) in fds.into_iter().enumerate() {
            unistd::dup2(fd, target as i32).map_err(|e| fail("dup2 stdio", e))?;
        }
    } else if plan.stdin_null {
        let null =
            fs_err::File::open("/dev/null").map_err(|e| fail("opening /dev/null", io_errno(&e)))?;
        unistd::dup2(null.as_raw_fd(), 0).map_err(|e| fail("dup2 /dev/null", e))?;
    }
    Ok(())
}

pub(super) fn io_errno(e: &std::io::Error) -> Errno {
    Errno::from_raw(crate::sys::os_code(e).unwrap_or(libc::EIO))
}

pub(super) fn set_user_and_caps(plan: &Plan) -> Result<(), Failure> {
    for cap in 0..64u32 {
        if !caps::known(cap) {
            break;
        }
        if plan.bounding & (1 << cap) == 0 {
            caps::bound_drop(cap).map_err(|e| fail("dropping from the bounding set", e))?;
        }
    }
    nix::sys::prctl::set_keepcaps(true).map_err(|e| fail("keeping capabilities", e))?;
    let groups: Vec<Gid> = plan
        .additional_gids
        .iter()
        .map(|g| Gid::from_raw(*g))
        .collect();
    if !plan.keep_groups {
        unistd::setgroups(&groups).map_err(|e| fail("setting supplementary groups", e))?;
    }
    if let Some(m) = plan.umask {
        nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(m));
    }
    let gid = Gid::from_raw(plan.gid);
    unistd::setresgid(gid, gid, gid).map_err(|e| fail(format!("setting gid {}", plan.gid), e))?;
    let uid = Uid::from_raw(plan.uid);
    unistd::setresuid(uid, uid, uid).map_err(|e| fail(format!("setting uid {}", plan.uid), e))?;
    caps::set(plan.effective, plan.permitted, plan.inheritable)
        .map_err(|e| fail("setting capabilities", e))?;
    caps::ambient_clear().map_err(|e| fail("clearing ambient capabilities", e))?;
    for cap in 0..64u32 {
        if plan.ambient & (1 << cap) != 0 {
            caps::ambient_raise(cap).map_err(|e| fail("raising ambient capabilities", e))?;
        }
    }
    Ok(())
}

/// Mounts the root file system on `plan.merged`.
fn mount_root(plan: &Plan, chan: &ChildEnd) -> Result<(), Failure> {
    let merged = &plan.merged;
    match &plan.root_mount {
        RootMount::Overlay(data) => mnt(
            Some(Path::new("overlay")),
            merged,
            Some("overlay"),
            MsFlags::empty(),
            Some(data.as_str()),
        )
        .map_err(|e| fail(format!("mounting overlay on {}", merged.display()), e)),
        RootMount::Bind => mnt(
            Some(merged),
            merged,
            None,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None,
        )
        .map_err(|e| fail(format!("bind mounting {}", merged.display()), e)),
        RootMount::Fuse => {
            let dev = fs_err::OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_CLOEXEC)
                .open("/dev/fuse")
                .map_err(|e| fail("opening /dev/fuse for fuse-overlayfs", io_errno(&e)))?;
            let data = crate::layer::overlay::fuse_mount_options(dev.as_raw_fd());
            mnt(
                Some(Path::new(crate::layer::overlay::FUSE_OVERLAYFS)),
                merged,
                Some("fuse.fuse-overlayfs"),
                MsFlags::empty(),
                Some(data.as_str()),
            )
            .map_err(|e| {
                fail(
                    format!("mounting a FUSE file system on {}", merged.display()),
                    e,
                )
            })?;
            chan.send_with_fd(&FromChild::Fuse, dev.as_fd())
                .map_err(|e| {
                    fail(
                        format!("sending the FUSE connection to rpod: {e}"),
                        Errno::EPIPE,
                    )
                })?;
            drop(dev);
            // The parent's go once the daemon serves the mount; without it
            // the parent has the daemon's own error and reports that.
            match chan.recv() {
                Ok(Some(FromParent::Fuse { serving: true })) => Ok(()),
                _ => Err(fail("starting fuse-overlayfs", Errno::EIO)),
            }
        }
    }
}

/// As podman: `/etc/mtab` (which mount tools read) is a link to
/// `/proc/mounts` when the container's /etc, a real directory, has none.
/// Resolved after pivot_root: nothing outside the container is reached.
/// Best effort (a read-only root keeps what it has).
fn etc_mtab() {
    let etc_is_dir = fs_err::symlink_metadata("/etc").is_ok_and(|m| m.is_dir());
    let missing = fs_err::symlink_metadata("/etc/mtab")
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if etc_is_dir && missing {
        let _ = fs_err::os::unix::fs::symlink("/proc/mounts", "/etc/mtab");
    }
}

/// Becomes root (uid and gid 0) of the new user namespace.
fn become_root() -> Result<(), Failure> {
    let root = Gid::from_raw(0);
    unistd::setresgid(root, root, root).map_err(|e| fail("becoming gid 0", e))?;
    let root = Uid::from_raw(0);
    unistd::setresuid(root, root, root).map_err(|e| fail("becoming uid 0", e))?;
    // When root here is not our own uid outside (keep-id, --uidmap),
    // the kernel has just made us non-dumpable, and rpod (the parent)
    // could no longer open our /proc files (the FUSE daemon joins our
    // user namespace through them). Nothing else runs in the
    // namespace yet; the exec that follows decides afresh.
    nix::sys::prctl::set_dumpable(true).map_err(|e| fail("staying dumpable", e))
}

fn setup_and_exec(plan: &Plan, fds: &ChildFds) -> Result<std::convert::Infallible, Failure> {
    sys::process::reset_signal_dispositions();
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&plan.old_sigmask), None);
    let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);

    // Wait for the parent: id maps written (or an abort when it closes).
    match fds.chan.recv() {
        Ok(Some(FromParent::Proceed)) => {}
        _ => return Err(fail("waiting for rpod", Errno::EPIPE)),
    }

    if plan.userns && !plan.late_root {
        become_root()?;
    }
    if plan.new_netns {
        sys::net::loopback_up().map_err(|e| fail("bringing up lo", e))?;
    }

    mnt(
        None,
        Path::new("/"),
        None,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None,
    )
    .map_err(|e| fail("making / private", e))?;
    mount_root(plan, &fds.chan)?;
    // Opened once mounted: the descriptor every path inside the root is
    // resolved from.
    let root = sys::fs::open(
        &plan.merged,
        OFlag::O_PATH | OFlag::O_DIRECTORY,
        Mode::empty(),
    )
    .map_err(|e| fail("opening the root file system", e))?;
    let sources = if plan.late_root {
        let sources = super::rootfs::open_bind_sources(plan)?;
        become_root()?;
        sources
    } else {
        Vec::new()
    };
    super::rootfs::build(plan, root.as_fd(), &sources)?;

    unistd::fchdir(root.as_raw_fd()).map_err(|e| fail("entering the root file system", e))?;
    drop(root);
    unistd::pivot_root(".", ".").map_err(|e| fail("pivot_root", e))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| fail("detaching the old root", e))?;
    unistd::chdir("/").map_err(|e| fail("chdir /", e))?;
    if plan.etc_mtab {
        etc_mtab();
    }

    // Before finish() makes /proc/sys read-only; this /proc is the
    // container's own, and the files are those of its namespaces.
    for (path, value) in &plan.sysctls {
        fs_err::write(path, value.as_bytes()).map_err(|e| {
            fail(
                format!("setting sysctl {path}={value}"),
                Errno::from_raw(crate::sys::os_code(&e).unwrap_or(libc::EIO)),
            )
        })?;
    }
    super::rootfs::finish(plan)?;
    if let Some(h) = &plan.hostname {
        unistd::sethostname(h).map_err(|e| fail("setting the hostname", e))?;
    }
    for (res, soft, hard) in &plan.rlimits {
        setrlimit(*res, *soft, *hard).map_err(|e| fail(format!("setting {res:?}"), e))?;
    }
    setup_terminal(plan, &fds.chan)?;
    if let Some(persona) = plan.personality {
        sys::process::set_personality(persona).map_err(|e| fail("setting the personality", e))?;
    }
    // Installed while we still hold CAP_SYS_ADMIN in our namespace, so
    // no_new_privs is not needed; everything after it is allowed by the
    // profiles we generate (setgroups, setresuid, capset, execve...).
    for prog in &plan.seccomp.programs {
        sys::process::seccomp_set_filter(prog, plan.seccomp.flags)
            .map_err(|e| fail("installing the seccomp filter", e))?;
    }
    set_user_and_caps(plan)?;
    unistd::chdir(&plan.cwd).map_err(|e| {
        fail(
            format!("changing to working directory {}", plan.cwd.display()),
            e,
        )
    })?;
    // Below 3+N (`--preserve-fds`) the flags stay as they are: what our
    // caller passed is not close-on-exec and passes (runtime::preserve_fds
    // marked those a `--preserve-fd` list leaves out), ours are and do not.
    sys::process::cloexec_from(3 + plan.preserve_fds)
        .map_err(|e| fail("marking inherited descriptors close-on-exec", e))?;
    if plan.no_new_privs {
        nix::sys::prctl::set_no_new_privs().map_err(|e| fail("setting no_new_privs", e))?;
    }
    // rpod-init execs the command (or stays as --init's PID 1): this
    // process's image, the rpod binary, is not left behind in the container.
    super::entry::exec(plan, &fds.entry, &fds.init_report)
}
