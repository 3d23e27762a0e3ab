//! A subset of Go's text/template, enough for podman's `--format`:
//! `{{.Field}}`, `{{.A.B}}`, `{{.}}`, `{{json .X}}`, `{{join .X ","}}`,
//! `{{upper .X}}`, `{{lower .X}}`, `{{truncate .X 12}}`, `{{range .X}}…{{end}}`,
//! `{{if .X}}…{{else}}…{{end}}`, trim markers `{{-`/`-}}`, and podman's
//! `table` prefix. Data is a `serde_json::Value` of the row.

use serde_json::Value;

/// A parse or execution error, worded like Go's.
#[derive(Debug, thiserror::Error)]
#[error("template: {0}")]
pub struct TemplateError(String);

#[derive(Debug, Clone)]
enum Arg {
    Path(Vec<String>),
    Str(String),
    Num(i64),
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Value(Arg),
    Call(String, Vec<Arg>),
    Range(Arg, Vec<Node>),
    If(Arg, Vec<Node>, Vec<Node>),
}

/// A parsed `--format` template.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Vec<Node>,
    /// Whether the format began with `table` (print a header row).
    pub table: bool,
    source: String,
}

fn unescape(s: &str) -> String {
    s.replace("\\t", "\t").replace("\\n", "\n")
}

fn parse_arg(tok: &str) -> Result<Arg, TemplateError> {
    if tok == "." {
        return Ok(Arg::Path(vec![]));
    }
    if let Some(rest) = tok.strip_prefix('.') {
        return Ok(Arg::Path(rest.split('.').map(str::to_string).collect()));
    }
    if tok.starts_with('"') && tok.ends_with('"') && tok.len() >= 2 {
        return Ok(Arg::Str(
            tok[1..tok.len() - 1]
                .replace("\\\"", "\"")
                .replace("\\t", "\t")
                .replace("\\n", "\n"),
        ));
    }
    tok.parse::<i64>()
        .map(Arg::Num)
        .map_err(|_| TemplateError(format!("unexpected {tok:?} in command")))
}

fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                cur.push(c);
                quoted = !quoted;
            }
            '\\' if quoted => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

enum Tok {
    Text(String),
    Action(String),
}

fn tokenize(src: &str) -> Result<Vec<Tok>, TemplateError> {
    let mut toks = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find("{{") {
        let mut text = rest[..start].to_string();
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| TemplateError("unclosed action".into()))?;
        let mut action = &after[..end];
        if let Some(a) = action.strip_prefix('-') {
            text = text.trim_end().to_string();
            action = a;
        }
        let mut trim_next = false;
        if let Some(a) = action.strip_suffix('-') {
            trim_next = true;
            action = a;
        }
        if !text.is_empty() {
            toks.push(Tok::Text(text));
        }
        toks.push(Tok::Action(action.trim().to_string()));
        rest = &after[end + 2..];
        if trim_next {
            rest = rest.trim_start();
        }
    }
    if !rest.is_empty() {
        toks.push(Tok::Text(rest.to_string()));
    }
    Ok(toks)
}

