//! Decoding a list reply through its [`Envelope`]: the records, the total and
//! the next link or cursor, each found at its path.
//!
//! **One pass.** The walk decodes each record as `T` where it stands in the
//! body, and notes its key (its `id`/`Id`) on the way
//! ([`record_key`](super::record_key)): every byte of the page is read once,
//! as a hand-written `serde_json::from_slice` of the page would read it.
//!
//! **Two passes, only when needed.** A page that fails to decode is read again:
//! first walked to raw record slices, then each slice decoded with plain serde,
//! and a failing record once more with path tracking, so the error names the
//! JSON path of the bad value (`Data[3].Name`). Records that must be keyed by
//! their bytes (no `id`, or [`Keys::Bytes`]) are read that way too: their
//! bytes are only known from the raw slices.

use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use crate::endpoint::Envelope;
use crate::error::decode::{decode_json_tracked, redact_json_error};
use crate::error::redact::redact_snippet;
use crate::error::{Error, Result};
use crate::paging::hash::hash_bytes;
use crate::paging::record_key::{Found, KeyedSeed, key_of_raw_id};

/// How the records of a page are told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keys {
    /// By their `id` (else `Id`) field; by their bytes when they have neither.
    IdField,
    /// By their bytes.
    Bytes,
    /// Not here: the caller keys the decoded records itself.
    Caller,
}

/// A decoded page.
#[derive(Debug)]
pub(crate) struct DecodedPage<T> {
    /// The records.
    pub(crate) items: Vec<T>,
    /// One key per record (empty for [`Keys::Caller`]).
    pub(crate) keys: Vec<u64>,
    /// The total at the envelope's total path.
    pub(crate) total: Option<u64>,
    /// The next link or cursor at the envelope's next path (empty is none).
    pub(crate) next: Option<String>,
}

/// Decodes one list reply: in one pass, unless `two_pass` is set (a list whose
/// records were found to have no ids: it stays set for the rest of the
/// stream) or the one pass fails (then the second, path-naming read gives the
/// error). `capacity` pre-sizes the page (the page size asked for).
pub(crate) fn decode_page<T: DeserializeOwned>(
    body: &[u8],
    envelope: &Envelope,
    keys: Keys,
    capacity: usize,
    two_pass: &AtomicBool,
) -> Result<DecodedPage<T>> {
    if keys != Keys::Bytes && !two_pass.load(Ordering::Relaxed) {
        let watch = keys == Keys::IdField;
        let mut sink = Decoded::<T> {
            items: Vec::with_capacity(capacity),
            keys: Vec::with_capacity(if watch { capacity } else { 0 }),
            watch,
            without_id: false,
        };
        match walk_into(body, envelope, &mut sink) {
            Ok((total, next)) if !sink.without_id => {
                return Ok(DecodedPage {
                    items: sink.items,
                    keys: sink.keys,
                    total,
                    next,
                });
            }
            // A record without an id stops the one pass: read again, and
            // from now on, in two passes.
            _ if sink.without_id => two_pass.store(true, Ordering::Relaxed),
            // Read again to name the bad value's path.
            _ => {}
        }
    }
    decode_two_pass(body, envelope, keys)
}

/// The second way: raw record slices first, then each decoded.
fn decode_two_pass<T: DeserializeOwned>(
    body: &[u8],
    envelope: &Envelope,
    keys: Keys,
) -> Result<DecodedPage<T>> {
    decode_raw_page(walk(body, envelope)?, envelope, keys)
}

/// Decodes the records of a walked page and keys them as `keys` says.
pub(crate) fn decode_raw_page<T: DeserializeOwned>(
    raw: RawPage<'_>,
    envelope: &Envelope,
    keys: Keys,
) -> Result<DecodedPage<T>> {
    let items = decode_records::<T>(&raw.items, envelope)?;
    let keys = match keys {
        Keys::IdField => raw.items.iter().map(|r| default_record_key(r)).collect(),
        Keys::Bytes => raw
            .items
            .iter()
            .map(|r| hash_bytes(r.get().as_bytes()))
            .collect(),
        Keys::Caller => Vec::new(),
    };
    Ok(DecodedPage {
        items,
        keys,
        total: raw.total,
        next: raw.next,
    })
}

