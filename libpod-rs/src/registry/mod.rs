//! The distribution API client: manifests and blobs over HTTP(S), with
//! Docker Hub's bearer-token flow, basic auth, retries, read timeouts and
//! the trust of each registry (system CAs, certs.d, client certificates:
//! see [`tls`]).
//!
//! Requests are not retried here: as in podman, a failed pull is retried
//! whole ([`Error::is_retryable`] says which failures may pass), and the
//! layers it already stored are not fetched again.
//!
//! The client is synchronous (`ureq`) and `Sync`: a pull fetches several
//! blobs from several threads through one client and one token cache. Each
//! registry host gets its own agent, because each has its own TLS
//! configuration. An insecure registry (`--tls-verify=false`, `insecure =
//! true`) is asked over HTTPS without verification first and over plain
//! HTTP only when it does not answer HTTPS, as containers/image does; the
//! scheme that answered is remembered for the client's lifetime.
//!
//! Every body is bounded: manifests and configs by their limit and their
//! declared size, layers by the size their manifest declares (a registry
//! that sends more fails the pull), token answers by 1 MiB.

pub mod auth;
pub mod manifest;
pub mod push;
pub mod tls;

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::time::Duration;

use crate::config::{AuthStore, Credentials, Endpoint};
use crate::digest::Digest;
use auth::Challenge;

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

/// How a failed pull is retried (podman's `--retry` and `--retry-delay`,
/// containers.conf `retry` and `retry_delay`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Retries after the first attempt (podman's default: 3).
    pub count: u32,
    /// The delay between attempts; `None` starts at two seconds and doubles.
    pub delay: Option<Duration>,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            count: 3,
            delay: None,
        }
    }
}

impl Retry {
    /// The delay before retry `n` (1 for the first).
    pub fn delay_before(&self, n: u32) -> Duration {
        self.delay
            .unwrap_or_else(|| Duration::from_secs(2u64 << n.saturating_sub(1).min(6)))
    }
}

/// How long a registry may send nothing before a request or a download
/// fails (podman has no such limit and waits forever on a stalled registry).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest token-service answer read.
const MAX_TOKEN_ANSWER: usize = 1 << 20;

/// How the client talks to registries.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// `--tls-verify`: `Some(false)` skips certificate checks (and allows
    /// plain HTTP when HTTPS fails), `Some(true)` enforces them even for a
    /// registry registries.conf marks insecure; `None` follows registries.conf.
    pub tls_verify: Option<bool>,
    /// `--creds`: used instead of the auth files.
    pub credentials: Option<Credentials>,
    /// The User-Agent header (a default is used when empty).
    pub user_agent: String,
    /// How long the registry may send nothing ([`DEFAULT_READ_TIMEOUT`]).
    pub read_timeout: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            tls_verify: None,
            credentials: None,
            user_agent: String::new(),
            read_timeout: DEFAULT_READ_TIMEOUT,
        }
    }
}

/// A manifest as fetched: raw bytes (for the digest), media type and digest.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    /// The raw bytes.
    pub bytes: Vec<u8>,
    /// The media type (from the response, or the document).
    pub media_type: String,
    /// sha256 of the bytes.
    pub digest: Digest,
}

/// A blob being streamed; the caller verifies the digest while reading.
/// Network failures while reading carry a [`NetworkFault`] (worth a
/// retry); a registry sending more or fewer bytes than declared does not.
pub struct Blob {
    /// The body, at most the declared size.
    pub reader: Box<dyn Read + Send>,
    /// Content-Length, when given.
    pub size: Option<u64>,
}

/// Marks an I/O error of the network while reading a body (a broken
/// connection, a read timeout): a retry may succeed.
#[derive(Debug)]
pub struct NetworkFault(String);

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

/// A response body whose errors say what they are: a read timeout in words,
/// and every failure marked as a [`NetworkFault`].
struct Body {
    inner: Box<dyn Read + Send>,
    timeout: Duration,
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let message = if is_timeout(&e) {
                format!(
                    "the registry sent nothing for {} s (read timeout): check the registry and the network, or raise RPOD_REGISTRY_TIMEOUT",
                    self.timeout.as_secs()
                )
            } else {
                e.to_string()
            };
            io::Error::new(e.kind(), NetworkFault(message))
        })
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    ) || e.to_string().contains("timed out")
}

