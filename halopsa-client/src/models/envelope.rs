//! The list envelope: a wrapped page (`{"record_count": 717, "tickets": [...]}`)
//! or a bare JSON array, decoded in one pass by the core's
//! [`TopLevel`] with Halo's keys: the documented item
//! key, `record_count` and the metadata keys of `endpoints::METADATA_KEYS`.

use neo_auth_core::{TopLevel, TopLevelKeys, TopLevelSeed};
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer};
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
        TopLevel::<T, Value>::from_slice(body, halo_keys(key)).map(ListResponse::from)
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
        TopLevelSeed::new(halo_keys(None))
            .deserialize(deserializer)
            .map(ListResponse::from)
    }
}

/// Where Halo keeps a list reply's records (`key`: the documented one) and its
/// total.
fn halo_keys(key: Option<&str>) -> TopLevelKeys<'_> {
    TopLevelKeys::new(key, METADATA_KEYS).with_total("record_count")
}

impl<T> From<TopLevel<T, Value>> for ListResponse<T> {
    fn from(page: TopLevel<T, Value>) -> Self {
        ListResponse {
            items: page.records,
            record_count: page.total,
            key: page.key,
            extra: page.other.into_iter().collect(),
        }
    }
}
