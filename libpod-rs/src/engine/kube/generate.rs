//! `kube generate`'s input: the containers, pods and volumes named,
//! read back from their records and OCI specs into what
//! [`crate::kube::generate`] writes (only what differs from the image and
//! rpod's defaults).

use std::collections::BTreeMap;

use crate::engine::Engine;
use crate::error::Result;
use crate::image::config::ImageConfig;
use crate::kube::generate::{GenContainer, GenMount, GenPod, GenVolume};
use crate::kube::Error as KubeError;
use crate::network::Mode;
use crate::spec::{CapSet, MountSource};

impl Engine {
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
                    return Err(KubeError::GenerateMember {
                        id: c.config.id.clone(),
                        pod: pod.clone(),
                    }
                    .into());
                }
                lone.push(self.gen_container(&c)?);
                continue;
            }
            if let Ok(p) = self.pod(n) {
                if p.members.is_empty() {
                    return Err(KubeError::GenerateEmptyPod(p.config.id.clone()).into());
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
            return Err(KubeError::GenerateNotFound(n.clone()).into());
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
            annotations: {
                // The user's, then what podman records itself.
                let mut a: Vec<(String, String)> = cfg
                    .annotations
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let oci_ann = oci.annotations().clone().unwrap_or_default();
                let truth = [
                    ("io.podman.annotations.privileged", privileged),
                    ("io.podman.annotations.autoremove", cfg.auto_remove),
                    (
                        "io.podman.annotations.init",
                        oci_ann
                            .get(crate::spec::INIT_ANNOTATION)
                            .is_some_and(|v| v == "true"),
                    ),
                ];
                for (k, on) in truth {
                    if on {
                        a.push((k.to_string(), "TRUE".to_string()));
                    }
                }
                if let Some(f) = &cfg.cidfile {
                    a.push((
                        "io.podman.annotations.cid-file".into(),
                        f.display().to_string(),
                    ));
                }
                if let Some(l) = oci_ann.get(crate::spec::generate::LABEL_ANNOTATION) {
                    a.push((
                        crate::spec::generate::LABEL_ANNOTATION.to_string(),
                        l.clone(),
                    ));
                }
                a
            },
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
