//! Documents into one tree: interpolation, checks, `include`, `extends`
//! and the merge of each document into what came before.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{lookup_in, read, read_env_files, resolve_environment_lists, Env, Loader};
use crate::compose::canonical;
use crate::compose::interpolate::interpolate_tree;
use crate::compose::merge::{self, apply_resets, enforce_unicity, take_resets};
use crate::compose::schema::{self, PROJECT};
use crate::compose::yaml::{parse_documents, Map, Node, Value};
use crate::compose::Error;

impl Loader {
    /// Loads documents of files into one tree (compose-go's `loadYamlModel`
    /// before defaults): interpolation, checks, include, extends, merge.
    pub(super) fn merge_documents(
        &mut self,
        documents: Vec<(Arc<str>, Vec<Node>)>,
        working_dir: &Path,
        env: &Env,
        include_stack: &[PathBuf],
    ) -> Result<Node, Error> {
        let mut dict = Node::map();
        for (file, docs) in documents {
            for doc in docs {
                let (doc, resets) = self.prepare(doc, &file, working_dir, env, include_stack)?;
                apply_resets(&mut dict, &resets);
                let mut path = Vec::new();
                dict = merge::merge(dict, doc, &mut path)
                    .map_err(|e| Error::Project(format!("merging {file}: {e}")))?;
                enforce_unicity(&mut dict, &mut Vec::new());
                canonical::canonical(&mut dict)
                    .map_err(|e| Error::Project(format!("{file}: {e}")))?;
                enforce_unicity(&mut dict, &mut Vec::new());
            }
        }
        Ok(dict)
    }

    /// One document: interpolation, shape check, `version`, resets, include, extends.
    pub(super) fn prepare(
        &mut self,
        mut doc: Node,
        file: &Arc<str>,
        working_dir: &Path,
        env: &Env,
        include_stack: &[PathBuf],
    ) -> Result<(Node, Vec<merge::Path>), Error> {
        if doc.is_null() {
            return Ok((Node::map(), Vec::new()));
        }
        if doc.as_map().is_none() {
            return Err(Error::Invalid {
                file: file.to_string(),
                line: doc.pos.line,
                path: "(top level)".into(),
                message: "top-level object must be a mapping".into(),
            });
        }
        let lookup = lookup_in(env);
        interpolate_tree(&mut doc, &mut Vec::new(), &lookup, &mut self.unset)
            .map_err(|e| Error::Interpolation(e.to_string()))?;
        schema::check(&mut doc, &PROJECT, &mut Vec::new()).map_err(|e| Error::Invalid {
            file: file.to_string(),
            line: e.line,
            path: if e.path.is_empty() {
                "(top level)".into()
            } else {
                e.path
            },
            message: e.message,
        })?;
        if let Some(top) = doc.as_map_mut() {
            if top.remove("version").is_some() {
                self.warnings.push(format!(
                    "{file}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion"
                ));
            }
        }
        let mut resets = Vec::new();
        take_resets(&mut doc, &mut Vec::new(), &mut resets);
        self.apply_include(&mut doc, file, working_dir, env, include_stack)?;
        self.apply_extends(&mut doc, file, working_dir, env, &resets, &[])?;
        Ok((doc, resets))
    }

