//! `rpod info`'s data in podman 5's shape (libpod/define/info.go; the serde
//! names are podman's json tags). Where podman names a separate program
//! (the OCI runtime, conmon, the network backend), rpod reports itself,
//! since it does that job in-process: name "rpod", its path, its version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Engine;
use crate::config::Driver;
use crate::container::Status;
use crate::error::Result;
use crate::network;
use crate::registry::manifest::Platform;
use crate::userns::IdMap;

/// `rpod info`'s data (podman's `define.Info` without `version`, which the
/// CLI adds from its build).
#[derive(Debug, Serialize)]
pub struct Info {
    /// The machine and user.
    pub host: HostInfo,
    /// The store.
    pub store: StoreInfo,
    /// registries.conf: each `[[registry]]` under its prefix, and `search`.
    pub registries: BTreeMap<String, serde_json::Value>,
    /// The drivers rpod offers.
    pub plugins: Plugins,
}

/// `info.host` (podman's `define.HostInfo`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostInfo {
    /// CPU architecture (Go names).
    pub arch: String,
    /// Buildah's version in podman: the version of rpod's own built-in
    /// builder (rpod's), as `buildx version` names it.
    pub buildah_version: String,
    /// How containers would be put in cgroups: `cgroupfs` (rpod uses no systemd scopes).
    pub cgroup_manager: String,
    /// `v1` or `v2` (Go name `CgroupsVersion`).
    pub cgroup_version: String,
    /// The controllers rpod can use for containers (none: it creates no cgroups yet).
    pub cgroup_controllers: Vec<String>,
    /// The container monitor (conmon in podman): rpod's own.
    pub conmon: ProgramInfo,
    /// CPUs this process may run on.
    pub cpus: usize,
    /// Time spent since boot, in percent (`/proc/stat`).
    pub cpu_utilization: CpuUsage,
    /// Where records are kept (podman: sqlite or boltdb): JSON files.
    pub database_backend: String,
    /// The host's distribution (`/etc/os-release`).
    pub distribution: Distribution,
    /// Where events go.
    pub event_logger: String,
    /// Host name.
    pub hostname: String,
    /// The user namespace mapping of a rootless rpod (null when rootful, as podman).
    pub id_mappings: HostIdMappings,
    /// Kernel release.
    pub kernel: String,
    /// The default log driver.
    pub log_driver: String,
    /// Free memory in bytes.
    pub mem_free: u64,
    /// Total memory in bytes.
    pub mem_total: u64,
    /// The network stack: `netavark`, the model whose network files and
    /// behaviour rpod implements (in-process, see `networkBackendInfo`).
    pub network_backend: String,
    /// Which program implements the network backend and its DNS: rpod.
    pub network_backend_info: NetworkBackendInfo,
    /// The OCI runtime: rpod's in-process runtime.
    pub oci_runtime: RuntimeInfo,
    /// Operating system.
    pub os: String,
    /// `pasta` or `slirp4netns`: what a rootless container's default network uses.
    pub rootless_network_cmd: String,
    /// Always false: rpod has no service.
    pub service_is_remote: bool,
    /// Security settings.
    pub security: SecurityInfo,
    /// The slirp4netns program, when installed.
    pub slirp4netns: ProgramInfo,
    /// The pasta program, when installed.
    pub pasta: ProgramInfo,
    /// Free swap in bytes.
    pub swap_free: u64,
    /// Total swap in bytes.
    pub swap_total: u64,
    /// Time since boot, as podman words it.
    pub uptime: String,
    /// CPU variant (empty on amd64).
    pub variant: String,
    /// `dynamic`: rpod links glibc dynamically.
    pub linkmode: String,
}

/// A helper program (podman's `SlirpInfo`, `PastaInfo`, `ConmonInfo`): empty
/// strings when not installed.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramInfo {
    /// Its path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executable: Option<String>,
    /// The package that installed it (`Unknown` when none did).
    pub package: String,
    /// Its path (conmon's field name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What `PROGRAM --version` prints.
    pub version: String,
}

/// `info.host.ociRuntime`.
#[derive(Debug, Serialize)]
pub struct RuntimeInfo {
    /// `rpod`.
    pub name: String,
    /// The package that installed rpod (`Unknown` for a build).
    pub package: String,
    /// rpod's path.
    pub path: String,
    /// rpod's version and the OCI runtime spec version it implements.
    pub version: String,
}

