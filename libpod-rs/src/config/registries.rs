//! registries.conf (version 2): where short names are searched, which
//! registries are insecure or blocked, mirrors, and short-name aliases.
//!
//! The user's `$XDG_CONFIG_HOME/containers/registries.conf` replaces the
//! system's `/etc/containers/registries.conf` when it exists, and then only
//! the user's `registries.conf.d/` drop-ins apply (so the aliases of a
//! distribution's `shortnames.conf` do not override a user's own search
//! list, as podman behaves); otherwise the system file and the system
//! drop-ins. Drop-ins are applied after the main file, in name order: their `[[registry]]` entries replace
//! entries with the same prefix, their search list replaces the old one, and
//! their aliases are added.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::file::{ConfigFile, Section, Type};
use super::{drop_ins, Error, Paths};
use crate::reference::{Reference, DOCKER_HUB, DOCKER_HUB_API};
use crate::userfile::{self, CONFIG_FILE};

/// One `[[registry]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryEntry {
    /// The names it applies to (`example.com/foo`, or `*.example.com`).
    pub prefix: String,
    /// Where those names are actually fetched from.
    pub location: String,
    /// Plain HTTP / no certificate checks.
    pub insecure: bool,
    /// Refuse pulls from it.
    pub blocked: bool,
    /// Mirrors tried before the location.
    pub mirrors: Vec<Mirror>,
}

/// One `[[registry.mirror]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    /// The mirror's location (`host[:port][/path]`).
    pub location: String,
    /// Plain HTTP / no certificate checks.
    pub insecure: bool,
}

/// A place to fetch a repository from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The API host (`registry-1.docker.io` for docker.io).
    pub host: String,
    /// The repository path on that host.
    pub repository: String,
    /// Use plain HTTP.
    pub insecure: bool,
    /// Whether this is a mirror rather than the primary location.
    pub mirror: bool,
}

/// The merged registries configuration.
#[derive(Debug, Clone, Default)]
pub struct RegistriesConf {
    search: Vec<String>,
    registries: Vec<RegistryEntry>,
    aliases: BTreeMap<String, String>,
    files: Vec<PathBuf>,
}

impl RegistriesConf {
    /// Reads the configuration files (see the module docs for the order).
    /// Only a missing file is skipped: one that cannot be read (a symlink
    /// loop, no permission) is an error, never taken for "no file".
    pub fn load(paths: &Paths) -> Result<RegistriesConf, Error> {
        let user = paths.user_config_dir().join("registries.conf");
        let user_drop_ins = paths.user_config_dir().join("registries.conf.d");
        let (main, drop_in_dir) = if let Some(file) = &paths.registries_conf {
            // podman's CONTAINERS_REGISTRIES_CONF: this file instead of the
            // user's and the system's; the user's drop-ins when there are.
            let dir = if user_drop_ins.is_dir() {
                user_drop_ins
            } else {
                paths.system_dir.join("registries.conf.d")
            };
            (file.clone(), dir)
        } else if userfile::exists(&user, CONFIG_FILE)? {
            (user, user_drop_ins)
        } else {
            (
                paths.system_dir.join("registries.conf"),
                paths.system_dir.join("registries.conf.d"),
            )
        };
        let mut conf = RegistriesConf {
            search: vec![DOCKER_HUB.to_string()],
            ..Default::default()
        };
        let mut files = vec![main];
        files.extend(drop_ins(&drop_in_dir)?);
        files.push(paths.user_config_dir().join("short-name-aliases.conf"));
        let alias_file = files.len() - 1;
        for (i, file) in files.into_iter().enumerate() {
            if let Some(doc) = ConfigFile::read(&file)? {
                conf.apply(&doc)?;
                if i != alias_file {
                    conf.files.push(file);
                }
            }
        }
        Ok(conf)
    }

