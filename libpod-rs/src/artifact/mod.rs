//! OCI artifacts (podman 5's `artifact` verbs): files kept as the layers
//! of an OCI image manifest with an `artifactType`, stored apart from
//! images in an OCI image layout, as podman keeps them:
//! ```text
//! <graph root>/artifacts/oci-layout     {"imageLayoutVersion":"1.0.0"}
//! <graph root>/artifacts/index.json     one descriptor per artifact, its
//!                                       name in org.opencontainers.image.ref.name
//! <graph root>/artifacts/blobs/sha256/  manifests, the empty config, files
//! <graph root>/artifacts/index.lock     the record lock of every change
//! ```
//! Blobs appear by `rename` once written and hashed; `index.json` is
//! replaced atomically last, so a killed `add` or `pull` leaves at most
//! unreferenced blobs. Every read and change holds `index.lock` (see
//! [`layout`]).

pub mod extract;
pub mod layout;
pub mod mime;
pub mod transfer;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;

pub use layout::{AddFile, AddOptions, Layout};

/// The annotation naming a layer's file (`org.opencontainers.image.title`).
pub const ANNOTATION_TITLE: &str = "org.opencontainers.image.title";
/// The annotation of an artifact's creation time (RFC 3339).
pub const ANNOTATION_CREATED: &str = "org.opencontainers.image.created";
/// The annotation naming a manifest in an OCI layout's index.
pub const ANNOTATION_REF_NAME: &str = "org.opencontainers.image.ref.name";
/// The media type of an OCI image manifest.
pub const MEDIA_TYPE_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// The media type of an OCI image index.
pub const MEDIA_TYPE_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// The media type of the empty JSON config (`{}`).
pub const MEDIA_TYPE_EMPTY: &str = "application/vnd.oci.empty.v1+json";
/// The bytes of the empty JSON config.
pub const EMPTY_JSON: &[u8] = b"{}";

/// An OCI content descriptor, its fields in the order (and with the
/// omissions) of image-spec's Go type, so a manifest rpod writes has the
/// digest podman computes for the same content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    /// What the content is.
    #[serde(default)]
    pub media_type: String,
    /// Its digest.
    pub digest: Digest,
    /// Its size in bytes.
    pub size: u64,
    /// Where else it may be fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    /// Its annotations (`org.opencontainers.image.title`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// The content itself, base64, for small content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// The platform of an index entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<serde_json::Value>,
    /// The artifact type of an index entry.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub artifact_type: String,
}

impl Descriptor {
    /// The descriptor of the empty JSON config (image-spec's `DescriptorEmptyJSON`).
    pub fn empty_json() -> Descriptor {
        Descriptor {
            media_type: MEDIA_TYPE_EMPTY.to_string(),
            digest: Digest::sha256_of(EMPTY_JSON),
            size: EMPTY_JSON.len() as u64,
            urls: None,
            annotations: BTreeMap::new(),
            data: Some("e30=".to_string()),
            platform: None,
            artifact_type: String::new(),
        }
    }

    /// The layer's title annotation, when it has a non-empty one.
    pub fn title(&self) -> Option<&str> {
        self.annotations
            .get(ANNOTATION_TITLE)
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }
}

/// An OCI image manifest holding an artifact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Always 2.
    pub schema_version: u32,
    /// The manifest's media type.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media_type: String,
    /// What the artifact is (`--type`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub artifact_type: String,
    /// The config (the empty JSON for artifacts rpod makes).
    pub config: Descriptor,
    /// One layer per file.
    #[serde(default)]
    pub layers: Vec<Descriptor>,
    /// The manifest this one refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Descriptor>,
    /// Annotations (`org.opencontainers.image.created`, `--annotation`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest's JSON as rpod stores and pushes it: byte for byte what
    /// Go's `json.Marshal` writes for it (podman computes an artifact's
    /// digest by marshalling its manifest again), `<`, `>`, `&`, U+2028
    /// and U+2029 escaped as Go escapes them.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, GoFormatter);
        self.serialize(&mut ser)
            .expect("a manifest always serialises");
        out
    }
}

/// serde_json's compact output with Go's HTML-safe string escapes.
struct GoFormatter;

impl serde_json::ser::Formatter for GoFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escape = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escape.as_bytes())?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// An artifact in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    /// Its name (`org.opencontainers.image.ref.name`); empty if it has none.
    pub name: String,
    /// The digest of its manifest.
    pub digest: Digest,
    /// Its manifest.
    pub manifest: Manifest,
}

impl Artifact {
    /// The total size of its files.
    pub fn total_size(&self) -> u64 {
        self.manifest.layers.iter().map(|l| l.size).sum()
    }

    /// The repository and tag its name gives, as podman's `artifact ls`
    /// shows them (`quay.io/a/b:1` is `quay.io/a/b` and `1`; no tag is "").
    pub fn repository_and_tag(&self) -> (String, String) {
        let name = self.name.split('@').next().unwrap_or(&self.name);
        match name.rfind(':') {
            Some(i) if !name[i..].contains('/') => {
                (name[..i].to_string(), name[i + 1..].to_string())
            }
            _ => (name.to_string(), String::new()),
        }
    }
}

