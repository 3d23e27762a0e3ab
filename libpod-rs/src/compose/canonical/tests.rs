use std::path::Path;

use super::short::clean_path;
use super::*;
use crate::compose::emit::plain_yaml;

fn vol(spec: &str) -> String {
    plain_yaml(&parse_volume(spec).unwrap())
}

#[test]
fn volumes_short_syntax() {
    let cases: &[(&str, &str)] = &[
        ("/data", "type: volume\ntarget: /data\nvolume: {}\n"),
        (
            "./src:/app",
            "type: bind\nsource: ./src\ntarget: /app\nbind:\n  create_host_path: true\n",
        ),
        (
            "/host:/ctr:ro",
            "type: bind\nsource: /host\ntarget: /ctr\nread_only: true\nbind:\n  create_host_path: true\n",
        ),
        (
            "data:/var/lib/data",
            "type: volume\nsource: data\ntarget: /var/lib/data\nvolume: {}\n",
        ),
        (
            "data:/x:nocopy",
            "type: volume\nsource: data\ntarget: /x\nvolume:\n  nocopy: true\n",
        ),
        (
            "~/cfg:/etc/cfg:ro,z",
            "type: bind\nsource: ~/cfg\ntarget: /etc/cfg\nread_only: true\nbind:\n  selinux: z\n  create_host_path: true\n",
        ),
        (
            "./a:/b/../c/",
            "type: bind\nsource: ./a\ntarget: /c\nbind:\n  create_host_path: true\n",
        ),
        // Not a path by its first character (interpolation comes first anyway).
        (
            "${DIR:-/x}:/y",
            "type: volume\nsource: ${DIR:-/x}\ntarget: /y\nvolume: {}\n",
        ),
    ];
    for (spec, want) in cases {
        assert_eq!(vol(spec), *want, "{spec}");
    }
    assert!(parse_volume("ab:/b:ro:x").is_err());
    assert!(parse_volume("ab::/c").is_err());
}

fn ports(spec: &str) -> String {
    parse_ports(spec)
        .unwrap()
        .iter()
        .map(plain_yaml)
        .collect::<Vec<_>>()
        .join("--\n")
}

#[test]
fn ports_short_syntax() {
    let cases: &[(&str, &str)] = &[
        ("80", "mode: ingress\ntarget: 80\nprotocol: tcp\n"),
        (
            "8080:80",
            "mode: ingress\ntarget: 80\npublished: \"8080\"\nprotocol: tcp\n",
        ),
        (
            "127.0.0.1:8080:80/udp",
            "mode: ingress\nhost_ip: 127.0.0.1\ntarget: 80\npublished: \"8080\"\nprotocol: udp\n",
        ),
        (
            "127.0.0.1::80",
            "mode: ingress\nhost_ip: 127.0.0.1\ntarget: 80\nprotocol: tcp\n",
        ),
        (
            "[::1]:6000:6000",
            "mode: ingress\nhost_ip: ::1\ntarget: 6000\npublished: \"6000\"\nprotocol: tcp\n",
        ),
        (
            "9090-9091:8080-8081",
            "mode: ingress\ntarget: 8080\npublished: \"9090\"\nprotocol: tcp\n--\nmode: ingress\ntarget: 8081\npublished: \"9091\"\nprotocol: tcp\n",
        ),
        (
            "8000-8010:80",
            "mode: ingress\ntarget: 80\npublished: 8000-8010\nprotocol: tcp\n",
        ),
        (
            "3000-3001",
            "mode: ingress\ntarget: 3000\nprotocol: tcp\n--\nmode: ingress\ntarget: 3001\nprotocol: tcp\n",
        ),
    ];
    for (spec, want) in cases {
        assert_eq!(ports(spec), *want, "{spec}");
    }
    for bad in ["80-81:90-93", "x", "80/ftp", "1.2.3:80:80", ""] {
        assert!(parse_ports(bad).is_err(), "{bad}");
    }
}

#[test]
fn paths() {
    assert_eq!(clean_path("/a/./b/../c/"), "/a/c");
    assert_eq!(clean_path("a/../.."), "..");
    assert_eq!(abs_path(Path::new("/p"), "./x/../y", None), "/p/y");
    assert_eq!(
        abs_path(Path::new("/p"), "~/d", Some("/home/u")),
        "/home/u/d"
    );
    assert_eq!(abs_path(Path::new("/p"), "/abs", None), "/abs");
}
