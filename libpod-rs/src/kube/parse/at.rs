//! The reader under the parser: a YAML node with the path that led to it,
//! typed accessors that fail naming the field and line.

use std::collections::BTreeMap;

use crate::compose::yaml::{self, Node, Value};

/// A field error before the document is known.
pub(super) struct Fail {
    pub(super) field: String,
    pub(super) line: usize,
    pub(super) message: String,
}

pub(super) type R<T> = Result<T, Fail>;

/// A node with the path that led to it.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) node: &'a Node,
    pub(super) path: &'a str,
}

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> At<'a> {
    pub(super) fn fail(&self, message: impl Into<String>) -> Fail {
        Fail {
            field: self.path.to_string(),
            line: self.node.pos.line,
            message: message.into(),
        }
    }

    pub(super) fn map(&self) -> R<&'a yaml::Map> {
        match &self.node.value {
            Value::Map(m) => Ok(m),
            _ => Err(self.fail(format!("must be a mapping, not {}", self.node.kind_name()))),
        }
    }

    /// The value of `key` with its path, `None` when absent or null.
    pub(super) fn get(&self, key: &str, path: &'a mut String) -> R<Option<At<'a>>> {
        let m = self.map()?;
        *path = join(self.path, key);
        Ok(m.get(key).filter(|n| !n.is_null()).map(|node| At {
            node,
            path: path.as_str(),
        }))
    }

    pub(super) fn str(&self) -> R<String> {
        match &self.node.value {
            Value::Str(s) => Ok(s.clone()),
            // As sigs.k8s.io/yaml decodes a scalar into a string field.
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Ok(self.node.scalar_text().unwrap_or_default())
            }
            _ => Err(self.fail(format!("must be a string, not {}", self.node.kind_name()))),
        }
    }

    pub(super) fn bool(&self) -> R<bool> {
        match &self.node.value {
            Value::Bool(b) => Ok(*b),
            Value::Str(s) if s == "true" || s == "false" => Ok(s == "true"),
            _ => Err(self.fail(format!(
                "must be true or false, not {}",
                self.node.kind_name()
            ))),
        }
    }

    pub(super) fn int(&self, min: i64, max: i64) -> R<i64> {
        let n = match &self.node.value {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(self.fail(format!(
                "must be an integer from {min} to {max}, not {}",
                self.node
                    .scalar_text()
                    .unwrap_or_else(|| self.node.kind_name().to_string())
            ))),
        }
    }

    pub(super) fn seq(&self) -> R<&'a [Node]> {
        match &self.node.value {
            Value::Seq(s) => Ok(s),
            _ => Err(self.fail(format!("must be a list, not {}", self.node.kind_name()))),
        }
    }

    pub(super) fn strings(&self) -> R<Vec<String>> {
        let mut out = Vec::new();
        for (i, n) in self.seq()?.iter().enumerate() {
            let p = format!("{}[{i}]", self.path);
            out.push(At { node: n, path: &p }.str()?);
        }
        Ok(out)
    }

    pub(super) fn string_map(&self) -> R<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for e in self.map()?.iter() {
            if e.value.is_null() {
                out.insert(e.key.clone(), String::new());
                continue;
            }
            let p = join(self.path, &e.key);
            out.insert(
                e.key.clone(),
                At {
                    node: &e.value,
                    path: &p,
                }
                .str()?,
            );
        }
        Ok(out)
    }
}

/// Reads an optional field with a closure over its node.
pub(super) fn opt<T>(at: &At<'_>, key: &str, f: impl FnOnce(At<'_>) -> R<T>) -> R<Option<T>> {
    let mut p = String::new();
    match at.get(key, &mut p)? {
        Some(a) => f(a).map(Some),
        None => Ok(None),
    }
}

/// Reads a required field.
pub(super) fn req<T>(at: &At<'_>, key: &str, f: impl FnOnce(At<'_>) -> R<T>) -> R<T> {
    match opt(at, key, f)? {
        Some(v) => Ok(v),
        None => Err(Fail {
            field: join(at.path, key),
            line: at.node.pos.line,
            message: "required, but missing".into(),
        }),
    }
}

/// Reads each element of an optional list field.
pub(super) fn list<T>(at: &At<'_>, key: &str, mut f: impl FnMut(At<'_>) -> R<T>) -> R<Vec<T>> {
    let mut p = String::new();
    let Some(a) = at.get(key, &mut p)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, n) in a.seq()?.iter().enumerate() {
        let ip = format!("{}[{i}]", a.path);
        out.push(f(At { node: n, path: &ip })?);
    }
    Ok(out)
}
