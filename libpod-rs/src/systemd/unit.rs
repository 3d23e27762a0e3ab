//! systemd unit files: parsing, writing, and systemd's word splitting and C escapes.
//!
//! Follows systemd's rules: `[Section]` headers, `Key=Value` entries (repeated keys
//! kept in order), `#`/`;` comments, lines continued by a trailing backslash
//! (comment lines inside a continuation are skipped), and the quote/escape rules
//! systemd uses when it splits a value into words.

use thiserror::Error;

/// Errors from parsing a unit file or splitting a value.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// A line that is neither a section, a comment nor `Key=Value`.
    #[error("{file}:{line}: invalid line {text:?}: expected [Section] or Key=Value")]
    InvalidLine {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The offending text.
        text: String,
    },
    /// A key outside of any section.
    #[error("{file}:{line}: key {key:?} outside of any section: add a [Section] header above it")]
    NoSection {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The key.
        key: String,
    },
    /// A backslash escape systemd does not support.
    #[error("unsupported escape sequence \\{seq} in {value:?}")]
    BadEscape {
        /// The characters after the backslash.
        seq: String,
        /// The whole value.
        value: String,
    },
    /// A quote that is never closed.
    #[error("unterminated quote in {value:?}")]
    Unterminated {
        /// The whole value.
        value: String,
    },
}

/// One `Key=Value` line of a unit file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The value, whitespace-trimmed, continuation lines joined.
    pub value: String,
    /// 1-based line where the entry starts.
    pub line: usize,
}

/// One `[Name]` section with its entries in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The section name, without brackets.
    pub name: String,
    /// Entries in order.
    pub entries: Vec<Entry>,
}

/// A parsed unit file: its sections in order (a name may repeat; lookups merge them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitFile {
    /// The file name, for error messages.
    pub file: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

impl UnitFile {
    /// Parses unit-file text; `file` names the file in errors.
    pub fn parse(file: &str, text: &str) -> Result<UnitFile, UnitError> {
        let mut unit = UnitFile {
            file: file.to_string(),
            sections: Vec::new(),
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let lineno = i + 1;
            let line = lines[i].trim();
            i += 1;
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if line.starts_with('[') {
                if !line.ends_with(']') || line.len() < 3 {
                    return Err(UnitError::InvalidLine {
                        file: file.into(),
                        line: lineno,
                        text: line.into(),
                    });
                }
                unit.sections.push(Section {
                    name: line[1..line.len() - 1].to_string(),
                    entries: Vec::new(),
                });
                continue;
            }
            // Join continuation lines.
            let mut full = String::new();
            let mut cur = line.to_string();
            loop {
                if let Some(stripped) = cur.strip_suffix('\\') {
                    full.push_str(stripped);
                    full.push(' ');
                    // Next non-comment line continues; an empty line ends it.
                    let mut next = None;
                    while i < lines.len() {
                        let l = lines[i].trim();
                        i += 1;
                        if l.starts_with('#') || l.starts_with(';') {
                            continue;
                        }
                        next = Some(l.to_string());
                        break;
                    }
                    match next {
                        Some(l) if !l.is_empty() => cur = l,
                        _ => break,
                    }
                } else {
                    full.push_str(&cur);
                    break;
                }
            }
            let Some((k, v)) = full.split_once('=') else {
                return Err(UnitError::InvalidLine {
                    file: file.into(),
                    line: lineno,
                    text: line.into(),
                });
            };
            let key = k.trim().to_string();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(UnitError::InvalidLine {
                    file: file.into(),
                    line: lineno,
                    text: line.into(),
                });
            }
            let Some(sec) = unit.sections.last_mut() else {
                return Err(UnitError::NoSection {
                    file: file.into(),
                    line: lineno,
                    key,
                });
            };
            sec.entries.push(Entry {
                key,
                value: v.trim().to_string(),
                line: lineno,
            });
        }
        Ok(unit)
    }

    /// All entries of a section name (merging repeated sections), in order.
    pub fn entries<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.sections
            .iter()
            .filter(move |s| s.name == section)
            .flat_map(|s| s.entries.iter())
    }

    /// All values of a key, in order.
    pub fn values(&self, section: &str, key: &str) -> Vec<String> {
        self.entries(section)
            .filter(|e| e.key == key)
            .map(|e| e.value.clone())
            .collect()
    }

    /// The last value of a key.
    pub fn last(&self, section: &str, key: &str) -> Option<String> {
        self.values(section, key).pop()
    }

    /// Whether the file has a section of this name.
    pub fn has_section(&self, section: &str) -> bool {
        self.sections.iter().any(|s| s.name == section)
    }

    /// Appends a `Key=Value` to the (first) section, creating it at the end if absent.
    pub fn add(&mut self, section: &str, key: &str, value: &str) {
        let idx = match self.sections.iter().position(|s| s.name == section) {
            Some(i) => i,
            None => {
                self.sections.push(Section {
                    name: section.into(),
                    entries: Vec::new(),
                });
                self.sections.len() - 1
            }
        };
        self.sections[idx].entries.push(Entry {
            key: key.into(),
            value: value.into(),
            line: 0,
        });
    }

    /// Writes the unit back as text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (n, s) in self.sections.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&format!("[{}]\n", s.name));
            for e in &s.entries {
                out.push_str(&format!("{}={}\n", e.key, e.value));
            }
        }
        out
    }
}