/// A body that must be exactly `declared` bytes: more fails as soon as the
/// first extra byte arrives, fewer fails at the end.
struct Exact<R> {
    inner: R,
    declared: u64,
    read: u64,
    what: String,
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.declared - self.read;
        if left == 0 {
            // The end must come now.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    Error::SizeMismatch {
                        what: self.what.clone(),
                        served: format!("sent more than {} bytes", self.declared),
                        declared: self.declared,
                    },
                )),
            };
        }
        let n = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        let got = self.inner.read(&mut buf[..n])?;
        if got == 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                Error::SizeMismatch {
                    what: self.what.clone(),
                    served: format!("sent only {} bytes", self.read),
                    declared: self.declared,
                },
            ));
        }
        self.read += got as u64;
        Ok(got)
    }
}

/// A registry client shared by the threads of one operation.
pub struct Client {
    auth: AuthStore,
    opts: ClientOptions,
    trust: tls::Trust,
    user_agent: String,
    /// One agent per (host, verify), each with that host's TLS configuration.
    agents: Mutex<HashMap<(String, bool), ureq::Agent>>,
    /// The scheme an insecure host answered on ("https" or "http").
    schemes: Mutex<HashMap<String, &'static str>>,
    tokens: Mutex<HashMap<(String, String), String>>,
}

impl Client {
    /// A client reading credentials from `auth`, trusting what `trust` says.
    pub fn new(auth: AuthStore, trust: tls::Trust, opts: ClientOptions) -> Result<Client, Error> {
        let user_agent = if opts.user_agent.is_empty() {
            format!("rpod/{}", env!("CARGO_PKG_VERSION"))
        } else {
            opts.user_agent.clone()
        };
        Ok(Client {
            auth,
            opts,
            trust,
            user_agent,
            agents: Mutex::new(HashMap::new()),
            schemes: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
        })
    }

    /// Whether a registry is talked to without certificate checks.
    fn insecure(&self, configured: bool) -> bool {
        match self.opts.tls_verify {
            Some(v) => !v,
            None => configured,
        }
    }

