//! Build arguments and their scopes, as BuildKit has them:
//!
//! - the global scope: the platform arguments (`BUILDPLATFORM`,
//!   `TARGETARCH`, ...) and the ARGs before the first FROM, each taking its
//!   `--build-arg` value or else its default (expanded in the global scope
//!   so far); FROM lines are expanded here;
//! - a stage's scope: the base image's environment, then in order each
//!   ENV and each ARG declared in the stage. An ARG takes its
//!   `--build-arg` value, else its default (expanded in the stage), else,
//!   when declared without one, the global value of the same name. A later
//!   ENV or ARG of the same name wins. ARG values are seen by expansion and
//!   by RUN, but do not go into the image's environment;
//! - the proxy arguments (`HTTP_PROXY`, ...) need no ARG: given with
//!   `--build-arg`, RUN sees them, and they stay out of the history.

use std::collections::{BTreeMap, BTreeSet};

use super::instructions::ArgDef;
use super::shell::{Lexer, ShellError, Vars};
use crate::registry::manifest::Platform;

/// The proxy arguments every build accepts without an ARG.
pub const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// `os/arch[/variant]`.
pub fn platform_string(p: &Platform) -> String {
    match &p.variant {
        Some(v) if !v.is_empty() => format!("{}/{}/{v}", p.os, p.architecture),
        _ => format!("{}/{}", p.os, p.architecture),
    }
}

/// Parses `os/arch[/variant]` (`--platform`, `FROM --platform`).
pub fn parse_platform(s: &str) -> Result<Platform, String> {
    let parts: Vec<&str> = s.split('/').collect();
    match parts.as_slice() {
        [os, arch] | [os, arch, _] if !os.is_empty() && !arch.is_empty() => Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant: parts.get(2).map(|v| v.to_string()),
        }),
        _ => Err(format!(
            "invalid platform {s:?}: expected OS/ARCH[/VARIANT], e.g. linux/amd64"
        )),
    }
}

/// The platform arguments of the global scope (BuildKit's `defaultArgs`).
pub fn platform_args(
    build: &Platform,
    target: &Platform,
    target_stage: &str,
) -> Vec<(String, String)> {
    let v = |p: &Platform| p.variant.clone().unwrap_or_default();
    let stage = if target_stage.is_empty() {
        "default"
    } else {
        target_stage
    };
    [
        ("BUILDPLATFORM", platform_string(build)),
        ("BUILDOS", build.os.clone()),
        ("BUILDOSVERSION", String::new()),
        ("BUILDARCH", build.architecture.clone()),
        ("BUILDVARIANT", v(build)),
        ("TARGETPLATFORM", platform_string(target)),
        ("TARGETOS", target.os.clone()),
        ("TARGETOSVERSION", String::new()),
        ("TARGETARCH", target.architecture.clone()),
        ("TARGETVARIANT", v(target)),
        ("TARGETSTAGE", stage.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Variables in order; setting a name again replaces its value in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VarList(Vec<(String, String)>);

impl VarList {
    /// From pairs (later ones win).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> VarList {
        let mut l = VarList::default();
        for (k, v) in pairs {
            l.set(&k, &v);
        }
        l
    }

    /// Sets `name` to `value`.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.0.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.0.push((name.to_string(), value.to_string())),
        }
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The pairs in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// As `KEY=value` strings (an image config's `Env`).
    pub fn to_env(&self) -> Vec<String> {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect()
    }

    /// From `KEY=value` strings.
    pub fn from_env(env: &[String]) -> VarList {
        VarList::from_pairs(env.iter().map(|e| match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (e.clone(), String::new()),
        }))
    }
}

impl Vars for VarList {
    fn var(&self, name: &str) -> Option<&str> {
        self.get(name)
    }
}

/// The global scope: platform arguments and the ARGs before the first FROM.
#[derive(Debug, Clone)]
pub struct GlobalScope {
    vars: VarList,
    declared: BTreeSet<String>,
}

impl GlobalScope {
    /// Resolves the global ARGs with the `--build-arg` values `given`.
    pub fn new(
        defs: &[ArgDef],
        given: &BTreeMap<String, String>,
        platform_args: Vec<(String, String)>,
        lexer: &Lexer,
    ) -> Result<GlobalScope, ShellError> {
        // A --build-arg may override a platform argument.
        let mut vars = VarList::from_pairs(platform_args.into_iter().map(|(k, v)| {
            let v = given.get(&k).cloned().unwrap_or(v);
            (k, v)
        }));
        let mut declared = BTreeSet::new();
        for def in defs {
            declared.insert(def.name.clone());
            let value = match (given.get(&def.name), &def.default) {
                (Some(v), _) => Some(v.clone()),
                (None, Some(d)) => Some(lexer.word(d, &vars)?),
                (None, None) => None,
            };
            if let Some(v) = value {
                vars.set(&def.name, &v);
            }
        }
        Ok(GlobalScope { vars, declared })
    }

