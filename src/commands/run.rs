//! `rpod run`: create a container and run it, in the foreground or (`-d`)
//! detached under its own monitor. `rpod create` shares these flags.

use std::path::{Path, PathBuf};

use clap::Args;
use libpod::network::parse_network_flags;
use libpod::network::ports::parse_publish_spec;
use libpod::spec::resources::{ResourceFlags, Resources};
use libpod::spec::{
    parse_flag, parse_flags, parse_opt_flag, parse_signal, with_flag, CapSet, ContainerSpec,
    EnvVar, MountSpec, Ulimit,
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
    /// Remove container and any anonymous unnamed volume associated with the container after exit
    #[arg(long)]
    pub rm: bool,
    /// Remove image unless used by other containers, implies --rm
    #[arg(long)]
    pub rmi: bool,
    /// Run container in background and print container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Attach to STDIN, STDOUT or STDERR
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// Restart policy to apply when a container exits ("always"|"no"|"never"|"on-failure"|"unless-stopped")
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Logging driver for the container
    #[arg(long, value_name = "DRIVER", value_parser = ["k8s-file", "json-file", "none", "passthrough", "passthrough-tty"])]
    pub log_driver: Option<String>,
    /// Logging driver options
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Set metadata on container
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Signal to stop a container. Default is SIGTERM
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Add one or more requirement containers that must be started before this container will start
    #[arg(long, value_name = "CONTAINER")]
    pub requires: Vec<String>,
    /// Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
    /// If a container with the same name exists, replace it
    #[arg(long)]
    pub replace: bool,
    /// control sd-notify behavior ("container"|"conmon"|"healthy"|"ignore")
    #[arg(long, value_name = "MODE", default_value = "ignore", value_parser = ["conmon", "container", "healthy", "ignore"])]
    pub sdnotify: String,
    /// control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: Option<String>,
    /// Optional parent cgroup for the container
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// User namespace to use
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// UID map to use for the user namespace
    #[arg(long, value_name = "CONTAINER_ID:FROM_ID[:AMOUNT]")]
    pub uidmap: Vec<String>,
    /// GID map to use for the user namespace
    #[arg(long, value_name = "CONTAINER_ID:FROM_ID[:AMOUNT]")]
    pub gidmap: Vec<String>,
    /// Name of range listed in /etc/subuid for use in user namespace
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Name of range listed in /etc/subgid for use in user namespace
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// Add additional groups to the primary container process. 'keep-groups' allows container processes to use supplementary groups.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Host user account to add to /etc/passwd within container
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// add entries to /etc/passwd and /etc/group
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub passwd: Option<bool>,
    /// Entry to write to /etc/passwd
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Entry to write to /etc/group
    #[arg(long, value_name = "ENTRY")]
    pub group_entry: Option<String>,
    /// Tells rpod how to handle the builtin image volumes ("bind"|"tmpfs"|"ignore")
    #[arg(long, value_name = "MODE")]
    pub image_volume: Option<String>,
    /// Set umask in container
    #[arg(long, value_name = "UMASK")]
    pub umask: Option<String>,
    /// Set timezone in container
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// Override the key sequence for detaching a container. Format is a single character `[a-Z]` or a comma separated sequence of `ctrl-<value>`, where `<value>` is one of: `a-cf`, `@`, `^`, `[`, `\`, `]`, `^` or `_`
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Proxy received signals to the process (default true; false: the container runs under its own monitor and a signal to rpod leaves it running)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
    /// Write the container ID to the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
    /// Path to the file that will receive the PID of conmon (rpod's monitor process, at each start)
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// Write the container process ID to the file
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<std::path::PathBuf>,
    /// Make STDIN available to the contained process
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY for container
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables in container
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Use all current host environment variables in container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub env_host: Option<bool>,
    /// Unset environment default variables in container
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Unset all default environment variables in container
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Preprocess environment variables from image before injecting them into the container
    #[arg(long, value_name = "NAME=VALUE")]
    pub env_merge: Vec<String>,
    /// Read in a line delimited file of labels
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<std::path::PathBuf>,
    /// Add annotations to container (key=value)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Expose a port or a range of ports
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// Add secret to container
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long, value_name = "CMD")]
    pub entrypoint: Option<String>,
    /// Set container hostname
    #[arg(short = 'h', long = "hostname", value_name = "NAME")]
    pub host_name: Option<String>,
    /// Run container in an existing pod
    #[arg(long, value_name = "NAME", conflicts_with = "pod_id_file")]
    pub pod: Option<String>,
    /// Read the pod ID from the file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Make containers root filesystem read-only
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only: Option<bool>,
    /// When running --read-only containers mount read-write tmpfs on /dev, /dev/shm, /run, /tmp and /var/tmp
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only_tmpfs: Option<bool>,
    /// Size of /dev/shm (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Sysctl options
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Mount a temporary filesystem (`tmpfs`) into a container
    #[arg(long, value_name = "PATH")]
    pub tmpfs: Vec<String>,
    /// Bind mount a volume into the container
    #[arg(short, long, value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount volumes from the specified container(s)
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Attach a filesystem mount to the container
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Add capabilities to the container
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop capabilities from the container
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub privileged: Option<bool>,
    /// Security Options
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Ulimit options
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Policy for selecting a seccomp profile (experimental)
    #[arg(long, value_name = "POLICY")]
    pub seccomp_policy: Option<String>,
    /// Make this a pod init container.
    #[arg(long, value_name = "TYPE", verbatim_doc_comment)]
    pub init_ctr: Option<String>,
    /// Class of Service (COS) that the container should be assigned to
    #[arg(long, value_name = "CLASS")]
    pub rdt_class: Option<String>,
    /// Configure cgroup v2 (key=value)
    #[arg(long, value_name = "KEY=VALUE", value_delimiter = ',')]
    pub cgroup_conf: Vec<String>,
    /// Connect a container to a network
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// Add network-scoped alias for the container
    #[arg(long, value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// Specify a static IPv4 address for the container
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Specify a static IPv6 address for the container
    #[arg(long, value_name = "IPV6")]
    pub ip6: Option<String>,
    /// Container MAC address (e.g. 92:d0:c6:0a:29:33)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Publish a container's port, or a range of ports, to the host (default [])
    #[arg(short, long, value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish all exposed ports to random ports on the host interface
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Set custom DNS servers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set custom DNS options
    #[arg(long, alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a custom host-to-IP mapping (host:ip) (default [])
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Do not create /etc/hosts within the container, instead use the version from the image
    #[arg(long)]
    pub no_hosts: bool,
    /// Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")
    #[arg(long, value_name = "PATH")]
    pub hosts_file: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long)]
    pub disable_content_trust: bool,
    /// Do not create /etc/hostname within the container, instead use the version from the image
    #[arg(long)]
    pub no_hostname: bool,
    /// Run an init binary inside the container that forwards signals and reaps processes
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub init: Option<bool>,
    /// Path to the container-init binary
    #[arg(long, value_name = "PATH")]
    pub init_path: Option<String>,
    /// Configure execution domain using personality (e.g., LINUX/LINUX32)
    #[arg(long, value_name = "PERSONA")]
    pub personality: Option<String>,
    /// Chroot directories inside the container
    #[arg(long, value_name = "PATH")]
    pub chrootdirs: Vec<String>,
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Healthcheck flags (`--health-cmd`, `--health-interval` ...)
    #[command(flatten)]
    pub health: HealthArgs,
    /// Pull image policy ("always"|"missing"|"never"|"newer")
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["missing", "always", "never", "newer"])]
    pub pull: String,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// Require HTTPS and verify certificates when contacting registries for pulling images
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// `credentials` (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// `Pathname` of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// number of times to retry in case of failure when performing pull
    #[arg(long, value_name = "ATTEMPTS")]
    pub retry: Option<u32>,
    /// Key needed to decrypt the image (e.g. /path/to/key.pem)
    #[arg(long, value_name = "KEY[:PASSPHRASE]")]
    pub decryption_key: Vec<String>,
    /// Pathname of signature policy file (not usually used)
    #[arg(long, value_name = "PATHNAME", hide = true)]
    pub signature_policy: Option<std::path::PathBuf>,
    /// delay between retries in case of pull failures
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Specify the platform for selecting the image.  (Conflicts with --arch and --os)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// use `ARCH` instead of the architecture of the machine for choosing images
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// use `OS` instead of the running OS for choosing images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Use VARIANT instead of the running architecture variant for choosing images
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Set proxy environment variables in the container based on the host proxy vars
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
    /// PID namespace to use
    #[arg(long, value_name = "PID")]
    pub pid: Option<String>,
    /// IPC namespace to use
    #[arg(long, value_name = "IPC")]
    pub ipc: Option<String>,
    /// UTS namespace to use
    #[arg(long, value_name = "UTS")]
    pub uts: Option<String>,
    /// cgroup namespace to use
    #[arg(long, value_name = "CGROUPNS")]
    pub cgroupns: Option<String>,
    /// Add a host device to the container
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// GPU devices to add to the container ('all' to pass all GPUs)
    #[arg(long, value_name = "GPU", value_delimiter = ',')]
    pub gpus: Vec<String>,
    /// Add a rule to the cgroup allowed devices list
    #[arg(long, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// The first argument is not an image but the rootfs to the exploded container
    #[arg(long)]
    pub rootfs: bool,
    /// Run container in systemd mode ("true"|"false"|"always")
    #[arg(long, value_name = "MODE", default_value = "true")]
    pub systemd: String,
    /// Size of systemd specific tmpfs mounts (/run, /run/lock) (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(long, value_name = "SIZE")]
    pub shm_size_systemd: Option<String>,
    /// Pass a number of additional file descriptors into the container
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Pass a file descriptor into the container
    #[arg(long, value_name = "FD1[,FD2,...]")]
    pub preserve_fd: Vec<String>,
}

