//! `.containerignore` / `.dockerignore` with Docker's pattern semantics
//! (moby/patternmatcher): one pattern a line, `#` comments, blank lines
//! skipped; each pattern cleaned (`a/./b/../c` → `a/c`) and a leading `/`
//! dropped; `*` and `?` stay within one path component, `**` spans any
//! number of them, `[...]` are character classes, `\` escapes; a pattern
//! also matches everything under a directory it matches; later patterns
//! win, and `!pattern` takes back what earlier ones excluded.

use std::path::Path;

/// One pattern of an ignore file.
#[derive(Debug, Clone)]
struct Pattern {
    regex: regex::Regex,
    exclusion: bool,
    cleaned: String,
}

/// A compiled ignore file.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    patterns: Vec<Pattern>,
}

impl Ignore {
    /// Compiles the text of an ignore file.
    pub fn parse(text: &str) -> Result<Ignore, String> {
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        Ignore::new(&lines)
    }

    /// Compiles patterns (as the lines of an ignore file, or `--exclude`s).
    pub fn new(lines: &[String]) -> Result<Ignore, String> {
        let mut patterns = Vec::new();
        for line in lines {
            let mut p = line.trim();
            if p.is_empty() {
                continue;
            }
            let exclusion = p.starts_with('!');
            if exclusion {
                p = p[1..].trim();
                if p.is_empty() {
                    return Err("illegal exclusion pattern: \"!\"".into());
                }
            }
            let mut cleaned = clean(p);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let regex = compile(&cleaned).map_err(|e| format!("pattern {line:?}: {e}"))?;
            patterns.push(Pattern {
                regex,
                exclusion,
                cleaned,
            });
        }
        Ok(Ignore { patterns })
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether some pattern is an exception (`!...`): an excluded
    /// directory must then still be walked.
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// Whether an excluded directory must still be walked: some exception
    /// pattern names a path inside it literally (Docker's rule: `!*/x`
    /// does not reach into an excluded `dir`, `!dir/x` does).
    pub fn may_reinclude_under(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        self.patterns
            .iter()
            .any(|p| p.exclusion && format!("{}/", p.cleaned).starts_with(&prefix))
    }

    /// Whether `path` (relative, `/`-separated) is excluded, by a pattern
    /// matching it or one of its parent directories (`MatchesOrParentMatches`).
    pub fn excludes(&self, path: &str) -> bool {
        let path = path.trim_start_matches('/');
        let parents: Vec<&str> = match path.rfind('/') {
            Some(at) => path[..at].split('/').collect(),
            None => Vec::new(),
        };
        let mut matched = false;
        for p in &self.patterns {
            if p.exclusion != matched {
                continue;
            }
            let mut hit = p.regex.is_match(path);
            if !hit {
                for i in 0..parents.len() {
                    if p.regex.is_match(&parents[..=i].join("/")) {
                        hit = true;
                        break;
                    }
                }
            }
            if hit {
                matched = !p.exclusion;
            }
        }
        matched
    }
}

/// Go's `filepath.Clean` for `/`-separated paths.
pub fn clean(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|c| *c != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            c => out.push(c),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// A cleaned pattern as an anchored regex (patternmatcher's `compile`).
fn compile(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let mut re = String::from("^");
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        match ch {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                // `**/` is `**`.
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                if i >= chars.len() {
                    re.push_str(".*");
                } else {
                    re.push_str("(.*/)?");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '.' | '+' | '(' | ')' | '|' | '{' | '}' | '$' | '^' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => match chars.get(i) {
                Some(&next) => {
                    i += 1;
                    re.push_str(&regex::escape(&next.to_string()));
                }
                None => re.push_str("\\\\"),
            },
            '[' | ']' => re.push(ch),
            _ => re.push_str(&regex::escape(&ch.to_string())),
        }
    }
    re.push('$');
    regex::Regex::new(&re)
}

/// Reads the ignore file of a build: `explicit` (`--ignorefile`), else
/// `<dockerfile>.containerignore` / `.dockerignore` beside the Dockerfile,
/// else `.containerignore` / `.dockerignore` at the context's root.
pub fn load(
    context: &Path,
    dockerfile: Option<&Path>,
    explicit: Option<&Path>,
) -> Result<Ignore, String> {
    let read = |p: &Path| -> Result<Option<Ignore>, String> {
        match fs_err::read_to_string(p) {
            Ok(text) => Ignore::parse(&text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!(
                "reading {}: {}",
                p.display(),
                crate::sys::os_text(&e)
            )),
        }
    };
    if let Some(p) = explicit {
        return read(p)?.ok_or_else(|| format!("ignore file {} not found", p.display()));
    }
    let mut candidates = Vec::new();
    if let Some(df) = dockerfile {
        for ext in ["containerignore", "dockerignore"] {
            let mut name = df.as_os_str().to_os_string();
            name.push(format!(".{ext}"));
            candidates.push(std::path::PathBuf::from(name));
        }
    }
    candidates.push(context.join(".containerignore"));
    candidates.push(context.join(".dockerignore"));
    for c in candidates {
        if let Some(i) = read(&c)? {
            return Ok(i);
        }
    }
    Ok(Ignore::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ig(lines: &[&str]) -> Ignore {
        Ignore::new(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn docker_pattern_semantics() {
        let i = ig(&[
            "node_modules",
            "*.log",
            "!keep.log",
            "/build/",
            "docs/**/*.md",
            "**/tmp",
            "a?c",
        ]);
        assert!(i.excludes("node_modules"));
        assert!(i.excludes("node_modules/x/y.js"));
        assert!(
            !i.excludes("src/node_modules"),
            "no leading ** means the root only"
        );
        assert!(i.excludes("debug.log"));
        assert!(!i.excludes("logs/debug.log"), "* does not cross /");
        assert!(!i.excludes("keep.log"));
        assert!(i.excludes("build"));
        assert!(i.excludes("build/out.o"));
        assert!(i.excludes("docs/a/b/c.md"));
        assert!(i.excludes("docs/c.md"), "**/ matches zero directories");
        assert!(!i.excludes("docs/c.txt"));
        assert!(i.excludes("tmp"));
        assert!(i.excludes("x/y/tmp/z"));
        assert!(i.excludes("abc") && !i.excludes("ac") && !i.excludes("a/c"));
    }

    #[test]
    fn later_patterns_win_and_exceptions_reinclude() {
        let i = ig(&["*", "!src", "src/secret"]);
        assert!(i.excludes("Dockerfile"));
        assert!(!i.excludes("src"));
        assert!(!i.excludes("src/main.rs"));
        assert!(i.excludes("src/secret"));
        assert!(i.has_exceptions());
        assert!(i.may_reinclude_under("src"));
        let i = ig(&["subdir1", "subdir2", "!*/sub1*", "!subdir1/sub3*"]);
        assert!(i.may_reinclude_under("subdir1") && !i.may_reinclude_under("subdir2"));
        let i = ig(&["dir", "!dir/keep"]);
        assert!(i.excludes("dir/other"));
        assert!(!i.excludes("dir/keep"));
        let i = ig(&["**"]);
        assert!(i.excludes("anything/at/all"));
    }

    #[test]
    fn cleaning_comments_and_escapes() {
        let i = Ignore::parse("# comment\n\n  ./a/../b  \n\\#literal\nx\\*y\n").unwrap();
        assert!(i.excludes("b"));
        assert!(i.excludes("#literal"));
        assert!(i.excludes("x*y") && !i.excludes("xzy"));
        assert!(!i.excludes("a"));
        assert_eq!(clean("/../a//b/./c/.."), "/a/b");
        assert_eq!(clean("a/../.."), "..");
        assert_eq!(clean(""), ".");
        assert!(Ignore::new(&["!".into()]).is_err());
        let i = ig(&["file.(txt)"]);
        assert!(i.excludes("file.(txt)") && !i.excludes("fileX(txt)"));
    }

    #[test]
    fn the_ignore_file_is_found() {
        let dir = tempfile::tempdir().unwrap();
        fs_err::write(dir.path().join(".dockerignore"), "a\n").unwrap();
        assert!(load(dir.path(), None, None).unwrap().excludes("a"));
        fs_err::write(dir.path().join(".containerignore"), "b\n").unwrap();
        let i = load(dir.path(), None, None).unwrap();
        assert!(i.excludes("b") && !i.excludes("a"));
        let df = dir.path().join("Dockerfile.prod");
        fs_err::write(dir.path().join("Dockerfile.prod.dockerignore"), "c\n").unwrap();
        assert!(load(dir.path(), Some(&df), None).unwrap().excludes("c"));
        assert!(load(dir.path(), None, Some(&dir.path().join("missing"))).is_err());
    }
}