    fn apply(&mut self, doc: &ConfigFile) -> Result<(), Error> {
        doc.check(&[
            ("unqualified-search-registries", Type::Strings),
            ("short-name-mode", Type::Str),
            ("credential-helpers", Type::Strings),
            ("registry", Type::Tables),
            ("aliases", Type::Table),
        ])?;
        let root = doc.root();
        let bad = |message: String| Error::Toml {
            path: doc.path.clone(),
            message,
        };
        if let Some(list) = root.strings("unqualified-search-registries")? {
            self.search = list;
        }
        for reg in root.tables("registry")? {
            let location = reg.str("location")?.unwrap_or_default().to_string();
            let prefix = reg
                .str("prefix")?
                .map(str::to_string)
                .unwrap_or_else(|| location.clone());
            if prefix.is_empty() {
                return Err(bad(
                    "a [[registry]] entry needs a location or a prefix".into()
                ));
            }
            reg.bool("mirror-by-digest-only")?;
            reg.str("pull-from-mirror")?;
            let mut mirrors = Vec::new();
            for m in reg.tables("mirror")? {
                m.str("pull-from-mirror")?;
                let Some(location) = m.str("location")? else {
                    return Err(bad("a [[registry.mirror]] entry needs a location".into()));
                };
                mirrors.push(Mirror {
                    location: location.to_string(),
                    insecure: m.bool("insecure")?.unwrap_or(false),
                });
            }
            let entry = RegistryEntry {
                location: if location.is_empty() {
                    prefix.clone()
                } else {
                    location
                },
                prefix,
                insecure: reg.bool("insecure")?.unwrap_or(false),
                blocked: reg.bool("blocked")?.unwrap_or(false),
                mirrors,
            };
            self.registries.retain(|r| r.prefix != entry.prefix);
            self.registries.push(entry);
        }
        if let Some(aliases) = root.table("aliases")? {
            self.add_aliases(&aliases, &doc.path)?;
        }
        Ok(())
    }

    fn add_aliases(&mut self, aliases: &Section<'_>, file: &Path) -> Result<(), Error> {
        for (k, v) in aliases.entries() {
            let target = v
                .as_str()
                .ok_or_else(|| aliases.wrong_type(&format!("{k:?}"), "a string", v))?;
            Reference::parse(target).map_err(|source| Error::BadReference {
                path: file.to_path_buf(),
                value: target.to_string(),
                source,
            })?;
            self.aliases.insert(k.clone(), target.to_string());
        }
        Ok(())
    }

    /// The unqualified-search registries (docker.io when unset).
    pub fn search_registries(&self) -> &[String] {
        &self.search
    }

    /// The `[[registry]]` tables, in file order.
    pub fn registries(&self) -> &[RegistryEntry] {
        &self.registries
    }

    /// The files that were read, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Whether plain HTTP is configured for this domain.
    pub fn is_insecure(&self, domain: &str) -> bool {
        self.find_entry(domain).is_some_and(|(e, _)| e.insecure)
    }

    /// The fully qualified references to try, in order, for what the user typed.
    pub fn candidates(&self, input: &str) -> Result<Vec<Reference>, Error> {
        let bad = |source| Error::BadReference {
            path: PathBuf::from("(command line)"),
            value: input.to_string(),
            source,
        };
        if !Reference::is_short_name(input) {
            return Ok(vec![Reference::parse(input)
                .map_err(bad)?
                .with_default_tag()]);
        }
        // Validate the short name itself once (grammar, lowercase).
        let parsed = Reference::parse(input).map_err(bad)?;
        let bare = input.split(['@']).next().unwrap_or(input);
        let bare = match bare.rfind(':') {
            Some(i) if !bare[i..].contains('/') => &bare[..i],
            _ => bare,
        };
        if let Some(target) = self.aliases.get(bare) {
            let alias = Reference::parse(target).map_err(bad)?;
            let mut r = alias.clone();
            if let Some(t) = parsed.tag() {
                r = r.with_tag(t);
            }
            if let Some(d) = parsed.digest() {
                r = r.with_digest(d.clone());
                if let Some(t) = parsed.tag() {
                    r = Reference::parse(&format!("{}:{t}@{d}", alias.name())).map_err(bad)?;
                }
            }
            return Ok(vec![r.with_default_tag()]);
        }
        if self.search.is_empty() {
            return Err(Error::ShortName(format!(
                "short-name {input:?} did not resolve to an alias and no unqualified-search registries are defined in {}: use a fully qualified name",
                self.files.first().map(|p| p.display().to_string()).unwrap_or_else(|| "registries.conf".into())
            )));
        }
        let mut out = Vec::new();
        for registry in &self.search {
            let r = Reference::parse(&format!("{registry}/{input}")).map_err(bad)?;
            out.push(r.with_default_tag());
        }
        Ok(out)
    }

