//! Rootless plumbing: the user's subordinate id ranges (/etc/subuid,
//! /etc/subgid), the mapping built from them, and entering a user
//! namespace with that mapping (written by newuidmap/newgidmap).
//!
//! The mapping is the same every time (container 0 → the user, 1..N → the
//! subordinate ranges), so files unpacked today keep their owners tomorrow.

pub mod idmap;

use std::path::Path;
use std::process::Command;

use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::WaitStatus;
use nix::unistd::{getgid, getuid, Gid, Uid, User};
use serde::{Deserialize, Serialize};

use crate::sys::channel::{channel, Channel};
use crate::sys::process::{fork_then, wait};

/// Errors of user namespace setup; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A subid file could not be read.
    #[error("reading {path}: {}", crate::sys::os_text(source))]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A system call failed.
    #[error("{action}: {source}")]
    Sys {
        /// What was being done.
        action: &'static str,
        /// The error number.
        source: nix::Error,
    },
    /// newuidmap or newgidmap failed.
    #[error("{tool} failed: {message}")]
    IdMapTool {
        /// newuidmap or newgidmap.
        tool: &'static str,
        /// Its stderr, or why it could not run, with a hint.
        message: String,
    },
}

/// One contiguous range of ids: `size` ids from `container_id` map to ids from `host_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdMap {
    /// First id inside the namespace.
    pub container_id: u32,
    /// First id on the host.
    pub host_id: u32,
    /// How many ids.
    pub size: u32,
}

/// The uid and gid mappings of a user namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdMappings {
    /// uid ranges.
    #[serde(rename = "uidmap")]
    pub uids: Vec<IdMap>,
    /// gid ranges.
    #[serde(rename = "gidmap")]
    pub gids: Vec<IdMap>,
}

/// Parses a subid file's ranges for a user (by name or numeric id).
pub fn subid_ranges(text: &str, user: &str, id: u32) -> Vec<(u32, u32)> {
    let id = id.to_string();
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.starts_with('#') {
                return None;
            }
            let mut parts = line.split(':');
            let (who, start, count) = (parts.next()?, parts.next()?, parts.next()?);
            if who != user && who != id {
                return None;
            }
            Some((start.trim().parse().ok()?, count.trim().parse().ok()?))
        })
        .filter(|&(_, count)| count > 0)
        .collect()
}

