//! Registry trust: a registry behind a private CA, one that also wants a
//! client certificate, and one with a self-signed certificate (Docker's and
//! podman's usual setup: the certificate itself copied to certs.d as
//! ca.crt), all Debian's docker-registry over TLS with certificates made by
//! `openssl` in the test. They serve the shared plain
//! registry's storage, so the fixtures are there without pushing over TLS.
//!
//! rpod finds the CA in the test user's `$XDG_CONFIG_HOME/containers/certs.d/HOST:PORT/`
//! (the tests never touch the host's /etc/containers or /etc/ssl), in
//! `--cert-dir`, or through `SSL_CERT_FILE` (how the system store is
//! located, as in Go); `--tls-verify=false` and `insecure = true` talk HTTPS
//! without verification.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::harness::{prerequisite, Env};
use crate::registry::{self, free_port, REGISTRY_BIN};

/// A TLS registry and the certificates the tests give rpod.
pub struct TlsRegistry {
    /// "127.0.0.1:PORT".
    pub addr: String,
    /// The private CA's certificate (PEM).
    pub ca: PathBuf,
    /// A client certificate signed by the CA, and its key.
    pub client: (PathBuf, PathBuf),
    _child: Child,
}

fn openssl(dir: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("running openssl (apt-get install openssl): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "openssl {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// How a test registry proves itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A server certificate signed by a private CA.
    PrivateCa,
    /// The same, and clients must show a certificate signed by that CA.
    Mutual,
    /// A self-signed server certificate (itself a CA certificate).
    SelfSigned,
}

/// Makes a CA, a server certificate for 127.0.0.1, a client certificate and
/// a self-signed server certificate in `dir`.
fn make_certificates(dir: &Path) -> Result<(), String> {
    let days = "2";
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "self.key",
            "-out",
            "self.crt",
            "-days",
            days,
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
    )?;
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            days,
            "-subj",
            "/CN=rpod test CA",
        ],
    )?;
    for (name, ext) in [
        (
            "server",
            "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
        ),
        ("client", "extendedKeyUsage=clientAuth\n"),
    ] {
        std::fs::write(dir.join(format!("{name}.ext")), ext).map_err(|e| e.to_string())?;
        openssl(
            dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                &format!("{name}.key"),
                "-out",
                &format!("{name}.csr"),
                "-subj",
                &format!("/CN=rpod test {name}"),
            ],
        )?;
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{name}.csr"),
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &format!("{name}.crt"),
                "-days",
                days,
                "-extfile",
                &format!("{name}.ext"),
            ],
        )?;
    }
    Ok(())
}

