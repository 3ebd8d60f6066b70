//! Lists: filters, ordering and Halo's pagination (with its quirks).
//!
//! Paginated lists (the spec gives them `pageinate` / `page_no`):
//! - `pageinate=true`: 1-based `page_no` (default 1; below 1 → 1), `page_size`
//!   (default 50, capped at 100 silently; `/Asset` always serves 50), and
//!   `{"record_count": <all matching>, "<key>": [page]}`.
//! - Without it: the first 50 matching records, still with `record_count` (silent
//!   truncation).
//!
//! Unpaginated lists (no paging parameters in the spec) ignore `pageinate`,
//! `page_size` and `page_no` entirely and return every matching record:
//! - `/Actions`: `{"record_count": <n>, "actions": [all]}`.
//! - Configuration lists (`/Status`, `/Priority`, `/Category`, `/Team`, `/Agent`,
//!   `/TicketType`, `/Workflow`, `/SLA`): a bare array, as halopsa.md notes Halo
//!   returns them; or `{"<key>": [all]}` without `record_count` when the fake is
//!   configured with [`FakeConfig::config_lists_wrapped`](super::FakeConfig::config_lists_wrapped).
//!
//! Everywhere, `count=N` keeps the first N matching records.
//!
//! Filters: `client_id`, `site_id`, `user_id`, `agent_id`, `status_id`,
//! `ticket_id`, `action_id`, `supplier_id`, `contract_id` and `lookupid` (a
//! record matches when its field has the value), `search`, `open_only` and
//! `closed_only` (and on `/Actions` `excludeprivate` and `timeentriesonly`).
//! `/Tickets` and `/Opportunities` also take the spec's "array of int"
//! filters, sent as comma-separated ids: `status` (status ids), `agent` (agent
//! ids), `client_ids`, `requesttype` (ticket types; `requesttype_id` is the
//! single one), `priority` (priority numbers), `sla` and `team` (team ids —
//! the spec says "Team ID's", while a ticket carries its team by name in
//! `team`, so an id is looked up in `/Team` and a record matches when its
//! `team` is that team's name, case-insensitively, or its `team_id`, if it
//! has one, is the id). A record matches a list filter
//! when its field is any of the listed ids; every filter given must match. A
//! part that is not an integer is a 400.
//!
//! A list named in [`FakeConfig::bare_array_lists`](super::FakeConfig::bare_array_lists)
//! ignores the paging parameters whatever its kind and answers with the first 50
//! matching records as a bare array, without `record_count`.

use std::cmp::Ordering;

use neo_auth_core::testkit::{Query, Reply, numbered_page};
use serde_json::{Map, Value, json};

use super::FakeConfig;
use super::catalog::{Kind, ResourceDef};
use super::replies;

/// Halo's page size when none applies (the API agent's default).
const DEFAULT_PAGE: usize = 50;
/// Halo's maximum page size.
const MAX_PAGE: usize = 100;
/// Fields `search` looks in.
const SEARCHED: &[&str] = &["name", "summary", "subject", "title", "inventory_number"];
/// Numeric filters: a record matches when its field has this value.
const FILTERS: &[&str] = &[
    "client_id",
    "site_id",
    "user_id",
    "agent_id",
    "status_id",
    "ticket_id",
    "action_id",
    "supplier_id",
    "contract_id",
    "lookupid",
];
/// Halo's Closed status.
const CLOSED: i64 = 9;
/// Lists that take the "array of int" filters `status`, `agent`, `team`,
/// `client_ids`, `requesttype` (ticket types, also as the single
/// `requesttype_id`), `priority` and `sla`.
const LIST_FILTERED: &[&str] = &["Tickets", "Opportunities"];
/// "Array of int" filters: a record matches when its field is any of the ids.
const LIST_FILTERS: &[(&str, &str)] = &[
    ("status", "status_id"),
    ("agent", "agent_id"),
    ("client_ids", "client_id"),
    ("requesttype", "tickettype_id"),
    ("requesttype_id", "tickettype_id"),
    ("priority", "priority_id"),
    ("sla", "sla_id"),
];

