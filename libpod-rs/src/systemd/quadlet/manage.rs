//! `rpod quadlet install|list|print|rm` (podman 5.8's verbs): Quadlet files
//! and applications copied into, listed from and removed from the user's
//! Quadlet directory, with the systemd manager told through `systemctl`.
//!
//! As podman's: a directory given first is an application (its files, Quadlet
//! or not, are listed in `.DIR.app` in the install directory); a `.quadlets`
//! file holds several Quadlet files separated by `---` lines, each naming
//! itself with a `# FileName=NAME` comment (an application `.BASE.app`); the
//! other files given after a single Quadlet file are its assets
//! (`.NAME.asset`), removed with it. Removing one file of an application
//! removes the whole application.
//!
//! Where rpod differs: podman refuses every verb when it cannot reach
//! systemd over D-Bus. rpod needs no systemd to run containers, so the
//! files are installed and removed anyway and the reload is skipped with a
//! warning; `list` then shows `Not loaded`.

use std::collections::BTreeMap;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use super::generator::QUADLET_EXTENSIONS;
use super::names::{service_name_of, split_name};
use crate::systemd::unit::UnitFile;

/// What a Quadlet verb could not do.
#[derive(Debug, Error)]
pub enum ManageError {
    /// A name or file whose extension is no Quadlet kind.
    #[error("{0:?} is not a supported Quadlet file type: use .container, .volume, .network, .pod, .kube, .image, .build or .artifact")]
    UnsupportedType(String),
    /// `quadlet print|rm NAME` of a file in no Quadlet directory.
    #[error("could not locate quadlet {0:?} in any supported quadlet directory: no such quadlet (rpod quadlet list shows the installed ones)")]
    NotFound(String),
    /// `install` of a name already installed, without `--replace`.
    #[error("a Quadlet with name {0} already exists, refusing to overwrite: remove it first or pass --replace")]
    Exists(String),
    /// `rm` of a file whose unit is running, without `--force`.
    #[error("quadlet {0} is running and force is not set, refusing to remove: quadlet is running (stop its unit, or pass --force)")]
    Running(String),
    /// A `.quadlets` file that cannot be split.
    #[error("{file}: {message}")]
    Multi {
        /// The `.quadlets` file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Downloading a URL failed.
    #[error("unable to download URL {url}: {message}")]
    Download {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// `systemctl` failed.
    #[error("{what}: {message}")]
    Systemd {
        /// What was asked of it.
        what: String,
        /// Its message.
        message: String,
    },
    /// A file could not be read, written or removed.
    #[error("{op} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was done.
        op: &'static str,
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn io<'a>(op: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> ManageError + 'a {
    move |source| ManageError::Io {
        op,
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `name` ends with a Quadlet extension.
pub fn is_quadlet_name(name: &str) -> bool {
    QUADLET_EXTENSIONS.iter().any(|e| name.ends_with(e))
}

/// Where `install` puts files: `$XDG_CONFIG_HOME/containers/systemd`
/// (`~/.config/...`) for a user, `/etc/containers/systemd` for root.
pub fn install_dir(user: bool) -> PathBuf {
    if !user {
        return PathBuf::from(super::generator::UNIT_DIR_ADMIN);
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".config")
        })
        .join("containers/systemd")
}

/// The systemd manager of this user (`systemctl --user`) or the system's.
#[derive(Debug, Clone, Copy)]
pub struct Manager {
    /// The user's manager.
    pub user: bool,
}

/// One unit's state as systemd reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitState {
    /// `loaded`, `not-found` ...
    pub load: String,
    /// `active`, `inactive` ...
    pub active: String,
    /// `running`, `dead` ...
    pub sub: String,
}

impl Manager {
    fn systemctl(&self) -> Command {
        let mut c = Command::new("systemctl");
        if self.user {
            c.arg("--user");
        }
        c
    }

    /// Whether a manager answers (its `SystemState` is anything but
    /// `offline`/`unknown`).
    pub fn available(&self) -> bool {
        let Ok(out) = self
            .systemctl()
            .args(["show", "--property=SystemState", "--value"])
            .output()
        else {
            return false;
        };
        let state = String::from_utf8_lossy(&out.stdout).trim().to_string();
        !matches!(state.as_str(), "" | "offline" | "unknown")
    }

    fn run(&self, what: &str, args: &[&str]) -> Result<String, ManageError> {
        let out = self
            .systemctl()
            .args(args)
            .output()
            .map_err(|e| ManageError::Systemd {
                what: what.to_string(),
                message: crate::sys::os_text(&e),
            })?;
        if !out.status.success() {
            return Err(ManageError::Systemd {
                what: what.to_string(),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `systemctl daemon-reload`: the generator runs again.
    pub fn reload(&self) -> Result<(), ManageError> {
        self.run("reloading systemd", &["daemon-reload"]).map(drop)
    }

    /// `systemctl stop UNIT`, waiting for the job.
    pub fn stop(&self, unit: &str) -> Result<(), ManageError> {
        self.run(&format!("stopping {unit}"), &["stop", unit])
            .map(drop)
    }

    /// The states of `units` (`not-found` for units systemd does not know).
    pub fn states(&self, units: &[String]) -> Result<BTreeMap<String, UnitState>, ManageError> {
        let mut out = BTreeMap::new();
        if units.is_empty() {
            return Ok(out);
        }
        let mut args = vec!["show", "--property=Id,LoadState,ActiveState,SubState", "--"];
        args.extend(units.iter().map(String::as_str));
        let text = self.run("querying systemd for unit status", &args)?;
        for (block, unit) in text.split("\n\n").zip(units) {
            let mut s = UnitState::default();
            for l in block.lines() {
                match l.split_once('=') {
                    Some(("LoadState", v)) => s.load = v.to_string(),
                    Some(("ActiveState", v)) => s.active = v.to_string(),
                    Some(("SubState", v)) => s.sub = v.to_string(),
                    _ => {}
                }
            }
            out.insert(unit.clone(), s);
        }
        Ok(out)
    }
}

/// One Quadlet file `list` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// File name (`web.container`).
    pub name: String,
    /// Its service (`web.service`), or why it has none.
    pub unit_name: Result<String, String>,
    /// Where it is.
    pub path: PathBuf,
    /// The application it belongs to (`.DIR.app`), if any.
    pub app: Option<String>,
}

/// The service name a Quadlet file's unit gets (`ServiceName=` honoured).
pub fn service_name(path: &Path) -> Result<String, String> {
    let text = fs_err::read_to_string(path).map_err(|e| e.to_string())?;
    let file = path.to_string_lossy();
    let unit = UnitFile::parse(&file, &text).map_err(|e| e.to_string())?;
    let (stem, ext, _) = split_name(&file);
    let section =
        super::section_of(&ext).ok_or_else(|| format!("{ext:?} is not a Quadlet kind"))?;
    Ok(service_name_of(&unit, &stem, &ext, section))
}

/// `.NAME.app` files of `dir`: file name -> application, application -> files.
fn app_map(dir: &Path) -> (BTreeMap<String, String>, BTreeMap<String, Vec<String>>) {
    let mut by_file = BTreeMap::new();
    let mut by_app: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let Ok(rd) = fs_err::read_dir(dir) else {
        return (by_file, by_app);
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(".app")) {
            continue;
        }
        for l in list_file(&e.path()) {
            by_file.insert(l.clone(), name.clone());
            by_app.entry(name.clone()).or_default().push(l);
        }
    }
    (by_file, by_app)
}

/// The names listed in an `.app`/`.asset` file (lines with a `/` skipped).
fn list_file(path: &Path) -> Vec<String> {
    fs_err::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains('/'))
        .map(str::to_string)
        .collect()
}

fn append_line(path: &Path, line: &str) -> Result<(), ManageError> {
    let mut f = fs_err::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| ManageError::Io {
            op: "writing",
            path: path.to_path_buf(),
            source: e,
        })?;
    writeln!(f, "{line}").map_err(io("writing", path))
}

/// Every Quadlet file in the search directories (the first of a name wins,
/// as the generator reads them).
pub fn installed(dirs: &[PathBuf], install: &Path) -> Vec<Installed> {
    let (apps, _) = app_map(install);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in dirs {
        let Ok(rd) = fs_err::read_dir(d) else {
            continue;
        };
        let mut names: Vec<(String, PathBuf)> = rd
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(n, p)| is_quadlet_name(n) && !p.is_dir())
            .collect();
        names.sort();
        for (name, path) in names {
            if !seen.insert(name.clone()) {
                continue;
            }
            out.push(Installed {
                unit_name: service_name(&path),
                app: apps.get(&name).cloned(),
                name,
                path,
            });
        }
    }
    out
}

/// The path of Quadlet file `name` in the search directories.
pub fn find(dirs: &[PathBuf], name: &str) -> Result<PathBuf, ManageError> {
    if !is_quadlet_name(name) {
        return Err(ManageError::UnsupportedType(
            Path::new(name)
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default(),
        ));
    }
    dirs.iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| ManageError::NotFound(name.to_string()))
}

