//! `load`, `import`, and images run from `docker-archive:`/`oci-archive:`
//! references: opening the input, spooling streams and compressed files
//! into the store's scratch space, then the archive module's readers.

use fs_err::File;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use super::{io_err, ImageIoError, LoadSource, Scratch, ARCHIVE_TRANSPORTS};
use crate::build::change;
use crate::engine::Engine;
use crate::error::Result;
use crate::events::Status;
use crate::image::archive::{self, import, load};
use crate::image::pull::PullReporter;
use crate::image::{author, blobs, ImageRecord};
use crate::registry::manifest::Platform;
use crate::store::LockMode;

impl Engine {
    /// Opens what `load` and `import` read as a stream of bytes.
    fn open_source(&self, source: &LoadSource) -> Result<Box<dyn Read + Send>> {
        Ok(match source {
            LoadSource::Stdin => Box::new(io::stdin()),
            LoadSource::Path(p) => Box::new(File::open(p).map_err(|e| {
                if e.kind() == io::ErrorKind::NotFound {
                    ImageIoError::Stat {
                        path: p.clone(),
                        error: crate::sys::without_path(e),
                    }
                    .into()
                } else {
                    io_err("opening", p)(e)
                }
            })?),
            LoadSource::Url(url) => {
                let resp = ureq::get(url).call().map_err(|e| ImageIoError::Fetch {
                    url: url.clone(),
                    source: Box::new(e),
                })?;
                Box::new(resp.into_reader())
            }
        })
    }

    /// Copies `from`, decompressed when it is gzip, zstd, xz or bzip2, into a scratch
    /// file of the store; returns its path (removed when the guard drops).
    fn spool(&self, from: Box<dyn Read + Send>, what: &str) -> Result<(PathBuf, Scratch)> {
        let (path, file) = author::scratch_file(&self.store, "load")?;
        let guard = Scratch(path.clone());
        let mut plain =
            blobs::decompressed(from, None).map_err(|source| archive::Error::Stream {
                what: format!("reading {what}"),
                source,
            })?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        blobs::copy(&mut plain, &mut out)
            .and_then(|_| out.flush())
            .map_err(|source| -> crate::error::Error {
                if crate::sys::is_no_space(&source) {
                    ImageIoError::StoreFull {
                        what: what.to_string(),
                        root: self.store.root().to_path_buf(),
                        error: source,
                    }
                    .into()
                } else {
                    archive::Error::Stream {
                        what: format!("reading {what}"),
                        source,
                    }
                    .into()
                }
            })?;
        Ok((path, guard))
    }

