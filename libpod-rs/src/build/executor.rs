//! Executes a build plan: each stage from its base (an image, an earlier
//! stage, or nothing), its steps in order, each looked up in the cache
//! index by its key before any work. Metadata instructions change the
//! image config; COPY, ADD and WORKDIR make layers directly; RUN goes to a
//! [`StepRunner`], the one place a container is needed.
//!
//! Progress goes to a [`Reporter`] as podman prints it (`STEP 2/5: COPY
//! . .`, `--> Using cache …`, `--> 1a2b3c4d5e6f`, `COMMIT app`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use super::args::{self, GlobalScope, StageScope};
use super::cache::{self, Cache, CachedLayer};
use super::change;
use super::context::{Context, Selected, StatCache};
use super::copy::{self, LayerView};
use super::ignore::{clean, Ignore};
use super::instructions::{
    Command, Copy, Dockerfile, Healthcheck, Instruction, MountKind, Run, RunMount, RunNetwork,
    Source, Step,
};
use super::plan::{self, Base, KeyParts};
use super::shell::Lexer;
use crate::digest::Digest;
use crate::image::author::{self, Format, History, NewImage, NewLayer};
use crate::image::ImageRecord;
use crate::layer::{self, diff};
use crate::registry::manifest::Platform;
use crate::store::{self, Store};

/// What a RUN step mounts, resolved by the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunMountSource {
    /// A host directory or file (a context path, a stage's tree, a cache
    /// directory, a here-document script).
    Bind {
        /// The host path.
        source: PathBuf,
        /// Mounted read-only.
        read_only: bool,
    },
    /// A tmpfs, with its mount options (`size=...`).
    Tmpfs(Vec<String>),
}

/// A RUN mount: what, and where in the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMount {
    /// The absolute path in the container.
    pub target: String,
    /// What is mounted there.
    pub source: RunMountSource,
}

/// What a RUN step needs: the stage's root file system and process settings.
#[derive(Debug)]
pub struct RunRequest<'a> {
    /// The stage's layer directories, bottom first.
    pub layers: &'a [PathBuf],
    /// A fresh private directory for the step's container (its upper and
    /// work directories, its /etc files); removed by the builder after the
    /// layer is made.
    pub scratch: &'a Path,
    /// The environment (image env, ENV, ARG values).
    pub env: Vec<String>,
    /// `USER`.
    pub user: String,
    /// `WORKDIR`.
    pub workdir: String,
    /// The command line (the shell form already wrapped in the stage's SHELL,
    /// here-documents folded in).
    pub argv: Vec<String>,
    /// `--network`.
    pub network: RunNetwork,
    /// `--mount`s (and here-document scripts), resolved.
    pub mounts: Vec<ResolvedMount>,
    /// Where the step's output goes.
    pub output: RunOutput,
}

/// Where a RUN step's changes are, for the layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// An overlay upper directory (whiteouts and opaque markers included).
    Upper(PathBuf),
    /// A full tree (the vfs driver), compared with the layers below.
    Tree(PathBuf),
}

/// Runs a RUN step; returns where its changes are, which become the
/// step's layer.
pub trait StepRunner {
    /// Runs the step; `Err((message, exit code))` when it fails.
    fn run(&self, req: &RunRequest<'_>) -> Result<Changes, (String, u8)>;
}

/// A runner that refuses RUN (for builds that must not run anything).
pub struct RunUnsupported;

impl StepRunner for RunUnsupported {
    fn run(&self, _req: &RunRequest<'_>) -> Result<Changes, (String, u8)> {
        Err((
            "RUN is not supported by this build: build this Dockerfile with podman or buildah, or remove the RUN steps".into(),
            125,
        ))
    }
}

/// Finds (pulling when needed) the images a build uses.
pub trait Images {
    /// The image `name` (a FROM base or a `--from`).
    fn resolve(&self, name: &str) -> Result<ImageRecord, String>;
}

/// A build's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A step starts: `[1/2] STEP 3/5: COPY . .` (prefix empty for one stage).
    Step {
        /// `[i/n] ` when several stages are built.
        prefix: String,
        /// The step's number in its stage (FROM is 1).
        n: usize,
        /// Steps in the stage.
        total: usize,
        /// The instruction as written.
        text: String,
    },
    /// The step was found in the cache (its result's ID).
    UsingCache(String),
    /// A step's result (its ID).
    Done(String),
    /// The target's image is being written, under this name (or none).
    Commit(String),
    /// Something to tell the user.
    Warning(String),
}

/// Receives a build's progress.
pub trait Reporter {
    /// One event.
    fn event(&self, e: Event);
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
#[error("{}{message}", .step.as_ref().map(|s| format!("building at STEP \"{s}\": ")).unwrap_or_default())]
pub struct BuildError {
    /// The step, as written.
    pub step: Option<String>,
    /// What went wrong.
    pub message: String,
    /// The exit code (125, or a RUN's own).
    pub code: u8,
}

fn fail(step: Option<&Step>, message: impl std::fmt::Display) -> BuildError {
    BuildError {
        step: step.map(|s| s.original.clone()),
        message: message.to_string(),
        code: 125,
    }
}

/// What to build.
pub struct Request<'a> {
    /// The Dockerfile.
    pub dockerfile: &'a Dockerfile,
    /// The context (empty for `-`).
    pub context: &'a Context,
    /// `--build-arg`s.
    pub build_args: BTreeMap<String, String>,
    /// `--target`.
    pub target: Option<String>,
    /// Full names for the result.
    pub names: Vec<String>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// The image format.
    pub format: Format,
    /// Layer compression.
    pub compression: layer::Compression,
    /// The target platform.
    pub platform: Platform,
    /// Whether rpod runs rootless.
    pub rootless: bool,
    /// `--secret`s by id: their content, mounted by `RUN --mount=type=secret`
    /// (never part of a layer or of the cache key).
    pub secrets: BTreeMap<String, Vec<u8>>,
    /// `--ssh`: agent sockets by id, mounted by `RUN --mount=type=ssh`.
    pub ssh: BTreeMap<String, PathBuf>,
    /// Where RUN steps' output goes.
    pub output: RunOutput,
    /// `--label`s for the image.
    pub labels: BTreeMap<String, String>,
    /// `--env` settings for the image (`KEY=VALUE`).
    pub env: Vec<String>,
    /// `--unsetenv`: names left out of the final image's environment.
    pub unset_env: Vec<String>,
    /// `--squash`/`--squash-all`: how the image's layers are merged.
    pub squash: Squash,
}

