//! The small text format of the hand-written man page sources (`man/src/*.md`)
//! and its translation to roff.
//!
//! ```text
//! % NAME SECTION        first line of a page written whole (section 5 pages)
//! # HEADING             a section
//! ## Heading            a subsection
//! words …               a paragraph (lines up to a blank line); **bold**, *italic*, `code`
//! $ rpod run …          a command line, shown as typed (a block of them ends at a blank line)
//!     text              a line indented by four spaces: shown as typed
//! ```                   a fenced block, shown as typed, may hold blank lines
//! - item                a bullet item (continued on lines indented by two spaces)
//! TERM                  a term …
//! : definition          … and its definition (continued on the following lines)
//! | key | meaning |     a table row: the first cell is the term, the others its definition
//!                       (the header row and the |---| row are dropped)
//! ```

/// One block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `# HEADING`.
    Section(String),
    /// `## Heading`.
    Subsection(String),
    /// A paragraph of running text (inline markup not yet applied).
    Para(String),
    /// Lines shown as typed (commands, file contents, output).
    Literal(Vec<String>),
    /// A bullet item.
    Item(String),
    /// A term and its definition.
    Tagged(String, String),
}

/// Splits a source text into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            i += 1;
        } else if trimmed.starts_with("```") {
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_end().starts_with("```") {
                body.push(lines[i].trim_end().to_string());
                i += 1;
            }
            i += 1;
            blocks.push(Block::Literal(body));
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            blocks.push(Block::Subsection(h.trim().to_string()));
            i += 1;
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            blocks.push(Block::Section(h.trim().to_string()));
            i += 1;
        } else if is_literal(line) {
            let mut body = Vec::new();
            while i < lines.len() && is_literal(lines[i]) {
                let l = lines[i].trim_end();
                body.push(l.strip_prefix("    ").unwrap_or(l).to_string());
                i += 1;
            }
            blocks.push(Block::Literal(body));
        } else if let Some(first) = trimmed.strip_prefix("- ") {
            let mut item = first.trim().to_string();
            i += 1;
            while i < lines.len() && lines[i].starts_with("  ") && !lines[i].trim().is_empty() {
                item.push(' ');
                item.push_str(lines[i].trim());
                i += 1;
            }
            blocks.push(Block::Item(item));
        } else if trimmed.starts_with('|') {
            let mut rows = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                rows.push(lines[i].trim());
                i += 1;
            }
            let has_header = rows.get(1).is_some_and(|r| is_table_rule(r));
            for (n, row) in rows.iter().enumerate() {
                if is_table_rule(row) || (has_header && n == 0) {
                    continue;
                }
                let cells: Vec<&str> = row
                    .trim_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().trim_matches('|').trim())
                    .collect();
                let (tag, rest) = cells.split_first().unwrap_or((&"", &[]));
                blocks.push(Block::Tagged(tag.to_string(), rest.join("; ")));
            }
        } else if lines.get(i + 1).is_some_and(|next| next.starts_with(": ")) {
            let tag = trimmed.trim().to_string();
            let mut def = lines[i + 1][2..].trim().to_string();
            i += 2;
            while i < lines.len() && !lines[i].trim().is_empty() && !starts_block(lines[i]) {
                if lines.get(i + 1).is_some_and(|n| n.starts_with(": ")) {
                    break; // the next term
                }
                def.push(' ');
                def.push_str(lines[i].trim());
                i += 1;
            }
            blocks.push(Block::Tagged(tag, def));
        } else {
            let mut para = trimmed.trim().to_string();
            i += 1;
            while i < lines.len() && !lines[i].trim().is_empty() && !starts_block(lines[i]) {
                para.push(' ');
                para.push_str(lines[i].trim());
                i += 1;
            }
            blocks.push(Block::Para(para));
        }
    }
    blocks
}

fn is_literal(line: &str) -> bool {
    line.starts_with("$ ") || line == "$" || (line.starts_with("    ") && !line.trim().is_empty())
}

fn is_table_rule(row: &str) -> bool {
    row.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Whether a line starts a block of its own kind (so it ends a paragraph).
fn starts_block(line: &str) -> bool {
    let t = line.trim_end();
    t.starts_with("# ")
        || t.starts_with("## ")
        || t.starts_with("```")
        || t.starts_with("- ")
        || t.starts_with('|')
        || is_literal(line)
}

/// Escapes text for roff: backslashes, hyphens as `\-` (so options can be
/// copied), a few typographic characters as roff's named glyphs.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '→' => out.push_str("\\(->"),
            '←' => out.push_str("\\(<-"),
            '…' => out.push_str("\\&..."),
            '—' => out.push_str("\\(em"),
            '–' => out.push_str("\\(en"),
            '≥' => out.push_str("\\(>="),
            '≤' => out.push_str("\\(<="),
            '×' => out.push_str("\\(mu"),
            _ => out.push(c),
        }
    }
    out
}

