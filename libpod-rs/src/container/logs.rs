//! Container logs in podman's `k8s-file` format: writing, reading, following.
//!
//! This module owns a container's log file. Each record is one line,
//! `<timestamp> <stdout|stderr> <F|P> <content>\n`, as conmon writes it
//! (`src/ctr_logging.c`, `write_k8s_log`): the timestamp is RFC 3339 with
//! nine fractional digits and the local offset (`+00:00`, never `Z`); `F`
//! marks a full line whose newline is not part of the content, `P` a chunk
//! flushed without a newline that the next record of the same stream
//! continues. [`LogWriter`] writes records, [`read`] and [`follow`] print
//! them the way `podman logs` does (`libpod/logs/log.go`), and
//! [`parse_time`] reads `--since`/`--until` values as podman's
//! `ParseInputTime` does. Nothing here prints: output goes to the
//! `std::io::Write` sinks the caller passes in.

use fs_err::os::unix::fs::OpenOptionsExt;
use fs_err::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Most content bytes in one record; longer lines are split into `P` records.
///
/// conmon reads the container's pipes 8192 bytes at a time
/// (`STDIO_BUF_SIZE`) and writes a record per read, so no record it writes
/// carries more; we cut at the same size.
pub const MAX_RECORD_CONTENT: usize = 8192;

/// How often [`follow`] looks for new records.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// Errors from writing, reading or following a log, or parsing a time.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The log file could not be opened or created.
    #[error("opening log file {path}: {}", crate::sys::os_text(source))]
    Open {
        /// The log file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Records could not be appended to the log file.
    #[error("writing log file {path}: {}", crate::sys::os_text(source))]
    Write {
        /// The log file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The log file could not be replaced by an empty one at `max_size`.
    #[error("rotating log file {path}: {}", crate::sys::os_text(source))]
    Rotate {
        /// The log file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The log file could not be read.
    #[error("reading log file {path}: {}", crate::sys::os_text(source))]
    Read {
        /// The log file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A sink passed to [`read`] or [`follow`] refused the output.
    #[error("writing log output: {0}")]
    Output(#[source] io::Error),
    /// A `--since`/`--until` value is none of the accepted forms.
    #[error(
        "invalid time {0:?}: expected an RFC 3339 time (2024-05-01T10:00:00Z), a date \
         (2024-05-01), a Unix time (1700000000.5) or a duration (10m, 1h30m)"
    )]
    Time(String),
}

/// Result type of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which of the container's output streams a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// The container's standard output.
    Stdout,
    /// The container's standard error.
    Stderr,
}

impl Stream {
    /// The name written in the log: `stdout` or `stderr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    fn parse(name: &[u8]) -> Option<Stream> {
        match name {
            b"stdout" => Some(Stream::Stdout),
            b"stderr" => Some(Stream::Stderr),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Appends a container's output to its log file as k8s-file records.
///
/// Every call to [`LogWriter::write`] goes to the file (opened `O_APPEND`)
/// before it returns, in one `write(2)` unless it rotates: nothing is held
/// back in user space, so a killed writer loses no finished record.
///
/// With a `max_size`, the file is rotated the way conmon does it
/// (`reopen_k8s_file`): when the next record would take it past the limit,
/// an empty `<path>.tmp` is created and renamed over the log, and writing
/// goes on there. No older generation is kept, so the log holds the newest
/// records and never exceeds `max_size` unless one record alone does.
/// Unlike conmon, which counts from zero each time it starts, the count
/// starts from the size the file already has.
#[derive(Debug)]
pub struct LogWriter {
    path: PathBuf,
    file: File,
    max_size: Option<u64>,
    size: u64,
}

impl LogWriter {
    /// Opens (creating, mode 0600) the log at `path` for appending, rotating at `max_size` bytes.
    ///
    /// If the file ends in a record cut short (a writer killed mid-write),
    /// a newline is appended first so that the next record starts on a line
    /// of its own.
    pub fn open(path: &Path, max_size: Option<u64>) -> Result<LogWriter> {
        let mut file = open_append(path, false).map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let write_err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        let mut size = file.metadata().map_err(write_err)?.len();
        if size > 0 {
            let mut last = [0u8; 1];
            fs_err::os::unix::fs::FileExt::read_exact_at(&file, &mut last, size - 1)
                .map_err(write_err)?;
            if last[0] != b'\n' {
                file.write_all(b"\n").map_err(write_err)?;
                size += 1;
            }
        }
        Ok(LogWriter {
            path: path.to_path_buf(),
            file,
            max_size: max_size.filter(|&m| m > 0),
            size,
        })
    }

    /// Logs `data` read from `stream`: an `F` record per complete line, a `P` record for the rest.
    ///
    /// All records of one call share one timestamp, as in conmon. Lines
    /// longer than [`MAX_RECORD_CONTENT`] are cut into `P` records.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> Result<()> {
        let stamp = Local::now().to_rfc3339_opts(SecondsFormat::Nanos, false);
        let mut batch = Vec::with_capacity(data.len() + 64);
        for (content, full) in split_records(data) {
            let len = (stamp.len() + stream.as_str().len() + content.len() + 5) as u64;
            if let Some(max) = self.max_size {
                if self.size + batch.len() as u64 + len > max {
                    self.append(&batch)?;
                    batch.clear();
                    self.rotate()?;
                }
            }
            batch.extend_from_slice(stamp.as_bytes());
            batch.push(b' ');
            batch.extend_from_slice(stream.as_str().as_bytes());
            batch.extend_from_slice(if full { b" F " } else { b" P " });
            batch.extend_from_slice(content);
            batch.push(b'\n');
        }
        self.append(&batch)
    }

    fn append(&mut self, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.file.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })?;
        self.size += bytes.len() as u64;
        Ok(())
    }

    fn rotate(&mut self) -> Result<()> {
        let err = |source| Error::Rotate {
            path: self.path.clone(),
            source,
        };
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let file = open_append(&tmp, true).map_err(err)?;
        fs_err::rename(&tmp, &self.path).map_err(err)?;
        self.file = file;
        self.size = 0;
        Ok(())
    }
}

