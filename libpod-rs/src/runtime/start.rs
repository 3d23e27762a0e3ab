//! Starting the container: cloning the child, writing its id maps, waiting
//! for its exec, then relaying signals and reaping it ([`Started`]).

use std::os::fd::AsFd;
use std::path::PathBuf;

use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sched::CloneFlags;
use nix::sys::signal::{kill, SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use oci_spec::runtime::Spec;

use super::child::{ChildFds, Plan};
use super::namespaces::{id_maps, open_joins};
use super::plan::make_plan;
use super::{child, entry, fuse, message, pty, seccomp, sys_err, Error, Rootfs, Stdio};
use crate::sys::process::{clone_then, fork_then};
use crate::userns;

/// The signals the parent blocks while a container (or exec'd) process
/// runs, and relays to it or handles itself (SIGCHLD, SIGWINCH).
const RELAYED: &[Signal] = &[
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGWINCH,
    Signal::SIGCHLD,
];

/// Restores the signal mask and kills the child unless disarmed.
pub(super) struct ParentGuard {
    old_mask: SigSet,
    pub(super) child: Option<Pid>,
}

impl ParentGuard {
    /// Blocks the [`RELAYED`] signals (the child gets the previous mask
    /// through `plan`) until the guard is dropped; returns the blocked set
    /// (for a signalfd) and the guard.
    pub(super) fn block_relayed(plan: &mut Plan) -> Result<(SigSet, ParentGuard), Error> {
        let mut mask = SigSet::empty();
        for s in RELAYED {
            mask.add(*s);
        }
        let mut old_mask = SigSet::empty();
        nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), Some(&mut old_mask))
            .map_err(sys_err("blocking signals"))?;
        plan.old_sigmask = old_mask;
        Ok((
            mask,
            ParentGuard {
                old_mask,
                child: None,
            },
        ))
    }
}

impl Drop for ParentGuard {
    fn drop(&mut self) {
        if let Some(pid) = self.child.take() {
            let _ = kill(pid, Signal::SIGKILL);
            let _ = waitpid(pid, None);
        }
        let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&self.old_mask), None);
    }
}

pub(super) fn status_code(ws: WaitStatus) -> Option<u8> {
    match ws {
        WaitStatus::Exited(_, c) => Some(c as u8),
        WaitStatus::Signaled(_, s, _) => Some(128u8.wrapping_add(s as u8)),
        _ => None,
    }
}

/// A container process that has been created and has exec'd its command.
///
/// Dropping it kills the process (unless it was reaped through
/// [`Started::wait`] or released with [`Started::release`]) and restores
/// the signal mask.
pub struct Started {
    pub(super) pid: Pid,
    pub(super) master: Option<std::os::fd::OwnedFd>,
    pub(super) mask: SigSet,
    pub(super) guard: ParentGuard,
}

impl Started {
    /// The container's PID 1, as seen from the host.
    pub fn pid(&self) -> i32 {
        self.pid.as_raw()
    }

    /// The pty master (`-t`), for whoever relays the terminal.
    pub fn take_master(&mut self) -> Option<std::os::fd::OwnedFd> {
        self.master.take()
    }

    /// The signals blocked while the container runs (for a signalfd).
    pub fn signals(&self) -> &SigSet {
        &self.mask
    }

    /// Non-blocking reap: the exit code (128+N for signal N) once it exited.
    pub fn try_wait(&mut self) -> Result<Option<u8>, Error> {
        let r = reap(self.pid)?;
        if r.is_some() {
            self.guard.child = None;
        }
        Ok(r)
    }

    /// Forgets the process: it is not killed when this value is dropped.
    pub fn release(mut self) {
        self.guard.child = None;
    }

    /// Relays the terminal (or lets the container use our stdio), forwards
    /// SIGINT, SIGTERM, SIGHUP and SIGQUIT, and returns the exit code.
    pub fn wait(mut self, io: Stdio) -> Result<u8, Error> {
        let sfd = SignalFd::with_flags(&self.mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
            .map_err(sys_err("creating the signal fd"))?;
        let pid = self.pid;
        let mut relay = self
            .master
            .take()
            .map(|m| pty::Relay::new(m, io.interactive));
        let code = loop {
            if let Some(code) = reap(pid)? {
                break code;
            }
            let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
            if let Some(r) = &relay {
                r.poll_fds(&mut fds);
            }
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) | Err(Errno::EINTR) => {}
                Err(e) => return Err(sys_err("waiting for the container")(e)),
            }
            let revents: Vec<PollFlags> = fds
                .iter()
                .map(|f| f.revents().unwrap_or(PollFlags::empty()))
                .collect();
            drop(fds);
            if let Some(r) = &mut relay {
                r.handle(&revents[1..]);
            }
            while let Ok(Some(info)) = sfd.read_signal() {
                let Ok(sig) = Signal::try_from(info.ssi_signo as i32) else {
                    continue;
                };
                match sig {
                    Signal::SIGCHLD => {}
                    Signal::SIGWINCH => {
                        if let Some(r) = &relay {
                            r.resize();
                        }
                    }
                    other => {
                        let _ = kill(pid, other);
                    }
                }
            }
        };
        self.guard.child = None;
        if let Some(r) = &mut relay {
            r.drain();
        }
        drop(relay);
        Ok(code)
    }
}

