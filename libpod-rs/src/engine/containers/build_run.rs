//! build's RUN steps on rpod's own runtime: each step is a container
//! planned as `run` plans one ([`container::plan`] from a
//! [`ContainerSpec`]), with the stage's layers as overlay lowers (or a vfs
//! copy) and a fresh upper directory in the step's scratch directory, which
//! becomes the layer. Nothing is recorded: the container lives only while
//! its command runs, dies with us (the runtime's parent-death signal), and
//! its scratch directory goes with the step (or with the next build's
//! reclaim, if we were killed).
//!
//! Rootless, the build already runs in rpod's user namespace (layers hold
//! its ids); the step's container gets a user namespace of its own mapped
//! one to one onto it, so that the network helper (pasta, slirp4netns)
//! enters it as it enters a `run` container's.

use std::path::{Path, PathBuf};

use chrono::Utc;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use std::os::fd::{AsFd, AsRawFd};

use super::Engine;
use crate::build::copy::LayerView;
use crate::build::executor::{Changes, RunMountSource, RunOutput, RunRequest, StepRunner};
use crate::build::instructions::RunNetwork;
use crate::config::Driver;
use crate::container::{self, HostFacts};
use crate::error::Result;
use crate::image::config::ImageConfig;
use crate::network::Mode;
use crate::spec::{self, ContainerSpec, Host, HostLimits, MountSource, MountSpec};
use crate::{layer, runtime, userns};

/// Why a build's RUN step could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum BuildRunError {
    /// A `--security-opt` of the build does not apply.
    #[error("--security-opt {opt}: {source}")]
    SecurityOpt {
        /// The option as given.
        opt: String,
        /// Why.
        source: spec::Error,
    },
}

/// Runs build steps as containers of this engine.
pub struct BuildRunner<'a> {
    engine: &'a Engine,
    driver: Driver,
    mount_program: Option<PathBuf>,
    defaults: RunDefaults,
}

/// What `build`'s flags set for every RUN step's container.
#[derive(Debug, Clone, Default)]
pub struct RunDefaults {
    /// `--ulimit`.
    pub ulimits: Vec<spec::Ulimit>,
    /// `--cap-add`.
    pub cap_add: spec::CapSet,
    /// `--cap-drop`.
    pub cap_drop: spec::CapSet,
    /// `--security-opt`.
    pub security_opts: Vec<String>,
    /// `--network`: the mode of steps without `RUN --network`.
    pub network: Option<Mode>,
    /// `-v`/`--volume`: bind mounts for every step.
    pub volumes: Vec<MountSpec>,
    /// `--dns`: name servers of the steps' resolv.conf.
    pub dns: Vec<std::net::IpAddr>,
    /// `--dns-search`: search domains of the steps' resolv.conf.
    pub dns_search: Vec<String>,
    /// `--dns-option`: options of the steps' resolv.conf.
    pub dns_options: Vec<String>,
    /// `--group-add`: supplementary groups of the steps' processes.
    pub group_add: Vec<spec::user::GroupAdd>,
    /// `--add-host`: entries of the steps' /etc/hosts.
    pub add_hosts: Vec<crate::network::HostEntry>,
    /// `--no-hosts`: the image's /etc/hosts is kept.
    pub no_hosts: bool,
    /// `--no-hostname`: no /etc/hostname is written.
    pub no_hostname: bool,
    /// `--http-proxy=false`: the host's proxy variables do not go to the steps.
    pub no_http_proxy: bool,
    /// `--device`s.
    pub devices: Vec<spec::DeviceSpec>,
    /// `--shm-size`.
    pub shm_size: Option<u64>,
    /// `--memory`, `--memory-swap`, `--cpu-*`, `--cpuset-*`.
    pub resources: spec::resources::Resources,
    /// `--cgroup-parent`.
    pub cgroup_parent: Option<String>,
    /// `--pid`, `--ipc`, `--uts`, `--cgroupns`.
    pub namespaces: Vec<(spec::NsKind, Option<spec::NsMode>)>,
}