    /// The agent for `host`, built on first use with its TLS configuration.
    fn agent(&self, host: &str, insecure: bool) -> Result<ureq::Agent, Error> {
        let key = (host.to_string(), insecure);
        if let Some(a) = self.agents.lock().expect("agent cache").get(&key) {
            return Ok(a.clone());
        }
        let config = self
            .trust
            .client_config(host, !insecure)
            .map_err(|source| Error::Tls {
                host: host.to_string(),
                source,
            })?;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(30))
            .timeout_read(self.opts.read_timeout)
            .timeout_write(self.opts.read_timeout)
            .redirects(8)
            .user_agent(&self.user_agent)
            .tls_config(config)
            .build();
        self.agents
            .lock()
            .expect("agent cache")
            .insert(key, agent.clone());
        Ok(agent)
    }

    /// GETs `path` on `host`: over HTTPS, and for an insecure host that does
    /// not answer HTTPS (a transport failure, not an HTTP status) over plain
    /// HTTP; the scheme that answered is kept for the next requests.
    #[allow(clippy::result_large_err)] // ureq's own error, matched on at once by every caller
    fn call(
        &self,
        agent: &ureq::Agent,
        host: &str,
        insecure: bool,
        path: &str,
        prepare: impl Fn(ureq::Request) -> ureq::Request,
    ) -> Result<ureq::Response, ureq::Error> {
        let known = if insecure {
            self.schemes
                .lock()
                .expect("scheme cache")
                .get(host)
                .copied()
        } else {
            Some("https")
        };
        let first = known.unwrap_or("https");
        let result = prepare(agent.get(&format!("{first}://{host}{path}"))).call();
        if known.is_some() {
            return result;
        }
        let remember = |scheme: &'static str| {
            self.schemes
                .lock()
                .expect("scheme cache")
                .insert(host.to_string(), scheme);
        };
        match result {
            Err(ureq::Error::Transport(t)) => {
                tracing::debug!("{host} does not answer HTTPS ({t}); trying plain HTTP");
                let plain = prepare(agent.get(&format!("http://{host}{path}"))).call();
                match &plain {
                    Err(ureq::Error::Transport(_)) => {}
                    _ => remember("http"),
                }
                plain
            }
            other => {
                remember("https");
                other
            }
        }
    }

    fn credentials(&self, host: &str) -> Result<Option<Credentials>, Error> {
        if let Some(c) = &self.opts.credentials {
            return Ok(Some(c.clone()));
        }
        let key = if host == crate::reference::DOCKER_HUB_API {
            crate::reference::DOCKER_HUB
        } else {
            host
        };
        Ok(self.auth.lookup(key)?)
    }

    /// Sends a GET with auth (asking for a token once on 401); returns the successful response.
    fn get(
        &self,
        ep: &Endpoint,
        path: &str,
        accept: Option<&str>,
        what: &str,
    ) -> Result<ureq::Response, Error> {
        let insecure = self.insecure(ep.insecure);
        let agent = self.agent(&ep.host, insecure)?;
        let scope = format!("repository:{}:pull", ep.repository);
        let key = (ep.host.clone(), scope.clone());
        let mut authorized_once = false;
        loop {
            let token = self.tokens.lock().expect("token cache").get(&key).cloned();
            let result = self.call(&agent, &ep.host, insecure, path, |mut req| {
                if let Some(a) = accept {
                    req = req.set("Accept", a);
                }
                if let Some(t) = &token {
                    req = req.set("Authorization", t);
                }
                req
            });
            match result {
                Ok(resp) => return Ok(resp),
                Err(ureq::Error::Status(401, resp)) if !authorized_once => {
                    authorized_once = true;
                    self.answer_challenge(&agent, &resp, &scope, ep, what)?;
                }
                Err(ureq::Error::Status(401, _)) => {
                    return Err(Error::Unauthorized {
                        what: what.to_string(),
                        host: ep.host.clone(),
                    })
                }
                Err(ureq::Error::Status(403, _)) => {
                    return Err(Error::Denied {
                        what: what.to_string(),
                        host: ep.host.clone(),
                    })
                }
                Err(ureq::Error::Status(code, resp)) => return Err(status_error(what, code, resp)),
                Err(ureq::Error::Transport(t)) => {
                    return Err(self.transport_error(what, &ep.host, &t))
                }
            }
        }
    }

    /// Answers the 401 `resp` for `scope` and caches the token (or basic
    /// header) that the next attempt sends.
    pub(crate) fn answer_challenge(
        &self,
        agent: &ureq::Agent,
        resp: &ureq::Response,
        scope: &str,
        ep: &Endpoint,
        what: &str,
    ) -> Result<(), Error> {
        let header = resp.header("www-authenticate").unwrap_or_default();
        let creds = self.credentials(&ep.host)?;
        let value = self.authorize(agent, header, Some(scope), creds.as_ref(), ep, what)?;
        self.tokens
            .lock()
            .expect("token cache")
            .insert((ep.host.clone(), scope.to_string()), value);
        Ok(())
    }

    /// Answers a 401 challenge: a `Bearer ...` token or a `Basic ...` header value.
    fn authorize(
        &self,
        agent: &ureq::Agent,
        header: &str,
        scope: Option<&str>,
        creds: Option<&Credentials>,
        ep: &Endpoint,
        what: &str,
    ) -> Result<String, Error> {
        let unauthorized = || Error::Unauthorized {
            what: what.to_string(),
            host: ep.host.clone(),
        };
        match Challenge::parse(header) {
            Some(Challenge::Bearer {
                realm,
                service,
                scope: challenge_scope,
            }) => {
                // The registry's agent: its certs.d applies to its token service too, as in containers/image.
                let mut req = agent.get(&realm);
                if let Some(s) = &service {
                    req = req.query("service", s);
                }
                if let Some(s) = scope.map(str::to_string).or(challenge_scope) {
                    req = req.query("scope", &s);
                }
                if let Some(c) = creds {
                    req = req.set("Authorization", &auth::basic_header(c));
                }
                let resp = match req.call() {
                    Ok(r) => r,
                    Err(ureq::Error::Status(401 | 403, _)) => return Err(unauthorized()),
                    Err(ureq::Error::Status(code, resp)) => {
                        return Err(status_error(
                            &format!("{what}: fetching a token from {realm}"),
                            code,
                            resp,
                        ))
                    }
                    Err(ureq::Error::Transport(t)) => {
                        return Err(self.transport_error(
                            &format!("{what}: fetching a token"),
                            &realm,
                            &t,
                        ))
                    }
                };
                let reading = format!("{what}: reading the token from {realm}");
                let bytes = read_limited(
                    Body {
                        inner: Box::new(resp.into_reader()),
                        timeout: self.opts.read_timeout,
                    },
                    MAX_TOKEN_ANSWER,
                    &reading,
                )?;
                let body: serde_json::Value =
                    serde_json::from_slice(&bytes).map_err(|e| Error::Unreachable {
                        what: reading.clone(),
                        message: e.to_string(),
                        retryable: false,
                    })?;
                let token = body
                    .get("token")
                    .or_else(|| body.get("access_token"))
                    .and_then(serde_json::Value::as_str)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| Error::Unreachable {
                        what: reading,
                        message: "the token server's answer has no token".into(),
                        retryable: false,
                    })?;
                Ok(format!("Bearer {token}"))
            }
            Some(Challenge::Basic) => creds.map(auth::basic_header).ok_or_else(unauthorized),
            None => Err(unauthorized()),
        }
    }

    /// Fetches a manifest by tag or digest (verifying it when fetched by
    /// digest); `declared` is the size an index's descriptor gives it.
    pub fn get_manifest(
        &self,
        ep: &Endpoint,
        reference: &str,
        declared: Option<u64>,
    ) -> Result<FetchedManifest, Error> {
        let what = format!(
            "reading manifest {reference} in {}/{}",
            ep.host, ep.repository
        );
        let resp = match self.get(
            ep,
            &format!("/v2/{}/manifests/{reference}", ep.repository),
            Some(manifest::ACCEPT),
            &what,
        ) {
            Err(Error::Status { status: 404, .. }) => return Err(Error::ManifestUnknown { what }),
            other => other?,
        };
        let media_type = resp
            .header("content-type")
            .map(|c| c.split(';').next().unwrap_or(c).trim().to_string())
            .unwrap_or_default();
        let bytes = self.read_body(resp, declared, MAX_MANIFEST, &what)?;
        let digest = Digest::sha256_of(&bytes);
        if let Ok(expected) = reference.parse::<Digest>() {
            if expected != digest {
                return Err(Error::DigestMismatch {
                    what,
                    expected,
                    actual: digest,
                });
            }
        }
        Ok(FetchedManifest {
            bytes,
            media_type,
            digest,
        })
    }

    /// Reads a small body whole: at most `max` bytes, and exactly
    /// `declared` when a descriptor gives the size.
    fn read_body(
        &self,
        resp: ureq::Response,
        declared: Option<u64>,
        max: usize,
        what: &str,
    ) -> Result<Vec<u8>, Error> {
        if let Some(d) = declared {
            if d > max as u64 {
                return Err(Error::TooLarge {
                    what: what.to_string(),
                    limit: max,
                });
            }
            check_announced(&resp, d, what)?;
        }
        let body = Body {
            inner: Box::new(resp.into_reader()),
            timeout: self.opts.read_timeout,
        };
        let bytes = read_limited(body, max, what)?;
        if let Some(d) = declared {
            if bytes.len() as u64 != d {
                return Err(Error::SizeMismatch {
                    what: what.to_string(),
                    served: format!("sent {} bytes", bytes.len()),
                    declared: d,
                });
            }
        }
        Ok(bytes)
    }

    /// Opens a blob of `declared` bytes for streaming; the caller verifies
    /// its digest. A registry announcing another size fails here; one
    /// sending more or less fails the read.
    pub fn get_blob(&self, ep: &Endpoint, digest: &Digest, declared: u64) -> Result<Blob, Error> {
        let what = format!("fetching blob {digest} from {}/{}", ep.host, ep.repository);
        let resp = match self.get(
            ep,
            &format!("/v2/{}/blobs/{digest}", ep.repository),
            None,
            &what,
        ) {
            Err(Error::Status { status: 404, .. }) => return Err(Error::BlobUnknown { what }),
            other => other?,
        };
        check_announced(&resp, declared, &what)?;
        let size = resp.header("content-length").and_then(|l| l.parse().ok());
        let body = Body {
            inner: Box::new(resp.into_reader()),
            timeout: self.opts.read_timeout,
        };
        Ok(Blob {
            reader: Box::new(Exact {
                inner: body,
                declared,
                read: 0,
                what,
            }),
            size,
        })
    }

    /// Fetches a small blob (a config) of `declared` bytes whole and verifies it.
    pub fn get_blob_bytes(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        declared: u64,
        max: usize,
    ) -> Result<Vec<u8>, Error> {
        let what = format!("fetching blob {digest} from {}/{}", ep.host, ep.repository);
        if declared > max as u64 {
            return Err(Error::TooLarge { what, limit: max });
        }
        let mut bytes = Vec::new();
        self.get_blob(ep, digest, declared)?
            .reader
            .read_to_end(&mut bytes)
            .map_err(|e| body_error(&what, e))?;
        let actual = Digest::sha256_of(&bytes);
        if actual != *digest {
            return Err(Error::DigestMismatch {
                what,
                expected: digest.clone(),
                actual,
            });
        }
        Ok(bytes)
    }

    /// Checks credentials against `/v2/` of a registry (basic, or a token via the challenge).
    pub fn check_login(
        &self,
        host: &str,
        insecure: bool,
        creds: &Credentials,
    ) -> Result<(), Error> {
        let ep = Endpoint {
            host: host.to_string(),
            repository: String::new(),
            insecure,
            mirror: false,
        };
        let insecure = self.insecure(insecure);
        let agent = self.agent(host, insecure)?;
        let what = format!("logging in to {host}");
        let first = self.call(&agent, host, insecure, "/v2/", |r| r);
        let header = match first {
            Ok(_) => return Ok(()),
            Err(ureq::Error::Status(401, resp)) => resp
                .header("www-authenticate")
                .unwrap_or_default()
                .to_string(),
            Err(ureq::Error::Status(code, resp)) => return Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => return Err(self.transport_error(&what, host, &t)),
        };
        let value = match self.authorize(&agent, &header, None, Some(creds), &ep, &what) {
            Err(Error::Unauthorized { .. }) => {
                return Err(Error::BadCredentials { host: host.into() })
            }
            other => other?,
        };
        match self.call(&agent, host, insecure, "/v2/", |r| {
            r.set("Authorization", &value)
        }) {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(401 | 403, _)) => {
                Err(Error::BadCredentials { host: host.into() })
            }
            Err(ureq::Error::Status(code, resp)) => Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => Err(self.transport_error(&what, host, &t)),
        }
    }

    /// A transport failure in words, with what to do about it.
    fn transport_error(&self, what: &str, host: &str, t: &ureq::Transport) -> Error {
        let mut message = t.to_string();
        let lower = message.to_lowercase();
        let timed_out = std::error::Error::source(t)
            .and_then(|s| s.downcast_ref::<io::Error>())
            .is_some_and(is_timeout)
            || lower.contains("timed out");
        if timed_out {
            message = format!(
                "the registry sent nothing for {} s (read timeout): check that {host} is up and reachable, or raise RPOD_REGISTRY_TIMEOUT",
                self.opts.read_timeout.as_secs()
            );
        } else if lower.contains("unknownissuer")
            || lower.contains("unknown issuer")
            || lower.contains("invalid peer certificate")
        {
            if lower.contains("causedasendentity") {
                message.push_str(" (the registry's certificate is self-signed)");
            }
            let user = self
                .trust
                .cert_dir(host)
                .ok()
                .flatten()
                .map(|d| format!(" (certificates read from {})", d.display()))
                .unwrap_or_default();
            message.push_str(&format!(
                "{user}; if {host} uses a private CA, put its certificate in ~/.config/containers/certs.d/{host}/ca.crt or /etc/containers/certs.d/{host}/ca.crt, or pass --tls-verify=false"
            ));
        } else if lower.contains("badcertificate")
            || lower.contains("certificaterequired")
            || lower.contains("unknownca")
        {
            let dir = self
                .trust
                .cert_dir(host)
                .ok()
                .flatten()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| format!("~/.config/containers/certs.d/{host}"));
            message.push_str(&format!(
                "; {host} refused the client certificate or wants one: put client.cert and client.key (signed by a CA it accepts) in {dir}"
            ));
        } else if lower.contains("tls")
            || lower.contains("certificate")
            || lower.contains("corrupt message")
            || lower.contains("invalid content type")
        {
            message.push_str(&format!(
                "; if {host} serves plain HTTP, pass --tls-verify=false or mark it `insecure = true` in registries.conf"
            ));
        } else if matches!(
            t.kind(),
            ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Dns
        ) {
            message.push_str(&format!(
                "; check that {host} is the right address and the registry is running"
            ));
        }
        Error::Unreachable {
            what: what.to_string(),
            message,
            retryable: is_retryable(t),
        }
    }
}

