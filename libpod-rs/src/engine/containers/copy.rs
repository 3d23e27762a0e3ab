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

    /// "PATH could not be found on container NAME".
    fn missing(&self, path: &str, e: Errno) -> Error {
        Error::Message(format!(
            "\"{path}\" could not be found on container {}: {}",
            self.name,
            io_text(e)
        ))
    }
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
    /// Mounts container `name_or_id`'s root file system where only this
    /// process sees it (in rpod's user namespace, whose ids the layers hold).
    fn container_root(&self, name_or_id: &str) -> Result<Root> {
        self.container_root_for(name_or_id, false)
    }

    /// [`Self::container_root`]; with `join`, a running container's files
    /// are reached by joining its user and mount namespaces (so that what
    /// is written is seen by its processes at once, which a second overlay
    /// mount does not promise): only from the host's namespaces, and host
    /// paths are out of reach afterwards.
    fn container_root_for(&self, name_or_id: &str, join: bool) -> Result<Root> {
        let c = self.container(name_or_id)?;
        let _ = fd_dir();
        if join
            && matches!(c.state.status, crate::container::Status::Running)
            && !crate::userns::in_user_namespace()
        {
            let spec = self.load_spec(&c)?;
            let (uid, gid, cwd) = spec
                .process()
                .as_ref()
                .map(|p| (p.user().uid(), p.user().gid(), p.cwd().clone()))
                .unwrap_or((0, 0, PathBuf::from("/")));
            let pid = c.state.pid;
            let open = |n: &str| {
                std::fs::File::open(format!("/proc/{pid}/ns/{n}")).map_err(|e| {
                    Error::Message(format!("joining container {}: {e}", c.config.name))
                })
            };
            let same = |n: &str| -> bool {
                use std::os::unix::fs::MetadataExt;
                let a = std::fs::metadata(format!("/proc/self/ns/{n}"));
                let b = std::fs::metadata(format!("/proc/{pid}/ns/{n}"));
                matches!((a, b), (Ok(a), Ok(b)) if (a.dev(), a.ino()) == (b.dev(), b.ino()))
            };
            let user = if same("user") {
                None
            } else {
                Some(open("user")?)
            };
            let mnt = open("mnt")?;
            let join_err =
                |e: Errno| Error::Message(format!("joining container {}: {e}", c.config.name));
            if let Some(u) = &user {
                nix::sched::setns(u.as_fd(), nix::sched::CloneFlags::CLONE_NEWUSER)
                    .map_err(join_err)?;
            }
            nix::sched::setns(mnt.as_fd(), nix::sched::CloneFlags::CLONE_NEWNS)
                .map_err(join_err)?;
            let dir = fs::open_dir(Path::new("/")).map_err(|e| errno_msg(Path::new("/"), e))?;
            return Ok(Root {
                dir,
                uid,
                gid,
                name: c.config.name.clone(),
                cwd,
            });
        }
        let rootfs = self.rootfs(&c)?;
        let spec = self.load_spec(&c)?;
        let (mut uid, mut gid, cwd) = spec
            .process()
            .as_ref()
            .map(|p| (p.user().uid(), p.user().gid(), p.cwd().clone()))
            .unwrap_or((0, 0, PathBuf::from("/")));
        // The container's ids as rpod's namespace sees them (they differ
        // under --userns=keep-id and other mappings).
        if self.rootless {
            let linux = spec.linux().as_ref();
            let tuples =
                |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<(u32, u32, u32)> {
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
            uid = back(
                &self.mappings.uids,
                tuples(linux.and_then(|l| l.uid_mappings().as_ref())),
                uid,
            );
            gid = back(
                &self.mappings.gids,
                tuples(linux.and_then(|l| l.gid_mappings().as_ref())),
                gid,
            );
        }
        self.enter_userns()?;
        let sys = |what: &'static str| move |e: Errno| Error::Message(format!("{what}: {e}"));
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
            Rootfs::Overlay(o) => {
                if o.mount_program.is_some() {
                    return Err(Error::Message(format!(
                        "container {}: cp and export of fuse-overlayfs containers are not supported yet",
                        c.config.name
                    )));
                }
                let lower: Vec<String> = o
                    .lower
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                let mut data = format!(
                    "lowerdir={},upperdir={},workdir={}",
                    lower.join(":"),
                    o.upper.display(),
                    o.work.display()
                );
                if self.rootless {
                    data.push_str(",userxattr");
                }
                if matches!(c.state.status, crate::container::Status::Running) {
                    // The container's own mount holds the upper directory:
                    // with overlay's index on, a second mount is refused.
                    data.push_str(",index=off");
                }
                std::fs::create_dir_all(&o.merged).map_err(io_err)?;
                nix::mount::mount(
                    Some("overlay"),
                    &o.merged,
                    Some("overlay"),
                    nix::mount::MsFlags::empty(),
                    Some(data.as_str()),
                )
                .map_err(sys("mounting the container's overlay"))?;
                o.merged.clone()
            }
        };
        let dir = fs::open_dir(&root).map_err(|e| errno_msg(&root, e))?;
        Ok(Root {
            dir,
            uid,
            gid,
            name: c.config.name.clone(),
            cwd,
        })
    }

    /// Writes a tar of `path` in container `name_or_id` to `out` (`cp CTR:PATH -`).
    pub fn copy_out_tar(
        &self,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
        out: &mut dyn Write,
    ) -> Result<()> {
        let root = self.container_root(name_or_id)?;
        let (src, name) = open_source(&root, path, opts)?;
        let name = if contents_only(path) {
            ".".into()
        } else {
            name
        };
        let mut b = builder(out);
        append(&mut b, &src, &name)?;
        b.finish().map_err(io_err)
    }

    /// Writes a tar of container `name_or_id`'s whole file system to `out`
    /// (`rpod export`).
    pub fn export_container(&self, name_or_id: &str, out: &mut dyn Write) -> Result<()> {
        let root = self.container_root(name_or_id)?;
        let top = real(&root.dir)?;
        let mut names: Vec<_> = std::fs::read_dir(&top)
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
        let root = self.container_root(name_or_id)?;
        let (src, name) = open_source(&root, path, opts)?;
        let (dir, target) = host_target(dest, &name, contents_only(path))?;
        let src_dir = std::fs::symlink_metadata(&src)
            .map(|m| m.is_dir())
            .map_err(io_err)?;
        check_overwrite(&dir.join(&target), src_dir, opts.overwrite, dest)?;
        let mut buf = Vec::new();
        {
            let mut b = builder(&mut buf);
            append(&mut b, &src, &target)?;
            b.finish().map_err(io_err)?;
        }
        let mut a = tar::Archive::new(&buf[..]);
        a.set_preserve_permissions(true);
        a.set_preserve_mtime(true);
        a.set_overwrite(true);
        a.unpack(&dir)
            .map_err(|e| Error::Message(format!("{}: {e}", dest.display())))
    }

    /// Copies `src` on the host into container `name_or_id` at `path`
    /// (`cp SRC CTR:PATH`).
    pub fn copy_in(
        &self,
        src: &Path,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let src = if opts.follow {
            std::fs::canonicalize(src)
        } else {
            std::fs::symlink_metadata(src).map(|_| src.to_path_buf())
        }
        .map_err(|e| {
            Error::Message(format!(
                "\"{}\" could not be found on the host: {}",
                src.display(),
                lower(&e)
            ))
        })?;
        let src_dir = std::fs::symlink_metadata(&src)
            .map(|m| m.is_dir())
            .map_err(io_err)?;
        // Archived before the container is reached (its namespaces hide
        // the host's paths), as `x`, renamed once the target is known.
        let src_s = src.to_string_lossy().into_owned();
        let contents = contents_only(&src_s);
        let name = src
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".".into());
        let mut buf = Vec::new();
        {
            let mut b = builder(&mut buf);
            append(&mut b, &src, "x")?;
            b.finish().map_err(io_err)?;
        }
        let host_ids = (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        );
        let root = self.container_root_for(name_or_id, true)?;
        let (dir, target) = container_target(&root, path, &name, src_dir, contents)?;
        if target != "." {
            check_overwrite(&dir.join(&target), src_dir, opts.overwrite, Path::new(path))?;
        }
        // The host user's files keep their meaning: whoever that user is
        // where the copy lands (root of a rootless container).
        let here = (
            nix::unistd::geteuid().as_raw(),
            nix::unistd::getegid().as_raw(),
        );
        let renamed = rename_root(&buf, &target, host_ids, here)?;
        unpack_in_container(&root, &renamed, &dir, path, opts)
    }

    /// Copies `path` in container `from` to `path_to` in container `to`
    /// (`cp CTR1:PATH CTR2:PATH`).
    pub fn copy_between(
        &self,
        from: &str,
        path: &str,
        to: &str,
        path_to: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let src_root = self.container_root(from)?;
        let (src, _) = open_source(&src_root, path, opts)?;
        let src_dir = std::fs::symlink_metadata(&src)
            .map(|m| m.is_dir())
            .map_err(io_err)?;
        // `dir/.` keeps its meaning through the resolved path.
        let src = if contents_only(path) {
            src.join(".")
        } else {
            src
        };
        let root = self.container_root(to)?;
        copy_into(&root, &src, src_dir, path_to, opts)
    }
    /// Unpacks the tar on `input` into directory `path` of container
    /// `name_or_id` (`cp - CTR:PATH`).
    pub fn copy_in_tar(
        &self,
        input: &mut dyn Read,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
    ) -> Result<()> {
        let mut buf = Vec::new();
        input.read_to_end(&mut buf).map_err(io_err)?;
        let root = self.container_root(name_or_id)?;
        let fd = fs::open_in_root(
            root.dir.as_fd(),
            &root.rel(path),
            OFlag::O_RDONLY | OFlag::O_DIRECTORY,
        )
        .map_err(|e| match e {
            Errno::ENOTDIR => Error::Message(format!(
                "{path}: a tar stream can only be copied into a directory"
            )),
            e => root.missing(path, e),
        })?;
        let dir = real(&fd)?;
        unpack_in_container(&root, &buf, &dir, path, opts)
    }
}

