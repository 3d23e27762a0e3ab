//! The RUN interface: what a RUN step needs ([`RunRequest`]) and the
//! [`StepRunner`] that runs it, outside the executor.

use std::path::{Path, PathBuf};

use super::RunOutput;
use crate::build::instructions::RunNetwork;

/// What a RUN step mounts, resolved by the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunMountSource {
    /// A host directory or file (a context path, a stage's tree, a cache
    /// directory, a here-document script).
    Bind {
        /// The host path.
        source: PathBuf,
        /// Mounted read-only.
        read_only: bool,
    },
    /// A tmpfs, with its mount options (`size=...`).
    Tmpfs(Vec<String>),
}

/// A RUN mount: what, and where in the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMount {
    /// The absolute path in the container.
    pub target: String,
    /// What is mounted there.
    pub source: RunMountSource,
}

/// What a RUN step needs: the stage's root file system and process settings.
#[derive(Debug)]
pub struct RunRequest<'a> {
    /// The stage's layer directories, bottom first.
    pub layers: &'a [PathBuf],
    /// A fresh private directory for the step's container (its upper and
    /// work directories, its /etc files); removed by the builder after the
    /// layer is made.
    pub scratch: &'a Path,
    /// The environment (image env, ENV, ARG values).
    pub env: Vec<String>,
    /// `USER`.
    pub user: String,
    /// `WORKDIR`.
    pub workdir: String,
    /// The command line (the shell form already wrapped in the stage's SHELL,
    /// here-documents folded in).
    pub argv: Vec<String>,
    /// `--network`.
    pub network: RunNetwork,
    /// `--mount`s (and here-document scripts), resolved.
    pub mounts: Vec<ResolvedMount>,
    /// Where the step's output goes.
    pub output: RunOutput,
    /// `--stdin`: the step reads our standard input (else /dev/null).
    pub stdin: bool,
}

/// Where a RUN step's changes are, for the layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// An overlay upper directory (whiteouts and opaque markers included).
    Upper(PathBuf),
    /// A full tree (the vfs driver), compared with the layers below.
    Tree(PathBuf),
}

/// Runs a RUN step; returns where its changes are, which become the
/// step's layer.
pub trait StepRunner {
    /// Runs the step; `Err((message, exit code))` when it fails.
    fn run(&self, req: &RunRequest<'_>) -> Result<Changes, (String, u8)>;
}

/// A runner that refuses RUN (for builds that must not run anything).
pub struct RunUnsupported;

impl StepRunner for RunUnsupported {
    fn run(&self, _req: &RunRequest<'_>) -> Result<Changes, (String, u8)> {
        Err((
            "RUN is not supported by this build: build this Dockerfile with podman or buildah, or remove the RUN steps".into(),
            125,
        ))
    }
}
