use super::*;
use crate::network::subnet;

fn fresh() -> Fresh {
    Fresh {
        id: "a".repeat(64),
        now: DateTime::parse_from_rfc3339("2024-05-01T10:00:00.120000+02:00").unwrap(),
        ipv6_random: [0xaa; 7],
        pools: subnet::default_pools(),
    }
}

fn base() -> Vec<Network> {
    vec![default_network(fresh().now)]
}

fn create(req: &CreateRequest, existing: &[Network]) -> Result<Network, ConfigError> {
    plan_create(req, existing, &HostView::default(), fresh())
}

fn named(name: &str) -> CreateRequest {
    CreateRequest {
        name: Some(name.into()),
        ..CreateRequest::default()
    }
}

#[test]
fn a_plain_network_gets_podman_s_defaults() {
    let n = create(&named("appnet"), &base()).unwrap();
    assert_eq!(n.name, "appnet");
    assert_eq!(n.driver, "bridge");
    assert_eq!(n.network_interface, "podman1");
    assert_eq!(n.subnets.len(), 1);
    assert_eq!(n.subnets[0].subnet.to_string(), "10.89.0.0/24");
    assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.0.1");
    assert!(n.dns_enabled && !n.internal && !n.ipv6_enabled);
    assert_eq!(n.ipam_options["driver"], "host-local");
    let json = serde_json::to_string(&n).unwrap();
    assert_eq!(
        json,
        format!(
            "{{\"name\":\"appnet\",\"id\":\"{}\",\"driver\":\"bridge\",\"network_interface\":\"podman1\",\"created\":\"2024-05-01T10:00:00.12+02:00\",\"subnets\":[{{\"subnet\":\"10.89.0.0/24\",\"gateway\":\"10.89.0.1\"}}],\"ipv6_enabled\":false,\"internal\":false,\"dns_enabled\":true,\"ipam_options\":{{\"driver\":\"host-local\"}}}}",
            "a".repeat(64)
        )
    );
    let back: Network = serde_json::from_str(&json).unwrap();
    assert_eq!(back, n);
}

