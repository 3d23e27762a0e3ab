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
    /// The hosts file the generated one adds to (containers.conf's
    /// `base_hosts_file`: the host's `/etc/hosts` by default): its entries
    /// follow rpod's, less the names rpod's already give.
    pub base_hosts: &'a str,
}

/// The `IP NAME...` entries of a hosts file (comments and lines without
/// a name left out), as podman's etchosts reads them.
fn hosts_entries(text: &str) -> impl Iterator<Item = (&str, Vec<&str>)> {
    text.lines().filter_map(|l| {
        let l = l.split('#').next().unwrap_or_default();
        let mut fields = l.split_whitespace();
        let ip = fields.next()?;
        let names: Vec<&str> = fields.collect();
        (!names.is_empty()).then_some((ip, names))
    })
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
        let mut names: std::collections::HashSet<String> = hosts_entries(&hosts)
            .flat_map(|(_, n)| n)
            .map(str::to_string)
            .collect();
        for (ip, entry) in hosts_entries(c.base_hosts) {
            let free: Vec<&str> = entry
                .into_iter()
                .filter(|n| names.insert(n.to_string()))
                .collect();
            if !free.is_empty() {
                hosts.push_str(&format!("{ip}\t{}\n", free.join(" ")));
            }
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

/// A host user that `--userns=keep-id` or `--hostuser` makes known
/// inside the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepIdUser {
    /// Login name.
    pub name: String,
    /// Uid (inside: keep-id's `uid=` when given).
    pub uid: u32,
    /// Primary gid (inside).
    pub gid: u32,
    /// The passwd comment (GECOS) up to its first comma, as Go's
    /// `user.User.Name`: podman's entries carry it.
    pub gecos: String,
    /// Home directory.
    pub home: String,
    /// The name of the primary group on the host (the login name when
    /// it has none).
    pub group: String,
}

/// What the container's `/etc/passwd` and `/etc/group` get added, as
/// podman decides it (libpod's generatePasswdAndGroup): `--hostuser`
/// entries, keep-id's user, and an entry for a numeric `--user` missing
/// from the image (`--passwd-entry` and `--group-entry` templates).
#[derive(Debug, Clone, Default)]
pub struct Accounts<'a> {
    /// The image's `/etc/passwd`.
    pub passwd: Option<&'a str>,
    /// The image's `/etc/group`.
    pub group: Option<&'a str>,
    /// `--hostuser`, looked up on the host.
    pub host_users: &'a [KeepIdUser],
    /// keep-id's user.
    pub current: Option<&'a KeepIdUser>,
    /// `--user` as given.
    pub user: Option<&'a spec::UserSpec>,
    /// The container's working directory (the home of added entries,
    /// unless a mount covers the user's own).
    pub workdir: &'a str,
    /// Where mounts land in the container.
    pub mounted: &'a [std::path::PathBuf],
    /// `--passwd-entry`.
    pub passwd_entry: Option<&'a str>,
    /// `--group-entry`.
    pub group_entry: Option<&'a str>,
}

fn has_entry(text: Option<&str>, name: &str, id: &str) -> bool {
    text.unwrap_or_default().lines().any(|l| {
        let f: Vec<&str> = l.split(':').collect();
        f.len() >= 3 && (f[0] == name || f[2] == id)
    })
}

