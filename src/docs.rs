//! Man pages and shell completions generated from the clap definitions.
//! They are checked into the repository (man/, contrib/completions/) and a
//! test fails when they are stale, so the docs never drift from the CLI.

use std::path::Path;

use anyhow::Context;
use clap::Command;
use clap_complete::Shell;

/// Renders every page: `rpod.1`, `rpod-pull.1`, `rpod-image-ls.1`, ...
fn man_pages(cmd: &Command) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: &Command, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) -> anyhow::Result<()> {
        let name = if prefix.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let page = cmd
            .clone()
            .name(leak(name.clone()))
            .display_name(name.replace('-', " "));
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf)?;
        out.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, &name, out)?;
        }
        Ok(())
    }
    let mut cmd = cmd.clone();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out)?;
    Ok(out)
}

/// clap names are `'static`; these few strings live for the process.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn shells() -> [(Shell, &'static str); 3] {
    [
        (Shell::Bash, "rpod.bash"),
        (Shell::Zsh, "_rpod"),
        (Shell::Fish, "rpod.fish"),
    ]
}

/// The completion script for one shell.
pub fn completion(cmd: &mut Command, shell: &str) -> anyhow::Result<String> {
    let shell: Shell = shell.parse().map_err(|e| anyhow::anyhow!("{shell}: {e}"))?;
    let mut buf = Vec::new();
    clap_complete::generate(shell, cmd, "rpod", &mut buf);
    Ok(String::from_utf8(buf)?)
}

/// Writes the man pages into `dir`.
pub fn write_man_pages(cmd: &Command, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, bytes) in man_pages(cmd)? {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Writes bash, zsh and fish completions into `dir`.
pub fn write_completions(cmd: &mut Command, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (shell, file) in shells() {
        let path = dir.join(file);
        let text = completion(cmd, &shell.to_string())?;
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The generated files that differ from (or are missing in) the given directories.
pub fn check_up_to_date(
    cmd: &mut Command,
    man_dir: &Path,
    completions_dir: &Path,
) -> anyhow::Result<Vec<String>> {
    let mut stale = Vec::new();
    let same = |path: &Path, bytes: &[u8]| std::fs::read(path).is_ok_and(|b| b == bytes);
    for (name, bytes) in man_pages(cmd)? {
        let path = man_dir.join(&name);
        if !same(&path, &bytes) {
            stale.push(path.display().to_string());
        }
    }
    for (shell, file) in shells() {
        let path = completions_dir.join(file);
        if !same(&path, completion(cmd, &shell.to_string())?.as_bytes()) {
            stale.push(path.display().to_string());
        }
    }
    Ok(stale)
}
