//! Merging compose files (`-f a.yaml -f b.yaml`, `extends`, `include`
//! conflicts) by the Compose Specification's rules, as compose-go's
//! `override` package applies them: mappings are merged key by key,
//! sequences are appended, scalars are replaced; `command`, `entrypoint`
//! and `healthcheck.test` are replaced whole; environment, labels, sysctls
//! and the like are merged by key whatever their syntax; depends_on and
//! networks accept both syntaxes; ports, volumes, secrets... are then made
//! unique by their key (target path, published port...). `!reset` removes
//! an inherited value and `!override` replaces it instead of merging.

use super::yaml::{Map, Node, Tag, Value};

/// A model path: keys, with `[]` for sequence items.
pub type Path = Vec<String>;

/// Whether `path` matches `pattern` (dotted, `*` matches any one key).
pub fn matches(path: &[String], pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == path.len()
        && parts
            .iter()
            .zip(path)
            .all(|(p, k)| *p == "*" || *p == k.as_str())
}

/// Why two values cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError(pub String);

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

enum Special {
    ToSequence,
    Override,
    DependsOn,
    ToMapping,
    ExtraHosts,
    Logging,
    Build,
    Ipam,
}

fn special(path: &[String]) -> Option<Special> {
    const TO_SEQUENCE: &[&str] = &[
        "networks.*.labels",
        "volumes.*.labels",
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.additional_contexts",
        "services.*.build.labels",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.env_file",
        "services.*.label_file",
        "services.*.environment",
        "services.*.labels",
        "services.*.volumes.[].volume.labels",
        "services.*.sysctls",
        "services.*.tmpfs",
    ];
    if TO_SEQUENCE.iter().any(|p| matches(path, p)) {
        return Some(Special::ToSequence);
    }
    const OVERRIDE: &[&str] = &[
        "services.*.command",
        "services.*.entrypoint",
        "services.*.healthcheck.test",
        "services.*.ulimits.*",
    ];
    if OVERRIDE.iter().any(|p| matches(path, p)) {
        return Some(Special::Override);
    }
    if matches(path, "services.*.depends_on") {
        return Some(Special::DependsOn);
    }
    if matches(path, "services.*.networks") || matches(path, "services.*.models") {
        return Some(Special::ToMapping);
    }
    if matches(path, "services.*.extra_hosts") || matches(path, "services.*.build.extra_hosts") {
        return Some(Special::ExtraHosts);
    }
    if matches(path, "services.*.logging") {
        return Some(Special::Logging);
    }
    if matches(path, "services.*.build") {
        return Some(Special::Build);
    }
    if matches(path, "networks.*.ipam.config") {
        return Some(Special::Ipam);
    }
    None
}

