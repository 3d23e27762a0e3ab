//! From the many ways to write a compose file to one: short syntaxes turned
//! into long ones (ports, volumes, depends_on, networks, secrets, build,
//! env_file, devices, extends), the defaults the specification implies
//! (`protocol: tcp`, `mode: ingress`, `context: .`, the default network,
//! resource names `PROJECT_NAME`), relative paths made absolute, and
//! `environment` entries without a value taken from the environment. These
//! are compose-go's `transform`, `paths` and `Normalize` steps.

use super::yaml::{Map, Node, Value};

mod normalize;
mod paths;
mod short;

pub use normalize::{normalize, set_defaults};
pub use paths::{abs_path, resolve_paths};
pub use short::{parse_ports, parse_volume};

/// A short syntax that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError(pub String);

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, SyntaxError>;

fn err<T>(message: String) -> Result<T> {
    Err(SyntaxError(message))
}

fn bool_node(b: bool) -> Node {
    Node::new(Value::Bool(b))
}

/// Turns short syntaxes into long ones (compose-go's `transform.Canonical`).
pub fn canonical(root: &mut Node) -> Result<()> {
    let Some(top) = root.as_map_mut() else {
        return Ok(());
    };
    if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
        for entry in services.iter_mut() {
            let name = entry.key.clone();
            if let Some(service) = entry.value.as_map_mut() {
                canonical_service(&name, service)?;
            }
        }
    }
    for kind in ["volumes", "networks", "secrets", "configs"] {
        if let Some(resources) = top.get_mut(kind).and_then(Node::as_map_mut) {
            for entry in resources.iter_mut() {
                if let Some(resource) = entry.value.as_map_mut() {
                    canonical_external(resource, &format!("{kind}.{}", entry.key))?;
                }
            }
        }
    }
    if let Some(Value::Seq(items)) = top.get_mut("include").map(|n| &mut n.value) {
        for item in items {
            if let Value::Str(s) = &item.value {
                let mut m = Map::new();
                m.insert("path", Node::at(Value::Str(s.clone()), &item.pos));
                item.value = Value::Map(m);
            }
        }
    }
    Ok(())
}

/// `external: {name: x}` (deprecated) becomes `external: true` and `name: x`.
fn canonical_external(resource: &mut Map, path: &str) -> Result<()> {
    let ext_name = match resource.get("external").map(|n| &n.value) {
        Some(Value::Map(m)) => Some(m.get("name").and_then(Node::scalar_text)),
        _ => None,
    };
    if let Some(ext_name) = ext_name {
        resource.insert("external", bool_node(true));
        if let Some(ext_name) = ext_name {
            match resource.get("name").and_then(Node::scalar_text) {
                Some(name) if name != ext_name => {
                    return err(format!(
                        "{path}: name and external.name conflict; only use name"
                    ))
                }
                Some(_) => {}
                None => resource.insert("name", Node::str(ext_name)),
            }
        }
    }
    Ok(())
}

