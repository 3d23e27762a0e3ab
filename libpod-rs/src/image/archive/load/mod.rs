//! `load`: images from an archive or a directory of any of the four
//! formats into the store.
//!
//! The input is a seekable tar file (the caller spools a stream, and
//! decompresses gzip, zstd, xz or bzip2, first) or a directory. A tar is indexed
//! once (entry names to offsets), then read where its entries lie, in any
//! order: Docker and podman write `manifest.json` last. Every config,
//! manifest and layer is checked against its digest (and each layer
//! against its diff id) while it is read; layers are unpacked into scratch
//! directories and renamed into place only when they check out, several at
//! once; the image records are written last, all together, and only when
//! every image of the archive is complete. A bad or truncated archive
//! leaves no image behind (layers it unpacked before the failure are
//! unreferenced, for the next garbage collection).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::digest::Digest;
use crate::image::archive::Error;
use crate::image::blobs;
use crate::image::pull::{PullEvent, PullReporter};
use crate::image::{author, ImageIndex, ImageRecord, LayerRef};
use crate::store::{LockMode, Store};

mod bundle;
mod formats;
mod ingest;

use bundle::{Bundle, DirBundle, TarBundle};
use formats::{plan_dir, plan_docker_archive, plan_oci, PlannedImage, PlannedLayer};
use ingest::{ingest_layer, IngestedLayer};

/// Where the images are read from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A tar file (uncompressed, seekable).
    Tar(PathBuf),
    /// A directory (oci-dir or docker-dir).
    Dir(PathBuf),
}

/// How to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Whether layers are unpacked in a user namespace.
    pub rootless: bool,
    /// How many layers to unpack at once.
    pub parallel: usize,
}

/// One loaded image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// Its ID.
    pub id: String,
    /// The names it got (full names).
    pub names: Vec<String>,
}

fn detect(input: &Input) -> Result<(Box<dyn Bundle>, Vec<PlannedImage>), Error> {
    match input {
        Input::Dir(dir) => {
            let b = DirBundle { root: dir.clone() };
            let plan = if b.has("index.json") {
                plan_oci(&b)
            } else if b.has("manifest.json") {
                plan_dir(&b)
            } else {
                return Err(Error::UnknownFormat(vec![
                    format!("oci-dir: {}: no index.json", dir.display()),
                    format!("docker-dir: {}: no manifest.json", dir.display()),
                ]));
            }?;
            Ok((Box::new(b), plan))
        }
        Input::Tar(path) => {
            let b = match TarBundle::index(path) {
                Ok(b) => b,
                Err(e) => {
                    return Err(Error::UnknownFormat(vec![
                        format!("oci-archive: reading the tar archive: {e}"),
                        format!("docker-archive: reading the tar archive: {e}"),
                    ]))
                }
            };
            let plan = if b.has("manifest.json") {
                plan_docker_archive(&b)
            } else if b.has("index.json") {
                plan_oci(&b)
            } else {
                return Err(Error::UnknownFormat(vec![
                    "oci-archive: no index.json in the archive".into(),
                    "docker-archive: no manifest.json in the archive".into(),
                ]));
            }?;
            Ok((Box::new(b), plan))
        }
    }
}

