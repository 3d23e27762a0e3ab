//! rpod's in-process OCI runtime: runs one container described by an OCI
//! runtime [`Spec`] on a [`Rootfs`] (an overlay of layers, mounted by the
//! kernel or by fuse-overlayfs, or a vfs copy), and returns its exit code.
//! No conmon, crun or runc is involved.
//!
//! The parent prepares everything (a `Plan`) before `clone`; the child
//! (`child.rs`) only makes syscalls. Rootless runs clone a new user
//! namespace and the parent writes its id maps with newuidmap/newgidmap
//! while the child waits on a sync pipe. Namespaces that have a path in the
//! spec (`--network container:`) are joined first, the user namespace before
//! the others, by a helper process that then clones the container with the
//! remaining `CLONE_NEW*` flags as our child (`CLONE_PARENT`); no id maps are
//! written for a joined user namespace. The child's reports (setup errors,
//! the pty master, the FUSE connection) and the parent's go-aheads cross one
//! close-on-exec channel (`message.rs`); rpod-init reports a command it cannot
//! exec on a pipe of its own, as crun reports exec errors. This module must not print,
//! and it keeps no state on disk: records belong to the container layer.

mod child;
mod copy_up;
mod entry;
mod exec;
mod fuse;
pub mod hooks;
mod message;
mod pty;
mod rootfs;
mod seccomp;
mod syscalls;

use std::ffi::CString;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::mount::MsFlags;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sched::CloneFlags;
use nix::sys::resource::Resource;
use nix::sys::signal::{kill, SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use oci_spec::runtime::{Capabilities, LinuxNamespaceType, PosixRlimitType, Spec};

use crate::sys::process::{clone_then, fork_then};
use crate::userns::{self, IdMap};
use child::{ChildFds, Plan, PlannedMount, RootMount};
pub use exec::{exec, exec_detached};
pub use pty::{prompt_line, set_terminal_size, stdin_is_terminal, terminal_size, RawTerminal};

/// Errors running a container.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec lacks something the runtime needs.
    #[error("invalid runtime spec: {0}")]
    InvalidSpec(String),
    /// No lower layer was given for the overlay.
    #[error("mounting overlay: no lower layers given")]
    NoLayers,
    /// A bind mount's source does not exist on the host.
    #[error("bind mount source {path}: {}", crate::sys::os_text(source))]
    BindSource {
        /// The missing host path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A syscall in the parent failed.
    #[error("{step}: {errno}")]
    Sys {
        /// What was being done.
        step: &'static str,
        /// The error number.
        errno: Errno,
    },
    /// newuidmap/newgidmap could not run or refused the mapping.
    #[error("{tool} failed: {message}")]
    IdMap {
        /// `newuidmap` or `newgidmap`.
        tool: &'static str,
        /// What went wrong and what to do (from `userns::write_maps`).
        message: String,
    },
    /// The seccomp profile cannot be compiled.
    #[error("compiling the seccomp profile: {0}")]
    Seccomp(String),
    /// `exec`'s target process does not exist (or is a zombie).
    #[error("container is not running (no process {0})")]
    NotRunning(i32),
    /// A namespace or the root of the running container cannot be opened.
    #[error("joining the container: {path}: {}", crate::sys::os_text(source))]
    Join {
        /// The /proc file being opened.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A namespace the spec asks to join cannot be opened.
    #[error(
        "opening the {name} namespace to join, {path}: {}",
        crate::sys::os_text(source)
    )]
    JoinNamespace {
        /// `network`, `user`, ...
        name: &'static str,
        /// The namespace file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The channel to the container's process failed.
    #[error("talking to the container's process: {0}")]
    Channel(crate::sys::channel::Error),
    /// The container could not be set up or its command not started; `code`
    /// is 125 (setup), 126 (cannot invoke) or 127 (not found).
    #[error("{message}")]
    Container {
        /// The exit code to use.
        code: u8,
        /// What the child reported.
        message: String,
    },
}

impl Error {
    /// Exit code for this error (podman's conventions: 125, 126, 127).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Container { code, .. } => *code,
            _ => 125,
        }
    }
}

/// The container's root file system and how it is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rootfs {
    /// An overlay of image layers over a private upper directory.
    Overlay(Overlay),
    /// A directory of its own (the vfs driver's copy of the layers),
    /// bind-mounted as the root.
    Dir(PathBuf),
}

impl Rootfs {
    /// The directory that becomes the container's `/`.
    pub fn root(&self) -> &std::path::Path {
        match self {
            Rootfs::Overlay(o) => &o.merged,
            Rootfs::Dir(d) => d,
        }
    }
}

/// An overlay root file system (the overlay storage driver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// Layer directories, top first.
    pub lower: Vec<PathBuf>,
    /// The container's writable upper directory.
    pub upper: PathBuf,
    /// Overlay's work directory (same file system as `upper`).
    pub work: PathBuf,
    /// Where the overlay is mounted (in the container's mount namespace only).
    pub merged: PathBuf,
    /// Mount with overlay's `volatile` (no syncs; for `--rm` containers
    /// whose upper directory is discarded anyway, as podman does).
    pub volatile: bool,
    /// The FUSE program that serves the overlay (fuse-overlayfs) instead
    /// of the kernel's overlayfs.
    pub mount_program: Option<PathBuf>,
    /// The uid and gid maps (host ids) the layers' owners were written
    /// under. A container whose own maps differ (`--userns=keep-id`,
    /// `--uidmap` ...) sees them through fuse-overlayfs' id mapping, so
    /// that the image's root files are still root's inside.
    pub storage_maps: Option<(Vec<IdMap>, Vec<IdMap>)>,
}

