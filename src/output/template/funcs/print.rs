//! Go's fmt printing of template values: `%v` (floats, strings, nested
//! values), `print`/`println`, and `printf`'s verbs and flags.

use crate::output::template::schema;
use crate::output::template::value::{self, TValue};

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
        TValue::Struct { .. } => format!(
            "{{{}}}",
            v.printed_fields()
                .into_iter()
                .map(nested)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        TValue::Shown { text, .. } => text.clone(),
    }
}

/// `%v` of a value inside a collection: nil inside is `<nil>` (and an empty
/// interface `<nil>` too).
fn nested(v: &TValue) -> String {
    match v {
        TValue::Missing => "<nil>".into(),
        TValue::Shown {
            nested: Some(n), ..
        } => n.clone(),
        // A non-nil pointer inside a value prints as its address.
        TValue::Struct { name, .. } if name.starts_with('*') => "0xc000010000".into(),
        other => go_string(other),
    }
}

/// `%+v`: structs with their field names.
fn go_string_plus(v: &TValue) -> String {
    match v {
        // podman's Go type: its own fields under their Go names.
        TValue::Struct { name, fields } if schema::fields(name).is_some() => {
            let defs = schema::fields(name).expect("checked");
            format!(
                "{{{}}}",
                fields
                    .iter()
                    .filter(|(k, _)| defs.iter().any(|d| !d.method && d.go == *k))
                    .map(|(k, v)| format!("{k}:{}", go_string_plus(v)))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        }
        TValue::Struct { name, fields } => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{}:{}", value::go_name(name, k), go_string_plus(v)))
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
pub(super) fn sprint(args: &[TValue]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !matches!(a, TValue::Str(_)) && !matches!(args[i - 1], TValue::Str(_)) {
            out.push(' ');
        }
        out.push_str(&fmt_arg(a, go_string));
    }
    out
}

/// An operand of fmt's functions: a pointer to a struct prints `&{...}`
/// (a template's own `{{.X}}` output dereferences it first).
fn fmt_arg(v: &TValue, show: fn(&TValue) -> String) -> String {
    match v {
        TValue::Struct { name, .. } if name.starts_with('*') => format!("&{}", show(v)),
        _ => show(v),
    }
}

/// `fmt.Sprintln`: operands joined by spaces, then a newline.
pub(super) fn sprintln(args: &[TValue]) -> String {
    let mut s = args
        .iter()
        .map(|a| fmt_arg(a, go_string))
        .collect::<Vec<_>>()
        .join(" ");
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
                fmt_arg(v, go_string_plus)
            } else if let TValue::Float(f) = v {
                match spec.prec {
                    Some(p) => format_g(*f, Some(p), false),
                    None => go_float(*f),
                }
            } else {
                fmt_arg(v, go_string)
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