impl TlsRegistry {
    /// Starts a TLS registry over `storage`.
    fn start(storage: &Path, kind: Kind) -> Result<TlsRegistry, String> {
        if !Path::new(REGISTRY_BIN).exists() {
            return Err(format!(
                "{REGISTRY_BIN} missing (apt-get install docker-registry)"
            ));
        }
        let dir = tempfile::Builder::new()
            .prefix("rpod-it-tls-")
            .tempdir_in("/tmp")
            .map_err(|e| format!("creating the TLS registry dir: {e}"))?
            .keep();
        make_certificates(&dir)?;
        let clientcas = if kind == Kind::Mutual {
            format!("    clientcas:\n      - {}\n", dir.join("ca.crt").display())
        } else {
            String::new()
        };
        let server = if kind == Kind::SelfSigned {
            "self"
        } else {
            "server"
        };
        let mut last = String::new();
        for _ in 0..5 {
            let addr = format!("127.0.0.1:{}", free_port());
            let cfg = dir.join("config.yml");
            std::fs::write(
                &cfg,
                format!(
                    "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n  maintenance:\n    uploadpurging:\n      enabled: false\nhttp:\n  addr: {addr}\n  secret: rpod-test-secret\n  tls:\n    certificate: {cert}\n    key: {key}\n{clientcas}",
                    storage = storage.display(),
                    cert = dir.join(format!("{server}.crt")).display(),
                    key = dir.join(format!("{server}.key")).display(),
                ),
            )
            .map_err(|e| format!("writing the registry config: {e}"))?;
            let log = dir.join("registry.log");
            // As the plain registry: the wrapper ends the registry and removes
            // its directory when the test binary exits and closes the pipe.
            let script = format!(
                "{REGISTRY_BIN} serve {cfg} >{log} 2>&1 </dev/null & r=$!; cat >/dev/null; kill $r 2>/dev/null; wait $r; rm -rf {dir}",
                cfg = cfg.display(),
                log = log.display(),
                dir = dir.display()
            );
            let child = Command::new("sh")
                .args(["-c", &script])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("starting the TLS registry: {e}"))?;
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(15) {
                if std::net::TcpStream::connect(&addr).is_ok() {
                    return Ok(TlsRegistry {
                        addr,
                        ca: dir.join(if kind == Kind::SelfSigned {
                            "self.crt"
                        } else {
                            "ca.crt"
                        }),
                        client: (dir.join("client.crt"), dir.join("client.key")),
                        _child: child,
                    });
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            last = std::fs::read_to_string(&log).unwrap_or_default();
            let mut child = child;
            drop(child.stdin.take());
            let _ = child.wait();
        }
        Err(format!("the TLS registry did not start; its log:\n{last}"))
    }

    /// "127.0.0.1:PORT/busybox:latest".
    fn busybox(&self) -> String {
        format!("{}/busybox:latest", self.addr)
    }
}

/// A test registry of `kind`, started once per test binary.
fn shared(
    cell: &'static OnceLock<Result<TlsRegistry, String>>,
    kind: Kind,
) -> Option<&'static TlsRegistry> {
    let plain = registry::plain()?;
    match cell.get_or_init(|| TlsRegistry::start(&plain.registry.storage, kind)) {
        Ok(r) => Some(r),
        Err(e) => prerequisite(&format!("TLS registry: {e}")),
    }
}

/// The TLS registry with a private CA.
fn tls() -> Option<&'static TlsRegistry> {
    static CELL: OnceLock<Result<TlsRegistry, String>> = OnceLock::new();
    shared(&CELL, Kind::PrivateCa)
}

/// The TLS registry that also requires a client certificate.
fn mutual() -> Option<&'static TlsRegistry> {
    static CELL: OnceLock<Result<TlsRegistry, String>> = OnceLock::new();
    shared(&CELL, Kind::Mutual)
}

/// The TLS registry with a self-signed certificate.
fn self_signed() -> Option<&'static TlsRegistry> {
    static CELL: OnceLock<Result<TlsRegistry, String>> = OnceLock::new();
    shared(&CELL, Kind::SelfSigned)
}

/// Copies a file into the test user's certs.d directory for `addr`.
fn certs_d(env: &Env, addr: &str, name: &str, from: &Path) -> PathBuf {
    let text = std::fs::read_to_string(from).expect("reading a certificate");
    env.write_file(
        &env.config.join("containers/certs.d").join(addr).join(name),
        &text,
    )
}

/// Pulls and checks the image id is the fixture's.
#[track_caller]
fn pulls(env: &Env, args: &[&str], reference: &str) {
    let out = env.rpod(["pull", "-q"]).args(args).arg(reference).run();
    out.success();
    let want = registry::plain()
        .expect("the plain registry")
        .fixture("busybox:latest")
        .host_image()
        .config
        .digest
        .trim_start_matches("sha256:")
        .to_string();
    assert_eq!(out.out(), want, "{out}");
}

