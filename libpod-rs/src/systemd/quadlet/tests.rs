use super::*;

fn gen(name: &str, text: &str) -> Generated {
    generate(name, text, &QuadletOptions::default()).unwrap()
}

fn exec_start(g: &Generated) -> String {
    let u = UnitFile::parse("x", &g.unit).unwrap();
    u.last("Service", "ExecStart").unwrap()
}

#[test]
fn basic_container() {
    let g = gen(
        "/q/web.container",
        "[Container]\nImage=nginx\nPublishPort=8080:80\nEnvironment=TZ=UTC\n",
    );
    assert_eq!(g.service_name, "web.service");
    assert_eq!(
        exec_start(&g),
        "/usr/bin/rpod run --name systemd-%N --replace --rm --cgroups=split \
             --sdnotify=conmon -d --publish 8080:80 --env TZ=UTC nginx"
    );
    assert!(g.unit.contains("SourcePath=/q/web.container"));
    assert!(g
        .unit
        .contains("ExecStop=/usr/bin/rpod rm -v -f -i systemd-%N"));
}

#[test]
fn keys_translate() {
    let cases: &[(&str, &str)] = &[
        ("HostName=h", "--hostname h"),
        ("User=1\nGroup=2", "--user 1:2"),
        ("UserNS=keep-id", "--userns keep-id"),
        ("WorkingDir=/w", "--workdir /w"),
        ("Label=a=b \"c=d e\"", "--label a=b --label \"c=d e\""),
        ("Annotation=a=b", "--annotation a=b"),
        ("ReadOnly=yes", "--read-only"),
        ("Tmpfs=/t", "--tmpfs /t"),
        ("AddCapability=CAP_X", "--cap-add cap_x"),
        ("DropCapability=CAP_Y", "--cap-drop cap_y"),
        ("Notify=yes", "--sdnotify=container"),
        ("PodmanArgs=--foo bar", "--foo bar img"),
        ("Volume=/a:/b", "-v /a:/b"),
        ("Volume=data:/b", "-v data:/b"),
        ("Network=host", "--network host"),
        ("ContainerName=x", "--name x"),
        ("Exec=a \"b c\"", "img a \"b c\""),
        ("Entrypoint=/e", "--entrypoint=/e"),
        ("EnvironmentFile=/e", "--env-file /e"),
    ];
    for (key, want) in cases {
        let g = gen(
            "/q/a.container",
            &format!("[Container]\nImage=img\n{key}\n"),
        );
        let got = exec_start(&g);
        assert!(got.contains(want), "{key}: {got}");
    }
}

#[test]
fn global_args_before_verb() {
    let g = gen(
        "/q/a.container",
        "[Container]\nImage=i\nGlobalArgs=--log-level=debug\n",
    );
    assert!(exec_start(&g).starts_with("/usr/bin/rpod --log-level=debug run "));
}

#[test]
fn kube_units_run_a_service_container_unless_oneshot() {
    let g = gen("/q/site.kube", "[Kube]\nYaml=site.yaml\n");
    let u = UnitFile::parse("x", &g.unit).unwrap();
    assert!(
        exec_start(&g).ends_with("kube play --replace --service-container=true /q/site.yaml"),
        "{}",
        g.unit
    );
    assert_eq!(u.last("Service", "Type").as_deref(), Some("notify"));
    assert_eq!(u.last("Service", "NotifyAccess").as_deref(), Some("all"));
    assert_eq!(u.last("Service", "RemainAfterExit"), None);
    let g = gen(
        "/q/vols.kube",
        "[Kube]\nYaml=vols.yaml\n[Service]\nType=oneshot\n",
    );
    let u = UnitFile::parse("x", &g.unit).unwrap();
    assert!(exec_start(&g).ends_with("kube play --replace /q/vols.yaml"));
    assert_eq!(u.last("Service", "RemainAfterExit").as_deref(), Some("yes"));
    let bad = generate(
        "/q/x.kube",
        "[Kube]\nYaml=x.yaml\n[Service]\nType=forking\n",
        &QuadletOptions::default(),
    );
    assert!(bad.is_err());
}

#[test]
fn unknown_key_fails_with_podmans_message() {
    let o = QuadletOptions::default();
    let e = generate("/q/a.container", "[Container]\nImage=i\nBogus=1\n", &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "converting /q/a.container: unsupported key 'Bogus' in group 'Container' in /q/a.container"
    );
    let e = generate(
        "/q/a.volume",
        "[Volume]\n[Quadlet]\nDefaultDependencies=no\nOther=1\n",
        &o,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("unsupported key 'Other' in group 'Quadlet'"),
        "{e}"
    );
}

