//! `--help` and `rpod help CMD` in podman's layout (cobra's templates as
//! podman sets them): the summary, `Description:`, `Usage:` with
//! `[options]` and upper-case arguments, `Aliases:`, `Examples:` (from the
//! man page sources), `Available Commands:`, and `Options:` aligned as
//! pflag prints them, with `(default …)`. Global options appear only in
//! `rpod --help`, as in podman.

use clap::builder::ValueRange;
use clap::{Arg, ArgAction, Command};

include!(concat!(env!("OUT_DIR"), "/help_examples.rs"));

/// The help text of the command at `path` (`["container", "ls"]`) under `root`
/// named `name` (the program name the user typed).
pub fn render(root: &Command, name: &str, path: &[String]) -> String {
    let mut cmd = root.clone();
    let mut words = vec![name.to_string()];
    for p in path {
        let Some(sub) = cmd.find_subcommand(p).cloned() else {
            break;
        };
        words.push(sub.get_name().to_string());
        cmd = sub;
    }
    let is_root = words.len() == 1;
    let command_path = words.join(" ");
    let mut out = String::new();
    let short = cmd.get_about().map(ToString::to_string).unwrap_or_default();
    let long = cmd
        .get_long_about()
        .map(ToString::to_string)
        .unwrap_or_else(|| short.clone());
    out.push_str(&short);
    out.push_str("\n\n");
    if !is_root {
        out.push_str("Description:\n");
        out.push_str(&indent_block(&long));
        out.push_str("\n\n");
    }
    let subs: Vec<&Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    let options = visible_options(&cmd, is_root);
    out.push_str("Usage:\n");
    if subs.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            use_line(&cmd, &command_path, !options.is_empty())
        ));
    } else if is_root {
        out.push_str(&format!("  {command_path} [options] [command]\n"));
    } else {
        out.push_str(&format!("  {command_path} [command]\n"));
    }
    let aliases: Vec<&str> = cmd.get_visible_aliases().collect();
    if !aliases.is_empty() {
        out.push_str(&format!(
            "\nAliases:\n  {}\n",
            std::iter::once(cmd.get_name())
                .chain(aliases)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    // podman's root command has no examples.
    let examples = if is_root {
        Vec::new()
    } else {
        examples_of(&words[1..])
    };
    if !examples.is_empty() {
        out.push_str("\nExamples:\n");
        for e in examples {
            // The examples say `rpod`; show the name the user typed.
            let e = e
                .strip_prefix("rpod")
                .map_or_else(|| e.to_string(), |r| format!("{name}{r}"));
            out.push_str(&format!("  {e}\n"));
        }
    }
    if !subs.is_empty() {
        out.push_str("\nAvailable Commands:\n");
        let mut list: Vec<(String, String)> = subs
            .iter()
            .map(|s| {
                (
                    s.get_name().to_string(),
                    s.get_about().map(ToString::to_string).unwrap_or_default(),
                )
            })
            .collect();
        list.push(("help".into(), "Help about any command".into()));
        list.sort();
        let pad = list.iter().map(|(n, _)| n.len()).max().unwrap_or(0).max(11);
        for (n, about) in list {
            out.push_str(&format!("  {n:<pad$} {about}\n"));
        }
    }
    if !options.is_empty() {
        out.push_str("\nOptions:\n");
        out.push_str(&flag_usages(&options, name));
    }
    if !is_root {
        out.push('\n');
    }
    out
}

/// Lines after the first are indented like the first (cobra prints `Long` after two spaces).
fn indent_block(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn visible_options(cmd: &Command, is_root: bool) -> Vec<&Arg> {
    let mut opts: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set())
        // Global options belong to `rpod --help` only.
        .filter(|a| is_root || !a.is_global_set())
        .filter(|a| is_root || a.get_id() != "help")
        .collect();
    opts.sort_by_key(|a| a.get_long().unwrap_or_default().to_string());
    opts
}

/// `rpod volume ls [options]`, `rpod rm [options] CONTAINER [CONTAINER...]`.
/// podman's usage lines (`src/usage.txt`): `path<TAB>arguments`.
const PODMAN_USAGE: &str = include_str!("usage.txt");

/// podman's arguments of the command at `path` (`container rm`), if it has the command.
fn podman_usage(path: &str) -> Option<&'static str> {
    PODMAN_USAGE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            l.split_once('\t')
                .filter(|(p, _)| *p == path)
                .map(|(_, u)| u)
        })
}

