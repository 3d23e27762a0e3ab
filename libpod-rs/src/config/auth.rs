//! Registry credentials in podman's auth.json (and Docker's config.json).
//!
//! Lookup order, as podman: `--authfile` / `$REGISTRY_AUTH_FILE`,
//! `$XDG_RUNTIME_DIR/containers/auth.json`,
//! `$XDG_CONFIG_HOME/containers/auth.json`, `~/.docker/config.json`.
//! `login` writes the first of these (the runtime one by default) with mode
//! 0600, atomically. In each file, `credHelpers` for the registry come
//! first, then `auths`, then the `credsStore` default helper: a helper is
//! the program `docker-credential-NAME`, asked with `get` (Docker's
//! credential-helper protocol).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::{Map, Value};

use super::{Error, Paths};
use crate::userfile::{self, AUTH_FILE};

/// A username and password for one registry.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The username.
    pub username: String,
    /// The password or token.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.username)
    }
}

/// The file `login`/`logout` work on: podman's auth.json (`--authfile`,
/// `$REGISTRY_AUTH_FILE` or the default chain), or a Docker config.json
/// (`--compat-auth-file`).
#[derive(Debug, Clone)]
pub enum AuthFile {
    /// podman's format; `None` is the default chain.
    Podman(Option<PathBuf>),
    /// Docker's `config.json` at this path: Docker Hub under Docker's key
    /// `https://index.docker.io/v1/`, other keys of the file kept.
    DockerCompat(PathBuf),
}

/// The auth files of one user, in lookup order.
#[derive(Debug, Clone)]
pub struct AuthStore {
    files: Vec<PathBuf>,
    /// `--authfile` / `$REGISTRY_AUTH_FILE`, when given.
    explicit: Option<PathBuf>,
    /// The one file is a Docker-compatible config.json (`--compat-auth-file`).
    docker_compat: bool,
}

/// Docker's own key for Docker Hub in config.json.
const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// Strips scheme and API path from an auth.json key (`https://index.docker.io/v1/` → `index.docker.io`).
fn normalize_key(key: &str) -> String {
    let k = key
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = k.split('/').next().unwrap_or(k);
    if host == "index.docker.io" || host == "registry-1.docker.io" {
        "docker.io".to_string()
    } else {
        k.trim_end_matches('/').to_string()
    }
}

impl AuthStore {
    /// The auth files for these paths; `explicit` is `--authfile` or `$REGISTRY_AUTH_FILE`.
    pub fn new(paths: &Paths, explicit: Option<PathBuf>) -> AuthStore {
        let mut files = Vec::new();
        if let Some(f) = &explicit {
            files.push(f.clone());
        } else {
            if let Some(rt) = &paths.xdg_runtime_dir {
                files.push(rt.join("containers/auth.json"));
            }
            files.push(paths.user_config_dir().join("auth.json"));
        }
        files.push(paths.home.join(".docker/config.json"));
        AuthStore {
            files,
            explicit,
            docker_compat: false,
        }
    }

    /// The auth files for `login`/`logout`'s choice of file.
    pub fn for_file(paths: &Paths, file: AuthFile) -> AuthStore {
        match file {
            AuthFile::Podman(explicit) => AuthStore::new(paths, explicit),
            AuthFile::DockerCompat(path) => AuthStore {
                files: vec![path.clone()],
                explicit: Some(path),
                docker_compat: true,
            },
        }
    }