/// Merges `over` into `base` at `path` (compose-go's `MergeYaml`).
pub fn merge(base: Node, over: Node, path: &mut Path) -> Result<Node, MergeError> {
    if let Some(rule) = special(path) {
        return Ok(match rule {
            Special::Override => over,
            Special::ToSequence => {
                let pos = base.pos.clone();
                let mut seq = to_sequence(base);
                seq.extend(to_sequence(over));
                Node::at(Value::Seq(seq), &pos)
            }
            Special::DependsOn => {
                let pos = base.pos.clone();
                let default = || {
                    let mut m = Map::new();
                    m.insert("condition", Node::str("service_started"));
                    m.insert("required", Node::new(Value::Bool(true)));
                    Node::new(Value::Map(m))
                };
                let b = to_mapping(base, &default);
                let o = to_mapping(over, &default);
                Node::at(Value::Map(merge_maps(b, o, path)?), &pos)
            }
            Special::ToMapping => {
                let pos = base.pos.clone();
                let b = to_mapping(base, &Node::null);
                let o = to_mapping(over, &Node::null);
                Node::at(Value::Map(merge_maps(b, o, path)?), &pos)
            }
            Special::ExtraHosts => {
                let pos = base.pos.clone();
                let mut seq = to_sequence(base);
                for item in to_sequence(over) {
                    if !seq.iter().any(|s| s.value == item.value) {
                        seq.push(item);
                    }
                }
                Node::at(Value::Seq(seq), &pos)
            }
            Special::Logging => {
                let (Some(b), Some(o)) = (base.as_map(), over.as_map()) else {
                    return Ok(over);
                };
                let bd = b.get("driver").map(|n| n.value.clone());
                let od = o.get("driver").map(|n| n.value.clone());
                if bd.is_none() || od.is_none() || bd == od {
                    merge_nodes(base, over, path)?
                } else {
                    over
                }
            }
            Special::Build => {
                let to_build = |n: Node| match n.value {
                    Value::Str(s) => {
                        let pos = n.pos.clone();
                        let mut m = Map::new();
                        m.insert("context", Node::at(Value::Str(s), &pos));
                        Node::at(Value::Map(m), &pos)
                    }
                    _ => n,
                };
                merge_nodes(to_build(base), to_build(over), path)?
            }
            Special::Ipam => {
                let pos = base.pos.clone();
                let mut configs: Vec<Node> = match base.value {
                    Value::Seq(s) => s,
                    _ => Vec::new(),
                };
                let overs = match over.value {
                    Value::Seq(s) => s,
                    _ => Vec::new(),
                };
                for o in overs {
                    let subnet = o
                        .as_map()
                        .and_then(|m| m.get("subnet"))
                        .map(|n| n.value.clone());
                    match configs.iter().position(|c| {
                        c.as_map()
                            .and_then(|m| m.get("subnet"))
                            .map(|n| n.value.clone())
                            == subnet
                    }) {
                        Some(i) => {
                            let b = configs.remove(i);
                            configs.insert(i, merge_nodes(b, o, path)?);
                        }
                        None => configs.push(o),
                    }
                }
                Node::at(Value::Seq(configs), &pos)
            }
        });
    }
    merge_nodes(base, over, path)
}

fn merge_nodes(base: Node, over: Node, path: &mut Path) -> Result<Node, MergeError> {
    if over.is_null() {
        return Ok(base);
    }
    let pos = base.pos.clone();
    match (base.value, over.value) {
        (Value::Map(b), Value::Map(o)) => Ok(Node::at(Value::Map(merge_maps(b, o, path)?), &pos)),
        (Value::Map(_), _) => Err(MergeError(format!("cannot override {}", path.join(".")))),
        (Value::Seq(mut b), Value::Seq(o)) => {
            b.extend(o);
            Ok(Node::at(Value::Seq(b), &pos))
        }
        (Value::Seq(_), _) => Err(MergeError(format!("cannot override {}", path.join(".")))),
        (_, value) => Ok(Node {
            value,
            pos: over.pos,
            tag: Tag::None,
        }),
    }
}

fn merge_maps(mut base: Map, over: Map, path: &mut Path) -> Result<Map, MergeError> {
    for entry in over {
        match base.get_mut(&entry.key) {
            None => base.insert_entry(entry),
            Some(slot) => {
                let b = std::mem::replace(slot, Node::null());
                path.push(entry.key.clone());
                let merged = merge(b, entry.value, path);
                path.pop();
                *slot = merged?;
            }
        }
    }
    Ok(base)
}

/// compose-go's `convertIntoSequence`: a mapping becomes sorted `k=v` strings.
fn to_sequence(node: Node) -> Vec<Node> {
    let pos = node.pos.clone();
    match node.value {
        Value::Map(m) => {
            let mut seq: Vec<Node> = Vec::new();
            for e in m {
                match e.value.value {
                    Value::Null => seq.push(Node::at(Value::Str(e.key), &e.key_pos)),
                    Value::Seq(items) => {
                        for it in items {
                            let v = it.scalar_text().unwrap_or_default();
                            seq.push(Node::at(Value::Str(format!("{}={v}", e.key)), &e.key_pos));
                        }
                    }
                    ref v => {
                        let v = Node::new(v.clone()).scalar_text().unwrap_or_default();
                        seq.push(Node::at(Value::Str(format!("{}={v}", e.key)), &e.key_pos));
                    }
                }
            }
            seq.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            seq
        }
        Value::Seq(s) => s,
        Value::Null => Vec::new(),
        v => vec![Node::at(v, &pos)],
    }
}

