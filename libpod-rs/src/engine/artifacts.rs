//! The `artifact` verbs: the artifact store under the graph root, and
//! pushes and pulls with the registry options of `push` and `pull`.

use std::path::{Path, PathBuf};

use super::Engine;
use crate::artifact::{self, extract, transfer, AddFile, AddOptions, Artifact, Layout};
use crate::config::Credentials;
use crate::container::plan::ArtifactMountFacts;
use crate::digest::Digest;
use crate::error::Result;
use crate::image::pull::{PullEvent, PullReporter};
use crate::reference::Reference;
use crate::spec::MountSource;

/// Whether `path` (absolute, in the container) is a directory in the
/// image whose layers are `layers` (top first): the topmost layer that has
/// it decides; `None` when none has it.
fn image_entry_is_dir(layers: &[PathBuf], path: &Path) -> Option<bool> {
    let rel = path.strip_prefix("/").unwrap_or(path);
    layers.iter().find_map(|layer| {
        fs_err::symlink_metadata(layer.join(rel))
            .ok()
            .map(|md| md.is_dir())
    })
}

/// The registry options of `artifact push` and `artifact pull`.
#[derive(Debug, Clone, Default)]
pub struct ArtifactTransfer {
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds`.
    pub credentials: Option<Credentials>,
    /// `--authfile`.
    pub auth_file: Option<PathBuf>,
    /// `--cert-dir`.
    pub cert_dir: Option<PathBuf>,
    /// `--retry` (containers.conf's, else 3).
    pub retry: Option<u32>,
    /// `--retry-delay`.
    pub retry_delay: Option<std::time::Duration>,
    /// `artifact push --sign-by`: the gpg key that signs the pushed
    /// manifest (stored as `push --sign-by` stores it).
    pub sign_by: Option<String>,
}

impl Engine {
    /// The registry client of `artifact push` and `artifact pull`.
    fn artifact_client(&self, opts: &ArtifactTransfer) -> Result<crate::registry::Client> {
        self.checked_client(
            opts.tls_verify,
            opts.credentials.clone(),
            opts.auth_file.clone(),
            opts.cert_dir.clone(),
        )
    }

    /// The artifact store (`<graph root>/artifacts`, as podman's).
    fn artifact_store(&self) -> Result<Layout> {
        Ok(Layout::open(&self.store.root().join("artifacts"))?)
    }

    /// `artifact add`: stores `files` as the artifact `name`; returns its digest.
    pub fn add_artifact(&self, name: &str, files: &[PathBuf], opts: &AddOptions) -> Result<Digest> {
        let files: Vec<AddFile> = files
            .iter()
            .map(|p| AddFile {
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string()),
                path: p.clone(),
            })
            .collect();
        Ok(self.artifact_store()?.add(name, &files, opts)?)
    }

    /// Every artifact.
    pub fn artifacts(&self) -> Result<Vec<Artifact>> {
        Ok(self.artifact_store()?.list()?)
    }

    /// The artifact a name or digest (prefix) names.
    pub fn artifact(&self, name_or_digest: &str) -> Result<Artifact> {
        Ok(self.artifact_store()?.find(name_or_digest)?)
    }

    /// `artifact rm`: removes one artifact; returns its digest.
    pub fn remove_artifact(&self, name_or_digest: &str) -> Result<Digest> {
        if name_or_digest.is_empty() {
            return Err(artifact::Error::EmptyName.into());
        }
        Ok(self.artifact_store()?.remove(name_or_digest)?)
    }

    /// `artifact extract`: an artifact's files to `target`.
    pub fn extract_artifact(
        &self,
        name_or_digest: &str,
        target: &Path,
        filter: &extract::Filter,
    ) -> Result<()> {
        let store = self.artifact_store()?;
        Ok(extract::extract(&store, name_or_digest, target, filter)?)
    }

    /// The files of `spec`'s artifact mounts, each at its path in the
    /// container, as podman places them: on the destination itself when
    /// it is a file in the image (or is missing and there is one file),
    /// else under it by title (or `name=`, with `-N` for several).
    pub(crate) fn artifact_mount_facts(
        &self,
        spec: &crate::spec::ContainerSpec,
        layers: &[PathBuf],
    ) -> Result<Vec<ArtifactMountFacts>> {
        let mut out = Vec::new();
        for m in &spec.mounts {
            let MountSource::Artifact {
                artifact,
                title,
                digest,
                name,
            } = &m.source
            else {
                continue;
            };
            let filter = extract::Filter {
                digest: digest.clone().unwrap_or_default(),
                title: title.clone().unwrap_or_default(),
            };
            let files = extract::mount_files(&self.artifact_store()?, artifact, &filter)?;
            let dest = &m.destination;
            let dest_is_file = match image_entry_is_dir(layers, dest) {
                Some(is_dir) => !is_dir,
                None => files.len() == 1,
            };
            if dest_is_file && files.len() > 1 {
                return Err(artifact::Error::SeveralBlobsOnFile {
                    artifact: artifact.clone(),
                    path: dest.display().to_string(),
                }
                .into());
            }
            let several = files.len() > 1;
            let files = files
                .into_iter()
                .enumerate()
                .map(|(i, (source, title))| {
                    let at = if dest_is_file {
                        dest.clone()
                    } else {
                        let file = match name {
                            Some(n) if several => format!("{n}-{i}"),
                            Some(n) => n.clone(),
                            None => title,
                        };
                        dest.join(file)
                    };
                    (source, at)
                })
                .collect();
            out.push(ArtifactMountFacts {
                destination: dest.clone(),
                files,
            });
        }
        Ok(out)
    }

    /// The registry reference of an artifact name, its endpoints and its
    /// tag (`latest` when it has none) or digest.
    fn artifact_remote(&self, name: &str) -> Result<(Reference, String)> {
        let name = name.strip_prefix("docker://").unwrap_or(name);
        let reference = Reference::parse(name)?;
        let tag_or_digest = match (reference.digest(), reference.tag()) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.to_string(),
            (None, None) => "latest".to_string(),
        };
        Ok((reference, tag_or_digest))
    }

    /// Runs `attempt` up to `--retry` more times while it fails with a network fault.
    fn with_retries<T>(
        &self,
        opts: &ArtifactTransfer,
        reporter: &dyn PullReporter,
        attempt: impl Fn() -> std::result::Result<T, artifact::Error>,
    ) -> Result<T> {
        let (conf_count, conf_delay) = self.containers_conf.retry();
        let retry = crate::registry::Retry {
            count: opts.retry.or(conf_count).unwrap_or(3),
            delay: opts.retry_delay.or(conf_delay),
        };
        let mut retries = 0;
        loop {
            match attempt() {
                Err(e) if e.is_retryable() && retries < retry.count => {
                    retries += 1;
                    let delay = retry.delay_before(retries);
                    reporter.event(PullEvent::Warning(format!(
                        "Failed, retrying in {:?} ... ({retries}/{}). Error: {e}",
                        delay, retry.count
                    )));
                    std::thread::sleep(delay);
                }
                other => return Ok(other?),
            }
        }
    }

    /// `artifact push`: the artifact `name` to the registry its name
    /// gives; returns the manifest's digest.
    pub fn push_artifact(
        &self,
        name: &str,
        opts: &ArtifactTransfer,
        reporter: &dyn PullReporter,
    ) -> Result<Digest> {
        let store = self.artifact_store()?;
        // The artifact first: a missing one fails before any request.
        store.find(name)?;
        let (reference, tag_or_digest) = self.artifact_remote(name)?;
        let endpoint = self
            .registries
            .endpoints(&reference)?
            .into_iter()
            .find(|e| !e.mirror)
            .ok_or_else(|| crate::engine::ImageIoError::NoRegistry(name.to_string()))?;
        let client = self.artifact_client(opts)?;
        let gpg = match &opts.sign_by {
            Some(_) => Some(crate::image::sign::Gpg::find()?),
            None => None,
        };
        let shown = reference.to_string();
        let digest = self.with_retries(opts, reporter, || {
            transfer::push(
                &store,
                &client,
                &endpoint,
                name,
                &shown,
                &tag_or_digest,
                reporter,
            )
        })?;
        if let (Some(gpg), Some(key)) = (&gpg, &opts.sign_by) {
            self.sign_pushed(gpg, key, &reference, &digest, reporter)?;
        }
        Ok(digest)
    }

    /// `artifact pull`: the artifact `name` from its registry into the
    /// store, under that name; returns the manifest's digest.
    pub fn pull_artifact(
        &self,
        name: &str,
        opts: &ArtifactTransfer,
        reporter: &dyn PullReporter,
    ) -> Result<Digest> {
        if name.is_empty() {
            return Err(artifact::Error::EmptyName.into());
        }
        let store = self.artifact_store()?;
        let (reference, tag_or_digest) = self.artifact_remote(name)?;
        let endpoints = self.registries.endpoints(&reference)?;
        let client = self.artifact_client(opts)?;
        let shown = reference.to_string();
        self.with_retries(opts, reporter, || {
            transfer::pull(
                &store,
                &client,
                &endpoints,
                name,
                &shown,
                &tag_or_digest,
                reporter,
            )
        })
    }
}
