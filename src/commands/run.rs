//! `rpod run`: create a container and run it, in the foreground or (`-d`)
//! detached under its own monitor. `rpod create` shares these flags.

use std::path::PathBuf;

use clap::Args;
use libpod::network::parse_network_flags;
use libpod::network::ports::parse_publish_spec;
use libpod::spec::resources::{ResourceFlags, Resources};
use libpod::spec::{
    parse_flag, parse_flags, parse_signal, with_flag, CapSet, ContainerSpec, EnvVar, MountSpec,
    Ulimit,
};

use super::Globals;
use crate::output;

/// Arguments of `rpod run`.
#[derive(Debug, Args)]
// -h is --hostname, as in podman and docker: help is --help only.
#[command(trailing_var_arg = true, disable_help_flag = true)]
pub struct RunArgs {
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// The image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The command and its arguments (the image's default when omitted)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Remove image unless used by other containers, implies --rm
    #[arg(long)]
    pub rmi: bool,
    /// Run the container in the background and print its ID
    #[arg(short, long)]
    pub detach: bool,
    /// Attach to STDIN, STDOUT or STDERR (the others are only logged)
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Logging driver: k8s-file, json-file (the same file) or none
    #[arg(long, value_name = "DRIVER", value_parser = ["k8s-file", "json-file", "none"])]
    pub log_driver: Option<String>,
    /// Logging options: max-size=SIZE
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Set metadata: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Signal that `stop` sends first (name or number)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds `stop` waits before killing
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Containers (names or IDs, comma-separated) started before this one whenever it starts
    #[arg(long, value_name = "CONTAINER")]
    pub requires: Vec<String>,
    /// Maximum time a container is allowed to run before it is killed, in seconds (0: no limit)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
    /// Replace a container that has the same name
    #[arg(long)]
    pub replace: bool,
    /// How readiness reaches systemd's NOTIFY_SOCKET: conmon (rpod's monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it), healthy (the monitor reports READY=1 once the healthcheck first passes) or ignore
    #[arg(long, value_name = "MODE", default_value = "ignore", value_parser = ["conmon", "container", "healthy", "ignore"])]
    pub sdnotify: String,
    /// cgroup handling: enabled, disabled, no-conmon or split (accepted and ignored: as root every container gets its own cgroup, rootless on cgroup v1 none)
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: Option<String>,
    /// The cgroup the container's own cgroup goes under (podman's cgroupfs default: libpod_parent); rootless on cgroup v1 there is none
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// User namespace mode: host (rpod's default mapping), keep-id[:uid=N,gid=N,size=N] (your uid and gid inside too), nomap (your own ids not mapped), auto[:size=N,uidmapping=C:H:N,gidmapping=C:H:N] (a range no other auto container uses), ns:PATH (join that user namespace)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// UID map for a user namespace of the container's own: CONTAINER_ID:FROM_ID[:AMOUNT] (rootless FROM_ID is an id of your user namespace, @ID a host id)
    #[arg(long, value_name = "CONTAINER_ID:FROM_ID[:AMOUNT]")]
    pub uidmap: Vec<String>,
    /// GID map for a user namespace of the container's own: CONTAINER_ID:FROM_ID[:AMOUNT] (the UID map when omitted)
    #[arg(long, value_name = "CONTAINER_ID:FROM_ID[:AMOUNT]")]
    pub gidmap: Vec<String>,
    /// Map the container's uids to the ranges of this name in /etc/subuid
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Map the container's gids to the ranges of this name in /etc/subgid
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// Add additional groups to the process (a name, a gid, or keep-groups to keep your own supplementary groups)
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Add a host user (name or uid) to the container's /etc/passwd
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// Allow rpod to add entries to /etc/passwd and /etc/group when used in conjunction with the --user option (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub passwd: Option<bool>,
    /// Entry written to /etc/passwd for added users ($USERNAME, $UID, $GID, $NAME, $HOME are replaced)
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Entry written to /etc/group for --user's group ($GROUPNAME, $GID, $USERLIST are replaced)
    #[arg(long, value_name = "ENTRY")]
    pub group_entry: Option<String>,
    /// What the image's VOLUMEs become: anonymous (or bind: a volume each), tmpfs, or ignore
    #[arg(long, value_name = "MODE")]
    pub image_volume: Option<String>,
    /// Set the umask inside the container (default 0022)
    #[arg(long, value_name = "UMASK")]
    pub umask: Option<String>,
    /// Set the container's time zone: local (the host's) or a name such as Europe/Berlin
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
    /// Write the container ID to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
    /// Path to the file that will receive the PID of conmon (rpod's monitor process, at each start)
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// Write the container process ID to the file
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<std::path::PathBuf>,
    /// Keep stdin open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables (NAME=VALUE, or NAME to copy it from here)
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Pass this environment's variables to the container (the image's lose; --env-file and -e win; default false, or containers.conf's env_host)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub env_host: Option<bool>,
    /// Leave out a default variable (rpod's, containers.conf's or the image's)
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Leave out every default variable
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Preprocess default environment variables for the containers: NAME=VALUE, where ${VAR} is the image's
    #[arg(long, value_name = "NAME=VALUE")]
    pub env_merge: Vec<String>,
    /// Read labels from a file of KEY=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<std::path::PathBuf>,
    /// Add an annotation to the container: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Expose a port or a range of ports: PORT[-END][/PROTOCOL] (published by -P)
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// Add secret to container: NAME[,type=mount|env,target=PATH|VAR,uid=,gid=,mode=]
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name or UID[:GID]) to run as
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Override the image's entrypoint
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Container host name
    #[arg(short = 'h', long = "hostname", value_name = "NAME")]
    pub host_name: Option<String>,
    /// Run the container in this pod (`new:NAME` creates it)
    #[arg(long, value_name = "NAME", conflicts_with = "pod_id_file")]
    pub pod: Option<String>,
    /// Run the container in the pod whose ID this file holds (`pod create --pod-id-file`)
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Make containers root filesystem read-only (default false, or containers.conf's read_only)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only: Option<bool>,
    /// When running --read-only containers, mount read-write tmpfs on /dev, /dev/shm, /run, /tmp, and /var/tmp
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only_tmpfs: Option<bool>,
    /// Size of /dev/shm (e.g. 256m; default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Set a namespaced kernel parameter: KEY=VALUE (net.*, fs.mqueue.*, kernel.shm*, kernel.msg*, kernel.sem)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Mount a tmpfs on this path
    #[arg(long, value_name = "PATH")]
    pub tmpfs: Vec<String>,
    /// Bind mount or volume: [HOST-PATH|VOLUME:]/CONTAINER/PATH[:ro|rw|U|z|Z] (a volume is created on first use)
    #[arg(short, long, value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Mount: type=bind|volume|tmpfs|image,source=…,target=…[,ro][,U][,subpath=…][,rw=true]
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Add a capability
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (or `all`)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities and devices access (default false, or containers.conf's privileged)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub privileged: Option<bool>,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Resource limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, memlock, cpu, fsize, as, …; -1 or unlimited for none), or host to copy this shell's limits
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Network mode: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, container:NAME (join its network), ns:PATH, or networks to join by name, NAME[:ip=IP,mac=MAC,alias=NAME,interface_name=NAME] (repeatable; default: pasta when installed, else slirp4netns)
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Another name the container answers to on the networks it joins
    #[arg(long, value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// The container's IPv4 or IPv6 address on the (first) network it joins
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// The container's MAC address on the (first) network it joins
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Publish a port: [IP:][HOST-PORT:]CONTAINER-PORT[/tcp|/udp], ranges allowed
    #[arg(short, long, value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish the image's exposed ports on free host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// DNS server for the container's /etc/resolv.conf
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// DNS search domain
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Resolver option for /etc/resolv.conf (e.g. ndots:2)
    #[arg(long, alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts: NAME:IP
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Do not create /etc/hosts for the container: the image's is used
    #[arg(long)]
    pub no_hosts: bool,
    /// Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")
    #[arg(long, value_name = "PATH")]
    pub hosts_file: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long)]
    pub disable_content_trust: bool,
    /// Do not create /etc/hostname for the container: the image's (if any) is used
    #[arg(long)]
    pub no_hostname: bool,
    /// Run a minimal init as PID 1 that reaps zombies and forwards signals (default false, or containers.conf's init)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub init: Option<bool>,
    /// Name of the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Healthcheck flags (`--health-cmd`, `--health-interval` ...)
    #[command(flatten)]
    pub health: HealthArgs,
    /// Pull the image: missing, always, never, or newer (when the registry's differs)
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["missing", "always", "never", "newer"])]
    pub pull: String,
    /// Suppress the pull's progress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Credentials file for the pull (default: auth.json)
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Require HTTPS and verify certificates when pulling
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials for the pull: USERNAME[:PASSWORD]
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Certificates for the pull (*.crt, *.cert, *.key)
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Times to retry a failing pull
    #[arg(long, value_name = "ATTEMPTS")]
    pub retry: Option<u32>,
    /// Delay between pull retries (e.g. 2s)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Pull the image for this platform: OS/ARCH[/VARIANT]
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Use ARCH instead of the architecture of the machine for choosing images
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Use OS instead of the running OS for choosing images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Use VARIANT instead of the running architecture variant for choosing images
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Set proxy environment variables in the container based on the host proxy vars (default true, or containers.conf's http_proxy)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub http_proxy: Option<bool>,
    /// Resource limits (`--memory`, `--cpus`, `--pids-limit` ...)
    #[command(flatten)]
    pub resources: ResourceArgs,
    /// Namespaces, devices, root file system and systemd mode (`--pid`, `--device`, `--rootfs` ...)
    #[command(flatten)]
    pub host: HostArgs,
}