#[test]
fn errors() {
    let o = QuadletOptions::default();
    let e = generate("a.container", "[Container]\n", &o).unwrap_err();
    assert!(e.to_string().contains("no Image or Rootfs key specified"));
    let e = generate("a.container", "[Container]\nbad line\n", &o).unwrap_err();
    assert!(e.to_string().contains("a.container:2"), "{e}");
    assert!(generate("a.kube", "[Kube]\n", &o).is_err());
}

#[test]
fn volume_and_network() {
    let g = gen("/q/d.volume", "[Volume]\nLabel=a=b\n");
    assert_eq!(g.service_name, "d-volume.service");
    assert_eq!(
        exec_start(&g),
        "/usr/bin/rpod volume create --ignore --label a=b systemd-d"
    );
    let g = gen("/q/n.network", "[Network]\nSubnet=10.0.0.0/24\n");
    assert_eq!(g.service_name, "n-network.service");
    assert_eq!(
        exec_start(&g),
        "/usr/bin/rpod network create --ignore --subnet 10.0.0.0/24 systemd-n"
    );
}

#[test]
fn resolves_references() {
    let mut opts = QuadletOptions::default();
    opts.units.insert(
        "d.volume".into(),
        "[Volume]\nVolumeName=data\nServiceName=dv\n".into(),
    );
    opts.units
        .insert("db.container".into(), "[Container]\nImage=i\n".into());
    let g = generate(
            "/q/a.container",
            "[Unit]\nAfter=db.container\n[Container]\nImage=i\nVolume=d.volume:/d\nNetwork=db.container\n",
            &opts,
        )
        .unwrap();
    let u = UnitFile::parse("x", &g.unit).unwrap();
    assert_eq!(
        u.values("Unit", "Requires"),
        vec!["db.service", "dv.service"]
    );
    assert!(u
        .values("Unit", "After")
        .contains(&"db.service".to_string()));
    let e = exec_start(&g);
    assert!(e.contains("--network container:systemd-db"), "{e}");
    assert!(e.contains("-v data:/d"), "{e}");
    let err = generate(
        "/q/b.container",
        "[Unit]\nAfter=missing.container\n[Container]\nImage=i\n",
        &opts,
    )
    .unwrap_err();
    assert!(err
        .to_string()
        .contains("unable to translate dependency for missing.container"));
}

#[test]
fn install_symlinks() {
    let g = gen(
        "/q/w.container",
        "[Container]\nImage=i\n[Install]\nWantedBy=default.target\nAlias=x/y.service\n",
    );
    assert_eq!(
        g.symlinks,
        vec![
            Symlink {
                link: "x/y.service".into(),
                target: "../w.service".into()
            },
            Symlink {
                link: "default.target.wants/w.service".into(),
                target: "../w.service".into()
            }
        ]
    );
}

#[test]
fn generator_writes_files() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    fs_err::write(
        src.path().join("w.container"),
        "[Container]\nImage=i\n[Install]\nWantedBy=default.target\n",
    )
    .unwrap();
    fs_err::write(src.path().join("bad.container"), "[Container]\n").unwrap();
    let r = run_generator(
        &[src.path().to_path_buf()],
        Some(out.path()),
        &QuadletOptions::default(),
    )
    .unwrap();
    assert_eq!(r.units.len(), 1);
    assert_eq!(r.errors.len(), 1);
    assert!(out.path().join("w.service").is_file());
    assert!(fs_err::symlink_metadata(out.path().join("default.target.wants/w.service")).is_ok());
}

