//! Man pages and shell completions, generated from the clap definitions and
//! the hand-written sources in `man/src/`, and checked into the repository
//! (`man/man1`, `man/man5`, `contrib/completions/`). A test fails when they
//! are stale, so the docs never drift from the CLI.
//!
//! A command's page takes NAME, SYNOPSIS, the first DESCRIPTION paragraphs,
//! OPTIONS and COMMANDS from clap, and the rest from `man/src/rpod-CMD.1.md`
//! (format: [`markup`]): more DESCRIPTION paragraphs, EXAMPLES (required: at
//! least two `$ rpod …` lines that parse and run this command), any other
//! section, and SEE ALSO (added to the parent page's reference). A source that
//! is the single line `.so man1/rpod-OTHER.1` makes the page an alias of
//! another command with the same options. A source whose first line is
//! `% NAME SECTION` is a whole page of its own (rpod-quadlet(5)).

mod examples;
mod markup;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Command;
use clap_complete::Shell;

/// clap_mangen starts its output with this (the `Aq` string its text uses).
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// What a command's author is told, once, when a page's source is missing or incomplete.
pub const HOW_TO_WRITE: &str = "\
A command's man page is generated from its clap definition plus man/src/rpod-CMD.1.md
(e.g. man/src/rpod-ps.1.md for `rpod ps`, man/src/rpod-image-ls.1.md for `rpod image ls`).
Write that file with
  # EXAMPLES        required: at least two lines `$ rpod CMD …` that run this command
                    (checked against the CLI), each after a sentence saying what it does
  # DESCRIPTION     optional: paragraphs added after the command's help text
  # SEE ALSO        optional: references such as `rpod-ps(1), containers.conf(5)`
or, when the command is another name for one with the same options, the single line
`.so man1/rpod-OTHER.1`. The format is described at the top of src/docs/markup.rs.";

/// How to regenerate, printed once after the problems.
pub const REGENERATE: &str =
    "Then regenerate with `cargo run -- internal gen-docs` (from the repository's \
top directory) and commit man/ and contrib/completions/.";

/// A generated file: its path relative to its directory, and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// e.g. `man1/rpod-run.1`.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// One command of the tree, with what its page needs.
struct CommandPage {
    /// `rpod-container-run`.
    name: String,
    /// `["container", "run"]`.
    path: Vec<String>,
    /// The command, built on its own (the global options stay on rpod(1)).
    cmd: Command,
    /// The parent page, `None` for rpod(1).
    parent: Option<String>,
    /// Subcommands: name, visible aliases, about, page name.
    children: Vec<(String, Vec<String>, String, String)>,
}