/// Loads every image of `input` into the store (the caller holds `gc`
/// shared); returns them in the archive's order.
pub fn load(
    store: &Store,
    input: &Input,
    opts: &LoadOptions,
    reporter: &dyn PullReporter,
) -> Result<Vec<Loaded>, Error> {
    let (bundle, plan) = detect(input)?;
    if plan.is_empty() {
        return Err(Error::Invalid("the archive holds no image".into()));
    }
    // Each distinct layer once, several at a time.
    let mut unique: Vec<&PlannedLayer> = Vec::new();
    for img in &plan {
        for l in &img.layers {
            if !unique
                .iter()
                .any(|u| u.diff_id == l.diff_id && u.path == l.path)
            {
                unique.push(l);
            }
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<IngestedLayer, Error>>>> =
        Mutex::new(unique.iter().map(|_| None).collect());
    let workers = opts.parallel.clamp(1, unique.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= unique.len() {
                    break;
                }
                let r = ingest_layer(store, bundle.as_ref(), unique[i], opts, reporter);
                let failed = r.is_err();
                results.lock().expect("no worker panics")[i] = Some(r);
                if failed {
                    next.store(unique.len(), Ordering::SeqCst);
                }
            });
        }
    });
    let mut ingested: HashMap<(Digest, String), IngestedLayer> = HashMap::new();
    for (l, r) in unique
        .iter()
        .zip(results.into_inner().expect("no worker panics"))
    {
        match r {
            Some(r) => {
                ingested.insert((l.diff_id.clone(), l.path.clone()), r?);
            }
            None => continue,
        }
    }
    let mut records = Vec::new();
    for img in &plan {
        let mut refs = Vec::new();
        for l in &img.layers {
            let got = ingested
                .get(&(l.diff_id.clone(), l.path.clone()))
                .ok_or_else(|| Error::Invalid(format!("layer {} was not loaded", l.path)))?;
            let media_type = match &l.media_type {
                Some(t) => t.clone(),
                None => {
                    blobs::layer_media_type(img.manifest.is_some(), got.compression).to_string()
                }
            };
            refs.push((
                LayerRef {
                    diff_id: l.diff_id.clone(),
                    digest: got.digest.clone(),
                    media_type,
                    size: got.size,
                },
                got.blob_size,
            ));
        }
        let config_digest = Digest::sha256_of(&img.config);
        let (manifest, manifest_type) = match &img.manifest {
            Some((bytes, t)) => (bytes.clone(), t.clone()),
            None => {
                let m = json!({
                    "schemaVersion": 2,
                    "mediaType": author::DOCKER_MANIFEST,
                    "config": {
                        "mediaType": super::DOCKER_CONFIG,
                        "digest": config_digest.to_string(),
                        "size": img.config.len(),
                    },
                    "layers": refs.iter().map(|(l, blob_size)| json!({
                        "mediaType": l.media_type,
                        "digest": l.digest.to_string(),
                        "size": blob_size,
                    })).collect::<Vec<_>>(),
                });
                (
                    serde_json::to_vec(&m).expect("manifests serialise"),
                    author::DOCKER_MANIFEST.to_string(),
                )
            }
        };
        let manifest_digest = Digest::sha256_of(&manifest);
        store.put_blob(&config_digest, &img.config)?;
        store.put_blob(&manifest_digest, &manifest)?;
        reporter.event(PullEvent::Config(config_digest.clone()));
        let cfg: Value = serde_json::from_slice(&img.config).unwrap_or(Value::Null);
        records.push(ImageRecord {
            id: config_digest.hex().to_string(),
            names: img.names.clone(),
            digest: manifest_digest.clone(),
            manifest_digest,
            manifest_type,
            repo_digests: Vec::new(),
            layers: refs.into_iter().map(|(l, _)| l).collect(),
            created: cfg["created"]
                .as_str()
                .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
                .map(|c| c.with_timezone(&Utc)),
            pulled: Utc::now(),
            architecture: cfg["architecture"].as_str().unwrap_or("amd64").to_string(),
            os: cfg["os"].as_str().unwrap_or("linux").to_string(),
            read_only: false,
        });
    }
    reporter.event(PullEvent::Writing);
    let _lock = store.lock("store", LockMode::Exclusive)?;
    let mut index: ImageIndex = store.read_record("images.json")?;
    let mut out = Vec::new();
    for r in records {
        out.push(Loaded {
            id: r.id.clone(),
            names: r.names.clone(),
        });
        index.insert(r);
    }
    store.write_record("images.json", &index)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::bundle::clean;
    use super::formats::oci_name;
    use super::*;
    use crate::image::archive::{CONTAINERD_NAME, REF_NAME};

    #[test]
    fn names_are_cleaned_and_never_climb_out() {
        assert_eq!(
            clean("./blobs/sha256/ab").as_deref(),
            Some("blobs/sha256/ab")
        );
        assert_eq!(clean("/x/../y").as_deref(), Some("y"));
        assert_eq!(clean("../etc/passwd"), None);
        assert_eq!(
            oci_name(&json!({REF_NAME: "localhost/a:1"})).as_deref(),
            Some("localhost/a:1")
        );
        assert_eq!(oci_name(&json!({REF_NAME: "latest"})), None);
        assert_eq!(
            oci_name(&json!({REF_NAME: "latest", CONTAINERD_NAME: "docker.io/library/b:2"}))
                .as_deref(),
            Some("docker.io/library/b:2")
        );
    }
}
