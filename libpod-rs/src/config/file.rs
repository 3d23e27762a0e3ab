//! A TOML configuration file as read, with typed lookups that name the file
//! and the key when a value has the wrong type (`driver = 1` where a string
//! belongs is an error, as in containers/storage and containers/common,
//! never a silent default).
//!
//! Files are read through [`crate::userfile`] (bounded); only a missing file
//! counts as absent, so a symlink loop or an unreadable file is an error.

use std::path::{Path, PathBuf};

use super::Error;
use crate::userfile::{self, CONFIG_FILE};

/// A parsed configuration file.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFile {
    /// Where it was read from.
    pub path: PathBuf,
    table: toml::Table,
}

/// The type a key must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    /// A string.
    Str,
    /// true or false.
    Bool,
    /// An integer.
    Int,
    /// A list of strings.
    Strings,
    /// A table (`[section]`).
    Table,
    /// A list of tables (`[[section]]`).
    Tables,
}

impl Type {
    fn describe(self) -> &'static str {
        match self {
            Type::Str => "a string",
            Type::Bool => "true or false",
            Type::Int => "an integer",
            Type::Strings => "a list of strings",
            Type::Table => "a table",
            Type::Tables => "a list of tables ([[...]])",
        }
    }

    fn matches(self, v: &toml::Value) -> bool {
        match self {
            Type::Str => v.is_str(),
            Type::Bool => v.is_bool(),
            Type::Int => v.is_integer(),
            // containers/common's attributed lists may end in `{append=true}`.
            Type::Strings => v.as_array().is_some_and(|a| {
                let strings = match a.last() {
                    Some(last) if list_attributes(last).is_some() => &a[..a.len() - 1],
                    _ => &a[..],
                };
                strings.iter().all(toml::Value::is_str)
            }),
            Type::Table => v.is_table(),
            Type::Tables => v
                .as_array()
                .is_some_and(|a| a.iter().all(toml::Value::is_table)),
        }
    }
}

/// A list of strings with its `append` attribute (`None` when not given).
pub(crate) type AttributedList = (Vec<String>, Option<bool>);

/// The `append` of a list's `{append=BOOL}` attribute table.
fn list_attributes(v: &toml::Value) -> Option<bool> {
    let t = v.as_table()?;
    match (t.len(), t.get("append")) {
        (1, Some(toml::Value::Boolean(b))) => Some(*b),
        _ => None,
    }
}

fn found(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(a) if a.iter().all(toml::Value::is_table) && !a.is_empty() => {
            "a list of tables"
        }
        toml::Value::Array(_) => "a list with other than strings in it",
        toml::Value::Table(_) => "a table",
    }
}

impl ConfigFile {
    /// Reads and parses `path`; `None` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<ConfigFile>, Error> {
        let Some(text) = userfile::read_string_if_exists(path, CONFIG_FILE)? else {
            return Ok(None);
        };
        let table = text.parse::<toml::Table>().map_err(|e| Error::Toml {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })?;
        Ok(Some(ConfigFile {
            path: path.to_path_buf(),
            table,
        }))
    }

    /// The whole file as a section (keys are dotted paths from the top).
    pub fn root(&self) -> Section<'_> {
        Section {
            path: &self.path,
            prefix: String::new(),
            table: &self.table,
        }
    }

    /// Checks the type of each `(dotted key, type)` present in the file.
    pub fn check(&self, schema: &[(&str, Type)]) -> Result<(), Error> {
        let root = self.root();
        for (key, ty) in schema {
            root.typed(key, *ty)?;
        }
        Ok(())
    }
}

/// A table inside a configuration file, with typed lookups.
#[derive(Debug, Clone)]
pub(crate) struct Section<'a> {
    path: &'a Path,
    /// How the table is named in messages ("registry[2]."), empty at the top.
    prefix: String,
    table: &'a toml::Table,
}

