//! Control groups: which layout the host has (cgroup v2 unified, or v1
//! controllers, possibly beside a v2 hierarchy: "hybrid"), and a
//! container's own cgroup under podman's cgroupfs naming
//! (`libpod_parent/libpod-<id>`): created, limited ([`Resources`]), joined
//! by the container's first process, frozen and thawed (`pause`), read
//! ([`stats`]) and removed.
//!
//! Everything here is file I/O under the cgroup mounts; the mount points
//! come from [`Layout`], so tests can point it at a scratch directory.
//! Whether rpod may have a cgroup at all is [`plan`]'s answer: rootless on
//! cgroup v1 there is no writable hierarchy, and podman accepts limits
//! there and ignores them with [`V1_ROOTLESS_WARNING`].

mod apply;
pub mod resctrl;
pub mod stats;

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use stats::{CgroupStats, Sample, StatsRow};

use crate::spec::resources::Resources;

/// podman's warning when limits are given rootless on cgroup v1.
pub const V1_ROOTLESS_WARNING: &str =
    "Resource limits are not supported and ignored on cgroups V1 rootless systems";

/// Rootless on cgroup v2 without a cgroup delegated to the user.
pub const V2_ROOTLESS_NO_PARENT: &str =
    "Resource limits are ignored: no cgroup is delegated to this user \
     (run under a systemd user session, or give --cgroup-parent a cgroup the user owns)";

/// podman's cgroupfs parent for containers.
pub const DEFAULT_PARENT: &str = "libpod_parent";

/// The v1 controllers a container's cgroup is made in (those mounted).
const V1_CONTROLLERS: &[&str] = &[
    "blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "memory", "pids",
];

/// The v2 controllers enabled for a container's cgroup (those available).
const V2_CONTROLLERS: &[&str] = &["cpu", "cpuset", "io", "memory", "pids"];

/// Errors handling cgroups.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A cgroup file or directory cannot be read or written.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done ("writing", "creating cgroup").
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A value read from a cgroup file does not parse.
    #[error("reading {path}: unexpected content {content:?}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What it held.
        content: String,
    },
    /// A limit needs a controller that is not mounted.
    #[error("the {controller} cgroup controller is not available on this host: {what} cannot be applied; remove the option")]
    NoController {
        /// The controller (`memory`).
        controller: &'static str,
        /// The limit (`--memory`).
        what: &'static str,
    },
    /// The cgroup still holds processes.
    #[error("removing cgroup {path}: it still has processes: stop the container first")]
    Busy {
        /// The cgroup directory.
        path: PathBuf,
    },
    /// Freezing or thawing did not finish.
    #[error("{action} cgroup {path}: still {state} after {seconds} seconds")]
    FreezeTimeout {
        /// "freezing" or "thawing".
        action: &'static str,
        /// The cgroup directory.
        path: PathBuf,
        /// The state it was left in.
        state: String,
        /// How long rpod waited.
        seconds: u64,
    },
    /// The host has no cgroup that rpod can manage (rootless on cgroup v1).
    #[error("{0}")]
    Unsupported(String),
    /// A device named by a block I/O limit.
    #[error(transparent)]
    Resource(#[from] crate::spec::resources::ResourceError),
}

/// Result of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How the host's cgroups are mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// cgroup v2 only, mounted at `root` (usually /sys/fs/cgroup).
    Unified {
        /// The cgroup2 mount.
        root: PathBuf,
    },
    /// cgroup v1 controllers, each at its mount point; `unified` is a v2
    /// hierarchy mounted beside them ("hybrid"), which holds no controller
    /// rpod uses.
    Legacy {
        /// Controller name (`memory`, `cpu`) to its hierarchy's mount point.
        controllers: BTreeMap<String, PathBuf>,
        /// The cgroup2 mount of a hybrid layout.
        unified: Option<PathBuf>,
    },
}

impl Layout {
    /// Reads the layout from this process's mount table.
    pub fn detect() -> Result<Layout> {
        let path = Path::new("/proc/self/mountinfo");
        let text = fs_err::read_to_string(path).map_err(|e| Error::Io {
            action: "reading",
            path: path.into(),
            source: e,
        })?;
        Layout::from_mountinfo(&text).ok_or_else(|| {
            Error::Unsupported(
                "no cgroup file system is mounted: mount cgroup2 on /sys/fs/cgroup".into(),
            )
        })
    }

