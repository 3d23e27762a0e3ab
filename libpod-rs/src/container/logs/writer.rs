//! Writing a log: [`LogWriter`] appends k8s-file records and rotates at a size limit.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{Local, SecondsFormat};
use fs_err::os::unix::fs::OpenOptionsExt;
use fs_err::{File, OpenOptions};

use super::{Error, Result, Stream, MAX_RECORD_CONTENT};

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
pub(super) fn split_records(mut data: &[u8]) -> Vec<(&[u8], bool)> {
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