/// compose-go's `convertIntoMapping`: a list of names becomes a mapping.
fn to_mapping(node: Node, default: &dyn Fn() -> Node) -> Map {
    match node.value {
        Value::Map(m) => m,
        Value::Seq(items) => {
            let mut m = Map::new();
            for it in items {
                let key = it.scalar_text().unwrap_or_default();
                let mut v = default();
                v.pos = it.pos.clone();
                m.insert(key, v);
            }
            m
        }
        _ => Map::new(),
    }
}

/// Collects the `!reset`/`!override` paths of a document, removing the
/// `!reset` nodes from it (compose-go's `ResetProcessor`).
pub fn take_resets(node: &mut Node, path: &mut Path, out: &mut Vec<Path>) {
    match &mut node.value {
        Value::Map(map) => {
            let mut reset_keys = Vec::new();
            for e in map.iter_mut() {
                path.push(e.key.clone());
                match e.value.tag {
                    Tag::Reset => {
                        out.push(path.clone());
                        reset_keys.push(e.key.clone());
                    }
                    Tag::Override => {
                        out.push(path.clone());
                        e.value.tag = Tag::None;
                        take_resets(&mut e.value, path, out);
                    }
                    Tag::None => take_resets(&mut e.value, path, out),
                }
                path.pop();
            }
            map.retain(|e| !reset_keys.contains(&e.key));
        }
        Value::Seq(items) => {
            items.retain(|n| n.tag != Tag::Reset);
            for it in items.iter_mut() {
                path.push("[]".into());
                take_resets(it, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Removes the given paths from `node` (before an override is merged into it).
pub fn apply_resets(node: &mut Node, resets: &[Path]) {
    for reset in resets {
        remove_path(node, reset);
    }
}

fn remove_path(node: &mut Node, path: &[String]) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let Some(map) = node.as_map_mut() else {
        return;
    };
    if rest.is_empty() {
        map.remove(first);
    } else if let Some(child) = map.get_mut(first) {
        remove_path(child, rest);
    }
}

/// What makes two entries of a sequence "the same" (compose-go's unicity indexers).
fn indexer(path: &[String]) -> Option<fn(&Node) -> Option<String>> {
    const KEY_VALUE: &[&str] = &[
        "networks.*.labels",
        "networks.*.ipam.options",
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.additional_contexts",
        "services.*.build.platform",
        "services.*.build.tags",
        "services.*.build.labels",
        "services.*.cap_add",
        "services.*.cap_drop",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.environment",
        "services.*.labels",
        "services.*.links",
        "services.*.networks.*.aliases",
        "services.*.networks.*.link_local_ips",
        "services.*.profiles",
        "services.*.sysctls",
        "services.*.tmpfs",
    ];
    if KEY_VALUE.iter().any(|p| matches(path, p)) {
        return Some(|n| {
            let s = n.scalar_text()?;
            Some(s.split_once('=').map_or(s.clone(), |(k, _)| k.to_string()))
        });
    }
    if matches(path, "services.*.volumes") {
        return Some(|n| match &n.value {
            Value::Map(m) => m.get("target").and_then(Node::scalar_text),
            Value::Str(s) => super::canonical::parse_volume(s).ok().and_then(|v| {
                v.as_map()
                    .and_then(|m| m.get("target"))
                    .and_then(Node::scalar_text)
            }),
            _ => None,
        });
    }
    if matches(path, "services.*.devices") {
        return Some(|n| match &n.value {
            Value::Map(m) => m.get("target").and_then(Node::scalar_text),
            Value::Str(s) => {
                let parts: Vec<&str> = s.split(':').collect();
                Some(parts.get(1).unwrap_or(&parts[0]).to_string())
            }
            _ => None,
        });
    }
    if matches(path, "services.*.secrets") {
        return Some(|n| mount_key(n, "/run/secrets"));
    }
    if matches(path, "services.*.configs") {
        return Some(|n| mount_key(n, ""));
    }
    if matches(path, "services.*.expose") {
        return Some(Node::scalar_text);
    }
    if matches(path, "services.*.env_file") {
        return Some(|n| match &n.value {
            Value::Map(m) => m.get("path").and_then(Node::scalar_text),
            _ => n.scalar_text(),
        });
    }
    if matches(path, "services.*.ports") {
        return Some(|n| match &n.value {
            Value::Map(m) => {
                let text = |k: &str, d: &str| {
                    m.get(k)
                        .and_then(Node::scalar_text)
                        .unwrap_or_else(|| d.to_string())
                };
                Some(format!(
                    "{}:{}:{}/{}",
                    text("host_ip", "0.0.0.0"),
                    text("published", ""),
                    text("target", ""),
                    text("protocol", "tcp")
                ))
            }
            _ => n.scalar_text(),
        });
    }
    None
}

fn mount_key(n: &Node, default: &str) -> Option<String> {
    match &n.value {
        Value::Map(m) => match m.get("target").and_then(Node::scalar_text) {
            Some(t) => Some(t),
            None => Some(format!(
                "{default}/{}",
                m.get("source")
                    .and_then(Node::scalar_text)
                    .unwrap_or_default()
            )),
        },
        _ => Some(format!("{default}/{}", n.scalar_text()?)),
    }
}

/// Makes keyed sequences unique: a later entry with the same key replaces
/// the earlier one in its place (compose-go's `EnforceUnicity`).
pub fn enforce_unicity(node: &mut Node, path: &mut Path) {
    match &mut node.value {
        Value::Map(map) => {
            for e in map.iter_mut() {
                path.push(e.key.clone());
                enforce_unicity(&mut e.value, path);
                path.pop();
            }
        }
        Value::Seq(items) => {
            if let Some(index) = indexer(path) {
                let mut out: Vec<Node> = Vec::new();
                let mut keys: Vec<(String, usize)> = Vec::new();
                for item in items.drain(..) {
                    let key = index(&item).unwrap_or_default();
                    match keys.iter().find(|(k, _)| *k == key) {
                        Some((_, j)) => out[*j] = item,
                        None => {
                            keys.push((key, out.len()));
                            out.push(item);
                        }
                    }
                }
                *items = out;
            } else {
                for it in items.iter_mut() {
                    path.push("[]".into());
                    enforce_unicity(it, path);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::emit;
    use crate::compose::yaml::parse_documents;
    use std::sync::Arc;

    fn doc(text: &str) -> Node {
        let file: Arc<str> = Arc::from("t.yaml");
        parse_documents(text, &file).unwrap().remove(0)
    }

    fn merged(base: &str, over: &str) -> String {
        let mut o = doc(over);
        let mut resets = Vec::new();
        take_resets(&mut o, &mut Vec::new(), &mut resets);
        let mut b = doc(base);
        apply_resets(&mut b, &resets);
        let mut m = merge(b, o, &mut Vec::new()).unwrap();
        enforce_unicity(&mut m, &mut Vec::new());
        emit::plain_yaml(&m)
    }

    #[test]
    fn rules() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "scalars are replaced, mappings merged",
                "services: {a: {image: img1, user: u}}",
                "services: {a: {image: img2}}",
                "services:\n  a:\n    image: img2\n    user: u\n",
            ),
            (
                "command is replaced",
                "services: {a: {command: [a, b]}}",
                "services: {a: {command: [c]}}",
                "services:\n  a:\n    command:\n      - c\n",
            ),
            (
                "healthcheck.test is replaced",
                "services: {a: {healthcheck: {test: [CMD, a], retries: 3}}}",
                "services: {a: {healthcheck: {test: [CMD, b]}}}",
                "services:\n  a:\n    healthcheck:\n      test:\n        - CMD\n        - b\n      retries: 3\n",
            ),
            (
                "environment merges by key across syntaxes",
                "services: {a: {environment: {A: '1', B: '2'}}}",
                "services: {a: {environment: [B=3, C]}}",
                "services:\n  a:\n    environment:\n      - A=1\n      - B=3\n      - C\n",
            ),
            (
                "ports are appended then made unique",
                "services: {a: {ports: ['80:80', '443:443']}}",
                "services: {a: {ports: ['80:80', '8080:8080']}}",
                "services:\n  a:\n    ports:\n      - 80:80\n      - 443:443\n      - 8080:8080\n",
            ),
            (
                "volumes are unique by target",
                "services: {a: {volumes: ['./a:/data', 'v:/other']}}",
                "services: {a: {volumes: ['./b:/data']}}",
                "services:\n  a:\n    volumes:\n      - ./b:/data\n      - v:/other\n",
            ),
            (
                "depends_on list and mapping",
                "services: {a: {depends_on: [db]}}",
                "services: {a: {depends_on: {db: {condition: service_healthy}, cache: {condition: service_started}}}}",
                "services:\n  a:\n    depends_on:\n      db:\n        condition: service_healthy\n        required: true\n      cache:\n        condition: service_started\n",
            ),
            (
                "networks list and mapping",
                "services: {a: {networks: [front]}}",
                "services: {a: {networks: {back: {aliases: [x]}}}}",
                "services:\n  a:\n    networks:\n      front: null\n      back:\n        aliases:\n          - x\n",
            ),
            (
                "!reset drops the inherited value",
                "services: {a: {ports: ['80:80'], image: x}}",
                "services: {a: {ports: !reset []}}",
                "services:\n  a:\n    image: x\n",
            ),
            (
                "!override replaces instead of merging",
                "services: {a: {ports: ['80:80'], environment: {A: '1'}}}",
                "services: {a: {ports: !override ['8080:80'], environment: !override {B: '2'}}}",
                "services:\n  a:\n    ports:\n      - 8080:80\n    environment:\n      B: \"2\"\n",
            ),
            (
                "logging with another driver replaces the options",
                "services: {a: {logging: {driver: json-file, options: {max-size: 1m}}}}",
                "services: {a: {logging: {driver: syslog}}}",
                "services:\n  a:\n    logging:\n      driver: syslog\n",
            ),
            (
                "build string and mapping",
                "services: {a: {build: ./dir}}",
                "services: {a: {build: {target: prod}}}",
                "services:\n  a:\n    build:\n      context: ./dir\n      target: prod\n",
            ),
            (
                "null override keeps the base",
                "services: {a: {image: x}}",
                "services: {a: {image: null}}",
                "services:\n  a:\n    image: x\n",
            ),
            (
                "secrets are unique by target",
                "services: {a: {secrets: [s1, {source: s2, target: /x}]}}",
                "services: {a: {secrets: [{source: s1, target: /run/secrets/s1, mode: 0400}]}}",
                "services:\n  a:\n    secrets:\n      - source: s1\n        target: /run/secrets/s1\n        mode: 256\n      - source: s2\n        target: /x\n",
            ),
            (
                "extra_hosts keep the first of equal entries",
                "services: {a: {extra_hosts: ['h=1.2.3.4']}}",
                "services: {a: {extra_hosts: ['h=1.2.3.4', 'g=5.6.7.8']}}",
                "services:\n  a:\n    extra_hosts:\n      - h=1.2.3.4\n      - g=5.6.7.8\n",
            ),
        ];
        for (name, base, over, want) in cases {
            assert_eq!(merged(base, over), *want, "{name}");
        }
    }

    #[test]
    fn a_mapping_cannot_be_overridden_by_a_scalar() {
        let err = merge(
            doc("services: {a: {deploy: {replicas: 1}}}"),
            doc("services: {a: {deploy: x}}"),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(err.0, "cannot override services.a.deploy");
    }
}
