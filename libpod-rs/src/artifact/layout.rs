//! The artifact store: an OCI image layout (see the module above) read
//! and changed under `index.lock`, a record lock that also excludes
//! podman's own lock on the same file. Every change takes the lock
//! exclusively for its whole length (blob copies included), re-reads
//! `index.json` under it, writes new blobs by rename, and replaces
//! `index.json` atomically; blobs no remaining manifest refers to are
//! removed after the index no longer names them.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use fs_err as fs;
use serde::{Deserialize, Serialize};

use super::{
    io_err, mime, Artifact, Descriptor, Error, Manifest, ANNOTATION_CREATED, ANNOTATION_REF_NAME,
    ANNOTATION_TITLE, EMPTY_JSON, MEDIA_TYPE_INDEX, MEDIA_TYPE_MANIFEST,
};
use crate::digest::{Digest, DigestReader};
use crate::store::lock::{lock_record, RecordLockGuard};
use crate::store::{write_atomic, LockMode};

/// The layout's `index.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Index {
    schema_version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    media_type: String,
    /// `null` in an index podman created empty.
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    annotations: BTreeMap<String, String>,
}

/// A file `artifact add` stores.
#[derive(Debug, Clone)]
pub struct AddFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its name in the artifact (the title annotation): the file's base name.
    pub name: String,
}

/// What `artifact add` was asked for besides the files.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// `--annotation`s: on the manifest (when new) and on each new layer.
    pub annotations: BTreeMap<String, String>,
    /// `--type`: the artifact type.
    pub artifact_type: String,
    /// `--append`: add the files to an existing artifact.
    pub append: bool,
    /// `--replace`: remove an existing artifact of the name first.
    pub replace: bool,
    /// `--file-type`: the layers' media type instead of sniffing it.
    pub file_type: String,
}

