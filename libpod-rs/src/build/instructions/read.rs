//! One Dockerfile instruction read into its typed form: the flags it
//! accepts checked, its arguments split as BuildKit splits them.

use std::time::Duration;

use crate::build::parse::{self, json_array, Heredoc, Node};
use crate::build::shell::split_raw_words;

use super::mount::parse_mount;
use super::{ArgDef, Command, Copy, Healthcheck, Instruction, KeyValue, Run, RunNetwork, Source};

/// The flags an instruction accepts, each a string, a bool or a repeated string.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagKind {
    Text,
    Bool,
    Many,
}

struct Flags {
    given: Vec<(String, Option<String>)>,
}

impl Flags {
    fn parse(words: &[String], allowed: &[(&str, FlagKind)]) -> Result<Flags, String> {
        let mut given: Vec<(String, Option<String>)> = Vec::new();
        for w in words {
            let body = w
                .strip_prefix("--")
                .ok_or_else(|| format!("invalid flag {w:?}: flags start with --"))?;
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            let Some(&(_, kind)) = allowed.iter().find(|(n, _)| *n == name) else {
                return Err(format!("unknown flag: {name}"));
            };
            match (kind, &value) {
                (FlagKind::Text | FlagKind::Many, None) => {
                    return Err(format!("missing a value on flag: {name}"))
                }
                (FlagKind::Bool, Some(v)) if v != "true" && v != "false" => {
                    return Err(format!("expecting boolean value for flag {name}, not: {v}"))
                }
                _ => {}
            }
            if kind != FlagKind::Many && given.iter().any(|(n, _)| *n == name) {
                return Err(format!("duplicate flag specified: {name}"));
            }
            given.push((name, value));
        }
        Ok(Flags { given })
    }

    fn text(&self, name: &str) -> Option<String> {
        self.given
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.clone())
    }

    fn many(&self, name: &str) -> Vec<String> {
        self.given
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.clone())
            .collect()
    }

    fn bool(&self, name: &str) -> Option<bool> {
        self.given
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref() != Some("false"))
    }
}

