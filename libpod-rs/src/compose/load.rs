//! The loading pipeline, in compose-go's order: find the files and the
//! project directory, read `.env`, decide the project name, then for each
//! document of each file: interpolate, check against the specification,
//! apply `include` and `extends`, merge into what came before (honouring
//! `!reset`/`!override`), make keyed lists unique and turn short syntaxes
//! into long ones. Then defaults, absolute paths, normalisation, profiles,
//! consistency checks, `env_file`s, and the typed model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::canonical;
use super::dotenv;
use super::interpolate::{interpolate_tree, Lookup};
use super::merge::{self, apply_resets, enforce_unicity, take_resets};
use super::model::Project;
use super::schema::{self, PROJECT};
use super::validate;
use super::yaml::{parse_documents, Map, Node, Value};
use super::Error;

/// The file names compose looks for, in order.
pub const DEFAULT_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];
/// The override files read after the default file, when present.
pub const OVERRIDE_FILES: &[&str] = &[
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// What to load, as the `compose` flags and the environment say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-f` files, in order; empty: `COMPOSE_FILE`, else the default names.
    pub files: Vec<PathBuf>,
    /// `-p`.
    pub project_name: Option<String>,
    /// `--project-directory`.
    pub project_directory: Option<PathBuf>,
    /// `--profile`s; empty: `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// `--env-file`s; empty: the project directory's `.env`.
    pub env_files: Vec<PathBuf>,
    /// Services named on the command line: they (and what they depend on) are kept, enabled.
    pub services: Vec<String>,
    /// The current directory (relative paths start here).
    pub cwd: PathBuf,
    /// The process environment.
    pub environment: Vec<(String, String)>,
    /// Skip the consistency checks (`config --no-consistency`).
    pub skip_consistency: bool,
}

/// A loaded project.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The project name.
    pub name: String,
    /// The project directory.
    pub working_dir: PathBuf,
    /// The compose files read (absolute), in order.
    pub files: Vec<PathBuf>,
    /// The environment interpolation used (process, then `.env`).
    pub environment: BTreeMap<String, String>,
    /// The normalised model (enabled services only), in long syntax.
    pub model: Node,
    /// The typed model the engine works from.
    pub project: Project,
    /// Services left out because their profiles are not active.
    pub disabled_services: Vec<String>,
    /// Every profile any service names, sorted.
    pub profiles: Vec<String>,
    /// Warnings for the user (obsolete `version`, unset variables...).
    pub warnings: Vec<String>,
}

type Env = BTreeMap<String, String>;

fn lookup_in(env: &Env) -> impl Fn(&str) -> Option<String> + '_ {
    move |k: &str| env.get(k).cloned()
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let s = p.to_string_lossy();
    PathBuf::from(canonical::abs_path(cwd, &s, None))
}