    /// The layout a `/proc/self/mountinfo` describes (`None`: no cgroups).
    pub fn from_mountinfo(text: &str) -> Option<Layout> {
        let mut controllers = BTreeMap::new();
        let mut unified = None;
        for line in text.lines() {
            let Some((left, right)) = line.split_once(" - ") else {
                continue;
            };
            let mount_point = left.split(' ').nth(4).map(unescape);
            let mut r = right.split(' ');
            let (Some(fstype), Some(_source), Some(options), Some(point)) =
                (r.next(), r.next(), r.next(), mount_point)
            else {
                continue;
            };
            match fstype {
                "cgroup2" => {
                    // The first one mounted (/sys/fs/cgroup or .../unified).
                    unified.get_or_insert(PathBuf::from(point));
                }
                "cgroup" => {
                    for opt in options.split(',') {
                        if V1_CONTROLLERS.contains(&opt) {
                            controllers
                                .entry(opt.to_string())
                                .or_insert_with(|| PathBuf::from(&point));
                        }
                    }
                }
                _ => {}
            }
        }
        match (controllers.is_empty(), unified) {
            (true, Some(root)) => Some(Layout::Unified { root }),
            (true, None) => None,
            (false, unified) => Some(Layout::Legacy {
                controllers,
                unified,
            }),
        }
    }

    /// Whether this is cgroup v2 only.
    pub fn is_unified(&self) -> bool {
        matches!(self, Layout::Unified { .. })
    }

    /// Whether `controller` (`pids`, `memory` ...) is there: mounted on
    /// cgroup v1, listed in the root's `cgroup.controllers` on v2.
    pub fn has_controller(&self, controller: &str) -> bool {
        match self {
            Layout::Unified { root } => fs_err::read_to_string(root.join("cgroup.controllers"))
                .is_ok_and(|c| c.split_whitespace().any(|c| c == controller)),
            Layout::Legacy { controllers, .. } => controllers.contains_key(controller),
        }
    }

    /// podman's name for the layout, for `info` (`v2`, `v1`).
    pub fn version(&self) -> &'static str {
        if self.is_unified() {
            "v2"
        } else {
            "v1"
        }
    }
}

/// `\040` and friends in mountinfo paths.
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 4 <= b.len() {
            let code = std::str::from_utf8(&b[i + 1..i + 4])
                .ok()
                .and_then(|o| u8::from_str_radix(o, 8).ok());
            if let Some(v) = code {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What rpod does about a container's cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// rpod creates and manages this cgroup.
    Managed(Cgroup),
    /// No cgroup rpod can write (rootless on cgroup v1): limits are
    /// ignored with this warning, stats and pause are refused.
    Unsupported {
        /// podman's warning, to print when limits were given.
        warning: &'static str,
    },
}

/// Where a container's cgroup goes: podman's cgroupfs placement
/// (`<parent>/libpod-<id>`, parent [`DEFAULT_PARENT`] unless
/// `--cgroup-parent` says otherwise). Rootless, cgroup v1 has nothing
/// writable; on v2 `parent` must be a delegated cgroup the user owns
/// (absolute within the hierarchy, such as the user's own cgroup).
pub fn plan(layout: &Layout, rootless: bool, parent: Option<&str>, id: &str) -> Plan {
    plan_at(layout, rootless, parent, &format!("libpod-{id}"))
}

/// Where a pod's cgroup goes, under which its members' cgroups are placed:
/// podman's cgroupfs placement (`<parent>/<pod-id>`, parent
/// [`DEFAULT_PARENT`] unless `--cgroup-parent` says otherwise), with the
/// same rootless rules as [`plan`].
pub fn pod_plan(layout: &Layout, rootless: bool, parent: Option<&str>, pod_id: &str) -> Plan {
    plan_at(layout, rootless, parent, pod_id)
}

fn plan_at(layout: &Layout, rootless: bool, parent: Option<&str>, leaf: &str) -> Plan {
    if rootless && !layout.is_unified() {
        return Plan::Unsupported {
            warning: V1_ROOTLESS_WARNING,
        };
    }
    if rootless && parent.is_none() {
        return Plan::Unsupported {
            warning: V2_ROOTLESS_NO_PARENT,
        };
    }
    let parent = parent.unwrap_or(DEFAULT_PARENT).trim_start_matches('/');
    let rel = Path::new(parent).join(leaf);
    Plan::Managed(Cgroup::new(layout, &rel))
}

/// Checks a `--cgroup-parent` value: a path within the cgroup hierarchy
/// (absolute or not, as podman takes it), without `..` or empty parts, and
/// not a systemd slice (rpod places cgroups as podman's cgroupfs manager,
/// which refuses them).
pub fn parse_parent(value: &str) -> std::result::Result<String, String> {
    let trimmed = value.trim_matches('/');
    if trimmed.is_empty() {
        return Err("use a cgroup path such as /mygroup".into());
    }
    if trimmed
        .rsplit('/')
        .next()
        .is_some_and(|b| b.ends_with(".slice"))
    {
        return Err(
            "systemd slice received as cgroup parent when using cgroupfs: rpod manages cgroups as podman's cgroupfs manager does; give a cgroup path such as /mygroup"
                .into(),
        );
    }
    if trimmed
        .split('/')
        .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(
            "the path must not contain empty, . or .. parts: use a path such as /mygroup/sub"
                .into(),
        );
    }
    Ok(value.to_string())
}

