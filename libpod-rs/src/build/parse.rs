//! The Dockerfile's lines, as BuildKit's parser reads them: the parser
//! directives at the top (`# syntax=`, `# escape=`, `# check=`), comments
//! and blank lines skipped, line continuations joined (the escape
//! character at the end of a line, comment and empty lines inside a
//! continuation dropped), the instruction's keyword and its `--flags`
//! split off, and the here-documents of RUN, COPY and ADD (`<<EOF`,
//! `<<-EOF` stripping leading tabs, `<<"EOF"` without expansion, several
//! per line, anywhere in the line) collected with their contents.
//!
//! Why not the parse-dockerfile crate: its RUN here-documents must be the
//! first word and only one is read (`RUN python3 <<EOF` or
//! `RUN cat <<EOF >f` make it read the document's lines as instructions),
//! and its shell-form arguments keep line continuations and the comment
//! lines inside them, so half of this module would be needed on top of it.
//! The typed instructions are made from these nodes in `instructions`.

use super::shell::{Lexer, NoVars};

/// Where in the Dockerfile something went wrong, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dockerfile parse error on line {line}: {message}")]
pub struct ParseError {
    /// The first line of the instruction (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The parser directives found at the top of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directives {
    /// `# syntax=`: the frontend image BuildKit would use (rpod notes it only).
    pub syntax: Option<String>,
    /// `# escape=`: `\` (the default) or `` ` ``.
    pub escape: char,
    /// `# check=`: lint settings (noted only).
    pub check: Option<String>,
}

/// A here-document attached to an instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word, quotes removed (`EOF`).
    pub name: String,
    /// The file descriptor written before `<<` (`3<<EOF`), 0 when none.
    pub fd: u32,
    /// Whether variables in the content are expanded (the delimiter was not quoted).
    pub expand: bool,
    /// `<<-`: leading tabs are removed from the content's lines.
    pub chomp: bool,
    /// The lines between the instruction and the delimiter, each with its newline.
    pub content: String,
}

impl Heredoc {
    /// The content as the instruction sees it (leading tabs gone for `<<-`).
    pub fn text(&self) -> String {
        if !self.chomp {
            return self.content.clone();
        }
        self.content
            .split_inclusive('\n')
            .map(|l| l.trim_start_matches('\t'))
            .collect()
    }
}

/// One instruction as written: keyword, flags, the rest, its here-documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The keyword as written (`RUN`, `run`).
    pub keyword: String,
    /// The `--name[=value]` words before the arguments, quotes processed.
    pub flags: Vec<String>,
    /// The arguments after the flags, continuations joined, trimmed.
    pub rest: String,
    /// Here-documents, in the order of their delimiters on the line.
    pub heredocs: Vec<Heredoc>,
    /// The whole logical line as written (continuations joined).
    pub original: String,
    /// First line of the instruction (1-based).
    pub start_line: usize,
    /// Last line, here-documents included.
    pub end_line: usize,
}

impl Node {
    /// The keyword in lower case, for matching.
    pub fn command(&self) -> String {
        self.keyword.to_ascii_lowercase()
    }
}

/// A Dockerfile split into instructions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The directives.
    pub directives: Directives,
    /// The instructions, in order.
    pub nodes: Vec<Node>,
    /// Things BuildKit warns about (empty continuation lines).
    pub warnings: Vec<String>,
}

