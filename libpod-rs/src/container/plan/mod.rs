//! Planning a new container: [`plan`] turns a [`ContainerSpec`], the
//! image's [`ImageConfig`] and the [`HostFacts`] into a [`CreatePlan`]: the
//! OCI runtime spec, the record, the `/etc` files' contents, the volumes to
//! create and the trees to give to the container's user. It is pure (no
//! file, process or clock is read: the facts carry all of it), so every
//! rule is unit-tested without root or a store; the engine then commits
//! the plan under the store's locks, writing only what it says.
//!
//! Rules that need more than the request (the default network, the user
//! namespace, the other container of `--network container:`) are checked
//! here; errors name the flags involved ([`CreateError`]).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use oci_spec::runtime::{Mount, Spec};

use super::etc::{Accounts, EtcContent, KeepIdFiles, KeepIdUser, NetworkFiles};
use super::Config;
use crate::config::Driver;
use crate::image::config::ImageConfig;
use crate::network::{self, Mode, PortMapping};
use crate::spec::{
    self, mounts::ImageVolumeMode, Bind, ContainerSpec, Host, HostLimits, MountSource, MountSpec,
    Netns, Resolved, SeccompPolicy, StopSignal, Ulimit, UserSpec, UsernsMode,
};
use crate::userns::{self, IdMap, IdMappings};

mod error;
mod host;
mod image_mounts;
#[cfg(test)]
mod tests;

pub use error::CreateError;
pub use image_mounts::{AutomountError, ImageMountFacts};

/// What planning knows about the container whose network the new one
/// joins (`--network container:NAME`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetFacts {
    /// Its full ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its own network mode.
    pub network: Mode,
    /// Its uid mappings (from its runtime spec; empty rootful).
    pub uid_map: Vec<IdMap>,
    /// Its gid mappings.
    pub gid_map: Vec<IdMap>,
    /// Its `/etc/hosts` and `/etc/resolv.conf` bind mounts, which the new
    /// container shares.
    pub etc_mounts: Vec<Mount>,
}

/// What planning knows about the pod a new container joins.
#[derive(Debug, Clone, PartialEq)]
pub struct PodFacts {
    /// The pod's full ID (recorded in the container's config).
    pub id: String,
    /// Where the `/etc/hosts`, `/etc/resolv.conf` and `/etc/hostname` its
    /// members share are, when they share the network and UTS
    /// namespaces (`None`: the container has its own).
    pub etc_dir: Option<PathBuf>,
    /// The directory bind-mounted on `/dev/shm` of members when they share
    /// the IPC namespace, so that what one writes there the others see,
    /// also after it exits (podman's infra container keeps one).
    pub shm_dir: Option<PathBuf>,
}

/// Everything planning needs to know about the host, read beforehand.
#[derive(Debug, Clone)]
pub struct HostFacts {
    /// The new container's ID.
    pub id: String,
    /// Its creation time.
    pub created: DateTime<Utc>,
    /// Whether rpod runs unprivileged (containers get a user namespace).
    pub rootless: bool,
    /// rpod's id mapping (rootless: the user and its subordinate ranges).
    pub mappings: IdMappings,
    /// The calling user, for `--userns=keep-id` (read only then).
    pub user: Option<KeepIdUser>,
    /// `--hostuser`'s users, looked up on the host.
    pub host_users: Vec<KeepIdUser>,
    /// What the container's own id maps are computed from (its
    /// `rootless`, `uids`, `gids` and `user` are filled in by [`plan`]).
    pub id_facts: userns::idmap::IdFacts,
    /// The time zone (`--tz`, else containers.conf's `tz`) and how the
    /// container's `/etc/localtime` gets it.
    pub timezone: Option<(spec::Timezone, LocalTime)>,
    /// containers.conf `umask`.
    pub default_umask: Option<spec::Umask>,
    /// The container's directory (its `etc/` files are bind-mounted from there).
    pub container_dir: PathBuf,
    /// Where volumes live (`<dir>/NAME/_data`).
    pub volumes_dir: PathBuf,
    /// The `volume create -o` options of the existing volumes the request
    /// names (`type=tmpfs`, `type=bind,device=PATH`), by name.
    pub volume_options:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// The storage driver of the container's root file system.
    pub storage_driver: Driver,
    /// overlay's mount program, if not the kernel's overlay.
    pub mount_program: Option<PathBuf>,
    /// The default network mode, when the request leaves it to the host.
    pub default_network: Option<Mode>,
    /// containers.conf `default_ulimits`.
    pub default_ulimits: Vec<Ulimit>,
    /// containers.conf `env`.
    pub default_env: Vec<String>,
    /// mounts.conf's entries whose host path exists (host, container):
    /// bound read-only unless the request mounts something there.
    pub default_mounts: Vec<(PathBuf, PathBuf)>,
    /// The host's limits.
    pub limits: HostLimits,
    /// The machine, for seccomp profiles' conditions.
    pub seccomp_host: Host,
    /// The image's `/etc/passwd` (to resolve `--user` names).
    pub image_passwd: Option<String>,
    /// The image's `/etc/group`.
    pub image_group: Option<String>,
    /// The host's `/etc/resolv.conf`.
    pub host_resolv_conf: String,
    /// The hosts file `/etc/hosts` adds to (containers.conf's `base_hosts_file`).
    pub base_hosts: String,
    /// The container whose network the new one joins.
    pub network_target: Option<TargetFacts>,
    /// The pod the new container joins (`--pod`).
    pub pod: Option<PodFacts>,
    /// How the host's cgroups are mounted (`None`: no cgroup file system).
    pub cgroups: Option<crate::cgroups::Layout>,
    /// Major and minor numbers of the block devices the request's I/O
    /// limits name (read only then; a missing one is refused).
    pub block_devices: std::collections::BTreeMap<PathBuf, (i64, i64)>,
    /// The host's name (`--uts host`: the container's).
    pub host_name: String,
    /// Whether the host has an mqueue file system on /dev/mqueue (rootless
    /// `--ipc host` binds it).
    pub host_mqueue: bool,
    /// rpod's own `/proc/self/oom_score_adj` (rootless, the lowest a
    /// container can get).
    pub oom_score_adj: i32,
    /// The request's `--device`s, resolved on the host.
    pub devices: Vec<spec::HostDevice>,
    /// The stored secrets the request's `--secret`s name, in their order.
    pub secrets: Vec<crate::secret::Secret>,
    /// The host's proxy variables the container gets (`--http-proxy`;
    /// empty when off).
    pub proxy_env: Vec<spec::EnvVar>,
    /// The layers of the images the request's image mounts name.
    pub image_mounts: Vec<ImageMountFacts>,
}

