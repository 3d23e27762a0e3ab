//! `cp` and `export`: a container's file system (its overlay merged view,
//! mounted privately in rpod's user namespace, or its vfs tree) read or
//! written as a tar stream. Paths inside the container resolve with
//! `RESOLVE_IN_ROOT` ([`crate::sys::fs::open_in_root`]), so a symlink in
//! the container never leads out of it.

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;

use super::super::Engine;
use crate::error::{Error, Result};
use crate::runtime::Rootfs;
use crate::sys::fs;

/// What `cp` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct CopyOptions {
    /// `-a` (podman's default): files copied into a container belong to
    /// its user; off, they keep the ids of the source.
    pub archive: bool,
    /// `-L`: a symlink given as the source is followed.
    pub follow: bool,
    /// `--overwrite`: a directory may replace a file and the other way round.
    pub overwrite: bool,
}

/// A container's root file system, reachable while this value lives.
struct Root {
    dir: OwnedFd,
    /// This process's `/proc/self/fd`, opened before the container's root
    /// was entered (its /proc, if any, is another PID namespace's).
    fds: Option<OwnedFd>,
    /// Mount points made for a stopped container's volumes (paths in it),
    /// removed when the copy is done: a volume is not left holding them.
    made: Vec<PathBuf>,
    uid: u32,
    gid: u32,
    /// The container's name, for messages.
    name: String,
    /// Its working directory, where relative paths start.
    cwd: PathBuf,
}

impl Root {
    /// `path` in the container relative to its root: a relative one starts
    /// at the working directory; `..` stays, resolved inside the root.
    fn rel(&self, path: &str) -> PathBuf {
        if path.starts_with('/') {
            relative(path)
        } else {
            relative(&format!("{}/{path}", self.cwd.display()))
        }
    }

    /// The path (in this process's view) of what `fd` is open on.
    fn real(&self, fd: &OwnedFd) -> Result<PathBuf> {
        fd_path(self.fds.as_ref(), fd)
    }

    /// "PATH could not be found on container NAME".
    fn missing(&self, path: &str, e: Errno) -> Error {
        Error::Message(format!(
            "\"{path}\" could not be found on container {}: {}",
            self.name,
            io_text(e)
        ))
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
        .map_err(|e| Error::Message(format!("opening /proc/self/ns/mnt: {e}"))),
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
        return Err(Error::Message(format!(
            "container {name} is running on fuse-overlayfs: a second view of its file system cannot be mounted beside it; stop it first"
        )));
    }
    let outer = outer.ok_or_else(|| Error::Message("no outer mount namespace".into()))?;
    o.mount_program_view(outer)
        .map_err(|e| Error::Message(format!("container {name}: {e}")))
}

fn errno_msg(what: &Path, e: Errno) -> Error {
    Error::Message(format!("{}: {}", what.display(), io_text(e)))
}

fn io_text(e: Errno) -> String {
    std::io::Error::from_raw_os_error(e as i32)
        .to_string()
        .split(" (os error")
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

fn io_err(e: std::io::Error) -> Error {
    Error::Message(e.to_string())
}

/// `path` inside the container without its leading `/` and `.` parts;
/// `..` stays, resolved by the kernel inside the root.
fn relative(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| !matches!(c, Component::RootDir | Component::CurDir))
        .collect()
}

