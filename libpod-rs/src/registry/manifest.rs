//! Manifest formats (OCI image manifest and index, Docker v2 schema 2 and
//! manifest list) and choosing one platform from an index.

use std::fmt;
use std::str::FromStr;

use oci_spec::image::{Descriptor, ImageIndex, ImageManifest};

use super::Error;

/// OCI image manifest media type.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index media type.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// Docker v2 schema 2 manifest media type.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker manifest list media type.
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

/// The `Accept` header for manifest requests.
pub const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

/// A parsed manifest: one image, or an index of images per platform.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one short-lived value per pull
pub enum Manifest {
    /// An image manifest (OCI or Docker v2s2).
    Image(ImageManifest),
    /// An index (OCI index or Docker manifest list).
    Index(ImageIndex),
}

/// Parses a manifest, trusting the JSON's own shape when the media type is vague.
pub fn parse(bytes: &[u8], media_type: &str) -> Result<Manifest, Error> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Error::BadManifest(format!("not JSON: {e}")))?;
    let declared = value
        .get("mediaType")
        .and_then(serde_json::Value::as_str)
        .unwrap_or(media_type);
    if value
        .get("schemaVersion")
        .and_then(serde_json::Value::as_u64)
        == Some(1)
        || declared.starts_with("application/vnd.docker.distribution.manifest.v1")
    {
        return Err(Error::BadManifest(
            "Docker schema 1 manifests are not supported: ask the image's owner to push it again with a current tool".into(),
        ));
    }
    let is_index = matches!(declared, OCI_INDEX | DOCKER_LIST)
        || (value.get("manifests").is_some() && value.get("layers").is_none());
    if is_index {
        serde_json::from_value(value)
            .map(Manifest::Index)
            .map_err(|e| Error::BadManifest(format!("index: {e}")))
    } else {
        serde_json::from_value(value)
            .map(Manifest::Image)
            .map_err(|e| Error::BadManifest(format!("image manifest: {e}")))
    }
}

/// An OS/architecture/variant triple, with Go's (OCI's) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    /// `linux`.
    pub os: String,
    /// `amd64`, `arm64`, ...
    pub architecture: String,
    /// `v8`, `v7`, ... when it matters.
    pub variant: Option<String>,
}

impl Platform {
    /// The platform of this machine.
    pub fn host() -> Platform {
        let (architecture, variant) = match std::env::consts::ARCH {
            "x86_64" => ("amd64", None),
            "aarch64" => ("arm64", Some("v8")),
            "arm" => ("arm", Some("v7")),
            "x86" => ("386", None),
            "powerpc64" => ("ppc64le", None),
            "riscv64" => ("riscv64", None),
            other => (other, None),
        };
        Platform {
            os: "linux".into(),
            architecture: architecture.into(),
            variant: variant.map(str::to_string),
        }
    }

    fn matches(&self, os: &str, arch: &str, variant: Option<&str>) -> bool {
        if self.os != os || self.architecture != arch {
            return false;
        }
        let norm = |v: Option<&str>| match (arch, v) {
            ("arm64", None | Some("")) => Some("v8".to_string()),
            (_, Some("")) => None,
            (_, v) => v.map(str::to_string),
        };
        match &self.variant {
            None => true,
            Some(w) => norm(Some(w)) == norm(variant),
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

impl FromStr for Platform {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(Error::BadPlatform(s.to_string()));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            architecture: parts[1].to_string(),
            variant: parts.get(2).map(|v| (*v).to_string()),
        })
    }
}

/// Chooses the manifest for `wanted` from an index; the error lists what is available.
pub fn select(index: &ImageIndex, wanted: &Platform) -> Result<Descriptor, Error> {
    let mut available = Vec::new();
    let mut fallback = None;
    for desc in index.manifests() {
        let Some(p) = desc.platform() else { continue };
        let (os, arch) = (p.os().to_string(), p.architecture().to_string());
        if os == "unknown" || arch == "unknown" {
            continue; // attestation manifests
        }
        let variant = p.variant().as_deref();
        if wanted.matches(&os, &arch, variant) {
            // An exact variant match wins over a variant-less one.
            if wanted.variant.is_none() || variant.is_some() {
                return Ok(desc.clone());
            }
            fallback.get_or_insert_with(|| desc.clone());
        }
        let mut name = format!("{os}/{arch}");
        if let Some(v) = variant.filter(|v| !v.is_empty()) {
            name.push('/');
            name.push_str(v);
        }
        available.push(name);
    }
    fallback.ok_or_else(|| Error::NoMatchingPlatform {
        wanted: wanted.to_string(),
        available,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(entries: &[(&str, &str, Option<&str>)]) -> ImageIndex {
        let manifests: Vec<serde_json::Value> = entries
            .iter()
            .enumerate()
            .map(|(i, (os, arch, variant))| {
                let mut platform = serde_json::json!({"os": os, "architecture": arch});
                if let Some(v) = variant {
                    platform["variant"] = serde_json::json!(v);
                }
                serde_json::json!({
                    "mediaType": OCI_MANIFEST,
                    "digest": format!("sha256:{}", i.to_string().repeat(64)),
                    "size": 100,
                    "platform": platform,
                })
            })
            .collect();
        let doc =
            serde_json::json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests});
        match parse(&serde_json::to_vec(&doc).unwrap(), OCI_INDEX).unwrap() {
            Manifest::Index(i) => i,
            Manifest::Image(_) => panic!("index expected"),
        }
    }

    #[test]
    fn selects_by_platform_and_lists_the_rest() {
        let idx = index(&[
            ("linux", "amd64", None),
            ("linux", "arm64", Some("v8")),
            ("unknown", "unknown", None),
        ]);
        let amd = select(&idx, &"linux/amd64".parse().unwrap()).unwrap();
        assert!(amd.digest().to_string().ends_with(&"0".repeat(64)));
        let arm = select(&idx, &"linux/arm64".parse().unwrap()).unwrap();
        assert!(arm.digest().to_string().ends_with(&"1".repeat(64)));
        let arm8 = select(&idx, &"linux/arm64/v8".parse().unwrap()).unwrap();
        assert_eq!(arm8.digest(), arm.digest());
        let err = select(&idx, &"linux/s390x".parse().unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("linux/amd64") && err.contains("linux/arm64/v8"),
            "{err}"
        );
        assert!(!err.contains("unknown"), "{err}");
    }

    #[test]
    fn arm64_without_variant_matches_v8() {
        let idx = index(&[("linux", "arm64", None)]);
        assert!(select(&idx, &"linux/arm64/v8".parse().unwrap()).is_ok());
    }

    #[test]
    fn platform_strings() {
        assert_eq!(
            "linux/arm/v7".parse::<Platform>().unwrap().to_string(),
            "linux/arm/v7"
        );
        assert!("linux".parse::<Platform>().is_err());
        assert!("linux//".parse::<Platform>().is_err());
    }

    #[test]
    fn schema1_is_refused_clearly() {
        let err = parse(br#"{"schemaVersion":1,"name":"x"}"#, "")
            .unwrap_err()
            .to_string();
        assert!(err.contains("schema 1"), "{err}");
    }
}