/// Every visible command, depth first, from the unbuilt root.
fn command_pages(root: &Command) -> Vec<CommandPage> {
    fn walk(cmd: &Command, path: Vec<String>, parent: Option<String>, out: &mut Vec<CommandPage>) {
        let name = page_name(&path);
        let subs: Vec<&Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
            .collect();
        let children = subs
            .iter()
            .map(|s| {
                let mut p = path.clone();
                p.push(s.get_name().to_string());
                (
                    s.get_name().to_string(),
                    s.get_visible_aliases().map(str::to_string).collect(),
                    s.get_about().map(|a| a.to_string()).unwrap_or_default(),
                    page_name(&p),
                )
            })
            .collect();
        let mut built = cmd
            .clone()
            .bin_name(
                std::iter::once("rpod")
                    .chain(path.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .disable_help_subcommand(true);
        built.build();
        out.push(CommandPage {
            name: name.clone(),
            path: path.clone(),
            cmd: built,
            parent,
            children,
        });
        for sub in subs {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, Some(name.clone()), out);
        }
    }
    let mut out = Vec::new();
    walk(root, Vec::new(), None, &mut out);
    out
}

fn page_name(path: &[String]) -> String {
    std::iter::once("rpod")
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-")
}

/// `.TH` and NAME: the header every page starts with.
fn header(name: &str, section: &str, summary: &str) -> String {
    let manual = match section {
        "1" => "User Commands",
        "5" => "File Formats",
        _ => "",
    };
    format!(
        "{PREAMBLE}.TH {} {section} \"\" \"rpod {}\" \"{manual}\"\n.SH NAME\n{} \\- {}\n",
        markup::quote_arg(name),
        env!("CARGO_PKG_VERSION"),
        markup::escape(name),
        markup::inline(summary),
    )
}

/// clap's usage line (`rpod run [OPTIONS] <IMAGE> [COMMAND]...`) as a roff synopsis.
fn synopsis(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    let mut lines = Vec::new();
    for line in usage.lines() {
        let line = line.trim().trim_start_matches("Usage:").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split(' ').collect();
        let n = words
            .iter()
            .take_while(|w| !w.starts_with(['[', '<']))
            .count();
        let mut text = format!("\\fB{}\\fR", markup::escape(&words[..n].join(" ")));
        for w in &words[n..] {
            text.push(' ');
            for c in w.chars() {
                match c {
                    '<' => text.push_str("\\fI"),
                    '>' => text.push_str("\\fR"),
                    c => text.push_str(&markup::escape(&c.to_string())),
                }
            }
        }
        lines.push(text.replace("OPTIONS", "\\fIoptions\\fR"));
    }
    format!(".SH SYNOPSIS\n{}\n", lines.join("\n.br\n"))
}

/// `rpod-ps(1), containers.conf(5)` as roff.
fn see_also(refs: &[String]) -> String {
    let items: Vec<String> = refs
        .iter()
        .map(|r| match r.split_once('(') {
            Some((name, rest)) => format!("\\fB{}\\fR({rest}", markup::escape(name)),
            None => markup::escape(r),
        })
        .collect();
    format!(".SH \"SEE ALSO\"\n{}\n", items.join(", "))
}

/// A hand-written source split into its sections.
struct Source {
    /// Blocks of `# DESCRIPTION`.
    description: Vec<markup::Block>,
    /// The other sections in order, each starting with its heading block.
    sections: Vec<(String, Vec<markup::Block>)>,
    /// References of `# SEE ALSO`.
    see_also: Vec<String>,
}

fn split_source(text: &str) -> Source {
    let mut src = Source {
        description: Vec::new(),
        sections: Vec::new(),
        see_also: Vec::new(),
    };
    let mut current: Option<String> = None;
    for block in markup::parse(text) {
        if let markup::Block::Section(h) = &block {
            current = Some(h.clone());
            if h != "DESCRIPTION" && h != "SEE ALSO" {
                src.sections.push((h.clone(), vec![block]));
            }
            continue;
        }
        match current.as_deref() {
            Some("DESCRIPTION") | None => src.description.push(block),
            Some("SEE ALSO") => {
                if let markup::Block::Para(p) = block {
                    src.see_also.extend(
                        p.split(',')
                            .map(|s| s.trim().trim_end_matches('.').to_string())
                            .filter(|s| !s.is_empty()),
                    );
                }
            }
            Some(_) => {
                if let Some(last) = src.sections.last_mut() {
                    last.1.push(block);
                }
            }
        }
    }
    src
}

/// clap's help text of a command as DESCRIPTION paragraphs.
fn clap_description(cmd: &Command) -> String {
    let text = cmd
        .get_long_about()
        .or_else(|| cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut out = String::new();
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let mut p = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.ends_with(['.', ':', ')']) {
            p.push('.');
        }
        out.push_str(".PP\n");
        out.push_str(&markup::inline(&p));
        out.push('\n');
    }
    out
}

/// clap_mangen's OPTIONS section of a command.
fn options(cmd: &Command) -> anyhow::Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render_options_section(&mut buf)?;
    let text = String::from_utf8(buf)?;
    Ok(text.strip_prefix(PREAMBLE).unwrap_or(&text).to_string())
}

