//! A registry with token authentication, as Docker Hub and most hosted
//! registries have: docker-registry sends clients to a token server (a
//! realm) of the test's own, which checks alice/secret and hands out JWTs
//! signed with a key whose certificate the registry trusts. rpod must
//! follow the `WWW-Authenticate: Bearer` challenge with the saved
//! credentials.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;

use crate::fixtures::{self, Pusher};
use crate::harness::{have, prerequisite, Env};
use crate::pull::config_id;
use crate::registry::{self, Registry, PASSWORD, USER};

const SERVICE: &str = "rpod-test-registry";
const ISSUER: &str = "rpod-test-issuer";

fn b64url(b: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// The token server: signs with `key` (RSA), its certificate `cert_der`.
struct Signer {
    key: PathBuf,
    cert_der: Vec<u8>,
}

impl Signer {
    /// A JWT for `subject` granting `access` ((repository, actions)).
    fn token(&self, subject: &str, access: &[(String, Vec<String>)]) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let header = serde_json::json!({
            "typ": "JWT",
            "alg": "RS256",
            "x5c": [base64::engine::general_purpose::STANDARD.encode(&self.cert_der)],
        });
        let claims = serde_json::json!({
            "iss": ISSUER,
            "sub": subject,
            "aud": SERVICE,
            "exp": now + 600,
            "nbf": now - 60,
            "iat": now,
            "jti": format!("{now}-{}", std::process::id()),
            "access": access.iter().map(|(name, actions)| serde_json::json!({
                "type": "repository", "name": name, "actions": actions,
            })).collect::<Vec<_>>(),
        });
        let input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(claims.to_string().as_bytes())
        );
        let mut child = Command::new("openssl")
            .args(["dgst", "-sha256", "-sign"])
            .arg(&self.key)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("running openssl");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().expect("openssl dgst");
        assert!(out.status.success(), "openssl dgst -sign failed");
        format!("{input}.{}", b64url(&out.stdout))
    }
}

/// The token registry of the run: the registry, the token server's
/// address and what it was asked (one line per request: `user scope`).
pub struct TokenRegistry {
    registry: Registry,
    realm: String,
    asked: Arc<Mutex<Vec<String>>>,
}

