//! Lenient serde helpers shared by the vendor models.
//!
//! Vendor APIs are loose about JSON types: HaloPSA types some ids as `double`
//! (`"client_id": 12.0`), other services send numbers as strings (`"12"`) or
//! booleans as `0`/`1`. These functions are meant for
//! `#[serde(deserialize_with = ...)]` and accept every reasonable spelling of a
//! value while refusing anything that would lose information:
//!
//! ```
//! use neo_auth_core::lenient;
//! use serde::Deserialize;
//!
//! #[derive(Debug, Deserialize)]
//! struct Ticket {
//!     #[serde(default, deserialize_with = "lenient::opt_i64")]
//!     client_id: Option<i64>,
//!     #[serde(default, deserialize_with = "lenient::opt_bool")]
//!     onhold: Option<bool>,
//! }
//!
//! let t: Ticket = serde_json::from_str(r#"{"client_id": 12.0, "onhold": "1"}"#).unwrap();
//! assert_eq!((t.client_id, t.onhold), (Some(12), Some(true)));
//! let bad = serde_json::from_str::<Ticket>(r#"{"client_id": 1.5}"#).unwrap_err();
//! assert!(bad.to_string().contains("1.5"));
//! ```
//!
//! One generic pair serves every field type: [`opt`] for `Option<_>` fields
//! (`#[serde(default, deserialize_with = "neo_auth_core::lenient::opt")]`) and
//! [`req`] for required ones; the type comes from the field (`i64`, `i32`,
//! `u64`, `u32`, `f64`, `bool`, `String`, see [`LenientValue`]). The named
//! helpers below are the same decoders for one type each.
//!
//! | helper | accepts | `None` for |
//! | --- | --- | --- |
//! | [`opt_i64`] / [`i64()`] | integers, floats with a zero fraction (`12.0`), numeric strings (`"12"`, `" 12 "`, `"12.0"`) | `null`, `""` (blank) |
//! | [`opt_u64`] / [`u64()`] | as above, but not negative | `null`, `""` |
//! | [`opt_f64`] / [`f64()`] | any JSON number, numeric strings (`"1.5"`) | `null`, `""` |
//! | [`opt_bool`] / [`bool()`] | `true`/`false`, `0`/`1` (also `0.0`/`1.0`), strings `"true"`/`"false"` (any case), `"1"`/`"0"` | `null`, `""` |
//! | [`opt_string`] / [`string()`] | strings (kept as sent, `""` included), numbers (formatted: `12`, `1.5`; a float with a zero fraction is written without it), booleans (`"true"`) | `null` |
//!
//! Rejected, always with a serde error naming the offending value and never a
//! panic: a fractional number where an integer is expected (`1.5`, `"1.5"`),
//! an integer out of range, a non-numeric string (`"abc"`), non-finite numbers
//! (`"NaN"`, `"inf"`), an integer other than 0/1 for a boolean, and arrays or
//! objects for any of them.
//!
//! The `opt_*` functions are for `Option<_>` fields; combine them with
//! `#[serde(default)]` so a *missing* field is `None` too. The non-`Option`
//! functions ([`i64()`], [`u64()`], [`f64()`], [`bool()`], [`string()`]) reject `null`
//! (and, except [`string()`], blank strings) with an error — there is no silent
//! `0`/`false`; a missing
//! field is serde's usual "missing field" error unless the field has
//! `#[serde(default)]`.
//!
//! The helpers drive the deserializer with `deserialize_any`, so they need a
//! self-describing format (JSON is).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// 2^63 as `f64`: the first float that no longer fits an `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
/// 2^64 as `f64`: the first float that no longer fits a `u64`.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// A field type the lenient helpers can decode: `i64`, `i32`, `u64`, `u32`,
/// `f64`, `bool` and `String`. Sealed: the accepted spellings are the SDK's
/// contract (see [the table](self)), so other crates cannot add types.
pub trait LenientValue: sealed::Kind {}

impl<T: sealed::Kind> LenientValue for T {}

mod sealed {
    use serde::de;

    /// A target type and how each JSON form converts to it.
    pub trait Kind: Sized {
        /// What the value should look like, for error messages.
        const EXPECTING: &'static str;

