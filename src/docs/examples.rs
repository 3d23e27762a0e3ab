//! The example command lines of the man pages, checked against the CLI: each
//! `$ rpod …` line must parse, and says which command it runs.

use clap::error::ErrorKind;
use clap::Command;

/// Splits a shell command line into words, as far as the first unquoted
/// `|`, `;`, `&`, `>` or `<` (what follows is another command or a redirection).
/// `$(…)` and quotes stay inside their word.
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                word.push(n);
                            }
                        }
                        _ => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    word.push(n);
                }
            }
            '$' if chars.peek() == Some(&'(') => {
                in_word = true;
                word.push('$');
                let mut depth = 0;
                for q in chars.by_ref() {
                    word.push(q);
                    match q {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            '|' | ';' | '&' | '>' | '<' => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The command an example line runs: `Ok(None)` when it does not run rpod,
/// `Ok(Some(["container", "run"]))` for `rpod container run …`, `Err` with
/// clap's message when rpod would refuse it.
pub fn invocation(root: &Command, line: &str) -> Result<Option<Vec<String>>, String> {
    let mut words = shell_words(line);
    // Leading VAR=value assignments and sudo belong to the shell.
    let skip = words
        .iter()
        .take_while(|w| {
            *w == "sudo"
                || w.split_once('=').is_some_and(|(k, _)| {
                    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
        })
        .count();
    words.drain(..skip);
    let Some(first) = words.first() else {
        return Ok(None);
    };
    if first.rsplit('/').next() != Some("rpod") {
        return Ok(None);
    }
    match root.clone().try_get_matches_from(&words) {
        Ok(matches) => {
            let mut path = Vec::new();
            let mut m = &matches;
            while let Some((name, sub)) = m.subcommand() {
                path.push(name.to_string());
                m = sub;
            }
            Ok(Some(path))
        }
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // `rpod help run`, `rpod run --help`: the command named by the leading words.
            let mut path = Vec::new();
            let mut cmd = root;
            for w in words[1..].iter().filter(|w| *w != "help") {
                match cmd.find_subcommand(w) {
                    Some(sub) => {
                        path.push(sub.get_name().to_string());
                        cmd = sub;
                    }
                    None => break,
                }
            }
            Ok(Some(path))
        }
        Err(e) => {
            let text = e.render().to_string();
            Err(text.lines().next().unwrap_or_default().to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn words() {
        assert_eq!(
            shell_words(r#"rpod run --rm -e "A=b c" 'x y' a\ b | wc -l"#),
            ["rpod", "run", "--rm", "-e", "A=b c", "x y", "a b"]
        );
        assert_eq!(
            shell_words("rpod rm $(rpod ps -aq) > /dev/null"),
            ["rpod", "rm", "$(rpod ps -aq)"]
        );
    }

    #[test]
    fn invocations() {
        let root = crate::cli::Cli::command();
        let path = |l: &str| invocation(&root, l);
        assert_eq!(
            path("rpod run --rm alpine echo hi"),
            Ok(Some(vec!["run".into()]))
        );
        assert_eq!(
            path("sudo rpod container ls -a"),
            Ok(Some(vec!["container".into(), "list".into()]))
        );
        assert_eq!(
            path("rpod help image ls"),
            Ok(Some(vec!["image".into(), "ls".into()]))
        );
        assert_eq!(path("systemctl --user start web"), Ok(None));
        let err = path("rpod run --no-such-flag alpine").unwrap_err();
        assert!(err.contains("--no-such-flag"), "{err}");
    }
}
