//! rpod's typed Dockerfile: every instruction of the Dockerfile reference
//! with its flags checked (BuildKit's `instructions` package), grouped into
//! the global ARGs and the stages. Values stay as written: variables are
//! expanded when the plan is made, once the ARG and ENV values are known.

use std::time::Duration;

use super::parse::{self, json_array, Heredoc, Node, ParseError};
use super::shell::split_raw_words;

/// A command line in shell form (run by the stage's SHELL) or exec form (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `RUN echo hi`: one string for the shell.
    Shell(String),
    /// `RUN ["echo", "hi"]`: the argv.
    Exec(Vec<String>),
}

/// A `KEY=value` pair of ENV or LABEL, as written (quotes still in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// One name of an ARG instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDef {
    /// The name.
    pub name: String,
    /// The default (`ARG A=1`), as written.
    pub default: Option<String>,
}

/// The kinds of `RUN --mount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountKind {
    /// `type=bind` (the default): a directory of the context or of a stage.
    Bind,
    /// `type=cache`: a directory kept between builds.
    Cache,
    /// `type=tmpfs`.
    Tmpfs,
    /// `type=secret`: a `--secret` file.
    Secret,
    /// `type=ssh`: an SSH agent socket.
    Ssh,
}

/// A `RUN --mount=...` option, values as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunMount {
    /// The mount's kind.
    pub kind: MountKind,
    /// `target`/`dst`/`destination`.
    pub target: Option<String>,
    /// `source`/`src`.
    pub source: Option<String>,
    /// `from`: a stage or image to bind or seed the cache from.
    pub from: Option<String>,
    /// `id` (cache, secret, ssh).
    pub id: Option<String>,
    /// `readonly`/`ro` (true), `rw` (false); binds default to read-only.
    pub readonly: Option<bool>,
    /// `sharing=shared|private|locked` (cache).
    pub sharing: Option<String>,
    /// `mode`, `uid`, `gid` (cache, secret, ssh).
    pub mode: Option<String>,
    /// `uid`.
    pub uid: Option<String>,
    /// `gid`.
    pub gid: Option<String>,
    /// `required` (secret, ssh).
    pub required: bool,
    /// `size` (tmpfs).
    pub size: Option<String>,
    /// `env` (secret): the variable that receives it.
    pub env: Option<String>,
}

/// `RUN --network=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunNetwork {
    /// The build's network (on by default).
    Default,
    /// No network.
    None,
    /// The host's network.
    Host,
}

/// A RUN instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// What to run.
    pub command: Command,
    /// `--mount`s.
    pub mounts: Vec<RunMount>,
    /// `--network`.
    pub network: Option<RunNetwork>,
    /// `--security=insecure` (true) or `sandbox`.
    pub insecure: bool,
    /// Here-documents of the command line.
    pub heredocs: Vec<Heredoc>,
}

/// A source of COPY or ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A path (context, stage, image) or, for ADD, a URL; as written.
    Path(String),
    /// A here-document: the file it makes is named after its delimiter.
    Inline {
        /// The delimiter, used as the file name.
        name: String,
        /// The content (tabs chomped for `<<-`).
        content: String,
        /// Whether variables in it are expanded.
        expand: bool,
    },
}

/// COPY and ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Whether this is ADD (archives unpacked, URLs fetched).
    pub add: bool,
    /// The sources.
    pub sources: Vec<Source>,
    /// The destination, as written.
    pub dest: String,
    /// `--from` (COPY): a stage name or index, or an image.
    pub from: Option<String>,
    /// `--chown`.
    pub chown: Option<String>,
    /// `--chmod`.
    pub chmod: Option<String>,
    /// `--link`.
    pub link: bool,
    /// `--parents` (COPY).
    pub parents: bool,
    /// `--exclude` patterns.
    pub excludes: Vec<String>,
    /// `--checksum` (ADD of a URL).
    pub checksum: Option<String>,
    /// `--unpack` (ADD): `None` unpacks local archives only.
    pub unpack: Option<bool>,
    /// `--keep-git-dir` (ADD of a git URL).
    pub keep_git_dir: bool,
}

/// HEALTHCHECK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`: turn off the base image's check.
    None,
    /// `HEALTHCHECK [flags] CMD ...`.
    Check {
        /// The probe.
        command: Command,
        /// `--interval` (0: default).
        interval: Duration,
        /// `--timeout`.
        timeout: Duration,
        /// `--start-period`.
        start_period: Duration,
        /// `--start-interval`.
        start_interval: Duration,
        /// `--retries` (0: default).
        retries: u32,
    },
}