        fn from_i64<E: de::Error>(v: i64) -> Result<Self, E>;
        fn from_u64<E: de::Error>(v: u64) -> Result<Self, E>;
        fn from_f64<E: de::Error>(v: f64) -> Result<Self, E>;
        fn from_bool<E: de::Error>(v: bool) -> Result<Self, E>;
        /// `Ok(None)` when the string is blank and means "no value".
        fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E>;
        fn from_string<E: de::Error>(v: String) -> Result<Option<Self>, E> {
            Self::from_str(&v)
        }
    }
}

use sealed::Kind;

/// The integer a float stands for, if it is whole and fits an `i64`.
fn whole_i64(v: f64) -> Option<i64> {
    (v.is_finite() && v.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&v))
        .then_some(v as i64)
}

/// The integer a float stands for, if it is whole and fits a `u64`.
fn whole_u64(v: f64) -> Option<u64> {
    (v.is_finite() && v.fract() == 0.0 && (0.0..TWO_POW_64).contains(&v)).then_some(v as u64)
}

/// Parses a finite float from a (trimmed) string.
fn parse_finite(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Kind for i64 {
    const EXPECTING: &'static str = "an integer (a whole number or a numeric string)";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v)
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &Self::EXPECTING))
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        whole_i64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &Self::EXPECTING))
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        let s = v.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if let Ok(n) = s.parse::<i64>() {
            return Ok(Some(n));
        }
        parse_finite(s)
            .and_then(whole_i64)
            .map(Some)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &Self::EXPECTING))
    }
}

impl Kind for u64 {
    const EXPECTING: &'static str = "a non-negative integer (a whole number or a numeric string)";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &Self::EXPECTING))
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v)
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        whole_u64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &Self::EXPECTING))
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        let s = v.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if let Ok(n) = s.parse::<u64>() {
            return Ok(Some(n));
        }
        parse_finite(s)
            .and_then(whole_u64)
            .map(Some)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &Self::EXPECTING))
    }
}

impl Kind for f64 {
    const EXPECTING: &'static str = "a number (or a numeric string)";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v as f64)
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v as f64)
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        if v.is_finite() {
            Ok(v)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &Self::EXPECTING))
        }
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        let s = v.trim();
        if s.is_empty() {
            return Ok(None);
        }
        parse_finite(s)
            .map(Some)
            .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &Self::EXPECTING))
    }
}

impl Kind for bool {
    const EXPECTING: &'static str =
        "a boolean (true/false, 0/1, or \"true\"/\"false\"/\"1\"/\"0\")";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &Self::EXPECTING)),
        }
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &Self::EXPECTING)),
        }
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        if v == 0.0 {
            Ok(false)
        } else if v == 1.0 {
            Ok(true)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &Self::EXPECTING))
        }
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Ok(v)
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        let s = v.trim();
        if s.is_empty() {
            Ok(None)
        } else if s.eq_ignore_ascii_case("true") || s == "1" {
            Ok(Some(true))
        } else if s.eq_ignore_ascii_case("false") || s == "0" {
            Ok(Some(false))
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &Self::EXPECTING))
        }
    }
}

impl Kind for String {
    const EXPECTING: &'static str = "a string (or a number or boolean)";

    fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
        // `Display` gives the shortest form that reads back the same: 1.5 → "1.5", 12.0 → "12".
        Ok(v.to_string())
    }
    fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
        Ok(v.to_string())
    }
    fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        Ok(Some(v.to_owned()))
    }
    fn from_string<E: de::Error>(v: String) -> Result<Option<Self>, E> {
        Ok(Some(v))
    }
}

/// A narrower integer, decoded as its wider kind and then range-checked.
macro_rules! narrow_kind {
    ($narrow:ty, $wide:ty, $expecting:literal) => {
        impl Kind for $narrow {
            const EXPECTING: &'static str = $expecting;

            fn from_i64<E: de::Error>(v: i64) -> Result<Self, E> {
                <$wide as Kind>::from_i64(v).and_then(Self::narrow)
            }
            fn from_u64<E: de::Error>(v: u64) -> Result<Self, E> {
                <$wide as Kind>::from_u64(v).and_then(Self::narrow)
            }
            fn from_f64<E: de::Error>(v: f64) -> Result<Self, E> {
                <$wide as Kind>::from_f64(v).and_then(Self::narrow)
            }
            fn from_bool<E: de::Error>(v: bool) -> Result<Self, E> {
                Err(E::invalid_type(Unexpected::Bool(v), &Self::EXPECTING))
            }
            fn from_str<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
                <$wide as Kind>::from_str(v)?.map(Self::narrow).transpose()
            }
        }
    };
}

