//! `rpod compose` (also `docker compose` with `alias docker=rpod`, and
//! podman's `podman compose`): Docker Compose v2's verbs and flags. The
//! project is loaded with `libpod::compose` and acted on by
//! `libpod::compose::project`; this module parses and prints only.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;

use libpod::compose::project::{
    self, BuildPolicy, Context, DownOptions, Kind, RemoveImages, RunOptions, Step, UpOptions,
};
use libpod::compose::{self, Options};
use libpod::engine::ExecOutcome;
use libpod::spec::ExecOptions;

use crate::commands::Globals;
use crate::output;

mod args;
mod show;

pub use args::ComposeArgs;

use args::{
    ComposeCommand, ConfigArgs, ConfigFormat, ExecArgs, LogsArgs, PortArgs, PsArgs, Rmi, RunArgs,
    ServicesArgs, UpArgs,
};
use show::{run_config, run_images, run_logs, run_ls, run_port, run_ps, run_top};

/// Prints progress as Docker Compose v2 does, on stderr.
struct Printer;

impl project::Progress for Printer {
    fn step(&self, kind: Kind, name: &str, step: Step) {
        let mark = if step == Step::Error { "✘" } else { "✔" };
        output::eprintln(&format!(" {mark} {kind} {name}  {step}"));
    }
    fn warn(&self, message: &str) {
        output::warn(message);
    }
}

/// Runs `rpod compose ...`.
pub fn run(g: &Globals, args: ComposeArgs) -> anyhow::Result<u8> {
    let services = match &args.command {
        ComposeCommand::Config(c) => c.services.clone(),
        _ => Vec::new(),
    };
    let opts = Options {
        files: args.file,
        project_name: args.project_name,
        project_directory: args.project_directory,
        profiles: args.profile,
        env_files: args.env_file,
        services,
        cwd: std::env::current_dir()?,
        environment: std::env::vars().collect(),
        skip_consistency: matches!(&args.command, ComposeCommand::Config(c) if c.no_consistency),
    };
    let loaded = compose::load(&opts).map_err(libpod::Error::from)?;
    for w in &loaded.warnings {
        output::warn(w);
    }
    if let ComposeCommand::Config(config) = &args.command {
        return run_config(&loaded, config);
    }
    if let ComposeCommand::Ls = &args.command {
        return run_ls(g);
    }
    let engine = g.engine(false)?;
    if let Some(w) = engine.mapping_warning() {
        output::warn(w);
    }
    let ctx = Context::new(&engine, &loaded, &Printer);
    match args.command {
        ComposeCommand::Config(_) | ComposeCommand::Ls => unreachable!("handled above"),
        ComposeCommand::Up(a) => run_up(&ctx, a),
        ComposeCommand::Create(a) => {
            let opts = UpOptions {
                services: a.services,
                build: build_policy(a.build, a.no_build),
                force_recreate: a.force_recreate,
                no_recreate: a.no_recreate,
                remove_orphans: a.remove_orphans,
                no_start: true,
                ..UpOptions::default()
            };
            project::up(&ctx, &opts)?;
            Ok(0)
        }
        ComposeCommand::Down(a) => {
            let opts = DownOptions {
                remove_orphans: a.remove_orphans,
                volumes: a.volumes,
                rmi: a.rmi.map(|r| match r {
                    Rmi::Local => RemoveImages::Local,
                    Rmi::All => RemoveImages::All,
                }),
                timeout: a.timeout,
            };
            project::down(&ctx, &opts)?;
            Ok(0)
        }
        ComposeCommand::Ps(a) => run_ps(&ctx, a),
        ComposeCommand::Logs(a) => run_logs(&ctx, a),
        ComposeCommand::Build(a) => {
            project::build(&ctx, &a.services)?;
            Ok(0)
        }
        ComposeCommand::Pull(a) => {
            project::pull(&ctx, &a.services, a.ignore_pull_failures)?;
            Ok(0)
        }
        ComposeCommand::Start(a) => {
            project::start(&ctx, &a.services)?;
            Ok(0)
        }
        ComposeCommand::Stop(a) => {
            project::stop(&ctx, &a.services, a.timeout)?;
            Ok(0)
        }
        ComposeCommand::Restart(a) => {
            project::restart(&ctx, &a.services, a.timeout)?;
            Ok(0)
        }
        ComposeCommand::Pause(a) => run_pause(&ctx, &a.services, false),
        ComposeCommand::Unpause(a) => run_pause(&ctx, &a.services, true),
        ComposeCommand::Kill(a) => {
            let sig = libpod::spec::parse_signal(&a.signal)
                .map_err(|e| anyhow::anyhow!("--signal {}: {e}", a.signal))?;
            project::kill(&ctx, &a.services, sig as i32)?;
            Ok(0)
        }
        ComposeCommand::Rm(a) => {
            if project::rm(&ctx, &a.services, a.stop, a.volumes)? == 0 {
                output::eprintln("No stopped containers");
            }
            let _ = a.force;
            Ok(0)
        }
        ComposeCommand::Exec(a) => run_exec(&ctx, a),
        ComposeCommand::Run(a) => run_run(&ctx, a),
        ComposeCommand::Top(a) => run_top(&ctx, a),
        ComposeCommand::Port(a) => run_port(&ctx, a),
        ComposeCommand::Images(a) => run_images(&ctx, a),
        ComposeCommand::Push(a) => {
            project::push(&ctx, &a.services, a.ignore_push_failures)?;
            Ok(0)
        }
    }
}

