//! Image records: what is stored about each pulled image, how the user's
//! words ("alpine", "3f2a", "localhost/mybox:1") find one, and the data
//! `images`, `inspect` and `history` show.

pub mod archive;
pub mod author;
pub mod blobs;
pub mod config;
pub mod inspect;
pub mod pull;
pub mod push;
pub mod sign;
pub mod trust;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::reference::Reference;

/// Errors of image lookup and record keeping.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No image matches what the user typed.
    #[error("{0}: image not known")]
    NotFound(String),
    /// An ID prefix matches more than one image.
    #[error("{input}: ambiguous image ID prefix: it matches {count} images; give more characters")]
    Ambiguous {
        /// What the user typed.
        input: String,
        /// How many images it matches.
        count: usize,
    },
    /// A name the user gave is not a valid image reference.
    #[error("{input}: {source}")]
    BadName {
        /// What the user typed.
        input: String,
        /// Why it is not a reference.
        source: crate::reference::Error,
    },
}

/// One layer of an image, in order from the bottom.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LayerRef {
    /// Digest of the uncompressed tar: the key of the layer in the store.
    pub diff_id: Digest,
    /// Digest of the blob in the registry.
    pub digest: Digest,
    /// Media type of the blob in the registry.
    pub media_type: String,
    /// Size of the uncompressed tar.
    pub size: u64,
}

/// Everything the store keeps about one image (its config and manifest are blobs).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImageRecord {
    /// The image ID: hex digest of its config.
    pub id: String,
    /// Full names, e.g. `docker.io/library/alpine:latest`, newest first.
    pub names: Vec<String>,
    /// Digest of the manifest (or index) the image was pulled by.
    pub digest: Digest,
    /// Digest of the image manifest itself (stored as a blob).
    pub manifest_digest: Digest,
    /// Media type of the image manifest.
    pub manifest_type: String,
    /// `repository@digest` references.
    pub repo_digests: Vec<String>,
    /// Layers from the bottom up.
    pub layers: Vec<LayerRef>,
    /// When the image was built (from its config).
    pub created: Option<DateTime<Utc>>,
    /// When it was stored here.
    pub pulled: DateTime<Utc>,
    /// CPU architecture of the image.
    pub architecture: String,
    /// Operating system of the image.
    pub os: String,
    /// Whether the image lives in an additional (read-only) image store:
    /// listed and used, never changed or removed. Not stored.
    #[serde(skip)]
    pub read_only: bool,
}

impl ImageRecord {
    /// The config digest (`sha256:` + id).
    pub fn config_digest(&self) -> Digest {
        format!("sha256:{}", self.id)
            .parse()
            .expect("image ids are sha256 hex")
    }

    /// Total unpacked size of the layers.
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }

    /// Whether the image has no name (a "dangling" `<none>` image).
    pub fn is_dangling(&self) -> bool {
        self.names.is_empty()
    }
}

/// All image records, as stored in `images.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImageIndex {
    /// The records, in the order they were added.
    pub images: Vec<ImageRecord>,
}

/// What a lookup found: the image's position and the name that matched, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into [`ImageIndex::images`].
    pub index: usize,
    /// The full name that matched, when the user gave a name rather than an ID.
    pub name: Option<String>,
}

impl ImageIndex {
    /// The layers and blobs these images use, which garbage collection
    /// keeps ([`crate::store::gc`]).
    pub fn in_use(&self) -> crate::store::gc::InUse {
        let mut used = crate::store::gc::InUse::default();
        for image in &self.images {
            used.blobs.insert(image.config_digest().hex().to_string());
            used.blobs.insert(image.manifest_digest.hex().to_string());
            used.blobs.insert(image.digest.hex().to_string());
            for l in &image.layers {
                used.layers.insert(l.diff_id.hex().to_string());
                // Built and committed images keep their layer blobs.
                used.blobs.insert(l.digest.hex().to_string());
            }
        }
        used
    }

    /// Adds or merges a freshly pulled record; its names move here from other images.
    pub fn insert(&mut self, record: ImageRecord) {
        for name in &record.names {
            self.remove_name(name);
        }
        if let Some(existing) = self.images.iter_mut().find(|i| i.id == record.id) {
            let mut names = record.names.clone();
            names.extend(existing.names.iter().cloned());
            existing.names = dedup(names);
            let mut digests = record.repo_digests.clone();
            digests.extend(existing.repo_digests.iter().cloned());
            existing.repo_digests = dedup(digests);
            existing.digest = record.digest;
            existing.pulled = record.pulled;
        } else {
            self.images.push(record);
        }
    }

    /// Removes a name from whichever image has it; returns whether one did.
    pub fn remove_name(&mut self, name: &str) -> bool {
        let mut found = false;
        for image in &mut self.images {
            let before = image.names.len();
            image.names.retain(|n| n != name);
            found |= image.names.len() != before;
        }
        found
    }

