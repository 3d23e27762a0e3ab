//! Go text/template's grammar: text and `{{actions}}` with trim markers and
//! comments; pipelines of commands joined by `|`; operands (fields `.A.B`,
//! variables `$x.A`, literals, function names, parenthesised pipelines);
//! `if`/`else if`, `range` (with `$i, $e :=`), `with`/`else with`, `break`,
//! `continue`, `define`/`template`/`block`.

use super::TemplateError;

mod lex;

use lex::{lex, Tok};

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
