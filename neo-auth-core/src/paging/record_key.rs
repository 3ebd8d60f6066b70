//! Record keys (for "never the same record twice"), found while a record is
//! decoded: a [`Deserializer`] wrapper that hands every call through to the
//! real deserializer and, on the way, notes the value of the record's top-level
//! `id` (else `Id`) field. So the page is read once: no raw slice per record,
//! no second scan of it to find its id.
//!
//! A key is the hash of the id's *typed* value (the number `17`, the string
//! `"a-1"` unescaped), so the key found during decoding and the key read from a
//! record's raw JSON ([`key_of_raw_id`], the fallback) are the same key.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::paging::hash::Fingerprinter;

/// The key of an integer id.
fn key_of_u64(n: u64) -> u64 {
    let mut hasher = Fingerprinter::default();
    hasher.write(b"#n");
    hasher.write(&n.to_le_bytes());
    hasher.finish()
}

fn key_of_i64(n: i64) -> u64 {
    match u64::try_from(n) {
        Ok(n) => key_of_u64(n),
        Err(_) => {
            let mut hasher = Fingerprinter::default();
            hasher.write(b"#i");
            hasher.write(&n.to_le_bytes());
            hasher.finish()
        }
    }
}

fn key_of_f64(x: f64) -> u64 {
    // An integral float (`17.0`) is the integer's key.
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return key_of_i64(x as i64);
    }
    let mut hasher = Fingerprinter::default();
    hasher.write(b"#f");
    hasher.write(&x.to_bits().to_le_bytes());
    hasher.finish()
}

fn key_of_str(s: &str) -> u64 {
    let mut hasher = Fingerprinter::default();
    hasher.write(b"#s");
    hasher.write(s.as_bytes());
    hasher.finish()
}

fn key_of_bool(b: bool) -> u64 {
    key_of_str(if b { "\0true" } else { "\0false" })
}

/// The key of a raw JSON id value (`17`, `"a-1"`); `None` for `null`, an
/// object or an array (the record is then keyed by its bytes).
pub(crate) fn key_of_raw_id(raw: &str) -> Option<u64> {
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    let mut key = None;
    de::Deserializer::deserialize_any(
        &mut deserializer,
        IdVisitor {
            inner: de::IgnoredAny,
            key: &mut key,
        },
    )
    .ok()?;
    key
}

/// Which id field a key names: `id` wins over `Id`.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Field {
    #[default]
    Other,
    Lower,
    Upper,
}

impl Field {
    fn of(key: &str) -> Field {
        match key {
            "id" => Field::Lower,
            "Id" => Field::Upper,
            _ => Field::Other,
        }
    }
}

/// The ids a record's top level held (`id`, `Id`).
#[derive(Default)]
pub(crate) struct Found {
    lower: Option<u64>,
    upper: Option<u64>,
}

impl Found {
    /// The record's key: its `id`, else its `Id`.
    pub(crate) fn key(&self) -> Option<u64> {
        self.lower.or(self.upper)
    }
}

/// Decodes one record as `T`, noting its id in `found`.
pub(crate) struct KeyedSeed<'k, T> {
    pub(crate) found: &'k mut Found,
    pub(crate) _record: PhantomData<fn() -> T>,
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for KeyedSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(RecordDe {
            inner: deserializer,
            found: self.found,
        })
    }
}

/// Forwards a `Deserializer` method to `self.inner` with the visitor wrapped.
macro_rules! forward_wrapped {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self $(, $arg: $ty)*, visitor: V) -> Result<V::Value, Self::Error> {
                let (inner, visitor) = self.wrap(visitor);
                inner.$method($($arg,)* visitor)
            }
        )*
    };
}

/// Forwards a `Deserializer` method to `self.inner` untouched.
macro_rules! forward_plain {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self $(, $arg: $ty)*, visitor: V) -> Result<V::Value, Self::Error> {
                self.inner.$method($($arg,)* visitor)
            }
        )*
    };
}

/// Forwards the scalar `Visitor` methods to `self.inner`, after `$note`.
macro_rules! forward_visits {
    ($note:ident; $($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                let inner = self.$note(&v);
                inner.$method(v)
            }
        )*
    };
}

/// The rest of a `Visitor`: compound values forwarded as they are.
macro_rules! forward_compound_visits {
    () => {
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_none()
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_unit()
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.inner.visit_seq(seq)
        }

        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.inner.visit_enum(data)
        }
    };
}

/// A record's deserializer: a map (or struct) gets its keys watched.
struct RecordDe<'k, D> {
    inner: D,
    found: &'k mut Found,
}

