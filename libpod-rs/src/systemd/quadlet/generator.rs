//! The generator: Quadlet search directories, reading every file there,
//! and writing the translated units and their `[Install]` symlinks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{generate, Generated, GeneratorReport, QuadletError, QuadletOptions};

/// The default Quadlet search directories for a user (`uid`) or for the system.
pub fn default_dirs(user: bool, xdg_config_home: &Path, uid: u32) -> Vec<PathBuf> {
    if user {
        vec![
            xdg_config_home.join("containers/systemd"),
            PathBuf::from(format!("/etc/containers/systemd/users/{uid}")),
            PathBuf::from("/etc/containers/systemd/users"),
        ]
    } else {
        vec![
            PathBuf::from("/etc/containers/systemd"),
            PathBuf::from("/usr/share/containers/systemd"),
        ]
    }
}

/// The search directories of this process: `$QUADLET_UNIT_DIRS` when set
/// (podman's override), else [`default_dirs`] for our uid and
/// `$XDG_CONFIG_HOME` (`~/.config` when unset).
pub fn search_dirs(user: bool) -> Vec<PathBuf> {
    if let Some(d) = std::env::var_os("QUADLET_UNIT_DIRS") {
        return std::env::split_paths(&d).collect();
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".config")
        });
    default_dirs(user, &xdg, nix::unistd::getuid().as_raw())
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

/// Reads Quadlet files from `dirs` (earlier dirs win for the same name), translates them,
/// and, when `out_dir` is given, writes the units and symlinks there.
pub fn run_generator(
    dirs: &[PathBuf],
    out_dir: Option<&Path>,
    opts: &QuadletOptions,
) -> Result<GeneratorReport, QuadletError> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for d in dirs {
        let Ok(rd) = fs_err::read_dir(d) else {
            continue;
        };
        for ent in rd.flatten() {
            let name = ent.file_name().to_string_lossy().into_owned();
            let ok = [".container", ".volume", ".network", ".pod", ".kube"]
                .iter()
                .any(|e| name.ends_with(e));
            if ok && ent.path().is_file() {
                files.entry(name).or_insert_with(|| ent.path());
            }
        }
    }
    let mut report = GeneratorReport::default();
    let mut texts = Vec::new();
    let mut opts = opts.clone();
    for (name, path) in &files {
        let text = crate::userfile::read_string(path, crate::userfile::QUADLET_UNIT)?;
        opts.units.insert(name.clone(), text.clone());
        texts.push((path, text));
    }
    for (path, text) in texts {
        match generate(&path.to_string_lossy(), &text, &opts) {
            Ok(g) => {
                report.warnings.extend(g.warnings.iter().cloned());
                report.units.push(g);
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    if let Some(out) = out_dir {
        write_units(out, &report.units)?;
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
pub fn write_units(out: &Path, units: &[Generated]) -> Result<(), QuadletError> {
    fs_err::create_dir_all(out).map_err(io_err(out))?;
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
