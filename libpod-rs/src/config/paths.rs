//! [`Paths`]: where configuration and state live, read once from the environment.

use std::path::{Path, PathBuf};

use super::{drop_ins, Error};

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
pub(crate) fn errno_text(e: nix::errno::Errno) -> String {
    let text = e.desc();
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