/// Strips one pair of surrounding double quotes, as Quadlet does for single-valued keys.
pub fn unquote_value(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        v[1..v.len() - 1].to_string()
    } else {
        v.to_string()
    }
}

fn hex_val(c: char) -> Option<u32> {
    c.to_digit(16)
}

/// Decodes one C escape after a backslash; returns the char and chars consumed.
fn c_escape(rest: &[char]) -> Option<(char, usize)> {
    let c = *rest.first()?;
    let simple = match c {
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        'f' => Some('\x0c'),
        'n' => Some('\n'),
        'r' => Some('\r'),
        't' => Some('\t'),
        'v' => Some('\x0b'),
        '\\' => Some('\\'),
        '"' => Some('"'),
        '\'' => Some('\''),
        's' => Some(' '),
        _ => None,
    };
    if let Some(s) = simple {
        return Some((s, 1));
    }
    let num = |len: usize, radix_hex: bool| -> Option<(char, usize)> {
        if rest.len() < 1 + len {
            return None;
        }
        let mut v: u32 = 0;
        for &d in &rest[1..1 + len] {
            let dv = if radix_hex {
                hex_val(d)?
            } else {
                d.to_digit(8)?
            };
            v = v * if radix_hex { 16 } else { 8 } + dv;
        }
        if v == 0 {
            return None;
        }
        char::from_u32(v).map(|ch| (ch, 1 + len))
    };
    match c {
        'x' => num(2, true),
        'u' => num(4, true),
        'U' => num(8, true),
        '0'..='7' => {
            if rest.len() < 3 {
                return None;
            }
            let mut v = 0u32;
            for &d in &rest[..3] {
                v = v * 8 + d.to_digit(8)?;
            }
            if v == 0 {
                return None;
            }
            char::from_u32(v).map(|ch| (ch, 3))
        }
        _ => None,
    }
}

/// Splits a value into words with systemd's rules (quotes, C escapes); unsupported escapes are errors.
pub fn split_words(value: &str) -> Result<Vec<String>, UnitError> {
    split_inner(value, false).map(|(w, _)| w)
}

/// Like [`split_words`] but keeps unsupported escapes verbatim, reporting the first one.
pub fn split_words_relaxed(value: &str) -> Result<(Vec<String>, Option<UnitError>), UnitError> {
    split_inner(value, true)
}

