//! `--secret NAME[,type=mount|env,target=,uid=,gid=,mode=]` (podman's
//! grammar and messages): which stored secret a container gets, and how.

use std::path::PathBuf;

use super::flag::Invalid;

/// How a container gets a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretUse {
    /// A read-only file, owned by `uid`:`gid` (inside the container)
    /// with `mode`.
    Mount {
        /// `target=`: an absolute path, or a name under `/run/secrets`
        /// (`None`: `/run/secrets/NAME`).
        target: Option<String>,
        /// `uid=` (0).
        uid: u32,
        /// `gid=` (0).
        gid: u32,
        /// `mode=`, octal (0444).
        mode: u32,
    },
    /// An environment variable (`target=`, else the secret's name).
    Env {
        /// The variable's name.
        name: String,
    },
}

/// One `--secret`: a secret of the store (by name, ID or ID prefix) and
/// how the container gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRequest {
    /// The secret as the user named it.
    pub source: String,
    /// File or variable.
    pub usage: SecretUse,
}

impl SecretRequest {
    /// Where a file secret appears in the container (`None` for env).
    pub fn destination(&self, name: &str) -> Option<PathBuf> {
        match &self.usage {
            SecretUse::Env { .. } => None,
            SecretUse::Mount { target, .. } => Some(match target.as_deref() {
                Some(t) if t.starts_with('/') => PathBuf::from(t),
                Some(t) => PathBuf::from("/run/secrets").join(t),
                None => PathBuf::from("/run/secrets").join(name),
            }),
        }
    }
}

impl std::str::FromStr for SecretRequest {
    type Err = Invalid;

    /// podman's `parseSecrets`: `NAME` alone, or `[NAME,]key=value,...`
    /// with `source`, `type`, `target`, `uid`, `gid`, `mode`.
    fn from_str(val: &str) -> Result<SecretRequest, Invalid> {
        let bad = |m: String| Invalid::new(format!("{m}: parsing secret"));
        let mut parts: Vec<&str> = val.split(',').collect();
        let mut source = String::new();
        if parts.len() == 1 {
            return Ok(SecretRequest {
                source: val.to_string(),
                usage: SecretUse::Mount {
                    target: None,
                    uid: 0,
                    gid: 0,
                    mode: 0o444,
                },
            });
        }
        if !parts[0].contains('=') {
            source = parts.remove(0).to_string();
        }
        let (mut kind, mut target) = (None, None);
        let (mut uid, mut gid, mut mode, mut mount_only) = (0, 0, 0o444, false);
        for p in parts {
            let Some((k, v)) = p.split_once('=') else {
                return Err(bad(format!("option {p} must be in form option=value")));
            };
            match k {
                "source" => source = v.to_string(),
                "type" => {
                    if kind.is_some() {
                        return Err(bad("cannot set more than one secret type".into()));
                    }
                    if v != "mount" && v != "env" {
                        return Err(bad(format!("type {v} is invalid")));
                    }
                    kind = Some(v == "env");
                }
                "target" => target = Some(v.to_string()),
                "mode" => {
                    mount_only = true;
                    mode =
                        u32::from_str_radix(v, 8).map_err(|_| bad(format!("mode {v} invalid")))?;
                }
                "uid" | "UID" => {
                    mount_only = true;
                    uid = v.parse().map_err(|_| bad(format!("UID {v} invalid")))?;
                }
                "gid" | "GID" => {
                    mount_only = true;
                    gid = v.parse().map_err(|_| bad(format!("GID {v} invalid")))?;
                }
                _ => return Err(bad(format!("option {p} invalid"))),
            }
        }
        if source.is_empty() {
            return Err(bad(format!("no source found {val}")));
        }
        let usage = if kind == Some(true) {
            if mount_only {
                return Err(bad(
                    "UID, GID, Mode options cannot be set with secret type env".into(),
                ));
            }
            SecretUse::Env {
                name: target.unwrap_or_else(|| source.clone()),
            }
        } else {
            SecretUse::Mount {
                target,
                uid,
                gid,
                mode,
            }
        };
        Ok(SecretRequest { source, usage })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<SecretRequest, String> {
        s.parse::<SecretRequest>().map_err(|e| e.to_string())
    }

    #[test]
    fn podman_grammar() {
        let r = p("db").unwrap();
        assert_eq!(
            r.destination("db").unwrap(),
            PathBuf::from("/run/secrets/db")
        );
        let r = p("db,target=/etc/pw,uid=1000,gid=10,mode=0400").unwrap();
        assert_eq!(
            r.usage,
            SecretUse::Mount {
                target: Some("/etc/pw".into()),
                uid: 1000,
                gid: 10,
                mode: 0o400
            }
        );
        assert_eq!(r.destination("db").unwrap(), PathBuf::from("/etc/pw"));
        let r = p("source=db,target=x").unwrap();
        assert_eq!(
            r.destination("db").unwrap(),
            PathBuf::from("/run/secrets/x")
        );
        let r = p("db,type=env,target=PW").unwrap();
        assert_eq!(r.usage, SecretUse::Env { name: "PW".into() });
        assert_eq!(
            p("db,type=env").unwrap().usage,
            SecretUse::Env { name: "db".into() }
        );
        assert_eq!(
            p("db,type=env,uid=1").unwrap_err(),
            "UID, GID, Mode options cannot be set with secret type env: parsing secret"
        );
        assert_eq!(
            p("db,type=x").unwrap_err(),
            "type x is invalid: parsing secret"
        );
        assert_eq!(
            p("db,type=env,type=mount").unwrap_err(),
            "cannot set more than one secret type: parsing secret"
        );
        assert_eq!(
            p("db,mode=9").unwrap_err(),
            "mode 9 invalid: parsing secret"
        );
        assert_eq!(
            p("db,bogus").unwrap_err(),
            "option bogus must be in form option=value: parsing secret"
        );
        assert_eq!(
            p("target=x,type=env").unwrap_err(),
            "no source found target=x,type=env: parsing secret"
        );
        assert_eq!(
            p("db,foo=1").unwrap_err(),
            "option foo=1 invalid: parsing secret"
        );
    }
}