/// This process's own cgroup in the v2 hierarchy (`0::/path` of
/// /proc/self/cgroup), relative to the hierarchy's root.
pub fn own_v2_cgroup() -> Result<PathBuf> {
    let path = Path::new("/proc/self/cgroup");
    let text = fs_err::read_to_string(path).map_err(|e| Error::Io {
        action: "reading",
        path: path.into(),
        source: e,
    })?;
    text.lines()
        .find_map(|l| l.strip_prefix("0::"))
        .map(|p| PathBuf::from(p.trim_start_matches('/')))
        .ok_or_else(|| Error::Parse {
            path: path.into(),
            content: text.clone(),
        })
}

/// One container's cgroup: a directory in each v1 hierarchy, or one v2 directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cgroup {
    /// The path below each hierarchy's root (`libpod_parent/libpod-<id>`).
    rel: PathBuf,
    /// Unified: the v2 mount.
    v2_root: Option<PathBuf>,
    /// Legacy: controller to its hierarchy's mount point.
    v1: BTreeMap<String, PathBuf>,
}

impl Cgroup {
    /// The cgroup at `rel` (relative to each hierarchy's root) of `layout`.
    pub fn new(layout: &Layout, rel: &Path) -> Cgroup {
        let rel = rel.to_path_buf();
        match layout {
            Layout::Unified { root } => Cgroup {
                rel,
                v2_root: Some(root.clone()),
                v1: BTreeMap::new(),
            },
            Layout::Legacy { controllers, .. } => Cgroup {
                rel,
                v2_root: None,
                v1: controllers.clone(),
            },
        }
    }

    /// The path below each hierarchy's root.
    pub fn relative_path(&self) -> &Path {
        &self.rel
    }

    /// Whether this is a cgroup v2 one.
    pub fn is_v2(&self) -> bool {
        self.v2_root.is_some()
    }

    /// The v2 directory, or the v1 directory of `controller`.
    pub fn dir(&self, controller: &str) -> Option<PathBuf> {
        match &self.v2_root {
            Some(root) => Some(root.join(&self.rel)),
            None => self.v1.get(controller).map(|m| m.join(&self.rel)),
        }
    }

    /// Every directory of this cgroup (one per distinct v1 hierarchy).
    pub fn dirs(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = match &self.v2_root {
            Some(root) => vec![root.join(&self.rel)],
            None => self.v1.values().map(|m| m.join(&self.rel)).collect(),
        };
        out.sort();
        out.dedup();
        out
    }

    /// Creates the cgroup (and its parents): in every v1 hierarchy, with
    /// cpuset's CPUs and memory nodes copied down from the parent as v1
    /// requires; on v2, with the controllers enabled on the way down.
    pub fn create(&self) -> Result<()> {
        match &self.v2_root {
            Some(root) => self.create_v2(root),
            None => {
                for (controller, mount) in &self.v1 {
                    let mut dir = mount.clone();
                    for part in self.rel.components() {
                        dir.push(part);
                        mkdir(&dir)?;
                        if controller == "cpuset" {
                            inherit_cpuset(&dir)?;
                        }
                    }
                }
                Ok(())
            }
        }
    }

