//! [`ContainerSpec`]: everything a container is created from (podman's
//! SpecGenerator), as typed values. The CLI's `run`/`create` flags,
//! compose services, kube play, Quadlet units and build's RUN steps all
//! build one; [`crate::container::plan`] turns it, the image's config and
//! the host's facts into what is written.
//!
//! Values are checked when they are parsed (see [`super::flag`]) and by
//! [`ContainerSpec::validate`], which checks what needs several fields;
//! nothing past this point re-parses a string.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use nix::sys::signal::Signal;

use super::caps::CapRequest;
use super::env::EnvVar;
use super::mounts::MountSpec;
use super::policy::{LogConfig, PullPolicy, RestartPolicy, SdNotifyMode, UsernsMode};
use super::resources::Resources;
use super::seccomp::SeccompPolicy;
use super::ulimit::Ulimit;
use super::user::UserSpec;
use crate::network::{HostEntry, Mode, PortMapping};

/// Which image a container runs, and when it is pulled.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageSpec {
    /// The image as the user wrote it (a name, `name:tag`, `@digest`, an ID).
    pub reference: String,
    /// `--pull`.
    pub pull: PullPolicy,
    /// How a pull reaches the registry (`-q`, `--authfile`, `--tls-verify` ...).
    pub fetch: FetchOptions,
}

