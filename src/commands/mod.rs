//! One file per verb: its clap arguments and a `run` that calls the engine
//! and prints. Shared here: opening the engine from the global flags.

pub mod artifact;
pub mod attach;
pub mod build;
pub mod cleanup;
pub mod commit;
pub mod complete;
pub mod completion;
pub mod compose;
pub mod container_prune;
pub mod cp;
pub mod create;
pub mod diff;
pub mod events;
pub mod exec;
pub mod exists;
pub mod export;
pub mod generate;
pub mod healthcheck;
pub mod history;
pub mod images;
pub mod import;
pub mod info;
pub mod inspect;
pub mod kill;
pub mod kube;
pub mod load;
pub mod login;
pub mod logout;
pub mod logs;
pub mod monitor;
pub mod mount;
pub mod network;
pub mod pause;
pub mod pod;
pub mod port;
pub mod prune;
pub mod ps;
pub mod pull;
pub mod push;
pub mod quadlet;
pub mod rename;
pub mod reset;
pub mod restart;
pub mod rm;
pub mod rmi;
pub mod run;
pub mod save;
pub mod secret;
pub mod sign;
pub mod start;
pub mod stats;
pub mod stop;
pub mod system;
pub mod tag;
pub mod top;
pub mod unshare;
pub mod untag;
pub mod update;
pub mod version;
pub mod volume;
pub mod wait;

use libpod::engine::EngineOptions;
use libpod::Engine;

use crate::cli::{
    BuildxCommand, Cli, Command, ContainerCommand, ContainerVerb, GenerateCommand, ImageCommand,
    InternalCommand, SystemCommand,
};

/// The global flags every verb that touches the store needs.
#[derive(Debug, Clone)]
pub struct Globals {
    root: Option<std::path::PathBuf>,
    runroot: Option<std::path::PathBuf>,
    storage_driver: Option<String>,
    storage_opt: Vec<String>,
    events_backend: Option<String>,
    volumepath: Option<std::path::PathBuf>,
    db_backend: Option<String>,
    runtime: Option<String>,
    runtime_flag: Vec<String>,
    default_mounts_file: Option<std::path::PathBuf>,
    hooks_dir: Vec<std::path::PathBuf>,
    modules: Vec<std::path::PathBuf>,
}

impl Globals {
    /// Opens the engine; with `userns`, enters the user namespace right away
    /// (before any thread exists) when running rootless.
    pub fn engine(&self, userns: bool) -> anyhow::Result<Engine> {
        let mut opts = EngineOptions::from_env();
        opts.root.clone_from(&self.root);
        opts.runroot.clone_from(&self.runroot);
        opts.storage_driver.clone_from(&self.storage_driver);
        opts.storage_opts.clone_from(&self.storage_opt);
        opts.events_backend.clone_from(&self.events_backend);
        opts.volume_path.clone_from(&self.volumepath);
        opts.db_backend.clone_from(&self.db_backend);
        opts.runtime.clone_from(&self.runtime);
        opts.default_mounts_file
            .clone_from(&self.default_mounts_file);
        opts.paths.modules.clone_from(&self.modules);
        opts.hooks_dirs.clone_from(&self.hooks_dir);
        if let Some(f) = self.runtime_flag.first() {
            anyhow::bail!(
                "--runtime-flag {f}: rpod runs containers itself, without an OCI runtime to pass flags to"
            );
        }
        let engine = Engine::open(opts)?;
        if let Some(warning) = engine.runtime_warning() {
            crate::output::warn(warning);
        }
        if userns {
            if let Some(warning) = engine.mapping_warning() {
                crate::output::warn(warning);
            }
            engine.enter_userns()?;
        }
        Ok(engine)
    }
}