    /// The variables FROM lines are expanded with.
    pub fn vars(&self) -> &VarList {
        &self.vars
    }

    /// Whether a global ARG of this name was declared.
    pub fn declares(&self, name: &str) -> bool {
        self.declared.contains(name)
    }
}

/// A stage's variables while its instructions are planned.
#[derive(Debug, Clone)]
pub struct StageScope {
    /// Everything expansion and RUN see: image env, ENV and ARG values.
    vars: VarList,
    /// The stage's ARGs with their values, in order (for RUN's key and history).
    args: VarList,
}

impl StageScope {
    /// A stage starting from its base image's `Env`.
    pub fn new(base_env: &[String]) -> StageScope {
        StageScope {
            vars: VarList::from_env(base_env),
            args: VarList::default(),
        }
    }

    /// What variables expand to here.
    pub fn vars(&self) -> &VarList {
        &self.vars
    }

    /// The ARGs declared so far that have values.
    pub fn args(&self) -> &VarList {
        &self.args
    }

    /// ENV KEY=value.
    pub fn set_env(&mut self, key: &str, value: &str) {
        self.vars.set(key, value);
    }

    /// An ARG of the stage; returns its resolved value, if it has one.
    pub fn declare(
        &mut self,
        def: &ArgDef,
        given: &BTreeMap<String, String>,
        global: &GlobalScope,
        lexer: &Lexer,
    ) -> Result<Option<String>, ShellError> {
        let value = match (given.get(&def.name), &def.default) {
            (Some(v), _) => Some(v.clone()),
            (None, Some(d)) => Some(lexer.word(d, &self.vars)?),
            (None, None) => global.vars().get(&def.name).map(str::to_string),
        };
        if let Some(v) = &value {
            self.vars.set(&def.name, v);
            self.args.set(&def.name, v);
        }
        Ok(value)
    }
}

/// `--build-arg`s that no ARG declared and that are not predefined (podman warns about them).
pub fn unused_build_args(
    given: &BTreeMap<String, String>,
    declared: &BTreeSet<String>,
) -> Vec<String> {
    given
        .keys()
        .filter(|k| !declared.contains(*k) && !PROXY_ARGS.contains(&k.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, default: Option<&str>) -> ArgDef {
        ArgDef {
            name: name.into(),
            default: default.map(str::to_string),
        }
    }

    fn amd64() -> Platform {
        Platform {
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
        }
    }

    #[test]
    fn global_and_stage_scopes() {
        let lx = Lexer::new('\\');
        let mut given = BTreeMap::new();
        given.insert("TAG".to_string(), "1.36".to_string());
        let global = GlobalScope::new(
            &[
                def("REPO", Some("busybox")),
                def("TAG", Some("latest")),
                def("IMG", Some("$REPO:$TAG")),
            ],
            &given,
            platform_args(&amd64(), &amd64(), ""),
            &lx,
        )
        .unwrap();
        assert_eq!(global.vars().get("IMG"), Some("busybox:1.36"));
        assert_eq!(global.vars().get("TARGETPLATFORM"), Some("linux/amd64"));
        assert_eq!(global.vars().get("TARGETSTAGE"), Some("default"));
        assert_eq!(lx.word("${IMG}", global.vars()).unwrap(), "busybox:1.36");

        let mut stage = StageScope::new(&["PATH=/bin".into(), "X=image".into()]);
        // Global values are not visible until re-declared without a default.
        assert_eq!(stage.vars().get("REPO"), None);
        assert_eq!(
            stage
                .declare(&def("REPO", None), &given, &global, &lx)
                .unwrap()
                .as_deref(),
            Some("busybox")
        );
        assert_eq!(
            stage
                .declare(&def("TARGETARCH", None), &given, &global, &lx)
                .unwrap()
                .as_deref(),
            Some("amd64")
        );
        // A default expands in the stage; --build-arg wins over it.
        assert_eq!(
            stage
                .declare(&def("D", Some("$X-$REPO")), &given, &global, &lx)
                .unwrap()
                .as_deref(),
            Some("image-busybox")
        );
        assert_eq!(
            stage
                .declare(&def("TAG", Some("x")), &given, &global, &lx)
                .unwrap()
                .as_deref(),
            Some("1.36")
        );
        // Declared without a value anywhere: unset.
        assert_eq!(
            stage
                .declare(&def("NONE", None), &given, &global, &lx)
                .unwrap(),
            None
        );
        assert_eq!(stage.vars().get("NONE"), None);
        // ENV after ARG wins; ARGs are kept apart from ENV for the image.
        stage.set_env("D", "env");
        assert_eq!(stage.vars().get("D"), Some("env"));
        assert_eq!(stage.args().get("D"), Some("image-busybox"));
        let declared: BTreeSet<String> = ["TAG".to_string()].into();
        let mut extra = given.clone();
        extra.insert("HTTP_PROXY".into(), "http://p".into());
        extra.insert("NOPE".into(), "1".into());
        assert_eq!(
            unused_build_args(&extra, &declared),
            vec!["NOPE".to_string()]
        );
    }

    #[test]
    fn platforms() {
        let p = parse_platform("linux/arm64/v8").unwrap();
        assert_eq!(platform_string(&p), "linux/arm64/v8");
        assert!(parse_platform("linux").is_err());
        let mut given = BTreeMap::new();
        given.insert("TARGETARCH".to_string(), "riscv64".to_string());
        let g = GlobalScope::new(
            &[],
            &given,
            platform_args(&amd64(), &amd64(), "final"),
            &Lexer::new('\\'),
        )
        .unwrap();
        assert_eq!(g.vars().get("TARGETARCH"), Some("riscv64"));
        assert_eq!(g.vars().get("TARGETSTAGE"), Some("final"));
    }
}

/// A `--secret` value: where the secret comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// `src=PATH` (`type=file`).
    File(std::path::PathBuf),
    /// `env=VAR` (`type=env`): the variable's value.
    Env(String),
}

