//! podman's dynamic shell completion: cobra's hidden `__complete` and
//! `__completeNoDesc` commands. The arguments are the command line typed so
//! far, the last one the word being completed (`rpod __complete run --pull
//! ''`). Printed: one candidate a line (`__complete` adds a TAB and a
//! description), then `:N` with cobra's ShellCompDirective bits, and on
//! stderr `Completion ended with directive: ...`. The shell scripts of
//! `rpod completion` call it.
//!
//! The command line is walked over rpod's clap tree as cobra walks podman's
//! (flags may stand before the verb; a flag's value is completed after the
//! flag or its `=`); the object names come from libpod's lists.

use std::collections::HashSet;

use clap::{Arg, ArgAction, Command};
use libpod::complete::{self as cands, Names};

use super::Globals;
use crate::output::template::{schema, TValue};

/// The names of the hidden completion commands: with and without descriptions.
pub const COMMANDS: [&str; 2] = ["__complete", "__completeNoDesc"];

/// The shell should ignore the completions.
const ERROR: u8 = 1;
/// No space after the completion.
const NO_SPACE: u8 = 2;
/// No file completion even when there is no candidate.
const NO_FILE: u8 = 4;
/// Only directories (file completion).
const FILTER_DIRS: u8 = 16;
/// The shell's default: file completion when there is no candidate.
const DEFAULT: u8 = 0;

/// cobra's names of the directive bits, for the stderr line.
fn directive_text(d: u8) -> String {
    let names = [
        (ERROR, "ShellCompDirectiveError"),
        (NO_SPACE, "ShellCompDirectiveNoSpace"),
        (NO_FILE, "ShellCompDirectiveNoFileComp"),
        (8, "ShellCompDirectiveFilterFileExt"),
        (FILTER_DIRS, "ShellCompDirectiveFilterDirs"),
        (32, "ShellCompDirectiveKeepOrder"),
    ];
    let set: Vec<&str> = names
        .iter()
        .filter(|(bit, _)| d & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    if set.is_empty() {
        "ShellCompDirectiveDefault".into()
    } else {
        set.join(", ")
    }
}

/// Runs `rpod __complete WORDS...` (`descriptions` false: `__completeNoDesc`).
pub fn run(words: &[String], descriptions: bool) -> u8 {
    if words.is_empty() {
        // cobra's check of the command's arguments (MinimumNArgs(1)).
        crate::output::eprintln("Error: requires at least 1 arg(s), only received 0");
        return libpod::error::EXIT_RPOD;
    }
    let mut root = <crate::cli::Cli as clap::CommandFactory>::command();
    // Built: global flags propagated to every verb, value counts resolved.
    root.build();
    let mut ctx = Ctx::new(words);
    let (candidates, directive) = complete(&root, words, &mut ctx);
    // cobra's CompErrorln: on stderr, before the candidates.
    for e in &ctx.errors {
        crate::output::eprintln(&format!("[Debug] [Error] {e}"));
    }
    let mut out = String::new();
    for c in candidates {
        let c = if descriptions {
            c
        } else {
            c.split('\t').next().unwrap_or_default().to_string()
        };
        let c = c.lines().next().unwrap_or_default().trim();
        out.push_str(c);
        out.push('\n');
    }
    out.push_str(&format!(":{directive}\n"));
    crate::output::print_raw(&out);
    crate::output::eprintln(&format!(
        "Completion ended with directive: {}",
        directive_text(directive)
    ));
    0
}

/// What a completion needs beyond the command tree: the global flags typed
/// (for the store) and the engine, opened once when a name is needed.
struct Ctx {
    globals: Globals,
    engine: Option<Option<libpod::Engine>>,
    errors: Vec<String>,
}

impl Ctx {
    fn new(words: &[String]) -> Ctx {
        let value = |name: &str| -> Vec<String> {
            let mut out = Vec::new();
            let flag = format!("--{name}");
            let mut it = words.iter();
            while let Some(w) = it.next() {
                if *w == flag {
                    out.extend(it.next().cloned());
                } else if let Some(v) = w.strip_prefix(&format!("{flag}=")) {
                    out.push(v.to_string());
                }
            }
            out
        };
        let last = |name: &str| value(name).pop();
        let path = |name: &str| last(name).map(std::path::PathBuf::from);
        let paths = libpod::config::Paths::from_env();
        let modules = value("module")
            .iter()
            .filter_map(|m| paths.resolve_module(m).ok())
            .collect();
        Ctx {
            globals: Globals {
                root: path("root"),
                runroot: path("runroot"),
                storage_driver: last("storage-driver"),
                storage_opt: value("storage-opt"),
                events_backend: last("events-backend"),
                db_backend: last("db-backend"),
                volumepath: path("volumepath"),
                runtime: None,
                runtime_flag: Vec::new(),
                default_mounts_file: path("default-mounts-file"),
                hooks_dir: value("hooks-dir").into_iter().map(Into::into).collect(),
                modules,
            },
            engine: None,
            errors: Vec::new(),
        }
    }

    fn engine(&mut self) -> Option<&libpod::Engine> {
        if self.engine.is_none() {
            let opened = match self.globals.engine(false) {
                Ok(e) => Some(e),
                Err(e) => {
                    self.errors.push(format!("{e:#}"));
                    None
                }
            };
            self.engine = Some(opened);
        }
        self.engine.as_ref().and_then(Option::as_ref)
    }

    /// The names of `what` starting with `typed`, from libpod's lists; an
    /// error is reported on stderr (cobra's CompErrorln).
    fn lookup(&mut self, what: Lookup, typed: &str) -> Vec<String> {
        let Some(e) = self.engine() else {
            return Vec::new();
        };
        let found = match what {
            Lookup::Containers(statuses, names) => cands::containers(e, typed, statuses, names),
            Lookup::Pods(statuses) => cands::pods(e, typed, statuses, Names::Default),
            Lookup::Images => cands::images(e, typed),
            Lookup::Volumes => cands::volumes(e, typed),
            Lookup::Networks => cands::networks(e, typed, Names::Default),
            Lookup::Secrets => cands::secrets(e, typed, Names::Default),
        };
        match found {
            Ok(v) => v,
            Err(err) => {
                self.errors.push(err.to_string());
                Vec::new()
            }
        }
    }

    fn containers(&mut self, typed: &str, statuses: &'static [&'static str]) -> Vec<String> {
        self.lookup(Lookup::Containers(statuses, Names::Default), typed)
    }

    fn pods(&mut self, typed: &str, statuses: &'static [&'static str]) -> Vec<String> {
        self.lookup(Lookup::Pods(statuses), typed)
    }

    fn images(&mut self, typed: &str) -> Vec<String> {
        self.lookup(Lookup::Images, typed)
    }

    fn volumes(&mut self, typed: &str) -> Vec<String> {
        self.lookup(Lookup::Volumes, typed)
    }

    fn networks(&mut self, typed: &str) -> Vec<String> {
        self.lookup(Lookup::Networks, typed)
    }

    fn secrets(&mut self, typed: &str) -> Vec<String> {
        self.lookup(Lookup::Secrets, typed)
    }
}

