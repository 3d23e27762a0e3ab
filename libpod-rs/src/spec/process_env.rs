//! The process's surroundings that are not its user: `--tz` ([`Timezone`],
//! the container's `/etc/localtime`) and `--umask` ([`Umask`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::Invalid;

/// Where the host keeps its zone files (`$TZDIR` when set, as glibc).
pub fn zoneinfo_dir() -> PathBuf {
    std::env::var_os("TZDIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from)
}

/// `--tz`: `local` (the host's `/etc/localtime`) or an area-based zone
/// name (`Europe/Berlin`, `UTC`, `Etc/GMT+5`) the host has a zone file
/// for; the container's `/etc/localtime` becomes a copy of that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timezone(String);

impl Timezone {
    /// The value as given (`local` or the zone's name), as inspect shows it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is `local`.
    pub fn is_local(&self) -> bool {
        self.0 == "local"
    }

    /// The host file whose content becomes the container's
    /// `/etc/localtime` (for `local` the host's own, whatever it links
    /// to; `$TZDIR` plays no part there, as in podman).
    pub fn host_file(&self) -> PathBuf {
        if self.is_local() {
            PathBuf::from("/etc/localtime")
        } else {
            zoneinfo_dir().join(&self.0)
        }
    }

    /// Checks the name's form only (no file is read): what a record read
    /// back needs.
    fn checked(s: &str) -> Result<Timezone, Invalid> {
        let bad = s.is_empty()
            || Path::new(s).is_absolute()
            || s.split('/').any(|c| c.is_empty() || c == "." || c == "..")
            || s.contains(char::is_whitespace);
        if bad {
            return Err(Invalid::new(
                "not a time zone: use local or an area-based name such as Europe/Berlin (see /usr/share/zoneinfo)",
            ));
        }
        Ok(Timezone(s.to_string()))
    }
}

impl FromStr for Timezone {
    type Err = Invalid;
    /// `local` or a zone name with a regular file in the host's zoneinfo
    /// directory.
    fn from_str(s: &str) -> Result<Timezone, Invalid> {
        let tz = Timezone::checked(s)?;
        if tz.is_local() {
            return Ok(tz);
        }
        let file = tz.host_file();
        match fs_err::metadata(&file) {
            Ok(m) if m.is_file() => Ok(tz),
            Ok(_) => Err(Invalid::new(format!(
                "{s:?} is not a valid timezone: {} is a directory; name a zone in it, e.g. Europe/Berlin",
                file.display()
            ))),
            Err(_) => Err(Invalid::new(format!(
                "unknown time zone {s}: no {} on this host; use local or a name from {}",
                file.display(),
                zoneinfo_dir().display()
            ))),
        }
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Timezone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Timezone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timezone::checked(&s).map_err(serde::de::Error::custom)
    }
}

/// `--umask`: up to four octal digits (podman's default `0022`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Umask(pub u32);

impl Umask {
    /// podman's default, containers.conf's `umask = "0022"`.
    pub const DEFAULT: Umask = Umask(0o022);
}

impl Default for Umask {
    fn default() -> Umask {
        Umask::DEFAULT
    }
}

impl FromStr for Umask {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Umask, Invalid> {
        let ok = (1..=4).contains(&s.len()) && s.bytes().all(|b| (b'0'..=b'7').contains(&b));
        if !ok {
            return Err(Invalid::new(
                "invalid umask string: use one to four octal digits, e.g. 0022",
            ));
        }
        u32::from_str_radix(s, 8)
            .map(Umask)
            .map_err(|e| Invalid::new(e.to_string()))
    }
}

impl fmt::Display for Umask {
    /// Four digits, as podman's inspect pads it (`0022`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04o}", self.0)
    }
}

impl serde::Serialize for Umask {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Umask {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// `--personality`: the execution domain the container's command runs in
/// (personality(2)), by the OCI spec's names (those crun knows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personality {
    /// `LINUX` (PER_LINUX).
    Linux,
    /// `LINUX32` (PER_LINUX32: `uname -m` says i686 on x86_64).
    Linux32,
}

impl FromStr for Personality {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        match s {
            "LINUX" => Ok(Personality::Linux),
            "LINUX32" => Ok(Personality::Linux32),
            _ => Err(Invalid::new(format!(
                "unknown persona specified `{s}`: use LINUX or LINUX32"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personas_are_crun_s_two() {
        assert_eq!(
            "LINUX32".parse::<Personality>().unwrap(),
            Personality::Linux32
        );
        assert_eq!("LINUX".parse::<Personality>().unwrap(), Personality::Linux);
        let e = "linux32".parse::<Personality>().unwrap_err().to_string();
        assert!(e.contains("unknown persona specified `linux32`"), "{e}");
    }

    #[test]
    fn umasks() {
        assert_eq!("0022".parse(), Ok(Umask(0o22)));
        assert_eq!("77".parse::<Umask>().unwrap().to_string(), "0077");
        for bad in ["", "8", "00000", "-1", "0o22", "abc"] {
            assert!(bad.parse::<Umask>().is_err(), "{bad}");
        }
    }

    #[test]
    fn timezones() {
        assert!("local".parse::<Timezone>().unwrap().is_local());
        for bad in [
            "",
            "/etc/passwd",
            "../../etc/passwd",
            "Europe//Berlin",
            "a b",
        ] {
            assert!(bad.parse::<Timezone>().is_err(), "{bad}");
        }
        let e = "Nowhere/Atlantis"
            .parse::<Timezone>()
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown time zone Nowhere/Atlantis"), "{e}");
        if Path::new("/usr/share/zoneinfo/UTC").is_file() && std::env::var_os("TZDIR").is_none() {
            let tz: Timezone = "UTC".parse().unwrap();
            assert_eq!(tz.host_file(), Path::new("/usr/share/zoneinfo/UTC"));
        }
    }
}
