//! Variable expansion and word splitting as BuildKit does them for
//! Dockerfile instructions (its `frontend/dockerfile/shell` lexer): `$VAR`,
//! `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`,
//! `${VAR+alt}`, `${VAR:?msg}`, `${VAR?msg}`, `${VAR#pat}`, `${VAR##pat}`,
//! `${VAR%pat}`, `${VAR%%pat}`, `${VAR/pat/repl}`, `${VAR//pat/repl}`;
//! single quotes (literal), double quotes (where the escape character
//! escapes only `"`, `$` and itself), the escape character (`\` or the
//! `# escape=` one) elsewhere; and, for instructions that take words, the
//! split on unquoted white space that happens after expansion.
//!
//! Pure: the variables come from a [`Vars`]; nothing is executed.

use std::collections::{BTreeMap, BTreeSet};

/// Where the lexer looks variables up.
pub trait Vars {
    /// The value of `name`, or `None` when it is not set.
    fn var(&self, name: &str) -> Option<&str>;
}

impl Vars for BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl Vars for [(String, String)] {
    fn var(&self, name: &str) -> Option<&str> {
        // The last assignment wins, as in an environment built by appending.
        self.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Vars for Vec<(String, String)> {
    fn var(&self, name: &str) -> Option<&str> {
        self.as_slice().var(name)
    }
}

/// No variables at all.
pub struct NoVars;

impl Vars for NoVars {
    fn var(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// Why a word cannot be expanded (BuildKit's messages).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("failed to process {word:?}: {message}")]
pub struct ShellError {
    /// The word as written.
    pub word: String,
    /// What is wrong with it.
    pub message: String,
}

/// The lexer's settings (BuildKit's `Lex`).
#[derive(Debug, Clone, Copy)]
pub struct Lexer {
    /// The escape character: `\`, or `` ` `` after `# escape=``.
    pub escape: char,
    /// Keep quote characters in the result (used to find heredoc words).
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Leave references to unset variables as written.
    pub skip_unset: bool,
}

/// The result of expanding one word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    /// The word with variables substituted and quotes removed.
    pub word: String,
    /// The same split into words on unquoted white space.
    pub words: Vec<String>,
    /// Variables that were referenced and set.
    pub matched: BTreeSet<String>,
    /// Variables that were referenced and not set.
    pub unmatched: BTreeSet<String>,
}

impl Lexer {
    /// A lexer with escape character `escape` and BuildKit's defaults.
    pub fn new(escape: char) -> Lexer {
        Lexer {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_unset: false,
        }
    }

    /// Expands `word` with `vars` (BuildKit's `ProcessWordWithMatches`).
    pub fn expand(&self, word: &str, vars: &dyn Vars) -> Result<Expanded, ShellError> {
        let mut s = Scan {
            lx: *self,
            chars: word.chars().collect(),
            pos: 0,
            vars,
            raw_escapes: self.raw_escapes,
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
        };
        match s.process_stop_on(None, self.raw_escapes) {
            Ok((result, words)) => Ok(Expanded {
                word: result,
                words,
                matched: s.matched,
                unmatched: s.unmatched,
            }),
            Err(message) => Err(ShellError {
                word: word.to_string(),
                message,
            }),
        }
    }

    /// Expands `word` into one string (BuildKit's `ProcessWord`).
    pub fn word(&self, word: &str, vars: &dyn Vars) -> Result<String, ShellError> {
        self.expand(word, vars).map(|e| e.word)
    }

    /// Expands `word` and splits it into words (BuildKit's `ProcessWords`).
    pub fn words(&self, word: &str, vars: &dyn Vars) -> Result<Vec<String>, ShellError> {
        self.expand(word, vars).map(|e| e.words)
    }
}

/// Words being collected: unquoted white space ends a word, quoted text
/// and expanded variables' non-space characters extend it.
#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if ch.is_whitespace() && self.in_word {
            if !self.buf.is_empty() {
                self.words.push(std::mem::take(&mut self.buf));
                self.in_word = false;
            }
        } else if !ch.is_whitespace() {
            self.add_raw_char(ch);
        }
    }

    fn add_raw_char(&mut self, ch: char) {
        self.buf.push(ch);
        self.in_word = true;
    }

    fn add_string(&mut self, s: &str) {
        for ch in s.chars() {
            self.add_char(ch);
        }
    }

