//! YAML documents as trees that remember where each node came from.
//!
//! The compose loader works on a value tree, as compose-go does, but every
//! node keeps its file and line so that an invalid file points at the key.
//! Parsing is done on saphyr-parser's event stream (a maintained, pure-Rust
//! YAML 1.2 parser); this file builds the tree, resolves aliases, applies
//! `<<` merge keys (explicit keys win, then the first merged map), rejects
//! duplicate keys, and keeps compose's `!reset` and `!override` tags.
//! Plain scalars are resolved as Go's yaml.v3 resolves them, since that is
//! what Docker Compose reads: `0440` is octal, `yes` is a string.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, StrInput};

/// Where a node was written: file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pos {
    /// The file, as the user named it (absolute for loaded files).
    pub file: Arc<str>,
    /// 1-based line; 0 for nodes the loader made itself.
    pub line: usize,
}

impl Pos {
    /// A position for a node the loader created (defaults, normalisation).
    pub fn none() -> Pos {
        Pos::default()
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// Compose's own tags on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// No tag (or a standard one).
    #[default]
    None,
    /// `!reset`: drop the value inherited from earlier files or `extends`.
    Reset,
    /// `!override`: replace the inherited value instead of merging.
    Override,
}

/// One node of a YAML tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub pos: Pos,
    /// `!reset` / `!override`.
    pub tag: Tag,
}

/// The value of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in the order written.
    Map(Map),
}

/// One key of a mapping with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key, as a string (compose converts every key to a string).
    pub key: String,
    /// Where the key was written.
    pub key_pos: Pos,
    /// The value.
    pub value: Node,
}

/// A mapping that keeps the order of its keys and where each was written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map {
    entries: Vec<Entry>,
}

impl Map {
    /// An empty mapping.
    pub fn new() -> Map {
        Map::default()
    }
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }
    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.entries
            .iter_mut()
            .find(|e| e.key == key)
            .map(|e| &mut e.value)
    }
    /// The entry of `key` (key position included).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
    /// Whether `key` is present.
    pub fn contains(&self, key: &str) -> bool {
        self.entries.iter().any(|e| e.key == key)
    }
    /// Sets `key`, replacing its value in place or appending it.
    pub fn insert(&mut self, key: impl Into<String>, value: Node) {
        let key = key.into();
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(e) => e.value = value,
            None => self.entries.push(Entry {
                key_pos: value.pos.clone(),
                key,
                value,
            }),
        }
    }
    /// Sets an entry, keeping the key's own position.
    pub fn insert_entry(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.key == entry.key) {
            Some(e) => e.value = entry.value,
            None => self.entries.push(entry),
        }
    }
    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i).value)
    }
    /// The entries in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Entry> {
        self.entries.iter()
    }
    /// The entries in order, to change their values.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Entry> {
        self.entries.iter_mut()
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Keeps the entries for which `f` is true.
    pub fn retain(&mut self, f: impl FnMut(&Entry) -> bool) {
        self.entries.retain(f);
    }
    /// Sorts the entries by key.
    pub fn sort_by(&mut self, mut f: impl FnMut(&str, &str) -> std::cmp::Ordering) {
        self.entries.sort_by(|a, b| f(&a.key, &b.key));
    }
}

impl IntoIterator for Map {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl Node {
    /// A node the loader made, with no position.
    pub fn new(value: Value) -> Node {
        Node {
            value,
            pos: Pos::none(),
            tag: Tag::None,
        }
    }
    /// A node at `pos`.
    pub fn at(value: Value, pos: &Pos) -> Node {
        Node {
            value,
            pos: pos.clone(),
            tag: Tag::None,
        }
    }
    /// A string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::new(Value::Str(s.into()))
    }
    /// A null node.
    pub fn null() -> Node {
        Node::new(Value::Null)
    }
    /// An empty mapping node.
    pub fn map() -> Node {
        Node::new(Value::Map(Map::new()))
    }
    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The mapping, if this is one.
    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    /// The mapping, to change it, if this is one.
    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match &mut self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
    /// The sequence, if this is one.
    pub fn as_seq(&self) -> Option<&Vec<Node>> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }
    /// Whether this is null.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
    /// A scalar as text (what Go's `fmt.Sprint` prints); None for collections.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(format_float(*f)),
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }
    /// What the node is, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "mapping",
        }
    }
}

