//! Appending to the journal: one JSON line per event, under an exclusive
//! flock on `<journal>.lock` (podman's lock file name), so that writers of
//! concurrent invocations never interleave, and so that a rotation never
//! drops a line another writer is appending. A line is one `write(2)` on an
//! `O_APPEND` descriptor opened after the lock is taken.
//!
//! Rotation is podman's: when the file plus the new line would reach the
//! limit (`events_logfile_max_size`, 1 MB by default, 0 for none), the
//! older half is dropped. The newer half (from the first whole line after
//! the middle) goes into a new file between a `log-rotation` `begin` and
//! `end` marker, which then replaces the journal by rename; readers that
//! follow the journal reopen it and use the markers to skip what they
//! have already shown.

use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use fs_err::os::unix::fs::OpenOptionsExt;

use super::{Error, Event};
use crate::store::lock::lock;
use crate::store::LockMode;

/// podman 5's `events_logfile_max_size` default: 1 MB.
pub const DEFAULT_MAX_SIZE: u64 = 1_000_000;

/// Where events go (`events_logger`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The journal file (`file`).
    File,
    /// `journald`: rpod has no journald writer or reader, so events go to
    /// the journal file all the same (`rpod events` says so).
    Journald,
    /// Nowhere (`none`): events are neither written nor readable.
    None,
}

impl Backend {
    /// The name containers.conf and `--events-backend` use.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::File => "file",
            Backend::Journald => "journald",
            Backend::None => "none",
        }
    }
}

/// The events journal of one store: where it is, its size limit, and
/// whether events are kept at all.
#[derive(Debug, Clone)]
pub struct Journal {
    backend: Backend,
    path: PathBuf,
    max_size: u64,
}

impl Journal {
    /// A journal at `path`, rotated at `max_size` bytes (0: never).
    pub fn new(backend: Backend, path: PathBuf, max_size: u64) -> Journal {
        Journal {
            backend,
            path,
            max_size,
        }
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where events go.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(super) fn lock_path(&self) -> PathBuf {
        let mut p = self.path.clone().into_os_string();
        p.push(".lock");
        p.into()
    }

    /// Appends `event` (nothing with the `none` backend).
    pub fn write(&self, event: &Event) -> Result<(), Error> {
        if self.backend == Backend::None {
            return Ok(());
        }
        let mut line = event.to_line();
        let chars = line.chars().count() as u64;
        line.push('\n');
        let lock_path = self.lock_path();
        let _lock = match lock(&lock_path, LockMode::Exclusive) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.make_dir()?;
                lock(&lock_path, LockMode::Exclusive)
            }
            other => other,
        }
        .map_err(Error::io("locking", &lock_path))?;
        if self.max_size > 0 {
            let size = match fs_err::metadata(&self.path) {
                Ok(m) => m.len(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
                Err(e) => return Err(Error::io("reading the size of", &self.path)(e)),
            };
            // podman's test: the file's bytes plus the line's characters.
            if size > 0 && size + chars >= self.max_size {
                self.rotate()?;
            }
        }
        let mut file = fs_err::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(Error::io("opening", &self.path))?;
        file.write_all(line.as_bytes())
            .map_err(Error::io("writing an event to", &self.path))
    }

    /// Creates the journal's directory (private, as podman's).
    pub(super) fn make_dir(&self) -> Result<(), Error> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::sys::fs::create_dir_mode(dir, 0o700, true).map_err(Error::io("creating", dir))
    }

    /// Drops the older half of the journal (hold the lock): see the module.
    fn rotate(&self) -> Result<(), Error> {
        let mut old = fs_err::File::open(&self.path).map_err(Error::io("opening", &self.path))?;
        let size = old
            .metadata()
            .map_err(Error::io("reading the size of", &self.path))?
            .len();
        old.seek(SeekFrom::Start(size / 2))
            .map_err(Error::io("reading", &self.path))?;
        let mut reader = BufReader::new(old);
        // The rest of the line the middle falls in (all of the line that
        // starts there: podman's cut).
        let mut partial = Vec::new();
        reader
            .read_until(b'\n', &mut partial)
            .map_err(Error::io("reading", &self.path))?;
        let mut tmp_path = self.path.clone().into_os_string();
        tmp_path.push(".rotate");
        let tmp_path = PathBuf::from(tmp_path);
        let mut tmp = fs_err::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp_path)
            .map_err(Error::io("creating", &tmp_path))?;
        let marker = |begin: bool| format!("{}\n", Event::rotation(&self.path, begin).to_line());
        let copied = (|| -> std::io::Result<()> {
            tmp.write_all(marker(true).as_bytes())?;
            std::io::copy(&mut reader, &mut tmp)?;
            tmp.write_all(marker(false).as_bytes())
        })();
        if let Err(e) = copied {
            let _ = fs_err::remove_file(&tmp_path);
            return Err(Error::io("writing", &tmp_path)(e));
        }
        fs_err::rename(&tmp_path, &self.path).map_err(Error::io("replacing", &self.path))
    }
}
