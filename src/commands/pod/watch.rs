//! `rpod pod top`, `rpod pod logs` and `rpod pod stats`: the members'
//! processes, output and resource usage.

use std::io::Write;

use libpod::container::Status;
use libpod::engine::Pod;
use libpod::Engine;

use super::{LogsArgs, StatsArgs, TopArgs};
use crate::commands::Globals;
use crate::output;

pub(super) fn top(engine: &Engine, a: &TopArgs) -> anyhow::Result<u8> {
    let pod = engine.pod(&a.pod)?;
    let running: Vec<_> = pod
        .members
        .iter()
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .collect();
    anyhow::ensure!(
        !running.is_empty(),
        "pod {} is not running: no containers in pod {} are running",
        pod.config.id,
        pod.config.id
    );
    let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
    for c in running {
        for p in engine.container_processes(&c.config.id)? {
            lines.push(format!(
                "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
                p.user,
                p.pid,
                p.ppid,
                p.cpu_percent,
                output::human::go_duration(p.elapsed),
                p.tty,
                output::human::go_duration(p.cpu_time),
                p.command
            ));
        }
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

/// Writes whole lines, each prefixed, to a shared stream.
struct Prefixed<'a> {
    prefix: String,
    partial: Vec<u8>,
    out: &'a std::sync::Mutex<Box<dyn Write + Send>>,
}

impl Write for Prefixed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            let mut o = self
                .out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            o.write_all(self.prefix.as_bytes())?;
            o.write_all(&line)?;
            o.flush()?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(super) fn logs(g: &Globals, a: &LogsArgs) -> anyhow::Result<u8> {
    use libpod::container::logs::{self, ReadOptions};
    let engine = &g.engine(false)?;
    let pod = engine.pod(&a.pod)?;
    let mut members = pod.members.clone();
    if let Some(only) = &a.container {
        // A name wins over an ID prefix (a member "b" and another whose
        // ID starts with b: only the first).
        if members.iter().any(|c| c.config.name == *only) {
            members.retain(|c| c.config.name == *only);
        } else {
            members.retain(|c| c.config.id.starts_with(only.as_str()));
        }
        anyhow::ensure!(
            !members.is_empty(),
            "container {only} is not in pod {}: no such container",
            pod.config.name
        );
    }
    let opts = ReadOptions {
        tail: a.tail.and_then(|n| usize::try_from(n).ok()),
        since: None,
        until: None,
        timestamps: a.timestamps,
    };
    let out: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stdout()));
    let err: std::sync::Mutex<Box<dyn Write + Send>> =
        std::sync::Mutex::new(Box::new(std::io::stderr()));
    let prefix = |c: &libpod::container::Container| {
        if a.names {
            format!("{} ", c.config.name)
        } else {
            format!("{} ", c.short_id())
        }
    };
    if !a.follow {
        for c in &members {
            let mut o = Prefixed {
                prefix: prefix(c),
                partial: Vec::new(),
                out: &out,
            };
            let mut e = Prefixed {
                prefix: prefix(c),
                partial: Vec::new(),
                out: &err,
            };
            logs::read(&engine.log_path(c), &opts, &mut o, &mut e)?;
        }
        return Ok(0);
    }
    // -f: one reader per member, until each has exited.
    std::thread::scope(|s| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for c in &members {
            let (out, err, opts) = (&out, &err, &opts);
            let path = engine.log_path(c);
            let id = c.config.id.clone();
            let p = prefix(c);
            let g = g.clone();
            handles.push(s.spawn(move || -> anyhow::Result<()> {
                let engine = g.engine(false)?;
                let mut o = Prefixed {
                    prefix: p.clone(),
                    partial: Vec::new(),
                    out,
                };
                let mut e = Prefixed {
                    prefix: p,
                    partial: Vec::new(),
                    out: err,
                };
                let mut running = || {
                    engine
                        .container(&id)
                        .is_ok_and(|c| matches!(c.state.status, Status::Running | Status::Paused))
                };
                logs::follow(&path, opts, &mut o, &mut e, &mut running)?;
                Ok(())
            }));
        }
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("a log reader failed"))??;
        }
        Ok(())
    })?;
    Ok(0)
}

pub(super) fn stats(g: &Globals, a: StatsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let pods: Vec<Pod> = if a.pods.is_empty() {
        engine.pods()?
    } else {
        let mut v = Vec::new();
        for n in &a.pods {
            v.push(engine.pod(n)?);
        }
        v
    };
    let containers: Vec<String> = pods
        .iter()
        .flat_map(|p| p.members.iter())
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .map(|c| c.config.id.clone())
        .collect();
    if containers.is_empty() {
        return Ok(0);
    }
    drop(engine);
    crate::commands::stats::run(
        g,
        crate::commands::stats::StatsArgs {
            containers,
            all: false,
            latest: false,
            format: a.format,
            no_stream: a.no_stream,
            no_trunc: false,
            no_reset: a.no_reset,
            interval: 5,
        },
    )
}