/// Which names a completion looks up in the store.
#[derive(Clone, Copy)]
enum Lookup {
    /// Containers in any of these statuses (all when empty).
    Containers(&'static [&'static str], Names),
    /// Pods in any of these statuses (all when empty).
    Pods(&'static [&'static str]),
    /// Images.
    Images,
    /// Volumes.
    Volumes,
    /// Networks.
    Networks,
    /// Secrets.
    Secrets,
}

/// A flag as cobra sees it: its clap argument, or the help flag cobra adds.
struct Flag<'a> {
    long: Option<String>,
    short: Option<char>,
    help: String,
    takes_value: bool,
    repeatable: bool,
    arg: Option<&'a Arg>,
}

impl<'a> Flag<'a> {
    fn of(a: &'a Arg) -> Flag<'a> {
        let optional_value = a.get_num_args().is_some_and(|r| r.min_values() == 0);
        Flag {
            long: a.get_long().map(str::to_string),
            short: a.get_short(),
            help: a
                .get_help()
                .map(|h| h.to_string())
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
            takes_value: a.get_action().takes_values() && !optional_value,
            repeatable: matches!(a.get_action(), ArgAction::Append | ArgAction::Count),
            arg: Some(a),
        }
    }

    fn id(&self) -> String {
        self.long
            .clone()
            .unwrap_or_else(|| self.short.map(String::from).unwrap_or_default())
    }
}

/// The flags of `cmd`: the inherited global ones and its own, each set
/// sorted by name as pflag lists them.
fn flags_of<'a>(cmd: &'a Command, is_root: bool) -> (Vec<Flag<'a>>, Vec<Flag<'a>>) {
    let named = |a: &&Arg| {
        !a.is_positional()
            && (a.get_long().is_some() || a.get_short().is_some())
            && !matches!(
                a.get_action(),
                ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong
            )
    };
    let mut inherited: Vec<Flag> = cmd
        .get_arguments()
        .filter(named)
        .filter(|a| !is_root && a.is_global_set())
        .map(Flag::of)
        .collect();
    let mut local: Vec<Flag> = cmd
        .get_arguments()
        .filter(named)
        .filter(|a| is_root || !a.is_global_set())
        .map(Flag::of)
        .collect();
    let short_h_taken = local.iter().any(|f| f.short == Some('h'));
    local.push(Flag {
        long: Some("help".into()),
        short: (!short_h_taken).then_some('h'),
        help: format!("help for {}", cmd.get_name()),
        takes_value: false,
        repeatable: false,
        arg: None,
    });
    inherited.sort_by_key(Flag::id);
    local.sort_by_key(Flag::id);
    (inherited, local)
}