fn parse_nodes(
    toks: &mut std::iter::Peekable<std::vec::IntoIter<Tok>>,
    until: &[&str],
) -> Result<(Vec<Node>, String), TemplateError> {
    let mut nodes = Vec::new();
    while let Some(tok) = toks.next() {
        match tok {
            Tok::Text(t) => nodes.push(Node::Text(t)),
            Tok::Action(a) => {
                let words = split_words(&a);
                let Some(first) = words.first() else {
                    return Err(TemplateError("missing value for command".into()));
                };
                if until.contains(&first.as_str()) {
                    return Ok((nodes, first.clone()));
                }
                match first.as_str() {
                    "range" | "if" => {
                        let arg =
                            parse_arg(words.get(1).ok_or_else(|| {
                                TemplateError(format!("missing value for {first}"))
                            })?)?;
                        let (body, ended) = parse_nodes(toks, &["end", "else"])?;
                        let mut other = Vec::new();
                        if ended == "else" {
                            other = parse_nodes(toks, &["end"])?.0;
                        }
                        nodes.push(if first == "range" {
                            Node::Range(arg, body)
                        } else {
                            Node::If(arg, body, other)
                        });
                    }
                    "end" | "else" => {
                        return Err(TemplateError(format!("unexpected {{{{{first}}}}}")))
                    }
                    f if !f.starts_with('.')
                        && !f.starts_with('"')
                        && f.parse::<i64>().is_err() =>
                    {
                        let args = words[1..]
                            .iter()
                            .map(|w| parse_arg(w))
                            .collect::<Result<_, _>>()?;
                        nodes.push(Node::Call(f.to_string(), args));
                    }
                    _ => {
                        if words.len() != 1 {
                            return Err(TemplateError(format!(
                                "can't give argument to non-function {first}"
                            )));
                        }
                        nodes.push(Node::Value(parse_arg(first)?));
                    }
                }
            }
        }
    }
    if until.is_empty() {
        Ok((nodes, String::new()))
    } else {
        Err(TemplateError("unexpected EOF: missing {{end}}".into()))
    }
}

impl Template {
    /// Parses a `--format` value.
    pub fn parse(format: &str) -> Result<Template, TemplateError> {
        let (table, body) = match format.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with([' ', '\t']) => {
                (true, rest.trim_start())
            }
            _ => (false, format),
        };
        let src = unescape(body);
        let mut toks = tokenize(&src)?.into_iter().peekable();
        let (nodes, _) = parse_nodes(&mut toks, &[])?;
        Ok(Template {
            nodes,
            table,
            source: src,
        })
    }

    /// The header row: the template with each top-level field replaced by its title.
    pub fn header(&self, titles: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for n in &self.nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Value(Arg::Path(p)) => {
                    let name = p.join(".");
                    let title = titles
                        .iter()
                        .find(|(f, _)| *f == name)
                        .map(|(_, t)| (*t).to_string())
                        .unwrap_or_else(|| name.to_uppercase());
                    out.push_str(&title);
                }
                _ => {}
            }
        }
        out
    }

    /// Renders the template for one value.
    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        render_nodes(&self.nodes, data, &mut out, &self.source)?;
        Ok(out)
    }
}

fn lookup<'a>(data: &'a Value, path: &[String], src: &str) -> Result<&'a Value, TemplateError> {
    let mut cur = data;
    for (i, key) in path.iter().enumerate() {
        cur = match cur {
            Value::Object(m) => m.get(key).ok_or_else(|| {
                TemplateError(format!(
                    "output:1: executing \"output\" at <.{}>: can't evaluate field {key} in type {}",
                    path[..=i].join("."),
                    if src.is_empty() { "data" } else { "struct" }
                ))
            })?,
            Value::Null => return Ok(&Value::Null),
            _ => return Err(TemplateError(format!("can't evaluate field {key}: not a struct"))),
        };
    }
    Ok(cur)
}

fn arg_value(arg: &Arg, data: &Value, src: &str) -> Result<Value, TemplateError> {
    Ok(match arg {
        Arg::Path(p) => lookup(data, p, src)?.clone(),
        Arg::Str(s) => Value::String(s.clone()),
        Arg::Num(n) => Value::from(*n),
    })
}

/// Prints a value the way Go's fmt does for `{{.X}}`.
pub fn go_string(v: &Value) -> String {
    match v {
        Value::Null => "<no value>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(go_string).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", go_string(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

fn render_nodes(
    nodes: &[Node],
    data: &Value,
    out: &mut String,
    src: &str,
) -> Result<(), TemplateError> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Value(a) => out.push_str(&go_string(&arg_value(a, data, src)?)),
            Node::Range(a, body) => match arg_value(a, data, src)? {
                Value::Array(items) => {
                    for item in &items {
                        render_nodes(body, item, out, src)?;
                    }
                }
                Value::Object(m) => {
                    for item in m.values() {
                        render_nodes(body, item, out, src)?;
                    }
                }
                Value::Null => {}
                other => {
                    return Err(TemplateError(format!(
                        "range can't iterate over {}",
                        go_string(&other)
                    )))
                }
            },
            Node::If(a, then, other) => {
                let branch = if truthy(&arg_value(a, data, src)?) {
                    then
                } else {
                    other
                };
                render_nodes(branch, data, out, src)?;
            }
            Node::Call(f, args) => {
                let vals = args
                    .iter()
                    .map(|a| arg_value(a, data, src))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push_str(&call(f, &vals)?);
            }
        }
    }
    Ok(())
}

