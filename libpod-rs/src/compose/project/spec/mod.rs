//! A service of the typed model turned into the [`ContainerSpec`] of one
//! of its containers (the same type `run`/`create` build from flags), its
//! Compose v2 labels, and the config hash that decides whether a running
//! container still matches the file. Keys rpod cannot honour yet are
//! named in warnings, never silently dropped.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use super::super::model::{Project, Service, Ulimit as ComposeUlimit};
use super::error::ProjectError;
use super::{container_labels, labels, Context};
use crate::error::{Error, Result};
use crate::health::{self, Check, HealthConfig};
use crate::network::ports::parse_publish_spec;
use crate::network::{Attachment, HostEntry, Mode};
use crate::spec::{
    apply_security_opt, parse_flag, parse_signal, CapSet, ContainerSpec, EnvVar, PullPolicy, Ulimit,
};

mod files;
mod keys;

pub use files::project_files_dir;
use files::{file_mounts, mounts};
pub use keys::{config_hash, unsupported_keys};

/// The image a service runs: its `image:`, else `PROJECT-SERVICE` (the
/// name Compose v2 gives the image it builds).
pub fn image_name(project: &str, service: &str, s: &Service) -> String {
    s.image
        .clone()
        .unwrap_or_else(|| format!("{project}-{service}"))
}

/// `pid`, `ipc`, `cgroup`, `devices`, `device_cgroup_rules`: the
/// namespace modes (`service:NAME` is that service's first container)
/// and devices, as `run`'s flags take them.
fn host_keys(spec: &mut ContainerSpec, project: &str, name: &str, s: &Service) -> Result<()> {
    use crate::spec::{NsKind, NsMode};
    let cgroup = s.other.get("cgroup").and_then(|v| v.as_str());
    for (key, kind, v) in [
        ("pid", NsKind::Pid, s.pid.as_deref()),
        ("ipc", NsKind::Ipc, s.ipc.as_deref()),
        ("cgroup", NsKind::Cgroup, cgroup),
    ] {
        let Some(v) = v else { continue };
        let v = match v.strip_prefix("service:") {
            Some(svc) => format!("container:{project}-{svc}-1"),
            None => v.to_string(),
        };
        *spec.namespaces.get_mut(kind) = NsMode::parse(kind, &v).map_err(|e| bad(name, key, e))?;
    }
    for d in &s.devices {
        let text = match &d.permissions {
            Some(p) => format!("{}:{}:{p}", d.source, d.target),
            None if d.target.is_empty() => d.source.clone(),
            None => format!("{}:{}", d.source, d.target),
        };
        spec.devices.push(
            text.parse()
                .map_err(|e| bad(name, "devices", format!("{text}: {e}")))?,
        );
    }
    if let Some(rules) = s
        .other
        .get("device_cgroup_rules")
        .and_then(|v| v.as_array())
    {
        for r in rules.iter().filter_map(|r| r.as_str()) {
            spec.device_cgroup_rules.push(
                r.parse()
                    .map_err(|e| bad(name, "device_cgroup_rules", format!("{r}: {e}")))?,
            );
        }
    }
    Ok(())
}

fn bad(service: &str, key: &str, why: impl std::fmt::Display) -> Error {
    ProjectError::InvalidService {
        service: service.to_string(),
        key: key.to_string(),
        reason: why.to_string(),
    }
    .into()
}

