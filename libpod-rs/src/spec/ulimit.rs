//! Resource limits for the container's processes: `--ulimit TYPE=SOFT[:HARD]`
//! and `--ulimit host` as podman reads them, containers.conf
//! `default_ulimits`, and the rule that a process without
//! CAP_SYS_RESOURCE (rootless rpod) cannot raise a hard limit.

use nix::sys::resource::{getrlimit, Resource};
use oci_spec::runtime::PosixRlimitType;

use super::{Error, Invalid, Result};

/// The value that means "no limit" (`RLIM_INFINITY`).
pub const UNLIMITED: u64 = libc::RLIM_INFINITY;

/// One resource limit for the container's processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ulimit {
    /// Which limit.
    pub resource: PosixRlimitType,
    /// The soft limit ([`UNLIMITED`] for none).
    pub soft: u64,
    /// The hard limit ([`UNLIMITED`] for none).
    pub hard: u64,
}

/// podman's (and docker's) names, with the OCI type and the kernel's resource.
const NAMES: &[(&str, PosixRlimitType, Resource)] = &[
    ("as", PosixRlimitType::RlimitAs, Resource::RLIMIT_AS),
    ("core", PosixRlimitType::RlimitCore, Resource::RLIMIT_CORE),
    ("cpu", PosixRlimitType::RlimitCpu, Resource::RLIMIT_CPU),
    ("data", PosixRlimitType::RlimitData, Resource::RLIMIT_DATA),
    (
        "fsize",
        PosixRlimitType::RlimitFsize,
        Resource::RLIMIT_FSIZE,
    ),
    (
        "locks",
        PosixRlimitType::RlimitLocks,
        Resource::RLIMIT_LOCKS,
    ),
    (
        "memlock",
        PosixRlimitType::RlimitMemlock,
        Resource::RLIMIT_MEMLOCK,
    ),
    (
        "msgqueue",
        PosixRlimitType::RlimitMsgqueue,
        Resource::RLIMIT_MSGQUEUE,
    ),
    ("nice", PosixRlimitType::RlimitNice, Resource::RLIMIT_NICE),
    (
        "nofile",
        PosixRlimitType::RlimitNofile,
        Resource::RLIMIT_NOFILE,
    ),
    (
        "nproc",
        PosixRlimitType::RlimitNproc,
        Resource::RLIMIT_NPROC,
    ),
    ("rss", PosixRlimitType::RlimitRss, Resource::RLIMIT_RSS),
    (
        "rtprio",
        PosixRlimitType::RlimitRtprio,
        Resource::RLIMIT_RTPRIO,
    ),
    (
        "rttime",
        PosixRlimitType::RlimitRttime,
        Resource::RLIMIT_RTTIME,
    ),
    (
        "sigpending",
        PosixRlimitType::RlimitSigpending,
        Resource::RLIMIT_SIGPENDING,
    ),
    (
        "stack",
        PosixRlimitType::RlimitStack,
        Resource::RLIMIT_STACK,
    ),
];

const NAME_LIST: &str = "as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, \
                         nproc, rss, rtprio, rttime, sigpending, stack";

fn entry(t: PosixRlimitType) -> &'static (&'static str, PosixRlimitType, Resource) {
    NAMES
        .iter()
        .find(|(_, x, _)| *x == t)
        .expect("every OCI rlimit type has a name")
}

/// A limit as `ulimit` prints it: a number or `unlimited`.
pub fn display_limit(v: u64) -> String {
    if v == UNLIMITED {
        "unlimited".into()
    } else {
        v.to_string()
    }
}

/// How podman's ulimit errors that name the whole option begin.
pub const PODMAN_ULIMIT_PREFIX: &str = "ulimit option";

