//! `--sysctl KEY=VALUE`: kernel parameters set inside the container, only
//! those that belong to a namespace the container has (podman's list: the
//! IPC ones `kernel.msg*`, `kernel.sem`, `kernel.shm*`, `fs.mqueue.*`, and
//! the network's `net.*`), so that a container never changes the host.

use std::fmt;
use std::str::FromStr;

use super::flag::Invalid;

/// The IPC namespace's parameters podman allows by name.
const IPC_KEYS: &[&str] = &[
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

/// One `--sysctl` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sysctl {
    /// The dotted name (`net.ipv4.ip_unprivileged_port_start`).
    pub key: String,
    /// The value written to its `/proc/sys` file.
    pub value: String,
}

impl Sysctl {
    /// Whether it belongs to the network namespace.
    pub fn is_net(&self) -> bool {
        self.key.starts_with("net.")
    }

    /// Its file under `/proc/sys` (dots become slashes).
    pub fn proc_path(&self) -> String {
        format!("/proc/sys/{}", self.key.replace('.', "/"))
    }
}

impl FromStr for Sysctl {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<Sysctl, Invalid> {
        let (key, value) = s.split_once('=').ok_or_else(|| {
            Invalid::new(
                "sysctl values must be in the form of KEY=VALUE, e.g. net.ipv4.ip_forward=1",
            )
        })?;
        if key.trim() != key || value.trim() != value {
            return Err(Invalid::new(
                "extra spaces found: write KEY=VALUE without spaces",
            ));
        }
        // The key names a file under /proc/sys: nothing that could leave it.
        let well_formed = !key.is_empty()
            && key.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_-".contains(&b))
            });
        if !well_formed {
            return Err(Invalid::new(format!(
                "{key:?} is not a sysctl name (dotted words, e.g. net.ipv4.ip_forward)"
            )));
        }
        let allowed =
            IPC_KEYS.contains(&key) || key.starts_with("net.") || key.starts_with("fs.mqueue.");
        if !allowed {
            return Err(Invalid::new(format!(
                "sysctl {key:?} is not allowed: only namespaced ones can be set in a container ({}, fs.mqueue.*, net.*)",
                IPC_KEYS.join(", ")
            )));
        }
        if value.contains('\n') {
            return Err(Invalid::new("the value must be on one line"));
        }
        Ok(Sysctl {
            key: key.to_string(),
            value: value.to_string(),
        })
    }
}

impl fmt::Display for Sysctl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaced_keys_only() {
        let s: Sysctl = "net.ipv4.ip_unprivileged_port_start=80".parse().unwrap();
        assert!(s.is_net());
        assert_eq!(
            s.proc_path(),
            "/proc/sys/net/ipv4/ip_unprivileged_port_start"
        );
        assert!("kernel.shmmax=1000".parse::<Sysctl>().is_ok());
        assert!("fs.mqueue.msg_max=20".parse::<Sysctl>().is_ok());
        let e = "kernel.panic=1".parse::<Sysctl>().unwrap_err().to_string();
        assert!(e.contains("\"kernel.panic\" is not allowed"), "{e}");
        assert!("net.ipv4.ip_forward"
            .parse::<Sysctl>()
            .unwrap_err()
            .to_string()
            .contains("KEY=VALUE"));
        assert!("net.ipv4 =1"
            .parse::<Sysctl>()
            .unwrap_err()
            .to_string()
            .contains("spaces"));
        for bad in ["net..x=1", "net./x=1", "net.a/../../x=1", ".net=1"] {
            assert!(bad.parse::<Sysctl>().is_err(), "{bad}");
        }
        assert_eq!(
            "net.core.somaxconn=a=b".parse::<Sysctl>().unwrap().value,
            "a=b"
        );
    }
}
