//! `exec`: run a new process inside an already running container, given the
//! host pid of the container's PID 1 (rpod's `runc exec`, in-process).
//!
//! The scheme is runc's `nsexec` reduced to two forks. The caller opens the
//! target's namespace files and `/proc/PID/root` first, so every later step
//! works on descriptors, and compiles the seccomp profile. It then forks A.
//! A joins the namespaces that differ from ours, the user namespace first
//! (rootless: the container's user namespace is owned by our uid, so joining
//! it gives A every capability there), then cgroup, ipc, uts, net, pid and
//! mnt. Joining a pid namespace only places A's future children in it, so A
//! clones B with `CLONE_PARENT`: B is in the container's pid namespace and a
//! direct child of the caller, which waits for it and sees its real exit
//! status. A sends B's pid over the channel (`message.rs`) and exits.
//!
//! B enters the container's root (`fchdir` to the `/proc/PID/root`
//! descriptor, `chroot(".")`), sets up its terminal (a pty from the
//! container's devpts, sent to the caller) or stdin, installs the seccomp
//! filter, sets groups, ids and capabilities, changes to the working
//! directory and execs the command. Failures come back over the same
//! close-on-exec channel as `run`'s (125 setup, 126 cannot invoke, 127 not
//! found). Not joined: the container's cgroup (rpod creates none yet);
//! rlimits are the caller's unless `process.rlimits` says otherwise.
//!
//! Rootless limitation: opening another process's `/proc/PID/ns` files needs
//! ptrace access, which we have when the container's PID 1 runs as the
//! container's root (our own uid), not when it runs as another mapped uid.

use fs_err::os::unix::fs::OpenOptionsExt;
use fs_err::File;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use nix::sched::CloneFlags;
use nix::sys::resource::setrlimit;
use nix::sys::signal::{SigmaskHow, Signal};
use nix::unistd::{self, Pid};
use oci_spec::runtime::{LinuxSeccomp, Process};

use super::child::{self, ChildFds, Failure, Plan};
use super::message::{self, FromChild};
use super::plan::process_plan;
use super::start::{ParentGuard, Started};
use super::{sys_err, Error, Stdio};
use crate::sys;
use crate::sys::pidfd::ProcessId;

/// The namespaces `exec` may join, in joining order (user first).
const NAMESPACES: &[(&str, CloneFlags)] = &[
    ("user", CloneFlags::CLONE_NEWUSER),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("net", CloneFlags::CLONE_NEWNET),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("mnt", CloneFlags::CLONE_NEWNS),
];

/// A namespace of the target that differs from ours, opened.
struct Namespace {
    name: &'static str,
    flag: CloneFlags,
    file: File,
}

/// The running container, opened before forking.
struct Target {
    namespaces: Vec<Namespace>,
    root: File,
    /// The `cgroup.procs` files of the container's own cgroup (rpod's
    /// `libpod-<id>`; none rootless on cgroup v1), opened for writing.
    cgroup_procs: Vec<File>,
}

/// Opens the `cgroup.procs` files of the container's own cgroups that
/// `pid` is in (paths with a `libpod-` part, under the host's mounts), so
/// that an exec'd process joins them as runc and crun place theirs: the
/// container's limits and counters cover it.
fn open_cgroup_procs(pid: i32) -> Result<Vec<File>, Error> {
    let Ok(layout) = crate::cgroups::Layout::detect() else {
        return Ok(Vec::new());
    };
    let path = PathBuf::from(format!("/proc/{pid}/cgroup"));
    let text = fs_err::read_to_string(&path).map_err(|source| Error::Join { path, source })?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ':');
        let (Some(_), Some(controllers), Some(rel)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if !rel.split('/').any(|c| c.starts_with("libpod-")) {
            continue;
        }
        let rel = rel.trim_start_matches('/');
        let mount = match &layout {
            crate::cgroups::Layout::Unified { root } if controllers.is_empty() => Some(root),
            crate::cgroups::Layout::Legacy { controllers: m, .. } => {
                controllers.split(',').find_map(|c| m.get(c))
            }
            crate::cgroups::Layout::Unified { .. } => None,
        };
        if let Some(mount) = mount {
            let dir = mount.join(rel);
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    dirs.into_iter()
        .map(|d| {
            let path = d.join("cgroup.procs");
            fs_err::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|source| Error::Join { path, source })
        })
        .collect()
}

