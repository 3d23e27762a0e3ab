//! `rpod run`: create a container and run it, in the foreground or (`-d`)
//! detached under its own monitor. `rpod create` shares these flags.

use anyhow::Context;
use clap::Args;
use libpod::container::RestartPolicy;
use libpod::engine::{CreateOptions, PullPolicy};
use libpod::spec::RunOptions;

use super::Globals;
use crate::output;

/// Arguments of `rpod run`.
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct RunArgs {
    /// The image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The command and its arguments (the image's default when omitted)
    #[arg(value_name = "COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Run the container in the background and print its ID
    #[arg(short, long)]
    pub detach: bool,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub restart: String,
    /// Logging driver: k8s-file or none
    #[arg(long, value_name = "DRIVER", value_parser = ["k8s-file", "none"])]
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
    /// Replace a container that has the same name
    #[arg(long)]
    pub replace: bool,
    /// How readiness reaches systemd's NOTIFY_SOCKET: conmon (rpod's monitor reports READY=1 once the command runs), container (the container gets its own NOTIFY_SOCKET and sends READY=1 itself; the monitor relays it) or ignore
    #[arg(long, value_name = "MODE", default_value = "ignore", value_parser = ["conmon", "container", "ignore"])]
    pub sdnotify: String,
    /// cgroup handling: enabled, disabled, no-conmon or split (accepted; rootless rpod creates no cgroups)
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: Option<String>,
    /// User namespace mode: keep-id (your uid and gid inside too) or host (rpod's default mapping)
    #[arg(long, value_name = "MODE", value_parser = ["", "host", "private", "keep-id"])]
    pub userns: Option<String>,
    /// Keys that detach from `-it` (a letter or ctrl-<letter>, comma-separated)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Write the container ID to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
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
    #[arg(long = "hostname", value_name = "NAME")]
    pub host_name: Option<String>,
    /// Mount the root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Mount a tmpfs on this path
    #[arg(long, value_name = "PATH")]
    pub tmpfs: Vec<String>,
    /// Bind mount or volume: [HOST-PATH|VOLUME:]/CONTAINER/PATH[:ro|rw|U|z|Z] (a volume is created on first use)
    #[arg(short, long, value_name = "[SRC:]DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount: type=bind|volume|tmpfs,source=…,target=…[,ro][,U]
    #[arg(long, value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Add a capability
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop a capability (or `all`)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities and devices access
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], mask=PATHS, unmask=ALL|PATHS, systempaths=unconfined; label=… and apparmor=unconfined are accepted and ignored
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Resource limit: TYPE=SOFT[:HARD] (nofile, nproc, core, stack, memlock, cpu, fsize, as, …; -1 or unlimited for none), or host to copy this shell's limits
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Network mode: pasta[:OPTIONS], slirp4netns[:OPTIONS], none, host, container:NAME (join its network) or ns:PATH (default: pasta when installed, else slirp4netns)
    #[arg(long, visible_alias = "net", value_name = "MODE", default_value = "")]
    pub network: String,
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
    /// Add a line to /etc/hosts: NAME:IP
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Run a minimal init as PID 1 that reaps zombies and forwards signals
    #[arg(long)]
    pub init: bool,
    /// Name of the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Pull the image: missing, always, never, or newer (when the registry's differs)
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["missing", "always", "never", "newer"])]
    pub pull: String,
}

fn read_env_file(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = libpod::userfile::read_string(path, libpod::userfile::ENV_FILE)?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Turns the flags into run options (pure, apart from --env-file and a
/// seccomp profile file).
pub fn options(args: &RunArgs) -> anyhow::Result<RunOptions> {
    let mut env = Vec::new();
    for f in &args.env_file {
        env.extend(read_env_file(f)?);
    }
    env.extend(args.env.iter().cloned());
    let env = super::exec::env_flags(env);
    let mut opts = RunOptions::default();
    // A seccomp profile is read now, relative to the current directory.
    for o in &args.security_opt {
        libpod::spec::apply_security_opt(&mut opts, o)?;
    }
    for u in &args.ulimit {
        opts.ulimits.extend(libpod::spec::Ulimit::parse(u)?);
    }
    Ok(RunOptions {
        command: args.command.clone(),
        entrypoint: args.entrypoint.clone(),
        env,
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        hostname: args.host_name.clone(),
        read_only: args.read_only,
        tmpfs: args.tmpfs.clone(),
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        init: args.init,
        tty: args.tty,
        interactive: args.interactive,
        ..opts
    })
}

/// Parses a size such as `10m`, `1.5k`, `2GB` or `4096` into bytes.
fn parse_size(s: &str) -> anyhow::Result<u64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.trim_end_matches('b').trim_end_matches('i');
    let (num, mult) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1024u64),
        Some('m') => (&t[..t.len() - 1], 1024 * 1024),
        Some('g') => (&t[..t.len() - 1], 1024 * 1024 * 1024),
        _ => (t, 1),
    };
    let v: f64 = num
        .parse()
        .with_context(|| format!("invalid size {s:?}: use a number with k, m or g, e.g. 10m"))?;
    anyhow::ensure!(v >= 0.0, "invalid size {s:?}: must not be negative");
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    Ok((v * mult as f64) as u64)
}