fn call(f: &str, args: &[Value]) -> Result<String, TemplateError> {
    let arg = |i: usize| {
        args.get(i)
            .ok_or_else(|| TemplateError(format!("wrong number of args for {f}")))
    };
    Ok(match f {
        "json" => serde_json::to_string(arg(0)?).expect("json values serialise"),
        "upper" => go_string(arg(0)?).to_uppercase(),
        "lower" => go_string(arg(0)?).to_lowercase(),
        "title" => {
            let s = go_string(arg(0)?);
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        "join" => {
            let sep = go_string(arg(1)?);
            match arg(0)? {
                Value::Array(a) => a.iter().map(go_string).collect::<Vec<_>>().join(&sep),
                other => go_string(other),
            }
        }
        "truncate" => {
            let s = go_string(arg(0)?);
            let n = arg(1)?.as_u64().unwrap_or(0) as usize;
            s.chars().take(n).collect()
        }
        "printf" => {
            let fmt = go_string(arg(0)?);
            let mut out = String::new();
            let mut rest = args[1..].iter();
            let mut chars = fmt.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '%' {
                    match chars.next() {
                        Some('%') => out.push('%'),
                        Some(_) => out.push_str(&rest.next().map(go_string).unwrap_or_default()),
                        None => out.push('%'),
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        "index" => {
            let key = arg(1)?;
            let v = match (arg(0)?, key) {
                (Value::Object(m), k) => m.get(&go_string(k)).cloned().unwrap_or(Value::Null),
                (Value::Array(a), Value::Number(n)) => a
                    .get(n.as_u64().unwrap_or(0) as usize)
                    .cloned()
                    .unwrap_or(Value::Null),
                _ => Value::Null,
            };
            go_string(&v)
        }
        other => return Err(TemplateError(format!("function {other:?} not defined"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(fmt: &str, v: Value) -> String {
        Template::parse(fmt).unwrap().render(&v).unwrap()
    }

    #[test]
    fn fields_functions_and_blocks() {
        let v = json!({"Repository": "docker.io/alpine", "Tag": "latest", "Names": ["a", "b"], "Config": {"Env": ["X=1"]}, "N": 0, "M": {"k": "v"}});
        assert_eq!(
            r("{{.Repository}}:{{.Tag}}", v.clone()),
            "docker.io/alpine:latest"
        );
        assert_eq!(r("{{.Config.Env}}", v.clone()), "[X=1]");
        assert_eq!(r("{{json .Names}}", v.clone()), r#"["a","b"]"#);
        assert_eq!(r("{{join .Names \",\"}}", v.clone()), "a,b");
        assert_eq!(r("{{range .Names}}<{{.}}>{{end}}", v.clone()), "<a><b>");
        assert_eq!(r("{{if .N}}yes{{else}}no{{end}}", v.clone()), "no");
        assert_eq!(
            r("{{upper .Tag}}\\t{{index .M \"k\"}}", v.clone()),
            "LATEST\tv"
        );
        assert_eq!(r("a {{- .Tag -}} b", v.clone()), "alatestb");
        assert_eq!(r("{{.M}}", v), "map[k:v]");
    }

    #[test]
    fn table_header_and_errors() {
        let t = Template::parse("table {{.ID}}\t{{.Repository}}").unwrap();
        assert!(t.table);
        assert_eq!(t.header(&[("ID", "IMAGE ID")]), "IMAGE ID\tREPOSITORY");
        let err = Template::parse("{{.Nope}}")
            .unwrap()
            .render(&json!({"A": 1}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("can't evaluate field Nope"), "{err}");
        assert!(Template::parse("{{range .X}}").is_err());
    }
}
