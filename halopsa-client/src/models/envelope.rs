//! The list envelope: a wrapped page (`{"record_count": 717, "tickets": [...]}`)
//! or a bare JSON array, decoded in one pass.

use std::fmt;
use std::marker::PhantomData;

use neo_auth_core::lenient;
use serde::de::value::MapAccessDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::endpoints::METADATA_KEYS;

/// One page of a Halo list, in either shape Halo uses.
///
/// - A **wrapped page**: `{"record_count": 717, "tickets": [...], ...}`. The item
///   key varies by resource (`tickets`, `actions`, `users`, `clients`, `sites`,
///   `assets`, `items`, `appointments`, `articles`, `contracts`, `invoices`,
///   `quotes`, `suppliers`, `reports`, `statuses`, `categories`, `teams`,
///   `agents`, …). When the key is known, decode with
///   [`ListResponse::from_slice_with_key`]: the items are taken from that key,
///   whatever other arrays come before it (`{"filters": [], "tickets": [...]}`),
///   and only when the reply has no such key from the first array-valued field
///   that is not a metadata key (`record_count`, `page_no`, `page_size`,
///   `include_children`, `columns`, `filters`). Plain `Deserialize` knows no key
///   and always takes that first array. `record_count` is read leniently (`717`,
///   `717.0`, `"717"`, `null`). Every other field, including the arrays not
///   taken, is kept in [`extra`](Self::extra).
/// - A **bare array** `[...]` (unpaginated configuration lists).
///
/// The items are decoded in a single streaming pass (no intermediate
/// `serde_json::Value`), except when a known key is absent and the first array is
/// taken instead. A record that fails to decode is a serde error at its path,
/// e.g. `tickets[1].id` with `serde_path_to_error` (which
/// [`ListResponse::from_slice_with_key`] uses).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ListResponse<T> {
    /// The records of the page.
    pub items: Vec<T>,
    /// The total number of records across all pages, when Halo sends it.
    pub record_count: Option<u64>,
    /// The key the items were under (`tickets`, …); `None` for a bare array or a
    /// page without any array field.
    pub key: Option<String>,
    /// The other fields of a wrapped page (e.g. `page_no`, `include_children`).
    pub extra: Map<String, Value>,
}

impl<T: DeserializeOwned> ListResponse<T> {
    /// Decodes a list reply whose items Halo documents under `key` (`tickets`,
    /// `actions`, …; `None` when undocumented).
    ///
    /// A wrapped reply's items come from `key` when the reply has that field (even
    /// if other arrays precede it); when it has not, from the first array that is
    /// not a metadata key. A bare array is taken whole. Errors are
    /// [`neo_auth_core::Error::Decode`] naming the JSON path of the bad value.
    ///
    /// ```
    /// use halopsa_client::models::{ListResponse, Ticket};
    /// let body = br#"{"page_no": 1, "filters": [], "record_count": 2, "tickets": [{"id": 1}, {"id": 2}]}"#;
    /// let page = ListResponse::<Ticket>::from_slice_with_key(body, Some("tickets")).unwrap();
    /// assert_eq!(page.items.len(), 2);
    /// assert_eq!(page.key.as_deref(), Some("tickets"));
    /// ```
    pub fn from_slice_with_key(body: &[u8], key: Option<&str>) -> neo_auth_core::Result<Self> {
        // Plain serde first; only a failed page is decoded again with path
        // tracking, to name the bad value's path.
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let plain = ListSeed::<T>::new(key)
            .deserialize(&mut deserializer)
            .and_then(|page| deserializer.end().map(|()| page));
        match plain {
            Ok(page) => Ok(page),
            Err(_) => neo_auth_core::decode_json_seed(body, ListSeed::<T>::new(key)),
        }
    }
}

impl<T> Default for ListResponse<T> {
    fn default() -> Self {
        ListResponse {
            items: Vec::new(),
            record_count: None,
            key: None,
            extra: Map::new(),
        }
    }
}

impl<T> ListResponse<T> {
    /// A wrapped page holding `items` under `key`, with `record_count`.
    pub fn wrapped(key: impl Into<String>, items: Vec<T>, record_count: Option<u64>) -> Self {
        ListResponse {
            items,
            record_count,
            key: Some(key.into()),
            extra: Map::new(),
        }
    }

    /// A bare array of `items`.
    pub fn bare(items: Vec<T>) -> Self {
        ListResponse {
            items,
            ..Default::default()
        }
    }
}