/// Errors of the artifact store, with podman's messages.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An empty artifact name.
    #[error("artifact name cannot be empty")]
    EmptyName,
    /// No artifact has this name or digest.
    #[error("{0}: artifact does not exist")]
    NotExist(String),
    /// `add` of a name in use, without `--append` or `--replace`.
    #[error("{0}: artifact already exists")]
    AlreadyExists(String),
    /// `add` of a file whose name the artifact already has.
    #[error("{0}: file already exists in artifact")]
    FileExists(String),
    /// Two layers would get the same title annotation.
    #[error("duplicate layers {ANNOTATION_TITLE} labels within an artifact not allowed")]
    DuplicateTitle,
    /// `--append` with `--type`.
    #[error("append option is not compatible with type option")]
    AppendWithType,
    /// `--append` with `--replace`.
    #[error("--append and --replace options cannot be used together")]
    AppendWithReplace,
    /// A file of the artifact would be written outside the target.
    #[error("invalid name: {0:?} cannot contain /: artifact blob title invalid")]
    BlobTitleInvalid(String),
    /// `extract` of an artifact without files.
    #[error("the artifact has no blobs, nothing to extract")]
    NoBlobs,
    /// `--digest` with `--title`.
    #[error("cannot specify both digest and title")]
    DigestAndTitle,
    /// No layer has the title.
    #[error("no blob with the title {0:?}")]
    NoBlobWithTitle(String),
    /// No layer has the digest.
    #[error("no blob with the digest {0:?}")]
    NoBlobWithDigest(String),
    /// Several layers have the digest.
    #[error("more than one match for the digest {0:?}")]
    SeveralWithDigest(String),
    /// Several layers have the title.
    #[error("more than one match for the title {0:?}")]
    SeveralWithTitle(String),
    /// Several files to extract into one file.
    #[error("the artifact consists of several blobs and the target {0:?} is not a directory and neither digest or title was specified to only copy a single blob")]
    SeveralBlobsToFile(String),
    /// Two layers of an artifact to mount have one title.
    #[error("annotation \"{ANNOTATION_TITLE}\":{0:?} is used in multiple different layers within artifact")]
    TitleInSeveralLayers(String),
    /// Several files to mount on one file of the container.
    #[error(
        "artifact {artifact:?} contains more than one blob and container path {path:?} is a file"
    )]
    SeveralBlobsOnFile {
        /// The artifact.
        artifact: String,
        /// The mount's destination.
        path: String,
    },
    /// The name pulled is an index, not one manifest.
    #[error("manifest {0:?} is index list: artifacts must be a single manifest")]
    IndexList(String),
    /// A manifest does not parse.
    #[error("{what}: invalid artifact manifest: {source}")]
    BadManifest {
        /// Which manifest.
        what: String,
        /// The parse error.
        source: serde_json::Error,
    },
    /// A blob fetched does not have its digest.
    #[error("{what}: digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch {
        /// What was fetched.
        what: String,
        /// The digest the manifest gives.
        expected: Digest,
        /// The digest of what arrived.
        actual: Digest,
    },
    /// A file or directory could not be read or written.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The store's index does not parse.
    #[error("parsing {path}: {source}: the artifact store's index is damaged")]
    Corrupt {
        /// The index file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// Talking to the registry failed.
    #[error("{reference}: {source}")]
    Registry {
        /// The artifact's reference.
        reference: String,
        /// The registry's error.
        #[source]
        source: crate::registry::Error,
    },
}

impl Error {
    /// Whether this error means "no such artifact".
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotExist(_))
    }

    /// Whether trying again may help (a network fault).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Registry { source, .. } if source.is_retryable())
    }
}

/// An I/O error naming its path.
pub(crate) fn io_err<'a>(
    action: &'static str,
    path: &'a std::path::Path,
) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_config_descriptor_matches_image_spec() {
        let d = Descriptor::empty_json();
        assert_eq!(
            d.digest.to_string(),
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="}"#
        );
    }

    #[test]
    fn a_manifest_serialises_in_go_field_order() {
        let mut annotations = BTreeMap::new();
        annotations.insert(ANNOTATION_CREATED.to_string(), "t".to_string());
        let m = Manifest {
            schema_version: 2,
            media_type: MEDIA_TYPE_MANIFEST.into(),
            artifact_type: "text/x".into(),
            config: Descriptor::empty_json(),
            layers: vec![],
            subject: None,
            annotations,
        };
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(text.starts_with(
            r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"text/x","config":"#
        ));
        assert!(text
            .ends_with(r#""layers":[],"annotations":{"org.opencontainers.image.created":"t"}}"#));
    }

    #[test]
    fn manifest_bytes_escape_as_go_json_marshal_does() {
        let mut annotations = BTreeMap::new();
        annotations.insert("k".to_string(), "a<b>&c\u{2028}\"é".to_string());
        let m = Manifest {
            schema_version: 2,
            media_type: String::new(),
            artifact_type: String::new(),
            config: Descriptor::empty_json(),
            layers: vec![],
            subject: None,
            annotations,
        };
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(
            text.ends_with(r#""annotations":{"k":"a\u003cb\u003e\u0026c\u2028\"é"}}"#),
            "{text}"
        );
        // Still the same manifest when read back.
        assert_eq!(
            serde_json::from_slice::<Manifest>(&m.to_bytes()).unwrap(),
            m
        );
    }

    #[test]
    fn repository_and_tag_split_at_the_last_colon_after_the_last_slash() {
        let a = |name: &str| Artifact {
            name: name.into(),
            digest: Digest::sha256_of(b""),
            manifest: Manifest {
                schema_version: 2,
                media_type: String::new(),
                artifact_type: String::new(),
                config: Descriptor::empty_json(),
                layers: vec![],
                subject: None,
                annotations: BTreeMap::new(),
            },
        };
        assert_eq!(
            a("quay.io/a/b:1").repository_and_tag(),
            ("quay.io/a/b".into(), "1".into())
        );
        assert_eq!(
            a("localhost:5000/a").repository_and_tag(),
            ("localhost:5000/a".into(), String::new())
        );
    }
}