#[test]
fn a_private_ca_is_refused_until_certs_d_has_it() {
    let reg = require!(tls());
    let env = require!(Env::rootless());
    env.rpod(["pull", &reg.busybox()])
        .run()
        .error125()
        .stderr_has("UnknownIssuer")
        .stderr_has(&format!("certs.d/{}/ca.crt", reg.addr));
    certs_d(&env, &reg.addr, "ca.crt", &reg.ca);
    pulls(&env, &[], &reg.busybox());
    let out = env
        .rpod([
            "run",
            "--rm",
            "--net",
            "none",
            &reg.busybox(),
            "echo",
            "over tls",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "over tls", "{out}");
}

#[test]
fn tls_verify_false_and_insecure_talk_https_without_verification() {
    let reg = require!(tls());
    let env = require!(Env::rootless());
    // The registry only speaks HTTPS: these pulls prove rpod did too.
    pulls(&env, &["--tls-verify=false"], &reg.busybox());
    env.rpod(["rmi", "-a"]).run().success();
    env.registries_conf(&format!(
        "[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
        reg.addr
    ));
    pulls(&env, &[], &reg.busybox());
    env.rpod(["rmi", "-a"]).run().success();
    // --tls-verify=true overrides registries.conf.
    env.rpod(["pull", "--tls-verify=true", &reg.busybox()])
        .run()
        .error125()
        .stderr_has("UnknownIssuer");
}

#[test]
fn the_system_store_and_cert_dir_are_honoured() {
    let reg = require!(tls());
    let env = require!(Env::rootless());
    // How Go (and rpod) locate the system's store: SSL_CERT_FILE replaces the bundle.
    let bundle = env.write_file(
        Path::new("bundle.pem"),
        &std::fs::read_to_string(&reg.ca).expect("ca"),
    );
    let out = env
        .rpod(["pull", "-q", &reg.busybox()])
        .env("SSL_CERT_FILE", bundle.display().to_string())
        .run();
    out.success();
    env.rpod(["rmi", "-a"]).run().success();
    let dir = env.dir.join("certs");
    env.write_file(
        &dir.join("ca.crt"),
        &std::fs::read_to_string(&reg.ca).expect("ca"),
    );
    pulls(
        &env,
        &["--cert-dir", &dir.display().to_string()],
        &reg.busybox(),
    );
}

#[test]
fn a_registry_wanting_a_client_certificate_gets_the_one_in_certs_d() {
    let reg = require!(mutual());
    let env = require!(Env::rootless());
    certs_d(&env, &reg.addr, "ca.crt", &reg.ca);
    env.rpod(["pull", &reg.busybox()])
        .run()
        .error125()
        .stderr_has("refused the client certificate or wants one");
    let cert = certs_d(&env, &reg.addr, "client.cert", &reg.client.0);
    env.rpod(["pull", &reg.busybox()])
        .run()
        .error125()
        .stderr_has("missing key client.key");
    certs_d(&env, &reg.addr, "client.key", &reg.client.1);
    pulls(&env, &[], &reg.busybox());
    env.rpod(["rmi", "-a"]).run().success();
    // Without verification, the client certificate is still offered (as podman does).
    std::fs::remove_file(
        env.config
            .join("containers/certs.d")
            .join(&reg.addr)
            .join("ca.crt"),
    )
    .expect("removing ca.crt");
    pulls(&env, &["--tls-verify=false"], &reg.busybox());
    assert!(cert.exists());
}

#[test]
fn a_self_signed_certificate_in_certs_d_is_trusted_for_its_name_only() {
    let reg = require!(self_signed());
    let env = require!(Env::rootless());
    env.rpod(["pull", &reg.busybox()])
        .run()
        .error125()
        .stderr_has("the registry's certificate is self-signed")
        .stderr_has(&format!("certs.d/{}/ca.crt", reg.addr));
    // webpki alone refuses a CA certificate presented by the server; Go (and
    // so podman) accepts a server certificate the user trusts as is.
    certs_d(&env, &reg.addr, "ca.crt", &reg.ca);
    pulls(&env, &[], &reg.busybox());
    // The same certificate does not vouch for another name of the host.
    let port = reg.addr.rsplit(':').next().expect("port");
    let other = format!("localhost:{port}");
    certs_d(&env, &other, "ca.crt", &reg.ca);
    env.rpod(["pull", &format!("{other}/busybox:latest")])
        .run()
        .error125()
        .stderr_has("does not name");
}