/// Parses `--secret id=ID[,src=PATH|,env=VAR][,type=file|env]` as podman
/// and BuildKit do; without `src` or `env`, the variable named like the
/// id if it is set (`type=env` implied), else a file of that name.
pub fn parse_secret(value: &str) -> Result<(String, SecretSource), String> {
    let mut id = None;
    let mut src = None;
    let mut env = None;
    let mut typ = None;
    for part in value.split(',') {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            format!("{part:?}: expected KEY=VALUE (id=ID,src=PATH or id=ID,env=VAR)")
        })?;
        match k {
            "id" => id = Some(v.to_string()),
            "src" | "source" => src = Some(v.to_string()),
            "env" => env = Some(v.to_string()),
            "type" if v == "file" || v == "env" => typ = Some(v.to_string()),
            "type" => return Err(format!("type={v}: use type=file or type=env")),
            _ => return Err(format!("unknown key {k:?}: use id, src, env or type")),
        }
    }
    let id = id
        .or_else(|| {
            src.as_deref()
                .and_then(|s| std::path::Path::new(s).file_name())
                .map(|f| f.to_string_lossy().into_owned())
        })
        .filter(|i| !i.is_empty())
        .ok_or("an id is required (id=ID)")?;
    let source = match (src, env, typ.as_deref()) {
        (Some(_), Some(_), _) => return Err("give src or env, not both".into()),
        (Some(s), None, Some("env")) | (None, Some(s), _) => SecretSource::Env(s),
        (Some(s), None, _) => SecretSource::File(s.into()),
        (None, None, Some("file")) => SecretSource::File(id.clone().into()),
        (None, None, _) if std::env::var_os(&id).is_some() => SecretSource::Env(id.clone()),
        (None, None, _) => SecretSource::File(id.clone().into()),
    };
    Ok((id, source))
}

/// Parses `--ssh ID[=SOCKET]` (`default` is `$SSH_AUTH_SOCK`).
pub fn parse_ssh(value: &str) -> Result<(String, std::path::PathBuf), String> {
    let (id, path) = match value.split_once('=') {
        Some((id, p)) => (id, Some(p.to_string())),
        None => (value, None),
    };
    if id.is_empty() {
        return Err("an id is required (default, or ID=SOCKET)".into());
    }
    let path = match path {
        Some(p) => p,
        None => std::env::var("SSH_AUTH_SOCK").map_err(|_| {
            format!(
                "{id}: SSH_AUTH_SOCK is not set: start an agent, or give the socket ({id}=PATH)"
            )
        })?,
    };
    Ok((id.to_string(), path.into()))
}

/// What a `--build-context NAME=VALUE` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextSource {
    /// A local directory (made absolute).
    Dir(std::path::PathBuf),
    /// An image: `container-image://`, `docker-image://` or `docker://`.
    Image(String),
    /// An archive to download (`http://`, `https://`).
    Url(String),
}

/// Parses `--build-context NAME=VALUE` as podman does.
pub fn parse_build_context(value: &str) -> Result<(String, ContextSource), String> {
    let (name, v) = value
        .split_once('=')
        .filter(|(n, _)| !n.is_empty())
        .ok_or_else(|| format!("{value:?}: use NAME=DIR or NAME=container-image://IMAGE"))?;
    let source = if let Some(image) = ["docker-image://", "container-image://", "docker://"]
        .iter()
        .find_map(|p| v.strip_prefix(p))
    {
        ContextSource::Image(image.to_string())
    } else if v.starts_with("http://") || v.starts_with("https://") {
        ContextSource::Url(v.to_string())
    } else {
        ContextSource::Dir(std::path::absolute(v).map_err(|e| format!("{v}: {e}"))?)
    };
    Ok((name.to_string(), source))
}