/// How the new container gets its name (decided under the store's lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameRequest {
    /// `--name` (already checked against the grammar).
    Given {
        /// The name.
        name: String,
        /// `--replace`: a container holding it is removed first.
        replace: bool,
    },
    /// A generated `adjective_noun` name no container holds.
    Generated,
}

/// A volume the container uses, to create when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeUse {
    /// Its name.
    pub name: String,
    /// Made for this container (`-v /path`, an image's volume).
    pub anonymous: bool,
}

/// A tree to give to the container's user (`:U`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Chown {
    /// The tree (a host path or a volume's directory).
    pub path: PathBuf,
    /// The uid inside the container.
    pub uid: u32,
    /// The gid inside the container.
    pub gid: u32,
}

/// How a container's `/etc/localtime` shows its time zone, as podman
/// makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTime {
    /// The image has the zone's file: `/etc/localtime` becomes a link to
    /// it (this relative target, `../usr/share/zoneinfo/NAME`), written
    /// into the container's root.
    Link(String),
    /// The image lacks it: a copy of the host's zone file, bind-mounted.
    Copy(Vec<u8>),
}

/// A `--secret` file to write into the container's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretFile {
    /// The secret's ID (its data is read when the plan is committed).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The container's copy (bind-mounted read-only).
    pub path: PathBuf,
    /// The owner, as an id of rpod's user namespace (the container's uid
    /// mapped through both id maps; rootful: the uid itself).
    pub uid: u32,
    /// The group, likewise.
    pub gid: u32,
    /// The mode.
    pub mode: u32,
}

/// Where podman tells a container it runs in one.
pub const CONTAINERENV: &str = "/run/.containerenv";

/// What creating a container writes.
#[derive(Debug, Clone)]
pub struct CreatePlan {
    /// The record; its name is filled in by the commit ([`CreatePlan::name`]),
    /// and published ports with host port 0 get a free one then.
    pub config: Config,
    /// How the name is chosen.
    pub name: NameRequest,
    /// The OCI runtime spec.
    pub spec: Spec,
    /// `/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf` for `etc/`.
    pub etc: NetworkFiles,
    /// `/etc/passwd` and `/etc/group` with entries added (keep-id,
    /// `--hostuser`, a numeric `--user`) for `etc/`.
    pub keep_id: KeepIdFiles,
    /// The container's `/etc/localtime` (`--tz`).
    pub localtime: Option<LocalTime>,
    /// Volumes to create when missing, in order.
    pub volumes: Vec<VolumeUse>,
    /// Trees to chown.
    pub chown: Vec<Chown>,
    /// `--secret` files to write.
    pub secret_files: Vec<SecretFile>,
    /// Host paths that bind mounts need (they must exist).
    pub bind_sources: Vec<PathBuf>,
    /// Whether the record is synced to disk (not for `--rm` containers,
    /// which live for one run).
    pub durable: bool,
    /// What to tell the user (podman's: limits ignored rootless on cgroup v1).
    pub warnings: Vec<String>,
    /// `/run/.containerenv` to write into `etc/` (`None`: a mount of the
    /// user's covers it): empty, or with the container's facts when
    /// privileged (`Some(true)`), as podman writes it.
    pub containerenv: Option<bool>,
}

/// The name of the anonymous volume for the `n`th mount of container `id`
/// (64 hex digits, unique as the container's ID is).
pub fn anonymous_volume_name(id: &str, n: usize) -> String {
    crate::digest::Digest::sha256_of(format!("{id}\n{n}").as_bytes())
        .hex()
        .to_string()
}

