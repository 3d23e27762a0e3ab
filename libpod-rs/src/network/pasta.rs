//! pasta (from passt): connects a container's network namespace to the
//! host by translating its traffic to the host's own sockets.
//!
//! Arguments mirror podman 5 (`common/libnetwork/pasta`): `--config-net`;
//! one `-t`/`-u` per published range (`[IP/]H-H:C-C`); `-t none`, `-u
//! none`, `-T none`, `-U none` for what is not published (pasta's default
//! `auto` would forward every port bound inside, both ways);
//! `--dns-forward 169.254.1.1` (the container's nameserver, forwarded to
//! the host's first resolver); `--no-map-gw` unless the user passes
//! `--map-gw` (not a pasta option: rpod removes it, as podman does);
//! `--map-guest-addr 169.254.1.2` for `host.containers.internal` when pasta
//! knows it (2024-08 and later; Debian 12's passt 2023-03 does not, and is
//! retried without it); `--quiet`. pasta daemonizes once the namespace is
//! configured, so its exit status says whether it is ready; `-P` writes
//! the daemon's PID. The target is the container's PID: pasta joins that
//! process's user and network namespaces.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::{Command, Stdio};

use super::guard::{self, Watched};
use super::ports::{self, PortMapping, Protocol};
use super::{find_helper, Error, Helper, HelperKind, Result};

/// The program.
pub const PROGRAM: &str = "pasta";
/// The Debian package that ships it.
pub const PACKAGE: &str = "passt";
/// The container's nameserver, forwarded by pasta to the host's resolver
/// (podman 5.3 and later).
pub const DNS_FORWARD: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 1);
/// The address mapped to the host by `--map-guest-addr` (podman 5.3+).
pub const MAP_GUEST_ADDR: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 2);

/// Options of the pasta mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Extra pasta arguments (from `--network pasta:A,B` and
    /// containers.conf `pasta_options`), after rpod's own.
    pub extra_args: Vec<String>,
}

/// The arguments for one pasta run, and what they mean for the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Arguments, without the pid file and the target PID.
    pub args: Vec<String>,
    /// Nameservers for the container.
    pub dns: Vec<IpAddr>,
    /// Whether the gateway address reaches the host's loopback.
    pub map_gw: bool,
    /// The `--map-guest-addr` address, if one is passed.
    pub guest_addr: Option<IpAddr>,
}

fn has(args: &[String], names: &[&str]) -> bool {
    args.iter().any(|a| {
        names
            .iter()
            .any(|n| a == n || (n.starts_with("--") && a.starts_with(&format!("{n}="))))
    })
}

/// Values of an option given as `--opt V` or `--opt=V`.
fn values(args: &[String], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == name {
            if let Some(v) = it.next() {
                out.push(v.clone());
            }
        } else if let Some(v) = a.strip_prefix(&format!("{name}=")) {
            out.push(v.to_string());
        }
    }
    out
}

/// Builds pasta's arguments (pure). `map_guest_addr`: whether to pass
/// `--map-guest-addr` (the installed pasta knows it).
pub fn plan(ports: &[PortMapping], extra_args: &[String], map_guest_addr: bool) -> Result<Plan> {
    if has(extra_args, &["-f", "--foreground"]) {
        return Err(Error::Mode {
            value: format!("pasta:{}", extra_args.join(",")),
            reason: "pasta must daemonize (rpod waits for it to be ready): remove -f".into(),
        });
    }
    let mut args = vec!["--config-net".to_string()];
    for r in ports::ranges(ports) {
        args.push(
            match r.protocol {
                Protocol::Tcp => "-t",
                Protocol::Udp => "-u",
            }
            .to_string(),
        );
        let addr = r.host_ip.map(|ip| format!("{ip}/")).unwrap_or_default();
        args.push(format!(
            "{addr}{}-{}:{}-{}",
            r.host_port,
            r.host_end(),
            r.container_port,
            r.container_end()
        ));
    }
    let map_gw = extra_args.iter().any(|a| a == "--map-gw");
    args.extend(extra_args.iter().filter(|a| *a != "--map-gw").cloned());
    for (short, long) in [
        ("-t", "--tcp-ports"),
        ("-u", "--udp-ports"),
        ("-T", "--tcp-ns"),
        ("-U", "--udp-ns"),
    ] {
        if !has(&args, &[short, long]) {
            args.extend([short.to_string(), "none".to_string()]);
        }
    }
    if !map_gw && !has(&args, &["--no-map-gw"]) {
        args.push("--no-map-gw".into());
    }
    let mut dns: Vec<IpAddr> = values(&args, "--dns-forward")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    if dns.is_empty() {
        args.extend(["--dns-forward".to_string(), DNS_FORWARD.to_string()]);
        dns.push(DNS_FORWARD.into());
    }
    let mut guest_addr = values(&args, "--map-guest-addr")
        .first()
        .and_then(|v| v.parse().ok());
    if guest_addr.is_none() && map_guest_addr {
        args.extend(["--map-guest-addr".to_string(), MAP_GUEST_ADDR.to_string()]);
        guest_addr = Some(MAP_GUEST_ADDR.into());
    }
    if !has(&args, &["-q", "--quiet", "-d", "--debug"]) {
        args.push("--quiet".into());
    }
    Ok(Plan {
        args,
        dns,
        map_gw,
        guest_addr,
    })
}

