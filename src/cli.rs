//! The command-line definition: podman's global flags and verbs (clap derive).
//! Each verb's arguments live in its own file under `commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;

/// A daemonless, rootless container manager.
#[derive(Debug, Parser)]
#[command(name = "rpod", version, about, long_about = None, disable_help_subcommand = true)]
pub struct Cli {
    /// Path to the graph root directory where images and containers are stored
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to the run root directory where volatile state is stored
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Log messages at and above this level: debug, info, warn, error
    #[arg(long, global = true, default_value = "warn", value_name = "LEVEL")]
    pub log_level: String,
    /// Select which storage driver is used to manage images and containers
    #[arg(long, global = true, value_name = "DRIVER", value_parser = ["overlay", "vfs"])]
    pub storage_driver: Option<String>,
    /// The verb to run
    #[command(subcommand)]
    pub command: Command,
}

/// Every verb rpod knows.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum Command {
    /// Pull an image from a registry
    Pull(commands::pull::PullArgs),
    /// Run a command in a new container
    Run(commands::run::RunArgs),
    /// List images in local storage
    #[command(visible_alias = "image-ls")]
    Images(commands::images::ImagesArgs),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Display the configuration of an object
    Inspect(commands::inspect::InspectArgs),
    /// Show the history of an image
    History(commands::history::HistoryArgs),
    /// Add an additional name to a local image
    Tag(commands::tag::TagArgs),
    /// Remove a name from a local image
    Untag(commands::untag::UntagArgs),
    /// Remove one or more images from local storage
    Rmi(commands::rmi::RmiArgs),
    /// Log in to a container registry
    Login(commands::login::LoginArgs),
    /// Log out of a container registry
    Logout(commands::logout::LogoutArgs),
    /// Run a command in a modified user namespace
    Unshare(commands::unshare::UnshareArgs),
    /// Display rpod system information
    Info(commands::info::InfoArgs),
    /// Manage rpod
    #[command(subcommand)]
    System(SystemCommand),
    /// Display the rpod version information
    Version(commands::version::VersionArgs),
    /// Generate shell autocompletions
    Completion(commands::completion::CompletionArgs),
    /// Generate systemd units from Quadlet files (.container, .volume, .network)
    Quadlet(commands::quadlet::QuadletArgs),
    /// Internal commands for rpod's own build and tests
    #[command(hide = true, subcommand)]
    Internal(InternalCommand),
}

/// `rpod image ...`
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(commands::images::ImagesArgs),
    /// Pull an image from a registry
    Pull(commands::pull::PullArgs),
    /// Remove one or more images from local storage
    Rm(commands::rmi::RmiArgs),
    /// Add an additional name to a local image
    Tag(commands::tag::TagArgs),
    /// Remove a name from a local image
    Untag(commands::untag::UntagArgs),
    /// Display the configuration of an image
    Inspect(commands::inspect::ImageInspectArgs),
    /// Show the history of an image
    History(commands::history::HistoryArgs),
    /// Remove unused images
    Prune(commands::prune::ImagePruneArgs),
    /// Check if an image exists in local storage
    Exists(commands::exists::ExistsArgs),
}

/// `rpod system ...`
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    /// Display rpod system information
    Info(commands::info::InfoArgs),
    /// Reset rpod storage: remove all images, layers and containers
    Reset(commands::reset::ResetArgs),
}

/// `rpod internal ...` (hidden)
#[derive(Debug, Subcommand)]
pub enum InternalCommand {
    /// Write or check the man pages and shell completions generated from this CLI
    GenDocs(commands::completion::GenDocsArgs),
    /// Run a command in a running container, given the host pid of its PID 1 (for tests)
    Exec(commands::exec::ExecArgs),
}