/// Plans a new container.
pub fn plan(
    spec: &ContainerSpec,
    image: &ImageConfig,
    host: &HostFacts,
) -> Result<CreatePlan, CreateError> {
    spec.validate()?;
    // The host's proxy variables: over the image's, under -e.
    let with_proxy;
    let spec = if host.proxy_env.is_empty() {
        spec
    } else {
        let mut s = spec.clone();
        s.process.env.splice(0..0, host.proxy_env.iter().cloned());
        with_proxy = s;
        &with_proxy
    };
    let name = match &spec.name {
        Some(n) => {
            // Docker's `/NAME` (what its inspect prints) names NAME, as in podman.
            let n = n.strip_prefix('/').unwrap_or(n);
            super::valid_name(n)?;
            NameRequest::Given {
                name: n.to_string(),
                replace: spec.replace,
            }
        }
        None => NameRequest::Generated,
    };
    let (mode, target) = network_mode(spec, host)?;
    let (ports, ports_warning) = published_ports(spec, image, &mode)?;
    let (uid_map, gid_map, user, own_maps) = id_maps(spec, host)?;
    let joins_userns = matches!(spec.userns, UsernsMode::Ns(_));
    if let (Some(t), true) = (target, host.rootless) {
        if t.uid_map != uid_map || t.gid_map != gid_map {
            return Err(CreateError::TargetOtherMappings {
                mode: spec.network.mode.clone().unwrap_or_else(|| mode.clone()),
                name: t.name.clone(),
            });
        }
    }
    let mut mounts = resolve_mounts(spec, image, host)?;
    let (secrets, secret_files, secret_binds) = plan_secrets(spec, host, &uid_map, &gid_map)?;
    mounts.binds.extend(secret_binds);
    let workdir = spec
        .process
        .workdir
        .as_ref()
        .map(|w| w.to_string_lossy().into_owned())
        .filter(|w| !w.is_empty())
        .or_else(|| Some(image.working_dir.clone()).filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".to_string());
    let mounted: Vec<PathBuf> = mounts
        .record
        .iter()
        .map(|m| m.destination.clone())
        .collect();
    let keep_id_user = match (&spec.userns, &host.user) {
        (UsernsMode::KeepId(k), Some(u)) => Some(KeepIdUser {
            uid: k.uid.unwrap_or(u.uid),
            gid: k.gid.unwrap_or(u.gid),
            ..u.clone()
        }),
        (UsernsMode::KeepId(_), None) => return Err(CreateError::MissingFact("the calling user")),
        _ => None,
    };
    let mut accounts = Accounts {
        passwd: host.image_passwd.as_deref(),
        group: host.image_group.as_deref(),
        host_users: &host.host_users,
        current: keep_id_user.as_ref(),
        user: spec.process.user.as_ref(),
        workdir: &workdir,
        mounted: &mounted,
        passwd_entry: spec.accounts.passwd_entry.as_deref(),
        group_entry: spec.accounts.group_entry.as_deref(),
    }
    .render()?;
    let healthcheck = spec.health.resolve(image.healthcheck.as_ref());
    if healthcheck.is_none() && spec.health.on_failure != crate::health::OnFailure::None {
        return Err(CreateError::OnFailureWithoutCheck(spec.health.on_failure));
    }
    if healthcheck.is_none() && spec.health.startup.is_some() {
        return Err(CreateError::StartupWithoutCheck);
    }
    if healthcheck.is_none() && spec.sdnotify == crate::spec::SdNotifyMode::Healthy {
        return Err(CreateError::SdNotifyHealthyWithoutCheck);
    }
    let namespaces = host::namespaces(spec, host);
    let hostname = match (&spec.hostname, &namespaces.uts) {
        (Some(h), _) => h.clone(),
        (None, spec::NsMode::Host) => host.host_name.clone(),
        (None, _) => host.id[..12.min(host.id.len())].to_string(),
    };
    let netns = if mode == Mode::Host {
        Netns::Host
    } else {
        Netns::New
    };
    let with_tmpfs;
    let spec = if mounts.tmpfs.is_empty() {
        spec
    } else {
        with_tmpfs = ContainerSpec {
            mounts: spec.mounts.iter().chain(&mounts.tmpfs).cloned().collect(),
            ..spec.clone()
        };
        &with_tmpfs
    };
    let mut oci = spec::generate(
        spec,
        image,
        &Resolved {
            hostname: &hostname,
            user: user.as_ref().or(spec.process.user.as_ref()),
            passwd: accounts.passwd.as_deref().or(host.image_passwd.as_deref()),
            group: accounts.group.as_deref().or(host.image_group.as_deref()),
            netns,
            id_maps: (host.rootless || own_maps.is_some() || joins_userns)
                .then_some((uid_map.as_slice(), gid_map.as_slice())),
            umask: spec
                .process
                .umask
                .or(host.default_umask)
                .unwrap_or_default(),
            binds: &mounts.binds,
            default_ulimits: &host.default_ulimits,
            default_env: &host.default_env,
            limits: &host.limits,
            seccomp_host: host.seccomp_host,
        },
    )?;
    if let UsernsMode::Ns(path) = &spec.userns {
        spec::join_namespace(&mut oci, oci_spec::runtime::LinuxNamespaceType::User, path)?;
        if let Some(linux) = oci.linux_mut() {
            linux.set_uid_mappings(None);
            linux.set_gid_mappings(None);
        }
    }
    if let SeccompPolicy::Profile(p) = &spec.security.seccomp {
        // Refuse now what `start` could not install.
        if let Some(s) = oci.linux().as_ref().and_then(|l| l.seccomp().as_ref()) {
            crate::runtime::check_seccomp(s).map_err(|e| CreateError::Seccomp {
                path: p.path().to_path_buf(),
                message: e.to_string(),
            })?;
        }
    }
    let (uid, gid) = oci
        .process()
        .as_ref()
        .map_or((0, 0), |p| (p.user().uid(), p.user().gid()));
    let chown: Vec<Chown> = std::mem::take(&mut mounts.chown)
        .into_iter()
        .map(|path| Chown { path, uid, gid })
        .collect();
    let command = oci
        .process()
        .as_ref()
        .and_then(|p| p.args().clone())
        .unwrap_or_default();

    let net = &spec.network;
    let etc = NetworkFiles::render(&EtcContent {
        hostname: &hostname,
        host_resolv: &host.host_resolv_conf,
        dns: &net.dns,
        dns_search: &net.dns_search,
        dns_options: &net.dns_options,
        hosts: &net.add_hosts,
        base_hosts: &host.base_hosts,
    });
    let etc_dir = host.container_dir.join("etc");
    let shared = target.map(|t| t.etc_mounts.as_slice()).unwrap_or_default();
    let mut oci_mounts = oci.mounts().clone().unwrap_or_default();
    image_mounts::insert_overlays(&mut oci_mounts, std::mem::take(&mut mounts.overlays));
    // `--read-only` (with `--read-only-tmpfs`, its default): podman's
    // writable tmpfs where programs write, unless a mount is there. First:
    // mounts below them come after. `kube play` containers get them always.
    if spec.read_write_tmpfs || spec.read_only == Some(true) && spec.read_only_tmpfs != Some(false)
    {
        for dir in ["/tmp", "/var/tmp", "/run"].iter().rev() {
            if !oci_mounts.iter().any(|m| m.destination() == Path::new(dir)) {
                oci_mounts.insert(
                    0,
                    spec::mount(
                        dir,
                        "tmpfs",
                        "tmpfs",
                        &["rw", "nosuid", "nodev", "mode=1777"],
                    )?,
                );
            }
        }
    }
    // `--read-only --read-only-tmpfs=false`: /dev and /dev/shm read-only
    // too, as podman (once the devices are made: read-only paths).
    if spec.read_only == Some(true) && spec.read_only_tmpfs == Some(false) {
        if let Some(linux) = oci.linux_mut() {
            let mut ro = linux.readonly_paths().clone().unwrap_or_default();
            ro.extend(["/dev".to_string(), "/dev/shm".to_string()]);
            linux.set_readonly_paths(Some(ro));
        }
    }
    let own = oci_mounts.len();
    // A pod's members share the pod's files.
    let net_etc_dir = host
        .pod
        .as_ref()
        .and_then(|p| p.etc_dir.clone())
        .unwrap_or_else(|| etc_dir.clone());
    // `--no-hosts`: the image's /etc/hosts stays.
    // `--no-hostname`: nor its /etc/hostname.
    let keep = |m: &Mount| {
        !(net.no_hosts && m.destination() == Path::new("/etc/hosts")
            || net.no_hostname && m.destination() == Path::new("/etc/hostname"))
    };
    oci_mounts.extend(
        NetworkFiles::mounts(&net_etc_dir)?
            .into_iter()
            .filter(|m| !shared.iter().any(|s| s.destination() == m.destination()))
            .filter(keep),
    );
    oci_mounts.extend(shared.iter().filter(|m| keep(m)).cloned());
    // podman changes a writable container's own files (its rootfs, not a
    // `--rootfs` directory given as is); a read-only one gets bind mounts.
    accounts.in_root =
        spec.read_only != Some(true) && spec.rootfs.as_ref().is_none_or(|r| r.overlay);
    oci_mounts.extend(accounts.mounts(&etc_dir)?);
    // podman's /run/.containerenv, unless a mount gives /run/.containerenv
    // or a /run that is not a tmpfs.
    let covered = oci_mounts.iter().any(|m| {
        m.destination() == Path::new(CONTAINERENV)
            || (m.destination() == Path::new("/run") && m.typ().as_deref() != Some("tmpfs"))
    });
    let containerenv = (!covered).then_some(spec.security.privileged);
    if containerenv.is_some() {
        oci_mounts.push(spec::mount(
            CONTAINERENV,
            "bind",
            &etc_dir.join(".containerenv").to_string_lossy(),
            &["rbind", "ro"],
        )?);
    }
    // keep-id: HOME follows the user's entry (not the image's HOME),
    // unless given with -e.
    if let Some(u) = &keep_id_user {
        if !spec.process.env.iter().any(|e| e.name == "HOME") {
            let passwd = accounts.passwd.as_deref().or(host.image_passwd.as_deref());
            let home = spec::resolve_user(&u.uid.to_string(), passwd, None)?.home;
            if let Some(p) = oci.process_mut() {
                let env = p.env().clone().unwrap_or_default().into_iter();
                let env = env.map(|e| {
                    if e.starts_with("HOME=") {
                        format!("HOME={home}")
                    } else {
                        e
                    }
                });
                p.set_env(Some(env.collect()));
            }
        }
    }
    let keep_id = accounts;
    if let Some((_, LocalTime::Copy(_))) = &host.timezone {
        oci_mounts.push(spec::mount(
            "/etc/localtime",
            "bind",
            &etc_dir.join("localtime").to_string_lossy(),
            &["rbind", "ro"],
        )?);
    }
    if let Some(shm) = host.pod.as_ref().and_then(|p| p.shm_dir.as_ref()) {
        for m in oci_mounts
            .iter_mut()
            .filter(|m| m.destination() == Path::new("/dev/shm"))
        {
            *m = spec::mount(
                "/dev/shm",
                "bind",
                &shm.to_string_lossy(),
                &["rbind", "rw", "nosuid", "nodev", "noexec"],
            )?;
        }
    }
    if spec.read_only == Some(true) {
        spec::read_only_binds(&mut oci_mounts[own..]);
    }
    oci.set_mounts(Some(oci_mounts));
    let (resources, mut warnings) = resources(spec, host, &mut oci)?;
    // podman prints the ports' warning first.
    warnings.splice(0..0, ports_warning);
    host::apply_namespaces(&mut oci, &namespaces, host.rootless, host.host_mqueue)?;
    let systemd = spec.systemd.applies(&command);
    let devices: Vec<spec::HostDevice> = host
        .devices
        .iter()
        .filter(|d| {
            !spec.security.privileged
                || !spec::devices::privileged_skips(&d.container, host.rootless, systemd)
        })
        .cloned()
        .collect();
    let device_rules = host::device_rules(spec, host)?;
    host::apply_devices(&mut oci, &devices, &device_rules, host.rootless)?;
    host::apply_systemd(&mut oci, spec, host, &namespaces, &command)?;

    let config = Config {
        id: host.id.clone(),
        name: String::new(),
        image: spec.image.reference.clone(),
        image_id: image.id.clone(),
        image_name: image.name.clone(),
        command,
        user: spec
            .process
            .user
            .as_ref()
            .map_or_else(|| image.user.clone(), ToString::to_string),
        created: host.created,
        auto_remove: spec.auto_remove,
        is_service: spec.service,
        tty: spec.process.tty,
        interactive: spec.process.interactive,
        restart: spec.restart,
        // podman: systemd mode stops with SIGRTMIN+3 unless told otherwise.
        stop_signal: match spec.stop_signal.or(image.stop_signal) {
            Some(s) => s.into(),
            None if systemd => StopSignal::rtmin_plus_3(),
            None => StopSignal::default(),
        },
        stop_timeout: spec.stop_timeout.unwrap_or(10),
        log_driver: spec.log.driver.unwrap_or_default(),
        log_max_size: spec.log.max_size,
        log_tag: spec.log.tag.clone(),
        cidfile: spec.cidfile.clone(),
        // The image's labels, then --label (as podman: events, inspect and
        // filters see both).
        labels: image
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .chain(spec.labels.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect(),
        network: mode,
        pod: host.pod.as_ref().map(|p| p.id.clone()),
        mounts: mounts.record,
        hostname,
        rootless: host.rootless,
        port_mappings: ports,
        dns: net.dns.clone(),
        dns_search: net.dns_search.clone(),
        dns_options: net.dns_options.clone(),
        add_hosts: net.add_hosts.clone(),
        volumes: mounts.volumes.iter().map(|v| v.name.clone()).collect(),
        anonymous_volumes: mounts
            .volumes
            .iter()
            .filter(|v| v.anonymous)
            .map(|v| v.name.clone())
            .collect(),
        sdnotify: spec.sdnotify,
        userns: spec.userns.clone(),
        id_mappings: own_maps.map(|m| (m.uids, m.gids)),
        group_add: spec
            .process
            .group_add
            .iter()
            .map(ToString::to_string)
            .collect(),
        umask: spec
            .process
            .umask
            .or(host.default_umask)
            .unwrap_or_default(),
        timezone: host.timezone.as_ref().map(|(t, _)| t.clone()),
        host_users: spec.accounts.host_users.clone(),
        passwd_entry: spec.accounts.passwd_entry.clone(),
        group_entry: spec.accounts.group_entry.clone(),
        create_command: spec.create_command.clone(),
        storage_driver: host.storage_driver,
        mount_program: host.mount_program.clone(),
        healthcheck,
        health: spec.health.settings(),
        startup_healthcheck: spec.health.startup.clone(),
        resources,
        cgroup_parent: spec.cgroup_parent.clone(),
        healthcheck_disabled: spec.health.check == crate::health::Check::Disabled,
        shm_size: spec.shm_size,
        annotations: spec.annotations.clone(),
        sysctls: spec
            .sysctls
            .iter()
            .map(|s| (s.key.clone(), s.value.clone()))
            .collect(),
        namespaces,
        // podman shows none for a privileged container.
        devices: devices
            .iter()
            .filter(|_| !spec.security.privileged)
            .map(|d| spec::DeviceSpec {
                host: d.host.clone(),
                container: d.container.clone(),
                permissions: d.permissions.clone(),
            })
            .collect(),
        device_rules,
        rootfs: spec.rootfs.clone(),
        systemd,
        shm_size_systemd: spec.shm_size_systemd,
        privileged: spec.security.privileged,
        hooks_dirs: Vec::new(),
        secrets,
        exposed_ports: exposed_ports(spec, image),
        timeout: spec.timeout.filter(|t| *t > 0),
        requires: spec.requires.clone(),
        chown: chown.clone(),
        conmon_pidfile: spec.conmon_pidfile.clone(),
    };
    Ok(CreatePlan {
        config,
        name,
        spec: oci,
        etc,
        keep_id,
        localtime: host.timezone.as_ref().map(|(_, l)| l.clone()),
        volumes: mounts.volumes,
        chown,
        bind_sources: mounts.bind_sources,
        secret_files,
        durable: !spec.auto_remove,
        warnings,
        containerenv,
    })
}

/// The limits the container gets and podman's warnings: rootless without
/// a cgroup to write (cgroup v1 here) they are dropped with its warning, as
/// podman drops them; otherwise they go into the spec's `linux.resources`
/// (devices by the numbers in the facts). `--oom-score-adj` is a process
/// setting and is kept either way.
fn resources(
    spec: &ContainerSpec,
    host: &HostFacts,
    oci: &mut Spec,
) -> Result<(crate::spec::resources::Resources, Vec<String>), CreateError> {
    use crate::cgroups::{self, Plan};
    let mut r = spec.resources.clone();
    let mut warnings = Vec::new();
    let managed = match &host.cgroups {
        Some(layout) => matches!(
            cgroups::plan(
                layout,
                host.rootless,
                spec.cgroup_parent.as_deref(),
                &host.id
            ),
            Plan::Managed(_)
        ),
        None => false,
    };
    if !managed && !r.is_empty() {
        if host.rootless {
            let unified = host
                .cgroups
                .as_ref()
                .is_some_and(cgroups::Layout::is_unified);
            warnings.push(
                if unified {
                    cgroups::V2_ROOTLESS_NO_PARENT
                } else {
                    cgroups::V1_ROOTLESS_WARNING
                }
                .to_string(),
            );
        } else {
            warnings.push(
                "Resource limits are ignored: this host has no cgroup file system mounted".into(),
            );
        }
        r = crate::spec::resources::Resources {
            oom_score_adj: r.oom_score_adj,
            ..Default::default()
        };
    }
    let devices = |p: &Path| {
        host.block_devices.get(p).copied().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such block device")
        })
    };
    let linux_resources = r.to_oci(devices).map_err(CreateError::Resources)?;
    if let Some(adj) = r.oom_score_adj.as_mut() {
        // podman's clamp: rootless cannot go below its own.
        if host.rootless && *adj < host.oom_score_adj {
            warnings.push(format!(
                "Requested oom_score_adj={adj} is lower than the current one, changing to {}",
                host.oom_score_adj
            ));
            *adj = host.oom_score_adj;
        }
    }
    if let Some(adj) = r.oom_score_adj {
        if let Some(p) = oci.process_mut() {
            p.set_oom_score_adj(Some(adj));
        }
    }
    if let (Some(limits), Some(linux)) = (linux_resources, oci.linux_mut()) {
        // Beside what the spec has there already (the device rules).
        let mut res = linux.resources().clone().unwrap_or_default();
        res.set_memory(*limits.memory());
        res.set_cpu(limits.cpu().clone());
        res.set_pids(*limits.pids());
        res.set_block_io(limits.block_io().clone());
        linux.set_resources(Some(res));
    }
    Ok((r, warnings))
}

