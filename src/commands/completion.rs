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
    /// Output the completion to FILE rather than stdout
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Don't include descriptions in the completion output
    #[arg(long)]
    pub no_desc: bool,
}

/// Arguments of `rpod internal gen-docs`.
#[derive(Debug, Args)]
pub struct GenDocsArgs {
    /// Directory of the man pages: the sources are in its src/, the pages go to its man1/, man5/
    #[arg(long, default_value = "man")]
    pub man_dir: PathBuf,
    /// Directory of the shell completions
    #[arg(long, default_value = "contrib/completions")]
    pub completions_dir: PathBuf,
    /// Only check that the files are up to date and the sources complete; exit 1 saying what to do
    #[arg(long)]
    pub check: bool,
}

/// Runs `rpod completion`.
pub fn run(args: CompletionArgs) -> anyhow::Result<u8> {
    let mut cmd = crate::cli::Cli::command();
    let mut script = crate::docs::completion(&mut cmd, &args.shell)?;
    if args.no_desc {
        script = crate::docs::without_descriptions(&script);
    }
    match &args.file {
        Some(f) => fs_err::write(f, script)?,
        None => output::print_raw(&script),
    }
    Ok(0)
}

/// Runs `rpod internal gen-docs`.
pub fn gen_docs(args: GenDocsArgs) -> anyhow::Result<u8> {
    let mut cmd = crate::cli::Cli::command();
    let problems = if args.check {
        crate::docs::check(&mut cmd, &args.man_dir, &args.completions_dir)?
    } else {
        crate::docs::write(&mut cmd, &args.man_dir, &args.completions_dir)?
    };
    for problem in problems.sources.iter().chain(&problems.stale) {
        output::eprintln(problem);
    }
    if !problems.sources.is_empty() {
        output::eprintln(crate::docs::HOW_TO_WRITE);
    }
    if !problems.sources.is_empty() || !problems.stale.is_empty() {
        output::eprintln(crate::docs::REGENERATE);
        return Ok(1);
    }
    Ok(0)
}