/// The IPv4 default gateway in /proc/net/route's format (pure).
pub fn default_gateway(route_table: &str) -> Option<Ipv4Addr> {
    route_table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() < 3 || f[1] != "00000000" {
            return None;
        }
        let gw = u32::from_str_radix(f[2], 16).ok()?;
        // The kernel prints the network-order bytes as a native integer.
        (gw != 0).then(|| Ipv4Addr::from(gw.to_ne_bytes()))
    })
}

/// The address at which the container reaches the host: the
/// `--map-guest-addr` address; else, with `--map-gw`, the default gateway
/// (pasta copies the host's, and maps it to the host's loopback).
fn host_address(plan: &Plan) -> Option<IpAddr> {
    if let Some(a) = plan.guest_addr {
        return Some(a);
    }
    if plan.map_gw {
        let table = fs_err::read_to_string("/proc/net/route").ok()?;
        return default_gateway(&table).map(IpAddr::V4);
    }
    None
}

/// A private directory for the pid file, removed on drop.
pub(crate) struct TempDir(pub std::path::PathBuf);

/// Where the helpers' scratch files go: $XDG_RUNTIME_DIR when it is a
/// directory, else the temporary directory.
fn runtime_base() -> std::path::PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

impl TempDir {
    pub(crate) fn new(what: &str) -> Result<TempDir> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let base = runtime_base();
        let dir = base.join(format!(
            "rpod-{what}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        crate::sys::fs::create_dir_mode(&dir, 0o700, false).map_err(|source| Error::Io {
            action: format!("creating {}", dir.display()),
            source,
        })?;
        Ok(TempDir(dir))
    }
}

/// Removes the directories [`TempDir`] left behind for processes that were
/// killed before they could remove them (`rpod-WHAT-PID-N` whose PID no
/// longer runs; a PID taken over by another process only delays this).
pub fn reclaim_temp_dirs() {
    let base = runtime_base();
    let Ok(entries) = fs_err::read_dir(&base) else {
        return;
    };
    let me = nix::unistd::Uid::current();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = ["rpod-pasta-", "rpod-slirp-"]
            .iter()
            .find_map(|p| name.strip_prefix(p))
        else {
            continue;
        };
        let Some(pid) = rest
            .split_once('-')
            .filter(|(_, n)| n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|(pid, _)| pid.parse::<i32>().ok())
        else {
            continue;
        };
        // Ours only (a shared temp dir holds other users' too), and only
        // directories: never follow a planted symlink.
        let ours = e.metadata().is_ok_and(|m| {
            use std::os::unix::fs::MetadataExt;
            m.is_dir() && m.uid() == me.as_raw()
        });
        if ours && crate::sys::process_start_time(pid).is_none() {
            let _ = fs_err::remove_dir_all(e.path());
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs_err::remove_dir_all(&self.0);
    }
}

/// A pidfd for process `pid`.
pub(crate) fn open_pidfd(pid: u32) -> Result<crate::sys::pidfd::PidFd> {
    let pid_i32 = i32::try_from(pid).map_err(|_| Error::NoProcess { pid })?;
    crate::sys::pidfd::PidFd::open(pid_i32).map_err(|errno| match errno {
        nix::errno::Errno::ESRCH => Error::NoProcess { pid },
        _ => Error::Io {
            action: format!("opening a pidfd for process {pid}"),
            source: errno.into(),
        },
    })
}

