//! Builds the OCI runtime spec for `rpod run` from the image's config and the
//! user's run options, following Docker's override rules and podman's
//! defaults (capabilities, masked and read-only paths, default mounts).
//!
//! This module only computes data; it never mounts or executes anything. Its
//! file-system accesses are reading the image's `/etc/passwd` and
//! `/etc/group` (through the layer directories) to resolve `--user` names,
//! reading a `--security-opt seccomp=FILE` profile, and [`write_etc`], which
//! writes the generated `/etc` files.

mod exec;
mod seccomp_profile;
mod security_opt;
mod ulimit;

use std::fs;
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capabilities, Capability, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxIdMappingBuilder,
    LinuxNamespaceBuilder, LinuxNamespaceType, LinuxSeccomp, Mount, MountBuilder,
    PosixRlimitBuilder, PosixRlimitType, ProcessBuilder, RootBuilder, Spec, SpecBuilder,
    UserBuilder,
};

/// Errors building a runtime spec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The container has nothing to run.
    #[error("no command specified: give one after the image name or use --entrypoint")]
    NoCommand,
    /// A `--user` name is not in the container's passwd or group file.
    #[error("unable to find user {user}: no matching entries in the container's {file}")]
    UnknownUser {
        /// The name asked for.
        user: String,
        /// `/etc/passwd` or `/etc/group`.
        file: &'static str,
    },
    /// A uid or gid outside 0..=2147483647 (4294967295 is -1 to the
    /// kernel: "leave unchanged", which would keep the container root).
    #[error("invalid user {user:?}: {what} {id} is out of range: uids and gids must be in range 0-{max}", max = MAX_ID)]
    IdOutOfRange {
        /// The `--user` value (or the image's `User`).
        user: String,
        /// `uid` or `gid`.
        what: &'static str,
        /// The number as written.
        id: String,
    },
    /// A capability name is not known.
    #[error("unknown capability {0:?}: use names such as NET_ADMIN or CAP_NET_ADMIN")]
    UnknownCapability(String),
    /// A tmpfs or bind destination is not absolute.
    #[error("invalid mount destination {0:?}: must be an absolute path")]
    RelativeDestination(String),
    /// An environment entry has no name.
    #[error("invalid environment variable {0:?}")]
    InvalidEnv(String),
    /// oci-spec refused a value.
    #[error("building the runtime spec: {0}")]
    Oci(#[from] oci_spec::OciSpecError),
    /// A seccomp profile file cannot be read.
    #[error(
        "reading seccomp profile {path}: {source}: check the path given to --security-opt seccomp="
    )]
    SeccompProfileRead {
        /// The profile file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file read for the container (a seccomp profile, the image's
    /// /etc/passwd) is too large or not a regular file.
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
    /// A seccomp profile is malformed or asks for something unsupported.
    #[error("seccomp profile {path}: {message}")]
    SeccompProfile {
        /// The profile file.
        path: PathBuf,
        /// What is wrong, naming the entry.
        message: String,
    },
    /// A `--security-opt` value is not understood.
    #[error("--security-opt {opt:?}: {message}")]
    SecurityOpt {
        /// The value as given.
        opt: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// A `--ulimit` (or `default_ulimits`) value is not understood.
    #[error("invalid ulimit {spec:?}: {message}")]
    Ulimit {
        /// The value as given.
        spec: String,
        /// What is wrong.
        message: String,
    },
    /// A hard limit above rpod's own, which it cannot raise.
    #[error("ulimit {name}: the hard limit {requested} is above the current hard limit {current}, which cannot be raised without CAP_SYS_RESOURCE (never held rootless): use at most {current}, or raise the calling shell's limit first")]
    UlimitAboveHard {
        /// podman's name for the limit (`nofile`).
        name: &'static str,
        /// The hard limit asked for.
        requested: String,
        /// Our current hard limit.
        current: String,
    },
    /// Writing a generated /etc file failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

pub use exec::{
    exec_process, init_ids, parse_environ, to_container_id, ExecOptions, ExecSeccomp, InitState,
};
pub use seccomp_profile::{Host, SeccompProfile};
pub use security_opt::{apply_security_opt, SECURITY_OPT_FORMS};
pub use ulimit::{display_limit, Ulimit, UNLIMITED};

/// Result with this module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The container's network mode as far as the spec is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Network {
    /// A private network namespace with only `lo`, brought up.
    #[default]
    None,
    /// The host's network namespace.
    Host,
}

/// Which seccomp filter the container gets (`--security-opt seccomp=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompPolicy {
    /// Podman's default profile for the container's capabilities (none with `--privileged`).
    #[default]
    Default,
    /// `seccomp=unconfined`: no filter.
    Unconfined,
    /// `seccomp=FILE`: a profile read at create time (applied even with `--privileged`).
    Profile(SeccompProfile),
}

/// One `-v`/`--mount type=bind` bind mount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// Host path.
    pub source: PathBuf,
    /// Path in the container.
    pub destination: PathBuf,
    /// Mounted read-only.
    pub read_only: bool,
    /// While the source directory is empty, the image's content at the
    /// destination is first copied into it (volumes, as podman's copy-up).
    pub copy_up: bool,
}

