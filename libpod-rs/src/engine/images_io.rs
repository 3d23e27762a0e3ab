//! The engine's image files: `save`, `load` and `import` (the formats live
//! in `image::archive`). Outputs appear only when complete (a scratch file
//! or directory beside the destination, renamed at the end); inputs that
//! are streams (stdin, a URL) or compressed are spooled under the store's
//! `tmp/` first, since an archive's parts come in any order.

use fs_err::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::Engine;
use crate::build::change;
use crate::error::{Error, Result};
use crate::events::Status;
use crate::image::archive::{self, import, load, save};
use crate::image::pull::PullReporter;
use crate::image::{author, blobs, push, ImageRecord};
use crate::layer::Compression;
use crate::registry::manifest::Platform;
use crate::store::LockMode;

/// Where `save` writes.
pub enum SaveTarget<'a> {
    /// A stream (the CLI's stdout; an archive format).
    Stream(&'a mut dyn Write),
    /// A file or directory (`-o`), made complete or not at all.
    Path(PathBuf),
}

/// What `load` and `import` read.
#[derive(Debug, Clone)]
pub enum LoadSource {
    /// Standard input.
    Stdin,
    /// A file or directory.
    Path(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
}

impl LoadSource {
    /// `-` is stdin, `http(s)://` a URL, anything else a path.
    pub fn parse(s: &str) -> LoadSource {
        if s == "-" || s == "/dev/stdin" {
            LoadSource::Stdin
        } else if s.starts_with("http://") || s.starts_with("https://") {
            LoadSource::Url(s.to_string())
        } else {
            LoadSource::Path(PathBuf::from(s))
        }
    }
}

/// The image transports of archives a container can be run from.
const ARCHIVE_TRANSPORTS: [&str; 2] = ["docker-archive:", "oci-archive:"];

/// Whether an image reference names an archive (`docker-archive:PATH`,
/// `oci-archive:PATH`), which `run` and `create` load first.
pub fn is_archive_reference(reference: &str) -> bool {
    ARCHIVE_TRANSPORTS.iter().any(|t| reference.starts_with(t))
}

/// Removes a scratch path (file or tree) when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = crate::layer::remove_tree(&self.0);
    }
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| {
        archive::Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
        .into()
    }
}

/// A sibling of `path` to write before renaming onto it.
fn sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.rpod-{}", std::process::id()))
}

impl Engine {
    /// Saves images (`rpod save`): `inputs[0]` is an image; the others are
    /// more images with `multi` (`-m`), else more names for the first
    /// (podman's reading). An image given by name is saved with that name,
    /// one given by ID without any.
    pub fn save_images(
        &self,
        inputs: &[String],
        multi: bool,
        opts: save::SaveOptions,
        target: SaveTarget<'_>,
        reporter: &dyn PullReporter,
    ) -> Result<()> {
        let index = self.index()?;
        let search = self.registries.search_registries();
        let mut images: Vec<save::SaveImage> = Vec::new();
        let (first, rest) = inputs
            .split_first()
            .ok_or_else(|| Error::Message("give at least one image to save".into()))?;
        let mut add = |input: &str| -> Result<()> {
            let found = index.find(input, search)?;
            let record = index.images[found.index].clone();
            images.push(save::SaveImage {
                record,
                names: found.name.into_iter().collect(),
            });
            Ok(())
        };
        add(first)?;
        if multi {
            for i in rest {
                add(i)?;
            }
        } else {
            for tag in rest {
                let name = Engine::normalize_new_name(tag)?;
                if !images[0].names.contains(&name) {
                    images[0].names.push(name);
                }
            }
        }
        if opts.format.is_dir() && matches!(target, SaveTarget::Stream(_)) {
            return Err(Error::Message(
                "--format oci-dir and docker-dir write a directory: give it with -o".into(),
            ));
        }
        // podman's save events name the output (a path; the image to stdout).
        let output = match &target {
            SaveTarget::Path(p) => Some(p.to_string_lossy().into_owned()),
            SaveTarget::Stream(_) => None,
        };
        self.write_saved(&images, &opts, target, reporter)?;
        for (image, input) in images.iter().zip(inputs) {
            self.event_image(
                Status::Save,
                &image.record.id,
                output.as_deref().unwrap_or(input),
            );
        }
        Ok(())
    }

