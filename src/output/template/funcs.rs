//! The functions a `--format` template can call: Go text/template's builtins
//! (`and`, `or`, `not`, `len`, `index`, `slice`, `print`, `printf`, `println`,
//! `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`) and podman's
//! (containers/common `report.DefaultFuncs`: `join`, `json`, `lower`, `pad`,
//! `split`, `title`, `truncate`, `upper`), plus Go's `%v` printing of values.

use super::value::TValue;

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

/// Formats a float as Go's `%v` does: the shortest digits, in exponent form
/// below 1e-4 and from 1e+06 (`strconv.FormatFloat(f, 'g', -1, 64)`).
pub fn go_float(f: f64) -> String {
    format_g(f, None, false)
}

/// Go's `%g` with an optional precision (`None`: shortest).
fn format_g(f: f64, prec: Option<usize>, upper: bool) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    // Digits and exponent in scientific form.
    let sci = match prec {
        None => format!("{f:e}"),
        Some(p) => format!("{f:.*e}", p.max(1) - 1),
    };
    let (mant, exp) = sci.split_once('e').expect("scientific notation");
    let exp: i32 = exp.parse().expect("exponent");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let digits = if prec.is_some() {
        digits.trim_end_matches('0').to_string()
    } else {
        digits
    };
    let digits = if digits.is_empty() {
        "0".into()
    } else {
        digits
    };
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = i32::try_from(p.max(1)).unwrap_or(i32::MAX);
            let nd = i32::try_from(digits.len()).unwrap_or(i32::MAX);
            if p > nd && nd > exp {
                nd
            } else {
                p
            }
        }
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp < -4 || exp >= eprec {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    } else if exp < 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(usize::try_from(-exp - 1).unwrap_or(0)));
        out.push_str(&digits);
    } else {
        let int_len = usize::try_from(exp + 1).unwrap_or(0);
        if digits.len() <= int_len {
            out.push_str(&digits);
            out.push_str(&"0".repeat(int_len - digits.len()));
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    }
    out
}

