//! `kube play`, `kube down` and `kube generate` against the store: the
//! I/O around [`crate::kube`]'s pure plan and writer. Play checks
//! everything it can before it writes (pods that exist, host paths), then
//! creates volumes (with their ConfigMap/Secret files), builds images
//! (`--build`), creates each pod with [`Engine::create_pod`] and its
//! containers as members, runs init containers to completion, and starts
//! the rest. A pod whose containers cannot be created is removed again.

use fs_err::os::unix::fs::OpenOptionsExt;
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Engine, PodRemoveOptions, RemoveOptions, WaitCondition};
use crate::error::{Error, Result};
use crate::image::config::ImageConfig;
use crate::kube::generate::{GenContainer, GenMount, GenPod, GenVolume};
use crate::kube::play::{build_dir_name, HostPathPlan, Plan, PodPlan, VolumePlan};
use crate::network::Mode;
use crate::pod::{PodNetwork, PodSpec};
use crate::spec::{CapSet, MountSource, PodMembership};

/// How `kube play` runs a plan.
#[derive(Debug, Clone, Default)]
pub struct PlayRun {
    /// `--start` (default true): start the containers.
    pub start: bool,
    /// `--replace`: pods that exist are removed first.
    pub replace: bool,
    /// `--build`: `Some(true)` builds every image with a Containerfile in a
    /// directory named after it, `Some(false)` never builds, `None` builds
    /// only the images that are missing.
    pub build: Option<bool>,
    /// `--context-dir` (the working directory when `None`).
    pub context_dir: Option<PathBuf>,
    /// `--authfile`: must exist; the pulls and builds of the play use it.
    pub authfile: Option<PathBuf>,
    /// `--log-driver`, `--log-opt`: the containers' logging (`None`: the default).
    pub log: Option<crate::spec::LogConfig>,
    /// `--service-container`: the service container's name
    /// (`<first 12 hex of the YAML's sha256>-service`).
    pub service: Option<String>,
}

/// One pod `kube play` made.
#[derive(Debug, Clone, Default)]
pub struct PlayedPod {
    /// The pod's ID.
    pub id: String,
    /// Its containers' IDs.
    pub containers: Vec<String>,
    /// Its init containers' IDs.
    pub init_containers: Vec<String>,
    /// Containers that did not start, with why.
    pub errors: Vec<String>,
}

/// What `kube play` made.
#[derive(Debug, Clone, Default)]
pub struct PlayReport {
    /// PersistentVolumeClaims' volumes.
    pub volumes: Vec<String>,
    /// The pods.
    pub pods: Vec<PlayedPod>,
    /// `--service-container`: the service container's ID.
    pub service: Option<String>,
}

/// What `kube down` removed.
#[derive(Debug, Clone, Default)]
pub struct DownReport {
    /// Pods stopped (IDs).
    pub stopped: Vec<String>,
    /// Pods removed (IDs).
    pub removed: Vec<String>,
    /// Volumes removed.
    pub volumes: Vec<String>,
    /// Pods that could not be removed, with why.
    pub errors: Vec<String>,
}