/// The namespace, device, root file system and systemd flags of `run` and `create`.
#[derive(Debug, Args, Default)]
pub struct HostArgs {
    /// PID namespace: host, private, container:NAME or ns:PATH
    #[arg(long, value_name = "PID")]
    pub pid: Option<String>,
    /// IPC namespace: host, private, shareable, none, container:NAME or ns:PATH
    #[arg(long, value_name = "IPC")]
    pub ipc: Option<String>,
    /// UTS namespace: host, private, container:NAME or ns:PATH
    #[arg(long, value_name = "UTS")]
    pub uts: Option<String>,
    /// cgroup namespace: host, private, container:NAME or ns:PATH (default: host on cgroup v1, private on v2)
    #[arg(long, value_name = "CGROUPNS")]
    pub cgroupns: Option<String>,
    /// Add a host device: HOST-DEVICE[:CONTAINER-DEVICE][:PERMISSIONS] (rootless, the host's node is bind-mounted)
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// GPU devices to add to the container ('all' to pass all GPUs)
    #[arg(long, value_name = "GPU", value_delimiter = ',')]
    pub gpus: Vec<String>,
    /// Add a rule to the device cgroup's allow list: 'TYPE MAJOR:MINOR ACCESS' (rootful only)
    #[arg(long, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// The first argument is an exploded root file system (DIR, or DIR:O for an overlay on top) instead of an image
    #[arg(long)]
    pub rootfs: bool,
    /// Run in systemd mode: true (for systemd or an init command), false or always
    #[arg(long, value_name = "MODE", default_value = "true")]
    pub systemd: String,
    /// Size of systemd mode's tmpfs mounts (/run, /run/lock, /tmp, /var/log/journal)
    #[arg(long, value_name = "SIZE")]
    pub shm_size_systemd: Option<String>,
    /// Pass N more file descriptors (3 to 3+N-1) to the container (foreground only)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
}

