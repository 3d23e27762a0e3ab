//! OCI hooks as podman configures them (oci-hooks(5)): JSON files in hook
//! directories say which program runs at which stage of a container's
//! life, for which containers. rpod has no external runtime to hand them
//! to, so it runs them itself: `prestart`/`createRuntime`/`createContainer`
//! once the container's namespaces exist and before its command runs,
//! `poststart` once it runs, `poststop` after it exited (at every restart
//! too). Each program gets the container's OCI state on its stdin.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// The hook directories podman reads when neither `--hooks-dir` nor
/// containers.conf's `hooks_dir` names any (later ones win).
pub const DEFAULT_DIRS: [&str; 2] = [
    "/usr/share/containers/oci/hooks.d",
    "/etc/containers/oci/hooks.d",
];

/// When a hook runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `prestart`, `createRuntime`, `createContainer`: before the command.
    Prestart,
    /// `startContainer`: inside the container before its command (rpod
    /// runs it from the host, with `Prestart`'s).
    StartContainer,
    /// `poststart`: once the command runs.
    Poststart,
    /// `poststop`: after the container exited.
    Poststop,
}

impl Stage {
    fn parse(s: &str) -> Option<Stage> {
        Some(match s {
            "prestart" | "createRuntime" | "createContainer" => Stage::Prestart,
            "startContainer" => Stage::StartContainer,
            "poststart" => Stage::Poststart,
            "poststop" => Stage::Poststop,
            _ => return None,
        })
    }
}

/// The program a hook runs (the OCI spec's `Hook`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Program {
    /// Absolute path of the program.
    pub path: PathBuf,
    /// Its argv (argv\[0\] included); the path alone when empty.
    #[serde(default)]
    pub args: Vec<String>,
    /// Its whole environment (none when empty).
    #[serde(default)]
    pub env: Vec<String>,
    /// Seconds it may run before it is killed.
    #[serde(default)]
    pub timeout: Option<u64>,
}

/// Which containers a hook is for.
#[derive(Debug, Clone, Default, Deserialize)]
struct When {
    always: Option<bool>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
    #[serde(default)]
    commands: Vec<String>,
    #[serde(rename = "hasBindMounts")]
    has_bind_mounts: Option<bool>,
    /// Any condition suffices (0.1.0 files).
    #[serde(skip)]
    or: bool,
}

/// One hook file, read and checked.
#[derive(Debug, Clone)]
pub struct Hook {
    /// The file name (the sort and override key).
    pub name: String,
    /// What runs.
    pub program: Program,
    when: When,
    stages: Vec<Stage>,
}

/// The 1.0.0 file format.
#[derive(Deserialize)]
struct V1 {
    hook: Program,
    #[serde(default)]
    when: When,
    stages: Option<Vec<String>>,
}

/// The 0.1.0 file format (no `version`).
#[derive(Deserialize)]
struct V0 {
    hook: Option<PathBuf>,
    arguments: Option<Vec<String>>,
    stages: Option<Vec<String>>,
    stage: Option<Vec<String>>,
    cmds: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    annotations: Option<Vec<String>>,
    annotation: Option<Vec<String>>,
    hasbindmounts: Option<bool>,
}

