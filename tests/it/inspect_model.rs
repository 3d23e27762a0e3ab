//! podman 5's inspect data model: the fields scripts read with `jq` or
//! `--format` are present for containers, pods and volumes, with the values
//! the container was created with; as the unprivileged user.

use crate::pull::busybox_env as setup;

/// The JSON value at a dotted path (`HostConfig.CapAdd`), or None.
fn at<'a>(v: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

#[test]
fn container_inspect_has_podman_5s_fields_with_their_values() {
    let (env, image) = require!(setup());
    env.rpod([
        "create",
        "--name",
        "c1",
        "--entrypoint",
        "sleep",
        "--cap-add",
        "NET_ADMIN",
        "--cap-drop",
        "KILL",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "example.test",
        "--dns-option",
        "ndots:2",
        "--add-host",
        "db:192.0.2.7",
        "--tmpfs",
        "/scratch",
        &image,
        "100",
    ])
    .run()
    .success();
    let v = env.rpod(["inspect", "c1"]).run().success().json();
    let c = &v[0];
    // Every one of these is printed by podman 5 for any container.
    for path in [
        "StaticDir",
        "OCIConfigPath",
        "OCIRuntime",
        "PidFile",
        "AppArmorProfile",
        "EffectiveCaps",
        "BoundingCaps",
        "ExecIDs",
        "GraphDriver.Name",
        "GraphDriver.Data",
        "Namespace",
        "KubeExitCodePropagation",
        "lockNumber",
        "UseImageHosts",
        "UseImageHostname",
        "State.CheckpointedAt",
        "State.RestoredAt",
        "NetworkSettings.IPAddress",
        "NetworkSettings.Gateway",
        "NetworkSettings.MacAddress",
        "NetworkSettings.IPPrefixLen",
        "NetworkSettings.Bridge",
        "NetworkSettings.HairpinMode",
        "Config.Entrypoint",
        "Config.Domainname",
        "Config.AttachStdin",
        "Config.StdinOnce",
        "Config.Timeout",
        "HostConfig.CapAdd",
        "HostConfig.CapDrop",
        "HostConfig.Dns",
        "HostConfig.DnsOptions",
        "HostConfig.DnsSearch",
        "HostConfig.ExtraHosts",
        "HostConfig.PortBindings",
        "HostConfig.Tmpfs",
        "HostConfig.AutoRemoveImage",
        "HostConfig.VolumesFrom",
        "HostConfig.Cgroups",
        "HostConfig.Runtime",
        "HostConfig.ConsoleSize",
        "HostConfig.PublishAllPorts",
    ] {
        assert!(at(c, path).is_some(), "inspect lacks {path}: {c:#}");
    }
    // The entrypoint and the command apart, as podman keeps them.
    assert_eq!(c["Config"]["Entrypoint"], serde_json::json!(["sleep"]));
    assert_eq!(c["Config"]["Cmd"], serde_json::json!(["100"]));
    let h = &c["HostConfig"];
    assert_eq!(h["CapAdd"], serde_json::json!(["CAP_NET_ADMIN"]), "{h:#}");
    assert_eq!(h["CapDrop"], serde_json::json!(["CAP_KILL"]), "{h:#}");
    assert_eq!(h["Dns"], serde_json::json!(["192.0.2.53"]));
    assert_eq!(h["DnsSearch"], serde_json::json!(["example.test"]));
    assert_eq!(h["DnsOptions"], serde_json::json!(["ndots:2"]));
    assert_eq!(h["ExtraHosts"], serde_json::json!(["db:192.0.2.7"]));
    assert!(h["Tmpfs"].get("/scratch").is_some(), "{h:#}");
    let bounding: Vec<&str> = c["BoundingCaps"]
        .as_array()
        .expect("BoundingCaps is a list")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert!(bounding.contains(&"CAP_NET_ADMIN"), "{bounding:?}");
    assert!(!bounding.contains(&"CAP_KILL"), "{bounding:?}");
    assert_eq!(c["GraphDriver"]["Name"], "overlay");
    let upper = c["GraphDriver"]["Data"]["UpperDir"]
        .as_str()
        .expect("UpperDir");
    assert!(
        std::path::Path::new(upper).is_dir(),
        "UpperDir {upper} is not a directory"
    );
    // --format reads the same fields.
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.CapAdd}} {{.Config.Entrypoint}} {{.GraphDriver.Name}}",
        "c1",
    ])
    .run()
    .success()
    .stdout_is("[CAP_NET_ADMIN] [sleep] overlay");
}

#[test]
fn pod_and_volume_inspect_have_podman_5s_fields() {
    let (env, _image) = require!(setup());
    env.rpod(["pod", "create", "--name", "p1"]).run().success();
    env.rpod(["volume", "create", "v1"]).run().success();
    let p = env.rpod(["pod", "inspect", "p1"]).run().success().json();
    let p = if p.is_array() { &p[0] } else { &p };
    for path in [
        "LockNumber",
        "InfraConfig.DNSOption",
        "InfraConfig.NoManageHostname",
        "InfraConfig.NoManageHosts",
        "InfraConfig.HostsFile",
    ] {
        assert!(at(p, path).is_some(), "pod inspect lacks {path}: {p:#}");
    }
    let v = env.rpod(["volume", "inspect", "v1"]).run().success().json();
    assert!(at(&v[0], "LockNumber").is_some(), "{v:#}");
}
