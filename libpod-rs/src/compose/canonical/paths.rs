//! Relative paths made absolute against the project directory.

use std::path::{Component, Path, PathBuf};

use crate::compose::yaml::{Node, Value};

/// Expands `~` and makes `p` absolute against `base`.
pub fn abs_path(base: &Path, p: &str, home: Option<&str>) -> String {
    let expanded = match (p.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            format!("{home}{rest}")
        }
        _ => p.to_string(),
    };
    if expanded.is_empty() || expanded.starts_with('/') {
        return expanded;
    }
    join_clean(base, &expanded)
}

/// Go's `filepath.Join(base, rel)`: joined and cleaned.
pub fn join_clean(base: &Path, rel: &str) -> String {
    let joined: PathBuf = base.join(rel);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

fn is_remote_context(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("service:")
        || [
            "https://",
            "http://",
            "git://",
            "ssh://",
            "github.com/",
            "git@",
        ]
        .iter()
        .any(|p| s.starts_with(p))
}

/// Makes relative paths absolute against the project directory (compose-go's
/// `paths.ResolveRelativePaths`).
pub fn resolve_paths(root: &mut Node, base: &Path, home: Option<&str>) {
    let Some(top) = root.as_map_mut() else {
        return;
    };
    let abs = |n: &mut Node| {
        if let Value::Str(s) = &n.value {
            n.value = Value::Str(abs_path(base, s, home));
        }
    };
    if let Some(services) = top.get_mut("services").and_then(Node::as_map_mut) {
        for e in services.iter_mut() {
            let Some(s) = e.value.as_map_mut() else {
                continue;
            };
            if let Some(b) = s.get_mut("build").and_then(Node::as_map_mut) {
                if let Some(ctx) = b.get_mut("context") {
                    if !ctx.as_str().is_some_and(is_remote_context) {
                        abs(ctx);
                    }
                }
                if let Some(ac) = b.get_mut("additional_contexts").and_then(Node::as_map_mut) {
                    for c in ac.iter_mut() {
                        if !c.value.as_str().is_some_and(is_remote_context) {
                            abs(&mut c.value);
                        }
                    }
                }
            }
            if let Some(Value::Seq(items)) = s.get_mut("env_file").map(|n| &mut n.value) {
                for it in items {
                    if let Some(p) = it.as_map_mut().and_then(|m| m.get_mut("path")) {
                        abs(p);
                    }
                }
            }
            if let Some(Value::Seq(items)) = s.get_mut("label_file").map(|n| &mut n.value) {
                items.iter_mut().for_each(abs);
            }
            if let Some(f) = s
                .get_mut("extends")
                .and_then(Node::as_map_mut)
                .and_then(|m| m.get_mut("file"))
            {
                abs(f);
            }
            if let Some(Value::Seq(items)) = s.get_mut("volumes").map(|n| &mut n.value) {
                for it in items {
                    if let Some(m) = it.as_map_mut() {
                        if m.get("type").and_then(Node::as_str) == Some("bind") {
                            if let Some(src) = m.get_mut("source") {
                                abs(src);
                            }
                        }
                    }
                }
            }
        }
    }
    for kind in ["configs", "secrets"] {
        if let Some(res) = top.get_mut(kind).and_then(Node::as_map_mut) {
            for e in res.iter_mut() {
                if let Some(f) = e.value.as_map_mut().and_then(|m| m.get_mut("file")) {
                    abs(f);
                }
            }
        }
    }
    if let Some(vols) = top.get_mut("volumes").and_then(Node::as_map_mut) {
        for e in vols.iter_mut() {
            let Some(v) = e.value.as_map_mut() else {
                continue;
            };
            if v.get("driver").and_then(Node::as_str) != Some("local") {
                continue;
            }
            if let Some(opts) = v.get_mut("driver_opts").and_then(Node::as_map_mut) {
                if opts.get("o").and_then(Node::as_str) == Some("bind") {
                    if let Some(dev) = opts.get_mut("device") {
                        abs(dev);
                    }
                }
            }
        }
    }
}
