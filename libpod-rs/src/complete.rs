//! Shell-completion candidates (podman's `__complete`): the names of the
//! containers, pods, images, volumes, networks, secrets, registries and
//! containers.conf modules a command line can refer to, each filtered by
//! the word typed so far with podman's rules (IDs only after two typed
//! characters, image names also without their registry and path).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Paths;
use crate::error::Result;
use crate::Engine;

/// Which of an object's names a completion offers (podman's `completeType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Names, and IDs once two characters are typed.
    Default,
    /// Only IDs (12 characters).
    Ids,
    /// Only names.
    Names,
}

impl Names {
    fn id_matches(self, id: &str, typed: &str) -> bool {
        let wanted = match self {
            Names::Default => typed.len() > 1,
            Names::Ids => true,
            Names::Names => false,
        };
        wanted && id.starts_with(typed)
    }

    fn name_matches(self, name: &str, typed: &str) -> bool {
        self != Names::Ids && name.starts_with(typed)
    }
}

fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
}

/// Containers whose name (or ID) starts with `typed`, in any of `statuses`
/// (`running`, `created`, `exited`, `paused`; all when empty); each with its
/// pod's name as the description (`name\tpod`).
pub fn containers(
    engine: &Engine,
    typed: &str,
    statuses: &[&str],
    names: Names,
) -> Result<Vec<String>> {
    let pods = engine.pods()?;
    let pod_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| pods.iter().find(|p| p.config.id == id))
            .map(|p| p.config.name.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for c in engine.containers()? {
        let status = c.state.status.to_string();
        if !statuses.is_empty() && !statuses.contains(&status.as_str()) {
            continue;
        }
        let pod = pod_name(&c.config.pod);
        if names.id_matches(&c.config.id, typed) {
            out.push(format!("{}\t{pod}", short(&c.config.id)));
        }
        if names.name_matches(&c.config.name, typed) {
            out.push(format!("{}\t{pod}", c.config.name));
        }
    }
    Ok(out)
}

/// Pods whose name (or ID) starts with `typed`, in any of `statuses`
/// (lower case: `running`, `degraded`, `paused`, ...; all when empty).
pub fn pods(engine: &Engine, typed: &str, statuses: &[&str], names: Names) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for p in engine.pods()? {
        let status = p.status().to_string().to_lowercase();
        if !statuses.is_empty() && !statuses.contains(&status.as_str()) {
            continue;
        }
        if names.id_matches(&p.config.id, typed) {
            out.push(short(&p.config.id).to_string());
        }
        if names.name_matches(&p.config.name, typed) {
            out.push(p.config.name.clone());
        }
    }
    Ok(out)
}

/// Images: with nothing typed their full `repository:tag` names; else each
/// name also without its leading components (`httpd:latest` for
/// `registry.example/f29/httpd:latest`) and, after two characters, IDs.
pub fn images(engine: &Engine, typed: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for image in engine.images()? {
        if typed.len() > 1 && image.id.starts_with(typed) {
            out.push(short(&image.id).to_string());
        }
        for name in image.names.iter().filter(|n| !n.contains('@')) {
            if typed.is_empty() {
                out.push(name.clone());
                continue;
            }
            let parts: Vec<&str> = name.split('/').collect();
            for i in 0..parts.len() {
                let tail = parts[i..].join("/");
                if tail.starts_with(typed) {
                    out.push(tail);
                }
            }
        }
    }
    Ok(out)
}

/// Volumes whose name starts with `typed`.
pub fn volumes(engine: &Engine, typed: &str) -> Result<Vec<String>> {
    Ok(engine
        .volumes()?
        .into_iter()
        .map(|v| v.name)
        .filter(|n| n.starts_with(typed))
        .collect())
}

/// Networks whose name (or ID) starts with `typed`.
pub fn networks(engine: &Engine, typed: &str, names: Names) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for n in engine.networks()? {
        if names.id_matches(&n.id, typed) {
            out.push(short(&n.id).to_string());
        }
        if names.name_matches(&n.name, typed) {
            out.push(n.name);
        }
    }
    Ok(out)
}

/// Secrets whose name (or ID) starts with `typed`.
pub fn secrets(engine: &Engine, typed: &str, names: Names) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for s in engine.secrets()? {
        if names.id_matches(&s.id, typed) {
            out.push(short(&s.id).to_string());
        }
        if names.name_matches(&s.name, typed) {
            out.push(s.name);
        }
    }
    Ok(out)
}

