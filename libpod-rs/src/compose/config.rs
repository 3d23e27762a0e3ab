//! `compose config`: the normalised model as Docker Compose v2 prints it.
//!
//! compose-go decodes its tree into Go structs and encodes them again; what
//! comes out has the structs' field order, drops empty values (`omitempty`)
//! except where a field is a pointer, prints environment and labels as
//! sorted mappings, commands as lists, durations as Go prints them
//! (`1m30s`), byte sizes as numbers in strings. [`printable`] makes that
//! tree from the loader's model, using the table in `schema.rs`.

use super::emit::yaml_key_cmp;
use super::schema::{shape_fits, Kind, PROJECT};
use super::yaml::{Map, Node, Value};

/// The two output formats of `compose config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML (the default).
    Yaml,
    /// JSON (`--format json`).
    Json,
}

/// A value that cannot be normalised (a duration without a unit...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The dotted path.
    pub path: String,
    /// The line it was written on (0 when unknown).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

type Result<T> = std::result::Result<T, ValueError>;

/// The model as compose prints it (field order, omitted empty values,
/// normalised values). The loader also reads its typed model from it.
pub fn printable(model: &Node, format: Format) -> Result<Node> {
    let mut path = Vec::new();
    let mut out = finalize(model, &PROJECT, format, &mut path)?.unwrap_or_else(Node::map);
    if let Some(top) = out.as_map_mut() {
        if !top.contains("services") {
            top.insert("services", Node::map());
        }
        if format == Format::Json {
            // encoding/json writes the project as a map: sorted keys.
            top.sort_by(|a, b| a.cmp(b));
            if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
                for s in services.iter_mut() {
                    if let Some(s) = s.value.as_map_mut() {
                        // `json:"command"`: no omitempty for these two.
                        for key in ["command", "entrypoint"] {
                            if !s.contains(key) {
                                s.insert(key, Node::null());
                            }
                        }
                        resort(s, &["command", "entrypoint"]);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Puts `inserted` keys back at their place in the service field order.
fn resort(s: &mut Map, _inserted: &[&str]) {
    let Kind::Obj(fields) = &super::schema::SERVICE else {
        return;
    };
    let rank = |k: &str| {
        fields
            .iter()
            .position(|f| f.name == k)
            .unwrap_or(usize::MAX)
    };
    s.sort_by(|a, b| rank(a).cmp(&rank(b)));
}

fn is_zero(n: &Node) -> bool {
    match &n.value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Int(i) => *i == 0,
        Value::Float(f) => *f == 0.0,
        Value::Str(s) => s.is_empty(),
        Value::Seq(s) => s.is_empty(),
        Value::Map(m) => m.is_empty(),
    }
}

fn sort_user_keys(m: &mut Map, format: Format) {
    match format {
        Format::Yaml => m.sort_by(yaml_key_cmp),
        Format::Json => m.sort_by(|a, b| a.cmp(b)),
    }
}

fn sorted_any(n: &Node, format: Format) -> Node {
    let mut out = n.clone();
    match &mut out.value {
        Value::Map(m) => {
            for e in m.iter_mut() {
                e.value = sorted_any(&e.value, format);
            }
            sort_user_keys(m, format);
        }
        Value::Seq(items) => {
            for it in items.iter_mut() {
                *it = sorted_any(it, format);
            }
        }
        _ => {}
    }
    out
}

fn text(n: &Node) -> String {
    n.scalar_text().unwrap_or_default()
}

fn finalize(n: &Node, kind: &Kind, format: Format, path: &mut Vec<String>) -> Result<Option<Node>> {
    let bad = |path: &Vec<String>, message: String| ValueError {
        path: path.join("."),
        line: n.pos.line,
        message,
    };
    let at = |v: Value| Some(Node::at(v, &n.pos));
    if n.is_null() {
        return Ok(None);
    }
    Ok(match kind {
        Kind::Any => Some(sorted_any(n, format)),
        Kind::Str => match &n.value {
            Value::Seq(_) | Value::Map(_) => Some(n.clone()),
            _ => at(Value::Str(text(n))),
        },
        Kind::Bool | Kind::Int | Kind::Float => Some(n.clone()),
        Kind::Duration => {
            let s = text(n);
            let nanos = parse_duration(&s).map_err(|e| bad(path, e))?;
            at(Value::Str(format_duration(nanos)))
        }
        Kind::Bytes => {
            let v = match &n.value {
                Value::Int(i) => *i,
                _ => ram_in_bytes(&text(n)).map_err(|e| bad(path, e))?,
            };
            at(Value::Str(v.to_string()))
        }
        Kind::Mode => {
            let v = match &n.value {
                Value::Int(i) => *i,
                _ => i64::from_str_radix(&text(n), 8)
                    .map_err(|_| bad(path, format!("invalid file mode {:?}", text(n))))?,
            };
            at(Value::Str(format!("0{v:o}")))
        }
        Kind::Command => match &n.value {
            Value::Seq(items) => at(Value::Seq(
                items
                    .iter()
                    .map(|i| Node::at(Value::Str(text(i)), &i.pos))
                    .collect(),
            )),
            _ => {
                let words = shell_split(&text(n)).map_err(|e| bad(path, e))?;
                at(Value::Seq(words.into_iter().map(Node::str).collect()))
            }
        },
        Kind::HealthTest => match &n.value {
            Value::Seq(items) => at(Value::Seq(
                items
                    .iter()
                    .map(|i| Node::at(Value::Str(text(i)), &i.pos))
                    .collect(),
            )),
            _ => at(Value::Seq(vec![
                Node::str("CMD-SHELL"),
                Node::at(Value::Str(text(n)), &n.pos),
            ])),
        },
        Kind::StrList | Kind::StrOrList => match &n.value {
            Value::Seq(items) => at(Value::Seq(
                items
                    .iter()
                    .filter(|i| !i.is_null())
                    .map(|i| Node::at(Value::Str(text(i)), &i.pos))
                    .collect(),
            )),
            _ => at(Value::Seq(vec![Node::at(Value::Str(text(n)), &n.pos)])),
        },
        Kind::Env | Kind::Labels | Kind::Mapping => {
            let mut m = Map::new();
            match &n.value {
                Value::Seq(items) => {
                    for it in items {
                        let t = text(it);
                        let (k, v) = match t.split_once('=') {
                            Some((k, v)) => (k.to_string(), Some(v.to_string())),
                            None => (t.clone(), None),
                        };
                        if matches!(kind, Kind::Env) && k.ends_with(char::is_whitespace) {
                            return Err(bad(
                                path,
                                format!(
                                    "environment variable {k} is declared with a trailing space"
                                ),
                            ));
                        }
                        let value = match (v, kind) {
                            (Some(v), _) => Node::at(Value::Str(v), &it.pos),
                            (None, Kind::Env) => Node::at(Value::Null, &it.pos),
                            (None, _) => Node::at(Value::Str(String::new()), &it.pos),
                        };
                        m.insert(k, value);
                    }
                }
                Value::Map(src) => {
                    for e in src.iter() {
                        let value = match (&e.value.value, kind) {
                            (Value::Null, Kind::Env) => Node::at(Value::Null, &e.value.pos),
                            _ => Node::at(Value::Str(text(&e.value)), &e.value.pos),
                        };
                        m.insert_entry(super::yaml::Entry {
                            key: e.key.clone(),
                            key_pos: e.key_pos.clone(),
                            value,
                        });
                    }
                }
                _ => {}
            }
            sort_user_keys(&mut m, format);
            at(Value::Map(m))
        }
        Kind::ExtraHosts => {
            let mut hosts: Vec<String> = Vec::new();
            let mut add = |host: &str, ips: &str| -> Result<()> {
                if host.is_empty() || host.contains([':', '=']) {
                    return Err(bad(path, format!("bad host name '{host}'")));
                }
                for ip in ips.split(',') {
                    let ip = ip
                        .strip_prefix('[')
                        .and_then(|i| i.strip_suffix(']'))
                        .filter(|_| ip.len() > 2)
                        .unwrap_or(ip);
                    hosts.push(format!("{host}={ip}"));
                }
                Ok(())
            };
            match &n.value {
                Value::Seq(items) => {
                    for it in items {
                        let t = text(it);
                        let (h, ip) =
                            t.split_once('=')
                                .or_else(|| t.split_once(':'))
                                .ok_or_else(|| {
                                    bad(path, format!("invalid additional host, missing IP: {t}"))
                                })?;
                        add(h, ip)?;
                    }
                }
                Value::Map(m) => {
                    for e in m.iter() {
                        match &e.value.value {
                            Value::Seq(ips) => {
                                for ip in ips {
                                    add(&e.key, &text(ip))?;
                                }
                            }
                            _ => add(&e.key, &text(&e.value))?,
                        }
                    }
                }
                _ => {}
            }
            hosts.sort();
            at(Value::Seq(hosts.into_iter().map(Node::str).collect()))
        }
        Kind::Ulimit => match &n.value {
            Value::Map(m) => {
                let mut out = Map::new();
                for k in ["soft", "hard"] {
                    if let Some(v) = m.get(k) {
                        out.insert(k, v.clone());
                    }
                }
                at(Value::Map(out))
            }
            _ => Some(n.clone()),
        },
        Kind::List(item) => match &n.value {
            Value::Seq(items) => {
                let mut out = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    path.push(format!("[{i}]"));
                    let r = finalize(it, item, format, path);
                    path.pop();
                    if let Some(v) = r? {
                        out.push(v);
                    }
                }
                at(Value::Seq(out))
            }
            _ => Some(n.clone()),
        },
        Kind::Map(value) => match &n.value {
            Value::Map(src) => {
                let mut m = Map::new();
                for e in src.iter() {
                    path.push(e.key.clone());
                    let r = finalize(&e.value, value, format, path);
                    path.pop();
                    m.insert_entry(super::yaml::Entry {
                        key: e.key.clone(),
                        key_pos: e.key_pos.clone(),
                        value: r?.unwrap_or_else(|| Node::at(Value::Null, &e.value.pos)),
                    });
                }
                sort_user_keys(&mut m, format);
                at(Value::Map(m))
            }
            _ => Some(n.clone()),
        },
        Kind::Obj(fields) => match &n.value {
            Value::Map(src) => {
                let mut m = Map::new();
                for f in fields.iter() {
                    let value = match src.get(f.name) {
                        Some(v) => {
                            path.push(f.name.to_string());
                            let r = finalize(v, &f.kind, format, path);
                            path.pop();
                            r?
                        }
                        None => None,
                    };
                    // encoding/json has no omitempty for structs: they are printed empty.
                    let json_struct =
                        format == Format::Json && !f.keep && matches!(f.kind, Kind::Obj(_));
                    let value = match value {
                        None if json_struct => finalize(&Node::map(), &f.kind, format, path)?,
                        v => v,
                    };
                    let Some(value) = value else { continue };
                    if is_zero(&value) && !f.keep && !json_struct {
                        continue;
                    }
                    let key_pos = src
                        .entry(f.name)
                        .map(|e| e.key_pos.clone())
                        .unwrap_or_default();
                    m.insert_entry(super::yaml::Entry {
                        key: f.name.to_string(),
                        key_pos,
                        value,
                    });
                }
                if format == Format::Yaml || path.is_empty() {
                    let mut ext: Vec<&super::yaml::Entry> =
                        src.iter().filter(|e| e.key.starts_with("x-")).collect();
                    ext.sort_by(|a, b| yaml_key_cmp(&a.key, &b.key));
                    for e in ext {
                        m.insert_entry(super::yaml::Entry {
                            key: e.key.clone(),
                            key_pos: e.key_pos.clone(),
                            value: sorted_any(&e.value, format),
                        });
                    }
                }
                at(Value::Map(m))
            }
            _ => Some(n.clone()),
        },
        Kind::OneOf(kinds) => {
            let chosen = kinds.iter().find(|k| shape_fits(k, n)).unwrap_or(&kinds[0]);
            finalize(n, chosen, format, path)?
        }
    })
}

/// Parses a duration as compose-go does (`str2duration`: Go's units plus `d` and `w`).
pub fn parse_duration(s: &str) -> std::result::Result<i64, String> {
    let orig = s;
    let invalid = || format!("time: invalid duration {orig:?}");
    let (neg, mut s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: f64 = 0.0;
    while !s.is_empty() {
        let num_len = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        if num_len == 0 {
            return Err(invalid());
        }
        let value: f64 = s[..num_len].parse().map_err(|_| invalid())?;
        s = &s[num_len..];
        let unit_len = s
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(s.len());
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let scale: f64 = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "d" => 86400e9,
            "w" => 7.0 * 86400e9,
            "" => return Err(format!("time: missing unit in duration {orig:?}")),
            _ => return Err(format!("time: unknown unit {unit:?} in duration {orig:?}")),
        };
        total += value * scale;
    }
    let total = total.round() as i64;
    Ok(if neg { -total } else { total })
}

/// Formats nanoseconds as Go's `time.Duration.String()`: `1m30s`, `500ms`, `0s`.
pub fn format_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let neg = nanos < 0;
    let u = nanos.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    let frac = |v: u64, unit: u64| -> String {
        let whole = v / unit;
        let rest = v % unit;
        if rest == 0 {
            return whole.to_string();
        }
        let width = unit.to_string().len() - 1;
        let digits = format!("{rest:0width$}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    };
    if u < 1_000 {
        return format!("{sign}{u}ns");
    }
    if u < 1_000_000 {
        return format!("{sign}{}µs", frac(u, 1_000));
    }
    if u < 1_000_000_000 {
        return format!("{sign}{}ms", frac(u, 1_000_000));
    }
    let hours = u / 3_600_000_000_000;
    let rem = u % 3_600_000_000_000;
    let minutes = rem / 60_000_000_000;
    let secs = rem % 60_000_000_000;
    let s = frac(secs, 1_000_000_000);
    if hours > 0 {
        format!("{sign}{hours}h{minutes}m{s}s")
    } else if minutes > 0 {
        format!("{sign}{minutes}m{s}s")
    } else {
        format!("{sign}{s}s")
    }
}

/// docker's `units.RAMInBytes` ([`crate::units::ram_in_bytes`]), with
/// Compose's message.
pub fn ram_in_bytes(s: &str) -> std::result::Result<i64, String> {
    crate::units::ram_in_bytes(s.trim())
        .ok()
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| format!("invalid size: '{s}'"))
}

/// Splits a command line as a POSIX shell would (go-shellwords without
/// variable or backtick expansion): quotes, backslashes, whitespace.
pub fn shell_split(s: &str) -> std::result::Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(n) => word.push(n),
                    None => word.push('\\'),
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(n) => word.push(n),
                        None => return Err(format!("invalid command line string: {s}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&n @ ('"' | '\\' | '$' | '`')) => {
                                word.push(n);
                                chars.next();
                            }
                            Some('\n') => {
                                chars.next();
                            }
                            _ => word.push('\\'),
                        },
                        Some(n) => word.push(n),
                        None => return Err(format!("invalid command line string: {s}")),
                    }
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases: &[(&str, &str)] = &[
            ("10s", "10s"),
            ("90s", "1m30s"),
            ("1m30s", "1m30s"),
            ("1h", "1h0m0s"),
            ("500ms", "500ms"),
            ("1.5s", "1.5s"),
            ("0", "0s"),
            ("0s", "0s"),
            ("2m", "2m0s"),
            ("1d", "24h0m0s"),
            ("100us", "100µs"),
            ("1h2m3.5s", "1h2m3.5s"),
        ];
        for (input, want) in cases {
            assert_eq!(
                format_duration(parse_duration(input).unwrap()),
                *want,
                "{input}"
            );
        }
        assert!(parse_duration("10").unwrap_err().contains("missing unit"));
        assert!(parse_duration("abc").is_err());
        assert!(parse_duration("5y").unwrap_err().contains("unknown unit"));
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(ram_in_bytes("64m"), Ok(64 * 1024 * 1024));
        assert_eq!(ram_in_bytes("1g"), Ok(1 << 30));
        assert_eq!(ram_in_bytes("2GiB"), Ok(2 << 30));
        assert_eq!(ram_in_bytes("512"), Ok(512));
        assert_eq!(ram_in_bytes("1.5k"), Ok(1536));
        assert_eq!(ram_in_bytes("10 mb"), Ok(10 << 20));
        assert!(ram_in_bytes("lots").is_err());
        assert!(ram_in_bytes("1q").is_err());
    }

    #[test]
    fn shell_words() {
        let cases: &[(&str, &[&str])] = &[
            ("npm start", &["npm", "start"]),
            ("  a   b  ", &["a", "b"]),
            ("sh -c 'echo hi; exit 1'", &["sh", "-c", "echo hi; exit 1"]),
            ("echo \"a \\\"b\\\" c\"", &["echo", "a \"b\" c"]),
            ("a\\ b c", &["a b", "c"]),
            ("x ''", &["x", ""]),
            ("pre'mid'\"post\"", &["premidpost"]),
        ];
        for (input, want) in cases {
            assert_eq!(shell_split(input).unwrap(), *want, "{input}");
        }
        assert!(shell_split("echo 'open").is_err());
    }
}
