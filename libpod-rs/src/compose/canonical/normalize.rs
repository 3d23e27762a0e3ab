//! The defaults the specification implies and compose-go's `Normalize`:
//! values taken from the environment, implicit dependencies, resource names.

use super::bool_node;
use super::short::clean_path;
use crate::compose::yaml::{Map, Node, Value};

/// Fills in the values the specification implies (compose-go's
/// `SetDefaultValues`): build context, secret targets, port protocol and mode.
pub fn set_defaults(root: &mut Node) {
    let Some(services) = root
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    else {
        return;
    };
    for e in services.iter_mut() {
        let Some(s) = e.value.as_map_mut() else {
            continue;
        };
        if let Some(b) = s.get_mut("build").and_then(Node::as_map_mut) {
            if !b.contains("context") {
                b.insert("context", Node::str("."));
            }
        }
        if let Some(Value::Seq(items)) = s.get_mut("secrets").map(|n| &mut n.value) {
            for it in items {
                if let Some(m) = it.as_map_mut() {
                    if !m.contains("target") {
                        let src = m
                            .get("source")
                            .and_then(Node::scalar_text)
                            .unwrap_or_default();
                        m.insert("target", Node::str(format!("/run/secrets/{src}")));
                    }
                }
            }
        }
        if let Some(Value::Seq(items)) = s.get_mut("ports").map(|n| &mut n.value) {
            for it in items {
                if let Some(m) = it.as_map_mut() {
                    if !m.contains("protocol") {
                        m.insert("protocol", Node::str("tcp"));
                    }
                    if !m.contains("mode") {
                        m.insert("mode", Node::str("ingress"));
                    }
                }
            }
        }
    }
}

/// compose-go's `Normalize`: the default network, build defaults, values
/// of `environment`/`build.args` entries taken from the environment,
/// implicit dependencies (links, `service:` namespaces, volumes_from),
/// clean volume targets, and names for networks, volumes, secrets, configs.
pub fn normalize(root: &mut Node, project: &str, env: &dyn Fn(&str) -> Option<String>) {
    let Some(top) = root.as_map_mut() else {
        return;
    };
    normalize_networks(top);
    if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
        for e in services.iter_mut() {
            let Some(s) = e.value.as_map_mut() else {
                continue;
            };
            if s.get("pull_policy").and_then(Node::as_str) == Some("if_not_present") {
                s.insert("pull_policy", Node::str("missing"));
            }
            if let Some(b) = s.get_mut("build").and_then(Node::as_map_mut) {
                if b.get("context").is_none_or(Node::is_null) {
                    b.insert("context", Node::str("."));
                }
                if b.get("dockerfile").is_none_or(Node::is_null)
                    && b.get("dockerfile_inline").is_none_or(Node::is_null)
                {
                    b.insert("dockerfile", Node::str("Dockerfile"));
                }
                if let Some(args) = b.get_mut("args") {
                    resolve_values(args, env, false);
                }
            }
            if let Some(environment) = s.get_mut("environment") {
                resolve_values(environment, env, true);
            }
            let mut depends: Map = match s.get("depends_on").map(|n| &n.value) {
                Some(Value::Map(m)) => m.clone(),
                _ => Map::new(),
            };
            let implicit = |depends: &mut Map, name: &str, restart: bool| {
                if !depends.contains(name) {
                    let mut d = Map::new();
                    d.insert("condition", Node::str("service_started"));
                    d.insert("restart", bool_node(restart));
                    d.insert("required", bool_node(true));
                    depends.insert(name, Node::new(Value::Map(d)));
                }
            };
            if let Some(Value::Seq(links)) = s.get("links").map(|n| &n.value) {
                for l in links {
                    let l = l.scalar_text().unwrap_or_default();
                    let parts: Vec<&str> = l.split(':').collect();
                    let target = if parts.len() == 2 {
                        parts[0]
                    } else {
                        l.as_str()
                    };
                    implicit(&mut depends, target, true);
                }
            }
            for ns in ["network_mode", "ipc", "pid", "uts", "cgroup"] {
                if let Some(shared) = s
                    .get(ns)
                    .and_then(Node::as_str)
                    .and_then(|r| r.strip_prefix("service:"))
                {
                    implicit(&mut depends, shared, true);
                }
            }
            if let Some(Value::Seq(vols)) = s.get_mut("volumes").map(|n| &mut n.value) {
                for v in vols {
                    if let Some(t) = v.as_map_mut().and_then(|m| m.get_mut("target")) {
                        if let Value::Str(p) = &t.value {
                            t.value = Value::Str(clean_path(p));
                        }
                    }
                }
            }
            if let Some(Value::Seq(from)) = s.get("volumes_from").map(|n| &n.value) {
                for v in from {
                    let v = v.scalar_text().unwrap_or_default();
                    if !v.starts_with("container:") {
                        let name = v.split(':').next().unwrap_or("").to_string();
                        implicit(&mut depends, &name, false);
                    }
                }
            }
            if !depends.is_empty() {
                s.insert("depends_on", Node::new(Value::Map(depends)));
            }
        }
    }
    for kind in ["networks", "volumes", "configs", "secrets"] {
        let Some(res) = top.get_mut(kind).and_then(Node::as_map_mut) else {
            continue;
        };
        for e in res.iter_mut() {
            if e.value.is_null() {
                e.value.value = Value::Map(Map::new());
            }
            let Some(r) = e.value.as_map_mut() else {
                continue;
            };
            if r.get("name").is_none_or(Node::is_null) {
                let external =
                    matches!(r.get("external").map(|n| &n.value), Some(Value::Bool(true)));
                let name = if external {
                    e.key.clone()
                } else {
                    format!("{project}_{}", e.key)
                };
                r.insert("name", Node::str(name));
            }
        }
    }
}

