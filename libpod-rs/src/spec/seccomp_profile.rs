//! Seccomp profiles in the JSON format podman and docker read
//! (containers/common `pkg/seccomp`, `--security-opt seccomp=FILE`).
//!
//! A profile is read and checked once, when the container is created
//! ([`SeccompProfile::load`]), so that every mistake is reported then, with
//! the file and the entry at fault. [`SeccompProfile::resolve`] then keeps
//! the rules that apply to the container (its capabilities, this
//! architecture, this kernel) and yields the OCI `LinuxSeccomp` stored in
//! its spec: `start` never reads the file again.

use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompArgBuilder,
    LinuxSeccompBuilder, LinuxSeccompFilterFlag, LinuxSeccompOperator, LinuxSyscallBuilder,
};
use serde::Deserialize;

use super::{Error, Result};

/// The profile file as JSON (unknown keys such as `comment` are ignored).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    default_action: Option<String>,
    default_errno_ret: Option<u32>,
    default_errno: Option<String>,
    architectures: Option<Vec<String>>,
    arch_map: Option<Vec<ArchEntry>>,
    syscalls: Option<Vec<RuleDoc>>,
    flags: Option<Vec<String>>,
    listener_path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchEntry {
    architecture: String,
    sub_architectures: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleDoc {
    name: Option<String>,
    names: Option<Vec<String>>,
    action: Option<String>,
    args: Option<Vec<ArgDoc>>,
    includes: Option<FilterDoc>,
    excludes: Option<FilterDoc>,
    errno_ret: Option<u32>,
    errno: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArgDoc {
    index: u32,
    #[serde(default)]
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FilterDoc {
    caps: Option<Vec<String>>,
    arches: Option<Vec<String>>,
    min_kernel: Option<String>,
}

/// When a rule applies (`includes`) or does not (`excludes`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Filter {
    caps: Vec<String>,
    arches: Vec<String>,
    min_kernel: Option<(u32, u32)>,
}

/// One checked `syscalls` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    names: Vec<String>,
    action: LinuxSeccompAction,
    errno: Option<u32>,
    args: Vec<LinuxSeccompArg>,
    includes: Filter,
    excludes: Filter,
}

/// A checked seccomp profile, read from a file at create time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeccompProfile {
    path: PathBuf,
    /// `None`: no default action and no rules, which podman reads as "no filter".
    default_action: Option<LinuxSeccompAction>,
    default_errno: Option<u32>,
    architectures: Vec<Arch>,
    arch_map: Vec<(Arch, Vec<Arch>)>,
    flags: Vec<LinuxSeccompFilterFlag>,
    rules: Vec<Rule>,
}

/// The running system as far as profile rules are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    /// Go's name for this architecture (`amd64`, `arm64`), as `arches` filters use.
    pub arch: &'static str,
    /// The kernel's version and major revision (`6.1` for 6.1.0-13-amd64).
    pub kernel: (u32, u32),
}

impl Host {
    /// This machine.
    pub fn current() -> Host {
        let release = fs_err::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        Host {
            arch: if cfg!(target_arch = "aarch64") {
                "arm64"
            } else if cfg!(target_arch = "s390x") {
                "s390x"
            } else {
                "amd64"
            },
            kernel: parse_kernel(release.trim()).unwrap_or((0, 0)),
        }
    }

    fn seccomp_arch(&self) -> Option<Arch> {
        match self.arch {
            "amd64" => Some(Arch::ScmpArchX86_64),
            "arm64" => Some(Arch::ScmpArchAarch64),
            "s390x" => Some(Arch::ScmpArchS390x),
            _ => None,
        }
    }
}

/// `6.1.0-13-amd64`, `3.12-rc5` or `4.8` → (major, minor).
fn parse_kernel(s: &str) -> Option<(u32, u32)> {
    let mut it = s.split(|c: char| !c.is_ascii_digit());
    let major = it.next()?.parse().ok()?;
    let minor = it.next()?.parse().ok()?;
    Some((major, minor))
}

