//! The records of a top-level list reply whose key may be missing or spelled
//! in another case ([`Envelope::or_first_array`]): [`TopLevel`] reads a bare
//! array whole, and an object's records from the named key in any case, else
//! from the first array-valued field that is neither metadata nor the total;
//! the total is read leniently and every other field is kept.
//!
//! The records are decoded where they stand, except when a named key turns out
//! to be absent: the first candidate array was then kept aside and is decoded
//! at the end. [`walk_top_level`] is the same walk with the records kept as raw
//! slices.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::endpoint::Envelope;
use crate::error::Result;
use crate::error::decode::decode_json_seed;
use crate::paging::envelope::RawPage;

/// Where a top-level list reply keeps its records and its total, given at run
/// time (see [`TopLevel`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TopLevelKeys<'a> {
    /// The documented records key, matched in any case (`None`: undocumented).
    pub records: Option<&'a str>,
    /// The key of the total record count, matched exactly.
    pub total: Option<&'a str>,
    /// Keys that never hold the records, even when they hold an array.
    pub not_records: &'a [&'a str],
}

impl<'a> TopLevelKeys<'a> {
    /// Records under `records` (`None`: the first array that is not one of
    /// `not_records`), no total.
    pub const fn new(records: Option<&'a str>, not_records: &'a [&'a str]) -> Self {
        TopLevelKeys {
            records,
            total: None,
            not_records,
        }
    }

    /// The total record count at the top-level key `total`.
    #[must_use]
    pub const fn with_total(mut self, total: &'a str) -> Self {
        self.total = Some(total);
        self
    }

    /// Whether `name` may hold the records when the named key is absent.
    fn is_candidate(&self, name: &str) -> bool {
        !self.not_records.contains(&name)
            && self
                .total
                .is_none_or(|total| !name.eq_ignore_ascii_case(total))
    }
}

/// A top-level field kept undecoded by [`TopLevel`]: a [`serde_json::Value`]
/// (from any deserializer; the records are decoded where they stand, so a bad
/// one is reported at its path) or a raw `&RawValue` slice of the body (the
/// records are first read as one raw slice, then decoded).
pub trait TopLevelField<'de>:
    Deserialize<'de> + Deserializer<'de, Error = serde_json::Error> + sealed::Sealed<'de>
{
}

impl<'de> TopLevelField<'de> for serde_json::Value {}

impl<'de> TopLevelField<'de> for &'de RawValue {}

mod sealed {
    use serde::de::{Deserialize, MapAccess};

    /// What a key that may hold the records held.
    pub enum Read<T, F> {
        /// An array, decoded.
        Records(Vec<T>),
        /// Anything else, kept.
        Field(F),
    }

    pub trait Sealed<'de>: Sized {
        /// Whether the field holds a JSON array.
        fn is_array(&self) -> bool;
        /// Reads the value of a key that may hold the records.
        fn read<T: Deserialize<'de>, A: MapAccess<'de>>(
            map: &mut A,
        ) -> Result<Read<T, Self>, A::Error>;
    }
}

use sealed::Read;

impl<'de> sealed::Sealed<'de> for serde_json::Value {
    fn is_array(&self) -> bool {
        serde_json::Value::is_array(self)
    }

    fn read<T: Deserialize<'de>, A: MapAccess<'de>>(
        map: &mut A,
    ) -> std::result::Result<Read<T, Self>, A::Error> {
        map.next_value_seed(RecordsOrValue::<T>(PhantomData))
    }
}

impl<'de> sealed::Sealed<'de> for &'de RawValue {
    fn is_array(&self) -> bool {
        self.get().trim_start().starts_with('[')
    }

    fn read<T: Deserialize<'de>, A: MapAccess<'de>>(
        map: &mut A,
    ) -> std::result::Result<Read<T, Self>, A::Error> {
        let raw = map.next_value::<&'de RawValue>()?;
        if !sealed::Sealed::is_array(&raw) {
            return Ok(Read::Field(raw));
        }
        Vec::<T>::deserialize(raw)
            .map(Read::Records)
            .map_err(de::Error::custom)
    }
}