    fn find_entry(&self, name: &str) -> Option<(&RegistryEntry, usize)> {
        let mut best: Option<(&RegistryEntry, usize)> = None;
        for entry in &self.registries {
            let len = if let Some(wild) = entry.prefix.strip_prefix("*.") {
                let host = name.split('/').next().unwrap_or(name);
                (host.ends_with(&format!(".{wild}"))).then_some(entry.prefix.len())
            } else if name == entry.prefix || name.starts_with(&format!("{}/", entry.prefix)) {
                Some(entry.prefix.len())
            } else {
                None
            };
            if let Some(len) = len {
                if best.is_none_or(|(_, b)| len > b) {
                    best = Some((entry, len));
                }
            }
        }
        best
    }

    /// Where to fetch `r` from: mirrors first, then the primary location.
    pub fn endpoints(&self, r: &Reference) -> Result<Vec<Endpoint>, Error> {
        let name = r.name();
        let Some((entry, _)) = self.find_entry(&name) else {
            return Ok(vec![endpoint(&name, false, false)]);
        };
        if entry.blocked {
            return Err(Error::Blocked {
                registry: entry.prefix.clone(),
            });
        }
        let rewrite = |location: &str| -> String {
            if entry.prefix.starts_with("*.") {
                name.clone()
            } else {
                format!("{location}{}", &name[entry.prefix.len()..])
            }
        };
        let mut out: Vec<Endpoint> = entry
            .mirrors
            .iter()
            .map(|m| endpoint(&rewrite(&m.location), m.insecure, true))
            .collect();
        out.push(endpoint(&rewrite(&entry.location), entry.insecure, false));
        Ok(out)
    }
}