/// What the raw walk found in one reply.
#[derive(Debug, Default)]
pub(crate) struct RawPage<'de> {
    /// The records, undecoded.
    pub(crate) items: Vec<&'de RawValue>,
    /// The total at the envelope's total path.
    pub(crate) total: Option<u64>,
    /// The next link or cursor at the envelope's next path (empty is none).
    pub(crate) next: Option<String>,
}

/// Walks `body` once, keeping each record as a raw slice.
pub(crate) fn walk<'de>(body: &'de [u8], envelope: &Envelope) -> Result<RawPage<'de>> {
    let mut items = RawItems(Vec::new());
    let (total, next) = walk_into(body, envelope, &mut items)?;
    Ok(RawPage {
        items: items.0,
        total,
        next,
    })
}

/// Where the walk puts the records it finds at the envelope's items path.
trait Items<'de> {
    fn read<D: de::Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error>;
}

/// Records kept as raw slices of the body.
struct RawItems<'de>(Vec<&'de RawValue>);

impl<'de> Items<'de> for RawItems<'de> {
    fn read<D: de::Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        let items = <Option<Vec<&'de RawValue>> as de::Deserialize>::deserialize(deserializer)?;
        self.0 = items.unwrap_or_default();
        Ok(())
    }
}

/// Records decoded as `T` where they stand, keyed by their id on the way.
struct Decoded<T> {
    items: Vec<T>,
    keys: Vec<u64>,
    /// Whether to note ids (for [`Keys::IdField`]).
    watch: bool,
    /// Whether a record had no usable id (it must be keyed by its bytes).
    without_id: bool,
}

impl<'de, T: DeserializeOwned> Items<'de> for Decoded<T> {
    fn read<D: de::Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_option(DecodedVisitor(self))
    }
}

