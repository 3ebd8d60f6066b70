//! The records the fake holds: one table per resource, actions keyed by
//! `(ticket_id, id)` because Halo numbers actions per ticket.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::catalog::ResourceDef;

/// One resource's records by id (for priorities: by `priorityid`).
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// The records, in id order.
    pub(crate) records: BTreeMap<i64, Value>,
    /// The next id to assign (ids are never reused, like an identity column).
    next_id: i64,
}

/// Every record.
#[derive(Debug, Default)]
pub(crate) struct Store {
    tables: HashMap<&'static str, Table>,
    /// Actions by `(ticket_id, action id)`.
    pub(crate) actions: BTreeMap<(i64, i64), Value>,
}

impl Store {
    /// The table of `path` (empty if nothing was ever stored).
    pub(crate) fn table(&self, path: &str) -> Option<&Table> {
        self.tables.get(path)
    }

    /// The table of `path`, created on first use.
    pub(crate) fn table_mut(&mut self, path: &'static str) -> &mut Table {
        self.tables.entry(path).or_insert_with(|| Table {
            records: BTreeMap::new(),
            next_id: 1,
        })
    }

    /// Stores a record under `key`.
    pub(crate) fn insert(&mut self, path: &'static str, key: i64, record: Value) {
        let table = self.table_mut(path);
        table.next_id = table.next_id.max(key.saturating_add(1));
        table.records.insert(key, record);
    }

    /// Takes the next id of `path`.
    pub(crate) fn next_id(&mut self, path: &'static str) -> i64 {
        let table = self.table_mut(path);
        let id = table.next_id;
        table.next_id = id.saturating_add(1);
        id
    }

    /// The key of the record `id` names: its number, or for string-id resources
    /// (priorities) its `id` string (case-insensitive) — never the internal number.
    pub(crate) fn find(&self, def: &ResourceDef, id: &str) -> Option<i64> {
        let table = self.table(def.path)?;
        if def.string_id {
            return table
                .records
                .iter()
                .find(|(_, r)| {
                    r.get("id")
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.eq_ignore_ascii_case(id))
                })
                .map(|(k, _)| *k);
        }
        id.parse::<i64>()
            .ok()
            .filter(|key| table.records.contains_key(key))
    }

    /// One record.
    pub(crate) fn get(&self, path: &str, key: i64) -> Option<&Value> {
        self.table(path)?.records.get(&key)
    }

    /// The number of records of `path`.
    pub(crate) fn len(&self, path: &str) -> usize {
        self.table(path).map_or(0, |t| t.records.len())
    }

    /// The actions of one ticket, in id order.
    pub(crate) fn actions_of(&self, ticket_id: i64) -> impl Iterator<Item = &Value> {
        self.actions
            .range((ticket_id, i64::MIN)..=(ticket_id, i64::MAX))
            .map(|(_, v)| v)
    }

    /// The id a new action on `ticket_id` gets: the ticket's highest action id + 1.
    pub(crate) fn next_action_id(&self, ticket_id: i64) -> i64 {
        self.actions
            .range((ticket_id, i64::MIN)..=(ticket_id, i64::MAX))
            .next_back()
            .map_or(1, |((_, id), _)| id.saturating_add(1).max(1))
    }

    /// Removes a ticket's actions (when the ticket is deleted).
    pub(crate) fn remove_actions_of(&mut self, ticket_id: i64) {
        self.actions.retain(|(t, _), _| *t != ticket_id);
    }
}
