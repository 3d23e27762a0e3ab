//! The facade the CLI calls: owns configuration and the store.

/// The single entry point of libpod for the CLI.
pub struct Engine;
