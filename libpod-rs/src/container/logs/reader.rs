//! Reading a log ([`read`]) and following it as it grows and rotates ([`follow`]).

use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use fs_err::File;

use super::format::{assemble, parse_record, print_line, sink, Printer};
use super::{Error, Result};

/// How often [`follow`] looks for new records.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// What [`read`] and [`follow`] print, mirroring `podman logs` flags.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Print only the last this many lines (`--tail`); `None` prints all.
    pub tail: Option<usize>,
    /// Print only lines that started strictly after this time (`--since`).
    pub since: Option<SystemTime>,
    /// Print only lines that started strictly before this time (`--until`).
    pub until: Option<SystemTime>,
    /// Prefix each line with its time, as `podman logs -t` does (`--timestamps`).
    pub timestamps: bool,
}

impl ReadOptions {
    pub(super) fn wants(&self, time: &DateTime<FixedOffset>) -> bool {
        let time = SystemTime::from(*time);
        self.since.is_none_or(|since| time > since) && self.until.is_none_or(|until| time < until)
    }
}

/// An open log being read: the file, its identity, and how far it has been consumed.
struct Cursor {
    file: File,
    id: (u64, u64),
    /// Bytes of the file read so far, including `pending`.
    pos: u64,
    /// Read bytes after the last newline: a record still being written.
    pending: Vec<u8>,
}

impl Cursor {
    fn open(path: &Path) -> Result<Option<Cursor>> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Open {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let meta = file.metadata().map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Some(Cursor {
            file,
            id: (meta.dev(), meta.ino()),
            pos: 0,
            pending: Vec::new(),
        }))
    }

    /// Reads to end of file; returns the new bytes up to the last newline, moving the rest to `pending`.
    fn read_records(&mut self, path: &Path) -> Result<Vec<u8>> {
        let mut data = std::mem::take(&mut self.pending);
        let read = (&self.file)
            .read_to_end(&mut data)
            .map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
        self.pos += read as u64;
        let end = data.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        self.pending = data.split_off(end);
        Ok(data)
    }

    /// The offset just after the last whole record read.
    fn offset(&self) -> u64 {
        self.pos - self.pending.len() as u64
    }
}

/// Prints the log at `path` as `podman logs` does; returns the offset just after the last record read.
///
/// `P` records are joined with the rest of their line; a stream's last line
/// still unfinished is printed without a newline. stdout records go to
/// `out`, stderr records to `err`. `tail` counts lines (an unfinished last
/// line counts too), and is applied before `since`/`until` as podman does.
/// A line's time is the time of its first record. A missing file is an
/// empty log, as in podman. Unparseable lines are skipped, and a record
/// without its newline at the end of the file (being written, or cut short
/// by a kill) is left for [`follow`] to pick up once finished.
pub fn read(
    path: &Path,
    opts: &ReadOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u64> {
    let mut printer = Printer::default();
    Ok(match read_start(path, opts, &mut printer, out, err)? {
        Some(cursor) => cursor.offset(),
        None => 0,
    })
}

fn read_start(
    path: &Path,
    opts: &ReadOptions,
    printer: &mut Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<Cursor>> {
    let Some(mut cursor) = Cursor::open(path)? else {
        return Ok(None);
    };
    let data = cursor.read_records(path)?;
    let lines = assemble(&data);
    let skip = opts.tail.map_or(0, |n| lines.len().saturating_sub(n));
    for (i, line) in lines.iter().enumerate() {
        let keep = i >= skip && opts.wants(&line.time);
        if keep {
            let sink = sink(line.stream, out, err);
            print_line(opts, &line.time, &line.content, line.complete, sink)
                .map_err(Error::Output)?;
        }
        if !line.complete {
            printer.open[line.stream.index()] = Some(keep);
        }
    }
    out.flush().map_err(Error::Output)?;
    err.flush().map_err(Error::Output)?;
    Ok(Some(cursor))
}

/// Prints the log like [`read`], then new records as they are appended, until `keep_going` returns false.
///
/// The file is polled every 50 ms. Once `keep_going()` returns false, what
/// has been written so far is printed and `follow` returns. A rotation
/// (the file replaced by another, as conmon and [`LogWriter`] do, or
/// truncated in place) is noticed and the new file read from its start,
/// after the rest of the old one. A file that does not exist yet is
/// waited for. `until` filters lines; it does not stop following.
pub fn follow(
    path: &Path,
    opts: &ReadOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
    keep_going: &mut dyn FnMut() -> bool,
) -> Result<()> {
    let mut printer = Printer::default();
    let mut cursor = read_start(path, opts, &mut printer, out, err)?;
    loop {
        let going = keep_going();
        if let Some(c) = cursor.as_mut() {
            let data = c.read_records(path)?;
            for record in data.split(|&b| b == b'\n').filter_map(parse_record) {
                printer
                    .record(opts, &record, out, err)
                    .map_err(Error::Output)?;
            }
            out.flush().map_err(Error::Output)?;
            err.flush().map_err(Error::Output)?;
        }
        if rotated(path, cursor.as_ref())? {
            cursor = Cursor::open(path)?;
            continue;
        }
        if !going {
            return Ok(());
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// Whether `path` now names a different file than `cursor` reads, or that file shrank.
fn rotated(path: &Path, cursor: Option<&Cursor>) -> Result<bool> {
    let meta = match fs_err::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let Some(cursor) = cursor else {
        return Ok(true);
    };
    Ok((meta.dev(), meta.ino()) != cursor.id || meta.len() < cursor.pos)
}
