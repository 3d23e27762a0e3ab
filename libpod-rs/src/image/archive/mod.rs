//! Images in files: `save` writes them in one of four formats, `load`
//! reads any of them back, and `import` makes a one-layer image of a root
//! file system tarball.
//!
//! - `docker-archive` (the default): a tar laid out as Docker 25+ writes
//!   it, an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/`)
//!   with Docker's `manifest.json` and `repositories` beside it, so that
//!   one file loads in Docker (old and new), podman and rpod. Layers are
//!   uncompressed, each blob named by its diff id.
//! - `oci-archive` and `oci-dir`: an OCI image layout, as a tar or a
//!   directory; layers gzip-compressed unless `--uncompressed`.
//! - `docker-dir`: containers/image's `dir:` layout (`manifest.json` in
//!   Docker schema 2, a `version` file, blobs named by their hex digest).
//!
//! Every blob going out is checked against its digest as it streams;
//! every blob coming in is checked before anything is recorded.

pub mod import;
pub mod load;
pub mod save;

use std::io;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::{author, ImageRecord, LayerRef};
use crate::digest::Digest;
use crate::layer::Compression;
use crate::reference::Reference;
use crate::store::{self, Store};

/// OCI index media type.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI config media type.
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// Docker schema 2 config media type.
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// The annotation naming an image in an OCI layout (podman writes the full name).
pub const REF_NAME: &str = "org.opencontainers.image.ref.name";
/// containerd's (and Docker 25's) annotation with the full image name.
pub const CONTAINERD_NAME: &str = "io.containerd.image.name";

/// Errors of `save`, `load` and `import`; each says what was being done.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// A stream (the archive, a layer) failed.
    #[error("{what}: {source}")]
    Stream {
        /// What was being read or written.
        what: String,
        /// The error.
        source: io::Error,
    },
    /// The input is no image archive rpod knows.
    #[error("payload does not match any of the supported image formats:\n{}", .0.iter().map(|e| format!(" * {e}")).collect::<Vec<_>>().join("\n"))]
    UnknownFormat(Vec<String>),
    /// The archive is of a known format, but broken or inconsistent.
    #[error("{0}")]
    Invalid(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// Unpacking a layer failed.
    #[error(transparent)]
    Layer(#[from] crate::layer::Error),
    /// Writing a layer or an image failed.
    #[error(transparent)]
    Author(#[from] author::Error),
}

/// The formats `save` writes (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Docker's archive, as Docker 25+ writes it.
    #[default]
    DockerArchive,
    /// An OCI image layout in a tar.
    OciArchive,
    /// An OCI image layout in a directory.
    OciDir,
    /// containers/image's `dir:` layout with a schema 2 manifest.
    DockerDir,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s {
            "docker-archive" => Format::DockerArchive,
            "oci-archive" => Format::OciArchive,
            "oci-dir" => Format::OciDir,
            "docker-dir" => Format::DockerDir,
            _ => {
                return Err(format!(
                    "format value must be one of docker-archive oci-archive oci-dir docker-dir, not {s:?}"
                ))
            }
        })
    }
}

impl Format {
    /// Whether the format is a directory rather than a tar stream.
    pub fn is_dir(self) -> bool {
        matches!(self, Format::OciDir | Format::DockerDir)
    }
}

/// The Docker short form of a full name (`docker.io/library/alpine:3` →
/// `alpine:3`), as Docker's `manifest.json` has it; other names unchanged.
pub fn familiar(name: &str) -> String {
    match name.strip_prefix("docker.io/") {
        Some(rest) => rest.strip_prefix("library/").unwrap_or(rest).to_string(),
        None => name.to_string(),
    }
}

/// A layer descriptor of a manifest being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerDesc {
    /// The blob's media type.
    pub media_type: String,
    /// The blob's digest.
    pub digest: Digest,
    /// The blob's size.
    pub size: u64,
}

impl LayerDesc {
    /// The layer as its stored blob is, uncompressed: its diff id and tar size.
    pub fn uncompressed(layer: &LayerRef, oci: bool) -> LayerDesc {
        LayerDesc {
            media_type: super::blobs::layer_media_type(oci, Compression::None).to_string(),
            digest: layer.diff_id.clone(),
            size: layer.size,
        }
    }
}

/// The manifest (bytes) of `record` in OCI form or Docker schema 2 form
/// with these layer blobs: the stored manifest itself when it already says
/// exactly that (so its digest stays), else a new one.
pub fn manifest_bytes(
    store: &Store,
    record: &ImageRecord,
    oci: bool,
    layers: &[LayerDesc],
) -> Result<Vec<u8>, Error> {
    let manifest_type = if oci {
        author::OCI_MANIFEST
    } else {
        author::DOCKER_MANIFEST
    };
    if let Ok(stored) = store.get_blob(&record.manifest_digest) {
        if let Ok(v) = serde_json::from_slice::<Value>(&stored) {
            let same_type =
                v["mediaType"].as_str().unwrap_or(&record.manifest_type) == manifest_type;
            let same_layers = v["layers"].as_array().is_some_and(|ls| {
                ls.len() == layers.len()
                    && ls.iter().zip(layers).all(|(l, d)| {
                        l["digest"].as_str() == Some(&d.digest.to_string())
                            && l["size"].as_u64() == Some(d.size)
                            && l["mediaType"].as_str() == Some(&d.media_type)
                    })
            });
            let same_config =
                v["config"]["digest"].as_str() == Some(&record.config_digest().to_string());
            if same_type && same_layers && same_config {
                return Ok(stored);
            }
        }
    }
    let config = store.get_blob(&record.config_digest())?;
    let m = json!({
        "schemaVersion": 2,
        "mediaType": manifest_type,
        "config": {
            "mediaType": if oci { OCI_CONFIG } else { DOCKER_CONFIG },
            "digest": record.config_digest().to_string(),
            "size": config.len(),
        },
        "layers": layers.iter().map(|l| json!({
            "mediaType": l.media_type,
            "digest": l.digest.to_string(),
            "size": l.size,
        })).collect::<Vec<_>>(),
    });
    Ok(serde_json::to_vec(&m).expect("manifests serialise"))
}

/// The full names given to a loaded image: each must parse as a reference
/// with a tag (a default `latest` is added); a name with no repository is
/// dropped.
pub fn normalize_names(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| Reference::parse(n).ok())
        .filter(|r| r.digest().is_none())
        .map(|r| r.with_default_tag().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn familiar_names() {
        assert_eq!(familiar("docker.io/library/alpine:3"), "alpine:3");
        assert_eq!(familiar("docker.io/team/app:1"), "team/app:1");
        assert_eq!(familiar("localhost/bb:1"), "localhost/bb:1");
        assert_eq!(
            normalize_names(&["busybox:latest".into(), "localhost/x".into(), "a@b".into()]),
            ["docker.io/library/busybox:latest", "localhost/x:latest"]
        );
    }
}