#[test]
fn go_times() {
    let t = |s| format_go_time(&DateTime::parse_from_rfc3339(s).unwrap());
    assert_eq!(t("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00Z");
    assert_eq!(
        t("2024-05-01T10:00:00.5-07:00"),
        "2024-05-01T10:00:00.5-07:00"
    );
    assert_eq!(
        t("2024-05-01T10:00:00.123456789+00:00"),
        "2024-05-01T10:00:00.123456789Z"
    );
}

#[test]
fn subnets_are_chosen_around_used_ones() {
    let mut existing = base();
    existing.push(create(&named("a"), &existing).unwrap());
    let host = HostView {
        subnets: vec!["10.89.1.0/24".parse().unwrap()],
        interfaces: vec!["podman2".into()],
    };
    let n = plan_create(&named("b"), &existing, &host, fresh()).unwrap();
    assert_eq!(n.subnets[0].subnet.to_string(), "10.89.2.0/24");
    assert_eq!(n.network_interface, "podman3");
    // An unnamed network takes the interface's name.
    let n = plan_create(&CreateRequest::default(), &existing, &host, fresh()).unwrap();
    assert_eq!(
        (n.name.as_str(), n.network_interface.as_str()),
        ("podman3", "podman3")
    );
}

#[test]
fn explicit_subnet_gateway_range_and_ipv6() {
    let req = CreateRequest {
        subnets: vec!["10.89.5.7/24".into(), "fd10::/64".into()],
        gateways: vec!["10.89.5.254".into()],
        ranges: vec!["10.89.5.128/25".into(), "fd10::10-fd10::20".into()],
        internal: true,
        ..named("backend")
    };
    let n = create(&req, &base()).unwrap();
    assert_eq!(n.subnets[0].subnet.to_string(), "10.89.5.0/24");
    assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.5.254");
    let r = n.subnets[0].lease_range.as_ref().unwrap();
    assert_eq!(
        (
            r.start_ip.unwrap().to_string(),
            r.end_ip.unwrap().to_string()
        ),
        ("10.89.5.129".into(), "10.89.5.255".into())
    );
    assert_eq!(n.subnets[1].gateway.unwrap().to_string(), "fd10::1");
    assert!(n.ipv6_enabled && n.internal && n.dns_enabled);
    // --ipv6 alone adds both families.
    let n = create(
        &CreateRequest {
            ipv6: true,
            ..named("dual")
        },
        &base(),
    )
    .unwrap();
    assert_eq!(n.subnets[0].subnet.to_string(), "10.89.0.0/24");
    assert_eq!(n.subnets[1].subnet.to_string(), "fdaa:aaaa:aaaa:aaaa::/64");
    // Internal without DNS has no gateway.
    let n = create(
        &CreateRequest {
            internal: true,
            disable_dns: true,
            ..named("quiet")
        },
        &base(),
    )
    .unwrap();
    assert_eq!(n.subnets[0].gateway, None);
    assert!(!n.dns_enabled);
}

#[test]
fn options_are_checked_and_normalised() {
    let mut req = named("o");
    req.options = BTreeMap::from([
        ("mtu".to_string(), "1400".to_string()),
        ("isolate".to_string(), "1".to_string()),
        (
            "com.docker.network.bridge.name".to_string(),
            "br-o".to_string(),
        ),
    ]);
    let n = create(&req, &base()).unwrap();
    assert_eq!(n.options["isolate"], "true");
    assert_eq!(n.options["mtu"], "1400");
    assert_eq!(n.network_interface, "br-o");
    for (k, v, want) in [
        ("mtu", "x", "invalid syntax"),
        ("mtu", "-1", "less than zero"),
        ("isolate", "maybe", "failed to parse isolate option"),
        ("vlan", "5000", "between 0 and 4094"),
        ("mode", "weird", "unknown bridge mode"),
        ("bogus", "1", "unsupported bridge network option bogus"),
    ] {
        let mut req = named("o");
        req.options = BTreeMap::from([(k.to_string(), v.to_string())]);
        let e = create(&req, &base()).unwrap_err().to_string();
        assert!(e.contains(want), "{k}={v}: {e}");
    }
}

#[test]
fn bad_requests_say_what_is_wrong() {
    let mut existing = base();
    existing.push(
        create(
            &CreateRequest {
                subnets: vec!["10.89.7.0/24".into()],
                ..named("taken")
            },
            &existing,
        )
        .unwrap(),
    );
    let cases: Vec<(CreateRequest, &str)> = vec![
        (
            named("taken"),
            "network name taken already used: network already exists",
        ),
        (named("-x"), "network name -x invalid: names must match"),
        (
            named("bridge"),
            "cannot create network with name \"bridge\" because it conflicts",
        ),
        (
            CreateRequest {
                driver: "macvlan".into(),
                ..named("m")
            },
            "failed to find driver or plugin \"macvlan\"",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.7.128/25".into()],
                ..named("o")
            },
            "subnet 10.89.7.128/25 is already used on the host or by another config",
        ),
        (
            CreateRequest {
                subnets: vec!["10.88.3.0/24".into()],
                ..named("o")
            },
            "subnet 10.88.3.0/24 is already used",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.9.0/24".into()],
                gateways: vec!["10.89.10.1".into()],
                ..named("o")
            },
            "gateway 10.89.10.1 not in subnet 10.89.9.0/24",
        ),
        (
            CreateRequest {
                gateways: vec!["10.89.10.1".into()],
                ..named("o")
            },
            "cannot set gateway or range without subnet",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.9.0/24".into()],
                gateways: vec!["10.89.9.1".into(), "10.89.9.2".into()],
                ..named("o")
            },
            "cannot set more gateways than subnets",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.9.0/24".into()],
                ranges: vec!["10.89.8.0/25".into()],
                ..named("o")
            },
            "lease range start ip 10.89.8.1 not in subnet 10.89.9.0/24",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.9.0/33".into()],
                ..named("o")
            },
            "invalid CIDR address: 10.89.9.0/33",
        ),
        (
            CreateRequest {
                subnets: vec!["10.89.9.0/24".into(), "10.89.9.0/25".into()],
                ..named("o")
            },
            "subnet 10.89.9.0/25 is already used",
        ),
        (
            CreateRequest {
                interface_name: Some("podman1".into()),
                ..named("o")
            },
            "bridge name podman1 already in use",
        ),
        (
            CreateRequest {
                interface_name: Some("a-very-long-name0".into()),
                ..named("o")
            },
            "interface name is too long",
        ),
        (
            CreateRequest {
                disable_dns: true,
                dns_servers: vec!["1.1.1.1".into()],
                ..named("o")
            },
            "cannot set NetworkDNSServers if DNS is not enabled",
        ),
        (
            CreateRequest {
                routes: vec!["10.0.0.1/8,10.89.0.1".into()],
                ..named("o")
            },
            "route destination invalid",
        ),
        (
            CreateRequest {
                ipam_driver: Some("dhcp".into()),
                ..named("o")
            },
            "ipam driver dhcp is not supported",
        ),
    ];
    for (req, want) in cases {
        let e = create(&req, &existing).unwrap_err().to_string();
        assert!(e.contains(want), "{req:?}: {e}");
    }
}

#[test]
fn loaded_files_are_checked() {
    let mut n = create(&named("x"), &base()).unwrap();
    n.subnets[0].gateway = None;
    check_loaded(&mut n, "x").unwrap();
    assert_eq!(n.subnets[0].gateway.unwrap().to_string(), "10.89.0.1");
    assert!(check_loaded(&mut n.clone(), "y").is_err());
    let mut bad = n.clone();
    bad.id = "12".into();
    assert!(check_loaded(&mut bad, "x")
        .unwrap_err()
        .contains("invalid network ID"));
}