    fn create_v2(&self, root: &Path) -> Result<()> {
        let mut dir = root.to_path_buf();
        for part in self.rel.components() {
            enable_controllers(&dir)?;
            dir.push(part);
            mkdir(&dir)?;
        }
        Ok(())
    }

    /// Moves process `pid` (and with it, later, its children) into the cgroup.
    pub fn add_process(&self, pid: i32) -> Result<()> {
        for dir in self.dirs() {
            write(&dir.join("cgroup.procs"), &pid.to_string())?;
        }
        Ok(())
    }

    /// The processes in the cgroup (from the memory, pids or v2 directory).
    pub fn processes(&self) -> Result<Vec<i32>> {
        let dir = self
            .dir("pids")
            .or_else(|| self.dir("memory"))
            .or_else(|| self.dirs().into_iter().next());
        let Some(dir) = dir else {
            return Ok(Vec::new());
        };
        let path = dir.join("cgroup.procs");
        let text = read(&path)?;
        text.lines()
            .map(|l| {
                l.trim().parse().map_err(|_| Error::Parse {
                    path: path.clone(),
                    content: l.to_string(),
                })
            })
            .collect()
    }

    /// Applies the limits; returns warnings for those this host cannot
    /// apply (podman's words) and which are dropped.
    pub fn apply(&self, resources: &Resources) -> Result<Vec<String>> {
        match self.v2_root {
            Some(_) => apply::v2(self, resources),
            None => apply::v1(self, resources),
        }
    }

    /// The device cgroup's allow list (cgroup v1's `devices` controller):
    /// everything denied, then each rule (`c 1:3 rwm`) allowed. cgroup v2
    /// filters devices with an eBPF program, which rpod does not load.
    pub fn allow_devices(&self, rules: &[String]) -> Result<()> {
        if self.v2_root.is_some() {
            return Err(Error::NoController {
                controller: "devices",
                what: "--device-cgroup-rule (cgroup v2's device filter is an eBPF program rpod does not load)",
            });
        }
        let d = self.dir("devices").ok_or(Error::NoController {
            controller: "devices",
            what: "--device-cgroup-rule",
        })?;
        write(&d.join("devices.deny"), "a")?;
        for r in rules {
            write(&d.join("devices.allow"), r)?;
        }
        Ok(())
    }

    /// Freezes every process of the cgroup (`pause`) and waits until they are.
    pub fn freeze(&self) -> Result<()> {
        self.set_frozen(true)
    }

    /// Thaws the cgroup (`unpause`) and waits until it is.
    pub fn thaw(&self) -> Result<()> {
        self.set_frozen(false)
    }

    /// Whether the cgroup is frozen.
    pub fn is_frozen(&self) -> Result<bool> {
        match &self.v2_root {
            Some(_) => {
                let dir = self.dir("").unwrap_or_default();
                Ok(events_frozen(&dir)?)
            }
            None => {
                let dir = self.freezer_dir()?;
                Ok(read(&dir.join("freezer.state"))?.trim() == "FROZEN")
            }
        }
    }

    fn freezer_dir(&self) -> Result<PathBuf> {
        self.dir("freezer").ok_or(Error::NoController {
            controller: "freezer",
            what: "pause",
        })
    }