impl Engine {
    /// The runner of `build`'s RUN steps; call before entering the user
    /// namespace (choosing the storage driver may probe overlay).
    pub(in crate::engine) fn build_runner(&self, defaults: RunDefaults) -> Result<BuildRunner<'_>> {
        let (driver, mount_program) = self.storage_driver()?;
        Ok(BuildRunner {
            engine: self,
            driver,
            mount_program,
            defaults,
        })
    }
}

/// `(message, exit code)` of a step that could not run.
fn setup_error(e: impl std::fmt::Display) -> (String, u8) {
    (format!("while running runtime: {e}"), 125)
}

impl BuildRunner<'_> {
    fn plan(&self, req: &RunRequest<'_>) -> Result<container::CreatePlan> {
        let e = self.engine;
        let top_first: Vec<PathBuf> = req.layers.iter().rev().cloned().collect();
        let mut cs = ContainerSpec::new("build");
        cs.auto_remove = true;
        cs.process.command.clone_from(&req.argv);
        cs.process.entrypoint = Some(Vec::new());
        cs.network.mode = match req.network {
            RunNetwork::Default => self.defaults.network.clone(),
            RunNetwork::None => Some(Mode::None),
            RunNetwork::Host => Some(Mode::Host),
        };
        let d = &self.defaults;
        // A step's defaults are a container's after start: RLIMIT_NOFILE
        // raised as podman does, then build's --ulimit.
        cs.security.ulimits = spec::ulimit::merge(&[
            &[HostLimits::current(e.rootless).default_nofile()],
            &d.ulimits,
        ]);
        cs.security.caps.add = d.cap_add;
        cs.security.caps.drop = d.cap_drop;
        for o in &d.security_opts {
            spec::apply_security_opt(&mut cs.security, o).map_err(|source| {
                BuildRunError::SecurityOpt {
                    opt: o.clone(),
                    source,
                }
            })?;
        }
        cs.mounts.extend(d.volumes.iter().cloned());
        cs.network.dns.clone_from(&d.dns);
        cs.network.dns_search.clone_from(&d.dns_search);
        cs.network.dns_options.clone_from(&d.dns_options);
        cs.process.group_add.clone_from(&d.group_add);
        cs.network.add_hosts.clone_from(&d.add_hosts);
        cs.network.no_hosts = d.no_hosts;
        cs.network.no_hostname = d.no_hostname;
        cs.process.http_proxy = Some(!d.no_http_proxy);
        cs.devices.clone_from(&d.devices);
        cs.shm_size = d.shm_size;
        cs.resources = d.resources.clone();
        cs.cgroup_parent.clone_from(&d.cgroup_parent);
        for (kind, mode) in &d.namespaces {
            *cs.namespaces.get_mut(*kind) = mode.clone();
        }

        for m in &req.mounts {
            cs.mounts.push(match &m.source {
                RunMountSource::Bind { source, read_only } => MountSpec {
                    read_only: *read_only,
                    ..MountSpec::new(MountSource::Bind(source.clone()), &m.target)
                },
                RunMountSource::Tmpfs(options) => MountSpec {
                    options: options.clone(),
                    ..MountSpec::new(MountSource::Tmpfs, &m.target)
                },
            });
        }
        let image = ImageConfig {
            id: "build".into(),
            env: req.env.clone(),
            working_dir: req.workdir.clone(),
            user: req.user.clone(),
            ..ImageConfig::default()
        };
        let needs_group = !req.user.is_empty();
        let facts = HostFacts {
            id: container::new_id(),
            created: Utc::now(),
            rootless: e.rootless,
            mappings: e.mappings.clone(),
            user: None,
            host_users: Vec::new(),
            id_facts: crate::userns::idmap::IdFacts::default(),
            timezone: None,
            default_umask: None,
            container_dir: req.scratch.to_path_buf(),
            volumes_dir: e.volume_store().base_dir(),
            volume_options: Default::default(),
            storage_driver: self.driver,
            mount_program: self.mount_program.clone(),
            default_network: match cs.network.mode {
                None => Some(e.default_network()?),
                Some(_) => None,
            },
            default_ulimits: e.default_ulimits()?,
            // containers.conf env is for containers, not build steps.
            default_env: Vec::new(),
            default_mounts: e.default_mounts(),
            limits: HostLimits::current(e.rootless),
            seccomp_host: Host::current(),
            image_passwd: spec::read_from_layers(&top_first, "etc/passwd")
                .map_err(container::CreateError::Spec)?,
            image_group: if needs_group {
                spec::read_from_layers(&top_first, "etc/group")
                    .map_err(container::CreateError::Spec)?
            } else {
                None
            },
            host_resolv_conf: fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default(),
            base_hosts: String::new(),
            network_target: None,
            pod: None,
            cgroups: crate::cgroups::Layout::detect().ok(),
            block_devices: super::create::block_devices(&cs.resources)?,
            host_name: String::new(),
            devices: e.host_devices(&cs)?,
            host_mqueue: false,
            oom_score_adj: crate::sys::process::own_oom_score_adj(),
            secrets: Vec::new(),
            proxy_env: if !d.no_http_proxy {
                spec::env::PROXY_VARS
                    .iter()
                    .filter_map(|k| Some(spec::EnvVar::new(*k, std::env::var(k).ok()?)))
                    .collect()
            } else {
                Vec::new()
            },
            image_mounts: Vec::new(),
            artifact_mounts: Vec::new(),
        };
        let mut plan = container::plan(&cs, &image, &facts)?;
        // A RUN step's file system becomes a layer: no /etc/mtab made.
        if let Some(a) = plan.spec.annotations_mut() {
            a.remove(spec::ETC_MTAB_ANNOTATION);
        }
        if e.rootless && userns::in_user_namespace() {
            identity_maps(&mut plan.spec);
        }
        Ok(plan)
    }

    fn rootfs(&self, req: &RunRequest<'_>) -> std::io::Result<runtime::Rootfs> {
        let s = req.scratch;
        if self.driver == Driver::Vfs {
            let tree = s.join("rootfs");
            fs_err::create_dir(&tree)?;
            layer::vfs::assemble(req.layers, &tree).map_err(std::io::Error::other)?;
            return Ok(runtime::Rootfs::Dir(tree));
        }
        for d in ["upper", "work", "merged"] {
            fs_err::create_dir(s.join(d))?;
        }
        let mut lower: Vec<PathBuf> = req.layers.iter().rev().cloned().collect();
        if lower.is_empty() {
            // FROM scratch: overlay needs a lower directory.
            fs_err::create_dir(s.join("empty"))?;
            lower.push(s.join("empty"));
        }
        Ok(runtime::Rootfs::Overlay(runtime::Overlay {
            lower,
            upper: s.join("upper"),
            work: s.join("work"),
            merged: s.join("merged"),
            volatile: true,
            mount_program: self.mount_program.clone(),
            storage_maps: None,
        }))
    }
}

