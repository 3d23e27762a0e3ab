//! The `--network` modes as typed values ([`Mode`]), with podman's grammar:
//! `none`, `host`, `pasta[:ARGS]`, `slirp4netns[:OPTIONS]`,
//! `container:NAME`, `ns:PATH`, and the name of a network with its
//! per-container options (`NAME[:ip=…,mac=…,alias=…,interface_name=…]`);
//! also `--add-host` entries ([`HostEntry`]).
//!
//! `private`, `default` and `bridge` stand for the default mode, which
//! depends on what is installed: [`parse_network_flags`] returns `None` for
//! them and the caller resolves it ([`super::default_rootless`]).

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::config::{valid_name, validate_interface_name};
use crate::spec::Invalid;

/// Options of the slirp4netns mode (podman's `slirp4netns:` options).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlirpOptions {
    /// Let the container reach the host's loopback through 10.0.2.2
    /// (`allow_host_loopback=true`; podman's default is false).
    pub allow_host_loopback: bool,
    /// MTU of the tap device (`mtu=`; default 65520 as podman).
    pub mtu: u32,
    /// Give the container IPv6 (`enable_ipv6=true`; podman's default since 4.0).
    pub enable_ipv6: bool,
    /// The IPv4 network of tap0 (`cidr=`; `None`: slirp4netns's 10.0.2.0/24).
    #[serde(default)]
    pub cidr: Option<super::subnet::IpNet>,
    /// The host address or interface outgoing IPv4 connections use (`outbound_addr=`).
    #[serde(default)]
    pub outbound_addr: Option<String>,
    /// The host address or interface outgoing IPv6 connections use (`outbound_addr6=`).
    #[serde(default)]
    pub outbound_addr6: Option<String>,
}

impl Default for SlirpOptions {
    fn default() -> Self {
        SlirpOptions {
            allow_host_loopback: false,
            mtu: 65520,
            enable_ipv6: true,
            cidr: None,
            outbound_addr: None,
            outbound_addr6: None,
        }
    }
}

/// A MAC address (`--network NAME:mac=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MacAddress(pub [u8; 6]);

impl fmt::Display for MacAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

impl FromStr for MacAddress {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        let bad = || {
            Invalid::new(format!(
                "invalid MAC address {s:?}: use 6 hex bytes, as 92:d0:c6:0a:29:33"
            ))
        };
        let parts: Vec<&str> = s.split([':', '-']).collect();
        if parts.len() != 6 {
            return Err(bad());
        }
        let mut b = [0u8; 6];
        for (i, p) in parts.iter().enumerate() {
            if p.len() != 2 {
                return Err(bad());
            }
            b[i] = u8::from_str_radix(p, 16).map_err(|_| bad())?;
        }
        Ok(MacAddress(b))
    }
}

impl TryFrom<String> for MacAddress {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        s.parse()
    }
}

impl From<MacAddress> for String {
    fn from(m: MacAddress) -> String {
        m.to_string()
    }
}

/// The container on one network (`--network NAME[:OPTIONS]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attachment {
    /// The network's name (or ID).
    pub network: String,
    /// Fixed addresses (`ip=`, `ip6=`); none: leased from its subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub static_ips: Vec<IpAddr>,
    /// A fixed MAC address (`mac=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<MacAddress>,
    /// More names the container answers to on this network (`alias=`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The interface's name inside the container (`interface_name=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_name: Option<String>,
}

impl fmt::Display for Attachment {
    /// The flag form: `NAME[:ip=…,mac=…,alias=…,interface_name=…]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.network)?;
        let mut opts: Vec<String> = Vec::new();
        for ip in &self.static_ips {
            let key = if ip.is_ipv6() { "ip6" } else { "ip" };
            opts.push(format!("{key}={ip}"));
        }
        if let Some(m) = self.mac {
            opts.push(format!("mac={m}"));
        }
        opts.extend(self.aliases.iter().map(|a| format!("alias={a}")));
        if let Some(i) = &self.interface_name {
            opts.push(format!("interface_name={i}"));
        }
        if !opts.is_empty() {
            write!(f, ":{}", opts.join(","))?;
        }
        Ok(())
    }
}

