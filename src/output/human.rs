//! Sizes and times as podman prints them (go-units' HumanSize and HumanDuration).

use chrono::{DateTime, Utc};

/// A size in decimal units with 3 significant digits: `7.84 MB`, `12 B`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    #[allow(clippy::cast_precision_loss)]
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    let mut s = format!("{v:.digits$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s} {}", UNITS[i])
}

/// A duration the way go-units words it ("3 seconds", "About a minute", "2 weeks").
pub fn duration(d: chrono::Duration) -> String {
    let seconds = d.num_seconds();
    let minutes = d.num_minutes();
    #[allow(clippy::cast_precision_loss)]
    let hours_f = d.num_seconds() as f64 / 3600.0;
    #[allow(clippy::cast_possible_truncation)]
    let hours = (hours_f + 0.5) as i64;
    if seconds < 1 {
        "Less than a second".into()
    } else if seconds == 1 {
        "1 second".into()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        #[allow(clippy::cast_possible_truncation)]
        let years = (hours_f / 24.0 / 365.0) as i64;
        format!("{years} years")
    }
}

/// "3 minutes ago", as podman's CREATED column.
pub fn since(t: &DateTime<Utc>) -> String {
    format!("{} ago", duration(Utc::now() - *t))
}

/// A time as Go prints `time.Time` (`2024-05-01 12:00:00 +0000 UTC`).
pub fn go_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S %z UTC").to_string()
}

/// A duration as Go's `time.Duration.String` prints it (`1m2.5s`, `350ms`, `0s`).
pub fn go_duration(d: std::time::Duration) -> String {
    let total = d.as_secs_f64();
    if total == 0.0 {
        return "0s".into();
    }
    if total < 1.0 {
        let ms = d.as_secs_f64() * 1000.0;
        return format!("{}ms", trim_float(ms));
    }
    let h = d.as_secs() / 3600;
    let m = (d.as_secs() % 3600) / 60;
    let s = total - (h * 3600 + m * 60) as f64;
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    out.push_str(&format!("{}s", trim_float(s)));
    out
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.9}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub use libpod::units::go_size;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn sizes() {
        for (n, want) in [
            (0, "0 B"),
            (12, "12 B"),
            (999, "999 B"),
            (1000, "1 kB"),
            (1234, "1.23 kB"),
            (7_840_000, "7.84 MB"),
            (12_500_000, "12.5 MB"),
            (123_456_789, "123 MB"),
            (2_000_000_000, "2 GB"),
        ] {
            assert_eq!(size(n), want, "{n}");
        }
    }

    #[test]
    fn durations() {
        for (secs, want) in [
            (0, "Less than a second"),
            (1, "1 second"),
            (3, "3 seconds"),
            (60, "About a minute"),
            (150, "2 minutes"),
            (3600, "About an hour"),
            (7200, "2 hours"),
            (3 * 86400, "3 days"),
            (15 * 86400, "2 weeks"),
            (90 * 86400, "3 months"),
            (800 * 86400, "2 years"),
        ] {
            assert_eq!(duration(Duration::seconds(secs)), want, "{secs}");
        }
    }

    #[test]
    fn go_durations() {
        use std::time::Duration;
        assert_eq!(super::go_duration(Duration::ZERO), "0s");
        assert_eq!(super::go_duration(Duration::from_millis(350)), "350ms");
        assert_eq!(super::go_duration(Duration::from_millis(62_500)), "1m2.5s");
        assert_eq!(super::go_duration(Duration::from_secs(3600)), "1h0m0s");
    }
}
