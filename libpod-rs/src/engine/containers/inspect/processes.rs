//! `top`: the processes of a container and how they are named.

use std::path::PathBuf;
use std::time::Duration;

use crate::container::{self, Status};
use crate::engine::containers::TopError;
use crate::engine::Engine;
use crate::error::Result;
use crate::spec;

/// The namespaces a running container's PID 1 is in, by inode number
/// (`ps --ns`); empty strings for one that does not run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamespaceIds {
    /// The cgroup namespace.
    pub cgroup: String,
    /// The IPC namespace.
    pub ipc: String,
    /// The mount namespace.
    pub mnt: String,
    /// The network namespace.
    pub net: String,
    /// The PID namespace.
    pub pid: String,
    /// The user namespace.
    pub user: String,
    /// The UTS namespace.
    pub uts: String,
}

impl Engine {
    /// podman's `ps --ns` data: the inode numbers of the namespaces of
    /// `c`'s PID 1 (from its `/proc/PID/ns/*` links).
    pub fn container_namespace_ids(&self, c: &container::Container) -> NamespaceIds {
        if !matches!(c.state.status, Status::Running | Status::Paused) || c.state.pid <= 0 {
            return NamespaceIds::default();
        }
        let id = |name: &str| {
            fs_err::read_link(format!("/proc/{}/ns/{name}", c.state.pid))
                .ok()
                .and_then(|l| {
                    let l = l.to_string_lossy().into_owned();
                    let (_, rest) = l.split_once('[')?;
                    Some(rest.trim_end_matches(']').to_string())
                })
                .unwrap_or_default()
        };
        NamespaceIds {
            cgroup: id("cgroup"),
            ipc: id("ipc"),
            mnt: id("mnt"),
            net: id("net"),
            pid: id("pid"),
            user: id("user"),
            uts: id("uts"),
        }
    }

    /// The processes in a container's PID namespace (`top`), PID 1 first.
    pub fn container_processes(&self, name_or_id: &str) -> Result<Vec<ProcessInfo>> {
        let c = self.container(name_or_id)?;
        if c.state.status != Status::Running || c.state.init_process().is_none() {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "top needs a running container; start it first".into(),
            }
            .into());
        }
        let ns = |pid: &str| fs_err::read_link(format!("/proc/{pid}/ns/pid")).ok();
        let target = ns(&c.state.pid.to_string()).ok_or_else(|| TopError::NotRunning {
            id: c.short_id().to_string(),
        })?;
        let root = PathBuf::from(format!("/proc/{}/root", c.state.pid));
        let passwd = spec::read_in_tree(&root, "etc/passwd")
            .or_else(|| self.etc_from_layers(&c, "passwd"))
            .unwrap_or_default();
        let group = spec::read_in_tree(&root, "etc/group")
            .or_else(|| self.etc_from_layers(&c, "group"))
            .unwrap_or_default();
        let host_passwd = fs_err::read_to_string("/etc/passwd").unwrap_or_default();
        let host_group = fs_err::read_to_string("/etc/group").unwrap_or_default();
        let uid_map =
            fs_err::read_to_string(format!("/proc/{}/uid_map", c.state.pid)).unwrap_or_default();
        let gid_map =
            fs_err::read_to_string(format!("/proc/{}/gid_map", c.state.pid)).unwrap_or_default();
        let ticks = 100.0f64; // USER_HZ on Linux
        let uptime: f64 = fs_err::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
            .unwrap_or(0.0);
        let mut out = Vec::new();
        for e in fs_err::read_dir("/proc")
            .map_err(TopError::ReadProc)?
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.bytes().all(|b| b.is_ascii_digit()) || ns(&name).as_ref() != Some(&target) {
                continue;
            }
            let Ok(status) = fs_err::read_to_string(format!("/proc/{name}/status")) else {
                continue;
            };
            let Ok(stat) = fs_err::read_to_string(format!("/proc/{name}/stat")) else {
                continue;
            };
            let field = |key: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let nspid: Vec<String> = field("NSpid:");
            let ids = |key: &str, which: usize| -> u32 {
                field(key)
                    .get(which)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            };
            // Effective and real ids, on the host and mapped back inside.
            let (host_uid, host_ruid) = (ids("Uid:", 1), ids("Uid:", 0));
            let (host_gid, host_rgid) = (ids("Gid:", 1), ids("Gid:", 0));
            let uid = map_back(&uid_map, host_uid);
            let gid = map_back(&gid_map, host_gid);
            let comm = stat
                .get(stat.find('(').map_or(0, |i| i + 1)..stat.rfind(')').unwrap_or(0))
                .unwrap_or_default()
                .to_string();
            let rest: Vec<&str> = stat[stat.rfind(')').unwrap_or(0) + 2..]
                .split_whitespace()
                .collect();
            let num = |i: usize| {
                rest.get(i)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            let tty_nr = num(4) as u64;
            let cpu = (num(11) + num(12)) / ticks;
            let elapsed = (uptime - num(19) / ticks).max(0.0);
            let ppid_host = num(1) as i64;
            let ppid = fs_err::read_to_string(format!("/proc/{ppid_host}/status"))
                .ok()
                .filter(|_| ns(&ppid_host.to_string()).as_ref() == Some(&target))
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("NSpid:"))
                        .and_then(|v| v.split_whitespace().last().map(str::to_string))
                })
                .unwrap_or_else(|| "0".into());
            let cmdline = fs_err::read(format!("/proc/{name}/cmdline")).unwrap_or_default();
            let command = String::from_utf8_lossy(&cmdline)
                .trim_end_matches('\0')
                .replace('\0', " ");
            let one = |key: &str| field(key).first().cloned().unwrap_or_default();
            let label = fs_err::read_to_string(format!("/proc/{name}/attr/current"))
                .map(|l| l.trim_end_matches(['\0', '\n']).to_string())
                .unwrap_or_default();
            out.push(ProcessInfo {
                user: id_name(&passwd, uid),
                ruser: id_name(&passwd, map_back(&uid_map, host_ruid)),
                uid,
                group: id_name(&group, gid),
                rgroup: id_name(&group, map_back(&gid_map, host_rgid)),
                groups: field("Groups:")
                    .iter()
                    .filter_map(|g| g.parse().ok())
                    .map(|g| id_name(&group, map_back(&gid_map, g)))
                    .collect(),
                pid: nspid.last().cloned().unwrap_or(name.clone()),
                ppid,
                pgid: rest.get(2).map_or_else(String::new, |v| (*v).to_string()),
                host_pid: name.clone(),
                host_uid,
                host_user: id_name(&host_passwd, host_uid),
                host_group: id_name(&host_group, host_gid),
                cpu_percent: if elapsed > 0.0 {
                    cpu / elapsed * 100.0
                } else {
                    0.0
                },
                elapsed: Duration::from_secs_f64(elapsed),
                started: chrono::Local::now()
                    - chrono::Duration::milliseconds((elapsed * 1000.0) as i64),
                cpu_time: Duration::from_secs_f64(cpu),
                tty: if tty_nr == 0 {
                    "?".into()
                } else {
                    format!("pts/{}", (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00))
                },
                command,
                comm,
                nice: rest.get(16).map_or_else(String::new, |v| (*v).to_string()),
                state: rest.first().map_or_else(String::new, |v| (*v).to_string()),
                vsz_kib: (num(20) as u64) / 1024,
                rss_kib: one("VmRSS:").parse().unwrap_or(0),
                caps: [
                    one("CapAmb:"),
                    one("CapInh:"),
                    one("CapPrm:"),
                    one("CapEff:"),
                    one("CapBnd:"),
                ]
                .map(|m| u64::from_str_radix(&m, 16).unwrap_or(0)),
                seccomp: one("Seccomp:").parse().ok(),
                label,
            });
        }
        out.sort_by_key(|p| p.pid.parse::<u64>().unwrap_or(u64::MAX));
        Ok(out)
    }
}