/// How a container is networked (podman's `--network`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "mode", content = "options", rename_all = "kebab-case")]
pub enum Mode {
    /// Own network namespace with only loopback.
    #[default]
    None,
    /// The host's network namespace.
    Host,
    /// Own network namespace connected by pasta; `extra_args` are given to
    /// pasta after rpod's own (`pasta:--map-gw,-t,8080`).
    Pasta {
        /// Arguments for pasta, split at commas.
        extra_args: Vec<String>,
    },
    /// Own network namespace connected by slirp4netns.
    Slirp4netns(SlirpOptions),
    /// The network namespace of another container (`container:NAME`; rpod
    /// records the container's full ID). The container also joins the user
    /// namespace that owns it, as podman's rootless containers share one.
    Container(String),
    /// The network namespace at a path (`ns:/run/netns/NAME`,
    /// `ns:/proc/PID/ns/net`), joined with its owning user namespace.
    Namespace(PathBuf),
    /// Own network namespace on one or more user-defined networks
    /// (`--network NAME[:OPTIONS]`, repeated). Containers cannot join
    /// networks yet: creating one in this mode is refused.
    Bridge(Vec<Attachment>),
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mode::None => f.write_str("none"),
            Mode::Host => f.write_str("host"),
            Mode::Pasta { extra_args } if extra_args.is_empty() => f.write_str("pasta"),
            Mode::Pasta { extra_args } => write!(f, "pasta:{}", extra_args.join(",")),
            Mode::Slirp4netns(o) => {
                f.write_str("slirp4netns")?;
                let d = SlirpOptions::default();
                let mut opts = Vec::new();
                if o.allow_host_loopback != d.allow_host_loopback {
                    opts.push(format!("allow_host_loopback={}", o.allow_host_loopback));
                }
                if o.mtu != d.mtu {
                    opts.push(format!("mtu={}", o.mtu));
                }
                if o.enable_ipv6 != d.enable_ipv6 {
                    opts.push(format!("enable_ipv6={}", o.enable_ipv6));
                }
                if let Some(c) = &o.cidr {
                    opts.push(format!("cidr={c}"));
                }
                if let Some(a) = &o.outbound_addr {
                    opts.push(format!("outbound_addr={a}"));
                }
                if let Some(a) = &o.outbound_addr6 {
                    opts.push(format!("outbound_addr6={a}"));
                }
                if !opts.is_empty() {
                    write!(f, ":{}", opts.join(","))?;
                }
                Ok(())
            }
            Mode::Container(name) => write!(f, "container:{name}"),
            Mode::Namespace(path) => write!(f, "ns:{}", path.display()),
            Mode::Bridge(nets) => {
                let names: Vec<String> = nets.iter().map(ToString::to_string).collect();
                f.write_str(&names.join(" "))
            }
        }
    }
}

/// The values `private`, `default` and `bridge` (and an empty one) stand
/// for: the default mode, which depends on what is installed.
pub const DEFAULT_NAMES: [&str; 3] = ["private", "default", "bridge"];

fn parse_bool(key: &str, v: &str) -> Result<bool, Invalid> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Invalid::new(format!(
            "{key} must be true or false, not {v:?}"
        ))),
    }
}

impl Mode {
    /// Whether the container gets its own network namespace.
    pub fn own_netns(&self) -> bool {
        !matches!(self, Mode::Host | Mode::Container(_) | Mode::Namespace(_))
    }

    /// Whether the container joins an existing network namespace
    /// (`container:` or `ns:`) instead of getting one of its own.
    pub fn joins(&self) -> bool {
        matches!(self, Mode::Container(_) | Mode::Namespace(_))
    }

    /// Whether a user-mode helper connects it (pasta, slirp4netns), which
    /// is what publishes ports.
    pub fn has_helper(&self) -> bool {
        matches!(self, Mode::Pasta { .. } | Mode::Slirp4netns(_))
    }
}