/// How the fake's configuration shapes one list reply.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Shape {
    /// The login agent sees none of this list's records
    /// ([`FakeConfig::hides_from_agent`](super::FakeConfig::hides_from_agent)).
    pub(crate) sees_nothing: bool,
    /// Configuration lists come wrapped without `record_count`.
    pub(crate) config_wrapped: bool,
    /// The list ignores paging and answers with the first 50 rows, bare.
    pub(crate) bare_default_page: bool,
}

impl Shape {
    /// The shape of `def`'s list under `config`.
    pub(crate) fn of(config: &FakeConfig, def: &ResourceDef) -> Shape {
        Shape {
            sees_nothing: config.hides_from_agent(def.path),
            config_wrapped: config.config_lists_wrapped,
            bare_default_page: config.is_bare_array_list(def.path),
        }
    }
}

/// The `team` filter: the listed team ids and the names of those that exist.
struct TeamFilter<'a> {
    ids: Vec<i64>,
    names: Vec<&'a str>,
}

impl TeamFilter<'_> {
    fn matches(&self, record: &Value) -> bool {
        number(record, "team_id").is_some_and(|t| self.ids.iter().any(|id| *id as f64 == t))
            || record
                .get("team")
                .and_then(Value::as_str)
                .is_some_and(|team| self.names.iter().any(|n| n.eq_ignore_ascii_case(team)))
    }
}

/// Answers a list request over `records` (in id order); `team_name` gives the
/// name of a team id (for the `team` filter).
pub(crate) fn list<'a, 't>(
    def: &ResourceDef,
    records: impl Iterator<Item = &'a Value>,
    query: &Query,
    shape: Shape,
    team_name: &dyn Fn(i64) -> Option<&'t str>,
) -> Reply {
    let mut filters = Vec::new();
    for name in FILTERS {
        match query.int(name) {
            Ok(Some(value)) => filters.push((*name, value)),
            Ok(None) => {}
            Err(bad) => return replies::bad_request(&bad.to_string()),
        }
    }
    let mut any_of: Vec<(&str, Vec<i64>)> = Vec::new();
    let mut teams = None;
    if LIST_FILTERED.contains(&def.path) {
        for (name, field) in LIST_FILTERS {
            match query.int_list(name) {
                Ok(Some(ids)) => any_of.push((*field, ids)),
                Ok(None) => {}
                Err(bad) => return replies::bad_request(&bad.to_string()),
            }
        }
        match query.int_list("team") {
            Ok(Some(ids)) => {
                let names = ids.iter().filter_map(|id| team_name(*id)).collect();
                teams = Some(TeamFilter { ids, names });
            }
            Ok(None) => {}
            Err(bad) => return replies::bad_request(&bad.to_string()),
        }
    }
    let search = query.get("search").map(str::to_lowercase);
    let (open_only, closed_only) = (query.flag("open_only"), query.flag("closed_only"));
    // `/Actions`: only public actions, only time entries.
    let (public_only, time_only) = (query.flag("excludeprivate"), query.flag("timeentriesonly"));
    let mut rows: Vec<&Value> = records
        .filter(|_| !shape.sees_nothing)
        .filter(|r| {
            filters
                .iter()
                .all(|(field, value)| number(r, field) == Some(*value as f64))
        })
        .filter(|r| {
            any_of.iter().all(|(field, ids)| {
                number(r, field).is_some_and(|v| ids.iter().any(|id| *id as f64 == v))
            })
        })
        .filter(|r| teams.as_ref().is_none_or(|t| t.matches(r)))
        .filter(|r| search.as_deref().is_none_or(|s| matches_search(r, s)))
        .filter(|r| !open_only || number(r, "status_id") != Some(CLOSED as f64))
        .filter(|r| !closed_only || number(r, "status_id") == Some(CLOSED as f64))
        .filter(|r| !public_only || r.get("hiddenfromuser") != Some(&Value::Bool(true)))
        .filter(|r| !time_only || number(r, "timetaken").is_some_and(|t| t > 0.0))
        .collect();
    order(&mut rows, query);
    if let Some(count) = query.int_lenient("count") {
        rows.truncate(usize::try_from(count).unwrap_or(0));
    }
    if shape.bare_default_page {
        let page: Vec<Value> = rows.into_iter().take(DEFAULT_PAGE).cloned().collect();
        return Reply::json(200, &Value::Array(page));
    }
    let total = rows.len();
    let all = || Value::Array(rows.iter().copied().cloned().collect());
    match def.kind {
        Kind::Config if shape.config_wrapped => {
            let mut body = Map::new();
            body.insert(def.key.to_owned(), all());
            return Reply::json(200, &Value::Object(body));
        }
        Kind::Config => return Reply::json(200, &all()),
        Kind::Unpaged => {
            let mut body = Map::new();
            body.insert("record_count".to_owned(), json!(total));
            body.insert(def.key.to_owned(), all());
            return Reply::json(200, &Value::Object(body));
        }
        Kind::Paged | Kind::FixedFifty => {}
    }
    let (page_no, size) = if query.flag("pageinate") {
        let size = match def.kind {
            Kind::FixedFifty => DEFAULT_PAGE,
            _ => query
                .int_lenient("page_size")
                .and_then(|s| usize::try_from(s).ok())
                .filter(|s| *s > 0)
                .map_or(DEFAULT_PAGE, |s| s.min(MAX_PAGE)),
        };
        (
            query.int_lenient("page_no").filter(|p| *p > 1).unwrap_or(1),
            size,
        )
    } else {
        (1, DEFAULT_PAGE)
    };
    let page: Vec<Value> = numbered_page(&rows, page_no, size, 1)
        .items
        .iter()
        .copied()
        .cloned()
        .collect();
    let mut body = Map::new();
    body.insert("record_count".to_owned(), json!(total));
    body.insert(def.key.to_owned(), Value::Array(page));
    if def.path == "Tickets" {
        body.insert("include_children".to_owned(), json!(false));
    }
    Reply::json(200, &Value::Object(body))
}