fn proc_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Whether a `cp` source (`dir/.`) means a directory's contents.
fn contents_only(path: &str) -> bool {
    path.ends_with("/.") || path == "."
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
            super::commit::owner_ranges(ours, &theirs)
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
    fn container_root(&self, name_or_id: &str) -> Result<Root> {
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
        let sys = |what: &'static str| move |e: Errno| Error::Message(format!("{what}: {e}"));
        let outer = outer_mount_ns(&rootfs)?;
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
            .map_err(sys("creating a mount namespace"))?;
        nix::mount::mount(
            None::<&str>,
            "/",
            None::<&str>,
            nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_SLAVE,
            None::<&str>,
        )
        .map_err(sys("making mounts private"))?;
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
                .map_err(Error::Message)?;
                o.merged.clone()
            }
        };
        let dir = fs::open_dir(&root).map_err(|e| errno_msg(&root, e))?;
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
    fn root_plan(&self, name_or_id: &str) -> Result<RootPlan> {
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
                    .map_err(|e| {
                        Error::Message(format!("joining container {}: {e}", c.config.name))
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
            .map_err(|e| Error::Message(format!("making the copy helper non-dumpable: {e}")))?;
        let fds = fs::open_dir(Path::new("/proc/self/fd")).ok();
        let mut made = Vec::new();
        let sys = |what: &'static str| move |e: Errno| Error::Message(format!("{what}: {e}"));
        match &plan.reach {
            Reach::Join { user, mnt } => {
                let join_err =
                    |e: Errno| Error::Message(format!("joining container {}: {e}", plan.name));
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
                nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
                    .map_err(sys("creating a mount namespace"))?;
                nix::mount::mount(
                    None::<&str>,
                    "/",
                    None::<&str>,
                    nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
                    None::<&str>,
                )
                .map_err(sys("making mounts private"))?;
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
                        .map_err(sys("mounting the container's root"))?;
                        d.clone()
                    }
                    Rootfs::Overlay(o) if o.mount_program.is_some() => {
                        fuse_view(o, outer.as_ref(), *running, &plan.name)?;
                        o.merged.clone()
                    }
                    Rootfs::Overlay(o) => {
                        o.mount_view(self.rootless, *running)
                            .map_err(Error::Message)?;
                        o.merged.clone()
                    }
                };
                let top = fs::open_dir(&root).map_err(|e| errno_msg(&root, e))?;
                for (src, dest, ro) in binds {
                    if bind_inside(&top, src, dest, *ro, fds.as_ref())? {
                        made.push(dest.clone());
                    }
                }
                drop(top);
                nix::unistd::chroot(&root).map_err(sys("changing root"))?;
            }
        }
        nix::unistd::chdir("/").map_err(sys("changing directory"))?;
        let dir = fs::open_dir(Path::new("/")).map_err(|e| errno_msg(Path::new("/"), e))?;
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
    fn helper(
        &self,
        plan: &RootPlan,
        close: &[std::os::fd::RawFd],
        work: impl FnOnce(&Root) -> Result<()>,
    ) -> Result<Helper> {
        let (ours, theirs) = crate::sys::channel::channel::<(), std::result::Result<(), String>>()
            .map_err(|e| Error::Message(e.to_string()))?;
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
                .map_err(|e| e.to_string());
            let code = u8::from(r.is_err());
            match theirs.send(&r) {
                Ok(()) => code,
                Err(_) => 1,
            }
        })
        .map_err(|e| Error::Message(format!("forking a copy helper: {e}")))?;
        drop(theirs);
        Ok(Helper { pid, chan: ours })
    }

    /// Writes a tar of `path` in container `name_or_id` to `out` (`cp CTR:PATH -`).
    pub fn copy_out_tar(
        &self,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
        out: &mut dyn Write,
    ) -> Result<()> {
        let plan = self.root_plan(name_or_id)?;
        let (r, w) = fs::pipe().map_err(|e| Error::Message(format!("pipe: {e}")))?;
        let r_raw = r.as_raw_fd();
        let helper = self.helper(&plan, &[r_raw], move |root| {
            let (src, name) = open_source(root, path, opts)?;
            let name = if contents_only(path) {
                ".".into()
            } else {
                name
            };
            archive(&src, &name, std::fs::File::from(w))
        })?;
        let copied = std::io::copy(&mut std::fs::File::from(r), out).map_err(io_err);
        helper.finish()?;
        copied.map(drop)
    }

    /// Writes a tar of container `name_or_id`'s whole file system to `out`
    /// (`rpod export`).
    pub fn export_container(&self, name_or_id: &str, out: &mut dyn Write) -> Result<()> {
        let root = self.container_root(name_or_id)?;
        let top = real(&root.dir)?;
        let mut names: Vec<_> = fs_err::read_dir(&top)
            .map_err(io_err)?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        let mut b = builder(out);
        for n in names {
            let name = n.to_string_lossy().into_owned();
            append(&mut b, &top.join(&n), &name)?;
        }
        b.finish().map_err(io_err)
    }

    /// Copies `path` in container `name_or_id` to `dest` on the host
    /// (`cp CTR:PATH DEST`), named as `cp -r` would name it.
    pub fn copy_out(
        &self,
        name_or_id: &str,
        path: &str,
        dest: &Path,
        opts: CopyOptions,
    ) -> Result<()> {
        let plan = self.root_plan(name_or_id)?;
        let (r, w) = fs::pipe().map_err(|e| Error::Message(format!("pipe: {e}")))?;
        let r_raw = r.as_raw_fd();
        let helper = self.helper(&plan, &[r_raw], move |root| {
            let (src, name) = open_source(root, path, opts)?;
            archive(&src, &format!("x{name}"), std::fs::File::from(w))
        })?;
        let contents = contents_only(path);
        let unpacked = unpack_top(std::fs::File::from(r), |first, src_dir| {
            let name = first.strip_prefix('x').unwrap_or(first);
            let (dir, target, inside) = host_target(dest, name, contents)?;
            let shown = Path::new("/").join(&target);
            let inside = inside.then_some(shown.as_path());
            check_overwrite(&dir.join(&target), src_dir, opts.overwrite, dest, inside)?;
            Ok(Unpack {
                dir,
                rename: Some(target),
                owner: Owner::Keep,
                shown: dest.display().to_string(),
            })
        });
        helper.finish()?;
        unpacked
    }

    /// Copies `src` on the host into container `name_or_id` at `path`
    /// (`cp SRC CTR:PATH`): archived here, unpacked by a helper that
    /// stands in the container's root, streamed between them.
    pub fn copy_in(
        &self,
        src: &Path,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let src_s = src.to_string_lossy().into_owned();
        let contents = contents_only(&src_s);
        // The source is resolved to the end, as podman does (a symlink is
        // copied as what it points to); it keeps the name it was given.
        let given_name = src.file_name().map(|n| n.to_string_lossy().into_owned());
        let found = fs_err::canonicalize(src);
        let src = found.map_err(|e| {
            Error::Message(format!(
                "\"{}\" could not be found on the host: {}",
                src.display(),
                lower(&e)
            ))
        })?;
        let plan = self.root_plan(name_or_id)?;
        let host_ids = (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        );
        let name = given_name
            .filter(|_| !contents)
            .or_else(|| src.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| ".".into());
        let (r, w) = fs::pipe().map_err(|e| Error::Message(format!("pipe: {e}")))?;
        let w_raw = w.as_raw_fd();
        let helper = self.helper(&plan, &[w_raw], move |root| {
            unpack_into_container(
                root,
                std::fs::File::from(r),
                path,
                &name,
                contents,
                opts,
                host_ids,
            )
        })?;
        let sent = archive(&src, "x", std::fs::File::from(w));
        let done = helper.finish();
        match (done, sent) {
            (Err(e), _) | (Ok(()), Err(e)) => Err(e),
            (Ok(()), Ok(())) => Ok(()),
        }
    }

    /// Copies `path` in container `from` to `path_to` in container `to`
    /// (`cp CTR1:PATH CTR2:PATH`): one helper in each, a pipe between.
    pub fn copy_between(
        &self,
        from: &str,
        path: &str,
        to: &str,
        path_to: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let src_plan = self.root_plan(from)?;
        let dst_plan = self.root_plan(to)?;
        let (r, w) = fs::pipe().map_err(|e| Error::Message(format!("pipe: {e}")))?;
        let (r_raw, w_raw) = (r.as_raw_fd(), w.as_raw_fd());
        let source = self.helper(&src_plan, &[r_raw], move |root| {
            let (src, name) = open_source(root, path, opts)?;
            archive(&src, &format!("x{name}"), std::fs::File::from(w))
        })?;
        let host_ids = (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        );
        let contents = contents_only(path);
        let dest = self.helper(&dst_plan, &[w_raw], move |root| {
            unpack_into_container(
                root,
                std::fs::File::from(r),
                path_to,
                "",
                contents,
                opts,
                host_ids,
            )
        });
        let read = source.finish();
        let written = dest.and_then(Helper::finish);
        match (read, written) {
            (Err(e), _) if !e.to_string().contains("Broken pipe") => Err(e),
            (_, Err(e)) | (Err(e), Ok(())) => Err(e),
            (Ok(()), Ok(())) => Ok(()),
        }
    }

    /// Unpacks the tar on `input` into directory `path` of container
    /// `name_or_id` (`cp - CTR:PATH`); gzip or zstd compressed input is
    /// recognised.
    pub fn copy_in_tar(
        &self,
        input: &mut dyn Read,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let plan = self.root_plan(name_or_id)?;
        let (r, w) = fs::pipe().map_err(|e| Error::Message(format!("pipe: {e}")))?;
        let w_raw = w.as_raw_fd();
        let helper = self.helper(&plan, &[w_raw], move |root| {
            let fd = fs::open_in_root(
                root.dir.as_fd(),
                &root.rel(path),
                OFlag::O_RDONLY | OFlag::O_DIRECTORY,
            )
            .map_err(|e| match e {
                Errno::ENOTDIR | Errno::ENOENT => {
                    Error::Message("destination must be a directory when copying from stdin".into())
                }
                e => root.missing(path, e),
            })?;
            let dir = root.real(&fd)?;
            let mut input = std::io::BufReader::new(std::fs::File::from(r));
            let magic = std::io::BufRead::fill_buf(&mut input)
                .map_err(io_err)?
                .to_vec();
            let kind = crate::layer::ArchiveCompression::sniff(&magic);
            let mut input = crate::layer::decompress_archive(input, kind)
                .map_err(|e| Error::Message(e.to_string()))?;
            // A tar's first header says "ustar" at 257.
            let mut head = vec![0u8; 512];
            let mut got = 0;
            while got < head.len() {
                match input.read(&mut head[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            head.truncate(got);
            if head.len() < 512 || &head[257..262] != b"ustar" {
                return Err(Error::Message(
                    "source must be a (compressed) tar archive when copying from stdin".into(),
                ));
            }
            let input = std::io::Cursor::new(head).chain(input);
            let owner = if opts.archive {
                Owner::To(root.uid, root.gid)
            } else {
                Owner::Header(None)
            };
            unpack_entries(
                tar::Archive::new(input),
                None,
                &Unpack {
                    dir,
                    rename: None,
                    owner,
                    shown: path.to_string(),
                },
            )
        })?;
        let mut w = std::fs::File::from(w);
        let sent = std::io::copy(input, &mut w).map_err(io_err);
        drop(w);
        let done = helper.finish();
        match (done, sent) {
            (Err(e), _) | (Ok(()), Err(e)) => Err(e),
            (Ok(()), Ok(_)) => Ok(()),
        }
    }
}

/// Where a `cp` helper finds the container's root.
struct RootPlan {
    name: String,
    cwd: PathBuf,
    /// The container's user, as the helper's namespace sees it.
    uid: u32,
    gid: u32,
    reach: Reach,
}

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
struct Helper {
    pid: nix::unistd::Pid,
    chan: crate::sys::channel::Channel<(), std::result::Result<(), String>>,
}

impl Helper {
    /// Waits for the helper: its error, if it had one.
    fn finish(self) -> Result<()> {
        let answer = self.chan.recv();
        drop(self.chan);
        let status = crate::sys::process::wait(self.pid);
        match answer {
            Ok(Some(Ok(()))) => Ok(()),
            Ok(Some(Err(e))) => Err(Error::Message(e)),
            _ => Err(Error::Message(format!(
                "the copy helper ended early: {status:?}"
            ))),
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
    let at = fs::resolve_in_root(top.as_fd(), &rel, OFlag::O_PATH, create)
        .map_err(|e| errno_msg(dest, e))?;
    let target = fd_path(fds, &at)?;
    let flags = nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REC;
    nix::mount::mount(Some(src), &target, None::<&str>, flags, None::<&str>)
        .map_err(|e| Error::Message(format!("mounting {}: {e}", dest.display())))?;
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

/// Writes `src` (a path in this process) as a tar whose top entry is `name`.
fn archive(src: &Path, name: &str, out: impl Write) -> Result<()> {
    let opts = crate::layer::diff::DiffOptions::default();
    crate::layer::diff::path_to_tar(src, Path::new(name), std::io::BufWriter::new(out), &opts)
        .map(drop)
        .map_err(|e| Error::Message(format!("archiving {}: {e}", src.display())))
}

/// In the container's root: unpacks a tar whose top entry is `x` (or
/// `xNAME`, the source's own name, when `name` is empty) at `path`.
fn unpack_into_container(
    root: &Root,
    input: impl Read,
    path: &str,
    name: &str,
    contents: bool,
    opts: CopyOptions,
    host_ids: (u32, u32),
) -> Result<()> {
    // The host user's files keep their meaning: whoever that user is
    // where the copy lands (root of a rootless container).
    let here = (
        nix::unistd::geteuid().as_raw(),
        nix::unistd::getegid().as_raw(),
    );
    unpack_top(input, |first, src_dir| {
        let src_name = if name.is_empty() {
            first.strip_prefix('x').unwrap_or(first)
        } else {
            name
        };
        let (dir, target, inside) = container_target(root, path, src_name, src_dir, contents)?;
        if target != "." {
            let shown = root.cwd.join(path).join(&target);
            let inside = inside.then_some(shown.as_path());
            check_overwrite(
                &dir.join(&target),
                src_dir,
                opts.overwrite,
                Path::new(path),
                inside,
            )?;
        }
        let owner = if opts.archive {
            Owner::To(root.uid, root.gid)
        } else {
            Owner::Header(Some((host_ids, here)))
        };
        Ok(Unpack {
            dir,
            rename: Some(target),
            owner,
            shown: path.to_string(),
        })
    })
}

/// Who unpacked entries belong to.
enum Owner {
    /// Whoever unpacks them (the host side).
    Keep,
    /// The container's user (`-a`).
    To(u32, u32),
    /// The archive's ids, the first pair (uid, gid) made the second.
    Header(Option<((u32, u32), (u32, u32))>),
}

/// Where and how a `cp` archive is unpacked.
struct Unpack {
    /// The directory entries land in (a path in this process).
    dir: PathBuf,
    /// The archive's top entry renamed (`.`: its contents go into `dir`,
    /// which is left as it is); `None`: names as they are.
    rename: Option<String>,
    owner: Owner,
    /// The destination as the user gave it, for messages.
    shown: String,
}

/// Reads the first entry of a `cp` archive (its top, named `x…`), lets
/// `decide` say where it goes from its name and whether it is a
/// directory, and unpacks the whole archive there. An empty archive
/// (its writer failed; its error is reported) unpacks nothing.
fn unpack_top(input: impl Read, decide: impl FnOnce(&str, bool) -> Result<Unpack>) -> Result<()> {
    let mut a = tar::Archive::new(input);
    let mut entries = a.entries().map_err(io_err)?;
    let Some(first) = entries.next() else {
        return Ok(());
    };
    let first = first.map_err(io_err)?;
    let top = first.path().map_err(io_err)?.into_owned();
    let top = top.to_string_lossy().trim_end_matches('/').to_string();
    let u = decide(&top, first.header().entry_type().is_dir())?;
    let mut state = Unpacked::default();
    unpack_one(first, Some(&top), &u, &mut state)?;
    for e in entries {
        unpack_one(e.map_err(io_err)?, Some(&top), &u, &mut state)?;
    }
    state.finish();
    drain(a.into_inner());
    Ok(())
}

/// Unpacks every entry of `a` ([`Unpack`]), the top one named `top`.
fn unpack_entries<R: Read>(mut a: tar::Archive<R>, top: Option<&str>, u: &Unpack) -> Result<()> {
    let mut state = Unpacked::default();
    for e in a.entries().map_err(io_err)? {
        unpack_one(e.map_err(io_err)?, top, u, &mut state)?;
    }
    state.finish();
    drain(a.into_inner());
    Ok(())
}

/// Reads what follows an archive's end (its padding), so that the writer
/// finishes without a broken pipe.
fn drain(mut r: impl Read) {
    let _ = std::io::copy(&mut r, &mut std::io::sink());
}

/// Directories unpacked, whose times are set once their contents are in.
#[derive(Default)]
struct Unpacked {
    dirs: Vec<(PathBuf, u64)>,
}

impl Unpacked {
    fn finish(self) {
        for (dir, mtime) in self.dirs.into_iter().rev() {
            let t = nix::sys::time::TimeSpec::new(i64::try_from(mtime).unwrap_or(0), 0);
            let _ = nix::sys::stat::utimensat(
                None,
                &dir,
                &t,
                &t,
                nix::sys::stat::UtimensatFlags::NoFollowSymlink,
            );
        }
    }
}

/// An archive path made relative and safe: no `..`, no root; the top
/// entry renamed as [`Unpack::rename`] says. `None`: the top itself with
/// `rename` `.` (the existing directory, left alone).
fn entry_path(p: &Path, top: Option<&str>, u: &Unpack) -> Result<Option<PathBuf>> {
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(n) => parts.push(n),
            Component::RootDir | Component::CurDir => {}
            _ => {
                return Err(Error::Message(format!(
                    "{}: archive entry {} leaves the destination",
                    u.shown,
                    p.display()
                )))
            }
        }
    }
    let mut out = PathBuf::new();
    let mut rest = parts.into_iter();
    if let (Some(top), Some(name)) = (top, &u.rename) {
        match rest.next() {
            Some(first) if first == std::ffi::OsStr::new(top) => {}
            _ => {
                return Err(Error::Message(format!(
                    "{}: unexpected archive entry {}",
                    u.shown,
                    p.display()
                )))
            }
        }
        if name != "." {
            out.push(name);
        }
    }
    out.extend(rest);
    Ok((!out.as_os_str().is_empty()).then_some(out))
}

/// Unpacks one entry: its parent must be a directory reached without a
/// symlink inside [`Unpack::dir`] (made when missing); hard links point
/// inside too; owners as [`Unpack::owner`] says; xattrs where allowed.
fn unpack_one<R: Read>(
    mut e: tar::Entry<'_, R>,
    top: Option<&str>,
    u: &Unpack,
    state: &mut Unpacked,
) -> Result<()> {
    let kind = e.header().entry_type();
    let raw = e.path().map_err(io_err)?.into_owned();
    let Some(rel) = entry_path(&raw, top, u)? else {
        return Ok(());
    };
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        Error::Message(format!("{}: {what} {}: {err}", u.shown, rel.display()))
    };
    let base = fs::open_dir(&u.dir).map_err(|e| errno_msg(&u.dir, e))?;
    if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::sys::resolve(
            base.as_fd(),
            parent,
            OFlag::O_PATH | OFlag::O_DIRECTORY,
            crate::sys::Create::Dir,
            crate::sys::Links::Refuse,
        )
        .map_err(|er| fail("unpacking", &io_text(er)))?;
    }
    let at = u.dir.join(&rel);
    let xattrs: Vec<(String, Vec<u8>)> = e
        .pax_extensions()
        .ok()
        .flatten()
        .map(|x| {
            x.filter_map(|r| r.ok())
                .filter_map(|r| {
                    let k = r.key().ok()?.strip_prefix("SCHILY.xattr.")?.to_string();
                    Some((k, r.value_bytes().to_vec()))
                })
                .collect()
        })
        .unwrap_or_default();
    let mode = e.header().mode().unwrap_or(0o644);
    let mtime = e.header().mtime().unwrap_or(0);
    let ids = (
        e.header().uid().ok().and_then(|v| u32::try_from(v).ok()),
        e.header().gid().ok().and_then(|v| u32::try_from(v).ok()),
    );
    if kind.is_hard_link() {
        let link = e
            .link_name()
            .map_err(io_err)?
            .map(|l| l.into_owned())
            .unwrap_or_default();
        let Some(lrel) = entry_path(&link, top, u)? else {
            return Err(fail("hard link to", &"the destination itself"));
        };
        if let Some(parent) = lrel.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::sys::resolve(
                base.as_fd(),
                parent,
                OFlag::O_PATH | OFlag::O_DIRECTORY,
                crate::sys::Create::Nothing,
                crate::sys::Links::Refuse,
            )
            .map_err(|er| fail("linking", &io_text(er)))?;
        }
        if fs_err::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            fs_err::remove_file(&at)
                .map_err(crate::sys::without_path)
                .map_err(|er| fail("replacing", &er))?;
        }
        return fs_err::hard_link(u.dir.join(&lrel), &at)
            .map_err(crate::sys::without_path)
            .map_err(|er| fail("linking", &er));
    }
    e.set_preserve_permissions(true);
    e.set_preserve_mtime(true);
    let unpacked = e.unpack(&at).map_err(|er| {
        let mut cause = String::new();
        let mut next = std::error::Error::source(&er);
        while let Some(s) = next {
            cause = format!("{cause}: {s}");
            next = s.source();
        }
        fail("unpacking", &format!("{er}{cause}"))
    })?;
    let chown = match u.owner {
        Owner::Keep => None,
        Owner::To(uid, gid) => Some((uid, gid)),
        Owner::Header(map) => match ids {
            (Some(uid), Some(gid)) => Some(match map {
                Some(((fu, fg), (tu, tg))) => (
                    if uid == fu { tu } else { uid },
                    if gid == fg { tg } else { gid },
                ),
                None => (uid, gid),
            }),
            _ => None,
        },
    };
    if let Some((uid, gid)) = chown {
        fs_err::os::unix::fs::lchown(&at, Some(uid), Some(gid))
            .map_err(crate::sys::without_path)
            .map_err(|er| fail("chown", &er))?;
        // chown drops set-id bits: put them back.
        if mode & 0o7000 != 0 && !kind.is_symlink() {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs_err::set_permissions(&at, std::fs::Permissions::from_mode(mode & 0o7777));
        }
    }
    if !xattrs.is_empty() && !kind.is_symlink() {
        let file = match unpacked {
            tar::Unpacked::File(f) => Some(f),
            _ => fs_err::File::open(&at).ok().map(fs_err::File::into_file),
        };
        if let Some(f) = file {
            for (k, v) in &xattrs {
                // Where allowed: security.* and trusted.* need privileges.
                let _ = fs::fsetxattr(f.as_fd(), k, v);
            }
        }
    }
    if kind.is_dir() {
        state.dirs.push((at, mtime));
    }
    Ok(())
}