/// Why hooks could not be loaded or a hook program failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A hook file does not parse or is invalid.
    #[error("parsing hook {name:?}: {reason}")]
    Parse {
        /// The file.
        name: String,
        /// What is wrong.
        reason: ParseError,
    },
    /// A 1.0.0 hook without stages.
    #[error("missing required property: stages")]
    NoStages,
    /// A hook directory cannot be listed.
    #[error("reading hooks directory: {0}")]
    ReadDir(#[source] std::io::Error),
    /// A hook file cannot be read.
    #[error("reading hook: {0}")]
    Read(#[source] std::io::Error),
    /// A hook's program does not exist.
    #[error(
        "hook {}: stat {}: no such file or directory",
        hook.display(),
        program.display()
    )]
    NoProgram {
        /// The hook file.
        hook: PathBuf,
        /// Its program.
        program: PathBuf,
    },
    /// The program could not be started.
    #[error("error executing hook `{}`: {source}", program.display())]
    Spawn {
        /// The program.
        program: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The program exited non-zero.
    #[error("error executing hook `{}` (exit code: {code})", program.display())]
    Exit {
        /// The program.
        program: PathBuf,
        /// Its exit code.
        code: i32,
    },
    /// The program was killed by a signal.
    #[error("error executing hook `{}` ({status})", program.display())]
    Signalled {
        /// The program.
        program: PathBuf,
        /// How it ended.
        status: std::process::ExitStatus,
    },
    /// Waiting for the program failed.
    #[error("waiting for hook `{}`: {source}", program.display())]
    Wait {
        /// The program.
        program: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The program ran past its timeout (and was killed).
    #[error("error executing hook `{}`: timeout after {seconds} seconds", program.display())]
    Timeout {
        /// The program.
        program: PathBuf,
        /// Its timeout.
        seconds: u64,
    },
}

/// What is wrong with a hook file.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// Not JSON with a version.
    #[error("version check: {0}")]
    Version(#[source] serde_json::Error),
    /// Not a 1.0.0 hook.
    #[error("1.0.0: {0}")]
    V1(#[source] serde_json::Error),
    /// Not a 0.1.0 hook.
    #[error("0.1.0: {0}")]
    V0(#[source] serde_json::Error),
    /// A 0.1.0 hook without its program.
    #[error("0.1.0: missing required property: hook")]
    V0NoHook,
    /// A 0.1.0 hook without stages.
    #[error("0.1.0: missing required property: stages")]
    V0NoStages,
    /// Both spellings of one 0.1.0 property.
    #[error("cannot set both '{0}' and '{0}s'")]
    Both(&'static str),
    /// A version rpod does not read.
    #[error("unrecognized hook version: {0:?} (rpod reads 1.0.0 and 0.1.0)")]
    UnknownVersion(String),
    /// No program path.
    #[error("missing required property: hook.path")]
    NoPath,
    /// A command or annotation pattern that is no regular expression.
    #[error("invalid pattern {pattern:?}: {source}")]
    Pattern {
        /// The pattern.
        pattern: String,
        /// Why.
        source: regex::Error,
    },
    /// A stage name OCI does not define.
    #[error("unknown stage {0:?}")]
    UnknownStage(String),
}

/// Both of two spellings of one 0.1.0 property.
fn one_of<T>(a: Option<T>, b: Option<T>, what: &'static str) -> Result<Option<T>, ParseError> {
    match (a, b) {
        (Some(_), Some(_)) => Err(ParseError::Both(what)),
        (a, b) => Ok(a.or(b)),
    }
}

/// Parses one hook file's text (`name` for messages).
pub fn parse(name: &str, text: &str) -> Result<Hook, Error> {
    #[derive(Deserialize)]
    struct Version {
        #[serde(default)]
        version: String,
    }
    let err = |reason: ParseError| Error::Parse {
        name: name.to_string(),
        reason,
    };
    let v: Version = serde_json::from_str(text).map_err(|e| err(ParseError::Version(e)))?;
    let (program, when, stages) = match v.version.as_str() {
        "1.0.0" => {
            let h: V1 = serde_json::from_str(text).map_err(|e| err(ParseError::V1(e)))?;
            let stages = h.stages.ok_or(Error::NoStages)?;
            (h.hook, h.when, stages)
        }
        "" | "0.1.0" => {
            let h: V0 = serde_json::from_str(text).map_err(|e| err(ParseError::V0(e)))?;
            let path = h.hook.ok_or_else(|| err(ParseError::V0NoHook))?;
            let stages = one_of(h.stage, h.stages, "stage")
                .map_err(err)?
                .ok_or_else(|| err(ParseError::V0NoStages))?;
            let commands = one_of(h.cmd, h.cmds, "cmd").map_err(err)?;
            let annotations = one_of(h.annotation, h.annotations, "annotation").map_err(err)?;
            let args = h.arguments.map_or_else(Vec::new, |a| {
                std::iter::once(path.display().to_string())
                    .chain(a)
                    .collect()
            });
            let when = When {
                commands: commands.unwrap_or_default(),
                has_bind_mounts: h.hasbindmounts,
                annotations: annotations
                    .map(|a| BTreeMap::from([(".*".to_string(), a.join("|"))]))
                    .unwrap_or_default(),
                or: true,
                always: None,
            };
            (
                Program {
                    path,
                    args,
                    env: Vec::new(),
                    timeout: None,
                },
                when,
                stages,
            )
        }
        other => return Err(err(ParseError::UnknownVersion(other.to_string()))),
    };
    if program.path.as_os_str().is_empty() {
        return Err(err(ParseError::NoPath));
    }
    for pattern in when
        .annotations
        .iter()
        .flat_map(|(k, v)| [k, v])
        .chain(&when.commands)
    {
        regex::Regex::new(pattern).map_err(|source| {
            err(ParseError::Pattern {
                pattern: pattern.clone(),
                source,
            })
        })?;
    }
    let stages = stages
        .iter()
        .map(|s| Stage::parse(s).ok_or_else(|| err(ParseError::UnknownStage(s.clone()))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Hook {
        name: name.to_string(),
        program,
        when,
        stages,
    })
}

/// The hooks of `dirs` (later directories replace a file of the same
/// name), sorted by file name as podman runs them. A missing directory
/// has none; a file that cannot be read or parsed, or whose program does
/// not exist, is an error.
pub fn load(dirs: &[PathBuf]) -> Result<Vec<Hook>, Error> {
    let mut by_name: BTreeMap<String, Hook> = BTreeMap::new();
    for dir in dirs {
        let entries = match fs_err::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::ReadDir(e)),
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") {
                continue;
            }
            let path = e.path();
            let text = match fs_err::read_to_string(&path) {
                Ok(t) => t,
                // A dangling link: skipped, as podman does.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::Read(e)),
            };
            let hook = parse(&path.display().to_string(), &text)?;
            if !hook.program.path.exists() {
                return Err(Error::NoProgram {
                    hook: path,
                    program: hook.program.path,
                });
            }
            by_name.insert(name, hook);
        }
    }
    let mut hooks: Vec<Hook> = by_name.into_values().collect();
    hooks.sort_by_key(|h| h.name.to_lowercase());
    Ok(hooks)
}

/// What of a container hooks are matched against.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// The command's argv\[0\].
    pub command: Option<&'a str>,
    /// Its annotations.
    pub annotations: &'a BTreeMap<String, String>,
    /// Whether it has bind mounts.
    pub has_bind_mounts: bool,
}

impl Hook {
    /// Whether it applies to the container (oci-hooks(5)'s `when`: all
    /// conditions given must hold, any for 0.1.0 files; `commands` decides
    /// alone when given).
    pub fn matches(&self, t: &Target) -> bool {
        let w = &self.when;
        let mut matched = 0;
        let mut check = |ok: bool| -> Option<bool> {
            match (ok, w.or) {
                (true, true) => Some(true),
                (true, false) => {
                    matched += 1;
                    None
                }
                (false, true) => None,
                (false, false) => Some(false),
            }
        };
        if let Some(always) = w.always {
            if let Some(r) = check(always) {
                return r;
            }
        }
        if let Some(b) = w.has_bind_mounts {
            if let Some(r) = check(b && t.has_bind_mounts) {
                return r;
            }
        }
        for (kp, vp) in &w.annotations {
            let (Ok(k), Ok(v)) = (regex::Regex::new(kp), regex::Regex::new(vp)) else {
                return false;
            };
            let ok = t
                .annotations
                .iter()
                .any(|(key, value)| k.is_match(key) && v.is_match(value));
            if let Some(r) = check(ok) {
                return r;
            }
        }
        if let (Some(cmd), false) = (t.command, w.commands.is_empty()) {
            return w
                .commands
                .iter()
                .filter_map(|p| regex::Regex::new(p).ok())
                .any(|r| r.is_match(cmd));
        }
        matched > 0
    }

    /// Whether it runs at `stage`.
    pub fn runs_at(&self, stage: Stage) -> bool {
        self.stages.contains(&stage)
    }
}

/// The programs of `hooks` that apply to `target` at `stage`, in order.
pub fn for_stage(hooks: &[Hook], stage: Stage, target: &Target) -> Vec<Program> {
    hooks
        .iter()
        .filter(|h| h.runs_at(stage) && h.matches(target))
        .map(|h| h.program.clone())
        .collect()
}

/// The OCI state a hook reads on its stdin.
pub fn state_json(
    id: &str,
    status: &str,
    pid: i32,
    bundle: &Path,
    annotations: &BTreeMap<String, String>,
) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "ociVersion": "1.0.0",
        "id": id,
        "status": status,
        "pid": pid,
        "bundle": bundle,
        "annotations": annotations,
    }))
    .expect("the state serialises")
}

