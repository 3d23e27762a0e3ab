//! [`plan`] per flag family, without root or a store: every input is a
//! value, every output is read from the plan.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use nix::sys::signal::Signal;

use super::*;
use crate::config::Driver;
use crate::network::ports::parse_publish_spec;
use crate::spec::{
    parse_flag, CapSet, EnvVar, Host, HostLimits, MountSource, MountSpec, RestartPolicy, Ulimit,
};
use crate::userns::{IdMap, IdMappings};

const ID: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn image() -> ImageConfig {
    ImageConfig {
        id: "f".repeat(64),
        name: "localhost/img:latest".into(),
        env: vec!["PATH=/bin".into(), "HOME=/root".into()],
        cmd: vec!["sh".into()],
        ..ImageConfig::default()
    }
}

fn host(rootless: bool) -> HostFacts {
    let map = |host_id, size| IdMap {
        container_id: 0,
        host_id,
        size,
    };
    HostFacts {
        id: ID.into(),
        created: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
        rootless,
        mappings: if rootless {
            IdMappings {
                uids: vec![
                    map(1000, 1),
                    IdMap {
                        container_id: 1,
                        host_id: 100_000,
                        size: 65536,
                    },
                ],
                gids: vec![
                    map(1000, 1),
                    IdMap {
                        container_id: 1,
                        host_id: 100_000,
                        size: 65536,
                    },
                ],
            }
        } else {
            IdMappings {
                uids: Vec::new(),
                gids: Vec::new(),
            }
        },
        user: Some(KeepIdUser {
            name: "alice".into(),
            gecos: "Alice A".into(),
            uid: 1000,
            gid: 1000,
            home: "/home/alice".into(),
            group: "alice".into(),
        }),
        host_users: Vec::new(),
        id_facts: crate::userns::idmap::IdFacts::default(),
        timezone: None,
        default_umask: None,
        container_dir: PathBuf::from("/store/containers").join(ID),
        volumes_dir: PathBuf::from("/store/volumes"),
        volume_options: Default::default(),
        storage_driver: Driver::Overlay,
        mount_program: None,
        default_network: Some(Mode::Pasta {
            extra_args: Vec::new(),
        }),
        default_ulimits: Vec::new(),
        default_env: Vec::new(),
        default_mounts: Vec::new(),
        limits: HostLimits {
            nr_open: Some(1 << 20),
            can_raise: !rootless,
            hard: Vec::new(),
        },
        seccomp_host: Host {
            arch: "amd64",
            kernel: (6, 1),
        },
        image_passwd: Some("root:x:0:0:root:/root:/bin/sh\nweb:x:33:44::/srv:/bin/sh\n".into()),
        image_group: Some("root:x:0:\nweb:x:44:\n".into()),
        host_resolv_conf: "nameserver 192.0.2.1\n".into(),
        base_hosts: String::new(),
        network_target: None,
        pod: None,
        cgroups: crate::cgroups::Layout::from_mountinfo(HYBRID),
        block_devices: [(PathBuf::from("/dev/vda"), (254, 0))].into(),
        host_name: String::new(),
        devices: Vec::new(),
        host_mqueue: false,
        oom_score_adj: 0,
        secrets: Vec::new(),
        proxy_env: Vec::new(),
        image_mounts: Vec::new(),
        artifact_mounts: Vec::new(),
    }
}

/// A hybrid cgroup layout (v1 controllers beside a v2 mount), as on this
/// project's CI machine.
const HYBRID: &str = "\
30 25 0:26 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw
31 25 0:27 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
32 25 0:28 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
33 25 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
";

fn ok(spec: &ContainerSpec, rootless: bool) -> CreatePlan {
    plan(spec, &image(), &host(rootless)).unwrap()
}

fn err(spec: &ContainerSpec, h: &HostFacts) -> String {
    plan(spec, &image(), h).unwrap_err().to_string()
}

fn process(p: &CreatePlan) -> &oci_spec::runtime::Process {
    p.spec.process().as_ref().unwrap()
}

