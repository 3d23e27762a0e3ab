//! podman's Go types of the data its templates see (`schema.txt`, written
//! by `contrib/template-schema.py` from podman's source), and [`typed`],
//! which shapes rpod's data as those types: a null becomes the Go field's
//! zero value (`""`, `0`, `false`, a nil slice printed `[]`, a nil map
//! `map[]`, a nil pointer `<nil>`), a JSON object a struct printed `{a b}`
//! in Go's field order, a time `2024-01-02 03:04:05 +0000 UTC`, a duration
//! `30s`, a whole number an int. A field podman has and rpod's data lacks
//! is there with its zero value, so every `{{.Path.To.Field}}` that works
//! with podman works with rpod.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::value::TValue;

/// The schema text: `pkg.Type` lines, each followed by its fields
/// (` GoName json type [o]`, see the generator).
const TEXT: &str = include_str!("schema.txt");

/// One field (or no-argument method) of a Go struct.
#[derive(Debug)]
pub struct Field {
    /// The Go name (`Names()` for a method).
    pub go: &'static str,
    /// The JSON name; `~`: an embedded struct flattened into its parent; `-`: not serialised.
    pub json: &'static str,
    /// The Go type: `string`, `int64`, `[]T`, `map[K]V`, `*T`, `pkg.Name`, `time.Time`...
    pub ty: &'static str,
    /// Tagged `omitempty`.
    pub omit: bool,
    /// An embedded struct, whose fields are promoted.
    pub embedded: bool,
    /// A method of a reporter type (podman's `ps` row's `Names()`).
    pub method: bool,
}

/// A struct's fields in declaration order.
pub type Fields = Vec<Field>;

fn schema() -> &'static HashMap<&'static str, Fields> {
    static SCHEMA: OnceLock<HashMap<&'static str, Fields>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut map: HashMap<&'static str, Fields> = HashMap::new();
        let mut current: Option<&'static str> = None;
        for line in TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some(rest) = line.strip_prefix(' ') else {
                current = Some(line);
                map.entry(line).or_default();
                continue;
            };
            let Some(t) = current else { continue };
            let mut parts = rest.split(' ');
            let (Some(go), Some(json), Some(ty)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let omit = parts.next() == Some("o");
            let method = go.ends_with("()");
            let embedded = go.starts_with('^');
            let go = go.trim_start_matches('^').trim_end_matches("()");
            map.entry(t).or_default().push(Field {
                go,
                json,
                ty,
                omit,
                embedded,
                method,
            });
        }
        map
    })
}

/// The fields of Go struct type `name` (`*` prefixes are ignored), if the schema has it.
pub fn fields(name: &str) -> Option<&'static Fields> {
    schema().get(name.trim_start_matches('*'))
}

/// The field (not method) of `name` whose Go name is `go`.
#[cfg(test)]
pub fn field_def(name: &str, go: &str) -> Option<&'static Field> {
    fields(name)?.iter().find(|f| !f.method && f.go == go)
}

