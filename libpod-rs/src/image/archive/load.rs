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

use fs_err::File;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{normalize_names, Error, CONTAINERD_NAME, REF_NAME};
use crate::digest::{Digest, DigestReader};
use crate::image::blobs;
use crate::image::pull::{PullEvent, PullReporter};
use crate::image::{author, ImageIndex, ImageRecord, LayerRef};
use crate::layer::{self, tarsplit, Compression, UnpackOptions};
use crate::reference::Reference;
use crate::registry::manifest::{self, Manifest, Platform};
use crate::store::{self, LayerMeta, LockMode, Store};

/// The largest config, manifest or index accepted (as pull's).
const MAX_SMALL: u64 = 4 << 20;

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

/// Named files of an archive or directory.
trait Bundle: Sync {
    /// Whether `name` is there.
    fn has(&self, name: &str) -> bool;
    /// Opens `name` for reading.
    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>>;
}

/// `name` without `./`, leading `/` or `..` beyond the top; `None` when it climbs out.
fn clean(name: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(n) => out.push(n.to_str()?),
            Component::ParentDir => {
                out.pop()?;
            }
            _ => {}
        }
    }
    Some(out.join("/"))
}

/// A tar file indexed by entry name.
struct TarBundle {
    path: PathBuf,
    files: HashMap<String, (u64, u64)>,
    links: HashMap<String, String>,
}

impl TarBundle {
    fn index(path: &Path) -> io::Result<TarBundle> {
        let file = File::open(path)?;
        let mut archive = tar::Archive::new(BufReader::with_capacity(1 << 20, file));
        let mut files = HashMap::new();
        let mut links = HashMap::new();
        for entry in archive.entries()? {
            let entry = entry?;
            let name = entry.path()?.to_string_lossy().into_owned();
            let Some(name) = clean(&name) else { continue };
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    files.insert(name, (entry.raw_file_position(), entry.size()));
                }
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Some(target) = entry.link_name()? {
                        let target = target.to_string_lossy().into_owned();
                        let full = if entry.header().entry_type() == tar::EntryType::Symlink {
                            let dir = Path::new(&name).parent().unwrap_or(Path::new(""));
                            dir.join(&target).to_string_lossy().into_owned()
                        } else {
                            target
                        };
                        if let Some(t) = clean(&full) {
                            links.insert(name, t);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(TarBundle {
            path: path.to_path_buf(),
            files,
            links,
        })
    }

    fn resolve(&self, name: &str) -> Option<(u64, u64)> {
        let mut name = clean(name)?;
        for _ in 0..16 {
            if let Some(f) = self.files.get(&name) {
                return Some(*f);
            }
            name = self.links.get(&name)?.clone();
        }
        None
    }
}

impl Bundle for TarBundle {
    fn has(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>> {
        let (offset, size) = self.resolve(name).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("{name}: not in the archive"),
            )
        })?;
        let mut f = File::open(&self.path)?;
        f.seek(SeekFrom::Start(offset))?;
        Ok(Box::new(ExactlyN {
            inner: BufReader::with_capacity(1 << 20, f).take(size),
            left: size,
        }))
    }
}

/// Reads `left` bytes; ending early is an error (a truncated archive).
struct ExactlyN<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for ExactlyN<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the archive is truncated",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A directory (oci-dir, docker-dir).
struct DirBundle {
    root: PathBuf,
}

impl Bundle for DirBundle {
    fn has(&self, name: &str) -> bool {
        clean(name).is_some_and(|n| self.root.join(n).is_file())
    }

    fn open(&self, name: &str) -> io::Result<Box<dyn Read + Send + '_>> {
        let n = clean(name).ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        Ok(Box::new(BufReader::with_capacity(
            1 << 20,
            File::open(self.root.join(n))?,
        )))
    }
}

fn read_small(b: &dyn Bundle, name: &str, what: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    b.open(name)
        .and_then(|r| r.take(MAX_SMALL + 1).read_to_end(&mut out))
        .map_err(|source| Error::Stream {
            what: format!("reading {what} {name}"),
            source,
        })?;
    if out.len() as u64 > MAX_SMALL {
        return Err(Error::Invalid(format!(
            "{what} {name} is larger than {MAX_SMALL} bytes"
        )));
    }
    Ok(out)
}

fn json_of(bytes: &[u8], what: &str) -> Result<Value, Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::Invalid(format!("{what}: not valid JSON: {e}")))
}

/// The blob path of a digest in an OCI layout.
fn blob_path(d: &Digest) -> String {
    format!("blobs/{}/{}", d.algorithm(), d.hex())
}

/// A layer to bring in.
#[derive(Debug, Clone)]
struct PlannedLayer {
    /// Where its blob is.
    path: String,
    /// Its diff id (from the config).
    diff_id: Digest,
    /// The blob's digest, when the archive names it (OCI descriptors,
    /// `blobs/sha256/` paths).
    digest: Option<Digest>,
    /// The blob's media type, when given.
    media_type: Option<String>,
}

/// An image to record.
#[derive(Debug, Clone)]
struct PlannedImage {
    names: Vec<String>,
    config: Vec<u8>,
    /// The manifest to keep (OCI layouts); one is made for docker archives.
    manifest: Option<(Vec<u8>, String)>,
    layers: Vec<PlannedLayer>,
}

