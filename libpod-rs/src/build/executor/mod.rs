//! Executes a build plan: each stage from its base (an image, an earlier
//! stage, or nothing), its steps in order, each looked up in the cache
//! index by its key before any work. Metadata instructions change the
//! image config; COPY, ADD and WORKDIR make layers directly; RUN goes to a
//! [`StepRunner`], the one place a container is needed.
//!
//! Progress goes to a [`Reporter`] as podman prints it (`STEP 2/5: COPY
//! . .`, `--> Using cache …`, `--> 1a2b3c4d5e6f`, `COMMIT app`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

use super::args::{self, GlobalScope, StageScope};
use super::cache::{self, Cache, CachedLayer};
use super::change;
use super::context::{Context, StatCache};
use super::instructions::{Command, Healthcheck, Instruction, Step};
use super::plan::{self, Base, KeyParts};
use super::shell::Lexer;
use crate::image::author::{self, History, NewLayer};
use crate::image::ImageRecord;
use crate::layer;
use crate::registry::manifest::Platform;
use crate::store::Store;

mod commit;
mod files;
mod request;
mod run;
mod runner;

use request::fail;
pub use request::{
    BuildError, Event, ExtraContext, Images, Reporter, Request, RunOutput, Shaping, Squash,
};
pub use runner::{Changes, ResolvedMount, RunMountSource, RunRequest, RunUnsupported, StepRunner};

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

/// Records a step in the image config's history, now: with its layer's
/// diff ID, or as an empty layer (a metadata-only step) when it made none.
fn record_step(
    config: &mut Value,
    created: DateTime<Utc>,
    created_by: String,
    layer: Option<&NewLayer>,
) {
    let history = History {
        created_by,
        empty_layer: layer.is_none(),
        ..Default::default()
    };
    author::add_step(config, created, &history, layer.map(|l| &l.diff_id));
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
    /// The cache keys' scope: the platform and the flags that change what a step records.
    key_scope: String,
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
    let mut builtin = args::platform_args(&host, &req.platform, &target_name);
    if let Some(t) = req.shaping.source_date_epoch {
        // Its value for a stage that declares it (podman's rule).
        builtin.push(("SOURCE_DATE_EPOCH".into(), t.to_string()));
    }
    let global = GlobalScope::new(&df.global_args, &req.build_args, builtin, &lexer)
        .map_err(|e| fail(None, e))?;
    let plan_opts = plan::PlanOptions {
        target: req.target.as_deref(),
        contexts: req
            .contexts
            .iter()
            .map(|(k, v)| {
                let image = match v {
                    ExtraContext::Dir(_) => None,
                    ExtraContext::Image(r) => Some(r.clone()),
                };
                (k.clone(), image)
            })
            .collect(),
        all_stages: req.shaping.all_stages,
        from: req.shaping.from.as_deref(),
    };
    let plan = plan::plan(df, &global, df.escape, &plan_opts).map_err(|e| fail(None, e))?;
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
        key_scope: cache_scope(req),
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

/// What the cache key's platform field covers: the platform, and the
/// flags that change what a step records (times, file times), so that a
/// step cached without them is not reused with them, nor the reverse.
fn cache_scope(req: &Request<'_>) -> String {
    let mut s = args::platform_string(&req.platform);
    if let Some(t) = req.shaping.timestamp {
        s.push_str(&format!(" timestamp={t}"));
    }
    if req.shaping.compat_volumes {
        s.push_str(" compat-volumes");
    }
    if let Some(t) = req.shaping.source_date_epoch {
        s.push_str(&format!(" source-date-epoch={t}"));
        if req.shaping.rewrite_timestamp {
            s.push_str(" rewrite-timestamp");
        }
    }
    s
}

impl Builder<'_> {
    /// The time a step records: `--timestamp`, else `--source-date-epoch`, else now.
    fn now(&self) -> DateTime<Utc> {
        self.req
            .shaping
            .timestamp
            .or(self.req.shaping.source_date_epoch)
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .unwrap_or_else(Utc::now)
    }

    /// How the build's layers are written: `--timestamp` sets every
    /// file's time, `--rewrite-timestamp` clamps it to `--source-date-epoch`.
    fn diff_options(&self) -> crate::layer::diff::DiffOptions {
        crate::layer::diff::DiffOptions {
            mtime: self.req.shaping.timestamp,
            clamp_mtime: self
                .req
                .shaping
                .source_date_epoch
                .filter(|_| self.req.shaping.rewrite_timestamp),
            ..Default::default()
        }
    }

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
        if !self.req.shaping.inherit_labels && !matches!(base, Base::Scratch) {
            // --inherit-labels=false: the stage starts without its base's
            // labels (a state of its own for the cache).
            if state.config["config"]["Labels"].is_object() {
                state.cfg()["Labels"] = Value::Null;
            }
            state.id = format!("{} without-labels", state.id);
        }
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
            if let Some(entry) = self.cache.get(&key, self.req.shaping.cache_ttl) {
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
        let platform = self.key_scope.clone();
        self.cached(
            state,
            KeyParts {
                parent: &parent,
                instruction: text,
                args: &[],
                platform: &platform,
                content: None,
            },
            |b, state| {
                apply(state);
                let now = b.now();
                record_step(
                    &mut state.config,
                    now,
                    format!("/bin/sh -c #(nop) {text}"),
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

    /// The stage `step` belongs to.
    fn stage_of(&self, step: &Step) -> usize {
        self.req
            .dockerfile
            .stages
            .iter()
            .position(|s| s.steps.iter().any(|x| std::ptr::eq(x, step)))
            .unwrap_or(0)
    }
}