fn lower(e: &std::io::Error) -> String {
    e.raw_os_error()
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

/// The path (in this process's mount namespace) of what `fd` is open on.
fn real(fd: &OwnedFd) -> Result<PathBuf> {
    match fd_dir() {
        Some(d) => nix::fcntl::readlinkat(Some(d.as_raw_fd()), fd.as_raw_fd().to_string().as_str())
            .map(PathBuf::from)
            .map_err(|e| Error::Message(format!("reading /proc/self/fd: {e}"))),
        None => std::fs::read_link(proc_path(fd)).map_err(io_err),
    }
}

fn builder<W: Write>(out: W) -> tar::Builder<W> {
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    b.mode(tar::HeaderMode::Complete);
    b
}

/// Adds `src` to the archive as `name` (`.`: a directory's contents).
fn append<W: Write>(b: &mut tar::Builder<W>, src: &Path, name: &str) -> Result<()> {
    let meta = std::fs::symlink_metadata(src).map_err(io_err)?;
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
    let rel = root.rel(path);
    let mut flags = OFlag::O_PATH;
    if !opts.follow {
        flags |= OFlag::O_NOFOLLOW;
    }
    let fd = fs::open_in_root(root.dir.as_fd(), &rel, flags).map_err(|e| root.missing(path, e))?;
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    Ok((real(&fd)?, name))
}

/// Where a copy to the host lands: the directory and the name in it.
fn host_target(dest: &Path, name: &str, contents: bool) -> Result<(PathBuf, String)> {
    match std::fs::metadata(dest) {
        Ok(m) if m.is_dir() => Ok((
            dest.to_path_buf(),
            if contents { ".".into() } else { name.into() },
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
            Ok((parent, base.to_string_lossy().into_owned()))
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
) -> Result<(PathBuf, String)> {
    let rel = root.rel(path);
    let dir_flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY;
    match fs::open_in_root(root.dir.as_fd(), &rel, dir_flags) {
        Ok(fd) => {
            let target = if contents && src_dir { "." } else { name };
            return Ok((real(&fd)?, target.into()));
        }
        Err(Errno::ENOTDIR) if !path.ends_with('/') => {}
        Err(Errno::ENOENT) if !path.ends_with('/') => {}
        Err(e) => return Err(root.missing(path, e)),
    }
    let Some(base) = rel.file_name() else {
        return Err(Error::Message(format!("{path}: not a valid destination")));
    };
    let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    let fd = fs::open_in_root(root.dir.as_fd(), &parent, dir_flags)
        .map_err(|e| root.missing(path, e))?;
    Ok((real(&fd)?, base.to_string_lossy().into_owned()))
}

/// Refuses to replace a directory with a file or the other way round
/// unless `--overwrite`; with it, removes what is in the way.
fn check_overwrite(target: &Path, src_dir: bool, overwrite: bool, shown: &Path) -> Result<()> {
    let Ok(m) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if m.is_dir() == src_dir {
        return Ok(());
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
        std::fs::remove_dir_all(target)
    } else {
        std::fs::remove_file(target)
    }
    .map_err(io_err)
}

/// Unpacks `tar_bytes` into `dir` inside the container; with `-a` the
/// files belong to the container's user. An entry whose parent resolves
/// outside `dir` (a symlink in the container) is refused, not followed.
fn unpack_in_container(
    root: &Root,
    tar_bytes: &[u8],
    dir: &Path,
    shown: &str,
    opts: CopyOptions,
) -> Result<()> {
    let mut a = tar::Archive::new(tar_bytes);
    a.set_preserve_permissions(true);
    a.set_preserve_mtime(true);
    a.set_overwrite(true);
    a.set_preserve_ownerships(!opts.archive);
    for entry in a.entries().map_err(io_err)? {
        let mut entry = entry.map_err(io_err)?;
        let name = entry.path().map_err(io_err)?.into_owned();
        let unpacked = entry.unpack_in(dir).map_err(|e| {
            let mut cause = String::new();
            let mut next = std::error::Error::source(&e);
            while let Some(s) = next {
                cause = format!("{cause}: {s}");
                next = s.source();
            }
            Error::Message(format!("{shown}: {e}{cause}"))
        })?;
        let the_dir_itself = name.components().all(|c| matches!(c, Component::CurDir));
        if opts.archive && unpacked && !the_dir_itself {
            let at = dir.join(&name);
            std::os::unix::fs::lchown(&at, Some(root.uid), Some(root.gid))
                .map_err(|e| Error::Message(format!("{shown}: chown {}: {e}", name.display())))?;
        }
    }
    Ok(())
}

/// Copies `src` (a path in this process) into the container at `path`.
fn copy_into(root: &Root, src: &Path, src_dir: bool, path: &str, opts: CopyOptions) -> Result<()> {
    let s = src.to_string_lossy();
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    let (dir, target) = container_target(root, path, &name, src_dir, contents_only(&s))?;
    if target != "." {
        check_overwrite(&dir.join(&target), src_dir, opts.overwrite, Path::new(path))?;
    }
    let mut buf = Vec::new();
    {
        let mut b = builder(&mut buf);
        append(&mut b, src, &target)?;
        b.finish().map_err(io_err)?;
    }
    unpack_in_container(root, &buf, &dir, path, opts)
}

/// The archive of a source archived as `x`, with `x` renamed `target`
/// (`.`: its contents), and owner `from` (uid, gid) made `to`.
fn rename_root(bytes: &[u8], target: &str, from: (u32, u32), to: (u32, u32)) -> Result<Vec<u8>> {
    let mut a = tar::Archive::new(bytes);
    let mut out = builder(Vec::new());
    for e in a.entries().map_err(io_err)? {
        let mut e = e.map_err(io_err)?;
        let p = e.path().map_err(io_err)?.into_owned();
        let mut comps = p.components();
        comps.next();
        let rest = comps.as_path();
        let np = if rest.as_os_str().is_empty() {
            PathBuf::from(target)
        } else {
            Path::new(target).join(rest)
        };
        let mut h = e.header().clone();
        if h.uid().ok() == Some(u64::from(from.0)) {
            h.set_uid(u64::from(to.0));
        }
        if h.gid().ok() == Some(u64::from(from.1)) {
            h.set_gid(u64::from(to.1));
        }
        if h.entry_type() == tar::EntryType::Symlink {
            let link = e
                .link_name()
                .map_err(io_err)?
                .map(|l| l.into_owned())
                .unwrap_or_default();
            out.append_link(&mut h, &np, &link).map_err(io_err)?;
        } else {
            out.append_data(&mut h, &np, &mut e).map_err(io_err)?;
        }
    }
    out.into_inner().map_err(io_err)
}
