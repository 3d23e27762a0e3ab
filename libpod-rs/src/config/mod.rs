//! Configuration the user already has for podman: registries.conf,
//! containers.conf, storage.conf, auth.json, and the XDG directories they
//! live in. Every path comes from [`Paths`], built once from the
//! environment, so tests point everything at temporary directories.

pub mod auth;
pub mod events;
mod file;
pub mod registries;
pub mod storage;

use std::path::{Path, PathBuf};

use file::ConfigFile;

pub use auth::{AuthStore, Credentials};
pub use events::EventsSettings;
pub use registries::{Endpoint, RegistriesConf};
pub use storage::{Driver, StorageConf};

/// Errors reading configuration; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A TOML file does not parse.
    #[error("parsing {path}: {message}: fix the file or move it away")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A key in a configuration file has a value of the wrong type.
    #[error("{path}: {key} must be {expected}, not {found}: fix the file or move it away")]
    WrongType {
        /// The file.
        path: PathBuf,
        /// The key, dotted from the top of the file (`storage.driver`).
        key: String,
        /// The type it must have.
        expected: &'static str,
        /// The type it has.
        found: &'static str,
    },
    /// A file could not be read (too large, a symlink loop, no permission).
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
    /// A JSON file (auth.json) does not parse.
    #[error("parsing {path}: {source}: fix the file or remove it")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// `--authfile` names a file that does not exist (podman's message).
    #[error("credential file is not accessible: faccessat {}: no such file or directory", path.display())]
    AuthFileMissing {
        /// The file.
        path: PathBuf,
    },
    /// A short name cannot be resolved.
    #[error("{0}")]
    ShortName(String),
    /// A credential helper named in an auth file failed.
    #[error(
        "credential helper docker-credential-{helper} (named in {path}) for {registry}: {message}"
    )]
    CredentialHelper {
        /// The helper's name (without the `docker-credential-` prefix).
        helper: String,
        /// The auth file that names it.
        path: PathBuf,
        /// The registry asked about.
        registry: String,
        /// What went wrong.
        message: String,
    },
    /// A storage driver setting rpod cannot use (the message says which and what to do).
    #[error("{0}")]
    Storage(String),
    /// The registry is blocked in registries.conf.
    #[error("registry {registry} is blocked in registries.conf")]
    Blocked {
        /// The blocked registry prefix.
        registry: String,
    },
    /// A containers.conf setting has a value rpod cannot use; the message
    /// names the section, the key and the value.
    #[error("containers.conf [{section}] {key} = {value:?}: {reason}")]
    Setting {
        /// The section (`containers`, `engine`).
        section: &'static str,
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong and what to write instead.
        reason: String,
    },
    /// A name in the configuration is not a valid reference.
    #[error("{path}: {value:?}: {source}")]
    BadReference {
        /// The file.
        path: PathBuf,
        /// The value.
        value: String,
        /// Why it does not parse.
        source: crate::reference::Error,
    },
}

/// The directories configuration and state live in, read once from the environment.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `$HOME`.
    pub home: PathBuf,
    /// The effective user id.
    pub uid: u32,
    /// `$XDG_CONFIG_HOME` (default `~/.config`).
    pub xdg_config_home: PathBuf,
    /// `$XDG_RUNTIME_DIR`, when set.
    pub xdg_runtime_dir: Option<PathBuf>,
    /// `$XDG_DATA_HOME` (default `~/.local/share`).
    pub xdg_data_home: PathBuf,
    /// The system configuration directory (`/etc/containers`).
    pub system_dir: PathBuf,
    /// The vendor configuration directory (`/usr/share/containers`).
    pub vendor_dir: PathBuf,
    /// `$CONTAINERS_STORAGE_CONF`: the storage.conf to read instead of the usual ones.
    pub storage_conf: Option<PathBuf>,
    /// `$CONTAINERS_CONF`: the one containers.conf to read (podman's).
    pub containers_conf: Option<PathBuf>,
    /// `$CONTAINERS_CONF_OVERRIDE`: a containers.conf read after all others.
    pub containers_conf_override: Option<PathBuf>,
    /// `--module`s: containers.conf files read after the usual ones
    /// (before the override), resolved with [`Paths::resolve_module`].
    pub modules: Vec<PathBuf>,
    /// `$CONTAINERS_REGISTRIES_CONF`: the registries.conf to read instead
    /// of the user's and the system's (their drop-in directories still apply).
    pub registries_conf: Option<PathBuf>,
}

