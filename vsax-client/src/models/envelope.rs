//! VSA X's reply shapes: `{"Data": …, "Meta": {TotalCount, NextQueryLink,
//! ResponseCode}}` for lists and single records, and bare JSON for some
//! endpoints. All are accepted.

use neo_auth_core::{Result, decode_json, lenient};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use std::collections::HashMap;

/// The `Meta` object of a reply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Meta {
    /// The number of records the query matches (all pages).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_count: Option<u64>,
    /// The next page's full URL; VSA X sends it only above 5,000 results.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub next_query_link: Option<String>,
    /// The status the server meant (mirrors the HTTP status).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub response_code: Option<i64>,
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListReply<T> {
    /// The page's records.
    pub items: Vec<T>,
    /// `Meta`, when the reply had one (default for a bare array).
    pub meta: Meta,
}

#[derive(Deserialize)]
struct Enveloped<T> {
    #[serde(rename = "Data", default = "none")]
    data: Option<T>,
    #[serde(rename = "Meta", default)]
    meta: Option<Meta>,
}

fn none<T>() -> Option<T> {
    None
}

/// Whether the body is an object with a `Data` or `Meta` key (else it is bare).
fn is_enveloped(body: &[u8]) -> bool {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    first == Some(&b'{')
        && serde_json::from_slice::<HashMap<String, IgnoredAny>>(body)
            .is_ok_and(|keys| keys.contains_key("Data") || keys.contains_key("Meta"))
}

/// A list page: `{"Data": [...], "Meta": {...}}`, `{"Data": null}` (no
/// records), `{"Data": {...}}` (one record), or a bare array. Errors name the
/// JSON path (`Data[3].GroupId`).
///
/// ```
/// use vsax_client::models::{envelope::decode_list, Organization};
/// let page = decode_list::<Organization>(br#"{"Data":[{"Id":1}],"Meta":{"TotalCount":7,"ResponseCode":200}}"#)?;
/// assert_eq!((page.items.len(), page.meta.total_count), (1, Some(7)));
/// let bare = decode_list::<Organization>(br#"[{"Id":1},{"Id":2}]"#)?;
/// assert_eq!(bare.items.len(), 2);
/// # Ok::<(), vsax_client::Error>(())
/// ```
pub fn decode_list<T: DeserializeOwned>(body: &[u8]) -> Result<ListReply<T>> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    if !is_enveloped(body) {
        return Ok(ListReply {
            items: decode_json(body)?,
            meta: Meta::default(),
        });
    }
    // An array under Data is decoded with paths; only a non-array Data takes
    // the one-record route.
    let data_is_array =
        serde_json::from_slice::<Enveloped<IgnoredAnyArray>>(body).is_ok_and(|e| e.data.is_some());
    let (items, meta) = if data_is_array {
        let e: Enveloped<Vec<T>> = decode_json(body)?;
        (e.data.unwrap_or_default(), e.meta)
    } else {
        let e: Enveloped<OneOrMany<T>> = decode_json(body)?;
        let items = match e.data {
            None => Vec::new(),
            Some(OneOrMany::Many(items)) => items,
            Some(OneOrMany::One(item)) => vec![item],
        };
        (items, e.meta)
    };
    Ok(ListReply {
        items,
        meta: meta.unwrap_or_default(),
    })
}

/// Matches only a JSON array (of anything), to tell the shapes apart.
struct IgnoredAnyArray;

impl<'de> Deserialize<'de> for IgnoredAnyArray {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Vec::<IgnoredAny>::deserialize(d).map(|_| IgnoredAnyArray)
    }
}

/// A single record: `{"Data": {...}, "Meta": {...}}` or the bare record.
///
/// ```
/// use vsax_client::models::{envelope::decode_one, Organization};
/// let o: Organization = decode_one(br#"{"Data":{"Id":4821,"Name":"Acme"},"Meta":{"ResponseCode":200}}"#)?;
/// assert_eq!(o.id, 4821);
/// let bare: Organization = decode_one(br#"{"Id":4821}"#)?;
/// assert_eq!(bare.id, 4821);
/// # Ok::<(), vsax_client::Error>(())
/// ```
pub fn decode_one<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    if !is_enveloped(body) {
        return decode_json(body);
    }
    #[derive(Deserialize)]
    struct Required<T> {
        #[serde(rename = "Data")]
        data: T,
    }
    let e: Required<T> = decode_json(body)?;
    Ok(e.data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{Device, Organization};

    #[test]
    fn shapes() {
        let empty =
            decode_list::<Organization>(br#"{"Data":null,"Meta":{"TotalCount":0}}"#).unwrap();
        assert!(empty.items.is_empty());
        assert_eq!(empty.meta.total_count, Some(0));
        let one = decode_list::<Organization>(br#"{"Data":{"Id":3}}"#).unwrap();
        assert_eq!(one.items[0].id, 3);
        let link = decode_list::<Organization>(
            br#"{"Data":[],"Meta":{"TotalCount":"9000","NextQueryLink":"https://a/api/v3/organizations?$skip=5000"}}"#,
        )
        .unwrap();
        assert_eq!(link.meta.total_count, Some(9000));
        assert!(link.meta.next_query_link.unwrap().ends_with("$skip=5000"));
    }

    #[test]
    fn errors_name_the_path() {
        let err = decode_list::<Device>(
            br#"{"Data":[{"Identifier":"a"},{"Identifier":"b","GroupId":"x"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("Data[1].GroupId"), "{err}");
        let err = decode_one::<Organization>(br#"{"Data":{"Name":"no id"}}"#).unwrap_err();
        assert!(err.to_string().contains("Data"), "{err}");
        assert!(decode_list::<Organization>(b"not json").is_err());
    }
}
