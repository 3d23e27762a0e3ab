//! One Quadlet file's translation state ([`Ctx`]): its parsed unit, the section
//! being read, warnings, and the directory relative paths resolve against.

use std::path::{Component, Path, PathBuf};

use super::QuadletError;
use crate::systemd::unit::{split_words_relaxed, unquote_value, Entry, UnitFile};

/// Per-file translation state: the parsed unit, warnings, and its location.
pub(super) struct Ctx<'a> {
    pub(super) unit: UnitFile,
    pub(super) section: &'a str,
    pub(super) warnings: Vec<String>,
    pub(super) dir: PathBuf,
}

impl Ctx<'_> {
    pub(super) fn err(&self, message: impl Into<String>) -> QuadletError {
        QuadletError::Invalid {
            file: self.unit.file.clone(),
            message: message.into(),
        }
    }

    /// An error pointing at the last line that sets `key`.
    pub(super) fn err_key(&self, key: &str, message: impl Into<String>) -> QuadletError {
        let line = self
            .unit
            .entries(self.section)
            .filter(|e| e.key == key)
            .last()
            .map(|e| e.line);
        match line {
            Some(l) => self.err(format!("line {l}: {}", message.into())),
            None => self.err(message),
        }
    }

    pub(super) fn last(&self, key: &str) -> Option<String> {
        self.unit.last(self.section, key).map(|v| unquote_value(&v))
    }

    /// Every value of `key`, an empty value dropping those before it (as
    /// systemd and podman read repeated keys, so a drop-in can reset a list).
    pub(super) fn all(&self, key: &str) -> Vec<String> {
        self.entries_of(key)
            .iter()
            .map(|e| unquote_value(&e.value))
            .collect()
    }

    /// The entries setting `key` after the last empty one.
    pub(super) fn entries_of(&self, key: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        for e in self.unit.entries(self.section).filter(|e| e.key == key) {
            if e.value.is_empty() {
                out.clear();
            } else {
                out.push(e.clone());
            }
        }
        out
    }

    pub(super) fn bool(&self, key: &str) -> Result<Option<bool>, QuadletError> {
        match self.last(key) {
            None => Ok(None),
            Some(v) => parse_bool(&v)
                .map(Some)
                .ok_or_else(|| self.err_key(key, format!("invalid boolean {v:?} for key {key}"))),
        }
    }

    /// Every value of `key` split into words; bad escapes become warnings.
    pub(super) fn words(&mut self, key: &str) -> Result<Vec<String>, QuadletError> {
        let mut out = Vec::new();
        for e in self.entries_of(key) {
            let (w, bad) = split_words_relaxed(&e.value).map_err(|err| QuadletError::Invalid {
                file: self.unit.file.clone(),
                message: format!("line {}: {err}", e.line),
            })?;
            if let Some(b) = bad {
                self.warnings
                    .push(format!("{}:{}: {b}, kept verbatim", self.unit.file, e.line));
            }
            out.extend(w);
        }
        Ok(out)
    }

    pub(super) fn words_of_last(&mut self, key: &str) -> Result<Vec<String>, QuadletError> {
        let Some(e) = self
            .unit
            .entries(self.section)
            .filter(|e| e.key == key)
            .last()
            .cloned()
        else {
            return Ok(Vec::new());
        };
        let (w, bad) = split_words_relaxed(&e.value).map_err(|err| QuadletError::Invalid {
            file: self.unit.file.clone(),
            message: format!("line {}: {err}", e.line),
        })?;
        if let Some(b) = bad {
            self.warnings
                .push(format!("{}:{}: {b}, kept verbatim", self.unit.file, e.line));
        }
        Ok(w)
    }

    /// Fails on the first key of the section (or of `[Quadlet]`) that is not
    /// in `known`, with podman's message.
    pub(super) fn check_keys(&self, known: &[&str]) -> Result<(), QuadletError> {
        let unknown = |section: &str, known: &[&str]| {
            self.unit
                .entries(section)
                .find(|e| !known.contains(&e.key.as_str()))
                .map(|e| {
                    self.err(format!(
                        "unsupported key '{}' in group '{section}' in {}",
                        e.key, self.unit.file
                    ))
                })
        };
        match unknown(self.section, known).or_else(|| unknown("Quadlet", &["DefaultDependencies"]))
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Fails when one of `keys` is set: podman knows them, but the rpod
    /// command they would turn into lacks the flag (`why` says which).
    pub(super) fn refuse(&self, keys: &[&str], why: &str) -> Result<(), QuadletError> {
        match keys.iter().find(|k| self.last(k).is_some()) {
            Some(k) => Err(self.err_key(
                k,
                format!(
                    "key {k} in [{}] is not supported by rpod: {why}",
                    self.section
                ),
            )),
            None => Ok(()),
        }
    }

    /// Resolves a host path relative to the Quadlet file's directory.
    pub(super) fn host_path(&self, p: &str) -> String {
        // A path starting with a systemd specifier (`%h`, not `%%`) is left for systemd.
        if p.starts_with('/') || (p.starts_with('%') && !p.starts_with("%%")) {
            return p.to_string();
        }
        clean_path(&self.dir.join(p))
    }
}

pub(super) fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Some(true),
        "0" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

pub(super) fn clean_path(p: &Path) -> String {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}