impl Paths {
    /// Paths from the environment of this process.
    pub fn from_env() -> Paths {
        let uid = nix::unistd::geteuid().as_raw();
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let home = var("HOME")
            .or_else(|| {
                nix::unistd::User::from_uid(uid.into())
                    .ok()
                    .flatten()
                    .map(|u| u.dir)
            })
            .unwrap_or_else(|| PathBuf::from("/"));
        Paths {
            xdg_config_home: var("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config")),
            xdg_data_home: var("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share")),
            xdg_runtime_dir: var("XDG_RUNTIME_DIR"),
            home,
            uid,
            system_dir: PathBuf::from("/etc/containers"),
            vendor_dir: PathBuf::from("/usr/share/containers"),
            storage_conf: var("CONTAINERS_STORAGE_CONF"),
            containers_conf: var("CONTAINERS_CONF"),
            containers_conf_override: var("CONTAINERS_CONF_OVERRIDE"),
            modules: Vec::new(),
            registries_conf: var("CONTAINERS_REGISTRIES_CONF"),
        }
    }

    /// Paths rooted in one directory (tests).
    pub fn under(dir: &Path, uid: u32) -> Paths {
        Paths {
            home: dir.join("home"),
            uid,
            xdg_config_home: dir.join("home/.config"),
            xdg_runtime_dir: Some(dir.join("run")),
            xdg_data_home: dir.join("home/.local/share"),
            system_dir: dir.join("etc/containers"),
            vendor_dir: dir.join("usr/share/containers"),
            storage_conf: None,
            containers_conf: None,
            containers_conf_override: None,
            modules: Vec::new(),
            registries_conf: None,
        }
    }

    /// The per-user runtime directory: `$XDG_RUNTIME_DIR`, else `/tmp/rpod-run-<uid>`.
    pub fn runtime_dir(&self) -> PathBuf {
        self.xdg_runtime_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("/tmp/rpod-run-{}", self.uid)))
    }

    /// The directories a relative `--module` is looked for in, in order
    /// (podman's: the user's only when rootless, then /etc's, /usr/share's).
    pub fn module_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        if self.uid != 0 {
            dirs.push(self.user_config_dir().join(MODULES_DIR));
        }
        dirs.push(self.system_dir.join(MODULES_DIR));
        dirs.push(self.vendor_dir.join(MODULES_DIR));
        dirs
    }

    /// The file of a `--module`: an absolute path as given (it must
    /// exist), a relative one in the first of [`Paths::module_dirs`] that
    /// has it; podman's messages when none does.
    pub fn resolve_module(&self, name: &str) -> Result<PathBuf, String> {
        let access = |p: &Path| {
            nix::unistd::access(p, nix::unistd::AccessFlags::F_OK)
                .map(|()| p.to_path_buf())
                .map_err(|e| format!("faccessat {}: {}", p.display(), errno_text(e)))
        };
        if Path::new(name).is_absolute() {
            return access(Path::new(name))
                .map_err(|e| format!("could not resolve module {name:?}: {e}"));
        }
        let mut errors = Vec::new();
        for dir in self.module_dirs() {
            match access(&dir.join(name)) {
                Ok(p) => return Ok(p),
                Err(e) => errors.push(e),
            }
        }
        Err(format!(
            "could not resolve module {name:?}: {} errors occurred:{}",
            errors.len(),
            errors
                .iter()
                .map(|e| format!("\n\t* {e}"))
                .collect::<String>()
        ))
    }

    /// The user's containers config directory (`$XDG_CONFIG_HOME/containers`).
    pub fn user_config_dir(&self) -> PathBuf {
        self.xdg_config_home.join("containers")
    }

    /// The containers.conf files read when `$CONTAINERS_CONF` is not set,
    /// in podman's order (later files win): the vendor's file, the
    /// system's file and its `containers.conf.d/*.conf`; rootless, also
    /// `containers.rootless.conf`, its `.d/*.conf` and `.d/<UID>/*.conf`;
    /// then the user's file and its `containers.conf.d/*.conf`.
    pub fn containers_conf_files(&self) -> Result<Vec<PathBuf>, Error> {
        let mut files = vec![
            self.vendor_dir.join("containers.conf"),
            self.system_dir.join("containers.conf"),
        ];
        files.extend(drop_ins(&self.system_dir.join("containers.conf.d"))?);
        if self.uid != 0 {
            let rootless = self.system_dir.join("containers.rootless.conf");
            let dir = self.system_dir.join("containers.rootless.conf.d");
            files.push(rootless);
            files.extend(drop_ins(&dir)?);
            files.extend(drop_ins(&dir.join(self.uid.to_string()))?);
        }
        let user = self.user_config_dir();
        files.push(user.join("containers.conf"));
        files.extend(drop_ins(&user.join("containers.conf.d"))?);
        Ok(files)
    }
}

