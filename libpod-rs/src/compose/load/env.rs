//! Environments: `.env` and `env_file` files, `environment` lists resolved
//! against the project's variables, and label files.

use std::path::{Path, PathBuf};

use super::{read, Env};
use crate::compose::dotenv;
use crate::compose::interpolate::Lookup;
use crate::compose::yaml::{Map, Node, Value};
use crate::compose::Error;

/// Reads `.env` files into `env` (variables already set win), as
/// compose-go's `GetEnvFromFile` + `Mapping.Merge`.
pub(super) fn read_env_files(
    files: &[PathBuf],
    env: &mut Env,
    unset: &mut Vec<String>,
) -> Result<(), Error> {
    let mut from_files: Vec<(String, String)> = Vec::new();
    for file in files {
        if file.is_dir() {
            return Err(Error::EnvFile {
                path: file.clone(),
                message: "is a directory".into(),
            });
        }
        if !file.exists() {
            return Err(Error::EnvFile {
                path: file.clone(),
                message: "couldn't find env file".into(),
            });
        }
        let text = read(file)?;
        let acc = from_files.clone();
        let lookup = |k: &str| {
            env.get(k).cloned().or_else(|| {
                acc.iter()
                    .rev()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
            })
        };
        let pairs = dotenv::parse(&text, &lookup, unset).map_err(|e| Error::EnvFile {
            path: file.clone(),
            message: e.to_string(),
        })?;
        from_files.extend(pairs);
    }
    for (k, v) in from_files {
        env.entry(k).or_insert(v);
    }
    Ok(())
}

/// compose-go's `ResolveEnvironment`: `environment: [KEY]` takes KEY's value
/// from the environment when it is set.
pub(super) fn resolve_environment_lists(dict: &mut Node, env: &Env) {
    let Some(services) = dict
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    else {
        return;
    };
    for e in services.iter_mut() {
        if let Some(Value::Seq(items)) = e
            .value
            .as_map_mut()
            .and_then(|s| s.get_mut("environment"))
            .map(|n| &mut n.value)
        {
            for it in items {
                if let Value::Str(s) = &it.value {
                    if !s.contains('=') {
                        if let Some(v) = env.get(s) {
                            it.value = Value::Str(format!("{s}={v}"));
                        }
                    }
                }
            }
        }
    }
}

/// A service's environment as ordered (key, value) pairs, `None` for a key without value.
pub(super) fn environment_pairs(n: Option<&Node>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut set = |k: String, v: Option<String>| match out.iter_mut().find(|(n, _)| *n == k) {
        Some(slot) => slot.1 = v,
        None => out.push((k, v)),
    };
    match n.map(|n| &n.value) {
        Some(Value::Seq(items)) => {
            for it in items {
                let t = it.scalar_text().unwrap_or_default();
                match t.split_once('=') {
                    Some((k, v)) => set(k.to_string(), Some(v.to_string())),
                    None => set(t, None),
                }
            }
        }
        Some(Value::Map(m)) => {
            for e in m.iter() {
                let v = if e.value.is_null() {
                    None
                } else {
                    e.value.scalar_text()
                };
                set(e.key.clone(), v);
            }
        }
        _ => {}
    }
    out
}

