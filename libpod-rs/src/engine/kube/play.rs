//! `kube play`: checks before anything is written (pods and container
//! names that exist, `hostPath` types), then volumes with their
//! ConfigMap/Secret files, `--build`, the service container, each pod with
//! its init containers run to completion and its containers started; and
//! `--wait`.

use fs_err::os::unix::fs::OpenOptionsExt;
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use super::{check_authfile, PlayReport, PlayRun, PlayedPod};
use crate::engine::{Engine, PodRemoveOptions, RemoveOptions, WaitCondition};
use crate::error::{Error, Result};
use crate::kube::play::{build_dir_name, HostPathPlan, Plan, PodPlan, VolumePlan};
use crate::kube::{Error as KubeError, HostPathError};
use crate::pod::{PodNetwork, PodSpec};
use crate::spec::PodMembership;

impl Engine {
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
            return Err(KubeError::ServiceNeedsStart.into());
        }
        if let Some(f) = &run.authfile {
            check_authfile(f)?;
        }
        for p in &plan.pods {
            if self.pod_exists(&p.name)? {
                if !run.replace {
                    return Err(KubeError::PodExists {
                        origin: p.origin.clone(),
                        name: p.name.clone(),
                    }
                    .into());
                }
            } else if let Some(c) = p
                .init_containers
                .iter()
                .chain(&p.containers)
                .filter_map(|c| c.name.as_deref())
                .find(|n| self.container(n).is_ok())
            {
                if !run.replace {
                    return Err(KubeError::ContainerNameInUse {
                        origin: p.origin.clone(),
                        name: c.to_string(),
                    }
                    .into());
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
        let built = self.play_builds(plan, run, progress)?;
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
                self.play_service(name, &image, run.replace, run.exit_code_propagation)
                    .map_err(|e| KubeError::ServiceContainer(Box::new(e)))?,
            );
        }
        for p in &plan.pods {
            match self.play_pod(p, run, report.service.as_deref(), &built) {
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
            write_volume_file(&vol.mountpoint, path, data, *mode).map_err(|source| {
                KubeError::VolumeFile {
                    path: path.clone(),
                    volume: v.name.clone(),
                    source,
                }
            })?;
        }
        Ok(())
    }

    /// `--build` (and podman's default of building what is missing):
    /// each image a container or an image volume names is built from the
    /// directory named after it under the context directory, if that has
    /// a Containerfile or Dockerfile; returns the images built (not pulled
    /// afterwards, as podman's `buildOrPullImage`).
    fn play_builds(
        &self,
        plan: &Plan,
        run: &PlayRun,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Vec<String>> {
        let mut built = Vec::new();
        if run.build == Some(false) {
            return Ok(built);
        }
        let base = match &run.context_dir {
            Some(d) => d.clone(),
            None => std::env::current_dir().map_err(KubeError::WorkingDir)?,
        };
        let mut done: Vec<String> = Vec::new();
        for p in &plan.pods {
            let images = (p.init_containers.iter().chain(&p.containers))
                .map(|c| &c.image.reference)
                .chain(p.image_pulls.iter().map(|(image, _)| image));
            for image in images {
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
                    .map_err(KubeError::RunBuild)?;
                if !status.success() {
                    return Err(KubeError::BuildFailed {
                        image: image.clone(),
                        dir,
                    }
                    .into());
                }
                built.push(image.clone());
            }
        }
        Ok(built)
    }

    fn play_pod(
        &self,
        p: &PodPlan,
        run: &PlayRun,
        service: Option<&str>,
        built: &[String],
    ) -> Result<PlayedPod> {
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
        for (image, pull) in p.image_pulls.iter().filter(|(i, _)| !built.contains(i)) {
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
            KubeError::InPod {
                origin: p.origin.clone(),
                source: Box::new(e),
            }
            .into()
        };
        // Init containers run to completion, in order, before the others
        // are created (podman's default "once" type: removed afterwards).
        for c in &p.init_containers {
            let mut c = c.clone();
            if built.contains(&c.image.reference) {
                c.image.pull = crate::spec::PullPolicy::Never;
            }
            c.pod = Some(PodMembership::Existing(pod.id.clone()));
            let name = kube_name(&p.name, &c);
            self.automount_images(&mut c, &name).map_err(cleanup)?;
            c.image.fetch.authfile.clone_from(&run.authfile);
            if let Some(l) = run.log.clone() {
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
                return Err(cleanup(
                    KubeError::InitContainerFailed {
                        name: made.config.name.clone(),
                        code,
                    }
                    .into(),
                ));
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
            if built.contains(&c.image.reference) {
                c.image.pull = crate::spec::PullPolicy::Never;
            }
            c.pod = Some(PodMembership::Existing(pod.id.clone()));
            let name = kube_name(&p.name, &c);
            self.automount_images(&mut c, &name).map_err(cleanup)?;
            c.image.fetch.authfile.clone_from(&run.authfile);
            if let Some(l) = run.log.clone() {
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
            .map_err(KubeError::BlockSignals)?;
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
                return Err(KubeError::RunWait(e).into());
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
                    return Err(KubeError::WaitSignals(e).into());
                }
            }
        };
        let _ = old.thread_set_mask();
        Ok(interrupted)
    }
}

/// Kubernetes' `hostPath.type` checks; the `OrCreate` types create.
fn check_host_path(h: &HostPathPlan, origin: &str) -> Result<()> {
    let bad = |problem: HostPathError| KubeError::HostPath {
        origin: origin.to_string(),
        field: h.field.clone(),
        problem,
    };
    let p = &h.path;
    let md = fs_err::metadata(p).ok();
    match h.kind.as_str() {
        "DirectoryOrCreate" if md.is_none() => fs_err::create_dir_all(p)
            .map_err(crate::sys::without_path)
            .map_err(|source| {
                bad(HostPathError::Create {
                    path: p.clone(),
                    source,
                })
            })?,
        "FileOrCreate" if md.is_none() => {
            if let Some(dir) = p.parent() {
                fs_err::create_dir_all(dir).map_err(|e| bad(HostPathError::CreateFile(e)))?;
            }
            fs_err::File::create(p).map_err(|e| bad(HostPathError::CreateFile(e)))?;
        }
        "Directory" | "DirectoryOrCreate" if !md.as_ref().is_some_and(|m| m.is_dir()) => {
            return Err(bad(HostPathError::NotADirectory(p.clone())).into())
        }
        "File" | "FileOrCreate" if !md.as_ref().is_some_and(|m| m.is_file()) => {
            return Err(bad(HostPathError::NotAFile(p.clone())).into())
        }
        _ if md.is_none() => return Err(bad(HostPathError::Missing(p.clone())).into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_path_checks_are_typed() {
        let dir = tempfile::tempdir().unwrap();
        let h = HostPathPlan {
            path: dir.path().join("missing"),
            kind: "Directory".into(),
            field: "spec.volumes[0].hostPath".into(),
        };
        let e = check_host_path(&h, "document 1 (Pod \"p\")").unwrap_err();
        assert!(matches!(
            e,
            Error::Kube(KubeError::HostPath {
                problem: HostPathError::NotADirectory(_),
                ..
            })
        ));
        let h = HostPathPlan {
            kind: String::new(),
            ..h
        };
        let e = check_host_path(&h, "d").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "d: spec.volumes[0].hostPath: {} does not exist: create it, or set type: DirectoryOrCreate",
                dir.path().join("missing").display()
            )
        );
    }
}