/// One instruction, values as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    /// `FROM [--platform=P] IMAGE [AS NAME]` (starts a stage).
    From {
        /// The base: image reference, earlier stage, or `scratch`.
        image: String,
        /// The stage name (lower case).
        name: Option<String>,
        /// `--platform`.
        platform: Option<String>,
    },
    /// `ARG NAME[=default] ...`.
    Arg(Vec<ArgDef>),
    /// `ENV KEY=value ...` (or the old `ENV KEY value`).
    Env(Vec<KeyValue>),
    /// `LABEL KEY=value ...`.
    Label(Vec<KeyValue>),
    /// `RUN`.
    Run(Run),
    /// `COPY` and `ADD`.
    Copy(Copy),
    /// `WORKDIR PATH`.
    Workdir(String),
    /// `USER USER[:GROUP]`.
    User(String),
    /// `EXPOSE PORT[/PROTO] ...`.
    Expose(Vec<String>),
    /// `CMD`.
    Cmd(Command),
    /// `ENTRYPOINT`.
    Entrypoint(Command),
    /// `VOLUME PATH ...`.
    Volume(Vec<String>),
    /// `STOPSIGNAL SIGNAL`.
    StopSignal(String),
    /// `HEALTHCHECK`.
    Healthcheck(Healthcheck),
    /// `SHELL ["exe", "args"]`.
    Shell(Vec<String>),
    /// `ONBUILD INSTRUCTION`: kept in the image for builds that use it as a base.
    Onbuild(String),
    /// `MAINTAINER NAME` (deprecated; sets the author).
    Maintainer(String),
}

/// An instruction with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The instruction.
    pub instruction: Instruction,
    /// First line (1-based).
    pub line: usize,
    /// The instruction as written (continuations joined).
    pub original: String,
}

/// A build stage: its FROM and the steps after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Position in the file, from 0.
    pub index: usize,
    /// `AS NAME`, lower case.
    pub name: Option<String>,
    /// The base as written (may hold `$ARG`s).
    pub base: String,
    /// `--platform` as written.
    pub platform: Option<String>,
    /// Line of the FROM.
    pub line: usize,
    /// The FROM as written.
    pub original: String,
    /// The instructions of the stage.
    pub steps: Vec<Step>,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    /// The escape character (`# escape=`).
    pub escape: char,
    /// `# syntax=`, noted.
    pub syntax: Option<String>,
    /// ARGs before the first FROM.
    pub global_args: Vec<ArgDef>,
    /// The stages in order.
    pub stages: Vec<Stage>,
    /// Parser warnings.
    pub warnings: Vec<String>,
}

impl Dockerfile {
    /// Parses and checks a Dockerfile.
    pub fn parse(text: &str) -> Result<Dockerfile, ParseError> {
        let parsed = parse::parse(text)?;
        let escape = parsed.directives.escape;
        let mut global_args = Vec::new();
        let mut stages: Vec<Stage> = Vec::new();
        for node in &parsed.nodes {
            let err = |message: String| ParseError {
                line: node.start_line,
                message,
            };
            let instruction = instruction(node, escape).map_err(err)?;
            match instruction {
                Instruction::From {
                    image,
                    name,
                    platform,
                } => {
                    if let Some(n) = &name {
                        if stages.iter().any(|s| s.name.as_deref() == Some(n)) {
                            return Err(err(format!("duplicate stage name {n:?}")));
                        }
                    }
                    stages.push(Stage {
                        index: stages.len(),
                        name,
                        base: image,
                        platform,
                        line: node.start_line,
                        original: node.original.trim().to_string(),
                        steps: Vec::new(),
                    });
                }
                Instruction::Arg(defs) if stages.is_empty() => global_args.extend(defs),
                other => match stages.last_mut() {
                    Some(stage) => stage.steps.push(Step {
                        instruction: other,
                        line: node.start_line,
                        original: node.original.trim().to_string(),
                    }),
                    None => {
                        return Err(err(format!(
                            "no build stage in current context: {} must come after a FROM",
                            node.keyword.to_ascii_uppercase()
                        )))
                    }
                },
            }
        }
        if stages.is_empty() {
            return Err(ParseError {
                line: parsed.nodes.last().map_or(1, |n| n.start_line),
                message: "no FROM instruction: a Dockerfile must have at least one build stage"
                    .into(),
            });
        }
        Ok(Dockerfile {
            escape,
            syntax: parsed.directives.syntax,
            global_args,
            stages,
            warnings: parsed.warnings,
        })
    }
}

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

