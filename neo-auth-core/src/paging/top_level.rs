//! The records of a reply whose list key may be missing or spelled in another
//! case ([`Envelope::or_first_array`]): the top-level fields are read once as raw
//! JSON slices, the key is matched in any case, and without it the first
//! array-valued field that is not metadata holds the records.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::endpoint::Envelope;
use crate::error::decode::redact_json_error;
use crate::error::redact::redact_snippet;
use crate::error::{Error, Result};
use crate::paging::envelope::RawPage;

/// The top-level fields of a JSON object, undecoded.
struct Fields<'de>(Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> de::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array of records or an object holding one")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Fields<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    fields.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

fn decode_error(path: &str, body: &[u8], source: serde_json::Error) -> Error {
    Error::Decode {
        path: path.to_owned(),
        snippet: redact_snippet(body, 120),
        source: Box::new(redact_json_error(source, false)),
    }
}

/// Whether a raw value is a JSON array.
fn is_array(raw: &RawValue) -> bool {
    raw.get().trim_start().starts_with('[')
}

/// Walks an object reply for an envelope with a first-array fallback: the
/// items under the envelope's key in any case, else under the first array that
/// is neither metadata (`not_records`) nor the total; the total at its
/// top-level key. Only top-level paths are read this way.
pub(crate) fn walk_top_level<'de>(
    body: &'de [u8],
    envelope: &Envelope,
    not_records: &[&str],
) -> Result<RawPage<'de>> {
    let Fields(fields) = serde_json::from_slice(body).map_err(|e| decode_error(".", body, e))?;
    let key = envelope.items_at().first().copied().unwrap_or_default();
    let total_key = envelope.total_at().and_then(|path| path.first().copied());
    let named = (!key.is_empty())
        .then(|| {
            fields
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
        })
        .flatten();
    let chosen = named.or_else(|| {
        fields.iter().find(|(name, raw)| {
            is_array(raw)
                && !not_records.contains(&name.as_ref())
                && total_key.is_none_or(|total| !name.eq_ignore_ascii_case(total))
        })
    });
    let mut page = RawPage::default();
    if let Some((name, raw)) = chosen {
        // A key that holds no array (null, an object) holds no records.
        if is_array(raw) {
            page.items =
                serde_json::from_str(raw.get()).map_err(|e| decode_error(name, body, e))?;
        }
    }
    if let Some(total) = total_key
        && let Some((name, raw)) = fields.iter().find(|(name, _)| name.as_ref() == total)
    {
        let mut deserializer = serde_json::Deserializer::from_str(raw.get());
        page.total =
            crate::lenient::opt_u64(&mut deserializer).map_err(|e| decode_error(name, body, e))?;
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
