//! A container's counters read from its cgroup (memory, CPU time, PIDs,
//! block I/O) and from its network namespace, and `rpod stats`' columns
//! computed from two samples as podman does (`libpod/stats_linux.go`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{read, Cgroup, Error, Result};
use crate::units::go_human_size;

/// podman's error for `stats` rootless on cgroup v1.
pub const ROOTLESS_V1_STATS: &str = "stats is not supported in rootless mode without cgroups v2";
/// podman's error for `pause` rootless on cgroup v1.
pub const ROOTLESS_V1_PAUSE: &str =
    "can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup";

/// Counters of one cgroup at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CgroupStats {
    /// Memory in use, without inactive page cache (Docker's and podman's figure).
    pub memory_usage: u64,
    /// The memory limit (`None`: unlimited).
    pub memory_limit: Option<u64>,
    /// CPU time used, in nanoseconds.
    pub cpu_usage_ns: u64,
    /// Of which in the kernel, in nanoseconds.
    pub cpu_system_ns: u64,
    /// Processes in the cgroup.
    pub pids: u64,
    /// Bytes read from block devices.
    pub block_read: u64,
    /// Bytes written to block devices.
    pub block_write: u64,
}

fn number(path: &Path, text: &str) -> Result<u64> {
    text.trim().parse().map_err(|_| Error::Parse {
        path: path.to_path_buf(),
        content: text.to_string(),
    })
}

fn read_number(path: &Path) -> Result<u64> {
    number(path, &read(path)?)
}

/// The value of `key` in a flat-keyed file (`memory.stat`, `cpu.stat`).
pub(super) fn keyed(path: &Path, key: &str) -> Result<u64> {
    let text = read(path)?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(' '))
        .map_or(Ok(0), |v| number(path, v))
}

fn missing_is_zero(r: Result<u64>) -> Result<u64> {
    match r {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(0),
        other => other,
    }
}

/// Sums the read and write bytes of a v1 `blkio.throttle.io_service_bytes_recursive`
/// (`8:0 Read 123` lines) or a v2 `io.stat` (`8:0 rbytes=123 wbytes=4 ...`).
pub fn parse_block_io(text: &str) -> (u64, u64) {
    let (mut read, mut write) = (0u64, 0u64);
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let Some(dev) = f.next() else { continue };
        if !dev.contains(':') {
            continue; // v1's "Total" line
        }
        let rest: Vec<&str> = f.collect();
        if rest.len() == 2 && !rest[0].contains('=') {
            let v = rest[1].parse().unwrap_or(0);
            match rest[0].to_ascii_lowercase().as_str() {
                "read" => read = read.saturating_add(v),
                "write" => write = write.saturating_add(v),
                _ => {}
            }
        } else {
            for kv in rest {
                match kv.split_once('=') {
                    Some(("rbytes", v)) => read = read.saturating_add(v.parse().unwrap_or(0)),
                    Some(("wbytes", v)) => write = write.saturating_add(v.parse().unwrap_or(0)),
                    _ => {}
                }
            }
        }
    }
    (read, write)
}

pub(super) fn read_stats(cg: &Cgroup) -> Result<CgroupStats> {
    let mut s = CgroupStats::default();
    if cg.is_v2() {
        let d = cg.dir("").unwrap_or_default();
        let current = read_number(&d.join("memory.current"))?;
        let inactive = keyed(&d.join("memory.stat"), "inactive_file")?;
        s.memory_usage = current.saturating_sub(inactive);
        s.memory_limit = super::apply::memory_limit(&d, true)?;
        let cpu = d.join("cpu.stat");
        s.cpu_usage_ns = keyed(&cpu, "usage_usec")?.saturating_mul(1000);
        s.cpu_system_ns = keyed(&cpu, "system_usec")?.saturating_mul(1000);
        s.pids = missing_is_zero(read_number(&d.join("pids.current")))?;
        let io = d.join("io.stat");
        if io.exists() {
            (s.block_read, s.block_write) = parse_block_io(&read(&io)?);
        }
        return Ok(s);
    }
    if let Some(d) = cg.dir("memory") {
        let usage = read_number(&d.join("memory.usage_in_bytes"))?;
        let inactive = keyed(&d.join("memory.stat"), "total_inactive_file")?;
        s.memory_usage = usage.saturating_sub(inactive);
        s.memory_limit = super::apply::memory_limit(&d, false)?;
    }
    if let Some(d) = cg.dir("cpuacct") {
        s.cpu_usage_ns = missing_is_zero(read_number(&d.join("cpuacct.usage")))?;
        s.cpu_system_ns = missing_is_zero(read_number(&d.join("cpuacct.usage_sys")))?;
    }
    if let Some(d) = cg.dir("pids") {
        s.pids = read_number(&d.join("pids.current"))?;
    }
    if let Some(d) = cg.dir("blkio") {
        let f = d.join("blkio.throttle.io_service_bytes_recursive");
        if f.exists() {
            (s.block_read, s.block_write) = parse_block_io(&read(&f)?);
        }
    }
    Ok(s)
}

