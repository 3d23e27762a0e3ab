//! `rpod pod create|ps|inspect|top|logs|stats|start|stop|restart|kill|
//! pause|unpause|rm|prune|exists`: pods, with podman's flags, output and
//! exit codes. Listing and inspecting are in `list.rs`; top, logs and stats
//! in `watch.rs`.

mod list;
mod watch;

use std::collections::BTreeMap;

use anyhow::Context;
use clap::{Args, Subcommand};
use libpod::engine::{PodAction, PodRemoveOptions};
use libpod::network::parse_network_flags;
use libpod::network::ports::parse_publish_spec;
use libpod::pod::{parse_share, PodSpec};
use libpod::spec::{parse_flag, parse_flags, parse_opt_flag, with_flag};
use libpod::Engine;

use super::Globals;
use crate::output;

/// `rpod pod ...`.
#[derive(Debug, Subcommand)]
pub enum PodCommand {
    /// Create a new empty pod
    Create(Box<CreateArgs>),
    /// List pods
    #[command(visible_aliases = ["ls", "list"])]
    Ps(PsArgs),
    /// Show pods' details as JSON
    Inspect(InspectArgs),
    /// Display the running processes of the containers in a pod
    Top(TopArgs),
    /// Print the logs of the containers in a pod
    Logs(LogsArgs),
    /// Display resource usage of the containers in pods
    Stats(StatsArgs),
    /// Start the containers of pods
    Start(StartArgs),
    /// Stop the containers of pods
    Stop(StopArgs),
    /// Restart the containers of pods
    #[command(mut_arg("all", |a: clap::Arg| a.help("Restart all running pods")))]
    Restart(VerbArgs),
    /// Send a signal to the containers of pods
    Kill(KillArgs),
    /// Pause the containers of pods
    #[command(mut_arg("all", |a: clap::Arg| a.help("Pause all running pods")))]
    Pause(VerbArgs),
    /// Unpause the containers of pods
    #[command(mut_arg("all", |a: clap::Arg| a.help("Unpause all running pods")))]
    Unpause(VerbArgs),
    /// Remove pods and their containers
    Rm(RmArgs),
    /// Remove all pods none of whose containers runs
    Prune(PruneArgs),
    /// Exit 0 when the pod exists, 1 when not
    Exists(ExistsArgs),
}

