//! `--systemd`: when a container runs in systemd mode, and what that mode
//! changes (podman's rules: tmpfs on /run, /run/lock, /tmp and
//! /var/log/journal, SIGRTMIN+3 to stop, `container_uuid`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::flag::Invalid;

/// `--systemd=true|false|always`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SystemdMode {
    /// Systemd mode when the command is systemd or an init (the default).
    #[default]
    True,
    /// Never.
    False,
    /// Always.
    Always,
}

impl FromStr for SystemdMode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<SystemdMode, Invalid> {
        match s.to_ascii_lowercase().as_str() {
            "true" | "" => Ok(SystemdMode::True),
            "false" => Ok(SystemdMode::False),
            "always" => Ok(SystemdMode::Always),
            _ => Err(Invalid::new(
                "invalid value for --systemd: use true, false or always",
            )),
        }
    }
}

impl fmt::Display for SystemdMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SystemdMode::True => "true",
            SystemdMode::False => "false",
            SystemdMode::Always => "always",
        })
    }
}

/// The commands that turn systemd mode on under `--systemd=true`.
const INIT_COMMANDS: &[&str] = &["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init"];

impl SystemdMode {
    /// Whether a container running `command` (entrypoint and arguments)
    /// is in systemd mode.
    pub fn applies(self, command: &[String]) -> bool {
        match self {
            SystemdMode::Always => true,
            SystemdMode::False => false,
            SystemdMode::True => command.first().is_some_and(|c| {
                INIT_COMMANDS.contains(&c.as_str())
                    || std::path::Path::new(c)
                        .file_name()
                        .is_some_and(|n| n == "systemd")
            }),
        }
    }
}

/// The tmpfs mounts of systemd mode.
pub const SYSTEMD_TMPFS: &[&str] = &["/run", "/run/lock", "/tmp", "/var/log/journal"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_s_init_commands_turn_it_on() {
        let cmd = |c: &str| vec![c.to_string()];
        assert!(SystemdMode::True.applies(&cmd("/sbin/init")));
        assert!(SystemdMode::True.applies(&cmd("/usr/lib/systemd/systemd")));
        assert!(SystemdMode::True.applies(&cmd("systemd")));
        assert!(!SystemdMode::True.applies(&cmd("/bin/sh")));
        assert!(!SystemdMode::False.applies(&cmd("/sbin/init")));
        assert!(SystemdMode::Always.applies(&cmd("sh")));
        assert_eq!("ALWAYS".parse(), Ok(SystemdMode::Always));
        assert!("yes".parse::<SystemdMode>().is_err());
    }
}