fn mount<'a>(p: &'a CreatePlan, dest: &str) -> Option<&'a Mount> {
    p.spec
        .mounts()
        .iter()
        .flatten()
        .find(|m| m.destination() == Path::new(dest))
}

#[test]
fn record_defaults() {
    let p = ok(&ContainerSpec::new("img"), true);
    assert_eq!(p.name, NameRequest::Generated);
    assert_eq!(p.config.id, ID);
    assert_eq!(p.config.image, "img");
    assert_eq!(p.config.image_id, "f".repeat(64));
    assert_eq!(p.config.command, ["sh"]);
    assert_eq!(p.config.hostname, &ID[..12]);
    assert_eq!(p.config.stop_timeout, 10);
    assert_eq!(p.config.stop_signal.signal().unwrap(), Signal::SIGTERM);
    assert_eq!(p.config.restart, RestartPolicy::No);
    assert!(p.config.rootless && p.durable);
    assert!(p.volumes.is_empty() && p.chown.is_empty() && p.bind_sources.is_empty());
    // rpod's /etc files are bind-mounted from the container's directory.
    let hosts = mount(&p, "/etc/hosts").unwrap();
    assert_eq!(
        hosts.source().as_deref(),
        Some(
            Path::new("/store/containers")
                .join(ID)
                .join("etc/hosts")
                .as_path()
        )
    );
    assert!(p.etc.hosts.contains(&format!("\t{}\n", &ID[..12])));
    assert_eq!(p.etc.resolv_conf, "nameserver 192.0.2.1\n");
}

#[test]
fn name_and_lifetime() {
    let mut s = ContainerSpec::new("img");
    s.name = Some("web".into());
    s.replace = true;
    s.auto_remove = true;
    let p = ok(&s, true);
    assert_eq!(
        p.name,
        NameRequest::Given {
            name: "web".into(),
            replace: true
        }
    );
    assert!(p.config.auto_remove && !p.durable);
    s.name = Some("-bad name".into());
    assert!(err(&s, &host(true)).contains("-bad name"));
    // --rm with --restart: refused when planned, naming both flags.
    s.name = None;
    s.restart = RestartPolicy::Always;
    assert!(err(&s, &host(true)).contains("--rm"));
}

#[test]
fn process_flags() {
    let mut s = ContainerSpec::new("img");
    s.process.command = vec!["echo".into(), "hi".into()];
    s.process.env = vec![EnvVar::new("HOME", "/x"), EnvVar::new("A", "b")];
    s.process.workdir = Some("/srv".into());
    s.process.user = Some(parse_flag("-u", "web").unwrap());
    s.process.tty = true;
    let p = ok(&s, false);
    let pr = process(&p);
    assert_eq!(pr.args().as_deref().unwrap(), ["echo", "hi"]);
    assert_eq!(p.config.command, ["echo", "hi"]);
    let env = pr.env().clone().unwrap();
    assert!(
        env.contains(&"HOME=/x".into()) && env.contains(&"A=b".into()),
        "{env:?}"
    );
    assert!(env.contains(&"PATH=/bin".into()), "{env:?}");
    assert_eq!(pr.cwd(), Path::new("/srv"));
    assert_eq!((pr.user().uid(), pr.user().gid()), (33, 44));
    assert!(p.config.tty && pr.terminal() == Some(true));

    // --entrypoint replaces the image's and clears its Cmd.
    let mut s = ContainerSpec::new("img");
    s.process.entrypoint = Some(vec!["/bin/date".into()]);
    assert_eq!(ok(&s, true).config.command, ["/bin/date"]);
    // A user the image does not have is refused when planned.
    s.process.user = Some(parse_flag("-u", "nobody").unwrap());
    assert!(err(&s, &host(true)).contains("nobody"));
}

