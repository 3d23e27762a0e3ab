//! The parts of a plan about the host's namespaces, devices and systemd
//! mode (`--pid`, `--ipc`, `--uts`, `--cgroupns`, `--device`,
//! `--device-cgroup-rule`, `--systemd`): changes to the generated runtime
//! spec, as podman makes them.

use oci_spec::runtime::{
    LinuxDevice, LinuxDeviceBuilder, LinuxDeviceCgroup, LinuxDeviceCgroupBuilder, LinuxDeviceType,
    LinuxNamespaceType, Mount, Spec,
};

use super::{CreateError, HostFacts};
use crate::spec::{
    self, ContainerSpec, DeviceRule, HostDevice, Namespaces, NsKind, NsMode, SystemdMode,
};

/// The modes the container gets: the request's (`container:` already by
/// ID), else podman's defaults (a private cgroup namespace only on cgroup
/// v2, as podman).
pub(super) fn namespaces(spec: &ContainerSpec, host: &HostFacts) -> Namespaces {
    let n = &spec.namespaces;
    let unified = host
        .cgroups
        .as_ref()
        .is_some_and(crate::cgroups::Layout::is_unified);
    Namespaces {
        pid: n.pid.clone().unwrap_or(NsMode::Private),
        ipc: n.ipc.clone().unwrap_or(NsMode::Shareable),
        uts: n.uts.clone().unwrap_or(NsMode::Private),
        cgroup: n.cgroup.clone().unwrap_or(if unified {
            NsMode::Private
        } else {
            NsMode::Host
        }),
    }
}

fn oci_type(kind: NsKind) -> LinuxNamespaceType {
    match kind {
        NsKind::Pid => LinuxNamespaceType::Pid,
        NsKind::Ipc => LinuxNamespaceType::Ipc,
        NsKind::Uts => LinuxNamespaceType::Uts,
        NsKind::Cgroup => LinuxNamespaceType::Cgroup,
    }
}

/// The runtime spec's namespaces and mounts for the modes: the host's
/// namespaces are left out (rootless, the host's /proc and /dev/mqueue
/// are bound, as a user namespace may not mount them there); joined ones
/// stay in the spec and get their path at start.
pub(super) fn apply_namespaces(
    oci: &mut Spec,
    ns: &Namespaces,
    rootless: bool,
    host_mqueue: bool,
) -> Result<(), CreateError> {
    if let Some(linux) = oci.linux_mut() {
        let mut list = linux.namespaces().clone().unwrap_or_default();
        list.retain(|n| {
            !NsKind::ALL
                .iter()
                .any(|k| oci_type(*k) == n.typ() && *ns.get(*k) == NsMode::Host)
        });
        linux.set_namespaces(Some(list));
    }
    if ns.uts == NsMode::Host {
        oci.set_hostname(None);
    }
    let mut mounts = oci.mounts().clone().unwrap_or_default();
    let replace = |mounts: &mut Vec<Mount>, dest: &str, m: Option<Mount>| {
        let at = mounts
            .iter()
            .position(|x| x.destination() == std::path::Path::new(dest));
        match (at, m) {
            (Some(i), Some(m)) => mounts[i] = m,
            (Some(i), None) => {
                mounts.remove(i);
            }
            (None, Some(m)) => mounts.push(m),
            (None, None) => {}
        }
    };
    if ns.pid == NsMode::Host && rootless {
        let m = spec::mount(
            "/proc",
            "bind",
            "/proc",
            &["rbind", "nosuid", "noexec", "nodev"],
        )?;
        replace(&mut mounts, "/proc", Some(m));
    }
    match ns.ipc {
        NsMode::Host => {
            let shm = spec::mount(
                "/dev/shm",
                "bind",
                "/dev/shm",
                &["rbind", "nosuid", "noexec", "nodev"],
            )?;
            replace(&mut mounts, "/dev/shm", Some(shm));
            if rootless {
                // The host's, when it has one; a user namespace may not
                // mount one for the host's IPC namespace.
                let mq = host_mqueue
                    .then(|| {
                        spec::mount(
                            "/dev/mqueue",
                            "bind",
                            "/dev/mqueue",
                            &["rbind", "nosuid", "noexec", "nodev"],
                        )
                    })
                    .transpose()?;
                replace(&mut mounts, "/dev/mqueue", mq);
            }
        }
        NsMode::None => replace(&mut mounts, "/dev/shm", None),
        _ => {}
    }
    oci.set_mounts(Some(mounts));
    Ok(())
}

/// The default devices' cgroup rules (runc's and podman's): mknod of
/// anything, and the standard nodes.
const DEFAULT_RULES: &[&str] = &[
    "c *:* m",
    "b *:* m",
    "c 1:3 rwm",
    "c 1:5 rwm",
    "c 1:7 rwm",
    "c 1:8 rwm",
    "c 1:9 rwm",
    "c 5:0 rwm",
    "c 5:1 rwm",
    "c 5:2 rwm",
    "c 136:* rwm",
    "c 10:200 rwm",
];

/// The device cgroup's allow list of a container with `--device-cgroup-rule`
/// (rootful only; the rest is denied): the defaults, its devices, its rules.
pub(super) fn device_rules(
    spec: &ContainerSpec,
    host: &HostFacts,
) -> Result<Vec<DeviceRule>, CreateError> {
    if spec.device_cgroup_rules.is_empty() || spec.security.privileged {
        return Ok(Vec::new());
    }
    if host.rootless {
        return Err(spec::Conflict::DeviceRulesRootless.into());
    }
    let mut rules: Vec<DeviceRule> = DEFAULT_RULES
        .iter()
        .map(|r| r.parse().expect("the default rules parse"))
        .collect();
    rules.extend(host.devices.iter().map(|d| DeviceRule {
        kind: d.kind,
        major: Some(d.major),
        minor: Some(d.minor),
        access: d.permissions.clone(),
    }));
    rules.extend(spec.device_cgroup_rules.iter().cloned());
    Ok(rules)
}