/// Sets the request's namespace, device, root file system and systemd
/// fields from the flags (errors name the flag).
fn host_spec(s: &mut ContainerSpec, h: &HostArgs) -> anyhow::Result<()> {
    use libpod::spec::{NsKind, NsMode};
    for (kind, v) in [
        (NsKind::Pid, &h.pid),
        (NsKind::Ipc, &h.ipc),
        (NsKind::Uts, &h.uts),
        (NsKind::Cgroup, &h.cgroupns),
    ] {
        if let Some(v) = v {
            *s.namespaces.get_mut(kind) = with_flag(kind.flag(), v, |v| NsMode::parse(kind, v))?;
        }
    }
    // podman's: a GPU is the CDI device nvidia.com/gpu=GPU, which needs a
    // CDI registry rpod does not read.
    if let Some(gpu) = h.gpus.first() {
        anyhow::bail!(
            "--gpus {gpu}: the GPU is the CDI device nvidia.com/gpu={gpu}, and rpod does not support CDI devices (Container Device Interface): pass the device nodes with --device /dev/PATH"
        );
    }
    s.devices = parse_flags("--device", &h.device)?;
    s.device_cgroup_rules = parse_flags("--device-cgroup-rule", &h.device_cgroup_rule)?;
    if h.rootfs {
        let here = std::env::current_dir().unwrap_or_default();
        let value = s.image.reference.clone();
        // Relative to here, as podman takes it.
        let absolute = if value.starts_with('/') {
            value.clone()
        } else {
            here.join(&value).to_string_lossy().into_owned()
        };
        s.rootfs = Some(with_flag("--rootfs", &value, |_| absolute.parse())?);
    }
    s.systemd = parse_flag("--systemd", &h.systemd)?;
    s.shm_size_systemd = h
        .shm_size_systemd
        .as_deref()
        .map(|v| libpod::spec::resources::parse_size("--shm-size-systemd", v))
        .transpose()?;
    s.preserve_fds = h.preserve_fds;
    Ok(())
}