/// The network mode of a service's containers: `network_mode`, else the
/// project networks it joins, with the service name (and configured
/// aliases) as names on each.
pub fn network_mode(ctx: &Context<'_>, name: &str, s: &Service) -> Result<Option<Mode>> {
    let p = ctx.project;
    if let Some(m) = &s.network_mode {
        return Ok(match m.as_str() {
            "host" => Some(Mode::Host),
            "none" => Some(Mode::None),
            "bridge" | "default" => None,
            other => {
                if let Some(svc) = other.strip_prefix("service:") {
                    Some(Mode::Container(format!("{}-{svc}-1", p.name)))
                } else if let Some(c) = other.strip_prefix("container:") {
                    Some(Mode::Container(c.to_string()))
                } else {
                    return Err(bad(
                        name,
                        "network_mode",
                        format!("{other:?} is not supported: use host, none, bridge, service:NAME or container:NAME"),
                    ));
                }
            }
        });
    }
    if s.networks.is_empty() {
        return Ok(None);
    }
    let mut nets: Vec<(i64, Attachment)> = Vec::new();
    for (key, cfg) in &s.networks {
        let Some(n) = p.networks.get(key) else {
            return Err(bad(
                name,
                "networks",
                format!("network {key:?} is not defined at the top level"),
            ));
        };
        let mut a = Attachment {
            network: n.name.clone(),
            aliases: vec![name.to_string()],
            ..Attachment::default()
        };
        let mut priority = 0;
        if let Some(c) = cfg {
            priority = c.priority;
            for alias in &c.aliases {
                if !a.aliases.contains(alias) {
                    a.aliases.push(alias.clone());
                }
            }
            for ip in [&c.ipv4_address, &c.ipv6_address].into_iter().flatten() {
                let ip: IpAddr = ip
                    .parse()
                    .map_err(|e| bad(name, "networks.ipv4_address", format!("{ip:?}: {e}")))?;
                a.static_ips.push(ip);
            }
            if let Some(mac) = &c.mac_address {
                a.mac = Some(
                    mac.parse()
                        .map_err(|e| bad(name, "networks.mac_address", format!("{mac:?}: {e}")))?,
                );
            }
        }
        nets.push((priority, a));
    }
    // Higher priority first, as Compose orders a service's networks.
    nets.sort_by_key(|n| std::cmp::Reverse(n.0));
    Ok(Some(Mode::Bridge(
        nets.into_iter().map(|(_, a)| a).collect(),
    )))
}

/// What differs between the containers of one service.
pub struct Instance<'a> {
    /// The container's name.
    pub name: String,
    /// Its number (`container-number`), or 0 for a one-off.
    pub number: u32,
    /// A one-off (`compose run`): its command and `--rm`.
    pub oneoff: Option<OneOff<'a>>,
}

/// `compose run`'s overrides.
pub struct OneOff<'a> {
    /// The command (empty: the service's).
    pub command: &'a [String],
    /// `--rm`.
    pub remove: bool,
    /// `-e` values (`NAME=VALUE`).
    pub env: &'a [String],
    /// `--entrypoint`.
    pub entrypoint: Option<&'a str>,
    /// `-T` not given and a terminal: allocate one.
    pub tty: bool,
}