impl Overlay {
    /// The kernel's overlay options for these directories: `lowerdir`,
    /// `upperdir`, `workdir`, then `userxattr` when mounted in a user
    /// namespace.
    pub fn kernel_options(&self, userxattr: bool) -> String {
        let lower: Vec<String> = self
            .lower
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let mut data = format!(
            "lowerdir={},upperdir={},workdir={}",
            lower.join(":"),
            self.upper.display(),
            self.work.display()
        );
        if userxattr {
            data.push_str(",userxattr");
        }
        data
    }

    /// Mounts a second view of a container's file system on `merged`
    /// (for `cp`, `export`, `mount`), with the kernel's overlay; beside a
    /// running container's own mount, which holds the upper directory,
    /// overlay's index must be off or the mount is refused.
    pub fn mount_view(&self, userxattr: bool, beside_running: bool) -> Result<(), String> {
        let mut data = self.kernel_options(userxattr);
        if beside_running {
            data.push_str(",index=off");
        }
        fs_err::create_dir_all(&self.merged)
            .map_err(crate::sys::without_path)
            .map_err(|e| format!("{}: {e}", self.merged.display()))?;
        nix::mount::mount(
            Some("overlay"),
            &self.merged,
            Some("overlay"),
            nix::mount::MsFlags::empty(),
            Some(data.as_str()),
        )
        .map_err(|e| format!("mounting the container's overlay: {e}"))
    }

    /// Mounts a view of a stopped container's file system on `merged`
    /// served by its mount program (fuse-overlayfs), for `cp` and
    /// `export`. Call it right after entering a mount namespace of one's
    /// own, with the one left as `outer` (the daemon runs there, and exits
    /// when the caller's namespace ends: see the `fuse` module). The
    /// caller must be single-threaded.
    pub fn mount_program_view(&self, outer: &std::os::fd::OwnedFd) -> Result<(), String> {
        fuse::mount_view(self, outer)
    }
}

/// How the container's standard streams connect to ours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stdio {
    /// `-i`: the container reads our stdin (else /dev/null).
    pub interactive: bool,
    /// `-t`: a pty in the container's devpts relayed to our terminal
    /// (also taken from `process.terminal` in the spec).
    pub tty: bool,
    /// Without `-t`: descriptors for the container's stdin, stdout and
    /// stderr (the caller keeps them open until [`start`] returns); our own
    /// stdio when `None`.
    pub fds: Option<[std::os::fd::RawFd; 3]>,
    /// `--preserve-fds`: our descriptors 3..3+N stay open in the container.
    pub preserve_fds: u32,
}

/// The signals the parent blocks while a container (or exec'd) process
/// runs, and relays to it or handles itself (SIGCHLD, SIGWINCH).
const RELAYED: &[Signal] = &[
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGWINCH,
    Signal::SIGCHLD,
];

fn sys_err(step: &'static str) -> impl Fn(Errno) -> Error {
    move |errno| Error::Sys { step, errno }
}

/// Mount options -> (flags, propagation, data, is_bind).
fn parse_mount_options(options: &[String]) -> (MsFlags, MsFlags, String, bool) {
    let mut flags = MsFlags::empty();
    let mut prop = MsFlags::empty();
    let mut data: Vec<&str> = Vec::new();
    let mut bind = false;
    for o in options {
        let (set, clear) = match o.as_str() {
            "ro" => (MsFlags::MS_RDONLY, MsFlags::empty()),
            "rw" => (MsFlags::empty(), MsFlags::MS_RDONLY),
            "nosuid" => (MsFlags::MS_NOSUID, MsFlags::empty()),
            "suid" => (MsFlags::empty(), MsFlags::MS_NOSUID),
            "nodev" => (MsFlags::MS_NODEV, MsFlags::empty()),
            "dev" => (MsFlags::empty(), MsFlags::MS_NODEV),
            "noexec" => (MsFlags::MS_NOEXEC, MsFlags::empty()),
            "exec" => (MsFlags::empty(), MsFlags::MS_NOEXEC),
            "sync" => (MsFlags::MS_SYNCHRONOUS, MsFlags::empty()),
            "async" => (MsFlags::empty(), MsFlags::MS_SYNCHRONOUS),
            "dirsync" => (MsFlags::MS_DIRSYNC, MsFlags::empty()),
            "noatime" => (MsFlags::MS_NOATIME, MsFlags::empty()),
            "nodiratime" => (MsFlags::MS_NODIRATIME, MsFlags::empty()),
            "relatime" => (MsFlags::MS_RELATIME, MsFlags::empty()),
            "strictatime" => (MsFlags::MS_STRICTATIME, MsFlags::empty()),
            "bind" => {
                bind = true;
                (MsFlags::MS_BIND, MsFlags::empty())
            }
            "rbind" => {
                bind = true;
                (MsFlags::MS_BIND | MsFlags::MS_REC, MsFlags::empty())
            }
            "private" => {
                prop = MsFlags::MS_PRIVATE;
                continue;
            }
            "rprivate" => {
                prop = MsFlags::MS_PRIVATE | MsFlags::MS_REC;
                continue;
            }
            "slave" => {
                prop = MsFlags::MS_SLAVE;
                continue;
            }
            "rslave" => {
                prop = MsFlags::MS_SLAVE | MsFlags::MS_REC;
                continue;
            }
            "shared" => {
                prop = MsFlags::MS_SHARED;
                continue;
            }
            "rshared" => {
                prop = MsFlags::MS_SHARED | MsFlags::MS_REC;
                continue;
            }
            "unbindable" => {
                prop = MsFlags::MS_UNBINDABLE;
                continue;
            }
            "runbindable" => {
                prop = MsFlags::MS_UNBINDABLE | MsFlags::MS_REC;
                continue;
            }
            // SELinux relabel and chown requests are handled above us;
            // tmpfs copy-up is a plan flag, not a mount option.
            "z" | "Z" | "U" | "tmpcopyup" | "notmpcopyup" => continue,
            other => {
                data.push(other);
                continue;
            }
        };
        flags |= set;
        flags &= !clear;
    }
    (flags, prop, data.join(","), bind)
}