fn build_policy(build: bool, no_build: bool) -> BuildPolicy {
    if build {
        BuildPolicy::Always
    } else if no_build {
        BuildPolicy::Never
    } else {
        BuildPolicy::Missing
    }
}

fn run_up(ctx: &Context<'_>, a: UpArgs) -> anyhow::Result<u8> {
    let mut scale = BTreeMap::new();
    for s in &a.scale {
        let (svc, n) = s
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--scale {s}: expected SERVICE=NUM"))?;
        let n: u32 = n
            .parse()
            .map_err(|_| anyhow::anyhow!("--scale {s}: {n:?} is not a number of containers"))?;
        scale.insert(svc.to_string(), n);
    }
    let opts = UpOptions {
        services: a.services.clone(),
        no_deps: a.no_deps,
        build: build_policy(a.build, a.no_build),
        force_recreate: a.force_recreate,
        no_recreate: a.no_recreate,
        remove_orphans: a.remove_orphans,
        wait: a.wait,
        scale,
        no_start: a.no_start,
    };
    let names = project::up(ctx, &opts)?;
    if a.detach || a.no_start || a.wait {
        return Ok(0);
    }
    // Attached: follow the containers' logs until they have all stopped.
    let containers: Vec<_> = names
        .iter()
        .filter_map(|n| ctx.engine.container(n).ok())
        .collect();
    let out: Mutex<std::io::Stdout> = Mutex::new(std::io::stdout());
    let notice = |m: &str| eprintln!("{m}");
    let ending = project::attached::follow(
        ctx,
        &containers,
        std::io::stdout().is_terminal(),
        &out,
        &notice,
    )?;
    Ok(match ending {
        project::attached::Ending::AllStopped => 0,
        project::attached::Ending::Interrupted => 130,
    })
}

fn run_pause(ctx: &Context<'_>, services: &[String], thaw: bool) -> anyhow::Result<u8> {
    for c in ctx.service_containers(services)? {
        ctx.engine.pause_container(&c.config.id, thaw)?;
        let word = if thaw { "Unpaused" } else { "Paused" };
        output::eprintln(&format!(" ✔ Container {}  {word}", c.config.name));
    }
    Ok(0)
}

/// The container `--index` of a service.
fn indexed(
    ctx: &Context<'_>,
    service: &str,
    index: u32,
) -> anyhow::Result<libpod::container::Container> {
    let list = ctx.service_containers(&[service.to_string()])?;
    list.into_iter()
        .find(|c| project::number_of(c) == index)
        .ok_or_else(|| anyhow::anyhow!("service {service:?} is not running: no container with index {index} (start it with `rpod compose up -d {service}`)"))
}

fn run_exec(ctx: &Context<'_>, a: ExecArgs) -> anyhow::Result<u8> {
    let c = indexed(ctx, &a.service, a.index)?;
    let tty = !a.no_tty && std::io::stdin().is_terminal();
    let opts = ExecOptions {
        args: a.command,
        env: super::exec::env_flags(a.env),
        user: a.user,
        workdir: a.workdir,
        tty,
        interactive: !a.detach,
        privileged: a.privileged,
        detach: a.detach,
        ..ExecOptions::default()
    };
    match ctx.engine.exec_in_container(&c.config.id, opts)? {
        ExecOutcome::Exited(code) => Ok(code),
        ExecOutcome::Started(_) => Ok(0),
    }
}

fn run_run(ctx: &Context<'_>, a: RunArgs) -> anyhow::Result<u8> {
    let tty = !a.no_tty && !a.detach && std::io::stdin().is_terminal();
    let opts = RunOptions {
        service: a.service,
        command: a.command,
        remove: a.rm,
        no_deps: a.no_deps,
        env: super::exec::env_flags(a.env),
        entrypoint: a.entrypoint,
        name: a.name,
        tty,
    };
    let id = project::run(ctx, &opts)?;
    let engine = ctx.engine;
    if a.detach {
        let c = engine.start_detached(&id)?;
        output::println(&c.config.name);
        return Ok(0);
    }
    if tty {
        let keys = libpod::monitor::attach::parse_detach_keys("ctrl-p,ctrl-q")
            .map_err(|e| anyhow::anyhow!("detach keys: {e}"))?;
        let end = engine.start_attached_via_monitor(&id, true, &keys, true)?;
        return super::attach::finish(engine, &id, end);
    }
    Ok(engine.start_attached(&id)?)
}
