//! Compose files, loaded as Docker Compose v2 loads them: the Compose
//! Specification's YAML (anchors, `<<` merges), interpolation from the
//! environment and `.env`, several `-f` files merged, `include`, `extends`,
//! profiles, the project name, short and long syntaxes, validation; and the
//! normalised model that `rpod compose config` prints; and ([`project`])
//! the compose engine that turns it into containers.
//!
//! The loader is pure: it reads the compose files, `.env` files and
//! `env_file`s it is pointed at, and nothing else (no store, no engine).
//! The environment is passed in, so callers and tests decide what it is.
//! Steps follow compose-go (loader, override, transform, paths), which is
//! the reference for every rule here; see each file's header.

mod canonical;
pub mod config;
pub mod dotenv;
pub(crate) mod emit;
pub mod interpolate;
mod load;
mod merge;
pub mod model;
pub mod project;
mod schema;
mod validate;
pub mod yaml;

use std::path::PathBuf;

pub use config::Format;
pub use load::{load, Loaded, Options};
pub use model::{Project, Service};

/// Everything that can go wrong loading a compose project.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No compose file given and none found.
    #[error("no configuration file provided: not found (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml in {dir} and its parents; name one with -f)")]
    NoFile {
        /// Where the search started.
        dir: PathBuf,
    },
    /// A file could not be read.
    #[error("reading {path}: {}", crate::sys::os_text(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not valid YAML.
    #[error("parsing {file}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// What is wrong, with its line.
        message: String,
    },
    /// A file does not follow the Compose Specification: names the key and line.
    #[error("validating {file}: {}{path}: {message}", line_prefix(*.line))]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// The dotted path of the key.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Interpolation failed (`${VAR:?message}` with VAR unset, a bad `$`).
    #[error("{0}")]
    Interpolation(String),
    /// A `.env` file (or `env_file`) does not parse.
    #[error("reading env file {path}: {message}")]
    EnvFile {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line.
        message: String,
    },
    /// The project is inconsistent (undefined service, cycle, conflicting
    /// options...): the message says what and where.
    #[error("{0}")]
    Project(String),
}

fn line_prefix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

/// The normalised project as `docker compose config` prints it (YAML or JSON).
pub fn render(loaded: &Loaded, format: Format) -> Result<String, Error> {
    let tree = config::printable(&loaded.model, format).map_err(|e| Error::Invalid {
        file: loaded
            .files
            .first()
            .map(|f| f.display().to_string())
            .unwrap_or_default(),
        line: e.line,
        path: e.path,
        message: e.message,
    })?;
    let text = match format {
        Format::Yaml => emit::plain_yaml(&tree),
        Format::Json => emit::json(&tree),
    };
    // What was interpolated must not be interpolated again when read back.
    Ok(text.replace('$', "$$"))
}

#[cfg(test)]
mod tests;