    /// The image a `docker-archive:PATH[:NAME]` or `oci-archive:PATH[:NAME]`
    /// reference stands for (podman's `run`/`pull docker-archive:…`): the
    /// archive is loaded (a `pull` event), and the image named NAME in it
    /// (else its first image) is returned by name (by ID when it has none).
    /// `None` for references without these transports.
    pub fn load_archive_reference(
        &self,
        reference: &str,
        reporter: &dyn PullReporter,
    ) -> Result<Option<String>> {
        let Some(rest) = ARCHIVE_TRANSPORTS
            .iter()
            .find_map(|t| reference.strip_prefix(t))
        else {
            return Ok(None);
        };
        // PATH[:NAME]: the name only when the whole is not a file.
        let (path, name) = match rest.rsplit_once(':') {
            Some((p, n)) if !Path::new(rest).exists() && Path::new(p).exists() => (p, Some(n)),
            _ => (rest, None),
        };
        let wanted = name.map(Engine::normalize_new_name).transpose()?;
        let load = || -> Result<String> {
            let loaded =
                self.load_images_with(&LoadSource::Path(PathBuf::from(path)), reporter, false)?;
            let image = loaded
                .iter()
                .find(|l| wanted.as_ref().is_none_or(|w| l.names.contains(w)))
                .ok_or_else(|| ImageIoError::NoSuchImageInArchive {
                    reference: reference.to_string(),
                    name: name.unwrap_or_default().to_string(),
                })?;
            // As podman's, which pulls from the archive's transport.
            self.event_image(Status::Pull, &image.id, reference);
            Ok(image
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| image.id.clone()))
        };
        if !self.rootless || crate::userns::in_user_namespace() {
            return load().map(Some);
        }
        // Loading enters the user namespace; the container is created
        // outside it: a child loads.
        crate::sys::in_fork(|| load().map_err(|e| e.to_string()))
            .map_err(|source| ImageIoError::LoadChild {
                path: path.to_string(),
                source,
            })?
            .map(Some)
            .map_err(|e| ImageIoError::LoadInChild(e).into())
    }

    /// Loads the images of an archive or directory (`rpod load`).
    pub fn load_images(
        &self,
        source: &LoadSource,
        reporter: &dyn PullReporter,
    ) -> Result<Vec<load::Loaded>> {
        self.load_images_with(source, reporter, true)
    }

    /// [`Engine::load_images`]; `loadfromarchive` events (named by the
    /// source, as podman's) when `announce`.
    fn load_images_with(
        &self,
        source: &LoadSource,
        reporter: &dyn PullReporter,
        announce: bool,
    ) -> Result<Vec<load::Loaded>> {
        let what = match source {
            LoadSource::Stdin => "stdin".to_string(),
            LoadSource::Path(p) => p.display().to_string(),
            LoadSource::Url(u) => u.clone(),
        };
        // Check the path before entering the namespace (errors read as the user's).
        if let LoadSource::Path(p) = source {
            fs_err::metadata(p)
                .map_err(crate::sys::without_path)
                .map_err(|error| ImageIoError::Stat {
                    path: p.clone(),
                    error,
                })?;
        }
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let mut _spooled = None;
        let input = match source {
            LoadSource::Path(p) if p.is_dir() => load::Input::Dir(p.clone()),
            LoadSource::Path(p) if !is_compressed(p) => load::Input::Tar(p.clone()),
            other => {
                let (path, guard) = self.spool(self.open_source(other)?, &what)?;
                _spooled = Some(guard);
                load::Input::Tar(path)
            }
        };
        let opts = load::LoadOptions {
            rootless: self.rootless,
            parallel: self.containers_conf.image_parallel_copies().max(2),
        };
        let loaded = load::load(&self.store, &input, &opts, reporter)?;
        if announce {
            for l in &loaded {
                self.event_image(Status::LoadFromArchive, &l.id, &what);
            }
        }
        Ok(loaded)
    }

    /// Makes a one-layer image of a root file system tarball (`rpod
    /// import`): `changes` are `--change` instructions, `name` the image's
    /// name if any.
    pub fn import_image(
        &self,
        source: &LoadSource,
        name: Option<&str>,
        changes: &[String],
        message: Option<String>,
        platform: Option<Platform>,
    ) -> Result<ImageRecord> {
        let parsed = change::parse_changes(changes).map_err(ImageIoError::InvalidChange)?;
        let mut config: Value = json!({});
        change::apply(&mut config, &parsed);
        let names = match name {
            Some(n) => vec![Engine::normalize_new_name(n)?],
            None => Vec::new(),
        };
        if let LoadSource::Path(p) = source {
            if p.is_dir() {
                return Err(ImageIoError::ImportDirectory(p.clone()).into());
            }
            fs_err::metadata(p)
                .map_err(crate::sys::without_path)
                .map_err(|error| ImageIoError::Stat {
                    path: p.clone(),
                    error,
                })?;
        }
        let reader = self.open_source(source)?;
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let mut plain =
            blobs::decompressed(reader, None).map_err(|source| archive::Error::Stream {
                what: "reading the tarball".into(),
                source,
            })?;
        let opts = import::ImportOptions {
            config,
            message,
            names,
            platform: platform.unwrap_or_else(Platform::host),
            rootless: self.rootless,
        };
        let record = import::import(&self.store, &mut plain, &opts)?;
        let name = record.names.first().cloned().unwrap_or_default();
        self.event_image(Status::Import, &record.id, &name);
        Ok(record)
    }
}

/// Whether a file starts with the magic of gzip, zstd, xz or bzip2.
fn is_compressed(p: &Path) -> bool {
    let Ok(f) = File::open(p) else { return false };
    let mut r = BufReader::new(f);
    r.fill_buf()
        .map(|b| crate::layer::ArchiveCompression::sniff(b).is_compressed())
        .unwrap_or(false)
}
