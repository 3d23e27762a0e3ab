//! Profiles: which services are enabled, and keeping only the selected
//! ones with what they depend on.

use std::collections::BTreeMap;

use crate::compose::yaml::Node;

pub(super) fn enabled(profiles: &[String], active: &[String]) -> bool {
    profiles.is_empty()
        || active
            .iter()
            .any(|a| a == "*" || profiles.iter().any(|p| p == a))
}

pub(super) fn service_profiles(dict: &Node) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    if let Some(services) = dict
        .as_map()
        .and_then(|m| m.get("services"))
        .and_then(Node::as_map)
    {
        for e in services.iter() {
            let p = e
                .value
                .as_map()
                .and_then(|s| s.get("profiles"))
                .and_then(Node::as_seq)
                .map(|items| items.iter().filter_map(Node::scalar_text).collect())
                .unwrap_or_default();
            out.insert(e.key.clone(), p);
        }
    }
    out
}

/// Keeps the named services and what they depend on.
pub(super) fn keep_selected(dict: &mut Node, selected: &[String]) {
    let Some(services) = dict
        .as_map_mut()
        .and_then(|m| m.get_mut("services"))
        .and_then(Node::as_map_mut)
    else {
        return;
    };
    let mut keep: Vec<String> = selected.to_vec();
    let mut i = 0;
    while i < keep.len() {
        let deps: Vec<String> = services
            .get(&keep[i])
            .and_then(Node::as_map)
            .and_then(|s| s.get("depends_on"))
            .and_then(Node::as_map)
            .map(|d| d.keys().map(str::to_string).collect())
            .unwrap_or_default();
        for d in deps {
            if !keep.contains(&d) && services.contains(&d) {
                keep.push(d);
            }
        }
        i += 1;
    }
    services.retain(|e| keep.contains(&e.key));
}
