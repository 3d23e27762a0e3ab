//! `--userns`, `--uidmap`, `--gidmap` and friends: the container's id
//! maps and keep-id's default user.

use super::{CreateError, HostFacts};
use crate::spec::{ContainerSpec, UserSpec, UsernsMode};
use crate::userns::{self, IdMap, IdMappings};

/// A container's uid maps, gid maps (host ids), keep-id's default user
/// and its own maps (intermediate ids; `None`: rpod's default).
pub(super) type IdMapsAndUser = (
    Vec<IdMap>,
    Vec<IdMap>,
    Option<UserSpec>,
    Option<userns::idmap::ContainerMaps>,
);

/// The container's uid and gid maps (empty rootful by default) and, for
/// keep-id, the user it runs as unless `--user` says otherwise.
pub(super) fn id_maps(
    spec: &ContainerSpec,
    host: &HostFacts,
) -> Result<IdMapsAndUser, CreateError> {
    // Rootful, maps name host ids directly.
    let identity;
    let m = if host.rootless {
        &host.mappings
    } else {
        identity = IdMappings::identity_root();
        &identity
    };
    let first = |v: &[IdMap]| v.first().map(|m| m.host_id);
    let facts = userns::idmap::IdFacts {
        rootless: host.rootless,
        uids: m.uids.clone(),
        gids: m.gids.clone(),
        user: (first(&m.uids).unwrap_or(0), first(&m.gids).unwrap_or(0)),
        ..host.id_facts.clone()
    };
    let own = userns::idmap::container_maps(&spec.userns, &spec.id_maps, &facts)
        .map_err(CreateError::IdMaps)?;
    if let UsernsMode::Ns(_) = &spec.userns {
        // Joined: its own maps come with it.
        return Ok((Vec::new(), Vec::new(), None, None));
    }
    let Some(own) = own else {
        return Ok(if host.rootless {
            (
                host.mappings.uids.clone(),
                host.mappings.gids.clone(),
                None,
                None,
            )
        } else {
            (Vec::new(), Vec::new(), None, None)
        });
    };
    let uids = userns::idmap::to_host(&own.uids, &m.uids).map_err(CreateError::IdMaps)?;
    let gids = userns::idmap::to_host(&own.gids, &m.gids).map_err(CreateError::IdMaps)?;
    let user = match &spec.userns {
        UsernsMode::KeepId(k) if spec.process.user.is_none() => Some(UserSpec::ids(
            k.uid.unwrap_or(facts.user.0),
            k.gid.unwrap_or(facts.user.1),
        )),
        _ => None,
    };
    Ok((uids, gids, user, Some(own)))
}