fn cap_mask(caps: &Option<Capabilities>) -> u64 {
    let mut m = 0u64;
    for c in caps.iter().flatten() {
        if let Ok(serde_json::Value::String(name)) = serde_json::to_value(c) {
            if let Some(i) = crate::spec::ALL_CAPS.iter().position(|n| *n == name) {
                m |= 1 << i;
            }
        }
    }
    m
}

/// Our bounding set (all bits when it cannot be read).
fn own_bounding_set() -> u64 {
    fs_err::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapBnd:"))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        })
        .unwrap_or(u64::MAX)
}

fn resource(t: PosixRlimitType) -> Option<Resource> {
    Some(match t {
        PosixRlimitType::RlimitCpu => Resource::RLIMIT_CPU,
        PosixRlimitType::RlimitFsize => Resource::RLIMIT_FSIZE,
        PosixRlimitType::RlimitData => Resource::RLIMIT_DATA,
        PosixRlimitType::RlimitStack => Resource::RLIMIT_STACK,
        PosixRlimitType::RlimitCore => Resource::RLIMIT_CORE,
        PosixRlimitType::RlimitRss => Resource::RLIMIT_RSS,
        PosixRlimitType::RlimitNproc => Resource::RLIMIT_NPROC,
        PosixRlimitType::RlimitNofile => Resource::RLIMIT_NOFILE,
        PosixRlimitType::RlimitMemlock => Resource::RLIMIT_MEMLOCK,
        PosixRlimitType::RlimitAs => Resource::RLIMIT_AS,
        PosixRlimitType::RlimitLocks => Resource::RLIMIT_LOCKS,
        PosixRlimitType::RlimitSigpending => Resource::RLIMIT_SIGPENDING,
        PosixRlimitType::RlimitMsgqueue => Resource::RLIMIT_MSGQUEUE,
        PosixRlimitType::RlimitNice => Resource::RLIMIT_NICE,
        PosixRlimitType::RlimitRtprio => Resource::RLIMIT_RTPRIO,
        PosixRlimitType::RlimitRttime => Resource::RLIMIT_RTTIME,
    })
}

fn cstrings(v: &[String], what: &str) -> Result<Vec<CString>, Error> {
    v.iter()
        .map(|s| {
            CString::new(s.as_bytes())
                .map_err(|_| Error::InvalidSpec(format!("{what} contains a NUL byte: {s:?}")))
        })
        .collect()
}

/// An existing namespace the container joins (one with a path in the spec).
#[derive(Debug, Clone, PartialEq, Eq)]
struct JoinPath {
    /// `user`, `net`, ... for messages.
    name: &'static str,
    /// Its `CLONE_NEW*` flag, for `setns`.
    flag: libc::c_int,
    /// The namespace file (`/proc/PID/ns/net`, `/run/netns/NAME`).
    path: PathBuf,
}

/// The spec's namespaces: the `CLONE_NEW*` flags of those to create, and
/// those to join (with a path), the user namespace first.
fn namespace_plan(spec: &Spec) -> Result<(libc::c_int, Vec<JoinPath>), Error> {
    let mut flags = 0;
    let mut joins = Vec::new();
    let all = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for n in &all {
        let (flag, name) = match n.typ() {
            LinuxNamespaceType::User => (libc::CLONE_NEWUSER, "user"),
            LinuxNamespaceType::Mount => (libc::CLONE_NEWNS, "mount"),
            LinuxNamespaceType::Pid => (libc::CLONE_NEWPID, "pid"),
            LinuxNamespaceType::Uts => (libc::CLONE_NEWUTS, "uts"),
            LinuxNamespaceType::Ipc => (libc::CLONE_NEWIPC, "ipc"),
            LinuxNamespaceType::Network => (libc::CLONE_NEWNET, "network"),
            LinuxNamespaceType::Cgroup => (libc::CLONE_NEWCGROUP, "cgroup"),
            _ => continue,
        };
        match n.path() {
            None => flags |= flag,
            // The container's root file system is mounted in a mount
            // namespace of its own; another one has none of its mounts.
            Some(_) if flag == libc::CLONE_NEWNS => {
                return Err(Error::InvalidSpec(
                    "joining an existing mount namespace is not supported".into(),
                ))
            }
            Some(path) => joins.push(JoinPath {
                name,
                flag,
                path: path.clone(),
            }),
        }
    }
    // setns into a user namespace first: it grants the capabilities the
    // other joins (and the new namespaces) need.
    joins.sort_by_key(|j| j.flag != libc::CLONE_NEWUSER);
    Ok((flags, joins))
}