/// One process of a container, as `top` shows it (what podman's psgo
/// descriptors read).
#[derive(Debug, Clone)]
pub struct ProcessInfo {
    /// Effective user name (or uid) inside the container.
    pub user: String,
    /// Real user name (or uid) inside the container.
    pub ruser: String,
    /// Effective uid inside the container.
    pub uid: u32,
    /// Effective group name (or gid) inside the container.
    pub group: String,
    /// Real group name (or gid) inside the container.
    pub rgroup: String,
    /// Supplementary groups (names or gids) inside the container.
    pub groups: Vec<String>,
    /// PID inside the container.
    pub pid: String,
    /// Parent PID inside the container (0 outside it).
    pub ppid: String,
    /// Process group ID.
    pub pgid: String,
    /// PID on the host.
    pub host_pid: String,
    /// Effective uid on the host.
    pub host_uid: u32,
    /// Effective user name (or uid) on the host.
    pub host_user: String,
    /// Effective group name (or gid) on the host.
    pub host_group: String,
    /// CPU use over its lifetime, in percent.
    pub cpu_percent: f64,
    /// Time since it started.
    pub elapsed: Duration,
    /// When it started.
    pub started: chrono::DateTime<chrono::Local>,
    /// CPU time used.
    pub cpu_time: Duration,
    /// Its terminal, or `?`.
    pub tty: String,
    /// Its command line.
    pub command: String,
    /// Its command name (`comm`).
    pub comm: String,
    /// Its nice value.
    pub nice: String,
    /// Its state letter (R, S, D, Z, …).
    pub state: String,
    /// Virtual memory size in KiB.
    pub vsz_kib: u64,
    /// Resident set size in KiB.
    pub rss_kib: u64,
    /// Capability masks: ambient, inheritable, permitted, effective, bounding.
    pub caps: [u64; 5],
    /// Seccomp mode (0 disabled, 1 strict, 2 filter).
    pub seccomp: Option<u8>,
    /// Its security label (SELinux or AppArmor), if any.
    pub label: String,
}

/// The name of `id` in a passwd or group file's text, else the number.
fn id_name(file: &str, id: u32) -> String {
    let id = id.to_string();
    file.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == id).then(|| f[0].to_string())
        })
        .unwrap_or(id)
}

/// Maps a host uid back into a namespace through its `uid_map` text.
pub(super) fn map_back(uid_map: &str, host: u32) -> u32 {
    for l in uid_map.lines() {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if let [inside, outside, len] = f[..] {
            let h = u64::from(host);
            if h >= outside && h < outside + len {
                return u32::try_from(inside + h - outside).unwrap_or(host);
            }
        }
    }
    host
}
