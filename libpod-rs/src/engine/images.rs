//! Images in the store: pulling (in process or as a child), listing, finding,
//! inspecting, tagging, removing and pruning them, and registry logins.

use std::path::PathBuf;

use super::{Engine, RemoveOptions, Report};
use crate::config::{AuthStore, Credentials};
use crate::error::{Error, Result};
use crate::image::inspect::{self, HistoryEntry, ImageInspect};
use crate::image::pull::{self, PullOptions, PullReporter};
use crate::image::{ImageIndex, ImageRecord};
use crate::layer;
use crate::reference::Reference;
use crate::registry::manifest::Platform;
use crate::registry::{Client, ClientOptions};
use crate::store::LockMode;

/// Why an image verb (pull, tag, untag, login, rmi) failed, beyond the
/// errors of the image, registry and store modules.
#[derive(Debug, thiserror::Error)]
pub enum ImageOpError {
    /// A pull ran out of space in the store.
    #[error(
        "{source}\nthe file system of the store ({}) is full: free space there (e.g. `rpod image prune`) or move the store with --root",
        root.display()
    )]
    StoreFull {
        /// The pull's error.
        source: Box<pull::Error>,
        /// The store's graph root.
        root: PathBuf,
    },
    /// A new name for `tag` carries a digest.
    #[error("{name}: a tag cannot contain a digest; give NAME[:TAG]")]
    TagWithDigest {
        /// The name as given.
        name: String,
    },
    /// `untag` of a name the image does not have.
    #[error("{name}: tag not known")]
    TagNotKnown {
        /// The name as given.
        name: String,
    },
    /// `login --get-login` for a registry without saved credentials
    /// (podman's words).
    #[error("not logged into {registry}")]
    NotLoggedIn {
        /// The registry.
        registry: String,
    },
    /// `login` to a registry without an endpoint.
    #[error("{registry}: no endpoint configured")]
    NoEndpoint {
        /// The registry.
        registry: String,
    },
    /// The `rpod pull` child failed (it reported why).
    #[error("{image}: pulling the image failed (see above)")]
    PullChildFailed {
        /// The image.
        image: String,
    },
    /// A change to an image of an additional (read-only) image store (libimage's words).
    #[error("cannot {op} read-only image {id:?}: it is in an additional image store")]
    ReadOnly {
        /// What was refused ("remove", "tag", "untag").
        op: &'static str,
        /// The image's ID.
        id: String,
    },
    /// `pull --all-tags` from a transport other than a registry (libimage's words).
    #[error("pulling all tags is not supported for {transport} transport")]
    AllTagsTransport {
        /// The transport named.
        transport: String,
    },
    /// `rmi ID` of an image with several names, without `-f`.
    #[error(
        "unable to delete image {id} by ID with more than one tag ({}): please force removal with `rpod rmi -f`",
        names.join(", ")
    )]
    ByIdWithTags {
        /// The image's ID.
        id: String,
        /// Its names.
        names: Vec<String>,
    },
}

/// What a pull needs besides the name.
#[derive(Debug, Clone, Default)]
pub struct PullRequest {
    /// `--platform` (or `--os`/`--arch`/`--variant`); the host's when `None`.
    pub platform: Option<Platform>,
    /// `--tls-verify`.
    pub tls_verify: Option<bool>,
    /// `--creds`.
    pub credentials: Option<Credentials>,
    /// `--authfile`.
    pub auth_file: Option<PathBuf>,
    /// `--cert-dir`: certificates for every registry, instead of certs.d.
    pub cert_dir: Option<PathBuf>,
    /// `--retry`: retries after a failed attempt (containers.conf's, else 3).
    pub retry: Option<u32>,
    /// `--retry-delay`: the delay between retries (default: 2 s, doubling).
    pub retry_delay: Option<std::time::Duration>,
    /// `--signature-policy`: the policy file instead of policy.json.
    pub signature_policy: Option<PathBuf>,
    /// `--decryption-key KEY[:PASSPHRASE]`.
    pub decryption_keys: Vec<String>,
}