/// Parses the values of the repeatable `--network` flag: `None` for the
/// default (no value, an empty one, `private`, `default`, `bridge`);
/// several values are networks to join (each `NAME[:OPTIONS]`).
pub fn parse_network_flags(values: &[String]) -> Result<Option<Mode>, Invalid> {
    let given: Vec<&str> = values
        .iter()
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
    match given.as_slice() {
        [] => Ok(None),
        [one] if DEFAULT_NAMES.contains(one) => Ok(None),
        [one] => one.parse().map(Some),
        many => {
            let mut nets: Vec<Attachment> = Vec::new();
            for v in many {
                match v.parse::<Mode>() {
                    Ok(Mode::Bridge(a)) => {
                        for a in a {
                            if nets.iter().any(|n| n.network == a.network) {
                                return Err(Invalid::new(format!(
                                    "network {} is given twice",
                                    a.network
                                )));
                            }
                            nets.push(a);
                        }
                    }
                    Ok(other) => {
                        return Err(Invalid::new(format!(
                            "{other} cannot be combined with other --network values: only \
                             networks (by name) can be joined together"
                        )))
                    }
                    Err(_) if DEFAULT_NAMES.contains(v) => {
                        return Err(Invalid::new(format!(
                            "{v} cannot be combined with other --network values"
                        )))
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(Some(Mode::Bridge(nets)))
        }
    }
}

fn parse_attachment(name: &str, opts: Option<&str>) -> Result<Attachment, Invalid> {
    let mut a = Attachment {
        network: name.to_string(),
        ..Attachment::default()
    };
    for kv in opts
        .into_iter()
        .flat_map(|o| o.split(','))
        .filter(|s| !s.is_empty())
    {
        let (k, v) = kv.split_once('=').ok_or_else(|| {
            Invalid::new(format!(
                "network option {kv:?} needs a value: use ip=, ip6=, mac=, alias= or interface_name="
            ))
        })?;
        match k {
            "ip" | "ip6" => {
                let ip: IpAddr = v
                    .parse()
                    .map_err(|_| Invalid::new(format!("{k}={v}: not an IP address")))?;
                if (k == "ip6") != ip.is_ipv6() {
                    return Err(Invalid::new(format!(
                        "{k}={v}: use ip= for IPv4 and ip6= for IPv6 addresses"
                    )));
                }
                a.static_ips.push(ip);
            }
            "mac" => a.mac = Some(v.parse()?),
            "alias" => a.aliases.push(v.to_string()),
            "interface_name" => {
                validate_interface_name(v).map_err(Invalid::new)?;
                a.interface_name = Some(v.to_string());
            }
            _ => {
                return Err(Invalid::new(format!(
                    "unknown network option {k:?}: use ip, ip6, mac, alias or interface_name"
                )))
            }
        }
    }
    Ok(a)
}

impl FromStr for Mode {
    type Err = Invalid;

    /// Parses one `--network` value except the defaults that depend on
    /// what is installed (`private`, `default`, `bridge`: see
    /// [`parse_network_flags`]), which are an error here.
    fn from_str(value: &str) -> Result<Mode, Invalid> {
        let (name, opts) = match value.split_once(':') {
            Some((n, o)) => (n, Some(o)),
            None => (value, None),
        };
        let no_opts = |m: Mode| match opts {
            None => Ok(m),
            Some(_) => Err(Invalid::new(format!("{name} takes no options"))),
        };
        match name {
            "none" => no_opts(Mode::None),
            "host" => no_opts(Mode::Host),
            "pasta" => Ok(Mode::Pasta {
                extra_args: opts
                    .map(|o| {
                        o.split(',')
                            .filter(|a| !a.is_empty())
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default(),
            }),
            "slirp4netns" => {
                let mut o = SlirpOptions::default();
                for kv in opts
                    .into_iter()
                    .flat_map(|o| o.split(','))
                    .filter(|s| !s.is_empty())
                {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
                    match k {
                        "allow_host_loopback" => o.allow_host_loopback = parse_bool(k, v)?,
                        "enable_ipv6" => o.enable_ipv6 = parse_bool(k, v)?,
                        "mtu" => {
                            o.mtu = v
                                .parse()
                                .ok()
                                .filter(|m| (68..=65521).contains(m))
                                .ok_or_else(|| {
                                    Invalid::new(format!("mtu must be 68-65521, not {v:?}"))
                                })?
                        }
                        "cidr" => {
                            let net: super::subnet::IpNet = v.parse().map_err(|_| {
                                Invalid::new(format!("cidr={v}: give an IPv4 network such as 10.0.3.0/24"))
                            })?;
                            // tap0 gets the network's .100, so the host
                            // part needs at least 7 bits.
                            if !net.is_ipv4() || net.prefix() > 25 {
                                return Err(Invalid::new(format!(
                                    "cidr={v}: give an IPv4 network of at most /25 (the container gets its .100 address)"
                                )));
                            }
                            o.cidr = Some(net);
                        }
                        "outbound_addr" | "outbound_addr6" => {
                            let want_v6 = k == "outbound_addr6";
                            let ok = match super::subnet::parse_ip(v) {
                                Some(ip) => ip.is_ipv6() == want_v6,
                                None => !v.is_empty() && !v.contains(['/', ' ']),
                            };
                            if !ok {
                                return Err(Invalid::new(format!(
                                    "{k}={v}: give an {} address or an interface name",
                                    if want_v6 { "IPv6" } else { "IPv4" }
                                )));
                            }
                            if want_v6 {
                                o.outbound_addr6 = Some(v.to_string());
                            } else {
                                o.outbound_addr = Some(v.to_string());
                            }
                        }
                        "port_handler" if v == "slirp4netns" => {}
                        "port_handler" => {
                            return Err(Invalid::new(
                                "rpod publishes slirp4netns ports through its API socket: only \
                                 port_handler=slirp4netns is supported",
                            ))
                        }
                        _ => {
                            return Err(Invalid::new(format!(
                                "unknown slirp4netns option {k:?}: rpod supports \
                                 allow_host_loopback, cidr, enable_ipv6, mtu, outbound_addr, \
                                 outbound_addr6, port_handler"
                            )))
                        }
                    }
                }
                Ok(Mode::Slirp4netns(o))
            }
            "container" => match opts {
                Some(n) if !n.is_empty() => Ok(Mode::Container(n.to_string())),
                _ => Err(Invalid::new("container: needs a container name or id")),
            },
            "ns" => match opts {
                Some(p) if p.starts_with('/') => Ok(Mode::Namespace(PathBuf::from(p))),
                _ => Err(Invalid::new(
                    "ns: needs the absolute path of a network namespace file, e.g. ns:/run/netns/NAME",
                )),
            },
            n if DEFAULT_NAMES.contains(&n) => Err(Invalid::new(
                "the default mode depends on what is installed: see parse_network_flags",
            )),
            n if valid_name(n) => Ok(Mode::Bridge(vec![parse_attachment(n, opts)?])),
            _ => Err(Invalid::new(
                "rpod supports none, host, pasta[:OPTIONS], slirp4netns[:OPTIONS], \
                 container:NAME, ns:PATH, private, and network names",
            )),
        }
    }
}

/// One `--add-host NAME:ADDRESS` entry of the container's /etc/hosts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostEntry {
    /// The host name.
    pub name: String,
    /// Its address.
    pub addr: IpAddr,
}

impl FromStr for HostEntry {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<HostEntry, Invalid> {
        s.split_once(':')
            .filter(|(n, _)| !n.is_empty())
            .and_then(|(n, a)| {
                Some(HostEntry {
                    name: n.to_string(),
                    addr: a.parse().ok()?,
                })
            })
            .ok_or_else(|| Invalid::new("expected NAME:ADDRESS, e.g. db:10.1.2.3"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_network_values() {
        let cases: Vec<(&str, Mode)> = vec![
            ("none", Mode::None),
            ("host", Mode::Host),
            ("pasta", Mode::Pasta { extra_args: vec![] }),
            (
                "pasta:--map-gw,-t,8080",
                Mode::Pasta {
                    extra_args: vec!["--map-gw".into(), "-t".into(), "8080".into()],
                },
            ),
            ("slirp4netns", Mode::Slirp4netns(SlirpOptions::default())),
            (
                "slirp4netns:allow_host_loopback=true,mtu=1500,enable_ipv6=false",
                Mode::Slirp4netns(SlirpOptions {
                    allow_host_loopback: true,
                    mtu: 1500,
                    enable_ipv6: false,
                    ..SlirpOptions::default()
                }),
            ),
            (
                "slirp4netns:cidr=10.0.5.0/24,outbound_addr=eth0,outbound_addr6=::1",
                Mode::Slirp4netns(SlirpOptions {
                    cidr: Some("10.0.5.0/24".parse().unwrap()),
                    outbound_addr: Some("eth0".into()),
                    outbound_addr6: Some("::1".into()),
                    ..SlirpOptions::default()
                }),
            ),
            ("container:web", Mode::Container("web".into())),
            (
                "ns:/run/netns/blue",
                Mode::Namespace(PathBuf::from("/run/netns/blue")),
            ),
            (
                "appnet",
                Mode::Bridge(vec![Attachment {
                    network: "appnet".into(),
                    ..Attachment::default()
                }]),
            ),
            (
                "appnet:ip=10.89.0.5,mac=92:d0:c6:0a:29:33,alias=db,interface_name=eth1",
                Mode::Bridge(vec![Attachment {
                    network: "appnet".into(),
                    static_ips: vec!["10.89.0.5".parse().unwrap()],
                    mac: Some(MacAddress([0x92, 0xd0, 0xc6, 0x0a, 0x29, 0x33])),
                    aliases: vec!["db".into()],
                    interface_name: Some("eth1".into()),
                }]),
            ),
        ];
        for (s, want) in cases {
            let got: Mode = s.parse().unwrap();
            assert_eq!(got, want, "{s}");
            assert_eq!(got.to_string(), s, "round trip of {s}");
            let json = serde_json::to_string(&got).unwrap();
            assert!(json.starts_with("{\"mode\":"), "{json}");
            assert_eq!(serde_json::from_str::<Mode>(&json).unwrap(), got, "{json}");
        }
    }

    #[test]
    fn rejects_bad_network_values() {
        for (s, want) in [
            ("bogus!", "rpod supports none, host"),
            ("none:x", "none takes no options"),
            ("container:", "needs a container name"),
            ("ns:", "needs the absolute path"),
            ("ns:run/netns/x", "needs the absolute path"),
            ("slirp4netns:mtu=9", "mtu must be 68-65521"),
            (
                "slirp4netns:allow_host_loopback=yes",
                "must be true or false",
            ),
            ("slirp4netns:cidr=10.1.0.0/26", "at most /25"),
            ("slirp4netns:cidr=fd00::/64", "at most /25"),
            ("slirp4netns:cidr=10.1.0.0", "IPv4 network"),
            ("slirp4netns:outbound_addr=::1", "an IPv4 address"),
            ("slirp4netns:outbound_addr6=10.0.0.1", "an IPv6 address"),
            (
                "slirp4netns:color=blue",
                "unknown slirp4netns option \"color\"",
            ),
            (
                "slirp4netns:port_handler=rootlessport",
                "only port_handler=slirp4netns",
            ),
            ("bridge", "depends on what is installed"),
            ("net:ip=10.0.0.300", "not an IP address"),
            ("net:ip6=10.0.0.3", "use ip= for IPv4"),
            ("net:mac=zz", "invalid MAC address"),
            ("net:interface_name=a/b", "interface name contains"),
            ("net:color=blue", "unknown network option \"color\""),
            ("net:alias", "needs a value"),
        ] {
            let e = s.parse::<Mode>().unwrap_err().to_string();
            assert!(e.contains(want), "{s}: {e}");
        }
    }

    #[test]
    fn repeated_flags_join_networks_or_stand_alone() {
        let flags =
            |v: &[&str]| parse_network_flags(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(flags(&[]), Ok(None));
        assert_eq!(flags(&[""]), Ok(None));
        assert_eq!(flags(&["private"]), Ok(None));
        assert_eq!(flags(&["host"]), Ok(Some(Mode::Host)));
        match flags(&["a", "b:alias=x"]) {
            Ok(Some(Mode::Bridge(n))) => {
                assert_eq!(n.len(), 2);
                assert_eq!(n[1].aliases, ["x"]);
            }
            other => panic!("{other:?}"),
        }
        for (v, want) in [
            (&["host", "a"][..], "cannot be combined"),
            (&["a", "bridge"][..], "cannot be combined"),
            (&["a", "a"][..], "given twice"),
        ] {
            let e = flags(v).unwrap_err().to_string();
            assert!(e.contains(want), "{v:?}: {e}");
        }
    }

    #[test]
    fn host_entries() {
        let h: HostEntry = "db:10.1.2.3".parse().unwrap();
        assert_eq!(
            (h.name.as_str(), h.addr.to_string()),
            ("db", "10.1.2.3".into())
        );
        let h: HostEntry = "v6:::1".parse().unwrap();
        assert!(h.addr.is_ipv6());
        for bad in ["db", ":10.1.2.3", "db:nope"] {
            assert!(bad.parse::<HostEntry>().is_err(), "{bad}");
        }
        // Records of older rpods stored (name, address) pairs.
        let old: HostEntry = serde_json::from_str(r#"["db","10.1.2.3"]"#).unwrap();
        assert_eq!(old.name, "db");
    }
}
