//! `--change` instructions (`commit`, later `import`): Dockerfile-like
//! edits of an image's config, `CMD ["sh"]` or `CMD=sh` alike, as podman's
//! libimage reads them: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD,
//! STOPSIGNAL, USER, VOLUME, WORKDIR.

use serde_json::{json, Map, Value};

/// One parsed `--change`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `CMD`: the new command (shell form wrapped in `/bin/sh -c`).
    Cmd(Vec<String>),
    /// `ENTRYPOINT`.
    Entrypoint(Vec<String>),
    /// `ENV KEY=value ...` / `ENV KEY value`.
    Env(Vec<(String, String)>),
    /// `EXPOSE PORT[/PROTO] ...`.
    Expose(Vec<String>),
    /// `LABEL KEY=value ...`.
    Label(Vec<(String, String)>),
    /// `ONBUILD INSTRUCTION`.
    Onbuild(String),
    /// `STOPSIGNAL SIGNAL`.
    StopSignal(String),
    /// `USER USER[:GROUP]`.
    User(String),
    /// `VOLUME PATH ...`.
    Volume(Vec<String>),
    /// `WORKDIR PATH`.
    Workdir(String),
}

/// Parses one `--change` value.
pub fn parse_change(change: &str) -> Result<Change, String> {
    let trimmed = change.trim();
    let at = trimmed
        .find(|c: char| c.is_whitespace() || c == '=')
        .ok_or_else(|| {
            format!("invalid change {change:?}: expected INSTRUCTION VALUE, e.g. CMD [\"sh\"]")
        })?;
    let (keyword, rest) = (&trimmed[..at], trimmed[at + 1..].trim());
    let bad = |what: &str| format!("invalid change {change:?}: {what}");
    let words = || -> Result<Vec<String>, String> {
        match super::parse::json_array(rest) {
            Some(r) => r.map_err(|e| bad(&e)),
            None => Ok(rest.split_whitespace().map(str::to_string).collect()),
        }
    };
    let command = || -> Result<Vec<String>, String> {
        match super::parse::json_array(rest) {
            Some(r) => r.map_err(|e| bad(&e)),
            None => Ok(vec!["/bin/sh".into(), "-c".into(), rest.to_string()]),
        }
    };
    let pairs = || -> Result<Vec<(String, String)>, String> {
        let words = super::shell::split_raw_words(rest, '\\');
        let lx = super::shell::Lexer::new('\\');
        let unquote = |s: &str| {
            lx.word(s, &super::shell::NoVars)
                .map_err(|e| bad(&e.message))
        };
        if words.first().is_some_and(|w| !w.contains('=')) {
            let (k, v) = rest
                .split_once(char::is_whitespace)
                .ok_or_else(|| bad("expected KEY=VALUE"))?;
            return Ok(vec![(k.to_string(), unquote(v.trim())?)]);
        }
        words
            .iter()
            .map(|w| {
                let (k, v) = w.split_once('=').ok_or_else(|| bad("expected KEY=VALUE"))?;
                Ok((unquote(k)?, unquote(v)?))
            })
            .collect()
    };
    if rest.is_empty()
        && !keyword.eq_ignore_ascii_case("cmd")
        && !keyword.eq_ignore_ascii_case("entrypoint")
    {
        return Err(bad("missing a value"));
    }
    Ok(match keyword.to_ascii_uppercase().as_str() {
        "CMD" => Change::Cmd(command()?),
        "ENTRYPOINT" => Change::Entrypoint(command()?),
        "ENV" => Change::Env(pairs()?),
        "LABEL" => Change::Label(pairs()?),
        "EXPOSE" => Change::Expose(words()?),
        "VOLUME" => Change::Volume(words()?),
        "ONBUILD" => Change::Onbuild(rest.to_string()),
        "STOPSIGNAL" => Change::StopSignal(rest.to_string()),
        "USER" => Change::User(rest.to_string()),
        "WORKDIR" => Change::Workdir(rest.to_string()),
        other => {
            return Err(bad(&format!(
                "invalid instruction {other}: use one of CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR"
            )))
        }
    })
}

/// Parses every `--change` value.
pub fn parse_changes(changes: &[String]) -> Result<Vec<Change>, String> {
    changes.iter().map(|c| parse_change(c)).collect()
}

