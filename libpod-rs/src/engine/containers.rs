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

use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use super::{Engine, PullPolicy};
use crate::config::Driver;
use crate::container::logs::LogWriter;
use crate::container::{self, Config, Container, Records, RestartPolicy, State, Status};
use crate::error::{Error, Result};
use crate::store::LockMode;
use crate::systemd::notify;
use crate::volume::{self, Source, Volume, Volumes};
use crate::{layer, monitor, network, runtime, spec, userns};

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
            (Ok(r), PullPolicy::Missing | PullPolicy::Never) => r,
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
        let volumes = self.resolve_mounts(&create.mounts, &mut opts)?;
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
                    labels: create.labels.iter().cloned().collect(),
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
        if c.state.pid > 0 {
            let _ = kill(Pid::from_raw(c.state.pid), Signal::SIGKILL);
        }
        c.state.status = Status::Exited;
        c.state.exit_code = 137;
        c.state.pid = 0;
        c.state.monitor_pid = 0;
        c.state.finished_at = Some(Utc::now());
        records.save_state(&c.config.id, &c.state)?;
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
        c.state.pid = 0;
        c.state.monitor_pid = std::process::id() as i32;
        c.state.monitor_start = crate::sys::process_start_time(c.state.monitor_pid).unwrap_or(0);
        c.state.stopped_by_user = false;
        c.state.error.clear();
        records.save_state(id, &c.state)?;
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
                    s.pid = pid;
                    s.started_at = Some(Utc::now());
                    s.network_helper = helper;
                })?;
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
                    s.pid = 0;
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
        let c = self.update_state(id, |s| {
            s.status = Status::Exited;
            s.exit_code = i32::from(code);
            s.pid = 0;
            s.monitor_pid = 0;
            s.finished_at = Some(Utc::now());
            // The helper's guard ends it too; this is just sooner.
            if let Some(h) = s.network_helper.take() {
                h.stop();
            }
        })?;
        match c {
            Some(c) if c.config.auto_remove => {
                self.auto_remove(&c)?;
                Ok(self.records().load(id).is_ok())
            }
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }

    /// Runs a created (or exited) container in the foreground, attached to
    /// our terminal; returns its exit code. Output is also logged unless the
    /// container is removed afterwards anyway or has `--log-driver none`
    /// (or a terminal: pty output is relayed but not logged yet).
    pub fn start_attached(&self, name_or_id: &str) -> Result<u8> {
        let c = self.container(name_or_id)?;
        let id = c.config.id.clone();
        let c = self.claim(&id)?;
        let logging = !c.config.auto_remove && c.config.log_driver != "none" && !c.config.tty;
        let io = runtime::Stdio {
            interactive: c.config.interactive,
            tty: c.config.tty,
            fds: None,
        };
        let code = if logging {
            let (out_r, out_w) = pipe()?;
            let (err_r, err_w) = pipe()?;
            let null;
            let stdin_fd = if c.config.interactive {
                0
            } else {
                null = std::fs::File::open("/dev/null")
                    .map_err(|e| Error::Message(format!("opening /dev/null: {e}")))?;
                null.as_raw_fd()
            };
            let io = runtime::Stdio {
                fds: Some([stdin_fd, out_w.as_raw_fd(), err_w.as_raw_fd()]),
                ..io
            };
            let mut started = self.launch(&c, io, None)?;
            drop((out_w, err_w));
            let mut log = LogWriter::open(&self.records().log_path(&id), c.config.log_max_size)
                .map_err(|e| Error::Message(format!("opening the container log: {e}")))?;
            monitor::supervise(
                &mut started,
                monitor::Outputs {
                    stdout: Some(out_r),
                    stderr: Some(err_r),
                    master: None,
                },
                Some(&mut log),
                true,
                None,
                None,
            )
        } else {
            let started = self.launch(&c, io, None)?;
            started.wait(io)
        };
        let code = match code {
            Ok(code) => code,
            Err(e) => {
                let _ = self.record_exit(&id, 125);
                return Err(e.into());
            }
        };
        self.record_exit(&id, code)?;
        Ok(code)
    }

    /// Starts a container in the background under a new monitor process
    /// and returns once its command runs (or with why it could not start).
    pub fn start_detached(&self, name_or_id: &str) -> Result<Container> {
        let c = self.container(name_or_id)?;
        if matches!(c.state.status, Status::Running | Status::Paused) {
            return Ok(c);
        }
        let ready = self.spawn_monitor(&c, false)?;
        read_report(ready, String::new())?;
        self.container(&c.config.id)
    }

    /// Starts a container under a new monitor with our terminal attached
    /// before its command runs (`run -it`, `start -a` on a terminal); ends
    /// like [`Engine::attach`].
    pub fn start_attached_via_monitor(
        &self,
        name_or_id: &str,
        stdin: bool,
        detach_keys: &[u8],
    ) -> Result<monitor::attach::End> {
        let c = self.container(name_or_id)?;
        if matches!(c.state.status, Status::Running | Status::Paused) {
            return Ok(monitor::attach::End::Closed);
        }
        let mut ready = self.spawn_monitor(&c, true)?;
        // "listening\n" first, then connect, then the start report.
        let mut line = [0u8; 10];
        if ready.read_exact(&mut line).is_err() || &line != b"listening\n" {
            read_report(ready, String::from_utf8_lossy(&line).into_owned())?;
            return Ok(monitor::attach::End::Closed);
        }
        let path = self.attach_path(&c)?;
        let attach_err = |e| Error::Message(format!("attaching to {}: {e}", c.config.name));
        let fd = monitor::attach::connect_to(&path).map_err(attach_err)?;
        read_report(ready, String::new())?;
        monitor::attach::session(&fd, &path, stdin, c.config.tty, detach_keys).map_err(attach_err)
    }

    /// Spawns the monitor for `c` and returns the pipe on which it reports
    /// (with `attach_first`: "listening" before the start report). The
    /// monitor lives on after reporting (setsid, reparented to init when we
    /// exit); it is not waited for.
    fn spawn_monitor(&self, c: &Container, attach_first: bool) -> Result<std::fs::File> {
        let (ready_r, ready_w) = pipe()?;
        // Only the write end goes to the monitor.
        nix::fcntl::fcntl(
            ready_w.as_raw_fd(),
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .map_err(|e| Error::Message(format!("passing the ready pipe: {e}")))?;
        std::process::Command::new("/proc/self/exe")
            .arg("--root")
            .arg(self.store.root())
            .arg("--runroot")
            .arg(self.store.runroot())
            .args(["internal", "monitor", "--ready-fd"])
            .arg(ready_w.as_raw_fd().to_string())
            .args(attach_first.then_some("--attach-first"))
            .arg(&c.config.id)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|source| Error::Exec {
                command: "rpod internal monitor".into(),
                code: crate::error::EXIT_RPOD,
                source,
            })?;
        Ok(std::fs::File::from(ready_r))
    }
}

