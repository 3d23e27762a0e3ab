//! `--memory`, `--cpus`, `--pids-limit`, the block I/O limits and
//! `--oom-score-adj`: the limits a plan gives the container.

use std::path::Path;

use oci_spec::runtime::Spec;

use super::{CreateError, HostFacts};
use crate::spec::ContainerSpec;

/// The limits the container gets and podman's warnings: rootless without
/// a cgroup to write (cgroup v1 here) they are dropped with its warning, as
/// podman drops them; otherwise they go into the spec's `linux.resources`
/// (devices by the numbers in the facts). `--oom-score-adj` is a process
/// setting and is kept either way.
pub(super) fn resources(
    spec: &ContainerSpec,
    host: &HostFacts,
    oci: &mut Spec,
) -> Result<(crate::spec::resources::Resources, Vec<String>), CreateError> {
    use crate::cgroups::{self, Plan};
    let mut r = spec.resources.clone();
    let mut warnings = Vec::new();
    let managed = match &host.cgroups {
        Some(layout) => matches!(
            cgroups::plan(
                layout,
                host.rootless,
                spec.cgroup_parent.as_deref(),
                &host.id
            ),
            Plan::Managed(_)
        ),
        None => false,
    };
    if !managed && !r.is_empty() {
        if host.rootless {
            let unified = host
                .cgroups
                .as_ref()
                .is_some_and(cgroups::Layout::is_unified);
            warnings.push(
                if unified {
                    cgroups::V2_ROOTLESS_NO_PARENT
                } else {
                    cgroups::V1_ROOTLESS_WARNING
                }
                .to_string(),
            );
        } else {
            warnings.push(
                "Resource limits are ignored: this host has no cgroup file system mounted".into(),
            );
        }
        r = crate::spec::resources::Resources {
            oom_score_adj: r.oom_score_adj,
            ..Default::default()
        };
    }
    // podman: --cgroup-conf is for cgroup v2 only (rootless on v1 it went
    // with the other limits above, with podman's warning).
    if !r.unified.is_empty() && host.cgroups.as_ref().is_some_and(|l| !l.is_unified()) {
        return Err(CreateError::CgroupConfV1);
    }
    let devices = |p: &Path| {
        host.block_devices.get(p).copied().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such block device")
        })
    };
    let linux_resources = r.to_oci(devices).map_err(CreateError::Resources)?;
    if let Some(adj) = r.oom_score_adj.as_mut() {
        // podman's clamp: rootless cannot go below its own.
        if host.rootless && *adj < host.oom_score_adj {
            warnings.push(format!(
                "Requested oom_score_adj={adj} is lower than the current one, changing to {}",
                host.oom_score_adj
            ));
            *adj = host.oom_score_adj;
        }
    }
    if let Some(adj) = r.oom_score_adj {
        if let Some(p) = oci.process_mut() {
            p.set_oom_score_adj(Some(adj));
        }
    }
    if let (Some(limits), Some(linux)) = (linux_resources, oci.linux_mut()) {
        // Beside what the spec has there already (the device rules).
        let mut res = linux.resources().clone().unwrap_or_default();
        res.set_memory(*limits.memory());
        res.set_cpu(limits.cpu().clone());
        res.set_pids(*limits.pids());
        res.set_block_io(limits.block_io().clone());
        res.set_unified(limits.unified().clone());
        linux.set_resources(Some(res));
    }
    Ok((r, warnings))
}
