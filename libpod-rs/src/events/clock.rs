//! Event times as Go writes and prints them: the journal holds RFC 3339
//! with nanoseconds in the writer's local time (Go's `time.RFC3339Nano`,
//! trailing zeros of the fraction dropped, `Z` for UTC), and `rpod events`
//! prints Go's `Time.String()` (`2024-01-01 12:00:00.123456789 +0000 UTC`).

use chrono::{DateTime, FixedOffset, Local, Timelike};

/// The current time, in the local time zone.
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// The fraction of a second as Go's `.999999999` prints it: nothing for
/// whole seconds, else a dot and the digits without trailing zeros.
fn fraction(t: &DateTime<FixedOffset>) -> String {
    let nanos = t.nanosecond() % 1_000_000_000;
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

/// `t` as Go's `time.RFC3339Nano` formats it (`2022-04-06T11:26:42.7236679+02:00`,
/// `2024-01-01T12:00:00Z`).
pub fn rfc3339_nano(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        t.format("%:z").to_string()
    };
    format!("{}{}{zone}", t.format("%Y-%m-%dT%H:%M:%S"), fraction(t))
}

/// `t` as Go's `Time.String()` prints a time read back from the journal:
/// `2006-01-02 15:04:05.999999999 -0700 MST`. The zone's name is `UTC` for
/// UTC, the local zone's abbreviation when `t`'s offset is the local one at
/// that instant (Go then uses `time.Local`), else the offset again (Go's
/// unnamed zone: `+0200 +0200`).
pub fn go_time_string(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let numeric = t.format("%z").to_string();
    let name = if offset == 0 {
        "UTC".to_string()
    } else {
        match crate::sys::local_zone(t.timestamp()) {
            Some((local, abbreviation)) if local == offset && !abbreviation.is_empty() => {
                abbreviation
            }
            _ => numeric.clone(),
        }
    };
    format!(
        "{}{} {numeric} {name}",
        t.format("%Y-%m-%d %H:%M:%S"),
        fraction(t)
    )
}

/// Serde for the journal's `Time` field.
pub(super) mod serde_rfc3339 {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339_nano(t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s).map_err(serde::de::Error::custom)
    }
}
