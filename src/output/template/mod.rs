//! `--format` templates as podman runs them: Go's text/template (pipelines,
//! variables, `if`/`range`/`with`, comparisons, `printf`...) with
//! containers/common's functions (`json`, `join`, `lower`, `upper`, `title`,
//! `truncate`, `pad`, `split`), `\t` and `\n` escapes, and the `table`
//! prefix that adds a header row and aligns columns.
//!
//! Data is any `Serialize` value (see [`value`]): structs answer to podman's
//! Go field names, JSON output keeps podman's json names. How podman
//! prepares a format (containers/common `report.Formatter.Parse`):
//! - `table ...`: spaces become tabs, escapes are replaced, a newline is
//!   added, and the template runs once per row (`{{range .}}...{{end}}`);
//!   its header row is the same template run on a map of column titles.
//! - a user format for a list (`ps`, `images`, `inspect`) runs once per row,
//!   unless it has its own `{{range .}}...{{end}}`, which then sees the list.
//! - a format for one value (`info`, `version`) runs once.
//!
//! If the format does not parse after the escapes were replaced (`{{"\n"}}`),
//! it is parsed as typed, as podman does.

mod exec;
pub mod funcs;
mod parse;
pub mod schema;
pub mod value;

use serde::Serialize;

pub use value::TValue;

/// A parse or execution error, worded like Go's.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub(crate) String);

/// A parsed `--format` template.
#[derive(Debug, Clone)]
pub struct Template {
    parsed: parse::Parsed,
    /// Whether the format began with `table ` (print a header row, align columns).
    pub table: bool,
    name: String,
}

/// podman's `report.IsJSON`: `json`, `{{json}}`, `{{ json. }}` ask for JSON
/// output (`{{json .}}` is a template).
pub fn is_json(format: &str) -> bool {
    let f = format.trim();
    if f == "json" {
        return true;
    }
    f.strip_prefix("{{")
        .and_then(|r| r.strip_suffix("}}"))
        .map(str::trim)
        .is_some_and(|inner| inner == "json" || inner == "json.")
}