/// Range checks of the narrower integers.
trait Narrow: Sized {
    fn narrow<E: de::Error>(wide: impl Into<i128> + Copy) -> Result<Self, E>;
}

impl Narrow for i32 {
    fn narrow<E: de::Error>(wide: impl Into<i128> + Copy) -> Result<Self, E> {
        let v: i128 = wide.into();
        i32::try_from(v).map_err(|_| out_of_range(v, <i32 as Kind>::EXPECTING))
    }
}

impl Narrow for u32 {
    fn narrow<E: de::Error>(wide: impl Into<i128> + Copy) -> Result<Self, E> {
        let v: i128 = wide.into();
        u32::try_from(v).map_err(|_| out_of_range(v, <u32 as Kind>::EXPECTING))
    }
}

/// The error for an integer outside the field's range, naming the value.
fn out_of_range<E: de::Error>(v: i128, expecting: &'static str) -> E {
    match i64::try_from(v) {
        Ok(v) => E::invalid_value(Unexpected::Signed(v), &expecting),
        Err(_) => E::invalid_value(Unexpected::Other("an integer out of range"), &expecting),
    }
}

narrow_kind!(
    i32,
    i64,
    "a 32-bit integer (a whole number or a numeric string)"
);
narrow_kind!(
    u32,
    u64,
    "a non-negative 32-bit integer (a whole number or a numeric string)"
);

/// The visitor behind every helper: `Ok(None)` only when `required` is false.
struct Lenient<K> {
    required: bool,
    kind: PhantomData<K>,
}

impl<K> Lenient<K> {
    fn new(required: bool) -> Self {
        Lenient {
            required,
            kind: PhantomData,
        }
    }
}

impl<K: Kind> Lenient<K> {
    fn none<E: de::Error>(&self, unexpected: Unexpected<'_>) -> Result<Option<K>, E> {
        if self.required {
            Err(E::invalid_type(unexpected, &K::EXPECTING))
        } else {
            Ok(None)
        }
    }

    fn blank<E: de::Error>(&self, value: Option<K>, original: &str) -> Result<Option<K>, E> {
        match value {
            None if self.required => {
                Err(E::invalid_value(Unexpected::Str(original), &K::EXPECTING))
            }
            other => Ok(other),
        }
    }
}

impl<'de, K: Kind> Visitor<'de> for Lenient<K> {
    type Value = Option<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(K::EXPECTING)?;
        if !self.required {
            f.write_str(", or null")?;
        }
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        K::from_bool(v).map(Some)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        K::from_i64(v).map(Some)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        K::from_u64(v).map(Some)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        if let Ok(v) = i64::try_from(v) {
            K::from_i64(v).map(Some)
        } else if let Ok(v) = u64::try_from(v) {
            K::from_u64(v).map(Some)
        } else {
            Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            ))
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        match u64::try_from(v) {
            Ok(v) => K::from_u64(v).map(Some),
            Err(_) => Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            )),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        K::from_f64(v).map(Some)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let value = K::from_str(v)?;
        self.blank(value, v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            let value = K::from_str(&v)?;
            return self.blank(value, &v);
        }
        K::from_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.none(Unexpected::Option)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.none(Unexpected::Unit)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Any optional field: `Option<i64>`, `Option<i32>`, `Option<u64>`, `Option<u32>`,
/// `Option<f64>`, `Option<bool>` or `Option<String>`, the type taken from the
/// field. Each accepts the forms of [the table](self); `null` (and, except for
/// strings, a blank string) is `None`. Pair it with `#[serde(default)]` so a
/// missing field is `None` too.
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Debug, Deserialize)]
/// struct Site {
///     #[serde(default, deserialize_with = "neo_auth_core::lenient::opt")]
///     id: Option<i64>,
///     #[serde(default, deserialize_with = "neo_auth_core::lenient::opt")]
///     inactive: Option<bool>,
///     #[serde(default, deserialize_with = "neo_auth_core::lenient::opt")]
///     name: Option<String>,
///     #[serde(default, deserialize_with = "neo_auth_core::lenient::opt")]
///     hours: Option<f64>,
/// }
///
/// let site: Site = serde_json::from_str(r#"{"id": "7", "inactive": 0, "name": 42}"#).unwrap();
/// assert_eq!(site.id, Some(7));
/// assert_eq!(site.inactive, Some(false));
/// assert_eq!(site.name.as_deref(), Some("42"));
/// assert_eq!(site.hours, None);
/// assert!(serde_json::from_str::<Site>(r#"{"id": 7.5}"#).is_err());
/// ```
pub fn opt<'de, T: LenientValue, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_any(Lenient::<T>::new(false))
}

