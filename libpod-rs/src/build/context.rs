//! The build context: the directory COPY and ADD read from, walked once
//! (without following symlinks), with what the ignore file excludes left
//! out. Nothing is copied or packed: COPY reads the files in place, each
//! opened inside the context's root (`openat2(RESOLVE_IN_ROOT)`), and a
//! source path that runs through a symlink is resolved in the recorded
//! tree as if the context were `/`, so it never leaves the context.
//!
//! For the cache, [`Context::digest`] hashes what a COPY's sources select:
//! names, types, modes, link targets and file contents, never times. A
//! [`StatCache`] remembers each file's content digest by its stat (size,
//! mtime, ctime, inode), so a rebuild hashes only the files that changed;
//! a file changed within two seconds of being hashed is never trusted.

use std::collections::{BTreeMap, HashMap};
use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::ignore::{clean, Ignore};
use crate::digest::Digest;
use crate::sys;

/// Errors of reading the context.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    /// Walking or reading failed.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// A COPY/ADD source matches nothing.
    #[error("COPY/ADD source {source_path:?}: no such file or directory in the build context {context} (or it is excluded by .containerignore/.dockerignore)")]
    NotFound {
        /// The source as written.
        source_path: String,
        /// The context directory.
        context: String,
    },
    /// A pattern is malformed.
    #[error("COPY/ADD source {0:?}: bad pattern")]
    BadPattern(String),
}

/// What kind of file a context entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symlink, with its target.
    Symlink(String),
    /// A FIFO, socket or device (skipped by COPY).
    Other,
}

/// One file of the context, as `lstat` saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its kind.
    pub kind: Kind,
    /// Permission bits (with setuid, setgid, sticky).
    pub mode: u32,
    /// Size in bytes.
    pub size: u64,
    /// Modification time (seconds, nanoseconds).
    pub mtime: (i64, i64),
    /// Change time.
    pub ctime: (i64, i64),
    /// Inode and device.
    pub ino: (u64, u64),
}

impl Entry {
    fn from_meta(m: &std::fs::Metadata, kind: Kind) -> Entry {
        Entry {
            kind,
            mode: m.mode() & 0o7777,
            size: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
            ino: (m.ino(), m.dev()),
        }
    }
}

/// A path a COPY/ADD source selected: where it is in the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    /// The path in the context (symlinks in the source resolved), `""` for the root.
    pub path: String,
    /// The name it was selected by (the last component of the source, or of the match).
    pub name: String,
    /// Whether it is a directory (its contents are copied, not itself).
    pub is_dir: bool,
}

/// A build context read once.
#[derive(Debug)]
pub struct Context {
    root: PathBuf,
    root_fd: Option<OwnedFd>,
    entries: BTreeMap<String, Entry>,
    /// Directories that could not be listed, with why: an error only for
    /// a COPY/ADD that selects them (a context that is `$HOME` or `/tmp`
    /// may hold others' directories).
    unreadable: BTreeMap<String, String>,
}

impl Context {
    /// No context (`rpod build - < Dockerfile`): COPY finds nothing.
    pub fn empty() -> Context {
        Context {
            root: PathBuf::new(),
            root_fd: None,
            entries: BTreeMap::new(),
            unreadable: BTreeMap::new(),
        }
    }

    /// Walks the directory `root`, leaving out what `ignore` excludes.
    pub fn open(root: &Path, ignore: &Ignore) -> Result<Context, ContextError> {
        let root_fd = sys::open_dir(root).map_err(|e| ContextError::Io {
            action: "opening the build context",
            path: root.to_path_buf(),
            source: e.into(),
        })?;
        let mut ctx = Context {
            root: root.to_path_buf(),
            root_fd: Some(root_fd),
            entries: BTreeMap::new(),
            unreadable: BTreeMap::new(),
        };
        let meta = fs_err::metadata(root).map_err(|source| ContextError::Io {
            action: "reading",
            path: root.to_path_buf(),
            source,
        })?;
        ctx.entries
            .insert(String::new(), Entry::from_meta(&meta, Kind::Dir));
        ctx.walk(root, "", ignore)?;
        Ok(ctx)
    }

