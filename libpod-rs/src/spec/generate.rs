//! The OCI runtime spec of a container, generated from its request, its
//! image's config and what planning resolved (ids, mounts' sources, the
//! host's limits), following Docker's override rules and podman's defaults
//! (capabilities, masked and read-only paths, default mounts); and the
//! changes made to a stored spec at start (joined namespaces, the notify
//! socket). Pure: nothing here reads a file or the process's state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capabilities, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxIdMappingBuilder,
    LinuxNamespaceBuilder, LinuxNamespaceType, LinuxPersonalityBuilder, LinuxPersonalityDomain,
    Mount, MountBuilder, PosixRlimitBuilder, ProcessBuilder, RootBuilder, Spec, SpecBuilder,
    UserBuilder,
};

use super::env::merge_env;
use super::request::ContainerSpec;
use super::ulimit::{self, HostLimits, Ulimit};
use super::user::{ResolvedUser, UserSpec};
use super::{security_opt, Error, Host, Result};
use crate::image::config::ImageConfig;
use crate::userns::IdMap;

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

/// Annotation asking the runtime to keep the caller's supplementary
/// groups (`--group-add keep-groups`): crun's name for it.
pub const KEEP_GROUPS_ANNOTATION: &str = "run.oci.keep_original_groups";

/// Annotation asking the runtime to run its built-in init as PID 1
/// (`true`); with `--init-path` it holds [`CONTAINER_INIT_PATH`] instead:
/// the user's init is PID 1, and the container still counts as `--init`.
pub const INIT_ANNOTATION: &str = "io.rpod.init";

/// Where `--init-path`'s binary is bound in the container (podman's).
pub const CONTAINER_INIT_PATH: &str = "/run/podman-init";

/// Annotation asking the runtime to run nothing but rpod-init's pause
/// (a `kube play --service-container`'s process).
pub const PAUSE_ANNOTATION: &str = "io.rpod.pause";

/// Annotation telling the runtime the working directory was the user's
/// (`--workdir`): a missing one is an error, not made.
pub const WORKDIR_GIVEN_ANNOTATION: &str = "io.rpod.workdir-given";

/// Annotation telling the runtime to make `/etc/mtab` a link to
/// `/proc/mounts` when the container has none (podman's; not for build
/// steps, whose file systems become image layers).
pub const ETC_MTAB_ANNOTATION: &str = "io.rpod.etc-mtab";

/// podman's annotation of a container's `--security-opt label=` values
/// (joined with `,label=`), as podman records them.
pub const LABEL_ANNOTATION: &str = "io.podman.annotations.label";

/// Annotation listing (one per line) the bind destinations whose empty
/// source receives the image's content there before mounting.
pub const COPY_UP_ANNOTATION: &str = "io.rpod.copy-up";

/// One bind mount with its source resolved (a host path, or a volume's
/// directory).
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
    /// Mount flags asked for (`noexec`, `nosuid`, `nodev` and their opposites).
    pub options: Vec<String>,
}

/// The container's network namespace, as far as the spec is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Netns {
    /// A new one (own network, or one joined at start: the spec then
    /// names its path).
    #[default]
    New,
    /// The host's.
    Host,
}

/// What planning resolved for the spec: everything that is not in the
/// request or the image's config.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The container's host name.
    pub hostname: &'a str,
    /// The user to run as (the request's, keep-id's, or the image's).
    pub user: Option<&'a UserSpec>,
    /// The image's `/etc/passwd`, to resolve user names.
    pub passwd: Option<&'a str>,
    /// The image's `/etc/group`, to resolve group names.
    pub group: Option<&'a str>,
    /// Its network namespace.
    pub netns: Netns,
    /// Rootless: the container gets a user namespace with these uid and
    /// gid maps; `None`: the host's ids (rootful).
    pub id_maps: Option<(&'a [IdMap], &'a [IdMap])>,
    /// Bind mounts (after the request's tmpfs mounts), sources resolved.
    pub binds: &'a [Bind],
    /// containers.conf `default_ulimits` (the request's come after them).
    pub default_ulimits: &'a [Ulimit],
    /// containers.conf `env` (the image's and the request's win).
    pub default_env: &'a [String],
    /// The host's limits.
    pub limits: &'a HostLimits,
    /// The machine, for seccomp profiles' conditions.
    pub seccomp_host: Host,
    /// The process's umask.
    pub umask: super::Umask,
}

/// An OCI mount.
pub fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Result<Mount> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()?)
}

/// The size of `/dev/shm` without `--shm-size`: podman's, containers.conf's
/// `65536k` read as go-units' `FromHumanSize` reads it (decimal).
pub const DEFAULT_SHM_SIZE: u64 = 65_536_000;