/// Whether `pid` is a live process (exists and is not a zombie).
fn is_running(pid: i32) -> bool {
    crate::sys::process_start_time(pid).is_some()
}

/// Opens the namespaces and root of `target`, the recorded process: a
/// PID that now names another process (a different start time) is refused.
fn open_target(target: ProcessId) -> Result<Target, Error> {
    let pid = target.pid;
    if !target.is_alive() {
        return Err(Error::NotRunning(pid));
    }
    let open_with = |path: PathBuf, flags: libc::c_int| {
        fs_err::OpenOptions::new()
            .read(true)
            .custom_flags(flags)
            .open(&path)
            .map_err(|source| {
                if source.kind() == std::io::ErrorKind::NotFound && !is_running(pid) {
                    Error::NotRunning(pid)
                } else {
                    Error::Join { path, source }
                }
            })
    };
    let open = |path: PathBuf| open_with(path, 0);
    let mut namespaces = Vec::new();
    for &(name, flag) in NAMESPACES {
        // A kernel without this namespace type: nothing to join.
        let Ok(ours) = fs_err::metadata(format!("/proc/self/ns/{name}")) else {
            continue;
        };
        let path = PathBuf::from(format!("/proc/{pid}/ns/{name}"));
        let file = open(path.clone())?;
        let theirs = file
            .metadata()
            .map_err(|source| Error::Join { path, source })?;
        if (theirs.dev(), theirs.ino()) != (ours.dev(), ours.ino()) {
            namespaces.push(Namespace { name, flag, file });
        }
    }
    // O_PATH: the root may be a FUSE mount (fuse-overlayfs), which refuses
    // opens from outside the container's user namespace; B only needs the
    // descriptor for fchdir, once it is inside.
    let root = open_with(PathBuf::from(format!("/proc/{pid}/root")), libc::O_PATH)?;
    // Still the recorded process now, so it was when the files were opened:
    // they are its namespaces, whatever happens to the PID later.
    if !target.is_alive() {
        return Err(Error::NotRunning(pid));
    }
    let cgroup_procs = open_cgroup_procs(pid)?;
    Ok(Target {
        namespaces,
        root,
        cgroup_procs,
    })
}

/// Process A: join the namespaces, clone B as the caller's child, send
/// B's pid; returns A's exit code.
fn join_and_fork(plan: &Plan, target: &Target, fds: &ChildFds, detach: bool) -> u8 {
    // From here until B execs rpod-init, A and B are forks of rpod that
    // the container can see (B joins its pid namespace): non-dumpable, so
    // that the container's processes (whose user namespace does not own
    // this memory) cannot read their memory, environment or descriptors,
    // nor open /proc/PID/exe (the rpod binary); and with rpod's command
    // line and environment wiped, since /proc/PID/cmdline needs no access.
    if let Err(e) = nix::sys::prctl::set_dumpable(false) {
        let f = child::fail("making the exec helper non-dumpable", e);
        return child::report(f, &fds.chan);
    }
    sys::scrub_cmdline_and_environ();
    // Into the container's cgroup first: B, cloned below, is born there.
    for f in &target.cgroup_procs {
        if let Err(e) = unistd::write(f, b"0") {
            return child::report(child::fail("joining the container's cgroup", e), &fds.chan);
        }
    }
    for ns in &target.namespaces {
        if let Err(e) = nix::sched::setns(ns.file.as_fd(), ns.flag) {
            let what = format!("joining the container's {} namespace", ns.name);
            return child::report(child::fail(what, e), &fds.chan);
        }
    }
    let b = sys::process::clone_then(CloneFlags::CLONE_PARENT, || {
        let f = match enter_and_exec(plan, &target.root, fds, detach) {
            Ok(never) => match never {},
            Err(f) => f,
        };
        child::report(f, &fds.chan)
    });
    match b {
        Err(e) => child::report(child::fail("forking into the container", e), &fds.chan),
        Ok(b) => {
            let _ = fds.chan.send(&FromChild::Cloned { pid: b.as_raw() });
            0
        }
    }
}

