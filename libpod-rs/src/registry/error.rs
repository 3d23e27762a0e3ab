//! What can go wrong talking to a registry, and which failures a retry
//! may pass.

use std::io::{self, Read};

use crate::digest::Digest;
use crate::registry::tls;

/// Errors talking to a registry; each says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The registry wants credentials we do not have (or rejected ours).
    #[error("{what}: authentication required: log in with `rpod login {host}`")]
    Unauthorized {
        /// What was being fetched.
        what: String,
        /// The registry host.
        host: String,
    },
    /// Credentials given to `login` were rejected (podman's message).
    #[error("logging into \"{host}\": invalid username/password")]
    BadCredentials {
        /// The registry host.
        host: String,
    },
    /// The registry refused access.
    #[error("{what}: access denied (403): check the name and that your account may pull it; log in with `rpod login {host}`")]
    Denied {
        /// What was being fetched.
        what: String,
        /// The registry host.
        host: String,
    },
    /// Unknown repository, tag or digest.
    #[error("{what}: manifest unknown: check the repository name and tag")]
    ManifestUnknown {
        /// What was being fetched.
        what: String,
    },
    /// A blob the manifest names is missing.
    #[error("{what}: blob unknown to registry")]
    BlobUnknown {
        /// What was being fetched.
        what: String,
    },
    /// Could not connect, the connection broke, or the registry went silent.
    #[error("{what}: {message}")]
    Unreachable {
        /// What was being fetched.
        what: String,
        /// The transport's message, with a hint.
        message: String,
        /// Whether trying again may help (not for a refused TLS handshake).
        retryable: bool,
    },
    /// Any other HTTP error status.
    #[error("{what}: registry answered {status}: {body}")]
    Status {
        /// What was being fetched.
        what: String,
        /// HTTP status.
        status: u16,
        /// Start of the response body.
        body: String,
    },
    /// Content does not match its digest.
    #[error("{what}: digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch {
        /// What was fetched.
        what: String,
        /// The promised digest.
        expected: Digest,
        /// The digest of what arrived.
        actual: Digest,
    },
    /// A manifest or config is larger than allowed.
    #[error("{what}: larger than {limit} bytes")]
    TooLarge {
        /// What was fetched.
        what: String,
        /// The limit.
        limit: usize,
    },
    /// Content is not the size its descriptor declares.
    #[error("{what}: the registry {served}, but the manifest declares {declared} bytes; the registry serves content that does not match the image, ask its owner")]
    SizeMismatch {
        /// What was fetched.
        what: String,
        /// What arrived or was announced ("sent 1234 bytes", "announces 1234 bytes").
        served: String,
        /// The size the descriptor declares.
        declared: u64,
    },
    /// The registry's certs.d directory or a certificate cannot be used.
    #[error("TLS setup for {host}: {source}")]
    Tls {
        /// The registry host.
        host: String,
        /// What is wrong.
        source: tls::Error,
    },
    /// A manifest does not parse.
    #[error("invalid manifest: {0}")]
    BadManifest(String),
    /// A tags list that cannot be used (containers/image's words where it has them).
    #[error("{0}")]
    BadTagList(String),
    /// A `--platform` value does not parse.
    #[error("invalid platform {0:?}: expected OS/ARCH[/VARIANT], e.g. linux/arm64")]
    BadPlatform(String),
    /// No image in the index is for the wanted platform.
    #[error("no image found in manifest list for platform {wanted}; available: {}", .available.join(", "))]
    NoMatchingPlatform {
        /// The platform asked for.
        wanted: String,
        /// The platforms the index has.
        available: Vec<String>,
    },
    /// Reading credentials failed.
    #[error(transparent)]
    Config(#[from] crate::config::Error),
}

impl Error {
    /// Whether trying again may succeed: the network failed or timed out,
    /// or the registry answered 429 or 5xx (containers/common's retry rules).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Unreachable { retryable, .. } => *retryable,
            Error::Status { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// Marks an I/O error of the network while reading a body (a broken
/// connection, a read timeout): a retry may succeed.
#[derive(Debug)]
pub struct NetworkFault(pub(super) String);

impl std::fmt::Display for NetworkFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NetworkFault {}

impl NetworkFault {
    /// Whether an error (or one it wraps) is a network fault.
    pub fn is_in(e: &(dyn std::error::Error + 'static)) -> bool {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(s) = source {
            if s.is::<NetworkFault>() {
                return true;
            }
            if let Some(io) = s.downcast_ref::<io::Error>() {
                if io.get_ref().is_some_and(|inner| inner.is::<NetworkFault>()) {
                    return true;
                }
            }
            source = s.source();
        }
        false
    }
}

/// Whether a transport failure may pass on a retry: a broken or refused
/// connection or a timeout, but not a TLS verification failure or a
/// refused client certificate (containers/image does not retry those either).
pub(super) fn is_retryable(t: &ureq::Transport) -> bool {
    matches!(
        t.kind(),
        ureq::ErrorKind::Io | ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::ProxyConnect
    ) && !is_tls_refusal(&t.to_string().to_lowercase())
}

/// Whether a transport message says the TLS handshake was refused (by us or
/// by the server), rather than the network failing.
pub(super) fn is_tls_refusal(lower: &str) -> bool {
    lower.contains("invalid peer certificate")
        || lower.contains("received fatal alert")
        || lower.contains("certificate")
}

pub(super) fn status_error(what: &str, status: u16, resp: ureq::Response) -> Error {
    let mut body = String::new();
    let _ = resp.into_reader().take(512).read_to_string(&mut body);
    Error::Status {
        what: what.to_string(),
        status,
        body: body.trim().to_string(),
    }
}

/// The error of reading a body: a size mismatch as itself, else the network's.
pub(super) fn body_error(what: &str, e: io::Error) -> Error {
    let message = e.to_string();
    let retryable = NetworkFault::is_in(&e);
    match e.into_inner().map(|inner| inner.downcast::<Error>()) {
        Some(Ok(mismatch)) => *mismatch,
        _ => Error::Unreachable {
            what: what.to_string(),
            message,
            retryable,
        },
    }
}
