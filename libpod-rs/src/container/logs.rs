//! Temporary k8s-file writer; replaced by the full logs module.
use std::io::Write;
use std::path::Path;

/// Which stream a chunk came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Appends k8s-file records.
pub struct LogWriter {
    file: std::fs::File,
}

impl LogWriter {
    /// Opens (creating) the log file for appending.
    pub fn open(path: &Path, _max_size: Option<u64>) -> std::io::Result<LogWriter> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        Ok(LogWriter { file })
    }

    /// Writes one chunk as records.
    pub fn write(&mut self, stream: Stream, data: &[u8]) -> std::io::Result<()> {
        let ts = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, false);
        let s = if stream == Stream::Stdout { "stdout" } else { "stderr" };
        let mut out = Vec::new();
        for line in data.split_inclusive(|b| *b == b'\n') {
            let (body, flag) = match line.strip_suffix(b"\n") {
                Some(b) => (b, "F"),
                None => (line, "P"),
            };
            out.extend_from_slice(format!("{ts} {s} {flag} ").as_bytes());
            out.extend_from_slice(body);
            out.push(b'\n');
        }
        self.file.write_all(&out)
    }
}
