//! The record format: parsing one k8s-file record, joining `P` records into
//! lines, and printing lines as `podman logs` does.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, SecondsFormat};

use super::reader::ReadOptions;
use super::Stream;

/// One parsed record; `content` excludes the record's newline.
pub(super) struct Record<'a> {
    pub(super) time: DateTime<FixedOffset>,
    pub(super) stream: Stream,
    pub(super) full: bool,
    pub(super) content: &'a [u8],
}

/// Parses one record (without its newline); `None` for anything that is not one.
pub(super) fn parse_record(line: &[u8]) -> Option<Record<'_>> {
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
pub(super) struct Line {
    pub(super) time: DateTime<FixedOffset>,
    pub(super) stream: Stream,
    pub(super) content: Vec<u8>,
    pub(super) complete: bool,
}

/// Prints records, remembering per stream whether a line is open (its `P` records printed).
///
/// A line is kept or dropped as a whole, by the time of its first record;
/// `-t` prefixes the line once, with that time. `Some(kept)` marks a stream
/// whose last record was a `P`.
#[derive(Default)]
pub(super) struct Printer {
    pub(super) open: [Option<bool>; 2],
}

impl Printer {
    pub(super) fn record(
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
pub(super) fn sink<'a>(
    stream: Stream,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
) -> &'a mut dyn Write {
    match stream {
        Stream::Stdout => out,
        Stream::Stderr => err,
    }
}

/// Prints a line (or its first part): the `-t` prefix, the content, and a newline if `complete`.
pub(super) fn print_line(
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
pub(super) fn assemble(data: &[u8]) -> Vec<Line> {
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
