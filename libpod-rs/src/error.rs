//! The crate's top-level error: every module's own error, plus the exit code
//! the CLI should use for it (podman's `define/exec_codes.go`).

/// Exit code for an error of rpod itself.
pub const EXIT_RPOD: u8 = 125;
/// Exit code when the container's command exists but cannot be invoked.
pub const EXIT_CANNOT_INVOKE: u8 = 126;
/// Exit code when the container's command is not found.
pub const EXIT_NOT_FOUND: u8 = 127;

/// Any error libpod returns; each variant wraps one module's typed error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An error with a message already written for the user.
    #[error("{0}")]
    Message(String),
}

impl Error {
    /// The process exit code the CLI should return for this error.
    pub fn exit_code(&self) -> u8 {
        EXIT_RPOD
    }
}

/// Result with libpod's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
