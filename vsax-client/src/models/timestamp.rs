//! [`Timestamp`]: a date-time read leniently, keeping the string VSA X sent.
//!
//! VSA X's date formats are not documented (webhook deliveries use ISO-8601 UTC
//! with `Z`; `LastSeenOnline`, `CreatedOn` and others are unverified), so a
//! value that does not parse is kept as sent rather than failing the record.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A date-time from VSA X: the raw text and, when it could be read, the instant.
///
/// Read: RFC 3339 / ISO-8601 with an offset or `Z` (`2026-09-24T16:15:02Z`),
/// the same without an offset (taken as UTC), with a space instead of `T`, a
/// plain date (`2026-09-24`, midnight UTC), .NET's `/Date(1727194502000)/`,
/// and Unix time as a number (seconds, or milliseconds when above 10^11).
/// Anything else keeps [`Timestamp::raw`] with [`Timestamp::parsed`] `None`.
///
/// ```
/// use vsax_client::models::Timestamp;
/// let t: Timestamp = serde_json::from_str(r#""2026-09-24T16:15:02Z""#).unwrap();
/// assert_eq!(t.parsed().unwrap().timestamp(), 1_790_266_502);
/// let odd: Timestamp = serde_json::from_str(r#""yesterday-ish""#).unwrap();
/// assert_eq!((odd.raw(), odd.parsed()), ("yesterday-ish", None));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    raw: String,
    parsed: Option<DateTime<Utc>>,
}

impl Timestamp {
    /// Reads `raw` (see the type's docs); never fails.
    pub fn parse(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let parsed = parse_datetime(&raw);
        Timestamp { raw, parsed }
    }

    /// A timestamp for an instant, written as RFC 3339 (`2026-09-24T16:15:02Z`).
    pub fn from_datetime(at: DateTime<Utc>) -> Self {
        Timestamp {
            raw: at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            parsed: Some(at),
        }
    }

    /// The value as VSA X sent it.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The instant, when the value could be read.
    pub fn parsed(&self) -> Option<DateTime<Utc>> {
        self.parsed
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parsed {
            Some(at) => write!(f, "Timestamp({at:?})"),
            None => write!(f, "Timestamp(unparsed {:?})", self.raw),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string or a Unix time number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::parse(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp {
                    raw: v.to_string(),
                    parsed: from_unix(v),
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                Ok(Timestamp {
                    raw: v.to_string(),
                    parsed: i64::try_from(v).ok().and_then(from_unix),
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                let whole =
                    (v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64);
                Ok(Timestamp {
                    raw: v.to_string(),
                    parsed: whole.and_then(from_unix),
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Unix seconds, or milliseconds when the value is above 10^11 (year 5138 in seconds).
fn from_unix(v: i64) -> Option<DateTime<Utc>> {
    if v.unsigned_abs() > 100_000_000_000 {
        Utc.timestamp_millis_opt(v).single()
    } else {
        Utc.timestamp_opt(v, 0).single()
    }
}

/// Reads the formats listed on [`Timestamp`]; `None` for anything else.
pub(crate) fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    let spaced = text.replacen(' ', "T", 1);
    if let Ok(at) = DateTime::parse_from_rfc3339(&spaced) {
        return Some(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&spaced, format) {
            return Some(naive.and_utc());
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return date.and_hms_opt(0, 0, 0).map(|naive| naive.and_utc());
    }
    let millis = text.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // `/Date(1727194502000+0000)/`: the offset does not change the instant.
    let digits = millis
        .find(|c: char| (c == '+' || c == '-') && !millis.starts_with(c))
        .map_or(millis, |at| &millis[..at]);
    Utc.timestamp_millis_opt(digits.parse().ok()?).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> Option<i64> {
        parse_datetime(text).map(|t| t.timestamp())
    }

    #[test]
    fn formats() {
        assert_eq!(secs("2026-09-24T16:15:02Z"), Some(1_790_266_502));
        assert_eq!(secs("2026-09-24T18:15:02+02:00"), Some(1_790_266_502));
        assert_eq!(secs("2026-09-24T16:15:02"), Some(1_790_266_502));
        assert_eq!(secs("2026-09-24 16:15:02"), Some(1_790_266_502));
        assert_eq!(secs("2026-09-24T16:15:02.1234567"), Some(1_790_266_502));
        assert_eq!(secs("2026-09-24"), Some(1_790_208_000));
        assert_eq!(secs("/Date(1790266502000)/"), Some(1_790_266_502));
        assert_eq!(secs("/Date(1790266502000+0000)/"), Some(1_790_266_502));
        assert_eq!(secs("/Date(-1000)/"), Some(-1));
        assert_eq!(secs("not a date"), None);
        assert_eq!(secs(""), None);
        assert_eq!(secs("/Date(abc)/"), None);
    }

    #[test]
    fn numbers_and_round_trip() {
        let t: Timestamp = serde_json::from_str("1790266502").unwrap();
        assert_eq!(t.parsed().map(|t| t.timestamp()), Some(1_790_266_502));
        let ms: Timestamp = serde_json::from_str("1790266502000").unwrap();
        assert_eq!(ms.parsed(), t.parsed());
        let kept: Timestamp = serde_json::from_str(r#""13/01/2026 10:00""#).unwrap();
        assert_eq!(
            serde_json::to_string(&kept).unwrap(),
            r#""13/01/2026 10:00""#
        );
        assert!(serde_json::from_str::<Timestamp>("[1]").is_err());
    }
}