impl Engine {
    /// The store's secrets that the YAML uses without defining them, read
    /// as Kubernetes Secrets (for [`crate::kube::PlayOptions::stored_secrets`]);
    /// one not in the store is left to the plan (an error unless optional).
    pub fn kube_stored_secrets(
        &self,
        docs: &[crate::kube::Document],
    ) -> Result<Vec<crate::kube::model::Secret>> {
        let mut out = Vec::new();
        for name in crate::kube::undefined_secrets(docs) {
            match self.secret_data(&name) {
                Ok((_, data)) => out.push(crate::kube::stored_secret(&name, &data)?),
                Err(e) if e.is_secret_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Runs a `kube play` plan; `progress` receives lines for stderr
    /// (builds' output goes there directly).
    pub fn kube_play(
        &self,
        plan: &Plan,
        run: &PlayRun,
        progress: &mut dyn FnMut(&str),
    ) -> Result<PlayReport> {
        // Refuse before writing anything.
        if run.service.is_some() && !run.start {
            return Err(Error::Message(
                "running a service container requires starting the pod(s)".into(),
            ));
        }
        if let Some(f) = &run.authfile {
            check_authfile(f)?;
        }
        for p in &plan.pods {
            if self.pod_exists(&p.name)? {
                if !run.replace {
                    return Err(Error::Message(format!(
                        "{}: adding pod to state: name \"{}\" is in use: pod already exists",
                        p.origin, p.name
                    )));
                }
            } else if let Some(c) = p
                .init_containers
                .iter()
                .chain(&p.containers)
                .filter_map(|c| c.name.as_deref())
                .find(|n| self.container(n).is_ok())
            {
                if !run.replace {
                    return Err(Error::Message(format!(
                        "{}: the container name \"{c}\" is already in use: remove it, or use --replace",
                        p.origin
                    )));
                }
            }
        }
        for p in &plan.pods {
            for h in &p.host_paths {
                check_host_path(h, &p.origin)?;
            }
        }
        let mut report = PlayReport::default();
        for v in &plan.volumes {
            self.play_volume(v)?;
            if v.claim {
                report.volumes.push(v.name.clone());
            }
        }
        self.play_builds(plan, run, progress)?;
        // Replaced pods go first: a service container of theirs goes with them.
        for p in &plan.pods {
            if run.replace {
                if self.pod_exists(&p.name)? {
                    self.remove_pod(
                        &p.name,
                        PodRemoveOptions {
                            force: true,
                            timeout: Some(0),
                            ignore: true,
                        },
                    )?;
                }
                for n in p
                    .init_containers
                    .iter()
                    .chain(&p.containers)
                    .filter_map(|c| c.name.as_deref())
                {
                    match self.remove_container(n, RemoveOptions::everything()) {
                        Err(e) if !e.is_container_not_found() => return Err(e),
                        _ => {}
                    }
                }
            }
        }
        // podman makes it with the first Pod or Deployment; rpod's comes
        // from the first member's image (podman's from its pause image).
        let first = plan.pods.iter().find_map(|p| p.containers.first());
        if let (Some(name), Some(c)) = (&run.service, first) {
            let mut image = c.image.clone();
            image.fetch.authfile.clone_from(&run.authfile);
            report.service = Some(
                self.play_service(name, &image, run.replace)
                    .map_err(|e| Error::Message(format!("creating service container: {e}")))?,
            );
        }
        for p in &plan.pods {
            match self.play_pod(p, run, report.service.as_deref()) {
                Ok(played) => report.pods.push(played),
                Err(e) => {
                    if let Some(sid) = &report.service {
                        if self.pods_of_service(sid).is_ok_and(|p| p.is_empty()) {
                            let _ = self.remove_container(sid, RemoveOptions::everything());
                        }
                    }
                    return Err(e);
                }
            }
        }
        if let (Some(sid), Ok(socket)) = (&report.service, std::env::var("NOTIFY_SOCKET")) {
            // As podman: the service container's monitor (conmon there)
            // is the unit's main process, and the unit is ready.
            let pid = self.container(sid)?.state.monitor_pid;
            let state = format!("MAINPID={pid}\nREADY=1");
            if let Err(e) = crate::systemd::notify::notify(&socket, &state) {
                tracing::warn!("notifying systemd ({socket}): {e}");
            }
        }
        Ok(report)
    }

    fn play_volume(&self, v: &VolumePlan) -> Result<()> {
        let mut labels = BTreeMap::new();
        if v.ephemeral {
            labels.insert("io.rpod.kube.emptydir".to_string(), "true".to_string());
        }
        let vol = self.create_volume(Some(&v.name), labels, BTreeMap::new(), true)?;
        for (path, data, mode) in &v.files {
            write_volume_file(&vol.mountpoint, path, data, *mode).map_err(|e| {
                Error::Message(format!("writing {path} into volume {}: {e}", v.name))
            })?;
        }
        Ok(())
    }

    fn play_builds(
        &self,
        plan: &Plan,
        run: &PlayRun,
        progress: &mut dyn FnMut(&str),
    ) -> Result<()> {
        if run.build == Some(false) {
            return Ok(());
        }
        let base = match &run.context_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir()
                .map_err(|e| Error::Message(format!("finding the working directory: {e}")))?,
        };
        let mut done: Vec<String> = Vec::new();
        for p in &plan.pods {
            for c in p.init_containers.iter().chain(&p.containers) {
                let image = &c.image.reference;
                if done.contains(image) {
                    continue;
                }
                done.push(image.clone());
                let dir = base.join(build_dir_name(image));
                let has_file = ["Containerfile", "Dockerfile"]
                    .iter()
                    .any(|f| dir.join(f).is_file());
                if !has_file {
                    continue;
                }
                if run.build.is_none() && self.image_exists(image)? {
                    continue;
                }
                progress(&format!("Building {image} from {}", dir.display()));
                let status = Command::new("/proc/self/exe")
                    .arg("--root")
                    .arg(self.store().root())
                    .arg("--runroot")
                    .arg(self.store().runroot())
                    .args(self.events_flag())
                    .arg("build")
                    .args(
                        run.authfile
                            .iter()
                            .map(|f| format!("--authfile={}", f.display())),
                    )
                    .arg("-t")
                    .arg(image)
                    .arg(&dir)
                    .stdout(stderr_stdio())
                    .status()
                    .map_err(|e| Error::Message(format!("running rpod build: {e}")))?;
                if !status.success() {
                    return Err(Error::Message(format!(
                        "building {image} from {}: rpod build failed",
                        dir.display()
                    )));
                }
            }
        }
        Ok(())
    }

    fn play_pod(&self, p: &PodPlan, run: &PlayRun, service: Option<&str>) -> Result<PlayedPod> {
        let mut spec = PodSpec::named(p.name.clone());
        spec.service_container = service.map(str::to_string);
        spec.hostname.clone_from(&p.hostname);
        spec.labels.clone_from(&p.labels);
        spec.network = PodNetwork {
            mode: p.network.clone(),
            ports: p.ports.clone(),
            ..PodNetwork::default()
        };
        if let Some(u) = &p.userns {
            spec.userns = u.clone();
        }
        spec.create_command = std::env::args().collect();
        // podman: kube play's pods have the exit policy `stop`.
        spec.exit_policy = crate::pod::ExitPolicy::Stop;
        for (image, pull) in &p.image_pulls {
            let fetch = crate::spec::FetchOptions {
                authfile: run.authfile.clone(),
                ..Default::default()
            };
            self.pull_mount_image(image, *pull, &fetch)?;
        }
        let pod = self.create_pod(&spec)?;
        let mut out = PlayedPod {
            id: pod.id.clone(),
            ..PlayedPod::default()
        };
        let cleanup = |e: Error| -> Error {
            let _ = self.remove_pod(
                &pod.id,
                PodRemoveOptions {
                    force: true,
                    timeout: Some(0),
                    ignore: true,
                },
            );
            Error::Message(format!("{}: {e}", p.origin))
        };
        // Init containers run to completion, in order, before the others
        // are created (podman's default "once" type: removed afterwards).
        for c in &p.init_containers {
            let mut c = c.clone();
            c.pod = Some(PodMembership::Existing(pod.id.clone()));
            let name = kube_name(&p.name, &c);
            self.automount_images(&mut c, &name).map_err(cleanup)?;
            c.image.fetch.authfile.clone_from(&run.authfile);
            if let Some(l) = run.log {
                c.log = l;
            }
            let made = self.create_container(&c).map_err(cleanup)?;
            out.init_containers.push(made.config.id.clone());
            if !run.start {
                continue;
            }
            self.start_detached(&made.config.id).map_err(cleanup)?;
            let code = self
                .wait_container(&made.config.id, WaitCondition::Stopped)
                .map_err(cleanup)?;
            if code != 0 {
                return Err(cleanup(Error::Message(format!(
                    "init container {} exited with code {code}",
                    made.config.name
                ))));
            }
            let _ = self.remove_container(&made.config.id, RemoveOptions::everything());
        }
        let mut made = Vec::new();
        for c in &p.containers {
            tracing::debug!(
                "Pulling image {} (policy: {})",
                c.image.reference,
                match c.image.pull {
                    crate::spec::PullPolicy::Missing => "missing",
                    crate::spec::PullPolicy::Always => "always",
                    crate::spec::PullPolicy::Never => "never",
                    crate::spec::PullPolicy::Newer => "newer",
                }
            );
            let mut c = c.clone();
            c.pod = Some(PodMembership::Existing(pod.id.clone()));
            let name = kube_name(&p.name, &c);
            self.automount_images(&mut c, &name).map_err(cleanup)?;
            c.image.fetch.authfile.clone_from(&run.authfile);
            if let Some(l) = run.log {
                c.log = l;
            }
            let ctr = self.create_container(&c).map_err(cleanup)?;
            made.push(ctr.config.id.clone());
        }
        if run.start {
            for id in &made {
                if let Err(e) = self.start_detached(id) {
                    out.errors.push(format!("starting container {id}: {e}"));
                }
            }
        }
        out.containers = made;
        Ok(out)
    }

    /// `kube play --down` / `kube down`: removes the plan's pods (stopping
    /// their containers), its emptyDir volumes, and with `force` its other
    /// volumes.
    pub fn kube_down(&self, plan: &Plan, force: bool) -> Result<DownReport> {
        let mut r = DownReport::default();
        for p in &plan.pods {
            let pod = match self.pod(&p.name) {
                Ok(pod) => pod,
                Err(e) if e.is_pod_not_found() => continue,
                Err(e) => return Err(e),
            };
            let running = pod.members.iter().any(|c| {
                matches!(
                    c.state.status,
                    crate::container::Status::Running | crate::container::Status::Paused
                )
            });
            let how = PodRemoveOptions {
                force: true,
                timeout: None,
                ignore: true,
            };
            match self.remove_pod(&pod.config.id, how) {
                Ok(id) => {
                    if running {
                        r.stopped.push(id.clone());
                    }
                    r.removed.push(id);
                }
                Err(e) => r.errors.push(format!("{}: {e}", p.name)),
            }
        }
        for v in &plan.volumes {
            if !(v.ephemeral || force) {
                continue;
            }
            match self.remove_volume(&v.name, false, None) {
                Ok(()) => r.volumes.push(v.name.clone()),
                Err(e) if e.is_volume_not_found() => {}
                Err(e) => r.errors.push(format!("volume {}: {e}", v.name)),
            }
        }
        Ok(r)
    }

    /// `kube play --wait`: blocks until every container of `report` has
    /// exited, or SIGINT/SIGTERM arrives; returns whether it was
    /// interrupted. The containers are awaited by an `rpod wait` child, so
    /// this process stays single-threaded and takes the signals with
    /// `sigwait` (nothing runs in a signal handler).
    pub fn kube_wait(&self, report: &PlayReport) -> Result<bool> {
        use nix::sys::signal::{SigSet, Signal};
        let ids: Vec<&String> = report.pods.iter().flat_map(|p| &p.containers).collect();
        if ids.is_empty() {
            return Ok(false);
        }
        let mut set = SigSet::empty();
        for s in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGCHLD] {
            set.add(s);
        }
        let old = set
            .thread_swap_mask(nix::sys::signal::SigmaskHow::SIG_BLOCK)
            .map_err(|e| Error::Message(format!("blocking signals: {e}")))?;
        // The child starts with an empty mask (std resets it).
        let child = Command::new("/proc/self/exe")
            .arg("--root")
            .arg(self.store().root())
            .arg("--runroot")
            .arg(self.store().runroot())
            .args(self.events_flag())
            .arg("wait")
            .args(&ids)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match child {
            Ok(c) => c,
            Err(e) => {
                let _ = old.thread_set_mask();
                return Err(Error::Message(format!("running rpod wait: {e}")));
            }
        };
        let interrupted = loop {
            match set.wait() {
                Ok(Signal::SIGCHLD) => {
                    if child.try_wait().ok().flatten().is_some() {
                        break false;
                    }
                }
                Ok(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break true;
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = old.thread_set_mask();
                    return Err(Error::Message(format!("waiting for signals: {e}")));
                }
            }
        };
        let _ = old.thread_set_mask();
        Ok(interrupted)
    }

    /// containers.conf's `engine.kube_generate_type` (`kube generate --type`'s default).
    pub fn kube_generate_type(&self) -> Option<&str> {
        self.containers_conf.kube_generate_type()
    }

    /// What `kube generate` writes for `names` (containers, pods or
    /// volumes): pods (a lone container is a pod of its own) and volumes.
    pub fn kube_generate_input(&self, names: &[String]) -> Result<(Vec<GenPod>, Vec<GenVolume>)> {
        let mut lone = Vec::new();
        let mut pods = Vec::new();
        let mut volumes = Vec::new();
        for n in names {
            if let Ok(c) = self.container(n) {
                if let Some(pod) = &c.config.pod {
                    return Err(Error::Message(format!(
                        "container {} is associated with pod {pod}: use generate on the pod itself",
                        c.config.id
                    )));
                }
                lone.push(self.gen_container(&c)?);
                continue;
            }
            if let Ok(p) = self.pod(n) {
                if p.members.is_empty() {
                    return Err(Error::Message(format!(
                        "pod {} only has an infra container",
                        p.config.id
                    )));
                }
                let mut containers = Vec::new();
                for c in &p.members {
                    containers.push(self.gen_container(c)?);
                }
                // The pod's own settings replace what each member copied.
                for c in &mut containers {
                    c.ports.clear();
                    c.hostname = None;
                }
                let hostname =
                    (p.config.hostname != p.config.name).then(|| p.config.hostname.clone());
                if let Some(first) = containers.first_mut() {
                    first.hostname = hostname;
                }
                pods.push(GenPod {
                    name: Some(p.config.name.clone()),
                    containers,
                    ports: p.config.network.ports.clone(),
                });
                continue;
            }
            if let Ok(v) = self.volume(n) {
                volumes.push(GenVolume {
                    name: v.name.clone(),
                    labels: v.labels.clone(),
                });
                continue;
            }
            return Err(Error::Message(format!("name or ID {n:?} not found")));
        }
        if !lone.is_empty() {
            pods.insert(
                0,
                GenPod {
                    name: None,
                    containers: lone,
                    ports: Vec::new(),
                },
            );
        }
        Ok((pods, volumes))
    }

    fn gen_container(&self, c: &crate::container::Container) -> Result<GenContainer> {
        let cfg = &c.config;
        let oci = self.container_spec(c)?;
        let image = self
            .find_image(&cfg.image_id)
            .ok()
            .and_then(|r| {
                let blob = self.store().get_blob(&r.config_digest()).ok()?;
                ImageConfig::from_blob(&r.id, &cfg.image_name, &blob).ok()
            })
            .unwrap_or_default();
        let process = oci.process().as_ref();
        let args: Vec<String> = process
            .and_then(|p| p.args().clone())
            .unwrap_or_else(|| cfg.command.clone());
        // Split the command line into the image's entrypoint and the rest.
        let (command, rest) = if !image.entrypoint.is_empty() && args.starts_with(&image.entrypoint)
        {
            (
                Some(image.entrypoint.clone()),
                args[image.entrypoint.len()..].to_vec(),
            )
        } else {
            (Some(args.clone()), Vec::new())
        };
        let (command, args) = match command {
            Some(cmd) if cmd == image.entrypoint && !image.entrypoint.is_empty() => {
                (None, (rest != image.cmd).then_some(rest))
            }
            Some(cmd) if cmd == image.cmd => (None, None),
            Some(cmd) => (Some(cmd), (!rest.is_empty()).then_some(rest)),
            None => (None, None),
        };
        let cwd = process
            .map(|p| p.cwd().to_string_lossy().into_owned())
            .unwrap_or_default();
        let working_dir =
            (cwd != "/" && !cwd.is_empty() && cwd != image.working_dir).then_some(cwd);
        let image_env: BTreeMap<&str, &str> =
            image.env.iter().filter_map(|e| e.split_once('=')).collect();
        let mut env = Vec::new();
        for e in process.and_then(|p| p.env().clone()).unwrap_or_default() {
            let Some((k, v)) = e.split_once('=') else {
                continue;
            };
            if image_env.get(k) == Some(&v) || is_default_env(k, v, &cfg.hostname) {
                continue;
            }
            env.push((k.to_string(), v.to_string()));
        }
        let caps: CapSet = process
            .and_then(|p| p.capabilities().as_ref())
            .and_then(|c| c.bounding().clone())
            .map(|set| {
                set.iter()
                    .filter_map(|c| crate::spec::Cap::from_oci(*c))
                    .collect()
            })
            .unwrap_or_else(CapSet::defaults);
        let defaults = CapSet::defaults();
        let privileged = caps == CapSet::all()
            && oci
                .linux()
                .as_ref()
                .and_then(|l| l.masked_paths().as_ref())
                .is_none_or(|m| m.is_empty());
        let unmasked = !privileged
            && oci
                .linux()
                .as_ref()
                .and_then(|l| l.masked_paths().as_ref())
                .is_none_or(|m| m.is_empty());
        let cap_drop = defaults.without(caps).names();
        let cap_add = caps.without(defaults).names();
        let user = process.map(|p| p.user());
        let run_as = user
            .filter(|u| !image.user.is_empty() || u.uid() != 0 || u.gid() != 0)
            .filter(|_| {
                c.config
                    .create_command
                    .iter()
                    .any(|a| a == "-u" || a.starts_with("--user"))
            })
            .map(|u| (u.uid(), u.gid()));
        let mounts = cfg
            .mounts
            .iter()
            .map(|m| GenMount {
                source: m.source.clone(),
                destination: m.destination.to_string_lossy().into_owned(),
                read_only: m.read_only,
                host_dir: match &m.source {
                    MountSource::Bind(p) => fs_err::metadata(p).ok().map(|md| md.is_dir()),
                    _ => None,
                },
            })
            .collect();
        let r = &cfg.resources;
        let cpu_milli = match (r.cpu_quota, r.cpu_period, r.nano_cpus) {
            (Some(q), Some(p), _) if q > 0 && p > 0 => Some((q as u64) * 1000 / p),
            (_, _, Some(n)) => Some(n / 1_000_000),
            _ => None,
        }
        .filter(|m| *m >= 1);
        let hostname_set = c
            .config
            .create_command
            .iter()
            .any(|a| a == "-h" || a.starts_with("--hostname"));
        Ok(GenContainer {
            name: cfg.name.clone(),
            image: if cfg.image_name.is_empty() {
                cfg.image.clone()
            } else {
                cfg.image_name.clone()
            },
            command,
            args,
            working_dir,
            env,
            ports: cfg.port_mappings.clone(),
            mounts,
            cap_add: if privileged { Vec::new() } else { cap_add },
            cap_drop: if privileged { Vec::new() } else { cap_drop },
            privileged,
            read_only: oci
                .root()
                .as_ref()
                .and_then(|r| r.readonly())
                .unwrap_or(false),
            no_new_privileges: process.and_then(|p| p.no_new_privileges()).unwrap_or(false),
            unmasked,
            run_as,
            memory: r.memory,
            cpu_milli,
            restart: cfg.restart,
            tty: cfg.tty,
            stdin: cfg.interactive,
            hostname: hostname_set.then(|| cfg.hostname.clone()),
            stop_timeout: (cfg.stop_timeout != 10).then_some(cfg.stop_timeout),
            host_network: cfg.network == Mode::Host,
            selinux: selinux_options(
                oci.annotations()
                    .as_ref()
                    .and_then(|a| a.get(crate::spec::generate::LABEL_ANNOTATION))
                    .map_or("", String::as_str),
            ),
        })
    }
}

/// `seLinuxOptions` from podman's label annotation (`--security-opt
/// label=` values joined with `,label=`), as podman's kube generate
/// writes them: `type`, `level`, `filetype` (`disable`: type `spc_t`).
fn selinux_options(labels: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for l in labels.split(",label=").filter(|l| !l.is_empty()) {
        let (k, v) = match l.split_once(':') {
            Some((k @ ("type" | "level" | "filetype"), v)) => (k, v),
            None if l == "disable" => ("type", "spc_t"),
            _ => continue,
        };
        out.retain(|(o, _)| o != k);
        out.push((k.to_string(), v.to_string()));
    }
    out
}

/// Whether `k=v` is one of the variables rpod sets in every container.
fn is_default_env(k: &str, v: &str, hostname: &str) -> bool {
    matches!(
        (k, v),
        (
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        ) | ("container", "podman")
            | ("container", "rpod")
            | ("TERM", "xterm")
    ) || (k == "HOSTNAME" && v == hostname)
        || k == "HOME"
}

/// Kubernetes' `hostPath.type` checks; the `OrCreate` types create.
fn check_host_path(h: &HostPathPlan, origin: &str) -> Result<()> {
    let bad = |what: String| Error::Message(format!("{origin}: {}: {what}", h.field));
    let p = &h.path;
    let md = fs_err::metadata(p).ok();
    match h.kind.as_str() {
        "DirectoryOrCreate" if md.is_none() => fs_err::create_dir_all(p)
            .map_err(crate::sys::without_path)
            .map_err(|e| bad(format!("creating {}: {e}", p.display())))?,
        "FileOrCreate" if md.is_none() => {
            if let Some(dir) = p.parent() {
                fs_err::create_dir_all(dir).map_err(|e| bad(e.to_string()))?;
            }
            fs_err::File::create(p).map_err(|e| bad(e.to_string()))?;
        }
        "Directory" | "DirectoryOrCreate" if !md.as_ref().is_some_and(|m| m.is_dir()) => {
            return Err(bad(format!("{} is not a directory", p.display())))
        }
        "File" | "FileOrCreate" if !md.as_ref().is_some_and(|m| m.is_file()) => {
            return Err(bad(format!("{} is not a file", p.display())))
        }
        _ if md.is_none() => {
            return Err(bad(format!(
                "{} does not exist: create it, or set type: DirectoryOrCreate",
                p.display()
            )))
        }
        _ => {}
    }
    Ok(())
}

/// Writes one ConfigMap/Secret file into a volume's directory, replacing
/// what was there without following a link planted in its place.
fn write_volume_file(root: &Path, rel: &str, data: &[u8], mode: u32) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    match fs_err::symlink_metadata(&path) {
        Ok(m) if m.is_dir() => fs_err::remove_dir_all(&path)?,
        Ok(_) => fs_err::remove_file(&path)?,
        Err(_) => {}
    }
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)?;
    f.write_all(data)?;
    f.set_permissions(std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

fn stderr_stdio() -> Stdio {
    use std::os::fd::AsFd;
    std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map_or_else(|_| Stdio::null(), Stdio::from)
}

/// A played container's name in the YAML (its name less the pod's).
fn kube_name(pod: &str, c: &crate::spec::ContainerSpec) -> String {
    let full = c.name.as_deref().unwrap_or_default();
    full.strip_prefix(pod)
        .and_then(|n| n.strip_prefix('-'))
        .unwrap_or(full)
        .to_string()
}

/// `--authfile` must name a file that exists (podman's message).
pub fn check_authfile(f: &Path) -> Result<()> {
    if crate::config::auth::only_from_env(f) {
        return Ok(());
    }
    match fs_err::metadata(f) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::Message(format!(
            "credential file is not accessible: faccessat {}: {}",
            f.display(),
            if e.kind() == std::io::ErrorKind::NotFound {
                "no such file or directory".to_string()
            } else {
                e.to_string()
            }
        ))),
    }
}