/// Opens `path` for reading and appending (`O_APPEND`, set directly: std refuses append with truncate).
fn open_append(path: &Path, truncate: bool) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(truncate)
        .custom_flags(libc::O_APPEND)
        .mode(0o600)
        .open(path)
}

/// Splits `data` into record contents, each with whether it ends a line (`F`) or not (`P`).
fn split_records(mut data: &[u8]) -> Vec<(&[u8], bool)> {
    let mut records = Vec::new();
    while !data.is_empty() {
        let newline = data.iter().position(|&b| b == b'\n');
        match newline {
            Some(n) if n <= MAX_RECORD_CONTENT => {
                records.push((&data[..n], true));
                data = &data[n + 1..];
            }
            _ => {
                let n = data.len().min(MAX_RECORD_CONTENT);
                records.push((&data[..n], false));
                data = &data[n..];
            }
        }
    }
    records
}

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
    fn wants(&self, time: &DateTime<FixedOffset>) -> bool {
        let time = SystemTime::from(*time);
        self.since.is_none_or(|since| time > since) && self.until.is_none_or(|until| time < until)
    }
}

/// One parsed record; `content` excludes the record's newline.
struct Record<'a> {
    time: DateTime<FixedOffset>,
    stream: Stream,
    full: bool,
    content: &'a [u8],
}

/// Parses one record (without its newline); `None` for anything that is not one.
fn parse_record(line: &[u8]) -> Option<Record<'_>> {
    let mut fields = line.splitn(4, |&b| b == b' ');
    let time = std::str::from_utf8(fields.next()?).ok()?;
    let time = DateTime::parse_from_rfc3339(time).ok()?;
    let stream = Stream::parse(fields.next()?)?;
    let full = match fields.next()? {
        b"F" => true,
        b"P" => false,
        _ => return None,
    };
    let content = fields.next()?;
    Some(Record {
        time,
        stream,
        full,
        content,
    })
}

/// A line of output: the records of one stream up to and including an `F`.
struct Line {
    time: DateTime<FixedOffset>,
    stream: Stream,
    content: Vec<u8>,
    complete: bool,
}

/// Prints records, remembering per stream whether a line is open (its `P` records printed).
///
/// A line is kept or dropped as a whole, by the time of its first record;
/// `-t` prefixes the line once, with that time. `Some(kept)` marks a stream
/// whose last record was a `P`.
#[derive(Default)]
struct Printer {
    open: [Option<bool>; 2],
}

