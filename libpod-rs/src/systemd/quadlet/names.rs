//! The names a Quadlet file gives: its stem and kind, its service name, and the
//! resource and service names of the files it references.

use std::path::{Path, PathBuf};

use super::QuadletOptions;
use crate::systemd::unit::{unquote_value, UnitFile};

/// The unit-file name stem and extension of a Quadlet file name or path.
pub(super) fn split_name(file_name: &str) -> (String, String, PathBuf) {
    let p = Path::new(file_name);
    let base = p
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
    match base.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_string(), ext.to_string(), dir),
        None => (base, String::new(), dir),
    }
}

/// The service name of a Quadlet file given its stem, extension and parsed unit.
pub(super) fn service_name_of(unit: &UnitFile, stem: &str, ext: &str, section: &str) -> String {
    match unit
        .last("Quadlet", "ServiceName")
        .or_else(|| unit.last(section, "ServiceName"))
    {
        Some(n) => format!("{}.service", unquote_value(&n)),
        None if ext == "container" || ext == "kube" => format!("{stem}.service"),
        None => format!("{stem}-{ext}.service"),
    }
}

/// Resolves a reference to another Quadlet file: (resource name, service name).
pub(super) fn resolve_ref(opts: &QuadletOptions, file: &str) -> Option<(String, String)> {
    let text = opts.units.get(file)?;
    let (stem, ext, _) = split_name(file);
    let (section, key) = match ext.as_str() {
        "container" => ("Container", "ContainerName"),
        "volume" => ("Volume", "VolumeName"),
        "network" => ("Network", "NetworkName"),
        "pod" => ("Pod", "PodName"),
        "kube" => ("Kube", "-"),
        _ => return None,
    };
    let unit = UnitFile::parse(file, text).ok()?;
    let name = unit
        .last(section, key)
        .map(|v| unquote_value(&v))
        .unwrap_or_else(|| format!("systemd-{stem}"));
    Some((name, service_name_of(&unit, &stem, &ext, section)))
}

/// Like [`resolve_ref`], falling back to the default names when the file is not known.
pub(super) fn resolve_or_default(opts: &QuadletOptions, file: &str) -> (String, String) {
    resolve_ref(opts, file).unwrap_or_else(|| {
        let (stem, ext, _) = split_name(file);
        (format!("systemd-{stem}"), format!("{stem}-{ext}.service"))
    })
}