/// What the image's config says about running it (the OCI image config).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageDefaults {
    /// `Env`: `NAME=value` entries.
    pub env: Vec<String>,
    /// `Entrypoint`.
    pub entrypoint: Vec<String>,
    /// `Cmd`.
    pub cmd: Vec<String>,
    /// `WorkingDir` (empty means `/`).
    pub working_dir: String,
    /// `User` (empty means root).
    pub user: String,
}

/// The user's `rpod run` options that shape the spec.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Arguments after the image name (replace the image's `Cmd`).
    pub command: Vec<String>,
    /// `--entrypoint`: `Some("")` clears the image's entrypoint.
    pub entrypoint: Option<String>,
    /// `-e` and `--env-file` entries, already parsed (`NAME=value`).
    pub env: Vec<String>,
    /// `-w`.
    pub workdir: Option<String>,
    /// `-u user[:group]`, names or numbers.
    pub user: Option<String>,
    /// `--hostname` (defaults to the container id's first 12 characters).
    pub hostname: Option<String>,
    /// `--read-only`.
    pub read_only: bool,
    /// `--tmpfs` destinations (with optional `:options`).
    pub tmpfs: Vec<String>,
    /// `-v` bind mounts.
    pub binds: Vec<Bind>,
    /// `--cap-add` (names, with or without `CAP_`, or `ALL`).
    pub cap_add: Vec<String>,
    /// `--cap-drop` (names, with or without `CAP_`, or `ALL`).
    pub cap_drop: Vec<String>,
    /// `--privileged`.
    pub privileged: bool,
    /// `--security-opt no-new-privileges`.
    pub no_new_privileges: bool,
    /// `--security-opt seccomp=`.
    pub seccomp: SeccompPolicy,
    /// `--security-opt mask=`: more paths to hide.
    pub mask: Vec<String>,
    /// `--security-opt unmask=`: default masked or read-only paths to leave
    /// alone (`ALL`, or paths where `*` matches within one component).
    pub unmask: Vec<String>,
    /// `--ulimit` (after containers.conf `default_ulimits`); later entries win.
    pub ulimits: Vec<Ulimit>,
    /// `--network`.
    pub network: Network,
    /// `--init`.
    pub init: bool,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// Uid mappings `(container, host, size)`; empty for rootful.
    pub uid_map: Vec<(u32, u32, u32)>,
    /// Gid mappings `(container, host, size)`; empty for rootful.
    pub gid_map: Vec<(u32, u32, u32)>,
    /// Running rootless (through a user namespace).
    pub rootless: bool,
    /// The image's layer directories, top first, to look up `--user` names.
    pub layers: Vec<PathBuf>,
}

/// Podman's default capability set (containers.conf `default_capabilities`).
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// Every capability the kernel knows, indexed by its number.
pub const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// Podman's default masked paths (hidden behind /dev/null or an empty tmpfs).
pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
    "/proc/interrupts",
];

/// Podman's default read-only paths.
pub const READONLY_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Canonical `CAP_X` name for a user-given capability name.
pub fn canonical_cap(name: &str) -> Result<String> {
    let upper = name.trim().to_ascii_uppercase();
    let full = if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    };
    if ALL_CAPS.contains(&full.as_str()) {
        Ok(full)
    } else {
        Err(Error::UnknownCapability(name.to_string()))
    }
}

/// The capability set after applying `--privileged`, `--cap-drop` and `--cap-add`.
pub fn capability_names(opts: &RunOptions) -> Result<Vec<String>> {
    let mut caps: Vec<String> = if opts.privileged {
        ALL_CAPS.iter().map(|s| s.to_string()).collect()
    } else {
        DEFAULT_CAPS.iter().map(|s| s.to_string()).collect()
    };
    for d in &opts.cap_drop {
        if d.eq_ignore_ascii_case("all") {
            caps.clear();
        } else {
            let c = canonical_cap(d)?;
            caps.retain(|x| *x != c);
        }
    }
    for a in &opts.cap_add {
        if a.eq_ignore_ascii_case("all") {
            caps = ALL_CAPS.iter().map(|s| s.to_string()).collect();
        } else {
            let c = canonical_cap(a)?;
            if !caps.contains(&c) {
                caps.push(c);
            }
        }
    }
    caps.sort_by_key(|c| ALL_CAPS.iter().position(|x| x == c));
    Ok(caps)
}

fn to_oci_caps(names: &[String]) -> Capabilities {
    names
        .iter()
        .filter_map(|n| {
            serde_json::from_value::<Capability>(serde_json::Value::String(n.clone())).ok()
        })
        .collect()
}

/// Merge environment lists: later entries replace earlier ones with the same name.
fn merge_env(base: &[String], over: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for e in base.iter().chain(over) {
        let name = e.split('=').next().unwrap_or("");
        if name.is_empty() {
            return Err(Error::InvalidEnv(e.clone()));
        }
        let prefix = format!("{name}=");
        out.retain(|x| !(x.starts_with(&prefix) || x == name));
        out.push(e.clone());
    }
    Ok(out)
}

