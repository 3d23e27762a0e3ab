//! Signature verification on pull, as containers/image does it: the
//! policy (`policy.json`) says per transport and scope which requirements
//! an image must meet (`insecureAcceptAnything`, `reject`, `signedBy`);
//! `signedBy` wants at least one "simple signing" signature (see
//! [`crate::image::sign`]) by one of its GPG keys, naming the image's
//! manifest digest and an identity its `signedIdentity` accepts.
//! Signatures are read from the lookaside location registries.d gives the
//! image (`file://` or `http(s)://`).
//!
//! rpod has no gpgme: the keys are imported into a throw-away gpg home and
//! `gpg --decrypt` checks each signature there, so only the policy's keys
//! count. `sigstoreSigned` and `signedBaseLayer` requirements are not
//! implemented: they reject, saying so.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;
use serde_json::Value;

use crate::digest::Digest;
use crate::image::sign::{self, Gpg};
use crate::reference::Reference;

/// Largest signature read (containers/image's limit is 4 MiB).
const MAX_SIGNATURE: u64 = 4 << 20;

/// Why a policy could not be used or an image was refused (containers/image's words).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No policy file where `--signature-policy` points (Go's words).
    #[error("open {}: {message}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why (Go's errno words).
        message: String,
    },
    /// The policy does not parse or breaks the format.
    #[error("invalid policy in {:?}: {message}", path.display().to_string())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The policy refused the image.
    #[error("Source image rejected: {0}")]
    Rejected(String),
    /// Reading a signature or key failed.
    #[error("{0}")]
    Io(String),
}

/// How a signature's identity must relate to the image pulled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedIdentity {
    /// The same reference (repository and tag, or digest).
    MatchExact,
    /// The same repository when pulled by digest, else the same reference.
    MatchRepoDigestOrExact,
    /// The same repository.
    MatchRepository,
    /// Exactly this reference.
    ExactReference(String),
    /// This repository.
    ExactRepository(String),
    /// The image's name with `prefix` replaced by `signed_prefix`, then
    /// as [`SignedIdentity::MatchRepoDigestOrExact`].
    RemapIdentity {
        /// The prefix of the pulled name.
        prefix: String,
        /// What it becomes in the signature.
        signed_prefix: String,
    },
}

/// One policy requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// Anything goes.
    InsecureAcceptAnything,
    /// Nothing goes.
    Reject,
    /// A simple-signing signature by one of these keys.
    SignedBy {
        /// The keys: files (`keyPath`, `keyPaths`).
        key_paths: Vec<PathBuf>,
        /// The keys given inline (`keyData`, decoded).
        key_data: Option<Vec<u8>>,
        /// Which identities are accepted.
        identity: SignedIdentity,
    },
    /// A requirement type rpod knows but does not verify (`sigstoreSigned`,
    /// `signedBaseLayer`).
    Unsupported(String),
}

/// A parsed `policy.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The file it came from.
    pub path: PathBuf,
    default: Vec<Requirement>,
    /// `transports.docker`: scope → requirements.
    docker: Vec<(String, Vec<Requirement>)>,
}

/// Where the policy is: `--signature-policy`, else the user's
/// `~/.config/containers/policy.json` when it exists, else
/// `/etc/containers/policy.json` (containers/image's order); `None` when
/// neither default exists.
pub fn policy_path(explicit: Option<&Path>, home: &Path, system_dir: &Path) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    [
        home.join(".config/containers/policy.json"),
        system_dir.join("policy.json"),
    ]
    .into_iter()
    .find(|p| p.exists())
}

impl Policy {
    /// Reads and parses a policy file.
    pub fn load(path: &Path) -> Result<Policy, Error> {
        let text = fs_err::read(path).map_err(|e| Error::Open {
            path: path.to_path_buf(),
            message: crate::sys::os_code(&e).map_or_else(
                || crate::sys::os_text(&e),
                |c| crate::config::errno_text(nix::errno::Errno::from_raw(c)),
            ),
        })?;
        Policy::parse(path, &text)
    }