impl Engine {
    /// The pods whose service container is `service_id`.
    pub(crate) fn pods_of_service(&self, service_id: &str) -> Result<Vec<crate::pod::PodConfig>> {
        Ok(self
            .pod_records()
            .list()?
            .into_iter()
            .filter(|p| p.service_container.as_deref() == Some(service_id))
            .collect())
    }

    /// podman's refusal to remove a service container its pods still name.
    pub(crate) fn check_service_removable(&self, c: &crate::container::Container) -> Result<()> {
        if !c.config.is_service {
            return Ok(());
        }
        let pods = self.pods_of_service(&c.config.id)?;
        if pods.is_empty() {
            return Ok(());
        }
        let ids: Vec<&str> = pods.iter().map(|p| p.id.as_str()).collect();
        Err(Error::Message(format!(
            "container {} is the service container of pod(s) {} and cannot be removed without removing the pod(s)",
            c.config.id,
            ids.join(",")
        )))
    }

    /// After a member of pod `pod_id` exited: when no member of any pod of
    /// its service container runs any more, the service container stops
    /// (podman stops it when its pods have all exited).
    pub(crate) fn stop_idle_service(&self, pod_id: &str) {
        let Ok(pod) = self.pod_records().load(pod_id) else {
            return;
        };
        let Some(sid) = pod.service_container else {
            return;
        };
        let live = || {
            self.pods_of_service(&sid).is_ok_and(|pods| {
                pods.iter().any(|p| {
                    self.pod(&p.id).is_ok_and(|p| {
                        p.members.iter().any(|c| {
                            matches!(
                                c.state.status,
                                crate::container::Status::Running
                                    | crate::container::Status::Paused
                                    | crate::container::Status::Stopping
                            )
                        })
                    })
                })
            })
        };
        if live() {
            return;
        }
        match self.container(&sid) {
            Ok(s)
                if matches!(
                    s.state.status,
                    crate::container::Status::Running | crate::container::Status::Paused
                ) =>
            {
                if let Err(e) = self.stop_container(&sid, None) {
                    tracing::warn!("stopping service container {sid}: {e}");
                }
                // A `pod start`/`restart` that found it still running may
                // have started members meanwhile: then it runs again.
                if live() {
                    if let Err(e) = self.start_detached(&sid) {
                        tracing::warn!("starting service container {sid}: {e}");
                    }
                }
            }
            _ => {}
        }
    }

