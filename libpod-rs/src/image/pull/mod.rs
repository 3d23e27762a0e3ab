//! The pull pipeline: resolve the name, fetch the manifest (choosing a
//! platform from an index), fetch the config, then fetch, verify and unpack
//! every missing layer concurrently, and record the image.
//!
//! Each layer streams from the network through two hashers (compressed and
//! uncompressed) and the decompressor straight into the tar unpacker, so
//! download, verification and unpacking overlap, and several layers
//! decompress on several cores at once. A layer is unpacked into a scratch
//! directory under its own lock and renamed into place only when both
//! digests match; the image record is written last. Whatever is killed
//! when, the store never shows a partial layer or image.
//!
//! Every blob must be the size its descriptor declares (a registry sending
//! more fails the pull at the first extra byte). A pull that fails on the
//! network (a broken or stalled download, a refused connection, 429, 5xx)
//! is retried whole, as podman retries it (`--retry`, `--retry-delay`), with
//! a warning; the layers it already stored are not fetched again.

use chrono::{DateTime, Utc};
use oci_spec::image::{Descriptor, ImageManifest};
use serde::Deserialize;

use crate::config::{Endpoint, RegistriesConf};
use crate::digest::Digest;
use crate::image::{ImageIndex, ImageRecord, LayerRef};
use crate::reference::Reference;
use crate::registry::manifest::{self, Manifest, Platform};
use crate::registry::{Client, Retry, MAX_MANIFEST};
use crate::store::{LockMode, Store};

mod error;
mod layers;

pub use error::Error;

use error::go_duration;
use layers::fetch_layers;

/// Largest config accepted (podman uses 4 MiB, as for manifests).
const MAX_CONFIG: usize = MAX_MANIFEST;

/// The parts of an image config a pull records. Not oci-spec's
/// `ImageConfiguration`, which requires fields the format leaves optional
/// (`history`): podman pulls configs without them, and so does rpod.
#[derive(Debug, Default, Deserialize)]
struct ConfigHead {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    rootfs: RootFsHead,
}