#[test]
fn stop_signal_and_timeout() {
    let mut s = ContainerSpec::new("img");
    let mut img = image();
    img.stop_signal = Some(Signal::SIGQUIT);
    let h = host(true);
    assert_eq!(
        plan(&s, &img, &h)
            .unwrap()
            .config
            .stop_signal
            .signal()
            .unwrap(),
        Signal::SIGQUIT
    );
    s.stop_signal = Some(Signal::SIGINT);
    s.stop_timeout = Some(3);
    let p = plan(&s, &img, &h).unwrap();
    assert_eq!(p.config.stop_signal.signal().unwrap(), Signal::SIGINT);
    assert_eq!(p.config.stop_timeout, 3);
}

#[test]
fn mounts_volumes_and_binds() {
    let mut s = ContainerSpec::new("img");
    s.mounts = vec![
        MountSpec::parse_volume("data:/data:U").unwrap(),
        MountSpec::parse_volume("/srv/www:/www:ro").unwrap(),
        MountSpec::parse_volume("/cache").unwrap(),
        MountSpec::parse_tmpfs("/scratch").unwrap(),
    ];
    s.process.user = Some(parse_flag("-u", "33:44").unwrap());
    let mut img = image();
    // An image volume no mount covers gets an anonymous volume; /data is covered.
    img.volumes = vec!["/data".into(), "/logs".into()];
    let p = plan(&s, &img, &host(true)).unwrap();
    let names: Vec<_> = p
        .volumes
        .iter()
        .map(|v| (v.name.as_str(), v.anonymous))
        .collect();
    let anon2 = anonymous_volume_name(ID, 2);
    let anon4 = anonymous_volume_name(ID, 4);
    assert_eq!(names, [("data", false), (&*anon2, true), (&*anon4, true)]);
    assert_eq!(p.config.volumes, ["data", &anon2, &anon4]);
    assert_eq!(p.config.anonymous_volumes, [anon2.clone(), anon4.clone()]);
    assert_eq!(p.bind_sources, [PathBuf::from("/srv/www")]);
    assert_eq!(
        p.chown,
        [Chown {
            path: "/store/volumes/data/_data".into(),
            uid: 33,
            gid: 44
        }]
    );
    let www = mount(&p, "/www").unwrap();
    assert_eq!(www.source().as_deref(), Some(Path::new("/srv/www")));
    assert!(www.options().iter().flatten().any(|o| o == "ro"));
    let cache = mount(&p, "/cache").unwrap();
    assert_eq!(
        cache.source().as_deref(),
        Some(volume_path(Path::new("/store/volumes"), &anon2).as_path())
    );
    assert_eq!(
        mount(&p, "/scratch").unwrap().typ().as_deref(),
        Some("tmpfs")
    );
    assert!(mount(&p, "/logs").is_some());
    // The record names the anonymous volumes it made.
    assert!(p
        .config
        .mounts
        .iter()
        .all(|m| m.source != MountSource::AnonymousVolume));

    s.mounts = vec![MountSpec::new(MountSource::Bind("rel".into()), "/x")];
    assert!(err(&s, &host(true)).contains("must be absolute"));
}

#[test]
fn read_only_covers_rpods_binds() {
    let mut s = ContainerSpec::new("img");
    s.read_only = Some(true);
    let p = ok(&s, true);
    assert_eq!(p.spec.root().as_ref().unwrap().readonly(), Some(true));
    let hosts = mount(&p, "/etc/hosts").unwrap();
    assert!(
        hosts.options().iter().flatten().any(|o| o == "ro"),
        "{hosts:?}"
    );
}

