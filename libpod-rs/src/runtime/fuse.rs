//! fuse-overlayfs as the container's root: the parent's half.
//!
//! The container's child mounts the FUSE file system itself, in its own
//! user and mount namespaces (it opens /dev/fuse and mounts with `fd=N`),
//! and passes the /dev/fuse descriptor here. We start fuse-overlayfs on
//! that descriptor (libfuse's `/dev/fd/N` mount point: "already mounted by
//! the caller"), as root of the container's user namespace so that the
//! owners it writes in the upper directory are the container's, and tell
//! the child to go on once the daemon runs.
//!
//! Lifetime: the daemon is in the container's user namespace but not in
//! its mount namespace (it stays in ours, where the layer paths are the
//! same) nor in its PID namespace (the container cannot see or kill it).
//! The only mount it serves is in the container's mount namespace, which
//! ends with the container's last process: the kernel then aborts the
//! FUSE connection and the daemon exits by itself. Nothing records it
//! and nothing has to stop it. (Were it started inside the container's
//! mount namespace, it would keep that namespace, and so its own mount,
//! alive for ever.) It daemonizes (double fork, setsid), so it is no
//! process's child once started.

use std::ffi::CString;
use std::io::Read;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use nix::fcntl::OFlag;
use nix::sys::signal::{SigSet, SigmaskHow};
use nix::sys::stat::Mode;
use nix::sys::wait::WaitStatus;
use nix::unistd::{Gid, Pid, Uid};

use crate::sys;

/// The daemon to start for a container's overlay root.
#[derive(Debug, Clone)]
pub(crate) struct Daemon {
    /// fuse-overlayfs.
    pub program: PathBuf,
    /// Its `-o` options: `lowerdir=…,upperdir=…,workdir=…[,volatile]`.
    pub options: String,
    /// The user namespace the daemon runs in.
    pub userns: DaemonNs,
}

/// Where the daemon runs, for the owners it reads and writes.
#[derive(Debug, Clone)]
pub(crate) enum DaemonNs {
    /// The container's (its root), when the container has the layers'
    /// mapping (or none).
    Container,
    /// For a container whose id maps differ from the layers' (keep-id,
    /// `--uidmap`), rootless: a user namespace of its own with the
    /// layers' mapping (rpod's), where the stored owners read as the
    /// container ids they stand for. The kernel takes the ids it reports
    /// as the container's, so the image's root files are root's there.
    Own(crate::userns::IdMappings),
    /// The same, rootful: the host's ids are the layers'.
    Caller,
}

/// The descriptor number the daemon gets the connection on.
const FUSE_FD: i32 = 3;

/// Starts `d` serving the FUSE connection `dev` that container process
/// `pid` mounted (as root of its user namespace when `userns`); returns
/// once the daemon runs, or with what it printed when it could not start.
/// `mask` is the signal mask to restore in the daemon.
///
/// The caller must be single-threaded (it forks).
pub(crate) fn spawn(
    d: &Daemon,
    pid: Pid,
    userns: bool,
    dev: OwnedFd,
    mask: &SigSet,
) -> Result<(), String> {
    spawn_in(d, Some(pid).filter(|_| userns), None, dev, mask)
}

