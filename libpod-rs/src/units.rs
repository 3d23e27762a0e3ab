//! Sizes as podman and Docker read them (go-units): [`ram_in_bytes`] for
//! memory-like sizes (`--memory`, `--shm-size`, compose's `mem_limit`; powers
//! of 1024) and [`human_size`] for `--log-opt max-size` and
//! `events_logfile_max_size` (powers of 1000). One parser for both, so every
//! flag takes the same spellings. [`go_size`] writes sizes back the way
//! podman prints them.

/// What a size may look like, for error messages.
pub const SIZE_FORMS: &str = "use a number of bytes with an optional unit b, k, m or g \
                              (also kb, mb, gb, t, p), e.g. 512m or 1.5g";

/// Why a size did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// No number in front.
    #[error("not a size: {SIZE_FORMS}")]
    NoNumber,
    /// The number part does not parse.
    #[error("{0:?} is not a number: {SIZE_FORMS}")]
    BadNumber(String),
    /// An unknown unit.
    #[error("unknown unit {0:?}: {SIZE_FORMS}")]
    BadUnit(String),
    /// Beyond what a signed 64-bit byte count holds.
    #[error("too large: {SIZE_FORMS}")]
    TooLarge,
}

/// go-units' `RAMInBytes`: a non-negative number, an optional space, and
/// an optional unit `b`, `k`, `m`, `g`, `t`, `p` (any case, optionally
/// followed by `b` or `ib`), in powers of 1024.
pub fn ram_in_bytes(value: &str) -> Result<u64, SizeError> {
    parse(value, 1024.0)
}

/// go-units' `FromHumanSize`: the same spellings in powers of 1000.
pub fn human_size(value: &str) -> Result<u64, SizeError> {
    parse(value.trim(), 1000.0)
}

/// go-units' `HumanSizeWithPrecision`: decimal units, `precision`
/// significant digits (Go's `%.*g`), no space (`12.71MB`, `0B`).
pub fn go_size(bytes: u64, precision: usize) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    #[allow(clippy::cast_precision_loss)]
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    if v == 0.0 {
        return format!("0{}", UNITS[i]);
    }
    #[allow(clippy::cast_possible_truncation)]
    let exp = v.log10().floor() as i64;
    let decimals = usize::try_from((precision as i64 - 1 - exp).max(0)).unwrap_or(0);
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{}", UNITS[i])
}

/// go-units' `HumanSize` (four significant digits), as `inspect` and
/// `stats` print sizes: `0B`, `8kB`, `1.025MB`.
pub fn go_human_size(bytes: u64) -> String {
    go_size(bytes, 4)
}

fn parse(value: &str, base: f64) -> Result<u64, SizeError> {
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let unit = unit.strip_prefix(' ').unwrap_or(unit);
    if number.is_empty() {
        return Err(SizeError::NoNumber);
    }
    let n: f64 = number
        .parse()
        .map_err(|_| SizeError::BadNumber(number.to_string()))?;
    let lower = unit.to_ascii_lowercase();
    let power = match lower.as_str() {
        "" | "b" => 0,
        _ => {
            let (first, rest) = lower.split_at(1);
            let power = match first {
                "k" => 1,
                "m" => 2,
                "g" => 3,
                "t" => 4,
                "p" => 5,
                _ => 0,
            };
            if power == 0 || !matches!(rest, "" | "b" | "ib") {
                return Err(SizeError::BadUnit(unit.to_string()));
            }
            power
        }
    };
    let bytes = n * base.powi(power);
    #[allow(clippy::cast_precision_loss)]
    if !bytes.is_finite() || bytes >= i64::MAX as f64 {
        return Err(SizeError::TooLarge);
    }
    // Whole bytes, as Go's int64 conversion truncates.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_print_as_go_units_prints_them() {
        for (n, precision, want) in [
            (0, 4, "0B"),
            (796, 4, "796B"),
            (999, 4, "999B"),
            (1000, 4, "1kB"),
            (1076, 4, "1.076kB"),
            (12_500, 4, "12.5kB"),
            (999_999, 4, "1000kB"),
            (1_024_999, 4, "1.025MB"),
            (2_139_136, 4, "2.139MB"),
            (268_435_456, 4, "268.4MB"),
            (400_000_000, 4, "400MB"),
            (8_341_000_000, 4, "8.341GB"),
            (4096, 3, "4.1kB"),
            (12_706_209, 3, "12.7MB"),
        ] {
            assert_eq!(go_size(n, precision), want, "{n} {precision}");
        }
        assert_eq!(go_human_size(1_025_000), "1.025MB");
    }

    #[test]
    fn binary_and_decimal_units() {
        for (s, want) in [
            ("0", 0),
            ("512", 512),
            ("1b", 1),
            ("1K", 1024),
            ("1kb", 1024),
            ("1KiB", 1024),
            ("256m", 256 << 20),
            ("1.5g", 3 << 29),
            ("2 g", 2 << 30),
            ("10 mb", 10 << 20),
            ("1t", 1 << 40),
        ] {
            assert_eq!(ram_in_bytes(s), Ok(want), "{s}");
        }
        for (s, want) in [
            ("1m", 1_000_000),
            ("4750", 4750),
            ("3g", 3_000_000_000),
            ("1.5k", 1500),
            ("10 KiB", 10_000),
            (" 2MB ", 2_000_000),
        ] {
            assert_eq!(human_size(s), Ok(want), "{s}");
        }
        for s in [
            "", "abc", "-1", "1x", "1kk", "1bb", "1gib2", "m", "1e3", "1..2k",
        ] {
            assert!(ram_in_bytes(s).is_err(), "{s}");
            assert!(human_size(s).is_err(), "{s}");
        }
        assert_eq!(ram_in_bytes("99999999p"), Err(SizeError::TooLarge));
    }
}
