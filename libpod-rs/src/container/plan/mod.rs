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

use oci_spec::runtime::Mount;

use super::etc::{Accounts, EtcContent, KeepIdUser, NetworkFiles};
use super::Config;
use crate::image::config::ImageConfig;
use crate::network::Mode;
use crate::spec::{self, ContainerSpec, Netns, Resolved, SeccompPolicy, StopSignal, UsernsMode};

mod error;
mod facts;
mod host;
mod idmaps;
mod image_mounts;
mod mounts;
mod net;
mod output;
mod resources;
mod secrets;
#[cfg(test)]
mod tests;

pub use error::CreateError;
pub use facts::{ArtifactMountFacts, HostFacts, PodFacts, TargetFacts};
pub use image_mounts::{AutomountError, ImageMountFacts};
pub use mounts::{anonymous_volume_name, volume_path};
pub use output::{Chown, CreatePlan, LocalTime, NameRequest, SecretFile, VolumeUse, CONTAINERENV};

use idmaps::id_maps;
use mounts::resolve_mounts;
use net::{exposed_ports, network_mode, published_ports};
use resources::resources;
use secrets::plan_secrets;

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
    if spec.accounts.no_passwd {
        accounts = crate::container::etc::KeepIdFiles::default();
    }
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
    // `--chrootdirs`: the container's /etc/hosts and /etc/resolv.conf are
    // bound below each of them too (podman's mountIntoRootDirs).
    let chrooted: Vec<Mount> = spec
        .chroot_dirs
        .iter()
        .flat_map(|dir| {
            oci_mounts
                .iter()
                .filter(|m| {
                    m.destination() == Path::new("/etc/hosts")
                        || m.destination() == Path::new("/etc/resolv.conf")
                })
                .map(move |m| {
                    let mut m = m.clone();
                    let rel = m.destination().strip_prefix("/").unwrap_or(m.destination());
                    m.set_destination(dir.join(rel));
                    m
                })
        })
        .collect();
    oci_mounts.extend(chrooted);
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
        image_mount_ids: host.image_mounts.iter().fold(Vec::new(), |mut ids, f| {
            if !ids.contains(&f.image_id) {
                ids.push(f.image_id.clone());
            }
            ids
        }),
        entrypoint: match &spec.process.entrypoint {
            Some(e) => e.clone(),
            None => image.entrypoint.clone(),
        },
        command,
        user: spec
            .process
            .user
            .as_ref()
            .map_or_else(|| image.user.clone(), ToString::to_string),
        created: host.created,
        auto_remove: spec.auto_remove,
        remove_image: spec.remove_image,
        no_passwd: spec.accounts.no_passwd,
        is_service: spec.service,
        kube_exit_code_propagation: spec.service.then_some(spec.kube_exit_code_propagation),
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
        base_hosts_file: net.hosts_file.clone(),
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
        chroot_dirs: spec.chroot_dirs.clone(),
        pidfile: spec.pidfile.clone(),
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