/// `--preserve-fd`'s values: comma lists of descriptor numbers (pflag's
/// `uintSlice`, with its words for a bad one).
pub(crate) fn fd_list(values: &[String]) -> anyhow::Result<Vec<u32>> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|n| {
            n.trim().parse::<u32>().map_err(|_| {
                anyhow::anyhow!(
                    "invalid argument {:?} for \"--preserve-fd\" flag: strconv.ParseUint: parsing {n:?}: invalid syntax",
                    values.join(",")
                )
            })
        })
        .collect()
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
    /// set a healthcheck command for the container ('none' disables the existing healthcheck)
    #[arg(long, value_name = "COMMAND")]
    pub health_cmd: Option<String>,
    /// set an interval for the healthcheck. (a value of disable results in no automatic timer setup) Changing this setting resets the timer, depending on the state of the container.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "INTERVAL")]
    pub health_interval: Option<String>,
    /// the number of retries allowed before a healthcheck is considered to be unhealthy
    #[arg(long, value_name = "RETRIES")]
    pub health_retries: Option<String>,
    /// the maximum time allowed to complete the healthcheck before an interval is considered failed and SIGKILL is sent to the healthcheck process
    #[arg(long, value_name = "TIMEOUT")]
    pub health_timeout: Option<String>,
    /// the initialization time needed for a container to bootstrap
    #[arg(long, value_name = "PERIOD")]
    pub health_start_period: Option<String>,
    /// Time between healthchecks during the start period
    #[arg(long, value_name = "INTERVAL")]
    pub health_start_interval: Option<String>,
    /// action to take once the container turns unhealthy
    #[arg(long, value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) Warning: Changing this setting may cause the loss of previous logs!
    #[arg(long, value_name = "DESTINATION")]
    pub health_log_destination: Option<String>,
    /// set maximum number of attempts in the HealthCheck log file. ('0' value means an infinite number of attempts in the log file)
    #[arg(long, value_name = "COUNT")]
    pub health_max_log_count: Option<String>,
    /// set maximum length in characters of stored HealthCheck log. ('0' value means an infinite log length)
    #[arg(long, value_name = "SIZE")]
    pub health_max_log_size: Option<String>,
    /// Disable healthchecks on container
    #[arg(long)]
    pub no_healthcheck: bool,
    /// Set a startup healthcheck command for the container
    #[arg(long, value_name = "COMMAND")]
    pub health_startup_cmd: Option<String>,
    /// Set an interval for the startup healthcheck. Changing this setting resets the timer, depending on the state of the container.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "INTERVAL")]
    pub health_startup_interval: Option<String>,
    /// Set the maximum number of retries before the startup healthcheck will restart the container
    #[arg(long, value_name = "RETRIES")]
    pub health_startup_retries: Option<String>,
    /// Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)
    #[arg(long, value_name = "COUNT")]
    pub health_startup_success: Option<String>,
    /// Set the maximum amount of time that the startup healthcheck may take before it is considered failed
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
    /// Memory limit (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(short = 'm', long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory: Option<String>,
    /// Memory soft limit (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_reservation: Option<String>,
    /// Swap limit equal to memory plus swap: '-1' to enable unlimited swap
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Tune container memory swappiness (0 to 100, or -1 for system default)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub memory_swappiness: Option<String>,
    /// Kernel memory limit (ignored, as podman 5 ignores it)
    #[arg(long, value_name = "SIZE", hide = true)]
    pub kernel_memory: Option<String>,
    /// Number of CPUs. The default is 0.000 which means no limit
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub cpus: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, value_name = "SHARES", allow_hyphen_values = true)]
    pub cpu_shares: Option<String>,
    /// Limit the CPU CFS (Completely Fair Scheduler) period
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_period: Option<String>,
    /// Limit the CPU CFS (Completely Fair Scheduler) quota
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// Limit the CPU real-time period in microseconds
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_period: Option<String>,
    /// Limit the CPU real-time runtime in microseconds
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_runtime: Option<String>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long, value_name = "CPUS", allow_hyphen_values = true)]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "NODES", allow_hyphen_values = true)]
    pub cpuset_mems: Option<String>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<String>,
    /// Block IO weight (relative weight) accepts a weight value between 10 and 1000.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "WEIGHT", allow_hyphen_values = true)]
    pub blkio_weight: Option<String>,
    /// Block IO weight (relative device weight, format: `DEVICE_NAME:WEIGHT`)
    #[arg(long, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)
    #[arg(long, value_name = "DEVICE:N")]
    pub device_read_iops: Vec<String>,
    /// Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)
    #[arg(long, value_name = "DEVICE:N")]
    pub device_write_iops: Vec<String>,
    /// Disable OOM Killer
    #[arg(long)]
    pub oom_kill_disable: bool,
    /// Tune the host's OOM preferences (-1000 to 1000)
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
            cgroup_conf: Vec::new(),
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
    // As podman: checked at every create, pulled or not.
    libpod::image::pull::check_decryption_keys(&args.decryption_key)?;
    s.image.fetch = libpod::spec::FetchOptions {
        quiet: args.quiet,
        authfile: args.authfile.clone(),
        tls_verify: args.tls_verify,
        creds: args.creds.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args.retry_delay.clone(),
        decryption_keys: args.decryption_key.clone(),
        signature_policy: args.signature_policy.clone(),
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
    // Relative to here, as the bind mount's source.
    p.init_path = args
        .init_path
        .as_deref()
        .filter(|p| !p.is_empty())
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p)));
    p.personality = parse_opt_flag("--personality", args.personality.as_deref())?;
    // Inside the container: a relative one is below its root (as crun).
    s.chroot_dirs = args
        .chrootdirs
        .iter()
        .map(|d| Path::new("/").join(d))
        .collect();
    p.group_add = parse_flags("--group-add", &args.group_add)?;
    s.image_volume = parse_opt_flag("--image-volume", args.image_volume.as_deref())?;
    let p = &mut s.process;
    p.umask = parse_opt_flag("--umask", args.umask.as_deref())?;
    p.timezone = parse_opt_flag("--tz", args.tz.as_deref())?;
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
    if let Some(p) = &args.seccomp_policy {
        sec.seccomp_source = parse_flag("--seccomp-policy", p)?;
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
    if args.no_hosts && args.hosts_file.is_some() {
        // podman's words.
        anyhow::bail!("--no-hosts and --hosts-file cannot be set together");
    }
    net.hosts_file = hosts_file_flag(args.hosts_file.as_deref());
    net.no_hostname = args.no_hostname;
    net.aliases.clone_from(&args.network_alias);
    net.ip = parse_opt_flag("--ip", args.ip.as_deref())?;
    net.ip6 = parse_opt_flag::<std::net::Ipv6Addr>("--ip6", args.ip6.as_deref())?;
    net.mac = parse_opt_flag("--mac-address", args.mac_address.as_deref())?;

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
    s.labels.extend(label_files(&args.label_file)?);
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
    if let Some(c) = &args.rdt_class {
        with_flag("--rdt-class", c, libpod::cgroups::resctrl::check_class)?;
    }
    s.rdt_class.clone_from(&args.rdt_class);
    if let Some(t) = &args.init_ctr {
        anyhow::ensure!(args.pod.is_some(), "must specify pod value with init-ctr");
        s.init_ctr = Some(t.parse().map_err(|e: String| anyhow::anyhow!("{e}"))?);
    }
    s.cgroup_parent = args
        .cgroup_parent
        .as_deref()
        .map(|p| with_flag("--cgroup-parent", p, libpod::cgroups::parse_parent))
        .transpose()?;
    let mut flags = args.resources.flags();
    flags.cgroup_conf.clone_from(&args.cgroup_conf);
    let (resources, warnings) = Resources::from_flags(&flags)?;
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
pub fn create(
    g: &Globals,
    args: &RunArgs,
) -> anyhow::Result<(libpod::Engine, libpod::container::Container)> {
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
    Ok((engine, c))
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
    // First: before anything opens a descriptor of its own.
    let preserve =
        libpod::runtime::preserve_fds(&fd_list(&args.host.preserve_fd)?, args.host.preserve_fds)?;
    // `create`'s own flag, which podman's run does not know.
    if args.init_ctr.is_some() {
        anyhow::bail!("unknown flag: --init-ctr\nSee 'rpod run --help'");
    }
    let keys = libpod::monitor::attach::parse_detach_keys(&args.detach_keys)
        .map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    let echo = attach_streams(&args.attach)?;
    if args.rmi && rm_set_false(&args.image) {
        return Err(libpod::spec::Conflict::RmiWithoutRm.into());
    }
    if !args.attach.is_empty()
        && args
            .log_driver
            .as_deref()
            .is_some_and(|d| d.starts_with("passthrough"))
    {
        // podman's words.
        anyhow::bail!("cannot specify --attach with --log-driver=passthrough: invalid argument");
    }
    let (engine, c) = create(g, &args)?;
    let id = c.config.id;
    // Passthrough: our stdout is the container's, so no ID on it (as podman).
    let passthrough = c.config.log_driver.is_passthrough();
    if args.detach {
        engine.start_detached_with(&id, preserve)?;
        if !passthrough {
            output::println(&id);
        }
        return Ok(0);
    }
    if !args.attach.is_empty() && !args.tty {
        if echo == libpod::monitor::Echo::NONE {
            // Neither output attached (`-a stdin`): podman prints the ID.
            output::println(&id);
        }
        return Ok(engine.start_attached_with(&id, echo, preserve)?);
    }
    let sig_proxy = args.sig_proxy.unwrap_or(true);
    // Passthrough runs in the foreground with our stdio (no attach socket).
    if (args.tty || !sig_proxy) && !passthrough {
        // A terminal goes through the monitor, so that the detach keys
        // leave the container running and `rpod attach` returns to it;
        // so does --sig-proxy=false: rpod's own process is then only a
        // client, and a signal that ends it leaves the container running.
        let end = engine.start_attached_via_monitor(&id, args.interactive, &keys, sig_proxy)?;
        return super::attach::finish(&engine, &id, end);
    }
    Ok(engine.start_attached_with(&id, libpod::monitor::Echo::ALL, preserve)?)
}

/// `--hosts-file`'s value: an empty one is no value, as podman; a relative
/// path is the caller's, made absolute here.
pub(crate) fn hosts_file_flag(value: Option<&str>) -> Option<String> {
    match value {
        None | Some("") => None,
        Some(v @ ("none" | "image")) => Some(v.to_string()),
        Some(path) => Some(
            std::path::absolute(path)
                .map_or_else(|_| path.to_string(), |p| p.display().to_string()),
        ),
    }
}

/// The labels of `--label-file` files: `KEY=VALUE` lines, `#` comments and
/// blank lines skipped.
pub fn label_files(
    files: &[std::path::PathBuf],
) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    let mut labels = std::collections::BTreeMap::new();
    for f in files {
        let text = fs_err::read_to_string(f).map_err(|e| {
            anyhow::anyhow!("--label-file {}: {}", f.display(), libpod::sys::os_text(&e))
        })?;
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            labels.insert(k.to_string(), v.to_string());
        }
    }
    Ok(labels)
}
