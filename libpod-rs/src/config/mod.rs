//! Configuration the user already has for podman: registries.conf,
//! containers.conf, storage.conf, auth.json, and the XDG directories they
//! live in. Every path comes from [`Paths`], built once from the
//! environment, so tests point everything at temporary directories.

mod accessors;
pub mod auth;
mod containers_conf;
pub mod events;
mod file;
mod paths;
pub mod registries;
pub mod storage;

use std::path::{Path, PathBuf};

pub use auth::{AuthFile, AuthStore, Credentials};
pub use containers_conf::ContainersConf;
pub use events::EventsSettings;
pub(crate) use paths::errno_text;
pub use paths::Paths;
pub use registries::{Endpoint, RegistriesConf};
pub use storage::{Driver, StorageConf};

/// Errors reading configuration; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A TOML file does not parse.
    #[error("parsing {path}: {message}: fix the file or move it away")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A key in a configuration file has a value of the wrong type.
    #[error("{path}: {key} must be {expected}, not {found}: fix the file or move it away")]
    WrongType {
        /// The file.
        path: PathBuf,
        /// The key, dotted from the top of the file (`storage.driver`).
        key: String,
        /// The type it must have.
        expected: &'static str,
        /// The type it has.
        found: &'static str,
    },
    /// A file could not be read (too large, a symlink loop, no permission).
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
    /// A JSON file (auth.json) does not parse.
    #[error("parsing {path}: {source}: fix the file or remove it")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// `--authfile` names a file that does not exist (podman's message).
    #[error("credential file is not accessible: faccessat {}: no such file or directory", path.display())]
    AuthFileMissing {
        /// The file.
        path: PathBuf,
    },
    /// A short name cannot be resolved.
    #[error("{0}")]
    ShortName(String),
    /// A credential helper named in an auth file failed.
    #[error(
        "credential helper docker-credential-{helper} (named in {path}) for {registry}: {message}"
    )]
    CredentialHelper {
        /// The helper's name (without the `docker-credential-` prefix).
        helper: String,
        /// The auth file that names it.
        path: PathBuf,
        /// The registry asked about.
        registry: String,
        /// What went wrong.
        message: String,
    },
    /// A storage driver setting rpod cannot use (the message says which and what to do).
    #[error("{0}")]
    Storage(String),
    /// The registry is blocked in registries.conf.
    #[error("registry {registry} is blocked in registries.conf")]
    Blocked {
        /// The blocked registry prefix.
        registry: String,
    },
    /// A containers.conf setting has a value rpod cannot use; the message
    /// names the section, the key and the value.
    #[error("containers.conf [{section}] {key} = {value:?}: {reason}")]
    Setting {
        /// The section (`containers`, `engine`).
        section: &'static str,
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong and what to write instead.
        reason: String,
    },
    /// A name in the configuration is not a valid reference.
    #[error("{path}: {value:?}: {source}")]
    BadReference {
        /// The file.
        path: PathBuf,
        /// The value.
        value: String,
        /// Why it does not parse.
        source: crate::reference::Error,
    },
}