/// The unqualified-search registries of registries.conf.
pub fn registries(paths: &Paths) -> Result<Vec<String>> {
    let conf = crate::config::RegistriesConf::load(paths)?;
    Ok(conf.search_registries().to_vec())
}

/// The containers.conf modules (`--module`): the files under each modules
/// directory, user's first, named relative to it, sorted within each.
pub fn modules(paths: &Paths, typed: &str) -> Vec<String> {
    let mut out = Vec::new();
    for dir in paths.module_dirs() {
        let mut found = Vec::new();
        walk(&dir, &dir, &mut found);
        found.sort();
        out.extend(found.into_iter().filter(|m| m.starts_with(typed)));
    }
    out
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(base, &path, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.display().to_string());
        }
    }
}

/// `--user` values from the host's /etc/passwd and /etc/group (the
/// image's are not known yet): `NAME:` (and `UID:` once something is typed),
/// then after the colon `NAME:GROUP` (and `NAME:GID`). The bool says
/// whether the shell should add no space (a user, which a group may follow).
pub fn users(typed: &str) -> (Vec<String>, bool) {
    let fields = |file: &str| -> Vec<Vec<String>> {
        fs_err::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>())
            .filter(|f| f.len() > 2)
            .collect()
    };
    if let Some((user, rest)) = typed.split_once(':') {
        let mut out = Vec::new();
        for g in fields("/etc/group") {
            out.push(format!("{user}:{}", g[0]));
            if !rest.is_empty() {
                out.push(format!("{user}:{}", g[2]));
            }
        }
        return (out, false);
    }
    let mut out = Vec::new();
    for u in fields("/etc/passwd") {
        out.push(format!("{}:", u[0]));
        if !typed.is_empty() {
            out.push(format!("{}:", u[2]));
        }
    }
    (out, true)
}

/// The host's network interfaces (`network create --interface-name`), sorted.
pub fn interfaces() -> Vec<String> {
    let mut out: Vec<String> = fs_err::read_dir("/sys/class/net")
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The sysctl names (`net.ipv4.ip_forward`) under /proc/sys starting with
/// `typed`, sorted; only the directories the prefix may lead to are read.
pub fn sysctls(typed: &str) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, typed: &str, out: &mut Vec<String>) {
        let Ok(entries) = fs_err::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(rel) = p.strip_prefix(base) else {
                continue;
            };
            let name = rel.display().to_string().replace('/', ".");
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                if name.starts_with(typed) || typed.starts_with(&format!("{name}.")) {
                    walk(base, &p, typed, out);
                }
            } else if name.starts_with(typed) {
                out.push(name);
            }
        }
    }
    let base = Path::new("/proc/sys");
    let mut out = Vec::new();
    walk(base, base, typed, &mut out);
    out.sort();
    out
}

/// Signal names as `--stop-signal` takes them: upper case without `SIG`;
/// with `SIG` when `typed` starts with `SI`; lower case when `typed` is.
pub fn signals(typed: &str) -> Vec<String> {
    let lower = typed.chars().next().is_some_and(char::is_lowercase);
    let with_sig = typed.to_ascii_uppercase().starts_with("SI");
    nix::sys::signal::Signal::iterator()
        .map(|s| {
            let name = s.as_str();
            let name = if with_sig {
                name
            } else {
                name.trim_start_matches("SIG")
            };
            if lower {
                name.to_lowercase()
            } else {
                name.to_string()
            }
        })
        .collect()
}

/// The entries of directory `rel` (components below the root) in the union
/// of `layers` (top first, as overlay stacks them): whiteouts hide lower
/// entries, a non-directory hides the directories below it. None when no
/// layer has it as a directory.
fn union_dir(layers: &[PathBuf], rel: &[&str]) -> Option<Vec<(String, bool)>> {
    use std::os::unix::fs::FileTypeExt;
    let mut seen: BTreeMap<String, bool> = BTreeMap::new();
    let mut hidden: Vec<String> = Vec::new();
    let mut found = false;
    for layer in layers {
        let dir = rel.iter().fold(layer.clone(), |acc, c| acc.join(c));
        match fs_err::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => break,
            Err(_) => continue,
        }
        found = true;
        let Ok(entries) = fs_err::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(t) = e.file_type() else { continue };
            if let Some(gone) = name.strip_prefix(".wh.") {
                hidden.push(gone.to_string());
                continue;
            }
            if t.is_char_device()
                && e.metadata().is_ok_and(|m| {
                    use std::os::unix::fs::MetadataExt;
                    m.rdev() == 0
                })
            {
                hidden.push(name);
                continue;
            }
            if hidden.contains(&name) || seen.contains_key(&name) {
                continue;
            }
            seen.insert(name, t.is_dir());
        }
    }
    found.then(|| seen.into_iter().collect())
}

