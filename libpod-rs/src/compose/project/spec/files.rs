//! A service's volumes, tmpfs, secrets and configs as mounts; secrets and
//! configs given by `environment` or `content` written to the project's
//! files directory first.

use std::path::PathBuf;

use super::super::error::ProjectError;
use super::super::Context;
use super::bad;
use crate::compose::model::{Project, Service};
use crate::error::Result;
use crate::spec::{MountSource, MountSpec, SecretRequest, SecretUse};

/// Where `compose` keeps the files it makes for a project (secrets and
/// configs given by `environment` or `content`); `down` removes it.
pub fn project_files_dir(ctx: &Context<'_>) -> PathBuf {
    ctx.engine
        .store()
        .root()
        .join("compose")
        .join(&ctx.project.name)
}

/// The service's secrets and configs as read-only bind mounts, as Docker
/// Compose mounts them without Swarm: secrets at `/run/secrets/TARGET`,
/// configs at `/TARGET` (both default to the source's name). Those given
/// by `environment` or `content` are first written to a file (mode 0444,
/// or the reference's `mode`) in [`project_files_dir`], atomically.
/// External secrets are the store's (`rpod secret create`), given as
/// `--secret` with the reference's target, uid, gid and mode.
pub(super) fn file_mounts(
    ctx: &Context<'_>,
    name: &str,
    s: &Service,
) -> Result<(Vec<MountSpec>, Vec<SecretRequest>)> {
    let p = ctx.project;
    let mut out = Vec::new();
    let mut secrets = Vec::new();
    for (key, refs, objects, base) in [
        ("secrets", &s.secrets, &p.secrets, "/run/secrets"),
        ("configs", &s.configs, &p.configs, "/"),
    ] {
        for r in refs {
            let obj = objects.get(&r.source).ok_or_else(|| {
                bad(
                    name,
                    key,
                    format!(
                        "{:?} is not declared under the top-level {key} key",
                        r.source
                    ),
                )
            })?;
            let target = r.target.as_deref().unwrap_or(&r.source);
            let dest = std::path::Path::new(base).join(target);
            if obj.external && key == "secrets" {
                let id = |what: &str, v: &Option<String>| match v {
                    None => Ok(0),
                    Some(v) => v.parse::<u32>().map_err(|_| {
                        bad(
                            name,
                            key,
                            format!("{:?}: {what} {v:?} is not a number", r.source),
                        )
                    }),
                };
                let mode = match r.mode.as_deref() {
                    None => 0o444,
                    Some(m) => {
                        u32::from_str_radix(m.trim_start_matches("0o"), 8).map_err(|_| {
                            bad(
                                name,
                                key,
                                format!("{:?}: mode {m:?} is not an octal number", r.source),
                            )
                        })?
                    }
                };
                secrets.push(SecretRequest {
                    source: if obj.name.is_empty() {
                        r.source.clone()
                    } else {
                        obj.name.clone()
                    },
                    usage: SecretUse::Mount {
                        target: Some(dest.to_string_lossy().into_owned()),
                        uid: id("uid", &r.uid)?,
                        gid: id("gid", &r.gid)?,
                        mode,
                    },
                });
                continue;
            }
            if obj.external {
                return Err(bad(
                    name,
                    key,
                    format!(
                        "{:?} is external: rpod has no config store; declare it with file:, environment: or content:",
                        r.source
                    ),
                ));
            }
            let source = match (&obj.file, &obj.environment, &obj.content) {
                (Some(f), _, _) => {
                    if r.uid.is_some() || r.gid.is_some() || r.mode.is_some() {
                        ctx.progress.warn(&format!(
                            "service {name:?}: {key} {:?}: uid, gid and mode are not supported for a file-based {key} and are ignored",
                            r.source
                        ));
                    }
                    PathBuf::from(f)
                }
                (None, Some(var), _) => {
                    let value = ctx.project_env(var).ok_or_else(|| {
                        bad(
                            name,
                            key,
                            format!("{:?}: environment variable {var} is not set", r.source),
                        )
                    })?;
                    write_file(ctx, key, &r.source, value.as_bytes(), r.mode.as_deref())?
                }
                (None, None, Some(c)) => {
                    write_file(ctx, key, &r.source, c.as_bytes(), r.mode.as_deref())?
                }
                (None, None, None) => {
                    return Err(bad(
                        name,
                        key,
                        format!("{:?} has no file, environment or content", r.source),
                    ))
                }
            };
            if !source.exists() {
                return Err(bad(
                    name,
                    key,
                    format!("{:?}: {} does not exist", r.source, source.display()),
                ));
            }
            let mut m = MountSpec::new(MountSource::Bind(source), dest);
            m.read_only = true;
            out.push(m);
        }
    }
    Ok((out, secrets))
}

