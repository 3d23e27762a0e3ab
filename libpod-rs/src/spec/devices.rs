//! `--device` and `--device-cgroup-rule`: host devices given to a
//! container, and the device cgroup's allow rules (podman's and runc's
//! grammars).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::flag::Invalid;

/// `--device HOST[:CONTAINER][:PERMISSIONS]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSpec {
    /// The device (or a directory of devices) on the host.
    pub host: PathBuf,
    /// Where it appears in the container (the host path when not given).
    pub container: PathBuf,
    /// Some of `r`, `w`, `m` (`rwm` when not given).
    pub permissions: String,
}

fn valid_permissions(p: &str) -> bool {
    !p.is_empty() && p.len() <= 3 && p.chars().all(|c| matches!(c, 'r' | 'w' | 'm'))
}

impl FromStr for DeviceSpec {
    type Err = Invalid;
    /// podman's rules: `SRC`, `SRC:PERMS`, `SRC:DST`, `SRC:DST:PERMS`.
    fn from_str(s: &str) -> Result<DeviceSpec, Invalid> {
        let parts: Vec<&str> = s.split(':').collect();
        let (src, dst, perms) = match parts.as_slice() {
            [src] => (*src, *src, "rwm"),
            [src, p] if valid_permissions(p) => (*src, *src, *p),
            [src, dst] => (*src, *dst, "rwm"),
            [src, dst, p] => {
                if !valid_permissions(p) {
                    return Err(Invalid::new(format!(
                        "invalid device mode: {p}: use a combination of r, w and m"
                    )));
                }
                (*src, *dst, *p)
            }
            _ => return Err(Invalid::new(
                "invalid device specification: use HOST-DEVICE[:CONTAINER-DEVICE][:PERMISSIONS]",
            )),
        };
        for p in [src, dst] {
            if !p.starts_with('/') {
                return Err(Invalid::new(format!("{p} is not an absolute path")));
            }
        }
        Ok(DeviceSpec {
            host: PathBuf::from(src),
            container: PathBuf::from(dst),
            permissions: perms.to_string(),
        })
    }
}

impl fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.host.display(),
            self.container.display(),
            self.permissions
        )
    }
}

/// One `--device-cgroup-rule`: `TYPE MAJOR:MINOR ACCESS` (cgroup v1's
/// `devices.allow` grammar; `*` for any number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceRule {
    /// `a` (all), `b` (block) or `c` (char).
    pub kind: char,
    /// The major number (`None`: any).
    pub major: Option<i64>,
    /// The minor number (`None`: any).
    pub minor: Option<i64>,
    /// Some of `r`, `w`, `m`.
    pub access: String,
}

impl FromStr for DeviceRule {
    type Err = Invalid;
    /// podman's checks and words: `TYPE MAJOR:MINOR ACCESS` (`MAJOR` alone: any minor).
    fn from_str(s: &str) -> Result<DeviceRule, Invalid> {
        let f: Vec<&str> = s.split_whitespace().collect();
        let [kind, numbers, access] = f.as_slice() else {
            return Err(Invalid::new(format!(
                "invalid device cgroup rule requires type, major:Minor, and access rules: {s:?} \
                 (e.g. 'c 42:* rmw')"
            )));
        };
        let kind = match *kind {
            "a" => 'a',
            "b" => 'b',
            "c" => 'c',
            k => {
                return Err(Invalid::new(format!(
                    "invalid device type in device-access-add: {k}: use a, b or c"
                )))
            }
        };
        let (major, minor) = numbers.split_once(':').unwrap_or((numbers, "*"));
        let num = |n: &str| -> Result<Option<i64>, Invalid> {
            if n == "*" {
                return Ok(None);
            }
            n.parse::<u32>().map(|v| Some(i64::from(v))).map_err(|_| {
                Invalid::new(format!(
                    "strconv.ParseUint: parsing {n:?}: invalid syntax: use a number or *"
                ))
            })
        };
        if let Some(bad) = access.chars().find(|c| !matches!(c, 'r' | 'w' | 'm')) {
            return Err(Invalid::new(format!(
                "invalid device access in device-access-add: {bad}: use r, w and m"
            )));
        }
        Ok(DeviceRule {
            kind,
            major: num(major)?,
            minor: num(minor)?,
            access: (*access).to_string(),
        })
    }
}

impl fmt::Display for DeviceRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: Option<i64>| v.map_or_else(|| "*".to_string(), |v| v.to_string());
        write!(
            f,
            "{} {}:{} {}",
            self.kind,
            n(self.major),
            n(self.minor),
            self.access
        )
    }
}

