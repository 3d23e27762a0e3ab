//! `save`: images out of the store into one of the four formats.
//!
//! Blobs are written first (each once, however many images share it),
//! then the files that name them (`index.json`, `manifest.json`,
//! `oci-layout`, `repositories`), as Docker orders them. A layer that has
//! to be compressed is compressed into a scratch file first, because a tar
//! entry needs its size before its bytes; an uncompressed one streams
//! straight from the layer's tar-split record.

use fs_err::File;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{
    familiar, manifest_bytes, Error, Format, LayerDesc, CONTAINERD_NAME, OCI_INDEX, REF_NAME,
};
use crate::digest::Digest;
use crate::image::blobs::{self, Source};
use crate::image::pull::{PullEvent, PullReporter};
use crate::image::{author, ImageRecord, LayerRef};
use crate::layer::Compression;
use crate::reference::Reference;
use crate::store::Store;

/// One image to save, with the names to write for it.
#[derive(Debug, Clone)]
pub struct SaveImage {
    /// The image.
    pub record: ImageRecord,
    /// Full names (`localhost/app:1`); empty: saved without a name.
    pub names: Vec<String>,
}

/// What `save` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct SaveOptions {
    /// `--format`.
    pub format: Format,
    /// `--uncompressed` (OCI formats): layers as plain tars.
    pub uncompressed: bool,
    /// `--compress` (docker-dir): layers gzip-compressed.
    pub compress: bool,
}

/// Where the saved images go.
pub enum Dest<'a> {
    /// A tar stream (the archive formats).
    Stream(&'a mut dyn Write),
    /// An existing, empty directory (the directory formats).
    Dir(&'a Path),
}

/// Receives the files of the output, in order.
trait Sink {
    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<()>;
    fn dir(&mut self, name: &str) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

struct TarSink<'a> {
    tar: tar::Builder<&'a mut dyn Write>,
}

fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h
}

impl Sink for TarSink<'_> {
    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<()> {
        let mut h = header(tar::EntryType::Regular, 0o644, size);
        let mut exact = Exact {
            inner: data,
            left: size,
        };
        self.tar.append_data(&mut h, name, &mut exact)?;
        exact.check_done()
    }

    fn dir(&mut self, name: &str) -> io::Result<()> {
        let mut h = header(tar::EntryType::Directory, 0o755, 0);
        self.tar.append_data(&mut h, name, io::empty())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.tar.finish()?;
        self.tar.get_mut().flush()
    }
}

struct DirSink<'a> {
    dir: &'a Path,
}

impl Sink for DirSink<'_> {
    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> io::Result<()> {
        let path = self.dir.join(name);
        let mut f = io::BufWriter::with_capacity(1 << 20, File::create(&path)?);
        let mut exact = Exact {
            inner: data,
            left: size,
        };
        blobs::copy(&mut exact, &mut f)?;
        exact.check_done()?;
        f.flush()
    }

    fn dir(&mut self, name: &str) -> io::Result<()> {
        match fs_err::create_dir(self.dir.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
            _ => Ok(()),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Gives exactly `left` bytes of `inner`: a source shorter or longer than
/// the size written in the tar header is an error, never a torn archive.
struct Exact<'a> {
    inner: &'a mut dyn Read,
    left: u64,
}

impl Exact<'_> {
    fn check_done(&mut self) -> io::Result<()> {
        if self.left != 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the blob ended {} bytes early", self.left),
            ));
        }
        // Reading on runs the source's own check at its end (digests).
        let mut extra = [0u8; 1];
        match self.inner.read(&mut extra)? {
            0 => Ok(()),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the blob is longer than recorded",
            )),
        }
    }
}

impl Read for Exact<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the blob ended {} bytes early", self.left),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// A layer blob ready to be written.
struct LayerBlob {
    desc: LayerDesc,
    data: BlobData,
}

enum BlobData {
    /// The uncompressed tar, played back as it is written.
    Tar(LayerRef),
    /// A file (a stored blob, or a scratch copy removed afterwards).
    File { path: PathBuf, scratch: bool },
}

impl Drop for LayerBlob {
    fn drop(&mut self) {
        if let BlobData::File {
            path,
            scratch: true,
        } = &self.data
        {
            let _ = fs_err::remove_file(path);
        }
    }
}