/// Completion of a path inside a file system given as its layers, top
/// first (an image's or a container's, read without mounting it), never
/// leaving it (`..` stops at its root): the entries of the directory `typed`
/// names (or of its parent, matching the last component), directories with
/// a trailing `/`. The bool says whether the shell should add no space
/// (more than one candidate, or a directory).
pub fn paths_in(layers: &[PathBuf], typed: &str) -> (Vec<String>, bool) {
    let typed = if typed.is_empty() { "/" } else { typed };
    let parts = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for c in p.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                c => parts.push(c.to_string()),
            }
        }
        parts
    };
    let listing = |p: &str| {
        let owned = parts(p);
        let rel: Vec<&str> = owned.iter().map(String::as_str).collect();
        union_dir(layers, &rel)
    };
    let (dir_typed, base, entries) = match listing(typed) {
        Some(entries) if typed != "." && typed != ".." => {
            (typed.to_string(), String::new(), entries)
        }
        _ => {
            let (d, b) = match typed.rfind('/') {
                Some(i) => (typed[..=i].to_string(), typed[i + 1..].to_string()),
                None => (String::new(), typed.to_string()),
            };
            match listing(&d) {
                Some(entries) => (d, b, entries),
                None => return (Vec::new(), false),
            }
        }
    };
    if entries.is_empty() {
        let mut only = dir_typed;
        if !only.ends_with('/') {
            only.push('/');
        }
        return (vec![only], true);
    }
    let join = |name: &str| {
        if dir_typed.is_empty() || dir_typed.ends_with('/') {
            format!("{dir_typed}{name}")
        } else {
            format!("{dir_typed}/{name}")
        }
    };
    let mut count = 0;
    let mut out = Vec::new();
    for (name, dir) in entries.into_iter().filter(|(n, _)| n.starts_with(&base)) {
        count += if dir { 2 } else { 1 };
        out.push(join(&format!("{name}{}", if dir { "/" } else { "" })));
    }
    (out, count > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root_and_mark_directories() {
        let root = tempfile::tempdir().unwrap();
        fs_err::create_dir_all(root.path().join("etc")).unwrap();
        fs_err::create_dir_all(root.path().join("empty")).unwrap();
        fs_err::write(root.path().join("etc/os-release"), "x").unwrap();
        fs_err::write(root.path().join("etc/hosts"), "x").unwrap();
        let layers = [root.path().to_path_buf()];
        let (top, no_space) = paths_in(&layers, "");
        assert_eq!(top, ["/empty/", "/etc/"]);
        assert!(no_space);
        assert_eq!(paths_in(&layers, "/etc/os-").0, ["/etc/os-release"]);
        assert_eq!(paths_in(&layers, "e").0, ["empty/", "etc/"]);
        assert_eq!(
            paths_in(&layers, "../../").0,
            ["../../empty/", "../../etc/"]
        );
        assert_eq!(paths_in(&layers, "/empty"), (vec!["/empty/".into()], true));
        assert_eq!(
            paths_in(&layers, "/etc").0,
            ["/etc/hosts", "/etc/os-release"]
        );
    }

    #[test]
    fn upper_layers_hide_and_add_entries() {
        let upper = tempfile::tempdir().unwrap();
        let lower = tempfile::tempdir().unwrap();
        fs_err::create_dir_all(lower.path().join("tmp")).unwrap();
        fs_err::write(lower.path().join("tmp/old"), "x").unwrap();
        fs_err::write(lower.path().join("tmp/gone"), "x").unwrap();
        fs_err::create_dir_all(upper.path().join("tmp")).unwrap();
        fs_err::write(upper.path().join("tmp/new"), "x").unwrap();
        fs_err::write(upper.path().join("tmp/.wh.gone"), "").unwrap();
        let layers = [upper.path().to_path_buf(), lower.path().to_path_buf()];
        assert_eq!(paths_in(&layers, "/tmp/").0, ["/tmp/new", "/tmp/old"]);
    }

    #[test]
    fn signals_follow_the_typed_case_and_prefix() {
        assert!(signals("").contains(&"TERM".to_string()));
        assert!(signals("SI").contains(&"SIGKILL".to_string()));
        assert!(signals("k").contains(&"kill".to_string()));
    }
}
