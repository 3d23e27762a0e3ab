//! The generator: Quadlet search directories, reading every file there with
//! its drop-ins, and writing the translated units and their `[Install]` symlinks.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::names::dropin_dirs;
use super::{generate_unit, Generated, GeneratorReport, QuadletError, QuadletOptions};
use crate::systemd::unit::UnitFile;

/// The file extensions the generator reads.
pub(super) const QUADLET_EXTENSIONS: [&str; 8] = [
    ".container",
    ".volume",
    ".network",
    ".pod",
    ".kube",
    ".image",
    ".build",
    ".artifact",
];

/// The administrator's Quadlet directory (system units; `users/` below it holds user units).
pub(super) const UNIT_DIR_ADMIN: &str = "/etc/containers/systemd";
/// The Quadlet directory for transient system units.
const UNIT_DIR_TEMP: &str = "/run/containers/systemd";
/// The distribution's Quadlet directory.
const UNIT_DIR_DISTRO: &str = "/usr/share/containers/systemd";

/// A search path being built: directories in order, each once (symlinks resolved).
#[derive(Default)]
struct SearchPath {
    dirs: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
}

/// Which directories below a root are searched.
#[derive(Clone, Copy)]
enum Filter {
    /// Every directory.
    All,
    /// Not the `users/` tree (system units).
    NoUsers,
    /// Only `users/` itself and its non-numeric subdirectories (units for every user).
    UsersNonNumeric,
}

impl SearchPath {
    /// Adds `dir` and, recursively, its subdirectories (not `*.d` drop-in
    /// directories), the way podman's quadlet walks each search root.
    fn add_tree(&mut self, dir: &Path, users: &Path, filter: Filter) {
        let resolved = match fs_err::canonicalize(dir) {
            Ok(p) => p,
            Err(_) => {
                // Kept for the record even though it does not exist.
                if self.seen.insert(dir.to_path_buf()) {
                    self.dirs.push(dir.to_path_buf());
                }
                return;
            }
        };
        if self.seen.contains(&resolved) || resolved.to_string_lossy().ends_with(".d") {
            return;
        }
        let under_users = resolved.starts_with(users);
        let keep = match filter {
            Filter::All => true,
            Filter::NoUsers => !under_users,
            Filter::UsersNonNumeric => match resolved.strip_prefix(users) {
                Ok(rest) => match rest.components().next() {
                    None => true,
                    Some(c) => !c
                        .as_os_str()
                        .to_string_lossy()
                        .bytes()
                        .all(|b| b.is_ascii_digit()),
                },
                Err(_) => true,
            },
        };
        if !keep || !resolved.is_dir() {
            return;
        }
        self.seen.insert(resolved.clone());
        self.dirs.push(resolved.clone());
        let Ok(rd) = fs_err::read_dir(&resolved) else {
            return;
        };
        let mut children: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        children.sort();
        for c in children {
            if c.is_dir() {
                self.add_tree(&c, users, filter);
            }
        }
    }
}

/// The Quadlet search directories of a user manager (`user`) or the system
/// manager, in precedence order, each followed by its subdirectories: for a
/// user `$XDG_RUNTIME_DIR/containers/systemd`, `$XDG_CONFIG_HOME/containers/systemd`,
/// `/etc/containers/systemd/users` (without the numeric per-user directories)
/// and `/etc/containers/systemd/users/UID`; for the system
/// `/run/containers/systemd`, `/etc/containers/systemd` (without `users/`) and
/// `/usr/share/containers/systemd`.
pub fn default_dirs(
    user: bool,
    xdg_config_home: &Path,
    runtime_dir: Option<&Path>,
    uid: u32,
) -> Vec<PathBuf> {
    let admin = Path::new(UNIT_DIR_ADMIN);
    if user {
        user_dirs(&admin.join("users"), runtime_dir, xdg_config_home, uid)
    } else {
        system_dirs(Path::new(UNIT_DIR_TEMP), admin, Path::new(UNIT_DIR_DISTRO))
    }
}