/// `info.host.networkBackendInfo` (podman's `types.NetworkInfo`).
#[derive(Debug, Serialize)]
pub struct NetworkBackendInfo {
    /// `netavark` (the network model).
    pub backend: String,
    /// rpod's version.
    pub version: String,
    /// rpod's package.
    pub package: String,
    /// rpod's path.
    pub path: String,
    /// The DNS responder: rpod's own (aardvark-dns's job).
    pub dns: DnsInfo,
}

/// `info.host.networkBackendInfo.dns`.
#[derive(Debug, Serialize)]
pub struct DnsInfo {
    /// rpod's version.
    pub version: String,
    /// rpod's package.
    pub package: String,
    /// rpod's path.
    pub path: String,
}

/// `info.host.cpuUtilization`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CpuUsage {
    /// User time.
    pub user_percent: f64,
    /// System time.
    pub system_percent: f64,
    /// Idle time.
    pub idle_percent: f64,
}

/// `info.host.distribution`.
#[derive(Debug, Serialize)]
pub struct Distribution {
    /// `ID` of os-release.
    pub distribution: String,
    /// `VARIANT_ID`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub variant: String,
    /// `VERSION_ID`.
    pub version: String,
    /// `VERSION_CODENAME`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub codename: String,
}

/// `info.host.idMappings`.
#[derive(Debug, Serialize)]
pub struct HostIdMappings {
    /// gid ranges.
    pub gidmap: Option<Vec<IdMap>>,
    /// uid ranges.
    pub uidmap: Option<Vec<IdMap>>,
}

/// `info.host.security`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityInfo {
    /// rpod does not apply AppArmor profiles.
    pub apparmor_enabled: bool,
    /// The capabilities containers get by default, comma-separated (Go name `DefaultCapabilities`).
    pub capabilities: String,
    /// Whether rpod runs unprivileged.
    pub rootless: bool,
    /// Whether containers get a seccomp filter.
    pub seccomp_enabled: bool,
    /// The default profile's file (empty: rpod's built-in copy of containers/common's).
    pub seccomp_profile_path: String,
    /// rpod does not apply SELinux labels.
    pub selinux_enabled: bool,
}

/// `info.store` (podman's `define.StoreInfo`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreInfo {
    /// The storage.conf that applies.
    pub config_file: PathBuf,
    /// Containers by state.
    pub container_store: ContainerStore,
    /// The storage driver new containers get (`overlay` or `vfs`).
    pub graph_driver_name: String,
    /// Driver options in use (`overlay.mount_program` when fuse-overlayfs mounts overlay).
    pub graph_options: BTreeMap<String, serde_json::Value>,
    /// The graph root.
    pub graph_root: PathBuf,
    /// Size of the graph root's file system in bytes.
    pub graph_root_allocated: u64,
    /// Bytes used on it.
    pub graph_root_used: u64,
    /// What the driver says about itself.
    pub graph_status: BTreeMap<String, String>,
    /// Where a pull unpacks before committing (inside the store).
    pub image_copy_tmp_dir: PathBuf,
    /// How many images are stored.
    pub image_store: ImageStore,
    /// The run root.
    pub run_root: PathBuf,
    /// Where named volumes live.
    pub volume_path: PathBuf,
    /// Always false: rpod keeps its records on disk.
    pub transient_store: bool,
}

/// `info.store.imageStore`.
#[derive(Debug, Serialize)]
pub struct ImageStore {
    /// How many images.
    pub number: usize,
}

/// `info.store.containerStore`.
#[derive(Debug, Default, Serialize)]
pub struct ContainerStore {
    /// How many containers.
    pub number: usize,
    /// Paused ones.
    pub paused: usize,
    /// Running ones.
    pub running: usize,
    /// The others.
    pub stopped: usize,
}

/// `info.plugins`.
#[derive(Debug, Serialize)]
pub struct Plugins {
    /// Volume drivers: `local` and containers.conf's `volume_plugins` (listed, not used).
    pub volume: Vec<String>,
    /// Network drivers.
    pub network: Vec<String>,
    /// Log drivers.
    pub log: Vec<String>,
    /// Always null: no daemon, no authorization plugins.
    pub authorization: Option<Vec<String>>,
}

/// What a program prints for `--version` (podman's `version.Program`).
fn program_version(path: &Path) -> String {
    std::process::Command::new(path)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim_end_matches('\n')
                .to_string()
        })
        .unwrap_or_default()
}