fn use_line(cmd: &Command, path: &str, has_options: bool) -> String {
    if let Some(u) = cmd.get_overridden_usage() {
        return format!("{path} {u}");
    }
    // The words after the binary's name.
    if let Some(u) = path.split_once(' ').and_then(|(_, p)| podman_usage(p)) {
        return format!("{path} {u}");
    }
    let mut line = path.to_string();
    if has_options {
        line.push_str(" [options]");
    }
    let mut positionals: Vec<&Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(0));
    for a in positionals {
        let name = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(
                || a.get_id().to_string().to_uppercase(),
                ToString::to_string,
            )
            .to_uppercase();
        let many = a
            .get_num_args()
            .is_some_and(|r: ValueRange| r.max_values() > 1)
            || matches!(a.get_action(), ArgAction::Append);
        let required = a.is_required_set();
        let word = match (required, many) {
            (true, true) => format!("{name} [{name}...]"),
            (true, false) => name,
            (false, true) => format!("[{name}...]"),
            (false, false) => format!("[{name}]"),
        };
        line.push(' ');
        line.push_str(&word);
    }
    line
}

/// pflag's name for a flag's value: `string`, `int`, `uint`, `stringArray`, `strings`.
fn value_type(a: &Arg) -> Option<&'static str> {
    if !a.get_action().takes_values() {
        return None;
    }
    let t = a.get_value_parser().type_id();
    let of = |p: clap::builder::ValueParser| p.type_id() == t;
    use clap::value_parser as vp;
    let scalar = if of(vp!(u64).into())
        || of(vp!(u32).into())
        || of(vp!(u16).into())
        || of(vp!(u8).into())
        || of(vp!(usize).into())
    {
        "uint"
    } else if of(vp!(i64).into()) || of(vp!(i32).into()) || of(vp!(isize).into()) {
        "int"
    } else {
        "string"
    };
    Some(match (a.get_action(), scalar) {
        (ArgAction::Append, "string") if a.get_value_delimiter().is_some() => "strings",
        (ArgAction::Append, "string") => "stringArray",
        (ArgAction::Append, "int") => "ints",
        (ArgAction::Append, _) => "uints",
        (_, s) => s,
    })
}

/// pflag's `UnquoteUsage`: the first `name` in backquotes of a flag's
/// description is its value's name in the flag column, and is printed
/// without the quotes.
pub fn unquote_usage(usage: &str) -> (Option<String>, String) {
    if let Some(i) = usage.find('`') {
        if let Some(len) = usage[i + 1..].find('`') {
            let name = &usage[i + 1..i + 1 + len];
            let text = format!("{}{name}{}", &usage[..i], &usage[i + 2 + len..]);
            return (Some(name.to_string()), text);
        }
    }
    (None, usage.to_string())
}