fn lower(e: &std::io::Error) -> String {
    crate::sys::os_code(e)
        .map(|n| io_text(Errno::from_raw(n)))
        .unwrap_or_else(|| e.to_string())
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
            .map_err(|e| Error::Message(format!("reading /proc/self/fd: {e}"))),
        None => fs_err::read_link(proc_path(fd)).map_err(io_err),
    }
}

/// The path of what `fd` is open on, in this process's mount namespace.
fn real(fd: &OwnedFd) -> Result<PathBuf> {
    fd_path(fd_dir(), fd)
}

fn builder<W: Write>(out: W) -> tar::Builder<W> {
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    b.mode(tar::HeaderMode::Complete);
    b
}

/// Adds `src` to the archive as `name` (`.`: a directory's contents).
fn append<W: Write>(b: &mut tar::Builder<W>, src: &Path, name: &str) -> Result<()> {
    let meta = fs_err::symlink_metadata(src).map_err(io_err)?;
    if meta.is_dir() {
        b.append_dir_all(name, src)
    } else {
        b.append_path_with_name(src, name)
    }
    .map_err(|e| Error::Message(format!("archiving {}: {e}", src.display())))
}

/// Resolves a `cp` source inside the container: its path in this process
/// and its name.
fn open_source(root: &Root, path: &str, opts: CopyOptions) -> Result<(PathBuf, String)> {
    // podman resolves the source path to the end (a symlink given as the
    // source is copied as what it points to, inside the container), with
    // or without -L.
    let _ = opts;
    let rel = root.rel(path);
    let fd = fs::open_in_root(root.dir.as_fd(), &rel, OFlag::O_PATH)
        .map_err(|e| root.missing(path, e))?;
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    Ok((root.real(&fd)?, name))
}