    pub(super) fn apply_include(
        &mut self,
        doc: &mut Node,
        file: &Arc<str>,
        working_dir: &Path,
        env: &Env,
        include_stack: &[PathBuf],
    ) -> Result<(), Error> {
        let Some(top) = doc.as_map_mut() else {
            return Ok(());
        };
        let Some(include) = top.remove("include") else {
            return Ok(());
        };
        let mut stack: Vec<PathBuf> = include_stack.to_vec();
        if stack.is_empty() {
            stack.push(PathBuf::from(file.as_ref()));
        }
        for entry in include.as_seq().cloned().unwrap_or_default() {
            let (paths, project_directory, env_files) = match &entry.value {
                Value::Map(m) => (
                    strings(m.get("path")),
                    m.get("project_directory").and_then(Node::scalar_text),
                    strings(m.get("env_file")),
                ),
                _ => (
                    vec![entry.scalar_text().unwrap_or_default()],
                    None,
                    Vec::new(),
                ),
            };
            if paths.is_empty() {
                return Err(Error::Invalid {
                    file: file.to_string(),
                    line: entry.pos.line,
                    path: "include".into(),
                    message: "an include needs a path".into(),
                });
            }
            let paths: Vec<PathBuf> = paths
                .iter()
                .map(|p| PathBuf::from(canonical::abs_path(working_dir, p, self.home.as_deref())))
                .collect();
            let dir = match project_directory {
                Some(d) => {
                    PathBuf::from(canonical::abs_path(working_dir, &d, self.home.as_deref()))
                }
                None => paths[0].parent().map(Path::to_path_buf).unwrap_or_default(),
            };
            if stack.contains(&paths[0]) {
                let mut chain: Vec<String> =
                    stack.iter().map(|p| p.display().to_string()).collect();
                chain.push(paths[0].display().to_string());
                return Err(Error::Project(format!(
                    "include cycle detected:\n{}\n include {}",
                    chain[0],
                    chain[1..].join("\n include ")
                )));
            }
            let env_files: Vec<PathBuf> = if env_files.is_empty() {
                let d = dir.join(".env");
                if d.is_file() {
                    vec![d]
                } else {
                    Vec::new()
                }
            } else {
                env_files
                    .iter()
                    .filter(|f| *f != "/dev/null")
                    .map(|f| PathBuf::from(canonical::abs_path(working_dir, f, None)))
                    .collect()
            };
            let mut inc_env = env.clone();
            read_env_files(&env_files, &mut inc_env, &mut self.unset)?;
            let mut documents = Vec::new();
            for p in &paths {
                let text = read(p)?;
                let name: Arc<str> = Arc::from(p.display().to_string());
                let docs = parse_documents(&text, &name).map_err(|e| Error::Syntax {
                    file: name.to_string(),
                    message: e.message.clone(),
                })?;
                documents.push((name, docs));
            }
            let mut inner_stack = stack.clone();
            inner_stack.push(paths[0].clone());
            let mut imported = self.merge_documents(documents, &dir, &inc_env, &inner_stack)?;
            canonical::set_defaults(&mut imported);
            canonical::resolve_paths(&mut imported, &dir, self.home.as_deref());
            resolve_environment_lists(&mut imported, &inc_env);
            let Some(imported) = imported.as_map() else {
                continue;
            };
            let top = doc.as_map_mut().expect("checked above");
            for key in ["services", "volumes", "networks", "secrets", "configs"] {
                let Some(from) = imported.get(key).and_then(Node::as_map) else {
                    continue;
                };
                if !top.contains(key) || top.get(key).is_some_and(Node::is_null) {
                    top.insert(key, Node::map());
                }
                let to = top
                    .get_mut(key)
                    .and_then(Node::as_map_mut)
                    .expect("just made");
                for e in from.iter() {
                    if let Some(existing) = to.get(&e.key) {
                        if same_value(existing, &e.value) {
                            continue;
                        }
                        return Err(Error::Project(format!(
                            "{key}.{} conflicts with imported resource (from {})",
                            e.key,
                            paths[0].display()
                        )));
                    }
                    to.insert_entry(e.clone());
                }
            }
        }
        Ok(())
    }

