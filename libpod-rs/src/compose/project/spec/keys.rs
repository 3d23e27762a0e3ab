//! Which of a service's keys rpod does not apply, and the config hash
//! that decides whether a running container still matches the file.

use sha2::{Digest as _, Sha256};

use super::LOG_OPTIONS;
use crate::compose::model::Service;

/// Keys of `other` that carry no behaviour rpod would miss.
const HARMLESS_OTHER: &[&str] = &[
    "container_name",
    "expose",
    "stop_grace_period",
    "x-",
    // Applied from `other` (see `host_keys`).
    "cgroup",
    "device_cgroup_rules",
];

/// The service's keys that rpod cannot apply (yet), as `key` names, so
/// that `up` can say which ones it ignores.
pub fn unsupported_keys(s: &Service) -> Vec<String> {
    let mut keys = Vec::new();
    if s.domainname.is_some() {
        keys.push("domainname".into());
    }
    if s.platform.is_some() {
        keys.push("platform".into());
    }
    if let Some(l) = &s.logging {
        let plain = matches!(
            l.driver.as_deref(),
            None | Some("json-file" | "k8s-file" | "local" | "none")
        );
        if !plain {
            keys.push("logging.driver".into());
        }
        for k in l
            .options
            .keys()
            .filter(|k| !LOG_OPTIONS.contains(&k.as_str()))
        {
            keys.push(format!("logging.options.{k}"));
        }
    }
    if let Some(d) = &s.deploy {
        if let Some(r) = &d.resources.reservations {
            if r.cpus.is_some() || r.pids.is_some() {
                keys.push("deploy.resources.reservations".into());
            }
        }
        for (k, v) in &d.other {
            if !is_empty(v) {
                keys.push(format!("deploy.{k}"));
            }
        }
    }
    if let Some(b) = &s.build {
        for (k, v) in &b.other {
            if !is_empty(v) {
                keys.push(format!("build.{k}"));
            }
        }
        if !b.cache_from.is_empty() {
            keys.push("build.cache_from".into());
        }
    }
    for (k, v) in &s.other {
        if !is_empty(v) && !HARMLESS_OTHER.iter().any(|h| k == h || k.starts_with("x-")) {
            keys.push(k.clone());
        }
    }
    keys
}

/// Whether a normalised value carries nothing (`null`, `{}`, `[]`).
fn is_empty(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::Object(m) => m.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The hash of everything in the service that shapes its containers
/// (`com.docker.compose.config-hash`): the service as normalised, without
/// its replica count (scaling does not recreate), plus the image ID it
/// runs (a rebuilt or re-pulled image recreates).
pub fn config_hash(s: &Service, image_id: &str) -> String {
    let mut s = s.clone();
    s.scale = None;
    if let Some(d) = s.deploy.as_mut() {
        d.replicas = None;
    }
    s.profiles.clear();
    let json = serde_json::to_vec(&s).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(&json);
    h.update(b"\0");
    h.update(image_id.as_bytes());
    hex::encode(h.finalize())
}
