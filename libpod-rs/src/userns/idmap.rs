//! A container's own id maps, computed (pure) from `--userns` and
//! `--uidmap`/`--gidmap`/`--subuidname`/`--subgidname` and rpod's mapping.
//!
//! Maps are computed in rpod's "intermediate" ids (rootless: 0 is the
//! user, 1..N the subordinate ids, as `podman unshare` sees them; rootful:
//! host ids), which inspect shows, then turned into host ids
//! ([`to_host`]), which newuidmap takes.

use super::IdMap;
use crate::spec::{AutoOptions, IdMapRequest, KeepIdOptions, MapEntry, UsernsMode};

/// What the computation needs to know about the host.
#[derive(Debug, Clone, Default)]
pub struct IdFacts {
    /// Whether rpod runs unprivileged.
    pub rootless: bool,
    /// rpod's uid mapping (intermediate -> host); rootful the identity.
    pub uids: Vec<IdMap>,
    /// rpod's gid mapping.
    pub gids: Vec<IdMap>,
    /// The caller's uid and gid.
    pub user: (u32, u32),
    /// `--subuidname`'s ranges (host ids) from /etc/subuid.
    pub subuid_ranges: Vec<(u32, u32)>,
    /// `--subgidname`'s ranges from /etc/subgid.
    pub subgid_ranges: Vec<(u32, u32)>,
    /// Intermediate uid ranges other `auto` containers hold (start, size).
    pub auto_taken: Vec<(u32, u32)>,
    /// The largest id the image's passwd and group files name (for
    /// `auto`'s default size).
    pub image_max_id: u32,
}

/// A container's maps: container -> intermediate ids (`host_id` holds
/// the intermediate id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerMaps {
    /// uid ranges.
    pub uids: Vec<IdMap>,
    /// gid ranges.
    pub gids: Vec<IdMap>,
}

/// The smallest `auto` namespace (podman's `auto_userns_min_size`).
pub const AUTO_MIN_SIZE: u32 = 1024;

/// How many intermediate ids a mapping has (rootless: 1 + subordinate).
fn total(r: &[IdMap]) -> u64 {
    r.iter()
        .map(|m| u64::from(m.container_id) + u64::from(m.size))
        .max()
        .unwrap_or(0)
}

/// The container's maps, or `None` for rpod's default (the container
/// sees rpod's own mapping). Errors say which flag and what to do.
pub fn container_maps(
    mode: &UsernsMode,
    req: &IdMapRequest,
    f: &IdFacts,
) -> Result<Option<ContainerMaps>, String> {
    let req = req.completed();
    if req.is_set() {
        let uids = explicit(
            &req.uid_map,
            req.subuidname.as_deref(),
            &f.subuid_ranges,
            &f.uids,
            "uid",
        )?;
        let gids = explicit(
            &req.gid_map,
            req.subgidname.as_deref(),
            &f.subgid_ranges,
            &f.gids,
            "gid",
        )?;
        return Ok(Some(ContainerMaps { uids, gids }));
    }
    match mode {
        UsernsMode::Host | UsernsMode::Ns(_) => Ok(None),
        UsernsMode::KeepId(_) if !f.rootless => Err(
            "--userns=keep-id is only supported in rootless mode: run rpod as a regular user".into(),
        ),
        UsernsMode::KeepId(k) => Ok(Some(keep_id(k, f))),
        UsernsMode::NoMap if !f.rootless => {
            Err("nomap is only supported in rootless mode".into())
        }
        UsernsMode::NoMap => {
            let sub = |r: &[IdMap]| -> Result<Vec<IdMap>, String> {
                let n = total(r).saturating_sub(1);
                if n == 0 {
                    return Err("--userns=nomap: you have no subordinate ids: add a range to /etc/subuid and /etc/subgid".into());
                }
                Ok(vec![IdMap {
                    container_id: 0,
                    host_id: 1,
                    size: u32::try_from(n).unwrap_or(u32::MAX),
                }])
            };
            Ok(Some(ContainerMaps {
                uids: sub(&f.uids)?,
                gids: sub(&f.gids)?,
            }))
        }
        UsernsMode::Auto(_) if !f.rootless => Err(
            "--userns=auto is only supported rootless by rpod: as root give --uidmap/--gidmap ranges".into(),
        ),
        UsernsMode::Auto(a) => auto(a, f).map(Some),
    }
}