/// The typed instruction of one node.
pub(crate) fn instruction(node: &Node, escape: char) -> Result<Instruction, String> {
    use FlagKind::{Bool, Many, Text};
    let command = node.command();
    let upper = command.to_ascii_uppercase();
    let rest = node.rest.as_str();
    let none: &[(&str, FlagKind)] = &[];
    let allowed: &[(&str, FlagKind)] = match command.as_str() {
        "from" => &[("platform", Text)],
        "run" => &[("mount", Many), ("network", Text), ("security", Text)],
        "copy" => &[
            ("from", Text),
            ("chown", Text),
            ("chmod", Text),
            ("link", Bool),
            ("parents", Bool),
            ("exclude", Many),
        ],
        "add" => &[
            ("chown", Text),
            ("chmod", Text),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", Text),
            ("unpack", Bool),
            ("exclude", Many),
        ],
        "healthcheck" => &[
            ("interval", Text),
            ("timeout", Text),
            ("start-period", Text),
            ("start-interval", Text),
            ("retries", Text),
        ],
        "arg" | "env" | "label" | "workdir" | "user" | "expose" | "cmd" | "entrypoint"
        | "volume" | "stopsignal" | "shell" | "onbuild" | "maintainer" => none,
        _ => return Err(format!("unknown instruction: {}", node.keyword)),
    };
    let flags = Flags::parse(&node.flags, allowed)?;
    let at_least_one = || {
        if rest.is_empty() {
            Err(format!("{upper} requires at least one argument"))
        } else {
            Ok(())
        }
    };
    let exactly_one = || {
        if rest.is_empty() {
            Err(format!("{upper} requires exactly one argument"))
        } else {
            Ok(rest.to_string())
        }
    };
    Ok(match command.as_str() {
        "from" => {
            let args = whitespace_split(rest);
            let name = match args.as_slice() {
                [_] => None,
                [_, as_, n] if as_.eq_ignore_ascii_case("as") => {
                    let n = n.to_ascii_lowercase();
                    let mut chars = n.chars();
                    let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                        && chars.all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c)
                        });
                    if !valid {
                        return Err(format!(
                            "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                            args[2]
                        ));
                    }
                    Some(n)
                }
                _ => return Err("FROM requires either one or three arguments".into()),
            };
            Instruction::From {
                image: args[0].clone(),
                name,
                platform: flags.text("platform"),
            }
        }
        "arg" => {
            at_least_one()?;
            let mut defs = Vec::new();
            for w in split_raw_words(rest, escape) {
                match w.split_once('=') {
                    Some(("", _)) => return Err("ARG names can not be blank".into()),
                    Some((k, v)) => defs.push(ArgDef {
                        name: k.to_string(),
                        default: Some(v.to_string()),
                    }),
                    None => defs.push(ArgDef {
                        name: w,
                        default: None,
                    }),
                }
            }
            Instruction::Arg(defs)
        }
        "env" | "label" => {
            at_least_one()?;
            let pairs = name_values(rest, &upper, escape)?;
            if command == "env" {
                Instruction::Env(pairs)
            } else {
                Instruction::Label(pairs)
            }
        }
        "run" => {
            at_least_one()?;
            let mut mounts = Vec::new();
            for m in flags.many("mount") {
                mounts.push(parse_mount(&m)?);
            }
            let network = match flags.text("network").as_deref() {
                None => None,
                Some("default") => Some(RunNetwork::Default),
                Some("none") => Some(RunNetwork::None),
                Some("host") => Some(RunNetwork::Host),
                Some(other) => {
                    return Err(format!(
                        "unsupported network mode {other:?}: use default, none or host"
                    ))
                }
            };
            let insecure = match flags.text("security").as_deref() {
                None | Some("sandbox") => false,
                Some("insecure") => true,
                Some(other) => {
                    return Err(format!(
                        "unsupported security mode {other:?}: use sandbox or insecure"
                    ))
                }
            };
            Instruction::Run(Run {
                command: maybe_json(rest)?,
                mounts,
                network,
                insecure,
                heredocs: node.heredocs.clone(),
            })
        }
        "copy" | "add" => {
            let args = match json_array(rest) {
                Some(r) => r?,
                None => whitespace_split(rest),
            };
            if args.len() < 2 {
                return Err(format!("{upper} requires at least two arguments, but only one was provided. Destination could not be determined"));
            }
            let (dest, srcs) = args.split_last().expect("two or more");
            if parse::heredoc_word(dest)?.is_some() {
                return Err(format!("{upper} cannot accept a heredoc as a destination"));
            }
            let mut sources = Vec::new();
            for s in srcs {
                match parse::heredoc_word(s)? {
                    Some(h) if json_array(rest).is_none() => {
                        let doc = node.heredocs.iter().find(|d| d.name == h.name);
                        sources.push(Source::Inline {
                            name: h.name.clone(),
                            content: doc.map(Heredoc::text).unwrap_or_default(),
                            expand: h.expand,
                        });
                    }
                    _ => sources.push(Source::Path(s.clone())),
                }
            }
            Instruction::Copy(Copy {
                add: command == "add",
                sources,
                dest: dest.clone(),
                from: flags.text("from"),
                chown: flags.text("chown"),
                chmod: flags.text("chmod"),
                link: flags.bool("link").unwrap_or(false),
                parents: flags.bool("parents").unwrap_or(false),
                excludes: flags.many("exclude"),
                checksum: flags.text("checksum"),
                unpack: flags.bool("unpack"),
                keep_git_dir: flags.bool("keep-git-dir").unwrap_or(false),
            })
        }
        "workdir" => Instruction::Workdir(exactly_one()?),
        "user" => Instruction::User(exactly_one()?),
        "stopsignal" => Instruction::StopSignal(exactly_one()?),
        "maintainer" => Instruction::Maintainer(exactly_one()?),
        "expose" => {
            at_least_one()?;
            Instruction::Expose(whitespace_split(rest))
        }
        "cmd" => Instruction::Cmd(maybe_json(rest)?),
        "entrypoint" => Instruction::Entrypoint(maybe_json(rest)?),
        "volume" => {
            at_least_one()?;
            let vols = match json_array(rest) {
                Some(r) => r?,
                None => whitespace_split(rest),
            };
            if vols.iter().any(|v| v.trim().is_empty()) {
                return Err("VOLUME specified can not be an empty string".into());
            }
            Instruction::Volume(vols)
        }
        "shell" => match json_array(rest) {
            Some(Ok(v)) if !v.is_empty() => Instruction::Shell(v),
            Some(Err(e)) => return Err(e),
            _ => return Err("SHELL requires the arguments to be in JSON form".into()),
        },
        "healthcheck" => healthcheck(rest, &flags)?,
        "onbuild" => {
            at_least_one()?;
            let child = parse::node_from_line(rest, escape)?;
            match child.command().as_str() {
                "onbuild" => {
                    return Err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into())
                }
                "from" | "maintainer" => {
                    return Err(format!(
                        "{} isn't allowed as an ONBUILD trigger",
                        child.keyword.to_ascii_uppercase()
                    ))
                }
                _ => {}
            }
            let mut child = child;
            child.heredocs = node.heredocs.clone();
            instruction(&child, escape)?;
            let mut expression = rest.to_string();
            for doc in &node.heredocs {
                expression.push('\n');
                expression.push_str(&doc.content);
                expression.push_str(&doc.name);
            }
            Instruction::Onbuild(expression)
        }
        _ => unreachable!("checked above"),
    })
}

