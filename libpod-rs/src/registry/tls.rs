//! Which servers a registry client trusts, and what it proves about itself,
//! as containers/image sets it up (containers-certs.d(5)):
//!
//! - the system's CA store, found as Go finds it: `$SSL_CERT_FILE` or the
//!   first distribution bundle (`/etc/ssl/certs/ca-certificates.crt`, ...),
//!   plus every file of `$SSL_CERT_DIR` or `/etc/ssl/certs` (rpod's bundled
//!   web roots only when the system has none);
//! - the registry's certs.d directory: `--cert-dir`, else the first
//!   existing `HOST[:PORT]` directory under `$XDG_CONFIG_HOME/containers/certs.d`,
//!   `~/.config/containers/certs.d` (containers/image reads only this one),
//!   `/etc/containers/certs.d` and `/etc/docker/certs.d`. Its
//!   `*.crt` files are CAs added to the system's; a `NAME.cert` with its
//!   `NAME.key` is a client certificate for mutual TLS;
//! - a server certificate that is itself one of those trusted certificates
//!   (the self-signed `domain.crt` copied to `certs.d/HOST/ca.crt`, as
//!   Docker's and podman's guides do) is accepted when it names the server
//!   and is within its validity, as Go accepts it; webpki alone refuses a
//!   CA certificate used by the server itself;
//! - no verification of the server's certificate for an insecure registry
//!   (`--tls-verify=false`, `insecure = true`), still over HTTPS when the
//!   server speaks it (client certificates are still offered).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::config::Paths;
use crate::userfile::{self, CERTIFICATE};

/// The CA bundles Go looks for on Linux, first found wins.
const CERT_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/tls/cacert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
];
/// The directories of single CA files Go reads on Linux.
const CERT_DIRS: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];

/// A certs.d directory or a certificate in it that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Error {
    /// The file or directory.
    pub path: PathBuf,
    /// What is wrong and what to do.
    pub message: String,
}

/// Where trust comes from for one client (see the module doc).
pub struct Trust {
    /// The certs.d trees searched for `HOST[:PORT]`, in order.
    cert_trees: Vec<PathBuf>,
    /// `--cert-dir`: used for every registry instead of the trees.
    cert_dir: Option<PathBuf>,
    provider: Arc<CryptoProvider>,
    /// The system's CAs, read on first use (a pull over plain HTTP never needs them).
    system: OnceLock<Arc<Vec<CertificateDer<'static>>>>,
}

impl std::fmt::Debug for Trust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trust")
            .field("cert_trees", &self.cert_trees)
            .field("cert_dir", &self.cert_dir)
            .finish_non_exhaustive()
    }
}

impl Trust {
    /// Trust for a user with these paths; `cert_dir` is `--cert-dir`.
    pub fn new(paths: &Paths, cert_dir: Option<PathBuf>) -> Trust {
        let mut cert_trees = vec![paths.user_config_dir().join("certs.d")];
        let home = paths.home.join(".config/containers/certs.d");
        if home != cert_trees[0] {
            cert_trees.push(home);
        }
        cert_trees.push(paths.system_dir.join("certs.d"));
        // /etc/docker/certs.d beside /etc/containers (moved with it in tests).
        if let Some(etc) = paths.system_dir.parent() {
            cert_trees.push(etc.join("docker/certs.d"));
        }
        Trust {
            cert_trees,
            cert_dir,
            provider: Arc::new(rustls::crypto::ring::default_provider()),
            system: OnceLock::new(),
        }
    }

