//! `rpod events --filter KEY=VALUE`, `--since` and `--until`, as podman
//! applies them: filters with the same key are alternatives (any may
//! match), different keys must all match; `--since` keeps events strictly
//! after its time, `--until` strictly before.
//!
//! Keys (case-insensitive, as podman): `container` (name, or ID prefix),
//! `event`/`status` (`die` is Docker's `died`), `image` (name, or ID
//! prefix), `label` (`KEY` or `KEY=VALUE` among the attributes), `pod`,
//! `type`, `volume` (name prefix), and `network` (name, or ID prefix;
//! Docker's filter, which podman 5 does not have).

use std::time::SystemTime;

use chrono::{DateTime, Utc};

use super::{Error, Event, Type};
use crate::container::logs::{parse_time, Bound};

#[derive(Debug, Clone)]
enum Test {
    Container(String),
    Status(String),
    Image(String),
    Pod(String),
    Volume(String),
    Network(String),
    Type(String),
    Label(String, Option<String>),
}

impl Test {
    fn parse(key: &str, value: &str) -> Option<Test> {
        let v = value.to_string();
        Some(match key.to_ascii_uppercase().as_str() {
            "CONTAINER" => Test::Container(v),
            "EVENT" | "STATUS" => Test::Status(if value == "die" { "died".into() } else { v }),
            "IMAGE" => Test::Image(v),
            "POD" => Test::Pod(v),
            "VOLUME" => Test::Volume(v),
            "NETWORK" => Test::Network(v),
            "TYPE" => Test::Type(v),
            "LABEL" => match value.split_once('=') {
                Some((k, v)) => Test::Label(k.to_string(), Some(v.to_string())),
                None => Test::Label(v, None),
            },
            _ => return None,
        })
    }

    fn matches(&self, e: &Event) -> bool {
        let name_or_id =
            |kind: Type, v: &str| e.kind == kind && (e.name == v || e.id.starts_with(v));
        match self {
            Test::Container(v) => name_or_id(Type::Container, v),
            Test::Image(v) => name_or_id(Type::Image, v),
            Test::Pod(v) => name_or_id(Type::Pod, v),
            Test::Volume(v) => e.kind == Type::Volume && e.name.starts_with(v.as_str()),
            Test::Network(v) => {
                e.kind == Type::Network && (e.network == *v || e.id.starts_with(v.as_str()))
            }
            Test::Status(v) => e.status.as_str() == v,
            Test::Type(v) => e.kind.as_str() == v,
            Test::Label(k, v) => e
                .attributes
                .as_ref()
                .and_then(|a| a.get(k))
                .is_some_and(|have| v.as_ref().is_none_or(|want| want == have)),
        }
    }
}

/// Parsed `--filter`, `--since` and `--until` values.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Tests by key, in the order the keys were first given.
    groups: Vec<(String, Vec<Test>)>,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
}

impl Filters {
    /// Parses the values as podman does; durations count from `now`
    /// (back for `since`, forward for `until`).
    pub fn parse(
        filters: &[String],
        since: Option<&str>,
        until: Option<&str>,
        now: SystemTime,
    ) -> Result<Filters, Error> {
        let mut out = Filters::default();
        for f in filters {
            let (key, value) = f
                .split_once('=')
                .ok_or_else(|| Error::Filter(format!("{f} is an invalid filter")))?;
            let test = Test::parse(key, value)
                .ok_or_else(|| Error::Filter(format!("{key} is an invalid filter")))?;
            match out.groups.iter_mut().find(|(k, _)| k == key) {
                Some((_, tests)) => tests.push(test),
                None => out.groups.push((key.to_string(), vec![test])),
            }
        }
        let time = |value: Option<&str>, bound: Bound, which: &str| {
            value
                .filter(|v| !v.is_empty())
                .map(|v| {
                    parse_time(v, now, bound)
                        .map(DateTime::<Utc>::from)
                        .map_err(|_| {
                            Error::Filter(format!(
                                "unable to convert {which} time of {v}: unable to interpret time value"
                            ))
                        })
                })
                .transpose()
        };
        out.since = time(since, Bound::Since, "since")?;
        out.until = time(until, Bound::Until, "until")?;
        Ok(out)
    }

    /// Whether `e` passes every filter.
    pub fn matches(&self, e: &Event) -> bool {
        if self.since.is_some_and(|s| e.time <= s) || self.until.is_some_and(|u| e.time >= u) {
            return false;
        }
        self.groups
            .iter()
            .all(|(_, tests)| tests.iter().any(|t| t.matches(e)))
    }

    /// The `--until` time, when given.
    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    /// Whether `--since` or `--until` was given (then reading starts at the
    /// journal's beginning, even when following).
    pub fn has_time_bounds(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}
