//! The `/etc` files rpod generates for a container, in its directory's
//! `etc/` and bind-mounted over the image's: `hosts`, `hostname` and
//! `resolv.conf` ([`NetworkFiles`], written at create and again at start
//! when a network helper gives a DNS forwarder and the host's address), and
//! for `--userns=keep-id` copies of `passwd` and `group` with the user
//! added ([`KeepIdFiles`]). Contents are computed by pure functions; only
//! `write` touches the disk.

use std::net::IpAddr;
use std::path::Path;

use oci_spec::runtime::Mount;

use super::Error;
use crate::network::HostEntry;
use crate::spec;

/// What the generated `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf` say.
#[derive(Debug, Clone)]
pub struct EtcContent<'a> {
    /// The container's host name.
    pub hostname: &'a str,
    /// The host's resolv.conf, copied (minus loopback resolvers) unless `dns` is given.
    pub host_resolv: &'a str,
    /// `--dns` (or the network helper's forwarder): replaces the nameservers.
    pub dns: &'a [IpAddr],
    /// `--dns-search`: replaces the search domains.
    pub dns_search: &'a [String],
    /// `--dns-option`: replaces the `options` lines.
    pub dns_options: &'a [String],
    /// `--add-host` entries and `host.containers.internal`.
    pub hosts: &'a [HostEntry],
}

/// The contents of `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFiles {
    /// `/etc/hosts`.
    pub hosts: String,
    /// `/etc/hostname`.
    pub hostname: String,
    /// `/etc/resolv.conf`.
    pub resolv_conf: String,
}

impl NetworkFiles {
    /// The files for `c`.
    pub fn render(c: &EtcContent<'_>) -> NetworkFiles {
        let hostname = c.hostname;
        let mut hosts = format!(
            "127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n127.0.1.1\t{hostname}\n"
        );
        for h in c.hosts {
            hosts.push_str(&format!("{}\t{}\n", h.addr, h.name));
        }
        let mut lines: Vec<String> = c
            .host_resolv
            .lines()
            .filter(|l| {
                let t = l.trim_start();
                // A resolver on the host's loopback is unreachable from a private
                // network namespace; given servers or domains replace the host's.
                !(t.starts_with("nameserver 127.")
                    || (!c.dns.is_empty() && t.starts_with("nameserver"))
                    || (!c.dns_search.is_empty()
                        && (t.starts_with("search") || t.starts_with("domain")))
                    || (!c.dns_options.is_empty() && t.starts_with("options")))
            })
            .map(str::to_string)
            .collect();
        if !c.dns_search.is_empty() {
            lines.insert(0, format!("search {}", c.dns_search.join(" ")));
        }
        for d in c.dns {
            lines.push(format!("nameserver {d}"));
        }
        if !c.dns_options.is_empty() {
            lines.push(format!("options {}", c.dns_options.join(" ")));
        }
        NetworkFiles {
            hosts,
            hostname: format!("{hostname}\n"),
            resolv_conf: lines.join("\n") + "\n",
        }
    }

    /// Their bind mounts, the files being in `dir`.
    pub fn mounts(dir: &Path) -> spec::Result<Vec<Mount>> {
        ["hosts", "hostname", "resolv.conf"]
            .iter()
            .map(|f| bind(&format!("/etc/{f}"), &dir.join(f)))
            .collect()
    }

    /// Writes them into `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        write(dir, "hosts", &self.hosts)?;
        write(dir, "hostname", &self.hostname)?;
        write(dir, "resolv.conf", &self.resolv_conf)
    }
}

/// The host user that `--userns=keep-id` makes known inside the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepIdUser {
    /// Login name.
    pub name: String,
    /// Uid (the same inside and outside).
    pub uid: u32,
    /// Primary gid (the same inside and outside).
    pub gid: u32,
    /// Home directory.
    pub home: String,
}

/// `--userns=keep-id`, as podman: when the image's /etc/passwd (or
/// /etc/group) lacks the user's uid (gid), a copy with an entry added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeepIdFiles {
    /// The new `/etc/passwd`, when one is needed.
    pub passwd: Option<String>,
    /// The new `/etc/group`, when one is needed.
    pub group: Option<String>,
}