#[test]
fn network_modes() {
    let mut s = ContainerSpec::new("img");
    // The host's default when none is asked; missing, it is a caller's bug.
    assert!(matches!(ok(&s, true).config.network, Mode::Pasta { .. }));
    let mut h = host(true);
    h.default_network = None;
    assert!(err(&s, &h).contains("default network mode"));

    s.network.mode = Some(Mode::Host);
    let p = ok(&s, true);
    assert_eq!(p.config.network, Mode::Host);
    let ns = p
        .spec
        .linux()
        .as_ref()
        .unwrap()
        .namespaces()
        .clone()
        .unwrap();
    assert!(!ns
        .iter()
        .any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::Network));

    s.network.mode = Some(Mode::Bridge(Vec::new()));
    s.userns = UsernsMode::KeepId(Default::default());
    assert!(err(&s, &host(true)).contains("remove --userns"));
    s.userns = UsernsMode::Host;
    assert!(matches!(ok(&s, true).config.network, Mode::Bridge(_)));

    s.network.mode = Some(Mode::None);
    s.network.dns = vec!["10.0.0.1".parse().unwrap()];
    s.network.dns_search = vec!["corp".into()];
    s.network.add_hosts = vec!["db:10.1.2.3".parse().unwrap()];
    let p = ok(&s, true);
    assert_eq!(p.etc.resolv_conf, "search corp\nnameserver 10.0.0.1\n");
    assert!(p.etc.hosts.ends_with("10.1.2.3\tdb\n"));
    assert_eq!(p.config.dns, s.network.dns);
}

#[test]
fn network_of_another_container() {
    let mut s = ContainerSpec::new("img");
    s.network.mode = Some(Mode::Container("web".into()));
    let mut h = host(true);
    assert!(err(&s, &h).contains("the container whose network is joined"));
    let etc = NetworkFiles::mounts(Path::new("/store/containers/other/etc")).unwrap();
    h.network_target = Some(TargetFacts {
        id: "a".repeat(64),
        name: "web".into(),
        network: Mode::Pasta {
            extra_args: Vec::new(),
        },
        uid_map: h.mappings.uids.clone(),
        gid_map: h.mappings.gids.clone(),
        etc_mounts: etc
            .iter()
            .filter(|m| m.destination() != Path::new("/etc/hostname"))
            .cloned()
            .collect(),
    });
    let p = plan(&s, &image(), &h).unwrap();
    // Recorded by ID; its hosts and resolv.conf shared, its own hostname.
    assert_eq!(p.config.network, Mode::Container("a".repeat(64)));
    let src = |d| mount(&p, d).unwrap().source().clone().unwrap();
    assert!(src("/etc/hosts").starts_with("/store/containers/other"));
    assert!(src("/etc/hostname").starts_with(Path::new("/store/containers").join(ID)));
    let n = p.spec.mounts().iter().flatten();
    assert_eq!(
        n.filter(|m| m.destination() == Path::new("/etc/hosts"))
            .count(),
        1
    );

    // Other id mappings (rootless): refused, naming --userns.
    s.userns = UsernsMode::KeepId(Default::default());
    assert!(err(&s, &h).contains("--userns"));
    // Joining a container on the host's network is the host's network.
    s.userns = UsernsMode::Host;
    h.network_target.as_mut().unwrap().network = Mode::Host;
    assert_eq!(plan(&s, &image(), &h).unwrap().config.network, Mode::Host);
}

#[test]
fn published_ports() {
    let mut s = ContainerSpec::new("img");
    s.network.ports = parse_publish_spec("8080:80").unwrap();
    s.network.publish_all = true;
    let mut img = image();
    img.exposed_ports = vec!["53/udp".into()];
    let p = plan(&s, &img, &host(true)).unwrap();
    let ports: Vec<_> = p
        .config
        .port_mappings
        .iter()
        .map(|m| (m.host_port, m.container_port))
        .collect();
    // -P's host port is chosen when the plan is committed.
    assert_eq!(ports, [(8080, 80), (0, 53)]);
    img.exposed_ports = vec!["x/tcp".into()];
    assert!(plan(&s, &img, &host(true))
        .unwrap_err()
        .to_string()
        .starts_with("-P"));
    // The host's default network may have no helper to publish with:
    // the ports are discarded with podman's warning.
    let mut h = host(false);
    h.default_network = Some(Mode::None);
    let p = plan(&s, &img, &h).unwrap();
    assert!(p.config.port_mappings.is_empty());
    assert_eq!(
        p.warnings,
        ["Port mappings have been discarded because \"none\" network namespace mode does not support them"]
    );
}

