//! Standing in a container's root for a copy: its file system reached
//! (a running container's mount namespace joined; a stopped one's mounted
//! privately, with its volumes, in rpod's user namespace) by a forked
//! helper, and paths in it turned into paths this process can open.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;

use super::error::{at_path, system, CopyError, HelperFailure};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::runtime::Rootfs;
use crate::sys::fs;
use crate::sys::mount::{own_namespace, Propagation};

/// A container's root file system, reachable while this value lives.
pub(in crate::engine::containers) struct Root {
    /// The root directory.
    pub(in crate::engine::containers) dir: OwnedFd,
    /// This process's `/proc/self/fd`, opened before the container's root
    /// was entered (its /proc, if any, is another PID namespace's).
    fds: Option<OwnedFd>,
    /// Mount points made for a stopped container's volumes (paths in it),
    /// removed when the copy is done: a volume is not left holding them.
    made: Vec<PathBuf>,
    /// The container's user, as this process's namespace sees it.
    pub(super) uid: u32,
    /// Its group.
    pub(super) gid: u32,
    /// The container's name, for messages.
    name: String,
    /// Its working directory, where relative paths start.
    pub(super) cwd: PathBuf,
}

impl Root {
    /// `path` in the container relative to its root: a relative one starts
    /// at the working directory; `..` stays, resolved inside the root.
    pub(super) fn rel(&self, path: &str) -> PathBuf {
        if path.starts_with('/') {
            relative(path)
        } else {
            relative(&format!("{}/{path}", self.cwd.display()))
        }
    }

    /// The path (in this process's view) of what `fd` is open on.
    pub(super) fn real(&self, fd: &OwnedFd) -> Result<PathBuf> {
        fd_path(self.fds.as_ref(), fd)
    }

    /// "PATH could not be found on container NAME".
    pub(super) fn missing(&self, path: &str, source: Errno) -> Error {
        CopyError::NotFoundInContainer {
            path: path.to_string(),
            container: self.name.clone(),
            source,
        }
        .into()
    }
}

/// The mount namespace this process is in, kept open before it enters
/// one of its own, when the container's overlay is served by a mount
/// program (its daemon runs in this one: see [`fuse_view`]).
fn outer_mount_ns(rootfs: &Rootfs) -> Result<Option<OwnedFd>> {
    match rootfs {
        Rootfs::Overlay(o) if o.mount_program.is_some() => fs::open(
            "/proc/self/ns/mnt",
            OFlag::O_RDONLY | OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
        .map(Some)
        .map_err(|e| system("opening /proc/self/ns/mnt")(e).into()),
        _ => Ok(None),
    }
}

/// Mounts a stopped fuse-overlayfs container's file system for a copy
/// (its own daemon, gone with this process's mount namespace). A running
/// one is reached through its own mount; one that is neither running nor
/// stopped (its mount may still be served) is refused.
fn fuse_view(
    o: &crate::runtime::Overlay,
    outer: Option<&OwnedFd>,
    running: bool,
    name: &str,
) -> Result<()> {
    if running {
        return Err(CopyError::FuseRunning {
            container: name.to_string(),
        }
        .into());
    }
    let outer = outer.ok_or(CopyError::NoOuterMountNamespace)?;
    o.mount_program_view(outer).map_err(|reason| {
        CopyError::FuseView {
            container: name.to_string(),
            reason,
        }
        .into()
    })
}

/// `path` inside the container without its leading `/` and `.` parts;
/// `..` stays, resolved by the kernel inside the root.
pub(super) fn relative(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| !matches!(c, Component::RootDir | Component::CurDir))
        .collect()
}

fn proc_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

impl Engine {
    /// The container's user and group ids as rpod's user namespace sees
    /// them (rootless they differ under `--userns=keep-id` and other
    /// mappings; rootful they are the same).
    fn ids_in_our_namespace(
        &self,
        spec: &oci_spec::runtime::Spec,
        uid: u32,
        gid: u32,
    ) -> (u32, u32) {
        if !self.rootless {
            return (uid, gid);
        }
        let linux = spec.linux().as_ref();
        let tuples = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<(u32, u32, u32)> {
            v.map(|m| {
                m.iter()
                    .map(|x| (x.container_id(), x.host_id(), x.size()))
                    .collect()
            })
            .unwrap_or_default()
        };
        let back = |ours: &[crate::userns::IdMap], theirs: Vec<(u32, u32, u32)>, id: u32| {
            super::super::commit::owner_ranges(ours, &theirs)
                .iter()
                .find(|&&(_, t, n)| id >= t && u64::from(id) < u64::from(t) + u64::from(n))
                .map_or(id, |&(o, t, _)| o + (id - t))
        };
        (
            back(
                &self.mappings.uids,
                tuples(linux.and_then(|l| l.uid_mappings().as_ref())),
                uid,
            ),
            back(
                &self.mappings.gids,
                tuples(linux.and_then(|l| l.gid_mappings().as_ref())),
                gid,
            ),
        )
    }