impl Ulimit {
    /// Parses `TYPE=SOFT[:HARD]` (`-1` or `unlimited` for no limit; the hard
    /// limit defaults to the soft one), or `host`: every limit this process has.
    pub fn parse(spec: &str) -> std::result::Result<Vec<Ulimit>, Invalid> {
        let err = Invalid;
        if spec == "host" {
            return Ok(NAMES
                .iter()
                .filter_map(|(_, t, r)| {
                    getrlimit(*r).ok().map(|(soft, hard)| Ulimit {
                        resource: *t,
                        soft,
                        hard,
                    })
                })
                .collect());
        }
        let Some((name, values)) = spec.split_once('=') else {
            return Err(err(
                "invalid ulimit argument: expected TYPE=SOFT[:HARD] (e.g. nofile=1024:2048) or host"
                    .into(),
            ));
        };
        let lower = name.trim().to_ascii_lowercase();
        let short = lower.strip_prefix("rlimit_").unwrap_or(&lower);
        let Some((_, resource, _)) = NAMES.iter().find(|(n, _, _)| *n == short) else {
            return Err(err(format!(
                "unknown limit {name:?}: use one of {NAME_LIST}"
            )));
        };
        let value = |v: &str| -> std::result::Result<u64, Invalid> {
            match v.trim() {
                "-1" | "unlimited" => Ok(UNLIMITED),
                t => t.parse::<u64>().map_err(|_| {
                    err(format!(
                        "invalid value {t:?}: use a number, -1 or unlimited"
                    ))
                }),
            }
        };
        let (soft, hard) = match values.split_once(':') {
            Some((s, h)) => (value(s)?, value(h)?),
            None => {
                let v = value(values)?;
                (v, v)
            }
        };
        if soft > hard {
            // podman's words, which name the option themselves.
            let shown = |v: u64| match v {
                UNLIMITED => "-1 (unlimited)".to_string(),
                v => v.to_string(),
            };
            return Err(err(format!(
                "{PODMAN_ULIMIT_PREFIX} {spec:?} requires name=SOFT:HARD, failed to be parsed: ulimit soft limit must be less than or equal to hard limit: soft: {}, hard: {}",
                shown(soft),
                shown(hard)
            )));
        }
        Ok(vec![Ulimit {
            resource: *resource,
            soft,
            hard,
        }])
    }

    /// podman's name for the limit (`nofile`).
    pub fn name(&self) -> &'static str {
        entry(self.resource).0
    }

    /// Refuses a hard limit above this process's own (as `limits` says),
    /// which only a process with CAP_SYS_RESOURCE in the initial user
    /// namespace may raise.
    pub fn check_not_raised(&self, limits: &HostLimits) -> Result<()> {
        let current = limits.hard(self.resource);
        if !limits.can_raise && self.hard > current {
            return Err(Error::UlimitAboveHard {
                name: self.name(),
                requested: display_limit(self.hard),
                current: display_limit(current),
            });
        }
        Ok(())
    }
}

/// The host's facts about limits, read once (see [`HostLimits::current`])
/// so that planning a container is pure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostLimits {
    /// `fs.nr_open`: the most `RLIMIT_NOFILE` may be.
    pub nr_open: Option<u64>,
    /// Whether hard limits may be raised (CAP_SYS_RESOURCE, rootful).
    pub can_raise: bool,
    /// This process's hard limits.
    pub hard: Vec<(PosixRlimitType, u64)>,
}

impl HostLimits {
    /// This process's (`rootless`: never allowed to raise a hard limit).
    pub fn current(rootless: bool) -> HostLimits {
        HostLimits {
            nr_open: fs_err::read_to_string("/proc/sys/fs/nr_open")
                .ok()
                .and_then(|s| s.trim().parse::<u64>().ok()),
            can_raise: !rootless && has_cap_sys_resource(),
            hard: NAMES
                .iter()
                .filter_map(|(_, t, r)| getrlimit(*r).ok().map(|(_, hard)| (*t, hard)))
                .collect(),
        }
    }

    /// No facts: nothing known, anything allowed (tests).
    pub fn unlimited() -> HostLimits {
        HostLimits {
            nr_open: None,
            can_raise: true,
            hard: Vec::new(),
        }
    }

    /// The hard limit of `resource` ([`UNLIMITED`] when unknown).
    pub fn hard(&self, resource: PosixRlimitType) -> u64 {
        self.hard
            .iter()
            .find(|(t, _)| *t == resource)
            .map_or(UNLIMITED, |(_, h)| *h)
    }

