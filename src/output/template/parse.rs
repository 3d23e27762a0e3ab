//! Go text/template's grammar: text and `{{actions}}` with trim markers and
//! comments; pipelines of commands joined by `|`; operands (fields `.A.B`,
//! variables `$x.A`, literals, function names, parenthesised pipelines);
//! `if`/`else if`, `range` (with `$i, $e :=`), `with`/`else with`, `break`,
//! `continue`, `define`/`template`/`block`.

use super::TemplateError;

/// A node of a parsed template.
#[derive(Debug, Clone)]
pub enum Node {
    /// Literal text.
    Text(String),
    /// `{{pipeline}}`: its value is printed unless it declares variables.
    Action(Pipeline),
    /// `{{if}}`, `{{with}}` or `{{range}}` with their branches.
    Branch {
        /// Which block.
        kind: BranchKind,
        /// The condition or the ranged value.
        pipe: Pipeline,
        /// The body.
        list: Vec<Node>,
        /// The `{{else}}` branch.
        other: Vec<Node>,
    },
    /// `{{break}}`.
    Break,
    /// `{{continue}}`.
    Continue,
    /// `{{template "name" pipeline}}`.
    Template(String, Option<Pipeline>),
}

/// The three block actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchKind {
    /// `{{if}}`.
    If,
    /// `{{with}}`.
    With,
    /// `{{range}}`.
    Range,
}

/// Commands joined by `|`, maybe declaring or assigning variables.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Variables declared (`$x :=`) or assigned (`$x =`).
    pub decl: Vec<String>,
    /// Whether `=` (assignment) rather than `:=`.
    pub assign: bool,
    /// The commands.
    pub cmds: Vec<Command>,
}

/// One command: a function and its arguments, or a single operand.
#[derive(Debug, Clone)]
pub struct Command {
    /// The operands.
    pub args: Vec<Operand>,
}

