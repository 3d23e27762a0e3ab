//! The engine's container operations: create, run in the foreground, start
//! detached under a monitor, stop, kill, wait, remove, rename, prune, and
//! the repair of records whose supervisor died.
//!
//! A container is supervised by exactly one process at a time: `rpod run`
//! itself in the foreground, or a detached monitor (`rpod internal monitor`,
//! started with setsid). The supervisor is the parent of the container's
//! PID 1, writes its log and records its exit. Every other invocation acts
//! through the record and signals.
//!
//! A container created with `--network container:NAME` depends on NAME: it
//! joins NAME's network (and, rootless, user) namespace at each start, which
//! needs NAME running, shares NAME's /etc/hosts and /etc/resolv.conf, and
//! keeps NAME from being removed before it (`rm --depend` removes both).
//!
//! This file holds creation, lookup and the record plumbing; the children
//! hold the rest: `lifecycle` (start, monitor, stop, kill, wait, rm),
//! `networking`, `volumes`, `attach` (attach and exec) and `inspect`
//! (inspect and top).

use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::sys::signal::Signal;

use super::{Engine, PullPolicy};
use crate::config::Driver;
use crate::container::logs::LogWriter;
use crate::container::{self, Config, Container, Records, RestartPolicy, State, Status};
use crate::error::{Error, Result};
use crate::store::LockMode;
use crate::systemd::notify;
use crate::volume::{self, Source, Volume, Volumes};
use crate::{layer, monitor, network, runtime, spec, userns};

mod attach;
mod commit;
mod inspect;
mod lifecycle;
mod networking;
mod stop;
mod volumes;

pub use commit::{CommitOptions, Committed};

pub use inspect::ProcessInfo;

/// What `create` (and `run`) need besides the run options.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// The image as the user wrote it.
    pub image: String,
    /// `--pull`.
    pub pull: PullPolicy,
    /// `--name`.
    pub name: Option<String>,
    /// `--replace`: remove a container holding the name first.
    pub replace: bool,
    /// `--rm`.
    pub auto_remove: bool,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// `--log-driver`: `k8s-file` (default) or `none`.
    pub log_driver: Option<String>,
    /// `--log-opt max-size=`.
    pub log_max_size: Option<u64>,
    /// `--label`s.
    pub labels: Vec<(String, String)>,
    /// `--stop-signal` (a number).
    pub stop_signal: Option<i32>,
    /// `--stop-timeout`.
    pub stop_timeout: Option<u32>,
    /// `--network`, as given.
    pub network: String,
    /// `-v`, as given (for inspect).
    pub mounts: Vec<String>,
    /// `--sdnotify`: `conmon`, `container` or `ignore`.
    pub sdnotify: String,
    /// `--userns=keep-id`: the user's uid and gid are the same inside.
    pub keep_id: bool,
    /// `-p` values.
    pub publish: Vec<String>,
    /// `-P`: publish the image's EXPOSEd ports on free host ports.
    pub publish_all: bool,
    /// `--dns`.
    pub dns: Vec<String>,
    /// `--dns-search`.
    pub dns_search: Vec<String>,
    /// `--add-host NAME:ADDR`.
    pub add_hosts: Vec<String>,
    /// The command line that created the container (podman's `CreateCommand`).
    pub create_command: Vec<String>,
    /// `--cidfile`: a new file that receives the container's ID.
    pub cidfile: Option<PathBuf>,
}

/// How `rm` removes a container.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemoveOptions {
    /// `-f`: running containers are killed first.
    pub force: bool,
    /// `-v`: its anonymous volumes go too.
    pub volumes: bool,
    /// `--depend`: containers that join its namespaces go first.
    pub depend: bool,
    /// `-t` with `-f`: stop running containers gracefully first, killing
    /// them after this many seconds.
    pub stop_timeout: Option<u32>,
}

impl RemoveOptions {
    /// What removing everything in the way needs (`rmi -f`, `volume rm -f`,
    /// `system reset`): kill, and remove dependents first.
    pub fn everything() -> RemoveOptions {
        RemoveOptions {
            force: true,
            depend: true,
            ..RemoveOptions::default()
        }
    }
}

