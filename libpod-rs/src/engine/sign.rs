//! `image sign`: finds the manifest to sign (in the store or a registry),
//! has gpg sign its payload, and stores the signature (see
//! [`crate::image::sign`] for the format and the layout).

use std::path::PathBuf;

use super::Engine;
use crate::digest::Digest;
use crate::error::Result;
use crate::image::sign::{self, Error, Gpg, Source};
use crate::reference::Reference;
use crate::registry::manifest::{self, Manifest};

/// `image sign`'s options.
#[derive(Debug, Clone, Default)]
pub struct SignRequest {
    /// `--sign-by`: the gpg key (fingerprint, key ID or e-mail address).
    pub sign_by: String,
    /// `--directory`: where to store signatures instead of registries.d's lookaside.
    pub directory: Option<PathBuf>,
    /// `--all`: sign every image of a manifest list.
    pub all: bool,
    /// `--cert-dir`: certificates for the registry (docker://).
    pub cert_dir: Option<PathBuf>,
    /// `--authfile`: credentials for the registry (docker://).
    pub auth_file: Option<PathBuf>,
}

impl Engine {
    /// Signs each image (`containers-storage:NAME` or `docker://REF`) and
    /// returns the signature files written, in order. Stops at the first
    /// failure, as podman does.
    pub fn sign_images(&self, inputs: &[String], req: &SignRequest) -> Result<Vec<PathBuf>> {
        crate::config::AuthStore::new(&self.paths, req.auth_file.clone()).check_explicit()?;
        if req.sign_by.is_empty() {
            return Err(Error::NoIdentity.into());
        }
        if let Some(dir) = &req.directory {
            if let Err(e) = fs_err::metadata(dir) {
                let message = crate::sys::os_code(&e).map_or_else(
                    || crate::sys::os_text(&e),
                    |c| crate::config::errno_text(nix::errno::Errno::from_raw(c)),
                );
                return Err(Error::Directory {
                    path: dir.clone(),
                    message,
                }
                .into());
            }
        }
        let gpg = Gpg::find()?;
        let mut written = Vec::new();
        for input in inputs {
            let source = Source::parse(input)?;
            // The docker reference, the top manifest and its media type.
            let (reference, top, media_type) = match &source {
                Source::Storage(name) => self.stored_manifest(input, name)?,
                Source::Docker(r) => self.registry_manifest(r, req)?,
            };
            let base = match &req.directory {
                Some(dir) => dir.clone(),
                None => {
                    let dir = sign::registries_d(&self.paths.home, &self.paths.system_dir);
                    let root = !self.rootless;
                    match &source {
                        Source::Docker(_) => {
                            sign::lookaside_base(&dir, &reference, &self.paths.home, root)?
                        }
                        // containers/image's rule: only docker:// has a lookaside.
                        Source::Storage(_) => {
                            return Err(Error::NeedsDirectory(input.clone()).into())
                        }
                    }
                }
            };
            let digests: Vec<Digest> = if req.all {
                match manifest::parse(&top, &media_type)? {
                    Manifest::Index(index) => index
                        .manifests()
                        .iter()
                        .filter_map(|d| d.digest().to_string().parse().ok())
                        .collect(),
                    Manifest::Image(_) => {
                        return Err(Error::NotMultiArch {
                            input: input.clone(),
                            media_type,
                        }
                        .into())
                    }
                }
            } else {
                vec![Digest::sha256_of(&top)]
            };
            for digest in digests {
                written.push(self.put_signature(&gpg, &reference, &digest, &base, &req.sign_by)?);
            }
        }
        Ok(written)
    }

    /// A stored image's manifest and the name it is signed as.
    fn stored_manifest(&self, input: &str, name: &str) -> Result<(Reference, Vec<u8>, String)> {
        let index = self.index()?;
        let found = index.find(name, self.registries.search_registries())?;
        let record = &index.images[found.index];
        let full = found
            .name
            .ok_or_else(|| Error::NoDockerReference(input.to_string()))?;
        let reference = Reference::parse(&full).map_err(|source| Error::BadReference {
            input: input.to_string(),
            source,
        })?;
        let bytes = self.store.get_blob(&record.manifest_digest)?;
        Ok((reference, bytes, record.manifest_type.clone()))
    }