/// An OCI enum from its spec spelling (`SCMP_ACT_ALLOW`, `SCMP_ARCH_X86_64`...).
fn oci_enum<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Errno names a profile may use in `errno`/`defaultErrno`.
const ERRNO_NAMES: &[(&str, i32)] = &[
    ("EPERM", libc::EPERM),
    ("ENOENT", libc::ENOENT),
    ("ESRCH", libc::ESRCH),
    ("EINTR", libc::EINTR),
    ("EIO", libc::EIO),
    ("ENXIO", libc::ENXIO),
    ("E2BIG", libc::E2BIG),
    ("ENOEXEC", libc::ENOEXEC),
    ("EBADF", libc::EBADF),
    ("ECHILD", libc::ECHILD),
    ("EAGAIN", libc::EAGAIN),
    ("ENOMEM", libc::ENOMEM),
    ("EACCES", libc::EACCES),
    ("EFAULT", libc::EFAULT),
    ("EBUSY", libc::EBUSY),
    ("EEXIST", libc::EEXIST),
    ("EXDEV", libc::EXDEV),
    ("ENODEV", libc::ENODEV),
    ("ENOTDIR", libc::ENOTDIR),
    ("EISDIR", libc::EISDIR),
    ("EINVAL", libc::EINVAL),
    ("ENFILE", libc::ENFILE),
    ("EMFILE", libc::EMFILE),
    ("ENOTTY", libc::ENOTTY),
    ("ETXTBSY", libc::ETXTBSY),
    ("EFBIG", libc::EFBIG),
    ("ENOSPC", libc::ENOSPC),
    ("ESPIPE", libc::ESPIPE),
    ("EROFS", libc::EROFS),
    ("EMLINK", libc::EMLINK),
    ("EPIPE", libc::EPIPE),
    ("ERANGE", libc::ERANGE),
    ("ENOSYS", libc::ENOSYS),
    ("ENOTSUP", libc::ENOTSUP),
    ("EOPNOTSUPP", libc::EOPNOTSUPP),
    ("EAFNOSUPPORT", libc::EAFNOSUPPORT),
    ("EPROTONOSUPPORT", libc::EPROTONOSUPPORT),
];

const ACTIONS: &str = "SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, \
                       SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG";