/// The OCI default mounts, as podman generates them.
fn default_mounts(rootless: bool, netns: Netns, shm_size: Option<u64>) -> Result<Vec<Mount>> {
    let shm = format!("size={}", shm_size.unwrap_or(DEFAULT_SHM_SIZE));
    let devpts: &[&str] = if rootless {
        &[
            "nosuid",
            "noexec",
            "newinstance",
            "ptmxmode=0666",
            "mode=0620",
        ]
    } else {
        &[
            "nosuid",
            "noexec",
            "newinstance",
            "ptmxmode=0666",
            "mode=0620",
            "gid=5",
        ]
    };
    let mut m = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount("/dev/pts", "devpts", "devpts", devpts)?,
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", &shm],
        )?,
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        )?,
    ];
    if rootless && netns == Netns::Host {
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
    Ok(m)
}

/// The command line: Docker's rules (`--entrypoint` replaces the image's
/// entrypoint and clears its `Cmd`; arguments replace `Cmd`).
pub fn command_line(spec: &ContainerSpec, image: &ImageConfig) -> Result<Vec<String>> {
    let p = &spec.process;
    let (entrypoint, cmd) = match &p.entrypoint {
        Some(e) => (e.clone(), p.command.clone()),
        None if p.command.is_empty() => (image.entrypoint.clone(), image.cmd.clone()),
        None => (image.entrypoint.clone(), p.command.clone()),
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        // podman leaves it to the OCI runtime, which does not find ``.
        if spec.rootfs.is_some() {
            return Err(Error::RootfsNoCommand);
        }
        return Err(Error::NoCommand);
    }
    Ok(args)
}