/// The config's `rootfs`.
#[derive(Debug, Default, Deserialize)]
struct RootFsHead {
    #[serde(default)]
    diff_ids: Vec<String>,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct PullOptions {
    /// The platform to choose from an index.
    pub platform: Platform,
    /// How many layers to fetch at once.
    pub parallel: usize,
    /// Whether layers are unpacked in a user namespace (opaque xattr name).
    pub rootless: bool,
    /// How a pull that fails on the network is retried.
    pub retry: Retry,
    /// The signature policy to check each image against (none: accept).
    pub trust: Option<crate::image::trust::Checker>,
    /// `--decryption-key` was given (rpod cannot decrypt layers yet).
    pub decryption_keys: bool,
}

/// Progress of a pull, for the CLI to render.
#[derive(Debug, Clone)]
pub enum PullEvent {
    /// A candidate reference is being tried.
    Trying(String),
    /// A layer blob is about to be copied.
    BlobStart {
        /// The blob.
        digest: Digest,
        /// Its size, when the manifest says.
        size: u64,
    },
    /// Bytes of a layer blob arrived (cumulative).
    BlobProgress {
        /// The blob.
        digest: Digest,
        /// Bytes so far.
        done: u64,
    },
    /// A layer blob is complete (`skipped` when the store already had it).
    BlobDone {
        /// The blob.
        digest: Digest,
        /// True when nothing was fetched.
        skipped: bool,
    },
    /// The config blob was fetched.
    Config(Digest),
    /// The image record is being written.
    Writing,
    /// A non-fatal remark (e.g. entries dropped from a hostile layer).
    Warning(String),
    /// A progress line said as it is ("Storing signatures").
    Note(String),
}

/// Receives pull progress; called from several threads.
pub trait PullReporter: Sync {
    /// Called for each event.
    fn event(&self, event: PullEvent);
}

/// A reporter that ignores everything.
pub struct NoProgress;

impl PullReporter for NoProgress {
    fn event(&self, _event: PullEvent) {}
}

/// Checks `--decryption-key KEY[:PASSPHRASE]` values as ocicrypt reads
/// them: each key file (`provider:` keys aside) must be readable.
pub fn check_decryption_keys(keys: &[String]) -> Result<(), Error> {
    for key in keys.iter().filter(|k| !k.starts_with("provider:")) {
        let file = key.split(':').next().unwrap_or_default();
        if let Err(e) = fs_err::File::open(file) {
            let why = crate::sys::os_code(&e).map_or_else(
                || crate::sys::os_text(&e),
                |c| crate::config::errno_text(nix::errno::Errno::from_raw(c)),
            );
            return Err(Error::DecryptionKey(format!("open {file}: {why}")));
        }
    }
    Ok(())
}

/// Pulls `input` (short or full name, tag or digest) into the store.
pub fn pull(
    store: &Store,
    client: &Client,
    registries: &RegistriesConf,
    input: &str,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<ImageRecord, Error> {
    let candidates = registries.candidates(input)?;
    let mut errors = Vec::new();
    let mut first_error = None;
    for candidate in &candidates {
        for endpoint in registries.endpoints(candidate)? {
            reporter.event(PullEvent::Trying(candidate.to_string()));
            let mut retries = 0;
            let result = loop {
                match pull_one(store, client, candidate, &endpoint, opts, reporter) {
                    Err(e) if e.is_retryable() && retries < opts.retry.count => {
                        retries += 1;
                        let delay = opts.retry.delay_before(retries);
                        // podman's words, so that scripts reading them carry over.
                        reporter.event(PullEvent::Warning(format!(
                            "Failed, retrying in {} ... ({retries}/{}). Error: {e}",
                            go_duration(delay),
                            opts.retry.count
                        )));
                        std::thread::sleep(delay);
                    }
                    other => break other,
                }
            };
            match result {
                Ok(record) => return Ok(record),
                Err(e) => {
                    errors.push(e.to_string());
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    match (errors.len(), first_error) {
        (1, Some(e)) => Err(e),
        _ => Err(Error::AllCandidatesFailed {
            input: input.to_string(),
            errors,
        }),
    }
}

fn pull_one(
    store: &Store,
    client: &Client,
    reference: &Reference,
    endpoint: &Endpoint,
    opts: &PullOptions,
    reporter: &dyn PullReporter,
) -> Result<ImageRecord, Error> {
    let name = reference.to_string();
    let reg = |source| Error::Registry {
        reference: name.clone(),
        source,
    };
    let bad = |message: String| Error::BadImage {
        reference: name.clone(),
        message,
    };
    let tag_or_digest = match (reference.digest(), reference.tag()) {
        (Some(d), _) => d.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "latest".to_string(),
    };
    let top = client
        .get_manifest(endpoint, &tag_or_digest, None)
        .map_err(reg)?;
    if let Some(checker) = &opts.trust {
        checker.check(reference, &top.digest)?;
    }
    let mut fetched = top.clone();
    let mut parsed = manifest::parse(&top.bytes, &top.media_type).map_err(reg)?;
    if let Manifest::Index(index) = &parsed {
        let chosen = manifest::select(index, &opts.platform).map_err(reg)?;
        fetched = client
            .get_manifest(endpoint, chosen.digest().as_ref(), Some(chosen.size()))
            .map_err(reg)?;
        parsed = manifest::parse(&fetched.bytes, &fetched.media_type).map_err(reg)?;
    }
    let image_manifest: ImageManifest = match parsed {
        Manifest::Image(m) => m,
        Manifest::Index(_) => return Err(bad("an index points at another index".into())),
    };

    if let Some(layer) = image_manifest
        .layers()
        .iter()
        .find(|l| l.media_type().to_string().ends_with("+encrypted"))
    {
        return Err(Error::Encrypted {
            reference: name.clone(),
            digest: layer.digest().to_string(),
            keys: opts.decryption_keys,
        });
    }
    let config_digest = descriptor_digest(image_manifest.config(), &name, "config")?;
    tracing::debug!("fetching config {config_digest}");
    let config_bytes = client
        .get_blob_bytes(
            endpoint,
            &config_digest,
            image_manifest.config().size(),
            MAX_CONFIG,
        )
        .map_err(reg)?;
    reporter.event(PullEvent::Config(config_digest.clone()));
    let config: ConfigHead = serde_json::from_slice(&config_bytes)
        .map_err(|e| bad(format!("image config {config_digest}: {e}")))?;
    let diff_ids: Vec<Digest> = config
        .rootfs
        .diff_ids
        .iter()
        .map(|d| d.parse())
        .collect::<Result<_, _>>()
        .map_err(|e| bad(format!("image config diff_ids: {e}")))?;
    let descriptors = image_manifest.layers();
    let layer_digests = descriptors
        .iter()
        .map(|d| descriptor_digest(d, &name, "layer"))
        .collect::<Result<Vec<_>, _>>()?;
    if diff_ids.len() != descriptors.len() {
        return Err(bad(format!(
            "the manifest lists {} layers but the config {}",
            descriptors.len(),
            diff_ids.len()
        )));
    }

    // Hold `gc` shared until the record names our layers.
    let _gc = store.lock("gc", LockMode::Shared)?;
    let layer_sizes = fetch_layers(
        store,
        client,
        &name,
        endpoint,
        descriptors,
        &layer_digests,
        &diff_ids,
        opts,
        reporter,
    )?;

    tracing::debug!("layers done; writing the image record");
    reporter.event(PullEvent::Writing);
    store.put_blob(&config_digest, &config_bytes)?;
    store.put_blob(&fetched.digest, &fetched.bytes)?;
    if top.digest != fetched.digest {
        store.put_blob(&top.digest, &top.bytes)?;
    }
    let layers = descriptors
        .iter()
        .zip(layer_digests)
        .zip(&diff_ids)
        .zip(layer_sizes)
        .map(|(((desc, digest), diff_id), size)| LayerRef {
            diff_id: diff_id.clone(),
            digest,
            media_type: desc.media_type().to_string(),
            size,
        })
        .collect();
    let repo = reference.name();
    let mut repo_digests = vec![format!("{repo}@{}", top.digest)];
    if fetched.digest != top.digest {
        repo_digests.push(format!("{repo}@{}", fetched.digest));
    }
    // podman's names: repo:tag (tag defaults to latest), or repo@digest
    // when a digest is given (with a tag too, the digest wins, as podman).
    let names = match (reference.tag(), reference.digest()) {
        (_, Some(d)) => vec![format!("{repo}@{d}")],
        (tag, None) => vec![format!("{repo}:{}", tag.unwrap_or("latest"))],
    };
    let record = ImageRecord {
        id: config_digest.hex().to_string(),
        names,
        digest: top.digest.clone(),
        manifest_digest: fetched.digest.clone(),
        manifest_type: fetched.media_type.clone(),
        repo_digests,
        layers,
        created: config
            .created
            .as_deref()
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc)),
        pulled: Utc::now(),
        architecture: config.architecture.clone(),
        os: config.os.clone(),
        read_only: false,
    };
    let _lock = store.lock("store", LockMode::Exclusive)?;
    let mut index: ImageIndex = store.read_record("images.json")?;
    index.insert(record.clone());
    store.write_record("images.json", &index)?;
    tracing::debug!("image {} recorded", record.id);
    Ok(index
        .images
        .into_iter()
        .find(|i| i.id == record.id)
        .unwrap_or(record))
}

/// The digest a descriptor names, as rpod's type; a bad one means a broken image.
fn descriptor_digest(desc: &Descriptor, reference: &str, what: &str) -> Result<Digest, Error> {
    desc.digest()
        .to_string()
        .parse()
        .map_err(|e| Error::BadImage {
            reference: reference.to_string(),
            message: format!("{what} digest: {e}"),
        })
}
