//! UTC timestamps in the format Halo's query parameters take (`yyyy-MM-ddTHH:mm:ssZ`),
//! formatted with `chrono` (already compiled in through the core's OAuth2 crate).

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

/// Formats a time as `yyyy-MM-ddTHH:mm:ssZ` (UTC). Times before 1970 are clamped
/// to the epoch; a time past chrono's range to its last second.
pub(crate) fn format_halo_time(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let at = i64::try_from(secs)
        .ok()
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn known_dates() {
        let at = |s: u64| format_halo_time(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(1_714_554_720), "2024-05-01T09:12:00Z");
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(at(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(
            format_halo_time(UNIX_EPOCH - Duration::from_secs(5)),
            "1970-01-01T00:00:00Z"
        );
        // Far past chrono's range: its last second, not a panic.
        assert!(
            at(10_000_000_000_000).ends_with("-12-31T23:59:59Z"),
            "{}",
            at(10_000_000_000_000)
        );
    }
}