    /// A registry's manifest (or manifest list) for `reference`.
    fn registry_manifest(
        &self,
        reference: &Reference,
        req: &SignRequest,
    ) -> Result<(Reference, Vec<u8>, String)> {
        let client = self.client(None, None, req.auth_file.clone(), req.cert_dir.clone())?;
        let tag_or_digest = match (reference.digest(), reference.tag()) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.to_string(),
            (None, None) => "latest".to_string(),
        };
        let mut last = None;
        for endpoint in self.registries.endpoints(reference)? {
            match client.get_manifest(&endpoint, &tag_or_digest, None) {
                Ok(m) => return Ok((reference.clone(), m.bytes, m.media_type)),
                Err(e) => last = Some(e),
            }
        }
        Err(last
            .map(Into::into)
            .unwrap_or_else(|| Error::NoDockerReference(reference.to_string()).into()))
    }

    /// `push --sign-by`: signs the pushed manifest as `reference` and
    /// stores the signature where registries.d's lookaside staging
    /// location says, as containers/image does: it becomes `signature-1`
    /// (rpod keeps no signatures with stored images, so there are none to
    /// carry over) and any later numbers there are removed.
    pub(crate) fn sign_pushed(
        &self,
        gpg: &Gpg,
        key: &str,
        reference: &Reference,
        digest: &Digest,
        reporter: &dyn crate::image::pull::PullReporter,
    ) -> Result<PathBuf> {
        use crate::image::pull::PullEvent;
        reporter.event(PullEvent::Note(
            "Creating signature: Signing image using simple signing".into(),
        ));
        let dir = sign::registries_d(&self.paths.home, &self.paths.system_dir);
        let base = sign::lookaside_base(&dir, reference, &self.paths.home, !self.rootless)?;
        let identity = reference.to_string();
        let payload = sign::payload(&identity, digest, chrono::Utc::now().timestamp());
        let signature = gpg.sign(key, &payload).map_err(|message| Error::Gpg {
            reference: identity.clone(),
            digest: digest.clone(),
            message,
        })?;
        reporter.event(PullEvent::Note("Storing signatures".into()));
        let write_error = |op, path: &std::path::Path, source| Error::Write {
            reference: identity.clone(),
            digest: digest.clone(),
            op,
            path: path.to_path_buf(),
            source,
        };
        let sig_dir = sign::signature_dir(&base, reference.path(), digest);
        fs_err::create_dir_all(&sig_dir).map_err(|e| write_error("creating", &sig_dir, e))?;
        let first = sig_dir.join("signature-1");
        crate::store::atomic::write_atomic(&first, &signature, 0o644)
            .map_err(|e| write_error("writing", &first, e))?;
        for n in 2.. {
            let later = sig_dir.join(format!("signature-{n}"));
            match fs_err::remove_file(&later) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                Err(e) => return Err(write_error("removing", &later, e).into()),
            }
        }
        Ok(first)
    }

    /// Signs one manifest digest and writes `BASE/REPO@DIGEST/signature-N`.
    fn put_signature(
        &self,
        gpg: &Gpg,
        reference: &Reference,
        digest: &Digest,
        base: &std::path::Path,
        key: &str,
    ) -> Result<PathBuf> {
        let identity = reference.to_string();
        let payload = sign::payload(&identity, digest, chrono::Utc::now().timestamp());
        let signature = gpg.sign(key, &payload).map_err(|message| Error::Gpg {
            reference: identity.clone(),
            digest: digest.clone(),
            message,
        })?;
        let write_error = |op, path: &std::path::Path, source| Error::Write {
            reference: identity.clone(),
            digest: digest.clone(),
            op,
            path: path.to_path_buf(),
            source,
        };
        let dir = sign::signature_dir(base, reference.path(), digest);
        fs_err::create_dir_all(&dir).map_err(|e| write_error("creating", &dir, e))?;
        Ok(sign::store_signature(&dir, &signature)
            .map_err(|e| write_error("writing in", &dir, e))?)
    }
}