impl Printer {
    fn record(
        &mut self,
        opts: &ReadOptions,
        record: &Record<'_>,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> io::Result<()> {
        let index = record.stream.index();
        let sink = sink(record.stream, out, err);
        let keep = match self.open[index] {
            Some(keep) => {
                if keep {
                    sink.write_all(record.content)?;
                    if record.full {
                        sink.write_all(b"\n")?;
                    }
                }
                keep
            }
            None => {
                let keep = opts.wants(&record.time);
                if keep {
                    print_line(opts, &record.time, record.content, record.full, sink)?;
                }
                keep
            }
        };
        self.open[index] = (!record.full).then_some(keep);
        Ok(())
    }
}

/// The sink for `stream`: `out` for stdout, `err` for stderr.
fn sink<'a>(stream: Stream, out: &'a mut dyn Write, err: &'a mut dyn Write) -> &'a mut dyn Write {
    match stream {
        Stream::Stdout => out,
        Stream::Stderr => err,
    }
}

/// Prints a line (or its first part): the `-t` prefix, the content, and a newline if `complete`.
fn print_line(
    opts: &ReadOptions,
    time: &DateTime<FixedOffset>,
    content: &[u8],
    complete: bool,
    sink: &mut dyn Write,
) -> io::Result<()> {
    if opts.timestamps {
        write!(sink, "{} ", format_time(time))?;
    }
    sink.write_all(content)?;
    if complete {
        sink.write_all(b"\n")?;
    }
    Ok(())
}

/// The time as `podman logs -t` prints it: Go's `2006-01-02T15:04:05.000000000Z07:00`.
fn format_time(time: &DateTime<FixedOffset>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// Joins the records in `data` into lines, in the order they complete; unfinished lines last.
fn assemble(data: &[u8]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut open: [Option<Line>; 2] = [None, None];
    for record in data.split(|&b| b == b'\n').filter_map(parse_record) {
        let slot = &mut open[record.stream.index()];
        let line = slot.get_or_insert_with(|| Line {
            time: record.time,
            stream: record.stream,
            content: Vec::new(),
            complete: false,
        });
        line.content.extend_from_slice(record.content);
        if record.full {
            let mut line = slot.take().expect("just inserted");
            line.complete = true;
            lines.push(line);
        }
    }
    let mut unfinished: Vec<Line> = open.into_iter().flatten().collect();
    unfinished.sort_by_key(|l| l.time);
    lines.extend(unfinished);
    lines
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

/// Which flag a time is for: podman reads a duration as before now for `--since`, after now for `--until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `--since`: `10m` means ten minutes ago.
    Since,
    /// `--until`: `10m` means in ten minutes.
    Until,
}

/// Parses a `--since`/`--until` value the way podman's `ParseInputTime` does.
///
/// Accepted, in this order: RFC 3339 with a zone (`2024-05-01T10:00:00Z`,
/// `2024-05-01T10:00:00.5+02:00`); the same without a zone, read as UTC
/// as Go's `time.Parse` does; a date with or without a zone
/// (`2024-05-01`, `2024-05-01+02:00`); a Unix time with optional fraction
/// (`1700000000`, `1700000000.5`); a Go duration (`10s`, `1h30m`, `1.5h`),
/// taken back from `now` for [`Bound::Since`] and forward for
/// [`Bound::Until`].
pub fn parse_time(s: &str, now: SystemTime, bound: Bound) -> Result<SystemTime> {
    let bad = || Error::Time(s.to_string());
    // Go reads a comma before the fraction of a second as a dot (as
    // `date --iso-8601=ns` writes it).
    let dotted;
    let s = match s.find(',') {
        Some(i) if s.contains('T') && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => {
            dotted = format!("{}.{}", &s[..i], &s[i + 1..]);
            dotted.as_str()
        }
        _ => s,
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.into());
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Ok(t.and_utc().into());
    }
    if let Some(t) = parse_date(s) {
        return Ok(t);
    }
    if let Some(t) = parse_unix(s) {
        return Ok(t);
    }
    let (negative, duration) = parse_go_duration(s).ok_or_else(bad)?;
    let back = (bound == Bound::Since) != negative;
    let t = if back {
        now.checked_sub(duration)
    } else {
        now.checked_add(duration)
    };
    t.ok_or_else(bad)
}