#[test]
fn security_flags() {
    let mut s = ContainerSpec::new("img");
    s.security.caps.drop = "ALL".parse().unwrap();
    s.security.caps.add = parse_flag::<CapSet>("--cap-add", "NET_ADMIN").unwrap();
    s.security.no_new_privileges = true;
    s.security.ulimits = Ulimit::parse("nofile=100:200").unwrap();
    let p = ok(&s, false);
    let pr = process(&p);
    let caps = pr.capabilities().as_ref().unwrap();
    let bounding: Vec<_> = caps
        .bounding()
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(bounding, ["NET_ADMIN"]);
    assert_eq!(pr.no_new_privileges(), Some(true));
    let nofile = pr
        .rlimits()
        .iter()
        .flatten()
        .find(|r| r.typ() == oci_spec::runtime::PosixRlimitType::RlimitNofile);
    assert_eq!(nofile.map(|r| (r.soft(), r.hard())), Some((100, 200)));
    assert!(p.spec.linux().as_ref().unwrap().seccomp().is_some());

    // --privileged: every capability, no seccomp filter.
    let mut s = ContainerSpec::new("img");
    s.security.privileged = true;
    let p = ok(&s, false);
    assert!(p.spec.linux().as_ref().unwrap().seccomp().is_none());
    let pr = process(&p);
    let n = pr
        .capabilities()
        .as_ref()
        .unwrap()
        .bounding()
        .iter()
        .flatten()
        .count();
    assert_eq!(n, CapSet::all().iter().count());
}

#[test]
fn user_namespaces() {
    let s = ContainerSpec::new("img");
    // Rootless: rpod's mappings; rootful: none.
    let p = ok(&s, true);
    let linux = p.spec.linux().as_ref().unwrap();
    assert_eq!(linux.uid_mappings().as_ref().map(Vec::len), Some(2));
    let p = ok(&s, false);
    assert!(p.spec.linux().as_ref().unwrap().uid_mappings().is_none());

    let mut s = ContainerSpec::new("img");
    s.userns = UsernsMode::KeepId(Default::default());
    assert!(err(&s, &host(false)).contains("--userns=keep-id"));
    let p = ok(&s, true);
    // The caller's ids inside, its passwd entry and HOME: the working
    // directory, as podman, unless the home is mounted.
    let pr = process(&p);
    assert_eq!((pr.user().uid(), pr.user().gid()), (1000, 1000));
    assert!(
        pr.env().iter().flatten().any(|e| e == "HOME=/"),
        "{:?}",
        pr.env()
    );
    let mut home = s.clone();
    home.mounts.push(MountSpec::new(
        MountSource::Volume("h".into()),
        "/home/alice",
    ));
    let pr = process(&ok(&home, true)).clone();
    assert!(pr.env().iter().flatten().any(|e| e == "HOME=/home/alice"));
    // Written into the container's root (as podman), not bind-mounted,
    // unless the container is read-only.
    assert!(mount(&p, "/etc/passwd").is_none());
    assert!(p.keep_id.in_root && p.keep_id.passwd.is_some());
    let mut ro = s.clone();
    ro.read_only = Some(true);
    let pro = ok(&ro, true);
    assert!(mount(&pro, "/etc/passwd").is_some());
    assert!(!pro.keep_id.in_root);
    let maps = p
        .spec
        .linux()
        .as_ref()
        .unwrap()
        .uid_mappings()
        .clone()
        .unwrap();
    let inside_1000 = maps
        .iter()
        .find(|m| (m.container_id()..m.container_id() + m.size()).contains(&1000))
        .unwrap();
    assert_eq!(
        inside_1000.host_id() + (1000 - inside_1000.container_id()),
        1000
    );
    assert!(p.config.userns.is_keep_id());
    let mut h = host(true);
    h.user = None;
    assert!(err(&s, &h).contains("the calling user"));
}