fn read_ranges(path: &Path, user: &str, id: u32) -> Result<Vec<(u32, u32)>, Error> {
    match fs_err::read_to_string(path) {
        Ok(text) => Ok(subid_ranges(&text, user, id)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(Error::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}

fn build(own: u32, ranges: &[(u32, u32)]) -> Vec<IdMap> {
    let mut maps = vec![IdMap {
        container_id: 0,
        host_id: own,
        size: 1,
    }];
    let mut next = 1u32;
    for &(start, count) in ranges {
        maps.push(IdMap {
            container_id: next,
            host_id: start,
            size: count,
        });
        next = next.saturating_add(count);
    }
    maps
}

impl IdMappings {
    /// The rootless mapping for a user; the warning is set when a range is missing.
    pub fn rootless(
        uid: u32,
        gid: u32,
        user: &str,
        subuid: &Path,
        subgid: &Path,
    ) -> Result<(IdMappings, Option<String>), Error> {
        let uranges = read_ranges(subuid, user, uid)?;
        let granges = read_ranges(subgid, user, uid)?;
        let mut missing = Vec::new();
        if uranges.is_empty() {
            missing.push(subuid.display().to_string());
        }
        if granges.is_empty() {
            missing.push(subgid.display().to_string());
        }
        let warning = (!missing.is_empty()).then(|| {
            format!(
                "no subordinate id range for {user} in {}: only one id is mapped and files owned by other users are squashed to root; add one with `usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {user}`",
                missing.join(" and ")
            )
        });
        Ok((
            IdMappings {
                uids: build(uid, &uranges),
                gids: build(gid, &granges),
            },
            warning,
        ))
    }

    /// The identity mapping of the initial namespace (rootful).
    pub fn identity_root() -> IdMappings {
        let all = vec![IdMap {
            container_id: 0,
            host_id: 0,
            size: u32::MAX,
        }];
        IdMappings {
            uids: all.clone(),
            gids: all,
        }
    }

    /// Whether only the user's own ids are mapped (no subordinate range).
    pub fn is_single(&self) -> bool {
        self.uids.len() == 1 && self.gids.len() == 1
    }
}

/// Whether rpod runs unprivileged (effective uid not 0).
pub fn is_rootless() -> bool {
    !nix::unistd::geteuid().is_root()
}

/// Whether this process is already inside a user namespace other than the initial one.
pub fn in_user_namespace() -> bool {
    fs_err::read_to_string("/proc/self/uid_map")
        .map(|m| {
            let fields: Vec<&str> = m.split_whitespace().collect();
            fields != ["0", "0", "4294967295"]
        })
        .unwrap_or(false)
}

/// The calling user: uid, gid and name.
pub fn current_user() -> Result<(u32, u32, String), Error> {
    let uid = getuid();
    let name = User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| uid.to_string());
    Ok((uid.as_raw(), getgid().as_raw(), name))
}

fn map_args(maps: &[IdMap]) -> Vec<String> {
    maps.iter()
        .flat_map(|m| [m.container_id, m.host_id, m.size])
        .map(|n| n.to_string())
        .collect()
}

fn sys(action: &'static str) -> impl FnOnce(nix::Error) -> Error {
    move |source| Error::Sys { action, source }
}

/// Moves the current process into a new user namespace with `m` (and a new
/// mount namespace when asked). Must be called while the process has a
/// single thread. Afterwards the process is uid/gid 0 in the namespace.
pub fn enter(m: &IdMappings, new_mount_ns: bool) -> Result<(), Error> {
    if m.is_single() {
        unshare(CloneFlags::CLONE_NEWUSER).map_err(sys("creating a user namespace"))?;
        let write = |path: &str, text: String| {
            fs_err::write(path, text).map_err(|source| Error::Read {
                path: path.to_string(),
                source,
            })
        };
        write("/proc/self/setgroups", "deny".into())?;
        write("/proc/self/uid_map", format!("0 {} 1\n", m.uids[0].host_id))?;
        write("/proc/self/gid_map", format!("0 {} 1\n", m.gids[0].host_id))?;
    } else {
        enter_with_helpers(m)?;
    }
    nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0))
        .map_err(sys("becoming gid 0 in the user namespace"))?;
    nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0))
        .map_err(sys("becoming uid 0 in the user namespace"))?;
    if new_mount_ns {
        crate::sys::mount::own_namespace(crate::sys::mount::Propagation::Slave)
            .map_err(|f| sys(f.step)(f.errno))?;
    }
    Ok(())
}

/// Runs `work` in a forked child that enters the namespace first (for file
/// work on subordinate-owned trees from a process that must stay outside,
/// such as the runtime's parent). Returns whether the child succeeded.
pub fn in_child(m: &IdMappings, work: impl FnOnce() -> bool) -> Result<bool, Error> {
    let done = crate::sys::in_fork(|| {
        enter(m, false).map_err(|e| e.to_string())?;
        if work() {
            Ok(())
        } else {
            Err(String::new())
        }
    })
    .map_err(|e| Error::Sys {
        action: "forking a helper",
        source: nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
    })?;
    Ok(done.is_ok())
}

/// What the id-map helper answers once it ran newuidmap and newgidmap.
#[derive(Debug, Serialize, Deserialize)]
enum MapsWritten {
    /// Both maps are written.
    Done,
    /// A tool failed: which, and what it said (with a hint).
    Failed { tool: String, message: String },
}

