//! RUN steps: their command line, their mounts (bind, cache, tmpfs,
//! secret, ssh) and the step run through the [`StepRunner`](super::StepRunner).

use std::path::{Path, PathBuf};

use serde_json::json;
use sha2::{Digest as _, Sha256};

use super::{
    fail, record_step, BuildError, Builder, ResolvedMount, RunMountSource, RunRequest, State,
};
use crate::build::args::StageScope;
use crate::build::ignore::clean;
use crate::build::instructions::{Command, MountKind, Run, RunMount, RunNetwork, Step};
use crate::build::plan::KeyParts;
use crate::digest::Digest;
use crate::layer;

/// A `RUN --mount=type=secret|ssh`, resolved: made in the step's scratch
/// directory when the step runs (not when it is found in the cache).
#[derive(Debug, Clone)]
pub(super) enum Private {
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

impl Builder<'_> {
    /// The command line of a RUN: the shell form in the stage's SHELL, with
    /// its here-documents: a command that is only `<<EOF` runs the
    /// document as its script (a `#!` one as a file of its own, returned
    /// with its name); otherwise the documents follow the command line, as
    /// a shell reads them.
    pub(super) fn run_command(
        &self,
        state: &State,
        r: &Run,
    ) -> (Vec<String>, Option<(String, String)>) {
        let Command::Shell(line) = &r.command else {
            return (self.command(state, &r.command), None);
        };
        if r.heredocs.is_empty() {
            return (self.command(state, &r.command), None);
        }
        if let Ok(Some(h)) = crate::build::parse::heredoc_word(line.trim()) {
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
    pub(super) fn run(
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
        let platform = self.key_scope.clone();
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
                // --compat-volumes: what RUN changes under a VOLUME is undone.
                let volumes: Vec<String> = if b.req.shaping.compat_volumes {
                    state.config["config"]["Volumes"]
                        .as_object()
                        .map(|v| v.keys().cloned().collect())
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
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
                        stdin: b.req.shaping.stdin,
                    };
                    let changes = b.runner.run(&req).map_err(|(message, code)| BuildError {
                        step: Some(step.original.clone()),
                        message,
                        code,
                    })?;
                    revert_volumes(&changes, &volumes).map_err(|e| fail(Some(step), e))?;
                    b.layer_of(&changes, &layers)
                        .map_err(|e| fail(Some(step), e))
                })();
                // The step's container goes now, not at the end of the build.
                let _ = layer::remove_tree(&scratch);
                let l = result?;
                let now = b.now();
                record_step(&mut state.config, now, created_by, Some(&l));
                Ok(Some(l))
            },
        )
    }

    /// A RUN's `--mount`s, resolved, and the content digest of the context
    /// files they bind (for the cache key).
    pub(super) fn run_mounts(
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
                            if key.starts_with("context:") {
                                // A directory context: bound as it is, by content.
                                let mut stats = std::mem::take(&mut self.stat_cache);
                                let ctx = self.tree_context(&key);
                                let sel = ctx.select(rel.trim_start_matches('/'));
                                let sel = match sel {
                                    Ok(s) => s,
                                    Err(e) => {
                                        self.stat_cache = stats;
                                        return Err(fail(Some(step), e));
                                    }
                                };
                                let d = ctx.digest(&sel, &mut stats);
                                self.stat_cache = stats;
                                hash.update(format!("{}\0", d.map_err(|e| fail(Some(step), e))?));
                            }
                            self.tree_context(&key)
                                .root()
                                .join(rel.trim_start_matches('/'))
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
    pub(super) fn private_mounts(
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
    pub(super) fn make_private(
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
}

/// Takes what a RUN step changed under each VOLUME out of its changes
/// (`--compat-volumes`, Docker's classic builder): the overlay upper
/// directory's entries there, whiteouts and opaque markers included, so
/// the layer leaves the volume as the layers below have it.
fn revert_volumes(changes: &super::Changes, volumes: &[String]) -> Result<(), String> {
    if volumes.is_empty() {
        return Ok(());
    }
    let super::Changes::Upper(upper) = changes else {
        return Err(
            "--compat-volumes needs the overlay storage driver (the vfs driver keeps a full tree): leave the flag out or use overlay".into(),
        );
    };
    for v in volumes {
        let rel = clean(v);
        let rel = rel.trim_start_matches('/');
        if rel.is_empty() {
            continue;
        }
        let path = upper.join(rel);
        if fs_err::symlink_metadata(&path).is_ok() {
            let removed = if path.is_dir() && !path.is_symlink() {
                layer::remove_tree(&path).map_err(|e| e.to_string())
            } else {
                fs_err::remove_file(&path).map_err(|e| e.to_string())
            };
            removed?;
        }
    }
    Ok(())
}