/// fuse-overlayfs from `$PATH` (for a container whose maps differ from
/// the layers').
pub fn find_fuse_overlayfs() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|d| d.join("fuse-overlayfs"))
        .find(|p| p.is_file())
}

/// How the child mounts an overlay root: the kernel's options, or a FUSE
/// mount with the daemon the parent starts for it.
fn overlay_mount(
    o: &Overlay,
    userns: bool,
    spec: &Spec,
) -> Result<(RootMount, Option<fuse::Daemon>), Error> {
    if o.lower.is_empty() {
        return Err(Error::NoLayers);
    }
    let mut data = o.kernel_options(false);
    // A container whose maps differ from the layers' gets the layers
    // through fuse-overlayfs run under the layers' own mapping.
    let shifted = match &o.storage_maps {
        Some((su, sg)) if userns => {
            let (cu, cg) = id_maps(spec);
            (cu != *su || cg != *sg).then(|| crate::userns::IdMappings {
                uids: su.clone(),
                gids: sg.clone(),
            })
        }
        _ => None,
    };
    let program = match (&o.mount_program, &shifted) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(_)) => find_fuse_overlayfs(),
        (None, None) => None,
    };
    if let Some(program) = &program {
        if o.volatile {
            data.push_str(",volatile");
        }
        return Ok((
            RootMount::Fuse,
            Some(fuse::Daemon {
                program: program.clone(),
                options: data,
                userns: match shifted {
                    None => fuse::DaemonNs::Container,
                    // Rootful, the host's ids are the layers'.
                    Some(m) if m.uids.first().is_some_and(|u| u.size == u32::MAX) => {
                        fuse::DaemonNs::Caller
                    }
                    Some(m) => fuse::DaemonNs::Own(m),
                },
            }),
        ));
    }
    if userns {
        data.push_str(",userxattr");
    }
    if o.volatile {
        data.push_str(",volatile");
    }
    if data.len() >= 4096 {
        return Err(Error::InvalidSpec(format!(
            "overlay options are {} bytes, over the kernel's page limit (too many layers)",
            data.len()
        )));
    }
    Ok((RootMount::Overlay(data), None))
}

/// Compute everything the child will need, before cloning it: the plan,
/// the `CLONE_NEW*` flags, and the namespaces to join.
fn make_plan(
    spec: &Spec,
    rootfs: &Rootfs,
    io: &Stdio,
) -> Result<(Plan, libc::c_int, Vec<JoinPath>), Error> {
    let process = spec
        .process()
        .as_ref()
        .ok_or_else(|| Error::InvalidSpec("no process".into()))?;
    let linux = spec.linux().as_ref();
    let (flags, joins) = namespace_plan(spec)?;
    if flags & libc::CLONE_NEWNS == 0 {
        return Err(Error::InvalidSpec("a mount namespace is required".into()));
    }
    // In a user namespace, new or joined: overlay needs `userxattr`, /dev
    // nodes are bound from the host, and the child becomes its root.
    let userns =
        flags & libc::CLONE_NEWUSER != 0 || joins.iter().any(|j| j.flag == libc::CLONE_NEWUSER);

    let merged = rootfs.root().to_path_buf();
    let (root_mount, fuse) = match rootfs {
        Rootfs::Overlay(o) => overlay_mount(o, userns, spec)?,
        Rootfs::Dir(_) => (RootMount::Bind, None),
    };

    let copy_up: Vec<&str> = spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(crate::spec::COPY_UP_ANNOTATION))
        .map(|v| v.lines().collect())
        .unwrap_or_default();
    let mut mounts = Vec::new();
    for m in spec.mounts().iter().flatten() {
        let dest = m.destination().to_string_lossy().into_owned();
        if !dest.starts_with('/') {
            return Err(Error::InvalidSpec(format!(
                "mount destination {dest:?} is not absolute"
            )));
        }
        let options = m.options().clone().unwrap_or_default();
        let (mflags, propagation, data, bind_opt) = parse_mount_options(&options);
        let bind = bind_opt || m.typ().as_deref() == Some("bind");
        let mut source_is_file = false;
        let mut copy_up_now = false;
        if bind {
            let src = m
                .source()
                .as_ref()
                .ok_or_else(|| Error::InvalidSpec(format!("bind mount {dest} has no source")))?;
            let md = fs_err::metadata(src).map_err(|source| Error::BindSource {
                path: src.clone(),
                source,
            })?;
            source_is_file = !md.is_dir();
            // Copy-up only into a volume that is still empty.
            copy_up_now = !source_is_file
                && copy_up.contains(&dest.as_str())
                && fs_err::read_dir(src).is_ok_and(|mut d| d.next().is_none());
        }
        if !bind && m.typ().as_deref() == Some("tmpfs") {
            copy_up_now = options.iter().any(|o| o == "tmpcopyup");
        }
        mounts.push(PlannedMount {
            source: m.source().clone(),
            destination: dest,
            fstype: if bind { None } else { m.typ().clone() },
            flags: mflags,
            data,
            bind,
            source_is_file,
            propagation,
            copy_up: copy_up_now,
        });
    }

    let init = spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(crate::spec::INIT_ANNOTATION))
        .is_some_and(|v| v == "true");

    let pause = spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(crate::spec::generate::PAUSE_ANNOTATION))
        .is_some_and(|v| v == "true");

    // Rootless, a new user namespace that leaves out our own ids.
    let late_root = flags & libc::CLONE_NEWUSER != 0 && !nix::unistd::geteuid().is_root() && {
        let (uids, gids) = id_maps(spec);
        let has = |maps: &[IdMap], id: u32| {
            maps.iter().any(|m| {
                id >= m.host_id && u64::from(id) < u64::from(m.host_id) + u64::from(m.size)
            })
        };
        !(has(&uids, nix::unistd::geteuid().as_raw())
            && has(&gids, nix::unistd::getegid().as_raw()))
    };
    let plan = Plan {
        userns,
        late_root,
        new_netns: flags & libc::CLONE_NEWNET != 0,
        merged,
        root_mount,
        fuse,
        mounts,
        masked: linux
            .and_then(|l| l.masked_paths().clone())
            .unwrap_or_default(),
        readonly: linux
            .and_then(|l| l.readonly_paths().clone())
            .unwrap_or_default(),
        readonly_root: spec
            .root()
            .as_ref()
            .and_then(|r| r.readonly())
            .unwrap_or(false),
        copy_up_hold: std::env::var_os("RPOD_TEST_COPY_UP_HOLD").map(PathBuf::from),
        hostname: if flags & libc::CLONE_NEWUTS != 0 {
            spec.hostname().clone()
        } else {
            None
        },
        etc_mtab: spec
            .annotations()
            .as_ref()
            .is_some_and(|a| a.contains_key(crate::spec::ETC_MTAB_ANNOTATION)),
        sysctls: sysctls(linux)?,
        keep_groups: spec
            .annotations()
            .as_ref()
            .and_then(|a| a.get(crate::spec::generate::KEEP_GROUPS_ANNOTATION))
            .is_some_and(|v| v == "1" || v == "true"),
        devices: devices(linux)?,
        init,
        pause,
        workdir_must_exist: spec
            .annotations()
            .as_ref()
            .and_then(|a| a.get(crate::spec::WORKDIR_GIVEN_ANNOTATION))
            .is_some_and(|v| v == "true"),
        ..process_plan(process, linux.and_then(|l| l.seccomp().as_ref()), io)?
    };
    Ok((plan, flags, joins))
}

