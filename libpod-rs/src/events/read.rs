//! Reading the journal, and following it (`rpod events --stream`).
//!
//! Without `--since`/`--until`, following starts at the journal's end:
//! only new events. Otherwise, and with `--stream=false`, reading starts at
//! its beginning. Following sleeps on inotify (the journal's directory:
//! appends, and the rename of a rotation), with a 2 s safety net, never
//! busy-polling. After a rotation the new file is read from its start; the
//! events between its `begin` and `end` markers were in the old file, so
//! when the rotation happened after reading began they are skipped
//! (podman's rule: a `begin` marker newer than the start of reading). A
//! line still being written is left until its newline arrives.

use std::io::{Read, Seek, SeekFrom};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};

use super::{Backend, Error, Event, Filters, Journal};
use crate::store::lock::lock;
use crate::store::LockMode;

/// How long following sleeps at most without an inotify event.
const SAFETY_NET: Duration = Duration::from_secs(2);

/// What `rpod events` asked for.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--filter`, `--since`, `--until`.
    pub filters: Filters,
    /// `--stream`: follow the journal until `--until` (or forever).
    pub stream: bool,
}

/// One thing read: an event that passed the filters, or a line that is
/// not an event (podman reports it and goes on).
pub type Item = Result<Event, String>;

/// The open journal file and how far it was read.
struct Cursor {
    file: fs_err::File,
    /// Device and inode, to notice a rotation's rename.
    id: (u64, u64),
    /// Bytes read past the last newline.
    partial: Vec<u8>,
}

impl Cursor {
    fn open(path: &Path, at_end: bool) -> Result<Option<Cursor>, Error> {
        let mut file = match fs_err::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("opening", path)(e)),
        };
        let meta = file.metadata().map_err(Error::io("reading", path))?;
        if at_end {
            file.seek(SeekFrom::End(0))
                .map_err(Error::io("reading", path))?;
        }
        Ok(Some(Cursor {
            file,
            id: (meta.dev(), meta.ino()),
            partial: Vec::new(),
        }))
    }

    /// The complete lines appended since the last call.
    fn lines(&mut self, path: &Path) -> Result<Vec<String>, Error> {
        let mut buf = Vec::new();
        self.file
            .read_to_end(&mut buf)
            .map_err(Error::io("reading", path))?;
        if buf.is_empty() {
            return Ok(Vec::new());
        }
        self.partial.extend_from_slice(&buf);
        let Some(last) = self.partial.iter().rposition(|b| *b == b'\n') else {
            return Ok(Vec::new());
        };
        let rest = self.partial.split_off(last + 1);
        let complete = std::mem::replace(&mut self.partial, rest);
        Ok(complete
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect())
    }

    /// Whether `path` is no longer this file (rotated away, or removed).
    fn replaced(&self, path: &Path) -> bool {
        fs_err::metadata(path).map_or(true, |m| (m.dev(), m.ino()) != self.id)
    }
}

/// Turns lines into items, applying the rotation rule and the filters.
struct Reader<'a> {
    filters: &'a Filters,
    path: &'a Path,
    /// When reading began (under the journal's lock).
    started: DateTime<FixedOffset>,
    /// Inside a rotation's copy of events already read.
    skipping: bool,
}

impl Reader<'_> {
    /// Passes the items of `lines` to `sink`; false when it wants no more.
    fn feed(&mut self, lines: Vec<String>, sink: &mut dyn FnMut(Item) -> bool) -> bool {
        for line in lines {
            let event = match Event::from_line(&line) {
                Ok(e) => e,
                Err(_) => {
                    let msg = format!("event type is not valid in {}", self.path.display());
                    if !sink(Err(msg)) {
                        return false;
                    }
                    continue;
                }
            };
            match event.rotation_marker() {
                Some(true) if event.time > self.started => self.skipping = true,
                Some(false) => self.skipping = false,
                _ => {}
            }
            if self.skipping || !self.filters.matches(&event) {
                continue;
            }
            if !sink(Ok(event)) {
                return false;
            }
        }
        true
    }
}

/// Reads the journal, passing each event that passes the filters (and
/// each unreadable line) to `sink` until it returns false; with
/// `opts.stream`, follows it until `--until` passes.
pub fn read(
    journal: &Journal,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) -> Result<(), Error> {
    if journal.backend() == Backend::None {
        return Err(Error::NoneBackend);
    }
    let path = journal.path();
    let from_start = !opts.stream || opts.filters.has_time_bounds();
    let dir = path.parent().unwrap_or(Path::new("."));
    // Watch before the first read: nothing appended after it goes unseen.
    let watch = if opts.stream {
        journal.make_dir()?;
        Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC)
            .and_then(|i| {
                i.add_watch(
                    dir,
                    AddWatchFlags::IN_MODIFY
                        | AddWatchFlags::IN_CREATE
                        | AddWatchFlags::IN_MOVED_TO,
                )
                .map(|_| i)
            })
            .map_err(|e| tracing::debug!("watching {}: {e}; polling instead", dir.display()))
            .ok()
    } else {
        None
    };
    // The start time and the first open under the lock: no rotation is
    // half-done, and any later one is newer than `started`.
    let (started, mut cursor) = {
        let lock_path = journal.lock_path();
        let _lock = match lock(&lock_path, LockMode::Exclusive) {
            Ok(l) => Some(l),
            // No directory (nothing was written yet), or not ours to write.
            Err(e) => {
                tracing::debug!(
                    "locking {}: {}",
                    lock_path.display(),
                    crate::sys::os_text(&e)
                );
                None
            }
        };
        (super::now(), Cursor::open(path, !from_start)?)
    };
    let mut reader = Reader {
        filters: &opts.filters,
        path,
        started,
        skipping: false,
    };
    let until = opts.filters.until();
    loop {
        if let Some(c) = cursor.as_mut() {
            if !reader.feed(c.lines(path)?, sink) {
                return Ok(());
            }
        }
        if !opts.stream || until.is_some_and(|u| Utc::now() >= u) {
            return Ok(());
        }
        match &cursor {
            Some(c) if c.replaced(path) => {
                // Whatever reached the old file before the rename first.
                let mut old = cursor.take().expect("checked above");
                if !reader.feed(old.lines(path)?, sink) {
                    return Ok(());
                }
                cursor = Cursor::open(path, false)?;
                continue;
            }
            None => {
                cursor = Cursor::open(path, false)?;
                if cursor.is_some() {
                    continue;
                }
            }
            Some(_) => {}
        }
        let mut wait = SAFETY_NET;
        if let Some(u) = until {
            let left = (u - Utc::now()).to_std().unwrap_or(Duration::ZERO);
            wait = wait.min(left + Duration::from_millis(1));
        }
        sleep_on(watch.as_ref(), wait);
    }
}

/// Sleeps until the watched directory changes or `wait` passes.
fn sleep_on(watch: Option<&Inotify>, wait: Duration) {
    let Some(inotify) = watch else {
        std::thread::sleep(wait.min(Duration::from_millis(250)));
        return;
    };
    let ms = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX);
    let timeout = nix::poll::PollTimeout::try_from(ms).unwrap_or(nix::poll::PollTimeout::MAX);
    let mut fds = [nix::poll::PollFd::new(
        inotify.as_fd(),
        nix::poll::PollFlags::POLLIN,
    )];
    if matches!(nix::poll::poll(&mut fds, timeout), Ok(n) if n > 0) {
        // Drained: the next read looks at the file itself.
        while matches!(inotify.read_events(), Ok(events) if !events.is_empty()) {}
    }
}
