//! Environment variables as typed pairs: `-e NAME=VALUE`, `-e NAME` (the
//! caller's value), `--env-file`, and the rule that a later entry replaces
//! an earlier one of the same name.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::Invalid;

/// One environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVar {
    /// Its name (never empty).
    pub name: String,
    /// Its value.
    pub value: String,
}

impl EnvVar {
    /// A variable.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> EnvVar {
        EnvVar {
            name: name.into(),
            value: value.into(),
        }
    }

    /// `NAME=VALUE`, or `NAME` alone: its value from `lookup` (the
    /// caller's environment), and no variable when it has none (as podman).
    pub fn parse_with(
        s: &str,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<EnvVar>, Invalid> {
        match s.split_once('=') {
            Some(_) => s.parse().map(Some),
            None if s.is_empty() => Err(Invalid::new("a variable needs a name")),
            None => Ok(lookup(s).map(|v| EnvVar::new(s, v))),
        }
    }

    /// `NAME=VALUE`, `NAME` (its value from `environ`, none when unset), or
    /// `PREFIX*`: every variable of `environ` whose name starts with PREFIX
    /// (podman's glob for `-e` and `--env-file`; a `*` elsewhere is part of
    /// the name, looked up as such).
    pub fn parse_host(s: &str, environ: &[(String, String)]) -> Result<Vec<EnvVar>, Invalid> {
        if let Some(prefix) = s.strip_suffix('*').filter(|_| !s.contains('=')) {
            return Ok(environ
                .iter()
                .filter(|(n, _)| n.starts_with(prefix))
                .map(|(n, v)| EnvVar::new(n, v))
                .collect());
        }
        let lookup = |n: &str| environ.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        Ok(EnvVar::parse_with(s, lookup)?.into_iter().collect())
    }

    /// The caller's environment (the names and values that are UTF-8), for
    /// [`EnvVar::parse_host`].
    pub fn host_environ() -> Vec<(String, String)> {
        std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect()
    }

    /// The lines of an `--env-file` (blank lines and `#` comments skipped),
    /// each as [`EnvVar::parse_host`] reads it.
    pub fn parse_file_text(
        text: &str,
        environ: &[(String, String)],
    ) -> Result<Vec<EnvVar>, Invalid> {
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let v = EnvVar::parse_host(line, environ)
                .map_err(|e| Invalid::new(format!("line {}: {e}", n + 1)))?;
            out.extend(v);
        }
        Ok(out)
    }

    /// Reads an `--env-file` (see [`EnvVar::parse_file_text`]).
    pub fn read_file(path: &Path, environ: &[(String, String)]) -> Result<Vec<EnvVar>, Invalid> {
        let text = crate::userfile::read_string(path, crate::userfile::ENV_FILE)
            .map_err(|e| Invalid::new(e.to_string()))?;
        EnvVar::parse_file_text(&text, environ)
    }
}

impl fmt::Display for EnvVar {
    /// `NAME=VALUE`, as the OCI spec and `/proc/PID/environ` have it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, self.value)
    }
}

impl FromStr for EnvVar {
    type Err = Invalid;
    /// `NAME=VALUE` (the value may be empty or hold `=`).
    fn from_str(s: &str) -> Result<EnvVar, Invalid> {
        match s.split_once('=') {
            Some(("", _)) => Err(Invalid::new("invalid environment variable: no name")),
            Some((n, v)) => Ok(EnvVar::new(n, v)),
            None => Err(Invalid::new("expected NAME=VALUE")),
        }
    }
}

/// The host variables `--http-proxy` passes in (podman's `ProxyEnv`).
pub const PROXY_VARS: &[&str] = &[
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
];

/// Merges environment lists (`NAME=value` entries): later entries replace
/// earlier ones with the same name, which move to the end.
pub fn merge_env(base: &[String], over: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    for e in base.iter().chain(over) {
        let name = e.split('=').next().unwrap_or("");
        if name.is_empty() {
            return Err(Invalid::new(format!("invalid environment variable {e:?}")));
        }
        let prefix = format!("{name}=");
        out.retain(|x| !(x.starts_with(&prefix) || x == name));
        out.push(e.clone());
    }
    Ok(out)
}