/// Runs the verb the user chose; returns the exit code.
pub fn dispatch(cli: Cli, modules: Vec<std::path::PathBuf>) -> anyhow::Result<u8> {
    let g = Globals {
        modules,
        root: cli.root,
        runroot: cli.runroot,
        storage_driver: cli.storage_driver,
        storage_opt: cli.storage_opt,
        events_backend: cli.events_backend,
        volumepath: cli.volumepath,
        db_backend: cli.db_backend,
        runtime: cli.runtime,
        runtime_flag: cli.runtime_flag,
        default_mounts_file: cli.default_mounts_file,
        hooks_dir: cli.hooks_dir,
    };
    match cli.command {
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => pull::run(&g, a),
        Command::Build(a)
        | Command::Image(ImageCommand::Build(a))
        | Command::Buildx(BuildxCommand::Build(a)) => build::run(&g, *a),
        Command::Buildx(BuildxCommand::Version) => {
            // podman prints its buildah's; rpod builds images itself.
            crate::output::println(&format!(
                "rpod {} (built-in builder)",
                env!("CARGO_PKG_VERSION")
            ));
            Ok(0)
        }
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => images::run(&g, a),
        Command::Inspect(a) => inspect::run(&g, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::run_image(&g, a),
        Command::History(a) | Command::Image(ImageCommand::History(a)) => history::run(&g, a),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => tag::run(&g, a),
        Command::Untag(a) | Command::Image(ImageCommand::Untag(a)) => untag::run(&g, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => rmi::run(&g, a),
        Command::Image(ImageCommand::Prune(a)) => prune::run(&g, a),
        Command::Image(ImageCommand::Exists(a)) => exists::run(&g, a),
        Command::Image(ImageCommand::Sign(a)) => sign::run(&g, a),
        Command::Save(a) | Command::Image(ImageCommand::Save(a)) => save::run(&g, a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => load::run(&g, a),
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => import::run(&g, a),
        Command::Push(a) | Command::Image(ImageCommand::Push(a)) => push::run(&g, a),
        Command::Diff(a) => diff::run(&g, a, false),
        Command::Mount(a) | Command::Container(ContainerCommand::Mount(a)) => mount::run(&g, a),
        Command::Umount(a) | Command::Container(ContainerCommand::Umount(a)) => {
            mount::run_umount(&g, a)
        }
        Command::Image(ImageCommand::Mount(a)) => mount::run_image(&g, a),
        Command::Image(ImageCommand::Umount(a)) => mount::run_image_umount(&g, a),
        Command::Container(ContainerCommand::Diff(a)) => diff::run(&g, a, true),
        Command::Image(ImageCommand::Diff(a)) => diff::run_image(&g, a),
        Command::Ctr(v) | Command::Container(ContainerCommand::Verb(v)) => container_verb(&g, v),
        Command::Ps(a) | Command::Container(ContainerCommand::Ls(a)) => ps::run(&g, a),
        Command::Volume(c) => volume::run(&g, c),
        Command::Secret(c) => secret::run(&g, c),
        Command::Artifact(c) => artifact::run(&g, c),
        Command::Pod(c) => pod::run(&g, c),
        Command::Network(c) => network::run(&g, c),
        Command::Healthcheck(c) => healthcheck::run(&g, c),
        Command::Internal(InternalCommand::NetworkLease(a)) => network::run_lease(&g, a),
        Command::Container(ContainerCommand::Inspect(a)) => inspect::run_container(&g, a),
        Command::Container(ContainerCommand::Exists(a)) => exists::run_container(&g, a),
        Command::Container(ContainerCommand::Prune(a)) => container_prune::run(&g, a),
        Command::Container(ContainerCommand::Cleanup(a)) => cleanup::run(&g, a),
        Command::Internal(InternalCommand::Monitor(a)) => monitor::run(&g, a),
        Command::Internal(InternalCommand::NetworkHolder(a)) => monitor::run_holder(&g, a),
        Command::Internal(InternalCommand::PodHolder(a)) => monitor::run_pod_holder(&g, a),
        Command::Login(a) => login::run(&g, a),
        Command::Logout(a) => logout::run(&g, a),
        Command::Unshare(a) => unshare::run(&g, a),
        Command::Info(a) | Command::System(SystemCommand::Info(a)) => info::run(&g, a),
        Command::Events(a) | Command::System(SystemCommand::Events(a)) => events::run(&g, a),
        Command::System(SystemCommand::Reset(a)) => reset::run(&g, a),
        Command::System(SystemCommand::Df(a)) => system::run_df(&g, a),
        Command::System(SystemCommand::Prune(a)) => system::run_prune(&g, a),
        Command::Version(a) => version::run(a),
        Command::Completion(a) => completion::run(a),
        Command::Quadlet(a) => quadlet::run(a),
        Command::Compose(a) => compose::run(&g, a),
        Command::Generate(GenerateCommand::Systemd(a)) => generate::run_systemd(&g, a),
        Command::Generate(GenerateCommand::Kube(a)) => kube::generate_kube(&g, a),
        Command::Kube(c) => kube::run(&g, c),
        Command::Play(c) => kube::run_play(&g, c),
        Command::Internal(InternalCommand::GenDocs(a)) => completion::gen_docs(a),
        Command::Internal(InternalCommand::Exec(a)) => exec::run(&g, a),
    }
}

/// Runs a container verb, whether given at the top level or under `container`.
fn container_verb(g: &Globals, v: ContainerVerb) -> anyhow::Result<u8> {
    match v {
        ContainerVerb::Run(a) => run::run(g, a),
        ContainerVerb::Create(a) => create::run(g, a),
        ContainerVerb::Start(a) => start::run(g, a),
        ContainerVerb::Stop(a) => stop::run(g, a),
        ContainerVerb::Kill(a) => kill::run(g, a),
        ContainerVerb::Wait(a) => wait::run(g, a),
        ContainerVerb::Rm(a) => rm::run(g, a),
        ContainerVerb::Logs(a) => logs::run(g, a),
        ContainerVerb::Rename(a) => rename::run(g, a),
        ContainerVerb::Restart(a) => restart::run(g, a),
        ContainerVerb::Update(a) => update::run(g, a),
        ContainerVerb::Pause(a) => pause::run(g, a, false),
        ContainerVerb::Unpause(a) => pause::run(g, a, true),
        ContainerVerb::Top(a) => top::run(g, a),
        ContainerVerb::Stats(a) => stats::run(g, a),
        ContainerVerb::Exec(a) => exec::run_user(g, a),
        ContainerVerb::Port(a) => port::run(g, a),
        ContainerVerb::Attach(a) => attach::run(g, a),
        ContainerVerb::Commit(a) => commit::run(g, a),
        ContainerVerb::Cp(a) => cp::run(g, a),
        ContainerVerb::Export(a) => export::run(g, a),
    }
}

/// Which containers a batch verb (`stop`, `rm`, `kill`, `wait`) acts on.
pub struct Targets<'a> {
    /// Names or IDs given.
    pub names: &'a [String],
    /// `--all`.
    pub all: bool,
    /// `--latest`.
    pub latest: bool,
    /// `--cidfile`s.
    pub cidfiles: &'a [std::path::PathBuf],
    /// `--ignore`: missing containers are not errors.
    pub ignore: bool,
    /// With `--all`: only running containers.
    pub running_only: bool,
    /// `--filter`s (those of `ps`): the containers that pass them, instead
    /// of names.
    pub filters: &'a [String],
}

/// Applies `act` to each target; prints errors after the first, returns
/// the first (podman's behaviour: all targets are tried).
pub fn targets(
    engine: &Engine,
    t: &Targets<'_>,
    mut act: impl FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<u8> {
    let names = target_names(engine, t)?;
    report(t, names.iter().map(|n| act(n)))
}

/// The containers a batch verb acts on: the names and IDs given, those
/// of the cid files, and `--all`/`--latest`'s, in that order.
pub fn target_names(engine: &Engine, t: &Targets<'_>) -> anyhow::Result<Vec<String>> {
    if !t.filters.is_empty() {
        // podman's words.
        anyhow::ensure!(t.names.is_empty(), "--filter takes no arguments");
        let filters = ps::parse_filters(t.filters)?;
        let pods = ps::Pods::load(engine)?;
        let mut names = Vec::new();
        for c in engine.containers()?.into_iter().rev() {
            let live = matches!(
                c.state.status,
                libpod::container::Status::Running | libpod::container::Status::Paused
            );
            if (!t.running_only || live) && ps::matches(engine, &c, &filters, &pods)? {
                names.push(c.config.id);
            }
        }
        return Ok(names);
    }
    let mut names: Vec<String> = t.names.to_vec();
    for f in t.cidfiles {
        match libpod::container::cidfile::read(f) {
            Ok(Some(id)) => names.push(id),
            Ok(None) if t.ignore => {}
            // podman's wording.
            Ok(None) => anyhow::bail!(
                "reading CIDFile: open {}: no such file or directory",
                f.display()
            ),
            Err(_) if t.ignore => {}
            Err(e) => return Err(e.into()),
        }
    }
    if t.all {
        // Newest first: a container that joins another's namespaces is
        // newer than it, and is stopped or removed before it.
        for c in engine.containers()?.into_iter().rev() {
            if !t.running_only
                || matches!(
                    c.state.status,
                    libpod::container::Status::Running | libpod::container::Status::Paused
                )
            {
                names.push(c.config.id);
            }
        }
    }
    if t.latest {
        names.push(engine.latest_container()?.config.id);
    }
    // podman's words.
    anyhow::ensure!(
        !names.is_empty() || t.all || !t.cidfiles.is_empty(),
        "you must provide at least one name or id"
    );
    Ok(names)
}

/// Goes through a batch verb's results, one per target: prints the errors
/// after the first and returns the first (podman's behaviour: all targets
/// are tried); with `--ignore`, missing containers are no errors.
pub fn report(
    t: &Targets<'_>,
    results: impl IntoIterator<Item = anyhow::Result<()>>,
) -> anyhow::Result<u8> {
    let mut first: Option<anyhow::Error> = None;
    for result in results {
        match result {
            Ok(()) => {}
            Err(e) => {
                let missing = e
                    .downcast_ref::<libpod::Error>()
                    .is_some_and(libpod::Error::is_container_not_found);
                if missing && t.ignore {
                    continue;
                }
                if first.is_none() {
                    first = Some(e);
                } else {
                    crate::output::print_error(&e);
                }
            }
        }
    }
    match first {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// What a `--format` template of the command at `path` (`["volume", "ls"]`)
/// sees, for shell completion of its fields: a real object where the
/// command shows one (`inspect`), else an empty row of its output. None for
/// commands whose output rpod cannot describe.
pub fn format_sample(
    engine: &Engine,
    path: &[&str],
    args: &[String],
) -> Option<crate::output::template::TValue> {
    let name = args.first().map(String::as_str);
    // podman's Go type of the rows or value (inspect's are typed already).
    let go = match path {
        ["ps"] | ["container", "list" | "ls" | "ps"] => "containers.psReporter",
        ["images"] | ["image", "ls" | "list"] => "images.imageReporter",
        ["history"] | ["image", "history"] => "images.historyReporter",
        ["stats"] | ["container", "stats"] => "containers.containerStats",
        ["system", "df"] => "system.dfSummary",
        ["pod", "ps"] => "pods.ListPodReporter",
        ["version"] => "types.SystemVersionReport",
        ["info"] | ["system", "info"] => "*define.Info",
        ["events"] | ["system", "events"] => "system.Event",
        ["volume", "inspect"] => "define.InspectVolumeData",
        ["volume", "ls" | "list"] => "types.VolumeListReport",
        ["network", "ls"] => "network.ListPrintReports",
        _ => "",
    };
    let sample = untyped_sample(engine, path, name)?;
    Some(if go.is_empty() {
        sample
    } else {
        crate::output::template::schema::typed(sample, go)
    })
}

/// The data of [`format_sample`], as rpod serialises it.
fn untyped_sample(
    engine: &Engine,
    path: &[&str],
    name: Option<&str>,
) -> Option<crate::output::template::TValue> {
    match path {
        // podman picks the type by what the first argument completes to.
        ["inspect"] => {
            let kind = name.map_or("container", |n| inspect::kind_of(engine, n));
            inspect::template_sample(engine, kind, name)
        }
        ["container", "inspect"] => inspect::template_sample(engine, "container", name),
        ["image", "inspect"] => inspect::template_sample(engine, "image", name),
        // A volume record's fields are there without any volume.
        ["volume", "inspect"] => inspect::template_sample(engine, "volume", name).or_else(|| {
            crate::output::template::TValue::from(&libpod::volume::Volume::default()).ok()
        }),
        [noun @ ("network" | "pod"), "inspect"] => inspect::template_sample(engine, noun, name),
        ["ps"] | ["container", "list" | "ls" | "ps"] => ps::format_sample(),
        ["images"] | ["image", "ls" | "list"] => images::format_sample(),
        ["history"] | ["image", "history"] => history::format_sample(),
        ["stats"] | ["container" | "pod", "stats"] => stats::format_sample(),
        ["system", "df"] => system::format_sample(),
        ["pod", "ps"] => pod::ps_format_sample(),
        ["secret", "ls"] => secret::format_sample(false),
        ["secret", "inspect"] => secret::format_sample(true),
        ["version"] => version::format_sample(),
        ["artifact", "ls" | "list"] => artifact::format_sample(false),
        ["artifact", "inspect"] => artifact::format_sample(true),
        ["info"] | ["system", "info"] => info::format_sample(engine),
        ["events"] | ["system", "events"] => events::format_sample(),
        ["volume", "ls" | "list"] => {
            let v = engine
                .volumes()
                .ok()?
                .into_iter()
                .next()
                .unwrap_or_default();
            crate::output::template::TValue::from(&v).ok()
        }
        ["network", "ls"] => {
            let n = engine.networks().ok()?.into_iter().next()?;
            crate::output::template::TValue::from(&n).ok()
        }
        _ => None,
    }
}