/// `--userns=keep-id`: the user (intermediate 0) is `uid` inside, the
/// subordinate ids fill the ids below and above it.
fn keep_id(k: &KeepIdOptions, f: &IdFacts) -> ContainerMaps {
    let one = |r: &[IdMap], own: u32, inside: Option<u32>| {
        let n = u32::try_from(total(r).saturating_sub(1)).unwrap_or(u32::MAX);
        let mut inter = vec![IdMap {
            container_id: 0,
            host_id: 0,
            size: 1,
        }];
        if n > 0 {
            inter.push(IdMap {
                container_id: 1,
                host_id: 1,
                size: n,
            });
        }
        let id = inside.unwrap_or(own);
        let mut maps = super::keep_id(&inter, 0, id);
        if let Some(size) = k.size {
            maps = maps
                .into_iter()
                .filter_map(|m| {
                    if m.host_id == 0 && m.size == 1 {
                        return Some(m);
                    }
                    if m.container_id >= size {
                        return None;
                    }
                    Some(IdMap {
                        size: m.size.min(size - m.container_id),
                        ..m
                    })
                })
                .collect();
        }
        maps
    };
    ContainerMaps {
        uids: one(&f.uids, f.user.0, k.uid),
        gids: one(&f.gids, f.user.1, k.gid),
    }
}

/// `--userns=auto`: `size` ids from the first intermediate ids (past the
/// user's own) that no other `auto` container holds; the same block for
/// uids and gids; `uidmapping=`/`gidmapping=` ranges as given.
fn auto(a: &AutoOptions, f: &IdFacts) -> Result<ContainerMaps, String> {
    let size = a
        .size
        .unwrap_or_else(|| AUTO_MIN_SIZE.max(f.image_max_id.saturating_add(1)));
    let avail = total(&f.uids).min(total(&f.gids));
    let fixed_uids = entries(&a.uidmapping, &f.uids, "--userns=auto")?;
    let fixed_gids = entries(&a.gidmapping, &f.gids, "--userns=auto")?;
    // The ids `uidmapping=`/`gidmapping=` place are not in the block.
    let mut taken = f.auto_taken.clone();
    taken.extend(
        fixed_uids
            .iter()
            .chain(&fixed_gids)
            .map(|m| (m.host_id, m.size)),
    );
    taken.sort_unstable();
    let mut start: u64 = 1;
    for (s, n) in taken {
        if u64::from(s) >= start + u64::from(size) {
            break;
        }
        start = start.max(u64::from(s) + u64::from(n));
    }
    if start + u64::from(size) > avail {
        return Err(format!(
            "--userns=auto: not enough unused ids in the user namespace for {size} more (you have {} subordinate ids, {} in use by other auto containers): give a smaller size= or remove containers",
            avail.saturating_sub(1),
            start.saturating_sub(1)
        ));
    }
    let start = u32::try_from(start).unwrap_or(u32::MAX);
    let one = |fixed: Vec<IdMap>| -> Result<Vec<IdMap>, String> {
        // The block, minus the container ids placed explicitly.
        let mut out = Vec::new();
        let mut c = 0u32;
        while c < size {
            let covered = fixed
                .iter()
                .find(|m| c >= m.container_id && c - m.container_id < m.size);
            if let Some(m) = covered {
                c = m.container_id + m.size;
                continue;
            }
            let next = fixed
                .iter()
                .map(|m| m.container_id)
                .filter(|&s| s > c)
                .min()
                .unwrap_or(size)
                .min(size);
            out.push(IdMap {
                container_id: c,
                host_id: start + c,
                size: next - c,
            });
            c = next;
        }
        out.extend(fixed);
        out.sort_by_key(|m| m.container_id);
        Ok(out)
    };
    Ok(ContainerMaps {
        uids: one(fixed_uids)?,
        gids: one(fixed_gids)?,
    })
}