/// Rootless units wait for the system's network through rpod's helper unit,
/// which the generator writes beside them (podman's
/// podman-user-wait-network-online.service); system units want
/// network-online.target itself, and DefaultDependencies=false neither.
#[test]
fn user_units_wait_for_the_network_through_the_helper() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    fs_err::write(src.path().join("w.container"), "[Container]\nImage=i\n").unwrap();
    let user = QuadletOptions {
        user: true,
        ..Default::default()
    };
    let r = run_generator(&[src.path().to_path_buf()], Some(out.path()), &user).unwrap();
    let unit = UnitFile::parse("w", &r.units[0].unit).unwrap();
    assert_eq!(
        unit.last("Unit", "Wants").as_deref(),
        Some(WAIT_ONLINE_UNIT)
    );
    assert_eq!(
        unit.last("Unit", "After").as_deref(),
        Some(WAIT_ONLINE_UNIT)
    );
    let helper = fs_err::read_to_string(out.path().join(WAIT_ONLINE_UNIT)).unwrap();
    let helper = UnitFile::parse(WAIT_ONLINE_UNIT, &helper).unwrap();
    assert_eq!(helper.last("Service", "Type").as_deref(), Some("oneshot"));
    let system = gen("w.container", "[Container]\nImage=i\n");
    assert!(
        system.unit.contains("Wants=network-online.target\n"),
        "{}",
        system.unit
    );
    let none = generate(
        "w.container",
        "[Container]\nImage=i\n[Quadlet]\nDefaultDependencies=false\n",
        &user,
    )
    .unwrap();
    assert!(!none.unit.contains("network-online"), "{}", none.unit);
}

#[test]
fn network_references_per_unit_kind() {
    let mut opts = QuadletOptions::default();
    opts.units.insert(
        "n.network".into(),
        "[Network]\nNetworkName=backend\n".into(),
    );
    opts.units
        .insert("db.container".into(), "[Container]\nImage=i\n".into());
    // Every kind names .network units, with their options kept.
    for (file, section, extra) in [
        ("/q/a.container", "Container", "Image=i\n"),
        ("/q/p.pod", "Pod", ""),
        ("/q/k.kube", "Kube", "Yaml=/k.yaml\n"),
    ] {
        let text = format!("[{section}]\n{extra}Network=n.network:ip=10.0.0.5\n");
        let g = generate(file, &text, &opts).unwrap();
        let e = exec_start(&g);
        let u = UnitFile::parse("x", &g.unit).unwrap();
        if section != "Pod" {
            assert!(e.contains("--network backend:ip=10.0.0.5"), "{file}: {e}");
        }
        assert!(
            u.values("Unit", "Requires")
                .contains(&"n-network.service".to_string()),
            "{file}: {}",
            g.unit
        );
    }
    // Only [Container] joins another .container's network, without options.
    let e = exec_start(
        &generate(
            "/q/a.container",
            "[Container]\nImage=i\nNetwork=db.container\n",
            &opts,
        )
        .unwrap(),
    );
    assert!(e.contains("--network container:systemd-db"), "{e}");
    let err = generate(
        "/q/a.container",
        "[Container]\nImage=i\nNetwork=db.container:ip=1.2.3.4\n",
        &opts,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("extra options are not supported"), "{err}");
    let err = generate(
        "/q/a.container",
        "[Container]\nImage=i\nNetwork=x.pod\n",
        &opts,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(
            "line 3: network x.pod: only .network and .container units can be referenced here"
        ),
        "{err}"
    );
    for (file, text) in [
        ("/q/p.pod", "[Pod]\nNetwork=db.container\n"),
        ("/q/k.kube", "[Kube]\nYaml=/k.yaml\nNetwork=db.container\n"),
    ] {
        let err = generate(file, text, &opts).unwrap_err().to_string();
        assert!(
            err.contains("network db.container: only .network units can be referenced here"),
            "{file}: {err}"
        );
    }
}

#[test]
fn dropin_directories_most_specific_first() {
    use super::names::dropin_dirs;
    assert_eq!(
        dropin_dirs("/q/web.container"),
        vec!["web.container.d", "container.d"]
    );
    assert_eq!(
        dropin_dirs("foo-bar-baz.volume"),
        vec![
            "foo-bar-baz.volume.d",
            "foo-bar-.volume.d",
            "foo-.volume.d",
            "volume.d"
        ]
    );
    // An instance: its own, the template's, then the dash prefixes of the
    // template name (never of the instance name).
    assert_eq!(
        dropin_dirs("my-app@blue-x.container"),
        vec![
            "my-app@blue-x.container.d",
            "my-app@.container.d",
            "my-@.container.d",
            "my-.container.d",
            "container.d"
        ]
    );
}

/// Writes `files` (path relative to `root` -> text) under `root`.
fn tree(root: &std::path::Path, files: &[(&str, &str)]) {
    for (p, text) in files {
        let p = root.join(p);
        fs_err::create_dir_all(p.parent().unwrap()).unwrap();
        fs_err::write(p, text).unwrap();
    }
}

fn generated<'a>(r: &'a GeneratorReport, service: &str) -> &'a Generated {
    r.units
        .iter()
        .find(|g| g.service_name == service)
        .unwrap_or_else(|| panic!("no {service} in {:?} / {:?}", r.units, r.errors))
}

