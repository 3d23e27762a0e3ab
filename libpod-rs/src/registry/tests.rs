//! Client tests against a scripted HTTP server on a local port: retries,
//! timeouts, size limits, auth challenges.

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
            if reader.read_line(&mut request_line).is_err() || !request_line.starts_with("GET ") {
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
            let (status, headers, body): (&str, String, Vec<u8>) = if path.starts_with("/token") {
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