/// Maps the spec's user namespace one to one onto the one we are in
/// (the spec says host ids; in rpod's namespace they are ours).
fn identity_maps(oci: &mut oci_spec::runtime::Spec) {
    use oci_spec::runtime::LinuxIdMappingBuilder;
    let Some(linux) = oci.linux_mut() else { return };
    let ident = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| {
        v.map(|v| {
            v.iter()
                .filter_map(|m| {
                    LinuxIdMappingBuilder::default()
                        .container_id(m.container_id())
                        .host_id(m.container_id())
                        .size(m.size())
                        .build()
                        .ok()
                })
                .collect::<Vec<_>>()
        })
    };
    let uids = ident(linux.uid_mappings().as_ref());
    let gids = ident(linux.gid_mappings().as_ref());
    linux.set_uid_mappings(uids);
    linux.set_gid_mappings(gids);
}

/// Removes the mount points the runtime made in `changes` (a bind's file,
/// a missing directory) where the stage's layers have nothing, with the
/// directories made for them, so that they do not end up in the layer.
fn remove_mount_points(changes: &Path, lowers: &[PathBuf], oci: &oci_spec::runtime::Spec) {
    let view = LayerView {
        layers: lowers.to_vec(),
    };
    for m in oci.mounts().iter().flatten() {
        let mut dest = m.destination().to_string_lossy().into_owned();
        loop {
            if dest == "/" || dest.is_empty() || view.lookup(&dest).is_some() {
                break;
            }
            let path = changes.join(dest.trim_start_matches('/'));
            let Ok(md) = fs_err::symlink_metadata(&path) else {
                break;
            };
            let removed = if md.is_dir() {
                fs_err::remove_dir(&path).is_ok()
            } else if md.is_file() && md.len() == 0 {
                fs_err::remove_file(&path).is_ok()
            } else {
                false
            };
            if !removed {
                break;
            }
            dest = match Path::new(&dest).parent() {
                Some(p) => p.to_string_lossy().into_owned(),
                None => break,
            };
        }
    }
}