    /// The certs.d directory that applies to `host` (`HOST[:PORT]`), if any.
    pub fn cert_dir(&self, host: &str) -> Result<Option<PathBuf>, Error> {
        if let Some(d) = &self.cert_dir {
            return Ok(Some(d.clone()));
        }
        for tree in &self.cert_trees {
            let dir = tree.join(host);
            match fs_err::metadata(&dir) {
                Ok(_) => return Ok(Some(dir)),
                // As containers/image: missing or unreadable trees are skipped.
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
                    ) => {}
                Err(e) => {
                    return Err(Error {
                        path: dir,
                        message: e.to_string(),
                    })
                }
            }
        }
        Ok(None)
    }

    /// The TLS configuration for talking to `host`; with `verify` false any
    /// server certificate is accepted.
    pub fn client_config(&self, host: &str, verify: bool) -> Result<Arc<ClientConfig>, Error> {
        let dir = self.cert_dir(host)?;
        let material = match &dir {
            Some(d) => CertsDir::read(d)?,
            None => CertsDir::default(),
        };
        let builder = ClientConfig::builder_with_provider(Arc::clone(&self.provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| Error {
                path: PathBuf::from("(TLS)"),
                message: e.to_string(),
            })?;
        let builder = if verify {
            let system = self.system_roots();
            let mut roots = RootCertStore::empty();
            roots.add_parsable_certificates(system.iter().cloned());
            if roots.is_empty() {
                roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            let mut trusted: HashSet<Vec<u8>> =
                system.iter().map(|c| c.as_ref().to_vec()).collect();
            for (path, cert) in material.cas {
                trusted.insert(cert.as_ref().to_vec());
                roots.add(cert).map_err(|e| Error {
                    path,
                    message: format!("not a usable CA certificate: {e}"),
                })?;
            }
            let webpki = WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots),
                Arc::clone(&self.provider),
            )
            .build()
            .map_err(|e| Error {
                path: dir.clone().unwrap_or_else(|| PathBuf::from("(system CAs)")),
                message: format!("no usable CA certificate: {e}"),
            })?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(TrustedAsIs { webpki, trusted }))
        } else {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AcceptAnyServer(Arc::clone(
                    &self.provider,
                ))))
        };
        let config =
            match material.client {
                Some((cert_path, chain, key)) => builder
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| Error {
                        path: cert_path,
                        message: format!(
                            "the client certificate and its key do not go together: {e}"
                        ),
                    })?,
                None => builder.with_no_client_auth(),
            };
        Ok(Arc::new(config))
    }

    fn system_roots(&self) -> Arc<Vec<CertificateDer<'static>>> {
        Arc::clone(self.system.get_or_init(|| Arc::new(system_roots())))
    }
}

/// What a certs.d directory holds.
#[derive(Default)]
struct CertsDir {
    /// CA certificates (`*.crt`), with the file each came from.
    cas: Vec<(PathBuf, CertificateDer<'static>)>,
    /// A client certificate chain and its key (`NAME.cert` + `NAME.key`).
    client: Option<(
        PathBuf,
        Vec<CertificateDer<'static>>,
        PrivateKeyDer<'static>,
    )>,
}

impl CertsDir {
    /// Reads a certs.d directory with containers/image's rules: files in
    /// name order; a `.cert` without its `.key` (or the reverse) is an error.
    fn read(dir: &Path) -> Result<CertsDir, Error> {
        let err = |path: &Path, message: String| Error {
            path: path.to_path_buf(),
            message,
        };
        let mut names: Vec<String> = fs_err::read_dir(dir)
            .map_err(crate::sys::without_path)
            .map_err(|e| err(dir, format!("listing the certificates: {e}")))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut out = CertsDir::default();
        for name in &names {
            let path = dir.join(name);
            if name.ends_with(".crt") {
                let certs = pem_certificates(&path)?;
                out.cas.extend(certs.into_iter().map(|c| (path.clone(), c)));
            } else if let Some(stem) = name.strip_suffix(".cert") {
                let key_name = format!("{stem}.key");
                if !names.contains(&key_name) {
                    return Err(err(
                        &path,
                        format!("missing key {key_name} for this client certificate; CA certificates must end in .crt"),
                    ));
                }
                let chain = pem_certificates(&path)?;
                let key_path = dir.join(&key_name);
                let bytes = userfile::read(&key_path, CERTIFICATE)
                    .map_err(|e| err(&key_path, e.to_string()))?;
                let key = PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| {
                    err(&key_path, format!("no private key in PEM form in it: {e}"))
                })?;
                if out.client.is_none() {
                    out.client = Some((path, chain, key));
                }
            } else if let Some(stem) = name.strip_suffix(".key") {
                let cert_name = format!("{stem}.cert");
                if !names.contains(&cert_name) {
                    return Err(err(
                        &path,
                        format!("missing client certificate {cert_name} for this key"),
                    ));
                }
            }
        }
        Ok(out)
    }
}

/// Every PEM certificate in a file; none is an error.
fn pem_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let bytes = userfile::read(path, CERTIFICATE).map_err(|e| Error {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| Error {
            path: path.to_path_buf(),
            message: format!("not PEM certificates: {e}"),
        })?;
    if certs.is_empty() {
        return Err(Error {
            path: path.to_path_buf(),
            message: "no PEM certificate in it".into(),
        });
    }
    Ok(certs)
}