    fn add_raw_string(&mut self, s: &str) {
        self.buf.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.buf.is_empty() {
            self.words.push(std::mem::take(&mut self.buf));
        }
        self.words
    }
}

struct Scan<'a> {
    lx: Lexer,
    chars: Vec<char>,
    pos: usize,
    vars: &'a dyn Vars,
    raw_escapes: bool,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
}

type Step<T> = Result<T, String>;

impl Scan<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn get_var(&mut self, name: &str) -> Option<String> {
        match self.vars.var(name) {
            Some(v) => {
                self.matched.insert(name.to_string());
                Some(v.to_string())
            }
            None => {
                self.unmatched.insert(name.to_string());
                None
            }
        }
    }

    /// Reads up to `stop` (consumed) or the end; returns the text and its words.
    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Step<(String, Vec<String>)> {
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let r = self.stop_on(stop);
        self.raw_escapes = saved;
        r
    }

    fn stop_on(&mut self, stop: Option<char>) -> Step<(String, Vec<String>)> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            match ch {
                '$' => {
                    let tmp = self.dollar()?;
                    result.push_str(&tmp);
                    words.add_string(&tmp);
                }
                '<' => {
                    let tmp = self.possible_heredoc();
                    result.push_str(&tmp);
                    words.add_raw_string(&tmp);
                }
                '\'' => {
                    let tmp = self.single_quote()?;
                    result.push_str(&tmp);
                    words.add_raw_string(&tmp);
                }
                '"' => {
                    let tmp = self.double_quote()?;
                    result.push_str(&tmp);
                    words.add_raw_string(&tmp);
                }
                _ => {
                    let mut ch = self.next().expect("peeked");
                    if ch == self.lx.escape {
                        if self.raw_escapes {
                            words.add_raw_char(ch);
                            result.push(ch);
                        }
                        // The escape character escapes the next one; at the end it is dropped.
                        match self.next() {
                            None => break,
                            Some(c) => ch = c,
                        }
                        words.add_raw_char(ch);
                    } else {
                        words.add_char(ch);
                    }
                    result.push(ch);
                }
            }
        }
        if let Some(stop) = stop {
            return Err(format!(
                "unexpected end of statement while looking for matching {stop}"
            ));
        }
        Ok((result, words.finish()))
    }

    fn single_quote(&mut self) -> Step<String> {
        let mut result = String::new();
        let open = self.next().expect("peeked");
        if self.lx.raw_quotes {
            result.push(open);
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    )
                }
                Some('\'') => {
                    if self.lx.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Step<String> {
        let mut result = String::new();
        let open = self.next().expect("peeked");
        if self.lx.raw_quotes {
            result.push(open);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    )
                }
                Some('"') => {
                    self.next();
                    if self.lx.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let v = self.dollar()?;
                    result.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().expect("peeked");
                    if ch == self.lx.escape {
                        if self.raw_escapes {
                            result.push(ch);
                        }
                        match self.peek() {
                            // A trailing escape character is dropped.
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.lx.escape => {
                                ch = self.next().expect("peeked");
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
    }

    fn dollar(&mut self) -> Step<String> {
        self.next(); // '$'
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.get_var(&name) {
                Some(v) => v,
                None if self.lx.skip_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.next(); // '{'
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            _ => {}
        }
        let name = self.name();
        let mut ch = self.next();
        let mut chs: String = ch.map(String::from).unwrap_or_default();
        let mut null_is_unset = false;
        match ch {
            Some('}') => {
                return Ok(match self.get_var(&name) {
                    Some(v) => v,
                    None if self.lx.skip_unset => format!("${{{name}}}"),
                    None => String::new(),
                })
            }
            Some(':') => {
                null_is_unset = true;
                ch = self.next();
                if let Some(c) = ch {
                    chs.push(c);
                }
            }
            Some('/') => return self.substitute(&name),
            Some('+' | '-' | '?' | '#' | '%') => {}
            _ => return Err(format!("unsupported modifier ({chs}) in substitution")),
        }
        // ${NAME<op>WORD} and ${NAME:<op>WORD}.
        let raw = matches!(ch, Some('#' | '%'));
        if null_is_unset && raw {
            return Err(format!("unsupported modifier ({chs}) in substitution"));
        }
        let word = match self.process_stop_on(Some('}'), raw) {
            Ok((w, _)) => w,
            Err(e) => {
                if self.peek().is_none() {
                    return Err("syntax error: missing '}'".into());
                }
                return Err(e);
            }
        };
        let value = self.get_var(&name);
        if self.lx.skip_unset && value.is_none() {
            return Ok(format!("${{{name}{chs}{word}}}"));
        }
        let unset_or_null = match &value {
            None => true,
            Some(v) => null_is_unset && v.is_empty(),
        };
        match ch {
            Some('-') => Ok(if unset_or_null {
                word
            } else {
                value.unwrap_or_default()
            }),
            Some('+') => Ok(if unset_or_null { String::new() } else { word }),
            Some('?') => {
                let message = |default: &str| {
                    if word.is_empty() {
                        default.to_string()
                    } else {
                        word.clone()
                    }
                };
                match value {
                    None => Err(format!("{name}: {}", message("is not allowed to be unset"))),
                    Some(v) if null_is_unset && v.is_empty() => {
                        Err(format!("{name}: {}", message("is not allowed to be empty")))
                    }
                    Some(v) => Ok(v),
                }
            }
            Some(op @ ('#' | '%')) => {
                let value = value.unwrap_or_default();
                let (greedy, pattern) = match word.strip_prefix(op) {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, word),
                };
                if op == '%' {
                    trim_suffix(&pattern, &value, greedy)
                } else {
                    trim_prefix(&pattern, &value, greedy)
                }
            }
            _ => Err(format!("unsupported modifier ({chs}) in substitution")),
        }
    }

    /// `${NAME/PATTERN/REPLACEMENT}` and `${NAME//PATTERN/REPLACEMENT}`.
    fn substitute(&mut self, name: &str) -> Step<String> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pattern = match self.process_stop_on(Some('/'), true) {
            Ok((p, _)) => p,
            Err(e) if self.peek().is_none() => {
                let _ = e;
                return Err("syntax error: missing '/' in ${}".into());
            }
            Err(e) => return Err(e),
        };
        let replacement = match self.process_stop_on(Some('}'), true) {
            Ok((r, _)) => r,
            Err(_) if self.peek().is_none() => return Err("syntax error: missing '}'".into()),
            Err(e) => return Err(e),
        };
        let value = self.get_var(name);
        let Some(value) = value else {
            if self.lx.skip_unset {
                return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
            }
            return Ok(String::new());
        };
        let re = pattern_regex(&pattern, true, false)
            .map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
        Ok(if all {
            re.replace_all(&value, replacement.as_str()).into_owned()
        } else {
            re.replace(&value, replacement.as_str()).into_owned()
        })
    }

    /// A variable name: letters, digits and `_`; or all the digits of a
    /// positional parameter; or one special parameter character.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_numeric() {
                while let Some(d) = self.peek().filter(|c| c.is_numeric()) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphabetic() && !ch.is_numeric() && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    /// `<<` (with the blanks after it, so that `<< EOF` stays one word) or `<`.
    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".into();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c) = self.peek().filter(|c| matches!(c, '\t' | '\r' | ' ')) {
            out.push(c);
            self.next();
        }
        out
    }
}

