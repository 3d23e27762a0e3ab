//! [`ContainersConf`]: the containers.conf settings rpod uses and their loader.

use std::path::PathBuf;

use super::file::{self, ConfigFile};
use super::{parse_duration, Error, EventsSettings, Paths, COMPRESSION_FORMATS};

/// The containers.conf settings rpod uses, with podman's defaults.
#[derive(Debug, Clone)]
pub struct ContainersConf {
    pub(super) image_parallel_copies: usize,
    pub(super) default_rootless_network_cmd: Option<String>,
    pub(super) default_ulimits: Vec<String>,
    pub(super) default_ulimits_file: Option<PathBuf>,
    pub(super) env: Vec<String>,
    pub(super) events: EventsSettings,
    pub(super) retry: Option<u32>,
    pub(super) retry_delay: Option<std::time::Duration>,
    pub(super) compression_format: Option<String>,
    pub(super) compression_level: Option<i32>,
    pub(super) kube_generate_type: Option<String>,
    pub(super) volume_path: Option<PathBuf>,
    pub(super) hooks_dir: Option<Vec<PathBuf>>,
    pub(super) static_dir: Option<PathBuf>,
    pub(super) runtime: Option<String>,
    pub(super) runtimes: std::collections::BTreeMap<String, Vec<String>>,
    pub(super) tz: Option<String>,
    pub(super) image_volume_mode: Option<String>,
    pub(super) umask: Option<String>,
    pub(super) userns: Option<String>,
    /// `[containers] pidns, ipcns, utsns, cgroupns`, in that order.
    pub(super) namespaces: [Option<String>; 4],
    /// `[containers] devices`.
    pub(super) devices: Vec<String>,
    /// `[containers] annotations` (`KEY=VALUE`).
    pub(super) annotations: Vec<String>,
    /// Lists in `{append=true}` mode (later files add to them).
    pub(super) appending: std::collections::BTreeSet<&'static str>,
    pub(super) http_proxy: Option<bool>,
    pub(super) read_only: Option<bool>,
    pub(super) env_host: Option<bool>,
    pub(super) privileged: Option<bool>,
    pub(super) oom_score_adj: Option<i32>,
    pub(super) log_size_max: Option<i64>,
    pub(super) log_driver: Option<String>,
    /// `[containers]` `dns_servers`, `dns_searches`, `dns_options`,
    /// `default_sysctls`, `volumes` (later files replace earlier ones' lists).
    pub(super) lists: std::collections::BTreeMap<&'static str, Vec<String>>,
    pub(super) shm_size: Option<String>,
    pub(super) no_hosts: Option<bool>,
    pub(super) init: Option<bool>,
    /// `[containers] init_path`.
    pub(super) init_path: Option<std::path::PathBuf>,
    pub(super) pids_limit: Option<i64>,
    /// `[containers] default_capabilities` (`None`: podman's built-in set).
    pub(super) default_capabilities: Option<Vec<String>>,
    pub(super) label: Option<bool>,
    pub(super) log_tag: Option<String>,
    pub(super) netns: Option<String>,
    pub(super) base_hosts_file: Option<String>,
    pub(super) image_default_transport: Option<String>,
    /// `[engine] database_backend` (`sqlite`, `boltdb`; empty: the default).
    pub(super) database_backend: Option<String>,
    /// `[engine.volume_plugins]`: plugin name → socket path (later files
    /// add names and replace the paths of names they repeat).
    pub(super) volume_plugins: std::collections::BTreeMap<String, String>,
}

/// The `[containers]` lists that are defaults of run flags.
const DEFAULT_LISTS: [&str; 5] = [
    "dns_servers",
    "dns_searches",
    "dns_options",
    "default_sysctls",
    "volumes",
];

/// A list setting read from one more file: it replaces the list, or, once
/// a file said `{append=true}` (until one says `{append=false}`), adds to
/// it (containers/common's attributed lists).
fn merge_list(
    list: &mut Vec<String>,
    appending: &mut std::collections::BTreeSet<&'static str>,
    key: &'static str,
    values: Vec<String>,
    append: Option<bool>,
) {
    match append {
        Some(true) => {
            appending.insert(key);
        }
        Some(false) => {
            appending.remove(key);
        }
        None => {}
    }
    if appending.contains(key) {
        list.extend(values);
    } else {
        *list = values;
    }
}

/// The containers.conf keys of the PID, IPC, UTS and cgroup namespaces.
pub(super) const NAMESPACE_KEYS: [&str; 4] = ["pidns", "ipcns", "utsns", "cgroupns"];