struct DecodedVisitor<'a, T>(&'a mut Decoded<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for DecodedVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of records")
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let out = self.0;
        if !out.watch {
            while let Some(item) = seq.next_element::<T>()? {
                out.items.push(item);
            }
            return Ok(());
        }
        loop {
            let mut found = Found::default();
            let seed = KeyedSeed::<T> {
                found: &mut found,
                _record: PhantomData,
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                return Ok(());
            };
            out.items.push(item);
            match found.key() {
                Some(key) => out.keys.push(key),
                None => {
                    // Keyed by its bytes: only the raw read knows them.
                    out.without_id = true;
                    return Err(de::Error::custom("a record without an id"));
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Items,
    Total,
    Next,
}

type Target = (&'static [&'static str], Kind);

/// Walks `body` once, handing the records at the envelope's items path to
/// `items`; returns the total and the next link or cursor.
fn walk_into<'de, I: Items<'de>>(
    body: &'de [u8],
    envelope: &Envelope,
    items: &mut I,
) -> Result<(Option<u64>, Option<String>)> {
    if !envelope.items_at().is_empty() && envelope.accepts_bare() && starts_with_array(body) {
        return walk_into(body, &Envelope::bare(), items);
    }
    let mut targets: Vec<Target> = vec![(envelope.items_at(), Kind::Items)];
    if let Some(path) = envelope.total_at() {
        targets.push((path, Kind::Total));
    }
    if let Some(path) = envelope.next_at() {
        targets.push((path, Kind::Next));
    }
    let mut out = Collected {
        items,
        total: None,
        next: None,
        failed_at: None,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let walked = Walk {
        targets: &targets,
        depth: 0,
        out: &mut out,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match walked {
        Ok(()) => Ok((out.total, out.next)),
        Err(source) => Err(Error::Decode {
            path: out.failed_at.unwrap_or_else(|| ".".to_owned()),
            snippet: redact_snippet(body, 120),
            source: Box::new(redact_json_error(source, false)),
        }),
    }
}

/// Whether the body's first non-blank byte opens an array.
pub(crate) fn starts_with_array(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// What the walk collects besides the records.
struct Collected<'a, I> {
    items: &'a mut I,
    total: Option<u64>,
    next: Option<String>,
    failed_at: Option<String>,
}

struct Walk<'a, 'b, I> {
    targets: &'a [Target],
    depth: usize,
    out: &'a mut Collected<'b, I>,
}

fn dotted(path: &[&str]) -> String {
    if path.is_empty() {
        ".".to_owned()
    } else {
        path.join(".")
    }
}

impl<'de, I: Items<'de>> Walk<'_, '_, I> {
    fn take<D: de::Deserializer<'de>>(
        &mut self,
        target: Target,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        let (path, kind) = target;
        let result = match kind {
            Kind::Items => self.out.items.read(deserializer),
            Kind::Total => {
                crate::lenient::opt_u64(deserializer).map(|total| self.out.total = total)
            }
            Kind::Next => <Option<serde_json::Value> as de::Deserialize>::deserialize(deserializer)
                .map(|next| {
                    self.out.next = match next {
                        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
                        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                        _ => None,
                    }
                }),
        };
        if result.is_err() && self.out.failed_at.is_none() {
            self.out.failed_at = Some(dotted(path));
        }
        result
    }
}

impl<'de, I: Items<'de>> DeserializeSeed<'de> for Walk<'_, '_, I> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(
        mut self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        if let Some(target) = self
            .targets
            .iter()
            .find(|(path, _)| path.len() == self.depth)
            .copied()
        {
            return self.take(target, deserializer);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de, I: Items<'de>> Visitor<'de> for Walk<'_, '_, I> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object holding the list")
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let depth = self.depth;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let below: Vec<Target> = self
                .targets
                .iter()
                .filter(|(path, _)| path.len() > depth && path[depth] == key)
                .copied()
                .collect();
            if below.is_empty() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(Walk {
                targets: &below,
                depth: depth + 1,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }
}

/// Decodes each raw record as `T`; a bad record is [`Error::Decode`] at its
/// path under the envelope (`Data[3].Name`, `[0].id`).
pub(crate) fn decode_records<T: DeserializeOwned>(
    items: &[&RawValue],
    envelope: &Envelope,
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(items.len());
    for (index, raw) in items.iter().enumerate() {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(item) => out.push(item),
            Err(plain) => return Err(record_error::<T>(raw, index, envelope, plain)),
        }
    }
    Ok(out)
}

fn record_error<T: DeserializeOwned>(
    raw: &RawValue,
    index: usize,
    envelope: &Envelope,
    plain: serde_json::Error,
) -> Error {
    let prefix = format!("{}[{index}]", envelope.items_at().join("."));
    // Decoded again with path tracking, only now that it failed.
    match decode_json_tracked::<T>(raw.get().as_bytes(), plain) {
        Error::Decode {
            path,
            snippet,
            source,
        } => Error::Decode {
            path: join_record_path(&prefix, &path),
            snippet,
            source,
        },
        other => other,
    }
}

fn join_record_path(prefix: &str, inner: &str) -> String {
    match inner {
        "" | "." => prefix.to_owned(),
        _ if inner.starts_with('[') => format!("{prefix}{inner}"),
        _ => format!("{prefix}.{inner}"),
    }
}

/// A raw record's key (for "never the same record twice"): the key of its
/// `id` (else `Id`) value, the same key the one-pass decode notes
/// ([`key_of_raw_id`]), or the hash of its bytes when it has neither (or a
/// `null` one).
///
/// A record that opens with a plain `"id"` (a number or a string without
/// escapes, as most vendors send it) is keyed from those first bytes without
/// reading the rest; any other record is probed in full.
pub(crate) fn default_record_key(raw: &RawValue) -> u64 {
    let text = raw.get();
    if let Some(key) = leading_id(text.as_bytes()).and_then(key_of_leading_id) {
        return key;
    }
    #[derive(serde::Deserialize)]
    struct IdProbe<'a> {
        #[serde(borrow, default)]
        id: Option<&'a RawValue>,
        #[serde(borrow, default, rename = "Id")]
        id_upper: Option<&'a RawValue>,
    }
    let probe = serde_json::from_str::<IdProbe<'_>>(text).ok();
    let key = |id: Option<&RawValue>| id.and_then(|id| key_of_raw_id(id.get()));
    probe
        .and_then(|p| key(p.id).or_else(|| key(p.id_upper)))
        .unwrap_or_else(|| hash_bytes(text.as_bytes()))
}

fn key_of_leading_id(id: &[u8]) -> Option<u64> {
    key_of_raw_id(std::str::from_utf8(id).ok()?)
}

/// The raw value of a record's first key when that key is exactly `"id"` and
/// the value is a number or an escape-free string (quotes included, as
/// [`RawValue::get`] would give it); `None` sends the record to the full probe.
fn leading_id(text: &[u8]) -> Option<&[u8]> {
    let skip = |at: usize| {
        text.get(at..)
            .and_then(|rest| rest.iter().position(|b| !b.is_ascii_whitespace()))
            .map(|n| at + n)
    };
    let open = skip(0)?;
    if text.get(open) != Some(&b'{') {
        return None;
    }
    let key = skip(open + 1)?;
    if text.get(key..key + 4) != Some(b"\"id\"".as_slice()) {
        return None;
    }
    let colon = skip(key + 4)?;
    if text.get(colon) != Some(&b':') {
        return None;
    }
    let value = skip(colon + 1)?;
    let rest = text.get(value..)?;
    let len = match rest.first()? {
        b'"' => {
            let close = rest.iter().skip(1).position(|&b| b == b'"' || b == b'\\')? + 1;
            if rest.get(close) != Some(&b'"') {
                return None;
            }
            close + 1
        }
        b'-' | b'0'..=b'9' => rest
            .iter()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))?,
        _ => return None,
    };
    // The value must end where JSON lets it: before `,` or `}` (after blanks).
    let after = skip(value + len)?;
    matches!(text.get(after), Some(b',' | b'}')).then(|| &rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Device {
        #[serde(rename = "Identifier")]
        identifier: String,
        #[serde(rename = "SiteId")]
        site: i64,
    }

    const VSAX: Envelope = Envelope::under(&["Data"])
        .with_total(&["Meta", "TotalCount"])
        .with_next(&["Meta", "NextQueryLink"]);

    #[test]
    fn a_nested_envelope_is_read_in_one_walk() {
        let body = br#"{"Meta":{"ResponseCode":200,"TotalCount":"3","NextQueryLink":"https://h/api/devices?$skip=2"},"Data":[{"Identifier":"a","SiteId":1},{"Identifier":"b","SiteId":2}],"Other":[1]}"#;
        let raw = walk(body, &VSAX).unwrap();
        assert_eq!(raw.total, Some(3));
        assert_eq!(raw.next.as_deref(), Some("https://h/api/devices?$skip=2"));
        let items: Vec<Device> = decode_records(&raw.items, &VSAX).unwrap();
        assert_eq!(items[1].identifier, "b");
    }

    #[test]
    fn a_bare_array_and_missing_parts() {
        let raw = walk(br#"[{"id":1},{"id":2}]"#, &Envelope::bare()).unwrap();
        assert_eq!(raw.items.len(), 2);
        let error = walk(br#"[{"Data":1}]"#, &VSAX).unwrap_err();
        assert!(
            matches!(error, Error::Decode { .. }),
            "an envelope was expected"
        );
        let halo = Envelope::under(&["tickets"])
            .with_total(&["record_count"])
            .or_bare();
        assert_eq!(walk(br#" [{"id":1}]"#, &halo).unwrap().items.len(), 1);
        let raw = walk(br#"{"record_count":9,"tickets":[{"id":1}]}"#, &halo).unwrap();
        assert_eq!((raw.items.len(), raw.total), (1, Some(9)));
        let raw = walk(br#"{"Meta":null}"#, &VSAX).unwrap();
        assert!(raw.items.is_empty() && raw.total.is_none() && raw.next.is_none());
        let raw = walk(br#"{"Data":[],"Meta":{"NextQueryLink":""}}"#, &VSAX).unwrap();
        assert!(raw.next.is_none());
    }

    #[test]
    fn a_bad_record_names_its_path() {
        let body =
            br#"{"Data":[{"Identifier":"a","SiteId":1},{"Identifier":"b","SiteId":"secret-ish"}]}"#;
        let raw = walk(body, &VSAX).unwrap();
        let error = decode_records::<Device>(&raw.items, &VSAX).unwrap_err();
        let Error::Decode { path, source, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(path, "Data[1].SiteId");
        // The serde message never quotes the value (the core's decode rules).
        assert!(!source.to_string().contains("secret-ish"), "{source}");
        let error = decode_records::<Device>(
            &walk(br#"[{"Identifier":"a","SiteId":1},7]"#, &Envelope::bare())
                .unwrap()
                .items,
            &Envelope::bare(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("`[1]`"), "{error}");
    }

    fn one_pass<T: DeserializeOwned>(
        body: &[u8],
        envelope: &Envelope,
        keys: Keys,
    ) -> (DecodedPage<T>, bool) {
        let two_pass = AtomicBool::new(false);
        let page = decode_page::<T>(body, envelope, keys, 2, &two_pass).unwrap();
        (page, two_pass.load(Ordering::Relaxed))
    }

    #[test]
    fn one_pass_and_two_passes_decode_and_key_a_page_alike() {
        let body = br#"{"Meta":{"TotalCount":3,"NextQueryLink":"n"},"Data":[{"Identifier":"a","SiteId":1,"Id":"x"},{"Id":"y","Identifier":"b","SiteId":2},{"Identifier":"c","SiteId":3,"Id":7}]}"#;
        let (page, fell_back) = one_pass::<Device>(body, &VSAX, Keys::IdField);
        assert!(!fell_back);
        let twice = decode_two_pass::<Device>(body, &VSAX, Keys::IdField).unwrap();
        assert_eq!(page.items, twice.items);
        assert_eq!(page.keys, twice.keys);
        assert_eq!((page.total, page.next.as_deref()), (Some(3), Some("n")));
        assert_eq!(page.items[2].identifier, "c");
        let (page, _) = one_pass::<Device>(body, &VSAX, Keys::Caller);
        assert!(page.keys.is_empty() && page.items.len() == 3);
        let bytes = decode_two_pass::<Device>(body, &VSAX, Keys::Bytes).unwrap();
        assert_ne!(bytes.keys, twice.keys);
        let (page, _) = one_pass::<Device>(body, &VSAX, Keys::Bytes);
        assert_eq!(page.keys, bytes.keys);
    }

    #[test]
    fn records_without_ids_are_keyed_by_their_bytes_from_then_on() {
        let body = br#"[{"Identifier":"a","SiteId":1,"id":4},{"Identifier":"b","SiteId":2}]"#;
        let two_pass = AtomicBool::new(false);
        let page =
            decode_page::<Device>(body, &Envelope::bare(), Keys::IdField, 0, &two_pass).unwrap();
        assert!(
            two_pass.load(Ordering::Relaxed),
            "the rest of the stream reads twice"
        );
        let raw = walk(body, &Envelope::bare()).unwrap();
        assert_eq!(
            page.keys,
            vec![
                default_record_key(raw.items[0]),
                hash_bytes(raw.items[1].get().as_bytes())
            ]
        );
        assert_eq!(page.items.len(), 2);
    }

    #[test]
    fn a_bad_record_read_in_one_pass_still_names_its_path() {
        let body =
            br#"{"Meta":{"TotalCount":2},"Data":[{"Identifier":"a","SiteId":1,"Id":1},{"Id":2,"Identifier":"b","SiteId":"secret-ish"}]}"#;
        for keys in [Keys::IdField, Keys::Caller, Keys::Bytes] {
            let error =
                decode_page::<Device>(body, &VSAX, keys, 0, &AtomicBool::new(false)).unwrap_err();
            let Error::Decode { path, source, .. } = &error else {
                panic!("{error:?}")
            };
            assert_eq!(path, "Data[1].SiteId");
            assert!(!source.to_string().contains("secret-ish"), "{source}");
        }
        let error = decode_page::<Device>(
            br#"{"Meta":{"TotalCount":[1]},"Data":[]}"#,
            &VSAX,
            Keys::IdField,
            0,
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "Meta.TotalCount"),
            "{error:?}"
        );
    }

    #[test]
    fn a_bad_envelope_names_its_path() {
        let error = walk(br#"{"Data":{"x":1}}"#, &VSAX).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "Data"),
            "{error:?}"
        );
        let error = walk(br#"{"Meta":{"TotalCount":[1]},"Data":[]}"#, &VSAX).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "Meta.TotalCount"),
            "{error:?}"
        );
        let error = walk(br#"{"Data":[]"#, &VSAX).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }));
    }

    #[test]
    fn record_keys_come_from_the_id_or_the_bytes() {
        let raw = walk(
            br#"[{"id":1,"at":"t1"},{"id":1,"at":"t2"},{"Id":"g-1"},{"Id":"g-1","x":2},{"x":1},{"x":2}]"#,
            &Envelope::bare(),
        )
        .unwrap();
        let keys: Vec<u64> = raw.items.iter().map(|r| default_record_key(r)).collect();
        assert_eq!(keys[0], keys[1], "same id, different timestamp");
        assert_eq!(keys[2], keys[3]);
        assert_ne!(keys[0], keys[2]);
        assert_ne!(keys[4], keys[5]);
    }

    #[test]
    fn a_leading_id_is_keyed_like_the_full_probe() {
        // The quick path (`id` first) and the probe (`id` later) agree.
        let raw = walk(
            br#"[{"id":17,"x":1},{"x":2,"id":17},{ "id" : "a-1" ,"x":1},{"x":1,"id":"a-1"},{"id":"a\"b"},{"x":0,"id":"a\"b"},{"id":null,"x":1},{"id":null,"x":2},{"id":1.5e3}]"#,
            &Envelope::bare(),
        )
        .unwrap();
        let keys: Vec<u64> = raw.items.iter().map(|r| default_record_key(r)).collect();
        assert_eq!(keys[0], keys[1]);
        assert_eq!(keys[2], keys[3]);
        assert_eq!(keys[4], keys[5], "an escaped string goes to the probe");
        assert_ne!(keys[0], keys[2]);
        assert_ne!(keys[6], keys[7], "a null id keys by the bytes");
        assert_eq!(leading_id(br#"{"id":1.5e3}"#), Some(b"1.5e3".as_slice()));
        assert_eq!(leading_id(br#"{"id":17 , "x":1}"#), Some(b"17".as_slice()));
        assert_eq!(leading_id(br#"{"idx":1}"#), None);
        assert_eq!(leading_id(br#"{"id":[1]}"#), None);
        assert_eq!(leading_id(br#"{"id":"a\"b"}"#), None);
        assert_eq!(leading_id(br#"{"id":1"#), None);
    }
}
