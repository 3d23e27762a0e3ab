//! From the many ways to write a compose file to one: short syntaxes turned
//! into long ones (ports, volumes, depends_on, networks, secrets, build,
//! env_file, devices, extends), the defaults the specification implies
//! (`protocol: tcp`, `mode: ingress`, `context: .`, the default network,
//! resource names `PROJECT_NAME`), relative paths made absolute, and
//! `environment` entries without a value taken from the environment. These
//! are compose-go's `transform`, `paths` and `Normalize` steps.

use std::path::{Component, Path, PathBuf};

use super::yaml::{Map, Node, Value};

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

/// Parses a short-syntax volume (`SOURCE:TARGET[:MODE]`, `TARGET`) into
/// its long form, as compose-go's `format.ParseVolume`.
pub fn parse_volume(spec: &str) -> Result<Node> {
    let mut m = Map::new();
    if spec.is_empty() {
        return err("invalid empty volume spec".into());
    }
    if spec.chars().count() <= 2 {
        m.insert("type", Node::str("volume"));
        m.insert("target", Node::str(spec));
        return Ok(Node::new(Value::Map(m)));
    }
    let chars: Vec<char> = spec.chars().collect();
    let mut buffer = String::new();
    let mut in_var = 0;
    let mut source: Option<String> = None;
    let mut target: Option<String> = None;
    let mut options: Option<String> = None;
    let mut i = 0;
    while i <= chars.len() {
        let c = chars.get(i).copied();
        i += 1;
        if c == Some('$') && chars.get(i) == Some(&'{') {
            in_var += 1;
            buffer.push('$');
            continue;
        }
        if c == Some('}') && in_var > 0 {
            in_var -= 1;
            buffer.push('}');
            continue;
        }
        let windows_drive = c == Some(':')
            && buffer.chars().count() == 1
            && buffer.chars().all(char::is_alphabetic);
        match c {
            Some(':') | None if in_var == 0 && !windows_drive => {
                let end = c.is_none();
                if buffer.is_empty() {
                    return err(format!(
                        "invalid spec: {spec}: empty section between colons"
                    ));
                }
                if source.is_none() && end {
                    target = Some(std::mem::take(&mut buffer));
                } else if source.is_none() {
                    source = Some(std::mem::take(&mut buffer));
                } else if target.is_none() {
                    target = Some(std::mem::take(&mut buffer));
                } else if !end {
                    return err(format!("invalid spec: {spec}: too many colons"));
                } else {
                    options = Some(std::mem::take(&mut buffer));
                }
            }
            Some(ch) => buffer.push(ch),
            None => {}
        }
    }
    let source = source.unwrap_or_default();
    let is_path = source.starts_with(['.', '/', '~'])
        || source.starts_with("\\\\")
        || (source.len() > 1
            && source.chars().next().is_some_and(char::is_alphabetic)
            && source.chars().nth(1) == Some(':'));
    let mut read_only = false;
    let mut nocopy = false;
    let mut bind = Map::new();
    if let Some(opts) = &options {
        for o in opts.split(',') {
            match o {
                "ro" => read_only = true,
                "rw" => read_only = false,
                "nocopy" => nocopy = true,
                "rprivate" | "private" | "rshared" | "shared" | "rslave" | "slave" => {
                    bind.insert("propagation", Node::str(o));
                }
                "z" | "Z" => bind.insert("selinux", Node::str(o)),
                _ => {}
            }
        }
    }
    let target = target.unwrap_or_default();
    m.insert("type", Node::str(if is_path { "bind" } else { "volume" }));
    if !source.is_empty() {
        m.insert("source", Node::str(source));
    }
    m.insert("target", Node::str(clean_path(&target)));
    if read_only {
        m.insert("read_only", bool_node(true));
    }
    if is_path {
        bind.insert("create_host_path", bool_node(true));
        m.insert("bind", Node::new(Value::Map(bind)));
    } else {
        let mut vol = Map::new();
        if nocopy {
            vol.insert("nocopy", bool_node(true));
        }
        m.insert("volume", Node::new(Value::Map(vol)));
    }
    Ok(Node::new(Value::Map(m)))
}

