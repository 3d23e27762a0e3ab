//! The four formats' manifests (docker-archive, oci-archive, oci-dir,
//! docker-dir) read into the images and layers to load.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::digest::Digest;
use crate::image::archive::{normalize_names, Error, CONTAINERD_NAME, REF_NAME};
use crate::image::author;
use crate::reference::Reference;
use crate::registry::manifest::{self, Manifest, Platform};

use super::bundle::{blob_path, json_of, read_small, Bundle};

/// A layer to bring in.
#[derive(Debug, Clone)]
pub(super) struct PlannedLayer {
    /// Where its blob is.
    pub(super) path: String,
    /// Its diff id (from the config).
    pub(super) diff_id: Digest,
    /// The blob's digest, when the archive names it (OCI descriptors,
    /// `blobs/sha256/` paths).
    pub(super) digest: Option<Digest>,
    /// The blob's media type, when given.
    pub(super) media_type: Option<String>,
}

/// An image to record.
#[derive(Debug, Clone)]
pub(super) struct PlannedImage {
    pub(super) names: Vec<String>,
    pub(super) config: Vec<u8>,
    /// The manifest to keep (OCI layouts); one is made for docker archives.
    pub(super) manifest: Option<(Vec<u8>, String)>,
    pub(super) layers: Vec<PlannedLayer>,
}

fn digest_in_name(name: &str) -> Option<Digest> {
    let hex = name.strip_prefix("blobs/sha256/")?;
    format!("sha256:{hex}").parse().ok()
}

fn config_diff_ids(config: &Value, what: &str) -> Result<Vec<Digest>, Error> {
    config["rootfs"]["diff_ids"]
        .as_array()
        .ok_or_else(|| Error::Invalid(format!("{what}: the config lists no rootfs.diff_ids")))?
        .iter()
        .map(|d| {
            d.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| {
                Error::Invalid(format!("{what}: a diff id is not a sha256 digest: {d}"))
            })
        })
        .collect()
}