fn canonical_service(name: &str, s: &mut Map) -> Result<()> {
    if let Some(build) = s.get_mut("build") {
        if let Value::Str(ctx) = &build.value {
            let mut m = Map::new();
            m.insert("context", Node::at(Value::Str(ctx.clone()), &build.pos));
            build.value = Value::Map(m);
        }
        if let Some(b) = build.as_map_mut() {
            if let Some(secrets) = b.get_mut("secrets") {
                file_references(secrets);
            }
            if let Some(ac) = b.get_mut("additional_contexts") {
                key_value_map(ac, &format!("services.{name}.build.additional_contexts"))?;
            }
        }
    }
    if let Some(dep) = s.get_mut("depends_on") {
        let pos = dep.pos.clone();
        let mut out = Map::new();
        match std::mem::replace(&mut dep.value, Value::Null) {
            Value::Seq(items) => {
                for it in items {
                    let mut d = Map::new();
                    d.insert("condition", Node::str("service_started"));
                    d.insert("required", bool_node(true));
                    out.insert(
                        it.scalar_text().unwrap_or_default(),
                        Node::at(Value::Map(d), &it.pos),
                    );
                }
            }
            Value::Map(m) => {
                for mut e in m {
                    let d = match &mut e.value.value {
                        Value::Map(d) => d,
                        Value::Null => {
                            e.value.value = Value::Map(Map::new());
                            e.value.as_map_mut().expect("just set")
                        }
                        _ => {
                            return err(format!(
                                "services.{name}.depends_on.{}: unsupported value",
                                e.key
                            ))
                        }
                    };
                    if !d.contains("condition") {
                        d.insert("condition", Node::str("service_started"));
                    }
                    if !d.contains("required") {
                        d.insert("required", bool_node(true));
                    }
                    out.insert_entry(e);
                }
            }
            _ => {}
        }
        *dep = Node::at(Value::Map(out), &pos);
    }
    if let Some(env_file) = s.get_mut("env_file") {
        let pos = env_file.pos.clone();
        let items = match std::mem::replace(&mut env_file.value, Value::Null) {
            Value::Str(p) => vec![Node::at(Value::Str(p), &pos)],
            Value::Seq(items) => items,
            _ => Vec::new(),
        };
        let items = items
            .into_iter()
            .map(|it| {
                let ipos = it.pos.clone();
                let mut m = match it.value {
                    Value::Map(m) => m,
                    v => {
                        let mut m = Map::new();
                        m.insert("path", Node::at(v, &ipos));
                        m
                    }
                };
                if !m.contains("required") {
                    m.insert("required", bool_node(true));
                }
                Node::at(Value::Map(m), &ipos)
            })
            .collect();
        *env_file = Node::at(Value::Seq(items), &pos);
    }
    for key in ["label_file", "dns", "dns_search", "tmpfs"] {
        if let Some(n) = s.get_mut(key) {
            if let Value::Str(v) = &n.value {
                n.value = Value::Seq(vec![Node::at(Value::Str(v.clone()), &n.pos)]);
            }
        }
    }
    if let Some(ext) = s.get_mut("extends") {
        if let Value::Str(v) = &ext.value {
            let mut m = Map::new();
            m.insert("service", Node::at(Value::Str(v.clone()), &ext.pos));
            ext.value = Value::Map(m);
        }
    }
    for key in ["networks", "models"] {
        if let Some(n) = s.get_mut(key) {
            if let Value::Seq(items) = &n.value {
                let mut m = Map::new();
                for it in items {
                    m.insert(
                        it.scalar_text().unwrap_or_default(),
                        Node::at(Value::Null, &it.pos),
                    );
                }
                n.value = Value::Map(m);
            }
        }
    }
    if let Some(Value::Seq(items)) = s.get_mut("volumes").map(|n| &mut n.value) {
        for (i, it) in items.iter_mut().enumerate() {
            if let Value::Str(spec) = &it.value {
                let pos = it.pos.clone();
                let mut v = parse_volume(spec)
                    .map_err(|e| SyntaxError(format!("services.{name}.volumes[{i}]: {e}")))?;
                v.pos = pos;
                *it = v;
            }
        }
    }
    if let Some(Value::Seq(items)) = s.get_mut("devices").map(|n| &mut n.value) {
        for it in items.iter_mut() {
            if let Value::Str(spec) = &it.value {
                let parts: Vec<&str> = spec.split(':').collect();
                if parts.len() > 3 {
                    return err(format!(
                        "confusing device mapping, please use long syntax: {spec}"
                    ));
                }
                let src = parts[0];
                let dst = parts
                    .get(1)
                    .copied()
                    .filter(|d| !d.is_empty())
                    .unwrap_or(src);
                let perm = parts.get(2).copied().unwrap_or("rwm");
                let mut m = Map::new();
                m.insert("source", Node::str(src));
                m.insert("target", Node::str(dst));
                m.insert("permissions", Node::str(perm));
                it.value = Value::Map(m);
            }
        }
    }
    for key in ["secrets", "configs"] {
        if let Some(n) = s.get_mut(key) {
            file_references(n);
        }
    }
    if let Some(ports) = s.get_mut("ports") {
        if let Value::Seq(items) = std::mem::replace(&mut ports.value, Value::Null) {
            let mut out = Vec::new();
            for it in items {
                match &it.value {
                    Value::Map(_) => out.push(it),
                    Value::Int(_) | Value::Str(_) => {
                        let spec = it.scalar_text().unwrap_or_default();
                        for mut p in parse_ports(&spec)? {
                            p.pos = it.pos.clone();
                            out.push(p);
                        }
                    }
                    _ => return err(format!("services.{name}.ports: invalid type for port")),
                }
            }
            ports.value = Value::Seq(out);
        }
    }
    Ok(())
}

/// `secrets: [name]` becomes `secrets: [{source: name}]`.
fn file_references(n: &mut Node) {
    if let Value::Seq(items) = &mut n.value {
        for it in items {
            if let Value::Str(src) = &it.value {
                let mut m = Map::new();
                m.insert("source", Node::at(Value::Str(src.clone()), &it.pos));
                it.value = Value::Map(m);
            }
        }
    }
}

fn key_value_map(n: &mut Node, path: &str) -> Result<()> {
    if let Value::Seq(items) = &n.value {
        let mut m = Map::new();
        for it in items {
            let text = it.scalar_text().unwrap_or_default();
            let Some((k, v)) = text.split_once('=') else {
                return err(format!("{path}: invalid value {text}, expected key=value"));
            };
            m.insert(k, Node::at(Value::Str(v.to_string()), &it.pos));
        }
        n.value = Value::Map(m);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