/// The options as pflag's `FlagUsages` prints them.
fn flag_usages(args: &[&Arg], name: &str) -> String {
    let mut lines = Vec::new();
    for a in args {
        let long = a.get_long().unwrap_or_default();
        let mut line = match a.get_short() {
            Some(s) => format!("  -{s}, --{long}"),
            None => format!("      --{long}"),
        };
        let (varname, mut usage) = unquote_usage(&match a.get_id().as_str() {
            "help" => format!("Help for {name}"),
            "version" => format!("version for {name}"),
            _ => a.get_help().map(ToString::to_string).unwrap_or_default(),
        });
        if let Some(t) = varname.as_deref().or(value_type(a)) {
            line.push(' ');
            line.push_str(t);
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if let Some(d) = defaults.first() {
            if a.get_action().takes_values()
                && !d.is_empty()
                && value_type(a) != Some("stringArray")
            {
                if value_type(a) == Some("string") {
                    usage.push_str(&format!(" (default {d:?})"));
                } else {
                    usage.push_str(&format!(" (default {d})"));
                }
            }
        }
        lines.push((line, usage));
    }
    let maxlen = lines.iter().map(|(l, _)| l.len() + 1).max().unwrap_or(0);
    let mut out = String::new();
    for (line, usage) in lines {
        let spacing = " ".repeat(maxlen - line.len());
        let cont = format!("\n{}", " ".repeat(maxlen + 2));
        let usage = usage.replace('\n', &cont);
        let text = format!("{line} {spacing} {usage}");
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// The example command lines of the command's man page (`$ rpod …` lines of `# EXAMPLES`).
fn examples_of(path: &[String]) -> Vec<&'static str> {
    let mut page = String::from("rpod");
    for p in path {
        page.push('-');
        page.push_str(p);
    }
    for _ in 0..4 {
        match HELP_EXAMPLES.iter().find(|(p, _)| *p == page) {
            Some((_, HelpExamples::Lines(lines))) => return lines.to_vec(),
            Some((_, HelpExamples::Alias(target))) => page = (*target).to_string(),
            None => return Vec::new(),
        }
    }
    Vec::new()
}

/// The help of the `help` command under `path` (`rpod buildx help --help`):
/// cobra's built-in help command's text, as podman prints it.
pub fn help_command(path: &str) -> String {
    format!(
        "Help about any command\n\nDescription:\n  Help provides help for any command in the application.\n  Simply type {path} help [path to command] for full details.\n\nUsage:\n  {path} help [command]\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd() -> Command {
        Command::new("rpod")
            .about("A container manager")
            .arg(
                Arg::new("root")
                    .long("root")
                    .global(true)
                    .help("Path to the graph root"),
            )
            .subcommand(
                Command::new("zps")
                    .about("List containers")
                    .long_about("Prints out information about the containers")
                    .visible_alias("ls")
                    .arg(
                        Arg::new("all")
                            .short('a')
                            .long("all")
                            .action(ArgAction::SetTrue)
                            .help("Show all the containers"),
                    )
                    .arg(
                        Arg::new("filter")
                            .short('f')
                            .long("filter")
                            .action(ArgAction::Append)
                            .help("Filter output based on conditions given"),
                    )
                    .arg(
                        Arg::new("last")
                            .short('n')
                            .long("last")
                            .value_parser(clap::value_parser!(i64))
                            .default_value("-1")
                            .help("Print the n last created containers"),
                    )
                    .arg(
                        Arg::new("format")
                            .long("format")
                            .help("Pretty-print containers\nin JSON"),
                    ),
            )
            .subcommand(
                Command::new("zrm").about("Remove containers").arg(
                    Arg::new("names")
                        .value_name("CONTAINER")
                        .action(ArgAction::Append)
                        .required(true),
                ),
            )
    }

    #[test]
    fn leaf_help_as_podman_prints_it() {
        let mut c = cmd();
        c.build();
        let text = render(&c, "rpod", &["zps".to_string()]);
        assert_eq!(
            text,
            "List containers\n\nDescription:\n  Prints out information about the containers\n\n\
             Usage:\n  rpod zps [options]\n\nAliases:\n  zps, ls\n\n\
             Options:\n  -a, --all                  Show all the containers\n\
             \x20 -f, --filter stringArray   Filter output based on conditions given\n\
             \x20     --format string        Pretty-print containers\n\
             \x20                            in JSON\n\
             \x20 -n, --last int             Print the n last created containers (default -1)\n\n"
        );
        let rm = render(&c, "rpod", &["zrm".to_string()]);
        assert!(
            rm.contains("Usage:\n  rpod zrm CONTAINER [CONTAINER...]\n"),
            "{rm}"
        );
        assert!(!rm.contains("Options:"), "{rm}");
    }

    #[test]
    fn root_help_lists_commands_and_global_options() {
        let mut c = cmd();
        c.build();
        let text = render(&c, "podman", &[]);
        assert!(text.starts_with("A container manager\n\nUsage:\n  podman [options] [command]\n\nAvailable Commands:\n  help        Help about any command\n  zps         List containers\n  zrm         Remove containers\n"), "{text}");
        assert!(
            text.contains("      --root string   Path to the graph root\n"),
            "{text}"
        );
        assert!(
            text.contains("  -h, --help          Help for podman\n"),
            "{text}"
        );
    }
}
