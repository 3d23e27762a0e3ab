//! The data a template sees, shaped as Go's: structs (fields reached by
//! podman's Go field names, printed `{a b}`), maps (any key, printed
//! `map[k:v]`), lists, scalars, nil. Built from any `Serialize` value by a
//! small serde serializer: `serialize_struct` gives a struct, `serialize_map`
//! (maps, `serde_json::Value` objects) a map, so one type serves `--format json`
//! (serde's names, podman's json tags) and `--format '{{.GoName}}'`.
//! podman's Go types shape the values further ([`super::schema`]).

use serde::ser::{self, Serialize};

/// A value inside a template.
#[derive(Debug, Clone, PartialEq)]
pub enum TValue {
    /// A nil pointer or slice (`<nil>`).
    Nil,
    /// A missing map entry of an interface-valued map (`<no value>`).
    Missing,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer too large for `Int`.
    Uint(u64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A slice.
    List(Vec<TValue>),
    /// A map; `any` marks interface-valued maps, whose missing keys are
    /// `<no value>` rather than the empty string.
    Map {
        /// Entries sorted by key.
        entries: Vec<(String, TValue)>,
        /// Whether the values are `any` in podman's type.
        any: bool,
    },
    /// A value Go prints with a method or as a typed nil: a `time.Time`,
    /// a `time.Duration`, a nil slice (`[]`) or map (`map[]`).
    Shown {
        /// What `{{.}}` prints.
        text: String,
        /// What `json` prints, `range`, `len` and `index` see.
        json: Box<TValue>,
        /// Its truth in `if`.
        truth: bool,
        /// What it prints inside a struct or slice, when that differs
        /// (a method Go calls only on an addressable value).
        nested: Option<String>,
    },
    /// A struct: its type name and its fields under serde's (JSON) names,
    /// or, for a type of podman's [`schema`](super::schema) (`pkg.Name`,
    /// `*pkg.Name`), under Go's names in Go's order.
    Struct {
        /// The Rust type name (for error messages and Go-name exceptions).
        name: &'static str,
        /// Fields in declaration order.
        fields: Vec<(&'static str, TValue)>,
    },
}

/// Go field names that are not the JSON name with its first letter upper-cased:
/// `(struct type or "*", json name, Go name)`.
const GO_NAMES: &[(&str, &str, &str)] = &[
    ("*", "ociRuntime", "OCIRuntime"),
    ("*", "idMappings", "IDMappings"),
    ("*", "uidmap", "UIDMap"),
    ("*", "gidmap", "GIDMap"),
    ("*", "container_id", "ContainerID"),
    ("*", "host_id", "HostID"),
    ("*", "slirp4netns", "Slirp4NetNS"),
    ("*", "cpus", "CPUs"),
    ("*", "cpuUtilization", "CPUUtilization"),
    ("*", "seccompEnabled", "SECCOMPEnabled"),
    ("*", "seccompProfilePath", "SECCOMPProfilePath"),
    ("*", "selinuxEnabled", "SELinuxEnabled"),
    ("*", "apparmorEnabled", "AppArmorEnabled"),
    ("*", "os", "OS"),
    ("*", "dns", "DNS"),
    ("*", "id", "ID"),
    // podman's `ID string \`json:"Id"\`` (images, containers); `.Id` still works.
    ("*", "Id", "ID"),
    ("HostInfo", "cgroupVersion", "CgroupsVersion"),
    ("SecurityInfo", "capabilities", "DefaultCapabilities"),
    // podman's network types (netavark's JSON names, snake case).
    ("*", "ipv6_enabled", "IPv6Enabled"),
    ("*", "dns_enabled", "DNSEnabled"),
    ("*", "network_dns_servers", "NetworkDNSServers"),
    ("*", "ipam_options", "IPAMOptions"),
    ("*", "start_ip", "StartIP"),
    ("*", "end_ip", "EndIP"),
    ("*", "ipnet", "IPNet"),
    // podman's InspectPodData resource fields.
    ("PodInspect", "cpu_period", "CPUPeriod"),
    ("PodInspect", "cpu_quota", "CPUQuota"),
    ("PodInspect", "cpu_shares", "CPUShares"),
    ("PodInspect", "cpuset_cpus", "CPUSetCPUs"),
    ("PodInspect", "cpuset_mems", "CPUSetMems"),
    ("PodInspect", "device_read_bps", "BlkioDeviceReadBps"),
];

/// Go names of podman's inspect fields whose JSON key differs, for data
/// kept as JSON maps: `(Go name, JSON key)`. `State.Healthcheck` is
/// podman's method returning `State.Health`.
const MAP_KEYS: &[(&str, &str)] = &[
    ("ID", "Id"),
    ("Healthcheck", "Health"),
    ("HealthMaxLogCount", "HealthcheckMaxLogCount"),
    ("HealthMaxLogSize", "HealthcheckMaxLogSize"),
];

/// The JSON key a Go field name `go` stands for in a map, when they differ.
pub fn map_key_of(go: &str) -> Option<&'static str> {
    MAP_KEYS.iter().find(|(g, _)| *g == go).map(|(_, j)| *j)
}

/// The Go name of a struct field serialised as `json`.
pub fn go_name(type_name: &str, json: &str) -> String {
    if let Some((_, _, go)) = GO_NAMES
        .iter()
        .find(|(t, j, _)| *j == json && (*t == "*" || *t == type_name))
    {
        return (*go).to_string();
    }
    // snake_case JSON names (podman's network types): each word capitalised.
    json.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

impl TValue {
    /// Converts any serialisable value.
    pub fn from<T: Serialize + ?Sized>(value: &T) -> Result<TValue, String> {
        value.serialize(ValueSerializer).map_err(|e| e.0)
    }

    /// Go's name for the value's type, for error messages.
    pub fn type_name(&self) -> String {
        match self {
            TValue::Nil => "<nil>".into(),
            TValue::Missing => "interface {}".into(),
            TValue::Bool(_) => "bool".into(),
            TValue::Int(_) => "int".into(),
            TValue::Uint(_) => "uint64".into(),
            TValue::Float(_) => "float64".into(),
            TValue::Str(_) => "string".into(),
            TValue::List(_) => "[]interface {}".into(),
            TValue::Map { any: true, .. } => "map[string]interface {}".into(),
            TValue::Map { .. } => "map[string]string".into(),
            TValue::Struct { name, .. } if name.contains('.') || name.contains(' ') => {
                (*name).to_string()
            }
            TValue::Struct { name, .. } => format!("main.{name}"),
            TValue::Shown { json, .. } => json.type_name(),
        }
    }

    /// What `range`, `len`, `index` and comparisons see: a [`TValue::Shown`]'s JSON value.
    pub fn inner(&self) -> &TValue {
        match self {
            TValue::Shown { json, .. } => json,
            other => other,
        }
    }

    /// The fields Go prints for a struct (`{a b}`): a schema type's own
    /// fields, not its methods nor the entries rpod has beyond podman's.
    pub fn printed_fields(&self) -> Vec<&TValue> {
        match self {
            TValue::Struct { name, fields } => match super::schema::fields(name) {
                Some(defs) => fields
                    .iter()
                    .filter(|(k, _)| defs.iter().any(|d| !d.method && d.go == *k))
                    .map(|(_, v)| v)
                    .collect(),
                None => fields.iter().map(|(_, v)| v).collect(),
            },
            _ => Vec::new(),
        }
    }

    /// A struct's field by Go name (the serde name itself also matches).
    pub fn field(&self, go: &str) -> Option<&TValue> {
        match self {
            TValue::Struct { name, fields } if super::schema::fields(name).is_some() => {
                let defs = super::schema::fields(name).expect("checked");
                if let Some((_, v)) = fields.iter().find(|(k, _)| *k == go) {
                    return Some(v);
                }
                // A field promoted from an embedded struct.
                defs.iter()
                    .filter(|d| d.embedded)
                    .filter_map(|d| fields.iter().find(|(k, _)| *k == d.go))
                    .find_map(|(_, v)| v.field(go))
            }
            TValue::Struct { name, fields } => fields
                .iter()
                .find(|(k, _)| *k == go)
                .or_else(|| fields.iter().find(|(k, _)| go_name(name, k) == go))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Go's truth: false, 0, "", nil and empty collections are false.
    pub fn truthy(&self) -> bool {
        match self {
            TValue::Nil | TValue::Missing => false,
            TValue::Bool(b) => *b,
            TValue::Int(n) => *n != 0,
            TValue::Uint(n) => *n != 0,
            TValue::Float(f) => *f != 0.0,
            TValue::Str(s) => !s.is_empty(),
            TValue::List(l) => !l.is_empty(),
            TValue::Map { entries, .. } => !entries.is_empty(),
            TValue::Struct { .. } => true,
            TValue::Shown { truth, .. } => *truth,
        }
    }

    /// The value as JSON with serde's names, as podman's `json` function prints it.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            TValue::Nil | TValue::Missing => Value::Null,
            TValue::Bool(b) => Value::Bool(*b),
            TValue::Int(n) => Value::from(*n),
            TValue::Uint(n) => Value::from(*n),
            TValue::Float(f) => Value::from(*f),
            TValue::Str(s) => Value::String(s.clone()),
            TValue::List(l) => Value::Array(l.iter().map(TValue::to_json).collect()),
            TValue::Map { entries, .. } => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            TValue::Shown { json, .. } => json.to_json(),
            TValue::Struct { name, .. } if super::schema::fields(name).is_some() => {
                serde_json::from_str(&self.json_text()).unwrap_or(Value::Null)
            }
            // Struct fields keep their order (serde_json's map sorts, so
            // the text is written by hand in `json_text`).
            TValue::Struct { fields, .. } => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Compact JSON text in field order, without HTML escaping (Go's
    /// `json.Encoder` with `SetEscapeHTML(false)`).
    pub fn json_text(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        let string = |s: &str, out: &mut String| {
            out.push_str(&serde_json::to_string(s).expect("strings serialise"));
        };
        match self {
            TValue::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            TValue::Map { entries, .. } => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
            TValue::Struct { name, fields } if super::schema::fields(name).is_some() => {
                out.push('{');
                let mut first = true;
                self.write_json_fields(&mut first, out);
                let _ = (name, fields);
                out.push('}');
            }
            TValue::Shown { json, .. } => json.write_json(out),
            TValue::Struct { name, fields } => {
                out.push('{');
                let _ = name;
                let shown = fields.iter();
                for (i, (k, v)) in shown.enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
            TValue::Str(s) => string(s, out),
            other => out.push_str(&other.to_json().to_string()),
        }
    }
}

impl TValue {
    /// Writes a schema-typed struct's fields as Go's encoding/json does:
    /// json names, `omitempty`, embedded structs flattened, `json:"-"` left out.
    fn write_json_fields(&self, first: &mut bool, out: &mut String) {
        let TValue::Struct { name, fields } = self else {
            return;
        };
        let defs = super::schema::fields(name);
        for (k, v) in fields {
            let def = defs.and_then(|d| d.iter().find(|d| d.go == *k));
            let key = match def {
                Some(d) if d.method || d.json == "-" => continue,
                Some(d) if d.embedded && d.json == "~" => {
                    if matches!(v, TValue::Struct { .. }) {
                        v.write_json_fields(first, out);
                    }
                    continue;
                }
                Some(d) if d.omit && go_empty(v) => continue,
                Some(d) => d.json,
                None => k,
            };
            if !*first {
                out.push(',');
            }
            *first = false;
            out.push_str(&serde_json::to_string(key).expect("strings serialise"));
            out.push(':');
            v.write_json(out);
        }
    }
}

/// Go's `isEmptyValue` (what `omitempty` leaves out): false, 0, "", nil,
/// empty slices and maps; never a struct.
fn go_empty(v: &TValue) -> bool {
    match v {
        TValue::Struct { .. } => false,
        TValue::Shown { truth, .. } => !truth,
        TValue::Str(s) => s.is_empty(),
        other => !other.truthy(),
    }
}

/// The serializer's error: a message.
#[derive(Debug)]
pub struct SerError(String);

impl std::fmt::Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

struct ValueSerializer;

/// Collects a sequence.
pub struct SeqBuilder(Vec<TValue>);

/// Collects a map.
pub struct MapBuilder {
    entries: Vec<(String, TValue)>,
    key: Option<String>,
}

/// Collects a struct.
pub struct StructBuilder {
    name: &'static str,
    fields: Vec<(&'static str, TValue)>,
}

fn key_string(v: TValue) -> String {
    match v {
        TValue::Str(s) => s,
        other => super::funcs::go_string(&other),
    }
}

impl ser::Serializer for ValueSerializer {
    type Ok = TValue;
    type Error = SerError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = StructBuilder;
    type SerializeStructVariant = StructBuilder;

    fn serialize_bool(self, v: bool) -> Result<TValue, SerError> {
        Ok(TValue::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<TValue, SerError> {
        Ok(TValue::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<TValue, SerError> {
        Ok(TValue::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<TValue, SerError> {
        Ok(i64::try_from(v).map_or(TValue::Uint(v), TValue::Int))
    }
    fn serialize_f32(self, v: f32) -> Result<TValue, SerError> {
        Ok(TValue::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<TValue, SerError> {
        Ok(TValue::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<TValue, SerError> {
        Ok(TValue::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<TValue, SerError> {
        Ok(TValue::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<TValue, SerError> {
        Ok(TValue::List(
            v.iter().map(|b| TValue::Int((*b).into())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<TValue, SerError> {
        Ok(TValue::Nil)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<TValue, SerError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<TValue, SerError> {
        Ok(TValue::Nil)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<TValue, SerError> {
        Ok(TValue::Nil)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<TValue, SerError> {
        Ok(TValue::Str(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<TValue, SerError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<TValue, SerError> {
        Ok(TValue::Map {
            entries: vec![(variant.to_string(), v.serialize(self)?)],
            any: true,
        })
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, SerError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, SerError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, SerError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, SerError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapBuilder, SerError> {
        Ok(MapBuilder {
            entries: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<StructBuilder, SerError> {
        Ok(StructBuilder {
            name,
            fields: Vec::new(),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<StructBuilder, SerError> {
        Ok(StructBuilder {
            name,
            fields: Vec::new(),
        })
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        self.0.push(v.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<TValue, SerError> {
        Ok(TValue::List(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<TValue, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<TValue, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for SeqBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<TValue, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), SerError> {
        self.key = Some(key_string(k.serialize(ValueSerializer)?));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| SerError("map value without a key".into()))?;
        let value = v.serialize(ValueSerializer)?;
        // A repeated key (flattened structs) keeps the last value.
        self.entries.retain(|(k, _)| *k != key);
        self.entries.push((key, value));
        Ok(())
    }
    fn end(mut self) -> Result<TValue, SerError> {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(TValue::Map {
            entries: self.entries,
            any: false,
        })
    }
}

impl ser::SerializeStruct for StructBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), SerError> {
        self.fields.push((key, v.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<TValue, SerError> {
        Ok(TValue::Struct {
            name: self.name,
            fields: self.fields,
        })
    }
}

impl ser::SerializeStructVariant for StructBuilder {
    type Ok = TValue;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), SerError> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<TValue, SerError> {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_json_names_have_podmans_go_names() {
        assert_eq!(go_name("Network", "network_interface"), "NetworkInterface");
        assert_eq!(go_name("Network", "ipv6_enabled"), "IPv6Enabled");
        assert_eq!(go_name("Network", "dns_enabled"), "DNSEnabled");
        assert_eq!(go_name("Subnet", "lease_range"), "LeaseRange");
        assert_eq!(go_name("NetInterface", "mac_address"), "MacAddress");
        assert_eq!(go_name("X", "name"), "Name");
    }

    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct HostInfo {
        oci_runtime: u8,
        cgroup_version: &'static str,
        labels: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn structs_answer_to_go_names_and_keep_json_names() {
        let v = TValue::from(&HostInfo {
            oci_runtime: 1,
            cgroup_version: "v1",
            labels: [("b".to_string(), "2".to_string())].into(),
        })
        .unwrap();
        assert_eq!(v.field("OCIRuntime"), Some(&TValue::Int(1)));
        assert_eq!(v.field("CgroupsVersion"), Some(&TValue::Str("v1".into())));
        assert_eq!(v.field("cgroupVersion"), Some(&TValue::Str("v1".into())));
        assert_eq!(v.field("Nope"), None);
        assert_eq!(
            v.json_text(),
            r#"{"ociRuntime":1,"cgroupVersion":"v1","labels":{"b":"2"}}"#
        );
    }

    #[test]
    fn json_values_are_maps_and_any_maps_are_marked() {
        let v = TValue::from(&serde_json::json!({"b": 1, "a": [true]})).unwrap();
        assert!(matches!(&v, TValue::Map { entries, any: false } if entries[0].0 == "a"));
    }
}