/// The network mode to record (the default resolved, `container:` by the
/// other container's ID), with the other container's facts.
fn network_mode<'a>(
    spec: &ContainerSpec,
    host: &'a HostFacts,
) -> Result<(Mode, Option<&'a TargetFacts>), CreateError> {
    let mode = match (&spec.network.mode, &host.default_network) {
        (Some(m), _) | (None, Some(m)) => m.clone(),
        (None, None) => return Err(CreateError::MissingFact("the default network mode")),
    };
    match mode {
        // Rootless, a bridge container joins the holder's user namespace,
        // which has rpod's own mapping.
        Mode::Bridge(nets)
            if host.rootless && (spec.userns != UsernsMode::Host || spec.id_maps.is_set()) =>
        {
            Err(CreateError::BridgeUserns(nets))
        }
        Mode::Bridge(nets) => Ok((Mode::Bridge(nets), None)),
        Mode::Container(_) => {
            let t = host
                .network_target
                .as_ref()
                .ok_or(CreateError::MissingFact(
                    "the container whose network is joined",
                ))?;
            if t.network == Mode::Host {
                // Its network is the host's: so is this one's (a rootless
                // container cannot enter the host's namespace, but it can
                // have the host's network as `--network host` has it).
                return Ok((Mode::Host, None));
            }
            Ok((Mode::Container(t.id.clone()), Some(t)))
        }
        m => Ok((m, None)),
    }
}