/// Formats a float as Go's `strconv.FormatFloat(f, 'g', -1, 64)` (what yaml.v3 prints).
pub fn format_float(f: f64) -> String {
    format_float_within(f, -4, 6)
}

/// Formats a float as Go's encoding/json does (exponent only below 1e-6 or from 1e21).
pub fn format_float_json(f: f64) -> String {
    format_float_within(f, -6, 21)
}

fn format_float_within(f: f64, low: i32, high: i32) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+.inf".into()
        } else {
            "-.inf".into()
        };
    }
    let exp = if f == 0.0 {
        0
    } else {
        f.abs().log10().floor() as i32
    };
    if (low..high).contains(&exp) {
        let s = format!("{f}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    } else {
        // Go: 1e+21, 1.5e-05
        let s = format!("{f:e}");
        let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        let sign = if e < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", e.abs())
    }
}

/// A YAML syntax error, with its position.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{pos}: {message}")]
pub struct SyntaxError {
    /// Where.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

/// Parses every document of a YAML stream (compose merges them in order).
pub fn parse_documents(text: &str, file: &Arc<str>) -> Result<Vec<Node>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut b = Builder {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        file: file.clone(),
    };
    let mut docs = Vec::new();
    loop {
        let (ev, span) = b.next()?;
        match ev {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                b.anchors.clear();
                let (ev, span) = b.next()?;
                let node = b.node(ev, span)?;
                docs.push(node);
            }
            other => {
                return Err(b.error(&span, format!("unexpected YAML event {other:?}")));
            }
        }
    }
    Ok(docs)
}

struct Builder<'a> {
    parser: Parser<'a, StrInput<'a>>,
    anchors: HashMap<usize, Node>,
    file: Arc<str>,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), SyntaxError> {
        match self.parser.next_event() {
            Some(Ok(ev)) => Ok(ev),
            Some(Err(e)) => Err(SyntaxError {
                pos: Pos {
                    file: self.file.clone(),
                    line: e.marker().line(),
                },
                message: format!(
                    "{} at line {} column {}",
                    e.info(),
                    e.marker().line(),
                    e.marker().col() + 1
                ),
            }),
            None => Err(SyntaxError {
                pos: Pos {
                    file: self.file.clone(),
                    line: 0,
                },
                message: "unexpected end of YAML".into(),
            }),
        }
    }

    fn pos(&self, span: &Span) -> Pos {
        Pos {
            file: self.file.clone(),
            line: span.start.line(),
        }
    }

    fn error(&self, span: &Span, message: String) -> SyntaxError {
        SyntaxError {
            pos: self.pos(span),
            message,
        }
    }

    fn node(&mut self, ev: Event<'a>, span: Span) -> Result<Node, SyntaxError> {
        let pos = self.pos(&span);
        match ev {
            Event::Alias(id) => {
                let mut node = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| self.error(&span, "unknown anchor".into()))?;
                // The alias stands where it is used: errors point there.
                node.pos = pos;
                Ok(node)
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag_name = tag.as_ref().map(|t| t.to_string());
                let (value, ctag) = resolve_scalar(&text, style, tag_name.as_deref());
                let node = Node {
                    value,
                    pos,
                    tag: ctag,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                Ok(node)
            }
            Event::SequenceStart(anchor, tag) => {
                let mut items = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    if ev == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(ev, span)?);
                }
                let node = Node {
                    value: Value::Seq(items),
                    pos,
                    tag: compose_tag(tag.as_ref().map(|t| t.to_string()).as_deref()),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                Ok(node)
            }
            Event::MappingStart(anchor, tag) => {
                let mut map = Map::new();
                let mut merges: Vec<Node> = Vec::new();
                loop {
                    let (ev, kspan) = self.next()?;
                    if ev == Event::MappingEnd {
                        break;
                    }
                    let key_pos = self.pos(&kspan);
                    let (key, is_merge) = match ev {
                        Event::Scalar(text, style, _, _) => {
                            let merge = style == ScalarStyle::Plain && text == "<<";
                            (text.into_owned(), merge)
                        }
                        Event::Alias(id) => match self.anchors.get(&id).map(|n| &n.value) {
                            Some(v @ (Value::Str(_) | Value::Int(_) | Value::Bool(_))) => (
                                Node::new(v.clone()).scalar_text().unwrap_or_default(),
                                false,
                            ),
                            _ => {
                                return Err(
                                    self.error(&kspan, "mapping keys must be scalars".into())
                                )
                            }
                        },
                        _ => return Err(self.error(&kspan, "mapping keys must be scalars".into())),
                    };
                    let (ev, vspan) = self.next()?;
                    let value = self.node(ev, vspan)?;
                    if is_merge {
                        merges.push(value);
                        continue;
                    }
                    if let Some(prev) = map.entry(&key) {
                        return Err(SyntaxError {
                            message: format!(
                                "line {}: mapping key \"{}\" already defined at line {}",
                                key_pos.line, key, prev.key_pos.line
                            ),
                            pos: key_pos,
                        });
                    }
                    map.entries.push(Entry {
                        key,
                        key_pos,
                        value,
                    });
                }
                for merge in merges {
                    let sources = match merge.value {
                        Value::Map(m) => vec![m],
                        Value::Seq(items) => {
                            let mut maps = Vec::new();
                            for item in items {
                                match item.value {
                                    Value::Map(m) => maps.push(m),
                                    _ => {
                                        return Err(SyntaxError {
                                            pos: item.pos,
                                            message: "map merge requires map or sequence of maps as the value".into(),
                                        })
                                    }
                                }
                            }
                            maps
                        }
                        _ => {
                            return Err(SyntaxError {
                                pos: merge.pos,
                                message: "map merge requires map or sequence of maps as the value"
                                    .into(),
                            })
                        }
                    };
                    for source in sources {
                        for entry in source {
                            if !map.contains(&entry.key) {
                                map.entries.push(entry);
                            }
                        }
                    }
                }
                let node = Node {
                    value: Value::Map(map),
                    pos,
                    tag: compose_tag(tag.as_ref().map(|t| t.to_string()).as_deref()),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                Ok(node)
            }
            other => Err(self.error(&span, format!("unexpected YAML event {other:?}"))),
        }
    }
}