/// Received and sent bytes of every interface but `lo` in a
/// `/proc/<pid>/net/dev` table.
pub fn parse_net_dev(text: &str) -> (u64, u64) {
    let (mut rx, mut tx) = (0u64, 0u64);
    for line in text.lines().skip(2) {
        let Some((name, counters)) = line.split_once(':') else {
            continue;
        };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = counters
            .split_whitespace()
            .map(|v| v.parse().unwrap_or(0))
            .collect();
        if f.len() >= 9 {
            rx = rx.saturating_add(f[0]);
            tx = tx.saturating_add(f[8]);
        }
    }
    (rx, tx)
}

/// The network bytes (received, sent) of the namespace process `pid` is in.
pub fn net_io(pid: i32) -> Result<(u64, u64)> {
    let path = PathBuf::from(format!("/proc/{pid}/net/dev"));
    // The kernel's table for the container's namespace; read bounded all the same.
    let mut text = String::new();
    fs_err::File::open(&path)
        .and_then(|f| {
            use std::io::Read;
            f.take(1 << 20).read_to_string(&mut text)
        })
        .map_err(|e| Error::Io {
            action: "reading",
            path: path.clone(),
            source: e,
        })?;
    Ok(parse_net_dev(&text))
}

/// The host's physical memory in bytes (the limit of an unlimited container).
pub fn physical_memory() -> u64 {
    nix::sys::sysinfo::sysinfo().map_or(0, |i| i.ram_total())
}

/// One reading of a container, for [`StatsRow::compute`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sample {
    /// When it was taken, in nanoseconds since the Unix epoch.
    pub at_ns: u64,
    /// The cgroup's counters.
    pub cgroup: CgroupStats,
    /// Bytes received by the container's interfaces.
    pub net_rx: u64,
    /// Bytes sent by the container's interfaces.
    pub net_tx: u64,
}

/// One line of `rpod stats`, as podman computes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatsRow {
    /// CPU use since the previous sample (since the start without one), percent of one CPU.
    pub cpu_percent: f64,
    /// CPU use averaged over the container's life, percent of one CPU.
    pub avg_cpu_percent: f64,
    /// Total CPU time used.
    pub cpu_time: Duration,
    /// Memory in use.
    pub mem_usage: u64,
    /// The memory limit, at most the host's memory.
    pub mem_limit: u64,
    /// `mem_usage` as a percentage of `mem_limit`.
    pub mem_percent: f64,
    /// Network bytes received.
    pub net_input: u64,
    /// Network bytes sent.
    pub net_output: u64,
    /// Block bytes read.
    pub block_input: u64,
    /// Block bytes written.
    pub block_output: u64,
    /// Processes.
    pub pids: u64,
}

#[allow(clippy::cast_precision_loss)]
fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 || part == 0 {
        0.0
    } else {
        part as f64 / whole as f64 * 100.0
    }
}

impl StatsRow {
    /// The row for `cur`, with CPU % over the time since `prev` (or since
    /// `started_ns`, the container's start, without one; a `prev` with more
    /// CPU time than `cur` is from before a restart and ignored); `physical`
    /// is the host's memory ([`physical_memory`]).
    pub fn compute(
        prev: Option<&Sample>,
        cur: &Sample,
        started_ns: u64,
        physical: u64,
    ) -> StatsRow {
        let prev = prev.filter(|p| p.cgroup.cpu_usage_ns <= cur.cgroup.cpu_usage_ns);
        let (prev_cpu, prev_at) =
            prev.map_or((0, started_ns), |p| (p.cgroup.cpu_usage_ns, p.at_ns));
        let cpu_percent = percent(
            cur.cgroup.cpu_usage_ns - prev_cpu,
            cur.at_ns.saturating_sub(prev_at),
        );
        let avg_cpu_percent = percent(
            cur.cgroup.cpu_usage_ns,
            cur.at_ns.saturating_sub(started_ns),
        );
        let mem_limit = match cur.cgroup.memory_limit {
            Some(l) if physical == 0 || l <= physical => l,
            _ => physical,
        };
        StatsRow {
            cpu_percent,
            avg_cpu_percent,
            cpu_time: Duration::from_nanos(cur.cgroup.cpu_usage_ns),
            mem_usage: cur.cgroup.memory_usage,
            mem_limit,
            mem_percent: percent(cur.cgroup.memory_usage, mem_limit),
            net_input: cur.net_rx,
            net_output: cur.net_tx,
            block_input: cur.cgroup.block_read,
            block_output: cur.cgroup.block_write,
            pids: cur.cgroup.pids,
        }
    }