/// `map[K]V` split into `(K, V)`.
fn map_types(ty: &'static str) -> Option<(&'static str, &'static str)> {
    let inner = ty.strip_prefix("map[")?;
    let mut depth = 1;
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&inner[..i], &inner[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

fn is_int(ty: &str) -> bool {
    matches!(
        ty,
        "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
    )
}

/// A JSON time (RFC 3339) as Go's `time.Time.String()` prints it:
/// `2024-01-02 03:04:05.123456789 +0000 UTC`.
pub fn go_time(rfc3339: &str) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    let mut out = t.format("%Y-%m-%d %H:%M:%S").to_string();
    let nanos = chrono::Timelike::nanosecond(&t) % 1_000_000_000;
    if nanos != 0 {
        out.push_str(format!(".{nanos:09}").trim_end_matches('0'));
    }
    let offset = t.format("%z").to_string();
    if t.offset().local_minus_utc() == 0 && (rfc3339.ends_with('Z') || rfc3339.ends_with('z')) {
        out.push_str(" +0000 UTC");
    } else {
        out.push_str(&format!(" {offset} {offset}"));
    }
    Some(out)
}

/// Go's zero time, printed.
const ZERO_TIME: &str = "0001-01-01 00:00:00 +0000 UTC";

fn shown(text: impl Into<String>, json: TValue, truth: bool) -> TValue {
    TValue::Shown {
        text: text.into(),
        json: Box::new(json),
        truth,
        nested: None,
    }
}

/// podman's `types.IPNet` (a struct embedding `net.IPNet`, with a
/// pointer `String()`): `10.89.0.0/24` at the top of a template, its
/// fields `{{10.89.0.0 ffffff00}}` inside a struct or slice.
fn ipnet(json: TValue) -> TValue {
    let cidr = match &json {
        TValue::Str(s) => s.clone(),
        _ => String::new(),
    };
    let fields = cidr.split_once('/').and_then(|(ip, bits)| {
        let ip: std::net::IpAddr = ip.parse().ok()?;
        let bits: u32 = bits.parse().ok()?;
        let len = if ip.is_ipv4() { 4 } else { 16 };
        let mask: String = (0..len)
            .map(|i| {
                let on = bits.saturating_sub(i * 8).min(8);
                let byte = if on == 0 { 0u8 } else { 0xffu8 << (8 - on) };
                format!("{byte:02x}")
            })
            .collect();
        Some(format!("{{{{{ip} {mask}}}}}"))
    });
    let truth = !cidr.is_empty();
    TValue::Shown {
        text: if cidr.is_empty() {
            "<nil>".into()
        } else {
            cidr
        },
        json: Box::new(json),
        truth,
        nested: Some(fields.unwrap_or_else(|| "{{<nil> <nil>}}".into())),
    }
}

/// The zero value of Go type `ty`.
pub fn zero(ty: &'static str) -> TValue {
    typed(TValue::Nil, ty)
}

/// Shapes `v` as Go type `ty` (see the module's doc). A value whose kind
/// does not match the type is kept as it is.
pub fn typed(v: TValue, ty: &'static str) -> TValue {
    if let TValue::Shown { .. } = v {
        return v;
    }
    if let Some(inner) = ty.strip_prefix('*') {
        return match v {
            TValue::Nil | TValue::Missing => TValue::Nil,
            v => match typed(v, inner) {
                TValue::Struct { fields, .. } if fields_known(inner) => {
                    TValue::Struct { name: ty, fields }
                }
                other => other,
            },
        };
    }
    if let Some(elem) = ty.strip_prefix("[]") {
        return match v {
            TValue::Nil | TValue::Missing => shown("[]", TValue::Nil, false),
            TValue::List(l) => TValue::List(l.into_iter().map(|e| typed(e, elem)).collect()),
            other => other,
        };
    }
    if let Some((_, elem)) = map_types(ty) {
        return match v {
            TValue::Nil | TValue::Missing => shown("map[]", TValue::Nil, false),
            TValue::Map { entries, .. } => TValue::Map {
                entries: entries
                    .into_iter()
                    .map(|(k, e)| (k, typed(e, elem)))
                    .collect(),
                any: elem == "any",
            },
            other => other,
        };
    }
    match (ty, v) {
        ("string", TValue::Nil | TValue::Missing) => TValue::Str(String::new()),
        ("bool", TValue::Nil | TValue::Missing) => TValue::Bool(false),
        (t, TValue::Nil | TValue::Missing) if is_int(t) => TValue::Int(0),
        (t, TValue::Float(f)) if is_int(t) && f.fract() == 0.0 && f.abs() < 9.0e18 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            TValue::Int(f as i64)
        }
        ("float32" | "float64", TValue::Nil | TValue::Missing) => TValue::Float(0.0),
        ("time.Time", TValue::Nil | TValue::Missing) => {
            shown(ZERO_TIME, TValue::Str("0001-01-01T00:00:00Z".into()), true)
        }
        // Seconds since the epoch (rpod's `ps` rows).
        ("time.Time", TValue::Int(secs)) => match chrono::DateTime::from_timestamp(secs, 0) {
            Some(t) => shown(
                go_time(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
                    .unwrap_or_default(),
                TValue::Int(secs),
                true,
            ),
            None => TValue::Int(secs),
        },
        ("time.Time", TValue::Str(s)) => match go_time(&s) {
            Some(text) => shown(text, TValue::Str(s), true),
            None => TValue::Str(s),
        },
        ("time.Duration", TValue::Nil | TValue::Missing) => shown("0s", TValue::Int(0), false),
        ("time.Duration", TValue::Int(ns)) => {
            let d = std::time::Duration::from_nanos(ns.unsigned_abs());
            let sign = if ns < 0 { "-" } else { "" };
            shown(
                format!("{sign}{}", crate::output::human::go_duration(d)),
                TValue::Int(ns),
                ns != 0,
            )
        }
        ("types.IPNet", v @ (TValue::Nil | TValue::Missing | TValue::Str(_))) => ipnet(v),
        ("net.IP" | "net.IPNet", TValue::Nil | TValue::Missing) => {
            shown("<nil>", TValue::Nil, false)
        }
        ("net.HardwareAddr", TValue::Nil | TValue::Missing) => {
            shown("", TValue::Str(String::new()), false)
        }
        ("struct{}", TValue::Nil | TValue::Missing | TValue::Map { .. }) => TValue::Struct {
            name: "struct {}",
            fields: Vec::new(),
        },
        (t, v) if fields_known(t) => structure(v, t),
        (_, v) => v,
    }
}

fn fields_known(ty: &str) -> bool {
    schema().contains_key(ty)
}

/// A value's entry named `go` or `json` (a struct's or a map's).
fn entry<'a>(v: &'a TValue, go: &str, json: &str) -> Option<&'a TValue> {
    match v {
        TValue::Struct { name, fields } => fields
            .iter()
            .find(|(k, _)| *k == go || *k == json)
            .or_else(|| {
                fields
                    .iter()
                    .find(|(k, _)| super::value::go_name(name, k) == go)
            })
            .map(|(_, v)| v),
        TValue::Map { entries, .. } => entries
            .iter()
            .find(|(k, _)| k == go || k == json)
            .map(|(_, v)| v),
        _ => None,
    }
}

