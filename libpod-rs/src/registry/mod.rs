//! The distribution API client: manifests and blobs over HTTP(S), with
//! Docker Hub's bearer-token flow, basic auth, and retries.
//!
//! The client is synchronous (`ureq`) and `Sync`: a pull fetches several
//! blobs from several threads through one client and one token cache.

pub mod auth;
pub mod manifest;

use std::collections::HashMap;
use std::io::Read;
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
    /// Credentials given to `login` were rejected.
    #[error("logging in to {host}: invalid username or password")]
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
    /// Could not connect or the connection broke.
    #[error("{what}: {message}")]
    Unreachable {
        /// What was being fetched.
        what: String,
        /// The transport's message, with a hint.
        message: String,
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

/// How the client talks to registries.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `--tls-verify`: `Some(false)` forces plain HTTP; `None` follows registries.conf.
    pub tls_verify: Option<bool>,
    /// `--creds`: used instead of the auth files.
    pub credentials: Option<Credentials>,
    /// The User-Agent header (a default is used when empty).
    pub user_agent: String,
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
pub struct Blob {
    /// The body.
    pub reader: Box<dyn Read + Send>,
    /// Content-Length, when given.
    pub size: Option<u64>,
}

/// A registry client shared by the threads of one operation.
pub struct Client {
    agent: ureq::Agent,
    auth: AuthStore,
    opts: ClientOptions,
    tokens: Mutex<HashMap<(String, String), String>>,
}

const ATTEMPTS: u32 = 3;

impl Client {
    /// A client reading credentials from `auth`.
    pub fn new(auth: AuthStore, opts: ClientOptions) -> Result<Client, Error> {
        let ua = if opts.user_agent.is_empty() {
            format!("rpod/{}", env!("CARGO_PKG_VERSION"))
        } else {
            opts.user_agent.clone()
        };
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(30))
            .timeout_read(Duration::from_secs(120))
            .redirects(8)
            .user_agent(&ua)
            .build();
        Ok(Client {
            agent,
            auth,
            opts,
            tokens: Mutex::new(HashMap::new()),
        })
    }

    fn base(&self, host: &str, insecure: bool) -> String {
        let plain = match self.opts.tls_verify {
            Some(v) => !v,
            None => insecure,
        };
        format!("{}://{host}", if plain { "http" } else { "https" })
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

    /// Sends a GET with auth and retries; returns the successful response.
    fn get(
        &self,
        ep: &Endpoint,
        path: &str,
        accept: Option<&str>,
        what: &str,
    ) -> Result<ureq::Response, Error> {
        let url = format!("{}{path}", self.base(&ep.host, ep.insecure));
        let scope = format!("repository:{}:pull", ep.repository);
        let key = (ep.host.clone(), scope.clone());
        let mut authorized_once = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut req = self.agent.get(&url);
            if let Some(a) = accept {
                req = req.set("Accept", a);
            }
            if let Some(token) = self.tokens.lock().expect("token cache").get(&key) {
                req = req.set("Authorization", token);
            }
            match req.call() {
                Ok(resp) => return Ok(resp),
                Err(ureq::Error::Status(401, resp)) if !authorized_once => {
                    authorized_once = true;
                    let header = resp
                        .header("www-authenticate")
                        .unwrap_or_default()
                        .to_string();
                    let creds = self.credentials(&ep.host)?;
                    let value = self.authorize(&header, Some(&scope), creds.as_ref(), ep, what)?;
                    self.tokens
                        .lock()
                        .expect("token cache")
                        .insert(key.clone(), value);
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
                Err(ureq::Error::Status(code, resp))
                    if (code == 429 || code >= 500) && attempt < ATTEMPTS =>
                {
                    drop(resp);
                    backoff(attempt);
                }
                Err(ureq::Error::Status(code, resp)) => return Err(status_error(what, code, resp)),
                Err(ureq::Error::Transport(t)) if attempt < ATTEMPTS && is_retryable(&t) => {
                    backoff(attempt)
                }
                Err(ureq::Error::Transport(t)) => return Err(transport_error(what, &ep.host, &t)),
            }
        }
    }

    /// Answers a 401 challenge: a `Bearer ...` token or a `Basic ...` header value.
    fn authorize(
        &self,
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
                let mut req = self.agent.get(&realm);
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
                        return Err(transport_error(
                            &format!("{what}: fetching a token"),
                            &realm,
                            &t,
                        ))
                    }
                };
                let body: serde_json::Value =
                    serde_json::from_reader(resp.into_reader()).map_err(|e| {
                        Error::Unreachable {
                            what: format!("{what}: reading the token from {realm}"),
                            message: e.to_string(),
                        }
                    })?;
                let token = body
                    .get("token")
                    .or_else(|| body.get("access_token"))
                    .and_then(serde_json::Value::as_str)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| Error::Unreachable {
                        what: format!("{what}: reading the token from {realm}"),
                        message: "the token server's answer has no token".into(),
                    })?;
                Ok(format!("Bearer {token}"))
            }
            Some(Challenge::Basic) => creds.map(auth::basic_header).ok_or_else(unauthorized),
            None => Err(unauthorized()),
        }
    }

    /// Fetches a manifest by tag or digest (verifying it when fetched by digest).
    pub fn get_manifest(&self, ep: &Endpoint, reference: &str) -> Result<FetchedManifest, Error> {
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
        let bytes = read_limited(resp.into_reader(), 4 << 20, &what)?;
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

    /// Opens a blob for streaming; the caller verifies its digest.
    pub fn get_blob(&self, ep: &Endpoint, digest: &Digest) -> Result<Blob, Error> {
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
        let size = resp.header("content-length").and_then(|l| l.parse().ok());
        Ok(Blob {
            reader: Box::new(resp.into_reader()),
            size,
        })
    }

    /// Fetches a small blob (a config) whole and verifies it.
    pub fn get_blob_bytes(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        max: usize,
    ) -> Result<Vec<u8>, Error> {
        let what = format!("fetching blob {digest} from {}/{}", ep.host, ep.repository);
        let bytes = read_limited(self.get_blob(ep, digest)?.reader, max, &what)?;
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
        let what = format!("logging in to {host}");
        let url = format!("{}/v2/", self.base(host, insecure));
        let first = self.agent.get(&url).call();
        let header = match first {
            Ok(_) => return Ok(()),
            Err(ureq::Error::Status(401, resp)) => resp
                .header("www-authenticate")
                .unwrap_or_default()
                .to_string(),
            Err(ureq::Error::Status(code, resp)) => return Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => return Err(transport_error(&what, host, &t)),
        };
        let value = match self.authorize(&header, None, Some(creds), &ep, &what) {
            Err(Error::Unauthorized { .. }) => {
                return Err(Error::BadCredentials { host: host.into() })
            }
            other => other?,
        };
        match self.agent.get(&url).set("Authorization", &value).call() {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(401 | 403, _)) => {
                Err(Error::BadCredentials { host: host.into() })
            }
            Err(ureq::Error::Status(code, resp)) => Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => Err(transport_error(&what, host, &t)),
        }
    }
}

fn backoff(attempt: u32) {
    std::thread::sleep(Duration::from_millis(250 << attempt));
}

fn is_retryable(t: &ureq::Transport) -> bool {
    matches!(
        t.kind(),
        ureq::ErrorKind::Io | ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::ProxyConnect
    )
}

fn transport_error(what: &str, host: &str, t: &ureq::Transport) -> Error {
    let mut message = t.to_string();
    let lower = message.to_lowercase();
    if lower.contains("tls")
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
    }
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

fn read_limited(reader: impl Read, limit: usize, what: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Unreachable {
            what: what.to_string(),
            message: e.to_string(),
        })?;
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
                reader.read_line(&mut request_line).unwrap();
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
        let m = c.get_manifest(&ep, "v1").unwrap();
        assert_eq!(m.bytes, manifest);
        assert_eq!(m.media_type, "application/vnd.oci.image.manifest.v1+json");
        assert_eq!(m.digest, Digest::sha256_of(manifest));
        // The token is cached: a second request goes straight through.
        c.get_manifest(&ep, "v1").unwrap();
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
        let err = c.get_manifest(&ep, "v1").unwrap_err().to_string();
        assert!(err.contains(&format!("rpod login {addr}")), "{err}");
    }
}
