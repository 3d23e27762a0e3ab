//! `rpod generate systemd`: print (or with `--files` write) a systemd service
//! for a container, as podman's `generate systemd` does.

use anyhow::Context;
use clap::Args;
use libpod::systemd::generate::{
    container_unit, pod_units, ContainerUnit, GenerateInput, GenerateOptions, PodInput,
};

use super::Globals;
use crate::output;

/// Arguments of `rpod generate systemd` (the long help is on the
/// `GenerateCommand::Systemd` variant in cli.rs).
#[derive(Debug, Args)]
pub struct GenerateSystemdArgs {
    /// The container or pod (name or ID)
    #[arg(value_name = "CONTAINER|POD")]
    pub container: String,
    /// Create a new container or pod instead of starting an existing one
    #[arg(long)]
    pub new: bool,
    /// Make it a template file and use %i and %I specifiers. Working only for containers
    #[arg(long)]
    pub template: bool,
    /// Use container/pod names instead of IDs
    #[arg(short, long)]
    pub name: bool,
    /// Generate .service files instead of printing to stdout
    #[arg(short, long)]
    pub files: bool,
    /// Systemd restart-policy
    #[arg(long, value_name = "POLICY")]
    pub restart_policy: Option<String>,
    /// Systemd restart-sec
    #[arg(long, value_name = "SECONDS")]
    pub restart_sec: Option<u32>,
    /// Backwards alias for --stop-timeout
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        conflicts_with = "stop_timeout"
    )]
    pub time: Option<u32>,
    /// Stop timeout override
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Start timeout override
    #[arg(long, value_name = "SECONDS")]
    pub start_timeout: Option<u32>,
    /// Systemd unit name prefix for containers
    #[arg(long, value_name = "PREFIX", default_value = "container")]
    pub container_prefix: String,
    /// Systemd unit name prefix for pods
    #[arg(long, value_name = "PREFIX", default_value = "pod")]
    pub pod_prefix: String,
    /// Systemd unit name separator between name/id and prefix
    #[arg(long, value_name = "SEP", default_value = "-")]
    pub separator: String,
    /// Add dependencies order to the generated unit file
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Add (weak) requirement dependencies to the generated unit file
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Similar to wants, but declares stronger requirement dependencies
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// Set environment variables to the systemd unit files
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Skip header generation
    #[arg(long)]
    pub no_header: bool,
    /// Print the created units in specified format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// The rpod binary the unit should run (as the Quadlet generator finds it).
fn executable() -> String {
    std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "/usr/bin/rpod".into())
}