/// The package that installed a file, as podman asks dpkg or rpm
/// (`name_version_arch`), or `Unknown`.
fn package_of(path: &Path) -> String {
    let run = |prog: &str, args: &[&str]| -> Option<String> {
        if !Path::new(prog).exists() {
            return None;
        }
        let o = std::process::Command::new(prog)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        o.status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let p = path.to_string_lossy();
    if let Some(out) = run("/usr/bin/rpm", &["-q", "-f", &p]) {
        return out;
    }
    if let Some(out) = run("/usr/bin/dpkg", &["-S", &p]) {
        let pkg = out.split(": ").next().unwrap_or_default().to_string();
        return run(
            "/usr/bin/dpkg-query",
            &["-f", "${Package}_${Version}_${Architecture}", "-W", &pkg],
        )
        .unwrap_or(out);
    }
    "Unknown".into()
}

fn helper_info(program: &'static str, package: &'static str) -> ProgramInfo {
    match network::find_helper(program, package) {
        Ok(path) => ProgramInfo {
            executable: Some(path.display().to_string()),
            package: package_of(&path),
            path: None,
            version: program_version(&path),
        },
        Err(_) => ProgramInfo {
            executable: Some(String::new()),
            ..ProgramInfo::default()
        },
    }
}

/// `/proc/meminfo` in bytes: (MemTotal, MemFree, SwapTotal, SwapFree).
fn meminfo() -> (u64, u64, u64, u64) {
    let text = fs_err::read_to_string("/proc/meminfo").unwrap_or_default();
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (
        get("MemTotal:"),
        get("MemFree:"),
        get("SwapTotal:"),
        get("SwapFree:"),
    )
}

/// podman's uptime words: `3h 4m 16.00s (Approximately 0.12 days)`.
fn uptime_text(seconds: f64) -> String {
    let hours = (seconds / 3600.0).floor();
    let minutes = (seconds / 60.0).floor() % 60.0;
    let secs = seconds.floor() % 60.0;
    let mut s = format!("{hours:.0}h {minutes:.0}m {secs:.2}s");
    if hours > 0.0 {
        s.push_str(&format!(" (Approximately {:.2} days)", hours / 24.0));
    }
    s
}

fn uptime() -> String {
    let secs = fs_err::read_to_string("/proc/uptime")
        .ok()
        .and_then(|t| t.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0.0);
    uptime_text(secs)
}

/// The first line of `/proc/stat` as podman's percentages (user, system, idle).
fn cpu_usage(stat: &str) -> CpuUsage {
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    if fields.len() < 4 {
        return CpuUsage::default();
    }
    let (user, system, idle) = (fields[0], fields[2], fields[3]);
    let total = user + system + idle;
    let pct = |v: f64| (v / total * 100.0 * 100.0).round() / 100.0;
    CpuUsage {
        user_percent: pct(user),
        system_percent: pct(system),
        idle_percent: pct(idle),
    }
}

/// os-release's fields as podman reads them.
fn distribution(text: &str) -> Distribution {
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim_matches('"').to_string())
    };
    Distribution {
        distribution: get("ID=").unwrap_or_else(|| "unknown".into()),
        variant: get("VARIANT_ID=").unwrap_or_default(),
        version: get("VERSION_ID=").unwrap_or_else(|| "unknown".into()),
        codename: get("VERSION_CODENAME=").unwrap_or_default(),
    }
}

/// CPUs this process may run on (Go's `runtime.NumCPU`).
fn cpus() -> usize {
    match nix::sched::sched_getaffinity(nix::unistd::Pid::from_raw(0)) {
        Ok(set) => (0..nix::sched::CpuSet::count())
            .filter(|i| set.is_set(*i).unwrap_or(false))
            .count(),
        Err(_) => std::thread::available_parallelism().map_or(1, usize::from),
    }
}

/// The name of a file system type as containers/storage prints it.
fn fs_name(path: &Path) -> String {
    let Ok(st) = nix::sys::statfs::statfs(path) else {
        return "unknown".into();
    };
    let magic = st.filesystem_type().0;
    match magic {
        0xef53 => "extfs",
        0x5846_5342 => "xfs",
        0x9123_683e => "btrfs",
        0x0102_1994 => "tmpfs",
        0x794c_7630 => "overlayfs",
        0x6573_5546 => "fuseblk",
        0x0000_6969 => "nfs",
        0x2fc1_2fc1 => "zfs",
        _ => return format!("<unknown ({magic:#x})>"),
    }
    .to_string()
}

