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

mod authorize;
mod body;
mod error;
mod fetch;

use body::{check_announced, is_timeout, read_limited, Body, Exact};
use error::{body_error, is_retryable, status_error};
pub use error::{Error, NetworkFault};

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

#[cfg(test)]
mod tests;