/// The system's CA certificates, found as Go's crypto/x509 finds them on
/// Linux; unreadable files and PEM blocks that are not certificates are
/// skipped, as Go skips them.
fn system_roots() -> Vec<CertificateDer<'static>> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    let files: Vec<PathBuf> = match env("SSL_CERT_FILE") {
        Some(f) => vec![PathBuf::from(f)],
        None => CERT_FILES.iter().map(PathBuf::from).collect(),
    };
    let dirs: Vec<PathBuf> = match env("SSL_CERT_DIR") {
        Some(d) => std::env::split_paths(&d).collect(),
        None => CERT_DIRS.iter().map(PathBuf::from).collect(),
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut add = |bytes: &[u8]| {
        for cert in CertificateDer::pem_slice_iter(bytes).flatten() {
            if seen.insert(cert.as_ref().to_vec()) {
                out.push(cert);
            }
        }
    };
    if let Some(bytes) = files
        .iter()
        .find_map(|f| userfile::read(f, CERTIFICATE).ok())
    {
        add(&bytes);
    }
    for dir in dirs {
        let Ok(entries) = fs_err::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            // Go skips links to a file in the same directory (the hash links).
            .filter(|e| {
                fs_err::read_link(e.path())
                    .map(|t| t.components().count() > 1)
                    .unwrap_or(true)
            })
            .map(|e| e.path())
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(bytes) = userfile::read(&p, CERTIFICATE) {
                add(&bytes);
            }
        }
    }
    out
}

/// The usual verification (a chain to a trusted CA), and failing that, a
/// server certificate that is byte for byte a trusted one, names the server
/// and is valid now (Go's rule, which podman's users rely on for
/// self-signed registries).
#[derive(Debug)]
struct TrustedAsIs {
    webpki: Arc<WebPkiServerVerifier>,
    /// The DER of every trusted certificate.
    trusted: HashSet<Vec<u8>>,
}