/// A numeric field (Halo sends some ids as doubles).
fn number(record: &Value, field: &str) -> Option<f64> {
    match record.get(field)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn matches_search(record: &Value, needle: &str) -> bool {
    SEARCHED.iter().any(|field| {
        record
            .get(*field)
            .and_then(Value::as_str)
            .is_some_and(|v| v.to_lowercase().contains(needle))
    })
}

/// `order=<field>` (ascending, or descending with `orderdesc=true`); a field name
/// given as `orderdesc=<field>` sorts descending by it. Ties keep id order.
fn order(rows: &mut [&Value], query: &Query) {
    let desc_value = query.get("orderdesc");
    let desc_is_flag = desc_value.is_none_or(|v| {
        ["true", "false", "1", "0"]
            .iter()
            .any(|f| v.eq_ignore_ascii_case(f))
    });
    let (field, descending) = match (query.get("order"), desc_value) {
        (Some(field), _) => (field, query.flag("orderdesc")),
        (None, Some(field)) if !desc_is_flag => (field, true),
        (None, Some(_)) => ("id", query.flag("orderdesc")),
        (None, None) => return,
    };
    let field = field.to_lowercase();
    rows.sort_by(|a, b| {
        let ordering = compare(a.get(&field), b.get(&field));
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
}

/// Orders JSON values: numbers numerically, strings case-insensitively, booleans
/// false first; missing and `null` after everything else.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    fn rank(v: Option<&Value>) -> u8 {
        match v {
            Some(Value::Number(_)) => 0,
            Some(Value::String(_)) => 1,
            Some(Value::Bool(_)) => 2,
            Some(Value::Array(_) | Value::Object(_)) => 3,
            Some(Value::Null) | None => 4,
        }
    }
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&y.as_f64().unwrap_or(0.0)),
        (Some(Value::String(x)), Some(Value::String(y))) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}