/// Builds the runtime spec of one container.
pub fn generate(spec: &ContainerSpec, image: &ImageConfig, r: &Resolved<'_>) -> Result<Spec> {
    let p = &spec.process;
    let sec = &spec.security;
    let mut args = command_line(spec, image)?;
    // `--init --init-path`: that binary is PID 1, as podman's catatonit.
    let init_path = p.init_path.as_ref().filter(|_| p.init == Some(true));
    if init_path.is_some() {
        args.splice(0..0, [CONTAINER_INIT_PATH.to_string(), "--".to_string()]);
    }
    let user: ResolvedUser = match r.user {
        Some(u) => u.resolve(r.passwd, r.group)?,
        None if image.user.is_empty() => super::resolve_user("0", r.passwd, None)?,
        None => super::resolve_user(&image.user, r.passwd, r.group)?,
    };
    let rootless = r.id_maps.is_some();

    let mut base_env = vec![DEFAULT_PATH.to_string(), "container=podman".to_string()];
    if p.tty {
        base_env.push("TERM=xterm".to_string());
    }
    base_env.push(format!("HOSTNAME={}", r.hostname));
    base_env.push(format!("HOME={}", user.home));
    let env = merge_env(&base_env, r.default_env).map_err(|e| Error::InvalidEnv(e.to_string()))?;
    let mut env = merge_env(&env, &image.env).map_err(|e| Error::InvalidEnv(e.to_string()))?;
    for entry in &p.env_merge {
        let v = super::env::env_merge(entry, &env).map_err(|e| Error::InvalidEnv(e.to_string()))?;
        env = merge_env(&env, &[v.to_string()]).map_err(|e| Error::InvalidEnv(e.to_string()))?;
    }
    if p.unset_env_all {
        env.clear();
    } else if !p.unset_env.is_empty() {
        env.retain(|e| {
            let name = e.split_once('=').map_or(e.as_str(), |(n, _)| n);
            !p.unset_env.iter().any(|u| u == name)
        });
    }
    let own: Vec<String> = p.env.iter().map(ToString::to_string).collect();
    let env = merge_env(&env, &own).map_err(|e| Error::InvalidEnv(e.to_string()))?;

    let cwd = p
        .workdir
        .as_ref()
        .map(|w| w.to_string_lossy().into_owned())
        .filter(|w| !w.is_empty())
        .or_else(|| Some(image.working_dir.clone()).filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".to_string());

    // Podman raises RLIMIT_NOFILE to 1048576, within what the host allows.
    for u in r.default_ulimits.iter().chain(&sec.ulimits) {
        u.check_not_raised(r.limits)?;
    }
    // podman's RLIMIT_NOFILE and RLIMIT_NPROC defaults come at start
    // (ulimit::apply_start_defaults).
    let rlimits = ulimit::merge(&[r.default_ulimits, &sec.ulimits])
        .iter()
        .map(|u| {
            PosixRlimitBuilder::default()
                .typ(u.resource)
                .hard(u.hard)
                .soft(u.soft)
                .build()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let caps = sec.caps.resolve(sec.privileged);
    let oci_caps = caps.to_oci();
    let capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(oci_caps.clone())
        .effective(oci_caps.clone())
        .permitted(oci_caps)
        .inheritable(Capabilities::new())
        .ambient(Capabilities::new())
        .build()?;

    let mut gids = user.additional_gids.clone();
    for g in &p.group_add {
        if let Some(gid) = g.resolve(r.group)? {
            if !gids.contains(&gid) {
                gids.push(gid);
            }
        }
    }
    let mut ub = UserBuilder::default()
        .uid(user.uid)
        .gid(user.gid)
        .umask(r.umask.0);
    if !gids.is_empty() {
        ub = ub.additional_gids(gids);
    }
    let process = ProcessBuilder::default()
        .terminal(p.tty)
        .user(ub.build()?)
        .args(args)
        .env(env)
        .cwd(cwd)
        .capabilities(capabilities)
        .no_new_privileges(sec.no_new_privileges)
        .rlimits(rlimits)
        .build()?;

    let mut mounts = default_mounts(rootless, r.netns, spec.shm_size)?;
    for t in spec.mounts.iter().filter(|m| m.is_tmpfs()) {
        let mut options = vec!["rw", "noexec", "nosuid", "nodev"];
        options.extend(t.options.iter().map(String::as_str));
        // podman's default: the image's content there is copied into it.
        if !options.contains(&"notmpcopyup") && !options.contains(&"tmpcopyup") {
            options.push("tmpcopyup");
        }
        mounts.push(mount(
            &t.destination.to_string_lossy(),
            "tmpfs",
            "tmpfs",
            &options,
        )?);
    }
    for b in r.binds {
        let dest = b.destination.to_string_lossy();
        if !dest.starts_with('/') {
            return Err(Error::RelativeDestination(dest.into_owned()));
        }
        let mut options = vec!["rbind", if b.read_only { "ro" } else { "rw" }];
        options.extend(b.options.iter().map(String::as_str));
        mounts.push(mount(&dest, "bind", &b.source.to_string_lossy(), &options)?);
    }
    if let Some(path) = init_path {
        mounts.push(mount(
            CONTAINER_INIT_PATH,
            "bind",
            &path.to_string_lossy(),
            &["rbind", "ro"],
        )?);
    }

    let mut namespaces = vec![
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
    ];
    if r.netns == Netns::New {
        namespaces.push(LinuxNamespaceType::Network);
    }
    if rootless {
        namespaces.push(LinuxNamespaceType::User);
    }
    let namespaces = namespaces
        .into_iter()
        .map(|t| LinuxNamespaceBuilder::default().typ(t).build())
        .collect::<Result<Vec<_>, _>>()?;

    let idmaps = |v: &[IdMap]| {
        v.iter()
            .map(|m| {
                LinuxIdMappingBuilder::default()
                    .container_id(m.container_id)
                    .host_id(m.host_id)
                    .size(m.size)
                    .build()
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let mut linux = LinuxBuilder::default().namespaces(namespaces);
    if let Some(per) = p.personality {
        let domain = match per {
            super::Personality::Linux => LinuxPersonalityDomain::PerLinux,
            super::Personality::Linux32 => LinuxPersonalityDomain::PerLinux32,
        };
        linux = linux.personality(LinuxPersonalityBuilder::default().domain(domain).build()?);
    }
    if !spec.sysctls.is_empty() {
        linux = linux.sysctl(
            spec.sysctls
                .iter()
                .map(|s| (s.key.clone(), s.value.clone()))
                .collect::<HashMap<_, _>>(),
        );
    }
    if let Some((uids, gids)) = r.id_maps {
        linux = linux
            .uid_mappings(idmaps(uids)?)
            .gid_mappings(idmaps(gids)?);
    }
    if let Some(s) = sec
        .seccomp
        .resolve(&caps.names(), sec.privileged, r.seccomp_host)?
    {
        linux = linux.seccomp(s);
    }
    // podman: --privileged drops the default masks; unmask= removes some or
    // ALL of the masked and read-only paths; mask= adds more in any case.
    let unmasked = |p: &&str| {
        sec.privileged
            || sec
                .unmask
                .iter()
                .any(|u| u == "ALL" || security_opt::path_matches(u, p))
    };
    let mut masked: Vec<String> = MASKED_PATHS
        .iter()
        .filter(|p| !unmasked(p))
        .map(|s| s.to_string())
        .collect();
    for m in &sec.mask {
        let m = m.to_string_lossy().into_owned();
        if !masked.contains(&m) {
            masked.push(m);
        }
    }
    let readonly: Vec<String> = READONLY_PATHS
        .iter()
        .filter(|p| !unmasked(p))
        .map(|s| s.to_string())
        .collect();
    // Always set: the builder would fill in oci-spec's own defaults.
    linux = linux.masked_paths(masked).readonly_paths(readonly);
    let mut annotations: HashMap<String, String> = spec
        .annotations
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if p.init == Some(true) {
        let value = if init_path.is_some() {
            CONTAINER_INIT_PATH
        } else {
            "true"
        };
        annotations.insert(INIT_ANNOTATION.to_string(), value.to_string());
    }
    if spec.service {
        annotations.insert(PAUSE_ANNOTATION.to_string(), "true".to_string());
    }
    if p.workdir
        .as_ref()
        .is_some_and(|w| !w.as_os_str().is_empty())
    {
        annotations.insert(WORKDIR_GIVEN_ANNOTATION.to_string(), "true".to_string());
    }
    if p.group_add.contains(&super::GroupAdd::KeepGroups) {
        annotations.insert(KEEP_GROUPS_ANNOTATION.to_string(), "1".to_string());
    }
    let copy_up: Vec<String> = r
        .binds
        .iter()
        .filter(|b| b.copy_up)
        .map(|b| b.destination.to_string_lossy().into_owned())
        .collect();
    if !copy_up.is_empty() {
        annotations.insert(COPY_UP_ANNOTATION.to_string(), copy_up.join("\n"));
    }
    if !sec.labels.is_empty() {
        annotations.insert(LABEL_ANNOTATION.to_string(), sec.labels.join(",label="));
    }
    annotations.insert(ETC_MTAB_ANNOTATION.to_string(), "1".to_string());

    Ok(SpecBuilder::default()
        .version("1.0.0")
        .hostname(r.hostname)
        .process(process)
        .root(
            RootBuilder::default()
                .path("rootfs")
                .readonly(spec.read_only == Some(true))
                .build()?,
        )
        .mounts(mounts)
        .linux(linux.build()?)
        .annotations(annotations)
        .build()?)
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
        let env = merge_env(&env, &[format!("NOTIFY_SOCKET={CONTAINER_SOCKET}")])
            .map_err(|e| Error::InvalidEnv(e.to_string()))?;
        process.set_env(Some(env));
    }
    Ok(())
}

/// The spec of a plain container running `sh` (rootless: in a user
/// namespace mapping root to 1000), for tests of what consumes specs.
#[cfg(test)]
pub(crate) fn sample(rootless: bool) -> Spec {
    let maps = [IdMap {
        container_id: 0,
        host_id: 1000,
        size: 1,
    }];
    let image = ImageConfig {
        cmd: vec!["sh".into()],
        ..ImageConfig::default()
    };
    generate(
        &ContainerSpec::new("img"),
        &image,
        &Resolved {
            hostname: "h",
            user: None,
            passwd: None,
            group: None,
            netns: Netns::New,
            id_maps: rootless.then_some((&maps[..], &maps[..])),
            binds: &[],
            default_ulimits: &[],
            default_env: &[],
            limits: &HostLimits::unlimited(),
            seccomp_host: Host {
                arch: "amd64",
                kernel: (6, 1),
            },
            umask: crate::spec::Umask::default(),
        },
    )
    .expect("a plain spec generates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_namespaces_get_a_path() {
        let mut s = sample(true);
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
    fn read_only_binds_and_the_notify_socket() {
        let mut m = vec![
            mount("/etc/hosts", "bind", "/c/etc/hosts", &["rbind", "rw"]).unwrap(),
            mount("/t", "tmpfs", "tmpfs", &["rw"]).unwrap(),
        ];
        read_only_binds(&mut m);
        assert_eq!(
            m[0].options().clone().unwrap(),
            ["rbind", "ro", "nosuid", "noexec", "nodev"]
        );
        assert_eq!(m[1].options().clone().unwrap(), ["rw"]);
        let mut s = sample(false);
        add_notify_socket(&mut s, Path::new("/run/x/notify")).unwrap();
        let env = s.process().as_ref().unwrap().env().clone().unwrap();
        assert!(
            env.iter().any(|e| e.starts_with("NOTIFY_SOCKET=")),
            "{env:?}"
        );
        assert!(s
            .mounts()
            .iter()
            .flatten()
            .any(|m| m.source().as_deref() == Some(Path::new("/run/x/notify"))));
    }
}