fn endpoint(name: &str, insecure: bool, mirror: bool) -> Endpoint {
    let (host, repository) = name.split_once('/').unwrap_or((name, ""));
    let host = if host == DOCKER_HUB || host == "index.docker.io" {
        DOCKER_HUB_API
    } else {
        host
    };
    Endpoint {
        host: host.to_string(),
        repository: repository.to_string(),
        insecure,
        mirror,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_registries_conf_replaces_user_and_system_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Paths::under(dir.path(), 1000);
        for d in [paths.user_config_dir(), paths.system_dir.clone()] {
            fs_err::create_dir_all(&d).unwrap();
            fs_err::write(
                d.join("registries.conf"),
                "unqualified-search-registries = [\"not.used\"]\n",
            )
            .unwrap();
        }
        let file = dir.path().join("mine.conf");
        fs_err::write(
            &file,
            "unqualified-search-registries = [\"mine.example\"]\n",
        )
        .unwrap();
        paths.registries_conf = Some(file.clone());
        let c = RegistriesConf::load(&paths).unwrap();
        assert_eq!(c.search_registries(), ["mine.example"]);
        assert_eq!(c.files(), std::slice::from_ref(&file));
        // The user's drop-ins still apply.
        let d = paths.user_config_dir().join("registries.conf.d");
        fs_err::create_dir_all(&d).unwrap();
        fs_err::write(
            d.join("50-x.conf"),
            "[[registry]]\nlocation = \"x.example\"\ninsecure = true\n",
        )
        .unwrap();
        let c = RegistriesConf::load(&paths).unwrap();
        assert!(c.is_insecure("x.example"));
        assert_eq!(c.files(), [file, d.join("50-x.conf")]);
    }

    fn conf(text: &str) -> (tempfile::TempDir, RegistriesConf) {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(paths.user_config_dir().join("registries.conf"), text).unwrap();
        let c = RegistriesConf::load(&paths).unwrap();
        (dir, c)
    }

    #[test]
    fn defaults_to_docker_hub() {
        let dir = tempfile::tempdir().unwrap();
        let c = RegistriesConf::load(&Paths::under(dir.path(), 1000)).unwrap();
        let cands = c.candidates("alpine").unwrap();
        assert_eq!(cands[0].to_string(), "docker.io/library/alpine:latest");
        let eps = c.endpoints(&cands[0]).unwrap();
        assert_eq!(
            eps,
            vec![Endpoint {
                host: "registry-1.docker.io".into(),
                repository: "library/alpine".into(),
                insecure: false,
                mirror: false
            }]
        );
    }

    #[test]
    fn search_aliases_insecure_and_mirrors() {
        let (_d, c) = conf(
            r#"
unqualified-search-registries = ["127.0.0.1:5000", "quay.io"]
[[registry]]
location = "127.0.0.1:5000"
insecure = true
[[registry]]
prefix = "docker.io/library"
location = "docker.io/library"
[[registry.mirror]]
location = "mirror.local:6000/hub"
insecure = true
[[registry]]
location = "bad.example"
blocked = true
[aliases]
"web" = "quay.io/team/nginx"
"#,
        );
        let names: Vec<String> = c
            .candidates("busybox")
            .unwrap()
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            names,
            ["127.0.0.1:5000/busybox:latest", "quay.io/busybox:latest"]
        );
        assert_eq!(
            c.candidates("web:1").unwrap()[0].to_string(),
            "quay.io/team/nginx:1"
        );
        assert!(c.is_insecure("127.0.0.1:5000"));
        let eps = c
            .endpoints(&Reference::parse("127.0.0.1:5000/a/b").unwrap())
            .unwrap();
        assert_eq!(eps[0].host, "127.0.0.1:5000");
        assert_eq!(eps[0].repository, "a/b");
        assert!(eps[0].insecure);
        let eps = c.endpoints(&Reference::parse("alpine").unwrap()).unwrap();
        assert_eq!(eps.len(), 2);
        assert_eq!(
            (
                eps[0].host.as_str(),
                eps[0].repository.as_str(),
                eps[0].mirror
            ),
            ("mirror.local:6000", "hub/alpine", true)
        );
        assert_eq!(eps[1].host, "registry-1.docker.io");
        assert!(matches!(
            c.endpoints(&Reference::parse("bad.example/x").unwrap()),
            Err(Error::Blocked { .. })
        ));
    }

    #[test]
    fn drop_ins_replace_and_extend() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.system_dir.join("registries.conf.d")).unwrap();
        fs_err::write(
            paths.system_dir.join("registries.conf"),
            "unqualified-search-registries = [\"a.io\"]\n",
        )
        .unwrap();
        fs_err::write(
            paths.system_dir.join("registries.conf.d/10-b.conf"),
            "unqualified-search-registries = [\"b.io\"]\n[aliases]\n\"x\" = \"b.io/x\"\n",
        )
        .unwrap();
        let c = RegistriesConf::load(&paths).unwrap();
        assert_eq!(c.search_registries(), ["b.io"]);
        assert_eq!(c.candidates("x").unwrap()[0].to_string(), "b.io/x:latest");
    }

    #[test]
    fn wrong_types_and_loops_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("registries.conf");
        for (text, key) in [
            (
                "[[registry]]\nlocation = \"a.io\"\nblocked = \"true\"\n",
                "registry[0].blocked must be true or false, not a string",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\n[[registry]]\nlocation = \"b.io\"\ninsecure = 1\n",
                "registry[1].insecure must be true or false, not an integer",
            ),
            (
                "unqualified-search-registries = \"docker.io\"\n",
                "unqualified-search-registries must be a list of strings",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = 5\n",
                "registry[0].mirror[0].location must be a string",
            ),
            ("[aliases]\n\"x\" = 1\n", "aliases.\"x\" must be a string"),
        ] {
            fs_err::write(&file, text).unwrap();
            let e = RegistriesConf::load(&paths).unwrap_err().to_string();
            assert!(e.contains(key) && e.contains("registries.conf"), "{text}: {e}");
        }
        // A loop is an error, not "no user file" (which would mean the system's).
        fs_err::remove_file(&file).unwrap();
        fs_err::os::unix::fs::symlink("loop", &file).unwrap();
        fs_err::os::unix::fs::symlink("registries.conf", paths.user_config_dir().join("loop"))
            .unwrap();
        let e = RegistriesConf::load(&paths).unwrap_err().to_string();
        assert!(
            e.contains("registries.conf") && e.contains("symbolic links"),
            "{e}"
        );
    }

    #[test]
    fn empty_search_list_is_a_clear_error() {
        let (_d, c) = conf("unqualified-search-registries = []\n");
        let err = c.candidates("alpine").unwrap_err().to_string();
        assert!(err.contains("fully qualified"), "{err}");
    }
}
