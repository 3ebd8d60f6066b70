//! An id-keyed record store, like a table with an identity column.

use std::collections::BTreeMap;

/// Records by integer id, in id order. Ids are assigned from 1 upwards and
/// never reused (deleting the highest does not give its id out again), like an
/// identity column; seeding with explicit ids moves the next id past them.
///
/// ```
/// use neo_auth_core::testkit::Store;
/// let mut companies = Store::new();
/// let acme = companies.insert_with(|id| serde_json::json!({"id": id, "name": "Acme"}));
/// assert_eq!(acme, 1);
/// companies.insert_at(10, serde_json::json!({"id": 10, "name": "Globex"}));
/// assert_eq!(companies.insert(serde_json::json!({"name": "Initech"})), 11);
/// assert!(companies.update(acme, serde_json::json!({"id": 1, "name": "Acme Ltd"})).is_some());
/// assert_eq!(companies.get(acme).unwrap()["name"], "Acme Ltd");
/// assert!(companies.delete(11).is_some());
/// assert_eq!(companies.next_id(), 12);
/// assert_eq!(companies.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Store<T> {
    records: BTreeMap<i64, T>,
    next_id: i64,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store {
            records: BTreeMap::new(),
            next_id: 1,
        }
    }
}

impl<T> Store<T> {
    /// An empty store; the first id is 1.
    pub fn new() -> Store<T> {
        Store::default()
    }

    /// The id the next [`Store::insert`] assigns.
    pub fn next_id(&self) -> i64 {
        self.next_id
    }

    /// Stores `record` under a new id and returns the id.
    pub fn insert(&mut self, record: T) -> i64 {
        self.insert_with(|_| record)
    }

    /// Stores the record `make` builds from its new id (so it can carry it).
    pub fn insert_with(&mut self, make: impl FnOnce(i64) -> T) -> i64 {
        let id = self.next_id;
        self.next_id = id.saturating_add(1);
        self.records.insert(id, make(id));
        id
    }

    /// Stores `record` under `id` (seed data), replacing any record there and
    /// moving the next id past it; returns the replaced record.
    pub fn insert_at(&mut self, id: i64, record: T) -> Option<T> {
        self.next_id = self.next_id.max(id.saturating_add(1));
        self.records.insert(id, record)
    }

    /// The record with `id`.
    pub fn get(&self, id: i64) -> Option<&T> {
        self.records.get(&id)
    }

    /// The record with `id`, to change in place.
    pub fn get_mut(&mut self, id: i64) -> Option<&mut T> {
        self.records.get_mut(&id)
    }

    /// Replaces the record with `id` and returns the old one; `None` (and
    /// nothing stored) when there is no such record.
    pub fn update(&mut self, id: i64, record: T) -> Option<T> {
        let slot = self.records.get_mut(&id)?;
        Some(std::mem::replace(slot, record))
    }

    /// Removes and returns the record with `id`.
    pub fn delete(&mut self, id: i64) -> Option<T> {
        self.records.remove(&id)
    }

    /// Whether a record has `id`.
    pub fn contains(&self, id: i64) -> bool {
        self.records.contains_key(&id)
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there is no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// `(id, record)` in id order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (i64, &T)> {
        self.records.iter().map(|(id, r)| (*id, r))
    }

    /// The records in id order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.records.values()
    }

    /// The first record (in id order) matching `predicate`, with its id.
    pub fn find(&self, mut predicate: impl FnMut(&T) -> bool) -> Option<(i64, &T)> {
        self.iter().find(|(_, r)| predicate(r))
    }

    /// Keeps only the records for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(i64, &mut T) -> bool) {
        self.records.retain(|id, r| keep(*id, r));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_never_reused_and_missing_updates_store_nothing() {
        let mut store = Store::new();
        let a = store.insert("a");
        let b = store.insert("b");
        assert_eq!((a, b), (1, 2));
        assert_eq!(store.delete(b), Some("b"));
        assert_eq!(store.insert("c"), 3);
        assert_eq!(store.update(99, "x"), None);
        assert!(!store.contains(99));
        assert_eq!(store.insert_at(2, "b again"), None);
        assert_eq!(store.next_id(), 4);
        assert_eq!(store.insert_at(1, "a2"), Some("a"));
        assert_eq!(store.find(|r| r.starts_with('c')), Some((3, &"c")));
        store.retain(|id, _| id != 1);
        assert_eq!(
            store.values().copied().collect::<Vec<_>>(),
            ["b again", "c"]
        );
        assert!(!store.is_empty());
    }
}