/// The healthcheck flags of `run`, `create` and `update`.
#[derive(Debug, Args, Default)]
pub struct HealthArgs {
    /// Healthcheck command: a shell command, a JSON array (argv), or none
    #[arg(long, value_name = "COMMAND")]
    pub health_cmd: Option<String>,
    /// Time between healthchecks (e.g. 30s, 1m30s), or disable for no timer
    #[arg(long, value_name = "INTERVAL")]
    pub health_interval: Option<String>,
    /// Consecutive failures before the container is unhealthy
    #[arg(long, value_name = "RETRIES")]
    pub health_retries: Option<String>,
    /// A healthcheck running longer than this fails and is killed
    #[arg(long, value_name = "TIMEOUT")]
    pub health_timeout: Option<String>,
    /// Time after the start during which failures do not count
    #[arg(long, value_name = "PERIOD")]
    pub health_start_period: Option<String>,
    /// Time between healthchecks during the start period
    #[arg(long, value_name = "INTERVAL")]
    pub health_start_interval: Option<String>,
    /// What the monitor does when the container turns unhealthy: none, kill, restart or stop
    #[arg(long, value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// Where healthcheck results are kept: local, events_logger or a directory
    #[arg(long, value_name = "DESTINATION")]
    pub health_log_destination: Option<String>,
    /// Healthcheck results kept (0: all)
    #[arg(long, value_name = "COUNT")]
    pub health_max_log_count: Option<String>,
    /// Characters of each healthcheck's output kept (0: all)
    #[arg(long, value_name = "SIZE")]
    pub health_max_log_size: Option<String>,
    /// Run no healthcheck, not even the image's
    #[arg(long)]
    pub no_healthcheck: bool,
    /// Startup healthcheck command, run until it passes; then the regular healthcheck begins
    #[arg(long, value_name = "COMMAND")]
    pub health_startup_cmd: Option<String>,
    /// Time between startup healthchecks
    #[arg(long, value_name = "INTERVAL")]
    pub health_startup_interval: Option<String>,
    /// Startup healthcheck failures that restart the container (0: no limit)
    #[arg(long, value_name = "RETRIES")]
    pub health_startup_retries: Option<String>,
    /// Startup healthcheck successes in a row before the regular healthcheck begins (0: one)
    #[arg(long, value_name = "COUNT")]
    pub health_startup_success: Option<String>,
    /// A startup healthcheck running longer than this fails and is killed
    #[arg(long, value_name = "TIMEOUT")]
    pub health_startup_timeout: Option<String>,
}

impl HealthArgs {
    /// The flags as libpod takes them.
    pub fn flags(&self) -> libpod::health::HealthFlags {
        libpod::health::HealthFlags {
            cmd: self.health_cmd.clone(),
            interval: self.health_interval.clone(),
            timeout: self.health_timeout.clone(),
            start_period: self.health_start_period.clone(),
            start_interval: self.health_start_interval.clone(),
            retries: self.health_retries.clone(),
            on_failure: self.health_on_failure.clone(),
            max_log_count: self.health_max_log_count.clone(),
            max_log_size: self.health_max_log_size.clone(),
            log_destination: self.health_log_destination.clone(),
            no_healthcheck: self.no_healthcheck,
            startup_cmd: self.health_startup_cmd.clone(),
            startup_interval: self.health_startup_interval.clone(),
            startup_timeout: self.health_startup_timeout.clone(),
            startup_retries: self.health_startup_retries.clone(),
            startup_success: self.health_startup_success.clone(),
        }
    }
}

