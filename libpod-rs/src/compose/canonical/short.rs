//! The short syntaxes of volumes and ports parsed into their long form.

use super::{bool_node, err, Result, SyntaxError};
use crate::compose::yaml::{Map, Node, Value};

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
