//! Throwaway driver for manual checks of `libpod::runtime`:
//! `run [--lower DIR]... [-t] [-i] [--read-only] [--init] [--net host]
//!      [-u USER] [-w DIR] [-e K=V] [--cap-add C] [--cap-drop C] [--privileged]
//!      [--hostname H] [-v SRC:DST[:ro]] [--tmpfs DST] [--entrypoint E] -- CMD...`
#![allow(clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;

use libpod::container::etc::{EtcContent, NetworkFiles};
use libpod::image::config::ImageConfig;
use libpod::runtime::{self, Overlay, Rootfs, Stdio};
use libpod::spec::{self, parse_flag, Bind, ContainerSpec, Host, HostLimits, Netns, Resolved};

fn main() -> ExitCode {
    match real_main() {
        Ok(c) => ExitCode::from(c),
        Err((c, msg)) => {
            eprintln!("Error: {msg}");
            ExitCode::from(c)
        }
    }
}

fn real_main() -> Result<u8, (u8, String)> {
    let mut args = std::env::args().skip(1);
    let mut o = ContainerSpec::new("local");
    let mut netns = Netns::New;
    let mut binds = Vec::new();
    let mut lowers = Vec::new();
    let mut io = Stdio::default();
    let bad = |e: spec::FlagError| (125, e.to_string());
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or((125, format!("{a} needs a value")));
        match a.as_str() {
            "--lower" => lowers.push(PathBuf::from(val()?)),
            "-t" => o.process.tty = true,
            "-i" => o.process.interactive = true,
            "-it" | "-ti" => {
                o.process.tty = true;
                o.process.interactive = true
            }
            "--read-only" => o.read_only = Some(true),
            "--init" => o.process.init = Some(true),
            "--privileged" => o.security.privileged = true,
            "--no-new-privileges" => o.security.no_new_privileges = true,
            "--seccomp-unconfined" => o.security.seccomp = spec::SeccompPolicy::Unconfined,
            "--net" => {
                if val()? == "host" {
                    netns = Netns::Host
                }
            }
            "-u" => o.process.user = Some(parse_flag("-u", &val()?).map_err(bad)?),
            "-w" => o.process.workdir = Some(val()?.into()),
            "-e" => o.process.env.push(parse_flag("-e", &val()?).map_err(bad)?),
            "--cap-add" => {
                let c: spec::CapSet = parse_flag("--cap-add", &val()?).map_err(bad)?;
                o.security.caps.add = o.security.caps.add.with(c);
            }
            "--cap-drop" => {
                let c: spec::CapSet = parse_flag("--cap-drop", &val()?).map_err(bad)?;
                o.security.caps.drop = o.security.caps.drop.with(c);
            }
            "--hostname" => o.hostname = Some(val()?),
            "--entrypoint" => o.process.entrypoint = Some(vec![val()?]),
            "--tmpfs" => o.mounts.push(
                spec::with_flag("--tmpfs", &val()?, spec::MountSpec::parse_tmpfs).map_err(bad)?,
            ),
            "-v" => {
                let v = val()?;
                let p: Vec<&str> = v.split(':').collect();
                binds.push(Bind {
                    source: p[0].into(),
                    destination: p.get(1).copied().unwrap_or(p[0]).into(),
                    read_only: p.get(2) == Some(&"ro"),
                    copy_up: false,
                    keep_owner: false,
                    options: Vec::new(),
                });
            }
            "--" => {
                o.process.command = args.by_ref().collect();
                break;
            }
            _ => {
                o.process.command = std::iter::once(a.clone()).chain(args.by_ref()).collect();
                break;
            }
        }
    }
    if lowers.is_empty() {
        lowers.push(PathBuf::from("/tmp/x/rootfs"));
    }
    io.tty = o.process.tty;
    io.interactive = o.process.interactive;
    let uid = nix::unistd::geteuid().as_raw();
    let gid = nix::unistd::getegid().as_raw();
    let rootless = uid != 0;
    let maps = if rootless {
        let (_, _, name) = libpod::userns::current_user().map_err(|e| (125, e.to_string()))?;
        let (m, _) = libpod::userns::IdMappings::rootless(
            uid,
            gid,
            &name,
            "/etc/subuid".as_ref(),
            "/etc/subgid".as_ref(),
        )
        .map_err(|e| (125, e.to_string()))?;
        Some(m)
    } else {
        None
    };
    let image = ImageConfig {
        cmd: vec!["sh".into()],
        ..Default::default()
    };
    let hostname = o.hostname.clone().unwrap_or_else(|| "rpod".into());
    let limits = HostLimits::current(rootless);
    let mut spec = spec::generate(
        &o,
        &image,
        &Resolved {
            hostname: &hostname,
            user: o.process.user.as_ref(),
            passwd: None,
            group: None,
            netns,
            id_maps: maps
                .as_ref()
                .map(|m| (m.uids.as_slice(), m.gids.as_slice())),
            binds: &binds,
            default_ulimits: &[],
            default_env: &[],
            limits: &limits,
            seccomp_host: Host::current(),
            umask: o.process.umask.unwrap_or_default(),
        },
    )
    .map_err(|e| (125, e.to_string()))?;

    let dir = std::env::temp_dir().join(format!("rpod-run-{}-{}", uid, std::process::id()));
    let mk =
        |p: &PathBuf| fs_err::create_dir_all(p).map_err(|e| (125, format!("{}: {e}", p.display())));
    let overlay = Overlay {
        lower: lowers,
        upper: dir.join("upper"),
        work: dir.join("work"),
        merged: dir.join("merged"),
        volatile: true,
        mount_program: None,
        storage_maps: None,
    };
    mk(&overlay.upper)?;
    mk(&overlay.work)?;
    mk(&overlay.merged)?;
    let rootfs = Rootfs::Overlay(overlay);
    mk(&dir.join("etc"))?;
    let resolv = fs_err::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let files = NetworkFiles::render(&EtcContent {
        hostname: &hostname,
        host_resolv: &resolv,
        dns: &[],
        dns_search: &[],
        dns_options: &[],
        hosts: &[],
        base_hosts: "",
    });
    files
        .write(&dir.join("etc"))
        .map_err(|e| (125, e.to_string()))?;
    let etc = NetworkFiles::mounts(&dir.join("etc")).map_err(|e| (125, e.to_string()))?;
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    mounts.extend(etc);
    spec.set_mounts(Some(mounts));

    let r = runtime::run(&spec, &rootfs, io);
    // overlay leaves mode-000 directories under work/ (work, incompat/volatile).
    use std::os::unix::fs::PermissionsExt;
    for d in [
        "work/work",
        "work/work/incompat",
        "work/work/incompat/volatile",
    ] {
        let _ = fs_err::set_permissions(dir.join(d), std::fs::Permissions::from_mode(0o700));
    }
    let _ = fs_err::remove_dir_all(&dir);
    r.map_err(|e| (e.exit_code(), e.to_string()))
}