/// Waits (at most 10 s) until the monitor recorded in `state` (read while
/// the container ran) has ended. `stop` and `rm -f` return only then:
/// under systemd they are the unit's ExecStop, and systemd kills a main
/// process (the monitor) that is still finishing its cleanup when ExecStop
/// returns, failing the unit.
fn wait_monitor_gone(state: &State) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while state.monitor_pid > 0
        && crate::sys::process_start_time(state.monitor_pid) == Some(state.monitor_start)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Reads the rest of the monitor's start report (after `start`) into a result.
fn read_report(mut ready: std::fs::File, mut report: String) -> Result<()> {
    let _ = ready.read_to_string(&mut report);
    check_report(&report)
}

/// Turns the monitor's start report into a result.
fn check_report(report: &str) -> Result<()> {
    match report.strip_prefix("ok") {
        Some(_) => Ok(()),
        None => {
            let (code, msg) = report
                .split_once(' ')
                .map(|(c, m)| (c.parse().unwrap_or(125u8), m.to_string()))
                .unwrap_or((
                    125,
                    "the monitor exited before starting the container".into(),
                ));
            Err(Error::Runtime(runtime::Error::Container {
                code,
                message: msg,
            }))
        }
    }
}

impl Engine {
    /// The monitor's body (`rpod internal monitor`): starts the container,
    /// reports on `ready`, then supervises it, applying the restart policy,
    /// until it exits for good.
    pub fn monitor(&self, id: &str, ready: OwnedFd, attach_first: bool) -> Result<()> {
        // Leave the CLI's session and terminal: killing or closing them
        // must not reach the container.
        nix::unistd::setsid().ok();
        let c = self.claim(id);
        let c = match c {
            Ok(c) => c,
            Err(e) => {
                report_ready(&ready, Err(&e));
                return Err(e);
            }
        };
        let mut server = match self.attach_path(&c) {
            Ok(path) => monitor::attach::Server::listen(&path, None, None)
                .map_err(|e| tracing::warn!("{e}"))
                .ok(),
            Err(_) => None,
        };
        if attach_first {
            // `run -it`: the CLI connects before the command runs.
            let _ = nix::unistd::write(&ready, b"listening\n");
            if !server
                .as_mut()
                .is_some_and(|s| s.accept_first(Duration::from_secs(30)))
            {
                let e = Error::Message("no client attached to the monitor within 30 s".into());
                report_ready(&ready, Err(&e));
                let _ = self.record_exit(id, 125);
                return Err(e);
            }
        }
        // --sdnotify=container under systemd: the container gets a socket
        // of ours; this monitor is the main PID and relays its messages.
        let relay = match std::env::var("NOTIFY_SOCKET") {
            Ok(outer) if c.config.sdnotify == "container" => {
                let dir = self.records().run_dir(id).join("notify");
                match notify::Relay::bind(&dir, &outer, std::process::id()) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        let e = Error::Message(format!(
                            "creating the notify socket for --sdnotify=container: {e}"
                        ));
                        report_ready(&ready, Err(&e));
                        let _ = self.record_exit(id, 125);
                        return Err(e);
                    }
                }
            }
            _ => None,
        };
        let mut ready = Some(ready);
        let mut attempt = 0u32;
        loop {
            let (stdin_r, mut stdin_keep) = if c.config.interactive && !c.config.tty {
                let (r, w) = pipe()?;
                (Some(r), Some(w))
            } else {
                (None, None)
            };
            let null = std::fs::File::open("/dev/null")
                .map_err(|e| Error::Message(format!("opening /dev/null: {e}")))?;
            let (out_r, out_w) = pipe()?;
            let (err_r, err_w) = pipe()?;
            let io = runtime::Stdio {
                interactive: c.config.interactive,
                tty: c.config.tty,
                fds: if c.config.tty {
                    None
                } else {
                    Some([
                        stdin_r
                            .as_ref()
                            .map_or(null.as_raw_fd(), AsRawFd::as_raw_fd),
                        out_w.as_raw_fd(),
                        err_w.as_raw_fd(),
                    ])
                },
            };
            let current = self.records().load(id)?;
            let started = self.launch(&current, io, relay.as_ref().map(|r| r.dir()));
            drop((out_w, err_w, stdin_r, null));
            let mut started = match started {
                Ok(s) => s,
                Err(e) => {
                    if let Some(r) = ready.take() {
                        report_ready(&r, Err(&e));
                    }
                    return Err(e);
                }
            };
            let master = started.take_master();
            // Attach clients write to the pty, or own the stdin pipe (so
            // that their end of input closes the container's stdin).
            let input = match &master {
                Some(m) => m.try_clone().ok(),
                None => stdin_keep.take(),
            };
            if let Some(sv) = server.as_mut() {
                sv.set_io(input, master.as_ref().and_then(|m| m.try_clone().ok()));
            }
            if let Some(r) = ready.take() {
                // systemd (Type=notify, NotifyAccess=all): this monitor is
                // the service's main process, ready once the command runs.
                // Notify before telling `rpod start`/`run -d` to exit: the
                // datagram is then queued before the service's first main
                // process dies, and systemd reads it first.
                // --sdnotify=container: only the main PID now, READY=1 when
                // the container says so.
                let state = match c.config.sdnotify.as_str() {
                    "conmon" => Some(format!("MAINPID={}\nREADY=1", std::process::id())),
                    "container" if relay.is_some() => {
                        Some(format!("MAINPID={}", std::process::id()))
                    }
                    _ => None,
                };
                if let (Some(state), Ok(socket)) = (state, std::env::var("NOTIFY_SOCKET")) {
                    if let Err(e) = notify::notify(&socket, &state) {
                        tracing::warn!("notifying systemd at {socket}: {e}");
                    }
                }
                report_ready(&r, Ok(()));
            }
            let mut log = if c.config.log_driver == "none" {
                None
            } else {
                LogWriter::open(&self.records().log_path(id), c.config.log_max_size)
                    .map_err(|e| tracing::warn!("container {id} runs without a log: {e}"))
                    .ok()
            };
            // From here on only the supervision loop runs.
            crate::sys::release_idle_memory();
            let code = monitor::supervise(
                &mut started,
                monitor::Outputs {
                    stdout: if c.config.tty { None } else { Some(out_r) },
                    stderr: if c.config.tty { None } else { Some(err_r) },
                    master,
                },
                log.as_mut(),
                false,
                server.as_mut(),
                relay.as_ref(),
            )
            .unwrap_or(125);
            drop(stdin_keep);
            let state = self.records().load(id).map(|c| c.state).unwrap_or_default();
            let restart = should_restart(&c.config.restart, &state, code, attempt);
            if !restart {
                self.record_exit(id, code)?;
                return Ok(());
            }
            attempt += 1;
            self.update_state(id, |s| {
                s.exit_code = i32::from(code);
                s.finished_at = Some(Utc::now());
                s.restart_count += 1;
                s.pid = 0;
            })?;
            // Back off: 100 ms doubling to at most 10 s, as podman's restart loop.
            let delay =
                Duration::from_millis(100u64 << attempt.min(7)).min(Duration::from_secs(10));
            std::thread::sleep(delay);
            let again = self.records().load(id);
            if again.map_or(true, |c| c.state.stopped_by_user) {
                self.record_exit(id, code)?;
                return Ok(());
            }
        }
    }

    /// Sends a signal to a running container's PID 1.
    pub fn kill_container(&self, name_or_id: &str, signal: i32) -> Result<Container> {
        let c = self.container(name_or_id)?;
        let sig = Signal::try_from(signal)
            .map_err(|_| Error::Message(format!("invalid signal number {signal}")))?;
        if !matches!(c.state.status, Status::Running | Status::Paused) || c.state.pid <= 0 {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "can only kill running containers".into(),
            }
            .into());
        }
        kill(Pid::from_raw(c.state.pid), sig)
            .map_err(|e| Error::Message(format!("sending {sig} to {}: {e}", c.short_id())))?;
        Ok(c)
    }

    /// Stops a container: its stop signal, then SIGKILL after `timeout`
    /// seconds (its own `--stop-timeout` when `None`); waits for the exit.
    pub fn stop_container(&self, name_or_id: &str, timeout: Option<u32>) -> Result<Container> {
        let c = self.container(name_or_id)?;
        if !matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            return Ok(c);
        }
        self.update_state(&c.config.id, |s| s.stopped_by_user = true)?;
        let pid = Pid::from_raw(c.state.pid);
        let timeout = Duration::from_secs(u64::from(timeout.unwrap_or(c.config.stop_timeout)));
        if c.state.pid > 0 {
            let sig = Signal::try_from(c.config.stop_signal).unwrap_or(Signal::SIGTERM);
            let _ = kill(pid, sig);
        }
        if !self.wait_exit(&c.config.id, timeout)? {
            if c.state.pid > 0 {
                let _ = kill(pid, Signal::SIGKILL);
            }
            self.wait_exit(&c.config.id, Duration::from_secs(30))?;
        }
        wait_monitor_gone(&c.state);
        Ok(self.container(&c.config.id).unwrap_or(c))
    }

    /// Waits until the record no longer says running (or is gone); false on timeout.
    fn wait_exit(&self, id: &str, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.records().load(id) {
                Ok(c) => {
                    if !matches!(
                        c.state.status,
                        Status::Running | Status::Paused | Status::Stopping
                    ) {
                        return Ok(true);
                    }
                    if Records::supervisor_gone(&c.state) {
                        self.repair(c)?;
                        return Ok(true);
                    }
                }
                Err(container::Error::NotFound(_)) => return Ok(true),
                Err(e) => return Err(e.into()),
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a container to reach a condition; returns its exit code
    /// (`wait`), or -1 when its record vanished (`--rm`).
    pub fn wait_container(&self, name_or_id: &str, cond: WaitCondition) -> Result<i32> {
        let c = self.container(name_or_id)?;
        let id = c.config.id;
        loop {
            match self.records().load(&id) {
                Ok(c) => {
                    let c = match self.repair(c)? {
                        Some(c) => c,
                        None => return Ok(-1),
                    };
                    let running = matches!(c.state.status, Status::Running | Status::Paused);
                    match cond {
                        WaitCondition::Running if running => return Ok(c.state.exit_code),
                        WaitCondition::Stopped if c.state.status == Status::Exited => {
                            return Ok(c.state.exit_code);
                        }
                        _ => {}
                    }
                }
                Err(container::Error::NotFound(_)) => return Ok(-1),
                Err(e) => return Err(e.into()),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Removes a container (`rm`); running ones need `force` (killed
    /// first); containers that join its namespaces must go first
    /// (`depend` removes them too). Returns the full IDs removed, the
    /// dependents first.
    pub fn remove_container(&self, name_or_id: &str, how: RemoveOptions) -> Result<Vec<String>> {
        let mut c = self.container(name_or_id)?;
        let mut removed = Vec::new();
        let dependents = self.records().dependents(&c.config.id)?;
        if how.depend {
            for d in dependents {
                match self.remove_container(&d, how) {
                    Ok(ids) => removed.extend(ids),
                    // Removed meanwhile (by another dependent's removal).
                    Err(e) if e.is_container_not_found() => {}
                    Err(e) => return Err(e),
                }
            }
        } else if !dependents.is_empty() {
            // Refused before anything is killed.
            return Err(container::Error::HasDependents {
                id: c.config.id.clone(),
                dependents: dependents.join(", "),
            }
            .into());
        }
        if matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            if !how.force {
                return Err(Error::Message(format!(
                    "cannot remove container {} as it is {} - running or paused containers cannot be removed without force: container state improper",
                    c.config.id, c.state.status
                )));
            }
            if how.stop_timeout.is_some() {
                self.stop_container(&c.config.id, how.stop_timeout)?;
                c = match self.container(&c.config.id) {
                    Ok(c) => c,
                    // A `--rm` container removed itself.
                    Err(e) if e.is_container_not_found() => {
                        removed.push(c.config.id);
                        return Ok(removed);
                    }
                    Err(e) => return Err(e),
                };
            }
        }
        if matches!(
            c.state.status,
            Status::Running | Status::Paused | Status::Stopping
        ) {
            self.update_state(&c.config.id, |s| s.stopped_by_user = true)?;
            if c.state.pid > 0 {
                let _ = kill(Pid::from_raw(c.state.pid), Signal::SIGKILL);
            }
            self.wait_exit(&c.config.id, Duration::from_secs(30))?;
        }
        {
            let _all = self.records().lock_all()?;
            match self.records().load(&c.config.id) {
                Ok(c) => {
                    self.remove_locked_with(&c, how.force, how.volumes || c.config.auto_remove)?;
                }
                Err(container::Error::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // After the lock: a `--rm` monitor takes it for its own cleanup.
        wait_monitor_gone(&c.state);
        removed.push(c.config.id);
        Ok(removed)
    }

    /// Removes an exited `--rm` container (the monitor, a failed start, a
    /// repaired record). One that other containers still join stays, as
    /// exited: `rpod rm` removes it after them.
    fn auto_remove(&self, c: &Container) -> Result<()> {
        let _all = self.records().lock_all()?;
        match self.remove_locked(c, true) {
            Err(Error::Container(e @ container::Error::HasDependents { .. })) => {
                tracing::warn!("not removing --rm container {}: {e}", c.config.name);
                Ok(())
            }
            other => other,
        }
    }

    /// Removes a stopped container's record and files (hold `lock_all`).
    fn remove_locked(&self, c: &Container, force: bool) -> Result<()> {
        self.remove_locked_with(c, force, c.config.auto_remove)
    }

    /// [`Engine::remove_locked`], also removing the container's anonymous
    /// volumes when `remove_volumes` (`rm -v`, and always for `--rm`).
    /// Refused while other containers join its namespaces.
    fn remove_locked_with(&self, c: &Container, force: bool, remove_volumes: bool) -> Result<()> {
        let records = self.records();
        let dependents = records.dependents(&c.config.id)?;
        if !dependents.is_empty() {
            return Err(container::Error::HasDependents {
                id: c.config.id.clone(),
                dependents: dependents.join(", "),
            }
            .into());
        }
        let _l = records.lock(&c.config.id)?;
        let fresh = records.load(&c.config.id)?;
        if matches!(fresh.state.status, Status::Running | Status::Paused)
            && !Records::supervisor_gone(&fresh.state)
        {
            if !force {
                return Err(Error::Message(format!(
                    "cannot remove container {}: it is running",
                    c.config.id
                )));
            }
            if fresh.state.pid > 0 {
                let _ = kill(Pid::from_raw(fresh.state.pid), Signal::SIGKILL);
            }
        }
        let gone = records.unlink(&c.config.id)?;
        if let Ok(network::Mode::Container(target)) = fresh.config.network.parse() {
            records.remove_dependent(&target, &c.config.id);
        }
        self.remove_container_dir(&gone);
        if remove_volumes {
            for v in &fresh.config.anonymous_volumes {
                if let Err(e) = self.remove_volume(v, false) {
                    tracing::warn!("removing anonymous volume {v}: {e}");
                }
            }
        }
        Ok(())
    }

    /// Renames a container.
    pub fn rename_container(&self, name_or_id: &str, new_name: &str) -> Result<()> {
        let c = self.container(name_or_id)?;
        let records = self.records();
        let _all = records.lock_all()?;
        records.check_name(new_name)?;
        let mut config = records.load(&c.config.id)?.config;
        config.name = new_name.to_string();
        records.save_config(&config)?;
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
        for d in self.records().leftovers() {
            self.remove_container_dir(&d);
        }
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

    /// `inspect` data for a container, with podman's field names.
    pub fn inspect_container(&self, name_or_id: &str) -> Result<serde_json::Value> {
        let c = self.container(name_or_id)?;
        let spec = self.load_spec(&c).ok();
        let process = spec.as_ref().and_then(|s| s.process().clone());
        let env = process
            .as_ref()
            .and_then(|p| p.env().clone())
            .unwrap_or_default();
        let cwd = process
            .as_ref()
            .map(|p| p.cwd().display().to_string())
            .unwrap_or_default();
        let user = process
            .as_ref()
            .map(|p| format!("{}:{}", p.user().uid(), p.user().gid()))
            .unwrap_or_default();
        let mounts: Vec<serde_json::Value> = spec
            .as_ref()
            .and_then(|s| s.mounts().clone())
            .unwrap_or_default()
            .iter()
            .filter(|m| m.typ().as_deref() == Some("bind") && !m.source().as_ref().is_some_and(|s| s.starts_with(self.records().dir(&c.config.id))))
            .map(|m| {
                let opts = m.options().clone().unwrap_or_default();
                serde_json::json!({
                    "Type": "bind",
                    "Source": m.source().as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
                    "Destination": m.destination().display().to_string(),
                    "Driver": "",
                    "Mode": "",
                    "Options": opts.clone(),
                    "RW": !opts.iter().any(|o| o == "ro"),
                    "Propagation": "rprivate",
                })
            })
            .collect();
        // The file mounted at /etc/NAME: the container's own, or the one it
        // shares with the container whose network it joins.
        let etc_path = |name: &str| {
            let dest = Path::new("/etc").join(name);
            spec.as_ref()
                .and_then(|s| s.mounts().as_ref())
                .and_then(|m| m.iter().find(|m| m.destination() == &dest))
                .and_then(|m| m.source().clone())
                .unwrap_or_else(|| self.records().dir(&c.config.id).join("etc").join(name))
        };
        let time = |t: &Option<chrono::DateTime<Utc>>| {
            t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
                .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
        };
        let s = &c.state;
        let running = matches!(s.status, Status::Running | Status::Paused);
        let stop_signal = Signal::try_from(c.config.stop_signal)
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|_| c.config.stop_signal.to_string());
        Ok(serde_json::json!({
            "Id": c.config.id,
            "Created": c.config.created.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            "Path": c.config.command.first().cloned().unwrap_or_default(),
            "Args": c.config.command.iter().skip(1).collect::<Vec<_>>(),
            "State": {
                "OciVersion": "1.0.2",
                "Status": s.status.to_string(),
                "Running": running,
                "Paused": s.status == Status::Paused,
                "Restarting": false,
                "OOMKilled": false,
                "Dead": false,
                "Pid": s.pid,
                "ConmonPid": s.monitor_pid,
                "ExitCode": s.exit_code,
                "Error": s.error,
                "StartedAt": time(&s.started_at),
                "FinishedAt": time(&s.finished_at),
            },
            "Image": c.config.image_id,
            "ImageName": c.config.image_name,
            "Rootfs": "",
            "ResolvConfPath": etc_path("resolv.conf"),
            "HostnamePath": etc_path("hostname"),
            "HostsPath": etc_path("hosts"),
            "LogPath": self.records().log_path(&c.config.id),
            "Name": c.config.name,
            "RestartCount": s.restart_count,
            "Driver": c.config.driver().as_str(),
            "MountLabel": "",
            "ProcessLabel": "",
            "Mounts": mounts,
            "Config": {
                "Hostname": c.config.hostname,
                "User": user,
                "Env": env,
                "Cmd": c.config.command,
                "Image": c.config.image_name,
                "WorkingDir": cwd,
                "Labels": c.config.labels,
                "StopSignal": stop_signal,
                "StopTimeout": c.config.stop_timeout,
                "Tty": c.config.tty,
                "OpenStdin": c.config.interactive,
                "CreateCommand": if c.config.create_command.is_empty() {
                    serde_json::Value::Null
                } else {
                    serde_json::json!(c.config.create_command)
                },
            },
            "HostConfig": {
                "AutoRemove": c.config.auto_remove,
                "RestartPolicy": {
                    "Name": c.config.restart.name,
                    "MaximumRetryCount": c.config.restart.max_retries,
                },
                "LogConfig": {
                    "Type": c.config.log_driver,
                    "Size": c.config.log_max_size.map(|v| v.to_string()).unwrap_or_else(|| "0B".into()),
                },
                "NetworkMode": c.config.network,
                "Binds": c.config.mounts,
            },
            "NetworkSettings": {
                "Ports": ports_json(&c.config.port_mappings),
            },
        }))
    }

    /// The network mode for `--network` (empty: the rootless default,
    /// pasta or slirp4netns, as containers.conf and what is installed say).
    fn network_mode(&self, value: &str) -> Result<network::Mode> {
        Ok(match value {
            // Root: pasta drops to nobody and then cannot enter the
            // container's namespaces; slirp4netns runs as root fine.
            "" | "private" | "default" | "bridge" if !self.rootless => {
                network::default_rootless(Some("slirp4netns"))?
            }
            "" | "private" | "default" | "bridge" => {
                network::default_rootless(self.containers_conf.default_rootless_network_cmd())?
            }
            v => v.parse()?,
        })
    }

    /// Rootless `--network container:NAME`: the new container joins NAME's
    /// user namespace with its network namespace (only a process with
    /// CAP_SYS_ADMIN in the user namespace that owns a network namespace may
    /// enter it), so it needs NAME's uid and gid mappings for its files to
    /// keep their owners; and NAME must have a network namespace of its own.
    fn check_same_user_namespace(
        &self,
        value: &str,
        target: &Container,
        theirs: &oci_spec::runtime::Spec,
        opts: &spec::RunOptions,
    ) -> Result<()> {
        let name = &target.config.name;
        if target.config.network == network::Mode::Host.to_string() {
            return Err(Error::Message(format!(
                "--network {value}: container {name} uses the host's network: use --network host"
            )));
        }
        let tuples = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<(u32, u32, u32)> {
            v.into_iter()
                .flatten()
                .map(|m| (m.container_id(), m.host_id(), m.size()))
                .collect()
        };
        let linux = theirs.linux().as_ref();
        let same = tuples(linux.and_then(|l| l.uid_mappings().as_ref())) == opts.uid_map
            && tuples(linux.and_then(|l| l.gid_mappings().as_ref())) == opts.gid_map;
        if !same {
            return Err(Error::Message(format!(
                "--network {value}: container {name} has other uid/gid mappings (--userns): a \
                 rootless container that joins its network joins its user namespace too, so \
                 give both the same --userns"
            )));
        }
        Ok(())
    }

    /// `--network container:` and `ns:`: points the spec's network namespace
    /// (and, rootless, its user namespace: the one that owns that network
    /// namespace) at the namespace to join. Returns the open namespace
    /// files, which the caller keeps until the container has started (the
    /// spec names them as `/proc/self/fd/N`, so the namespaces joined are
    /// the ones checked here, whatever happens to their processes).
    fn join_network(
        &self,
        c: &Container,
        mode: &network::Mode,
        oci: &mut oci_spec::runtime::Spec,
    ) -> Result<Vec<OwnedFd>> {
        use oci_spec::runtime::LinuxNamespaceType;
        use std::os::fd::AsFd;
        let (path, target) = match mode {
            network::Mode::Container(id) => {
                let t = self.running_network_target(c, id)?;
                (
                    std::path::PathBuf::from(format!("/proc/{}/ns/net", t.state.pid)),
                    Some(t),
                )
            }
            network::Mode::Namespace(p) => (p.clone(), None),
            _ => return Ok(Vec::new()),
        };
        let net = std::fs::File::open(&path).map_err(|e| {
            Error::Message(format!("opening network namespace {}: {e}", path.display()))
        })?;
        if let Some(t) = target {
            // The pid read before opening may have been reused since.
            let again = self.records().load(&t.config.id)?;
            if again.state.pid != t.state.pid || again.state.status != Status::Running {
                return Err(Error::Message(format!(
                    "joining the network namespace of container {}: it stopped meanwhile: start it \
                     again with `rpod start {}`",
                    t.config.name, t.config.name
                )));
            }
            self.name_in_shared_hosts(c, oci);
        }
        let net = OwnedFd::from(net);
        let fd_path =
            |fd: &OwnedFd| std::path::PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        spec::join_namespace(oci, LinuxNamespaceType::Network, &fd_path(&net))?;
        let mut held = Vec::new();
        if c.config.rootless {
            let owner = crate::sys::namespace_owner(net.as_fd()).map_err(|e| {
                Error::Message(format!(
                    "finding the user namespace that owns network namespace {}: {e}",
                    path.display()
                ))
            })?;
            let ino = |p: &Path| {
                use std::os::unix::fs::MetadataExt;
                std::fs::metadata(p).map(|m| (m.dev(), m.ino())).ok()
            };
            if ino(&fd_path(&owner)) == ino(Path::new("/proc/self/ns/user")) {
                return Err(Error::Message(format!(
                    "--network {mode}: network namespace {} belongs to the host's user namespace, \
                     which a rootless container cannot enter: join a container's network \
                     (--network container:NAME), or use --network host",
                    path.display()
                )));
            }
            spec::join_namespace(oci, LinuxNamespaceType::User, &fd_path(&owner))?;
            held.push(owner);
        }
        held.push(net);
        Ok(held)
    }

    /// The container whose network `c` joins (`container:ID`), which must
    /// be running.
    fn running_network_target(&self, c: &Container, id: &str) -> Result<Container> {
        let t = self.container(id).map_err(|e| {
            if e.is_container_not_found() {
                Error::Message(format!(
                    "container {} joins the network of container {id}, which no longer exists: \
                     remove it and create it again",
                    c.config.name
                ))
            } else {
                e
            }
        })?;
        if t.state.status != Status::Running || t.state.pid <= 0 {
            return Err(Error::Message(format!(
                "joining the network namespace of container {name}: it is {status}, not running: \
                 start it first with `rpod start {name}`",
                name = t.config.name,
                status = t.state.status
            )));
        }
        Ok(t)
    }

    /// Adds `c` to the /etc/hosts it shares with the container whose
    /// network it joins (`127.0.0.1 HOSTNAME NAME`, as podman does), so
    /// that its own host name resolves.
    fn name_in_shared_hosts(&self, c: &Container, oci: &oci_spec::runtime::Spec) {
        let hosts = oci
            .mounts()
            .iter()
            .flatten()
            .find(|m| m.destination() == Path::new("/etc/hosts"))
            .and_then(|m| m.source().clone());
        if let Some(hosts) = hosts.filter(|h| !h.starts_with(self.records().dir(&c.config.id))) {
            let line = format!("127.0.0.1\t{} {}\n", c.config.hostname, c.config.name);
            let present = std::fs::read_to_string(&hosts).is_ok_and(|t| t.contains(&line));
            if !present {
                use std::io::Write;
                let appended = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&hosts)
                    .and_then(|mut f| f.write_all(line.as_bytes()));
                if let Err(e) = appended {
                    tracing::warn!("adding {} to {}: {e}", c.config.name, hosts.display());
                }
            }
        }
    }

    /// Starts the network helper for a container process that was just
    /// created (pasta or slirp4netns modes), and writes the /etc files
    /// that point at it.
    fn attach_network(
        &self,
        c: &Container,
        mode: &network::Mode,
        pid: i32,
    ) -> Result<Option<network::Helper>> {
        let pid_u32 = u32::try_from(pid).unwrap_or(0);
        let helper = match mode {
            network::Mode::Pasta { extra_args } => Some(network::pasta::attach(
                pid_u32,
                &c.config.port_mappings,
                &network::pasta::Options {
                    extra_args: extra_args.clone(),
                },
            )?),
            network::Mode::Slirp4netns(o) => {
                Some(network::slirp::attach(pid_u32, &c.config.port_mappings, o)?)
            }
            _ => None,
        };
        // Without a helper, the files written at create are already right.
        let Some(h) = &helper else {
            return Ok(None);
        };
        let mut dns = c.config.dns.clone();
        let mut hosts = c.config.add_hosts.clone();
        if dns.is_empty() {
            dns = h.dns_servers().iter().map(ToString::to_string).collect();
        }
        if let Some(addr) = h.host_address() {
            for name in ["host.containers.internal", "host.docker.internal"] {
                hosts.push((name.to_string(), addr.to_string()));
            }
        }
        let written = spec::write_etc(
            &self.records().dir(&c.config.id).join("etc"),
            &spec::EtcContent {
                hostname: &c.config.hostname,
                host_resolv: Path::new("/etc/resolv.conf"),
                dns,
                dns_search: c.config.dns_search.clone(),
                hosts,
            },
        );
        if let Err(e) = written {
            h.stop();
            return Err(e.into());
        }
        Ok(helper)
    }

    /// Published ports of a container (`rpod port`).
    pub fn container_ports(&self, name_or_id: &str) -> Result<Vec<network::ports::PortMapping>> {
        Ok(self.container(name_or_id)?.config.port_mappings)
    }

    /// Where a container's monitor listens for attach clients (short, to
    /// fit the 108-byte limit of socket paths).
    fn attach_path(&self, c: &Container) -> Result<std::path::PathBuf> {
        let dir = self.store.runroot().join("a");
        crate::store::create_dir_private(&dir)?;
        Ok(dir.join(c.short_id()))
    }

    /// Attaches to a running container's monitor (`attach`, `start -a` and
    /// `run -it`): until it exits (its code), or the detach keys.
    pub fn attach(
        &self,
        name_or_id: &str,
        stdin: bool,
        detach_keys: &[u8],
    ) -> Result<monitor::attach::End> {
        let c = self.container(name_or_id)?;
        if !matches!(c.state.status, Status::Running | Status::Paused) {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "can only attach to running containers; start it with `rpod start -a`".into(),
            }
            .into());
        }
        let path = self.attach_path(&c)?;
        monitor::attach::attach(&path, stdin, c.config.tty, detach_keys)
            .map_err(|e| Error::Message(format!("attaching to {}: {e}", c.config.name)))
    }

    /// Runs a command in a running container (`rpod exec`); the working
    /// directory defaults to the container's, the environment to its own
    /// plus `opts.env`.
    pub fn exec_in_container(
        &self,
        name_or_id: &str,
        mut opts: spec::ExecOptions,
    ) -> Result<super::ExecOutcome> {
        let c = self.container(name_or_id)?;
        if c.state.status != Status::Running || c.state.pid <= 0 {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "can only exec into running containers; start it first with `rpod start`"
                    .into(),
            }
            .into());
        }
        let spec = self.load_spec(&c)?;
        // As podman: the container's seccomp filter and limits apply to
        // the new process too.
        opts.seccomp =
            spec::ExecSeccomp::Container(spec.linux().as_ref().and_then(|l| l.seccomp().clone()));
        if let Some(process) = spec.process() {
            opts.rlimits = process.rlimits().clone().unwrap_or_default();
            if opts.workdir.is_none() {
                opts.workdir = Some(process.cwd().display().to_string());
            }
        }
        // The environment and user are the container's (its spec), not
        // PID 1's: with --init, PID 1 is the init.
        self.exec_in_pid_with(c.state.pid, opts, spec.process().as_ref(), &|f| {
            self.etc_from_layers(&c, f)
        })
    }

    /// A file of the container's /etc read from its overlay's directories
    /// (upper first, then the image's layers), for when its root cannot be
    /// read through /proc: fuse-overlayfs serves only the container's user
    /// namespace. `None` when deleted, absent, or not an overlay container.
    fn etc_from_layers(&self, c: &Container, name: &str) -> Option<String> {
        use std::os::unix::fs::FileTypeExt;
        let Ok(runtime::Rootfs::Overlay(o)) = self.rootfs(c) else {
            return None;
        };
        let rel = Path::new("etc").join(name);
        for dir in std::iter::once(&o.upper).chain(&o.lower) {
            let path = dir.join(&rel);
            match std::fs::symlink_metadata(&path) {
                // A whiteout: deleted in the container.
                Ok(m) if m.file_type().is_char_device() => return None,
                Ok(_) => return std::fs::read_to_string(&path).ok(),
                Err(_) => {}
            }
        }
        None
    }

    /// Turns `-v`/`--mount` values into bind mounts and tmpfs entries of
    /// the run options, creating named and anonymous volumes on first use.
    fn resolve_mounts(
        &self,
        values: &[String],
        opts: &mut spec::RunOptions,
    ) -> Result<ResolvedVolumes> {
        let vols = Volumes::new(&self.store);
        let mut out = ResolvedVolumes::default();
        for v in values {
            let req = if v.contains("target=")
                || v.contains("type=")
                || v.contains("destination=")
                || v.contains("dst=")
            {
                volume::parse_mount_flag(v)?
            } else {
                volume::parse_volume_flag(v)?
            };
            let source = match req.source {
                Source::Tmpfs => {
                    opts.tmpfs.push(req.destination.clone());
                    continue;
                }
                Source::Host(p) => {
                    let p = std::path::absolute(&p).unwrap_or(p);
                    if !p.exists() {
                        return Err(Error::Message(format!(
                            "-v {v:?}: the host path {} does not exist: create it first (rpod does not create bind sources)",
                            p.display()
                        )));
                    }
                    p
                }
                Source::Named(n) => {
                    let vol = vols.get_or_create(&n)?;
                    out.named.push(n);
                    vol.mountpoint
                }
                Source::Anonymous => {
                    let _l = vols.lock()?;
                    let vol = vols.create(None, Default::default(), Default::default())?;
                    out.named.push(vol.name.clone());
                    out.anonymous.push(vol.name);
                    vol.mountpoint
                }
            };
            if req.chown {
                out.chown.push(source.clone());
            }
            opts.binds.push(spec::Bind {
                source,
                destination: req.destination.into(),
                read_only: req.read_only,
                copy_up: req.copy_up,
            });
        }
        Ok(out)
    }

    /// `:U`: gives a tree to the container's uid and gid (mapped through
    /// the user namespace when rootless).
    fn chown_tree(&self, path: &Path, uid: u32, gid: u32) -> Result<()> {
        fn walk(p: &Path, uid: u32, gid: u32) -> std::io::Result<()> {
            std::os::unix::fs::lchown(p, Some(uid), Some(gid))?;
            if p.symlink_metadata()?.is_dir() {
                for e in std::fs::read_dir(p)? {
                    walk(&e?.path(), uid, gid)?;
                }
            }
            Ok(())
        }
        let ok = if self.rootless {
            userns::in_child(&self.mappings, || walk(path, uid, gid).is_ok())?
        } else {
            walk(path, uid, gid).is_ok()
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Message(format!(
                "-v …:U: could not change the owner of {} to {uid}:{gid} (in the container)",
                path.display()
            )))
        }
    }

    /// Creates a volume (`volume create`).
    pub fn create_volume(
        &self,
        name: Option<&str>,
        labels: std::collections::BTreeMap<String, String>,
        options: std::collections::BTreeMap<String, String>,
        ignore_existing: bool,
    ) -> Result<Volume> {
        let vols = Volumes::new(&self.store);
        let _l = vols.lock()?;
        match vols.create(name, labels, options) {
            Err(volume::Error::Exists(n)) if ignore_existing => Ok(vols.get(&n)?),
            other => Ok(other?),
        }
    }

    /// All volumes.
    pub fn volumes(&self) -> Result<Vec<Volume>> {
        Ok(Volumes::new(&self.store).list()?)
    }

    /// One volume.
    pub fn volume(&self, name: &str) -> Result<Volume> {
        Ok(Volumes::new(&self.store).get(name)?)
    }

    /// IDs of the containers that use a volume.
    pub fn volume_users(&self, name: &str) -> Result<Vec<String>> {
        Ok(self
            .records()
            .list()?
            .into_iter()
            .filter(|c| c.config.volumes.iter().any(|v| v == name))
            .map(|c| c.config.id)
            .collect())
    }

    /// Removes a volume; one in use needs `force`, which removes its
    /// containers first (as podman does).
    pub fn remove_volume(&self, name: &str, force: bool) -> Result<()> {
        let vols = Volumes::new(&self.store);
        vols.get(name)?;
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            if !force {
                return Err(volume::Error::InUse {
                    name: name.to_string(),
                    containers: users.join(", "),
                }
                .into());
            }
            for id in users {
                match self.remove_container(&id, RemoveOptions::everything()) {
                    Err(e) if !e.is_container_not_found() => return Err(e),
                    _ => {}
                }
            }
        }
        let gone = {
            let _l = vols.lock()?;
            vols.unlink(name)?
        };
        self.remove_container_dir(&gone);
        Ok(())
    }

    /// Removes the volumes no container uses (`volume prune`); returns their names.
    pub fn prune_volumes(&self) -> Result<Vec<String>> {
        let used: std::collections::HashSet<String> = self
            .records()
            .list()?
            .into_iter()
            .flat_map(|c| c.config.volumes)
            .collect();
        let mut removed = Vec::new();
        for v in self.volumes()? {
            if !used.contains(&v.name) {
                self.remove_volume(&v.name, false)?;
                removed.push(v.name);
            }
        }
        Ok(removed)
    }

    /// `pause`/`unpause`: needs a freezer cgroup the container was put in;
    /// rpod creates no cgroups yet, so this explains that and fails.
    pub fn pause_container(&self, name_or_id: &str, thaw: bool) -> Result<()> {
        let c = self.container(name_or_id)?;
        if !matches!(c.state.status, Status::Running | Status::Paused) {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: format!(
                    "can only {} running containers",
                    if thaw { "unpause" } else { "pause" }
                ),
            }
            .into());
        }
        let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
        Err(Error::Message(format!(
            "{} {}: rpod does not put containers in a cgroup of their own yet, so there is no freezer to use{}",
            if thaw { "unpausing" } else { "pausing" },
            c.config.name,
            if self.rootless && !v2 {
                " (and rootless containers cannot have one on this host: it uses cgroup v1, which does not delegate to unprivileged users)"
            } else {
                ""
            }
        )))
    }

    /// The processes in a container's PID namespace (`top`), PID 1 first.
    pub fn container_processes(&self, name_or_id: &str) -> Result<Vec<ProcessInfo>> {
        let c = self.container(name_or_id)?;
        if c.state.status != Status::Running || c.state.pid <= 0 {
            return Err(container::Error::State {
                id: c.short_id().to_string(),
                status: c.state.status,
                what: "top needs a running container; start it first".into(),
            }
            .into());
        }
        let ns = |pid: &str| std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok();
        let target = ns(&c.state.pid.to_string())
            .ok_or_else(|| Error::Message(format!("container {} is not running", c.short_id())))?;
        let passwd = std::fs::read_to_string(format!("/proc/{}/root/etc/passwd", c.state.pid))
            .ok()
            .or_else(|| self.etc_from_layers(&c, "passwd"))
            .unwrap_or_default();
        let uid_map =
            std::fs::read_to_string(format!("/proc/{}/uid_map", c.state.pid)).unwrap_or_default();
        let ticks = 100.0f64; // USER_HZ on Linux
        let uptime: f64 = std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
            .unwrap_or(0.0);
        let mut out = Vec::new();
        for e in std::fs::read_dir("/proc")
            .map_err(|e| Error::Message(format!("reading /proc: {e}")))?
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.bytes().all(|b| b.is_ascii_digit()) || ns(&name).as_ref() != Some(&target) {
                continue;
            }
            let Ok(status) = std::fs::read_to_string(format!("/proc/{name}/status")) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{name}/stat")) else {
                continue;
            };
            let field = |key: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let nspid: Vec<String> = field("NSpid:");
            let host_uid: u32 = field("Uid:")
                .first()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let uid = map_back(&uid_map, host_uid);
            let user = passwd
                .lines()
                .find_map(|l| {
                    let f: Vec<&str> = l.split(':').collect();
                    (f.len() > 2 && f[2] == uid.to_string()).then(|| f[0].to_string())
                })
                .unwrap_or_else(|| uid.to_string());
            let rest: Vec<&str> = stat[stat.rfind(')').unwrap_or(0) + 2..]
                .split_whitespace()
                .collect();
            let num = |i: usize| {
                rest.get(i)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            let tty_nr = num(4) as u64;
            let cpu = (num(11) + num(12)) / ticks;
            let elapsed = (uptime - num(19) / ticks).max(0.0);
            let ppid_host = num(1) as i64;
            let ppid = std::fs::read_to_string(format!("/proc/{ppid_host}/status"))
                .ok()
                .filter(|_| ns(&ppid_host.to_string()).as_ref() == Some(&target))
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("NSpid:"))
                        .and_then(|v| v.split_whitespace().last().map(str::to_string))
                })
                .unwrap_or_else(|| "0".into());
            let cmdline = std::fs::read(format!("/proc/{name}/cmdline")).unwrap_or_default();
            let command = String::from_utf8_lossy(&cmdline)
                .trim_end_matches('\0')
                .replace('\0', " ");
            out.push(ProcessInfo {
                user,
                pid: nspid.last().cloned().unwrap_or(name.clone()),
                ppid,
                cpu_percent: if elapsed > 0.0 {
                    cpu / elapsed * 100.0
                } else {
                    0.0
                },
                elapsed: Duration::from_secs_f64(elapsed),
                cpu_time: Duration::from_secs_f64(cpu),
                tty: if tty_nr == 0 {
                    "?".into()
                } else {
                    format!("pts/{}", (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00))
                },
                command,
            });
        }
        out.sort_by_key(|p| p.pid.parse::<u64>().unwrap_or(u64::MAX));
        Ok(out)
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