/// Go's `path.Clean` for a slash path.
pub fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return String::new();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Parses a short-syntax port (`[[IP:][HOST:]]CONTAINER[/PROTO]`, ranges
/// `8000-8010:80-90`) into long forms, as moby's `nat.ParsePortSpec` does.
pub fn parse_ports(spec: &str) -> Result<Vec<Node>> {
    let parts: Vec<&str> = spec.split(':').collect();
    let n = parts.len();
    let (mut ip, host, container) = match n {
        1 => (String::new(), "", parts[0]),
        2 => (String::new(), parts[0], parts[1]),
        3 => (parts[0].to_string(), parts[1], parts[2]),
        _ => (parts[..n - 2].join(":"), parts[n - 2], parts[n - 1]),
    };
    let (proto, container) = match container.split_once('/') {
        _ if container.is_empty() => ("", ""),
        None => ("tcp", container),
        Some((port, "")) => ("tcp", port),
        Some((port, proto)) => (proto, port),
    };
    if let Some(inner) = ip.strip_prefix('[') {
        match inner.strip_suffix(']') {
            Some(i) => ip = i.to_string(),
            None => return err(format!("invalid IP address {ip}")),
        }
    }
    if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
        return err(format!("invalid IP address: {ip}"));
    }
    if container.is_empty() {
        return err(format!("no port specified: {spec}<empty>"));
    }
    let (start, end) = port_range(container)
        .ok_or_else(|| SyntaxError(format!("invalid containerPort: {container}")))?;
    let (hstart, hend) = if host.is_empty() {
        (0, 0)
    } else {
        port_range(host).ok_or_else(|| SyntaxError(format!("invalid hostPort: {host}")))?
    };
    if !host.is_empty() && end - start != hend - hstart && end != start {
        return err(format!(
            "invalid ranges specified for container and host Ports: {container} and {host}"
        ));
    }
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return err(format!("invalid proto: {proto}"));
    }
    let mut out: Vec<(String, Node)> = Vec::new();
    for i in 0..=(end - start) {
        let target = start + i;
        let published = if host.is_empty() {
            String::new()
        } else if start == end && hstart != hend {
            format!("{hstart}-{hend}")
        } else {
            (hstart + i).to_string()
        };
        let mut m = Map::new();
        m.insert("mode", Node::str("ingress"));
        if !ip.is_empty() {
            m.insert("host_ip", Node::str(ip.clone()));
        }
        m.insert("target", Node::new(Value::Int(i64::from(target))));
        if !published.is_empty() {
            m.insert("published", Node::str(published));
        }
        m.insert("protocol", Node::str(proto.clone()));
        out.push((format!("{target}/{proto}"), Node::new(Value::Map(m))));
    }
    // ParsePortSpecs returns the ports sorted by "PORT/PROTO" as strings.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, n)| n).collect())
}

fn port_range(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let a: u32 = a.parse().ok()?;
    let b: u32 = b.parse().ok()?;
    (a <= b && b <= 65535).then_some((a, b))
}

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

/// Expands `~` and makes `p` absolute against `base`.
pub fn abs_path(base: &Path, p: &str, home: Option<&str>) -> String {
    let expanded = match (p.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            format!("{home}{rest}")
        }
        _ => p.to_string(),
    };
    if expanded.is_empty() || expanded.starts_with('/') {
        return expanded;
    }
    join_clean(base, &expanded)
}

/// Go's `filepath.Join(base, rel)`: joined and cleaned.
pub fn join_clean(base: &Path, rel: &str) -> String {
    let joined: PathBuf = base.join(rel);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

fn is_remote_context(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("service:")
        || [
            "https://",
            "http://",
            "git://",
            "ssh://",
            "github.com/",
            "git@",
        ]
        .iter()
        .any(|p| s.starts_with(p))
}

/// Makes relative paths absolute against the project directory (compose-go's
/// `paths.ResolveRelativePaths`).
pub fn resolve_paths(root: &mut Node, base: &Path, home: Option<&str>) {
    let Some(top) = root.as_map_mut() else {
        return;
    };
    let abs = |n: &mut Node| {
        if let Value::Str(s) = &n.value {
            n.value = Value::Str(abs_path(base, s, home));
        }
    };
    if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
        for e in services.iter_mut() {
            let Some(s) = e.value.as_map_mut() else {
                continue;
            };
            if let Some(b) = s.get_mut("build").and_then(Node::as_map_mut) {
                if let Some(ctx) = b.get_mut("context") {
                    if !ctx.as_str().is_some_and(is_remote_context) {
                        abs(ctx);
                    }
                }
                if let Some(ac) = b.get_mut("additional_contexts").and_then(Node::as_map_mut) {
                    for c in ac.iter_mut() {
                        if !c.value.as_str().is_some_and(is_remote_context) {
                            abs(&mut c.value);
                        }
                    }
                }
            }
            if let Some(Value::Seq(items)) = s.get_mut("env_file").map(|n| &mut n.value) {
                for it in items {
                    if let Some(p) = it.as_map_mut().and_then(|m| m.get_mut("path")) {
                        abs(p);
                    }
                }
            }
            if let Some(Value::Seq(items)) = s.get_mut("label_file").map(|n| &mut n.value) {
                items.iter_mut().for_each(abs);
            }
            if let Some(f) = s
                .get_mut("extends")
                .and_then(Node::as_map_mut)
                .and_then(|m| m.get_mut("file"))
            {
                abs(f);
            }
            if let Some(Value::Seq(items)) = s.get_mut("volumes").map(|n| &mut n.value) {
                for it in items {
                    if let Some(m) = it.as_map_mut() {
                        if m.get("type").and_then(Node::as_str) == Some("bind") {
                            if let Some(src) = m.get_mut("source") {
                                abs(src);
                            }
                        }
                    }
                }
            }
        }
    }
    for kind in ["configs", "secrets"] {
        if let Some(res) = top.get_mut(kind).and_then(Node::as_map_mut) {
            for e in res.iter_mut() {
                if let Some(f) = e.value.as_map_mut().and_then(|m| m.get_mut("file")) {
                    abs(f);
                }
            }
        }
    }
    if let Some(vols) = top.get_mut("volumes").and_then(Node::as_map_mut) {
        for e in vols.iter_mut() {
            let Some(v) = e.value.as_map_mut() else {
                continue;
            };
            if v.get("driver").and_then(Node::as_str) != Some("local") {
                continue;
            }
            if let Some(opts) = v.get_mut("driver_opts").and_then(Node::as_map_mut) {
                if opts.get("o").and_then(Node::as_str) == Some("bind") {
                    if let Some(dev) = opts.get_mut("device") {
                        abs(dev);
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

#[cfg(test)]
mod tests {
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
}