/// The resource flags of `run`, `create` (and `update`).
#[derive(Debug, Args, Default)]
pub struct ResourceArgs {
    /// Memory limit: a number with an optional unit b, k, m or g (e.g. 512m)
    #[arg(short = 'm', long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Memory soft limit (e.g. 256m)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_reservation: Option<String>,
    /// Memory plus swap (-1: unlimited swap; default twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// How readily anonymous pages are swapped out: 0 to 100 (-1: the system's)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub memory_swappiness: Option<String>,
    /// Kernel memory limit (ignored, as podman 5 ignores it)
    #[arg(long, value_name = "SIZE", hide = true)]
    pub kernel_memory: Option<String>,
    /// Number of CPUs (e.g. 1.5)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// Relative CPU weight: 2 to 262144 (1024 by default)
    #[arg(short = 'c', long, value_name = "SHARES", allow_hyphen_values = true)]
    pub cpu_shares: Option<String>,
    /// CFS scheduler period in microseconds
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_period: Option<String>,
    /// CFS scheduler quota in microseconds per period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// Real-time scheduler period in microseconds (cgroup v1, as root)
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_period: Option<String>,
    /// Real-time scheduler runtime in microseconds per period (cgroup v1, as root)
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_runtime: Option<String>,
    /// CPUs the container may run on (0-3, 0,1)
    #[arg(long, value_name = "CPUS", allow_hyphen_values = true)]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes the container may use (0-3, 0,1)
    #[arg(long, value_name = "NODES", allow_hyphen_values = true)]
    pub cpuset_mems: Option<String>,
    /// Maximum number of processes (-1: unlimited)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Block I/O weight: 10 to 1000
    #[arg(long, value_name = "WEIGHT", allow_hyphen_values = true)]
    pub blkio_weight: Option<String>,
    /// Block I/O weight of one device: DEVICE:WEIGHT
    #[arg(long, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Write rate limit of a device: DEVICE:RATE
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Read operations per second limit of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_read_iops: Vec<String>,
    /// Write operations per second limit of a device: DEVICE:N
    #[arg(long, value_name = "DEVICE:N")]
    pub device_write_iops: Vec<String>,
    /// Disable the OOM killer for the container
    #[arg(long)]
    pub oom_kill_disable: bool,
    /// Adjust the OOM score of the container's processes: -1000 to 1000
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<String>,
}

impl ResourceArgs {
    /// The flags as libpod takes them.
    pub fn flags(&self) -> ResourceFlags {
        ResourceFlags {
            memory: self.memory.clone(),
            memory_reservation: self.memory_reservation.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_swappiness: self.memory_swappiness.clone(),
            kernel_memory: self.kernel_memory.clone(),
            cpus: self.cpus.clone(),
            cpu_shares: self.cpu_shares.clone(),
            cpu_period: self.cpu_period.clone(),
            cpu_quota: self.cpu_quota.clone(),
            cpu_rt_period: self.cpu_rt_period.clone(),
            cpu_rt_runtime: self.cpu_rt_runtime.clone(),
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit.clone(),
            blkio_weight: self.blkio_weight.clone(),
            blkio_weight_device: self.blkio_weight_device.clone(),
            device_read_bps: self.device_read_bps.clone(),
            device_write_bps: self.device_write_bps.clone(),
            device_read_iops: self.device_read_iops.clone(),
            device_write_iops: self.device_write_iops.clone(),
            oom_kill_disable: self.oom_kill_disable,
            oom_score_adj: self.oom_score_adj.clone(),
        }
    }
}

