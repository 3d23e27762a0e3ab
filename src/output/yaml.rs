//! YAML rendering of JSON values as podman prints it (sigs.k8s.io/yaml:
//! the JSON names, then go-yaml v2): keys sorted at every level in
//! go-yaml's order, lists at their key's indentation, multi-line strings
//! as `|-` blocks, strings that would read as another type in double
//! quotes, other strings that cannot stay plain in single quotes.

use std::cmp::Ordering;

use serde_json::Value;

/// Renders a JSON value as block-style YAML.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0, false);
    out
}

/// go-yaml v2's key order: letters after other characters, digit runs by
/// their value, else by character.
fn key_order(a: &str, b: &str) -> Ordering {
    let (ar, br): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let (al, bl) = (ar[i].is_alphabetic(), br[i].is_alphabetic());
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let num = |r: &[char]| {
            let mut j = i;
            let mut n: u128 = 0;
            while j < r.len() && r[j].is_ascii_digit() {
                n = n * 10 + u128::from(r[j].to_digit(10).unwrap_or(0));
                j += 1;
            }
            (n, j)
        };
        let ((an, ai), (bn, bi)) = (num(&ar), num(&br));
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

/// Whether go-yaml would read a plain scalar as something other than a string.
fn resolves_to_non_string(s: &str) -> bool {
    matches!(
        s,
        "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "yes"
            | "Yes"
            | "YES"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
            | "y"
            | "Y"
            | "n"
            | "N"
            | "null"
            | "Null"
            | "NULL"
            | "~"
            | ""
            | ".inf"
            | ".Inf"
            | ".INF"
            | "-.inf"
            | "+.inf"
            | ".nan"
            | ".NaN"
            | ".NAN"
            | "<<"
    ) || {
        let t = s.replace('_', "");
        t.parse::<f64>().is_ok()
            || t.strip_prefix("0x")
                .is_some_and(|h| i64::from_str_radix(h, 16).is_ok())
            || t.strip_prefix("0b")
                .is_some_and(|h| i64::from_str_radix(h, 2).is_ok())
    }
}

/// Whether go-yaml's emitter may write a string plain in block context.
fn plain_allowed(s: &str) -> bool {
    if s.is_empty() || s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    if chars[0] == ' ' || chars[chars.len() - 1] == ' ' {
        return false;
    }
    let blank = |i: usize| chars.get(i).is_none_or(|c| *c == ' ' || *c == '\t');
    if "#,[]{}&*!|>'\"%@`".contains(chars[0]) {
        return false;
    }
    if (chars[0] == '-' || chars[0] == '?' || chars[0] == ':') && blank(1) {
        return false;
    }
    for (i, c) in chars.iter().enumerate() {
        if *c == ':' && blank(i + 1) {
            return false;
        }
        if *c == '#' && i > 0 && (chars[i - 1] == ' ' || chars[i - 1] == '\t') {
            return false;
        }
        if c.is_control() && *c != '\t' {
            return false;
        }
    }
    true
}

fn quote(s: &str) -> String {
    if resolves_to_non_string(s) {
        return serde_json::to_string(s).expect("strings serialise");
    }
    if plain_allowed(s) {
        return s.to_string();
    }
    if s.chars().any(|c| c.is_control() && c != '\t') {
        return serde_json::to_string(s).expect("strings serialise");
    }
    format!("'{}'", s.replace('\'', "''"))
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => crate::output::template::funcs::go_float(f),
            _ => n.to_string(),
        },
        Value::String(s) => quote(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        _ => unreachable!("only scalars"),
    }
}

fn is_scalar(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => !s.contains('\n'),
        _ => true,
    }
}

/// A multi-line string as a literal block (`|-`, `|` or `|+` by its trailing newlines).
fn block(s: &str, indent: usize) -> String {
    let chomp = if !s.ends_with('\n') {
        "-"
    } else if s.ends_with("\n\n") {
        "+"
    } else {
        ""
    };
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}\n");
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{line}\n"));
        }
    }
    out
}

fn write_value(out: &mut String, v: &Value, indent: usize, in_list: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) if !map.is_empty() => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| key_order(a.0, b.0));
            for (i, (k, val)) in entries.into_iter().enumerate() {
                let lead = if in_list && i == 0 {
                    String::new()
                } else {
                    pad.clone()
                };
                match val {
                    Value::String(s) if s.contains('\n') => {
                        out.push_str(&format!("{lead}{}: {}", quote(k), block(s, indent + 2)));
                    }
                    v if is_scalar(v) => {
                        out.push_str(&format!("{lead}{}: {}\n", quote(k), scalar(v)));
                    }
                    v => {
                        out.push_str(&format!("{lead}{}:\n", quote(k)));
                        let child = if matches!(v, Value::Array(_)) {
                            indent
                        } else {
                            indent + 2
                        };
                        write_value(out, v, child, false);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                match item {
                    Value::String(s) if s.contains('\n') => {
                        out.push_str(&format!("{pad}- {}", block(s, indent + 2)));
                    }
                    i if is_scalar(i) => out.push_str(&format!("{pad}- {}\n", scalar(i))),
                    i => {
                        out.push_str(&format!("{pad}- "));
                        write_value(out, i, indent + 2, true);
                    }
                }
            }
        }
        Value::String(s) if s.contains('\n') => {
            out.push_str(&format!("{pad}{}", block(s, indent + 2)))
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use serde_json::json;

    #[test]
    fn nested_maps_and_lists() {
        let v = json!({"host": {"rootless": true, "idMappings": {"uidmap": [{"container_id": 0, "host_id": 1000, "size": 1}]}}, "search": ["docker.io"], "empty": []});
        assert_eq!(
            render(&v),
            "empty: []\nhost:\n  idMappings:\n    uidmap:\n    - container_id: 0\n      host_id: 1000\n      size: 1\n  rootless: true\nsearch:\n- docker.io\n"
        );
    }

    #[test]
    fn strings_as_go_yaml_writes_them() {
        assert_eq!(
            render(
                &json!({"a": "true", "b": "x: y", "c": "plain", "d": "12", "e": "", "f": "it's: x"})
            ),
            "a: \"true\"\nb: 'x: y'\nc: plain\nd: \"12\"\ne: \"\"\nf: 'it''s: x'\n"
        );
        assert_eq!(
            render(&json!({"ociRuntime": {"version": "runc 1.1\ncommit: x"}, "p": 8.45})),
            "ociRuntime:\n  version: |-\n    runc 1.1\n    commit: x\np: 8.45\n"
        );
    }

    #[test]
    fn keys_in_go_yaml_order() {
        let v = json!({"Version": 1, "APIVersion": 2, "OsArch": 3, "Os": 4, "Built": 5, "BuiltTime": 6, "a10": 7, "a9": 8, "_x": 9});
        assert_eq!(
            render(&v),
            "_x: 9\nAPIVersion: 2\nBuilt: 5\nBuiltTime: 6\nOs: 4\nOsArch: 3\nVersion: 1\na9: 8\na10: 7\n"
        );
    }
}