/// Arguments of `rpod pod create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The pod's name (also `--name`)
    #[arg(value_name = "NAME")]
    pub pod_name: Option<String>,
    /// Assign a name to the pod
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// Publish a container's port, or a range of ports, to the host (default [])
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// A comma delimited list of kernel namespaces the pod will share
    #[arg(long, value_name = "NAMESPACES")]
    pub share: Option<String>,
    /// Behaviour when the last container exits
    #[arg(long, value_name = "POLICY", default_value = "continue")]
    pub exit_policy: String,
    /// Restart policy to apply when a container exits ("always"|"no"|"never"|"on-failure"|"unless-stopped")
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Create an infra container associated with the pod to share namespaces with
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub infra: Option<bool>,
    /// Name of podman's infra container: recorded and shown by pod inspect (rpod runs no infra container)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// Image to use to override builtin infra container
    #[arg(long, value_name = "IMAGE")]
    pub infra_image: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// Path to the file that will receive the PID of conmon
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<std::path::PathBuf>,
    /// Connect a container to a network
    #[arg(long, value_name = "NETWORK")]
    pub network: Vec<String>,
    /// User namespace to use
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Set metadata on container
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Set container hostname
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Add a custom host-to-IP mapping (host:ip) (default [])
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Base file to create the /etc/hosts file inside the container, or one of the special values. ("image"|"none")
    #[arg(long, value_name = "PATH")]
    pub hosts_file: Option<String>,
    /// Set custom DNS servers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set custom DNS options
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Specify a static IPv4 address for the container
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// Specify a static IPv6 address for the container
    #[arg(long, value_name = "IPV6")]
    pub ip6: Option<String>,
    /// Container MAC address (e.g. 92:d0:c6:0a:29:33)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Add network-scoped alias for the container
    #[arg(long, value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// If a pod with the same name exists, replace it
    #[arg(long)]
    pub replace: bool,
    /// Write the pod ID to the file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Optional parent cgroup for the container
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Limits of the pod's cgroup, which holds its containers' cgroups
    #[command(flatten)]
    pub resources: crate::commands::run::ResourceArgs,
    /// Set the pod's cgroup as the cgroup parent for all containers joining the pod
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub share_parent: Option<bool>,
    /// Bind mount a volume into the container
    #[arg(short, long, value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount volumes from the specified container(s)
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
    /// Size of /dev/shm (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Size of systemd specific tmpfs mounts (/run, /run/lock) (format: `<number>[<unit>]`, where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(long, value_name = "SIZE")]
    pub shm_size_systemd: Option<String>,
    /// Sysctl options
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// UID map to use for the user namespace
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// GID map to use for the user namespace
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    /// Name of range listed in /etc/subuid for use in user namespace
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Name of range listed in /etc/subgid for use in user namespace
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// Add a host device to the container
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// GPU devices to add to the container ('all' to pass all GPUs)
    #[arg(long, value_name = "GPU", value_delimiter = ',')]
    pub gpus: Vec<String>,
    /// Security Options
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Read in a line delimited file of labels
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<std::path::PathBuf>,
    /// Do not create /etc/hosts within the container, instead use the version from the image
    #[arg(long)]
    pub no_hosts: bool,
    /// Do not create /etc/hostname within the container, instead use the version from the image
    #[arg(long)]
    pub no_hostname: bool,
    /// PID namespace to use
    #[arg(long, value_name = "PID")]
    pub pid: Option<String>,
    /// UTS namespace to use
    #[arg(long, value_name = "UTS")]
    pub uts: Option<String>,
}

/// Arguments of `rpod pod ps`.
#[derive(Debug, Args)]
pub struct PsArgs {
    /// Print the numeric IDs of the pods only
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print headers
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Do not truncate pod and container IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the container names
    #[arg(long)]
    pub ctr_names: bool,
    /// Display the container UUIDs. If no-trunc is not set they will be truncated
    #[arg(long)]
    pub ctr_ids: bool,
    /// Display the container status
    #[arg(long)]
    pub ctr_status: bool,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print pods to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Sort output by created, id, name, or number
    #[arg(long, value_name = "SORT", default_value = "created", value_parser = ["created", "id", "name", "number", "status"])]
    pub sort: String,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Format the output to a Go template or json
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// The pod (none with --latest)
    #[arg(value_name = "POD")]
    pub pod: Option<String>,
    /// Act on the latest pod rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The pod (none with --latest)
    #[arg(value_name = "POD")]
    pub pod: Option<String>,
    /// Act on the latest pod rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Follow log output.
    #[arg(verbatim_doc_comment)]
    #[arg(short, long)]
    pub follow: bool,
    /// Filter logs by container name or id which belongs to pod
    #[arg(short, long, value_name = "CONTAINER")]
    pub container: Option<String>,
    /// Output container names instead of container IDs in the log
    #[arg(short, long)]
    pub names: bool,
    /// Output the containers within a pod with different colors in the log
    #[arg(long)]
    pub color: bool,
    /// Output the specified number of LINES at the end of the logs.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "N")]
    pub tail: Option<i64>,
    /// Show logs since TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// Output the timestamps in the log
    #[arg(short, long)]
    pub timestamps: bool,
}

/// Arguments of `rpod pod stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The pods (all when none is named)
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Provide stats for all pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Pretty-print container statistics to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Disable streaming stats and only pull the first result
    #[arg(long)]
    pub no_stream: bool,
    /// Disable resetting the screen when streaming
    #[arg(long)]
    pub no_reset: bool,
}

/// Arguments of `rpod pod start|restart|pause|unpause`.
#[derive(Debug, Args)]
pub struct VerbArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// All pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
}