    /// Mounts container `name_or_id`'s root file system where only this
    /// process sees it (in rpod's user namespace, whose ids the layers hold).
    pub(in crate::engine::containers) fn container_root(&self, name_or_id: &str) -> Result<Root> {
        let c = self.container(name_or_id)?;
        let rootfs = self.rootfs(&c)?;
        let spec = self.load_spec(&c)?;
        let (uid, gid, cwd) = spec
            .process()
            .as_ref()
            .map(|p| (p.user().uid(), p.user().gid(), p.cwd().clone()))
            .unwrap_or((0, 0, PathBuf::from("/")));
        let (uid, gid) = self.ids_in_our_namespace(&spec, uid, gid);
        self.enter_userns()?;
        let outer = outer_mount_ns(&rootfs)?;
        own_namespace(Propagation::Slave).map_err(|f| system(f.step)(f.errno))?;
        let root = match &rootfs {
            Rootfs::Dir(d) => d.clone(),
            Rootfs::Overlay(o) if o.mount_program.is_some() => {
                let running = matches!(c.state.status, crate::container::Status::Running);
                fuse_view(o, outer.as_ref(), running, &c.config.name)?;
                o.merged.clone()
            }
            Rootfs::Overlay(o) => {
                o.mount_view(
                    self.rootless,
                    matches!(c.state.status, crate::container::Status::Running),
                )
                .map_err(|reason| CopyError::OverlayView { reason })?;
                o.merged.clone()
            }
        };
        let dir = fs::open_dir(&root).map_err(at_path(&root))?;
        Ok(Root {
            dir,
            fds: fd_dir().and_then(|d| d.try_clone().ok()),
            made: Vec::new(),
            uid,
            gid,
            name: c.config.name.clone(),
            cwd,
        })
    }

