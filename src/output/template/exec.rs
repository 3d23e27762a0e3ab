//! Executes a parsed template on a [`TValue`], as Go's text/template does:
//! dot and `$`, variables scoped to their block, field chains on structs
//! and maps, pipelines passing the previous value as the last argument,
//! lazy `and`/`or`, `range` over lists, maps and integers with `break` and
//! `continue`, and Go's error messages.

use super::funcs;
use super::parse::{BranchKind, Command, Node, Operand, Parsed, Pipeline};
use super::value::TValue;
use super::TemplateError;

enum Flow {
    Normal,
    Break,
    Continue,
}

/// One execution of a template.
pub struct Exec<'a> {
    parsed: &'a Parsed,
    name: &'a str,
    vars: Vec<(String, TValue)>,
    out: String,
    depth: usize,
}

impl<'a> Exec<'a> {
    /// Runs `parsed` with `data` as dot and `$`; returns the text.
    pub fn run(parsed: &'a Parsed, name: &'a str, data: &TValue) -> Result<String, TemplateError> {
        let mut e = Exec {
            parsed,
            name,
            vars: vec![("$".into(), data.clone())],
            out: String::new(),
            depth: 0,
        };
        e.walk(data, &parsed.root)?;
        Ok(e.out)
    }

    fn err(&self, at: &str, msg: &str) -> TemplateError {
        TemplateError(format!(
            "template: {0}: executing \"{0}\" at <{at}>: {msg}",
            self.name
        ))
    }