/// The spec's `linux.devices`, below the root; a path outside /dev is refused.
fn devices(linux: Option<&oci_spec::runtime::Linux>) -> Result<Vec<child::PlannedDevice>, Error> {
    use nix::sys::stat::SFlag;
    use oci_spec::runtime::LinuxDeviceType;
    let mut out = Vec::new();
    for d in linux
        .and_then(|l| l.devices().as_ref())
        .into_iter()
        .flatten()
    {
        let path = d.path();
        let rel = path.strip_prefix("/dev").ok().filter(|r| {
            !r.as_os_str().is_empty()
                && r.components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
        });
        let Some(rel) = rel else {
            return Err(Error::InvalidSpec(format!(
                "linux.devices: {} is not a path under /dev",
                path.display()
            )));
        };
        let kind = match d.typ() {
            LinuxDeviceType::B => SFlag::S_IFBLK,
            LinuxDeviceType::C | LinuxDeviceType::U => SFlag::S_IFCHR,
            t => {
                return Err(Error::InvalidSpec(format!(
                    "linux.devices: {}: type {t:?} is not supported",
                    path.display()
                )))
            }
        };
        let num = |v: i64| u64::try_from(v).unwrap_or(0);
        out.push(child::PlannedDevice {
            path: Path::new("dev").join(rel),
            kind,
            rdev: nix::sys::stat::makedev(num(d.major()), num(d.minor())),
            mode: d.file_mode().unwrap_or(0o666) & 0o7777,
            uid: d.uid().unwrap_or(0),
            gid: d.gid().unwrap_or(0),
        });
    }
    Ok(out)
}

/// The spec's `linux.sysctl` as `/proc/sys` files, in a stable order; a
/// key that could name a file outside `/proc/sys` is refused.
fn sysctls(linux: Option<&oci_spec::runtime::Linux>) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for (k, v) in linux
        .and_then(|l| l.sysctl().as_ref())
        .into_iter()
        .flatten()
    {
        let s: crate::spec::Sysctl = format!("{k}={v}")
            .parse()
            .map_err(|e| Error::InvalidSpec(format!("linux.sysctl {k}: {e}")))?;
        out.push((s.proc_path(), s.value));
    }
    out.sort();
    Ok(out)
}