/// One Quadlet file of a `.quadlets` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its file name (`# FileName=` plus the extension of its section).
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// Splits a `.quadlets` file at its `---` lines; each part names itself
/// with `# FileName=NAME` and is of the kind of its first Quadlet section.
pub fn split_multi(file: &str, text: &str) -> Result<Vec<Section>, ManageError> {
    let bad = |message: String| ManageError::Multi {
        file: file.to_string(),
        message,
    };
    let mut parts = vec![String::new()];
    for l in text.split('\n') {
        if l.trim() == "---" {
            parts.push(String::new());
        } else {
            let cur = parts.last_mut().expect("one part");
            cur.push_str(l);
            cur.push('\n');
        }
    }
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let ext = part
            .lines()
            .map(str::trim)
            .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
            .map(|s| format!(".{}", s.to_lowercase()))
            .find(|e| QUADLET_EXTENSIONS.contains(&e.as_str()))
            .ok_or_else(|| {
                bad(format!(
                    "section {}: no Quadlet section found: start it with [Container], [Volume], [Network], [Pod], [Kube], [Image], [Build] or [Artifact]",
                    i + 1
                ))
            })?;
        let name = part
            .lines()
            .map(str::trim)
            .filter_map(|l| l.strip_prefix('#'))
            .find_map(|c| c.trim().strip_prefix("FileName="))
            .map(str::trim)
            .ok_or_else(|| {
                bad(format!(
                    "section {}: missing the '# FileName=<name>' comment that names its file",
                    i + 1
                ))
            })?;
        if name.is_empty() || name.contains(['/', '\\']) {
            return Err(bad(format!(
                "section {}: FileName {name:?} must be a file name without a path",
                i + 1
            )));
        }
        out.push(Section {
            file_name: format!("{name}{ext}"),
            text: part.to_string(),
        });
    }
    if out.is_empty() {
        return Err(bad("no Quadlet sections found".into()));
    }
    Ok(out)
}