    /// Parses a policy's text (`path` for messages and relative key paths).
    pub fn parse(path: &Path, text: &[u8]) -> Result<Policy, Error> {
        let bad = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let v: Value = serde_json::from_slice(text).map_err(|e| bad(e.to_string()))?;
        let obj = v
            .as_object()
            .ok_or_else(|| bad("the policy is not a JSON object".into()))?;
        let default = match obj.get("default") {
            Some(d) => requirements(d).map_err(bad)?,
            None => return Err(bad("Default policy is missing".into())),
        };
        let mut docker = Vec::new();
        if let Some(t) = obj.get("transports") {
            let t = t
                .as_object()
                .ok_or_else(|| bad("\"transports\" is not an object".into()))?;
            for (transport, scopes) in t {
                let scopes = scopes
                    .as_object()
                    .ok_or_else(|| bad(format!("transport {transport:?}: not an object")))?;
                for (scope, reqs) in scopes {
                    let reqs = requirements(reqs).map_err(bad)?;
                    if transport == "docker" {
                        docker.push((scope.clone(), reqs));
                    }
                }
            }
        }
        // containers/image: a relative key path is relative to the policy's directory.
        let dir = path.parent().unwrap_or(Path::new("/"));
        let resolve = |reqs: &mut Vec<Requirement>| {
            for r in reqs {
                if let Requirement::SignedBy { key_paths, .. } = r {
                    for p in key_paths.iter_mut().filter(|p| p.is_relative()) {
                        *p = dir.join(&*p);
                    }
                }
            }
        };
        let mut default = default;
        resolve(&mut default);
        for (_, reqs) in &mut docker {
            resolve(reqs);
        }
        Ok(Policy {
            path: path.to_path_buf(),
            default,
            docker,
        })
    }

    /// The requirements for an image from a registry: the scope of the
    /// exact reference, of its repository, of each parent namespace, of
    /// the host's wildcard domains (`*.example.com`), `""`, then `default`.
    pub fn requirements_for(&self, reference: &Reference) -> &[Requirement] {
        let find = |scope: &str| {
            self.docker
                .iter()
                .find(|(s, _)| s == scope)
                .map(|(_, r)| r.as_slice())
        };
        scopes(reference)
            .iter()
            .find_map(|s| find(s))
            .or_else(|| find(""))
            .unwrap_or(&self.default)
    }
}

/// containers/image's policy scopes of a docker reference, most specific first.
fn scopes(reference: &Reference) -> Vec<String> {
    let mut out = vec![reference.to_string()];
    let mut name = reference.name();
    out.push(name.clone());
    while let Some((parent, _)) = name.rsplit_once('/') {
        out.push(parent.to_string());
        name = parent.to_string();
    }
    // *.example.com for host.example.com (not for a host with a port).
    let host = reference.domain();
    if !host.contains(':') {
        let mut rest = host;
        while let Some((_, parent)) = rest.split_once('.') {
            out.push(format!("*.{parent}"));
            rest = parent;
        }
    }
    out
}

fn requirements(v: &Value) -> Result<Vec<Requirement>, String> {
    let list = v
        .as_array()
        .ok_or_else(|| "a list of requirements is expected".to_string())?;
    if list.is_empty() {
        return Err("List of verification policy requirements must not be empty".into());
    }
    list.iter().map(requirement).collect()
}

fn requirement(v: &Value) -> Result<Requirement, String> {
    let ty = v.get("type").and_then(Value::as_str).unwrap_or_default();
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    match ty {
        "insecureAcceptAnything" => Ok(Requirement::InsecureAcceptAnything),
        "reject" => Ok(Requirement::Reject),
        "signedBy" => {
            let key_type = s("keyType").unwrap_or("GPGKeys");
            if key_type != "GPGKeys" {
                return Err(format!(
                    "invalid keyType {key_type:?}: rpod verifies GPGKeys only"
                ));
            }
            let path = s("keyPath").map(PathBuf::from);
            let paths: Option<Vec<PathBuf>> = v.get("keyPaths").map(|p| {
                p.as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(PathBuf::from)
                            .collect()
                    })
                    .unwrap_or_default()
            });
            let data = s("keyData");
            let given = usize::from(path.is_some())
                + usize::from(paths.is_some())
                + usize::from(data.is_some());
            if given != 1 {
                return Err(
                    "exactly one of keyPath, keyPaths and keyData must be specified".into(),
                );
            }
            let key_data = data
                .map(|d| {
                    base64::engine::general_purpose::STANDARD
                        .decode(d)
                        .map_err(|e| format!("keyData: {e}"))
                })
                .transpose()?;
            let identity = match v.get("signedIdentity") {
                None => SignedIdentity::MatchRepoDigestOrExact,
                Some(i) => signed_identity(i)?,
            };
            Ok(Requirement::SignedBy {
                key_paths: path
                    .into_iter()
                    .chain(paths.into_iter().flatten())
                    .collect(),
                key_data,
                identity,
            })
        }
        "sigstoreSigned" | "signedBaseLayer" => Ok(Requirement::Unsupported(ty.to_string())),
        other => Err(format!("Unknown policy requirement type {other:?}")),
    }
}

