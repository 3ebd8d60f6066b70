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
//! A list named in [`FakeConfig::bare_array_lists`](super::FakeConfig::bare_array_lists)
//! ignores the paging parameters whatever its kind and answers with the first 50
//! matching records as a bare array, without `record_count`.

use std::cmp::Ordering;

use serde_json::{Map, Value, json};
use wiremock::ResponseTemplate;

use super::FakeConfig;
use super::catalog::{Kind, ResourceDef};
use super::query::Query;
use super::reply;

/// Halo's page size when none applies (the API agent's default).
const DEFAULT_PAGE: usize = 50;
/// Halo's maximum page size.
const MAX_PAGE: usize = 100;
/// Fields `search` looks in.
const SEARCHED: &[&str] = &["name", "summary", "subject", "title", "inventory_number"];
/// Numeric filters: a record matches when its field has this value.
const FILTERS: &[&str] = &["client_id", "site_id", "user_id", "agent_id", "status_id"];
/// Halo's Closed status.
const CLOSED: i64 = 9;

/// How the fake's configuration shapes one list reply.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Shape {
    /// The login agent sees no records (configuration lists excepted).
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
            sees_nothing: config.agent_sees_nothing,
            config_wrapped: config.config_lists_wrapped,
            bare_default_page: config.is_bare_array_list(def.path),
        }
    }
}

/// Answers a list request over `records` (in id order).
pub(crate) fn list<'a>(
    def: &ResourceDef,
    records: impl Iterator<Item = &'a Value>,
    query: &Query,
    shape: Shape,
) -> ResponseTemplate {
    let mut filters = Vec::new();
    for name in FILTERS {
        match query.int(name) {
            Ok(Some(value)) => filters.push((*name, value)),
            Ok(None) => {}
            Err(message) => return reply::bad_request(&message),
        }
    }
    let search = query.get("search").map(str::to_lowercase);
    let (open_only, closed_only) = (query.flag("open_only"), query.flag("closed_only"));
    let hidden = shape.sees_nothing && def.kind != Kind::Config;
    let mut rows: Vec<&Value> = records
        .filter(|_| !hidden)
        .filter(|r| {
            filters
                .iter()
                .all(|(field, value)| number(r, field) == Some(*value as f64))
        })
        .filter(|r| search.as_deref().is_none_or(|s| matches_search(r, s)))
        .filter(|r| !open_only || number(r, "status_id") != Some(CLOSED as f64))
        .filter(|r| !closed_only || number(r, "status_id") == Some(CLOSED as f64))
        .collect();
    order(&mut rows, query);
    if let Some(count) = query.int_lenient("count") {
        rows.truncate(usize::try_from(count).unwrap_or(0));
    }
    if shape.bare_default_page {
        let page: Vec<Value> = rows.into_iter().take(DEFAULT_PAGE).cloned().collect();
        return reply::json(200, &Value::Array(page));
    }
    let total = rows.len();
    let all = || Value::Array(rows.iter().copied().cloned().collect());
    match def.kind {
        Kind::Config if shape.config_wrapped => {
            let mut body = Map::new();
            body.insert(def.key.to_owned(), all());
            return reply::json(200, &Value::Object(body));
        }
        Kind::Config => return reply::json(200, &all()),
        Kind::Unpaged => {
            let mut body = Map::new();
            body.insert("record_count".to_owned(), json!(total));
            body.insert(def.key.to_owned(), all());
            return reply::json(200, &Value::Object(body));
        }
        Kind::Paged | Kind::FixedFifty => {}
    }
    let (skip, take) = if query.flag("pageinate") {
        let size = match def.kind {
            Kind::FixedFifty => DEFAULT_PAGE,
            _ => query
                .int_lenient("page_size")
                .and_then(|s| usize::try_from(s).ok())
                .filter(|s| *s > 0)
                .map_or(DEFAULT_PAGE, |s| s.min(MAX_PAGE)),
        };
        let page = query.int_lenient("page_no").filter(|p| *p > 1).unwrap_or(1);
        let skip = usize::try_from(page - 1)
            .unwrap_or(usize::MAX)
            .saturating_mul(size);
        (skip, size)
    } else {
        (0, DEFAULT_PAGE)
    };
    let page: Vec<Value> = rows.into_iter().skip(skip).take(take).cloned().collect();
    let mut body = Map::new();
    body.insert("record_count".to_owned(), json!(total));
    body.insert(def.key.to_owned(), Value::Array(page));
    if def.path == "Tickets" {
        body.insert("include_children".to_owned(), json!(false));
    }
    reply::json(200, &Value::Object(body))
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
