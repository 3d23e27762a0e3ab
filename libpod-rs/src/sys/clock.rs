//! The local time zone as the C library sees it (TZ, /etc/localtime).

use std::ffi::CStr;

/// The local time zone at Unix time `secs`: its offset east of UTC in
/// seconds and its abbreviation (`CET`, `CEST`), as localtime(3) gives them.
pub fn local_zone(secs: i64) -> Option<(i32, String)> {
    let t: libc::time_t = secs;
    // SAFETY: an all-zero `tm` is a valid value (integers and a null pointer).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live values of the right types;
    // localtime_r writes only into `tm`.
    let r = unsafe { libc::localtime_r(&raw const t, &raw mut tm) };
    if r.is_null() {
        return None;
    }
    let name = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null tm_zone points to a NUL-terminated string in
        // the C library's time zone data, which lives for the process.
        unsafe { CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    Some((i32::try_from(tm.tm_gmtoff).ok()?, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_has_an_offset_within_a_day() {
        let (offset, _) = local_zone(1_700_000_000).unwrap();
        assert!(offset.abs() < 24 * 3600);
    }
}