/// Turns the flags into the record's settings.
pub fn create_options(args: &RunArgs) -> anyhow::Result<CreateOptions> {
    let restart: RestartPolicy = args
        .restart
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--restart: {e}"))?;
    anyhow::ensure!(
        !(args.rm && restart.name != "no"),
        "the --rm option conflicts with --restart {}: use one or the other",
        args.restart
    );
    let mut log_max_size = None;
    for o in &args.log_opt {
        match o.split_once('=') {
            Some(("max-size", v)) => log_max_size = Some(parse_size(v)?),
            Some(("path" | "tag" | "max-file", _)) => {}
            _ => anyhow::bail!("--log-opt {o:?}: unsupported; use max-size=SIZE"),
        }
    }
    let mut labels = Vec::new();
    for l in &args.label {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        labels.push((k.to_string(), v.to_string()));
    }
    let stop_signal = match &args.stop_signal {
        Some(s) => Some(libpod::engine::parse_signal(s).with_context(|| {
            format!("--stop-signal {s:?}: unknown signal; use a name such as SIGTERM or a number")
        })?),
        None => None,
    };
    let pull = match args.pull.as_str() {
        "always" => PullPolicy::Always,
        "never" => PullPolicy::Never,
        "newer" => PullPolicy::Newer,
        _ => PullPolicy::Missing,
    };
    Ok(CreateOptions {
        image: args.image.clone(),
        pull,
        name: args.name.clone(),
        replace: args.replace,
        auto_remove: args.rm,
        restart,
        log_driver: args.log_driver.clone(),
        log_max_size,
        labels,
        stop_signal,
        stop_timeout: args.stop_timeout,
        network: args.network.clone(),
        mounts: args.volume.iter().chain(&args.mount).cloned().collect(),
        sdnotify: args.sdnotify.clone(),
        keep_id: args.userns.as_deref() == Some("keep-id"),
        publish: args.publish.clone(),
        publish_all: args.publish_all,
        dns: args.dns.clone(),
        dns_search: args.dns_search.clone(),
        add_hosts: args.add_host.clone(),
        create_command: Vec::new(),
        cidfile: None,
    })
}

/// Creates the container from the flags (the engine writes `--cidfile`).
pub fn create(g: &Globals, args: &RunArgs) -> anyhow::Result<(libpod::Engine, String)> {
    let opts = options(args)?;
    let mut create = create_options(args)?;
    // Recorded as podman's CreateCommand, for `generate systemd --new`.
    create.create_command = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    create.cidfile.clone_from(&args.cidfile);
    let engine = g.engine(false)?;
    if let Some(w) = engine.mapping_warning() {
        output::warn(w);
    }
    let c = engine.create_container(opts, create)?;
    Ok((engine, c.config.id))
}

/// Runs `rpod run`: exits with the container's code (or prints the ID with `-d`).
pub fn run(g: &Globals, args: RunArgs) -> anyhow::Result<u8> {
    let keys = libpod::monitor::attach::parse_detach_keys(&args.detach_keys)
        .map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    let (engine, id) = create(g, &args)?;
    if args.detach {
        engine.start_detached(&id)?;
        output::println(&id);
        return Ok(0);
    }
    if args.tty {
        // A terminal goes through the monitor, so that the detach keys
        // leave the container running and `rpod attach` returns to it.
        let end = engine.start_attached_via_monitor(&id, args.interactive, &keys)?;
        return super::attach::finish(&engine, &id, end);
    }
    Ok(engine.start_attached(&id)?)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert_eq!(parse_size("10k").unwrap(), 10240);
        assert_eq!(parse_size("1m").unwrap(), 1 << 20);
        assert_eq!(parse_size("2MB").unwrap(), 2 << 20);
        assert!(parse_size("lots").is_err());
    }
}