impl<T> IntoIterator for ListResponse<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Serializes as a bare array when there is nothing but items (no key, no
/// `record_count`, no extra fields); otherwise as a wrapped page with the items
/// under `key` (or `items` when no key is known).
impl<T: Serialize> Serialize for ListResponse<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.key.is_none() && self.record_count.is_none() && self.extra.is_empty() {
            return self.items.serialize(serializer);
        }
        let key = self.key.as_deref().unwrap_or("items");
        let mut map = serializer.serialize_map(None)?;
        if let Some(count) = self.record_count {
            map.serialize_entry("record_count", &count)?;
        }
        map.serialize_entry(key, &self.items)?;
        for (k, v) in &self.extra {
            if k != key && k != "record_count" {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ListSeed::new(None).deserialize(deserializer)
    }
}

/// Decodes a [`ListResponse`] preferring a known item key (see
/// [`ListResponse::from_slice_with_key`]).
pub(crate) struct ListSeed<T> {
    preferred: Option<String>,
    _item: PhantomData<fn() -> T>,
}

impl<T> ListSeed<T> {
    /// A seed preferring `key` (`None`: take the first array).
    pub fn new(key: Option<&str>) -> Self {
        ListSeed {
            preferred: key.map(str::to_owned),
            _item: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ListSeed<T> {
    type Value = ListResponse<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ListVisitor {
            preferred: self.preferred,
            _item: PhantomData,
        })
    }
}

/// `record_count`, read leniently.
struct Count(Option<u64>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::opt::<u64, _>(deserializer).map(Count)
    }
}

/// Reads `T`s from a sequence into a vector (so the path of a bad element is kept).
fn read_items<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<T>, A::Error> {
    // Cap the pre-allocation: a size hint is not a promise.
    let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
    while let Some(item) = seq.next_element::<T>()? {
        items.push(item);
    }
    Ok(items)
}

struct ListVisitor<T> {
    /// The documented item key, if known.
    preferred: Option<String>,
    _item: PhantomData<fn() -> T>,
}

fn is_metadata(key: &str) -> bool {
    METADATA_KEYS.contains(&key)
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = ListResponse<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of records or an object holding one (e.g. {\"record_count\": 1, \"tickets\": [...]})")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(ListResponse::bare(read_items(seq)?))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(preferred) = self.preferred else {
            return first_array(map);
        };
        let mut list = ListResponse::default();
        let mut found = false;
        // The first candidate array, should the documented key be absent.
        let mut fallback: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "record_count" {
                list.record_count = map.next_value::<Count>()?.0;
            } else if !found && key.eq_ignore_ascii_case(&preferred) {
                found = true;
                match map.next_value_seed(ItemsSeed::<T>(PhantomData))? {
                    ItemsOrValue::Items(items) => {
                        list.items = items;
                        list.key = Some(key);
                    }
                    ItemsOrValue::Other(value) => {
                        list.extra.insert(key, value);
                    }
                }
            } else {
                let value = map.next_value::<Value>()?;
                if fallback.is_none() && value.is_array() && !is_metadata(&key) {
                    fallback = Some(key.clone());
                }
                list.extra.insert(key, value);
            }
        }
        if !found
            && let Some(key) = fallback
            && let Some(Value::Array(values)) = list.extra.remove(&key)
        {
            list.items = items_from_values::<T, A::Error>(&key, values)?;
            list.key = Some(key);
        }
        Ok(list)
    }
}

/// A wrapped page without a known key: the items are the first array-valued field
/// that is not a metadata key, decoded as they stream by.
fn first_array<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    mut map: A,
) -> Result<ListResponse<T>, A::Error> {
    let mut list = ListResponse::default();
    while let Some(key) = map.next_key::<String>()? {
        if key == "record_count" {
            list.record_count = map.next_value::<Count>()?.0;
        } else if list.key.is_none() && !is_metadata(&key) {
            match map.next_value_seed(ItemsSeed::<T>(PhantomData))? {
                ItemsOrValue::Items(items) => {
                    list.items = items;
                    list.key = Some(key);
                }
                ItemsOrValue::Other(value) => {
                    list.extra.insert(key, value);
                }
            }
        } else {
            let value = map.next_value::<Value>()?;
            list.extra.insert(key, value);
        }
    }
    Ok(list)
}

/// Decodes records already read as JSON values; an error names `key[index]`.
fn items_from_values<'de, T: Deserialize<'de>, E: de::Error>(
    key: &str,
    values: Vec<Value>,
) -> Result<Vec<T>, E> {
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            T::deserialize(value).map_err(|e| E::custom(format!("{key}[{index}]: {e}")))
        })
        .collect()
}

/// The value of a candidate key: the items if it is an array, else kept as JSON.
enum ItemsOrValue<T> {
    Items(Vec<T>),
    Other(Value),
}

/// Decodes a candidate value into [`ItemsOrValue`].
struct ItemsSeed<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ItemsSeed<T> {
    type Value = ItemsOrValue<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ItemsOrValueVisitor(PhantomData))
    }
}

struct ItemsOrValueVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsOrValueVisitor<T> {
    type Value = ItemsOrValue<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        read_items(seq).map(ItemsOrValue::Items)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(ItemsOrValue::Other)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(ItemsOrValue::Other(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}