    fn set_frozen(&self, frozen: bool) -> Result<()> {
        const WAIT: Duration = Duration::from_secs(10);
        let action = if frozen { "freezing" } else { "thawing" };
        let start = Instant::now();
        let mut delay = Duration::from_micros(200);
        match &self.v2_root {
            Some(_) => {
                let dir = self.dir("").unwrap_or_default();
                write(&dir.join("cgroup.freeze"), if frozen { "1" } else { "0" })?;
                loop {
                    if events_frozen(&dir)? == frozen {
                        return Ok(());
                    }
                    if start.elapsed() > WAIT {
                        return Err(Error::FreezeTimeout {
                            action,
                            path: dir,
                            state: if frozen { "thawed" } else { "frozen" }.into(),
                            seconds: WAIT.as_secs(),
                        });
                    }
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(20));
                }
            }
            None => {
                let dir = self.freezer_dir()?;
                let file = dir.join("freezer.state");
                let want = if frozen { "FROZEN" } else { "THAWED" };
                loop {
                    // v1 may stay FREEZING when a task is busy in the
                    // kernel: writing again retries (as runc does).
                    write(&file, want)?;
                    let state = read(&file)?;
                    if state.trim() == want {
                        return Ok(());
                    }
                    if start.elapsed() > WAIT {
                        if frozen {
                            let _ = write(&file, "THAWED");
                        }
                        return Err(Error::FreezeTimeout {
                            action,
                            path: dir,
                            state: state.trim().to_string(),
                            seconds: WAIT.as_secs(),
                        });
                    }
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(20));
                }
            }
        }
    }

    /// How many processes the kernel's OOM killer killed in the cgroup
    /// (`oom_kill` of v1's `memory.oom_control`, v2's `memory.events`):
    /// inspect's `State.OOMKilled` when the container died of SIGKILL.
    pub fn oom_kills(&self) -> Result<u64> {
        let file = if self.is_v2() {
            "memory.events"
        } else {
            "memory.oom_control"
        };
        match self.dir("memory") {
            Some(dir) => stats::keyed(&dir.join(file), "oom_kill"),
            None => Ok(0),
        }
    }

    /// Reads the cgroup's counters.
    pub fn stats(&self) -> Result<CgroupStats> {
        stats::read_stats(self)
    }

    /// Removes the cgroup's directories (a missing one is fine). It must
    /// hold no process: [`Error::Busy`] otherwise. A v1 freezer left
    /// frozen is thawed first.
    pub fn remove(&self) -> Result<()> {
        for dir in self.dirs() {
            match fs_err::remove_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) if e.kind() == ErrorKind::ResourceBusy => {
                    return Err(Error::Busy { path: dir });
                }
                Err(e) => {
                    return Err(Error::Io {
                        action: "removing cgroup",
                        path: dir,
                        source: e,
                    })
                }
            }
        }
        Ok(())
    }
}

fn events_frozen(dir: &Path) -> Result<bool> {
    let text = read(&dir.join("cgroup.events"))?;
    Ok(text.lines().any(|l| l.trim() == "frozen 1"))
}

fn mkdir(dir: &Path) -> Result<()> {
    match fs_err::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Io {
            action: "creating cgroup",
            path: dir.to_path_buf(),
            source: e,
        }),
    }
}

/// A new v1 cpuset cgroup has no CPUs and no memory nodes, and no process
/// may join it until it has: copy the parent's.
fn inherit_cpuset(dir: &Path) -> Result<()> {
    let Some(parent) = dir.parent() else {
        return Ok(());
    };
    for file in ["cpuset.cpus", "cpuset.mems"] {
        let mine = dir.join(file);
        if read(&mine)?.trim().is_empty() {
            let theirs = read(&parent.join(file))?;
            write(&mine, theirs.trim())?;
        }
    }
    Ok(())
}

/// Enables rpod's controllers for the children of v2 cgroup `dir` (those
/// it has and does not yet delegate).
fn enable_controllers(dir: &Path) -> Result<()> {
    let available = read(&dir.join("cgroup.controllers"))?;
    let enabled = read(&dir.join("cgroup.subtree_control"))?;
    let missing: Vec<String> = available
        .split_whitespace()
        .filter(|c| V2_CONTROLLERS.contains(c))
        .filter(|c| !enabled.split_whitespace().any(|e| e == *c))
        .map(|c| format!("+{c}"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    write(&dir.join("cgroup.subtree_control"), &missing.join(" "))
}

/// Reads a cgroup file.
pub(crate) fn read(path: &Path) -> Result<String> {
    fs_err::read_to_string(path).map_err(|e| Error::Io {
        action: "reading",
        path: path.to_path_buf(),
        source: e,
    })
}

/// Writes a cgroup file (which must exist: the kernel's, or a test's).
pub(crate) fn write(path: &Path, value: &str) -> Result<()> {
    use std::io::Write;
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(|e| Error::Io {
            action: "writing",
            path: path.to_path_buf(),
            source: e,
        })?;
    f.write_all(value.as_bytes()).map_err(|e| Error::Io {
        action: "writing",
        path: path.to_path_buf(),
        source: std::io::Error::new(e.kind(), format!("{value:?}: {e}")),
    })
}

#[cfg(test)]
mod tests;