    pub(super) fn apply_extends(
        &mut self,
        doc: &mut Node,
        file: &Arc<str>,
        base_dir: &Path,
        env: &Env,
        resets: &[merge::Path],
        chain: &[(String, String)],
    ) -> Result<(), Error> {
        let Some(services) = doc
            .as_map_mut()
            .and_then(|m| m.get_mut("services"))
            .and_then(Node::as_map_mut)
        else {
            return Ok(());
        };
        let names: Vec<String> = services.keys().map(str::to_string).collect();
        for name in names {
            self.extend_service(services, &name, file, base_dir, env, resets, chain)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn extend_service(
        &mut self,
        services: &mut Map,
        name: &str,
        file: &Arc<str>,
        base_dir: &Path,
        env: &Env,
        resets: &[merge::Path],
        chain: &[(String, String)],
    ) -> Result<Option<Node>, Error> {
        let Some(service) = services.get(name).cloned() else {
            return Ok(None);
        };
        let Some(extends) = service.as_map().and_then(|m| m.get("extends")).cloned() else {
            return Ok(Some(service));
        };
        let (reference, ext_file) = match &extends.value {
            Value::Map(m) => (
                m.get("service")
                    .and_then(Node::scalar_text)
                    .ok_or_else(|| Error::Invalid {
                        file: file.to_string(),
                        line: extends.pos.line,
                        path: format!("services.{name}.extends"),
                        message: "extends.service is required".into(),
                    })?,
                m.get("file").and_then(Node::scalar_text),
            ),
            _ => (extends.scalar_text().unwrap_or_default(), None),
        };
        let me = (file.to_string(), name.to_string());
        if chain.contains(&me) {
            let mut lines = vec!["Circular reference:".to_string()];
            lines.push(format!("  {} in {}", chain[0].1, chain[0].0));
            for (f, s) in chain[1..].iter().chain(std::iter::once(&me)) {
                lines.push(format!("  extends {s} in {f}"));
            }
            return Err(Error::Project(lines.join("\n")));
        }
        let mut chain = chain.to_vec();
        chain.push(me);
        let base = match ext_file {
            Some(other) => {
                let path =
                    PathBuf::from(canonical::abs_path(base_dir, &other, self.home.as_deref()));
                let text = read(&path)?;
                let oname: Arc<str> = Arc::from(path.display().to_string());
                let mut docs = parse_documents(&text, &oname).map_err(|e| Error::Syntax {
                    file: oname.to_string(),
                    message: e.message.clone(),
                })?;
                let mut odoc = if docs.is_empty() {
                    Node::map()
                } else {
                    docs.remove(0)
                };
                let lookup = lookup_in(env);
                interpolate_tree(&mut odoc, &mut Vec::new(), &lookup, &mut self.unset)
                    .map_err(|e| Error::Interpolation(e.to_string()))?;
                schema::check(&mut odoc, &PROJECT, &mut Vec::new()).map_err(|e| {
                    Error::Invalid {
                        file: oname.to_string(),
                        line: e.line,
                        path: e.path,
                        message: e.message,
                    }
                })?;
                let odir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let mut oresets = Vec::new();
                take_resets(&mut odoc, &mut Vec::new(), &mut oresets);
                // Paths in the other file are relative to its own directory.
                canonical::canonical(&mut odoc)
                    .map_err(|e| Error::Project(format!("{oname}: {e}")))?;
                canonical::resolve_paths(&mut odoc, &odir, self.home.as_deref());
                let Some(oservices) = odoc
                    .as_map_mut()
                    .and_then(|m| m.get_mut("services"))
                    .and_then(Node::as_map_mut)
                else {
                    return Err(Error::Project(format!(
                        "cannot extend service {name:?} in {file}: no services section in {oname}"
                    )));
                };
                if !oservices.contains(&reference) {
                    return Err(Error::Project(format!(
                        "cannot extend service {name:?} in {file}: service {reference:?} not found in {other}"
                    )));
                }
                self.extend_service(oservices, &reference, &oname, &odir, env, &oresets, &chain)?
            }
            None => {
                if !services.contains(&reference) {
                    return Err(Error::Project(format!(
                        "cannot extend service {name:?} in {file}: service {reference:?} not found"
                    )));
                }
                self.extend_service(services, &reference, file, base_dir, env, resets, &chain)?
            }
        };
        let Some(base) = base else {
            return Ok(Some(service));
        };
        // `!reset` in this service removes what it would inherit.
        let mut wrapper = Node::map();
        {
            let mut inner = Map::new();
            inner.insert(name, base);
            wrapper
                .as_map_mut()
                .expect("map")
                .insert("services", Node::new(Value::Map(inner)));
        }
        apply_resets(&mut wrapper, resets);
        let base = wrapper
            .as_map_mut()
            .and_then(|m| m.get_mut("services"))
            .and_then(Node::as_map_mut)
            .and_then(|m| m.remove(name))
            .unwrap_or_else(Node::map);
        let mut path = vec!["services".to_string(), "x".to_string()];
        let mut merged = merge::merge(base, service, &mut path)
            .map_err(|e| Error::Project(format!("extending {name} in {file}: {e}")))?;
        if let Some(m) = merged.as_map_mut() {
            m.remove("extends");
        }
        services.insert(name, merged.clone());
        Ok(Some(merged))
    }
}

pub(super) fn strings(n: Option<&Node>) -> Vec<String> {
    match n.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::scalar_text).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(_) => n.and_then(Node::scalar_text).into_iter().collect(),
    }
}

/// Equality of values, whatever their positions.
pub(super) fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|e| y.get(&e.key).is_some_and(|v| same_value(&e.value, v)))
        }
        (x, y) => x == y,
    }
}