fn read(path: &Path) -> Result<String, Error> {
    fs_err::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads `.env` files into `env` (variables already set win), as
/// compose-go's `GetEnvFromFile` + `Mapping.Merge`.
fn read_env_files(files: &[PathBuf], env: &mut Env, unset: &mut Vec<String>) -> Result<(), Error> {
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

/// compose's project name normalisation: lower case, `[a-z0-9_-]` kept,
/// leading `_` and `-` dropped.
pub fn normalize_project_name(s: &str) -> String {
    let kept: String = s
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

fn invalid_name(name: &str) -> Error {
    Error::Project(format!(
        "invalid project name {name:?}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number"
    ))
}

fn is_true(v: Option<&String>) -> bool {
    v.is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "t" | "true"))
}

struct Loader {
    warnings: Vec<String>,
    unset: Vec<String>,
    home: Option<String>,
}

/// Loads a compose project.
pub fn load(opts: &Options) -> Result<Loaded, Error> {
    let mut env: Env = opts.environment.iter().cloned().collect();
    let mut loader = Loader {
        warnings: Vec::new(),
        unset: Vec::new(),
        home: env.get("HOME").cloned(),
    };
    let cwd = &opts.cwd;
    let explicit_dir = opts.project_directory.as_ref().map(|d| absolute(cwd, d));
    let mut files: Vec<PathBuf> = opts.files.iter().map(|f| absolute(cwd, f)).collect();
    let mut working_dir = explicit_dir
        .clone()
        .or_else(|| {
            files
                .first()
                .and_then(|f| f.parent().map(Path::to_path_buf))
        })
        .unwrap_or_else(|| cwd.clone());

    let env_files_for = |wd: &Path, env: &Env| -> Vec<PathBuf> {
        if !opts.env_files.is_empty() {
            return opts.env_files.iter().map(|f| absolute(cwd, f)).collect();
        }
        if is_true(env.get("COMPOSE_DISABLE_ENV_FILE")) {
            return Vec::new();
        }
        let dotenv = wd.join(".env");
        if dotenv.is_file() {
            vec![dotenv]
        } else {
            Vec::new()
        }
    };
    let first_env_files = env_files_for(&working_dir, &env);
    read_env_files(&first_env_files, &mut env, &mut loader.unset)?;

    if files.is_empty() {
        if let Some(list) = env.get("COMPOSE_FILE").filter(|s| !s.is_empty()) {
            let sep = env
                .get("COMPOSE_PATH_SEPARATOR")
                .filter(|s| !s.is_empty())
                .cloned()
                .unwrap_or_else(|| ":".into());
            for f in list.split(sep.as_str()) {
                let p = absolute(cwd, Path::new(f));
                if !p.exists() {
                    return Err(Error::Read {
                        path: p,
                        source: std::io::Error::from(std::io::ErrorKind::NotFound),
                    });
                }
                files.push(p);
            }
        } else {
            let mut dir = explicit_dir.clone().unwrap_or_else(|| cwd.clone());
            loop {
                let found: Vec<PathBuf> = DEFAULT_FILES
                    .iter()
                    .map(|n| dir.join(n))
                    .filter(|p| p.exists())
                    .collect();
                if let Some(first) = found.first() {
                    if found.len() > 1 {
                        loader.warnings.push(format!(
                            "Found multiple config files with supported names: {}",
                            found
                                .iter()
                                .map(|p| p.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        loader.warnings.push(format!("Using {}", first.display()));
                    }
                    files.push(first.clone());
                    if let Some(o) = OVERRIDE_FILES
                        .iter()
                        .map(|n| dir.join(n))
                        .find(|p| p.exists())
                    {
                        files.push(o);
                    }
                    break;
                }
                if !dir.pop() {
                    break;
                }
            }
        }
        if files.is_empty() {
            return Err(Error::NoFile {
                dir: explicit_dir.unwrap_or_else(|| cwd.clone()),
            });
        }
        if explicit_dir.is_none() {
            working_dir = files[0]
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or(working_dir);
            // compose reads the env files again for the directory it found.
            let more = env_files_for(&working_dir, &env);
            if more != first_env_files {
                read_env_files(&more, &mut env, &mut loader.unset)?;
            }
        }
    }

    // Parse every file once.
    let mut documents: Vec<(Arc<str>, Vec<Node>)> = Vec::new();
    for f in &files {
        let text = read(f)?;
        let name: Arc<str> = Arc::from(f.display().to_string());
        let docs = parse_documents(&text, &name).map_err(|e| Error::Syntax {
            file: name.to_string(),
            message: e.message.clone(),
        })?;
        documents.push((name, docs));
    }

    // The project name: -p, COMPOSE_PROJECT_NAME, `name:`, the directory.
    let name = if let Some(n) = opts.project_name.as_ref().filter(|n| !n.is_empty()) {
        if normalize_project_name(n) != *n {
            return Err(invalid_name(n));
        }
        n.clone()
    } else if let Some(n) = env.get("COMPOSE_PROJECT_NAME").filter(|n| !n.is_empty()) {
        if normalize_project_name(n) != *n {
            return Err(invalid_name(n));
        }
        n.clone()
    } else {
        let mut from_file = String::new();
        for (_, docs) in &documents {
            for d in docs {
                if let Some(n) = d
                    .as_map()
                    .and_then(|m| m.get("name"))
                    .and_then(Node::scalar_text)
                {
                    if !n.is_empty() {
                        from_file = n;
                    }
                }
            }
        }
        let from_file =
            super::interpolate::substitute(&from_file, &lookup_in(&env), &mut loader.unset)
                .map_err(|e| {
                    Error::Interpolation(format!("error while interpolating name: {e}"))
                })?;
        let from_file = normalize_project_name(&from_file);
        if !from_file.is_empty() {
            from_file
        } else {
            let base = working_dir
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            normalize_project_name(&base)
        }
    };
    if name.is_empty() {
        return Err(Error::Project(
            "project name must not be empty: name it with -p NAME or a `name:` key".into(),
        ));
    }
    env.insert("COMPOSE_PROJECT_NAME".into(), name.clone());

    let mut dict = loader.merge_documents(documents, &working_dir, &env, &[])?;
    if dict.as_map().is_none_or(Map::is_empty) {
        return Err(Error::Project("empty compose file".into()));
    }
    canonical::set_defaults(&mut dict);
    canonical::resolve_paths(&mut dict, &working_dir, loader.home.as_deref());
    resolve_environment_lists(&mut dict, &env);
    if let Some(top) = dict.as_map_mut() {
        top.insert("name", Node::str(name.clone()));
    }
    canonical::normalize(&mut dict, &name, &lookup_in(&env));

    // Profiles and selected services.
    let mut active: Vec<String> = if opts.profiles.is_empty() {
        env.get("COMPOSE_PROFILES")
            .map(|p| {
                p.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        opts.profiles.clone()
    };
    let all_profiles = service_profiles(&dict);
    let mut profiles: Vec<String> = all_profiles.values().flatten().cloned().collect();
    profiles.sort();
    profiles.dedup();
    for s in &opts.services {
        let Some(p) = all_profiles.get(s) else {
            return Err(Error::Project(format!("no such service: {s}")));
        };
        if !enabled(p, &active) {
            active.extend(p.iter().cloned());
        }
    }
    let disabled: Vec<String> = all_profiles
        .iter()
        .filter(|(_, p)| !enabled(p, &active))
        .map(|(n, _)| n.clone())
        .collect();
    let mut disabled_model = Map::new();
    if let Some(services) = dict
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    {
        for d in &disabled {
            if let Some(n) = services.remove(d) {
                disabled_model.insert(d.clone(), n);
            }
        }
    }
    if !opts.skip_consistency {
        validate::check(&dict, &disabled_model)?;
    }
    if !opts.services.is_empty() {
        keep_selected(&mut dict, &opts.services);
    }
    resolve_env_files(&mut dict, &env, &mut loader.unset)?;

    for v in &loader.unset {
        loader.warnings.push(format!(
            "The {v:?} variable is not set. Defaulting to a blank string."
        ));
    }
    let project = Project::from_model(&dict).map_err(|e| Error::Project(e.to_string()))?;
    Ok(Loaded {
        name,
        working_dir,
        files,
        environment: env,
        model: dict,
        project,
        disabled_services: disabled,
        profiles,
        warnings: loader.warnings,
    })
}

fn enabled(profiles: &[String], active: &[String]) -> bool {
    profiles.is_empty()
        || active
            .iter()
            .any(|a| a == "*" || profiles.iter().any(|p| p == a))
}

fn service_profiles(dict: &Node) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    if let Some(services) = dict
        .as_map()
        .and_then(|m| m.get("services"))
        .and_then(Node::as_map)
    {
        for e in services.iter() {
            let p = e
                .value
                .as_map()
                .and_then(|s| s.get("profiles"))
                .and_then(Node::as_seq)
                .map(|items| items.iter().filter_map(Node::scalar_text).collect())
                .unwrap_or_default();
            out.insert(e.key.clone(), p);
        }
    }
    out
}

/// Keeps the named services and what they depend on.
fn keep_selected(dict: &mut Node, selected: &[String]) {
    let Some(services) = dict
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    else {
        return;
    };
    let mut keep: Vec<String> = selected.to_vec();
    let mut i = 0;
    while i < keep.len() {
        let deps: Vec<String> = services
            .get(&keep[i])
            .and_then(Node::as_map)
            .and_then(|s| s.get("depends_on"))
            .and_then(Node::as_map)
            .map(|d| d.keys().map(str::to_string).collect())
            .unwrap_or_default();
        for d in deps {
            if !keep.contains(&d) && services.contains(&d) {
                keep.push(d);
            }
        }
        i += 1;
    }
    services.retain(|e| keep.contains(&e.key));
}

/// compose-go's `ResolveEnvironment`: `environment: [KEY]` takes KEY's value
/// from the environment when it is set.
fn resolve_environment_lists(dict: &mut Node, env: &Env) {
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
fn environment_pairs(n: Option<&Node>) -> Vec<(String, Option<String>)> {
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
fn resolve_env_files(dict: &mut Node, env: &Env, unset: &mut Vec<String>) -> Result<(), Error> {
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
            let pairs = dotenv::parse(&text, &lookup, unset).map_err(|err| Error::EnvFile {
                path: path.clone(),
                message: err.to_string(),
            })?;
            for (k, v) in pairs {
                match from_files.iter_mut().find(|(n, _)| *n == k) {
                    Some(slot) => slot.1 = v,
                    None => from_files.push((k, v)),
                }
            }
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
fn resolve_label_files(s: &mut Map, unset: &mut Vec<String>) -> Result<(), Error> {
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
        let pairs = dotenv::parse(&text, &lookup, unset).map_err(|err| Error::EnvFile {
            path: path.clone(),
            message: err.to_string(),
        })?;
        for (k, v) in pairs {
            match labels.iter_mut().find(|(n, _)| *n == k) {
                Some(slot) => slot.1 = v,
                None => labels.push((k, v)),
            }
        }
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

impl Loader {
    /// Loads documents of files into one tree (compose-go's `loadYamlModel`
    /// before defaults): interpolation, checks, include, extends, merge.
    fn merge_documents(
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
    fn prepare(
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

    fn apply_include(
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

    fn apply_extends(
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
    fn extend_service(
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

fn strings(n: Option<&Node>) -> Vec<String> {
    match n.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::scalar_text).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(_) => n.and_then(Node::scalar_text).into_iter().collect(),
    }
}

/// Equality of values, whatever their positions.
fn same_value(a: &Node, b: &Node) -> bool {
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

impl Lookup for Env {
    fn lookup(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}
