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

/// The service name of a Quadlet file given its stem, extension and parsed
/// unit: `ServiceName=` of its section, else the stem, `-EXT` appended for
/// the kinds other than `.container` and `.kube`; a template `web@.volume`
/// gives `web-volume@.service`.
pub(super) fn service_name_of(unit: &UnitFile, stem: &str, ext: &str, section: &str) -> String {
    if let Some(n) = unit.last(section, "ServiceName") {
        return format!("{}.service", unquote_value(&n));
    }
    let suffix = match ext {
        "container" | "kube" => String::new(),
        e => format!("-{e}"),
    };
    match stem.strip_suffix('@') {
        Some(base) => format!("{base}{suffix}@.service"),
        None => format!("{stem}{suffix}.service"),
    }
}

/// The default resource name of a `.volume`/`.network` file: `systemd-STEM`,
/// or for a template or instance `systemd-PREFIX-%i`.
pub(super) fn default_resource_name(stem: &str) -> String {
    match stem.split_once('@') {
        Some((prefix, _)) => format!("systemd-{prefix}-%i"),
        None => format!("systemd-{stem}"),
    }
}

/// The default container name: `systemd-%N`, or `systemd-%p_%i` for a
/// template or instance.
pub(super) fn default_container_name(stem: &str) -> String {
    if stem.contains('@') {
        "systemd-%p_%i".into()
    } else {
        "systemd-%N".into()
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
        "image" => ("Image", "ImageTag"),
        "build" => ("Build", "-"),
        "artifact" => ("Artifact", "-"),
        _ => return None,
    };
    let unit = UnitFile::parse(file, text).ok()?;
    let name = unit
        .last(section, key)
        .map(|v| unquote_value(&v))
        .filter(|v| !v.is_empty())
        .or_else(|| match ext.as_str() {
            // An .image's resource is its ImageTag=, else its Image=; a
            // .build's its first ImageTag= (none: it has no name).
            "image" => unit.last("Image", "Image").map(|v| unquote_value(&v)),
            "build" => unit
                .values("Build", "ImageTag")
                .first()
                .map(|v| unquote_value(v)),
            // An .artifact's resource is the artifact it pulls.
            "artifact" => unit.last("Artifact", "Artifact").map(|v| unquote_value(&v)),
            _ => None,
        })
        .unwrap_or_else(|| match ext.as_str() {
            "container" => default_container_name(&stem),
            "image" | "build" | "artifact" => String::new(),
            "volume" | "network" => default_resource_name(&stem),
            _ => format!("systemd-{stem}"),
        });
    let service = service_name_of(&unit, &stem, &ext, section);
    // podman resolves only %N in a referenced container's name; a name that
    // still holds a specifier (a template's) cannot be referenced.
    let name = if ext == "container" {
        let n = name.replace("%N", service.trim_end_matches(".service"));
        if n.contains('%') {
            String::new()
        } else {
            n
        }
    } else {
        name
    };
    Some((name, service))
}

/// A file name's template parts: (unit prefix, instance, whether it is a
/// template or instance): `web@.container` is ("web", "", true),
/// `web@a.container` ("web", "a", true), `web.container` ("web", "", false).
pub(super) fn template_parts(file_name: &str) -> (String, String, bool) {
    let base = Path::new(file_name)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base.as_str(),
    };
    match stem.split_once('@') {
        Some((p, i)) => (p.to_string(), i.to_string(), true),
        None => (stem.to_string(), String::new(), false),
    }
}

/// The drop-in directory names searched for Quadlet file `file_name`, most
/// specific first: `NAME.d`, for an instance the template's `PREFIX@.EXT.d`,
/// then for each dash-separated prefix of the unit name, longest first,
/// `PREFIX-@.EXT.d` (templates) and `PREFIX-.EXT.d`, and last `EXT.d`.
pub(super) fn dropin_dirs(file_name: &str) -> Vec<String> {
    let base = Path::new(file_name)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (unit, instance, template) = template_parts(&base);
    let ext = match base.rfind('.') {
        Some(i) if i > 0 => base[i..].to_string(),
        _ => String::new(),
    };
    let dext = format!("{ext}.d");
    // Built broad to specific, as systemd lists them, then reversed.
    let mut dirs = vec![dext.trim_start_matches('.').to_string()];
    let parts: Vec<&str> = unit.split('-').collect();
    for i in 1..parts.len() {
        let prefix = format!("{}-", parts[..i].join("-"));
        dirs.push(format!("{prefix}{dext}"));
        if template {
            dirs.push(format!("{prefix}@{dext}"));
        }
    }
    if !instance.is_empty() {
        dirs.push(format!("{unit}@{dext}"));
    }
    dirs.push(format!("{base}.d"));
    dirs.reverse();
    dirs
}

/// Whether an image reference names one image without a registry search:
/// an image ID (`sha256:…` or 64 hex digits) or a name whose first component
/// is a registry (has a `.` or `:`, or is `localhost`).
pub(super) fn is_unambiguous_image(image: &str) -> bool {
    if image.starts_with("sha256:")
        || (image.len() == 64 && image.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return true;
    }
    match image.split_once('/') {
        Some((domain, _)) => domain.contains(['.', ':']) || domain == "localhost",
        None => false,
    }
}
