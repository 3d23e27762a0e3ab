//! `--secret`: the secrets a plan records, the copies it writes and
//! their bind mounts.

use super::{CreateError, HostFacts, SecretFile};
use crate::container::ContainerSecret;
use crate::spec::{self, Bind, ContainerSpec};
use crate::userns::IdMap;

/// The secrets to record, the files to write and their bind mounts.
pub(super) type PlannedSecrets = (Vec<ContainerSecret>, Vec<SecretFile>, Vec<Bind>);

/// The `--secret`s: each resolved to its stored secret (the facts, in
/// order), recorded; file secrets get a copy in the container's
/// directory, owned (through the container's id maps, then back through
/// rpod's own) by the uid and gid asked for, bind-mounted read-only.
pub(super) fn plan_secrets(
    spec: &ContainerSpec,
    host: &HostFacts,
    uid_map: &[IdMap],
    gid_map: &[IdMap],
) -> Result<PlannedSecrets, CreateError> {
    let (mut record, mut files, mut binds) = (Vec::new(), Vec::new(), Vec::new());
    for (i, r) in spec.secrets.iter().enumerate() {
        let s = host
            .secrets
            .get(i)
            .ok_or(CreateError::MissingFact("a --secret's stored secret"))?;
        match &r.usage {
            spec::SecretUse::Env { name } => record.push(ContainerSecret {
                name: s.name.clone(),
                id: s.id.clone(),
                env: Some(name.clone()),
                uid: 0,
                gid: 0,
                mode: 0,
            }),
            spec::SecretUse::Mount { uid, gid, mode, .. } => {
                let owner = |id: u32, map: &[IdMap], ours: &[IdMap]| {
                    if !host.rootless {
                        return Some(id);
                    }
                    to_namespace(to_host(id, map)?, ours)
                };
                let (Some(ns_uid), Some(ns_gid)) = (
                    owner(*uid, uid_map, &host.mappings.uids),
                    owner(*gid, gid_map, &host.mappings.gids),
                ) else {
                    return Err(CreateError::SecretOwner {
                        name: s.name.clone(),
                        uid: *uid,
                        gid: *gid,
                    });
                };
                let path = crate::secret::container_copy(&host.container_dir, &s.name);
                binds.push(Bind {
                    source: path.clone(),
                    destination: r.destination(&s.name).unwrap_or_default(),
                    read_only: true,
                    copy_up: false,
                    keep_owner: false,
                    options: Vec::new(),
                });
                files.push(SecretFile {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    path,
                    uid: ns_uid,
                    gid: ns_gid,
                    mode: *mode,
                });
                record.push(ContainerSecret {
                    name: s.name.clone(),
                    id: s.id.clone(),
                    env: None,
                    uid: *uid,
                    gid: *gid,
                    mode: *mode,
                });
            }
        }
    }
    Ok((record, files, binds))
}

/// The host id of a container's `id` under the map `map`.
fn to_host(id: u32, map: &[IdMap]) -> Option<u32> {
    map.iter()
        .find(|m| id >= m.container_id && id - m.container_id < m.size)
        .map(|m| m.host_id + (id - m.container_id))
}

/// The id in rpod's user namespace (mapped by `ours`) of host id `host`.
fn to_namespace(host: u32, ours: &[IdMap]) -> Option<u32> {
    ours.iter()
        .find(|m| host >= m.host_id && host - m.host_id < m.size)
        .map(|m| m.container_id + (host - m.host_id))
}