/// The completions and directive for `words` (the last one being typed).
fn complete(root: &Command, words: &[String], ctx: &mut Ctx) -> (Vec<String>, u8) {
    let (typed, before) = match words.split_last() {
        Some((t, b)) => (t.clone(), b),
        None => (String::new(), &[][..]),
    };
    // cobra's Traverse: flags before a verb belong to the command they follow.
    let mut path: Vec<&Command> = vec![root];
    let mut rest: &[String] = before;
    'walk: loop {
        let cmd = *path.last().expect("root");
        let (inherited, local) = flags_of(cmd, path.len() == 1);
        let all: Vec<&Flag> = inherited.iter().chain(local.iter()).collect();
        let mut in_flag = false;
        for (i, w) in rest.iter().enumerate() {
            if in_flag {
                in_flag = false;
                continue;
            }
            if w.starts_with('-') && !w.contains('=') && w != "--" {
                let known = if let Some(long) = w.strip_prefix("--") {
                    all.iter().find(|f| f.long.as_deref() == Some(long))
                } else {
                    all.iter().find(|f| f.short == w.chars().last())
                };
                in_flag =
                    known.is_none_or(|f| f.takes_value) && (w.starts_with("--") || w.len() == 2);
                continue;
            }
            if w.starts_with('-') {
                continue;
            }
            match cmd.find_subcommand(w) {
                Some(sub) if !sub.is_hide_set() => {
                    path.push(sub);
                    rest = &rest[i + 1..];
                    continue 'walk;
                }
                _ => break 'walk,
            }
        }
        break;
    }
    let cmd = *path.last().expect("root");
    let names: Vec<&str> = path.iter().skip(1).map(|c| c.get_name()).collect();
    let (inherited, local) = flags_of(cmd, path.len() == 1);
    let all: Vec<&Flag> = inherited.iter().chain(local.iter()).collect();

    // Is the word a flag's value (`--pull=`, or after `--pull`)? Only
    // while flags are parsed (not after `--`, nor after `run IMAGE`).
    let mut value_of: Option<&Flag> = None;
    let mut typed = typed;
    let mut args_words: &[String] = rest;
    let unsupported = |ctx: &mut Ctx, flag: &str| {
        ctx.errors.push(format!(
            "Subcommand '{}' does not support flag '{}'",
            cmd.get_name(),
            flag.trim_start_matches('-')
        ));
        (Vec::new(), DEFAULT)
    };
    if typed.starts_with('-') && !parse_args(cmd, &all, rest).flags_done {
        if let Some(eq) = typed.find('=') {
            let name = &typed[..eq];
            let flag = if name.starts_with("--") {
                find_flag_in(&all, name)
            } else {
                find_flag_in(&all, &format!("-{}", &typed[eq - 1..eq]))
            };
            match flag {
                Some(f) => {
                    value_of = Some(f);
                    typed = typed[eq + 1..].to_string();
                }
                None => return unsupported(ctx, name),
            }
        }
    } else if let Some((prev, before_prev)) = rest.split_last() {
        let is_flag =
            prev.starts_with('-') && prev != "--" && !prev.contains('=') && prev.len() > 1;
        if is_flag && !parse_args(cmd, &all, before_prev).flags_done {
            match find_flag_in(&all, prev) {
                Some(f) if f.takes_value => {
                    value_of = Some(f);
                    args_words = before_prev;
                }
                Some(_) => {}
                None => return unsupported(ctx, prev),
            }
        }
    }

    // The command's own arguments and the flags given.
    let Parsed {
        args,
        given,
        flags_done,
    } = parse_args(cmd, &all, args_words);
    let flag_completion = !flags_done;

    if let Some(f) = value_of {
        return flag_value(ctx, &names, f, &args, &typed);
    }

    if flag_completion && typed.starts_with('-') && !typed.contains('=') {
        let mut out = Vec::new();
        for f in inherited.iter().chain(local.iter()) {
            if f.arg.is_some_and(Arg::is_hide_set) {
                continue;
            }
            if given.contains(&f.id()) && !f.repeatable {
                continue;
            }
            if let Some(long) = &f.long {
                let name = format!("--{long}");
                if name.starts_with(&typed) {
                    out.push(format!("{name}\t{}", f.help));
                }
            }
            if let Some(s) = f.short {
                let name = format!("-{s}");
                if name.starts_with(&typed) {
                    out.push(format!("{name}\t{}", f.help));
                }
            }
        }
        let directive =
            if out.len() == 1 && out[0].split('\t').next().is_some_and(|n| n.ends_with('=')) {
                NO_SPACE
            } else {
                NO_FILE
            };
        return (out, directive);
    }

    // Verbs of a noun.
    if cmd.has_subcommands() {
        let mut out = Vec::new();
        let mut directive = DEFAULT;
        if args.is_empty() {
            let mut subs: Vec<(&str, String)> = cmd
                .get_subcommands()
                // clap's own `help` verbs: cobra has one, on the root (below).
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                .map(|s| {
                    (
                        s.get_name(),
                        s.get_about().map(|a| a.to_string()).unwrap_or_default(),
                    )
                })
                .collect();
            if path.len() == 1 {
                subs.push(("help", "Help about any command".into()));
            }
            subs.sort();
            for (n, about) in subs {
                if n.starts_with(&typed) {
                    out.push(format!("{n}\t{about}"));
                }
                directive = NO_FILE;
            }
        }
        return (out, directive);
    }
    arguments(ctx, &names, cmd, &args, &given, &typed)
}

/// A command line's words parsed as the command's flags and arguments.
struct Parsed {
    /// The positional arguments.
    args: Vec<String>,
    /// The flags given (long name, or short when it has none).
    given: HashSet<String>,
    /// Whether flags are no longer parsed (after `--`, or after the first
    /// argument of a command that takes the rest as its command line).
    flags_done: bool,
}