/// One `--mount=` value (comma-separated `key=value` fields).
pub fn parse_mount(value: &str) -> Result<RunMount, String> {
    let mut m = RunMount {
        kind: MountKind::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        readonly: None,
        sharing: None,
        mode: None,
        uid: None,
        gid: None,
        required: false,
        size: None,
        env: None,
    };
    let fields: Vec<&str> = value.split(',').filter(|f| !f.is_empty()).collect();
    for f in &fields {
        if let Some(("type", t)) = f.split_once('=') {
            m.kind = match t {
                "bind" => MountKind::Bind,
                "cache" => MountKind::Cache,
                "tmpfs" => MountKind::Tmpfs,
                "secret" => MountKind::Secret,
                "ssh" => MountKind::Ssh,
                other => return Err(format!("unsupported mount type {other:?}")),
            };
        }
    }
    for f in fields {
        let (key, val) = match f.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
            None => (f.to_ascii_lowercase(), None),
        };
        let need = |v: Option<String>| {
            v.ok_or_else(|| format!("invalid field '{f}' must be a key=value pair"))
        };
        let flag = |v: Option<String>| -> Result<bool, String> {
            match v.as_deref() {
                None | Some("true" | "1") => Ok(true),
                Some("false" | "0") => Ok(false),
                Some(other) => Err(format!("invalid value for {key}: {other}")),
            }
        };
        match key.as_str() {
            "type" => {}
            "target" | "dst" | "destination" => m.target = Some(need(val)?),
            "source" | "src" => m.source = Some(need(val)?),
            "from" => m.from = Some(need(val)?),
            "id" => m.id = Some(need(val)?),
            "readonly" | "ro" => m.readonly = Some(flag(val)?),
            "readwrite" | "rw" => m.readonly = Some(!flag(val)?),
            "sharing" => {
                let v = need(val)?;
                if !matches!(v.as_str(), "shared" | "private" | "locked") {
                    return Err(format!("unsupported sharing value {v:?}"));
                }
                m.sharing = Some(v);
            }
            "mode" => m.mode = Some(need(val)?),
            "uid" => m.uid = Some(need(val)?),
            "gid" => m.gid = Some(need(val)?),
            "required" => m.required = flag(val)?,
            "size" => m.size = Some(need(val)?),
            "env" => m.env = Some(need(val)?),
            _ => return Err(format!("unexpected key '{key}' in '{f}'")),
        }
    }
    if m.target.is_none() && !matches!(m.kind, MountKind::Secret | MountKind::Ssh) {
        return Err(format!(
            "--mount={value}: mount target (target=PATH) is required"
        ));
    }
    Ok(m)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(text: &str) -> Vec<Instruction> {
        Dockerfile::parse(text)
            .unwrap()
            .stages
            .into_iter()
            .flat_map(|s| s.steps)
            .map(|s| s.instruction)
            .collect()
    }

    fn err(text: &str) -> ParseError {
        Dockerfile::parse(text).unwrap_err()
    }

    #[test]
    fn every_instruction() {
        let d = Dockerfile::parse(
            "ARG BASE=busybox\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\nFROM scratch\nARG A B=2\nENV X=\"a b\" Y=c\nENV OLD some value\nLABEL \"k 1\"=v\nRUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none make\nRUN [\"sh\", \"-c\", \"true\"]\nCOPY --from=build --chown=1:2 --chmod=0755 --link a* b/ /dst/\nADD --checksum=sha256:00 http://h/f /f\nCOPY <<-EOF /x\n\thello\n\tEOF\nWORKDIR /app\nUSER 1000:1000\nEXPOSE 80/tcp 443\nCMD [\"sh\"]\nENTRYPOINT exec app\nVOLUME [\"/data\"]\nVOLUME /a /b\nSTOPSIGNAL SIGKILL\nHEALTHCHECK --interval=5s --retries=3 CMD wget -q localhost\nHEALTHCHECK NONE\nSHELL [\"/bin/bash\", \"-c\"]\nONBUILD RUN echo on\nMAINTAINER me <me@example.com>\n",
        )
        .unwrap();
        assert_eq!(
            d.global_args,
            vec![ArgDef {
                name: "BASE".into(),
                default: Some("busybox".into())
            }]
        );
        assert_eq!(d.stages.len(), 2);
        assert_eq!(d.stages[0].name.as_deref(), Some("build"));
        assert_eq!(d.stages[0].base, "${BASE}");
        assert_eq!(d.stages[0].platform.as_deref(), Some("$BUILDPLATFORM"));
        assert_eq!(d.stages[1].base, "scratch");
        let s = &d.stages[1].steps;
        assert_eq!(s.len(), 22);
        assert_eq!(s[0].line, 4);
        assert_eq!(
            s[2].instruction,
            Instruction::Env(vec![KeyValue {
                key: "OLD".into(),
                value: "some value".into()
            }])
        );
        match &s[4].instruction {
            Instruction::Run(r) => {
                assert_eq!(r.mounts[0].kind, MountKind::Cache);
                assert_eq!(r.mounts[0].target.as_deref(), Some("/root/.cache"));
                assert_eq!(r.network, Some(RunNetwork::None));
                assert_eq!(r.command, Command::Shell("make".into()));
            }
            other => panic!("{other:?}"),
        }
        match &s[6].instruction {
            Instruction::Copy(c) => {
                assert_eq!(c.from.as_deref(), Some("build"));
                assert_eq!(c.chmod.as_deref(), Some("0755"));
                assert!(c.link && !c.add);
                assert_eq!(
                    c.sources,
                    vec![Source::Path("a*".into()), Source::Path("b/".into())]
                );
                assert_eq!(c.dest, "/dst/");
            }
            other => panic!("{other:?}"),
        }
        match &s[8].instruction {
            Instruction::Copy(c) => assert_eq!(
                c.sources,
                vec![Source::Inline {
                    name: "EOF".into(),
                    content: "hello\n".into(),
                    expand: true
                }]
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(s[14].instruction, Instruction::Volume(vec!["/data".into()]));
        match &s[17].instruction {
            Instruction::Healthcheck(Healthcheck::Check {
                interval,
                retries,
                command,
                ..
            }) => {
                assert_eq!(*interval, Duration::from_secs(5));
                assert_eq!(*retries, 3);
                assert_eq!(*command, Command::Shell("wget -q localhost".into()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            s[18].instruction,
            Instruction::Healthcheck(Healthcheck::None)
        );
        assert_eq!(
            s[20].instruction,
            Instruction::Onbuild("RUN echo on".into())
        );
        assert_eq!(
            s[21].instruction,
            Instruction::Maintainer("me <me@example.com>".into())
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = err("FROM a\nFOO bar\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown instruction: FOO"), "{e}");
        assert_eq!(
            err("FROM a\nRUN --bogus x\n").message,
            "unknown flag: bogus"
        );
        assert!(err("RUN x\n").message.contains("no build stage"));
        assert!(err("ARG A\n").message.contains("no FROM"));
        assert!(err("FROM a\nCOPY onlyone\n")
            .message
            .contains("at least two"));
        assert!(err("FROM a\nENV A\n").message.contains("two arguments"));
        assert!(err("FROM a\nENV A=1 B\n").message.contains("can't find ="));
        assert!(err("FROM a\nSHELL sh -c\n").message.contains("JSON"));
        assert!(err("FROM a AS 1x\n").message.contains("invalid name"));
        assert!(err("FROM a AS x\nFROM b AS x\n")
            .message
            .contains("duplicate"));
        assert!(err("FROM a\nONBUILD ONBUILD RUN x\n")
            .message
            .contains("Chaining"));
        assert!(err("FROM a\nRUN --mount=type=cache echo\n")
            .message
            .contains("target"));
        assert!(err("FROM a\nRUN --mount=type=nfs,target=/x echo\n")
            .message
            .contains("unsupported"));
        assert!(err("FROM a\nHEALTHCHECK --interval=5x CMD true\n")
            .message
            .contains("interval"));
        assert!(err("FROM a\nRUN [1]\n").message.contains("strings only"));
        assert!(err("FROM a\nCOPY --link=maybe a b\n")
            .message
            .contains("boolean"));
        let e = err("FROM a\nRUN <<EOF\nx\n");
        assert_eq!(
            e.to_string(),
            "dockerfile parse error on line 2: unterminated heredoc"
        );
    }

    #[test]
    fn run_heredocs_and_onbuild_copy() {
        let s = steps("FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nONBUILD COPY <<EOF /x\nhi\nEOF\n");
        match &s[0] {
            Instruction::Run(r) => {
                assert_eq!(r.command, Command::Shell("python3 <<EOF".into()));
                assert_eq!(r.heredocs[0].content, "print(1)\n");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s[1], Instruction::Onbuild("COPY <<EOF /x\nhi\nEOF".into()));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1m30s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("0").unwrap(), Duration::ZERO);
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("").is_err());
    }
}