/// `2006-01-02` (UTC) or `2006-01-02Z07:00`.
fn parse_date(s: &str) -> Option<SystemTime> {
    let (date, zone) = (s.get(..10)?, &s[10..]);
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let midnight = date.and_hms_opt(0, 0, 0)?;
    let offset = match zone {
        "" | "Z" => FixedOffset::east_opt(0)?,
        _ => {
            let (sign, hm) = match zone.as_bytes().first()? {
                b'+' => (1, &zone[1..]),
                b'-' => (-1, &zone[1..]),
                _ => return None,
            };
            let (h, m) = hm.split_once(':')?;
            if h.len() != 2 || m.len() != 2 {
                return None;
            }
            let secs = h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60;
            FixedOffset::east_opt(sign * secs)?
        }
    };
    let t: DateTime<Utc> = midnight.and_local_timezone(offset).single()?.to_utc();
    Some(t.into())
}

/// A Unix time in seconds, with optional fraction (Go `strconv.ParseFloat`).
fn parse_unix(s: &str) -> Option<SystemTime> {
    let secs: f64 = s.parse().ok()?;
    if !secs.is_finite() {
        return None;
    }
    let whole = Duration::try_from_secs_f64(secs.abs()).ok()?;
    if secs >= 0.0 {
        UNIX_EPOCH.checked_add(whole)
    } else {
        UNIX_EPOCH.checked_sub(whole)
    }
}