/// What ingesting a layer found.
#[derive(Debug, Clone)]
struct IngestedLayer {
    size: u64,
    digest: Digest,
    blob_size: u64,
    compression: Compression,
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
fn plan_docker_archive(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
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
fn oci_name(annotations: &Value) -> Option<String> {
    if let Some(n) = annotations[CONTAINERD_NAME].as_str() {
        return Some(n.to_string());
    }
    let n = annotations[REF_NAME].as_str()?;
    // A bare tag ("latest") names no repository.
    let r = Reference::parse(n).ok()?;
    (n.contains(':') || n.contains('/')).then(|| r.with_default_tag().to_string())
}

/// Plans an OCI layout from its `index.json`.
fn plan_oci(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
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
fn plan_dir(b: &dyn Bundle) -> Result<Vec<PlannedImage>, Error> {
    let bytes = read_small(b, "manifest.json", "the directory's")?;
    let m = json_of(&bytes, "manifest.json")?;
    Ok(vec![plan_oci_manifest(b, bytes, &m, Vec::new())?])
}

fn ingest_layer(
    store: &Store,
    b: &dyn Bundle,
    l: &PlannedLayer,
    opts: &LoadOptions,
    reporter: &dyn PullReporter,
) -> Result<IngestedLayer, Error> {
    let what = format!("layer {}", l.path);
    let serr = |source: io::Error| Error::Stream {
        what: format!("reading {what}"),
        source,
    };
    // By the bytes, not the media type: containers/image's `dir:` layout
    // calls uncompressed layers `tar.gzip`.
    let compression_of = |r: &mut BufReader<Box<dyn Read + Send + '_>>| -> io::Result<Compression> {
        Ok(Compression::sniff(r.fill_buf()?))
    };
    let check_blob = |actual: Digest| match &l.digest {
        Some(d) if *d != actual => Err(Error::Invalid(format!(
            "{what}: its content has digest {actual}, not {d}: the archive is damaged"
        ))),
        _ => Ok(()),
    };
    let _lock = store.lock(&format!("layer-{}", l.diff_id.hex()), LockMode::Exclusive)?;
    let mut raw = DigestReader::new(b.open(&l.path).map_err(serr)?);
    if let Some(meta) = store.layer_meta(&l.diff_id)? {
        // Stored already: only check the blob (and learn its digest).
        let mut buffered =
            BufReader::with_capacity(256 << 10, Box::new(&mut raw) as Box<dyn Read + Send>);
        let compression = compression_of(&mut buffered).map_err(serr)?;
        io::copy(&mut buffered, &mut io::sink()).map_err(serr)?;
        drop(buffered);
        let digest = raw.digest();
        check_blob(digest.clone())?;
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: true,
        });
        return Ok(IngestedLayer {
            size: meta.size,
            blob_size: raw.bytes_read(),
            digest,
            compression,
        });
    }
    reporter.event(PullEvent::BlobStart {
        digest: l.digest.clone().unwrap_or_else(|| l.diff_id.clone()),
        size: 0,
    });
    let tmp = store.layer_tmp(&l.diff_id);
    if tmp.exists() {
        layer::remove_tree(&tmp)?;
    }
    let result = (|| -> Result<IngestedLayer, Error> {
        let diff = tmp.join("diff");
        store::create_dir_private(&tmp)?;
        store::create_dir_private(&diff)?;
        let mut buffered =
            BufReader::with_capacity(256 << 10, Box::new(&mut raw) as Box<dyn Read + Send>);
        let compression = compression_of(&mut buffered).map_err(serr)?;
        let decompressed = layer::decompress(&mut buffered, compression)?;
        let mut plain = DigestReader::new(decompressed);
        let split = tmp.join(tarsplit::FILE_NAME);
        let recorder = tarsplit::Recorder::new(
            &mut plain,
            tarsplit::record_to(&split).map_err(|source| Error::Io {
                action: "creating",
                path: split.clone(),
                source,
            })?,
        );
        let report = layer::unpack_recorded(
            &recorder,
            &diff,
            &UnpackOptions {
                rootless: opts.rootless,
            },
        )?;
        if !report.refused.is_empty() {
            reporter.event(PullEvent::Warning(format!(
                "{what}: refused {} unsafe entries: {}",
                report.refused.len(),
                report.refused.join(", ")
            )));
        }
        io::copy(&mut &recorder, &mut io::sink()).map_err(serr)?;
        recorder
            .finish()
            .and_then(zstd::stream::write::Encoder::finish)
            .map_err(|source| Error::Io {
                action: "writing",
                path: split.clone(),
                source,
            })?;
        let (diff_digest, size) = (plain.digest(), plain.bytes_read());
        drop(plain);
        io::copy(&mut buffered, &mut io::sink()).map_err(serr)?;
        drop(buffered);
        let digest = raw.digest();
        check_blob(digest.clone())?;
        if diff_digest != l.diff_id {
            return Err(Error::Invalid(format!(
                "{what}: its uncompressed content has digest {diff_digest}, but the config says {}: the archive is damaged",
                l.diff_id
            )));
        }
        store.commit_layer(
            &tmp,
            &LayerMeta {
                diff_id: l.diff_id.clone(),
                size,
                compressed_digest: (compression != Compression::None).then(|| digest.clone()),
            },
        )?;
        reporter.event(PullEvent::BlobDone {
            digest: digest.clone(),
            skipped: false,
        });
        Ok(IngestedLayer {
            size,
            blob_size: raw.bytes_read(),
            digest,
            compression,
        })
    })();
    if result.is_err() {
        let _ = layer::remove_tree(&tmp);
    }
    result
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
    use super::*;

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