/// Answers one HTTP request on the token endpoint.
fn serve(stream: std::net::TcpStream, signer: &Signer, asked: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut basic = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("authorization") {
                if let Some(b) = v.trim().strip_prefix("Basic ") {
                    basic = base64::engine::general_purpose::STANDARD
                        .decode(b)
                        .ok()
                        .map(|d| String::from_utf8_lossy(&d).to_string());
                }
            }
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/");
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let scopes: Vec<String> = query
        .split('&')
        .filter_map(|kv| kv.strip_prefix("scope="))
        .map(|s| {
            s.replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%2F", "/")
        })
        .collect();
    let user = match basic.as_deref() {
        None => "anonymous",
        Some(c) if c == format!("{USER}:{PASSWORD}") => USER,
        Some(_) => "wrong",
    };
    asked
        .lock()
        .unwrap()
        .push(format!("{user} {}", scopes.join(" ")));
    let mut w = stream;
    if user == "wrong" {
        let _ = w.write_all(
            b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 26\r\nConnection: close\r\n\r\n{\"details\":\"bad password\"}",
        );
        return;
    }
    // alice gets what she asks for; anonymous gets a token granting nothing.
    let access: Vec<(String, Vec<String>)> = if user == USER {
        scopes
            .iter()
            .filter_map(|s| {
                let mut f = s.splitn(3, ':');
                (f.next() == Some("repository")).then_some(())?;
                let name = f.next()?.to_string();
                let actions = f.next()?.split(',').map(str::to_string).collect();
                Some((name, actions))
            })
            .collect()
    } else {
        Vec::new()
    };
    let token = signer.token(user, &access);
    let body =
        serde_json::json!({"token": token, "access_token": token, "expires_in": 600}).to_string();
    let _ = write!(
        w,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn start() -> Result<TokenRegistry, String> {
    let dir = tempfile::Builder::new()
        .prefix("rpod-it-token-")
        .tempdir_in("/tmp")
        .map_err(|e| e.to_string())?
        .keep();
    let key = dir.join("key.pem");
    let cert = dir.join("cert.pem");
    let st = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=rpod-test-token-issuer",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("openssl req: {e}"))?;
    if !st.success() {
        return Err("openssl req failed".into());
    }
    let der = Command::new("openssl")
        .args(["x509", "-outform", "der", "-in"])
        .arg(&cert)
        .output()
        .map_err(|e| format!("openssl x509: {e}"))?;
    let signer = Arc::new(Signer {
        key,
        cert_der: der.stdout,
    });
    // The listener is bound (port 0) and kept: no race for its port.
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let realm = format!("http://{}/token", listener.local_addr().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    {
        let (signer, asked) = (signer.clone(), asked.clone());
        std::thread::spawn(move || {
            for s in listener.incoming().flatten() {
                serve(s, &signer, &asked);
            }
        });
    }
    let yaml = format!(
        "auth:\n  token:\n    realm: {realm}\n    service: {SERVICE}\n    issuer: {ISSUER}\n    rootcertbundle: {}\n",
        cert.display()
    );
    let registry = Registry::start_with(false, &yaml)?;
    // The fixture goes in with a token minted here.
    let f = fixtures::all()
        .into_iter()
        .find(|f| f.name() == "busybox:latest")
        .expect("busybox fixture");
    let mut p = Pusher::new(&registry.addr, None);
    p.authorization = Some(format!(
        "Bearer {}",
        signer.token(
            USER,
            &[("busybox".into(), vec!["pull".into(), "push".into()])]
        )
    ));
    p.push(&f, None)?;
    Ok(TokenRegistry {
        registry,
        realm,
        asked,
    })
}

fn shared() -> Option<&'static TokenRegistry> {
    static CELL: OnceLock<Result<TokenRegistry, String>> = OnceLock::new();
    registry::installed(false)?;
    if !have("openssl") {
        return prerequisite("openssl (apt-get install openssl) to sign the test tokens");
    }
    match CELL.get_or_init(start) {
        Ok(t) => Some(t),
        Err(e) => panic!("the token-auth registry: {e}"),
    }
}

fn asked_since(t: &TokenRegistry, n: usize) -> Vec<String> {
    t.asked.lock().unwrap()[n..].to_vec()
}

#[test]
fn pull_from_a_token_registry_follows_the_bearer_challenge() {
    let t = require!(shared());
    let env = require!(Env::rootless());
    let plain = require!(registry::plain());
    let reference = format!("{}/busybox:latest", t.registry.addr);
    // Without credentials: the token server grants nothing, the registry
    // refuses, and rpod says how to log in.
    let before = t.asked.lock().unwrap().len();
    env.rpod(["pull", "--tls-verify=false", &reference])
        .run()
        .error125()
        .stderr_has(&reference)
        .stderr_has("rpod login");
    assert!(
        asked_since(t, before)
            .iter()
            .any(|l| l == "anonymous repository:busybox:pull"),
        "{:?} (realm {})",
        asked_since(t, before),
        t.realm
    );
    assert_eq!(env.rpod(["images", "-q"]).run().out(), "");
    // A wrong password: login fails, nothing saved.
    env.rpod([
        "login",
        "-u",
        USER,
        "--password-stdin",
        "--tls-verify=false",
        &t.registry.addr,
    ])
    .stdin("wrong\n")
    .run()
    .error125()
    .stderr_has(&t.registry.addr);
    // The right one: login, then the pull asks for a token as alice.
    env.rpod([
        "login",
        "-u",
        USER,
        "--password-stdin",
        "--tls-verify=false",
        &t.registry.addr,
    ])
    .stdin(format!("{PASSWORD}\n"))
    .run()
    .success()
    .stdout_is("Login Succeeded!");
    let before = t.asked.lock().unwrap().len();
    env.rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run()
        .success()
        .stdout_is(&config_id(plain, "busybox:latest"));
    assert!(
        asked_since(t, before)
            .iter()
            .any(|l| l == &format!("{USER} repository:busybox:pull")),
        "{:?}",
        asked_since(t, before)
    );
    env.rpod([
        "run",
        "--rm",
        "--network",
        "none",
        &reference,
        "echo",
        "token",
    ])
    .run()
    .success()
    .stdout_is("token");
}