/// The layer as a blob compressed as `wanted`.
fn layer_blob(
    store: &Store,
    layer: &LayerRef,
    wanted: Compression,
    oci: bool,
) -> Result<LayerBlob, Error> {
    let media_type = blobs::layer_media_type(oci, wanted).to_string();
    if wanted == Compression::None {
        return Ok(LayerBlob {
            desc: LayerDesc::uncompressed(layer, oci),
            data: BlobData::Tar(layer.clone()),
        });
    }
    if let Some(Source::Stored {
        path, digest, size, ..
    }) = blobs::stored_as(store, layer, wanted)
    {
        return Ok(LayerBlob {
            desc: LayerDesc {
                media_type,
                digest,
                size,
            },
            data: BlobData::File {
                path,
                scratch: false,
            },
        });
    }
    let what = || format!("compressing layer {}", layer.diff_id);
    let (path, file) = author::scratch_file(store, "save-layer")?;
    // Removed when dropped, whatever happens from here.
    let mut blob = LayerBlob {
        desc: LayerDesc {
            media_type,
            digest: layer.diff_id.clone(),
            size: 0,
        },
        data: BlobData::File {
            path,
            scratch: true,
        },
    };
    let mut tar = blobs::open_tar(store, layer).map_err(|source| Error::Stream {
        what: what(),
        source,
    })?;
    let (digest, size) =
        blobs::compress(&mut tar, wanted, file).map_err(|source| Error::Stream {
            what: what(),
            source,
        })?;
    blob.desc.digest = digest;
    blob.desc.size = size;
    Ok(blob)
}

