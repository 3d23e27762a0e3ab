//! Turning an OCI spec and a root into the `Plan` the child carries out:
//! mounts, devices, sysctls, rlimits, capabilities and the process.

use std::ffi::CString;
use std::path::{Path, PathBuf};

use nix::mount::MsFlags;
use nix::sys::resource::Resource;
use nix::sys::signal::SigSet;
use oci_spec::runtime::{Capabilities, PosixRlimitType, Spec};

use super::child::{Plan, PlannedMount, RootMount};
use super::namespaces::{id_maps, namespace_plan, JoinPath};
use super::{child, fuse, seccomp, Error, Overlay, Rootfs, Stdio};

/// Mount options -> (flags, propagation, data, is_bind).
pub(super) fn parse_mount_options(options: &[String]) -> (MsFlags, MsFlags, String, bool) {
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

pub(super) fn cap_mask(caps: &Option<Capabilities>) -> u64 {
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

pub(super) fn resource(t: PosixRlimitType) -> Option<Resource> {
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

/// An overlay mount's data (an image mount) made ready: `userxattr` in a
/// user namespace (the layers' opaque marks are `user.` attributes then),
/// and its upper and work directories made when missing (they are the
/// caller's own, outside the root).
fn overlay_mount_data(mut data: String, userns: bool) -> Result<String, Error> {
    for o in data.split(',') {
        if let Some(dir) = o
            .strip_prefix("upperdir=")
            .or_else(|| o.strip_prefix("workdir="))
        {
            fs_err::create_dir_all(dir).map_err(|source| Error::OverlayDir {
                path: PathBuf::from(dir),
                source,
            })?;
        }
    }
    if userns && !data.split(',').any(|o| o == "userxattr") {
        data.push_str(",userxattr");
    }
    Ok(data)
}

/// Compute everything the child will need, before cloning it: the plan,
/// the `CLONE_NEW*` flags, and the namespaces to join.
pub(super) fn make_plan(
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
        let data = if !bind && m.typ().as_deref() == Some("overlay") {
            overlay_mount_data(data, userns)?
        } else {
            data
        };
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
        let has = |maps: &[crate::userns::IdMap], id: u32| {
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
        // PER_LINUX and PER_LINUX32 (crun's two; flags are not applied).
        personality: linux
            .and_then(|l| l.personality().as_ref())
            .map(|p| match p.domain() {
                oci_spec::runtime::LinuxPersonalityDomain::PerLinux => 0,
                oci_spec::runtime::LinuxPersonalityDomain::PerLinux32 => 0x0008,
            }),
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
pub(super) fn devices(
    linux: Option<&oci_spec::runtime::Linux>,
) -> Result<Vec<child::PlannedDevice>, Error> {
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
pub(super) fn sysctls(
    linux: Option<&oci_spec::runtime::Linux>,
) -> Result<Vec<(String, String)>, Error> {
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
pub(super) fn process_plan(
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
        personality: None,
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