/// Checks that a seccomp profile compiles, so that `create` refuses what
/// `start` could not install.
pub fn check_seccomp(profile: &oci_spec::runtime::LinuxSeccomp) -> Result<(), Error> {
    seccomp::compile(profile).map(drop)
}

/// Run the container in the foreground and return its exit code
/// (128+N when killed by signal N).
///
/// The calling process must be single-threaded. SIGINT, SIGTERM and SIGHUP
/// received meanwhile are forwarded to the container's PID 1.
pub fn run(spec: &Spec, rootfs: &Rootfs, io: Stdio) -> Result<u8, Error> {
    start(spec, rootfs, io, &mut |_| Ok(()))?.wait(io)
}

/// Creates the container process and returns once its command was exec'd
/// (or with the error that prevented it). `created` runs after the id maps
/// are written and before the process is released, with its host pid: the
/// place to attach a network helper to its namespaces.
///
/// The calling process must be single-threaded. SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT, SIGWINCH and SIGCHLD stay blocked until the [`Started`] value
/// is dropped, so that its owner can read them from a signalfd.
pub fn start(
    spec: &Spec,
    rootfs: &Rootfs,
    io: Stdio,
    created: &mut dyn FnMut(i32) -> Result<(), Error>,
) -> Result<Started, Error> {
    let (mut plan, flags, joins) = make_plan(spec, rootfs, &io)?;
    let flags = CloneFlags::from_bits_retain(flags);
    // Opened now: the namespaces stay the ones named even if the processes
    // they were found through exit meanwhile.
    let joins = open_joins(&joins)?;
    let new_userns = flags.contains(CloneFlags::CLONE_NEWUSER);
    let (uids, gids) = id_maps(spec);
    let (chan, child_end) = message::channel()?;
    let (init_r, init_w) =
        crate::sys::fs::pipe().map_err(sys_err("creating rpod-init's report pipe"))?;
    let fds = ChildFds {
        chan: child_end,
        init_report: init_w,
        entry: entry::image()?,
    };

    let (mask, mut guard) = ParentGuard::block_relayed(&mut plan)?;

    let pid = if joins.is_empty() {
        let pid = clone_then(flags, || child::run(&plan, &fds))
            .map_err(sys_err("cloning the container process"))?;
        drop(fds);
        pid
    } else {
        // A helper process joins the namespaces (setns changes the caller
        // for good) and clones the container as our child (CLONE_PARENT),
        // as `exec` does.
        let helper = fork_then(|| child::join_then_run(&plan, flags, &joins, &fds))
            .map_err(sys_err("forking to join namespaces"))?;
        drop(fds);
        let cloned = message::cloned_pid(&chan);
        let _ = crate::sys::process::wait(helper);
        match cloned? {
            Some(pid) => Pid::from_raw(pid),
            None => {
                return Err(Error::Container {
                    code: 125,
                    message: "joining namespaces: the helper process died".into(),
                })
            }
        }
    };
    guard.child = Some(pid);
    drop(joins);

    if new_userns {
        let pid_u32 = u32::try_from(pid.as_raw()).expect("child pids are positive");
        // Inside a user namespace already (rpod's own, as build's RUN
        // steps are), the maps are ids of that namespace, written directly.
        let written = if userns::in_user_namespace() {
            userns::write_maps_direct(pid_u32, &uids, &gids)
        } else {
            userns::write_maps(pid_u32, &uids, &gids)
        };
        written.map_err(|e| match e {
            userns::Error::IdMapTool { tool, message } => Error::IdMap { tool, message },
            other => Error::IdMap {
                tool: "newuidmap",
                message: other.to_string(),
            },
        })?;
    }
    if let Some(adj) = spec.process().as_ref().and_then(|p| p.oom_score_adj()) {
        set_oom_score_adj(pid.as_raw(), adj)?;
    }
    created(pid.as_raw())?;
    chan.send(&message::FromParent::Proceed)
        .map_err(|_| sys_err("releasing the container process")(Errno::EPIPE))?;

    let outcome = message::until_exec(&chan, init_r, |dev| match &plan.fuse {
        Some(daemon) => fuse::spawn(daemon, pid, plan.userns, dev, &plan.old_sigmask),
        None => Err("the container sent a FUSE connection nobody asked for".into()),
    });
    match outcome {
        Ok(master) => Ok(Started {
            pid,
            master,
            mask,
            guard,
        }),
        Err(e) => {
            guard.child = None;
            let _ = crate::sys::process::wait(pid);
            Err(e)
        }
    }
}

/// Sets `process.oomScoreAdj` on the container's first process (its
/// children inherit it). Lowering it needs privilege: rootless, only a
/// value at least the current one can be set.
fn set_oom_score_adj(pid: i32, adj: i32) -> Result<(), Error> {
    let path = PathBuf::from(format!("/proc/{pid}/oom_score_adj"));
    fs_err::write(&path, adj.to_string())
        .map_err(crate::sys::without_path)
        .map_err(|e| Error::Container {
            code: 125,
            message: format!(
                "--oom-score-adj {adj}: writing {}: {e}{}",
                path.display(),
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    " (lowering the OOM score needs root: give a value at least the current one)"
                } else {
                    ""
                }
            ),
        })
}

pub(super) fn reap(pid: Pid) -> Result<Option<u8>, Error> {
    match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
        Ok(ws) => Ok(status_code(ws)),
        Err(Errno::EINTR) => Ok(None),
        Err(e) => Err(sys_err("waiting for the container")(e)),
    }
}