fn normalize_networks(top: &mut Map) {
    let mut uses_default = false;
    if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
        for e in services.iter_mut() {
            let Some(s) = e.value.as_map_mut() else {
                continue;
            };
            if s.contains("provider") || s.contains("network_mode") {
                continue;
            }
            let default_only = || {
                let mut m = Map::new();
                m.insert("default", Node::null());
                Node::new(Value::Map(m))
            };
            match s.get("networks").map(|n| &n.value) {
                None => {
                    s.insert("networks", default_only());
                    uses_default = true;
                }
                Some(Value::Map(m)) if m.is_empty() => {
                    s.insert("networks", default_only());
                    uses_default = true;
                }
                Some(Value::Map(m)) if m.contains("default") => uses_default = true,
                _ => {}
            }
        }
    }
    if uses_default {
        if !top.contains("networks") {
            top.insert("networks", Node::map());
        }
        if let Some(nets) = top.get_mut("networks") {
            if nets.is_null() {
                nets.value = Value::Map(Map::new());
            }
            if let Some(m) = nets.as_map_mut() {
                if !m.contains("default") {
                    m.insert("default", Node::null());
                }
            }
        }
    }
}

/// Resolves `KEY` entries (no value) from the environment; without
/// `keep_empty`, entries that stay unresolved are dropped.
fn resolve_values(n: &mut Node, env: &dyn Fn(&str) -> Option<String>, keep_empty: bool) {
    match &mut n.value {
        Value::Seq(items) => {
            items.retain_mut(|it| {
                let Some(text) = it.as_str().map(str::to_string) else {
                    return true;
                };
                if text.contains('=') {
                    return true;
                }
                match env(&text) {
                    Some(v) => {
                        it.value = Value::Str(format!("{text}={v}"));
                        true
                    }
                    None => keep_empty,
                }
            });
        }
        Value::Map(m) => {
            m.retain(|e| !(e.value.is_null() && !keep_empty && env(&e.key).is_none()));
            for e in m.iter_mut() {
                if e.value.is_null() {
                    if let Some(v) = env(&e.key) {
                        e.value.value = Value::Str(v);
                    }
                }
            }
        }
        _ => {}
    }
}