/// Arguments of `rpod pod start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Restart all running pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Read the pod ID from the file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Vec<std::path::PathBuf>,
}

/// Arguments of `rpod pod stop`.
#[derive(Debug, Args)]
pub struct StopArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Stop all running pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Ignore errors when a specified pod is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for pod stop before killing the container
    #[arg(short, long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub time: Option<i64>,
    /// Write the pod ID to the file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Vec<std::path::PathBuf>,
}

/// Arguments of `rpod pod kill`.
#[derive(Debug, Args)]
pub struct KillArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Kill all containers in all pods
    #[arg(short, long)]
    pub all: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Signal to send to the containers in the pod
    #[arg(
        short,
        long,
        value_name = "SIGNAL",
        default_value = "KILL",
        allow_hyphen_values = true
    )]
    pub signal: String,
}

/// Arguments of `rpod pod rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The pods
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
    /// Remove all running pods
    #[arg(short, long)]
    pub all: bool,
    /// Force removal of a running pod by first stopping all containers, then removing all containers in the pod.  The default is false
    #[arg(verbatim_doc_comment)]
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors when a specified pod is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Act on the latest pod
    #[arg(short, long)]
    pub latest: bool,
    /// Seconds to wait for pod stop before killing the container
    #[arg(short, long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub time: Option<i64>,
    /// Read the pod ID from the file
    #[arg(long, value_name = "FILE")]
    pub pod_id_file: Vec<std::path::PathBuf>,
}

/// Arguments of `rpod pod prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Do not prompt for confirmation.  The default is false
    #[arg(verbatim_doc_comment)]
    #[arg(short, long)]
    pub force: bool,
}

/// Arguments of `rpod pod exists`.
#[derive(Debug, Args)]
pub struct ExistsArgs {
    /// The pod
    #[arg(value_name = "POD")]
    pub pod: String,
}

/// Runs a `rpod pod` verb.
pub fn run(g: &Globals, cmd: PodCommand) -> anyhow::Result<u8> {
    match cmd {
        PodCommand::Create(a) => create(g, *a),
        PodCommand::Ps(a) => list::ps(&g.engine(false)?, &a),
        PodCommand::Inspect(a) => list::inspect(&g.engine(false)?, &a),
        PodCommand::Top(a) => watch::top(&g.engine(false)?, &a),
        PodCommand::Logs(a) => watch::logs(g, &a),
        PodCommand::Stats(a) => watch::stats(g, a),
        PodCommand::Start(a) => {
            let pods = with_id_files(&a.pods, &a.pod_id_file, false)?;
            verb(g, &pods, a.all, a.latest, false, PodAction::Start)
        }
        PodCommand::Restart(a) => {
            verb(g, &a.pods, a.all, a.latest, false, PodAction::Restart(None))
        }
        PodCommand::Pause(a) => verb(g, &a.pods, a.all, a.latest, false, PodAction::Pause),
        PodCommand::Unpause(a) => verb(g, &a.pods, a.all, a.latest, false, PodAction::Unpause),
        PodCommand::Stop(a) => {
            let t = a.time.map(|t| u32::try_from(t.max(0)).unwrap_or(u32::MAX));
            let pods = with_id_files(&a.pods, &a.pod_id_file, a.ignore)?;
            if pods.is_empty() && !a.pod_id_file.is_empty() && !a.all && !a.latest {
                return Ok(0); // --ignore, and no file was there
            }
            verb(g, &pods, a.all, a.latest, a.ignore, PodAction::Stop(t))
        }
        PodCommand::Kill(a) => {
            let sig = libpod::spec::parse_kill_signal(&a.signal)?;
            verb(g, &a.pods, a.all, a.latest, false, PodAction::Kill(sig))
        }
        PodCommand::Rm(a) => rm(g, a),
        PodCommand::Prune(a) => {
            let engine = g.engine(false)?;
            if !a.force
                && !output::confirm(
                    "WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue? [y/N] ",
                )?
            {
                return Ok(0);
            }
            for id in engine.prune_pods()? {
                output::println(&id);
            }
            Ok(0)
        }
        PodCommand::Exists(a) => Ok(if g.engine(false)?.pod_exists(&a.pod)? {
            0
        } else {
            1
        }),
    }
}