/// Which layers of the built image are merged into one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Squash {
    /// One layer per step (the default).
    #[default]
    No,
    /// `--squash`: the build's new layers become one; the base's stay.
    New,
    /// `--squash-all`: the base's layers too: the image has one layer.
    All,
}

/// Where a RUN step's output goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RunOutput {
    /// Our own stdout and stderr.
    #[default]
    Terminal,
    /// `-q`: kept out of the terminal, shown on stderr if the step fails.
    Quiet,
    /// `--logfile`: appended to this file.
    File(PathBuf),
}

/// A `RUN --mount=type=secret|ssh`, resolved: made in the step's scratch
/// directory when the step runs (not when it is found in the cache).
#[derive(Debug, Clone)]
enum Private {
    /// A secret's content, as a file at `target` (if mounted) and/or in the
    /// variable `env`.
    Secret {
        id: String,
        target: Option<String>,
        env: Option<String>,
        mode: u32,
        uid: Option<u32>,
        gid: Option<u32>,
    },
    /// An agent socket bound at `target`, named by `SSH_AUTH_SOCK`.
    Ssh { socket: PathBuf, target: String },
}

/// A stage as built so far.
#[derive(Debug, Clone)]
struct State {
    base: Option<ImageRecord>,
    config: Value,
    layers: Vec<NewLayer>,
    id: String,
}

impl State {
    fn layer_dirs(&self, store: &Store) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .base
            .iter()
            .flat_map(|b| b.layers.iter().map(|l| store.layer_diff(&l.diff_id)))
            .collect();
        dirs.extend(self.layers.iter().map(|l| store.layer_diff(&l.diff_id)));
        dirs
    }

    fn cfg(&mut self) -> &mut Value {
        if !self.config["config"].is_object() {
            self.config["config"] = json!({});
        }
        &mut self.config["config"]
    }
}

fn step_id(config: &Value) -> String {
    hex::encode(Sha256::digest(
        serde_json::to_vec(config).expect("configs serialise"),
    ))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

struct Builder<'a> {
    store: &'a Store,
    req: &'a Request<'a>,
    images: &'a dyn Images,
    runner: &'a dyn StepRunner,
    reporter: &'a dyn Reporter,
    cache: Cache<'a>,
    stat_cache: StatCache,
    global: GlobalScope,
    lexer: Lexer,
    platform: String,
    results: HashMap<usize, State>,
    /// Assembled root file systems of stages and images used by `--from`.
    trees: HashMap<String, (PathBuf, Context)>,
    scratch: Vec<PathBuf>,
}

/// Builds the request's target; returns the image written.
pub fn build(
    store: &Store,
    req: &Request<'_>,
    images: &dyn Images,
    runner: &dyn StepRunner,
    reporter: &dyn Reporter,
) -> Result<ImageRecord, BuildError> {
    let df = req.dockerfile;
    let lexer = Lexer::new(df.escape);
    let host = Platform::host();
    let target_name = req.target.clone().unwrap_or_default();
    let global = GlobalScope::new(
        &df.global_args,
        &req.build_args,
        args::platform_args(&host, &req.platform, &target_name),
        &lexer,
    )
    .map_err(|e| fail(None, e))?;
    let plan =
        plan::plan(df, &global, df.escape, req.target.as_deref()).map_err(|e| fail(None, e))?;
    let stat_path = store.root().join("build-cache").join("context-stat.json");
    let mut b = Builder {
        store,
        req,
        images,
        runner,
        reporter,
        cache: Cache::new(store),
        stat_cache: StatCache::load(&stat_path),
        global,
        lexer,
        platform: args::platform_string(&req.platform),
        results: HashMap::new(),
        trees: HashMap::new(),
        scratch: Vec::new(),
    };
    let result = (|| {
        let count = plan.stages.len();
        for (k, ps) in plan.stages.iter().enumerate() {
            let prefix = if count > 1 {
                format!("[{}/{count}] ", k + 1)
            } else {
                String::new()
            };
            let last = ps.index == plan.target;
            let state = b.stage(ps.index, &ps.base, &prefix, last)?;
            b.results.insert(ps.index, state);
        }
        let state = b
            .results
            .remove(&plan.target)
            .expect("the target was built");
        b.commit(state)
    })();
    for dir in &b.scratch {
        let _ = layer::remove_tree(dir);
    }
    if let Err(e) = b.stat_cache.save(&stat_path) {
        tracing::debug!("saving the context stat cache: {e}");
    }
    let declared: std::collections::BTreeSet<String> = df
        .global_args
        .iter()
        .map(|a| a.name.clone())
        .chain(df.stages.iter().flat_map(|s| {
            s.steps.iter().flat_map(|st| match &st.instruction {
                Instruction::Arg(defs) => defs.iter().map(|d| d.name.clone()).collect(),
                _ => Vec::new(),
            })
        }))
        .collect();
    let unused = args::unused_build_args(&req.build_args, &declared);
    if !unused.is_empty() && result.is_ok() {
        reporter.event(Event::Warning(format!(
            "one or more build args were not consumed: [{}]",
            unused.join(" ")
        )));
    }
    result
}