/// What `install` did: each source with the path it was installed at, or
/// why not.
#[derive(Debug, Default)]
pub struct InstallReport {
    /// Installed files, in order.
    pub installed: Vec<PathBuf>,
    /// Sources that failed, with the reason.
    pub errors: Vec<(String, ManageError)>,
}

fn base_name(s: &str) -> String {
    Path::new(s.trim_end_matches('/'))
        .file_name()
        .map(|b| b.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// The content of a URL and the file name it gives (its
/// Content-Disposition's, else the last part of its path).
fn download(url: &str) -> Result<(String, Vec<u8>), ManageError> {
    let failed = |message: String| ManageError::Download {
        url: url.to_string(),
        message,
    };
    let resp = ureq::get(url).call().map_err(|e| failed(e.to_string()))?;
    let from_header = resp
        .header("Content-Disposition")
        .and_then(|cd| cd.split_once("filename=").map(|(_, f)| f))
        .map(|f| f.trim_matches(|c| c == '"' || c == '\'').to_string());
    let name = from_header.unwrap_or_else(|| {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        base_name(path)
    });
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut resp.into_reader().take(16 << 20), &mut body)
        .map_err(|e| failed(e.to_string()))?;
    Ok((name, body))
}

/// Installs `sources` into `dir` (made if missing): the first a Quadlet
/// file, a `.quadlets` file, a URL, or an application directory; the rest
/// its other files. Files already there are refused unless `replace`.
pub fn install(
    sources: &[String],
    dir: &Path,
    replace: bool,
) -> Result<InstallReport, ManageError> {
    fs_err::create_dir_all(dir).map_err(io("creating", dir))?;
    let mut report = InstallReport::default();
    let mut list: Vec<String> = sources.to_vec();
    // A directory given first is an application of all its files.
    let mut record: Option<String> = None;
    if let Some(first) = sources.first().filter(|f| !is_url(f)) {
        let p = Path::new(first);
        let meta = fs_err::metadata(p).map_err(|e| ManageError::Io {
            op: "reading",
            path: p.to_path_buf(),
            source: e,
        })?;
        if meta.is_dir() {
            let mut files: Vec<String> = fs_err::read_dir(p)
                .map_err(|e| ManageError::Io {
                    op: "reading",
                    path: p.to_path_buf(),
                    source: e,
                })?
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            files.sort();
            files.extend(sources[1..].iter().cloned());
            list = files;
            record = Some(format!(".{}.app", base_name(first)));
        }
    }
    for src in list {
        // The first file of a non-application install names the record
        // of the files after it.
        let quadlet_expected = record.is_none();
        if record.is_none() {
            record = Some(if src.ends_with(".quadlets") {
                format!(".{}.app", base_name(&src).trim_end_matches(".quadlets"))
            } else {
                format!(".{}.asset", base_name(&src))
            });
        }
        let rec = record.clone().expect("set above");
        let result = (|| -> Result<Vec<PathBuf>, ManageError> {
            let (name, data) = if is_url(&src) {
                download(&src)?
            } else {
                let data = fs_err::read(&src).map_err(|e| ManageError::Io {
                    op: "reading",
                    path: PathBuf::from(&src),
                    source: e,
                })?;
                (base_name(&src), data)
            };
            if name.ends_with(".quadlets") {
                let text = String::from_utf8_lossy(&data);
                let mut done = Vec::new();
                for s in split_multi(&src, &text)? {
                    done.push(put(dir, &s.file_name, s.text.as_bytes(), replace)?);
                    append_line(&dir.join(&rec), &s.file_name)?;
                }
                return Ok(done);
            }
            let quadlet = is_quadlet_name(&name);
            if quadlet_expected && !quadlet {
                return Err(ManageError::UnsupportedType(
                    Path::new(&name)
                        .extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or(name.clone()),
                ));
            }
            let path = put(dir, &name, &data, replace)?;
            // Assets, and every file of an application, are recorded.
            if !quadlet || rec.ends_with(".app") {
                append_line(&dir.join(&rec), &name)?;
            }
            Ok(vec![path])
        })();
        match result {
            Ok(paths) => report.installed.extend(paths),
            Err(e) => report.errors.push((src.clone(), e)),
        }
    }
    Ok(report)
}

/// Writes `name` into `dir` (refusing an existing one unless `replace`).
fn put(dir: &Path, name: &str, data: &[u8], replace: bool) -> Result<PathBuf, ManageError> {
    let path = dir.join(name);
    if !replace && fs_err::symlink_metadata(&path).is_ok() {
        return Err(ManageError::Exists(name.to_string()));
    }
    crate::store::atomic::write_atomic(&path, data, 0o644).map_err(io("writing", &path))?;
    Ok(path)
}

/// What `rm` would remove for the names given: the Quadlet files (with the
/// whole application of each, and its assets) and the record files.
#[derive(Debug, Default)]
pub struct RemovePlan {
    /// Quadlet files: (name, path).
    pub quadlets: Vec<(String, PathBuf)>,
    /// Other files of the install directory (assets, `.app`/`.asset` records).
    pub others: Vec<PathBuf>,
    /// Names that were not found (with the reason).
    pub errors: Vec<(String, ManageError)>,
    /// Names not found but ignored (`--ignore`): reported as removed.
    pub ignored: Vec<String>,
}

/// Works out what removing `names` (or all, `all`) means.
pub fn plan_remove(
    dirs: &[PathBuf],
    install: &Path,
    names: &[String],
    all: bool,
    ignore: bool,
) -> RemovePlan {
    let (apps, files_of) = app_map(install);
    let mut plan = RemovePlan::default();
    let mut todo: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    if all {
        todo = installed(dirs, install)
            .into_iter()
            .map(|i| i.name)
            .collect();
    }
    for n in names {
        if n.starts_with('.') && n.ends_with(".app") {
            for f in files_of.get(n).into_iter().flatten() {
                if is_quadlet_name(f) {
                    todo.push(f.clone());
                } else {
                    others.push(f.clone());
                }
            }
            others.push(n.clone());
        } else {
            todo.push(n.clone());
        }
    }
    let mut i = 0;
    while i < todo.len() {
        let n = todo[i].clone();
        i += 1;
        if plan.quadlets.iter().any(|(q, _)| *q == n) {
            continue;
        }
        let path = match find(dirs, &n) {
            Ok(p) => p,
            Err(_) if ignore || all => {
                plan.ignored.push(n);
                continue;
            }
            Err(e) => {
                plan.errors.push((n, e));
                continue;
            }
        };
        // One file of an application takes the whole application.
        if let Some(app) = apps.get(&n) {
            for f in files_of.get(app).into_iter().flatten() {
                if is_quadlet_name(f) {
                    if !todo.contains(f) {
                        todo.push(f.clone());
                    }
                } else {
                    others.push(f.clone());
                }
            }
            others.push(app.clone());
        }
        let asset = format!(".{n}.asset");
        if install.join(&asset).is_file() {
            others.extend(list_file(&install.join(&asset)));
            others.push(asset);
        }
        plan.quadlets.push((n, path));
    }
    others.sort();
    others.dedup();
    plan.others = others.into_iter().map(|o| install.join(o)).collect();
    plan
}

/// Removes a file, a missing one being no error.
pub fn remove_file(path: &Path) -> Result<(), ManageError> {
    match fs_err::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(ManageError::Io {
            op: "removing",
            path: path.to_path_buf(),
            source: e,
        }),
    }
}