/// One process of a container, as `top` shows it.
#[derive(Debug, Clone)]
pub struct ProcessInfo {
    /// User name (or uid) inside the container.
    pub user: String,
    /// PID inside the container.
    pub pid: String,
    /// Parent PID inside the container (0 outside it).
    pub ppid: String,
    /// CPU use over its lifetime, in percent.
    pub cpu_percent: f64,
    /// Time since it started.
    pub elapsed: Duration,
    /// CPU time used.
    pub cpu_time: Duration,
    /// Its terminal, or `?`.
    pub tty: String,
    /// Its command line.
    pub command: String,
}

/// Maps a host uid back into a namespace through its `uid_map` text.
fn map_back(uid_map: &str, host: u32) -> u32 {
    for l in uid_map.lines() {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        if let [inside, outside, len] = f[..] {
            let h = u64::from(host);
            if h >= outside && h < outside + len {
                return u32::try_from(inside + h - outside).unwrap_or(host);
            }
        }
    }
    host
}

/// podman's `NetworkSettings.Ports`: `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`.
fn ports_json(ports: &[network::ports::PortMapping]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        let entry = serde_json::json!({
            "HostIp": p.host_ip.map(|i| i.to_string()).unwrap_or_default(),
            "HostPort": p.host_port.to_string(),
        });
        match map.get_mut(&key) {
            Some(serde_json::Value::Array(a)) => a.push(entry),
            _ => {
                map.insert(key, serde_json::Value::Array(vec![entry]));
            }
        }
    }
    serde_json::Value::Object(map)
}

