//! `--since`/`--until` values, parsed as podman's `ParseInputTime` does.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use super::{Error, Result};

/// Which flag a time is for: podman reads a duration as before now for `--since`, after now for `--until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `--since`: `10m` means ten minutes ago.
    Since,
    /// `--until`: `10m` means in ten minutes.
    Until,
}

/// Parses a `--since`/`--until` value the way podman's `ParseInputTime` does.
///
/// Accepted, in this order: RFC 3339 with a zone (`2024-05-01T10:00:00Z`,
/// `2024-05-01T10:00:00.5+02:00`); the same without a zone, read as UTC
/// as Go's `time.Parse` does; a date with or without a zone
/// (`2024-05-01`, `2024-05-01+02:00`); a Unix time with optional fraction
/// (`1700000000`, `1700000000.5`); a Go duration (`10s`, `1h30m`, `1.5h`),
/// taken back from `now` for [`Bound::Since`] and forward for
/// [`Bound::Until`].
pub fn parse_time(s: &str, now: SystemTime, bound: Bound) -> Result<SystemTime> {
    let bad = || Error::Time(s.to_string());
    // Go reads a comma before the fraction of a second as a dot (as
    // `date --iso-8601=ns` writes it).
    let dotted;
    let s = match s.find(',') {
        Some(i) if s.contains('T') && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => {
            dotted = format!("{}.{}", &s[..i], &s[i + 1..]);
            dotted.as_str()
        }
        _ => s,
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.into());
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Ok(t.and_utc().into());
    }
    if let Some(t) = parse_date(s) {
        return Ok(t);
    }
    if let Some(t) = parse_unix(s) {
        return Ok(t);
    }
    let (negative, duration) = parse_go_duration(s).ok_or_else(bad)?;
    let back = (bound == Bound::Since) != negative;
    let t = if back {
        now.checked_sub(duration)
    } else {
        now.checked_add(duration)
    };
    t.ok_or_else(bad)
}

/// `2006-01-02` (UTC) or `2006-01-02Z07:00`.
fn parse_date(s: &str) -> Option<SystemTime> {
    let (date, zone) = (s.get(..10)?, &s[10..]);
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let midnight = date.and_hms_opt(0, 0, 0)?;
    let offset = match zone {
        "" | "Z" => FixedOffset::east_opt(0)?,
        _ => {
            let (sign, hm) = match zone.as_bytes().first()? {
                b'+' => (1, &zone[1..]),
                b'-' => (-1, &zone[1..]),
                _ => return None,
            };
            let (h, m) = hm.split_once(':')?;
            if h.len() != 2 || m.len() != 2 {
                return None;
            }
            let secs = h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60;
            FixedOffset::east_opt(sign * secs)?
        }
    };
    let t: DateTime<Utc> = midnight.and_local_timezone(offset).single()?.to_utc();
    Some(t.into())
}

/// A Unix time in seconds, with optional fraction (Go `strconv.ParseFloat`).
fn parse_unix(s: &str) -> Option<SystemTime> {
    let secs: f64 = s.parse().ok()?;
    if !secs.is_finite() {
        return None;
    }
    let whole = Duration::try_from_secs_f64(secs.abs()).ok()?;
    if secs >= 0.0 {
        UNIX_EPOCH.checked_add(whole)
    } else {
        UNIX_EPOCH.checked_sub(whole)
    }
}

/// A Go `time.ParseDuration` string: `[-+]` then one or more `<number><unit>`; `(negative, length)`.
fn parse_go_duration(s: &str) -> Option<(bool, Duration)> {
    const UNITS: [(&str, f64); 8] = [
        ("ns", 1.0),
        ("us", 1e3),
        ("µs", 1e3),
        ("μs", 1e3),
        ("ms", 1e6),
        ("s", 1e9),
        ("m", 60e9),
        ("h", 3600e9),
    ];
    let (negative, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some((negative, Duration::ZERO));
    }
    if rest.is_empty() {
        return None;
    }
    let mut nanos = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = number.parse().ok()?;
        rest = &rest[number_len..];
        let (unit, scale) = UNITS.iter().find(|(u, _)| rest.starts_with(u))?;
        nanos += value * scale;
        rest = &rest[unit.len()..];
    }
    Some((negative, Duration::try_from_secs_f64(nanos / 1e9).ok()?))
}
