//! `network ls --filter` and `network prune --filter`, as common's
//! `libnetwork/util/filters.go` and podman's dangling filter: values of
//! one key are alternatives, different keys must all match.

use std::time::SystemTime;

use regex::Regex;

use super::config::{ConfigError, Network, DEFAULT_NETWORK};

/// Parsed filters.
#[derive(Debug, Default)]
pub struct Filters {
    names: Vec<Regex>,
    ids: Vec<String>,
    drivers: Vec<String>,
    labels: Vec<String>,
    labels_not: Vec<String>,
    until: Option<SystemTime>,
    dangling: Option<bool>,
}

fn invalid(msg: String) -> ConfigError {
    ConfigError::Invalid(msg)
}

impl Filters {
    /// Parses `KEY=VALUE` filters. `prune` allows only prune's keys
    /// (`label`, `label!`, `until`); `until` values are read by
    /// `parse_until` (podman's timestamps: RFC 3339, Unix time, durations
    /// back from now).
    pub fn parse(
        filters: &[String],
        prune: bool,
        parse_until: &dyn Fn(&str) -> Result<SystemTime, String>,
    ) -> Result<Filters, ConfigError> {
        let mut f = Filters::default();
        let mut until = Vec::new();
        let mut dangling = Vec::new();
        for raw in filters {
            let (key, value) = raw.split_once('=').ok_or_else(|| {
                invalid(format!(
                    "filter input must be in the form of filter=value: {raw} is invalid"
                ))
            })?;
            match (key.to_ascii_lowercase().as_str(), prune) {
                ("name", false) => f.names.push(
                    Regex::new(value)
                        .map_err(|e| invalid(format!("invalid name filter {value:?}: {e}")))?,
                ),
                ("id", false) => f.ids.push(value.to_string()),
                ("driver", false) => f.drivers.push(value.to_string()),
                ("dangling", false) => dangling.push(value.to_string()),
                ("label", _) => f.labels.push(value.to_string()),
                ("label!", _) => f.labels_not.push(value.to_string()),
                ("until", _) => until.push(value.to_string()),
                _ => return Err(invalid(format!("invalid filter {key:?}"))),
            }
        }
        match until.as_slice() {
            [] => {}
            [one] => f.until = Some(parse_until(one).map_err(invalid)?),
            _ => return Err(invalid("specify exactly one timestamp for until".into())),
        }
        match dangling.as_slice() {
            [] => {}
            [one] => {
                f.dangling = Some(match one.as_str() {
                    "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
                    "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
                    v => return Err(invalid(format!("invalid dangling filter value {v:?}"))),
                })
            }
            _ => {
                return Err(invalid(
                    "got more than one value for filter key \"dangling\"".into(),
                ))
            }
        }
        Ok(f)
    }

    /// Whether a network passes; `in_use` says whether containers use it
    /// (the default network always counts as used, as in podman).
    pub fn matches(&self, n: &Network, in_use: &dyn Fn(&Network) -> bool) -> bool {
        fn any<T>(v: &[T], f: impl Fn(&T) -> bool) -> bool {
            v.is_empty() || v.iter().any(f)
        }
        any(&self.names, |r| r.is_match(&n.name))
            && any(&self.ids, |id| id_matches(&n.id, id))
            && any(&self.drivers, |d| *d == n.driver)
            && self.labels.iter().all(|l| label_matches(l, n))
            && !self.labels_not.iter().any(|l| label_matches(l, n))
            && self.until.is_none_or(|u| SystemTime::from(n.created) < u)
            && self
                .dangling
                .is_none_or(|want| want != (n.name == DEFAULT_NETWORK || in_use(n)))
    }
}

/// An ID filter: a hexadecimal prefix, else a regular expression.
fn id_matches(id: &str, want: &str) -> bool {
    if want.bytes().all(|b| b.is_ascii_hexdigit()) {
        id.starts_with(&want.to_ascii_lowercase())
    } else {
        Regex::new(want).is_ok_and(|r| r.is_match(id))
    }
}

/// `KEY` or `KEY=VALUE`; a `*` in KEY matches any text (podman's
/// `MatchLabelFilters`).
fn label_matches(filter: &str, n: &Network) -> bool {
    let (key, value) = filter.split_once('=').unwrap_or((filter, ""));
    n.labels
        .iter()
        .any(|(k, v)| (value.is_empty() || v == value) && (k == key || glob(key, k)))
}

fn glob(pattern: &str, text: &str) -> bool {
    if !pattern.contains('*') {
        return false;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    // podman wraps the pattern in `*…*`: it may match anywhere.
    let mut rest = text;
    for p in parts.iter().filter(|p| !p.is_empty()) {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::config::default_network;
    use chrono::DateTime;

    fn net(name: &str, id: &str, labels: &[(&str, &str)], created: &str) -> Network {
        let mut n = default_network(DateTime::parse_from_rfc3339(created).unwrap());
        n.name = name.into();
        n.id = format!("{id}{}", "0".repeat(64 - id.len()));
        n.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        n
    }

    fn parse(f: &[&str], prune: bool) -> Result<Filters, ConfigError> {
        let f: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        Filters::parse(&f, prune, &|s| {
            DateTime::parse_from_rfc3339(s)
                .map(SystemTime::from)
                .map_err(|e| e.to_string())
        })
    }

    #[test]
    fn filters_select_networks() {
        let nets = [
            net(
                "web-a",
                "ab",
                &[("app", "web"), ("tier", "front")],
                "2024-01-01T00:00:00Z",
            ),
            net("web-b", "ac", &[("app", "web")], "2024-06-01T00:00:00Z"),
            net("db", "bd", &[("app", "db")], "2024-06-01T00:00:00Z"),
            net("podman", "2f", &[], "2024-06-01T00:00:00Z"),
        ];
        let unused = |_: &Network| false;
        let pick = |f: &[&str]| -> Vec<String> {
            let f = parse(f, false).unwrap();
            nets.iter()
                .filter(|n| f.matches(n, &unused))
                .map(|n| n.name.clone())
                .collect()
        };
        assert_eq!(pick(&["name=web"]), ["web-a", "web-b"]);
        assert_eq!(pick(&["name=^db$", "name=-a$"]), ["web-a", "db"]);
        assert_eq!(pick(&["id=a"]), ["web-a", "web-b"]);
        assert_eq!(pick(&["id=AB"]), ["web-a"]);
        assert_eq!(pick(&["label=app=web", "label=tier"]), ["web-a"]);
        assert_eq!(pick(&["label=ti*"]), ["web-a"]);
        assert_eq!(pick(&["label!=app=web"]), ["db", "podman"]);
        assert_eq!(pick(&["until=2024-03-01T00:00:00Z"]), ["web-a"]);
        assert_eq!(pick(&["driver=bridge", "name=db"]), ["db"]);
        assert_eq!(pick(&["driver=macvlan"]), Vec::<String>::new());
        assert_eq!(pick(&["dangling=true"]), ["web-a", "web-b", "db"]);
        assert_eq!(pick(&["dangling=false"]), ["podman"]);
    }

    #[test]
    fn bad_filters_are_refused() {
        for (f, prune, want) in [
            ("name", false, "must be in the form of filter=value"),
            ("color=red", false, "invalid filter \"color\""),
            ("name=x", true, "invalid filter \"name\""),
            ("dangling=maybe", false, "invalid dangling filter value"),
            ("until=yesterday", true, "input"),
        ] {
            let e = parse(&[f], prune).unwrap_err().to_string();
            assert!(e.contains(want), "{f}: {e}");
        }
        assert!(parse(&["dangling=1", "dangling=0"], false).is_err());
    }
}