/// The largest manifest accepted (podman uses 4 MiB too).
pub const MAX_MANIFEST: usize = 4 << 20;

/// Fails when the response announces a length other than `declared`.
fn check_announced(resp: &ureq::Response, declared: u64, what: &str) -> Result<(), Error> {
    match resp
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
    {
        Some(n) if n != declared => Err(Error::SizeMismatch {
            what: what.to_string(),
            served: format!("announces {n} bytes"),
            declared,
        }),
        _ => Ok(()),
    }
}

/// Whether a transport failure may pass on a retry: a broken or refused
/// connection or a timeout, but not a TLS verification failure or a
/// refused client certificate (containers/image does not retry those either).
fn is_retryable(t: &ureq::Transport) -> bool {
    matches!(
        t.kind(),
        ureq::ErrorKind::Io | ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::ProxyConnect
    ) && !is_tls_refusal(&t.to_string().to_lowercase())
}

/// Whether a transport message says the TLS handshake was refused (by us or
/// by the server), rather than the network failing.
fn is_tls_refusal(lower: &str) -> bool {
    lower.contains("invalid peer certificate")
        || lower.contains("received fatal alert")
        || lower.contains("certificate")
}

fn status_error(what: &str, status: u16, resp: ureq::Response) -> Error {
    let mut body = String::new();
    let _ = resp.into_reader().take(512).read_to_string(&mut body);
    Error::Status {
        what: what.to_string(),
        status,
        body: body.trim().to_string(),
    }
}

