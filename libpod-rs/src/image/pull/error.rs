//! A pull's errors, each naming the reference and what to do.

use std::io::{self};

use crate::digest::Digest;
use crate::layer::{self};
use crate::registry::NetworkFault;
use crate::store::{self};

/// Errors of a pull; each names the reference and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The registry client failed.
    #[error("{reference}: {source}")]
    Registry {
        /// The reference being pulled.
        reference: String,
        /// The client's error.
        source: crate::registry::Error,
    },
    /// Every candidate of a short name failed.
    #[error("{input}: {}", .errors.join("; "))]
    AllCandidatesFailed {
        /// What the user typed.
        input: String,
        /// One message per candidate tried.
        errors: Vec<String>,
    },
    /// The manifest or config is not what the image format requires.
    #[error("{reference}: {message}")]
    BadImage {
        /// The reference being pulled.
        reference: String,
        /// What is wrong.
        message: String,
    },
    /// A blob's content does not match its digest.
    #[error("{reference}: {what} digest mismatch: expected {expected}, got {actual}; the registry served corrupt content, try again or ask its owner")]
    DigestMismatch {
        /// The reference being pulled.
        reference: String,
        /// Which digest ("layer sha256:…" or "uncompressed layer").
        what: String,
        /// The digest the manifest promised.
        expected: Digest,
        /// The digest of what arrived.
        actual: Digest,
    },
    /// Unpacking a layer failed.
    #[error("{reference}: unpacking layer {digest}: {source}")]
    Unpack {
        /// The reference being pulled.
        reference: String,
        /// The layer blob.
        digest: Digest,
        /// The unpacker's error.
        source: layer::Error,
    },
    /// Reading a layer from the network failed.
    #[error("{reference}: reading layer {digest}: {source}")]
    Read {
        /// The reference being pulled.
        reference: String,
        /// The layer blob.
        digest: Digest,
        /// The I/O error.
        source: io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The signature policy refused the image.
    #[error(transparent)]
    Trust(#[from] crate::image::trust::Error),
    /// A `--decryption-key` file cannot be read (podman's words).
    #[error("unable to obtain decryption config: invalid decryption keys: {0}")]
    DecryptionKey(String),
    /// A layer is encrypted (ocicrypt), which rpod cannot decrypt yet.
    #[error("{reference}: layer {digest} is encrypted (ocicrypt){}: rpod cannot decrypt image layers; decrypt the image with skopeo copy --decryption-key first", if *keys { " and --decryption-key was given" } else { "" })]
    Encrypted {
        /// The image.
        reference: String,
        /// The encrypted layer.
        digest: String,
        /// Whether `--decryption-key` was given.
        keys: bool,
    },
    /// The registries configuration refused the name.
    #[error(transparent)]
    Config(#[from] crate::config::Error),
}

impl Error {
    /// Whether pulling again may succeed (the network failed, not the image).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Registry { source, .. } => source.is_retryable(),
            Error::Read { .. } | Error::Unpack { .. } => NetworkFault::is_in(self),
            _ => false,
        }
    }
}

/// A duration as Go prints it (`2s`, `500ms`, `1m30s`), for podman's messages.
pub(super) fn go_duration(d: std::time::Duration) -> String {
    let ms = d.as_millis();
    if ms == 0 {
        "0s".into()
    } else if ms < 1000 {
        format!("{ms}ms")
    } else if d.subsec_millis() != 0 {
        format!("{}s", d.as_secs_f64())
    } else {
        let s = d.as_secs();
        match (s / 3600, s / 60 % 60, s % 60) {
            (0, 0, sec) => format!("{sec}s"),
            (0, m, sec) => format!("{m}m{sec}s"),
            (h, m, sec) => format!("{h}h{m}m{sec}s"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn durations_print_as_go_prints_them() {
        assert_eq!(go_duration(Duration::ZERO), "0s");
        assert_eq!(go_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(go_duration(Duration::from_secs(2)), "2s");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(go_duration(Duration::from_secs(3600)), "1h0m0s");
    }
}