/// The most rpod reads of a container's or an image's /etc file.
pub const ETC_FILE_LIMIT: u64 = 16 << 20;

/// A file of a container's or an image's tree (`etc/passwd`) read on the
/// host: resolved inside `root` by descriptor, so that a symlink planted
/// there (`etc/passwd -> /home/user/.ssh/id_rsa`) stays inside the tree; a
/// regular file only, at most [`ETC_FILE_LIMIT`] bytes. `None` when it
/// cannot be read so.
pub fn read_in_tree(root: &Path, rel: &str) -> Option<String> {
    crate::sys::read_in_root(root, Path::new(rel), ETC_FILE_LIMIT)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The first file `rel` (e.g. `etc/passwd`) found in the layers, top first.
/// Each layer's symlinks resolve inside that layer (never on the host), and
/// the read is bounded: an image whose /etc/passwd is a device, a FIFO or
/// endless fails with a clear error instead of hanging or exhausting memory.
fn read_from_layers(layers: &[PathBuf], rel: &str) -> Result<Option<String>> {
    let shown = Path::new("/").join(rel);
    let kind = crate::userfile::IMAGE_TEXT;
    for layer in layers {
        match crate::sys::read_in_root(layer, Path::new(rel), kind.limit) {
            Ok(bytes) => return Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(nix::errno::Errno::EINVAL) => {
                return Err(Error::File(crate::userfile::Error::Io {
                    what: kind.what,
                    path: shown,
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "not a regular file in the image",
                    ),
                }))
            }
            Err(nix::errno::Errno::EFBIG) => {
                return Err(Error::File(crate::userfile::Error::TooLarge {
                    what: kind.what,
                    path: shown,
                    limit: kind.limit,
                }))
            }
            Err(_) => {}
        }
    }
    Ok(None)
}

/// Resolved user: uid, gid, supplementary gids, home directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    /// Uid in the container.
    pub uid: u32,
    /// Primary gid in the container.
    pub gid: u32,
    /// Supplementary gids from /etc/group.
    pub additional_gids: Vec<u32>,
    /// Home directory from /etc/passwd (`/` when unknown).
    pub home: String,
}

/// The largest uid or gid a container may use (as runc and crun; the
/// kernel's ids are 32 bits, but -1 means "unchanged" and ids above 2^31-1
/// are refused by many tools).
pub const MAX_ID: u32 = i32::MAX as u32;

/// A user or group written as a number (`1000`, `-1`, `4294967295`):
/// `None` for a name, else the id checked against [`MAX_ID`].
fn numeric_id(s: &str, spec: &str, what: &'static str) -> Option<Result<u32>> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match s.parse::<u32>() {
        Ok(n) if n <= MAX_ID => Ok(n),
        _ => Err(Error::IdOutOfRange {
            user: spec.to_string(),
            what,
            id: s.to_string(),
        }),
    })
}

/// An id read from a passwd or group file, checked like a number given by
/// the user (a malformed field counts as 0, as before).
fn file_id(field: &str, spec: &str, what: &'static str) -> Result<u32> {
    numeric_id(field, spec, what).unwrap_or(Ok(0))
}

/// Resolve `user[:group]` (names or numbers) against passwd and group file
/// contents. Numbers (given, or found in the files) outside 0..=[`MAX_ID`]
/// are refused: `4294967295` is -1, which `setresuid` takes as "unchanged".
pub fn resolve_user(spec: &str, passwd: Option<&str>, group: Option<&str>) -> Result<ResolvedUser> {
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let u = if u.is_empty() { "0" } else { u };
    let u_num = numeric_id(u, spec, "uid").transpose()?;
    let g_num = match g {
        Some(g) => numeric_id(g, spec, "gid").transpose()?,
        None => None,
    };
    let pw_entries: Vec<Vec<&str>> = passwd
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 7)
        .collect();
    let gr_entries: Vec<Vec<&str>> = group
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 4)
        .collect();
    let pw = if let Some(n) = u_num {
        pw_entries
            .iter()
            .find(|f| f[2].parse::<u32>().ok() == Some(n))
    } else {
        pw_entries.iter().find(|f| f[0] == u)
    };
    let (uid, mut gid, home, name) = match (u_num, pw) {
        (_, Some(f)) => (
            file_id(f[2], spec, "uid")?,
            file_id(f[3], spec, "gid")?,
            f[5].to_string(),
            Some(f[0]),
        ),
        (Some(n), None) => (n, 0, "/".to_string(), None),
        (None, None) => {
            return Err(Error::UnknownUser {
                user: u.to_string(),
                file: "/etc/passwd",
            })
        }
    };
    if let Some(g) = g {
        gid = match g_num {
            Some(n) => n,
            None => {
                let f = gr_entries
                    .iter()
                    .find(|f| f[0] == g && f[2].parse::<u32>().is_ok())
                    .ok_or_else(|| Error::UnknownUser {
                        user: g.to_string(),
                        file: "/etc/group",
                    })?;
                file_id(f[2], spec, "gid")?
            }
        };
    }
    let mut additional_gids = Vec::new();
    if let (Some(name), None) = (name, g) {
        for f in &gr_entries {
            if f[3].split(',').any(|m| m == name) {
                if let Ok(n) = f[2].parse::<u32>() {
                    // A group with an unusable id is skipped, not fatal.
                    if n <= MAX_ID && n != gid && !additional_gids.contains(&n) {
                        additional_gids.push(n);
                    }
                }
            }
        }
    }
    Ok(ResolvedUser {
        uid,
        gid,
        additional_gids,
        home: if home.is_empty() { "/".into() } else { home },
    })
}

fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Result<Mount> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()?)
}

/// The OCI default mounts, as podman generates them.
fn default_mounts(opts: &RunOptions) -> Result<Vec<Mount>> {
    let mut m = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
            ],
        )?,
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        )?,
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        )?,
    ];
    if opts.rootless && opts.network == Network::Host {
        // A user namespace that does not own the network namespace may not
        // mount sysfs; bind the host's instead (as podman does).
        m.push(mount(
            "/sys",
            "bind",
            "/sys",
            &["rbind", "nosuid", "noexec", "nodev", "ro"],
        )?);
    } else {
        m.push(mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", "ro"],
        )?);
    }
    if !opts.rootless {
        m[2].set_options(Some(
            [
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ));
    }
    Ok(m)
}

/// Build the runtime spec for one container.
pub fn generate(opts: &RunOptions, image: &ImageDefaults) -> Result<Spec> {
    // Docker's rules: --entrypoint replaces the image's entrypoint and clears
    // its Cmd; arguments replace Cmd.
    let (entrypoint, cmd) = match &opts.entrypoint {
        Some(e) if e.is_empty() => (Vec::new(), opts.command.clone()),
        Some(e) => (vec![e.clone()], opts.command.clone()),
        None => (
            image.entrypoint.clone(),
            if opts.command.is_empty() {
                image.cmd.clone()
            } else {
                opts.command.clone()
            },
        ),
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(Error::NoCommand);
    }

    let hostname = opts.hostname.clone().unwrap_or_else(|| "rpod".to_string());
    let user_spec = opts.user.clone().unwrap_or_else(|| image.user.clone());
    let user = if user_spec.is_empty() {
        let passwd = read_from_layers(&opts.layers, "etc/passwd")?;
        resolve_user("0", passwd.as_deref(), None)?
    } else {
        let passwd = read_from_layers(&opts.layers, "etc/passwd")?;
        let group = read_from_layers(&opts.layers, "etc/group")?;
        resolve_user(&user_spec, passwd.as_deref(), group.as_deref())?
    };

    let mut base_env = vec![DEFAULT_PATH.to_string(), "container=podman".to_string()];
    if opts.tty {
        base_env.push("TERM=xterm".to_string());
    }
    base_env.push(format!("HOSTNAME={hostname}"));
    base_env.push(format!("HOME={}", user.home));
    let mut env = merge_env(&base_env, &image.env)?;
    env = merge_env(&env, &opts.env)?;

    let cwd = opts
        .workdir
        .clone()
        .filter(|w| !w.is_empty())
        .or_else(|| Some(image.working_dir.clone()).filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".to_string());

    // Podman raises RLIMIT_NOFILE to 1048576; it cannot go above the
    // kernel's fs.nr_open, nor (rootless) above our own hard limit.
    let mut nofile = 1_048_576u64;
    if let Some(n) = fs::read_to_string("/proc/sys/fs/nr_open")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        nofile = nofile.min(n);
    }
    let unprivileged = opts.rootless || !has_cap_sys_resource();
    if unprivileged {
        if let Ok((_, hard)) =
            nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
        {
            nofile = nofile.min(hard);
        }
        for u in &opts.ulimits {
            u.check_not_raised()?;
        }
    }
    let default_nofile = Ulimit {
        resource: PosixRlimitType::RlimitNofile,
        soft: nofile,
        hard: nofile,
    };
    let rlimits = ulimit::merge(&[&[default_nofile], &opts.ulimits])
        .iter()
        .map(|u| {
            PosixRlimitBuilder::default()
                .typ(u.resource)
                .hard(u.hard)
                .soft(u.soft)
                .build()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let cap_names = capability_names(opts)?;
    let caps = to_oci_caps(&cap_names);
    let capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(caps.clone())
        .effective(caps.clone())
        .permitted(caps)
        .inheritable(Capabilities::new())
        .ambient(Capabilities::new())
        .build()?;

    let mut ub = UserBuilder::default().uid(user.uid).gid(user.gid);
    if !user.additional_gids.is_empty() {
        ub = ub.additional_gids(user.additional_gids.clone());
    }
    let process = ProcessBuilder::default()
        .terminal(opts.tty)
        .user(ub.build()?)
        .args(args)
        .env(env)
        .cwd(cwd)
        .capabilities(capabilities)
        .no_new_privileges(opts.no_new_privileges)
        .rlimits(rlimits)
        .build()?;

    let mut mounts = default_mounts(opts)?;
    for t in &opts.tmpfs {
        let (dest, o) = t.split_once(':').unwrap_or((t.as_str(), ""));
        if !dest.starts_with('/') {
            return Err(Error::RelativeDestination(dest.to_string()));
        }
        let mut options = vec!["rw", "noexec", "nosuid", "nodev"];
        options.extend(o.split(',').filter(|s| !s.is_empty()));
        mounts.push(mount(dest, "tmpfs", "tmpfs", &options)?);
    }
    for b in &opts.binds {
        let dest = b.destination.to_string_lossy();
        if !dest.starts_with('/') {
            return Err(Error::RelativeDestination(dest.into_owned()));
        }
        let options = if b.read_only {
            vec!["rbind", "ro"]
        } else {
            vec!["rbind", "rw"]
        };
        mounts.push(mount(&dest, "bind", &b.source.to_string_lossy(), &options)?);
    }

    let mut namespaces = vec![
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
    ];
    if opts.network == Network::None {
        namespaces.push(LinuxNamespaceType::Network);
    }
    if opts.rootless {
        namespaces.push(LinuxNamespaceType::User);
    }
    let namespaces = namespaces
        .into_iter()
        .map(|t| LinuxNamespaceBuilder::default().typ(t).build())
        .collect::<Result<Vec<_>, _>>()?;

    let idmaps = |v: &[(u32, u32, u32)]| {
        v.iter()
            .map(|&(c, h, s)| {
                LinuxIdMappingBuilder::default()
                    .container_id(c)
                    .host_id(h)
                    .size(s)
                    .build()
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let mut linux = LinuxBuilder::default().namespaces(namespaces);
    if opts.rootless {
        linux = linux
            .uid_mappings(idmaps(&opts.uid_map)?)
            .gid_mappings(idmaps(&opts.gid_map)?);
    }
    match &opts.seccomp {
        SeccompPolicy::Default if !opts.privileged => {
            linux = linux.seccomp(default_seccomp(&cap_names)?);
        }
        SeccompPolicy::Profile(p) => {
            if let Some(s) = p.resolve(&cap_names)? {
                linux = linux.seccomp(s);
            }
        }
        SeccompPolicy::Default | SeccompPolicy::Unconfined => {}
    }
    // podman: --privileged drops the default masks; unmask= removes some or
    // ALL of the masked and read-only paths; mask= adds more in any case.
    let unmasked = |p: &&str| {
        opts.privileged
            || opts
                .unmask
                .iter()
                .any(|u| u == "ALL" || security_opt::path_matches(u, p))
    };
    let mut masked: Vec<String> = MASKED_PATHS
        .iter()
        .filter(|p| !unmasked(p))
        .map(|s| s.to_string())
        .collect();
    for m in &opts.mask {
        if !masked.contains(m) {
            masked.push(m.clone());
        }
    }
    let readonly: Vec<String> = READONLY_PATHS
        .iter()
        .filter(|p| !unmasked(p))
        .map(|s| s.to_string())
        .collect();
    // Always set: the builder would fill in oci-spec's own defaults.
    linux = linux.masked_paths(masked).readonly_paths(readonly);
    let mut annotations = std::collections::HashMap::new();
    if opts.init {
        annotations.insert(INIT_ANNOTATION.to_string(), "true".to_string());
    }
    let copy_up: Vec<String> = opts
        .binds
        .iter()
        .filter(|b| b.copy_up)
        .map(|b| b.destination.to_string_lossy().into_owned())
        .collect();
    if !copy_up.is_empty() {
        annotations.insert(COPY_UP_ANNOTATION.to_string(), copy_up.join("\n"));
    }

    Ok(SpecBuilder::default()
        .version("1.0.0")
        .hostname(hostname)
        .process(process)
        .root(
            RootBuilder::default()
                .path("rootfs")
                .readonly(opts.read_only)
                .build()?,
        )
        .mounts(mounts)
        .linux(linux.build()?)
        .annotations(annotations)
        .build()?)
}

/// containers/common's default seccomp profile (an allow-list: everything
/// it does not name answers ENOSYS), shipped unchanged; its origin and
/// version are in `data/seccomp/README.md`.
const DEFAULT_SECCOMP_JSON: &str = include_str!("../../data/seccomp/seccomp.json");

/// Names the built-in profile in errors.
const DEFAULT_SECCOMP_NAME: &str = "(built-in default seccomp.json)";

/// The default seccomp profile, parsed once per process.
fn default_seccomp_profile() -> Result<&'static SeccompProfile> {
    static PROFILE: std::sync::OnceLock<std::result::Result<SeccompProfile, String>> =
        std::sync::OnceLock::new();
    PROFILE
        .get_or_init(|| {
            SeccompProfile::parse(Path::new(DEFAULT_SECCOMP_NAME), DEFAULT_SECCOMP_JSON)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|message| Error::SeccompProfile {
            path: PathBuf::from(DEFAULT_SECCOMP_NAME),
            message: message.clone(),
        })
}

/// The default seccomp profile (podman's: containers/common's
/// `seccomp.json`) for a container holding capabilities `caps`, on this
/// machine: its rules with capability, architecture and kernel conditions
/// resolved, argument conditions kept.
pub fn default_seccomp(caps: &[String]) -> Result<LinuxSeccomp> {
    default_seccomp_profile()?
        .resolve(caps)?
        .ok_or_else(|| Error::SeccompProfile {
            path: PathBuf::from(DEFAULT_SECCOMP_NAME),
            message: "no default action".into(),
        })
}

/// Whether we hold CAP_SYS_RESOURCE (needed to raise hard rlimits).
fn has_cap_sys_resource() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        })
        .is_some_and(|m| m & (1 << 24) != 0)
}

/// Makes the container join the existing namespace at `path` (e.g.
/// `/proc/PID/ns/net`) instead of creating one of that type; the runtime
/// joins namespaces with a path before it creates the others, the user
/// namespace first. Used at start, when the other container's PID is known.
pub fn join_namespace(spec: &mut Spec, typ: LinuxNamespaceType, path: &Path) -> Result<()> {
    let mut linux = spec.linux().clone().unwrap_or_default();
    let mut namespaces = linux.namespaces().clone().unwrap_or_default();
    let joined = LinuxNamespaceBuilder::default()
        .typ(typ)
        .path(path.to_path_buf())
        .build()?;
    match namespaces.iter_mut().find(|n| n.typ() == typ) {
        Some(n) => *n = joined,
        None => namespaces.push(joined),
    }
    linux.set_namespaces(Some(namespaces));
    spec.set_linux(Some(linux));
    Ok(())
}

/// Annotation asking the runtime to run its built-in init as PID 1.
pub const INIT_ANNOTATION: &str = "io.rpod.init";

/// Annotation listing (one per line) the bind destinations whose empty
/// source receives the image's content there before mounting.
pub const COPY_UP_ANNOTATION: &str = "io.rpod.copy-up";

/// What the generated `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf` say.
#[derive(Debug, Clone)]
pub struct EtcContent<'a> {
    /// The container's host name.
    pub hostname: &'a str,
    /// The host's resolv.conf, copied (minus loopback resolvers) unless `dns` is given.
    pub host_resolv: &'a Path,
    /// `--dns` (or the network helper's forwarder): replaces the nameservers.
    pub dns: Vec<String>,
    /// `--dns-search`: replaces the search domains.
    pub dns_search: Vec<String>,
    /// `--add-host` entries and `host.containers.internal`: (name, address).
    pub hosts: Vec<(String, String)>,
}

/// Writes the generated /etc files into `dir`; returns their bind mounts.
pub fn write_etc(dir: &Path, c: &EtcContent<'_>) -> Result<Vec<Mount>> {
    let write = |name: &str, content: &str| -> Result<PathBuf> {
        let p = dir.join(name);
        fs::write(&p, content).map_err(|source| Error::Write {
            path: p.clone(),
            source,
        })?;
        Ok(p)
    };
    let hostname = c.hostname;
    let mut hosts_text = format!("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n127.0.1.1\t{hostname}\n");
    for (name, addr) in &c.hosts {
        hosts_text.push_str(&format!("{addr}\t{name}\n"));
    }
    let hosts = write("hosts", &hosts_text)?;
    let hn = write("hostname", &format!("{hostname}\n"))?;
    let host = fs::read_to_string(c.host_resolv).unwrap_or_default();
    let mut lines: Vec<String> = host
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            // A resolver on the host's loopback is unreachable from a private
            // network namespace; given servers or domains replace the host's.
            !(t.starts_with("nameserver 127.")
                || (!c.dns.is_empty() && t.starts_with("nameserver"))
                || (!c.dns_search.is_empty()
                    && (t.starts_with("search") || t.starts_with("domain"))))
        })
        .map(str::to_string)
        .collect();
    if !c.dns_search.is_empty() {
        lines.insert(0, format!("search {}", c.dns_search.join(" ")));
    }
    for d in &c.dns {
        lines.push(format!("nameserver {d}"));
    }
    let resolv = write("resolv.conf", &(lines.join("\n") + "\n"))?;
    let bind =
        |dest: &str, src: &Path| mount(dest, "bind", &src.to_string_lossy(), &["rbind", "rw"]);
    Ok(vec![
        bind("/etc/hosts", &hosts)?,
        bind("/etc/hostname", &hn)?,
        bind("/etc/resolv.conf", &resolv)?,
    ])
}