/// Parses `words` as pflag does for `cmd`.
fn parse_args(cmd: &Command, all: &[&Flag], words: &[String]) -> Parsed {
    let interspersed = !cmd.is_trailing_var_arg_set();
    let mut p = Parsed {
        args: Vec::new(),
        given: HashSet::new(),
        flags_done: false,
    };
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        if p.flags_done || !w.starts_with('-') || w == "-" {
            p.args.push(w.clone());
            if !interspersed {
                p.flags_done = true;
            }
            continue;
        }
        if w == "--" {
            p.flags_done = true;
            continue;
        }
        let name = w.split('=').next().unwrap_or_default();
        if let Some(f) = find_flag_in(all, name) {
            p.given.insert(f.id());
            if f.takes_value && !w.contains('=') && (name.starts_with("--") || name.len() == 2) {
                i += 1;
            }
        }
    }
    p
}

fn find_flag_in<'a, 'b>(all: &[&'b Flag<'a>], word: &str) -> Option<&'b Flag<'a>> {
    if let Some(long) = word.strip_prefix("--") {
        all.iter()
            .copied()
            .find(|f| f.long.as_deref() == Some(long))
    } else {
        let c = word.strip_prefix('-')?.chars().last()?;
        all.iter().copied().find(|f| f.short == Some(c))
    }
}

fn fixed(list: &[&str]) -> (Vec<String>, u8) {
    (list.iter().map(|s| (*s).to_string()).collect(), NO_FILE)
}

/// How the value after a key is completed (None: any text).
type ValueFn<'a> = Option<&'a dyn Fn(&str) -> (Vec<String>, u8)>;

/// podman's `keyValueCompletion`: keys offered; a key typed in full completes its value.
fn key_values(typed: &str, keys: &[(&str, ValueFn)]) -> (Vec<String>, u8) {
    let mut out = Vec::new();
    let mut directive = NO_FILE;
    for (key, values) in keys {
        if let Some(rest) = typed.strip_prefix(key) {
            return match values {
                Some(f) => {
                    let (v, d) = f(rest);
                    (v.into_iter().map(|v| format!("{key}{v}")).collect(), d)
                }
                None => (Vec::new(), NO_FILE),
            };
        }
        if key.starts_with(typed) {
            out.push((*key).to_string());
            if key.ends_with('=') || key.ends_with(':') {
                directive = NO_SPACE | NO_FILE;
            }
        }
    }
    (out, directive)
}