/// BuildKit's `reWhitespace` split.
fn whitespace_split(rest: &str) -> Vec<String> {
    rest.split(['\t', '\u{b}', '\u{c}', '\r', ' '])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn maybe_json(rest: &str) -> Result<Command, String> {
    match json_array(rest) {
        Some(Ok(v)) => Ok(Command::Exec(v)),
        Some(Err(e)) => Err(e),
        None => Ok(Command::Shell(rest.to_string())),
    }
}

/// ENV and LABEL arguments: `KEY=value ...`, or the old `KEY value`.
fn name_values(rest: &str, what: &str, escape: char) -> Result<Vec<KeyValue>, String> {
    let words = split_raw_words(rest, escape);
    let Some(first) = words.first() else {
        return Err(format!("{what} requires at least one argument"));
    };
    if !first.contains('=') {
        let (k, v) = match rest.find(char::is_whitespace) {
            Some(at) => (&rest[..at], rest[at..].trim_start()),
            None => return Err(format!("{what} must have two arguments")),
        };
        return Ok(vec![KeyValue {
            key: k.to_string(),
            value: v.to_string(),
        }]);
    }
    let mut out = Vec::new();
    for w in words {
        let Some((k, v)) = w.split_once('=') else {
            return Err(format!(
                "Syntax error - can't find = in {w:?}. Must be of the form: name=value"
            ));
        };
        if k.is_empty() {
            return Err(format!("{what} names can not be blank"));
        }
        out.push(KeyValue {
            key: k.to_string(),
            value: v.to_string(),
        });
    }
    Ok(out)
}

fn healthcheck(rest: &str, flags: &Flags) -> Result<Instruction, String> {
    let (kind, args) = match rest.find(char::is_whitespace) {
        Some(at) => (&rest[..at], rest[at..].trim_start()),
        None => (rest, ""),
    };
    match kind.to_ascii_uppercase().as_str() {
        "NONE" => {
            if !args.is_empty() || !flags.given.is_empty() {
                return Err("HEALTHCHECK NONE takes no arguments".into());
            }
            Ok(Instruction::Healthcheck(Healthcheck::None))
        }
        "CMD" => {
            if args.is_empty() {
                return Err("Missing command after HEALTHCHECK CMD".into());
            }
            let duration = |name: &str| -> Result<Duration, String> {
                match flags.text(name) {
                    None => Ok(Duration::ZERO),
                    Some(v) => {
                        let d = parse_duration(&v).map_err(|e| format!("--{name}: {e}"))?;
                        if !d.is_zero() && d < Duration::from_millis(1) {
                            return Err(format!("--{name} cannot be less than 1ms"));
                        }
                        Ok(d)
                    }
                }
            };
            let retries = match flags.text("retries") {
                None => 0,
                Some(v) => v
                    .parse::<u32>()
                    .map_err(|_| format!("--retries {v:?}: expected a number"))?,
            };
            Ok(Instruction::Healthcheck(Healthcheck::Check {
                command: maybe_json(args)?,
                interval: duration("interval")?,
                timeout: duration("timeout")?,
                start_period: duration("start-period")?,
                start_interval: duration("start-interval")?,
                retries,
            }))
        }
        _ => Err(format!("Unknown type {kind:?} in HEALTHCHECK (try CMD)")),
    }
}

/// A Go duration (`90s`, `1m30s`, `1.5h`, `250ms`, `0`).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    let bad = || format!("invalid duration {s:?}");
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let n: f64 = rest[..num_len].parse().map_err(|_| bad())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += n * scale;
        rest = &rest[unit_len..];
    }
    Ok(Duration::from_secs_f64(total))
}
