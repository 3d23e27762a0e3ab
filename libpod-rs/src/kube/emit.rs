//! Writing Kubernetes objects as podman writes them: JSON values turned
//! into YAML the way sigs.k8s.io/yaml does (keys sorted, sequences not
//! indented under their key, yaml.v2's block style), strings quoted by the
//! same rules as compose's writer.

use serde_json::Value;

use crate::compose::emit::string_scalar;

/// One document as YAML text (ends with a newline).
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0),
        other => {
            out.push_str(&scalar(other, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn is_block(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, level: usize) {
    let mut first = true;
    for (k, v) in sorted(m) {
        if !first {
            pad(out, level);
        }
        first = false;
        write_entry(out, k, v, level);
    }
}

fn sorted(m: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<_> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

fn write_entry(out: &mut String, k: &str, v: &Value, level: usize) {
    out.push_str(&string_scalar(k, level, true));
    out.push(':');
    match v {
        Value::Object(m) if is_block(v) => {
            out.push('\n');
            pad(out, level + 2);
            write_map(out, m, level + 2);
        }
        Value::Array(a) if is_block(v) => {
            out.push('\n');
            write_seq(out, a, level);
        }
        _ => {
            out.push(' ');
            out.push_str(&scalar(v, level + 2));
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, a: &[Value], level: usize) {
    for item in a {
        pad(out, level);
        out.push_str("- ");
        match item {
            Value::Object(m) if is_block(item) => write_map(out, m, level + 2),
            Value::Array(inner) if is_block(item) => {
                out.push('\n');
                write_seq(out, inner, level + 2);
            }
            _ => {
                out.push_str(&scalar(item, level + 2));
                out.push('\n');
            }
        }
    }
}

fn scalar(v: &Value, level: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_scalar(s, level, false),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_as_sigs_k8s_yaml_does() {
        let v = json!({
            "kind": "Pod",
            "apiVersion": "v1",
            "metadata": {"name": "web", "creationTimestamp": "2024-01-02T03:04:05Z", "labels": {}},
            "spec": {"containers": [{"name": "a", "args": ["sh", "-c", "echo yes"], "ports": [{"containerPort": 80}]}]},
        });
        assert_eq!(
            to_yaml(&v),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: \"2024-01-02T03:04:05Z\"\n  labels: {}\n  name: web\nspec:\n  containers:\n  - args:\n    - sh\n    - -c\n    - echo yes\n    name: a\n    ports:\n    - containerPort: 80\n"
        );
    }
}