impl Accounts<'_> {
    fn template(t: &str, vars: &[(&str, &str)]) -> String {
        // Longest names first: $USERNAME before $NAME.
        let mut s = t.to_string();
        for (k, v) in vars {
            s = s.replace(k, v);
        }
        s + "\n"
    }

    /// podman's userPasswdEntry: nothing when the image knows the name or
    /// the uid; home is the working directory unless a mount covers the
    /// user's home (or a parent of it).
    fn user_entry(&self, u: &KeepIdUser) -> String {
        let uid = u.uid.to_string();
        if has_entry(self.passwd, &u.name, &uid) {
            return String::new();
        }
        let covered = std::path::Path::new(&u.home)
            .ancestors()
            .take_while(|p| *p != std::path::Path::new("/") && !p.as_os_str().is_empty())
            .any(|p| self.mounted.iter().any(|m| m == p));
        let home = if covered {
            u.home.as_str()
        } else {
            self.workdir
        };
        match self.passwd_entry {
            Some(t) => Self::template(
                t,
                &[
                    ("$USERNAME", &u.name),
                    ("$UID", &uid),
                    ("$GID", &u.gid.to_string()),
                    ("$NAME", &u.gecos),
                    ("$HOME", home),
                ],
            ),
            None => format!(
                "{}:*:{}:{}:{}:{home}:/bin/sh\n",
                u.name, uid, u.gid, u.gecos
            ),
        }
    }

    /// The files with the entries added (`None` where nothing is added).
    pub fn render(&self) -> spec::Result<KeepIdFiles> {
        let mut pw = String::new();
        for u in self.host_users {
            pw.push_str(&self.user_entry(u));
        }
        let added_uid = self.current.map(|c| {
            pw.push_str(&self.user_entry(c));
            c.uid
        });
        let (user, group) = match self.user {
            Some(u) => (Some(u.user.as_str()), u.group.as_deref()),
            None => (None, None),
        };
        let num = |s: &str| s.parse::<u32>().ok();
        if let Some(uid) = user.and_then(num) {
            let uid_s = uid.to_string();
            let in_file = has_entry(self.passwd, &uid_s, &uid_s);
            if added_uid != Some(uid) && !in_file {
                let gid = match group {
                    None => 0,
                    Some(g) => match num(g) {
                        Some(n) => n,
                        None => spec::GroupAdd::Group(g.to_string())
                            .resolve(self.group)
                            .map_err(|_| spec::Error::UnknownUser {
                                user: g.to_string(),
                                file: "/etc/group",
                            })?
                            .unwrap_or(0),
                    },
                };
                let gid = gid.to_string();
                pw.push_str(&match self.passwd_entry {
                    Some(t) => Self::template(
                        t,
                        &[
                            ("$USERNAME", &uid_s),
                            ("$UID", &uid_s),
                            ("$GID", &gid),
                            ("$NAME", "container user"),
                            ("$HOME", self.workdir),
                        ],
                    ),
                    None => format!(
                        "{uid_s}:*:{uid_s}:{gid}:container user:{}:/bin/sh\n",
                        self.workdir
                    ),
                });
            }
        }
        let mut gr = String::new();
        let mut added_gid = None;
        if let Some(c) = self.current.filter(|c| c.gid != 0) {
            if !has_entry(self.group, &c.group, &c.gid.to_string()) {
                gr.push_str(&format!("{}:x:{}:{}\n", c.group, c.gid, c.name));
            }
            added_gid = Some(c.gid);
        }
        if self.user.is_some() || self.group_entry.is_some() {
            let g = group.unwrap_or("0");
            if let Some(gid) = num(g) {
                let gid_s = gid.to_string();
                if added_gid != Some(gid) && !has_entry(self.group, &gid_s, &gid_s) {
                    gr.push_str(&match self.group_entry {
                        Some(t) => Self::template(
                            t,
                            &[("$GROUPNAME", &gid_s), ("$GID", &gid_s), ("$USERLIST", "")],
                        ),
                        None => format!("{gid_s}:x:{gid_s}:{}\n", user.unwrap_or_default()),
                    });
                }
            }
        }
        let add = |text: Option<&str>, extra: String| {
            (!extra.is_empty()).then(|| {
                let mut t = text.unwrap_or_default().to_string();
                if !t.is_empty() && !t.ends_with('\n') {
                    t.push('\n');
                }
                t + &extra
            })
        };
        Ok(KeepIdFiles {
            passwd: add(self.passwd, pw),
            group: add(self.group, gr),
            in_root: false,
        })
    }
}

/// The container's `/etc/passwd` and `/etc/group` with entries added
/// ([`Accounts`]), bind-mounted over the image's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeepIdFiles {
    /// The new `/etc/passwd`, when one is needed.
    pub passwd: Option<String>,
    /// The new `/etc/group`, when one is needed.
    pub group: Option<String>,
    /// Written into the container's own root rather than bind-mounted, as
    /// podman does for a writable container: tools that rewrite the files
    /// (write and rename, as `adduser` or `sed -i`) can.
    pub in_root: bool,
}

impl KeepIdFiles {
    /// The files for keep-id's user `u` alone, from the image's `passwd`
    /// and `group`, the home being `u`'s.
    pub fn render(passwd: Option<&str>, group: Option<&str>, u: &KeepIdUser) -> KeepIdFiles {
        let home = [std::path::PathBuf::from(&u.home)];
        Accounts {
            passwd,
            group,
            current: Some(u),
            workdir: "/",
            mounted: &home,
            ..Accounts::default()
        }
        .render()
        .unwrap_or_default()
    }

    /// The bind mounts of the files there are, in `dir` (none when
    /// [`KeepIdFiles::in_root`]).
    pub fn mounts(&self, dir: &Path) -> spec::Result<Vec<Mount>> {
        let mut out = Vec::new();
        if self.in_root {
            return Ok(out);
        }
        for (name, text) in [("passwd", &self.passwd), ("group", &self.group)] {
            if text.is_some() {
                out.push(bind(&format!("/etc/{name}"), &dir.join(name))?);
            }
        }
        Ok(out)
    }

    /// Writes the files there are into `dir`: the container's `etc/`
    /// beside its other generated files, or (when
    /// [`KeepIdFiles::in_root`]) `etc/` of the container's root `dir`,
    /// mode 0644 as the image's own. In the root, each path is resolved
    /// inside it by descriptor: the image's `/etc` or its files may be
    /// symlinks, which must not lead the write out to the host's files.
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        use crate::sys::fs as fsys;
        use crate::sys::Create;
        use nix::fcntl::OFlag;
        use std::os::fd::AsFd;
        for (name, text) in [("passwd", &self.passwd), ("group", &self.group)] {
            let Some(t) = text else { continue };
            if !self.in_root {
                write(dir, name, t)?;
                continue;
            }
            let rel = Path::new("etc").join(name);
            let io = |e: nix::errno::Errno| Error::Io {
                op: "writing",
                path: dir.join(&rel),
                source: e.into(),
            };
            let root = fsys::open_dir(dir).map_err(io)?;
            let fd = fsys::resolve_in_root(
                root.as_fd(),
                &rel,
                OFlag::O_WRONLY | OFlag::O_TRUNC,
                Create::File,
            )
            .map_err(io)?;
            fsys::write_all(fd.as_fd(), t.as_bytes()).map_err(io)?;
            rustix::fs::fchmod(&fd, rustix::fs::Mode::from_raw_mode(0o644))
                .map_err(|e| io(nix::errno::Errno::from_raw(e.raw_os_error())))?;
        }
        Ok(())
    }
}

