use super::*;

#[test]
fn hash_ignores_replicas_but_not_command_or_image() {
    let mut s = Service {
        image: Some("busybox".into()),
        ..Service::default()
    };
    let h = config_hash(&s, "abc");
    s.scale = Some(3);
    assert_eq!(config_hash(&s, "abc"), h);
    assert_ne!(config_hash(&s, "abd"), h);
    s.command = Some(vec!["true".into()]);
    assert_ne!(config_hash(&s, "abc"), h);
}

#[test]
fn unsupported_keys_are_named() {
    let mut s = Service::default();
    assert!(unsupported_keys(&s).is_empty());
    s.other
        .insert("blkio_config".into(), serde_json::json!({"weight": 300}));
    s.other.insert("annotations".into(), serde_json::json!({}));
    s.other.insert("x-thing".into(), serde_json::Value::Null);
    assert_eq!(unsupported_keys(&s), ["blkio_config"]);
}

#[test]
fn pid_ipc_cgroup_and_devices_map_to_the_request() {
    use crate::compose::model::Device;
    use crate::spec::NsMode;
    let mut s = Service {
        pid: Some("host".into()),
        ipc: Some("service:db".into()),
        devices: vec![Device {
            source: "/dev/fuse".into(),
            target: "/dev/f".into(),
            permissions: Some("rw".into()),
        }],
        ..Service::default()
    };
    s.other
        .insert("cgroup".into(), serde_json::json!("private"));
    s.other.insert(
        "device_cgroup_rules".into(),
        serde_json::json!(["c 42:* rmw"]),
    );
    assert!(
        unsupported_keys(&s).is_empty(),
        "{:?}",
        unsupported_keys(&s)
    );
    let mut spec = ContainerSpec::new("img");
    host_keys(&mut spec, "proj", "app", &s).unwrap();
    assert_eq!(spec.namespaces.pid, Some(NsMode::Host));
    assert_eq!(
        spec.namespaces.ipc,
        Some(NsMode::Container("proj-db-1".into()))
    );
    assert_eq!(spec.namespaces.cgroup, Some(NsMode::Private));
    assert_eq!(spec.devices[0].to_string(), "/dev/fuse:/dev/f:rw");
    assert_eq!(spec.device_cgroup_rules[0].to_string(), "c 42:* rmw");
    s.pid = Some("sideways".into());
    let err = host_keys(&mut spec, "proj", "app", &s).unwrap_err();
    assert!(
        matches!(&err, Error::ComposeProject(ProjectError::InvalidService { service, key, .. })
            if service == "app" && key == "pid"),
        "{err:?}"
    );
    let e = err.to_string();
    assert!(e.contains("service \"app\": pid:"), "{e}");
}

#[test]
fn resource_keys_map_to_limits_deploy_first() {
    use crate::compose::model::{Deploy, Resource, Resources};
    let mut s = Service {
        mem_limit: Some(64 << 20),
        cpus: Some(0.5),
        pids_limit: Some(100),
        ..Service::default()
    };
    let mut r = crate::spec::resources::Resources::default();
    resources(&mut r, "app", &s).unwrap();
    assert_eq!(r.memory, Some(64 << 20));
    assert_eq!(r.nano_cpus, Some(500_000_000));
    assert_eq!(r.pids_limit, Some(100));
    s.deploy = Some(Deploy {
        resources: Resources {
            limits: Some(Resource {
                cpus: Some(1.25),
                memory: Some(32 << 20),
                pids: None,
            }),
            reservations: Some(Resource {
                memory: Some(16 << 20),
                ..Resource::default()
            }),
        },
        ..Deploy::default()
    });
    let mut r = crate::spec::resources::Resources::default();
    resources(&mut r, "app", &s).unwrap();
    assert_eq!(r.memory, Some(32 << 20));
    assert_eq!(r.memory_reservation, Some(16 << 20));
    assert_eq!(r.nano_cpus, Some(1_250_000_000));
    assert_eq!(r.pids_limit, Some(100));
    assert!(
        unsupported_keys(&s).is_empty(),
        "{:?}",
        unsupported_keys(&s)
    );
    s.cpus = Some(-1.0);
    s.deploy = None;
    let err = resources(&mut r, "app", &s).unwrap_err();
    assert!(
        matches!(&err, Error::ComposeProject(ProjectError::InvalidService { key, .. }) if key == "cpus"),
        "{err:?}"
    );
    let e = err.to_string();
    assert!(e.contains("cpus") && e.contains("positive"), "{e}");
}

#[test]
fn logging_maps_to_the_log_config() {
    use crate::compose::model::Logging;
    let mut s = Service {
        logging: Some(Logging {
            driver: Some("json-file".into()),
            options: [
                ("max-size".to_string(), "10m".to_string()),
                ("max-file".to_string(), "3".to_string()),
            ]
            .into_iter()
            .collect(),
        }),
        ..Service::default()
    };
    let mut log = crate::spec::LogConfig::default();
    logging(&mut log, "app", &s).unwrap();
    assert_eq!(log.driver, None);
    assert_eq!(log.max_size, Some(10_000_000)); // podman reads 10m as 10 MB
    assert!(unsupported_keys(&s).is_empty());
    s.logging = Some(Logging {
        driver: Some("syslog".into()),
        options: [("tag".to_string(), "x".to_string())].into_iter().collect(),
    });
    assert_eq!(
        unsupported_keys(&s),
        ["logging.driver", "logging.options.tag"]
    );
    s.logging = Some(Logging {
        driver: Some("none".into()),
        options: Default::default(),
    });
    let mut log = crate::spec::LogConfig::default();
    logging(&mut log, "app", &s).unwrap();
    assert_eq!(log.driver, Some(crate::spec::LogDriver::None));
}

#[test]
fn depends_on_label_has_compose_shape() {
    let mut s = Service::default();
    s.depends_on.insert(
        "db".into(),
        super::super::super::model::Dependency {
            condition: "service_healthy".into(),
            restart: true,
            required: true,
        },
    );
    assert_eq!(depends_on_label(&s), "db:service_healthy:true");
}
