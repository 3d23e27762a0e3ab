//! YAML rendering of JSON values, for `rpod info` (podman prints YAML there).

use serde_json::Value;

/// Renders a JSON value as block-style YAML.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0, false);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        _ => unreachable!("only scalars"),
    }
}

fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(' ')
        && !matches!(s, "true" | "false" | "null" | "yes" | "no" | "~")
        && s.parse::<f64>().is_err()
        && !s.contains('\n');
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("strings serialise")
    }
}

fn is_scalar(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => true,
    }
}

fn write_value(out: &mut String, v: &Value, indent: usize, in_list: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (i, (k, val)) in map.iter().enumerate() {
                let lead = if in_list && i == 0 {
                    String::new()
                } else {
                    pad.clone()
                };
                if is_scalar(val) {
                    out.push_str(&format!("{lead}{}: {}\n", quote(k), scalar(val)));
                } else {
                    out.push_str(&format!("{lead}{}:\n", quote(k)));
                    let child = if matches!(val, Value::Array(_)) {
                        indent
                    } else {
                        indent + 2
                    };
                    write_value(out, val, child, false);
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                if is_scalar(item) {
                    out.push_str(&format!("{pad}- {}\n", scalar(item)));
                } else {
                    out.push_str(&format!("{pad}- "));
                    write_value(out, item, indent + 2, true);
                }
            }
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
    fn strings_that_need_quotes() {
        assert_eq!(
            render(&json!({"a": "true", "b": "x: y", "c": "plain"})),
            "a: \"true\"\nb: \"x: y\"\nc: plain\n"
        );
    }
}