impl From<DeviceRule> for String {
    fn from(r: DeviceRule) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for DeviceRule {
    type Error = String;
    fn try_from(s: String) -> Result<DeviceRule, String> {
        s.parse().map_err(|e: Invalid| e.to_string())
    }
}

/// A host device resolved for a container: what the spec's
/// `linux.devices` and the device cgroup say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostDevice {
    /// The node on the host (symbolic links resolved).
    pub host: PathBuf,
    /// Its path in the container.
    pub container: PathBuf,
    /// `c` or `b`.
    pub kind: char,
    /// Major number.
    pub major: i64,
    /// Minor number.
    pub minor: i64,
    /// Its mode bits (permissions).
    pub file_mode: u32,
    /// Its owner.
    pub uid: u32,
    /// Its group.
    pub gid: u32,
    /// The cgroup access (`rwm`).
    pub permissions: String,
}

/// Resolves `--device` on the host: a device node (symbolic links
/// followed), or a directory whose devices are all given, at the same
/// place under the container path (as podman does).
pub fn resolve_device(d: &DeviceSpec) -> Result<Vec<HostDevice>, Invalid> {
    let real = fs_err::canonicalize(&d.host)
        .map_err(crate::sys::without_path)
        .map_err(|e| Invalid::new(format!("stat {}: {e}", d.host.display())))?;
    let one = |host: &Path, container: PathBuf| -> Result<Option<HostDevice>, Invalid> {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let m = fs_err::metadata(host)
            .map_err(crate::sys::without_path)
            .map_err(|e| Invalid::new(format!("stat {}: {e}", host.display())))?;
        let kind = if m.file_type().is_char_device() {
            'c'
        } else if m.file_type().is_block_device() {
            'b'
        } else {
            return Ok(None);
        };
        let rdev = m.rdev();
        Ok(Some(HostDevice {
            host: host.to_path_buf(),
            container,
            kind,
            major: i64::try_from(nix::sys::stat::major(rdev)).unwrap_or(0),
            minor: i64::try_from(nix::sys::stat::minor(rdev)).unwrap_or(0),
            file_mode: m.mode() & 0o7777,
            uid: m.uid(),
            gid: m.gid(),
            permissions: d.permissions.clone(),
        }))
    };
    if real.is_dir() {
        let mut out = Vec::new();
        let mut stack = vec![real.clone()];
        while let Some(dir) = stack.pop() {
            let entries = fs_err::read_dir(&dir)
                .map_err(crate::sys::without_path)
                .map_err(|e| Invalid::new(format!("reading {}: {e}", dir.display())))?;
            for e in entries.flatten() {
                let p = e.path();
                let Ok(t) = e.file_type() else { continue };
                if t.is_dir() {
                    stack.push(p);
                } else if let Ok(rel) = p.strip_prefix(&real) {
                    out.extend(one(&p, d.container.join(rel))?);
                }
            }
        }
        out.sort_by(|a, b| a.container.cmp(&b.container));
        return Ok(out);
    }
    match one(&real, d.container.clone())? {
        Some(dev) => Ok(vec![dev]),
        None => Err(Invalid::new(format!(
            "{} is not a valid device",
            d.host.display()
        ))),
    }
}

/// Every device node of the host's /dev (`--privileged` gives them all,
/// as podman does): char and block devices, without /dev/pts, /dev/shm,
/// /dev/mqueue and /dev/console; symbolic links are not followed.
pub fn host_devices() -> Vec<HostDevice> {
    const SKIPPED: &[&str] = &[
        "/dev/pts",
        "/dev/shm",
        "/dev/mqueue",
        "/dev/fd",
        "/dev/console",
    ];
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from("/dev")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs_err::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if SKIPPED.iter().any(|s| p == Path::new(s)) {
                continue;
            }
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                stack.push(p);
                continue;
            }
            use std::os::unix::fs::{FileTypeExt, MetadataExt};
            if !(t.is_char_device() || t.is_block_device()) {
                continue;
            }
            let Ok(m) = e.metadata() else { continue };
            let rdev = m.rdev();
            out.push(HostDevice {
                host: p.clone(),
                container: p,
                kind: if t.is_block_device() { 'b' } else { 'c' },
                major: i64::try_from(nix::sys::stat::major(rdev)).unwrap_or(0),
                minor: i64::try_from(nix::sys::stat::minor(rdev)).unwrap_or(0),
                file_mode: m.mode() & 0o7777,
                uid: m.uid(),
                gid: m.gid(),
                permissions: "rwm".into(),
            });
        }
    }
    out.sort_by(|a, b| a.container.cmp(&b.container));
    out
}

