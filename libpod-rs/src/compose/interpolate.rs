//! Compose's variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`,
//! `${VAR+alt}` and `$$`, with defaults, alternatives and messages
//! interpolated in turn (nesting), as compose-go's `template` package does.
//! These rules are compose's own; the Dockerfile expansion in `build` has
//! different ones and shares nothing with this file.

use super::yaml::{Node, Value};

/// Looks a variable up: its value, or None when it is not set.
pub trait Lookup {
    /// The value of `name`, if set.
    fn lookup(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Lookup for F {
    fn lookup(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Why a string could not be interpolated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `$` that starts nothing valid (`${}`, `${1}`, `${A B}`): the whole string.
    Invalid(String),
    /// `${VAR:?message}` or `${VAR?message}` with VAR missing.
    MissingRequired {
        /// The variable.
        variable: String,
        /// The message written after `?` (interpolated).
        reason: String,
    },
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::Invalid(t) => write!(f, "Invalid template: {t:?}"),
            TemplateError::MissingRequired { variable, reason } if reason.is_empty() => {
                write!(f, "required variable {variable} is missing a value")
            }
            TemplateError::MissingRequired { variable, reason } => {
                write!(
                    f,
                    "required variable {variable} is missing a value: {reason}"
                )
            }
        }
    }
}

/// Substitutes the variables in `template`; unset plain variables become
/// empty, and their names are added to `unset` (compose warns about them).
pub fn substitute(
    template: &str,
    env: &dyn Lookup,
    unset: &mut Vec<String>,
) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len());
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(off) = template[i..].find('$') else {
            out.push_str(&template[i..]);
            break;
        };
        out.push_str(&template[i..i + off]);
        i += off;
        let next = bytes.get(i + 1).copied();
        match next {
            Some(b'$') => {
                out.push('$');
                i += 2;
            }
            Some(c) if c == b'_' || c.is_ascii_alphabetic() => {
                let end = name_end(bytes, i + 1);
                let name = &template[i + 1..end];
                match env.lookup(name) {
                    Some(v) => out.push_str(&v),
                    None => note_unset(unset, name),
                }
                i = end;
            }
            Some(b'{') => {
                let (value, end) = braced(template, i, env, unset)?;
                out.push_str(&value);
                i = end;
            }
            _ => {
                // A lone `$` (before a space, a digit, the end): kept as is.
                out.push('$');
                i += 1;
            }
        }
    }
    Ok(out)
}

fn note_unset(unset: &mut Vec<String>, name: &str) {
    if !unset.iter().any(|n| n == name) {
        unset.push(name.to_string());
    }
}

fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && (bytes[end] == b'_' || bytes[end].is_ascii_alphanumeric()) {
        end += 1;
    }
    end
}

/// `${...}` starting at `start` (the `$`): its value and the index after it.
fn braced(
    template: &str,
    start: usize,
    env: &dyn Lookup,
    unset: &mut Vec<String>,
) -> Result<(String, usize), TemplateError> {
    let bytes = template.as_bytes();
    let invalid = || TemplateError::Invalid(template.to_string());
    let name_start = start + 2;
    match bytes.get(name_start) {
        Some(c) if *c == b'_' || c.is_ascii_alphabetic() => {}
        _ => return Err(invalid()),
    }
    let name_stop = name_end(bytes, name_start);
    let name = &template[name_start..name_stop];
    if bytes.get(name_stop) == Some(&b'}') {
        return Ok((
            match env.lookup(name) {
                Some(v) => v,
                None => {
                    note_unset(unset, name);
                    String::new()
                }
            },
            name_stop + 1,
        ));
    }
    let (colon, op_at) = if bytes.get(name_stop) == Some(&b':') {
        (true, name_stop + 1)
    } else {
        (false, name_stop)
    };
    let op = match bytes.get(op_at) {
        Some(c @ (b'-' | b'+' | b'?')) => *c,
        _ => return Err(invalid()),
    };
    let close = closing_brace(template, start).ok_or_else(invalid)?;
    let arg = &template[op_at + 1..close];
    let value = env.lookup(name);
    let result = match op {
        b'-' => match value {
            Some(v) if !(colon && v.is_empty()) => v,
            _ => substitute(arg, env, unset)?,
        },
        b'+' => match value {
            Some(v) if !(colon && v.is_empty()) => {
                let _ = v;
                substitute(arg, env, unset)?
            }
            Some(v) => v,
            None => String::new(),
        },
        _ => match value {
            Some(v) if !(colon && v.is_empty()) => v,
            _ => {
                return Err(TemplateError::MissingRequired {
                    variable: name.to_string(),
                    reason: substitute(arg, env, unset)?,
                })
            }
        },
    };
    Ok((result, close + 1))
}

