//! `image sign`: containers/image "simple signing" signatures. A signature
//! is an OpenPGP signed message whose content is a small JSON document
//! naming the image (`critical.identity.docker-reference`) and its
//! manifest's digest (`critical.image.docker-manifest-digest`); `gpg
//! --verify` checks it, and podman's `trust` policy (`signedBy`) accepts
//! it. rpod has no gpgme: it runs the installed `gpg` (which honours
//! `$GNUPGHOME`) and hands it the payload on stdin.
//!
//! Signatures are stored as containers/image lays out a lookaside store:
//! `BASE/REPO@sha256=HEX/signature-N`, N the first free number from 1,
//! where BASE is `--directory` or the `lookaside-staging`/`lookaside`
//! location registries.d gives the image (podman's default
//! `~/.local/share/containers/sigstore` rootless,
//! `/var/lib/containers/sigstore` as root).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::digest::Digest;
use crate::reference::Reference;

/// Why an image could not be signed (podman's words where it has them).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--sign-by` was not given.
    #[error("no identity provided")]
    NoIdentity,
    /// `--directory` does not exist (podman's words).
    #[error("faccessat {}: {message}", path.display())]
    Directory {
        /// The directory.
        path: PathBuf,
        /// Why it cannot be used (Go's errno words).
        message: String,
    },
    /// `gpg` is not installed.
    #[error("signing is not supported: gpg not found in $PATH: install gnupg")]
    NoGpg,
    /// The image argument has no transport (`containers-storage:`, `docker://`).
    #[error("parsing image name: Invalid image name {0:?}, expected colon-separated transport:reference")]
    NoTransport(String),
    /// The image argument names a transport containers/image does not know.
    #[error("parsing image name: Invalid image name {input:?}, unknown transport {transport:?}")]
    UnknownTransport {
        /// The argument.
        input: String,
        /// Its transport.
        transport: String,
    },
    /// A transport rpod cannot sign from (`dir:`, `oci:`, archives).
    #[error("signing {0}: rpod signs images in containers-storage: and docker:// only")]
    UnsupportedTransport(String),
    /// `docker:` without `//` (containers/image's words).
    #[error("parsing image name: docker: image reference {0} does not start with //")]
    NoSlashes(String),
    /// The reference after the transport does not parse.
    #[error("parsing image name: {input}: {source}")]
    BadReference {
        /// The argument.
        input: String,
        /// Why.
        source: crate::reference::Error,
    },
    /// The image is known by ID only: a signature must name it.
    #[error("cannot determine canonical Docker reference for destination {0}")]
    NoDockerReference(String),
    /// `--all` on an image that is not a manifest list.
    #[error("{input} is not a multi-architecture image (manifest type {media_type})")]
    NotMultiArch {
        /// The argument.
        input: String,
        /// Its manifest's media type.
        media_type: String,
    },
    /// gpg failed; `message` is what it said.
    #[error("storing signature for {reference}, {digest}: signing: {message}")]
    Gpg {
        /// The docker reference being signed.
        reference: String,
        /// The manifest digest being signed.
        digest: Digest,
        /// gpg's error output (or why it could not run).
        message: String,
    },
    /// The signature could not be written.
    #[error("storing signature for {reference}, {digest}: {op} {}: {}", path.display(), crate::sys::os_text(source))]
    Write {
        /// The docker reference being signed.
        reference: String,
        /// The manifest digest being signed.
        digest: Digest,
        /// What was being done.
        op: &'static str,
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A containers-storage image without `--directory`: containers/image
    /// has a lookaside store for docker:// references only (podman's words).
    #[error("ref must be a dockerReference: give --directory to sign {0}")]
    NeedsDirectory(String),
    /// registries.d names a lookaside location that is not a `file://` URL.
    #[error("writing to {0} is not supported. Use a supported scheme")]
    UnsupportedScheme(String),
    /// A registries.d file could not be read or parsed.
    #[error("reading {}: {message}", path.display())]
    RegistriesD {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// Where the image to sign comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `containers-storage:NAME`: an image in rpod's store.
    Storage(String),
    /// `docker://REF`: an image in a registry.
    Docker(Reference),
}

/// The transports containers/image knows (for podman's "unknown transport").
const KNOWN_TRANSPORTS: [&str; 10] = [
    "containers-storage",
    "docker",
    "docker-archive",
    "docker-daemon",
    "oci",
    "oci-archive",
    "dir",
    "tarball",
    "sif",
    "ostree",
];

impl Source {
    /// Parses an `image sign` argument (`containers-storage:NAME`,
    /// `docker://REF`), as containers/image's alltransports does.
    pub fn parse(input: &str) -> Result<Source, Error> {
        let Some((transport, rest)) = input.split_once(':') else {
            return Err(Error::NoTransport(input.to_string()));
        };
        match transport {
            "containers-storage" => Ok(Source::Storage(rest.to_string())),
            "docker" => {
                let name = rest
                    .strip_prefix("//")
                    .ok_or_else(|| Error::NoSlashes(rest.to_string()))?;
                let r = Reference::parse(name).map_err(|source| Error::BadReference {
                    input: input.to_string(),
                    source,
                })?;
                Ok(Source::Docker(r.with_default_tag()))
            }
            t if KNOWN_TRANSPORTS.contains(&t) => {
                Err(Error::UnsupportedTransport(input.to_string()))
            }
            t => Err(Error::UnknownTransport {
                input: input.to_string(),
                transport: t.to_string(),
            }),
        }
    }
}

/// The signed document: containers/image's "atomic container signature".
pub fn payload(docker_reference: &str, manifest_digest: &Digest, timestamp: i64) -> Vec<u8> {
    let doc = serde_json::json!({
        "critical": {
            "identity": {"docker-reference": docker_reference},
            "image": {"docker-manifest-digest": manifest_digest.to_string()},
            "type": "atomic container signature",
        },
        "optional": {
            "creator": concat!("rpod ", env!("CARGO_PKG_VERSION")),
            "timestamp": timestamp,
        },
    });
    serde_json::to_vec(&doc).expect("JSON values serialise")
}

/// The directory of one image's signatures: `BASE/REPO@ALGO=HEX`.
pub fn signature_dir(base: &Path, repository: &str, digest: &Digest) -> PathBuf {
    base.join(format!(
        "{repository}@{}={}",
        digest.algorithm(),
        digest.hex()
    ))
}

/// The first `signature-N` (from 1) not in `dir`.
pub fn next_signature_file(dir: &Path) -> PathBuf {
    (1..)
        .map(|n| dir.join(format!("signature-{n}")))
        .find(|p| fs_err::symlink_metadata(p).is_err())
        .expect("some number is free")
}

/// Stores `bytes` as the first free `signature-N` of `dir`: written whole
/// under a temporary name, then linked to its name, which fails rather
/// than replace a signature another process stored meanwhile (then the
/// next number is tried). Returns the file.
pub fn store_signature(dir: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let tmp = dir.join(format!(".signature-{}.tmp", std::process::id()));
    crate::store::atomic::write_atomic(&tmp, bytes, 0o644)?;
    let result = loop {
        let file = next_signature_file(dir);
        match fs_err::hard_link(&tmp, &file) {
            Ok(()) => break Ok(file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => break Err(e),
        }
    };
    let _ = fs_err::remove_file(&tmp);
    result
}

/// The installed gpg.
#[derive(Debug, Clone)]
pub struct Gpg {
    program: PathBuf,
}

impl Gpg {
    /// Finds `gpg` (or `gpg2`) in `$PATH`.
    pub fn find() -> Result<Gpg, Error> {
        ["gpg", "gpg2"]
            .iter()
            .find_map(|p| crate::config::storage::find_program(Path::new(p)))
            .map(|program| Gpg { program })
            .ok_or(Error::NoGpg)
    }

    /// The gpg program found.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// Signs `data` with `key` (a fingerprint, key ID or e-mail address),
    /// returning the binary OpenPGP message; `Err` carries gpg's words.
    pub fn sign(&self, key: &str, data: &[u8]) -> Result<Vec<u8>, String> {
        let mut child = Command::new(&self.program)
            .args([
                "--batch",
                "--no-tty",
                "--sign",
                "--local-user",
                key,
                "--output",
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("running {}: {e}", self.program.display()))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // The payload is small: written whole before the output is read.
        let wrote = stdin.write_all(data);
        drop(stdin);
        let out = child
            .wait_with_output()
            .map_err(|e| format!("waiting for {}: {e}", self.program.display()))?;
        if !out.status.success() || out.stdout.is_empty() {
            let text = String::from_utf8_lossy(&out.stderr);
            let text = text.trim();
            return Err(match (text.is_empty(), wrote) {
                (true, Err(e)) => format!("writing to gpg: {e}"),
                (true, Ok(())) => format!("gpg exited with {}", out.status),
                (false, _) => text.lines().collect::<Vec<_>>().join("; "),
            });
        }
        Ok(out.stdout)
    }
}

/// registries.d's lookaside settings for one namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Namespace {
    lookaside: Option<String>,
    lookaside_staging: Option<String>,
}

impl Namespace {
    /// Where to write: the staging location first, then the read one
    /// (`sigstore`/`sigstore-staging` are their older names).
    fn write_location(&self) -> Option<&str> {
        self.lookaside_staging
            .as_deref()
            .or(self.lookaside.as_deref())
            .filter(|s| !s.is_empty())
    }

    /// Where to read: `lookaside` (`sigstore`).
    fn read_location(&self) -> Option<&str> {
        self.lookaside.as_deref().filter(|s| !s.is_empty())
    }

    fn read(map: &crate::compose::yaml::Map) -> Namespace {
        let get = |a: &str, b: &str| {
            map.get(a)
                .or_else(|| map.get(b))
                .and_then(|n| n.as_str())
                .map(str::to_string)
        };
        Namespace {
            lookaside: get("lookaside", "sigstore"),
            lookaside_staging: get("lookaside-staging", "sigstore-staging"),
        }
    }
}

/// The registries.d directory: the user's `~/.config/containers/registries.d`
/// when it exists, else `/etc/containers/registries.d` (containers/image's rule).
pub fn registries_d(home: &Path, system_dir: &Path) -> PathBuf {
    let user = home.join(".config/containers/registries.d");
    if user.exists() {
        user
    } else {
        system_dir.join("registries.d")
    }
}

/// Where signatures of `reference` are written when no `--directory` is
/// given: registries.d's setting for the image, its repository or a parent
/// namespace, else `default-docker`, else podman's built-in default.
/// The result is the base to which [`signature_dir`] adds `REPO@DIGEST`.
pub fn lookaside_base(
    dir: &Path,
    reference: &Reference,
    home: &Path,
    root: bool,
) -> Result<PathBuf, Error> {
    let url = lookaside_url(dir, reference, home, root, true)?;
    match url.strip_prefix("file://") {
        Some(path) => Ok(PathBuf::from(path)),
        None => Err(Error::UnsupportedScheme(url)),
    }
}

/// The lookaside URL of `reference`'s signatures (`file:///…`,
/// `https://…`), as containers/image's registries.d lookup finds it:
/// `write` prefers `lookaside-staging` (`sigstore-staging`), reading takes
/// `lookaside` (`sigstore`); the image, its repository and each parent
/// namespace, then `default-docker`, then the built-in default directory.
pub fn lookaside_url(
    dir: &Path,
    reference: &Reference,
    home: &Path,
    root: bool,
    write: bool,
) -> Result<String, Error> {
    let mut docker: Vec<(String, Namespace)> = Vec::new();
    let mut default = None;
    let files = match fs_err::read_dir(dir) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect();
            files.sort();
            files
        }
        Err(_) => Vec::new(),
    };
    for file in files {
        let bad = |message: String| Error::RegistriesD {
            path: file.clone(),
            message,
        };
        let text = fs_err::read_to_string(&file).map_err(|e| bad(e.to_string()))?;
        let name: std::sync::Arc<str> = file.display().to_string().into();
        let docs =
            crate::compose::yaml::parse_documents(&text, &name).map_err(|e| bad(e.to_string()))?;
        for doc in docs {
            let Some(map) = doc.as_map() else { continue };
            if let Some(d) = map.get("default-docker").and_then(|n| n.as_map()) {
                default = Some(Namespace::read(d));
            }
            if let Some(ns) = map.get("docker").and_then(|n| n.as_map()) {
                for e in ns.iter() {
                    if let Some(m) = e.value.as_map() {
                        docker.push((e.key.clone(), Namespace::read(m)));
                    }
                }
            }
        }
    }
    let location = |ns: &Namespace| {
        if write {
            ns.write_location()
        } else {
            ns.read_location()
        }
        .map(str::to_string)
    };
    // The image itself, then its repository and each parent namespace.
    let mut scopes = vec![reference.to_string(), reference.name()];
    let mut name = reference.name();
    while let Some((parent, _)) = name.rsplit_once('/') {
        scopes.push(parent.to_string());
        name = parent.to_string();
    }
    let configured = scopes
        .iter()
        .find_map(|s| {
            docker
                .iter()
                .find(|(k, _)| k == s)
                .and_then(|(_, ns)| location(ns))
        })
        .or_else(|| default.as_ref().and_then(location));
    Ok(match configured {
        Some(url) => url,
        None if root => "file:///var/lib/containers/sigstore".to_string(),
        None => format!(
            "file://{}",
            home.join(".local/share/containers/sigstore").display()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_containers_image_format() {
        let d: Digest = format!("sha256:{}", "ab".repeat(32)).parse().unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(&payload("quay.io/a/b:1", &d, 42)).unwrap();
        assert_eq!(v["critical"]["type"], "atomic container signature");
        assert_eq!(
            v["critical"]["identity"]["docker-reference"],
            "quay.io/a/b:1"
        );
        assert_eq!(
            v["critical"]["image"]["docker-manifest-digest"],
            d.to_string().as_str()
        );
        assert_eq!(v["optional"]["timestamp"], 42);
        assert_eq!(
            signature_dir(Path::new("/s"), "a/b", &d),
            PathBuf::from(format!("/s/a/b@sha256={}", "ab".repeat(32)))
        );
    }

    #[test]
    fn sources_parse_as_alltransports() {
        assert_eq!(
            Source::parse("containers-storage:quay.io/a/b:1").unwrap(),
            Source::Storage("quay.io/a/b:1".into())
        );
        match Source::parse("docker://alpine").unwrap() {
            Source::Docker(r) => assert_eq!(r.to_string(), "docker.io/library/alpine:latest"),
            other => panic!("{other:?}"),
        }
        let e = Source::parse("alpine").unwrap_err().to_string();
        assert!(
            e.contains("expected colon-separated transport:reference"),
            "{e}"
        );
        let e = Source::parse("docker:alpine").unwrap_err().to_string();
        assert!(
            e.ends_with("docker: image reference alpine does not start with //"),
            "{e}"
        );
        let e = Source::parse("bogus:x").unwrap_err().to_string();
        assert!(e.contains("unknown transport \"bogus\""), "{e}");
        assert!(matches!(
            Source::parse("dir:/tmp/x"),
            Err(Error::UnsupportedTransport(_))
        ));
    }

    #[test]
    fn lookaside_from_registries_d() {
        let dir = tempfile::tempdir().unwrap();
        let r = Reference::parse("quay.io/ns/img:1").unwrap();
        let home = Path::new("/home/u");
        assert_eq!(
            lookaside_base(dir.path(), &r, home, false).unwrap(),
            PathBuf::from("/home/u/.local/share/containers/sigstore")
        );
        assert_eq!(
            lookaside_base(dir.path(), &r, home, true).unwrap(),
            PathBuf::from("/var/lib/containers/sigstore")
        );
        fs_err::write(
            dir.path().join("a.yaml"),
            "default-docker:\n  lookaside: file:///def\ndocker:\n  quay.io/ns:\n    lookaside: https://x/sigs\n    lookaside-staging: file:///stage\n",
        )
        .unwrap();
        assert_eq!(
            lookaside_base(dir.path(), &r, home, false).unwrap(),
            PathBuf::from("/stage")
        );
        let other = Reference::parse("docker.io/library/alpine:1").unwrap();
        assert_eq!(
            lookaside_base(dir.path(), &other, home, false).unwrap(),
            PathBuf::from("/def")
        );
        fs_err::write(
            dir.path().join("b.yaml"),
            "docker:\n  docker.io:\n    lookaside: https://x/sigs\n",
        )
        .unwrap();
        let e = lookaside_base(dir.path(), &other, home, false).unwrap_err();
        assert!(e.to_string().contains("not supported"), "{e}");
        let sig_dir = dir.path().join("sigs");
        fs_err::create_dir_all(&sig_dir).unwrap();
        assert_eq!(next_signature_file(&sig_dir), sig_dir.join("signature-1"));
        fs_err::write(sig_dir.join("signature-1"), "x").unwrap();
        assert_eq!(next_signature_file(&sig_dir), sig_dir.join("signature-2"));
        assert_eq!(
            store_signature(&sig_dir, b"sig").unwrap(),
            sig_dir.join("signature-2")
        );
        assert_eq!(fs_err::read(sig_dir.join("signature-2")).unwrap(), b"sig");
        let names: Vec<_> = fs_err::read_dir(&sig_dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }
}
