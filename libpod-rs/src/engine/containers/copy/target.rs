//! Where a copy lands: the source resolved inside the container, the
//! destination's directory and name (on the host or in the container,
//! `cp -r`'s naming), and what may be replaced there.

use std::os::fd::{AsFd, AsRawFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::OFlag;

use super::error::CopyError;
use super::root::{relative, Root};
use super::CopyOptions;
use crate::error::Result;
use crate::sys::fs;

/// Resolves a `cp` source inside the container: its path in this process
/// and its name.
pub(super) fn open_source(root: &Root, path: &str, opts: CopyOptions) -> Result<(PathBuf, String)> {
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
pub(super) fn host_target(
    dest: &Path,
    name: &str,
    contents: bool,
) -> Result<(PathBuf, String, bool)> {
    match fs_err::metadata(dest) {
        Ok(m) if m.is_dir() => Ok((
            dest.to_path_buf(),
            if contents { ".".into() } else { name.into() },
            true,
        )),
        Ok(_) if dest.to_string_lossy().ends_with('/') => Err(CopyError::HostNotADirectory {
            path: dest.to_path_buf(),
        }
        .into()),
        Ok(_) | Err(_) => {
            let parent = match dest.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !parent.is_dir() {
                return Err(CopyError::HostNoDirectory { path: parent }.into());
            }
            let base = dest
                .file_name()
                .ok_or_else(|| CopyError::InvalidDestination {
                    path: dest.to_path_buf(),
                })?;
            Ok((parent, base.to_string_lossy().into_owned(), false))
        }
    }
}

/// Where a copy into the container lands: the directory (a path in this
/// process, resolved inside the root) and the name in it.
pub(super) fn container_target(
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
            return Err(CopyError::InvalidDestination { path: path.into() }.into());
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
pub(super) fn check_overwrite(
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
        return Err(CopyError::NameTaken {
            path: p.to_path_buf(),
            directory: src_dir,
        }
        .into());
    }
    if !overwrite && src_dir {
        return Err(CopyError::DirectoryOntoFile.into());
    }
    if !overwrite {
        return Err(CopyError::CannotOverwrite {
            path: shown.to_path_buf(),
            directory: m.is_dir(),
        }
        .into());
    }
    if m.is_dir() {
        fs_err::remove_dir_all(target)
    } else {
        fs_err::remove_file(target)
    }
    .map_err(|e| CopyError::File(e).into())
}
