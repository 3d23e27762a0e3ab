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
        ("WorkingDir=/w", "-w /w"),
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
fn unknown_key_warns_with_line() {
    let g = gen("/q/a.container", "[Container]\nImage=i\nBogus=1\n");
    assert_eq!(g.warnings.len(), 1);
    assert!(
        g.warnings[0].contains("/q/a.container:3"),
        "{:?}",
        g.warnings
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
                link: "default.target.wants/w.service".into(),
                target: "../w.service".into()
            },
            Symlink {
                link: "x/y.service".into(),
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