/// A shell wildcard pattern (`*`, `?`, `\` escapes; no brackets) as a regex.
fn pattern_regex(pattern: &str, greedy: bool, anchored: bool) -> Result<regex::Regex, String> {
    let mut out = String::with_capacity(pattern.len() + 4);
    if anchored {
        out.push('^');
    }
    let star = if greedy { ".*" } else { ".*?" };
    let mut it = pattern.chars().peekable();
    while let Some(tok) = it.next() {
        match tok {
            '*' => {
                out.push_str(star);
                continue;
            }
            '?' => {
                out.push('.');
                continue;
            }
            '\\' => {
                // `}` and `/` are escaped inside ${}, but the escape is not part of the pattern.
                if matches!(it.peek(), Some('}' | '/')) {
                    continue;
                }
                out.push('\\');
                match it.next() {
                    Some(c @ ('*' | '?' | '\\')) => out.push(c),
                    Some(c) => return Err(format!("invalid escape '\\{c}'")),
                    None => return Err("invalid escape '\\'".into()),
                }
                continue;
            }
            '[' | ']' | '{' | '}' | '.' | '+' | '(' | ')' | '|' | '^' | '$' => out.push('\\'),
            _ => {}
        }
        out.push(tok);
    }
    regex::Regex::new(&out).map_err(|e| e.to_string())
}

fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Step<String> {
    let re = pattern_regex(pattern, greedy, true)
        .map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
    Ok(match re.find(value) {
        Some(m) => value[m.end()..].to_string(),
        None => value.to_string(),
    })
}