/// A forked helper, still outside the namespace, runs the setuid tools on
/// our pid once we have unshared (the `()` it waits for).
fn enter_with_helpers(m: &IdMappings) -> Result<(), Error> {
    let parent = std::process::id();
    let (ours, theirs): (Channel<(), MapsWritten>, _) =
        channel().map_err(|e| sys("creating a channel")(e.errno()))?;
    let helper = fork_then(|| {
        if !matches!(theirs.recv(), Ok(Some(()))) {
            return 1;
        }
        let answer = match write_maps(parent, &m.uids, &m.gids) {
            Ok(()) => MapsWritten::Done,
            Err(Error::IdMapTool { tool, message }) => MapsWritten::Failed {
                tool: tool.into(),
                message,
            },
            Err(e) => MapsWritten::Failed {
                tool: "newuidmap".into(),
                message: e.to_string(),
            },
        };
        let code = u8::from(!matches!(answer, MapsWritten::Done));
        let _ = theirs.send(&answer);
        code
    })
    .map_err(sys("forking the id-map helper"))?;
    drop(theirs);
    let unshared = unshare(CloneFlags::CLONE_NEWUSER);
    if unshared.is_ok() {
        let _ = ours.send(&());
    }
    let answer = ours.recv();
    drop(ours);
    let status = wait(helper).map_err(sys("waiting for the id-map helper"))?;
    unshared.map_err(sys("creating a user namespace"))?;
    match (answer, status) {
        (Ok(Some(MapsWritten::Done)), WaitStatus::Exited(_, 0)) => Ok(()),
        (Ok(Some(MapsWritten::Failed { tool, message })), _) => Err(Error::IdMapTool {
            tool: if tool == "newgidmap" {
                "newgidmap"
            } else {
                "newuidmap"
            },
            message,
        }),
        (_, status) => Err(Error::IdMapTool {
            tool: "newuidmap",
            message: format!("the id-map helper ended early: {status:?}"),
        }),
    }
}

/// Writes the uid and gid maps of process `pid` with the setuid helpers
/// newuidmap and newgidmap (which check them against /etc/subuid and
/// /etc/subgid), run at the same time. Used for rpod's own namespace and by
/// the runtime for each container.
pub fn write_maps(pid: u32, uids: &[IdMap], gids: &[IdMap]) -> Result<(), Error> {
    let spawn = |tool: &str, maps: &[IdMap]| {
        // The usual location first: skips a $PATH search on the hot path.
        let usual = Path::new("/usr/bin").join(tool);
        let program = if usual.exists() { usual } else { tool.into() };
        Command::new(program)
            .arg(pid.to_string())
            .args(map_args(maps))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
    };
    let uid = spawn("newuidmap", uids);
    let gid = spawn("newgidmap", gids);
    let uid_result = check_tool(
        "newuidmap",
        uid.and_then(std::process::Child::wait_with_output),
        uids,
    );
    let gid_result = check_tool(
        "newgidmap",
        gid.and_then(std::process::Child::wait_with_output),
        gids,
    );
    uid_result.and(gid_result)
}

/// Writes the uid and gid maps of process `pid` directly (no helper), as
/// a process that holds CAP_SETUID and CAP_SETGID in the parent namespace
/// may: how a container is nested in rpod's own user namespace (build's RUN
/// steps, whose maps are ids of that namespace). newuidmap cannot help
/// there: a setuid binary gains nothing inside a user namespace.
pub fn write_maps_direct(pid: u32, uids: &[IdMap], gids: &[IdMap]) -> Result<(), Error> {
    let lines = |maps: &[IdMap]| {
        maps.iter()
            .map(|m| format!("{} {} {}\n", m.container_id, m.host_id, m.size))
            .collect::<String>()
    };
    for (file, tool, maps) in [
        ("uid_map", "newuidmap", uids),
        ("gid_map", "newgidmap", gids),
    ] {
        let path = format!("/proc/{pid}/{file}");
        fs_err::write(&path, lines(maps))
            .map_err(crate::sys::without_path)
            .map_err(|e| Error::IdMapTool {
                tool,
                message: format!("writing {path} (mapping {}): {e}", map_args(maps).join(" ")),
            })?;
    }
    Ok(())
}

/// Turns a helper's outcome into `Ok` or an error that says what to do.
fn check_tool(
    tool: &'static str,
    out: std::io::Result<std::process::Output>,
    maps: &[IdMap],
) -> Result<(), Error> {
    let message = match out {
        Ok(o) if o.status.success() => return Ok(()),
        Ok(o) => format!(
            "{} (mapping {}): check /etc/subuid and /etc/subgid",
            String::from_utf8_lossy(&o.stderr).trim(),
            map_args(maps).join(" ")
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("{tool} is not installed: install the `uidmap` package (e.g. `apt-get install uidmap`)")
        }
        Err(e) => format!("running {tool}: {e}"),
    };
    Err(Error::IdMapTool { tool, message })
}