impl SeccompProfile {
    /// Reads and checks the profile at `path` (relative to the current directory).
    pub fn load(path: &Path) -> Result<SeccompProfile> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let text =
            crate::userfile::read_string(&abs, crate::userfile::SECCOMP_PROFILE).map_err(|e| {
                match e {
                    crate::userfile::Error::Io { source, .. } => Error::SeccompProfileRead {
                        path: abs.clone(),
                        source,
                    },
                    other => Error::File(other),
                }
            })?;
        SeccompProfile::parse(&abs, &text)
    }

    /// Checks a profile's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<SeccompProfile> {
        let err = |message: String| Error::SeccompProfile {
            path: path.to_path_buf(),
            message,
        };
        let doc: Document =
            serde_json::from_str(text).map_err(|e| err(format!("invalid JSON: {e}")))?;
        let errno = |num: Option<u32>, name: &Option<String>, what: &str| -> Result<Option<u32>> {
            match (num, name.as_deref().filter(|n| !n.is_empty())) {
                (n, None) => Ok(n),
                (_, Some(name)) => ERRNO_NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| Some(*v as u32))
                    .ok_or_else(|| {
                        err(format!(
                            "{what}: unknown errno {name:?}: use a name such as EPERM or ENOSYS, or a number in {what}Ret"
                        ))
                    }),
            }
        };
        let arch = |s: &str, what: &str| -> Result<Arch> {
            oci_enum(s).ok_or_else(|| {
                err(format!(
                    "{what}: unknown architecture {s:?}: use names such as SCMP_ARCH_X86_64 or SCMP_ARCH_AARCH64"
                ))
            })
        };
        let action = |s: &str, what: &str| -> Result<LinuxSeccompAction> {
            match oci_enum(s) {
                Some(LinuxSeccompAction::ScmpActNotify) => Err(err(format!(
                    "{what}: action SCMP_ACT_NOTIFY is not supported (it needs a seccomp agent): use {ACTIONS}"
                ))),
                Some(a) => Ok(a),
                None => Err(err(format!("{what}: unknown action {s:?}: use {ACTIONS}"))),
            }
        };

        if doc.listener_path.as_deref().is_some_and(|p| !p.is_empty()) {
            return Err(err(
                "listenerPath: seccomp agents (SCMP_ACT_NOTIFY) are not supported".into(),
            ));
        }
        let architectures = doc
            .architectures
            .iter()
            .flatten()
            .map(|a| arch(a, "architectures"))
            .collect::<Result<Vec<_>>>()?;
        let mut arch_map = Vec::new();
        for (i, e) in doc.arch_map.iter().flatten().enumerate() {
            let what = format!("archMap[{i}]");
            let subs = e
                .sub_architectures
                .iter()
                .flatten()
                .map(|a| arch(a, &what))
                .collect::<Result<Vec<_>>>()?;
            arch_map.push((arch(&e.architecture, &what)?, subs));
        }
        if !architectures.is_empty() && !arch_map.is_empty() {
            return Err(err(
                "both architectures and archMap are given: use one or the other".into(),
            ));
        }
        let flags = doc
            .flags
            .iter()
            .flatten()
            .map(|f| {
                oci_enum(f).ok_or_else(|| {
                    err(format!(
                        "flags: unknown flag {f:?}: use SECCOMP_FILTER_FLAG_LOG, SECCOMP_FILTER_FLAG_SPEC_ALLOW or SECCOMP_FILTER_FLAG_TSYNC"
                    ))
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let mut rules = Vec::new();
        for (i, r) in doc.syscalls.iter().flatten().enumerate() {
            let names: Vec<String> = match (&r.name, &r.names) {
                (Some(n), Some(ns)) if !n.is_empty() && !ns.is_empty() => {
                    return Err(err(format!(
                        "syscalls[{i}] ({n}): both name and names are given: use names"
                    )))
                }
                (Some(n), _) if !n.is_empty() => vec![n.clone()],
                (_, ns) => ns.clone().unwrap_or_default(),
            };
            let what = format!("syscalls[{i}] ({})", names.join(", "));
            let Some(a) = r.action.as_deref().filter(|a| !a.is_empty()) else {
                return Err(err(format!("{what}: no action: use {ACTIONS}")));
            };
            let action = action(a, &what)?;
            let errno = errno(r.errno_ret, &r.errno, &format!("{what}: errno"))?;
            let mut args = Vec::new();
            for (j, a) in r.args.iter().flatten().enumerate() {
                let what = format!("{what}: args[{j}]");
                if a.index > 5 {
                    return Err(err(format!(
                        "{what}: index {} is out of range: syscalls have arguments 0 to 5",
                        a.index
                    )));
                }
                let op: LinuxSeccompOperator = oci_enum(&a.op).ok_or_else(|| {
                    err(format!(
                        "{what}: unknown operator {:?}: use SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE or SCMP_CMP_MASKED_EQ",
                        a.op
                    ))
                })?;
                args.push(
                    LinuxSeccompArgBuilder::default()
                        .index(a.index as usize)
                        .value(a.value)
                        .value_two(a.value_two)
                        .op(op)
                        .build()?,
                );
            }
            let filter = |f: &Option<FilterDoc>, key: &str| -> Result<Filter> {
                let Some(f) = f else {
                    return Ok(Filter::default());
                };
                let min_kernel = match f.min_kernel.as_deref().filter(|k| !k.is_empty()) {
                    None => None,
                    Some(k) => Some(parse_kernel(k).ok_or_else(|| {
                        err(format!(
                            "{what}: {key}.minKernel {k:?}: expected a version such as 5.8"
                        ))
                    })?),
                };
                Ok(Filter {
                    caps: f.caps.clone().unwrap_or_default(),
                    arches: f.arches.clone().unwrap_or_default(),
                    min_kernel,
                })
            };
            rules.push(Rule {
                includes: filter(&r.includes, "includes")?,
                excludes: filter(&r.excludes, "excludes")?,
                names,
                action,
                errno,
                args,
            });
        }
        let default_action = match doc.default_action.as_deref().filter(|a| !a.is_empty()) {
            Some(a) => Some(action(a, "defaultAction")?),
            None if rules.is_empty() => None,
            None => return Err(err(format!("defaultAction is missing: use {ACTIONS}"))),
        };
        Ok(SeccompProfile {
            path: path.to_path_buf(),
            default_action,
            default_errno: errno(doc.default_errno_ret, &doc.default_errno, "defaultErrno")?,
            architectures,
            arch_map,
            flags,
            rules,
        })
    }

    /// The file the profile came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The OCI profile for a container with bounding capabilities `caps`
    /// on this machine (`None`: the profile asks for no filter).
    pub fn resolve(&self, caps: &[String]) -> Result<Option<LinuxSeccomp>> {
        self.resolve_for(caps, Host::current())
    }

    /// [`SeccompProfile::resolve`] for a given host (tests).
    pub fn resolve_for(&self, caps: &[String], host: Host) -> Result<Option<LinuxSeccomp>> {
        let Some(default_action) = self.default_action else {
            return Ok(None);
        };
        let has = |c: &String| caps.contains(c);
        let kernel_at_least = |k: Option<(u32, u32)>| k.map(|k| host.kernel >= k);
        let mut syscalls = Vec::new();
        for r in &self.rules {
            let (inc, exc) = (&r.includes, &r.excludes);
            let skip = exc.arches.iter().any(|a| a == host.arch)
                || exc.caps.iter().any(has)
                || kernel_at_least(exc.min_kernel) == Some(true)
                || (!inc.arches.is_empty() && !inc.arches.iter().any(|a| a == host.arch))
                || !inc.caps.iter().all(has)
                || kernel_at_least(inc.min_kernel) == Some(false);
            if skip || r.names.is_empty() {
                continue;
            }
            let mut b = LinuxSyscallBuilder::default()
                .names(r.names.clone())
                .action(r.action);
            if let Some(e) = r.errno {
                b = b.errno_ret(e);
            }
            if !r.args.is_empty() {
                b = b.args(r.args.clone());
            }
            syscalls.push(b.build()?);
        }
        let mut arches = self.architectures.clone();
        if let Some((a, subs)) = self
            .arch_map
            .iter()
            .find(|(a, _)| Some(*a) == host.seccomp_arch())
        {
            arches.push(*a);
            arches.extend(subs.iter().copied());
        }
        let mut b = LinuxSeccompBuilder::default()
            .default_action(default_action)
            .syscalls(syscalls);
        if let Some(e) = self.default_errno {
            b = b.default_errno_ret(e);
        }
        if !arches.is_empty() {
            b = b.architectures(arches);
        }
        if !self.flags.is_empty() {
            b = b.flags(self.flags.clone());
        }
        Ok(Some(b.build()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: Host = Host {
        arch: "amd64",
        kernel: (6, 1),
    };

    fn parse(text: &str) -> Result<SeccompProfile> {
        SeccompProfile::parse(Path::new("/p/profile.json"), text)
    }

    fn names(s: &LinuxSeccomp) -> Vec<String> {
        s.syscalls()
            .iter()
            .flatten()
            .map(|c| c.names().join(","))
            .collect()
    }

    #[test]
    fn podman_shape_resolves_by_caps_arch_and_kernel() {
        let p = parse(
            r#"{
              "defaultAction": "SCMP_ACT_ERRNO",
              "defaultErrnoRet": 38,
              "archMap": [
                {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
              ],
              "syscalls": [
                {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "args": [], "comment": "",
                 "includes": {}, "excludes": {}},
                {"name": "personality", "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
                {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
                {"names": ["cacheflush"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
                {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT"]}},
                {"names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_CHROOT"]}},
                {"names": ["newcall"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "6.2"}},
                {"names": ["oldcall"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.4"}},
                {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errno": "EACCES"}
              ]
            }"#,
        )
        .unwrap();
        let with = p
            .resolve_for(&["CAP_SYS_CHROOT".to_string()], HOST)
            .unwrap()
            .unwrap();
        assert_eq!(with.default_action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(with.default_errno_ret(), Some(38));
        assert_eq!(
            with.architectures().as_deref(),
            Some(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32][..])
        );
        assert_eq!(
            names(&with),
            ["read,write", "personality", "arch_prctl", "chroot", "mkdir"]
        );
        let calls = with.syscalls().as_ref().unwrap();
        assert_eq!(calls[1].args().as_ref().unwrap()[0].value(), 8);
        assert_eq!(calls[4].errno_ret(), Some(libc::EACCES as u32));
        assert_eq!(calls[3].action(), LinuxSeccompAction::ScmpActAllow);

        let without = p.resolve_for(&[], HOST).unwrap().unwrap();
        let calls = without.syscalls().as_ref().unwrap();
        assert_eq!(calls[3].names(), &["chroot"]);
        assert_eq!(calls[3].action(), LinuxSeccompAction::ScmpActErrno);

        let newer = Host {
            arch: "arm64",
            kernel: (6, 8),
        };
        let arm = p.resolve_for(&[], newer).unwrap().unwrap();
        assert_eq!(
            names(&arm),
            [
                "read,write",
                "personality",
                "cacheflush",
                "chroot",
                "newcall",
                "mkdir"
            ]
        );
        assert_eq!(
            arm.architectures().as_deref(),
            Some(&[Arch::ScmpArchAarch64, Arch::ScmpArchArm][..])
        );
        let old = Host {
            arch: "amd64",
            kernel: (4, 19),
        };
        assert!(names(&p.resolve_for(&[], old).unwrap().unwrap()).contains(&"oldcall".into()));
    }

    #[test]
    fn an_empty_profile_means_no_filter() {
        assert_eq!(parse("{}").unwrap().resolve_for(&[], HOST).unwrap(), None);
    }

    #[test]
    fn mistakes_name_the_file_and_the_entry() {
        let cases = [
            ("{\"defaultAction\": ", "invalid JSON"),
            (
                r#"{"defaultAction": "SCMP_ACT_BOGUS", "syscalls": []}"#,
                "defaultAction: unknown action \"SCMP_ACT_BOGUS\"",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["a"], "action": "SCMP_ACT_ALLOW"},
                   {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]}"#,
                "syscalls[1] (mkdir, mkdirat): action SCMP_ACT_NOTIFY is not supported",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 7, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"#,
                "syscalls[0] (mkdir): args[0]: index 7 is out of range",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_SOMETIMES"}]}]}"#,
                "unknown operator \"SCMP_CMP_SOMETIMES\"",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"name": "a", "names": ["b"], "action": "SCMP_ACT_ALLOW"}]}"#,
                "both name and names",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "EWHATEVER"}"#,
                "unknown errno \"EWHATEVER\"",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_Z80"]}"#,
                "unknown architecture \"SCMP_ARCH_Z80\"",
            ),
            (
                r#"{"syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}"#,
                "defaultAction is missing",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock"}"#,
                "listenerPath",
            ),
        ];
        for (text, want) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(
                e.starts_with("seccomp profile /p/profile.json: ") && e.contains(want),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn a_missing_file_is_named() {
        let e = SeccompProfile::load(Path::new("/nonexistent/profile.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent/profile.json"), "{e}");
    }

    #[test]
    fn kernel_versions() {
        assert_eq!(parse_kernel("6.1.0-13-amd64"), Some((6, 1)));
        assert_eq!(parse_kernel("3.12-rc5"), Some((3, 12)));
        assert_eq!(parse_kernel("4.8"), Some((4, 8)));
        assert_eq!(parse_kernel("four"), None);
    }
}
