//! Users: `--user USER[:GROUP]` as given ([`UserSpec`]), and its
//! resolution against the container's `/etc/passwd` and `/etc/group`
//! ([`resolve_user`]), which `run` and `exec` share.

use std::fmt;
use std::str::FromStr;

use super::{Error, Invalid, Result};

/// `--user USER[:GROUP]`: names or numbers, resolved against the
/// container's files when the container is planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSpec {
    /// The user: a name or a uid (empty means root).
    pub user: String,
    /// The group: a name or a gid; `None` takes the user's own.
    pub group: Option<String>,
}

impl UserSpec {
    /// The user with uid `uid` and gid `gid`.
    pub fn ids(uid: u32, gid: u32) -> UserSpec {
        UserSpec {
            user: uid.to_string(),
            group: Some(gid.to_string()),
        }
    }

    /// Resolves it against passwd and group file contents.
    pub fn resolve(&self, passwd: Option<&str>, group: Option<&str>) -> Result<ResolvedUser> {
        resolve_user(&self.to_string(), passwd, group)
    }
}

impl fmt::Display for UserSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.group {
            Some(g) => write!(f, "{}:{g}", self.user),
            None => f.write_str(&self.user),
        }
    }
}

impl FromStr for UserSpec {
    type Err = Invalid;
    /// `USER[:GROUP]`; numbers outside 0..=[`MAX_ID`] are refused now.
    fn from_str(s: &str) -> std::result::Result<UserSpec, Invalid> {
        let (u, g) = match s.split_once(':') {
            Some((u, g)) => (u, Some(g)),
            None => (s, None),
        };
        for (v, what) in [(Some(u), "uid"), (g, "gid")] {
            if let Some(Err(e)) = v.and_then(|v| numeric_id(v, s, what)) {
                return Err(Invalid::new(e.to_string()));
            }
        }
        Ok(UserSpec {
            user: u.to_string(),
            group: g.map(str::to_string),
        })
    }
}

/// One `--group-add` value: a group of the container (a name from its
/// `/etc/group`, or a number), or `keep-groups`: the caller's own
/// supplementary groups are kept (crun's `run.oci.keep_original_groups`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupAdd {
    /// `keep-groups`.
    KeepGroups,
    /// A group name or gid.
    Group(String),
}

impl GroupAdd {
    /// The gid: a number as given, a name looked up in the container's
    /// `group` file.
    pub fn resolve(&self, group: Option<&str>) -> Result<Option<u32>> {
        let GroupAdd::Group(g) = self else {
            return Ok(None);
        };
        if let Some(n) = numeric_id(g, g, "gid") {
            return n.map(Some);
        }
        group
            .unwrap_or("")
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .find(|f| f.len() >= 3 && f[0] == g)
            .map(|f| file_id(f[2], g, "gid").map(Some))
            .unwrap_or_else(|| {
                Err(Error::UnknownUser {
                    user: g.clone(),
                    file: "/etc/group",
                })
            })
    }
}

impl fmt::Display for GroupAdd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupAdd::KeepGroups => f.write_str("keep-groups"),
            GroupAdd::Group(g) => f.write_str(g),
        }
    }
}

impl FromStr for GroupAdd {
    type Err = Invalid;
    /// `keep-groups`, a group name or a gid (checked against [`MAX_ID`]).
    fn from_str(s: &str) -> std::result::Result<GroupAdd, Invalid> {
        if s == "keep-groups" {
            return Ok(GroupAdd::KeepGroups);
        }
        if s.is_empty() || s.contains([':', '\n']) {
            return Err(Invalid::new(
                "not a group: give a group name, a gid or keep-groups",
            ));
        }
        if let Some(Err(e)) = numeric_id(s, s, "gid") {
            return Err(Invalid::new(e.to_string()));
        }
        Ok(GroupAdd::Group(s.to_string()))
    }
}

/// Resolved user: uid, gid, supplementary gids, home directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    /// Uid in the container.
    pub uid: u32,
    /// Primary gid in the container.
    pub gid: u32,
    /// Supplementary gids from /etc/group.
    pub additional_gids: Vec<u32>,
    /// Home directory from /etc/passwd (`/` when unknown).
    pub home: String,
}

/// The largest uid or gid a container may use (as runc and crun; the
/// kernel's ids are 32 bits, but -1 means "unchanged" and ids above 2^31-1
/// are refused by many tools).
pub const MAX_ID: u32 = i32::MAX as u32;

/// A user or group written as a number (`1000`, `-1`, `4294967295`):
/// `None` for a name, else the id checked against [`MAX_ID`].
fn numeric_id(s: &str, spec: &str, what: &'static str) -> Option<Result<u32>> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match s.parse::<u32>() {
        Ok(n) if n <= MAX_ID => Ok(n),
        _ => Err(Error::IdOutOfRange {
            user: spec.to_string(),
            what,
            id: s.to_string(),
        }),
    })
}

/// An id read from a passwd or group file, checked like a number given by
/// the user (a malformed field counts as 0, as before).
fn file_id(field: &str, spec: &str, what: &'static str) -> Result<u32> {
    numeric_id(field, spec, what).unwrap_or(Ok(0))
}

