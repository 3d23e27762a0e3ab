use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::DateTime;
use fs_err::OpenOptions;

use super::writer::split_records;
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