    /// CPU %: `12.34%`.
    pub fn cpu_perc(&self) -> String {
        format!("{:.2}%", self.cpu_percent)
    }

    /// AVG CPU %: `1.50%`.
    pub fn avg_cpu(&self) -> String {
        format!("{:.2}%", self.avg_cpu_percent)
    }

    /// MEM USAGE / LIMIT: `1.126MB / 8.341GB`.
    pub fn mem_usage(&self) -> String {
        pair(self.mem_usage, self.mem_limit)
    }

    /// MEM %: `0.01%`.
    pub fn mem_perc(&self) -> String {
        format!("{:.2}%", self.mem_percent)
    }

    /// NET IO: `796B / 1.076kB`.
    pub fn net_io(&self) -> String {
        pair(self.net_input, self.net_output)
    }

    /// BLOCK IO: `0B / 4.096kB`.
    pub fn block_io(&self) -> String {
        pair(self.block_input, self.block_output)
    }

    /// PIDS: `3`.
    pub fn pids(&self) -> String {
        self.pids.to_string()
    }
}

fn pair(a: u64, b: u64) -> String {
    format!("{} / {}", go_human_size(a), go_human_size(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_io_of_both_versions() {
        let v1 = "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Total 12288\n8:16 Read 1\nTotal 12289\n";
        assert_eq!(parse_block_io(v1), (4097, 8192));
        let v2 = "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n254:0 rbytes=1 wbytes=2 rios=1 wios=1\n";
        assert_eq!(parse_block_io(v2), (101, 202));
        assert_eq!(parse_block_io(""), (0, 0));
    }

    #[test]
    fn net_dev_skips_loopback() {
        let t = "Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n    lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0\n  eth0:     796       5    0    0    0     0          0         0     1076       7    0    0    0     0       0          0\n";
        assert_eq!(parse_net_dev(t), (796, 1076));
    }

    #[test]
    fn columns_from_two_samples() {
        let s = 1_000_000_000u64;
        let started = 100 * s;
        let prev = Sample {
            at_ns: 110 * s,
            cgroup: CgroupStats {
                cpu_usage_ns: 2 * s,
                ..Default::default()
            },
            ..Default::default()
        };
        let cur = Sample {
            at_ns: 112 * s,
            cgroup: CgroupStats {
                cpu_usage_ns: 3 * s, // 1 s of CPU in 2 s
                memory_usage: 1_126_400,
                memory_limit: Some(256 << 20),
                pids: 3,
                block_read: 0,
                block_write: 4096,
                ..Default::default()
            },
            net_rx: 796,
            net_tx: 1076,
        };
        let row = StatsRow::compute(Some(&prev), &cur, started, 8 << 30);
        assert_eq!(row.cpu_perc(), "50.00%");
        assert_eq!(row.avg_cpu(), "25.00%"); // 3 s over 12 s
        assert_eq!(row.cpu_time, Duration::from_secs(3));
        assert_eq!(row.mem_usage(), "1.126MB / 268.4MB");
        assert_eq!(row.mem_perc(), "0.42%");
        assert_eq!(row.net_io(), "796B / 1.076kB");
        assert_eq!(row.block_io(), "0B / 4.096kB");
        assert_eq!(row.pids(), "3");
        // No limit, or one above the host's memory: the host's memory.
        let unlimited = Sample {
            cgroup: CgroupStats {
                memory_limit: None,
                ..cur.cgroup
            },
            ..cur
        };
        assert_eq!(
            StatsRow::compute(None, &unlimited, started, 1 << 30).mem_limit,
            1 << 30
        );
        // A previous sample from before a restart is ignored.
        let before_restart = Sample {
            cgroup: CgroupStats {
                cpu_usage_ns: 50 * s,
                ..Default::default()
            },
            ..prev
        };
        assert_eq!(
            StatsRow::compute(Some(&before_restart), &cur, started, 0).cpu_perc(),
            "25.00%"
        );
    }
}