/// Turns the flags into a container request, each value parsed by libpod
/// (errors name the flag); the files a flag names (`--env-file`, a
/// seccomp profile) are read now, relative paths from here.
pub fn container_spec(args: &RunArgs) -> anyhow::Result<ContainerSpec> {
    let host_env = EnvVar::host_environ();
    attach_streams(&args.attach)?;
    let mut s = ContainerSpec::new(&args.image);
    s.image.pull = parse_flag("--pull", &args.pull)?;
    if let Some(a) = &args.authfile {
        libpod::engine::check_authfile(a)?;
    }
    s.image.fetch = libpod::spec::FetchOptions {
        quiet: args.quiet,
        authfile: args.authfile.clone(),
        tls_verify: args.tls_verify,
        creds: args.creds.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args.retry_delay.clone(),
        platform: super::pull::platform_from(
            args.platform.as_deref(),
            args.os.as_deref(),
            args.arch.as_deref(),
            args.variant.as_deref(),
        )?
        .map(|p| p.to_string()),
    };
    // As podman: `--name ""` is no name.
    s.name = args.name.clone().filter(|n| !n.is_empty());
    s.replace = args.replace;
    s.auto_remove = args.rm || args.rmi;
    s.remove_image = args.rmi;

    let p = &mut s.process;
    p.command.clone_from(&args.command);
    p.entrypoint = args
        .entrypoint
        .as_deref()
        .map(libpod::spec::request::parse_entrypoint);
    // The host's environment (before --env-file and -e, which win) is
    // added at create, where containers.conf's env_host is known.
    p.env_host = args.env_host;
    p.http_proxy = args.http_proxy;
    p.unset_env.clone_from(&args.unsetenv);
    p.unset_env_all = args.unsetenv_all;
    p.env_merge.clone_from(&args.env_merge);
    for f in &args.env_file {
        let shown = f.display().to_string();
        p.env.extend(with_flag("--env-file", &shown, |_| {
            EnvVar::read_file(f, &host_env)
        })?);
    }
    for e in &args.env {
        p.env
            .extend(with_flag("-e", e, |v| EnvVar::parse_host(v, &host_env))?);
    }
    p.workdir = args.workdir.as_ref().map(PathBuf::from);
    p.user = args
        .user
        .as_deref()
        .map(|u| parse_flag("-u", u))
        .transpose()?;
    p.tty = args.tty;
    p.interactive = args.interactive;
    p.init = args.init;
    p.group_add = parse_flags("--group-add", &args.group_add)?;
    s.image_volume = args
        .image_volume
        .as_deref()
        .map(|v| parse_flag("--image-volume", v))
        .transpose()?;
    let p = &mut s.process;
    p.umask = args
        .umask
        .as_deref()
        .map(|v| parse_flag("--umask", v))
        .transpose()?;
    p.timezone = args
        .tz
        .as_deref()
        .map(|v| parse_flag("--tz", v))
        .transpose()?;
    s.accounts = libpod::spec::AccountsSpec {
        host_users: args.hostuser.clone(),
        passwd_entry: args.passwd_entry.clone(),
        group_entry: args.group_entry.clone(),
        no_passwd: args.passwd == Some(false),
    };
    s.id_maps = libpod::spec::IdMapRequest {
        uid_map: parse_flags("--uidmap", &args.uidmap)?,
        gid_map: parse_flags("--gidmap", &args.gidmap)?,
        subuidname: args.subuidname.clone(),
        subgidname: args.subgidname.clone(),
    };

    s.hostname.clone_from(&args.host_name);
    let pod_from_file = match &args.pod_id_file {
        Some(f) => Some(super::pod::read_pod_id_file(f)?),
        None => None,
    };
    s.pod = pod_from_file
        .as_deref()
        .or(args.pod.as_deref())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse()
                .unwrap_or_else(|e: std::convert::Infallible| match e {})
        });
    s.read_only = args.read_only;
    s.read_only_tmpfs = args.read_only_tmpfs;
    s.shm_size = args
        .shm_size
        .as_deref()
        .map(|v| libpod::spec::resources::parse_size("--shm-size", v))
        .transpose()?;
    s.sysctls = parse_flags("--sysctl", &args.sysctl)?;
    s.volumes_from = parse_flags("--volumes-from", &args.volumes_from)?;
    for t in &args.tmpfs {
        s.mounts
            .push(with_flag("--tmpfs", t, MountSpec::parse_tmpfs)?);
    }
    for v in &args.volume {
        s.mounts.push(with_flag("-v", v, MountSpec::parse_volume)?);
    }
    for m in &args.mount {
        s.mounts
            .push(with_flag("--mount", m, MountSpec::parse_mount)?);
    }

    let sec = &mut s.security;
    sec.privileged = args.privileged.unwrap_or(false);
    sec.privileged_given = args.privileged.is_some();
    for c in &args.cap_add {
        sec.caps.add = sec.caps.add.with(parse_flag::<CapSet>("--cap-add", c)?);
    }
    for c in &args.cap_drop {
        sec.caps.drop = sec.caps.drop.with(parse_flag::<CapSet>("--cap-drop", c)?);
    }
    for o in &args.security_opt {
        libpod::spec::apply_security_opt(sec, o)?;
    }
    for u in &args.ulimit {
        match Ulimit::parse(u) {
            Ok(limits) => sec.ulimits.extend(limits),
            // podman's message names the option itself.
            Err(e)
                if e.to_string()
                    .starts_with(libpod::spec::ulimit::PODMAN_ULIMIT_PREFIX) =>
            {
                anyhow::bail!("{e}")
            }
            Err(_) => {
                sec.ulimits.extend(with_flag("--ulimit", u, Ulimit::parse)?);
            }
        }
    }
    if let Some(u) = &args.userns {
        s.userns = parse_flag("--userns", u)?;
    }

    let net = &mut s.network;
    net.mode = with_flag("--network", &args.network.join(" "), |_| {
        parse_network_flags(&args.network)
    })?;
    for p in &args.publish {
        net.ports.extend(with_flag("-p", p, parse_publish_spec)?);
    }
    net.publish_all = args.publish_all;
    net.expose = parse_flags("--expose", &args.expose)?;
    net.dns = parse_flags("--dns", &args.dns)?;
    net.dns_search.clone_from(&args.dns_search);
    for o in &args.dns_option {
        anyhow::ensure!(
            !o.is_empty() && !o.contains(char::is_whitespace),
            "--dns-option {o:?}: one option without spaces, e.g. ndots:2"
        );
    }
    net.dns_options.clone_from(&args.dns_option);
    net.add_hosts = parse_flags("--add-host", &args.add_host)?;
    net.no_hosts = args.no_hosts;
    net.hosts_file = match args.hosts_file.as_deref() {
        None | Some("") => None,
        Some(v @ ("none" | "image")) => Some(v.to_string()),
        Some(p) if std::path::Path::new(p).is_absolute() => Some(p.to_string()),
        Some(other) => anyhow::bail!(
            "--hosts-file {other:?}: use an absolute path, \"none\" or \"image\" (empty: containers.conf's base_hosts_file)"
        ),
    };
    net.no_hostname = args.no_hostname;
    net.aliases.clone_from(&args.network_alias);
    net.ip = args
        .ip
        .as_deref()
        .map(|v| parse_flag("--ip", v))
        .transpose()?;
    net.mac = args
        .mac_address
        .as_deref()
        .map(|v| parse_flag("--mac-address", v))
        .transpose()?;

    s.restart = parse_flag("--restart", &args.restart)?;
    if let Some(v) = &args.stop_signal {
        // A number beyond 64 is podman's one message for kill and stop signals.
        if let Err(e) = libpod::spec::parse_kill_signal(v) {
            if v.trim_start_matches('-').parse::<u64>().is_ok() {
                return Err(e.into());
            }
        }
    }
    s.stop_signal = args
        .stop_signal
        .as_deref()
        .map(|v| with_flag("--stop-signal", v, parse_signal))
        .transpose()?;
    s.stop_timeout = args.stop_timeout;
    s.timeout = args.timeout;
    s.requires = args
        .requires
        .iter()
        .flat_map(|r| r.split(','))
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(d) = &args.log_driver {
        s.log.driver = Some(parse_flag("--log-driver", d)?);
    }
    for o in &args.log_opt {
        with_flag("--log-opt", o, |v| s.log.apply_opt(v))?;
    }
    s.sdnotify = parse_flag("--sdnotify", &args.sdnotify)?;
    s.health = libpod::health::HealthRequest::from_flags(&args.health.flags())?;
    for f in &args.label_file {
        let text = fs_err::read_to_string(f).map_err(|e| {
            anyhow::anyhow!("--label-file {}: {}", f.display(), libpod::sys::os_text(&e))
        })?;
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            s.labels.insert(k.to_string(), v.to_string());
        }
    }
    for l in &args.label {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        s.labels.insert(k.to_string(), v.to_string());
    }
    for a in &args.annotation {
        let (k, v) = a
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| anyhow::anyhow!("--annotation {a}: use KEY=VALUE"))?;
        s.annotations.insert(k.to_string(), v.to_string());
    }
    s.secrets = parse_flags("--secret", &args.secret)?;
    // Absolute: the container's removal (anywhere) removes it.
    s.cidfile = args
        .cidfile
        .as_ref()
        .map(std::path::absolute)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--cidfile: {e}"))?;
    s.conmon_pidfile.clone_from(&args.conmon_pidfile);
    s.pidfile = args
        .pidfile
        .as_ref()
        .map(std::path::absolute)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--pidfile: {e}"))?;
    s.cgroup_parent = args
        .cgroup_parent
        .as_deref()
        .map(|p| with_flag("--cgroup-parent", p, libpod::cgroups::parse_parent))
        .transpose()?;
    let (resources, warnings) = Resources::from_flags(&args.resources.flags())?;
    s.resources = resources;
    for w in warnings {
        output::eprintln(&w);
    }
    host_spec(&mut s, &args.host)?;
    // Recorded as podman's CreateCommand, for `generate systemd --new`.
    s.create_command = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    s.validate()?;
    Ok(s)
}