fn create(g: &Globals, a: CreateArgs) -> anyhow::Result<u8> {
    let name = match (&a.pod_name, &a.name) {
        (Some(_), Some(_)) => anyhow::bail!("cannot specify --name and NAME at the same time"),
        (Some(n), None) | (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    // podman: without --infra, a pod that shares nothing has no infra.
    let share_none = matches!(a.share.as_deref(), Some("" | "none"));
    let infra = a.infra.unwrap_or(!share_none);
    let mut spec = PodSpec {
        name,
        infra,
        hostname: a.hostname.clone(),
        replace: a.replace,
        ..PodSpec::default()
    };
    let share = a.share.as_deref().unwrap_or("ipc,net,uts");
    spec.share = parse_share(share).map_err(|e| match e {
        libpod::pod::Error::UnknownNamespace(ns) => anyhow::anyhow!(
            "invalid kernel namespace to share: {ns}. Options are: cgroup, ipc, net, pid, uts or none"
        ),
        e => e.into(),
    })?;
    if !infra && a.infra_name.is_some() {
        anyhow::bail!("cannot set infra-name without an infra container");
    }
    if let (false, Some(sh)) = (infra, &a.share) {
        if !share_none {
            anyhow::bail!("cannot set share({sh}) namespaces without an infra container");
        }
    }
    spec.infra_request = libpod::pod::InfraRequest {
        name: a.infra_name.clone(),
        image: a.infra_image.clone().filter(|_| infra),
        command: a.infra_command.clone().filter(|_| infra),
    };
    infra_warnings(&a, infra);
    spec.exit_policy = a.exit_policy.parse()?;
    if let Some(r) = &a.restart {
        spec.restart = Some(parse_flag("--restart", r)?);
    }
    if !infra && !a.publish.is_empty() {
        anyhow::bail!("you must have an infra container to publish port bindings to the host");
    }
    if let Some(u) = &a.userns {
        spec.userns = parse_flag("--userns", u)?;
    }
    let n = &mut spec.network;
    n.mode = with_flag("--network", &a.network.join(" "), |_| {
        parse_network_flags(&a.network)
    })?;
    for p in &a.publish {
        n.ports.extend(with_flag("-p", p, parse_publish_spec)?);
    }
    n.dns = parse_flags("--dns", &a.dns)?;
    n.dns_search.clone_from(&a.dns_search);
    n.dns_options.clone_from(&a.dns_option);
    n.add_hosts = parse_flags("--add-host", &a.add_host)?;
    n.hosts_file = super::run::hosts_file_flag(a.hosts_file.as_deref());
    n.aliases.clone_from(&a.network_alias);
    n.ip = parse_opt_flag("--ip", a.ip.as_deref())?;
    n.ip6 = parse_opt_flag("--ip6", a.ip6.as_deref())?;
    n.mac = parse_opt_flag("--mac-address", a.mac_address.as_deref())?;
    spec.cgroup_parent = a
        .cgroup_parent
        .as_deref()
        .map(|p| with_flag("--cgroup-parent", p, libpod::cgroups::parse_parent))
        .transpose()?;
    let (resources, warnings) =
        libpod::spec::resources::Resources::from_flags(&a.resources.flags())?;
    if resources.oom_score_adj.is_some() {
        anyhow::bail!(
            "--oom-score-adj is a setting of processes, not of the pod's cgroup: give it to the pod's containers"
        );
    }
    for w in warnings {
        output::eprintln(&w);
    }
    spec.resources = resources;
    spec.labels = crate::commands::run::label_files(&a.label_file)?;
    spec.labels.extend(pairs(&a.label));
    spec.members = members(&a)?;
    spec.create_command = std::env::args().collect();
    let engine = g.engine(false)?;
    let pod = engine.create_pod(&spec)?;
    if let Some(f) = &a.pod_id_file {
        fs_err::write(f, &pod.id)
            .with_context(|| format!("failed to write pod ID to file {}", f.display()))?;
    }
    output::println(&pod.id);
    Ok(0)
}

/// The settings `pod create` gives every member (podman's infra container's,
/// which members inherit), checked as `run` checks them.
fn members(a: &CreateArgs) -> anyhow::Result<libpod::pod::MemberDefaults> {
    // podman's: a GPU is the CDI device nvidia.com/gpu=GPU, which needs a
    // CDI registry rpod does not read.
    if let Some(gpu) = a.gpus.first() {
        anyhow::bail!(
            "--gpus {gpu}: the GPU is the CDI device nvidia.com/gpu={gpu}, and rpod does not support CDI devices (Container Device Interface): pass the device nodes with --device /dev/PATH"
        );
    }
    if a.no_hosts && a.hosts_file.is_some() {
        anyhow::bail!("--no-hosts and --hosts-file cannot be set together");
    }
    if a.userns.is_some()
        && (!a.uidmap.is_empty()
            || !a.gidmap.is_empty()
            || a.subuidname.is_some()
            || a.subgidname.is_some())
    {
        anyhow::bail!(
            "--userns and --uidmap/--gidmap/--subuidname/--subgidname cannot be used together: give one of them"
        );
    }
    let size = |flag: &'static str, v: &Option<String>| {
        v.as_deref()
            .map(|v| libpod::spec::resources::parse_size(flag, v))
            .transpose()
    };
    // A relative host path (./data) is the current directory's, as for run.
    let here = std::env::current_dir().unwrap_or_default();
    let volumes = a
        .volume
        .iter()
        .map(|v| {
            if v.starts_with('.') && v.contains(':') {
                let (src, rest) = v.split_once(':').unwrap_or((v, ""));
                format!("{}:{rest}", here.join(src).display())
            } else {
                v.clone()
            }
        })
        .collect();
    let m = libpod::pod::MemberDefaults {
        volumes,
        volumes_from: a.volumes_from.clone(),
        shm_size: size("--shm-size", &a.shm_size)?,
        shm_size_systemd: size("--shm-size-systemd", &a.shm_size_systemd)?,
        sysctls: a.sysctl.clone(),
        uid_map: a.uidmap.clone(),
        gid_map: a.gidmap.clone(),
        subuidname: a.subuidname.clone(),
        subgidname: a.subgidname.clone(),
        devices: a.device.clone(),
        security_opt: a.security_opt.clone(),
        no_hosts: a.no_hosts,
        no_hostname: a.no_hostname,
        pid: a.pid.clone(),
        uts: a.uts.clone(),
        no_share_parent: a.share_parent == Some(false),
    };
    m.check()?;
    Ok(m)
}

/// Says what the infra flags do without an infra container: the image and
/// command are never run, the conmon PID file is never written.
fn infra_warnings(a: &CreateArgs, infra: bool) {
    let mut unused = Vec::new();
    if infra && a.infra_image.is_some() {
        unused.push("--infra-image (not pulled or run)");
    }
    if infra && a.infra_command.is_some() {
        unused.push("--infra-command (not run)");
    }
    if a.infra_conmon_pidfile.is_some() {
        unused.push("--infra-conmon-pidfile (not written)");
    }
    if !unused.is_empty() {
        output::warn(&format!(
            "rpod pods have no infra container, the pod's containers hold its namespaces: {} ignored",
            unused.join(", ")
        ));
    }
}

fn pairs(v: &[String]) -> BTreeMap<String, String> {
    v.iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// The pods a batch verb acts on: those named, all, or the latest.
fn targets(
    engine: &Engine,
    names: &[String],
    all: bool,
    latest: bool,
) -> anyhow::Result<Vec<String>> {
    if all || latest {
        anyhow::ensure!(
            names.is_empty(),
            "--all and --latest cannot be used with pod names"
        );
        let mut ids: Vec<String> = engine.pods()?.into_iter().map(|p| p.config.id).collect();
        if latest {
            ids = ids.pop().into_iter().collect();
        }
        return Ok(ids);
    }
    anyhow::ensure!(
        !names.is_empty(),
        "you must provide at least one pod name or id"
    );
    Ok(names.to_vec())
}

/// The pod ID a `--pod-id-file` holds (`pod create --pod-id-file` wrote it).
pub fn read_pod_id_file(f: &std::path::Path) -> anyhow::Result<String> {
    let id = fs_err::read_to_string(f)
        .with_context(|| format!("reading pod ID from file {}", f.display()))?;
    let id = id.trim();
    anyhow::ensure!(
        !id.is_empty(),
        "reading pod ID from file {}: it is empty",
        f.display()
    );
    Ok(id.to_string())
}

/// The pods named on the command line, then those of the `--pod-id-file`s;
/// with `ignore`, a missing file is skipped, as podman does.
fn with_id_files(
    pods: &[String],
    files: &[std::path::PathBuf],
    ignore: bool,
) -> anyhow::Result<Vec<String>> {
    let mut out = pods.to_vec();
    for f in files {
        if ignore && !f.exists() {
            continue;
        }
        out.push(read_pod_id_file(f)?);
    }
    Ok(out)
}

/// A pod verb over several pods: podman prints what the user typed for
/// start and stop, the full ID for the others; errors of members are
/// printed and make the exit code 125.
fn verb(
    g: &Globals,
    names: &[String],
    all: bool,
    latest: bool,
    ignore: bool,
    action: PodAction,
) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let list = targets(&engine, names, all, latest)?;
    let mut code = 0;
    for name in &list {
        match engine.pod_action(name, action) {
            Ok(r) if r.errors.is_empty() => {
                let raw = matches!(action, PodAction::Start | PodAction::Stop(_));
                output::println(if raw && !all && !latest { name } else { &r.id });
            }
            Ok(r) => {
                for e in &r.errors {
                    output::eprintln(&format!("Error: {e}"));
                }
                if action == PodAction::Start && !r.errors.is_empty() {
                    output::eprintln(&format!("Error: starting container in pod {}", r.id));
                }
                code = 125;
            }
            Err(e) if ignore && e.is_pod_not_found() => {}
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    Ok(code)
}

fn rm(g: &Globals, a: RmArgs) -> anyhow::Result<u8> {
    if a.time.is_some() && !a.force {
        anyhow::bail!("--force option must be specified to use the --time option");
    }
    let engine = g.engine(false)?;
    let names = with_id_files(&a.pods, &a.pod_id_file, false)?;
    let id_files = a.pod_id_file.clone();
    let list = if a.all || a.latest || names.is_empty() {
        targets(&engine, &names, a.all, a.latest)?
    } else {
        names
    };
    let how = PodRemoveOptions {
        force: a.force,
        timeout: a.time.map(|t| u32::try_from(t.max(0)).unwrap_or(u32::MAX)),
        ignore: a.ignore || a.force,
    };
    let mut code = 0;
    for name in &list {
        match engine.remove_pod(name, how) {
            Ok(id) => output::println(&id),
            Err(e) if e.is_pod_not_found() => {
                if !how.ignore {
                    output::eprintln(&format!("Error: {e}"));
                    code = code.max(1);
                }
            }
            Err(e) => {
                output::eprintln(&format!("Error: {e}"));
                code = 125;
            }
        }
    }
    if code == 0 {
        for f in id_files {
            let _ = fs_err::remove_file(f);
        }
    }
    Ok(code)
}

/// An empty `pod ps` row: the fields a `--format` template can use (shell completion).
pub fn ps_format_sample() -> Option<crate::output::template::TValue> {
    list::format_sample()
}