    /// What a helper process needs to stand in container `name_or_id`'s
    /// root, gathered before it forks.
    pub(super) fn root_plan(&self, name_or_id: &str) -> Result<RootPlan> {
        let c = self.container(name_or_id)?;
        let spec = self.load_spec(&c)?;
        let (uid, gid, cwd) = spec
            .process()
            .as_ref()
            .map(|p| (p.user().uid(), p.user().gid(), p.cwd().clone()))
            .unwrap_or((0, 0, PathBuf::from("/")));
        let running = matches!(c.state.status, crate::container::Status::Running)
            && c.state.pid > 0
            && Path::new(&format!("/proc/{}/ns/mnt", c.state.pid)).exists();
        if running && !crate::userns::in_user_namespace() {
            let pid = c.state.pid;
            let open = |n: &str| {
                fs_err::File::open(format!("/proc/{pid}/ns/{n}"))
                    .map(fs_err::File::into_file)
                    .map_err(|source| CopyError::OpenNamespaces {
                        container: c.config.name.clone(),
                        source,
                    })
            };
            let same = |n: &str| -> bool {
                use std::os::unix::fs::MetadataExt;
                let a = fs_err::metadata(format!("/proc/self/ns/{n}"));
                let b = fs_err::metadata(format!("/proc/{pid}/ns/{n}"));
                matches!((a, b), (Ok(a), Ok(b)) if (a.dev(), a.ino()) == (b.dev(), b.ino()))
            };
            let user = if same("user") {
                None
            } else {
                Some(open("user")?)
            };
            let mnt = open("mnt")?;
            return Ok(RootPlan {
                name: c.config.name.clone(),
                cwd,
                uid,
                gid,
                reach: Reach::Join { user, mnt },
            });
        }
        let rootfs = self.rootfs(&c)?;
        let (uid, gid) = self.ids_in_our_namespace(&spec, uid, gid);
        // Its volumes and bind mounts, as the container would see them.
        let wanted: Vec<&Path> = c
            .config
            .mounts
            .iter()
            .filter(|m| !matches!(m.source, crate::spec::MountSource::Tmpfs))
            .map(|m| m.destination.as_path())
            .collect();
        let binds = spec
            .mounts()
            .as_ref()
            .map(|ms| {
                ms.iter()
                    .filter(|m| wanted.contains(&m.destination().as_path()))
                    .filter_map(|m| {
                        let src = m.source().clone()?;
                        let ro = m
                            .options()
                            .as_ref()
                            .is_some_and(|o| o.iter().any(|x| x == "ro"));
                        Some((src, m.destination().clone(), ro))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(RootPlan {
            name: c.config.name.clone(),
            cwd,
            uid,
            gid,
            reach: Reach::Mount {
                rootfs,
                running,
                binds,
            },
        })
    }

    /// In a forked helper process: makes the container's root this
    /// process's `/` (joining a running container's user and mount
    /// namespaces; mounting a stopped one's file system and volumes in
    /// rpod's user namespace and changing root into it).
    fn enter_root(&self, plan: &RootPlan) -> Result<Root> {
        // Non-dumpable before standing in the container's namespaces: its
        // processes must not read this memory or these descriptors.
        nix::sys::prctl::set_dumpable(false)
            .map_err(system("making the copy helper non-dumpable"))?;
        let fds = fs::open_dir(Path::new("/proc/self/fd")).ok();
        let mut made = Vec::new();
        match &plan.reach {
            Reach::Join { user, mnt } => {
                let join_err = |source: Errno| CopyError::JoinNamespaces {
                    container: plan.name.clone(),
                    source,
                };
                if let Some(u) = user {
                    nix::sched::setns(u.as_fd(), nix::sched::CloneFlags::CLONE_NEWUSER)
                        .map_err(join_err)?;
                }
                nix::sched::setns(mnt.as_fd(), nix::sched::CloneFlags::CLONE_NEWNS)
                    .map_err(join_err)?;
            }
            Reach::Mount {
                rootfs,
                running,
                binds,
            } => {
                self.enter_userns()?;
                let outer = outer_mount_ns(rootfs)?;
                own_namespace(Propagation::Private).map_err(|f| system(f.step)(f.errno))?;
                let root = match rootfs {
                    Rootfs::Dir(d) => {
                        // A bind of itself: a mount to change root into.
                        nix::mount::mount(
                            Some(d.as_path()),
                            d.as_path(),
                            None::<&str>,
                            nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REC,
                            None::<&str>,
                        )
                        .map_err(system("mounting the container's root"))?;
                        d.clone()
                    }
                    Rootfs::Overlay(o) if o.mount_program.is_some() => {
                        fuse_view(o, outer.as_ref(), *running, &plan.name)?;
                        o.merged.clone()
                    }
                    Rootfs::Overlay(o) => {
                        o.mount_view(self.rootless, *running)
                            .map_err(|reason| CopyError::OverlayView { reason })?;
                        o.merged.clone()
                    }
                };
                let top = fs::open_dir(&root).map_err(at_path(&root))?;
                for (src, dest, ro) in binds {
                    if bind_inside(&top, src, dest, *ro, fds.as_ref())? {
                        made.push(dest.clone());
                    }
                }
                drop(top);
                nix::unistd::chroot(&root).map_err(system("changing root"))?;
            }
        }
        nix::unistd::chdir("/").map_err(system("changing directory"))?;
        let dir = fs::open_dir(Path::new("/")).map_err(at_path(Path::new("/")))?;
        Ok(Root {
            dir,
            fds,
            made,
            uid: plan.uid,
            gid: plan.gid,
            name: plan.name.clone(),
            cwd: plan.cwd.clone(),
        })
    }

    /// Forks a helper that stands in the container's root (see
    /// [`Self::enter_root`]) and runs `work` there; its answer is read by
    /// [`Helper::finish`].
    pub(super) fn helper(
        &self,
        plan: &RootPlan,
        close: &[std::os::fd::RawFd],
        work: impl FnOnce(&Root) -> Result<()>,
    ) -> Result<Helper> {
        let (ours, theirs) =
            crate::sys::channel::channel::<(), std::result::Result<(), HelperFailure>>()
                .map_err(CopyError::Channel)?;
        let pid = crate::sys::process::fork_then(|| {
            for fd in close {
                let _ = nix::unistd::close(*fd);
            }
            let r = self
                .enter_root(plan)
                .and_then(|root| {
                    let r = work(&root);
                    for p in root.made.iter().rev() {
                        let _ = nix::mount::umount2(p, nix::mount::MntFlags::MNT_DETACH);
                        let _ = fs_err::remove_dir(p).or_else(|_| fs_err::remove_file(p));
                    }
                    r
                })
                .map_err(|e| HelperFailure::of(&e));
            let code = u8::from(r.is_err());
            match theirs.send(&r) {
                Ok(()) => code,
                Err(_) => 1,
            }
        })
        .map_err(system("forking a copy helper"))?;
        drop(theirs);
        Ok(Helper { pid, chan: ours })
    }
}

/// Where a `cp` helper finds the container's root.
pub(super) struct RootPlan {
    name: String,
    cwd: PathBuf,
    /// The container's user, as the helper's namespace sees it.
    uid: u32,
    gid: u32,
    reach: Reach,
}

/// How a helper reaches the container's root.
enum Reach {
    /// A running container: its namespaces, opened before the fork.
    Join {
        user: Option<std::fs::File>,
        mnt: std::fs::File,
    },
    /// A stopped one: its file system and (source, destination, read-only) binds.
    Mount {
        rootfs: Rootfs,
        running: bool,
        binds: Vec<(PathBuf, PathBuf, bool)>,
    },
}

/// A forked `cp` helper and the channel its answer comes on.
pub(super) struct Helper {
    pid: nix::unistd::Pid,
    chan: crate::sys::channel::Channel<(), std::result::Result<(), HelperFailure>>,
}

impl Helper {
    /// Waits for the helper: its error, if it had one.
    pub(super) fn finish(self) -> Result<()> {
        let answer = self.chan.recv();
        drop(self.chan);
        let status = crate::sys::process::wait(self.pid);
        match answer {
            Ok(Some(Ok(()))) => Ok(()),
            Ok(Some(Err(e))) => Err(CopyError::Helper(e).into()),
            _ => Err(CopyError::HelperEnded { status }.into()),
        }
    }
}

/// Binds `src` (a host path) onto `dest` inside the tree at `top`, the
/// destination resolved inside the tree (created when missing: then
/// `true`, and it is removed again when the copy is done).
fn bind_inside(
    top: &OwnedFd,
    src: &Path,
    dest: &Path,
    ro: bool,
    fds: Option<&OwnedFd>,
) -> Result<bool> {
    let Ok(meta) = fs_err::metadata(src) else {
        return Ok(false);
    };
    let create = if meta.is_dir() {
        crate::sys::Create::Dir
    } else {
        crate::sys::Create::File
    };
    let rel = relative(&dest.to_string_lossy());
    let made = fs::open_in_root(top.as_fd(), &rel, OFlag::O_PATH).err() == Some(Errno::ENOENT);
    let at =
        fs::resolve_in_root(top.as_fd(), &rel, OFlag::O_PATH, create).map_err(at_path(dest))?;
    let target = fd_path(fds, &at)?;
    let flags = nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REC;
    nix::mount::mount(Some(src), &target, None::<&str>, flags, None::<&str>).map_err(|source| {
        CopyError::Mount {
            path: dest.to_path_buf(),
            source,
        }
    })?;
    if ro {
        let _ = nix::mount::mount(
            None::<&str>,
            &target,
            None::<&str>,
            flags | nix::mount::MsFlags::MS_REMOUNT | nix::mount::MsFlags::MS_RDONLY,
            None::<&str>,
        );
    }
    Ok(made)
}

/// This process's `/proc/self/fd`, opened before any namespace is joined
/// (a container's /proc belongs to its own PID namespace).
fn fd_dir() -> Option<&'static OwnedFd> {
    static DIR: std::sync::OnceLock<Option<OwnedFd>> = std::sync::OnceLock::new();
    DIR.get_or_init(|| fs::open_dir(Path::new("/proc/self/fd")).ok())
        .as_ref()
}

/// The path (in this process's view) of what `fd` is open on, read
/// through `fds` (a `/proc/self/fd` opened earlier) when there is one.
fn fd_path(fds: Option<&OwnedFd>, fd: &OwnedFd) -> Result<PathBuf> {
    match fds {
        Some(d) => nix::fcntl::readlinkat(Some(d.as_raw_fd()), fd.as_raw_fd().to_string().as_str())
            .map(PathBuf::from)
            .map_err(|e| system("reading /proc/self/fd")(e).into()),
        None => Ok(fs_err::read_link(proc_path(fd)).map_err(CopyError::File)?),
    }
}

/// The path of what `fd` is open on, in this process's mount namespace.
pub(super) fn real(fd: &OwnedFd) -> Result<PathBuf> {
    fd_path(fd_dir(), fd)
}