/// `wait --condition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitCondition {
    /// Until it is not running (the default).
    Stopped,
    /// Until it runs.
    Running,
}

impl Engine {
    fn records(&self) -> Records<'_> {
        Records::new(&self.store)
    }

    /// Creates a container record from an image (pulled first when the
    /// policy says so) and the run options; nothing runs yet.
    pub fn create_container(
        &self,
        opts: spec::RunOptions,
        create: CreateOptions,
    ) -> Result<Container> {
        let cidfile = create.cidfile.clone();
        if let Some(f) = &cidfile {
            container::cidfile::ensure_free(f)?;
        }
        let c = self.create_record(opts, create)?;
        if let Some(f) = &cidfile {
            if let Err(e) = container::cidfile::write(f, &c.config.id) {
                // Nothing half-made: without its cid file the container
                // would be unreachable for the unit that created it.
                let _ = self.remove_container(&c.config.id, RemoveOptions::everything());
                return Err(e.into());
            }
        }
        self.event_container(&c, crate::events::Status::Create);
        Ok(c)
    }

    /// Removes the `--cidfile` `path` when the container it names is gone
    /// (as podman's `rm --cidfile`: the next `run --cidfile` can write it
    /// again). Returns whether it was removed.
    pub fn remove_stale_cidfile(&self, path: &Path) -> Result<bool> {
        let Some(id) = container::cidfile::read(path)? else {
            return Ok(false);
        };
        if !self
            .container(&id)
            .is_err_and(|e| e.is_container_not_found())
        {
            return Ok(false);
        }
        std::fs::remove_file(path)
            .map(|()| true)
            .map_err(|e| Error::Message(format!("removing --cidfile {}: {e}", path.display())))
    }

    fn create_record(
        &self,
        mut opts: spec::RunOptions,
        create: CreateOptions,
    ) -> Result<Container> {
        let image = &create.image;
        let record = match (self.find_image(image), create.pull) {
            (Ok(r), PullPolicy::Missing | PullPolicy::Never) => {
                // podman writes a pull event for an image found locally too.
                self.event_image(crate::events::Status::Pull, &r.id, image);
                r
            }
            // The pull fetches only what differs (nothing when the digest
            // is the same); if the registry cannot be asked, the local image.
            (Ok(r), PullPolicy::Newer) => match self.pull_in_child_with(image, true) {
                Ok(()) => self.find_image(image)?,
                Err(_) => r,
            },
            (Err(e), PullPolicy::Never) => return Err(e),
            (Err(e), _) if !e.is_image_not_found() => return Err(e),
            _ => {
                self.pull_in_child(image)?;
                self.find_image(image)?
            }
        };
        let config: serde_json::Value =
            serde_json::from_slice(&self.store.get_blob(&record.config_digest())?)
                .map_err(|e| Error::Message(format!("{image}: reading the image config: {e}")))?;
        let c = &config["config"];
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let defaults = spec::ImageDefaults {
            env: strings(&c["Env"]),
            entrypoint: strings(&c["Entrypoint"]),
            cmd: strings(&c["Cmd"]),
            working_dir: c["WorkingDir"].as_str().unwrap_or_default().to_string(),
            user: c["User"].as_str().unwrap_or_default().to_string(),
        };
        let image_stop_signal = c["StopSignal"].as_str().and_then(parse_signal);
        let mode = self.network_mode(&create.network)?;
        // `container:NAME` is recorded by the other container's full ID,
        // which a rename does not change.
        let (mode, net_target) = match mode {
            network::Mode::Container(name) => {
                let t = self.container(&name)?;
                (network::Mode::Container(t.config.id.clone()), Some(t))
            }
            m => (m, None),
        };
        // A joined network namespace gets its path at start, when the
        // process holding it is known; until then the spec asks for a new one.
        opts.network = match mode {
            network::Mode::Host => spec::Network::Host,
            _ => spec::Network::None,
        };
        if let Some(t) = &net_target {
            let conflict = |what: &str| {
                Error::Message(format!(
                    "conflicting options: {what} and the network mode: --network {}: the \
                     container shares {}'s /etc/resolv.conf and /etc/hosts; set them there",
                    create.network, t.config.name
                ))
            };
            if !create.dns.is_empty() || !create.dns_search.is_empty() {
                return Err(conflict("dns"));
            }
            if !create.add_hosts.is_empty() {
                return Err(conflict("add-host"));
            }
        }
        let mut ports = Vec::new();
        for p in &create.publish {
            ports.extend(network::ports::parse_publish(p)?);
        }
        if create.publish_all {
            let exposed: Vec<String> = c["ExposedPorts"]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            ports.extend(network::ports::publish_all(&exposed)?);
        }
        if !ports.is_empty()
            && !matches!(
                mode,
                network::Mode::Pasta { .. } | network::Mode::Slirp4netns(_)
            )
        {
            let given = if create.network.is_empty() {
                mode.to_string()
            } else {
                create.network.clone()
            };
            return Err(Error::Message(format!(
                "-p/-P: ports can only be published with --network pasta or slirp4netns, not {given}"
            )));
        }
        let mut add_hosts = Vec::new();
        for h in &create.add_hosts {
            let (name, addr) = h
                .split_once(':')
                .filter(|(n, a)| !n.is_empty() && a.parse::<std::net::IpAddr>().is_ok())
                .ok_or_else(|| {
                    Error::Message(format!(
                        "--add-host {h:?}: expected NAME:ADDRESS, e.g. db:10.1.2.3"
                    ))
                })?;
            add_hosts.push((name.to_string(), addr.to_string()));
        }
        for d in &create.dns {
            d.parse::<std::net::IpAddr>()
                .map_err(|_| Error::Message(format!("--dns {d:?}: expected an IP address")))?;
        }
        let tuples = |maps: &[userns::IdMap]| {
            maps.iter()
                .map(|m| (m.container_id, m.host_id, m.size))
                .collect()
        };
        opts.rootless = self.rootless;
        if self.rootless {
            opts.uid_map = tuples(&self.mappings.uids);
            opts.gid_map = tuples(&self.mappings.gids);
        }
        if create.keep_id {
            if !self.rootless {
                return Err(Error::Message(
                    "--userns=keep-id is only supported in rootless mode: run rpod as a regular user".into(),
                ));
            }
            let (uid, gid) = (self.mappings.uids[0].host_id, self.mappings.gids[0].host_id);
            opts.uid_map = tuples(&userns::keep_id(&self.mappings.uids, uid, uid));
            opts.gid_map = tuples(&userns::keep_id(&self.mappings.gids, gid, gid));
            opts.user.get_or_insert_with(|| format!("{uid}:{gid}"));
        }
        // The other container's files, to share: its /etc/hosts and
        // /etc/resolv.conf (its own, or those it shares itself).
        let mut shared_etc = Vec::new();
        if let Some(t) = &net_target {
            let theirs = self.load_spec(t)?;
            if self.rootless {
                self.check_same_user_namespace(&create.network, t, &theirs, &opts)?;
            }
            for m in theirs.mounts().iter().flatten() {
                let dest = m.destination().to_string_lossy();
                if dest == "/etc/hosts" || dest == "/etc/resolv.conf" {
                    shared_etc.push(m.clone());
                }
            }
        }
        opts.layers = record
            .layers
            .iter()
            .rev()
            .map(|l| self.store.layer_diff(&l.diff_id))
            .collect();
        let id = container::new_id();
        // The image's Volumes: an anonymous volume each, where no mount of
        // the user's goes (podman's default, --image-volume=anonymous).
        let image_volumes: Vec<String> = c["Volumes"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let volumes = self.resolve_mounts(&create.mounts, &image_volumes, &mut opts)?;
        // podman's default host name is the short container ID.
        let hostname = opts
            .hostname
            .get_or_insert_with(|| id[..12].to_string())
            .clone();
        let (conf_ulimits, conf_file) = self.containers_conf.default_ulimits();
        if !conf_ulimits.is_empty() {
            let mut ulimits = Vec::new();
            for u in conf_ulimits {
                ulimits.extend(spec::Ulimit::parse(u).map_err(|e| {
                    Error::Message(format!(
                        "{}: containers.default_ulimits: {e}",
                        conf_file
                            .map_or_else(|| "containers.conf".into(), |f| f.display().to_string())
                    ))
                })?);
            }
            // The user's --ulimit values come later and win.
            ulimits.append(&mut opts.ulimits);
            opts.ulimits = ulimits;
        }
        let mut oci = spec::generate(&opts, &defaults)?;
        if let spec::SeccompPolicy::Profile(p) = &opts.seccomp {
            // Refuse now what `start` could not install.
            if let Some(s) = oci.linux().as_ref().and_then(|l| l.seccomp().as_ref()) {
                runtime::check_seccomp(s).map_err(|e| {
                    Error::Message(format!("seccomp profile {}: {e}", p.path().display()))
                })?;
            }
        }
        if let Some(p) = oci.process() {
            let (uid, gid) = (p.user().uid(), p.user().gid());
            for path in &volumes.chown {
                self.chown_tree(path, uid, gid)?;
            }
        }
        let command = oci
            .process()
            .as_ref()
            .and_then(|p| p.args().clone())
            .unwrap_or_default();

        // Before any lock: the first container of a store may probe overlay.
        let (driver, mount_program) = self.storage_driver()?;
        let records = self.records();
        let dir = records.dir(&id);
        // The image cannot be removed between the lookup and the record.
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        let _all = records.lock_all()?;
        let name = match &create.name {
            Some(n) => {
                container::valid_name(n)?;
                if let Ok(old) = records.resolve(n) {
                    if old.config.name == *n {
                        if create.replace {
                            self.remove_locked(&old, true)?;
                        } else {
                            return Err(
                                container::Error::NameInUse(n.clone(), old.config.id).into()
                            );
                        }
                    }
                }
                n.clone()
            }
            None => records.generate_name()?,
        };
        let made = (|| -> Result<Container> {
            self.make_root_dirs(&dir, driver, &record)?;
            // With a network helper they are written again once it runs
            // (its DNS forwarder, the host's address).
            let etc = spec::write_etc(
                &dir.join("etc"),
                &spec::EtcContent {
                    hostname: &hostname,
                    host_resolv: Path::new("/etc/resolv.conf"),
                    dns: create.dns.clone(),
                    dns_search: create.dns_search.clone(),
                    hosts: add_hosts.clone(),
                },
            )?;
            let mut mounts = oci.mounts().clone().unwrap_or_default();
            let own = mounts.len();
            mounts.extend(etc.into_iter().filter(|m| {
                !shared_etc
                    .iter()
                    .any(|s| s.destination() == m.destination())
            }));
            mounts.extend(shared_etc.iter().cloned());
            if create.keep_id {
                let uid = nix::unistd::Uid::current();
                let user = nix::unistd::User::from_uid(uid).ok().flatten();
                let home = user
                    .as_ref()
                    .map_or_else(|| "/".into(), |u| u.dir.to_string_lossy().into_owned());
                let keep = spec::KeepIdUser {
                    name: user.map_or_else(|| uid.to_string(), |u| u.name),
                    uid: uid.as_raw(),
                    gid: nix::unistd::Gid::current().as_raw(),
                    home: home.clone(),
                };
                mounts.extend(spec::write_keep_id_files(
                    &dir.join("etc"),
                    &opts.layers,
                    &keep,
                )?);
                // HOME follows the entry, unless given with -e.
                if !opts.env.iter().any(|e| e.starts_with("HOME=")) {
                    if let Some(p) = oci.process_mut() {
                        let env = p.env().clone().unwrap_or_default().into_iter();
                        let env = env.map(|e| {
                            if e.starts_with("HOME=") {
                                format!("HOME={home}")
                            } else {
                                e
                            }
                        });
                        p.set_env(Some(env.collect()));
                    }
                }
            }
            if opts.read_only {
                spec::read_only_binds(&mut mounts[own..]);
            }
            oci.set_mounts(Some(mounts));
            let ctr = Container {
                config: Config {
                    id: id.clone(),
                    name,
                    image: image.clone(),
                    image_id: record.id.clone(),
                    image_name: record.names.first().cloned().unwrap_or_default(),
                    command,
                    created: Utc::now(),
                    auto_remove: create.auto_remove,
                    tty: opts.tty,
                    interactive: opts.interactive,
                    restart: create.restart.clone(),
                    stop_signal: create
                        .stop_signal
                        .or(image_stop_signal)
                        .unwrap_or(Signal::SIGTERM as i32),
                    stop_timeout: create.stop_timeout.unwrap_or(10),
                    log_driver: create
                        .log_driver
                        .clone()
                        .unwrap_or_else(|| "k8s-file".into()),
                    log_max_size: create.log_max_size,
                    // The image's labels, then --label (as podman: events,
                    // inspect and filters see both).
                    labels: (c["Labels"].as_object().into_iter().flatten())
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .chain(create.labels.iter().cloned())
                        .collect(),
                    network: mode.to_string(),
                    ports: if ports.is_empty() {
                        Vec::new()
                    } else {
                        vec![network::ports::format_ports(&ports)]
                    },
                    port_mappings: ports.clone(),
                    dns: create.dns.clone(),
                    dns_search: create.dns_search.clone(),
                    add_hosts: add_hosts.clone(),
                    mounts: create.mounts.clone(),
                    volumes: volumes.named.clone(),
                    anonymous_volumes: volumes.anonymous.clone(),
                    hostname,
                    rootless: self.rootless,
                    sdnotify: create.sdnotify.clone(),
                    create_command: create.create_command.clone(),
                    storage_driver: driver.to_string(),
                    mount_program: mount_program.clone(),
                },
                state: State::default(),
            };
            let spec_bytes = serde_json::to_vec(&oci).expect("specs serialise");
            if let Some(t) = &net_target {
                // Under `lock_all`: the other container cannot go meanwhile,
                // and from here on it cannot go before this one.
                records.load(&t.config.id)?;
                records.add_dependent(&t.config.id, &id)?;
            }
            // --rm records live for one run: skip the syncs.
            records.create(&ctr, &spec_bytes, !create.auto_remove)?;
            Ok(ctr)
        })();
        if made.is_err() {
            self.remove_container_dir(&dir);
        }
        made
    }

    /// Looks a container up (name, ID or ID prefix), repairing its record
    /// when its supervisor died.
    pub fn container(&self, name_or_id: &str) -> Result<Container> {
        let c = self.records().resolve(name_or_id)?;
        // A `--rm` container whose supervisor died is removed by the repair.
        self.repair(c)?
            .ok_or_else(|| container::Error::NotFound(name_or_id.to_string()).into())
    }

    /// All containers, oldest first, with dead supervisors' records repaired.
    pub fn containers(&self) -> Result<Vec<Container>> {
        let mut out = Vec::new();
        for c in self.records().list()? {
            if let Some(c) = self.repair(c)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The newest container (`--latest`).
    pub fn latest_container(&self) -> Result<Container> {
        let c = self.records().latest()?;
        self.container(&c.config.id)
    }

    /// A record says running but its supervisor is gone: the container is
    /// killed (it may have outlived it) and recorded as exited; `--rm`
    /// records are removed (then `None`).
    fn repair(&self, c: Container) -> Result<Option<Container>> {
        if !Records::supervisor_gone(&c.state) {
            if c.state.stop_abandoned() {
                // Whoever stopped it was killed: it runs on.
                let back = self.update_state(&c.config.id, |s| {
                    if s.stop_abandoned() {
                        s.status = Status::Running;
                    }
                });
                return match back {
                    Ok(fresh) => Ok(fresh),
                    // A full disk: the reader still gets the honest view.
                    Err(_) => Ok(Some(Container {
                        state: State {
                            status: Status::Running,
                            ..c.state
                        },
                        ..c
                    })),
                };
            }
            return Ok(Some(c));
        }
        let records = self.records();
        let _l = records.lock(&c.config.id)?;
        let mut c = match records.load(&c.config.id) {
            Ok(c) => c,
            Err(container::Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if !Records::supervisor_gone(&c.state) {
            return Ok(Some(c));
        }
        tracing::debug!(
            "container {} lost its supervisor; recording it as exited",
            c.short_id()
        );
        // Only the recorded process: its PID may belong to another by now.
        if let Some(fd) = c.state.init_process().and_then(|p| p.open()) {
            let _ = fd.signal(Signal::SIGKILL);
        }
        c.state.status = Status::Exited;
        c.state.exit_code = 137;
        c.state.clear_init();
        c.state.monitor_pid = 0;
        c.state.finished_at = Some(Utc::now());
        if let Err(e) = records.save_state(&c.config.id, &c.state) {
            // A full disk: the caller still gets the repaired view (and
            // `rm` still removes it); the next reader repairs it again.
            tracing::warn!("container {}: recording its exit: {e}", c.config.name);
        }
        self.event_container_exit(&c, crate::events::Status::Died, c.state.exit_code);
        // Its monitor's socket: nobody listens there any more.
        self.remove_attach_socket(&c.config.id);
        drop(_l);
        if c.config.auto_remove {
            self.auto_remove(&c)?;
            if !matches!(
                records.load(&c.config.id),
                Err(container::Error::NotFound(_))
            ) {
                return Ok(Some(c));
            }
            return Ok(None);
        }
        Ok(Some(c))
    }

    /// Makes a new container's directories for its root file system:
    /// overlay's `upper`, `work` and `merged`, or (vfs) `rootfs`, a copy of
    /// the image's layers; and `etc`.
    fn make_root_dirs(
        &self,
        dir: &Path,
        driver: Driver,
        image: &crate::image::ImageRecord,
    ) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dirs: &[&str] = match driver {
            Driver::Overlay => &["upper", "work", "merged", "etc"],
            Driver::Vfs => &["rootfs", "etc"],
        };
        for d in dirs {
            crate::store::create_dir_private(&dir.join(d))?;
        }
        // The root takes this directory's mode: it must be the image
        // root's usual 0755, or users other than root cannot even reach
        // /bin (the container directory itself stays 0700).
        let root = dir.join(match driver {
            Driver::Overlay => "upper",
            Driver::Vfs => "rootfs",
        });
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| Error::Message(format!("setting the mode of {}: {e}", root.display())))?;
        if driver == Driver::Vfs {
            let layers: Vec<std::path::PathBuf> = image
                .layers
                .iter()
                .map(|l| self.store.layer_diff(&l.diff_id))
                .collect();
            let copy = || {
                layer::vfs::assemble(&layers, &root)
                    .map(|()| String::new())
                    .map_err(|e| e.to_string())
            };
            // Rootless, as root of the user namespace: owners are copied as they are.
            let copied = if self.rootless {
                crate::sys::in_fork(|| {
                    userns::enter(&self.mappings, false).map_err(|e| e.to_string())?;
                    copy()
                })
                .map_err(|e| Error::Message(format!("forking to copy the image's layers: {e}")))?
            } else {
                copy()
            };
            copied.map_err(|e| {
                Error::Message(format!(
                    "vfs: copying the layers of {} into {}: {e}",
                    image
                        .names
                        .first()
                        .map_or(image.id.as_str(), String::as_str),
                    root.display()
                ))
            })?;
        }
        Ok(())
    }

    fn rootfs(&self, c: &Container) -> Result<runtime::Rootfs> {
        let dir = self.records().dir(&c.config.id);
        if c.config.driver() == Driver::Vfs {
            return Ok(runtime::Rootfs::Dir(dir.join("rootfs")));
        }
        let image = self.find_image(&c.config.image_id).map_err(|_| {
            Error::Message(format!(
                "container {}: its image {} was removed; recreate the container",
                c.short_id(),
                &c.config.image_id[..12.min(c.config.image_id.len())]
            ))
        })?;
        Ok(runtime::Rootfs::Overlay(runtime::Overlay {
            lower: image
                .layers
                .iter()
                .rev()
                .map(|l| self.store.layer_diff(&l.diff_id))
                .collect(),
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: dir.join("merged"),
            // The upper directory of a --rm container is discarded: skip overlay's syncs.
            volatile: c.config.auto_remove,
            mount_program: c.config.mount_program.clone(),
        }))
    }

    fn load_spec(&self, c: &Container) -> Result<oci_spec::runtime::Spec> {
        let bytes = self.records().spec_bytes(&c.config.id)?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::Message(format!(
                "container {}: its runtime spec is damaged ({e}); remove it with `rpod rm -f`",
                c.short_id()
            ))
        })
    }

    /// Marks a container as starting under this process: checks its state,
    /// and records this process as its supervisor.
    fn claim(&self, id: &str) -> Result<Container> {
        let records = self.records();
        let _l = records.lock(id)?;
        let mut c = records.load(id)?;
        if Records::supervisor_gone(&c.state) {
            c.state.status = Status::Exited;
        }
        match c.state.status {
            Status::Created | Status::Exited => {}
            s => {
                return Err(container::Error::State {
                    id: c.short_id().to_string(),
                    status: s,
                    what: "it is already running; stop it first with `rpod stop`".into(),
                }
                .into())
            }
        }
        c.state.status = Status::Running;
        c.state.clear_init();
        c.state.set_monitor_to_self();
        c.state.stopped_by_user = false;
        c.state.error.clear();
        records.save_state(id, &c.state)?;
        if !c.config.auto_remove {
            // Records of older rpods have no reserve yet.
            let _ = records.make_reserve(id);
        }
        Ok(c)
    }

    /// Records a state change under the container's lock.
    fn update_state(&self, id: &str, f: impl FnOnce(&mut State)) -> Result<Option<Container>> {
        let records = self.records();
        let _l = records.lock(id)?;
        let mut c = match records.load(id) {
            Ok(c) => c,
            Err(container::Error::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        f(&mut c.state);
        records.save_state(id, &c.state)?;
        Ok(Some(c))
    }

    /// Starts the container's process under this process (with `notify`,
    /// the `--sdnotify=container` relay socket's directory, mounted in); on
    /// failure the record goes back to its previous status with the error
    /// noted.
    fn launch(
        &self,
        c: &Container,
        io: runtime::Stdio,
        notify: Option<&Path>,
    ) -> Result<runtime::Started> {
        let mut helper = None;
        let result = (|| -> Result<runtime::Started> {
            let mut oci = self.load_spec(c)?;
            if let Some(dir) = notify {
                spec::add_notify_socket(&mut oci, dir)?;
            }
            let rootfs = self.rootfs(c)?;
            let mode: network::Mode = c.config.network.parse().unwrap_or(network::Mode::None);
            let _joined = self.join_network(c, &mode, &mut oci)?;
            let mut net_error = None;
            let started = runtime::start(&oci, &rootfs, io, &mut |pid| match self
                .attach_network(c, &mode, pid)
            {
                Ok(h) => {
                    helper = h;
                    Ok(())
                }
                Err(e) => {
                    let message = e.to_string();
                    net_error = Some(e);
                    Err(runtime::Error::Container { code: 125, message })
                }
            });
            match (started, net_error) {
                (Err(_), Some(e)) => Err(e),
                (started, _) => Ok(started?),
            }
        })();
        match result {
            Ok(started) => {
                let pid = started.pid();
                self.update_state(&c.config.id, |s| {
                    s.set_init(pid);
                    s.started_at = Some(Utc::now());
                    s.network_helper = helper;
                })?;
                self.event_container(c, crate::events::Status::Init);
                self.event_container(c, crate::events::Status::Start);
                Ok(started)
            }
            Err(e) => {
                if let Some(h) = &helper {
                    h.stop();
                }
                let msg = e.to_string();
                let code = e.exit_code();
                let had_run = c.state.started_at.is_some();
                let c = self.update_state(&c.config.id, |s| {
                    s.status = if had_run {
                        Status::Exited
                    } else {
                        Status::Created
                    };
                    s.clear_init();
                    s.monitor_pid = 0;
                    s.exit_code = i32::from(code);
                    s.error = msg;
                })?;
                if let Some(c) = c.filter(|c| c.config.auto_remove) {
                    let _ = self.auto_remove(&c);
                }
                Err(e)
            }
        }
    }

    /// Records an exit; removes `--rm` containers. Returns whether the
    /// record still exists.
    fn record_exit(&self, id: &str, code: u8) -> Result<bool> {
        let recorded = self.update_state(id, |s| {
            s.status = Status::Exited;
            s.exit_code = i32::from(code);
            s.clear_init();
            s.monitor_pid = 0;
            s.finished_at = Some(Utc::now());
            // The helper's guard ends it too; this is just sooner.
            if let Some(h) = s.network_helper.take() {
                h.stop();
            }
        });
        let c = match recorded {
            Ok(c) => c,
            Err(e) => {
                // Not even the reserve had room: a `--rm` container goes
                // anyway (removal writes nothing).
                match self.records().load(id) {
                    Ok(c) if c.config.auto_remove => {
                        self.auto_remove(&c)?;
                        return Ok(self.records().load(id).is_ok());
                    }
                    _ => return Err(e),
                }
            }
        };
        if let Some(c) = &c {
            self.event_container(c, crate::events::Status::Cleanup);
        }
        match c {
            Some(c) if c.config.auto_remove => {
                self.auto_remove(&c)?;
                Ok(self.records().load(id).is_ok())
            }
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }
}

impl Engine {
    /// Renames a container.
    pub fn rename_container(&self, name_or_id: &str, new_name: &str) -> Result<()> {
        let c = self.container(name_or_id)?;
        let records = self.records();
        let _all = records.lock_all()?;
        records.check_name(new_name)?;
        let mut config = records.load(&c.config.id)?.config;
        config.name = new_name.to_string();
        records.save_config(&config)?;
        self.event_container(&Container { config, ..c }, crate::events::Status::Rename);
        Ok(())
    }

    /// Removes all containers that are not running (`container prune`); returns their IDs.
    pub fn prune_containers(&self) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        // Newest first: containers that join another's namespaces are newer
        // than it, and go before it.
        for c in self.containers()?.into_iter().rev() {
            if matches!(c.state.status, Status::Created | Status::Exited) {
                let _all = self.records().lock_all()?;
                if let Ok(fresh) = self.records().load(&c.config.id) {
                    if matches!(fresh.state.status, Status::Created | Status::Exited)
                        && fresh.state.monitor_pid == 0
                    {
                        match self.remove_locked(&fresh, false) {
                            Ok(()) => removed.push(c.config.id),
                            // A running container still joins it: kept.
                            Err(Error::Container(container::Error::HasDependents { .. })) => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        self.reclaim_leftovers();
        Ok(removed)
    }

    /// Containers that use an image (by image ID).
    pub fn containers_using(&self, image_id: &str) -> Result<Vec<Container>> {
        Ok(self
            .records()
            .list()?
            .into_iter()
            .filter(|c| c.config.image_id == image_id)
            .collect())
    }

    /// The log file of a container.
    pub fn log_path(&self, c: &Container) -> std::path::PathBuf {
        self.records().log_path(&c.config.id)
    }

    /// The stored OCI runtime spec of a container (for inspect and exec).
    pub fn container_spec(&self, c: &Container) -> Result<oci_spec::runtime::Spec> {
        self.load_spec(c)
    }

    /// Removes a container's directory; rootless, from a child in the user
    /// namespace, since the upper directory (or the vfs copy) holds files of
    /// subordinate ids.
    pub(super) fn remove_container_dir(&self, dir: &Path) {
        // Most containers only write as their root, which is us: try
        // without the user namespace first (forking one costs newuidmap).
        let gone = layer::remove_tree(dir).is_ok()
            || (self.rootless
                && userns::in_child(&self.mappings, || layer::remove_tree(dir).is_ok())
                    .unwrap_or(false));
        if !gone {
            tracing::warn!(
                "could not remove {}; `rpod system reset` cleans it",
                dir.display()
            );
        }
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Message(format!("creating a pipe: {e}")))
}

/// Parses a signal name (`SIGTERM`, `TERM`, `term`) or number.
pub fn parse_signal(s: &str) -> Option<i32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<i32>() {
        return Signal::try_from(n).ok().map(|s| s as i32);
    }
    let upper = s.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    name.parse::<Signal>().ok().map(|s| s as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals() {
        assert_eq!(parse_signal("TERM"), Some(15));
        assert_eq!(parse_signal("sigkill"), Some(9));
        assert_eq!(parse_signal("1"), Some(1));
        assert_eq!(parse_signal("NOPE"), None);
    }
}