    /// Records the entries under `dir` (`rel` in the context); returns
    /// whether anything under it was kept.
    fn walk(&mut self, dir: &Path, rel: &str, ignore: &Ignore) -> Result<bool, ContextError> {
        let io = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| ContextError::Io {
                action,
                path,
                source,
            }
        };
        let mut kept = false;
        let mut names: Vec<_> = fs_err::read_dir(dir)
            .map_err(io("listing", dir))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(io("listing", dir))?;
        names.sort();
        for name in names {
            let Some(name) = name.to_str().map(str::to_string) else {
                tracing::warn!("skipping {}/{:?}: not UTF-8", dir.display(), name);
                continue;
            };
            let path = dir.join(&name);
            let child = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let meta = fs_err::symlink_metadata(&path).map_err(io("reading", &path))?;
            let excluded = ignore.excludes(&child);
            let ft = meta.file_type();
            if ft.is_dir() {
                // An excluded directory is walked only when an exception
                // names something inside it (Docker's rule).
                if excluded && !ignore.may_reinclude_under(&child) {
                    continue;
                }
                let below = match self.walk(&path, &child, ignore) {
                    Ok(below) => below,
                    Err(ContextError::Io { action, source, .. })
                        if source.kind() == io::ErrorKind::PermissionDenied =>
                    {
                        self.unreadable.insert(
                            child.clone(),
                            format!(
                                "{action} {}: {}",
                                path.display(),
                                crate::sys::os_text(&source)
                            ),
                        );
                        !excluded
                    }
                    Err(e) => return Err(e),
                };
                if !excluded || below {
                    self.entries
                        .insert(child, Entry::from_meta(&meta, Kind::Dir));
                    kept = true;
                }
                continue;
            }
            if excluded {
                continue;
            }
            let kind = if ft.is_file() {
                Kind::File
            } else if ft.is_symlink() {
                let target = fs_err::read_link(&path).map_err(io("reading the link", &path))?;
                Kind::Symlink(target.to_string_lossy().into_owned())
            } else {
                Kind::Other
            };
            self.entries.insert(child, Entry::from_meta(&meta, kind));
            kept = true;
        }
        Ok(kept)
    }

    /// The context directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The entry at `path` (relative, `""` for the root).
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Every kept entry under `dir` (not `dir` itself), sorted by path.
    pub fn under<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Entry)> + 'a {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let len = prefix.len();
        self.entries
            .range(prefix.clone()..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k.is_empty())
            .map(move |(k, e)| (&k[len..], e))
    }

    /// Follows symlinks in `path` inside the recorded tree (the context is
    /// `/` for them); `None` when it leads nowhere.
    pub fn resolve(&self, path: &str) -> Option<String> {
        let mut todo: Vec<String> = clean(&format!("/{path}"))
            .split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        todo.reverse();
        let mut cur: Vec<String> = Vec::new();
        let mut hops = 0;
        while let Some(comp) = todo.pop() {
            match comp.as_str() {
                "." => continue,
                ".." => {
                    cur.pop();
                    continue;
                }
                _ => {}
            }
            cur.push(comp);
            let here = cur.join("/");
            if let Kind::Symlink(target) = &self.entries.get(&here)?.kind {
                hops += 1;
                if hops > 40 {
                    return None;
                }
                cur.pop();
                if target.starts_with('/') {
                    cur.clear();
                }
                for c in target.split('/').rev().filter(|c| !c.is_empty()) {
                    todo.push(c.to_string());
                }
            }
        }
        Some(cur.join("/"))
    }

    /// Fails if `path` is, or holds, a directory that could not be listed.
    fn check_readable(&self, path: &str) -> Result<(), ContextError> {
        let prefix = format!("{path}/");
        for (dir, why) in &self.unreadable {
            if path.is_empty() || dir == path || dir.starts_with(&prefix) {
                return Err(ContextError::Io {
                    action: "copying from the build context",
                    path: self.root.join(dir),
                    source: io::Error::new(io::ErrorKind::PermissionDenied, why.clone()),
                });
            }
        }
        Ok(())
    }

    /// What the COPY/ADD source `source` (as written, expanded) selects.
    pub fn select(&self, source: &str) -> Result<Vec<Selected>, ContextError> {
        let selected = self.select_entries(source)?;
        for s in &selected {
            self.check_readable(&s.path)?;
        }
        Ok(selected)
    }

    fn select_entries(&self, source: &str) -> Result<Vec<Selected>, ContextError> {
        let not_found = || ContextError::NotFound {
            source_path: source.to_string(),
            context: self.root.display().to_string(),
        };
        let cleaned = clean(&format!("/{source}"));
        let rel = cleaned.trim_start_matches('/');
        let globbed = rel.contains(['*', '?', '[']);
        if !globbed {
            let path = self.resolve(rel).ok_or_else(not_found)?;
            let entry = self.entries.get(&path).ok_or_else(not_found)?;
            let name = rel.rsplit('/').next().unwrap_or("").to_string();
            return Ok(vec![Selected {
                is_dir: entry.kind == Kind::Dir,
                path,
                name,
            }]);
        }
        let parts: Vec<regex::Regex> = rel
            .split('/')
            .map(component_regex)
            .collect::<Result<_, _>>()
            .map_err(|_| ContextError::BadPattern(source.to_string()))?;
        let mut out = Vec::new();
        for path in self.entries.keys() {
            let comps: Vec<&str> = path.split('/').collect();
            if path.is_empty()
                || comps.len() != parts.len()
                || !comps.iter().zip(&parts).all(|(c, re)| re.is_match(c))
            {
                continue;
            }
            // A match that is a symlink is followed, inside the context.
            let Some(resolved) = self.resolve(path) else {
                continue;
            };
            let Some(entry) = self.entries.get(&resolved) else {
                continue;
            };
            out.push(Selected {
                is_dir: entry.kind == Kind::Dir,
                path: resolved,
                name: comps.last().copied().unwrap_or("").to_string(),
            });
        }
        if out.is_empty() {
            return Err(not_found());
        }
        Ok(out)
    }

    /// Opens a file of the context for reading, inside the context's root.
    pub fn open_file(&self, path: &str) -> Result<File, ContextError> {
        let err = |source: io::Error| ContextError::Io {
            action: "opening",
            path: self.root.join(path),
            source,
        };
        let root = self
            .root_fd
            .as_ref()
            .ok_or_else(|| err(io::ErrorKind::NotFound.into()))?;
        let fd = sys::open_in_root(
            root.as_fd(),
            Path::new(path),
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW,
        )
        .map_err(|e| err(e.into()))?;
        Ok(File::from(fd))
    }

    /// The content digest of what `selected` covers: each path below it
    /// with its type, mode, link target and file content (no times, no owners).
    pub fn digest(
        &self,
        selected: &[Selected],
        cache: &mut StatCache,
    ) -> Result<Digest, ContextError> {
        let mut h = Sha256::new();
        for s in selected {
            h.update(format!("source {} {}\0", s.name, s.is_dir));
            let mut items: Vec<(String, &Entry)> = Vec::new();
            if s.is_dir {
                for (rel, e) in self.under(&s.path) {
                    items.push((rel.to_string(), e));
                }
            } else if let Some(e) = self.entries.get(&s.path) {
                items.push((String::new(), e));
            }
            for (rel, e) in items {
                let full = if s.path.is_empty() {
                    rel.clone()
                } else if rel.is_empty() {
                    s.path.clone()
                } else {
                    format!("{}/{rel}", s.path)
                };
                let body = match &e.kind {
                    Kind::File => format!("f{}", self.file_digest(&full, e, cache)?),
                    Kind::Dir => "d".into(),
                    Kind::Symlink(t) => format!("l{t}"),
                    Kind::Other => continue,
                };
                h.update(format!("{rel}\0{:o}\0{body}\0", e.mode));
            }
        }
        Ok(Digest::from_sha256(h.finalize().into()))
    }

    fn file_digest(
        &self,
        path: &str,
        e: &Entry,
        cache: &mut StatCache,
    ) -> Result<String, ContextError> {
        let abs = self.root.join(path).display().to_string();
        let key = StatKey::of(e);
        if let Some(d) = cache.files.get(&abs).filter(|c| c.key == key) {
            return Ok(d.digest.clone());
        }
        let mut f = self.open_file(path)?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 256 << 10];
        loop {
            let n = f.read(&mut buf).map_err(|source| ContextError::Io {
                action: "reading",
                path: PathBuf::from(&abs),
                source,
            })?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
        let digest = hex::encode(h.finalize());
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        // A file written in the last moments may change again within the
        // same timestamp: do not remember it.
        if now - e.mtime.0.max(e.ctime.0) > 2 {
            cache.files.insert(
                abs,
                StatEntry {
                    key,
                    digest: digest.clone(),
                },
            );
            cache.dirty = true;
        }
        Ok(digest)
    }
}