/// The value of flag `f` of the command at `names`.
fn flag_value(
    ctx: &mut Ctx,
    names: &[&str],
    f: &Flag,
    args: &[String],
    typed: &str,
) -> (Vec<String>, u8) {
    let long = f.long.clone().unwrap_or_default();
    let leaf = names.last().copied().unwrap_or_default();
    match long.as_str() {
        "format" if f.help.to_lowercase().contains("json") || f.help.contains("template") => {
            return format_value(ctx, names, args, typed)
        }
        "module" => {
            let paths = libpod::config::Paths::from_env();
            return (cands::modules(&paths, typed), DEFAULT);
        }
        "log-level" => {
            return fixed(&[
                "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
            ])
        }
        "log-driver" => {
            return fixed(&[
                "journald",
                "none",
                "k8s-file",
                "passthrough",
                "passthrough-tty",
            ])
        }
        "pull" if matches!(leaf, "run" | "create" | "build") => {
            return fixed(&["always", "missing", "never", "newer"])
        }
        "restart" => return fixed(&["always", "no", "on-failure", "unless-stopped"]),
        "stop-signal" => return (cands::signals(typed), NO_FILE),
        "signal" if leaf == "kill" => return (cands::signals(typed), NO_FILE),
        "pod"
            if matches!(leaf, "run" | "create" | "ps")
                || long == "pod" && names.first() != Some(&"pod") =>
        {
            return (ctx.pods(typed, &[]), NO_FILE)
        }
        "volume" if f.short == Some('v') || leaf == "run" || leaf == "create" => {
            let d = if typed.contains(':') {
                DEFAULT
            } else {
                NO_SPACE
            };
            return (ctx.volumes(typed), d);
        }
        "network" | "net" if names.first() != Some(&"network") => {
            let mut out = ctx.networks(typed);
            let containers = match typed.strip_prefix("container:") {
                Some(rest) => ctx.containers(rest, &[]),
                None => Vec::new(),
            };
            let (mut kv, d) = {
                let from_containers = |_: &str| (containers.clone(), NO_FILE);
                let ns = |_: &str| (Vec::new(), DEFAULT);
                key_values(
                    typed,
                    &[
                        ("container:", Some(&from_containers)),
                        ("ns:", Some(&ns)),
                        ("bridge", None),
                        ("none", None),
                        ("host", None),
                        ("private", None),
                        ("pasta", None),
                        ("slirp4netns", None),
                    ],
                )
            };
            out.append(&mut kv);
            return (out, d);
        }
        "secret" if matches!(leaf, "run" | "create") => return (ctx.secrets(typed), NO_FILE),
        "detach-keys" => {
            let v = if typed.ends_with(',') {
                format!("{typed}ctrl-")
            } else {
                "ctrl-".into()
            };
            return (vec![v], NO_SPACE);
        }
        "mount" if matches!(leaf, "run" | "create") => {
            return (
                vec![
                    "type=bind,".into(),
                    "type=volume,".into(),
                    "type=tmpfs,".into(),
                ],
                NO_SPACE,
            )
        }
        "systemd" => return fixed(&["true", "false", "always"]),
        "attach" if matches!(leaf, "run" | "create") => {
            return fixed(&["stdin", "stdout", "stderr"])
        }
        "type" if leaf == "inspect" => {
            return fixed(&["all", "container", "image", "network", "pod", "volume"])
        }
        "image-volume" => return fixed(&["bind", "tmpfs", "ignore"]),
        "health-on-failure" => return fixed(&["none", "kill", "restart", "stop"]),
        "init-ctr" => return fixed(&["always", "once"]),
        "exit-policy" => return fixed(&["continue", "stop"]),
        "ipam-driver" => return fixed(&["host-local", "dhcp", "none"]),
        "driver" if names == ["network", "create"] => {
            let drivers = ctx
                .engine()
                .and_then(|e| e.info().ok())
                .map(|i| i.plugins.network)
                .unwrap_or_default();
            return (drivers, NO_FILE);
        }
        "share" if names == ["pod", "create"] => {
            let head = typed.rfind(',').map_or("", |i| &typed[..=i]);
            let out = ["ipc", "net", "pid", "user", "uts", "cgroup", "none"]
                .iter()
                .map(|ns| format!("{head}{ns}"))
                .collect();
            return (out, NO_FILE);
        }
        "log-opt" => {
            if typed.starts_with("path=") {
                return (Vec::new(), DEFAULT);
            }
            let out = ["path=", "tag=", "max-size="].map(String::from).to_vec();
            return (out, NO_FILE | NO_SPACE);
        }
        "security-opt" => {
            let label = |s: &str| {
                if s.starts_with('d') {
                    fixed(&["disable"])
                } else {
                    let out = ["user:", "role:", "type:", "level:", "filetype:", "disable"];
                    (out.map(String::from).to_vec(), NO_SPACE | NO_FILE)
                }
            };
            let seccomp = |_: &str| (Vec::new(), DEFAULT);
            return key_values(
                typed,
                &[
                    ("apparmor=", None),
                    ("no-new-privileges", None),
                    ("seccomp=", Some(&seccomp)),
                    ("label=", Some(&label)),
                ],
            );
        }
        "user" if matches!(leaf, "run" | "create" | "exec") => {
            let (out, no_space) = cands::users(typed);
            return (out, if no_space { NO_SPACE } else { NO_FILE });
        }
        "interface-name" => return (cands::interfaces(), NO_FILE),
        "sysctl" => return (cands::sysctls(typed), NO_FILE),
        "filter" => return filters(ctx, names, typed),
        "ipc" | "pid" | "uts" | "cgroupns" | "userns" => {
            let containers = match typed.strip_prefix("container:") {
                Some(rest) => ctx.containers(rest, &[]),
                None => Vec::new(),
            };
            let from_containers = |_: &str| (containers.clone(), NO_FILE);
            let ns = |_: &str| (Vec::new(), DEFAULT);
            let (mut out, d) = key_values(
                typed,
                &[
                    ("container:", Some(&from_containers)),
                    ("ns:", Some(&ns)),
                    ("host", None),
                    ("private", None),
                ],
            );
            if long == "userns" {
                out.extend(["auto", "keep-id", "nomap"].map(String::from));
            }
            return (out, d);
        }
        _ => {}
    }
    if let Some(a) = f.arg {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            return (values, NO_FILE);
        }
        let value_name = a
            .get_value_names()
            .and_then(|v| v.first())
            .map(|s| s.to_string().to_uppercase())
            .unwrap_or_default();
        let hint = a.get_value_hint();
        let is_path = matches!(
            hint,
            clap::ValueHint::AnyPath
                | clap::ValueHint::FilePath
                | clap::ValueHint::DirPath
                | clap::ValueHint::ExecutablePath
        ) || ["PATH", "FILE", "DIR", "CONTEXT", "SOURCE"]
            .iter()
            .any(|w| value_name.contains(w));
        if is_path {
            return (Vec::new(), DEFAULT);
        }
    }
    (Vec::new(), NO_FILE)
}

/// Where a `--filter KEY=` value's candidates come from.
#[derive(Clone, Copy)]
enum FilterValues {
    /// Any text: nothing to offer.
    Free,
    /// Fixed words.
    Words(&'static [&'static str]),
    /// Container names (and IDs after two characters).
    Containers,
    /// Container IDs only.
    ContainerIds,
    /// Container names only.
    ContainerNames,
    /// Image names.
    Images,
    /// Pod names.
    Pods,
    /// Volume names.
    Volumes,
    /// Network names.
    Networks,
    /// Secret names.
    Secrets,
}

const BOOLS: &[&str] = &["true", "false"];
const CONTAINER_STATUSES: &[&str] = &[
    "created", "running", "paused", "stopped", "exited", "unknown",
];