/// Whether `--privileged`'s device `path` is left out (podman's rules):
/// /dev/ptmx (the container has its own); rootless, /dev/tty and the
/// virtual consoles (`/dev/tty[0-9]+`); rootful, the virtual consoles in
/// systemd mode.
pub fn privileged_skips(path: &Path, rootless: bool, systemd: bool) -> bool {
    let p = path.to_string_lossy();
    if p == "/dev/ptmx" {
        return true;
    }
    let Some(tty) = p.strip_prefix("/dev/tty") else {
        return false;
    };
    let console = !tty.is_empty() && tty.len() <= 5 && tty.bytes().all(|b| b.is_ascii_digit());
    if rootless {
        tty.is_empty() || console
    } else {
        systemd && console
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_flags_parse_as_podman() {
        let d: DeviceSpec = "/dev/fuse".parse().unwrap();
        assert_eq!(d.container, Path::new("/dev/fuse"));
        assert_eq!(d.permissions, "rwm");
        let d: DeviceSpec = "/dev/fuse:r".parse().unwrap();
        assert_eq!(
            (d.container.as_path(), d.permissions.as_str()),
            (Path::new("/dev/fuse"), "r")
        );
        let d: DeviceSpec = "/dev/sdc:/dev/xvdc:rw".parse().unwrap();
        assert_eq!(d.container, Path::new("/dev/xvdc"));
        assert_eq!(d.permissions, "rw");
        assert!("/dev/a:/dev/b:rx"
            .parse::<DeviceSpec>()
            .unwrap_err()
            .to_string()
            .contains("invalid device mode"));
        assert!("dev/a".parse::<DeviceSpec>().is_err());
        assert!("/dev/a:b".parse::<DeviceSpec>().is_err());
        assert!("/a:/b:r:x".parse::<DeviceSpec>().is_err());
    }

    #[test]
    fn cgroup_rules_parse_and_print() {
        let r: DeviceRule = "c 42:* rmw".parse().unwrap();
        assert_eq!((r.kind, r.major, r.minor), ('c', Some(42), None));
        assert_eq!(r.to_string(), "c 42:* rmw");
        assert_eq!(
            "a *:* r".parse::<DeviceRule>().unwrap().to_string(),
            "a *:* r"
        );
        assert_eq!(
            "a 7 rmw".parse::<DeviceRule>().unwrap().to_string(),
            "a 7:* rmw"
        );
        for (bad, why) in [
            ("x 1:2 r", "invalid device type in device-access-add: x"),
            ("c 1:2 rx", "invalid device access in device-access-add: x"),
            (
                "a a:* rmw",
                "strconv.ParseUint: parsing \"a\": invalid syntax",
            ),
            (
                "b 7:2",
                "requires type, major:Minor, and access rules: \"b 7:2\"",
            ),
            ("", "requires type"),
        ] {
            let e = bad.parse::<DeviceRule>().unwrap_err().to_string();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn privileged_devices() {
        let all = host_devices();
        assert!(all.iter().any(|d| d.host == Path::new("/dev/null")));
        assert!(!all.iter().any(|d| d.host.starts_with("/dev/pts")));
        assert!(privileged_skips(Path::new("/dev/tty"), true, false));
        assert!(privileged_skips(Path::new("/dev/tty3"), true, false));
        assert!(!privileged_skips(Path::new("/dev/ttyS0"), true, true));
        assert!(privileged_skips(Path::new("/dev/ptmx"), false, false));
        assert!(!privileged_skips(Path::new("/dev/ttyS0"), false, true));
        assert!(privileged_skips(Path::new("/dev/tty1"), false, true));
        assert!(!privileged_skips(Path::new("/dev/tty1"), false, false));
        assert!(!privileged_skips(Path::new("/dev/fuse"), true, true));
    }

    #[test]
    fn the_null_device_resolves() {
        let d = resolve_device(&"/dev/null:/dev/mynull:r".parse().unwrap()).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].kind, d[0].major, d[0].minor), ('c', 1, 3));
        assert_eq!(d[0].container, Path::new("/dev/mynull"));
        let e = resolve_device(&"/dev/nonexistent-rpod".parse().unwrap()).unwrap_err();
        assert!(e.to_string().contains("/dev/nonexistent-rpod"), "{e}");
    }
}