    /// Finds the image the user means by `input` (ID, ID prefix, name or name@digest).
    ///
    /// Short names are tried as `localhost/NAME`, on each search registry, and
    /// finally as the last path components of any stored name, as podman does.
    pub fn find(&self, input: &str, search_registries: &[String]) -> Result<Found, Error> {
        let hex = input.strip_prefix("sha256:").unwrap_or(input);
        if !hex.is_empty()
            && hex.len() <= 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            let hits: Vec<usize> = (0..self.images.len())
                .filter(|&i| self.images[i].id.starts_with(hex))
                .collect();
            match hits.len() {
                1 => {
                    return Ok(Found {
                        index: hits[0],
                        name: None,
                    })
                }
                0 => {}
                count => {
                    if self.find_by_name(input, search_registries)?.is_none() {
                        return Err(Error::Ambiguous {
                            input: input.to_string(),
                            count,
                        });
                    }
                }
            }
        }
        self.find_by_name(input, search_registries)?
            .ok_or_else(|| Error::NotFound(input.to_string()))
    }

    fn find_by_name(&self, input: &str, search: &[String]) -> Result<Option<Found>, Error> {
        let bad = |source| Error::BadName {
            input: input.to_string(),
            source,
        };
        let mut candidates: Vec<Reference> = Vec::new();
        let short = Reference::is_short_name(input);
        if short {
            let local = Reference::parse(&format!("localhost/{input}")).map_err(bad)?;
            candidates.push(local.clone());
            for registry in search {
                if let Ok(r) = Reference::parse(&format!("{registry}/{input}")) {
                    candidates.push(r);
                }
            }
            if let Ok(r) = Reference::parse(input) {
                candidates.push(r);
            }
        } else {
            candidates.push(Reference::parse(input).map_err(bad)?);
        }
        for candidate in &candidates {
            if let Some(found) = self.match_reference(candidate) {
                return Ok(Some(found));
            }
        }
        if short {
            // `busybox` finds `127.0.0.1:5000/busybox:latest`: match the path's tail.
            let local = &candidates[0];
            let tail = format!("/{}", local.path());
            for (index, image) in self.images.iter().enumerate() {
                for name in &image.names {
                    if let Ok(r) = Reference::parse(name) {
                        if r.name().ends_with(&tail) && tag_matches(&r, local) {
                            return Ok(Some(Found {
                                index,
                                name: Some(name.clone()),
                            }));
                        }
                    }
                }
                if let Some(d) = local.digest() {
                    let wanted = d.to_string();
                    if image.repo_digests.iter().any(|rd| {
                        rd.rsplit_once('@').is_some_and(|(repo, dg)| {
                            dg == wanted && format!("/{repo}").ends_with(&tail)
                        })
                    }) {
                        return Ok(Some(Found { index, name: None }));
                    }
                }
            }
        }
        Ok(None)
    }

    fn match_reference(&self, wanted: &Reference) -> Option<Found> {
        if let Some(digest) = wanted.digest() {
            let full = format!("{}@{}", wanted.name(), digest);
            return self
                .images
                .iter()
                .position(|i| i.repo_digests.contains(&full) || i.digest == *digest)
                .map(|index| Found { index, name: None });
        }
        let full = wanted.clone().with_default_tag().to_string();
        self.images
            .iter()
            .position(|i| i.names.contains(&full))
            .map(|index| Found {
                index,
                name: Some(full),
            })
    }
}

fn tag_matches(have: &Reference, wanted: &Reference) -> bool {
    if wanted.digest().is_some() {
        return false;
    }
    have.tag() == Some(wanted.tag().unwrap_or("latest"))
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

/// Splits a stored full name into (repository, tag) for display; `<none>` when absent.
pub fn split_name(name: &str) -> (String, String) {
    match Reference::parse(name) {
        Ok(r) => (r.name(), r.tag().unwrap_or("<none>").to_string()),
        Err(_) => (name.to_string(), "<none>".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: char, names: &[&str]) -> ImageRecord {
        let hex = id.to_string().repeat(64);
        let digest: Digest = format!("sha256:{hex}").parse().unwrap();
        ImageRecord {
            id: hex,
            names: names.iter().map(|s| s.to_string()).collect(),
            digest: digest.clone(),
            manifest_digest: digest,
            manifest_type: String::new(),
            repo_digests: vec![],
            layers: vec![],
            created: None,
            pulled: Utc::now(),
            architecture: "amd64".into(),
            os: "linux".into(),
            read_only: false,
        }
    }

    #[test]
    fn lookup_by_id_prefix_full_name_and_short_name() {
        let mut index = ImageIndex::default();
        index.insert(record('a', &["docker.io/library/alpine:latest"]));
        index.insert(record('b', &["127.0.0.1:5000/busybox:latest"]));
        index.insert(record('c', &["localhost/mybox:1"]));
        let search = vec!["docker.io".to_string()];
        assert_eq!(index.find("aaaa", &search).unwrap().index, 0);
        assert_eq!(index.find("alpine", &search).unwrap().index, 0);
        assert_eq!(
            index
                .find("docker.io/alpine:latest", &search)
                .unwrap()
                .index,
            0
        );
        assert_eq!(index.find("busybox", &search).unwrap().index, 1);
        assert_eq!(
            index.find("mybox:1", &search).unwrap().name.as_deref(),
            Some("localhost/mybox:1")
        );
        assert!(matches!(
            index.find("mybox", &search),
            Err(Error::NotFound(_))
        ));
        assert!(matches!(
            index.find("nothing", &search),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn a_name_moves_to_the_newer_image() {
        let mut index = ImageIndex::default();
        index.insert(record('a', &["docker.io/library/alpine:latest"]));
        index.insert(record('b', &["docker.io/library/alpine:latest"]));
        assert!(index.images[0].is_dangling());
        assert_eq!(
            index.images[1].names,
            vec!["docker.io/library/alpine:latest"]
        );
    }
}