/// `--read-only`: the bind mounts rpod adds of its own (/etc/hosts,
/// /etc/hostname, /etc/resolv.conf, keep-id's passwd and group) become
/// read-only too, with nosuid, noexec and nodev, as podman does with its
/// own bind mounts.
pub fn read_only_binds(mounts: &mut [Mount]) {
    for m in mounts
        .iter_mut()
        .filter(|m| m.typ().as_deref() == Some("bind"))
    {
        let mut o = m.options().clone().unwrap_or_default();
        o.retain(|x| x != "rw");
        for x in ["ro", "nosuid", "noexec", "nodev"] {
            if !o.iter().any(|y| y == x) {
                o.push(x.to_string());
            }
        }
        m.set_options(Some(o));
    }
}

/// The host user that `--userns=keep-id` makes known inside the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepIdUser {
    /// Login name.
    pub name: String,
    /// Uid (the same inside and outside).
    pub uid: u32,
    /// Primary gid (the same inside and outside).
    pub gid: u32,
    /// Home directory.
    pub home: String,
}

/// `--userns=keep-id`, as podman: when the image's /etc/passwd (or
/// /etc/group) lacks the user's uid (gid), a copy with an entry added is
/// written to `dir` and bind-mounted over it. Returns those mounts.
pub fn write_keep_id_files(dir: &Path, layers: &[PathBuf], u: &KeepIdUser) -> Result<Vec<Mount>> {
    let has_id = |text: &str, id: u32| {
        text.lines()
            .any(|l| l.split(':').nth(2) == Some(id.to_string().as_str()))
    };
    let mut mounts = Vec::new();
    let mut add = |file: &str, id: u32, entry: String| -> Result<()> {
        let mut text = read_from_layers(layers, &format!("etc/{file}"))?.unwrap_or_default();
        if has_id(&text, id) {
            return Ok(());
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&entry);
        let p = dir.join(file);
        fs::write(&p, text).map_err(|source| Error::Write {
            path: p.clone(),
            source,
        })?;
        mounts.push(mount(
            &format!("/etc/{file}"),
            "bind",
            &p.to_string_lossy(),
            &["rbind", "rw"],
        )?);
        Ok(())
    };
    add(
        "passwd",
        u.uid,
        format!(
            "{}:*:{}:{}:{}:{}:/bin/sh\n",
            u.name, u.uid, u.gid, u.name, u.home
        ),
    )?;
    add(
        "group",
        u.gid,
        format!("{}:x:{}:{}\n", u.name, u.gid, u.name),
    )?;
    Ok(mounts)
}