/// The process half of a [`Plan`] (user, capabilities, environment,
/// command, rlimits, terminal, seccomp), with the file-system half empty:
/// `exec` uses it as it is, `run` fills in the rest.
fn process_plan(
    process: &oci_spec::runtime::Process,
    seccomp_profile: Option<&oci_spec::runtime::LinuxSeccomp>,
    io: &Stdio,
) -> Result<Plan, Error> {
    let user = process.user();
    let caps = process.capabilities().as_ref();
    // We cannot grant what our own bounding set lacks (e.g. a rootful rpod
    // inside a restricted container): --privileged means "all we have".
    let ours = own_bounding_set();
    let env = process.env().clone().unwrap_or_default();
    let args = process.args().clone().unwrap_or_default();
    if args.is_empty() {
        return Err(Error::InvalidSpec("process.args is empty".into()));
    }
    // -1 (4294967295) is "unchanged" to setresuid/setresgid/setgroups: the
    // process would stay root. The spec layer refuses these first.
    let ids = [user.uid(), user.gid()]
        .into_iter()
        .chain(user.additional_gids().iter().flatten().copied());
    for id in ids {
        if id > crate::spec::MAX_ID {
            return Err(Error::InvalidSpec(format!(
                "process.user: id {id} is out of range: uids and gids must be in range 0-{}",
                crate::spec::MAX_ID
            )));
        }
    }
    Ok(Plan {
        userns: false,
        late_root: false,
        new_netns: false,
        merged: PathBuf::from("/"),
        root_mount: RootMount::Bind,
        fuse: None,
        mounts: Vec::new(),
        masked: Vec::new(),
        readonly: Vec::new(),
        readonly_root: false,
        copy_up_hold: None,
        hostname: None,
        etc_mtab: false,
        sysctls: Vec::new(),
        devices: Vec::new(),
        rlimits: process
            .rlimits()
            .iter()
            .flatten()
            .filter_map(|r| resource(r.typ()).map(|res| (res, r.soft(), r.hard())))
            .collect(),
        uid: user.uid(),
        gid: user.gid(),
        additional_gids: user.additional_gids().clone().unwrap_or_default(),
        keep_groups: false,
        umask: user.umask(),
        cwd: process.cwd().clone(),
        workdir_must_exist: false,
        bounding: caps.map_or(0, |c| cap_mask(c.bounding())) & ours,
        effective: caps.map_or(0, |c| cap_mask(c.effective())) & ours,
        permitted: caps.map_or(0, |c| cap_mask(c.permitted())) & ours,
        inheritable: caps.map_or(0, |c| cap_mask(c.inheritable())) & ours,
        ambient: caps.map_or(0, |c| cap_mask(c.ambient())) & ours,
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        terminal: io.tty || process.terminal().unwrap_or(false),
        stdin_null: !io.interactive,
        stdio: io.fds,
        preserve_fds: io.preserve_fds,
        init: false,
        pause: false,
        args: cstrings(&args, "process.args")?,
        env: cstrings(&env, "process.env")?,
        old_sigmask: SigSet::empty(),
        seccomp: match seccomp_profile {
            Some(profile) => seccomp::compile(profile)?,
            None => seccomp::Compiled::default(),
        },
    })
}