/// Prints a value as Go's fmt `%v` does.
pub fn go_string(v: &TValue) -> String {
    match v {
        TValue::Nil => "<nil>".into(),
        TValue::Missing => "<no value>".into(),
        TValue::Bool(b) => b.to_string(),
        TValue::Int(n) => n.to_string(),
        TValue::Uint(n) => n.to_string(),
        TValue::Float(f) => go_float(*f),
        TValue::Str(s) => s.clone(),
        TValue::List(l) => format!("[{}]", l.iter().map(nested).collect::<Vec<_>>().join(" ")),
        TValue::Map { entries, .. } => format!(
            "map[{}]",
            entries
                .iter()
                .map(|(k, v)| format!("{k}:{}", nested(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        TValue::Struct { fields, .. } => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(_, v)| nested(v))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

/// `%v` of a value inside a collection: nil inside is `<nil>` (and an empty
/// interface `<nil>` too).
fn nested(v: &TValue) -> String {
    match v {
        TValue::Missing => "<nil>".into(),
        other => go_string(other),
    }
}

/// `%+v`: structs with their field names.
fn go_string_plus(v: &TValue) -> String {
    match v {
        TValue::Struct { name, fields } => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{}:{}", super::value::go_name(name, k), go_string_plus(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        TValue::List(l) => format!(
            "[{}]",
            l.iter().map(go_string_plus).collect::<Vec<_>>().join(" ")
        ),
        TValue::Map { entries, .. } => format!(
            "map[{}]",
            entries
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_string_plus(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => nested(other),
    }
}

/// Go's strconv.Quote.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `fmt.Sprint`: operands joined, with a space between two non-strings.
fn sprint(args: &[TValue]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !matches!(a, TValue::Str(_)) && !matches!(args[i - 1], TValue::Str(_)) {
            out.push(' ');
        }
        out.push_str(&go_string(a));
    }
    out
}

/// `fmt.Sprintln`: operands joined by spaces, then a newline.
fn sprintln(args: &[TValue]) -> String {
    let mut s = args.iter().map(go_string).collect::<Vec<_>>().join(" ");
    s.push('\n');
    s
}

#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    fn pad(&self, s: String) -> String {
        let n = s.chars().count();
        match self.width {
            Some(w) if w > n => {
                if self.minus {
                    s + &" ".repeat(w - n)
                } else if self.zero {
                    let (sign, digits) = match s.strip_prefix(['-', '+']) {
                        Some(d) => (&s[..1], d.to_string()),
                        None => ("", s.clone()),
                    };
                    format!("{sign}{}{digits}", "0".repeat(w - n))
                } else {
                    " ".repeat(w - n) + &s
                }
            }
            _ => s,
        }
    }

    fn sign(&self, neg: bool, body: String) -> String {
        if neg {
            format!("-{body}")
        } else if self.plus {
            format!("+{body}")
        } else if self.space {
            format!(" {body}")
        } else {
            body
        }
    }
}

fn bad_verb(verb: char, v: &TValue) -> String {
    match v {
        TValue::Nil | TValue::Missing => format!("%!{verb}(<nil>)"),
        other => format!("%!{verb}({}={})", short_type(other), go_string(other)),
    }
}

fn short_type(v: &TValue) -> String {
    v.type_name()
}

fn int_of(v: &TValue) -> Option<i128> {
    match v {
        TValue::Int(n) => Some((*n).into()),
        TValue::Uint(n) => Some((*n).into()),
        _ => None,
    }
}

fn format_one(spec: &Spec, verb: char, v: &TValue) -> String {
    let s = match verb {
        'v' => {
            if spec.plus {
                go_string_plus(v)
            } else if let TValue::Float(f) = v {
                match spec.prec {
                    Some(p) => format_g(*f, Some(p), false),
                    None => go_float(*f),
                }
            } else {
                go_string(v)
            }
        }
        'T' => short_type(v),
        't' => match v {
            TValue::Bool(b) => b.to_string(),
            other => bad_verb(verb, other),
        },
        'd' | 'b' | 'o' | 'O' | 'x' | 'X' | 'c' | 'q' | 'U' if int_of(v).is_some() => {
            let n = int_of(v).unwrap_or(0);
            let neg = n < 0;
            let a = n.unsigned_abs();
            match verb {
                'd' => spec.sign(neg, a.to_string()),
                'b' => spec.sign(neg, format!("{a:b}")),
                'o' => spec.sign(neg, format!("{}{a:o}", if spec.sharp { "0" } else { "" })),
                'O' => spec.sign(neg, format!("0o{a:o}")),
                'x' => spec.sign(neg, format!("{}{a:x}", if spec.sharp { "0x" } else { "" })),
                'X' => spec.sign(neg, format!("{}{a:X}", if spec.sharp { "0X" } else { "" })),
                'c' => u32::try_from(n)
                    .ok()
                    .and_then(char::from_u32)
                    .map_or_else(|| "\u{fffd}".into(), String::from),
                'q' => {
                    let c = u32::try_from(n)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    let q = quote(&c.to_string());
                    format!("'{}'", q[1..q.len() - 1].replace("\\\"", "\""))
                }
                _ => format!("U+{a:04X}"),
            }
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match v {
                TValue::Float(f) => *f,
                other => return spec.pad(bad_verb(verb, other)),
            };
            let neg = f.is_sign_negative() && f != 0.0;
            let a = f.abs();
            let body = match verb {
                'e' | 'E' => {
                    let p = spec.prec.unwrap_or(6);
                    let s = format!("{a:.p$e}");
                    let (m, e) = s.split_once('e').expect("exponent");
                    let e: i32 = e.parse().expect("exponent digits");
                    let s = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
                    if verb == 'E' {
                        s.to_uppercase()
                    } else {
                        s
                    }
                }
                'f' | 'F' => {
                    let p = spec.prec.unwrap_or(6);
                    format!("{a:.p$}")
                }
                _ => format_g(a, spec.prec, verb == 'G'),
            };
            spec.sign(neg, body)
        }
        's' | 'q' | 'x' | 'X' => match v {
            TValue::Str(s) => {
                let s = match spec.prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.clone(),
                };
                match verb {
                    's' => s,
                    'q' => quote(&s),
                    'x' => s.bytes().map(|b| format!("{b:02x}")).collect(),
                    _ => s.bytes().map(|b| format!("{b:02X}")).collect(),
                }
            }
            TValue::List(_) | TValue::Map { .. } | TValue::Struct { .. } if verb == 's' => {
                go_string(v)
            }
            other => bad_verb(verb, other),
        },
        other => bad_verb(other, v),
    };
    spec.pad(s)
}

/// Go's `fmt.Sprintf` for the verbs templates use.
pub fn sprintf(format: &str, args: &[TValue]) -> String {
    let mut out = String::new();
    let mut next = 0usize;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = !spec.minus,
                _ => break,
            }
            chars.next();
        }
        let num = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
                   next: &mut usize|
         -> Option<usize> {
            if chars.peek() == Some(&'*') {
                chars.next();
                let n = args.get(*next).and_then(int_of);
                *next += 1;
                return n.and_then(|n| usize::try_from(n).ok());
            }
            let mut digits = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() {
                    digits.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            digits.parse().ok()
        };
        spec.width = num(&mut chars, &mut next);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.prec = Some(num(&mut chars, &mut next).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        match args.get(next) {
            Some(a) => out.push_str(&format_one(&spec, verb, a)),
            None => out.push_str(&format!("%!{verb}(MISSING)")),
        }
        next += 1;
    }
    if next < args.len() {
        out.push_str("%!(EXTRA ");
        out.push_str(
            &args[next..]
                .iter()
                .map(|a| format!("{}={}", short_type(a), go_string(a)))
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push(')');
    }
    out
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
    match item {
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
            let n = match &args[0] {
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
            TValue::Str(match &args[0] {
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
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_go() {
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(100.0), "100");
        assert_eq!(go_float(123_456.0), "123456");
        assert_eq!(go_float(1_000_000.0), "1e+06");
        assert_eq!(go_float(1_234_567.0), "1.234567e+06");
        assert_eq!(go_float(0.0001), "0.0001");
        assert_eq!(go_float(0.00001), "1e-05");
        assert_eq!(go_float(-2.25), "-2.25");
    }

    #[test]
    fn printf_verbs() {
        let s = |v: &str| TValue::Str(v.into());
        assert_eq!(sprintf("%s=%d", &[s("a"), TValue::Int(3)]), "a=3");
        assert_eq!(sprintf("[%5s|%-5s]", &[s("ab"), s("cd")]), "[   ab|cd   ]");
        assert_eq!(
            sprintf(
                "%05d %x %X %o",
                &[
                    TValue::Int(-42),
                    TValue::Int(255),
                    TValue::Int(255),
                    TValue::Int(8)
                ]
            ),
            "-0042 ff FF 10"
        );
        assert_eq!(
            sprintf(
                "%.2f %e %g",
                &[
                    TValue::Float(1.23456),
                    TValue::Float(1234.5),
                    TValue::Float(0.5)
                ]
            ),
            "1.23 1.234500e+03 0.5"
        );
        assert_eq!(
            sprintf(
                "%q %v %t",
                &[
                    s("a\"b"),
                    TValue::List(vec![s("x"), TValue::Int(1)]),
                    TValue::Bool(true)
                ]
            ),
            "\"a\\\"b\" [x 1] true"
        );
        assert_eq!(sprintf("%d %s", &[s("x")]), "%!d(string=x) %!s(MISSING)");
        assert_eq!(
            sprintf("%d", &[TValue::Int(1), s("y")]),
            "1%!(EXTRA string=y)"
        );
        assert_eq!(sprintf("100%%", &[]), "100%");
        assert_eq!(
            sprintf("%c|%U", &[TValue::Int(65), TValue::Int(0x1F600)]),
            "A|U+1F600"
        );
    }

    #[test]
    fn podman_functions() {
        let s = |v: &str| TValue::Str(v.into());
        assert_eq!(
            call("title", &[s("hello wide-world")]).unwrap(),
            s("Hello Wide-World")
        );
        assert_eq!(
            call("truncate", &[s("abcdef"), TValue::Int(3)]).unwrap(),
            s("abc")
        );
        assert_eq!(
            call("truncate", &[s("ab"), TValue::Int(3)]).unwrap(),
            s("ab")
        );
        assert_eq!(
            call("pad", &[s("x"), TValue::Int(2), TValue::Int(1)]).unwrap(),
            s("  x ")
        );
        assert_eq!(
            call("pad", &[s(""), TValue::Int(2), TValue::Int(1)]).unwrap(),
            s("")
        );
        assert_eq!(
            call("split", &[s("a,b"), s(",")]).unwrap(),
            TValue::List(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("join", &[TValue::List(vec![s("a"), s("b")]), s("+")]).unwrap(),
            s("a+b")
        );
        assert_eq!(call("json", &[s("<a&b>")]).unwrap(), s("\"<a&b>\""));
        assert_eq!(call("upper", &[s("abc")]).unwrap(), s("ABC"));
        assert_eq!(call("lower", &[s("ABC")]).unwrap(), s("abc"));
    }

    #[test]
    fn builtins() {
        let s = |v: &str| TValue::Str(v.into());
        assert_eq!(call("len", &[s("héllo")]).unwrap(), TValue::Int(6));
        assert_eq!(
            call("eq", &[TValue::Int(1), TValue::Int(2), TValue::Int(1)]).unwrap(),
            TValue::Bool(true)
        );
        assert_eq!(call("lt", &[s("a"), s("b")]).unwrap(), TValue::Bool(true));
        assert!(call("lt", &[TValue::Int(1), s("b")]).is_err());
        assert_eq!(
            call("slice", &[s("abcdef"), TValue::Int(1), TValue::Int(3)]).unwrap(),
            s("bc")
        );
        assert_eq!(
            call(
                "print",
                &[TValue::Int(1), TValue::Int(2), s("x"), TValue::Int(3)]
            )
            .unwrap(),
            s("1 2x3")
        );
        assert_eq!(
            call("println", &[s("a"), TValue::Int(1)]).unwrap(),
            s("a 1\n")
        );
        assert_eq!(
            call("html", &[s("<a href='x'>")]).unwrap(),
            s("&lt;a href=&#39;x&#39;&gt;")
        );
        assert_eq!(call("urlquery", &[s("a b&c")]).unwrap(), s("a+b%26c"));
        let m = TValue::Map {
            entries: vec![("k".into(), s("v"))],
            any: false,
        };
        assert_eq!(call("index", &[m.clone(), s("k")]).unwrap(), s("v"));
        assert_eq!(call("index", &[m, s("nope")]).unwrap(), s(""));
        let any = TValue::Map {
            entries: vec![],
            any: true,
        };
        assert_eq!(call("index", &[any, s("nope")]).unwrap(), TValue::Missing);
    }
}