/// Any required field of a type [`opt`] accepts, in the same forms; `null`
/// (and, except for strings, a blank string) is an error, never a silent
/// `0`/`false`.
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Debug, Deserialize)]
/// struct Count {
///     #[serde(deserialize_with = "neo_auth_core::lenient::req")]
///     record_count: u32,
/// }
///
/// let count: Count = serde_json::from_str(r#"{"record_count": "12"}"#).unwrap();
/// assert_eq!(count.record_count, 12);
/// assert!(serde_json::from_str::<Count>(r#"{"record_count": null}"#).is_err());
/// ```
pub fn req<'de, T: LenientValue, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer
        .deserialize_any(Lenient::<T>::new(true))?
        .ok_or_else(|| de::Error::invalid_type(Unexpected::Unit, &T::EXPECTING))
}

fn optional<'de, K: Kind, D: Deserializer<'de>>(deserializer: D) -> Result<Option<K>, D::Error> {
    opt(deserializer)
}

fn required<'de, K: Kind, D: Deserializer<'de>>(deserializer: D) -> Result<K, D::Error> {
    req(deserializer)
}

/// An optional integer: `12`, `12.0`, `"12"` → `Some(12)`; `null`, `""` → `None`.
/// `1.5`, `"1.5"`, `"abc"`, `true` are errors.
pub fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    optional(deserializer)
}

/// A required integer, accepting the same forms as [`opt_i64`]; `null` and `""` are errors.
pub fn i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    required(deserializer)
}

/// An optional non-negative integer (counts, totals): like [`opt_i64`], negatives are errors.
pub fn opt_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    optional(deserializer)
}

/// A required non-negative integer, accepting the same forms as [`opt_u64`]; `null` and `""` are errors.
pub fn u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    required(deserializer)
}

/// An optional number: any JSON number or a numeric string (`"1.5"`); `null`, `""` → `None`.
pub fn opt_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    optional(deserializer)
}

/// A required number, accepting the same forms as [`opt_f64`]; `null` and `""` are errors.
pub fn f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    required(deserializer)
}

/// An optional boolean: `true`/`false`, `0`/`1`, `"true"`/`"false"` (any case), `"1"`/`"0"`;
/// `null`, `""` → `None`. Other numbers and strings are errors.
pub fn opt_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    optional(deserializer)
}

/// A required boolean, accepting the same forms as [`opt_bool`]; `null` and `""` are errors.
pub fn bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    required(deserializer)
}

/// An optional string: strings as sent (`""` stays `Some("")`), numbers formatted
/// (`12` → `"12"`, `1.5` → `"1.5"`), booleans (`"true"`); `null` → `None`.
/// Arrays and objects are errors.
pub fn opt_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    optional(deserializer)
}