    /// Fails when `--authfile` names a file that does not exist, as podman
    /// does for everything but `login` (which creates it); a file only
    /// `$REGISTRY_AUTH_FILE` names is not checked (podman checks the flag).
    pub fn check_explicit(&self) -> Result<(), Error> {
        match &self.explicit {
            Some(path) if !self.docker_compat && only_from_env(path) => Ok(()),
            Some(path) if !userfile::exists(path, AUTH_FILE)? => {
                Err(Error::AuthFileMissing { path: path.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The file `login` writes.
    pub fn primary(&self) -> &Path {
        &self.files[0]
    }

    fn read(path: &Path) -> Result<Option<Map<String, Value>>, Error> {
        match userfile::read(path, AUTH_FILE) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(Some(Map::new())),
            Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                Ok(Value::Object(m)) => Ok(Some(m)),
                Ok(_) => Ok(Some(Map::new())),
                Err(source) => Err(Error::Json {
                    path: path.to_path_buf(),
                    source,
                }),
            },
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Credentials for a registry (`host[:port]`), from the first file that has them.
    pub fn lookup(&self, registry: &str) -> Result<Option<Credentials>, Error> {
        let wanted = normalize_key(registry);
        for file in &self.files {
            let Some(doc) = Self::read(file)? else {
                continue;
            };
            let helper = doc
                .get("credHelpers")
                .and_then(Value::as_object)
                .and_then(|h| h.iter().find(|(k, _)| normalize_key(k) == wanted))
                .and_then(|(_, v)| v.as_str());
            if let Some(helper) = helper {
                return credential_helper(helper, file, registry);
            }
            let auths = doc.get("auths").and_then(Value::as_object);
            for (key, entry) in auths.into_iter().flatten() {
                if normalize_key(key) != wanted {
                    continue;
                }
                if let Some(creds) = decode(entry) {
                    return Ok(Some(creds));
                }
            }
            if let Some(store) = doc.get("credsStore").and_then(Value::as_str) {
                if let Some(creds) = credential_helper(store, file, registry)? {
                    return Ok(Some(creds));
                }
            }
        }
        Ok(None)
    }

    fn write(&self, doc: &Map<String, Value>) -> Result<PathBuf, Error> {
        let path = self.primary().to_path_buf();
        let io = |action, source| Error::Io {
            action,
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            crate::sys::fs::create_dir_mode(dir, 0o700, true)
                .map_err(|e| io("creating the directory of", e))?;
        }
        let bytes =
            serde_json::to_vec_pretty(&Value::Object(doc.clone())).expect("json serialises");
        crate::store::write_atomic(&path, &bytes, 0o600).map_err(|e| io("writing", e))?;
        Ok(path)
    }

    /// Saves credentials for a registry in the primary file; returns that file.
    pub fn save(&self, registry: &str, creds: &Credentials) -> Result<PathBuf, Error> {
        let mut doc = Self::read(self.primary())?.unwrap_or_default();
        let auths = doc
            .entry("auths")
            .or_insert_with(|| Value::Object(Map::new()));
        if !auths.is_object() {
            *auths = Value::Object(Map::new());
        }
        let auths = auths.as_object_mut().expect("made an object above");
        let wanted = normalize_key(registry);
        auths.retain(|k, _| normalize_key(k) != wanted);
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", creds.username, creds.password));
        let key = if self.docker_compat && wanted == "docker.io" {
            DOCKER_HUB_KEY
        } else {
            registry
        };
        auths.insert(key.to_string(), serde_json::json!({ "auth": token }));
        self.write(&doc)
    }

    /// Removes a registry's credentials from the primary file; false when there were none.
    pub fn remove(&self, registry: &str) -> Result<bool, Error> {
        let Some(mut doc) = Self::read(self.primary())? else {
            return Ok(false);
        };
        let wanted = normalize_key(registry);
        let removed = match doc.get_mut("auths").and_then(Value::as_object_mut) {
            Some(auths) => {
                let before = auths.len();
                auths.retain(|k, _| normalize_key(k) != wanted);
                auths.len() != before
            }
            None => false,
        };
        if removed {
            self.write(&doc)?;
        }
        Ok(removed)
    }

    /// Removes every registry's credentials from the primary file.
    pub fn remove_all(&self) -> Result<(), Error> {
        if let Some(mut doc) = Self::read(self.primary())? {
            doc.insert("auths".into(), Value::Object(Map::new()));
            self.write(&doc)?;
        }
        Ok(())
    }
}

/// Asks `docker-credential-HELPER get` for a registry's credentials: the
/// server on stdin, `{"Username", "Secret"}` JSON on stdout; "not found"
/// answers are `None`.
fn credential_helper(
    helper: &str,
    file: &Path,
    registry: &str,
) -> Result<Option<Credentials>, Error> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let fail = |message: String| Error::CredentialHelper {
        helper: helper.to_string(),
        path: file.to_path_buf(),
        registry: registry.to_string(),
        message,
    };
    let program = format!("docker-credential-{helper}");
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            fail(format!(
                "cannot run {program}: {e}; install it or remove it from the file"
            ))
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(registry.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("waiting for {program}: {e}")))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        let said = format!(
            "{} {}",
            stdout.trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        if said.to_lowercase().contains("not found") {
            return Ok(None);
        }
        return Err(fail(format!("{} ({})", said.trim(), out.status)));
    }
    let v: Value =
        serde_json::from_str(&stdout).map_err(|e| fail(format!("its answer is not JSON: {e}")))?;
    let (Some(u), Some(p)) = (
        v.get("Username").and_then(Value::as_str),
        v.get("Secret").and_then(Value::as_str),
    ) else {
        return Err(fail("its answer lacks Username or Secret".into()));
    };
    Ok(Some(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    }))
}

fn decode(entry: &Value) -> Option<Credentials> {
    if let Some(auth) = entry
        .get("auth")
        .and_then(Value::as_str)
        .filter(|a| !a.is_empty())
    {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (u, p) = text.split_once(':')?;
        return Some(Credentials {
            username: u.to_string(),
            password: p.to_string(),
        });
    }
    let u = entry.get("username").and_then(Value::as_str)?;
    let p = entry.get("password").and_then(Value::as_str)?;
    Some(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    })
}

/// Whether `path` is `$REGISTRY_AUTH_FILE`'s value: the command line's
/// `--authfile` takes that default, and podman checks only a flag given.
pub fn only_from_env(path: &Path) -> bool {
    std::env::var_os("REGISTRY_AUTH_FILE").is_some_and(|v| Path::new(&v) == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn creds(u: &str, p: &str) -> Credentials {
        Credentials {
            username: u.into(),
            password: p.into(),
        }
    }

    #[test]
    fn save_lookup_remove_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let store = AuthStore::new(&paths, None);
        assert_eq!(store.lookup("127.0.0.1:5000").unwrap(), None);
        let file = store
            .save("127.0.0.1:5000", &creds("alice", "s:ecret"))
            .unwrap();
        assert_eq!(file, dir.path().join("run/containers/auth.json"));
        assert_eq!(
            fs_err::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            store.lookup("127.0.0.1:5000").unwrap(),
            Some(creds("alice", "s:ecret"))
        );
        assert!(store.remove("127.0.0.1:5000").unwrap());
        assert!(!store.remove("127.0.0.1:5000").unwrap());
        assert_eq!(store.lookup("127.0.0.1:5000").unwrap(), None);
    }

    #[test]
    fn falls_back_to_docker_config_with_hub_key() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.home.join(".docker")).unwrap();
        let token = base64::engine::general_purpose::STANDARD.encode("bob:pw");
        fs_err::write(
            paths.home.join(".docker/config.json"),
            format!(r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{token}"}}}}}}"#),
        )
        .unwrap();
        let store = AuthStore::new(&paths, None);
        assert_eq!(store.lookup("docker.io").unwrap(), Some(creds("bob", "pw")));
    }

    #[test]
    fn explicit_file_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let explicit = dir.path().join("my-auth.json");
        AuthStore::new(&paths, None)
            .save("r.io", &creds("a", "1"))
            .unwrap();
        let store = AuthStore::new(&paths, Some(explicit.clone()));
        store.save("r.io", &creds("b", "2")).unwrap();
        assert!(explicit.exists());
        assert_eq!(store.lookup("r.io").unwrap(), Some(creds("b", "2")));
    }
}
