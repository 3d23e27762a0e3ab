//! containers.conf's `[engine]` events settings: `events_logger`,
//! `events_logfile_path` and `events_logfile_max_size`.

use std::path::{Path, PathBuf};

use super::file::ConfigFile;
use super::Error;

/// The events settings of containers.conf, later files winning.
#[derive(Debug, Clone, Default)]
pub struct EventsSettings {
    logger: Option<String>,
    logfile_path: Option<PathBuf>,
    max_size: Option<u64>,
    create_inspect_data: bool,
}

impl EventsSettings {
    /// Takes the settings one containers.conf (`doc`) has.
    pub(crate) fn read(&mut self, doc: &ConfigFile) -> Result<(), Error> {
        let root = doc.root();
        let bad = |message: String| Error::Toml {
            path: doc.path.clone(),
            message,
        };
        if let Some(v) = root.str("engine.events_logger")? {
            if !is_backend(v) {
                return Err(bad(format!(
                    "engine.events_logger = {v:?}: must be \"file\", \"journald\" or \"none\""
                )));
            }
            self.logger = Some(v.to_string());
        }
        if let Some(path) = root.str("engine.events_logfile_path")? {
            // podman: an empty value means the default.
            self.logfile_path = (!path.is_empty()).then(|| PathBuf::from(path));
        }
        if let Some(b) = root.bool("engine.events_container_create_inspect_data")? {
            self.create_inspect_data = b;
        }
        let Some(engine) = root.table("engine")? else {
            return Ok(());
        };
        if let Some((_, v)) = engine
            .entries()
            .find(|(k, _)| k.as_str() == "events_logfile_max_size")
        {
            let size = match v {
                toml::Value::Integer(n) => u64::try_from(*n).ok(),
                toml::Value::String(s) => parse_size(s),
                _ => None,
            };
            self.max_size = Some(size.ok_or_else(|| {
                bad(format!(
                    "engine.events_logfile_max_size = {v}: must be a size such as \"1m\", \"500k\" or 1000000 (0: no limit)"
                ))
            })?);
        }
        Ok(())
    }

    /// `events_logger`, when a file sets it.
    pub fn logger(&self) -> Option<&str> {
        self.logger.as_deref()
    }

    /// `events_logfile_path`, when a file sets it.
    pub fn logfile_path(&self) -> Option<&Path> {
        self.logfile_path.as_deref()
    }

    /// `events_container_create_inspect_data`: whether `create` events
    /// carry the container's inspect JSON.
    pub fn create_inspect_data(&self) -> bool {
        self.create_inspect_data
    }

    /// `events_logfile_max_size` in bytes, when a file sets it (0: no limit).
    pub fn max_size(&self) -> Option<u64> {
        self.max_size
    }
}

/// Whether `s` names an events backend podman knows.
pub fn is_backend(s: &str) -> bool {
    matches!(s, "file" | "journald" | "none")
}

/// A size as Docker's `units.FromHumanSize` reads it ([`crate::units::human_size`]).
pub fn parse_size(s: &str) -> Option<u64> {
    crate::units::human_size(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_docker_reads_them() {
        assert_eq!(parse_size("1m"), Some(1_000_000));
        assert_eq!(parse_size("4750"), Some(4750));
        assert_eq!(parse_size("3g"), Some(3_000_000_000));
        assert_eq!(parse_size("1.5k"), Some(1500));
        assert_eq!(parse_size("10 KiB"), Some(10_000));
        assert_eq!(parse_size("1b"), Some(1));
        assert_eq!(parse_size("0"), Some(0));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("1x"), None);
    }

    #[test]
    fn later_files_win_and_bad_values_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("containers.conf");
        let read = |s: &mut EventsSettings, text: &str| {
            fs_err::write(&file, text).unwrap();
            s.read(&ConfigFile::read(&file).unwrap().unwrap())
        };
        let mut s = EventsSettings::default();
        read(
            &mut s,
            "[engine]\nevents_logger = \"none\"\nevents_logfile_max_size = 4750\n",
        )
        .unwrap();
        assert_eq!(s.max_size(), Some(4750));
        read(&mut s, "[engine]\nevents_logger = \"file\"\nevents_logfile_path = \"/x/e.log\"\nevents_logfile_max_size = \"2k\"\n").unwrap();
        assert_eq!(s.logger(), Some("file"));
        assert_eq!(s.logfile_path(), Some(Path::new("/x/e.log")));
        assert_eq!(s.max_size(), Some(2000));
        for bad in [
            "[engine]\nevents_logger = \"syslog\"\n",
            "[engine]\nevents_logger = 1\n",
            "[engine]\nevents_logfile_max_size = \"lots\"\n",
        ] {
            let err = read(&mut s, bad).unwrap_err().to_string();
            assert!(
                err.contains("containers.conf") && err.contains("engine.events_"),
                "{err}"
            );
        }
    }
}