impl<'k, D> RecordDe<'k, D> {
    fn wrap<V>(self, visitor: V) -> (D, RecordVisitor<'k, V>) {
        (
            self.inner,
            RecordVisitor {
                inner: visitor,
                found: self.found,
            },
        )
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for RecordDe<'_, D> {
    type Error = D::Error;

    forward_wrapped! {
        deserialize_any();
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
    }

    forward_plain! {
        deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16();
        deserialize_u32(); deserialize_u64(); deserialize_u128(); deserialize_f32();
        deserialize_f64(); deserialize_char(); deserialize_str(); deserialize_string();
        deserialize_bytes(); deserialize_byte_buf(); deserialize_option(); deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct RecordVisitor<'k, V> {
    inner: V,
    found: &'k mut Found,
}

impl<V> RecordVisitor<'_, V> {
    fn pass<T: ?Sized>(self, _: &T) -> V {
        self.inner
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for RecordVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(WatchedMap {
            inner: map,
            found: self.found,
            field: Field::Other,
        })
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(d)
    }

    forward_visits! { pass;
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    forward_compound_visits!();
}

/// A record's top-level map: notes which key is `id`/`Id`, and reads that
/// key's value through [`IdDe`].
struct WatchedMap<'k, A> {
    inner: A,
    found: &'k mut Found,
    field: Field,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WatchedMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.field = Field::Other;
        self.inner.next_key_seed(KeySeed {
            inner: seed,
            field: &mut self.field,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let slot = match std::mem::take(&mut self.field) {
            Field::Lower => &mut self.found.lower,
            Field::Upper => &mut self.found.upper,
            Field::Other => return self.inner.next_value_seed(seed),
        };
        self.inner.next_value_seed(IdSeed {
            inner: seed,
            key: slot,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A map key's seed: the key's text tells whether it is `id`/`Id`.
struct KeySeed<'f, K> {
    inner: K,
    field: &'f mut Field,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.inner.deserialize(KeyDe {
            inner: deserializer,
            field: self.field,
        })
    }
}

struct KeyDe<'f, D> {
    inner: D,
    field: &'f mut Field,
}

impl<'f, D> KeyDe<'f, D> {
    fn wrap<V>(self, visitor: V) -> (D, KeyVisitor<'f, V>) {
        (
            self.inner,
            KeyVisitor {
                inner: visitor,
                field: self.field,
            },
        )
    }
}

/// Every method of a `Deserializer`, its visitor wrapped.
macro_rules! forward_all_wrapped {
    () => {
        forward_wrapped! {
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
            deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
            deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
            deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
            deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_option(); deserialize_unit();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_seq(); deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_map();
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier();
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, D> {
    type Error = D::Error;

    forward_all_wrapped!();

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct KeyVisitor<'f, V> {
    inner: V,
    field: &'f mut Field,
}

impl<V> KeyVisitor<'_, V> {
    fn pass<T: ?Sized>(self, _: &T) -> V {
        self.inner
    }

    fn name<T: AsRef<str> + ?Sized>(self, key: &T) -> V {
        *self.field = Field::of(key.as_ref());
        self.inner
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(d)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(map)
    }

    forward_visits! { name;
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
    }

    forward_visits! { pass;
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    forward_compound_visits!();
}

/// The id value's seed: whatever `T` makes of the value, its key is noted.
struct IdSeed<'k, S> {
    inner: S,
    key: &'k mut Option<u64>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for IdSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(IdDe {
            inner: deserializer,
            key: self.key,
        })
    }
}

struct IdDe<'k, D> {
    inner: D,
    key: &'k mut Option<u64>,
}