    /// Before pod `p`'s members start: its service container runs.
    pub(crate) fn start_service_of(&self, p: &crate::pod::PodConfig) -> Result<()> {
        let Some(sid) = &p.service_container else {
            return Ok(());
        };
        let s = self.container(sid)?;
        if !matches!(
            s.state.status,
            crate::container::Status::Running | crate::container::Status::Paused
        ) {
            self.start_detached(sid)?;
        }
        Ok(())
    }

    /// After pod `p`'s record is gone: its service container goes too once
    /// no other pod names it.
    pub(crate) fn remove_idle_service(&self, p: &crate::pod::PodConfig) {
        let Some(sid) = &p.service_container else {
            return;
        };
        if self.pods_of_service(sid).is_ok_and(|pods| pods.is_empty()) {
            match self.remove_container(sid, RemoveOptions::everything()) {
                Err(e) if !e.is_container_not_found() => {
                    tracing::warn!("removing service container {sid}: {e}");
                }
                _ => {}
            }
        }
    }

    /// `kube play --service-container`: makes and starts the service
    /// container `name` (from `image`, already local or pulled as the
    /// members' are): no network, read-only, its process rpod-init's pause.
    /// With `replace`, one of that name goes first.
    fn play_service(
        &self,
        name: &str,
        image: &crate::spec::ImageSpec,
        replace: bool,
    ) -> Result<String> {
        if replace {
            match self.remove_container(name, RemoveOptions::everything()) {
                Err(e) if !e.is_container_not_found() => return Err(e),
                _ => {}
            }
        }
        let mut s = crate::spec::ContainerSpec {
            name: Some(name.to_string()),
            image: image.clone(),
            service: true,
            read_only: Some(true),
            ..Default::default()
        };
        s.network.mode = Some(Mode::None);
        s.process.command = vec!["rpod-pause".to_string()];
        s.process.entrypoint = Some(Vec::new());
        let c = self.create_container(&s)?;
        self.start_detached(&c.config.id)?;
        Ok(c.config.id)
    }
}
