//! `--security-opt` values as podman reads them, applied to a
//! [`SecuritySpec`]. A seccomp profile file is read here, when the request
//! is built, relative to the current directory.

use std::path::{Path, PathBuf};

use super::{Error, Result, SeccompPolicy, SeccompProfile, SecuritySpec};

/// The forms rpod accepts, for error messages.
pub const SECURITY_OPT_FORMS: &str = "seccomp=unconfined|PROFILE.json, \
     no-new-privileges[=true|false], mask=PATH[:PATH...], unmask=ALL|PATH[:PATH...], \
     systempaths=unconfined, apparmor=unconfined, \
     label=disable|nested|type:T|level:L|user:U|role:R|filetype:T";

/// Applies one `--security-opt` value (`KEY=VALUE`; the deprecated
/// `KEY:VALUE` is read too) to the request's security settings.
pub fn apply_security_opt(opts: &mut SecuritySpec, opt: &str) -> Result<()> {
    let err = |message: String| Error::SecurityOpt {
        opt: opt.to_string(),
        message,
    };
    let (key, value) = match opt.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None if opt == "no-new-privileges" => (opt, None),
        None => match opt.split_once(':') {
            Some((k, v)) => (k, Some(v)),
            None => (opt, None),
        },
    };
    let paths = |v: &str| -> Result<Vec<String>> {
        // podman takes `all` in any case (`unmask=all`) for ALL.
        let list: Vec<String> = v
            .split(':')
            .filter(|p| !p.is_empty())
            .map(|p| {
                if p.eq_ignore_ascii_case("all") {
                    "ALL".to_string()
                } else {
                    p.to_string()
                }
            })
            .collect();
        if list.is_empty() {
            return Err(err("no path given: use PATH[:PATH...]".into()));
        }
        if let Some(p) = list.iter().find(|p| !p.starts_with('/') && *p != "ALL") {
            return Err(err(format!("{p:?} is not an absolute path")));
        }
        Ok(list)
    };
    match (key, value) {
        ("no-new-privileges", None) => opts.no_new_privileges = true,
        ("no-new-privileges", Some(v)) => {
            opts.no_new_privileges = match v {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return Err(err("expected true or false".into())),
            }
        }
        ("seccomp", Some("unconfined")) => opts.seccomp = SeccompPolicy::Unconfined,
        ("seccomp", Some(p)) if !p.is_empty() => {
            opts.seccomp = SeccompPolicy::Profile(SeccompProfile::load(Path::new(p))?);
        }
        ("label", Some(v))
            if v == "disable"
                || v == "nested"
                || ["type:", "level:", "user:", "role:", "filetype:"]
                    .iter()
                    .any(|p| v.starts_with(p)) =>
        {
            // No SELinux here: podman ignores labels on such hosts too,
            // but keeps them (kube generate writes them).
            opts.labels.push(v.to_string());
        }
        ("apparmor", Some("unconfined")) => {}
        ("apparmor", Some(p)) => {
            return Err(err(format!(
                "AppArmor profile {p:?} asked for, but rpod does not apply AppArmor profiles: use apparmor=unconfined or leave it out"
            )))
        }
        ("mask", Some(v)) => {
            let list = paths(v)?;
            if list.iter().any(|p| p == "ALL") {
                return Err(err("ALL is only for unmask".into()));
            }
            opts.mask.extend(list.into_iter().map(PathBuf::from));
        }
        ("unmask", Some(v)) => opts.unmask.extend(paths(v)?),
        ("systempaths", Some("unconfined")) => opts.unmask.push("ALL".into()),
        _ => {
            return Err(err(format!(
                "unknown or incomplete option: use {SECURITY_OPT_FORMS}"
            )))
        }
    }
    Ok(())
}

/// Whether `pattern` (a path where `*` stands for any characters but `/`)
/// matches `path`, as podman's `unmask=/proc/*` does.
pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| go(rest, &s[i..])),
            Some((c, rest)) => s.first() == Some(c) && go(rest, &s[1..]),
        }
    }
    go(pattern.as_bytes(), path.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(list: &[&str]) -> Result<SecuritySpec> {
        let mut o = SecuritySpec::default();
        for s in list {
            apply_security_opt(&mut o, s)?;
        }
        Ok(o)
    }

    #[test]
    fn accepted_forms() {
        let o = apply(&[
            "no-new-privileges",
            "label=disable",
            "label=type:spc_t",
            "label=level:s0:c1,c2",
            "label=nested",
            "apparmor=unconfined",
            "mask=/proc/cpuinfo:/sys/kernel",
            "unmask=/proc/kcore",
            "seccomp=unconfined",
        ])
        .unwrap();
        assert!(o.no_new_privileges);
        assert_eq!(
            o.mask,
            [PathBuf::from("/proc/cpuinfo"), PathBuf::from("/sys/kernel")]
        );
        assert_eq!(o.unmask, ["/proc/kcore"]);
        assert!(matches!(o.seccomp, SeccompPolicy::Unconfined));
        let o = apply(&["no-new-privileges=true", "no-new-privileges=false"]).unwrap();
        assert!(!o.no_new_privileges);
        assert_eq!(
            apply(&["seccomp:unconfined"]).unwrap().seccomp,
            SeccompPolicy::Unconfined
        );
        assert_eq!(apply(&["systempaths=unconfined"]).unwrap().unmask, ["ALL"]);
        assert_eq!(apply(&["unmask=all"]).unwrap().unmask, ["ALL"]);
    }

    #[test]
    fn refused_forms_list_the_accepted_ones() {
        for (opt, want) in [
            ("bogus=1", "use seccomp=unconfined|PROFILE.json"),
            ("seccomp=", "use seccomp="),
            ("label=whatever", "use seccomp="),
            (
                "apparmor=docker-default",
                "AppArmor profile \"docker-default\"",
            ),
            ("mask=relative/path", "not an absolute path"),
            ("no-new-privileges=maybe", "expected true or false"),
            ("seccomp=/nonexistent/p.json", "/nonexistent/p.json"),
        ] {
            let e = apply(&[opt]).unwrap_err().to_string();
            assert!(e.contains(want), "{opt}: {e}");
        }
    }

    #[test]
    fn globs() {
        assert!(path_matches("/proc/*", "/proc/kcore"));
        assert!(!path_matches("/proc/*", "/sys/firmware"));
        assert!(!path_matches("/proc/*", "/proc/a/b"));
        assert!(path_matches("/proc/kcore", "/proc/kcore"));
        assert!(path_matches("/proc/*_list", "/proc/timer_list"));
    }
}