/// The pull flags `run`/`create` (and `build`) pass on when the image has
/// to be pulled: what `rpod pull` takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FetchOptions {
    /// `-q`: no progress output (errors still shown).
    pub quiet: bool,
    /// `--authfile`.
    pub authfile: Option<PathBuf>,
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds USER[:PASSWORD]`.
    pub creds: Option<String>,
    /// `--cert-dir`.
    pub cert_dir: Option<PathBuf>,
    /// `--retry`.
    pub retry: Option<u32>,
    /// `--retry-delay`.
    pub retry_delay: Option<String>,
    /// `--platform` (or `--arch`/`--os`/`--variant`, joined).
    pub platform: Option<String>,
    /// `--decryption-key KEY[:PASSPHRASE]`.
    pub decryption_keys: Vec<String>,
    /// `--signature-policy`.
    pub signature_policy: Option<PathBuf>,
}

impl FetchOptions {
    /// The flags of `rpod pull` that say the same.
    pub fn pull_args(&self) -> Vec<String> {
        let mut a = Vec::new();
        if self.quiet {
            a.push("--quiet".to_string());
        }
        if let Some(f) = &self.authfile {
            a.push(format!("--authfile={}", f.display()));
        }
        if let Some(t) = self.tls_verify {
            a.push(format!("--tls-verify={t}"));
        }
        if let Some(c) = &self.creds {
            a.push(format!("--creds={c}"));
        }
        if let Some(d) = &self.cert_dir {
            a.push(format!("--cert-dir={}", d.display()));
        }
        if let Some(r) = self.retry {
            a.push(format!("--retry={r}"));
        }
        if let Some(d) = &self.retry_delay {
            a.push(format!("--retry-delay={d}"));
        }
        if let Some(p) = &self.platform {
            a.push(format!("--platform={p}"));
        }
        for k in &self.decryption_keys {
            a.push(format!("--decryption-key={k}"));
        }
        if let Some(p) = &self.signature_policy {
            a.push(format!("--signature-policy={}", p.display()));
        }
        a
    }
}

/// The container's process (`run IMAGE COMMAND...` and its flags).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcessSpec {
    /// Arguments after the image name: they replace the image's `Cmd`.
    pub command: Vec<String>,
    /// `--entrypoint`: replaces the image's entrypoint and clears its
    /// `Cmd`; `Some(vec![])` (`--entrypoint ""`) leaves no entrypoint.
    pub entrypoint: Option<Vec<String>>,
    /// `-e`, `--env-file` (later entries win over earlier ones and the image's).
    pub env: Vec<EnvVar>,
    /// `-w` (the image's `WorkingDir`, else `/`, when `None`).
    pub workdir: Option<PathBuf>,
    /// `-u` (the image's `User`, else root, when `None`).
    pub user: Option<UserSpec>,
    /// `-t`: a pseudo-terminal.
    pub tty: bool,
    /// `-i`: stdin kept open.
    pub interactive: bool,
    /// `--init`: rpod's minimal init runs as PID 1 (`None`:
    /// containers.conf's `init`, default false).
    pub init: Option<bool>,
    /// `--init-path`: with `--init`, this host binary (bound at
    /// `/run/podman-init`) is PID 1 instead of rpod's init, as podman's
    /// catatonit: `/run/podman-init -- COMMAND...`.
    pub init_path: Option<PathBuf>,
    /// `--personality`: the command's execution domain.
    pub personality: Option<super::process_env::Personality>,
    /// `--unsetenv`: default variables (rpod's, containers.conf's, the
    /// image's) left out; `-e` may still set them.
    pub unset_env: Vec<String>,
    /// `--unsetenv-all`: no default variables at all.
    pub unset_env_all: bool,
    /// `--env-merge NAME=WORD`: a default variable computed from the
    /// image's (`${NAME}` references), before `-e` and `--unsetenv`.
    pub env_merge: Vec<String>,
    /// `--group-add`: more groups for the process (`keep-groups` alone).
    pub group_add: Vec<super::user::GroupAdd>,
    /// `--umask` (containers.conf's `umask`, else 0022, when `None`).
    pub umask: Option<super::process_env::Umask>,
    /// `--tz`: the container's `/etc/localtime` (containers.conf's `tz`,
    /// else the image's own, when `None`).
    pub timezone: Option<super::process_env::Timezone>,
    /// `--http-proxy`: the host's proxy variables (`http_proxy`,
    /// `HTTPS_PROXY` ...) passed in, over the image's, under `-e`
    /// (`None`: containers.conf's `http_proxy`, default true).
    pub http_proxy: Option<bool>,
    /// `--env-host`: the host's whole environment passed in, under
    /// `--env-file` and `-e` (`None`: containers.conf's `env_host`).
    pub env_host: Option<bool>,
}

/// The accounts added to the container's `/etc/passwd` and `/etc/group`
/// (`--hostuser`, `--passwd-entry`, `--group-entry`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountsSpec {
    /// `--hostuser`: host users (names or uids) given an entry.
    pub host_users: Vec<String>,
    /// `--passwd-entry`: the template of the entries written
    /// (`$USERNAME`, `$UID`, `$GID`, `$NAME`, `$HOME`).
    pub passwd_entry: Option<String>,
    /// `--group-entry`: the template of the group entry written for
    /// `--user`'s group (`$GROUPNAME`, `$GID`, `$USERLIST`).
    pub group_entry: Option<String>,
    /// `--passwd=false`: the image's /etc/passwd and /etc/group are left
    /// alone (no entry added for `--user`, `--hostuser` or keep-id).
    pub no_passwd: bool,
}

/// What the container may do (`--cap-*`, `--privileged`, `--security-opt`,
/// `--ulimit`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecuritySpec {
    /// `--cap-add`, `--cap-drop`.
    pub caps: CapRequest,
    /// `--privileged`: every capability, no default masks or seccomp.
    pub privileged: bool,
    /// Whether `--privileged` was given (true or false): containers.conf's
    /// `privileged` applies only when it was not.
    pub privileged_given: bool,
    /// `--security-opt no-new-privileges`.
    pub no_new_privileges: bool,
    /// `--security-opt seccomp=`.
    pub seccomp: SeccompPolicy,
    /// `--security-opt mask=`: more paths to hide.
    pub mask: Vec<PathBuf>,
    /// `--security-opt unmask=`: default masked or read-only paths left
    /// alone (`ALL`, or paths where `*` matches within one component).
    pub unmask: Vec<String>,
    /// `--ulimit` (after containers.conf `default_ulimits`); later entries win.
    pub ulimits: Vec<Ulimit>,
    /// `--security-opt label=…` values (`type:T`, `level:L`, `filetype:T`,
    /// `disable` …): recorded for `kube generate` (no SELinux here).
    pub labels: Vec<String>,
}

/// The container's network (`--network`, `-p`, `-P`, `--dns*`, `--add-host`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetworkSpec {
    /// `--network`; `None`: the default (pasta, else slirp4netns rootless;
    /// slirp4netns rootful), chosen when the container is planned.
    pub mode: Option<Mode>,
    /// `-p`: host port 0 means "a free one", chosen when it is created.
    pub ports: Vec<PortMapping>,
    /// `-P`: the image's exposed ports (and `--expose`'s) on free host ports.
    pub publish_all: bool,
    /// `--expose`: more exposed ports (inspect's `Config.ExposedPorts`, `-P`).
    pub expose: Vec<crate::network::ports::Expose>,
    /// `--dns`: replaces the nameservers of /etc/resolv.conf.
    pub dns: Vec<IpAddr>,
    /// `--dns-search`: replaces its search domains.
    pub dns_search: Vec<String>,
    /// `--dns-option`: replaces its `options` (`ndots:2`, `edns0`).
    pub dns_options: Vec<String>,
    /// `--add-host`: more lines of /etc/hosts.
    pub add_hosts: Vec<HostEntry>,
    /// `--no-hosts`: the image's own /etc/hosts, none written by rpod.
    pub no_hosts: bool,
    /// `--hosts-file`: what /etc/hosts starts from (a path, `none`,
    /// `image`; containers.conf's `base_hosts_file` when `None`).
    pub hosts_file: Option<String>,
    /// `--no-hostname`: the image's own /etc/hostname (if any), none
    /// written by rpod.
    pub no_hostname: bool,
    /// `--network-alias`: more names on every network joined (bridge
    /// networks only; per network: [`crate::network::Attachment::aliases`]).
    pub aliases: Vec<String>,
    /// `--ip`: the address on the first network joined.
    pub ip: Option<IpAddr>,
    /// `--ip6`: the IPv6 address on the first network joined.
    pub ip6: Option<std::net::Ipv6Addr>,
    /// `--mac-address`: the MAC address on the first network joined.
    pub mac: Option<crate::network::MacAddress>,
}

/// Everything a container is created from.
///
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContainerSpec {
    /// The image.
    pub image: ImageSpec,
    /// `--name` (a generated `adjective_noun` when `None`).
    pub name: Option<String>,
    /// `--replace`: a container holding the name is removed first.
    pub replace: bool,
    /// `--rm`: removed when it exits.
    pub auto_remove: bool,
    /// `--rmi`: its image removed with it (unless in use).
    pub remove_image: bool,
    /// `--chrootdirs`: directories inside the container that get the
    /// container's `/etc/hosts` and `/etc/resolv.conf` too (podman's).
    pub chroot_dirs: Vec<PathBuf>,
    /// The process.
    pub process: ProcessSpec,
    /// `--hostname` (the short container ID when `None`).
    pub hostname: Option<String>,
    /// `-v`, `--mount`, `--tmpfs`, in order.
    pub mounts: Vec<MountSpec>,
    /// `--image-volume` (`None`: containers.conf's, else anonymous volumes).
    pub image_volume: Option<super::mounts::ImageVolumeMode>,
    /// `--read-only`: the root file system (and rpod's own binds) read-only
    /// (`None`: containers.conf's `read_only`, default false).
    pub read_only: Option<bool>,
    /// `--read-only-tmpfs`: with `--read-only`, writable tmpfs on /tmp,
    /// /var/tmp and /run (`None`: true, as podman).
    pub read_only_tmpfs: Option<bool>,
    /// Writable tmpfs on /tmp, /var/tmp and /run whether read-only or not
    /// (podman's `ReadWriteTmpfs`, which `kube play` sets).
    pub read_write_tmpfs: bool,
    /// A `kube play --service-container`'s container: its process is
    /// rpod-init's pause, not the command.
    pub service: bool,
    /// A service container's `--service-exit-code-propagation`.
    pub kube_exit_code_propagation: crate::kube::ExitCodePropagation,
    /// `--volumes-from`: other containers' volumes and binds, added when
    /// the container is created (its own `-v` win at the same place).
    pub volumes_from: Vec<super::mounts::VolumesFrom>,
    /// `--shm-size`: the size of `/dev/shm` in bytes (`None`: 64 MB).
    pub shm_size: Option<u64>,
    /// `--sysctl`: namespaced kernel parameters set in the container.
    pub sysctls: Vec<super::sysctl::Sysctl>,
    /// Capabilities, seccomp, masks, limits.
    pub security: SecuritySpec,
    /// `--userns`.
    pub userns: UsernsMode,
    /// `--uidmap`, `--gidmap`, `--subuidname`, `--subgidname`.
    pub id_maps: super::idmap::IdMapRequest,
    /// `--hostuser`, `--passwd-entry`, `--group-entry`.
    pub accounts: AccountsSpec,
    /// Resource limits (`--memory`, `--cpus`, `--pids-limit` ...), parsed
    /// and checked ([`Resources::from_flags`]).
    pub resources: Resources,
    /// `--cgroup-parent`: the cgroup the container's own goes under
    /// (`None`: podman's cgroupfs default, `libpod_parent`).
    pub cgroup_parent: Option<String>,
    /// The network.
    pub network: NetworkSpec,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// `--stop-signal` (the image's `StopSignal`, else SIGTERM, when `None`).
    pub stop_signal: Option<Signal>,
    /// `--stop-timeout` in seconds (10 when `None`).
    pub stop_timeout: Option<u32>,
    /// `--timeout`: seconds after which the container is killed (SIGKILL;
    /// its exit code is then -1, as podman records it).
    pub timeout: Option<u32>,
    /// `--log-driver`, `--log-opt`.
    pub log: LogConfig,
    /// `--sdnotify`.
    pub sdnotify: SdNotifyMode,
    /// `--health-*`, `--no-healthcheck`: merged with the image's
    /// `HEALTHCHECK` when the container is planned.
    pub health: crate::health::HealthRequest,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// `--annotation`: the OCI spec's annotations (inspect's
    /// `Config.Annotations`).
    pub annotations: BTreeMap<String, String>,
    /// `--cidfile`: a new file that receives the container's ID.
    pub cidfile: Option<PathBuf>,
    /// The command line that created it (podman's `CreateCommand`, for
    /// `generate systemd --new`); empty when it was not a command line.
    pub create_command: Vec<String>,
    /// `--pod`: the pod the container joins.
    pub pod: Option<PodMembership>,
    /// `--pid`, `--ipc`, `--uts`, `--cgroupns`.
    pub namespaces: super::namespaces::NamespaceSpec,
    /// `--device`.
    pub devices: Vec<super::devices::DeviceSpec>,
    /// `--device-cgroup-rule`.
    pub device_cgroup_rules: Vec<super::devices::DeviceRule>,
    /// `--rootfs`: run from this directory instead of an image.
    pub rootfs: Option<super::rootfs::RootfsSpec>,
    /// `--systemd`.
    pub systemd: super::systemd::SystemdMode,
    /// `--shm-size-systemd`: the size of systemd mode's tmpfs mounts.
    pub shm_size_systemd: Option<u64>,
    /// `--preserve-fds`: descriptors 3..3+N passed on.
    pub preserve_fds: u32,
    /// `--requires`: containers (names or IDs) started before this one
    /// whenever it starts; they must exist, and cannot be removed first.
    pub requires: Vec<String>,
    /// `--conmon-pidfile`: a file that receives the pid of the process
    /// supervising the container (rpod's monitor, podman's conmon) at each
    /// start.
    pub conmon_pidfile: Option<PathBuf>,
    /// `--pidfile`: a file that receives the container's PID 1 (its host
    /// pid) at each start.
    pub pidfile: Option<PathBuf>,
    /// `--secret`: secrets of the store, as files or variables (each must
    /// exist when the container is created).
    pub secrets: Vec<super::secret::SecretRequest>,
}

/// `--pod NAME` or `--pod new:NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodMembership {
    /// An existing pod, by name or ID.
    Existing(String),
    /// `new:NAME`: a pod created for this container with podman's
    /// defaults, taking the container's published ports, DNS and hosts
    /// settings (as podman does).
    New(String),
}

