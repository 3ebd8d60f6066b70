//! The records the fake holds, on the core's id [`Store`]: one store per
//! resource, and the actions one store per ticket because Halo numbers actions
//! per ticket.

use std::collections::{BTreeMap, HashMap};

use neo_auth_core::testkit::Store;
use serde_json::Value;

use super::catalog::ResourceDef;

/// Every record of the fake.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    resources: HashMap<&'static str, Store<Value>>,
    /// Actions by ticket id, each ticket's numbered from 1.
    actions: BTreeMap<i64, Store<Value>>,
    /// Attachment files by attachment id (`GET /Attachment/{id}` serves them).
    files: BTreeMap<i64, Vec<u8>>,
}

impl Tables {
    /// The records of `path` in id order (none if nothing was ever stored).
    pub(crate) fn records(&self, path: &str) -> impl Iterator<Item = (i64, &Value)> {
        self.resources.get(path).into_iter().flat_map(Store::iter)
    }

    /// The store of `path`, created on first use.
    pub(crate) fn table_mut(&mut self, path: &'static str) -> &mut Store<Value> {
        self.resources.entry(path).or_default()
    }

    /// Stores a seed record of `path` under `key`.
    pub(crate) fn insert(&mut self, path: &'static str, key: i64, record: Value) {
        self.table_mut(path).insert_at(key, record);
    }

    /// The key of the record `id` names: its number, or for string-id resources
    /// (priorities) its `id` string (case-insensitive) — never the internal number.
    pub(crate) fn find(&self, def: &ResourceDef, id: &str) -> Option<i64> {
        let table = self.resources.get(def.path)?;
        if def.string_id {
            return table
                .find(|r| {
                    r.get("id")
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.eq_ignore_ascii_case(id))
                })
                .map(|(key, _)| key);
        }
        id.parse::<i64>().ok().filter(|key| table.contains(*key))
    }

    /// One record.
    pub(crate) fn get(&self, path: &str, key: i64) -> Option<&Value> {
        self.resources.get(path)?.get(key)
    }

    /// The number of records of `path`.
    pub(crate) fn len(&self, path: &str) -> usize {
        self.resources.get(path).map_or(0, Store::len)
    }

    /// Removes a record (a ticket with its actions).
    pub(crate) fn remove(&mut self, path: &'static str, key: i64) -> Option<Value> {
        let removed = self.table_mut(path).delete(key);
        if removed.is_some() && path == "Tickets" {
            self.actions.remove(&key);
        }
        if removed.is_some() && path == "Attachment" {
            self.files.remove(&key);
        }
        removed
    }

    /// Stores the file of attachment `id`.
    pub(crate) fn insert_file(&mut self, id: i64, content: Vec<u8>) {
        self.files.insert(id, content);
    }

    /// The file of attachment `id`.
    pub(crate) fn file(&self, id: i64) -> Option<&[u8]> {
        self.files.get(&id).map(Vec::as_slice)
    }

    /// Stores a seed action of `ticket` under `id`.
    pub(crate) fn insert_action(&mut self, ticket: i64, id: i64, record: Value) {
        self.actions
            .entry(ticket)
            .or_default()
            .insert_at(id, record);
    }

    /// The actions of one ticket, in id order.
    pub(crate) fn actions_of(&self, ticket: i64) -> impl Iterator<Item = &Value> {
        self.actions
            .get(&ticket)
            .into_iter()
            .flat_map(Store::values)
    }

    /// Action `id` of `ticket`.
    pub(crate) fn action(&self, ticket: i64, id: i64) -> Option<&Value> {
        self.actions.get(&ticket)?.get(id)
    }

    /// Action `id` of `ticket`, to change in place.
    pub(crate) fn action_mut(&mut self, ticket: i64, id: i64) -> Option<&mut Value> {
        self.actions.get_mut(&ticket)?.get_mut(id)
    }

    /// Adds an action to `ticket` under the ticket's next id, built from it.
    pub(crate) fn add_action(&mut self, ticket: i64, make: impl FnOnce(i64) -> Value) -> i64 {
        self.actions.entry(ticket).or_default().insert_with(make)
    }

    /// Removes action `id` of `ticket`.
    pub(crate) fn remove_action(&mut self, ticket: i64, id: i64) -> Option<Value> {
        self.actions.get_mut(&ticket)?.delete(id)
    }

    /// Every action, across all tickets.
    pub(crate) fn action_count(&self) -> usize {
        self.actions.values().map(Store::len).sum()
    }
}