    fn walk(&mut self, dot: &TValue, nodes: &[Node]) -> Result<Flow, TemplateError> {
        for n in nodes {
            match n {
                Node::Text(t) => self.out.push_str(t),
                Node::Action(p) => {
                    let v = self.pipeline(dot, p)?;
                    if p.decl.is_empty() {
                        self.out.push_str(&funcs::go_string(&v));
                    }
                }
                Node::Break => return Ok(Flow::Break),
                Node::Continue => return Ok(Flow::Continue),
                Node::Template(name, pipe) => {
                    let body = self
                        .parsed
                        .defines
                        .iter()
                        .rev()
                        .find(|(n, _)| n == name)
                        .map(|(_, b)| b.clone())
                        .ok_or_else(|| {
                            self.err(
                                &format!("{{{{template {name:?}}}}}"),
                                &format!("no such template {name:?}"),
                            )
                        })?;
                    let data = match pipe {
                        Some(p) => self.pipeline(dot, p)?,
                        None => TValue::Nil,
                    };
                    self.depth += 1;
                    if self.depth > 100 {
                        return Err(self.err(name, "exceeded maximum template depth (100000)"));
                    }
                    let saved = std::mem::replace(&mut self.vars, vec![("$".into(), data.clone())]);
                    let r = self.walk(&data, &body);
                    self.vars = saved;
                    self.depth -= 1;
                    r?;
                }
                Node::Branch {
                    kind,
                    pipe,
                    list,
                    other,
                } => {
                    let mark = self.vars.len();
                    let flow = self.branch(dot, *kind, pipe, list, other);
                    self.vars.truncate(mark);
                    match flow? {
                        Flow::Normal => {}
                        f => return Ok(f),
                    }
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn branch(
        &mut self,
        dot: &TValue,
        kind: BranchKind,
        pipe: &Pipeline,
        list: &[Node],
        other: &[Node],
    ) -> Result<Flow, TemplateError> {
        match kind {
            BranchKind::If => {
                let v = self.pipeline_value(dot, pipe)?;
                self.declare(pipe, std::slice::from_ref(&v));
                if v.truthy() {
                    self.walk(dot, list)
                } else {
                    self.walk(dot, other)
                }
            }
            BranchKind::With => {
                let v = self.pipeline_value(dot, pipe)?;
                self.declare(pipe, std::slice::from_ref(&v));
                if v.truthy() {
                    self.walk(&v, list)
                } else {
                    self.walk(dot, other)
                }
            }
            BranchKind::Range => {
                let v = self.pipeline_value(dot, pipe)?;
                let items: Vec<(TValue, TValue)> = match v.inner() {
                    TValue::List(l) => l
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (TValue::Int(i64::try_from(i).unwrap_or(0)), e.clone()))
                        .collect(),
                    TValue::Map { entries, .. } => entries
                        .iter()
                        .map(|(k, e)| (TValue::Str(k.clone()), e.clone()))
                        .collect(),
                    TValue::Int(n) => (0..*n).map(|i| (TValue::Int(i), TValue::Int(i))).collect(),
                    TValue::Nil | TValue::Missing => Vec::new(),
                    other => {
                        return Err(self.err(
                            "range",
                            &format!("range can't iterate over {}", funcs::go_string(other)),
                        ))
                    }
                };
                if items.is_empty() {
                    return self.walk(dot, other);
                }
                for (k, e) in items {
                    let mark = self.vars.len();
                    match pipe.decl.len() {
                        0 => {}
                        1 => self.set_var(&pipe.decl[0], e.clone(), pipe.assign),
                        _ => {
                            self.set_var(&pipe.decl[0], k, pipe.assign);
                            self.set_var(&pipe.decl[1], e.clone(), pipe.assign);
                        }
                    }
                    let flow = self.walk(&e, list);
                    self.vars.truncate(mark);
                    match flow? {
                        Flow::Break => break,
                        Flow::Continue | Flow::Normal => {}
                    }
                }
                Ok(Flow::Normal)
            }
        }
    }

    fn set_var(&mut self, name: &str, v: TValue, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    fn declare(&mut self, pipe: &Pipeline, values: &[TValue]) {
        for (name, v) in pipe.decl.iter().zip(values) {
            self.set_var(name, v.clone(), pipe.assign);
        }
    }

    /// A pipeline's value without declaring its variables (branches declare).
    fn pipeline_value(&mut self, dot: &TValue, p: &Pipeline) -> Result<TValue, TemplateError> {
        let mut last: Option<TValue> = None;
        for c in &p.cmds {
            last = Some(self.command(dot, c, last)?);
        }
        Ok(last.unwrap_or(TValue::Nil))
    }

    fn pipeline(&mut self, dot: &TValue, p: &Pipeline) -> Result<TValue, TemplateError> {
        let v = self.pipeline_value(dot, p)?;
        self.declare(p, std::slice::from_ref(&v));
        Ok(v)
    }

    fn command(
        &mut self,
        dot: &TValue,
        c: &Command,
        piped: Option<TValue>,
    ) -> Result<TValue, TemplateError> {
        if let Operand::Func(f) = &c.args[0] {
            let at = f.clone();
            // `and` and `or` stop at the first false or true operand.
            if f == "and" || f == "or" {
                if c.args.len() == 1 && piped.is_none() {
                    return Err(self.err(
                        &at,
                        &format!("wrong number of args for {f}: want at least 1 got 0"),
                    ));
                }
                let mut v = TValue::Nil;
                for op in &c.args[1..] {
                    v = self.operand(dot, op)?;
                    if v.truthy() != (f == "and") {
                        return Ok(v);
                    }
                }
                return Ok(piped.unwrap_or(v));
            }
            let mut args = Vec::new();
            for op in &c.args[1..] {
                args.push(self.operand(dot, op)?);
            }
            if let Some(p) = piped {
                args.push(p);
            }
            return funcs::call(f, &args).map_err(|m| self.err(&at, &m));
        }
        if let Some(v) = self.label_method(dot, c, piped.as_ref())? {
            return Ok(v);
        }
        if c.args.len() > 1 || piped.is_some() {
            let at = describe(&c.args[0]);
            return Err(self.err(&at, &format!("can't give argument to non-function {at}")));
        }
        self.operand(dot, &c.args[0])
    }

    /// podman's `Label` method of its `ps` and `pod ps` rows:
    /// `{{.Label "NAME"}}` is that label's value ("" when unset).
    fn label_method(
        &mut self,
        dot: &TValue,
        c: &Command,
        piped: Option<&TValue>,
    ) -> Result<Option<TValue>, TemplateError> {
        let Some(Operand::Dot(fields)) = c.args.first() else {
            return Ok(None);
        };
        let Some((last, base)) = fields.split_last() else {
            return Ok(None);
        };
        let given = c.args.len() - 1 + usize::from(piped.is_some());
        if last != "Label" || given != 1 {
            return Ok(None);
        }
        let row = self.chain(dot.clone(), base, "")?;
        let Some(labels) = row.field("Labels").cloned().or_else(|| match &row {
            TValue::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| k == "Labels")
                .map(|(_, v)| v.clone()),
            _ => None,
        }) else {
            return Ok(None);
        };
        let name = match (c.args.get(1), piped) {
            (Some(op), _) => self.operand(dot, op)?,
            (None, Some(p)) => p.clone(),
            (None, None) => return Ok(None),
        };
        let name = funcs::go_string(&name);
        let value = match labels {
            TValue::Map { entries, .. } => entries
                .into_iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v),
            _ => None,
        };
        Ok(Some(value.unwrap_or(TValue::Str(String::new()))))
    }

    fn operand(&mut self, dot: &TValue, op: &Operand) -> Result<TValue, TemplateError> {
        match op {
            Operand::Dot(fields) => self.chain(dot.clone(), fields, ""),
            Operand::Var(name, fields) => {
                let v = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| self.err(name, &format!("undefined variable: {name}")))?;
                self.chain(v, fields, name)
            }
            Operand::Pipe(p, fields) => {
                let v = self.pipeline_value(dot, p)?;
                self.chain(v, fields, "(…)")
            }
            Operand::Func(f) => funcs::call(f, &[]).map_err(|m| self.err(f, &m)),
            Operand::Str(s) => Ok(TValue::Str(s.clone())),
            Operand::Int(n) => Ok(TValue::Int(*n)),
            Operand::Float(f) => Ok(TValue::Float(*f)),
            Operand::Bool(b) => Ok(TValue::Bool(*b)),
            Operand::Nil => Err(self.err("nil", "nil is not a command")),
        }
    }

    fn chain(&self, mut v: TValue, fields: &[String], base: &str) -> Result<TValue, TemplateError> {
        for (i, f) in fields.iter().enumerate() {
            let at = format!("{base}.{}", fields[..=i].join("."));
            v = match &v {
                TValue::Struct { .. } => v.field(f).cloned().ok_or_else(|| {
                    self.err(
                        &at,
                        &format!("can't evaluate field {f} in type {}", v.type_name()),
                    )
                })?,
                TValue::Map { entries, .. } => entries
                    .iter()
                    .find(|(k, _)| k == f)
                    .or_else(|| {
                        // A Go field whose JSON key differs (inspect data
                        // is a map of its JSON).
                        let json = super::value::map_key_of(f)?;
                        entries.iter().find(|(k, _)| k == json)
                    })
                    .map(|(_, v)| v.clone())
                    // Go's invalid value, whatever the map's element type.
                    .unwrap_or(TValue::Missing),
                TValue::Nil | TValue::Missing => {
                    return Err(self.err(
                        &at,
                        &format!("nil pointer evaluating {}.{f}", v.type_name()),
                    ))
                }
                other => {
                    return Err(self.err(
                        &at,
                        &format!("can't evaluate field {f} in type {}", other.type_name()),
                    ))
                }
            };
        }
        Ok(v)
    }
}

fn describe(op: &Operand) -> String {
    match op {
        Operand::Dot(f) if f.is_empty() => ".".into(),
        Operand::Dot(f) => format!(".{}", f.join(".")),
        Operand::Var(v, f) if f.is_empty() => v.clone(),
        Operand::Var(v, f) => format!("{v}.{}", f.join(".")),
        Operand::Str(s) => format!("{s:?}"),
        Operand::Int(n) => n.to_string(),
        Operand::Float(x) => funcs::go_float(*x),
        Operand::Bool(b) => b.to_string(),
        Operand::Nil => "nil".into(),
        Operand::Func(f) => f.clone(),
        Operand::Pipe(..) => "(…)".into(),
    }
}