impl<'k, D> IdDe<'k, D> {
    fn wrap<V>(self, visitor: V) -> (D, IdVisitor<'k, V>) {
        (
            self.inner,
            IdVisitor {
                inner: visitor,
                key: self.key,
            },
        )
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for IdDe<'_, D> {
    type Error = D::Error;

    forward_all_wrapped!();

    /// A record type without the id field still has its id noted: the value is
    /// read as what it is, and ignored.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, visitor) = self.wrap(visitor);
        inner.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct IdVisitor<'k, V> {
    inner: V,
    key: &'k mut Option<u64>,
}

/// A scalar the visitor saw, as a key.
trait AsKey {
    fn key(&self) -> Option<u64>;
}

macro_rules! as_key {
    ($($ty:ty => |$v:ident| $key:expr;)*) => {
        $(impl AsKey for $ty {
            fn key(&self) -> Option<u64> {
                let $v = self;
                $key
            }
        })*
    };
}

as_key! {
    bool => |v| Some(key_of_bool(*v));
    i8 => |v| Some(key_of_i64(i64::from(*v)));
    i16 => |v| Some(key_of_i64(i64::from(*v)));
    i32 => |v| Some(key_of_i64(i64::from(*v)));
    i64 => |v| Some(key_of_i64(*v));
    u8 => |v| Some(key_of_u64(u64::from(*v)));
    u16 => |v| Some(key_of_u64(u64::from(*v)));
    u32 => |v| Some(key_of_u64(u64::from(*v)));
    u64 => |v| Some(key_of_u64(*v));
    i128 => |v| Some(i64::try_from(*v).map_or_else(|_| key_of_str(&v.to_string()), key_of_i64));
    u128 => |v| Some(u64::try_from(*v).map_or_else(|_| key_of_str(&v.to_string()), key_of_u64));
    f32 => |v| Some(key_of_f64(f64::from(*v)));
    f64 => |v| Some(key_of_f64(*v));
    char => |v| Some(key_of_str(v.encode_utf8(&mut [0; 4])));
    &str => |v| Some(key_of_str(v));
    String => |v| Some(key_of_str(v));
    &[u8] => |_v| None;
    Vec<u8> => |_v| None;
}

impl<V> IdVisitor<'_, V> {
    fn note<T: AsKey + ?Sized>(self, value: &T) -> V {
        *self.key = value.key();
        self.inner
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for IdVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(IdDe {
            inner: d,
            key: self.key,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(IdDe {
            inner: d,
            key: self.key,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(map)
    }

    forward_visits! { note;
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    forward_compound_visits!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Decodes `json` as `T` through [`KeyedSeed`]: the record and its key.
    fn keyed<T: de::DeserializeOwned>(json: &str) -> (T, Option<u64>) {
        let mut found = Found::default();
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let record = KeyedSeed::<T> {
            found: &mut found,
            _record: PhantomData,
        }
        .deserialize(&mut deserializer)
        .unwrap();
        (record, found.key())
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Ticket {
        id: i64,
        summary: String,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct NoId {
        summary: String,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Flattened {
        #[serde(rename = "Id")]
        id: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn the_key_noted_while_decoding_is_the_key_of_the_raw_id() {
        let (ticket, key) = keyed::<Ticket>(r#"{"summary":"a","id":17}"#);
        assert_eq!(
            ticket,
            Ticket {
                id: 17,
                summary: "a".into()
            }
        );
        assert_eq!(key, key_of_raw_id("17"));
        // A record type without the id field still has its id noted.
        let (_, key) = keyed::<NoId>(r#"{"id":17,"summary":"a"}"#);
        assert_eq!(key, key_of_raw_id("17"));
        let (record, key) = keyed::<Flattened>(r#"{"x":1,"Id":"g\"1"}"#);
        assert_eq!(record.id.as_deref(), Some("g\"1"));
        assert_eq!(key, key_of_raw_id(r#""g\"1""#));
        let (_, key) = keyed::<serde_json::Value>(r#"{"id":-3,"Id":"x"}"#);
        assert_eq!(key, key_of_raw_id("-3"), "`id` wins over `Id`");
        let (_, key) = keyed::<serde_json::Value>(r#"{"id":null,"Id":"x"}"#);
        assert_eq!(
            key,
            key_of_raw_id(r#""x""#),
            "a null `id` gives way to `Id`"
        );
        let (_, key) = keyed::<serde_json::Value>(r#"{"nested":{"id":1}}"#);
        assert_eq!(key, None, "only top-level ids count");
        let (_, key) = keyed::<serde_json::Value>(r#"{"id":{"a":1}}"#);
        assert_eq!(key, None, "an object id keys the record by its bytes");
    }

    #[test]
    fn ids_of_different_kinds_key_apart_and_integral_floats_key_as_integers() {
        let keys: Vec<Option<u64>> = ["17", "\"17\"", "-17", "17.5", "true", "null", "[1]"]
            .iter()
            .map(|raw| key_of_raw_id(raw))
            .collect();
        let distinct: std::collections::HashSet<u64> = keys.iter().flatten().copied().collect();
        assert_eq!(distinct.len(), 5);
        assert_eq!(keys[5], None);
        assert_eq!(keys[6], None);
        assert_eq!(key_of_raw_id("17.0"), key_of_raw_id("17"));
        assert_eq!(key_of_raw_id("1.5e3"), key_of_raw_id("1500"));
    }
}