impl ServerCertVerifier for TrustedAsIs {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = self.webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        if verdict.is_ok() || !self.trusted.contains(end_entity.as_ref()) {
            return verdict;
        }
        let cert = webpki::EndEntityCert::try_from(end_entity).map_err(|e| {
            rustls::Error::General(format!("parsing the server's certificate: {e}"))
        })?;
        cert.verify_is_valid_for_subject_name(server_name)
            .map_err(|e| {
                rustls::Error::General(format!(
                    "the trusted self-signed certificate does not name {server_name:?}: {e}"
                ))
            })?;
        match validity(end_entity.as_ref()) {
            Some((not_before, not_after))
                if (not_before..=not_after).contains(&(now.as_secs() as i64)) =>
            {
                Ok(ServerCertVerified::assertion())
            }
            Some(_) => Err(rustls::Error::General(
                "the trusted self-signed certificate is expired or not yet valid".into(),
            )),
            None => Err(rustls::Error::General(
                "cannot read the validity of the trusted self-signed certificate".into(),
            )),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// One DER element at the start of `b`: (tag, contents, the rest after it).
fn der(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = b.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &x| (acc << 8) | usize::from(x));
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// A certificate's notBefore and notAfter, in Unix seconds (X.509:
/// Certificate → TBSCertificate → [version], serial, signature, issuer, validity).
fn validity(cert: &[u8]) -> Option<(i64, i64)> {
    let (_, certificate, _) = der(cert)?;
    let (_, tbs, _) = der(certificate)?;
    let mut rest = tbs;
    if rest.first() == Some(&0xa0) {
        rest = der(rest)?.2;
    }
    for _ in 0..3 {
        rest = der(rest)?.2; // serial, signature algorithm, issuer
    }
    let (_, validity, _) = der(rest)?;
    let (t1, before, rest) = der(validity)?;
    let (t2, after, _) = der(rest)?;
    Some((asn1_time(t1, before)?, asn1_time(t2, after)?))
}

/// UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`) in Unix seconds.
fn asn1_time(tag: u8, text: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(text).ok()?.strip_suffix('Z')?;
    let (year, rest) = match tag {
        0x17 if text.len() == 12 => {
            let yy: i32 = text[..2].parse().ok()?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        0x18 if text.len() == 14 => (text[..4].parse().ok()?, &text[4..]),
        _ => return None,
    };
    let n = |i: usize| rest.get(i..i + 2)?.parse::<u32>().ok();
    let t =
        chrono::NaiveDate::from_ymd_opt(year, n(0)?, n(2)?)?.and_hms_opt(n(4)?, n(6)?, n(8)?)?;
    Some(t.and_utc().timestamp())
}

/// The verifier of `--tls-verify=false`: any server certificate is
/// accepted, but the handshake's signatures are still checked.
#[derive(Debug)]
struct AcceptAnyServer(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyServer {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certs_d_search_order() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let trust = Trust::new(&paths, None);
        assert_eq!(trust.cert_dir("r.example:5000").unwrap(), None);
        let docker = dir.path().join("etc/docker/certs.d/r.example:5000");
        fs_err::create_dir_all(&docker).unwrap();
        assert_eq!(trust.cert_dir("r.example:5000").unwrap(), Some(docker));
        let system = paths.system_dir.join("certs.d/r.example:5000");
        fs_err::create_dir_all(&system).unwrap();
        assert_eq!(
            trust.cert_dir("r.example:5000").unwrap(),
            Some(system.clone())
        );
        let user = paths.user_config_dir().join("certs.d/r.example:5000");
        fs_err::create_dir_all(&user).unwrap();
        assert_eq!(
            trust.cert_dir("r.example:5000").unwrap(),
            Some(user.clone())
        );
        assert_eq!(
            trust.cert_dir("r.example").unwrap(),
            None,
            "the port is part of the name"
        );
        // containers/image's own tree, when XDG_CONFIG_HOME is elsewhere.
        let mut moved = paths.clone();
        moved.xdg_config_home = dir.path().join("xdg");
        let home = paths.home.join(".config/containers/certs.d/r.example");
        fs_err::create_dir_all(&home).unwrap();
        assert_eq!(
            Trust::new(&moved, None).cert_dir("r.example").unwrap(),
            Some(home)
        );
        // ~/.config is containers/image's tree whatever XDG_CONFIG_HOME says.
        assert_eq!(
            Trust::new(&moved, None).cert_dir("r.example:5000").unwrap(),
            Some(user)
        );
        fs_err::create_dir_all(moved.user_config_dir().join("certs.d/r.example:5000")).unwrap();
        assert_eq!(
            Trust::new(&moved, None).cert_dir("r.example:5000").unwrap(),
            Some(moved.user_config_dir().join("certs.d/r.example:5000")),
            "XDG_CONFIG_HOME's tree comes first"
        );
        assert!(system.is_dir());
        let forced = Trust::new(&paths, Some(dir.path().join("mine")));
        assert_eq!(
            forced.cert_dir("anything").unwrap(),
            Some(dir.path().join("mine"))
        );
    }

    #[test]
    fn a_client_certificate_needs_its_key() {
        let dir = tempfile::tempdir().unwrap();
        fs_err::write(dir.path().join("client.cert"), "x").unwrap();
        let e = CertsDir::read(dir.path()).err().unwrap().to_string();
        assert!(
            e.contains("missing key client.key") && e.contains(".crt"),
            "{e}"
        );
        fs_err::remove_file(dir.path().join("client.cert")).unwrap();
        fs_err::write(dir.path().join("other.key"), "x").unwrap();
        let e = CertsDir::read(dir.path()).err().unwrap().to_string();
        assert!(e.contains("missing client certificate other.cert"), "{e}");
        fs_err::remove_file(dir.path().join("other.key")).unwrap();
        fs_err::write(dir.path().join("ca.crt"), "not pem").unwrap();
        let e = CertsDir::read(dir.path()).err().unwrap().to_string();
        assert!(
            e.contains("ca.crt") && e.contains("no PEM certificate"),
            "{e}"
        );
    }

    #[test]
    fn certificate_validity_is_read_from_der() {
        assert_eq!(asn1_time(0x17, b"700101000000Z"), Some(0));
        assert_eq!(asn1_time(0x17, b"491231235959Z"), Some(2_524_607_999));
        assert_eq!(asn1_time(0x18, b"20000101000000Z"), Some(946_684_800));
        assert_eq!(asn1_time(0x17, b"7001010000Z"), None);
        assert_eq!(validity(b"\x30\x00"), None);
        // A certificate of this machine's bundle: notBefore < notAfter.
        if let Some(cert) = system_roots().first() {
            let (a, b) = validity(cert.as_ref()).expect("validity");
            assert!(a < b, "{a} {b}");
        }
    }

    #[test]
    fn the_system_store_is_read() {
        // This machine has a CA bundle; an empty store would mean the bundled roots.
        if CERT_FILES.iter().any(|f| Path::new(f).exists()) {
            assert!(!system_roots().is_empty());
        }
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let trust = Trust::new(&paths, None);
        trust.client_config("r.example", true).unwrap();
        trust.client_config("r.example", false).unwrap();
    }
}
