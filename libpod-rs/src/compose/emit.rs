//! Writing a tree as Docker Compose prints it: YAML as Go's yaml.v3 encoder
//! writes it with an indent of 2 (its quoting rules, literal blocks, its
//! "natural" key order for maps), and JSON as Go's `json.MarshalIndent`
//! (two spaces, `<>&` escaped, no final newline). Key order of structs is
//! decided before (see `config.rs`); this file writes what it is given.

use std::cmp::Ordering;
use std::fmt::Write;

use super::yaml::{format_float, format_float_json, resolve_plain, Node, Value};

/// The tree as YAML, keys in the order they are in the tree.
pub fn plain_yaml(node: &Node) -> String {
    let mut out = String::new();
    match &node.value {
        Value::Map(m) if !m.is_empty() => write_map(&mut out, node, 0),
        Value::Seq(s) if !s.is_empty() => write_seq(&mut out, node, 0),
        _ => {
            out.push_str(&scalar(node, 0));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}

fn is_block(node: &Node) -> bool {
    match &node.value {
        Value::Map(m) => !m.is_empty(),
        Value::Seq(s) => !s.is_empty(),
        _ => false,
    }
}

fn write_map(out: &mut String, node: &Node, level: usize) {
    let Value::Map(map) = &node.value else {
        return;
    };
    for e in map.iter() {
        indent(out, level);
        out.push_str(&string_scalar(&e.key, level, true));
        out.push(':');
        write_value_after_key(out, &e.value, level);
    }
}

fn write_value_after_key(out: &mut String, value: &Node, level: usize) {
    match &value.value {
        Value::Map(_) if is_block(value) => {
            out.push('\n');
            write_map(out, value, level + 2);
        }
        Value::Seq(_) if is_block(value) => {
            out.push('\n');
            write_seq(out, value, level + 2);
        }
        _ => {
            out.push(' ');
            out.push_str(&scalar(value, level + 2));
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, node: &Node, level: usize) {
    let Value::Seq(items) = &node.value else {
        return;
    };
    for item in items {
        indent(out, level);
        out.push_str("- ");
        match &item.value {
            Value::Map(map) if !map.is_empty() => {
                // The first key goes on the dash's line, the others below it.
                let mut first = true;
                for e in map.iter() {
                    if !first {
                        indent(out, level + 2);
                    }
                    first = false;
                    out.push_str(&string_scalar(&e.key, level + 2, true));
                    out.push(':');
                    write_value_after_key(out, &e.value, level + 2);
                }
            }
            Value::Seq(s) if !s.is_empty() => {
                out.push('\n');
                write_seq(out, item, level + 2);
            }
            _ => {
                out.push_str(&scalar(item, level + 2));
                out.push('\n');
            }
        }
    }
}

fn scalar(node: &Node, level: usize) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_float(*f),
        Value::Str(s) => string_scalar(s, level, false),
        Value::Seq(_) => "[]".into(),
        Value::Map(_) => "{}".into(),
    }
}

/// How yaml.v3 writes a string: plain when it reads back as the same
/// string, a literal block when it has line breaks, else quoted (also
/// used by `kube generate`).
pub(crate) fn string_scalar(s: &str, level: usize, key: bool) -> String {
    if s.contains('\n') && !key {
        if let Some(block) = literal_block(s, level) {
            return block;
        }
        return double_quoted(s);
    }
    let resolves_to_string =
        !s.is_empty() && matches!(resolve_plain(s), Value::Str(_)) && !is_timestamp(s);
    let can_plain = resolves_to_string && !is_base60_float(s) && !is_old_bool(s) && s != "<<";
    if !can_plain {
        return double_quoted(s);
    }
    let a = analyze(s);
    if a.block_plain {
        s.to_string()
    } else if a.single_quoted {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

struct Analysis {
    block_plain: bool,
    single_quoted: bool,
    block: bool,
}

/// libyaml's `yaml_emitter_analyze_scalar`, for the block context.
fn analyze(s: &str) -> Analysis {
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let mut special = false;
    let (mut leading_space, mut trailing_space, mut leading_break, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break, mut line_breaks) = (false, false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = i + 1 >= n || matches!(chars[i + 1], ' ' | '\t' | '\n' | '\r');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        let printable = matches!(c, '\t' | '\n' | '\r')
            || (c >= ' '
                && c != '\u{7f}'
                && !matches!(
                    c,
                    '\u{80}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ));
        if !printable {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if c == '\n' || c == '\r' {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t' | '\n' | '\r');
    }
    let mut a = Analysis {
        block_plain: true,
        single_quoted: true,
        block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single_quoted = false;
    }
    if space_break || special {
        a.block_plain = false;
        a.single_quoted = false;
        a.block = false;
    }
    if line_breaks || block_indicators {
        a.block_plain = false;
    }
    a
}

fn literal_block(s: &str, level: usize) -> Option<String> {
    if !analyze(s).block {
        return None;
    }
    let chomp = if !s.ends_with('\n') {
        "-"
    } else if s.ends_with("\n\n") {
        "+"
    } else {
        ""
    };
    let indicator = if s.starts_with(' ') || s.starts_with('\n') {
        "2"
    } else {
        ""
    };
    let mut out = format!("|{indicator}{chomp}");
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            indent(&mut out, level);
            out.push_str(line);
        }
    }
    Some(out)
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// yaml.v3's `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (main, frac) = match b.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (b, None),
    };
    if let Some(f) = frac {
        if !f.chars().all(|c| c.is_ascii_digit() || c == '_') {
            return false;
        }
    }
    let mut parts = main.split(':');
    let Some(head) = parts.next() else {
        return false;
    };
    if !head.starts_with(|c: char| c.is_ascii_digit())
        || !head.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return false;
    }
    let mut count = 0;
    for p in parts {
        count += 1;
        let ok = match p.len() {
            1 => p.as_bytes()[0].is_ascii_digit(),
            2 => (b'0'..=b'5').contains(&p.as_bytes()[0]) && p.as_bytes()[1].is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    count > 0
}

/// Whether yaml.v3 would read the plain string as a timestamp (`2001-12-14`...).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let rest = &s[5..];
    let digits = |t: &str| -> Option<usize> {
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&n).then_some(n)
    };
    let Some(m) = digits(rest) else { return false };
    let rest = &rest[m..];
    let Some(rest) = rest.strip_prefix('-') else {
        return false;
    };
    let Some(d) = digits(rest) else { return false };
    let rest = &rest[d..];
    rest.is_empty() || rest.starts_with(['T', 't', ' '])
}

/// yaml.v3's order of map keys: digits compare as numbers, letters after
/// the other characters where a number came before.
pub fn yaml_key_cmp(a: &str, b: &str) -> Ordering {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut digits = false;
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            digits = ar[i].is_ascii_digit();
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            let a_less = if digits { al } else { bl };
            return if a_less {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an
                .saturating_mul(10)
                .saturating_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn
                .saturating_mul(10)
                .saturating_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

/// The tree as JSON, as Go's `json.MarshalIndent(v, "", "  ")` writes it.
pub fn json(node: &Node) -> String {
    let mut out = String::new();
    write_json(&mut out, node, 0);
    out
}

fn write_json(out: &mut String, node: &Node, level: usize) {
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&format_float_json(*f)),
        Value::Str(s) => json_string(out, s),
        Value::Seq(items) if items.is_empty() => out.push_str("[]"),
        Value::Seq(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 2);
                write_json(out, it, level + 2);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::Map(m) if m.is_empty() => out.push_str("{}"),
        Value::Map(m) => {
            out.push('{');
            for (i, e) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                indent(out, level + 2);
                json_string(out, &e.key);
                out.push_str(": ");
                write_json(out, &e.value, level + 2);
            }
            out.push('\n');
            indent(out, level);
            out.push('}');
        }
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_as_yaml_v3_quotes_them() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("3000", "\"3000\""),
            ("true", "\"true\""),
            ("yes", "\"yes\""),
            ("null", "\"null\""),
            ("", "\"\""),
            ("1.5", "\"1.5\""),
            ("0440", "\"0440\""),
            ("1:20", "\"1:20\""),
            ("2001-12-14", "\"2001-12-14\""),
            ("02:42:ac:11:65:43", "02:42:ac:11:65:43"),
            ("8080:80", "8080:80"),
            ("a: b", "'a: b'"),
            ("- x", "'- x'"),
            ("#x", "'#x'"),
            ("a #b", "'a #b'"),
            ("a#b", "a#b"),
            (" lead", "' lead'"),
            ("it's: x", "'it''s: x'"),
            ("*", "'*'"),
            ("echo \"hello world\"", "echo \"hello world\""),
            ("label=level:s0:c100,c200", "label=level:s0:c100,c200"),
            ("{x}", "'{x}'"),
            ("tab\there", "tab\there"),
            ("bell\u{7}", "\"bell\\a\""),
            ("<<", "\"<<\""),
            ("~/x", "~/x"),
        ];
        for (s, want) in cases {
            assert_eq!(string_scalar(s, 0, false), *want, "{s:?}");
        }
    }

    #[test]
    fn multi_line_strings_are_literal_blocks() {
        assert_eq!(
            string_scalar("FROM alpine\nRUN x\n", 4, false),
            "|\n    FROM alpine\n    RUN x"
        );
        assert_eq!(string_scalar("a\nb", 2, false), "|-\n  a\n  b");
        assert_eq!(string_scalar("a \nb", 2, false), "\"a \\nb\"");
    }

    #[test]
    fn yaml_key_order() {
        let mut keys = vec!["b", "a10", "a2", "a-b", "ab", "A", "x_1", "x1"];
        keys.sort_by(|a, b| yaml_key_cmp(a, b));
        assert_eq!(keys, vec!["A", "a-b", "a2", "a10", "ab", "b", "x_1", "x1"]);
    }

    #[test]
    fn json_is_go_style() {
        let file: std::sync::Arc<str> = std::sync::Arc::from("t");
        let n =
            super::super::yaml::parse_documents("a: [1, 'x&y']\nb: {}\nc: null\nd: 0.5\n", &file)
                .unwrap()
                .remove(0);
        assert_eq!(
            json(&n),
            "{\n  \"a\": [\n    1,\n    \"x\\u0026y\"\n  ],\n  \"b\": {},\n  \"c\": null,\n  \"d\": 0.5\n}"
        );
    }
}