/// Reads each service's `env_file`s into its environment (explicit
/// `environment` entries win) and drops `env_file`, as `docker compose
/// config` shows it; `label_file`s likewise into `labels`.
pub(super) fn resolve_env_files(
    dict: &mut Node,
    env: &Env,
    unset: &mut Vec<String>,
) -> Result<(), Error> {
    let Some(services) = dict
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    else {
        return Ok(());
    };
    for e in services.iter_mut() {
        let Some(s) = e.value.as_map_mut() else {
            continue;
        };
        resolve_label_files(s, unset)?;
        let explicit = environment_pairs(s.get("environment"));
        // Resolve KEY-only entries from the project environment.
        let explicit: Vec<(String, Option<String>)> = explicit
            .into_iter()
            .map(|(k, v)| {
                let v = v.or_else(|| env.get(&k).cloned());
                (k, v)
            })
            .collect();
        let Some(files) = s.remove("env_file") else {
            continue;
        };
        let mut from_files: Vec<(String, String)> = Vec::new();
        for f in files.as_seq().map(Vec::as_slice).unwrap_or_default() {
            let Some(m) = f.as_map() else { continue };
            let path = PathBuf::from(
                m.get("path")
                    .and_then(Node::scalar_text)
                    .unwrap_or_default(),
            );
            let required = !matches!(
                m.get("required").map(|n| &n.value),
                Some(Value::Bool(false))
            );
            if !path.exists() {
                if required {
                    return Err(Error::EnvFile {
                        path: path.clone(),
                        message: format!(
                            "env file {} not found: stat {}: no such file or directory",
                            path.display(),
                            path.display()
                        ),
                    });
                }
                continue;
            }
            let text = read(&path)?;
            let acc = from_files.clone();
            let lookup = |k: &str| {
                env.get(k)
                    .cloned()
                    .or_else(|| {
                        explicit
                            .iter()
                            .find(|(n, _)| n == k)
                            .and_then(|(_, v)| v.clone())
                    })
                    .or_else(|| {
                        acc.iter()
                            .rev()
                            .find(|(n, _)| n == k)
                            .map(|(_, v)| v.clone())
                    })
            };
            let pairs = parse_file(&path, &text, &lookup, unset)?;
            upsert(&mut from_files, pairs);
        }
        let mut merged = Map::new();
        for (k, v) in from_files {
            merged.insert(k, Node::str(v));
        }
        for (k, v) in explicit {
            merged.insert(k, v.map_or_else(Node::null, Node::str));
        }
        s.insert("environment", Node::new(Value::Map(merged)));
    }
    Ok(())
}

/// Labels from `label_file`s (explicit `labels` win); `label_file` is dropped.
pub(super) fn resolve_label_files(s: &mut Map, unset: &mut Vec<String>) -> Result<(), Error> {
    let Some(files) = s.remove("label_file") else {
        return Ok(());
    };
    let mut labels: Vec<(String, String)> = Vec::new();
    for f in files.as_seq().map(Vec::as_slice).unwrap_or_default() {
        let path = PathBuf::from(f.scalar_text().unwrap_or_default());
        if !path.exists() {
            return Err(Error::EnvFile {
                path: path.clone(),
                message: format!("label file {} not found", path.display()),
            });
        }
        let text = read(&path)?;
        let acc = labels.clone();
        let lookup = |k: &str| {
            acc.iter()
                .rev()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
        };
        let pairs = parse_file(&path, &text, &lookup, unset)?;
        upsert(&mut labels, pairs);
    }
    let mut merged = Map::new();
    for (k, v) in labels {
        merged.insert(k, Node::str(v));
    }
    for (k, v) in environment_pairs(s.get("labels")) {
        merged.insert(k, Node::str(v.unwrap_or_default()));
    }
    if !merged.is_empty() {
        s.insert("labels", Node::new(Value::Map(merged)));
    }
    Ok(())
}

/// The pairs of one env or label file (`path` only names it in errors).
fn parse_file(
    path: &Path,
    text: &str,
    lookup: &dyn Lookup,
    unset: &mut Vec<String>,
) -> Result<Vec<(String, String)>, Error> {
    dotenv::parse(text, lookup, unset).map_err(|err| Error::EnvFile {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

/// Adds `pairs` to `acc` in order, a later value replacing an earlier one's
/// in place (a later file wins).
fn upsert(acc: &mut Vec<(String, String)>, pairs: Vec<(String, String)>) {
    for (k, v) in pairs {
        match acc.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1 = v,
            None => acc.push((k, v)),
        }
    }
}

impl Lookup for Env {
    fn lookup(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}