/// Saves `images` as `opts` says into `dest`; reports each blob written.
pub fn save(
    store: &Store,
    images: &[SaveImage],
    opts: &SaveOptions,
    dest: Dest<'_>,
    reporter: &dyn PullReporter,
) -> Result<(), Error> {
    let (oci, wanted) = match opts.format {
        Format::DockerArchive => (true, Compression::None),
        Format::OciArchive | Format::OciDir if opts.uncompressed => (true, Compression::None),
        Format::OciArchive | Format::OciDir => (true, Compression::Gzip),
        Format::DockerDir if opts.compress => (false, Compression::Gzip),
        Format::DockerDir => (false, Compression::None),
    };
    if images.len() > 1 && opts.format != Format::DockerArchive {
        return Err(Error::Invalid(format!(
            "only docker-archive holds several images; {} cannot",
            format_name(opts.format)
        )));
    }
    let what = "writing the archive".to_string();
    let werr = |source| Error::Stream {
        what: what.clone(),
        source,
    };
    let mut tar_sink;
    let mut dir_sink;
    let sink: &mut dyn Sink = match dest {
        Dest::Stream(w) => {
            let mut tar = tar::Builder::new(w);
            tar.mode(tar::HeaderMode::Deterministic);
            tar_sink = TarSink { tar };
            &mut tar_sink
        }
        Dest::Dir(d) => {
            dir_sink = DirSink { dir: d };
            &mut dir_sink
        }
    };
    let blob_name = |d: &Digest| match opts.format {
        Format::DockerDir => d.hex().to_string(),
        _ => format!("blobs/sha256/{}", d.hex()),
    };
    if opts.format != Format::DockerDir {
        sink.dir("blobs").map_err(werr)?;
        sink.dir("blobs/sha256").map_err(werr)?;
    }
    let mut written: HashSet<Digest> = HashSet::new();
    let mut produced: HashMap<Digest, LayerDesc> = HashMap::new();
    let mut index_entries: Vec<Value> = Vec::new();
    let mut docker_manifest: Vec<Value> = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut dir_manifest = Vec::new();
    for image in images {
        let record = &image.record;
        let mut descs = Vec::new();
        for layer in &record.layers {
            if let Some(d) = produced.get(&layer.diff_id) {
                descs.push(d.clone());
                continue;
            }
            let blob = layer_blob(store, layer, wanted, oci)?;
            produced.insert(layer.diff_id.clone(), blob.desc.clone());
            if written.insert(blob.desc.digest.clone()) {
                reporter.event(PullEvent::BlobStart {
                    digest: blob.desc.digest.clone(),
                    size: blob.desc.size,
                });
                let name = blob_name(&blob.desc.digest);
                let result = match &blob.data {
                    BlobData::Tar(l) => {
                        let mut tar =
                            blobs::open_tar(store, l).map_err(|source| Error::Stream {
                                what: format!("reading layer {}", l.diff_id),
                                source,
                            })?;
                        sink.file(&name, blob.desc.size, &mut tar)
                    }
                    BlobData::File { path, .. } => {
                        let f = File::open(path).map_err(|source| Error::Io {
                            action: "reading",
                            path: path.clone(),
                            source,
                        })?;
                        let mut r = blobs::Verified::new(
                            BufReader::with_capacity(1 << 20, f),
                            blob.desc.digest.clone(),
                            format!("layer blob {}", blob.desc.digest),
                        );
                        sink.file(&name, blob.desc.size, &mut r)
                    }
                };
                result.map_err(|source| Error::Stream {
                    what: format!("writing layer {}", layer.diff_id),
                    source,
                })?;
                reporter.event(PullEvent::BlobDone {
                    digest: blob.desc.digest.clone(),
                    skipped: false,
                });
            }
            descs.push(blob.desc.clone());
        }
        let config = store.get_blob(&record.config_digest())?;
        if written.insert(record.config_digest()) {
            sink.file(
                &blob_name(&record.config_digest()),
                config.len() as u64,
                &mut &config[..],
            )
            .map_err(werr)?;
        }
        reporter.event(PullEvent::Config(record.config_digest()));
        let manifest = manifest_bytes(store, record, oci, &descs)?;
        let manifest_digest = Digest::sha256_of(&manifest);
        if opts.format == Format::DockerDir {
            dir_manifest = manifest;
            continue;
        }
        if written.insert(manifest_digest.clone()) {
            sink.file(
                &blob_name(&manifest_digest),
                manifest.len() as u64,
                &mut &manifest[..],
            )
            .map_err(werr)?;
        }
        let entry = |annotations: Option<Value>| {
            let mut e = json!({
                "mediaType": author::OCI_MANIFEST,
                "digest": manifest_digest.to_string(),
                "size": manifest.len(),
            });
            if let Some(a) = annotations {
                e["annotations"] = a;
            }
            e
        };
        if image.names.is_empty() {
            index_entries.push(entry(None));
        }
        for name in &image.names {
            let annotations = match opts.format {
                // Docker 25's pair: the full name, and the tag alone.
                Format::DockerArchive => {
                    let tag = Reference::parse(name)
                        .ok()
                        .and_then(|r| r.tag().map(str::to_string))
                        .unwrap_or_else(|| "latest".into());
                    json!({CONTAINERD_NAME: name, REF_NAME: tag})
                }
                // podman's: the full name.
                _ => json!({REF_NAME: name}),
            };
            index_entries.push(entry(Some(annotations)));
        }
        if opts.format == Format::DockerArchive {
            let top = record
                .layers
                .last()
                .map(|l| l.diff_id.hex().to_string())
                .unwrap_or_default();
            let mut tags = Vec::new();
            for name in &image.names {
                let short = familiar(name);
                tags.push(short.clone());
                if let Ok(r) = Reference::parse(name) {
                    let repo = familiar(&r.name());
                    let tag = r.tag().unwrap_or("latest").to_string();
                    repositories
                        .entry(repo)
                        .or_default()
                        .insert(tag, top.clone());
                }
            }
            docker_manifest.push(json!({
                "Config": blob_name(&record.config_digest()),
                "RepoTags": tags,
                "Layers": record.layers.iter().map(|l| blob_name(&l.diff_id)).collect::<Vec<_>>(),
            }));
        }
    }
    reporter.event(PullEvent::Writing);
    let mut put = |name: &str, bytes: Vec<u8>| {
        sink.file(name, bytes.len() as u64, &mut &bytes[..])
            .map_err(werr)
    };
    match opts.format {
        Format::DockerDir => {
            put("manifest.json", dir_manifest)?;
            put("version", b"Directory Transport Version: 1.1\n".to_vec())?;
        }
        _ => {
            let index = json!({
                "schemaVersion": 2,
                "mediaType": OCI_INDEX,
                "manifests": index_entries,
            });
            put("index.json", serde_json::to_vec(&index).expect("json"))?;
            if opts.format == Format::DockerArchive {
                put(
                    "manifest.json",
                    serde_json::to_vec(&docker_manifest).expect("json"),
                )?;
            }
            put("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec())?;
            if opts.format == Format::DockerArchive {
                put(
                    "repositories",
                    serde_json::to_vec(&repositories).expect("json"),
                )?;
            }
        }
    }
    sink.finish().map_err(werr)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::DockerArchive => "docker-archive",
        Format::OciArchive => "oci-archive",
        Format::OciDir => "oci-dir",
        Format::DockerDir => "docker-dir",
    }
}