impl<'a> Section<'a> {
    /// The value at a dotted key (`storage.options.mount_program`), if any.
    fn value(&self, key: &str) -> Option<&'a toml::Value> {
        let mut parts = key.split('.');
        let mut v = self.table.get(parts.next()?)?;
        for p in parts {
            v = v.as_table()?.get(p)?;
        }
        Some(v)
    }

    /// The value at `key` when it has type `ty`; an error naming the file
    /// and the key when it has another.
    fn typed(&self, key: &str, ty: Type) -> Result<Option<&'a toml::Value>, Error> {
        match self.value(key) {
            None => Ok(None),
            Some(v) if ty.matches(v) => Ok(Some(v)),
            Some(v) => Err(Error::WrongType {
                path: self.path.to_path_buf(),
                key: format!("{}{key}", self.prefix),
                expected: ty.describe(),
                found: found(v),
            }),
        }
    }

    /// A string value.
    pub fn str(&self, key: &str) -> Result<Option<&'a str>, Error> {
        Ok(self.typed(key, Type::Str)?.and_then(toml::Value::as_str))
    }

    /// A boolean value.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        Ok(self.typed(key, Type::Bool)?.and_then(toml::Value::as_bool))
    }

    /// An integer value.
    pub fn int(&self, key: &str) -> Result<Option<i64>, Error> {
        Ok(self
            .typed(key, Type::Int)?
            .and_then(toml::Value::as_integer))
    }

    /// A list of strings and its `{append=BOOL}` attribute, if it ends in one.
    pub fn strings_attr(&self, key: &str) -> Result<Option<AttributedList>, Error> {
        Ok(self.typed(key, Type::Strings)?.map(|v| {
            let items = v.as_array().map(Vec::as_slice).unwrap_or_default();
            let append = items.last().and_then(list_attributes);
            let strings = items
                .iter()
                .filter_map(toml::Value::as_str)
                .map(str::to_string)
                .collect();
            (strings, append)
        }))
    }

    /// A list of strings.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, Error> {
        Ok(self.typed(key, Type::Strings)?.map(|v| {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(toml::Value::as_str)
                .map(str::to_string)
                .collect()
        }))
    }

    /// A sub-table.
    pub fn table(&self, key: &str) -> Result<Option<Section<'a>>, Error> {
        Ok(self
            .typed(key, Type::Table)?
            .and_then(toml::Value::as_table)
            .map(|table| Section {
                path: self.path,
                prefix: format!("{}{key}.", self.prefix),
                table,
            }))
    }

    /// A list of tables (`[[key]]`), each named `key[i]` in messages.
    pub fn tables(&self, key: &str) -> Result<Vec<Section<'a>>, Error> {
        Ok(self
            .typed(key, Type::Tables)?
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_table)
            .enumerate()
            .map(|(i, table)| Section {
                path: self.path,
                prefix: format!("{}{key}[{i}].", self.prefix),
                table,
            })
            .collect())
    }

    /// The keys and values of this table, in file order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a String, &'a toml::Value)> {
        self.table.iter()
    }

    /// The error for a value of `key` in this table that has the wrong type.
    pub fn wrong_type(&self, key: &str, expected: &'static str, v: &toml::Value) -> Error {
        Error::WrongType {
            path: self.path.to_path_buf(),
            key: format!("{}{key}", self.prefix),
            expected,
            found: found(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, ConfigFile) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.conf");
        fs_err::write(&p, text).unwrap();
        let f = ConfigFile::read(&p).unwrap().unwrap();
        (dir, f)
    }

    #[test]
    fn typed_lookups_name_file_and_key() {
        let (_d, f) = file(
            "[a]\ns = \"x\"\nn = 3\nb = \"yes\"\nl = [\"p\", 1]\n[[r]]\nk = 1\n[[r]]\nk = \"two\"\n",
        );
        let root = f.root();
        assert_eq!(root.str("a.s").unwrap(), Some("x"));
        assert_eq!(root.int("a.n").unwrap(), Some(3));
        assert_eq!(root.str("a.missing").unwrap(), None);
        let e = root.bool("a.b").unwrap_err().to_string();
        assert!(
            e.contains("x.conf") && e.contains("a.b must be true or false, not a string"),
            "{e}"
        );
        let e = root.strings("a.l").unwrap_err().to_string();
        assert!(e.contains("a.l must be a list of strings"), "{e}");
        let rs = root.tables("r").unwrap();
        assert_eq!(rs[0].int("k").unwrap(), Some(1));
        let e = rs[1].int("k").unwrap_err().to_string();
        assert!(e.contains("r[1].k must be an integer, not a string"), "{e}");
        let e = f
            .check(&[("a.s", Type::Str), ("a.n", Type::Str)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("a.n must be a string, not an integer"), "{e}");
    }

    #[test]
    fn missing_is_none_and_broken_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(ConfigFile::read(&dir.path().join("none"))
            .unwrap()
            .is_none());
        let p = dir.path().join("bad.conf");
        fs_err::write(&p, "[a\n").unwrap();
        let e = ConfigFile::read(&p).unwrap_err().to_string();
        assert!(e.contains("bad.conf"), "{e}");
    }
}