/// Where a copy to the host lands: the directory and the name in it.
fn host_target(dest: &Path, name: &str, contents: bool) -> Result<(PathBuf, String, bool)> {
    match fs_err::metadata(dest) {
        Ok(m) if m.is_dir() => Ok((
            dest.to_path_buf(),
            if contents { ".".into() } else { name.into() },
            true,
        )),
        Ok(_) if dest.to_string_lossy().ends_with('/') => Err(Error::Message(format!(
            "{}: not a directory",
            dest.display()
        ))),
        Ok(_) | Err(_) => {
            let parent = match dest.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !parent.is_dir() {
                return Err(Error::Message(format!(
                    "{}: no such file or directory",
                    parent.display()
                )));
            }
            let base = dest.file_name().ok_or_else(|| {
                Error::Message(format!("{}: not a valid destination", dest.display()))
            })?;
            Ok((parent, base.to_string_lossy().into_owned(), false))
        }
    }
}

/// Where a copy into the container lands: the directory (a path in this
/// process, resolved inside the root) and the name in it.
fn container_target(
    root: &Root,
    path: &str,
    name: &str,
    src_dir: bool,
    contents: bool,
) -> Result<(PathBuf, String, bool)> {
    let rel = root.rel(path);
    let dir_flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY;
    match fs::open_in_root(root.dir.as_fd(), &rel, dir_flags) {
        Ok(fd) => {
            let target = if contents && src_dir { "." } else { name };
            return Ok((root.real(&fd)?, target.into(), true));
        }
        Err(Errno::ENOTDIR) if !path.ends_with('/') => {}
        Err(Errno::ENOENT) if !path.ends_with('/') => {}
        Err(e) => return Err(root.missing(path, e)),
    }
    // A symlink at the destination is followed inside the container
    // (podman writes the file it points to, existing or not).
    let mut rel = rel;
    for _ in 0..40 {
        let Some(base) = rel.file_name().map(std::ffi::OsStr::to_os_string) else {
            return Err(Error::Message(format!("{path}: not a valid destination")));
        };
        let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let fd = fs::open_in_root(root.dir.as_fd(), &parent, dir_flags)
            .map_err(|e| root.missing(path, e))?;
        match nix::fcntl::readlinkat(Some(fd.as_raw_fd()), base.as_os_str()) {
            Ok(link) => {
                let link = link.to_string_lossy().into_owned();
                rel = if link.starts_with('/') {
                    relative(&link)
                } else {
                    parent.join(relative(&link))
                };
            }
            Err(_) => return Ok((root.real(&fd)?, base.to_string_lossy().into_owned(), false)),
        }
    }
    Err(root.missing(path, Errno::ELOOP))
}