/// An operand.
#[derive(Debug, Clone)]
pub enum Operand {
    /// `.`, or a field chain on it (`.A.B`).
    Dot(Vec<String>),
    /// `$name`, with a field chain.
    Var(String, Vec<String>),
    /// A function name.
    Func(String),
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `nil`.
    Nil,
    /// `(pipeline)` with a field chain.
    Pipe(Box<Pipeline>, Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Text(String),
    Open,
    Close,
    Field(Vec<String>),
    Var(String),
    Ident(String),
    Str(String),
    Int(i64),
    Float(f64),
    Char(i64),
    Pipe,
    LParen,
    RParen,
    Comma,
    Declare,
    Assign,
    Dot,
    /// A field chain right after `)` or a variable (`$x.A`, `(…).A`).
    Chain(Vec<String>),
    Space,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Splits the source into text and action tokens.
fn lex(src: &str, name: &str) -> Result<Vec<(Tok, usize)>, TemplateError> {
    let mut toks = Vec::new();
    let mut rest = src;
    let mut line = 1usize;
    let err = |line: usize, msg: String| TemplateError(format!("template: {name}:{line}: {msg}"));
    loop {
        let Some(start) = rest.find("{{") else {
            if !rest.is_empty() {
                toks.push((Tok::Text(rest.to_string()), line));
            }
            break;
        };
        let mut text = &rest[..start];
        let mut after = &rest[start + 2..];
        // `{{- ` trims the whitespace before.
        if after.starts_with('-') && after[1..].starts_with(is_space) {
            text = text.trim_end_matches(is_space);
            after = &after[1..];
        }
        line += rest[..start].matches('\n').count();
        if !text.is_empty() {
            toks.push((Tok::Text(text.to_string()), line));
        }
        // Comments.
        let trimmed = after.trim_start_matches(is_space);
        if trimmed.starts_with("/*") {
            let end = trimmed
                .find("*/")
                .ok_or_else(|| err(line, "unclosed comment".into()))?;
            let mut tail = &trimmed[end + 2..];
            let mut trim_after = false;
            if let Some(t) = tail.strip_prefix(" -}}") {
                trim_after = true;
                tail = t;
            } else if let Some(t) = tail.strip_prefix("}}") {
                tail = t;
            } else {
                return Err(err(line, "comment ends before closing delimiter".into()));
            }
            line += trimmed[..end].matches('\n').count();
            rest = if trim_after {
                tail.trim_start_matches(is_space)
            } else {
                tail
            };
            continue;
        }
        toks.push((Tok::Open, line));
        let (consumed, trim_after) = lex_action(after, &mut toks, &mut line, name)?;
        rest = &after[consumed..];
        if trim_after {
            rest = rest.trim_start_matches(is_space);
        }
    }
    Ok(toks)
}

/// Lexes one action up to `}}`; returns the bytes consumed and whether `-}}` trims.
fn lex_action(
    s: &str,
    toks: &mut Vec<(Tok, usize)>,
    line: &mut usize,
    name: &str,
) -> Result<(usize, bool), TemplateError> {
    let err = |line: usize, msg: String| TemplateError(format!("template: {name}:{line}: {msg}"));
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let pos = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
    let mut i = 0;
    let mut depth = 0usize;
    loop {
        let Some(c) = at(i) else {
            return Err(err(*line, "unclosed action".into()));
        };
        // ` -}}` and `}}`.
        if is_space(c) && at(i + 1) == Some('-') && at(i + 2) == Some('}') && at(i + 3) == Some('}')
        {
            toks.push((Tok::Close, *line));
            return Ok((pos(i + 4), true));
        }
        if c == '}' && at(i + 1) == Some('}') {
            if depth > 0 {
                return Err(err(*line, "unclosed left paren".into()));
            }
            toks.push((Tok::Close, *line));
            return Ok((pos(i + 2), false));
        }
        if is_space(c) {
            if c == '\n' {
                *line += 1;
            }
            while at(i).is_some_and(is_space) {
                if at(i) == Some('\n') && i > 0 {
                    *line += 1;
                }
                i += 1;
            }
            toks.push((Tok::Space, *line));
            continue;
        }
        let fields = |i: &mut usize| -> Vec<String> {
            let mut out = Vec::new();
            while at(*i) == Some('.') && at(*i + 1).is_some_and(is_alnum) {
                *i += 1;
                let start = *i;
                while at(*i).is_some_and(is_alnum) {
                    *i += 1;
                }
                out.push(s[pos(start)..pos(*i)].to_string());
            }
            out
        };
        match c {
            '|' => {
                toks.push((Tok::Pipe, *line));
                i += 1;
            }
            '(' => {
                depth += 1;
                toks.push((Tok::LParen, *line));
                i += 1;
            }
            ')' => {
                if depth == 0 {
                    return Err(err(*line, "unexpected right paren".into()));
                }
                depth -= 1;
                toks.push((Tok::RParen, *line));
                i += 1;
                let f = fields(&mut i);
                if !f.is_empty() {
                    toks.push((Tok::Chain(f), *line));
                }
            }
            ',' => {
                toks.push((Tok::Comma, *line));
                i += 1;
            }
            ':' if at(i + 1) == Some('=') => {
                toks.push((Tok::Declare, *line));
                i += 2;
            }
            '=' => {
                toks.push((Tok::Assign, *line));
                i += 1;
            }
            '"' => {
                let start = i;
                i += 1;
                loop {
                    match at(i) {
                        None | Some('\n') => {
                            return Err(err(*line, "unterminated quoted string".into()))
                        }
                        Some('\\') => i += 2,
                        Some('"') => break,
                        _ => i += 1,
                    }
                }
                i += 1;
                let lit = &s[pos(start)..pos(i)];
                toks.push((Tok::Str(unquote(lit).map_err(|m| err(*line, m))?), *line));
            }
            '`' => {
                let start = i + 1;
                i += 1;
                while at(i).is_some_and(|c| c != '`') {
                    if at(i) == Some('\n') {
                        *line += 1;
                    }
                    i += 1;
                }
                if at(i).is_none() {
                    return Err(err(*line, "unterminated raw quoted string".into()));
                }
                toks.push((Tok::Str(s[pos(start)..pos(i)].to_string()), *line));
                i += 1;
            }
            '\'' => {
                let start = i;
                i += 1;
                while at(i).is_some_and(|c| c != '\'') {
                    if at(i) == Some('\\') {
                        i += 1;
                    }
                    i += 1;
                }
                if at(i).is_none() {
                    return Err(err(*line, "unterminated character constant".into()));
                }
                i += 1;
                let lit = &s[pos(start)..pos(i)];
                let inner = unquote(&format!("\"{}\"", &lit[1..lit.len() - 1]))
                    .map_err(|m| err(*line, m))?;
                let mut cs = inner.chars();
                match (cs.next(), cs.next()) {
                    (Some(ch), None) => toks.push((Tok::Char(i64::from(u32::from(ch))), *line)),
                    _ => return Err(err(*line, format!("malformed character constant: {lit}"))),
                }
            }
            '$' => {
                let start = i;
                i += 1;
                while at(i).is_some_and(is_alnum) {
                    i += 1;
                }
                toks.push((Tok::Var(s[pos(start)..pos(i)].to_string()), *line));
                let f = fields(&mut i);
                if !f.is_empty() {
                    toks.push((Tok::Chain(f), *line));
                }
            }
            '.' if at(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
                let (tok, n) = lex_number(&s[pos(i)..]).map_err(|m| err(*line, m))?;
                toks.push((tok, *line));
                i += s[pos(i)..pos(i) + n].chars().count();
            }
            '.' => {
                let f = fields(&mut i);
                if f.is_empty() {
                    toks.push((Tok::Dot, *line));
                    i += 1;
                } else {
                    toks.push((Tok::Field(f), *line));
                }
            }
            c if c.is_ascii_digit()
                || ((c == '-' || c == '+') && at(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                let (tok, n) = lex_number(&s[pos(i)..]).map_err(|m| err(*line, m))?;
                toks.push((tok, *line));
                i += s[pos(i)..pos(i) + n].chars().count();
            }
            c if is_alnum(c) => {
                let start = i;
                while at(i).is_some_and(is_alnum) {
                    i += 1;
                }
                toks.push((Tok::Ident(s[pos(start)..pos(i)].to_string()), *line));
                // `x.y` after an identifier is a bad field chain in Go; keep simple.
            }
            other => {
                return Err(err(*line, format!("unexpected {other:?} in command")));
            }
        }
    }
}

/// Reads a number literal at the start of `s`; returns the token and its byte length.
fn lex_number(s: &str) -> Result<(Tok, usize), String> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let hex = s[i..].starts_with("0x") || s[i..].starts_with("0X");
    let octal = s[i..].starts_with("0o") || s[i..].starts_with("0O");
    let binary = s[i..].starts_with("0b") || s[i..].starts_with("0B");
    if hex || octal || binary {
        i += 2;
    }
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || b[i] == b'_'
            || b[i] == b'.'
            || ((b[i] == b'+' || b[i] == b'-') && matches!(b[i - 1], b'e' | b'E' | b'p' | b'P')))
    {
        i += 1;
    }
    let text: String = s[..i].chars().filter(|c| *c != '_').collect();
    let neg = text.starts_with('-');
    let body = text.trim_start_matches(['+', '-']);
    let radix = if hex {
        16
    } else if octal {
        8
    } else if binary {
        2
    } else if body.len() > 1 && body.starts_with('0') && body.bytes().all(|c| c.is_ascii_digit()) {
        8
    } else {
        10
    };
    let digits = if hex || octal || binary {
        &body[2..]
    } else {
        body
    };
    if let Ok(n) = i64::from_str_radix(digits, radix) {
        return Ok((Tok::Int(if neg { -n } else { n }), i));
    }
    if radix == 10 || radix == 8 {
        if let Ok(f) = text.parse::<f64>() {
            return Ok((Tok::Float(f), i));
        }
    }
    Err(format!("bad number syntax: {:?}", &s[..i]))
}

/// Go's strconv.Unquote for a double-quoted literal.
fn unquote(lit: &str) -> Result<String, String> {
    let inner = &lit[1..lit.len() - 1];
    let mut out = String::new();
    let mut it = inner.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = || format!("invalid syntax: {lit}");
        match it.next().ok_or_else(bad)? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            e @ ('x' | 'u' | 'U') => {
                let need = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut hexs = String::new();
                for _ in 0..need {
                    hexs.push(it.next().ok_or_else(bad)?);
                }
                let v = u32::from_str_radix(&hexs, 16).map_err(|_| bad())?;
                out.push(char::from_u32(v).ok_or_else(bad)?);
            }
            d @ '0'..='7' => {
                let mut v = d.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    let n = it.next().and_then(|c| c.to_digit(8)).ok_or_else(bad)?;
                    v = v * 8 + n;
                }
                out.push(char::from_u32(v).ok_or_else(bad)?);
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// A parsed template: its main list and its `{{define}}`d templates.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The top-level nodes.
    pub root: Vec<Node>,
    /// Named templates.
    pub defines: Vec<(String, Vec<Node>)>,
}

struct Parser<'a> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    name: &'a str,
    defines: Vec<(String, Vec<Node>)>,
    is_func: &'a dyn Fn(&str) -> bool,
    range_depth: usize,
}