/// The path of the running rpod.
fn rpod_path() -> PathBuf {
    std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rpod"))
}

impl Engine {
    /// `rpod info` data.
    pub fn info(&self) -> Result<Info> {
        let version = env!("CARGO_PKG_VERSION");
        let rpod = rpod_path();
        let rpod_s = rpod.display().to_string();
        let rpod_pkg = package_of(&rpod);
        let images = self.images()?.len();
        let mut containers = ContainerStore::default();
        for c in self.containers()? {
            containers.number += 1;
            match c.state.status {
                Status::Running => containers.running += 1,
                Status::Paused => containers.paused += 1,
                _ => containers.stopped += 1,
            }
        }
        let (driver, program) = self.storage_driver()?;
        let mut graph_options = BTreeMap::new();
        if let Some(program) = &program {
            // podman shows the program, its version and package.
            graph_options.insert(
                "overlay.mount_program".to_string(),
                serde_json::json!({
                    "Executable": program,
                    "Package": package_of(program),
                    "Version": program_version(program),
                }),
            );
        }
        // podman's rule (libpod/info.go): an `X.imagestore` is listed under
        // `X.additionalImageStores` too, and keeps its own key (the last).
        let options = self.storage.as_ref().map_or(&[][..], |s| &s.graph_options);
        for (key, value) in options {
            if key.ends_with("imagestore") {
                let list = key.replace("imagestore", "additionalImageStores");
                let entry = graph_options
                    .entry(list)
                    .or_insert_with(|| serde_json::json!([]));
                if let Some(a) = entry.as_array_mut() {
                    a.push(serde_json::json!(value));
                }
            }
            graph_options.insert(key.clone(), serde_json::json!(value));
        }
        let mut graph_status = BTreeMap::new();
        if driver == Driver::Overlay {
            graph_status.insert("Backing Filesystem".to_string(), fs_name(self.store.root()));
            graph_status.insert(
                "Native Overlay Diff".to_string(),
                program.is_none().to_string(),
            );
            graph_status.insert("Supports d_type".to_string(), "true".to_string());
            graph_status.insert("Using metacopy".to_string(), "false".to_string());
        }
        let (allocated, used) = nix::sys::statfs::statfs(self.store.root())
            .map(|s| {
                let bsize = u64::try_from(s.block_size()).unwrap_or(0);
                (bsize * s.blocks(), bsize * (s.blocks() - s.blocks_free()))
            })
            .unwrap_or((0, 0));
        let mut registries: BTreeMap<String, serde_json::Value> = self
            .registries
            .registries()
            .iter()
            .map(|r| {
                (
                    r.prefix.clone(),
                    serde_json::json!({
                        "Prefix": r.prefix,
                        "Location": r.location,
                        "Insecure": r.insecure,
                        "Blocked": r.blocked,
                        "MirrorByDigestOnly": false,
                        "Mirrors": r.mirrors.iter().map(|m| serde_json::json!({
                            "Location": m.location,
                            "Insecure": m.insecure,
                            "PullFromMirror": "",
                        })).collect::<Vec<_>>(),
                        "PullFromMirror": "",
                    }),
                )
            })
            .collect();
        let search = self.search_registries();
        if !search.is_empty() {
            registries.insert("search".into(), serde_json::json!(search));
        }
        let rootless_cmd =
            match network::default_rootless(self.containers_conf.default_rootless_network_cmd()) {
                Ok(network::Mode::Slirp4netns(_)) => "slirp4netns",
                _ => "pasta",
            };
        let (mem_total, mem_free, swap_total, swap_free) = meminfo();
        let v2 = Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
        let spec_version = oci_spec::runtime::Spec::default().version().clone();
        let mappings = self.rootless.then(|| self.mappings.clone());
        Ok(Info {
            host: HostInfo {
                arch: Platform::host().architecture.clone(),
                buildah_version: env!("CARGO_PKG_VERSION").into(),
                cgroup_manager: "cgroupfs".into(),
                cgroup_version: if v2 { "v2" } else { "v1" }.into(),
                cgroup_controllers: Vec::new(),
                conmon: ProgramInfo {
                    executable: None,
                    package: format!("{rpod_pkg} (rpod's built-in monitor; no conmon)"),
                    path: Some(rpod_s.clone()),
                    version: format!("rpod monitor, version {version}"),
                },
                cpus: cpus(),
                cpu_utilization: cpu_usage(
                    &fs_err::read_to_string("/proc/stat").unwrap_or_default(),
                ),
                database_backend: "json".into(),
                distribution: distribution(
                    &fs_err::read_to_string("/etc/os-release").unwrap_or_default(),
                ),
                event_logger: "file".into(),
                hostname: nix::unistd::gethostname()
                    .map(|h| h.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                id_mappings: HostIdMappings {
                    gidmap: mappings.as_ref().map(|m| m.gids.clone()),
                    uidmap: mappings.map(|m| m.uids),
                },
                kernel: nix::sys::utsname::uname()
                    .map(|u| u.release().to_string_lossy().into_owned())
                    .unwrap_or_default(),
                log_driver: self
                    .containers_conf
                    .log_driver()
                    .unwrap_or("k8s-file")
                    .into(),
                mem_free,
                mem_total,
                network_backend: "netavark".into(),
                network_backend_info: NetworkBackendInfo {
                    backend: "netavark".into(),
                    version: format!("rpod version {version} (built in)"),
                    package: rpod_pkg.clone(),
                    path: rpod_s.clone(),
                    dns: DnsInfo {
                        version: format!("rpod version {version} (built in)"),
                        package: rpod_pkg.clone(),
                        path: rpod_s.clone(),
                    },
                },
                oci_runtime: RuntimeInfo {
                    name: "rpod".into(),
                    package: rpod_pkg,
                    path: rpod_s,
                    version: format!(
                        "rpod version {version}\nspec: {spec_version}\n+SECCOMP +USERNS +OVERLAY"
                    ),
                },
                os: "linux".into(),
                rootless_network_cmd: rootless_cmd.into(),
                service_is_remote: false,
                security: SecurityInfo {
                    apparmor_enabled: false,
                    // containers.conf's `default_capabilities` when set
                    // (podman's names: with the CAP_ prefix).
                    capabilities: match self.containers_conf.default_capabilities() {
                        Some(caps) => caps
                            .iter()
                            .map(|c| {
                                c.parse::<crate::spec::caps::Cap>()
                                    .map_or_else(|_| c.clone(), |c| c.name().to_string())
                            })
                            .collect::<Vec<_>>()
                            .join(","),
                        None => crate::spec::DEFAULT_CAPS.join(","),
                    },
                    rootless: self.rootless,
                    seccomp_enabled: true,
                    seccomp_profile_path: String::new(),
                    selinux_enabled: false,
                },
                slirp4netns: helper_info(network::slirp::PROGRAM, network::slirp::PACKAGE),
                pasta: helper_info(network::pasta::PROGRAM, network::pasta::PACKAGE),
                swap_free,
                swap_total,
                uptime: uptime(),
                variant: Platform::host().variant.clone().unwrap_or_default(),
                linkmode: "dynamic".into(),
            },
            store: StoreInfo {
                config_file: self
                    .storage
                    .as_ref()
                    .map(|s| s.config_file.clone())
                    .unwrap_or_default(),
                container_store: containers,
                graph_driver_name: driver.to_string(),
                graph_options,
                graph_root: self.store.root().to_path_buf(),
                graph_root_allocated: allocated,
                graph_root_used: used,
                graph_status,
                image_copy_tmp_dir: self.store.root().join("layers"),
                image_store: ImageStore { number: images },
                run_root: self.store.runroot().to_path_buf(),
                volume_path: self.volume_path.clone(),
                transient_store: false,
            },
            registries,
            plugins: Plugins {
                // As podman: `local`, then the plugins containers.conf names.
                volume: std::iter::once("local".to_string())
                    .chain(self.containers_conf.volume_plugins().keys().cloned())
                    .collect(),
                network: vec!["bridge".into()],
                log: vec!["k8s-file".into(), "none".into()],
                authorization: None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_cpu_and_os_release_as_podman_words_them() {
        assert_eq!(
            uptime_text(11056.4),
            "3h 4m 16.00s (Approximately 0.12 days)"
        );
        assert_eq!(uptime_text(59.9), "0h 0m 59.00s");
        let u = cpu_usage("cpu  6505 10 2651 844 0 0 0 0 0 0\ncpu0 1 2 3 4\n");
        assert_eq!(
            (u.user_percent, u.system_percent, u.idle_percent),
            (65.05, 26.51, 8.44)
        );
        let d = distribution(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
        );
        assert_eq!(
            (
                d.distribution.as_str(),
                d.version.as_str(),
                d.codename.as_str()
            ),
            ("debian", "12", "bookworm")
        );
    }
}
