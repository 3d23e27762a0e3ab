//! rpod's typed Dockerfile: every instruction of the Dockerfile reference
//! with its flags checked (BuildKit's `instructions` package), grouped into
//! the global ARGs and the stages. Values stay as written: variables are
//! expanded when the plan is made, once the ARG and ENV values are known.

use std::time::Duration;

use crate::build::parse::{self, Heredoc, ParseError};

mod mount;
mod read;
#[cfg(test)]
mod tests;

pub use mount::parse_mount;
pub(crate) use read::instruction;
pub use read::parse_duration;

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
