//! `push`: to a registry (with retries), or to a file or directory
//! transport (what `save` writes there).

use std::path::PathBuf;

use super::{ImageIoError, SaveTarget};
use crate::engine::Engine;
use crate::error::Result;
use crate::events::Status;
use crate::image::archive::{self, save};
use crate::image::pull::PullReporter;
use crate::image::{push, ImageRecord};
use crate::layer::Compression;
use crate::store::LockMode;

/// What `push` was asked for.
#[derive(Debug, Clone, Default)]
pub struct PushRequest {
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds`.
    pub credentials: Option<crate::config::Credentials>,
    /// `--authfile`.
    pub auth_file: Option<PathBuf>,
    /// `--cert-dir`.
    pub cert_dir: Option<PathBuf>,
    /// `--retry` (containers.conf's, else 3).
    pub retry: Option<u32>,
    /// `--retry-delay`.
    pub retry_delay: Option<std::time::Duration>,
    /// `--format` (`oci`, `v2s2`); the image's own when `None`.
    pub format: Option<push::ManifestFormat>,
    /// `--compression-format` (containers.conf's `engine.compression_format`,
    /// else gzip): one of [`crate::config::COMPRESSION_FORMATS`].
    pub compression_format: Option<String>,
    /// `--compression-level` (gzip 1 to 9, zstd 1 to 20; containers.conf's
    /// `engine.compression_level`, else the format's default).
    pub compression_level: Option<i32>,
    /// `--sign-by`: the gpg key that signs the pushed manifest (a simple
    /// signature, stored in registries.d's lookaside staging location).
    pub sign_by: Option<String>,
}

impl Engine {
    /// The local names (`REPO:TAG`) in the repository `repo` names (no tag
    /// or digest allowed), for `push --all-tags`; a short name matches
    /// a repository of that name in any registry (`localhost/` first).
    pub fn repository_tags(&self, repo: &str) -> Result<Vec<String>> {
        let r = crate::reference::Reference::parse(repo).map_err(|source| {
            ImageIoError::InvalidRepository {
                repo: repo.to_string(),
                source,
            }
        })?;
        if r.tag().is_some() || r.digest().is_some() {
            return Err(ImageIoError::TagWithAllTags.into());
        }
        let short = crate::reference::Reference::is_short_name(repo);
        let mut out: Vec<String> = Vec::new();
        for image in self.images()? {
            for n in &image.names {
                let Ok(parsed) = crate::reference::Reference::parse(n) else {
                    continue;
                };
                if parsed.tag().is_none() {
                    continue;
                }
                let same = parsed.name() == r.name()
                    || (short && parsed.name().ends_with(&format!("/{repo}")));
                if same && !out.iter().any(|o| o == n) {
                    out.push(n.clone());
                }
            }
        }
        if out.is_empty() {
            return Err(ImageIoError::NoTaggedImage(repo.to_string()).into());
        }
        out.sort();
        Ok(out)
    }

    /// `push` to `docker-archive:`, `oci-archive:`, `oci:` or `dir:` PATH:
    /// what `save --format` writes there, under the name `source` gives
    /// (none when it is an ID), with a `push` event; returns the image's
    /// digest.
    fn push_to_path(
        &self,
        source: &str,
        record: &ImageRecord,
        dest: &str,
        format: archive::Format,
        path: &str,
        reporter: &dyn PullReporter,
    ) -> Result<crate::digest::Digest> {
        if path.is_empty() {
            return Err(ImageIoError::NoPushPath(dest.to_string()).into());
        }
        let index = self.index()?;
        let found = index.find(source, self.registries.search_registries())?;
        let images = [save::SaveImage {
            record: record.clone(),
            names: found.name.into_iter().collect(),
        }];
        let opts = save::SaveOptions {
            format,
            ..Default::default()
        };
        self.write_saved(
            &images,
            &opts,
            SaveTarget::Path(PathBuf::from(path)),
            reporter,
        )?;
        self.event_image(Status::Push, &record.id, dest);
        Ok(record.digest.clone())
    }

    /// Pushes the image `source` to `destination` (a full reference, the
    /// image's own name when `None`; `docker://` is accepted); returns the
    /// manifest's digest.
    pub fn push_image(
        &self,
        source: &str,
        destination: Option<&str>,
        req: PushRequest,
        reporter: &dyn PullReporter,
    ) -> Result<crate::digest::Digest> {
        let record = self.find_image(source)?;
        let dest = destination.unwrap_or(source);
        let dest = dest.strip_prefix("docker://").unwrap_or(dest);
        if let Some((transport, path)) = dest.split_once(':') {
            let format = match transport {
                "docker-archive" => Some(archive::Format::DockerArchive),
                "oci-archive" => Some(archive::Format::OciArchive),
                "oci" => Some(archive::Format::OciDir),
                "dir" => Some(archive::Format::DockerDir),
                _ => None,
            };
            if let Some(format) = format {
                return self.push_to_path(source, &record, dest, format, path, reporter);
            }
            if transport == "containers-storage" {
                return Err(ImageIoError::PushToStorage.into());
            }
        }
        let reference = crate::reference::Reference::parse(dest).map_err(|source| {
            ImageIoError::InvalidDestination {
                dest: dest.to_string(),
                source,
            }
        })?;
        if crate::reference::Reference::is_short_name(dest) {
            return Err(ImageIoError::ShortDestination(dest.to_string()).into());
        }
        let reference = reference.with_default_tag();
        // Found before anything is sent, as podman's signer is.
        let gpg = match &req.sign_by {
            Some(_) => Some(crate::image::sign::Gpg::find()?),
            None => None,
        };
        let tag_or_digest = match (reference.digest(), reference.tag()) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.to_string(),
            (None, None) => "latest".to_string(),
        };
        let endpoint = self
            .registries
            .endpoints(&reference)?
            .into_iter()
            .find(|e| !e.mirror)
            .ok_or_else(|| ImageIoError::NoRegistry(dest.to_string()))?;
        let client =
            self.checked_client(req.tls_verify, req.credentials, req.auth_file, req.cert_dir)?;
        let (conf_count, conf_delay) = self.containers_conf.retry();
        let retry = crate::registry::Retry {
            count: req.retry.or(conf_count).unwrap_or(3),
            delay: req.retry_delay.or(conf_delay),
        };
        let format = req
            .compression_format
            .as_deref()
            .or(self.containers_conf.compression_format());
        let compression = if format.is_some_and(|f| f.starts_with("zstd")) {
            Compression::Zstd
        } else {
            Compression::Gzip
        };
        let level = req
            .compression_level
            .or(self.containers_conf.compression_level());
        if let Some(level) = level {
            crate::image::blobs::check_level(compression, level).map_err(ImageIoError::from)?;
        }
        let opts = push::PushOptions {
            format: req.format,
            compression,
            level,
        };
        // Layers hold subordinate ids: read them as root of rpod's namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let name = reference.to_string();
        let mut retries = 0;
        loop {
            match push::push(
                &self.store,
                &client,
                &record,
                &endpoint,
                &name,
                &tag_or_digest,
                &opts,
                reporter,
            ) {
                Err(e) if e.is_retryable() && retries < retry.count => {
                    retries += 1;
                    let delay = retry.delay_before(retries);
                    reporter.event(crate::image::pull::PullEvent::Warning(format!(
                        "Failed, retrying in {:?} ... ({retries}/{}). Error: {e}",
                        delay, retry.count
                    )));
                    std::thread::sleep(delay);
                }
                Err(e) => return Err(e.into()),
                Ok(d) => {
                    if let (Some(gpg), Some(key)) = (&gpg, &req.sign_by) {
                        self.sign_pushed(gpg, key, &reference, &d, reporter)?;
                    }
                    self.event_image(Status::Push, &record.id, &name);
                    return Ok(d);
                }
            }
        }
    }
}