/// Splits the Dockerfile `text` into instructions.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut directives = Directives {
        syntax: None,
        escape: '\\',
        check: None,
    };
    let mut directives_done = false;
    let mut seen: Vec<String> = Vec::new();
    let mut nodes = Vec::new();
    let mut warnings = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        i += 1;
        let start_line = i;
        let line = trim_newline(raw).trim_start();
        if !directives_done {
            match directive(line) {
                Some((key, value)) => {
                    if seen.contains(&key) {
                        return Err(ParseError {
                            line: start_line,
                            message: format!("only one {key} parser directive can be used"),
                        });
                    }
                    match key.as_str() {
                        "syntax" => directives.syntax = Some(value),
                        "check" => directives.check = Some(value),
                        _ => {
                            directives.escape = match value.as_str() {
                                "\\" => '\\',
                                "`" => '`',
                                _ => {
                                    return Err(ParseError {
                                        line: start_line,
                                        message: format!(
                                            "invalid escape token '{value}' does not match ` or \\"
                                        ),
                                    })
                                }
                            }
                        }
                    }
                    seen.push(key);
                    continue;
                }
                None => directives_done = true,
            }
        }
        if is_comment(line) {
            continue;
        }
        let escape = directives.escape;
        let (first, mut ended) = trim_continuation(line, escape);
        if ended && first.is_empty() {
            continue;
        }
        let mut logical = first.to_string();
        let mut empty_continuation = false;
        while !ended && i < lines.len() {
            let next = trim_newline(lines[i]);
            i += 1;
            if is_comment(next) {
                continue;
            }
            if next.trim_start().is_empty() {
                empty_continuation = true;
                continue;
            }
            let (part, end) = trim_continuation(next, escape);
            logical.push_str(part);
            ended = end;
        }
        if empty_continuation {
            warnings.push(format!("Empty continuation line found in: {logical}"));
        }
        let err = |message: String| ParseError {
            line: start_line,
            message,
        };
        let mut node = node_from_line(&logical, escape).map_err(err)?;
        if node_takes_heredocs(&node, escape) && logical.contains("<<") {
            for mut doc in heredocs_in_line(&logical).map_err(err)? {
                let mut terminated = false;
                while i < lines.len() {
                    let body = lines[i];
                    i += 1;
                    let mut candidate = body.trim_end_matches(['\r', '\n']);
                    if doc.chomp {
                        candidate = candidate.trim_start_matches('\t');
                    }
                    if candidate == doc.name {
                        terminated = true;
                        break;
                    }
                    doc.content.push_str(body);
                }
                if !terminated {
                    return Err(err("unterminated heredoc".into()));
                }
                node.heredocs.push(doc);
            }
        }
        node.start_line = start_line;
        node.end_line = i;
        nodes.push(node);
    }
    if nodes.is_empty() {
        return Err(ParseError {
            line: lines.len(),
            message: "file with no instructions".into(),
        });
    }
    Ok(Parsed {
        directives,
        nodes,
        warnings,
    })
}

fn trim_newline(s: &str) -> &str {
    s.trim_end_matches(['\r', '\n'])
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// A parser directive (`# key=value`, key one of syntax, escape, check).
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('#')?.trim_start();
    let (key, value) = rest.split_once('=')?;
    let key = key.trim_end();
    let mut chars = key.chars();
    if !chars.next()?.is_ascii_alphabetic() || !chars.all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let key = key.to_ascii_lowercase();
    matches!(key.as_str(), "syntax" | "escape" | "check").then(|| (key, value.to_string()))
}

/// Removes a line-continuation escape (the escape character last on the
/// line, blanks after it allowed, not itself escaped); returns the line and
/// whether the instruction ends here.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let Some(before) = trimmed.strip_suffix(escape) else {
        return (line, true);
    };
    if before.ends_with(escape) {
        return (line, true);
    }
    (before, false)
}

/// Splits a logical line into keyword, flags and the rest (BuildKit's `splitCommand`).
pub(crate) fn node_from_line(line: &str, escape: char) -> Result<Node, String> {
    let line_trimmed = line.trim();
    let (keyword, args) = match line_trimmed.find(is_blank) {
        Some(at) => (
            &line_trimmed[..at],
            line_trimmed[at..].trim_start_matches(is_blank),
        ),
        None => (line_trimmed, ""),
    };
    let (rest, flags) = if args.is_empty() {
        (String::new(), Vec::new())
    } else {
        extract_flags(args, escape)
    };
    Ok(Node {
        keyword: keyword.to_string(),
        flags,
        rest: rest.trim().to_string(),
        heredocs: Vec::new(),
        original: line.to_string(),
        start_line: 0,
        end_line: 0,
    })
}

