//! `RUN --mount=`: one mount's comma-separated fields.

use super::{MountKind, RunMount};

/// One `--mount=` value (comma-separated `key=value` fields).
pub fn parse_mount(value: &str) -> Result<RunMount, String> {
    let mut m = RunMount {
        kind: MountKind::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        readonly: None,
        sharing: None,
        mode: None,
        uid: None,
        gid: None,
        required: false,
        size: None,
        env: None,
    };
    let fields: Vec<&str> = value.split(',').filter(|f| !f.is_empty()).collect();
    for f in &fields {
        if let Some(("type", t)) = f.split_once('=') {
            m.kind = match t {
                "bind" => MountKind::Bind,
                "cache" => MountKind::Cache,
                "tmpfs" => MountKind::Tmpfs,
                "secret" => MountKind::Secret,
                "ssh" => MountKind::Ssh,
                other => return Err(format!("unsupported mount type {other:?}")),
            };
        }
    }
    for f in fields {
        let (key, val) = match f.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
            None => (f.to_ascii_lowercase(), None),
        };
        let need = |v: Option<String>| {
            v.ok_or_else(|| format!("invalid field '{f}' must be a key=value pair"))
        };
        let flag = |v: Option<String>| -> Result<bool, String> {
            match v.as_deref() {
                None | Some("true" | "1") => Ok(true),
                Some("false" | "0") => Ok(false),
                Some(other) => Err(format!("invalid value for {key}: {other}")),
            }
        };
        match key.as_str() {
            "type" => {}
            "target" | "dst" | "destination" => m.target = Some(need(val)?),
            "source" | "src" => m.source = Some(need(val)?),
            "from" => m.from = Some(need(val)?),
            "id" => m.id = Some(need(val)?),
            "readonly" | "ro" => m.readonly = Some(flag(val)?),
            "readwrite" | "rw" => m.readonly = Some(!flag(val)?),
            "sharing" => {
                let v = need(val)?;
                if !matches!(v.as_str(), "shared" | "private" | "locked") {
                    return Err(format!("unsupported sharing value {v:?}"));
                }
                m.sharing = Some(v);
            }
            "mode" => m.mode = Some(need(val)?),
            "uid" => m.uid = Some(need(val)?),
            "gid" => m.gid = Some(need(val)?),
            "required" => m.required = flag(val)?,
            "size" => m.size = Some(need(val)?),
            "env" => m.env = Some(need(val)?),
            _ => return Err(format!("unexpected key '{key}' in '{f}'")),
        }
    }
    if m.target.is_none() && !matches!(m.kind, MountKind::Secret | MountKind::Ssh) {
        return Err(format!(
            "--mount={value}: mount target (target=PATH) is required"
        ));
    }
    Ok(m)
}