/// The container request for one container of service `name`.
pub fn container_spec(
    ctx: &Context<'_>,
    name: &str,
    s: &Service,
    inst: &Instance<'_>,
    hash: &str,
    mode: Option<Mode>,
) -> Result<ContainerSpec> {
    let p: &Project = ctx.project;
    let mut spec = ContainerSpec::new(image_name(&p.name, name, s));
    spec.image.pull = match s.pull_policy.as_deref() {
        Some("always") => PullPolicy::Always,
        Some("never") | Some("build") => PullPolicy::Never,
        Some("newer") | Some("daily") | Some("weekly") => PullPolicy::Newer,
        _ if s.build.is_some() => PullPolicy::Never,
        _ => PullPolicy::Missing,
    };
    spec.name = Some(inst.name.clone());

    let pr = &mut spec.process;
    pr.command = s.command.clone().unwrap_or_default();
    pr.entrypoint.clone_from(&s.entrypoint);
    for (k, v) in &s.environment {
        if let Some(v) = v {
            pr.env.push(EnvVar::new(k.clone(), v.clone()));
        }
    }
    pr.workdir = s.working_dir.as_ref().map(PathBuf::from);
    pr.user = s
        .user
        .as_deref()
        .map(|u| parse_flag("user", u).map_err(|e| bad(name, "user", e)))
        .transpose()?;
    pr.tty = s.tty;
    pr.interactive = s.stdin_open;
    pr.init = s.init;

    spec.hostname.clone_from(&s.hostname);
    spec.read_only = s.read_only.then_some(true);
    spec.mounts = mounts(p, name, s)?;
    let (files, secrets) = file_mounts(ctx, name, s)?;
    spec.mounts.extend(files);
    spec.secrets = secrets;

    let sec = &mut spec.security;
    sec.privileged = s.privileged;
    for c in &s.cap_add {
        let set: CapSet = parse_flag("cap_add", c).map_err(|e| bad(name, "cap_add", e))?;
        sec.caps.add = sec.caps.add.with(set);
    }
    for c in &s.cap_drop {
        let set: CapSet = parse_flag("cap_drop", c).map_err(|e| bad(name, "cap_drop", e))?;
        sec.caps.drop = sec.caps.drop.with(set);
    }
    for o in &s.security_opt {
        apply_security_opt(sec, o).map_err(|e| bad(name, "security_opt", e))?;
    }
    for (k, u) in &s.ulimits {
        let (soft, hard) = match u {
            ComposeUlimit::Single(v) => (*v, *v),
            ComposeUlimit::Pair { soft, hard } => (*soft, *hard),
        };
        let text = format!("{k}={soft}:{hard}");
        sec.ulimits
            .extend(Ulimit::parse(&text).map_err(|e| bad(name, "ulimits", format!("{k}: {e}")))?);
    }

    resources(&mut spec.resources, name, s)?;
    logging(&mut spec.log, name, s)?;
    host_keys(&mut spec, &p.name, name, s)?;
    spec.shm_size = s
        .shm_size
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| bad(name, "shm_size", format!("{v}: must not be negative")))
        })
        .transpose()?;
    for g in &s.group_add {
        spec.process
            .group_add
            .push(parse_flag("group_add", g).map_err(|e| bad(name, "group_add", e))?);
    }
    if let Some(u) = s.userns_mode.as_deref().filter(|u| !u.is_empty()) {
        spec.userns = parse_flag("userns_mode", u).map_err(|e| bad(name, "userns_mode", e))?;
    }
    for (k, v) in &s.sysctls {
        let text = format!("{k}={v}");
        spec.sysctls
            .push(parse_flag("sysctls", &text).map_err(|e| bad(name, "sysctls", e))?);
    }

    let net = &mut spec.network;
    net.mode = mode;
    for port in &s.ports {
        let mut text = String::new();
        if let Some(ip) = port.host_ip.as_deref().filter(|ip| !ip.is_empty()) {
            if ip.contains(':') {
                text.push_str(&format!("[{ip}]:"));
            } else {
                text.push_str(&format!("{ip}:"));
            }
            text.push_str(port.published.as_deref().unwrap_or(""));
            text.push(':');
        } else if let Some(pb) = port.published.as_deref().filter(|p| !p.is_empty()) {
            text.push_str(pb);
            text.push(':');
        }
        text.push_str(&port.target.to_string());
        if let Some(proto) = &port.protocol {
            text.push('/');
            text.push_str(proto);
        }
        net.ports.extend(
            parse_publish_spec(&text).map_err(|e| bad(name, "ports", format!("{text}: {e}")))?,
        );
    }
    for d in &s.dns {
        net.dns.push(
            d.parse()
                .map_err(|e| bad(name, "dns", format!("{d}: {e}")))?,
        );
    }
    net.dns_search.clone_from(&s.dns_search);
    net.dns_options.clone_from(&s.dns_opt);
    for h in &s.extra_hosts {
        let (host, addr) = h
            .split_once('=')
            .or_else(|| h.split_once(':'))
            .ok_or_else(|| bad(name, "extra_hosts", format!("{h:?}: expected HOST=IP")))?;
        let addr = addr.trim_start_matches('[').trim_end_matches(']');
        net.add_hosts.push(HostEntry {
            name: host.to_string(),
            addr: addr
                .parse()
                .map_err(|e| bad(name, "extra_hosts", format!("{h}: {e}")))?,
        });
    }

    if let Some(r) = &s.restart {
        spec.restart = parse_flag("restart", r).map_err(|e| bad(name, "restart", e))?;
    }
    spec.stop_signal = s
        .stop_signal
        .as_deref()
        .map(|v| parse_signal(v).map_err(|e| bad(name, "stop_signal", e)))
        .transpose()?;
    spec.stop_timeout = s
        .stop_grace_period
        .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX));

    spec.labels.clone_from(&s.labels);
    spec.labels.extend(container_labels(
        ctx,
        name,
        s,
        inst.number,
        hash,
        inst.oneoff.is_some(),
    ));
    if let Some(h) = &s.healthcheck {
        spec.health.check = health_check(h);
    }

    if let Some(o) = &inst.oneoff {
        if !o.command.is_empty() {
            spec.process.command = o.command.to_vec();
        }
        if let Some(e) = o.entrypoint {
            spec.process.entrypoint = Some(if e.is_empty() {
                Vec::new()
            } else {
                vec![e.to_string()]
            });
        }
        for e in o.env {
            let (k, v) = e.split_once('=').unwrap_or((e.as_str(), ""));
            spec.process.env.push(EnvVar::new(k, v));
        }
        spec.auto_remove = o.remove;
        spec.process.tty = o.tty;
        spec.process.interactive = true;
        // One-offs publish no ports (Compose: only with --service-ports).
        spec.network.ports.clear();
        spec.restart = crate::spec::RestartPolicy::No;
    }
    spec.validate().map_err(|e| bad(name, "service", e))?;
    Ok(spec)
}