/// What [`Engine::resolve_mounts`] found.
#[derive(Debug, Default)]
struct ResolvedVolumes {
    /// Volumes used (named and anonymous).
    named: Vec<String>,
    /// Anonymous volumes created for this container.
    anonymous: Vec<String>,
    /// Sources to chown (`:U`).
    chown: Vec<std::path::PathBuf>,
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
        .map_err(|e| Error::Message(format!("creating a pipe: {e}")))
}

fn report_ready(fd: &OwnedFd, result: std::result::Result<(), &Error>) {
    let msg = match result {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("{} {e}", e.exit_code()),
    };
    let _ = nix::unistd::write(fd, msg.as_bytes());
}

fn should_restart(policy: &RestartPolicy, state: &State, code: u8, attempt: u32) -> bool {
    if state.stopped_by_user {
        return false;
    }
    match policy.name.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => code != 0 && (policy.max_retries == 0 || attempt < policy.max_retries),
        _ => false,
    }
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

    #[test]
    fn restart_decisions() {
        let p: RestartPolicy = "on-failure:2".parse().unwrap();
        let s = State::default();
        assert!(should_restart(&p, &s, 1, 0));
        assert!(should_restart(&p, &s, 1, 1));
        assert!(!should_restart(&p, &s, 1, 2));
        assert!(!should_restart(&p, &s, 0, 0));
        let always: RestartPolicy = "always".parse().unwrap();
        assert!(should_restart(&always, &s, 0, 100));
        let stopped = State {
            stopped_by_user: true,
            ..State::default()
        };
        assert!(!should_restart(&always, &stopped, 0, 0));
        assert!(!should_restart(&RestartPolicy::default(), &s, 1, 0));
    }
}