/// A user's search directories given the administrator's `users` directory.
pub(super) fn user_dirs(
    users: &Path,
    runtime_dir: Option<&Path>,
    xdg_config_home: &Path,
    uid: u32,
) -> Vec<PathBuf> {
    let users = fs_err::canonicalize(users).unwrap_or_else(|_| users.to_path_buf());
    let mut sp = SearchPath::default();
    if let Some(rt) = runtime_dir {
        sp.add_tree(&rt.join("containers/systemd"), &users, Filter::All);
    }
    sp.add_tree(
        &xdg_config_home.join("containers/systemd"),
        &users,
        Filter::All,
    );
    sp.add_tree(&users, &users, Filter::UsersNonNumeric);
    sp.add_tree(&users.join(uid.to_string()), &users, Filter::All);
    sp.dirs
}

/// The system manager's search directories (`admin`'s `users/` tree left out).
pub(super) fn system_dirs(temp: &Path, admin: &Path, distro: &Path) -> Vec<PathBuf> {
    let users_raw = admin.join("users");
    let users = fs_err::canonicalize(&users_raw).unwrap_or(users_raw);
    let mut sp = SearchPath::default();
    sp.add_tree(temp, &users, Filter::NoUsers);
    sp.add_tree(admin, &users, Filter::NoUsers);
    sp.add_tree(distro, &users, Filter::All);
    sp.dirs
}

/// The search directories of this process and warnings about them:
/// `$QUADLET_UNIT_DIRS` (colon-separated absolute paths, each with its
/// subdirectories) when set, else [`default_dirs`] for our uid,
/// `$XDG_CONFIG_HOME` (`~/.config` when unset) and `$XDG_RUNTIME_DIR`.
pub fn search_dirs(user: bool) -> (Vec<PathBuf>, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some(d) = std::env::var_os("QUADLET_UNIT_DIRS").filter(|d| !d.is_empty()) {
        let mut sp = SearchPath::default();
        let none = PathBuf::from("/nonexistent/quadlet-users");
        for p in d.to_string_lossy().split(':') {
            if !p.starts_with('/') {
                warnings.push(format!("{p} not a valid file path"));
                break;
            }
            sp.add_tree(Path::new(p), &none, Filter::All);
        }
        return (sp.dirs, warnings);
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".config")
        });
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    (
        default_dirs(
            user,
            &xdg,
            runtime.as_deref(),
            nix::unistd::getuid().as_raw(),
        ),
        warnings,
    )
}

/// The rpod path the units run: this executable, unless it was invoked
/// through a generator link (then `/usr/bin/rpod`).
pub fn this_rpod_path() -> String {
    std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.ends_with("-generator"))
        .unwrap_or_else(|| "/usr/bin/rpod".into())
}

/// One Quadlet file read from the search path, its drop-ins merged in.
struct Loaded {
    path: PathBuf,
    unit: UnitFile,
    /// The file's text followed by its drop-ins' texts, for other files' references.
    text: String,
}

/// Reads and parses a unit or drop-in file.
fn load(path: &Path) -> Result<(UnitFile, String), QuadletError> {
    let text = crate::userfile::read_string(path, crate::userfile::QUADLET_UNIT)?;
    let unit = UnitFile::parse(&path.to_string_lossy(), &text)?;
    Ok((unit, text))
}