fn split_inner(value: &str, relax: bool) -> Result<(Vec<String>, Option<UnitError>), UnitError> {
    let chars: Vec<char> = value.chars().collect();
    let mut words = Vec::new();
    let mut bad = None;
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while i < chars.len() {
            let c = chars[i];
            if quote.is_none() && c.is_whitespace() {
                break;
            }
            if c == '\\' {
                match c_escape(&chars[i + 1..]) {
                    Some((ch, n)) => {
                        word.push(ch);
                        i += 1 + n;
                    }
                    None => {
                        let seq: String = chars[i + 1..].iter().take(1).collect();
                        let err = UnitError::BadEscape {
                            seq,
                            value: value.into(),
                        };
                        if !relax {
                            return Err(err);
                        }
                        bad.get_or_insert(err);
                        word.push('\\');
                        i += 1;
                        if i < chars.len() {
                            word.push(chars[i]);
                            i += 1;
                        }
                    }
                }
                continue;
            }
            match quote {
                Some(q) if c == q => quote = None,
                None if c == '"' || c == '\'' => quote = Some(c),
                _ => word.push(c),
            }
            i += 1;
        }
        if quote.is_some() {
            return Err(UnitError::Unterminated {
                value: value.into(),
            });
        }
        words.push(word);
    }
    Ok((words, bad))
}

/// Quotes one word for an `Exec*=` command line so systemd splits it back to the same word.
pub fn quote_word(w: &str) -> String {
    let needs = w.is_empty()
        || w.chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '\\'));
    if !needs {
        return w.to_string();
    }
    double_quoted(w)
}

/// `w` in double quotes with C escapes (`\"`, `\\`, `\n`, `\t`, `\r`,
/// `\xNN`), which systemd's command-line splitting undoes.
pub(crate) fn double_quoted(w: &str) -> String {
    let mut out = String::from("\"");
    for c in w.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Joins words into an `Exec*=` command line.
pub fn join_words<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| quote_word(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_comments_and_repeats() {
        let u = UnitFile::parse("a.container", "# c\n[A]\nK=1\n; x\nK=2\n[B]\nZ = v \n").unwrap();
        assert_eq!(u.values("A", "K"), vec!["1", "2"]);
        assert_eq!(u.last("B", "Z").as_deref(), Some("v"));
    }

    #[test]
    fn continuation_skips_comments() {
        let u = UnitFile::parse("f", "[A]\nK=a \\\n# comment\n  b \\\n; c\n c\nL=1\n").unwrap();
        assert_eq!(u.last("A", "K").as_deref(), Some("a  b  c"));
        assert_eq!(u.last("A", "L").as_deref(), Some("1"));
    }

    #[test]
    fn continuation_ends_at_empty_line() {
        let u = UnitFile::parse("f", "[A]\nK=a \\\n\nL=1\n").unwrap();
        assert_eq!(u.last("A", "K").as_deref(), Some("a"));
        assert_eq!(u.last("A", "L").as_deref(), Some("1"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = UnitFile::parse("x.container", "[A]\nK=1\nbogus\n").unwrap_err();
        assert!(e.to_string().starts_with("x.container:3:"), "{e}");
        let e = UnitFile::parse("x.container", "K=1\n").unwrap_err();
        assert!(e.to_string().starts_with("x.container:1:"), "{e}");
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            split_words(r#"a "b c" 'd"e' f\x41 \110i x\ny"#).unwrap(),
            vec!["a", "b c", "d\"e", "fA", "Hi", "x\ny"]
        );
        assert_eq!(split_words(r#"a"b c"d"#).unwrap(), vec!["ab cd"]);
        assert!(split_words(r"a\q").is_err());
        assert!(split_words("\"abc").is_err());
        let (w, bad) = split_words_relaxed(r"x\?y").unwrap();
        assert_eq!(w, vec![r"x\?y"]);
        assert!(bad.is_some());
    }

    #[test]
    fn quoting_round_trips() {
        let words = vec!["plain", "two words", "q\"uote", "nl\nx", "back\\slash", ""];
        assert_eq!(split_words(&join_words(&words)).unwrap(), words);
    }

    #[test]
    fn writes_text() {
        let mut u = UnitFile::default();
        u.add("Unit", "A", "1");
        u.add("Service", "B", "2");
        u.add("Unit", "C", "3");
        assert_eq!(u.to_text(), "[Unit]\nA=1\nC=3\n\n[Service]\nB=2\n");
    }

    #[test]
    fn unquotes() {
        assert_eq!(unquote_value("\"a\"b\""), "a\"b");
        assert_eq!(unquote_value("'a'"), "'a'");
    }
}