#[test]
fn record_keeps_typed_values() {
    let mut s = ContainerSpec::new("img");
    s.restart = parse_flag("--restart", "on-failure:3").unwrap();
    s.labels.insert("a".into(), "b".into());
    s.network.ports = parse_publish_spec("127.0.0.1:8080:80/udp").unwrap();
    s.create_command = vec!["rpod".into(), "run".into(), "img".into()];
    let p = ok(&s, true);
    // What is written reads back as the same typed values.
    let json = serde_json::to_string(&p.config).unwrap();
    let back: Config = serde_json::from_str(&json).unwrap();
    assert_eq!(back.restart, s.restart);
    assert_eq!(back.port_mappings, s.network.ports);
    assert_eq!(back.network, p.config.network);
    assert_eq!(back.labels, s.labels);
    assert_eq!(back.create_command, s.create_command);
}

#[test]
fn resource_limits() {
    use crate::spec::resources::{ResourceFlags, Resources};
    let flags = ResourceFlags {
        memory: Some("32m".into()),
        cpus: Some("1.5".into()),
        pids_limit: Some("100".into()),
        device_read_bps: vec!["/dev/vda:1mb".into()],
        oom_score_adj: Some("200".into()),
        ..ResourceFlags::default()
    };
    let (r, _) = Resources::from_flags(&flags).unwrap();
    let mut s = ContainerSpec::new("img");
    s.resources = r.clone();
    // Rootful: recorded, in the spec, no warning.
    let p = ok(&s, false);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.config.resources, r);
    let res = p
        .spec
        .linux()
        .as_ref()
        .unwrap()
        .resources()
        .clone()
        .unwrap();
    assert_eq!(res.memory().unwrap().limit(), Some(32 << 20));
    assert_eq!(res.cpu().as_ref().unwrap().quota(), Some(150_000));
    assert_eq!(res.pids().unwrap().limit(), 100);
    let bps = res
        .block_io()
        .as_ref()
        .unwrap()
        .throttle_read_bps_device()
        .clone();
    assert_eq!(bps.unwrap()[0].major(), 254);
    assert_eq!(process(&p).oom_score_adj(), Some(200));
    // Rootless on cgroup v1: podman's warning, the limits dropped, the
    // process setting kept.
    let p = ok(&s, true);
    assert_eq!(p.warnings, [crate::cgroups::V1_ROOTLESS_WARNING]);
    assert!(p.config.resources.is_empty());
    assert_eq!(p.config.resources.oom_score_adj, Some(200));
    let res = p.spec.linux().as_ref().unwrap().resources().clone();
    assert!(res.is_none_or(|r| r.memory().is_none() && r.pids().is_none()));
    assert_eq!(process(&p).oom_score_adj(), Some(200));
    // No limits: no warning.
    assert!(ok(&ContainerSpec::new("img"), true).warnings.is_empty());
    // A device the facts do not know: refused, naming the flag.
    let mut h = host(false);
    h.block_devices.clear();
    let e = err(&s, &h);
    assert!(e.contains("--device-read-bps /dev/vda"), "{e}");
}

fn namespace_types(p: &CreatePlan) -> Vec<oci_spec::runtime::LinuxNamespaceType> {
    p.spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default()
        .iter()
        .map(|n| n.typ())
        .collect()
}