/// Where containers.conf modules live under a configuration directory.
const MODULES_DIR: &str = "containers.conf.modules";

/// An errno as Go's syscall error prints it (`no such file or directory`).
fn errno_text(e: nix::errno::Errno) -> String {
    let text = e.desc();
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The `*.conf` files of a drop-in directory, sorted by name (none when
/// the directory does not exist; any other failure to list it is an error).
pub(crate) fn drop_ins(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = match fs_err::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                action: "listing",
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Parses a Go duration (`2s`, `500ms`, `1m30s`, `1h`); `None` when it is not one.
pub fn parse_duration(s: &str) -> Option<std::time::Duration> {
    let s = s.trim();
    if s == "0" {
        return Some(std::time::Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "\u{b5}s" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * seconds;
    }
    total
        .is_finite()
        .then(|| std::time::Duration::from_secs_f64(total))
}

/// The layer compression formats `push --compression-format` and
/// containers.conf's `engine.compression_format` take (`zstd:chunked` is
/// pushed as plain zstd: rpod writes no chunked table of contents).
pub const COMPRESSION_FORMATS: [&str; 3] = ["gzip", "zstd", "zstd:chunked"];

/// The containers.conf settings rpod uses, with podman's defaults.
#[derive(Debug, Clone)]
pub struct ContainersConf {
    image_parallel_copies: usize,
    default_rootless_network_cmd: Option<String>,
    default_ulimits: Vec<String>,
    default_ulimits_file: Option<PathBuf>,
    env: Vec<String>,
    events: EventsSettings,
    retry: Option<u32>,
    retry_delay: Option<std::time::Duration>,
    compression_format: Option<String>,
    compression_level: Option<i32>,
    kube_generate_type: Option<String>,
    volume_path: Option<PathBuf>,
    hooks_dir: Option<Vec<PathBuf>>,
    static_dir: Option<PathBuf>,
    runtime: Option<String>,
    runtimes: std::collections::BTreeMap<String, Vec<String>>,
    tz: Option<String>,
    image_volume_mode: Option<String>,
    umask: Option<String>,
    userns: Option<String>,
    /// `[containers] pidns, ipcns, utsns, cgroupns`, in that order.
    namespaces: [Option<String>; 4],
    /// `[containers] devices`.
    devices: Vec<String>,
    /// `[containers] annotations` (`KEY=VALUE`).
    annotations: Vec<String>,
    /// Lists in `{append=true}` mode (later files add to them).
    appending: std::collections::BTreeSet<&'static str>,
    http_proxy: Option<bool>,
    read_only: Option<bool>,
    env_host: Option<bool>,
    privileged: Option<bool>,
    oom_score_adj: Option<i32>,
    log_size_max: Option<i64>,
    log_driver: Option<String>,
    /// `[containers]` `dns_servers`, `dns_searches`, `dns_options`,
    /// `default_sysctls`, `volumes` (later files replace earlier ones' lists).
    lists: std::collections::BTreeMap<&'static str, Vec<String>>,
    shm_size: Option<String>,
    no_hosts: Option<bool>,
    init: Option<bool>,
    pids_limit: Option<i64>,
    /// `[containers] default_capabilities` (`None`: podman's built-in set).
    default_capabilities: Option<Vec<String>>,
    label: Option<bool>,
    log_tag: Option<String>,
    netns: Option<String>,
    base_hosts_file: Option<String>,
    image_default_transport: Option<String>,
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
const NAMESPACE_KEYS: [&str; 4] = ["pidns", "ipcns", "utsns", "cgroupns"];

impl ContainersConf {
    /// The `[containers]` and `[engine]` settings that are defaults of
    /// `run`/`create` flags (`init`, `pids_limit`, `default_capabilities`,
    /// `label`, `log_tag`, `netns`, `base_hosts_file`) and
    /// `image_default_transport`, read from one more file.
    fn read_run_defaults(&mut self, root: &file::Section<'_>) -> Result<(), Error> {
        let text = |v: Option<&str>| v.map(str::to_string);
        if let Some(b) = root.bool("containers.init")? {
            self.init = Some(b);
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

    /// `containers.init` (default false): containers run rpod's init as
    /// PID 1 unless `--init=false`.
    pub fn init(&self) -> bool {
        self.init.unwrap_or(false)
    }

    /// `containers.pids_limit`: every container's `--pids-limit` unless
    /// given (podman's default 2048; 0: none). As podman with the cgroupfs
    /// manager, rpod applies it only as root.
    pub fn pids_limit(&self) -> i64 {
        self.pids_limit.unwrap_or(2048)
    }

    /// `containers.default_capabilities`, when set: the capabilities
    /// containers start from instead of podman's built-in set.
    pub fn default_capabilities(&self) -> Option<&[String]> {
        self.default_capabilities.as_deref()
    }

    /// `containers.label` (default true): SELinux separation. rpod labels
    /// nothing, as podman on a host without SELinux, so this is read and
    /// checked only.
    pub fn label(&self) -> bool {
        self.label.unwrap_or(true)
    }

    /// `containers.log_tag`: every container's `--log-opt tag=` unless
    /// given (empty: none).
    pub fn log_tag(&self) -> Option<&str> {
        self.log_tag.as_deref().filter(|t| !t.is_empty())
    }

    /// `containers.netns`: every container's `--network` unless given or
    /// shared with a pod (empty, `private`: the default).
    pub fn netns(&self) -> Option<&str> {
        self.netns.as_deref().filter(|t| !t.is_empty())
    }

    /// `containers.base_hosts_file`: what containers' `/etc/hosts` starts
    /// from: `""` (default) the host's `/etc/hosts`, `none` nothing,
    /// `image` the image's own, else the absolute path of a file.
    pub fn base_hosts_file(&self) -> &str {
        self.base_hosts_file.as_deref().unwrap_or("")
    }

    /// `engine.image_default_transport` (default `docker://`): read and
    /// checked; podman 5 does not use it either.
    pub fn image_default_transport(&self) -> &str {
        self.image_default_transport
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or("docker://")
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
            init: None,
            pids_limit: None,
            default_capabilities: None,
            label: None,
            log_tag: None,
            netns: None,
            base_hosts_file: None,
            image_default_transport: None,
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

    /// `engine.runtime`: the OCI runtime podman would use, when set.
    pub fn runtime(&self) -> Option<&str> {
        self.runtime.as_deref()
    }

    /// `[engine.runtimes]`: the paths where runtime `name` may be.
    pub fn runtime_paths(&self, name: &str) -> Option<&[String]> {
        self.runtimes.get(name).map(Vec::as_slice)
    }

    /// `engine.hooks_dir`: the OCI hook directories, when set.
    pub fn hooks_dir(&self) -> Option<&[PathBuf]> {
        self.hooks_dir.as_deref()
    }

    /// `engine.static_dir`: where container records live instead of the
    /// store's `containers/` (podman's libpod database), when set.
    pub fn static_dir(&self) -> Option<&Path> {
        self.static_dir.as_deref()
    }

    /// `engine.volume_path`: where volumes live, when set.
    pub fn volume_path(&self) -> Option<&Path> {
        self.volume_path.as_deref()
    }

    /// `engine.image_volume_mode`: what images' `VOLUME`s become unless
    /// `--image-volume` is given.
    pub fn image_volume_mode(&self) -> Option<&str> {
        self.image_volume_mode.as_deref()
    }

    /// `containers.tz`: every container's time zone, unless `--tz` is given.
    pub fn tz(&self) -> Option<&str> {
        self.tz.as_deref()
    }

    /// `containers.userns`: every container's `--userns` unless given
    /// (`host` and empty: rpod's default).
    pub fn userns(&self) -> Option<&str> {
        self.userns.as_deref()
    }

    /// `containers.umask`, checked (the message names the setting).
    pub fn umask(&self) -> std::result::Result<Option<crate::spec::Umask>, String> {
        self.umask
            .as_deref()
            .map(|u| {
                u.parse()
                    .map_err(|e| format!("containers.conf umask {u:?}: {e}"))
            })
            .transpose()
    }

    /// `[containers]` `pidns`, `ipcns`, `utsns` or `cgroupns` (`key`), when set.
    pub fn namespace(&self, key: &str) -> Option<&str> {
        let i = NAMESPACE_KEYS.iter().position(|k| *k == key)?;
        self.namespaces[i].as_deref()
    }

    /// `[containers] devices`: `--device` values every container gets.
    pub fn devices(&self) -> &[String] {
        &self.devices
    }

    /// `engine.kube_generate_type`: the kind `kube generate` writes by default.
    pub fn kube_generate_type(&self) -> Option<&str> {
        self.kube_generate_type.as_deref()
    }

    /// How many layers a pull fetches at once (`engine.image_parallel_copies`; 0 = default 6).
    pub fn image_parallel_copies(&self) -> usize {
        if self.image_parallel_copies == 0 {
            6
        } else {
            self.image_parallel_copies
        }
    }

    /// `containers.default_ulimits` (`TYPE=SOFT[:HARD]` entries) and the
    /// file that set them.
    pub fn default_ulimits(&self) -> (&[String], Option<&Path>) {
        (&self.default_ulimits, self.default_ulimits_file.as_deref())
    }

    /// `containers.log_size_max` in bytes: every file log's limit unless
    /// `--log-opt max-size` is given (`None`, or -1 there: unlimited).
    pub fn log_size_max(&self) -> Option<u64> {
        self.log_size_max.and_then(|n| u64::try_from(n).ok())
    }

    /// `containers.oom_score_adj`: every container's, unless
    /// `--oom-score-adj` is given.
    pub fn oom_score_adj(&self) -> Option<i32> {
        self.oom_score_adj
    }

    /// A `[containers]` list that is a run flag's default (`dns_servers`,
    /// `dns_searches`, `dns_options`, `default_sysctls`, `volumes`); empty
    /// when unset.
    pub fn default_list(&self, key: &str) -> &[String] {
        self.lists.get(key).map_or(&[], Vec::as_slice)
    }

    /// `containers.shm_size` (`64m`), every container's `--shm-size` unless given.
    pub fn shm_size(&self) -> Option<&str> {
        self.shm_size.as_deref()
    }

    /// `containers.no_hosts` (default false): no /etc/hosts is written.
    pub fn no_hosts(&self) -> bool {
        self.no_hosts.unwrap_or(false)
    }

    /// `containers.read_only` (default false): root file systems are
    /// read-only unless `--read-only=false`.
    pub fn read_only(&self) -> bool {
        self.read_only.unwrap_or(false)
    }

    /// `containers.env_host` (default false): containers get the host's
    /// environment unless `--env-host=false`.
    pub fn env_host(&self) -> bool {
        self.env_host.unwrap_or(false)
    }

    /// `containers.privileged` (default false): containers and exec
    /// sessions are privileged unless `--privileged=false`.
    pub fn privileged(&self) -> bool {
        self.privileged.unwrap_or(false)
    }

    /// `containers.http_proxy` (default true): containers get the host's
    /// proxy variables unless `--http-proxy=false`.
    pub fn http_proxy(&self) -> bool {
        self.http_proxy.unwrap_or(true)
    }

    /// `containers.env`: variables every container gets (the image's and
    /// the user's win).
    pub fn env(&self) -> &[String] {
        &self.env
    }

    /// Checks that a `--module` file reads as TOML (podman refuses to run
    /// with a broken module).
    pub fn check_module(path: &Path) -> Result<(), Error> {
        ConfigFile::read(path).map(|_| ())
    }

    /// `containers.log_driver`: the log driver of containers created
    /// without `--log-driver`, when set.
    pub fn log_driver(&self) -> Option<&str> {
        self.log_driver.as_deref()
    }

    /// `containers.annotations`: `KEY=VALUE` annotations every container
    /// gets (`--annotation` wins).
    pub fn annotations(&self) -> &[String] {
        &self.annotations
    }

    /// The `[engine]` events settings.
    pub fn events(&self) -> &EventsSettings {
        &self.events
    }

    /// `engine.compression_format`: how pushed layers are compressed, when set.
    pub fn compression_format(&self) -> Option<&str> {
        self.compression_format.as_deref()
    }

    /// `engine.compression_level`: the level pushed layers are compressed at, when set.
    pub fn compression_level(&self) -> Option<i32> {
        self.compression_level
    }

    /// `engine.retry` and `engine.retry_delay`: how pulls retry, when set.
    pub fn retry(&self) -> (Option<u32>, Option<std::time::Duration>) {
        (self.retry, self.retry_delay)
    }

    /// `network.default_rootless_network_cmd` (pasta or slirp4netns), when set.
    pub fn default_rootless_network_cmd(&self) -> Option<&str> {
        self.default_rootless_network_cmd.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_conf_env_replaces_the_files_and_override_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("containers.conf"),
            "[engine]\nimage_parallel_copies = 2\n",
        )
        .unwrap();
        let only = dir.path().join("only.conf");
        paths.containers_conf = Some(only.clone());
        // podman: CONTAINERS_CONF must exist.
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("only.conf"), "{err}");
        fs_err::write(&only, "[engine]\nimage_parallel_copies = 3\n").unwrap();
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            3
        );
        let over = dir.path().join("override.conf");
        fs_err::write(&over, "[engine]\nimage_parallel_copies = 4\n").unwrap();
        paths.containers_conf_override = Some(over);
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            4
        );
    }

    #[test]
    fn containers_env_is_replaced_by_later_files_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        let one = dir.path().join("one.conf");
        fs_err::write(&one, "[containers]\nenv = [\"CONF1=conf1\"]\n").unwrap();
        paths.containers_conf = Some(one);
        assert_eq!(ContainersConf::load(&paths).unwrap().env(), ["CONF1=conf1"]);
        let over = dir.path().join("over.conf");
        fs_err::write(&over, "[containers]\nenv = [\"CONF2=conf2\"]\n").unwrap();
        paths.containers_conf_override = Some(over.clone());
        assert_eq!(ContainersConf::load(&paths).unwrap().env(), ["CONF2=conf2"]);
        fs_err::write(&over, "[containers]\nenv = [\"JUSTANAME\"]\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("containers.env \"JUSTANAME\""), "{e}");
    }

    #[test]
    fn containers_conf_user_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            6
        );
        fs_err::create_dir_all(&paths.system_dir).unwrap();
        fs_err::write(
            paths.system_dir.join("containers.conf"),
            "[engine]\nimage_parallel_copies = 2\n",
        )
        .unwrap();
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("containers.conf"),
            "[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n",
        )
        .unwrap();
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.image_parallel_copies(), 2);
        assert_eq!(conf.default_rootless_network_cmd(), Some("slirp4netns"));
    }

    #[test]
    fn default_ulimits() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        assert!(ContainersConf::load(&paths)
            .unwrap()
            .default_ulimits()
            .0
            .is_empty());
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("containers.conf");
        fs_err::write(
            &file,
            "[containers]\ndefault_ulimits = [\"nofile=100:200\", \"nproc=50\"]\n",
        )
        .unwrap();
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(
            conf.default_ulimits(),
            (
                &["nofile=100:200".to_string(), "nproc=50".to_string()][..],
                Some(file.as_path())
            )
        );
        fs_err::write(&file, "[containers]\ndefault_ulimits = \"nofile=1\"\n").unwrap();
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("default_ulimits must be a list"), "{err}");
    }

    #[test]
    fn durations_and_retry_settings() {
        use std::time::Duration;
        assert_eq!(parse_duration("2s"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m30s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("0s"), Some(Duration::ZERO));
        for bad in ["", "2", "s", "2x", "-1s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("containers.conf");
        fs_err::write(&file, "[engine]\nretry = 5\nretry_delay = \"1s\"\n").unwrap();
        assert_eq!(
            ContainersConf::load(&paths).unwrap().retry(),
            (Some(5), Some(Duration::from_secs(1)))
        );
        fs_err::write(&file, "[engine]\nretry = \"5\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("engine.retry must be an integer"), "{e}");
        fs_err::write(&file, "[engine]\nretry_delay = \"soon\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("engine.retry_delay"), "{e}");
    }

    #[test]
    fn drop_ins_follow_their_file_and_the_user_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let write = |p: PathBuf, text: &str| {
            fs_err::create_dir_all(p.parent().unwrap()).unwrap();
            fs_err::write(p, text).unwrap();
        };
        let etc = &paths.system_dir;
        let user = paths.user_config_dir();
        write(
            etc.join("containers.conf"),
            "[containers]\nlog_tag = \"etc\"\n",
        );
        write(
            etc.join("containers.conf.d/10-a.conf"),
            "[containers]\nlog_tag = \"etc.d\"\ninit = true\n",
        );
        // Not read: only *.conf files count.
        write(
            etc.join("containers.conf.d/20-b.txt"),
            "[containers]\ninit = false\n",
        );
        write(
            etc.join("containers.rootless.conf.d/1000/x.conf"),
            "[containers]\nnetns = \"none\"\npids_limit = 7\n",
        );
        write(
            etc.join("containers.rootless.conf.d/1001/x.conf"),
            "[containers]\nnetns = \"host\"\n",
        );
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.log_tag(), Some("etc.d"));
        assert!(conf.init());
        assert_eq!(conf.netns(), Some("none"));
        assert_eq!(conf.pids_limit(), 7);
        write(
            user.join("containers.conf"),
            "[containers]\nlog_tag = \"user\"\n",
        );
        assert_eq!(
            ContainersConf::load(&paths).unwrap().log_tag(),
            Some("user")
        );
        write(
            user.join("containers.conf.d/a.conf"),
            "[containers]\nlog_tag = \"user.d\"\ndefault_capabilities = [\"CHOWN\"]\n",
        );
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.log_tag(), Some("user.d"));
        assert_eq!(
            conf.default_capabilities(),
            Some(&["CHOWN".to_string()][..])
        );
        // Root reads no rootless files.
        let root = Paths {
            uid: 0,
            ..paths.clone()
        };
        assert_eq!(ContainersConf::load(&root).unwrap().netns(), None);
        // CONTAINERS_CONF replaces them all, drop-ins included.
        let only = dir.path().join("only.conf");
        write(only.clone(), "");
        let conf = ContainersConf::load(&Paths {
            containers_conf: Some(only),
            ..paths
        })
        .unwrap();
        assert_eq!(
            (conf.log_tag(), conf.init(), conf.pids_limit()),
            (None, false, 2048)
        );
        assert_eq!(conf.default_capabilities(), None);
        assert_eq!(conf.image_default_transport(), "docker://");
        assert!(conf.label());
    }

    #[test]
    fn default_capabilities_append_to_the_built_in_set() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        let one = dir.path().join("one.conf");
        fs_err::write(
            &one,
            "[containers]\ndefault_capabilities = [\"NET_ADMIN\", {append = true}]\nlabel = false\n",
        )
        .unwrap();
        paths.containers_conf = Some(one.clone());
        let conf = ContainersConf::load(&paths).unwrap();
        let caps = conf.default_capabilities().unwrap();
        assert_eq!(caps.len(), crate::spec::caps::DEFAULT_CAPS.len() + 1);
        assert_eq!(caps.last().map(String::as_str), Some("NET_ADMIN"));
        assert!(!conf.label());
        fs_err::write(&one, "[containers]\ninit = \"yes\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("containers.init must be true or false"), "{e}");
    }

    #[test]
    fn a_broken_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(paths.user_config_dir().join("containers.conf"), "[engine\n").unwrap();
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("containers.conf"), "{err}");
    }
}