/// The artifact store at one directory.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// Opens (creating when missing) the store at `root`.
    pub fn open(root: &Path) -> Result<Layout, Error> {
        let layout = Layout {
            root: root.to_path_buf(),
        };
        let blobs = layout.root.join("blobs").join("sha256");
        fs::create_dir_all(&blobs).map_err(io_err("creating", &blobs))?;
        let marker = layout.root.join("oci-layout");
        if !marker.exists() {
            write_atomic(&marker, br#"{"imageLayoutVersion":"1.0.0"}"#, 0o644)
                .map_err(io_err("writing", &marker))?;
        }
        let index = layout.index_path();
        if !index.exists() {
            let _lock = layout.lock(LockMode::Exclusive)?;
            if !index.exists() {
                layout.write_index(&Index {
                    schema_version: 2,
                    media_type: MEDIA_TYPE_INDEX.into(),
                    manifests: Some(Vec::new()),
                    annotations: BTreeMap::new(),
                })?;
            }
        }
        Ok(layout)
    }

    /// The store's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn index_path(&self) -> PathBuf {
        self.root.join("index.json")
    }

    /// Where the blob `digest` is kept.
    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.root
            .join("blobs")
            .join(digest.algorithm())
            .join(digest.hex())
    }

    /// Takes `index.lock`.
    pub fn lock(&self, mode: LockMode) -> Result<RecordLockGuard, Error> {
        let path = self.root.join("index.lock");
        lock_record(&path, mode).map_err(io_err("locking", &path))
    }

    fn read_index(&self) -> Result<Index, Error> {
        let path = self.index_path();
        let bytes = fs::read(&path).map_err(io_err("reading", &path))?;
        serde_json::from_slice(&bytes).map_err(|source| Error::Corrupt { path, source })
    }

    fn write_index(&self, index: &Index) -> Result<(), Error> {
        let path = self.index_path();
        let bytes = serde_json::to_vec(index).expect("an index always serialises");
        write_atomic(&path, &bytes, 0o644).map_err(io_err("writing", &path))
    }

    /// Reads a stored manifest blob.
    fn read_manifest(&self, desc: &Descriptor) -> Result<Manifest, Error> {
        let path = self.blob_path(&desc.digest);
        let bytes = fs::read(&path).map_err(io_err("reading", &path))?;
        serde_json::from_slice(&bytes).map_err(|source| Error::BadManifest {
            what: desc.digest.to_string(),
            source,
        })
    }

    /// Every artifact, in the index's order; the caller holds the lock.
    pub fn list_locked(&self) -> Result<Vec<Artifact>, Error> {
        let index = self.read_index()?;
        let mut out = Vec::new();
        for desc in index.manifests.unwrap_or_default() {
            let manifest = self.read_manifest(&desc)?;
            out.push(Artifact {
                name: desc
                    .annotations
                    .get(ANNOTATION_REF_NAME)
                    .cloned()
                    .unwrap_or_default(),
                digest: desc.digest.clone(),
                manifest,
            });
        }
        Ok(out)
    }

    /// Every artifact, in the index's order.
    pub fn list(&self) -> Result<Vec<Artifact>, Error> {
        let _lock = self.lock(LockMode::Shared)?;
        self.list_locked()
    }

    /// The artifact `name_or_digest` names; the caller holds the lock.
    pub fn find_locked(&self, name_or_digest: &str) -> Result<Artifact, Error> {
        if name_or_digest.is_empty() {
            return Err(Error::EmptyName);
        }
        let all = self.list_locked()?;
        find_in(all, name_or_digest)
    }

    /// The artifact `name_or_digest` names: a name, or its manifest
    /// digest's hex (or a prefix of it), as podman looks them up.
    pub fn find(&self, name_or_digest: &str) -> Result<Artifact, Error> {
        let _lock = self.lock(LockMode::Shared)?;
        self.find_locked(name_or_digest)
    }

    /// Removes an artifact; returns its digest.
    pub fn remove(&self, name_or_digest: &str) -> Result<Digest, Error> {
        let _lock = self.lock(LockMode::Exclusive)?;
        let found = self.find_locked(name_or_digest)?;
        self.remove_locked(&found)?;
        Ok(found.digest)
    }

    /// Drops `artifact`'s descriptor from the index, then its blobs no
    /// other manifest uses.
    fn remove_locked(&self, artifact: &Artifact) -> Result<(), Error> {
        let mut index = self.read_index()?;
        let manifests = index.manifests.get_or_insert_with(Vec::new);
        let before = manifests.len();
        manifests.retain(|d| {
            !(d.digest == artifact.digest
                && d.annotations.get(ANNOTATION_REF_NAME).map(String::as_str)
                    == Some(artifact.name.as_str()).filter(|n| !n.is_empty()))
        });
        if manifests.len() == before {
            // An unnamed one: drop the first descriptor of that digest.
            if let Some(i) = manifests.iter().position(|d| d.digest == artifact.digest) {
                manifests.remove(i);
            }
        }
        self.write_index(&index)?;
        self.collect(&artifact.manifest, &artifact.digest)
    }

    /// Removes the blobs of `manifest` (stored as `digest`) that no
    /// manifest in the index still uses.
    fn collect(&self, manifest: &Manifest, digest: &Digest) -> Result<(), Error> {
        let used = self.used_blobs()?;
        let mine = std::iter::once(digest)
            .chain(std::iter::once(&manifest.config.digest))
            .chain(manifest.layers.iter().map(|l| &l.digest));
        for d in mine {
            if used.contains(d) {
                continue;
            }
            let path = self.blob_path(d);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err("removing", &path)(e)),
            }
        }
        Ok(())
    }

    /// Stores the bytes `reader` gives as a blob: into a temporary file
    /// beside the blobs, hashed on the way, renamed to its digest. With
    /// `expected`, content of another digest is refused (and dropped).
    /// Returns its digest, its size, and whether the store lacked it.
    pub fn put_blob(
        &self,
        reader: &mut dyn Read,
        expected: Option<&Digest>,
        what: &str,
    ) -> Result<(Digest, u64, bool), Error> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = self.root.join("blobs").join("sha256");
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".tmp-blob-{}-{n}", std::process::id()));
        let result = self.write_blob(reader, &tmp, expected, what);
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// [`Layout::put_blob`]'s work, through the temporary file `tmp`.
    fn write_blob(
        &self,
        reader: &mut dyn Read,
        tmp: &Path,
        expected: Option<&Digest>,
        what: &str,
    ) -> Result<(Digest, u64, bool), Error> {
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp)
            .map_err(io_err("creating", tmp))?;
        let mut hashing = DigestReader::new(reader);
        let mut out = io::BufWriter::new(file);
        io::copy(&mut hashing, &mut out).map_err(|e| match e.get_ref() {
            // A read error of the source names it; a write error names the store.
            Some(_) => Error::Io {
                action: "copying",
                path: PathBuf::from(what),
                source: e,
            },
            None => io_err("writing", tmp)(e),
        })?;
        out.flush().map_err(io_err("writing", tmp))?;
        drop(out);
        let digest = hashing.digest();
        let size = hashing.bytes_read();
        if let Some(expected) = expected {
            if *expected != digest {
                return Err(Error::DigestMismatch {
                    what: what.to_string(),
                    expected: expected.clone(),
                    actual: digest,
                });
            }
        }
        let path = self.blob_path(&digest);
        let new = !path.exists();
        fs::rename(tmp, &path).map_err(io_err("writing", &path))?;
        Ok((digest, size, new))
    }

    /// Stores `bytes` as a blob unless it is there already.
    pub fn put_small_blob(&self, bytes: &[u8]) -> Result<Digest, Error> {
        let digest = Digest::sha256_of(bytes);
        let path = self.blob_path(&digest);
        if !path.exists() {
            crate::store::atomic::replace(&path, bytes, 0o644).map_err(io_err("writing", &path))?;
        }
        Ok(digest)
    }

    /// Stores a manifest under `name` (replacing the artifact of that
    /// name, whose blobs no longer used are then removed); the caller
    /// holds the lock and has stored the manifest's blobs. Returns the
    /// manifest's digest.
    pub fn commit_locked(
        &self,
        name: &str,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<Digest, Error> {
        let digest = self.put_small_blob(bytes)?;
        let previous = self
            .list_locked()?
            .into_iter()
            .find(|a| a.name == name && !name.is_empty());
        let mut index = self.read_index()?;
        let manifests = index.manifests.get_or_insert_with(Vec::new);
        manifests
            .retain(|d| d.annotations.get(ANNOTATION_REF_NAME).map(String::as_str) != Some(name));
        let mut annotations = BTreeMap::new();
        annotations.insert(ANNOTATION_REF_NAME.to_string(), name.to_string());
        manifests.push(Descriptor {
            media_type: media_type.to_string(),
            digest: digest.clone(),
            size: bytes.len() as u64,
            urls: None,
            annotations,
            data: None,
            platform: None,
            artifact_type: String::new(),
        });
        self.write_index(&index)?;
        if let Some(old) = previous {
            if old.digest != digest {
                self.collect(&old.manifest, &old.digest)?;
            }
        }
        Ok(digest)
    }

    /// `artifact add`: stores `files` as a new artifact `name` (or, with
    /// `append`, as more files of it); returns the manifest's digest.
    pub fn add(&self, name: &str, files: &[AddFile], opts: &AddOptions) -> Result<Digest, Error> {
        if name.is_empty() {
            return Err(Error::EmptyName);
        }
        if opts.append && opts.replace {
            return Err(Error::AppendWithReplace);
        }
        if opts.append && !opts.artifact_type.is_empty() {
            return Err(Error::AppendWithType);
        }
        let _lock = self.lock(LockMode::Exclusive)?;
        let mut written = Vec::new();
        let result = self.add_locked(name, files, opts, &mut written);
        if result.is_err() {
            // What this add stored and nothing uses goes again.
            let used = self.used_blobs()?;
            for d in written.iter().filter(|d| !used.contains(*d)) {
                let _ = fs::remove_file(self.blob_path(d));
            }
        }
        result
    }

    /// Every blob the index's artifacts use; the caller holds the lock.
    fn used_blobs(&self) -> Result<HashSet<Digest>, Error> {
        let mut used: HashSet<Digest> = HashSet::new();
        for a in self.list_locked()? {
            used.insert(a.digest.clone());
            used.insert(a.manifest.config.digest.clone());
            used.extend(a.manifest.layers.iter().map(|l| l.digest.clone()));
        }
        Ok(used)
    }

    /// [`Layout::add`] under the lock; each blob it stores goes in `written`.
    fn add_locked(
        &self,
        name: &str,
        files: &[AddFile],
        opts: &AddOptions,
        written: &mut Vec<Digest>,
    ) -> Result<Digest, Error> {
        let all = self.list_locked()?;
        let existing = find_in(all, name);
        let mut manifest = if opts.append {
            existing?.manifest
        } else {
            match existing {
                // Committed under the same name, the new manifest takes
                // the old one's place in one index write.
                Ok(_) if opts.replace => {}
                Ok(_) => return Err(Error::AlreadyExists(name.to_string())),
                Err(_) => {}
            }
            let mut annotations = opts.annotations.clone();
            annotations.insert(
                ANNOTATION_CREATED.to_string(),
                rfc3339_nano(chrono::Utc::now()),
            );
            Manifest {
                schema_version: 2,
                media_type: MEDIA_TYPE_MANIFEST.to_string(),
                artifact_type: opts.artifact_type.clone(),
                config: Descriptor::empty_json(),
                layers: Vec::new(),
                subject: None,
                annotations,
            }
        };
        let mut names: HashSet<String> = manifest
            .layers
            .iter()
            .filter_map(|l| l.title().map(str::to_string))
            .collect();
        for f in files {
            if !names.insert(f.name.clone()) {
                return Err(Error::FileExists(f.name.clone()));
            }
            // Every file readable before the first blob is written.
            let md = fs::File::open(&f.path)
                .and_then(|file| file.metadata())
                .map_err(io_err("open", &f.path))?;
            if md.is_dir() {
                return Err(io_err("read", &f.path)(io::Error::from_raw_os_error(
                    libc::EISDIR,
                )));
            }
        }
        for f in files {
            let mut annotations = opts.annotations.clone();
            match annotations.get(ANNOTATION_TITLE) {
                Some(title) => {
                    if manifest
                        .layers
                        .iter()
                        .any(|l| l.annotations.get(ANNOTATION_TITLE) == Some(title))
                    {
                        return Err(Error::DuplicateTitle);
                    }
                }
                None => {
                    annotations.insert(ANNOTATION_TITLE.to_string(), f.name.clone());
                }
            }
            let mut file = fs::File::open(&f.path).map_err(io_err("open", &f.path))?;
            let media_type = if opts.file_type.is_empty() {
                let mut head = Vec::with_capacity(mime::SNIFF_LEN);
                (&mut file)
                    .take(mime::SNIFF_LEN as u64)
                    .read_to_end(&mut head)
                    .map_err(io_err("reading", &f.path))?;
                file = fs::File::open(&f.path).map_err(io_err("open", &f.path))?;
                mime::detect(&head).to_string()
            } else {
                opts.file_type.clone()
            };
            let what = f.path.display().to_string();
            let (digest, size, new) = self.put_blob(&mut file, None, &what)?;
            if new {
                written.push(digest.clone());
            }
            manifest.layers.push(Descriptor {
                media_type,
                digest,
                size,
                urls: None,
                annotations,
                data: None,
                platform: None,
                artifact_type: String::new(),
            });
        }
        self.put_small_blob(EMPTY_JSON)?;
        let bytes = manifest.to_bytes();
        self.commit_locked(name, &bytes, MEDIA_TYPE_MANIFEST)
    }
}