/// Creates the container from the flags (the engine writes `--cidfile`).
pub fn create(g: &Globals, args: &RunArgs) -> anyhow::Result<(libpod::Engine, String)> {
    let mut spec = container_spec(args)?;
    let engine = g.engine(false)?;
    if let Some(w) = engine.mapping_warning() {
        output::warn(w);
    }
    // `docker-archive:PATH`, `oci-archive:PATH`: loaded, then run by name.
    if !args.host.rootfs && libpod::engine::is_archive_reference(&args.image) {
        let reporter = super::pull::CliReporter::new(args.quiet);
        if !args.quiet {
            output::eprintln("Getting image source signatures");
        }
        if let Some(image) = engine.load_archive_reference(&args.image, &reporter)? {
            spec.image.reference = image;
        }
        reporter.finish();
    }
    let c = engine.create_container_warning(&spec, &mut |w| output::eprintln(w))?;
    Ok((engine, c.config.id))
}

/// `--attach`/`-a`: the container's output streams copied to ours (stdin
/// follows `-i` either way, as podman's).
fn attach_streams(streams: &[String]) -> anyhow::Result<libpod::monitor::Echo> {
    if streams.is_empty() {
        return Ok(libpod::monitor::Echo::ALL);
    }
    let mut echo = libpod::monitor::Echo::NONE;
    for s in streams.iter().flat_map(|s| s.split(',')) {
        match s.to_lowercase().as_str() {
            "stdout" => echo.stdout = true,
            "stderr" => echo.stderr = true,
            "stdin" => {}
            _ => anyhow::bail!(
                "invalid stream {s:?} for --attach - must be one of stdin, stdout, or stderr: invalid argument"
            ),
        }
    }
    Ok(echo)
}