/// Reverses a pattern, keeping each escape before the character it escapes.
fn reverse_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = vec!['\0'; chars.len()];
    let last = chars.len().saturating_sub(1);
    let mut i = 0;
    while i < chars.len() {
        let at = last - i;
        if chars[i] == '\\' && i != last {
            out[at - 1] = '\\';
            out[at] = chars[i + 1];
            i += 2;
        } else {
            out[at] = chars[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}

fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Step<String> {
    // The shortest match from the right is the shortest from the left of the reversed string.
    let reversed: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&reverse_pattern(pattern), &reversed, greedy)?;
    Ok(trimmed.chars().rev().collect())
}

/// BuildKit's word splitting of ENV/LABEL/ARG arguments before expansion
/// (`parseWords`): white space separates words; quotes group and are kept,
/// as is the escape character with what it escapes (they go at expansion).
pub fn split_raw_words(rest: &str, escape: char) -> Vec<String> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut buf = String::new();
    let mut pos = 0;
    loop {
        let at_end = pos >= chars.len();
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if chars[pos].is_whitespace() {
                pos += 1;
                continue;
            }
            phase = Phase::Word;
        }
        if at_end {
            if blank_ok || !buf.is_empty() {
                words.push(std::mem::take(&mut buf));
            }
            break;
        }
        let mut ch = chars[pos];
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !buf.is_empty() {
                    words.push(std::mem::take(&mut buf));
                }
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                if pos + 1 == chars.len() {
                    pos += 1;
                    continue; // an escape character at the end is dropped
                }
                buf.push(ch);
                pos += 1;
                ch = chars[pos];
            }
            buf.push(ch);
            pos += 1;
            continue;
        }
        // In quotes.
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            if pos + 1 == chars.len() {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            buf.push(ch);
            ch = chars[pos];
        }
        buf.push(ch);
        pos += 1;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Cases derived from BuildKit's `envVarTest` (variables PWD=/home,
    /// SHELL=bash, KOREAN=한국어, NULL= set; `None`: an error).
    #[test]
    fn expands_words_as_buildkit() {
        let vars = env(&[
            ("PWD", "/home"),
            ("SHELL", "bash"),
            ("KOREAN", "한국어"),
            ("NULL", ""),
        ]);
        let cases: &[(&str, Option<&str>)] = &[
            ("hello", Some("hello")),
            ("he'll'o", Some("hello")),
            ("he'llo", None),
            (r"he\'llo", Some("he'llo")),
            (r"he\\'llo", None),
            (r"abc\tdef", Some("abctdef")),
            (r#""abc\tdef""#, Some(r"abc\tdef")),
            (r#""abc\\tdef""#, Some(r"abc\tdef")),
            (r"'abc\tdef'", Some(r"abc\tdef")),
            (r"hello\", Some("hello")),
            (r"hello\\", Some(r"hello\")),
            (r#""hello"#, None),
            (r#""hello\""#, None),
            (r#""hel'lo""#, Some("hel'lo")),
            (r"'hello\'", Some(r"hello\")),
            (r#""''""#, Some("''")),
            ("$.", Some("$.")),
            ("he$1x", Some("hex")),
            ("he$.x", Some("he$.x")),
            ("he$pwd.", Some("he.")),
            ("he$PWD", Some("he/home")),
            (r"he\$PWD", Some("he$PWD")),
            (r"he\\$PWD", Some(r"he\/home")),
            (r#""he\$PWD""#, Some("he$PWD")),
            (r#""he\\$PWD""#, Some(r"he\/home")),
            (r"\${}", Some("${}")),
            (r"he\${}xx", Some("he${}xx")),
            ("${}", None),
            ("he${}xx", None),
            ("he${hi}xx", Some("hexx")),
            ("he${PWD}", Some("he/home")),
            ("he${.}", None),
            ("he${XXX:-000}xx", Some("he000xx")),
            ("he${PWD:-000}xx", Some("he/homexx")),
            ("he${XXX:-$PWD}xx", Some("he/homexx")),
            ("he${XXX:-${PWD:-yyy}}xx", Some("he/homexx")),
            ("he${XXX:-${YYY:-yyy}}xx", Some("heyyyxx")),
            ("he${XXX:YYY}", None),
            ("he${XXX?}", None),
            ("he${XXX:?}", None),
            ("he${PWD?}", Some("he/home")),
            ("he${NULL?}", Some("he")),
            ("he${NULL:?}", None),
            ("he${XXX:+${PWD}}xx", Some("hexx")),
            ("he${PWD:+${XXX}}xx", Some("hexx")),
            ("he${PWD:+${SHELL}}xx", Some("hebashxx")),
            ("he${XXX:+000}xx", Some("hexx")),
            ("he${PWD:+000}xx", Some("he000xx")),
            ("'he${XX}'", Some("he${XX}")),
            (r#""he'$PWD'""#, Some("he'/home'")),
            (r"'\$PWD'", Some(r"\$PWD")),
            ("he${PWD", None),
            ("he${PWD:=000}xx", None),
            ("he${PWD:+${PWD}:}xx", Some("he/home:xx")),
            (r"he${XXX:-\$PWD:}xx", Some("he$PWD:xx")),
            (r"he${XXX:-\${PWD}z}xx", Some("he${PWDz}xx")),
            ("안'녕'하세요", Some("안녕하세요")),
            ("안녕$KOREAN", Some("안녕한국어")),
            ("${{aaa}", None),
            ("${aaa}}", Some("}")),
            ("${aaa:-bbb}}", Some("bbb}")),
            ("${aaa:-bbb ${foo}", None),
            ("${aaa:-bbb {foo}", Some("bbb {foo")),
            ("${:}", None),
            ("${:-bbb}", None),
            ("$999aaa", Some("aaa")),
            ("${999:-bbb}aaa", Some("bbbaaa")),
            ("$001aaa", Some("aaa")),
            ("$@@@", Some("@@")),
            ("${@:-bbb}aaa", Some("bbbaaa")),
            ("${#:+bbb}", Some("")),
            ("${$:-bbb}", Some("bbb")),
            ("${0}", Some("")),
            // Unset and empty, with and without the colon.
            ("${NULL-d}", Some("")),
            ("${NULL:-d}", Some("d")),
            ("${NULL+a}", Some("a")),
            ("${NULL:+a}", Some("")),
            ("${XXX+a}", Some("")),
            ("${XXX-d}", Some("d")),
        ];
        let lx = Lexer::new('\\');
        for (input, want) in cases {
            let got = lx.word(input, &vars);
            match want {
                Some(w) => assert_eq!(got.as_deref(), Ok(*w), "{input}"),
                None => assert!(got.is_err(), "{input}: expected an error, got {got:?}"),
            }
        }
    }

    /// Cases derived from BuildKit's `wordsTest`: expansion, then the split.
    #[test]
    fn splits_words_after_expansion() {
        let vars = env(&[
            ("hi", "hi"),
            ("space", "abc  def"),
            ("leading", "  ab c"),
            ("trailing", "ab c   "),
        ]);
        let cases: &[(&str, &[&str])] = &[
            ("hello", &["hello"]),
            ("hello${hi}bye", &["hellohibye"]),
            ("hello${space}bye", &["helloabc", "defbye"]),
            (r#"hello"${space}"bye"#, &["helloabc  defbye"]),
            (r#"hello "${space}"bye"#, &["hello", "abc  defbye"]),
            ("hello${leading}def", &["hello", "ab", "cdef"]),
            (r#"hello"${leading}" def"#, &["hello  ab c", "def"]),
            ("hello${trailing}d", &["helloab", "c", "d"]),
            (r#"hello"${trailing}"d"#, &["helloab c   d"]),
            (r#"hello" there  ""#, &["hello there  "]),
            ("hello there     ", &["hello", "there"]),
            (r"hello\ there", &["hello there"]),
            (r#"hello\" there"#, &["hello\"", "there"]),
            (r#"hello"\\there""#, &[r"hello\there"]),
            (r#"hello"\there""#, &[r"hello\there"]),
            (r"hello'\\there'", &[r"hello\\there"]),
            ("hello'$there'", &["hello$there"]),
        ];
        let lx = Lexer::new('\\');
        for (input, want) in cases {
            assert_eq!(lx.words(input, &vars).unwrap(), *want, "{input}");
        }
        assert!(lx.words(r#"hello" there"#, &vars).is_err());
    }

    #[test]
    fn pattern_operators() {
        let vars = env(&[("P", "/usr/local/bin/tool.tar.gz")]);
        let lx = Lexer::new('\\');
        let w = |s: &str| lx.word(s, &vars).unwrap();
        assert_eq!(w("${P#*/}"), "usr/local/bin/tool.tar.gz");
        assert_eq!(w("${P##*/}"), "tool.tar.gz");
        assert_eq!(w("${P%.*}"), "/usr/local/bin/tool.tar");
        assert_eq!(w("${P%%.*}"), "/usr/local/bin/tool");
        assert_eq!(w("${P/local/opt}"), "/usr/opt/bin/tool.tar.gz");
        assert_eq!(w("${P//o/0}"), "/usr/l0cal/bin/t00l.tar.gz");
        assert!(lx.word("${P:#x}", &vars).is_err());
        assert_eq!(reverse_pattern(r"a\*c"), r"c\*a");
        assert_eq!(reverse_pattern(r"ab\"), r"\ba");
        assert_eq!(
            pattern_regex(r"(()[]{\}^$.\*\?|\\", true, true)
                .unwrap()
                .as_str(),
            r"^\(\(\)\[\]\{\}\^\$\.\*\?\|\\"
        );
        assert!(pattern_regex(r"\x", true, true).is_err());
    }

    #[test]
    fn escape_character_and_options() {
        let vars = env(&[("A", "1")]);
        let tick = Lexer::new('`');
        assert_eq!(tick.word(r"c:\dir`$A", &vars).unwrap(), r"c:\dir$A");
        let keep = Lexer {
            skip_unset: true,
            raw_quotes: true,
            ..Lexer::new('\\')
        };
        assert_eq!(
            keep.word("$A ${B} ${C:-x} 'q'", &vars).unwrap(),
            "1 ${B} ${C:-x} 'q'"
        );
        let e = Lexer::new('\\').expand("$A$B", &vars).unwrap();
        assert!(e.matched.contains("A") && e.unmatched.contains("B"));
        let err = Lexer::new('\\')
            .word("${A:?}${B?need B}", &vars)
            .unwrap_err();
        assert!(err.to_string().contains("B: need B"), "{err}");
    }

    #[test]
    fn raw_word_split_keeps_quotes_for_later() {
        assert_eq!(
            split_raw_words(r#"a=b "c d"="e f" g=h\ i  j='k l'"#, '\\'),
            vec!["a=b", r#""c d"="e f""#, r"g=h\ i", "j='k l'"]
        );
        assert_eq!(split_raw_words("x=\"\"", '\\'), vec!["x=\"\""]);
        assert_eq!(split_raw_words("  ", '\\'), Vec::<String>::new());
    }

    /// Runs BuildKit's own vector files when `RPOD_BUILDKIT_SHELL_TESTS`
    /// names a directory holding `envVarTest` and `wordsTest` (from a
    /// checkout of moby/buildkit's `frontend/dockerfile/shell`).
    #[test]
    fn buildkit_vector_files_when_given() {
        let Some(dir) = std::env::var_os("RPOD_BUILDKIT_SHELL_TESTS") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        let lx = Lexer::new('\\');
        let vars = env(&[
            ("PWD", "/home"),
            ("SHELL", "bash"),
            ("KOREAN", "한국어"),
            ("NULL", ""),
        ]);
        let text = fs_err::read_to_string(dir.join("envVarTest")).unwrap();
        let mut checked = 0;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.split('|').collect();
            assert_eq!(parts.len(), 3, "{line}");
            let (platform, source, expected) = (parts[0].trim(), parts[1].trim(), parts[2].trim());
            if platform == "W" {
                continue;
            }
            let got = lx.word(source, &vars);
            if expected == "error" {
                assert!(got.is_err(), "{source}: {got:?}");
            } else {
                assert_eq!(got.as_deref(), Ok(expected), "{source}");
            }
            checked += 1;
        }
        let text = fs_err::read_to_string(dir.join("wordsTest")).unwrap();
        let mut vars: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("ENV ") {
                let rest = rest.trim_start_matches(' ');
                let (k, v) = rest.split_once('=').unwrap();
                vars.push((k.to_string(), v.to_string()));
                continue;
            }
            let (test, expected) = line.split_once('|').unwrap();
            let expected: Vec<&str> = expected.trim_start_matches(' ').split(',').collect();
            let got = lx
                .words(test.trim(), &vars)
                .unwrap_or_else(|_| vec!["error".into()]);
            assert_eq!(got, expected, "{test}");
            checked += 1;
        }
        assert!(
            checked > 100,
            "only {checked} vectors found in {}",
            dir.display()
        );
    }
}