/// The `--filter` keys of the command at `names` (podman's lists).
fn filter_keys(names: &[&str]) -> &'static [(&'static str, FilterValues)] {
    use FilterValues::*;
    match names {
        ["ps"] | ["container", "list" | "ls" | "ps"] => &[
            ("ancestor=", Images),
            ("before=", Containers),
            ("command=", Free),
            ("exited=", Free),
            ("health=", Words(&["healthy", "unhealthy"])),
            ("id=", ContainerIds),
            ("label=", Free),
            ("name=", ContainerNames),
            ("network=", Networks),
            ("pod=", Pods),
            (
                "restart-policy=",
                Words(&["always", "no", "on-failure", "unless-stopped"]),
            ),
            ("since=", Containers),
            ("status=", Words(CONTAINER_STATUSES)),
            ("until=", Free),
            ("volume=", Volumes),
        ],
        ["images"] | ["image", "ls" | "list"] => &[
            ("after=", Images),
            ("before=", Images),
            ("containers=", Words(BOOLS)),
            ("dangling=", Words(BOOLS)),
            ("digest=", Free),
            ("id=", Images),
            ("intermediate=", Words(BOOLS)),
            ("label=", Free),
            ("manifest=", Images),
            ("readonly=", Words(BOOLS)),
            ("reference=", Free),
            ("since=", Images),
            ("until=", Free),
        ],
        ["volume", "ls" | "list" | "prune"] => &[
            ("after=", Images),
            ("dangling=", Words(BOOLS)),
            ("driver=", Words(&["local"])),
            ("label=", Free),
            ("name=", Volumes),
            ("opt=", Free),
            ("scope=", Words(&["local"])),
            ("since=", Images),
            ("until=", Free),
        ],
        ["network", "ls" | "list"] => &[
            ("dangling=", Words(BOOLS)),
            ("driver=", Words(&["bridge", "macvlan", "ipvlan"])),
            ("id=", Networks),
            ("label=", Free),
            ("name=", Networks),
            ("until=", Free),
        ],
        ["pod", "ps" | "ls" | "list"] => &[
            ("ctr-ids=", ContainerIds),
            ("ctr-names=", ContainerNames),
            ("ctr-number=", Free),
            ("ctr-status=", Words(CONTAINER_STATUSES)),
            ("id=", Pods),
            ("label=", Free),
            ("name=", Pods),
            ("network=", Networks),
            (
                "status=",
                Words(&[
                    "stopped", "running", "paused", "exited", "dead", "created", "degraded",
                ]),
            ),
            ("until=", Free),
        ],
        ["secret", "ls" | "list"] => &[("id=", Secrets), ("name=", Secrets)],
        ["events"] | ["system", "events"] => &[
            ("container=", Containers),
            ("event=", Free),
            ("image=", Images),
            ("label=", Free),
            ("pod=", Pods),
            (
                "type=",
                Words(&[
                    "container",
                    "image",
                    "network",
                    "pod",
                    "system",
                    "volume",
                    "secret",
                ]),
            ),
            ("volume=", Volumes),
        ],
        [.., "prune"] => &[("label=", Free), ("until=", Free)],
        _ => &[],
    }
}

/// `--filter`: the command's keys; after `KEY=`, its values (podman's
/// `keyValueCompletion`, keys in order).
fn filters(ctx: &mut Ctx, names: &[&str], typed: &str) -> (Vec<String>, u8) {
    let keys = filter_keys(names);
    if let Some((key, values)) = keys.iter().find(|(k, _)| typed.starts_with(k)) {
        let rest = &typed[key.len()..];
        let found = match values {
            FilterValues::Free => return (Vec::new(), NO_FILE),
            FilterValues::Words(w) => w.iter().map(|w| (*w).to_string()).collect(),
            FilterValues::Containers => ctx.containers(rest, &[]),
            FilterValues::ContainerIds => ctx.lookup(Lookup::Containers(&[], Names::Ids), rest),
            FilterValues::ContainerNames => ctx.lookup(Lookup::Containers(&[], Names::Names), rest),
            FilterValues::Images => ctx.images(rest),
            FilterValues::Pods => ctx.pods(rest, &[]),
            FilterValues::Volumes => ctx.volumes(rest),
            FilterValues::Networks => ctx.networks(rest),
            FilterValues::Secrets => ctx.secrets(rest),
        };
        let out = found.into_iter().map(|v| format!("{key}{v}")).collect();
        return (out, NO_FILE);
    }
    let out: Vec<String> = keys
        .iter()
        .filter(|(k, _)| k.starts_with(typed))
        .map(|(k, _)| (*k).to_string())
        .collect();
    let directive = if out.is_empty() {
        NO_FILE
    } else {
        NO_SPACE | NO_FILE
    };
    (out, directive)
}

/// The statuses of the containers a verb acts on (podman's choices).
fn container_statuses(names: &[&str]) -> &'static [&'static str] {
    let pod = names.first() == Some(&"pod");
    match (pod, names.last().copied().unwrap_or_default()) {
        (true, "kill" | "pause" | "stop" | "stats") => &["running", "degraded"],
        (true, "unpause") => &["paused", "degraded"],
        (true, _) => &[],
        (false, "start") => &["created", "exited"],
        (false, "stop" | "kill" | "pause" | "attach" | "stats" | "exec") => &["running"],
        (false, "run") if names.first() == Some(&"healthcheck") => &["running"],
        (false, "unpause") => &["paused"],
        (false, "init") => &["created"],
        (false, "cleanup") => &["exited"],
        _ => &[],
    }
}

/// A positional argument's value name and whether it takes many values.
fn slots(cmd: &Command) -> Vec<(String, bool)> {
    let mut positionals: Vec<&Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(0));
    positionals
        .into_iter()
        .map(|a| {
            let name = a
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| a.get_id().to_string(), ToString::to_string)
                .to_uppercase();
            let many = a.get_num_args().is_some_and(|r| r.max_values() > 1)
                || matches!(a.get_action(), ArgAction::Append);
            (name, many)
        })
        .collect()
}