/// Runs `rpod generate systemd`.
pub fn run_systemd(g: &Globals, args: GenerateSystemdArgs) -> anyhow::Result<u8> {
    let json = match args.format.as_deref() {
        None | Some("") => false,
        Some(f) if output::template::is_json(f) => true,
        Some(f) => anyhow::bail!("unknown --format argument: {f}"),
    };
    let engine = g.engine(false)?;
    let store = engine.store();
    let input_of = |c: &libpod::container::Container| -> anyhow::Result<GenerateInput> {
        let spec = engine.container_spec(c)?;
        let env = spec
            .process()
            .as_ref()
            .and_then(|p| p.env().clone())
            .unwrap_or_default();
        Ok(GenerateInput::from_config(
            &c.config,
            env,
            store.root(),
            store.runroot(),
        ))
    };
    // A container first, then a pod, as podman looks them up.
    let target = match engine.container(&args.container) {
        Ok(c) => Ok(input_of(&c)?),
        Err(e) => {
            if engine.pod_exists(&args.container)? {
                let pod = engine.pod(&args.container)?;
                let members = pod
                    .members
                    .iter()
                    .map(&input_of)
                    .collect::<anyhow::Result<Vec<_>>>()?;
                Err((
                    PodInput {
                        id: pod.config.id.clone(),
                        name: pod.config.name.clone(),
                        create_command: pod.config.create_command.clone(),
                        graph_root: store.root().display().to_string(),
                        run_root: store.runroot().display().to_string(),
                    },
                    members,
                ))
            } else {
                return Err(e.into());
            }
        }
    };
    let mut root_flags = Vec::new();
    if let Some(r) = &g.root {
        root_flags.extend(["--root".to_string(), r.display().to_string()]);
    }
    if let Some(r) = &g.runroot {
        root_flags.extend(["--runroot".to_string(), r.display().to_string()]);
    }
    let env = args
        .env
        .iter()
        .filter_map(|e| {
            if e.contains('=') {
                Some(e.clone())
            } else {
                std::env::var(e).ok().map(|v| format!("{e}={v}"))
            }
        })
        .collect();
    let opts = GenerateOptions {
        new: args.new || args.template,
        template: args.template,
        use_name: args.name,
        restart_policy: args.restart_policy,
        restart_sec: args.restart_sec,
        start_timeout: args.start_timeout,
        stop_timeout: args.stop_timeout.or(args.time),
        container_prefix: args.container_prefix,
        separator: args.separator,
        after: args.after,
        wants: args.wants,
        requires: args.requires,
        env,
        no_header: args.no_header,
        executable: executable(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        timestamp: Some(
            chrono::Utc::now()
                .format("%a %b %e %H:%M:%S UTC %Y")
                .to_string(),
        ),
        root_flags,
        pod: None,
    };
    let units: Vec<ContainerUnit> = match &target {
        Ok(input) => vec![container_unit(input, &opts)?],
        Err((pod, members)) => pod_units(pod, members, &opts, &args.pod_prefix)?,
    };
    for unit in &units {
        for w in &unit.warnings {
            output::warn(w);
        }
    }
    // Unit name -> its text, or with --files the path written.
    let mut printed = std::collections::BTreeMap::new();
    if args.files {
        let dir = std::env::current_dir().context("finding the current directory")?;
        for unit in &units {
            let at = if args.template { "@" } else { "" };
            let path = dir.join(format!("{}{at}.service", unit.service_name));
            fs_err::write(&path, &unit.text)
                .with_context(|| format!("writing {}", path.display()))?;
            printed.insert(unit.service_name.clone(), path.display().to_string());
        }
    } else {
        for unit in &units {
            printed.insert(unit.service_name.clone(), unit.text.clone());
        }
    }
    if json {
        // podman's MarshalIndent(units, "", " ").
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(&printed, &mut ser)?;
        output::println(&String::from_utf8(buf)?);
    } else if args.files {
        for unit in &units {
            output::println(&printed[&unit.service_name]);
        }
    } else {
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        output::print_raw(&texts.join("\n"));
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use clap::{Args, Command};
    use libpod::systemd::generate::{RUN_VALUE_LONG, RUN_VALUE_SHORT};

    /// The pod-create parser's tables of flags without a value, or with
    /// an optional `=value`, match clap's.
    #[test]
    fn pod_create_value_flags_match_the_cli() {
        use libpod::systemd::generate::{POD_NO_VALUE_LONG, POD_OPTIONAL_VALUE_LONG};
        let cmd = super::super::pod::CreateArgs::augment_args(Command::new("create"));
        for a in cmd.get_arguments() {
            let Some(l) = a.get_long() else { continue };
            let optional = a.get_num_args().is_some_and(|n| n.min_values() == 0);
            let none = !a.get_action().takes_values();
            assert_eq!(POD_NO_VALUE_LONG.contains(&l), none, "--{l}");
            assert_eq!(
                POD_OPTIONAL_VALUE_LONG.contains(&l),
                optional && !none,
                "--{l}"
            );
        }
    }

    /// The generator's table of value-taking run flags matches clap's.
    #[test]
    fn run_value_flags_match_the_cli() {
        let cmd = super::super::run::RunArgs::augment_args(Command::new("run"));
        for a in cmd.get_arguments() {
            if a.is_positional() {
                continue;
            }
            // A flag whose value must follow `=` never takes the next word.
            let takes = a.get_action().takes_values() && !a.is_require_equals_set();
            let mut longs: Vec<&str> = a.get_long().into_iter().collect();
            longs.extend(a.get_all_aliases().unwrap_or_default());
            for l in longs {
                assert_eq!(RUN_VALUE_LONG.contains(&l), takes, "--{l}");
            }
            if let Some(s) = a.get_short() {
                assert_eq!(RUN_VALUE_SHORT.contains(&s), takes, "-{s}");
            }
        }
    }
}