/// The `}` closing the `${` at `start`, counting nested braces as compose-go
/// does (the character after each `{` is skipped); failing that, the last
/// `}` on the line, as its regular expression would match.
fn closing_brace(template: &str, start: usize) -> Option<usize> {
    let bytes = template.as_bytes();
    let mut depth = 0;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'\n' => break,
            _ => {}
        }
        i += 1;
    }
    let line_end = template[start..]
        .find('\n')
        .map_or(bytes.len(), |n| start + n);
    template[start..line_end].rfind('}').map(|n| start + n)
}

/// An interpolation error at a path of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The dotted path (`services.web.image`).
    pub path: String,
    /// What went wrong.
    pub error: TemplateError,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.error {
            TemplateError::Invalid(t) => write!(
                f,
                "invalid interpolation format for {}.\nYou may need to escape any $ with another $.\n{t}",
                self.path
            ),
            e => write!(f, "error while interpolating {}: {e}", self.path),
        }
    }
}

/// Interpolates every string value (not keys) of a tree, in place.
pub fn interpolate_tree(
    node: &mut Node,
    path: &mut Vec<String>,
    env: &dyn Lookup,
    unset: &mut Vec<String>,
) -> Result<(), PathError> {
    match &mut node.value {
        Value::Str(s) if s.contains('$') => {
            *s = substitute(s, env, unset).map_err(|error| PathError {
                path: path.join("."),
                error,
            })?;
        }
        Value::Seq(items) => {
            for item in items {
                path.push("[]".into());
                let r = interpolate_tree(item, path, env, unset);
                path.pop();
                r?;
            }
        }
        Value::Map(map) => {
            for entry in map.iter_mut() {
                path.push(entry.key.clone());
                let r = interpolate_tree(&mut entry.value, path, env, unset);
                path.pop();
                r?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env() -> HashMap<&'static str, &'static str> {
        HashMap::from([
            ("FOO", "first"),
            ("BAR", ""),
            ("TAG", "1.2"),
            ("NESTED", "${FOO}"),
        ])
    }

    fn sub(t: &str) -> Result<String, TemplateError> {
        let e = env();
        let lookup = move |k: &str| e.get(k).map(|v| v.to_string());
        let mut unset = Vec::new();
        substitute(t, &lookup, &mut unset)
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("$FOO", "first"),
            ("${FOO}", "first"),
            ("x-$FOO-y", "x-first-y"),
            ("$FOO.bar", "first.bar"),
            ("$$FOO", "$FOO"),
            ("$$", "$"),
            ("${FOO}${TAG}", "first1.2"),
            ("a $ b", "a $ b"),
            ("cost: 5$", "cost: 5$"),
            ("$1", "$1"),
            ("${MISSING}", ""),
            ("$MISSING", ""),
            ("${MISSING:-def}", "def"),
            ("${MISSING-def}", "def"),
            ("${BAR:-def}", "def"),
            ("${BAR-def}", ""),
            ("${FOO:-def}", "first"),
            ("${FOO:+alt}", "alt"),
            ("${FOO+alt}", "alt"),
            ("${BAR:+alt}", ""),
            ("${BAR+alt}", "alt"),
            ("${MISSING+alt}", ""),
            ("${MISSING:+alt}", ""),
            ("${MISSING:-${FOO}}", "first"),
            ("${MISSING:-${OTHER:-deep}}", "deep"),
            ("${MISSING:-${FOO:+x${TAG}}}-end", "x1.2-end"),
            ("${MISSING:-a:b-c}", "a:b-c"),
            ("${MISSING-x:-y}", "x:-y"),
            ("${MISSING:-}", ""),
            ("pre ${MISSING:-a} mid ${FOO} post", "pre a mid first post"),
            ("${NESTED}", "${FOO}"),
            ("${foo_lower:-lc}", "lc"),
            ("${FOO:?must be set}", "first"),
            ("${BAR?only unset fails}", ""),
        ];
        for (t, want) in cases {
            assert_eq!(sub(t).as_deref(), Ok(*want), "{t:?}");
        }
    }

    #[test]
    fn required_variables() {
        assert_eq!(
            sub("${MISSING:?please set it}").unwrap_err().to_string(),
            "required variable MISSING is missing a value: please set it"
        );
        assert_eq!(
            sub("${BAR:?}").unwrap_err().to_string(),
            "required variable BAR is missing a value"
        );
        assert_eq!(
            sub("${MISSING?need ${FOO}}").unwrap_err().to_string(),
            "required variable MISSING is missing a value: need first"
        );
        assert!(sub("${MISSING:-${NOPE:?inner}}").is_err());
    }

    #[test]
    fn invalid_templates() {
        for t in ["${}", "${1A}", "${A B}", "${A:x}", "${A", "${A:=x}"] {
            assert_eq!(sub(t), Err(TemplateError::Invalid(t.to_string())), "{t:?}");
        }
    }

    #[test]
    fn unset_variables_are_reported_once() {
        let lookup = |_: &str| None;
        let mut unset = Vec::new();
        substitute("$A ${A} ${B:-x} $C", &lookup, &mut unset).unwrap();
        assert_eq!(unset, vec!["A".to_string(), "C".to_string()]);
    }
}