fn compose_tag(tag: Option<&str>) -> Tag {
    match tag {
        Some("!reset") => Tag::Reset,
        Some("!override") => Tag::Override,
        _ => Tag::None,
    }
}

/// Resolves a scalar as yaml.v3 does (its YAML 1.1 compatible core schema).
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> (Value, Tag) {
    let ctag = compose_tag(tag);
    match tag {
        Some("tag:yaml.org,2002:!str") | Some("!!str") => {
            return (Value::Str(text.to_string()), ctag);
        }
        Some(t) if t.ends_with("!str") => return (Value::Str(text.to_string()), ctag),
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return (Value::Str(text.to_string()), ctag);
    }
    (resolve_plain(text), ctag)
}

/// Resolves a plain scalar: null, booleans, integers (with 0x, 0o, 0b and
/// leading-zero octal), floats, else a string.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Value::Str(text.to_string());
    }
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    if let Some(i) = parse_go_int(&plain) {
        return Value::Int(i);
    }
    if is_yaml_float(&plain) {
        if let Ok(f) = plain.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
fn parse_go_int(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(b) = lower.strip_prefix("0x") {
        (16, b)
    } else if let Some(b) = lower.strip_prefix("0o") {
        (8, b)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = i128::from_str_radix(body, radix).ok()?;
    let v = if neg { -v } else { v };
    i64::try_from(v).ok()
}

/// yaml.v3's float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let fs = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if int_digits == 0 && i == fs {
            return false;
        }
    } else if int_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let es = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == es {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        let file: Arc<str> = Arc::from("test.yaml");
        parse_documents(text, &file).unwrap().remove(0)
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_v3() {
        let cases: &[(&str, Value)] = &[
            ("~", Value::Null),
            ("", Value::Null),
            ("true", Value::Bool(true)),
            ("False", Value::Bool(false)),
            ("yes", Value::Str("yes".into())),
            ("on", Value::Str("on".into())),
            ("42", Value::Int(42)),
            ("-7", Value::Int(-7)),
            ("0440", Value::Int(0o440)),
            ("0o17", Value::Int(15)),
            ("0x1F", Value::Int(31)),
            ("1_000", Value::Int(1000)),
            ("0.5", Value::Float(0.5)),
            (".5", Value::Float(0.5)),
            ("1e3", Value::Float(1000.0)),
            ("8080:80", Value::Str("8080:80".into())),
            ("1.2.3", Value::Str("1.2.3".into())),
            ("09", Value::Float(9.0)),
            ("-", Value::Str("-".into())),
        ];
        for (text, want) in cases {
            assert_eq!(&resolve_plain(text), want, "{text:?}");
        }
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let n = parse("a: \"42\"\nb: '~'\nc: !!str 1\n");
        let m = n.as_map().unwrap();
        assert_eq!(m.get("a").unwrap().value, Value::Str("42".into()));
        assert_eq!(m.get("b").unwrap().value, Value::Str("~".into()));
        assert_eq!(m.get("c").unwrap().value, Value::Str("1".into()));
    }

    #[test]
    fn anchors_and_merge_keys() {
        let n = parse(
            "x-base: &base\n  image: busybox\n  restart: always\nx-more: &more\n  restart: never\n  tty: true\nweb:\n  <<: [*base, *more]\n  image: nginx\nlist: &l [1, 2]\nagain: *l\n",
        );
        let m = n.as_map().unwrap();
        let web = m.get("web").unwrap().as_map().unwrap();
        assert_eq!(web.get("image").unwrap().as_str(), Some("nginx"));
        // The first merged map wins over later ones.
        assert_eq!(web.get("restart").unwrap().as_str(), Some("always"));
        assert_eq!(web.get("tty").unwrap().value, Value::Bool(true));
        assert_eq!(m.get("again").unwrap().as_seq().unwrap().len(), 2);
    }

    #[test]
    fn merge_key_keeps_explicit_keys_whatever_their_place() {
        let n = parse("a: &a {x: 1, y: 2}\nb:\n  x: 9\n  <<: *a\n");
        let b = n.as_map().unwrap().get("b").unwrap().as_map().unwrap();
        assert_eq!(b.get("x").unwrap().value, Value::Int(9));
        assert_eq!(b.get("y").unwrap().value, Value::Int(2));
    }

    #[test]
    fn duplicate_keys_are_errors_with_both_lines() {
        let file: Arc<str> = Arc::from("f.yaml");
        let err = parse_documents("a: 1\nb: 2\na: 3\n", &file).unwrap_err();
        assert_eq!(err.pos.line, 3);
        assert!(
            err.message
                .contains("mapping key \"a\" already defined at line 1"),
            "{}",
            err.message
        );
    }

    #[test]
    fn syntax_errors_have_lines() {
        let file: Arc<str> = Arc::from("f.yaml");
        let err = parse_documents("services:\n  web:\n    image: [a\n", &file).unwrap_err();
        assert!(err.pos.line >= 3, "{err}");
    }

    #[test]
    fn compose_tags_are_kept() {
        let n = parse("a: !reset []\nb: !override {x: 1}\nc: !reset null\n");
        let m = n.as_map().unwrap();
        assert_eq!(m.get("a").unwrap().tag, Tag::Reset);
        assert_eq!(m.get("b").unwrap().tag, Tag::Override);
        assert_eq!(m.get("c").unwrap().tag, Tag::Reset);
    }

    #[test]
    fn positions_are_lines_of_keys_and_values() {
        let n = parse("services:\n  web:\n    image: x\n");
        let web = n
            .as_map()
            .unwrap()
            .get("services")
            .unwrap()
            .as_map()
            .unwrap();
        let e = web.entry("web").unwrap();
        assert_eq!(e.key_pos.line, 2);
        let img = e.value.as_map().unwrap().entry("image").unwrap();
        assert_eq!(img.key_pos.line, 3);
    }

    #[test]
    fn floats_format_as_go() {
        assert_eq!(format_float(0.5), "0.5");
        assert_eq!(format_float(2.0), "2");
        assert_eq!(format_float(0.001), "0.001");
        assert_eq!(format_float(1e21), "1e+21");
        assert_eq!(format_float(1234567.0), "1.234567e+06");
        assert_eq!(format_float_json(1234567.0), "1234567");
    }
}
