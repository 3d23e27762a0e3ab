//! One file per verb: its clap arguments and a `run` that calls the engine
//! and prints. Shared here: opening the engine from the global flags.

pub mod completion;
pub mod exec;
pub mod exists;
pub mod history;
pub mod images;
pub mod info;
pub mod inspect;
pub mod login;
pub mod logout;
pub mod prune;
pub mod pull;
pub mod quadlet;
pub mod reset;
pub mod rmi;
pub mod run;
pub mod tag;
pub mod unshare;
pub mod untag;
pub mod version;

use libpod::engine::EngineOptions;
use libpod::Engine;

use crate::cli::{Cli, Command, ImageCommand, InternalCommand, SystemCommand};

/// The global flags every verb that touches the store needs.
#[derive(Debug, Clone)]
pub struct Globals {
    root: Option<std::path::PathBuf>,
    runroot: Option<std::path::PathBuf>,
    storage_driver: Option<String>,
}

impl Globals {
    /// Opens the engine; with `userns`, enters the user namespace right away
    /// (before any thread exists) when running rootless.
    pub fn engine(&self, userns: bool) -> anyhow::Result<Engine> {
        let mut opts = EngineOptions::from_env();
        opts.root.clone_from(&self.root);
        opts.runroot.clone_from(&self.runroot);
        opts.storage_driver.clone_from(&self.storage_driver);
        let engine = Engine::open(opts)?;
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
pub fn dispatch(cli: Cli) -> anyhow::Result<u8> {
    let g = Globals {
        root: cli.root,
        runroot: cli.runroot,
        storage_driver: cli.storage_driver,
    };
    match cli.command {
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => pull::run(&g, a),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => images::run(&g, a),
        Command::Inspect(a) => inspect::run(&g, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::run_image(&g, a),
        Command::History(a) | Command::Image(ImageCommand::History(a)) => history::run(&g, a),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => tag::run(&g, a),
        Command::Untag(a) | Command::Image(ImageCommand::Untag(a)) => untag::run(&g, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => rmi::run(&g, a),
        Command::Image(ImageCommand::Prune(a)) => prune::run(&g, a),
        Command::Image(ImageCommand::Exists(a)) => exists::run(&g, a),
        Command::Run(a) => run::run(&g, a),
        Command::Login(a) => login::run(&g, a),
        Command::Logout(a) => logout::run(&g, a),
        Command::Unshare(a) => unshare::run(&g, a),
        Command::Info(a) | Command::System(SystemCommand::Info(a)) => info::run(&g, a),
        Command::System(SystemCommand::Reset(a)) => reset::run(&g, a),
        Command::Version(a) => version::run(a),
        Command::Completion(a) => completion::run(a),
        Command::Quadlet(a) => quadlet::run(a),
        Command::Internal(InternalCommand::GenDocs(a)) => completion::gen_docs(a),
        Command::Internal(InternalCommand::Exec(a)) => exec::run(&g, a),
    }
}
