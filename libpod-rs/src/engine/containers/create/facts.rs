//! What planning a container needs to know of the host, read before
//! planning: users and groups, id ranges, devices, time zone, limits,
//! containers.conf's defaults, the container whose network it joins.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::CreateRequestError;
use crate::container::etc::KeepIdUser;
use crate::container::plan::{LocalTime, TargetFacts};
use crate::container::{self, CreateError, HostFacts};
use crate::engine::Engine;
use crate::error::Result;
use crate::image::config::ImageConfig;
use crate::network::Mode;
use crate::spec::{self, ContainerSpec, Host, HostLimits, Ulimit, UsernsMode};
use crate::userns::IdMap;

impl Engine {
    /// What planning needs to know, read now; only what the request needs
    /// is read (the caller's passwd entry for keep-id, the default network
    /// when none is given, the other container for `container:`).
    pub(super) fn host_facts(
        &self,
        spec: &ContainerSpec,
        image: &ImageConfig,
        bottom_first: &[PathBuf],
    ) -> Result<HostFacts> {
        let id = container::new_id();
        let layers: Vec<PathBuf> = bottom_first.iter().rev().cloned().collect();
        let keep_id = spec.userns.is_keep_id();
        // Group names matter only when a user (or keep-id's files) is involved.
        let needs_group = keep_id
            || spec.process.user.is_some()
            || !image.user.is_empty()
            || !spec.process.group_add.is_empty()
            || !spec.accounts.host_users.is_empty()
            || spec.accounts.group_entry.is_some();
        let default_network = match &spec.network.mode {
            None => Some(self.default_network()?),
            Some(_) => None,
        };
        let network_target = match &spec.network.mode {
            Some(Mode::Container(name)) => Some(self.target_facts(name)?),
            _ => None,
        };
        // Before any lock: the first container of a store may probe overlay.
        let (storage_driver, mount_program) = self.storage_driver()?;
        let image_passwd =
            spec::read_from_layers(&layers, "etc/passwd").map_err(CreateError::Spec)?;
        let image_group = if needs_group || matches!(spec.userns, UsernsMode::Auto(_)) {
            spec::read_from_layers(&layers, "etc/group").map_err(CreateError::Spec)?
        } else {
            None
        };
        let id_facts = self.id_facts(spec, image_passwd.as_deref(), image_group.as_deref())?;
        Ok(HostFacts {
            container_dir: self.records().dir(&id),
            id,
            created: Utc::now(),
            rootless: self.rootless,
            mappings: self.mappings.clone(),
            user: if keep_id { Some(keep_id_user()) } else { None },
            host_users: spec
                .accounts
                .host_users
                .iter()
                .map(|u| host_user(u))
                .collect::<Result<_>>()?,
            id_facts,
            timezone: self.timezone(spec, &layers)?,
            default_umask: self
                .containers_conf
                .umask()
                .map_err(CreateRequestError::ConfUmask)?,
            volumes_dir: self.volume_store().base_dir(),
            volume_options: spec
                .mounts
                .iter()
                .filter_map(|m| match &m.source {
                    spec::MountSource::Volume(n) => self.volume(n).ok(),
                    _ => None,
                })
                .filter(|v| !v.options.is_empty())
                .map(|v| (v.name, v.options))
                .collect(),
            storage_driver,
            mount_program,
            default_network,
            default_ulimits: self.default_ulimits()?,
            default_env: self.containers_conf.env().to_vec(),
            default_mounts: self.default_mounts(),
            limits: HostLimits::current(self.rootless),
            seccomp_host: Host::current(),
            image_passwd,
            image_group,
            host_resolv_conf: fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default(),
            base_hosts: self
                .base_hosts(spec.network.hosts_file.as_deref(), || Some(layers.clone()))?,
            network_target,
            pod: None,
            cgroups: crate::cgroups::Layout::detect().ok(),
            block_devices: block_devices(&spec.resources)?,
            host_name: nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            devices: self.host_devices(spec)?,
            host_mqueue: std::path::Path::new("/dev/mqueue").is_dir(),
            oom_score_adj: crate::sys::process::own_oom_score_adj(),
            secrets: Vec::new(),
            proxy_env: if spec
                .process
                .http_proxy
                .unwrap_or(self.containers_conf.http_proxy())
            {
                spec::env::PROXY_VARS
                    .iter()
                    .filter_map(|k| Some(spec::EnvVar::new(*k, std::env::var(k).ok()?)))
                    .collect()
            } else {
                Vec::new()
            },
            image_mounts: self.image_mount_facts(spec)?,
            artifact_mounts: self.artifact_mount_facts(spec, &layers)?,
        })
    }