    /// Writes saved images to `target` (`save`, and `push` to a file or
    /// directory transport).
    fn write_saved(
        &self,
        images: &[save::SaveImage],
        opts: &save::SaveOptions,
        target: SaveTarget<'_>,
        reporter: &dyn PullReporter,
    ) -> Result<()> {
        // Layers hold subordinate ids: read them as root of rpod's namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        match target {
            SaveTarget::Stream(w) => {
                let mut out = io::BufWriter::with_capacity(1 << 20, w);
                save::save(
                    &self.store,
                    images,
                    opts,
                    save::Dest::Stream(&mut out),
                    reporter,
                )?;
                out.flush().map_err(|source| archive::Error::Stream {
                    what: "writing the archive".into(),
                    source,
                })?;
            }
            SaveTarget::Path(path) => {
                let tmp = sibling(&path);
                let guard = Scratch(tmp.clone());
                if opts.format.is_dir() {
                    fs_err::create_dir(&tmp).map_err(io_err("creating", &tmp))?;
                    save::save(&self.store, images, opts, save::Dest::Dir(&tmp), reporter)?;
                    if path.is_dir() {
                        // podman refuses to mix two images in one directory.
                        fs_err::remove_dir(&path).map_err(crate::sys::without_path).map_err(|e| {
                            Error::Message(format!(
                                "{}: the directory exists and is not empty ({e}): remove it or choose another",
                                path.display()
                            ))
                        })?;
                    }
                } else {
                    let file = File::create(&tmp).map_err(io_err("creating", &tmp))?;
                    let mut out = io::BufWriter::with_capacity(1 << 20, file);
                    save::save(
                        &self.store,
                        images,
                        opts,
                        save::Dest::Stream(&mut out),
                        reporter,
                    )?;
                    let file = out
                        .into_inner()
                        .map_err(|e| io_err("writing", &tmp)(e.into_error()))?;
                    file.sync_all().map_err(io_err("writing", &tmp))?;
                }
                fs_err::rename(&tmp, &path).map_err(io_err("renaming into place", &path))?;
                std::mem::forget(guard);
            }
        }
        Ok(())
    }

    /// Opens what `load` and `import` read as a stream of bytes.
    fn open_source(&self, source: &LoadSource) -> Result<Box<dyn Read + Send>> {
        Ok(match source {
            LoadSource::Stdin => Box::new(io::stdin()),
            LoadSource::Path(p) => Box::new(File::open(p).map_err(|e| {
                if e.kind() == io::ErrorKind::NotFound {
                    Error::Message(format!("stat {}: no such file or directory", p.display()))
                } else {
                    io_err("opening", p)(e)
                }
            })?),
            LoadSource::Url(url) => {
                let resp = ureq::get(url)
                    .call()
                    .map_err(|e| Error::Message(format!("fetching {url}: {e}")))?;
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
            .map_err(|source| {
                if crate::sys::is_no_space(&source) {
                    Error::Message(format!(
                        "reading {what}: the file system of the store ({}) is full: free space there or move the store with --root",
                        self.store.root().display()
                    ))
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
                .ok_or_else(|| {
                    Error::Message(format!(
                        "{reference}: the archive has no image named {}",
                        name.unwrap_or_default()
                    ))
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
            .map_err(|e| Error::Message(format!("loading {path}: {e}")))?
            .map(Some)
            .map_err(Error::Message)
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
                .map_err(|e| {
                    Error::Message(format!("stat {}: {}", p.display(), strip_os_error(&e)))
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
        let parsed = change::parse_changes(changes).map_err(Error::Message)?;
        let mut config: Value = json!({});
        change::apply(&mut config, &parsed);
        let names = match name {
            Some(n) => vec![Engine::normalize_new_name(n)?],
            None => Vec::new(),
        };
        if let LoadSource::Path(p) = source {
            if p.is_dir() {
                return Err(Error::Message(format!(
                    "{}: is a directory: import takes a tarball (make one with `tar -C DIR -cf FILE .`)",
                    p.display()
                )));
            }
            fs_err::metadata(p)
                .map_err(crate::sys::without_path)
                .map_err(|e| {
                    Error::Message(format!("stat {}: {}", p.display(), strip_os_error(&e)))
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

/// An I/O error's text without Rust's ` (os error N)` suffix (podman's wording).
fn strip_os_error(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

/// What `push` was asked for.
#[derive(Debug, Clone, Default)]
pub struct PushRequest {
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds`.
    pub credentials: Option<crate::config::Credentials>,
    /// `--authfile`.
    pub auth_file: Option<PathBuf>,
    /// `--cert-dir`.
    pub cert_dir: Option<PathBuf>,
    /// `--retry` (containers.conf's, else 3).
    pub retry: Option<u32>,
    /// `--retry-delay`.
    pub retry_delay: Option<std::time::Duration>,
    /// `--format` (`oci`, `v2s2`); the image's own when `None`.
    pub format: Option<push::ManifestFormat>,
    /// `--compression-format zstd` (gzip otherwise).
    pub zstd: bool,
    /// `--compression-level` (gzip 1 to 9, zstd 1 to 20).
    pub compression_level: Option<i32>,
}

impl Engine {
    /// The local names (`REPO:TAG`) in the repository `repo` names (no tag
    /// or digest allowed), for `push --all-tags`; a short name matches
    /// a repository of that name in any registry (`localhost/` first).
    pub fn repository_tags(&self, repo: &str) -> Result<Vec<String>> {
        let r = crate::reference::Reference::parse(repo)
            .map_err(|e| Error::Message(format!("{repo}: {e}")))?;
        if r.tag().is_some() || r.digest().is_some() {
            return Err(Error::Message(
                "tag can't be used with --all-tags/-a".into(),
            ));
        }
        let short = crate::reference::Reference::is_short_name(repo);
        let mut out: Vec<String> = Vec::new();
        for image in self.images()? {
            for n in &image.names {
                let Ok(parsed) = crate::reference::Reference::parse(n) else {
                    continue;
                };
                if parsed.tag().is_none() {
                    continue;
                }
                let same = parsed.name() == r.name()
                    || (short && parsed.name().ends_with(&format!("/{repo}")));
                if same && !out.iter().any(|o| o == n) {
                    out.push(n.clone());
                }
            }
        }
        if out.is_empty() {
            return Err(Error::Message(format!(
                "{repo}: no tagged image of this repository is stored"
            )));
        }
        out.sort();
        Ok(out)
    }

    /// `push` to `docker-archive:`, `oci-archive:`, `oci:` or `dir:` PATH:
    /// what `save --format` writes there, under the name `source` gives
    /// (none when it is an ID), with a `push` event; returns the image's
    /// digest.
    fn push_to_path(
        &self,
        source: &str,
        record: &ImageRecord,
        dest: &str,
        format: archive::Format,
        path: &str,
        reporter: &dyn PullReporter,
    ) -> Result<crate::digest::Digest> {
        if path.is_empty() {
            return Err(Error::Message(format!(
                "{dest}: give the path to write after the transport (e.g. dir:/tmp/image)"
            )));
        }
        let index = self.index()?;
        let found = index.find(source, self.registries.search_registries())?;
        let images = [save::SaveImage {
            record: record.clone(),
            names: found.name.into_iter().collect(),
        }];
        let opts = save::SaveOptions {
            format,
            ..Default::default()
        };
        self.write_saved(
            &images,
            &opts,
            SaveTarget::Path(PathBuf::from(path)),
            reporter,
        )?;
        self.event_image(Status::Push, &record.id, dest);
        Ok(record.digest.clone())
    }

    /// Pushes the image `source` to `destination` (a full reference, the
    /// image's own name when `None`; `docker://` is accepted); returns the
    /// manifest's digest.
    pub fn push_image(
        &self,
        source: &str,
        destination: Option<&str>,
        req: PushRequest,
        reporter: &dyn PullReporter,
    ) -> Result<crate::digest::Digest> {
        let record = self.find_image(source)?;
        let dest = destination.unwrap_or(source);
        let dest = dest.strip_prefix("docker://").unwrap_or(dest);
        if let Some((transport, path)) = dest.split_once(':') {
            let format = match transport {
                "docker-archive" => Some(archive::Format::DockerArchive),
                "oci-archive" => Some(archive::Format::OciArchive),
                "oci" => Some(archive::Format::OciDir),
                "dir" => Some(archive::Format::DockerDir),
                _ => None,
            };
            if let Some(format) = format {
                return self.push_to_path(source, &record, dest, format, path, reporter);
            }
            if transport == "containers-storage" {
                return Err(Error::Message(
                    "push to the containers-storage: transport is not supported: the image is in rpod's store already".into(),
                ));
            }
        }
        let reference = crate::reference::Reference::parse(dest)
            .map_err(|e| Error::Message(format!("{dest}: {e}")))?;
        if crate::reference::Reference::is_short_name(dest) {
            return Err(Error::Message(format!(
                "{dest}: push needs a destination with a registry (e.g. localhost:5000/{dest})"
            )));
        }
        let reference = reference.with_default_tag();
        let tag_or_digest = match (reference.digest(), reference.tag()) {
            (Some(d), _) => d.to_string(),
            (None, Some(t)) => t.to_string(),
            (None, None) => "latest".to_string(),
        };
        let endpoint = self
            .registries
            .endpoints(&reference)?
            .into_iter()
            .find(|e| !e.mirror)
            .ok_or_else(|| Error::Message(format!("{dest}: no registry to push to")))?;
        crate::config::AuthStore::new(&self.paths, req.auth_file.clone()).check_explicit()?;
        let client = self.client(req.tls_verify, req.credentials, req.auth_file, req.cert_dir)?;
        let (conf_count, conf_delay) = self.containers_conf.retry();
        let retry = crate::registry::Retry {
            count: req.retry.or(conf_count).unwrap_or(3),
            delay: req.retry_delay.or(conf_delay),
        };
        let compression = if req.zstd {
            Compression::Zstd
        } else {
            Compression::Gzip
        };
        if let Some(level) = req.compression_level {
            crate::image::blobs::check_level(compression, level).map_err(Error::Message)?;
        }
        let opts = push::PushOptions {
            format: req.format,
            compression,
            level: req.compression_level,
        };
        // Layers hold subordinate ids: read them as root of rpod's namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let name = reference.to_string();
        let mut retries = 0;
        loop {
            match push::push(
                &self.store,
                &client,
                &record,
                &endpoint,
                &name,
                &tag_or_digest,
                &opts,
                reporter,
            ) {
                Err(e) if e.is_retryable() && retries < retry.count => {
                    retries += 1;
                    let delay = retry.delay_before(retries);
                    reporter.event(crate::image::pull::PullEvent::Warning(format!(
                        "Failed, retrying in {:?} ... ({retries}/{}). Error: {e}",
                        delay, retry.count
                    )));
                    std::thread::sleep(delay);
                }
                Err(e) => return Err(e.into()),
                Ok(d) => {
                    self.event_image(Status::Push, &record.id, &name);
                    return Ok(d);
                }
            }
        }
    }
}
