//! `compose logs`: the containers' logs merged, each line prefixed with
//! its container's name (`proj-web-1  | line`), coloured per container on
//! a terminal, as Docker Compose v2 prints them; `-f` follows every
//! container at once until all have stopped.

use std::io::{self, Write};
use std::sync::Mutex;

use super::error::ProjectError;
use crate::container::logs::{self, ReadOptions};
use crate::container::Container;
use crate::error::Result;
use crate::Engine;

/// Compose's prefix colours, in order of the containers.
const COLOURS: &[&str] = &[
    "36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1",
];

/// A writer that prefixes every whole line before handing it, under a
/// lock, to a shared output; an unfinished line waits for its end (or for
/// the writer to be dropped).
pub struct Prefixed<'a> {
    prefix: String,
    out: &'a Mutex<dyn Write + Send>,
    pending: Vec<u8>,
}

impl<'a> Prefixed<'a> {
    /// Lines written go to `out` after `prefix`.
    pub fn new(prefix: String, out: &'a Mutex<dyn Write + Send>) -> Prefixed<'a> {
        Prefixed {
            prefix,
            out,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        let mut out = self
            .out
            .lock()
            .map_err(|_| io::Error::other("log output lock poisoned"))?;
        out.write_all(self.prefix.as_bytes())?;
        out.write_all(line)?;
        out.flush()
    }
}

impl Write for Prefixed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(i) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=i).collect();
            self.emit(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Prefixed<'_> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let mut line = std::mem::take(&mut self.pending);
            line.push(b'\n');
            let _ = self.emit(&line);
        }
    }
}

/// The prefix of each container's lines: its name padded to the longest
/// name, then ` | ` (coloured when `colour`).
pub fn prefixes(containers: &[Container], colour: bool) -> Vec<String> {
    let width = containers
        .iter()
        .map(|c| c.config.name.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = format!("{:<width$} |", c.config.name);
            if colour {
                format!("\x1b[{}m{text}\x1b[0m ", COLOURS[i % COLOURS.len()])
            } else {
                format!("{text} ")
            }
        })
        .collect()
}

/// Prints the containers' logs to `out` (stdout and stderr lines alike),
/// one container after the other; with `follow`, all at once as they are
/// written, until every container has stopped.
pub fn show(
    engine: &Engine,
    containers: &[Container],
    opts: &ReadOptions,
    follow: bool,
    colour: bool,
    out: &Mutex<dyn Write + Send>,
) -> Result<()> {
    let prefixes = prefixes(containers, colour);
    let fail = |e: logs::Error| crate::Error::from(ProjectError::Logs(e));
    if !follow {
        for (c, prefix) in containers.iter().zip(prefixes) {
            let mut o = Prefixed::new(prefix.clone(), out);
            let mut e = Prefixed::new(prefix, out);
            logs::read(&engine.log_path(c), opts, &mut o, &mut e).map_err(fail)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = containers
            .iter()
            .zip(prefixes)
            .map(|(c, prefix)| {
                scope.spawn(move || -> Result<()> {
                    let mut o = Prefixed::new(prefix.clone(), out);
                    let mut e = Prefixed::new(prefix, out);
                    let id = c.config.id.clone();
                    let mut going = || engine.container(&id).is_ok_and(|c| super::is_running(&c));
                    logs::follow(&engine.log_path(c), opts, &mut o, &mut e, &mut going)
                        .map_err(fail)
                })
            })
            .collect();
        for h in handles {
            h.join()
                .unwrap_or_else(|_| Err(ProjectError::ThreadPanicked("log").into()))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_prefixed_whole() {
        let out: Mutex<Vec<u8>> = Mutex::new(Vec::new());
        {
            let mut w = Prefixed::new("web-1  | ".into(), &out);
            w.write_all(b"one\ntw").unwrap();
            w.write_all(b"o\nthree").unwrap();
        }
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(text, "web-1  | one\nweb-1  | two\nweb-1  | three\n");
    }
}