/// The command's positional argument number `args.len()`.
fn arguments(
    ctx: &mut Ctx,
    names: &[&str],
    cmd: &Command,
    args: &[String],
    given: &HashSet<String>,
    typed: &str,
) -> (Vec<String>, u8) {
    let n = args.len();
    let leaf = names.last().copied().unwrap_or_default();
    let pod_verb = names.first() == Some(&"pod");
    let statuses = container_statuses(names);
    // Verbs whose arguments podman completes its own way.
    let container_verb = |verb: &str| names == [verb] || names == ["container", verb];
    if container_verb("run") || container_verb("create") {
        let rootfs = given.contains("rootfs");
        return match (n, rootfs) {
            (0, true) => (Vec::new(), FILTER_DIRS),
            (0, false) => (ctx.images(typed), NO_FILE),
            // `--rootfs DIR`: paths inside that directory.
            (_, true) => {
                let (out, no_space) = cands::paths_in(&[std::path::PathBuf::from(&args[0])], typed);
                (out, if no_space { NO_SPACE } else { DEFAULT })
            }
            (_, false) => image_paths(ctx, &args[0], typed),
        };
    }
    if container_verb("cp") {
        return cp(ctx, n, typed);
    }
    if container_verb("exec") {
        if given.contains("latest") || n > 0 {
            return (Vec::new(), DEFAULT);
        }
        return (ctx.containers(typed, statuses), NO_FILE);
    }
    if container_verb("top") || names == ["pod", "top"] {
        if n == 0 && !given.contains("latest") {
            return if pod_verb {
                (ctx.pods(typed, &[]), NO_FILE)
            } else {
                (ctx.containers(typed, &[]), NO_FILE)
            };
        }
        if slots(cmd).len() < 2 {
            return (Vec::new(), NO_FILE);
        }
        return fixed(&super::top::descriptor_names());
    }
    match names {
        ["network", "connect" | "disconnect"] => {
            return match n {
                0 => (ctx.networks(typed), NO_FILE),
                1 => (ctx.containers(typed, &[]), NO_FILE),
                _ => (Vec::new(), NO_FILE),
            }
        }
        ["secret", "create"] => return (Vec::new(), if n == 1 { DEFAULT } else { NO_FILE }),
        _ => {}
    }
    if given.contains("latest") {
        return (Vec::new(), NO_FILE);
    }
    let slots = slots(cmd);
    let slot = slots
        .iter()
        .enumerate()
        .find(|(pos, (_, many))| *many || *pos == n)
        .map(|(_, (name, _))| name.clone());
    let Some(name) = slot else {
        return (Vec::new(), NO_FILE);
    };
    let has = |w: &str| name.contains(w);
    if names.first() == Some(&"compose") {
        return (Vec::new(), if has("COMMAND") { DEFAULT } else { NO_FILE });
    }
    if has("CONTAINER") && has("POD") && has("VOLUME") {
        let mut out = ctx.containers(typed, &[]);
        out.extend(ctx.pods(typed, &[]));
        out.extend(ctx.volumes(typed));
        return (out, NO_FILE);
    }
    if has("CONTAINER") && has("IMAGE") {
        let mut out = ctx.containers(typed, &[]);
        out.extend(ctx.images(typed));
        return (out, NO_FILE);
    }
    if has("CONTAINER") && has("POD") {
        let mut out = ctx.containers(typed, &[]);
        out.extend(ctx.pods(typed, &[]));
        return (out, NO_FILE);
    }
    if has("CONTAINER") {
        return (ctx.containers(typed, statuses), NO_FILE);
    }
    if has("POD") {
        return (ctx.pods(typed, statuses), NO_FILE);
    }
    if has("IMAGE") {
        return (ctx.images(typed), NO_FILE);
    }
    if has("VOLUME") {
        return (ctx.volumes(typed), NO_FILE);
    }
    if has("NETWORK") {
        return (ctx.networks(typed), NO_FILE);
    }
    if has("SECRET") {
        return (ctx.secrets(typed), NO_FILE);
    }
    if has("REGISTRY") {
        let paths = libpod::config::Paths::from_env();
        return match cands::registries(&paths) {
            Ok(r) => (r, NO_FILE),
            Err(e) => {
                ctx.errors.push(e.to_string());
                (Vec::new(), NO_FILE)
            }
        };
    }
    if leaf == "inspect" && names.len() == 1 {
        let mut out = ctx.containers(typed, &[]);
        out.extend(ctx.images(typed));
        out.extend(ctx.pods(typed, &[]));
        out.extend(ctx.networks(typed));
        out.extend(ctx.volumes(typed));
        return (out, NO_FILE);
    }
    let file_like = [
        "PATH", "FILE", "CONTEXT", "COMMAND", "ARG", "KUBEFILE", "DIR", "SOURCE", "URI",
    ];
    if file_like.iter().any(|w| has(w)) {
        return (Vec::new(), DEFAULT);
    }
    (Vec::new(), NO_FILE)
}

/// `run`/`create` after the image: paths inside the image (podman mounts it).
fn image_paths(ctx: &mut Ctx, image: &str, typed: &str) -> (Vec<String>, u8) {
    let Some(engine) = ctx.engine() else {
        return (Vec::new(), DEFAULT);
    };
    match engine.image_layer_dirs(image) {
        Ok(layers) => {
            let (out, no_space) = cands::paths_in(&layers, typed);
            (out, if no_space { NO_SPACE } else { DEFAULT })
        }
        Err(e) => {
            ctx.errors.push(e.to_string());
            (Vec::new(), DEFAULT)
        }
    }
}