/// `--uidmap` ranges or `--subuidname`'s, as intermediate ids.
fn explicit(
    given: &[MapEntry],
    subname: Option<&str>,
    sub_ranges: &[(u32, u32)],
    r: &[IdMap],
    what: &str,
) -> Result<Vec<IdMap>, String> {
    if let Some(name) = subname {
        if sub_ranges.is_empty() {
            return Err(format!(
                "--sub{what}name {name}: no ranges for {name} in /etc/sub{what}"
            ));
        }
        let mut next = 0u32;
        let mut as_entries = Vec::new();
        for &(start, count) in sub_ranges {
            as_entries.push(MapEntry {
                container: next,
                from: start,
                host: true,
                size: count,
            });
            next = next.saturating_add(count);
        }
        return entries(&as_entries, r, &format!("--sub{what}name {name}"));
    }
    entries(given, r, &format!("--{what}map"))
}

/// Entries as intermediate ids: plain ones checked against the size of
/// rpod's namespace, `@` ones (host ids) looked up in it.
fn entries(given: &[MapEntry], r: &[IdMap], flag: &str) -> Result<Vec<IdMap>, String> {
    let n = total(r);
    let mut out = Vec::new();
    for e in given {
        if !e.host {
            if u64::from(e.from) + u64::from(e.size) > n {
                return Err(format!(
                    "{flag} {e}: ids {}-{} are not in your user namespace, which has ids 0-{}: see /etc/subuid and /etc/subgid",
                    e.from,
                    u64::from(e.from) + u64::from(e.size) - 1,
                    n.saturating_sub(1)
                ));
            }
            out.push(IdMap {
                container_id: e.container,
                host_id: e.from,
                size: e.size,
            });
            continue;
        }
        // Host ids, split over the ranges of rpod's mapping.
        let mut done = 0u32;
        while done < e.size {
            let h = e.from + done;
            let m = r
                .iter()
                .find(|m| h >= m.host_id && u64::from(h - m.host_id) < u64::from(m.size))
                .ok_or_else(|| {
                    format!("{flag} {e}: host id {h} is not yours to map: only your own id and your subordinate ids (/etc/subuid, /etc/subgid) can be")
                })?;
            let len = (m.size - (h - m.host_id)).min(e.size - done);
            out.push(IdMap {
                container_id: e.container + done,
                host_id: m.container_id + (h - m.host_id),
                size: len,
            });
            done += len;
        }
    }
    Ok(out)
}