#[test]
fn dropins_merge_in_name_order_the_first_of_a_name_winning() {
    let hi = tempfile::tempdir().unwrap();
    let lo = tempfile::tempdir().unwrap();
    tree(
        hi.path(),
        &[
            (
                "web-app.container",
                "[Container]\nImage=i\nEnvironment=MAIN=1\n",
            ),
            // Most specific directory, high-priority dir: wins 10-a.conf.
            (
                "web-app.container.d/10-a.conf",
                "[Container]\nEnvironment=A=web-app\n",
            ),
            // Hierarchical drop-in for every web-*.container.
            (
                "web-.container.d/20-b.conf",
                "[Container]\nEnvironment=B=web-\n",
            ),
            (
                "web-.container.d/notconf.txt",
                "[Container]\nEnvironment=IGNORED=1\n",
            ),
            // Drop-in for every .container; its 10-a.conf is shadowed.
            ("container.d/10-a.conf", "[Container]\nEnvironment=A=all\n"),
            (
                "container.d/30-c.conf",
                "[Unit]\nDescription=from container.d\n",
            ),
        ],
    );
    tree(
        lo.path(),
        &[
            // A later search directory: its more specific 20-b.conf wins over
            // hi's web-.container.d/20-b.conf (directory specificity first).
            (
                "web-app.container.d/20-b.conf",
                "[Container]\nEnvironment=B=lo\n",
            ),
            // Resets Environment= and sets a new list: merged last (name order).
            (
                "web-app.container.d/99-reset.conf",
                "[Container]\nEnvironment=\nEnvironment=LAST=1\nLabel=l=1\n",
            ),
            (
                "web-app.container.d/50-mid.conf",
                "[Container]\nEnvironment=MID=1\n",
            ),
        ],
    );
    let dirs = [hi.path().to_path_buf(), lo.path().to_path_buf()];
    let mut errors = Vec::new();
    let files: Vec<String> =
        super::generator::dropin_files("web-app.container", &dirs, &mut errors)
            .iter()
            .map(|p| {
                p.strip_prefix(hi.path())
                    .map(|r| format!("hi/{}", r.display()))
                    .unwrap_or_else(|_| {
                        format!("lo/{}", p.strip_prefix(lo.path()).unwrap().display())
                    })
            })
            .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        files,
        vec![
            "hi/web-app.container.d/10-a.conf",
            "lo/web-app.container.d/20-b.conf",
            "hi/container.d/30-c.conf",
            "lo/web-app.container.d/50-mid.conf",
            "lo/web-app.container.d/99-reset.conf",
        ]
    );
    let r = run_generator(&dirs, None, &QuadletOptions::default()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let g = generated(&r, "web-app.service");
    let e = exec_start(g);
    assert!(e.contains("--env LAST=1 --label l=1"), "{e}");
    for gone in ["MAIN=1", "A=", "B=", "MID=1", "IGNORED"] {
        assert!(!e.contains(gone), "{gone} in {e}");
    }
    let u = UnitFile::parse("x", &g.unit).unwrap();
    assert_eq!(
        u.last("Unit", "Description").as_deref(),
        Some("from container.d")
    );
}

#[test]
fn dropins_change_what_other_files_reference() {
    let d = tempfile::tempdir().unwrap();
    tree(
        d.path(),
        &[
            ("data.volume", "[Volume]\n"),
            ("data.volume.d/name.conf", "[Volume]\nVolumeName=renamed\n"),
            (
                "app.container",
                "[Container]\nImage=i\nVolume=data.volume:/d\n",
            ),
            ("bad.container.d/x.conf", "Image=no-section\n"),
            ("bad.container", "[Container]\nImage=i\n"),
        ],
    );
    let r = run_generator(&[d.path().to_path_buf()], None, &QuadletOptions::default()).unwrap();
    assert!(exec_start(generated(&r, "app.service")).contains("-v renamed:/d"));
    // A broken drop-in is reported; the unit still generates without it.
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.errors[0].contains("x.conf"), "{:?}", r.errors);
    generated(&r, "bad.service");
}

