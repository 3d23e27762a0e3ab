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
use super::model::Project;
use super::validate;
use super::yaml::{parse_documents, Map, Node};
use super::Error;

mod documents;
mod env;
mod profiles;

use env::{read_env_files, resolve_env_files, resolve_environment_lists};
use profiles::{enabled, keep_selected, service_profiles};

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