/// How a list ended.
#[allow(clippy::enum_variant_names)]
enum End {
    Eof,
    End,
    Else,
    ElseIf,
    ElseWith,
}

/// Parses a template's source.
pub fn parse(
    src: &str,
    name: &str,
    is_func: &dyn Fn(&str) -> bool,
) -> Result<Parsed, TemplateError> {
    let toks = lex(src, name)?;
    let mut p = Parser {
        toks,
        pos: 0,
        name,
        defines: Vec::new(),
        is_func,
        range_depth: 0,
    };
    let (root, end) = p.list()?;
    match end {
        End::Eof => Ok(Parsed {
            root,
            defines: p.defines,
        }),
        End::End => Err(p.err("unexpected {{end}}")),
        _ => Err(p.err("unexpected {{else}}")),
    }
}

impl Parser<'_> {
    fn err(&self, msg: &str) -> TemplateError {
        let line = self.toks.get(self.pos.saturating_sub(1)).map_or(1, |t| t.1);
        TemplateError(format!("template: {}:{line}: {msg}", self.name))
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|t| t.0.clone());
        self.pos += 1;
        t
    }

    fn skip_space(&mut self) {
        while self.peek() == Some(&Tok::Space) {
            self.pos += 1;
        }
    }

    fn expect_close(&mut self, what: &str) -> Result<(), TemplateError> {
        self.skip_space();
        match self.next() {
            Some(Tok::Close) => Ok(()),
            _ => Err(self.err(&format!("unexpected token in {what}"))),
        }
    }

    fn list(&mut self) -> Result<(Vec<Node>, End), TemplateError> {
        let mut nodes = Vec::new();
        while let Some(tok) = self.next() {
            match tok {
                Tok::Text(t) => nodes.push(Node::Text(t)),
                Tok::Open => {
                    self.skip_space();
                    if let Some(Tok::Ident(word)) = self.peek().cloned() {
                        match word.as_str() {
                            "end" => {
                                self.pos += 1;
                                self.expect_close("end")?;
                                return Ok((nodes, End::End));
                            }
                            "else" => {
                                self.pos += 1;
                                self.skip_space();
                                match self.peek() {
                                    Some(Tok::Ident(w)) if w == "if" => {
                                        self.pos += 1;
                                        return Ok((nodes, End::ElseIf));
                                    }
                                    Some(Tok::Ident(w)) if w == "with" => {
                                        self.pos += 1;
                                        return Ok((nodes, End::ElseWith));
                                    }
                                    _ => {
                                        self.expect_close("else")?;
                                        return Ok((nodes, End::Else));
                                    }
                                }
                            }
                            "if" => {
                                self.pos += 1;
                                nodes.push(self.branch(BranchKind::If)?);
                                continue;
                            }
                            "with" => {
                                self.pos += 1;
                                nodes.push(self.branch(BranchKind::With)?);
                                continue;
                            }
                            "range" => {
                                self.pos += 1;
                                self.range_depth += 1;
                                let node = self.branch(BranchKind::Range);
                                self.range_depth -= 1;
                                nodes.push(node?);
                                continue;
                            }
                            "break" | "continue" => {
                                self.pos += 1;
                                if self.range_depth == 0 {
                                    return Err(
                                        self.err(&format!("{{{{{word}}}}} outside {{{{range}}}}"))
                                    );
                                }
                                self.expect_close(&word)?;
                                nodes.push(if word == "break" {
                                    Node::Break
                                } else {
                                    Node::Continue
                                });
                                continue;
                            }
                            "define" | "block" | "template" => {
                                self.pos += 1;
                                self.skip_space();
                                let Some(Tok::Str(name)) = self.next() else {
                                    return Err(self.err(&format!(
                                        "unexpected token in {word} clause: want a name"
                                    )));
                                };
                                self.skip_space();
                                let pipe = if self.peek() == Some(&Tok::Close) {
                                    None
                                } else if word == "define" {
                                    return Err(self.err("unexpected token in define clause"));
                                } else {
                                    Some(self.pipeline(false)?)
                                };
                                self.expect_close(&word)?;
                                if word != "template" {
                                    let (body, end) = self.list()?;
                                    if !matches!(end, End::End) {
                                        return Err(self.err("unexpected EOF"));
                                    }
                                    self.defines.push((name.clone(), body));
                                }
                                if word != "define" {
                                    nodes.push(Node::Template(name, pipe));
                                }
                                continue;
                            }
                            _ => {}
                        }
                    }
                    let pipe = self.pipeline(false)?;
                    self.expect_close("command")?;
                    nodes.push(Node::Action(pipe));
                }
                _ => return Err(self.err("unexpected token")),
            }
        }
        Ok((nodes, End::Eof))
    }

    /// `if`/`with`/`range` after the keyword.
    fn branch(&mut self, kind: BranchKind) -> Result<Node, TemplateError> {
        let pipe = self.pipeline(kind == BranchKind::Range)?;
        self.expect_close("branch")?;
        let (list, end) = self.list()?;
        let other = match end {
            End::End => Vec::new(),
            End::Else => {
                let (other, end) = self.list()?;
                if !matches!(end, End::End) {
                    return Err(self.err("expected end; found else"));
                }
                other
            }
            End::ElseIf if kind == BranchKind::If => vec![self.branch(BranchKind::If)?],
            End::ElseWith if kind == BranchKind::With => vec![self.branch(BranchKind::With)?],
            End::ElseIf | End::ElseWith => {
                return Err(self.err("unexpected chained else in this block"))
            }
            End::Eof => return Err(self.err("unexpected EOF")),
        };
        Ok(Node::Branch {
            kind,
            pipe,
            list,
            other,
        })
    }

    /// A pipeline up to `}}` or `)` (not consumed).
    fn pipeline(&mut self, range: bool) -> Result<Pipeline, TemplateError> {
        self.skip_space();
        let mut decl = Vec::new();
        let mut assign = false;
        // `$x :=`, `$x =`, `$i, $e :=`.
        let save = self.pos;
        if let Some(Tok::Var(v)) = self.peek().cloned() {
            self.pos += 1;
            self.skip_space();
            match self.peek() {
                Some(Tok::Declare) => {
                    self.pos += 1;
                    decl.push(v);
                }
                Some(Tok::Assign) => {
                    self.pos += 1;
                    decl.push(v);
                    assign = true;
                }
                Some(Tok::Comma) if range => {
                    self.pos += 1;
                    self.skip_space();
                    let Some(Tok::Var(v2)) = self.next() else {
                        return Err(self.err("range can only initialize variables"));
                    };
                    self.skip_space();
                    match self.next() {
                        Some(Tok::Declare) => {}
                        Some(Tok::Assign) => assign = true,
                        _ => return Err(self.err("expected := or = in range")),
                    }
                    decl.push(v);
                    decl.push(v2);
                }
                _ => self.pos = save,
            }
        }
        let mut cmds = Vec::new();
        loop {
            self.skip_space();
            let mut args = Vec::new();
            loop {
                match self.peek() {
                    None => return Err(self.err("unclosed action")),
                    Some(Tok::Close | Tok::RParen | Tok::Pipe) => break,
                    Some(Tok::Space) => {
                        self.pos += 1;
                    }
                    _ => args.push(self.operand()?),
                }
            }
            if args.is_empty() {
                return Err(self.err(if cmds.is_empty() {
                    "missing value for command"
                } else {
                    "missing command"
                }));
            }
            cmds.push(Command { args });
            if self.peek() == Some(&Tok::Pipe) {
                self.pos += 1;
                continue;
            }
            break;
        }
        for (i, c) in cmds.iter().enumerate().skip(1) {
            if !matches!(
                c.args[0],
                Operand::Func(_) | Operand::Dot(_) | Operand::Var(..) | Operand::Pipe(..)
            ) {
                return Err(self.err(&format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(Pipeline { decl, assign, cmds })
    }

    fn operand(&mut self) -> Result<Operand, TemplateError> {
        let tok = self.next().ok_or_else(|| self.err("unexpected EOF"))?;
        let chain = |p: &mut Self| -> Vec<String> {
            if let Some(Tok::Chain(f)) = p.peek().cloned() {
                p.pos += 1;
                f
            } else {
                Vec::new()
            }
        };
        Ok(match tok {
            Tok::Dot => Operand::Dot(Vec::new()),
            Tok::Field(f) => Operand::Dot(f),
            Tok::Var(v) => {
                let f = chain(self);
                Operand::Var(v, f)
            }
            Tok::Str(s) => Operand::Str(s),
            Tok::Int(n) | Tok::Char(n) => Operand::Int(n),
            Tok::Float(f) => Operand::Float(f),
            Tok::Ident(w) => match w.as_str() {
                "true" => Operand::Bool(true),
                "false" => Operand::Bool(false),
                "nil" => Operand::Nil,
                f if (self.is_func)(f) => Operand::Func(w),
                _ => return Err(self.err(&format!("function {w:?} not defined"))),
            },
            Tok::LParen => {
                let pipe = self.pipeline(false)?;
                match self.next() {
                    Some(Tok::RParen) => {}
                    _ => return Err(self.err("unclosed left paren")),
                }
                let f = chain(self);
                Operand::Pipe(Box::new(pipe), f)
            }
            Tok::Declare | Tok::Assign => return Err(self.err("unexpected \":=\" in operand")),
            other => return Err(self.err(&format!("unexpected {other:?} in operand"))),
        })
    }
}