/// Whether `--rm=false` (pflag's false words) was given before the image:
/// the command line drops a false boolean before it is parsed.
fn rm_set_false(image: &str) -> bool {
    std::env::args()
        .skip(1)
        .take_while(|a| a != image)
        .filter_map(|a| a.strip_prefix("--rm=").map(str::to_string))
        .last()
        .is_some_and(|v| matches!(v.as_str(), "false" | "0" | "f" | "F" | "FALSE" | "False"))
}

/// Runs `rpod run`: exits with the container's code (or prints the ID with `-d`).
pub fn run(g: &Globals, args: RunArgs) -> anyhow::Result<u8> {
    let keys = libpod::monitor::attach::parse_detach_keys(&args.detach_keys)
        .map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    if args.detach && args.host.preserve_fds > 0 {
        return Err(libpod::spec::Conflict::PreserveFdsDetached.into());
    }
    let echo = attach_streams(&args.attach)?;
    if args.rmi && rm_set_false(&args.image) {
        return Err(libpod::spec::Conflict::RmiWithoutRm.into());
    }
    let (engine, id) = create(g, &args)?;
    if args.detach {
        engine.start_detached(&id)?;
        output::println(&id);
        return Ok(0);
    }
    if !args.attach.is_empty() && !args.tty {
        if echo == libpod::monitor::Echo::NONE {
            // Neither output attached (`-a stdin`): podman prints the ID.
            output::println(&id);
        }
        return Ok(engine.start_attached_with(&id, echo, args.host.preserve_fds)?);
    }
    let sig_proxy = args.sig_proxy.unwrap_or(true);
    if args.tty || !sig_proxy {
        // A terminal goes through the monitor, so that the detach keys
        // leave the container running and `rpod attach` returns to it;
        // so does --sig-proxy=false: rpod's own process is then only a
        // client, and a signal that ends it leaves the container running.
        let end = engine.start_attached_via_monitor(&id, args.interactive, &keys, sig_proxy)?;
        return super::attach::finish(&engine, &id, end);
    }
    Ok(engine.start_attached_with(&id, libpod::monitor::Echo::ALL, args.host.preserve_fds)?)
}