/// pasta's own message, without its syslog complaints.
fn message(out: &std::process::Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("Failed to send") && !l.trim().is_empty())
        .collect();
    if lines.is_empty() {
        format!("exited with {}", out.status)
    } else {
        lines.join("; ")
    }
}

/// Starts pasta with `plan` for `pid`'s namespaces, its output captured
/// for [`message`].
fn start(path: &Path, plan: &Plan, pid_file: &Path, pid: u32) -> Result<std::process::Child> {
    Command::new(path)
        .args(&plan.args)
        .arg("--pid")
        .arg(pid_file)
        .arg(pid.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| Error::Io {
            action: format!("running {}", path.display()),
            source,
        })
}

/// The file whose presence says "this pasta binary has no
/// --map-guest-addr": named after the binary's size and mtime, in the
/// runtime directory.
fn no_map_guest_addr_marker(pasta: &std::path::Path) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let md = fs_err::metadata(pasta).ok()?;
    let base = runtime_base();
    Some(base.join(format!(
        ".rpod-pasta-no-map-guest-addr-{}-{}",
        md.size(),
        md.mtime()
    )))
}

/// Starts pasta for the network namespace of `container_pid` (a process
/// in the container's own user and network namespaces), publishing
/// `ports`. Returns once pasta has configured the namespace; a guard ends
/// pasta when the process exits.
pub fn attach(container_pid: u32, ports: &[PortMapping], opts: &Options) -> Result<Helper> {
    super::attach_with_udp_relay(container_pid, ports, |tcp| {
        attach_helper(container_pid, tcp, opts)
    })
}

/// [`attach`] without the UDP relay: the helper alone, publishing `ports`.
fn attach_helper(container_pid: u32, ports: &[PortMapping], opts: &Options) -> Result<Helper> {
    spawn(container_pid, ports, opts)?.finish()
}

/// pasta started for a namespace and not yet waited for, so that the
/// caller's other work overlaps pasta's set-up (the network holder's bridge
/// and first container): [`Pending::finish`] waits until the namespace is
/// configured and starts the guard. Dropped unfinished, it ends pasta.
pub struct Pending {
    path: std::path::PathBuf,
    child: Option<std::process::Child>,
    plan: Plan,
    ports: Vec<PortMapping>,
    extra_args: Vec<String>,
    container_pid: u32,
    container: Option<crate::sys::pidfd::PidFd>,
    dir: TempDir,
}

/// Starts pasta for the network namespace of `container_pid`, publishing
/// `ports` (TCP), without waiting for it: see [`Pending`].
pub fn spawn(container_pid: u32, ports: &[PortMapping], opts: &Options) -> Result<Pending> {
    let path = find_helper(PROGRAM, PACKAGE)?;
    ports::check_free(ports)?;
    let container = open_pidfd(container_pid)?;
    let dir = TempDir::new("pasta")?;
    // Older pasta (Debian 12) has no --map-guest-addr: found out once per
    // pasta binary and remembered, since every retry is another pasta run.
    let known_old = no_map_guest_addr_marker(&path).is_some_and(|m| m.exists());
    let plan = plan(ports, &opts.extra_args, !known_old)?;
    let child = start(&path, &plan, &dir.0.join("pasta.pid"), container_pid)?;
    Ok(Pending {
        path,
        child: Some(child),
        plan,
        ports: ports.to_vec(),
        extra_args: opts.extra_args.clone(),
        container_pid,
        container: Some(container),
        dir,
    })
}

