//! Compose's `.env` syntax (`--env-file`, the project's `.env`, a service's
//! `env_file`), as compose-go's `dotenv` parser reads it: `KEY=value`,
//! `KEY: value`, `export KEY=value`, `#` comments (a ` #` ends an unquoted
//! value), single quotes (literal), double quotes (escapes and variables,
//! may span lines), unquoted values with variables, and a bare `KEY` that
//! takes the variable from the environment when it is set.

use super::interpolate::{substitute, Lookup, TemplateError};

/// A `.env` syntax error, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses `.env` text into (key, value) pairs in file order; a later pair
/// with the same key replaces an earlier one. Variables in values are looked
/// up in `env` first, then among the keys already read from this text.
/// Unset variables are added to `unset`.
pub fn parse(
    src: &str,
    env: &dyn Lookup,
    unset: &mut Vec<String>,
) -> Result<Vec<(String, String)>, ParseError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser {
        line: 1,
        out: Vec::new(),
    };
    let mut rest = src;
    loop {
        rest = p.statement_start(rest);
        if rest.is_empty() {
            break;
        }
        let (key, after, inherited) = p.key(rest)?;
        if key.contains(' ') {
            return Err(p.err("key cannot contain a space"));
        }
        if inherited {
            if let Some(v) = env.lookup(&key) {
                p.set(key, v);
            }
            rest = after;
            continue;
        }
        let (value, after) = p.value(after, env, unset)?;
        p.set(key, value);
        rest = after;
    }
    // Keys starting with a digit are ignored, as compose does.
    p.out
        .retain(|(k, _)| !k.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    Ok(p.out)
}

struct Parser {
    line: usize,
    out: Vec<(String, String)>,
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

impl Parser {
    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            line: self.line,
            message: message.into(),
        }
    }

    fn set(&mut self, key: String, value: String) {
        match self.out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.out.push((key, value)),
        }
    }

    fn get(&self, key: &str) -> Option<String> {
        self.out
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Skips blank space and comment lines, counting lines.
    fn statement_start<'a>(&mut self, mut src: &'a str) -> &'a str {
        loop {
            let Some(pos) = src.find(|c: char| {
                if c == '\n' {
                    self.line += 1;
                }
                !c.is_whitespace()
            }) else {
                return "";
            };
            src = &src[pos..];
            if !src.starts_with('#') {
                return src;
            }
            match src.find('\n') {
                Some(nl) => src = &src[nl..],
                None => return "",
            }
        }
    }

    /// The key; the text after `=`/`:`; whether the line is a bare key.
    fn key<'a>(&mut self, src: &'a str) -> Result<(String, &'a str, bool), ParseError> {
        let mut src = src;
        if let Some(rest) = src.strip_prefix("export") {
            if rest.starts_with(char::is_whitespace) {
                src = rest.trim_start_matches(is_space);
            }
        }
        let mut found = None;
        for (i, c) in src.char_indices() {
            if is_space(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    found = Some((i, c));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                c if c.is_alphanumeric() => {}
                c => {
                    let first_line = src.lines().next().unwrap_or("");
                    return Err(self.err(format!(
                        "unexpected character {:?} in variable name {:?}",
                        c.to_string(),
                        first_line
                    )));
                }
            }
        }
        let (key, offset, inherited) = match found {
            Some((i, c)) => (&src[..i], i + c.len_utf8(), c == '\n'),
            // A bare key on the last line.
            None => (src, src.len(), true),
        };
        if inherited && !key.contains(' ') {
            self.line += 1;
        }
        let key = key.trim_end().to_string();
        let rest = src[offset..].trim_start_matches(is_space);
        Ok((key, rest, inherited))
    }

    fn value<'a>(
        &mut self,
        src: &'a str,
        env: &dyn Lookup,
        unset: &mut Vec<String>,
    ) -> Result<(String, &'a str), ParseError> {
        let quote = match src.chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                let (line, rest) = src.split_once('\n').unwrap_or((src, ""));
                self.line += 1;
                let value = line.split_once(" #").map_or(line, |(v, _)| v);
                let value = value.trim_end();
                let expanded = self.expand(value, env, unset)?;
                return Ok((expanded, rest));
            }
        };
        let mut chars: Vec<char> = Vec::new();
        let mut escape = false;
        for (i, c) in src.char_indices().skip(1) {
            if c == '\n' {
                self.line += 1;
            }
            if c != quote {
                if !escape && c == '\\' {
                    escape = true;
                    continue;
                }
                if escape {
                    escape = false;
                    chars.push('\\');
                }
                chars.push(c);
                continue;
            }
            if escape {
                escape = false;
                chars.push(c);
                continue;
            }
            let raw: String = chars.into_iter().collect();
            let value = if quote == '"' {
                self.expand(&expand_escapes(&raw), env, unset)?
            } else {
                raw
            };
            return Ok((value, &src[i + 1..]));
        }
        let end = src.find('\n').unwrap_or(src.len());
        Err(self.err(format!("unterminated quoted value {}", &src[..end])))
    }

    fn expand(
        &self,
        value: &str,
        env: &dyn Lookup,
        unset: &mut Vec<String>,
    ) -> Result<String, ParseError> {
        let lookup = |k: &str| env.lookup(k).or_else(|| self.get(k));
        substitute(value, &lookup, unset).map_err(|e| match e {
            TemplateError::Invalid(_) => self.err(e.to_string()),
            e => self.err(e.to_string()),
        })
    }
}

