//! What a build is asked ([`Request`]) and what it reports: its progress
//! ([`Event`], [`Reporter`]) and why it failed ([`BuildError`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::build::context::Context;
use crate::build::instructions::{Dockerfile, Step};
use crate::image::author::Format;
use crate::image::ImageRecord;
use crate::layer;
use crate::registry::manifest::Platform;

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

pub(super) fn fail(step: Option<&Step>, message: impl std::fmt::Display) -> BuildError {
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
    /// `--annotation`s of the image's (OCI) manifest.
    pub annotations: BTreeMap<String, String>,
    /// `--squash`/`--squash-all`: how the image's layers are merged.
    pub squash: Squash,
    /// `--build-context`s by name.
    pub contexts: BTreeMap<String, ExtraContext>,
    /// The flags that shape what the image records and which stages run.
    pub shaping: Shaping,
}

/// The podman build flags that shape what the image records (times,
/// history, labels, annotations, platform notes) and how the steps run
/// (stages, stdin, cache age, VOLUME changes): the caller's values,
/// carried unchanged from [`crate::engine::BuildOptions`] to the executor.
#[derive(Debug, Clone, Default)]
pub struct Shaping {
    /// `--timestamp`: the created time of the image and its history, and
    /// the modification time of every file of the layers the build makes.
    pub timestamp: Option<i64>,
    /// `--source-date-epoch`: the created time of the image and its
    /// history (and the `SOURCE_DATE_EPOCH` build argument).
    pub source_date_epoch: Option<i64>,
    /// `--rewrite-timestamp`: new layers' files get no time later than
    /// `source_date_epoch`.
    pub rewrite_timestamp: bool,
    /// `--omit-history`: the image has no history.
    pub omit_history: bool,
    /// `--unsetlabel`: labels left out of the image.
    pub unset_labels: Vec<String>,
    /// `--unsetannotation`: annotations left out of the image's manifest.
    pub unset_annotations: Vec<String>,
    /// `--inherit-labels`: the base's labels stay (podman's default).
    pub inherit_labels: bool,
    /// `--inherit-annotations`: the base image's manifest annotations stay.
    pub inherit_annotations: bool,
    /// `--created-annotation`: `org.opencontainers.image.created` in an
    /// OCI manifest.
    pub created_annotation: bool,
    /// `--identity-label`: the `io.buildah.version` label.
    pub identity_label: bool,
    /// `--skip-unused-stages=false`: every stage is built.
    pub all_stages: bool,
    /// `--from`: the first FROM's base, replaced.
    pub from: Option<String>,
    /// `--os-feature`: the config's `os.features`.
    pub os_features: Vec<String>,
    /// `--os-version`: the config's `os.version`.
    pub os_version: Option<String>,
    /// `--stdin`: RUN steps read our standard input.
    pub stdin: bool,
    /// `--cache-ttl`: cached steps older than this are not used.
    pub cache_ttl: Option<std::time::Duration>,
    /// `--compat-volumes`: RUN's changes under VOLUME directories are undone.
    pub compat_volumes: bool,
}

/// A `--build-context`.
pub enum ExtraContext {
    /// A directory, opened as the main context is.
    Dir(Context),
    /// An image reference (`container-image://`, `docker-image://`, `docker://`).
    Image(String),
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