fn signed_identity(v: &Value) -> Result<SignedIdentity, String> {
    let s = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{k} not specified"))
    };
    match v.get("type").and_then(Value::as_str).unwrap_or_default() {
        "matchExact" => Ok(SignedIdentity::MatchExact),
        "matchRepoDigestOrExact" => Ok(SignedIdentity::MatchRepoDigestOrExact),
        "matchRepository" => Ok(SignedIdentity::MatchRepository),
        "exactReference" => {
            let r = s("dockerReference")?;
            let parsed = Reference::parse(&r)
                .map_err(|e| format!("Invalid format of dockerReference {r:?}: {e}"))?;
            if parsed.tag().is_none() && parsed.digest().is_none() {
                return Err(format!(
                    "dockerReference {r:?} contains neither a tag nor digest"
                ));
            }
            Ok(SignedIdentity::ExactReference(parsed.to_string()))
        }
        "exactRepository" => {
            let r = s("dockerRepository")?;
            let parsed = Reference::parse(&r)
                .map_err(|e| format!("Invalid format of dockerRepository {r:?}: {e}"))?;
            Ok(SignedIdentity::ExactRepository(parsed.name()))
        }
        "remapIdentity" => Ok(SignedIdentity::RemapIdentity {
            prefix: s("prefix")?,
            signed_prefix: s("signedPrefix")?,
        }),
        other => Err(format!("Unknown policy reference match type {other:?}")),
    }
}

impl SignedIdentity {
    /// Whether a signature naming `signed` is accepted for `image`.
    pub fn matches(&self, image: &Reference, signed: &str) -> bool {
        let Ok(signed) = Reference::parse(signed) else {
            return false;
        };
        let repo_digest_or_exact = |image: &Reference| match image.digest() {
            Some(_) => image.name() == signed.name(),
            None => image.to_string() == signed.to_string(),
        };
        match self {
            SignedIdentity::MatchExact => {
                image.tag().is_some() == signed.tag().is_some()
                    && image.to_string() == signed.to_string()
            }
            SignedIdentity::MatchRepoDigestOrExact => repo_digest_or_exact(image),
            SignedIdentity::MatchRepository => image.name() == signed.name(),
            SignedIdentity::ExactReference(r) => *r == signed.to_string(),
            SignedIdentity::ExactRepository(r) => *r == signed.name(),
            SignedIdentity::RemapIdentity {
                prefix,
                signed_prefix,
            } => {
                let full = image.to_string();
                // A prefix matches whole path components only.
                let remapped = full.strip_prefix(prefix.as_str()).and_then(|rest| {
                    (rest.is_empty() || rest.starts_with(['/', ':', '@']) || prefix.ends_with('/'))
                        .then(|| format!("{signed_prefix}{rest}"))
                });
                match remapped.map(|r| Reference::parse(&r)) {
                    Some(Ok(r)) => repo_digest_or_exact(&r),
                    _ => repo_digest_or_exact(image),
                }
            }
        }
    }
}

/// What a pull needs to check an image against the policy.
#[derive(Debug, Clone)]
pub struct Checker {
    /// The policy.
    pub policy: Policy,
    /// registries.d, for the lookaside locations.
    pub registries_d: PathBuf,
    /// `$HOME`, for the built-in lookaside default.
    pub home: PathBuf,
    /// Whether rpod runs as root (the built-in lookaside default).
    pub root: bool,
}