/// The `*.conf` files of a drop-in directory, sorted by name (none when
/// the directory does not exist; any other failure to list it is an error).
pub(crate) fn drop_ins(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = match fs_err::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                action: "listing",
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf"))
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Parses a Go duration (`2s`, `500ms`, `1m30s`, `1h`); `None` when it is not one.
pub fn parse_duration(s: &str) -> Option<std::time::Duration> {
    let s = s.trim();
    if s == "0" {
        return Some(std::time::Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "\u{b5}s" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * seconds;
    }
    total
        .is_finite()
        .then(|| std::time::Duration::from_secs_f64(total))
}

/// The layer compression formats `push --compression-format` and
/// containers.conf's `engine.compression_format` take (`zstd:chunked` is
/// pushed as plain zstd: rpod writes no chunked table of contents).
pub const COMPRESSION_FORMATS: [&str; 3] = ["gzip", "zstd", "zstd:chunked"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_conf_env_replaces_the_files_and_override_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("containers.conf"),
            "[engine]\nimage_parallel_copies = 2\n",
        )
        .unwrap();
        let only = dir.path().join("only.conf");
        paths.containers_conf = Some(only.clone());
        // podman: CONTAINERS_CONF must exist.
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("only.conf"), "{err}");
        fs_err::write(&only, "[engine]\nimage_parallel_copies = 3\n").unwrap();
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            3
        );
        let over = dir.path().join("override.conf");
        fs_err::write(&over, "[engine]\nimage_parallel_copies = 4\n").unwrap();
        paths.containers_conf_override = Some(over);
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            4
        );
    }

    #[test]
    fn containers_env_is_replaced_by_later_files_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        let one = dir.path().join("one.conf");
        fs_err::write(&one, "[containers]\nenv = [\"CONF1=conf1\"]\n").unwrap();
        paths.containers_conf = Some(one);
        assert_eq!(ContainersConf::load(&paths).unwrap().env(), ["CONF1=conf1"]);
        let over = dir.path().join("over.conf");
        fs_err::write(&over, "[containers]\nenv = [\"CONF2=conf2\"]\n").unwrap();
        paths.containers_conf_override = Some(over.clone());
        assert_eq!(ContainersConf::load(&paths).unwrap().env(), ["CONF2=conf2"]);
        fs_err::write(&over, "[containers]\nenv = [\"JUSTANAME\"]\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("containers.env \"JUSTANAME\""), "{e}");
    }

    #[test]
    fn containers_conf_user_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        assert_eq!(
            ContainersConf::load(&paths)
                .unwrap()
                .image_parallel_copies(),
            6
        );
        fs_err::create_dir_all(&paths.system_dir).unwrap();
        fs_err::write(
            paths.system_dir.join("containers.conf"),
            "[engine]\nimage_parallel_copies = 2\n",
        )
        .unwrap();
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("containers.conf"),
            "[network]\ndefault_rootless_network_cmd = \"slirp4netns\"\n",
        )
        .unwrap();
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.image_parallel_copies(), 2);
        assert_eq!(conf.default_rootless_network_cmd(), Some("slirp4netns"));
    }

    #[test]
    fn default_ulimits() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        assert!(ContainersConf::load(&paths)
            .unwrap()
            .default_ulimits()
            .0
            .is_empty());
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("containers.conf");
        fs_err::write(
            &file,
            "[containers]\ndefault_ulimits = [\"nofile=100:200\", \"nproc=50\"]\n",
        )
        .unwrap();
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(
            conf.default_ulimits(),
            (
                &["nofile=100:200".to_string(), "nproc=50".to_string()][..],
                Some(file.as_path())
            )
        );
        fs_err::write(&file, "[containers]\ndefault_ulimits = \"nofile=1\"\n").unwrap();
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("default_ulimits must be a list"), "{err}");
    }

    #[test]
    fn durations_and_retry_settings() {
        use std::time::Duration;
        assert_eq!(parse_duration("2s"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m30s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("0s"), Some(Duration::ZERO));
        for bad in ["", "2", "s", "2x", "-1s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("containers.conf");
        fs_err::write(&file, "[engine]\nretry = 5\nretry_delay = \"1s\"\n").unwrap();
        assert_eq!(
            ContainersConf::load(&paths).unwrap().retry(),
            (Some(5), Some(Duration::from_secs(1)))
        );
        fs_err::write(&file, "[engine]\nretry = \"5\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("engine.retry must be an integer"), "{e}");
        fs_err::write(&file, "[engine]\nretry_delay = \"soon\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("engine.retry_delay"), "{e}");
    }

    #[test]
    fn drop_ins_follow_their_file_and_the_user_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        let write = |p: PathBuf, text: &str| {
            fs_err::create_dir_all(p.parent().unwrap()).unwrap();
            fs_err::write(p, text).unwrap();
        };
        let etc = &paths.system_dir;
        let user = paths.user_config_dir();
        write(
            etc.join("containers.conf"),
            "[containers]\nlog_tag = \"etc\"\n",
        );
        write(
            etc.join("containers.conf.d/10-a.conf"),
            "[containers]\nlog_tag = \"etc.d\"\ninit = true\n",
        );
        // Not read: only *.conf files count.
        write(
            etc.join("containers.conf.d/20-b.txt"),
            "[containers]\ninit = false\n",
        );
        write(
            etc.join("containers.rootless.conf.d/1000/x.conf"),
            "[containers]\nnetns = \"none\"\npids_limit = 7\n",
        );
        write(
            etc.join("containers.rootless.conf.d/1001/x.conf"),
            "[containers]\nnetns = \"host\"\n",
        );
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.log_tag(), Some("etc.d"));
        assert!(conf.init());
        assert_eq!(conf.netns(), Some("none"));
        assert_eq!(conf.pids_limit(), 7);
        write(
            user.join("containers.conf"),
            "[containers]\nlog_tag = \"user\"\n",
        );
        assert_eq!(
            ContainersConf::load(&paths).unwrap().log_tag(),
            Some("user")
        );
        write(
            user.join("containers.conf.d/a.conf"),
            "[containers]\nlog_tag = \"user.d\"\ndefault_capabilities = [\"CHOWN\"]\n",
        );
        let conf = ContainersConf::load(&paths).unwrap();
        assert_eq!(conf.log_tag(), Some("user.d"));
        assert_eq!(
            conf.default_capabilities(),
            Some(&["CHOWN".to_string()][..])
        );
        // Root reads no rootless files.
        let root = Paths {
            uid: 0,
            ..paths.clone()
        };
        assert_eq!(ContainersConf::load(&root).unwrap().netns(), None);
        // CONTAINERS_CONF replaces them all, drop-ins included.
        let only = dir.path().join("only.conf");
        write(only.clone(), "");
        let conf = ContainersConf::load(&Paths {
            containers_conf: Some(only),
            ..paths
        })
        .unwrap();
        assert_eq!(
            (conf.log_tag(), conf.init(), conf.pids_limit()),
            (None, false, 2048)
        );
        assert_eq!(conf.default_capabilities(), None);
        assert_eq!(conf.image_default_transport(), "docker://");
        assert!(conf.label());
    }

    #[test]
    fn default_capabilities_append_to_the_built_in_set() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        let one = dir.path().join("one.conf");
        fs_err::write(
            &one,
            "[containers]\ndefault_capabilities = [\"NET_ADMIN\", {append = true}]\nlabel = false\n",
        )
        .unwrap();
        paths.containers_conf = Some(one.clone());
        let conf = ContainersConf::load(&paths).unwrap();
        let caps = conf.default_capabilities().unwrap();
        assert_eq!(caps.len(), crate::spec::caps::DEFAULT_CAPS.len() + 1);
        assert_eq!(caps.last().map(String::as_str), Some("NET_ADMIN"));
        assert!(!conf.label());
        fs_err::write(&one, "[containers]\ninit = \"yes\"\n").unwrap();
        let e = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(e.contains("containers.init must be true or false"), "{e}");
    }

    #[test]
    fn a_broken_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(paths.user_config_dir().join("containers.conf"), "[engine\n").unwrap();
        let err = ContainersConf::load(&paths).unwrap_err().to_string();
        assert!(err.contains("containers.conf"), "{err}");
    }
}
