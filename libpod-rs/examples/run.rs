//! Throwaway driver for manual checks of `libpod::runtime`:
//! `run [--lower DIR]... [-t] [-i] [--read-only] [--init] [--net host]
//!      [-u USER] [-w DIR] [-e K=V] [--cap-add C] [--cap-drop C] [--privileged]
//!      [--hostname H] [-v SRC:DST[:ro]] [--tmpfs DST] [--entrypoint E] -- CMD...`
#![allow(clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;

use libpod::runtime::{self, Overlay, Rootfs, Stdio};
use libpod::spec::{self, Bind, ImageDefaults, Network, RunOptions};

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
    let mut o = RunOptions::default();
    let mut lowers = Vec::new();
    let mut io = Stdio::default();
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or((125, format!("{a} needs a value")));
        match a.as_str() {
            "--lower" => lowers.push(PathBuf::from(val()?)),
            "-t" => o.tty = true,
            "-i" => o.interactive = true,
            "-it" | "-ti" => {
                o.tty = true;
                o.interactive = true
            }
            "--read-only" => o.read_only = true,
            "--init" => o.init = true,
            "--privileged" => o.privileged = true,
            "--no-new-privileges" => o.no_new_privileges = true,
            "--seccomp-unconfined" => o.seccomp = libpod::spec::SeccompPolicy::Unconfined,
            "--net" => {
                if val()? == "host" {
                    o.network = Network::Host
                }
            }
            "-u" => o.user = Some(val()?),
            "-w" => o.workdir = Some(val()?),
            "-e" => o.env.push(val()?),
            "--cap-add" => o.cap_add.push(val()?),
            "--cap-drop" => o.cap_drop.push(val()?),
            "--hostname" => o.hostname = Some(val()?),
            "--entrypoint" => o.entrypoint = Some(val()?),
            "--tmpfs" => o.tmpfs.push(val()?),
            "-v" => {
                let v = val()?;
                let p: Vec<&str> = v.split(':').collect();
                o.binds.push(Bind {
                    source: p[0].into(),
                    destination: p.get(1).copied().unwrap_or(p[0]).into(),
                    read_only: p.get(2) == Some(&"ro"),
                    copy_up: false,
                });
            }
            "--" => {
                o.command = args.by_ref().collect();
                break;
            }
            _ => {
                o.command = std::iter::once(a.clone()).chain(args.by_ref()).collect();
                break;
            }
        }
    }
    if lowers.is_empty() {
        lowers.push(PathBuf::from("/tmp/x/rootfs"));
    }
    io.tty = o.tty;
    io.interactive = o.interactive;
    let uid = nix::unistd::geteuid().as_raw();
    let gid = nix::unistd::getegid().as_raw();
    o.rootless = uid != 0;
    if o.rootless {
        let (_, _, name) = libpod::userns::current_user().map_err(|e| (125, e.to_string()))?;
        let (m, _) = libpod::userns::IdMappings::rootless(
            uid,
            gid,
            &name,
            "/etc/subuid".as_ref(),
            "/etc/subgid".as_ref(),
        )
        .map_err(|e| (125, e.to_string()))?;
        let tuples = |v: &[libpod::userns::IdMap]| {
            v.iter()
                .map(|m| (m.container_id, m.host_id, m.size))
                .collect()
        };
        let (u, g) = (tuples(&m.uids), tuples(&m.gids));
        o.uid_map = u;
        o.gid_map = g;
    }
    o.layers = lowers.clone();
    let image = ImageDefaults {
        cmd: vec!["sh".into()],
        ..Default::default()
    };
    let mut spec = spec::generate(&o, &image).map_err(|e| (125, e.to_string()))?;

    let dir = std::env::temp_dir().join(format!("rpod-run-{}-{}", uid, std::process::id()));
    let mk = |p: &PathBuf| {
        std::fs::create_dir_all(p).map_err(|e| (125, format!("{}: {e}", p.display())))
    };
    let overlay = Overlay {
        lower: lowers,
        upper: dir.join("upper"),
        work: dir.join("work"),
        merged: dir.join("merged"),
        volatile: true,
        mount_program: None,
    };
    mk(&overlay.upper)?;
    mk(&overlay.work)?;
    mk(&overlay.merged)?;
    let rootfs = Rootfs::Overlay(overlay);
    mk(&dir.join("etc"))?;
    let hostname = spec.hostname().clone().unwrap_or_default();
    let etc = spec::write_etc(
        &dir.join("etc"),
        &spec::EtcContent {
            hostname: &hostname,
            host_resolv: "/etc/resolv.conf".as_ref(),
            dns: Vec::new(),
            dns_search: Vec::new(),
            hosts: Vec::new(),
        },
    )
    .map_err(|e| (125, e.to_string()))?;
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
        let _ = std::fs::set_permissions(dir.join(d), std::fs::Permissions::from_mode(0o700));
    }
    let _ = std::fs::remove_dir_all(&dir);
    r.map_err(|e| (e.exit_code(), e.to_string()))
}