impl Checker {
    /// Checks that `image` (as pulled: tag or digest), whose top manifest
    /// has `manifest_digest`, meets every requirement of its scope.
    pub fn check(&self, image: &Reference, manifest_digest: &Digest) -> Result<(), Error> {
        let reqs = self.policy.requirements_for(image);
        let mut signatures: Option<Vec<Vec<u8>>> = None;
        for req in reqs {
            match req {
                Requirement::InsecureAcceptAnything => {}
                Requirement::Reject => {
                    return Err(Error::Rejected(format!(
                        "Running image {} is rejected by policy.",
                        image_name(image)
                    )))
                }
                Requirement::Unsupported(ty) => {
                    return Err(Error::Rejected(format!(
                        "rpod cannot verify {ty:?} requirements (policy {}): use signedBy with GPG keys",
                        self.policy.path.display()
                    )))
                }
                Requirement::SignedBy {
                    key_paths,
                    key_data,
                    identity,
                } => {
                    if signatures.is_none() {
                        signatures = Some(self.signatures(image, manifest_digest)?);
                    }
                    let sigs = signatures.as_deref().unwrap_or_default();
                    signed_by(key_paths, key_data.as_deref(), identity, image, manifest_digest, sigs)?;
                }
            }
        }
        Ok(())
    }

    /// The image's signatures from its lookaside location, in order.
    fn signatures(&self, image: &Reference, digest: &Digest) -> Result<Vec<Vec<u8>>, Error> {
        let url = sign::lookaside_url(&self.registries_d, image, &self.home, self.root, false)
            .map_err(|e| Error::Io(e.to_string()))?;
        let base = format!(
            "{}/{}@{}={}",
            url.trim_end_matches('/'),
            image.path(),
            digest.algorithm(),
            digest.hex()
        );
        let mut out = Vec::new();
        for n in 1.. {
            let sig_url = format!("{base}/signature-{n}");
            match read_signature(&sig_url)? {
                Some(bytes) => out.push(bytes),
                None => break,
            }
        }
        tracing::debug!("{} signature(s) at {base}", out.len());
        Ok(out)
    }
}

/// `docker://NAME`, the familiar form containers/image prints.
fn image_name(image: &Reference) -> String {
    format!(
        "docker://{}",
        crate::image::archive::familiar(&image.to_string())
    )
}

/// One lookaside signature: `None` when there is none (the end of the list).
fn read_signature(url: &str) -> Result<Option<Vec<u8>>, Error> {
    if let Some(path) = url.strip_prefix("file://") {
        return match fs_err::File::open(path) {
            Ok(f) => {
                let mut bytes = Vec::new();
                f.take(MAX_SIGNATURE)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::Io(format!("reading {path}: {e}")))?;
                Ok(Some(bytes))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Io(format!("reading {path}: {e}"))),
        };
    }
    if url.starts_with("http://") || url.starts_with("https://") {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(std::time::Duration::from_secs(30))
            .timeout_read(std::time::Duration::from_secs(60))
            .build();
        return match agent.get(url).call() {
            Ok(resp) => {
                let mut bytes = Vec::new();
                resp.into_reader()
                    .take(MAX_SIGNATURE)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::Io(format!("reading signature from {url}: {e}")))?;
                Ok(Some(bytes))
            }
            Err(ureq::Error::Status(404, _)) => Ok(None),
            Err(ureq::Error::Status(code, _)) => Err(Error::Io(format!(
                "reading signature from {url}: status {code}"
            ))),
            Err(e) => Err(Error::Io(format!("reading signature from {url}: {e}"))),
        };
    }
    Err(Error::Io(format!(
        "Unsupported scheme when reading signature from {url}"
    )))
}

/// `signedBy`: one signature accepted is enough; else the reasons.
fn signed_by(
    key_paths: &[PathBuf],
    key_data: Option<&[u8]>,
    identity: &SignedIdentity,
    image: &Reference,
    digest: &Digest,
    signatures: &[Vec<u8>],
) -> Result<(), Error> {
    let gpg = Gpg::find().map_err(|e| Error::Io(e.to_string()))?;
    let keyring = Keyring::new(&gpg, key_paths, key_data)?;
    let mut reasons = Vec::new();
    for sig in signatures {
        match keyring.verify(sig) {
            Err(reason) => reasons.push(reason),
            Ok(payload) => match check_payload(&payload, identity, image, digest) {
                Ok(()) => return Ok(()),
                Err(reason) => reasons.push(reason),
            },
        }
    }
    Err(Error::Rejected(match reasons.len() {
        0 => "A signature was required, but no signature exists".to_string(),
        1 => reasons.remove(0),
        _ => format!(
            "None of the signatures were accepted, reasons: {}",
            reasons.join("; ")
        ),
    }))
}