/// Resolve `user[:group]` (names or numbers) against passwd and group file
/// contents. Numbers (given, or found in the files) outside 0..=[`MAX_ID`]
/// are refused: `4294967295` is -1, which `setresuid` takes as "unchanged".
pub fn resolve_user(spec: &str, passwd: Option<&str>, group: Option<&str>) -> Result<ResolvedUser> {
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let u = if u.is_empty() { "0" } else { u };
    let u_num = numeric_id(u, spec, "uid").transpose()?;
    let g_num = match g {
        Some(g) => numeric_id(g, spec, "gid").transpose()?,
        None => None,
    };
    let pw_entries: Vec<Vec<&str>> = passwd
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 7)
        .collect();
    let gr_entries: Vec<Vec<&str>> = group
        .unwrap_or("")
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .filter(|f| f.len() >= 4)
        .collect();
    let pw = if let Some(n) = u_num {
        pw_entries
            .iter()
            .find(|f| f[2].parse::<u32>().ok() == Some(n))
    } else {
        pw_entries.iter().find(|f| f[0] == u)
    };
    let (uid, mut gid, home, name) = match (u_num, pw) {
        (_, Some(f)) => (
            file_id(f[2], spec, "uid")?,
            file_id(f[3], spec, "gid")?,
            f[5].to_string(),
            Some(f[0]),
        ),
        (Some(n), None) => (n, 0, "/".to_string(), None),
        (None, None) => {
            return Err(Error::UnknownUser {
                user: u.to_string(),
                file: "/etc/passwd",
            })
        }
    };
    if let Some(g) = g {
        gid = match g_num {
            Some(n) => n,
            None => {
                let f = gr_entries
                    .iter()
                    .find(|f| f[0] == g && f[2].parse::<u32>().is_ok())
                    .ok_or_else(|| Error::UnknownUser {
                        user: g.to_string(),
                        file: "/etc/group",
                    })?;
                file_id(f[2], spec, "gid")?
            }
        };
    }
    let mut additional_gids = Vec::new();
    if let (Some(name), None) = (name, g) {
        for f in &gr_entries {
            if f[3].split(',').any(|m| m == name) {
                if let Ok(n) = f[2].parse::<u32>() {
                    // A group with an unusable id is skipped, not fatal.
                    if n <= MAX_ID && n != gid && !additional_gids.contains(&n) {
                        additional_gids.push(n);
                    }
                }
            }
        }
    }
    Ok(ResolvedUser {
        uid,
        gid,
        additional_gids,
        home: if home.is_empty() { "/".into() } else { home },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users() {
        let pw = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nbob:x:1000:1000::/home/bob:/bin/sh\n";
        let gr = "root:x:0:\nwheel:x:10:bob\nbob:x:1000:\nnogroup:x:65534:\n";
        let u = resolve_user("bob", Some(pw), Some(gr)).unwrap();
        assert_eq!(
            (u.uid, u.gid, u.additional_gids.clone()),
            (1000, 1000, vec![10])
        );
        assert_eq!(u.home, "/home/bob");
        let u = resolve_user("nobody:wheel", Some(pw), Some(gr)).unwrap();
        assert_eq!((u.uid, u.gid), (65534, 10));
        let u = resolve_user("4242", Some(pw), Some(gr)).unwrap();
        assert_eq!((u.uid, u.gid), (4242, 0));
        assert!(resolve_user("alice", Some(pw), Some(gr)).is_err());
        // -1 (as 4294967295 or as -1) and anything past 2^31-1 are refused,
        // for the user and the group, given or found in the files.
        for bad in [
            "4294967295",
            "-1",
            "0:4294967295",
            "0:-1",
            "2147483648",
            "99999999999999999999",
            "evil",
            "nobody:evilgroup",
        ] {
            let pw = "evil:x:4294967295:0::/:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n";
            let gr = "evilgroup:x:4294967295:\n";
            match resolve_user(bad, Some(pw), Some(gr)) {
                Err(Error::IdOutOfRange { .. }) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(resolve_user("2147483647", None, None).unwrap().uid, MAX_ID);
    }

    #[test]
    fn group_add_values() {
        let gr = "wheel:x:10:\nbad:x:4294967295:\n";
        assert_eq!("keep-groups".parse(), Ok(GroupAdd::KeepGroups));
        let g: GroupAdd = "wheel".parse().unwrap();
        assert_eq!(g.resolve(Some(gr)).unwrap(), Some(10));
        let g: GroupAdd = "457".parse().unwrap();
        assert_eq!(g.resolve(None).unwrap(), Some(457));
        let e = "nope"
            .parse::<GroupAdd>()
            .unwrap()
            .resolve(Some(gr))
            .unwrap_err();
        assert!(e.to_string().contains("/etc/group"), "{e}");
        assert!("bad"
            .parse::<GroupAdd>()
            .unwrap()
            .resolve(Some(gr))
            .is_err());
        for bad in ["", "a:b", "-1", "4294967295"] {
            assert!(bad.parse::<GroupAdd>().is_err(), "{bad}");
        }
    }

    #[test]
    fn user_specs_refuse_bad_numbers_when_parsed() {
        let u: UserSpec = "bob:wheel".parse().unwrap();
        assert_eq!(
            (u.user.as_str(), u.group.as_deref()),
            ("bob", Some("wheel"))
        );
        assert_eq!(u.to_string(), "bob:wheel");
        assert_eq!(UserSpec::ids(1, 2).to_string(), "1:2");
        for bad in ["-1", "0:4294967295", "2147483648"] {
            let e = bad.parse::<UserSpec>().unwrap_err().to_string();
            assert!(e.contains("must be in range"), "{bad}: {e}");
        }
    }
}