fn id_maps(spec: &Spec) -> (Vec<IdMap>, Vec<IdMap>) {
    let conv = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| {
        v.map(|v| {
            v.iter()
                .map(|m| IdMap {
                    container_id: m.container_id(),
                    host_id: m.host_id(),
                    size: m.size(),
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let linux = spec.linux().as_ref();
    (
        conv(linux.and_then(|l| l.uid_mappings().as_ref())),
        conv(linux.and_then(|l| l.gid_mappings().as_ref())),
    )
}

/// Restores the signal mask and kills the child unless disarmed.
struct ParentGuard {
    old_mask: SigSet,
    child: Option<Pid>,
}

impl ParentGuard {
    /// Blocks the [`RELAYED`] signals (the child gets the previous mask
    /// through `plan`) until the guard is dropped; returns the blocked set
    /// (for a signalfd) and the guard.
    fn block_relayed(plan: &mut Plan) -> Result<(SigSet, ParentGuard), Error> {
        let mut mask = SigSet::empty();
        for s in RELAYED {
            mask.add(*s);
        }
        let mut old_mask = SigSet::empty();
        nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&mask), Some(&mut old_mask))
            .map_err(sys_err("blocking signals"))?;
        plan.old_sigmask = old_mask;
        Ok((
            mask,
            ParentGuard {
                old_mask,
                child: None,
            },
        ))
    }
}

impl Drop for ParentGuard {
    fn drop(&mut self) {
        if let Some(pid) = self.child.take() {
            let _ = kill(pid, Signal::SIGKILL);
            let _ = waitpid(pid, None);
        }
        let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&self.old_mask), None);
    }
}

fn status_code(ws: WaitStatus) -> Option<u8> {
    match ws {
        WaitStatus::Exited(_, c) => Some(c as u8),
        WaitStatus::Signaled(_, s, _) => Some(128u8.wrapping_add(s as u8)),
        _ => None,
    }
}

/// A container process that has been created and has exec'd its command.
///
/// Dropping it kills the process (unless it was reaped through
/// [`Started::wait`] or released with [`Started::release`]) and restores
/// the signal mask.
pub struct Started {
    pid: Pid,
    master: Option<std::os::fd::OwnedFd>,
    mask: SigSet,
    guard: ParentGuard,
}

impl Started {
    /// The container's PID 1, as seen from the host.
    pub fn pid(&self) -> i32 {
        self.pid.as_raw()
    }

    /// The pty master (`-t`), for whoever relays the terminal.
    pub fn take_master(&mut self) -> Option<std::os::fd::OwnedFd> {
        self.master.take()
    }

    /// The signals blocked while the container runs (for a signalfd).
    pub fn signals(&self) -> &SigSet {
        &self.mask
    }

    /// Non-blocking reap: the exit code (128+N for signal N) once it exited.
    pub fn try_wait(&mut self) -> Result<Option<u8>, Error> {
        let r = reap(self.pid)?;
        if r.is_some() {
            self.guard.child = None;
        }
        Ok(r)
    }

    /// Forgets the process: it is not killed when this value is dropped.
    pub fn release(mut self) {
        self.guard.child = None;
    }

    /// Relays the terminal (or lets the container use our stdio), forwards
    /// SIGINT, SIGTERM, SIGHUP and SIGQUIT, and returns the exit code.
    pub fn wait(mut self, io: Stdio) -> Result<u8, Error> {
        let sfd = SignalFd::with_flags(&self.mask, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
            .map_err(sys_err("creating the signal fd"))?;
        let pid = self.pid;
        let mut relay = self
            .master
            .take()
            .map(|m| pty::Relay::new(m, io.interactive));
        let code = loop {
            if let Some(code) = reap(pid)? {
                break code;
            }
            let mut fds = vec![PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
            if let Some(r) = &relay {
                r.poll_fds(&mut fds);
            }
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) | Err(Errno::EINTR) => {}
                Err(e) => return Err(sys_err("waiting for the container")(e)),
            }
            let revents: Vec<PollFlags> = fds
                .iter()
                .map(|f| f.revents().unwrap_or(PollFlags::empty()))
                .collect();
            drop(fds);
            if let Some(r) = &mut relay {
                r.handle(&revents[1..]);
            }
            while let Ok(Some(info)) = sfd.read_signal() {
                let Ok(sig) = Signal::try_from(info.ssi_signo as i32) else {
                    continue;
                };
                match sig {
                    Signal::SIGCHLD => {}
                    Signal::SIGWINCH => {
                        if let Some(r) = &relay {
                            r.resize();
                        }
                    }
                    other => {
                        let _ = kill(pid, other);
                    }
                }
            }
        };
        self.guard.child = None;
        if let Some(r) = &mut relay {
            r.drain();
        }
        drop(relay);
        Ok(code)
    }
}

/// Checks that a seccomp profile compiles, so that `create` refuses what
/// `start` could not install.
pub fn check_seccomp(profile: &oci_spec::runtime::LinuxSeccomp) -> Result<(), Error> {
    seccomp::compile(profile).map(drop)
}

/// Run the container in the foreground and return its exit code
/// (128+N when killed by signal N).
///
/// The calling process must be single-threaded. SIGINT, SIGTERM and SIGHUP
/// received meanwhile are forwarded to the container's PID 1.
pub fn run(spec: &Spec, rootfs: &Rootfs, io: Stdio) -> Result<u8, Error> {
    start(spec, rootfs, io, &mut |_| Ok(()))?.wait(io)
}

/// Creates the container process and returns once its command was exec'd
/// (or with the error that prevented it). `created` runs after the id maps
/// are written and before the process is released, with its host pid: the
/// place to attach a network helper to its namespaces.
///
/// The calling process must be single-threaded. SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT, SIGWINCH and SIGCHLD stay blocked until the [`Started`] value
/// is dropped, so that its owner can read them from a signalfd.
pub fn start(
    spec: &Spec,
    rootfs: &Rootfs,
    io: Stdio,
    created: &mut dyn FnMut(i32) -> Result<(), Error>,
) -> Result<Started, Error> {
    let (mut plan, flags, joins) = make_plan(spec, rootfs, &io)?;
    let flags = CloneFlags::from_bits_retain(flags);
    // Opened now: the namespaces stay the ones named even if the processes
    // they were found through exit meanwhile.
    let joins = open_joins(&joins)?;
    let new_userns = flags.contains(CloneFlags::CLONE_NEWUSER);
    let (uids, gids) = id_maps(spec);
    let (chan, child_end) = message::channel()?;
    let (init_r, init_w) =
        crate::sys::fs::pipe().map_err(sys_err("creating rpod-init's report pipe"))?;
    let fds = ChildFds {
        chan: child_end,
        init_report: init_w,
        entry: entry::image()?,
    };

    let (mask, mut guard) = ParentGuard::block_relayed(&mut plan)?;

    let pid = if joins.is_empty() {
        let pid = clone_then(flags, || child::run(&plan, &fds))
            .map_err(sys_err("cloning the container process"))?;
        drop(fds);
        pid
    } else {
        // A helper process joins the namespaces (setns changes the caller
        // for good) and clones the container as our child (CLONE_PARENT),
        // as `exec` does.
        let helper = fork_then(|| child::join_then_run(&plan, flags, &joins, &fds))
            .map_err(sys_err("forking to join namespaces"))?;
        drop(fds);
        let cloned = message::cloned_pid(&chan);
        let _ = crate::sys::process::wait(helper);
        match cloned? {
            Some(pid) => Pid::from_raw(pid),
            None => {
                return Err(Error::Container {
                    code: 125,
                    message: "joining namespaces: the helper process died".into(),
                })
            }
        }
    };
    guard.child = Some(pid);
    drop(joins);

    if new_userns {
        let pid_u32 = u32::try_from(pid.as_raw()).expect("child pids are positive");
        // Inside a user namespace already (rpod's own, as build's RUN
        // steps are), the maps are ids of that namespace, written directly.
        let written = if userns::in_user_namespace() {
            userns::write_maps_direct(pid_u32, &uids, &gids)
        } else {
            userns::write_maps(pid_u32, &uids, &gids)
        };
        written.map_err(|e| match e {
            userns::Error::IdMapTool { tool, message } => Error::IdMap { tool, message },
            other => Error::IdMap {
                tool: "newuidmap",
                message: other.to_string(),
            },
        })?;
    }
    if let Some(adj) = spec.process().as_ref().and_then(|p| p.oom_score_adj()) {
        set_oom_score_adj(pid.as_raw(), adj)?;
    }
    created(pid.as_raw())?;
    chan.send(&message::FromParent::Proceed)
        .map_err(|_| sys_err("releasing the container process")(Errno::EPIPE))?;

    let outcome = message::until_exec(&chan, init_r, |dev| match &plan.fuse {
        Some(daemon) => fuse::spawn(daemon, pid, plan.userns, dev, &plan.old_sigmask),
        None => Err("the container sent a FUSE connection nobody asked for".into()),
    });
    match outcome {
        Ok(master) => Ok(Started {
            pid,
            master,
            mask,
            guard,
        }),
        Err(e) => {
            guard.child = None;
            let _ = crate::sys::process::wait(pid);
            Err(e)
        }
    }
}

/// Sets `process.oomScoreAdj` on the container's first process (its
/// children inherit it). Lowering it needs privilege: rootless, only a
/// value at least the current one can be set.
fn set_oom_score_adj(pid: i32, adj: i32) -> Result<(), Error> {
    let path = PathBuf::from(format!("/proc/{pid}/oom_score_adj"));
    fs_err::write(&path, adj.to_string())
        .map_err(crate::sys::without_path)
        .map_err(|e| Error::Container {
            code: 125,
            message: format!(
                "--oom-score-adj {adj}: writing {}: {e}{}",
                path.display(),
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    " (lowering the OOM score needs root: give a value at least the current one)"
                } else {
                    ""
                }
            ),
        })
}