/// [`spawn`], the daemon joining the user namespace of `userns_of` (when
/// given) and the mount namespace `mount_ns` (when given) before it runs.
fn spawn_in(
    d: &Daemon,
    userns_of: Option<Pid>,
    mount_ns: Option<&OwnedFd>,
    dev: OwnedFd,
    mask: &SigSet,
) -> Result<(), String> {
    let name = d.program.display().to_string();
    let fail = |what: &str, e: nix::Error| format!("starting {name}: {what}: {}", e.desc());
    // Everything is prepared before the fork: the child only makes syscalls.
    let ns = if let Some(pid) = userns_of.filter(|_| matches!(d.userns, DaemonNs::Container)) {
        Some(
            sys::fs::open(
                format!("/proc/{pid}/ns/user").as_str(),
                OFlag::O_RDONLY,
                Mode::empty(),
            )
            .map_err(|e| fail("opening the container's user namespace", e))?,
        )
    } else {
        None
    };
    let null = sys::fs::open("/dev/null", OFlag::O_RDWR, Mode::empty())
        .map_err(|e| fail("opening /dev/null", e))?;
    let (err_r, err_w) = sys::fs::pipe().map_err(|e| fail("creating a pipe", e))?;
    let cstr = |s: &[u8]| {
        CString::new(s).map_err(|_| format!("starting {name}: a NUL byte in its arguments"))
    };
    let program = cstr(d.program.as_os_str().as_bytes())?;
    let argv = [
        program.clone(),
        cstr(b"-o")?,
        cstr(d.options.as_bytes())?,
        cstr(format!("/dev/fd/{FUSE_FD}").as_bytes())?,
    ];
    let env = [cstr(
        b"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    )?];

    let child = sys::process::fork_then(|| {
        if let DaemonNs::Own(m) = &d.userns {
            if let Err(e) = crate::userns::enter(m, false) {
                let _ = sys::write_all(
                    err_w.as_fd(),
                    format!("entering a user namespace for it: {e}").as_bytes(),
                );
                return 127;
            }
        }
        let msg = exec_daemon(
            ns.as_ref(),
            mount_ns,
            &null,
            &err_w,
            &dev,
            mask,
            &program,
            &argv,
            &env,
        );
        // On the pipe the parent reads (the daemon's stderr once it runs).
        let _ = sys::write_all(err_w.as_fd(), msg.as_bytes());
        127
    })
    .map_err(|e| fail("forking", e))?;
    drop((err_w, dev, null, ns));
    // EOF once the first process exits: the daemon it leaves behind has
    // its stdio on /dev/null by then.
    let mut stderr = String::new();
    let _ = std::fs::File::from(err_r).read_to_string(&mut stderr);
    let status = sys::process::wait(child);
    match status {
        Ok(WaitStatus::Exited(_, 0)) => Ok(()),
        other => {
            let said: Vec<&str> = stderr
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("unknown argument ignored"))
                .collect();
            Err(if said.is_empty() {
                format!("starting {name}: it ended with {other:?}")
            } else {
                format!("starting {name}: {}", said.join("; "))
            })
        }
    }
}

/// The forked child: joins the user namespace, sets up descriptors and
/// execs the daemon; returns only with a description of what failed.
#[allow(clippy::too_many_arguments)]
fn exec_daemon(
    ns: Option<&OwnedFd>,
    mount_ns: Option<&OwnedFd>,
    null: &OwnedFd,
    err: &OwnedFd,
    dev: &OwnedFd,
    mask: &SigSet,
    program: &CString,
    argv: &[CString],
    env: &[CString],
) -> String {
    let step = |what: &str, e: nix::Error| format!("{what}: {}", e.desc());
    sys::process::reset_signal_dispositions();
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(mask), None);
    if let Some(ns) = ns {
        if let Err(e) = nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWUSER) {
            return step("joining the container's user namespace", e);
        }
        let root = Gid::from_raw(0);
        if let Err(e) = nix::unistd::setresgid(root, root, root) {
            return step("becoming gid 0", e);
        }
        let root = Uid::from_raw(0);
        if let Err(e) = nix::unistd::setresuid(root, root, root) {
            return step("becoming uid 0", e);
        }
        // Refused when the map was written with setgroups denied: harmless.
        let _ = nix::unistd::setgroups(&[]);
    }
    if let Some(mnt) = mount_ns {
        if let Err(e) = nix::sched::setns(mnt, nix::sched::CloneFlags::CLONE_NEWNS) {
            return step("leaving the copy's mount namespace", e);
        }
    }
    let fds = [
        (null.as_fd(), 0),
        (null.as_fd(), 1),
        (err.as_fd(), 2),
        (dev.as_fd(), FUSE_FD),
    ];
    step(
        "exec",
        sys::process::exec_with_fds(program, argv, env, &fds),
    )
}

/// Mounts a view of the overlay `o` on `o.merged` served by its mount
/// program (fuse-overlayfs), for `cp` and `export` of a stopped container.
///
/// The caller has just entered a mount namespace of its own (where the
/// mount is made) and passes the one it left, `outer` (owned by a user
/// namespace it is root of, or the host's as root): the daemon runs
/// there, as [`spawn`]'s does for a container, so that the end of the
/// caller's namespace (it exits, or is killed) unmounts the view, and the
/// daemon, whose connection the kernel then aborts, exits by itself.
///
/// The caller must be single-threaded (it forks).
pub(crate) fn mount_view(o: &super::Overlay, outer: &OwnedFd) -> Result<(), String> {
    let program = o
        .mount_program
        .clone()
        .ok_or_else(|| "the overlay has no mount program".to_string())?;
    fs_err::create_dir_all(&o.merged)
        .map_err(crate::sys::without_path)
        .map_err(|e| format!("{}: {e}", o.merged.display()))?;
    let dev = sys::fs::open("/dev/fuse", OFlag::O_RDWR | OFlag::O_CLOEXEC, Mode::empty())
        .map_err(|e| format!("opening /dev/fuse for {}: {}", program.display(), e.desc()))?;
    let data = crate::layer::overlay::fuse_mount_options(std::os::fd::AsRawFd::as_raw_fd(&dev));
    nix::mount::mount(
        Some(crate::layer::overlay::FUSE_OVERLAYFS),
        &o.merged,
        Some("fuse.fuse-overlayfs"),
        nix::mount::MsFlags::empty(),
        Some(data.as_str()),
    )
    .map_err(|e| {
        format!(
            "mounting a FUSE file system on {}: {}",
            o.merged.display(),
            e.desc()
        )
    })?;
    let daemon = Daemon {
        program,
        options: o.kernel_options(false),
        // Already in the namespace whose ids the layers hold.
        userns: DaemonNs::Caller,
    };
    let mask = nix::sys::signal::SigSet::thread_get_mask()
        .map_err(|e| format!("reading the signal mask: {}", e.desc()))?;
    spawn_in(&daemon, None, Some(outer), dev, &mask)
}