/// `--env-merge NAME=WORD`: WORD with `$VAR`, `${VAR}`, `${VAR:-DEFAULT}`,
/// `${VAR-DEFAULT}`, `${VAR:+ALT}` and `${VAR+ALT}` taken from `env` (the
/// image's and default variables; an unset one is empty), `\$` a dollar, as
/// podman's Dockerfile-word expansion; the pair it gives.
pub fn env_merge(entry: &str, env: &[String]) -> Result<EnvVar, Invalid> {
    let lookup = |name: &str| -> Option<&str> {
        env.iter().rev().find_map(|e| {
            let (n, v) = e.split_once('=')?;
            (n == name).then_some(v)
        })
    };
    let chars: Vec<char> = entry.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'$') => {
                out.push('$');
                i += 2;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let close = chars[i + 2..]
                    .iter()
                    .position(|c| *c == '}')
                    .map(|p| p + i + 2)
                    .ok_or_else(|| {
                        Invalid::new(format!(
                            "unable to process variables for --env-merge {entry}: missing '}}'"
                        ))
                    })?;
                let inner: String = chars[i + 2..close].iter().collect();
                let end = inner.find(|c: char| !name_char(c)).unwrap_or(inner.len());
                let (name, op) = inner.split_at(end);
                let value = lookup(name);
                let set_nonempty = value.is_some_and(|v| !v.is_empty());
                let text = match op {
                    "" => value.unwrap_or("").to_string(),
                    _ if op.starts_with(":-") => match set_nonempty {
                        true => value.unwrap_or("").to_string(),
                        false => op[2..].to_string(),
                    },
                    _ if op.starts_with('-') => value.map_or(op[1..].to_string(), str::to_string),
                    _ if op.starts_with(":+") => match set_nonempty {
                        true => op[2..].to_string(),
                        false => String::new(),
                    },
                    _ if op.starts_with('+') => match value {
                        Some(_) => op[1..].to_string(),
                        None => String::new(),
                    },
                    _ => {
                        return Err(Invalid::new(format!(
                            "unable to process variables for --env-merge {entry}: unsupported modifier in ${{{inner}}}"
                        )))
                    }
                };
                out.push_str(&text);
                i = close + 1;
            }
            '$' if chars.get(i + 1).is_some_and(|c| name_char(*c)) => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && name_char(chars[end]) {
                    end += 1;
                }
                let name: String = chars[start..end].iter().collect();
                out.push_str(lookup(&name).unwrap_or(""));
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    match out.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok(EnvVar {
            name: name.to_string(),
            value: value.to_string(),
        }),
        _ => Err(Invalid::new(format!(
            "missing `=` for --env-merge substitution {entry}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_merge_expands_the_image_variables() {
        let env = vec!["hello=world".to_string(), "EMPTY=".to_string()];
        let got = |e: &str| env_merge(e, &env).map(|v| format!("{}={}", v.name, v.value));
        assert_eq!(got("hello=${hello}-some").unwrap(), "hello=world-some");
        assert_eq!(got("x=$hello/$nope.").unwrap(), "x=world/.");
        assert_eq!(got("x=${nope:-dflt}").unwrap(), "x=dflt");
        assert_eq!(got("x=${EMPTY:-dflt}").unwrap(), "x=dflt");
        assert_eq!(got("x=${EMPTY-dflt}").unwrap(), "x=");
        assert_eq!(got("x=${hello:+alt}").unwrap(), "x=alt");
        assert_eq!(got("x=\\$hello").unwrap(), "x=$hello");
        assert!(got("novalue")
            .unwrap_err()
            .to_string()
            .contains("missing `=`"));
        assert!(got("x=${hello").is_err());
    }

    /// `PREFIX*` takes every host variable with that prefix (case
    /// matters); a `*` elsewhere is a literal name; `N*=v` is a plain pair.
    #[test]
    fn globs_take_the_host_variables_with_a_prefix() {
        let host: Vec<(String, String)> = [("abc1", "1"), ("abc", "0"), ("ABC2", "x"), ("zz", "z")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(
            EnvVar::parse_host("abc*", &host).unwrap(),
            [EnvVar::new("abc1", "1"), EnvVar::new("abc", "0")]
        );
        assert_eq!(EnvVar::parse_host("a*c", &host).unwrap(), []);
        assert_eq!(
            EnvVar::parse_host("a*=v", &host).unwrap(),
            [EnvVar::new("a*", "v")]
        );
        let file = EnvVar::parse_file_text("zz*\nNOT*THERE\n", &host).unwrap();
        assert_eq!(file, [EnvVar::new("zz", "z")]);
    }

    #[test]
    fn forms() {
        assert_eq!("A=b=c".parse(), Ok(EnvVar::new("A", "b=c")));
        assert_eq!("A=".parse(), Ok(EnvVar::new("A", "")));
        assert!("=x".parse::<EnvVar>().is_err());
        let here = |n: &str| (n == "HERE").then(|| "1".to_string());
        assert_eq!(
            EnvVar::parse_with("HERE", here),
            Ok(Some(EnvVar::new("HERE", "1")))
        );
        assert_eq!(EnvVar::parse_with("GONE", here), Ok(None));
        let host = [("HERE".to_string(), "1".to_string())];
        let file = EnvVar::parse_file_text("# c\n\nA=1\n HERE \nGONE\n", &host).unwrap();
        assert_eq!(file, [EnvVar::new("A", "1"), EnvVar::new("HERE", "1")]);
        let e = EnvVar::parse_file_text("A=1\n=2\n", &host).unwrap_err();
        assert!(e.to_string().starts_with("line 2:"), "{e}");
    }

    #[test]
    fn later_entries_win() {
        let e = merge_env(&["A=1".into(), "B=2".into()], &["A=3".into()]).unwrap();
        assert_eq!(e, vec!["B=2", "A=3"]);
        assert!(merge_env(&[], &["=1".into()]).is_err());
    }
}