/// Double-quoted escapes: `\n`, `\t`, `\"`, `\\`, `\$` (kept as `$$` so the
/// variable expansion that follows leaves a `$`), octal `\0NNN`.
fn expand_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.peek().copied() {
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('c') => {
                // Go's UnquoteChar refuses `\c`: the match is kept as is.
                out.push_str("\\c");
            }
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('v') => out.push('\u{b}'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('$') => out.push_str("$$"),
            Some('0') => {
                it.next();
                let mut digits = String::new();
                while digits.len() < 3 {
                    match it.peek() {
                        Some(d) if d.is_ascii_digit() => {
                            digits.push(*d);
                            it.next();
                        }
                        _ => break,
                    }
                }
                match u32::from_str_radix(if digits.is_empty() { "0" } else { &digits }, 8)
                    .ok()
                    .filter(|_| digits.len() == 3 || digits.is_empty())
                    .and_then(char::from_u32)
                {
                    Some(ch) if !digits.is_empty() => out.push(ch),
                    _ => {
                        out.push_str("\\0");
                        out.push_str(&digits);
                    }
                }
                continue;
            }
            _ => {
                out.push('\\');
                continue;
            }
        }
        it.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_with(src: &str, env: &[(&str, &str)]) -> Result<Vec<(String, String)>, ParseError> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let mut unset = Vec::new();
        parse(src, &lookup, &mut unset)
    }

    fn one(src: &str) -> String {
        let pairs = parse_with(src, &[("HOSTVAR", "fromhost")]).unwrap();
        assert_eq!(pairs.len(), 1, "{src:?}: {pairs:?}");
        pairs[0].1.clone()
    }

    #[test]
    fn values() {
        let cases: &[(&str, &str)] = &[
            ("A=b", "b"),
            ("A = b ", "b"),
            ("A: b", "b"),
            ("export A=b", "b"),
            ("A=b # comment", "b"),
            ("A=b#not-a-comment", "b#not-a-comment"),
            ("A='single $HOSTVAR \\n'", "single $HOSTVAR \\n"),
            ("A=\"double $HOSTVAR\"", "double fromhost"),
            ("A=\"tab\\tnew\\nline\"", "tab\tnew\nline"),
            ("A=\"quote \\\" inside\"", "quote \" inside"),
            ("A=\"dollar \\$HOSTVAR\"", "dollar $HOSTVAR"),
            ("A=\"multi\nline\"", "multi\nline"),
            ("A='multi\nline'", "multi\nline"),
            ("A=unquoted $HOSTVAR", "unquoted fromhost"),
            ("A=${MISSING:-def}", "def"),
            ("A=", ""),
            ("A=\"\"", ""),
            ("A=\"# not a comment\"", "# not a comment"),
            ("A=\"x\" # comment", "x"),
            ("A=$$escaped", "$escaped"),
        ];
        for (src, want) in cases {
            assert_eq!(one(src), *want, "{src:?}");
        }
    }

    #[test]
    fn files() {
        let src = "# a comment\n\nFIRST=one\nexport SECOND=\"two\"\nTHIRD=${FIRST}-3\n  INDENTED=yes\nHOSTVAR\nUNSETVAR\nFIRST=again\n1NUM=ignored\n";
        let pairs = parse_with(src, &[("HOSTVAR", "fromhost")]).unwrap();
        let got: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("FIRST", "again"),
                ("SECOND", "two"),
                ("THIRD", "one-3"),
                ("INDENTED", "yes"),
                ("HOSTVAR", "fromhost"),
            ]
        );
    }

    #[test]
    fn the_environment_wins_over_earlier_keys_in_expansion() {
        let pairs = parse_with("HOSTVAR=file\nB=$HOSTVAR\n", &[("HOSTVAR", "host")]).unwrap();
        assert_eq!(pairs[1], ("B".into(), "host".into()));
    }

    #[test]
    fn errors_have_lines() {
        let e = parse_with("A=1\nB=\"open\nC=2\n", &[]).unwrap_err();
        assert!(e.message.starts_with("unterminated quoted value"), "{e}");
        let e = parse_with("A=1\n\nB@=2\n", &[]).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("unexpected character \"@\""), "{e}");
        let e = parse_with("A=${B:?need B}\n", &[]).unwrap_err();
        assert!(e.message.contains("required variable B"), "{e}");
    }
}