/// Opens the namespace files to join, in order.
fn open_joins(joins: &[JoinPath]) -> Result<Vec<child::Join>, Error> {
    joins
        .iter()
        .map(|j| {
            let file = fs_err::File::open(&j.path)
                .map_err(|source| Error::JoinNamespace {
                    name: j.name,
                    path: j.path.clone(),
                    source,
                })?
                .into_file();
            Ok(child::Join {
                name: j.name,
                flag: nix::sched::CloneFlags::from_bits_retain(j.flag),
                file,
            })
        })
        .collect()
}

fn reap(pid: Pid) -> Result<Option<u8>, Error> {
    match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
        Ok(ws) => Ok(status_code(ws)),
        Err(Errno::EINTR) => Ok(None),
        Err(e) => Err(sys_err("waiting for the container")(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_options() {
        let o: Vec<String> = ["rbind", "ro", "nosuid", "mode=755", "rprivate", "z"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (f, p, d, b) = parse_mount_options(&o);
        assert!(b);
        assert!(f.contains(
            MsFlags::MS_BIND | MsFlags::MS_REC | MsFlags::MS_RDONLY | MsFlags::MS_NOSUID
        ));
        assert_eq!(p, MsFlags::MS_PRIVATE | MsFlags::MS_REC);
        assert_eq!(d, "mode=755");
    }

    #[test]
    fn caps_to_mask() {
        let set: Capabilities = crate::spec::CapSet::defaults().to_oci();
        // podman's default set: CapEff 00000000800405fb
        assert_eq!(cap_mask(&Some(set)), 0x8004_05fb);
    }

    #[test]
    fn namespaces_with_a_path_are_joined_user_first() {
        let mut spec = crate::spec::generate::sample(true);
        let (flags, joins) = namespace_plan(&spec).unwrap();
        assert!(joins.is_empty());
        assert_ne!(flags & libc::CLONE_NEWNET, 0);
        assert_ne!(flags & libc::CLONE_NEWUSER, 0);
        let net = std::path::Path::new("/proc/7/ns/net");
        let user = std::path::Path::new("/proc/7/ns/user");
        crate::spec::join_namespace(&mut spec, LinuxNamespaceType::Network, net).unwrap();
        crate::spec::join_namespace(&mut spec, LinuxNamespaceType::User, user).unwrap();
        let (flags, joins) = namespace_plan(&spec).unwrap();
        assert_eq!(flags & (libc::CLONE_NEWNET | libc::CLONE_NEWUSER), 0);
        assert_ne!(flags & libc::CLONE_NEWNS, 0, "the rest are still created");
        let got: Vec<(&str, &std::path::Path)> =
            joins.iter().map(|j| (j.name, j.path.as_path())).collect();
        assert_eq!(got, vec![("user", user), ("network", net)]);
        crate::spec::join_namespace(&mut spec, LinuxNamespaceType::Mount, net).unwrap();
        assert!(matches!(namespace_plan(&spec), Err(Error::InvalidSpec(_))));
    }

    #[test]
    fn exit_codes() {
        let pid = Pid::from_raw(1);
        assert_eq!(status_code(WaitStatus::Exited(pid, 42)), Some(42));
        assert_eq!(
            status_code(WaitStatus::Signaled(pid, Signal::SIGTERM, false)),
            Some(143)
        );
    }
}