/// `cp`: containers with a colon, then paths inside the container.
fn cp(ctx: &mut Ctx, n: usize, typed: &str) -> (Vec<String>, u8) {
    if n >= 2 {
        return (Vec::new(), NO_FILE);
    }
    if let Some(i) = typed.find(':') {
        let (name, path) = (&typed[..i], &typed[i + 1..]);
        let Some(engine) = ctx.engine() else {
            return (Vec::new(), DEFAULT);
        };
        return match engine.container_layer_dirs(name) {
            Ok(layers) => {
                let (out, no_space) = cands::paths_in(&layers, path);
                (
                    out.into_iter().map(|p| format!("{name}:{p}")).collect(),
                    if no_space { NO_SPACE } else { DEFAULT },
                )
            }
            Err(e) => {
                ctx.errors.push(e.to_string());
                (Vec::new(), DEFAULT)
            }
        };
    }
    let containers = ctx.containers(typed, &[]);
    if containers.iter().any(|c| c.starts_with(typed)) {
        let out = containers
            .into_iter()
            .map(|c| match c.split_once('\t') {
                Some((n, d)) => format!("{n}:\t{d}"),
                None => format!("{c}:"),
            })
            .collect();
        return (out, NO_SPACE);
    }
    (Vec::new(), DEFAULT)
}

/// `--format`: `json`, or the Go template fields of the command's output
/// (`{{.Field}}`, `{{.Struct.` for nested ones), as podman's AutocompleteFormat.
fn format_value(ctx: &mut Ctx, names: &[&str], args: &[String], typed: &str) -> (Vec<String>, u8) {
    if "json".starts_with(typed) {
        return (vec!["json".into()], NO_FILE);
    }
    let vars: Vec<&str> = typed.split("{{").collect();
    if vars.len() == 1 {
        return (Vec::new(), NO_FILE);
    }
    let last_var = vars.last().copied().unwrap_or_default();
    let word = last_var.split(' ').next_back().unwrap_or_default();
    let fields: Vec<&str> = word.split('.').collect();
    if fields.len() < 2 {
        return (Vec::new(), NO_FILE);
    }
    let sample = match ctx.engine() {
        Some(engine) => super::format_sample(engine, names, args),
        None => None,
    };
    let Some(mut value) = sample else {
        return (Vec::new(), NO_FILE);
    };
    for f in &fields[1..fields.len() - 1] {
        match child(&value, f) {
            Some(v) => value = v,
            None => return (Vec::new(), NO_FILE),
        }
    }
    let prefix = fields.last().copied().unwrap_or_default();
    let head = &typed[..typed.len() - prefix.len()];
    let mut seen = HashSet::new();
    let out = template_fields(&value)
        .into_iter()
        .filter(|(n, _)| n.starts_with(prefix) && seen.insert(n.clone()))
        .map(|(n, nested)| format!("{head}{n}{}", if nested { "." } else { "}}" }))
        .collect();
    (out, NO_SPACE | NO_FILE)
}

/// The fields a template can reach in `v`: Go names, and whether each nests.
fn template_fields(v: &TValue) -> Vec<(String, bool)> {
    let nests = |v: &TValue| matches!(v, TValue::Struct { .. } | TValue::Map { .. });
    match v {
        // podman's Go type, as its AutocompleteFormat lists it: the
        // methods by name, then the fields (an embedded struct, then its
        // promoted fields).
        TValue::Struct { name, fields } if schema::fields(name).is_some() => {
            let defs = schema::fields(name).expect("checked");
            let mut methods: Vec<(String, bool)> = fields
                .iter()
                .filter(|(k, _)| defs.iter().any(|d| d.method && d.go == *k))
                .map(|(k, f)| ((*k).to_string(), nests(f)))
                .collect();
            methods.sort();
            let mut out = methods;
            for (k, f) in fields {
                match defs.iter().find(|d| !d.method && d.go == *k) {
                    Some(d) if d.embedded => {
                        out.push(((*k).to_string(), true));
                        out.extend(template_fields(f));
                    }
                    Some(_) => out.push(((*k).to_string(), nests(f))),
                    None => {}
                }
            }
            out
        }
        TValue::Struct { name, fields } => fields
            .iter()
            .map(|(k, f)| (crate::output::template::value::go_name(name, k), nests(f)))
            .collect(),
        TValue::Map { entries, .. } => entries.iter().map(|(k, f)| (k.clone(), nests(f))).collect(),
        TValue::List(items) => items.first().map(template_fields).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The field `name` (Go name or key) of a struct or map.
fn child(v: &TValue, name: &str) -> Option<TValue> {
    match v {
        TValue::Struct { name: t, .. } if schema::fields(t).is_some() => v.field(name).cloned(),
        TValue::Struct { name: t, fields } => fields
            .iter()
            .find(|(k, _)| *k == name || crate::output::template::value::go_name(t, k) == name)
            .map(|(_, f)| f.clone()),
        TValue::Map { entries, .. } => entries
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, f)| f.clone()),
        TValue::List(items) => items.first().and_then(|i| child(i, name)),
        _ => None,
    }
}