/// A text line that roff does not take for a request (`.` or `'` first).
fn text_line(s: String) -> String {
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// Applies inline markup (`**bold**`, `*italic*`, `` `code` ``) and escapes the rest.
pub fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut plain = String::new();
    let mut i = 0;
    let flush = |plain: &mut String, out: &mut String| {
        out.push_str(&escape(plain));
        plain.clear();
    };
    let find = |from: usize, pat: &[char]| -> Option<usize> {
        (from..chars.len().saturating_sub(pat.len() - 1)).find(|&j| chars[j..].starts_with(pat))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            if let Some(end) = find(i + 1, &['`']) {
                flush(&mut plain, &mut out);
                let code: String = chars[i + 1..end].iter().collect();
                out.push_str(&format!("\\fB{}\\fR", escape(&code)));
                i = end + 1;
                continue;
            }
        } else if c == '*' && chars.get(i + 1) == Some(&'*') {
            if let Some(end) = find(i + 2, &['*', '*']) {
                flush(&mut plain, &mut out);
                let inner: String = chars[i + 2..end].iter().collect();
                out.push_str(&format!("\\fB{}\\fR", inline(&inner)));
                i = end + 2;
                continue;
            }
        } else if c == '*'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != '*')
            && (i == 0 || !chars[i - 1].is_alphanumeric())
        {
            let end = (i + 2..chars.len()).find(|&j| {
                chars[j] == '*'
                    && !chars[j - 1].is_whitespace()
                    && chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric())
            });
            if let Some(end) = end {
                flush(&mut plain, &mut out);
                let inner: String = chars[i + 1..end].iter().collect();
                out.push_str(&format!("\\fI{}\\fR", escape(&inner)));
                i = end + 1;
                continue;
            }
        }
        plain.push(c);
        i += 1;
    }
    flush(&mut plain, &mut out);
    out
}

/// Renders blocks as roff (without the page header).
pub fn to_roff(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Section(h) => out.push_str(&format!(".SH {}\n", quote_arg(h))),
            Block::Subsection(h) => out.push_str(&format!(".SS {}\n", quote_arg(h))),
            Block::Para(p) => {
                out.push_str(".PP\n");
                out.push_str(&text_line(inline(p)));
                out.push('\n');
            }
            Block::Literal(lines) => {
                out.push_str(".PP\n.RS 4\n.nf\n");
                for l in lines {
                    out.push_str(&text_line(escape(l)));
                    out.push('\n');
                }
                out.push_str(".fi\n.RE\n");
            }
            Block::Item(text) => {
                out.push_str(".IP \\(bu 2\n");
                out.push_str(&text_line(inline(text)));
                out.push('\n');
            }
            Block::Tagged(tag, def) => {
                out.push_str(".TP\n");
                out.push_str(&text_line(inline(tag)));
                out.push('\n');
                out.push_str(&text_line(inline(def)));
                out.push('\n');
            }
        }
    }
    out
}

/// A macro argument: escaped, quoted when it holds a space.
pub fn quote_arg(s: &str) -> String {
    let e = escape(s).replace('"', "\\(dq");
    if e.contains(' ') {
        format!("\"{e}\"")
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks() {
        let text = "# EXAMPLES\nRun it\nnow:\n\n$ rpod run --rm alpine\n$ rpod ps\n\n- one\n  more\n- two\n\nTERM\n: what it\nmeans\n\n| Key | Value |\n|---|---|\n| Image= | the image |\n\n```\n[Container]\n\nImage=x\n```\n";
        assert_eq!(
            parse(text),
            vec![
                Block::Section("EXAMPLES".into()),
                Block::Para("Run it now:".into()),
                Block::Literal(vec!["$ rpod run --rm alpine".into(), "$ rpod ps".into()]),
                Block::Item("one more".into()),
                Block::Item("two".into()),
                Block::Tagged("TERM".into(), "what it means".into()),
                Block::Tagged("Image=".into(), "the image".into()),
                Block::Literal(vec!["[Container]".into(), "".into(), "Image=x".into()]),
            ]
        );
    }

    #[test]
    fn inline_markup_and_escapes() {
        assert_eq!(
            inline("use `--rm` with **rpod run** on *name*.container, a*b → c"),
            "use \\fB\\-\\-rm\\fR with \\fBrpod run\\fR on \\fIname\\fR.container, a*b \\(-> c"
        );
        assert_eq!(inline("back\\slash"), "back\\eslash");
        assert_eq!(text_line(".hidden".into()), "\\&.hidden");
    }

    #[test]
    fn roff_output() {
        let roff = to_roff(&parse("# SEE ALSO\n.dotfile\n\n$ rpod ps -a\n"));
        assert_eq!(
            roff,
            ".SH \"SEE ALSO\"\n.PP\n\\&.dotfile\n.PP\n.RS 4\n.nf\n$ rpod ps \\-a\n.fi\n.RE\n"
        );
    }
}