/// The image's exposed ports and `--expose`'s (`80/tcp` keys, each once).
fn exposed_ports(spec: &ContainerSpec, image: &ImageConfig) -> Vec<String> {
    let mut out = image.exposed_ports.clone();
    for k in spec.network.expose.iter().flat_map(|e| e.keys()) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// `-p` and `-P`'s ports (host port 0: chosen at commit). In a mode that
/// cannot publish (host, none, another container's or a path's namespace)
/// they are discarded, with podman's warning when `-p` gave some.
fn published_ports(
    spec: &ContainerSpec,
    image: &ImageConfig,
    mode: &Mode,
) -> Result<(Vec<PortMapping>, Option<String>), CreateError> {
    // A bridge mode publishes through the holder's relay.
    if !mode.has_helper() && !matches!(mode, Mode::Bridge(_)) {
        let warning = (!spec.network.ports.is_empty()).then(|| {
            let kind = match mode {
                Mode::Host => "host",
                Mode::None => "none",
                Mode::Container(_) => "container",
                _ => "path",
            };
            format!(
                "Port mappings have been discarded because \"{kind}\" network namespace mode does not support them"
            )
        });
        return Ok((Vec::new(), warning));
    }
    let mut ports = spec.network.ports.clone();
    if spec.network.publish_all {
        ports.extend(
            network::ports::publish_all(&exposed_ports(spec, image))
                .map_err(CreateError::ExposedPorts)?,
        );
    }
    Ok((ports, None))
}

/// A container's uid maps, gid maps (host ids), keep-id's default user
/// and its own maps (intermediate ids; `None`: rpod's default).
type IdMapsAndUser = (
    Vec<IdMap>,
    Vec<IdMap>,
    Option<UserSpec>,
    Option<userns::idmap::ContainerMaps>,
);

/// The container's uid and gid maps (empty rootful by default) and, for
/// keep-id, the user it runs as unless `--user` says otherwise.
fn id_maps(spec: &ContainerSpec, host: &HostFacts) -> Result<IdMapsAndUser, CreateError> {
    // Rootful, maps name host ids directly.
    let identity;
    let m = if host.rootless {
        &host.mappings
    } else {
        identity = IdMappings::identity_root();
        &identity
    };
    let first = |v: &[IdMap]| v.first().map(|m| m.host_id);
    let facts = userns::idmap::IdFacts {
        rootless: host.rootless,
        uids: m.uids.clone(),
        gids: m.gids.clone(),
        user: (first(&m.uids).unwrap_or(0), first(&m.gids).unwrap_or(0)),
        ..host.id_facts.clone()
    };
    let own = userns::idmap::container_maps(&spec.userns, &spec.id_maps, &facts)
        .map_err(CreateError::IdMaps)?;
    if let UsernsMode::Ns(_) = &spec.userns {
        // Joined: its own maps come with it.
        return Ok((Vec::new(), Vec::new(), None, None));
    }
    let Some(own) = own else {
        return Ok(if host.rootless {
            (
                host.mappings.uids.clone(),
                host.mappings.gids.clone(),
                None,
                None,
            )
        } else {
            (Vec::new(), Vec::new(), None, None)
        });
    };
    let uids = userns::idmap::to_host(&own.uids, &m.uids).map_err(CreateError::IdMaps)?;
    let gids = userns::idmap::to_host(&own.gids, &m.gids).map_err(CreateError::IdMaps)?;
    let user = match &spec.userns {
        UsernsMode::KeepId(k) if spec.process.user.is_none() => Some(UserSpec::ids(
            k.uid.unwrap_or(facts.user.0),
            k.gid.unwrap_or(facts.user.1),
        )),
        _ => None,
    };
    Ok((uids, gids, user, Some(own)))
}

/// The request's mounts (then an anonymous volume for each of the image's
/// `Volumes` that no mount covers, as podman's `--image-volume=anonymous`)
/// with their sources resolved.
#[derive(Debug, Default)]
struct ResolvedMounts {
    /// Bind mounts for the spec (tmpfs mounts stay in the request).
    binds: Vec<Bind>,
    /// The mounts as recorded (anonymous volumes named).
    record: Vec<MountSpec>,
    /// Volumes used, in order.
    volumes: Vec<VolumeUse>,
    /// `:U` trees.
    chown: Vec<PathBuf>,
    /// Bind sources that must exist.
    bind_sources: Vec<PathBuf>,
    /// tmpfs mounts the request does not list (`--image-volume tmpfs`).
    tmpfs: Vec<MountSpec>,
    /// Image mounts made with overlay (placed among the spec's mounts).
    overlays: Vec<Mount>,
}

fn resolve_mounts(
    spec: &ContainerSpec,
    image: &ImageConfig,
    host: &HostFacts,
) -> Result<ResolvedMounts, CreateError> {
    // The same mount twice is one mount; two different ones at one place
    // are an error, as in podman.
    let mut all: Vec<MountSpec> = Vec::new();
    for m in &spec.mounts {
        match all.iter().find(|x| x.targets(&m.destination)) {
            Some(x) if x == m => {}
            Some(_) => {
                return Err(CreateError::DuplicateDestination(
                    m.destination.to_string_lossy().into_owned(),
                ))
            }
            None => all.push(m.clone()),
        }
    }
    let mut out = ResolvedMounts::default();
    for dest in &image.volumes {
        let taken = spec.mounts.iter().any(|m| m.targets(dest));
        if taken || !dest.is_absolute() {
            continue;
        }
        match spec.image_volume.unwrap_or_default() {
            ImageVolumeMode::Anonymous => {
                all.push(MountSpec::new(MountSource::AnonymousVolume, dest.clone()))
            }
            ImageVolumeMode::Tmpfs => {
                let t = MountSpec::new(MountSource::Tmpfs, dest.clone());
                out.tmpfs.push(t.clone());
                all.push(t);
            }
            ImageVolumeMode::Ignore => {}
        }
    }
    let volume_dir = |name: &str| volume_path(&host.volumes_dir, name);
    for (n, m) in all.into_iter().enumerate() {
        let (source, record) = match &m.source {
            MountSource::Tmpfs => {
                out.record.push(m);
                continue;
            }
            MountSource::Image { image, subpath } => {
                match image_mounts::plan_image_mount(
                    &m,
                    image,
                    subpath.as_deref(),
                    n,
                    &host.image_mounts,
                    &host.container_dir,
                )? {
                    image_mounts::ImageMountPlan::Bind(b) => out.binds.push(b),
                    image_mounts::ImageMountPlan::Overlay(o) => out.overlays.push(o),
                }
                out.record.push(m);
                continue;
            }
            MountSource::Bind(p) => {
                if p.is_relative() {
                    return Err(CreateError::RelativeBind(Box::new(m.clone())));
                }
                out.bind_sources.push(p.clone());
                (p.clone(), m.clone())
            }
            MountSource::Volume(name) => {
                out.volumes.push(VolumeUse {
                    name: name.clone(),
                    anonymous: false,
                });
                let opts = host.volume_options.get(name);
                let opt = |k: &str| opts.and_then(|o| o.get(k)).map(String::as_str);
                match opt("type").unwrap_or("") {
                    "" | "none" if opt("device").is_none() => (volume_dir(name), m.clone()),
                    // A bind volume: its device, mounted as -v would.
                    "bind" | "none" | "" => {
                        let device = PathBuf::from(opt("device").unwrap_or_default());
                        out.bind_sources.push(device.clone());
                        (device, m.clone())
                    }
                    // A tmpfs volume: a tmpfs with its `o=` options.
                    "tmpfs" => {
                        let mut t = MountSpec::new(MountSource::Tmpfs, m.destination.clone());
                        t.read_only = m.read_only;
                        t.options = opt("o")
                            .unwrap_or_default()
                            .split(',')
                            .filter(|o| !o.is_empty())
                            .map(str::to_string)
                            .collect();
                        if !m.copy_up {
                            t.options.push("notmpcopyup".into());
                        }
                        if m.read_only {
                            t.options.push("ro".into());
                        }
                        out.tmpfs.push(t);
                        out.record.push(m.clone());
                        continue;
                    }
                    other => return Err(CreateError::VolumeType(name.clone(), other.to_string())),
                }
            }
            MountSource::AnonymousVolume => {
                let name = anonymous_volume_name(&host.id, n);
                out.volumes.push(VolumeUse {
                    name: name.clone(),
                    anonymous: true,
                });
                let record = MountSpec {
                    source: MountSource::Volume(name.clone()),
                    ..m.clone()
                };
                (volume_dir(&name), record)
            }
        };
        if m.chown {
            out.chown.push(source.clone());
        }
        out.binds.push(Bind {
            source,
            destination: m.destination.clone(),
            read_only: m.read_only,
            copy_up: m.copy_up,
            options: m.options.clone(),
        });
        out.record.push(record);
    }
    // mounts.conf: not part of the record (inspect does not show them, as
    // podman), read-only (podman copies them; a read-only bind keeps the
    // host's files as safe without the copy).
    for (source, destination) in &host.default_mounts {
        if spec.mounts.iter().any(|m| m.targets(destination))
            || out.binds.iter().any(|b| b.destination == *destination)
        {
            continue;
        }
        out.binds.push(Bind {
            source: source.clone(),
            destination: destination.clone(),
            read_only: true,
            copy_up: false,
            options: Vec::new(),
        });
    }
    Ok(out)
}

/// The secrets to record, the files to write and their bind mounts.
type PlannedSecrets = (Vec<super::ContainerSecret>, Vec<SecretFile>, Vec<Bind>);

/// The `--secret`s: each resolved to its stored secret (the facts, in
/// order), recorded; file secrets get a copy in the container's
/// directory, owned (through the container's id maps, then back through
/// rpod's own) by the uid and gid asked for, bind-mounted read-only.
fn plan_secrets(
    spec: &ContainerSpec,
    host: &HostFacts,
    uid_map: &[IdMap],
    gid_map: &[IdMap],
) -> Result<PlannedSecrets, CreateError> {
    let (mut record, mut files, mut binds) = (Vec::new(), Vec::new(), Vec::new());
    for (i, r) in spec.secrets.iter().enumerate() {
        let s = host
            .secrets
            .get(i)
            .ok_or(CreateError::MissingFact("a --secret's stored secret"))?;
        match &r.usage {
            spec::SecretUse::Env { name } => record.push(super::ContainerSecret {
                name: s.name.clone(),
                id: s.id.clone(),
                env: Some(name.clone()),
                uid: 0,
                gid: 0,
                mode: 0,
            }),
            spec::SecretUse::Mount { uid, gid, mode, .. } => {
                let owner = |id: u32, map: &[IdMap], ours: &[IdMap]| {
                    if !host.rootless {
                        return Some(id);
                    }
                    to_namespace(to_host(id, map)?, ours)
                };
                let (Some(ns_uid), Some(ns_gid)) = (
                    owner(*uid, uid_map, &host.mappings.uids),
                    owner(*gid, gid_map, &host.mappings.gids),
                ) else {
                    return Err(CreateError::SecretOwner {
                        name: s.name.clone(),
                        uid: *uid,
                        gid: *gid,
                    });
                };
                let path = crate::secret::container_copy(&host.container_dir, &s.name);
                binds.push(Bind {
                    source: path.clone(),
                    destination: r.destination(&s.name).unwrap_or_default(),
                    read_only: true,
                    copy_up: false,
                    options: Vec::new(),
                });
                files.push(SecretFile {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    path,
                    uid: ns_uid,
                    gid: ns_gid,
                    mode: *mode,
                });
                record.push(super::ContainerSecret {
                    name: s.name.clone(),
                    id: s.id.clone(),
                    env: None,
                    uid: *uid,
                    gid: *gid,
                    mode: *mode,
                });
            }
        }
    }
    Ok((record, files, binds))
}

/// The host id of a container's `id` under the map `map`.
fn to_host(id: u32, map: &[IdMap]) -> Option<u32> {
    map.iter()
        .find(|m| id >= m.container_id && id - m.container_id < m.size)
        .map(|m| m.host_id + (id - m.container_id))
}

/// The id in rpod's user namespace (mapped by `ours`) of host id `host`.
fn to_namespace(host: u32, ours: &[IdMap]) -> Option<u32> {
    ours.iter()
        .find(|m| host >= m.host_id && host - m.host_id < m.size)
        .map(|m| m.container_id + (host - m.host_id))
}

/// The directory of volume `name` in `volumes_dir` (`NAME/_data`).
pub fn volume_path(volumes_dir: &Path, name: &str) -> PathBuf {
    volumes_dir.join(name).join("_data")
}