#[test]
fn namespace_modes_change_the_spec() {
    use crate::spec::NsMode;
    use oci_spec::runtime::LinuxNamespaceType as T;
    // Defaults: podman's (cgroup v1 here: the host's cgroup namespace).
    let p = ok(&ContainerSpec::new("img"), true);
    let n = &p.config.namespaces;
    assert_eq!(
        (&n.pid, &n.ipc, &n.uts, &n.cgroup),
        (
            &NsMode::Private,
            &NsMode::Shareable,
            &NsMode::Private,
            &NsMode::Host
        )
    );
    assert!(namespace_types(&p).contains(&T::Pid));
    assert!(!namespace_types(&p).contains(&T::Cgroup));
    let mut s = ContainerSpec::new("img");
    s.namespaces.pid = Some(NsMode::Host);
    s.namespaces.uts = Some(NsMode::Host);
    s.namespaces.ipc = Some(NsMode::None);
    s.namespaces.cgroup = Some(NsMode::Private);
    let mut h = host(true);
    h.host_name = "thehost".into();
    let p = plan(&s, &image(), &h).unwrap();
    let types = namespace_types(&p);
    assert!(!types.contains(&T::Pid) && !types.contains(&T::Uts));
    assert!(types.contains(&T::Cgroup) && types.contains(&T::Ipc));
    // Rootless: the host's /proc bound (a user namespace cannot mount it).
    assert_eq!(mount(&p, "/proc").unwrap().typ().as_deref(), Some("bind"));
    assert!(mount(&p, "/dev/shm").is_none());
    assert_eq!(p.spec.hostname(), &None);
    assert_eq!(p.config.hostname, "thehost");
    assert_eq!(p.etc.hostname.trim(), "thehost");
    // Rootful, /proc is mounted for the host's PID namespace.
    let p = plan(&s, &image(), &host(false)).unwrap();
    assert_eq!(mount(&p, "/proc").unwrap().typ().as_deref(), Some("proc"));
}

#[test]
fn devices_rootless_are_binds_rootful_nodes_and_rules() {
    let dev = crate::spec::HostDevice {
        host: "/dev/fuse".into(),
        container: "/dev/f".into(),
        kind: 'c',
        major: 10,
        minor: 229,
        file_mode: 0o666,
        uid: 0,
        gid: 0,
        permissions: "r".into(),
    };
    let mut h = host(true);
    h.devices = vec![dev.clone()];
    let p = plan(&ContainerSpec::new("img"), &image(), &h).unwrap();
    let m = mount(&p, "/dev/f").unwrap();
    assert_eq!(m.source().as_deref(), Some(Path::new("/dev/fuse")));
    assert!(m.options().as_ref().unwrap().contains(&"ro".to_string()));
    assert_eq!(p.config.devices[0].to_string(), "/dev/fuse:/dev/f:r");
    let mut s = ContainerSpec::new("img");
    s.device_cgroup_rules = vec!["c 42:* rwm".parse().unwrap()];
    assert!(err(&s, &h).contains("not supported in rootless mode"));
    let mut h = host(false);
    h.devices = vec![dev];
    let p = plan(&s, &image(), &h).unwrap();
    let linux = p.spec.linux().as_ref().unwrap();
    assert_eq!(linux.devices().as_ref().unwrap()[0].major(), 10);
    let rules: Vec<String> = p
        .config
        .device_rules
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(rules.contains(&"c 10:229 r".to_string()), "{rules:?}");
    assert_eq!(rules.last().map(String::as_str), Some("c 42:* rwm"));
}

#[test]
fn systemd_mode_for_init_commands() {
    let mut s = ContainerSpec::new("img");
    s.process.command = vec!["/sbin/init".into()];
    s.shm_size_systemd = Some(1 << 20);
    let p = ok(&s, true);
    assert!(p.config.systemd);
    for d in crate::spec::systemd::SYSTEMD_TMPFS {
        let m = mount(&p, d).unwrap_or_else(|| panic!("{d}"));
        assert_eq!(m.typ().as_deref(), Some("tmpfs"));
        assert!(m
            .options()
            .as_ref()
            .unwrap()
            .contains(&"size=1048576".to_string()));
    }
    let env = process(&p).env().clone().unwrap();
    assert!(
        env.contains(&format!("container_uuid={}", &ID[..32])),
        "{env:?}"
    );
    s.systemd = crate::spec::SystemdMode::False;
    let p = ok(&s, true);
    assert!(!p.config.systemd && mount(&p, "/run").is_none());
}