    /// `--device`s (after containers.conf's `devices`), resolved on the host.
    pub(in crate::engine) fn host_devices(
        &self,
        spec: &ContainerSpec,
    ) -> Result<Vec<spec::HostDevice>> {
        // --privileged: all of the host's first (planning leaves out
        // what podman leaves out), then the ones asked for.
        let mut out: Vec<spec::HostDevice> = if spec.security.privileged {
            spec::devices::host_devices()
        } else {
            Vec::new()
        };
        let conf = self.containers_conf.devices().iter().map(|d| {
            spec::parse_flag::<spec::DeviceSpec>("containers.conf devices", d)
                .map(|s| ("containers.conf devices", s))
        });
        let given = spec.devices.iter().map(|d| Ok(("--device", d.clone())));
        for d in conf.chain(given) {
            let (flag, d) = d.map_err(CreateRequestError::Device)?;
            let resolved = spec::with_flag(flag, &d.host.display().to_string(), |_| {
                spec::devices::resolve_device(&d)
            })
            .map_err(CreateRequestError::Device)?;
            for r in resolved {
                out.retain(|o| o.container != r.container);
                out.push(r);
            }
        }
        Ok(out)
    }

    /// containers.conf `default_ulimits`, parsed.
    pub(in crate::engine::containers) fn default_ulimits(&self) -> Result<Vec<Ulimit>> {
        let (values, file) = self.containers_conf.default_ulimits();
        let mut out = Vec::new();
        for v in values {
            out.extend(
                Ulimit::parse(v).map_err(|reason| CreateError::DefaultUlimits {
                    file: file
                        .map_or_else(|| "containers.conf".into(), |f| f.display().to_string()),
                    value: v.clone(),
                    reason,
                })?,
            );
        }
        Ok(out)
    }

    /// The container `name` whose network a new container joins: its ID,
    /// mode, id mappings and shared `/etc` files.
    fn target_facts(&self, name: &str) -> Result<TargetFacts> {
        let t = self.container(name)?;
        let theirs = self.load_spec(&t)?;
        let linux = theirs.linux().as_ref();
        let maps = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<IdMap> {
            v.into_iter()
                .flatten()
                .map(|m| IdMap {
                    container_id: m.container_id(),
                    host_id: m.host_id(),
                    size: m.size(),
                })
                .collect()
        };
        // Its /etc/hosts and /etc/resolv.conf: its own, or those it shares.
        let etc_mounts = theirs
            .mounts()
            .iter()
            .flatten()
            .filter(|m| {
                let dest = m.destination();
                dest == Path::new("/etc/hosts") || dest == Path::new("/etc/resolv.conf")
            })
            .cloned()
            .collect();
        Ok(TargetFacts {
            uid_map: maps(linux.and_then(|l| l.uid_mappings().as_ref())),
            gid_map: maps(linux.and_then(|l| l.gid_mappings().as_ref())),
            id: t.config.id,
            name: t.config.name,
            network: t.config.network,
            etc_mounts,
        })
    }
}

/// The major and minor numbers of the devices the I/O limits name.
pub(in crate::engine::containers) fn block_devices(
    r: &crate::spec::resources::Resources,
) -> Result<std::collections::BTreeMap<PathBuf, (i64, i64)>> {
    let lists = [
        ("--blkio-weight-device", &r.blkio_weight_device),
        ("--device-read-bps", &r.device_read_bps),
        ("--device-write-bps", &r.device_write_bps),
        ("--device-read-iops", &r.device_read_iops),
        ("--device-write-iops", &r.device_write_iops),
    ];
    let mut out = std::collections::BTreeMap::new();
    for (flag, list) in lists {
        for d in list {
            let numbers = crate::spec::resources::host_device(&d.path).map_err(|e| {
                CreateError::Resources(crate::spec::resources::ResourceError::Device {
                    flag,
                    path: d.path.clone(),
                    reason: format!("{e}: give an existing block device"),
                })
            })?;
            out.insert(d.path.clone(), numbers);
        }
    }
    Ok(out)
}

/// The calling user, as `--userns=keep-id` adds it to the container's files.
fn keep_id_user() -> KeepIdUser {
    let uid = nix::unistd::Uid::current();
    let user = nix::unistd::User::from_uid(uid).ok().flatten();
    // podman takes the primary group from the passwd entry (the process's
    // own gid only for a user without one).
    let gid = user
        .as_ref()
        .map_or_else(nix::unistd::Gid::current, |u| u.gid);
    let name = user
        .as_ref()
        .map_or_else(|| uid.to_string(), |u| u.name.clone());
    KeepIdUser {
        home: user
            .as_ref()
            .map_or_else(|| "/".into(), |u| u.dir.to_string_lossy().into_owned()),
        gecos: user.as_ref().map(gecos).unwrap_or_default(),
        group: nix::unistd::Group::from_gid(gid)
            .ok()
            .flatten()
            .map_or_else(|| name.clone(), |g| g.name),
        name,
        uid: uid.as_raw(),
        gid: gid.as_raw(),
    }
}

/// A user's passwd comment up to its first comma (Go's `user.User.Name`,
/// which podman writes into the entries it adds).
fn gecos(u: &nix::unistd::User) -> String {
    let g = u.gecos.to_string_lossy();
    g.split(',').next().unwrap_or_default().to_string()
}