/// A required string, accepting the same forms as [`opt_string`] (`""` included); `null` is an error.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    required(deserializer)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    type Helper<T> = fn(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'static>>,
    ) -> Result<T, serde_json::Error>;

    fn run<T>(helper: Helper<T>, json: &'static str) -> Result<T, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let value = helper(&mut de)?;
        de.end()?;
        Ok(value)
    }

    fn err<T: std::fmt::Debug>(helper: Helper<T>, json: &'static str) -> String {
        run(helper, json).expect_err(json).to_string()
    }

    #[test]
    fn opt_i64_accepted_forms() {
        let f: Helper<Option<i64>> = |d| super::opt_i64(d);
        assert_eq!(run(f, "12").unwrap(), Some(12));
        assert_eq!(run(f, "-7").unwrap(), Some(-7));
        assert_eq!(run(f, "12.0").unwrap(), Some(12));
        assert_eq!(run(f, "-0.0").unwrap(), Some(0));
        assert_eq!(run(f, "1e3").unwrap(), Some(1000));
        assert_eq!(run(f, r#""12""#).unwrap(), Some(12));
        assert_eq!(run(f, r#"" 12 ""#).unwrap(), Some(12));
        assert_eq!(run(f, r#""12.0""#).unwrap(), Some(12));
        assert_eq!(run(f, r#""-3""#).unwrap(), Some(-3));
        assert_eq!(run(f, "null").unwrap(), None);
        assert_eq!(run(f, r#""""#).unwrap(), None);
        assert_eq!(run(f, r#""  ""#).unwrap(), None);
        assert_eq!(run(f, "9223372036854775807").unwrap(), Some(i64::MAX));
        assert_eq!(run(f, "-9223372036854775808").unwrap(), Some(i64::MIN));
    }

    #[test]
    fn opt_i64_rejected_forms() {
        let f: Helper<Option<i64>> = |d| super::opt_i64(d);
        assert!(err(f, "1.5").contains("1.5"), "{}", err(f, "1.5"));
        assert!(err(f, "-0.25").contains("-0.25"));
        assert!(err(f, r#""1.5""#).contains("\"1.5\""));
        assert!(err(f, r#""abc""#).contains("\"abc\""));
        assert!(err(f, r#""NaN""#).contains("NaN"));
        assert!(err(f, r#""inf""#).contains("inf"));
        assert!(err(f, "true").contains("boolean"));
        assert!(err(f, "[1]").contains("sequence"));
        assert!(err(f, r#"{"a":1}"#).contains("map"));
        assert!(err(f, "9223372036854775808").contains("9223372036854775808"));
        assert!(err(f, "1e300").contains("integer"));
        assert!(err(f, r#""99999999999999999999""#).contains("99999999999999999999"));
    }

    #[test]
    fn i64_required() {
        let f: Helper<i64> = |d| super::i64(d);
        assert_eq!(run(f, "12").unwrap(), 12);
        assert_eq!(run(f, "12.0").unwrap(), 12);
        assert_eq!(run(f, r#""12""#).unwrap(), 12);
        assert!(err(f, "null").contains("null"));
        assert!(err(f, r#""""#).contains("\"\""));
        assert!(err(f, "1.5").contains("1.5"));
        assert!(err(f, r#""x""#).contains("\"x\""));
    }

    #[test]
    fn u64_forms() {
        let f: Helper<Option<u64>> = |d| super::opt_u64(d);
        assert_eq!(run(f, "717").unwrap(), Some(717));
        assert_eq!(run(f, "717.0").unwrap(), Some(717));
        assert_eq!(run(f, r#""717""#).unwrap(), Some(717));
        assert_eq!(run(f, "18446744073709551615").unwrap(), Some(u64::MAX));
        assert_eq!(run(f, "null").unwrap(), None);
        assert_eq!(run(f, r#""""#).unwrap(), None);
        assert!(err(f, "-1").contains("-1"));
        assert!(err(f, "-1.0").contains("-1"));
        assert!(err(f, r#""-1""#).contains("\"-1\""));
        assert!(err(f, "2.5").contains("2.5"));
        assert!(err(f, "false").contains("boolean"));
        let g: Helper<u64> = |d| super::u64(d);
        assert_eq!(run(g, "3").unwrap(), 3);
        assert!(err(g, "null").contains("null"));
    }

    #[test]
    fn f64_forms() {
        let f: Helper<Option<f64>> = |d| super::opt_f64(d);
        assert_eq!(run(f, "1.5").unwrap(), Some(1.5));
        assert_eq!(run(f, "2").unwrap(), Some(2.0));
        assert_eq!(run(f, "-2").unwrap(), Some(-2.0));
        assert_eq!(run(f, r#""0.25""#).unwrap(), Some(0.25));
        assert_eq!(run(f, r#"" 3 ""#).unwrap(), Some(3.0));
        assert_eq!(run(f, "null").unwrap(), None);
        assert_eq!(run(f, r#""""#).unwrap(), None);
        assert!(err(f, r#""abc""#).contains("\"abc\""));
        assert!(err(f, r#""NaN""#).contains("NaN"));
        assert!(err(f, r#""-infinity""#).contains("infinity"));
        assert!(err(f, "true").contains("boolean"));
        assert!(err(f, "[]").contains("sequence"));
        let g: Helper<f64> = |d| super::f64(d);
        assert_eq!(run(g, "0.5").unwrap(), 0.5);
        assert!(err(g, "null").contains("null"));
        assert!(err(g, r#""""#).contains("\"\""));
    }

    #[test]
    fn bool_forms() {
        let f: Helper<Option<bool>> = |d| super::opt_bool(d);
        for (json, expected) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            ("1.0", true),
            ("0.0", false),
            (r#""true""#, true),
            (r#""True""#, true),
            (r#""TRUE""#, true),
            (r#""false""#, false),
            (r#""False""#, false),
            (r#""1""#, true),
            (r#""0""#, false),
            (r#"" true ""#, true),
        ] {
            assert_eq!(run(f, json).unwrap(), Some(expected), "{json}");
        }
        assert_eq!(run(f, "null").unwrap(), None);
        assert_eq!(run(f, r#""""#).unwrap(), None);
        assert!(err(f, "2").contains('2'));
        assert!(err(f, "-1").contains("-1"));
        assert!(err(f, "0.5").contains("0.5"));
        assert!(err(f, r#""yes""#).contains("\"yes\""));
        assert!(err(f, r#""2""#).contains("\"2\""));
        assert!(err(f, "{}").contains("map"));
        let g: Helper<bool> = |d| super::bool(d);
        assert!(run(g, r#""True""#).unwrap());
        assert!(err(g, "null").contains("null"));
    }

    #[test]
    fn string_forms() {
        let f: Helper<Option<String>> = |d| super::opt_string(d);
        assert_eq!(run(f, r#""hello""#).unwrap().as_deref(), Some("hello"));
        assert_eq!(run(f, r#""""#).unwrap().as_deref(), Some(""));
        assert_eq!(run(f, r#"" x ""#).unwrap().as_deref(), Some(" x "));
        assert_eq!(run(f, r#""caf\u00e9""#).unwrap().as_deref(), Some("café"));
        assert_eq!(run(f, "12").unwrap().as_deref(), Some("12"));
        assert_eq!(run(f, "-12").unwrap().as_deref(), Some("-12"));
        assert_eq!(run(f, "1.5").unwrap().as_deref(), Some("1.5"));
        assert_eq!(run(f, "12.0").unwrap().as_deref(), Some("12"));
        assert_eq!(run(f, "true").unwrap().as_deref(), Some("true"));
        assert_eq!(run(f, "null").unwrap(), None);
        assert!(err(f, "[]").contains("sequence"));
        assert!(err(f, "{}").contains("map"));
        let g: Helper<String> = |d| super::string(d);
        assert_eq!(run(g, "7").unwrap(), "7");
        assert_eq!(run(g, r#""""#).unwrap(), "");
        assert!(err(g, "null").contains("null"));
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Record {
        #[serde(deserialize_with = "super::opt_i64")]
        id: Option<i64>,
        #[serde(deserialize_with = "super::opt_f64")]
        hours: Option<f64>,
        #[serde(deserialize_with = "super::opt_bool")]
        flag: Option<bool>,
        #[serde(deserialize_with = "super::opt_string")]
        name: Option<String>,
    }

    #[test]
    fn as_field_attributes() {
        let r: Record =
            serde_json::from_str(r#"{"id": "12", "hours": "0.25", "flag": 1, "name": 42}"#)
                .unwrap();
        assert_eq!(
            r,
            Record {
                id: Some(12),
                hours: Some(0.25),
                flag: Some(true),
                name: Some("42".into())
            }
        );
        // Missing fields fall back to `default`, nulls are `None`.
        let r: Record = serde_json::from_str(r#"{"id": null}"#).unwrap();
        assert_eq!(r, Record::default());
        // Errors name the field and the value.
        let error = serde_json::from_str::<Record>(r#"{"id": 1.5}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("1.5"), "{error}");
        // Through serde_json::Value too (numbers keep their kind).
        let r: Record =
            serde_json::from_value(serde_json::json!({"id": 7.0, "flag": "false"})).unwrap();
        assert_eq!((r.id, r.flag), (Some(7), Some(false)));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "1e400",
            "-1e400",
            "1e-400",
            "\"\u{0}\"",
            "\"1e999\"",
            "\"-\"",
            "\"+\"",
            "\".\"",
            "\"0x10\"",
            "[[]]",
            "\"18446744073709551616\"",
            "18446744073709551616",
            "-9223372036854775809",
        ];
        for input in inputs {
            let _ = run(|d| super::opt_i64(d), input);
            let _ = run(|d| super::opt_u64(d), input);
            let _ = run(|d| super::opt_f64(d), input);
            let _ = run(|d| super::opt_bool(d), input);
            let _ = run(|d| super::opt_string(d), input);
            let _ = run(|d| super::i64(d), input);
        }
    }
}