/// Container -> intermediate maps as container -> host ids, split over
/// rpod's mapping `r` (intermediate -> host).
pub fn to_host(maps: &[IdMap], r: &[IdMap]) -> Result<Vec<IdMap>, String> {
    let mut out = Vec::new();
    for m in maps {
        let mut done = 0u32;
        while done < m.size {
            let i = m.host_id + done;
            let seg = r
                .iter()
                .find(|s| i >= s.container_id && u64::from(i - s.container_id) < u64::from(s.size))
                .ok_or_else(|| format!("intermediate id {i} is not mapped"))?;
            let len = (seg.size - (i - seg.container_id)).min(m.size - done);
            out.push(IdMap {
                container_id: m.container_id + done,
                host_id: seg.host_id + (i - seg.container_id),
                size: len,
            });
            done += len;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> IdFacts {
        let r = |own| {
            vec![
                IdMap {
                    container_id: 0,
                    host_id: own,
                    size: 1,
                },
                IdMap {
                    container_id: 1,
                    host_id: 100_000,
                    size: 65536,
                },
            ]
        };
        IdFacts {
            rootless: true,
            uids: r(1001),
            gids: r(1001),
            user: (1001, 1001),
            ..IdFacts::default()
        }
    }

    fn t(v: &[IdMap]) -> Vec<(u32, u32, u32)> {
        v.iter()
            .map(|m| (m.container_id, m.host_id, m.size))
            .collect()
    }

    #[test]
    fn keep_id_with_other_ids_inside() {
        let f = facts();
        let k = KeepIdOptions {
            uid: Some(200),
            gid: Some(210),
            size: None,
        };
        let m = container_maps(&UsernsMode::KeepId(k), &IdMapRequest::default(), &f)
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1, 200), (200, 0, 1), (201, 201, 65336)]);
        let host = to_host(&m.uids, &f.uids).unwrap();
        assert_eq!(
            t(&host),
            [(0, 100_000, 200), (200, 1001, 1), (201, 100_200, 65336)]
        );
        assert_eq!(
            m.gids[1],
            IdMap {
                container_id: 210,
                host_id: 0,
                size: 1
            }
        );
    }

    #[test]
    fn nomap_leaves_the_user_out() {
        let m = container_maps(&UsernsMode::NoMap, &IdMapRequest::default(), &facts())
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1, 65536)]);
        let mut rootful = facts();
        rootful.rootless = false;
        assert!(container_maps(&UsernsMode::NoMap, &IdMapRequest::default(), &rootful).is_err());
    }

    #[test]
    fn explicit_maps_and_host_ids() {
        let f = facts();
        let req = IdMapRequest {
            uid_map: vec!["0:1:1000".parse().unwrap(), "1000:@1001:1".parse().unwrap()],
            ..IdMapRequest::default()
        };
        let m = container_maps(&UsernsMode::Host, &req, &f)
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1, 1000), (1000, 0, 1)]);
        assert_eq!(m.gids, m.uids);
        let bad = IdMapRequest {
            uid_map: vec!["0:60000:10000".parse().unwrap()],
            ..IdMapRequest::default()
        };
        let e = container_maps(&UsernsMode::Host, &bad, &f).unwrap_err();
        assert!(
            e.starts_with("--uidmap 0:60000:10000: ids 60000-69999"),
            "{e}"
        );
        let bad = IdMapRequest {
            uid_map: vec!["0:@5:1".parse().unwrap()],
            ..IdMapRequest::default()
        };
        assert!(container_maps(&UsernsMode::Host, &bad, &f)
            .unwrap_err()
            .contains("not yours"));
        let mut f = facts();
        f.subuid_ranges = vec![(100_000, 65536)];
        f.subgid_ranges = vec![(100_000, 65536)];
        let req = IdMapRequest {
            subuidname: Some("me".into()),
            ..IdMapRequest::default()
        };
        let m = container_maps(&UsernsMode::Host, &req, &f)
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1, 65536)]);
    }

    #[test]
    fn auto_takes_a_free_block() {
        let mut f = facts();
        f.auto_taken = vec![(1, 1024)];
        let a = AutoOptions {
            size: Some(500),
            ..AutoOptions::default()
        };
        let m = container_maps(&UsernsMode::Auto(a), &IdMapRequest::default(), &f)
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1025, 500)]);
        let a = AutoOptions {
            size: Some(10),
            uidmapping: vec!["1:@100000:1".parse().unwrap()],
            ..AutoOptions::default()
        };
        let m = container_maps(&UsernsMode::Auto(a), &IdMapRequest::default(), &f)
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 1025, 1), (1, 1, 1), (2, 1027, 8)]);
        // The block leaves out the ids uidmapping= places (podman's test:
        // the user's first subordinate id as container id 1).
        let a = AutoOptions {
            size: Some(10),
            uidmapping: vec!["1:@100000:1".parse().unwrap()],
            ..AutoOptions::default()
        };
        let m = container_maps(&UsernsMode::Auto(a), &IdMapRequest::default(), &facts())
            .unwrap()
            .unwrap();
        assert_eq!(t(&m.uids), [(0, 2, 1), (1, 1, 1), (2, 4, 8)]);
        let a = AutoOptions {
            size: Some(70000),
            ..AutoOptions::default()
        };
        assert!(container_maps(&UsernsMode::Auto(a), &IdMapRequest::default(), &f).is_err());
    }
}