/// A `--hostuser` (a name or a uid) as the host's user database has it.
fn host_user(given: &str) -> Result<KeepIdUser> {
    let found = match given.parse::<u32>() {
        Ok(n) => nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(n)),
        Err(_) => nix::unistd::User::from_name(given),
    };
    let u = found
        .ok()
        .flatten()
        .ok_or_else(|| CreateError::UnknownHostUser(given.to_string()))?;
    Ok(KeepIdUser {
        home: u.dir.to_string_lossy().into_owned(),
        gecos: gecos(&u),
        group: nix::unistd::Group::from_gid(u.gid)
            .ok()
            .flatten()
            .map_or_else(|| u.name.clone(), |g| g.name),
        name: u.name,
        uid: u.uid.as_raw(),
        gid: u.gid.as_raw(),
    })
}

/// The largest id an image's passwd or group file names, beside
/// nobody's (65534) and -1's neighbours, for `--userns=auto`'s size.
fn max_file_id(files: &[Option<&str>]) -> u32 {
    files
        .iter()
        .flatten()
        .flat_map(|t| t.lines())
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let ids = [f.get(2), f.get(3).filter(|_| f.len() >= 7)];
            ids.into_iter()
                .flatten()
                .filter_map(|v| v.parse::<u32>().ok())
                .max()
        })
        .filter(|&n| n < 65534)
        .max()
        .unwrap_or(0)
}

impl Engine {
    /// What a container's own id maps are computed from: `--subuidname`'s
    /// ranges, the ranges other `--userns=auto` containers hold, the
    /// image's largest id.
    fn id_facts(
        &self,
        spec: &ContainerSpec,
        passwd: Option<&str>,
        group: Option<&str>,
    ) -> Result<crate::userns::idmap::IdFacts> {
        let req = spec.id_maps.completed();
        let ranges = |name: &Option<String>, file: &str| -> Result<Vec<(u32, u32)>> {
            let Some(name) = name else {
                return Ok(Vec::new());
            };
            let text = fs_err::read_to_string(file).unwrap_or_default();
            let id = nix::unistd::User::from_name(name)
                .ok()
                .flatten()
                .map_or(u32::MAX, |u| u.uid.as_raw());
            Ok(crate::userns::subid_ranges(&text, name, id))
        };
        let mut auto_taken = Vec::new();
        if matches!(spec.userns, UsernsMode::Auto(_)) {
            for c in self.containers()? {
                if !matches!(c.config.userns, UsernsMode::Auto(_)) {
                    continue;
                }
                for m in c.config.id_mappings.iter().flat_map(|(u, _)| u) {
                    // The user's own id (0) is never part of an auto block.
                    if m.host_id > 0 {
                        auto_taken.push((m.host_id, m.size));
                    }
                }
            }
        }
        Ok(crate::userns::idmap::IdFacts {
            subuid_ranges: ranges(&req.subuidname, "/etc/subuid")?,
            subgid_ranges: ranges(&req.subgidname, "/etc/subgid")?,
            auto_taken,
            image_max_id: max_file_id(&[passwd, group]),
            ..Default::default()
        })
    }

    /// The container's time zone (`--tz`, else containers.conf's `tz`)
    /// and its zone file's content.
    fn timezone(
        &self,
        spec: &ContainerSpec,
        layers: &[PathBuf],
    ) -> Result<Option<(spec::Timezone, LocalTime)>> {
        let tz = match &spec.process.timezone {
            Some(t) => t.clone(),
            None => match self.containers_conf.tz() {
                Some(t) => t
                    .parse()
                    .map_err(|reason| CreateRequestError::ConfTimezone {
                        value: t.to_string(),
                        reason,
                    })?,
                None => return Ok(None),
            },
        };
        // The zone's path in the image: its name under /usr/share/zoneinfo
        // (for local, where the host's /etc/localtime leads).
        let file = tz.host_file();
        let zone_path = if tz.is_local() {
            fs_err::canonicalize(&file).map_err(CreateRequestError::LocalTimezone)?
        } else {
            Path::new("/usr/share/zoneinfo").join(tz.as_str())
        };
        let rel = zone_path.strip_prefix("/").unwrap_or(&zone_path);
        let in_image = zone_path.starts_with("/usr/share/zoneinfo/")
            && spec::read_from_layers(layers, &rel.to_string_lossy())
                .ok()
                .flatten()
                .is_some();
        if in_image {
            return Ok(Some((
                tz,
                LocalTime::Link(format!("..{}", zone_path.display())),
            )));
        }
        let bytes = fs_err::read(&file)
            .map_err(crate::sys::without_path)
            .map_err(|source| CreateRequestError::ZoneFile {
                tz: tz.clone(),
                source,
            })?;
        Ok(Some((tz, LocalTime::Copy(bytes))))
    }
}