/// Checks a verified payload's digest and identity (containers/image's order).
fn check_payload(
    payload: &[u8],
    identity: &SignedIdentity,
    image: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    let v: Value = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
    let critical = &v["critical"];
    let ty = critical["type"].as_str().unwrap_or_default();
    if ty != "atomic container signature" {
        return Err(format!("Unrecognized signature type {ty}"));
    }
    let signed_digest = critical["image"]["docker-manifest-digest"]
        .as_str()
        .ok_or("critical.image.docker-manifest-digest missing")?;
    let signed_ref = critical["identity"]["docker-reference"]
        .as_str()
        .ok_or("critical.identity.docker-reference missing")?;
    if signed_digest != digest.to_string() {
        return Err(format!(
            "Signature for digest {signed_digest} does not match"
        ));
    }
    if !identity.matches(image, signed_ref) {
        return Err(format!(
            "Signature for identity {signed_ref:?} is not accepted"
        ));
    }
    Ok(())
}

/// A throw-away gpg home holding only the policy's keys; removed when dropped.
struct Keyring {
    gpg: Gpg,
    home: PathBuf,
}

impl Keyring {
    fn new(gpg: &Gpg, key_paths: &[PathBuf], key_data: Option<&[u8]>) -> Result<Keyring, Error> {
        let home = std::env::temp_dir().join(format!(
            "rpod-trust-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        fs_err::create_dir(&home)
            .and_then(|()| {
                fs_err::set_permissions(&home, std::os::unix::fs::PermissionsExt::from_mode(0o700))
            })
            .map_err(|e| Error::Io(format!("creating a gpg home: {e}")))?;
        let ring = Keyring {
            gpg: gpg.clone(),
            home,
        };
        let mut keys: Vec<Vec<u8>> = Vec::new();
        for p in key_paths {
            keys.push(fs_err::read(p).map_err(|e| Error::Rejected(e.to_string()))?);
        }
        keys.extend(key_data.map(<[u8]>::to_vec));
        for k in &keys {
            ring.run(&["--import"], k)
                .map_err(|e| Error::Rejected(format!("importing the policy's keys: {e}")))?;
        }
        let listed = ring
            .run(&["--with-colons", "--list-keys"], &[])
            .unwrap_or_default();
        if !String::from_utf8_lossy(&listed.0)
            .lines()
            .any(|l| l.starts_with("pub:"))
        {
            return Err(Error::Rejected("No public keys imported".into()));
        }
        Ok(ring)
    }

    /// Runs gpg in this home with `input` on stdin: (stdout, stderr) or gpg's words.
    fn run(&self, args: &[&str], input: &[u8]) -> Result<(Vec<u8>, String), String> {
        let mut child = Command::new(self.gpg.program())
            .arg("--homedir")
            .arg(&self.home)
            .args([
                "--batch",
                "--no-tty",
                "--trust-model",
                "always",
                "--status-fd",
                "2",
            ])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("running {}: {e}", self.gpg.program().display()))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // Signatures and keys are small: written whole before the output is read.
        let _ = stdin.write_all(input);
        drop(stdin);
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() {
            Ok((out.stdout, err))
        } else {
            Err(gpg_words(&err))
        }
    }

    /// Checks a signature made by one of the keys; returns the signed payload.
    fn verify(&self, signature: &[u8]) -> Result<Vec<u8>, String> {
        let (payload, status) = self
            .run(&["--decrypt"], signature)
            .map_err(|e| format!("Invalid GPG signature: {e}"))?;
        let valid = status.lines().any(|l| l.starts_with("[GNUPG:] VALIDSIG "));
        if !valid {
            return Err(format!("Invalid GPG signature: {}", gpg_words(&status)));
        }
        Ok(payload)
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = fs_err::remove_dir_all(&self.home);
    }
}

/// gpg's human lines (not its status lines), joined.
fn gpg_words(stderr: &str) -> String {
    let words: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("[GNUPG:]") && !l.trim().is_empty())
        .collect();
    if words.is_empty() {
        "gpg found no valid signature".to_string()
    } else {
        words.join("; ")
    }
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reference {
        Reference::parse(s).unwrap()
    }

    #[test]
    fn scopes_from_specific_to_wildcard() {
        assert_eq!(
            scopes(&r("reg.example.com/ns/img:1")),
            vec![
                "reg.example.com/ns/img:1",
                "reg.example.com/ns/img",
                "reg.example.com/ns",
                "reg.example.com",
                "*.example.com",
                "*.com"
            ]
        );
        assert_eq!(
            scopes(&r("localhost:5000/a:2")),
            vec!["localhost:5000/a:2", "localhost:5000/a", "localhost:5000"]
        );
    }