/// Runs one hook program with `state` on its stdin, in directory `dir`;
/// kills it after its timeout. Errors say which program failed and how.
pub fn run(p: &Program, state: &[u8], dir: &Path) -> Result<(), Error> {
    let mut cmd = Command::new(&p.path);
    if let Some((first, rest)) = p.args.split_first() {
        use std::os::unix::process::CommandExt;
        cmd.arg0(first).args(rest);
    }
    cmd.env_clear();
    for kv in &p.env {
        match kv.split_once('=') {
            Some((k, v)) => cmd.env(k, v),
            None => cmd.env(kv, ""),
        };
    }
    if dir.is_dir() {
        cmd.current_dir(dir);
    }
    let program = || p.path.clone();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|source| Error::Spawn {
            program: program(),
            source,
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A hook that does not read its state is fine.
        let _ = stdin.write_all(state);
    }
    let deadline = p.timeout.map(|t| Instant::now() + Duration::from_secs(t));
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(match status.code() {
                    Some(code) => Error::Exit {
                        program: program(),
                        code,
                    },
                    None => Error::Signalled {
                        program: program(),
                        status,
                    },
                })
            }
            Ok(None) => {}
            Err(source) => {
                return Err(Error::Wait {
                    program: program(),
                    source,
                })
            }
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Timeout {
                program: program(),
                seconds: p.timeout.unwrap_or_default(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(text: &str) -> Hook {
        parse("t.json", text).unwrap()
    }

    #[test]
    fn version_1_with_conditions() {
        let h = hook(
            r#"{"version":"1.0.0","hook":{"path":"/bin/true","args":["true","x"],"timeout":3},
               "when":{"annotations":{"^io\\.x$":"on"},"commands":["sh$"]},
               "stages":["prestart","poststop"]}"#,
        );
        assert!(h.runs_at(Stage::Prestart));
        assert!(h.runs_at(Stage::Poststop));
        assert!(!h.runs_at(Stage::Poststart));
        assert_eq!(h.program.timeout, Some(3));
        let ann = BTreeMap::from([("io.x".to_string(), "on".to_string())]);
        let t = Target {
            command: Some("/bin/sh"),
            annotations: &ann,
            has_bind_mounts: false,
        };
        assert!(h.matches(&t));
        // The command decides once the other conditions hold.
        assert!(!h.matches(&Target {
            command: Some("/bin/true"),
            ..t.clone()
        }));
        let none = BTreeMap::new();
        assert!(!h.matches(&Target {
            annotations: &none,
            ..t
        }));
    }

    #[test]
    fn always_and_nothing() {
        let none = BTreeMap::new();
        let t = Target {
            command: Some("true"),
            annotations: &none,
            has_bind_mounts: true,
        };
        let always = hook(
            r#"{"version":"1.0.0","hook":{"path":"/x"},"when":{"always":true},"stages":["poststart"]}"#,
        );
        assert!(always.matches(&t));
        let never =
            hook(r#"{"version":"1.0.0","hook":{"path":"/x"},"when":{},"stages":["poststart"]}"#);
        assert!(!never.matches(&t));
        let binds = hook(
            r#"{"version":"1.0.0","hook":{"path":"/x"},"when":{"hasBindMounts":true},"stages":["poststart"]}"#,
        );
        assert!(binds.matches(&t));
        assert!(!binds.matches(&Target {
            has_bind_mounts: false,
            ..t
        }));
    }

    #[test]
    fn legacy_format_any_condition() {
        let h = hook(
            r#"{"hook":"/bin/x","arguments":["a"],"stage":["prestart"],"cmds":["^nomatch$"],"hasbindmounts":true}"#,
        );
        assert_eq!(h.program.args, vec!["/bin/x".to_string(), "a".into()]);
        let none = BTreeMap::new();
        assert!(h.matches(&Target {
            command: Some("sh"),
            annotations: &none,
            has_bind_mounts: true
        }));
    }

    #[test]
    fn bad_files_are_refused() {
        for bad in [
            r#"{"version":"2.0.0","hook":{"path":"/x"},"stages":["prestart"]}"#,
            r#"{"version":"1.0.0","hook":{"path":"/x"},"stages":["sometime"]}"#,
            r#"{"version":"1.0.0","hook":{"path":"/x"}}"#,
            r#"{"version":"1.0.0","hook":{"path":""},"stages":["prestart"]}"#,
            r#"{"version":"1.0.0","hook":{"path":"/x"},"when":{"commands":["("]},"stages":["prestart"]}"#,
            r#"{"stage":["prestart"],"stages":["poststop"],"hook":"/x"}"#,
            "not json",
        ] {
            assert!(parse("t.json", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_are_variants_with_podmans_words() {
        let err = parse("t.json", r#"{"version":"2.0.0"}"#).unwrap_err();
        assert!(
            matches!(&err, Error::Parse { reason: ParseError::UnknownVersion(v), .. } if v == "2.0.0"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "parsing hook \"t.json\": unrecognized hook version: \"2.0.0\" (rpod reads 1.0.0 and 0.1.0)"
        );
        let err = parse(
            "t.json",
            r#"{"stage":["prestart"],"stages":["poststop"],"hook":"/x"}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "parsing hook \"t.json\": cannot set both 'stage' and 'stages'"
        );
        let err = parse("t.json", r#"{"version":"1.0.0","hook":{"path":"/x"}}"#).unwrap_err();
        assert!(matches!(err, Error::NoStages), "{err:?}");
        let p = Program {
            path: "/bin/false".into(),
            args: Vec::new(),
            env: Vec::new(),
            timeout: None,
        };
        let err = run(&p, b"{}", Path::new("/")).unwrap_err();
        assert!(matches!(err, Error::Exit { code: 1, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "error executing hook `/bin/false` (exit code: 1)"
        );
    }
}
