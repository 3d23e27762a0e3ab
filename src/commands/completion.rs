//! `rpod completion SHELL` (as podman), and the hidden `rpod internal gen-docs`
//! that writes or checks the man pages and completions kept in the repository.

use std::path::PathBuf;

use clap::{Args, CommandFactory};

use crate::output;

/// Arguments of `rpod completion`.
#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell: bash, zsh or fish
    #[arg(value_name = "SHELL", value_parser = ["bash", "zsh", "fish"])]
    pub shell: String,
}

/// Arguments of `rpod internal gen-docs`.
#[derive(Debug, Args)]
pub struct GenDocsArgs {
    /// Directory of the man pages
    #[arg(long, default_value = "man")]
    pub man_dir: PathBuf,
    /// Directory of the shell completions
    #[arg(long, default_value = "contrib/completions")]
    pub completions_dir: PathBuf,
    /// Only check that the files are up to date; exit 1 listing the stale ones
    #[arg(long)]
    pub check: bool,
}

/// Runs `rpod completion`.
pub fn run(args: CompletionArgs) -> anyhow::Result<u8> {
    let mut cmd = crate::cli::Cli::command();
    output::print_raw(&crate::docs::completion(&mut cmd, &args.shell)?);
    Ok(0)
}

/// Runs `rpod internal gen-docs`.
pub fn gen_docs(args: GenDocsArgs) -> anyhow::Result<u8> {
    let mut cmd = crate::cli::Cli::command();
    if args.check {
        let stale = crate::docs::check_up_to_date(&mut cmd, &args.man_dir, &args.completions_dir)?;
        if stale.is_empty() {
            return Ok(0);
        }
        for file in &stale {
            output::eprintln(&format!("out of date: {file}"));
        }
        output::eprintln("regenerate them with `cargo run -- internal gen-docs`");
        return Ok(1);
    }
    crate::docs::write_man_pages(&cmd, &args.man_dir)?;
    crate::docs::write_completions(&mut cmd, &args.completions_dir)?;
    Ok(0)
}