/// Replaces, left to right, the first of `pairs` that matches at each
/// position (Go's strings.Replacer).
fn replace_all(s: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < s.len() {
        for (from, to) in pairs {
            if s[i..].starts_with(from) {
                out.push_str(to);
                i += from.len();
                continue 'outer;
            }
        }
        let c = s[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// podman's `report.NormalizeFormat`.
fn normalize(format: &str) -> String {
    let mut f = if format.starts_with("table ") {
        replace_all(
            format,
            &[("table ", ""), ("\\t", "\t"), (" ", "\t"), ("\\n", "\n")],
        )
    } else {
        replace_all(format, &[("\\t", "\t"), ("\\n", "\n")])
    };
    if !f.ends_with('\n') {
        f.push('\n');
    }
    f
}

/// Whether a format has its own `{{range .}}...{{end}}` (podman's `EnforceRange`).
fn has_range_dot(format: &str) -> bool {
    static RANGE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RANGE
        .get_or_init(|| {
            regex::Regex::new(r"(?s)\{\{\s*range\s*\.\s*\}\}.*\{\{\s*end\s*-?\s*\}\}")
                .expect("valid regex")
        })
        .is_match(format)
}

impl Template {
    fn compile(src: &str, name: &str, table: bool) -> Result<Template, TemplateError> {
        Ok(Template {
            parsed: parse::parse(src, name, &funcs::exists)?,
            table,
            name: name.to_string(),
        })
    }

    /// Parses a `--format` for a list of rows (`ps`, `images`, `inspect`, ...),
    /// as podman's `OriginUser`.
    pub fn for_rows(format: &str) -> Result<Template, TemplateError> {
        let name = "output";
        if let Some(rest) = format.strip_prefix("table ") {
            let norm = format!("{{{{range .}}}}{}{{{{end -}}}}", normalize(format));
            return Template::compile(&norm, name, true).or_else(|_| {
                Template::compile(&format!("{{{{range .}}}}{rest}{{{{end -}}}}"), name, true)
            });
        }
        let wrap = |f: &str| {
            if has_range_dot(f) {
                f.to_string()
            } else {
                format!("{{{{range .}}}}{f}{{{{end -}}}}")
            }
        };
        Template::compile(&wrap(&normalize(format)), name, false)
            .or_else(|_| Template::compile(&wrap(format), name, false))
    }

    /// Parses a `--format` for one value (`info`, `version`), as podman's `OriginUnknown`.
    pub fn for_value(format: &str) -> Result<Template, TemplateError> {
        if format.starts_with("table ") {
            return Template::for_rows(format);
        }
        let name = "output";
        Template::compile(&normalize(format), name, false)
            .or_else(|_| Template::compile(format, name, false))
    }

    /// Runs the template on `data` as it serialises (no Go type shapes it).
    pub fn render<T: Serialize + ?Sized>(&self, data: &T) -> Result<String, TemplateError> {
        let v = TValue::from(data).map_err(TemplateError)?;
        self.render_value(&v)
    }

    /// Runs the template on an already converted value.
    pub fn render_value(&self, data: &TValue) -> Result<String, TemplateError> {
        exec::Exec::run(&self.parsed, &self.name, data)
    }

    /// The header row of a `table` template: the template run on one row
    /// whose fields are the column titles (`titles` overrides, else the
    /// field name split at its capitals and upper-cased: `CreatedAt` →
    /// `CREATED AT`).
    pub fn header(&self, titles: &[(&str, &str)]) -> Result<String, TemplateError> {
        let mut names = Vec::new();
        collect_fields(&self.parsed.root, &mut names);
        for (_, body) in &self.parsed.defines {
            collect_fields(body, &mut names);
        }
        let mut entries: Vec<(String, TValue)> = names
            .into_iter()
            .map(|n| {
                let t = titles
                    .iter()
                    .find(|(f, _)| *f == n)
                    .map_or_else(|| header_title(&n), |(_, t)| (*t).to_uppercase());
                (n, TValue::Str(t))
            })
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        let row = TValue::Map {
            entries,
            any: false,
        };
        self.render_value(&TValue::List(vec![row]))
    }
}

/// A column title from a field name: `ImageID` → `IMAGE ID` (podman's
/// `report.Headers`, with fatih/camelcase's split).
pub fn header_title(field: &str) -> String {
    camel_split(field).join(" ").to_uppercase()
}

/// Splits a Go identifier at case and digit changes: `IDMappings` → `ID Mappings`.
fn camel_split(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Lower,
        Upper,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_lowercase() {
            Class::Lower
        } else if c.is_uppercase() {
            Class::Upper
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last: Option<Class> = None;
    for c in s.chars() {
        let k = class(c);
        if Some(k) == last {
            runs.last_mut().expect("a run").push(c);
        } else {
            runs.push(vec![c]);
        }
        last = Some(k);
    }
    // An upper-case run followed by a lower-case one gives its last letter
    // to it: "IDMappings" → "ID", "Mappings".
    for i in 0..runs.len().saturating_sub(1) {
        if class(runs[i][0]) == Class::Upper && class(runs[i + 1][0]) == Class::Lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

fn collect_fields(nodes: &[parse::Node], out: &mut Vec<String>) {
    use parse::{Node, Operand, Pipeline};
    fn pipe(p: &Pipeline, out: &mut Vec<String>) {
        for c in &p.cmds {
            for a in &c.args {
                match a {
                    Operand::Dot(f) if !f.is_empty() => out.push(f[0].clone()),
                    Operand::Pipe(p, _) => pipe(p, out),
                    _ => {}
                }
            }
        }
    }
    for n in nodes {
        match n {
            Node::Action(p) => pipe(p, out),
            Node::Branch {
                pipe: p,
                list,
                other,
                ..
            } => {
                pipe(p, out);
                collect_fields(list, out);
                collect_fields(other, out);
            }
            Node::Template(_, Some(p)) => pipe(p, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    #[allow(non_snake_case)]
    struct Row {
        ID: String,
        Names: Vec<String>,
        Size: u64,
        Labels: std::collections::BTreeMap<String, String>,
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                ID: "abc".into(),
                Names: vec!["web".into(), "www".into()],
                Size: 10,
                Labels: [("app".to_string(), "x".to_string())].into(),
            },
            Row {
                ID: "def".into(),
                Names: vec!["db".into()],
                Size: 2_000_000,
                Labels: std::collections::BTreeMap::new(),
            },
        ]
    }

    fn list(fmt: &str) -> String {
        Template::for_rows(fmt).unwrap().render(&rows()).unwrap()
    }

    fn one(fmt: &str, v: serde_json::Value) -> String {
        Template::for_value(fmt).unwrap().render(&v).unwrap()
    }

    #[test]
    fn rows_fields_and_escapes() {
        assert_eq!(list("{{.ID}}"), "abc\ndef\n");
        assert_eq!(list("{{.ID}}\\t{{.Size}}"), "abc\t10\ndef\t2000000\n");
        assert_eq!(list("{{.Names}}"), "[web www]\n[db]\n");
        // A missing map key is Go's invalid value (podman prints `<no value>`).
        assert_eq!(list("{{.Labels.app}}|"), "x|\n<no value>|\n");
        assert_eq!(list("{{range .}}{{.ID}} {{end}}"), "abc def \n");
        assert_eq!(list("{{\"\\n\"}}"), "\n\n");
    }

    #[test]
    fn podman_functions_in_templates() {
        assert_eq!(list("{{json .Names}}"), "[\"web\",\"www\"]\n[\"db\"]\n");
        assert_eq!(list("{{join .Names \",\"}}"), "web,www\ndb\n");
        assert_eq!(list("{{.ID | upper}}"), "ABC\nDEF\n");
        assert_eq!(list("{{upper .ID | lower}}"), "abc\ndef\n");
        assert_eq!(list("{{title .ID}}"), "Abc\nDef\n");
        assert_eq!(list("{{truncate .ID 2}}"), "ab\nde\n");
        assert_eq!(list("[{{pad .ID 1 2}}]"), "[ abc  ]\n[ def  ]\n");
        assert_eq!(list("{{index (split \"a:b\" \":\") 1}}"), "b\nb\n");
        assert_eq!(list("{{len .Names}}"), "2\n1\n");
        assert_eq!(list("{{index .Names 0}}"), "web\ndb\n");
        assert_eq!(list("{{printf \"%-4s|\" .ID}}"), "abc |\ndef |\n");
        assert_eq!(list("{{println .ID}}"), "abc\n\ndef\n\n");
        assert_eq!(
            list("{{if gt .Size 100}}big{{else}}small{{end}}"),
            "small\nbig\n"
        );
        assert_eq!(
            list("{{if eq .ID \"abc\" \"x\"}}y{{else if ne .ID \"zz\"}}n{{end}}"),
            "y\nn\n"
        );
        assert_eq!(
            list("{{if and .Labels (lt .Size 5)}}a{{else}}b{{end}}"),
            "b\nb\n"
        );
        assert_eq!(list("{{or .Labels.app \"none\"}}"), "x\nnone\n");
        assert_eq!(list("{{not .Labels}}"), "false\ntrue\n");
        assert_eq!(
            list("{{range $i, $n := .Names}}{{if $i}},{{end}}{{$i}}={{$n}}{{end}}"),
            "0=web,1=www\n0=db\n"
        );
        assert_eq!(
            list("{{with .Labels.app}}[{{.}}]{{else}}-{{end}}"),
            "[x]\n-\n"
        );
        assert_eq!(
            list("{{$x := .ID}}{{$x}}{{$x = \"z\"}}{{$x}}"),
            "abcz\ndefz\n"
        );
        assert_eq!(
            list("{{range .Names}}{{if eq . \"www\"}}{{break}}{{end}}{{.}};{{end}}"),
            "web;\ndb;\n"
        );
        assert_eq!(list("{{- /* a comment */ -}} {{.ID}}"), "abc\ndef\n");
        assert_eq!(list("{{slice .ID 1}}"), "bc\nef\n");
        assert_eq!(
            list("{{define \"x\"}}<{{.}}>{{end}}{{template \"x\" .ID}}"),
            "<abc>\n<def>\n"
        );
    }

    #[test]
    fn table_headers_from_field_names() {
        let t = Template::for_rows("table {{.ID}}\t{{.Names}} {{.Size}}").unwrap();
        assert!(t.table);
        assert_eq!(
            t.header(&[("ID", "CONTAINER ID")]).unwrap(),
            "CONTAINER ID\tNAMES\tSIZE\n"
        );
        let t = Template::for_rows("table {{.CreatedAt}}\\t{{upper .ImageID}}").unwrap();
        assert_eq!(t.header(&[]).unwrap(), "CREATED AT\tIMAGE ID\n");
        assert_eq!(header_title("IDMappings"), "ID MAPPINGS");
        assert_eq!(header_title("RunningFor"), "RUNNING FOR");
    }

    #[test]
    fn values_struct_and_map_semantics() {
        assert_eq!(one("{{.a.b}}", json!({"a": {"b": 1}})), "1\n");
        assert_eq!(
            one("{{json .}}", json!({"b": 1, "a": "<>"})),
            "{\"a\":\"<>\",\"b\":1}\n"
        );
        let e = Template::for_rows("{{.Nope}}")
            .unwrap()
            .render(&rows())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("can't evaluate field Nope in type main.Row"),
            "{e}"
        );
        let any = TValue::Map {
            entries: Vec::new(),
            any: true,
        };
        assert_eq!(
            Template::for_value("{{index . \"k\"}}")
                .unwrap()
                .render_value(&any)
                .unwrap(),
            "<no value>\n"
        );
    }

    #[test]
    fn parse_errors_as_go() {
        let e = |f: &str| Template::for_value(f).unwrap_err().to_string();
        assert!(e("{{nosuch .X}}").contains("function \"nosuch\" not defined"));
        assert!(e("{{if .X}}").contains("unexpected EOF"));
        assert!(e("{{end}}").contains("unexpected {{end}}"));
        assert!(e("{{.X").contains("unclosed action"));
        assert!(is_json("json") && is_json(" {{ json }} ") && !is_json("{{json .}}"));
    }
}
