//! The tar stream of a copy: a tree written as a tar, and a tar unpacked
//! into a destination without leaving it (no `..`, no symlinked parents,
//! hard links inside), owners as `cp -a` says.

use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;

use super::error::{at_path, CopyError};
use super::root::Root;
use super::target::{check_overwrite, container_target};
use super::CopyOptions;
use crate::error::Result;
use crate::sys::fs;

/// Writes `src` (a path in this process) as a tar whose top entry is `name`.
pub(super) fn archive(src: &Path, name: &str, out: impl Write) -> Result<()> {
    let opts = crate::layer::diff::DiffOptions::default();
    crate::layer::diff::path_to_tar(src, Path::new(name), std::io::BufWriter::new(out), &opts)
        .map(drop)
        .map_err(|source| {
            CopyError::Archive {
                path: src.to_path_buf(),
                source,
            }
            .into()
        })
}

/// In the container's root: unpacks a tar whose top entry is `x` (or
/// `xNAME`, the source's own name, when `name` is empty) at `path`.
pub(super) fn unpack_into_container(
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
pub(super) enum Owner {
    /// Whoever unpacks them (the host side).
    Keep,
    /// The container's user (`-a`).
    To(u32, u32),
    /// The archive's ids, the first pair (uid, gid) made the second.
    Header(Option<((u32, u32), (u32, u32))>),
}

/// Where and how a `cp` archive is unpacked.
pub(super) struct Unpack {
    /// The directory entries land in (a path in this process).
    pub(super) dir: PathBuf,
    /// The archive's top entry renamed (`.`: its contents go into `dir`,
    /// which is left as it is); `None`: names as they are.
    pub(super) rename: Option<String>,
    /// Who the entries belong to.
    pub(super) owner: Owner,
    /// The destination as the user gave it, for messages.
    pub(super) shown: String,
}

/// Reads the first entry of a `cp` archive (its top, named `x…`), lets
/// `decide` say where it goes from its name and whether it is a
/// directory, and unpacks the whole archive there. An empty archive
/// (its writer failed; its error is reported) unpacks nothing.
pub(super) fn unpack_top(
    input: impl Read,
    decide: impl FnOnce(&str, bool) -> Result<Unpack>,
) -> Result<()> {
    let mut a = tar::Archive::new(input);
    let mut entries = a.entries().map_err(CopyError::Stream)?;
    let Some(first) = entries.next() else {
        return Ok(());
    };
    let first = first.map_err(CopyError::Stream)?;
    let top = first.path().map_err(CopyError::Stream)?.into_owned();
    let top = top.to_string_lossy().trim_end_matches('/').to_string();
    let u = decide(&top, first.header().entry_type().is_dir())?;
    let mut state = Unpacked::default();
    unpack_one(first, Some(&top), &u, &mut state)?;
    for e in entries {
        unpack_one(e.map_err(CopyError::Stream)?, Some(&top), &u, &mut state)?;
    }
    state.finish();
    drain(a.into_inner());
    Ok(())
}

/// Unpacks every entry of `a` ([`Unpack`]), the top one named `top`.
pub(super) fn unpack_entries<R: Read>(
    mut a: tar::Archive<R>,
    top: Option<&str>,
    u: &Unpack,
) -> Result<()> {
    let mut state = Unpacked::default();
    for e in a.entries().map_err(CopyError::Stream)? {
        unpack_one(e.map_err(CopyError::Stream)?, top, u, &mut state)?;
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
                return Err(CopyError::EntryOutside {
                    dest: u.shown.clone(),
                    entry: p.to_path_buf(),
                }
                .into())
            }
        }
    }
    let mut out = PathBuf::new();
    let mut rest = parts.into_iter();
    if let (Some(top), Some(name)) = (top, &u.rename) {
        match rest.next() {
            Some(first) if first == std::ffi::OsStr::new(top) => {}
            _ => {
                return Err(CopyError::UnexpectedEntry {
                    dest: u.shown.clone(),
                    entry: p.to_path_buf(),
                }
                .into())
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
    let raw = e.path().map_err(CopyError::Stream)?.into_owned();
    let Some(rel) = entry_path(&raw, top, u)? else {
        return Ok(());
    };
    let parent_fails = |step: &'static str| {
        let (dest, entry) = (u.shown.clone(), rel.clone());
        move |source: Errno| CopyError::EntryParent {
            dest,
            step,
            entry,
            source,
        }
    };
    let write_fails = |step: &'static str| {
        let (dest, entry) = (u.shown.clone(), rel.clone());
        move |source: std::io::Error| CopyError::EntryWrite {
            dest,
            step,
            entry,
            source,
        }
    };
    let base = fs::open_dir(&u.dir).map_err(at_path(&u.dir))?;
    if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::sys::resolve(
            base.as_fd(),
            parent,
            OFlag::O_PATH | OFlag::O_DIRECTORY,
            crate::sys::Create::Dir,
            crate::sys::Links::Refuse,
        )
        .map_err(parent_fails("unpacking"))?;
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
            .map_err(CopyError::Stream)?
            .map(|l| l.into_owned())
            .unwrap_or_default();
        let Some(lrel) = entry_path(&link, top, u)? else {
            return Err(CopyError::HardLinkToTop {
                dest: u.shown.clone(),
                entry: rel,
            }
            .into());
        };
        if let Some(parent) = lrel.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::sys::resolve(
                base.as_fd(),
                parent,
                OFlag::O_PATH | OFlag::O_DIRECTORY,
                crate::sys::Create::Nothing,
                crate::sys::Links::Refuse,
            )
            .map_err(parent_fails("linking"))?;
        }
        if fs_err::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            fs_err::remove_file(&at)
                .map_err(crate::sys::without_path)
                .map_err(write_fails("replacing"))?;
        }
        return fs_err::hard_link(u.dir.join(&lrel), &at)
            .map_err(crate::sys::without_path)
            .map_err(|e| write_fails("linking")(e).into());
    }
    e.set_preserve_permissions(true);
    e.set_preserve_mtime(true);
    let unpacked = e.unpack(&at).map_err(|source| CopyError::EntryUnpack {
        dest: u.shown.clone(),
        entry: rel.clone(),
        source,
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
            .map_err(write_fails("chown"))?;
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

pub(super) fn builder<W: Write>(out: W) -> tar::Builder<W> {
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    b.mode(tar::HeaderMode::Complete);
    b
}

/// Adds `src` to the archive as `name` (`.`: a directory's contents).
pub(super) fn append<W: Write>(b: &mut tar::Builder<W>, src: &Path, name: &str) -> Result<()> {
    let meta = fs_err::symlink_metadata(src).map_err(CopyError::File)?;
    if meta.is_dir() {
        b.append_dir_all(name, src)
    } else {
        b.append_path_with_name(src, name)
    }
    .map_err(|source| {
        CopyError::Append {
            path: src.to_path_buf(),
            source,
        }
        .into()
    })
}