/// A time as Go's RFC3339Nano writes it (UTC, trailing zeros of the
/// fraction dropped), the creation annotation's format.
pub fn rfc3339_nano(t: chrono::DateTime<chrono::Utc>) -> String {
    let nanos = t.timestamp_subsec_nanos();
    let frac = if nanos == 0 {
        String::new()
    } else {
        format!(".{nanos:09}").trim_end_matches('0').to_string()
    };
    format!("{}{frac}Z", t.format("%Y-%m-%dT%H:%M:%S"))
}

/// The artifact `name_or_digest` names among `all`: by name first, then
/// by its digest's hex or a prefix of it.
fn find_in(all: Vec<Artifact>, name_or_digest: &str) -> Result<Artifact, Error> {
    if let Some(i) = all.iter().position(|a| a.name == name_or_digest) {
        return Ok(all.into_iter().nth(i).expect("found above"));
    }
    all.into_iter()
        .find(|a| a.digest.hex().starts_with(name_or_digest))
        .ok_or_else(|| Error::NotExist(name_or_digest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path, name: &str, content: &[u8]) -> AddFile {
        let path = dir.join(name);
        fs::write(&path, content).unwrap();
        AddFile {
            path,
            name: name.to_string(),
        }
    }

    #[test]
    fn add_append_remove_keep_the_store_consistent() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::open(&dir.path().join("artifacts")).unwrap();
        let a = file(dir.path(), "a.txt", b"hello\n");
        let b = file(dir.path(), "b.bin", b"\x00\x01");
        let d1 = layout
            .add("x", std::slice::from_ref(&a), &AddOptions::default())
            .unwrap();
        assert!(matches!(
            layout.add("x", std::slice::from_ref(&b), &AddOptions::default()),
            Err(Error::AlreadyExists(_))
        ));
        let append = AddOptions {
            append: true,
            ..Default::default()
        };
        assert!(matches!(
            layout.add("x", std::slice::from_ref(&a), &append),
            Err(Error::FileExists(n)) if n == "a.txt"
        ));
        let d2 = layout.add("x", &[b], &append).unwrap();
        assert_ne!(d1, d2);
        // The first manifest went with the name; its layer is still used.
        assert!(!layout.blob_path(&d1).exists());
        let found = layout.find(&d2.hex()[..8]).unwrap();
        assert_eq!(found.name, "x");
        assert_eq!(found.manifest.layers.len(), 2);
        assert_eq!(
            found.manifest.layers[0].media_type,
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            found.manifest.layers[1].media_type,
            "application/octet-stream"
        );
        assert_eq!(found.total_size(), 8);
        let layer = found.manifest.layers[0].digest.clone();
        assert_eq!(layout.remove("x").unwrap(), d2);
        assert!(!layout.blob_path(&layer).exists());
        assert!(layout.list().unwrap().is_empty());
        assert!(matches!(layout.remove("x"), Err(Error::NotExist(_))));
    }

    #[test]
    fn a_title_annotation_may_name_only_one_layer() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::open(&dir.path().join("artifacts")).unwrap();
        let a = file(dir.path(), "a", b"1");
        let b = file(dir.path(), "b", b"2");
        let mut opts = AddOptions::default();
        opts.annotations
            .insert(ANNOTATION_TITLE.to_string(), "t".to_string());
        assert!(matches!(
            layout.add("x", &[a, b], &opts),
            Err(Error::DuplicateTitle)
        ));
        assert!(layout.list().unwrap().is_empty());
    }
}