/// The `--userns=keep-id` mapping: the user's own id `id` appears as the
/// same id inside the container, and the subordinate ranges of the rootless
/// mapping `maps` (container root first) fill the ids below and above it.
pub fn keep_id(maps: &[IdMap], host_id: u32, id: u32) -> Vec<IdMap> {
    // Subordinate host ranges, in order (everything but the user's own id).
    let subordinate: Vec<(u32, u32)> = maps
        .iter()
        .filter(|m| !(m.size == 1 && m.host_id == host_id))
        .map(|m| (m.host_id, m.size))
        .collect();
    let mut out = Vec::new();
    let mut next_container = 0u32;
    let mut placed_user = false;
    for (mut host, mut size) in subordinate {
        while size > 0 {
            if !placed_user && next_container == id {
                out.push(IdMap {
                    container_id: id,
                    host_id,
                    size: 1,
                });
                next_container += 1;
                placed_user = true;
                continue;
            }
            // Up to the user's id (when still to come), else the whole rest.
            let take = if !placed_user {
                size.min(id - next_container)
            } else {
                size
            };
            out.push(IdMap {
                container_id: next_container,
                host_id: host,
                size: take,
            });
            next_container += take;
            host += take;
            size -= take;
        }
    }
    if !placed_user {
        out.push(IdMap {
            container_id: id,
            host_id,
            size: 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_by_name_and_id() {
        let text = "# comment\nalice:100000:65536\n1001:200000:1000\nbob:300000:65536\nalice:400000:10\nbad line\n";
        assert_eq!(
            subid_ranges(text, "alice", 1000),
            vec![(100000, 65536), (400000, 10)]
        );
        assert_eq!(subid_ranges(text, "carol", 1001), vec![(200000, 1000)]);
        assert!(subid_ranges(text, "dave", 1002).is_empty());
    }

    #[test]
    fn builds_consecutive_mappings_and_warns_without_range() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("subuid");
        fs_err::write(&sub, "alice:100000:65536\nalice:400000:10\n").unwrap();
        let (m, warning) = IdMappings::rootless(1000, 1000, "alice", &sub, &sub).unwrap();
        assert_eq!(warning, None);
        assert_eq!(
            m.uids,
            vec![
                IdMap {
                    container_id: 0,
                    host_id: 1000,
                    size: 1
                },
                IdMap {
                    container_id: 1,
                    host_id: 100000,
                    size: 65536
                },
                IdMap {
                    container_id: 65537,
                    host_id: 400000,
                    size: 10
                },
            ]
        );
        let (m, warning) =
            IdMappings::rootless(1001, 1001, "bob", &sub, &dir.path().join("missing")).unwrap();
        assert!(m.is_single());
        let w = warning.unwrap();
        assert!(
            w.contains("usermod --add-subuids") && w.contains("bob"),
            "{w}"
        );
    }

    #[test]
    fn keep_id_mapping() {
        let maps = [
            IdMap {
                container_id: 0,
                host_id: 1001,
                size: 1,
            },
            IdMap {
                container_id: 1,
                host_id: 100000,
                size: 65536,
            },
        ];
        let k = keep_id(&maps, 1001, 1001);
        let t: Vec<(u32, u32, u32)> = k
            .iter()
            .map(|m| (m.container_id, m.host_id, m.size))
            .collect();
        assert_eq!(
            t,
            [(0, 100000, 1001), (1001, 1001, 1), (1002, 101001, 64535)]
        );
        // The user's id beyond every subordinate id still gets mapped.
        let small = [
            IdMap {
                container_id: 0,
                host_id: 5000,
                size: 1,
            },
            IdMap {
                container_id: 1,
                host_id: 100000,
                size: 10,
            },
        ];
        let t: Vec<(u32, u32, u32)> = keep_id(&small, 5000, 5000)
            .iter()
            .map(|m| (m.container_id, m.host_id, m.size))
            .collect();
        assert_eq!(t, [(0, 100000, 10), (5000, 5000, 1)]);
    }
}
