//! Go text/template's lexer: text, `{{actions}}` with trim markers and
//! comments, and the tokens inside actions (numbers, quoted strings).

use crate::output::template::TemplateError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
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
pub(super) fn lex(src: &str, name: &str) -> Result<Vec<(Tok, usize)>, TemplateError> {
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