impl std::str::FromStr for PodMembership {
    type Err = std::convert::Infallible;
    /// `new:NAME` or a name/ID.
    fn from_str(s: &str) -> Result<PodMembership, Self::Err> {
        Ok(match s.strip_prefix("new:") {
            Some(name) => PodMembership::New(name.to_string()),
            None => PodMembership::Existing(s.to_string()),
        })
    }
}

/// A request whose fields contradict each other; the messages name the
/// flags involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// `--rm` with a restart policy.
    #[error("the --rm option conflicts with --restart {0}: use one or the other")]
    RemoveAndRestart(RestartPolicy),
    /// `--dns*` or `--add-host` with `--network container:`, whose files are shared.
    #[error(
        "conflicting options: {what} and the network mode: --network {mode}: the container \
         shares the other container's /etc/resolv.conf and /etc/hosts; set them there"
    )]
    SharedEtc {
        /// `dns` or `add-host`.
        what: &'static str,
        /// The mode.
        mode: Mode,
    },
    /// An `--annotation` in rpod's own `io.rpod.` namespace (they steer
    /// the runtime: `--init`, volume copy-up).
    #[error("--annotation {0}: the io.rpod. prefix is rpod's own: choose another key")]
    ReservedAnnotation(String),
    /// `--no-hosts` with `--add-host`: there is no /etc/hosts to add to.
    #[error("--no-hosts and --add-host cannot be set together")]
    NoHostsAndAddHost,
    /// `--group-add keep-groups` with other groups.
    #[error(
        "the '--group-add keep-groups' option is not allowed with any other --group-add options"
    )]
    KeepGroupsWithOthers,
    /// `--userns` with explicit maps.
    #[error("--userns and --uidmap/--gidmap/--subuidname/--subgidname are mutually exclusive: use one or the other")]
    UsernsAndMaps,
    /// `--subuidname` (`--subgidname`) with `--uidmap` (`--gidmap`).
    #[error("--{0}map and --sub{0}name are mutually exclusive: use one or the other")]
    MapAndSubname(&'static str),
    /// A `--passwd-entry` or `--group-entry` of more than one line.
    #[error("--{0} must be a single line (use its $ variables for the values)")]
    MultilineEntry(&'static str),
    /// `--hostname` with a UTS namespace that is not the container's own.
    #[error("cannot set hostname when running in the host UTS namespace: invalid configuration: drop --hostname or --uts")]
    HostnameWithHostUts,
    /// `--shm-size` where the container has no /dev/shm of its own.
    #[error("cannot set shmsize when running in the {0} IPC Namespace")]
    ShmSizeWithIpc(super::namespaces::NsMode),
    /// A `--device-cgroup-rule` rootless.
    // podman's words exactly: its tests match them.
    #[error("device cgroup rules are not supported in rootless mode or in a user namespace")]
    DeviceRulesRootless,
    /// `run --rmi --rm=false` (podman's words).
    #[error("the --rmi option does not work without --rm")]
    RmiWithoutRm,
    /// `start --sig-proxy` without `--attach` (podman's words).
    #[error("you cannot use sig-proxy without --attach: invalid argument")]
    SigProxyWithoutAttach,
    /// A `net.*` sysctl in the host's network namespace.
    #[error("sysctl {0} can't be set since Network Namespace set to host: drop --sysctl or use another --network")]
    SysctlOnHostNetwork(String),
}

impl ContainerSpec {
    /// A request for `image` with every other setting at its default.
    pub fn new(image: impl Into<String>) -> ContainerSpec {
        ContainerSpec {
            image: ImageSpec {
                reference: image.into(),
                pull: PullPolicy::default(),
                fetch: FetchOptions::default(),
            },
            ..ContainerSpec::default()
        }
    }

    /// Checks what needs more than one field (each value was checked when
    /// it was parsed). What depends on the host (the default network, the
    /// user namespace) is checked when the container is planned.
    pub fn validate(&self) -> Result<(), Conflict> {
        if self.auto_remove && self.restart != RestartPolicy::No {
            return Err(Conflict::RemoveAndRestart(self.restart));
        }
        let groups = &self.process.group_add;
        if groups.len() > 1 && groups.contains(&super::user::GroupAdd::KeepGroups) {
            return Err(Conflict::KeepGroupsWithOthers);
        }
        let m = &self.id_maps;
        if m.is_set() && self.userns != UsernsMode::Host {
            return Err(Conflict::UsernsAndMaps);
        }
        if !m.uid_map.is_empty() && m.subuidname.is_some() {
            return Err(Conflict::MapAndSubname("uid"));
        }
        if !m.gid_map.is_empty() && m.subgidname.is_some() {
            return Err(Conflict::MapAndSubname("gid"));
        }
        let a = &self.accounts;
        for (flag, v) in [
            ("passwd-entry", &a.passwd_entry),
            ("group-entry", &a.group_entry),
        ] {
            if v.as_deref().is_some_and(|v| v.contains('\n')) {
                return Err(Conflict::MultilineEntry(flag));
            }
        }
        if let Some(k) = self.annotations.keys().find(|k| k.starts_with("io.rpod.")) {
            return Err(Conflict::ReservedAnnotation(k.clone()));
        }
        use super::namespaces::NsMode;
        if self.hostname.is_some()
            && matches!(
                self.namespaces.uts,
                Some(NsMode::Host | NsMode::Container(_) | NsMode::Path(_))
            )
        {
            return Err(Conflict::HostnameWithHostUts);
        }
        if let (Some(_), Some(m @ (NsMode::Host | NsMode::None))) =
            (self.shm_size, &self.namespaces.ipc)
        {
            return Err(Conflict::ShmSizeWithIpc(m.clone()));
        }
        let n = &self.network;
        if n.no_hosts && !n.add_hosts.is_empty() {
            return Err(Conflict::NoHostsAndAddHost);
        }
        if matches!(n.mode, Some(Mode::Host)) {
            if let Some(s) = self.sysctls.iter().find(|s| s.is_net()) {
                return Err(Conflict::SysctlOnHostNetwork(s.to_string()));
            }
        }
        if let Some(mode) = &n.mode {
            if let Mode::Container(_) = mode {
                if !n.dns.is_empty() || !n.dns_search.is_empty() || !n.dns_options.is_empty() {
                    return Err(Conflict::SharedEtc {
                        what: "dns",
                        mode: mode.clone(),
                    });
                }
                if !n.add_hosts.is_empty() {
                    return Err(Conflict::SharedEtc {
                        what: "add-host",
                        mode: mode.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// `--entrypoint`'s value as podman reads it: a JSON array of strings
/// (`["/bin/echo","hi"]`) is the command line; anything else is one word,
/// and `""` leaves no entrypoint.
pub fn parse_entrypoint(value: &str) -> Vec<String> {
    if value.is_empty() {
        return Vec::new();
    }
    serde_json::from_str::<Vec<String>>(value).unwrap_or_else(|_| vec![value.to_string()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn entrypoint_takes_a_json_array() {
        use super::parse_entrypoint as p;
        assert_eq!(p(r#"["/bin/echo","a b"]"#), ["/bin/echo", "a b"]);
        assert_eq!(p("/bin/sh"), ["/bin/sh"]);
        assert_eq!(p("[not json"), ["[not json"]);
        assert_eq!(p("[1,2]"), ["[1,2]"]);
        assert!(p("").is_empty());
        assert!(p("[]").is_empty());
    }

    use super::*;

    #[test]
    fn conflicts_name_the_flags() {
        let mut s = ContainerSpec::new("img");
        s.validate().unwrap();
        s.auto_remove = true;
        s.restart = RestartPolicy::Always;
        assert!(s.validate().unwrap_err().to_string().contains("--rm"));
        s.restart = RestartPolicy::No;
        s.network.mode = Some(Mode::None);
        // Ports there are discarded with a warning (the plan's), as podman.
        s.network.publish_all = true;
        s.validate().unwrap();
        s.network.publish_all = false;
        s.network.mode = Some(Mode::Container("web".into()));
        s.network.dns = vec!["10.0.0.1".parse().unwrap()];
        let e = s.validate().unwrap_err().to_string();
        assert!(
            e.contains("conflicting options: dns and the network mode"),
            "{e}"
        );
        s.network.dns.clear();
        s.network.add_hosts = vec!["a:10.0.0.2".parse().unwrap()];
        let e = s.validate().unwrap_err().to_string();
        assert!(e.contains("add-host"), "{e}");
        s.network.add_hosts.clear();
        s.network.ports = crate::network::ports::parse_publish_spec("8081:80").unwrap();
        s.validate().unwrap();
        s.network = NetworkSpec::default();
        s.process.group_add = vec![
            crate::spec::GroupAdd::KeepGroups,
            crate::spec::GroupAdd::Group("10".into()),
        ];
        let e = s.validate().unwrap_err().to_string();
        assert!(
            e.contains("'--group-add keep-groups' option is not allowed"),
            "{e}"
        );
        s.process.group_add.clear();
        s.id_maps.uid_map = vec!["0:1:10".parse().unwrap()];
        s.userns = UsernsMode::NoMap;
        let e = s.validate().unwrap_err().to_string();
        assert!(e.contains("mutually exclusive"), "{e}");
        s.userns = UsernsMode::Host;
        s.validate().unwrap();
        s.id_maps.subuidname = Some("x".into());
        let e = s.validate().unwrap_err().to_string();
        assert!(e.contains("--uidmap and --subuidname"), "{e}");
    }
}