impl Engine {
    /// A registry client: `--tls-verify`, `--creds`, `--authfile`, `--cert-dir`.
    pub(super) fn client(
        &self,
        tls_verify: Option<bool>,
        creds: Option<Credentials>,
        auth_file: Option<PathBuf>,
        cert_dir: Option<PathBuf>,
    ) -> Result<Client> {
        let auth = AuthStore::new(&self.paths, auth_file);
        Ok(Client::new(
            auth,
            crate::registry::tls::Trust::new(&self.paths, cert_dir),
            ClientOptions {
                tls_verify,
                credentials: creds,
                read_timeout: self.registry_timeout,
                ..ClientOptions::default()
            },
        )?)
    }

    /// [`Engine::client`] for every command but `login` (which creates the
    /// file): an `--authfile` that does not exist is the error first, as podman's.
    pub(super) fn checked_client(
        &self,
        tls_verify: Option<bool>,
        creds: Option<Credentials>,
        auth_file: Option<PathBuf>,
        cert_dir: Option<PathBuf>,
    ) -> Result<Client> {
        AuthStore::new(&self.paths, auth_file.clone()).check_explicit()?;
        self.client(tls_verify, creds, auth_file, cert_dir)
    }

    /// Every image: this store's, then those of the additional image
    /// stores that this store does not have (marked read-only).
    pub(super) fn index(&self) -> Result<ImageIndex> {
        let mut index = self.own_index()?;
        for root in self.store.additional_image_stores() {
            let path = root.join("images.json");
            let other: ImageIndex = match fs_err::read(&path) {
                Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| {
                    crate::store::Error::Corrupt {
                        path: path.clone(),
                        source,
                    }
                })?,
                // A store without images yet.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(crate::store::Error::Io {
                        action: "reading",
                        path,
                        source: e,
                    }
                    .into())
                }
            };
            for mut image in other.images {
                if index.images.iter().all(|i| i.id != image.id) {
                    image.read_only = true;
                    index.images.push(image);
                }
            }
        }
        Ok(index)
    }

    /// This store's own images (what `images.json` holds and writes keep).
    pub(super) fn own_index(&self) -> Result<ImageIndex> {
        Ok(self.store.read_record("images.json")?)
    }

    /// Pulls an image; `input` is what the user typed (`alpine`, `host/repo:tag@digest`).
    pub fn pull(
        &self,
        input: &str,
        req: PullRequest,
        reporter: &dyn PullReporter,
    ) -> Result<ImageRecord> {
        // `docker-archive:PATH`, `oci-archive:PATH`: loaded from the file.
        if let Some(name) = self.load_archive_reference(input, reporter)? {
            return self.find_image(&name);
        }
        pull::check_decryption_keys(&req.decryption_keys)?;
        let trust = self.trust_checker(req.signature_policy.as_deref())?;
        tracing::debug!("creating the registry client");
        let client =
            self.checked_client(req.tls_verify, req.credentials, req.auth_file, req.cert_dir)?;
        let (conf_count, conf_delay) = self.containers_conf.retry();
        tracing::debug!("registry client ready");
        let opts = PullOptions {
            platform: req.platform.unwrap_or_else(Platform::host),
            parallel: self.containers_conf.image_parallel_copies().max(1),
            rootless: self.rootless,
            retry: crate::registry::Retry {
                count: req.retry.or(conf_count).unwrap_or(3),
                delay: req.retry_delay.or(conf_delay),
            },
            trust,
            decryption_keys: !req.decryption_keys.is_empty(),
        };
        let pulled = pull::pull(
            &self.store,
            &client,
            &self.registries,
            input,
            &opts,
            reporter,
        );
        self.event_pull(input, &pulled);
        pulled.map_err(|e| {
            if crate::sys::is_no_space(&e) {
                // Nothing was stored; say what to do.
                ImageOpError::StoreFull {
                    source: Box::new(e),
                    root: self.store.root().to_path_buf(),
                }
                .into()
            } else {
                e.into()
            }
        })
    }

    /// Pulls every tag of a repository (`pull --all-tags`), in the order
    /// the registry lists them, and returns the images in that order.
    ///
    /// As podman: a short name means docker.io (no search registries), and
    /// a tag or digest in `input` is dropped; the tags come from the
    /// registry itself (not its mirrors), the images through the usual pull.
    pub fn pull_all_tags(
        &self,
        input: &str,
        req: PullRequest,
        reporter: &dyn PullReporter,
    ) -> Result<Vec<ImageRecord>> {
        let name = input.strip_prefix("docker://").unwrap_or(input);
        if let Some(t) = super::images_io::ARCHIVE_TRANSPORTS
            .iter()
            .find(|t| name.starts_with(**t))
        {
            return Err(ImageOpError::AllTagsTransport {
                transport: t.trim_end_matches(':').to_string(),
            }
            .into());
        }
        let parsed =
            Reference::parse(name).map_err(|source| crate::config::Error::BadReference {
                path: PathBuf::from("(command line)"),
                value: input.to_string(),
                source,
            })?;
        let repo = Reference::parse(&parsed.name()).expect("a parsed name parses");
        let client = self.checked_client(
            req.tls_verify,
            req.credentials.clone(),
            req.auth_file.clone(),
            req.cert_dir.clone(),
        )?;
        let endpoints = self.registries.endpoints(&repo)?;
        let primary = endpoints
            .iter()
            .find(|e| !e.mirror)
            .or(endpoints.last())
            .expect("endpoints() always names the registry itself");
        let tags = client.list_tags(primary)?;
        let mut pulled = Vec::with_capacity(tags.len());
        for tag in tags {
            pulled.push(self.pull(&repo.with_tag(&tag).to_string(), req.clone(), reporter)?);
        }
        Ok(pulled)
    }

    /// The signature policy a pull checks images against: `explicit`
    /// (`--signature-policy`), else policy.json (the user's, else the
    /// system's). Without any policy file every image is accepted (podman
    /// refuses to pull; rpod does not require containers-common).
    pub(crate) fn trust_checker(
        &self,
        explicit: Option<&std::path::Path>,
    ) -> Result<Option<crate::image::trust::Checker>> {
        use crate::image::trust;
        let Some(path) = trust::policy_path(explicit, &self.paths.home, &self.paths.system_dir)
        else {
            tracing::debug!("no policy.json: accepting every image");
            return Ok(None);
        };
        let policy = trust::Policy::load(&path).map_err(pull::Error::from)?;
        Ok(Some(trust::Checker {
            policy,
            registries_d: crate::image::sign::registries_d(
                &self.paths.home,
                &self.paths.system_dir,
            ),
            home: self.paths.home.clone(),
            root: !self.rootless,
        }))
    }

    /// Refuses to change an image of an additional image store (podman's
    /// words for removal; the same for tagging, which would write it).
    fn refuse_read_only(&self, input: &str, op: &'static str) -> Result<()> {
        if self.store.additional_image_stores().is_empty() {
            return Ok(());
        }
        let index = self.index()?;
        match index.find(input, self.registries.search_registries()) {
            Ok(found) if index.images[found.index].read_only => Err(ImageOpError::ReadOnly {
                op,
                id: index.images[found.index].id.clone(),
            }
            .into()),
            _ => Ok(()),
        }
    }

    /// Every image record, oldest first.
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        Ok(self.index()?.images)
    }

    /// The unpacked directories of an image's layers, top first (the
    /// order of overlay's `lowerdir`).
    pub(crate) fn layer_dirs(&self, image: &ImageRecord) -> Vec<PathBuf> {
        image
            .layers
            .iter()
            .rev()
            .map(|l| self.store.layer_diff(&l.diff_id))
            .collect()
    }

    /// The unpacked layer directories of the image `input` names, top first:
    /// its file system read without mounting it (shell completion of paths).
    pub fn image_layer_dirs(&self, input: &str) -> Result<Vec<PathBuf>> {
        Ok(self.layer_dirs(&self.find_image(input)?))
    }

    /// The image the user means by `input`.
    pub fn find_image(&self, input: &str) -> Result<ImageRecord> {
        let index = self.index()?;
        let found = index.find(input, self.registries.search_registries())?;
        Ok(index.images[found.index].clone())
    }

    /// Whether `input` names a stored image.
    pub fn image_exists(&self, input: &str) -> Result<bool> {
        match self.find_image(input) {
            Ok(_) => Ok(true),
            Err(e) if e.is_image_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Inspect data of an image.
    pub fn inspect_image(&self, input: &str) -> Result<ImageInspect> {
        let record = self.find_image(input)?;
        Ok(inspect::inspect(&self.store, &record))
    }

    /// Build history of an image, newest first.
    pub fn history(&self, input: &str) -> Result<Vec<HistoryEntry>> {
        let record = self.find_image(input)?;
        Ok(inspect::history(&self.store, &record))
    }

    /// Normalises a name given to `tag`: short names go under `localhost/`, tag defaults to latest.
    pub fn normalize_new_name(name: &str) -> Result<String> {
        let qualified = if Reference::is_short_name(name) {
            format!("localhost/{name}")
        } else {
            name.to_string()
        };
        let reference = Reference::parse(&qualified)?;
        if reference.digest().is_some() {
            return Err(ImageOpError::TagWithDigest {
                name: name.to_string(),
            }
            .into());
        }
        Ok(reference.with_default_tag().to_string())
    }

    /// Adds names to an image (`rpod tag`).
    pub fn tag(&self, input: &str, new_names: &[String]) -> Result<()> {
        let names = new_names
            .iter()
            .map(|n| Self::normalize_new_name(n))
            .collect::<Result<Vec<_>>>()?;
        self.refuse_read_only(input, "tag")?;
        let _lock = self.store.lock("store", LockMode::Exclusive)?;
        let mut index = self.own_index()?;
        let found = index.find(input, self.registries.search_registries())?;
        let id = index.images[found.index].id.clone();
        for name in names {
            index.remove_name(&name);
            let image = index
                .images
                .iter_mut()
                .find(|i| i.id == id)
                .expect("found above");
            image.names.insert(0, name);
        }
        self.store.write_record("images.json", &index)?;
        for name in new_names {
            self.event_image(crate::events::Status::Tag, &id, name);
        }
        Ok(())
    }

    /// Removes names from an image (`rpod untag`); all of them when `names` is empty.
    pub fn untag(&self, input: &str, names: &[String]) -> Result<Vec<String>> {
        self.refuse_read_only(input, "untag")?;
        let _lock = self.store.lock("store", LockMode::Exclusive)?;
        let mut index = self.own_index()?;
        let found = index.find(input, self.registries.search_registries())?;
        let image = &mut index.images[found.index];
        let (id, before) = (image.id.clone(), image.names.clone());
        let removed: Vec<String> = if names.is_empty() {
            std::mem::take(&mut image.names)
        } else {
            let mut removed = Vec::new();
            for n in names {
                // NAME:TAG@DIGEST is the name NAME@DIGEST, as a pull by it records.
                let full = match Reference::parse(n) {
                    Ok(r) => match r.digest() {
                        Some(d) => r.with_digest(d.clone()).to_string(),
                        None => Self::normalize_new_name(n)?,
                    },
                    Err(_) => Self::normalize_new_name(n)?,
                };
                let alt = Reference::parse(n)
                    .map(|r| r.with_default_tag().to_string())
                    .ok();
                let before = image.names.len();
                image
                    .names
                    .retain(|x| *x != full && Some(x) != alt.as_ref());
                if image.names.len() == before {
                    return Err(ImageOpError::TagNotKnown { name: n.clone() }.into());
                }
                removed.push(n.clone());
            }
            removed
        };
        let after = index.images[found.index].names.clone();
        self.store.write_record("images.json", &index)?;
        for name in before.iter().filter(|n| !after.contains(n)) {
            self.event_image(crate::events::Status::Untag, &id, name);
        }
        Ok(removed)
    }

    /// Removes images (`rpod rmi`): one report per input, in order.
    ///
    /// A name removes only that name while the image has others; the image
    /// itself goes with its last name, or by ID (which needs `force` when it
    /// still has several names). Unused layers and blobs are then collected.
    pub fn remove_images(&self, inputs: &[String], force: bool) -> Result<Vec<Report>> {
        // Images that containers use: refused, or (force) their containers go first.
        let mut refused = std::collections::HashMap::new();
        for input in inputs {
            let Ok(image) = self.find_image(input) else {
                continue;
            };
            let by_id = image.id.starts_with(input.trim_start_matches("sha256:"));
            if image.names.len() > 1 && !by_id {
                continue; // only a name goes
            }
            for c in self.containers_using(&image.id)? {
                if force {
                    match self.remove_container(&c.config.id, RemoveOptions::everything()) {
                        Err(e) if !e.is_container_not_found() => return Err(e),
                        _ => {}
                    }
                } else {
                    refused.insert(input.clone(), c.config.id);
                }
            }
        }
        // Layers hold subordinate ids: removing them needs the namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        let mut reports = Vec::new();
        let mut events = Vec::new();
        {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            let mut index = self.own_index()?;
            for input in inputs {
                if let Err(e) = self.refuse_read_only(input, "remove") {
                    reports.push(Report {
                        raw_input: input.clone(),
                        result: Err(e),
                    });
                    continue;
                }
                if let Some(container) = refused.remove(input) {
                    reports.push(Report {
                        raw_input: input.clone(),
                        result: Err(Error::ImageInUse { container }),
                    });
                    continue;
                }
                let image_id = (index.find(input, self.registries.search_registries()).ok())
                    .map(|f| index.images[f.index].id.clone());
                let result = remove_one(
                    &mut index,
                    input,
                    force,
                    self.registries.search_registries(),
                );
                if let (Ok(lines), Some(id)) = (&result, image_id) {
                    events.extend(removal_events(&id, input, lines));
                }
                reports.push(Report {
                    raw_input: input.clone(),
                    result,
                });
            }
            self.store.write_record("images.json", &index)?;
        }
        events.iter().for_each(|e| self.emit(e));
        self.collect_garbage_locked()?;
        Ok(reports)
    }

    /// Removes every image (`rmi -a`), whatever names each has; images that
    /// containers use are refused unless `force`. Read-only images (in an
    /// additional image store) are left, as podman leaves them.
    pub fn remove_all_images(&self, force: bool) -> Result<Vec<Report>> {
        let ids: Vec<String> = self
            .images()?
            .into_iter()
            .filter(|i| !i.read_only)
            .map(|i| i.id)
            .collect();
        self.remove_images(&ids, force)
    }

    /// Removes dangling images (all images with `all`); returns the removed IDs.
    pub fn prune_images(&self, all: bool) -> Result<Vec<String>> {
        self.prune_images_matching(all, &|_| true)
    }

    /// [`Self::prune_images`] for those `wanted` accepts.
    pub fn prune_images_matching(
        &self,
        all: bool,
        wanted: &dyn Fn(&ImageRecord) -> bool,
    ) -> Result<Vec<String>> {
        // Asked before any lock is taken (it may read the store).
        let wanted: std::collections::HashSet<String> = self
            .images()?
            .into_iter()
            .filter(|i| wanted(i))
            .map(|i| i.id)
            .collect();
        let in_use: std::collections::HashSet<String> = crate::container::Records::new(&self.store)
            .list()?
            .into_iter()
            .flat_map(|c| std::iter::once(c.config.image_id).chain(c.config.image_mount_ids))
            .collect();
        let _gc = self.store.lock("gc", LockMode::Exclusive)?;
        let removed = {
            let _lock = self.store.lock("store", LockMode::Exclusive)?;
            let mut index = self.own_index()?;
            let (gone, kept): (Vec<_>, Vec<_>) = index.images.into_iter().partition(|i| {
                (all || i.is_dangling()) && !in_use.contains(&i.id) && wanted.contains(&i.id)
            });
            index.images = kept;
            self.store.write_record("images.json", &index)?;
            for image in &gone {
                image
                    .names
                    .iter()
                    .for_each(|n| self.event_image(crate::events::Status::Untag, &image.id, n));
                self.event_image(crate::events::Status::Remove, &image.id, "");
            }
            gone.into_iter().map(|i| i.id).collect()
        };
        self.collect_garbage_locked()?;
        Ok(removed)
    }

    /// Removes layers, blobs and scratch directories no image uses (hold `gc` exclusive).
    pub(super) fn collect_garbage_locked(&self) -> Result<()> {
        let in_use = self.own_index()?.in_use();
        crate::store::gc::collect(&self.store, &in_use, |p| {
            layer::remove_tree(p).map_err(Error::from)
        })
    }

    /// Checks credentials against a registry and saves them (`rpod login`); returns the file written.
    pub fn login(
        &self,
        registry: &str,
        creds: &Credentials,
        tls_verify: Option<bool>,
        auth_file: Option<PathBuf>,
        cert_dir: Option<PathBuf>,
    ) -> Result<PathBuf> {
        let client = self.client(tls_verify, None, auth_file.clone(), cert_dir)?;
        let probe = Reference::parse(&format!("{registry}/library/probe"))?;
        let endpoint = self
            .registries
            .endpoints(&probe)?
            .into_iter()
            .rfind(|e| !e.mirror)
            .ok_or_else(|| ImageOpError::NoEndpoint {
                registry: registry.to_string(),
            })?;
        client.check_login(&endpoint.host, endpoint.insecure, creds)?;
        Ok(AuthStore::new(&self.paths, auth_file).save(registry, creds)?)
    }

    /// The user saved for `registry` (`rpod login --get-login`).
    pub fn login_user(&self, registry: &str, auth_file: Option<PathBuf>) -> Result<String> {
        let auth = AuthStore::new(&self.paths, auth_file);
        auth.check_explicit()?;
        match auth.lookup(registry)? {
            Some(c) if !c.username.is_empty() => Ok(c.username),
            _ => Err(ImageOpError::NotLoggedIn {
                registry: registry.to_string(),
            }
            .into()),
        }
    }

    /// Forgets saved credentials (`rpod logout`); `None` forgets all of them.
    pub fn logout(&self, registry: Option<&str>, auth_file: Option<PathBuf>) -> Result<bool> {
        let auth = AuthStore::new(&self.paths, auth_file);
        auth.check_explicit()?;
        match registry {
            Some(r) => Ok(auth.remove(r)?),
            None => {
                auth.remove_all()?;
                Ok(true)
            }
        }
    }

    /// Pulls by running `rpod pull` as a child (keeps this process free of
    /// threads), with `pull`'s `flags` (`--authfile`, `--tls-verify`, `-q`
    /// ...); `quiet` silences its progress and errors (`--pull=newer` with
    /// a local image to fall back on).
    pub(crate) fn pull_child(&self, image: &str, quiet: bool, flags: &[String]) -> Result<()> {
        let mut cmd = std::process::Command::new("/proc/self/exe");
        cmd.arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(self.store.runroot())
            .args(self.events_flag())
            .arg("pull")
            .args(flags)
            .arg(image)
            .stdout(std::process::Stdio::null());
        if quiet {
            cmd.stderr(std::process::Stdio::null());
        }
        let status = cmd.status().map_err(|source| Error::Exec {
            command: "rpod pull".into(),
            code: crate::error::EXIT_RPOD,
            source,
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(ImageOpError::PullChildFailed {
                image: image.to_string(),
            }
            .into())
        }
    }
}

fn remove_one(
    index: &mut ImageIndex,
    input: &str,
    force: bool,
    search: &[String],
) -> Result<Vec<String>> {
    let found = index.find(input, search)?;
    let image = &mut index.images[found.index];
    let mut lines = Vec::new();
    if let Some(name) = &found.name {
        if image.names.len() > 1 {
            image.names.retain(|n| n != name);
            return Ok(vec![format!("Untagged: {name}")]);
        }
    } else if image.names.len() > 1 && !force {
        return Err(ImageOpError::ByIdWithTags {
            id: image.id.clone(),
            names: image.names.clone(),
        }
        .into());
    }
    for name in &image.names {
        lines.push(format!("Untagged: {name}"));
    }
    lines.push(format!("Deleted: {}", image.id));
    index.images.remove(found.index);
    Ok(lines)
}

/// The events of one `rmi` target, from [`remove_one`]'s lines: an
/// `untag` per name dropped, then (as podman, even when only a name went)
/// `remove` named by what the user typed.
fn removal_events(id: &str, input: &str, lines: &[String]) -> Vec<crate::events::Event> {
    use crate::events::{Event, Status};
    let mut out: Vec<Event> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Untagged: "))
        .map(|name| Event::image(Status::Untag, id, name))
        .collect();
    out.push(Event::image(Status::Remove, id, input));
    out
}
