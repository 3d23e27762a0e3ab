//! `cp` and `export`: a container's file system (its overlay merged view,
//! mounted privately in rpod's user namespace, or its vfs tree) read or
//! written as a tar stream. Paths inside the container resolve with
//! `RESOLVE_IN_ROOT` ([`crate::sys::fs::open_in_root`]), so a symlink in
//! the container never leads out of it.
//!
//! By concern: [`root`] stands in the container's root (the helper
//! process, the mount namespace), [`target`] resolves where a copy comes
//! from and lands, [`archive`] writes and unpacks the tar stream, and
//! [`error`] says what went wrong.

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd};
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::OFlag;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::sys::fs;

mod archive;
mod error;
mod root;
mod target;

use archive::{append, archive, builder, unpack_entries, unpack_into_container, unpack_top};
use archive::{Owner, Unpack};
use error::system;
pub use error::{CopyError, HelperFailure};
use root::{real, Helper};
use target::{check_overwrite, host_target, open_source};

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

/// Whether a `cp` source (`dir/.`) means a directory's contents.
fn contents_only(path: &str) -> bool {
    path.ends_with("/.") || path == "."
}

impl Engine {
    /// Writes a tar of `path` in container `name_or_id` to `out` (`cp CTR:PATH -`).
    pub fn copy_out_tar(
        &self,
        name_or_id: &str,
        path: &str,
        opts: CopyOptions,
        out: &mut dyn Write,
    ) -> Result<()> {
        let plan = self.root_plan(name_or_id)?;
        let (r, w) = fs::pipe().map_err(system("pipe"))?;
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
        let copied = std::io::copy(&mut std::fs::File::from(r), out).map_err(CopyError::Stream);
        helper.finish()?;
        copied?;
        Ok(())
    }

    /// Writes a tar of container `name_or_id`'s whole file system to `out`
    /// (`rpod export`).
    pub fn export_container(&self, name_or_id: &str, out: &mut dyn Write) -> Result<()> {
        let root = self.container_root(name_or_id)?;
        let top = real(&root.dir)?;
        let mut names: Vec<_> = fs_err::read_dir(&top)
            .map_err(CopyError::File)?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        let mut b = builder(out);
        for n in names {
            let name = n.to_string_lossy().into_owned();
            append(&mut b, &top.join(&n), &name)?;
        }
        Ok(b.finish().map_err(CopyError::Stream)?)
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
        let (r, w) = fs::pipe().map_err(system("pipe"))?;
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
        let src = found.map_err(|source| CopyError::NotFoundOnHost {
            path: src.to_path_buf(),
            source,
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
        let (r, w) = fs::pipe().map_err(system("pipe"))?;
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
        let (r, w) = fs::pipe().map_err(system("pipe"))?;
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
            // The reader's error, when the writer only saw it go away.
            (Err(e), _) if !matches!(&e, Error::Copy(c) if c.is_broken_pipe()) => Err(e),
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
        let (r, w) = fs::pipe().map_err(system("pipe"))?;
        let w_raw = w.as_raw_fd();
        let helper = self.helper(&plan, &[w_raw], move |root| {
            let fd = fs::open_in_root(
                root.dir.as_fd(),
                &root.rel(path),
                OFlag::O_RDONLY | OFlag::O_DIRECTORY,
            )
            .map_err(|e| match e {
                Errno::ENOTDIR | Errno::ENOENT => CopyError::StdinNeedsDirectory.into(),
                e => root.missing(path, e),
            })?;
            let dir = root.real(&fd)?;
            let mut input = std::io::BufReader::new(std::fs::File::from(r));
            let magic = std::io::BufRead::fill_buf(&mut input)
                .map_err(CopyError::Stream)?
                .to_vec();
            let kind = crate::layer::ArchiveCompression::sniff(&magic);
            let mut input =
                crate::layer::decompress_archive(input, kind).map_err(CopyError::Decompress)?;
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
                return Err(CopyError::StdinNotTar.into());
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
        let sent = std::io::copy(input, &mut w).map_err(|e| Error::from(CopyError::Stream(e)));
        drop(w);
        let done = helper.finish();
        match (done, sent) {
            (Err(e), _) | (Ok(()), Err(e)) => Err(e),
            (Ok(()), Ok(_)) => Ok(()),
        }
    }
}