/// The devices in the runtime spec and their cgroup rules: rootful,
/// `linux.devices`, which the runtime creates; rootless, bind mounts of the
/// host's nodes (a user namespace cannot make device nodes), as podman.
pub(super) fn apply_devices(
    oci: &mut Spec,
    devices: &[HostDevice],
    rules: &[DeviceRule],
    rootless: bool,
) -> Result<(), CreateError> {
    if devices.is_empty() && rules.is_empty() {
        return Ok(());
    }
    if rootless {
        let mut mounts = oci.mounts().clone().unwrap_or_default();
        for d in devices {
            let rw = if d.permissions.contains('w') {
                "rw"
            } else {
                "ro"
            };
            mounts.push(spec::mount(
                &d.container.to_string_lossy(),
                "bind",
                &d.host.to_string_lossy(),
                &["rbind", "slave", "nosuid", "noexec", rw],
            )?);
        }
        oci.set_mounts(Some(mounts));
        return Ok(());
    }
    let bad = |e: oci_spec::OciSpecError| CreateError::Spec(spec::Error::Oci(e));
    let list: Vec<LinuxDevice> = devices
        .iter()
        .map(|d| {
            LinuxDeviceBuilder::default()
                .path(d.container.clone())
                .typ(if d.kind == 'b' {
                    LinuxDeviceType::B
                } else {
                    LinuxDeviceType::C
                })
                .major(d.major)
                .minor(d.minor)
                .file_mode(d.file_mode)
                .uid(d.uid)
                .gid(d.gid)
                .build()
        })
        .collect::<Result<_, _>>()
        .map_err(bad)?;
    let cgroup: Vec<LinuxDeviceCgroup> = std::iter::once(
        LinuxDeviceCgroupBuilder::default()
            .allow(false)
            .access("rwm")
            .build(),
    )
    .chain(rules.iter().map(|r| {
        let mut b = LinuxDeviceCgroupBuilder::default()
            .allow(true)
            .access(r.access.clone())
            .typ(match r.kind {
                'b' => LinuxDeviceType::B,
                'c' => LinuxDeviceType::C,
                _ => LinuxDeviceType::A,
            });
        if let Some(m) = r.major {
            b = b.major(m);
        }
        if let Some(m) = r.minor {
            b = b.minor(m);
        }
        b.build()
    }))
    .collect::<Result<_, _>>()
    .map_err(bad)?;
    if let Some(linux) = oci.linux_mut() {
        linux.set_devices(Some(list));
        if !rules.is_empty() {
            let mut res = linux.resources().clone().unwrap_or_default();
            res.set_devices(Some(cgroup));
            linux.set_resources(Some(res));
        }
    }
    Ok(())
}

/// Systemd mode (`--systemd`, podman's rules): tmpfs on /run, /run/lock,
/// /tmp and /var/log/journal (unless mounted already), `container_uuid`,
/// and the cgroup file system writable. Returns whether it applies.
pub(super) fn apply_systemd(
    oci: &mut Spec,
    spec: &ContainerSpec,
    host: &HostFacts,
    ns: &Namespaces,
    command: &[String],
) -> Result<bool, CreateError> {
    if !SystemdMode::applies(spec.systemd, command) {
        return Ok(false);
    }
    let mut mounts = oci.mounts().clone().unwrap_or_default();
    let size = spec.shm_size_systemd.map(|s| format!("size={s}"));
    for dest in spec::systemd::SYSTEMD_TMPFS {
        if mounts
            .iter()
            .any(|m| m.destination() == std::path::Path::new(dest))
        {
            continue;
        }
        let mut o = vec!["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"];
        if let Some(s) = &size {
            o.push(s);
        }
        mounts.push(spec::mount(dest, "tmpfs", "tmpfs", &o)?);
    }
    let unified = host
        .cgroups
        .as_ref()
        .is_some_and(crate::cgroups::Layout::is_unified);
    if unified {
        mounts.retain(|m| m.destination() != std::path::Path::new("/sys/fs/cgroup"));
        mounts.push(if ns.cgroup.is_new() {
            spec::mount("/sys/fs/cgroup", "cgroup2", "cgroup", &["private", "rw"])?
        } else {
            spec::mount(
                "/sys/fs/cgroup",
                "bind",
                "/sys/fs/cgroup",
                &["rbind", "private", "rw"],
            )?
        });
    } else if host.cgroups.is_some() {
        // cgroup v1: systemd's own hierarchy, bound from the host.
        mounts.push(spec::mount(
            "/sys/fs/cgroup",
            "tmpfs",
            "tmpfs",
            &["rw", "nosuid", "nodev", "noexec", "mode=755", "size=64k"],
        )?);
        mounts.push(spec::mount(
            "/sys/fs/cgroup/systemd",
            "bind",
            "/sys/fs/cgroup/systemd",
            &["rbind", "rprivate", "nosuid", "nodev", "noexec"],
        )?);
    }
    oci.set_mounts(Some(mounts));
    if let Some(p) = oci.process_mut() {
        let mut env = p.env().clone().unwrap_or_default();
        if !env.iter().any(|e| e.starts_with("container_uuid=")) {
            env.push(format!(
                "container_uuid={}",
                &host.id[..32.min(host.id.len())]
            ));
        }
        p.set_env(Some(env));
    }
    Ok(true)
}