/// The id an unmapped uid or gid shows as in a user namespace (the
/// kernel's default `overflowuid`).
const OVERFLOW_ID: u32 = 65534;

/// Process B: enter the container's root, set up the process and exec.
fn enter_and_exec(
    plan: &Plan,
    root: &File,
    fds: &ChildFds,
    detach: bool,
) -> Result<std::convert::Infallible, Failure> {
    sys::process::reset_signal_dispositions();
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&plan.old_sigmask), None);
    // Our own ids are not mapped in the container's user namespace
    // (`--userns=nomap`, `auto`, `--uidmap` without the user): its FUSE
    // root refuses unmapped callers, so become its root first, as `run`'s
    // child does once the root is mounted.
    if unistd::getuid().as_raw() == OVERFLOW_ID || unistd::getgid().as_raw() == OVERFLOW_ID {
        let root = unistd::Gid::from_raw(0);
        unistd::setresgid(root, root, root).map_err(|e| child::fail("becoming gid 0", e))?;
        let root = unistd::Uid::from_raw(0);
        unistd::setresuid(root, root, root).map_err(|e| child::fail("becoming uid 0", e))?;
    }
    unistd::fchdir(root.as_raw_fd())
        .map_err(|e| child::fail("entering the container's root", e))?;
    unistd::chroot(".").map_err(|e| child::fail("chroot to the container's root", e))?;
    for (res, soft, hard) in &plan.rlimits {
        setrlimit(*res, *soft, *hard).map_err(|e| child::fail(format!("setting {res:?}"), e))?;
    }
    if detach {
        unistd::setsid().map_err(|e| child::fail("creating session", e))?;
        let null = fs_err::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .map_err(|e| child::fail("opening /dev/null", child::io_errno(&e)))?;
        for fd in 0..3 {
            unistd::dup2(null.as_raw_fd(), fd).map_err(|e| child::fail("dup2 /dev/null", e))?;
        }
    } else {
        child::setup_terminal(plan, &fds.chan)?;
    }
    // As in `run`: installed while we hold CAP_SYS_ADMIN in the container's
    // user namespace (or as root), so no_new_privs is not needed.
    for prog in &plan.seccomp.programs {
        sys::process::seccomp_set_filter(prog, plan.seccomp.flags)
            .map_err(|e| child::fail("installing the seccomp filter", e))?;
    }
    child::set_user_and_caps(plan)?;
    if !detach {
        // Set after the id change, which clears it: a killed `rpod exec`
        // takes its process along, as `run` does.
        let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);
    }
    unistd::chdir(&plan.cwd).map_err(|e| {
        child::fail(
            format!("changing to working directory {}", plan.cwd.display()),
            e,
        )
    })?;
    // As in `run`: below 3+N (`--preserve-fd(s)`) the flags stay.
    sys::process::cloexec_from(3 + plan.preserve_fds)
        .map_err(|e| child::fail("marking inherited descriptors close-on-exec", e))?;
    if plan.no_new_privs {
        nix::sys::prctl::set_no_new_privs().map_err(|e| child::fail("setting no_new_privs", e))?;
    }
    super::entry::exec(plan, &fds.entry, &fds.init_report)
}

