//! The spec's namespaces: which to create, which to join (and opening them),
//! and its user namespace id maps.

use std::path::PathBuf;

use oci_spec::runtime::{LinuxNamespaceType, Spec};

use super::{child, Error};
use crate::userns::IdMap;

/// An existing namespace the container joins (one with a path in the spec).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct JoinPath {
    /// `user`, `net`, ... for messages.
    pub(super) name: &'static str,
    /// Its `CLONE_NEW*` flag, for `setns`.
    pub(super) flag: libc::c_int,
    /// The namespace file (`/proc/PID/ns/net`, `/run/netns/NAME`).
    pub(super) path: PathBuf,
}

/// The spec's namespaces: the `CLONE_NEW*` flags of those to create, and
/// those to join (with a path), the user namespace first.
pub(super) fn namespace_plan(spec: &Spec) -> Result<(libc::c_int, Vec<JoinPath>), Error> {
    let mut flags = 0;
    let mut joins = Vec::new();
    let all = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for n in &all {
        let (flag, name) = match n.typ() {
            LinuxNamespaceType::User => (libc::CLONE_NEWUSER, "user"),
            LinuxNamespaceType::Mount => (libc::CLONE_NEWNS, "mount"),
            LinuxNamespaceType::Pid => (libc::CLONE_NEWPID, "pid"),
            LinuxNamespaceType::Uts => (libc::CLONE_NEWUTS, "uts"),
            LinuxNamespaceType::Ipc => (libc::CLONE_NEWIPC, "ipc"),
            LinuxNamespaceType::Network => (libc::CLONE_NEWNET, "network"),
            LinuxNamespaceType::Cgroup => (libc::CLONE_NEWCGROUP, "cgroup"),
            _ => continue,
        };
        match n.path() {
            None => flags |= flag,
            // The container's root file system is mounted in a mount
            // namespace of its own; another one has none of its mounts.
            Some(_) if flag == libc::CLONE_NEWNS => {
                return Err(Error::InvalidSpec(
                    "joining an existing mount namespace is not supported".into(),
                ))
            }
            Some(path) => joins.push(JoinPath {
                name,
                flag,
                path: path.clone(),
            }),
        }
    }
    // setns into a user namespace first: it grants the capabilities the
    // other joins (and the new namespaces) need.
    joins.sort_by_key(|j| j.flag != libc::CLONE_NEWUSER);
    Ok((flags, joins))
}

pub(super) fn id_maps(spec: &Spec) -> (Vec<IdMap>, Vec<IdMap>) {
    let conv = |v: Option<&Vec<oci_spec::runtime::LinuxIdMapping>>| {
        v.map(|v| {
            v.iter()
                .map(|m| IdMap {
                    container_id: m.container_id(),
                    host_id: m.host_id(),
                    size: m.size(),
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let linux = spec.linux().as_ref();
    (
        conv(linux.and_then(|l| l.uid_mappings().as_ref())),
        conv(linux.and_then(|l| l.gid_mappings().as_ref())),
    )
}

/// Opens the namespace files to join, in order.
pub(super) fn open_joins(joins: &[JoinPath]) -> Result<Vec<child::Join>, Error> {
    joins
        .iter()
        .map(|j| {
            let file = fs_err::File::open(&j.path)
                .map_err(|source| Error::JoinNamespace {
                    name: j.name,
                    path: j.path.clone(),
                    source,
                })?
                .into_file();
            Ok(child::Join {
                name: j.name,
                flag: nix::sched::CloneFlags::from_bits_retain(j.flag),
                file,
            })
        })
        .collect()
}
