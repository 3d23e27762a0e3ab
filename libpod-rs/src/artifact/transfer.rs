//! `artifact push` and `artifact pull`: an artifact's manifest, config
//! and files to or from an OCI distribution registry, through rpod's
//! registry client (its auth, TLS and timeouts). Blobs the registry has
//! already (HEAD) are not sent; blobs the store has already are not
//! fetched; the manifest goes last, as for images. A pull stores the
//! manifest's bytes as the registry served them, so the digest stays.

use std::io::Read;

use super::{Error, Layout, Manifest, MEDIA_TYPE_INDEX, MEDIA_TYPE_MANIFEST};
use crate::config::Endpoint;
use crate::digest::Digest;
use crate::image::pull::{PullEvent, PullReporter};
use crate::registry::Client;
use crate::store::LockMode;

/// Pushes the artifact `name` of `layout` to `ep` under `tag_or_digest`;
/// returns the manifest's digest. `reference` names the destination in errors.
pub fn push(
    layout: &Layout,
    client: &Client,
    ep: &Endpoint,
    name: &str,
    reference: &str,
    tag_or_digest: &str,
    reporter: &dyn PullReporter,
) -> Result<Digest, Error> {
    let reg = |source| Error::Registry {
        reference: reference.to_string(),
        source,
    };
    let _lock = layout.lock(LockMode::Shared)?;
    let artifact = layout.find_locked(name)?;
    let manifest_path = layout.blob_path(&artifact.digest);
    let bytes = fs_err::read(&manifest_path).map_err(super::io_err("reading", &manifest_path))?;
    let blobs = artifact
        .manifest
        .layers
        .iter()
        .chain(std::iter::once(&artifact.manifest.config));
    for desc in blobs {
        let is_config = desc.digest == artifact.manifest.config.digest;
        if client.blob_exists(ep, &desc.digest).map_err(reg)? {
            if !is_config {
                reporter.event(PullEvent::BlobDone {
                    digest: desc.digest.clone(),
                    skipped: true,
                });
            }
        } else {
            if !is_config {
                reporter.event(PullEvent::BlobStart {
                    digest: desc.digest.clone(),
                    size: desc.size,
                });
            }
            let path = layout.blob_path(&desc.digest);
            let open = || -> std::io::Result<Box<dyn Read + Send>> {
                Ok(Box::new(fs_err::File::open(&path)?))
            };
            client
                .upload_blob(ep, &desc.digest, desc.size, None, &open)
                .map_err(reg)?;
            if !is_config {
                reporter.event(PullEvent::BlobDone {
                    digest: desc.digest.clone(),
                    skipped: false,
                });
            }
        }
    }
    reporter.event(PullEvent::Config(artifact.manifest.config.digest.clone()));
    reporter.event(PullEvent::Writing);
    let media_type = if artifact.manifest.media_type.is_empty() {
        MEDIA_TYPE_MANIFEST
    } else {
        artifact.manifest.media_type.as_str()
    };
    client
        .put_manifest(ep, tag_or_digest, &bytes, media_type)
        .map_err(reg)?;
    Ok(Digest::sha256_of(&bytes))
}

/// Pulls `reference` (at `tag_or_digest`) from the first of `endpoints`
/// that has it and stores it as the artifact `name`; returns the
/// manifest's digest.
pub fn pull(
    layout: &Layout,
    client: &Client,
    endpoints: &[Endpoint],
    name: &str,
    reference: &str,
    tag_or_digest: &str,
    reporter: &dyn PullReporter,
) -> Result<Digest, Error> {
    let reg = |source| Error::Registry {
        reference: reference.to_string(),
        source,
    };
    let mut last = None;
    let mut fetched = None;
    for ep in endpoints {
        match client.get_manifest(ep, tag_or_digest, None) {
            Ok(m) => {
                fetched = Some((ep, m));
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let (ep, fetched) = match (fetched, last) {
        (Some(f), _) => f,
        (None, Some(e)) => return Err(reg(e)),
        (None, None) => {
            return Err(Error::NotExist(reference.to_string()));
        }
    };
    let is_index = fetched.media_type == MEDIA_TYPE_INDEX
        || fetched.media_type.contains("manifest.list")
        || serde_json::from_slice::<serde_json::Value>(&fetched.bytes)
            .ok()
            .is_some_and(|v| v.get("manifests").is_some());
    if is_index {
        return Err(Error::IndexList(reference.to_string()));
    }
    let manifest: Manifest =
        serde_json::from_slice(&fetched.bytes).map_err(|source| Error::BadManifest {
            what: reference.to_string(),
            source,
        })?;
    let _lock = layout.lock(LockMode::Exclusive)?;
    let blobs = manifest
        .layers
        .iter()
        .chain(std::iter::once(&manifest.config));
    for desc in blobs {
        let is_config = desc.digest == manifest.config.digest;
        if layout.blob_path(&desc.digest).exists() {
            if !is_config {
                reporter.event(PullEvent::BlobDone {
                    digest: desc.digest.clone(),
                    skipped: true,
                });
            }
            continue;
        }
        if !is_config {
            reporter.event(PullEvent::BlobStart {
                digest: desc.digest.clone(),
                size: desc.size,
            });
        }
        let mut blob = client.get_blob(ep, &desc.digest, desc.size).map_err(reg)?;
        let what = format!("fetching blob {} from {reference}", desc.digest);
        layout.put_blob(&mut blob.reader, Some(&desc.digest), &what)?;
        if !is_config {
            reporter.event(PullEvent::BlobDone {
                digest: desc.digest.clone(),
                skipped: false,
            });
        }
    }
    reporter.event(PullEvent::Config(manifest.config.digest.clone()));
    reporter.event(PullEvent::Writing);
    let media_type = if manifest.media_type.is_empty() {
        MEDIA_TYPE_MANIFEST
    } else {
        manifest.media_type.as_str()
    };
    layout.commit_locked(name, &fetched.bytes, media_type)
}