/// The `logging.options` rpod honours or may ignore harmlessly (the
/// k8s-file log is one file, rotated by size).
const LOG_OPTIONS: &[&str] = &["max-size", "max-file"];

/// `logging`: the file drivers become rpod's k8s-file log, `none` none;
/// `max-size` rotates it. Other drivers were warned about.
fn logging(log: &mut crate::spec::LogConfig, name: &str, s: &Service) -> Result<()> {
    let Some(l) = &s.logging else {
        return Ok(());
    };
    if l.driver.as_deref() == Some("none") {
        log.driver = Some(crate::spec::LogDriver::None);
    }
    if let Some(v) = l.options.get("max-size") {
        log.apply_opt(&format!("max-size={v}"))
            .map_err(|e| bad(name, "logging.options.max-size", e))?;
    }
    Ok(())
}

/// `mem_limit`, `cpus`, `pids_limit` and `deploy.resources` (memory
/// reservations) (limits win over the service-level keys, as Compose).
fn resources(r: &mut crate::spec::resources::Resources, name: &str, s: &Service) -> Result<()> {
    let deploy = s.deploy.as_ref().map(|d| &d.resources);
    let limits = deploy.and_then(|d| d.limits.as_ref());
    let reservations = deploy.and_then(|d| d.reservations.as_ref());
    let bytes = |key: &str, v: i64| {
        u64::try_from(v).map_err(|_| bad(name, key, format!("{v}: must not be negative")))
    };
    if let Some(m) = limits.and_then(|l| l.memory).or(s.mem_limit) {
        r.memory = Some(bytes("mem_limit", m)?);
    }
    if let Some(m) = reservations.and_then(|l| l.memory) {
        r.memory_reservation = Some(bytes("deploy.resources.reservations.memory", m)?);
    }
    if let Some(c) = limits.and_then(|l| l.cpus).or(s.cpus) {
        if !(c.is_finite() && c > 0.0) {
            return Err(bad(name, "cpus", format!("{c}: must be a positive number")));
        }
        // Whole billionths of a CPU, as Docker's NanoCpus.
        r.nano_cpus = Some((c * 1e9).round() as u64);
    }
    if let Some(p) = limits.and_then(|l| l.pids).or(s.pids_limit) {
        r.pids_limit = Some(p);
    }
    Ok(())
}

/// A service's `healthcheck:` as the container's check: `disable` (or
/// `test: [NONE]`) turns the image's off, a `test` replaces it, timings
/// alone adjust the image's.
pub fn health_check(h: &super::super::model::Healthcheck) -> Check {
    if h.disable || h.test.first().is_some_and(|t| t == "NONE") {
        return Check::Disabled;
    }
    if h.test.is_empty() {
        return Check::FromImage {
            interval: h.interval,
            timeout: h.timeout,
            start_period: h.start_period,
            start_interval: h.start_interval,
            retries: h.retries.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
        };
    }
    Check::Explicit(HealthConfig {
        test: h.test.clone(),
        interval: h.interval.unwrap_or(health::DEFAULT_INTERVAL),
        timeout: h.timeout.unwrap_or(health::DEFAULT_TIMEOUT),
        start_period: h.start_period.unwrap_or_default(),
        start_interval: h.start_interval.unwrap_or_default(),
        retries: h.retries.map_or(health::DEFAULT_RETRIES, |r| {
            u32::try_from(r).unwrap_or(u32::MAX)
        }),
    })
}

/// The `com.docker.compose.depends_on` label: `svc:condition:restart,...`.
pub fn depends_on_label(s: &Service) -> String {
    s.depends_on
        .iter()
        .map(|(k, d)| {
            let cond = if d.condition.is_empty() {
                "service_started"
            } else {
                d.condition.as_str()
            };
            format!("{k}:{cond}:{}", d.restart)
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Labels of a project-created network or volume.
pub fn resource_labels(project: &str, kind: &str, key: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (labels::PROJECT.to_string(), project.to_string()),
        (format!("com.docker.compose.{kind}"), key.to_string()),
    ])
}

#[cfg(test)]
mod tests;
