//! Capabilities as typed values: one [`Cap`] per kernel capability, sets of
//! them as bit masks ([`CapSet`]), and what `--cap-add`, `--cap-drop` and
//! `--privileged` make of podman's default set ([`CapRequest`]).

use std::fmt;
use std::str::FromStr;

use oci_spec::runtime::{Capabilities, Capability};

use super::Invalid;

/// Every capability the kernel knows, indexed by its number.
pub const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// Podman's default capability set (containers.conf `default_capabilities`).
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// One capability, by its kernel number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cap(u8);

impl Cap {
    /// The capability with kernel number `n`, if there is one.
    pub fn from_number(n: u8) -> Option<Cap> {
        (usize::from(n) < ALL_CAPS.len()).then_some(Cap(n))
    }

    /// Its kernel number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// Its name, `CAP_NET_ADMIN`.
    pub fn name(self) -> &'static str {
        ALL_CAPS[usize::from(self.0)]
    }

    /// The OCI spec's value for it.
    pub fn to_oci(self) -> Capability {
        let short = &self.name()["CAP_".len()..];
        short
            .parse()
            .expect("oci-spec knows every capability in ALL_CAPS")
    }

    /// The capability an OCI value names.
    pub fn from_oci(c: Capability) -> Option<Cap> {
        format!("CAP_{c}").parse().ok()
    }
}

impl fmt::Display for Cap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Cap {
    type Err = Invalid;
    /// `NET_ADMIN`, `net_admin` or `CAP_NET_ADMIN`.
    fn from_str(s: &str) -> Result<Cap, Invalid> {
        let upper = s.trim().to_ascii_uppercase();
        let full = if upper.starts_with("CAP_") {
            upper
        } else {
            format!("CAP_{upper}")
        };
        ALL_CAPS
            .iter()
            .position(|c| *c == full)
            .map(|i| Cap(i as u8))
            .ok_or_else(|| {
                Invalid::new(format!(
                    "unknown capability {s:?}: use names such as NET_ADMIN or CAP_NET_ADMIN"
                ))
            })
    }
}

/// A set of capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct CapSet(u64);

impl CapSet {
    /// No capability.
    pub const EMPTY: CapSet = CapSet(0);

    /// Every capability.
    pub fn all() -> CapSet {
        CapSet((1u64 << ALL_CAPS.len()) - 1)
    }

    /// Podman's default set ([`DEFAULT_CAPS`]).
    pub fn defaults() -> CapSet {
        DEFAULT_CAPS
            .iter()
            .map(|n| n.parse::<Cap>().expect("default capabilities are known"))
            .collect()
    }

    /// Adds one.
    pub fn insert(&mut self, c: Cap) {
        self.0 |= 1 << c.0;
    }

    /// Whether it holds `c`.
    pub fn contains(self, c: Cap) -> bool {
        self.0 & (1 << c.0) != 0
    }

    /// Whether it is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kernel's bit mask of the set (as in /proc/PID/status `CapEff`).
    pub fn mask(self) -> u64 {
        self.0
    }

    /// The set minus `other`.
    pub fn without(self, other: CapSet) -> CapSet {
        CapSet(self.0 & !other.0)
    }

    /// The union with `other`.
    pub fn with(self, other: CapSet) -> CapSet {
        CapSet(self.0 | other.0)
    }

    /// Its capabilities, by number.
    pub fn iter(self) -> impl Iterator<Item = Cap> {
        (0..ALL_CAPS.len() as u8)
            .map(Cap)
            .filter(move |c| self.contains(*c))
    }

    /// Their names, by number (for seccomp profiles' `caps` conditions).
    pub fn names(self) -> Vec<String> {
        self.iter().map(|c| c.name().to_string()).collect()
    }

    /// The OCI spec's set.
    pub fn to_oci(self) -> Capabilities {
        self.iter().map(Cap::to_oci).collect()
    }
}

impl FromIterator<Cap> for CapSet {
    fn from_iter<I: IntoIterator<Item = Cap>>(iter: I) -> Self {
        let mut s = CapSet::EMPTY;
        for c in iter {
            s.insert(c);
        }
        s
    }
}

impl FromStr for CapSet {
    type Err = Invalid;
    /// One name (see [`Cap`]), or `ALL`.
    fn from_str(s: &str) -> Result<CapSet, Invalid> {
        if s.trim().eq_ignore_ascii_case("all") {
            Ok(CapSet::all())
        } else {
            Ok([s.parse::<Cap>()?].into_iter().collect())
        }
    }
}

/// `--cap-add`, `--cap-drop`: changes to the default set (drops apply
/// first, as in podman, whatever the order on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CapRequest {
    /// `--cap-add` (`ALL` is every capability).
    pub add: CapSet,
    /// `--cap-drop` (`ALL` is every capability).
    pub drop: CapSet,
    /// The set the container starts from (containers.conf's
    /// `default_capabilities`; `None`: podman's [`DEFAULT_CAPS`]).
    pub base: Option<CapSet>,
}

impl CapRequest {
    /// The container's capabilities: all with `privileged`, else the base
    /// set; minus the drops, plus the additions.
    pub fn resolve(&self, privileged: bool) -> CapSet {
        let base = if privileged {
            CapSet::all()
        } else {
            self.base.unwrap_or_else(CapSet::defaults)
        };
        base.without(self.drop).with(self.add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sets_and_requests() {
        assert_eq!("net_admin".parse::<Cap>().unwrap().name(), "CAP_NET_ADMIN");
        assert_eq!("CAP_CHOWN".parse::<Cap>().unwrap().number(), 0);
        assert!("bogus".parse::<Cap>().is_err());
        // podman's default set: CapEff 00000000800405fb
        assert_eq!(CapSet::defaults().mask(), 0x8004_05fb);
        assert_eq!(CapSet::all().iter().count(), ALL_CAPS.len());
        let r = CapRequest {
            drop: "all".parse().unwrap(),
            add: "net_bind_service".parse().unwrap(),
            base: None,
        };
        assert_eq!(r.resolve(false).names(), ["CAP_NET_BIND_SERVICE"]);
        assert_eq!(r.resolve(true).names(), ["CAP_NET_BIND_SERVICE"]);
        assert_eq!(CapRequest::default().resolve(true), CapSet::all());
        let chown: CapSet = "chown".parse().unwrap();
        let from_conf = CapRequest {
            base: Some(chown.with("kill".parse().unwrap())),
            drop: "kill".parse().unwrap(),
            ..CapRequest::default()
        };
        assert_eq!(from_conf.resolve(false), chown);
        assert_eq!(
            from_conf.resolve(true),
            CapSet::all().without(from_conf.drop)
        );
        for c in CapSet::all().iter() {
            assert_eq!(Cap::from_oci(c.to_oci()), Some(c), "{c}");
        }
    }
}