/// The drop-in files of Quadlet file `name`, in merge order: every `*.conf`
/// in its drop-in directories (see [`dropin_dirs`]) below every search
/// directory, the first found of each file name winning (more specific
/// directories first, then earlier search directories), sorted by name.
pub(super) fn dropin_files(name: &str, dirs: &[PathBuf], errors: &mut Vec<String>) -> Vec<PathBuf> {
    let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
    for sub in dropin_dirs(name) {
        for d in dirs {
            let dir = d.join(&sub);
            let rd = match fs_err::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    errors.push(format!(
                        "error reading directory {:?}, {}",
                        dir.display().to_string(),
                        crate::sys::os_text(&e)
                    ));
                    continue;
                }
            };
            let mut names: Vec<String> = rd
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".conf"))
                .collect();
            names.sort();
            for n in names {
                let p = dir.join(&n);
                by_name.entry(n).or_insert(p);
            }
        }
    }
    by_name.into_values().collect()
}

/// Reads Quadlet files from `dirs` (the first directory holding a name wins),
/// merges their drop-ins, translates them, and, when `out_dir` is given,
/// writes the units and symlinks there. A file that cannot be read or
/// translated is reported in the result's errors; the others still generate.
pub fn run_generator(
    dirs: &[PathBuf],
    out_dir: Option<&Path>,
    opts: &QuadletOptions,
) -> Result<GeneratorReport, QuadletError> {
    let mut report = GeneratorReport::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut loaded: BTreeMap<String, Loaded> = BTreeMap::new();
    for d in dirs {
        let Ok(rd) = fs_err::read_dir(d) else {
            continue;
        };
        let mut entries: Vec<(String, PathBuf)> = rd
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        entries.sort();
        for (name, path) in entries {
            let ok = QUADLET_EXTENSIONS.iter().any(|e| name.ends_with(e));
            if !ok || seen.contains(&name) || !path.is_file() {
                continue;
            }
            match load(&path) {
                Ok((unit, text)) => {
                    seen.insert(name.clone());
                    loaded.insert(name, Loaded { path, unit, text });
                }
                Err(e) => report.errors.push(format!(
                    "error loading {:?}, {e}",
                    path.display().to_string()
                )),
            }
        }
    }
    for (name, l) in loaded.iter_mut() {
        for p in dropin_files(name, dirs, &mut report.errors) {
            match load(&p) {
                Ok((d, text)) => {
                    l.unit.sections.extend(d.sections);
                    l.text.push('\n');
                    l.text.push_str(&text);
                }
                Err(e) => report
                    .errors
                    .push(format!("error loading {:?}, {e}", p.display().to_string())),
            }
        }
    }
    let mut opts = opts.clone();
    for (name, l) in &loaded {
        opts.units.insert(name.clone(), l.text.clone());
    }
    for l in loaded.into_values() {
        match generate_unit(&l.path.to_string_lossy(), l.unit, &opts) {
            Ok(g) => {
                report.warnings.extend(g.warnings.iter().cloned());
                report.units.push(g);
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    if let Some(out) = out_dir {
        write_units(out, &report.units, opts.user)?;
    }
    Ok(report)
}
fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> QuadletError + '_ {
    move |source| QuadletError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes generated units and their symlinks into `out`.
pub fn write_units(out: &Path, units: &[Generated], user: bool) -> Result<(), QuadletError> {
    fs_err::create_dir_all(out).map_err(io_err(out))?;
    let wants_online = |g: &Generated| {
        g.unit
            .lines()
            .any(|l| l == format!("Wants={}", super::WAIT_ONLINE_UNIT))
    };
    if user && units.iter().any(wants_online) {
        let p = out.join(super::WAIT_ONLINE_UNIT);
        fs_err::write(&p, super::WAIT_ONLINE_TEXT).map_err(io_err(&p))?;
    }
    for g in units {
        let p = out.join(&g.service_name);
        fs_err::write(&p, &g.unit).map_err(io_err(&p))?;
        for s in &g.symlinks {
            let link = out.join(&s.link);
            if let Some(parent) = link.parent() {
                fs_err::create_dir_all(parent).map_err(io_err(parent))?;
            }
            let _ = fs_err::remove_file(&link);
            fs_err::os::unix::fs::symlink(&s.target, &link).map_err(io_err(&link))?;
        }
    }
    Ok(())
}