/// Starts B and returns it once it has exec'd: its pid, the pty master
/// (`-t`), and the guard that kills it and restores our signal mask on
/// early returns.
fn start(
    target: ProcessId,
    process: &Process,
    seccomp_profile: Option<&LinuxSeccomp>,
    io: Stdio,
    detach: bool,
) -> Result<Started, Error> {
    // Only the process fields matter: the container's file system, mounts
    // and host name exist already.
    let mut plan = process_plan(process, seccomp_profile, &io)?;
    if detach {
        plan.terminal = false;
        plan.stdin_null = true;
    }
    let target = open_target(target)?;
    let (chan, child_end) = message::channel()?;
    let (init_r, init_w) = sys::fs::pipe().map_err(sys_err("creating rpod-init's report pipe"))?;
    let fds = ChildFds {
        chan: child_end,
        init_report: init_w,
        entry: super::entry::image()?,
    };

    let (mask, mut guard) = ParentGuard::block_relayed(&mut plan)?;

    let a = sys::process::fork_then(|| join_and_fork(&plan, &target, &fds, detach))
        .map_err(sys_err("forking to join the container"))?;
    drop((fds, target));
    let b = message::cloned_pid(&chan);
    let _ = sys::process::wait(a);
    let Some(pid) = b?.map(Pid::from_raw) else {
        return Err(Error::Container {
            code: 125,
            message: "joining the container: the helper process died".into(),
        });
    };
    guard.child = Some(pid);
    match message::until_exec(&chan, init_r, |_| {
        Err("an exec'd process sent a FUSE connection".into())
    }) {
        Ok(master) => Ok(Started {
            pid,
            master,
            guard,
            mask,
        }),
        Err(e) => {
            guard.child = None;
            let _ = sys::process::wait(pid);
            Err(e)
        }
    }
}

/// Runs `process` in the running container whose PID 1 is `target`, in
/// the foreground; returns its exit code (128+N when killed by signal N).
///
/// The calling process must be single-threaded and must not be inside a
/// user namespace the container's is not nested in. SIGINT, SIGTERM, SIGHUP
/// and SIGQUIT received meanwhile are forwarded to the process.
pub fn exec(
    target: ProcessId,
    process: &Process,
    seccomp_profile: Option<&LinuxSeccomp>,
    io: Stdio,
) -> Result<u8, Error> {
    // The same loop as `run`'s: reap, relay the pty, forward signals.
    start(target, process, seccomp_profile, io, false)?.wait(io)
}

/// Starts `process` in the running container whose PID 1 is `target` and
/// returns its host pid once it has exec'd (`exec -d`), with our
/// descriptors 3..3+`preserve_fds` as runtime::preserve_fds left them:
/// its standard streams are /dev/null and it runs in a new session. It is
/// our child: a long-lived caller must reap it.
pub fn exec_detached(
    target: ProcessId,
    process: &Process,
    seccomp_profile: Option<&LinuxSeccomp>,
    preserve_fds: u32,
) -> Result<i32, Error> {
    let io = Stdio {
        preserve_fds,
        ..Stdio::default()
    };
    let started = start(target, process, seccomp_profile, io, true)?;
    let pid = started.pid();
    started.release();
    Ok(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liveness() {
        assert!(is_running(std::process::id() as i32));
        assert!(!is_running(0));
        assert!(!is_running(-5));
    }

    #[test]
    fn missing_target_is_not_running() {
        // pid_max is at most 2^22: this pid cannot exist.
        let e = open_target(ProcessId {
            pid: i32::MAX,
            start: 1,
        })
        .err()
        .expect("no such process");
        assert!(matches!(e, Error::NotRunning(_)), "{e}");
        assert_eq!(e.exit_code(), 125);
    }

    #[test]
    fn a_reused_pid_is_not_joined() {
        let me = ProcessId::of(std::process::id() as i32).unwrap();
        let other = ProcessId {
            start: me.start + 1,
            ..me
        };
        let e = open_target(other).err().expect("another process");
        assert!(matches!(e, Error::NotRunning(_)), "{e}");
    }

    #[test]
    fn our_own_namespaces_are_not_joined() {
        let me = ProcessId::of(std::process::id() as i32).unwrap();
        let t = open_target(me).expect("opening ourselves");
        assert!(t.namespaces.is_empty());
    }
}