/// `--sdnotify=container`: bind-mounts `host_dir` (the monitor's relay
/// socket directory) on `/run/notify` and points the container's
/// `NOTIFY_SOCKET` at the socket in it, as podman does.
pub fn add_notify_socket(spec: &mut Spec, host_dir: &Path) -> Result<()> {
    use crate::systemd::notify::{CONTAINER_DIR, CONTAINER_SOCKET};
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    mounts.retain(|m| m.destination() != Path::new(CONTAINER_DIR));
    mounts.push(mount(
        CONTAINER_DIR,
        "bind",
        &host_dir.to_string_lossy(),
        &["rbind", "rw"],
    )?);
    spec.set_mounts(Some(mounts));
    if let Some(process) = spec.process_mut().as_mut() {
        let env = process.env().clone().unwrap_or_default();
        let env = merge_env(&env, &[format!("NOTIFY_SOCKET={CONTAINER_SOCKET}")])?;
        process.set_env(Some(env));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entrypoint_and_cmd_rules() {
        let img = ImageDefaults {
            entrypoint: vec!["/ep".into()],
            cmd: vec!["a".into()],
            ..Default::default()
        };
        let mut o = RunOptions::default();
        let s = generate(&o, &img).unwrap();
        assert_eq!(
            s.process().as_ref().unwrap().args().as_ref().unwrap(),
            &["/ep", "a"]
        );
        o.command = vec!["b".into()];
        let s = generate(&o, &img).unwrap();
        assert_eq!(
            s.process().as_ref().unwrap().args().as_ref().unwrap(),
            &["/ep", "b"]
        );
        o.entrypoint = Some("sh".into());
        o.command = vec![];
        let s = generate(&o, &img).unwrap();
        assert_eq!(
            s.process().as_ref().unwrap().args().as_ref().unwrap(),
            &["sh"]
        );
        o.entrypoint = Some(String::new());
        assert!(matches!(generate(&o, &img), Err(Error::NoCommand)));
    }

    #[test]
    fn joined_namespaces_get_a_path() {
        let o = RunOptions {
            rootless: true,
            ..Default::default()
        };
        let img = ImageDefaults {
            cmd: vec!["sh".into()],
            ..Default::default()
        };
        let mut s = generate(&o, &img).unwrap();
        let count = |s: &Spec| {
            s.linux()
                .as_ref()
                .unwrap()
                .namespaces()
                .as_ref()
                .unwrap()
                .len()
        };
        let before = count(&s);
        join_namespace(
            &mut s,
            LinuxNamespaceType::Network,
            Path::new("/proc/7/ns/net"),
        )
        .unwrap();
        join_namespace(
            &mut s,
            LinuxNamespaceType::User,
            Path::new("/proc/7/ns/user"),
        )
        .unwrap();
        assert_eq!(count(&s), before, "replaced, not added");
        let ns = s.linux().as_ref().unwrap().namespaces().clone().unwrap();
        let path = |t| {
            ns.iter()
                .find(|n| n.typ() == t)
                .and_then(|n| n.path().clone())
        };
        assert_eq!(
            path(LinuxNamespaceType::Network),
            Some("/proc/7/ns/net".into())
        );
        assert_eq!(
            path(LinuxNamespaceType::User),
            Some("/proc/7/ns/user".into())
        );
        assert_eq!(path(LinuxNamespaceType::Mount), None);
    }

    #[test]
    fn env_override() {
        let e = merge_env(&["A=1".into(), "B=2".into()], &["A=3".into()]).unwrap();
        assert_eq!(e, vec!["B=2", "A=3"]);
    }

    #[test]
    fn caps() {
        let mut o = RunOptions {
            cap_drop: vec!["all".into()],
            cap_add: vec!["net_bind_service".into()],
            ..Default::default()
        };
        assert_eq!(capability_names(&o).unwrap(), vec!["CAP_NET_BIND_SERVICE"]);
        o.cap_add = vec!["bogus".into()];
        assert!(capability_names(&o).is_err());
        assert_eq!(capability_names(&RunOptions::default()).unwrap().len(), 11);
    }

    #[test]
    fn masks_limits_and_seccomp_policy() {
        let img = ImageDefaults {
            cmd: vec!["sh".into()],
            ..Default::default()
        };
        let spec = |o: &RunOptions| generate(o, &img).unwrap();
        let linux = |o: &RunOptions| spec(o).linux().clone().unwrap();
        let strings = |v: &Option<Vec<String>>| v.clone().unwrap_or_default();
        let mut o = RunOptions::default();
        let l = linux(&o);
        assert_eq!(strings(l.masked_paths()), MASKED_PATHS);
        assert_eq!(strings(l.readonly_paths()), READONLY_PATHS);
        assert!(l.seccomp().is_some());

        o.privileged = true;
        o.mask = vec!["/secret".into()];
        let l = linux(&o);
        assert_eq!(strings(l.masked_paths()), ["/secret"]);
        assert!(strings(l.readonly_paths()).is_empty());
        assert!(l.seccomp().is_none());

        o.privileged = false;
        o.unmask = vec!["/proc/*".into()];
        o.seccomp = SeccompPolicy::Unconfined;
        let l = linux(&o);
        assert_eq!(
            strings(l.masked_paths()),
            [
                "/sys/firmware",
                "/sys/fs/selinux",
                "/sys/dev/block",
                "/secret"
            ]
        );
        assert!(strings(l.readonly_paths()).is_empty());
        assert!(l.seccomp().is_none());
        o.unmask = vec!["ALL".into()];
        assert_eq!(strings(linux(&o).masked_paths()), ["/secret"]);

        o.ulimits = [Ulimit::parse("nproc=10:20"), Ulimit::parse("nofile=5:6")]
            .into_iter()
            .flat_map(Result::unwrap)
            .collect();
        let s = spec(&o);
        let rl: Vec<(PosixRlimitType, u64, u64)> = s
            .process()
            .as_ref()
            .unwrap()
            .rlimits()
            .iter()
            .flatten()
            .map(|r| (r.typ(), r.soft(), r.hard()))
            .collect();
        assert_eq!(
            rl,
            [
                (PosixRlimitType::RlimitNproc, 10, 20),
                (PosixRlimitType::RlimitNofile, 5, 6)
            ]
        );
    }

    #[test]
    fn users() {
        let pw = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nbob:x:1000:1000::/home/bob:/bin/sh\n";
        let gr = "root:x:0:\nwheel:x:10:bob\nbob:x:1000:\nnogroup:x:65534:\n";
        let u = resolve_user("bob", Some(pw), Some(gr)).unwrap();
        assert_eq!(
            (u.uid, u.gid, u.additional_gids.clone()),
            (1000, 1000, vec![10])
        );
        assert_eq!(u.home, "/home/bob");
        let u = resolve_user("nobody:wheel", Some(pw), Some(gr)).unwrap();
        assert_eq!((u.uid, u.gid), (65534, 10));
        let u = resolve_user("4242", Some(pw), Some(gr)).unwrap();
        assert_eq!((u.uid, u.gid), (4242, 0));
        assert!(resolve_user("alice", Some(pw), Some(gr)).is_err());
        // -1 (as 4294967295 or as -1) and anything past 2^31-1 are refused,
        // for the user and the group, given or found in the files.
        for bad in [
            "4294967295",
            "-1",
            "0:4294967295",
            "0:-1",
            "2147483648",
            "99999999999999999999",
            "evil",
            "nobody:evilgroup",
        ] {
            let pw = "evil:x:4294967295:0::/:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n";
            let gr = "evilgroup:x:4294967295:\n";
            match resolve_user(bad, Some(pw), Some(gr)) {
                Err(Error::IdOutOfRange { .. }) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(resolve_user("2147483647", None, None).unwrap().uid, MAX_ID);
    }
}