/// The error of reading a body: a size mismatch as itself, else the network's.
fn body_error(what: &str, e: io::Error) -> Error {
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

fn read_limited(reader: impl Read, limit: usize, what: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| body_error(what, e))?;
    if bytes.len() > limit {
        return Err(Error::TooLarge {
            what: what.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex as StdMutex};

    /// A loopback server answering like a registry behind a token service:
    /// 401 + Bearer challenge without a token, a token for alice's basic
    /// credentials at /token, the manifest with the token.
    fn token_registry(manifest: &'static [u8]) -> (String, Arc<StdMutex<Vec<String>>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let seen = Arc::new(StdMutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let realm = format!("http://{addr}/token");
        std::thread::spawn(move || {
            for stream in listener.incoming().take(8) {
                let mut stream = stream.unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                // The client tries HTTPS first (tls_verify false): not HTTP, hang up.
                if reader.read_line(&mut request_line).is_err() || !request_line.starts_with("GET ")
                {
                    continue;
                }
                let mut auth = String::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line
                        .strip_prefix("Authorization: ")
                        .or_else(|| line.strip_prefix("authorization: "))
                    {
                        auth = v.trim().to_string();
                    }
                }
                let path = request_line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
                log.lock().unwrap().push(format!("{path} [{auth}]"));
                let (status, headers, body): (&str, String, Vec<u8>) = if path.starts_with("/token")
                {
                    if auth == "Basic YWxpY2U6c2VjcmV0"
                        && path.contains("scope=repository%3Ateam%2Fapp%3Apull")
                    {
                        ("200 OK", String::new(), br#"{"token":"t0k"}"#.to_vec())
                    } else {
                        ("401 Unauthorized", String::new(), Vec::new())
                    }
                } else if auth == "Bearer t0k" {
                    (
                        "200 OK",
                        "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n".into(),
                        manifest.to_vec(),
                    )
                } else {
                    (
                        "401 Unauthorized",
                        format!("WWW-Authenticate: Bearer realm=\"{realm}\",service=\"test\"\r\n"),
                        Vec::new(),
                    )
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(&body).unwrap();
            }
        });
        (addr, seen)
    }

    fn client(dir: &std::path::Path, creds: Option<Credentials>) -> Client {
        let paths = crate::config::Paths::under(dir, 1000);
        Client::new(
            AuthStore::new(&paths, None),
            tls::Trust::new(&paths, None),
            ClientOptions {
                tls_verify: Some(false),
                credentials: creds,
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn bearer_token_flow_with_credentials() {
        let manifest: &[u8] = br#"{"schemaVersion":2,"config":{},"layers":[]}"#;
        let (addr, seen) = token_registry(manifest);
        let dir = tempfile::tempdir().unwrap();
        let c = client(
            dir.path(),
            Some(Credentials {
                username: "alice".into(),
                password: "secret".into(),
            }),
        );
        let ep = Endpoint {
            host: addr,
            repository: "team/app".into(),
            insecure: true,
            mirror: false,
        };
        let m = c.get_manifest(&ep, "v1", None).unwrap();
        assert_eq!(m.bytes, manifest);
        assert_eq!(m.media_type, "application/vnd.oci.image.manifest.v1+json");
        assert_eq!(m.digest, Digest::sha256_of(manifest));
        // The token is cached: a second request goes straight through.
        c.get_manifest(&ep, "v1", None).unwrap();
        let log = seen.lock().unwrap().clone();
        assert_eq!(log.len(), 4, "{log:?}");
        assert!(
            log[0].ends_with("[]")
                && log[1].starts_with("/token?")
                && log[2].ends_with("[Bearer t0k]")
                && log[3].ends_with("[Bearer t0k]"),
            "{log:?}"
        );
    }

    #[test]
    fn bearer_token_refused_says_how_to_log_in() {
        let (addr, _seen) = token_registry(b"{}");
        let dir = tempfile::tempdir().unwrap();
        let c = client(dir.path(), None);
        let ep = Endpoint {
            host: addr.clone(),
            repository: "team/app".into(),
            insecure: true,
            mirror: false,
        };
        let err = c.get_manifest(&ep, "v1", None).unwrap_err().to_string();
        assert!(err.contains(&format!("rpod login {addr}")), "{err}");
    }

    #[test]
    fn a_body_must_be_its_declared_size() {
        let read = |data: &'static [u8], declared: u64| {
            let mut r = Exact {
                inner: data,
                declared,
                read: 0,
                what: "blob x".into(),
            };
            let mut out = Vec::new();
            r.read_to_end(&mut out).map(|_| out)
        };
        assert_eq!(read(b"abcd", 4).unwrap(), b"abcd");
        let e = read(b"abcde", 4).unwrap_err().to_string();
        assert!(
            e.contains("sent more than 4 bytes") && e.contains("declares 4"),
            "{e}"
        );
        let e = read(b"abc", 4).unwrap_err().to_string();
        assert!(e.contains("sent only 3 bytes"), "{e}");
        // Size errors are not network faults: retrying would not help.
        let e = read(b"abcde", 4).unwrap_err();
        assert!(!NetworkFault::is_in(&e));
    }

    #[test]
    fn retry_delays_double_from_two_seconds_unless_set() {
        let r = Retry::default();
        assert_eq!(r.count, 3);
        let secs: Vec<u64> = (1..=4).map(|n| r.delay_before(n).as_secs()).collect();
        assert_eq!(secs, [2, 4, 8, 16]);
        let fixed = Retry {
            count: 1,
            delay: Some(Duration::from_millis(10)),
        };
        assert_eq!(fixed.delay_before(3), Duration::from_millis(10));
    }

    #[test]
    fn a_silent_registry_times_out_with_a_clear_error() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        // Accepts and never answers (the connections stay open until the test ends).
        std::thread::spawn(move || {
            let held: Vec<_> = listener.incoming().take(4).collect();
            std::thread::sleep(Duration::from_secs(30));
            drop(held);
        });
        let dir = tempfile::tempdir().unwrap();
        let paths = crate::config::Paths::under(dir.path(), 1000);
        let c = Client::new(
            AuthStore::new(&paths, None),
            tls::Trust::new(&paths, None),
            ClientOptions {
                tls_verify: Some(false),
                read_timeout: Duration::from_secs(1),
                ..Default::default()
            },
        )
        .unwrap();
        let ep = Endpoint {
            host: addr.clone(),
            repository: "x".into(),
            insecure: true,
            mirror: false,
        };
        let e = c.get_manifest(&ep, "latest", None).unwrap_err().to_string();
        assert!(
            e.contains("sent nothing for 1 s (read timeout)") && e.contains(&addr),
            "{e}"
        );
    }
}