impl Builder<'_> {
    fn stage(
        &mut self,
        index: usize,
        base: &Base,
        prefix: &str,
        last: bool,
    ) -> Result<State, BuildError> {
        let df = self.req.dockerfile;
        let stage = &df.stages[index];
        let total = stage.steps.len() + 1;
        self.reporter.event(Event::Step {
            prefix: prefix.to_string(),
            n: 1,
            total,
            text: stage.original.clone(),
        });
        let mut state = match base {
            Base::Scratch => {
                let (config, _) =
                    author::parent_parts(self.store, None).map_err(|e| fail(None, e))?;
                State {
                    base: None,
                    config,
                    layers: Vec::new(),
                    id: "scratch".into(),
                }
            }
            Base::Stage(n) => self
                .results
                .get(n)
                .cloned()
                .ok_or_else(|| fail(None, format!("stage {n} was not built")))?,
            Base::Image(name) => {
                let rec = self.images.resolve(name).map_err(|e| fail(None, e))?;
                let (config, _) =
                    author::parent_parts(self.store, Some(&rec)).map_err(|e| fail(None, e))?;
                State {
                    id: format!("image:{}", rec.id),
                    base: Some(rec),
                    config,
                    layers: Vec::new(),
                }
            }
        };
        // An inherited OnBuild list is not passed on.
        if state.config["config"]["OnBuild"].is_array() && !matches!(base, Base::Stage(_)) {
            let triggers = strings(&state.config["config"]["OnBuild"]);
            if !triggers.is_empty() {
                self.reporter.event(Event::Warning(format!(
                    "the base image's ONBUILD triggers are not run by rpod yet: {}",
                    triggers.join("; ")
                )));
            }
            state.cfg()["OnBuild"] = Value::Null;
        }
        let env = strings(&state.config["config"]["Env"]);
        let mut scope = StageScope::new(&env);
        let mut cmd_set = false;
        for (i, step) in stage.steps.iter().enumerate() {
            self.reporter.event(Event::Step {
                prefix: prefix.to_string(),
                n: i + 2,
                total,
                text: step.original.clone(),
            });
            self.step(&mut state, &mut scope, step, &mut cmd_set)?;
            let id = step_id(&state.config);
            if !(last && i + 1 == stage.steps.len()) {
                self.reporter.event(Event::Done(id));
            }
        }
        Ok(state)
    }

    fn word(&self, scope: &StageScope, s: &str, step: &Step) -> Result<String, BuildError> {
        self.lexer
            .word(s, scope.vars())
            .map_err(|e| fail(Some(step), e))
    }

    /// Looks the step up; runs `work` on a miss and records its result.
    fn cached(
        &mut self,
        state: &mut State,
        key: KeyParts<'_>,
        work: impl FnOnce(&mut Self, &mut State) -> Result<Option<NewLayer>, BuildError>,
    ) -> Result<(), BuildError> {
        let key = plan::step_key(&key);
        if !self.req.no_cache {
            if let Some(entry) = self.cache.get(&key) {
                state.config = entry.config;
                if let Some(l) = entry.layer {
                    state.layers.push(l.to_layer());
                }
                state.id = key.hex().to_string();
                self.reporter
                    .event(Event::UsingCache(step_id(&state.config)));
                return Ok(());
            }
        }
        let layer = work(self, state)?;
        if let Some(l) = &layer {
            state.layers.push(l.clone());
        }
        state.id = key.hex().to_string();
        let entry = cache::Entry {
            config: state.config.clone(),
            layer: layer.as_ref().map(CachedLayer::from),
        };
        if let Err(e) = self.cache.put(&key, &entry) {
            tracing::debug!("writing the build cache: {e}");
        }
        Ok(())
    }

    fn metadata(
        &mut self,
        state: &mut State,
        text: &str,
        apply: impl FnOnce(&mut State),
    ) -> Result<(), BuildError> {
        let parent = state.id.clone();
        let platform = self.platform.clone();
        self.cached(
            state,
            KeyParts {
                parent: &parent,
                instruction: text,
                args: &[],
                platform: &platform,
                content: None,
            },
            |_, state| {
                apply(state);
                author::add_step(
                    &mut state.config,
                    Utc::now(),
                    &History {
                        created_by: format!("/bin/sh -c #(nop) {text}"),
                        empty_layer: true,
                        ..Default::default()
                    },
                    None,
                );
                Ok(None)
            },
        )
    }

    fn command(&self, state: &State, c: &Command) -> Vec<String> {
        match c {
            Command::Exec(v) => v.clone(),
            Command::Shell(s) => {
                let mut shell = strings(&state.config["config"]["Shell"]);
                if shell.is_empty() {
                    shell = vec!["/bin/sh".into(), "-c".into()];
                }
                shell.push(s.clone());
                shell
            }
        }
    }

    fn step(
        &mut self,
        state: &mut State,
        scope: &mut StageScope,
        step: &Step,
        cmd_set: &mut bool,
    ) -> Result<(), BuildError> {
        match &step.instruction {
            Instruction::From { .. } => unreachable!("FROM starts a stage"),
            Instruction::Arg(defs) => {
                let mut parts = Vec::new();
                for d in defs {
                    let v = scope
                        .declare(d, &self.req.build_args, &self.global, &self.lexer)
                        .map_err(|e| fail(Some(step), e))?;
                    parts.push(match v {
                        Some(v) => format!("{}={v}", d.name),
                        None => d.name.clone(),
                    });
                }
                self.metadata(state, &format!("ARG {}", parts.join(" ")), |_| {})
            }
            Instruction::Env(pairs) => {
                let mut set = Vec::new();
                for kv in pairs {
                    let k = self.word(scope, &kv.key, step)?;
                    let v = self.word(scope, &kv.value, step)?;
                    scope.set_env(&k, &v);
                    set.push((k, v));
                }
                let text = set
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                self.metadata(state, &format!("ENV {text}"), |s| {
                    for (k, v) in &set {
                        change::set_env(s.cfg(), k, v);
                    }
                })
            }
            Instruction::Label(pairs) => {
                let mut set = Vec::new();
                for kv in pairs {
                    set.push((
                        self.word(scope, &kv.key, step)?,
                        self.word(scope, &kv.value, step)?,
                    ));
                }
                let text = set
                    .iter()
                    .map(|(k, v)| format!("{k}={v:?}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                self.metadata(state, &format!("LABEL {text}"), |s| {
                    change::apply(s.cfg(), &[change::Change::Label(set.clone())])
                })
            }
            Instruction::User(u) => {
                let u = self.word(scope, u, step)?;
                self.metadata(state, &format!("USER {u}"), |s| s.cfg()["User"] = json!(u))
            }
            Instruction::StopSignal(sig) => {
                let sig = self.word(scope, sig, step)?;
                self.metadata(state, &format!("STOPSIGNAL {sig}"), |s| {
                    s.cfg()["StopSignal"] = json!(sig)
                })
            }
            Instruction::Maintainer(m) => {
                let m = m.clone();
                self.metadata(state, &format!("MAINTAINER {m}"), |s| {
                    s.config["author"] = json!(m)
                })
            }
            Instruction::Expose(ports) => {
                let mut all = Vec::new();
                for p in ports {
                    for w in self
                        .lexer
                        .words(p, scope.vars())
                        .map_err(|e| fail(Some(step), e))?
                    {
                        all.push(if w.contains('/') {
                            w.to_ascii_lowercase()
                        } else {
                            format!("{w}/tcp")
                        });
                    }
                }
                self.metadata(state, &format!("EXPOSE {}", all.join(" ")), |s| {
                    change::apply(s.cfg(), &[change::Change::Expose(all.clone())])
                })
            }
            Instruction::Volume(vols) => {
                let mut all = Vec::new();
                for v in vols {
                    all.push(self.word(scope, v, step)?);
                }
                self.metadata(state, &format!("VOLUME {all:?}"), |s| {
                    change::apply(s.cfg(), &[change::Change::Volume(all.clone())])
                })
            }
            Instruction::Cmd(c) => {
                let argv = self.command(state, c);
                *cmd_set = true;
                self.metadata(state, &format!("CMD {}", json!(argv)), |s| {
                    s.cfg()["Cmd"] = json!(argv)
                })
            }
            Instruction::Entrypoint(c) => {
                let argv = self.command(state, c);
                let reset_cmd = !*cmd_set;
                self.metadata(state, &format!("ENTRYPOINT {}", json!(argv)), |s| {
                    s.cfg()["Entrypoint"] = json!(argv);
                    // A CMD inherited from the base does not fit a new entrypoint.
                    if reset_cmd {
                        s.cfg()["Cmd"] = Value::Null;
                    }
                })
            }
            Instruction::Shell(sh) => {
                let sh = sh.clone();
                self.metadata(state, &format!("SHELL {}", json!(sh)), |s| {
                    s.cfg()["Shell"] = json!(sh)
                })
            }
            Instruction::Onbuild(expr) => {
                let expr = expr.clone();
                self.metadata(state, &format!("ONBUILD {expr}"), |s| {
                    change::apply(s.cfg(), &[change::Change::Onbuild(expr.clone())])
                })
            }
            Instruction::Healthcheck(h) => {
                let value = match h {
                    Healthcheck::None => json!({"Test": ["NONE"]}),
                    Healthcheck::Check {
                        command,
                        interval,
                        timeout,
                        start_period,
                        start_interval,
                        retries,
                    } => {
                        let test = match command {
                            Command::Exec(v) => {
                                let mut t = vec!["CMD".to_string()];
                                t.extend(v.iter().cloned());
                                t
                            }
                            Command::Shell(s) => vec!["CMD-SHELL".into(), s.clone()],
                        };
                        let ns = |d: &Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
                        let mut v = json!({"Test": test});
                        for (k, d) in [
                            ("Interval", interval),
                            ("Timeout", timeout),
                            ("StartPeriod", start_period),
                            ("StartInterval", start_interval),
                        ] {
                            if !d.is_zero() {
                                v[k] = json!(ns(d));
                            }
                        }
                        if *retries > 0 {
                            v["Retries"] = json!(retries);
                        }
                        v
                    }
                };
                self.metadata(state, &format!("HEALTHCHECK {value}"), |s| {
                    s.cfg()["Healthcheck"] = value.clone()
                })
            }
            Instruction::Workdir(w) => self.workdir(state, scope, step, w),
            Instruction::Copy(c) => self.copy(state, scope, step, c),
            Instruction::Run(r) => self.run(state, scope, step, r),
        }
    }

    fn layer_from(&self, dir: &Path) -> Result<NewLayer, author::Error> {
        let opts = diff::DiffOptions::default();
        author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
            diff::upper_to_tar(dir, w, &opts).map(drop)
        })
    }

    /// The layer of a RUN step's changes.
    fn layer_of(&self, changes: &Changes, lowers: &[PathBuf]) -> Result<NewLayer, author::Error> {
        match changes {
            Changes::Upper(dir) => self.layer_from(dir),
            Changes::Tree(tree) => {
                let opts = diff::DiffOptions::default();
                author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
                    diff::tree_to_tar(lowers, tree, w, &opts).map(drop)
                })
            }
        }
    }

    /// The stage `step` belongs to.
    fn stage_of(&self, step: &Step) -> usize {
        self.req
            .dockerfile
            .stages
            .iter()
            .position(|s| s.steps.iter().any(|x| std::ptr::eq(x, step)))
            .unwrap_or(0)
    }

    /// The command line of a RUN: the shell form in the stage's SHELL, with
    /// its here-documents: a command that is only `<<EOF` runs the
    /// document as its script (a `#!` one as a file of its own, returned
    /// with its name); otherwise the documents follow the command line, as
    /// a shell reads them.
    fn run_command(&self, state: &State, r: &Run) -> (Vec<String>, Option<(String, String)>) {
        let Command::Shell(line) = &r.command else {
            return (self.command(state, &r.command), None);
        };
        if r.heredocs.is_empty() {
            return (self.command(state, &r.command), None);
        }
        if let Ok(Some(h)) = super::parse::heredoc_word(line.trim()) {
            if let Some(doc) = r.heredocs.iter().find(|d| d.name == h.name) {
                let text = doc.text();
                if text.starts_with("#!") {
                    let path = format!("/dev/pipes/{}", doc.name);
                    return (vec![path.clone()], Some((path, text)));
                }
                return (self.command(state, &Command::Shell(text)), None);
            }
        }
        let mut script = format!("{line}\n");
        for d in &r.heredocs {
            script.push_str(&d.content);
            script.push_str(&d.name);
            script.push('\n');
        }
        (self.command(state, &Command::Shell(script)), None)
    }

    /// A RUN step: looked up in the cache by its command line, mounts and
    /// the build args in scope; on a miss, run in a container whose
    /// changes become the layer.
    fn run(
        &mut self,
        state: &mut State,
        scope: &StageScope,
        step: &Step,
        r: &Run,
    ) -> Result<(), BuildError> {
        let (argv, script) = self.run_command(state, r);
        let mut text = format!("RUN {}", json!(argv));
        if let Some((path, body)) = &script {
            text.push_str(&format!(" script {path} {body:?}"));
        }
        let network = r.network.unwrap_or(RunNetwork::Default);
        if network != RunNetwork::Default {
            text = format!("RUN --network={network:?} {}", &text[4..]);
        }
        let args_in_scope: Vec<(String, String)> = scope.args().pairs().to_vec();
        if !args_in_scope.is_empty() {
            text = format!("|{} {text}", args_in_scope.len());
        }
        let (shared, private): (Vec<RunMount>, Vec<RunMount>) = r
            .mounts
            .iter()
            .cloned()
            .partition(|m| !matches!(m.kind, MountKind::Secret | MountKind::Ssh));
        let (mounts, content) = self.run_mounts(scope, step, &shared)?;
        if !mounts.is_empty() {
            text.push_str(&format!(" mounts {mounts:?}"));
        }
        // Which secrets and agents a step uses is part of its key; their
        // content is not (as BuildKit).
        let private = self.private_mounts(scope, step, &private)?;
        if !private.is_empty() {
            let what: Vec<String> = private
                .iter()
                .map(|p| match p {
                    Private::Secret {
                        id, target, env, ..
                    } => {
                        format!("secret {id} {target:?} {env:?}")
                    }
                    Private::Ssh { target, .. } => format!("ssh {target}"),
                })
                .collect();
            text.push_str(&format!(" private {what:?}"));
        }
        let parent = state.id.clone();
        let platform = self.platform.clone();
        let layers = state.layer_dirs(self.store);
        let mut env = scope.vars().to_env();
        let user = state.config["config"]["User"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let workdir = state.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let created_by = {
            let shown = argv.join(" ");
            if args_in_scope.is_empty() {
                shown
            } else {
                let a: Vec<String> = args_in_scope
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                format!("|{} {} {shown}", a.len(), a.join(" "))
            }
        };
        self.cached(
            state,
            KeyParts {
                parent: &parent,
                instruction: &text,
                args: &args_in_scope,
                platform: &platform,
                content: content.as_ref(),
            },
            |b, state| {
                let scratch = b.staging()?;
                let result = (|| {
                    let mut mounts = mounts;
                    if let Some((path, body)) = &script {
                        let file = scratch.join("script");
                        fs_err::write(&file, body).map_err(|e| fail(Some(step), e))?;
                        fs_err::set_permissions(
                            &file,
                            std::os::unix::fs::PermissionsExt::from_mode(0o755),
                        )
                        .map_err(|e| fail(Some(step), e))?;
                        mounts.push(ResolvedMount {
                            target: path.clone(),
                            source: RunMountSource::Bind {
                                source: file,
                                read_only: true,
                            },
                        });
                    }
                    b.make_private(&scratch, step, &private, &mut mounts, &mut env)?;
                    let req = RunRequest {
                        layers: &layers,
                        scratch: &scratch,
                        env,
                        user,
                        workdir,
                        argv,
                        network,
                        mounts,
                        output: b.req.output.clone(),
                    };
                    let changes = b.runner.run(&req).map_err(|(message, code)| BuildError {
                        step: Some(step.original.clone()),
                        message,
                        code,
                    })?;
                    b.layer_of(&changes, &layers)
                        .map_err(|e| fail(Some(step), e))
                })();
                // The step's container goes now, not at the end of the build.
                let _ = layer::remove_tree(&scratch);
                let l = result?;
                author::add_step(
                    &mut state.config,
                    Utc::now(),
                    &History {
                        created_by,
                        ..Default::default()
                    },
                    Some(&l.diff_id),
                );
                Ok(Some(l))
            },
        )
    }

    /// A RUN's `--mount`s, resolved, and the content digest of the context
    /// files they bind (for the cache key).
    fn run_mounts(
        &mut self,
        scope: &StageScope,
        step: &Step,
        mounts: &[RunMount],
    ) -> Result<(Vec<ResolvedMount>, Option<Digest>), BuildError> {
        let mut out = Vec::new();
        let mut hash = Sha256::new();
        let mut hashed = false;
        for m in mounts {
            let word = |b: &Self, v: &Option<String>| -> Result<Option<String>, BuildError> {
                v.as_deref().map(|x| b.word(scope, x, step)).transpose()
            };
            let target = word(self, &m.target)?;
            let source = word(self, &m.source)?;
            let from = word(self, &m.from)?;
            let target = match (&m.kind, target) {
                (_, Some(t)) if t.starts_with('/') => clean(&t),
                (_, Some(t)) => {
                    return Err(fail(
                        Some(step),
                        format!("--mount target {t:?} must be an absolute path"),
                    ))
                }
                (MountKind::Secret, None) => format!(
                    "/run/secrets/{}",
                    m.id.clone().or(source.clone()).unwrap_or_default()
                ),
                (_, None) => {
                    return Err(fail(
                        Some(step),
                        "--mount: a target is required (target=/path)",
                    ))
                }
            };
            let source = match m.kind {
                MountKind::Tmpfs => {
                    let mut opts = Vec::new();
                    if let Some(size) = &m.size {
                        opts.push(format!("size={size}"));
                    }
                    RunMountSource::Tmpfs(opts)
                }
                MountKind::Bind => {
                    let rel = clean(&format!("/{}", source.as_deref().unwrap_or(".")));
                    let path = match &from {
                        Some(f) => {
                            let current = self.stage_of(step);
                            let (key, id) = self.tree(f, current, step)?;
                            hash.update(format!("bind {rel} from {id}\0"));
                            self.trees[&key].0.join(rel.trim_start_matches('/'))
                        }
                        None => {
                            let ctx = self.req.context;
                            let sel = ctx
                                .select(rel.trim_start_matches('/'))
                                .map_err(|e| fail(Some(step), e))?;
                            let d = ctx
                                .digest(&sel, &mut self.stat_cache)
                                .map_err(|e| fail(Some(step), e))?;
                            hash.update(format!("bind {rel} {d}\0"));
                            ctx.root().join(rel.trim_start_matches('/'))
                        }
                    };
                    hashed = true;
                    RunMountSource::Bind {
                        source: path,
                        // Writes to a `rw` bind are not kept: BuildKit
                        // discards them; rpod refuses them (read-only).
                        read_only: true,
                    }
                }
                MountKind::Cache => {
                    let id = m.id.clone().unwrap_or_else(|| target.clone());
                    let dir = self
                        .store
                        .root()
                        .join("build-cache")
                        .join("mounts")
                        .join(Digest::sha256_of(id.as_bytes()).hex());
                    if !dir.exists() {
                        fs_err::create_dir_all(&dir).map_err(|e| fail(Some(step), e))?;
                        let uid = m.uid.as_deref().and_then(|u| u.parse().ok());
                        let gid = m.gid.as_deref().and_then(|g| g.parse().ok());
                        if uid.is_some() || gid.is_some() {
                            fs_err::os::unix::fs::chown(&dir, uid, gid)
                                .map_err(|e| fail(Some(step), e))?;
                        }
                        if let Some(mode) = m
                            .mode
                            .as_deref()
                            .and_then(|x| u32::from_str_radix(x, 8).ok())
                        {
                            fs_err::set_permissions(
                                &dir,
                                std::os::unix::fs::PermissionsExt::from_mode(mode),
                            )
                            .map_err(|e| fail(Some(step), e))?;
                        }
                    }
                    RunMountSource::Bind {
                        source: dir,
                        read_only: m.readonly == Some(true),
                    }
                }
                MountKind::Secret | MountKind::Ssh => {
                    unreachable!("secret and ssh mounts are resolved by private_mounts")
                }
            };
            out.push(ResolvedMount { target, source });
        }
        let content = hashed.then(|| Digest::from_sha256(hash.finalize().into()));
        Ok((out, content))
    }

    /// A RUN's `type=secret` and `type=ssh` mounts, checked against the
    /// build's `--secret`s and `--ssh` agents: a missing one fails the step
    /// when `required`, else is left out (as BuildKit).
    fn private_mounts(
        &self,
        scope: &StageScope,
        step: &Step,
        mounts: &[RunMount],
    ) -> Result<Vec<Private>, BuildError> {
        let mut out = Vec::new();
        for (n, m) in mounts.iter().enumerate() {
            let word = |v: &Option<String>| -> Result<Option<String>, BuildError> {
                v.as_deref().map(|x| self.word(scope, x, step)).transpose()
            };
            let target = word(&m.target)?;
            if let Some(t) = &target {
                if !t.starts_with('/') {
                    return Err(fail(
                        Some(step),
                        format!("--mount target {t:?} must be an absolute path"),
                    ));
                }
            }
            let id = word(&m.id)?;
            let number = |v: &Option<String>, what: &str| -> Result<Option<u32>, BuildError> {
                v.as_deref()
                    .map(|x| {
                        x.parse().map_err(|_| {
                            fail(Some(step), format!("--mount {what}={x:?} is not a number"))
                        })
                    })
                    .transpose()
            };
            match m.kind {
                MountKind::Secret => {
                    // The id defaults to the target's file name.
                    let id = id
                        .or_else(|| {
                            target.as_deref().and_then(|t| {
                                Path::new(t)
                                    .file_name()
                                    .map(|f| f.to_string_lossy().into_owned())
                            })
                        })
                        .ok_or_else(|| {
                            fail(Some(step), "--mount=type=secret needs an id (id=NAME)")
                        })?;
                    if !self.req.secrets.contains_key(&id) {
                        if m.required {
                            return Err(fail(
                                Some(step),
                                format!(
                                    "secret {id:?} is required but was not given: pass it with --secret id={id},src=FILE"
                                ),
                            ));
                        }
                        continue;
                    }
                    let env = word(&m.env)?;
                    // With env= only, no file (BuildKit); else /run/secrets/ID.
                    let target = match (target, &env) {
                        (Some(t), _) => Some(clean(&t)),
                        (None, Some(_)) => None,
                        (None, None) => Some(format!("/run/secrets/{id}")),
                    };
                    let mode = match m.mode.as_deref() {
                        Some(x) => u32::from_str_radix(x, 8).map_err(|_| {
                            fail(
                                Some(step),
                                format!("--mount mode={x:?} is not an octal number"),
                            )
                        })?,
                        None => 0o400,
                    };
                    out.push(Private::Secret {
                        id,
                        target,
                        env,
                        mode,
                        uid: number(&m.uid, "uid")?,
                        gid: number(&m.gid, "gid")?,
                    });
                }
                MountKind::Ssh => {
                    let id = id.unwrap_or_else(|| "default".to_string());
                    let Some(socket) = self.req.ssh.get(&id) else {
                        if m.required {
                            return Err(fail(
                                Some(step),
                                format!(
                                    "ssh agent {id:?} is required but was not given: pass it with --ssh {id}[=SOCKET]"
                                ),
                            ));
                        }
                        continue;
                    };
                    out.push(Private::Ssh {
                        socket: socket.clone(),
                        target: target
                            .map(|t| clean(&t))
                            .unwrap_or_else(|| format!("/run/buildkit/ssh_agent.{n}")),
                    });
                }
                _ => unreachable!("only secret and ssh mounts are private"),
            }
        }
        Ok(out)
    }

    /// Makes a step's secret files (in its scratch directory, removed with
    /// it) and adds their mounts and variables.
    fn make_private(
        &self,
        scratch: &Path,
        step: &Step,
        private: &[Private],
        mounts: &mut Vec<ResolvedMount>,
        env: &mut Vec<String>,
    ) -> Result<(), BuildError> {
        use fs_err::os::unix::fs::OpenOptionsExt;
        for (n, p) in private.iter().enumerate() {
            match p {
                Private::Secret {
                    id,
                    target,
                    env: var,
                    mode,
                    uid,
                    gid,
                } => {
                    let content = &self.req.secrets[id];
                    if let Some(var) = var {
                        env.push(format!("{var}={}", String::from_utf8_lossy(content)));
                    }
                    let Some(target) = target else {
                        continue;
                    };
                    let file = scratch.join(format!("secret-{n}"));
                    let mut f = fs_err::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .mode(0o600)
                        .open(&file)
                        .map_err(|e| fail(Some(step), e))?;
                    std::io::Write::write_all(&mut f, content).map_err(|e| fail(Some(step), e))?;
                    drop(f);
                    if uid.is_some() || gid.is_some() {
                        fs_err::os::unix::fs::chown(&file, *uid, *gid)
                            .map_err(|e| fail(Some(step), e))?;
                    }
                    fs_err::set_permissions(
                        &file,
                        std::os::unix::fs::PermissionsExt::from_mode(*mode),
                    )
                    .map_err(|e| fail(Some(step), e))?;
                    mounts.push(ResolvedMount {
                        target: target.clone(),
                        source: RunMountSource::Bind {
                            source: file,
                            read_only: true,
                        },
                    });
                }
                Private::Ssh { socket, target } => {
                    env.push(format!("SSH_AUTH_SOCK={target}"));
                    mounts.push(ResolvedMount {
                        target: target.clone(),
                        source: RunMountSource::Bind {
                            source: socket.clone(),
                            read_only: true,
                        },
                    });
                }
            }
        }
        Ok(())
    }

    fn staging(&mut self) -> Result<PathBuf, BuildError> {
        let dir = self.store.root().join("tmp").join(format!(
            "build-{}-{}",
            std::process::id(),
            self.scratch.len()
        ));
        let _ = layer::remove_tree(&dir);
        store::create_dir_private(&dir).map_err(|e| fail(None, e))?;
        self.scratch.push(dir.clone());
        Ok(dir)
    }

    fn workdir(
        &mut self,
        state: &mut State,
        scope: &StageScope,
        step: &Step,
        w: &str,
    ) -> Result<(), BuildError> {
        let w = self.word(scope, w, step)?;
        let cur = state.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let path = if w.starts_with('/') {
            clean(&w)
        } else {
            clean(&format!("{cur}/{w}"))
        };
        let view = LayerView {
            layers: state.layer_dirs(self.store),
        };
        if view.lookup(&path).is_some_and(|f| f.is_dir) || path == "/" {
            return self.metadata(state, &format!("WORKDIR {path}"), |s| {
                s.cfg()["WorkingDir"] = json!(path)
            });
        }
        let parent = state.id.clone();
        let platform = self.platform.clone();
        let text = format!("WORKDIR {path}");
        self.cached(
            state,
            KeyParts {
                parent: &parent,
                instruction: &text,
                args: &[],
                platform: &platform,
                content: None,
            },
            |b, state| {
                let staging = b.staging()?;
                let job = copy::Job {
                    context: &Context::empty(),
                    selected: Vec::new(),
                    inline: Vec::new(),
                    fetched: Vec::new(),
                    dest: format!("{path}/"),
                    dest_is_dir: true,
                    owner: (0, 0),
                    chmod: None,
                    unpack: false,
                    view: &view,
                    rootless: b.req.rootless,
                    links: Default::default(),
                };
                copy::stage(&job, &staging).map_err(|e| fail(Some(step), e))?;
                // Only the new directories: ensure_dirs made them all.
                let full = staging.join(path.trim_start_matches('/'));
                fs_err::create_dir_all(&full).map_err(|e| fail(Some(step), e))?;
                let l = b.layer_from(&staging).map_err(|e| fail(Some(step), e))?;
                state.cfg()["WorkingDir"] = json!(path);
                author::add_step(
                    &mut state.config,
                    Utc::now(),
                    &History {
                        created_by: format!("/bin/sh -c #(nop) WORKDIR {path}"),
                        ..Default::default()
                    },
                    Some(&l.diff_id),
                );
                Ok(Some(l))
            },
        )
    }

    /// The assembled root file system of a stage or image, for `--from`.
    fn tree(
        &mut self,
        from: &str,
        current: usize,
        step: &Step,
    ) -> Result<(String, String), BuildError> {
        let df = self.req.dockerfile;
        let (key, layers, id) = match plan::stage_ref(df, from, current) {
            Some(n) => {
                let s = self
                    .results
                    .get(&n)
                    .ok_or_else(|| fail(Some(step), format!("stage {from} was not built")))?;
                (format!("stage:{n}"), s.layer_dirs(self.store), s.id.clone())
            }
            None => {
                let rec = self.images.resolve(from).map_err(|e| fail(Some(step), e))?;
                let dirs = rec
                    .layers
                    .iter()
                    .map(|l| self.store.layer_diff(&l.diff_id))
                    .collect();
                (
                    format!("image:{}", rec.id),
                    dirs,
                    format!("image:{}", rec.id),
                )
            }
        };
        if !self.trees.contains_key(&key) {
            let dir = self.staging()?;
            layer::vfs::assemble(&layers, &dir).map_err(|e| fail(Some(step), e))?;
            let ctx = Context::open(&dir, &Ignore::default()).map_err(|e| fail(Some(step), e))?;
            self.trees.insert(key.clone(), (dir, ctx));
        }
        Ok((key, id))
    }

    fn copy(
        &mut self,
        state: &mut State,
        scope: &StageScope,
        step: &Step,
        c: &Copy,
    ) -> Result<(), BuildError> {
        let what = if c.add { "ADD" } else { "COPY" };
        let dest_raw = self.word(scope, &c.dest, step)?;
        let cur = state.config["config"]["WorkingDir"]
            .as_str()
            .unwrap_or("/")
            .to_string();
        let mut dest = if dest_raw.starts_with('/') {
            dest_raw.clone()
        } else {
            format!("{cur}/{dest_raw}")
        };
        let trailing = dest_raw.ends_with('/') || dest_raw == "." || dest_raw.ends_with("/.");
        dest = clean(&dest);
        let view = LayerView {
            layers: state.layer_dirs(self.store),
        };
        let owner = match &c.chown {
            Some(spec) => copy::resolve_chown(&self.word(scope, spec, step)?, &view)
                .map_err(|e| fail(Some(step), e))?,
            None => (0, 0),
        };
        let chmod = match &c.chmod {
            Some(m) => Some(
                copy::parse_chmod(&self.word(scope, m, step)?).map_err(|e| fail(Some(step), e))?,
            ),
            None => None,
        };
        // Where the sources come from.
        let from = match &c.from {
            Some(f) => Some(self.word(scope, f, step)?),
            None => None,
        };
        let current = self
            .req
            .dockerfile
            .stages
            .iter()
            .position(|s| s.steps.iter().any(|x| std::ptr::eq(x, step)))
            .unwrap_or(0);
        let (tree_key, from_id) = match &from {
            Some(f) => {
                let (k, id) = self.tree(f, current, step)?;
                (Some(k), Some(id))
            }
            None => (None, None),
        };
        let mut hash = Sha256::new();
        let mut selected: Vec<Selected> = Vec::new();
        let mut inline = Vec::new();
        let mut fetched = Vec::new();
        let mut shown = Vec::new();
        for s in &c.sources {
            match s {
                Source::Inline {
                    name,
                    content,
                    expand,
                } => {
                    let text = if *expand {
                        let raw = Lexer {
                            raw_quotes: true,
                            raw_escapes: true,
                            ..self.lexer
                        };
                        raw.word(content, scope.vars())
                            .map_err(|e| fail(Some(step), e))?
                    } else {
                        content.clone()
                    };
                    hash.update(format!("inline {name}\0{}\0", text.len()));
                    hash.update(text.as_bytes());
                    inline.push((name.clone(), text.into_bytes()));
                    shown.push(name.clone());
                }
                Source::Path(p) => {
                    let p = self.word(scope, p, step)?;
                    if p.starts_with("http://") || p.starts_with("https://") {
                        if !c.add {
                            return Err(fail(Some(step), "source can't be a URL for COPY"));
                        }
                        let (name, file, mtime) = self.fetch(&p, step)?;
                        let bytes = fs_err::read(&file).map_err(|e| fail(Some(step), e))?;
                        hash.update(format!("url {p}\0"));
                        hash.update(Sha256::digest(&bytes));
                        fetched.push((name, file, mtime));
                        shown.push(p);
                        continue;
                    }
                    let ctx = match &tree_key {
                        Some(k) => &self.trees[k].1,
                        None => self.req.context,
                    };
                    let sel = ctx.select(&p).map_err(|e| fail(Some(step), e))?;
                    shown.push(p);
                    selected.extend(sel);
                }
            }
        }
        match &from_id {
            Some(id) => hash.update(format!("from {id}\0")),
            None => {
                let d = self
                    .req
                    .context
                    .digest(&selected, &mut self.stat_cache)
                    .map_err(|e| fail(Some(step), e))?;
                hash.update(d.to_string());
            }
        }
        let content = Digest::from_sha256(hash.finalize().into());
        let single_dir =
            selected.len() == 1 && selected[0].is_dir && inline.is_empty() && fetched.is_empty();
        let dest_is_dir = trailing
            || selected.len() + inline.len() + fetched.len() > 1
            || single_dir
            || view.lookup(&dest).is_some_and(|f| f.is_dir);
        let kind = if single_dir {
            "dir"
        } else if selected.len() + inline.len() + fetched.len() > 1 {
            "multi"
        } else {
            "file"
        };
        let mut flags = String::new();
        for (n, v) in [("from", &from), ("chown", &c.chown), ("chmod", &c.chmod)] {
            if let Some(v) = v {
                flags.push_str(&format!("--{n}={v} "));
            }
        }
        let text = format!(
            "{what} {flags}{} {dest}{}",
            shown.join(" "),
            if dest_is_dir { "/" } else { "" }
        );
        let created_by = format!(
            "/bin/sh -c #(nop) {what} {kind}:{} in {dest} ",
            content.hex()
        );
        let parent = state.id.clone();
        let platform = self.platform.clone();
        self.cached(
            state,
            KeyParts {
                parent: &parent,
                instruction: &text,
                args: &[],
                platform: &platform,
                content: Some(&content),
            },
            |b, state| {
                let staging = b.staging()?;
                let ctx = match &tree_key {
                    Some(k) => &b.trees[k].1,
                    None => b.req.context,
                };
                let job = copy::Job {
                    context: ctx,
                    selected,
                    inline,
                    fetched,
                    dest: dest.clone(),
                    dest_is_dir,
                    owner,
                    chmod,
                    unpack: c.add && c.unpack != Some(false) && from.is_none(),
                    view: &view,
                    rootless: b.req.rootless,
                    links: Default::default(),
                };
                copy::stage(&job, &staging).map_err(|e| fail(Some(step), e))?;
                let l = b.layer_from(&staging).map_err(|e| fail(Some(step), e))?;
                author::add_step(
                    &mut state.config,
                    Utc::now(),
                    &History {
                        created_by,
                        ..Default::default()
                    },
                    Some(&l.diff_id),
                );
                Ok(Some(l))
            },
        )
    }

    /// Downloads an ADD URL into scratch; returns (file name, file, mtime).
    fn fetch(&mut self, url: &str, step: &Step) -> Result<(String, PathBuf, i64), BuildError> {
        let resp = ureq::get(url)
            .call()
            .map_err(|e| fail(Some(step), format!("fetching {url}: {e}")))?;
        let mtime = resp
            .header("Last-Modified")
            .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
            .map_or(0, |t| t.timestamp());
        let name = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .rsplit('/')
            .find(|s| !s.is_empty() && !s.contains(':'))
            .unwrap_or("download")
            .to_string();
        let dir = self.staging()?;
        let file = dir.join("download");
        let mut out = fs_err::File::create(&file).map_err(|e| fail(Some(step), e))?;
        std::io::copy(&mut resp.into_reader(), &mut out)
            .map_err(|e| fail(Some(step), format!("fetching {url}: {e}")))?;
        Ok((name, file, mtime))
    }

    /// Replaces the stage's new layers (with [`Squash::All`], all its
    /// layers) by one that holds their merged result, and its history by
    /// one entry for it after the base's (none of the base's with `All`),
    /// as buildah squashes.
    fn squash(
        &self,
        state: &mut State,
        parent_layers: &mut Vec<author::ParentLayer>,
    ) -> Result<(), BuildError> {
        let all = state.layer_dirs(self.store);
        let kept = match self.req.squash {
            Squash::All => 0,
            _ => parent_layers.len(),
        };
        if all.len() == kept {
            return Ok(()); // nothing new to squash
        }
        let (base, top) = all.split_at(kept);
        let opts = diff::DiffOptions::default();
        let layer = author::store_layer(self.store, self.req.compression, self.req.rootless, |w| {
            diff::layers_to_tar(base, top, w, &opts).map(drop)
        })
        .map_err(|e| fail(None, e))?;
        let history = state.config["history"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let base_steps = match self.req.squash {
            Squash::All => 0,
            _ => state
                .base
                .as_ref()
                .and_then(|b| {
                    let c: Value =
                        serde_json::from_slice(&self.store.get_blob(&b.config_digest()).ok()?)
                            .ok()?;
                    c["history"].as_array().map(Vec::len)
                })
                .unwrap_or(0),
        };
        let created_by = history
            .last()
            .and_then(|h| h["created_by"].as_str())
            .unwrap_or_default()
            .to_string();
        let mut ids: Vec<Value> = state.config["rootfs"]["diff_ids"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ids.truncate(kept);
        state.config["history"] = json!(history[..base_steps.min(history.len())]);
        state.config["rootfs"] = json!({"type": "layers", "diff_ids": ids});
        author::add_step(
            &mut state.config,
            chrono::Utc::now(),
            &History {
                created_by,
                ..Default::default()
            },
            Some(&layer.diff_id),
        );
        parent_layers.truncate(kept);
        state.layers = vec![layer];
        Ok(())
    }

    fn commit(&mut self, state: State) -> Result<ImageRecord, BuildError> {
        let name = self.req.names.first().cloned().unwrap_or_default();
        self.reporter.event(Event::Commit(name));
        let (_, mut parent_layers) =
            author::parent_parts(self.store, state.base.as_ref()).map_err(|e| fail(None, e))?;
        let mut state = state;
        if self.req.squash != Squash::No {
            self.squash(&mut state, &mut parent_layers)?;
        }
        let mut config = state.config;
        for (k, v) in &self.req.labels {
            config["config"]["Labels"][k] = json!(v);
        }
        if !self.req.env.is_empty() {
            let env = strings(&config["config"]["Env"]);
            let merged = crate::spec::merge_env(&env, &self.req.env)
                .map_err(|e| fail(None, format!("--env: {e}")))?;
            config["config"]["Env"] = json!(merged);
        }
        if !self.req.unset_env.is_empty() {
            let env: Vec<String> = strings(&config["config"]["Env"])
                .into_iter()
                .filter(|e| {
                    let name = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
                    !self.req.unset_env.iter().any(|u| u == name)
                })
                .collect();
            config["config"]["Env"] = json!(env);
        }
        config["architecture"] = json!(self.req.platform.architecture);
        config["os"] = json!(self.req.platform.os);
        author::write_image(
            self.store,
            NewImage {
                config,
                parent_layers,
                layers: state.layers,
                names: self.req.names.clone(),
                format: self.req.format,
            },
        )
        .map_err(|e| fail(None, e))
    }
}