/// One path component of a glob (Go's `filepath.Match`) as a regex.
fn component_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let mut re = String::from("^");
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '[' => {
                re.push('[');
                let mut first = true;
                for c in chars.by_ref() {
                    if first && (c == '!' || c == '^') {
                        re.push('^');
                    } else if c == ']' {
                        break;
                    } else if c == '\\' || c == '[' {
                        re.push('\\');
                        re.push(c);
                    } else {
                        re.push(c);
                    }
                    first = false;
                }
                re.push(']');
            }
            '\\' => {
                if let Some(n) = chars.next() {
                    re.push_str(&regex::escape(&n.to_string()));
                }
            }
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    regex::Regex::new(&re)
}

/// What a file's digest is remembered by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StatKey {
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    ino: (u64, u64),
}

impl StatKey {
    fn of(e: &Entry) -> StatKey {
        StatKey {
            size: e.size,
            mtime: e.mtime,
            ctime: e.ctime,
            ino: e.ino,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StatEntry {
    key: StatKey,
    digest: String,
}

/// File digests remembered between builds, by path and stat.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StatCache {
    files: HashMap<String, StatEntry>,
    #[serde(skip)]
    dirty: bool,
}

impl StatCache {
    /// Loads the cache file at `path` (empty when missing or damaged).
    pub fn load(path: &Path) -> StatCache {
        fs_err::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes it back (atomically) when something was added.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let bytes = serde_json::to_vec(self).map_err(io::Error::other)?;
        crate::store::atomic::replace(path, &bytes, 0o600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fs_err::os::unix::fs::symlink;

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let p = d.path();
        fs_err::create_dir_all(p.join("src/sub")).unwrap();
        fs_err::create_dir_all(p.join("node_modules/x")).unwrap();
        fs_err::write(p.join("src/a.js"), "a").unwrap();
        fs_err::write(p.join("src/sub/b.js"), "b").unwrap();
        fs_err::write(p.join("package.json"), "{}").unwrap();
        fs_err::write(p.join("package-lock.json"), "{}").unwrap();
        fs_err::write(p.join("debug.log"), "log").unwrap();
        fs_err::write(p.join("node_modules/x/i.js"), "x").unwrap();
        symlink("src", p.join("linkdir")).unwrap();
        symlink("../../../../etc", p.join("escape")).unwrap();
        symlink("/src/a.js", p.join("abs")).unwrap();
        d
    }

    #[test]
    fn walks_once_honouring_the_ignore_file() {
        let d = tree();
        let ig = Ignore::parse("node_modules\n*.log\n").unwrap();
        let c = Context::open(d.path(), &ig).unwrap();
        assert!(c.entry("node_modules").is_none());
        assert!(c.entry("node_modules/x/i.js").is_none());
        assert!(c.entry("debug.log").is_none());
        assert_eq!(c.entry("src/sub/b.js").unwrap().kind, Kind::File);
        let under: Vec<&str> = c.under("src").map(|(p, _)| p).collect();
        assert_eq!(under, vec!["a.js", "sub", "sub/b.js"]);
        // Exceptions inside an excluded directory keep the directory; an
        // exception that does not name the directory does not reach into it.
        let ig = Ignore::parse("node_modules\n!*/i.js\n").unwrap();
        assert!(Context::open(d.path(), &ig)
            .unwrap()
            .entry("node_modules/x/i.js")
            .is_none());
        let ig = Ignore::parse("node_modules\n!node_modules/x/i.js\n").unwrap();
        let c = Context::open(d.path(), &ig).unwrap();
        assert!(c.entry("node_modules/x/i.js").is_some());
        assert!(c.entry("node_modules/x").is_some());
    }

    #[test]
    fn sources_resolve_inside_the_context() {
        let d = tree();
        let c = Context::open(d.path(), &Ignore::default()).unwrap();
        let sel = c.select("package*.json").unwrap();
        let names: Vec<&str> = sel.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["package-lock.json", "package.json"]);
        assert_eq!(c.select("linkdir/a.js").unwrap()[0].path, "src/a.js");
        assert!(c.select("linkdir").unwrap()[0].is_dir);
        assert_eq!(c.select("abs").unwrap()[0].path, "src/a.js");
        assert_eq!(
            c.select("/src/../package.json").unwrap()[0].path,
            "package.json"
        );
        assert_eq!(
            c.select("../../package.json").unwrap()[0].path,
            "package.json"
        );
        // A link pointing outside resolves to the context's root, not to /etc.
        assert!(matches!(
            c.select("escape/passwd"),
            Err(ContextError::NotFound { .. })
        ));
        assert!(c.select(".").unwrap()[0].is_dir);
        assert!(matches!(
            c.select("nope*"),
            Err(ContextError::NotFound { .. })
        ));
        let f = c.open_file("src/a.js").unwrap();
        drop(f);
        assert!(
            c.open_file("abs").is_err(),
            "the last component is never followed"
        );
    }

    #[test]
    fn digests_follow_content_not_times() {
        let d = tree();
        let ig = Ignore::parse("node_modules\n").unwrap();
        let mut cache = StatCache::default();
        let c = Context::open(d.path(), &ig).unwrap();
        let sel = c.select("src").unwrap();
        let d1 = c.digest(&sel, &mut cache).unwrap();
        // Touching a file changes nothing; changing its content does.
        let f = fs_err::File::options()
            .write(true)
            .open(d.path().join("src/a.js"))
            .unwrap();
        f.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(10))
            .unwrap();
        drop(f);
        let c = Context::open(d.path(), &ig).unwrap();
        assert_eq!(c.digest(&sel, &mut cache).unwrap(), d1);
        fs_err::write(d.path().join("src/a.js"), "A").unwrap();
        let c = Context::open(d.path(), &ig).unwrap();
        let d2 = c.digest(&sel, &mut cache).unwrap();
        assert_ne!(d2, d1);
        // Files outside the selection do not matter.
        fs_err::write(d.path().join("package.json"), "{\"x\":1}").unwrap();
        let c = Context::open(d.path(), &ig).unwrap();
        assert_eq!(c.digest(&sel, &mut cache).unwrap(), d2);
        // A file changed moments ago is not remembered (its next change
        // could keep the same times on a coarse file system)...
        assert!(!cache.dirty && cache.files.is_empty());
        // ...and a remembered digest is used while the stat matches.
        let e = c.entry("src/a.js").unwrap().clone();
        let abs = d.path().join("src/a.js").display().to_string();
        let mut stale = StatCache::default();
        stale.files.insert(
            abs,
            StatEntry {
                key: StatKey::of(&e),
                digest: "0".repeat(64),
            },
        );
        stale.dirty = true;
        assert_ne!(
            c.digest(&sel, &mut stale).unwrap(),
            d2,
            "the remembered digest was not used"
        );
        let path = d.path().join("cache.json");
        stale.save(&path).unwrap();
        assert_eq!(StatCache::load(&path).files.len(), stale.files.len());
    }
}