fn bind(dest: &str, src: &Path) -> spec::Result<Mount> {
    spec::mount(dest, "bind", &src.to_string_lossy(), &["rbind", "rw"])
}

/// The contents of `/run/.containerenv`: empty unless `facts` (a
/// privileged container's), then podman's keys with rpod as the engine.
pub fn containerenv(facts: Option<&super::Config>) -> String {
    match facts {
        None => String::new(),
        Some(c) => format!(
            "engine=\"rpod-{}\"\nname={:?}\nid={:?}\nimage={:?}\nimageid={:?}\nrootless={}\n",
            env!("CARGO_PKG_VERSION"),
            c.name,
            c.id,
            c.image_name,
            c.image_id,
            u8::from(c.rootless)
        ),
    }
}

/// Writes `/run/.containerenv` into `dir` (see [`containerenv`]).
pub fn write_containerenv(dir: &Path, facts: Option<&super::Config>) -> Result<(), Error> {
    write(dir, ".containerenv", &containerenv(facts))
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
            base_hosts: "",
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
            base_hosts: "",
        });
        assert_eq!(f.resolv_conf, "nameserver 192.0.2.1\n");
        // A base file's entries follow, less the names already given.
        let f = NetworkFiles::render(&EtcContent {
            base_hosts:
                "# base\n127.0.0.1 localhost box\n10.9.9.9   db  files # the files\n10.0.0.9\n",
            ..EtcContent {
                hostname: "app",
                host_resolv: "",
                dns: &[],
                dns_search: &[],
                dns_options: &[],
                hosts: &hosts,
                base_hosts: "",
            }
        });
        assert!(
            f.hosts
                .ends_with("10.1.2.3\tdb\n127.0.0.1\tbox\n10.9.9.9\tfiles\n"),
            "{}",
            f.hosts
        );
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
            gecos: "Alice A".into(),
            uid: 1000,
            gid: 1000,
            home: "/home/alice".into(),
            group: "alice".into(),
        };
        let f = KeepIdFiles::render(Some("root:x:0:0::/root:/bin/sh"), Some("x:x:1000:\n"), &u);
        assert_eq!(
            f.passwd.as_deref(),
            Some("root:x:0:0::/root:/bin/sh\nalice:*:1000:1000:Alice A:/home/alice:/bin/sh\n")
        );
        assert_eq!(f.group, None);
        let m = f.mounts(Path::new("/c/etc")).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].destination(), Path::new("/etc/passwd"));
    }

    #[test]
    fn accounts_as_podman_adds_them() {
        let pw = "root:x:0:0:root:/root:/bin/sh\n";
        let gr = "root:x:0:\nwheel:x:10:\n";
        let bob = KeepIdUser {
            name: "bob".into(),
            gecos: String::new(),
            uid: 1001,
            gid: 1001,
            home: "/home/bob".into(),
            group: "bob".into(),
        };
        let user: spec::UserSpec = "4242:10".parse().unwrap();
        let f = Accounts {
            passwd: Some(pw),
            group: Some(gr),
            host_users: std::slice::from_ref(&bob),
            user: Some(&user),
            workdir: "/work",
            ..Accounts::default()
        }
        .render()
        .unwrap();
        assert_eq!(
            f.passwd.as_deref(),
            Some("root:x:0:0:root:/root:/bin/sh\nbob:*:1001:1001::/work:/bin/sh\n4242:*:4242:10:container user:/work:/bin/sh\n")
        );
        assert_eq!(f.group, None);
        let user: spec::UserSpec = "0:777".parse().unwrap();
        let f = Accounts {
            passwd: Some(pw),
            group: Some(gr),
            user: Some(&user),
            workdir: "/",
            passwd_entry: Some("$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false"),
            group_entry: Some("staff:x:$GID:"),
            ..Accounts::default()
        }
        .render()
        .unwrap();
        assert_eq!(f.passwd, None);
        assert_eq!(
            f.group.as_deref(),
            Some("root:x:0:\nwheel:x:10:\nstaff:x:777:\n")
        );
        let user: spec::UserSpec = "4242:nogroup".parse().unwrap();
        let e = Accounts {
            passwd: Some(pw),
            group: Some(gr),
            user: Some(&user),
            ..Accounts::default()
        }
        .render()
        .unwrap_err();
        assert!(e.to_string().contains("/etc/group"), "{e}");
    }
}