/// One top-level list reply, decoded: a bare array `[...]`, or an object
/// holding its records under a key given at run time ([`TopLevelKeys`]).
///
/// - The records come from the named key, matched in any case, whatever
///   arrays precede it; a named key that holds no array (`null`, an object)
///   holds no records, and no other field is tried.
/// - Without the named key (or without a name), from the first array-valued
///   field that is neither in [`not_records`](TopLevelKeys::not_records) nor
///   the total.
/// - The total is read leniently (`717`, `717.0`, `"717"`, `null`).
/// - Every other field, the arrays not taken included, is kept in
///   [`other`](Self::other), in body order, as `F` (a [`serde_json::Value`] or
///   a raw `&RawValue`).
///
/// A record that fails to decode is an error at its path (`tickets[1].id`);
/// one from a fallback array names the key and index in its message
/// (`data[1]: ...`).
///
/// ```
/// use neo_auth_core::{TopLevel, TopLevelKeys};
/// use serde_json::Value;
///
/// let keys = TopLevelKeys::new(Some("tickets"), &["filters"]).with_total("record_count");
/// let body = br#"{"filters":[],"record_count":"2","Tickets":[{"id":1},{"id":2}],"page_no":1}"#;
/// let page = TopLevel::<Value, Value>::from_slice(body, keys).unwrap();
/// assert_eq!(page.records.len(), 2);
/// assert_eq!(page.key.as_deref(), Some("Tickets"));
/// assert_eq!(page.total, Some(2));
/// let other: Vec<&str> = page.other.iter().map(|(name, _)| name.as_str()).collect();
/// assert_eq!(other, ["filters", "page_no"]);
///
/// let error = TopLevel::<u32, Value>::from_slice(br#"{"tickets":[1,"x"]}"#, keys).unwrap_err();
/// assert!(matches!(error, neo_auth_core::Error::Decode { ref path, .. } if path == "tickets[1]"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TopLevel<T, F> {
    /// The records.
    pub records: Vec<T>,
    /// The key the records were under; `None` for a bare array or an object
    /// without one.
    pub key: Option<String>,
    /// The total at the total key, when sent.
    pub total: Option<u64>,
    /// The other top-level fields, in body order.
    pub other: Vec<(String, F)>,
}

impl<T, F> Default for TopLevel<T, F> {
    fn default() -> Self {
        TopLevel {
            records: Vec::new(),
            key: None,
            total: None,
            other: Vec::new(),
        }
    }
}

impl<'de, T: Deserialize<'de>, F: TopLevelField<'de>> TopLevel<T, F> {
    /// Decodes one reply. Errors are [`Error::Decode`](crate::Error::Decode) naming the JSON path of
    /// the bad value (the body is read again with path tracking only when the
    /// plain read fails).
    pub fn from_slice(body: &'de [u8], keys: TopLevelKeys<'_>) -> Result<Self> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let plain = TopLevelSeed::new(keys)
            .deserialize(&mut deserializer)
            .and_then(|page| deserializer.end().map(|()| page));
        match plain {
            Ok(page) => Ok(page),
            Err(_) => decode_json_seed(body, TopLevelSeed::new(keys)),
        }
    }
}

/// Decodes a [`TopLevel`] from any deserializer (a [`serde_json::Value`] `F`
/// for a deserializer other than `serde_json`'s own).
#[derive(Clone, Copy, Debug)]
pub struct TopLevelSeed<'k, T, F> {
    keys: TopLevelKeys<'k>,
    _out: PhantomData<fn() -> (T, F)>,
}