    /// The container's `RLIMIT_NOFILE` unless asked otherwise: podman's
    /// 1048576, at most `fs.nr_open` and (unless hard limits may be raised)
    /// this process's hard limit.
    pub fn default_nofile(&self) -> Ulimit {
        let mut n = 1_048_576u64;
        if let Some(max) = self.nr_open {
            n = n.min(max);
        }
        if !self.can_raise {
            n = n.min(self.hard(PosixRlimitType::RlimitNofile));
        }
        Ulimit {
            resource: PosixRlimitType::RlimitNofile,
            soft: n,
            hard: n,
        }
    }
}

impl HostLimits {
    /// podman's RLIMIT_NPROC for containers that set none: 1048576,
    /// within this process's limits unless it may raise them.
    pub fn default_nproc(&self) -> Ulimit {
        let (mut soft, mut hard) = (1_048_576u64, 1_048_576u64);
        if !self.can_raise {
            if let Ok((s, h)) = getrlimit(Resource::RLIMIT_NPROC) {
                soft = soft.min(s);
                hard = hard.min(h);
            }
        }
        Ulimit {
            resource: PosixRlimitType::RlimitNproc,
            soft,
            hard,
        }
    }
}

/// Annotation of a container's stored spec naming the limits its last
/// start added (podman's RLIMIT_NOFILE and RLIMIT_NPROC defaults, taken
/// afresh from the starting process at each start).
pub const START_RLIMITS_ANNOTATION: &str = "io.rpod.start-rlimits";

/// As podman at each start: RLIMIT_NOFILE and RLIMIT_NPROC, when the
/// container sets none, from `limits` (the previous start's replaced),
/// recorded in [`START_RLIMITS_ANNOTATION`]. Before its first start a
/// container shows only the limits it was given (inspect's `Ulimits`).
pub fn apply_start_defaults(spec: &mut oci_spec::runtime::Spec, limits: &HostLimits) {
    let mut annotations = spec.annotations().clone().unwrap_or_default();
    let before: Vec<String> = annotations
        .get(START_RLIMITS_ANNOTATION)
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let Some(process) = spec.process_mut() else {
        return;
    };
    let name = |t: PosixRlimitType| {
        Ulimit {
            resource: t,
            soft: 0,
            hard: 0,
        }
        .name()
        .to_string()
    };
    let mut rlimits = process.rlimits().clone().unwrap_or_default();
    rlimits.retain(|r| !before.contains(&name(r.typ())));
    let mut added = Vec::new();
    for u in [limits.default_nofile(), limits.default_nproc()] {
        if !rlimits.iter().any(|r| r.typ() == u.resource) {
            if let Ok(r) = oci_spec::runtime::PosixRlimitBuilder::default()
                .typ(u.resource)
                .soft(u.soft)
                .hard(u.hard)
                .build()
            {
                rlimits.push(r);
                added.push(name(u.resource));
            }
        }
    }
    process.set_rlimits(Some(rlimits));
    if added.is_empty() {
        annotations.remove(START_RLIMITS_ANNOTATION);
    } else {
        annotations.insert(START_RLIMITS_ANNOTATION.to_string(), added.join(","));
    }
    spec.set_annotations(Some(annotations));
}

/// After `update --ulimit`: the limits given are the container's own, no
/// longer start defaults to replace.
pub fn keep_given(spec: &mut oci_spec::runtime::Spec, given: &[Ulimit]) {
    let Some(mut annotations) = spec.annotations().clone() else {
        return;
    };
    let Some(listed) = annotations.get(START_RLIMITS_ANNOTATION) else {
        return;
    };
    let kept: Vec<&str> = listed
        .split(',')
        .filter(|n| !given.iter().any(|g| g.name() == *n))
        .collect();
    if kept.is_empty() {
        annotations.remove(START_RLIMITS_ANNOTATION);
    } else {
        annotations.insert(START_RLIMITS_ANNOTATION.to_string(), kept.join(","));
    }
    spec.set_annotations(Some(annotations));
}