impl ContainersConf {
    /// The `[containers]` and `[engine]` settings that are defaults of
    /// `run`/`create` flags (`init`, `init_path`, `pids_limit`, `default_capabilities`,
    /// `label`, `log_tag`, `netns`, `base_hosts_file`) and
    /// `image_default_transport`, read from one more file.
    fn read_run_defaults(&mut self, root: &file::Section<'_>) -> Result<(), Error> {
        let text = |v: Option<&str>| v.map(str::to_string);
        if let Some(b) = root.bool("containers.init")? {
            self.init = Some(b);
        }
        if let Some(p) = root.str("containers.init_path")?.filter(|p| !p.is_empty()) {
            self.init_path = Some(p.into());
        }
        if let Some(n) = root.int("containers.pids_limit")? {
            self.pids_limit = Some(n);
        }
        if let Some((v, append)) = root.strings_attr("containers.default_capabilities")? {
            let list = self.default_capabilities.get_or_insert_with(|| {
                crate::spec::caps::DEFAULT_CAPS
                    .iter()
                    .map(|c| c.to_string())
                    .collect()
            });
            merge_list(list, &mut self.appending, "default_capabilities", v, append);
        }
        if let Some(b) = root.bool("containers.label")? {
            self.label = Some(b);
        }
        if let Some(t) = text(root.str("containers.log_tag")?) {
            self.log_tag = Some(t);
        }
        if let Some(t) = text(root.str("containers.netns")?) {
            self.netns = Some(t);
        }
        if let Some(t) = text(root.str("containers.base_hosts_file")?) {
            self.base_hosts_file = Some(t);
        }
        if let Some(t) = text(root.str("engine.image_default_transport")?) {
            self.image_default_transport = Some(t);
        }
        Ok(())
    }

