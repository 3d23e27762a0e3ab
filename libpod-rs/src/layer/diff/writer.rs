//! The tar writer: a directory tree walked by descriptors, in byte order,
//! as layer entries (whiteouts, opaque markers, xattrs as PAX records).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{readlinkat, AtFlags, OFlag};
use nix::sys::stat::{fstatat, FileStat, Mode};
use tar::{EntryType, Header};

use super::{
    err, io_err, is_opaque_xattr, is_overlay_xattr, DiffOptions, DiffReport, OPAQUE_MARKER,
    WHITEOUT_PREFIX,
};
use crate::layer::Error;
use crate::sys;

pub(super) struct Writer<'a, W: Write> {
    pub(super) tar: tar::Builder<W>,
    pub(super) opts: &'a DiffOptions,
    pub(super) links: HashMap<(u64, u64), PathBuf>,
    pub(super) report: DiffReport,
    pub(super) buf: Vec<u8>,
    /// Files as they are: no whiteout or opaque marks (`cp`, not a layer).
    pub(super) plain: bool,
    /// One entry at a time: a directory without its contents and without
    /// an opaque mark (the caller walks a merged view).
    pub(super) flat: bool,
}

/// Decides, for an entry of a full tree, whether it is written (vfs diffs).
pub(super) type Filter<'f> = dyn Fn(&Path, &FileStat) -> bool + 'f;

impl<'a, W: Write> Writer<'a, W> {
    pub(super) fn new(out: W, opts: &'a DiffOptions) -> Self {
        let mut tar = tar::Builder::new(out);
        tar.mode(tar::HeaderMode::Complete);
        Writer {
            tar,
            opts,
            links: HashMap::new(),
            report: DiffReport::default(),
            buf: vec![0; 1 << 20],
            plain: false,
            flat: false,
        }
    }

    pub(super) fn finish(&mut self) -> Result<(), Error> {
        self.tar.finish().map_err(Error::Stream)
    }

    pub(super) fn header(&self, kind: EntryType, st: &FileStat, size: u64) -> Header {
        let mut h = Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(st.st_mode & 0o7777);
        let (uid, gid) = self.opts.owners.apply(st.st_uid, st.st_gid);
        h.set_uid(uid.into());
        h.set_gid(gid.into());
        let mut mtime = self.opts.mtime.unwrap_or(st.st_mtime).max(0);
        if let Some(limit) = self.opts.clamp_mtime {
            mtime = mtime.min(limit.max(0));
        }
        h.set_mtime(u64::try_from(mtime).unwrap_or(0));
        h.set_size(size);
        h
    }

    /// Writes a PAX record block for the entry's xattrs, if it has any.
    pub(super) fn pax(&mut self, rel: &Path, xattrs: &[(String, Vec<u8>)]) -> Result<(), Error> {
        if xattrs.is_empty() {
            return Ok(());
        }
        let mut data = Vec::new();
        for (k, v) in xattrs {
            let mut rec = Vec::new();
            rec.extend_from_slice(b" SCHILY.xattr.");
            rec.extend_from_slice(k.as_bytes());
            rec.push(b'=');
            rec.extend_from_slice(v);
            rec.push(b'\n');
            // The length counts its own digits.
            let mut len = rec.len() + 1;
            while len.to_string().len() + rec.len() != len {
                len = len.to_string().len() + rec.len();
            }
            data.extend_from_slice(len.to_string().as_bytes());
            data.extend_from_slice(&rec);
        }
        let mut h = Header::new_ustar();
        h.set_entry_type(EntryType::XHeader);
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        let name = format!("PaxHeaders/{}", rel.display());
        let short: String = name.chars().take(99).collect();
        h.set_path(&short).map_err(Error::Stream)?;
        h.set_cksum();
        self.tar.append(&h, &data[..]).map_err(Error::Stream)
    }

    pub(super) fn xattrs(fd: BorrowedFd<'_>) -> Vec<(String, Vec<u8>)> {
        let mut names = sys::flistxattr(fd).unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter(|n| !is_overlay_xattr(n))
            .filter_map(|n| sys::fgetxattr(fd, &n).ok().map(|v| (n, v)))
            .collect()
    }

    pub(super) fn whiteout(&mut self, rel: &Path, st: &FileStat) -> Result<(), Error> {
        let name = rel.file_name().unwrap_or_default();
        let mut wh = OsString::from(WHITEOUT_PREFIX);
        wh.push(name);
        let path = rel.with_file_name(wh);
        let mut h = self.header(EntryType::Regular, st, 0);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        self.tar
            .append_data(&mut h, &path, io::empty())
            .map_err(Error::Stream)?;
        self.report.entries += 1;
        self.report.whiteouts += 1;
        Ok(())
    }

    /// Writes the entries of the directory open at `dir` (`rel` in the
    /// layer), sorted by name, recursing into directories.
    pub(super) fn dir_contents(
        &mut self,
        dir: BorrowedFd<'_>,
        rel: &Path,
        keep: &Filter<'_>,
    ) -> Result<(), Error> {
        let mut names = sys::fs::dir_names(dir).map_err(err("listing", rel))?;
        names.sort();
        for name in names {
            let child = rel.join(&name);
            self.entry(dir, &name, &child, keep)?;
        }
        Ok(())
    }