/// Where `--output` writes the built files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildOutput {
    /// `type=local,dest=DIR` (or `DIR` alone): the files, in this directory.
    Dir(std::path::PathBuf),
    /// `type=tar,dest=FILE`: a tar archive; `None` is standard output (`-`).
    Tar(Option<std::path::PathBuf>),
}

/// Parses `--output` as podman does: `-` (a tar on standard output),
/// `DIR`, or `type=local|tar,dest=PATH`.
pub fn parse_output(value: &str) -> Result<BuildOutput, String> {
    if value == "-" {
        return Ok(BuildOutput::Tar(None));
    }
    if !value.contains(',') && !value.starts_with("type=") && !value.starts_with("dest=") {
        return Ok(BuildOutput::Dir(value.into()));
    }
    let mut kind = None;
    let mut dest = None;
    for part in value.split(',') {
        match part.split_once('=') {
            Some(("type", t)) if kind.is_none() => kind = Some(t.to_string()),
            Some(("dest", d)) if dest.is_none() => dest = Some(d.to_string()),
            Some((k @ ("type" | "dest"), _)) => return Err(format!("{k} is given twice")),
            Some((k, _)) => return Err(format!("unknown key {k:?}: use type and dest")),
            None => {
                return Err(format!(
                    "{part:?}: expected KEY=VALUE (type=local,dest=DIR)"
                ))
            }
        }
    }
    let (Some(kind), Some(dest)) = (kind, dest) else {
        return Err(
            "both type and dest are needed: type=local,dest=DIR or type=tar,dest=FILE".into(),
        );
    };
    match (kind.as_str(), dest.as_str()) {
        ("local", "-") => {
            Err("type=local cannot write to standard output: use type=tar,dest=-".into())
        }
        ("local", d) => Ok(BuildOutput::Dir(d.into())),
        ("tar", "-") => Ok(BuildOutput::Tar(None)),
        ("tar", d) => Ok(BuildOutput::Tar(Some(d.into()))),
        (t, _) => Err(format!("type={t}: use local or tar")),
    }
}

#[cfg(test)]
mod output_tests {
    use super::*;

    #[test]
    fn output_and_context_forms() {
        assert_eq!(parse_output("-").unwrap(), BuildOutput::Tar(None));
        assert_eq!(parse_output("out").unwrap(), BuildOutput::Dir("out".into()));
        assert_eq!(
            parse_output("type=tar,dest=a.tar").unwrap(),
            BuildOutput::Tar(Some("a.tar".into()))
        );
        assert_eq!(
            parse_output("type=local,dest=/o").unwrap(),
            BuildOutput::Dir("/o".into())
        );
        assert!(parse_output("type=local,dest=-").is_err());
        assert!(parse_output("type=registry,dest=x").is_err());
        assert!(parse_output("type=tar").is_err());
        assert_eq!(
            parse_build_context("img=docker-image://alpine:3").unwrap(),
            ("img".into(), ContextSource::Image("alpine:3".into()))
        );
        assert_eq!(
            parse_build_context("src=/abs/dir").unwrap(),
            ("src".into(), ContextSource::Dir("/abs/dir".into()))
        );
        assert!(matches!(
            parse_build_context("u=https://x/y.tar").unwrap().1,
            ContextSource::Url(_)
        ));
        assert!(parse_build_context("noequals").is_err());
        assert!(parse_build_context("=x").is_err());
    }
}

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn secret_forms() {
        assert_eq!(
            parse_secret("id=tok,src=/a/b").unwrap(),
            ("tok".into(), SecretSource::File("/a/b".into()))
        );
        assert_eq!(
            parse_secret("src=/a/key.pem").unwrap(),
            ("key.pem".into(), SecretSource::File("/a/key.pem".into()))
        );
        assert_eq!(
            parse_secret("id=tok,env=TOKEN").unwrap(),
            ("tok".into(), SecretSource::Env("TOKEN".into()))
        );
        assert_eq!(
            parse_secret("id=tok,type=env,src=TOKEN").unwrap(),
            ("tok".into(), SecretSource::Env("TOKEN".into()))
        );
        assert!(parse_secret("id=a,src=x,env=y").is_err());
        assert!(parse_secret("id=a,bogus=1")
            .unwrap_err()
            .contains("unknown key"));
        assert!(parse_secret("type=env")
            .unwrap_err()
            .contains("id is required"));
        assert!(parse_ssh("=x").is_err());
        assert_eq!(
            parse_ssh("gh=/tmp/s").unwrap(),
            ("gh".into(), "/tmp/s".into())
        );
    }
}
