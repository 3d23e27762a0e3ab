//! Explicit id maps of a request: `--uidmap`, `--gidmap` ([`MapEntry`]),
//! `--subuidname` and `--subgidname` ([`IdMapRequest`]). What they become
//! (host ids for the runtime) is computed in [`crate::userns::idmap`].

use std::fmt;
use std::str::FromStr;

use super::Invalid;

/// One `--uidmap`/`--gidmap` range: `CONTAINER:FROM[:AMOUNT]`, where FROM
/// is an id of rpod's user namespace rootless (an "intermediate" id: 0 is
/// the user, 1.. the subordinate ids) and a host id rootful, or `@HOST`:
/// a host id either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapEntry {
    /// First id inside the container.
    pub container: u32,
    /// First id it maps to.
    pub from: u32,
    /// `from` is a host id (`@`).
    pub host: bool,
    /// How many ids (1 when not given).
    pub size: u32,
}

impl FromStr for MapEntry {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<MapEntry, Invalid> {
        let usage = || {
            Invalid::new(
                "expected CONTAINER_ID:FROM_ID[:AMOUNT] (FROM_ID with @ for a host id), e.g. 0:1:1000",
            )
        };
        if s.starts_with(['+', 'u', 'g']) {
            return Err(Invalid::new(
                "mapping flags (+, u, g) are not supported by rpod: give plain CONTAINER_ID:FROM_ID[:AMOUNT] ranges",
            ));
        }
        let parts: Vec<&str> = s.split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(usage());
        }
        let num = |v: &str| v.parse::<u32>().map_err(|_| usage());
        let (host, from) = match parts[1].strip_prefix('@') {
            Some(f) => (true, num(f)?),
            None => (false, num(parts[1])?),
        };
        let size = match parts.get(2) {
            Some(n) => num(n)?,
            None => 1,
        };
        if size == 0 {
            return Err(Invalid::new("the amount must be at least 1"));
        }
        let container = num(parts[0])?;
        if container.checked_add(size).is_none() || from.checked_add(size).is_none() {
            return Err(Invalid::new("the range goes past the largest id"));
        }
        Ok(MapEntry {
            container,
            from,
            host,
            size,
        })
    }
}

impl fmt::Display for MapEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.host { "@" } else { "" };
        write!(f, "{}:{at}{}:{}", self.container, self.from, self.size)
    }
}

/// `--uidmap`, `--gidmap`, `--subuidname`, `--subgidname`: a user
/// namespace with maps of the user's choosing (exclusive with `--userns`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdMapRequest {
    /// `--uidmap` ranges, in order.
    pub uid_map: Vec<MapEntry>,
    /// `--gidmap` ranges (the uid ranges when only `--uidmap` is given).
    pub gid_map: Vec<MapEntry>,
    /// `--subuidname`: the ranges of this name in /etc/subuid.
    pub subuidname: Option<String>,
    /// `--subgidname`: the ranges of this name in /etc/subgid.
    pub subgidname: Option<String>,
}

impl IdMapRequest {
    /// Whether any of the flags was given.
    pub fn is_set(&self) -> bool {
        !self.uid_map.is_empty()
            || !self.gid_map.is_empty()
            || self.subuidname.is_some()
            || self.subgidname.is_some()
    }

    /// The request as the flags were given, completed as podman does: a
    /// missing `--gidmap` takes the `--uidmap` ranges and the other way
    /// round, a missing `--subgidname` the `--subuidname`.
    pub fn completed(&self) -> IdMapRequest {
        let mut r = self.clone();
        if r.gid_map.is_empty() && r.subgidname.is_none() {
            r.gid_map.clone_from(&self.uid_map);
        }
        if r.uid_map.is_empty() && r.subuidname.is_none() {
            r.uid_map.clone_from(&self.gid_map);
        }
        if r.subgidname.is_none() && r.gid_map.is_empty() {
            r.subgidname.clone_from(&self.subuidname);
        }
        if r.subuidname.is_none() && r.uid_map.is_empty() {
            r.subuidname.clone_from(&self.subgidname);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_entries() {
        let m: MapEntry = "0:1:1000".parse().unwrap();
        assert_eq!((m.container, m.from, m.host, m.size), (0, 1, false, 1000));
        let m: MapEntry = "100000:@2000".parse().unwrap();
        assert_eq!(
            (m.container, m.from, m.host, m.size),
            (100000, 2000, true, 1)
        );
        assert_eq!(m.to_string(), "100000:@2000:1");
        for bad in [
            "",
            "0",
            "0:1:2:3",
            "a:1",
            "0:1:0",
            "+0:1:2",
            "0:4294967295:2",
        ] {
            assert!(bad.parse::<MapEntry>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_lone_uidmap_serves_for_gids_too() {
        let r = IdMapRequest {
            uid_map: vec!["0:1:10".parse().unwrap()],
            ..IdMapRequest::default()
        };
        assert!(r.is_set());
        assert_eq!(r.completed().gid_map, r.uid_map);
        let r = IdMapRequest {
            subuidname: Some("alice".into()),
            ..IdMapRequest::default()
        };
        assert_eq!(r.completed().subgidname.as_deref(), Some("alice"));
    }
}