impl KeepIdFiles {
    /// The files for user `u`, from the image's `passwd` and `group`.
    pub fn render(passwd: Option<&str>, group: Option<&str>, u: &KeepIdUser) -> KeepIdFiles {
        let add = |text: Option<&str>, id: u32, entry: String| -> Option<String> {
            let mut text = text.unwrap_or_default().to_string();
            let has_id = text
                .lines()
                .any(|l| l.split(':').nth(2) == Some(id.to_string().as_str()));
            if has_id {
                return None;
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&entry);
            Some(text)
        };
        KeepIdFiles {
            passwd: add(
                passwd,
                u.uid,
                format!(
                    "{}:*:{}:{}:{}:{}:/bin/sh\n",
                    u.name, u.uid, u.gid, u.name, u.home
                ),
            ),
            group: add(group, u.gid, format!("{}:x:{}:{}\n", u.name, u.gid, u.name)),
        }
    }

    /// The bind mounts of the files there are, in `dir`.
    pub fn mounts(&self, dir: &Path) -> spec::Result<Vec<Mount>> {
        let mut out = Vec::new();
        for (name, text) in [("passwd", &self.passwd), ("group", &self.group)] {
            if text.is_some() {
                out.push(bind(&format!("/etc/{name}"), &dir.join(name))?);
            }
        }
        Ok(out)
    }

    /// Writes the files there are into `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        for (name, text) in [("passwd", &self.passwd), ("group", &self.group)] {
            if let Some(t) = text {
                write(dir, name, t)?;
            }
        }
        Ok(())
    }
}

fn bind(dest: &str, src: &Path) -> spec::Result<Mount> {
    spec::mount(dest, "bind", &src.to_string_lossy(), &["rbind", "rw"])
}

fn write(dir: &Path, name: &str, content: &str) -> Result<(), Error> {
    let path = dir.join(name);
    fs_err::write(&path, content).map_err(|source| Error::Io {
        op: "writing",
        path,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_files() {
        let hosts = ["db:10.1.2.3".parse().unwrap()];
        let dns = ["10.0.0.1".parse().unwrap()];
        let f = NetworkFiles::render(&EtcContent {
            hostname: "app",
            host_resolv:
                "nameserver 127.0.0.53\nnameserver 192.0.2.1\nsearch lan\noptions ndots:1\n",
            dns: &dns,
            dns_search: &["corp".into()],
            dns_options: &["ndots:3".into()],
            hosts: &hosts,
        });
        assert!(f.hosts.contains("127.0.1.1\tapp\n") && f.hosts.ends_with("10.1.2.3\tdb\n"));
        assert_eq!(f.hostname, "app\n");
        assert_eq!(
            f.resolv_conf,
            "search corp\nnameserver 10.0.0.1\noptions ndots:3\n"
        );
        // Without --dns the host's servers stay, but not loopback ones.
        let f = NetworkFiles::render(&EtcContent {
            hostname: "app",
            host_resolv: "nameserver 127.0.0.53\nnameserver 192.0.2.1\n",
            dns: &[],
            dns_search: &[],
            dns_options: &[],
            hosts: &[],
        });
        assert_eq!(f.resolv_conf, "nameserver 192.0.2.1\n");
        let m = NetworkFiles::mounts(Path::new("/c/etc")).unwrap();
        assert_eq!(
            m[2].source().as_deref(),
            Some(Path::new("/c/etc/resolv.conf"))
        );
    }

    #[test]
    fn keep_id_adds_missing_entries_only() {
        let u = KeepIdUser {
            name: "alice".into(),
            uid: 1000,
            gid: 1000,
            home: "/home/alice".into(),
        };
        let f = KeepIdFiles::render(Some("root:x:0:0::/root:/bin/sh"), Some("x:x:1000:\n"), &u);
        assert_eq!(
            f.passwd.as_deref(),
            Some("root:x:0:0::/root:/bin/sh\nalice:*:1000:1000:alice:/home/alice:/bin/sh\n")
        );
        assert_eq!(f.group, None);
        let m = f.mounts(Path::new("/c/etc")).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].destination(), Path::new("/etc/passwd"));
    }
}