/// Refuses to replace a directory with a file or the other way round
/// unless `--overwrite`; with it, removes what is in the way.
fn check_overwrite(
    target: &Path,
    src_dir: bool,
    overwrite: bool,
    shown: &Path,
    inside: Option<&Path>,
) -> Result<()> {
    let Ok(m) = fs_err::symlink_metadata(target) else {
        return Ok(());
    };
    if m.is_dir() == src_dir {
        return Ok(());
    }
    if let (false, Some(p)) = (overwrite, inside) {
        // A name in the destination directory is taken by the other kind.
        let p = p.display();
        let call = if src_dir { "mkdir" } else { "creat" };
        return Err(Error::Message(format!(
            "copier: put: error creating \"{p}\": {call} {p}: file exists (use --overwrite)"
        )));
    }
    if !overwrite && src_dir {
        return Err(Error::Message(
            "destination must be a directory when copying a directory".into(),
        ));
    }
    if !overwrite {
        let (what, with) = if m.is_dir() {
            ("directory", "non-directory")
        } else {
            ("non-directory", "directory")
        };
        return Err(Error::Message(format!(
            "{}: cannot overwrite {what} with {with} (use --overwrite)",
            shown.display()
        )));
    }
    if m.is_dir() {
        fs_err::remove_dir_all(target)
    } else {
        fs_err::remove_file(target)
    }
    .map_err(io_err)
}