/// A Go `time.ParseDuration` string: `[-+]` then one or more `<number><unit>`; `(negative, length)`.
fn parse_go_duration(s: &str) -> Option<(bool, Duration)> {
    const UNITS: [(&str, f64); 8] = [
        ("ns", 1.0),
        ("us", 1e3),
        ("µs", 1e3),
        ("μs", 1e3),
        ("ms", 1e6),
        ("s", 1e9),
        ("m", 60e9),
        ("h", 3600e9),
    ];
    let (negative, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some((negative, Duration::ZERO));
    }
    if rest.is_empty() {
        return None;
    }
    let mut nanos = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        rest = &rest[number_len..];
        let (unit, scale) = UNITS.iter().find(|(u, _)| rest.starts_with(u))?;
        nanos += value * scale;
        rest = &rest[unit.len()..];
    }
    Some((negative, Duration::try_from_secs_f64(nanos / 1e9).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T1: &str = "2024-05-01T10:00:00.000000001+02:00";
    const T2: &str = "2024-05-01T10:00:01.000000000+02:00";
    const T3: &str = "2024-05-01T10:00:02.500000000+02:00";

    fn log_file(content: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        fs_err::write(&path, content).unwrap();
        (dir, path)
    }

    fn read_str(path: &Path, opts: &ReadOptions) -> (String, String, u64) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let offset = read(path, opts, &mut out, &mut err).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            offset,
        )
    }

    fn at(s: &str) -> SystemTime {
        DateTime::parse_from_rfc3339(s).unwrap().into()
    }

    #[test]
    fn write_splits_lines_into_full_and_partial_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, None).unwrap();
        w.write(Stream::Stdout, b"one\ntwo\n\nthr").unwrap();
        w.write(Stream::Stderr, b"ee\n").unwrap();
        let text = fs_err::read_to_string(&path).unwrap();
        let records: Vec<(&str, &str, &str)> = text
            .lines()
            .map(|l| {
                let mut f = l.splitn(4, ' ');
                let time = f.next().unwrap();
                assert!(DateTime::parse_from_rfc3339(time).is_ok(), "{time}");
                // Nine fractional digits and a numeric offset, as conmon writes.
                assert_eq!(time.len(), T1.len(), "{time}");
                (f.next().unwrap(), f.next().unwrap(), f.next().unwrap())
            })
            .collect();
        assert_eq!(
            records,
            [
                ("stdout", "F", "one"),
                ("stdout", "F", "two"),
                ("stdout", "F", ""),
                ("stdout", "P", "thr"),
                ("stderr", "F", "ee"),
            ]
        );
    }

    #[test]
    fn long_lines_are_cut_into_partial_records() {
        let long = vec![b'x'; MAX_RECORD_CONTENT * 2 + 10];
        let mut data = long.clone();
        data.push(b'\n');
        let records = split_records(&data);
        let shape: Vec<(usize, bool)> = records.iter().map(|(c, f)| (c.len(), *f)).collect();
        assert_eq!(
            shape,
            [
                (MAX_RECORD_CONTENT, false),
                (MAX_RECORD_CONTENT, false),
                (10, true)
            ]
        );

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        LogWriter::open(&path, None)
            .unwrap()
            .write(Stream::Stdout, &data)
            .unwrap();
        let (out, _, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out.as_bytes(), &data[..]);
    }

    #[test]
    fn partial_record_joins_its_continuation() {
        let (_dir, path) = log_file(&format!(
            "{T1} stdout P hel\n{T2} stderr F boom\n{T2} stdout P lo \n{T3} stdout F world\n"
        ));
        let (out, err, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "hello world\n");
        assert_eq!(err, "boom\n");
    }

    #[test]
    fn streams_go_to_their_sinks_and_content_keeps_spaces() {
        let (_dir, path) = log_file(&format!(
            "{T1} stdout F a  b\n{T2} stderr F e r r\n{T3} stdout F c\n"
        ));
        let (out, err, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "a  b\nc\n");
        assert_eq!(err, "e r r\n");
    }

    #[test]
    fn written_log_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, None).unwrap();
        w.write(Stream::Stdout, b"Enter name: ").unwrap();
        w.write(Stream::Stderr, b"warning\n").unwrap();
        w.write(Stream::Stdout, b"bob\nbye\n").unwrap();
        let (out, err, offset) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "Enter name: bob\nbye\n");
        assert_eq!(err, "warning\n");
        assert_eq!(offset, fs_err::metadata(&path).unwrap().len());
    }

    #[test]
    fn unfinished_last_line_prints_without_newline() {
        let (_dir, path) = log_file(&format!("{T1} stdout F a\n{T2} stdout P prompt> \n"));
        let (out, _, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "a\nprompt> ");
    }

    #[test]
    fn tail_counts_whole_lines() {
        let (_dir, path) = log_file(&format!(
            "{T1} stdout F one\n{T1} stdout P t\n{T1} stdout P w\n{T2} stdout F o\n{T3} stderr F three\n"
        ));
        let tail = |n| {
            read_str(
                &path,
                &ReadOptions {
                    tail: Some(n),
                    ..Default::default()
                },
            )
        };
        let (out, err, _) = tail(2);
        assert_eq!((out.as_str(), err.as_str()), ("two\n", "three\n"));
        let (out, err, _) = tail(0);
        assert_eq!((out.as_str(), err.as_str()), ("", ""));
        let (out, _, _) = tail(10);
        assert_eq!(out, "one\ntwo\n");
    }

    #[test]
    fn since_and_until_are_strict_bounds_on_line_start() {
        let (_dir, path) = log_file(&format!(
            "{T1} stdout F one\n{T2} stdout P t\n{T3} stdout F wo\n{T3} stdout F three\n"
        ));
        let opts = ReadOptions {
            since: Some(at(T1)),
            ..Default::default()
        };
        assert_eq!(read_str(&path, &opts).0, "two\nthree\n");
        let opts = ReadOptions {
            until: Some(at(T3)),
            ..Default::default()
        };
        assert_eq!(read_str(&path, &opts).0, "one\ntwo\n");
        let opts = ReadOptions {
            since: Some(at(T1)),
            until: Some(at(T3)),
            ..Default::default()
        };
        assert_eq!(read_str(&path, &opts).0, "two\n");
    }

    #[test]
    fn timestamps_prefix_each_line_like_podman() {
        let (_dir, path) = log_file(&format!(
            "{T1} stdout F one\n2024-05-01T08:00:01.5+00:00 stderr F two\n{T2} stdout P a\n{T3} stdout F b\n"
        ));
        let opts = ReadOptions {
            timestamps: true,
            ..Default::default()
        };
        let (out, err, _) = read_str(&path, &opts);
        assert_eq!(
            out,
            format!("{T1} one\n2024-05-01T10:00:01.000000000+02:00 ab\n")
        );
        // Go's Z07:00 prints a zero offset as Z, and the fraction always has nine digits.
        assert_eq!(err, "2024-05-01T08:00:01.500000000Z two\n");
    }

    #[test]
    fn truncated_and_garbage_lines_are_skipped() {
        let (_dir, path) = log_file(&format!(
            "garbage\n{T1} stdout X bad tag\n{T1} stdin F nope\nnot-a-time stdout F x\n{T1} stdout F ok\n{T2} stdout F cut sh"
        ));
        let (out, err, offset) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "ok\n");
        assert_eq!(err, "");
        let content = fs_err::read_to_string(&path).unwrap();
        assert_eq!(offset as usize, content.rfind('\n').unwrap() + 1);
    }

    #[test]
    fn writer_terminates_a_record_cut_short() {
        let (_dir, path) = log_file(&format!("{T1} stdout F ok\n{T2} stdout F cut sh"));
        LogWriter::open(&path, None)
            .unwrap()
            .write(Stream::Stdout, b"next\n")
            .unwrap();
        let (out, _, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "ok\ncut sh\nnext\n");
    }

    #[test]
    fn missing_file_is_an_empty_log() {
        let dir = tempfile::tempdir().unwrap();
        let (out, err, offset) = read_str(&dir.path().join("none.log"), &ReadOptions::default());
        assert_eq!((out.as_str(), err.as_str(), offset), ("", "", 0));
    }

    #[test]
    fn rotation_keeps_file_under_limit_and_newest_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let max = 1000;
        let mut w = LogWriter::open(&path, Some(max)).unwrap();
        let mut record_len = 0;
        let mut counts = Vec::new();
        for i in 0..200 {
            w.write(Stream::Stdout, format!("line {i:03}\n").as_bytes())
                .unwrap();
            let text = fs_err::read_to_string(&path).unwrap();
            record_len = record_len.max(text.lines().map(|l| l.len() + 1).max().unwrap());
            assert!(
                text.len() as u64 <= max,
                "{} bytes after line {i}",
                text.len()
            );
            counts.push(text.lines().count());
        }
        let (out, _, _) = read_str(&path, &ReadOptions::default());
        assert!(out.ends_with("line 198\nline 199\n"), "{out}");
        assert!(!out.contains("line 000"), "{out}");
        // Like conmon, the file is started over rather than trimmed: after a
        // rotation it holds the one new record.
        assert!(counts[1..].contains(&1), "{counts:?}");
        assert!(!dir.path().join("ctr.log.tmp").exists());

        // A single record larger than the limit is still written whole, alone.
        w.write(Stream::Stdout, &vec![b'y'; 2000]).unwrap();
        let text = fs_err::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(text.len() as u64 <= max + 2000 + record_len as u64);
    }

    #[test]
    fn rotation_counts_existing_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        LogWriter::open(&path, None)
            .unwrap()
            .write(Stream::Stdout, &[b'a'; 960])
            .unwrap();
        let mut w = LogWriter::open(&path, Some(1000)).unwrap();
        w.write(Stream::Stdout, b"new\n").unwrap();
        let (out, _, _) = read_str(&path, &ReadOptions::default());
        assert_eq!(out, "new\n");
    }

    /// Runs `follow`, calling `step(n)` at the n-th check of whether to go
    /// on (before each read): the steps write to the log, and the first
    /// that returns false ends the run (what it wrote is still printed).
    /// Deterministic: no thread, no sleep; returns (stdout, stderr).
    fn follow_steps(
        path: &Path,
        opts: &ReadOptions,
        mut step: impl FnMut(usize) -> bool,
    ) -> (String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut n = 0;
        follow(path, opts, &mut out, &mut err, &mut || {
            n += 1;
            step(n - 1)
        })
        .unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn follow_prints_appended_lines_and_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, None).unwrap();
        w.write(Stream::Stdout, b"before\n").unwrap();
        let (out, err) = follow_steps(&path, &ReadOptions::default(), |n| {
            match n {
                0 => {}
                1 => w.write(Stream::Stdout, b"after ").unwrap(),
                2 => {
                    w.write(Stream::Stdout, b"one\n").unwrap();
                    w.write(Stream::Stderr, b"oops\n").unwrap();
                }
                _ => {
                    // Written just before the stop: follow must still drain it.
                    w.write(Stream::Stdout, b"last\n").unwrap();
                    return false;
                }
            }
            true
        });
        assert_eq!(out, "before\nafter one\nlast\n");
        assert_eq!(err, "oops\n");
    }

    #[test]
    fn follow_survives_rotation_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, Some(200)).unwrap();
        w.write(Stream::Stdout, b"a\n").unwrap();
        let mut expected = String::from("a\n");
        let (out, _) = follow_steps(&path, &ReadOptions::default(), |n| {
            match n {
                // Each record is ~50 bytes: the writer rotates every few lines.
                0..12 => {
                    let line = format!("line {n}\n");
                    w.write(Stream::Stdout, line.as_bytes()).unwrap();
                    expected.push_str(&line);
                }
                // Truncated in place by someone else (once follow has read
                // everything: a step that writes nothing), then written again.
                13 => {
                    fs_err::OpenOptions::new()
                        .write(true)
                        .truncate(true)
                        .open(&path)
                        .unwrap();
                }
                15 => {
                    w.write(Stream::Stdout, b"after truncate\n").unwrap();
                    expected.push_str("after truncate\n");
                }
                12 | 14 => {}
                _ => return false,
            }
            true
        });
        assert_eq!(out, expected);
    }

    #[test]
    fn follow_waits_for_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let (out, _) = follow_steps(&path, &ReadOptions::default(), |n| match n {
            // The first look finds no file.
            0 => true,
            1 => {
                LogWriter::open(&path, None)
                    .unwrap()
                    .write(Stream::Stdout, b"hi\n")
                    .unwrap();
                true
            }
            _ => false,
        });
        assert_eq!(out, "hi\n");
    }

    #[test]
    fn follow_keeps_a_dropped_line_dropped() {
        // The open partial line started before `since`: its continuation is not printed.
        let (_dir, path) = log_file(&format!("{T1} stdout P old \n"));
        let opts = ReadOptions {
            since: Some(at(T1)),
            timestamps: true,
            ..Default::default()
        };
        let (out, _) = follow_steps(&path, &opts, |n| {
            if n == 0 {
                return true;
            }
            let mut f = OpenOptions::new().append(true).open(&path).unwrap();
            write!(f, "{T2} stdout F line\n{T3} stdout F new\n").unwrap();
            false
        });
        assert_eq!(out, format!("{T3} new\n"));
    }

    #[test]
    fn parse_time_accepts_podman_forms() {
        let now = at("2024-05-01T12:00:00Z");
        let ok = |s: &str| parse_time(s, now, Bound::Since).unwrap();
        assert_eq!(ok("2024-05-01T10:00:00Z"), at("2024-05-01T10:00:00Z"));
        assert_eq!(
            ok("2024-05-01T10:00:00.123456789+02:00"),
            at("2024-05-01T08:00:00.123456789Z")
        );
        assert_eq!(ok("2024-05-01T10:00:00"), at("2024-05-01T10:00:00Z"));
        // `date --iso-8601=ns`: a comma before the fraction.
        assert_eq!(
            ok("2024-05-01T10:00:00,123456789+00:00"),
            at("2024-05-01T10:00:00.123456789Z")
        );
        assert_eq!(ok("2024-05-01T10:00:00.5"), at("2024-05-01T10:00:00.5Z"));
        assert_eq!(ok("2024-05-01"), at("2024-05-01T00:00:00Z"));
        assert_eq!(ok("2024-05-01+02:00"), at("2024-04-30T22:00:00Z"));
        assert_eq!(
            ok("1700000000"),
            UNIX_EPOCH + Duration::from_secs(1_700_000_000)
        );
        assert_eq!(
            ok("1700000000.5"),
            UNIX_EPOCH + Duration::from_millis(1_700_000_000_500)
        );
        assert_eq!(ok("10s"), at("2024-05-01T11:59:50Z"));
        assert_eq!(ok("5m"), at("2024-05-01T11:55:00Z"));
        assert_eq!(ok("1h30m"), at("2024-05-01T10:30:00Z"));
        assert_eq!(ok("1.5h"), at("2024-05-01T10:30:00Z"));
        assert_eq!(ok("250ms"), at("2024-05-01T11:59:59.75Z"));
        assert_eq!(ok("-10s"), at("2024-05-01T12:00:10Z"));
        assert_eq!(
            parse_time("10m", now, Bound::Until).unwrap(),
            at("2024-05-01T12:10:00Z")
        );
    }

    #[test]
    fn parse_time_rejects_garbage_with_the_input_named() {
        let now = SystemTime::now();
        for bad in [
            "",
            "yesterday",
            "10",
            "5x",
            "1h30",
            "m",
            "1..5s",
            "inf",
            "2024-13-01",
        ] {
            let result = parse_time(bad, now, Bound::Since);
            if bad == "10" {
                // A bare number is a Unix time, as in podman.
                assert_eq!(result.unwrap(), UNIX_EPOCH + Duration::from_secs(10));
                continue;
            }
            let err = result.unwrap_err();
            assert!(matches!(&err, Error::Time(s) if s == bad), "{bad}: {err}");
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
    }
}