/// Whether type `ty` (or a struct it embeds inline) has a field or method
/// that entry `key` stands for.
fn claims(ty: &str, key: &str) -> bool {
    fields(ty).is_some_and(|fs| {
        fs.iter().any(|f| {
            f.go == key
                || f.json == key
                || (f.embedded && f.json == "~" && claims(f.ty.trim_start_matches('*'), key))
        })
    })
}

/// podman's methods that return one of their struct's fields:
/// `(type, method, field)`.
const METHOD_FIELDS: &[(&str, &str, &str)] =
    &[("define.InspectContainerState", "Healthcheck", "Health")];

/// Builds struct `ty` from a struct or map value: its fields in Go's order,
/// each typed, zero when the value lacks it; entries the type does not
/// have are kept after them (reachable, not printed with the struct).
fn structure(v: TValue, ty: &'static str) -> TValue {
    if !matches!(
        v,
        TValue::Struct { .. } | TValue::Map { .. } | TValue::Nil | TValue::Missing
    ) {
        return v;
    }
    let defs = fields(ty).expect("known type");
    let mut out: Vec<(&'static str, TValue)> = Vec::with_capacity(defs.len());
    for f in defs {
        let value = if f.embedded && f.json == "~" {
            // Its fields are the parent's own entries.
            match &v {
                TValue::Nil | TValue::Missing if f.ty.starts_with('*') => TValue::Nil,
                _ => typed(v.clone(), f.ty),
            }
        } else if f.method && entry(&v, f.go, f.json).is_none() {
            // A method that returns a field rpod's data has under that field's name.
            match METHOD_FIELDS
                .iter()
                .find(|(t, m, _)| *t == ty.trim_start_matches('*') && *m == f.go)
                .and_then(|(_, _, field)| entry(&v, field, field))
            {
                Some(e) => typed(e.clone(), f.ty),
                None => zero(f.ty),
            }
        } else {
            match entry(&v, f.go, f.json) {
                Some(e) => typed(e.clone(), f.ty),
                None => zero(f.ty),
            }
        };
        out.push((f.go, value));
    }
    let extra: Vec<(&'static str, TValue)> = match v {
        TValue::Struct { fields, .. } => {
            fields.into_iter().filter(|(k, _)| !claims(ty, k)).collect()
        }
        TValue::Map { entries, .. } => entries
            .into_iter()
            .filter(|(k, _)| !claims(ty, k))
            .map(|(k, e)| (&*Box::leak(k.into_boxed_str()), e))
            .collect(),
        _ => Vec::new(),
    };
    out.extend(extra);
    TValue::Struct {
        name: ty,
        fields: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::template::funcs::go_string;
    use serde_json::json;

    fn t(v: serde_json::Value, ty: &'static str) -> TValue {
        typed(TValue::from(&v).unwrap(), ty)
    }

    #[test]
    fn the_schema_has_podmans_types() {
        let f = field_def("define.InspectContainerData", "State").unwrap();
        assert_eq!(f.ty, "*define.InspectContainerState");
        assert!(fields("*define.InspectContainerState").is_some());
        assert!(fields("containers.psReporter")
            .unwrap()
            .iter()
            .any(|f| f.method && f.go == "Names"));
    }

    #[test]
    fn nulls_print_as_go_zero_values() {
        assert_eq!(go_string(&t(json!(null), "[]string")), "[]");
        assert_eq!(t(json!(null), "[]string").json_text(), "null");
        assert_eq!(go_string(&t(json!(null), "map[string]string")), "map[]");
        assert_eq!(
            go_string(&t(json!(null), "*define.InspectLogConfig")),
            "<nil>"
        );
        assert_eq!(go_string(&t(json!(null), "string")), "");
        assert_eq!(go_string(&t(json!(null), "uint64")), "0");
        assert_eq!(go_string(&t(json!(2.0), "int")), "2");
        assert_eq!(go_string(&t(json!(null), "time.Time")), ZERO_TIME);
        assert_eq!(
            go_string(&t(json!("2024-01-02T03:04:05.1234Z"), "time.Time")),
            "2024-01-02 03:04:05.1234 +0000 UTC"
        );
        assert_eq!(
            go_string(&t(json!(30_000_000_000_i64), "time.Duration")),
            "30s"
        );
        // podman's types.IPNet: its String() on top, its fields inside.
        let subnets = t(
            json!([{"subnet": "10.89.0.0/24", "gateway": "10.89.0.1"}]),
            "[]types.Subnet",
        );
        assert_eq!(
            go_string(&subnets),
            "[{{{10.89.0.0 ffffff00}} 10.89.0.1 <nil>}]"
        );
        assert_eq!(
            go_string(&t(json!("fd00::/64"), "types.IPNet")),
            "fd00::/64"
        );
    }

    #[test]
    fn structs_print_in_go_field_order_with_zero_fields() {
        let v = t(
            json!({"Name": "no", "MaximumRetryCount": 0}),
            "define.InspectRestartPolicy",
        );
        assert_eq!(go_string(&v), "{no 0}");
        let v = t(json!({"Type": "k8s-file"}), "define.InspectLogConfig");
        assert_eq!(go_string(&v), "{k8s-file map[]   }");
        assert_eq!(
            v.json_text(),
            r#"{"Type":"k8s-file","Config":null,"Path":"","Tag":"","Size":""}"#
        );
        // A pointer prints dereferenced by the template, `&{...}` by fmt's functions.
        let p = t(json!({"Name": "no"}), "*define.InspectRestartPolicy");
        let render = |f: &str| {
            crate::output::template::Template::for_value(f)
                .unwrap()
                .render_value(&p)
                .unwrap()
        };
        assert_eq!(render("{{.}}"), "{no 0}\n");
        assert_eq!(
            render("{{printf \"%+v\" .}}"),
            "&{Name:no MaximumRetryCount:0}\n"
        );
        let m = t(json!({"a": "b"}), "map[string]any");
        assert!(matches!(m, TValue::Map { any: true, .. }));
    }
}