/// Plans a docker archive from its `manifest.json`.
pub(super) fn plan_docker_archive(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
    let items = json_of(
        &read_small(b, "manifest.json", "the archive's")?,
        "manifest.json",
    )?;
    let items = items
        .as_array()
        .ok_or_else(|| Error::Invalid("manifest.json: expected a list of images".into()))?;
    let mut out = Vec::new();
    for item in items {
        let config_name = item["Config"]
            .as_str()
            .ok_or_else(|| Error::Invalid("manifest.json: an image without Config".into()))?;
        let config = read_small(b, config_name, "config")?;
        let config_digest = Digest::sha256_of(&config);
        let named = digest_in_name(config_name).or_else(|| {
            let hex = Path::new(config_name).file_stem()?.to_str()?;
            format!("sha256:{hex}").parse().ok()
        });
        if let Some(named) = named {
            if named != config_digest {
                return Err(Error::Invalid(format!(
                    "config {config_name}: its content has digest {config_digest}, not {named}: the archive is damaged"
                )));
            }
        }
        let cfg = json_of(&config, &format!("config {config_name}"))?;
        let diff_ids = config_diff_ids(&cfg, config_name)?;
        let layer_names: Vec<String> = item["Layers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| l.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if layer_names.len() != diff_ids.len() {
            return Err(Error::Invalid(format!(
                "manifest.json lists {} layers for {config_name}, its config {}",
                layer_names.len(),
                diff_ids.len()
            )));
        }
        let tags: Vec<String> = item["RepoTags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        out.push(PlannedImage {
            names: normalize_names(&tags),
            config,
            manifest: None,
            layers: layer_names
                .into_iter()
                .zip(diff_ids)
                .map(|(path, diff_id)| PlannedLayer {
                    digest: digest_in_name(&path),
                    path,
                    diff_id,
                    media_type: None,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The image manifests an OCI index entry stands for (an inner index
/// gives the host platform's).
fn resolve_manifest(
    b: &dyn Bundle,
    digest: &Digest,
    depth: u32,
) -> Result<(Vec<u8>, Value), Error> {
    let bytes = read_small(b, &blob_path(digest), "manifest")?;
    let actual = Digest::sha256_of(&bytes);
    if actual != *digest {
        return Err(Error::Invalid(format!(
            "manifest {digest}: its content has digest {actual}: the archive is damaged"
        )));
    }
    let parsed = manifest::parse(&bytes, "")
        .map_err(|e| Error::Invalid(format!("manifest {digest}: {e}")))?;
    match parsed {
        Manifest::Image(_) => Ok((bytes.clone(), json_of(&bytes, "manifest")?)),
        Manifest::Index(_) if depth > 2 => {
            Err(Error::Invalid(format!("index {digest}: nested too deeply")))
        }
        Manifest::Index(index) => {
            let chosen = manifest::select(&index, &Platform::host())
                .map_err(|e| Error::Invalid(format!("index {digest}: {e}")))?;
            let d: Digest = chosen
                .digest()
                .to_string()
                .parse()
                .map_err(|e| Error::Invalid(format!("index {digest}: {e}")))?;
            resolve_manifest(b, &d, depth + 1)
        }
    }
}

/// A name from an OCI index entry's annotations: containerd's full name,
/// else `ref.name` when it is a full reference (podman writes those).
pub(super) fn oci_name(annotations: &Value) -> Option<String> {
    if let Some(n) = annotations[CONTAINERD_NAME].as_str() {
        return Some(n.to_string());
    }
    let n = annotations[REF_NAME].as_str()?;
    // A bare tag ("latest") names no repository.
    let r = Reference::parse(n).ok()?;
    (n.contains(':') || n.contains('/')).then(|| r.with_default_tag().to_string())
}

/// Plans an OCI layout from its `index.json`.
pub(super) fn plan_oci(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
    let index = json_of(&read_small(b, "index.json", "the layout's")?, "index.json")?;
    let entries = index["manifests"]
        .as_array()
        .ok_or_else(|| Error::Invalid("index.json lists no manifests".into()))?;
    // One image per manifest, with every name that points at it.
    let mut by_digest: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let d = e["digest"]
            .as_str()
            .ok_or_else(|| Error::Invalid("index.json: an entry without a digest".into()))?;
        let slot = by_digest.entry(d.to_string()).or_insert((i, Vec::new()));
        if let Some(n) = oci_name(&e["annotations"]) {
            slot.1.push(n);
        }
    }
    let mut order: Vec<(usize, String, Vec<String>)> = by_digest
        .into_iter()
        .map(|(d, (i, names))| (i, d, names))
        .collect();
    order.sort();
    let mut out = Vec::new();
    for (_, d, names) in order {
        let digest: Digest = d
            .parse()
            .map_err(|e| Error::Invalid(format!("index.json: {e}")))?;
        let (bytes, m) = resolve_manifest(b, &digest, 0)?;
        out.push(plan_oci_manifest(b, bytes, &m, names)?);
    }
    Ok(out)
}

fn plan_oci_manifest(
    b: &dyn Bundle,
    bytes: Vec<u8>,
    m: &Value,
    names: Vec<String>,
) -> Result<PlannedImage, Error> {
    let config_digest: Digest = m["config"]["digest"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| Error::Invalid("a manifest without a config digest".into()))?;
    let config_name = if b.has(&blob_path(&config_digest)) {
        blob_path(&config_digest)
    } else {
        config_digest.hex().to_string()
    };
    let config = read_small(b, &config_name, "config")?;
    let actual = Digest::sha256_of(&config);
    if actual != config_digest {
        return Err(Error::Invalid(format!(
            "config {config_digest}: its content has digest {actual}: the archive is damaged"
        )));
    }
    let cfg = json_of(&config, "the config")?;
    let diff_ids = config_diff_ids(&cfg, &config_digest.to_string())?;
    let descs = m["layers"].as_array().cloned().unwrap_or_default();
    if descs.len() != diff_ids.len() {
        return Err(Error::Invalid(format!(
            "the manifest lists {} layers, the config {}",
            descs.len(),
            diff_ids.len()
        )));
    }
    let mut layers = Vec::new();
    for (d, diff_id) in descs.iter().zip(diff_ids) {
        let digest: Digest = d["digest"]
            .as_str()
            .and_then(|x| x.parse().ok())
            .ok_or_else(|| Error::Invalid("a layer without a digest".into()))?;
        let path = if b.has(&blob_path(&digest)) {
            blob_path(&digest)
        } else {
            digest.hex().to_string()
        };
        layers.push(PlannedLayer {
            path,
            diff_id,
            digest: Some(digest),
            media_type: d["mediaType"].as_str().map(str::to_string),
        });
    }
    let media_type = m["mediaType"]
        .as_str()
        .unwrap_or(author::OCI_MANIFEST)
        .to_string();
    Ok(PlannedImage {
        names: normalize_names(&names),
        config,
        manifest: Some((bytes, media_type)),
        layers,
    })
}

/// Plans a docker-dir (`dir:`) directory from its `manifest.json`.
pub(super) fn plan_dir(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
    let bytes = read_small(b, "manifest.json", "the directory's")?;
    let m = json_of(&bytes, "manifest.json")?;
    Ok(vec![plan_oci_manifest(b, bytes, &m, Vec::new())?])
}