    pub(super) fn entry(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &OsStr,
        rel: &Path,
        keep: &Filter<'_>,
    ) -> Result<(), Error> {
        let st = fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)
            .map_err(err("reading", rel))?;
        let fmt = st.st_mode & libc::S_IFMT;
        let wanted = keep(rel, &st);
        // Whiteout files of a fuse-overlayfs upper are written as they are.
        let is_dir = fmt == libc::S_IFDIR;
        if !wanted && !is_dir {
            return Ok(());
        }
        if !self.plain && fmt == libc::S_IFCHR && st.st_rdev == 0 {
            return self.whiteout(rel, &st);
        }
        match fmt {
            libc::S_IFDIR => {
                let fd = open_child(dir, name, OFlag::O_RDONLY | OFlag::O_DIRECTORY)
                    .map_err(err("opening", rel))?;
                if wanted {
                    let mut names = sys::flistxattr(fd.as_fd()).unwrap_or_default();
                    let opaque = !self.plain
                        && !self.flat
                        && names.iter().any(|n| {
                            is_opaque_xattr(n)
                                && sys::fgetxattr(fd.as_fd(), n).is_ok_and(|v| v == b"y")
                        });
                    names.clear();
                    let xattrs = Self::xattrs(fd.as_fd());
                    self.pax(rel, &xattrs)?;
                    let mut h = self.header(EntryType::Directory, &st, 0);
                    let mut path = rel.as_os_str().to_os_string();
                    path.push("/");
                    self.tar
                        .append_data(&mut h, Path::new(&path), io::empty())
                        .map_err(Error::Stream)?;
                    self.report.entries += 1;
                    if opaque {
                        let mut h = self.header(EntryType::Regular, &st, 0);
                        h.set_mode(0o644);
                        self.tar
                            .append_data(&mut h, rel.join(OPAQUE_MARKER), io::empty())
                            .map_err(Error::Stream)?;
                        self.report.entries += 1;
                    }
                }
                if !self.flat {
                    self.dir_contents(fd.as_fd(), rel, keep)?;
                }
            }
            libc::S_IFREG => {
                if st.st_nlink > 1 {
                    let key = (st.st_dev, st.st_ino);
                    if let Some(first) = self.links.get(&key).cloned() {
                        let mut h = self.header(EntryType::Link, &st, 0);
                        self.tar
                            .append_link(&mut h, rel, &first)
                            .map_err(Error::Stream)?;
                        self.report.entries += 1;
                        return Ok(());
                    }
                    self.links.insert(key, rel.to_path_buf());
                }
                let fd = open_child(dir, name, OFlag::O_RDONLY).map_err(err("opening", rel))?;
                let xattrs = Self::xattrs(fd.as_fd());
                self.pax(rel, &xattrs)?;
                let file = File::from(fd);
                let size = u64::try_from(st.st_size).unwrap_or(0);
                let mut h = self.header(EntryType::Regular, &st, size);
                // Exactly the size in the header, whatever happens to the file meanwhile.
                let reader = PaddedReader {
                    inner: io::BufReader::with_capacity(self.buf.len(), file),
                    left: size,
                };
                self.tar
                    .append_data(&mut h, rel, reader)
                    .map_err(io_err("writing", rel))?;
                self.report.entries += 1;
            }
            libc::S_IFLNK => {
                let target = readlinkat(Some(dir.as_raw_fd()), name)
                    .map_err(err("reading the link", rel))?;
                let mut h = self.header(EntryType::Symlink, &st, 0);
                self.tar
                    .append_link(&mut h, rel, Path::new(&target))
                    .map_err(Error::Stream)?;
                self.report.entries += 1;
            }
            libc::S_IFCHR | libc::S_IFBLK | libc::S_IFIFO => {
                let kind = match fmt {
                    libc::S_IFCHR => EntryType::Char,
                    libc::S_IFBLK => EntryType::Block,
                    _ => EntryType::Fifo,
                };
                let mut h = self.header(kind, &st, 0);
                if kind != EntryType::Fifo {
                    let (major, minor) = (libc::major(st.st_rdev), libc::minor(st.st_rdev));
                    h.set_device_major(major).map_err(Error::Stream)?;
                    h.set_device_minor(minor).map_err(Error::Stream)?;
                }
                self.tar
                    .append_data(&mut h, rel, io::empty())
                    .map_err(Error::Stream)?;
                self.report.entries += 1;
            }
            _ => tracing::debug!("skipping socket {}", rel.display()),
        }
        Ok(())
    }
}

pub(super) fn open_child(
    dir: BorrowedFd<'_>,
    name: &OsStr,
    flags: OFlag,
) -> Result<OwnedFd, Errno> {
    sys::fs::openat(dir, name, flags | OFlag::O_NOFOLLOW, Mode::empty())
}

/// Reads exactly `left` bytes: a file that shrank is padded with zeros,
/// one that grew is cut, so the stream always matches its headers.
pub(super) struct PaddedReader<R> {
    pub(super) inner: R,
    pub(super) left: u64,
}

impl<R: io::Read> io::Read for PaddedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = match self.inner.read(&mut buf[..want])? {
            0 => {
                buf[..want].fill(0);
                want
            }
            n => n,
        };
        self.left -= n as u64;
        Ok(n)
    }
}