    #[test]
    fn policy_picks_the_most_specific_scope() {
        let p = Policy::parse(
            Path::new("/p.json"),
            br#"{"default":[{"type":"reject"}],
                "transports":{"docker":{
                  "localhost:5000/signed":[{"type":"signedBy","keyType":"GPGKeys","keyPath":"/k.gpg"}],
                  "localhost:5000":[{"type":"insecureAcceptAnything"}]},
                 "docker-daemon":{"":[{"type":"insecureAcceptAnything"}]}}}"#,
        )
        .unwrap();
        assert_eq!(
            p.requirements_for(&r("localhost:5000/other:1")),
            &[Requirement::InsecureAcceptAnything]
        );
        assert!(matches!(
            p.requirements_for(&r("localhost:5000/signed:1"))[0],
            Requirement::SignedBy { ref identity, .. } if *identity == SignedIdentity::MatchRepoDigestOrExact
        ));
        assert_eq!(
            p.requirements_for(&r("quay.io/x:1")),
            &[Requirement::Reject]
        );
    }

    #[test]
    fn bad_policies_say_what_is_wrong() {
        let e = |t: &str| {
            Policy::parse(Path::new("/p.json"), t.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert!(e("{}").contains("Default policy is missing"));
        assert!(e(r#"{"default":[]}"#).contains("must not be empty"));
        assert!(e(r#"{"default":[{"type":"bogus"}]}"#)
            .contains("Unknown policy requirement type \"bogus\""));
        assert!(
            e(r#"{"default":[{"type":"signedBy","keyType":"GPGKeys"}]}"#)
                .contains("exactly one of keyPath, keyPaths and keyData")
        );
        assert!(e(
            r#"{"default":[{"type":"signedBy","keyPath":"/k","signedIdentity":{"type":"x"}}]}"#
        )
        .contains("Unknown policy reference match type \"x\""));
    }

    #[test]
    fn identities_match_as_containers_image() {
        let tagged = r("localhost:5000/a/b:1");
        let digested = r(&format!("localhost:5000/a/b@sha256:{}", "a".repeat(64)));
        let m = SignedIdentity::MatchRepoDigestOrExact;
        assert!(m.matches(&tagged, "localhost:5000/a/b:1"));
        assert!(!m.matches(&tagged, "localhost:5000/a/b:2"));
        assert!(m.matches(&digested, "localhost:5000/a/b:whatever"));
        assert!(!m.matches(&digested, "localhost:5000/a/c:1"));
        assert!(SignedIdentity::MatchRepository.matches(&tagged, "localhost:5000/a/b:2"));
        assert!(SignedIdentity::ExactRepository("localhost:5000/z".into())
            .matches(&tagged, "localhost:5000/z:9"));
        let remap = SignedIdentity::RemapIdentity {
            prefix: "localhost:5000/a".into(),
            signed_prefix: "quay.io/x".into(),
        };
        assert!(remap.matches(&tagged, "quay.io/x/b:1"));
        assert!(!remap.matches(&tagged, "localhost:5000/a/b:2"));
    }

    #[test]
    fn payload_checks_digest_then_identity() {
        let d: Digest = format!("sha256:{}", "b".repeat(64)).parse().unwrap();
        let image = r("localhost:5000/a:1");
        let p = sign::payload("localhost:5000/a:1", &d, 1);
        assert_eq!(
            check_payload(&p, &SignedIdentity::MatchRepoDigestOrExact, &image, &d),
            Ok(())
        );
        let other: Digest = format!("sha256:{}", "c".repeat(64)).parse().unwrap();
        let e =
            check_payload(&p, &SignedIdentity::MatchRepoDigestOrExact, &image, &other).unwrap_err();
        assert!(e.starts_with("Signature for digest sha256:bbb"), "{e}");
        let e = check_payload(
            &p,
            &SignedIdentity::MatchRepoDigestOrExact,
            &r("localhost:5000/a:2"),
            &d,
        )
        .unwrap_err();
        assert_eq!(
            e,
            "Signature for identity \"localhost:5000/a:1\" is not accepted"
        );
    }
}