/// Waits for the step's process; SIGINT, SIGTERM, SIGHUP or SIGQUIT
/// (ctrl-c, a kill of the build) kill it instead of being relayed: a
/// build step's PID 1 would ignore them. Returns the exit code, or the
/// signal that ended the build.
fn wait_step(mut started: runtime::Started) -> std::result::Result<u8, Signal> {
    let Ok(sfd) = SignalFd::with_flags(
        started.signals(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    ) else {
        return Ok(started.wait(runtime::Stdio::default()).unwrap_or(125));
    };
    let pid = nix::unistd::Pid::from_raw(started.pid());
    let mut interrupted = None;
    loop {
        match started.try_wait() {
            Ok(Some(code)) => return interrupted.map_or(Ok(code), Err),
            Ok(None) => {}
            Err(_) => return interrupted.map_or(Ok(125), Err),
        }
        let mut fds = [PollFd::new(sfd.as_fd(), PollFlags::POLLIN)];
        let _ = poll(&mut fds, PollTimeout::NONE);
        while let Ok(Some(info)) = sfd.read_signal() {
            let Ok(sig) = Signal::try_from(info.ssi_signo as i32) else {
                continue;
            };
            if matches!(
                sig,
                Signal::SIGINT | Signal::SIGTERM | Signal::SIGHUP | Signal::SIGQUIT
            ) {
                interrupted.get_or_insert(sig);
                let _ = kill(pid, Signal::SIGKILL);
            }
        }
    }
}

impl StepRunner for BuildRunner<'_> {
    fn run(&self, req: &RunRequest<'_>) -> std::result::Result<Changes, (String, u8)> {
        let plan = self.plan(req).map_err(setup_error)?;
        let etc = req.scratch.join("etc");
        fs_err::create_dir_all(&etc).map_err(setup_error)?;
        plan.etc.write(&etc).map_err(setup_error)?;
        if plan.containerenv.is_some() {
            // A build step says it runs in a container too, with no facts.
            crate::container::etc::write_containerenv(&etc, None).map_err(setup_error)?;
        }
        let rootfs = self.rootfs(req).map_err(setup_error)?;
        let mode = plan.config.network.clone();
        // -q: the step's output goes to a file, shown only if it fails;
        // --logfile: appended to the log.
        let (path, shown_on_failure) = match &req.output {
            RunOutput::Terminal => (None, false),
            RunOutput::Quiet => (Some(req.scratch.join("output")), true),
            RunOutput::File(f) => (Some(f.clone()), false),
        };
        let files = match &path {
            Some(p) => {
                let out = fs_err::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .map_err(setup_error)?;
                let null = fs_err::File::open("/dev/null").map_err(setup_error)?;
                Some((out, null))
            }
            None => None,
        };
        let io = match &files {
            Some((out, null)) => runtime::Stdio {
                fds: Some([
                    if req.stdin { 0 } else { null.as_raw_fd() },
                    out.as_raw_fd(),
                    out.as_raw_fd(),
                ]),
                ..runtime::Stdio::default()
            },
            None => runtime::Stdio {
                interactive: req.stdin,
                ..runtime::Stdio::default()
            },
        };
        let mut helper = None;
        let mut net_error = None;
        let started = runtime::start(&plan.spec, &rootfs, io, &mut |pid| match self
            .engine
            .attach_network_at(&plan.config, &mode, pid, &etc)
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
        let outcome = match (started, net_error) {
            (Err(_), Some(e)) => Err(setup_error(e)),
            (Err(e), None) => {
                let code = e.exit_code();
                Err((format!("while running runtime: {e}"), code))
            }
            (Ok(started), _) => match wait_step(started) {
                Ok(0) => Ok(()),
                Ok(code) => Err((format!("while running runtime: exit status {code}"), code)),
                Err(sig) => Err((
                    format!("while running runtime: interrupted by {sig}"),
                    128u8.wrapping_add(sig as u8),
                )),
            },
        };
        if let Some(h) = &helper {
            h.stop();
        }
        if let (true, Err(_), Some(path)) = (shown_on_failure, &outcome, &path) {
            if let Ok(text) = fs_err::read(path) {
                use std::io::Write;
                let _ = std::io::stderr().write_all(&text);
            }
        }
        outcome?;
        let lowers = req.layers;
        let changes = match rootfs {
            runtime::Rootfs::Overlay(o) => Changes::Upper(o.upper),
            runtime::Rootfs::Dir(tree) => Changes::Tree(tree),
        };
        let dir = match &changes {
            Changes::Upper(d) | Changes::Tree(d) => d,
        };
        remove_mount_points(dir, lowers, &plan.spec);
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oci_spec::runtime::{MountBuilder, SpecBuilder};

    #[test]
    fn mount_points_made_for_the_step_leave_the_layer() {
        let t = tempfile::tempdir().unwrap();
        let lower = t.path().join("lower");
        let upper = t.path().join("upper");
        fs_err::create_dir_all(lower.join("etc")).unwrap();
        fs_err::write(lower.join("etc/passwd"), "root\n").unwrap();
        for d in ["etc", "mnt/ctx", "cache/kept"] {
            fs_err::create_dir_all(upper.join(d)).unwrap();
        }
        // Mount points: an empty file, an empty directory in a new one.
        fs_err::write(upper.join("etc/hosts"), "").unwrap();
        fs_err::write(upper.join("mnt/ctx/a.txt"), "").unwrap();
        // What the step wrote stays: a file, and a directory with content.
        fs_err::write(upper.join("etc/made"), "x").unwrap();
        fs_err::write(upper.join("cache/kept/f"), "y").unwrap();
        let mount = |dest: &str| {
            MountBuilder::default()
                .destination(dest)
                .typ("bind")
                .build()
                .unwrap()
        };
        let spec = SpecBuilder::default()
            .mounts(vec![
                mount("/etc/hosts"),
                mount("/etc/passwd"),
                mount("/mnt/ctx/a.txt"),
                mount("/cache/kept"),
            ])
            .build()
            .unwrap();
        remove_mount_points(&upper, &[lower], &spec);
        assert!(!upper.join("etc/hosts").exists());
        assert!(!upper.join("mnt").exists());
        assert!(upper.join("etc/made").exists());
        assert!(upper.join("cache/kept/f").exists());
    }
}