impl Pending {
    /// Waits until pasta has configured the namespace (it daemonizes then),
    /// retrying without `--map-guest-addr` for an older pasta, and starts
    /// the guard that ends pasta with the namespace's process.
    pub fn finish(mut self) -> Result<Helper> {
        let pid_file = self.dir.0.join("pasta.pid");
        let child = self.child.take().expect("finished once");
        let mut out = child.wait_with_output().map_err(|source| Error::Io {
            action: format!("running {}", self.path.display()),
            source,
        })?;
        if !out.status.success()
            && String::from_utf8_lossy(&out.stderr)
                .contains("unrecognized option '--map-guest-addr'")
            && !has(&self.extra_args, &["--map-guest-addr"])
        {
            if let Some(m) = no_map_guest_addr_marker(&self.path) {
                let _ = fs_err::write(m, b"");
            }
            self.plan = plan(&self.ports, &self.extra_args, false)?;
            out = start(&self.path, &self.plan, &pid_file, self.container_pid)?
                .wait_with_output()
                .map_err(|source| Error::Io {
                    action: format!("running {}", self.path.display()),
                    source,
                })?;
        }
        if !out.status.success() {
            return Err(Error::HelperFailed {
                program: PROGRAM,
                message: message(&out),
            });
        }
        let text = fs_err::read_to_string(&pid_file).map_err(|source| Error::Io {
            action: format!("reading pasta's pid file {}", pid_file.display()),
            source,
        })?;
        let pid: u32 = text.trim().parse().map_err(|_| Error::HelperFailed {
            program: PROGRAM,
            message: format!("unexpected pid file content {text:?}"),
        })?;
        let start_time = guard::start_time(pid).ok_or_else(|| Error::HelperFailed {
            program: PROGRAM,
            message: format!("pasta (pid {pid}) exited right after starting"),
        })?;
        let helper_fd = open_pidfd(pid)?;
        let container = self.container.take().expect("finished once");
        let spawned =
            guard::start(container, Watched::Running(helper_fd), pid).map_err(|source| {
                guard::terminate(pid);
                Error::Io {
                    action: "starting the guard that ends pasta with the container".into(),
                    source,
                }
            })?;
        Ok(Helper {
            pid,
            kind: HelperKind::Pasta,
            start_time,
            guard_pid: spawned.guard,
            udp_relay_pid: 0,
            host: host_address(&self.plan),
            dns: self.plan.dns.clone(),
        })
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Abandoned (the caller failed first): pasta's foreground process
        // is ended and reaped, and the daemon if it forked one.
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
            // A daemon it forked already has written its PID.
            let pid = fs_err::read_to_string(self.dir.0.join("pasta.pid"))
                .ok()
                .and_then(|t| t.trim().parse::<u32>().ok());
            if let Some(pid) = pid {
                guard::terminate(pid);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<PortMapping> {
        ports::parse_publish_spec(s).unwrap()
    }

    #[test]
    fn plan_mirrors_podman_defaults() {
        let plan = plan(&[], &[], false).unwrap();
        assert_eq!(
            plan.args.join(" "),
            "--config-net -t none -u none -T none -U none --no-map-gw \
             --dns-forward 169.254.1.1 --quiet"
        );
        assert_eq!(plan.dns, vec![IpAddr::from(DNS_FORWARD)]);
        assert!(!plan.map_gw);
        assert_eq!(plan.guest_addr, None);
    }

    #[test]
    fn plan_publishes_ranges_and_honours_user_options() {
        let mut ports = p("127.0.0.1:8000-8002:80-82");
        ports.extend(p("[::1]:5353:53/udp"));
        let plan = plan(
            &ports,
            &[
                "--map-gw".into(),
                "--dns-forward".into(),
                "10.0.0.53".into(),
            ],
            true,
        )
        .unwrap();
        assert_eq!(
            plan.args.join(" "),
            "--config-net -t 127.0.0.1/8000-8002:80-82 -u ::1/5353-5353:53-53 \
             --dns-forward 10.0.0.53 -T none -U none --map-guest-addr 169.254.1.2 --quiet"
        );
        assert!(plan.map_gw);
        assert_eq!(plan.dns, vec!["10.0.0.53".parse::<IpAddr>().unwrap()]);
        assert_eq!(plan.guest_addr, Some(MAP_GUEST_ADDR.into()));
        // A user -t replaces "-t none".
        let plan2 = self::plan(&[], &["-t".into(), "auto".into()], false).unwrap();
        assert!(plan2
            .args
            .join(" ")
            .starts_with("--config-net -t auto -u none -T none"));
        assert!(self::plan(&[], &["-f".into()], false)
            .unwrap_err()
            .to_string()
            .contains("remove -f"));
    }

    #[test]
    fn reads_the_default_gateway() {
        let table = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n\
                     eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\n\
                     eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n";
        let want = Ipv4Addr::new(192, 0, 2, 1);
        let printed = format!("{:08X}", u32::from_ne_bytes(want.octets()));
        let table = table.replace("010200C0", &printed);
        assert_eq!(default_gateway(&table), Some(want));
        assert_eq!(default_gateway("Iface\n"), None);
    }
}