fn object<'a>(config: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !config[key].is_object() {
        config[key] = json!({});
    }
    config[key].as_object_mut().expect("made an object")
}

/// Sets `KEY=value` in a config's `Env` list, replacing an earlier value.
pub fn set_env(config: &mut Value, key: &str, value: &str) {
    let mut env: Vec<String> = config["Env"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let entry = format!("{key}={value}");
    match env.iter_mut().find(|e| e.split('=').next() == Some(key)) {
        Some(slot) => *slot = entry,
        None => env.push(entry),
    }
    config["Env"] = json!(env);
}

/// Applies changes to an image config's `config` object (Cmd, Env, ...).
pub fn apply(config: &mut Value, changes: &[Change]) {
    if !config.is_object() {
        *config = json!({});
    }
    for c in changes {
        match c {
            Change::Cmd(v) => config["Cmd"] = json!(v),
            Change::Entrypoint(v) => config["Entrypoint"] = json!(v),
            Change::Env(pairs) => {
                for (k, v) in pairs {
                    set_env(config, k, v);
                }
            }
            Change::Label(pairs) => {
                let labels = object(config, "Labels");
                for (k, v) in pairs {
                    labels.insert(k.clone(), json!(v));
                }
            }
            Change::Expose(ports) => {
                let exposed = object(config, "ExposedPorts");
                for p in ports {
                    let p = if p.contains('/') {
                        p.clone()
                    } else {
                        format!("{p}/tcp")
                    };
                    exposed.insert(p, json!({}));
                }
            }
            Change::Volume(vols) => {
                let volumes = object(config, "Volumes");
                for v in vols {
                    volumes.insert(v.clone(), json!({}));
                }
            }
            Change::Onbuild(i) => {
                let mut list = config["OnBuild"].as_array().cloned().unwrap_or_default();
                list.push(json!(i));
                config["OnBuild"] = json!(list);
            }
            Change::StopSignal(s) => config["StopSignal"] = json!(s),
            Change::User(u) => config["User"] = json!(u),
            Change::Workdir(w) => config["WorkingDir"] = json!(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_and_every_instruction() {
        assert_eq!(
            parse_change(r#"CMD ["sh"]"#).unwrap(),
            Change::Cmd(vec!["sh".into()])
        );
        assert_eq!(
            parse_change("CMD=/bin/bash").unwrap(),
            Change::Cmd(vec!["/bin/sh".into(), "-c".into(), "/bin/bash".into()])
        );
        assert_eq!(
            parse_change("ENV A=1 B=\"two words\"").unwrap(),
            Change::Env(vec![
                ("A".into(), "1".into()),
                ("B".into(), "two words".into())
            ])
        );
        assert_eq!(
            parse_change("ENV A some value").unwrap(),
            Change::Env(vec![("A".into(), "some value".into())])
        );
        assert_eq!(
            parse_change("expose 80 53/udp").unwrap(),
            Change::Expose(vec!["80".into(), "53/udp".into()])
        );
        assert_eq!(
            parse_change("WORKDIR /app").unwrap(),
            Change::Workdir("/app".into())
        );
        assert!(parse_change("RUN true")
            .unwrap_err()
            .contains("invalid instruction RUN"));
        assert!(parse_change("CMD").is_err());
        assert!(parse_change("USER").is_err());
        let mut c = json!({"Env": ["PATH=/bin", "A=0"], "Cmd": ["old"]});
        apply(
            &mut c,
            &parse_changes(&[
                "CMD [\"sh\"]".into(),
                "ENV A=1".into(),
                "LABEL k=v".into(),
                "EXPOSE 80".into(),
                "VOLUME /data".into(),
                "USER 1000".into(),
                "STOPSIGNAL SIGINT".into(),
                "ONBUILD RUN x".into(),
            ])
            .unwrap(),
        );
        assert_eq!(
            c,
            json!({
                "Env": ["PATH=/bin", "A=1"], "Cmd": ["sh"], "Labels": {"k": "v"},
                "ExposedPorts": {"80/tcp": {}}, "Volumes": {"/data": {}}, "User": "1000",
                "StopSignal": "SIGINT", "OnBuild": ["RUN x"]
            })
        );
    }
}
