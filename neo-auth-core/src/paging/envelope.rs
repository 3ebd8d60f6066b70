//! Decoding a list reply through its [`Envelope`] in one pass: the records
//! (kept as raw JSON slices, borrowed from the body), the total and the next
//! link or cursor, each found at its path; then each record decoded as `T`.
//!
//! Plain serde runs first; only a record that fails is decoded again with path
//! tracking, to name the JSON path of the bad value (`Data[3].Name`).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::endpoint::Envelope;
use crate::error::decode::{decode_json, redact_json_error};
use crate::error::redact::redact_snippet;
use crate::error::{Error, Result};
use crate::paging::hash::hash_bytes;

/// What the walk found in one reply.
#[derive(Debug, Default)]
pub(crate) struct RawPage<'de> {
    /// The records, undecoded.
    pub(crate) items: Vec<&'de RawValue>,
    /// The total at the envelope's total path.
    pub(crate) total: Option<u64>,
    /// The next link or cursor at the envelope's next path (empty is none).
    pub(crate) next: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Items,
    Total,
    Next,
}

type Target = (&'static [&'static str], Kind);

/// Walks `body` once, taking what `envelope` points at.
pub(crate) fn walk<'de>(body: &'de [u8], envelope: &Envelope) -> Result<RawPage<'de>> {
    if !envelope.items_at().is_empty() && envelope.accepts_bare() && starts_with_array(body) {
        return walk(body, &Envelope::bare());
    }
    let mut targets: Vec<Target> = vec![(envelope.items_at(), Kind::Items)];
    if let Some(path) = envelope.total_at() {
        targets.push((path, Kind::Total));
    }
    if let Some(path) = envelope.next_at() {
        targets.push((path, Kind::Next));
    }
    let mut out = RawPage::default();
    let mut failed_at = None;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let walked = Walk {
        targets: &targets,
        depth: 0,
        out: &mut out,
        failed_at: &mut failed_at,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match walked {
        Ok(()) => Ok(out),
        Err(source) => Err(Error::Decode {
            path: failed_at.unwrap_or_else(|| ".".to_owned()),
            snippet: redact_snippet(body, 120),
            source: Box::new(redact_json_error(source, false)),
        }),
    }
}

/// Whether the body's first non-blank byte opens an array.
pub(crate) fn starts_with_array(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

struct Walk<'a, 'de> {
    targets: &'a [Target],
    depth: usize,
    out: &'a mut RawPage<'de>,
    failed_at: &'a mut Option<String>,
}

fn dotted(path: &[&str]) -> String {
    if path.is_empty() {
        ".".to_owned()
    } else {
        path.join(".")
    }
}

impl<'de> Walk<'_, 'de> {
    fn take<D: de::Deserializer<'de>>(
        &mut self,
        target: Target,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        let (path, kind) = target;
        let result = match kind {
            Kind::Items => {
                <Option<Vec<&'de RawValue>> as de::Deserialize>::deserialize(deserializer)
                    .map(|items| self.out.items = items.unwrap_or_default())
            }
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
        if result.is_err() && self.failed_at.is_none() {
            *self.failed_at = Some(dotted(path));
        }
        result
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
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

impl<'de> Visitor<'de> for Walk<'_, 'de> {
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
                failed_at: &mut *self.failed_at,
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
    match decode_json::<T>(raw.get().as_bytes()) {
        Err(Error::Decode {
            path,
            snippet,
            source,
        }) => Error::Decode {
            path: join_record_path(&prefix, &path),
            snippet,
            source,
        },
        // Path tracking decoded it (cannot happen for a well-behaved `T`): report
        // the plain error at the record.
        _ => Error::Decode {
            path: prefix,
            snippet: redact_snippet(raw.get().as_bytes(), 120),
            source: Box::new(redact_json_error(plain, false)),
        },
    }
}

fn join_record_path(prefix: &str, inner: &str) -> String {
    match inner {
        "" | "." => prefix.to_owned(),
        _ if inner.starts_with('[') => format!("{prefix}{inner}"),
        _ => format!("{prefix}.{inner}"),
    }
}

/// How a record's key (for "never the same record twice") is found.
pub(crate) fn default_record_key(raw: &RawValue) -> u64 {
    #[derive(serde::Deserialize)]
    struct IdProbe<'a> {
        #[serde(borrow, default)]
        id: Option<&'a RawValue>,
        #[serde(borrow, default, rename = "Id")]
        id_upper: Option<&'a RawValue>,
    }
    let text = raw.get();
    match serde_json::from_str::<IdProbe<'_>>(text) {
        Ok(IdProbe { id: Some(id), .. })
        | Ok(IdProbe {
            id_upper: Some(id), ..
        }) if id.get() != "null" => {
            let mut key = Vec::with_capacity(id.get().len() + 1);
            key.push(b'#');
            key.extend_from_slice(id.get().as_bytes());
            hash_bytes(&key)
        }
        _ => hash_bytes(text.as_bytes()),
    }
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
}
