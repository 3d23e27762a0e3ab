//! Accessors of [`ContainersConf`]: each setting with podman's default applied.

use std::path::{Path, PathBuf};

use super::containers_conf::NAMESPACE_KEYS;
use super::file::ConfigFile;
use super::{ContainersConf, Error, EventsSettings};

impl ContainersConf {
    /// `containers.init` (default false): containers run rpod's init as
    /// PID 1 unless `--init=false`.
    pub fn init(&self) -> bool {
        self.init.unwrap_or(false)
    }

    /// `containers.init_path`: the init binary of `--init` containers
    /// unless `--init-path` is given (none: rpod's own).
    pub fn init_path(&self) -> Option<&Path> {
        self.init_path.as_deref()
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

    /// `engine.database_backend`, when set (`sqlite` or `boltdb`; checked
    /// when the engine opens).
    pub fn database_backend(&self) -> Option<&str> {
        self.database_backend.as_deref()
    }

    /// `[engine.volume_plugins]`: the configured volume plugins' names and
    /// socket paths (rpod lists them but does not talk to them).
    pub fn volume_plugins(&self) -> &std::collections::BTreeMap<String, String> {
        &self.volume_plugins
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