fn is_blank(c: char) -> bool {
    matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

/// The leading `--flag[=value]` words (quotes and escapes processed) and
/// the rest of the line after them (BuildKit's `extractBuilderFlags`).
fn extract_flags(line: &str, escape: char) -> (String, Vec<String>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut k = 0;
    while k < chars.len() {
        let (at, ch) = chars[k];
        if !in_word {
            if ch.is_whitespace() {
                k += 1;
                continue;
            }
            let dashdash = ch == '-' && chars.get(k + 1).is_some_and(|&(_, c)| c == '-');
            if !dashdash {
                return (line[at..].to_string(), words);
            }
            in_word = true;
        }
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            } else if ch == escape {
                k += 1;
                match chars.get(k) {
                    Some(&(_, c)) => word.push(c),
                    None => quote = None,
                }
            } else {
                word.push(ch);
            }
            k += 1;
            continue;
        }
        if ch.is_whitespace() {
            in_word = false;
            if word == "--" {
                return (line[at..].to_string(), words);
            }
            if blank_ok || !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.clear();
            blank_ok = false;
            k += 1;
            continue;
        }
        if ch == '\'' || ch == '"' {
            quote = Some(ch);
            blank_ok = true;
            k += 1;
            continue;
        }
        if ch == escape {
            k += 1;
            match chars.get(k) {
                Some(&(_, c)) => word.push(c),
                None => continue,
            }
            k += 1;
            continue;
        }
        word.push(ch);
        k += 1;
    }
    if in_word && word != "--" && (blank_ok || !word.is_empty()) {
        words.push(word);
    }
    (String::new(), words)
}

/// Whether here-documents are read after this instruction: RUN, COPY and
/// ADD in their shell form (also as an ONBUILD trigger).
fn node_takes_heredocs(node: &Node, escape: char) -> bool {
    let (command, rest) = if node.command() == "onbuild" {
        match node_from_line(&node.rest, escape) {
            Ok(child) => (child.command(), child.rest),
            Err(_) => return false,
        }
    } else {
        (node.command(), node.rest.clone())
    };
    matches!(command.as_str(), "run" | "copy" | "add") && json_array(&rest).is_none()
}

/// The here-document delimiters on a line, in order (BuildKit's `heredocsFromLine`).
fn heredocs_in_line(line: &str) -> Result<Vec<Heredoc>, String> {
    let lx = Lexer {
        raw_quotes: true,
        raw_escapes: true,
        skip_unset: true,
        ..Lexer::new('\\')
    };
    let words = lx.words(line, &NoVars).unwrap_or_default();
    let mut docs = Vec::new();
    for word in words {
        if let Some(doc) = heredoc_word(&word)? {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// A word that opens a here-document (`<<EOF`, `<<-EOF`, `3<<'EOF'`), or `None`.
pub fn heredoc_word(word: &str) -> Result<Option<Heredoc>, String> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let Some(after) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, after) = match after.strip_prefix('-') {
        Some(a) => (true, a),
        None => (false, after),
    };
    let rest = after.trim_start();
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let fd = if digits == 0 {
        0
    } else {
        word[..digits].parse().unwrap_or(0)
    };
    let plain = Lexer {
        skip_unset: true,
        ..Lexer::new('\\')
    };
    let words = plain.words(rest, &NoVars).map_err(|e| e.to_string())?;
    if words.len() != 1 {
        return Ok(None);
    }
    let raw = Lexer {
        raw_quotes: true,
        ..plain
    };
    let raw_words = raw.words(rest, &NoVars).map_err(|e| e.to_string())?;
    if raw_words.len() != 1 {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {rest}"
        ));
    }
    let quotes = |s: &str| s.chars().filter(|c| *c == '\'' || *c == '"').count();
    Ok(Some(Heredoc {
        name: words[0].clone(),
        fd,
        expand: quotes(&words[0]) == quotes(&raw_words[0]),
        chomp,
        content: String::new(),
    }))
}

