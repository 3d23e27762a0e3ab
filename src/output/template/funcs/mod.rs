//! The functions a `--format` template can call: Go text/template's builtins
//! (`and`, `or`, `not`, `len`, `index`, `slice`, `print`, `printf`, `println`,
//! `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`) and podman's
//! (containers/common `report.DefaultFuncs`: `join`, `json`, `lower`, `pad`,
//! `split`, `title`, `truncate`, `upper`), plus Go's `%v` printing of values.

use super::value::TValue;

mod print;

pub use print::{go_float, go_string, sprintf};
use print::{sprint, sprintln};

/// Every function name a template may call.
pub const NAMES: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt",
    "le", "gt", "ge", "html", "js", "urlquery", "call", "join", "json", "lower", "pad", "split",
    "title", "truncate", "upper",
];

/// Whether `name` is a function.
pub fn exists(name: &str) -> bool {
    NAMES.contains(&name)
}

/// Go's strings.Title: the first letter of each word upper-cased.
pub fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = !(c.is_alphanumeric() || c == '_');
    }
    out
}

fn html_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\u000A"),
            '\r' => out.push_str("\\u000D"),
            '\t' => out.push_str("\\u0009"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A string argument (Go would refuse a non-string; a template author
/// passing a number gets its printed form).
fn string_arg(v: &TValue) -> String {
    go_string(v)
}

fn int_arg(f: &str, v: &TValue) -> Result<i64, String> {
    match v {
        TValue::Int(n) => Ok(*n),
        TValue::Uint(n) => i64::try_from(*n).map_err(|_| format!("{f}: integer overflow")),
        TValue::Float(x) if x.fract() == 0.0 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Ok(*x as i64)
        }
        other => Err(format!(
            "wrong type for value; expected int; got {}",
            other.type_name()
        )),
    }
}

fn index_of(item: &TValue, key: &TValue) -> Result<TValue, String> {
    match item.inner() {
        TValue::List(l) => {
            let i = int_arg("index", key)?;
            usize::try_from(i)
                .ok()
                .and_then(|i| l.get(i))
                .cloned()
                .ok_or_else(|| format!("error calling index: index out of range: {i}"))
        }
        TValue::Str(s) => {
            let i = int_arg("index", key)?;
            usize::try_from(i)
                .ok()
                .and_then(|i| s.as_bytes().get(i))
                .map(|b| TValue::Int((*b).into()))
                .ok_or_else(|| format!("error calling index: index out of range: {i}"))
        }
        TValue::Map { entries, any } => {
            let k = go_string(key);
            Ok(entries
                .iter()
                .find(|(ek, _)| *ek == k)
                .map(|(_, v)| v.clone())
                .unwrap_or(if *any {
                    TValue::Missing
                } else {
                    TValue::Str(String::new())
                }))
        }
        TValue::Nil | TValue::Missing => Err("error calling index: index of untyped nil".into()),
        other => Err(format!(
            "error calling index: can't index item of type {}",
            other.type_name()
        )),
    }
}

#[derive(PartialEq, PartialOrd)]
enum Basic {
    Int(i128),
    Float(f64),
    Str(String),
    Bool(bool),
    Nil,
}

fn basic(f: &str, v: &TValue) -> Result<Basic, String> {
    if let TValue::Shown { text, json, .. } = v {
        // A time compares as the text it prints; a duration as its number.
        return match **json {
            TValue::Int(_) => basic(f, json),
            _ => Ok(Basic::Str(text.clone())),
        };
    }
    Ok(match v {
        TValue::Int(n) => Basic::Int((*n).into()),
        TValue::Uint(n) => Basic::Int((*n).into()),
        TValue::Float(x) => Basic::Float(*x),
        TValue::Str(s) => Basic::Str(s.clone()),
        TValue::Bool(b) => Basic::Bool(*b),
        TValue::Nil | TValue::Missing => Basic::Nil,
        _ => return Err(format!("error calling {f}: non-comparable type")),
    })
}

fn compare(f: &str, a: &TValue, b: &TValue) -> Result<std::cmp::Ordering, String> {
    let (a, b) = (basic(f, a)?, basic(f, b)?);
    let incompatible = || format!("error calling {f}: incompatible types for comparison");
    match (&a, &b) {
        (Basic::Int(x), Basic::Int(y)) => Ok(x.cmp(y)),
        (Basic::Float(x), Basic::Float(y)) => x.partial_cmp(y).ok_or_else(incompatible),
        (Basic::Str(x), Basic::Str(y)) => Ok(x.cmp(y)),
        (Basic::Bool(x), Basic::Bool(y)) if matches!(f, "eq" | "ne") => Ok(x.cmp(y)),
        (Basic::Nil, Basic::Nil) if matches!(f, "eq" | "ne") => Ok(std::cmp::Ordering::Equal),
        (Basic::Nil, _) | (_, Basic::Nil) if matches!(f, "eq" | "ne") => {
            Ok(std::cmp::Ordering::Less)
        }
        (Basic::Bool(_), Basic::Bool(_)) => {
            Err(format!("error calling {f}: invalid type for comparison"))
        }
        _ => Err(incompatible()),
    }
}

/// Calls function `f` (not `and`/`or`, which the executor evaluates lazily).
pub fn call(f: &str, args: &[TValue]) -> Result<TValue, String> {
    let want = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "wrong number of args for {f}: want {n} got {}",
                args.len()
            ))
        }
    };
    Ok(match f {
        "not" => {
            want(1)?;
            TValue::Bool(!args[0].truthy())
        }
        "len" => {
            want(1)?;
            let n = match args[0].inner() {
                TValue::Nil if matches!(args[0], TValue::Shown { .. }) => 0,
                TValue::Str(s) => s.len(),
                TValue::List(l) => l.len(),
                TValue::Map { entries, .. } => entries.len(),
                other => {
                    return Err(format!(
                        "error calling len: len of type {}",
                        other.type_name()
                    ))
                }
            };
            TValue::Int(i64::try_from(n).unwrap_or(i64::MAX))
        }
        "index" => {
            if args.is_empty() {
                return Err("wrong number of args for index: want at least 1 got 0".into());
            }
            let mut item = args[0].clone();
            for k in &args[1..] {
                item = index_of(&item, k)?;
            }
            item
        }
        "slice" => {
            if args.is_empty() || args.len() > 4 {
                return Err(format!(
                    "wrong number of args for slice: want 1 to 4 got {}",
                    args.len()
                ));
            }
            let idx: Vec<usize> = args[1..]
                .iter()
                .map(|a| {
                    int_arg("slice", a)
                        .and_then(|n| usize::try_from(n).map_err(|_| "negative index".into()))
                })
                .collect::<Result<_, String>>()?;
            match &args[0] {
                TValue::Str(s) => {
                    let lo = idx.first().copied().unwrap_or(0);
                    let hi = idx.get(1).copied().unwrap_or(s.len());
                    if lo > hi || hi > s.len() {
                        return Err(format!("error calling slice: index out of range: {hi}"));
                    }
                    TValue::Str(String::from_utf8_lossy(&s.as_bytes()[lo..hi]).into_owned())
                }
                TValue::List(l) => {
                    let lo = idx.first().copied().unwrap_or(0);
                    let hi = idx.get(1).copied().unwrap_or(l.len());
                    if lo > hi || hi > l.len() {
                        return Err(format!("error calling slice: index out of range: {hi}"));
                    }
                    TValue::List(l[lo..hi].to_vec())
                }
                other => {
                    return Err(format!(
                        "error calling slice: can't slice item of type {}",
                        other.type_name()
                    ))
                }
            }
        }
        "print" => TValue::Str(sprint(args)),
        "println" => TValue::Str(sprintln(args)),
        "printf" => {
            let Some(fmt) = args.first() else {
                return Err("wrong number of args for printf: want at least 1 got 0".into());
            };
            TValue::Str(sprintf(&string_arg(fmt), &args[1..]))
        }
        "eq" => {
            if args.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            let mut any = false;
            for b in &args[1..] {
                if compare("eq", &args[0], b)? == std::cmp::Ordering::Equal {
                    any = true;
                }
            }
            TValue::Bool(any)
        }
        "ne" | "lt" | "le" | "gt" | "ge" => {
            want(2)?;
            let o = compare(f, &args[0], &args[1])?;
            TValue::Bool(match f {
                "ne" => o != std::cmp::Ordering::Equal,
                "lt" => o == std::cmp::Ordering::Less,
                "le" => o != std::cmp::Ordering::Greater,
                "gt" => o == std::cmp::Ordering::Greater,
                _ => o != std::cmp::Ordering::Less,
            })
        }
        "html" => TValue::Str(html_escape(&sprint(args))),
        "js" => TValue::Str(js_escape(&sprint(args))),
        "urlquery" => TValue::Str(query_escape(&sprint(args))),
        "call" => return Err("error calling call: non-function".into()),
        "join" => {
            want(2)?;
            let sep = string_arg(&args[1]);
            TValue::Str(match args[0].inner() {
                TValue::List(l) => l.iter().map(go_string).collect::<Vec<_>>().join(&sep),
                TValue::Nil => String::new(),
                other => go_string(other),
            })
        }
        "json" => {
            want(1)?;
            TValue::Str(args[0].json_text())
        }
        "lower" => {
            want(1)?;
            TValue::Str(string_arg(&args[0]).to_lowercase())
        }
        "upper" => {
            want(1)?;
            TValue::Str(string_arg(&args[0]).to_uppercase())
        }
        "title" => {
            want(1)?;
            TValue::Str(title(&string_arg(&args[0])))
        }
        "pad" => {
            want(3)?;
            let s = string_arg(&args[0]);
            let pre = usize::try_from(int_arg(f, &args[1])?).unwrap_or(0);
            let post = usize::try_from(int_arg(f, &args[2])?).unwrap_or(0);
            TValue::Str(if s.is_empty() {
                s
            } else {
                format!("{}{s}{}", " ".repeat(pre), " ".repeat(post))
            })
        }
        "split" => {
            want(2)?;
            let s = string_arg(&args[0]);
            let sep = string_arg(&args[1]);
            TValue::List(if sep.is_empty() {
                s.chars().map(|c| TValue::Str(c.to_string())).collect()
            } else {
                s.split(sep.as_str())
                    .map(|p| TValue::Str(p.to_string()))
                    .collect()
            })
        }
        "truncate" => {
            want(2)?;
            let s = string_arg(&args[0]);
            let n = usize::try_from(int_arg(f, &args[1])?).unwrap_or(0);
            if s.len() < n {
                TValue::Str(s)
            } else {
                let mut end = n;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                TValue::Str(s[..end].to_string())
            }
        }
        other => return Err(format!("function {other:?} not defined")),
    })
}

#[cfg(test)]
mod tests;
