//! The named files of an archive or directory `load` reads: a tar indexed
//! once, or a directory, with their small JSON files read under a limit.

use fs_err::File;
use std::collections::HashMap;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::digest::Digest;
use crate::image::archive::Error;

/// The largest config, manifest or index accepted (as pull's).
const MAX_SMALL: u64 = 4 << 20;

/// Named files of an archive or directory.
pub(super) trait Bundle: Sync {
    /// Whether `name` is there.
    fn has(&self, name: &str) -> bool;
    /// Opens `name` for reading.
    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>>;
}

/// `name` without `./`, leading `/` or `..` beyond the top; `None` when it climbs out.
pub(super) fn clean(name: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(n) => out.push(n.to_str()?),
            Component::ParentDir => {
                out.pop()?;
            }
            _ => {}
        }
    }
    Some(out.join("/"))
}

/// A tar file indexed by entry name.
pub(super) struct TarBundle {
    path: PathBuf,
    files: HashMap<String, (u64, u64)>,
    links: HashMap<String, String>,
}

impl TarBundle {
    pub(super) fn index(path: &Path) -> io::Result<TarBundle> {
        let file = File::open(path)?;
        let mut archive = tar::Archive::new(BufReader::with_capacity(1 << 20, file));
        let mut files = HashMap::new();
        let mut links = HashMap::new();
        for entry in archive.entries()? {
            let entry = entry?;
            let name = entry.path()?.to_string_lossy().into_owned();
            let Some(name) = clean(&name) else { continue };
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    files.insert(name, (entry.raw_file_position(), entry.size()));
                }
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Some(target) = entry.link_name()? {
                        let target = target.to_string_lossy().into_owned();
                        let full = if entry.header().entry_type() == tar::EntryType::Symlink {
                            let dir = Path::new(&name).parent().unwrap_or(Path::new(""));
                            dir.join(&target).to_string_lossy().into_owned()
                        } else {
                            target
                        };
                        if let Some(t) = clean(&full) {
                            links.insert(name, t);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(TarBundle {
            path: path.to_path_buf(),
            files,
            links,
        })
    }

    fn resolve(&self, name: &str) -> Option<(u64, u64)> {
        let mut name = clean(name)?;
        for _ in 0..16 {
            if let Some(f) = self.files.get(&name) {
                return Some(*f);
            }
            name = self.links.get(&name)?.clone();
        }
        None
    }
}

impl Bundle for TarBundle {
    fn has(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>> {
        let (offset, size) = self.resolve(name).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("{name}: not in the archive"),
            )
        })?;
        let mut f = File::open(&self.path)?;
        f.seek(SeekFrom::Start(offset))?;
        Ok(Box::new(ExactlyN {
            inner: BufReader::with_capacity(1 << 20, f).take(size),
            left: size,
        }))
    }
}

/// Reads `left` bytes; ending early is an error (a truncated archive).
struct ExactlyN<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for ExactlyN<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the archive is truncated",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A directory (oci-dir, docker-dir).
pub(super) struct DirBundle {
    pub(super) root: PathBuf,
}

impl Bundle for DirBundle {
    fn has(&self, name: &str) -> bool {
        clean(name).is_some_and(|n| self.root.join(n).is_file())
    }

    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>> {
        let n = clean(name).ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        Ok(Box::new(BufReader::with_capacity(
            1 << 20,
            File::open(self.root.join(n))?,
        )))
    }
}

pub(super) fn read_small(b: &dyn Bundle, name: &str, what: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    b.open(name)
        .and_then(|r| r.take(MAX_SMALL + 1).read_to_end(&mut out))
        .map_err(|source| Error::Stream {
            what: format!("reading {what} {name}"),
            source,
        })?;
    if out.len() as u64 > MAX_SMALL {
        return Err(Error::Invalid(format!(
            "{what} {name} is larger than {MAX_SMALL} bytes"
        )));
    }
    Ok(out)
}

pub(super) fn json_of(bytes: &[u8], what: &str) -> Result<Value, Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::Invalid(format!("{what}: not valid JSON: {e}")))
}

/// The blob path of a digest in an OCI layout.
pub(super) fn blob_path(d: &Digest) -> String {
    format!("blobs/{}/{}", d.algorithm(), d.hex())
}