#[test]
fn templates_and_instances() {
    let d = tempfile::tempdir().unwrap();
    tree(
        d.path(),
        &[
            (
                "web@.container",
                "[Container]\nImage=i\nEnvironment=FROM=template\n[Install]\nWantedBy=default.target\n",
            ),
            ("web@.container.d/10-env.conf", "[Container]\nEnvironment=T=1\n"),
            ("web@blue.container.d/10-img.conf", "[Container]\nImage=blue-img\n"),
            ("cache@.volume", "[Volume]\n"),
            (
                "def@.container",
                "[Container]\nImage=i\n[Install]\nWantedBy=multi-user.target\nDefaultInstance=one\n",
            ),
        ],
    );
    fs_err::os::unix::fs::symlink("web@.container", d.path().join("web@blue.container")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = run_generator(
        &[d.path().to_path_buf()],
        Some(out.path()),
        &QuadletOptions::default(),
    )
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // The template: a template service, no [Install] links without DefaultInstance.
    let t = generated(&r, "web@.service");
    assert!(exec_start(t).contains("--name systemd-%p_%i"), "{}", t.unit);
    assert!(
        exec_start(t).ends_with(" --env FROM=template --env T=1 i"),
        "{}",
        exec_start(t)
    );
    assert!(t.symlinks.is_empty(), "{:?}", t.symlinks);
    // The instance (a symlink to the template): the template's drop-ins, then its own.
    let i = generated(&r, "web@blue.service");
    assert!(
        exec_start(i).ends_with("--env FROM=template --env T=1 blue-img"),
        "{}",
        exec_start(i)
    );
    assert_eq!(
        i.symlinks,
        vec![Symlink {
            link: "default.target.wants/web@blue.service".into(),
            target: "../web@blue.service".into()
        }]
    );
    assert!(out
        .path()
        .join("default.target.wants/web@blue.service")
        .exists());
    // Volume templates: `NAME-volume@.service`, resource `systemd-NAME-%i`.
    let v = generated(&r, "cache-volume@.service");
    assert!(
        exec_start(v).ends_with(" systemd-cache-%i"),
        "{}",
        exec_start(v)
    );
    // DefaultInstance links the template as that instance.
    assert_eq!(
        generated(&r, "def@.service").symlinks,
        vec![Symlink {
            link: "multi-user.target.wants/def@one.service".into(),
            target: "../def@.service".into()
        }]
    );
}

#[test]
fn search_directories_per_manager() {
    use super::generator::{system_dirs, user_dirs};
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    for d in [
        "run/containers/systemd",
        "config/containers/systemd/sub",
        "config/containers/systemd/web.container.d",
        "etc/users/1000/mine",
        "etc/users/2000",
        "etc/users/shared",
        "etc/sys",
        "share",
    ] {
        fs_err::create_dir_all(r.join(d)).unwrap();
    }
    let rel = |v: Vec<std::path::PathBuf>| -> Vec<String> {
        let base = fs_err::canonicalize(r).unwrap();
        v.iter()
            .map(|p| p.strip_prefix(&base).unwrap_or(p).display().to_string())
            .collect()
    };
    assert_eq!(
        rel(user_dirs(
            &r.join("etc/users"),
            Some(&r.join("run")),
            &r.join("config"),
            1000
        )),
        vec![
            "run/containers/systemd",
            "config/containers/systemd",
            "config/containers/systemd/sub",
            "etc/users",
            "etc/users/shared",
            "etc/users/1000",
            "etc/users/1000/mine",
        ]
    );
    assert_eq!(
        rel(system_dirs(
            &r.join("none"),
            &r.join("etc"),
            &r.join("share")
        )),
        vec!["none", "etc", "etc/sys", "share"]
    );
}

#[test]
fn pod_dns_keys_become_pod_create_flags() {
    let g = gen(
        "/q/app.pod",
        "[Pod]\nDNS=10.0.0.9\nDNSOption=ndots:2\nDNSSearch=ex.abc\n",
    );
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    assert!(
        g.unit
            .contains("--dns 10.0.0.9 --dns-option ndots:2 --dns-search ex.abc"),
        "{}",
        g.unit
    );
}

#[test]
fn log_driver_passthrough_reaches_run() {
    // The service's own stdout (the journal) becomes the container's: the
    // detached monitor takes it from `rpod run -d`.
    let g = gen(
        "/q/pt.container",
        "[Container]\nImage=alpine\nLogDriver=passthrough\nExec=echo hi\n",
    );
    assert_eq!(
        exec_start(&g),
        "/usr/bin/rpod run --name systemd-%N --replace --rm --log-driver passthrough \
             --cgroups=split --sdnotify=conmon -d alpine echo hi"
    );
}
