//! Steps that write files directly: WORKDIR, COPY and ADD (from the
//! context, a stage, an image or a URL), in a staging tree.

use std::path::PathBuf;

use serde_json::json;
use sha2::{Digest as _, Sha256};

use super::{fail, record_step, BuildError, Builder, ExtraContext, State};
use crate::build::args::StageScope;
use crate::build::context::{Context, Selected};
use crate::build::copy::{self, LayerView};
use crate::build::ignore::{clean, Ignore};
use crate::build::instructions::{Copy, Source, Step};
use crate::build::plan::{self, KeyParts};
use crate::build::shell::Lexer;
use crate::digest::Digest;
use crate::layer;
use crate::store;

impl Builder<'_> {
    pub(super) fn staging(&mut self) -> Result<PathBuf, BuildError> {
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

    pub(super) fn workdir(
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
        let platform = self.key_scope.clone();
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
                let now = b.now();
                record_step(
                    &mut state.config,
                    now,
                    format!("/bin/sh -c #(nop) WORKDIR {path}"),
                    Some(&l),
                );
                Ok(Some(l))
            },
        )
    }

    /// The assembled root file system of a stage or image, for `--from`.
    pub(super) fn tree(
        &mut self,
        from: &str,
        current: usize,
        step: &Step,
    ) -> Result<(String, String), BuildError> {
        let df = self.req.dockerfile;
        let image_context = match self.req.contexts.get(from) {
            Some(ExtraContext::Dir(_)) => {
                // A directory context: its files are read in place.
                return Ok((format!("context:{from}"), format!("context:{from}")));
            }
            Some(ExtraContext::Image(r)) => Some(r.as_str()),
            None => None,
        };
        let stage = match image_context {
            Some(_) => None,
            None => plan::stage_ref(df, from, current),
        };
        let from = image_context.unwrap_or(from);
        let (key, layers, id) = match stage {
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

    /// The files a `tree` key names: an assembled tree, or a directory
    /// `--build-context`.
    pub(super) fn tree_context(&self, key: &str) -> &Context {
        match key
            .strip_prefix("context:")
            .and_then(|n| self.req.contexts.get(n))
        {
            Some(ExtraContext::Dir(c)) => c,
            _ => &self.trees[key].1,
        }
    }

    pub(super) fn copy(
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
                        Some(k) => self.tree_context(k),
                        None => self.req.context,
                    };
                    let sel = ctx.select(&p).map_err(|e| fail(Some(step), e))?;
                    shown.push(p);
                    selected.extend(sel);
                }
            }
        }
        match (&from_id, &tree_key) {
            (Some(id), Some(k)) if !k.starts_with("context:") => {
                hash.update(format!("from {id}\0"));
            }
            _ => {
                // The main context or a directory --build-context: what
                // the sources select, by content.
                let mut stats = std::mem::take(&mut self.stat_cache);
                let ctx = match &tree_key {
                    Some(k) => self.tree_context(k),
                    None => self.req.context,
                };
                let d = ctx.digest(&selected, &mut stats);
                self.stat_cache = stats;
                let d = d.map_err(|e| fail(Some(step), e))?;
                if let Some(id) = &from_id {
                    hash.update(format!("from {id}\0"));
                }
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
        let platform = self.key_scope.clone();
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
                    Some(k) => b.tree_context(k),
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
                let now = b.now();
                record_step(&mut state.config, now, created_by, Some(&l));
                Ok(Some(l))
            },
        )
    }

    /// Downloads an ADD URL into scratch; returns (file name, file, mtime).
    pub(super) fn fetch(
        &mut self,
        url: &str,
        step: &Step,
    ) -> Result<(String, PathBuf, i64), BuildError> {
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
}