impl<'k, T, F> TopLevelSeed<'k, T, F> {
    /// A seed finding the records as `keys` says.
    pub const fn new(keys: TopLevelKeys<'k>) -> Self {
        TopLevelSeed {
            keys,
            _out: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: TopLevelField<'de>> DeserializeSeed<'de>
    for TopLevelSeed<'_, T, F>
{
    type Value = TopLevel<T, F>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Reads `T`s from a sequence (so the path of a bad element is kept).
fn read_records<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(
    mut seq: A,
) -> std::result::Result<Vec<T>, A::Error> {
    // Cap the pre-allocation: a size hint is not a promise.
    let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
    while let Some(record) = seq.next_element::<T>()? {
        records.push(record);
    }
    Ok(records)
}

impl<'de, T: Deserialize<'de>, F: TopLevelField<'de>> Visitor<'de> for TopLevelSeed<'_, T, F> {
    type Value = TopLevel<T, F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of records or an object holding one")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Self::Value, A::Error> {
        Ok(TopLevel {
            records: read_records(seq)?,
            ..TopLevel::default()
        })
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let keys = self.keys;
        let mut page = TopLevel::<T, F>::default();
        // The named key was seen (whatever it held).
        let mut named = false;
        // Where in `other` the first candidate array is, should the named key be absent.
        let mut fallback: Option<usize> = None;
        while let Some(name) = map.next_key::<String>()? {
            if keys.total == Some(name.as_str()) {
                page.total = map.next_value::<Total>()?.0;
                continue;
            }
            let take_here = match keys.records {
                // The named key, decoded where it stands.
                Some(records) => !named && name.eq_ignore_ascii_case(records),
                // No name: the first candidate, decoded where it stands.
                None => page.key.is_none() && keys.is_candidate(&name),
            };
            if take_here {
                named = keys.records.is_some();
                match F::read::<T, A>(&mut map)? {
                    Read::Records(records) => {
                        page.records = records;
                        page.key = Some(name);
                    }
                    Read::Field(field) => page.other.push((name, field)),
                }
                continue;
            }
            let field = map.next_value::<F>()?;
            if keys.records.is_some()
                && fallback.is_none()
                && sealed::Sealed::is_array(&field)
                && keys.is_candidate(&name)
            {
                fallback = Some(page.other.len());
            }
            page.other.push((name, field));
        }
        if !named && let Some(at) = fallback {
            let (name, field) = page.other.remove(at);
            page.records = records_of(&name, field)?;
            page.key = Some(name);
        }
        Ok(page)
    }
}

/// Decodes the records of a fallback array kept aside; an error names
/// `key[index]`.
fn records_of<'de, T: Deserialize<'de>, F: TopLevelField<'de>, E: de::Error>(
    name: &str,
    field: F,
) -> std::result::Result<Vec<T>, E> {
    let values = Vec::<F>::deserialize(field).map_err(|e| E::custom(format!("{name}: {e}")))?;
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            T::deserialize(value).map_err(|e| E::custom(format!("{name}[{index}]: {e}")))
        })
        .collect()
}

/// The total, read leniently.
struct Total(Option<u64>);

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Total, D::Error> {
        crate::lenient::opt_u64(deserializer).map(Total)
    }
}

