//! `rpod exec CONTAINER CMD`: run a command in a running container; and
//! `rpod internal exec --pid PID` (hidden, for tests), which takes the
//! host pid of the container's PID 1 instead of a container.

use clap::Args;
use libpod::engine::ExecOutcome;
use libpod::spec::ExecOptions;

use super::Globals;
use crate::output;

/// The new process's options, common to `rpod exec` and `rpod internal exec`.
#[derive(Debug, Args)]
pub struct ProcessArgs {
    /// Make STDIN available to the contained process
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY. The default is false
    #[arg(short, long)]
    pub tty: bool,
    /// Run the exec session in detached mode (backgrounded)
    #[arg(short, long)]
    pub detach: bool,
    /// Sets the username or UID used and optionally the groupname or GID for the specified command
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Set environment variables
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Give the process extended Linux capabilities inside the container.  The default is false
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub privileged: Option<bool>,
}

impl ProcessArgs {
    /// The exec options for running `command` with these flags.
    fn options(self, command: Vec<String>) -> anyhow::Result<ExecOptions> {
        let host = libpod::spec::EnvVar::host_environ();
        let mut env = Vec::new();
        for f in &self.env_file {
            let vars = libpod::spec::EnvVar::read_file(f, &host)
                .map_err(|e| anyhow::anyhow!("--env-file {}: {e}", f.display()))?;
            env.extend(vars.iter().map(ToString::to_string));
        }
        env.extend(env_flags(self.env));
        Ok(ExecOptions {
            args: command,
            env,
            user: self.user,
            workdir: self.workdir,
            tty: self.tty,
            interactive: self.interactive,
            privileged: self.privileged.unwrap_or(false),
            privileged_given: self.privileged.is_some(),
            detach: self.detach,
            ..ExecOptions::default()
        })
    }
}

/// Arguments of `rpod internal exec` (with `-d` it prints the host pid).
#[derive(Debug, Args)]
#[command(trailing_var_arg = true)]
pub struct ExecArgs {
    /// Host pid of the container's PID 1
    #[arg(long, value_name = "PID")]
    pub pid: i32,
    #[command(flatten)]
    pub process: ProcessArgs,
    /// The command and its arguments
    #[arg(value_name = "COMMAND", required = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// Arguments of `rpod exec`.
#[derive(Debug, Args)]
#[command(
    trailing_var_arg = true,
    override_usage = "[options] CONTAINER COMMAND [ARG...]"
)]
pub struct UserExecArgs {
    #[command(flatten)]
    pub process: ProcessArgs,
    /// Act on the latest container rpod is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Select the key sequence for detaching a container. Format is a single character [a-Z] or ctrl-<value> where <value> is one of: a-z, @, ^, [, , or _
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// File to read the container ID from
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
    /// Pass N additional file descriptors to the container
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Pass a list of additional file descriptors to the container
    #[arg(long, value_name = "FD1[,FD2,...]")]
    pub preserve_fd: Vec<String>,
    /// Do not create a database session for the exec process
    #[arg(long)]
    pub no_session: bool,
    /// The container, then the command and its arguments
    #[arg(value_name = "CONTAINER COMMAND", allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// Runs `rpod exec`: exits with the command's code.
pub fn run_user(g: &Globals, args: UserExecArgs) -> anyhow::Result<u8> {
    // podman's checks, in its order and words.
    if args.no_session && (args.process.detach || args.detach_keys.is_some()) {
        anyhow::bail!("--no-session cannot be used with --detach or --detach-keys");
    }
    if args.command.is_empty() && !args.latest && args.cidfile.is_none() {
        anyhow::bail!(
            "exec requires the name or ID of a container or the --latest or --cidfile flag"
        );
    }
    if args.latest && args.cidfile.is_some() {
        anyhow::bail!("--latest and --cidfile can not be used together");
    }
    // Before anything opens a descriptor of its own.
    let preserve =
        libpod::runtime::preserve_fds(&super::run::fd_list(&args.preserve_fd)?, args.preserve_fds)?;
    // Checked as podman does; rpod's exec relays its terminal itself, so
    // there is no session to detach from (the keys reach the process).
    if let Some(keys) = &args.detach_keys {
        libpod::monitor::attach::parse_detach_keys(keys)
            .map_err(|e| anyhow::anyhow!("--detach-keys: {e}"))?;
    }
    let engine = g.engine(false)?;
    let mut command = args.command;
    let container = if args.latest {
        engine.latest_container()?.config.id
    } else if let Some(f) = &args.cidfile {
        match libpod::container::cidfile::read(f)? {
            Some(id) => id.lines().next().unwrap_or_default().to_string(),
            // podman's wording.
            None => anyhow::bail!(
                "reading CIDFile: open {}: no such file or directory",
                f.display()
            ),
        }
    } else {
        command.remove(0)
    };
    // podman's words (the container is looked up first).
    if command.is_empty() {
        engine.container(&container)?;
        anyhow::bail!(
            "must provide a non-empty command to start an exec session: invalid argument"
        );
    }
    let mut opts = args.process.options(command)?;
    opts.preserve_fds = preserve;
    let detach = opts.detach;
    match engine.exec_in_container(&container, opts) {
        Ok(ExecOutcome::Exited(code)) => Ok(code),
        Ok(ExecOutcome::Started(_)) => Ok(0),
        // podman: a detached exec that cannot start is its own error (125),
        // not the command's 126/127.
        Err(e) if detach && matches!(e.exit_code(), 126 | 127) => {
            Err(anyhow::Error::msg(e.to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// `-e NAME` copies NAME from rpod's environment, `-e PREFIX*` every
/// variable whose name starts with PREFIX, as podman does.
pub fn env_flags(env: Vec<String>) -> Vec<String> {
    let host = libpod::spec::EnvVar::host_environ();
    env.into_iter()
        .flat_map(|e| {
            if e.contains('=') {
                vec![e]
            } else {
                libpod::spec::EnvVar::parse_host(&e, &host)
                    .unwrap_or_default()
                    .iter()
                    .map(ToString::to_string)
                    .collect()
            }
        })
        .collect()
}

/// Runs `rpod internal exec`: exits with the command's code.
pub fn run(g: &Globals, args: ExecArgs) -> anyhow::Result<u8> {
    let opts = args.process.options(args.command)?;
    // Not in rpod's user namespace: the container's is joined from outside.
    let engine = g.engine(false)?;
    match engine.exec_in_pid(args.pid, opts)? {
        ExecOutcome::Exited(code) => Ok(code),
        ExecOutcome::Started(pid) => {
            output::println(&pid.to_string());
            Ok(0)
        }
    }
}