/// Whether we hold CAP_SYS_RESOURCE (needed to raise hard rlimits).
fn has_cap_sys_resource() -> bool {
    fs_err::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        })
        .is_some_and(|m| m & (1 << 24) != 0)
}

/// Merges limit lists: a later entry replaces an earlier one of the same type.
pub fn merge(lists: &[&[Ulimit]]) -> Vec<Ulimit> {
    let mut out: Vec<Ulimit> = Vec::new();
    for u in lists.iter().flat_map(|l| l.iter()) {
        out.retain(|x| x.resource != u.resource);
        out.push(*u);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Ulimit {
        let v = Ulimit::parse(s).unwrap();
        assert_eq!(v.len(), 1, "{s}");
        v[0]
    }

    #[test]
    fn forms() {
        let u = one("nofile=100:200");
        assert_eq!(
            (u.resource, u.soft, u.hard, u.name()),
            (PosixRlimitType::RlimitNofile, 100, 200, "nofile")
        );
        let u = one("nproc=50");
        assert_eq!((u.soft, u.hard), (50, 50));
        let u = one("core=-1");
        assert_eq!((u.soft, u.hard), (UNLIMITED, UNLIMITED));
        let u = one("RLIMIT_MEMLOCK=1024:unlimited");
        assert_eq!(
            (u.resource, u.soft, u.hard),
            (PosixRlimitType::RlimitMemlock, 1024, UNLIMITED)
        );
        assert_eq!(display_limit(UNLIMITED), "unlimited");
    }

    #[test]
    fn host_copies_our_limits() {
        let all = Ulimit::parse("host").unwrap();
        assert_eq!(all.len(), NAMES.len());
        let nofile = all
            .iter()
            .find(|u| u.resource == PosixRlimitType::RlimitNofile)
            .unwrap();
        let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
        assert_eq!((nofile.soft, nofile.hard), (soft, hard));
    }

    #[test]
    fn mistakes() {
        for (s, want) in [
            ("foo=1", "unknown limit \"foo\""),
            ("nofile", "expected TYPE=SOFT[:HARD]"),
            ("nofile=lots", "invalid value \"lots\""),
            ("nofile=-2", "invalid value \"-2\""),
            (
                "nofile=200:100",
                "soft limit must be less than or equal to hard limit: soft: 200, hard: 100",
            ),
        ] {
            let e = Ulimit::parse(s).unwrap_err().to_string();
            assert!(e.contains(want), "{s}: {e}");
        }
    }

    #[test]
    fn raising_our_hard_limit_is_refused() {
        let limits = HostLimits::current(true);
        let (_, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
        assert_eq!(limits.hard(PosixRlimitType::RlimitNofile), hard);
        let ok = Ulimit {
            resource: PosixRlimitType::RlimitNofile,
            soft: 1,
            hard,
        };
        assert!(ok.check_not_raised(&limits).is_ok());
        if hard != UNLIMITED {
            let e = Ulimit {
                hard: hard + 1,
                ..ok
            }
            .check_not_raised(&limits)
            .unwrap_err()
            .to_string();
            assert!(e.contains("nofile") && e.contains(&hard.to_string()), "{e}");
        }
        let fixed = HostLimits {
            nr_open: Some(4096),
            can_raise: false,
            hard: vec![(PosixRlimitType::RlimitNofile, 2048)],
        };
        assert_eq!(fixed.default_nofile().hard, 2048);
        let root = HostLimits {
            can_raise: true,
            ..fixed
        };
        assert_eq!(root.default_nofile().hard, 4096);
        let big = Ulimit {
            hard: 1 << 40,
            ..ok
        };
        assert!(big.check_not_raised(&root).is_ok());
    }

    #[test]
    fn later_entries_win() {
        let a = one("nofile=1:2");
        let b = one("nproc=3");
        let c = one("nofile=5:6");
        assert_eq!(merge(&[&[a, b], &[c]]), vec![b, c]);
    }
}
