//! Consistency of a loaded project, as compose-go's `checkConsistency`
//! and `graph.CheckCycle`: every reference resolves (services in
//! depends_on, networks, volumes, secrets, configs), mutually exclusive
//! options are not both set, and depends_on has no cycle (the message
//! names it). Messages are compose's, with the place in the file added.

use super::config::ram_in_bytes;
use super::yaml::{Map, Node, Value};
use super::Error;

fn names(dict: &Map, key: &str) -> Vec<String> {
    dict.get(key)
        .and_then(Node::as_map)
        .map(|m| m.keys().map(str::to_string).collect())
        .unwrap_or_default()
}

fn at(n: &Node) -> String {
    if n.pos.line == 0 {
        String::new()
    } else {
        format!(" ({})", n.pos)
    }
}

fn invalid(message: String) -> Error {
    Error::Project(message)
}

/// Checks a normalised project; `disabled` holds the services whose profiles are off.
pub fn check(dict: &Node, disabled: &Map) -> Result<(), Error> {
    let Some(top) = dict.as_map() else {
        return Ok(());
    };
    let networks = names(top, "networks");
    let volumes = names(top, "volumes");
    let secrets = names(top, "secrets");
    let configs = names(top, "configs");
    let empty = Map::new();
    let services = top.get("services").and_then(Node::as_map).unwrap_or(&empty);
    let mut sorted: Vec<&super::yaml::Entry> = services.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    for e in &sorted {
        let name = &e.key;
        let Some(s) = e.value.as_map() else { continue };
        let has = |k: &str| s.get(k).is_some_and(|n| !n.is_null());
        if !has("image") && !has("build") && !has("provider") {
            return Err(invalid(format!(
                "service {name:?} has neither an image nor a build context specified: invalid compose project{}",
                at(&e.value)
            )));
        }
        if let Some(b) = s.get("build").and_then(Node::as_map) {
            if b.contains("dockerfile") && b.contains("dockerfile_inline") {
                return Err(invalid(format!(
                    "service {name:?} declares mutually exclusive dockerfile and dockerfile_inline: invalid compose project{}",
                    at(&e.value)
                )));
            }
            for sec in b
                .get("secrets")
                .and_then(Node::as_seq)
                .into_iter()
                .flatten()
            {
                let src = sec
                    .as_map()
                    .and_then(|m| m.get("source"))
                    .and_then(Node::scalar_text)
                    .unwrap_or_default();
                if !secrets.contains(&src) {
                    return Err(invalid(format!(
                        "service {name:?} refers to undefined build secret {src}: invalid compose project{}",
                        at(sec)
                    )));
                }
            }
        }
        let nets = s.get("networks").and_then(Node::as_map);
        if has("network_mode") && nets.is_some_and(|m| !m.is_empty()) {
            return Err(invalid(format!(
                "service {name} declares mutually exclusive `network_mode` and `networks`: invalid compose project{}",
                at(&e.value)
            )));
        }
        for n in nets.into_iter().flat_map(Map::iter) {
            if !networks.contains(&n.key) {
                return Err(invalid(format!(
                    "service {name:?} refers to undefined network {}: invalid compose project{}",
                    n.key,
                    at(&n.value)
                )));
            }
        }
        if let Some(Value::Seq(test)) = s
            .get("healthcheck")
            .and_then(Node::as_map)
            .and_then(|h| h.get("test"))
            .map(|n| &n.value)
        {
            if let Some(first) = test.first().and_then(Node::scalar_text) {
                if !matches!(first.as_str(), "CMD" | "CMD-SHELL" | "NONE") {
                    return Err(invalid(format!(
                        "services.{name}.healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"{}",
                        at(&test[0])
                    )));
                }
            }
        }
        for d in s
            .get("depends_on")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            if services.contains(&d.key) {
                continue;
            }
            let required = !matches!(
                d.value
                    .as_map()
                    .and_then(|m| m.get("required"))
                    .map(|n| &n.value),
                Some(Value::Bool(false))
            );
            if disabled.contains(&d.key) {
                if !required {
                    continue;
                }
                return Err(invalid(format!(
                    "service {name:?} depends on service {:?}, which is disabled by its profiles: activate them with --profile or COMPOSE_PROFILES{}",
                    d.key,
                    at(&d.value)
                )));
            }
            return Err(invalid(format!(
                "service {name:?} depends on undefined service {:?}: invalid compose project{}",
                d.key,
                at(&d.value)
            )));
        }
        if let Some(target) = s
            .get("network_mode")
            .and_then(Node::as_str)
            .and_then(|m| m.strip_prefix("service:"))
        {
            if !services.contains(target) {
                return Err(invalid(format!(
                    "service {target:?} not found for network_mode 'service:{target}'"
                )));
            }
        }
        let mut mounts: Vec<(String, String)> = Vec::new();
        for (i, t) in s
            .get("tmpfs")
            .and_then(Node::as_seq)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let loc = format!("services.{name}.tmpfs[{i}]");
            let path = t.scalar_text().unwrap_or_default();
            let path = path.split(':').next().unwrap_or("").to_string();
            if let Some((_, p)) = mounts.iter().find(|(m, _)| *m == path) {
                return Err(invalid(format!(
                    "{loc}: target {path} already mounted as {p}"
                )));
            }
            mounts.push((path, loc));
        }
        for (i, v) in s
            .get("volumes")
            .and_then(Node::as_seq)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let Some(vm) = v.as_map() else { continue };
            let loc = format!("services.{name}.volumes[{i}]");
            let kind = vm.get("type").and_then(Node::as_str).unwrap_or("");
            if kind == "volume" {
                if let Some(src) = vm
                    .get("source")
                    .and_then(Node::scalar_text)
                    .filter(|s| !s.is_empty())
                {
                    if !volumes.contains(&src) {
                        return Err(invalid(format!(
                            "service {name:?} refers to undefined volume {src}: invalid compose project{}",
                            at(v)
                        )));
                    }
                }
            }
            let target = vm
                .get("target")
                .and_then(Node::scalar_text)
                .unwrap_or_default();
            if let Some((_, p)) = mounts.iter().find(|(m, _)| *m == target) {
                return Err(invalid(format!(
                    "{loc}: target {target} already mounted as {p}{}",
                    at(v)
                )));
            }
            mounts.push((target, loc));
        }
        for (key, defined) in [("configs", &configs), ("secrets", &secrets)] {
            for r in s.get(key).and_then(Node::as_seq).into_iter().flatten() {
                let src = r
                    .as_map()
                    .and_then(|m| m.get("source"))
                    .and_then(Node::scalar_text)
                    .unwrap_or_default();
                if !defined.contains(&src) {
                    let what = &key[..key.len() - 1];
                    return Err(invalid(format!(
                        "service {name:?} refers to undefined {what} {src}: invalid compose project{}",
                        at(r)
                    )));
                }
            }
        }
        let int = |n: Option<&Node>| match n.map(|n| &n.value) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        };
        let deploy = s.get("deploy").and_then(Node::as_map);
        let replicas = int(deploy.and_then(|d| d.get("replicas")));
        let scale = int(s.get("scale"));
        if let (Some(sc), Some(r)) = (scale, replicas) {
            if sc != r {
                return Err(invalid(format!(
                    "services.{name}: can't set distinct values on 'scale' and 'deploy.replicas': invalid compose project"
                )));
            }
        }
        if scale.is_some_and(|v| v < 0) {
            return Err(invalid(format!(
                "services.{name}.scale: must be greater than or equal to 0"
            )));
        }
        if replicas.is_some_and(|v| v < 0) {
            return Err(invalid(format!(
                "services.{name}.deploy.replicas: must be greater than or equal to 0"
            )));
        }
        let limits = deploy
            .and_then(|d| d.get("resources"))
            .and_then(Node::as_map)
            .and_then(|r| r.get("limits"))
            .and_then(Node::as_map);
        let num = |n: Option<&Node>| match n.map(|n| &n.value) {
            Some(Value::Int(i)) => Some(*i as f64),
            Some(Value::Float(f)) => Some(*f),
            Some(Value::Str(s)) => s.parse().ok(),
            _ => None,
        };
        // Only two values that are both set can differ.
        if let (Some(c), Some(l)) = (num(s.get("cpus")), limits.and_then(|l| num(l.get("cpus")))) {
            if c != l && c != 0.0 && l != 0.0 {
                return Err(invalid(format!(
                    "services.{name}: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus': invalid compose project"
                )));
            }
        }
        let bytes = |n: Option<&Node>| match n.map(|n| &n.value) {
            Some(Value::Int(i)) => Some(*i),
            Some(Value::Str(s)) => ram_in_bytes(s).ok(),
            _ => None,
        };
        if let (Some(m), Some(l)) = (
            bytes(s.get("mem_limit")),
            limits.and_then(|l| bytes(l.get("memory"))),
        ) {
            if m != l && m != 0 && l != 0 {
                return Err(invalid(format!(
                    "services.{name}: can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory': invalid compose project"
                )));
            }
        }
        let count = scale.or(replicas).unwrap_or(1);
        if count > 1 && has("container_name") {
            let attr = if scale.is_some() {
                "scale"
            } else {
                "deploy.replicas"
            };
            return Err(invalid(format!(
                "services.{name}: can't set container_name and {attr} as container name must be unique: invalid compose project"
            )));
        }
    }
    for e in top
        .get("secrets")
        .and_then(Node::as_map)
        .into_iter()
        .flat_map(Map::iter)
    {
        let Some(s) = e.value.as_map() else { continue };
        if matches!(s.get("external").map(|n| &n.value), Some(Value::Bool(true))) {
            continue;
        }
        if !s.contains("file") && !s.contains("environment") {
            return Err(invalid(format!(
                "secret {:?} must declare either `file` or `environment`: invalid compose project{}",
                e.key,
                at(&e.value)
            )));
        }
    }
    check_cycles(services)
}

/// `dependency cycle detected: a -> b -> a`, searched from each service in name order.
fn check_cycles(services: &Map) -> Result<(), Error> {
    let deps = |name: &str| -> Vec<String> {
        let mut d: Vec<String> = services
            .get(name)
            .and_then(Node::as_map)
            .and_then(|s| s.get("depends_on"))
            .and_then(Node::as_map)
            .map(|m| {
                m.keys()
                    .filter(|k| services.contains(k))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        d.sort();
        d
    };
    fn search(path: &mut Vec<String>, deps: &dyn Fn(&str) -> Vec<String>) -> Result<(), Error> {
        let last = path.last().cloned().unwrap_or_default();
        for child in deps(&last) {
            if let Some(i) = path.iter().position(|p| *p == child) {
                return Err(Error::Project(format!(
                    "dependency cycle detected: {} -> {child}",
                    path[i..].join(" -> ")
                )));
            }
            path.push(child);
            search(path, deps)?;
            path.pop();
        }
        Ok(())
    }
    let mut names: Vec<&str> = services.keys().collect();
    names.sort();
    for n in names {
        search(&mut vec![n.to_string()], &deps)?;
    }
    Ok(())
}