/// Reads a value as the records if it is an array, else as a
/// [`serde_json::Value`].
struct RecordsOrValue<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for RecordsOrValue<T> {
    type Value = Read<T, Value>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for RecordsOrValue<T> {
    type Value = Read<T, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Self::Value, A::Error> {
        read_records(seq).map(Read::Records)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Read::Field)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(Read::Field(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Walks an object reply for an envelope with a first-array fallback (a
/// [`TopLevel`] with raw records): the items under the envelope's key in any
/// case, else under the first array that is neither metadata (`not_records`)
/// nor the total; the total at its top-level key. Only top-level paths are
/// read this way.
pub(crate) fn walk_top_level<'de>(
    body: &'de [u8],
    envelope: &Envelope,
    not_records: &[&str],
) -> Result<RawPage<'de>> {
    let key = envelope
        .items_at()
        .first()
        .copied()
        .filter(|key| !key.is_empty());
    let mut keys = TopLevelKeys::new(key, not_records);
    if let Some(total) = envelope.total_at().and_then(|path| path.first().copied()) {
        keys = keys.with_total(total);
    }
    let page = TopLevel::<&'de RawValue, &'de RawValue>::from_slice(body, keys)?;
    Ok(RawPage {
        items: page.records,
        total: page.total,
        next: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    const HALO: Envelope = Envelope::under(&["statuses"])
        .with_total(&["record_count"])
        .or_bare()
        .or_first_array(&["columns", "filters"]);

    fn items(body: &str, envelope: &Envelope) -> (Vec<String>, Option<u64>) {
        let page = walk_top_level(body.as_bytes(), envelope, &["columns", "filters"]).unwrap();
        let items = page.items.iter().map(|r| r.get().to_owned()).collect();
        (items, page.total)
    }

    #[test]
    fn the_key_in_any_case_else_the_first_array_that_is_not_metadata() {
        let (found, total) = items(
            r#"{"filters":[9],"other":[8],"Statuses":[{"id":1}],"record_count":"1"}"#,
            &HALO,
        );
        assert_eq!((found, total), (vec![r#"{"id":1}"#.to_owned()], Some(1)));
        let (found, total) = items(r#"{"columns":[],"priorities":[1,2]}"#, &HALO);
        assert_eq!((found, total), (vec!["1".to_owned(), "2".to_owned()], None));
        let (found, _) = items(r#"{"statuses":null,"x":[1]}"#, &HALO);
        assert!(found.is_empty(), "the named key wins, even when empty");
        let (found, _) = items(r#"{"record_count":0}"#, &HALO);
        assert!(found.is_empty());
        let any = Envelope::under(&[""]).or_first_array(&[]);
        assert_eq!(items(r#"{"n":1,"rows":[3]}"#, &any).0, vec!["3".to_owned()]);
    }

    #[test]
    fn bad_json_names_where_it_failed() {
        let error = walk_top_level(br#"{"statuses":[1,"#, &HALO, &[]).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
        let error =
            walk_top_level(br#"{"statuses":[],"record_count":-1}"#, &HALO, &[]).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "record_count"),
            "{error:?}"
        );
    }

    const KEYS: TopLevelKeys<'static> =
        TopLevelKeys::new(Some("tickets"), &["filters"]).with_total("record_count");

    fn other_names<F>(page: &TopLevel<u32, F>) -> Vec<&str> {
        page.other.iter().map(|(name, _)| name.as_str()).collect()
    }

    #[test]
    fn a_bare_array_is_taken_whole() {
        let page = TopLevel::<u32, Value>::from_slice(b" [1, 2]", KEYS).unwrap();
        assert_eq!(
            (page.records, page.key, page.total, page.other),
            (vec![1, 2], None, None, vec![])
        );
    }

    #[test]
    fn the_named_key_wins_and_the_rest_is_kept_in_order() {
        let body =
            br#"{"filters":[9],"views":[8],"TICKETS":[1,2],"record_count":"2.0","page_no":1}"#;
        let page = TopLevel::<u32, Value>::from_slice(body, KEYS).unwrap();
        assert_eq!(page.records, [1, 2]);
        assert_eq!(
            (page.key.as_deref(), page.total),
            (Some("TICKETS"), Some(2))
        );
        assert_eq!(other_names(&page), ["filters", "views", "page_no"]);
        assert_eq!(page.other[1].1, serde_json::json!([8]));

        // Present but not an array: no records, and no other array is tried.
        let page =
            TopLevel::<u32, Value>::from_slice(br#"{"views":[8],"tickets":null}"#, KEYS).unwrap();
        assert!(page.records.is_empty());
        assert_eq!(page.key, None);
        assert_eq!(other_names(&page), ["views", "tickets"]);
    }

    #[test]
    fn without_the_named_key_the_first_candidate_array() {
        let body = br#"{"filters":[9],"record_count":1,"note":"x","data":[7],"more":[8]}"#;
        for keys in [
            KEYS,
            TopLevelKeys {
                records: None,
                ..KEYS
            },
        ] {
            let page = TopLevel::<u32, Value>::from_slice(body, keys).unwrap();
            assert_eq!(
                (&page.records[..], page.key.as_deref()),
                (&[7][..], Some("data"))
            );
            assert_eq!(page.total, Some(1));
            assert_eq!(other_names(&page), ["filters", "note", "more"]);
        }
        let page = TopLevel::<u32, Value>::from_slice(br#"{"filters":[],"n":1}"#, KEYS).unwrap();
        assert_eq!((page.records.len(), page.key), (0, None));
    }

    #[test]
    fn raw_fields_are_slices_of_the_body() {
        let body = br#"{"page_no": 1, "tickets": [{"id": 1}]}"#;
        let page = TopLevel::<&RawValue, &RawValue>::from_slice(body, KEYS).unwrap();
        assert_eq!(page.records.len(), 1);
        assert_eq!(page.records[0].get(), r#"{"id": 1}"#);
        assert_eq!(page.other[0].0, "page_no");
        assert_eq!(page.other[0].1.get(), "1");
    }

    #[test]
    fn bad_records_are_errors_at_their_path() {
        let error =
            TopLevel::<u32, Value>::from_slice(br#"{"tickets":[1,"x"]}"#, KEYS).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "tickets[1]"),
            "{error:?}"
        );
        let error = TopLevel::<u32, Value>::from_slice(br#"[1,2,-3]"#, KEYS).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "[2]"),
            "{error:?}"
        );
        // A fallback array names its key and index in the message.
        let error = TopLevel::<u32, Value>::from_slice(br#"{"data":[1,"x"]}"#, KEYS).unwrap_err();
        assert!(error.to_string().contains("data[1]"), "{error}");
        let error = TopLevel::<u32, Value>::from_slice(br#""tickets""#, KEYS).unwrap_err();
        assert!(error.to_string().contains("array"), "{error}");
    }

    #[test]
    fn the_seed_reads_any_deserializer() {
        let value = serde_json::json!({"record_count": "3", "tickets": [1, 2, 3], "x": true});
        let page: TopLevel<u32, Value> = TopLevelSeed::new(KEYS).deserialize(value).unwrap();
        assert_eq!((page.records, page.total), (vec![1, 2, 3], Some(3)));
        assert_eq!(page.other, [("x".to_owned(), Value::Bool(true))]);
    }
}