/// Renders every man page and reports what is wrong with the sources.
/// `root` is the CLI's command, `src_dir` holds the hand-written sources.
pub fn man_pages(root: &Command, src_dir: &Path) -> anyhow::Result<(Vec<Generated>, Vec<String>)> {
    let mut problems = Vec::new();
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    let entries =
        fs_err::read_dir(src_dir).with_context(|| format!("reading {}", src_dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", src_dir.display()))?
            .path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        if let Some(stem) = file.strip_suffix(".md") {
            let text = fs_err::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            sources.insert(stem.to_string(), text);
        }
    }
    let src_name = |stem: &str| src_dir.join(format!("{stem}.md")).display().to_string();

    let mut docs_root = root.clone().disable_help_subcommand(true);
    let pages = command_pages(&docs_root);
    docs_root.build();
    let mut out = Vec::new();
    let mut aliases = Vec::new();
    for page in &pages {
        let stem = format!("{}.1", page.name);
        // Without a source the page is still generated (so nothing else
        // complains), and the missing source is the one problem reported.
        let (text, has_source) = match sources.remove(&stem) {
            Some(text) => (text, true),
            None => {
                problems.push(format!(
                    "{} is missing: `rpod {}` needs the hand-written part of its man page",
                    src_name(&stem),
                    page.path.join(" ")
                ));
                (String::new(), false)
            }
        };
        if let Some(target) = text.trim().strip_prefix(".so ") {
            aliases.push((Some(page), target.trim().to_string(), stem));
            continue;
        }
        let src = split_source(&text);
        // The examples: each must parse, and two must run this command.
        let mut runs_this = 0;
        let mut has_examples = false;
        for (heading, blocks) in &src.sections {
            if heading != "EXAMPLES" {
                continue;
            }
            has_examples = true;
            for block in blocks {
                let markup::Block::Literal(lines) = block else {
                    continue;
                };
                for line in command_lines(lines) {
                    match examples::invocation(root, &line) {
                        Ok(Some(path))
                            if path.starts_with(&page.path)
                                && (path == page.path || !page.children.is_empty()) =>
                        {
                            runs_this += 1
                        }
                        Ok(_) => {}
                        Err(e) => problems.push(format!(
                            "{}: the example `{line}` does not parse: {e}",
                            src_name(&stem)
                        )),
                    }
                }
            }
        }
        if has_source && (!has_examples || runs_this < 2) {
            problems.push(format!(
                "{}: the EXAMPLES section needs at least two `$ rpod {} …` lines (it has {runs_this})",
                src_name(&stem),
                page.path.join(" ")
            ));
        }
        let mut cmd = page.cmd.clone();
        let summary = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        let mut roff = header(&page.name, "1", &summary);
        roff.push_str(&synopsis(&mut cmd));
        roff.push_str(".SH DESCRIPTION\n");
        roff.push_str(&clap_description(&cmd));
        roff.push_str(&markup::to_roff(&src.description));
        roff.push_str(&options(&cmd)?);
        if !page.path.is_empty() {
            roff.push_str(
                ".PP\nThe global options of \\fBrpod\\fR(1) (\\fB\\-\\-root\\fR, \\fB\\-\\-runroot\\fR, \
\\fB\\-\\-log\\-level\\fR, \\fB\\-\\-storage\\-driver\\fR, \\fB\\-\\-storage\\-opt\\fR) apply too.\n",
            );
        }
        if !page.children.is_empty() {
            roff.push_str(".SH COMMANDS\n");
            for (name, aliases, about, child_page) in &page.children {
                let names: Vec<String> = std::iter::once(name)
                    .chain(aliases)
                    .map(|n| format!("\\fB{}\\fR", markup::escape(n)))
                    .collect();
                roff.push_str(&format!(
                    ".TP\n{}\n{} (\\fB{}\\fR(1))\n",
                    names.join(", "),
                    markup::inline(about),
                    markup::escape(child_page)
                ));
            }
        }
        for (_, blocks) in &src.sections {
            roff.push_str(&markup::to_roff(blocks));
        }
        let mut refs: Vec<String> = page.parent.iter().map(|p| format!("{p}(1)")).collect();
        for r in &src.see_also {
            if !refs.contains(r) {
                refs.push(r.clone());
            }
        }
        if !refs.is_empty() {
            roff.push_str(&see_also(&refs));
        }
        out.push(Generated {
            path: PathBuf::from(format!("man1/{stem}")),
            text: roff,
        });
    }

    // Pages written whole (`% NAME SECTION`) and other `.so` pages.
    for (stem, text) in std::mem::take(&mut sources) {
        let first = text.lines().next().unwrap_or_default();
        if let Some(target) = text.trim().strip_prefix(".so ") {
            aliases.push((None, target.trim().to_string(), stem));
            continue;
        }
        let Some((name, section)) = first
            .strip_prefix("% ")
            .and_then(|t| t.trim().split_once(' '))
        else {
            problems.push(format!(
                "{}: no command `rpod {}` has this page: remove the file, or make it a page of its own with a first line `% NAME SECTION`",
                src_name(&stem),
                stem.trim_end_matches(".1").trim_start_matches("rpod-").replace('-', " ")
            ));
            continue;
        };
        let (name, section) = (name.trim(), section.trim());
        if stem != format!("{name}.{section}") {
            problems.push(format!(
                "{}: the first line names {name}({section}); rename the file to {name}.{section}.md",
                src_name(&stem)
            ));
            continue;
        }
        let body: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        let (summary, roff_body) = whole_page(&body);
        let mut roff = header(name, section, &summary);
        roff.push_str(&roff_body);
        out.push(Generated {
            path: PathBuf::from(format!("man{section}/{stem}")),
            text: roff,
        });
    }

    // Aliases: the target must be a page, and for a command page, one with the same options.
    for (page, target, stem) in aliases {
        let section = stem.rsplit('.').next().unwrap_or("1").to_string();
        let target_file = target.rsplit('/').next().unwrap_or(&target).to_string();
        let exists = out.iter().any(|g| g.path == Path::new(&target));
        let target_cmd = pages
            .iter()
            .find(|p| format!("{}.1", p.name) == target_file);
        if !exists {
            problems.push(format!(
                "{}: `.so {target}` names no generated page (write it as `.so man1/rpod-OTHER.1`)",
                src_name(&stem)
            ));
        } else if let (Some(t), Some(page)) = (target_cmd, page) {
            if options(&t.cmd)? != options(&page.cmd)? {
                problems.push(format!(
                    "{}: `rpod {}` has other options than `rpod {}`, so its page cannot be an alias of it",
                    src_name(&stem),
                    page.path.join(" "),
                    t.path.join(" ")
                ));
            }
        }
        out.push(Generated {
            path: PathBuf::from(format!("man{section}/{stem}")),
            text: format!(".so {target}\n"),
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((out, problems))
}

/// A page written whole: the summary of its NAME section, and the other
/// sections in their order as roff.
fn whole_page(text: &str) -> (String, String) {
    let mut summary = String::new();
    let mut roff = String::new();
    let mut section = String::new();
    for block in markup::parse(text) {
        if let markup::Block::Section(h) = &block {
            section = h.clone();
            if h != "NAME" && h != "SEE ALSO" {
                roff.push_str(&markup::to_roff(&[block]));
            }
            continue;
        }
        match (section.as_str(), block) {
            ("NAME", markup::Block::Para(p)) => {
                summary = p
                    .split_once(" - ")
                    .map_or(p.as_str(), |(_, s)| s)
                    .to_string();
            }
            ("SEE ALSO", markup::Block::Para(p)) => {
                let refs: Vec<String> = p
                    .split(',')
                    .map(|s| s.trim().trim_end_matches('.').to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                roff.push_str(&see_also(&refs));
            }
            (_, block) => roff.push_str(&markup::to_roff(&[block])),
        }
    }
    (summary, roff)
}

/// The `$ …` lines of a literal block, with `\` continuations joined.
fn command_lines(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continued = false;
    for l in lines {
        if continued {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(l.trim().trim_end_matches('\\'));
            }
        } else if let Some(cmd) = l.strip_prefix("$ ") {
            out.push(cmd.trim_end_matches('\\').to_string());
        }
        continued = (continued || l.starts_with("$ ")) && l.ends_with('\\');
    }
    out
}

fn shells() -> [(Shell, &'static str); 3] {
    [
        (Shell::Bash, "rpod.bash"),
        (Shell::Zsh, "_rpod"),
        (Shell::Fish, "rpod.fish"),
    ]
}

/// The completion script for one shell. As cobra's (podman's), the scripts
/// hold no command tree: they ask `rpod __complete` (commands::complete),
/// which knows the verbs, flags and the names in the store.
pub fn completion(_cmd: &mut Command, shell: &str) -> anyhow::Result<String> {
    let shell: Shell = shell.parse().map_err(|e| anyhow::anyhow!("{shell}: {e}"))?;
    Ok(match shell {
        Shell::Bash => include_str!("scripts/rpod.bash"),
        Shell::Zsh => include_str!("scripts/_rpod"),
        Shell::Fish => include_str!("scripts/rpod.fish"),
        other => anyhow::bail!("{other}: no completion script (bash, zsh or fish)"),
    }
    .to_string())
}

/// A completion script that asks rpod for candidates without their
/// descriptions (`completion --no-desc`): cobra's `__completeNoDesc`.
pub fn without_descriptions(script: &str) -> String {
    script
        .replace(" __complete \"", " __completeNoDesc \"")
        .replace(" __complete $", " __completeNoDesc $")
}

/// Every generated file (paths under `man_dir` and `completions_dir`), and
/// the problems of the sources.
fn all_files(
    cmd: &mut Command,
    man_dir: &Path,
    completions_dir: &Path,
) -> anyhow::Result<(Vec<Generated>, Vec<String>)> {
    let (mut files, problems) = man_pages(cmd, &man_dir.join("src"))?;
    for f in &mut files {
        f.path = man_dir.join(&f.path);
    }
    for (shell, file) in shells() {
        files.push(Generated {
            path: completions_dir.join(file),
            text: completion(cmd, &shell.to_string())?,
        });
    }
    Ok((files, problems))
}

/// Generated files under `man/manN/` that the CLI no longer produces.
fn leftovers(man_dir: &Path, files: &[Generated]) -> Vec<PathBuf> {
    let mut extra = Vec::new();
    for n in 1..=8 {
        let dir = man_dir.join(format!("man{n}"));
        let Ok(entries) = fs_err::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if !files.iter().any(|f| f.path == p) {
                extra.push(p);
            }
        }
    }
    extra.sort();
    extra
}

/// What is wrong with the docs in the repository.
#[derive(Debug, Default)]
pub struct Problems {
    /// Hand-written sources that are missing or wrong (examples that do not parse, …).
    pub sources: Vec<String>,
    /// Generated files that differ, are missing, or are no longer generated.
    pub stale: Vec<String>,
}

/// Writes the man pages and completions; returns the problems of the sources
/// (the pages are written anyway, so they can be looked at).
pub fn write(
    cmd: &mut Command,
    man_dir: &Path,
    completions_dir: &Path,
) -> anyhow::Result<Problems> {
    let (files, problems) = all_files(cmd, man_dir, completions_dir)?;
    for path in leftovers(man_dir, &files) {
        fs_err::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    }
    for Generated { path, text } in files {
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        if fs_err::read(&path).is_ok_and(|b| b == text.as_bytes()) {
            continue;
        }
        fs_err::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(Problems {
        sources: problems,
        stale: Vec::new(),
    })
}

/// What is wrong with the sources and the generated files in the repository.
pub fn check(
    cmd: &mut Command,
    man_dir: &Path,
    completions_dir: &Path,
) -> anyhow::Result<Problems> {
    let (files, sources) = all_files(cmd, man_dir, completions_dir)?;
    let mut problems = Vec::new();
    for Generated { path, text } in &files {
        match fs_err::read(path) {
            Ok(b) if b == text.as_bytes() => {}
            Ok(_) => problems.push(format!("{} is out of date", path.display())),
            Err(_) => problems.push(format!("{} is missing", path.display())),
        }
    }
    for path in leftovers(man_dir, &files) {
        problems.push(format!(
            "{} is no longer generated (regenerating removes it)",
            path.display()
        ));
    }
    Ok(Problems {
        sources,
        stale: problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction};

    /// A small CLI: `rpod build [--tag T] DIR`, `rpod net ls`, `rpod net list` (same options).
    fn cli() -> Command {
        let ls = Command::new("ls").about("List networks").arg(
            Arg::new("quiet")
                .short('q')
                .long("quiet")
                .action(ArgAction::SetTrue)
                .help("IDs only"),
        );
        Command::new("rpod")
            .about("A container manager")
            .subcommand(
                Command::new("build")
                    .about("Build an image")
                    .arg(
                        Arg::new("tag")
                            .short('t')
                            .long("tag")
                            .help("Name of the image"),
                    )
                    .arg(Arg::new("dir").required(true).help("The context directory")),
            )
            .subcommand(
                Command::new("net")
                    .about("Manage networks")
                    .subcommand(ls.clone())
                    .subcommand(ls.name("list"))
                    .subcommand(
                        Command::new("rm").about("Remove networks").arg(
                            Arg::new("force")
                                .short('f')
                                .action(ArgAction::SetTrue)
                                .help("Force"),
                        ),
                    ),
            )
    }

    fn write(dir: &Path, name: &str, text: &str) {
        fs_err::write(dir.join(name), text).unwrap();
    }

    const TWO: &str = "# EXAMPLES\nOne:\n\n$ rpod net ls\n\nTwo:\n\n$ rpod net ls -q\n";

    #[test]
    fn a_new_command_is_told_what_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let (_, problems) = man_pages(&cli(), dir.path()).unwrap();
        assert!(
            problems[0].ends_with(
                "rpod.1.md is missing: `rpod ` needs the hand-written part of its man page"
            ),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("rpod-build.1.md is missing: `rpod build`")),
            "{problems:?}"
        );
        assert_eq!(problems.len(), 6, "{problems:?}");
    }

    #[test]
    fn examples_are_parsed_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(
            d,
            "rpod.1.md",
            "# EXAMPLES\n$ rpod build .\n$ rpod net ls\n",
        );
        write(
            d,
            "rpod-build.1.md",
            "# DESCRIPTION\nMore.\n\n# EXAMPLES\nBuild:\n\n$ rpod build --tag x .\n$ rpod build --no-such .\n$ rpod net ls\n\n# SEE ALSO\nrpod-net(1)\n",
        );
        write(d, "rpod-net.1.md", TWO);
        write(d, "rpod-net-ls.1.md", TWO);
        write(d, "rpod-net-list.1.md", ".so man1/rpod-net-ls.1\n");
        write(d, "rpod-net-rm.1.md", ".so man1/rpod-net-ls.1\n");
        write(d, "rpod-gone.1.md", TWO);
        let (pages, problems) = man_pages(&cli(), d).unwrap();
        let problems = problems.join("\n");
        assert!(problems.contains("rpod-build.1.md: the example `rpod build --no-such .` does not parse: error: unexpected argument '--no-such'"), "{problems}");
        assert!(problems.contains("rpod-build.1.md: the EXAMPLES section needs at least two `$ rpod build …` lines (it has 1)"), "{problems}");
        assert!(
            problems
                .contains("rpod-net-rm.1.md: `rpod net rm` has other options than `rpod net ls`"),
            "{problems}"
        );
        assert!(
            problems.contains("rpod-gone.1.md: no command `rpod gone` has this page"),
            "{problems}"
        );
        assert_eq!(problems.lines().count(), 4, "{problems}");

        let page = |p: &str| &pages.iter().find(|g| g.path == Path::new(p)).unwrap().text;
        assert_eq!(page("man1/rpod-net-list.1"), ".so man1/rpod-net-ls.1\n");
        let build = page("man1/rpod-build.1");
        for part in [
            ".TH rpod\\-build 1 \"\" \"rpod ",
            ".SH NAME\nrpod\\-build \\- Build an image\n",
            ".SH SYNOPSIS\n\\fBrpod build\\fR [\\fIoptions\\fR] \\fIdir\\fR\n.SH DESCRIPTION",
            ".SH DESCRIPTION\n.PP\nBuild an image.\n.PP\nMore.\n.SH OPTIONS\n",
            "\\fB\\-t\\fR, \\fB\\-\\-tag\\fR",
            ".SH EXAMPLES\n.PP\nBuild:\n.PP\n.RS 4\n.nf\n$ rpod build \\-\\-tag x .\n",
            ".SH \"SEE ALSO\"\n\\fBrpod\\fR(1), \\fBrpod\\-net\\fR(1)\n",
        ] {
            assert!(build.contains(part), "{part:?} not in\n{build}");
        }
        let net = page("man1/rpod-net.1");
        assert!(
            net.contains(
                ".SH COMMANDS\n.TP\n\\fBls\\fR\nList networks (\\fBrpod\\-net\\-ls\\fR(1))\n"
            ),
            "{net}"
        );
    }

    #[test]
    fn a_page_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "rpod-x.5.md",
            "% rpod-x 5\n\n# NAME\nrpod-x - a file\n\n# SYNOPSIS\n*name*.x\n\n# SEE ALSO\nrpod(1)\n",
        );
        let (pages, _) = man_pages(&Command::new("rpod"), dir.path()).unwrap();
        let page = &pages
            .iter()
            .find(|g| g.path == Path::new("man5/rpod-x.5"))
            .unwrap()
            .text;
        assert!(page.contains(".TH rpod\\-x 5 \"\""), "{page}");
        assert!(
            page.ends_with(".SH NAME\nrpod\\-x \\- a file\n.SH SYNOPSIS\n.PP\n\\fIname\\fR.x\n.SH \"SEE ALSO\"\n\\fBrpod\\fR(1)\n"),
            "{page}"
        );
    }

    /// `rpod CMD --help` and the man pages say what each option and argument is for.
    #[test]
    fn every_flag_and_command_has_a_one_line_description() {
        use clap::CommandFactory;
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if help.trim().is_empty() || help.contains('\n') {
                    missing.push(format!("{path} {}: {help:?}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
                let sub_path = format!("{path} {}", sub.get_name());
                if about.trim().is_empty() || about.contains('\n') {
                    missing.push(format!("{sub_path}: {about:?}"));
                }
                walk(sub, &sub_path, missing);
            }
        }
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "rpod", &mut missing);
        assert!(
            missing.is_empty(),
            "give these a one-line help text: {missing:#?}"
        );
    }
}