/// A JSON array of strings (the exec form), `None` when `rest` is not a
/// JSON array; `Some(Err)` when it is one but holds something else.
pub(crate) fn json_array(rest: &str) -> Option<Result<Vec<String>, String>> {
    let rest = rest.trim_start();
    if !rest.starts_with('[') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(rest).ok()?;
    let items = value.as_array()?;
    Some(
        items
            .iter()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    "when using JSON array syntax, arrays must be comprised of strings only"
                        .to_string()
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let p = parse(text).unwrap();
        assert_eq!(p.nodes.len(), 1, "{:?}", p.nodes);
        p.nodes.into_iter().next().unwrap()
    }

    #[test]
    fn directives_comments_and_continuations() {
        let p = parse(
            "# syntax=docker/dockerfile:1\n# escape=`\n\n# a comment\nFROM busybox\nENV X=\"a b\" `\n    Y=c\\d\nRUN echo a `\n# inside\n\n  b\n",
        )
        .unwrap();
        assert_eq!(p.directives.syntax.as_deref(), Some("docker/dockerfile:1"));
        assert_eq!(p.directives.escape, '`');
        assert_eq!(p.nodes.len(), 3);
        assert_eq!(p.nodes[1].rest, "X=\"a b\"     Y=c\\d");
        assert_eq!(p.nodes[1].start_line, 6);
        assert_eq!(p.nodes[2].rest, "echo a   b");
        assert_eq!(p.nodes[2].start_line, 8);
        assert_eq!(p.nodes[2].end_line, 11);
        assert_eq!(p.warnings.len(), 1);
        // A directive after an instruction is a comment.
        let p = parse("FROM a\n# escape=`\nRUN x \\\n y\n").unwrap();
        assert_eq!(p.directives.escape, '\\');
        assert_eq!(p.nodes[1].rest, "x  y");
        // An escaped escape character does not continue the line.
        assert_eq!(
            parse("FROM a\nRUN x \\\\\n").unwrap().nodes[1].rest,
            "x \\\\"
        );
        let e = parse("# escape=x\nFROM a\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(parse("\n\n# only a comment\n").is_err());
        assert!(parse("# escape=`\n# escape=\\\nFROM a\n").is_err());
    }

    #[test]
    fn flags_are_split_off() {
        let n = one("COPY --from=build --chown=\"1:2\" --link a b /dst/\n");
        assert_eq!(n.flags, vec!["--from=build", "--chown=1:2", "--link"]);
        assert_eq!(n.rest, "a b /dst/");
        let n = one("RUN --mount=type=cache,target=/c --network=none -- echo --x\n");
        assert_eq!(
            n.flags,
            vec!["--mount=type=cache,target=/c", "--network=none"]
        );
        assert_eq!(n.rest, "echo --x");
        let n = one("from   --platform=$BUILDPLATFORM   base AS b\n");
        assert_eq!(n.command(), "from");
        assert_eq!(n.flags, vec!["--platform=$BUILDPLATFORM"]);
        assert_eq!(n.rest, "base AS b");
    }

    #[test]
    fn heredocs_anywhere_several_and_quoted() {
        let p = parse(
            "FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN <<A <<'B' cat - /dev/fd/3\n$x\nA\n$y\nB\nRUN <<-EOT\n\techo hi\n\tEOT\nCOPY <<one.txt <<\"two\" /d/\n1\none.txt\n2\ntwo\nRUN cat <<EOF > /f && echo done\nxx\nEOF\nRUN [\"echo\", \"<<EOF\"]\n",
        )
        .unwrap();
        let n = &p.nodes;
        assert_eq!(n.len(), 7);
        assert_eq!(n[1].rest, "python3 <<EOF");
        assert_eq!(n[1].heredocs[0].name, "EOF");
        assert_eq!(n[1].heredocs[0].content, "print(1)\n");
        assert_eq!(n[2].heredocs.len(), 2);
        assert!(n[2].heredocs[0].expand && !n[2].heredocs[1].expand);
        assert_eq!(n[2].heredocs[1].name, "B");
        assert_eq!(n[2].heredocs[1].content, "$y\n");
        assert!(n[3].heredocs[0].chomp);
        assert_eq!(n[3].heredocs[0].text(), "echo hi\n");
        assert_eq!(n[4].heredocs[0].name, "one.txt");
        assert!(!n[4].heredocs[1].expand);
        assert_eq!(n[5].heredocs[0].content, "xx\n");
        assert_eq!(n[5].end_line, 20);
        assert!(n[6].heredocs.is_empty());
        let e = parse("FROM a\nRUN <<EOF\nnever ends\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "unterminated heredoc"));
        assert_eq!(heredoc_word("3<<EOF").unwrap().unwrap().fd, 3);
        assert!(heredoc_word("<<").unwrap().is_none());
        assert!(heredoc_word("a<<b").unwrap().is_none());
    }

    #[test]
    fn json_arrays() {
        assert_eq!(
            json_array(r#"["a", "b c"]"#),
            Some(Ok(vec!["a".into(), "b c".into()]))
        );
        assert!(json_array("[1]").unwrap().is_err());
        assert_eq!(json_array("[ \"x\","), None);
        assert_eq!(json_array("echo"), None);
    }
}