/// Writes a secret's or config's content to its file in the project's
/// directory (a temporary file renamed over it); returns the path.
fn write_file(
    ctx: &Context<'_>,
    key: &str,
    object: &str,
    content: &[u8],
    mode: Option<&str>,
) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match mode {
        Some(m) => u32::from_str_radix(m.trim_start_matches("0o"), 8).map_err(|_| {
            ProjectError::BadMode {
                kind: key.to_string(),
                name: object.to_string(),
                mode: m.to_string(),
            }
        })?,
        None => 0o444,
    };
    let dir = project_files_dir(ctx).join(key);
    fs_err::create_dir_all(&dir).map_err(ProjectError::CreateFilesDir)?;
    let path = dir.join(object);
    let fail = |source: std::io::Error| ProjectError::WriteFile {
        path: path.clone(),
        source,
    };
    crate::store::atomic::replace(&path, content, mode).map_err(fail)?;
    // Exactly the mode asked for, whatever the umask took from it.
    fs_err::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    Ok(path)
}

pub(super) fn mounts(p: &Project, name: &str, s: &Service) -> Result<Vec<MountSpec>> {
    let mut out = Vec::new();
    for v in &s.volumes {
        let source = match v.kind.as_str() {
            "bind" => {
                let src = v.source.as_deref().ok_or_else(|| {
                    bad(
                        name,
                        "volumes",
                        format!("{}: a bind mount needs a source", v.target),
                    )
                })?;
                let path = PathBuf::from(src);
                if !path.exists() {
                    let create = v.bind.as_ref().is_none_or(|b| b.create_host_path);
                    if !create {
                        return Err(bad(
                            name,
                            "volumes",
                            format!("bind source {src} does not exist"),
                        ));
                    }
                    fs_err::create_dir_all(&path)
                        .map_err(crate::sys::without_path)
                        .map_err(|e| bad(name, "volumes", format!("creating {src}: {e}")))?;
                }
                MountSource::Bind(path)
            }
            "volume" => match v.source.as_deref().filter(|s| !s.is_empty()) {
                None => MountSource::AnonymousVolume,
                Some(src) => match p.volumes.get(src) {
                    Some(vol) => MountSource::Volume(vol.name.clone()),
                    None => {
                        return Err(bad(
                            name,
                            "volumes",
                            format!(
                                "volume {src:?} is not declared under the top-level volumes key"
                            ),
                        ))
                    }
                },
            },
            "tmpfs" => MountSource::Tmpfs,
            other => {
                return Err(bad(
                    name,
                    "volumes",
                    format!("mount type {other:?} is not supported: use bind, volume or tmpfs"),
                ))
            }
        };
        let mut m = MountSpec::new(source, &v.target);
        m.read_only = v.read_only;
        if let Some(o) = &v.volume {
            if o.nocopy {
                m.copy_up = false;
            }
        }
        if let Some(t) = &v.tmpfs {
            if let Some(sz) = t.size {
                m.options.push(format!("size={sz}"));
            }
            if let Some(mode) = t.mode {
                m.options.push(format!("mode={mode:o}"));
            }
        }
        out.push(m);
    }
    for t in &s.tmpfs {
        out.push(MountSpec::parse_tmpfs(t).map_err(|e| bad(name, "tmpfs", format!("{t}: {e}")))?);
    }
    Ok(out)
}