    /// Reads containers.conf: the files of [`Paths::containers_conf_files`]
    /// (vendor, system, rootless and user files with their drop-in
    /// directories), later keys winning; as podman, `$CONTAINERS_CONF`
    /// (which must exist) replaces them all, `--module`s come next and
    /// `$CONTAINERS_CONF_OVERRIDE` is read last.
    pub fn load(paths: &Paths) -> Result<ContainersConf, Error> {
        let mut conf = ContainersConf {
            image_parallel_copies: 0,
            default_rootless_network_cmd: None,
            default_ulimits: Vec::new(),
            default_ulimits_file: None,
            env: Vec::new(),
            events: EventsSettings::default(),
            retry: None,
            retry_delay: None,
            compression_format: None,
            compression_level: None,
            kube_generate_type: None,
            volume_path: None,
            hooks_dir: None,
            static_dir: None,
            runtime: None,
            runtimes: std::collections::BTreeMap::new(),
            tz: None,
            image_volume_mode: None,
            umask: None,
            userns: None,
            namespaces: Default::default(),
            devices: Vec::new(),
            annotations: Vec::new(),
            appending: Default::default(),
            http_proxy: None,
            read_only: None,
            env_host: None,
            privileged: None,
            oom_score_adj: None,
            log_size_max: None,
            log_driver: None,
            lists: std::collections::BTreeMap::new(),
            shm_size: None,
            no_hosts: None,
            init_path: None,
            init: None,
            pids_limit: None,
            default_capabilities: None,
            label: None,
            log_tag: None,
            netns: None,
            base_hosts_file: None,
            image_default_transport: None,
            database_backend: None,
            volume_plugins: std::collections::BTreeMap::new(),
        };
        let mut files = match &paths.containers_conf {
            Some(file) => {
                if let Err(source) = fs_err::metadata(file) {
                    return Err(Error::Io {
                        action: "reading CONTAINERS_CONF",
                        path: file.clone(),
                        source,
                    });
                }
                vec![file.clone()]
            }
            None => paths.containers_conf_files()?,
        };
        files.extend(paths.modules.iter().cloned());
        files.extend(paths.containers_conf_override.clone());
        for file in files {
            let Some(doc) = ConfigFile::read(&file)? else {
                continue;
            };
            let root = doc.root();
            conf.events.read(&doc)?;
            if let Some(n) = root.int("engine.image_parallel_copies")? {
                conf.image_parallel_copies = usize::try_from(n).unwrap_or(0);
            }
            if let Some(cmd) = root.str("network.default_rootless_network_cmd")? {
                conf.default_rootless_network_cmd = Some(cmd.to_string());
            }
            if let Some(n) = root.int("engine.retry")? {
                conf.retry = Some(u32::try_from(n).map_err(|_| Error::Toml {
                    path: file.clone(),
                    message: format!("engine.retry = {n}: expected a number of retries from 0"),
                })?);
            }
            if let Some(d) = root.str("engine.retry_delay")?.filter(|d| !d.is_empty()) {
                conf.retry_delay = Some(parse_duration(d).ok_or_else(|| Error::Toml {
                    path: file.clone(),
                    message: format!(
                        "engine.retry_delay = {d:?}: expected a duration such as \"2s\" or \"1m30s\""
                    ),
                })?);
            }
            if let Some(f) = root
                .str("engine.compression_format")?
                .filter(|f| !f.is_empty())
            {
                if !COMPRESSION_FORMATS.contains(&f) {
                    return Err(Error::Toml {
                        path: file.clone(),
                        message: format!(
                            "engine.compression_format = {f:?}: expected one of {}",
                            COMPRESSION_FORMATS.join(", ")
                        ),
                    });
                }
                conf.compression_format = Some(f.to_string());
            }
            if let Some(n) = root.int("engine.compression_level")? {
                conf.compression_level = Some(i32::try_from(n).map_err(|_| Error::Toml {
                    path: file.clone(),
                    message: format!("engine.compression_level = {n}: out of range"),
                })?);
            }
            // A later file's list replaces an earlier one's, as podman.
            if let Some((v, append)) = root.strings_attr("containers.env")? {
                if let Some(bad) = v.iter().find(|e| !e.contains('=') || e.starts_with('=')) {
                    return Err(Error::Toml {
                        path: file.clone(),
                        message: format!("containers.env {bad:?}: expected NAME=VALUE"),
                    });
                }
                merge_list(&mut conf.env, &mut conf.appending, "env", v, append);
            }
            if let Some((v, append)) = root.strings_attr("containers.annotations")? {
                merge_list(
                    &mut conf.annotations,
                    &mut conf.appending,
                    "annotations",
                    v,
                    append,
                );
            }
            if let Some(v) = root.str("engine.runtime")?.filter(|v| !v.is_empty()) {
                conf.runtime = Some(v.to_string());
            }
            if let Some(t) = root.table("engine.runtimes")? {
                for (name, _) in t.entries() {
                    if let Some(paths) = t.strings(name)? {
                        conf.runtimes.insert(name.clone(), paths);
                    }
                }
            }
            if let Some(v) = root.str("engine.database_backend")? {
                conf.database_backend = Some(v.to_string()).filter(|v| !v.is_empty());
            }
            // As podman decodes each file into the same map: a file adds
            // its names and does not remove another file's.
            if let Some(t) = root.table("engine.volume_plugins")? {
                for (name, _) in t.entries() {
                    if let Some(path) = t.str(name)? {
                        conf.volume_plugins.insert(name.clone(), path.to_string());
                    }
                }
            }
            if let Some(v) = root.str("engine.volume_path")?.filter(|v| !v.is_empty()) {
                conf.volume_path = Some(PathBuf::from(v));
            }
            if let Some(v) = root.strings("engine.hooks_dir")? {
                conf.hooks_dir = Some(v.into_iter().map(PathBuf::from).collect());
            }
            if let Some(v) = root.str("engine.static_dir")?.filter(|v| !v.is_empty()) {
                conf.static_dir = Some(PathBuf::from(v));
            }
            if let Some(b) = root.bool("containers.http_proxy")? {
                conf.http_proxy = Some(b);
            }
            if let Some(b) = root.bool("containers.read_only")? {
                conf.read_only = Some(b);
            }
            if let Some(b) = root.bool("containers.env_host")? {
                conf.env_host = Some(b);
            }
            if let Some(b) = root.bool("containers.privileged")? {
                conf.privileged = Some(b);
            }
            if let Some(d) = root.str("containers.log_driver")? {
                conf.log_driver = Some(d.to_string()).filter(|d| !d.is_empty());
            }
            if let Some(n) = root.int("containers.log_size_max")? {
                conf.log_size_max = Some(n);
            }
            for key in DEFAULT_LISTS {
                if let Some(v) = root.strings(&format!("containers.{key}"))? {
                    conf.lists.insert(key, v);
                }
            }
            if let Some(v) = root.str("containers.shm_size")?.filter(|v| !v.is_empty()) {
                conf.shm_size = Some(v.to_string());
            }
            if let Some(b) = root.bool("containers.no_hosts")? {
                conf.no_hosts = Some(b);
            }
            conf.read_run_defaults(&root)?;
            if let Some(n) = root.int("containers.oom_score_adj")? {
                conf.oom_score_adj = Some(n.clamp(-1000, 1000) as i32);
            }
            if let Some(t) = root.str("engine.kube_generate_type")? {
                conf.kube_generate_type = Some(t.to_string());
            }
            if let Some(m) = root.str("engine.image_volume_mode")? {
                conf.image_volume_mode = Some(m.to_string()).filter(|m| !m.is_empty());
            }
            if let Some(t) = root.str("containers.tz")? {
                conf.tz = Some(t.to_string()).filter(|t| !t.is_empty());
            }
            if let Some(u) = root.str("containers.userns")? {
                conf.userns = Some(u.to_string()).filter(|u| !u.is_empty() && u != "host");
            }
            if let Some(u) = root.str("containers.umask")? {
                conf.umask = Some(u.to_string()).filter(|u| !u.is_empty());
            }
            for (slot, key) in conf.namespaces.iter_mut().zip(NAMESPACE_KEYS) {
                if let Some(v) = root.str(&format!("containers.{key}"))? {
                    *slot = Some(v.to_string());
                }
            }
            if let Some((v, append)) = root.strings_attr("containers.devices")? {
                merge_list(&mut conf.devices, &mut conf.appending, "devices", v, append);
            }
            if let Some((v, append)) = root.strings_attr("containers.default_ulimits")? {
                let (list, appending) = (&mut conf.default_ulimits, &mut conf.appending);
                merge_list(list, appending, "default_ulimits", v, append);
                conf.default_ulimits_file = Some(file.clone());
            }
        }
        Ok(conf)
    }
}
