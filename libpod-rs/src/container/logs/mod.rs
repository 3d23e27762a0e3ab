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
//!
//! Files: [`writer`] appends records and rotates, [`format`] parses records
//! and joins them into printed lines, [`reader`] reads and follows a log,
//! [`time`] parses `--since`/`--until`.

use std::io;
use std::path::PathBuf;

mod format;
mod reader;
#[cfg(test)]
mod tests;
mod time;
mod writer;

pub use reader::{follow, read, ReadOptions};
pub use time::{parse_time, Bound};
pub use writer::LogWriter;

/// Most content bytes in one record; longer lines are split into `P` records.
///
/// conmon reads the container's pipes 8192 bytes at a time
/// (`STDIO_BUF_SIZE`) and writes a record per read, so no record it writes
/// carries more; we cut at the same size.
pub const MAX_RECORD_CONTENT: usize = 8192;

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
