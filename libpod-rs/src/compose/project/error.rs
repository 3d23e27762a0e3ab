//! What can go wrong while running a compose project (`up`, `run`,
//! `down`, `start`, `pull`, `push`, `logs`): one variant per failure, with
//! the names a caller needs, and podman compose's words for the user.

use std::fmt;
use std::path::PathBuf;

/// An error from running a compose project.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// A service named on the command line is not in the project.
    #[error("no such service: {0}")]
    NoSuchService(String),
    /// `--scale SERVICE=N` names a service not in the project.
    #[error("--scale {0}: no such service: {0}")]
    ScaleNoSuchService(String),
    /// A service with a fixed `container_name` cannot have several containers.
    #[error("service {service:?}: container_name is set, so it cannot be scaled to {replicas} containers: remove container_name or keep one replica")]
    NamedServiceScaled {
        /// The service.
        service: String,
        /// The number of containers asked for.
        replicas: u32,
    },
    /// A service's key has a value rpod cannot use.
    #[error("service {service:?}: {key}: {reason}")]
    InvalidService {
        /// The service.
        service: String,
        /// The key (dotted for nested keys).
        key: String,
        /// What is wrong with its value.
        reason: String,
    },
    /// A network declared `external` does not exist.
    #[error("network {0} declared as external, but could not be found: create it with `rpod network create {0}`")]
    ExternalNetworkMissing(String),
    /// A volume declared `external` does not exist.
    #[error("external volume {0:?} not found: create it with `rpod volume create {0}`")]
    ExternalVolumeMissing(String),
    /// A child `rpod` (build, pull, push) could not be started.
    #[error("running rpod {verb}: {source}")]
    Child {
        /// Its verb.
        verb: &'static str,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// A service's `rpod build` failed.
    #[error("service {service:?} failed to build: `rpod build` exited with {code}")]
    BuildFailed {
        /// The service.
        service: String,
        /// The exit code of `rpod build`.
        code: i32,
    },
    /// A service's image must be built, but `--no-build` was given.
    #[error("service {service:?} has no image {image} and --no-build was given: build it with `rpod compose build {service}`")]
    NotBuilt {
        /// The service.
        service: String,
        /// Its image.
        image: String,
    },
    /// A service's image is missing and its `pull_policy` is `never`.
    #[error("service {service:?}: image {image} is not in the store and pull_policy is never")]
    PullPolicyNever {
        /// The service.
        service: String,
        /// Its image.
        image: String,
    },
    /// Pulling an image failed (the child's messages said why).
    #[error("pulling {0} failed (see above)")]
    PullFailed(String),
    /// Pushing a service's image failed (the child's messages said why).
    #[error("service {service:?}: pushing {image} failed (see above)")]
    PushFailed {
        /// The service.
        service: String,
        /// Its image.
        image: String,
    },
    /// `compose start` found no container to start.
    #[error("no containers to start: run `rpod compose up` first")]
    NothingToStart,
    /// A container could not be started.
    #[error("starting container {container}: {source}")]
    Start {
        /// The container.
        container: String,
        /// Why.
        source: Box<crate::Error>,
    },
    /// `up` failed; what it started was stopped (or stopping failed too).
    #[error("{source}{cleanup}")]
    Up {
        /// Why `up` failed.
        source: Box<crate::Error>,
        /// What was done with the containers it started.
        cleanup: Cleanup,
    },
    /// A dependency of a service failed to start.
    #[error("service {service:?} depends on {dependency:?}, which failed to start")]
    DependencyFailed {
        /// The service.
        service: String,
        /// The dependency.
        dependency: String,
    },
    /// A `service_completed_successfully` dependency exited non-zero.
    #[error("service {dependency:?} didn't complete successfully: exit {code}")]
    DependencyExitCode {
        /// The dependency.
        dependency: String,
        /// Its container's exit code.
        code: i32,
    },
    /// `up --wait`: a container exited.
    #[error("container {container} exited ({code})")]
    Exited {
        /// The container.
        container: String,
        /// Its exit code.
        code: i32,
    },
    /// A container waited for as healthy has no healthcheck.
    #[error("dependency failed to start: container {0} has no healthcheck configured")]
    NoHealthcheck(String),
    /// A container waited for as healthy exited.
    #[error("dependency failed to start: container {container} exited ({code})")]
    DependencyExited {
        /// The container.
        container: String,
        /// Its exit code.
        code: i32,
    },
    /// A container waited for as healthy turned unhealthy.
    #[error("dependency failed to start: container {0} is unhealthy")]
    Unhealthy(String),
    /// A secret's or config's `mode` is not octal.
    #[error("{kind} {name:?}: mode {mode:?} is not an octal number")]
    BadMode {
        /// `secrets` or `configs`.
        kind: String,
        /// The secret or config.
        name: String,
        /// The mode given.
        mode: String,
    },
    /// The directory of the project's secret and config files could not
    /// be made.
    #[error("{0}")]
    CreateFilesDir(#[source] std::io::Error),
    /// The project's secret and config files could not be removed.
    #[error("{0}")]
    RemoveFiles(#[source] std::io::Error),
    /// A secret's or config's file could not be written.
    #[error("writing {}: {}", path.display(), crate::sys::os_text(source))]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The directory of the projects' locks could not be made.
    #[error("creating {}: {source}", dir.display())]
    LockDir {
        /// The directory.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The project's lock could not be taken.
    #[error("locking {}: {}", path.display(), crate::sys::os_text(source))]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SIGINT and SIGTERM could not be blocked while attached.
    #[error("blocking SIGINT: {0}")]
    BlockSignals(#[source] nix::Error),
    /// The signalfd that watches them could not be made.
    #[error("signalfd: {0}")]
    SignalFd(#[source] nix::Error),
    /// The wake-up pipe of the attached watcher could not be made.
    #[error("pipe: {0}")]
    Pipe(#[source] nix::Error),
    /// Reading or following a container's log.
    #[error(transparent)]
    Logs(#[from] crate::container::logs::Error),
    /// A worker thread (`start`, `log`) panicked.
    #[error("a {0} thread panicked")]
    ThreadPanicked(&'static str),
}

/// What a failed `up` did with the containers it had started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleanup {
    /// It had started none that still run.
    Nothing,
    /// It stopped these.
    Stopped(Vec<String>),
    /// Stopping them failed; why, per container.
    StopFailed(Vec<String>),
}

impl fmt::Display for Cleanup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cleanup::Nothing => Ok(()),
            Cleanup::Stopped(names) => {
                write!(f, " (stopped what this `up` started: {})", names.join(", "))
            }
            Cleanup::StopFailed(problems) => write!(
                f,
                " (stopping what this `up` started failed too: {})",
                problems.join("; ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cleanup, ProjectError};

    #[test]
    fn a_failed_up_says_what_it_stopped() {
        let e = ProjectError::Up {
            source: Box::new(ProjectError::NoSuchService("web".into()).into()),
            cleanup: Cleanup::Stopped(vec!["p-db-1".into(), "p-web-1".into()]),
        };
        assert_eq!(
            e.to_string(),
            "no such service: web (stopped what this `up` started: p-db-1, p-web-1)"
        );
        let e = ProjectError::Up {
            source: Box::new(ProjectError::Unhealthy("p-db-1".into()).into()),
            cleanup: Cleanup::Nothing,
        };
        assert_eq!(
            e.to_string(),
            "dependency failed to start: container p-db-1 is unhealthy"
        );
        assert_eq!(
            Cleanup::StopFailed(vec!["a: x".into(), "b: y".into()]).to_string(),
            " (stopping what this `up` started failed too: a: x; b: y)"
        );
        let e: crate::Error = ProjectError::ScaleNoSuchService("web".into()).into();
        assert_eq!(e.to_string(), "--scale web: no such service: web");
        assert_eq!(e.exit_code(), crate::error::EXIT_RPOD);
    }
}
